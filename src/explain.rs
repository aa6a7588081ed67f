//! Explain.
use std::io::Write;
use std::path::Path;
use crate::commands::Settings;
use crate::error::{Error, Outcome};
use crate::table::Table;
/// Options.
pub struct Options { /// s
 pub summary: bool, /// c
 pub check: bool }
/// Run.
pub fn run(_out: &mut impl Write, _t: &Table, _s: &Settings, _f: Option<&Path>, _o: &Options) -> Result<Outcome, Error> { Err(Error::Usage("todo".into())) }
