//! One function per subcommand: read what it needs, ask the table, hand the rows to the renderer.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command};
use crate::error::{file_error, say, Error, Outcome};
use crate::output::{self, RowStyle};
use crate::text::escape;

pub mod explain;
pub use crate::settings::Settings;
use crate::table::query::Query;
use crate::table::{self, Retry, Row, Table};

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Runs one command line.
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    if stdout_is_closed() {
        return Err(Error::Output(io::Error::other("standard output is closed")));
    }
    if cli.command.is_none() {
        if let Some(name) = cli
            .codes
            .first()
            .and_then(|c| crate::cli::meant_subcommand(c))
        {
            return Err(Error::Usage(format!(
                "unrecognized subcommand '{}'; did you mean `{name}`?",
                escape(&cli.codes[0])
            )));
        }
    }
    let (global, command) = cli.into_command();
    if global.format == Some(crate::settings::Format::Human)
        && !matches!(command, Command::Explain { .. })
    {
        return Err(Error::Usage(
            "--format human is explain's layout: lookup, list and search write table, plain or json"
                .into(),
        ));
    }
    let g = &global;
    let settings = Settings::decide(g.format, g.color, g.lang, io::stdout().is_terminal(), env);
    // Not locked here: explain writes from a thread of its own.
    let mut out = BufWriter::new(io::stdout());
    let outcome = match command {
        Command::Lookup { codes } => lookup(&mut out, &g.tables, &settings, &codes),
        Command::List {
            pattern,
            http,
            category,
            retry,
            show_source,
            api,
            action,
            twins,
        } => {
            let filter = ListFilter {
                pattern,
                http,
                category,
                retry,
                api,
                action,
            };
            match twins {
                true => twins_list(&mut out, &settings)
                    .map(|()| Outcome::Found)
                    .map_err(Error::Output),
                false => list(
                    &mut out,
                    &load_table(&g.tables)?,
                    &settings,
                    &filter,
                    show_source,
                ),
            }
        }
        Command::Search { terms } => search(&mut out, &load_table(&g.tables)?, &settings, &terms),
        Command::Explain {
            files,
            summary,
            check,
            quiet,
            errors,
            status,
            verbose,
            paging,
        } => {
            use crate::settings::Format;
            if verbose && (summary || matches!(g.format, Some(f) if f != Format::Human)) {
                // No switch is silently ignored.
                return Err(Error::Usage(output::problems::verbose_alone(settings.lang)));
            }
            let filter = explain::Filter::new(errors, &status)?;
            let options = explain::Options {
                summary,
                check,
                quiet,
                filter,
                verbose,
                paging,
            };
            explain::run(
                &mut out,
                &load_table(&g.tables)?,
                &settings,
                &files,
                &options,
            )
        }
        Command::Completions { shell } => {
            out.write_all(crate::completions::script(shell, &Table::builtin()).as_bytes())?;
            Ok(Outcome::Found)
        }
        Command::Man => {
            crate::completions::man_page(&mut out)?;
            Ok(Outcome::Found)
        }
    };
    // Output that was written must reach the reader even when the command then fails.
    let flushed = out.flush();
    let outcome = outcome?;
    match flushed {
        // The reader went away: what the command found still decides the exit.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(outcome),
        other => other.map(|()| outcome).map_err(Error::Output),
    }
}

/// Whether standard output was a closed descriptor (`errcode list >&-`). Rust's runtime opens
/// /dev/null, for reading and writing, on a standard descriptor it finds closed, so writes
/// would vanish without an error; a shell's `>/dev/null` opens it for writing only. Linux
/// shows both in /proc; elsewhere this says no.
fn stdout_is_closed() -> bool {
    match std::fs::read_link("/proc/self/fd/1") {
        Ok(target) if target == Path::new("/dev/null") => {}
        _ => return false,
    }
    let flags = std::fs::read_to_string("/proc/self/fdinfo/1").unwrap_or_default();
    let mode = flags
        .lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok());
    mode.is_some_and(|m| m & 3 == 2)
}

/// `errcode list --twins`: the crosswalk, side by side.
fn twins_list(out: &mut impl Write, settings: &Settings) -> io::Result<()> {
    let pairs = crate::table::crosswalk::pairs();
    match settings.rows_format() {
        crate::settings::Format::Json => {
            crate::text::to_json_writer_pretty(&mut *out, pairs)?;
            writeln!(out)
        }
        crate::settings::Format::Table => {
            let p = settings.palette;
            let mut grid = comfy_table::Table::new();
            grid.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
                .set_width(settings.width)
                .set_header(
                    [
                        "Legacy",
                        "API 3.0",
                        "Legacy text",
                        "API 3.0 text",
                        "Evidence",
                    ]
                    .map(|h| p.label(h)),
                );
            for pair in pairs {
                grid.add_row([
                    p.code(&pair.legacy.to_string()),
                    p.code(&pair.v3),
                    escape(&pair.legacy_message).into_owned(),
                    escape(&pair.v3_message).into_owned(),
                    escape(&pair.evidence).into_owned(),
                ]);
            }
            writeln!(out, "{grid}")
        }
        _ => {
            for pair in pairs {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    pair.legacy,
                    pair.v3,
                    escape(&pair.legacy_message),
                    escape(&pair.v3_message),
                    escape(&pair.evidence)
                )?;
            }
            Ok(())
        }
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
    let from_env = env("ERRCODE_TABLE").unwrap_or_default();
    let paths = from_env
        .split(':')
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .chain(flags.iter().cloned());
    for path in paths {
        let text = read_text(&path)?;
        let shown = escape(&path.to_string_lossy()).into_owned();
        let rows =
            table::parse_rows(&text, &shown).map_err(|e| Error::Input(format!("table {e}")))?;
        table.merge(rows);
    }
    Ok(table)
}

