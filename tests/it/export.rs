//! `errcode export`: each format read back by a reader of its own (csv and SQL by the real
//! engines: SQLite through Python's sqlite3, DuckDB, ClickHouse through chdb), hostile texts
//! byte for byte, the bulk body's line format, and the queries of docs/fleet.md run in each
//! engine on a log and compared with `explain --summary` on the same log.
//!
//! The engines run in Python (`tests/fleet/engines.py`), the interpreter `ERRCODE_TEST_PYTHON`
//! names, else `python3`. An engine that cannot be imported is skipped with a line that says
//! so; with `CI` set, it fails the run (`.ci/run` installs them).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::{json, Value};

use crate::common::{errcode, parts, run};

const ENGINES: [&str; 3] = ["sqlite", "duckdb", "clickhouse"];

const COLUMNS: [&str; 11] = [
    "api",
    "code",
    "http_status",
    "message",
    "message_en",
    "category",
    "retry",
    "hint",
    "twins",
    "see_also",
    "source",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `errcode export ARGS…`: its stdout, which must be a success.
fn export(args: &[&str]) -> String {
    let mut all = vec!["export"];
    all.extend(args);
    let (status, stdout, stderr) = parts(&run(&all));
    assert_eq!(status, 0, "export {args:?}: {stderr}");
    assert!(stderr.is_empty(), "export {args:?}: {stderr}");
    stdout
}

/// The NDJSON export, one object per code, keyed by code.
fn entries(args: &[&str]) -> BTreeMap<String, Value> {
    let mut all = vec!["--format", "ndjson"];
    all.extend(args);
    export(&all)
        .lines()
        .map(|line| {
            let object: Value = serde_json::from_str(line).unwrap();
            (object["code"].as_str().unwrap().to_string(), object)
        })
        .collect()
}

/// The values of an NDJSON object as the text formats write them: twins and see_also joined
/// by a space.
fn flattened(object: &Value) -> BTreeMap<String, Value> {
    COLUMNS
        .iter()
        .map(|&c| {
            let value = match &object[c] {
                Value::Array(codes) => {
                    let codes: Vec<&str> = codes.iter().map(|c| c.as_str().unwrap()).collect();
                    Value::from(codes.join(" "))
                }
                other => other.clone(),
            };
            (c.to_string(), value)
        })
        .collect()
}

fn python() -> String {
    std::env::var("ERRCODE_TEST_PYTHON")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "python3".to_string())
}

/// Whether `engine` can be used here: checked once per engine. Where it cannot, the test
/// skips it with a line that says so, or fails when `CI` is set.
fn engine_ready(engine: &str) -> bool {
    static READY: OnceLock<BTreeMap<&'static str, Result<String, String>>> = OnceLock::new();
    let ready = READY.get_or_init(|| {
        ENGINES
            .iter()
            .map(|&engine| {
                let out = Command::new(python())
                    .arg(root().join("tests/fleet/engines.py"))
                    .args([engine, "check"])
                    .output();
                let result = match out {
                    Ok(out) if out.status.success() => {
                        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
                    }
                    Ok(out) => Err(String::from_utf8_lossy(&out.stderr).trim().to_string()),
                    Err(e) => Err(format!("{}: {e}", python())),
                };
                (engine, result)
            })
            .collect()
    });
    match &ready[engine] {
        Ok(_) => true,
        Err(why) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{engine} is not usable ({why}), and CI must test with it: .ci/run installs it and sets ERRCODE_TEST_PYTHON"
            );
            eprintln!("skipping {engine}: {why} (set ERRCODE_TEST_PYTHON to a python with duckdb and chdb)");
            false
        }
    }
}

