//! What was wrong in the input, in words: the warnings on stderr and the closing line.

use crate::explain::problems::{Problem, Trouble};
use crate::input::{Fault, Skip, MAX_LINE};

/// What a fault is, in words.
pub fn fault_text(fault: Fault) -> String {
    match fault {
        Fault::Unexpected { found, expected } => {
            let found = match found {
                b' '..=b'~' => format!("`{}`", found as char),
                _ => format!("byte 0x{found:02x}"),
            };
            format!("broken JSON: expected {expected}, found {found}")
        }
        Fault::OpenString => "broken JSON: the line ends inside a string".into(),
        Fault::BadEscape => "broken JSON: an escape JSON does not have".into(),
        Fault::BadNumber => "broken JSON: not a JSON number".into(),
        Fault::Truncated => "truncated JSON: it is never closed".into(),
        Fault::TooLong => format!("JSON document longer than the {} MiB limit", MAX_LINE >> 20),
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (file, line) = (&self.file, self.line);
        match &self.what {
            Trouble::Skipped(Skip::TooLong) => write!(
                f,
                "{file}: line {line}: longer than the {} MiB limit",
                MAX_LINE >> 20
            ),
            Trouble::Skipped(reason) => write!(f, "{file}: line {line}: {}", skip_text(*reason)),
            Trouble::Broken(fault, at, column) if *at == line => write!(
                f,
                "{file}: line {line} column {column}: {}",
                fault_text(*fault)
            ),
            Trouble::Broken(fault, at, column) => write!(
                f,
                "{file}: line {line}: {} (line {at} column {column})",
                fault_text(*fault)
            ),
            Trouble::NoBody(status) => write!(f, "{file}: line {line}: HTTP {status} with no body"),
        }
    }
}

impl Problem {
    /// The problem as a warning: what it cost.
    pub fn warning(&self) -> String {
        match &self.what {
            Trouble::Broken(_, at, _) if *at != self.line => format!(
                "{self}; line {} skipped, the lines after it read again",
                self.line
            ),
            Trouble::NoBody(_) => self.to_string(),
            _ => format!("{self}; skipped"),
        }
    }
}

/// A reason to pass a line over, in words.
pub fn skip_text(reason: Skip) -> &'static str {
    match reason {
        Skip::NoJson => "no JSON object",
        Skip::NotEnvelope => "JSON without an envelope",
        Skip::Binary => "binary data, not text",
        Skip::TooLong => "longer than the 16 MiB limit",
    }
}
