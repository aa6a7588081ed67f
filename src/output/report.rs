//! What every report of the counts shares: its rows, the code of each as JSON and as shown,
//! and its closing lines, written where the format puts them. The reports themselves are
//! `summary` (per code), `shares` (per category or retry class), `chart` (per time bucket) and
//! `diff` (two inputs compared).

use std::io::{self, Write};

use serde::Serialize;

use crate::explain::problems::{LeftOut, Problems};
use crate::explain::summary::{Code, Group, Key, Span, Summary, Uncoded};
use crate::explain::timeline::Buckets;
use crate::input::{Api, Skip};
use crate::lang::Lang;
use crate::output::counted;
use crate::output::envelope::meaning;
use crate::output::problems::{counted_text, skip_text};
use crate::settings::Format;
use crate::table::{Retry, Row, Table};
use crate::text::escape;

#[derive(Serialize, Clone)]
#[serde(untagged)]
pub(crate) enum JsonCode<'a> {
    Number(i128),
    Text(&'a str),
    Other(&'static str),
    None(Option<()>),
}

/// The most rows a terminal table shows: more is not read, and costs memory to lay out
/// (`--format plain` and `json` write every row).
pub const MAX_TABLE_ROWS: usize = 1_000;

/// How the summary is laid out.
#[derive(Debug, Clone, Copy, Default)]
pub struct Layout {
    /// Per category or retry class instead of per code.
    pub group: Option<Group>,
    /// At most this many rows (`--top`).
    pub top: Option<usize>,
}

/// One row of the summary, as the outputs need it.
pub(crate) struct SummaryRow<'a> {
    pub(crate) api: Api,
    pub(crate) code: JsonCode<'a>,
    /// The code as shown (escaped).
    pub(crate) shown: String,
    pub(crate) count: u64,
    pub(crate) errors: u64,
    pub(crate) rows: &'a [Row],
    /// For the row of codes after the first 10,000: how many distinct codes it holds (about).
    pub(crate) distinct: Option<u64>,
    pub(crate) seen: Span,
    pub(crate) request_ids: &'a [String],
    /// With `--by`: per time bucket.
    pub(crate) buckets: Option<&'a Buckets>,
    /// With `--live`: per slot of the last minutes.
    pub(crate) recent: Option<&'a crate::explain::recent::Recent>,
}

impl SummaryRow<'_> {
    /// The category of its code, when the table gives one.
    pub(crate) fn category(&self) -> Option<&str> {
        self.rows.first().and_then(|r| r.category.as_deref())
    }

    /// The retry class of its code, when the table gives one.
    pub(crate) fn retry(&self) -> Option<Retry> {
        self.rows.first().and_then(|r| r.retry)
    }

    /// What to do about its errors, in `lang`: its code's hint; none for a success (nothing to
    /// do) or a code the table lacks. Not escaped.
    pub(crate) fn hint(&self, lang: Lang) -> Option<&str> {
        first_hint(self.rows, lang)
    }
}

/// The hint of the first of a code's rows, none for a success: what GitHub and Markdown
/// readers act on. Not escaped.
pub(crate) fn first_hint(rows: &[Row], lang: Lang) -> Option<&str> {
    let row = rows.first()?;
    match row.category.as_deref() {
        Some("success") => None,
        _ => crate::output::hint(row, lang),
    }
}

/// The rows of `summary`, most frequent first, with the row of codes past the first 10,000
/// last: what every report of it shows.
pub(crate) fn rows<'a>(summary: &'a Summary, table: &'a Table) -> Vec<SummaryRow<'a>> {
    let mut counts: Vec<SummaryRow<'a>> = summary
        .entries()
        .iter()
        .map(|e| {
            let (code, shown, rows) = resolve(&e.key, table);
            SummaryRow {
                api: e.key.api,
                code,
                shown,
                count: e.count,
                errors: e.errors,
                rows,
                distinct: None,
                seen: e.seen,
                request_ids: &e.request_ids,
                buckets: Some(&e.buckets),
                recent: e.recent.as_deref(),
            }
        })
        .collect();
    counts.sort_by_key(|r| std::cmp::Reverse(r.count));
    if summary.other > 0 {
        counts.push(SummaryRow {
            api: Api::Legacy,
            code: JsonCode::Other("other"),
            shown: "other".to_string(),
            count: summary.other,
            errors: summary.other_errors,
            rows: &[],
            distinct: Some(summary.other_codes.estimate()),
            seen: summary.other_seen,
            request_ids: &[],
            buckets: None,
            recent: None,
        });
    }
    counts
}

