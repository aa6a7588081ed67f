//! The knowledge of both API generations as one entry per code, the shape a log engine joins
//! on: the rows of a code listed twice (legacy 51603, and the API 3.0 codes that are both a
//! product and a common code) become one entry, so that a join counts each envelope once.

use crate::table::v3::V3Table;
use crate::table::{crosswalk, Row, Table};

/// Which API generation a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generation {
    /// The legacy API: numeric `StatusCode`.
    Legacy,
    /// Tencent Cloud API 3.0: `Response.Error.Code`.
    V3,
}

impl Generation {
    /// The name output gives it, as `explain --summary --format json` does.
    pub fn as_str(self) -> &'static str {
        match self {
            Generation::Legacy => "legacy",
            Generation::V3 => "v3",
        }
    }
}

/// Between the meanings of a code listed twice in a text column, as the summary joins them.
pub const TEXT_SEPARATOR: &str = " / ";

/// Between the categories, retry classes or sources of a code listed twice.
pub const CLASS_SEPARATOR: &str = "|";

/// One code with everything the tables know of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeEntry {
    /// Its generation.
    pub generation: Generation,
    /// The code as the table writes it: the number, or the API 3.0 code.
    pub code: String,
    /// The HTTP status the API answers with (the first row's, as the summary gives it); `None`
    /// for a code no answer carries (an SDK's client-side code).
    pub http_status: Option<u16>,
    /// Each meaning's Chinese text, once, joined by [`TEXT_SEPARATOR`].
    pub message: String,
    /// Each meaning's English text, once, joined; `None` when no row has one.
    pub message_en: Option<String>,
    /// Each row's category, once, joined by [`CLASS_SEPARATOR`] (`gateway|internal`).
    pub category: Option<String>,
    /// Each row's retry class, once, joined by [`CLASS_SEPARATOR`].
    pub retry: Option<String>,
    /// The hints in English (a row with only a Chinese one gives that), joined.
    pub hint_en: Option<String>,
    /// The hints in Chinese (a row with only an English one gives that), joined.
    pub hint_zh: Option<String>,
    /// The codes of the other generation that mean the same.
    pub twins: Vec<String>,
    /// The related codes of the other generation that do not mean the same.
    pub see_also: Vec<String>,
    /// Where its rows came from (`built-in`, a user table's path, `api-3.0 product`…),
    /// each once, joined by [`CLASS_SEPARATOR`].
    pub source: String,
}

/// One entry per code: the legacy table's (user tables merged in) in code order, then the
/// API 3.0 table's.
pub fn entries(legacy: &Table, v3: &V3Table) -> Vec<CodeEntry> {
    let mut entries = Vec::new();
    for (generation, rows) in [
        (Generation::Legacy, legacy.rows()),
        (Generation::V3, v3.rows()),
    ] {
        let mut rest = rows;
        while let Some(first) = rest.first() {
            // The rows of one code are side by side in both tables.
            let label = first.label();
            let same = rest.iter().take_while(|r| r.label() == label).count();
            entries.push(entry(generation, label, &rest[..same]));
            rest = &rest[same..];
        }
    }
    entries
}

/// The entry of one code's rows (at least one).
fn entry(generation: Generation, code: String, rows: &[Row]) -> CodeEntry {
    let texts = |f: &dyn Fn(&Row) -> Option<&str>| {
        let texts = distinct(rows.iter().filter_map(f));
        (!texts.is_empty()).then(|| texts.join(TEXT_SEPARATOR))
    };
    let classes = |f: &dyn Fn(&Row) -> Option<&str>| {
        let classes = distinct(rows.iter().filter_map(f));
        (!classes.is_empty()).then(|| classes.join(CLASS_SEPARATOR))
    };
    CodeEntry {
        generation,
        code,
        http_status: rows.first().and_then(|r| r.http_status),
        message: texts(&|r| Some(&r.message)).unwrap_or_default(),
        message_en: texts(&|r| r.message_en.as_deref()),
        category: classes(&|r| r.category.as_deref()),
        retry: classes(&|r| r.retry.map(|k| k.as_str())),
        hint_en: texts(&|r| r.hint_en.as_deref().or(r.hint_zh.as_deref())),
        hint_zh: texts(&|r| r.hint_zh.as_deref().or(r.hint_en.as_deref())),
        twins: distinct(rows.iter().flat_map(crosswalk::twins_of)),
        see_also: distinct(rows.iter().flat_map(crosswalk::see_also_of)),
        source: distinct(rows.iter().map(|r| &*r.source)).join(CLASS_SEPARATOR),
    }
}

