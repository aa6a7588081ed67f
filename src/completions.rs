//! Shell completion scripts that know the codes, and the man page: both generated from the clap
//! definition, with the table's codes and HTTP statuses filled in as completion values.

use std::io::{self, Write};

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{CommandFactory, ValueHint};
use clap_complete::Shell;
use clap_mangen::roff::{bold, italic, roman, Roff};

use crate::cli::Cli;
use crate::table::v3::V3Table;
use crate::table::{http_status_note, Row, Table};

/// One completion value per code: the code, with its meaning in English and Chinese.
fn code_values(table: &Table) -> Vec<PossibleValue> {
    let rows = table.rows();
    let mut values = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let same: Vec<&Row> = rows[i..]
            .iter()
            .take_while(|r| r.code == rows[i].code)
            .collect();
        let english: Vec<&str> = same
            .iter()
            .map(|r| r.message_en.as_deref().unwrap_or(&r.message))
            .collect();
        let chinese: Vec<&str> = same.iter().map(|r| r.message.as_str()).collect();
        let help = format!("{} ({})", english.join(" / "), chinese.join(" / "));
        values.push(PossibleValue::new(rows[i].code.to_string()).help(help));
        i += same.len();
    }
    // The API 3.0 codes, after the legacy ones.
    let v3 = V3Table::builtin().rows();
    let mut i = 0;
    while i < v3.len() {
        let name = v3[i].label();
        let same = v3[i..].iter().take_while(|r| r.label() == name).count();
        let row = &v3[i];
        let help = format!(
            "{} ({})",
            row.message_en.as_deref().unwrap_or(&row.message),
            row.message
        );
        values.push(PossibleValue::new(name).help(help));
        i += same;
    }
    values
}

/// The API 3.0 actions the SDK documents, for `list --action`.
fn action_values() -> Vec<PossibleValue> {
    V3Table::builtin()
        .actions()
        .into_iter()
        .map(PossibleValue::new)
        .collect()
}

/// The HTTP statuses rows are answered with, each with the number of rows `list --http` shows
/// for it (both API generations).
fn http_values(table: &Table) -> Vec<PossibleValue> {
    let v3 = V3Table::builtin().rows();
    let mut statuses = table.http_statuses();
    statuses.extend(v3.iter().filter_map(|r| r.http_status));
    statuses.sort_unstable();
    statuses.dedup();
    statuses
        .into_iter()
        .map(|status| {
            let count = table
                .rows()
                .iter()
                .chain(v3)
                .filter(|r| r.http_status == Some(status))
                .count();
            let rows = format!("{count} row{}", if count == 1 { "" } else { "s" });
            let help = match http_status_note(status) {
                Some(note) => format!("{rows}; {note}"),
                None => rows,
            };
            PossibleValue::new(status.to_string()).help(help)
        })
        .collect()
}

/// A man page section of terms in bold, each with its meaning.
fn definitions(roff: &mut Roff, title: &str, items: &[(&str, &str)]) {
    roff.control("SH", [title]);
    for (term, meaning) in items {
        roff.control("TP", [])
            .text([bold(*term)])
            .text([roman(*meaning)]);
    }
}

fn category_values(categories: Vec<&str>) -> Vec<PossibleValue> {
    categories
        .into_iter()
        .map(|c| PossibleValue::new(c.to_string()))
        .collect()
}

