//! Lines a container runtime split, joined back before they are read:
//! - CRI (containerd, CRI-O, the files under `/var/log/pods`): `<time> <stream> P <text>` is a
//!   part of a line that goes on in the next line of the same stream, up to its `F` line;
//! - Docker's json-file driver: a line longer than 16 KiB is written as several records, and a
//!   record whose `log` does not end in `\n` goes on in the next record of the same stream.
//!
//! The joined line is read where its last part is, with the prefix (CRI) or the fields (Docker)
//! of that part, so its time is the runtime's time of the whole line.

use crate::input::MAX_LINE;

/// What a line is to the joining.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// Not a part: read as it is.
    Whole,
    /// A part that goes on: kept, not read yet.
    Kept,
    /// The last part of a line whose earlier parts were kept: read this text instead, from the
    /// line where its first part was.
    Joined(Vec<u8>, u64),
    /// The parts kept for a line passed the limit: they are dropped, from this line on.
    TooLong(u64),
}

/// The parts kept so far, per stream.
#[derive(Debug, Default)]
pub(crate) struct Splits {
    /// stdout's and stderr's: the text so far and the line of the first part.
    kept: [Option<(Vec<u8>, u64)>; 2],
}

impl Splits {
    /// Whether nothing is kept.
    pub(crate) fn is_empty(&self) -> bool {
        self.kept.iter().all(Option::is_none)
    }

    /// What `line` (numbered `number`) is to the joining.
    pub(crate) fn part(&mut self, line: &[u8], number: u64) -> Part {
        let (stream, text, last, join) = match cri(line).or_else(|| docker(line)) {
            Some(found) => found,
            None => return Part::Whole,
        };
        let kept = &mut self.kept[stream];
        let Some((joined, first)) = kept else {
            if last {
                return Part::Whole;
            }
            // CRI keeps the text alone; Docker the record up to the end of its `log`.
            let from = match join {
                Join::Prefix(_) => text.start,
                Join::Rest => 0,
            };
            *kept = Some((line[from..text.end].to_vec(), number));
            return Part::Kept;
        };
        if joined.len() + text.len() > MAX_LINE {
            let first = *first;
            *kept = None;
            return Part::TooLong(first);
        }
        joined.extend_from_slice(&line[text.clone()]);
        if !last {
            return Part::Kept;
        }
        let (joined, first) = kept.take().unwrap_or_default();
        let joined = match join {
            // CRI: the last part's prefix, then the text.
            Join::Prefix(prefix) => [&line[..prefix], &joined].concat(),
            // Docker: the first record's start, every `log`, then the last record's fields.
            Join::Rest => [&joined, &line[text.end..]].concat(),
        };
        Part::Joined(joined, first)
    }

    /// The parts still kept when the input ends: read as they are (a CRI line's text without
    /// its prefix), each from its first line.
    pub(crate) fn drain(&mut self) -> impl Iterator<Item = (Vec<u8>, u64)> + '_ {
        self.kept.iter_mut().filter_map(Option::take)
    }
}

/// How the last part joins the kept ones.
#[derive(Debug)]
enum Join {
    /// CRI: the last part's prefix (this many bytes) stands before the joined text.
    Prefix(usize),
    /// Docker: the rest of the last record (the `log`'s closing quote, `stream`, `time`) follows.
    Rest,
}

/// A CRI line: (stream, the range of its text, whether it is the last part, how it joins).
fn cri(line: &[u8]) -> Option<(usize, std::ops::Range<usize>, bool, Join)> {
    // `2026-12-06T10:00:01.123456789+08:00 stdout F text`
    if !(line.len() > 20 && line[..4].iter().all(u8::is_ascii_digit) && line[4] == b'-') {
        return None;
    }
    let time_end = memchr::memchr(b' ', &line[..line.len().min(64)])?;
    let rest = &line[time_end + 1..];
    let (stream, after) = if rest.starts_with(b"stdout ") {
        (0, 7)
    } else if rest.starts_with(b"stderr ") {
        (1, 7)
    } else {
        return None;
    };
    let tag = rest.get(after)?;
    if !matches!(tag, b'P' | b'F') || !matches!(rest.get(after + 1), Some(b' ') | None) {
        return None;
    }
    let start = (time_end + 1 + after + 2).min(line.len());
    Some((stream, start..line.len(), *tag == b'F', Join::Prefix(start)))
}

