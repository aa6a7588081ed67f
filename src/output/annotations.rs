//! One envelope for other tools: a GitHub workflow annotation per error envelope, or a row of
//! a Markdown table.

use std::io::{self, Write};

use crate::explain::{Finding, Verdict};
use crate::input::{Api, Envelope, Origin};
use crate::lang::Lang;
use crate::output::report::summary_meaning;
use crate::settings::Settings;
use crate::text::escape;

/// The code as written: the legacy `StatusCode`, or the API 3.0 `Error.Code`; `-` without one.
fn code_text(env: &Envelope<'_>, origin: &Origin<'_>, finding: &Finding<'_>) -> String {
    // An HTTP answer with no envelope: its status line (`HTTP 502 Bad Gateway`).
    if let Some(answer) = super::envelope::http_answer(env, origin) {
        return answer;
    }
    match (finding.status_code, env.status_code) {
        (Some(n), _) if env.api == Api::Legacy => n.to_string(),
        (_, Some(v)) => v.text_short(64).into_owned(),
        _ => "-".to_string(),
    }
}

/// The meaning: the table's, or for a code it does not have, the envelope's own `Message`.
fn meaning_text(env: &Envelope<'_>, finding: &Finding<'_>, lang: Lang) -> String {
    // The meaning Message names, when the code has several.
    let rows = match finding.message_matches {
        Some(i) if i < finding.rows.len() => &finding.rows[i..=i],
        _ => finding.rows,
    };
    let known = match rows {
        [row] => escape(&super::envelope::meaning_filled(
            row,
            lang,
            finding.cause.as_deref(),
        ))
        .into_owned(),
        _ => summary_meaning(rows, lang),
    };
    match (finding.rows.is_empty(), env.message) {
        (true, Some(message)) => format!("{known}: {}", message.text_short(200)),
        _ => known,
    }
}

/// What to do about an error envelope: what a contradiction between its codes means, else the
/// hint of the row it matched; not escaped (each format escapes it its own way).
fn hint_text(env: &Envelope<'_>, finding: &Finding<'_>, lang: Lang) -> Option<String> {
    if finding.verdict != Verdict::Error {
        return None;
    }
    super::envelope::contradiction(env, finding, lang).or_else(|| {
        let rows = finding.rows;
        let row = rows.get(finding.message_matches.unwrap_or(0))?;
        crate::output::hint(row, lang).map(str::to_string)
    })
}

/// `::error file=…,line=…,title=errcode CODE::meaning · hint (HTTP … expected; RequestId …)`
/// for an error envelope; nothing for a success.
pub fn write_github(
    out: &mut impl Write,
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    finding: &Finding<'_>,
    settings: &Settings,
) -> io::Result<()> {
    if finding.verdict != Verdict::Error {
        return Ok(());
    }
    let mut properties = Vec::with_capacity(3);
    // Standard input is no file of the repository.
    if origin.file != "-" {
        properties.push(("file", origin.file.to_string()));
        properties.push(("line", origin.line.to_string()));
    }
    properties.push((
        "title",
        format!("errcode {}", code_text(env, origin, finding)),
    ));
    // The title is the code, for a reader's filters whatever the language; the message is
    // read by a person, in --lang.
    let lang = settings.lang;
    let mut message = meaning_text(env, finding, lang);
    // The hint is what a CI reader acts on.
    if let Some(hint) = hint_text(env, finding, lang) {
        message.push_str(&crate::t!(lang; " · hint: {hint}", " · 建议：{hint}"));
    }
    let mut about = Vec::with_capacity(2);
    if env.api != Api::Http {
        about.extend(super::envelope::http_label(finding, lang, "HTTP "));
    }
    if let Some(id) = env.request_id {
        about.push(format!("RequestId {}", id.text_short(64)));
    }
    if !about.is_empty() {
        let about = about.join(&crate::t!(lang; "; ", "；"));
        message.push_str(&crate::t!(lang; " ({about})", "（{about}）"));
    }
    super::github::command(out, "error", &properties, &message)
}

/// The header of the Markdown table of envelopes.
pub fn write_markdown_header(out: &mut impl Write, lang: Lang) -> io::Result<()> {
    let header = [
        crate::t!(lang; "File", "文件"),
        crate::t!(lang; "Line", "行"),
        crate::t!(lang; "Code", "错误码"),
        crate::t!(lang; "Verdict", "结论"),
        "RequestId".to_string(),
        crate::t!(lang; "Meaning", "描述"),
        "HTTP".to_string(),
        crate::t!(lang; "Hint", "建议"),
    ];
    let header = header.each_ref().map(String::as_str);
    super::markdown::table(out, &header, &[false, true], std::iter::empty())
}

/// One envelope as a row of the Markdown table.
pub fn write_markdown_row(
    out: &mut impl Write,
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    finding: &Finding<'_>,
    settings: &Settings,
) -> io::Result<()> {
    let lang = settings.lang;
    let verdict = match finding.verdict {
        Verdict::Success => crate::t!(lang; "success", "成功"),
        Verdict::Error => crate::t!(lang; "error", "错误"),
    };
    let cells = [
        origin.file.to_string(),
        origin.line.to_string(),
        code_text(env, origin, finding),
        verdict.to_string(),
        env.request_id
            .map_or("-".into(), |id| id.text_short(64).into_owned()),
        meaning_text(env, finding, settings.lang),
        // Appended: the HTTP status returned or expected, said which; the hint.
        match env.api {
            Api::Http => None,
            _ => super::envelope::http_label(finding, settings.lang, ""),
        }
        .unwrap_or_else(|| "-".into()),
        hint_text(env, finding, settings.lang).unwrap_or_else(|| "-".into()),
    ];
    let cells: Vec<String> = cells.iter().map(|c| super::markdown::cell(c)).collect();
    writeln!(out, "| {} |", cells.join(" | "))
}
