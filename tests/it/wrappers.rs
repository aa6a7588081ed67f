//! Logs as platforms store them, black box: any list of envelope lines, wrapped the way Docker
//! (split at random into records without their line end), CRI (cut at random into `P` parts),
//! journald (`MESSAGE` as text and as bytes), Loki (`logcli -o jsonl`), an Elasticsearch
//! `_search` answer and a CSV export store them, or pretty-printed under the prefixes of
//! `docker compose logs` and `kubectl logs --prefix` with another service's lines between, and compressed in each format, gives the same
//! findings as the lines themselves (line numbers and times aside).

use crate::input_layer_support::*;
use proptest::prelude::*;
use serde_json::{json, Value};

/// One envelope line: a legacy envelope, an API 3.0 error, or an SDK error string, with or
/// without a log prefix, with text that needs escaping.
fn event() -> impl Strategy<Value = String> {
    let id = "[a-z0-9-]{1,12}";
    let text = prop::sample::select(vec![
        "ok",
        "Token 已过期",
        "quote \" and \\ back",
        "tab\there",
        "brace { and ] in text",
    ]);
    let prefix = prop::sample::select(vec!["", "2026-12-06T10:00:01Z ERROR resp=", "W ", "a=1 "]);
    let legacy = (
        id,
        prop::sample::select(vec![200, 41601, 52502, 51603, 49999]),
        text.clone(),
    )
        .prop_map(|(id, status, text)| {
            json!({"RequestId": id, "Code": 0, "StatusCode": status, "Message": text, "Data": null})
                .to_string()
        });
    let v3 = (
        id,
        prop::sample::select(vec!["InternalError", "AuthFailure.SignatureExpire"]),
        text,
    )
        .prop_map(|(id, code, text)| {
            json!({"Response": {"Error": {"Code": code, "Message": text}, "RequestId": id}})
                .to_string()
        });
    let sdk = (
        id,
        prop::sample::select(vec!["InternalError", "ResourceNotFound"]),
    )
        .prop_map(|(id, code)| {
            format!("[TencentCloudSDKError] Code={code}, Message=failed, RequestId={id}")
        });
    (prop_oneof![legacy, v3, sdk], prefix).prop_map(|(e, p)| format!("{p}{e}"))
}

/// Docker's json-file records of `line`, cut into parts at the given fractions; only the last
/// part's `log` ends with the line end.
fn docker(line: &str, cuts: &[f64], stream: &str) -> Vec<String> {
    parts(line, cuts)
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let last = i == cuts.len();
            let log = if last {
                format!("{part}\n")
            } else {
                part.clone()
            };
            json!({"log": log, "stream": stream, "time": "2026-12-06T10:00:01.123456789Z"})
                .to_string()
        })
        .collect()
}

/// CRI lines of `line`, cut into `P` parts at the given fractions, the last one `F`.
fn cri(line: &str, cuts: &[f64], stream: &str) -> Vec<String> {
    let parts = parts(line, cuts);
    let n = parts.len();
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let tag = if i + 1 == n { 'F' } else { 'P' };
            format!("2026-12-06T18:00:01.123456789+08:00 {stream} {tag} {part}")
        })
        .collect()
}

/// `line` cut at the given fractions of its length (on character boundaries).
fn parts(line: &str, cuts: &[f64]) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut at: Vec<usize> = cuts
        .iter()
        .map(|f| (f * chars.len() as f64) as usize)
        .collect();
    at.sort();
    let mut out = Vec::new();
    let mut from = 0;
    for cut in at.into_iter().chain([chars.len()]) {
        out.push(chars[from..cut.max(from)].iter().collect());
        from = cut.max(from);
    }
    out
}

/// `line` as a service's lines under `prefix`: its JSON pretty-printed over several lines, with
/// a line of another service after each.
fn service(line: &str, prefix: &str, other: &str) -> Vec<String> {
    let text = match line.find('{') {
        Some(at) => {
            let value: Value = serde_json::from_str(&line[at..]).unwrap();
            format!(
                "{}{}",
                &line[..at],
                serde_json::to_string_pretty(&value).unwrap()
            )
        }
        None => line.to_string(),
    };
    text.lines()
        .flat_map(|l| [format!("{prefix}{l}"), format!("{other}GET /health 200")])
        .collect()
}

/// The findings that must survive any wrapping: each envelope's RequestId and code, in order.
fn findings(outcome: &Outcome) -> Vec<(String, Value)> {
    outcome
        .lines()
        .iter()
        .map(|l| (request_id(l), l["annotation"]["status_code"].clone()))
        .collect()
}

