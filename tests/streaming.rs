//! The reader splits big chunks between two threads and reads files ahead; small reads go line
//! by line on one thread. Both must give the same output, byte for byte, on input that mixes
//! every form (lines that need state stop the helper half-way).

mod common;

use std::io::Read;

use errcode::commands::Settings;
use errcode::explain::{explain_stream, Options};
use errcode::lang::Lang;
use errcode::render::{Format, Palette};
use errcode::table::Table;

/// Hands out at most `step` bytes a read: every chunk then holds only a few lines.
struct Trickle<'a> {
    data: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.data.len().min(self.step).min(buf.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

fn mixed_input(lines: usize) -> Vec<u8> {
    let mut out = b"\xef\xbb\xbf".to_vec();
    for i in 0..lines {
        let code = [200, 41601, 51603, 52502, 49999][i % 5];
        // Lines that need state (an HTTP response, a multi-line document) are rare, so that some
        // chunks have none (both threads' work is kept), and others have one in either share.
        let line = if i % 9973 == 5000 {
            "HTTP/1.1 403 Forbidden\r\nX-Request-Id: h\r\n\r\n{\"RequestId\":\"h\",\"Code\":0,\"StatusCode\":42502}\r\n".to_string()
        } else if i % 7919 == 3000 {
            "{\n  \"RequestId\": \"multi\",\n  \"StatusCode\": 41617\n}\n".to_string()
        } else {
            match i % 97 {
                3 => "{\"RequestId\":\"broken\",\"StatusCode\":,}\n".to_string(),
                4 => format!("2026-11-27T08:00:{:02}Z ERROR client response={{\"RequestId\":\"log{i}\",\"Code\":0,\"StatusCode\":{code}}}\n", i % 60),
                5 => "plain text without an envelope\n".to_string(),
                6 => "[{\"StatusCode\":200},{\"StatusCode\":41602}]\n".to_string(),
                _ => format!("{{\"RequestId\":\"{i:08x}\",\"Code\":0,\"StatusCode\":{code},\"Message\":\"m\",\"Data\":{{\"n\":{i}}}}}\r\n"),
            }
        };
        out.extend_from_slice(line.as_bytes());
    }
    out
}

fn explain(
    input: impl Read,
    format: Option<Format>,
    summary: bool,
    read_ahead: bool,
) -> (Vec<u8>, Vec<u8>) {
    let table = Table::builtin();
    let settings = Settings {
        format,
        palette: Palette::new(false),
        lang: Lang::En,
        stdout_is_terminal: false,
    };
    let options = Options {
        summary,
        check: false,
        read_ahead,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    explain_stream(
        input, "<input>", &mut out, &mut err, &table, &settings, &options,
    )
    .unwrap();
    (out, err)
}

#[test]
fn two_threads_and_one_agree_on_every_form() {
    let input = mixed_input(60_000);
    assert!(
        input.len() > 3 << 20,
        "several chunks, so the helper and read-ahead both run"
    );
    for (format, summary) in [
        (Some(Format::Json), false),
        (None, false),
        (Some(Format::Plain), true),
    ] {
        let one_thread = explain(
            Trickle {
                data: &input,
                step: 700,
            },
            format,
            summary,
            false,
        );
        let two_threads = explain(&input[..], format, summary, false);
        let read_ahead = explain(&input[..], format, summary, true);
        assert!(
            one_thread.0 == two_threads.0,
            "{format:?} summary={summary}: output differs"
        );
        assert!(
            one_thread.1 == two_threads.1,
            "{format:?} summary={summary}: diagnostics differ"
        );
        assert!(
            one_thread == read_ahead,
            "{format:?} summary={summary}: read-ahead differs"
        );
    }
    let (json, _) = explain(&input[..], Some(Format::Json), false, true);
    let lines = json
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    // Every line gives one envelope but the plain-text and broken ones; the array gives two;
    // a multi-line document and an HTTP response each span lines.
    assert!(lines > 59_000, "{lines}");
}

/// `--summary` counts the usual line without building its envelope: its counts and its number
/// of errors are the full reading's, on every form and on the odd spellings of numbers and keys.
#[test]
fn the_summary_counts_what_the_full_reading_finds() {
    let mut input = mixed_input(30_000);
    for odd in [
        r#"{"RequestId":"a","Code":"0","StatusCode":"41601"}"#,
        r#"{"requestId":"b","code":0,"statusCode":200}"#,
        r#"{"request_id":"c","Code":0,"status_code":" 200 "}"#,
        "{\"RequestId\":\"d\",\"StatusCode\":\"\u{3000}41601\u{3000}\"}",
        r#"{"RequestId":"e","Code":500,"StatusCode":200}"#,
        r#"{"RequestId":"f","Code":7,"StatusCode":200}"#,
        r#"{"RequestId":"g","Code":0,"StatusCode":-200}"#,
        r#"{"RequestId":"h","Code":0,"StatusCode":99999999999999999999999999999999999999999}"#,
        r#"{"RequestId":"i","Code":0,"StatusCode":200.0}"#,
        r#"{"RequestId":"j","Code":0,"StatusCode":null}"#,
        r#"{"RequestId":"k","Code":0}"#,
        r#"{"Code":0,"StatusCode":200,"StatusCode":41601}"#,
        r#"{"RequestId":"\u0041","Code":0,"StatusCode":"4160\u0031"}"#,
        r#"{"level":"error","response":{"RequestId":"l","Code":0,"StatusCode":52502}}"#,
        r#"{"RequestId":"m","StatusCode":2e2}"#,
        "{\"RequestId\":\"\u{ff}\",\"StatusCode\":200}",
    ] {
        input.extend_from_slice(odd.as_bytes());
        input.push(b'\n');
    }
    input.extend_from_slice(b"{\"RequestId\":\"\xff\xfe\",\"Code\":0,\"StatusCode\":41601}\n");

    let (json, _) = explain(&input[..], Some(Format::Json), false, true);
    let mut want: std::collections::BTreeMap<String, u64> = Default::default();
    let mut errors = 0;
    for line in json.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let v: serde_json::Value = serde_json::from_slice(line).unwrap();
        let annotation = &v["annotation"];
        *want
            .entry(annotation["status_code"].to_string())
            .or_default() += 1;
        errors += u64::from(annotation["verdict"] == "error");
    }
    let (summary, _) = explain(&input[..], Some(Format::Json), true, true);
    let summary: Vec<serde_json::Value> = serde_json::from_slice(&summary).unwrap();
    let got: std::collections::BTreeMap<String, u64> = summary
        .iter()
        .map(|row| (row["code"].to_string(), row["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(got, want);
    assert!(want.len() > 6 && errors > 1000, "{want:?} {errors}");

    let (table, _) = explain(&input[..], Some(Format::Table), true, true);
    let table = String::from_utf8(table).unwrap();
    let envelopes: u64 = want.values().sum();
    let totals = format!("{envelopes} envelopes, {errors} errors");
    assert!(table.contains(&totals), "{totals} not in\n{table}");
}

/// A file of `lines` usual envelope lines, with `special` lines put in at given line indices.
fn file_with(lines: usize, special: &[(usize, String)]) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..lines {
        match special.iter().find(|(at, _)| *at == i) {
            Some((_, text)) => out.extend_from_slice(text.as_bytes()),
            None => {
                let code = [200, 200, 41601, 52502, 49999][i % 5];
                out.extend_from_slice(format!("{{\"RequestId\":\"{i:08x}-6f1c-4d2a-9b7e\",\"Code\":0,\"StatusCode\":{code},\"Message\":\"ok\",\"Data\":{{\"n\":{i}}}}}\n").as_bytes());
            }
        }
    }
    out
}

/// `--summary` on a large regular file reads it in parts, on every core; a stream is read in
/// order. Both must agree on counts, errors, skipped lines and the line numbers of warnings,
/// also when a document spans the middle (where two parts meet), or an HTTP response starts a
/// part.
#[test]
fn a_large_file_read_in_parts_agrees_with_a_stream() {
    const LINES: usize = 250_000; // about 25 MB: above the size that is split
    let mid = LINES / 2;
    // A line of 400 kB holds the middle byte, so that a part starts just after it.
    let long = "x".repeat(400_000);
    let broken = || "{\"RequestId\":\"broken\",\"StatusCode\":,}\n".to_string();
    let variants: Vec<(&str, Vec<(usize, String)>)> = vec![
        (
            "plain",
            vec![
                (10, broken()),
                (mid + 77, broken()),
                (LINES - 3, "not json\n".into()),
            ],
        ),
        (
            "a document across the middle",
            vec![
                (mid - 1, "{\n".into()),
                (mid, format!("  \"RequestId\": \"{long}\",\n")),
                (mid + 1, "  \"StatusCode\": 41617\n".into()),
                (mid + 2, "}\n".into()),
                (mid + 500, broken()),
            ],
        ),
        (
            "an HTTP response right after the middle",
            vec![
                (
                    mid,
                    format!("{{\"RequestId\":\"{long}\",\"StatusCode\":200}}\n"),
                ),
                (mid + 1, "HTTP/1.1 403 Forbidden\r\n".into()),
                (mid + 2, "X-Request-Id: h\r\n".into()),
                (mid + 3, "\r\n".into()),
                (
                    mid + 4,
                    "{\"RequestId\":\"h\",\"Code\":0,\"StatusCode\":42502}\r\n".into(),
                ),
                (mid + 900, broken()),
            ],
        ),
        (
            "broken lines in the second half only",
            (0..30).map(|k| (mid + 1000 + k * 7, broken())).collect(),
        ),
    ];
    let dir = std::env::temp_dir().join(format!("errcode-split-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, special) in variants {
        let input = file_with(LINES, &special);
        assert!(input.len() > 20 << 20, "{name}: {} bytes", input.len());
        let path = dir.join("log.ndjson");
        std::fs::write(&path, &input).unwrap();
        for format in ["json", "table"] {
            let args = ["explain", "--summary", "--format", format];
            let from_file = common::errcode().args(args).arg(&path).output().unwrap();
            let from_stream = common::run_with_input(&args, &input);
            let (code, out, err) = common::parts(&from_file);
            let (want_code, want_out, want_err) = common::parts(&from_stream);
            let err = err.replace(&path.display().to_string(), "<stdin>");
            assert_eq!(
                (code, out, err),
                (want_code, want_out, want_err.clone()),
                "{name}, {format}"
            );
            assert!(want_err.contains("broken"), "{name}: {want_err}");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
