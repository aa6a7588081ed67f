//! explain through the binary: every input form, every failure, golden outputs, --summary, --check.

use crate::common::{assert_no_panic, errcode, fixture, golden, parts, run, run_with_input};

fn explain_file(name: &str, extra: &[&str]) -> (i32, String, String) {
    let path = fixture(&format!("explain/{name}"));
    let mut args = vec!["explain", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    parts(&run(&args))
}

/// The JSON lines of `explain --format json`, parsed.
fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn status_codes(lines: &[serde_json::Value]) -> Vec<i64> {
    lines
        .iter()
        .map(|l| l["annotation"]["status_code"].as_i64().unwrap())
        .collect()
}

#[test]
fn every_input_form_is_read() {
    let cases: [(&str, Vec<i64>); 9] = [
        ("single.json", vec![40006]),
        ("array.json", vec![200, 41601]),
        ("stream.ndjson", vec![200, 52502, 41617]),
        ("stream-crlf.ndjson", vec![200, 42206]),
        ("concatenated.json", vec![200, 41602]),
        ("curl-i-mismatch.txt", vec![42502]),
        ("curl-i-http2.txt", vec![42504]),
        ("app.log", vec![200, 41601, 51603, 52502, 49999]),
        ("bom.json", vec![200]),
    ];
    for (name, codes) in cases {
        let (status, stdout, stderr) = explain_file(name, &["--format", "json"]);
        assert_eq!(status, 0, "{name}: {stderr}");
        assert_eq!(status_codes(&json_lines(&stdout)), codes, "{name}");
    }
}

#[test]
fn stdin_is_read_with_dash_or_when_piped() {
    let input = std::fs::read(fixture("explain/stream.ndjson")).unwrap();
    let piped = run_with_input(&["explain", "--format", "json"], &input);
    let dash = run_with_input(&["explain", "-", "--format", "json"], &input);
    assert_eq!(piped.status.code(), Some(0));
    assert_eq!(piped.stdout, dash.stdout);
    assert_eq!(
        json_lines(&String::from_utf8(piped.stdout).unwrap()).len(),
        3
    );
}

#[test]
fn the_http_status_is_checked_against_the_table() {
    let (_, stdout, _) = explain_file("curl-i-mismatch.txt", &["--format", "json"]);
    let line = &json_lines(&stdout)[0];
    let a = &line["annotation"];
    assert_eq!(a["expected_http_status"], 403);
    assert_eq!(a["observed_http_status"], 200);
    assert_eq!(a["verdict"], "error");
    assert_eq!(a["http"]["request_id_header"], "h-1");
    assert!(a["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["kind"] == "http-mismatch"));
    let (_, stdout, _) = explain_file("curl-i-http2.txt", &["--format", "json"]);
    let a = &json_lines(&stdout)[0]["annotation"];
    assert_eq!(
        (
            a["expected_http_status"].as_u64(),
            a["observed_http_status"].as_u64()
        ),
        (Some(403), Some(403))
    );
    assert!(!a["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["kind"] == "http-mismatch"));
}

#[test]
fn notes_cover_what_is_odd() {
    let kinds = |name: &str| -> Vec<Vec<String>> {
        let (_, stdout, _) = explain_file(name, &["--format", "json"]);
        json_lines(&stdout)
            .iter()
            .map(|l| {
                l["annotation"]["notes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n["kind"].as_str().unwrap().to_string())
                    .collect()
            })
            .collect()
    };
    let log = kinds("app.log");
    assert!(log[0].is_empty(), "{log:?}");
    assert!(log[2].contains(&"two-meanings".to_string()));
    assert!(
        log[3].contains(&"code-zero-with-error".to_string()),
        "Code 0 with 52502 is an observation, not a contradiction"
    );
    assert!(log[4].contains(&"unknown-code".to_string()));
    let odd = kinds("string-numbers.json");
    for kind in ["string-number", "key-case"] {
        assert!(odd[0].contains(&kind.to_string()), "{kind}: {odd:?}");
    }
    let (_, stdout, _) = explain_file("single.json", &["--format", "json"]);
    let line = &json_lines(&stdout)[0];
    assert!(
        line["annotation"]["notes"].as_array().unwrap().is_empty(),
        "「。」 at the end is the same message: {line}"
    );
    let differs = run_with_input(
        &["explain", "--format", "json"],
        br#"{"RequestId":"d","Code":500,"StatusCode":200,"Message":"something else","Data":null}"#,
    );
    let line = &json_lines(&String::from_utf8(differs.stdout).unwrap())[0];
    let kinds: Vec<&str> = line["annotation"]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["code-mismatch", "message-differs"]);
    assert_eq!(line["annotation"]["verdict"], "error");
}

#[test]
fn missing_fields_are_noted() {
    let out = run_with_input(
        &["explain", "--format", "json"],
        br#"{"StatusCode": 200, "Code": 0}"#,
    );
    let line = &json_lines(&String::from_utf8(out.stdout).unwrap())[0];
    let missing: Vec<&str> = line["annotation"]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "missing-field")
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        missing,
        ["no RequestId field", "no Message field", "no Data field"]
    );
}

/// `errcode explain FIXTURE EXTRA…` at a width of 100, against one golden file a test.
fn golden_of(name: &str, fixture_name: &str, extra: &[&str]) {
    let path = fixture(&format!("explain/{fixture_name}"));
    let out = errcode()
        .arg("explain")
        .arg(&path)
        .args(extra)
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    assert!(out.status.success(), "{name}");
    golden(
        name,
        &String::from_utf8(out.stdout)
            .unwrap()
            .replace(path.to_str().unwrap(), "FIXTURE"),
    );
}

macro_rules! golden_tests {
    ($($test:ident: $file:literal <= $fixture:literal [$($arg:literal),*];)*) => {$(
        #[test]
        fn $test() {
            golden_of($file, $fixture, &[$($arg),*]);
        }
    )*};
}

golden_tests! {
    golden_explain_app_log: "explain-app-log.txt" <= "app.log" [];
    golden_explain_curl_i: "explain-curl-i.txt" <= "curl-i-mismatch.txt" [];
    golden_explain_single_zh: "explain-single-zh.txt" <= "single.json" ["--lang", "zh"];
    golden_explain_app_log_color: "explain-app-log-color.txt" <= "app.log" ["--color", "always"];
    golden_explain_app_log_json: "explain-app-log.ndjson" <= "app.log" ["--format", "json"];
    golden_explain_summary_table: "explain-summary.txt" <= "app.log" ["--summary", "--format", "table"];
    golden_explain_summary_json: "explain-summary.json" <= "app.log" ["--summary", "--format", "json"];
}

#[test]
fn summary_counts_most_frequent_first_and_says_what_was_skipped() {
    let mut log = String::new();
    for i in 0..10 {
        let code = if i < 6 {
            200
        } else if i < 9 {
            41601
        } else {
            52502
        };
        log.push_str(&format!("{{\"RequestId\":\"{i}\",\"Code\":0,\"StatusCode\":{code},\"Message\":\"\",\"Data\":\"\"}}\n"));
    }
    log.push_str("a line with nothing\nanother\n");
    let out = run_with_input(
        &["explain", "--summary", "--format", "json"],
        log.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    let counts: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let pairs: Vec<(i64, i64)> = counts
        .iter()
        .map(|c| (c["code"].as_i64().unwrap(), c["count"].as_i64().unwrap()))
        .collect();
    assert_eq!(pairs, [(200, 6), (41601, 3), (52502, 1)]);
    assert_eq!(counts[1]["http_status"], 200);
    assert_eq!(counts[1]["message"], "Token 已过期，请重新生成 Token");
    assert!((counts[0]["share"].as_f64().unwrap() - 0.6).abs() < 1e-9);
    // In a pipe the totals go to stderr with what was skipped.
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "10 envelopes, 4 errors\nerrors by retry class: 75% after-fix (fix the cause, then retry), 25% backoff (transient: retry with backoff)\nerrors by category: 75% auth, 25% internal\nskipped 2 lines: 2 no JSON object\n"
    );
    let plain = run_with_input(&["explain", "--summary"], log.as_bytes());
    let first = String::from_utf8(plain.stdout)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        first,
        "6\t60.00%\t200\t200\tsuccess\t-\t-\t-\t0,1,2\tRequest succeeded"
    );
}

#[test]
fn check_exits_1_on_any_error_envelope() {
    let ok = br#"{"RequestId":"1","Code":0,"StatusCode":200,"Message":"ok","Data":""}"#;
    assert_eq!(
        run_with_input(&["explain", "--check"], ok).status.code(),
        Some(0)
    );
    let stream = std::fs::read(fixture("explain/stream.ndjson")).unwrap();
    assert_eq!(
        run_with_input(&["explain", "--check"], &stream)
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run_with_input(&["explain"], &stream).status.code(),
        Some(0),
        "without --check errors do not change the status"
    );
    let mismatch = std::fs::read(fixture("explain/curl-i-mismatch.txt")).unwrap();
    assert_eq!(
        run_with_input(&["explain", "--check"], &mismatch)
            .status
            .code(),
        Some(1)
    );
    let unknown = br#"{"RequestId":"1","Code":0,"StatusCode":200200,"Message":"ok","Data":""}"#;
    assert_eq!(
        run_with_input(&["explain", "--check", "--summary"], unknown)
            .status
            .code(),
        Some(1)
    );
    let http_ok = b"HTTP/1.1 200 OK\r\n\r\n{\"RequestId\":\"1\",\"Code\":0,\"StatusCode\":200,\"Message\":\"ok\",\"Data\":\"\"}";
    assert_eq!(
        run_with_input(&["explain", "--check"], http_ok)
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn bad_input_exits_2_with_one_line_naming_file_and_place() {
    let cases = [
        ("not-json.txt", "not-json.txt: line 1: no JSON object"),
        (
            "truncated.json",
            "truncated.json: line 1 column 51: truncated JSON: it is never closed: no response",
        ),
        ("empty.json", "empty.json: empty input"),
        (
            "no-envelope.json",
            "no-envelope.json: line 1: no envelope key",
        ),
        ("does-not-exist.json", "does-not-exist.json: no such file"),
    ];
    for (name, expected) in cases {
        let (status, stdout, stderr) = explain_file(name, &[]);
        assert_eq!(status, 2, "{name}: {stderr}");
        assert!(stdout.is_empty(), "{name}");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(
            stderr.starts_with("errcode: ") && stderr.contains(expected),
            "{name}: {stderr}"
        );
    }
    let dir = fixture("explain");
    let (status, _, stderr) = parts(&run(&["explain", dir.to_str().unwrap()]));
    assert_eq!(status, 2);
    assert!(stderr.contains("is a directory"), "{stderr}");
    let binary = run_with_input(
        &["explain"],
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x03\x00>\x00",
    );
    let (status, _, stderr) = parts(&binary);
    assert_eq!(status, 2);
    assert!(stderr.contains("<stdin>: line 1: binary data"), "{stderr}");
}

#[test]
fn a_broken_line_in_a_stream_is_reported_and_the_rest_explained() {
    let (status, stdout, stderr) = explain_file("stream-broken-line.ndjson", &["--format", "json"]);
    assert_eq!(status, 0);
    assert_eq!(status_codes(&json_lines(&stdout)), [200, 41634]);
    assert!(
        stderr.contains(
            "stream-broken-line.ndjson: line 2 column 42: broken JSON: expected a value, found `,`; skipped"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("skipped 1 line: 1 broken JSON"), "{stderr}");
}

#[test]
fn untrusted_text_is_escaped_whatever_the_colour() {
    let input = "HTTP/1.1 200 OK\r\nX-Request-Id: \u{1b}]0;pwned\u{7}\r\n\r\n{\"RequestId\":\"\\u001b[2J\u{9b}31m\",\"Code\":0,\"StatusCode\":\"\\u001b[31m\",\"Message\":\"\u{202e}txt.exe\",\"Data\":{\"x\":\"\\u001b]8;;http://x\\u0007\"}}";
    for color in ["never", "always"] {
        let out = run_with_input(&["explain", "--color", color], input.as_bytes());
        assert_no_panic(&out);
        let text = String::from_utf8_lossy(&out.stdout);
        // Only errcode's own SGR sequences may reach the terminal.
        let foreign: Vec<&str> = text
            .split('\u{1b}')
            .skip(1)
            .filter(|s| !s.starts_with('[') || s.starts_with("[2J") || s.starts_with("[31m\""))
            .collect();
        assert!(
            foreign.is_empty(),
            "{color}: raw escapes: {foreign:?}\n{text}"
        );
        assert!(
            !text.contains('\u{9b}') && !text.contains('\u{202e}') && !text.contains('\u{7}'),
            "{color}: {text}"
        );
        assert!(
            text.contains("\\u001b[2J") && text.contains("\\u202etxt.exe"),
            "{color}: {text}"
        );
    }
}

#[test]
fn output_appears_as_each_line_arrives() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    let mut child = errcode()
        .args(["explain", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    for i in 0..3 {
        writeln!(stdin, "{{\"RequestId\":\"{i}\",\"Code\":0,\"StatusCode\":200,\"Message\":\"ok\",\"Data\":\"\"}}").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(
            value["envelope"]["RequestId"],
            i.to_string(),
            "line {i} answered before stdin closed"
        );
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn explain_of_an_empty_stdin_is_an_input_error() {
    // stdin is /dev/null here (not a terminal): an empty input, exit 2.
    let (status, _, stderr) = parts(&run(&["explain"]));
    assert_eq!(status, 2);
    assert!(stderr.contains("<stdin>: empty input"), "{stderr}");
}

/// A named file that cannot be read at an offset (a pipe, as `<(…)` and /dev/stdin are) is
/// read as a stream, by `--summary` and `--diff` too.
#[cfg(target_os = "linux")]
#[test]
fn a_pipe_named_as_a_file_is_read_by_the_summary_and_the_diff() {
    let input = "{\"StatusCode\":41601,\"Code\":0}\n".repeat(3);
    let dir = tempfile::tempdir().unwrap();
    let after = dir.path().join("after.log");
    std::fs::write(&after, &input).unwrap();
    let after = after.to_str().unwrap();
    for (args, want) in [
        (
            &["explain", "--summary", "--format", "plain", "/dev/stdin"][..],
            "3\t100.00%\t41601\t",
        ),
        (
            &[
                "explain",
                "--format",
                "plain",
                "--diff",
                "/dev/stdin",
                after,
            ],
            "41601\t3\t3\t0\t",
        ),
    ] {
        let (status, stdout, stderr) = parts(&run_with_input(args, input.as_bytes()));
        assert_eq!(status, 0, "{args:?}: {stderr}");
        assert!(stdout.starts_with(want), "{args:?}: {stdout}");
    }
}

/// A file that tells no size (as under /proc) is read to its end all the same.
#[cfg(target_os = "linux")]
#[test]
fn a_file_that_tells_no_size_is_read_to_its_end() {
    // Every process's status file has as many lines, though each tells a size of 0.
    let lines = std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .count();
    assert!(lines > 10, "{lines}");
    let dir = tempfile::tempdir().unwrap();
    let envelope = dir.path().join("one.json");
    std::fs::write(&envelope, "{\"StatusCode\":41601,\"Code\":0}\n").unwrap();
    let args = [
        "explain",
        "--summary",
        "--format",
        "json",
        "/proc/self/status",
    ];
    let out = errcode().args(args).arg(&envelope).output().unwrap();
    let (status, _, stderr) = parts(&out);
    assert_eq!(status, 0, "{stderr}");
    assert!(
        stderr.contains(&format!("skipped {lines} lines: {lines} no JSON object")),
        "{stderr}"
    );
}

#[test]
fn a_code_with_two_meanings_uses_the_one_message_names_throughout() {
    let input = "{\"RequestId\":\"a\",\"Code\":500,\"StatusCode\":51603,\"Message\":\"消息队列发送失败\",\"Data\":\"\"}\n\
                 {\"RequestId\":\"b\",\"Code\":500,\"StatusCode\":51603,\"Message\":\"网关信令操作失败\",\"Data\":\"\"}\n\
                 {\"RequestId\":\"c\",\"Code\":500,\"StatusCode\":51603,\"Message\":\"消息队列发送失败。\",\"Data\":\"\"}\n";
    let (_, human, _) = parts(&run_with_input(&["explain"], input.as_bytes()));
    let first: String = human.lines().take(3).collect::<Vec<_>>().join("\n");
    assert!(
        first.contains("51603 Failed to send to the message queue"),
        "{first}"
    );
    assert!(first.contains("message queue rejected"), "{first}");
    let (_, summary, _) = parts(&run_with_input(
        &["explain", "--summary", "--format", "json"],
        input.as_bytes(),
    ));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&summary).unwrap();
    let counts: Vec<(String, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["message"].as_str().unwrap().to_string(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("消息队列发送失败".to_string(), 2),
            ("网关信令操作失败".to_string(), 1)
        ]
    );
}

#[test]
fn message_comparison_ignores_full_width_against_half_width_punctuation() {
    let input = "{\"RequestId\":\"a\",\"Code\":0,\"StatusCode\":41601,\"Message\":\"Token 已过期,请重新生成 Token\",\"Data\":\"\"}\n";
    let (_, stdout, _) = parts(&run_with_input(
        &["explain", "--format", "json"],
        input.as_bytes(),
    ));
    let line: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(
        line["annotation"]["notes"],
        serde_json::json!([]),
        "{stdout}"
    );
}

#[test]
fn filters_choose_what_is_printed_counted_and_checked() {
    let input = "{\"StatusCode\":200,\"Code\":0,\"RequestId\":\"a\"}\n{\"StatusCode\":41601,\"RequestId\":\"b\"}\n{\"StatusCode\":52502,\"RequestId\":\"c\"}\n";
    let json = |args: &[&str]| {
        let mut all = vec!["explain", "--format", "json"];
        all.extend_from_slice(args);
        let (status, stdout, _) = parts(&run_with_input(&all, input.as_bytes()));
        let codes: Vec<i64> = stdout
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["annotation"]["status_code"]
                    .as_i64()
                    .unwrap()
            })
            .collect();
        (status, codes)
    };
    assert_eq!(json(&["--errors"]), (0, vec![41601, 52502]));
    assert_eq!(json(&["--status", "525xx", "--check"]), (1, vec![52502]));
    assert_eq!(json(&["--status", "200", "--check"]), (0, vec![200]));
    assert_eq!(
        json(&["--status", "200", "--status", "41601"]).1,
        [200, 41601]
    );
    // Quiet: the exit status alone.
    let (status, stdout, _) = parts(&run_with_input(
        &["explain", "--check", "-q"],
        input.as_bytes(),
    ));
    assert_eq!((status, stdout.as_str()), (1, ""));
    let (status, _, stderr) = parts(&run_with_input(&["explain", "-q"], input.as_bytes()));
    assert_eq!(status, 2, "--quiet needs --check: {stderr}");
    // The summary counts only what the filters keep.
    let (_, summary, _) = parts(&run_with_input(
        &["explain", "--summary", "--errors", "--format", "json"],
        input.as_bytes(),
    ));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&summary).unwrap();
    assert_eq!(rows.len(), 2);
    let (status, _, _) = parts(&run(&["lookup", "41601", "--format", "human"]));
    assert_eq!(status, 2, "the human layout is explain's");
}

/// Envelopes of every kind the JSON output writes apart: the table's own Message, `ok`, other
/// text, codes with two meanings and none, and RequestIds that need escaping or are not UTF-8.
fn mixed_envelopes(n: usize) -> Vec<u8> {
    let codes = [200, 41601, 51603, 52502, 49999, 10000];
    let messages = [
        "ok",
        "请求成功",
        "设备不存在",
        "Device offline.",
        "ＯＫ。",
        "",
    ];
    let ids = [
        "plain",
        "esc\\u001b[2J",
        "del\u{7f}",
        "rlo\u{202e}",
        "sur\\ud800",
        "bad\u{85}",
    ];
    let mut input = Vec::new();
    for i in 0..n {
        let (code, message, id) = (codes[i % 6], messages[i / 6 % 6], ids[i / 36 % 6]);
        let code_field = if code >= 50000 { 500 } else { 0 };
        input.extend_from_slice(
            format!("{{\"RequestId\":\"{id}-{i}\",\"Code\":{code_field},\"StatusCode\":{code},\"Message\":\"{message}\",\"Data\":null}}\n")
                .as_bytes(),
        );
        if i % 1000 == 999 {
            input.extend_from_slice(b"{\"RequestId\":\"not\xff-utf8\",\"Code\":0,\"StatusCode\":200,\"Message\":\"ok\"}\n");
        }
    }
    input
}

#[test]
fn json_through_a_pipe_is_the_json_written_to_a_file() {
    // Megabytes of output: many pieces, through a pipe errcode widens and writes in large
    // pieces, and to a file.
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("mixed.ndjson");
    std::fs::write(&log, mixed_envelopes(20_000)).unwrap();
    let log = log.to_str().unwrap();
    let piped = run(&["explain", "--format", "json", log]);
    assert_no_panic(&piped);
    assert!(piped.status.success());
    let file = dir.path().join("out.json");
    let status = errcode()
        .args(["explain", "--format", "json", log])
        .stdout(std::fs::File::create(&file).unwrap())
        .status()
        .unwrap();
    assert!(status.success());
    let written = std::fs::read(&file).unwrap();
    assert!(written.len() > 8 << 20, "{} bytes", written.len());
    assert!(
        piped.stdout == written,
        "the pipe's output differs from the file's"
    );
    let lines = json_lines(&String::from_utf8(written).unwrap());
    assert_eq!(lines.len(), 20_020);
    for line in &lines {
        // The annotation's request_id is the envelope's, escaped the same way.
        assert_eq!(
            line["annotation"]["request_id"], line["envelope"]["RequestId"],
            "{line}"
        );
    }
}

#[test]
fn json_lines_keep_their_file_and_order_across_files_and_sizes() {
    // The usual lines are finished on the writer thread, a large envelope where it is read,
    // and each file's lines name their file: in order all the same.
    let dir = tempfile::tempdir().unwrap();
    let usual = |i: usize| {
        format!("{{\"RequestId\":\"r{i}\",\"Code\":0,\"StatusCode\":200,\"Message\":\"ok\",\"Data\":null}}\n")
    };
    let mut first = String::new();
    for i in 0..3000 {
        first.push_str(&usual(i));
        if i == 1500 {
            let data = "x".repeat(100_000);
            first.push_str(&format!("{{\"RequestId\":\"big\",\"Code\":0,\"StatusCode\":200,\"Message\":\"ok\",\"Data\":\"{data}\"}}\n"));
        }
    }
    let (a, b) = (dir.path().join("a.ndjson"), dir.path().join("b.ndjson"));
    std::fs::write(&a, &first).unwrap();
    std::fs::write(&b, (0..5).map(usual).collect::<String>()).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = run_with_input(
        &["explain", "--format", "json", a, "-", b],
        usual(7).as_bytes(),
    );
    assert_no_panic(&out);
    let (status, stdout, _) = parts(&out);
    assert_eq!(status, 0);
    let lines = json_lines(&stdout);
    assert_eq!(lines.len(), 3001 + 1 + 5);
    let expected = (1..=3001)
        .map(|n| (a, n))
        .chain([("-", 1)])
        .chain((1..=5).map(|n| (b, n)));
    for (line, (file, number)) in lines.iter().zip(expected) {
        assert_eq!(line["file"], file, "{line}");
        assert_eq!(line["line"], number, "{line}");
        assert_eq!(
            line["annotation"]["request_id"],
            line["envelope"]["RequestId"]
        );
    }
    assert_eq!(
        lines[1501]["envelope"]["Data"].as_str().unwrap().len(),
        100_000
    );
}

/// `errcode explain ARGS` run in `dir`.
fn explain_in(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["explain"];
    all.extend_from_slice(args);
    let out = errcode().args(&all).current_dir(dir).output().unwrap();
    assert_no_panic(&out);
    parts(&out)
}

#[test]
fn a_code_given_to_explain_for_a_file_says_to_look_it_up() {
    let dir = tempfile::tempdir().unwrap();
    let app = fixture("explain/app.log");
    let app = app.to_str().unwrap();
    for (args, line) in [
        (&["41601"][..], "errcode: 41601: no such file; 41601 is an error code: `errcode 41601` says what it means\n"),
        (&["AuthFailure.TokenFailure"], "errcode: AuthFailure.TokenFailure: no such file; AuthFailure.TokenFailure is an error code: `errcode AuthFailure.TokenFailure` says what it means\n"),
        (&["416xx"], "errcode: 416xx: no such file; 416xx is a pattern of error codes: `errcode 416xx` shows them\n"),
        (&["AuthFailure.*"], "errcode: AuthFailure.*: no such file; AuthFailure.* is a pattern of error codes: `errcode 'AuthFailure.*'` shows them\n"),
        // Said before anything is read, whichever argument it is, and for --summary too.
        (&[app, "41601"], "errcode: 41601: no such file; 41601 is an error code: `errcode 41601` says what it means\n"),
        (&["--summary", "41601"], "errcode: 41601: no such file; 41601 is an error code: `errcode 41601` says what it means\n"),
        (&["--diff", app, "52502"], "errcode: 52502: no such file; 52502 is an error code: `errcode 52502` says what it means\n"),
    ] {
        let (status, stdout, stderr) = explain_in(dir.path(), args);
        assert_eq!(status, 2, "{args:?}");
        assert_eq!(stdout, "", "{args:?}");
        assert_eq!(stderr, line, "{args:?}");
    }
    let (_, _, stderr) = explain_in(dir.path(), &["41601", "--lang", "zh"]);
    assert_eq!(
        stderr,
        "errcode: 41601：没有这个文件；41601 是错误码：`errcode 41601` 会说明它的含义\n"
    );
    // A number or name that is no code of the tables is a missing file, as before.
    for arg in ["99999", "456", "Foo.Bar", "4160\u{1b}[31m1", "app.log"] {
        let (status, _, stderr) = explain_in(dir.path(), &[arg]);
        assert_eq!(status, 2, "{arg:?}");
        assert!(
            stderr.contains("no such file: check the path"),
            "{arg:?}: {stderr}"
        );
        assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    }
    // A file that has a code's name is read.
    std::fs::copy(fixture("explain/single.json"), dir.path().join("40006")).unwrap();
    let (status, stdout, stderr) = explain_in(dir.path(), &["40006", "--format", "plain"]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.starts_with("40006\t"), "{stdout}");
}

/// Envelopes of every class: a legacy success, an auth error, a server failure, one code with
/// two meanings (Message naming the second, and naming none), an error whose code says success,
/// an unknown code, API 3.0 answers (a success, a rate limit, an Error without a Code) and a
/// gateway's 502 without an envelope; all at 08:00 but the last two, at 09:00.
fn classes_log() -> String {
    [
        r#"2026-11-27T08:00:00Z {"RequestId":"ok","Code":0,"StatusCode":200,"Message":"请求成功","Data":""}"#,
        r#"2026-11-27T08:00:00Z {"RequestId":"token","Code":0,"StatusCode":41601,"Message":"m","Data":""}"#,
        r#"2026-11-27T08:00:00Z {"RequestId":"redis","Code":0,"StatusCode":52502,"Message":"m","Data":""}"#,
        r#"2026-11-27T08:00:00Z {"RequestId":"queue","Code":0,"StatusCode":51603,"Message":"消息队列发送失败","Data":""}"#,
        r#"2026-11-27T08:00:00Z {"RequestId":"either","Code":0,"StatusCode":51603,"Message":"m","Data":""}"#,
        r#"2026-11-27T08:00:00Z {"RequestId":"c500","Code":500,"StatusCode":200,"Message":"m","Data":""}"#,
        r#"2026-11-27T08:00:00Z {"RequestId":"unknown","Code":0,"StatusCode":49999,"Message":"m","Data":""}"#,
        r#"2026-11-27T08:00:00Z {"Response":{"RequestId":"v3ok"}}"#,
        r#"2026-11-27T08:00:00Z {"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"m"},"RequestId":"limit"}}"#,
        r#"2026-11-27T09:00:00Z {"Response":{"Error":{"Message":"m"},"RequestId":"nocode"}}"#,
        "HTTP/1.1 502 Bad Gateway\n\n<html>bad</html>",
    ]
    .join("\n")
        + "\n"
}

/// `errcode explain --format json ARGS` on the classes log: the exit status and the RequestIds
/// kept (`http` for the gateway's answer), in order.
fn kept_classes(args: &[&str]) -> (i32, Vec<String>) {
    let mut all = vec!["explain", "--format", "json"];
    all.extend_from_slice(args);
    let out = run_with_input(&all, classes_log().as_bytes());
    assert_no_panic(&out);
    let (status, stdout, stderr) = parts(&out);
    let ids = stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            match &v["annotation"]["request_id"] {
                serde_json::Value::String(id) => id.clone(),
                _ => v["annotation"]["api"].as_str().unwrap().to_string(),
            }
        })
        .collect();
    assert!(status != 2, "{args:?}: {stderr}");
    (status, ids)
}

#[test]
fn category_and_retry_keep_what_list_would_class_so() {
    let ids = |args: &[&str]| kept_classes(args).1;
    assert_eq!(ids(&["--category", "auth"]), ["token"]);
    // The meaning Message names; else the first, as the summary shows it. An error whose code
    // says success is a server failure, as the shares of errors class it.
    assert_eq!(ids(&["--category", "internal"]), ["redis", "queue", "c500"]);
    assert_eq!(ids(&["--category", "gateway"]), ["either"]);
    assert_eq!(ids(&["--category", "success"]), ["ok", "v3ok"]);
    assert_eq!(ids(&["--category", "rate-limit"]), ["limit"]);
    assert_eq!(ids(&["--category", "http"]), ["http"]);
    assert_eq!(
        ids(&["--retry", "backoff"]),
        ["redis", "queue", "either", "c500", "limit", "http"]
    );
    assert_eq!(ids(&["--retry", "after-fix"]), ["token"]);
    assert!(ids(&["--retry", "never"]).is_empty());
    // With the other filters: what passes them all.
    assert_eq!(
        ids(&["--category", "internal", "--status", "5xxxx"]),
        ["redis", "queue"]
    );
    assert_eq!(
        ids(&["--retry", "backoff", "--category", "gateway"]),
        ["either"]
    );
    assert_eq!(
        ids(&["--category", "success", "--errors"]),
        Vec::<String>::new()
    );
    assert_eq!(
        ids(&["--retry", "backoff", "--until", "2026-11-27T08:30:00Z"]),
        ["redis", "queue", "either", "c500", "limit"]
    );
    // --check: only what is kept is checked.
    assert_eq!(kept_classes(&["--category", "success", "--check"]).0, 0);
    assert_eq!(kept_classes(&["--category", "auth", "--check"]).0, 1);
    assert_eq!(kept_classes(&["--retry", "never", "--check"]).0, 0);
}

#[test]
fn category_and_retry_filter_every_report() {
    let log = classes_log();
    let stdout = |args: &[&str]| {
        let out = run_with_input(args, log.as_bytes());
        let (status, stdout, stderr) = parts(&out);
        assert_eq!(status, 0, "{args:?}: {stderr}");
        stdout
    };
    // --summary: rows and totals of what is kept.
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&[
        "explain",
        "--summary",
        "--format",
        "json",
        "--category",
        "internal",
    ]))
    .unwrap();
    let codes: Vec<(serde_json::Value, serde_json::Value)> = rows
        .iter()
        .map(|r| (r["code"].clone(), r["count"].clone()))
        .collect();
    assert_eq!(
        codes,
        [
            (serde_json::json!(52502), serde_json::json!(1)),
            (serde_json::json!(51603), serde_json::json!(1)),
            (serde_json::json!(200), serde_json::json!(1)),
        ]
    );
    let out = run_with_input(
        &[
            "explain",
            "--summary",
            "--format",
            "plain",
            "--retry",
            "after-fix",
        ],
        log.as_bytes(),
    );
    assert!(
        parts(&out).2.starts_with("1 envelope, 1 error\n"),
        "{}",
        parts(&out).2
    );
    // --group: one group is left.
    let groups = stdout(&[
        "explain",
        "--summary",
        "--group",
        "retry",
        "--format",
        "plain",
        "--retry",
        "backoff",
    ]);
    assert_eq!(groups.lines().count(), 1, "{groups}");
    assert!(groups.starts_with("backoff\t6\t"), "{groups}");
    // --by: buckets of what is kept.
    let by = stdout(&[
        "explain",
        "--summary",
        "--by",
        "1h",
        "--format",
        "plain",
        "--category",
        "auth",
    ]);
    assert_eq!(by, "2026-11-27T08:00:00Z\t41601\t1\n");
    // Markdown, GitHub: one row, one annotation.
    let md = stdout(&[
        "explain",
        "--format",
        "markdown",
        "--category",
        "rate-limit",
    ]);
    assert_eq!(md.lines().count(), 3, "{md}");
    let gh = stdout(&["explain", "--format", "github", "--category", "http"]);
    assert_eq!(gh.lines().count(), 1, "{gh}");
    assert!(gh.contains("HTTP 502"), "{gh}");
    // --diff: each side filtered; --check fails only on a new error of the class.
    let dir = tempfile::tempdir().unwrap();
    let (before, after) = (dir.path().join("before.log"), dir.path().join("after.log"));
    let first = log.lines().take(3).collect::<Vec<_>>().join("\n") + "\n";
    std::fs::write(&before, first).unwrap();
    std::fs::write(&after, &log).unwrap();
    let diff = |class: &[&str]| {
        let out = errcode()
            .args(["explain", "--format", "plain", "--check", "--diff"])
            .args([&before, &after])
            .args(class)
            .output()
            .unwrap();
        let (status, stdout, stderr) = parts(&out);
        (status, stdout, stderr)
    };
    let (status, rows, stderr) = diff(&["--category", "auth"]);
    assert_eq!(
        (status, rows.as_str()),
        (
            0,
            "41601\t1\t1\t0\t-\tToken expired: please generate a new token\terror\n"
        ),
        "{stderr}"
    );
    let (status, rows, _) = diff(&["--category", "rate-limit"]);
    assert_eq!(status, 1, "{rows}");
    assert!(
        rows.starts_with("RequestLimitExceeded\t0\t1\t+1\tnew\t"),
        "{rows}"
    );
}

