//! `--lang zh` (or a zh locale) puts lookup, list, search and errcode's errors in Chinese; one
//! error style for errcode's errors and clap's; `--color never`, `NO_COLOR` and `TERM=dumb`
//! reach clap's help and errors.

use std::process::Command;

use crate::common::{errcode, parts, run};

/// Whether `text` holds a Chinese character.
fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

const ERRORS: &[&[&str]] = &[
    &["416"],
    &["456"],
    &["41699"],
    &["lookup", "4*1"],
    &["list", "--http", "999"],
    &["list", "--category", "nope"],
    &["search", "nosuchthing"],
    &["--table", "/no/such/table.json", "list"],
    &["--format", "nope", "41601"],
    &["list", "--bogus"],
    &["list", "--http", "abc"],
    &["list", "--twins", "--http", "200"],
    &["lookup"],
    &["--color", "never"],
    &["explain", "--summary", "--since", "yesterday", "/dev/null"],
    &[
        "explain",
        "--summary",
        "--since",
        "-1h",
        "--until",
        "-2h",
        "/dev/null",
    ],
    &["explain", "--summary", "--by", "1mo", "/dev/null"],
    &[
        "explain",
        "--summary",
        "--by",
        "1h",
        "--format",
        "github",
        "/dev/null",
    ],
    &["explain", "--top", "3", "/dev/null"],
];

