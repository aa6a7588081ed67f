//! One function per subcommand: read what it needs, ask the table, hand the rows to the renderer.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command};
use crate::error::{file_error, note, say_error, Error, Outcome};
use crate::lang::Lang;
use crate::output::{self, RowStyle};
use crate::settings::Format;
use crate::text::escape;

pub mod explain;
pub mod export;
pub mod parse;
pub use crate::settings::Settings;
use crate::table::query::Query;
use crate::table::{self, labels, Retry, Row, Table};

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Runs one command line.
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    check_command_line(&cli)?;
    let (global, command) = cli.into_command();
    let format = layout_format(&command, global.format)?;
    let g = &global;
    let settings = Settings::decide(
        format,
        g.color,
        g.lang.map(crate::lang::Lang::from),
        io::stdout().is_terminal(),
        env,
    );
    crate::lang::Lang::set_current(settings.lang);
    run_paged(command, &global, format, &settings)
}

/// A usage error for a command line with nothing to do, or one that cannot write what it
/// would: stdout closed, or a code that names a subcommand mistyped.
fn check_command_line(cli: &Cli) -> Result<(), Error> {
    // `explain -q` writes nothing to stdout: it may well be closed.
    let writes_nothing = matches!(&cli.command, Some(Command::Explain(args)) if args.quiet);
    if !writes_nothing && crate::error::stdout_is_closed() {
        return Err(crate::error::stdout_closed());
    }
    if cli.command.is_none() {
        if let Some(name) = cli.codes.first().and_then(|c| parse::meant_subcommand(c)) {
            let word = escape(&cli.codes[0]);
            return Err(Error::Usage(crate::t!(
                "unrecognized subcommand '{word}'; did you mean `{name}`?",
                "没有子命令 '{word}'；是指 `{name}` 吗？"
            )));
        }
    }
    if cli.command.is_none() && cli.codes.is_empty() {
        // `errcode --lang zh`: flags, but nothing to do.
        return Err(Error::Usage(crate::t!(
            "give a code (errcode 41601) or a subcommand: `errcode --help` lists them",
            "请给出错误码（errcode 41601）或子命令：`errcode --help` 列出全部子命令"
        )));
    }
    Ok(())
}

/// The layout `--format` names for `command`, when it names one; a usage error when it names
/// one the command does not write.
fn layout_format(
    command: &Command,
    typed: Option<crate::cli::FormatArg>,
) -> Result<Option<Format>, Error> {
    // `--format` names the layouts of the other commands and export's formats: each command
    // takes its own, checked before anything is read.
    let exporting = matches!(command, Command::Export(_));
    if let Command::Export(args) = command {
        export::format(args, typed)?;
    }
    let format = match typed.map(|f| (f, f.chosen(None))) {
        Some((_, crate::cli::Chosen::Layout(format))) => Some(format),
        Some((typed, crate::cli::Chosen::Export(_))) if !exporting => {
            return Err(export::not_here(typed))
        }
        _ => None,
    };
    if let Some(f @ (Format::Human | Format::Github | Format::Markdown)) = format {
        if !matches!(command, Command::Explain(_)) {
            let name = format!("{f:?}").to_lowercase();
            return Err(Error::Usage(crate::t!(
                "--format {name} is explain's layout: lookup, list and search write table, plain or json",
                "--format {name} 是 explain 的版式：lookup、list 和 search 输出 table、plain 或 json"
            )));
        }
    }
    Ok(format)
}

/// Runs `command` onto stdout, through a pager when it wants one, and flushes what it wrote.
fn run_paged(
    command: Command,
    global: &crate::cli::GlobalArgs,
    format: Option<Format>,
    settings: &Settings,
) -> Result<Outcome, Error> {
    // Not locked here: explain writes from a thread of its own.
    let mut out = BufWriter::new(io::stdout());
    let paged = pager_for(&command, settings);
    let (outcome, flushed) = match paged {
        None => {
            let outcome = run_command(&mut out, command, global, format, settings);
            (outcome, out.flush())
        }
        Some(mut paged) => {
            // Notes meant for the terminal go through the pager too, after the table.
            if io::stderr().is_terminal() {
                crate::error::redirect_diagnostics(paged.diagnostics());
            }
            let outcome = run_command(&mut paged.input, command, global, format, settings);
            crate::error::redirect_diagnostics(None);
            (outcome, paged.finish())
        }
    };
    // Output that was written must reach the reader even when the command then fails.
    let outcome = outcome?;
    match flushed {
        // The reader went away: what the command found still decides the exit.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(outcome),
        other => other.map(|()| outcome).map_err(Error::Output),
    }
}

