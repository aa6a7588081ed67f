//! The `console` examples of the README and of docs/explain.md are what the binary prints, byte for byte. Each `$ ` line is
//! run with `sh` in the repository, errcode first on the PATH, in the tests' clean environment;
//! the lines after it, up to the next `$ ` or the block's end, are its stdout and then its
//! stderr. Blocks marked `text` or `sh` are illustrations and are not run.
//!
//! After an intended change, `UPDATE_README=1 cargo test --test it readme` rewrites the outputs.

use crate::common;
use std::path::Path;
use std::process::{Command, Stdio};

/// One example: the command, the README's output lines and where they are.
struct Example {
    command: String,
    /// The index of the first output line in the README's lines.
    start: usize,
    /// The index after the last output line.
    end: usize,
}

fn examples(lines: &[&str]) -> Vec<Example> {
    let mut found = Vec::new();
    let mut in_console = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if !in_console {
            in_console = line == "```console";
            i += 1;
            continue;
        }
        if line == "```" {
            in_console = false;
            i += 1;
            continue;
        }
        let command = line
            .strip_prefix("$ ")
            .unwrap_or_else(|| panic!("README line {}: output with no `$ ` command", i + 1));
        let start = i + 1;
        let mut end = start;
        while end < lines.len() && lines[end] != "```" && !lines[end].starts_with("$ ") {
            end += 1;
        }
        found.push(Example {
            command: command.to_string(),
            start,
            end,
        });
        i = end;
    }
    found
}

/// stdout, then stderr, of `command` run as the README's reader would run it.
fn output_of(command: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_errcode")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let mut sh = Command::new("sh");
    common::hermetic(&mut sh);
    let out = sh
        .arg("-c")
        .arg(command)
        .current_dir(root)
        .env("PATH", path)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    text
}

#[test]
fn the_readme_examples_are_what_the_binary_prints() {
    check_examples("README.md", 10);
}

#[test]
fn the_examples_of_explain_in_full_are_what_the_binary_prints() {
    check_examples("docs/explain.md", 3);
}

/// Runs the console examples of `file` (at least `least` of them) and compares their outputs.
fn check_examples(file: &str, least: usize) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let readme = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    let found = examples(&lines);
    assert!(
        found.len() >= least,
        "{file}: its console examples were not found"
    );
    let update = std::env::var_os("UPDATE_README").is_some();
    let mut rewritten: Vec<String> = Vec::new();
    let mut copied = 0;
    let mut differ = Vec::new();
    for example in &found {
        let actual = output_of(&example.command);
        let expected: String = lines[example.start..example.end]
            .iter()
            .map(|l| format!("{l}\n"))
            .collect();
        if actual != expected {
            differ.push(format!(
                "$ {}\n--- {file}\n{expected}--- binary\n{actual}",
                example.command
            ));
        }
        rewritten.extend(lines[copied..example.start].iter().map(|l| l.to_string()));
        rewritten.extend(actual.lines().map(str::to_string));
        copied = example.end;
    }
    if update {
        rewritten.extend(lines[copied..].iter().map(|l| l.to_string()));
        std::fs::write(&path, rewritten.join("\n") + "\n").unwrap();
        return;
    }
    assert!(
        differ.is_empty(),
        "{file}: {} example(s) differ from the binary (UPDATE_README=1 cargo test --test it readme rewrites them):\n\n{}",
        differ.len(),
        differ.join("\n")
    );
}
