//! Compressed input, black box: gzip, zstd, xz and bzip2 read from a file and from stdin alike,
//! as the text they hold; archives refused by name; a stream cut short, or one whose window is
//! over the memory bound, an error that says what to run. The same rules of assertion as
//! `input_layer.rs`. The inputs are made with the formats' own (pure-Rust) encoders, and the
//! fixtures under `tests/fixtures/input/` with the real tools (`xz -9`, `zstd --long=27`, zip,
//! tar).

use crate::common;
use crate::input_layer_support::*;
use serde_json::json;

/// A log of several envelopes, some inside log lines, with a byte-order mark.
fn log() -> String {
    format!(
        "\u{feff}{}\n2026-11-27T08:00:01Z ERROR resp={}\n{}\n{}\n",
        envelope("z1", 200),
        envelope("z2", 41601),
        envelope("z3", 52502),
        envelope("z4", 41601)
    )
}

const SUMMARY: [&str; 3] = ["--summary", "--format", "json"];

#[test]
fn each_format_gives_the_findings_of_the_plain_text_from_a_file_and_from_stdin() {
    let plain = log();
    let expected = explain_both("x.log", plain.as_bytes(), &SUMMARY);
    assert_eq!(expected.status, 0, "{}", clip(&expected.stderr));
    assert_eq!(expected.summary_total(), 4);
    every_case(
        FORMATS.map(|f| (f.0.to_string(), f)),
        |(what, name, pack)| {
            let packed = pack(plain.as_bytes());
            // A file (with and without the usual name) and stdin read alike.
            for name in [name, "x.log"] {
                let out = explain_both(name, &packed, &SUMMARY);
                assert_eq!(out.status, 0, "{what} {name}: {}", clip(&out.stderr));
                assert_eq!(out.stdout, expected.stdout, "{what} {name}");
                assert_eq!(out.stderr, expected.stderr, "{what} {name}");
            }
            let out = json_lines(name, &packed);
            assert_eq!(out.ids(), strings(&["z1", "z2", "z3", "z4"]), "{what}");
            assert_eq!(out.starts(), [1, 2, 3, 4], "{what}: lines of the text");
            // Two streams one after another (`cat a b`) are read as one text.
            let twice = [packed.clone(), packed].concat();
            let out = explain_both(name, &twice, &SUMMARY);
            assert_eq!(out.status, 0, "{what} twice: {}", clip(&out.stderr));
            assert_eq!(out.summary_total(), 8, "{what} twice");
        },
    );
}

#[test]
fn the_fixtures_made_with_the_real_tools_are_read() {
    for name in [
        "two-envelopes.log.gz",
        "two-envelopes.log.zst",
        "two-envelopes.log.xz",
        "two-envelopes.log.bz2",
    ] {
        let fixture = common::fixture(&format!("input/{name}"));
        let out = explain_path(&fixture, &["--format", "json"]);
        assert_eq!(out.status, 0, "{name}: {}", clip(&out.stderr));
        assert_eq!(out.codes(), [json!(41601), json!(200)], "{name}");
        let bytes = std::fs::read(&fixture).unwrap();
        let out = explain_stdin(&bytes, &["--format", "json"]);
        assert_eq!(out.codes(), [json!(41601), json!(200)], "{name} on stdin");
    }
}

/// `errcode explain FILE` and `errcode explain - < FILE`, for a refused input: exit 2, nothing
/// on stdout, one line on stderr each, returned (file, stdin) with the file's path in the
/// file's line replaced by `name`.
fn refused(name: &str, bytes: &[u8]) -> (String, String) {
    let dir = Scratch::new("refused");
    let path = dir.write(name, bytes);
    let from_file = explain_path(&path, &SUMMARY);
    let from_stdin = explain_stdin(bytes, &SUMMARY);
    for (out, what) in [(&from_file, "file"), (&from_stdin, "stdin")] {
        assert_eq!(out.status, 2, "{name} ({what}): {}", clip(&out.stderr));
        assert_eq!(out.stdout, "", "{name} ({what})");
        assert_eq!(
            out.stderr.lines().count(),
            1,
            "{name} ({what}): {}",
            out.stderr
        );
    }
    let path = path.to_str().unwrap();
    (from_file.stderr.replace(path, name), from_stdin.stderr)
}

