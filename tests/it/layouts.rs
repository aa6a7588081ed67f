//! Layouts for people and tools: explain's compact human layout at each width and in both
//! languages, `--verbose`, `--format plain` and `--format table`; tables fitted to the width
//! and the record layout (one field a line) where a table cannot hold a code whole; colour
//! sequences never cut by wrapping; the pager.

use crate::common;
use crate::common::{errcode, fixture, golden, parts, run_with_input};

/// `errcode explain layout.txt ARGS` at `width` columns, run in the fixture's directory so
/// that the file is named as a user names it.
fn layout(width: u16, args: &[&str]) -> String {
    explain_fixture("layout.txt", width, args)
}

/// `errcode explain FILE ARGS` at `width` columns, in the fixture's directory.
fn explain_fixture(file: &str, width: u16, args: &[&str]) -> String {
    let out = errcode()
        .current_dir(fixture("explain"))
        .args(["explain", file])
        .args(args)
        .env("COLUMNS", width.to_string())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{file} {args:?}");
    String::from_utf8(out.stdout).unwrap()
}

macro_rules! golden_layouts {
    ($($test:ident: $file:literal <= $width:literal [$($arg:literal),*];)*) => {$(
        #[test]
        fn $test() {
            golden($file, &layout($width, &[$($arg),*]));
        }
    )*};
}

golden_layouts! {
    human_en_40: "layout-en-40.txt" <= 40 [];
    human_en_80: "layout-en-80.txt" <= 80 [];
    human_en_120: "layout-en-120.txt" <= 120 [];
    human_zh_40: "layout-zh-40.txt" <= 40 ["--lang", "zh"];
    human_zh_80: "layout-zh-80.txt" <= 80 ["--lang", "zh"];
    human_zh_120: "layout-zh-120.txt" <= 120 ["--lang", "zh"];
    human_color_80: "layout-en-80-color.txt" <= 80 ["--color", "always"];
    verbose_en_80: "layout-verbose-en-80.txt" <= 80 ["-v"];
    verbose_zh_80: "layout-verbose-zh-80.txt" <= 80 ["--verbose", "--lang", "zh"];
    plain_en: "layout-plain-en.tsv" <= 80 ["--format", "plain"];
    plain_zh: "layout-plain-zh.tsv" <= 80 ["--format", "plain", "--lang", "zh"];
    table_en_40: "layout-table-en-40.txt" <= 40 ["--format", "table"];
    table_en_80: "layout-table-en-80.txt" <= 80 ["--format", "table"];
    table_en_120: "layout-table-en-120.txt" <= 120 ["--format", "table"];
    table_zh_120: "layout-table-zh-120.txt" <= 120 ["--format", "table", "--lang", "zh"];
}

/// The lines of an envelope that are not continuations (those start with four spaces).
fn counted_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.starts_with("    ")).collect()
}

#[test]
fn each_envelope_takes_at_most_three_lines_within_the_width() {
    for width in [20u16, 40, 57, 80, 120, 200] {
        for lang in ["en", "zh"] {
            let text = layout(width, &["--lang", lang]);
            for line in text.lines() {
                let columns = unicode_width::UnicodeWidthStr::width(line);
                assert!(
                    columns <= usize::from(width.max(20)),
                    "{width} {lang}: {line}"
                );
            }
            let mut envelopes = 0;
            let mut lines = 0;
            for line in counted_lines(&text) {
                if line.starts_with('✔') || line.starts_with('✘') {
                    envelopes += 1;
                    lines = 0;
                }
                lines += 1;
                assert!(lines <= 3, "{width} {lang}: more than three lines:\n{text}");
            }
            assert_eq!(envelopes, 9, "{width} {lang}");
        }
    }
}

#[test]
fn the_glossary_appears_only_with_verbose() {
    let glossary = "the ID the server generated for this request";
    assert!(!layout(80, &[]).contains(glossary));
    assert!(layout(80, &["-v"]).contains(glossary));
    let (status, _, stderr) = parts(&run_with_input(
        &["explain", "-v", "--format", "json"],
        b"{\"StatusCode\":200}",
    ));
    assert_eq!(status, 2, "{stderr}");
}

#[test]
fn a_success_message_is_no_error_description_and_200_has_no_retry_class() {
    let verbose = layout(200, &["-v"]);
    let success = verbose.split("\n\n").next().unwrap();
    assert!(success.contains("the response's message"), "{success}");
    assert!(!success.contains("the error's description"), "{success}");
    assert!(!success.contains("retry"), "{success}");
    let (_, json, _) = parts(
        &errcode()
            .args(["lookup", "200", "--format", "json"])
            .output()
            .unwrap(),
    );
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[0]["retry"], serde_json::Value::Null, "{json}");
}

