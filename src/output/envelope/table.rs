//! Envelopes as a table, written row by row as they are read: the column widths are fixed
//! from the width before the first row, so nothing is collected; the code, the RequestId and
//! the meaning wrap in their cells (a row takes as many lines as they need), the place is cut
//! from its start. The Code column grows first once the others have a readable width, so that
//! common API 3.0 codes are whole from about 100 columns; below the width where a legacy code
//! no longer fits, each envelope is written as a record, one field a line.

use std::io::{self, Write};

use super::{
    code_text, envelope_meaning, http_answer_meaning, http_label, http_status, http_statuses,
    place, request_id, HttpSeen,
};
use crate::explain::{Finding, Verdict};
use crate::input::{Envelope, Origin};
use crate::lang::Lang;
use crate::output::records::{write_records_from, Paint, RecordField};
use crate::settings::{Palette, Settings};
use crate::text::{escape, fit, width};

/// The column widths of a table `total` columns wide, or the record layout when it is too
/// narrow for a table; and its words in the chosen language, made once for every row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// `Some(width)`: records, one field a line, instead of a table.
    records: Option<u16>,
    /// How many envelopes were written (records are numbered).
    written: usize,
    verdict: usize,
    code: usize,
    http: usize,
    id: usize,
    place: usize,
    meaning: usize,
    /// The headings, which label the records too.
    names: [String; 6],
    /// The verdicts' words.
    success: String,
    error: String,
}

/// Between cells.
const GAP: &str = "  ";

/// What the RequestId, Where and Meaning columns get before Code grows past its minimum.
const OTHERS_FIRST: usize = 46;

/// The widest the Code column gets: most API 3.0 codes are shorter.
const CODE_MAX: usize = 40;

impl Columns {
    /// Widths for a table of `total` columns in `lang`.
    pub fn new(total: u16, lang: Lang) -> Columns {
        let names = [
            crate::t!(lang; "Verdict", "结论"),
            crate::t!(lang; "Code", "错误码"),
            "HTTP".to_string(),
            "RequestId".to_string(),
            crate::t!(lang; "Where", "位置"),
            crate::t!(lang; "Meaning", "含义"),
        ];
        let (success, error) = (
            crate::t!(lang; "✔ success", "✔ 成功"),
            crate::t!(lang; "✘ error", "✘ 错误"),
        );
        // A verdict is never cut, nor is its heading.
        let verdict = [&names[0], &success, &error].iter().map(|w| width(w)).max();
        let verdict = verdict.unwrap_or(0);
        // `(456)`: the table's status, in parentheses since it was not returned.
        let http = 5;
        // A legacy code (five digits) and the heading are never cut.
        let code_min = width(&names[1]).max(5);
        let rest = usize::from(total).saturating_sub(verdict + http + 5 * GAP.len());
        let records = (rest < code_min + 9 + 8 + 10).then_some(total);
        let code = rest.saturating_sub(OTHERS_FIRST).clamp(code_min, CODE_MAX);
        let others = rest.saturating_sub(code);
        let id = (others * 22 / 100).clamp(9, 36);
        let place = (others * 30 / 100).clamp(8, 40);
        let meaning = others.saturating_sub(id + place).max(10);
        Columns {
            records,
            written: 0,
            verdict,
            code,
            http,
            id,
            place,
            meaning,
            names,
            success,
            error,
        }
    }

    /// A verdict's word.
    fn word(&self, verdict: Verdict) -> &str {
        match verdict {
            Verdict::Success => &self.success,
            Verdict::Error => &self.error,
        }
    }
}

/// `text` cut and padded to `columns`.
fn cell(text: &str, columns: usize) -> String {
    let text = fit(text, columns);
    let pad = columns.saturating_sub(width(&text));
    format!("{text}{}", " ".repeat(pad))
}

