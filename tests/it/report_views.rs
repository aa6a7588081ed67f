//! The incident report's views: `--top`, the first thousand rows on a terminal, GitHub
//! annotations and the step summary, Markdown, `--since`/`--until`, and `--by` with its chart.

use crate::common;
use std::io::Write;

use crate::common::{errcode, golden, parts, run_with_input};
use crate::report_support::*;
use serde_json::{json, Value};

#[test]
fn top_limits_the_rows_of_every_layout_but_not_the_shares() {
    let log = incident_log();
    let rows = summary(&log, "UTC", &["--top", "2"]);
    let codes: Vec<&Value> = rows.iter().map(|r| &r["code"]).collect();
    assert_eq!(codes, [&json!(52502), &json!(41601)]);
    let out = run_with_input(
        &["explain", "--summary", "--top", "1", "--format", "plain"],
        log.as_bytes(),
    );
    let (status, stdout, stderr) = parts(&out);
    assert_eq!((status, stdout.lines().count()), (0, 1));
    // The shares are of all the errors.
    assert_eq!(stderr, format!("110 envelopes, 100 errors\n{SHARES}"));
    let rows = summary(&log, "UTC", &["--group", "category", "--top", "1"]);
    assert_eq!(rows.len(), 1);
    for args in [
        &["explain", "--top", "2"][..],
        &["explain", "--summary", "--top", "0"],
        &["explain", "--summary", "--top", "many"],
    ] {
        assert_eq!(
            run_with_input(args, log.as_bytes()).status.code(),
            Some(2),
            "{args:?}"
        );
    }
}

#[test]
fn a_terminal_table_shows_the_first_thousand_rows_and_says_so() {
    let mut log = String::new();
    for code in 0..1_500u32 {
        for _ in 0..(1 + u32::from(code < 10)) {
            log.push_str(&format!(
                "{{\"RequestId\":\"r\",\"Code\":0,\"StatusCode\":{},\"Message\":\"\",\"Data\":\"\"}}\n",
                100_000 + code
            ));
        }
    }
    let out = run_with_input(
        &["explain", "--summary", "--format", "table"],
        log.as_bytes(),
    );
    let (status, stdout, _) = parts(&out);
    assert_eq!(status, 0);
    assert!(stdout.contains("… and 500 more rows: --format plain or json lists every row\n"));
    assert_eq!(stdout.matches("┆ (not in the table)").count(), 1_000);
    // The most frequent are the ones shown.
    assert!(stdout.contains("┆ 100009 "), "{}", &stdout[..2000]);
    let out = run_with_input(
        &["explain", "--summary", "--format", "plain"],
        log.as_bytes(),
    );
    assert_eq!(parts(&out).1.lines().count(), 1_500);
}

#[test]
fn github_annotations_cannot_be_injected_and_fail_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a,b:c%.log");
    let hostile = r#"2026-11-27T08:00:01Z {"RequestId":"id%0A::warning::x","Code":0,"StatusCode":49999,"Message":"100% down\r\n::error::forged\u001b[2J","Data":""}
{"RequestId":"ok","Code":0,"StatusCode":200,"Message":"ok","Data":""}
{"Response":{"Error":{"Code":"Auth,Fail:ure","Message":"m"},"RequestId":"v3"}}
"#;
    std::fs::write(&path, hostile).unwrap();
    let out = errcode()
        .args(["explain", "--check", "--format", "github"])
        .arg(&path)
        .output()
        .unwrap();
    let (status, stdout, _) = parts(&out);
    assert_eq!(status, 1, "--check fails the step");
    let name = path
        .to_str()
        .unwrap()
        .replace('%', "%25")
        .replace(':', "%3A")
        .replace(',', "%2C");
    assert_eq!(
        stdout,
        format!(
            "::error file={name},line=1,title=errcode 49999::(not in the table): 100%25 down\\r\\n::error::forged\\u001b[2J (RequestId id%250A::warning::x)\n\
             ::error file={name},line=3,title=errcode Auth%2CFail%3Aure::(not in the table): m (RequestId v3)\n"
        )
    );
    // Every line is one command: nothing starts a second one.
    assert!(stdout.lines().all(|l| l.starts_with("::error ")));
    // From stdin: no file to point at.
    let out = run_with_input(&["explain", "--format", "github"], hostile.as_bytes());
    assert!(
        parts(&out).1.starts_with("::error title=errcode 49999::"),
        "{}",
        parts(&out).1
    );
    assert!(!parts(&out).1.contains("file="));
}

