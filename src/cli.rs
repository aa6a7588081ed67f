//! The command line: clap types only, no logic.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use clap_complete::Shell;

use crate::error::EXIT_STATUS_HELP;
use crate::explain::summary::Group;
use crate::lang::Lang;
use crate::output::export::{Dialect, ExportFormat};
use crate::settings::{ColorChoice, Format, Paging};
use crate::table::Retry;

const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\ntable: 74 rows (73 codes; 51603 is listed twice) from ",
    crate::source_document!(),
    "\nAPI 3.0 table: 204 rows (154 product codes of service iss 2023-05-17 from tencentcloud-sdk-go \
     144f6c8, 38 common codes, 12 client codes of the Go, Python and Java SDKs; see src/table/SOURCES.md)"
);

const AFTER_HELP: &str = concat!(
    "Examples:
  errcode 41601                    what 41601 means (same as `errcode lookup 41601`)
  errcode lookup 416xx             every 416xx code
  errcode list --http 456          the infrastructure failures
  errcode search token             codes whose description mentions a token
  errcode AuthFailure.SignatureExpire   an API 3.0 code ('AuthFailure.*': the family)
  errcode list --twins             legacy codes beside their API 3.0 twins (--see-also: related codes)
  curl -si URL | errcode explain   annotate a response
  errcode explain --summary app.log
  errcode export --format sql --dialect duckdb | duckdb fleet.db   the codes, to join in SQL

",
    crate::exit_status_help!(),
    "

Environment: NO_COLOR, CLICOLOR_FORCE, TERM, COLUMNS, LC_ALL, LC_MESSAGES, LANG, ERRCODE_TABLE, PAGER"
);

/// `explain --help`'s formats and paging (a macro, so that `concat!` can use it).
macro_rules! explain_formats_help {
    () => {
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

"
    };
}

const EXPLAIN_HELP: &str = concat!(
    explain_formats_help!(),
    "Times (--since, --until; without a zone, in the local zone, TZ):
  1h, 90m, 2d, 1h30m   that long back from now (-1h too)
  2026-12-06           a day: --since from its start, --until to its end (the day included)
  2026-12-06 10:00     a date and a time, with or without seconds, after T or a space
  2026/12/06 10:00:01, 2026-12-06T10:00:01.123+08:00, 2026-12-06 10:00:01 +0800 CST
                       a time as a log line writes it: a fraction, a zone, as lines are read
  1796551201           epoch seconds (or milliseconds, microseconds, nanoseconds, by size)

",
    crate::exit_status_help!()
);

const EXPORT_HELP: &str = concat!(
    "Formats (--format):
  csv      the default: a header line, then one line a code, quoted where needed
  tsv      tab-separated, never quoted: a backslash is written \\\\, a tab or line break
           \\t, \\n or \\r, as explain's plain output does
  ndjson   one JSON object a line; twins and see_also are arrays
  bulk     Elasticsearch's bulk body: an index action (_id: the code) before each object
  sql      a script that makes the table errcode_codes and fills it (--dialect: sqlite,
           duckdb or clickhouse, which also gets the dictionary errcode); loading it twice
           leaves one row per code

Columns: api, code, http_status, message, message_en, category, retry, hint (in the language
of --lang), twins, see_also, source. One row a code: a code listed twice (51603, or an API 3.0
code that is both a product and a common code) gives both meanings, and both categories and
retry classes joined by | (gateway|internal), so that a join never counts an envelope twice.
The queries that give explain --summary's answer in each engine: docs/fleet.md.

",
    crate::exit_status_help!()
);

/// The command line, its help in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let command = <Cli as clap::CommandFactory>::command();
    match lang {
        Lang::En => command,
        Lang::Zh => crate::cli_zh::translate(command),
    }
}

/// Explain the error codes and response envelopes of the 智能视图计算平台 API, legacy and 3.0.
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
    /// Output format [default: table on a terminal, plain in a pipe; explain: human; export:
    /// csv]
    #[arg(long, short = 'f', global = true, value_enum)]
    pub format: Option<FormatArg>,

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

        /// The legacy codes beside the API 3.0 codes related to them without meaning the same,
        /// with the evidence
        #[arg(long, conflicts_with_all = ["pattern", "http", "category", "retry", "action", "api", "twins"])]
        see_also: bool,
    },

    /// Find codes whose description contains every term (Chinese or English)
    #[command(visible_alias = "s", after_help = EXIT_STATUS_HELP)]
    Search {
        /// Terms; ASCII letters match in any case where a word starts; synonyms count (限流,
        /// throttle); a lone HTTP status (403) lists its rows
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

    /// Write every code as a table for log engines to join on: csv, tsv, ndjson, bulk, sql
    #[command(after_help = EXPORT_HELP)]
    Export(ExportArgs),

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

    /// Only envelopes whose code is of this category (auth, device, internal…): printed,
    /// counted and checked
    #[arg(long)]
    pub category: Option<String>,

    /// Only envelopes whose code is of this retry class: printed, counted and checked
    #[arg(long, value_enum)]
    pub retry: Option<RetryArg>,

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

    /// Only envelopes logged at TIME or later: 1h back from now, 2026-12-06, 2026-12-06 10:00,
    /// a log line's time (see Times below)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub since: Option<String>,

    /// Only envelopes logged before TIME (as --since; a date alone: to the end of that day)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub until: Option<String>,
}

