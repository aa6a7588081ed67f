//! The integration tests: one binary, a module per feature, run on the real binary.

mod api_v3;
mod cli;
mod common;
mod completions;
mod diff;
mod explain;
mod hostile_input;
mod input_compressed;
mod input_forms;
mod input_layer;
mod input_layer_support;
mod lang;
mod layouts;
mod readme;
mod regressions;
mod report;
mod report_support;
mod report_views;
mod search;
mod stress;
mod table;
mod times;
mod user_tables;
mod v3_table;
mod verdicts;
mod wrappers;
