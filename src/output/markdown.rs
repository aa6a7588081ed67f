//! Markdown tables, to paste into an incident document: cells on one line, inert whatever the
//! input (HTML characters as entities, Markdown punctuation escaped), control characters
//! written as escapes.

use std::io::{self, Write};

use crate::text::escape;

/// A cell: one line of text that makes no markup: `<` `>` `&` as HTML entities (no tag, no
/// comment), the punctuation that can start Markdown backslash-escaped (no link, image,
/// emphasis, code, heading or strike-through), `|` escaped so that it cannot end the cell.
pub fn cell(text: &str) -> String {
    let text = escape(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' | '!' | '|' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A table: the header, the alignment row (`right`: which columns are numbers), the rows.
/// Cells are escaped here.
pub fn table(
    out: &mut impl Write,
    header: &[&str],
    right: &[bool],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> io::Result<()> {
    let line = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    writeln!(out, "{}", line(header.iter().map(|h| cell(h)).collect()))?;
    let align = (0..header.len())
        .map(|i| match right.get(i) {
            Some(true) => "---:".to_string(),
            _ => "---".to_string(),
        })
        .collect();
    writeln!(out, "{}", line(align))?;
    for row in rows {
        writeln!(out, "{}", line(row.iter().map(|c| cell(c)).collect()))?;
    }
    Ok(())
}

/// Lines of our own text (totals, shares) as a list under a table.
pub fn list(out: &mut impl Write, text: &[u8]) -> io::Result<()> {
    let text = String::from_utf8_lossy(text);
    if text.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    for line in text.lines() {
        writeln!(out, "- {line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_cannot_end_itself_or_its_row() {
        assert_eq!(cell("a|b\\|c"), "a\\|b\\\\\\|c");
        // Escapes stay as text: their backslash is doubled.
        assert_eq!(cell("x\ny\u{1b}"), "x\\\\ny\\\\u001b");
        let mut out = Vec::new();
        table(
            &mut out,
            &["Code", "Count"],
            &[false, true],
            [vec!["a|b".into(), "3".into()]],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "| Code | Count |\n| --- | ---: |\n| a\\|b | 3 |\n"
        );
    }

    #[test]
    fn a_cell_makes_no_markup() {
        assert_eq!(cell("<!-- "), "&lt;\\!-- ");
        assert_eq!(
            cell("<img src=https://evil.example/p.png>"),
            "&lt;img src=https://evil.example/p.png&gt;"
        );
        assert_eq!(
            cell("[click](https://evil.example) **bold** # h"),
            "\\[click\\](https://evil.example) \\*\\*bold\\*\\* \\# h"
        );
        assert_eq!(
            cell("`x` _y_ ~~z~~ ![i](u) a&amp;b"),
            "\\`x\\` \\_y\\_ \\~\\~z\\~\\~ \\!\\[i\\](u) a&amp;amp;b"
        );
    }
}