#[test]
fn the_request_id_header_of_a_curl_response_is_shown() {
    let input = b"HTTP/1.1 200 OK\r\nX-Request-Id: hdr-9\r\n\r\n{\"Code\":0,\"StatusCode\":200,\"Message\":\"ok\",\"Data\":\"\"}\r\n";
    let (_, stdout, _) = parts(&run_with_input(&["explain"], input));
    assert!(stdout.contains("X-Request-Id hdr-9"), "{stdout}");
    let (_, plain, _) = parts(&run_with_input(&["explain", "--format", "plain"], input));
    assert_eq!(
        plain,
        "-\t4\tsuccess\t200\t200\t0\thdr-9\tRequest succeeded\t200\t200\n"
    );
}

#[test]
fn code_zero_with_a_failure_is_an_observation_said_only_with_verbose() {
    let input = br#"{"RequestId":"a","Code":0,"StatusCode":52502,"Message":"Error accessing Redis","Data":""}"#;
    let (_, stdout, _) = parts(&run_with_input(&["explain"], input));
    assert!(!stdout.contains("contradict"), "{stdout}");
    // The platform's documented pairing is no news: not noted by default.
    assert!(
        !stdout.contains("source document's own example"),
        "{stdout}"
    );
    assert!(!stdout.contains("note"), "{stdout}");
    let (_, verbose, _) = parts(&run_with_input(&["explain", "-v"], input));
    assert!(
        verbose.contains("source document's own example"),
        "{verbose}"
    );
    // JSON keeps it: it is data.
    let (_, json, _) = parts(&run_with_input(&["explain", "--format", "json"], input));
    assert!(json.contains("\"code-zero-with-error\""), "{json}");
}

#[test]
fn plain_escapes_tabs_and_line_breaks_and_has_ten_fields() {
    let input = "{\"RequestId\":\"a\\tb\\nc\",\"Code\":\"x\\ty\",\"StatusCode\":\"4\\n1\",\"Message\":\"m\",\"Data\":\"\"}\n{\"StatusCode\":200,\"Code\":0}\n";
    let (status, stdout, _) = parts(&run_with_input(
        &["explain", "--format", "plain"],
        input.as_bytes(),
    ));
    assert_eq!(status, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    for line in &lines {
        assert_eq!(line.split('\t').count(), 10, "{line}");
    }
    // A code the table lacks keeps the envelope's own Message as its meaning.
    assert_eq!(lines[0], "-\t1\terror\t4\\n1\t-\tx\\ty\ta\\tb\\nc\tm\t-\t-");
    // The table's HTTP status is appended as expected, with none returned.
    assert_eq!(
        lines[1],
        "-\t2\tsuccess\t200\t200\t0\t-\tRequest succeeded\t-\t200"
    );
}

#[test]
fn the_table_is_written_as_each_envelope_arrives() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    let mut child = errcode()
        .args(["explain", "--format", "table"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    for i in 0..3 {
        writeln!(
            stdin,
            "{{\"RequestId\":\"id-{i}\",\"Code\":0,\"StatusCode\":41601}}"
        )
        .unwrap();
        stdin.flush().unwrap();
        // The heading, then the row; a row's meaning may take more lines, read before the
        // next row's first.
        let mut read = String::new();
        for _ in 0..8 {
            line.clear();
            stdout.read_line(&mut line).unwrap();
            read.push_str(&line);
            if line.contains(&format!("id-{i}")) {
                break;
            }
        }
        assert!(
            line.contains(&format!("id-{i}")),
            "row {i} before stdin closed: {read}"
        );
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn untrusted_text_in_plain_and_table_is_escaped() {
    let input = "{\"RequestId\":\"\\u001b]52;c;x\\u0007\u{202e}\",\"Code\":0,\"StatusCode\":\"\\u001b[2J\",\"Message\":\"\u{9b}31m\"}";
    for format in ["plain", "table", "human"] {
        let out = run_with_input(
            &["explain", "--format", format, "--color", "never"],
            input.as_bytes(),
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            !text.contains('\u{1b}')
                && !text.contains('\u{7}')
                && !text.contains('\u{9b}')
                && !text.contains('\u{202e}'),
            "{format}: {text:?}"
        );
        assert!(text.contains("\\u001b"), "{format}: {text}");
    }
}

/// `script` gives a real terminal; `None` where it is missing (outside CI).
fn in_terminal(command: &str) -> Option<std::process::Output> {
    let script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success());
    if script.is_none() {
        // As the real-shell tests do: skipped where script is missing, but not in CI.
        assert!(
            std::env::var_os("CI").is_none(),
            "script (util-linux) is needed"
        );
        return None;
    }
    Some(
        std::process::Command::new("script")
            .args(["-qec", command, "/dev/null"])
            .env_remove("COLUMNS")
            .env_remove("NO_COLOR")
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LESS")
            .env("TERM", "xterm")
            .output()
            .unwrap(),
    )
}

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_errcode")
}

#[test]
fn a_terminal_of_0_columns_counts_as_80_and_a_narrow_one_is_fitted() {
    let file = fixture("explain/single.json");
    let Some(out) = in_terminal(&format!(
        "stty cols 0 rows 24; {} explain {} --color never --paging never",
        binary(),
        file.display()
    )) else {
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let widest = text
        .lines()
        .map(|l| unicode_width::UnicodeWidthStr::width(l.trim_end()))
        .max()
        .unwrap();
    assert!(widest > 40 && widest <= 80, "{text}");
    // A terminal that reports its columns and no rows is still that wide.
    for rows in ["24", "0"] {
        let out = in_terminal(&format!(
            "stty cols 40 rows {rows}; {} explain {} --color never --paging never",
            binary(),
            file.display()
        ))
        .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l.trim_end()) <= 40),
            "rows {rows}: {text}"
        );
    }
}

