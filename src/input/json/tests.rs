//! The scanner: envelopes found, the grammar, nesting, and the usual line read alike by both
//! paths.

use super::*;
use std::ops::Range;

/// The envelopes in `text` as (api, raw, StatusCode as written), and what was seen.
fn scan(text: &str) -> (Vec<(Api, String, Option<String>)>, Seen) {
    let mut out = Vec::new();
    let mut scanner = Scanner::new();
    let mut emit = |t: &[u8], f: &Found| {
        let s = |r: &Range<usize>| String::from_utf8_lossy(&t[r.clone()]).into_owned();
        out.push((f.api, s(&f.raw), f.slots[2].as_ref().map(s)));
        Ok(())
    };
    let seen = scan_text(&mut scanner, text.as_bytes(), 0, &mut emit).unwrap();
    scanner.end_scope(text.as_bytes(), &mut emit).unwrap();
    (out, seen)
}

#[test]
fn every_envelope_on_a_line_in_order() {
    let (found, seen) = scan(r#"a={"StatusCode":1} b={"StatusCode":2}"#);
    let codes: Vec<_> = found.iter().map(|f| f.2.clone().unwrap()).collect();
    assert_eq!(codes, ["1", "2"]);
    assert_eq!(seen.values, 2);
}

#[test]
fn the_logged_request_does_not_beat_the_response() {
    let (found, _) = scan(
        r#"req={"RequestId":"a","Code":0} resp={"RequestId":"a","Code":0,"StatusCode":52502}"#,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].2.as_deref(), Some("52502"));
    // Alone, such an object is the envelope.
    let (found, _) = scan(r#"{"RequestId":"a","Code":500}"#);
    assert_eq!(found.len(), 1);
}

#[test]
fn a_log_records_own_fields_do_not_hide_the_nested_envelope() {
    let (found, _) = scan(
        r#"{"level":"error","request_id":"x","code":500,"response":{"RequestId":"x","Code":0,"StatusCode":41601}}"#,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].2.as_deref(), Some("41601"));
}

#[test]
fn an_envelope_inside_an_envelope_is_handed_on_whatever_the_key_order() {
    let inner = r#"{"RequestId":"1","Code":0,"StatusCode":40006}"#;
    for text in [
        format!(r#"{{"StatusCode":200,"Data":{inner},"Code":0}}"#),
        format!(r#"{{"Data":{inner},"StatusCode":200,"Code":0}}"#),
    ] {
        let (found, _) = scan(&text);
        let mut codes: Vec<_> = found.iter().map(|f| f.2.clone().unwrap()).collect();
        codes.sort();
        assert_eq!(codes, ["200", "40006"], "{text}");
    }
    // A logged request inside an envelope is not one.
    let (found, _) = scan(r#"{"StatusCode":200,"Data":{"RequestId":"1","Code":0}}"#);
    assert_eq!(found.len(), 1);
}

#[test]
fn api_3_errors_of_every_shape_and_a_response_written_twice() {
    let mut scanner = Scanner::new();
    let mut got = Vec::new();
    for text in [
        r#"{"Response":{"Error":{},"RequestId":"r"}}"#,
        r#"{"Response":{"Error":"InternalError","RequestId":"r"}}"#,
        r#"{"Response":{"Error":{"Code":"X"},"RequestId":"r"},"Response":{"RequestId":"r"}}"#,
    ] {
        scan_text(&mut scanner, text.as_bytes(), 0, &mut |_, f: &Found| {
            got.push((
                f.error,
                f.slots[2].is_some(),
                f.keys.as_ref().is_some_and(|k| k.duplicates[2].is_some()),
            ));
            Ok(())
        })
        .unwrap();
    }
    assert_eq!(
        got,
        [
            (true, false, false),
            (true, true, false),
            (true, true, true)
        ]
    );
}

#[test]
fn api_3_responses_and_their_error_code() {
    let text = r#"{"Response":{"Error":{"Code":"ResourceUnavailable.DevOffline","Message":"设备离线"},"RequestId":"6f2c"}}"#;
    let (found, _) = scan(text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, Api::V3);
    assert_eq!(found[0].1, text);
    assert_eq!(
        found[0].2.as_deref(),
        Some(r#""ResourceUnavailable.DevOffline""#)
    );
    let (found, _) = scan(r#"{"Response":{"TotalCount":0,"RequestId":"6f2c"}}"#);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].2, None);
    // Not a 3.0 response: no RequestId, no Error.
    assert!(scan(r#"{"Response":{"TotalCount":0}}"#).0.is_empty());
}

#[test]
fn json_inside_strings() {
    let (found, _) = scan(r#"{"level":"error","resp":"{\"StatusCode\":52502,\"Code\":500}"}"#);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, r#"{"StatusCode":52502,"Code":500}"#);
    let (found, _) = scan(r#"level=error resp="{\"StatusCode\":52502}" took=3ms"#);
    assert_eq!(found.len(), 1);
}

#[test]
fn a_brace_in_the_prefix_is_not_broken_json() {
    let (found, seen) = scan(r#"{main} ERROR resp={"StatusCode":41601}"#);
    assert_eq!(found.len(), 1);
    assert_eq!(seen.fault.map(|f| f.2), Some(2));
    let prefix = "{".repeat(500);
    assert_eq!(
        scan(&format!(r#"{prefix} x={{"StatusCode":1}}"#)).0.len(),
        1
    );
}

#[test]
fn values_inside_a_broken_value_are_kept() {
    let (found, seen) = scan(r#"{"a":{"StatusCode":1} {"StatusCode":2}"#);
    assert_eq!(found.len(), 2);
    assert!(seen.fault.is_some());
}

#[test]
fn an_open_value_is_reported_with_its_start() {
    let (found, seen) = scan(r#"x {"StatusCode":1} resp={"StatusCode": 4"#);
    assert_eq!(found.len(), 1);
    assert_eq!(seen.open, Some(24));
}

#[test]
fn nesting_is_linear_and_does_not_recurse() {
    let deep = "[".repeat(1_000_000) + &"]".repeat(1_000_000);
    let (_, seen) = scan(&deep);
    assert_eq!(seen.values, 1);
    let deep = r#"{"a":"#.repeat(200_000) + "1" + &"}".repeat(200_000);
    assert_eq!(scan(&deep).1.values, 1);
    let unclosed = "[".repeat(1_000_000);
    assert_eq!(scan(&unclosed).1.open, Some(0));
    let mismatched = "[".repeat(100) + &"}".repeat(100);
    assert!(scan(&mismatched).1.fault.is_some());
}

#[test]
fn the_grammar_is_strict() {
    for bad in [
        r#"{"a":01}"#,
        r#"{"a":1.}"#,
        r#"{"a":tru}"#,
        r#"{"a" 1}"#,
        r#"{"a":1,}"#,
        r#"{a:1}"#,
        r#"{"a":"\x"}"#,
        r#"{"a":12abc}"#,
        r#"[1 2]"#,
    ] {
        let (_, seen) = scan(bad);
        assert_eq!(seen.values, 0, "{bad}");
    }
    for good in [
        r#"{"a":-0.5e+10}"#,
        r#"{"a":[]}"#,
        r#"[{}]"#,
        r#"{"\u00e9":"\""}"#,
    ] {
        assert_eq!(scan(good).1.values, 1, "{good}");
    }
}

#[test]
fn the_usual_line_is_read_alike_by_both_scanners() {
    let lines = [
        r#"{"RequestId":"a","Code":0,"StatusCode":200,"Message":"ok","Data":{"n":[1,2,{"x":null}]}}"#,
        r#"  {"StatusCode": 41601 , "Code" : -0, "x": true, "y": false, "z": 1.5e-3}  "#,
        r#"{"Data":{"Items":[1]},"StatusCode":200}"#,
        r#"{"StatusCode":200,"Data":{"StatusCode":1}}"#,
        r#"{"StatusCode":200,"Data":{"Response":{"RequestId":"r"}}}"#,
        r#"{"Data":{"statusCode":1},"StatusCode":200}"#,
        r#"{"Data":{"Response":{"RequestId":"r"}},"StatusCode":200}"#,
        r#"{"Data":"{"StatusCode":1}","StatusCode":200}"#,
        r#"{"StatusCode":200,"statusCode":1}"#,
        r#"{"StatusCode":200,"StatusCode":1}"#,
        r#"{"StatusCode":200,"Error":{"Code":"X"}}"#,
        r#"{"StatusCode":200,"Response":{"RequestId":"r"}}"#,
        r#"{"Code":0,"RequestId":"a"}"#,
        r#"{"StatusCode":200} x"#,
        r#"{"StatusCode":200,}"#,
        r#"{"StatusCode":01}"#,
        r#"{"StatusCode":"200","Message":""quoted" \ 	"}"#,
        r#"{"StatusCode":200,"Data":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#,
        r#"{"StatusCode":200,"Data":[}"#,
        r#"{"StatusCode":200,"Data":{"a":1,}}"#,
        "{\"StatusCode\":200,\"Message\":\"tab\there\"}",
    ];
    for line in lines {
        let text = line.as_bytes();
        let first = text.iter().position(|b| *b == b'{').unwrap();
        let mut full = Vec::new();
        let mut scanner = Scanner::new();
        let mut emit = |_: &[u8], f: &Found| {
            full.push((f.api, f.raw.clone(), f.slots.clone(), f.keys.clone()));
            Ok(())
        };
        scan_text(&mut scanner, text, 0, &mut emit).unwrap();
        scanner.end_scope(text, &mut emit).unwrap();
        if let Some(f) = usual_object(text, first) {
            let fast = (f.api, f.raw, f.slots, f.keys);
            assert_eq!(full, [fast], "{line}");
        }
    }
    assert!(usual_object(lines[0].as_bytes(), 0).is_some());
    assert!(usual_object(lines[5].as_bytes(), 0).is_none());
}

#[test]
fn duplicate_keys_keep_both_readings() {
    let mut scanner = Scanner::new();
    let text = br#"{"StatusCode":52502,"Code":0,"StatusCode":200}"#;
    let mut got = None;
    scan_text(&mut scanner, text, 0, &mut |_, f: &Found| {
        got = Some(f.clone());
        Ok(())
    })
    .unwrap();
    let f = got.unwrap();
    assert_eq!(&text[f.slots[2].clone().unwrap()], b"200");
    assert_eq!(
        &text[f.keys.unwrap().duplicates[2].clone().unwrap()],
        b"52502"
    );
}

#[test]
fn a_payload_is_looked_into_only_when_it_may_hold_an_envelope() {
    let text = br#"{"StatusCode":200,"Data":{"DeviceId":"3402","Status":1}}"#;
    assert!(usual_object(text, 0).is_some());
    for nested in [
        r#"{"StatusCode":200,"Data":{"status_code":1}}"#,
        r#"{"StatusCode":200,"Data":{"Response":{"RequestId":"r"}}}"#,
        r#"{"StatusCode":200,"Data":[{"STATUS-CODE":1}]}"#,
    ] {
        assert!(usual_object(nested.as_bytes(), 0).is_none(), "{nested}");
    }
}

#[test]
fn a_usual_object_with_only_envelope_fields_is_bare() {
    let bare = br#"{"RequestId":"r","Code":0,"StatusCode":200,"Message":"ok","Data":{"ts":1}}"#;
    assert!(usual_object(bare, 0).unwrap().bare);
    // A member of its own (zap's `ts` beside the fields) may be the line's time.
    let zap = br#"{"ts":1795766401,"RequestId":"r","StatusCode":200}"#;
    assert!(!usual_object(zap, 0).unwrap().bare);
}

/// The full scanner's reading of `text` as one line, in the form `usual_object` gives.
type Reading = (Api, Range<usize>, [Option<Range<usize>>; 5]);

fn full_reading(text: &[u8]) -> Vec<Reading> {
    let mut full = Vec::new();
    let mut scanner = Scanner::new();
    let mut emit = |_: &[u8], f: &Found| {
        full.push((f.api, f.raw.clone(), f.slots.clone()));
        Ok(())
    };
    if scan_text(&mut scanner, text, 0, &mut emit).is_ok() {
        let _ = scanner.end_scope(text, &mut emit);
    }
    full
}

mod payloads {
    use super::*;
    use proptest::prelude::*;

    /// A JSON value as text, with words that may open an envelope among its keys and strings.
    fn json() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "\"a\"",
            "\"Status\"",
            "\"DeviceId\"",
            "\"StatusCode\"",
            "\"status_code\"",
            "\"Response\"",
            "\"{\\\"x\\\"\"",
            "\"\\u00e9\"",
            "\"a\\/b\"",
            "\"\"",
        ]);
        let leaf = prop_oneof![
            word.clone().prop_map(String::from),
            prop::sample::select(vec!["1", "-0", "1.5e3", "0.25", "true", "false", "null"])
                .prop_map(String::from),
        ];
        leaf.prop_recursive(4, 24, 4, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4)
                    .prop_map(|v| format!("[{}]", v.join(","))),
                prop::collection::vec((word.clone(), inner), 0..4).prop_map(|v| {
                    let members: Vec<String> =
                        v.iter().map(|(k, v)| format!("{k} : {v}")).collect();
                    format!("{{{}}}", members.join(", "))
                }),
            ]
        })
    }

    /// A payload: JSON, perhaps with one byte taken out or one put in.
    fn payload() -> impl Strategy<Value = String> {
        let bytes = prop::sample::select(vec![
            ",", ":", "}", "]", "{", "[", "\"", "\\", "n", "0", " ",
        ]);
        (json(), 0..3u8, any::<prop::sample::Index>(), bytes).prop_map(|(text, how, at, byte)| {
            let mut text = text.into_bytes();
            let i = at.index(text.len() + 1);
            match how {
                1 if i < text.len() => {
                    text.remove(i);
                }
                2 => text.splice(i..i, byte.bytes()).for_each(drop),
                _ => {}
            }
            String::from_utf8_lossy(&text).into_owned()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

        /// Whatever payload the one-pass reading accepts is JSON, and the full scanner reads
        /// the line alike.
        #[test]
        fn the_usual_line_accepts_only_what_the_full_scanner_reads_alike(data in payload()) {
            let line = format!(r#"{{"RequestId":"r","Code":0,"StatusCode":200,"Data":{data}}}"#);
            let text = line.as_bytes();
            if let Some(f) = usual_object(text, 0) {
                prop_assert!(serde_json::from_slice::<serde_json::Value>(text).is_ok(), "{}", line);
                prop_assert_eq!(full_reading(text), vec![(f.api, f.raw, f.slots)], "{}", line);
            }
        }

        /// A payload of plain JSON (no key that may open an envelope, no JSON in a string) is
        /// taken by the one-pass reading: it declines only what it must.
        #[test]
        fn plain_json_payloads_take_the_fast_path(data in payload()) {
            let line = format!(r#"{{"StatusCode":200,"Data":{data}}}"#);
            let plain = !data.contains("tatus") && !data.contains("Response") && !data.contains("{\\");
            if plain && serde_json::from_slice::<serde_json::Value>(line.as_bytes()).is_ok()
                && !data.trim_start().starts_with('"')
            {
                prop_assert!(usual_object(line.as_bytes(), 0).is_some(), "{}", line);
            }
        }
    }
}