/// Runs the engine driver with `args` and reads its JSON answer.
fn drive(engine: &str, args: &[&Path]) -> Value {
    let action = match args.len() {
        1 if args[0].extension().is_some_and(|e| e == "csv") => "csv",
        1 => "table",
        _ => "query",
    };
    let out = Command::new(python())
        .arg(root().join("tests/fleet/engines.py"))
        .args([engine, action])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{engine} {action}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The SQL of the block marked `<!-- query: NAME -->` in docs/fleet.md: what the page shows is
/// what runs.
fn documented_query(name: &str) -> String {
    let doc = std::fs::read_to_string(root().join("docs/fleet.md")).unwrap();
    let marker = format!("<!-- query: {name} -->\n```sql\n");
    let start = doc
        .find(&marker)
        .unwrap_or_else(|| panic!("docs/fleet.md has no query {name}"))
        + marker.len();
    let end = start + doc[start..].find("```").unwrap();
    doc[start..end].to_string()
}

/// A log of both generations, one record a line (`{"time", "resp": envelope}`), in no order
/// of time: success and error codes, 51603 and the codes that are both a product and a common
/// API 3.0 code, API 3.0 codes in mixed case, codes not in the table (an API 3.0 one in two
/// cases, one of the digits of a legacy code), API 3.0 successes, and a record with no envelope.
fn fleet_log() -> String {
    let legacy = |code: u32| {
        json!({"RequestId": format!("r-{code}"), "Code": if code == 200 { 0 } else { 500 },
               "StatusCode": code, "Message": "m", "Data": null})
    };
    let v3 = |code: Option<&str>| match code {
        Some(code) => {
            json!({"Response": {"Error": {"Code": code, "Message": "m"}, "RequestId": "q"}})
        }
        None => json!({"Response": {"RequestId": "q"}}),
    };
    let envelopes: Vec<Value> = vec![
        legacy(200),
        legacy(51603),
        v3(Some("AuthFailure.SignatureExpire")),
        legacy(41601),
        v3(Some("authfailure.signatureexpire")),
        legacy(200),
        v3(Some("FailedOperation")),
        legacy(51603),
        v3(Some("AUTHFAILURE.SIGNATUREEXPIRE")),
        v3(None),
        legacy(99999),
        v3(Some("No.Such.Code")),
        legacy(52502),
        v3(Some("no.such.code")),
        v3(Some("failedoperation")),
        legacy(51603),
        v3(Some("InvalidParameter")),
        v3(Some("ResourceUnavailable.DevOffline")),
        json!({"unrelated": true}),
        legacy(200),
        v3(None),
        legacy(41601),
        legacy(99999),
        // Digits as an API 3.0 code: not the legacy code of those digits.
        v3(Some("51603")),
    ];
    envelopes
        .iter()
        .enumerate()
        .map(|(i, resp)| {
            // Minutes out of order, so that first and last seen are not the first and last line.
            let minute = (i * 37) % 60;
            let time = format!("2026-11-27T08:{minute:02}:{:02}Z", i % 60);
            format!("{}\n", json!({"time": time, "level": "info", "resp": resp}))
        })
        .collect()
}

/// A code's key in the summary and in a query's answer: API 3.0 codes in any case are one.
fn key(api: &Value, code: &Value) -> (String, String) {
    let code = match code {
        Value::Null => String::new(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.to_ascii_lowercase(),
        other => panic!("a code is not {other}"),
    };
    (api.as_str().unwrap().to_string(), code)
}

#[test]
fn the_documented_queries_give_explain_summary_in_every_engine() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("fleet.ndjson");
    std::fs::write(&log, fleet_log()).unwrap();
    let (status, stdout, stderr) = parts(&run(&[
        "explain",
        "--summary",
        "--format",
        "json",
        log.to_str().unwrap(),
    ]));
    assert_eq!(status, 0, "{stderr}");
    let summary: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    let summary: BTreeMap<(String, String), &Value> = summary
        .iter()
        .map(|row| (key(&row["api"], &row["code"]), row))
        .collect();
    let table = entries(&[]);
    // What the log holds, so that the comparison below compares something.
    let count =
        |api: &str, code: &str| summary[&(api.to_string(), code.to_string())]["count"].clone();
    assert_eq!(count("legacy", "51603"), 3);
    assert_eq!(count("v3", "authfailure.signatureexpire"), 3);
    assert_eq!(count("v3", "failedoperation"), 2);
    assert_eq!(count("v3", "no.such.code"), 2);
    assert_eq!(count("v3", ""), 2);
    for engine in ENGINES {
        if !engine_ready(engine) {
            continue;
        }
        let script = dir.path().join(format!("{engine}.sql"));
        std::fs::write(&script, export(&["--format", "sql", "--dialect", engine])).unwrap();
        let query = dir.path().join(format!("{engine}-query.sql"));
        std::fs::write(&query, documented_query(engine)).unwrap();
        let answer = drive(engine, &[&script, &log, &query]);
        if engine == "duckdb" {
            // The page's other way into DuckDB, from the csv, gives the same answer.
            let csv = dir.path().join("errcode.csv");
            std::fs::write(&csv, export(&[])).unwrap();
            let from_csv = dir.path().join("from-csv.sql");
            let load = format!(
                "CREATE OR REPLACE TABLE errcode_codes AS FROM read_csv('{}')",
                csv.display()
            );
            std::fs::write(&from_csv, &load).unwrap();
            assert_eq!(drive(engine, &[&from_csv, &log, &query]), answer);
            let doc = std::fs::read_to_string(root().join("docs/fleet.md")).unwrap();
            assert!(doc.contains(&load.replace(&csv.display().to_string(), "errcode.csv")));
        }
        let answer = answer.as_array().unwrap();
        let rows: BTreeMap<(String, String), &Value> = answer
            .iter()
            .map(|row| (key(&row["api"], &row["code"]), row))
            .collect();
        assert_eq!(rows.len(), answer.len(), "{engine}: a code came out twice");
        assert_eq!(
            rows.keys().collect::<Vec<_>>(),
            summary.keys().collect::<Vec<_>>(),
            "{engine}: the codes"
        );
        let total = |rows: &mut dyn Iterator<Item = &Value>| -> u64 {
            rows.map(|r| r["count"].as_u64().unwrap()).sum()
        };
        assert_eq!(
            total(&mut rows.values().copied()),
            total(&mut summary.values().copied()),
            "{engine}: the join counted an envelope twice"
        );
        for (key, row) in &rows {
            let expected = summary[key];
            let code = &key.1;
            assert_eq!(row["count"], expected["count"], "{engine} {code}: count");
            let share = row["share"].as_f64().unwrap() - expected["share"].as_f64().unwrap();
            assert!(share.abs() < 1e-4, "{engine} {code}: share {share}");
            assert_eq!(row["first_seen"], expected["first_seen"], "{engine} {code}");
            assert_eq!(row["last_seen"], expected["last_seen"], "{engine} {code}");
            let known = table.values().find(|e| {
                e["api"] == row["api"] && e["code"].as_str().unwrap().eq_ignore_ascii_case(code)
            });
            match known {
                // A code of the table: its spelling, and its classes as the export gives them;
                // the summary names the first of a code listed twice.
                Some(entry) => {
                    assert_eq!(row["code"], entry["code"], "{engine}: spelling");
                    assert_eq!(row["category"], entry["category"], "{engine} {code}");
                    assert_eq!(row["retry"], entry["retry"], "{engine} {code}");
                    for class in ["category", "retry"] {
                        let first = entry[class].as_str().map(|c| c.split('|').next().unwrap());
                        assert_eq!(expected[class].as_str(), first, "{engine} {code}: {class}");
                    }
                }
                None => {
                    assert_eq!(row["category"], expected["category"], "{engine} {code}");
                    assert_eq!(row["retry"], expected["retry"], "{engine} {code}");
                }
            }
        }
        assert_eq!(
            rows[&("legacy".into(), "51603".into())]["category"],
            "gateway|internal"
        );
        assert_eq!(rows[&("v3".into(), String::new())]["category"], "success");
    }
}

#[test]
fn the_clickhouse_dictionary_answers_each_line_with_the_table() {
    if !engine_ready("clickhouse") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("fleet.ndjson");
    std::fs::write(&log, fleet_log()).unwrap();
    let script = dir.path().join("clickhouse.sql");
    std::fs::write(&script, export(&["--dialect", "clickhouse"])).unwrap();
    let query = dir.path().join("query.sql");
    std::fs::write(&query, documented_query("clickhouse-dictionary")).unwrap();
    let answer = drive("clickhouse", &[&script, &log, &query]);
    let table = entries(&[]);
    let mut codes: Vec<&str> = Vec::new();
    for row in answer.as_array().unwrap() {
        let code = row["code"].as_str().unwrap();
        for column in ["category", "retry", "hint"] {
            assert_eq!(row[column], table[code][column], "{code}: {column}");
        }
        codes.push(code);
    }
    codes.sort();
    codes.dedup();
    // Looked up exactly as written: the lines in other cases are not found.
    assert_eq!(
        codes,
        [
            "200",
            "41601",
            "51603",
            "52502",
            "AuthFailure.SignatureExpire",
            "FailedOperation",
            "InvalidParameter",
            "ResourceUnavailable.DevOffline"
        ]
    );
}

/// A user table of texts that break quoting: quotes of both kinds, backslashes before quotes,
/// SQL that would end a statement, line breaks, NUL, ESC, a direction override, a byte-order
/// mark, a line separator, DEL and a C1 control, CJK and a character beyond the BMP; saved
/// under a name with quotes, spaces, CJK and a screen-clearing sequence (the `source` column).
fn hostile_table(dir: &Path) -> PathBuf {
    let path = dir.join("表 it's \"odd\" \u{1b}[2J.json");
    let rows = json!([
        {"code": 60001, "http_status": 500,
         "message": "it's \"quoted\", C:\\logs\\ 'x' \\' 中文\nline2\r\n\ttab end",
         "message_en": "NUL\u{0} ESC\u{1b}[31m RLO\u{202e} BOM\u{feff} astral 😀 LS\u{2028} DEL\u{7f} C1\u{85}",
         "category": "x-y", "retry": "never",
         "hint_en": "'); DROP TABLE errcode_codes; --\u{7}", "hint_zh": "\\x41 \\' '' \\\\ 「引号」\\N"},
        {"code": 4294967295u32, "http_status": 999, "message": "\\", "hint": "\""},
        {"code": 51603, "http_status": 503, "message": "a,b;c|d / e"}
    ]);
    std::fs::write(&path, rows.to_string()).unwrap();
    path
}

/// The characters of the hostile table that must never reach the output as they are.
const RAW: [char; 8] = [
    '\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{202e}', '\u{2028}', '\u{feff}', '\u{7}',
];

/// A folder that holds the hostile table, the table's path, and the export's entries with it.
fn hostile() -> (tempfile::TempDir, String, BTreeMap<String, Value>) {
    let dir = tempfile::tempdir().unwrap();
    let table = hostile_table(dir.path()).to_str().unwrap().to_string();
    let expected = entries(&["--table", &table]);
    (dir, table, expected)
}

#[test]
fn every_engine_reads_back_every_text_of_the_sql_exactly_and_once() {
    let (dir, table, expected) = hostile();
    let table = table.as_str();
    assert_eq!(expected["51603"]["message"], "a,b;c|d / e");
    assert!(expected["60001"]["source"]
        .as_str()
        .unwrap()
        .ends_with("表 it's \"odd\" \u{1b}[2J.json"));
    // In Chinese, the hints are the ones of backslashes before quotes.
    let zh = {
        let (status, stdout, _) = parts(&run(&[
            "--lang", "zh", "--table", table, "export", "-f", "ndjson",
        ]));
        assert_eq!(status, 0);
        let objects: Vec<Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        objects
            .into_iter()
            .map(|o| (o["code"].as_str().unwrap().to_string(), o))
            .collect::<BTreeMap<String, Value>>()
    };
    assert_eq!(zh["60001"]["hint"], "\\x41 \\' '' \\\\ 「引号」\\N");
    for (engine, lang) in ENGINES.iter().flat_map(|e| [(*e, "en"), (*e, "zh")]) {
        let expected = if lang == "zh" { &zh } else { &expected };
        let script = export(&[
            "--table",
            table,
            "--lang",
            lang,
            "--format",
            "sql",
            "--dialect",
            engine,
        ]);
        // Every row a line: nothing a terminal acts on is written as it is.
        assert!(!script.contains(RAW) && !script.contains('\r'), "{engine}");
        if !engine_ready(engine) {
            continue;
        }
        let path = dir.path().join(format!("{engine}-{lang}.sql"));
        std::fs::write(&path, script).unwrap();
        // The driver loads the script twice.
        let rows = drive(engine, &[&path]);
        let rows = rows.as_array().unwrap();
        assert_eq!(
            rows.len(),
            expected.len(),
            "{engine}: one row per code, loaded twice"
        );
        for row in rows {
            let code = row["code"].as_str().unwrap();
            let want = flattened(&expected[code]);
            let got: BTreeMap<String, Value> = row
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            assert_eq!(got, want, "{engine}: {code}");
        }
    }
}

/// An NDJSON object as csv and tsv write it: every value text, an absent one empty. The texts
/// that hold characters a terminal acts on (60001's, the hostile table's name) are escapes: tsv writes a carriage return
/// as `\r` by its own rule, csv as an escape it cannot read back.
fn as_text(object: &Value, csv: bool) -> BTreeMap<String, String> {
    let mut texts: BTreeMap<String, String> = flattened(object)
        .into_iter()
        .map(|(column, value)| {
            let text = match value {
                Value::Null => String::new(),
                Value::String(s) => s,
                other => other.to_string(),
            };
            (column, text)
        })
        .collect();
    let source = texts["source"].replace('\u{1b}', "\\u001b");
    texts.insert("source".into(), source);
    if object["code"] == "60001" {
        texts.insert(
            "message_en".into(),
            "NUL\\u0000 ESC\\u001b[31m RLO\\u202e BOM\\ufeff astral 😀 LS\\u2028 DEL\\u007f C1\\u0085".into(),
        );
        texts.insert(
            "hint".into(),
            "'); DROP TABLE errcode_codes; --\\u0007".into(),
        );
        if csv {
            texts.insert(
                "message".into(),
                "it's \"quoted\", C:\\logs\\ 'x' \\' 中文\nline2\\r\n\ttab end".into(),
            );
        }
    }
    texts
}

#[test]
fn every_engine_reads_the_csv_as_written() {
    let (dir, table, expected) = hostile();
    let table = table.as_str();
    let path = dir.path().join("errcode.csv");
    let csv = export(&["--table", table]);
    assert!(
        !csv.contains(RAW),
        "nothing a terminal acts on is written as it is"
    );
    assert_eq!(csv.lines().next().unwrap(), COLUMNS.join(","));
    std::fs::write(&path, &csv).unwrap();
    for engine in ENGINES {
        if !engine_ready(engine) {
            continue;
        }
        let rows = drive(engine, &[&path]);
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len(), expected.len(), "{engine}");
        for row in rows {
            let code = row["code"].as_str().unwrap();
            let want = as_text(&expected[code], true);
            for column in COLUMNS {
                // DuckDB reads an empty field as NULL.
                let got = row[column].as_str().unwrap_or_default();
                assert_eq!(got, want[column], "{engine}: {code} {column}");
            }
        }
    }
}