/// A pager that records what it is given.
fn recording_pager(dir: &std::path::Path) -> (String, std::path::PathBuf) {
    let record = dir.join("paged.txt");
    let pager = dir.join("pager.sh");
    std::fs::write(&pager, format!("#!/bin/sh\ncat > '{}'\n", record.display())).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pager, std::fs::Permissions::from_mode(0o755)).unwrap();
    (pager.display().to_string(), record)
}

#[cfg(unix)]
#[test]
fn human_output_on_a_terminal_goes_through_the_pager() {
    let dir = tempfile::tempdir().unwrap();
    let (pager, record) = recording_pager(dir.path());
    let file = fixture("explain/app.log");
    let run = |extra: &str| {
        std::fs::remove_file(&record).ok();
        in_terminal(&format!(
            "PAGER='{pager}' {} explain {} --check {extra}; echo status=$?",
            binary(),
            file.display()
        ))
    };
    let Some(out) = run("") else { return };
    let screen = String::from_utf8_lossy(&out.stdout);
    let paged = std::fs::read_to_string(&record).unwrap_or_default();
    assert!(
        paged.contains("41601") && !screen.contains("41601"),
        "{screen}\n---\n{paged}"
    );
    assert!(
        screen.contains("status=1"),
        "the exit is unchanged: {screen}"
    );
    // --paging never, and stdin: straight to the terminal.
    for extra in ["--paging never", "- < /dev/null", "--format json"] {
        let out = run(extra).unwrap();
        assert!(
            !record.exists(),
            "{extra}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    // A pager that cannot start: the output is written directly.
    let out = in_terminal(&format!(
        "PAGER='/nonexistent/pager -x' {} explain {}; echo status=$?",
        binary(),
        file.display()
    ))
    .unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(
        screen.contains("41601") && screen.contains("status=0"),
        "{screen}"
    );
    // A pager that quits before reading: the exit is still explain's own.
    let out = in_terminal(&format!(
        "PAGER=true {} explain {} --check; echo status=$?",
        binary(),
        file.display()
    ))
    .unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(
        screen.contains("status=1") && !screen.contains("41601"),
        "{screen}"
    );
    // Without PAGER, `less -FRX` (a `less` of ours, first on PATH, records how it was run);
    // with PAGER empty or `cat`, no pager at all.
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let less = bin.join("less");
    let args = dir.path().join("less-args.txt");
    std::fs::write(
        &less,
        format!(
            "#!/bin/sh\necho \"$* LESS=$LESS\" > '{}'\ncat > /dev/null\n",
            args.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&less, std::fs::Permissions::from_mode(0o755)).unwrap();
    for (pager, paging, used) in [
        ("unset PAGER;", "auto", Some("-FRX LESS=FRX")),
        ("unset PAGER;", "always", Some("-RX LESS=RX")),
        ("export PAGER=less;", "always", Some(" LESS=RX")),
        ("export PAGER='';", "auto", None),
        ("export PAGER=cat;", "auto", None),
    ] {
        std::fs::remove_file(&args).ok();
        let out = in_terminal(&format!(
            "export PATH='{}':$PATH; {pager} {} explain {} --paging {paging}",
            bin.display(),
            binary(),
            file.display()
        ))
        .unwrap();
        let screen = String::from_utf8_lossy(&out.stdout);
        let ran = std::fs::read_to_string(&args).ok();
        assert_eq!(
            ran.as_deref().map(str::trim),
            used.map(str::trim),
            "{pager} {paging}: {screen}"
        );
        assert_eq!(
            screen.contains("41601"),
            used.is_none(),
            "{pager} {paging}: {screen}"
        );
    }
}

/// Lookup, list and search page their table on a terminal as explain pages its output; their
/// notes follow the table in the pager; plain and JSON, `--paging never`, a dumb terminal
/// and a pipe are never paged.
#[cfg(unix)]
#[test]
fn lookup_list_and_search_page_their_table_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (pager, record) = recording_pager(dir.path());
    let run = |args: &str, env: &str| {
        std::fs::remove_file(&record).ok();
        let out = in_terminal(&format!(
            "stty cols 80 rows 24; PAGER='{pager}' {env} {} {args}; echo status=$?",
            binary()
        ))?;
        let screen = String::from_utf8_lossy(&out.stdout).into_owned();
        Some((screen, std::fs::read_to_string(&record).ok()))
    };
    let Some(_) = run("41601", "") else { return };
    for (args, shows) in [
        ("list", "InvalidParameterValue.RetrieveTaskChannels"),
        ("list --paging always", "41601"),
        ("416xx", "41601"),
        ("lookup 41601 --paging auto", "41601"),
        ("search --lang zh 设备", "设备"),
        ("list --twins", "InvalidAccessProtocol"),
    ] {
        let (screen, paged) = run(args, "").unwrap();
        let paged = paged.unwrap_or_else(|| panic!("{args}: not paged: {screen}"));
        assert!(
            paged.contains(shows) && !screen.contains(shows),
            "{args}: {screen}\n---\n{paged}"
        );
        assert!(screen.contains("status=0"), "{args}: {screen}");
    }
    // The notes on stderr go through the pager after the table, in their place.
    let (screen, paged) = run("416xx", "").unwrap();
    let paged = paged.unwrap();
    let table_end = paged.rfind("41634").unwrap();
    let note = paged.find("note: ").expect("the notes are paged");
    assert!(note > paged.find("41601").unwrap(), "{paged}");
    assert!(!screen.contains("note: "), "{screen}");
    assert!(table_end > 0);
    // A code not found keeps its exit status under the pager.
    let (screen, _) = run("41601 99999", "").unwrap();
    assert!(screen.contains("status=1"), "{screen}");
    for (args, env) in [
        ("list --paging never", ""),
        ("list --format plain", ""),
        ("search --format json expired", ""),
        ("41601 --paging never", ""),
        ("list", "PAGER="),
        ("list", "PAGER=cat"),
        ("list | cat", ""),
        ("completions bash", ""),
        ("man", ""),
    ] {
        let (screen, paged) = run(args, env).unwrap();
        assert!(paged.is_none(), "{args} {env}: paged");
        assert!(screen.contains("status=0"), "{args} {env}: {screen}");
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_is_never_paged() {
    let dir = tempfile::tempdir().unwrap();
    let (pager, record) = recording_pager(dir.path());
    let out = errcode()
        .args([
            "explain",
            fixture("explain/app.log").to_str().unwrap(),
            "--paging",
            "always",
        ])
        .env("PAGER", &pager)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("41601"));
    assert!(!record.exists());
}

#[test]
fn chinese_reaches_stderr_too() {
    let input = "{\"a\":1}\nnot json\n{\"StatusCode\":200,,}\n{\"StatusCode\":200,\"Code\":0}\n";
    let (status, stdout, stderr) = parts(&run_with_input(
        &["explain", "--lang", "zh"],
        input.as_bytes(),
    ));
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.starts_with("✔ 成功 200 请求成功"), "{stdout}");
    assert!(stdout.contains("提示：缺少 RequestId 字段"), "{stdout}");
    for said in [
        "第 3 行第 19 列",
        "JSON 格式错误：应为键，实为 `,`",
        "已跳过",
        "跳过 3 行",
        "没有 JSON 对象",
        "没有响应信封的键",
    ] {
        assert!(stderr.contains(said), "{said}: {stderr}");
    }
    assert!(
        !stderr.contains("skipped") && !stderr.contains("line"),
        "{stderr}"
    );
    let (_, _, stderr) = parts(&run_with_input(
        &["explain", "--lang", "zh", "--summary"],
        input.as_bytes(),
    ));
    assert!(stderr.contains("共 1 个响应，0 个错误"), "{stderr}");
    let missing = errcode()
        .args(["explain", "--lang", "zh", "/nonexistent/x.json"])
        .output()
        .unwrap();
    let (status, _, stderr) = parts(&missing);
    assert_eq!(
        (status, stderr.as_str()),
        (
            2,
            "errcode: /nonexistent/x.json: 没有这个文件：请检查路径\n"
        )
    );
    let (status, _, stderr) = parts(&run_with_input(&["explain", "--lang", "zh"], b""));
    assert_eq!(status, 2);
    assert!(stderr.contains("输入为空"), "{stderr}");
    for (args, said) in [
        (&["explain", "--lang", "zh", "-", "-"][..], "只能读取一次"),
        (
            &["explain", "--lang", "zh", "-v", "--summary"],
            "--verbose 只用于 human 格式",
        ),
    ] {
        let (status, _, stderr) = parts(&run_with_input(args, b"{}"));
        assert_eq!(status, 2, "{args:?}");
        assert!(stderr.contains(said), "{args:?}: {stderr}");
    }
}

#[test]
fn data_follows_the_hint_only_when_it_carries_details() {
    for (data, shown) in [
        ("\"\"", false),
        ("null", false),
        ("{ }", false),
        ("[]", false),
        ("{\"device\":\"34020000001320000001\"}", true),
        ("\"gateway offline\"", true),
    ] {
        let input = format!("{{\"RequestId\":\"a\",\"Code\":0,\"StatusCode\":40006,\"Message\":\"数据库未查到该记录\",\"Data\":{data}}}");
        let (_, stdout, _) = parts(&run_with_input(&["explain"], input.as_bytes()));
        assert_eq!(stdout.contains("Data "), shown, "{data}: {stdout}");
    }
    // A Data of megabytes is cut to the line.
    let big = format!(
        "{{\"StatusCode\":40006,\"Data\":\"{}\"}}",
        "x".repeat(1 << 20)
    );
    let (_, stdout, _) = parts(&run_with_input(&["explain"], big.as_bytes()));
    assert!(
        stdout.lines().all(|l| l.chars().count() <= 80),
        "{}",
        &stdout[..400.min(stdout.len())]
    );
    assert!(stdout.contains("xxx…"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn a_hostile_file_name_is_escaped_in_every_layout() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a\u{1b}]52;c;eA==\u{7}\u{202e}.log";
    std::fs::write(dir.path().join(name), "{\"StatusCode\":200,\"Code\":0}\n").unwrap();
    for (args, escaped) in [
        (&["-v"][..], "\\u001b]52"),
        (&["--format", "plain"], "\\u001b]52"),
        // The table keeps a place's end: its file's last characters and its line.
        (&["--format", "table"], "202e.log:1"),
    ] {
        let out = errcode()
            .current_dir(dir.path())
            .args(["explain", name, "--color", "always"])
            .args(args)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            !text.contains('\u{7}') && !text.contains('\u{202e}') && !text.contains("\u{1b}]"),
            "{args:?}: {text:?}"
        );
        assert!(text.contains(escaped), "{args:?}: {text}");
    }
}

#[test]
fn help_documents_the_plain_fields_and_the_pager() {
    let out = errcode().args(["explain", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for said in [
        "tab-separated: file (- for stdin), line, verdict, code,",
        "HTTP status (observed when seen, else the table's), Code, RequestId, meaning;",
        "written \\\\, a tab or line break \\t, \\n or \\r",
        "cut to its first 200 characters",
        "--paging <WHEN>",
        "-v, --verbose",
        "never when explain reads stdin",
    ] {
        assert!(help.contains(said), "{said}: {help}");
    }
}

#[test]
fn a_width_under_twenty_is_laid_out_at_twenty() {
    let at = |columns: &str| {
        let out = errcode()
            .args(["explain", "tests/fixtures/explain/app.log"])
            .env("COLUMNS", columns)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let twenty = at("20");
    assert!(
        twenty.lines().any(|l| l.starts_with("✔ success 200")),
        "{twenty}"
    );
    for narrow in ["1", "5", "19"] {
        assert_eq!(at(narrow), twenty, "COLUMNS={narrow}");
    }
}

#[cfg(unix)]
#[test]
fn warnings_for_a_terminal_go_through_the_pager_in_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let (pager, record) = recording_pager(dir.path());
    let file = fixture("explain/app.log");
    let Some(out) = in_terminal(&format!(
        "PAGER='{pager}' {} explain {} /nonexistent/x.log; echo status=$?",
        binary(),
        file.display()
    )) else {
        return;
    };
    let screen = String::from_utf8_lossy(&out.stdout);
    let paged = std::fs::read_to_string(&record).unwrap_or_default();
    // The missing file and the skipped lines are told after the envelopes, inside the pager.
    let (envelope, missing) = (paged.find("41601"), paged.find("/nonexistent/x.log"));
    assert!(
        envelope.is_some() && missing.is_some() && envelope < missing,
        "{screen}\n---\n{paged}"
    );
    assert!(paged.contains("skipped 2 lines"), "{paged}");
    assert!(!screen.contains("/nonexistent"), "{screen}");
    assert!(screen.contains("status=2"), "{screen}");
}

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

/// `line` with its colour sequences taken out, or why one of them is not a whole SGR sequence.
fn without_sgr(line: &str) -> Result<String, String> {
    let mut text = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            text.push(c);
            continue;
        }
        if chars.next() != Some('[') {
            return Err(format!("an escape that is not CSI: {line:?}"));
        }
        loop {
            match chars.next() {
                Some('m') => break,
                Some(c) if c.is_ascii_digit() || c == ';' => {}
                _ => return Err(format!("a cut colour sequence: {line:?}")),
            }
        }
    }
    Ok(text)
}

#[test]
fn wrapping_never_splits_a_colour_sequence_nor_overflows_the_width() {
    let log = common::fixture("explain/app.log");
    let log = log.to_str().unwrap();
    for lang in ["en", "zh"] {
        for verbose in [true, false] {
            for width in 20..=130 {
                let mut args = vec!["--color", "always", "--lang", lang, "explain", log];
                if verbose {
                    args.push("-v");
                }
                let out = common::errcode()
                    .env("COLUMNS", width.to_string())
                    .args(&args)
                    .output()
                    .unwrap();
                let (_, stdout, stderr) = parts(&out);
                assert!(stdout.contains('\u{1b}'), "{stderr}");
                for line in stdout.lines() {
                    let text = without_sgr(line).unwrap_or_else(|e| panic!("{lang} {width}: {e}"));
                    let columns = unicode_width::UnicodeWidthStr::width(text.as_str());
                    assert!(columns <= width, "{lang} -v={verbose} {width}: {line:?}");
                }
            }
        }
    }
}

/// The twelve longest API 3.0 codes of the table, each in `long-codes.log` with RequestIds of
/// 70 characters.
const LONG_CODES: [&str; 12] = [
    "InvalidParameterValue.StartTimeGreaterThanOrEqualEndTime",
    "InvalidParameterValue.RetrieveTaskChannelsExceedsRange",
    "UnsupportedOperation.UnopenedIntranetServicesInRegion",
    "InvalidParameterValue.OrganizationCountExceedsRange",
    "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
    "InvalidParameterValue.InvalidDevicePasswordLength",
    "InvalidParameterValue.InvalidChannelIdOrDeviceId",
    "InvalidParameterValue.InvalidGatewayProtocolType",
    "InvalidParameterValue.RTMPPushStreamParamRepeat",
    "InvalidParameterValue.InvalidStartTimeOrEndTime",
    "InvalidParameterValue.UnsupportedStreamProtocol",
    "InvalidParameterValue.PlanChannelsExceedsRange",
];

/// `errcode explain long-codes.log ARGS` at `width` columns.
fn long_codes(width: u16, args: &[&str]) -> String {
    explain_fixture("long-codes.log", width, args)
}

/// The text with each line's leading spaces and every line break taken out: a value wrapped
/// over lines reads whole again.
fn rejoined(text: &str) -> String {
    text.lines().map(str::trim_start).collect()
}

/// The text of column `n` of an envelope table, read down: the rule under the heading says
/// where each column is.
fn column(text: &str, n: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let rule = text.lines().nth(1).expect("a rule");
    let mut spans = Vec::new();
    let mut at = 0;
    let mut start = None;
    for c in rule.chars() {
        match (c == '─', start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                spans.push((s, at));
                start = None;
            }
            _ => {}
        }
        at += c.width().unwrap_or(0);
    }
    if let Some(s) = start {
        spans.push((s, at));
    }
    let (from, to) = spans[n];
    text.lines()
        .skip(2)
        .map(|line| {
            let mut at = 0;
            let mut cell = String::new();
            for c in line.chars() {
                if at >= from && at < to {
                    cell.push(c);
                }
                at += c.width().unwrap_or(0);
            }
            cell.trim().to_string()
        })
        .collect()
}

fn assert_within(text: &str, width: u16, what: &str) {
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= usize::from(width),
            "{what} at {width}: {line:?}\n{text}"
        );
    }
}

