//! One explained envelope as a line of JSON: the envelope as read and its annotation.

use std::io::{self, Write};

use serde::Serialize;

use crate::explain::{Finding, Note, Verdict};
use crate::input::{Api, Envelope, Origin};
use crate::lang::Lang;
use crate::output::hint;
use crate::table::{Retry, Row};

#[derive(Serialize)]
struct JsonMeaning<'a> {
    message: &'a str,
    message_en: Option<&'a str>,
    category: Option<&'a str>,
    retry: Option<Retry>,
    hint: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonHttp<'a> {
    status_line: &'a str,
    status: u16,
    request_id_header: Option<&'a str>,
}

/// The `meanings` array of the annotation for `rows`, as JSON. The same for every envelope of
/// a code, so callers keep it.
pub fn meanings_json(rows: &[Row], lang: Lang) -> String {
    meanings_json_with(rows, lang, None)
}

/// [`meanings_json`], with `hint` instead of the rows' own (an error under a code that says
/// success: its hint is what the contradiction means).
pub fn meanings_json_with(rows: &[Row], lang: Lang, hint_instead: Option<&str>) -> String {
    let meanings: Vec<JsonMeaning> = rows
        .iter()
        .map(|r| JsonMeaning {
            message: &r.message,
            message_en: r.message_en.as_deref(),
            category: r.category.as_deref(),
            retry: r.retry,
            hint: hint_instead.or_else(|| hint(r, lang)),
        })
        .collect();
    let mut json = Vec::new();
    match crate::text::to_json_writer(&mut json, &meanings) {
        Ok(()) => String::from_utf8(json).unwrap_or_else(|_| "[]".to_string()),
        Err(_) => "[]".to_string(),
    }
}

fn json_number(out: &mut impl Write, n: Option<impl itoa::Integer>) -> io::Result<()> {
    match n {
        Some(n) => out.write_all(itoa::Buffer::new().format(n).as_bytes()),
        None => out.write_all(b"null"),
    }
}

/// What each line of JSON for the file `file` (a JSON string) starts with, up to its line
/// number: the `start` that [`write_json`] and [`AnnotationTemplate::write`] take.
pub fn json_line_start(file: &str) -> String {
    format!("{{\"file\":{file},\"line\":")
}

/// One envelope as a line of JSON: where it was, the envelope as read, and the annotation
/// (`meanings` is [`meanings_json`] of the finding's rows). Written by hand around the parts
/// that are already JSON (the envelope, `meanings`), which is most of the line.
pub fn write_json(
    out: &mut impl Write,
    start: &str,
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    f: &Finding<'_>,
    meanings: &str,
    lang: Lang,
) -> io::Result<()> {
    // Known to be UTF-8 unless the finding says otherwise: not checked again.
    let utf8 = !f.notes.contains(&Note::LossyUtf8);
    let copied = write_json_head(out, start, env, origin, utf8)?;
    write_annotation_start(out, env, f)?;
    write_request_id(out, env, utf8, copied)?;
    write_annotation_end(out, origin, f, meanings, lang)
}

/// The annotation of an envelope around its `request_id`, which is all that differs between
/// envelopes of the same code, `Code` and no notes: written once, then copied.
#[derive(Debug, Clone)]
pub struct AnnotationTemplate {
    start: Vec<u8>,
    end: Vec<u8>,
}

impl AnnotationTemplate {
    /// The template of this finding's annotation.
    pub fn new(
        env: &Envelope<'_>,
        origin: &Origin<'_>,
        f: &Finding<'_>,
        meanings: &str,
    ) -> AnnotationTemplate {
        let (mut start, mut end) = (Vec::new(), Vec::new());
        // Writing to a Vec cannot fail.
        write_annotation_start(&mut start, env, f).ok();
        // A template is made for envelopes with no notes: their language does not matter.
        write_annotation_end(&mut end, origin, f, meanings, Lang::En).ok();
        AnnotationTemplate { start, end }
    }

