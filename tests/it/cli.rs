//! lookup, list and search through the binary: output, formats, colour, exit statuses, pipes.

use crate::common;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::common::{errcode, golden, parts, run};

fn codes_of_plain(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn lookup_prints_code_http_status_and_meaning() {
    let (status, stdout, stderr) = parts(&run(&["lookup", "41601"]));
    assert_eq!(status, 0, "{stderr}");
    let cells: Vec<&str> = stdout.trim_end().split('\t').collect();
    assert_eq!(
        &cells[..3],
        ["41601", "200", "Token 已过期，请重新生成 Token"]
    );
    assert_eq!(cells[3], "Token expired: please generate a new token");
    assert_eq!(&cells[4..6], ["auth", "after-fix"]);
    // The related API 3.0 codes: the last column, and a note.
    assert_eq!(
        cells[7],
        "AuthFailure.SignatureExpire,AuthFailure.TokenFailure"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("note: see also "), "{stderr}");
}

#[test]
fn a_bare_code_is_a_lookup() {
    assert_eq!(run(&["41601"]).stdout, run(&["lookup", "41601"]).stdout);
    assert_eq!(
        run(&["--format", "json", "41601"]).stdout,
        run(&["lookup", "41601", "--format", "json"]).stdout
    );
}

#[test]
fn lookup_of_51603_shows_both_meanings_without_a_note_saying_so() {
    let (status, stdout, stderr) = parts(&run(&["lookup", "51603"]));
    assert_eq!(status, 0);
    assert_eq!(codes_of_plain(&stdout), ["51603", "51603"]);
    assert!(stdout.contains("网关信令操作失败") && stdout.contains("消息队列发送失败"));
    // The two rows say it.
    assert_eq!(stderr, "", "{stderr}");
}

#[test]
fn unknown_code_exits_1_with_did_you_mean() {
    let (status, stdout, stderr) = parts(&run(&["lookup", "41061"]));
    assert_eq!(status, 1);
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        "errcode: 41061 is not in the table; did you mean 41601?\n"
    );
    let (status, _, stderr) = parts(&run(&["lookup", "41699"]));
    assert_eq!(status, 1);
    assert!(
        stderr.contains("did you mean 41609, 41619, 41629?"),
        "{stderr}"
    );
}

#[test]
fn did_you_mean_offers_only_what_a_typo_could_have_been() {
    // Typos: a swap, a digit dropped, a letter dropped or two swapped in an API 3.0 code.
    for (typed, meant) in [
        ("41061", "41601"),
        ("4160", "41601"),
        ("AuthFailure.TokenFailur", "AuthFailure.TokenFailure"),
        ("authfailure.tokenfialure", "AuthFailure.TokenFailure"),
        ("LimitExceded", "LimitExceeded"),
    ] {
        let (status, _, stderr) = parts(&run(&[typed]));
        assert_eq!(status, 1, "{typed}");
        assert!(
            stderr.contains(&format!("did you mean {meant}")),
            "{typed}: {stderr}"
        );
    }
    // Not typos of any code: nothing is suggested, and the way on is said.
    for (typed, way) in [
        ("99999", "`errcode list` shows every code"),
        ("12345", "`errcode list` shows every code"),
        ("NoSuchRegion", "`errcode search` finds codes by their text"),
        (
            "UnsupportedVersion",
            "`errcode search` finds codes by their text",
        ),
    ] {
        let (status, _, stderr) = parts(&run(&[typed]));
        assert_eq!(status, 1, "{typed}");
        assert!(!stderr.contains("did you mean"), "{typed}: {stderr}");
        assert!(stderr.contains(way), "{typed}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{typed}: {stderr}");
    }
    let (_, _, stderr) = parts(&run(&["99999", "--lang", "zh"]));
    assert_eq!(
        stderr,
        "errcode: 表中没有 99999：`errcode list` 列出全部错误码\n"
    );
}

#[test]
fn found_and_unknown_together_print_the_found_and_exit_1() {
    let (status, stdout, stderr) = parts(&run(&["lookup", "41601", "41699"]));
    assert_eq!(status, 1);
    assert_eq!(codes_of_plain(&stdout), ["41601"]);
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("errcode:"))
        .collect();
    assert_eq!(errors.len(), 1, "{stderr}");
}