#[test]
fn the_summary_keeps_one_line_a_code_with_api_3_codes_at_every_width() {
    for width in [40u16, 60, 80, 100, 120] {
        for lang in ["en", "zh"] {
            let text = long_codes(width, &["--summary", "--format", "table", "--lang", lang]);
            let what = format!("--lang {lang}");
            assert_within(&text, width, &what);
            assert!(!text.contains("─[ 1 ]"), "{what} {width}: records\n{text}");
            assert!(!text.contains('…'), "{what} {width}: something cut\n{text}");
            let whole = rejoined(&text);
            for code in LONG_CODES {
                assert!(whole.contains(code), "{what} {width}: {code}\n{text}");
            }
            // Every sample RequestId whole (70 characters, wrapped where the line is shorter).
            let ids: Vec<&str> = whole.matches("-trace-0000").collect();
            assert!(ids.len() >= 12, "{what} {width}: {text}");
            for n in [1, 13, 24, 42] {
                let id = format!("trace-{:0>24}", n);
                assert!(whole.contains(&id), "{what} {width}: {id}\n{text}");
            }
            // The codes take one line each (with the meaning beside) from 120 columns, at
            // most two (the meaning under the code) at 80 and 100, rather than ten fields.
            let rows = text
                .lines()
                .take_while(|l| !l.starts_with("RequestId"))
                .count();
            match width {
                120 => assert!(rows <= 1 + 13 + 8, "{what} {width}: {rows}\n{text}"),
                80 | 100 => assert!(rows <= 1 + 2 * 13 + 6, "{what} {width}: {rows}\n{text}"),
                _ => assert!(rows <= 1 + 6 * 13, "{what} {width}: {rows}\n{text}"),
            }
        }
    }
    golden(
        "summary-compact-en-80.txt",
        &long_codes(80, &["--summary", "--format", "table"]),
    );
    golden(
        "summary-compact-zh-100.txt",
        &long_codes(100, &["--summary", "--format", "table", "--lang", "zh"]),
    );
}

