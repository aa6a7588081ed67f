//! HTTP answers that are no envelopes, verdicts kept apart in --diff, API 3.0 successes and
//! codes in any case.

use crate::common::{parts, run, run_with_input};

const GATEWAY: &[u8] = b"HTTP/1.1 502 Bad Gateway\r\nServer: nginx\r\nContent-Type: text/html\r\n\r\n<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

const SUCCESS: &str =
    r#"{"RequestId":"r1","Code":0,"StatusCode":200,"Message":"请求成功","Data":{}}"#;

fn file(dir: &tempfile::TempDir, name: &str, text: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn a_gateway_page_is_an_error_with_its_status() {
    let (code, out, err) = parts(&run_with_input(&["explain", "--color", "never"], GATEWAY));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("✘ error HTTP 502 Bad Gateway · <stdin>:1"),
        "{out}"
    );
    assert!(
        out.contains("the gateway or proxy answered, not the API"),
        "{out}"
    );
    // The page is the finding's body, not lines passed over.
    assert!(!err.contains("no JSON object"), "{err}");
    let (code, out, _) = parts(&run_with_input(&["explain", "--check"], GATEWAY));
    assert_eq!(code, 1, "{out}");
}

#[test]
fn a_gateway_page_in_json_has_api_http_and_no_code() {
    let (code, out, err) = parts(&run_with_input(&["explain", "--format", "json"], GATEWAY));
    assert_eq!(code, 0, "{err}");
    let line: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let a = &line["annotation"];
    assert_eq!(a["api"], "http");
    assert_eq!(a["verdict"], "error");
    assert!(a["code"].is_null() && a["status_code"].is_null());
    assert_eq!(a["observed_http_status"], 502);
    assert_eq!(a["http"]["status_line"], "HTTP/1.1 502 Bad Gateway");
}

#[test]
fn a_gateway_page_is_a_summary_row_of_its_status() {
    let mut input = GATEWAY.to_vec();
    input.extend_from_slice(GATEWAY);
    let (code, out, err) = parts(&run_with_input(
        &["explain", "--summary", "--format", "plain"],
        &input,
    ));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("2\t100.00%\tHTTP 502\t502\t"), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
    let (_, out, _) = parts(&run_with_input(
        &["explain", "--summary", "--format", "json"],
        &input,
    ));
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows[0]["api"], "http");
    assert!(rows[0]["code"].is_null());
    assert_eq!(rows[0]["http_status"], 502);
    let (code, _, _) = parts(&run_with_input(
        &["explain", "--summary", "--check"],
        &input,
    ));
    assert_eq!(code, 1);
}

#[test]
fn every_format_names_the_status() {
    for (format, want) in [
        ("plain", "HTTP 502 Bad Gateway"),
        ("table", "HTTP 502 Bad Gateway"),
        ("github", "title=errcode HTTP 502 Bad Gateway"),
        ("markdown", "| HTTP 502 Bad Gateway |"),
    ] {
        let (code, out, err) = parts(&run_with_input(&["explain", "--format", format], GATEWAY));
        assert_eq!(code, 0, "{format}: {err}");
        assert!(out.contains(want), "{format}: {out}");
    }
    let (_, out, _) = parts(&run_with_input(
        &["explain", "--lang", "zh", "--color", "never"],
        GATEWAY,
    ));
    assert!(out.contains("✘ 错误 HTTP 502 Bad Gateway"), "{out}");
    assert!(out.contains("网关或代理"), "{out}");
}

#[test]
fn a_4xx_with_no_body_is_an_error() {
    let input = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
    let (code, out, err) = parts(&run_with_input(&["explain", "--check"], input));
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("HTTP 404 Not Found"), "{out}");
}

#[test]
fn a_proxy_connect_or_a_redirect_before_the_real_answer_is_no_finding() {
    for before in [
        "HTTP/1.1 200 Connection established\r\n\r\n",
        "HTTP/1.1 301 Moved Permanently\r\nLocation: https://example.com/\r\n\r\n",
    ] {
        let input = format!(
            "{before}HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{SUCCESS}\r\n"
        );
        let (code, out, err) = parts(&run_with_input(&["explain", "--check"], input.as_bytes()));
        assert_eq!(code, 0, "{before}: {err}");
        let successes = out.lines().filter(|l| l.starts_with('✔')).count();
        assert_eq!(successes, 1, "{before}: {out}");
        assert!(!err.contains("no body"), "{before}: {err}");
    }
}

#[test]
fn a_100_continue_then_the_answer() {
    let input = format!("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n{SUCCESS}\n");
    let (code, out, err) = parts(&run_with_input(&["explain", "--check"], input.as_bytes()));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("✔ success 200"), "{out}");
    assert!(!err.contains("no body"), "{err}");
}

#[test]
fn a_2xx_with_no_body_stays_a_warning() {
    let input = format!("HTTP/1.1 200 OK\r\n\r\n\n{SUCCESS}\nHTTP/1.1 204 No Content\r\n\r\n");
    let (code, _, err) = parts(&run_with_input(&["explain", "--check"], input.as_bytes()));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("204"), "{err}");
}

