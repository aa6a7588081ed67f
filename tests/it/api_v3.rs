//! API 3.0 envelopes and SDK error strings, explained with the API 3.0 table.

use crate::common;
use crate::common::{parts, run_with_input};

fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn an_api_3_error_gets_its_meaning_hint_and_retry_class() {
    let input = r#"{"Response":{"Error":{"Code":"ResourceUnavailable.DevOffline","Message":"设备离线"},"RequestId":"6f2c"}}"#.as_bytes();
    let (status, stdout, _) = parts(&run_with_input(
        &["explain", "--check", "--format", "json"],
        input,
    ));
    assert_eq!(status, 1);
    let line = &json_lines(&stdout)[0];
    assert_eq!(line["annotation"]["api"], "v3");
    assert_eq!(
        line["annotation"]["status_code"],
        "ResourceUnavailable.DevOffline"
    );
    let meaning = &line["annotation"]["meanings"][0];
    assert_eq!(meaning["message"], "设备离线");
    assert!(meaning["message_en"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    assert!(meaning["hint"].as_str().is_some_and(|h| !h.is_empty()));
    assert_eq!(line["annotation"]["expected_http_status"], 200);
    let (_, human, _) = parts(&run_with_input(&["explain", "-v"], input));
    assert!(
        human.contains("ResourceUnavailable.DevOffline · HTTP 200"),
        "{human}"
    );
}

#[test]
fn an_unknown_api_3_code_is_noted() {
    let input = br#"{"Response":{"Error":{"Code":"NoSuch.Thing","Message":"m"},"RequestId":"r"}}"#;
    let (_, stdout, _) = parts(&run_with_input(&["explain", "--format", "json"], input));
    let line = &json_lines(&stdout)[0];
    assert_eq!(line["annotation"]["notes"][0]["kind"], "unknown-code");
}

#[test]
fn sdk_error_strings_in_logs_are_envelopes() {
    let log = "2026/11/27 08:00:01 [TencentCloudSDKError] Code=AuthFailure.SignatureExpire, Message=签名过期, RequestId=6f2c-1\n\
               2026-11-27 08:00:02 ERROR [TencentCloudSDKException] code:InternalError message:内部错误 requestId:abc-2\n\
               {\"Response\":{\"RequestId\":\"ok-3\"}}\n";
    let (status, stdout, stderr) = parts(&run_with_input(
        &["explain", "--check", "--format", "json"],
        log.as_bytes(),
    ));
    assert_eq!(status, 1, "{stderr}");
    let lines = json_lines(&stdout);
    let codes: Vec<_> = lines
        .iter()
        .map(|l| l["annotation"]["status_code"].clone())
        .collect();
    assert_eq!(
        codes,
        [
            serde_json::json!("AuthFailure.SignatureExpire"),
            serde_json::json!("InternalError"),
            serde_json::Value::Null
        ]
    );
    // No JSON to echo: the text as read, as a JSON string.
    assert!(lines[0]["envelope"]
        .as_str()
        .unwrap()
        .starts_with("[TencentCloudSDKError]"));
    assert_eq!(lines[1]["annotation"]["request_id"], "abc-2");
    assert_eq!(lines[2]["annotation"]["verdict"], "success");
    // The summary counts them beside legacy codes, with their meanings.
    let (_, summary, _) = parts(&run_with_input(
        &["explain", "--summary", "--format", "json"],
        log.as_bytes(),
    ));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&summary).unwrap();
    let expired = rows
        .iter()
        .find(|r| r["code"] == "AuthFailure.SignatureExpire")
        .unwrap();
    assert_eq!(expired["api"], "v3");
    assert!(expired["message"].as_str().is_some());
}

#[test]
fn api_3_codes_are_looked_up_in_any_case_and_by_pattern() {
    let (status, stdout, _) = parts(&common::run(&[
        "lookup",
        "AuthFailure.SignatureExpire",
        "--format",
        "json",
    ]));
    assert_eq!(status, 0);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(rows[0]["code"], "AuthFailure.SignatureExpire");
    assert_eq!(rows[0]["http_status"], 200);
    let (status, stdout, _) = parts(&common::run(&["resourceunavailable.devoffline"]));
    assert_eq!(status, 0);
    assert!(
        stdout.starts_with("ResourceUnavailable.DevOffline\t200\t设备离线"),
        "{stdout}"
    );
    for pattern in ["AuthFailure.*", "authfailure."] {
        let (status, stdout, _) = parts(&common::run(&["lookup", pattern]));
        assert_eq!(status, 0);
        assert!(
            stdout.lines().count() >= 5 && stdout.lines().all(|l| l.starts_with("AuthFailure.")),
            "{stdout}"
        );
    }
    // Both texts of a code in both lists, and a code in neither.
    let (_, stdout, stderr) = parts(&common::run(&["lookup", "FailedOperation", "NoSuch.Code"]));
    assert_eq!(stdout.lines().count(), 2);
    // Its two rows show both texts: no note says so.
    assert!(
        !stderr.contains("both a product code and a common"),
        "{stderr}"
    );
    assert!(
        stderr.contains("NoSuch.Code is not an API 3.0 code"),
        "{stderr}"
    );
}

#[test]
fn list_covers_both_generations_and_the_crosswalk() {
    let (_, v3, _) = parts(&common::run(&["list", "--api", "v3"]));
    assert_eq!(v3.lines().count(), 204);
    let (status, action, _) = parts(&common::run(&["list", "--action", "AddOrganization"]));
    assert_eq!(status, 0);
    assert!(
        action
            .lines()
            .any(|l| l.starts_with("InvalidParameterValue.OrgNameRepeat\t")),
        "{action}"
    );
    assert!(
        action.lines().all(|l| !l.starts_with("AuthFailure")),
        "common codes are no action's own"
    );
    let (status, _, stderr) = parts(&common::run(&["list", "--action", "NoSuchAction"]));
    assert_eq!(status, 1);
    assert!(stderr.contains("--action NoSuchAction"), "{stderr}");
    let (status, twins, _) = parts(&common::run(&["list", "--twins", "--format", "json"]));
    assert_eq!(status, 0);
    let pairs: Vec<serde_json::Value> = serde_json::from_str(&twins).unwrap();
    assert!(pairs
        .iter()
        .any(|p| p["legacy"] == 41617 && p["v3"] == "ResourceUnavailable.DevOffline"));
    // A code in both API 3.0 lists is a twin in each, and every layout says which.
    let (_, plain, _) = parts(&common::run(&["list", "--twins", "--format", "plain"]));
    let lists: Vec<&str> = plain
        .lines()
        .filter(|l| l.starts_with("50000\tFailedOperation\t"))
        .map(|l| l.rsplit('\t').next().unwrap())
        .collect();
    assert_eq!(lists.len(), 2, "{plain}");
    assert!(
        lists.contains(&"product") && lists.contains(&"common"),
        "{plain}"
    );
    // The list is the last column, after the five there were.
    assert!(plain.lines().all(|l| l.split('\t').count() == 6), "{plain}");
    for (width, lang, words) in [
        ("200", "en", ["product", "common"]),
        ("40", "zh", ["产品", "公共"]),
    ] {
        let (_, table, _) = parts(
            &common::errcode()
                .args(["list", "--twins", "--format", "table", "--lang", lang])
                .env("COLUMNS", width)
                .output()
                .unwrap(),
        );
        for word in words {
            assert!(table.contains(word), "{width} {lang}: {table}");
        }
    }
    // Twins both ways, in lookup.
    let (_, json, _) = parts(&common::run(&[
        "lookup",
        "41617",
        "ResourceUnavailable.DevOffline",
        "--format",
        "json",
    ]));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(
        rows[0]["twins"],
        serde_json::json!(["ResourceUnavailable.DevOffline"])
    );
    assert_eq!(rows[1]["twins"], serde_json::json!(["41617"]));
}

#[test]
fn a_product_code_the_action_is_not_documented_to_return_is_noted() {
    let verbose = |code: &str| {
        format!(
            "> POST / HTTP/1.1\n> X-TC-Action: AddOrganization\n>\n< HTTP/1.1 200 OK\n<\n\
             {{\"Response\":{{\"Error\":{{\"Code\":\"{code}\",\"Message\":\"m\"}},\"RequestId\":\"r\"}}}}\n"
        )
    };
    let not_for_action = |code: &str| {
        let input = verbose(code);
        let (_, stdout, _) = parts(&run_with_input(
            &["explain", "--format", "json"],
            input.as_bytes(),
        ));
        let notes = json_lines(&stdout)[0]["annotation"]["notes"].clone();
        notes
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "not-for-action")
    };
    assert!(not_for_action("ResourceUnavailable.DevOffline"));
    // Documented for the action, and a common code: no such note.
    assert!(!not_for_action("InvalidParameterValue.OrgNameRepeat"));
    assert!(!not_for_action("AuthFailure.SignatureExpire"));
}

