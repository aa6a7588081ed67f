//! The SDKs' own client-side codes (`ClientError.NetworkError`, Python's `ClientNetworkError`…):
//! no answer of the API came with them, so they have no HTTP status, and explain shows none.

use crate::common::{parts, run, run_with_input};

fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// The codes of the API 3.0 table whose source is `sdk-client`.
fn client_codes() -> Vec<String> {
    let (status, stdout, _) = parts(&run(&["list", "--api", "v3", "--format", "json"]));
    assert_eq!(status, 0);
    let rows = json(&stdout);
    let rows = rows.as_array().unwrap();
    let v3: serde_json::Value =
        serde_json::from_str(include_str!("../../src/table/v3.json")).unwrap();
    let codes: Vec<String> = v3
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["source"] == "sdk-client")
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect();
    assert!(!codes.is_empty());
    // `list --format json` prints every one of them.
    for code in &codes {
        assert!(rows.iter().any(|r| r["code"] == code.as_str()), "{code}");
    }
    codes
}

#[test]
fn client_codes_have_no_http_status_in_any_format() {
    for code in client_codes() {
        let (status, stdout, _) = parts(&run(&["lookup", &code, "--format", "json"]));
        assert_eq!(status, 0, "{code}");
        let rows = json(&stdout);
        assert_eq!(rows[0]["http_status"], serde_json::Value::Null, "{code}");
        // Plain: the HTTP column holds `-`, and no column moved.
        let (_, plain, _) = parts(&run(&["lookup", &code, "--format", "plain"]));
        let fields: Vec<&str> = plain.trim_end().split('\t').collect();
        assert_eq!(fields[0], code);
        assert_eq!(fields[1], "-", "{plain}");
        assert_eq!(fields.len(), 8, "{plain}");
        for width in ["200", "40"] {
            let (_, table, _) = parts(
                &crate::common::errcode()
                    .args(["lookup", &code, "--format", "table"])
                    .env("COLUMNS", width)
                    .output()
                    .unwrap(),
            );
            // The HTTP cell (table) or field (records, when narrow) holds `-`.
            let http_cell = table.contains("┆ -    ┆");
            let http_field = table.lines().any(|l| l.trim_end() == "HTTP      -");
            assert!(http_cell || http_field, "{table}");
            assert!(!table.contains("┆ 200 "), "{table}");
        }
    }
}

#[test]
fn list_http_never_matches_a_client_code() {
    let (_, stdout, _) = parts(&run(&["list", "--http", "200", "--format", "plain"]));
    let codes = client_codes();
    assert!(stdout.lines().count() > 100);
    for line in stdout.lines() {
        let code = line.split('\t').next().unwrap();
        assert!(!codes.iter().any(|c| c == code), "{line}");
    }
}

#[test]
fn explain_and_its_summary_give_no_http_status_for_a_client_code() {
    let log = "[TencentCloudSDKError] Code=ClientError.NetworkError, Message=Fail to get response because dial tcp: i/o timeout\n";
    let (status, stdout, _) = parts(&run_with_input(
        &["explain", "--format", "json"],
        log.as_bytes(),
    ));
    assert_eq!(status, 0);
    let line = json(stdout.lines().next().unwrap());
    assert_eq!(
        line["annotation"]["expected_http_status"],
        serde_json::Value::Null
    );
    let (_, human, _) = parts(&run_with_input(&["explain", "-v"], log.as_bytes()));
    // The hint may speak of HTTP; the header and the glossary give no status.
    assert!(
        !human.contains("· HTTP") && !human.contains("HTTP 200"),
        "{human}"
    );
    let (_, plain, _) = parts(&run_with_input(
        &["explain", "--format", "plain"],
        log.as_bytes(),
    ));
    assert_eq!(plain.split('\t').nth(4), Some("-"), "{plain}");
    let (_, table, _) = parts(&run_with_input(
        &["explain", "--format", "table"],
        log.as_bytes(),
    ));
    assert!(!table.contains("200"), "{table}");
    for format in ["json", "plain", "table", "markdown"] {
        let (status, summary, stderr) = parts(&run_with_input(
            &["explain", "--summary", "--format", format],
            log.as_bytes(),
        ));
        assert_eq!(status, 0, "{stderr}");
        assert!(!summary.contains("200"), "{format}: {summary}");
        if format == "json" {
            assert_eq!(json(&summary)[0]["http_status"], serde_json::Value::Null);
        }
    }
}

/// What a line is, the line, and what explain must read from it: the code (none when the SDK
/// prints none), the RequestId, and words of the meaning.
type SdkLine = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);

