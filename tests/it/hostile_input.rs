//! The adversarial corpus (`tests/corpus/`), each case with its expected exit status and message,
//! plus inputs too large to commit, generated here. Nothing may panic, hang, or reach the
//! terminal raw.

use std::path::PathBuf;

use crate::common::{assert_no_panic, errcode, parts, run, run_with_input};

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

/// (file, expected exit status, text stderr must contain, text stdout must contain)
const CASES: &[(&str, i32, &str, &str)] = &[
    ("escapes-in-fields.ndjson", 0, "", "\\u001b]0;owned\\u0007"),
    ("escapes-in-headers.http", 0, "", "\\u001b[31mForbidden"),
    (
        "huge-numbers.ndjson",
        0,
        "",
        "is not in the table (far beyond any code)",
    ),
    (
        "negative-codes.ndjson",
        0,
        "",
        "StatusCode -41601 is not in the table",
    ),
    (
        "invalid-utf8.ndjson",
        0,
        "",
        "bad bytes were read as U+FFFD",
    ),
    ("bom-crlf.ndjson", 0, "", "Channel offline"),
    (
        "truncated.ndjson",
        0,
        "line 2 column 52: broken JSON: the line ends inside a string; skipped",
        "✔ success",
    ),
    ("nested-array-envelopes.json", 0, "", "✔ success"),
    (
        "empty.txt",
        2,
        "empty.txt: empty input: nothing to explain",
        "",
    ),
    (
        "blank-lines.txt",
        2,
        "blank-lines.txt: only blank lines",
        "",
    ),
    (
        "binary-noise.bin",
        2,
        "binary-noise.bin: line 1: binary data, not text",
        "",
    ),
    (
        "not-envelopes.ndjson",
        2,
        "not-envelopes.ndjson: line 1: JSON without an envelope",
        "",
    ),
];

/// Human output may hold errcode's own colour (SGR) sequences, nothing else that a terminal acts on.
fn assert_terminal_safe(text: &str, what: &str) {
    for (i, piece) in text.split('\u{1b}').enumerate().skip(1) {
        let sgr = piece.strip_prefix('[').is_some_and(|p| {
            let end = p.find('m');
            end.is_some_and(|e| p[..e].bytes().all(|b| b.is_ascii_digit() || b == b';'))
        });
        assert!(
            sgr,
            "{what}: escape #{i} is not errcode's own colour: {:?}",
            &piece[..piece.len().min(20)]
        );
    }
    for c in text.chars() {
        let allowed = c == '\n'
            || c == '\u{1b}'
            || !(c.is_control()
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c));
        assert!(allowed, "{what}: raw {c:?} reached the terminal");
    }
}

#[test]
fn every_corpus_case_gives_its_status_and_message() {
    for &(name, status, in_stderr, in_stdout) in CASES {
        let path = corpus(name);
        for color in ["never", "always"] {
            // --verbose shows every field, the status line too: all of it must be escaped.
            // Wide enough that no text a case looks for is wrapped.
            let out = errcode()
                .args(["explain", path.to_str().unwrap(), "-v", "--color", color])
                .env("COLUMNS", "1000")
                .output()
                .unwrap();
            assert_no_panic(&out);
            let (code, stdout, stderr) = parts(&out);
            assert_eq!(code, status, "{name} --color {color}: {stderr}");
            assert!(
                stderr.contains(in_stderr),
                "{name}: stderr {stderr:?} lacks {in_stderr:?}"
            );
            assert!(
                stdout.contains(in_stdout),
                "{name}: stdout lacks {in_stdout:?}:\n{stdout}"
            );
            assert_terminal_safe(&stdout, name);
            assert_terminal_safe(&stderr, name);
            if status == 2 {
                assert_eq!(stderr.lines().count(), 1, "{name}: one line: {stderr}");
                assert!(stdout.is_empty());
            }
        }
        // JSON output: one parseable object per line, escapes kept as JSON escapes.
        let out = run(&["explain", path.to_str().unwrap(), "--format", "json"]);
        assert_no_panic(&out);
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            // Valid JSON; numbers beyond f64 (1e400) are kept as written, so check syntax only.
            serde_json::from_str::<&serde_json::value::RawValue>(line)
                .unwrap_or_else(|e| panic!("{name}: {e}: {line}"));
            assert!(
                !line.contains('\u{1b}'),
                "{name}: raw escape in JSON output"
            );
        }
    }
}

#[test]
fn deeply_nested_data_does_not_overflow_the_stack() {
    for depth in [100, 10_000, 1_000_000] {
        let data = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let input = format!("{{\"RequestId\":\"deep\",\"Code\":0,\"StatusCode\":200,\"Message\":\"ok\",\"Data\":{data}}}\n");
        let out = run_with_input(&["explain", "--format", "json"], input.as_bytes());
        assert_no_panic(&out);
        let (status, stdout, stderr) = parts(&out);
        // Read without recursion (serde_json skips a raw value iteratively), so any depth is explained.
        assert_eq!(status, 0, "depth {depth}: {stderr}");
        assert!(stdout.contains("\"verdict\":\"success\""), "depth {depth}");
    }
}

#[test]
fn a_value_that_is_not_an_envelope_is_an_input_error() {
    for input in [
        "42",
        "\"StatusCode\"",
        "[]",
        "{}",
        "[1, {\"a\": 2}]",
        "true",
    ] {
        let out = run_with_input(&["explain"], input.as_bytes());
        assert_no_panic(&out);
        let (status, _, stderr) = parts(&out);
        assert_eq!(status, 2, "{input}: {stderr}");
        assert!(
            stderr.starts_with("errcode: <stdin>: line 1: "),
            "{input}: {stderr}"
        );
    }
}

#[test]
fn hostile_arguments_are_escaped_and_refused() {
    let out = errcode()
        .args(["lookup", "\u{1b}[2J41601"])
        .output()
        .unwrap();
    assert_no_panic(&out);
    let (status, _, stderr) = parts(&out);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("\\u001b[2J41601") && !stderr.contains('\u{1b}'),
        "{stderr}"
    );
    let out = run(&["search", "\u{1b}]0;x\u{7}"]);
    let (status, _, stderr) = parts(&out);
    assert_eq!(status, 1);
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr}"
    );
    let long = "9".repeat(100_000);
    let (status, _, stderr) = parts(&run(&["lookup", &long]));
    assert_eq!(status, 2);
    assert!(stderr.len() < 200_100 && stderr.lines().count() == 1);
    let (status, _, _) = parts(&run(&["search", &"a".repeat(100_000)]));
    assert_eq!(
        status, 1,
        "a 100 kB search term is searched, quickly, and not found"
    );
}
