//! Times written every way, through the binary: a zone after a space, Go's `time.String()`, an
//! abbreviation alone and an offset no zone has (each said once), a wrapper's time (Docker
//! json-file), and `--since`/`--until` compared to the nanosecond.

use crate::common;
use crate::common::{assert_no_panic, output_with_input, parts, run_with_input};

/// An envelope of RequestId `id`.
fn env(id: &str) -> String {
    format!(r#"{{"RequestId":"{id}","Code":0,"StatusCode":41601,"Message":"m","Data":""}}"#)
}

/// `errcode explain --format plain ARGS` on `input` (zone-less times in UTC): the RequestIds
/// kept, in order, and stderr.
fn kept(args: &[&str], input: &str) -> (Vec<String>, String) {
    let mut all = vec!["explain", "--format", "plain"];
    all.extend_from_slice(args);
    let out = run_with_input(&all, input.as_bytes());
    assert_no_panic(&out);
    let (_, stdout, stderr) = parts(&out);
    let ids = stdout
        .lines()
        .map(|l| l.split('\t').nth(6).unwrap_or_default().to_string())
        .collect();
    (ids, stderr)
}

/// The lines of `stderr` that are notes.
fn notes(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("note:") || l.starts_with("注意："))
        .collect()
}

#[test]
fn a_zone_after_a_space_is_read() {
    let input = format!(
        "2026-12-06 10:00:00 +08:00 {}\n2026-12-06 10:00:00 +0800 {}\n2026-12-06 10:00:00.5 UTC {}\n",
        env("a"),
        env("b"),
        env("c")
    );
    // Read as local (UTC) times, the first two would be 10:00, outside the window.
    let window = [
        "--since",
        "2026-12-06T02:00:00Z",
        "--until",
        "2026-12-06T02:00:01Z",
    ];
    let (ids, stderr) = kept(&window, &input);
    assert_eq!(ids, ["a", "b"], "{stderr}");
    assert!(notes(&stderr).is_empty(), "{stderr}");
    let (ids, _) = kept(&["--since", "2026-12-06T10:00:00.5Z"], &input);
    assert_eq!(ids, ["c"]);
}

#[test]
fn go_time_string_is_read_to_the_nanosecond() {
    let input = format!(
        "2026-12-06 10:00:00.123456789 +0800 CST ERROR {}\n",
        env("go")
    );
    let (ids, stderr) = kept(&["--since", "2026-12-06T02:00:00.123456789Z"], &input);
    assert_eq!(ids, ["go"], "{stderr}");
    // The zone's name after its offset says nothing more: no note.
    assert!(notes(&stderr).is_empty(), "{stderr}");
    // A nanosecond later, it is before the window.
    let (ids, _) = kept(&["--since", "2026-12-06T02:00:00.12345679Z"], &input);
    assert!(ids.is_empty());
    let (ids, _) = kept(&["--until", "2026-12-06 10:00:00.12345679 +0800"], &input);
    assert_eq!(ids, ["go"]);
}

#[test]
fn half_a_millisecond_before_since_is_out() {
    let input = format!(
        "2026-11-27T07:59:59.9995Z {}\n2026-11-27T08:00:00Z {}\n",
        env("early"),
        env("at")
    );
    let (ids, _) = kept(&["--since", "2026-11-27T08:00:00Z"], &input);
    assert_eq!(ids, ["at"]);
    let (ids, _) = kept(&["--until", "2026-11-27T08:00:00Z"], &input);
    assert_eq!(ids, ["early"]);
}

