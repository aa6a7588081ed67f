//! The codes of Tencent Cloud API 3.0 for this platform (service `iss`, 2023-05-17): the
//! product's codes from the SDK, the common codes every product returns, and the SDK's own
//! client codes, generated into `v3.json` by `scripts/gen-v3-table.py` (see `SOURCES.md`).
//! Read once, when an API 3.0 envelope first asks for it.

use std::sync::OnceLock;

/// The longest code looked up without regard to case: longer than any code of the table.
const MAX_FOLDED: usize = 256;

use serde::Deserialize;

use crate::table::{Retry, Row};

/// The API 3.0 table, as data.
pub const V3_JSON: &str = include_str!("v3.json");

/// One row of `v3.json`.
#[derive(Debug, Deserialize)]
struct V3Json {
    code: String,
    source: String,
    /// `null` for the SDK's client-side codes: no answer came back.
    http_status: Option<u16>,
    message: String,
    message_en: String,
    category: String,
    retry: Retry,
    hint_en: String,
    hint_zh: String,
    actions: Vec<String>,
}

/// The API 3.0 codes, each with its rows (two for a code that is both a product code and a
/// common code), in code order.
#[derive(Debug)]
pub struct V3Table {
    codes: Vec<String>,
    rows: Vec<Row>,
    /// Per row, the actions the SDK documents it for (`*`: any).
    actions: Vec<Vec<String>>,
    /// The codes in ASCII lower case, each with its first row: made on the first lookup that
    /// misses, so the usual code, written as the table writes it, costs no folding.
    folded: OnceLock<std::collections::HashMap<String, usize>>,
}