#[test]
fn diff_fails_on_errors_under_a_code_seen_only_as_a_success() {
    let dir = tempfile::tempdir().unwrap();
    let before = file(&dir, "before.log", format!("{SUCCESS}\n").as_bytes());
    let after = file(
        &dir,
        "after.log",
        format!(
            "{SUCCESS}\n{}\n",
            r#"{"RequestId":"r2","Code":500,"StatusCode":200,"Message":"请求成功","Data":null}"#
        )
        .as_bytes(),
    );
    let (code, out, err) = parts(&run(&[
        "explain", "--diff", &before, &after, "--check", "--format", "json",
    ]));
    assert_eq!(code, 1, "{out}{err}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().unwrap();
    let error = rows.iter().find(|r| r["verdict"] == "error").unwrap();
    assert_eq!(
        (
            error["code"].as_i64(),
            error["before"].as_u64(),
            error["after"].as_u64()
        ),
        (Some(200), Some(0), Some(1))
    );
    let success = rows.iter().find(|r| r["verdict"] == "success").unwrap();
    assert_eq!(
        (success["before"].as_u64(), success["after"].as_u64()),
        (Some(1), Some(1))
    );
    // Plain output appends the verdict as its last column.
    let (_, out, _) = parts(&run(&[
        "explain", "--diff", &before, &after, "--format", "plain",
    ]));
    assert!(
        out.lines()
            .any(|l| l.starts_with("200\t0\t1\t+1\tnew\t") && l.ends_with("\terror")),
        "{out}"
    );
}

#[test]
fn diff_fails_on_a_gateway_status_new_after() {
    let dir = tempfile::tempdir().unwrap();
    let before = file(&dir, "before.log", format!("{SUCCESS}\n").as_bytes());
    let mut text = format!("{SUCCESS}\n").into_bytes();
    text.extend_from_slice(GATEWAY);
    let after = file(&dir, "after.log", &text);
    let (code, out, err) = parts(&run(&[
        "explain", "--diff", &before, &after, "--check", "--format", "plain",
    ]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("HTTP 502\t0\t1\t+1\tnew\t")),
        "{out}"
    );
}

#[test]
fn an_api_3_success_is_labelled_a_success() {
    let input = br#"{"Response":{"RequestId":"x"}}"#;
    let (_, out, _) = parts(&run_with_input(
        &["explain", "--summary", "--format", "plain"],
        input,
    ));
    assert!(
        out.contains("\tsuccess\t") && !out.contains("not in the table"),
        "{out}"
    );
    let (_, out, _) = parts(&run_with_input(
        &[
            "explain",
            "--summary",
            "--group",
            "category",
            "--format",
            "plain",
        ],
        input,
    ));
    assert!(
        out.starts_with("success\t") && !out.contains("unknown"),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    let before = file(&dir, "before.log", input);
    let after = file(&dir, "after.log", input);
    let (code, out, _) = parts(&run(&[
        "explain", "--diff", &before, &after, "--check", "--format", "plain",
    ]));
    assert_eq!(code, 0, "{out}");
    assert!(
        !out.contains("new")
            && out.contains("Request succeeded")
            && out.trim_end().ends_with("success"),
        "{out}"
    );
}

#[test]
fn an_error_under_a_success_code_says_what_the_contradiction_means() {
    let input = r#"{"RequestId":"a","Code":500,"StatusCode":200,"Message":"请求成功","Data":null}"#
        .as_bytes();
    let (_, out, _) = parts(&run_with_input(&["explain", "--color", "never"], input));
    assert!(!out.contains("Nothing to fix"), "{out}");
    assert!(
        out.contains("Code 500 says the server failed even though StatusCode 200 says"),
        "{out}"
    );
    let (_, out, _) = parts(&run_with_input(&["explain", "--format", "json"], input));
    assert!(
        !out.contains("Nothing to fix") && out.contains("treat it as a server error"),
        "{out}"
    );
    let (_, out, err) = parts(&run_with_input(
        &["explain", "--summary", "--format", "plain"],
        input,
    ));
    assert!(
        err.contains("errors by retry class: 100% backoff"),
        "{out}{err}"
    );
    assert!(!err.contains("success ("), "{err}");
}

#[test]
fn an_api_3_code_is_one_row_whatever_its_case() {
    let input = [
        r#"{"Response":{"Error":{"Code":"InternalError","Message":"m"},"RequestId":"a"}}"#,
        r#"{"Response":{"Error":{"Code":"internalerror","Message":"m"},"RequestId":"b"}}"#,
        r#"{"Response":{"Error":{"Code":"INTERNALERROR","Message":"m"},"RequestId":"c"}}"#,
        r#"{"Response":{"Error":{"Code":"Custom.Thing","Message":"m"},"RequestId":"d"}}"#,
        r#"{"Response":{"Error":{"Code":"CUSTOM.THING","Message":"m"},"RequestId":"e"}}"#,
    ]
    .join("\n");
    let (_, out, _) = parts(&run_with_input(
        &["explain", "--summary", "--format", "plain"],
        input.as_bytes(),
    ));
    let codes: Vec<&str> = out.lines().map(|l| l.split('\t').nth(2).unwrap()).collect();
    assert_eq!(codes, ["InternalError", "Custom.Thing"], "{out}");
    let dir = tempfile::tempdir().unwrap();
    let before = file(
        &dir,
        "before.log",
        br#"{"Response":{"Error":{"Code":"internalerror","Message":"m"},"RequestId":"a"}}"#,
    );
    let after = file(
        &dir,
        "after.log",
        br#"{"Response":{"Error":{"Code":"INTERNALERROR","Message":"m"},"RequestId":"a"}}"#,
    );
    let (code, out, _) = parts(&run(&[
        "explain", "--diff", &before, &after, "--check", "--format", "plain",
    ]));
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
}