    /// Writes what differs between the lines of a template: the envelope and its request_id,
    /// as [`AnnotationTemplate::write`] writes them; returns how much of it is the envelope.
    /// The rest of the line is [`AnnotationTemplate::write_around`]'s, on another thread.
    pub fn write_envelope_and_id(out: &mut Vec<u8>, env: &Envelope<'_>) -> io::Result<usize> {
        let at = out.len();
        let copied = match env.text_form {
            true => write_text_as_json(out, env.raw).map(|()| false)?,
            false => write_raw_json(out, env.raw, true)?,
        };
        let envelope = out.len() - at;
        write_request_id(out, env, true, copied)?;
        Ok(envelope)
    }

    /// The line [`AnnotationTemplate::write`] writes, around `parts`, which
    /// [`AnnotationTemplate::write_envelope_and_id`] wrote (`envelope` bytes of envelope, then
    /// the request_id), for the line numbered `line` of the file that `start` names.
    pub fn write_around(
        &self,
        out: &mut Vec<u8>,
        start: &str,
        line: u64,
        parts: &[u8],
        envelope: usize,
    ) -> io::Result<()> {
        let (envelope, request_id) = parts.split_at(envelope.min(parts.len()));
        write_line_start(out, start, line)?;
        out.extend_from_slice(envelope);
        out.extend_from_slice(&self.start);
        out.extend_from_slice(request_id);
        out.extend_from_slice(&self.end);
        Ok(())
    }

    /// The same line [`write_json`] writes, for a finding this template was made for.
    pub fn write(
        &self,
        out: &mut impl Write,
        start: &str,
        env: &Envelope<'_>,
        origin: &Origin<'_>,
    ) -> io::Result<()> {
        // A template is made for envelopes with no note, so none is not UTF-8.
        let copied = write_json_head(out, start, env, origin, true)?;
        out.write_all(&self.start)?;
        write_request_id(out, env, true, copied)?;
        out.write_all(&self.end)
    }
}

/// Writes the line up to the annotation; whether the envelope needed no care and was copied
/// as read.
fn write_json_head(
    out: &mut impl Write,
    start: &str,
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    utf8: bool,
) -> io::Result<bool> {
    write_line_start(out, start, origin.line)?;
    if env.text_form {
        // An SDK's error string: no JSON to echo, so the text as read, as a JSON string.
        return write_text_as_json(out, env.raw).map(|()| false);
    }
    write_raw_json(out, env.raw, utf8)
}

/// `start`, the line number and the key of the envelope.
fn write_line_start(out: &mut impl Write, start: &str, line: u64) -> io::Result<()> {
    out.write_all(start.as_bytes())?;
    // The line number and the key after it, in one write.
    const KEY: &[u8] = b",\"envelope\":";
    let mut number = itoa::Buffer::new();
    let number = number.format(line).as_bytes();
    let mut middle = [0u8; 20 + KEY.len()];
    middle[..number.len()].copy_from_slice(number);
    middle[number.len()..number.len() + KEY.len()].copy_from_slice(KEY);
    out.write_all(&middle[..number.len() + KEY.len()])
}

/// JSON as read, on one line and safe for a terminal and for line splitting: line breaks
/// between tokens become spaces; inside strings, control characters, DEL, C1 controls and the
/// characters [`crate::text::json_escaped`] names become `\uXXXX` escapes, and an escaped lone
/// surrogate (`\ud800`), which JSON readers such as jq refuse, becomes `\ufffd`; bytes that
/// are not UTF-8 become U+FFFD. The usual envelope needs none of it and is copied.
/// Returns whether `raw` needed no care and was copied as it is.
fn write_raw_json(out: &mut impl Write, raw: &[u8], utf8: bool) -> io::Result<bool> {
    if !needs_care(raw, utf8) {
        return out.write_all(raw).map(|()| true);
    }
    write_carefully(out, raw).map(|()| false)
}

