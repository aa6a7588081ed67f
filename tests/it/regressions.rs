//! Regressions: what hostile readings of errcode found, one test a finding, named after it;
//! each failed before its fix.

use crate::common;
use crate::common::{assert_no_panic, errcode, parts, run_with_input};

/// (exit status, JSON lines of stdout, stderr) of `explain --format json --check` on `input`.
fn check(input: &[u8]) -> (i32, Vec<serde_json::Value>, String) {
    let out = run_with_input(&["explain", "--check", "--format", "json"], input);
    assert_no_panic(&out);
    let (status, stdout, stderr) = parts(&out);
    let lines = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (status, lines, stderr)
}

fn codes(lines: &[serde_json::Value]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l["annotation"]["status_code"].to_string())
        .collect()
}

#[test]
fn http_in_a_log_line_does_not_turn_the_next_lines_into_headers() {
    let input = b"upstream replied HTTP/1.1 502 Bad Gateway\nERROR: {\"StatusCode\":40006}\nERROR: {\"Response\":{\"Error\":{\"Code\":\"InternalError\",\"Message\":\"m\"},\"RequestId\":\"r\"}}\n{\"StatusCode\":200,\"Code\":0}\n";
    let (status, lines, stderr) = check(input);
    assert_eq!(status, 1, "{stderr}");
    assert_eq!(codes(&lines), ["40006", "\"InternalError\"", "200"]);
    let (status, lines, _) =
        check(b"HTTP/1.1 200 OK\nERROR: {\"StatusCode\":40006}\n{\"StatusCode\":200,\"Code\":0}\n");
    assert_eq!(status, 1);
    assert_eq!(codes(&lines), ["40006", "200"]);
    let (status, lines, _) = check(b"HTTP/1.1 200 OK {\"StatusCode\":40006}\n");
    assert_eq!(status, 1);
    assert_eq!(codes(&lines), ["40006"]);
}

#[test]
fn a_body_right_after_the_status_line_keeps_its_status() {
    let (_, lines, _) = check(b"HTTP/1.1 403 Forbidden\n{\"StatusCode\":42502,\"Code\":0}\n");
    assert_eq!(lines[0]["annotation"]["observed_http_status"], 403);
}

#[test]
fn nested_envelopes_do_not_depend_on_key_order() {
    let inner = r#"{"RequestId":"1","Code":0,"StatusCode":40006,"Message":"x","Data":""}"#;
    for outer in [
        format!("{{\"StatusCode\":200,\"Code\":0,\"Data\":{inner}}}\n"),
        format!("{{\"Data\":{inner},\"StatusCode\":200,\"Code\":0}}\n"),
    ] {
        let (status, lines, _) = check(outer.as_bytes());
        assert_eq!(status, 1, "{outer}");
        assert_eq!(lines.len(), 2, "{outer}");
    }
}

