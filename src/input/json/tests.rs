//! The scanner: envelopes found, the grammar, nesting, and the usual line read alike by both
//! paths.

use super::*;
use std::ops::Range;

/// The envelopes in `text` as (api, raw, StatusCode as written), and what was seen.
fn scan(text: &str) -> (Vec<(Api, String, Option<String>)>, LineSearch) {
    let mut out = Vec::new();
    let mut scanner = Scanner::new();
    let mut emit = |t: &[u8], f: &Found| {
        let s = |r: &Range<usize>| String::from_utf8_lossy(&t[r.clone()]).into_owned();
        out.push((f.api, s(&f.raw), f.slots[2].as_ref().map(s)));
        Ok(())
    };
    let seen = search(&mut scanner, text.as_bytes(), 0, &mut emit).unwrap();
    (out, seen)
}

#[test]
fn every_envelope_on_a_line_in_order() {
    let (found, seen) = scan(r#"a={"StatusCode":41601} b={"StatusCode":41606}"#);
    let codes: Vec<_> = found.iter().map(|f| f.2.clone().unwrap()).collect();
    assert_eq!(codes, ["41601", "41606"]);
    assert_eq!(seen.values, 2);
}

#[test]
fn the_logged_request_does_not_beat_the_response() {
    let (found, _) = scan(
        r#"req={"RequestId":"a","Code":0} resp={"RequestId":"a","Code":0,"StatusCode":52502}"#,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].2.as_deref(), Some("52502"));
    // Alone, such an object is another API's, not an envelope.
    let (found, _) = scan(r#"{"RequestId":"a","Code":500}"#);
    assert!(found.is_empty());
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
    let (found, _) = scan(r#"{"StatusCode":200,"Code":0,"Data":{"RequestId":"1","Code":0}}"#);
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
        search(&mut scanner, text.as_bytes(), 0, &mut |_, f: &Found| {
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
    assert_eq!(seen.fault.map(|f| f.3), Some(2));
    let prefix = "{".repeat(500);
    assert_eq!(
        scan(&format!(r#"{prefix} x={{"StatusCode":41601}}"#))
            .0
            .len(),
        1
    );
}

#[test]
fn values_inside_a_broken_value_are_kept() {
    let (found, seen) = scan(r#"{"a":{"StatusCode":41601} {"StatusCode":41606}"#);
    assert_eq!(found.len(), 2);
    assert!(seen.fault.is_some());
}

#[test]
fn an_open_value_is_reported_with_its_start() {
    let (found, seen) = scan(r#"x {"StatusCode":41601} resp={"StatusCode": 4"#);
    assert_eq!(found.len(), 1);
    assert_eq!(seen.open, Some(28));
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
fn duplicate_keys_keep_both_readings() {
    let mut scanner = Scanner::new();
    let text = br#"{"StatusCode":52502,"Code":0,"StatusCode":200}"#;
    let mut got = None;
    search(&mut scanner, text, 0, &mut |_, f: &Found| {
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

/// The full scanner's reading of `text` as one line, in the form `usual_object` gives.
type Reading = (Api, Range<usize>, [Option<Range<usize>>; 5]);

fn full_reading(text: &[u8]) -> Vec<Reading> {
    let mut full = Vec::new();
    let mut scanner = Scanner::new();
    let mut emit = |_: &[u8], f: &Found| {
        full.push((f.api, f.raw.clone(), f.slots.clone()));
        Ok(())
    };
    let _ = search(&mut scanner, text, 0, &mut emit);
    full
}

#[test]
fn the_usual_line_is_read_alike_by_both_scanners_or_left_to_the_full_one() {
    let lines = [
        r#"{"RequestId":"a","Code":0,"StatusCode":200,"Message":"ok","Data":{"n":[1,2,{"x":null}]}}"#,
        r#"  {"StatusCode": 41601 , "Code" : -0, "Data": [true, false, 1.5e-3]}  "#,
        r#"{"Data":{"Items":[1]},"StatusCode":41601}"#,
        r#"{"StatusCode":41601,"Code":0,"ts":1}"#,
        r#"{"StatusCode":200,"Code":0,"Data":{"StatusCode":41601}}"#,
        r#"{"StatusCode":200,"Code":0,"Data":{"Response":{"RequestId":"r"}}}"#,
        r#"{"StatusCode":200,"Code":0,"Data":"{"StatusCode":41601}"}"#,
        r#"{"StatusCode":200,"Code":0,"Data":"[TencentCloudSDKError] Code=X, RequestId=r"}"#,
        r#"{"StatusCode":200,"Code":0,"Data":{"message":[123,125]}}"#,
        r#"{"StatusCode":200,"Code":0,"Message":[123,125]}"#,
        r#"{"StatusCode":200,"statusCode":1}"#,
        r#"{"StatusCode":200}"#,
        r#"{"StatusCode":200,"Code":0} x"#,
        r#"{"StatusCode":01}"#,
    ];
    for (i, line) in lines.iter().enumerate() {
        let text = line.as_bytes();
        let first = text.iter().position(|b| *b == b'{').unwrap();
        match usual_object(text, first) {
            Some(f) => assert_eq!(full_reading(text), [(f.api, f.raw, f.slots)], "{line}"),
            None => assert!(i >= 3, "the usual line, declined: {line}"),
        }
        // A member of the record's own, or one that may hold an envelope: declined.
        if i >= 3 {
            assert!(usual_object(text, first).is_none(), "{line}");
        }
    }
}

/// Everything the search finds on `text`, whole, and what it saw.
fn full_search(text: &[u8]) -> (Vec<Found>, LineSearch) {
    let mut full = Vec::new();
    let mut scanner = Scanner::new();
    let mut emit = |_: &[u8], f: &Found| {
        full.push(f.clone());
        Ok(())
    };
    let seen = search(&mut scanner, text, 0, &mut emit).unwrap();
    (full, seen)
}

/// Whether the one-pass reading of `text` after its prefix gives exactly what the search of
/// the whole line gives, and nothing else: `None` when it declines.
fn usual_in_line_as_searched(text: &[u8]) -> Option<bool> {
    let brace = memchr::memchr(b'{', text)?;
    let f = usual_in_line(text, 0, brace)?;
    let (full, seen) = full_search(text);
    let fields = |f: &Found| {
        (
            f.api,
            f.raw.clone(),
            f.slots.clone(),
            f.keys.clone(),
            f.error,
        )
    };
    let place = |f: &Found| (f.at, f.at_end, f.sdk);
    let prefilter = crate::input::prefilter::Prefilter::default().rule_out(text, Some(brace));
    Some(
        seen.open.is_none()
            && full.len() == 1
            && fields(&full[0]) == fields(&f)
            && place(&full[0]) == place(&f)
            && prefilter.is_none(),
    )
}

#[test]
fn the_usual_object_after_a_prefix_or_left_to_the_search() {
    let envelope = r#"{"RequestId":"r","Code":0,"StatusCode":41601,"Message":"m","Data":null}"#;
    for prefix in [
        "2026-12-06T10:45:16.506+08:00 ERROR [worker-1] ivc.X failed cost=36ms resp=",
        "2026-12-06T10:45:16.506993908+08:00 stderr F 2026-12-06T10:45:16.506+08:00 ERROR ",
        r#"10.0.3.17 "POST /v1 HTTP/1.1" 200 "Go-http-client/1.1" "#,
        "  x ",
    ] {
        let line = format!("{prefix}{envelope}  ");
        assert_eq!(
            usual_in_line_as_searched(line.as_bytes()),
            Some(true),
            "{line}"
        );
    }
    for line in [
        // A string of JSON that opens at the brace, an array that starts the line, another
        // value after the envelope, the SDK's mark, a brace in the prefix.
        format!(r#"msg="{envelope}""#),
        format!(r#"msg="[{envelope}]""#),
        format!("[worker-1] {envelope}"),
        format!("x {envelope} {{}}"),
        format!("[TencentCloudSDKError] Code=X, RequestId=r {envelope}"),
        format!("x {{}} {envelope}"),
    ] {
        assert_eq!(usual_in_line_as_searched(line.as_bytes()), None, "{line}");
    }
}

mod payloads {
    use super::*;
    use proptest::prelude::*;

    /// Log text before an envelope, with what may make the search read more than the envelope.
    fn prefix() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "2026-12-06T10:00:00Z ",
            "ERROR ",
            "resp=",
            "\"",
            "[",
            "]",
            "\\",
            " ",
            "\t",
            "x",
            ":",
            "\"[",
            "[{",
            "{}",
            "\"{\\\"",
            "\"\"",
            "TencentCloudSDK",
            "[TencentCloudSDKError] Code=InternalError, RequestId=r ",
            "\u{feff}",
        ]);
        prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
    }

    /// An envelope's `Message` member, or none: text, or the bytes journald writes for a
    /// message that is not UTF-8, which may spell an envelope or an SDK string.
    fn message() -> impl Strategy<Value = String> {
        let spelled = prop::sample::select(vec![
            "",
            "ok",
            "{\"StatusCode\":41601}",
            "[TencentCloudSDKError] Code=InternalError, RequestId=r",
            "{}",
        ]);
        (spelled, 0..3u8).prop_map(|(text, how)| match how {
            0 => String::new(),
            1 => format!("\"Message\":{},", serde_json::to_string(text).unwrap()),
            _ => {
                let bytes: Vec<String> = text.bytes().map(|b| b.to_string()).collect();
                format!("\"Message\":[{}],", bytes.join(","))
            }
        })
    }

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

        /// Whatever line the one-pass reading accepts is JSON, and the full scanner reads it
        /// alike.
        #[test]
        fn the_usual_line_accepts_only_what_the_full_scanner_reads_alike(data in payload()) {
            let line = format!(r#"{{"RequestId":"r","Code":0,"StatusCode":200,"Data":{data}}}"#);
            let text = line.as_bytes();
            if let Some(f) = usual_object(text, 0) {
                prop_assert!(serde_json::from_slice::<serde_json::Value>(text).is_ok(), "{}", line);
                prop_assert_eq!(full_reading(text), vec![(f.api, f.raw, f.slots)], "{}", line);
            }
        }

        /// Whatever the one-pass reading accepts after a line's prefix, the search of the whole
        /// line reads alike, and finds nothing else.
        #[test]
        fn the_usual_object_after_a_prefix_is_what_the_search_finds(
            pre in prefix(),
            data in payload(),
            message in message(),
            tail in prop::sample::select(vec!["", " ", "\t", "x", "}", " {}"]),
        ) {
            let line = format!(
                r#"{pre}{{"RequestId":"r","Code":0,"StatusCode":41601,{message}"Data":{data}}}{tail}"#
            );
            let alike = usual_in_line_as_searched(line.as_bytes());
            prop_assert!(alike != Some(false), "{}", line);
        }

        /// The scanner finds the envelope that is the whole line exactly when the line is
        /// JSON, whatever its payload.
        #[test]
        fn the_grammar_is_json_and_the_envelope_is_found_whatever_the_payload(data in payload()) {
            let line = format!(r#"{{"RequestId":"r","Code":0,"StatusCode":41601,"Data":{data}}}"#);
            let json = serde_json::from_slice::<serde_json::Value>(line.as_bytes()).is_ok();
            let (found, _) = scan(&line);
            prop_assert_eq!(found.iter().any(|f| f.1 == line), json, "{}", line);
        }
    }
}

#[test]
fn foreign_json_is_no_envelope_and_is_noted() {
    for foreign in [
        r#"{"req":{"method":"GET"},"res":{"statusCode":404},"responseTime":3}"#,
        r#"{"RequestPath":"/api","StatusCode":500,"Elapsed":12.5,"RequestId":"0HM"}"#,
        r#"{"code":0,"message":"success","requestId":"abc"}"#,
        r#"{"response":{"status":404,"requestId":"x"}}"#,
        r#"{"Response":{"Code":5,"RequestId":"x"}}"#,
        r#"{"Response":{"RequestId":5}}"#,
        r#"{"statusCode":404,"message":"Cannot GET /x","error":"Not Found"}"#,
        r#"{"statusCode":400,"code":"FST_ERR_VALIDATION","message":"m"}"#,
    ] {
        let mut scanner = Scanner::new();
        let mut found = 0;
        search(&mut scanner, foreign.as_bytes(), 0, &mut |_, _: &Found| {
            found += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(found, 0, "{foreign}");
        assert!(scanner.passed.near, "{foreign}");
    }
    // Five digits, or a Code or Message beside it, make a legacy envelope.
    for legacy in [
        r#"{"StatusCode":41601}"#,
        r#"{"statusCode":"41601"}"#,
        r#"{"StatusCode":200,"Code":0}"#,
        r#"{"STATUSCODE":200,"MESSAGE":"ok"}"#,
        r#"{"StatusCode":500,"Code":500,"Message":"m"}"#,
    ] {
        assert_eq!(scan(legacy).0.len(), 1, "{legacy}");
    }
}

#[test]
fn api_3_keys_match_in_any_case() {
    let (found, _) = scan(r#"{"Response":{"error":{"code":"InternalError"},"requestId":"x"}}"#);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].2.as_deref(), Some(r#""InternalError""#));
    let (found, _) = scan(r#"{"RESPONSE":{"ERROR":{"CODE":"X"},"REQUESTID":"x"}}"#);
    assert_eq!(found[0].2.as_deref(), Some(r#""X""#));
}

/// The envelopes of `text` with their fields unescaped: (StatusCode or code, RequestId).
fn fields(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut scanner = Scanner::new();
    search(
        &mut scanner,
        text.as_bytes(),
        0,
        &mut |t: &[u8], f: &Found| {
            let s = |r: &Option<Range<usize>>| {
                r.clone()
                    .map(|r| String::from_utf8_lossy(&t[r]).trim_matches('"').to_string())
                    .unwrap_or_default()
            };
            out.push((s(&f.slots[2]), s(&f.slots[0])));
            Ok(())
        },
    )
    .unwrap();
    out
}

#[test]
fn every_string_is_searched_like_a_line() {
    let legacy = || ("41601".to_string(), "r1".to_string());
    let v3 = || ("InternalError".to_string(), "q".to_string());
    // Docker's `log`, after a prefix, with its line end.
    let docker = r#"{"log":"2026/12/06 10:00:01 ERROR resp={\"RequestId\":\"r1\",\"Code\":0,\"StatusCode\":41601}\n","stream":"stdout","time":"2026-12-06T10:00:01Z"}"#;
    assert_eq!(fields(docker), [legacy()]);
    // journald's MESSAGE, logcli's line, an Elasticsearch hit, a zap error.
    for record in [
        r#"{"MESSAGE":"resp={\"RequestId\":\"r1\",\"Code\":0,\"StatusCode\":41601}","_PID":"1"}"#,
        r#"{"labels":{"app":"x"},"line":"resp={\"RequestId\":\"r1\",\"Code\":0,\"StatusCode\":41601}","timestamp":"t"}"#,
        r#"{"hits":{"hits":[{"_source":{"message":"resp={\"RequestId\":\"r1\",\"Code\":0,\"StatusCode\":41601}"}}]}}"#,
    ] {
        assert_eq!(fields(record), [legacy()], "{record}");
    }
    let zap = r#"{"level":"error","error":"api error: {\"Response\":{\"Error\":{\"Code\":\"InternalError\"},\"RequestId\":\"q\"}}"}"#;
    assert_eq!(fields(zap), [v3()]);
    // An SDK string inside a Docker record: its RequestId without the record's `\n`.
    let sdk = r#"{"log":"E [TencentCloudSDKError] Code=InternalError, Message=m, RequestId=q\n"}"#;
    assert_eq!(fields(sdk), [v3()]);
    // The same at the string's start, where its bracket could open an array.
    let sdk = r#"{"log":"[TencentCloudSDKError] Code=InternalError, Message=m, RequestId=q\n"}"#;
    assert_eq!(fields(sdk), [v3()]);
    // journald's MESSAGE that is not UTF-8, as bytes.
    let text = "resp={\"RequestId\":\"r1\",\"Code\":0,\"StatusCode\":41601} \u{ff}";
    let mut bytes: Vec<String> = text.bytes().map(|b| b.to_string()).collect();
    bytes.push("255".into());
    let journald = format!(r#"{{"MESSAGE":[{}],"_PID":"1"}}"#, bytes.join(","));
    assert_eq!(fields(&journald), [legacy()]);
    // A CSV export with doubled quotes.
    let csv =
        r#"2026-12-06T10:00:01Z,app,"resp={""RequestId"":""r1"",""Code"":0,""StatusCode"":41601}""#;
    assert_eq!(fields(csv), [legacy()]);
    let csv = r#"1,"{""RequestId"":""r1"",""Code"":0,""StatusCode"":41601}",x"#;
    assert_eq!(fields(csv), [legacy()]);
}

#[test]
fn strings_inside_strings_are_searched_four_deep() {
    /// `text` as the content of a JSON string inside a record, `depth` times.
    fn wrap(mut text: String, depth: usize) -> String {
        for _ in 0..depth {
            text = format!(r#"{{"log":{}}}"#, serde_json::to_string(&text).unwrap());
        }
        text
    }
    let envelope = r#"x {"RequestId":"r","Code":0,"StatusCode":41601}"#.to_string();
    for depth in 0..=4 {
        assert_eq!(fields(&wrap(envelope.clone(), depth)).len(), 1, "{depth}");
    }
    let deeper = wrap(envelope, 5);
    let mut scanner = Scanner::new();
    let (found, _) = scan(&deeper);
    assert!(found.is_empty());
    search(&mut scanner, deeper.as_bytes(), 0, &mut |_, _: &Found| {
        Ok(())
    })
    .unwrap();
    assert!(scanner.passed.deep_strings);
}

#[test]
fn objects_deeper_than_tracked_are_said() {
    let deep = "[".repeat(100) + r#"{"StatusCode":41601}"# + &"]".repeat(100);
    let mut scanner = Scanner::new();
    search(&mut scanner, deep.as_bytes(), 0, &mut |_, _: &Found| Ok(())).unwrap();
    assert!(scanner.passed.deep);
}

#[test]
fn unescaping_is_exact() {
    assert_eq!(
        unescape(br#"a\"b\\c\/\n\u00e9\ud83d\ude00\ud800x"#).unwrap(),
        "a\"b\\c/\né😀\u{fffd}x".as_bytes()
    );
    assert_eq!(unescape(b"\xff raw"), Some(b"\xff raw".to_vec()));
    assert_eq!(unescape(br#"bad \q"#), None);
    assert_eq!(unescape(br#"cut \u12"#), None);
}
