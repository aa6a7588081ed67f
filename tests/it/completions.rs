//! The committed completion scripts are what the binary prints, and real shells complete codes
//! with them. Regenerate the scripts with: UPDATE_COMPLETIONS=1 cargo test --test it completions

use crate::common;
use std::path::Path;
use std::process::Command;

use crate::common::errcode;

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
            "completions/{file} differs from `errcode completions {shell}`; regenerate with: UPDATE_COMPLETIONS=1 cargo test --test it completions"
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
        "\\fBTERM\\fR",
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

/// The codes a fish completion offers for `line`, each with its description.
fn fish_complete(line: &str) -> Option<Vec<(String, String)>> {
    let mut fish = shell("fish")?;
    fish.arg("--no-config").arg("-c").arg(format!(
        "source {}; complete -C '{line}'",
        committed("errcode.fish").display()
    ));
    let out = run(fish);
    Some(
        out.lines()
            .map(|l| {
                let (word, help) = l.split_once('\t').unwrap_or((l, ""));
                (word.to_string(), help.to_string())
            })
            .collect(),
    )
}

fn codes_4160x() -> Vec<String> {
    (41601..=41609).map(|c| c.to_string()).collect()
}

#[test]
fn fish_completes_codes_after_the_alias_and_as_the_first_words() {
    for line in [
        "errcode l 4160",
        "errcode 4160",
        "errcode 41601 4160",
        "errcode --lang zh 4160",
    ] {
        let Some(found) = fish_complete(line) else {
            return;
        };
        let words: Vec<String> = found.iter().map(|(w, _)| w.clone()).collect();
        assert_eq!(words, codes_4160x(), "{line}");
        assert!(found[0].1.contains("Token expired"), "{line}: {found:?}");
    }
    // A search term is not a code.
    assert_eq!(fish_complete("errcode search 4160").unwrap(), []);
}

#[test]
fn fish_says_1_code_not_1_codes() {
    let Some(found) = fish_complete("errcode list --http 40") else {
        return;
    };
    let help = |status: &str| found.iter().find(|(w, _)| w == status).unwrap().1.clone();
    assert!(help("402").starts_with("1 code;"), "{found:?}");
    assert!(help("403").ends_with("codes"), "{found:?}");
}

/// What bash's completion function offers for the words (the last is completed).
fn bash_complete(words: &[&str]) -> Option<Vec<String>> {
    let mut bash = shell("bash")?;
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let cword = words.len() - 1;
    bash.arg("-c").arg(format!(
        "source {}; COMP_WORDS=({}); COMP_CWORD={cword}; _errcode errcode '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        committed("errcode.bash").display(),
        quoted.join(" "),
        words[cword],
        words[cword - 1],
    ));
    Some(run(bash).lines().map(str::to_string).collect())
}

#[test]
fn bash_completes_bare_codes_and_offers_codes_before_flags() {
    let Some(found) = bash_complete(&["errcode", "4160"]) else {
        return;
    };
    assert_eq!(found, codes_4160x());
    assert_eq!(
        bash_complete(&["errcode", "l", "4160"]).unwrap(),
        codes_4160x()
    );
    assert_eq!(
        bash_complete(&["errcode", "41601", "4160"]).unwrap(),
        codes_4160x()
    );
    let all = bash_complete(&["errcode", "lookup", ""]).unwrap();
    let first_flag = all.iter().position(|w| w.starts_with('-')).unwrap();
    assert_eq!(all[0], "200", "{all:?}");
    assert!(
        all[first_flag..].iter().all(|w| w.starts_with('-')),
        "codes come before flags: {all:?}"
    );
    // And readline shows them in that order rather than sorted (where flags sort first).
    let script = std::fs::read_to_string(committed("errcode.bash")).unwrap();
    assert!(script.contains("    COMPREPLY=()\n    compopt -o nosort 2>/dev/null\n"));
}

/// What zsh completes for `line`, through a real interactive zsh on a pseudo-terminal (zpty):
/// every word `compadd` is given, once.
fn zsh_complete(line: &str) -> Option<Vec<String>> {
    let mut zsh = shell("zsh")?;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.txt");
    let hook = dir.path().join("hook.zsh");
    std::fs::write(
        &hook,
        r#"compadd () {
  local -a __hits
  builtin compadd -A __hits "$@"
  local h
  for h in $__hits; do print -r -- "$h" >> $ZCAP_OUT; done
  builtin compadd "$@"
}
__zcap_done () { print -r -- "__DONE__" >> $ZCAP_OUT }
comppostfuncs=( __zcap_done )
"#,
    )
    .unwrap();
    let driver = dir.path().join("driver.zsh");
    std::fs::write(
        &driver,
        r#"zmodload zsh/zpty || exit 3
zpty z zsh -f -i
zpty -w z "fpath=($1 \$fpath); PROMPT='>'; autoload -U compinit; compinit -u -D; source $2"
zpty -w z "$3"$'\t'
integer i
for i in {1..600}; do
  [[ -f $ZCAP_OUT ]] && grep -q __DONE__ $ZCAP_OUT && break
  sleep 0.1
done
zpty -d z
"#,
    )
    .unwrap();
    zsh.arg("-f")
        .arg(&driver)
        .arg(committed(""))
        .arg(&hook)
        .arg(line)
        .env("ZCAP_OUT", &out);
    run(zsh);
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    let mut words: Vec<String> = Vec::new();
    for word in text.lines().filter(|w| !w.is_empty() && *w != "__DONE__") {
        if !words.iter().any(|w| w == word) {
            words.push(word.to_string());
        }
    }
    Some(words)
}

