//! Output: everything written for people or tools, in the chosen language, with untrusted text
//! escaped here, at the edge.
//!
//! - [`clap_error`]: clap's usage errors in errcode's error style;
//! - [`rows`]: rows of the table (lookup, list, search) as a table, plain or JSON;
//! - [`records`]: the record layout (one field a line) for terminals too narrow for a table;
//! - [`twins`]: `list --twins`, the legacy codes beside their API 3.0 twins;
//! - [`envelope`]: one explained envelope: for people, plain, a table row, or JSON;
//! - [`summary`]: `explain --summary`;
//! - [`diff`]: `explain --diff`;
//! - [`export`]: `export`, one entry per code as csv, tsv, NDJSON, a bulk body or SQL;
//! - [`chart`]: `explain --summary --by`, a chart per code;
//! - `live`: `explain --live`'s screen, drawn in place;
//! - [`github`] and [`markdown`]: workflow commands and Markdown tables, escaped;
//! - [`annotations`]: one envelope as a workflow annotation or a Markdown row;
//! - `shares`: the summary's shares of errors by category and retry class, and `--group`;
//! - [`notes`]: the notes on an envelope, in words;
//! - [`problems`]: what was wrong in the input, in words;
//! - [`wrap`]: text fitted to the width, colour kept whole;
//! - [`pager`]: the pager human output goes through on a terminal.

pub mod annotations;
pub mod chart;
pub mod clap_error;
pub mod diff;
pub mod envelope;
pub mod export;
pub mod github;
#[cfg(unix)]
pub mod live;
pub mod markdown;
pub mod notes;
pub mod pager;
pub mod problems;
pub mod records;
pub mod report;
pub mod rows;
pub(crate) mod shares;
pub mod summary;
pub mod twins;
pub mod wrap;

pub use rows::{hint, write_rows, RowStyle};

/// A count and its English noun, singular for one: `1 envelope`, `2 envelopes`. (Chinese
/// nouns have one form: `1 个响应`.)
pub(crate) fn counted(n: u64, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// `explain --summary`: envelopes per code, most frequent first, per time bucket with `--by`,
/// or per category or retry class with `--group`.
pub fn write_report(
    out: &mut impl std::io::Write,
    err: &mut impl std::io::Write,
    summary: &crate::explain::summary::Summary,
    problems: &crate::explain::problems::Problems,
    table: &crate::table::Table,
    settings: &crate::settings::Settings,
    layout: report::Layout,
) -> std::io::Result<()> {
    let counts = report::rows(summary, table);
    if let Some(by) = summary.by {
        // --top: the largest codes, each with all its buckets.
        let top = counts.len().min(layout.top.unwrap_or(usize::MAX));
        return chart::write_timeline(out, err, &counts[..top], summary, problems, settings, by);
    }
    if layout.group.is_some() {
        return shares::write_groups(out, err, &counts, summary, problems, settings, layout);
    }
    summary::write_summary(out, err, &counts, summary, problems, settings, layout)
}
