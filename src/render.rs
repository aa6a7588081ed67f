//! Output: table, plain and JSON renderings of rows, escaping of untrusted text, and the one
//! place that knows about colour.

use std::io::{self, Write};

use clap::ValueEnum;
use comfy_table::{presets, Cell, ContentArrangement, Table as Grid};
use owo_colors::{OwoColorize, Style};
use serde::Serialize;

use crate::lang::Lang;
use crate::table::{find_folded, Retry, Row};

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table fitted to the terminal (the default on a terminal).
    Table,
    /// One tab-separated row per line (the default in a pipe).
    Plain,
    /// JSON (an array; explain: one object per line).
    Json,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset or empty (or `CLICOLOR_FORCE` asks).
    Auto,
    /// Always colour (never JSON).
    Always,
    /// Never colour.
    Never,
}

/// Decides, once, whether human output is coloured. `NO_COLOR` (not empty) wins over
/// `CLICOLOR_FORCE` (not empty, not `0`), which wins over the terminal test; the flag wins over all.
pub fn use_color(
    choice: ColorChoice,
    stdout_is_terminal: bool,
    get: impl Fn(&str) -> Option<String>,
) -> bool {
    let set = |name: &str| get(name).is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR") => false,
        ColorChoice::Auto
            if set("CLICOLOR_FORCE") && get("CLICOLOR_FORCE").as_deref() != Some("0") =>
        {
            true
        }
        ColorChoice::Auto => stdout_is_terminal,
    }
}

/// The styles of human output; every style is empty when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    enabled: bool,
}

impl Palette {
    /// A palette that colours, or not.
    pub fn new(enabled: bool) -> Palette {
        Palette { enabled }
    }

    /// Whether this palette colours at all.
    pub fn enabled(self) -> bool {
        self.enabled
    }

    /// `text` in `style`, or as it is when colour is off.
    pub fn paint(self, text: &str, style: Style) -> String {
        if self.enabled {
            text.style(style).to_string()
        } else {
            text.to_string()
        }
    }

    /// A code.
    pub fn code(self, text: &str) -> String {
        self.paint(text, Style::new().bold().cyan())
    }

    /// Something good: success, a match.
    pub fn good(self, text: &str) -> String {
        self.paint(text, Style::new().green())
    }

    /// A warning.
    pub fn warn(self, text: &str) -> String {
        self.paint(text, Style::new().yellow())
    }

    /// An error.
    pub fn bad(self, text: &str) -> String {
        self.paint(text, Style::new().bold().red())
    }

    /// Secondary text.
    pub fn dim(self, text: &str) -> String {
        self.paint(text, Style::new().dimmed())
    }

    /// A label or heading.
    pub fn label(self, text: &str) -> String {
        self.paint(text, Style::new().bold())
    }

    /// An HTTP status, coloured by class.
    pub fn http(self, status: u16) -> String {
        let text = status.to_string();
        match status {
            200..=299 => self.good(&text),
            456 | 500..=599 => self.bad(&text),
            _ => self.warn(&text),
        }
    }

    /// A retry class, coloured by what it asks of the user.
    pub fn retry(self, retry: Option<Retry>) -> String {
        match retry {
            Some(Retry::Backoff) => self.good("backoff"),
            Some(Retry::AfterFix) => self.warn("after-fix"),
            Some(Retry::Never) => self.bad("never"),
            None => self.dim("-"),
        }
    }

    /// `text` with every match of `terms` (lowercase) highlighted.
    pub fn highlight(self, text: &str, terms: &[String]) -> String {
        if !self.enabled || terms.is_empty() {
            return text.to_string();
        }
        let mut marked = vec![false; text.len()];
        for term in terms.iter().filter(|t| !t.is_empty()) {
            let mut from = 0;
            while let Some(i) = find_folded(text, term, from) {
                marked[i..i + term.len()].iter_mut().for_each(|m| *m = true);
                from = i + 1;
            }
        }
        let mut out = String::with_capacity(text.len() + 16);
        let mut start = 0;
        while start < text.len() {
            let on = marked[start];
            let end = (start..text.len())
                .find(|&i| marked[i] != on && text.is_char_boundary(i))
                .unwrap_or(text.len());
            let piece = &text[start..end];
            out.push_str(&if on {
                self.paint(piece, Style::new().bold().black().on_yellow())
            } else {
                piece.to_string()
            });
            start = end;
        }
        out
    }
}