#[test]
fn input_that_is_not_a_code_exits_2_with_one_line() {
    for bad in ["-5", "99999999999999999999", "4x1", "", "a-b"] {
        let (status, stdout, stderr) = parts(&run(&["lookup", bad]));
        assert_eq!(status, 2, "{bad:?}: {stderr}");
        assert!(stdout.is_empty());
        assert_eq!(stderr.lines().count(), 1, "{bad:?}: {stderr}");
        assert!(
            stderr.starts_with("errcode: ") && stderr.contains("is not an error code"),
            "{stderr}"
        );
    }
    let (status, _, stderr) = parts(&run(&["-5"]));
    assert_eq!(status, 2);
    assert!(stderr.contains("not negative"), "{stderr}");
    // Written as an API 3.0 code, but no such code: not found.
    let (status, _, stderr) = parts(&run(&["lookup", "abc"]));
    assert_eq!(status, 1);
    assert!(stderr.contains("abc is not an API 3.0 code"), "{stderr}");
}

#[test]
fn patterns_match_prefixes() {
    let (status, stdout, _) = parts(&run(&["lookup", "416xx"]));
    assert_eq!(status, 0);
    let expected: Vec<String> = (41601..=41634).map(|c| c.to_string()).collect();
    assert_eq!(codes_of_plain(&stdout), expected);
    assert_eq!(run(&["lookup", "416*"]).stdout, stdout.as_bytes());
    let (status, _, stderr) = parts(&run(&["lookup", "419xx"]));
    assert_eq!(status, 1);
    assert!(
        stderr.contains("no code in the table matches 419xx"),
        "{stderr}"
    );
}

#[test]
fn list_http_456_is_exactly_the_infrastructure_codes() {
    let (status, stdout, stderr) = parts(&run(&["list", "--http", "456"]));
    assert_eq!(status, 0);
    let expected: Vec<String> = (52501..=52514).map(|c| c.to_string()).collect();
    assert_eq!(codes_of_plain(&stdout), expected);
    // The reader asked for HTTP 456: no note tells them of it.
    assert_eq!(stderr, "", "{stderr}");
}

#[test]
fn notes_on_stderr_say_only_what_the_rows_do_not() {
    // A pattern: one line counts the codes with a code of the other generation, instead of a
    // line a code (their last column names them).
    let (status, stdout, stderr) = parts(&run(&["416xx"]));
    assert_eq!(status, 0);
    assert!(stdout.lines().count() > 17, "{stdout}");
    assert_eq!(
        stderr,
        "note: 17 of these codes mean the same as a code of the other API generation, 4 are related to one: `errcode list --twins` and `errcode list --see-also` show them, `errcode CODE` names them\n"
    );
    let (_, _, zh) = parts(&run(&["--lang", "zh", "416xx"]));
    assert_eq!(zh.lines().count(), 1, "{zh}");
    assert!(zh.contains("其中 17 个错误码"), "{zh}");
    // Only twins, or only related codes: the line says the one there is.
    let (_, _, twins) = parts(&run(&["4161x"]));
    assert_eq!(
        twins,
        "note: 5 of these codes mean the same as a code of the other API generation: `errcode list --twins` shows them, `errcode CODE` names them\n"
    );
    let (_, _, related) = parts(&run(&["41601", "41602", "41626", "41627"]));
    assert_eq!(
        related,
        "note: 4 of these codes are related to a code of the other API generation: `errcode list --see-also` shows them, `errcode CODE` names them\n"
    );
    // A few codes are each named.
    let (_, _, few) = parts(&run(&["4163x"]));
    assert_eq!(few.lines().count(), 3, "{few}");
    assert!(
        few.lines().all(|l| l.contains(" means the same as ")),
        "{few}"
    );
    // One code: its twins by name.
    let (_, _, one) = parts(&run(&["41603"]));
    assert!(
        one.contains("41603 means the same as OperationDenied.ExceededMaximumDepth"),
        "{one}"
    );
    // The whole list and a code listed twice: the rows say it all.
    let (status, _, stderr) = parts(&run(&["list"]));
    assert_eq!((status, stderr.as_str()), (0, ""));
    let (_, stdout, stderr) = parts(&run(&["lookup", "51603"]));
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(!stderr.contains("twice"), "{stderr}");
    // A code looked up with an unusual HTTP status: the reader needs to know what it means.
    let (_, _, stderr) = parts(&run(&["52502"]));
    assert!(
        stderr.contains("HTTP 456 is not a registered HTTP status"),
        "{stderr}"
    );
    // JSON: no note at all on the other generation's codes (they are fields).
    let (_, _, stderr) = parts(&run(&["--format", "json", "416xx"]));
    assert!(!stderr.contains("other API generation"), "{stderr}");
}

