//! Where a legacy code and an API 3.0 code mean the same (twins, `crosswalk.json`), and where
//! they are related but do not mean the same (see also, `see-also.json`): the pairs, each with
//! its evidence, as data kept apart (a test holds the evidence to the two tables).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The crosswalk, as data.
pub const CROSSWALK_JSON: &str = include_str!("crosswalk.json");

/// The related pairs, as data.
pub const SEE_ALSO_JSON: &str = include_str!("see-also.json");

/// One pair: twins, or related codes.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Pair {
    /// The legacy code.
    pub legacy: u32,
    /// The API 3.0 code.
    pub v3: String,
    /// Which list of API 3.0 the code is from (`product` or `common`).
    pub v3_source: String,
    /// Why they mean the same (`identical`: the same text), or how they are related.
    pub evidence: String,
    /// The evidence in Chinese, for any but `identical`; left out of JSON, which keeps its
    /// fields as they were.
    #[serde(default, skip_serializing)]
    pub evidence_zh: Option<String>,
    /// The legacy code's text.
    pub legacy_message: String,
    /// The API 3.0 code's text.
    pub v3_message: String,
}

/// The word the data gives for twins with the same text, and its Chinese.
const IDENTICAL: (&str, &str) = ("identical", "描述相同");

impl Pair {
    /// The evidence in `lang`: in Chinese, its Chinese, else (a pair without one) as written.
    pub fn evidence_in(&self, lang: crate::lang::Lang) -> &str {
        match (lang, &self.evidence_zh) {
            (crate::lang::Lang::En, _) => &self.evidence,
            (crate::lang::Lang::Zh, Some(zh)) => zh,
            (crate::lang::Lang::Zh, None) if self.evidence == IDENTICAL.0 => IDENTICAL.1,
            (crate::lang::Lang::Zh, None) => &self.evidence,
        }
    }
}

/// Every pair, in legacy-code order.
pub fn pairs() -> &'static [Pair] {
    static PAIRS: OnceLock<Vec<Pair>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        serde_json::from_str(CROSSWALK_JSON).expect("crosswalk.json is checked by the test suite")
    })
}

/// The pairs of related codes, in legacy-code order.
pub fn see_also_pairs() -> &'static [Pair] {
    static PAIRS: OnceLock<Vec<Pair>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        serde_json::from_str(SEE_ALSO_JSON).expect("see-also.json is checked by the test suite")
    })
}

/// The API 3.0 twins of a legacy code, and the legacy twins of an API 3.0 code.
/// Only rows of the built-in tables have twins: a user table's row may mean something else.
pub fn twins_of(row: &crate::table::Row) -> Vec<String> {
    other_side(row, pairs())
}

/// The codes of the other API generation related to `row`'s without meaning the same, both
/// ways; only for rows of the built-in tables.
pub fn see_also_of(row: &crate::table::Row) -> Vec<String> {
    other_side(row, see_also_pairs())
}

/// The codes `pairs` put beside `row`'s, each once, in the pairs' order.
fn other_side(row: &crate::table::Row, pairs: &[Pair]) -> Vec<String> {
    if row.name.is_none() && &*row.source != crate::table::BUILTIN_SOURCE {
        return Vec::new();
    }
    let mut codes: Vec<String> = Vec::new();
    for p in pairs {
        let code = match &row.name {
            Some(name) if p.v3.eq_ignore_ascii_case(name) => p.legacy.to_string(),
            None if p.legacy == row.code => p.v3.clone(),
            _ => continue,
        };
        // A code that is both a product and a common code is one code, not two.
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn every_pair_has_its_evidence_in_chinese() {
        let chinese = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for pair in pairs().iter().chain(see_also_pairs()) {
            let zh = pair.evidence_in(Lang::Zh);
            assert_ne!(zh, pair.evidence, "{} {}", pair.legacy, pair.v3);
            assert!(chinese(zh) && !zh.contains("identical"), "{zh}");
            // The Chinese is the evidence's own words, and says what the English says of codes.
            for code in pair
                .evidence
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
            {
                if code.len() >= 5 && code.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                    assert!(zh.contains(code), "{code} missing from {zh}");
                }
            }
            assert_eq!(pair.evidence_in(Lang::En), pair.evidence);
        }
    }

    #[test]
    fn json_keeps_the_fields_it_had() {
        let json = serde_json::to_value(&see_also_pairs()[0]).unwrap();
        let mut keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        let want = [
            "evidence",
            "legacy",
            "legacy_message",
            "v3",
            "v3_message",
            "v3_source",
        ];
        assert_eq!(keys, want);
    }
}