#[test]
fn github_summary_notices_and_the_step_summary() {
    let dir = tempfile::tempdir().unwrap();
    let step = dir.path().join("step.md");
    std::fs::write(&step, "earlier\n").unwrap();
    let log = common::fixture("explain/incident.log");
    let out = errcode()
        .args(["explain", "--summary", "--format", "github"])
        .arg(&log)
        .env("GITHUB_STEP_SUMMARY", &step)
        .output()
        .unwrap();
    let (status, stdout, stderr) = parts(&out);
    assert_eq!(status, 0);
    assert_eq!(
        stdout.lines().next().unwrap(),
        "::notice title=errcode 52502::5 envelopes (50.00%25, 2026-11-27T08:02:40Z – 2026-11-27T08:05:31Z): Error accessing Redis (retry: backoff) · hint: A transient cache failure on the server: retry with exponential backoff and jitter."
    );
    // A success has nothing to do: no hint.
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("::notice title=errcode 200::") && !l.contains("hint")),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 4);
    assert!(stderr.starts_with("10 envelopes, 8 errors\nerrors by retry class: 62% backoff"));
    let markdown = std::fs::read_to_string(&step).unwrap();
    assert!(
        markdown.starts_with("earlier\n### errcode\n\n| Count | Share | Code |"),
        "{markdown}"
    );
    // Per envelope, the step summary is the same Markdown summary, appended.
    let out = errcode()
        .args(["explain", "--check", "--format", "github"])
        .arg(&log)
        .env("GITHUB_STEP_SUMMARY", &step)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        parts(&out).1.lines().count(),
        8,
        "one annotation per error envelope"
    );
    let again = std::fs::read_to_string(&step).unwrap();
    assert_eq!(again.matches("### errcode").count(), 2);
    assert_eq!(again.matches("| 5 | 50.00% | 52502 |").count(), 2);
    // A step summary that cannot be written is told, and the run goes on.
    let out = errcode()
        .args(["explain", "--format", "github"])
        .arg(&log)
        .env("GITHUB_STEP_SUMMARY", dir.path().join("no/such/dir"))
        .output()
        .unwrap();
    let (status, _, stderr) = parts(&out);
    assert_eq!(status, 0);
    assert!(
        stderr.contains("errcode: warning: GITHUB_STEP_SUMMARY: cannot write"),
        "{stderr}"
    );
}

#[test]
fn markdown_tables_of_the_summary_the_diff_and_envelopes() {
    let log = common::fixture("explain/incident.log");
    let out = errcode()
        .args(["explain", "--summary", "--format", "markdown"])
        .arg(&log)
        .output()
        .unwrap();
    golden("report-summary.md", &parts(&out).1);
    // A `|` in a code cannot end its cell.
    let v3 = r#"{"Response":{"Error":{"Code":"A|B","Message":"x | y"},"RequestId":"r|1"}}"#;
    let out = run_with_input(
        &["explain", "--summary", "--format", "markdown"],
        v3.as_bytes(),
    );
    let row = parts(&out).1.lines().nth(2).unwrap().to_string();
    assert!(
        row.contains("| A\\|B |") && row.contains("| r\\|1 |"),
        "{row}"
    );
    // Eleven cells (the hint last): twelve pipes that are not escaped.
    assert_eq!(
        row.matches('|').count() - row.matches("\\|").count(),
        12,
        "{row}"
    );
    let out = run_with_input(&["explain", "--format", "markdown"], v3.as_bytes());
    assert_eq!(
        parts(&out).1,
        "| File | Line | Code | Verdict | RequestId | Meaning | HTTP | Hint |\n| --- | ---: | --- | --- | --- | --- | --- | --- |\n| - | 1 | A\\|B | error | r\\|1 | (not in the table): x \\| y | - | - |\n"
    );
    // lookup, list and search have no such layouts.
    for format in ["github", "markdown"] {
        assert_eq!(
            common::run(&["--format", format, "lookup", "41601"])
                .status
                .code(),
            Some(2)
        );
    }
}