/// A report of the counts (per code, per group, two inputs compared), which each format
/// renders its own way. The format is chosen once, in [`write`]; a report can be rendered
/// again, as often as asked, from what it holds.
pub(crate) trait Report {
    /// As a Markdown table.
    fn markdown(&self, out: &mut impl Write) -> io::Result<()>;
    /// As GitHub workflow commands.
    fn github(&self, out: &mut impl Write) -> io::Result<()>;
    /// As JSON.
    fn json(&self, out: &mut impl Write) -> io::Result<()>;
    /// As tab-separated lines.
    fn plain(&self, out: &mut impl Write) -> io::Result<()>;
    /// As a table fitted to the width (the human layout).
    fn table(&self, out: &mut impl Write) -> io::Result<()>;
    /// The closing lines: totals, shares, what was skipped.
    fn closing(&self, out: &mut dyn Write) -> io::Result<()>;
}

/// Writes `report` in `settings`' format, then its closing lines where the format puts them.
pub(crate) fn write(
    report: &impl Report,
    out: &mut impl Write,
    err: &mut impl Write,
    settings: &crate::settings::Settings,
) -> io::Result<()> {
    let format = settings.rows_format();
    match format {
        Format::Markdown => report.markdown(out)?,
        Format::Github => report.github(out)?,
        Format::Json => report.json(out)?,
        Format::Plain => report.plain(out)?,
        Format::Table | Format::Human => {
            // Every line of words (notes, totals, what was cut or skipped) fitted to the
            // width, as the tables and charts above them are.
            let mut text = Vec::new();
            report.table(&mut text)?;
            close(&mut text, err, format, |w| report.closing(w))?;
            return fit_lines(out, &text, usize::from(settings.width));
        }
    }
    close(out, err, format, |w| report.closing(w))
}

/// `text` written with each uncoloured line wider than `width` wrapped, continuation lines
/// indented; a coloured line (already fitted where it is written) as it is.
fn fit_lines(out: &mut impl Write, text: &[u8], width: usize) -> io::Result<()> {
    let text = String::from_utf8_lossy(text);
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n');
        if bare.contains('\u{1b}') || crate::text::width(bare) <= width {
            out.write_all(line.as_bytes())?;
            continue;
        }
        let mut spans = super::wrap::Spans::default();
        spans.text(bare);
        let palette = crate::settings::Palette::new(false);
        super::wrap::write_wrapped(out, &spans, palette, width, "", "    ")?;
    }
    Ok(())
}

/// The closing lines of a report (totals, shares, what was skipped), written by `lines` where
/// `format` puts them: after a terminal table on stdout; as a list after a Markdown table; on
/// stderr after plain, JSON or GitHub rows, which stdout holds alone (a failure to write them
/// there is no failure of the report).
fn close(
    out: &mut impl Write,
    err: &mut impl Write,
    format: Format,
    lines: impl Fn(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    match format {
        Format::Table | Format::Human => lines(out),
        Format::Markdown => {
            let mut after = Vec::new();
            lines(&mut after)?;
            super::markdown::list(out, &after)?;
            out.flush()
        }
        Format::Plain | Format::Json | Format::Github => {
            out.flush()?;
            lines(err).ok();
            Ok(())
        }
    }
}

/// A summary key as output needs it: the code as JSON, the code as shown (escaped), and the
/// table's rows for it (the one `Message` named, for a code with several meanings).
pub(crate) fn resolve<'a>(key: &'a Key, table: &'a Table) -> (JsonCode<'a>, String, &'a [Row]) {
    use crate::table::answers;
    match &key.code {
        // An HTTP error status with no envelope has no code: its row is the status.
        Some(Code::Number(n)) if key.api == Api::Http => {
            let rows = u16::try_from(*n)
                .ok()
                .and_then(answers::http_error)
                .unwrap_or(&[]);
            (JsonCode::None(None), format!("HTTP {n}"), rows)
        }
        Some(Code::Number(n)) => {
            let rows = match key.api {
                Api::Legacy => u64::try_from(*n).map_or(&[][..], |c| table.lookup(c)),
                Api::V3 | Api::Http => &[][..],
            };
            // The meaning Message named, when the code has several.
            let rows = match key.meaning.map(usize::from) {
                Some(m) if m < rows.len() => &rows[m..=m],
                _ => rows,
            };
            (JsonCode::Number(*n), n.to_string(), rows)
        }
        Some(Code::Text(t)) => {
            let rows = match key.api {
                Api::V3 => crate::table::v3::V3Table::builtin().lookup(t),
                Api::Legacy | Api::Http => &[][..],
            };
            (JsonCode::Text(t), escape(t).into_owned(), rows)
        }
        // API 3.0 without a code: a success, or an Error without a Code.
        None if key.api == Api::V3 => {
            let rows = match key.uncoded {
                Uncoded::Error => answers::v3_without_code(),
                Uncoded::SdkClient => answers::sdk_client_without_code(),
                Uncoded::SdkUnprinted => answers::sdk_code_unprinted(),
                Uncoded::No => answers::v3_success(),
            };
            (JsonCode::None(None), "-".to_string(), rows)
        }
        None => (JsonCode::None(None), "-".to_string(), &[][..]),
    }
}

