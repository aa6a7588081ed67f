//! The command line parsed, once: help and version written, a usage error told in the language
//! and colours asked for, escaped, with the documented exit status.

use crate::cli::Cli;

/// Parses the process's arguments. Help and version are written here; a usage error is told
/// here, escaped (an argument is untrusted text) and coloured as `--color`, `NO_COLOR` and
/// `TERM=dumb` ask. `Err` holds the exit status for those.
pub fn parse() -> Result<Cli, std::process::ExitCode> {
    use clap::error::ErrorKind;
    use std::io::{IsTerminal, Write};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let color = crate::settings::early_color(&args);
    // Errors are told in the language and colours asked for, clap's and errcode's alike:
    // decided here, once, before anything can fail.
    crate::lang::Lang::set_current(crate::settings::early_lang(&args));
    crate::error::set_color(match color {
        clap::ColorChoice::Always => true,
        clap::ColorChoice::Never => false,
        clap::ColorChoice::Auto => crate::settings::use_color(
            crate::settings::ColorChoice::Auto,
            std::io::stderr().is_terminal(),
            |name| std::env::var(name).ok(),
        ),
    });
    let command = crate::cli::command(crate::lang::Lang::current()).color(color);
    let error = match command.try_get_matches_from(&args) {
        Ok(matches) => match <Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
            Ok(cli) => return Ok(cli),
            Err(e) => e,
        },
        Err(e) => e,
    };
    let styled = error.render();
    let colored = color == clap::ColorChoice::Always
        || (color == clap::ColorChoice::Auto && std::io::stderr().is_terminal());
    // A usage error reads as errcode's own errors do; help and version are clap's.
    let text = match crate::output::clap_error::render(&error, crate::lang::Lang::current()) {
        Some(text) => text,
        None if colored => crate::text::escape_keeping_sgr(&styled.ansi().to_string()),
        None => crate::text::escape_keeping_newlines(&styled.to_string()),
    };
    let (to_stdout, status) = match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => (true, 0),
        _ => (false, 2),
    };
    if to_stdout && crate::error::stdout_is_closed() {
        let closed = crate::error::stdout_closed().to_string();
        crate::error::say_error(&closed);
        return Err(std::process::ExitCode::from(2));
    }
    let written = match to_stdout {
        true => std::io::stdout()
            .write_all(text.as_bytes())
            .and_then(|()| std::io::stdout().flush()),
        false => std::io::stderr().write_all(text.as_bytes()),
    };
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            crate::error::say(format_args!("errcode: cannot write the output: {e}"));
            Err(std::process::ExitCode::from(2))
        }
        _ => Err(std::process::ExitCode::from(status)),
    }
}

/// The subcommand a mistyped first word was meant to be: within two edits of a name, when the
/// word is no code or pattern (`errcode lokup 41601`).
pub fn meant_subcommand(word: &str) -> Option<String> {
    if crate::table::query::Query::parse(word).is_ok() || word.chars().count() < 3 {
        return None;
    }
    let command = <Cli as clap::CommandFactory>::command();
    let lowered = word.to_lowercase();
    command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| name != "help")
        .map(|name| (crate::table::edit_distance(&lowered, &name), name))
        .filter(|(d, _)| (1..=2).contains(d))
        .min()
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistyped_subcommand_is_named() {
        assert_eq!(meant_subcommand("lokup").as_deref(), Some("lookup"));
        assert_eq!(meant_subcommand("explian").as_deref(), Some("explain"));
        assert_eq!(meant_subcommand("serch").as_deref(), Some("search"));
        assert_eq!(meant_subcommand("416xx"), None);
        assert_eq!(meant_subcommand("41601"), None);
        assert_eq!(meant_subcommand("banana"), None);
    }
}