impl V3Table {
    /// The built-in API 3.0 table, read on first use.
    pub fn builtin() -> &'static V3Table {
        static TABLE: OnceLock<V3Table> = OnceLock::new();
        TABLE.get_or_init(|| V3Table::builtin_where(|_| true))
    }

    /// The built-in rows whose code `keep` accepts. A lookup's time is mostly start-up: the
    /// built-in table holds one row a line, each starting `{"code": "…",`, so only the lines
    /// of kept codes are parsed, as the legacy table's lookup does.
    pub fn builtin_where(keep: impl Fn(&str) -> bool) -> V3Table {
        const ROW: &str = "  {\"code\": \"";
        let kept: Vec<&str> = V3_JSON
            .lines()
            .filter(|line| {
                line.strip_prefix(ROW)
                    .and_then(|rest| rest.split_once('"'))
                    .is_some_and(|(code, _)| keep(code))
            })
            .map(|line| line.trim_end().trim_end_matches(','))
            .collect();
        let rows: Vec<V3Json> = serde_json::from_str(&format!("[{}]", kept.join(",")))
            .expect("v3.json is checked by the test suite");
        let actions = rows.iter().map(|r| r.actions.clone()).collect();
        let (codes, rows) = rows
            .into_iter()
            .map(|r| {
                let row = Row {
                    code: 0,
                    http_status: r.http_status,
                    message: r.message,
                    message_en: Some(r.message_en),
                    category: Some(r.category),
                    retry: Some(r.retry),
                    hint_en: Some(r.hint_en),
                    hint_zh: Some(r.hint_zh),
                    source: format!("api-3.0 {}", r.source).into(),
                    name: Some(r.code.clone()),
                };
                (r.code, row)
            })
            .unzip();
        V3Table {
            codes,
            rows,
            actions,
            folded: OnceLock::new(),
        }
    }

    /// The index of `row` among this table's rows; `None` for a row of elsewhere.
    pub(crate) fn index_of(&self, row: &Row) -> Option<usize> {
        super::index_in(&self.rows, row)
    }

    /// The rows of `code`, as written, else in any case (`resourceunavailable.devoffline`).
    pub fn lookup(&self, code: &str) -> &[Row] {
        let start = self.codes.partition_point(|c| c.as_str() < code);
        let exact = self.codes[start..]
            .iter()
            .take_while(|c| *c == code)
            .count();
        if exact > 0 {
            return &self.rows[start..start + exact];
        }
        // No code of the table is this long: nothing to fold (a 16 MB code is not copied).
        if code.len() > MAX_FOLDED {
            return &[];
        }
        let folded = self.folded.get_or_init(|| {
            let mut map = std::collections::HashMap::with_capacity(self.codes.len());
            for (i, c) in self.codes.iter().enumerate() {
                map.entry(c.to_ascii_lowercase()).or_insert(i);
            }
            map
        });
        let lower;
        let key = match code.bytes().any(|b| b.is_ascii_uppercase()) {
            true => {
                lower = code.to_ascii_lowercase();
                lower.as_str()
            }
            false => code,
        };
        match folded.get(key) {
            Some(&i) => {
                let n = self.codes[i..]
                    .iter()
                    .take_while(|c| c.eq_ignore_ascii_case(code))
                    .count();
                &self.rows[i..i + n]
            }
            None => &[],
        }
    }

    /// The rows whose code matches `pattern`, in any case: a code, or a prefix ending in `*`
    /// or `.` (`AuthFailure.*`, `AuthFailure.`).
    pub fn matching(&self, pattern: &str) -> Vec<&Row> {
        self.codes
            .iter()
            .zip(&self.rows)
            .filter(|(code, _)| code_matches(pattern, code))
            .map(|(_, row)| row)
            .collect()
    }

    /// Whether `arg` is written as an API 3.0 code or pattern: letters first, then letters,
    /// digits and dots, perhaps a final `*`.
    pub fn is_code(arg: &str) -> bool {
        let body = arg.strip_suffix('*').unwrap_or(arg);
        body.starts_with(|c: char| c.is_ascii_alphabetic())
            && body.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
    }

    /// What to suggest for `arg`, which matched no code: the group it names (`AuthFailure` →
    /// `AuthFailure.*`), else the codes a typo away from it ([`crate::table::typo_limit`]),
    /// nearest first.
    pub fn suggest(&self, arg: &str) -> Vec<String> {
        // No code is this long: no typo of one either (and edits cost length × length).
        if arg.len() > 80 {
            return Vec::new();
        }
        // The words a typo away from `target`, nearest first, at most three.
        let nearest = |target: &str, words: &mut dyn Iterator<Item = &str>| {
            let max = crate::table::typo_limit(target);
            let target = target.to_ascii_lowercase();
            let mut near: Vec<(usize, &str)> = words
                .map(|w| {
                    (
                        crate::table::edit_distance(&target, &w.to_ascii_lowercase()),
                        w,
                    )
                })
                .filter(|(d, _)| *d <= max)
                .collect();
            near.sort();
            near.dedup_by(|a, b| a.1 == b.1);
            near.into_iter()
                .take(3)
                .map(|(_, w)| w.to_string())
                .collect::<Vec<_>>()
        };
        if let Some(prefix) = arg.strip_suffix('*').or(arg.ends_with('.').then_some(arg)) {
            // A pattern: the groups (`AuthFailure.`) near its prefix.
            let mut groups = self
                .codes
                .iter()
                .filter_map(|c| c.split_once('.').map(|g| g.0));
            return nearest(prefix.trim_end_matches('.'), &mut groups)
                .into_iter()
                .map(|g| format!("'{g}.*'"))
                .collect();
        }
        // A group without its pattern: the pattern.
        let group = format!("{arg}.");
        if let Some(code) = self.codes.iter().find(|c| code_matches(&group, c)) {
            return vec![format!("'{}*'", &code[..group.len()])];
        }
        // The last part of a code alone (`DevOffline`): the codes it ends.
        if !arg.contains('.') {
            let ends: Vec<String> = self
                .codes
                .iter()
                .filter(|c| {
                    c.rsplit_once('.')
                        .is_some_and(|(_, last)| last.eq_ignore_ascii_case(arg))
                })
                .take(3)
                .cloned()
                .collect();
            if !ends.is_empty() {
                return ends;
            }
        }
        nearest(arg, &mut self.codes.iter().map(String::as_str))
    }

    /// Every row, in code order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The product codes the SDK documents for `action` (in any case).
    pub fn for_action(&self, action: &str) -> Vec<&Row> {
        self.rows
            .iter()
            .zip(&self.actions)
            .filter(|(_, actions)| actions.iter().any(|a| a.eq_ignore_ascii_case(action)))
            .map(|(row, _)| row)
            .collect()
    }

    /// Whether the SDK documents `code` for `action` (a common code goes with any action); true
    /// for a code the table does not have, which is noted otherwise.
    pub fn documents(&self, code: &str, action: &str) -> bool {
        let rows = self.lookup(code);
        if rows.is_empty() {
            return true;
        }
        let at = rows.as_ptr() as usize - self.rows.as_ptr() as usize;
        let first = at / std::mem::size_of::<Row>();
        self.actions[first..first + rows.len()]
            .iter()
            .flatten()
            .any(|a| a == "*" || a.eq_ignore_ascii_case(action))
    }

    /// Every action the SDK documents a code for, each once, in order.
    pub fn actions(&self) -> Vec<String> {
        let mut actions: Vec<String> = self
            .actions
            .iter()
            .flatten()
            .filter(|a| *a != "*")
            .cloned()
            .collect();
        actions.sort();
        actions.dedup();
        actions
    }

    /// Whether the SDK documents any code for `action` (in any case).
    pub fn knows_action(&self, action: &str) -> bool {
        !action.is_empty()
            && self
                .actions
                .iter()
                .flatten()
                .any(|a| a != "*" && a.eq_ignore_ascii_case(action))
    }
}