pub use crate::text::escape;

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
    code: u32,
    http_status: u16,
    message: &'a str,
    message_en: Option<&'a str>,
    category: Option<&'a str>,
    retry: Option<Retry>,
    hint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
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
        Format::Table => write_table(out, rows, style),
    }
}

fn write_json(out: &mut impl Write, rows: &[&Row], style: &RowStyle) -> io::Result<()> {
    let rows: Vec<JsonRow> = rows
        .iter()
        .map(|r| JsonRow {
            code: r.code,
            http_status: r.http_status,
            message: &r.message,
            message_en: r.message_en.as_deref(),
            category: r.category.as_deref(),
            retry: r.retry,
            hint: hint(r, style.lang),
            source: style.show_source.then_some(r.source.as_str()),
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
            p.code(&r.code.to_string()),
            p.http(r.http_status),
            p.highlight(&escape(&r.message), &style.highlight),
            p.highlight(&escape(en), &style.highlight),
            escape(r.category.as_deref().unwrap_or("")),
            p.retry(r.retry),
            escape(hint(r, style.lang).unwrap_or("")),
        )?;
        if style.show_source {
            write!(out, "\t{}", escape(&r.source))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_table(out: &mut impl Write, rows: &[&Row], style: &RowStyle) -> io::Result<()> {
    let p = style.palette;
    let mut grid = Grid::new();
    grid.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(width) = style.width {
        grid.set_width(width);
    }
    let mut header = match style.lang {
        Lang::En => vec!["Code", "HTTP", "Meaning", "Category", "Retry", "Hint"],
        Lang::Zh => vec!["错误码", "HTTP", "描述", "类别", "重试", "建议"],
    };
    if style.show_source {
        header.push(if style.lang == Lang::En {
            "Source"
        } else {
            "来源"
        });
    }
    grid.set_header(header.into_iter().map(|h| Cell::new(p.label(h))));
    for r in rows {
        let zh = p.highlight(&escape(&r.message), &style.highlight);
        let meaning = match (style.lang, r.message_en.as_deref()) {
            (Lang::En, Some(en)) => format!(
                "{}\n{}",
                p.highlight(&escape(en), &style.highlight),
                p.dim(&zh)
            ),
            _ => zh,
        };
        let mut cells = vec![
            Cell::new(p.code(&r.code.to_string())),
            Cell::new(p.http(r.http_status)),
            Cell::new(meaning),
            Cell::new(escape(r.category.as_deref().unwrap_or("-"))),
            Cell::new(p.retry(r.retry)),
            Cell::new(escape(hint(r, style.lang).unwrap_or("-"))),
        ];
        if style.show_source {
            cells.push(Cell::new(escape(&r.source)));
        }
        grid.add_row(cells);
    }
    writeln!(out, "{grid}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_terminal_controls() {
        assert_eq!(escape("plain 文本"), "plain 文本");
        assert_eq!(escape("\u{1b}[2J\u{7}x\u{9b}"), "\\u001b[2J\\u0007x\\u009b");
        assert_eq!(escape("a\tb\r\n"), "a\\tb\\r\\n");
        assert_eq!(escape("\u{202e}evil"), "\\u202eevil");
    }

    #[test]
    fn colour_is_decided_by_flag_then_no_color_then_clicolor_force_then_terminal() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(use_color(ColorChoice::Auto, true, env(&[])));
        assert!(!use_color(ColorChoice::Auto, false, env(&[])));
        assert!(!use_color(
            ColorChoice::Auto,
            true,
            env(&[("NO_COLOR", "1")])
        ));
        assert!(use_color(ColorChoice::Auto, true, env(&[("NO_COLOR", "")])));
        assert!(use_color(
            ColorChoice::Auto,
            false,
            env(&[("CLICOLOR_FORCE", "1")])
        ));
        assert!(!use_color(
            ColorChoice::Auto,
            false,
            env(&[("CLICOLOR_FORCE", "0")])
        ));
        assert!(!use_color(
            ColorChoice::Auto,
            false,
            env(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")])
        ));
        assert!(use_color(
            ColorChoice::Always,
            false,
            env(&[("NO_COLOR", "1")])
        ));
        assert!(!use_color(
            ColorChoice::Never,
            true,
            env(&[("CLICOLOR_FORCE", "1")])
        ));
    }

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
    }
}
