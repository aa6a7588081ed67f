//! The integration tests: one binary, a module per feature, run on the real .

mod adversarial;
mod api_v3;
mod cli;
mod common;
mod completions;
mod explain;
mod input_compressed;
mod input_forms;
mod input_layer;
mod input_layer_support;
mod lang_errors;
mod layout;
mod narrow;
mod readme;
mod red_team;
mod red_team_report;
mod report;
mod report_support;
mod report_views;
mod search;
mod table;
mod times;
mod user_tables;
mod v3_table;
mod verdicts;
mod wrappers;
