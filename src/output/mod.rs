//! Output: everything written for people or tools, in the chosen language, with untrusted text
//! escaped here, at the edge.
//!
//! - [`rows`]: rows of the table (lookup, list, search) as a table, plain or JSON;
//! - [`envelope`]: one explained envelope: for people, plain, a table row, or JSON;
//! - [`summary`]: `explain --summary`;
//! - [`notes`]: the notes on an envelope, in words;
//! - [`problems`]: what was wrong in the input, in words;
//! - [`wrap`]: text fitted to the width, colour kept whole;
//! - [`pager`]: the pager human output goes through on a terminal.

pub mod envelope;
pub mod notes;
pub mod pager;
pub mod problems;
pub mod rows;
pub mod summary;
pub mod wrap;

pub use rows::{hint, write_rows, RowStyle};