#[test]
fn what_a_second_hostile_reading_found() {
    // Two SDK strings on a line, and one beside a JSON envelope: each its own envelope.
    let line = "[TencentCloudSDKError] Code=A.B, Message=1, RequestId=r1 [TencentCloudSDKError] Code=ResourceUnavailable.DevOffline, Message=2, RequestId=r2\n\
                {\"Response\":{\"Error\":{\"Code\":\"AuthFailure.TokenFailure\",\"Message\":\"t\"},\"RequestId\":\"j1\"}} [TencentCloudSDKError] Code=InternalError, Message=3, RequestId=r3\n";
    let (_, stdout, _) = parts(&run_with_input(
        &["explain", "--format", "json"],
        line.as_bytes(),
    ));
    let got: Vec<(String, String)> = json_lines(&stdout)
        .iter()
        .map(|l| {
            (
                l["annotation"]["status_code"].as_str().unwrap().to_string(),
                l["annotation"]["request_id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("A.B".into(), "r1".into()),
            ("ResourceUnavailable.DevOffline".into(), "r2".into()),
            ("AuthFailure.TokenFailure".into(), "j1".into()),
            ("InternalError".into(), "r3".into())
        ]
    );
    // A code in both API 3.0 lists is said so, not as the legacy source's duplicate.
    let (_, human, _) = parts(&run_with_input(
        &["explain"],
        b"[TencentCloudSDKException]code: InvalidParameter message:bad requestId:r\n",
    ));
    assert!(
        human.contains("both a product code and a common"),
        "{human}"
    );
    assert!(!human.contains("lists 0"), "{human}");
    // An empty code is an error without a code, in every form: an SDK's string with a
    // RequestId is an answer whose code the string leaves out.
    for input in [
        "[TencentCloudSDKError] Code=, Message=e, RequestId=r\n",
        "[TencentCloudSDKException]code: message: requestId:r\n",
    ] {
        let (status, stdout, _) = parts(&run_with_input(
            &["explain", "--check", "--format", "json"],
            input.as_bytes(),
        ));
        assert_eq!(status, 1, "{input}");
        let annotation = &json_lines(&stdout)[0]["annotation"];
        assert_eq!(
            annotation["status_code"],
            serde_json::Value::Null,
            "{input}"
        );
        assert!(
            annotation["meanings"][0]["message_en"]
                .as_str()
                .is_some_and(|m| m.contains("leaves out")),
            "{input}"
        );
    }
}

#[test]
fn an_unresolved_meaning_is_shown_as_both_in_the_json_summary() {
    let input = "{\"StatusCode\":51603,\"Code\":500,\"Message\":\"网关信令操作失败\",\"RequestId\":\"r\"}\n{\"StatusCode\":51603,\"Code\":500,\"Message\":\"x\",\"RequestId\":\"r\"}\n";
    let (_, stdout, _) = parts(&run_with_input(
        &["explain", "--summary", "--format", "json"],
        input.as_bytes(),
    ));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    let messages: Vec<&str> = rows
        .iter()
        .map(|r| r["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        ["网关信令操作失败", "网关信令操作失败 / 消息队列发送失败"]
    );
}

#[test]
fn the_human_layout_of_api_3_uses_its_own_fields() {
    let input = "{\"Response\":{\"Error\":{\"Code\":\"ResourceUnavailable.DevOffline\",\"Message\":\"设备离线\"},\"RequestId\":\"6f2c\"}}\n{\"Response\":{\"RequestId\":\"ok\",\"TotalCount\":1}}\n";
    let (_, human, _) = parts(&run_with_input(&["explain", "-v"], input.as_bytes()));
    assert!(
        human.contains("  Error.Code  ResourceUnavailable.DevOffline"),
        "{human}"
    );
    assert!(
        !human.contains("  Code  ") && !human.contains("  Data  "),
        "{human}"
    );
    assert!(human.contains("API 3.0 response with no Error"), "{human}");
}

#[test]
fn api_3_misses_say_what_was_meant() {
    // A group without its pattern: the pattern.
    let (status, _, stderr) = parts(&run_with_input(&["lookup", "authfailure"], b""));
    assert_eq!(status, 1);
    assert!(stderr.contains("did you mean 'AuthFailure.*'?"), "{stderr}");
    // A typo: the nearest code.
    let (status, _, stderr) = parts(&run_with_input(
        &["lookup", "ResourceUnavailable.DevOfline"],
        b"",
    ));
    assert_eq!(status, 1);
    assert!(
        stderr.contains("did you mean ResourceUnavailable.DevOffline?"),
        "{stderr}"
    );
    // Neither a code nor a pattern: a usage error that says what a 3.0 code looks like, not
    // that only digits are allowed.
    for bad in ["Auth*Failure", "AuthFailure.**", "Auth-Failure"] {
        let (status, stdout, stderr) = parts(&run_with_input(&["lookup", bad], b""));
        assert_eq!(status, 2, "{bad}");
        assert!(stdout.is_empty());
        assert!(
            stderr.contains("API 3.0 codes are letters, digits and dots"),
            "{stderr}"
        );
        assert!(!stderr.contains("only digits"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn a_code_with_two_rows_gets_one_twin_note() {
    let (status, stdout, stderr) = parts(&run_with_input(&["lookup", "InvalidParameter"], b""));
    assert_eq!(status, 0);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert_eq!(
        stderr.matches("means the same as 40001").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn a_status_filter_that_matches_no_api_3_code_says_so() {
    let input = br#"{"Response":{"Error":{"Code":"ResourceUnavailable.DevOffline","Message":"m"},"RequestId":"r"}}"#;
    let (_, _, stderr) = parts(&run_with_input(
        &["explain", "--status", "ResourceUnavailable.DevOfline"],
        input,
    ));
    assert!(
        stderr.contains(
            "matches no API 3.0 code of the table; did you mean ResourceUnavailable.DevOffline?"
        ),
        "{stderr}"
    );
    // A known code says nothing.
    let (_, _, stderr) = parts(&run_with_input(
        &["explain", "--status", "ResourceUnavailable.DevOffline"],
        input,
    ));
    assert!(!stderr.contains("matches no"), "{stderr}");
}