#[test]
fn tsv_lines_split_back_by_plain_outputs_rules() {
    let (_dir, table, expected) = hostile();
    let table = table.as_str();
    let tsv = export(&["--table", table, "--format", "tsv"]);
    let mut lines = tsv.lines();
    assert_eq!(lines.next().unwrap(), COLUMNS.join("\t"));
    let unescape = |field: &str| {
        let mut text = String::new();
        let mut chars = field.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('t') => text.push('\t'),
                    Some('n') => text.push('\n'),
                    Some('r') => text.push('\r'),
                    Some('\\') => text.push('\\'),
                    // `\u001b`-style escapes stay as written.
                    Some(other) => {
                        text.push('\\');
                        text.push(other)
                    }
                    None => panic!("a lone backslash ends {field:?}"),
                },
                c => text.push(c),
            }
        }
        text
    };
    let mut seen = 0;
    for line in lines {
        let fields: Vec<String> = line.split('\t').map(unescape).collect();
        assert_eq!(fields.len(), COLUMNS.len(), "{line}");
        let code = &fields[1];
        let want = as_text(&expected[code], false);
        for (column, got) in COLUMNS.iter().zip(&fields) {
            assert_eq!(got, &want[*column], "{code} {column}");
        }
        seen += 1;
    }
    assert_eq!(seen, expected.len());
    assert!(tsv.contains("C:\\\\logs\\\\ 'x' \\\\' 中文\\nline2\\r\\n\\ttab end"));
}