/// [`write_raw_json`] the slow way, character by character: what it writes for any `raw`.
fn write_carefully(out: &mut impl Write, raw: &[u8]) -> io::Result<()> {
    // Written as it is read, in small pieces: an envelope can be megabytes.
    let mut piece = String::with_capacity(4096);
    let (mut in_string, mut escaped) = (false, false);
    for chunk in raw.utf8_chunks() {
        let mut chars = chunk.valid().chars();
        while let Some(c) = chars.next() {
            match c {
                '\n' | '\r' | '\t' if !in_string => piece.push(' '),
                c if in_string && (c.is_control() || crate::text::json_escaped(c)) => {
                    escaped = false;
                    piece.push_str(&crate::text::json_escape(c));
                }
                'u' if escaped => {
                    escaped = false;
                    let rest = chars.as_str();
                    let kept = unicode_escape(rest);
                    match kept {
                        Some(len) => {
                            piece.push('u');
                            piece.push_str(&rest[..len]);
                        }
                        None => piece.push_str("ufffd"),
                    }
                    chars = rest[kept.unwrap_or(4)..].chars();
                }
                c => {
                    if in_string {
                        if escaped {
                            escaped = false;
                        } else if c == '\\' {
                            escaped = true;
                        } else if c == '"' {
                            in_string = false;
                        }
                    } else if c == '"' {
                        in_string = true;
                    }
                    piece.push(c);
                }
            }
            if piece.len() >= 4000 {
                out.write_all(piece.as_bytes())?;
                piece.clear();
            }
        }
        if !chunk.invalid().is_empty() {
            escaped = false;
            piece.push('\u{fffd}');
            if piece.len() >= 4000 {
                out.write_all(piece.as_bytes())?;
                piece.clear();
            }
        }
    }
    out.write_all(piece.as_bytes())
}

/// For the text after `\u`: how much of it to keep as it is (`Some(0)` when it is not four hex
/// digits, 4 for a code unit, 10 for a surrogate pair), or `None` for a lone surrogate, whose
/// four digits are then replaced.
fn unicode_escape(rest: &str) -> Option<usize> {
    let unit = |at: usize| {
        let hex = rest.get(at..at + 4)?;
        hex.bytes()
            .all(|b| b.is_ascii_hexdigit())
            .then(|| u16::from_str_radix(hex, 16).ok())?
    };
    match unit(0) {
        None => Some(0),
        Some(0xd800..=0xdbff) if rest.get(4..6) == Some("\\u") => unit(6)
            .filter(|u| (0xdc00..=0xdfff).contains(u))
            .map(|_| 10),
        Some(0xd800..=0xdfff) => None,
        Some(_) => Some(4),
    }
}

/// Whether `raw` holds a control byte, DEL, a C1 control's lead byte (0xC2 also leads other
/// characters: those are checked the slow way), an invisible or direction-changing character,
/// a `\u` escape of a surrogate, or bytes that may not be UTF-8. Eight bytes at a time and
/// without a branch per word: this runs on every envelope of `--format json`, which is most
/// often plain ASCII; the rarer checks run only where a word had their bytes.
fn needs_care(raw: &[u8], utf8: bool) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte that is zero (and perhaps of a 0x01 byte above one: such a
    // false alarm only sends the envelope the slow way).
    let zero = |x: u64| x.wrapping_sub(ONES) & !x;
    let word = |bytes: &[u8]| u64::from_le_bytes(bytes.try_into().unwrap_or([0; 8]));
    let mut words = raw.chunks_exact(8);
    let (mut control, mut backslash, mut high) = (0u64, 0u64, 0u64);
    for bytes in &mut words {
        let w = word(bytes);
        control |= (w.wrapping_sub(ONES * 0x20) & !w) | zero(w ^ (ONES * 0x7f));
        backslash |= zero(w ^ (ONES * b'\\' as u64));
        high |= w;
    }
    let tail = words.remainder();
    if control & HIGH != 0 || tail.iter().any(|&b| b < 0x20 || b == 0x7f) {
        return true;
    }
    let ascii = high & HIGH == 0 && tail.is_ascii();
    if !ascii {
        // 0xE2, 0xEF and 0xF3 lead the characters `json_escaped` names above U+00FF.
        let mut lead = 0u64;
        for bytes in raw.chunks_exact(8) {
            let w = word(bytes);
            if w & HIGH != 0 {
                if zero(w ^ (ONES * 0xc2)) & HIGH != 0 {
                    return true;
                }
                lead |= zero(w ^ (ONES * 0xe2)) | zero(w ^ (ONES * 0xef)) | zero(w ^ (ONES * 0xf3));
            }
        }
        if tail.contains(&0xc2) {
            return true;
        }
        if (lead & HIGH != 0 || !tail.is_ascii()) && hidden_character(raw) {
            return true;
        }
    }
    if (backslash & HIGH != 0 || tail.contains(&b'\\')) && surrogate_escape(raw) {
        return true;
    }
    !utf8 && !ascii && std::str::from_utf8(raw).is_err()
}

