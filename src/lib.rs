//! errcode: the error codes and response envelopes of Tencent Cloud's 智能视图计算平台
//! (Intelligent Viewdata Computing) API, explained offline.
//!
//! The library holds everything the `errcode` binary does; its README's Design section
//! describes the modules. Data flows one way: the command line, then the settings, then the
//! input (bytes to envelopes), explain (envelopes to findings) and output (findings to text),
//! with the table (the codes as data) beside them.
//!
//! The small API for Rust users: load the table, look a code up, read envelopes from any
//! input and explain each.
//!
//! ```
//! use errcode::{explain, read, Event, Sink, Table, Verdict};
//!
//! let table = Table::builtin();
//! assert_eq!(table.lookup(41601)[0].message, "Token 已过期，请重新生成 Token");
//! assert_eq!(table.lookup(51603).len(), 2); // the source lists 51603 twice
//!
//! /// Collects each envelope's code and verdict.
//! struct Verdicts<'t>(&'t Table, Vec<(Option<i128>, Verdict)>);
//!
//! impl Sink for Verdicts<'_> {
//!     fn event(&mut self, event: Event<'_, '_>) -> std::io::Result<()> {
//!         if let Event::Envelope(envelope, origin) = event {
//!             let finding = explain(envelope, origin, self.0);
//!             self.1.push((finding.status_code, finding.verdict));
//!         }
//!         Ok(())
//!     }
//! }
//!
//! let log = "2026-11-27 ERROR resp={\"RequestId\":\"1\",\"Code\":0,\"StatusCode\":41601}\n\
//!            {\"Response\":{\"RequestId\":\"2\"}}\n";
//! let mut verdicts = Verdicts(&table, Vec::new());
//! read(log.as_bytes(), "app.log", &mut verdicts)?;
//! assert_eq!(verdicts.1, [(Some(41601), Verdict::Error), (None, Verdict::Success)]);
//! # Ok::<(), std::io::Error>(())
//! ```

// Forbidden, not only denied: the binary's constructor (src/main.rs) is the one place that
// carries ctor's `unsafe` mark.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), warn(clippy::too_many_lines))]

mod cli;
mod cli_zh;
mod commands;
mod completions;
mod error;
mod explain;
mod input;
mod lang;
mod output;
mod settings;
mod table;
mod text;

pub use cli::Cli;
pub use commands::parse::parse;
pub use error::{exit_code, stdout_closed_at_start, Error, Outcome};
pub use explain::{explain, verdict, Finding, Note, Verdict};
pub use input::{
    read, Api, Envelope, Event, Fault, Field, HttpResponse, Origin, Sink, Skip, Value,
};
pub use table::{Retry, Row, Table};

/// Entry points for the fuzz targets in `fuzz/`, with the `fuzzing` feature: not an API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::commands::explain::{explain_inputs, Input, Options};
    pub use crate::lang::Lang;
    pub use crate::settings::{Format, Palette, Settings};
    pub use crate::table::query::Query;
    use crate::table::{Row, Table};

    /// The rows of `table` that `query` matches.
    pub fn matching<'a>(table: &'a Table, query: &'a Query) -> Vec<&'a Row> {
        table.matching(query).collect()
    }

    /// The codes `table` suggests for `text`, which matched none.
    pub fn nearest(table: &Table, text: &str) -> Vec<u32> {
        table.nearest(text)
    }
}

/// Runs a parsed command line, writing to stdout and stderr.
pub fn run(cli: cli::Cli) -> Result<Outcome, Error> {
    commands::run(cli)
}
