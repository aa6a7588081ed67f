//! "See also": a legacy code and an API 3.0 code that are related without meaning the same
//! (`src/table/see-also.json`), kept apart from the twins and shown both ways.

use crate::common::{errcode, parts, run, run_with_input};

/// The pairs of the data file: (legacy code, API 3.0 code).
fn pairs() -> Vec<(String, String)> {
    let pairs: serde_json::Value =
        serde_json::from_str(include_str!("../../src/table/see-also.json")).unwrap();
    pairs
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["legacy"].to_string(),
                p["v3"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn lookup_json_has_see_also_beside_twins_both_ways() {
    for (legacy, v3) in pairs() {
        for (code, other) in [(&legacy, &v3), (&v3, &legacy)] {
            let (status, stdout, _) = parts(&run(&["lookup", code, "--format", "json"]));
            assert_eq!(status, 0, "{code}");
            let rows: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            for row in rows.as_array().unwrap() {
                let see_also = row["see_also"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{row}"));
                assert!(
                    see_also.iter().any(|c| c == other.as_str()),
                    "{code}: {row}"
                );
                // Related is not the same: no code is in both.
                let twins = row["twins"].as_array().cloned().unwrap_or_default();
                assert!(see_also.iter().all(|c| !twins.contains(c)), "{row}");
            }
        }
    }
    // The examples: the legacy token, the database, the recordings of a date.
    let see_also = |code: &str| -> Vec<String> {
        let (_, stdout, _) = parts(&run(&["lookup", code, "--format", "json"]));
        let rows: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        rows[0]["see_also"]
            .as_array()
            .map(|a| a.iter().map(|c| c.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    };
    assert_eq!(
        see_also("41601"),
        ["AuthFailure.SignatureExpire", "AuthFailure.TokenFailure"]
    );
    assert_eq!(see_also("50001"), ["FailedOperation.DatabaseError"]);
    assert_eq!(see_also("41627"), ["ResourceNotFound.VideoNotFound"]);
    // A code with none has no field, as a code without twins has none.
    let (_, stdout, _) = parts(&run(&["lookup", "41617", "--format", "json"]));
    assert!(!stdout.contains("see_also"), "{stdout}");
}

#[test]
fn lookup_plain_appends_see_also_and_table_notes_it() {
    for (legacy, v3) in pairs() {
        for (code, other) in [(&legacy, &v3), (&v3, &legacy)] {
            let (_, plain, _) = parts(&run(&["lookup", code, "--format", "plain"]));
            for line in plain.lines() {
                let fields: Vec<&str> = line.split('\t').collect();
                // Code, HTTP, texts, category, retry, hint, then the related codes.
                assert_eq!(fields.len(), 8, "{line}");
                assert!(fields[7].split(',').any(|c| c == other), "{code}: {line}");
            }
            for lang in ["en", "zh"] {
                let (_, _, stderr) =
                    parts(&run(&["lookup", code, "--format", "table", "--lang", lang]));
                assert!(stderr.contains(other.as_str()), "{code} {lang}: {stderr}");
                assert!(
                    stderr.contains("list --see-also"),
                    "{code} {lang}: {stderr}"
                );
            }
        }
    }
    // No related code: `-`; with --show-source the source keeps its column, before it.
    let (_, plain, _) = parts(&run(&["lookup", "41617", "--format", "plain"]));
    assert!(plain.trim_end().ends_with("\t-"), "{plain}");
    let (_, plain, _) = parts(&run(&[
        "list",
        "41601",
        "--show-source",
        "--format",
        "plain",
    ]));
    let fields: Vec<&str> = plain.trim_end().split('\t').collect();
    assert_eq!(fields[7], "built-in");
    assert_eq!(
        fields[8],
        "AuthFailure.SignatureExpire,AuthFailure.TokenFailure"
    );
    // A note for twins and one for related codes, each its own.
    let (_, _, stderr) = parts(&run(&["lookup", "42501", "41627", "--format", "table"]));
    assert!(
        stderr.contains("42501 means the same as ResourceNotFound.VideoNotFound"),
        "{stderr}"
    );
    assert!(
        stderr.contains("see also ResourceNotFound.VideoNotFound"),
        "{stderr}"
    );
}

#[test]
fn explain_json_names_the_related_codes_both_ways() {
    for (legacy, v3) in pairs() {
        let input = format!(
            "{{\"RequestId\":\"1\",\"Code\":500,\"StatusCode\":{legacy},\"Message\":\"m\",\"Data\":\"\"}}\n\
             {{\"Response\":{{\"Error\":{{\"Code\":\"{v3}\",\"Message\":\"m\"}},\"RequestId\":\"r\"}}}}\n"
        );
        let (_, stdout, _) = parts(&run_with_input(
            &["explain", "--format", "json"],
            input.as_bytes(),
        ));
        let lines: Vec<serde_json::Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2, "{stdout}");
        let has = |line: &serde_json::Value, code: &str| {
            line["annotation"]["see_also"]
                .as_array()
                .is_some_and(|a| a.iter().any(|c| c == code))
        };
        assert!(has(&lines[0], &v3), "{legacy}: {}", lines[0]);
        assert!(has(&lines[1], &legacy), "{v3}: {}", lines[1]);
    }
    // Always there, empty when there are none, in the usual envelope too.
    let (_, stdout, _) = parts(&run_with_input(
        &["explain", "--format", "json"],
        b"{\"RequestId\":\"1\",\"Code\":0,\"StatusCode\":41617,\"Message\":\"\xe8\xae\xbe\xe5\xa4\x87\xe7\xa6\xbb\xe7\xba\xbf\",\"Data\":\"\"}\n",
    ));
    let line: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(line["annotation"]["see_also"], serde_json::json!([]));
}

#[test]
fn list_see_also_shows_the_pairs_with_their_evidence() {
    let (status, stdout, _) = parts(&run(&["list", "--see-also", "--format", "json"]));
    assert_eq!(status, 0);
    let listed: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), pairs().len());
    assert!(listed[0]["evidence"].as_str().is_some_and(|e| e.len() > 40));
    let (_, plain, _) = parts(&run(&["list", "--see-also", "--format", "plain"]));
    assert_eq!(plain.lines().count(), pairs().len());
    for line in plain.lines() {
        assert_eq!(line.split('\t').count(), 6, "{line}");
    }
    // Wide, a table; narrow, one field a line (at 60 columns the codes stay whole).
    for width in ["200", "60"] {
        let out = errcode()
            .args(["list", "--see-also", "--format", "table"])
            .env("COLUMNS", width)
            .output()
            .unwrap();
        let table = String::from_utf8_lossy(&out.stdout);
        assert!(
            table.contains("FailedOperation.DatabaseError"),
            "{width}: {table}"
        );
    }
    // Twins and related codes are separate lists.
    let (status, _, stderr) = parts(&run(&["list", "--twins", "--see-also"]));
    assert_eq!(status, 2, "{stderr}");
}