#[test]
fn list_is_in_code_order_and_filters() {
    let (status, stdout, _) = parts(&run(&["list"]));
    assert_eq!(status, 0);
    // The legacy codes first, then the API 3.0 codes.
    assert_eq!(codes_of_plain(&stdout).len(), 74 + 204);
    let (status, stdout, _) = parts(&run(&["list", "--api", "legacy"]));
    assert_eq!(status, 0);
    let codes: Vec<u32> = codes_of_plain(&stdout)
        .iter()
        .map(|c| c.parse().unwrap())
        .collect();
    assert_eq!(codes.len(), 74);
    assert!(codes.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(
        codes_of_plain(&String::from_utf8(run(&["list", "425*"]).stdout).unwrap()).len(),
        8
    );
    assert_eq!(
        codes_of_plain(&String::from_utf8(run(&["list", "--http", "403"]).stdout).unwrap()),
        ["42502", "42503", "42504", "42507", "42508"]
    );
    let auth =
        String::from_utf8(run(&["list", "--api", "legacy", "--category", "auth"]).stdout).unwrap();
    assert_eq!(codes_of_plain(&auth), ["41601", "41602"]);
    let backoff = String::from_utf8(run(&["list", "--retry", "backoff"]).stdout).unwrap();
    assert!(codes_of_plain(&backoff).contains(&"52502".to_string()));
    assert!(!codes_of_plain(&backoff).contains(&"40001".to_string()));
}

#[test]
fn list_with_no_match_exits_1() {
    let (status, stdout, stderr) = parts(&run(&["list", "--http", "404"]));
    assert_eq!(status, 1);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("--http 404") && stderr.contains("200, 400, 402, 403, 456"),
        "{stderr}"
    );
    let (status, _, stderr) = parts(&run(&["list", "--category", "nope"]));
    assert_eq!(status, 1);
    assert!(stderr.contains("known: auth"), "{stderr}");
}

#[test]
fn search_matches_english_chinese_and_every_term() {
    let search = |terms: &[&str]| {
        let mut args = vec!["search"];
        args.extend_from_slice(terms);
        let (status, stdout, _) = parts(&run(&args));
        // The legacy codes; the API 3.0 ones follow them.
        let legacy = codes_of_plain(&stdout)
            .into_iter()
            .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
            .collect::<Vec<String>>();
        (status, legacy)
    };
    assert_eq!(
        search(&["token"]),
        (0, vec!["41601".into(), "41602".into()])
    );
    assert_eq!(search(&["TOKEN"]).1, ["41601", "41602"]);
    // 40006's hint, not its meaning, mentions 组织: it comes after the others.
    assert_eq!(
        search(&["组织"]).1,
        ["41603", "41607", "41608", "41613", "40006"]
    );
    assert_eq!(search(&["expired"]).1, ["41601", "42504", "52514"]);
    assert_eq!(search(&["offline"]).1, ["41617", "41634"]);
    assert_eq!(
        search(&["ofline"]).1,
        ["41617", "41634"],
        "one typo is tolerated"
    );
    assert_eq!(search(&["北极星", "实例"]).1, ["52507", "52508"]);
    let (status, _, stderr) = parts(&run(&["search", "nosuchthing"]));
    assert_eq!(status, 1);
    assert!(
        stderr.contains("no meaning or hint matches 'nosuchthing'"),
        "{stderr}"
    );
}