#[test]
fn the_table_and_the_human_layout_wrap_codes_and_request_ids_never_cut_them() {
    for width in [40u16, 60, 80, 100, 120] {
        for lang in ["en", "zh"] {
            for format in ["table", "human"] {
                let text = long_codes(width, &["--format", format, "--lang", lang]);
                let what = format!("--format {format} --lang {lang}");
                assert_within(&text, width, &what);
                // The table's cells read down their column; the human layout reads on.
                let whole = match (format, text.contains("─[ 1 ]")) {
                    ("table", false) => column(&text, 1) + &column(&text, 3),
                    _ => rejoined(&text),
                };
                for code in LONG_CODES {
                    assert!(whole.contains(code), "{what} {width}: {code}\n{text}");
                }
                for n in [1, 12, 42] {
                    let id = format!("trace-{:0>24}", n);
                    assert!(whole.contains(&id), "{what} {width}: {id}\n{text}");
                }
                assert!(
                    !text.contains("ok-00") || whole.contains(&format!("ok-{}", "0".repeat(60)))
                );
            }
        }
    }
    // Over 200 characters a value is no real code or ID: cut, with a mark.
    let long = "x".repeat(300);
    let input = format!(
        "{{\"Response\":{{\"Error\":{{\"Code\":\"AuthFailure.{long}\",\"Message\":\"m\"}},\"RequestId\":\"{long}\"}}}}\n"
    );
    for format in ["table", "human"] {
        let out = errcode()
            .args(["explain", "--format", format])
            .env("COLUMNS", "80")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child.stdin.take().unwrap().write_all(input.as_bytes())?;
                child.wait_with_output()
            })
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let whole = match format {
            "table" => column(&text, 1) + &column(&text, 3),
            _ => rejoined(&text),
        };
        assert!(
            whole.contains(&format!("{}…", "x".repeat(188))),
            "{format}: {text}"
        );
        assert!(!whole.contains(&"x".repeat(201)), "{format}: {text}");
    }
}

