//! The command line: clap types only, no logic.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use clap_complete::Shell;

use crate::error::EXIT_STATUS_HELP;
use crate::explain::summary::Group;
use crate::lang::Lang;
use crate::settings::{ColorChoice, Format, Paging};
use crate::table::Retry;

const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\ntable: 74 rows (73 codes; 51603 is listed twice) from ",
    crate::source_document!(),
    "\nAPI 3.0 table: 193 rows (154 product codes of service iss 2023-05-17 from tencentcloud-sdk-go \
     144f6c8, 38 common codes, 1 SDK client code; see src/table/SOURCES.md)"
);

const AFTER_HELP: &str = concat!(
    "Examples:
  errcode 41601                    what 41601 means (same as `errcode lookup 41601`)
  errcode lookup 416xx             every 416xx code
  errcode list --http 456          the infrastructure failures
  errcode search token             codes whose description mentions a token
  errcode AuthFailure.SignatureExpire   an API 3.0 code ('AuthFailure.*': the family)
  errcode list --twins             legacy codes beside their API 3.0 twins
  curl -si URL | errcode explain   annotate a response
  errcode explain --summary app.log

",
    crate::exit_status_help!(),
    "

Environment: NO_COLOR, CLICOLOR_FORCE, TERM, COLUMNS, LC_ALL, LC_MESSAGES, LANG, ERRCODE_TABLE, PAGER"
);

const EXPLAIN_HELP: &str = concat!(
    "Formats:
  human   at most three lines an envelope: verdict, code, meaning, HTTP status, RequestId,
          file:line; the hint and Data on an error; the notes (-v adds each field's glossary)
  plain   one line an envelope, tab-separated: file (- for stdin), line, verdict, code,
          HTTP status (observed when seen, else the table's), Code, RequestId, meaning;
          a backslash inside a value is written \\\\, a tab or line break \\t, \\n or \\r,
          an absent value -; a value is cut to its first 200 characters and … (values can
          be megabytes long)
  table   a table of envelopes, written as they are read
  json    one object a line: the envelope as read and its annotation

Paging: human output on a terminal goes through $PAGER (empty or exactly cat: none; default
less -FRX, but none when TERM is dumb or unset),
never in a pipe and never when explain reads stdin.

",
    crate::exit_status_help!()
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

    /// Codes or patterns to look up: `errcode 41601` is `errcode lookup 41601`
    #[arg(value_name = "CODE", allow_negative_numbers = true)]
    pub codes: Vec<String>,

    /// What to do; codes alone mean `lookup`.
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command to run: the subcommand, or `lookup` of the codes given alone.
    pub fn into_command(self) -> (GlobalArgs, Command) {
        let command = self
            .command
            .unwrap_or(Command::Lookup { codes: self.codes });
        (self.global, command)
    }
}

/// An API generation, for `list --api`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ApiChoice {
    /// The legacy API (numeric codes).
    Legacy,
    /// Tencent Cloud API 3.0 (codes such as `AuthFailure.SignatureExpire`).
    V3,
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
    pub lang: Option<LangArg>,

    /// A JSON table to merge over the built-in one (repeatable; also ERRCODE_TABLE=a.json:b.json)
    #[arg(long = "table", global = true, value_name = "FILE")]
    pub tables: Vec<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what codes mean: `41601`, `416xx`, `'416*'`
    #[command(visible_alias = "l", after_help = EXIT_STATUS_HELP)]
    Lookup {
        /// Codes or patterns (416xx: each x one digit; '416*', quoted: any digits)
        #[arg(value_name = "CODE", required = true, allow_negative_numbers = true)]
        codes: Vec<String>,
    },

    /// List the table, in code order, optionally filtered
    #[command(after_help = EXIT_STATUS_HELP)]
    List {
        /// Only codes matching this code or pattern (416xx, '425*')
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
        retry: Option<RetryArg>,

        /// Show where each row came from (built-in or a --table file)
        #[arg(long)]
        show_source: bool,

        /// Only codes of this API generation [default: both]
        #[arg(long, value_enum)]
        api: Option<ApiChoice>,

        /// Only the API 3.0 codes the SDK documents for this action (AddOrganization)
        #[arg(long, value_name = "ACTION")]
        action: Option<String>,

        /// The legacy codes and their API 3.0 twins, side by side, with the evidence
        #[arg(long, conflicts_with_all = ["pattern", "http", "category", "retry", "action", "api"])]
        twins: bool,
    },

    /// Find codes whose description contains every term (Chinese or English)
    #[command(visible_alias = "s", after_help = EXIT_STATUS_HELP)]
    Search {
        /// Terms; ASCII letters match in any case
        #[arg(value_name = "TEXT", required = true)]
        terms: Vec<String>,
    },

    /// Annotate response envelopes: JSON, NDJSON, `curl -i`/`-v` output or log lines, plain or gzip
    #[command(
        visible_alias = "e",
        after_help = EXPLAIN_HELP,
        group(clap::ArgGroup::new("report").args(["summary", "diff", "live"]).multiple(true))
    )]
    Explain(ExplainArgs),

    /// Print a shell completion script that knows the codes
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: Shell,
    },

    /// Print the man page (roff)
    Man,
}

/// `errcode explain`'s arguments, as typed: turned into the explain options once, in
/// `commands/explain/options.rs`.
#[derive(Debug, Args)]
#[group(skip)]
pub struct ExplainArgs {
    /// Files to read, or - for stdin [default: stdin when it is not a terminal]
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Count envelopes per StatusCode instead of explaining each
    #[arg(long)]
    pub summary: bool,

