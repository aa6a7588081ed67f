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
