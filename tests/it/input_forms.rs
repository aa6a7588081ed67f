//! The input layer, black box (continued from `input_layer.rs`): the line limit, HTTP shapes,
//! the output's shape, places, the new input forms, and `--check` with intact error lines
//! among broken ones. The same rules of assertion as there.

use crate::common;
use crate::input_layer_support::*;
use serde_json::{json, Value};
use std::ffi::OsStr;
use std::io::Write;
use std::process::Stdio;

// ---------------------------------------------------------------------------------------------
// 7. The line limit
// ---------------------------------------------------------------------------------------------

const LIMIT: usize = 16 << 20;

/// An envelope line of exactly `len` bytes (no newline).
fn line_of(len: usize) -> String {
    let head = r#"{"RequestId":"big","Code":0,"StatusCode":41601,"Message":"m","Data":""#;
    let tail = r#""}"#;
    let line = format!("{head}{}{tail}", "x".repeat(len - head.len() - tail.len()));
    assert_eq!(line.len(), len);
    line
}

#[test]
fn a_line_of_exactly_16_mib_is_read_from_a_file_and_a_pipe() {
    let input = format!(
        "{}\n{}\n{}\n",
        envelope("a", 200),
        line_of(LIMIT),
        envelope("b", 52502)
    );
    let out = json_lines("limit.ndjson", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["a", "big", "b"]));
    assert_eq!(out.starts(), [1, 2, 3]);
    assert!(out.warnings().is_empty(), "{}", clip(&out.stderr));
}

#[test]
fn a_line_one_byte_over_16_mib_is_skipped_with_a_warning_from_a_file_and_a_pipe() {
    let input = format!(
        "{}\n{}\n{}\n",
        envelope("a", 200),
        line_of(LIMIT + 1),
        envelope("b", 52502)
    );
    let dir = Scratch::new("over");
    let path = dir.write("over.ndjson", input.as_bytes());
    let from_file = explain_path(&path, &["--format", "json"]);
    let from_stdin = explain_stdin(input.as_bytes(), &["--format", "json"]);
    for (what, out) in [("file", &from_file), ("stdin", &from_stdin)] {
        assert_eq!(out.status, 0, "{what}: {}", clip(&out.stderr));
        assert_eq!(out.ids(), strings(&["a", "b"]), "{what}");
        assert_eq!(out.starts(), [1, 3], "{what}");
        let warnings = out.warnings();
        assert_eq!(warnings.len(), 1, "{what}: {warnings:?}");
        assert!(
            names_line(warnings[0], 2) && warnings[0].contains("16 MiB"),
            "{what}: the warning names the line and the limit: {warnings:?}"
        );
    }
    assert!(
        without_file(&from_file.stdout) == without_file(&from_stdin.stdout),
        "the same bytes give the same stdout"
    );
}

// ---------------------------------------------------------------------------------------------
// 8. HTTP shapes
// ---------------------------------------------------------------------------------------------

fn observed(out: &Outcome) -> Vec<Value> {
    out.lines()
        .iter()
        .map(|l| l["annotation"]["observed_http_status"].clone())
        .collect()
}

#[test]
fn curl_si_with_two_urls_ties_each_body_to_its_status() {
    // `curl -si URL1 URL2`: the first body has no final newline, so the second status line
    // starts on the same line as the body's end.
    let input = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-Id: a\r\n\r\n{}HTTP/1.1 456 Unknown\r\nContent-Type: application/json\r\nX-Request-Id: b\r\n\r\n{}",
        envelope("a", 41601),
        envelope("b", 52502)
    );
    let out = json_lines("curl-si-two.txt", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["a", "b"]));
    assert_eq!(out.codes(), [json!(41601), json!(52502)]);
    assert_eq!(observed(&out), [json!(200), json!(456)]);
    assert!(out.warnings().is_empty(), "{}", clip(&out.stderr));
}

#[test]
fn curl_raw_chunk_sizes_do_not_hide_the_status() {
    let body = envelope("a", 42502);
    let input = format!(
        "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{body}\r\n0\r\n\r\n",
        body.len()
    );
    let out = json_lines("curl-raw.txt", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.codes(), [json!(42502)]);
    assert_eq!(observed(&out), [json!(403)]);
    assert!(out.warnings().is_empty(), "{}", clip(&out.stderr));
}

