//! `errcode export`: every code of both generations, one entry a code, in the format asked
//! for; user tables are merged in as for a lookup.

use std::io::Write;

use crate::cli::{Chosen, ExportArgs, FormatArg};
use crate::error::{Error, Outcome};
use crate::output::export::{self, Dialect, ExportFormat};
use crate::settings::Settings;
use crate::table::entries::entries;
use crate::table::v3::V3Table;
use crate::table::Table;

/// The format of `export`: `--format` (csv when not given), or SQL when only `--dialect` is.
pub fn format(args: &ExportArgs, typed: Option<FormatArg>) -> Result<ExportFormat, Error> {
    let Some(typed) = typed else {
        return Ok(match args.dialect {
            Some(dialect) => ExportFormat::Sql(Dialect::from(dialect)),
            None => ExportFormat::Csv,
        });
    };
    let name = typed.name();
    match typed.chosen(args.dialect) {
        Chosen::Layout(_) => Err(Error::Usage(crate::t!(
            "export writes csv, tsv, ndjson, bulk or sql, not --format {name} (JSON: --format ndjson)",
            "export 输出 csv、tsv、ndjson、bulk 或 sql，不支持 --format {name}（JSON 请用 --format ndjson）"
        ))),
        Chosen::Export(format) if args.dialect.is_some() && !matches!(format, ExportFormat::Sql(_)) => {
            Err(Error::Usage(crate::t!(
                "--dialect is the SQL of --format sql, and --format {name} has none: drop --dialect, or write --format sql",
                "--dialect 指定 --format sql 的 SQL 方言，--format {name} 没有方言：去掉 --dialect，或改用 --format sql"
            )))
        }
        Chosen::Export(format) => Ok(format),
    }
}

/// The usage error of an export format given to another command.
pub fn not_here(typed: FormatArg) -> Error {
    let name = typed.name();
    Error::Usage(crate::t!(
        "--format {name} is for `errcode export`: lookup, list and search write table, plain or json, and explain also human, github or markdown",
        "--format {name} 用于 `errcode export`：lookup、list 和 search 输出 table、plain 或 json，explain 还可输出 human、github 或 markdown"
    ))
}

/// Writes every entry of `table` (the built-in table with user tables merged in) and of the
/// API 3.0 table.
pub fn run(
    out: &mut impl Write,
    table: &Table,
    settings: &Settings,
    format: ExportFormat,
) -> Result<Outcome, Error> {
    let entries = entries(table, V3Table::builtin());
    export::write(out, &entries, format, settings.lang)?;
    out.flush()?;
    Ok(Outcome::Found)
}