#[test]
fn a_category_no_code_has_is_a_usage_error_in_both_languages() {
    let log = classes_log();
    for bad in ["nope", "", "AUTH", "internal\u{1b}[2J", "\u{202e}auth"] {
        for (lang, said) in [
            ("en", "no code is of this category: give one of auth, "),
            ("zh", "没有错误码属于此类别：请给出 鉴权（auth）、"),
        ] {
            for mode in [&[][..], &["--summary"], &["--summary", "--by", "1h"]] {
                let mut args = vec!["--lang", lang, "explain", "--category", bad];
                args.extend_from_slice(mode);
                let out = run_with_input(&args, log.as_bytes());
                let (status, stdout, stderr) = parts(&out);
                assert_eq!(status, 2, "{args:?}: {stderr}");
                assert!(stdout.is_empty());
                assert_eq!(stderr.lines().count(), 1, "{stderr}");
                assert!(stderr.starts_with("errcode: --category "), "{stderr}");
                assert!(stderr.contains(said), "{stderr}");
                assert!(!stderr.contains(['\u{1b}', '\u{202e}']), "{stderr:?}");
            }
        }
    }
    // The categories of a user table are its own.
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("site.json");
    std::fs::write(
        &table,
        r#"[{"code":41601,"http_status":200,"message":"站点令牌","category":"site-auth","retry":"never"}]"#,
    )
    .unwrap();
    let mut site = errcode();
    site.args(["--table"]).arg(&table).args([
        "explain",
        "--format",
        "plain",
        "--category",
        "site-auth",
    ]);
    let out = crate::common::output_with_input(site, log.as_bytes());
    let (status, stdout, stderr) = parts(&out);
    assert_eq!((status, stdout.lines().count()), (0, 1), "{stderr}");
    assert!(stdout.contains("\ttoken\t"), "{stdout}");
}