/// The wrapped forms of `lines`, each with its name.
fn wrapped(lines: &[String], cuts: &[Vec<f64>]) -> Vec<(&'static str, Vec<u8>)> {
    let join = |lines: Vec<String>| (lines.join("\n") + "\n").into_bytes();
    let each = |f: &dyn Fn(&String, usize) -> Vec<String>| {
        join(
            lines
                .iter()
                .enumerate()
                .flat_map(|(i, l)| f(l, i))
                .collect(),
        )
    };
    // Another stream's whole lines between the parts of the first one.
    let noise = |i: usize, stream: &str, f: fn(&str, &[f64], &str) -> Vec<String>| {
        f(&format!("other line {i}"), &[], stream)
    };
    vec![
        (
            "docker",
            each(&|l, i| {
                let mut records = docker(l, &cuts[i], "stdout");
                records.insert(records.len() / 2, noise(i, "stderr", docker).remove(0));
                records
            }),
        ),
        (
            "cri",
            each(&|l, i| {
                let mut records = cri(l, &cuts[i], "stderr");
                records.insert(records.len() / 2, noise(i, "stdout", cri).remove(0));
                records
            }),
        ),
        (
            "journald",
            each(&|l, i| {
                let message = match i % 2 {
                    0 => json!(l),
                    _ => json!(l.as_bytes()),
                };
                vec![json!({"__REALTIME_TIMESTAMP": "1796551201123456", "MESSAGE": message, "_PID": "7"}).to_string()]
            }),
        ),
        (
            "loki",
            each(&|l, _| {
                vec![json!({"labels": {"app": "ivc"}, "line": l, "timestamp": "2026-12-06T10:00:01Z"}).to_string()]
            }),
        ),
        (
            "elasticsearch",
            join(vec![json!({"hits": {"hits": lines.iter().map(|l| json!({"_source": {"message": l}})).collect::<Vec<_>>()}}).to_string()]),
        ),
        (
            "compose",
            each(&|l, i| match i % 2 {
                0 => service(l, "svc-1  | ", "svc-2  | "),
                _ => service(l, "[pod/ivc-1/app] ", "[pod/ivc-2/app] "),
            }),
        ),
        (
            "csv",
            each(&|l, _| vec![format!("2026-12-06T10:00:01Z,ivc,\"{}\"", l.replace('"', "\"\""))]),
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn wrapped_and_compressed_logs_give_the_findings_of_their_lines(
        events in prop::collection::vec((event(), prop::collection::vec(0.0..1.0f64, 0..3)), 1..6)
    ) {
        let (lines, cuts): (Vec<String>, Vec<Vec<f64>>) = events.into_iter().unzip();
        let plain = (lines.join("\n") + "\n").into_bytes();
        let expected = findings(&explain_stdin(&plain, &["--format", "json"]));
        prop_assert_eq!(expected.len(), lines.len(), "{:?}", lines);
        for (name, bytes) in wrapped(&lines, &cuts) {
            let got = explain_stdin(&bytes, &["--format", "json"]);
            prop_assert_eq!(&findings(&got), &expected, "{}: {}", name, String::from_utf8_lossy(&bytes));
        }
        for (name, _, pack) in FORMATS {
            let got = explain_stdin(&pack(&plain), &["--format", "json"]);
            prop_assert_eq!(&findings(&got), &expected, "{}", name);
        }
    }
}

#[test]
fn a_wrapper_time_is_the_time_of_a_line_that_has_none() {
    let line = r#"ERROR resp={"RequestId":"w","Code":0,"StatusCode":41601}"#;
    for (name, bytes) in wrapped(&[line.to_string()], &[vec![0.5]]) {
        if matches!(name, "elasticsearch" | "csv" | "compose") {
            continue;
        }
        let inside = explain_stdin(
            &bytes,
            &["--format", "json", "--since", "2026-12-06T10:00:00Z"],
        );
        assert_eq!(inside.ids(), ["w"], "{name}: {}", inside.stderr);
        let after = explain_stdin(
            &bytes,
            &["--format", "json", "--since", "2026-12-06T10:00:02Z"],
        );
        assert!(after.ids().is_empty(), "{name}: {}", after.stdout);
    }
}

#[test]
fn a_second_service_document_opening_while_one_is_followed_is_said() {
    let input = "svc-1  | resp={\nsvc-2  | resp={\nsvc-1  |   \"RequestId\": \"a\",\nsvc-2  |   \"RequestId\": \"b\",\nsvc-1  |   \"StatusCode\": 41601\nsvc-2  |   \"StatusCode\": 41602\nsvc-1  | }\nsvc-2  | }\n";
    let got = explain_stdin(input.as_bytes(), &["--format", "json"]);
    assert_eq!(got.ids(), ["a"], "{}", got.stdout);
    assert_eq!(got.warnings().len(), 1, "{}", got.stderr);
    assert!(names_line(got.warnings()[0], 2), "{}", got.stderr);
}
