//! `explain --summary` for people and for tools, and the closing line on what was passed over.

use std::io::{self, Write};

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table as Grid};
use serde::Serialize;

use crate::explain::problems::Problems;
use crate::explain::summary::{Code, Summary};
use crate::input::{Api, Skip};
use crate::lang::Lang;
use crate::output::envelope::meaning;
use crate::output::problems::{counted_text, skip_text};
use crate::settings::{Format, Settings};
use crate::table::{Row, Table};
use crate::text::escape;

#[derive(Serialize)]
struct JsonCount<'a> {
    api: Api,
    code: JsonCode<'a>,
    count: u64,
    share: f64,
    http_status: Option<u16>,
    message: Option<String>,
    message_en: Option<String>,
    /// For the row of codes after the first 10,000: how many distinct codes it holds (about).
    #[serde(skip_serializing_if = "Option::is_none")]
    distinct_codes: Option<u64>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum JsonCode<'a> {
    Number(i128),
    Text(&'a str),
    Other(&'static str),
    None(Option<()>),
}

/// One row of the summary, as the outputs need it.
struct SummaryRow<'a> {
    api: Api,
    code: JsonCode<'a>,
    shown: String,
    count: u64,
    rows: &'a [Row],
    distinct: Option<u64>,
}

/// `explain --summary`: envelopes per code, most frequent first.
pub fn write_summary(
    out: &mut impl Write,
    err: &mut impl Write,
    summary: &Summary,
    problems: &Problems,
    table: &Table,
    settings: &Settings,
) -> io::Result<()> {
    let mut counts: Vec<SummaryRow<'_>> = summary
        .entries()
        .iter()
        .map(|e| {
            let (code, shown, rows) = match &e.key.code {
                Some(Code::Number(n)) => {
                    let rows = match e.key.api {
                        Api::Legacy => u64::try_from(*n).map_or(&[][..], |c| table.lookup(c)),
                        Api::V3 => &[][..],
                    };
                    // The meaning Message named, when the code has several.
                    let rows = match e.key.meaning.map(usize::from) {
                        Some(m) if m < rows.len() => &rows[m..=m],
                        _ => rows,
                    };
                    (JsonCode::Number(*n), n.to_string(), rows)
                }
                Some(Code::Text(t)) => {
                    let rows = match e.key.api {
                        Api::V3 => crate::table::v3::V3Table::builtin().lookup(t),
                        Api::Legacy => &[][..],
                    };
                    (JsonCode::Text(t), escape(t).into_owned(), rows)
                }
                None => (JsonCode::None(None), "-".to_string(), &[][..]),
            };
            SummaryRow {
                api: e.key.api,
                code,
                shown,
                count: e.count,
                rows,
                distinct: None,
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
            rows: &[],
            distinct: Some(summary.other_codes.estimate()),
        });
    }
    let share = |n: u64| n as f64 / summary.envelopes.max(1) as f64;
    let p = settings.palette;
    let en = settings.lang == Lang::En;
    let other_note = |r: &SummaryRow<'_>| {
        r.distinct.map(|d| match en {
            true => format!(
                "(about {d} more distinct codes, beyond the first {})",
                crate::explain::summary::MAX_CODES
            ),
            false => format!(
                "（另外约 {d} 个不同的码，超出前 {} 个）",
                crate::explain::summary::MAX_CODES
            ),
        })
    };
    match settings.rows_format() {
        Format::Json => {
            let list: Vec<JsonCount> = counts
                .iter()
                .map(|r| {
                    let row = r.rows.first();
                    // A code whose meaning Message did not name: every meaning, as the table shows.
                    let joined = |f: fn(&Row) -> Option<&str>| {
                        r.rows.iter().filter_map(f).collect::<Vec<_>>().join(" / ")
                    };
                    let (message, message_en) = match r.rows.len() {
                        0 | 1 => (
                            row.map(|r| r.message.clone()),
                            row.and_then(|r| r.message_en.clone()),
                        ),
                        _ => (
                            Some(joined(|r| Some(r.message.as_str()))),
                            Some(joined(|r| r.message_en.as_deref())),
                        ),
                    };
                    JsonCount {
                        api: r.api,
                        code: match &r.code {
                            JsonCode::Number(n) => JsonCode::Number(*n),
                            JsonCode::Text(t) => JsonCode::Text(t),
                            JsonCode::Other(o) => JsonCode::Other(o),
                            JsonCode::None(_) => JsonCode::None(None),
                        },
                        count: r.count,
                        share: (share(r.count) * 1e6).round() / 1e6,
                        http_status: row.map(|r| r.http_status),
                        message,
                        message_en,
                        distinct_codes: r.distinct,
                    }
                })
                .collect();
            crate::text::to_json_writer_pretty(&mut *out, &list)?;
            writeln!(out)?;
            out.flush()?;
            // In a pipe the totals go to stderr, as the notes do.
            write_totals(err, summary, settings.lang).ok();
            write_skipped(err, problems, settings.lang).ok();
            Ok(())
        }
        Format::Plain => {
            for r in &counts {
                let http = r
                    .rows
                    .first()
                    .map_or("-".to_string(), |row| p.http(row.http_status));
                let text = other_note(r).unwrap_or_else(|| summary_meaning(r.rows, settings.lang));
                writeln!(
                    out,
                    "{}\t{:.2}%\t{}\t{http}\t{text}",
                    r.count,
                    share(r.count) * 100.0,
                    p.code(&r.shown)
                )?;
            }
            out.flush()?;
            // In a pipe the totals go to stderr, as the notes do.
            write_totals(err, summary, settings.lang).ok();
            write_skipped(err, problems, settings.lang).ok();
            Ok(())
        }
        // The summary's layout for people is its table.
        Format::Table | Format::Human => {
            let mut grid = Grid::new();
            grid.load_preset(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic);
            grid.set_width(settings.width);
            let header = if en {
                ["Count", "Share", "StatusCode", "HTTP", "Meaning"]
            } else {
                ["次数", "占比", "StatusCode", "HTTP", "描述"]
            };
            grid.set_header(header.map(|h| Cell::new(p.label(h))));
            for r in &counts {
                grid.add_row([
                    Cell::new(r.count).set_alignment(CellAlignment::Right),
                    Cell::new(format!("{:.2}%", share(r.count) * 100.0))
                        .set_alignment(CellAlignment::Right),
                    Cell::new(p.code(&r.shown)),
                    Cell::new(
                        r.rows
                            .first()
                            .map_or("-".to_string(), |row| p.http(row.http_status)),
                    ),
                    Cell::new(
                        other_note(r).unwrap_or_else(|| summary_meaning(r.rows, settings.lang)),
                    ),
                ]);
            }
            writeln!(out, "{grid}")?;
            write_totals(out, summary, settings.lang)?;
            write_skipped(out, problems, settings.lang)
        }
    }
}

fn summary_meaning(rows: &[Row], lang: Lang) -> String {
    if rows.is_empty() {
        return if lang == Lang::En {
            "(not in the table)"
        } else {
            "（不在错误码表中）"
        }
        .to_string();
    }
    rows.iter()
        .map(|r| meaning(r, lang))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// How many envelopes, and how many errors.
fn write_totals(out: &mut impl Write, summary: &Summary, lang: Lang) -> io::Result<()> {
    let (total, errors) = (summary.envelopes, summary.errors);
    match lang {
        Lang::En => writeln!(out, "{total} envelopes, {errors} errors"),
        Lang::Zh => writeln!(out, "共 {total} 个响应，{errors} 个错误"),
    }
}

/// One line on what was passed over, when anything was.
pub fn write_skipped(out: &mut impl Write, problems: &Problems, lang: Lang) -> io::Result<()> {
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
    match lang {
        Lang::En => writeln!(out, "skipped {lines} line{plural}: {}", parts.join(", ")),
        Lang::Zh => writeln!(out, "跳过 {lines} 行：{}", parts.join("，")),
    }
}