#[test]
fn api_3_errors_of_every_shape_are_errors() {
    for input in [
        r#"{"Response":{"Error":{},"RequestId":"r"}}"#,
        r#"{"Response":{"Error":"InternalError","RequestId":"r"}}"#,
        r#"{"Response":{"Error":{"Code":"InternalError","Message":"m"},"RequestId":"r"},"Response":{"RequestId":"r"}}"#,
        r#"{"Response":{"RequestId":"r"},"Response":{"Error":{"Code":"InternalError"},"RequestId":"r"}}"#,
    ] {
        let (status, lines, _) = check(input.as_bytes());
        assert_eq!(status, 1, "{input}");
        assert_eq!(lines[0]["annotation"]["verdict"], "error", "{input}");
    }
    let (status, _, _) = check(br#"{"Response":{"RequestId":"r","TotalCount":0}}"#);
    assert_eq!(status, 0);
}

#[test]
fn a_long_line_ending_in_crlf_across_reads_adds_no_line() {
    let mut input = vec![b'x'; 17 << 20];
    input.pop();
    input.extend_from_slice(b"\r\n{\"StatusCode\":40006}\n");
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let path = dir.join("crlf.txt");
    std::fs::write(&path, &input).unwrap();
    let from_file = common::run(&["explain", "--format", "json", path.to_str().unwrap()]);
    let (_, file_out, _) = parts(&from_file);
    let (_, pipe_out, _) = parts(&run_with_input(&["explain", "--format", "json"], &input));
    let line = |s: &str| {
        serde_json::from_str::<serde_json::Value>(s.lines().next().unwrap()).unwrap()["line"]
            .clone()
    };
    assert_eq!(line(&file_out), 2);
    assert_eq!(line(&pipe_out), 2);
}

#[test]
fn stdin_given_twice_is_a_usage_error() {
    let out = run_with_input(&["explain", "-", "-"], b"{\"StatusCode\":200}\n");
    let (status, _, stderr) = parts(&out);
    assert_eq!(status, 2);
    assert!(stderr.contains("stdin"), "{stderr}");
}

#[test]
fn a_chunked_body_is_put_together_before_it_is_read() {
    let input = b"HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"StatusCode\":42\r\n4\r\n502}\r\n0\r\n\r\n{\"StatusCode\":200,\"Code\":0}\n";
    let (status, lines, stderr) = check(input);
    assert_eq!(status, 1, "{stderr}");
    assert_eq!(codes(&lines), ["42502", "200"]);
    assert_eq!(lines[0]["annotation"]["observed_http_status"], 403);
    // A pretty-printed body in one chunk, its line ends counted in the chunk's size.
    let body = "{\r\n  \"StatusCode\": 41601,\r\n  \"Code\": 0\r\n}";
    let input = format!(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{body}\r\n0\r\n\r\n",
        body.len()
    );
    let (_, lines, stderr) = check(input.as_bytes());
    assert_eq!(codes(&lines), ["41601"], "{stderr}");
    assert!(stderr.is_empty() || !stderr.contains("broken"), "{stderr}");
}

#[test]
fn a_reader_that_leaves_early_does_not_hide_a_later_error_from_check() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("late.ndjson");
    let mut log = String::new();
    for i in 0..50_000 {
        log.push_str(&format!(
            "{{\"RequestId\":\"{i}\",\"Code\":0,\"StatusCode\":200,\"Message\":\"ok\",\"Data\":\"\"}}\n"
        ));
    }
    log.push_str(
        "{\"RequestId\":\"x\",\"Code\":0,\"StatusCode\":41601,\"Message\":\"m\",\"Data\":\"\"}\n",
    );
    std::fs::write(&path, log).unwrap();
    for format in ["json", "human", "plain", "table"] {
        let mut child = common::errcode()
            .args(["explain", "--check", "--format", format])
            .arg(&path)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // stdout is closed here, as `| head -1` closes it.
        let out = child.wait_with_output().unwrap();
        assert_no_panic(&out);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{format}: the error comes after the reader left"
        );
    }
    // -q writes nothing to stdout, so a closed stdout is no error.
    let quiet = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' explain -q --check '{}' >&-",
            env!("CARGO_BIN_EXE_errcode"),
            path.display()
        ))
        .output()
        .unwrap();
    assert_eq!(quiet.status.code(), Some(1), "{quiet:?}");
}

#[test]
fn plain_output_doubles_a_backslash_so_an_escaped_tab_is_unambiguous() {
    let input = br#"{"StatusCode":200,"Code":0,"RequestId":"a\\tb\tc"}"#;
    let out = run_with_input(&["explain", "--format", "plain"], input);
    let (status, stdout, stderr) = parts(&out);
    assert_eq!(status, 0, "{stderr}");
    let fields: Vec<&str> = stdout.trim_end_matches('\n').split('\t').collect();
    assert_eq!(fields.len(), 10, "{stdout:?}");
    assert_eq!(fields[6], r"a\\tb\tc", "{stdout:?}");
    // A long value is cut, as the help says.
    let long = format!(
        r#"{{"StatusCode":200,"Code":0,"RequestId":"{}"}}"#,
        "x".repeat(300)
    );
    let (_, stdout, _) = parts(&run_with_input(
        &["explain", "--format", "plain"],
        long.as_bytes(),
    ));
    let id = stdout.split('\t').nth(6).unwrap();
    assert_eq!(id, format!("{}…", "x".repeat(200)));
    let (_, help, _) = parts(&common::run(&["explain", "--help"]));
    assert!(help.contains("200 characters"), "{help}");
}

#[test]
fn the_envelope_table_fits_every_width_and_cuts_no_legacy_code() {
    for lang in ["en", "zh"] {
        for width in 20..=130 {
            let out = common::errcode()
                .current_dir(common::fixture("explain"))
                .env("COLUMNS", width.to_string())
                .args(["--lang", lang, "explain", "--format", "table", "layout.txt"])
                .output()
                .unwrap();
            let (_, stdout, stderr) = parts(&out);
            for line in stdout.lines() {
                let columns = unicode_width::UnicodeWidthStr::width(line);
                assert!(columns <= width, "{lang} {width}: {line:?} {stderr}");
            }
            for code in ["40006", "51603", "42502"] {
                assert!(stdout.contains(code), "{lang} {width}: {stdout}");
            }
            // The line number is kept in Where.
            assert!(stdout.contains(":13"), "{lang} {width}: {stdout}");
            if width >= 100 {
                assert!(
                    stdout.contains("AuthFailure.SignatureExpire"),
                    "{lang} {width}: {stdout}"
                );
            }
        }
    }
}