#[test]
fn an_abbreviation_alone_is_read_in_tz_and_said_once() {
    let input = format!(
        "2026-12-06 10:00:00 CST {}\n2026-12-06 10:00:01 CST {}\n",
        env("a"),
        env("b")
    );
    let window = [
        "--since",
        "2026-12-06T10:00:00Z",
        "--until",
        "2026-12-06T10:00:02Z",
    ];
    let (ids, stderr) = kept(&window, &input);
    assert_eq!(ids, ["a", "b"], "{stderr}");
    let said = notes(&stderr);
    assert_eq!(said.len(), 1, "{stderr}");
    assert!(
        said[0].contains("2026-12-06 10:00:00 CST") && said[0].contains("local zone (TZ)"),
        "{stderr}"
    );
    // In --summary too, and in the chosen language.
    let out = run_with_input(
        &["--lang", "zh", "explain", "--summary", "--format", "json"],
        input.as_bytes(),
    );
    let (status, stdout, stderr) = parts(&out);
    assert_eq!(status, 0, "{stderr}");
    assert!(
        stdout.contains(r#""first_seen": "2026-12-06T10:00:00Z""#),
        "{stdout}"
    );
    let said = notes(&stderr);
    assert_eq!(said.len(), 1, "{stderr}");
    assert!(said[0].contains("单独的时区缩写"), "{stderr}");
    // Where TZ's own abbreviation then is CST, there is nothing to say.
    let mut shanghai = common::errcode();
    shanghai.env("TZ", "Asia/Shanghai").args([
        "explain",
        "--format",
        "plain",
        "--until",
        "2026-12-06T02:00:01Z",
    ]);
    let out = output_with_input(shanghai, input.as_bytes());
    let (_, stdout, stderr) = parts(&out);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(notes(&stderr).is_empty(), "{stderr}");
}

#[test]
fn an_impossible_offset_is_no_time_and_said_once() {
    let input = format!(
        "2026-12-06T10:00:00+25:00 {}\n2026-12-06 10:00:00 +0860 {}\n2026-12-06T10:00:00Z {}\n",
        env("a"),
        env("b"),
        env("c")
    );
    let (ids, stderr) = kept(&["--since", "2026-12-01T00:00:00Z"], &input);
    assert_eq!(ids, ["c"], "{stderr}");
    let said = notes(&stderr);
    assert_eq!(said.len(), 2, "{stderr}");
    assert!(
        said[0].contains("2026-12-06T10:00:00+25:00") && said[0].contains("an offset no zone has"),
        "{stderr}"
    );
    assert_eq!(
        said[1],
        "note: 2 envelopes without a time were left out by --since/--until"
    );
}

#[test]
fn a_docker_record_gives_its_time_to_the_envelope_in_its_log() {
    // The `log` string starts with the envelope: found on this branch. (A `log` that starts
    // with text, `ERROR {…}`, is found once every JSON string is searched for envelopes; its
    // time then comes the same way, or from the text's own prefix when it has one.)
    let inner = env("d").replace('"', "\\\"");
    let input = format!(
        r#"{{"log":"{inner}\n","stream":"stdout","time":"2026-12-06T10:00:01.123456789Z"}}"#
    ) + "\n";
    let (ids, stderr) = kept(&["--since", "2026-12-06T10:00:01.123456789Z"], &input);
    assert_eq!(ids, ["d"], "{stderr}");
    let (ids, _) = kept(&["--since", "2026-12-06T10:00:01.12345679Z"], &input);
    assert!(ids.is_empty());
    let (ids, _) = kept(&["--until", "2026-12-06T10:00:01.12345679Z"], &input);
    assert_eq!(ids, ["d"]);
}

/// Envelopes at 2026-12-05T23:59:59, 2026-12-06T00:00:00, 10:00:00, 10:00:01.5 and 23:59:59
/// (zone-less: in TZ), and 2026-12-07T00:00:00.
fn one_day() -> String {
    [
        ("2026-12-05 23:59:59", "eve"),
        ("2026-12-06 00:00:00", "midnight"),
        ("2026-12-06 10:00:00", "ten"),
        ("2026-12-06 10:00:01.5", "ten-and-a-bit"),
        ("2026-12-06 23:59:59.999", "late"),
        ("2026-12-07 00:00:00", "next"),
    ]
    .iter()
    .map(|(at, id)| format!("{at} ERROR {}\n", env(id)))
    .collect()
}

#[test]
fn bounds_are_read_in_the_forms_people_type() {
    let log = one_day();
    // A date alone: --since from its start, --until to its end, so that the day is whole.
    let (ids, stderr) = kept(&["--since", "2026-12-06", "--until", "2026-12-06"], &log);
    assert_eq!(
        ids,
        ["midnight", "ten", "ten-and-a-bit", "late"],
        "{stderr}"
    );
    let (ids, _) = kept(&["--until", "2026/12/05"], &log);
    assert_eq!(ids, ["eve"]);
    // A date and a time without seconds, with a space or a T; with seconds; with a zone.
    for (since, until, want) in [
        (
            "2026-12-06 10:00",
            "2026-12-06 10:01",
            &["ten", "ten-and-a-bit"][..],
        ),
        ("2026-12-06T10:00", "2026-12-06T10:00:01", &["ten"]),
        (
            "2026-12-06 10:00:01",
            "2026-12-06T10:00:02Z",
            &["ten-and-a-bit"],
        ),
        // As log lines write them: Go's slashes, a fraction, a comma, a zone after a space,
        // in the brackets a prefix has.
        (
            "2026/12/06 10:00:01",
            "2026-12-06T18:00:01.6+08:00",
            &["ten-and-a-bit"],
        ),
        (
            "2026-12-06 10:00:01,5",
            "[2026-12-06 10:00:01.500000001]",
            &["ten-and-a-bit"],
        ),
        (
            "2026-12-06 11:00:00 +0100",
            "2026-12-06 10:00:00.001 UTC",
            &["ten"],
        ),
        // Epoch seconds and milliseconds, as records hold them.
        ("1796551200", "1796551201500", &["ten"]),
    ] {
        let (ids, stderr) = kept(&["--since", since, "--until", until], &log);
        assert_eq!(ids, want, "--since {since} --until {until}: {stderr}");
    }
    // In the local zone (TZ) when no zone is written, days included.
    let mut shanghai = common::errcode();
    shanghai.env("TZ", "Asia/Shanghai").args([
        "explain",
        "--format",
        "plain",
        "--since",
        "2026-12-06",
    ]);
    let log = format!(
        "2026-12-05T15:59:59Z ERROR {}\n2026-12-05T16:00:00Z ERROR {}\n",
        env("before"),
        env("at")
    );
    let out = output_with_input(shanghai, log.as_bytes());
    let (_, stdout, stderr) = parts(&out);
    assert_eq!(stdout.lines().count(), 1, "{stdout}{stderr}");
    assert!(stdout.contains("\tat\t"), "{stdout}");
}

#[test]
fn a_duration_back_from_now_needs_no_minus() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    // Epoch seconds in the record's own field: five hours and ten minutes ago.
    let record = |ago: u64, id: &str| format!("{{\"ts\":{},\"resp\":{}}}\n", now - ago, env(id));
    let log = record(5 * 3600, "old") + &record(600, "new");
    for since in ["1h", "-1h", "90m", "1h30m", "2h ago"] {
        let (ids, stderr) = kept(&["--since", since], &log);
        assert_eq!(ids, ["new"], "--since {since}: {stderr}");
    }
    let (ids, _) = kept(&["--until", "3h"], &log);
    assert_eq!(ids, ["old"]);
    let (ids, _) = kept(&["--since", "2d"], &log);
    assert_eq!(ids, ["old", "new"]);
}

