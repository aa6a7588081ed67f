//! `--diff`: two logs compared code by code, new codes first, and its check.

use std::io::Write;

use crate::common::{errcode, golden, parts, run_with_input};
use serde_json::{json, Value};

/// `errcode explain --diff BEFORE AFTER EXTRA…` (AFTER `-` reads `stdin`).
fn diff(
    before: &std::path::Path,
    after: &str,
    stdin: &[u8],
    extra: &[&str],
) -> std::process::Output {
    let mut args: Vec<std::ffi::OsString> = vec!["explain".into(), "--diff".into()];
    args.push(before.into());
    args.push(after.into());
    args.extend(extra.iter().map(Into::into));
    let mut child = errcode()
        .args(&args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn lines(codes: &[(u32, usize)]) -> String {
    let mut log = String::new();
    for &(code, n) in codes {
        for i in 0..n {
            log.push_str(&format!(
                "2026-11-27T08:00:{:02}Z ERROR {{\"RequestId\":\"{code}-{i}\",\"Code\":0,\"StatusCode\":{code},\"Message\":\"\",\"Data\":\"\"}}\n",
                i % 60
            ));
        }
    }
    log
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn diff_puts_new_codes_first_then_gone_ones_then_the_largest_changes() {
    let dir = tempfile::tempdir().unwrap();
    let before = dir.path().join("yesterday.log");
    std::fs::write(
        &before,
        lines(&[(200, 10), (41601, 5), (52502, 1), (40001, 3)]),
    )
    .unwrap();
    let after = lines(&[(200, 12), (41601, 1), (52502, 9), (51603, 2), (42505, 7)]);
    let after_path = dir.path().join("today.log.gz");
    std::fs::write(&after_path, gzip(after.as_bytes())).unwrap();
    let expected = json!([
        {"code": 42505, "before": 0, "after": 7, "change": 7, "verdict": "error"},
        {"code": 51603, "before": 0, "after": 2, "change": 2, "verdict": "error"},
        {"code": 40001, "before": 3, "after": 0, "change": -3, "verdict": "error"},
        {"code": 52502, "before": 1, "after": 9, "change": 8, "verdict": "error"},
        {"code": 41601, "before": 5, "after": 1, "change": -4, "verdict": "error"},
        {"code": 200, "before": 10, "after": 12, "change": 2, "verdict": "success"},
    ]);
    // AFTER from a gzip file and from stdin: the same rows.
    for (after, stdin) in [
        (after_path.to_str().unwrap(), &b""[..]),
        ("-", after.as_bytes()),
    ] {
        let out = diff(&before, after, stdin, &["--format", "json"]);
        let (status, stdout, stderr) = parts(&out);
        assert_eq!(status, 0, "{stderr}");
        assert_eq!(serde_json::from_str::<Value>(&stdout).unwrap(), expected);
        assert_eq!(
            stderr,
            "before: 19 envelopes, 9 errors; after: 31 envelopes, 19 errors\n"
        );
    }
    let out = diff(&before, "-", after.as_bytes(), &["--format", "plain"]);
    let first: Vec<&str> = std::str::from_utf8(&out.stdout)
        .unwrap()
        .lines()
        .take(3)
        .collect();
    assert_eq!(
        first,
        [
            "42505\t0\t7\t+7\tnew\tToo many concurrent downloads\terror",
            "51603\t0\t2\t+2\tnew\tGateway signalling operation failed / Failed to send to the message queue\terror",
            "40001\t3\t0\t-3\tgone\tInvalid parameter\terror",
        ]
    );
    let out = diff(&before, "-", after.as_bytes(), &["--format", "table"]);
    golden("report-diff.txt", &parts(&out).1);
}

#[test]
fn diff_check_fails_only_on_a_new_error_code() {
    let dir = tempfile::tempdir().unwrap();
    let before = dir.path().join("before.log");
    std::fs::write(&before, lines(&[(200, 3), (41601, 2)])).unwrap();
    let run = |after: &str, extra: &[&str]| {
        let out = diff(&before, "-", after.as_bytes(), extra);
        let (status, stdout, _) = parts(&out);
        (status, stdout.is_empty())
    };
    // A new error code: exit 1 with --check, 0 without.
    let new_error = lines(&[(200, 1), (52502, 1)]);
    assert_eq!(run(&new_error, &["--check"]), (1, false));
    assert_eq!(run(&new_error, &["--check", "-q"]), (1, true));
    assert_eq!(run(&new_error, &[]), (0, false));
    // More of a known error, a code gone, or a new code that is a success: exit 0.
    assert_eq!(run(&lines(&[(41601, 9)]), &["--check"]), (0, false));
    let success =
        "{\"RequestId\":\"s\",\"Code\":0,\"StatusCode\":200,\"Message\":\"\",\"Data\":\"\"}\n";
    let only_errors_before = dir.path().join("errors.log");
    std::fs::write(&only_errors_before, lines(&[(41601, 2)])).unwrap();
    let out = diff(&only_errors_before, "-", success.as_bytes(), &["--check"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn diff_usage_and_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("a.log");
    std::fs::write(&log, lines(&[(200, 1)])).unwrap();
    let log = log.to_str().unwrap();
    for args in [
        vec!["explain", "--diff", log],
        vec!["explain", "--diff", "-", "-"],
        vec!["explain", "--diff", log, log, log],
        vec!["explain", "--summary", "--diff", log, log],
    ] {
        let out = run_with_input(&args, b"");
        let (status, _, stderr) = parts(&out);
        assert_eq!(status, 2, "{args:?}: {stderr}");
        assert_eq!(
            stderr
                .lines()
                .filter(|l| l.starts_with("errcode: ") || l.starts_with("error: "))
                .count(),
            1,
            "{stderr}"
        );
    }
    // A missing file, and an input with no envelope: exit 2, one line naming it.
    let missing = dir.path().join("missing.log");
    let out = run_with_input(&["explain", "--diff", log, missing.to_str().unwrap()], b"");
    let (status, _, stderr) = parts(&out);
    assert_eq!((status, stderr.lines().count()), (2, 1), "{stderr}");
    assert!(stderr.contains("missing.log"), "{stderr}");
    let out = run_with_input(&["explain", "--diff", log, "-"], b"no envelopes\n");
    let (status, _, stderr) = parts(&out);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("<stdin>") && stderr.contains("no response envelope"),
        "{stderr}"
    );
}

#[test]
fn a_terminal_diff_shows_the_first_thousand_rows_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let before = dir.path().join("before.log");
    std::fs::write(&before, lines(&[(200, 1)])).unwrap();
    let after: String = (0..1_200u32)
        .map(|code| format!("{{\"RequestId\":\"r\",\"Code\":0,\"StatusCode\":{},\"Message\":\"\",\"Data\":\"\"}}\n", 100_000 + code))
        .collect();
    let out = diff(&before, "-", after.as_bytes(), &["--format", "table"]);
    let (status, stdout, _) = parts(&out);
    assert_eq!(status, 0);
    assert!(stdout.contains("… and 201 more rows: --format plain or json lists every row\n"));
    let out = diff(&before, "-", after.as_bytes(), &["--format", "plain"]);
    assert_eq!(parts(&out).1.lines().count(), 1_201);
}