#[test]
fn curl_verbose_output_gives_the_observed_status() {
    let body = envelope("v", 42502);
    let input = format!(
        "*   Trying 203.0.113.7:443...\n\
         * Connected to api.example.com (203.0.113.7) port 443\n\
         > GET /v1/recordings HTTP/1.1\r\n\
         > Host: api.example.com\r\n\
         > User-Agent: curl/8.5.0\r\n\
         > Accept: */*\r\n\
         > \r\n\
         < HTTP/1.1 403 Forbidden\r\n\
         < Content-Type: application/json\r\n\
         < Content-Length: {}\r\n\
         < X-Request-Id: v\r\n\
         < \r\n\
         * Connection #0 to host api.example.com left intact\n\
         {body}\n",
        body.len()
    );
    let out = json_lines("curl-v.txt", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.codes(), [json!(42502)]);
    assert_eq!(observed(&out), [json!(403)]);
}

#[test]
fn cr_only_line_endings_separate_envelopes() {
    let input = format!("{}\r{}\r", envelope("a", 41601), envelope("b", 52502));
    let out = json_lines("cr-only.ndjson", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["a", "b"]));
    assert_eq!(out.codes(), [json!(41601), json!(52502)]);
}

#[test]
fn a_log_prefix_starting_with_a_brace_is_not_broken_json() {
    let input = format!(
        "{{main}} ERROR 2026-11-27T08:00:03Z client resp={}\n{{worker-2}} INFO resp={}\n",
        envelope("a", 41601),
        clean_success("b")
    );
    let out = json_lines("brace-prefix.log", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["a", "b"]));
    assert_eq!(out.starts(), [1, 2]);
    assert!(
        !out.stderr.lines().any(|l| l.starts_with("errcode: ")),
        "no warning: {}",
        out.stderr
    );
}

#[test]
fn a_hundred_braces_in_a_prefix_do_not_hide_the_envelope() {
    let input = format!("{} resp={}\n", "{".repeat(100), envelope("a", 41601));
    let out = json_lines("braces.log", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["a"]));
    assert_eq!(out.codes(), [json!(41601)]);
}

// ---------------------------------------------------------------------------------------------
// 9. Output shape
// ---------------------------------------------------------------------------------------------

#[test]
fn json_output_is_one_object_per_line_when_a_value_spans_lines() {
    let input = "{\n  \"RequestId\": {\n    \"a\": \"x\",\n    \"b\": [1,\n 2]\n  },\n  \"Code\": 0,\n  \"StatusCode\": 41601,\n  \"Message\": \"m\",\n  \"Data\": {\n    \"k\": \"v\"\n  }\n}\n";
    let out = json_lines("spanning.json", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(
        out.stdout.lines().count(),
        1,
        "one envelope, one line: {}",
        out.stdout
    );
    let lines = out.lines();
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["annotation"]["status_code"], 41601);
    assert!(!out.stdout.trim_end_matches('\n').contains(['\n', '\r']));
}

// ---------------------------------------------------------------------------------------------
// 10. Places
// ---------------------------------------------------------------------------------------------

#[test]
fn each_array_element_reports_the_line_it_starts_on() {
    let mut input = String::from("[\n");
    let ids = ["a", "b", "c"];
    for (i, (id, code)) in ids.iter().zip([200, 41601, 52502]).enumerate() {
        // Seven lines an element.
        input.push_str("  {\n");
        input.push_str(&format!("    \"RequestId\": \"{id}\",\n"));
        input.push_str("    \"Code\": 0,\n");
        input.push_str(&format!("    \"StatusCode\": {code},\n"));
        input.push_str("    \"Message\": \"m\",\n");
        input.push_str("    \"Data\": \"\"\n");
        input.push_str(if i == 2 { "  }\n" } else { "  },\n" });
    }
    input.push_str("]\n");
    let out = json_lines("pretty-array.json", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&ids));
    assert_eq!(out.starts(), [2, 9, 16]);
}

// ---------------------------------------------------------------------------------------------
// 11. New forms
// ---------------------------------------------------------------------------------------------

#[test]
fn each_json_line_names_its_file_or_dash_for_stdin() {
    let dir = Scratch::new("named");
    let path = dir.write("one.log", format!("{}\n", envelope("a", 41601)).as_bytes());
    let out = explain_path(&path, &["--format", "json"]);
    assert_eq!(out.lines()[0]["file"], path.to_str().unwrap());
    let input = format!("{}\n", envelope("a", 41601));
    let out = explain_stdin(input.as_bytes(), &["--format", "json"]);
    assert_eq!(out.lines()[0]["file"], "-");
    // No file named: stdin, when it is not a terminal.
    let args: Vec<&OsStr> = ["explain", "--format", "json"].map(OsStr::new).to_vec();
    let out = Outcome::from(run_bounded(&args, Some(input.as_bytes())), "stdin, no -");
    assert_eq!(out.lines()[0]["file"], "-");
}