#[test]
fn archives_are_refused_by_name_with_the_command_that_extracts_them() {
    let zip = std::fs::read(common::fixture("input/two-envelopes.zip")).unwrap();
    let (file, stdin) = refused("logs.zip", &zip);
    assert!(file.starts_with("errcode: "), "{file}");
    assert!(
        file.contains("logs.zip: is a zip archive")
            && file.contains("unzip -p logs.zip | errcode explain"),
        "{file}"
    );
    assert!(
        stdin.contains("<stdin>: is a zip archive") && stdin.contains("funzip"),
        "{stdin}"
    );
    let tar = std::fs::read(common::fixture("input/two-envelopes.tar")).unwrap();
    let (file, _) = refused("logs.tar", &tar);
    assert!(
        file.contains("is a tar archive") && file.contains("tar -xOf logs.tar"),
        "{file}"
    );
    for (format, option, pack) in [
        ("gzip", "-xOzf", gzip as Pack),
        ("zstd", "--zstd -xOf", zstd),
        ("xz", "-xOJf", xz),
        ("bzip2", "-xOjf", bzip2),
    ] {
        let (file, stdin) = refused("logs.tar.x", &pack(&tar));
        assert!(
            file.contains(&format!("a {format}-compressed tar archive"))
                && file.contains(&format!("tar {option} logs.tar.x | errcode explain")),
            "{file}"
        );
        assert!(stdin.contains(&format!("| tar {option} - |")), "{stdin}");
    }
}

#[test]
fn a_refused_input_among_others_leaves_them_read_and_exits_2() {
    let dir = Scratch::new("among");
    let a = dir.write("a.log", format!("{}\n", envelope("a1", 41601)).as_bytes());
    let zip = common::fixture("input/two-envelopes.zip");
    let b = dir.write(
        "b.log.zst",
        &zstd(format!("{}\n", envelope("b1", 200)).as_bytes()),
    );
    let paths = [
        a.to_str().unwrap(),
        zip.to_str().unwrap(),
        b.to_str().unwrap(),
    ];
    let out = Outcome::from(
        run(&[&["explain", "--format", "json"][..], &paths].concat()),
        "three",
    );
    assert_eq!(out.ids(), strings(&["a1", "b1"]), "{}", clip(&out.stderr));
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("two-envelopes.zip: is a zip archive"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_large_tar_is_refused_not_read_in_parts() {
    // Over the size that `--summary` reads in parts: the parts' reader leaves it to the
    // sequential one, which refuses it.
    let tar = std::fs::read(common::fixture("input/two-envelopes.tar")).unwrap();
    let line = format!("{}\n", envelope("t", 41601));
    let mut big = tar[..512].to_vec();
    while big.len() < 17 << 20 {
        big.extend_from_slice(line.as_bytes());
    }
    let dir = Scratch::new("big-tar");
    let out = explain_path(&dir.write("big.tar", &big), &SUMMARY);
    assert_eq!(out.status, 2, "{}", clip(&out.stdout));
    assert!(out.stderr.contains("is a tar archive"), "{}", out.stderr);
}

#[test]
fn a_stream_cut_short_exits_2_in_each_format() {
    let plain = log().repeat(50);
    every_case(
        FORMATS.map(|f| (f.0.to_string(), f)),
        |(what, name, pack)| {
            let packed = pack(plain.as_bytes());
            let cut = &packed[..packed.len() - 3];
            let dir = Scratch::new("cut");
            let from_file = explain_path(&dir.write(name, cut), &SUMMARY);
            let from_stdin = explain_stdin(cut, &SUMMARY);
            for out in [from_file, from_stdin] {
                assert_eq!(out.status, 2, "{what}: {}", clip(&out.stderr));
                assert!(
                    out.stderr
                        .contains(&format!("cannot read: incomplete {what} stream")),
                    "{what}: {}",
                    out.stderr
                );
            }
        },
    );
}

#[test]
fn a_stream_whose_window_is_over_the_bound_exits_2_naming_what_to_run() {
    // `xz -9` declares a 64 MiB dictionary however small the file (`xz -lvv`).
    let xz9 = std::fs::read(common::fixture("input/xz-9.log.xz")).unwrap();
    let (file, stdin) = refused("app.log.xz", &xz9);
    assert!(
        file.ends_with(
            "app.log.xz: needs a 64 MiB window to decompress; decompress it first: \
             xz -dc app.log.xz | errcode explain\n"
        ),
        "{file}"
    );
    assert!(
        stdin.contains("<stdin>: needs a 64 MiB window")
            && stdin.contains("… | xz -dc | errcode explain"),
        "{stdin}"
    );
    // `zstd --long=27` on a pipe declares its 128 MiB window.
    let long = std::fs::read(common::fixture("input/long-window.log.zst")).unwrap();
    let (file, _) = refused("app.log.zst", &long);
    assert!(
        file.contains("app.log.zst: needs a 128 MiB window")
            && file.contains("zstd -dc app.log.zst | errcode explain"),
        "{file}"
    );
    // In Chinese too.
    let dir = Scratch::new("window-zh");
    let path = dir.write("app.log.xz", &xz9);
    let out = Outcome::from(
        run(&["--lang", "zh", "explain", path.to_str().unwrap()]),
        "zh",
    );
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("解压需要 64 MiB 的窗口") && out.stderr.contains("xz -dc"),
        "{}",
        out.stderr
    );
}
