//! Where a legacy code and an API 3.0 code mean the same: the pairs, each with its evidence,
//! as data (`crosswalk.json`; a test holds the evidence to the two tables).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The crosswalk, as data.
pub const CROSSWALK_JSON: &str = include_str!("crosswalk.json");

/// One pair of twins.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Pair {
    /// The legacy code.
    pub legacy: u32,
    /// The API 3.0 code.
    pub v3: String,
    /// Which list of API 3.0 the code is from (`product` or `common`).
    pub v3_source: String,
    /// Why they mean the same (`identical`: the same text).
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

/// The API 3.0 twins of a legacy code, and the legacy twins of an API 3.0 code.
/// Only rows of the built-in tables have twins: a user table's row may mean something else.
pub fn twins_of(row: &crate::table::Row) -> Vec<String> {
    if row.name.is_none() && &*row.source != crate::table::BUILTIN_SOURCE {
        return Vec::new();
    }
    let mut twins: Vec<String> = pairs()
        .iter()
        .filter_map(|p| match &row.name {
            Some(name) if p.v3.eq_ignore_ascii_case(name) => Some(p.legacy.to_string()),
            None if p.legacy == row.code => Some(p.v3.clone()),
            _ => None,
        })
        .collect();
    // A code that is both a product and a common code is one twin, not two.
    twins.dedup();
    twins
}
