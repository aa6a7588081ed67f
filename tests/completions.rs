//! The committed completion scripts are what the binary prints, and real shells complete codes
//! with them. Regenerate the scripts with: UPDATE_COMPLETIONS=1 cargo test --test completions

mod common;

use std::path::Path;
use std::process::Command;

use common::errcode;

const SCRIPTS: [(&str, &str); 5] = [
    ("bash", "errcode.bash"),
    ("zsh", "_errcode"),
    ("fish", "errcode.fish"),
    ("powershell", "_errcode.ps1"),
    ("elvish", "errcode.elv"),
];

fn committed(file: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("completions")
        .join(file)
}

#[test]
fn committed_scripts_are_current() {
    let update = std::env::var_os("UPDATE_COMPLETIONS").is_some();
    for (shell, file) in SCRIPTS {
        let out = errcode().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "errcode completions {shell} failed");
        let path = committed(file);
        if update {
            std::fs::write(&path, &out.stdout).unwrap();
            continue;
        }
        let on_disk = std::fs::read(&path).unwrap_or_default();
        assert!(
            on_disk == out.stdout,
            "completions/{file} differs from `errcode completions {shell}`; regenerate with: UPDATE_COMPLETIONS=1 cargo test --test completions"
        );
    }
}

/// The shell, or `None` when it is not installed here. CI installs every shell (see `.ci/run`),
/// so there a missing shell fails the test rather than skipping it.
fn shell(name: &str) -> Option<Command> {
    let found = Command::new(name)
        .arg("-c")
        .arg("exit 0")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is not installed, and CI must test with it"
        );
        eprintln!("skipping: {name} is not installed");
        return None;
    }
    Some(Command::new(name))
}

fn run(mut command: Command) -> String {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn fish_completes_codes_with_their_descriptions() {
    let Some(mut fish) = shell("fish") else {
        return;
    };
    let script = committed("errcode.fish");
    fish.arg("--no-config").arg("-c").arg(format!(
        "source {}; complete -C 'errcode lookup 4160'",
        script.display()
    ));
    let out = run(fish);
    let lines: Vec<&str> = out.lines().collect();
    let codes: Vec<&str> = lines
        .iter()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(
        codes,
        (41601..=41609).map(|c| c.to_string()).collect::<Vec<_>>()
    );
    assert!(
        lines[0].contains("Token expired") && lines[0].contains("Token 已过期"),
        "{}",
        lines[0]
    );
    assert!(
        lines
            .iter()
            .all(|l| l.split('\t').nth(1).is_some_and(|d| !d.is_empty())),
        "{out}"
    );
}

#[test]
fn fish_completes_http_statuses_of_list() {
    let Some(mut fish) = shell("fish") else {
        return;
    };
    let script = committed("errcode.fish");
    fish.arg("--no-config").arg("-c").arg(format!(
        "source {}; complete -C 'errcode list --http '",
        script.display()
    ));
    let out = run(fish);
    let statuses: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(statuses, ["200", "400", "402", "403", "456"]);
}

#[test]
fn bash_completes_codes() {
    let Some(mut bash) = shell("bash") else {
        return;
    };
    let script = committed("errcode.bash");
    bash.arg("-c").arg(format!(
        "source {}; COMP_WORDS=(errcode lookup 4161); COMP_CWORD=2; _errcode errcode 4161 lookup; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    ));
    let out = run(bash);
    let codes: Vec<&str> = out.lines().collect();
    assert_eq!(
        codes,
        (41610..=41619).map(|c| c.to_string()).collect::<Vec<_>>()
    );
}

#[test]
fn shells_accept_the_scripts() {
    for (shell_name, file) in [
        ("bash", "errcode.bash"),
        ("zsh", "_errcode"),
        ("fish", "errcode.fish"),
    ] {
        let Some(mut sh) = shell(shell_name) else {
            continue;
        };
        sh.arg("-n").arg(committed(file));
        let out = sh.output().unwrap();
        assert!(
            out.status.success(),
            "{shell_name} -n {file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn man_page_renders_with_its_sections() {
    let out = errcode().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH errcode"),
        "{}",
        &page[..200.min(page.len())]
    );
    for section in [
        "EXIT STATUS",
        ".SH ENVIRONMENT",
        ".SH EXAMPLES",
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "LC_MESSAGES",
    ] {
        assert!(
            page.contains(section),
            "{section} missing from the man page"
        );
    }
}

#[test]
fn the_man_page_documents_every_flag_of_every_subcommand_and_no_missing_page() {
    let page = String::from_utf8(common::run(&["man"]).stdout).unwrap();
    assert!(
        !page.contains("errcode\\-lookup(1)"),
        "no page of its own to refer to"
    );
    for flag in [
        "\\-\\-summary",
        "\\-\\-check",
        "\\-\\-http",
        "\\-\\-category",
        "\\-\\-retry",
        "\\-\\-show\\-source",
        "\\-\\-twins",
        "\\-\\-action",
        "\\-\\-status",
        "\\-\\-errors",
    ] {
        assert!(page.contains(flag), "{flag} is not in the man page");
    }
}