/// Whether the API 3.0 `code` matches `pattern`: the code in any case, or a prefix ending in
/// `*` or `.`.
pub fn code_matches(pattern: &str, code: &str) -> bool {
    let (prefix, whole) = match pattern.strip_suffix('*') {
        Some(prefix) => (prefix, false),
        None if pattern.ends_with('.') => (pattern, false),
        None => (pattern, true),
    };
    match whole {
        true => code.eq_ignore_ascii_case(prefix),
        false => {
            code.len() >= prefix.len()
                && code.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_found_in_any_case_with_every_row() {
        let table = V3Table::builtin();
        assert!(table.rows().len() >= 190);
        assert_eq!(
            table.lookup("ResourceUnavailable.DevOffline")[0].message,
            "设备离线"
        );
        assert_eq!(table.lookup("resourceunavailable.devoffline").len(), 1);
        // In the product list and the common list: both texts.
        assert_eq!(table.lookup("FailedOperation").len(), 2);
        assert!(table.lookup("NoSuch.Code").is_empty());
        let codes_sorted = table.codes.windows(2).all(|w| w[0] <= w[1]);
        assert!(codes_sorted);
    }

    #[test]
    fn misses_get_the_group_or_the_nearest_codes() {
        let table = V3Table::builtin();
        assert_eq!(table.suggest("authfailure"), ["'AuthFailure.*'"]);
        assert_eq!(
            table.suggest("ResourceUnavailable.DevOfline"),
            ["ResourceUnavailable.DevOffline"]
        );
        assert!(table.suggest("Nothing.Like.This.At.All").is_empty());
        // Typos, one slip in a short code and two in a long one.
        assert_eq!(
            table.suggest("AuthFailure.TokenFailur"),
            ["AuthFailure.TokenFailure"]
        );
        assert_eq!(
            table.suggest("authfailure.tokenfialure"),
            ["AuthFailure.TokenFailure"]
        );
        assert_eq!(
            table.suggest("ResourceUnavaliable.DevOfline"),
            ["ResourceUnavailable.DevOffline"]
        );
        assert_eq!(table.suggest("LimitExceded"), ["LimitExceeded"]);
        // Other codes, not typos: three edits in a short code.
        for other in [
            "NoSuchRegion",
            "InvalidRegion",
            "UnsupportedVersion",
            "InternalErr",
            "Foo.Bar",
        ] {
            assert!(
                table.suggest(other).is_empty(),
                "{other}: {:?}",
                table.suggest(other)
            );
        }
        assert!(table.suggest(&"A".repeat(100_000)).is_empty());
        // A pattern's group, misspelt; the last part of a code alone.
        assert_eq!(table.suggest("AuthFailur.*"), ["'AuthFailure.*'"]);
        assert_eq!(table.suggest("authfailur."), ["'AuthFailure.*'"]);
        assert_eq!(
            table.suggest("DevOffline"),
            ["ResourceUnavailable.DevOffline"]
        );
    }

    #[test]
    fn builtin_where_is_the_builtin_table_filtered() {
        let all = V3Table::builtin();
        // Every row of v3.json is on a line of its own, as the filter expects.
        assert_eq!(
            V3_JSON.lines().filter(|l| l.contains("\"code\":")).count(),
            all.rows().len()
        );
        let some = V3Table::builtin_where(|c| code_matches("AuthFailure.*", c));
        assert_eq!(
            some.rows(),
            &all.matching("AuthFailure.*")
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()[..]
        );
        assert!(some.rows().len() > 3);
        assert_eq!(
            V3Table::builtin_where(|c| c == "FailedOperation")
                .rows()
                .len(),
            2
        );
        assert!(V3Table::builtin_where(|_| false).rows().is_empty());
    }
}
