//! The incident report: `explain --summary` rows with category, retry class, first and last
//! seen (from line prefixes and structured records, never from inside the envelope) and sample
//! RequestIds, from files and stdin, on the sequential and the parallel path.

use crate::common;
use crate::common::{errcode, golden, parts, run_with_input};
use crate::report_support::*;
use serde_json::{json, Value};

#[test]
fn rows_gain_category_retry_times_and_request_ids_from_prefixed_lines() {
    let log = [
        format!("2026-11-27T08:00:09Z ERROR resp={}", env("r-1")),
        format!("[2026-11-27 08:00:01] ERROR gateway: {}", env("r-2")),
        format!("2026/11/27 08:00:05 client: {}", env("r-3")),
        format!("2026-11-27T16:00:30.250+08:00 ERROR {}", env("r-4")),
        format!("no time here {}", env("r-1")),
        r#"2026-11-27T08:00:03Z INFO {"RequestId":"ok-1","Code":0,"StatusCode":200,"Message":"ok","Data":""}"#.to_string(),
    ]
    .join("\n");
    let rows = summary(&log, "UTC", &[]);
    let r = row(&rows, json!(41601));
    assert_eq!(r["count"], 5);
    assert_eq!(r["category"], "auth");
    assert_eq!(r["retry"], "after-fix");
    assert_eq!(r["first_seen"], "2026-11-27T08:00:01Z");
    assert_eq!(r["last_seen"], "2026-11-27T08:00:30.25Z");
    // Up to three, distinct, in input order.
    assert_eq!(r["request_ids"], json!(["r-1", "r-2", "r-3"]));
    let ok = row(&rows, json!(200));
    assert_eq!(
        (&ok["category"], &ok["retry"]),
        (&json!("success"), &Value::Null)
    );
    assert_eq!(ok["first_seen"], "2026-11-27T08:00:03Z");
    // Existing fields keep their names.
    for key in [
        "api",
        "code",
        "count",
        "share",
        "http_status",
        "message",
        "message_en",
    ] {
        assert!(r.get(key).is_some(), "{key} is gone");
    }
}

#[test]
fn zone_less_times_are_read_in_the_local_zone() {
    let log = [
        format!("[2026-11-27 16:00:01] ERROR {}", env("a")),
        format!("2026/11/27 16:10:00 client: {}", env("b")),
        // A time with its zone is not moved by TZ.
        format!("2026-11-27T08:30:00Z {}", env("c")),
    ]
    .join("\n");
    let r = summary(&log, "Asia/Shanghai", &[])[0].clone();
    assert_eq!(r["first_seen"], "2026-11-27T08:00:01Z");
    assert_eq!(r["last_seen"], "2026-11-27T08:30:00Z");
    let r = summary(&log, "UTC", &[])[0].clone();
    assert_eq!(r["first_seen"], "2026-11-27T08:30:00Z");
    assert_eq!(r["last_seen"], "2026-11-27T16:10:00Z");
    // A POSIX TZ string works too.
    let r = summary(&log, "CST-8", &[])[0].clone();
    assert_eq!(r["first_seen"], "2026-11-27T08:00:01Z");
}