#[test]
fn since_and_until_keep_the_incident_window() {
    let log = common::fixture("explain/incident.log");
    let window = [
        "--since",
        "2026-11-27T08:03:00Z",
        "--until",
        "2026-11-27T08:05:00Z",
    ];
    let rows: Vec<Value> = {
        let out = errcode()
            .args(["explain", "--summary", "--format", "json"])
            .args(window)
            .arg(&log)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let view: Vec<(Value, Value)> = rows
        .iter()
        .map(|r| (r["code"].clone(), r["count"].clone()))
        .collect();
    // 08:03:00.25, 08:03:30 and 08:04:02 (52502), 08:04:09 (40001); 08:05:00 is past the end.
    assert_eq!(view, [(json!(52502), json!(3)), (json!(40001), json!(1))]);
    // Per envelope too, and for a zone-less bound the local zone.
    let out = errcode()
        .args([
            "explain",
            "--format",
            "github",
            "--since",
            "2026-11-27 16:05:00",
            "--until=2026-11-27T16:06:00+08:00",
        ])
        .arg(&log)
        .env("TZ", "Asia/Shanghai")
        .output()
        .unwrap();
    let stdout = parts(&out).1;
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("line=9,"), "{stdout}");
    // Envelopes without a time are left out when a window is given.
    let untimed =
        "{\"RequestId\":\"u\",\"Code\":0,\"StatusCode\":41601,\"Message\":\"\",\"Data\":\"\"}\n";
    let out = run_with_input(
        &[
            "explain",
            "--summary",
            "--format",
            "json",
            "--until",
            "2030-01-01T00:00:00Z",
        ],
        untimed.as_bytes(),
    );
    assert_eq!(parts(&out).1.trim(), "[]");
    // Offsets back from now.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let at = |secs_ago: u64| {
        let out = std::process::Command::new("date")
            .args([
                "-u",
                "-d",
                &format!("@{}", now - secs_ago),
                "+%Y-%m-%dT%H:%M:%SZ",
            ])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let recent = format!(
        "{} {}\n{} {}\n",
        at(5 * 3600),
        env("old"),
        at(3600),
        env("new")
    );
    let rows = summary(&recent, "UTC", &["--since", "-3h"]);
    assert_eq!(
        (rows[0]["count"].clone(), rows[0]["request_ids"].clone()),
        (json!(1), json!(["new"]))
    );
    let rows = summary(&recent, "UTC", &["--until", "-180m"]);
    assert_eq!(rows[0]["request_ids"], json!(["old"]));
    // A bound that is no time is a usage error.
    for bad in ["yesterday", "-3y", "2026-11-27 8h", "+1h", ""] {
        let out = run_with_input(&["explain", "--summary", "--since", bad], recent.as_bytes());
        let (status, _, stderr) = parts(&out);
        assert_eq!(status, 2, "{bad}");
        assert!(stderr.starts_with("errcode: --since"), "{stderr}");
    }
}

/// A spike of 52502 between 08:20 and 08:30 on a steady trickle of 41601, over an hour, and
/// two envelopes without a time.
fn spike_log() -> String {
    let mut log = String::new();
    for minute in 0..60 {
        let (code, n) = if (20..30).contains(&minute) {
            (52502, 3 + minute % 4 * 3)
        } else {
            (41601, minute % 2)
        };
        for i in 0..n {
            log.push_str(&format!(
                "2026-11-27T08:{minute:02}:{:02}Z ERROR {}\n",
                i * 5,
                ENV_41601
                    .replace("41601", &code.to_string())
                    .replace("ID", &format!("{minute}-{i}"))
            ));
        }
    }
    log.push_str(&ENV_41601.replace("ID", "untimed"));
    log.push('\n');
    log.push_str("no time ");
    log.push_str(&ENV_41601.replace("ID", "untimed-2"));
    log.push('\n');
    log
}

