//! --table and ERRCODE_TABLE: merging user tables over the built-in one.

use crate::common::{errcode, fixture, parts, run};

#[test]
fn a_user_table_replaces_and_adds_codes() {
    let table = fixture("user-table.json");
    let table = table.to_str().unwrap();
    let (status, stdout, _) = parts(&run(&["--table", table, "lookup", "51603", "60001"]));
    assert_eq!(status, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "51603 replaced by one row, 60001 added: {stdout}"
    );
    assert!(
        lines[0].starts_with("51603\t200\t网关信令操作失败（本部署）"),
        "{stdout}"
    );
    assert!(lines[1].starts_with("60001\t500\t自定义错误"), "{stdout}");
    let (_, stdout, _) = parts(&run(&[
        "--table",
        table,
        "list",
        "--api",
        "legacy",
        "--show-source",
        "--format",
        "json",
    ]));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(rows.len(), 74);
    let source = |code: u64| {
        rows.iter().find(|r| r["code"] == code).unwrap()["source"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(source(41601), "built-in");
    assert!(source(60001).ends_with("user-table.json"));
}

#[test]
fn errcode_table_lists_tables_and_flags_come_last() {
    let first = fixture("user-table.json");
    let second = fixture("user-table-2.json");
    let out = errcode()
        .args(["--table", second.to_str().unwrap(), "lookup", "60001"])
        .env("ERRCODE_TABLE", format!("{}:", first.display()))
        .output()
        .unwrap();
    let (status, stdout, _) = parts(&out);
    assert_eq!(status, 0);
    assert!(
        stdout.starts_with("60001\t503\t第二个表"),
        "--table wins over ERRCODE_TABLE: {stdout}"
    );
}

#[test]
fn the_shape_list_prints_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let path = dir.join("all.json");
    let json = run(&["list", "--api", "legacy", "--format", "json"]).stdout;
    std::fs::write(&path, &json).unwrap();
    let again = run(&[
        "--table",
        path.to_str().unwrap(),
        "list",
        "--api",
        "legacy",
        "--format",
        "json",
    ])
    .stdout;
    // The twins and related codes are the built-in rows' own: a user table's rows have none.
    let without_twins = |bytes: &[u8]| {
        let mut rows: Vec<serde_json::Value> = serde_json::from_slice(bytes).unwrap();
        for row in &mut rows {
            row.as_object_mut().unwrap().remove("twins");
            row.as_object_mut().unwrap().remove("see_also");
        }
        rows
    };
    assert!(String::from_utf8_lossy(&json).contains("\"see_also\""));
    assert_eq!(without_twins(&again), without_twins(&json));
}

#[test]
fn a_broken_table_exits_2_with_path_line_and_column() {
    let broken = fixture("broken-table.json");
    let (status, stdout, stderr) = parts(&run(&["--table", broken.to_str().unwrap(), "41601"]));
    assert_eq!(status, 2);
    assert!(stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("broken-table.json: line 3 column"),
        "{stderr}"
    );
    let missing = fixture("no-such-table.json");
    let (status, _, stderr) = parts(&run(&["--table", missing.to_str().unwrap(), "41601"]));
    assert_eq!(status, 2);
    assert!(
        stderr.contains("no-such-table.json: no such file"),
        "{stderr}"
    );
    let (status, _, stderr) = parts(&run(&["--table", fixture("").to_str().unwrap(), "41601"]));
    assert_eq!(status, 2);
    assert!(stderr.contains("is a directory"), "{stderr}");
    let bad_row = fixture("bad-row-table.json");
    let (status, _, stderr) = parts(&run(&["--table", bad_row.to_str().unwrap(), "41601"]));
    assert_eq!(status, 2);
    assert!(
        stderr.contains("row at line 2 column 3: http_status 99"),
        "{stderr}"
    );
}

#[test]
fn errcode_table_expands_a_leading_tilde_and_splits_as_paths_split() {
    let home = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("user-table.json"), home.path().join("mine.json")).unwrap();
    let separator = if cfg!(windows) { ';' } else { ':' };
    // Quoted in an env file, the value never went through a shell: errcode expands `~/`.
    let out = errcode()
        .args(["lookup", "60001"])
        .env("HOME", home.path())
        .env("USERPROFILE", home.path())
        .env(
            "ERRCODE_TABLE",
            format!("{separator}~/mine.json{separator}"),
        )
        .output()
        .unwrap();
    let (status, stdout, stderr) = parts(&out);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.starts_with("60001\t500\t自定义错误"), "{stdout}");
    // A missing file after the tilde is named as expanded.
    let out = errcode()
        .args(["lookup", "60001"])
        .env("HOME", home.path())
        .env("ERRCODE_TABLE", "~/nope.json")
        .output()
        .unwrap();
    let (status, _, stderr) = parts(&out);
    assert_eq!(status, 2);
    assert!(
        stderr.contains(&home.path().join("nope.json").display().to_string()),
        "{stderr}"
    );
}