#[test]
fn a_table_over_the_limit_is_refused_after_the_limit_is_read() {
    // A sound table padded past 2 MiB, and files without end: each refused, not held whole.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    let row = r#"[{"code": 60001, "http_status": 400, "message": "ours"}]"#;
    std::fs::write(&big, format!("{row}{}", " ".repeat(2 * 1024 * 1024))).unwrap();
    let mut tables = vec![big.to_string_lossy().into_owned()];
    if cfg!(unix) {
        tables.push("/dev/zero".into());
    }
    for table in &tables {
        let out = common::run(&["--table", table, "lookup", "60001"]);
        let (status, _, stderr) = parts(&out);
        assert_eq!(status, 2, "{stderr}");
        assert!(
            stderr.contains(table.as_str()) && stderr.contains("2 MiB"),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    let out = common::errcode()
        .args(["lookup", "60001"])
        .env("ERRCODE_TABLE", &tables[0])
        .output()
        .unwrap();
    assert_eq!(parts(&out).0, 2);
}

#[cfg(unix)]
#[test]
fn a_table_path_is_escaped_once_for_json_and_for_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t\u{1b}[31m\u{202e}.json");
    let row = r#"[{"code": 60003, "http_status": 400, "message": "ours"}]"#;
    std::fs::write(&path, row).unwrap();
    let table = path.to_str().unwrap();
    let args = [
        "--table",
        table,
        "list",
        "--show-source",
        "60003",
        "--format",
    ];
    let out = common::run(&[&args[..], &["json"]].concat());
    let (status, stdout, stderr) = parts(&out);
    assert_eq!(status, 0, "{stderr}");
    let rows: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(rows[0]["source"], table);
    assert!(
        !stdout.contains('\u{1b}') && stdout.contains(r"\u001b"),
        "{stdout}"
    );
    let out = common::run(&[&args[..], &["plain"]].concat());
    let (_, stdout, _) = parts(&out);
    assert!(stdout.contains(r"t\u001b[31m\u202e.json"), "{stdout}");
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{202e}'),
        "{stdout}"
    );
}

/// Characters that split lines for JavaScript and Python, or hide or reorder text.
const HIDDEN: [char; 9] = [
    '\u{2028}',
    '\u{2029}',
    '\u{202e}',
    '\u{2066}',
    '\u{200e}',
    '\u{200b}',
    '\u{2060}',
    '\u{feff}',
    '\u{e0041}',
];

#[test]
fn json_output_escapes_line_separators_and_hidden_characters() {
    let hidden: String = HIDDEN.iter().collect();
    let input = format!(
        "{{\"RequestId\":\"r{hidden}\",\"Code\":0,\"StatusCode\":41601,\"Message\":\"m{hidden}…，\",\"Data\":\"\"}}\n"
    );
    let out = run_with_input(&["explain", "--format", "json"], input.as_bytes());
    let (status, stdout, stderr) = parts(&out);
    assert_eq!(status, 0, "{stderr}");
    assert!(!stdout.contains(&HIDDEN[..]), "{stdout}");
    assert!(stdout.contains(r"\u2028\u2029\u202e\u2066\u200e\u200b\u2060\ufeff\udb40\udc41"));
    assert_eq!(stdout.lines().count(), 1);
    let line: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(line["envelope"]["RequestId"], format!("r{hidden}"));
    assert_eq!(line["annotation"]["request_id"], format!("r{hidden}"));
    assert_eq!(line["envelope"]["Message"], format!("m{hidden}…，"));

    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("t.json");
    let row = format!(
        r#"[{{"code": 60003, "http_status": 400, "message": "m{hidden}", "hint": "h{hidden}"}}]"#
    );
    std::fs::write(&table, row).unwrap();
    let table = table.to_str().unwrap();
    for args in [
        &["lookup", "60003"][..],
        &["list", "60003"],
        &["search", "m"],
    ] {
        let out = common::run(&[&["--table", table][..], args, &["--format", "json"]].concat());
        let (_, stdout, stderr) = parts(&out);
        assert!(!stdout.contains(&HIDDEN[..]), "{args:?}: {stdout}{stderr}");
        let rows: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(rows[0]["message"], format!("m{hidden}"), "{args:?}");
        assert_eq!(rows[0]["hint"], format!("h{hidden}"), "{args:?}");
    }
}

#[test]
fn a_narrow_summary_table_is_written_as_records_that_fit() {
    for lang in ["en", "zh"] {
        for width in 20..=100 {
            let out = common::errcode()
                .env("COLUMNS", width.to_string())
                .args(["--lang", lang, "explain", "--summary", "--format", "table"])
                .arg(common::fixture("explain/app.log"))
                .output()
                .unwrap();
            let (status, stdout, stderr) = parts(&out);
            assert_eq!(status, 0, "{stderr}");
            // The table or its records: box lines, and fields (a label, two spaces, a value);
            // the prose lines after them (RequestIds, totals, shares) are another matter.
            let laid_out = stdout
                .lines()
                .filter(|l| l.starts_with(['─', '┌', '│', '╞', '├', '└', ' ']) || l.contains("  "));
            for line in laid_out {
                let columns = unicode_width::UnicodeWidthStr::width(line);
                assert!(columns <= width, "{lang} {width}: {line:?}\n{stdout}");
            }
            // Every code whole, on one line.
            for code in ["41601", "51603", "52502", "49999"] {
                assert!(stdout.contains(code), "{lang} {width}: {stdout}");
            }
        }
    }
}

#[test]
fn lone_surrogate_escapes_are_echoed_as_replacement_characters() {
    let input = concat!(
        r#"{"RequestId":"\ud800x","Code":0,"StatusCode":41601,"Message":"\udc00","Data":""}"#,
        "\n",
        r#"{"RequestId":"\ud83d\ude00","Code":0,"StatusCode":41601,"Message":"\\ud800 \uD800\u0041","Data":""}"#,
        "\n"
    );
    let out = run_with_input(&["explain", "--format", "json"], input.as_bytes());
    let (status, stdout, stderr) = parts(&out);
    assert_eq!(status, 0, "{stderr}");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines[0]["envelope"]["RequestId"], "\u{fffd}x");
    assert_eq!(lines[0]["envelope"]["Message"], "\u{fffd}");
    assert_eq!(lines[0]["annotation"]["request_id"], "\u{fffd}x");
    // A pair stays a pair; an escaped backslash is no escape.
    assert_eq!(lines[1]["envelope"]["RequestId"], "😀");
    assert!(stdout.contains(r#""\ud83d\ude00""#), "{stdout}");
    assert_eq!(lines[1]["envelope"]["Message"], "\\ud800 \u{fffd}A");
}

#[test]
fn quotes_that_open_strings_never_closed_are_read_once() {
    // Each quote once started a string read to the end of the line: 1 MB took minutes.
    let input = r#""{\""#.repeat(300_000) + "\n";
    let (status, _, stderr) = parts(&run_with_input(&["explain"], input.as_bytes()));
    assert_eq!(status, 2, "{stderr}");
}

#[test]
fn an_sdk_string_in_a_record_cut_after_it_is_counted_once_without_escapes() {
    let input = br#"{"log":"[TencentCloudSDKError] Code=InternalError, Message=m, RequestId=r13\n","stream":"stderr","ti"#;
    let (status, lines, stderr) = check(input);
    assert_eq!(status, 1, "{stderr}");
    let ids: Vec<&str> = lines
        .iter()
        .map(|l| l["annotation"]["request_id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(ids, ["r13"], "{lines:?}");
}

#[test]
fn nul_padding_before_a_line_is_passed_over() {
    let (status, lines, stderr) =
        check(b"\0\0\0{\"StatusCode\":41601,\"Code\":0,\"RequestId\":\"a\"}\n");
    assert_eq!(status, 1, "{stderr}");
    assert_eq!(codes(&lines), ["41601"]);
}

#[test]
fn the_prefilter_lets_through_what_the_reader_reads() {
    for input in [
        // journald's bytes as Python's json.dumps writes them, with spaces.
        "{\"MESSAGE\": [123, 34, 83, 116, 97, 116, 117, 115, 67, 111, 100, 101, 34, 58, 52, 49, 54, 48, 49, 44, 34, 67, 111, 100, 101, 34, 58, 48, 125]}\n",
        // A key the reader folds.
        "{\"Status-Code\":41601,\"Code\":0}\n",
        // A record wrapped right after a closing bracket.
        "{\"RequestId\":\"a\",\"Data\":{}\n,\"StatusCode\":41601,\"Code\":0}\n",
    ] {
        let (status, lines, stderr) = check(input.as_bytes());
        assert_eq!((status, codes(&lines)), (1, vec!["41601".to_string()]), "{input}: {stderr}");
    }
}

#[test]
fn error_bodies_of_other_frameworks_are_not_envelopes() {
    let input = b"{\"statusCode\":404,\"message\":\"Cannot GET /x\",\"error\":\"Not Found\"}\n{\"statusCode\":400,\"code\":\"FST_ERR_VALIDATION\",\"message\":\"m\"}\n{\"RequestId\":\"a\",\"Code\":0,\"StatusCode\":200,\"Message\":\"ok\",\"Data\":null}\n";
    let (status, lines, stderr) = check(input);
    assert_eq!(
        (status, codes(&lines)),
        (0, vec!["200".to_string()]),
        "{stderr}"
    );
    assert!(stderr.contains("2 JSON of another API"), "{stderr}");
}

#[test]
fn text_that_starts_like_an_archive_or_bzip2_is_text() {
    let mustard = format!(
        "{}mustard {{\"StatusCode\":41601,\"Code\":0}}\n",
        "x".repeat(256)
    );
    let bzh = "BZh9 tasks ran {\"StatusCode\":41601,\"Code\":0}\n".to_string();
    for input in [mustard, bzh] {
        let (status, lines, stderr) = check(input.as_bytes());
        assert_eq!(
            (status, codes(&lines)),
            (1, vec!["41601".to_string()]),
            "{stderr}"
        );
    }
}

#[test]
fn check_quiet_prints_nothing_not_even_the_skipped_lines() {
    let input = b"{\"a\":1}\nno json\n{\"RequestId\":\"a\",\"Code\":0,\"StatusCode\":41601}\n";
    let out = run_with_input(&["explain", "--check", "-q"], input);
    let (status, stdout, stderr) = parts(&out);
    assert_eq!((status, stdout.as_str(), stderr.as_str()), (1, "", ""));
}

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

/// The bytes of `text` as journald writes a `MESSAGE` that is not UTF-8: `[123,34,…]`.
fn byte_array(text: &str) -> String {
    let numbers: Vec<String> = text.bytes().map(|b| b.to_string()).collect();
    format!("[{}]", numbers.join(","))
}

#[test]
fn an_envelope_whose_message_is_a_byte_array_is_searched_with_or_without_a_log_prefix() {
    // The one-pass reading of the usual line took the array for a plain value, and missed
    // what its bytes spell.
    let spelled = [
        (r#"{"StatusCode":41601}"#, "41601"),
        (
            "[TencentCloudSDKError] Code=InternalError, Message=m, RequestId=r",
            "\"InternalError\"",
        ),
    ];
    for (inner, code) in spelled {
        let envelope = format!(
            r#"{{"StatusCode":200,"Code":0,"Message":{}}}"#,
            byte_array(inner)
        );
        for prefix in ["", "x ", "2026-12-06T10:45:16.506+08:00 INFO resp="] {
            let line = format!("{prefix}{envelope}\n");
            let (status, lines, stderr) = check(line.as_bytes());
            assert_eq!(status, 1, "{line}{stderr}");
            let codes = codes(&lines);
            assert!(codes.iter().any(|c| c == code), "{line}{codes:?}");
            assert!(codes.iter().any(|c| c == "200"), "{line}{codes:?}");
        }
    }
}

#[test]
fn a_skipped_line_is_said_for_what_it_holds_not_for_what_an_earlier_line_held() {
    // An earlier line's search left its findings (an object close to an envelope, nesting
    // too deep) on the one scanner, and a later line without an envelope was said to hold
    // them. Each first line has a member of its own (`ts`), so that the full search reads it.
    let deep = format!(
        "x {{\"ts\":1,\"StatusCode\":41601,\"Data\":[{}{}]}}\n",
        "[".repeat(70),
        "]".repeat(70)
    );
    for first in [
        "x {\"ts\":1,\"StatusCode\":41601,\"Data\":{\"RequestId\":\"a\",\"Code\":1}}\n".to_string(),
        "{\"ts\":1,\"StatusCode\":41601,\"Code\":{\"requestId\":\"\",\"code\":1}}\n".to_string(),
        deep,
    ] {
        for (second, reason) in [
            ("y {\"response\":1}\n", "1 JSON without an envelope"),
            ("TencentCloudSDK\n", "1 no JSON object"),
        ] {
            let input = format!("{first}{second}");
            let out = run_with_input(&["explain", "--format", "plain"], input.as_bytes());
            assert_no_panic(&out);
            let (_, _, stderr) = parts(&out);
            assert!(
                stderr.contains(&format!("skipped 1 line: {reason}")),
                "{input}{stderr}"
            );
        }
    }
}
