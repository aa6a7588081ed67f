//! The input layer, black box: what `errcode explain` must read, and what a broken piece of
//! input may cost, whatever the form (file or pipe, JSON, NDJSON, `curl` output, log lines,
//! gzip, UTF-16, several files).
//!
//! Each test is named for its rule. The assertions are on structure: which envelopes come out,
//! in which order, with which `line`, status code, verdict and `file`; the exit status; how many
//! warnings (`errcode: NAME: line N …` on stderr) and which lines they name. Prose is not
//! compared, except for the words a rule itself puts in quotes ("no body", "16 MiB").
//!
//! Inputs are built here and written to a fresh directory under the system temp directory;
//! most are read twice, from a file and from stdin, and both readings must agree.

mod common;

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use common::errcode;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A directory of its own, removed when dropped.
struct Scratch(tempfile::TempDir);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let dir = tempfile::Builder::new()
            .prefix(&format!("errcode-input-layer-{tag}-"))
            .tempdir()
            .unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

/// One run of the binary.
struct Outcome {
    status: i32,
    stdout: String,
    stderr: String,
    parsed: OnceCell<Vec<Value>>,
}

impl Outcome {
    fn from(out: Output, what: &str) -> Outcome {
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let status = match out.status.code() {
            Some(code) => code,
            None => panic!(
                "{what}: errcode was killed by a signal ({:?}); stderr: {}",
                out.status,
                clip(&stderr)
            ),
        };
        assert!(
            (0..=2).contains(&status),
            "{what}: exit status {status} is outside the contract (0, 1, 2); stderr: {}",
            clip(&stderr)
        );
        assert!(
            !stderr.contains("panicked") && !stderr.contains("overflowed its stack"),
            "{what}: crash: {}",
            clip(&stderr)
        );
        Outcome {
            status,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr,
            parsed: OnceCell::new(),
        }
    }

    /// The JSON lines of `--format json`, each parsed: one valid object per line.
    fn lines(&self) -> &[Value] {
        self.parsed.get_or_init(|| {
            self.stdout
                .lines()
                .map(|l| {
                    parse_line(l).unwrap_or_else(|e| {
                        panic!("stdout line is not one JSON object ({e}): {}", clip(l))
                    })
                })
                .collect()
        })
    }

    /// `annotation.status_code` of each envelope, in order.
    fn codes(&self) -> Vec<Value> {
        self.lines()
            .iter()
            .map(|l| l["annotation"]["status_code"].clone())
            .collect()
    }

    /// `line` of each envelope, in order.
    fn starts(&self) -> Vec<u64> {
        self.lines()
            .iter()
            .map(|l| l["line"].as_u64().unwrap_or(0))
            .collect()
    }

    /// `annotation.request_id` of each envelope, as text, in order.
    fn ids(&self) -> Vec<String> {
        self.lines().iter().map(request_id).collect()
    }

    /// The per-line warnings: stderr lines `errcode: NAME: line N …`.
    fn warnings(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("errcode: ") && l.contains(": line "))
            .collect()
    }

    /// `--summary --format json`: code (as JSON text) → count.
    fn summary(&self) -> Vec<(Value, u64)> {
        let rows: Vec<Value> = serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "--summary --format json is not one JSON array ({e}): {}",
                clip(&self.stdout)
            )
        });
        rows.iter()
            .map(|r| (r["code"].clone(), r["count"].as_u64().expect("count")))
            .collect()
    }

    fn summary_total(&self) -> u64 {
        self.summary().iter().map(|(_, n)| n).sum()
    }
}

/// One line of `--format json`, parsed. serde_json stops at 128 levels of nesting; a line that
/// holds deeper data (an envelope whose `Data` is nested a million deep) is parsed with every
/// value below 64 levels replaced by `null`.
fn parse_line(line: &str) -> Result<Value, serde_json::Error> {
    match serde_json::from_str(line) {
        Err(e) if e.to_string().contains("recursion limit") => {
            serde_json::from_str(&flatten_deep(line))
        }
        other => other,
    }
}