/// Whether a table line has a cell whose text starts with closing CJK punctuation.
fn cell_starts_with_closing(line: &str) -> bool {
    line.split(['│', '┆']).map(str::trim_start).any(|cell| {
        cell.starts_with([
            '。', '，', '、', '；', '：', '？', '！', '）', '」', '』', '】', '》',
        ])
    })
}

#[test]
fn table_cells_in_chinese_never_start_a_line_with_closing_punctuation() {
    for width in [40u16, 60, 80, 100, 120] {
        for lang in ["zh", "en"] {
            for args in [
                &["list"][..],
                &["list", "--twins"],
                &["list", "--see-also"],
                &["search", "设备"],
            ] {
                let out = errcode()
                    .args(args)
                    .args(["--format", "table", "--lang", lang])
                    .env("COLUMNS", width.to_string())
                    .output()
                    .unwrap();
                let text = String::from_utf8(out.stdout).unwrap();
                assert!(!text.is_empty(), "{args:?}");
                assert_within(&text, width, lang);
                for line in text.lines() {
                    let at = format!("{args:?} {lang} {width}: {line}");
                    assert!(!cell_starts_with_closing(line), "{at}");
                }
            }
            let text = long_codes(width, &["--summary", "--format", "table", "--lang", lang]);
            let text = text + &layout(width, &["--format", "table", "--lang", lang]);
            for line in text.lines() {
                let line = line.trim_start();
                assert!(!cell_starts_with_closing(line), "{lang} {width}: {line}");
            }
        }
    }
    // The check finds what it looks for.
    assert!(cell_starts_with_closing("│ 41601 ┆ 。重试 │"));
}

