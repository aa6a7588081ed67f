//! The embedded table against the source document's table, row by row.

use crate::common::{parts, run};

/// The source document's table, copied verbatim into `tests/data/source-table.md`.
fn source_rows() -> Vec<(u32, String, u16)> {
    let text = include_str!("../data/source-table.md");
    text.lines()
        .skip(2)
        .map(|line| {
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            assert_eq!(cells.len(), 3, "{line}");
            (
                cells[0].parse().unwrap(),
                cells[1].to_string(),
                cells[2].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn embedded_table_matches_the_source_row_by_row() {
    let source = source_rows();
    assert_eq!(source.len(), 74);
    let table = errcode::Table::builtin();
    assert_eq!(table.rows().len(), source.len());
    for (row, (code, message, http)) in table.rows().iter().zip(&source) {
        assert_eq!(
            (row.code, row.message.as_str(), row.http_status),
            (*code, message.as_str(), Some(*http))
        );
    }
}

#[test]
fn list_json_prints_every_source_row() {
    let (status, stdout, _) = parts(&run(&["list", "--api", "legacy", "--format", "json"]));
    assert_eq!(status, 0);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    let got: Vec<(u64, String, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["code"].as_u64().unwrap(),
                r["message"].as_str().unwrap().to_string(),
                r["http_status"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(u64, String, u64)> = source_rows()
        .into_iter()
        .map(|(c, m, h)| (u64::from(c), m, u64::from(h)))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn every_row_has_knowledge_in_both_languages() {
    let table = errcode::Table::builtin();
    for row in table.rows() {
        let code = row.code;
        assert!(
            row.message_en
                .as_deref()
                .is_some_and(|t| !t.trim().is_empty()),
            "{code}: English"
        );
        assert!(
            row.category.as_deref().is_some_and(|t| !t.is_empty()),
            "{code}: category"
        );
        // Whether to retry is no question for a success.
        assert_eq!(row.retry.is_some(), code != 200, "{code}: retry");
        assert!(
            row.hint_en.as_deref().is_some_and(|t| t.len() > 10),
            "{code}: English hint"
        );
        assert!(
            row.hint_zh
                .as_deref()
                .is_some_and(|t| t.chars().count() > 5),
            "{code}: Chinese hint"
        );
        let english = row.hint_en.as_deref().unwrap_or("");
        let ascii = english.chars().filter(char::is_ascii).count();
        assert!(
            ascii * 10 >= english.chars().count() * 9,
            "{code}: the English hint should be English"
        );
    }
}

#[test]
fn key_terms_are_in_the_english_text() {
    let table = errcode::Table::builtin();
    let row = |code: u64| table.lookup(code)[0].clone();
    let r = row(41601);
    let text = format!("{} {}", r.message_en.unwrap(), r.hint_en.unwrap()).to_lowercase();
    assert!(text.contains("token") && text.contains("expire"), "{text}");
    let r = row(52514);
    let text = format!("{} {}", r.message_en.unwrap(), r.hint_en.unwrap());
    assert!(
        text.contains("STS") && text.contains("credentials"),
        "{text}"
    );
    assert_eq!(row(52502).retry, Some(errcode::Retry::Backoff));
    assert_eq!(row(41601).retry, Some(errcode::Retry::AfterFix));
    assert_eq!(row(40001).retry, Some(errcode::Retry::Never));
    assert_eq!(row(41601).category.as_deref(), Some("auth"));
}

#[test]
fn hints_say_what_the_platform_documents() {
    let table = errcode::Table::builtin();
    let row = |code: u64| table.lookup(code)[0].clone();
    // A record not found is a missing resource, as its API 3.0 twin ResourceNotFound is.
    assert_eq!(row(40006).category.as_deref(), Some("resource"));
    // A generic failure may be a write that took effect.
    let hint = row(50000).hint_en.unwrap();
    assert!(hint.contains("query the state before retrying"), "{hint}");
    // No documented setting sets a download limit to zero.
    for code in [42507, 42508] {
        let r = row(code);
        let (en, zh) = (r.hint_en.unwrap(), r.hint_zh.unwrap());
        assert!(
            !en.contains("raise") && en.contains("recording download is enabled"),
            "{en}"
        );
        assert!(!zh.contains("调高") && zh.contains("录像下载"), "{zh}");
    }
    assert!(!row(41622).hint_en.unwrap().contains("shared"));
    assert!(!row(41622).hint_zh.unwrap().contains("共享"));
    // Whose bucket it is decides the fix.
    let hint = row(42502).hint_en.unwrap();
    assert!(
        hint.starts_with("If the recordings are in a COS bucket of yours")
            && hint.contains("RequestId"),
        "{hint}"
    );
    // A colon, not a comma splice.
    for code in [41601, 41606, 41620, 41632] {
        let en = row(code).message_en.unwrap();
        assert!(en.contains(": ") && !en.contains(", "), "{code}: {en}");
    }
}

#[test]
fn chinese_hints_use_one_term_for_each_thing() {
    // 子账号 and 流转化器 are what the platform's own texts say (errors.go, client.go and the
    // legacy error-code document); the texts quoted from them are left as they are.
    let legacy = include_str!("../../src/table/codes.json");
    let knowledge = include_str!("../../src/table/v3-knowledge.json");
    for text in [legacy, knowledge] {
        let rows: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut hints = Vec::new();
        let mut collect = |v: &serde_json::Value| {
            if let Some(h) = v["hint_zh"].as_str() {
                hints.push(h.to_string());
            }
        };
        match &rows {
            serde_json::Value::Array(rows) => rows.iter().for_each(&mut collect),
            serde_json::Value::Object(sections) => sections
                .values()
                .filter_map(|s| s.as_object())
                .flat_map(|s| s.values())
                .for_each(&mut collect),
            _ => unreachable!(),
        }
        assert!(hints.len() > 50);
        for hint in hints {
            assert!(
                !hint.contains("子用户") && !hint.contains("流转换器"),
                "{hint}"
            );
        }
    }
}
