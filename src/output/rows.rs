//! Output: table, plain and JSON renderings of rows, escaping of untrusted text, and the one
//! place that knows about colour.

use std::io::{self, Write};

use comfy_table::{presets, Cell, ColumnConstraint, ContentArrangement, Table as Grid, Width};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::table::{labels, Retry, Row};

use crate::output::records::{Paint, RecordField};
use crate::settings::{Format, Palette};
use crate::text::escape;

/// What every rendering of rows needs to know.
#[derive(Debug, Clone)]
pub struct RowStyle {
    /// Table, plain or JSON.
    pub format: Format,
    /// Colours for table and plain output.
    pub palette: Palette,
    /// The language of meanings and hints.
    pub lang: Lang,
    /// Search terms to highlight (lowercase).
    pub highlight: Vec<String>,
    /// Whether to show each row's source (built-in or a file).
    pub show_source: bool,
    /// The width to fit a table to, when known.
    pub width: Option<u16>,
}

/// A row as `--format json` prints it; the shape user tables are read back in.
#[derive(Serialize)]
struct JsonRow<'a> {
    code: RowCode,
    /// `null` for an SDK's client-side code: no answer came back.
    http_status: Option<u16>,
    message: &'a str,
    message_en: Option<&'a str>,
    category: Option<&'a str>,
    retry: Option<Retry>,
    hint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    /// The codes of the other API generation that mean the same.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    twins: Vec<String>,
    /// The codes of the other API generation that are related without meaning the same.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    see_also: Vec<String>,
}

/// A row's code in JSON: a number (legacy) or a string (API 3.0).
#[derive(Serialize)]
#[serde(untagged)]
enum RowCode {
    Number(u32),
    Text(String),
}

/// The English text of `row` when `lang` is English and the row has one: shown first, the
/// table's own text beside it. Which text is shown is data, not a text errcode words itself.
pub fn english(row: &Row, lang: Lang) -> Option<&str> {
    match lang {
        Lang::En => row.message_en.as_deref(),
        Lang::Zh => None,
    }
}

/// The hint of `row` in `lang`, falling back to the other language.
pub fn hint(row: &Row, lang: Lang) -> Option<&str> {
    match lang {
        Lang::En => row.hint_en.as_deref().or(row.hint_zh.as_deref()),
        Lang::Zh => row.hint_zh.as_deref().or(row.hint_en.as_deref()),
    }
}

/// Writes `rows` in the chosen format.
pub fn write_rows(out: &mut impl Write, rows: &[&Row], style: &RowStyle) -> io::Result<()> {
    match style.format {
        Format::Json => write_json(out, rows, style),
        Format::Plain => write_plain(out, rows, style),
        // The human layout is explain's; rows refuse it before they get here.
        // GitHub and Markdown are refused for rows before they come here.
        Format::Table | Format::Human | Format::Github | Format::Markdown => {
            write_table(out, rows, style)
        }
    }
}

fn write_json(out: &mut impl Write, rows: &[&Row], style: &RowStyle) -> io::Result<()> {
    let rows: Vec<JsonRow> = rows
        .iter()
        .map(|r| JsonRow {
            code: match &r.name {
                Some(name) => RowCode::Text(name.clone()),
                None => RowCode::Number(r.code),
            },
            http_status: r.http_status,
            message: &r.message,
            message_en: r.message_en.as_deref(),
            category: r.category.as_deref(),
            retry: r.retry,
            hint: hint(r, style.lang),
            source: style.show_source.then_some(&*r.source),
            twins: crate::table::crosswalk::twins_of(r),
            see_also: crate::table::crosswalk::see_also_of(r),
        })
        .collect();
    crate::text::to_json_writer_pretty(&mut *out, &rows)?;
    writeln!(out)
}