/// The command line as completion scripts see it: the real one, with the table's values offered
/// for codes (also `explain --status`'s), `--http` and `--category` (list's and explain's), and
/// nothing offered for a value that is no file (a time, a duration, a number, search terms),
/// where a shell would offer file names. Only the scripts use it; the parser keeps accepting any
/// code, so that an unknown one still reaches lookup's "did you mean".
pub fn completion_command(table: &Table) -> clap::Command {
    let codes = PossibleValuesParser::new(code_values(table));
    let none = |a: clap::Arg| a.value_hint(ValueHint::Other);
    Cli::command()
        .mut_arg("tables", |a| a.value_hint(ValueHint::FilePath))
        .mut_arg("codes", |a| a.value_parser(codes.clone()))
        .mut_subcommand("lookup", |c| {
            c.mut_arg("codes", |a| a.value_parser(codes.clone()))
        })
        .mut_subcommand("list", |c| {
            c.mut_arg("pattern", |a| a.value_parser(codes.clone()))
                .mut_arg("http", |a| {
                    a.value_parser(PossibleValuesParser::new(http_values(table)))
                })
                .mut_arg("category", |a| {
                    let categories = category_values(table.all_categories());
                    a.value_parser(PossibleValuesParser::new(categories))
                })
                .mut_arg("action", |a| {
                    a.value_parser(PossibleValuesParser::new(action_values()))
                })
        })
        .mut_subcommand("search", |c| c.mut_arg("terms", none))
        .mut_subcommand("explain", |c| {
            c.mut_arg("files", |a| a.value_hint(ValueHint::FilePath))
                .mut_arg("status", |a| a.value_parser(codes.clone()))
                .mut_arg("since", none)
                .mut_arg("until", none)
                .mut_arg("by", none)
                .mut_arg("top", none)
                .mut_arg("category", |a| {
                    let categories = category_values(table.envelope_categories());
                    a.value_parser(PossibleValuesParser::new(categories))
                })
        })
}

/// The completion script for `shell`, exactly as committed under `completions/`.
pub fn script(shell: Shell, table: &Table) -> String {
    let mut command = completion_command(table);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "errcode", &mut out);
    let script = String::from_utf8_lossy(&out).into_owned();
    match shell {
        Shell::Fish => script + &fish_codes(table),
        Shell::Bash => bash_codes_in_any_case(&bash_codes_first(&script)),
        Shell::Elvish => elvish_codes(&script, table),
        Shell::PowerShell => powershell_codes(&script, table),
        Shell::Zsh => zsh_codes_as_commands(&script, table),
        _ => script,
    }
}

/// The subcommands (and their aliases) whose arguments are codes; the top level takes codes too.
const CODE_COMMANDS: [&str; 3] = ["lookup", "l", "list"];

/// Each code with its meaning, as completion scripts show them.
fn codes_with_help(table: &Table) -> Vec<(String, String)> {
    code_values(table)
        .into_iter()
        .map(|v| {
            let help = v.get_help().map(|h| h.to_string()).unwrap_or_default();
            (v.get_name().to_string(), help)
        })
        .collect()
}

/// bash offers the words of a position in the order of its list, unsorted: the codes before the
/// flags, so that `errcode lookup <TAB>` shows codes first.
fn bash_codes_first(script: &str) -> String {
    // readline sorts what it shows unless told not to (bash 4.4 and later).
    let script = script.replacen(
        "    COMPREPLY=()\n",
        "    COMPREPLY=()\n    compopt -o nosort 2>/dev/null\n",
        1,
    );
    let mut out = String::with_capacity(script.len());
    for line in script.split_inclusive('\n') {
        let Some(words) = line
            .trim_start()
            .strip_prefix("opts=\"")
            .and_then(|l| l.trim_end().strip_suffix('"'))
        else {
            out.push_str(line);
            continue;
        };
        let indent = &line[..line.len() - line.trim_start().len()];
        let (flags, others): (Vec<&str>, Vec<&str>) =
            words.split(' ').partition(|w| w.starts_with('-'));
        let words = others
            .into_iter()
            .chain(flags)
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&format!("{indent}opts=\"{words}\"\n"));
    }
    out
}