/// `errcode export`'s arguments; its format is the global `--format`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The SQL of --format sql (alone, it means --format sql) [default: sqlite]
    #[arg(long, value_enum)]
    pub dialect: Option<DialectArg>,
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

/// `--format`: the layouts of lookup, list, search and explain, and the formats of export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
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
    /// Comma-separated values with a header line (export only; its default).
    Csv,
    /// Tab-separated values with a header line, escaped as plain output is (export only).
    Tsv,
    /// One JSON object a line (export only).
    Ndjson,
    /// An Elasticsearch bulk body (export only).
    Bulk,
    /// A SQL script for --dialect (export only).
    Sql,
}

/// What `--format` chose: a layout of the other commands, or a format of export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    /// A layout of lookup, list, search or explain.
    Layout(Format),
    /// A format of export (`sql` in the dialect `--dialect` names, else SQLite's).
    Export(ExportFormat),
}

impl FormatArg {
    /// What this value chooses, with `dialect` for `sql`.
    pub fn chosen(self, dialect: Option<DialectArg>) -> Chosen {
        match self {
            FormatArg::Table => Chosen::Layout(Format::Table),
            FormatArg::Plain => Chosen::Layout(Format::Plain),
            FormatArg::Json => Chosen::Layout(Format::Json),
            FormatArg::Human => Chosen::Layout(Format::Human),
            FormatArg::Github => Chosen::Layout(Format::Github),
            FormatArg::Markdown => Chosen::Layout(Format::Markdown),
            FormatArg::Csv => Chosen::Export(ExportFormat::Csv),
            FormatArg::Tsv => Chosen::Export(ExportFormat::Tsv),
            FormatArg::Ndjson => Chosen::Export(ExportFormat::Ndjson),
            FormatArg::Bulk => Chosen::Export(ExportFormat::Bulk),
            FormatArg::Sql => Chosen::Export(ExportFormat::Sql(
                dialect.map_or(Dialect::Sqlite, Dialect::from),
            )),
        }
    }

    /// The value as typed.
    pub fn name(self) -> String {
        use clap::ValueEnum;
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }
}

/// `export --dialect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DialectArg {
    /// SQLite: the sqlite3 shell or any SQLite library.
    Sqlite,
    /// DuckDB.
    Duckdb,
    /// ClickHouse: the table, and the dictionary errcode over it for dictGet.
    Clickhouse,
}

impl From<DialectArg> for Dialect {
    fn from(arg: DialectArg) -> Dialect {
        match arg {
            DialectArg::Sqlite => Dialect::Sqlite,
            DialectArg::Duckdb => Dialect::Duckdb,
            DialectArg::Clickhouse => Dialect::Clickhouse,
        }
    }
}

/// `list --retry` and `explain --retry`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
/// Each also takes its Chinese label (`crate::table::labels::RETRIES`, held to it by a test),
/// as a hidden alias: completions offer the slugs.
pub enum RetryArg {
    /// The request itself is wrong: fix it; sending it again cannot succeed.
    #[value(alias = "不可重试")]
    Never,
    /// Fix the cause (a token, a device, a setting), then the same call can succeed.
    #[value(alias = "修复后重试")]
    AfterFix,
    /// A transient server-side failure: retry with exponential backoff and jitter.
    #[value(alias = "退避重试")]
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
        command(Lang::Zh).debug_assert();
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

    #[test]
    fn retry_takes_its_slug_and_its_chinese_label() {
        use clap::ValueEnum;
        for (retry, zh) in crate::table::labels::RETRIES {
            for word in [retry.as_str(), zh] {
                let arg = RetryArg::from_str(word, false).unwrap();
                assert_eq!(Retry::from(arg), retry, "{word}");
            }
        }
        // Only the slugs are offered (completions, help).
        let shown: Vec<String> = RetryArg::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value())
            .map(|v| v.get_name().to_string())
            .collect();
        assert_eq!(shown, ["never", "after-fix", "backoff"]);
        assert!(RetryArg::from_str("退避", false).is_err());
    }
}