#[test]
fn golden_chart_at_two_widths() {
    for (width, name) in [
        ("100", "report-by-1m-100.txt"),
        ("40", "report-by-1m-40.txt"),
    ] {
        let by = "1m";
        let out = errcode()
            .args(["explain", "--summary", "--by", by, "--format", "table", "-"])
            .env("COLUMNS", width)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                child
                    .stdin
                    .take()
                    .unwrap()
                    .write_all(spike_log().as_bytes())?;
                child.wait_with_output()
            })
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        // The chart's rows fit the width, and so do the lines of words, wrapped.
        let rows: Vec<&str> = text.lines().filter(|l| l.contains('│')).collect();
        assert_eq!(rows.len(), 2, "{text}");
        let width: usize = width.parse().unwrap();
        assert!(
            text.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= width),
            "{text}"
        );
        golden(name, &text);
    }
}

#[test]
fn by_json_has_every_bucket_and_untimed_envelopes_as_null() {
    let rows = summary(&spike_log(), "UTC", &["--by", "1m"]);
    let spike: Vec<&Value> = rows.iter().filter(|r| r["code"] == 52502).collect();
    assert_eq!(spike.len(), 10);
    assert_eq!(spike[0]["bucket"], "2026-11-27T08:20:00Z");
    assert_eq!(spike[0]["count"], 3);
    let total: u64 = rows.iter().map(|r| r["count"].as_u64().unwrap()).sum();
    let untimed: Vec<&Value> = rows.iter().filter(|r| r["bucket"].is_null()).collect();
    assert_eq!((untimed.len(), untimed[0]["count"].clone()), (1, json!(2)));
    let lines = spike_log().lines().count() as u64;
    assert_eq!(total, lines);
    // Plain: bucket, code, count; `-` for no time.
    let out = run_with_input(
        &["explain", "--summary", "--by", "1h", "--format", "plain"],
        spike_log().as_bytes(),
    );
    assert!(
        parts(&out).1.starts_with("2026-11-27T08:00:00Z\t52502\t"),
        "{}",
        parts(&out).1
    );
    assert!(parts(&out).1.contains("-\t41601\t2\n"));
}

