//! Times written every way, through the binary: a zone after a space, Go's `time.String()`, an
//! abbreviation alone and an offset no zone has (each said once), a wrapper's time (Docker
//! json-file), and `--since`/`--until` compared to the nanosecond.

use crate::common;
use crate::common::{assert_no_panic, parts, run_with_input};

/// An envelope of RequestId `id`.
fn env(id: &str) -> String {
    format!(r#"{{"RequestId":"{id}","Code":0,"StatusCode":41601,"Message":"m","Data":""}}"#)
}

/// `errcode explain --format plain ARGS` on `input` (zone-less times in UTC): the RequestIds
/// kept, in order, and stderr.
fn kept(args: &[&str], input: &str) -> (Vec<String>, String) {
    let mut all = vec!["explain", "--format", "plain"];
    all.extend_from_slice(args);
    let out = run_with_input(&all, input.as_bytes());
    assert_no_panic(&out);
    let (_, stdout, stderr) = parts(&out);
    let ids = stdout
        .lines()
        .map(|l| l.split('\t').nth(6).unwrap_or_default().to_string())
        .collect();
    (ids, stderr)
}

/// The lines of `stderr` that are notes.
fn notes(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("note:") || l.starts_with("注意："))
        .collect()
}

#[test]
fn a_zone_after_a_space_is_read() {
    let input = format!(
        "2026-12-06 10:00:00 +08:00 {}\n2026-12-06 10:00:00 +0800 {}\n2026-12-06 10:00:00.5 UTC {}\n",
        env("a"),
        env("b"),
        env("c")
    );
    // Read as local (UTC) times, the first two would be 10:00, outside the window.
    let window = [
        "--since",
        "2026-12-06T02:00:00Z",
        "--until",
        "2026-12-06T02:00:01Z",
    ];
    let (ids, stderr) = kept(&window, &input);
    assert_eq!(ids, ["a", "b"], "{stderr}");
    assert!(notes(&stderr).is_empty(), "{stderr}");
    let (ids, _) = kept(&["--since", "2026-12-06T10:00:00.5Z"], &input);
    assert_eq!(ids, ["c"]);
}

#[test]
fn go_time_string_is_read_to_the_nanosecond() {
    let input = format!(
        "2026-12-06 10:00:00.123456789 +0800 CST ERROR {}\n",
        env("go")
    );
    let (ids, stderr) = kept(&["--since", "2026-12-06T02:00:00.123456789Z"], &input);
    assert_eq!(ids, ["go"], "{stderr}");
    // The zone's name after its offset says nothing more: no note.
    assert!(notes(&stderr).is_empty(), "{stderr}");
    // A nanosecond later, it is before the window.
    let (ids, _) = kept(&["--since", "2026-12-06T02:00:00.12345679Z"], &input);
    assert!(ids.is_empty());
    let (ids, _) = kept(&["--until", "2026-12-06 10:00:00.12345679 +0800"], &input);
    assert_eq!(ids, ["go"]);
}

#[test]
fn half_a_millisecond_before_since_is_out() {
    let input = format!(
        "2026-11-27T07:59:59.9995Z {}\n2026-11-27T08:00:00Z {}\n",
        env("early"),
        env("at")
    );
    let (ids, _) = kept(&["--since", "2026-11-27T08:00:00Z"], &input);
    assert_eq!(ids, ["at"]);
    let (ids, _) = kept(&["--until", "2026-11-27T08:00:00Z"], &input);
    assert_eq!(ids, ["early"]);
}

#[test]
fn an_abbreviation_alone_is_read_in_tz_and_said_once() {
    let input = format!(
        "2026-12-06 10:00:00 CST {}\n2026-12-06 10:00:01 CST {}\n",
        env("a"),
        env("b")
    );
    let window = [
        "--since",
        "2026-12-06T10:00:00Z",
        "--until",
        "2026-12-06T10:00:02Z",
    ];
    let (ids, stderr) = kept(&window, &input);
    assert_eq!(ids, ["a", "b"], "{stderr}");
    let said = notes(&stderr);
    assert_eq!(said.len(), 1, "{stderr}");
    assert!(
        said[0].contains("2026-12-06 10:00:00 CST") && said[0].contains("local zone (TZ)"),
        "{stderr}"
    );
    // In --summary too, and in the chosen language.
    let out = run_with_input(
        &["--lang", "zh", "explain", "--summary", "--format", "json"],
        input.as_bytes(),
    );
    let (status, stdout, stderr) = parts(&out);
    assert_eq!(status, 0, "{stderr}");
    assert!(
        stdout.contains(r#""first_seen": "2026-12-06T10:00:00Z""#),
        "{stdout}"
    );
    let said = notes(&stderr);
    assert_eq!(said.len(), 1, "{stderr}");
    assert!(said[0].contains("单独的时区缩写"), "{stderr}");
    // Where TZ's own abbreviation then is CST, there is nothing to say.
    let out = common::errcode()
        .env("TZ", "Asia/Shanghai")
        .args([
            "explain",
            "--format",
            "plain",
            "--until",
            "2026-12-06T02:00:01Z",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(input.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    let (_, stdout, stderr) = parts(&out);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(notes(&stderr).is_empty(), "{stderr}");
}

#[test]
fn an_impossible_offset_is_no_time_and_said_once() {
    let input = format!(
        "2026-12-06T10:00:00+25:00 {}\n2026-12-06 10:00:00 +0860 {}\n2026-12-06T10:00:00Z {}\n",
        env("a"),
        env("b"),
        env("c")
    );
    let (ids, stderr) = kept(&["--since", "2026-12-01T00:00:00Z"], &input);
    assert_eq!(ids, ["c"], "{stderr}");
    let said = notes(&stderr);
    assert_eq!(said.len(), 2, "{stderr}");
    assert!(
        said[0].contains("2026-12-06T10:00:00+25:00") && said[0].contains("an offset no zone has"),
        "{stderr}"
    );
    assert_eq!(
        said[1],
        "note: 2 envelopes without a time were left out by --since/--until"
    );
}

#[test]
fn a_docker_record_gives_its_time_to_the_envelope_in_its_log() {
    // The `log` string starts with the envelope: found on this branch. (A `log` that starts
    // with text, `ERROR {…}`, is found once every JSON string is searched for envelopes; its
    // time then comes the same way, or from the text's own prefix when it has one.)
    let inner = env("d").replace('"', "\\\"");
    let input = format!(
        r#"{{"log":"{inner}\n","stream":"stdout","time":"2026-12-06T10:00:01.123456789Z"}}"#
    ) + "\n";
    let (ids, stderr) = kept(&["--since", "2026-12-06T10:00:01.123456789Z"], &input);
    assert_eq!(ids, ["d"], "{stderr}");
    let (ids, _) = kept(&["--since", "2026-12-06T10:00:01.12345679Z"], &input);
    assert!(ids.is_empty());
    let (ids, _) = kept(&["--until", "2026-12-06T10:00:01.12345679Z"], &input);
    assert_eq!(ids, ["d"]);
}