/// The pager lookup, list and search write through: only their table on a terminal (never
/// plain or JSON, never a pipe), with explain's rules for `--paging`, `PAGER` and `TERM`.
fn pager_for(command: &Command, settings: &Settings) -> Option<output::pager::Paged> {
    let paging = match command {
        Command::Lookup { paging, .. }
        | Command::List { paging, .. }
        | Command::Search { paging, .. } => *paging,
        _ => return None,
    };
    if !settings.stdout_is_terminal || settings.rows_format() != Format::Table {
        return None;
    }
    let words = output::pager::command(paging, env)?;
    output::pager::start(&words, paging)
}

/// One command, its output written to `out`.
fn run_command(
    out: &mut (impl Write + Send),
    command: Command,
    g: &crate::cli::GlobalArgs,
    format: Option<Format>,
    settings: &Settings,
) -> Result<Outcome, Error> {
    match command {
        Command::Lookup { codes, .. } => lookup(&mut *out, &g.tables, settings, &codes),
        Command::List {
            pattern,
            http,
            category,
            retry,
            show_source,
            api,
            action,
            twins,
            see_also,
            ..
        } => {
            let filter = ListFilter {
                pattern,
                http,
                category,
                retry: retry.map(Retry::from),
                api,
                action,
            };
            let pairs = match (twins, see_also) {
                (true, _) => Some(crate::table::crosswalk::pairs()),
                (_, true) => Some(crate::table::crosswalk::see_also_pairs()),
                _ => None,
            };
            list_or_pairs(&mut *out, pairs, &filter, show_source, g, settings)
        }
        Command::Search { terms, .. } => {
            search(&mut *out, &load_table(&g.tables)?, settings, &terms)
        }
        Command::Explain(args) => explain_command(&mut *out, args, g, format, settings),
        Command::Export(args) => export::run(
            &mut *out,
            &load_table(&g.tables)?,
            settings,
            export::format(&args, g.format)?,
        ),
        Command::Completions { shell } => {
            out.write_all(crate::completions::script(shell, &Table::builtin()).as_bytes())?;
            Ok(Outcome::Found)
        }
        Command::Man => {
            crate::completions::man_page(&mut *out)?;
            Ok(Outcome::Found)
        }
    }
}

/// `errcode list`: the crosswalk's `pairs` side by side when `--twins` or `--see-also` asked
/// for them, else the rows that pass `filter`.
fn list_or_pairs(
    out: &mut impl Write,
    pairs: Option<&[crate::table::crosswalk::Pair]>,
    filter: &ListFilter,
    show_source: bool,
    g: &crate::cli::GlobalArgs,
    settings: &Settings,
) -> Result<Outcome, Error> {
    match pairs {
        Some(pairs) => twins_list(&mut *out, pairs, settings)
            .map(|()| Outcome::Found)
            .map_err(Error::Output),
        None => list(
            &mut *out,
            &load_table(&g.tables)?,
            settings,
            filter,
            show_source,
        ),
    }
}

/// `errcode explain`: its options read from `args`, then the inputs explained.
fn explain_command(
    out: &mut (impl Write + Send),
    mut args: crate::cli::ExplainArgs,
    g: &crate::cli::GlobalArgs,
    format: Option<Format>,
    settings: &Settings,
) -> Result<Outcome, Error> {
    let files = std::mem::take(&mut args.files);
    // Before the options: `--category` is checked against its categories.
    let table = load_table(&g.tables)?;
    let options = explain::Options::from_args(args, &files, &table, format, settings, env)?;
    explain::run(&mut *out, &table, settings, &files, &options)
}

/// `errcode list --twins` (the crosswalk) and `--see-also` (the related pairs), side by side.
fn twins_list(
    out: &mut impl Write,
    pairs: &[crate::table::crosswalk::Pair],
    settings: &Settings,
) -> io::Result<()> {
    match settings.rows_format() {
        crate::settings::Format::Json => {
            crate::text::to_json_writer_pretty(&mut *out, pairs)?;
            writeln!(out)
        }
        crate::settings::Format::Table => output::twins::write_table(out, pairs, settings),
        _ => output::twins::write_plain(out, pairs),
    }
}