#[test]
fn one_row_per_code_with_both_meanings_of_a_code_listed_twice() {
    let all = entries(&[]);
    let list: Vec<Value> =
        serde_json::from_str(&parts(&run(&["list", "--format", "json"])).1).unwrap();
    let mut codes: Vec<String> = list
        .iter()
        .map(|r| r["code"].to_string().replace('"', ""))
        .collect();
    codes.dedup();
    assert_eq!(all.len(), codes.len(), "one row per code of list");
    let e = &all["51603"];
    assert_eq!(e["message"], "网关信令操作失败 / 消息队列发送失败");
    assert_eq!(e["category"], "gateway|internal");
    assert_eq!(e["retry"], "backoff");
    assert_eq!(e["api"], "legacy");
    assert_eq!(e["http_status"], 200);
    let e = &all["FailedOperation"];
    assert_eq!(e["api"], "v3");
    assert_eq!(e["message"], "操作失败 / 操作失败。");
    assert_eq!(e["source"], "api-3.0 product|api-3.0 common");
    assert_eq!(e["twins"], json!(["50000"]));
    assert_eq!(
        all["40001"]["twins"],
        json!(["InvalidParameter", "InvalidParameter.InvalidParameter"])
    );
    assert_eq!(all["200"]["retry"], Value::Null);
    assert_eq!(all["200"]["see_also"], json!([]));
    assert_eq!(
        all["41602"]["see_also"],
        json!(["AuthFailure.TokenFailure"])
    );
    assert_eq!(
        all["AuthFailure.TokenFailure"]["see_also"],
        json!(["41601", "41602"])
    );
    assert_eq!(all["ClientError.NetworkError"]["http_status"], Value::Null);
    // Every object has the columns, in their order.
    for object in export(&["--format", "ndjson"]).lines() {
        let at: Vec<usize> = COLUMNS
            .iter()
            .map(|c| object.find(&format!("\"{c}\":")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{object}");
        let keys = serde_json::from_str::<serde_json::Map<String, Value>>(object).unwrap();
        assert_eq!(keys.len(), COLUMNS.len(), "{object}");
    }
    // The csv, the default, has the same rows.
    assert_eq!(export(&[]).lines().count(), all.len() + 1);
}

#[test]
fn bulk_is_a_body_the_bulk_api_takes() {
    let (_dir, table, expected) = hostile();
    let body = export(&["--table", &table, "--format", "bulk"]);
    assert!(
        !body.contains(RAW),
        "nothing a terminal acts on is written as it is"
    );
    assert!(
        body.ends_with('\n'),
        "the bulk API needs a line end after the last line"
    );
    let lines: Vec<&str> = body.split_terminator('\n').collect();
    assert_eq!(lines.len() % 2, 0);
    let mut ids = Vec::new();
    for pair in lines.chunks(2) {
        let action: Value = serde_json::from_str(pair[0]).unwrap();
        let document: Value = serde_json::from_str(pair[1]).unwrap();
        // One action of the four, its metadata an object; an index action needs a document.
        let action = action.as_object().unwrap();
        assert_eq!(action.len(), 1, "{action:?}");
        let metadata = action["index"].as_object().unwrap();
        assert_eq!(metadata.keys().collect::<Vec<_>>(), ["_id"]);
        let id = metadata["_id"].as_str().unwrap();
        assert_eq!(document["code"], id);
        assert_eq!(&document, &expected[id]);
        ids.push(id.to_string());
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "an _id twice would replace a document");
    assert_eq!(count, expected.len());
}

#[test]
fn lang_chooses_the_hint_and_both_messages_stay() {
    let en = entries(&["--lang", "en"]);
    let zh: BTreeMap<String, Value> = {
        let (status, stdout, _) = parts(&run(&["--lang", "zh", "export", "--format", "ndjson"]));
        assert_eq!(status, 0);
        stdout
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                (v["code"].as_str().unwrap().to_string(), v)
            })
            .collect()
    };
    assert_eq!(
        en["41601"]["hint"],
        "The token has expired: generate a new token and send the same request again."
    );
    assert!(zh["41601"]["hint"].as_str().unwrap().contains("Token"));
    assert_ne!(en["41601"]["hint"], zh["41601"]["hint"]);
    for code in ["41601", "AuthFailure.SignatureExpire"] {
        assert_eq!(en[code]["message"], zh[code]["message"]);
        assert_eq!(en[code]["message_en"], zh[code]["message_en"]);
    }
    // The locale chooses it too, as for every command.
    let out = errcode()
        .args(["export", "--format", "tsv"])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("无需处理：调用已成功。"));
}