#[test]
fn many_files_are_read_in_order_and_each_line_names_its_file() {
    let dir = Scratch::new("many");
    let a = dir.write(
        "a.log",
        format!("{}\n{}\n", envelope("a1", 200), envelope("a2", 41601)).as_bytes(),
    );
    let b = dir.write("b.log", format!("{}\n", envelope("b1", 52502)).as_bytes());
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = Outcome::from(run(&["explain", "--format", "json", a, b]), "two files");
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["a1", "a2", "b1"]));
    assert_eq!(out.starts(), [1, 2, 1], "lines count from 1 in each file");
    let files: Vec<Value> = out.lines().iter().map(|l| l["file"].clone()).collect();
    assert_eq!(files, [json!(a), json!(a), json!(b)]);
    assert_eq!(
        Outcome::from(run(&["explain", "--check", a, b]), "two files --check").status,
        1
    );
}

#[test]
fn the_summary_counts_across_many_files() {
    let dir = Scratch::new("many-summary");
    let a = dir.write(
        "a.log",
        format!("{}\n{}\n", envelope("a1", 41601), envelope("a2", 41601)).as_bytes(),
    );
    let b = dir.write(
        "b.log",
        format!("{}\n{}\n", envelope("b1", 41601), envelope("b2", 200)).as_bytes(),
    );
    let out = Outcome::from(
        run(&[
            "explain",
            "--summary",
            "--format",
            "json",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ]),
        "two files --summary",
    );
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.summary(), [(json!(41601), 3), (json!(200), 1)]);
}

#[test]
fn a_missing_file_among_many_does_not_stop_the_others() {
    let dir = Scratch::new("missing");
    let a = dir.write("a.log", format!("{}\n", envelope("a1", 200)).as_bytes());
    let b = dir.write("b.log", format!("{}\n", envelope("b1", 41601)).as_bytes());
    let missing = dir.0.path().join("missing.log");
    let (a, b, missing) = (
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        missing.to_str().unwrap(),
    );
    let out = Outcome::from(
        run(&["explain", "--format", "json", a, missing, b]),
        "a missing file",
    );
    assert_eq!(out.ids(), strings(&["a1", "b1"]), "{}", clip(&out.stderr));
    assert_eq!(out.status, 2, "exit 2 at the end");
    assert!(out.stderr.contains("missing.log"), "{}", out.stderr);
    let summary = Outcome::from(
        run(&["explain", "--summary", "--format", "json", a, missing, b]),
        "a missing file, --summary",
    );
    assert_eq!(summary.status, 2);
    assert_eq!(summary.summary_total(), 2, "{}", clip(&summary.stdout));
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::process::Command;
    let mut child = Command::new("gzip")
        .args(["-c", "-n"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("gzip is on the machine");
    let mut stdin = child.stdin.take().unwrap();
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success());
    out.stdout
}

#[test]
fn gzip_input_is_read_by_its_magic_bytes_from_a_file_and_from_stdin() {
    let plain = format!(
        "{}\n2026-11-27T08:00:01Z ERROR resp={}\n{}\n",
        envelope("z1", 200),
        envelope("z2", 41601),
        envelope("z3", 52502)
    );
    let packed = gzip(plain.as_bytes());
    assert_eq!(&packed[..2], b"\x1f\x8b");
    // By magic bytes: a `.gz` name and no such name read alike, and so does stdin.
    for name in ["x.log.gz", "x.log"] {
        let out = json_lines(name, &packed);
        assert_eq!(out.status, 0, "{name}: {}", clip(&out.stderr));
        assert_eq!(out.ids(), strings(&["z1", "z2", "z3"]), "{name}");
        assert_eq!(
            out.starts(),
            [1, 2, 3],
            "{name}: lines of the decompressed text"
        );
    }
    // The checked-in fixture (made with `gzip -n`).
    let fixture = common::fixture("input/two-envelopes.log.gz");
    let out = explain_path(&fixture, &["--format", "json"]);
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.codes(), [json!(41601), json!(200)]);
}

