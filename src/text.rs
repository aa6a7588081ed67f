//! Text for output, a leaf every module may use: escaping of untrusted text for a terminal and
//! for JSON, shortening, and wrapping to a width.

use std::borrow::Cow;
use std::io;

/// Whether `c` must not reach a terminal as it is: a control character (C0, DEL, C1), or an
/// invisible or direction-changing character that lets text disguise itself (zero-width
/// spaces and joiners, marks and overrides of direction, line and paragraph separators, the
/// word joiner, the byte-order mark, the tag characters).
pub(crate) fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// Text from outside (a response, a log, a user table, an argument) made safe for a terminal:
/// control, invisible and direction-changing characters are written as `\u001b`-style escapes,
/// or `\u{e0041}` above U+FFFF so that no following hex digit reads as part of the escape
/// (`\t`, `\n`, `\r` as such); everything else is kept.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if unsafe_char(c) && c > '\u{ffff}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c if unsafe_char(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`escape`] for text of several lines: the line ends are kept.
pub fn escape_keeping_newlines(text: &str) -> String {
    text.split('\n')
        .map(|line| escape(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// [`escape_keeping_newlines`] for text coloured with SGR sequences (`ESC [ … m`), which are
/// kept; any other escape sequence is escaped.
pub fn escape_keeping_sgr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&escape_keeping_newlines(&rest[..at]));
        let after = &rest[at + 1..];
        let sgr = after.strip_prefix('[').and_then(|p| {
            let end = p.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
            (p.as_bytes()[end] == b'm').then_some(end + 2)
        });
        match sgr {
            Some(len) => {
                out.push_str(&rest[at..at + 1 + len]);
                rest = &after[len..];
            }
            None => {
                out.push_str("\\u001b");
                rest = after;
            }
        }
    }
    out.push_str(&escape_keeping_newlines(rest));
    out
}

