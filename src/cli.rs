//! The command line: clap types only, no logic.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use clap_complete::Shell;

use crate::error::EXIT_STATUS_HELP;
use crate::lang::Lang;
use crate::render::{ColorChoice, Format};
use crate::table::Retry;

const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\ntable: 74 rows (73 codes; 51603 is listed twice) from the error-code page (错误码) ",
    "of the 智能视图计算平台 (Intelligent Viewdata Computing) legacy API, before 3.0"
);

const AFTER_HELP: &str = concat!(
    "Examples:
  errcode 41601                    what 41601 means (same as `errcode lookup 41601`)
  errcode lookup 416xx             every 416xx code
  errcode list --http 456          the infrastructure failures
  errcode search token             codes whose description mentions a token
  curl -si URL | errcode explain   annotate a response
  errcode explain --summary app.log

",
    crate::exit_status_help!(),
    "

Environment: NO_COLOR, CLICOLOR_FORCE, COLUMNS, LC_ALL, LC_MESSAGES, LANG, ERRCODE_TABLE"
);

/// Explain the error codes and response envelopes of the legacy 智能视图计算平台 API.
#[derive(Debug, Parser)]
#[command(
    name = "errcode",
    version,
    long_version = LONG_VERSION,
    after_help = AFTER_HELP,
    arg_required_else_help = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Options every subcommand takes.
    #[command(flatten)]
    pub global: GlobalArgs,

    /// What to do; codes alone mean `lookup`.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses the process's arguments, reading `errcode CODE...` as `errcode lookup CODE...`.
    pub fn parse_with_default_lookup() -> Cli {
        Cli::parse_from(default_lookup(std::env::args_os().collect()))
    }
}

/// Every subcommand name and alias, as typed (checked against the definition by a test: building
/// the clap command just to read these would double its start-up cost).
const SUBCOMMANDS: [&str; 10] = [
    "lookup",
    "l",
    "list",
    "search",
    "s",
    "explain",
    "e",
    "completions",
    "man",
    "help",
];

/// Inserts `lookup` before the first argument that is neither an option (nor an option's value)
/// nor a subcommand, so that `errcode 41601` and `errcode --color never 41601` are lookups.
pub fn default_lookup(mut args: Vec<OsString>) -> Vec<OsString> {
    const TAKES_VALUE: [&str; 5] = ["--format", "-f", "--color", "--lang", "--table"];
    let mut i = 1;
    while i < args.len() {
        let arg = args[i].to_string_lossy();
        let negative_number = arg.len() > 1 && arg[1..].bytes().all(|b| b.is_ascii_digit());
        if arg == "--" || (arg.starts_with('-') && !negative_number) {
            if arg == "--" {
                i += 1;
                break;
            }
            i += if TAKES_VALUE.contains(&arg.as_ref()) {
                2
            } else {
                1
            };
            continue;
        }
        if SUBCOMMANDS.contains(&arg.as_ref()) {
            return args;
        }
        break;
    }
    if i < args.len() {
        args.insert(i, OsString::from("lookup"));
    }
    args
}

/// Options every subcommand takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Output format [default: table on a terminal, plain in a pipe; explain: human]
    #[arg(long, short = 'f', global = true, value_enum)]
    pub format: Option<Format>,

    /// When to colour the output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Language of meanings and hints [default: from LC_ALL, LC_MESSAGES, LANG]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    /// A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)
    #[arg(long = "table", global = true, value_name = "FILE")]
    pub tables: Vec<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what codes mean: `41601`, `416xx`, `416*`
    #[command(visible_alias = "l", after_help = EXIT_STATUS_HELP)]
    Lookup {
        /// Codes or patterns (416xx: each x one digit; 416*: any digits)
        #[arg(value_name = "CODE", required = true, allow_negative_numbers = true)]
        codes: Vec<String>,
    },

    /// List the table, in code order, optionally filtered
    #[command(after_help = EXIT_STATUS_HELP)]
    List {
        /// Only codes matching this code or pattern (416xx, 425*)
        #[arg(value_name = "PATTERN", allow_negative_numbers = true)]
        pattern: Option<String>,

        /// Only rows the API answers with this HTTP status
        #[arg(long, value_name = "STATUS")]
        http: Option<u16>,

        /// Only rows of this category (auth, device, internal…)
        #[arg(long)]
        category: Option<String>,

        /// Only rows of this retry class
        #[arg(long, value_enum)]
        retry: Option<Retry>,

        /// Show where each row came from (built-in or a --table file)
        #[arg(long)]
        show_source: bool,
    },

    /// Find codes whose description contains every term (Chinese or English)
    #[command(visible_alias = "s", after_help = EXIT_STATUS_HELP)]
    Search {
        /// Terms; ASCII letters match in any case
        #[arg(value_name = "TEXT", required = true)]
        terms: Vec<String>,
    },

    /// Annotate response envelopes: JSON, NDJSON, `curl -i`/`-v` output or log lines, plain or gzip
    #[command(visible_alias = "e", after_help = EXIT_STATUS_HELP)]
    Explain {
        /// Files to read, or - for stdin [default: stdin when it is not a terminal]
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,

        /// Count envelopes per StatusCode instead of explaining each
        #[arg(long)]
        summary: bool,

        /// Exit 1 when any envelope is an error (for scripts)
        #[arg(long)]
        check: bool,
    },

    /// Print a shell completion script that knows the codes
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: Shell,
    },

    /// Print the man page (roff)
    Man,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn subcommand_list_is_complete() {
        let mut names: Vec<String> = Cli::command()
            .get_subcommands()
            .flat_map(|c| {
                std::iter::once(c.get_name().to_string())
                    .chain(c.get_all_aliases().map(str::to_string))
            })
            .collect();
        names.push("help".to_string());
        names.sort();
        let mut listed: Vec<String> = SUBCOMMANDS.iter().map(|s| s.to_string()).collect();
        listed.sort();
        assert_eq!(names, listed);
    }

    #[test]
    fn version_names_the_source_and_row_count() {
        let rows = crate::table::Table::builtin().rows().len();
        assert!(
            LONG_VERSION.contains(&format!("{rows} rows")),
            "{LONG_VERSION}"
        );
        assert!(LONG_VERSION.contains("错误码"));
    }

    #[test]
    fn bare_codes_parse_as_lookup() {
        let parse = |args: &[&str]| {
            let args = default_lookup(args.iter().map(OsString::from).collect());
            match Cli::try_parse_from(args).unwrap().command {
                Command::Lookup { codes } => codes,
                other => panic!("{other:?} is not a lookup"),
            }
        };
        assert_eq!(parse(&["errcode", "41601", "416xx"]), ["41601", "416xx"]);
        assert_eq!(
            parse(&["errcode", "--color", "never", "-f", "json", "41601"]),
            ["41601"]
        );
        assert_eq!(parse(&["errcode", "--color=never", "lookup", "-5"]), ["-5"]);
        assert_eq!(parse(&["errcode", "-5"]), ["-5"]);
        assert_eq!(parse(&["errcode", "l", "41601"]), ["41601"]);
        let list = default_lookup(
            ["errcode", "--lang", "en", "list"]
                .iter()
                .map(OsString::from)
                .collect(),
        );
        assert!(matches!(
            Cli::try_parse_from(list).unwrap().command,
            Command::List { .. }
        ));
    }
}