/// Each value once, in the order first met.
fn distinct<T: PartialEq>(values: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen: Vec<T> = Vec::new();
    for value in values {
        if !seen.contains(&value) {
            seen.push(value);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Vec<CodeEntry> {
        entries(&Table::builtin(), V3Table::builtin())
    }

    #[test]
    fn every_code_is_one_entry_with_a_unique_key() {
        let all = builtin();
        let legacy = Table::builtin();
        let mut legacy_codes: Vec<u32> = legacy.rows().iter().map(|r| r.code).collect();
        legacy_codes.dedup();
        let mut v3_codes: Vec<String> = V3Table::builtin().rows().iter().map(Row::label).collect();
        v3_codes.dedup();
        assert_eq!(all.len(), legacy_codes.len() + v3_codes.len());
        // Unique in any case too: API 3.0 codes are matched without regard to case.
        let mut keys: Vec<String> = all.iter().map(|e| e.code.to_ascii_lowercase()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), all.len());
        assert_eq!(all[0].code, "200");
        assert_eq!(all[0].generation, Generation::Legacy);
        assert_eq!(all.last().unwrap().generation, Generation::V3);
    }

    #[test]
    fn a_code_listed_twice_gives_both_meanings_and_both_classes() {
        let all = builtin();
        let find = |code: &str| all.iter().find(|e| e.code == code).unwrap();
        let e = find("51603");
        assert_eq!(e.message, "网关信令操作失败 / 消息队列发送失败");
        assert_eq!(
            e.message_en.as_deref(),
            Some("Gateway signalling operation failed / Failed to send to the message queue")
        );
        assert_eq!(e.category.as_deref(), Some("gateway|internal"));
        // The same class twice is named once.
        assert_eq!(e.retry.as_deref(), Some("backoff"));
        assert_eq!(e.source, "built-in");
        let e = find("FailedOperation");
        assert_eq!(e.message, "操作失败 / 操作失败。");
        assert_eq!(e.category.as_deref(), Some("internal"));
        assert_eq!(e.source, "api-3.0 product|api-3.0 common");
        assert_eq!(e.twins, ["50000"]);
        // Both rows of InvalidParameter have the same English hint: it is written once.
        let e = find("InvalidParameter");
        assert!(!e.hint_en.as_deref().unwrap().contains(TEXT_SEPARATOR));
    }

    #[test]
    fn twins_and_see_also_come_from_the_crosswalk_and_success_has_no_retry_class() {
        let all = builtin();
        let find = |code: &str| all.iter().find(|e| e.code == code).unwrap();
        assert_eq!(
            find("40001").twins,
            ["InvalidParameter", "InvalidParameter.InvalidParameter"]
        );
        assert_eq!(find("InvalidParameter").twins, ["40001"]);
        let success = find("200");
        assert_eq!(success.retry, None);
        assert_eq!(success.category.as_deref(), Some("success"));
        assert!(success.see_also.is_empty());
        assert_eq!(
            find("41601").see_also,
            ["AuthFailure.SignatureExpire", "AuthFailure.TokenFailure"]
        );
        assert_eq!(
            find("AuthFailure.TokenFailure").see_also,
            ["41601", "41602"]
        );
        // Both rows of a product and common code name it: once.
        assert_eq!(find("InvalidParameterValue").see_also, ["40005"]);
        // No answer of the API carries an SDK's client-side code.
        assert_eq!(find("ClientError.NetworkError").http_status, None);
        assert_eq!(find("41601").http_status, Some(200));
    }

    #[test]
    fn a_user_row_without_optional_fields_gives_none_and_keeps_its_source() {
        let mut table = Table::builtin();
        table.merge(
            crate::table::parse_rows(
                r#"[{"code": 51603, "http_status": 503, "message": "m"},
                    {"code": 51603, "http_status": 200, "message": "m", "hint_zh": "只有中文"}]"#,
                "mine.json",
            )
            .unwrap(),
        );
        let all = entries(&table, V3Table::builtin());
        let e = all.iter().find(|e| e.code == "51603").unwrap();
        assert_eq!(e.message, "m");
        assert_eq!(
            (e.message_en.as_deref(), e.category.as_deref()),
            (None, None)
        );
        assert_eq!(e.http_status, Some(503));
        assert_eq!(e.hint_en.as_deref(), Some("只有中文"));
        assert_eq!(e.source, "mine.json");
        // A user row has no twins: it may mean something else than the built-in one.
        assert!(e.twins.is_empty());
    }
}
