//! The input layer and explain, on any bytes: every input form, human and JSON output, and the
//! summary, whose counts must equal what the JSON lines show. The same bytes are read again as
//! container runtimes store them: each line as Docker json-file records and as CRI lines, split
//! into parts where the bytes say.
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

/// `data`'s lines as Docker json-file records (`docker`) or CRI lines, each cut into parts at
/// offsets taken from its own bytes, so that splits fall anywhere, inside escapes too.
fn wrapped(data: &[u8], docker: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for line in data.split(|&b| b == b'\n') {
        let text = String::from_utf8_lossy(line);
        let chars: Vec<char> = text.chars().collect();
        let cut = line.first().map_or(0, |&b| usize::from(b) % (chars.len() + 1));
        let parts = [&chars[..cut], &chars[cut..]];
        for (i, part) in parts.iter().enumerate() {
            let part: String = part.iter().collect();
            let last = i == parts.len() - 1;
            if docker {
                let log = if last { format!("{part}\n") } else { part };
                let record = serde_json::json!({"log": log, "stream": "stdout", "time": "2026-12-06T10:00:01Z"});
                out.extend_from_slice(record.to_string().as_bytes());
            } else {
                let tag = if last { 'F' } else { 'P' };
                out.extend_from_slice(format!("2026-12-06T10:00:01Z stderr {tag} {part}").as_bytes());
            }
            out.push(b'\n');
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    check(data);
    check(&wrapped(data, true));
    check(&wrapped(data, false));
});

/// Reads `data` in every format and holds the summary to the JSON lines.
fn check(data: &[u8]) {
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
}