/// bash's `compgen -W` matches a word's case, but errcode looks API 3.0 codes up in any case:
/// where codes are offered (a code's place, `explain --status`), `_errcode_words` matches them in
/// any case instead, so that `errcode lookup authf<TAB>` offers `AuthFailure.…` (readline then
/// puts the codes' common start in place of what was typed). Subcommands and flags keep
/// `compgen`.
fn bash_codes_in_any_case(script: &str) -> String {
    const HELPER: &str = r#"# The words of $1 that start with $2 in any case: errcode looks API 3.0 codes up in any case.
_errcode_words() {
    local word restore
    restore=$(shopt -p nocasematch)
    shopt -s nocasematch
    for word in $1; do
        [[ $word == "$2"* ]] && printf '%s\n' "$word"
    done
    $restore
}

"#;
    let v3: std::collections::HashSet<String> =
        V3Table::builtin().rows().iter().map(Row::label).collect();
    let has_codes = |words: &str| words.split(' ').any(|w| v3.contains(w));
    let mut out = String::from(HELPER);
    // Whether the last `opts=` of the script, which `${opts}` stands for, holds codes.
    let mut opts_codes = false;
    for line in script.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(words) = trimmed.strip_prefix("opts=\"") {
            opts_codes = has_codes(words.trim_end().trim_end_matches('"'));
        }
        let Some((before, rest)) = line.split_once("$(compgen -W \"") else {
            out.push_str(line);
            continue;
        };
        let Some((words, after)) = rest.split_once("\" -- \"${cur}\")") else {
            out.push_str(line);
            continue;
        };
        let codes = match words {
            "${opts}" => opts_codes,
            words => has_codes(words),
        };
        match codes {
            true => out.push_str(&format!(
                "{before}$(_errcode_words \"{words}\" \"${{cur}}\"){after}"
            )),
            false => out.push_str(line),
        }
    }
    out
}

/// clap_complete's elvish script offers no values of positional arguments: the codes, with
/// their meanings, are added where a code may come. A code typed already (`errcode 41601 4`)
/// is an argument, not a subcommand, so the command is read up to it.
fn elvish_codes(script: &str, table: &Table) -> String {
    let quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let cands: String = codes_with_help(table)
        .iter()
        .map(|(code, help)| format!("            cand {} {}\n", quote(code), quote(help)))
        .collect();
    let mut script = script
        .replacen("use str;\n", "use re;\nuse str;\n", 1)
        .replacen(
            "        if (str:has-prefix $word '-') {",
            "        if (or (str:has-prefix $word '-') (re:match '^[0-9A-Z]' $word)) {",
            1,
        );
    for command in std::iter::once("errcode".to_string())
        .chain(CODE_COMMANDS.iter().map(|c| format!("errcode;{c}")))
    {
        let open = format!("        &'{command}'= {{\n");
        script = script.replacen(&open, &format!("{open}{cands}"), 1);
    }
    script
}

/// clap_complete's zsh script takes the top level's optional code before the subcommand, so
/// `errcode lookup 416<TAB>` read `lookup` as a code and offered subcommands for 416. The code
/// is offered beside the subcommands instead, as the first word (`errcode 416<TAB>`).
fn zsh_codes_as_commands(script: &str, table: &Table) -> String {
    let Some(start) = script.find("'::codes -- ") else {
        return script.to_string();
    };
    let Some(end) = script[start..].find("\":: :_errcode_commands\"") else {
        return script.to_string();
    };
    let mut script = format!("{}{}", &script[..start], &script[start + end..]);
    for (from, to) in [
        ("words=($line[2] ", "words=($line[1] "),
        ("errcode-command-$line[2]:", "errcode-command-$line[1]:"),
        ("case $line[2] in", "case $line[1] in"),
    ] {
        script = script.replacen(from, to, 1);
    }
    let escape = |s: &str| {
        s.replace('\\', "\\\\")
            .replace(':', "\\:")
            .replace('\'', "'\\''")
    };
    let codes: String = codes_with_help(table)
        .iter()
        .map(|(code, help)| format!("'{}:{}' \\\n", escape(code), escape(help)))
        .collect();
    // The first word may be a subcommand or a code; a word after a code is a code too.
    script = script.replacen(
        "    _describe -t commands 'errcode commands' commands \"$@\"\n}\n",
        "    local ret=1\n    _describe -t commands 'errcode commands' commands \"$@\" && ret=0\n    _errcode_codes \"$@\" && ret=0\n    return ret\n}\n",
        1,
    );
    let end = "        esac\n    ;;\nesac\n}\n";
    if let Some(at) = script
        .rfind(end)
        .filter(|&at| at < script.find("_errcode_commands() {").unwrap_or(0))
    {
        script.insert_str(at, "(*)\n_errcode_codes \"$@\" && ret=0\n;;\n");
    }
    let function = format!(
        "(( $+functions[_errcode_codes] )) ||\n_errcode_codes() {{\n    local codes; codes=(\n{codes}    )\n    _describe -t codes 'errcode codes' codes \"$@\"\n}}\n\n"
    );
    // Defined before the script's last lines call _errcode.
    let call = "if [ \"$funcstack[1]\" = \"_errcode\" ]; then";
    match script.rfind(call) {
        Some(at) => script.insert_str(at, &function),
        None => script.push_str(&function),
    }
    script
}