/// Reads a whole UTF-8 file, with errors that name it and say what to do.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = fs::read(path).map_err(|e| file_error(path, &e))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::Input(format!(
            "{}: byte {} is not valid UTF-8: save the file as UTF-8",
            escape(&path.to_string_lossy()),
            e.utf8_error().valid_up_to()
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

/// Notes on stderr about what the shown rows hold: a code listed twice, an unusual HTTP status.
fn write_notes(rows: &[&Row]) {
    let mut twice = BTreeSet::new();
    for pair in rows.windows(2) {
        if pair[0].label() == pair[1].label() {
            twice.insert((pair[0].name.is_some(), pair[0].label()));
        }
    }
    for (v3, code) in twice {
        match v3 {
            true => say(format_args!(
                "note: {code} is both a product code and a common API 3.0 code; both texts are shown"
            )),
            false => say(format_args!(
                "note: the source document lists {code} twice, with two meanings; both are shown"
            )),
        }
    }
    let statuses: BTreeSet<u16> = rows.iter().map(|r| r.http_status).collect();
    for note in statuses.into_iter().filter_map(table::http_status_note) {
        say(format_args!("note: {note}"));
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
        return Err(Error::Usage(format!(
            "{} is not an error code: API 3.0 codes are letters, digits and dots (AuthFailure.SignatureExpire), and a pattern ends in * or . (quoted for the shell: 'AuthFailure.*')",
            escape(bad)
        )));
    }
    let queries = args
        .iter()
        .map(|a| Query::parse(a))
        .collect::<Result<Vec<_>, _>>();
    let queries = queries.map_err(|e| Error::Usage(e.to_string()))?;
    let user_tables = !tables.is_empty() || env("ERRCODE_TABLE").is_some_and(|t| !t.is_empty());
    let table = if user_tables {
        load_table(tables)?
    } else {
        Table::builtin_where(|code| queries.iter().any(|q| q.matches(code)))
    };
    let mut all: Option<Table> = None;
    let mut rows: Vec<&Row> = Vec::new();
    let mut missing = Vec::new();
    // Rows in the order of the arguments, legacy and API 3.0 alike.
    let mut queries = queries.iter().zip(args);
    for arg in all_args {
        if crate::table::v3::V3Table::is_code(arg) {
            let matched = v3_table.matching(arg);
            if matched.is_empty() {
                let near = crate::table::v3::V3Table::builtin().suggest(arg);
                missing.push(match near.is_empty() {
                    true => format!(
                        "{} is not an API 3.0 code of this platform: `errcode search` finds codes by their text",
                        escape(arg)
                    ),
                    false => format!(
                        "{} is not an API 3.0 code of this platform; did you mean {}?",
                        escape(arg),
                        near.join(", ")
                    ),
                });
            }
            rows.extend(matched);
            continue;
        }
        let Some((query, arg)) = queries.next() else {
            break;
        };
        let matched: Vec<&Row> = table.matching(query).collect();
        if matched.is_empty() {
            let all = all.get_or_insert_with(|| {
                if user_tables {
                    table.clone()
                } else {
                    Table::builtin()
                }
            });
            missing.push(not_found(all, query, arg));
        }
        for row in matched {
            if !rows.iter().any(|seen| std::ptr::eq(*seen, row)) {
                rows.push(row);
            }
        }
    }
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
            let mut noted: Vec<String> = Vec::new();
            for row in &rows {
                let twins = crate::table::crosswalk::twins_of(row);
                // A code with two rows (a product and a common code) is noted once.
                if !twins.is_empty() && !noted.contains(&row.label()) {
                    noted.push(row.label());
                    say(format_args!(
                        "note: {} means the same as {} of the other API generation (`errcode list --twins` shows why)",
                        row.label(),
                        twins.join(", ")
                    ));
                }
            }
        }
    }
    for message in &missing {
        say(format_args!("errcode: {message}"));
    }
    Ok(if missing.is_empty() {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// The one-line message for a code or pattern the table does not have.
fn not_found(table: &Table, query: &Query, arg: &str) -> String {
    // Numbers on-call engineers see that are not table codes: HTTP statuses and `Code`.
    let status_word = match query {
        Query::Code(456) => Some(
            "HTTP 456 is this platform's status for infrastructure failures: `errcode list --http 456` shows them (52501-52514)",
        ),
        Query::Code(403) => Some(
            "HTTP 403 answers refused recording downloads: `errcode list --http 403` shows them",
        ),
        Query::Code(402) => Some(
            "HTTP 402 here means too many concurrent downloads (42505), not Payment Required: `errcode 42505`",
        ),
        Query::Code(400) => Some(
            "HTTP 400 answers recording downloads that cannot be served: `errcode list --http 400` shows them",
        ),
        Query::Code(500) => Some(
            "500 is the envelope's Code for a server-side failure (0: answered normally); StatusCode says which: `errcode list 5xxxx`",
        ),
        _ => None,
    };
    if let Some(word) = status_word {
        return word.to_string();
    }
    match query {
        Query::Code(n) if (100..1000).contains(n) => format!(
            "{query} is not a code: legacy codes have five digits (try {query}xx); `errcode list` shows every code"
        ),
        Query::Code(_) => {
            let near: Vec<String> = table
                .nearest(arg.trim())
                .iter()
                .map(u32::to_string)
                .collect();
            if near.is_empty() {
                format!("{query} is not in the table: `errcode list` shows every code")
            } else {
                format!(
                    "{query} is not in the table; did you mean {}?",
                    near.join(", ")
                )
            }
        }
        Query::Pattern { .. } => {
            format!("no code in the table matches {query}: `errcode list` shows every code")
        }
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
    use crate::cli::ApiChoice;
    use crate::table::v3::V3Table;
    let v3_pattern = filter.pattern.as_deref().filter(|p| V3Table::is_code(p));
    let query = filter
        .pattern
        .as_deref()
        .filter(|_| v3_pattern.is_none())
        .map(Query::parse)
        .transpose()
        .map_err(|e| Error::Usage(e.to_string()))?;
    let legacy =
        filter.api != Some(ApiChoice::V3) && v3_pattern.is_none() && filter.action.is_none();
    let v3 = filter.api != Some(ApiChoice::Legacy) && query.is_none();
    let v3_rows: Vec<&Row> = match (v3, v3_pattern, &filter.action) {
        (false, _, _) => Vec::new(),
        (true, _, Some(action)) => V3Table::builtin().for_action(action),
        (true, Some(pattern), None) => V3Table::builtin().matching(pattern),
        (true, None, None) => V3Table::builtin().rows().iter().collect(),
    };
    let legacy_rows = table.rows().iter().filter(|_| legacy);
    let rows: Vec<&Row> = legacy_rows
        .chain(v3_rows)
        .filter(|r| query.as_ref().is_none_or(|q| q.matches(r.code)))
        .filter(|r| filter.http.is_none_or(|s| r.http_status == s))
        .filter(|r| {
            filter
                .category
                .as_deref()
                .is_none_or(|c| r.category.as_deref() == Some(c))
        })
        .filter(|r| filter.retry.is_none_or(|k| r.retry == Some(k)))
        .collect();
    if rows.is_empty() {
        let mut why = Vec::new();
        if let Some(q) = &query {
            why.push(format!("pattern {q}"));
        }
        if let Some(s) = filter.http {
            let used: Vec<String> = table.http_statuses().iter().map(u16::to_string).collect();
            why.push(format!("--http {s} (the table uses {})", used.join(", ")));
        }
        if let Some(c) = &filter.category {
            why.push(format!(
                "--category {} (known: {})",
                escape(c),
                table.categories().join(", ")
            ));
        }
        if let Some(k) = filter.retry {
            why.push(format!("--retry {k}"));
        }
        if let Some(action) = &filter.action {
            why.push(format!(
                "--action {} (an action of API 3.0, such as AddOrganization)",
                escape(action)
            ));
        }
        say(format_args!(
            "errcode: no row matches {}",
            why.join(" and ")
        ));
        if settings.rows_format() == crate::settings::Format::Json {
            empty_json(out)?;
        }
        return Ok(Outcome::NothingFound);
    }
    output::write_rows(out, &rows, &row_style(settings, Vec::new(), show_source))?;
    out.flush()?;
    write_notes(&rows);
    Ok(Outcome::Found)
}

/// `errcode search TEXT...`: rows whose description holds every term; exit 1 when none does.
pub fn search(
    out: &mut impl Write,
    table: &Table,
    settings: &Settings,
    terms: &[String],
) -> Result<Outcome, Error> {
    // Both generations: the legacy rows first, then the API 3.0 ones.
    let v3 = Table::from_rows(crate::table::v3::V3Table::builtin().rows().to_vec());
    let mut rows = table.search(terms);
    rows.extend(v3.search(terms));
    if rows.is_empty() {
        let shown: Vec<String> = terms.iter().map(|t| format!("'{}'", escape(t))).collect();
        say(format_args!(
            "errcode: no description matches {}",
            shown.join(" and ")
        ));
        if settings.rows_format() == crate::settings::Format::Json {
            empty_json(out)?;
        }
        return Ok(Outcome::NothingFound);
    }
    let highlight = terms.iter().map(|t| t.to_lowercase()).collect();
    output::write_rows(out, &rows, &row_style(settings, highlight, false))?;
    out.flush()?;
    write_notes(&rows);
    Ok(Outcome::Found)
}