#[test]
fn structured_records_give_their_own_time_fields() {
    let log = [
        // zap: epoch seconds with a fraction.
        format!(r#"{{"level":"error","ts":1795766401.5,"msg":"call","response":{}}}"#, env("z")),
        // pino: epoch milliseconds.
        format!(r#"{{"level":50,"time":1795766402000,"resp":{}}}"#, env("p")),
        // slog: RFC 3339 with a zone.
        format!(r#"{{"time":"2026-11-27T16:00:03+08:00","level":"ERROR","resp":{}}}"#, env("s")),
        // Elastic.
        format!(r#"{{"@timestamp":"2026-11-27T08:00:04.000Z","resp":{}}}"#, env("e")),
        // The envelope inside a string of the record.
        format!(r#"{{"ts":1795766405,"body":{}}}"#, serde_json::to_string(&env("j")).unwrap()),
        // zap's fields: the record is the envelope, whose members hold no time.
        r#"{"level":"error","ts":1795766406,"RequestId":"f","Code":0,"StatusCode":41601,"Message":"x","Data":""}"#.to_string(),
    ]
    .join("\n");
    let rows = summary(&log, "UTC", &[]);
    let r = row(&rows, json!(41601));
    assert_eq!(r["count"], 6);
    assert_eq!(r["first_seen"], "2026-11-27T08:00:01.5Z");
    assert_eq!(r["last_seen"], "2026-11-27T08:00:05Z");
}

#[test]
fn never_a_time_from_inside_the_envelope_and_null_without_one() {
    let log = [
        // A date in the Message and a time in Data: the envelope's, not the line's.
        r#"ERROR {"RequestId":"a","Code":0,"StatusCode":41601,"Message":"expired at 2026-11-27 08:00:01","Data":{"ts":1795766401,"time":"2026-11-27T08:00:01Z"}}"#,
        // A record whose time field is no time.
        r#"{"ts":"yesterday","resp":{"RequestId":"b","Code":0,"StatusCode":41601,"Message":"","Data":""}}"#,
        r#"{"time":true,"resp":{"RequestId":"c","Code":0,"StatusCode":41601,"Message":"","Data":""}}"#,
        // A date after the envelope.
        r#"{"RequestId":"d","Code":0,"StatusCode":41601,"Message":"","Data":""} logged 2026-11-27T08:00:01Z"#,
    ]
    .join("\n");
    let r = summary(&log, "UTC", &[])[0].clone();
    assert_eq!(r["count"], 4);
    assert_eq!(r["first_seen"], Value::Null);
    assert_eq!(r["last_seen"], Value::Null);
    assert_eq!(r["request_ids"], json!(["a", "b", "c"]));
}

#[test]
fn curl_i_output_has_no_log_time() {
    let input = "HTTP/1.1 456 Unknown\r\nContent-Type: application/json\r\nDate: Fri, 27 Nov 2026 08:00:01 GMT\r\n\r\n{\"RequestId\":\"h-1\",\"Code\":500,\"StatusCode\":52502,\"Message\":\"访问 Redis 错误\",\"Data\":\"\"}\r\n";
    let r = summary(input, "UTC", &[])[0].clone();
    assert_eq!(r["code"], 52502);
    assert_eq!(r["retry"], "backoff");
    assert_eq!(r["category"], "internal");
    assert_eq!(r["first_seen"], Value::Null);
    assert_eq!(r["request_ids"], json!(["h-1"]));
}

#[test]
fn api_v3_rows_and_sdk_strings_get_times_and_ids() {
    let log = [
        r#"2026-11-27T08:00:01Z ERROR {"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"expired"},"RequestId":"v3-1"}}"#,
        "2026-11-27T08:00:02Z ERROR [TencentCloudSDKException]code:AuthFailure.SignatureExpire message:expired requestId:v3-2",
    ]
    .join("\n");
    let rows = summary(&log, "UTC", &[]);
    let r = row(&rows, json!("AuthFailure.SignatureExpire"));
    assert_eq!(r["count"], 2);
    assert_eq!(r["first_seen"], "2026-11-27T08:00:01Z");
    assert_eq!(r["last_seen"], "2026-11-27T08:00:02Z");
    assert_eq!(r["request_ids"], json!(["v3-1", "v3-2"]));
}

#[test]
fn hostile_request_ids_are_escaped_and_bounded() {
    let id = format!("\u{1b}]52;c;evil\u{7}\u{1b}[2J{}", "x".repeat(500));
    let line = format!(
        "2026-11-27T08:00:01Z {{\"RequestId\":{},\"Code\":0,\"StatusCode\":41601,\"Message\":\"\",\"Data\":\"\"}}\n",
        serde_json::to_string(&id).unwrap()
    );
    for format in ["table", "plain", "json"] {
        let out = run_with_input(
            &["explain", "--summary", "--format", format],
            line.as_bytes(),
        );
        let (status, stdout, _) = parts(&out);
        assert_eq!(status, 0);
        assert!(
            !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
            "{format}: {stdout:?}"
        );
        assert!(stdout.len() < 2000, "{format}: the RequestId is not cut");
    }
    let out = run_with_input(
        &["explain", "--summary", "--format", "json"],
        line.as_bytes(),
    );
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let kept = rows[0]["request_ids"][0].as_str().unwrap();
    assert_eq!(kept.chars().count(), 65, "64 characters and …");
}

#[test]
fn the_parallel_path_gives_what_the_sequential_path_gives() {
    // Over 16 MiB: read in parts on several threads from a file, in one pass from stdin.
    let mut log = String::new();
    let mut i = 0u64;
    while log.len() < 20 << 20 {
        let code = [41601, 52502, 200, 51603][(i % 4) as usize];
        let second = (i * 7919) % 86_400;
        let line = match i % 3 {
            0 => format!(
                "2026-11-27T{:02}:{:02}:{:02}Z ERROR {{\"RequestId\":\"r-{i}\",\"Code\":0,\"StatusCode\":{code},\"Message\":\"\",\"Data\":\"\"}}\n",
                second / 3600,
                second / 60 % 60,
                second % 60
            ),
            1 => format!(
                "{{\"ts\":{}.{:03},\"resp\":{{\"RequestId\":\"r-{i}\",\"Code\":0,\"StatusCode\":{code},\"Message\":\"\",\"Data\":\"\"}}}}\n",
                1_795_737_600 + second,
                i % 1000
            ),
            _ => format!(
                "{{\"RequestId\":\"r-{i}\",\"Code\":0,\"StatusCode\":{code},\"Message\":\"\",\"Data\":\"\"}}\n"
            ),
        };
        log.push_str(&line);
        i += 1;
    }
    // Per hour too: the parts' buckets merge as one pass counts them.
    let hourly = summary(&log, "UTC", &["--by", "1h"]);
    assert_eq!(hourly.iter().filter(|r| r["bucket"].is_null()).count(), 4);
    assert_eq!(hourly.len(), 4 * 25);
    let rows = summary(&log, "UTC", &[]);
    assert_eq!(rows.len(), 4);
    for r in &rows {
        assert!(
            r["first_seen"].as_str().unwrap() < "2026-11-27T00:01:00Z",
            "{r}"
        );
        assert!(
            r["last_seen"].as_str().unwrap() > "2026-11-27T23:59:00Z",
            "{r}"
        );
        assert_eq!(r["request_ids"].as_array().unwrap().len(), 3);
    }
}

#[test]
fn golden_summary_table_with_times() {
    let out = errcode()
        .args(["explain", "--summary", "--format", "table"])
        .arg(common::fixture("explain/app.log"))
        .env("TZ", "Asia/Shanghai")
        .output()
        .unwrap();
    let (status, stdout, _) = parts(&out);
    assert_eq!(status, 0);
    golden("report-summary-shanghai.txt", &stdout);
}

#[test]
fn the_human_summary_ends_with_the_shares_of_errors_by_retry_class_and_category() {
    let out = run_with_input(
        &["explain", "--summary", "--format", "table"],
        incident_log().as_bytes(),
    );
    let (status, stdout, stderr) = parts(&out);
    assert_eq!(status, 0);
    assert!(
        stdout.ends_with(&format!("110 envelopes, 100 errors\n{SHARES}")),
        "{stdout}"
    );
    assert_eq!(stderr, "");
    // In a pipe: on stderr, with the totals; stdout keeps only rows.
    for format in ["plain", "json"] {
        let out = run_with_input(
            &["explain", "--summary", "--format", format],
            incident_log().as_bytes(),
        );
        let (_, stdout, stderr) = parts(&out);
        assert_eq!(stderr, format!("110 envelopes, 100 errors\n{SHARES}"));
        assert!(!stdout.contains("errors by"), "{stdout}");
    }
    // Codes the table does not class are "unknown"; no errors, no shares.
    let unknown =
        "{\"RequestId\":\"u\",\"Code\":0,\"StatusCode\":49999,\"Message\":\"\",\"Data\":\"\"}\n";
    let out = run_with_input(
        &["explain", "--summary", "--format", "plain"],
        unknown.as_bytes(),
    );
    assert_eq!(
        parts(&out).2,
        "1 envelope, 1 error\nerrors by retry class: 100% unknown (not in the table)\nerrors by category: 100% unknown\n"
    );
    let ok = "{\"RequestId\":\"o\",\"Code\":0,\"StatusCode\":200,\"Message\":\"\",\"Data\":\"\"}\n";
    let out = run_with_input(
        &["explain", "--summary", "--format", "plain"],
        ok.as_bytes(),
    );
    assert_eq!(parts(&out).2, "1 envelope, 0 errors\n");
    // In Chinese.
    let out = run_with_input(
        &["explain", "--summary", "--format", "plain", "--lang", "zh"],
        incident_log().as_bytes(),
    );
    assert!(
        parts(&out)
            .2
            .contains("错误按重试分类：62% 退避重试（暂时性故障：退避后重试）"),
        "{}",
        parts(&out).2
    );
}

#[test]
fn group_summarises_by_category_or_retry_class() {
    let rows = summary(&incident_log(), "UTC", &["--group", "retry"]);
    let view: Vec<(Value, Value, Value, Value)> = rows
        .iter()
        .map(|r| {
            (
                r["retry"].clone(),
                r["count"].clone(),
                r["errors"].clone(),
                r["codes"].clone(),
            )
        })
        .collect();
    assert_eq!(
        view,
        [
            (json!("backoff"), json!(62), json!(62), json!([52502])),
            (json!("after-fix"), json!(30), json!(30), json!([41601])),
            (json!("never"), json!(8), json!(8), json!([40001])),
            (json!("success"), json!(10), json!(0), json!([200])),
        ]
    );
    assert_eq!(rows[0]["first_seen"], "2026-11-27T08:00:00Z");
    assert_eq!(rows[0]["last_seen"], "2026-11-27T08:59:00Z");
    assert_eq!(
        rows[0]["request_ids"],
        json!(["52502-0", "52502-1", "52502-2"])
    );
    let rows = summary(&incident_log(), "UTC", &["--group", "category"]);
    let names: Vec<&str> = rows
        .iter()
        .map(|r| r["category"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["internal", "auth", "parameter", "success"]);
    assert!(rows.iter().all(|r| r.get("retry").is_none()));
    // Plain: one line a group.
    let out = run_with_input(
        &[
            "explain",
            "--summary",
            "--group",
            "category",
            "--format",
            "plain",
        ],
        incident_log().as_bytes(),
    );
    assert_eq!(
        parts(&out).1.lines().next().unwrap(),
        "internal\t62\t56.36%\t62\t2026-11-27T08:00:00Z\t2026-11-27T08:59:00Z\t52502"
    );
    // --group without --summary, or a group that is none: usage errors.
    let out = run_with_input(&["explain", "--group", "retry"], incident_log().as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let out = run_with_input(
        &["explain", "--summary", "--group", "code"],
        incident_log().as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn golden_group_retry_table() {
    let out = run_with_input(
        &[
            "explain",
            "--summary",
            "--group",
            "retry",
            "--format",
            "table",
        ],
        incident_log().as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    golden("report-group-retry.txt", &parts(&out).1);
}

#[test]
fn a_count_of_one_is_singular() {
    let one = "2026-11-27T08:00:00Z {\"RequestId\":\"a\",\"Code\":0,\"StatusCode\":41601}\n";
    let stderr = |args: &[&str], input: &str| parts(&run_with_input(args, input.as_bytes())).2;
    let stdout = |args: &[&str], input: &str| parts(&run_with_input(args, input.as_bytes())).1;
    let summary = ["explain", "--summary", "--format", "plain"];
    assert_eq!(stderr(&summary, one), "1 envelope, 1 error\nerrors by retry class: 100% after-fix (fix the cause, then retry)\nerrors by category: 100% auth\n");
    let two = one.repeat(2);
    assert!(stderr(&summary, &two).starts_with("2 envelopes, 2 errors\n"));
    // In Chinese, a count needs no other form.
    let zh = ["--lang", "zh", "explain", "--summary", "--format", "plain"];
    assert!(stderr(&zh, one).starts_with("共 1 个响应，1 个错误\n"));
    // GitHub notices, per code and per group.
    let github = ["explain", "--summary", "--format", "github"];
    assert!(
        stdout(&github, one).contains("::1 envelope (100.00%25, "),
        "{}",
        stdout(&github, one)
    );
    let groups = [
        "explain",
        "--summary",
        "--group",
        "retry",
        "--format",
        "github",
    ];
    assert!(
        stdout(&groups, one).contains("::1 envelope (100.00%25), 1 error: 41601"),
        "{}",
        stdout(&groups, one)
    );
    // A diff's totals and notices.
    let dir = tempfile::tempdir().unwrap();
    let (before, after) = (dir.path().join("a.log"), dir.path().join("b.log"));
    std::fs::write(&before, one).unwrap();
    std::fs::write(&after, one.replace("41601", "52502") + one).unwrap();
    let out = errcode()
        .args(["explain", "--format", "github", "--diff"])
        .args([&before, &after])
        .output()
        .unwrap();
    let (_, notices, totals) = parts(&out);
    assert!(
        notices.contains("::new: 1 envelope, none before: "),
        "{notices}"
    );
    assert!(
        notices.contains("::1 envelope, 1 before (0): "),
        "{notices}"
    );
    assert_eq!(
        totals,
        "before: 1 envelope, 1 error; after: 2 envelopes, 2 errors\n"
    );
    // The chart's envelopes without a time.
    let untimed = format!("{one}{{\"RequestId\":\"b\",\"Code\":0,\"StatusCode\":41601}}\n");
    let chart = stdout(
        &["explain", "--summary", "--by", "1m", "--format", "table"],
        &untimed,
    );
    assert!(
        chart.contains("1 envelope without a time is not charted"),
        "{chart}"
    );
    // One warning past the twenty told, and one row past the thousand a terminal table shows.
    let broken = "{\"RequestId\":\"x\",\"StatusCode\":41601\n{\"StatusCode\":41601}\n".repeat(21);
    let warned = stderr(&["explain", "--format", "plain"], &broken);
    assert!(
        warned.contains("errcode: 1 more problem not shown\n"),
        "{warned}"
    );
    let rows: String = (0..1001)
        .map(|i| format!("{{\"StatusCode\":{},\"Code\":0}}\n", 60000 + i))
        .collect();
    let table = stdout(&["explain", "--summary", "--format", "table"], &rows);
    assert!(
        table.contains("… and 1 more row: --format plain or json lists every row"),
        "{}",
        &table[table.len() - 300..]
    );
}