/// `text` cut from its start to `columns`: a place keeps its file's name and its line.
fn fit_end(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > columns {
            break;
        }
        kept.push(c);
        used += w;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// The heading and its rule.
pub fn write_heading(out: &mut impl Write, c: &Columns, settings: &Settings) -> io::Result<()> {
    if c.records.is_some() {
        return Ok(());
    }
    let p = settings.palette;
    let widths = [c.verdict, c.code, c.http, c.id, c.place, c.meaning];
    let head: Vec<String> = c
        .names
        .iter()
        .zip(widths)
        .map(|(n, w)| cell(n, w))
        .collect();
    writeln!(out, "{}", p.label(head.join(GAP).trim_end()))?;
    let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    writeln!(out, "{}", p.dim(&rule.join(GAP)))
}

/// One envelope as a row (or a record, when the table is too narrow).
pub fn write_row(
    out: &mut impl Write,
    c: &mut Columns,
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    f: &Finding<'_>,
    settings: &Settings,
) -> io::Result<()> {
    let (p, lang) = (settings.palette, settings.lang);
    c.written += 1;
    if let Some(width) = c.records {
        return write_record(out, c, width, env, origin, f, settings);
    }
    let verdict = cell(c.word(f.verdict), c.verdict);
    let verdict = match f.verdict {
        Verdict::Success => p.good(&verdict),
        Verdict::Error => p.bad(&verdict),
    };
    // The code, the RequestId and the meaning are wrapped in their cells, never cut (but for
    // a value over LONGEST characters, which no real one is).
    let code = pieces(
        &code_text(env, super::LONGEST).unwrap_or_else(|| "-".into()),
        c.code,
        '.',
    );
    let id = pieces(
        &request_id(env, origin, super::LONGEST).map_or_else(|| "-".into(), |(_, id)| id),
        c.id,
        '-',
    );
    let cells = RowCells {
        verdict,
        code,
        http: c.http_cell(f, p),
        id,
        place: p.dim(&cell(&fit_end(&place(origin), c.place), c.place)),
        meaning: crate::output::wrap::wrap(&meaning_text(env, origin, f, lang), c.meaning),
    };
    cells.write(out, c, p)
}

impl Columns {
    /// The HTTP cell: the status returned as it is; the table's, when none was returned, in
    /// parentheses: expected, not seen.
    fn http_cell(&self, f: &Finding<'_>, p: Palette) -> String {
        match http_statuses(f).first() {
            Some(&(s, HttpSeen::Returned)) => {
                cell(&s.to_string(), self.http).replacen(&s.to_string(), &p.http(s), 1)
            }
            Some(&(s, HttpSeen::Expected)) => {
                cell(&format!("({s})"), self.http).replacen(&s.to_string(), &p.http(s), 1)
            }
            None => cell("-", self.http),
        }
    }
}

/// One row's cells: the verdict, HTTP status and place on its first line, the code, the
/// RequestId and the meaning in as many lines as they wrap to.
struct RowCells {
    verdict: String,
    code: Vec<String>,
    http: String,
    id: Vec<String>,
    place: String,
    meaning: Vec<String>,
}

impl RowCells {
    /// The row's lines, in `c`'s columns.
    fn write(&self, out: &mut impl Write, c: &Columns, p: Palette) -> io::Result<()> {
        let lines = self.code.len().max(self.id.len()).max(self.meaning.len());
        for i in 0..lines {
            let (first, blank) = (i == 0, |w: usize| " ".repeat(w));
            let line = [
                match first {
                    true => self.verdict.clone(),
                    false => blank(c.verdict),
                },
                p.code(&cell(self.code.get(i).map_or("", String::as_str), c.code)),
                match first {
                    true => self.http.clone(),
                    false => blank(c.http),
                },
                cell(self.id.get(i).map_or("", String::as_str), c.id),
                match first {
                    true => self.place.clone(),
                    false => blank(c.place),
                },
                self.meaning.get(i).cloned().unwrap_or_default(),
            ]
            .join(GAP);
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// `text` in lines of at most `columns`, broken after `after` where it can be (a code after
/// a dot, a RequestId after a dash), else at the width: wrapped, nothing cut.
fn pieces(text: &str, columns: usize, after: char) -> Vec<String> {
    let columns = columns.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // The text in runs that end at `after`, each kept whole on a line where it fits; a run
    // longer than a line fills the line it starts on when that line is less than half full.
    for run in text.split_inclusive(after) {
        let full = width(&line);
        if full > 0 && full + width(run) > columns && (width(run) <= columns || 2 * full >= columns)
        {
            lines.push(std::mem::take(&mut line));
        }
        for ch in run.chars() {
            let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            if !line.is_empty() && width(&line) + w > columns {
                lines.push(std::mem::take(&mut line));
            }
            line.push(ch);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The meaning, else the Message in quotes, else `-`.
fn meaning_text(env: &Envelope<'_>, origin: &Origin<'_>, f: &Finding<'_>, lang: Lang) -> String {
    if let Some(answer) = http_answer_meaning(env, origin, f, lang) {
        return answer;
    }
    envelope_meaning(env, f, lang)
        .or_else(|| {
            env.message
                .map(|m| format!("\"{}\"", escape(&m.text_short(60))))
        })
        .unwrap_or_else(|| "-".into())
}

/// One envelope as the next record, one field a line, for a width too narrow for the table.
fn write_record(
    out: &mut impl Write,
    c: &Columns,
    width: u16,
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    f: &Finding<'_>,
    settings: &Settings,
) -> io::Result<()> {
    let lang = settings.lang;
    let verdict = c.word(f.verdict);
    let verdict_paint = match f.verdict {
        Verdict::Success => Paint::Good,
        Verdict::Error => Paint::Bad,
    };
    let http = http_status(f);
    let http_text = http_label(f, lang, "").unwrap_or_else(|| "-".into());
    // The widest label is RequestId's, nine columns, and two between it and the value.
    let value_width = usize::from(width).saturating_sub(9 + 2).max(8);
    let values = [
        (verdict.to_string(), verdict_paint),
        (
            code_text(env, super::LONGEST).unwrap_or_else(|| "-".into()),
            Paint::Code,
        ),
        (http_text, http.map_or(Paint::Plain, Paint::Http)),
        (
            request_id(env, origin, super::LONGEST).map_or_else(|| "-".into(), |(_, id)| id),
            Paint::Plain,
        ),
        // One line, cut from its start, so that the line number is kept whole.
        (fit_end(&place(origin), value_width), Paint::Dim),
        (meaning_text(env, origin, f, lang), Paint::Plain),
    ];
    let record: Vec<RecordField<'_>> = c
        .names
        .iter()
        .zip(values)
        .map(|(label, value)| RecordField {
            label,
            parts: vec![value],
        })
        .collect();
    write_records_from(out, c.written, &[record], width, settings.palette)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_the_width_and_keep_their_minimums() {
        for total in [40u16, 80, 120, 200] {
            let c = Columns::new(total, Lang::En);
            let sum = c.verdict + c.code + c.http + c.id + c.place + c.meaning + 10;
            assert!(
                sum <= usize::from(total).max(9 + 5 + 6 + 8 + 8 + 10 + 10),
                "{total}: {c:?}"
            );
        }
        assert_eq!(cell("设备离线", 5), "设备…");
        assert_eq!(cell("ab", 4), "ab  ");
        assert_eq!(fit_end("dir/app.log:12", 9), "…p.log:12");
    }

    #[test]
    fn codes_and_request_ids_are_wrapped_at_their_separators_never_cut() {
        let code = "InvalidParameterValue.RetrieveTaskChannelsExceedsRange";
        assert_eq!(
            pieces(code, 24, '.'),
            [
                "InvalidParameterValue.",
                "RetrieveTaskChannelsExce",
                "edsRange"
            ]
        );
        assert_eq!(pieces(code, 60, '.'), [code]);
        let id = "6d1f3b1c-3f0e-4a5b-9c1d-2e3f4a5b6c7d";
        for columns in 1..40 {
            let lines = pieces(id, columns, '-');
            assert_eq!(lines.concat(), id, "{columns}");
            assert!(lines.iter().all(|l| width(l) <= columns), "{lines:?}");
        }
        assert_eq!(
            pieces(id, 14, '-'),
            ["6d1f3b1c-3f0e-", "4a5b-9c1d-", "2e3f4a5b6c7d"]
        );
        assert_eq!(pieces("", 5, '-'), [""]);
        assert_eq!(
            pieces("AuthFailure.SignatureExpire", 11, '.'),
            ["AuthFailure", ".SignatureE", "xpire"]
        );
        assert_eq!(pieces("设备离线", 3, '.'), ["设", "备", "离", "线"]);
    }
}
