//! What a hostile reading of the incident report found (`--diff`, Markdown, the step summary,
//! times and zones), one test a finding: each failed before its fix.

use crate::common;
use crate::common::{assert_no_panic, errcode, parts, run_with_input};

/// `explain --diff BEFORE AFTER --check` on two files: (exit status, stdout, stderr).
fn diff_check(before: &str, after: &str, extra: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let (b, a) = (dir.path().join("before.log"), dir.path().join("after.log"));
    std::fs::write(&b, before).unwrap();
    std::fs::write(&a, after).unwrap();
    let mut args = vec![
        "explain",
        "--diff",
        b.to_str().unwrap(),
        a.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = common::run(&args);
    assert_no_panic(&out);
    parts(&out)
}

fn v3_error(code: &str) -> String {
    format!("{{\"Response\":{{\"Error\":{{\"Code\":\"{code}\",\"Message\":\"m\"}},\"RequestId\":\"r\"}}}}\n")
}

#[test]
fn a_new_code_past_the_first_10000_fails_the_diff_check() {
    let many: String = (0..10_000).map(|n| v3_error(&format!("C{n:05}"))).collect();
    let after = format!("{many}{}", v3_error("AuthFailure.SignatureExpire"));
    let (status, _, stderr) = diff_check(&many, &after, &["--check", "--format", "plain"]);
    assert_eq!(status, 1, "{stderr}");
    assert!(stderr.contains("past the first 10000"), "{stderr}");
    // The same inputs: nothing new, the check passes and says nothing of it.
    let (status, _, stderr) = diff_check(&after, &after, &["--check", "--format", "plain"]);
    assert_eq!(status, 0, "{stderr}");
    assert!(!stderr.contains("past the first"), "{stderr}");
    // Junk filling the first 10,000 codes of AFTER hides 41601 behind it.
    let junk: String = (0..10_000).map(|n| v3_error(&format!("J{n:05}"))).collect();
    let after = format!("{junk}{{\"StatusCode\":41601}}\n");
    let (status, stdout, stderr) = diff_check(&junk, &after, &["--check", "--format", "markdown"]);
    assert_eq!(status, 1, "{stderr}");
    assert!(stdout.contains("past the first 10000"), "{stdout}");
}

#[test]
fn markdown_output_quotes_the_input_as_inert_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x_[a]<b>.log");
    let input = [
        r#"{"Response":{"Error":{"Code":"InternalError","Message":"m"},"RequestId":"<!-- "}}"#,
        r#"{"Response":{"Error":{"Code":"<img src=https://evil.example/p.png>","Message":"m"},"RequestId":"r"}}"#,
        r#"{"Response":{"Error":{"Code":"[click](https://evil.example) **bold** # h","Message":"m"},"RequestId":"r"}}"#,
    ]
    .join("\n");
    std::fs::write(&path, &input).unwrap();
    let file = path.to_str().unwrap();
    let (_, rows, stderr) = parts(&common::run(&["explain", "--format", "markdown", file]));
    assert!(rows.contains("| &lt;\\!--  |"), "{rows}{stderr}");
    assert!(rows.contains("x\\_\\[a\\]&lt;b&gt;.log"), "{rows}");
    let (_, summary, _) = parts(&common::run(&[
        "explain",
        "--summary",
        "--format",
        "markdown",
        file,
    ]));
    let (_, diff, _) = parts(&common::run(&[
        "explain", "--diff", file, file, "--format", "markdown",
    ]));
    for out in [&rows, &summary, &diff] {
        assert!(
            out.contains("&lt;img src=https://evil.example/p.png&gt;"),
            "{out}"
        );
        assert!(
            out.contains("\\[click\\](https://evil.example) \\*\\*bold\\*\\* \\# h"),
            "{out}"
        );
        assert!(!out.contains("<!--") && !out.contains("<img"), "{out}");
    }
}

