//! What a hostile reading of the input layer found, one test a finding: each failed before its
//! fix.

use crate::common;
use crate::common::{assert_no_panic, parts, run_with_input};

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

/// `line` with its colour sequences taken out, or why one of them is not a whole SGR sequence.
fn without_sgr(line: &str) -> Result<String, String> {
    let mut text = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            text.push(c);
            continue;
        }
        if chars.next() != Some('[') {
            return Err(format!("an escape that is not CSI: {line:?}"));
        }
        loop {
            match chars.next() {
                Some('m') => break,
                Some(c) if c.is_ascii_digit() || c == ';' => {}
                _ => return Err(format!("a cut colour sequence: {line:?}")),
            }
        }
    }
    Ok(text)
}

#[test]
fn wrapping_never_splits_a_colour_sequence_nor_overflows_the_width() {
    let log = common::fixture("explain/app.log");
    let log = log.to_str().unwrap();
    for lang in ["en", "zh"] {
        for verbose in [true, false] {
            for width in 20..=130 {
                let mut args = vec!["--color", "always", "--lang", lang, "explain", log];
                if verbose {
                    args.push("-v");
                }
                let out = common::errcode()
                    .env("COLUMNS", width.to_string())
                    .args(&args)
                    .output()
                    .unwrap();
                let (_, stdout, stderr) = parts(&out);
                assert!(stdout.contains('\u{1b}'), "{stderr}");
                for line in stdout.lines() {
                    let text = without_sgr(line).unwrap_or_else(|e| panic!("{lang} {width}: {e}"));
                    let columns = unicode_width::UnicodeWidthStr::width(text.as_str());
                    assert!(columns <= width, "{lang} -v={verbose} {width}: {line:?}");
                }
            }
        }
    }
}

#[test]
fn plain_output_doubles_a_backslash_so_an_escaped_tab_is_unambiguous() {
    let input = br#"{"StatusCode":200,"Code":0,"RequestId":"a\\tb\tc"}"#;
    let out = run_with_input(&["explain", "--format", "plain"], input);
    let (status, stdout, stderr) = parts(&out);
    assert_eq!(status, 0, "{stderr}");
    let fields: Vec<&str> = stdout.trim_end_matches('\n').split('\t').collect();
    assert_eq!(fields.len(), 8, "{stdout:?}");
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