#[test]
fn a_bound_that_is_no_time_is_one_line_naming_the_flag_the_value_and_the_forms() {
    let log = one_day();
    for (flag, bad) in [
        ("--since", "yesterday"),
        ("--until", "10:00"),
        ("--since", "90"),
        ("--since", "+1h"),
        ("--until", "2026-13-01"),
        ("--since", "2026-12-06 10"),
        ("--since", "Dec  6 10:00:01"),
        ("--until", "2026-12-06T10:00:00+25:00"),
        ("--since", ""),
        ("--since", "\u{1b}[2J\u{1b}]52;c;eA==\u{7}"),
        ("--until", "1h\u{202e}"),
        ("--since", "９０m"),
    ] {
        for lang in ["en", "zh"] {
            for summary in [false, true] {
                let mut args = vec!["--lang", lang, "explain", flag, bad];
                if summary {
                    args.push("--summary");
                }
                let out = run_with_input(&args, log.as_bytes());
                assert_no_panic(&out);
                let (status, stdout, stderr) = parts(&out);
                assert_eq!(status, 2, "{flag} {bad:?}: {stderr}");
                assert!(stdout.is_empty(), "{stdout}");
                assert_eq!(stderr.lines().count(), 1, "{flag} {bad:?}: {stderr}");
                assert!(stderr.starts_with(&format!("errcode: {flag} ")), "{stderr}");
                // The value, escaped: no control or direction character reaches the terminal.
                assert!(
                    !stderr.contains(['\u{1b}', '\u{7}', '\u{202e}']),
                    "{stderr:?}"
                );
                // The forms it takes, in the chosen language.
                let forms = match lang {
                    "en" => ["not a time", "1h, 90m, 2d", "2026-12-06 10:00", "epoch"],
                    _ => ["不是时间", "1h、90m、2d", "2026-12-06 10:00", "纪元秒数"],
                };
                for said in forms {
                    assert!(stderr.contains(said), "{said}: {stderr}");
                }
            }
        }
    }
}

