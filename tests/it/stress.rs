//! Stress: inputs at the scale of the limits (100,000 envelopes on one line, a million nested
//! levels, a line of 50 MB, 180,000 envelopes out of order in one document). Each asserts the
//! work done and the peak memory of every run, never the time. They are slow in a debug build,
//! so they are ignored by default and `.ci/run` runs them in release:
//! `cargo test --release --test it stress -- --ignored`.

use crate::input_layer_support::*;
use std::path::Path;

/// The most memory one run here may hold (KiB): the bound `--summary` keeps on every input
/// (docs/speed.md), here at the reader's limits.
const MEMORY_KIB: u64 = 32 << 10;

/// GNU time, which measures a run's peak memory: `None`, said on stderr, where it is missing
/// outside CI (the runs are still checked); in CI its absence fails the test.
fn gnu_time() -> Option<&'static Path> {
    let time = Path::new("/usr/bin/time");
    if time.exists() {
        return Some(time);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "/usr/bin/time is missing: install GNU time (apt-get install time)"
    );
    eprintln!("note: /usr/bin/time is missing: peak memory not measured");
    None
}

/// `errcode ARGS`, with `input` on stdin when given, under GNU time: its peak memory must stay
/// within [`MEMORY_KIB`].
fn within_memory(what: &str, args: &[&str], input: Option<&[u8]>) -> Outcome {
    let Some(time) = gnu_time() else {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
        return Outcome::from(run_bounded(&args, input), what);
    };
    let report = tempfile::NamedTempFile::new().unwrap();
    let mut command = std::process::Command::new(time);
    crate::common::hermetic(&mut command);
    command
        .args(["-f", "%M", "-o"])
        .arg(report.path())
        .arg(env!("CARGO_BIN_EXE_errcode"))
        .args(args);
    let out = Outcome::from(run_command(command, input), what);
    // The last line: GNU time first says when the command exited with a status other than 0.
    let report = std::fs::read_to_string(report.path()).unwrap();
    let peak: u64 = report
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("{what}: GNU time wrote {report:?}"));
    assert!(
        peak <= MEMORY_KIB,
        "{what}: peak memory {peak} KiB, more than {MEMORY_KIB} KiB"
    );
    out
}

/// `within_memory` of `errcode explain ARGS` on `input`, from a file and from stdin: the same
/// exit status and stdout (but for the file's name). Returns the file's outcome.
fn from_file_and_stdin(what: &str, args: &[&str], input: &[u8]) -> Outcome {
    let dir = Scratch::new("stress");
    let path = dir.write("stress.log", input);
    let path = path.to_str().unwrap();
    let mut with_path = vec!["explain"];
    with_path.extend_from_slice(args);
    let from_stdin = within_memory(&format!("{what}, stdin"), &with_path, Some(input));
    with_path.push(path);
    let from_file = within_memory(&format!("{what}, file"), &with_path, None);
    assert_eq!(from_file.status, from_stdin.status, "{what}");
    assert!(
        without_file(&from_file.stdout) == without_file(&from_stdin.stdout),
        "{what}: stdout differs between a file and stdin"
    );
    from_file
}

#[test]
#[ignore = "stress: run in release by .ci/run"]
fn a_one_line_array_of_100000_envelopes_is_all_explained() {
    let items: Vec<String> = (0..100_000)
        .map(|i| envelope(&format!("a{i}"), [200, 41601][i % 2]))
        .collect();
    let input = format!("[{}]\n", items.join(","));
    let out = from_file_and_stdin("json", &["--format", "json"], input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(
        ends(&out),
        (100_000, "a0".to_string(), "a99999".to_string())
    );
    let summary = from_file_and_stdin(
        "summary",
        &["--summary", "--format", "json"],
        input.as_bytes(),
    );
    assert_eq!(summary.summary_total(), 100_000);
}

#[test]
#[ignore = "stress: run in release by .ci/run"]
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
            let out = from_file_and_stdin(what, &["--format", "json"], input.as_bytes());
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

#[test]
#[ignore = "stress: run in release by .ci/run"]
fn out_of_order_envelopes_in_a_document_are_counted_in_linear_time() {
    // Each element holds an envelope inside a string before a plain one: line numbers are
    // counted back and forth, never from the start of the document again.
    let mut input = String::from("[\n");
    for _ in 0..60_000 {
        input.push_str("{\"log\":\"{\\\"StatusCode\\\":40006}\"}, {\"Data\":{\"StatusCode\":10001},\"StatusCode\":200,\"Code\":0},\n");
    }
    input.push_str("{}]\n");
    let out = from_file_and_stdin(
        "out of order",
        &["--summary", "--format", "json"],
        input.as_bytes(),
    );
    let (status, stdout, stderr) = (out.status, out.stdout, out.stderr);
    assert_eq!(status, 0, "{stderr}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    let total: u64 = rows.iter().map(|r| r["count"].as_u64().unwrap()).sum();
    assert_eq!(total, 180_000);
}

#[test]
#[ignore = "stress: run in release by .ci/run"]
fn a_50_mb_line_is_refused_with_the_documented_limit_and_the_rest_read() {
    let mut input = Vec::with_capacity(50 << 20);
    input.extend_from_slice(b"{\"RequestId\":\"big\",\"StatusCode\":200,\"Data\":\"");
    input.resize(50 << 20, b'x');
    input.extend_from_slice(b"\"}\n{\"RequestId\":\"after\",\"Code\":0,\"StatusCode\":41601,\"Message\":\"m\",\"Data\":\"\"}\n");
    let out = from_file_and_stdin("50 MB", &["--summary", "--format", "json"], &input);
    let (status, stdout, stderr) = (out.status, out.stdout, out.stderr);
    assert_eq!(status, 0, "{stderr}");
    assert!(
        stderr.contains("line 1: longer than the 16 MiB limit; skipped"),
        "{stderr}"
    );
    let counts: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(counts.len(), 1);
    assert_eq!(counts[0]["code"], 41601);
}