/// `text` cut to at most `max` characters, with an ellipsis.
pub fn short(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// `text` cut to at most `columns` display columns, with an ellipsis when cut.
pub fn fit(text: &str, columns: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= columns {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        out.push(c);
        used += w;
    }
    if columns > 0 {
        out.push('…');
    }
    out
}

/// Display columns of `text`.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// Whether JSON output writes `c`, beyond what JSON itself escapes, as `\uXXXX`: DEL, the C1
/// controls, and the invisible and direction-changing characters [`escape`] escapes, among them
/// U+2028 and U+2029, which JavaScript and Python's `splitlines` take for line ends.
pub fn json_escaped(c: char) -> bool {
    c >= '\u{7f}' && unsafe_char(c)
}

/// `c` as JSON `\uXXXX` escapes: a surrogate pair above U+FFFF.
pub fn json_escape(c: char) -> String {
    let mut units = [0u16; 2];
    c.encode_utf16(&mut units)
        .iter()
        .map(|unit| format!("\\u{unit:04x}"))
        .collect()
}

/// serde_json's compact output, with the characters [`json_escaped`] names also escaped: still
/// valid JSON, one line, and nothing in it a terminal acts on or that hides or reorders text.
#[derive(Debug, Clone, Copy, Default)]
pub struct SafeJson;

impl serde_json::ser::Formatter for SafeJson {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(json_escaped) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or('\u{7f}');
            writer.write_all(json_escape(c).as_bytes())?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

/// Writes `value` as compact JSON, escaped as [`SafeJson`] escapes.
pub fn to_json_writer<W: io::Write, T: serde::Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(writer, SafeJson);
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// Writes `value` as indented JSON, escaped as [`SafeJson`] escapes.
pub fn to_json_writer_pretty<W: io::Write, T: serde::Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> io::Result<()> {
    let formatter = Pretty {
        inner: serde_json::ser::PrettyFormatter::new(),
    };
    let mut serializer = serde_json::Serializer::with_formatter(writer, formatter);
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// serde_json's pretty output with [`SafeJson`]'s escaping.
struct Pretty<'a> {
    inner: serde_json::ser::PrettyFormatter<'a>,
}

macro_rules! forward {
    ($($name:ident),*) => {$(
        fn $name<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
            self.inner.$name(writer)
        }
    )*};
}

impl serde_json::ser::Formatter for Pretty<'_> {
    forward!(
        begin_array,
        end_array,
        begin_object,
        end_object,
        end_array_value,
        end_object_value
    );

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.inner.begin_array_value(w, first)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.inner.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.inner.begin_object_value(w)
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        SafeJson.write_string_fragment(w, fragment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_cover_invisible_and_direction_changing_characters() {
        for c in [
            '\u{1b}',
            '\u{7}',
            '\u{7f}',
            '\u{85}',
            '\u{9b}',
            '\u{200b}',
            '\u{200e}',
            '\u{200f}',
            '\u{2028}',
            '\u{2029}',
            '\u{2060}',
            '\u{feff}',
            '\u{202e}',
            '\u{2067}',
            '\u{e0041}',
        ] {
            let text = format!("a{c}b");
            let escaped = escape(&text);
            assert!(!escaped.contains(c), "{c:?} kept");
            let written = match c as u32 {
                n @ 0x10000.. => format!("\\u{{{n:x}}}"),
                n => format!("\\u{n:04x}"),
            };
            assert!(escaped.contains(&written), "{escaped}");
        }
        // Above U+FFFF the escape is closed: U+E0041 and then "1" are not U+E004 and "1".
        assert_eq!(escape("\u{e0041}1"), "\\u{e0041}1");
        assert_eq!(escape("设备离线 ok"), "设备离线 ok");
        assert_eq!(escape("a\tb\n"), "a\\tb\\n");
    }

    #[test]
    fn json_escapes_del_and_c1_and_stays_json() {
        let text = "a\u{7f}b\u{85}c\u{9f}d\u{1b}e设备";
        let mut out = Vec::new();
        to_json_writer(&mut out, &text).unwrap();
        let json = String::from_utf8(out).unwrap();
        assert_eq!(json, r#""a\u007fb\u0085c\u009fd\u001be设备""#);
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
        let mut pretty = Vec::new();
        to_json_writer_pretty(&mut pretty, &[text]).unwrap();
        assert!(String::from_utf8(pretty).unwrap().contains(r"\u0085"));
    }

    #[test]
    fn json_escapes_line_separators_and_hidden_characters() {
        let text = "a\u{2028}b\u{2029}c\u{202e}d\u{2066}e\u{200e}f\u{200b}g\u{2060}h\u{feff}i\u{e0041}j设备…";
        let mut out = Vec::new();
        to_json_writer(&mut out, &text).unwrap();
        let json = String::from_utf8(out).unwrap();
        assert_eq!(
            json,
            r#""a\u2028b\u2029c\u202ed\u2066e\u200ef\u200bg\u2060h\ufeffi\udb40\udc41j设备…""#
        );
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
        assert_eq!(json.lines().count(), 1);
    }

    #[test]
    fn clap_output_keeps_its_colour_and_loses_the_rest() {
        let text = "\u{1b}[1merror:\u{1b}[0m '\u{1b}]52;c;aGk=\u{7}' x\nnext";
        assert_eq!(
            escape_keeping_sgr(text),
            "\u{1b}[1merror:\u{1b}[0m '\\u001b]52;c;aGk=\\u0007' x\nnext"
        );
        assert_eq!(escape_keeping_newlines("a\u{1b}\nb"), "a\\u001b\nb");
    }

    #[test]
    fn short_cuts_at_characters() {
        assert_eq!(short("设备离线", 2), "设备…");
        assert_eq!(short("ok", 2), "ok");
        assert_eq!(fit("设备离线", 5), "设备…");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 3), "abc");
    }
}