#[test]
fn search_ranks_whole_words_first() {
    // "stream" is a whole word in 41604, 41605, 41623 and 52512, but only part of "StreamType"
    // in 41633: that row comes after them although its code is smaller than 52512's, and after
    // the API 3.0 codes whose meaning has the whole word.
    let (_, stdout, _) = parts(&run(&["search", "stream"]));
    let codes = codes_of_plain(&stdout);
    assert_eq!(codes[..4], ["41604", "41605", "41623", "52512"]);
    let at = |code: &str| codes.iter().position(|c| c == code).unwrap();
    assert!(at("InvalidParameterValue.UnsupportedStreamProtocol") < at("41633"));
    assert!(at("ResourceNotFound.StreamNotExistOrClose") < at("41633"));
}

#[test]
fn search_highlights_only_with_colour() {
    let plain = run(&["search", "token"]).stdout;
    assert!(!plain.contains(&0x1b));
    let coloured =
        String::from_utf8(run(&["search", "token", "--color", "always"]).stdout).unwrap();
    assert!(
        coloured.contains("\u{1b}[30;43;1mToken\u{1b}[0m"),
        "{coloured:?}"
    );
}

#[test]
fn colour_follows_the_flag_no_color_and_clicolor_force() {
    let has_escape = |out: &std::process::Output| out.stdout.contains(&0x1b);
    assert!(
        !has_escape(&run(&["41601"])),
        "a pipe is not coloured by default"
    );
    assert!(has_escape(&run(&["41601", "--color", "always"])));
    assert!(has_escape(
        &errcode()
            .args(["41601"])
            .env("CLICOLOR_FORCE", "1")
            .output()
            .unwrap()
    ));
    assert!(!has_escape(
        &errcode()
            .args(["41601"])
            .env("CLICOLOR_FORCE", "1")
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    ));
    assert!(!has_escape(
        &errcode()
            .args(["41601", "--color", "never"])
            .env("CLICOLOR_FORCE", "1")
            .output()
            .unwrap()
    ));
    assert!(
        !has_escape(&run(&["41601", "--color", "always", "--format", "json"])),
        "JSON is never coloured"
    );
}

/// The output of `errcode ARGS` at a width of 100, against one golden file a test, so that a
/// failure names its file.
fn golden_of(name: &str, args: &[&str]) {
    let out = errcode().args(args).env("COLUMNS", "100").output().unwrap();
    assert!(out.status.success(), "{name}");
    golden(name, &String::from_utf8(out.stdout).unwrap());
}

macro_rules! golden_tests {
    ($($test:ident: $file:literal => [$($arg:literal),*];)*) => {$(
        #[test]
        fn $test() {
            golden_of($file, &[$($arg),*]);
        }
    )*};
}

golden_tests! {
    golden_lookup_table: "lookup-table.txt" => ["lookup", "41601", "51603", "52514", "--format", "table"];
    golden_lookup_table_zh: "lookup-table-zh.txt" => ["lookup", "41601", "42505", "--format", "table", "--lang", "zh"];
    golden_lookup_table_color: "lookup-table-color.txt" => ["lookup", "41601", "--format", "table", "--color", "always"];
    golden_list_http_456_plain: "list-http-456-plain.txt" => ["list", "--http", "456"];
    golden_lookup_json: "lookup-json.json" => ["lookup", "416xx", "--format", "json"];
    golden_search_plain_color: "search-plain-color.txt" => ["search", "cos", "--color", "always"];
}

#[test]
fn json_is_an_array_of_rows_with_the_contract_fields() {
    let (status, stdout, _) = parts(&run(&[
        "search", "token", "--format", "json", "--lang", "zh",
    ]));
    assert_eq!(status, 0);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        rows.len(),
        3,
        "two legacy codes and AuthFailure.TokenFailure"
    );
    assert_eq!(rows[2]["code"], "AuthFailure.TokenFailure");
    assert_eq!(rows[0]["code"], 41601);
    assert_eq!(rows[0]["http_status"], 200);
    assert_eq!(rows[0]["message"], "Token 已过期，请重新生成 Token");
    assert_eq!(
        rows[0]["message_en"],
        "Token expired: please generate a new token"
    );
    assert_eq!(rows[0]["category"], "auth");
    assert_eq!(rows[0]["retry"], "after-fix");
    assert_eq!(
        rows[0]["hint"], "Token 已过期：重新生成 Token 后再次发起相同请求。",
        "hint follows --lang"
    );
}

