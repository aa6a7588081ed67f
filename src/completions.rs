//! Completions.
use crate::table::Table;
use clap_complete::Shell;
use std::io::{self, Write};
/// s
pub fn script(_s: Shell, _t: &Table) -> String {
    String::new()
}
/// m
pub fn man_page(_o: &mut impl Write) -> io::Result<()> {
    Ok(())
}
