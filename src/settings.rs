//! What every subcommand shares, decided once from the flags and the environment: format,
//! colour, language, width.

use crate::lang::Lang;
use crate::render::{self, ColorChoice, Format, Palette};

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
    /// The width to fit output to: `COLUMNS` when it is a number of at least 20, else 80.
    pub width: u16,
}

impl Settings {
    /// The settings for these flags, a terminal or not, and the environment `get` reads.
    pub fn decide(
        format: Option<Format>,
        color: ColorChoice,
        lang: Option<Lang>,
        stdout_is_terminal: bool,
        get: impl Fn(&str) -> Option<String>,
    ) -> Settings {
        let color =
            format != Some(Format::Json) && render::use_color(color, stdout_is_terminal, &get);
        Settings {
            format,
            palette: Palette::new(color),
            lang: lang.unwrap_or_else(|| Lang::from_env(&get)),
            stdout_is_terminal,
            width: width(get("COLUMNS").as_deref()),
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

/// The width `COLUMNS` asks for: a number of at least 20; anything else (unset, 0, too narrow
/// to hold a table) is 80.
pub fn width(columns: Option<&str>) -> u16 {
    columns
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&w| w >= 20)
        .unwrap_or(80)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_is_decided_once_with_one_rule() {
        assert_eq!(width(Some("120")), 120);
        assert_eq!(width(Some(" 40 ")), 40);
        assert_eq!(width(Some("0")), 80);
        assert_eq!(width(Some("19")), 80);
        assert_eq!(width(Some("wide")), 80);
        assert_eq!(width(None), 80);
    }
}
