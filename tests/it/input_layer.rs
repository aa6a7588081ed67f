//! The input layer, black box: what `errcode explain` must read, and what a broken piece of
//! input may cost, whatever the form (file or pipe, JSON, NDJSON, `curl` output, log lines,
//! gzip, UTF-16, several files).
//!
//! Each test is named for its rule. The assertions are on structure: which envelopes come out,
//! in which order, with which `line`, status code, verdict and `file`; the exit status; how many
//! warnings (`errcode: NAME: line N …` on stderr) and which lines they name. Prose is not
//! compared, except for the words a rule itself puts in quotes ("no body", "16 MiB").
//!
//! Inputs are built here and written to a fresh directory under the system temp directory;
//! most are read twice, from a file and from stdin, and both readings must agree.

use crate::input_layer_support::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------------
// 1. A broken line costs at most itself
// ---------------------------------------------------------------------------------------------

const TRUNCATED: &str = r#"{"RequestId":"a","StatusCode":4"#;

#[test]
fn a_truncated_line_before_2000_good_lines_costs_only_itself() {
    let mut input = format!("{TRUNCATED}\n");
    let codes = [200u64, 41601, 52502];
    for i in 0..2000 {
        input.push_str(&envelope(&format!("g{i}"), codes[i % 3]));
        input.push('\n');
    }
    let out = json_lines("truncated-then-good.ndjson", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    let lines = out.lines();
    assert_eq!(lines.len(), 2000, "every good line is explained");
    assert_eq!(out.starts(), (2..=2001).collect::<Vec<u64>>());
    let warnings = out.warnings();
    assert_eq!(warnings.len(), 1, "one warning: {warnings:?}");
    assert!(names_line(warnings[0], 1), "{warnings:?}");

    let summary = explain_both(
        "truncated-then-good.ndjson",
        input.as_bytes(),
        &["--summary", "--format", "json"],
    );
    assert_eq!(summary.status, 0);
    assert_eq!(summary.summary_total(), 2000);
    let counts: BTreeMap<String, u64> = summary
        .summary()
        .into_iter()
        .map(|(c, n)| (c.to_string(), n))
        .collect();
    assert_eq!(counts["200"], 667);
    assert_eq!(counts["41601"], 667);
    assert_eq!(counts["52502"], 666);
    assert_eq!(summary.warnings().len(), 1, "{}", clip(&summary.stderr));
}

#[test]
fn a_line_cut_anywhere_costs_only_itself() {
    let cuts = [
        ("mid-key", r#"{"RequestId":"c","Stat"#),
        ("mid-string", r#"{"RequestId":"c-12"#),
        (
            "mid-number",
            r#"{"RequestId":"c","Code":0,"StatusCode":416"#,
        ),
        ("after a comma", r#"{"RequestId":"c","Code":0,"#),
        (
            "after a colon",
            r#"{"RequestId":"c","Code":0,"StatusCode":"#,
        ),
        (
            "after the colon before Data",
            r#"{"RequestId":"c","Code":0,"StatusCode":200,"Data":"#,
        ),
        ("after an opening brace", "{"),
    ];
    every_case(cuts.map(|c| (c.0.to_string(), c)), |(what, cut)| {
        let input = format!(
            "{cut}\n{}\n{}\n{}\n",
            envelope("g1", 41601),
            envelope("g2", 200),
            envelope("g3", 52502)
        );
        let out = json_lines("cut.ndjson", input.as_bytes());
        assert_eq!(out.status, 0, "{what}: {}", clip(&out.stderr));
        assert_eq!(out.ids(), strings(&["g1", "g2", "g3"]), "{what}");
        assert_eq!(out.starts(), [2, 3, 4], "{what}");
        assert_eq!(
            out.codes(),
            [json!(41601), json!(200), json!(52502)],
            "{what}"
        );
        let warnings = out.warnings();
        assert_eq!(warnings.len(), 1, "{what}: one warning: {warnings:?}");
        assert!(names_line(warnings[0], 1), "{what}: {warnings:?}");
    });
}

#[test]
fn a_line_wrapped_in_two_costs_only_itself() {
    let whole =
        r#"{"RequestId":"w","Code":0,"StatusCode":41601,"Message":"Token 已过期","Data":""}"#;
    // Split inside a key and inside a string value: the two halves do not make one document.
    let splits = [
        whole.find("Status").unwrap() + 3,
        whole.find("过期").unwrap(),
    ];
    every_case(splits.map(|s| (format!("split at {s}"), s)), |split| {
        let (first, second) = whole.split_at(split);
        let input = format!(
            "{}\n{first}\n{second}\n{}\n{}\n",
            envelope("g1", 200),
            envelope("g2", 52502),
            envelope("g3", 41601)
        );
        let out = json_lines("wrapped.ndjson", input.as_bytes());
        assert_eq!(out.status, 0, "{}", clip(&out.stderr));
        assert_eq!(out.ids(), strings(&["g1", "g2", "g3"]), "split at {split}");
        assert_eq!(out.starts(), [1, 4, 5], "split at {split}");
        let warnings = out.warnings();
        assert!(
            (1..=2).contains(&warnings.len())
                && warnings
                    .iter()
                    .all(|w| names_line(w, 2) || names_line(w, 3)),
            "warnings name only the two halves: {warnings:?}"
        );
    });
}

#[test]
fn pretty_printed_documents_and_arrays_survive_broken_lines() {
    let input = [
        TRUNCATED,                                                 // 1
        "{",                                                       // 2  a pretty-printed document
        r#"  "RequestId": "p","#,                                  // 3
        r#"  "Code": 0,"#,                                         // 4
        r#"  "StatusCode": 41601,"#,                               // 5
        r#"  "Message": "m","#,                                    // 6
        r#"  "Data": """#,                                         // 7
        "}",                                                       // 8
        r#"{"RequestId":"b","Code":"#,                             // 9  broken
        "[",                                                       // 10 a multi-line array
        r#"  {"RequestId": "e1", "Code": 0, "StatusCode": 200},"#, // 11
        "  {",                                                     // 12
        r#"    "RequestId": "e2","#,                               // 13
        r#"    "StatusCode": 52502"#,                              // 14
        "  }",                                                     // 15
        "]",                                                       // 16
        &envelope("g", 41617),                                     // 17
    ]
    .join("\n")
        + "\n";
    let out = json_lines("pretty.log", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["p", "e1", "e2", "g"]));
    assert_eq!(
        out.starts(),
        [2, 11, 12, 17],
        "each envelope reports the line it starts on"
    );
    assert_eq!(
        out.codes(),
        [json!(41601), json!(200), json!(52502), json!(41617)]
    );
    let warnings = out.warnings();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        names_line(warnings[0], 1) && names_line(warnings[1], 9),
        "{warnings:?}"
    );
}

#[test]
fn a_pending_document_is_broken_at_the_first_line_that_cannot_continue_it() {
    let input = format!(
        "{}\n{}\n{}\n",
        r#"{"RequestId":"p","Code":0,"StatusCode":416"#,
        envelope("q", 41601),
        envelope("r", 200)
    );
    let out = json_lines("pending.ndjson", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["q", "r"]));
    assert_eq!(out.starts(), [2, 3]);
    let warnings = out.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(names_line(warnings[0], 1), "{warnings:?}");
}

#[test]
fn lines_held_by_a_broken_document_are_read_again_on_their_own() {
    // Line 2 is a value that could continue line 1's document; line 3 cannot. Line 2 is read
    // again on its own, and so is line 3.
    let input = format!(
        "{}\n{}\n{}\n",
        r#"{"RequestId":"p","Code":0,"Data":"#,
        envelope("q", 41601),
        envelope("r", 200)
    );
    let out = json_lines("held.ndjson", input.as_bytes());
    assert_eq!(out.ids(), strings(&["q", "r"]), "{}", clip(&out.stderr));
    assert_eq!(out.starts(), [2, 3]);
    let warnings = out.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(names_line(warnings[0], 1), "{warnings:?}");

    // The document never closes: the end of input breaks it, and what it held is read again.
    let input = format!(
        "{}\n{}\n",
        r#"{"RequestId":"p","Data":"#,
        envelope("q", 52502)
    );
    let out = json_lines("held-eof.ndjson", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["q"]));
    assert_eq!(out.starts(), [2]);
    assert!(names_line(out.warnings()[0], 1), "{}", out.stderr);

    // Several held lines, then a log line with an envelope after its prefix.
    let input = format!(
        "{}\n{}\n{}\n2026-11-27T08:00:01Z ERROR client response={}\n",
        r#"{"RequestId":"p","#,
        r#""Code":0,"#,
        r#""Data":"#,
        envelope("q", 41601)
    );
    let out = json_lines("held-log.ndjson", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["q"]));
    assert_eq!(out.starts(), [4]);
    let warnings = out.warnings();
    assert!(
        !warnings.is_empty() && names_line(warnings[0], 1),
        "{warnings:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Status lines and HTTP blocks
// ---------------------------------------------------------------------------------------------

#[test]
fn a_lone_status_line_does_not_hide_the_envelopes_after_it() {
    for eol in ["\n", "\r\n"] {
        let input = format!(
            "HTTP/1.1 200 OK{eol}{}{eol}{}{eol}{}{eol}",
            clean_success("s"),
            envelope("e", 52502),
            envelope("g", 41601)
        );
        let out = json_lines("status-line.log", input.as_bytes());
        assert_eq!(out.status, 0, "{eol:?}: {}", clip(&out.stderr));
        assert_eq!(out.ids(), strings(&["s", "e", "g"]), "{eol:?}");
        assert_eq!(out.starts(), [2, 3, 4], "{eol:?}");
        let check = explain_both("status-line.log", input.as_bytes(), &["--check"]);
        assert_eq!(check.status, 1, "{eol:?}: --check sees the errors");
    }
}

#[test]
fn a_json_line_is_never_a_header() {
    // The header block has no blank line after it: the JSON lines are not headers.
    let input = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{}\r\n{}\r\n",
        envelope("a", 41601),
        envelope("b", 52502)
    );
    let out = json_lines("json-after-headers.txt", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["a", "b"]));
    assert_eq!(out.codes(), [json!(41601), json!(52502)]);
    assert_eq!(
        explain_both("json-after-headers.txt", input.as_bytes(), &["--check"]).status,
        1
    );
}

