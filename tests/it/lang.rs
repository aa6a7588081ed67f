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
    assert!(stderr.contains("注意：HTTP 456 不是注册过的"), "{stderr}");
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