#[test]
fn a_message_in_the_table_s_english_is_no_difference_and_a_difference_quotes_the_message() {
    let notes = |input: &str, lang: &str| -> Vec<(String, String)> {
        let (_, stdout, _) = parts(&run_with_input(
            &["explain", "--format", "json", "--lang", lang],
            input.as_bytes(),
        ));
        json_lines(&stdout)[0]["annotation"]["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                (
                    n["kind"].as_str().unwrap().to_string(),
                    n["text"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    // The official English of a common code, the English of a product code and of a legacy
    // code, as the table writes them but for case and closing punctuation.
    for same in [
        r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"Signature expired. Timestamp and server time cannot differ by more than five minutes. Please ensure your current local time matches the standard time."},"RequestId":"r"}}"#,
        r#"{"Response":{"Error":{"Code":"ResourceUnavailable.DevOffline","Message":"device offline."},"RequestId":"r"}}"#,
        r#"{"RequestId":"1","Code":0,"StatusCode":41617,"Message":"Device offline","Data":""}"#,
    ] {
        assert!(notes(same, "en").is_empty(), "{same}");
    }
    // A Message in other words is told with its own text, escaped.
    let other = "{\"Response\":{\"Error\":{\"Code\":\"ResourceUnavailable.DevOffline\",\"Message\":\"gone \\u001b[2J\"},\"RequestId\":\"r\"}}";
    for lang in ["en", "zh"] {
        let notes = notes(other, lang);
        assert_eq!(notes.len(), 1, "{notes:?}");
        let (kind, text) = &notes[0];
        assert_eq!(kind, "message-differs");
        assert!(text.starts_with("Message \"gone \\u001b[2J\""), "{text}");
        assert!(text.contains("设备离线"), "{text}");
        assert_eq!(text.contains("(Device offline)"), lang == "en", "{text}");
    }
    // The English text names which of a code's two meanings the Message is.
    let input = "{\"StatusCode\":51603,\"Code\":500,\"Message\":\"Failed to send to the message queue\",\"RequestId\":\"r\"}\n";
    let (_, stdout, _) = parts(&run_with_input(
        &["explain", "--format", "json"],
        input.as_bytes(),
    ));
    let notes = json_lines(&stdout)[0]["annotation"]["notes"].to_string();
    assert!(notes.contains("Message matches meaning 2 of 2"), "{notes}");
    assert!(!notes.contains("message-differs"), "{notes}");
    let (_, summary, _) = parts(&run_with_input(
        &["explain", "--summary", "--format", "json"],
        input.as_bytes(),
    ));
    let rows: serde_json::Value = serde_json::from_str(&summary).unwrap();
    assert_eq!(rows[0]["message"], "消息队列发送失败", "{rows}");
}