fn write_plain(out: &mut impl Write, rows: &[&Row], style: &RowStyle) -> io::Result<()> {
    let p = style.palette;
    for r in rows {
        let en = r.message_en.as_deref().unwrap_or("");
        write!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            p.code(&r.label()),
            p.http_or_dash(r.http_status),
            p.highlight(&escape(&r.message), &style.highlight),
            p.highlight(&escape(en), &style.highlight),
            escape(r.category.as_deref().unwrap_or("")),
            p.retry(r.retry),
            p.highlight(&escape(hint(r, style.lang).unwrap_or("")), &style.highlight),
        )?;
        if style.show_source {
            write!(out, "\t{}", escape(&r.source))?;
        }
        // Appended after the columns there were: the related codes of the other generation.
        let see_also = crate::table::crosswalk::see_also_of(r);
        match see_also.is_empty() {
            true => write!(out, "\t-")?,
            false => write!(out, "\t{}", see_also.join(","))?,
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The column headers, in the chosen language.
fn headers(style: &RowStyle) -> Vec<String> {
    let lang = style.lang;
    let mut header = vec![
        crate::t!(lang; "Code", "错误码"),
        "HTTP".to_string(),
        crate::t!(lang; "Meaning", "描述"),
        crate::t!(lang; "Category", "类别"),
        crate::t!(lang; "Retry", "重试"),
        crate::t!(lang; "Hint", "建议"),
    ];
    if style.show_source {
        header.push(crate::t!(lang; "Source", "来源"));
    }
    header
}

/// The narrowest table that holds every code whole (and its header) beside columns that can
/// still be read: borders and padding take three columns a column and one more; HTTP four;
/// meaning and hint ten each, category eight, retry its widest word ("after-fix", "修复后重试"),
/// the source ten.
fn table_width_needed(rows: &[&Row], style: &RowStyle) -> usize {
    let columns = if style.show_source { 7 } else { 6 };
    let code = rows
        .iter()
        .map(|r| r.label().width())
        .chain([headers(style)[0].width()])
        .max()
        .unwrap_or(0);
    let retry = labels::RETRIES
        .iter()
        .map(|&(r, _)| labels::retry(r, style.lang).width())
        .max()
        .unwrap_or(0);
    let others = 4 + 10 + 8 + retry + 10 + if style.show_source { 10 } else { 0 };
    3 * columns + 1 + code + others
}

fn write_table(out: &mut impl Write, rows: &[&Row], style: &RowStyle) -> io::Result<()> {
    let p = style.palette;
    let header = headers(style);
    if let Some(width) = style.width {
        if usize::from(width) < table_width_needed(rows, style) {
            return write_records(out, rows, style, &header, width);
        }
    }
    let mut grid = Grid::new();
    grid.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(width) = style.width {
        grid.set_width(width);
    }
    grid.set_header(header.iter().map(|h| Cell::new(p.label(h))));
    for r in rows {
        let zh = p.highlight(&escape(&r.message), &style.highlight);
        let meaning = match english(r, style.lang) {
            Some(en) => format!(
                "{}\n{}",
                p.highlight(&escape(en), &style.highlight),
                p.dim(&zh)
            ),
            _ => zh,
        };
        let mut cells = vec![
            Cell::new(p.code(&r.label())),
            Cell::new(p.http_or_dash(r.http_status)),
            Cell::new(meaning),
            Cell::new(escape(
                r.category
                    .as_deref()
                    .map_or("-", |c| labels::category(c, style.lang)),
            )),
            Cell::new(p.retry_in(r.retry, style.lang)),
            Cell::new(p.highlight(
                &escape(hint(r, style.lang).unwrap_or("-")),
                &style.highlight,
            )),
        ];
        if style.show_source {
            cells.push(Cell::new(escape(&r.source)));
        }
        grid.add_row(cells);
    }
    // A code is never cut (the width counts the padding): the table is only drawn when it is
    // wide enough to hold the longest.
    let code = rows.iter().map(|r| r.label().width()).max().unwrap_or(0) + 2;
    if let Some(column) = grid.column_mut(0) {
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
            u16::try_from(code).unwrap_or(u16::MAX),
        )));
    }
    writeln!(out, "{grid}")
}

/// The rows one field a line, for a terminal too narrow for the table.
fn write_records(
    out: &mut impl Write,
    rows: &[&Row],
    style: &RowStyle,
    header: &[String],
    width: u16,
) -> io::Result<()> {
    let terms = style.highlight.as_slice();
    let records: Vec<Vec<RecordField>> = rows
        .iter()
        .map(|r| {
            let zh = escape(&r.message).into_owned();
            let meaning = match english(r, style.lang) {
                Some(en) => vec![
                    (escape(en).into_owned(), Paint::Highlight(terms)),
                    (zh, Paint::Dim),
                ],
                _ => vec![(zh, Paint::Highlight(terms))],
            };
            let retry = r
                .retry
                .map_or("-", |k| labels::retry(k, style.lang))
                .to_string();
            let text = |t: Option<&str>| escape(t.unwrap_or("-")).into_owned();
            let mut values = vec![
                vec![(r.label(), Paint::Code)],
                vec![match r.http_status {
                    Some(s) => (s.to_string(), Paint::Http(s)),
                    None => ("-".to_string(), Paint::Plain),
                }],
                meaning,
                vec![(
                    text(
                        r.category
                            .as_deref()
                            .map(|c| labels::category(c, style.lang)),
                    ),
                    Paint::Plain,
                )],
                vec![(retry, Paint::Retry(r.retry))],
                vec![(text(hint(r, style.lang)), Paint::Highlight(terms))],
            ];
            if style.show_source {
                values.push(vec![(text(Some(&*r.source)), Paint::Plain)]);
            }
            header
                .iter()
                .zip(values)
                .map(|(label, parts)| RecordField { label, parts })
                .collect()
        })
        .collect();
    crate::output::records::write_records(out, &records, width, style.palette)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_marks_every_match_and_only_when_coloured() {
        let terms = vec!["token".to_string()];
        assert_eq!(
            Palette::new(false).highlight("Token 已过期", &terms),
            "Token 已过期"
        );
        let lit = Palette::new(true).highlight("Token 已过期，请重新生成 Token", &terms);
        assert_eq!(lit.matches("\u{1b}[").count(), 4, "{lit:?}");
        assert!(lit.contains("已过期"));
        // Where search finds an English term: at the start of a word.
        let terms = vec!["rate".to_string(), "limit".to_string()];
        let lit = Palette::new(true).highlight("generate a RateLimit", &terms);
        assert_eq!(lit, "generate a \u{1b}[30;43;1mRateLimit\u{1b}[0m");
    }
}