#[test]
fn utf16_with_a_bom_is_transcoded() {
    let text = format!("{}\r\n{}\r\n", envelope("u1", 41601), envelope("u2", 200));
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut le = vec![0xff, 0xfe];
    let mut be = vec![0xfe, 0xff];
    for u in &units {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    every_case(
        [("UTF-16 LE", le), ("UTF-16 BE", be)].map(|c| (c.0.to_string(), c)),
        |(what, bytes)| {
            let out = json_lines("utf16.log", &bytes);
            assert_eq!(out.status, 0, "{what}: {}", clip(&out.stderr));
            assert_eq!(out.ids(), strings(&["u1", "u2"]), "{what}");
            assert_eq!(out.codes(), [json!(41601), json!(200)], "{what}");
            assert_eq!(out.starts(), [1, 2], "{what}");
        },
    );
}

#[test]
fn an_envelope_inside_a_json_string_is_read() {
    let input = r#"{"level":"error","resp":"{\"StatusCode\":52502,\"Code\":500,\"RequestId\":\"r\",\"Message\":\"m\",\"Data\":null}"}"#.to_string() + "\n";
    let out = json_lines("string-json.log", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.codes(), [json!(52502)]);
    assert_eq!(out.ids(), strings(&["r"]));
    assert_eq!(out.lines()[0]["annotation"]["code"], 500);
    assert_eq!(
        explain_both("string-json.log", input.as_bytes(), &["--check"]).status,
        1
    );
}

#[test]
fn a_logfmt_line_with_a_quoted_json_value_is_read() {
    let input = r#"ts=2026-11-27T08:00:00Z level=error resp="{\"StatusCode\":52502,\"Code\":500,\"RequestId\":\"r\",\"Message\":\"m\",\"Data\":null}" took=12ms"#.to_string() + "\n";
    let out = json_lines("logfmt.log", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.codes(), [json!(52502)]);
    assert_eq!(out.ids(), strings(&["r"]));
    assert_eq!(
        explain_both("logfmt.log", input.as_bytes(), &["--check"]).status,
        1
    );
}

#[test]
fn a_pretty_printed_envelope_after_a_log_prefix_is_read() {
    let input = format!(
        "{}\n2026-11-27 ERROR resp={{\n  \"RequestId\": \"p\",\n  \"Code\": 0,\n  \"StatusCode\": 41601,\n  \"Message\": \"m\",\n  \"Data\": \"\"\n}}\n{}\n",
        envelope("a", 200),
        envelope("b", 52502)
    );
    let out = json_lines("pretty-after-prefix.log", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["a", "p", "b"]));
    assert_eq!(out.starts(), [1, 2, 9]);
    assert!(out.warnings().is_empty(), "{}", clip(&out.stderr));
}