#[test]
fn a_closed_pipe_ends_quietly_with_exit_0() {
    // A table large enough that the output outlives the pipe's buffer, and under the limit of
    // 2 MiB.
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let path = dir.join("big.json");
    let rows: Vec<String> = (100_000..130_000)
        .map(|c| format!("{{\"code\":{c},\"http_status\":200,\"message\":\"行 {c}\"}}"))
        .collect();
    std::fs::write(&path, format!("[{}]", rows.join(",\n"))).unwrap();
    let mut child = errcode()
        .args(["list", "--table", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(first.split('\t').next(), Some("200"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn help_and_version_state_the_contract() {
    let (status, stdout, _) = parts(&run(&["--help"]));
    assert_eq!(status, 0);
    assert!(
        stdout.contains("Exit status:")
            && stdout.contains("1  nothing found")
            && stdout.contains("2  usage or input error")
    );
    for sub in ["lookup", "list", "search", "explain"] {
        let (status, stdout, _) = parts(&run(&[sub, "--help"]));
        assert_eq!(status, 0);
        assert!(
            stdout.contains("Exit status:") && stdout.contains("2  usage or input error"),
            "{sub} --help"
        );
    }
    let (status, stdout, _) = parts(&run(&["--version"]));
    assert_eq!(status, 0);
    assert!(
        stdout.contains("74 rows") && stdout.contains("错误码"),
        "{stdout}"
    );
    let (status, _, stderr) = parts(&run(&["list", "--bogus"]));
    assert_eq!(status, 2, "{stderr}");
    let (status, _, _) = parts(&run(&[]));
    assert_eq!(status, 2, "no arguments: help on stderr, exit 2");
}

#[test]
fn lang_comes_from_the_flag_or_the_locale() {
    let zh = errcode()
        .args(["41601", "--format", "table"])
        .env("LANG", "zh_CN.UTF-8")
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    let zh = String::from_utf8(zh.stdout).unwrap();
    assert!(
        zh.contains("描述") && zh.contains("重新生成 Token 后"),
        "{zh}"
    );
    let en = errcode()
        .args(["41601", "--format", "table"])
        .env("LANG", "zh_CN.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8(en.stdout).unwrap().contains("Meaning"));
    let flag = errcode()
        .args(["41601", "--format", "table", "--lang", "en"])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8(flag.stdout)
        .unwrap()
        .contains("Token expired"));
}

#[test]
fn the_default_subcommand_is_clap_s_own() {
    // A first word that starts with a character of several bytes once panicked.
    let (status, stdout, stderr) = parts(&run(&["错误"]));
    assert_eq!(status, 2, "{stderr}");
    assert!(
        stdout.is_empty() && stderr.starts_with("errcode: '错误' is not an error code"),
        "{stderr}"
    );
    let (status, stdout, _) = parts(&run(&["--", "41601"]));
    assert_eq!(status, 0);
    assert!(stdout.starts_with("41601\t"), "{stdout}");
    let (status, _, stderr) = parts(&run(&["lokup", "41601"]));
    assert_eq!(status, 2);
    assert!(stderr.contains("did you mean `lookup`?"), "{stderr}");
    let (status, _, stderr) = parts(&run(&["explian", "x.log"]));
    assert_eq!(status, 2);
    assert!(stderr.contains("did you mean `explain`?"), "{stderr}");
}

#[test]
fn clap_errors_do_not_echo_escape_sequences() {
    for color in ["never", "always"] {
        let (status, _, stderr) = parts(&run(&[
            "--color",
            color,
            "--format",
            "\u{1b}]52;c;aGVsbG8=\u{7}",
            "41601",
        ]));
        assert_eq!(status, 2);
        assert!(
            !stderr.contains("\u{1b}]") && !stderr.contains('\u{7}'),
            "{stderr:?}"
        );
    }
}

#[test]
fn a_closed_or_full_stdout_is_an_error_and_a_closed_pipe_keeps_what_is_known() {
    // `>&-` cannot be made with std's Command; a shell can.
    let bin = env!("CARGO_BIN_EXE_errcode");
    for args in [
        "list",
        "--version",
        "-V",
        "-h",
        "--help",
        "help",
        "explain --help",
    ] {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("'{bin}' {args} >&-"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args} with a closed stdout");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{args}: {stderr}");
        assert!(
            stderr.contains("standard output is closed"),
            "{args}: {stderr}"
        );
    }
    for args in [vec!["list"], vec!["--version"], vec!["41601"]] {
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("'{bin}' {} >/dev/full 2>/dev/null", args.join(" ")))
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(2), "{args:?} to /dev/full");
    }
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let log = dir.join("check.ndjson");
    let mut lines = String::new();
    for i in 0..100_000 {
        let code = if i == 3 { 41601 } else { 200 };
        lines.push_str(&format!(
            "{{\"RequestId\":\"{i}\",\"Code\":0,\"StatusCode\":{code}}}\n"
        ));
    }
    std::fs::write(&log, lines).unwrap();
    for extra in ["--format json", "--summary"] {
        let status = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!("'{bin}' explain --check {extra} '{}' 2>/dev/null | head -c 1 >/dev/null; exit ${{PIPESTATUS[0]}}", log.display()))
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(1), "explain --check {extra} | head");
    }
    let status = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "'{bin}' 41601 99999 2>/dev/null | head -c 0; exit ${{PIPESTATUS[0]}}"
        ))
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1), "a code not found stays not found");
}

