//! errcode: the error codes and response envelopes of the legacy (pre-3.0) API of Tencent Cloud's
//! 智能视图计算平台 (Intelligent Viewdata Computing), explained offline.
//!
//! The library holds everything the `errcode` binary does, so that it can be tested without a
//! process: [`table`] (the embedded code table), [`query`] (codes and patterns), [`envelope`]
//! (reading response envelopes from every input form), [`explain`] (turning an envelope into
//! findings), [`render`] (all output and colour) and [`commands`] (one function per subcommand).
//!
//! ```
//! use errcode::table::{Retry, Table};
//!
//! let table = Table::builtin();
//! let rows = table.lookup(41601);
//! assert_eq!(rows[0].message, "Token 已过期，请重新生成 Token");
//! assert_eq!(rows[0].http_status, 200);
//! assert_eq!(rows[0].retry, Some(Retry::AfterFix));
//! assert_eq!(table.lookup(51603).len(), 2); // the source lists 51603 twice
//! ```

pub mod cli;
pub mod commands;
pub mod completions;
pub mod error;
pub mod explain;
pub mod input;
pub mod lang;
pub mod render;
pub mod report;
pub mod settings;
pub mod summary;
pub mod table;
pub mod text;

pub use error::{exit_code, Error, Outcome};

/// Runs a parsed command line, writing to stdout and stderr.
pub fn run(cli: cli::Cli) -> Result<Outcome, Error> {
    commands::run(cli)
}
