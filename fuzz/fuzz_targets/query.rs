//! The query parser of lookup and list: any text parses or is refused with a message, and what
//! parses matches consistently.
#![no_main]

use errcode::fuzzing::{self, Query};
use errcode::Table;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static TABLE: OnceLock<Table> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let table = TABLE.get_or_init(Table::builtin);
    match Query::parse(text) {
        Ok(query) => {
            // What a query shows round-trips, and lookup agrees with matching.
            assert_eq!(Query::parse(&query.to_string()).as_ref(), Ok(&query));
            if let Query::Code(code) = query {
                let matched = fuzzing::matching(&table, &query);
                assert_eq!(matched.len(), table.lookup(code).len());
            }
            let _ = fuzzing::nearest(&table, text.trim());
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty() && !message.contains('\n') && !message.contains('\u{1b}'), "{message:?}");
        }
    }
    let _ = table.search(&[text.to_string()]);
});