#[test]
fn user_tables_are_merged_in_from_the_flag_and_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let table = hostile_table(dir.path());
    let from_env = errcode()
        .args(["export", "--format", "ndjson"])
        .env("ERRCODE_TABLE", &table)
        .output()
        .unwrap();
    assert_eq!(from_env.status.code(), Some(0));
    let with_flag = export(&["--table", table.to_str().unwrap(), "--format", "ndjson"]);
    assert_eq!(String::from_utf8_lossy(&from_env.stdout), with_flag);
    let all = entries(&["--table", table.to_str().unwrap()]);
    // 51603 is the user table's one row now, and 60001 and 4294967295 are added.
    assert_eq!(all["51603"]["category"], Value::Null);
    assert_eq!(all["51603"]["http_status"], 503);
    assert_eq!(all["4294967295"]["hint"], "\"");
    assert_eq!(all.len(), entries(&[]).len() + 2);
    // A broken table is an input error, as for every command.
    let broken = crate::common::fixture("broken-table.json");
    let (status, stdout, stderr) = parts(&run(&["--table", broken.to_str().unwrap(), "export"]));
    assert_eq!(status, 2);
    assert!(stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("broken-table.json"), "{stderr}");
}

#[test]
fn formats_and_dialects_are_checked_as_usage() {
    for (args, says) in [
        (&["export", "--format", "xml"][..], "invalid value 'xml'"),
        (
            &["export", "--dialect", "postgres"][..],
            "invalid value 'postgres'",
        ),
        (&["export", "--format", "json"][..], "--format ndjson"),
        (&["export", "--format", "table"][..], "not --format table"),
        (
            &["export", "--format", "csv", "--dialect", "duckdb"][..],
            "--dialect",
        ),
        (&["list", "--format", "sql"][..], "errcode export"),
        (&["explain", "--format", "csv"][..], "errcode export"),
        (&["41601", "--format", "bulk"][..], "errcode export"),
        (&["export", "extra"][..], "unexpected argument"),
    ] {
        let (status, stdout, stderr) = parts(&run(args));
        assert_eq!(status, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(stderr.starts_with("errcode:"), "{args:?}: {stderr}");
    }
    // In Chinese too.
    let (status, _, stderr) = parts(&run(&["--lang", "zh", "export", "--format", "json"]));
    assert_eq!(status, 2);
    assert!(stderr.contains("不支持 --format json"), "{stderr}");
    // --dialect alone means --format sql; sql alone means SQLite.
    assert!(
        export(&["--dialect", "duckdb"]).starts_with("BEGIN TRANSACTION;\nCREATE OR REPLACE TABLE")
    );
    assert!(export(&["--format", "sql"]).starts_with("BEGIN;\nDROP TABLE IF EXISTS errcode_codes;"));
    assert!(export(&["-f", "sql", "--dialect", "clickhouse"]).contains("CREATE DICTIONARY errcode"));
}

#[test]
fn a_closed_stdout_fails_and_a_closed_pipe_ends_quietly() {
    let bin = env!("CARGO_BIN_EXE_errcode");
    for format in ["csv", "sql", "bulk"] {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("'{bin}' export --format {format} >&-"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr,
            "errcode: cannot write the output: standard output is closed\n"
        );
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "'{bin}' export --format {format} | head -c 10 >/dev/null"
            ))
            .output()
            .unwrap();
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("'{bin}' export --format {format} >/dev/full"))
            .output()
            .unwrap();
        assert_eq!(status.status.code(), Some(2), "{format} to a full disk");
    }
    // The reader going away is not an error.
    let mut child = errcode()
        .args(["export", "--format", "ndjson"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn completions_and_the_man_page_know_export() {
    let bash = stdout_of(&["completions", "bash"]);
    assert!(bash.contains("errcode__subcmd__export"));
    assert!(bash.contains("csv tsv ndjson bulk sql"));
    assert!(bash.contains("sqlite duckdb clickhouse"));
    let man = stdout_of(&["man"]);
    assert!(
        man.contains(".SS \"errcode export\""),
        "the man page lists export"
    );
    assert!(man.contains("sqlite, duckdb, clickhouse"));
    assert!(man.contains("csv: Comma"), "and the formats of --format");
    let help = stdout_of(&["export", "--help"]);
    for word in [
        "--dialect",
        "sqlite",
        "duckdb",
        "clickhouse",
        "errcode_codes",
        "gateway|internal",
    ] {
        assert!(help.contains(word), "export --help: {word}");
    }
}

/// The stdout of a command that must succeed.
fn stdout_of(args: &[&str]) -> String {
    let (status, stdout, stderr) = parts(&run(args));
    assert_eq!(status, 0, "{args:?}: {stderr}");
    stdout
}

#[test]
fn a_table_of_many_codes_loads_in_several_inserts() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("many.json");
    let rows: Vec<Value> = (0..700)
        .map(|i| json!({"code": 70000 + i, "http_status": 500, "message": format!("第 {i} 个'"), "retry": "backoff"}))
        .collect();
    std::fs::write(&table, Value::from(rows).to_string()).unwrap();
    let table = table.to_str().unwrap();
    let expected = entries(&["--table", table]);
    assert_eq!(expected.len(), entries(&[]).len() + 700);
    for engine in ENGINES {
        let script = export(&["--table", table, "--dialect", engine]);
        // At most 500 rows a statement: 962 rows are two.
        assert_eq!(
            script.matches("INSERT INTO errcode_codes").count(),
            2,
            "{engine}"
        );
        if !engine_ready(engine) {
            continue;
        }
        let path = dir.path().join(format!("{engine}.sql"));
        std::fs::write(&path, script).unwrap();
        let rows = drive(engine, &[&path]);
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len(), expected.len(), "{engine}");
        for row in rows {
            let code = row["code"].as_str().unwrap();
            assert_eq!(row["message"], expected[code]["message"], "{engine} {code}");
        }
    }
}
