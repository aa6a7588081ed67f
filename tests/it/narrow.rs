//! Tables fitted to the width, and the record layout (one field a line) where a table cannot
//! hold a code whole; colour sequences are never cut by wrapping.

use crate::common::{errcode, golden, parts};

/// `errcode ARGS` with `COLUMNS` set.
fn at_width(columns: &str, args: &[&str]) -> (i32, String, String) {
    parts(
        &errcode()
            .env("COLUMNS", columns)
            .args(args)
            .output()
            .unwrap(),
    )
}

macro_rules! golden_widths {
    ($($test:ident: $file:literal => $columns:literal, $lang:literal;)*) => {$(
        #[test]
        fn $test() {
            let (status, stdout, _) = at_width(
                $columns,
                &["lookup", "41601", "51603", "--format", "table", "--lang", $lang],
            );
            assert_eq!(status, 0);
            golden($file, &stdout);
        }
    )*};
}

golden_widths! {
    golden_lookup_width_40_en: "lookup-width-40-en.txt" => "40", "en";
    golden_lookup_width_80_en: "lookup-width-80-en.txt" => "80", "en";
    golden_lookup_width_120_en: "lookup-width-120-en.txt" => "120", "en";
    golden_lookup_width_40_zh: "lookup-width-40-zh.txt" => "40", "zh";
    golden_lookup_width_80_zh: "lookup-width-80-zh.txt" => "80", "zh";
    golden_lookup_width_120_zh: "lookup-width-120-zh.txt" => "120", "zh";
}

#[test]
fn a_narrow_terminal_gets_one_field_a_line_with_every_code_whole() {
    for columns in ["1", "20", "40"] {
        let (status, stdout, _) = at_width(columns, &["lookup", "41601", "--format", "table"]);
        assert_eq!(status, 0);
        assert!(
            stdout.lines().any(|l| l == "Code      41601"),
            "{columns}: {stdout}"
        );
        assert!(!stdout.contains('┆'), "{columns}: no table\n{stdout}");
    }
    // A table where the longest code fits whole, beside readable columns.
    let (_, stdout, _) = at_width("80", &["lookup", "41601", "--format", "table"]);
    assert!(stdout.contains("│ 41601 ┆"), "{stdout}");
    // An API 3.0 code is long: at 80 columns it gets records, at 120 a table that holds it.
    let (_, stdout, _) = at_width("80", &["lookup", "AuthFailure.TokenFailure", "-f", "table"]);
    assert!(
        stdout.contains("Code      AuthFailure.TokenFailure\n"),
        "{stdout}"
    );
    let (_, stdout, _) = at_width(
        "120",
        &["lookup", "AuthFailure.TokenFailure", "-f", "table"],
    );
    assert!(stdout.contains("│ AuthFailure.TokenFailure ┆"), "{stdout}");
}

#[test]
fn zero_columns_count_as_80() {
    let (_, at_zero, _) = at_width("0", &["lookup", "41601", "--format", "table"]);
    let (_, at_80, _) = at_width("80", &["lookup", "41601", "--format", "table"]);
    let (_, unset, _) = parts(
        &errcode()
            .args(["lookup", "41601", "-f", "table"])
            .output()
            .unwrap(),
    );
    assert_eq!(at_zero, at_80);
    assert_eq!(unset, at_80);
}

/// Every escape sequence in `text` is a whole SGR sequence (`ESC [ digits ; … m`), and none is
/// left open at a line's end.
fn assert_whole_sgr(text: &str, context: &str) {
    for line in text.lines() {
        let mut rest = line;
        let mut open = false;
        while let Some(at) = rest.find('\u{1b}') {
            let seq = &rest[at..];
            let end = seq
                .find('m')
                .unwrap_or_else(|| panic!("{context}: cut sequence in {line:?}"));
            let params = &seq[2..end];
            assert!(
                seq.as_bytes().get(1) == Some(&b'[')
                    && params.bytes().all(|b| b.is_ascii_digit() || b == b';'),
                "{context}: not a whole SGR sequence in {line:?}"
            );
            open = params != "0";
            rest = &seq[end + 1..];
        }
        assert!(!open, "{context}: a style left open at the end of {line:?}");
        // No sequence that lost its ESC (`[2m` printed as text).
        let bytes = line.as_bytes();
        for (i, _) in line.match_indices('[') {
            let params = bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_digit() || **b == b';')
                .count();
            let is_sgr = params > 0 && bytes.get(i + 1 + params) == Some(&b'm');
            assert!(
                !is_sgr || (i > 0 && bytes[i - 1] == 0x1b),
                "{context}: a sequence without its ESC in {line:?}"
            );
        }
    }
}

#[test]
fn colour_sequences_are_never_cut_by_wrapping() {
    for columns in (1..=130).step_by(3) {
        let columns = columns.to_string();
        for args in [
            &["search", "token", "--color", "always", "-f", "table"][..],
            &[
                "lookup", "416xx", "--color", "always", "-f", "table", "--lang", "zh",
            ],
            &["list", "--http", "402", "--color", "always", "-f", "table"],
        ] {
            let (status, stdout, _) = at_width(&columns, args);
            assert_eq!(status, 0);
            assert_whole_sgr(&stdout, &format!("COLUMNS={columns} {args:?}"));
        }
    }
}

#[test]
fn hostile_text_from_a_user_table_stays_escaped_in_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.json");
    std::fs::write(
        &path,
        r#"[{"code": 60001, "http_status": 500, "message": "坏\u001b[2J\u202e字", "hint": "a\u0007b"}]"#,
    )
    .unwrap();
    let (status, stdout, _) = at_width(
        "30",
        &[
            "--table",
            path.to_str().unwrap(),
            "lookup",
            "60001",
            "-f",
            "table",
        ],
    );
    assert_eq!(status, 0);
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(stdout.contains("\\u001b[2J"), "{stdout}");
}

#[test]
fn the_twins_table_holds_its_codes_whole_or_gives_one_field_a_line() {
    let (status, stdout, _) = at_width("40", &["list", "--twins", "-f", "table", "--lang", "zh"]);
    assert_eq!(status, 0);
    assert!(
        stdout.contains("\nAPI 3.0       InvalidParameter\n"),
        "{stdout}"
    );
    assert!(stdout.contains("\n依据 "), "{stdout}");
    let (_, stdout, _) = at_width("140", &["list", "--twins", "-f", "table"]);
    assert!(
        stdout.contains("┆ ResourceUnavailable.DevOffline "),
        "{stdout}"
    );
    for columns in (1..=140).step_by(7) {
        let (_, stdout, _) = at_width(
            &columns.to_string(),
            &["list", "--twins", "-f", "table", "--color", "always"],
        );
        assert_whole_sgr(&stdout, &format!("twins at {columns}"));
    }
}

#[test]
fn golden_records_in_colour() {
    // Styles are applied to the wrapped lines: each line opens and closes its own.
    let (status, stdout, _) = at_width(
        "40",
        &["search", "token", "--color", "always", "-f", "table"],
    );
    assert_eq!(status, 0);
    golden("search-records-color-40.txt", &stdout);
}