/// Whether `raw` may hold a character of U+2000–U+207F, U+FEFF or a tag character: the blocks
/// of the invisible and direction-changing characters (`…`, `“` and `”` are there too, and are
/// then checked the slow way; `，` and CJK text are not).
fn hidden_character(raw: &[u8]) -> bool {
    memchr::memchr3_iter(0xe2, 0xef, 0xf3, raw).any(|at| {
        matches!(
            (raw[at], raw.get(at + 1)),
            (0xe2, Some(0x80 | 0x81)) | (0xef, Some(0xbb)) | (0xf3, Some(0xa0))
        )
    })
}

/// Whether `raw` may hold a `\u` escape of a surrogate (`\ud800`–`\udfff`).
fn surrogate_escape(raw: &[u8]) -> bool {
    memchr::memchr_iter(b'\\', raw).any(|at| {
        raw.get(at + 1) == Some(&b'u')
            && matches!(raw.get(at + 2), Some(b'd' | b'D'))
            && matches!(
                raw.get(at + 3),
                Some(b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F')
            )
    })
}

/// `raw` as one JSON string, escaped piece by piece (it can be megabytes).
fn write_text_as_json(out: &mut impl Write, raw: &[u8]) -> io::Result<()> {
    out.write_all(b"\"")?;
    for chunk in raw.utf8_chunks() {
        let mut rest = chunk.valid();
        while !rest.is_empty() {
            let mut cut = rest.len().min(4096);
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let mut piece = Vec::with_capacity(cut + 16);
            crate::text::to_json_writer(&mut piece, &rest[..cut])?;
            out.write_all(&piece[1..piece.len() - 1])?;
            rest = &rest[cut..];
        }
        if !chunk.invalid().is_empty() {
            out.write_all("\u{fffd}".as_bytes())?;
        }
    }
    out.write_all(b"\"")
}

/// `raw_copied`: the envelope needed no care, so neither does a value read from inside it.
fn write_request_id(
    out: &mut impl Write,
    env: &Envelope<'_>,
    utf8: bool,
    raw_copied: bool,
) -> io::Result<()> {
    // The value as written is JSON already (a string, or whatever else was sent).
    match env.request_id {
        Some(v) if env.text_form => write_text_as_json(out, v.0),
        Some(v) if raw_copied && within(v.0, env.raw) => out.write_all(v.0),
        Some(v) => write_raw_json(out, v.0, utf8).map(|_| ()),
        None => out.write_all(b"null"),
    }
}

/// Whether `part` lies within `whole` (is a slice of it, not just equal to a part of it).
fn within(part: &[u8], whole: &[u8]) -> bool {
    let (part, whole) = (part.as_ptr_range(), whole.as_ptr_range());
    whole.start <= part.start && part.end <= whole.end
}

fn write_annotation_start(
    out: &mut impl Write,
    env: &Envelope<'_>,
    f: &Finding<'_>,
) -> io::Result<()> {
    let verdict = match f.verdict {
        Verdict::Success => "success",
        Verdict::Error => "error",
    };
    out.write_all(b",\"annotation\":{\"api\":\"")?;
    out.write_all(match env.api {
        Api::Legacy => b"legacy",
        Api::V3 => b"v3",
        Api::Http => b"http",
    })?;
    out.write_all(b"\",\"verdict\":\"")?;
    out.write_all(verdict.as_bytes())?;
    out.write_all(b"\",\"status_code\":")?;
    match (env.api, env.status_code) {
        (Api::V3, Some(code)) => crate::text::to_json_writer(&mut *out, &code.text())?,
        _ => json_number(out, f.status_code)?,
    }
    out.write_all(b",\"code\":")?;
    json_number(out, f.code)?;
    out.write_all(b",\"request_id\":")
}

fn write_annotation_end(
    out: &mut impl Write,
    origin: &Origin<'_>,
    f: &Finding<'_>,
    meanings: &str,
    lang: Lang,
) -> io::Result<()> {
    out.write_all(b",\"meanings\":")?;
    out.write_all(meanings.as_bytes())?;
    // The codes of the other API generation related to this one without meaning the same.
    out.write_all(b",\"see_also\":")?;
    let mut see_also: Vec<String> = Vec::new();
    for row in f.rows {
        for code in crate::table::crosswalk::see_also_of(row) {
            if !see_also.contains(&code) {
                see_also.push(code);
            }
        }
    }
    crate::text::to_json_writer(&mut *out, &see_also)?;
    out.write_all(b",\"expected_http_status\":")?;
    json_number(out, f.expected_http)?;
    out.write_all(b",\"observed_http_status\":")?;
    json_number(out, f.observed_http)?;
    out.write_all(b",\"http\":")?;
    match origin.http {
        Some(h) => {
            let http = JsonHttp {
                status_line: &h.status_line,
                status: h.status,
                request_id_header: h.request_id.as_ref().map(|(_, v)| v.as_str()),
            };
            crate::text::to_json_writer(&mut *out, &http)?;
        }
        None => out.write_all(b"null")?,
    }
    out.write_all(b",\"notes\":")?;
    if f.notes.is_empty() {
        out.write_all(b"[]")?;
    } else {
        crate::text::to_json_writer(&mut *out, &crate::output::notes::json_notes(&f.notes, lang))?;
    }
    out.write_all(b"}}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Bytes where the checks of [`needs_care`] look: controls, DEL, C1 controls, invisible
    /// and direction characters and their neighbours, escapes of surrogates, bad UTF-8.
    fn hostile() -> impl Strategy<Value = Vec<u8>> {
        // Pieces that need no care around a few that do, so that one that does is often
        // alone, inside a string or not.
        let clean = prop_oneof![
            4 => Just(b"a".to_vec()),
            2 => Just(b"\"".to_vec()),
            1 => Just(b"\\\\".to_vec()),
            1 => Just(b"\\u0041".to_vec()),
            1 => Just("\u{a9}".as_bytes().to_vec()),
            1 => Just("\u{2026}".as_bytes().to_vec()),
            1 => Just("\u{ff0c}".as_bytes().to_vec()),
            1 => Just("请求成功".as_bytes().to_vec()),
            1 => Just(b"{\"RequestId\":\"".to_vec()),
        ];
        let care = prop_oneof![
            Just(b"\\".to_vec()),
            Just(b"\\u".to_vec()),
            Just(b"\\ud800".to_vec()),
            Just(b"\\uDBFF\\udc00".to_vec()),
            Just(b"\\uDBFF\\u0041".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"\t".to_vec()),
            Just(vec![0x1b]),
            Just(vec![0x7f]),
            Just(vec![0x00]),
            Just("\u{85}".as_bytes().to_vec()),
            Just("\u{202e}".as_bytes().to_vec()),
            Just("\u{200b}".as_bytes().to_vec()),
            Just("\u{feff}".as_bytes().to_vec()),
            Just("\u{e0041}".as_bytes().to_vec()),
            Just(vec![0xff]),
            Just(vec![0xe2, 0x80]),
            Just(vec![0xc2]),
            Just(vec![0x80]),
        ];
        (
            prop::collection::vec(clean.clone(), 0..16),
            prop::collection::vec(care, 0..3),
            prop::collection::vec(clean, 0..16),
        )
            .prop_map(|(before, care, after)| [before, care, after].concat().concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// The quick look decides only whether to copy: what is written is always what the
        /// careful way writes.
        #[test]
        fn a_copy_is_what_the_careful_way_writes(raw in hostile()) {
            let utf8 = std::str::from_utf8(&raw).is_ok();
            let (mut quick, mut careful) = (Vec::new(), Vec::new());
            write_raw_json(&mut quick, &raw, utf8).unwrap();
            write_carefully(&mut careful, &raw).unwrap();
            prop_assert_eq!(quick, careful);
        }
    }

    #[test]
    fn within_is_about_place_not_content() {
        let whole = b"abcabc";
        assert!(within(&whole[1..3], whole));
        assert!(within(&whole[..], whole));
        assert!(!within(b"abc", whole));
        assert!(!within(&whole[3..], &whole[..4]));
    }
}
