//! The hermetic way to run the binary: nothing from the caller's environment that changes
//! errcode's output (colour, locale, width, user tables, time zone) leaks in.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// `errcode`, with a clean environment: English, no colour variables, no user tables.
pub fn errcode() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_errcode"));
    hermetic(&mut command);
    command.env("RUST_BACKTRACE", "1");
    command.stdin(Stdio::null());
    command
}

/// Takes out of `command`'s environment what would change errcode's output (colour, locale,
/// width, user tables, a pager, a CI job's step summary), and reads zone-less times in UTC,
/// one zone for every machine.
pub fn hermetic(command: &mut Command) {
    for var in [
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "CLICOLOR",
        "COLUMNS",
        "LANG",
        "LC_ALL",
        "LC_MESSAGES",
        "ERRCODE_TABLE",
        "TERM",
        "PAGER",
        "GITHUB_STEP_SUMMARY",
    ] {
        command.env_remove(var);
    }
    command.env("TZ", "UTC");
}

/// Runs `errcode ARGS` with `input` on stdin.
pub fn run_with_input(args: &[&str], input: &[u8]) -> Output {
    let mut command = errcode();
    command.args(args);
    output_with_input(command, input)
}

/// Runs `command` (an [`errcode`] with its arguments and environment) with `input` on stdin.
pub fn output_with_input(mut command: Command, input: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written from a thread: errcode may answer (or fail) before it has read everything.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// Runs `errcode ARGS`.
pub fn run(args: &[&str]) -> Output {
    errcode().args(args).output().unwrap()
}

/// The exit status, stdout and stderr of a run, as text.
pub fn parts(out: &Output) -> (i32, String, String) {
    (
        out.status.code().expect("errcode was killed by a signal"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Asserts that errcode did not panic.
pub fn assert_no_panic(out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "panic: {stderr}"
    );
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "exit status {:?}: {stderr}",
        out.status
    );
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Compares `actual` with the golden file `tests/golden/NAME`; `UPDATE_GOLDEN=1` rewrites it.
pub fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "output differs from tests/golden/{name} (UPDATE_GOLDEN=1 cargo test rewrites it)\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}