/// `[]`: what `--format json` prints when nothing matched.
fn empty_json(out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"[]\n")?;
    out.flush()
}

/// The built-in table with `ERRCODE_TABLE`'s files and then `--table`'s merged over it, in order.
pub fn load_table(flags: &[PathBuf]) -> Result<Table, Error> {
    let mut table = Table::builtin();
    let from_env = std::env::var_os("ERRCODE_TABLE").unwrap_or_default();
    let home = std::env::var_os(if cfg!(windows) { "USERPROFILE" } else { "HOME" });
    let paths = table_paths(&from_env, home.as_deref())
        .into_iter()
        .chain(flags.iter().cloned());
    for path in paths {
        let text = read_text(&path)?;
        // Kept as it is: JSON escapes it as JSON, the terminal layouts and errors as text.
        let rows = table::parse_rows(&text, &path.to_string_lossy())
            .map_err(|e| Error::Input(crate::t!("table {e}", "表 {e}")))?;
        table.merge(rows);
    }
    Ok(table)
}

/// The tables `ERRCODE_TABLE` names: split as the platform splits `PATH` (`:` on Unix, `;` on
/// Windows, where `C:\` is a path), with a leading `~/` expanded to `home`, since a value in an
/// env file or in quotes never went through a shell.
pub fn table_paths(value: &std::ffi::OsStr, home: Option<&std::ffi::OsStr>) -> Vec<PathBuf> {
    std::env::split_paths(value)
        .filter(|p| !p.as_os_str().is_empty())
        .map(|path| match (path.strip_prefix("~"), home) {
            (Ok(rest), Some(home)) if !home.is_empty() && !rest.as_os_str().is_empty() => {
                Path::new(home).join(rest)
            }
            _ => path,
        })
        .collect()
}

/// Reads a whole UTF-8 table file of at most [`table::USER_TABLE_LIMIT`] bytes, with errors
/// that name it and say what to do.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let name = escape(&path.to_string_lossy()).into_owned();
    let bytes = fs::File::open(path)
        .and_then(table::read_user_table)
        .map_err(|e| file_error(path, &e))?
        .ok_or_else(|| {
            let mib = table::USER_TABLE_LIMIT >> 20;
            Error::Input(crate::t!(
                "{name}: a table may hold at most {mib} MiB: keep only the codes you need",
                "{name}：表最多 {mib} MiB：只保留需要的错误码"
            ))
        })?;
    String::from_utf8(bytes).map_err(|e| {
        let byte = e.utf8_error().valid_up_to();
        Error::Input(crate::t!(
            "{name}: byte {byte} is not valid UTF-8: save the file as UTF-8",
            "{name}：第 {byte} 字节不是有效的 UTF-8：请把文件存为 UTF-8"
        ))
    })
}

fn row_style(settings: &Settings, highlight: Vec<String>, show_source: bool) -> RowStyle {
    RowStyle {
        format: settings.rows_format(),
        palette: settings.palette,
        lang: settings.lang,
        highlight,
        show_source,
        width: Some(settings.width),
    }
}

/// The note on stderr a lookup adds: what an HTTP status of the rows means on this platform
/// where it is not the usual meaning (the rows show the status, not that it is unusual). A
/// code listed twice needs none: its rows show both meanings.
fn write_notes(rows: &[&Row]) {
    let statuses: BTreeSet<u16> = rows.iter().filter_map(|r| r.http_status).collect();
    let lang = crate::lang::Lang::current();
    for text in statuses
        .into_iter()
        .filter_map(|s| table::http_status_note_in(s, lang))
    {
        note(&text);
    }
}