#[test]
fn by_is_bounded_and_checked() {
    // Two days in seconds: 172,800 buckets, more than 10,000.
    let log = format!(
        "2026-11-25T00:00:00Z {}\n2026-11-27T00:00:00Z {}\n",
        env("a"),
        env("b")
    );
    let out = run_with_input(&["explain", "--summary", "--by", "1s"], log.as_bytes());
    let (status, stdout, stderr) = parts(&out);
    assert_eq!((status, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "errcode: --by 1s: the times span 172801 buckets, more than 10000: give --by 18s or more\n"
    );
    let out = run_with_input(
        &["explain", "--summary", "--by", "18s", "--format", "json"],
        log.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    for args in [
        &["explain", "--by", "1h"][..],
        &["explain", "--summary", "--by", "1mo"],
        &["explain", "--summary", "--by", "0s"],
        &["explain", "--summary", "--by", "1h", "--group", "retry"],
        &["explain", "--summary", "--by", "1h", "--format", "github"],
    ] {
        assert_eq!(
            run_with_input(args, log.as_bytes()).status.code(),
            Some(2),
            "{args:?}"
        );
    }
}

#[test]
fn a_group_says_how_many_codes_it_holds_beyond_those_shown() {
    let mut log = String::new();
    for i in 0..30 {
        log.push_str(&format!(
            "{{\"RequestId\":\"r{i}\",\"Code\":0,\"StatusCode\":{},\"Message\":\"m\",\"Data\":\"\"}}\n",
            60000 + i
        ));
    }
    let (_, plain, _) = common::parts(&common::run_with_input(
        &[
            "explain",
            "--summary",
            "--group",
            "retry",
            "--format",
            "plain",
        ],
        log.as_bytes(),
    ));
    assert!(plain.trim_end().ends_with("60009,…(+20)"), "{plain}");
    let (_, json, _) = common::parts(&common::run_with_input(
        &[
            "explain",
            "--summary",
            "--group",
            "retry",
            "--format",
            "json",
        ],
        log.as_bytes(),
    ));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[0]["codes"].as_array().unwrap().len(), 10);
    assert_eq!(rows[0]["more_codes"], 20);
}

#[test]
fn plain_request_ids_keep_a_comma_inside_an_id_apart_from_the_separator() {
    let log = concat!(
        r#"{"RequestId":"a,b","Code":0,"StatusCode":41601,"Message":"m","Data":""}"#,
        "\n",
        r#"{"RequestId":"c\\d","Code":0,"StatusCode":41601,"Message":"m","Data":""}"#,
        "\n"
    );
    let (_, plain, _) = common::parts(&common::run_with_input(
        &["explain", "--summary", "--format", "plain"],
        log.as_bytes(),
    ));
    let ids = plain.split('\t').nth(8).unwrap();
    assert_eq!(ids, r"a\,b,c\\d", "{plain}");
}

/// Many successes and a few errors, a minute apart.
fn mostly_successes() -> String {
    let mut log = String::new();
    for minute in 0..10 {
        for i in 0..50 {
            log.push_str(&format!(
                "2026-11-27T08:{minute:02}:{:02}Z {}\n",
                i,
                ENV_41601
                    .replace("41601", "200")
                    .replace("ID", &format!("ok-{minute}-{i}"))
            ));
        }
        for i in 0..(minute % 3) {
            log.push_str(&format!(
                "2026-11-27T08:{minute:02}:{:02}Z {}\n",
                50 + i,
                ENV_41601.replace("ID", &format!("e-{minute}-{i}"))
            ));
        }
    }
    log
}

/// The chart of `log` at 80 columns with `args`.
fn chart(log: &str, args: &[&str]) -> String {
    let mut all = vec!["explain", "--summary", "--by", "1m", "--format", "table"];
    all.extend_from_slice(args);
    all.push("-");
    let out = errcode()
        .args(&all)
        .env("COLUMNS", "80")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(log.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The bars of `code`'s row.
fn bars<'t>(text: &'t str, code: &str) -> &'t str {
    let row = text
        .lines()
        .find(|l| l.contains(&format!("{code} │")) || l.contains(&format!("{code}\u{1b}[0m │")))
        .unwrap_or_else(|| panic!("{code}: {text}"));
    row.split('│').nth(1).unwrap()
}

#[test]
fn the_chart_is_scaled_by_errors_with_successes_muted() {
    let log = mostly_successes();
    for lang in ["en", "zh"] {
        let text = chart(&log, &["--lang", lang]);
        // The errors' busiest minute (2 errors) is a full bar, not an eighth of 50 successes.
        let errors = bars(&text, "41601");
        assert_eq!(errors.chars().filter(|&c| c == '█').count(), 3, "{text}");
        assert!(errors.contains('▄'), "{text}");
        // The same bars as with --errors, where successes are not counted at all.
        let only = chart(&log, &["--errors", "--lang", lang]);
        assert_eq!(bars(&only, "41601"), errors.trim_matches('·'), "{only}");
        assert!(!only.contains(" 200 │"), "{only}");
        // Successes are drawn to that scale: full bars.
        assert!(bars(&text, "200").chars().all(|c| c == '█'), "{text}");
        let said = match lang {
            "en" => "scaled by errors; successes muted, █ at 2 or more",
            _ => "按错误缩放；成功以暗色显示，达到或超过 2 为 █",
        };
        assert!(text.contains(said), "{text}");
        assert!(!only.contains(said), "{only}");
    }
    // Muted: the success row is dim, the error row is not.
    let text = chart(&log, &["--color", "always"]);
    let dim = "\u{1b}[2m";
    let success = text.lines().find(|l| l.contains("200")).unwrap();
    let error = text.lines().find(|l| l.contains("41601")).unwrap();
    assert!(success.contains(dim), "{success:?}");
    assert!(!error.contains(dim), "{error:?}");
    // Successes alone are their own scale.
    let successes: String = log
        .lines()
        .filter(|l| l.contains("ok-"))
        .map(|l| format!("{l}\n"))
        .collect();
    let text = chart(&successes, &[]);
    assert!(!text.contains("scaled by errors"), "{text}");
    assert!(bars(&text, "200").chars().all(|c| c == '█'), "{text}");
}

#[test]
fn github_and_markdown_carry_the_hint_and_say_which_http_status_they_show() {
    let log = concat!(
        r#"{"RequestId":"r-1","Code":0,"StatusCode":52502,"Message":"Error accessing Redis","Data":""}"#,
        "\n",
        r#"{"Response":{"Error":{"Code":"InvalidParameterValue.IllegalName","Message":"bad name"},"RequestId":"v-1"}}"#,
        "\n",
    );
    let out = run_with_input(&["explain", "--format", "github"], log.as_bytes());
    let lines: Vec<String> = parts(&out).1.lines().map(str::to_string).collect();
    assert_eq!(
        lines[0],
        "::error title=errcode 52502::Error accessing Redis · hint: A transient cache failure on the server: retry with exponential backoff and jitter. (HTTP 456 expected; RequestId r-1)"
    );
    assert!(
        lines[1].contains(
            " · hint: Keep the name to Chinese characters, English letters, digits, _ and -."
        ),
        "{lines:?}"
    );
    let out = run_with_input(&["explain", "--format", "markdown"], log.as_bytes());
    let stdout = parts(&out).1;
    let rows: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        rows[0],
        "| File | Line | Code | Verdict | RequestId | Meaning | HTTP | Hint |"
    );
    assert!(rows[2].ends_with(" | 456 expected | A transient cache failure on the server: retry with exponential backoff and jitter. |"), "{stdout}");
    // A Markdown character in the hint is escaped in its cell.
    assert!(rows[3].ends_with(", digits, \\_ and -. |"), "{stdout}");
    // In Chinese, the words and the hint are Chinese.
    let out = run_with_input(
        &["explain", "--format", "github", "--lang", "zh"],
        log.as_bytes(),
    );
    let zh = parts(&out).1;
    assert!(
        zh.contains(" · 建议：") && zh.contains("（预期 HTTP 456；RequestId r-1）"),
        "{zh}"
    );
}