/// As [`elvish_codes`], for PowerShell: the codes are made once, at the top of the completer,
/// and given wherever a code may come.
fn powershell_codes(script: &str, table: &Table) -> String {
    let quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let results: String = codes_with_help(table)
        .iter()
        .map(|(code, help)| {
            format!(
                "        [CompletionResult]::new({0}, {0}, [CompletionResultType]::ParameterValue, {1})\n",
                quote(code),
                quote(help)
            )
        })
        .collect();
    let mut script = script.replacen(
        "                $element.Value.StartsWith('-') -or\n",
        "                $element.Value.StartsWith('-') -or\n                $element.Value -cmatch '^[0-9A-Z]' -or\n",
        1,
    );
    let param = "    param($wordToComplete, $commandAst, $cursorPosition)\n";
    script = script.replacen(
        param,
        &format!(
            "{param}\n    # The codes, with their meanings.\n    $codes = @(\n{results}    )\n"
        ),
        1,
    );
    for command in std::iter::once("errcode".to_string())
        .chain(CODE_COMMANDS.iter().map(|c| format!("errcode;{c}")))
    {
        let open = format!("        '{command}' {{\n");
        script = script.replacen(&open, &format!("{open}            $codes\n"), 1);
    }
    script
}

/// clap_complete's fish script leaves out the values of positional arguments: these lines add
/// the codes, with descriptions, wherever a code may come: after `lookup`, `l` and `list`, and
/// as the first words (`errcode 416<TAB>`, `errcode 41601 416<TAB>`); and they keep fish from
/// offering file names for search terms.
fn fish_codes(table: &Table) -> String {
    let mut out = String::from(
        "\n# Codes, with their meanings, where a code may come.
function __fish_errcode_wants_code
    set -l cmd (__fish_errcode_needs_command)
    and return 0
    contains -- $cmd[1] lookup l list
    or string match -qr '^[0-9A-Z]' -- $cmd[1]
end

# Search terms are words, not file names.
complete -c errcode -n \"__fish_errcode_using_subcommand search\" -f
complete -c errcode -n \"__fish_errcode_using_subcommand s\" -f
",
    );
    for (code, help) in codes_with_help(table) {
        let help = help.replace('\\', "\\\\").replace('\'', "\\'");
        out.push_str(&format!(
            "complete -c errcode -n __fish_errcode_wants_code -f -a '{code}' -d '{help}'\n"
        ));
    }
    out
}