/// The notes on the other API generation's codes of the rows looked up: for one code, its
/// twins and related codes by name; for several, one line that counts them and says where
/// they are listed, instead of a line a code.
fn write_crosswalk_notes(rows: &[&Row]) {
    let codes = crosswalk_codes(rows);
    // A few codes are named; many are counted.
    if codes.len() <= NAMED_CODES {
        for (code, twins, see_also) in &codes {
            write_crosswalk_note(code, twins, see_also);
        }
        return;
    }
    let twins = codes.iter().filter(|(_, t, _)| !t.is_empty()).count();
    let related = codes.iter().filter(|(_, _, s)| !s.is_empty()).count();
    let twins = match twins {
        0 => None,
        1 => Some(crate::t!(
            "1 of these codes means the same as a code of the other API generation",
            "其中 1 个错误码与另一代 API 的错误码含义相同"
        )),
        t => Some(crate::t!(
            "{t} of these codes mean the same as a code of the other API generation",
            "其中 {t} 个错误码与另一代 API 的错误码含义相同"
        )),
    };
    let related = match (related, twins.is_some()) {
        (0, _) => None,
        (1, true) => Some(crate::t!("1 is related to one", "1 个与之相关")),
        (r, true) => Some(crate::t!("{r} are related to one", "{r} 个与之相关")),
        (1, false) => Some(crate::t!(
            "1 of these codes is related to a code of the other API generation",
            "其中 1 个错误码与另一代 API 的错误码相关"
        )),
        (r, false) => Some(crate::t!(
            "{r} of these codes are related to a code of the other API generation",
            "其中 {r} 个错误码与另一代 API 的错误码相关"
        )),
    };
    let shows = crosswalk_listings(twins.is_some(), related.is_some());
    let counts: Vec<String> = twins.into_iter().chain(related).collect();
    if !counts.is_empty() {
        let counts = counts.join(&crate::t!(", ", "，"));
        note(&crate::t!("{counts}: {shows}", "{counts}：{shows}"));
    }
}

/// The codes of `rows` that have codes of the other generation, each once: (code, its twins,
/// its related codes).
fn crosswalk_codes(rows: &[&Row]) -> Vec<(String, Vec<String>, Vec<String>)> {
    let mut codes: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    for row in rows {
        // A code with two rows (a product and a common code) is noted once.
        let code = row.label();
        if codes.iter().any(|(seen, ..)| *seen == code) {
            continue;
        }
        let twins = crate::table::crosswalk::twins_of(row);
        let see_also = crate::table::crosswalk::see_also_of(row);
        if !twins.is_empty() || !see_also.is_empty() {
            codes.push((code, twins, see_also));
        }
    }
    codes
}

/// Which listings show the twins and the related codes counted.
fn crosswalk_listings(twins: bool, related: bool) -> String {
    match (twins, related) {
        (true, false) => crate::t!(
            "`errcode list --twins` shows them, `errcode CODE` names them",
            "`errcode list --twins` 列出它们，`errcode 错误码` 给出名称"
        ),
        (false, _) => crate::t!(
            "`errcode list --see-also` shows them, `errcode CODE` names them",
            "`errcode list --see-also` 列出它们，`errcode 错误码` 给出名称"
        ),
        (true, true) => crate::t!(
            "`errcode list --twins` and `errcode list --see-also` show them, `errcode CODE` names them",
            "`errcode list --twins` 和 `errcode list --see-also` 列出它们，`errcode 错误码` 给出名称"
        ),
    }
}

/// Past this many codes with a code of the other generation, a lookup counts them in one note
/// instead of naming each.
const NAMED_CODES: usize = 3;

/// The notes naming the other generation's codes of one code looked up.
fn write_crosswalk_note(code: &str, twins: &[String], see_also: &[String]) {
    if !twins.is_empty() {
        let twins = twins.join(", ");
        note(&crate::t!(
            "{code} means the same as {twins} of the other API generation (`errcode list --twins` shows why)",
            "{code} 与另一代 API 的 {twins} 含义相同（`errcode list --twins` 说明依据）"
        ));
    }
    if !see_also.is_empty() {
        let see_also = see_also.join(", ");
        note(&crate::t!(
            "see also {see_also} of the other API generation: related to {code}, but not the same (`errcode list --see-also` shows why)",
            "另见另一代 API 的 {see_also}：与 {code} 相关，但含义不同（`errcode list --see-also` 说明依据）"
        ));
    }
}

