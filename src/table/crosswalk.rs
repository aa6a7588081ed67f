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
    /// The legacy code's text.
    pub legacy_message: String,
    /// The API 3.0 code's text.
    pub v3_message: String,
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