#[test]
fn a_wrapped_line_never_starts_with_a_separator() {
    for width in [40u16, 60, 80, 100, 120] {
        for lang in ["en", "zh"] {
            let text = long_codes(width, &["--lang", lang])
                + &layout(width, &["--lang", lang])
                + &layout(width, &["--lang", lang, "-v"]);
            for line in text.lines() {
                assert!(
                    !line.trim_start().starts_with('·'),
                    "{lang} {width}: {line:?}"
                );
            }
        }
    }
}

#[test]
fn the_chart_writes_a_long_code_whole_above_its_bars() {
    for width in [40u16, 60, 80, 100, 120] {
        for lang in ["en", "zh"] {
            let text = long_codes(
                width,
                &[
                    "--summary",
                    "--by",
                    "1h",
                    "--format",
                    "table",
                    "--lang",
                    lang,
                ],
            );
            assert!(!text.contains('…'), "{lang} {width}: {text}");
            let whole = rejoined(&text);
            for code in LONG_CODES {
                assert!(whole.contains(code), "{lang} {width}: {code}\n{text}");
            }
            assert_within(&text, width, lang);
            if width < 60 {
                continue;
            }
            // Each code's bars are on the line after it, with its count.
            let lines: Vec<&str> = text.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.contains(LONG_CODES[0]))
                .unwrap();
            let bars = lines[at + 1..].iter().find(|l| l.contains('│')).unwrap();
            assert!(bars.trim_end().ends_with("12"), "{lang} {width}: {text}");
        }
    }
}