/// `errcode lookup CODE...`: every row of each code or pattern; exit 1 when one is unknown.
/// Without user tables only the rows asked for are read from the built-in table (start-up is
/// most of a lookup's time); the whole table is read only to suggest codes for a miss.
pub fn lookup(
    out: &mut impl Write,
    tables: &[PathBuf],
    settings: &Settings,
    args: &[String],
) -> Result<Outcome, Error> {
    // API 3.0 codes and patterns (`AuthFailure.SignatureExpire`, `'AuthFailure.*'`) are
    // looked up in the API 3.0 table; the rest are legacy codes.
    let all_args = args;
    let args: Vec<&String> = args
        .iter()
        .filter(|a| !crate::table::v3::V3Table::is_code(a))
        .collect();
    // Only the rows asked for, as for the legacy table.
    let v3_table = crate::table::v3::V3Table::builtin_where(|code| {
        all_args.iter().any(|a| {
            crate::table::v3::V3Table::is_code(a) && crate::table::v3::code_matches(a, code)
        })
    });
    // A word that starts with a letter was meant as an API 3.0 code, whatever else it holds.
    if let Some(bad) = args
        .iter()
        .find(|a| a.starts_with(|c: char| c.is_ascii_alphabetic()))
    {
        return Err(not_a_code(bad));
    }
    let queries = args
        .iter()
        .map(|a| parse_query(a))
        .collect::<Result<Vec<_>, _>>()?;
    let user_tables = !tables.is_empty() || env("ERRCODE_TABLE").is_some_and(|t| !t.is_empty());
    let table = if user_tables {
        load_table(tables)?
    } else {
        Table::builtin_where(|code| queries.iter().any(|q| q.matches(code)))
    };
    let mut found = LookupRows {
        table: &table,
        user_tables,
        all: None,
        rows: Vec::new(),
        missing: Vec::new(),
    };
    // Rows in the order of the arguments, legacy and API 3.0 alike.
    let mut queries = queries.iter().zip(args);
    for arg in all_args {
        if crate::table::v3::V3Table::is_code(arg) {
            found.v3(&v3_table, arg);
            continue;
        }
        let Some((query, arg)) = queries.next() else {
            break;
        };
        found.legacy(query, arg);
    }
    found.write(out, settings)
}

/// The usage error for a word that starts with a letter but is no API 3.0 code.
fn not_a_code(bad: &str) -> Error {
    let (bad, hint) = (
        escape(&crate::text::short(bad, 80)).into_owned(),
        glob_hint(bad),
    );
    Error::Usage(crate::t!(
        "{bad} is not an error code: API 3.0 codes are letters, digits and dots (AuthFailure.SignatureExpire), and a pattern ends in * or . (quoted for the shell: 'AuthFailure.*'){hint}",
        "{bad} 不是错误码：API 3.0 错误码由字母、数字和点组成（AuthFailure.SignatureExpire），模式以 * 或 . 结尾（给 shell 时加引号：'AuthFailure.*'）{hint}"
    ))
}

/// What a lookup found so far: the rows, in the order of the arguments, and a message for each
/// argument that found none.
struct LookupRows<'t> {
    /// The legacy table the codes are looked up in.
    table: &'t Table,
    /// Whether user tables were merged into it.
    user_tables: bool,
    /// The whole table, read for suggestions at the first miss.
    all: Option<Table>,
    /// The rows found, each once.
    rows: Vec<&'t Row>,
    /// The messages for the arguments that found nothing.
    missing: Vec<String>,
}

impl<'t> LookupRows<'t> {
    /// Looks up an API 3.0 code or pattern in `v3_table`.
    fn v3(&mut self, v3_table: &'t crate::table::v3::V3Table, arg: &str) {
        let matched = v3_table.matching(arg);
        if matched.is_empty() {
            self.missing.push(v3_not_found(arg));
        }
        self.rows.extend(matched);
    }

    /// Looks up a legacy code or pattern.
    fn legacy(&mut self, query: &'t Query, arg: &str) {
        let matched: Vec<&Row> = self.table.matching(query).collect();
        if matched.is_empty() {
            let (table, user_tables) = (self.table, self.user_tables);
            let all = self.all.get_or_insert_with(|| {
                if user_tables {
                    table.clone()
                } else {
                    Table::builtin()
                }
            });
            self.missing.push(not_found(all, query, arg));
        }
        for row in matched {
            if !self.rows.iter().any(|seen| std::ptr::eq(*seen, row)) {
                self.rows.push(row);
            }
        }
    }

    /// Writes the rows found and the notes on them, then says which arguments found nothing.
    fn write(self, out: &mut impl Write, settings: &Settings) -> Result<Outcome, Error> {
        let (rows, missing) = (self.rows, self.missing);
        if rows.is_empty() && settings.rows_format() == crate::settings::Format::Json {
            // An empty array, so that `| jq length` works.
            empty_json(out)?;
        }
        if !rows.is_empty() {
            let written = output::write_rows(out, &rows, &row_style(settings, Vec::new(), false))
                .and_then(|()| out.flush());
            match written {
                // A reader that went away does not turn a code not found into a success.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe && !missing.is_empty() => {
                    return Ok(Outcome::NothingFound)
                }
                other => other?,
            }
            write_notes(&rows);
            if settings.rows_format() != crate::settings::Format::Json {
                write_crosswalk_notes(&rows);
            }
        }
        for message in &missing {
            say_error(message);
        }
        Ok(if missing.is_empty() {
            Outcome::Found
        } else {
            Outcome::NothingFound
        })
    }
}