#[test]
fn zsh_completes_codes_first_and_after_lookup() {
    for line in [
        "errcode 4160",
        "errcode 41601 4160",
        "errcode --lang zh 4160",
        "errcode lookup 4160",
        "errcode l 4160",
    ] {
        let Some(found) = zsh_complete(line) else {
            return;
        };
        assert_eq!(found, codes_4160x(), "{line}");
    }
    assert_eq!(zsh_complete("errcode loo").unwrap(), ["lookup"]);
}

#[test]
fn the_zsh_script_describes_each_code() {
    let script = std::fs::read_to_string(committed("_errcode")).unwrap();
    assert!(
        script.contains("'41601:Token expired\\: please generate a new token (Token 已过期，请重新生成 Token)' \\"),
        "41601 is offered with its meaning"
    );
    assert!(script.contains("'41301:Failed to get the user'\\''s device resource list"));
}

/// The candidates elvish's completer gives for `words` (the last is completed), each as
/// "word<TAB>display", through a real interactive elvish on a pseudo-terminal.
fn elvish_complete(words: &str) -> Option<Vec<String>> {
    shell("elvish")?;
    let probe = Command::new("script").arg("--version").output();
    if !probe.is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "script(1) is needed in CI"
        );
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.txt");
    let input = format!(
        "eval (slurp < {}); $edit:completion:arg-completer[errcode] {words} | each {{|c| echo $c[stem]\"\\t\"(to-string $c[display]) }} > {}\nexit\n",
        committed("errcode.elv").display(),
        out.display()
    );
    let mut script = Command::new("script");
    script
        .args(["-qec", "elvish -norc", "/dev/null"])
        .env("TERM", "xterm")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = script.spawn().unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait().unwrap();
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    Some(text.lines().map(str::to_string).collect())
}

#[test]
fn elvish_completes_codes_with_their_meanings() {
    for words in [
        "errcode lookup 4160",
        "errcode l 4160",
        "errcode 4160",
        "errcode 41601 4160",
    ] {
        let Some(found) = elvish_complete(words) else {
            return;
        };
        // elvish's matcher keeps the candidates the typed word starts.
        let codes: Vec<&String> = found.iter().filter(|c| c.starts_with("4160")).collect();
        assert_eq!(codes.len(), 9, "{words}: {found:?}");
        assert!(
            codes[0].starts_with("41601\t") && codes[0].contains("Token expired"),
            "{words}: {codes:?}"
        );
    }
}

#[test]
fn powershell_completes_codes_with_their_meanings() {
    let script = std::fs::read_to_string(committed("_errcode.ps1")).unwrap();
    // The codes are made once, inside the completer, after its parameters.
    let made = script.find("    $codes = @(\n").expect("the list of codes");
    assert!(script.find("param($wordToComplete").unwrap() < made);
    let list = &script[made..made + script[made..].find("\n    )\n").unwrap()];
    for result in [
        "[CompletionResult]::new('41601', '41601', [CompletionResultType]::ParameterValue, 'Token expired: please generate a new token (Token 已过期，请重新生成 Token)')",
        "'Failed to get the user''s device resource list",
        "[CompletionResult]::new('AuthFailure.SignatureExpire'",
    ] {
        assert!(list.contains(result), "{result}");
    }
    assert_eq!(script.matches("[CompletionResult]::new('41601'").count(), 1);
    // ... and given wherever a code may come.
    for command in ["errcode", "errcode;lookup", "errcode;l", "errcode;list"] {
        let open = format!("        '{command}' {{\n");
        let at = script.find(&open).unwrap_or_else(|| panic!("{command}"));
        let block = &script[at..at + script[at..].find("break").unwrap()];
        assert!(block.contains("\n            $codes\n"), "{command}");
    }
    // A code typed already is an argument, not a subcommand: the command is read up to it.
    assert!(script.contains("$element.Value -cmatch '^[0-9A-Z]' -or"));
}
