//! What the incident report's tests share: the summary of an input read from a file and from
//! stdin, an envelope of 41601, and an incident log.
#![allow(dead_code)]

use crate::common::{errcode, parts};
use serde_json::Value;
use std::io::Write;

/// `explain --summary --format json` of `input`, read from a file and from stdin (with `TZ`
/// set to `tz`): the two must agree; the rows, keyed by code.
pub fn summary(input: &str, tz: &str, extra: &[&str]) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.log");
    std::fs::write(&path, input).unwrap();
    let mut args = vec!["explain", "--summary", "--format", "json"];
    args.extend(extra);
    let from_file = errcode()
        .args(&args)
        .arg(&path)
        .env("TZ", tz)
        .output()
        .unwrap();
    let from_stdin = {
        let mut child = errcode()
            .args(&args)
            .env("TZ", tz)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let (status, out, err) = parts(&from_file);
    assert_eq!(status, 0, "{err}");
    assert_eq!(parts(&from_stdin).1, out, "file and stdin differ");
    serde_json::from_str(&out).unwrap()
}

pub fn row(rows: &[Value], code: Value) -> &Value {
    rows.iter()
        .find(|r| r["code"] == code)
        .unwrap_or_else(|| panic!("no row for {code} in {rows:?}"))
}

pub const ENV_41601: &str = r#"{"RequestId":"ID","Code":0,"StatusCode":41601,"Message":"Token 已过期，请重新生成 Token","Data":""}"#;

pub fn env(id: &str) -> String {
    ENV_41601.replace("ID", id)
}

/// 62 errors that ask for backoff, 30 for a fix, 8 that no retry helps, and 10 successes.
pub fn incident_log() -> String {
    let mut log = String::new();
    for (code, n) in [(52502, 62), (41601, 30), (40001, 8), (200, 10)] {
        for i in 0..n {
            log.push_str(&format!(
                "2026-11-27T08:{:02}:00Z ERROR {{\"RequestId\":\"{code}-{i}\",\"Code\":0,\"StatusCode\":{code},\"Message\":\"\",\"Data\":\"\"}}\n",
                i % 60
            ));
        }
    }
    log
}

pub const SHARES: &str = "errors by retry class: 62% backoff (transient: retry with backoff), 30% after-fix (fix the cause, then retry), 8% never (fix the request: a retry cannot succeed)\nerrors by category: 62% internal, 30% auth, 8% parameter\n";