#[test]
fn api_3_0_envelopes_are_read_and_named() {
    let input = concat!(
        r#"{"Response":{"Error":{"Code":"ResourceUnavailable.DevOffline","Message":"设备离线"},"RequestId":"6f2c"}}"#,
        "\n",
        r#"{"Response":{"RequestId":"7a3d"}}"#,
        "\n",
        r#"{"RequestId":"l","Code":0,"StatusCode":200,"Message":"请求成功","Data":""}"#,
        "\n"
    );
    let out = json_lines("v3.ndjson", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    let lines = out.lines();
    assert_eq!(lines.len(), 3, "{}", clip(&out.stderr));
    let field = |i: usize, k: &str| lines[i]["annotation"][k].clone();
    assert_eq!(field(0, "api"), "v3");
    assert_eq!(field(0, "status_code"), "ResourceUnavailable.DevOffline");
    assert_eq!(field(0, "verdict"), "error");
    assert_eq!(field(0, "request_id"), "6f2c");
    assert_eq!(field(1, "api"), "v3");
    assert_eq!(field(1, "verdict"), "success");
    assert_eq!(field(1, "request_id"), "7a3d");
    assert_eq!(field(2, "api"), "legacy");
    assert_eq!(field(2, "status_code"), 200);
    assert_eq!(
        explain_both("v3.ndjson", input.as_bytes(), &["--check"]).status,
        1
    );
}

// ---------------------------------------------------------------------------------------------
// 12. --check never passes while an intact error line is in the input
// ---------------------------------------------------------------------------------------------

/// xorshift64*: deterministic, and enough for choosing cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One input line and what an intact one must give.
struct Planned {
    text: String,
    /// `Some((request id, is an error))` when the line is intact.
    intact: Option<(String, bool)>,
}

fn plan_case(rng: &mut Rng, case: usize) -> Vec<Planned> {
    let count = 3 + rng.below(20);
    let mut lines = Vec::new();
    for i in 0..count {
        let id = format!("id-{case}-{i}-z");
        // (StatusCode, Code, is an error)
        let (status, code, error) = [
            (200, "0", false),
            (200, "0", false),
            (200, "0", false),
            (41601, "0", true),
            (52502, "500", true),
            (49999, "0", true),
            (200, "500", true),
        ][rng.below(7)];
        let message = format!("msg {}", rng.below(1000));
        let body = format!(
            r#"{{"RequestId":"{id}","Code":{code},"StatusCode":{status},"Message":"{message}","Data":""}}"#
        );
        let whole = if rng.below(4) == 0 {
            format!(
                "2026-11-27 08:00:{:02} ERROR client response={body}",
                i % 60
            )
        } else {
            body.clone()
        };
        match rng.below(10) {
            // Truncated at any byte.
            0 => {
                let at = 1 + rng.below(whole.len() - 1);
                let mut at = at;
                while !whole.is_char_boundary(at) {
                    at -= 1;
                }
                lines.push(Planned {
                    text: whole[..at].to_string(),
                    intact: None,
                });
            }
            // Wrapped in two, inside the Message string.
            1 => {
                let start = whole.find("\"msg ").unwrap() + 1;
                let at = start + rng.below(message.len() + 1);
                lines.push(Planned {
                    text: whole[..at].to_string(),
                    intact: None,
                });
                lines.push(Planned {
                    text: whole[at..].to_string(),
                    intact: None,
                });
            }
            // Replaced with garbage.
            2 => {
                let garbage = [
                    "garbage line ~~ 123",
                    "# not an envelope",
                    "{not json at all",
                    "Key: value",
                    "]] ))",
                ][rng.below(5)];
                lines.push(Planned {
                    text: garbage.to_string(),
                    intact: None,
                });
            }
            // Replaced with a lone status line.
            3 => lines.push(Planned {
                text: "HTTP/1.1 200 OK".to_string(),
                intact: None,
            }),
            _ => lines.push(Planned {
                text: whole,
                intact: Some((id, error)),
            }),
        }
    }
    lines
}

#[test]
fn check_never_passes_while_an_intact_error_line_is_in_the_input() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let dir = Scratch::new("property");
    let mut failures = Vec::new();
    for case in 0..200 {
        let planned = plan_case(&mut rng, case);
        let eol = if rng.below(3) == 0 { "\r\n" } else { "\n" };
        let mut input = String::new();
        for p in &planned {
            input.push_str(&p.text);
            input.push_str(eol);
        }
        if rng.below(4) == 0 {
            input.truncate(input.len() - eol.len()); // no final newline
        }
        let want: Vec<(String, u64)> = planned
            .iter()
            .enumerate()
            .filter_map(|(n, p)| p.intact.as_ref().map(|(id, _)| (id.clone(), n as u64 + 1)))
            .collect();
        let any_error = planned.iter().any(|p| matches!(p.intact, Some((_, true))));

        let out = if case % 2 == 0 {
            explain_stdin(input.as_bytes(), &["--check", "--format", "json"])
        } else {
            let path = dir.write(&format!("case-{case}.log"), input.as_bytes());
            explain_path(&path, &["--check", "--format", "json"])
        };
        let parsed: Result<Vec<Value>, _> = out.stdout.lines().map(parse_line).collect();
        let got: Vec<(String, u64)> = match parsed {
            Ok(lines) => lines
                .iter()
                .map(|l| (request_id(l), l["line"].as_u64().unwrap_or(0)))
                .collect(),
            Err(e) => {
                failures.push(format!(
                    "case {case}: stdout is not JSON lines ({e})\n{input}"
                ));
                continue;
            }
        };
        // Every intact line's envelope, in order, on its own line number; other envelopes
        // (from corrupted lines that still hold one) may come in between.
        let mut rest = got.iter();
        let missing: Vec<&(String, u64)> = want.iter().filter(|w| !rest.any(|g| g == *w)).collect();
        if !missing.is_empty() {
            failures.push(format!(
                "case {case}: intact lines not explained (or out of order, or on the wrong line): {missing:?}\n--- input\n{input}\n--- stderr\n{}",
                out.stderr
            ));
            continue;
        }
        if any_error && out.status != 1 {
            failures.push(format!(
                "case {case}: --check exited {} with an intact error line in the input\n--- input\n{input}",
                out.status
            ));
        }
        if !any_error && !want.is_empty() && out.status == 2 {
            failures.push(format!(
                "case {case}: exit 2 although intact envelopes were read\n--- input\n{input}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 200 cases failed; the first:\n{}",
        failures.len(),
        failures[0]
    );
}
