//! errcode: the error codes and response envelopes of Tencent Cloud's 智能视图计算平台
//! (Intelligent Viewdata Computing) API, explained offline.
//!
//! The library holds everything the `errcode` binary does. Data flows one way:
//! [`cli`] → [`settings`] → [`input`] (bytes to envelopes) → [`explain`](mod@explain) (envelopes to findings)
//! → [`output`] (findings to text), with [`table`] (the codes as data) beside them and
//! [`commands`] (one function per subcommand) driving them. [`text`] (escaping) and [`error`]
//! (the exit-status contract) are leaves every module may use.
//!
//! The small API for Rust users: load the table, look a code up, read envelopes from any
//! input and explain each.
//!
//! ```
//! use errcode::{explain, input, Event, Sink, Table, Verdict};
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
//! input::read(log.as_bytes(), "app.log", &mut verdicts)?;
//! assert_eq!(verdicts.1, [(Some(41601), Verdict::Error), (None, Verdict::Success)]);
//! # Ok::<(), std::io::Error>(())
//! ```

pub mod cli;
pub mod commands;
pub mod completions;
pub mod error;
pub mod explain;
pub mod input;
pub mod lang;
pub mod output;
pub mod settings;
pub mod table;
pub mod text;

pub use error::{exit_code, Error, Outcome};
pub use explain::{explain, verdict, Finding, Verdict};
pub use input::{Envelope, Event, Origin, Sink};
pub use table::{Row, Table};

/// Runs a parsed command line, writing to stdout and stderr.
pub fn run(cli: cli::Cli) -> Result<Outcome, Error> {
    commands::run(cli)
}