/// One line of each SDK's exception string, as its source prints it.
const SDK_LINES: [SdkLine; 11] = [
    (
        "Go, an answer",
        "2026/11/27 08:00:01 [TencentCloudSDKError] Code=AuthFailure.SignatureExpire, Message=签名过期, RequestId=6f2c-1",
        Some("AuthFailure.SignatureExpire"),
        Some("6f2c-1"),
        "Signature expired.",
    ),
    (
        "Go, no answer",
        "2026/11/27 08:00:02 [TencentCloudSDKError] Code=ClientError.NetworkError, Message=Fail to get response because Post \"https://iss.tencentcloudapi.com/\": dial tcp: i/o timeout",
        Some("ClientError.NetworkError"),
        None,
        "Fail to get response because",
    ),
    (
        "Python, no answer",
        "ERROR [TencentCloudSDKException] code:ClientNetworkError message:HTTPSConnectionPool(host='iss.tencentcloudapi.com', port=443): Read timed out. (read timeout=60) requestId:None",
        Some("ClientNetworkError"),
        None,
        "Network error on the client",
    ),
    (
        "Python, a gateway's status",
        "ERROR [TencentCloudSDKException] code:ServerNetworkError message:b'<html><title>502 Bad Gateway</title></html>' requestId:None",
        Some("ServerNetworkError"),
        None,
        "HTTP status other than 200",
    ),
    (
        "Java, an answer",
        "[TencentCloudSDKException]code: ResourceNotFound.NotFoundCluster message:没有找到可用的服务节点 requestId:r-3",
        Some("ResourceNotFound.NotFoundCluster"),
        Some("r-3"),
        "service node",
    ),
    (
        "Java, a gateway's status",
        "[TencentCloudSDKException]code: ServerSideError message:response code is 502, not 200 requestId:",
        Some("ServerSideError"),
        None,
        "response code is",
    ),
    (
        "Java, no answer",
        "[TencentCloudSDKException]code: null message: requestId:null cause:java.net.SocketTimeoutException: timeout",
        None,
        None,
        "raised on the client",
    ),
    (
        "Node.js, an answer",
        "[TencentCloudSDKException]message:签名过期  requestId:6f2c-1  traceId:3c1e-9",
        None,
        Some("6f2c-1"),
        "leaves out",
    ),
    (
        "Node.js, no answer",
        "[TencentCloudSDKException]message:request to https://iss.tencentcloudapi.com/ failed, reason: connect ETIMEDOUT 10.0.0.1:443  requestId:  traceId:3c1e-9",
        None,
        None,
        "raised on the client",
    ),
    (
        "PHP, an answer",
        r"[TencentCloud\Common\Exception\TencentCloudSDKException] code:ResourceUnavailable.DevOffline message:设备离线 requestId:r-7",
        Some("ResourceUnavailable.DevOffline"),
        Some("r-7"),
        "Device offline",
    ),
    (
        "PHP, no answer",
        r"[TencentCloud\Common\Exception\TencentCloudSDKException] code: message:cURL error 28: Operation timed out after 60000 milliseconds requestId:",
        None,
        None,
        "raised on the client",
    ),
];

#[test]
fn explain_reads_each_sdk_s_exception_string() {
    for (what, line, code, id, meaning) in SDK_LINES {
        let (status, stdout, stderr) = parts(&run_with_input(
            &["explain", "--check", "--format", "json"],
            format!("{line}\n").as_bytes(),
        ));
        assert_eq!(status, 1, "{what}: {stderr}");
        let a = &json(
            stdout
                .lines()
                .next()
                .unwrap_or_else(|| panic!("{what}: nothing")),
        )["annotation"];
        assert_eq!(a["api"], "v3", "{what}");
        assert_eq!(a["verdict"], "error", "{what}");
        assert_eq!(a["status_code"].as_str(), code, "{what}");
        assert_eq!(a["request_id"].as_str(), id, "{what}");
        let en = a["meanings"][0]["message_en"].as_str().unwrap_or("");
        assert!(en.contains(meaning), "{what}: {en}");
        // Nothing an SDK prints for a missing value is read as one.
        for absent in ["None", "null", "traceId"] {
            assert_ne!(a["request_id"], absent, "{what}");
            assert_ne!(a["status_code"], absent, "{what}");
        }
        // An SDK's string without a code is no `Error` without a `Code` of a JSON answer.
        let kinds: Vec<&str> = a["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["kind"].as_str().unwrap())
            .collect();
        assert!(!kinds.contains(&"not-a-code"), "{what}: {kinds:?}");
    }
}

#[test]
fn the_summary_counts_codeless_sdk_strings_apart() {
    let log: String = SDK_LINES.iter().map(|l| format!("{}\n", l.1)).collect();
    let (status, stdout, _) = parts(&run_with_input(
        &["explain", "--summary", "--format", "json"],
        log.as_bytes(),
    ));
    assert_eq!(status, 0);
    let rows = json(&stdout);
    let row = |en: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["message_en"].as_str().is_some_and(|m| m.contains(en)))
            .unwrap_or_else(|| panic!("{en}: {rows}"))
            .clone()
    };
    // Java's, Node.js's and PHP's failures on the client are one row; Node.js's answer another.
    let client = row("raised on the client");
    assert_eq!(client["count"], 3);
    assert_eq!(client["code"], serde_json::Value::Null);
    assert_eq!(client["http_status"], serde_json::Value::Null);
    let unprinted = row("leaves out");
    assert_eq!(unprinted["count"], 1);
    assert_eq!(unprinted["request_ids"][0], "6f2c-1");
}

