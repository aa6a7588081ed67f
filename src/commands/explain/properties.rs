//! Property tests: any bytes give a result or a typed error; generated envelopes round-trip
//! through `--format json`; every row is found by lookup and by its own description.

use super::{explain_inputs, Input, Options};
use crate::settings::{Format, Settings};
use crate::table::query::Query;
use crate::table::Table;
use crate::Error;
use proptest::prelude::*;
use serde_json::{json, Value};

fn explain_bytes(
    input: &[u8],
    format: Option<Format>,
    options: Options,
) -> (Result<crate::error::Outcome, Error>, Vec<u8>) {
    let table = Table::builtin();
    let mut out = Vec::new();
    let result = explain_inputs(
        vec![Input::Reader("<input>", Box::new(input))],
        &mut out,
        &mut std::io::sink(),
        &table,
        &Settings::piped(format),
        &options,
    );
    (result, out)
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        (-1e12f64..1e12).prop_map(|f| json!(f)),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn status_code() -> impl Strategy<Value = Value> {
    let codes: Vec<u32> = Table::builtin().rows().iter().map(|r| r.code).collect();
    prop_oneof![
        4 => prop::sample::select(codes.clone()).prop_map(|c| json!(c)),
        1 => prop::sample::select(codes).prop_map(|c| json!(c.to_string())),
        1 => any::<i64>().prop_map(|n| json!(n)),
        1 => any::<u64>().prop_map(|n| json!(n)),
    ]
}

fn envelope() -> impl Strategy<Value = (Value, Option<i128>)> {
    (any::<String>(), prop_oneof![Just(json!(0)), Just(json!(500)), any::<i32>().prop_map(|n| json!(n))], status_code(), any::<String>(), json_value())
        .prop_map(|(request_id, code, status, message, data)| {
            let expected = match &status {
                Value::Number(n) => n.as_i64().map(i128::from).or(n.as_u64().map(i128::from)),
                Value::String(s) => s.parse().ok(),
                _ => None,
            };
            (json!({"RequestId": request_id, "Code": code, "StatusCode": status, "Message": message, "Data": data}), expected)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn envelopes_round_trip_through_json(envs in prop::collection::vec(envelope(), 1..5), pretty in any::<bool>()) {
        let mut input = String::new();
        let mut as_read = Vec::new();
        for (env, _) in &envs {
            let text = if pretty { serde_json::to_string_pretty(env).unwrap() } else { env.to_string() };
            // What serde_json reads back from the text (floats may differ in the last bit from `env`).
            as_read.push(serde_json::from_str::<Value>(&text).unwrap());
            input.push_str(&text);
            input.push('\n');
        }
        let (result, out) = explain_bytes(input.as_bytes(), Some(Format::Json), Options::default());
        prop_assert!(result.is_ok(), "{:?}", result);
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        prop_assert_eq!(lines.len(), envs.len());
        for ((line, (_, expected)), env) in lines.iter().zip(&envs).zip(&as_read) {
            prop_assert_eq!(&line["envelope"], env);
            let code = line["annotation"]["status_code"].as_i64().map(i128::from).or(line["annotation"]["status_code"].as_u64().map(i128::from));
            prop_assert_eq!(code, *expected);
        }
    }

    #[test]
    fn any_bytes_give_a_result_or_an_input_error(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for format in [None, Some(Format::Json)] {
            for summary in [false, true] {
                let (result, _) = explain_bytes(&bytes, format, Options { summary, check: true, ..Options::default() });
                prop_assert!(matches!(result, Ok(_) | Err(Error::Input(_) | Error::Reported)), "{:?}", result);
            }
        }
    }

    #[test]
    fn json_like_noise_gives_a_result_or_an_input_error(parts in prop::collection::vec(prop_oneof![
        Just("{".to_string()), Just("}".to_string()), Just("[".to_string()), Just("]".to_string()),
        Just("\"StatusCode\":".to_string()), Just("\"Code\":".to_string()), Just("41601".to_string()),
        Just(",".to_string()), Just("\n".to_string()), Just("\r\n".to_string()), Just("HTTP/1.1 403 X\n".to_string()),
        Just("\"".to_string()), Just("\\".to_string()), Just("\u{feff}".to_string()), any::<String>(),
    ], 0..64)) {
        let input = parts.concat();
        let (result, _) = explain_bytes(input.as_bytes(), None, Options::default());
        prop_assert!(matches!(result, Ok(_) | Err(Error::Input(_) | Error::Reported)), "{:?}", result);
    }

    #[test]
    fn every_code_is_found_by_lookup(index in 0usize..74) {
        let table = Table::builtin();
        let row = &table.rows()[index];
        let query = Query::parse(&row.code.to_string()).unwrap();
        prop_assert!(table.matching(&query).any(|r| r == row));
        let prefix = Query::parse(&format!("{}*", &row.code.to_string()[..2])).unwrap();
        prop_assert!(table.matching(&prefix).any(|r| r == row));
    }

    #[test]
    fn every_description_finds_its_row(index in 0usize..74) {
        let table = Table::builtin();
        let row = &table.rows()[index];
        let found = table.search(std::slice::from_ref(&row.message));
        prop_assert!(found.contains(&row), "{}", row.message);
        let english = row.message_en.clone().unwrap();
        let found = table.search(&[english.to_uppercase()]);
        prop_assert!(found.contains(&row), "{}", english);
    }
}