#[test]
fn errors_are_in_chinese_with_lang_zh_or_a_zh_locale() {
    for args in ERRORS {
        let mut zh = vec!["--lang", "zh"];
        zh.extend_from_slice(args);
        let (status, _, stderr) = parts(&run(&zh));
        assert!(status == 1 || status == 2, "{args:?}");
        let first = stderr.lines().next().unwrap_or("");
        assert!(first.starts_with("errcode: "), "{args:?}: {stderr}");
        assert!(has_chinese(first), "{args:?}: {stderr}");
        let by_locale = errcode()
            .env("LANG", "zh_CN.UTF-8")
            .args(*args)
            .output()
            .unwrap();
        assert_eq!(parts(&by_locale).2, stderr, "{args:?}");
        // And English by default.
        let (_, _, stderr) = parts(&run(args));
        assert!(stderr.starts_with("errcode: "), "{args:?}: {stderr}");
        assert!(
            !has_chinese(stderr.lines().next().unwrap()),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn notes_and_tables_are_in_chinese_too() {
    let (_, stdout, stderr) = parts(&run(&["--lang", "zh", "lookup", "51603", "-f", "table"]));
    assert!(
        stdout.contains("错误码") && stdout.contains("建议"),
        "{stdout}"
    );
    // Its two rows say it was listed twice: no note.
    assert_eq!(stderr, "", "{stderr}");
    let (_, _, stderr) = parts(&run(&["--lang", "zh", "lookup", "52502"]));
    assert!(
        stderr.contains("注意：HTTP 456 不是标准 HTTP 状态码"),
        "{stderr}"
    );
    let (_, stdout, _) = parts(&run(&["--lang", "zh", "list", "--twins", "-f", "table"]));
    assert!(stdout.contains("旧版"), "{stdout}");
}

#[test]
fn errcode_s_errors_and_clap_s_share_one_prefix_and_its_colour() {
    for args in [
        &["49999"][..],
        &["--format", "nope", "41601"],
        &["list", "--bogus"],
    ] {
        let mut coloured = vec!["--color", "always"];
        coloured.extend_from_slice(args);
        let (_, _, stderr) = parts(&run(&coloured));
        assert!(
            stderr.starts_with("\u{1b}[1;31merrcode:\u{1b}[0m "),
            "{args:?}: {stderr:?}"
        );
        // Only the prefix is coloured.
        assert_eq!(stderr.matches('\u{1b}').count(), 2, "{args:?}: {stderr:?}");
        let mut plain = vec!["--color", "never"];
        plain.extend_from_slice(args);
        let (_, _, stderr) = parts(&run(&plain));
        assert!(stderr.starts_with("errcode: "), "{args:?}: {stderr:?}");
        assert!(!stderr.contains('\u{1b}'), "{args:?}: {stderr:?}");
    }
}

/// `errcode ARGS` on a real terminal (through `script`), with `env` set; `None` when `script`
/// is not installed.
fn on_a_terminal(args: &str, env: &[(&str, &str)]) -> Option<String> {
    let probe = Command::new("script").arg("--version").output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipping: script(1) is not installed");
        return None;
    }
    let mut script = Command::new("script");
    // The same clean environment as the other tests, on a terminal that can colour.
    for var in [
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "COLUMNS",
        "LANG",
        "LC_ALL",
        "LC_MESSAGES",
        "ERRCODE_TABLE",
    ] {
        script.env_remove(var);
    }
    script
        .env("TERM", "xterm-256color")
        .envs(env.iter().copied())
        .arg("-qec")
        .arg(format!("{} {args}", env!("CARGO_BIN_EXE_errcode")))
        .arg("/dev/null")
        .stdin(std::process::Stdio::null());
    let out = script.output().unwrap();
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn never_no_color_and_a_dumb_terminal_reach_clap_s_help_and_errors() {
    let Some(coloured) = on_a_terminal("list --bogus", &[]) else {
        return;
    };
    assert!(
        coloured.contains('\u{1b}'),
        "a terminal colours: {coloured:?}"
    );
    for (args, env) in [
        ("--color never list --bogus", &[][..]),
        ("list --bogus", &[("NO_COLOR", "1")][..]),
        ("list --bogus", &[("TERM", "dumb")][..]),
        ("--color never --help", &[][..]),
        ("--help", &[("NO_COLOR", "1")][..]),
        ("--help", &[("TERM", "dumb")][..]),
        ("lookup 41601", &[("TERM", "dumb")][..]),
    ] {
        let out = on_a_terminal(args, env).unwrap();
        assert!(!out.is_empty(), "{args} {env:?}");
        assert!(!out.contains('\u{1b}'), "{args} {env:?}: {out:?}");
    }
}

#[test]
fn a_pattern_the_shell_replaced_with_file_names_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("416-notes.txt"), "").unwrap();
    std::fs::write(dir.path().join("AuthNotes.txt"), "").unwrap();
    for (args, status) in [
        (&["lookup", "416-notes.txt"][..], 2),
        (&["AuthNotes.txt"][..], 1),
        (&["list", "416-notes.txt"][..], 2),
    ] {
        let out = errcode()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        let (code, _, stderr) = parts(&out);
        assert_eq!(code, status, "{args:?}: {stderr}");
        assert!(
            stderr.contains("quote the pattern ('416*', 'AuthFailure.*')"),
            "{args:?}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    // Without such a file, no word of the shell.
    let (_, _, stderr) = parts(&run(&["lookup", "416-notes.txt"]));
    assert!(!stderr.contains("quote the pattern"), "{stderr}");
    assert!(
        stderr.contains("416xx (or '416*', quoted for the shell)"),
        "{stderr}"
    );
}

#[test]
fn clap_errors_are_one_line_and_keep_a_hostile_argument_escaped() {
    for lang in ["en", "zh"] {
        for args in [
            &["--nope"][..],
            &["--format", "bogus"],
            &["lookup", "--nope"],
            &["explain", "--by", "1h", "x"],
            &["completions", "tcsh"],
        ] {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            let (status, stdout, stderr) = parts(&run(&all));
            assert_eq!(status, 2, "{all:?}");
            assert!(stdout.is_empty());
            assert_eq!(stderr.lines().count(), 1, "{all:?}: {stderr}");
            assert!(stderr.starts_with("errcode: "), "{stderr}");
        }
    }
    // The argument as typed, escaped: not cut where an escape sequence was.
    let (_, _, stderr) = parts(&run(&["--x\u{1b}[2Jy"]));
    assert!(stderr.contains("'--x\\u001b[2Jy'"), "{stderr}");
    let (_, _, stderr) = parts(&run(&["--color", "x\u{1b}]52;c;aGk=\u{7}\u{202e}y"]));
    assert!(
        stderr.contains("x\\u001b]52;c;aGk=\\u0007\\u202ey"),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
}

#[test]
fn output_errors_speak_chinese_too() {
    let bin = env!("CARGO_BIN_EXE_errcode");
    for (redirect, said) in [
        (">/dev/full", "设备上没有空间了"),
        (">&-", "标准输出已关闭"),
    ] {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("'{bin}' --lang zh list {redirect}"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{redirect}");
        assert_eq!(
            stderr,
            format!("errcode: 无法写出输出：{said}\n"),
            "{redirect}"
        );
    }
}

#[test]
fn help_is_told_in_chinese_for_every_command() {
    for sub in [
        "",
        "lookup",
        "list",
        "search",
        "explain",
        "completions",
        "man",
    ] {
        for (flag, env) in [
            ("--help", None),
            ("-h", None),
            ("--help", Some("zh_CN.UTF-8")),
        ] {
            let mut command = errcode();
            match env {
                Some(lang) => command.env("LANG", lang),
                None => command.args(["--lang", "zh"]),
            };
            if !sub.is_empty() {
                command.arg(sub);
            }
            let (status, stdout, _) = parts(&command.arg(flag).output().unwrap());
            assert_eq!(status, 0, "{sub} {flag}");
            assert!(stdout.contains("用法："), "{sub} {flag}: {stdout}");
            assert!(stdout.contains("显示帮助"), "{sub} {flag}: {stdout}");
            // clap's English words and errcode's English help are gone.
            for english in [
                "Usage:",
                "Options:",
                "Print help",
                "Possible values",
                "[default:",
                "Exit status",
                "Show what codes mean",
                "Output format",
                "When to colour",
            ] {
                assert!(
                    !stdout.contains(english),
                    "{sub} {flag}: {english}: {stdout}"
                );
            }
        }
    }
    // The same command line parses in both languages.
    let (status, stdout, _) = parts(&run(&[
        "--lang", "zh", "list", "--retry", "backoff", "-f", "plain",
    ]));
    assert_eq!(status, 0);
    assert!(stdout.contains("52502"), "{stdout}");
}

/// `errcode --lang zh ARGS` (a wide terminal for the tables): exit status, stdout, stderr.
fn zh(args: &[&str]) -> (i32, String, String) {
    let mut command = errcode();
    command
        .env("COLUMNS", "200")
        .args(["--lang", "zh"])
        .args(args);
    parts(&command.output().unwrap())
}

/// The incident fixture's path, as an argument.
fn incident() -> String {
    crate::common::fixture("explain/incident.log")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn categories_and_retry_classes_have_chinese_labels_in_tables_and_summaries() {
    let (status, table, _) = zh(&["list", "--category", "auth", "-f", "table"]);
    assert_eq!(status, 0);
    assert!(
        table.contains("鉴权") && table.contains("修复后重试"),
        "{table}"
    );
    assert!(
        !table.contains(" auth ") && !table.contains("after-fix"),
        "{table}"
    );
    // Narrow: one field a line, the labels still.
    let mut narrow = errcode();
    narrow.env("COLUMNS", "40");
    narrow.args(["--lang", "zh", "list", "--category", "auth", "-f", "table"]);
    let (_, records, _) = parts(&narrow.output().unwrap());
    assert!(
        records.contains("鉴权") && !records.contains("after-fix"),
        "{records}"
    );

    let log = incident();
    let (_, summary, _) = zh(&["explain", "--summary", "-f", "human", &log]);
    assert!(
        summary.contains("错误按类别：62% 内部错误，25% 鉴权，12% 参数"),
        "{summary}"
    );
    assert!(summary.contains("62% 退避重试（"), "{summary}");
    for unknown in ["internal", "backoff", "after-fix", " auth"] {
        assert!(!summary.contains(unknown), "{unknown} in {summary}");
    }
    let (_, table, _) = zh(&["explain", "--summary", "-f", "table", &log]);
    assert!(
        table.contains("内部错误") && table.contains("退避重试"),
        "{table}"
    );
    let (_, markdown, _) = zh(&["explain", "--summary", "-f", "markdown", &log]);
    assert!(markdown.contains("| 内部错误 | 退避重试 |"), "{markdown}");
    for group in ["retry", "category"] {
        for format in ["table", "markdown"] {
            let args = ["explain", "--summary", "--group", group, "-f", format, &log];
            let (_, out, _) = zh(&args);
            assert!(out.contains("成功"), "{args:?}: {out}");
            for slug in ["backoff", "after-fix", "internal", "success"] {
                assert!(!out.contains(slug), "{args:?}: {slug} in {out}");
            }
        }
    }
    let (_, human, _) = zh(&["explain", "-v", "-f", "human", &log]);
    assert!(
        human.contains("41601 · 预期 HTTP 200 · 鉴权 · 修复后重试"),
        "{human}"
    );
    // English keeps the slugs everywhere.
    let (_, en, _) = parts(&run(&["explain", "--summary", "-f", "human", &log]));
    assert!(en.contains("errors by category: 62% internal"), "{en}");
}

#[test]
fn json_and_plain_keep_the_slugs_in_chinese() {
    let (_, json, _) = zh(&["list", "--category", "auth", "-f", "json"]);
    assert!(json.contains("\"category\": \"auth\"") && json.contains("\"after-fix\""));
    assert!(
        !json.contains("\"鉴权\"") && !json.contains("\"修复后重试\""),
        "{json}"
    );
    let (_, plain, _) = zh(&["list", "--category", "auth", "-f", "plain"]);
    assert!(plain.contains("\tauth\tafter-fix\t"), "{plain}");
    let log = incident();
    let (_, plain, _) = zh(&["explain", "--summary", "-f", "plain", &log]);
    assert!(plain.contains("\tinternal\tbackoff\t"), "{plain}");
    let (_, plain, _) = zh(&[
        "explain",
        "--summary",
        "--group",
        "retry",
        "-f",
        "plain",
        &log,
    ]);
    assert!(plain.starts_with("backoff\t"), "{plain}");
    let (_, json, _) = zh(&["explain", "--summary", "-f", "json", &log]);
    assert!(json.contains("\"category\": \"internal\"") && !json.contains("\"内部错误\""));
    let (_, json, _) = zh(&[
        "explain",
        "--summary",
        "--group",
        "category",
        "-f",
        "json",
        &log,
    ]);
    assert!(json.contains("\"category\": \"internal\"") && !json.contains("\"内部错误\""));
}

#[test]
fn filters_take_the_chinese_labels_beside_the_slugs() {
    let same = |label: &[&str], slug: &[&str]| {
        for lang in ["zh", "en"] {
            let with = |args: &[&str]| {
                let mut all = vec!["--lang", lang];
                all.extend_from_slice(args);
                parts(&run(&all))
            };
            let (by_label, by_slug) = (with(label), with(slug));
            assert_ne!(by_label.0, 2, "{label:?}: {}", by_label.2);
            assert!(!by_label.1.is_empty());
            assert_eq!(by_label, by_slug, "{label:?} / {slug:?}");
        }
    };
    same(
        &["list", "--category", "设备", "-f", "json"],
        &["list", "--category", "device", "-f", "json"],
    );
    same(
        &["list", "--category", "限频", "-f", "plain"],
        &["list", "--category", "rate-limit", "-f", "plain"],
    );
    same(
        &["list", "--retry", "退避重试", "--category", "网络"],
        &["list", "--retry", "backoff", "--category", "network"],
    );
    let log = incident();
    same(
        &["explain", "--category", "鉴权", "-f", "json", &log],
        &["explain", "--category", "auth", "-f", "json", &log],
    );
    same(
        &["explain", "--retry", "修复后重试", "-f", "plain", &log],
        &["explain", "--retry", "after-fix", "-f", "plain", &log],
    );
    same(
        &[
            "explain",
            "--summary",
            "--retry",
            "不可重试",
            "-f",
            "json",
            &log,
        ],
        &[
            "explain",
            "--summary",
            "--retry",
            "never",
            "-f",
            "json",
            &log,
        ],
    );
    same(
        &[
            "explain",
            "--check",
            "--category",
            "内部错误",
            "-f",
            "plain",
            &log,
        ],
        &[
            "explain",
            "--check",
            "--category",
            "internal",
            "-f",
            "plain",
            &log,
        ],
    );
}

#[test]
fn a_label_that_is_not_one_is_refused_with_the_labels_listed() {
    // Part of a label, a label with a slug's case, and hostile text: no category.
    for bad in ["设", "鉴权。", "\u{1b}[2J设备"] {
        let (status, _, stderr) = zh(&["list", "--category", bad]);
        assert_eq!(status, 1, "{bad}: {stderr}");
        assert!(stderr.contains("设备（device）"), "{stderr}");
        assert!(!stderr.contains('\u{1b}'), "{stderr}");
        let (status, _, stderr) = zh(&["explain", "--category", bad, &incident()]);
        assert_eq!(status, 2, "{bad}: {stderr}");
        assert!(stderr.starts_with("errcode: --category ") && stderr.contains("鉴权（auth）"));
        assert!(
            !stderr.contains('\u{1b}') && stderr.lines().count() == 1,
            "{stderr}"
        );
    }
    for bad in ["退避", "重试", "BACKOFF重试", ""] {
        let (status, _, stderr) = zh(&["list", "--retry", bad]);
        assert_eq!(status, 2, "{bad}: {stderr}");
        assert!(
            stderr.contains("[可选值：never, after-fix, backoff]"),
            "{stderr}"
        );
    }
}

#[test]
fn completions_offer_the_slugs_only() {
    let bash = include_str!("../../completions/errcode.bash");
    assert!(bash.contains("after-fix"));
    for (_, zh) in [
        ("never", "不可重试"),
        ("after-fix", "修复后重试"),
        ("backoff", "退避重试"),
    ] {
        assert!(!bash.contains(zh), "{zh}");
    }
}

#[test]
fn twins_and_see_also_give_their_evidence_in_chinese() {
    for list in ["--twins", "--see-also"] {
        let (status, table, _) = zh(&["list", list, "-f", "table"]);
        assert_eq!(status, 0);
        assert!(
            !table.contains("identical") && !table.contains("Both "),
            "{table}"
        );
        let (_, plain, _) = zh(&["list", list, "-f", "plain"]);
        let (_, en, _) = parts(&run(&["list", list, "-f", "plain"]));
        assert_eq!(plain, en, "plain keeps its columns whatever the language");
        let (_, json, _) = zh(&["list", list, "-f", "json"]);
        assert!(!json.contains("evidence_zh"), "{json}");
    }
    let (_, table, _) = zh(&["list", "--twins", "-f", "table"]);
    assert!(table.contains("描述相同"), "{table}");
    let (_, table, _) = zh(&["list", "--see-also", "-f", "table"]);
    assert!(
        table.contains("X-TC-Token") && table.contains("凭证"),
        "{table}"
    );
}

#[test]
fn an_option_given_twice_is_said_as_such() {
    let (status, _, stderr) = zh(&["list", "--http", "200", "--http", "456"]);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("参数 '--http <STATUS>' 只能给出一次"),
        "{stderr}"
    );
    assert!(!stderr.contains("一起使用"), "{stderr}");
    // Two different options that conflict still conflict.
    let (_, _, stderr) = zh(&["list", "--twins", "--http", "200"]);
    assert!(
        stderr.contains("不能与 '--http <STATUS>' 一起使用"),
        "{stderr}"
    );
    let (_, _, stderr) = parts(&run(&["list", "--http", "1", "--http", "2"]));
    assert!(
        stderr.starts_with("errcode: the argument '--http <STATUS>' cannot be used multiple times")
    );
    // A hostile option name is the one clap knows, never the text typed.
    let (status, _, stderr) = zh(&["list", "--retry=never", "--retry=\u{1b}[2J"]);
    assert_eq!(status, 2);
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
}

#[test]
fn github_messages_follow_the_language_and_titles_stay_codes() {
    let log = incident();
    let (_, out, _) = zh(&["explain", "-f", "github", &log]);
    let line = out.lines().next().unwrap();
    assert!(
        line.contains(",title=errcode 41601::Token 已过期"),
        "{line}"
    );
    assert!(
        line.ends_with("（预期 HTTP 200；RequestId a-02）"),
        "{line}"
    );
    let (_, out, _) = zh(&["explain", "--summary", "-f", "github", &log]);
    assert!(
        out.starts_with("::notice title=errcode 52502::5 个响应（50.00%25，"),
        "{out}"
    );
    assert!(out.contains("访问 Redis 错误（退避重试）"), "{out}");
    let (_, out, _) = zh(&[
        "explain",
        "--summary",
        "--group",
        "retry",
        "-f",
        "github",
        &log,
    ]);
    assert!(
        out.starts_with("::notice title=errcode backoff::5 个响应（50.00%25），5 个错误：52502"),
        "{out}"
    );
    let (_, out, _) = zh(&["explain", "--diff", &log, &log, "-f", "github"]);
    assert!(
        out.contains("::5 个响应，之前 5 个（0）：访问 Redis 错误"),
        "{out}"
    );
    for args in [
        vec!["explain", "-f", "github", &log],
        vec!["explain", "--summary", "-f", "github", &log],
        vec!["explain", "--diff", &log, &log, "-f", "github"],
    ] {
        let (_, out, _) = zh(&args);
        for line in out.lines() {
            let (head, message) = line.split_once("::").unwrap().1.split_once("::").unwrap();
            assert!(head.contains("title=errcode "), "{line}");
            assert!(has_chinese(message), "{args:?}: {line}");
            assert!(
                !message.contains("envelope") && !message.contains("retry"),
                "{line}"
            );
        }
    }
}

#[test]
fn a_code_the_table_lacks_is_counted_under_unknown_in_chinese() {
    let log = "{\"RequestId\":\"r1\",\"Code\":0,\"StatusCode\":49999,\"Message\":\"x\"}\n";
    let summary = |args: &[&str]| {
        let mut all = vec!["--lang", "zh", "explain", "--summary"];
        all.extend_from_slice(args);
        parts(&crate::common::run_with_input(&all, log.as_bytes()))
    };
    let (_, _, stderr) = summary(&["-f", "plain"]);
    assert!(stderr.contains("错误按类别：100% 未知"), "{stderr}");
    assert!(stderr.contains("错误按重试分类：100% 未知（"), "{stderr}");
    let (_, stdout, _) = summary(&["--group", "category", "-f", "markdown"]);
    assert!(stdout.contains("| 未知 | 1 |"), "{stdout}");
    let (_, stdout, _) = summary(&["--group", "category", "-f", "plain"]);
    assert!(stdout.starts_with("unknown\t1\t"), "{stdout}");
}