/// `text` with every array or object nested deeper than 64 levels replaced by `null`.
fn flatten_deep(text: &str) -> String {
    const MAX_DEPTH: usize = 64;
    let bytes = text.as_bytes();
    // The index just past the string that starts at `i` (a `"`).
    let skip_string = |mut i: usize| {
        i += 1;
        while i < bytes.len() && bytes[i] != b'"' {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        (i + 1).min(bytes.len())
    };
    let mut out = Vec::with_capacity(bytes.len());
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let end = skip_string(i);
                out.extend_from_slice(&bytes[i..end]);
                i = end;
            }
            b'[' | b'{' if depth == MAX_DEPTH => {
                let mut open = 0usize;
                while i < bytes.len() {
                    match bytes[i] {
                        b'"' => {
                            i = skip_string(i);
                            continue;
                        }
                        b'[' | b'{' => open += 1,
                        b']' | b'}' => {
                            open -= 1;
                            if open == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                out.extend_from_slice(b"null");
            }
            b => {
                match b {
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                out.push(b);
                i += 1;
            }
        }
    }
    // Only ASCII bytes were dropped, so the rest is still UTF-8.
    String::from_utf8(out).unwrap()
}

fn request_id(line: &Value) -> String {
    match &line["annotation"]["request_id"] {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn clip(text: &str) -> String {
    if text.len() <= 600 {
        return text.to_string();
    }
    let mut end = 600;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &text[..end], text.len())
}

/// Does warning `w` name line `n` (": line N" with no digit after)?
fn names_line(w: &str, n: u64) -> bool {
    let needle = format!(": line {n}");
    w.match_indices(&needle).any(|(at, _)| {
        !w[at + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// The longest one run may take. Every input here is read in well under a second by a debug
/// build that reads in linear time; a run that takes longer is stopped and fails its test.
const TIMEOUT: Duration = Duration::from_secs(15);

/// Runs `errcode ARGS` (hermetic, as `common::errcode`), with `input` on stdin when given, and
/// stops it after [`TIMEOUT`].
fn run_bounded(args: &[&OsStr], input: Option<&[u8]>) -> Output {
    let mut child = errcode()
        .args(args)
        // No line of the human layout is wrapped: tests look for text in it.
        .env("COLUMNS", "4000")
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let writer = input.map(|input| {
        let mut stdin = child.stdin.take().unwrap();
        let input = input.to_vec();
        // errcode may answer (or fail) before it has read everything.
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        })
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("errcode {args:?} took longer than {TIMEOUT:?}; stopped");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    if let Some(writer) = writer {
        writer.join().unwrap();
    }
    Output {
        status,
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

/// `errcode ARGS`, bounded in time.
fn run(args: &[&str]) -> Output {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    run_bounded(&args, None)
}

/// `errcode explain EXTRA… PATH`.
fn explain_path(path: &Path, extra: &[&str]) -> Outcome {
    let mut args: Vec<&OsStr> = vec![OsStr::new("explain")];
    args.extend(extra.iter().map(OsStr::new));
    args.push(path.as_os_str());
    Outcome::from(
        run_bounded(&args, None),
        &format!("file {}", path.display()),
    )
}

/// `errcode explain EXTRA… -` with `input` on stdin.
fn explain_stdin(input: &[u8], extra: &[&str]) -> Outcome {
    let mut args: Vec<&OsStr> = vec![OsStr::new("explain")];
    args.extend(extra.iter().map(OsStr::new));
    args.push(OsStr::new("-"));
    Outcome::from(run_bounded(&args, Some(input)), "stdin")
}

/// stdout with each JSON line's `file`, and the place that ends each header of the human
/// layout, taken out (a file and stdin are named differently).
fn without_file(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| match parse_line(l) {
            Ok(Value::Object(mut o)) => {
                o.remove("file");
                Value::Object(o).to_string()
            }
            // The human layout's header ends with the file and line.
            _ if l.starts_with('✔') || l.starts_with('✘') => match l.rfind(" · ") {
                Some(at) => l[..at].to_string(),
                None => l.to_string(),
            },
            _ => l.to_string(),
        })
        .collect()
}

/// Reads `input` from a file named `name` and from stdin; both must give the same exit status
/// and the same stdout (but for `file`). Returns the file's outcome.
fn explain_both(name: &str, input: &[u8], extra: &[&str]) -> Outcome {
    let dir = Scratch::new("both");
    let path = dir.write(name, input);
    let from_file = explain_path(&path, extra);
    let from_stdin = explain_stdin(input, extra);
    assert_eq!(
        from_file.status,
        from_stdin.status,
        "{name}: exit status differs between a file and stdin\nfile stderr: {}\nstdin stderr: {}",
        clip(&from_file.stderr),
        clip(&from_stdin.stderr)
    );
    assert!(
        without_file(&from_file.stdout) == without_file(&from_stdin.stdout),
        "{name}: stdout differs between a file and stdin\nfile: {}\nstdin: {}",
        clip(&from_file.stdout),
        clip(&from_stdin.stdout)
    );
    from_file
}

fn json_lines(name: &str, input: &[u8]) -> Outcome {
    explain_both(name, input, &["--format", "json"])
}

/// A legacy envelope on one line, with no final newline.
fn envelope(id: &str, status: u64) -> String {
    format!(r#"{{"RequestId":"{id}","Code":0,"StatusCode":{status},"Message":"m","Data":""}}"#)
}

/// An envelope that draws no note of its own: the table's own message for 200.
fn clean_success(id: &str) -> String {
    format!(r#"{{"RequestId":"{id}","Code":0,"StatusCode":200,"Message":"请求成功","Data":""}}"#)
}

fn note_kinds(line: &Value) -> Vec<String> {
    line["annotation"]["notes"]
        .as_array()
        .map(|notes| {
            notes
                .iter()
                .map(|n| n["kind"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn strings(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// Runs `check` on every case and fails once at the end, naming each case that failed: one
/// failing case does not hide the others.
fn every_case<T>(cases: impl IntoIterator<Item = (String, T)>, check: impl Fn(T)) {
    let mut failed = Vec::new();
    let mut total = 0;
    for (name, case) in cases {
        total += 1;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(case)));
        if let Err(e) = result {
            let text = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failed.push(format!("[{name}] {}", clip(&text)));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {total} cases failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// 1. A broken line costs at most itself
// ---------------------------------------------------------------------------------------------

const TRUNCATED: &str = r#"{"RequestId":"a","StatusCode":4"#;

#[test]
fn a_truncated_line_before_2000_good_lines_costs_only_itself() {
    let mut input = format!("{TRUNCATED}\n");
    let codes = [200u64, 41601, 52502];
    for i in 0..2000 {
        input.push_str(&envelope(&format!("g{i}"), codes[i % 3]));
        input.push('\n');
    }
    let out = json_lines("truncated-then-good.ndjson", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    let lines = out.lines();
    assert_eq!(lines.len(), 2000, "every good line is explained");
    assert_eq!(out.starts(), (2..=2001).collect::<Vec<u64>>());
    let warnings = out.warnings();
    assert_eq!(warnings.len(), 1, "one warning: {warnings:?}");
    assert!(names_line(warnings[0], 1), "{warnings:?}");

    let summary = explain_both(
        "truncated-then-good.ndjson",
        input.as_bytes(),
        &["--summary", "--format", "json"],
    );
    assert_eq!(summary.status, 0);
    assert_eq!(summary.summary_total(), 2000);
    let counts: BTreeMap<String, u64> = summary
        .summary()
        .into_iter()
        .map(|(c, n)| (c.to_string(), n))
        .collect();
    assert_eq!(counts["200"], 667);
    assert_eq!(counts["41601"], 667);
    assert_eq!(counts["52502"], 666);
    assert_eq!(summary.warnings().len(), 1, "{}", clip(&summary.stderr));
}

#[test]
fn a_line_cut_anywhere_costs_only_itself() {
    let cuts = [
        ("mid-key", r#"{"RequestId":"c","Stat"#),
        ("mid-string", r#"{"RequestId":"c-12"#),
        (
            "mid-number",
            r#"{"RequestId":"c","Code":0,"StatusCode":416"#,
        ),
        ("after a comma", r#"{"RequestId":"c","Code":0,"#),
        (
            "after a colon",
            r#"{"RequestId":"c","Code":0,"StatusCode":"#,
        ),
        (
            "after the colon before Data",
            r#"{"RequestId":"c","Code":0,"StatusCode":200,"Data":"#,
        ),
        ("after an opening brace", "{"),
    ];
    every_case(cuts.map(|c| (c.0.to_string(), c)), |(what, cut)| {
        let input = format!(
            "{cut}\n{}\n{}\n{}\n",
            envelope("g1", 41601),
            envelope("g2", 200),
            envelope("g3", 52502)
        );
        let out = json_lines("cut.ndjson", input.as_bytes());
        assert_eq!(out.status, 0, "{what}: {}", clip(&out.stderr));
        assert_eq!(out.ids(), strings(&["g1", "g2", "g3"]), "{what}");
        assert_eq!(out.starts(), [2, 3, 4], "{what}");
        assert_eq!(
            out.codes(),
            [json!(41601), json!(200), json!(52502)],
            "{what}"
        );
        let warnings = out.warnings();
        assert_eq!(warnings.len(), 1, "{what}: one warning: {warnings:?}");
        assert!(names_line(warnings[0], 1), "{what}: {warnings:?}");
    });
}

#[test]
fn a_line_wrapped_in_two_costs_only_itself() {
    let whole =
        r#"{"RequestId":"w","Code":0,"StatusCode":41601,"Message":"Token 已过期","Data":""}"#;
    // Split inside a key and inside a string value: the two halves do not make one document.
    let splits = [
        whole.find("Status").unwrap() + 3,
        whole.find("过期").unwrap(),
    ];
    every_case(splits.map(|s| (format!("split at {s}"), s)), |split| {
        let (first, second) = whole.split_at(split);
        let input = format!(
            "{}\n{first}\n{second}\n{}\n{}\n",
            envelope("g1", 200),
            envelope("g2", 52502),
            envelope("g3", 41601)
        );
        let out = json_lines("wrapped.ndjson", input.as_bytes());
        assert_eq!(out.status, 0, "{}", clip(&out.stderr));
        assert_eq!(out.ids(), strings(&["g1", "g2", "g3"]), "split at {split}");
        assert_eq!(out.starts(), [1, 4, 5], "split at {split}");
        let warnings = out.warnings();
        assert!(
            (1..=2).contains(&warnings.len())
                && warnings
                    .iter()
                    .all(|w| names_line(w, 2) || names_line(w, 3)),
            "warnings name only the two halves: {warnings:?}"
        );
    });
}

#[test]
fn pretty_printed_documents_and_arrays_survive_broken_lines() {
    let input = [
        TRUNCATED,                                                 // 1
        "{",                                                       // 2  a pretty-printed document
        r#"  "RequestId": "p","#,                                  // 3
        r#"  "Code": 0,"#,                                         // 4
        r#"  "StatusCode": 41601,"#,                               // 5
        r#"  "Message": "m","#,                                    // 6
        r#"  "Data": """#,                                         // 7
        "}",                                                       // 8
        r#"{"RequestId":"b","Code":"#,                             // 9  broken
        "[",                                                       // 10 a multi-line array
        r#"  {"RequestId": "e1", "Code": 0, "StatusCode": 200},"#, // 11
        "  {",                                                     // 12
        r#"    "RequestId": "e2","#,                               // 13
        r#"    "StatusCode": 52502"#,                              // 14
        "  }",                                                     // 15
        "]",                                                       // 16
        &envelope("g", 41617),                                     // 17
    ]
    .join("\n")
        + "\n";
    let out = json_lines("pretty.log", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["p", "e1", "e2", "g"]));
    assert_eq!(
        out.starts(),
        [2, 11, 12, 17],
        "each envelope reports the line it starts on"
    );
    assert_eq!(
        out.codes(),
        [json!(41601), json!(200), json!(52502), json!(41617)]
    );
    let warnings = out.warnings();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        names_line(warnings[0], 1) && names_line(warnings[1], 9),
        "{warnings:?}"
    );
}

#[test]
fn a_pending_document_is_broken_at_the_first_line_that_cannot_continue_it() {
    let input = format!(
        "{}\n{}\n{}\n",
        r#"{"RequestId":"p","Code":0,"StatusCode":416"#,
        envelope("q", 41601),
        envelope("r", 200)
    );
    let out = json_lines("pending.ndjson", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["q", "r"]));
    assert_eq!(out.starts(), [2, 3]);
    let warnings = out.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(names_line(warnings[0], 1), "{warnings:?}");
}

#[test]
fn lines_held_by_a_broken_document_are_read_again_on_their_own() {
    // Line 2 is a value that could continue line 1's document; line 3 cannot. Line 2 is read
    // again on its own, and so is line 3.
    let input = format!(
        "{}\n{}\n{}\n",
        r#"{"RequestId":"p","Code":0,"Data":"#,
        envelope("q", 41601),
        envelope("r", 200)
    );
    let out = json_lines("held.ndjson", input.as_bytes());
    assert_eq!(out.ids(), strings(&["q", "r"]), "{}", clip(&out.stderr));
    assert_eq!(out.starts(), [2, 3]);
    let warnings = out.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(names_line(warnings[0], 1), "{warnings:?}");

    // The document never closes: the end of input breaks it, and what it held is read again.
    let input = format!(
        "{}\n{}\n",
        r#"{"RequestId":"p","Data":"#,
        envelope("q", 52502)
    );
    let out = json_lines("held-eof.ndjson", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["q"]));
    assert_eq!(out.starts(), [2]);
    assert!(names_line(out.warnings()[0], 1), "{}", out.stderr);

    // Several held lines, then a log line with an envelope after its prefix.
    let input = format!(
        "{}\n{}\n{}\n2026-11-27T08:00:01Z ERROR client response={}\n",
        r#"{"RequestId":"p","#,
        r#""Code":0,"#,
        r#""Data":"#,
        envelope("q", 41601)
    );
    let out = json_lines("held-log.ndjson", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["q"]));
    assert_eq!(out.starts(), [4]);
    let warnings = out.warnings();
    assert!(
        !warnings.is_empty() && names_line(warnings[0], 1),
        "{warnings:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Status lines and HTTP blocks
// ---------------------------------------------------------------------------------------------

#[test]
fn a_lone_status_line_does_not_hide_the_envelopes_after_it() {
    for eol in ["\n", "\r\n"] {
        let input = format!(
            "HTTP/1.1 200 OK{eol}{}{eol}{}{eol}{}{eol}",
            clean_success("s"),
            envelope("e", 52502),
            envelope("g", 41601)
        );
        let out = json_lines("status-line.log", input.as_bytes());
        assert_eq!(out.status, 0, "{eol:?}: {}", clip(&out.stderr));
        assert_eq!(out.ids(), strings(&["s", "e", "g"]), "{eol:?}");
        assert_eq!(out.starts(), [2, 3, 4], "{eol:?}");
        let check = explain_both("status-line.log", input.as_bytes(), &["--check"]);
        assert_eq!(check.status, 1, "{eol:?}: --check sees the errors");
    }
}

#[test]
fn a_json_line_is_never_a_header() {
    // The header block has no blank line after it: the JSON lines are not headers.
    let input = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{}\r\n{}\r\n",
        envelope("a", 41601),
        envelope("b", 52502)
    );
    let out = json_lines("json-after-headers.txt", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["a", "b"]));
    assert_eq!(out.codes(), [json!(41601), json!(52502)]);
    assert_eq!(
        explain_both("json-after-headers.txt", input.as_bytes(), &["--check"]).status,
        1
    );
}

#[test]
fn an_http_response_with_no_body_is_reported_as_such() {
    // A response with no body, then one with a body.
    let input = format!(
        "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}\r\n",
        clean_success("s")
    );
    let out = json_lines("no-body-then-body.txt", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["s"]));
    let lines = out.lines();
    assert_eq!(lines[0]["annotation"]["observed_http_status"], 200);
    assert!(
        out.stderr
            .lines()
            .any(|l| l.contains("no body") && l.contains("500")),
        "stderr says HTTP 500 came with no body: {}",
        out.stderr
    );

    // A response with no body, then the end of input: nothing to explain, and it says why.
    let input = b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n\r\n";
    let out = json_lines("no-body.txt", input);
    assert_eq!(out.status, 2, "no envelope is an input error");
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("no body") && out.stderr.contains("500"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("only blank lines"),
        "headers are not blank lines: {}",
        out.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Every envelope on a line, in order
// ---------------------------------------------------------------------------------------------

#[test]
fn a_request_object_is_not_taken_over_the_response() {
    let input = format!(
        "ts=2026-11-27T08:00:00Z req={} resp={}\n",
        r#"{"RequestId":"a","Code":0}"#,
        envelope("a", 52502)
    );
    let out = json_lines("req-resp.log", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.codes(), [json!(52502)]);
    assert_eq!(out.ids(), strings(&["a"]));
    assert_eq!(out.lines()[0]["annotation"]["verdict"], "error");
}

#[test]
fn every_envelope_on_a_line_is_read_in_order() {
    let input = format!(
        "ts=2026-11-27T08:00:00Z req={} resp={}\n",
        r#"{"RequestId":"a","Code":0,"StatusCode":200}"#,
        envelope("a", 41601)
    );
    let out = json_lines("two-on-a-line.log", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.codes(), [json!(200), json!(41601)]);
    assert_eq!(out.starts(), [1, 1]);
    assert_eq!(
        explain_both("two-on-a-line.log", input.as_bytes(), &["--check"]).status,
        1
    );
}

#[test]
fn the_envelope_inside_a_structured_log_line_is_read() {
    let input = format!(
        "{{\"level\":\"error\",\"request_id\":\"x\",\"code\":500,\"response\":{}}}\n",
        envelope("x", 41601)
    );
    let out = json_lines("structured.log", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.codes(), [json!(41601)]);
    assert_eq!(out.ids(), strings(&["x"]));
    assert_eq!(
        out.lines()[0]["annotation"]["code"],
        0,
        "the envelope's Code, not the log's"
    );
}

// ---------------------------------------------------------------------------------------------
// 4. Verdicts
// ---------------------------------------------------------------------------------------------

fn with_code(code: &str) -> String {
    format!(r#"{{"RequestId":"v","Code":{code},"StatusCode":200,"Message":"请求成功","Data":""}}"#)
}

#[test]
fn a_code_that_is_not_zero_makes_an_error_with_a_note() {
    let codes = [
        "500.0",
        r#""error""#,
        "true",
        "[500]",
        "{}",
        "0.0",
        "500",
        "null",
    ];
    every_case(codes.map(|c| (format!("Code {c}"), c)), |code| {
        let input = with_code(code) + "\n";
        let out = json_lines("code.json", input.as_bytes());
        let lines = out.lines();
        assert_eq!(lines.len(), 1, "Code {code}: {}", clip(&out.stderr));
        assert_eq!(lines[0]["annotation"]["verdict"], "error", "Code {code}");
        assert!(
            !note_kinds(&lines[0]).is_empty(),
            "Code {code}: a note says why: {}",
            lines[0]
        );
        let check = explain_both("code.json", input.as_bytes(), &["--check"]);
        assert_eq!(check.status, 1, "Code {code}: --check");
    });
}

#[test]
fn a_zero_or_absent_code_is_a_success() {
    let absent = r#"{"RequestId":"v","StatusCode":200,"Message":"请求成功","Data":""}"#.to_string();
    let cases = [
        ("absent", absent),
        ("0", with_code("0")),
        ("-0", with_code("-0")),
        ("\"0\"", with_code(r#""0""#)),
    ];
    every_case(cases.map(|c| (c.0.to_string(), c)), |(what, input)| {
        let input = input + "\n";
        let out = json_lines("code.json", input.as_bytes());
        let lines = out.lines();
        assert_eq!(lines.len(), 1, "Code {what}: {}", clip(&out.stderr));
        assert_eq!(lines[0]["annotation"]["verdict"], "success", "Code {what}");
        if what == "\"0\"" {
            assert!(
                note_kinds(&lines[0]).contains(&"string-number".to_string()),
                "{}",
                lines[0]
            );
        }
        let check = explain_both("code.json", input.as_bytes(), &["--check"]);
        assert_eq!(check.status, 0, "Code {what}: --check");
    });
}

#[test]
fn duplicate_keys_are_noted_and_make_an_error() {
    let cases = [
        r#"{"StatusCode":52502,"Code":0,"StatusCode":200}"#,
        r#"{"RequestId":"d","Code":0,"StatusCode":52502,"Message":"请求成功","Data":"","StatusCode":200}"#,
        r#"{"RequestId":"d","Code":500,"StatusCode":200,"Message":"请求成功","Data":"","Code":0}"#,
    ];
    every_case(cases.map(|c| (c.to_string(), c)), |input| {
        let input = format!("{input}\n");
        let out = json_lines("duplicate.json", input.as_bytes());
        let lines = out.lines();
        assert_eq!(lines.len(), 1, "{input}: {}", clip(&out.stderr));
        assert_eq!(lines[0]["annotation"]["verdict"], "error", "{input}");
        assert!(
            note_kinds(&lines[0]).contains(&"duplicate-key".to_string()),
            "{input}: {}",
            lines[0]
        );
        let check = explain_both("duplicate.json", input.as_bytes(), &["--check"]);
        assert_eq!(check.status, 1, "{input}: --check");
    });
}

// ---------------------------------------------------------------------------------------------
// 5. Recursion
// ---------------------------------------------------------------------------------------------

#[test]
fn twenty_thousand_nested_brackets_in_a_small_file_do_not_crash() {
    let deep = "[".repeat(20_000) + &"]".repeat(20_000);
    let input = format!("{}\n{deep}\n{}\n", envelope("a", 200), envelope("b", 41601));
    assert!(input.len() > 40_000 && input.len() < 41_000);
    let out = json_lines("deep-20000.json", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["a", "b"]));
    assert_eq!(out.starts(), [1, 3]);
    let check = explain_both("deep-20000.json", input.as_bytes(), &["--check"]);
    assert_eq!(check.status, 1);
}

#[test]
fn a_million_nested_levels_do_not_crash_or_hide_their_neighbours() {
    const N: usize = 1_000_000;
    let field = r#"{"RequestId":"x","Code":0,"StatusCode":200,"Data":"#;
    let cases: Vec<(&str, String, bool)> = vec![
        ("arrays at the top, unclosed", "[".repeat(N), false),
        ("objects at the top, unclosed", r#"{"a":"#.repeat(N), false),
        (
            "arrays in a field, unclosed",
            field.to_string() + &"[".repeat(N),
            false,
        ),
        (
            "objects in a field, unclosed",
            field.to_string() + &r#"{"a":"#.repeat(N),
            false,
        ),
        (
            "arrays at the top, closed",
            "[".repeat(N) + &"]".repeat(N),
            false,
        ),
        (
            "objects at the top, closed",
            r#"{"a":"#.repeat(N) + "1" + &"}".repeat(N),
            false,
        ),
        (
            "arrays in a field, closed",
            field.to_string() + &"[".repeat(N) + &"]".repeat(N) + "}",
            true,
        ),
        (
            "objects in a field, closed",
            field.to_string() + &r#"{"a":"#.repeat(N) + "1" + &"}".repeat(N) + "}",
            true,
        ),
    ];
    every_case(
        cases.into_iter().map(|c| (c.0.to_string(), c)),
        |(what, deep, is_envelope)| {
            let input = format!("{}\n{deep}\n{}\n", envelope("a", 200), envelope("b", 41601));
            let out = json_lines("deep-million.json", input.as_bytes());
            assert_eq!(out.status, 0, "{what}: {}", clip(&out.stderr));
            let (ids, starts) = if is_envelope {
                (strings(&["a", "x", "b"]), vec![1, 2, 3])
            } else {
                (strings(&["a", "b"]), vec![1, 3])
            };
            assert_eq!(out.ids(), ids, "{what}");
            assert_eq!(out.starts(), starts, "{what}");
        },
    );
}

/// A file of about 30 MB: usual envelope lines, with `middle` half-way. Returns the file's
/// bytes and the number of usual lines.
fn large_file_with(middle: &str) -> (Vec<u8>, u64) {
    let codes = [200u64, 41601, 52502];
    let mut out = Vec::with_capacity(31 << 20);
    let mut n = 0u64;
    let mut put_middle = true;
    while out.len() < 30_000_000 {
        if put_middle && out.len() >= 15_000_000 {
            out.extend_from_slice(middle.as_bytes());
            out.push(b'\n');
            put_middle = false;
        }
        out.extend_from_slice(envelope(&format!("r{n}"), codes[(n % 3) as usize]).as_bytes());
        out.push(b'\n');
        n += 1;
    }
    (out, n)
}

/// `--summary` on a 30 MB file with `middle` half-way: every usual envelope (and `extra` more)
/// is counted.
fn summary_around(middle: &str, extra: u64) {
    let dir = Scratch::new("deep-large");
    let (bytes, usual) = large_file_with(middle);
    let path = dir.write("large.ndjson", &bytes);
    let out = explain_path(&path, &["--summary", "--format", "json"]);
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(
        out.summary_total(),
        usual + extra,
        "every good envelope around the deep line is counted; stderr: {}",
        clip(&out.stderr)
    );
}

#[test]
fn an_unclosed_5000_deep_line_in_a_large_file_does_not_stop_the_summary() {
    summary_around(&"[".repeat(5000), 0);
}

#[test]
fn a_closed_5000_deep_line_in_a_large_file_does_not_stop_the_summary() {
    summary_around(&("[".repeat(5000) + &"]".repeat(5000)), 0);
}

#[test]
fn an_envelope_with_5000_deep_data_in_a_large_file_is_counted() {
    let middle = r#"{"RequestId":"deep","Code":0,"StatusCode":200,"Data":"#.to_string()
        + &r#"{"a":"#.repeat(5000)
        + "1"
        + &"}".repeat(5000)
        + "}";
    summary_around(&middle, 1);
}

// ---------------------------------------------------------------------------------------------
// 6. Many values, many codes
// ---------------------------------------------------------------------------------------------

/// The number of JSON lines and the request IDs of the first and the last; only those two are
/// parsed (a debug build parses 100,000 annotations slowly).
fn ends(out: &Outcome) -> (usize, String, String) {
    let mut lines = out.stdout.lines();
    let count = out.stdout.lines().count();
    let id = |l: Option<&str>| {
        let l = l.unwrap_or("{}");
        request_id(&parse_line(l).unwrap_or_else(|e| panic!("{e}: {}", clip(l))))
    };
    let first = id(lines.next());
    let last = id(lines.next_back());
    (count, first, last)
}

#[test]
fn a_one_line_array_of_100000_envelopes_is_all_explained() {
    let items: Vec<String> = (0..100_000)
        .map(|i| envelope(&format!("a{i}"), [200, 41601][i % 2]))
        .collect();
    let input = format!("[{}]\n", items.join(","));
    let dir = Scratch::new("array");
    let path = dir.write("array.json", input.as_bytes());
    let out = explain_path(&path, &["--format", "json"]);
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(
        ends(&out),
        (100_000, "a0".to_string(), "a99999".to_string())
    );
    let summary = explain_both(
        "array.json",
        input.as_bytes(),
        &["--summary", "--format", "json"],
    );
    assert_eq!(summary.summary_total(), 100_000);
}

#[test]
fn concatenated_envelopes_on_one_line_are_all_explained() {
    let input: String = (0..100_000)
        .map(|i| envelope(&format!("c{i}"), [200, 52502][i % 2]))
        .collect::<String>()
        + "\n";
    let dir = Scratch::new("concat");
    let path = dir.write("concat.json", input.as_bytes());
    let out = explain_path(&path, &["--format", "json"]);
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(
        ends(&out),
        (100_000, "c0".to_string(), "c99999".to_string())
    );
    let summary = explain_both(
        "concat.json",
        input.as_bytes(),
        &["--summary", "--format", "json"],
    );
    assert_eq!(summary.summary_total(), 100_000);
}

#[test]
fn the_summary_keeps_at_most_10000_exact_rows_and_one_row_for_the_other_codes() {
    let codes: Vec<u64> = (0..20_000).map(|i| 100_000 + i).collect();
    let input: String = codes
        .iter()
        .map(|c| envelope(&format!("s{c}"), *c) + "\n")
        .collect();
    let out = explain_both(
        "codes.ndjson",
        input.as_bytes(),
        &["--summary", "--format", "json"],
    );
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    let rows = out.summary();
    let is_input_code = |code: &Value| {
        code.as_u64()
            .is_some_and(|c| codes.binary_search(&c).is_ok())
    };
    let exact = rows.iter().filter(|(code, _)| is_input_code(code)).count();
    let other: Vec<&(Value, u64)> = rows
        .iter()
        .filter(|(code, _)| !is_input_code(code))
        .collect();
    assert!(exact <= 10_000, "{exact} exact rows");
    assert_eq!(other.len(), 1, "one row for the other codes: {other:?}");
    assert_eq!(
        out.summary_total(),
        20_000,
        "the counts add up to every envelope"
    );
    assert_eq!(other[0].1, 20_000 - exact as u64);
}

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