    /// Exit 1 when any envelope is an error (for scripts)
    #[arg(long)]
    pub check: bool,

    /// With --check: print nothing, only the exit status tells
    #[arg(long, short = 'q', requires = "check")]
    pub quiet: bool,

    /// Only error envelopes: printed, counted and checked
    #[arg(long)]
    pub errors: bool,

    /// Only envelopes whose code matches (41601, 416xx, 'AuthFailure.*'; repeatable)
    #[arg(long, value_name = "PATTERN")]
    pub status: Vec<String>,

    /// The human layout with each field and what the source document says of it
    #[arg(long, short = 'v')]
    pub verbose: bool,

    /// When to page human output on a terminal (PAGER, default less -FRX)
    #[arg(long, value_enum, default_value_t = Paging::Auto, value_name = "WHEN")]
    pub paging: Paging,

    /// With --summary: count per category or retry class instead of per code
    #[arg(long, value_enum, requires = "summary", conflicts_with = "diff")]
    pub group: Option<GroupArg>,

    /// Compare two inputs (files, .gz or -): per code, before, after and the change; with
    /// --check, exit 1 when AFTER has a new error code (errors and
    /// successes of a code are compared apart)
    #[arg(
        long,
        num_args = 2,
        value_names = ["BEFORE", "AFTER"],
        conflicts_with_all = ["files", "summary"]
    )]
    pub diff: Option<Vec<PathBuf>>,

    /// With --summary, --diff or --live: at most N rows, the largest first (with --by: the N
    /// largest codes, each with all its buckets)
    #[arg(
        long,
        value_name = "N",
        value_parser = clap::value_parser!(u64).range(1..),
        requires = "report"
    )]
    pub top: Option<u64>,

    /// With --summary: count per time bucket too (30s, 5m, 1h, 1d), drawn as a chart
    #[arg(
        long,
        value_name = "DURATION",
        requires = "summary",
        conflicts_with_all = ["group", "diff"]
    )]
    pub by: Option<String>,

    /// A full-screen view of the counts per code that updates as the input grows (files
    /// followed as tail -F follows them); q quits and prints the summary. Not on a terminal:
    /// --summary
    // --by and --group are named too: clap drops the need of --summary they have when it
    // conflicts with an argument given, and would let them through unused.
    #[arg(long, conflicts_with_all = ["diff", "summary", "verbose", "by", "group"])]
    pub live: bool,

    /// Only envelopes logged at TIME or later (RFC 3339, or back from now: -3h, -30m, -2d)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub since: Option<String>,

    /// Only envelopes logged before TIME (as --since)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub until: Option<String>,
}

// The command line's side of the domain's choices: the domain types know nothing of clap. Each
// variant's doc comment is its help in `--help` and in the completions.

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// Chinese: the table's own text.
    Zh,
    /// English, with the original Chinese text beside it.
    En,
}

impl From<LangArg> for Lang {
    fn from(arg: LangArg) -> Lang {
        match arg {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// `list --retry`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RetryArg {
    /// The request itself is wrong: fix it; sending it again cannot succeed.
    Never,
    /// Fix the cause (a token, a device, a setting), then the same call can succeed.
    AfterFix,
    /// A transient server-side failure: retry with exponential backoff and jitter.
    Backoff,
}

impl From<RetryArg> for Retry {
    fn from(arg: RetryArg) -> Retry {
        match arg {
            RetryArg::Never => Retry::Never,
            RetryArg::AfterFix => Retry::AfterFix,
            RetryArg::Backoff => Retry::Backoff,
        }
    }
}

/// `explain --group`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupArg {
    /// The code's category in the table (`auth`, `device`, `internal`…).
    Category,
    /// The code's retry class (`backoff`, `after-fix`, `never`).
    Retry,
}

impl From<GroupArg> for Group {
    fn from(arg: GroupArg) -> Group {
        match arg {
            GroupArg::Category => Group::Category,
            GroupArg::Retry => Group::Retry,
        }
    }
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
    fn version_names_the_source_and_row_count() {
        let v3 = crate::table::v3::V3Table::builtin().rows().len();
        assert!(
            LONG_VERSION.contains(&format!("API 3.0 table: {v3} rows")),
            "{LONG_VERSION}"
        );
        let rows = crate::table::Table::builtin().rows().len();
        assert!(
            LONG_VERSION.contains(&format!("{rows} rows")),
            "{LONG_VERSION}"
        );
        assert!(LONG_VERSION.contains("错误码"));
    }

    #[test]
    fn bare_codes_parse_as_lookup() {
        let parse = |args: &[&str]| match Cli::try_parse_from(args).unwrap().into_command().1 {
            Command::Lookup { codes } => codes,
            other => panic!("{other:?} is not a lookup"),
        };
        assert_eq!(parse(&["errcode", "41601", "416xx"]), ["41601", "416xx"]);
        assert_eq!(
            parse(&["errcode", "--color", "never", "-f", "json", "41601"]),
            ["41601"]
        );
        assert_eq!(parse(&["errcode", "--color=never", "lookup", "-5"]), ["-5"]);
        assert_eq!(parse(&["errcode", "-5"]), ["-5"]);
        assert_eq!(parse(&["errcode", "l", "41601"]), ["41601"]);
        assert_eq!(parse(&["errcode", "--", "41601"]), ["41601"]);
        assert_eq!(parse(&["errcode", "错误"]), ["错误"]);
        let list = Cli::try_parse_from(["errcode", "--lang", "en", "list"]).unwrap();
        assert!(matches!(list.into_command().1, Command::List { .. }));
    }
}
