//! The pager human output goes through on a terminal, as git and bat do: `PAGER` (split as a
//! shell splits words; empty or exactly `cat` means none), else `less -FRX` — but no default
//! pager when `TERM` is `dumb` or unset, where less cannot draw and waits for a key.

use std::io::{self, BufWriter, Write};
use std::process::{Child, ChildStdin, Command, Stdio};

use crate::settings::Paging;

/// `text` split into words as a shell splits them (quotes, backslashes), with shell-words, as
/// bat splits its pager. `None` when a quote is not closed.
pub fn split_words(text: &str) -> Option<Vec<String>> {
    shell_words::split(text).ok()
}

/// The pager's command line for `paging`, from `PAGER` and `TERM` as `get` reads them; `None`
/// for no pager (`--paging never`, `PAGER` empty, exactly `cat` or not split, or no `PAGER`
/// and a `TERM` that is `dumb` or unset).
pub fn command(paging: Paging, get: impl Fn(&str) -> Option<String>) -> Option<Vec<String>> {
    let dumb = get("TERM").is_none_or(|term| term.is_empty() || term == "dumb");
    let words = match (paging, get("PAGER")) {
        (Paging::Never, _) => return None,
        (_, Some(pager)) => split_words(&pager)?,
        // An explicit PAGER is the user's choice; less on a dumb terminal blocks.
        (_, None) if dumb => return None,
        // less: -R lets colour through, -X leaves the output on the screen; -F quits at
        // once when the output fits on one screen, which is what auto means.
        (Paging::Auto, None) => vec!["less".into(), "-FRX".into()],
        (Paging::Always, None) => vec!["less".into(), "-RX".into()],
    };
    match words.as_slice() {
        [] => None,
        [only] if only == "cat" => None,
        _ => Some(words),
    }
}

/// A pager that was started: what is written to `input` is what it shows.
pub struct Paged {
    /// The pager's input.
    pub input: BufWriter<ChildStdin>,
    child: Child,
}

impl Paged {
    /// A second handle on the pager's input, for the diagnostics that would go to a terminal's
    /// stderr (as git does): written between pieces of output, they keep their place instead of
    /// scrolling by under the pager. `None` where the handle cannot be shared.
    pub fn diagnostics(&self) -> Option<std::fs::File> {
        #[cfg(unix)]
        return std::os::fd::AsFd::as_fd(self.input.get_ref())
            .try_clone_to_owned()
            .ok()
            .map(std::fs::File::from);
        #[cfg(windows)]
        return std::os::windows::io::AsHandle::as_handle(self.input.get_ref())
            .try_clone_to_owned()
            .ok()
            .map(std::fs::File::from);
        #[allow(unreachable_code)]
        None
    }

    /// Closes the pager's input and waits for the reader to quit. A reader that quit before
    /// the end (a broken pipe) is no error.
    pub fn finish(self) -> io::Result<()> {
        let Paged {
            mut input,
            mut child,
        } = self;
        let flushed = input.flush();
        drop(input);
        child.wait().ok();
        match flushed {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

/// Starts the pager, reading from a pipe; `None` when it cannot start (the output is then
/// written directly). A `less` given no `LESS` of the user's gets `LESS=FRX` (`RX` with
/// `--paging always`), as git gives it.
pub fn start(words: &[String], paging: Paging) -> Option<Paged> {
    let (program, args) = words.split_first()?;
    let mut command = Command::new(program);
    command.args(args).stdin(Stdio::piped());
    let is_less = std::path::Path::new(program)
        .file_name()
        .is_some_and(|n| n == "less");
    if is_less && std::env::var_os("LESS").is_none() {
        command.env(
            "LESS",
            match paging {
                Paging::Always => "RX",
                _ => "FRX",
            },
        );
    }
    let mut child = command.spawn().ok()?;
    match child.stdin.take() {
        Some(stdin) => Some(Paged {
            input: BufWriter::new(stdin),
            child,
        }),
        None => {
            child.kill().ok();
            child.wait().ok();
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_is_split_as_a_shell_splits_words() {
        let split = |s: &str| split_words(s);
        assert_eq!(split("less -FRX").unwrap(), ["less", "-FRX"]);
        assert_eq!(
            split(r#"'/opt/my pager/bin' -a "b c" d\ e"#).unwrap(),
            ["/opt/my pager/bin", "-a", "b c", "d e"]
        );
        assert_eq!(split("  ").unwrap(), Vec::<String>::new());
        assert_eq!(split("less 'open"), None);
    }

    #[test]
    fn empty_or_cat_means_no_pager_and_never_means_never() {
        let env = |v: Option<&'static str>| {
            move |name: &str| match name {
                "TERM" => Some("xterm-256color".to_string()),
                _ => v.map(String::from),
            }
        };
        assert_eq!(command(Paging::Auto, env(Some(""))), None);
        assert_eq!(command(Paging::Always, env(Some("cat"))), None);
        assert_eq!(command(Paging::Never, env(None)), None);
        assert_eq!(command(Paging::Auto, env(None)).unwrap(), ["less", "-FRX"]);
        assert_eq!(command(Paging::Always, env(None)).unwrap(), ["less", "-RX"]);
        assert_eq!(
            command(Paging::Auto, env(Some("most -s"))).unwrap(),
            ["most", "-s"]
        );
        // Only a PAGER that is exactly cat means none: cat with options is a pager.
        assert_eq!(
            command(Paging::Auto, env(Some("cat -A"))).unwrap(),
            ["cat", "-A"]
        );
        assert_eq!(command(Paging::Auto, env(Some(" cat "))), None);
    }

    #[test]
    fn a_dumb_or_unknown_terminal_gets_no_default_pager_but_keeps_the_users() {
        let env = |term: Option<&'static str>, pager: Option<&'static str>| {
            move |name: &str| match name {
                "TERM" => term.map(String::from),
                "PAGER" => pager.map(String::from),
                _ => None,
            }
        };
        for paging in [Paging::Auto, Paging::Always] {
            assert_eq!(command(paging, env(Some("dumb"), None)), None);
            assert_eq!(command(paging, env(None, None)), None);
            assert_eq!(command(paging, env(Some(""), None)), None);
            assert_eq!(
                command(paging, env(Some("dumb"), Some("more"))).unwrap(),
                ["more"]
            );
        }
        assert!(command(Paging::Auto, env(Some("xterm"), None)).is_some());
    }
}