#[test]
fn a_date_and_its_time_typed_apart_are_told_to_be_quoted() {
    let log = one_day();
    for (lang, said) in [
        (
            "en",
            "a date and its time are one value: quote them: --since '2026-12-06 10:00'",
        ),
        (
            "zh",
            "日期和时刻是同一个值，请加引号：--since '2026-12-06 10:00'",
        ),
    ] {
        let out = run_with_input(
            &["--lang", lang, "explain", "--since", "2026-12-06", "10:00"],
            log.as_bytes(),
        );
        let (status, _, stderr) = parts(&out);
        assert_eq!(status, 2, "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(said), "{stderr}");
    }
    let out = run_with_input(
        &["explain", "--until", "2026-12-06", "10:00:01.5", "-"],
        log.as_bytes(),
    );
    let (status, _, stderr) = parts(&out);
    assert_eq!(status, 2, "{stderr}");
    assert!(
        stderr.contains("--until '2026-12-06 10:00:01.5'"),
        "{stderr}"
    );
    // A file that is there, whatever its name, is read.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("10:00"), &log).unwrap();
    let out = common::errcode()
        .current_dir(dir.path())
        .args([
            "explain",
            "--format",
            "plain",
            "--since",
            "2026-12-06",
            "10:00",
        ])
        .output()
        .unwrap();
    let (status, stdout, stderr) = parts(&out);
    assert_eq!((status, stdout.lines().count()), (0, 5), "{stderr}");
}

/// `errcode ARGS` on `input`: (status, stdout and stderr together).
fn all_output(args: &[&str], input: &str) -> (i32, String) {
    let out = run_with_input(args, input.as_bytes());
    assert_no_panic(&out);
    let (status, stdout, stderr) = parts(&out);
    (status, stdout + &stderr)
}

#[test]
fn the_closing_lines_say_what_the_window_left_out_in_every_format() {
    let log = one_day();
    // eve before; midnight and ten inside; ten-and-a-bit, late and next after.
    let window = ["--since", "2026-12-06", "--until", "2026-12-06 10:00:01"];
    let en = "1 envelope fell before --since, 3 after --until";
    let zh = "时间窗口外：1 个响应早于 --since，3 个晚于 --until";
    let reports: [&[&str]; 4] = [
        &[],
        &["--summary"],
        &["--summary", "--group", "category"],
        &["--summary", "--by", "1h"],
    ];
    for report in reports {
        for format in ["human", "table", "plain", "json", "markdown", "github"] {
            if report.contains(&"--by") && ["markdown", "github"].contains(&format) {
                continue;
            }
            if report.is_empty() && format == "human" {
                continue;
            }
            for (lang, said) in [("en", en), ("zh", zh)] {
                let mut args = vec!["--lang", lang, "explain", "--format", format];
                args.extend_from_slice(report);
                args.extend_from_slice(&window);
                let (status, output) = all_output(&args, &log);
                assert_eq!(status, 0, "{args:?}: {output}");
                assert_eq!(output.matches(said).count(), 1, "{args:?}: {output}");
            }
        }
    }
    // After the totals, where a Markdown report lists them.
    let (_, output) = all_output(
        &[
            "explain",
            "--summary",
            "--format",
            "markdown",
            window[0],
            window[1],
            window[2],
            window[3],
        ],
        &log,
    );
    assert!(
        output.contains(&format!("- 2 envelopes, 2 errors\n- {en}\n")),
        "{output}"
    );
    // Only the side that a bound has, and nothing when the window left nothing out.
    let (_, output) = all_output(&["explain", "--since", "2026-12-06 10:00"], &log);
    assert!(
        output.contains("2 envelopes fell before --since\n"),
        "{output}"
    );
    assert!(!output.contains("after --until"), "{output}");
    let (_, output) = all_output(&["explain", "--until", "2026-12-06 10:00"], &log);
    // 10:00:00 is at --until: after it.
    assert!(
        output.contains("4 envelopes fell after --until\n"),
        "{output}"
    );
    assert!(!output.contains("before --since"), "{output}");
    let (_, output) = all_output(&["explain", "--until", "2030-01-01"], &log);
    assert!(!output.contains("fell"), "{output}");
}

#[test]
fn a_window_that_holds_nothing_says_so_and_keeps_its_exit_status() {
    let log = one_day();
    for args in [
        &["explain", "--check", "--since", "2030-01-01"][..],
        &["explain", "--check", "--summary", "--since", "2030-01-01"],
        &[
            "explain",
            "--check",
            "--summary",
            "--format",
            "json",
            "--since",
            "2030-01-01",
        ],
    ] {
        let out = run_with_input(args, log.as_bytes());
        let (status, stdout, stderr) = parts(&out);
        assert_eq!(status, 0, "{args:?}: {stderr}");
        assert!(
            (stdout.clone() + &stderr).contains("6 envelopes fell before --since"),
            "{args:?}: {stdout}{stderr}"
        );
    }
    // The JSON rows stay an array (the counts are among the closing lines, on stderr).
    let out = run_with_input(
        &[
            "explain",
            "--summary",
            "--format",
            "json",
            "--until",
            "2000-01-01",
        ],
        log.as_bytes(),
    );
    let (_, stdout, stderr) = parts(&out);
    assert_eq!(stdout.trim(), "[]");
    assert!(
        stderr.contains("0 envelopes, 0 errors\n6 envelopes fell after --until\n"),
        "{stderr}"
    );
    // --quiet: the exit status alone, as for every closing line.
    for summary in [false, true] {
        let mut args = vec!["explain", "--check", "--quiet", "--since", "2026-12-06"];
        if summary {
            args.push("--summary");
        }
        let out = run_with_input(&args, log.as_bytes());
        let (status, stdout, stderr) = parts(&out);
        assert_eq!((status, stdout.as_str()), (1, ""), "{stderr}");
        assert!(!stderr.contains("fell"), "{stderr}");
    }
}

#[test]
fn a_diff_says_what_the_window_left_out_of_each_input() {
    let dir = tempfile::tempdir().unwrap();
    let (before, after) = (dir.path().join("before.log"), dir.path().join("after.log"));
    std::fs::write(&before, one_day()).unwrap();
    std::fs::write(
        &after,
        format!(
            "2026-12-06 12:00:00 {}\n2026-12-06 12:00:01 {}\n{}\n",
            env("a"),
            env("b"),
            env("untimed")
        ),
    )
    .unwrap();
    let run = |lang: &str| {
        let out = common::errcode()
            .args([
                "--lang",
                lang,
                "explain",
                "--format",
                "plain",
                "--since",
                "2026-12-06 10:00",
                "--diff",
            ])
            .arg(&before)
            .arg(&after)
            .output()
            .unwrap();
        parts(&out)
    };
    let (status, _, stderr) = run("en");
    assert_eq!(status, 0, "{stderr}");
    assert!(
        stderr.contains("before: 2 envelopes fell before --since\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("note: 1 envelope without a time was left out by --since/--until"),
        "{stderr}"
    );
    let (_, _, stderr) = run("zh");
    assert!(
        stderr.contains("之前：时间窗口外：2 个响应早于 --since\n"),
        "{stderr}"
    );
}

#[test]
fn the_step_summary_says_what_the_window_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    let mut github = common::errcode();
    github.env("GITHUB_STEP_SUMMARY", &summary).args([
        "explain",
        "--format",
        "github",
        "--since",
        "2026-12-06",
    ]);
    let out = output_with_input(github, one_day().as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(
        written.contains("- 1 envelope fell before --since\n"),
        "{written}"
    );
}

#[test]
fn help_lists_every_form_of_a_bound_in_both_languages() {
    let help = |args: &[&str], env: Option<(&str, &str)>| {
        let mut command = common::errcode();
        command.args(args);
        if let Some((k, v)) = env {
            command.env(k, v);
        }
        let (status, stdout, _) = parts(&command.output().unwrap());
        assert_eq!(status, 0);
        stdout
    };
    let en = help(&["explain", "--help"], None);
    for said in [
        "Times (--since, --until; without a zone, in the local zone, TZ):",
        "1h, 90m, 2d, 1h30m   that long back from now (-1h too)",
        "2026-12-06           a day: --since from its start, --until to its end",
        "2026-12-06 10:00     a date and a time, with or without seconds",
        "2026/12/06 10:00:01, 2026-12-06T10:00:01.123+08:00",
        "1796551201           epoch seconds",
        "a date alone: to the end of that day",
    ] {
        assert!(en.contains(said), "{said}: {en}");
    }
    for zh in [
        help(&["--lang", "zh", "explain", "--help"], None),
        help(&["explain", "--help"], Some(("LANG", "zh_CN.UTF-8"))),
        help(&["explain", "-h", "--lang", "zh"], None),
    ] {
        for said in [
            "时间（--since、--until；未写时区的按本地时区 TZ 读取）：",
            "1h、90m、2d、1h30m   从现在往前这么久",
            "--until 到当天结束（含当天）",
            "2026-12-06 10:00     日期和时刻",
            "1796551201           纪元秒数",
            "只看在 TIME",
        ] {
            assert!(zh.contains(said), "{said}: {zh}");
        }
        assert!(!zh.contains("Times (--since"), "{zh}");
    }
}