#[test]
fn a_client_side_error_shows_its_cause_and_no_empty_field() {
    let log: String = SDK_LINES.iter().map(|l| format!("{}\n", l.1)).collect();
    for format in ["human", "plain", "table", "markdown", "github"] {
        for lang in ["en", "zh"] {
            let (_, stdout, stderr) = parts(&run_with_input(
                &["explain", "-v", "--format", format, "--lang", lang],
                log.as_bytes(),
            ));
            assert!(!stdout.contains("<cause>"), "{format} {lang}: {stdout}");
            assert!(!stderr.contains("panicked"), "{stderr}");
        }
    }
    let (_, human, _) = parts(&run_with_input(&["explain", "-v"], log.as_bytes()));
    // Read as one line: where the layout wraps does not matter here.
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let human_flat = flat(&human);
    // Go: the SDK's words once, then the cause.
    assert!(
        human_flat.contains("Fail to get response because Post \"https://iss.tencentcloudapi.com/\": dial tcp: i/o timeout ·"),
        "{human}"
    );
    assert!(
        human_flat.contains("Network error on the client: HTTPSConnectionPool("),
        "{human}"
    );
    assert!(
        human_flat.contains("response code is 502, not 200"),
        "{human}"
    );
    assert!(
        human_flat.contains("without a code: java.net.SocketTimeoutException: timeout"),
        "{human}"
    );
    assert!(
        human_flat.contains("without a code: cURL error 28"),
        "{human}"
    );
    assert!(human_flat.contains("leaves out: 签名过期"), "{human}");
    // No HTTP status and no RequestId where no answer came, in the header and the glossary.
    for block in human.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let client_side = [
            "ClientError.",
            "ClientNetworkError",
            "ServerNetworkError",
            "ServerSideError",
            "raised on the client",
        ]
        .iter()
        .any(|w| block.lines().next().unwrap().contains(w));
        if client_side {
            // (A hint may say that API 3.0 answers with HTTP 200.)
            assert!(!block.contains("· HTTP"), "{block}");
            assert!(
                !block.contains("RequestId -") && !block.contains("RequestId None"),
                "{block}"
            );
            assert!(!block.contains("RequestId   -"), "{block}");
            assert!(!block.contains("no RequestId field"), "{block}");
            assert!(!block.contains("Message differs"), "{block}");
        }
    }
    let (_, zh, _) = parts(&run_with_input(
        &["explain", "--lang", "zh"],
        log.as_bytes(),
    ));
    assert!(zh.contains("未能取得应答：Post"), "{zh}");
}

#[test]
fn a_cause_is_escaped_and_cut() {
    // A terminal's controls in the cause reach no terminal; a page of a body is cut.
    let hostile = "[TencentCloudSDKException]code: null message: requestId:null cause:java.io.IOException: \u{1b}]52;c;eA==\u{7}\u{1b}[2J\u{202e}x\n";
    let body = "x".repeat(100_000);
    let long = format!("[TencentCloudSDKError] Code=ClientError.HttpStatusCodeError, Message=Request fail with http status code: 502 Bad Gateway, with body: {body}\n");
    for format in ["human", "plain", "table", "markdown", "github"] {
        let (_, out, _) = parts(&run_with_input(
            &["explain", "--format", format],
            hostile.as_bytes(),
        ));
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
            "{format}: {out:?}"
        );
        let (_, out, _) = parts(&run_with_input(
            &["explain", "--format", format],
            long.as_bytes(),
        ));
        let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
        // The table's meaning column is too narrow to reach it.
        assert!(
            format == "table" || flat.contains("502 Bad Gateway"),
            "{format}: {out}"
        );
        assert!(out.len() < 2_000, "{format}: {} bytes", out.len());
    }
}