/// A Docker json-file record: (stream, the range of its `log`'s content, whether it ends the
/// line, how it joins).
fn docker(line: &[u8]) -> Option<(usize, std::ops::Range<usize>, bool, Join)> {
    const LOG: &[u8] = br#"{"log":""#;
    if !line.starts_with(LOG) {
        return None;
    }
    // Docker writes `log`, `stream`, `time` in this order, and a quote inside `log` is escaped:
    // the last `","stream":"` ends it, found from the line's end.
    // Quote by quote from the end: `stream` and `time` hold a few.
    const STREAM: &[u8] = br#"","stream":""#;
    let end = memchr::memrchr_iter(b'"', line).find(|&i| line[i..].starts_with(STREAM))? + 1;
    if end <= LOG.len() {
        return None;
    }
    let rest = &line[end..];
    let stream = if rest.starts_with(br#","stream":"stdout""#) {
        0
    } else if rest.starts_with(br#","stream":"stderr""#) {
        1
    } else {
        return None;
    };
    let content = LOG.len()..end - 1;
    // It ends with the escape `\n`: an `n` after an odd run of backslashes.
    let text = &line[content.clone()];
    let backslashes = text
        .iter()
        .rev()
        .skip(1)
        .take_while(|b| **b == b'\\')
        .count();
    let last = text.ends_with(b"n") && backslashes % 2 == 1;
    Some((stream, content, last, Join::Rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(lines: &[&str]) -> Vec<(String, u64)> {
        let mut splits = Splits::default();
        let mut out = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let number = i as u64 + 1;
            match splits.part(line.as_bytes(), number) {
                Part::Whole => out.push((line.to_string(), number)),
                Part::Joined(text, first) => {
                    out.push((String::from_utf8(text).unwrap(), first));
                }
                Part::Kept => {}
                Part::TooLong(first) => out.push(("too long".into(), first)),
            }
        }
        for (text, first) in splits.drain() {
            out.push((String::from_utf8(text).unwrap(), first));
        }
        out
    }

    #[test]
    fn cri_parts_are_joined_per_stream() {
        let got = read(&[
            "2026-12-06T10:00:01.1+08:00 stdout P resp={\"RequestId\":",
            "2026-12-06T10:00:01.2+08:00 stderr F other",
            "2026-12-06T10:00:01.3+08:00 stdout P \"r\",\"StatusCode\"",
            "2026-12-06T10:00:01.4+08:00 stdout F :41601}",
            "2026-12-06T10:00:02Z stdout F whole",
            "not cri",
        ]);
        assert_eq!(
            got,
            [
                ("2026-12-06T10:00:01.2+08:00 stderr F other".into(), 2),
                (
                    "2026-12-06T10:00:01.4+08:00 stdout F resp={\"RequestId\":\"r\",\"StatusCode\":41601}"
                        .into(),
                    1
                ),
                ("2026-12-06T10:00:02Z stdout F whole".into(), 5),
                ("not cri".into(), 6),
            ]
        );
    }

    #[test]
    fn docker_records_without_a_line_end_are_joined() {
        let got = read(&[
            r#"{"log":"resp={\"RequestId\":","stream":"stdout","time":"t1"}"#,
            r#"{"log":"\"r\",\"StatusCode\":41601}\n","stream":"stdout","time":"t2"}"#,
            r#"{"log":"whole\n","stream":"stderr","time":"t3"}"#,
        ]);
        assert_eq!(
            got,
            [
                (
                    r#"{"log":"resp={\"RequestId\":\"r\",\"StatusCode\":41601}\n","stream":"stdout","time":"t2"}"#
                        .into(),
                    1
                ),
                (r#"{"log":"whole\n","stream":"stderr","time":"t3"}"#.into(), 3),
            ]
        );
    }

    #[test]
    fn a_record_is_told_by_its_fields_not_fooled_by_its_text() {
        let mut splits = Splits::default();
        // No `log` string at all: not a record.
        assert_eq!(
            splits.part(br#"{"log":","stream":"stdout"}"#, 1),
            Part::Whole
        );
        // A backslash, then `n`: no line end, the line goes on.
        let part = br#"{"log":"C:\\n","stream":"stdout","time":"t"}"#;
        assert_eq!(splits.part(part, 1), Part::Kept);
        let mut splits = Splits::default();
        let whole = r#"{"log":"a \",\"stream\":\"stderr\" b\n","stream":"stdout","time":"t"}"#;
        assert_eq!(splits.part(whole.as_bytes(), 1), Part::Whole);
    }

    #[test]
    fn parts_whose_end_never_comes_are_read_at_the_end() {
        let got = read(&["2026-12-06T10:00:01Z stdout P cut {\"StatusCode\":4"]);
        assert_eq!(got, [("cut {\"StatusCode\":4".into(), 1)]);
    }
}