#[test]
fn switches_that_would_be_ignored_are_usage_errors_or_apply() {
    let (a, b) = (
        common::fixture("explain/app.log"),
        common::fixture("explain/incident.log"),
    );
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    for extra in [["--group", "retry"], ["--by", "5m"]] {
        let mut args = vec!["explain", "--diff", a, b];
        args.extend_from_slice(&extra);
        let (status, stdout, stderr) = parts(&common::run(&args));
        assert_eq!(status, 2, "{extra:?}: {stdout}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("errcode: "), "{stderr}");
    }
    // --top with --by: the N largest codes, each with all its buckets.
    let mut log = String::new();
    for (i, code) in [40006, 40006, 40006, 41601, 41601, 52502]
        .iter()
        .enumerate()
    {
        log.push_str(&format!(
            "{{\"ts\":{},\"resp\":{{\"RequestId\":\"r\",\"Code\":0,\"StatusCode\":{code},\"Message\":\"\",\"Data\":\"\"}}}}\n",
            1_795_737_600 + 600 * i
        ));
    }
    let rows = |extra: &[&str]| -> Vec<serde_json::Value> {
        let mut args = vec!["explain", "--summary", "--by", "5m", "--format", "json"];
        args.extend_from_slice(extra);
        let (status, stdout, stderr) = parts(&run_with_input(&args, log.as_bytes()));
        assert_eq!(status, 0, "{stderr}");
        serde_json::from_str(&stdout).unwrap()
    };
    let all = rows(&[]);
    let top = rows(&["--top", "1"]);
    assert!(top.iter().all(|r| r["code"] == 40006), "{top:?}");
    assert_eq!(
        top.len(),
        all.iter().filter(|r| r["code"] == 40006).count(),
        "{all:?}"
    );
    assert!(top.len() < all.len());
}

/// `errcode ARGS` with `GITHUB_STEP_SUMMARY` set to `step`, given at most 20 seconds:
/// (exit status, stdout, stderr).
fn with_step_summary(args: &[&str], step: &std::path::Path) -> (i32, String, String) {
    use std::process::Stdio;
    let mut child = common::errcode()
        .args(args)
        .env("GITHUB_STEP_SUMMARY", step)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().ok();
            child.wait().ok();
            panic!("GITHUB_STEP_SUMMARY={}: blocked", step.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_no_panic(&out);
    parts(&out)
}

#[test]
fn the_step_summary_never_blocks_and_is_written_for_the_diff_too() {
    let dir = tempfile::tempdir().unwrap();
    let log = common::fixture("explain/incident.log");
    let app = common::fixture("explain/app.log");
    let (log, app) = (log.to_str().unwrap(), app.to_str().unwrap());
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let mut odd = vec![dir.path().to_path_buf()];
    if made.is_ok_and(|s| s.success()) {
        odd.push(fifo);
    }
    if std::path::Path::new("/dev/full").exists() {
        odd.push("/dev/full".into());
    }
    for step in &odd {
        for args in [
            &["explain", "--summary", "--format", "github", log][..],
            &["explain", "--check", "--format", "github", log][..],
            &[
                "explain", "--diff", app, log, "--check", "--format", "github",
            ][..],
        ] {
            let (status, _, stderr) = with_step_summary(args, step);
            assert_eq!(
                status,
                if args[1] == "--summary" { 0 } else { 1 },
                "{stderr}"
            );
            let warnings: Vec<&str> = stderr
                .lines()
                .filter(|l| l.contains("GITHUB_STEP_SUMMARY"))
                .collect();
            assert_eq!(warnings.len(), 1, "{stderr}");
            assert!(
                warnings[0].starts_with("errcode: warning: GITHUB_STEP_SUMMARY: ")
                    && warnings[0].contains("not a regular file"),
                "{stderr}"
            );
        }
    }
    // --diff appends its Markdown table, to a file it creates.
    let step = dir.path().join("step.md");
    let (status, _, stderr) = with_step_summary(
        &["explain", "--diff", app, log, "--format", "github"],
        &step,
    );
    assert_eq!(status, 0, "{stderr}");
    let markdown = std::fs::read_to_string(&step).unwrap();
    assert!(
        markdown.starts_with("### errcode\n\n| Code | Before | After | Change | Meaning |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| 40001 | 0 | 1 | +1 new |"),
        "{markdown}"
    );
}

#[test]
fn many_envelopes_in_one_record_read_its_time_once() {
    // The record's own `ts` comes after 20k envelopes: read for each, the time took seconds.
    let env = r#"{"RequestId":"r","Code":0,"StatusCode":41601,"Message":"m","Data":""}"#;
    let input = format!(
        "{{\"items\":[{}],\"ts\":1795766580}}\n",
        vec![env; 20_000].join(",")
    );
    let out = run_with_input(
        &[
            "explain",
            "--since",
            "2026-11-27T08:00:00Z",
            "--check",
            "--quiet",
        ],
        input.as_bytes(),
    );
    let (status, _, stderr) = parts(&out);
    assert_eq!(status, 1, "{stderr}");
    let out = run_with_input(
        &[
            "explain",
            "--since",
            "2026-11-27T08:04:00Z",
            "--check",
            "--quiet",
        ],
        input.as_bytes(),
    );
    let (status, _, stderr) = parts(&out);
    assert_eq!(status, 0, "{stderr}");
}

/// `explain --summary --format json FILE` with `TZ=tz`, killed if it runs past 20 s: (exit
/// status, stdout, stderr), or `None` when it had to be killed.
#[cfg(unix)]
fn summary_with_tz(file: &std::path::Path, tz: &str) -> Option<(i32, String, String)> {
    use std::process::Stdio;
    let mut child = errcode()
        .env("TZ", tz)
        .args(["explain", "--summary", "--format", "json"])
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_no_panic(&out);
    Some(parts(&out))
}

#[cfg(unix)]
#[test]
fn a_tz_that_names_no_zone_file_is_said_and_read_as_utc() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("x.log");
    std::fs::write(
        &log,
        "2026-11-27 08:00:01 {\"RequestId\":\"x\",\"Code\":0,\"StatusCode\":41601,\"Message\":\"m\",\"Data\":\"\"}\n",
    )
    .unwrap();
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // A device read for ever, a FIFO no one writes to, a directory, a name of no zone.
    for (tz, what) in [
        ("/dev/zero", "a device, FIFO or socket"),
        (":/dev/zero", "a device, FIFO or socket"),
        (fifo.to_str().unwrap(), "a device, FIFO or socket"),
        (dir.path().to_str().unwrap(), "a directory"),
        ("garbage/zone", "no time zone"),
    ] {
        let (status, stdout, stderr) =
            summary_with_tz(&log, tz).unwrap_or_else(|| panic!("TZ={tz}: still running"));
        assert_eq!(status, 0, "{tz}: {stderr}");
        assert!(
            stdout.contains("\"first_seen\": \"2026-11-27T08:00:01Z\""),
            "{tz}: {stdout}"
        );
        let notes: Vec<_> = stderr.lines().filter(|l| l.contains("TZ=")).collect();
        assert_eq!(notes.len(), 1, "{tz}: {stderr}");
        assert!(
            notes[0].contains(what) && notes[0].ends_with("reading times in UTC"),
            "{tz}: {stderr}"
        );
    }
    // A zone file is read as one.
    let (_, stdout, stderr) = summary_with_tz(&log, "Asia/Shanghai").unwrap();
    assert!(!stderr.contains("TZ="), "{stderr}");
    assert!(stdout.contains("2026-11-27T00:00:01Z"), "{stdout}");
}

#[test]
fn braces_in_the_prefix_do_not_hide_the_time_and_untimed_envelopes_are_told() {
    let input = concat!(
        r#"[worker{7}] 2026-11-27T08:00:01Z ERROR resp={"RequestId":"x","Code":0,"StatusCode":41601,"Message":"m","Data":""}"#,
        "\n",
        r#"ERROR resp={"RequestId":"y","Code":0,"StatusCode":41601,"Message":"m","Data":""}"#,
        "\n",
        r#"ERROR resp={"RequestId":"z","Code":0,"StatusCode":41601,"Message":"m","Data":""}"#,
        "\n"
    );
    let since = ["--since", "2026-11-27T00:00:00Z"];
    let out = run_with_input(
        &["explain", "--check", "--format", "json", since[0], since[1]],
        input.as_bytes(),
    );
    let (status, stdout, stderr) = parts(&out);
    assert_eq!(status, 1, "{stderr}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains(r#""RequestId":"x""#), "{stdout}");
    let note = "note: 2 envelopes without a time were left out by --since/--until";
    assert_eq!(stderr.matches(note).count(), 1, "{stderr}");
    let out = run_with_input(
        &[
            "explain",
            "--summary",
            "--format",
            "json",
            since[0],
            since[1],
        ],
        input.as_bytes(),
    );
    let (status, stdout, stderr) = parts(&out);
    assert_eq!(status, 0, "{stderr}");
    assert!(
        stdout.contains(r#""first_seen": "2026-11-27T08:00:01Z""#),
        "{stdout}"
    );
    assert_eq!(stderr.matches(note).count(), 1, "{stderr}");
    let out = run_with_input(
        &[
            "--lang", "zh", "explain", "--check", "--quiet", since[0], since[1],
        ],
        input.as_bytes(),
    );
    let (_, _, stderr) = parts(&out);
    assert!(
        stderr.contains("注意：--since/--until 略去了 2 个没有时间的响应"),
        "{stderr}"
    );
    // Without --since or --until nothing is left out, and nothing is said.
    let out = run_with_input(&["explain", "--check", "--quiet"], input.as_bytes());
    assert!(!parts(&out).2.contains("without a time"));
}

#[test]
fn a_window_that_ends_before_it_starts_is_a_usage_error() {
    let input = br#"2026-11-27T08:00:01Z {"RequestId":"x","Code":0,"StatusCode":41601,"Message":"m","Data":""}"#;
    for (since, until) in [
        ("2026-11-27T09:00:00Z", "2026-11-27T08:00:00Z"),
        ("2026-11-27T08:00:00Z", "2026-11-27T08:00:00Z"),
        ("-1h", "-2h"),
    ] {
        for summary in [false, true] {
            let mut args = vec!["explain", "--since", since, "--until", until];
            if summary {
                args.push("--summary");
            }
            let (status, stdout, stderr) = parts(&run_with_input(&args, input));
            assert_eq!(status, 2, "{since} {until}: {stdout}{stderr}");
            assert!(stdout.is_empty(), "{stdout}");
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
            assert!(
                stderr.starts_with("errcode: --since ")
                    && stderr.contains(&format!("--since {since} is not before --until {until}")),
                "{stderr}"
            );
        }
    }
}

#[test]
fn an_envelope_own_ts_is_not_its_time() {
    let input = concat!(
        r#"{"RequestId":"x","ts":1795766580,"Code":0,"StatusCode":41601,"Message":"m","Data":""}"#,
        "\n",
        r#"{"Response":{"Error":{"Code":"InternalError","Message":"m"},"RequestId":"y"},"ts":1795766580}"#,
        "\n",
    );
    let out = run_with_input(
        &["explain", "--summary", "--format", "json"],
        input.as_bytes(),
    );
    let (status, stdout, stderr) = parts(&out);
    assert_eq!(status, 0, "{stderr}");
    assert!(!stdout.contains("08:03:00"), "{stdout}");
    assert_eq!(
        stdout.matches(r#""first_seen": null"#).count(),
        2,
        "{stdout}"
    );
    // The same time in a record that holds the envelope is the record's.
    let input = br#"{"ts":1795766580,"resp":{"RequestId":"x","Code":0,"StatusCode":41601,"Message":"m","Data":""}}"#;
    let out = run_with_input(&["explain", "--summary", "--format", "json"], input);
    let (_, stdout, _) = parts(&out);
    assert!(
        stdout.contains(r#""first_seen": "2026-11-27T08:03:00Z""#),
        "{stdout}"
    );
}

#[test]
fn a_backslash_last_on_a_line_is_no_crash_when_its_time_is_looked_for() {
    // The record's fields are read for a time after the envelope is found in them; a string
    // there that ends in a lone backslash at the end of the line ran past it.
    let input = br#"{"":{""{"statuscode":2}"""\"#;
    for args in [
        &["explain", "--summary"][..],
        &["explain", "--summary", "--format", "json"],
        &["explain", "--summary", "--by", "1m"],
        &["explain", "--since", "2026-01-01T00:00:00Z"],
        &["explain"],
    ] {
        let out = run_with_input(args, input);
        assert_no_panic(&out);
        assert_ne!(out.status.code(), Some(101), "{args:?}");
    }
}