#[test]
fn an_http_response_with_no_body_is_reported_as_such() {
    // An error status with no body, then a response with a body: the error status is a
    // finding of its own (no code, its status the answer).
    let input = format!(
        "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}\r\n",
        clean_success("s")
    );
    let out = json_lines("no-body-then-body.txt", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["", "s"]));
    let lines = out.lines();
    assert_eq!(lines[0]["annotation"]["api"], "http");
    assert_eq!(lines[0]["annotation"]["observed_http_status"], 500);
    assert_eq!(lines[1]["annotation"]["observed_http_status"], 200);

    // A success status with no body, then the end of input: nothing to explain, and it says why.
    let input = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n";
    let out = json_lines("no-body.txt", input);
    assert_eq!(out.status, 2, "no envelope is an input error");
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("no body") && out.stderr.contains("200"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("only blank lines"),
        "headers are not blank lines: {}",
        out.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Every envelope on a line, in order
// ---------------------------------------------------------------------------------------------

#[test]
fn a_request_object_is_not_taken_over_the_response() {
    let input = format!(
        "ts=2026-11-27T08:00:00Z req={} resp={}\n",
        r#"{"RequestId":"a","Code":0}"#,
        envelope("a", 52502)
    );
    let out = json_lines("req-resp.log", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.codes(), [json!(52502)]);
    assert_eq!(out.ids(), strings(&["a"]));
    assert_eq!(out.lines()[0]["annotation"]["verdict"], "error");
}

#[test]
fn every_envelope_on_a_line_is_read_in_order() {
    let input = format!(
        "ts=2026-11-27T08:00:00Z req={} resp={}\n",
        r#"{"RequestId":"a","Code":0,"StatusCode":200}"#,
        envelope("a", 41601)
    );
    let out = json_lines("two-on-a-line.log", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.codes(), [json!(200), json!(41601)]);
    assert_eq!(out.starts(), [1, 1]);
    assert_eq!(
        explain_both("two-on-a-line.log", input.as_bytes(), &["--check"]).status,
        1
    );
}

#[test]
fn the_envelope_inside_a_structured_log_line_is_read() {
    let input = format!(
        "{{\"level\":\"error\",\"request_id\":\"x\",\"code\":500,\"response\":{}}}\n",
        envelope("x", 41601)
    );
    let out = json_lines("structured.log", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.codes(), [json!(41601)]);
    assert_eq!(out.ids(), strings(&["x"]));
    assert_eq!(
        out.lines()[0]["annotation"]["code"],
        0,
        "the envelope's Code, not the log's"
    );
}

// ---------------------------------------------------------------------------------------------
// 4. Verdicts
// ---------------------------------------------------------------------------------------------

fn with_code(code: &str) -> String {
    format!(r#"{{"RequestId":"v","Code":{code},"StatusCode":200,"Message":"请求成功","Data":""}}"#)
}

#[test]
fn a_code_that_is_not_zero_makes_an_error_with_a_note() {
    let codes = [
        "500.0",
        r#""error""#,
        "true",
        "[500]",
        "{}",
        "0.0",
        "500",
        "null",
    ];
    every_case(codes.map(|c| (format!("Code {c}"), c)), |code| {
        let input = with_code(code) + "\n";
        let out = json_lines("code.json", input.as_bytes());
        let lines = out.lines();
        assert_eq!(lines.len(), 1, "Code {code}: {}", clip(&out.stderr));
        assert_eq!(lines[0]["annotation"]["verdict"], "error", "Code {code}");
        assert!(
            !note_kinds(&lines[0]).is_empty(),
            "Code {code}: a note says why: {}",
            lines[0]
        );
        let check = explain_both("code.json", input.as_bytes(), &["--check"]);
        assert_eq!(check.status, 1, "Code {code}: --check");
    });
}

#[test]
fn a_zero_or_absent_code_is_a_success() {
    let absent = r#"{"RequestId":"v","StatusCode":200,"Message":"请求成功","Data":""}"#.to_string();
    let cases = [
        ("absent", absent),
        ("0", with_code("0")),
        ("-0", with_code("-0")),
        ("\"0\"", with_code(r#""0""#)),
    ];
    every_case(cases.map(|c| (c.0.to_string(), c)), |(what, input)| {
        let input = input + "\n";
        let out = json_lines("code.json", input.as_bytes());
        let lines = out.lines();
        assert_eq!(lines.len(), 1, "Code {what}: {}", clip(&out.stderr));
        assert_eq!(lines[0]["annotation"]["verdict"], "success", "Code {what}");
        if what == "\"0\"" {
            assert!(
                note_kinds(&lines[0]).contains(&"string-number".to_string()),
                "{}",
                lines[0]
            );
        }
        let check = explain_both("code.json", input.as_bytes(), &["--check"]);
        assert_eq!(check.status, 0, "Code {what}: --check");
    });
}

#[test]
fn duplicate_keys_are_noted_and_make_an_error() {
    let cases = [
        r#"{"StatusCode":52502,"Code":0,"StatusCode":200}"#,
        r#"{"RequestId":"d","Code":0,"StatusCode":52502,"Message":"请求成功","Data":"","StatusCode":200}"#,
        r#"{"RequestId":"d","Code":500,"StatusCode":200,"Message":"请求成功","Data":"","Code":0}"#,
    ];
    every_case(cases.map(|c| (c.to_string(), c)), |input| {
        let input = format!("{input}\n");
        let out = json_lines("duplicate.json", input.as_bytes());
        let lines = out.lines();
        assert_eq!(lines.len(), 1, "{input}: {}", clip(&out.stderr));
        assert_eq!(lines[0]["annotation"]["verdict"], "error", "{input}");
        assert!(
            note_kinds(&lines[0]).contains(&"duplicate-key".to_string()),
            "{input}: {}",
            lines[0]
        );
        let check = explain_both("duplicate.json", input.as_bytes(), &["--check"]);
        assert_eq!(check.status, 1, "{input}: --check");
    });
}

// ---------------------------------------------------------------------------------------------
// 5. Recursion
// ---------------------------------------------------------------------------------------------

#[test]
fn twenty_thousand_nested_brackets_in_a_small_file_do_not_crash() {
    let deep = "[".repeat(20_000) + &"]".repeat(20_000);
    let input = format!("{}\n{deep}\n{}\n", envelope("a", 200), envelope("b", 41601));
    assert!(input.len() > 40_000 && input.len() < 41_000);
    let out = json_lines("deep-20000.json", input.as_bytes());
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(out.ids(), strings(&["a", "b"]));
    assert_eq!(out.starts(), [1, 3]);
    let check = explain_both("deep-20000.json", input.as_bytes(), &["--check"]);
    assert_eq!(check.status, 1);
}

/// A file of about 30 MB: usual envelope lines, with `middle` half-way. Returns the file's
/// bytes and the number of usual lines.
fn large_file_with(middle: &str) -> (Vec<u8>, u64) {
    let codes = [200u64, 41601, 52502];
    let mut out = Vec::with_capacity(31 << 20);
    let mut n = 0u64;
    let mut put_middle = true;
    while out.len() < 30_000_000 {
        if put_middle && out.len() >= 15_000_000 {
            out.extend_from_slice(middle.as_bytes());
            out.push(b'\n');
            put_middle = false;
        }
        out.extend_from_slice(envelope(&format!("r{n}"), codes[(n % 3) as usize]).as_bytes());
        out.push(b'\n');
        n += 1;
    }
    (out, n)
}

/// `--summary` on a 30 MB file with `middle` half-way: every usual envelope (and `extra` more)
/// is counted.
fn summary_around(middle: &str, extra: u64) {
    let dir = Scratch::new("deep-large");
    let (bytes, usual) = large_file_with(middle);
    let path = dir.write("large.ndjson", &bytes);
    let out = explain_path(&path, &["--summary", "--format", "json"]);
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(
        out.summary_total(),
        usual + extra,
        "every good envelope around the deep line is counted; stderr: {}",
        clip(&out.stderr)
    );
}

#[test]
fn an_unclosed_5000_deep_line_in_a_large_file_does_not_stop_the_summary() {
    summary_around(&"[".repeat(5000), 0);
}

#[test]
fn a_closed_5000_deep_line_in_a_large_file_does_not_stop_the_summary() {
    summary_around(&("[".repeat(5000) + &"]".repeat(5000)), 0);
}

#[test]
fn an_envelope_with_5000_deep_data_in_a_large_file_is_counted() {
    let middle = r#"{"RequestId":"deep","Code":0,"StatusCode":200,"Data":"#.to_string()
        + &r#"{"a":"#.repeat(5000)
        + "1"
        + &"}".repeat(5000)
        + "}";
    summary_around(&middle, 1);
}

// ---------------------------------------------------------------------------------------------
// 6. Many values, many codes
// ---------------------------------------------------------------------------------------------

#[test]
fn concatenated_envelopes_on_one_line_are_all_explained() {
    let input: String = (0..100_000)
        .map(|i| envelope(&format!("c{i}"), [200, 52502][i % 2]))
        .collect::<String>()
        + "\n";
    let dir = Scratch::new("concat");
    let path = dir.write("concat.json", input.as_bytes());
    let out = explain_path(&path, &["--format", "json"]);
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    assert_eq!(
        ends(&out),
        (100_000, "c0".to_string(), "c99999".to_string())
    );
    let summary = explain_both(
        "concat.json",
        input.as_bytes(),
        &["--summary", "--format", "json"],
    );
    assert_eq!(summary.summary_total(), 100_000);
}

#[test]
fn the_summary_keeps_at_most_10000_exact_rows_and_one_row_for_the_other_codes() {
    let codes: Vec<u64> = (0..20_000).map(|i| 100_000 + i).collect();
    let input: String = codes
        .iter()
        .map(|c| envelope(&format!("s{c}"), *c) + "\n")
        .collect();
    let out = explain_both(
        "codes.ndjson",
        input.as_bytes(),
        &["--summary", "--format", "json"],
    );
    assert_eq!(out.status, 0, "{}", clip(&out.stderr));
    let rows = out.summary();
    let is_input_code = |code: &Value| {
        code.as_u64()
            .is_some_and(|c| codes.binary_search(&c).is_ok())
    };
    let exact = rows.iter().filter(|(code, _)| is_input_code(code)).count();
    let other: Vec<&(Value, u64)> = rows
        .iter()
        .filter(|(code, _)| !is_input_code(code))
        .collect();
    assert!(exact <= 10_000, "{exact} exact rows");
    assert_eq!(other.len(), 1, "one row for the other codes: {other:?}");
    assert_eq!(
        out.summary_total(),
        20_000,
        "the counts add up to every envelope"
    );
    assert_eq!(other[0].1, 20_000 - exact as u64);
}
