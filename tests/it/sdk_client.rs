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
        assert_eq!(fields.len(), 7, "{plain}");
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