/// /dev/null opened for reading and writing, as Python's `subprocess.DEVNULL`, Node's `'ignore'`
/// and systemd's `StandardOutput=null` pass it (std's `Stdio::null()` opens it write-only).
fn dev_null_read_write() -> Stdio {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
        .unwrap();
    Stdio::from(file)
}

/// An envelope that is a success and one that is an error, in a temporary directory.
fn check_fixtures() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let ok = dir.path().join("ok.json");
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &ok,
        r#"{"RequestId":"a","Code":0,"StatusCode":200,"Message":"ok","Data":""}"#,
    )
    .unwrap();
    std::fs::write(
        &bad,
        r#"{"RequestId":"b","Code":0,"StatusCode":41601,"Message":"m","Data":""}"#,
    )
    .unwrap();
    let path = |p: &std::path::Path| p.to_str().unwrap().to_string();
    (dir, path(&ok), path(&bad))
}

#[cfg(unix)]
#[test]
fn a_dev_null_opened_for_reading_and_writing_is_not_a_closed_stdout() {
    let (_dir, ok, bad) = check_fixtures();
    let (_, _, list_notes) = parts(&run(&["list"]));
    for (args, status, stderr) in [
        (vec!["list"], 0, list_notes.as_str()),
        // A code with neither twins nor related codes: no note.
        (vec!["41609"], 0, ""),
        (vec!["explain", "--check", &ok], 0, ""),
        (vec!["explain", "--check", &bad], 1, ""),
        (vec!["explain", "--check", "--format", "json", &bad], 1, ""),
        (vec!["--help"], 0, ""),
        (vec!["--version"], 0, ""),
    ] {
        // Stdout alone, then all three, as `subprocess.run(..., stdin=DEVNULL, stdout=DEVNULL,
        // stderr=DEVNULL)` gives them (stderr then piped, to read it).
        for all_three in [false, true] {
            let mut command = errcode();
            command.args(&args).stdout(dev_null_read_write());
            if all_three {
                command.stdin(dev_null_read_write());
            }
            let out = command.output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(status), "{args:?}: {err}");
            assert_eq!(err, stderr, "{args:?}: nothing more on stderr");
        }
    }
}

/// `errcode ARGS` through `sh` with `REDIRECTS`, which std's Command cannot make (`>&-`):
/// the status, stdout and stderr.
fn in_sh(args: &str, redirects: &str) -> (i32, String, String) {
    let bin = env!("CARGO_BIN_EXE_errcode");
    let mut sh = std::process::Command::new("sh");
    common::hermetic(&mut sh);
    let out = sh
        .arg("-c")
        .arg(format!("exec '{bin}' {args} {redirects}"))
        .output()
        .unwrap();
    parts(&out)
}