/// The one-line message for an API 3.0 code or pattern the table does not have.
fn v3_not_found(arg: &str) -> String {
    let near = crate::table::v3::V3Table::builtin().suggest(arg);
    let hint = glob_hint(arg);
    let arg = escape(&crate::text::short(arg, 80)).into_owned();
    match near.is_empty() {
        true => crate::t!(
            "{arg} is not an API 3.0 code of this platform: `errcode search` finds codes by their text{hint}",
            "{arg} 不是本平台的 API 3.0 错误码：`errcode search` 可按文字查找错误码{hint}"
        ),
        false => {
            let near = near.join(", ");
            crate::t!(
                "{arg} is not an API 3.0 code of this platform; did you mean {near}?{hint}",
                "{arg} 不是本平台的 API 3.0 错误码；是指 {near} 吗？{hint}"
            )
        }
    }
}

/// A code or pattern argument, or a usage error that says how to write one.
fn parse_query(arg: &str) -> Result<Query, Error> {
    Query::parse(arg).map_err(|e| Error::Usage(format!("{e}{}", glob_hint(arg))))
}

/// What to add when an argument that is not a code names a file: the shell most likely put
/// file names where an unquoted `*` was (`errcode lookup 416*` in bash).
fn glob_hint(arg: &str) -> String {
    if arg.is_empty() || !Path::new(arg).exists() {
        return String::new();
    }
    crate::t!(
        "; a file of that name is here: the shell may have put file names for an unquoted *, so quote the pattern ('416*', 'AuthFailure.*')",
        "；这里有同名文件：shell 可能把未加引号的 * 换成了文件名，请给模式加引号（'416*'、'AuthFailure.*'）"
    )
}

/// The one-line message for a code or pattern the table does not have.
fn not_found(table: &Table, query: &Query, arg: &str) -> String {
    // Numbers on-call engineers see that are not table codes: HTTP statuses and `Code`.
    match query {
        Query::Code(456) => return crate::t!(
            "HTTP 456 is this platform's status for infrastructure failures: `errcode list --http 456` shows them (52501-52514)",
            "HTTP 456 是本平台表示基础设施故障的状态码：`errcode list --http 456` 列出它们（52501-52514）"
        ),
        Query::Code(403) => return crate::t!(
            "HTTP 403 answers refused recording downloads: `errcode list --http 403` shows them",
            "HTTP 403 表示录像下载被拒绝：`errcode list --http 403` 列出它们"
        ),
        Query::Code(402) => return crate::t!(
            "HTTP 402 here means too many concurrent downloads (42505), not Payment Required: `errcode 42505`",
            "HTTP 402 在这里表示并发下载数超限（42505），不是 Payment Required：`errcode 42505`"
        ),
        Query::Code(400) => return crate::t!(
            "HTTP 400 answers recording downloads that cannot be served: `errcode list --http 400` shows them",
            "HTTP 400 表示录像下载无法提供：`errcode list --http 400` 列出它们"
        ),
        Query::Code(500) => return crate::t!(
            "500 is the envelope's Code for a server-side failure (0: answered normally); StatusCode says which: `errcode list 5xxxx`",
            "500 是响应中 Code 字段表示服务端失败的值（0 表示正常应答）；具体原因看 StatusCode：`errcode list 5xxxx`"
        ),
        _ => {}
    }
    match query {
        Query::Code(n) if (100..1000).contains(n) => crate::t!(
            "{query} is not a code: legacy codes have five digits (try {query}xx); `errcode list` shows every code",
            "{query} 不是错误码：旧版错误码有五位数字（试试 {query}xx）；`errcode list` 列出全部错误码"
        ),
        Query::Code(_) => {
            let near: Vec<String> = table
                .nearest(arg.trim())
                .iter()
                .map(u32::to_string)
                .collect();
            if near.is_empty() {
                crate::t!(
                    "{query} is not in the table: `errcode list` shows every code",
                    "表中没有 {query}：`errcode list` 列出全部错误码"
                )
            } else {
                let near = near.join(", ");
                crate::t!(
                    "{query} is not in the table; did you mean {near}?",
                    "表中没有 {query}；是指 {near} 吗？"
                )
            }
        }
        Query::Pattern { .. } => crate::t!(
            "no code in the table matches {query}: `errcode list` shows every code",
            "表中没有匹配 {query} 的错误码：`errcode list` 列出全部错误码"
        ),
    }
}