/// SUBCOMMANDS: each subcommand with every argument and flag it takes (there are no pages of
/// their own to refer to).
fn subcommands_section(out: &mut impl Write, command: &clap::Command) -> io::Result<()> {
    let mut roff = Roff::new();
    roff.control("SH", ["SUBCOMMANDS"]);
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        roff.control("SS", [format!("errcode {}", sub.get_name()).as_str()]);
        roff.text([roman(about)]);
        for arg in sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set())
        {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            let value = arg
                .get_value_names()
                .map(|v| format!(" <{}>", v.join(" ")))
                .unwrap_or_default();
            let term = match (arg.get_short(), arg.get_long()) {
                (Some(s), Some(l)) => format!(
                    "-{s}, --{l}{}",
                    if arg.get_action().takes_values() {
                        value.as_str()
                    } else {
                        ""
                    }
                ),
                (None, Some(l)) => format!(
                    "--{l}{}",
                    if arg.get_action().takes_values() {
                        value.as_str()
                    } else {
                        ""
                    }
                ),
                _ => value.trim().to_string(),
            };
            let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            // The values a choice takes (`export --dialect`, `explain --paging`…).
            let choices = match arg.get_action().takes_values() {
                true => arg.get_possible_values(),
                false => Vec::new(),
            };
            let values: Vec<String> = choices
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() {
                help.push_str(&format!(" (values: {})", values.join(", ")));
            }
            roff.control("TP", [])
                .text([bold(term)])
                .text([roman(help)]);
        }
    }
    out.write_all(roff.to_roff().as_bytes())
}

/// The man page, in roff, with EXIT STATUS, ENVIRONMENT and EXAMPLES sections.
pub fn man_page(out: &mut impl Write) -> io::Result<()> {
    let command = Cli::command();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    subcommands_section(out, &command)?;

    let mut roff = Roff::new();
    definitions(&mut roff, "EXIT STATUS", EXIT_STATUS);
    definitions(&mut roff, "ENVIRONMENT", ENVIRONMENT);
    definitions(&mut roff, "EXAMPLES", EXAMPLES);
    roff.control("SH", ["SEE ALSO"]);
    roff.text([italic("curl"), roman("(1), "), italic("jq"), roman("(1)")]);
    out.write_all(roff.to_roff().as_bytes())?;
    version_section(out, &man)
}

/// The man page's VERSION section, from clap's.
fn version_section(out: &mut impl Write, man: &clap_mangen::Man) -> io::Result<()> {
    // The version names both tables, a line each: roff would run the lines together.
    let mut version = Vec::new();
    man.render_version_section(&mut version)?;
    let version = String::from_utf8_lossy(&version);
    let (head, lines) = version
        .split_once("\n.SH VERSION\n")
        .unwrap_or(("", &version));
    let lines: Vec<&str> = lines.lines().collect();
    write!(out, "{head}\n.SH VERSION\n{}\n", lines.join("\n.br\n"))?;
    Ok(())
}

/// The man page's EXIT STATUS: each status and when errcode exits with it.
const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Found: every code was found, something matched, or (explain) the input was explained; with --check, every envelope was a success."),
    ("1", "Nothing found: an unknown code, no match, or (explain --check) an error envelope."),
    ("2", "Usage or input error: a bad argument, an unreadable file or table, input with no envelope."),
];

/// The man page's ENVIRONMENT: each variable errcode reads and what it does.
const ENVIRONMENT: &[(&str, &str)] = &[
    ("NO_COLOR", "When set and not empty, --color auto does not colour (clap's help and errors neither)."),
    ("CLICOLOR_FORCE", "When set, not empty and not 0, --color auto colours even in a pipe (NO_COLOR wins)."),
    ("COLUMNS", "The width tables and explain's layouts are fitted to (else the terminal's, else 80; 0 counts as unset). Where a table cannot hold every code whole, rows are written one field a line."),
    ("TERM", "dumb: --color auto does not colour, in errcode's output and in clap's help and errors, and explain --live draws nothing (it is --summary). dumb or unset: no default pager (PAGER is still used)."),
    ("CI", "When set and not empty, explain --live draws nothing and waits for no key: it reads its input to the end and prints the summary, as --summary does."),
    ("PAGER", "The pager explain's human output goes through on a terminal (split into words as a shell does; empty or exactly cat: none). Default: less -FRX, except when TERM is dumb or unset: then none, as less cannot work there."),
    ("LC_ALL, LC_MESSAGES, LANG", "The first one set chooses the language when --lang is not given: zh... for Chinese, anything else English."),
    ("ERRCODE_TABLE", "JSON tables merged over the built-in one, before any --table, separated as PATH is (: on Unix, ; on Windows); a leading ~/ is the home directory."),
];

