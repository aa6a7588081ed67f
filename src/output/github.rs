//! GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`), escaped as the
//! runner reads them, so that no text from the input can end a command or start another.

use std::io::{self, Write};

use crate::text::escape;

/// A message: `%`, CR and LF as the runner unescapes them. Control characters were already
/// written as `\u001b`-style escapes, so none reaches the log raw.
pub fn escape_data(text: &str) -> String {
    escape(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property's value: as a message, and `:` and `,`, which end a property.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command: `::KIND name=value,…::message`, properties escaped.
pub fn command(
    out: &mut impl Write,
    kind: &str,
    properties: &[(&str, String)],
    message: &str,
) -> io::Result<()> {
    let properties: Vec<String> = properties
        .iter()
        .map(|(name, value)| format!("{name}={}", escape_property(value)))
        .collect();
    let space = if properties.is_empty() { "" } else { " " };
    writeln!(
        out,
        "::{kind}{space}{}::{}",
        properties.join(","),
        escape_data(message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_from_the_input_ends_a_command() {
        let mut out = Vec::new();
        command(
            &mut out,
            "error",
            &[("file", "a,b:c%.log".into()), ("title", "errcode 1".into())],
            "100% bad\r\n::warning::x\u{1b}[2J",
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=a%2Cb%3Ac%25.log,title=errcode 1::100%25 bad\\r\\n::warning::x\\u001b[2J\n"
        );
        assert_eq!(escape_data("a\nb%"), "a\\nb%25");
    }
}
