//! The input layer and explain, on any bytes: every input form, human and JSON output, and the
//! summary, whose counts must equal what the JSON lines show.
#![no_main]

use errcode::fuzzing::{explain_inputs, Format, Input, Lang, Options, Palette, Settings};
use errcode::{Error, Table};
use libfuzzer_sys::fuzz_target;
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::sync::OnceLock;

static TABLE: OnceLock<Table> = OnceLock::new();

/// A member of a JSON object, as written (numbers beyond f64, such as 1e400, stay text).
fn field(object: &[u8], name: &str) -> Box<RawValue> {
    let mut map: BTreeMap<String, Box<RawValue>> = serde_json::from_slice(object).expect("an object");
    map.remove(name).expect("the member")
}

fuzz_target!(|data: &[u8]| {
    let table = TABLE.get_or_init(Table::builtin);
    // StatusCode counts, from the JSON lines and from the JSON summary: they must agree (both
    // come from the one verdict and the one reader).
    let mut from_lines: BTreeMap<String, u64> = Default::default();
    let mut from_summary: BTreeMap<String, u64> = Default::default();
    for (format, summary) in [(None, false), (Some(Format::Json), false), (Some(Format::Json), true)] {
        let settings = Settings { format, palette: Palette::new(true), lang: Lang::En, stdout_is_terminal: false, width: 80 };
        let mut out = Vec::new();
        let options = Options { summary, check: true, ..Options::default() };
        let input = Input::Reader("<fuzz>", Box::new(data));
        match explain_inputs(vec![input], &mut out, &mut std::io::sink(), table, &settings, &options) {
            Ok(_) | Err(Error::Input(_)) | Err(Error::Reported) => {}
            Err(e) => panic!("unexpected error: {e}"),
        }
        if format == Some(Format::Json) && !summary {
            for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
                // Valid JSON (numbers beyond f64, such as 1e400, are valid JSON, kept as written).
                serde_json::from_slice::<&serde_json::value::RawValue>(line).expect("every JSON output line parses");
                *from_lines.entry(field(field(line, "annotation").get().as_bytes(), "status_code").get().to_string()).or_default() += 1;
            }
        }
        if summary && !out.is_empty() {
            let rows: Vec<Box<RawValue>> = serde_json::from_slice(&out).expect("the summary parses");
            for row in rows {
                let count: u64 = field(row.get().as_bytes(), "count").get().parse().expect("a count");
                *from_summary.entry(field(row.get().as_bytes(), "code").get().to_string()).or_default() += count;
            }
        }
        if format.is_none() {
            // Human output: no raw control characters but errcode's own colour sequences.
            let text = String::from_utf8_lossy(&out);
            for c in text.chars() {
                assert!(!c.is_control() || c == '\n' || c == '\u{1b}', "raw control character {c:?} in human output");
            }
        }
    }
    assert_eq!(from_lines, from_summary, "the summary counts what the JSON lines show");
});