/// The man page's EXAMPLES: a command line and what it does.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "errcode 41601",
        "What 41601 means (the same as errcode lookup 41601).",
    ),
    ("errcode lookup 416xx", "Every code from 41600 to 41699."),
    ("errcode list --http 456", "The infrastructure failures."),
    (
        "errcode search token",
        "Codes whose description mentions a token.",
    ),
    (
        "curl -si URL | errcode explain",
        "Annotate a response: fields, meaning, HTTP status, hint.",
    ),
    (
        "errcode explain --summary app.log",
        "Count the envelopes in a log per StatusCode.",
    ),
    (
        "errcode export --format sql --dialect duckdb | duckdb fleet.db",
        "Load every code into DuckDB as the table errcode_codes, to join on a log table.",
    ),
    (
        "kubectl logs -f deploy/app | errcode explain --live",
        "Watch the codes of a log as it comes, updated in place (q quits and prints the summary).",
    ),
    (
        "errcode lookup AuthFailure.SignatureExpire",
        "What an API 3.0 code means; 'AuthFailure.*' lists a family.",
    ),
    (
        "errcode list --twins",
        "The legacy codes beside the API 3.0 codes that mean the same.",
    ),
    (
        "errcode list --action AddOrganization",
        "The API 3.0 codes the SDK documents for an action.",
    ),
    (
        "curl -si URL | errcode explain --check >/dev/null || alert",
        "Alert when a response is an error.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_command_is_consistent_and_offers_every_code() {
        let table = Table::builtin();
        let command = completion_command(&table);
        command.clone().debug_assert();
        let codes = code_values(&table);
        let legacy = codes
            .iter()
            .filter(|v| v.get_name().parse::<u32>().is_ok())
            .count();
        assert_eq!(legacy, 73, "74 rows, 51603 twice");
        assert!(codes
            .iter()
            .any(|v| v.get_name() == "AuthFailure.SignatureExpire"));
        assert_eq!(codes.len(), 73 + 200, "204 API 3.0 rows, 4 codes twice");
        assert!(action_values()
            .iter()
            .any(|v| v.get_name() == "AddOrganization"));
        let both = codes.iter().find(|v| v.get_name() == "51603").unwrap();
        assert!(both.get_help().unwrap().to_string().contains(" / "));
        assert_eq!(
            http_values(&table)
                .iter()
                .map(|v| v.get_name().to_string())
                .collect::<Vec<_>>(),
            ["200", "400", "402", "403", "456"]
        );
        // As many as `list --http` shows: both generations.
        let v3 = V3Table::builtin().rows();
        for value in http_values(&table) {
            let status: u16 = value.get_name().parse().unwrap();
            let rows = table
                .rows()
                .iter()
                .chain(v3)
                .filter(|r| r.http_status == Some(status))
                .count();
            let help = value.get_help().unwrap().to_string();
            assert!(help.starts_with(&format!("{rows} row")), "{status}: {help}");
        }
    }

    #[test]
    fn man_page_has_the_extra_sections() {
        let mut out = Vec::new();
        man_page(&mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        for section in [
            "EXIT STATUS",
            "ENVIRONMENT",
            "EXAMPLES",
            "NO_COLOR",
            "CLICOLOR_FORCE",
            "ERRCODE_TABLE",
            "PAGER",
        ] {
            assert!(page.contains(section), "{section} missing");
        }
        // A choice's values are named where the subcommand's options are.
        assert!(page.contains(r#".SS "errcode export""#));
        assert!(page.contains("(values: sqlite, duckdb, clickhouse)"));
    }
}
