//! What every subcommand shares, decided once from the flags and the environment: format,
//! colour, language, width.

use clap::ValueEnum;
use owo_colors::{OwoColorize, Style};

use crate::lang::Lang;
use crate::table::search::starts_word;
use crate::table::{find_folded, Retry};

/// How results are written (`--format` is `cli::FormatArg`, which also names export's formats).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table fitted to the terminal (the default on a terminal; explain: of envelopes).
    Table,
    /// One tab-separated row per line (the default in a pipe; explain: a line an envelope).
    Plain,
    /// JSON (an array; explain: one object per line).
    Json,
    /// explain's layout for people (its default; explain only).
    Human,
    /// GitHub Actions workflow commands: an annotation per error envelope, or per code with
    /// --summary (explain only).
    Github,
    /// A Markdown table, to paste into a document (explain only).
    Markdown,
}

/// `explain --paging`: whether human output on a terminal goes through a pager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Paging {
    /// Through the pager, which quits when the output fits on one screen (`less -F`).
    #[default]
    Auto,
    /// Through the pager, however short the output.
    Always,
    /// Never.
    Never,
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

/// Decides, once, whether human output is coloured. `NO_COLOR` (not empty) and `TERM=dumb` win
/// over `CLICOLOR_FORCE` (not empty, not `0`), which wins over the terminal test; the flag wins
/// over all.
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
        ColorChoice::Auto if get("TERM").as_deref() == Some("dumb") => false,
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

    /// Whether it colours.
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

    /// An HTTP status as [`Palette::http`] colours it, or `-` for none (an SDK's client-side
    /// code: no answer came back).
    pub fn http_or_dash(self, status: Option<u16>) -> String {
        status.map_or_else(|| "-".to_string(), |s| self.http(s))
    }

    /// A retry class's slug, coloured by what it asks of the user.
    pub fn retry(self, retry: Option<Retry>) -> String {
        self.retry_in(retry, Lang::En)
    }

    /// A retry class's word in `lang` (its slug in English), coloured as [`Palette::retry`].
    pub fn retry_in(self, retry: Option<Retry>, lang: Lang) -> String {
        self.retry_word(
            retry,
            retry.map_or("-", |r| crate::table::labels::retry(r, lang)),
        )
    }

    /// `word` coloured as the retry class `retry` is.
    pub fn retry_word(self, retry: Option<Retry>, word: &str) -> String {
        match retry {
            Some(Retry::Backoff) => self.good(word),
            Some(Retry::AfterFix) => self.warn(word),
            Some(Retry::Never) => self.bad(word),
            None => self.dim(word),
        }
    }

    /// `text` with every match of `terms` (lowercase) highlighted: where search finds them, an
    /// English term where a word starts ("rate" is not lit in "generate").
    pub fn highlight(self, text: &str, terms: &[String]) -> String {
        if !self.enabled || terms.is_empty() {
            return text.to_string();
        }
        let mut marked = vec![false; text.len()];
        for term in terms.iter().filter(|t| !t.is_empty()) {
            let at_start = term.as_bytes()[0].is_ascii_alphanumeric();
            let mut from = 0;
            while let Some(i) = find_folded(text, term, from) {
                if !at_start || starts_word(text.as_bytes(), i) {
                    marked[i..i + term.len()].iter_mut().for_each(|m| *m = true);
                }
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

/// The output settings.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// The chosen format, if `--format` was given.
    pub format: Option<Format>,
    /// Colours (off for JSON).
    pub palette: Palette,
    /// Language of meanings and hints.
    pub lang: Lang,
    /// Whether stdout is a terminal.
    pub stdout_is_terminal: bool,
    /// The width to fit output to: `COLUMNS`, else the terminal's, else 80 (see [`width`]).
    pub width: u16,
}

impl Settings {
    /// The settings of a run into a pipe: `format`, no colour, English, 80 columns.
    #[cfg(test)]
    pub(crate) fn piped(format: Option<Format>) -> Settings {
        Settings {
            format,
            palette: Palette::new(false),
            lang: Lang::En,
            stdout_is_terminal: false,
            width: 80,
        }
    }

    /// The settings for these flags, a terminal or not, and the environment `get` reads.
    pub fn decide(
        format: Option<Format>,
        color: ColorChoice,
        lang: Option<Lang>,
        stdout_is_terminal: bool,
        get: impl Fn(&str) -> Option<String>,
    ) -> Settings {
        let plain_text = matches!(
            format,
            Some(Format::Json | Format::Github | Format::Markdown)
        );
        let color = !plain_text && use_color(color, stdout_is_terminal, &get);
        Settings {
            format,
            palette: Palette::new(color),
            lang: lang.unwrap_or_else(|| Lang::from_env(&get)),
            stdout_is_terminal,
            width: width(
                get("COLUMNS").as_deref(),
                terminal_width(stdout_is_terminal),
            ),
        }
    }

    /// The format rows are written in: `--format`, else a table on a terminal, plain in a pipe.
    pub fn rows_format(&self) -> Format {
        self.format.unwrap_or(match self.stdout_is_terminal {
            true => Format::Table,
            false => Format::Plain,
        })
    }
}

/// The width to fit output to: `COLUMNS` when it is a number of at least 1 (a narrow one gets
/// the record layout, not a table cut to pieces); else the terminal's width, when stdout is a
/// terminal that reports one; else 80. A width of 0, from either, counts as not given.
pub fn width(columns: Option<&str>, terminal: Option<u16>) -> u16 {
    columns
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&w| w > 0)
        .or(terminal.filter(|&w| w > 0))
        .unwrap_or(80)
}

/// The width of the terminal stdout is, if it is one and says.
fn terminal_width(stdout_is_terminal: bool) -> Option<u16> {
    if !stdout_is_terminal {
        return None;
    }
    // The columns alone: a terminal may report no rows (`stty cols 40` and nothing more).
    #[cfg(unix)]
    return rustix::termios::tcgetwinsize(std::io::stdout())
        .ok()
        .map(|size| size.ws_col);
    #[cfg(not(unix))]
    terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| w.0)
}