/// `n` envelopes of 41601, each with a Message of its own that is not the table's.
fn odd_41601(n: usize) -> Vec<u8> {
    let mut log = Vec::new();
    for i in 0..n {
        log.extend_from_slice(
            format!(r#"{{"RequestId":"r{i}","Code":500,"StatusCode":41601,"Message":"odd {i}","Data":""}}"#)
                .as_bytes(),
        );
        log.push(b'\n');
    }
    log
}

/// Envelopes whose notes repeat: 41601 with a foreign Message three times, 52502 with `Code` 0
/// twice, then 40006 with a foreign Message.
fn repeated_notes() -> Vec<u8> {
    let mut log = odd_41601(3);
    for i in 0..2 {
        log.extend_from_slice(
            format!(r#"{{"RequestId":"z{i}","Code":0,"StatusCode":52502,"Message":"Error accessing Redis","Data":""}}"#)
                .as_bytes(),
        );
        log.push(b'\n');
    }
    log.extend_from_slice(
        br#"{"RequestId":"q","Code":500,"StatusCode":40006,"Message":"other","Data":""}"#,
    );
    log.push(b'\n');
    log
}

#[test]
fn a_kind_of_note_is_said_in_full_once_a_code_then_counted() {
    let input = repeated_notes();
    let (_, stdout, _) = parts(&run_with_input(&["explain", "--color", "never"], &input));
    // Said in full at 41601's first envelope, not at its second or third; said again for 40006.
    assert_eq!(
        stdout.matches("differs from the table's text").count(),
        2 + 1,
        "{stdout}"
    );
    assert!(stdout.contains("\"odd 0\""), "{stdout}");
    assert!(!stdout.contains("\"odd 1\""), "{stdout}");
    // Code 0 beside 52502 is the platform's documented behaviour: not noted, not counted.
    assert!(!stdout.contains("Code 0"), "{stdout}");
    // The closing line counts every envelope the kind applied to.
    let last = stdout.lines().last().unwrap();
    assert_eq!(
        last, "note: Message differs from the table's text: 4 envelopes",
        "{stdout}"
    );
    // --verbose says every one, and needs no count.
    let (_, verbose, _) = parts(&run_with_input(
        &["explain", "-v", "--color", "never"],
        &input,
    ));
    assert!(verbose.contains("\"odd 2\""), "{verbose}");
    assert_eq!(
        verbose.matches("source document's own example").count(),
        2,
        "{verbose}"
    );
    assert!(!verbose.contains("4 envelopes"), "{verbose}");
    // JSON keeps every note on every envelope.
    let (_, json, _) = parts(&run_with_input(&["explain", "--format", "json"], &input));
    let notes: Vec<usize> = json_lines(&json)
        .iter()
        .map(|l| l["annotation"]["notes"].as_array().unwrap().len())
        .collect();
    assert_eq!(notes, [1, 1, 1, 1, 1, 1], "{json}");
    let (_, zh, _) = parts(&run_with_input(
        &["explain", "--lang", "zh", "--color", "never"],
        &input,
    ));
    assert_eq!(
        zh.lines().last().unwrap(),
        "提示：Message 与错误码表的描述不同：4 个响应",
        "{zh}"
    );
}

#[test]
fn the_first_note_is_the_inputs_first_whatever_the_files_and_pieces() {
    // Many envelopes, so that the output goes to the writer thread in several pieces; the
    // note is said at the input's first envelope of the code, in each of two files alike.
    let log = odd_41601(20_000);
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.log"), dir.path().join("b.log"));
    std::fs::write(&a, &log).unwrap();
    std::fs::write(&b, &log).unwrap();
    let out = errcode()
        .args(["explain", "--color", "never"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    let (status, stdout, _) = parts(&out);
    assert_eq!(status, 0);
    let noted: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("  note: Message"))
        .collect();
    assert_eq!(noted.len(), 1, "{noted:?}");
    assert!(noted[0].contains("\"odd 0\""), "{noted:?}");
    assert_eq!(
        stdout.lines().last().unwrap(),
        "note: Message differs from the table's text: 40000 envelopes"
    );
}

#[test]
fn a_request_id_header_differing_from_the_body_is_said_only_with_verbose() {
    let input = b"HTTP/1.1 200 OK\r\nX-Request-Id: gw-1\r\n\r\n{\"RequestId\":\"body-1\",\"Code\":0,\"StatusCode\":200,\"Message\":\"ok\",\"Data\":\"\"}\r\n";
    let (_, stdout, _) = parts(&run_with_input(&["explain", "--color", "never"], input));
    assert!(!stdout.contains("differ"), "{stdout}");
    let (_, verbose, _) = parts(&run_with_input(
        &["explain", "-v", "--color", "never"],
        input,
    ));
    assert!(
        verbose.contains("the RequestId header and the RequestId field differ"),
        "{verbose}"
    );
    let (_, json, _) = parts(&run_with_input(&["explain", "--format", "json"], input));
    assert!(json.contains("\"request-id-mismatch\""), "{json}");
}