#[test]
fn plain_keeps_an_unknown_codes_message_escaped_and_cut() {
    let input = concat!(
        r#"{"RequestId":"a","Code":500,"StatusCode":49999,"Message":"bad\\t\tline\nend\u001b[2J","Data":""}"#,
        "\n"
    );
    let (_, stdout, _) = parts(&run_with_input(
        &["explain", "--format", "plain"],
        input.as_bytes(),
    ));
    let fields: Vec<&str> = stdout.trim_end_matches('\n').split('\t').collect();
    assert_eq!(fields.len(), 10, "{stdout:?}");
    // The backslash doubled, the tab, line feed and escape written as escapes.
    assert_eq!(fields[7], r"bad\\t\tline\nend\u001b[2J", "{stdout:?}");
    // No HTTP status returned, none in the table.
    assert_eq!(&fields[8..], ["-", "-"]);
    let long = format!(
        r#"{{"RequestId":"a","Code":500,"StatusCode":49999,"Message":"{}","Data":""}}"#,
        "m".repeat(300)
    );
    let (_, stdout, _) = parts(&run_with_input(
        &["explain", "--format", "plain"],
        long.as_bytes(),
    ));
    let meaning = stdout.split('\t').nth(7).unwrap();
    assert_eq!(meaning, format!("{}…", "m".repeat(200)), "{stdout:?}");
    // An API 3.0 code the table lacks keeps its Message too.
    let v3 = br#"{"Response":{"Error":{"Code":"No.Such","Message":"own words"},"RequestId":"v"}}"#;
    let (_, stdout, _) = parts(&run_with_input(&["explain", "--format", "plain"], v3));
    assert_eq!(stdout.split('\t').nth(7), Some("own words"), "{stdout:?}");
}