#[test]
fn a_hint_from_a_user_table_cannot_start_a_workflow_command_or_markup() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("t.json");
    std::fs::write(
        &table,
        r#"[{"code": 60001, "http_status": 500, "message": "自定义", "category": "gateway", "retry": "backoff", "hint": "100% sure\n::warning::forged | <b>[x](y)</b>"}]"#,
    )
    .unwrap();
    let log = br#"{"RequestId":"r","Code":500,"StatusCode":60001,"Message":"x","Data":""}"#;
    let mut github = errcode();
    github
        .arg("--table")
        .arg(&table)
        .args(["explain", "--format", "github"]);
    let stdout = parts(&common::output_with_input(github, log)).1;
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.contains(" · hint: 100%25 sure\\n::warning::forged | <b>[x](y)</b> (HTTP 500 expected; RequestId r)"),
        "{stdout}"
    );
    let mut markdown = errcode();
    markdown
        .arg("--table")
        .arg(&table)
        .args(["explain", "--format", "markdown"]);
    let stdout = parts(&common::output_with_input(markdown, log)).1;
    assert!(
        stdout.ends_with("| 500 expected | 100% sure\\\\n::warning::forged \\| &lt;b&gt;\\[x\\](y)&lt;/b&gt; |\n"),
        "{stdout}"
    );
}

#[test]
fn a_diffs_new_error_carries_its_hint_and_a_change_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (before, after) = (dir.path().join("a.log"), dir.path().join("b.log"));
    let one =
        "{\"RequestId\":\"a\",\"Code\":500,\"StatusCode\":41601,\"Message\":\"x\",\"Data\":\"\"}\n";
    std::fs::write(&before, one).unwrap();
    std::fs::write(&after, one.replace("41601", "52502") + one).unwrap();
    let out = errcode()
        .args(["explain", "--format", "github", "--diff"])
        .args([&before, &after])
        .output()
        .unwrap();
    let stdout = parts(&out).1;
    let new = stdout
        .lines()
        .find(|l| l.starts_with("::error title=errcode 52502::"));
    assert!(
        new.is_some_and(|l| l.ends_with(" · hint: A transient cache failure on the server: retry with exponential backoff and jitter.")),
        "{stdout}"
    );
    let same = stdout.lines().find(|l| l.contains("errcode 41601"));
    assert!(same.is_some_and(|l| !l.contains("hint")), "{stdout}");
}