/// The meanings of a code, in the chosen language.
pub(crate) fn summary_meaning(rows: &[Row], lang: Lang) -> String {
    if rows.is_empty() {
        return crate::t!(lang; "(not in the table)", "（不在错误码表中）");
    }
    rows.iter()
        .map(|r| meaning(r, lang))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// How many envelopes, and how many errors.
pub(crate) fn write_totals(out: &mut dyn Write, summary: &Summary, lang: Lang) -> io::Result<()> {
    let (total, errors) = (summary.envelopes, summary.errors);
    let (envelopes, errors_counted) = (
        counted(total, "envelope", "envelopes"),
        counted(errors, "error", "errors"),
    );
    let line = crate::t!(lang;
        "{envelopes}, {errors_counted}",
        "共 {total} 个响应，{errors} 个错误"
    );
    writeln!(out, "{line}")
}

/// How many envelopes fell before `--since` and after `--until`, in words; `None` when none
/// did.
pub(crate) fn left_out_text(left_out: &LeftOut, lang: Lang) -> Option<String> {
    let LeftOut { before, after, .. } = *left_out;
    let fell = |n| counted(n, "envelope fell", "envelopes fell");
    let text = match (before, after) {
        (0, 0) => return None,
        (0, after) => {
            let after_fell = fell(after);
            crate::t!(lang;
                "{after_fell} after --until",
                "时间窗口外：{after} 个响应晚于 --until"
            )
        }
        (before, 0) => {
            let before_fell = fell(before);
            crate::t!(lang;
                "{before_fell} before --since",
                "时间窗口外：{before} 个响应早于 --since"
            )
        }
        (before, after) => {
            let before_fell = fell(before);
            crate::t!(lang;
                "{before_fell} before --since, {after} after --until",
                "时间窗口外：{before} 个响应早于 --since，{after} 个晚于 --until"
            )
        }
    };
    Some(text)
}

/// One line on the envelopes `--since` and `--until` left out, when they left any out by
/// their times: without it, a window that holds nothing reads as a log that holds nothing.
pub fn write_left_out(out: &mut dyn Write, left_out: &LeftOut, lang: Lang) -> io::Result<()> {
    match left_out_text(left_out, lang) {
        Some(text) => writeln!(out, "{text}"),
        None => Ok(()),
    }
}

/// One line on what was passed over, when anything was.
pub fn write_skipped(out: &mut dyn Write, problems: &Problems, lang: Lang) -> io::Result<()> {
    let skipped: u64 = problems.skipped.iter().sum();
    if skipped == 0 && problems.broken == 0 && problems.no_body == 0 {
        return Ok(());
    }
    let mut parts: Vec<String> = Skip::ALL
        .iter()
        .filter(|r| problems.skipped[**r as usize] > 0)
        .map(|r| format!("{} {}", problems.skipped[*r as usize], skip_text(*r, lang)))
        .collect();
    if problems.broken > 0 {
        parts.push(format!("{} {}", problems.broken, counted_text(true, lang)));
    }
    if problems.no_body > 0 {
        parts.push(format!(
            "{} {}",
            problems.no_body,
            counted_text(false, lang)
        ));
    }
    let lines = skipped + problems.broken + problems.no_body;
    let plural = if lines == 1 { "" } else { "s" };
    let parts = parts.join(&crate::t!(lang; ", ", "，"));
    let line = crate::t!(lang;
        "skipped {lines} line{plural}: {parts}",
        "跳过 {lines} 行：{parts}"
    );
    writeln!(out, "{line}")
}

/// After a terminal table cut short, how many rows it left out and where they all are.
pub(crate) fn write_rows_cut(out: &mut impl Write, cut: usize, lang: Lang) -> io::Result<()> {
    if cut == 0 {
        return Ok(());
    }
    let more = counted(cut as u64, "more row", "more rows");
    let line = crate::t!(lang;
        "… and {more}: --format plain or json lists every row",
        "……另有 {cut} 行：--format plain 或 json 列出全部"
    );
    writeln!(out, "{line}")
}