/// Every value given to `flag` (`--flag VALUE` or `--flag=VALUE`), in order, as typed: the
/// arguments are not parsed yet.
fn early_values(args: &[std::ffi::OsString], flag: &str) -> Vec<String> {
    let mut values = Vec::new();
    let mut words = args.iter().map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        match word.strip_prefix(flag) {
            Some("") => values.extend(words.next().map(|w| w.into_owned())),
            Some(rest) => values.extend(rest.strip_prefix('=').map(str::to_string)),
            None => {}
        }
    }
    values
}

/// The early look, before the arguments are parsed: clap's colour, from `--color` as typed,
/// `NO_COLOR` and `TERM=dumb`, so that clap's own errors and help are coloured as asked.
pub(crate) fn early_color(args: &[std::ffi::OsString]) -> clap::ColorChoice {
    let mut choice = None;
    for value in early_values(args, "--color") {
        match value.as_str() {
            "always" => choice = Some(clap::ColorChoice::Always),
            "never" => choice = Some(clap::ColorChoice::Never),
            "auto" => choice = None,
            _ => {}
        }
    }
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    match choice {
        Some(choice) => choice,
        None if set("NO_COLOR") || std::env::var_os("TERM").is_some_and(|t| t == "dumb") => {
            clap::ColorChoice::Never
        }
        None => clap::ColorChoice::Auto,
    }
}

/// The early look, before the arguments are parsed: the language `--lang` asks for, as typed,
/// else the locale's, so that clap's own errors are told in it.
pub(crate) fn early_lang(args: &[std::ffi::OsString]) -> crate::lang::Lang {
    let mut asked = None;
    for value in early_values(args, "--lang") {
        match value.as_str() {
            "zh" => asked = Some(crate::lang::Lang::Zh),
            "en" => asked = Some(crate::lang::Lang::En),
            _ => {}
        }
    }
    asked.unwrap_or_else(|| crate::lang::Lang::from_env(|name| std::env::var(name).ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            ColorChoice::Auto,
            true,
            env(&[("TERM", "dumb"), ("CLICOLOR_FORCE", "1")])
        ));
        assert!(!use_color(
            ColorChoice::Never,
            true,
            env(&[("CLICOLOR_FORCE", "1")])
        ));
    }

    #[test]
    fn width_is_decided_once_with_one_rule() {
        assert_eq!(width(Some("120"), None), 120);
        assert_eq!(width(Some(" 40 "), Some(100)), 40);
        assert_eq!(width(Some("20"), None), 20);
        assert_eq!(width(Some("1"), None), 1);
        assert_eq!(width(Some("0"), None), 80);
        assert_eq!(width(Some("0"), Some(132)), 132);
        assert_eq!(width(Some("wide"), None), 80);
        assert_eq!(
            width(None, Some(0)),
            80,
            "a terminal that reports 0 columns"
        );
        assert_eq!(width(None, Some(50)), 50);
        assert_eq!(width(None, None), 80);
    }
}