#[cfg(unix)]
#[test]
fn only_a_closed_stdout_is_a_closed_stdout() {
    let (_dir, ok, bad) = check_fixtures();
    let (_, list, list_notes) = parts(&run(&["list"]));
    // A closed stdin or stderr is not a closed stdout: output is written, status as ever.
    for redirects in ["<&-", "2>&-", "<&- 2>&-"] {
        let (status, stdout, stderr) = in_sh("list", redirects);
        assert_eq!(status, 0, "list {redirects}: {stderr}");
        assert_eq!(stdout, list, "list {redirects}");
        let notes = if redirects.contains("2>&-") {
            ""
        } else {
            &list_notes
        };
        assert_eq!(stderr, notes, "list {redirects}");
        for (file, want) in [(&ok, 0), (&bad, 1)] {
            let (status, stdout, stderr) = in_sh(&format!("explain --check '{file}'"), redirects);
            assert_eq!(status, want, "explain --check {file} {redirects}: {stderr}");
            assert!(!stdout.is_empty(), "explain --check {file} {redirects}");
            assert_eq!(stderr, "", "explain --check {file} {redirects}");
        }
    }
    // A closed stdout, with or without the others: 2, and one line where stderr is open.
    for args in ["list", "--help", "--version", "explain --check '{ok}'"] {
        let args = args.replace("{ok}", &ok);
        for redirects in [">&-", "<&- >&-", ">&- 2>&-", "<&- >&- 2>&-"] {
            let (status, stdout, stderr) = in_sh(&args, redirects);
            assert_eq!(status, 2, "{args} {redirects}");
            assert_eq!(stdout, "", "{args} {redirects}");
            let said = match redirects.contains("2>&-") {
                true => "",
                false => "errcode: cannot write the output: standard output is closed\n",
            };
            assert_eq!(stderr, said, "{args} {redirects}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_closed_before_the_first_write_ends_quietly() {
    let bin = env!("CARGO_BIN_EXE_errcode");
    let (_dir, ok, _) = check_fixtures();
    // `true` leaves at once; whether errcode writes before or after, the pipe is no closed
    // stdout: status 0 and nothing on stderr (41609 has no note of its own).
    for args in [
        "41609".to_string(),
        "--version".into(),
        format!("explain --check '{ok}'"),
    ] {
        let mut bash = std::process::Command::new("bash");
        common::hermetic(&mut bash);
        let out = bash
            .arg("-c")
            .arg(format!("'{bin}' {args} | true; exit ${{PIPESTATUS[0]}}"))
            .output()
            .unwrap();
        let (status, _, stderr) = parts(&out);
        assert_eq!(status, 0, "{args} | true: {stderr}");
        assert_eq!(stderr, "", "{args} | true");
    }
}

#[test]
fn json_output_escapes_del_and_c1_controls() {
    let input = "{\"RequestId\":\"a\u{85}b\",\"Code\":0,\"StatusCode\":200,\"Message\":\"x\u{7f}\u{9b}2J\"}\n";
    let (status, stdout, _) = parts(&common::run_with_input(
        &["explain", "--format", "json"],
        input.as_bytes(),
    ));
    assert_eq!(status, 0);
    assert!(
        !stdout.contains('\u{85}') && !stdout.contains('\u{9b}') && !stdout.contains('\u{7f}'),
        "{stdout:?}"
    );
    assert!(
        stdout.contains("\\u0085") && stdout.contains("\\u009b"),
        "{stdout}"
    );
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["envelope"]["RequestId"], "a\u{85}b");
}

#[test]
fn numbers_that_are_not_codes_are_explained_and_json_misses_are_empty_arrays() {
    for (number, says) in [
        ("456", "infrastructure failures"),
        ("456", "`errcode list --http 456` shows them (52501-52514)"),
        ("402", "not Payment Required"),
        ("403", "recording downloads"),
        ("400", "`errcode list --http 400`"),
        ("500", "server-side failure"),
        ("416", "try 416xx"),
    ] {
        let (status, _, stderr) = parts(&run(&[number]));
        assert_eq!(status, 1, "{number}");
        assert!(stderr.contains(says), "{number}: {stderr}");
    }
    for args in [
        vec!["lookup", "49999", "--format", "json"],
        vec!["search", "nosuchthing", "--format", "json"],
        vec!["list", "--http", "999", "--format", "json"],
    ] {
        let (status, stdout, _) = parts(&run(&args));
        assert_eq!((status, stdout.as_str()), (1, "[]\n"), "{args:?}");
    }
}