/// The filters of `errcode list`.
#[derive(Debug, Default)]
pub struct ListFilter {
    /// A code or pattern.
    pub pattern: Option<String>,
    /// An HTTP status.
    pub http: Option<u16>,
    /// A category slug.
    pub category: Option<String>,
    /// A retry class.
    pub retry: Option<Retry>,
    /// An API generation.
    pub api: Option<crate::cli::ApiChoice>,
    /// An API 3.0 action.
    pub action: Option<String>,
}

/// `errcode list`: the rows that pass every filter, in code order; exit 1 when none does.
pub fn list(
    out: &mut impl Write,
    table: &Table,
    settings: &Settings,
    filter: &ListFilter,
    show_source: bool,
) -> Result<Outcome, Error> {
    let v3_pattern = filter
        .pattern
        .as_deref()
        .filter(|p| crate::table::v3::V3Table::is_code(p));
    let query = filter
        .pattern
        .as_deref()
        .filter(|_| v3_pattern.is_none())
        .map(parse_query)
        .transpose()?;
    let rows = listed_rows(table, filter, v3_pattern, query.as_ref());
    if rows.is_empty() {
        let why = why_no_row(table, filter, query.as_ref());
        say_error(&crate::t!("no row matches {why}", "没有匹配 {why} 的行"));
        if settings.rows_format() == crate::settings::Format::Json {
            empty_json(out)?;
        }
        return Ok(Outcome::NothingFound);
    }
    output::write_rows(out, &rows, &row_style(settings, Vec::new(), show_source))?;
    out.flush()?;
    // A listing is read as a reference: its rows show what a note would say, and `errcode
    // CODE` says the rest.
    Ok(Outcome::Found)
}

/// The rows of both generations that pass every filter: legacy rows first, in code order.
fn listed_rows<'t>(
    table: &'t Table,
    filter: &ListFilter,
    v3_pattern: Option<&str>,
    query: Option<&Query>,
) -> Vec<&'t Row> {
    use crate::cli::ApiChoice;
    use crate::table::v3::V3Table;
    let legacy =
        filter.api != Some(ApiChoice::V3) && v3_pattern.is_none() && filter.action.is_none();
    let v3 = filter.api != Some(ApiChoice::Legacy) && query.is_none();
    let v3_rows: Vec<&Row> = match (v3, v3_pattern, &filter.action) {
        (false, _, _) => Vec::new(),
        (true, _, Some(action)) => V3Table::builtin().for_action(action),
        (true, Some(pattern), None) => V3Table::builtin().matching(pattern),
        (true, None, None) => V3Table::builtin().rows().iter().collect(),
    };
    // A Chinese label names its slug.
    let known = table.all_categories();
    let legacy_rows = table.rows().iter().filter(|_| legacy);
    legacy_rows
        .chain(v3_rows)
        .filter(|r| query.is_none_or(|q| q.matches(r.code)))
        .filter(|r| filter.http.is_none_or(|s| r.http_status == Some(s)))
        .filter(|r| {
            filter
                .category
                .as_deref()
                .is_none_or(|c| r.category.as_deref() == Some(labels::category_slug(c, &known)))
        })
        .filter(|r| filter.retry.is_none_or(|k| r.retry == Some(k)))
        .collect()
}

/// The filters that left no row, as the error names them, with what they could have been.
fn why_no_row(table: &Table, filter: &ListFilter, query: Option<&Query>) -> String {
    let mut why = Vec::new();
    if let Some(q) = query {
        why.push(crate::t!("pattern {q}", "模式 {q}"));
    }
    if let Some(s) = filter.http {
        let used: Vec<String> = table.http_statuses().iter().map(u16::to_string).collect();
        let used = used.join(", ");
        why.push(crate::t!(
            "--http {s} (the table uses {used})",
            "--http {s}（表中用到的有 {used}）"
        ));
    }
    if let Some(c) = &filter.category {
        let known = labels::known_list(&table.all_categories(), Lang::current());
        let c = escape(c);
        why.push(crate::t!(
            "--category {c} (known: {known})",
            "--category {c}（已有类别：{known}）"
        ));
    }
    if let Some(k) = filter.retry {
        why.push(format!("--retry {k}"));
    }
    if let Some(action) = &filter.action {
        let action = escape(action);
        why.push(crate::t!(
            "--action {action} (an action of API 3.0, such as AddOrganization)",
            "--action {action}（API 3.0 的接口名，如 AddOrganization）"
        ));
    }
    why.join(&crate::t!(" and ", " 且 "))
}

/// `errcode search TEXT...`: rows whose meaning or hint holds every term, best first; exit 1
/// when none does. A lone HTTP status that the tables use (`403`) lists the rows answered with it.
pub fn search(
    out: &mut impl Write,
    table: &Table,
    settings: &Settings,
    terms: &[String],
) -> Result<Outcome, Error> {
    if terms.iter().all(|t| t.trim().is_empty()) {
        return Err(Error::Usage(crate::t!(
            "nothing to search for: give a word of the meaning, such as `errcode search token`",
            "没有要搜索的内容：请给出描述中的词，如 `errcode search token`"
        )));
    }
    let v3 = crate::table::v3::V3Table::builtin();
    if let Some(status) = http_status_term(terms, table, v3) {
        let filter = ListFilter {
            http: Some(status),
            ..ListFilter::default()
        };
        let outcome = list(out, table, settings, &filter, false)?;
        note(&crate::t!(
            "{status} is an HTTP status: these are the rows `errcode list --http {status}` shows",
            "{status} 是 HTTP 状态码：以上是 `errcode list --http {status}` 列出的行"
        ));
        return Ok(outcome);
    }
    let search = crate::table::search::Search::new(terms);
    // Both generations, ranked together: legacy codes first where they fit as well.
    let rows = search.rank(table.rows().iter().chain(v3.rows()));
    if rows.is_empty() {
        let shown: Vec<String> = terms.iter().map(|t| format!("'{}'", escape(t))).collect();
        let shown = shown.join(&crate::t!(" and ", " 且 "));
        say_error(&crate::t!(
            "no meaning or hint matches {shown}",
            "没有描述或建议匹配 {shown}"
        ));
        if settings.rows_format() == crate::settings::Format::Json {
            empty_json(out)?;
        }
        return Ok(Outcome::NothingFound);
    }
    output::write_rows(out, &rows, &row_style(settings, search.highlight(), false))?;
    out.flush()?;
    Ok(Outcome::Found)
}

/// The HTTP status that `terms` are, when they are one number of three digits that rows of the
/// tables are answered with: no meaning is a bare number, so `search 403` means `list --http 403`.
fn http_status_term(
    terms: &[String],
    table: &Table,
    v3: &crate::table::v3::V3Table,
) -> Option<u16> {
    let [term] = terms
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()[..]
    else {
        return None;
    };
    let status: u16 = Some(term)
        .filter(|t| t.len() == 3 && t.bytes().all(|b| b.is_ascii_digit()))?
        .parse()
        .ok()?;
    let used = table
        .rows()
        .iter()
        .chain(v3.rows())
        .any(|r| r.http_status == Some(status));
    used.then_some(status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn table_paths_split_as_the_platform_splits_paths_and_expand_home() {
        let home = Some(OsStr::new("/home/me"));
        let paths = |v: &str| table_paths(OsStr::new(v), home);
        #[cfg(unix)]
        {
            assert_eq!(
                paths("/etc/a.json:~/b.json::c.json"),
                [
                    PathBuf::from("/etc/a.json"),
                    PathBuf::from("/home/me/b.json"),
                    PathBuf::from("c.json")
                ]
            );
            // `;` is part of a name on Unix; `~user` and a lone `~` are not expanded.
            assert_eq!(paths("a;b.json"), [PathBuf::from("a;b.json")]);
            assert_eq!(
                paths("~other/x.json:~"),
                [PathBuf::from("~other/x.json"), PathBuf::from("~")]
            );
            assert_eq!(table_paths(OsStr::new("~/x"), None), [PathBuf::from("~/x")]);
        }
        #[cfg(windows)]
        {
            assert_eq!(
                paths(r"C:\tables\a.json;~\b.json"),
                [
                    PathBuf::from(r"C:\tables\a.json"),
                    PathBuf::from(r"/home/me\b.json")
                ]
            );
        }
    }
}
