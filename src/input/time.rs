//! When an envelope was logged: a time read from its line's prefix (`2026-11-27T08:00:01Z
//! ERROR …`, `[2026-11-27 08:00:01]`, Go's `2026/11/27 08:00:01`, a container runtime's
//! `2026-11-27T08:00:01.123456789Z stdout F …`), from the text of the JSON string it is in
//! (Docker's `"log"`), or from the own fields of the structured record it is in (`ts`, `time`,
//! `timestamp`, journald's `__REALTIME_TIMESTAMP`…: RFC 3339 text, or epoch seconds, with
//! fractions as zap writes them, milliseconds, microseconds or nanoseconds), never from inside
//! the envelope. Times are kept to the nanosecond, as written. A time without a zone, or with a
//! zone abbreviation alone (`CST` is China's and the US's), is read in the local zone (`TZ`), as
//! the program that wrote it did; the zone rules are jiff's, read once. What is worth saying of
//! the times read (an abbreviation read in the local zone, an offset no zone has, a `TZ` that
//! names no zone) is kept as [`TimeNote`]s, each kind once, for the command to tell.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;

use crate::input::json::lex::{skip_ws, string_end, value_end};

/// Milliseconds since 1970-01-01T00:00:00Z: the resolution of what is shown (first and last
/// seen, timeline buckets).
pub type Millis = i64;

/// Nanoseconds since 1970-01-01T00:00:00Z: a time as read, and the bounds of a window.
pub type Nanos = i128;

/// A duration as people write one, read by jiff's friendly format: `30s`, `5m`, `1h`, `2d`,
/// `1h30m`, `90 minutes`, days of 24 hours and weeks of 7 days. Years and months, which have no
/// one length, give `None`, as does anything else.
pub fn duration(text: &str) -> Option<jiff::SignedDuration> {
    let span: jiff::Span = text.trim().parse().ok()?;
    span.to_duration(jiff::SpanRelativeTo::days_are_24_hours())
        .ok()
}

/// A time in nanoseconds as milliseconds, rounded down (toward the past).
pub fn millis(time: Nanos) -> Millis {
    // A time of these centuries fits in 64 bits, where the division is one instruction.
    if let Ok(time) = i64::try_from(time) {
        return time.div_euclid(1_000_000);
    }
    let ms = time.div_euclid(1_000_000);
    ms.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as Millis
}

/// The keys of a structured record that hold its time, as loggers write them (zap `ts`, slog
/// and logrus `time`, Elastic `@timestamp`, Serilog's `@t`), and as wrappers of a line do
/// (Docker's json-file `time`, journald's `__REALTIME_TIMESTAMP` in epoch microseconds, Loki
/// `logcli -o jsonl`'s `timestamp`).
const KEYS: [&[u8]; 9] = [
    b"ts",
    b"time",
    b"timestamp",
    b"@timestamp",
    b"@t",
    b"datetime",
    b"Time",
    b"Timestamp",
    b"__REALTIME_TIMESTAMP",
];

/// The words written after a time for UTC.
const UTC_WORDS: [&[u8]; 4] = [b"UTC", b"GMT", b"Z", b"UT"];

/// Zone abbreviations that loggers write alone after a time (PostgreSQL's `log_timezone`, C's
/// `%Z`): each may name several zones (`CST`: China, the US, Cuba), so none says the offset.
/// Words that are also English ones (`CAT`, `PET`, `ART`) are left out: after a time they are
/// more likely text.
const ABBREVIATIONS: [&[u8]; 46] = [
    b"CST", b"CDT", b"EST", b"EDT", b"MST", b"MDT", b"PST", b"PDT", b"AKST", b"AKDT", b"HST",
    b"HDT", b"AST", b"ADT", b"NST", b"NDT", b"BST", b"IST", b"IDT", b"CET", b"CEST", b"EET",
    b"EEST", b"WET", b"WEST", b"MSK", b"JST", b"KST", b"HKT", b"SGT", b"PHT", b"WIB", b"WITA",
    b"ICT", b"PKT", b"AEST", b"AEDT", b"ACST", b"ACDT", b"AWST", b"NZST", b"NZDT", b"SAST", b"WAT",
    b"BRT", b"GST",
];

/// How far into a prefix a time is looked for, in bytes.
const PREFIX: usize = 256;

/// A record, told from others: its line, where its text was, its length.
type RecordKey = (u64, usize, usize);

/// Something to tell of the times read, once however many lines it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeNote {
    /// `TZ` names no zone, or a file that is no zone file: times without a zone are read in
    /// UTC. `TZ` as set, and what it names.
    BadTz {
        /// `TZ`, as set.
        tz: String,
        /// What it names.
        what: BadTz,
    },
    /// A time with a zone abbreviation alone (`2026-12-06 10:00:00 CST`), read in the local
    /// zone: the first such time, as written.
    Abbreviation(String),
    /// A time with an offset no zone has (`+25:00`, `+0860`), not read: the first such time,
    /// as written.
    ImpossibleOffset(String),
}

/// What a `TZ` that is no zone names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadTz {
    /// No zone of the database, and no file.
    NoZone,
    /// A file over 1 MiB.
    LargeFile,
    /// A directory.
    Directory,
    /// A device, a FIFO or a socket.
    Device,
}

impl TimeNote {
    /// The bit of the note's kind, in [`Clock`]'s set of kinds said.
    fn bit(&self) -> u8 {
        match self {
            TimeNote::BadTz { .. } => 1,
            TimeNote::Abbreviation(_) => 2,
            TimeNote::ImpossibleOffset(_) => 4,
        }
    }
}

/// Notes, at most one of each kind (the first), in the order they came.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes(Vec<TimeNote>);

impl Notes {
    /// Takes `note` in, unless one of its kind is already here; whether it was taken.
    pub fn add(&mut self, note: TimeNote) -> bool {
        let new = !self.0.iter().any(|n| n.bit() == note.bit());
        if new {
            self.0.push(note);
        }
        new
    }

    /// Takes in the notes of `other` whose kinds are not here yet.
    pub fn merge(&mut self, other: &Notes) {
        for note in &other.0 {
            self.add(note.clone());
        }
    }

    /// The notes, in the order they came.
    pub fn iter(&self) -> impl Iterator<Item = &TimeNote> {
        self.0.iter()
    }
}

/// Reads times, with the zone that times without one are in.
#[derive(Debug, Clone)]
pub struct Clock {
    /// The zone; `None`: the local one, found when a time without a zone is first read (finding
    /// it reads the zone database, which most inputs never need).
    zone: Option<TimeZone>,
    /// The last zone-less minute converted: (its minutes since the epoch as if it were UTC,
    /// the zone's offset then in seconds). Logs come in order, so most lines hit it.
    last: std::cell::Cell<Option<(i64, i64)>>,
    /// The last date and minute read, as written up to its seconds (`2026-12-06T10:45:`), with
    /// that minute's wall time and its seconds since the epoch as if it were UTC: logs come in
    /// order, so most times read only their seconds, fraction and zone.
    minute: std::cell::Cell<Option<([u8; 17], DateTime, i64)>>,
    /// The time in the own fields of the last record read: (its line, where its text was, its
    /// length), and the time. A record's fields are read once, however many envelopes it holds.
    fields: std::cell::Cell<Option<(RecordKey, Option<Nanos>)>>,
    /// The kinds of notes taken ([`TimeNote::bit`]): a line that would say one again is let be
    /// without making its note.
    said: std::cell::Cell<u8>,
    /// The notes, each kind once.
    notes: std::cell::RefCell<Notes>,
}

impl Clock {
    /// A clock for the local zone: `TZ`, or the system's; found once per process, when first
    /// needed.
    pub fn local() -> Clock {
        Clock {
            zone: None,
            last: std::cell::Cell::new(None),
            minute: std::cell::Cell::new(None),
            fields: std::cell::Cell::new(None),
            said: std::cell::Cell::new(0),
            notes: std::cell::RefCell::new(Notes::default()),
        }
    }

    /// A clock for the zone `zone`.
    #[cfg(test)]
    pub fn new(zone: TimeZone) -> Clock {
        Clock {
            zone: Some(zone),
            ..Clock::local()
        }
    }

    /// The zone that times without one are in.
    fn zone(&self) -> &TimeZone {
        static LOCAL: std::sync::OnceLock<(TimeZone, Option<TimeNote>)> =
            std::sync::OnceLock::new();
        match &self.zone {
            Some(zone) => zone,
            None => {
                let (zone, note) = LOCAL.get_or_init(local_zone);
                if let Some(note) = note {
                    self.say(|| note.clone(), note.bit());
                }
                zone
            }
        }
    }

    /// Takes the note `make` makes, of the kind `bit`, unless one of its kind was taken.
    fn say(&self, make: impl FnOnce() -> TimeNote, bit: u8) {
        if self.said.get() & bit == 0 {
            self.said.set(self.said.get() | bit);
            self.notes.borrow_mut().add(make());
        }
    }

    /// What there is to tell of the times read so far: each kind of note once, the first.
    pub fn notes(&self) -> Notes {
        self.notes.borrow().clone()
    }

    /// Takes in the notes of `other` (a clock that read part of the same input).
    pub fn merge_notes(&self, other: &Clock) {
        for note in other.notes.borrow().iter() {
            self.say(|| note.clone(), note.bit());
        }
    }

    /// Forgets the last record read: the next input's lines are new ones.
    pub fn forget(&self) {
        self.fields.set(None);
    }

    /// The time of the envelope at `origin`, from its line or its record; the fields of a
    /// record holding many envelopes are read once, not once for each.
    pub fn time_at(&self, origin: &crate::input::model::Origin<'_>) -> Option<Nanos> {
        let (record, line) = (origin.record, origin.line);
        let key = (line, record.as_ptr() as usize, record.len());
        self.find(record, origin.start, |open| match self.fields.get() {
            Some((last, time)) if last == key => time,
            _ => {
                let time = self.in_fields(record, open);
                self.fields.set(Some((key, time)));
                time
            }
        })
    }

    /// The time of the envelope that starts at `start` in `record` (the text of its line; for a
    /// document over several lines, from its first line), when the line has one.
    #[cfg(test)]
    pub fn time_of(&self, record: &[u8], start: Option<usize>) -> Option<Nanos> {
        self.find(record, start, |open| self.in_fields(record, open))
    }

    /// `Clock::time_of`, the record's fields (the object at `record[open]`) read by `fields`.
    fn find(
        &self,
        record: &[u8],
        start: Option<usize>,
        fields: impl FnOnce(usize) -> Option<Nanos>,
    ) -> Option<Nanos> {
        let first = record.iter().position(|b| !b.is_ascii_whitespace())?;
        // The envelope is in a JSON string (Docker's `"log":"2026/12/06 10:00:01 ERROR {…}"`):
        // the time the string's text starts with is its own, and comes before any the wrapper
        // holds (the record's fields, a prefix before the string).
        if let Some(s) = start.filter(|&s| record.get(s) == Some(&b'"')) {
            let text = &record[s + 1..];
            let text = &text[..text.len().min(PREFIX)];
            let end = memchr::memchr2(b'{', b'"', text).unwrap_or(text.len());
            if let Some(time) = self.in_prefix(&text[..end.min(PREFIX)]) {
                return Some(time);
            }
        }
        // The object that holds the envelope opens within the prefix's length: looked for
        // there only, so that many envelopes on one long line cost no more than one each.
        let head = &record[..record.len().min(first + PREFIX)];
        let mut open = memchr::memchr(b'{', head).unwrap_or(record.len());
        if let Some(start) = start {
            // A `{…}` closed before the envelope starts (`[worker{7}] 2026-…`) is part of the
            // prefix: the record's own fields are in the object that holds the envelope. Looked
            // for within the prefix's length only.
            let limit = start.min(first + PREFIX).min(record.len());
            // No closing bracket before the limit: the object there holds the envelope (a
            // record's), and is not read through to find so.
            while open < limit && memchr::memchr2(b'}', b']', &record[open..limit]).is_some() {
                let Some(end) = value_end(&record[..limit], open) else {
                    break;
                };
                open = memchr::memchr(b'{', &record[end..]).map_or(record.len(), |i| end + i);
            }
        }
        let end = start.unwrap_or(open).min(open).min(first + PREFIX);
        if end > first {
            if let Some(time) = self.in_prefix(&record[first..end]) {
                return Some(time);
            }
        }
        // A structured record that holds the envelope: its own fields. When the record is the
        // envelope itself, its fields are the envelope's, and no time is taken from them.
        match record.get(open) {
            Some(b'{') if start.is_none_or(|s| s > open) => fields(open),
            _ => None,
        }
    }

    /// The first time written in `prefix`; `None` too when it is written with an offset no
    /// zone has. After a container runtime's time and stream (`2026-…Z stdout F `), the time
    /// the text that follows starts with is its own, and wins.
    fn in_prefix(&self, prefix: &[u8]) -> Option<Nanos> {
        let mut from = 0;
        while let Some(i) = prefix[from..]
            .iter()
            .position(u8::is_ascii_digit)
            .map(|i| from + i)
        {
            if let Some((time, len)) = self.text(&prefix[i..]) {
                let rest = &prefix[i + len..];
                return match (time, cri_stream(rest)) {
                    (Some(time), Some(skip)) => self.in_prefix(&rest[skip..]).or(Some(time)),
                    _ => time,
                };
            }
            // On past this run of digits.
            from = i + prefix[i..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
        }
        None
    }

    /// The time in the first of the record's own members that holds one, the record being the
    /// object at `record[open]`.
    fn in_fields(&self, record: &[u8], open: usize) -> Option<Nanos> {
        let mut i = open + 1;
        loop {
            i = skip_ws(record, i);
            if record.get(i) != Some(&b'"') {
                return None;
            }
            let key_end = string_end(record, i).ok()?;
            let key = &record[i + 1..key_end - 1];
            i = skip_ws(record, key_end);
            if record.get(i) != Some(&b':') {
                return None;
            }
            i = skip_ws(record, i + 1);
            let value_end = value_end(record, i)?;
            if KEYS.contains(&key) {
                if let Some(time) = self.value(&record[i..value_end]) {
                    return Some(time);
                }
            }
            i = skip_ws(record, value_end);
            match record.get(i) {
                Some(b',') => i += 1,
                _ => return None,
            }
        }
    }

    /// A field's value as a time: text as in a prefix, or an epoch number (quoted or not).
    fn value(&self, value: &[u8]) -> Option<Nanos> {
        let inner = match value {
            [b'"', inner @ .., b'"'] => inner,
            other => other,
        };
        match inner.first() {
            Some(b'0'..=b'9') => epoch(inner).or_else(|| match self.text(inner) {
                Some((time, len)) if len == inner.len() => time,
                _ => None,
            }),
            _ => None,
        }
    }

    /// The date and time `text` starts with, and its length: `YYYY-MM-DD` or `YYYY/MM/DD`, `T`
    /// or a space, `hh:mm:ss`, a fraction after `.` or `,` (to the nanosecond), and a zone or
    /// none: `Z`, `+08:00`, `+0800` or `+08` right after the time; after a space, `+08:00` or
    /// `+0800` (perhaps followed by the zone's name, as Go writes it: `+0800 CST`), `UTC`,
    /// `GMT`, `Z`, or an abbreviation alone (read in the local zone, and noted). The time is
    /// `None` when its offset is one no zone has (noted): it is written, but cannot be read.
    fn text(&self, text: &[u8]) -> Option<(Option<Nanos>, usize)> {
        self.written(text, Seconds::Required)
    }

    /// [`Clock::text`], with the seconds required or not (`2026-12-06 10:00`, as people type a
    /// bound; a log writes its seconds, and a line's `10:00` alone is more likely text).
    fn written(&self, text: &[u8], seconds: Seconds) -> Option<(Option<Nanos>, usize)> {
        let (civil, minute_as_utc) = self.minute(text)?;
        let (second, mut at) = match text.get(16) {
            // 60 is a leap second; past it, no clock reads.
            Some(b':') => (digits(text, 17, 2).filter(|s| *s <= 60)?, 19),
            _ if seconds == Seconds::Optional => (0, 16),
            _ => return None,
        };
        let mut nanos: Nanos = 0;
        if at == 19 {
            (nanos, at) = fraction(text, at);
        }
        if text.get(at).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        // A leap second is read as the second before it.
        let as_utc = minute_as_utc + second.min(59);
        let (offset, len) = match zone(&text[at..]) {
            Zone::Offset(offset, len) => (offset, at + len),
            Zone::Impossible(len) => {
                let written = || TimeNote::ImpossibleOffset(lossy(&text[..at + len]));
                self.say(written, 4);
                return Some((None, at + len));
            }
            Zone::Abbreviation(len) => {
                let offset = self.local_offset(civil, as_utc)?;
                // The local zone's own abbreviation then (`CST` with `TZ=Asia/Shanghai`) says
                // nothing new.
                let written = &text[at + 1..at + len];
                let local = jiff::Timestamp::from_second(as_utc - offset).is_ok_and(|t| {
                    self.zone().to_offset_info(t).abbreviation().as_bytes() == written
                });
                if !local {
                    self.say(|| TimeNote::Abbreviation(lossy(&text[..at + len])), 2);
                }
                (offset, at + len)
            }
            Zone::None => (self.local_offset(civil, as_utc)?, at),
        };
        Some((
            Some(Nanos::from(as_utc - offset) * 1_000_000_000 + nanos),
            len,
        ))
    }

    /// The date and minute `text` starts with, as a wall time and as its seconds since the
    /// epoch read as UTC. Read once per minute of log: the text up to the seconds is compared
    /// with the last one read.
    #[inline]
    fn minute(&self, text: &[u8]) -> Option<(DateTime, i64)> {
        let head: Option<[u8; 17]> = text.get(..17).and_then(|h| h.try_into().ok());
        if let (Some(head), Some((last, civil, as_utc))) = (head, self.minute.get()) {
            if last == head {
                return Some((civil, as_utc));
            }
        }
        let date = date(text)?;
        if !matches!(text.get(10), Some(b'T' | b't' | b' ')) || text.get(13) != Some(&b':') {
            return None;
        }
        let (hour, minute) = (digits(text, 11, 2)?, digits(text, 14, 2)?);
        let time = jiff::civil::Time::new(hour as i8, minute as i8, 0, 0).ok()?;
        let civil = DateTime::from_parts(date, time);
        let as_utc = TimeZone::UTC.to_timestamp(civil).ok()?.as_second();
        // Only a minute its seconds follow is kept: the head is then always the same.
        if let (Some(head), Some(b':')) = (head, text.get(16)) {
            self.minute.set(Some((head, civil, as_utc)));
        }
        Some((civil, as_utc))
    }

    /// The local zone's offset, in seconds, at the zone-less time `as_utc` (the wall time read
    /// as UTC, in seconds), within the minute `civil`: a time skipped or repeated by a clock
    /// change is read as jiff's "compatible" rule reads it, as most programs do.
    fn local_offset(&self, civil: DateTime, as_utc: i64) -> Option<i64> {
        let minute = as_utc.div_euclid(60);
        if let Some((last, offset)) = self.last.get() {
            if last == minute {
                return Some(offset);
            }
        }
        let at = self.zone().to_timestamp(civil).ok()?.as_second();
        let offset = minute * 60 - at;
        self.last.set(Some((minute, offset)));
        Some(offset)
    }
}

/// Whether a time must be written to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seconds {
    /// As a log writes it.
    Required,
    /// As people type a bound.
    Optional,
}

/// The `n` digits at `at` in `text`, as a number.
fn digits(text: &[u8], at: usize, n: usize) -> Option<i64> {
    let part = text.get(at..at + n)?;
    part.iter()
        .all(u8::is_ascii_digit)
        .then(|| part.iter().fold(0, |v, d| v * 10 + i64::from(d - b'0')))
}

/// The date `text` starts with: `YYYY-MM-DD` or `YYYY/MM/DD`, a day that exists.
fn date(text: &[u8]) -> Option<jiff::civil::Date> {
    let year = digits(text, 0, 4)?;
    let sep = *text.get(4)?;
    if !matches!(sep, b'-' | b'/') || text.get(7) != Some(&sep) {
        return None;
    }
    let (month, day) = (digits(text, 5, 2)?, digits(text, 8, 2)?);
    jiff::civil::Date::new(year as i16, month as i8, day as i8).ok()
}

/// Text as it was written, for a note (bytes that are not UTF-8 become U+FFFD).
fn lossy(text: &[u8]) -> String {
    String::from_utf8_lossy(text).into_owned()
}

/// After a time in a container runtime's (CRI) line, ` stdout F ` or ` stderr P `: its length.
fn cri_stream(rest: &[u8]) -> Option<usize> {
    let after = rest
        .strip_prefix(b" stdout ")
        .or_else(|| rest.strip_prefix(b" stderr "))?;
    match after {
        [b'F' | b'P', b' ', ..] => Some(rest.len() - after.len() + 2),
        _ => None,
    }
}

/// The largest zone file read: the real ones are a few KB.
const ZONE_FILE_MAX: u64 = 1 << 20;

/// The local zone: `TZ`, or the system's. A `TZ` naming a file that is no zone file (a device,
/// a FIFO, a directory, a file over 1 MiB) is not read: it could hang or fill memory. A `TZ` that
/// names no zone gives UTC, and a note that says so.
fn local_zone() -> (TimeZone, Option<TimeNote>) {
    let Some(tz) = std::env::var_os("TZ") else {
        return (TimeZone::system(), None);
    };
    let text = tz.to_string_lossy();
    let bad = |what| {
        let tz = text.clone().into_owned();
        (TimeZone::UTC, Some(TimeNote::BadTz { tz, what }))
    };
    let path = text.strip_prefix(':').unwrap_or(&text);
    let is_db_name = !path.is_empty() && jiff::tz::db().get(path).is_ok();
    if path.starts_with('/') || (!is_db_name && std::path::Path::new(path).exists()) {
        let not_a_zone_file = match std::fs::metadata(path) {
            Ok(m) if m.is_file() && m.len() > ZONE_FILE_MAX => Some(BadTz::LargeFile),
            Ok(m) if m.is_file() => None,
            Ok(m) if m.is_dir() => Some(BadTz::Directory),
            Ok(_) => Some(BadTz::Device),
            // Not there: jiff says so below.
            Err(_) => None,
        };
        if let Some(what) = not_a_zone_file {
            return bad(what);
        }
    }
    match TimeZone::try_system() {
        Ok(zone) => (zone, None),
        Err(_) => bad(BadTz::NoZone),
    }
}

/// The incident window of `--since` and `--until`: from `since` (included) to `until` (not
/// included), to the nanosecond; an envelope without a time is outside any window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    /// The start, when there is one.
    pub since: Option<Nanos>,
    /// The end, when there is one.
    pub until: Option<Nanos>,
}

/// Where an envelope falls against the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Inside: kept.
    Inside,
    /// Before `--since`.
    Before,
    /// At `--until` or after it.
    After,
    /// Nowhere: it has no time.
    Untimed,
}

impl Window {
    /// Whether an envelope of this time is inside.
    #[cfg(test)]
    pub fn contains(&self, time: Option<Nanos>) -> bool {
        self.place(time) == Place::Inside
    }

    /// Where an envelope of this time falls.
    pub fn place(&self, time: Option<Nanos>) -> Place {
        match time {
            None => Place::Untimed,
            Some(t) if self.since.is_some_and(|s| t < s) => Place::Before,
            Some(t) if self.until.is_some_and(|u| t >= u) => Place::After,
            Some(_) => Place::Inside,
        }
    }
}

/// Which end of the window a bound is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// `--since`: a date alone is the start of its day.
    Since,
    /// `--until`: a date alone is the end of its day (the next day's start, not included), so
    /// that the whole day is in.
    Until,
}

/// The fewest digits of an epoch time typed as a bound: 9 is 1973 in seconds. A shorter number
/// is more likely a duration without its unit (`90`) than a time in 1970.
const EPOCH_DIGITS: usize = 9;

impl Clock {
    /// A bound of the window, as people type one: a duration back from `now` (`1h`, `90m`,
    /// `2d`, `1h30m`, any [`duration`]; also `-1h` and `1h ago`); a date alone (`2026-12-06`,
    /// the start or the end of its day, by `edge`); a date and a time, with or without seconds
    /// (`2026-12-06 10:00`, `2026-12-06T10:00:01`); a time as a log line writes it, read as a
    /// line's is (RFC 3339, Go's `2026/12/06 10:00:01`, a zone after a space, a fraction), also
    /// in the brackets or quotes it was copied with; or an epoch time as a record's field holds
    /// one (seconds, milliseconds, microseconds or nanoseconds, by size). Without a zone, a time
    /// is the local zone's.
    pub fn bound(&self, text: &str, now: Nanos, edge: Edge) -> Option<Nanos> {
        let text = text.trim();
        if let Some(back) = back_from_now(text) {
            let bound = now.checked_sub(back)?;
            // Before the year -9999 is no time.
            return jiff::Timestamp::from_nanosecond(bound).ok().map(|_| bound);
        }
        let text = match text.as_bytes() {
            [b'[', inner @ .., b']'] | [b'"', inner @ .., b'"'] => inner,
            bytes => bytes,
        };
        if text.len() == 10 {
            // A date alone.
            if let Some(day) = date(text) {
                let day = match edge {
                    Edge::Since => day,
                    Edge::Until => day.tomorrow().ok()?,
                };
                let start = self
                    .zone()
                    .to_timestamp(day.to_datetime(jiff::civil::Time::midnight()));
                return start.ok().map(|t| t.as_nanosecond());
            }
        }
        if text.first().is_some_and(u8::is_ascii_digit) && !text.contains(&b'-') {
            let int = text.iter().take_while(|b| b.is_ascii_digit()).count();
            let float = text.iter().any(|b| matches!(b, b'e' | b'E'));
            if let Some(time) = epoch(text).filter(|_| int >= EPOCH_DIGITS || float) {
                return Some(time);
            }
        }
        match self.written(text, Seconds::Optional) {
            Some((time, len)) if len == text.len() => time,
            _ => None,
        }
    }
}

/// Whether `text` is a date alone (`2026-12-06`), as a bound takes one.
pub fn is_date(text: &str) -> bool {
    let text = text.trim().as_bytes();
    text.len() == 10 && date(text).is_some()
}

/// The nanoseconds back from now that `text` names, when it is a duration: `1h`, `-1h` and
/// `1h ago` alike; none for `+1h` (the future) or `10:00:00`, which jiff reads as ten hours and
/// people write for a time of day.
fn back_from_now(text: &str) -> Option<Nanos> {
    let (signed, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if rest.starts_with(['+', '-']) || (!signed && rest.contains(':')) {
        return None;
    }
    let duration = duration(rest)?;
    // `-1h ago` says back twice: jiff refuses it too.
    if signed && duration.is_negative() {
        return None;
    }
    Some(duration.as_nanos().abs()).filter(|n| *n > 0)
}

/// What follows a time's seconds (and fraction) says of its zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// An offset in seconds, and the length of what says it.
    Offset(i64, usize),
    /// An offset no zone has (`+25:00`, `+0860`), and its length.
    Impossible(usize),
    /// ` CST`: a space and an abbreviation alone, and their length.
    Abbreviation(usize),
    /// Nothing that names a zone.
    None,
}

/// The zone `text` (what follows a time) starts with.
fn zone(text: &[u8]) -> Zone {
    match text.first() {
        Some(b'Z' | b'z') => Zone::Offset(0, 1),
        Some(b'+' | b'-') => with_name(text, offset(text, false)),
        Some(b' ') => {
            let rest = &text[1..];
            match rest.first() {
                Some(b'+' | b'-') => match with_name(rest, offset(rest, true)) {
                    Zone::Offset(offset, len) => Zone::Offset(offset, 1 + len),
                    Zone::Impossible(len) => Zone::Impossible(1 + len),
                    _ => Zone::None,
                },
                Some(b'A'..=b'Z') => {
                    let word = word(rest);
                    if UTC_WORDS.contains(&word) {
                        utc_and_offset(&rest[word.len()..], 1 + word.len())
                    } else if ABBREVIATIONS.contains(&word) {
                        Zone::Abbreviation(1 + word.len())
                    } else {
                        Zone::None
                    }
                }
                _ => Zone::None,
            }
        }
        _ => Zone::None,
    }
}

/// After `UTC` or `GMT` (`len` bytes with its space): an offset from it (`GMT+08:00`,
/// `UTC+8`, `UTC-05:00`), UTC itself when none follows, and no time when what follows the sign
/// is no offset: never UTC when an offset was written.
fn utc_and_offset(after: &[u8], len: usize) -> Zone {
    if !matches!(after.first(), Some(b'+' | b'-')) {
        return Zone::Offset(0, len);
    }
    let sign = if after[0] == b'-' { -1 } else { 1 };
    match (after.get(1), after.get(2)) {
        (Some(h @ b'0'..=b'9'), next) if !next.is_some_and(u8::is_ascii_digit) => {
            Zone::Offset(sign * i64::from(h - b'0') * 3600, len + 2)
        }
        _ => match offset(after, false) {
            Zone::Offset(offset, n) => Zone::Offset(offset, len + n),
            _ => Zone::Impossible(len + 1),
        },
    }
}

/// The word of ASCII letters `text` starts with; empty when letters run into digits (`UTC2`).
fn word(text: &[u8]) -> &[u8] {
    let len = text.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    match text.get(len) {
        Some(b) if b.is_ascii_digit() || *b == b'_' => &[],
        _ => &text[..len],
    }
}

/// The offset `text` starts with (`+08:00`, `+0800`, `+08`; after a space, where a sign and two
/// digits may be anything, only the first two).
fn offset(text: &[u8], spaced: bool) -> Zone {
    let sign = if text[0] == b'-' { -1 } else { 1 };
    let two = |at: usize| -> Option<i64> {
        let d = text.get(at..at + 2)?;
        d.iter()
            .all(u8::is_ascii_digit)
            .then(|| i64::from(d[0] - b'0') * 10 + i64::from(d[1] - b'0'))
    };
    let Some(hours) = two(1) else {
        return Zone::None;
    };
    let (minutes, len) = match text.get(3) {
        Some(b':') => match two(4) {
            Some(m) => (m, 6),
            None => return Zone::None,
        },
        Some(b'0'..=b'9') => match two(3) {
            Some(m) => (m, 5),
            None => return Zone::None,
        },
        _ if spaced => return Zone::None,
        _ => (0, 3),
    };
    if text.get(len).is_some_and(u8::is_ascii_digit) {
        return Zone::None;
    }
    if hours > 23 || minutes > 59 {
        return Zone::Impossible(len);
    }
    Zone::Offset(sign * (hours * 3600 + minutes * 60), len)
}

/// An offset, with what may follow it and says nothing more: the zone's name as Go's
/// `time.String()` writes it (` CST`, ` +08`, ` ChST`), and Go's monotonic clock reading
/// (` m=+0.000012345`).
fn with_name(text: &[u8], zone: Zone) -> Zone {
    let Zone::Offset(offset, mut len) = zone else {
        return zone;
    };
    if text.get(len) == Some(&b' ') {
        let rest = &text[len + 1..];
        let name = match rest.first() {
            Some(b'A'..=b'Z') => word(rest).len(),
            Some(b'+' | b'-') => match offset_digits(rest) {
                n @ (3 | 5) => n,
                _ => 0,
            },
            _ => 0,
        };
        if (1..=6).contains(&name) {
            len += 1 + name;
        }
    }
    if let Some([b'+' | b'-', number @ ..]) = text[len..].strip_prefix(b" m=") {
        let number = number
            .iter()
            .take_while(|b| b.is_ascii_digit() || **b == b'.')
            .count();
        if number > 0 {
            len += 3 + 1 + number;
        }
    }
    Zone::Offset(offset, len)
}

/// The length of `±hh` or `±hhmm` at the start of `text`, not followed by a digit; 0 if neither.
fn offset_digits(text: &[u8]) -> usize {
    let run = text[1..].iter().take_while(|b| b.is_ascii_digit()).count();
    match run {
        2 | 4 => 1 + run,
        _ => 0,
    }
}

/// The fraction of a second at `text[at]` (`.506`, `,506993908`), if one is there: its
/// nanoseconds and where it ends; `(0, at)` when none is.
#[inline]
fn fraction(text: &[u8], at: usize) -> (Nanos, usize) {
    if !matches!(text.get(at), Some(b'.' | b','))
        || !text.get(at + 1).is_some_and(u8::is_ascii_digit)
    {
        return (0, at);
    }
    let run = text[at + 1..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    // Nanoseconds are all a clock writes; digits past them are dropped.
    let written = &text[at + 1..at + 1 + run.min(9)];
    let value = written
        .iter()
        .fold(0i64, |v, d| v * 10 + i64::from(d - b'0'));
    (
        Nanos::from(value * 10i64.pow(9 - written.len() as u32)),
        at + 1 + run,
    )
}

/// An epoch time: seconds (with a fraction, or an exponent as some encoders write floats),
/// milliseconds, microseconds or nanoseconds, told apart by size (a time after 1973 written in
/// seconds has at most 11 digits, in milliseconds 12 to 14, in microseconds 15 to 17).
fn epoch(text: &[u8]) -> Option<Nanos> {
    let int_len = text.iter().take_while(|b| b.is_ascii_digit()).count();
    if int_len == 0 || int_len > 19 {
        return None;
    }
    let int = text[..int_len]
        .iter()
        .fold(0, |v, d| v * 10 + Nanos::from(d - b'0'));
    let rest = &text[int_len..];
    if rest.is_empty() {
        return Some(match int {
            0..100_000_000_000 => int * 1_000_000_000,
            100_000_000_000..100_000_000_000_000 => int * 1_000_000,
            100_000_000_000_000..100_000_000_000_000_000 => int * 1_000,
            _ => int,
        });
    }
    if rest[0] == b'.' && rest.len() > 1 && rest[1..].iter().all(u8::is_ascii_digit) {
        // Seconds with a fraction (zap's `1732694400.123456`).
        if int >= 100_000_000_000 {
            return None;
        }
        let fraction = rest[1..]
            .iter()
            .chain(std::iter::repeat(&b'0'))
            .take(9)
            .fold(0, |v, d| v * 10 + Nanos::from(d - b'0'));
        return Some(int * 1_000_000_000 + fraction);
    }
    // `1.7326944001234567e+09`: a float, which holds a time of now to about a tenth of a
    // microsecond: read to the microsecond.
    let seconds: f64 = std::str::from_utf8(text).ok()?.parse().ok()?;
    (seconds.is_finite() && (0.0..1e11).contains(&seconds))
        .then(|| (seconds * 1e6).round() as Nanos * 1_000)
}

/// Milliseconds since the epoch as RFC 3339 in UTC (`2026-11-27T00:11:00Z`, with the
/// milliseconds when there are any).
pub fn rfc3339(time: Millis) -> String {
    match jiff::Timestamp::from_millisecond(time) {
        Ok(t) => t.to_string(),
        Err(_) => time.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A time as RFC 3339 in UTC, with all the digits of its fraction.
    fn shown(time: Nanos) -> String {
        jiff::Timestamp::from_nanosecond(time).unwrap().to_string()
    }

    fn at(zone: &str, line: &str) -> Option<String> {
        let clock = Clock::new(TimeZone::get(zone).unwrap());
        let start = line.find("{\"RequestId\"");
        clock.time_of(line.as_bytes(), start).map(shown)
    }

    #[test]
    fn prefixes_in_the_forms_loggers_write() {
        let utc = |line| at("UTC", line);
        let t = Some("2026-11-27T08:00:01Z".to_string());
        assert_eq!(utc("2026-11-27T08:00:01Z ERROR {\"RequestId\":1}"), t);
        assert_eq!(utc("2026-11-27T16:00:01+08:00 x {\"RequestId\":1}"), t);
        assert_eq!(utc("2026-11-27T16:00:01+0800 x"), t);
        assert_eq!(utc("2026-11-27T04:00:01-04 x"), t);
        assert_eq!(utc("[2026-11-27 08:00:01] ERROR {\"RequestId\":1}"), t);
        assert_eq!(utc("2026/11/27 08:00:01 client: {\"RequestId\":1}"), t);
        assert_eq!(
            utc("I1127 app 2026-11-27 08:00:01,250 x").as_deref(),
            Some("2026-11-27T08:00:01.25Z")
        );
        assert_eq!(
            utc("2026/11/27 08:00:01.123456 x").as_deref(),
            Some("2026-11-27T08:00:01.123456Z")
        );
        // Zone-less times are the local zone's.
        assert_eq!(at("Asia/Shanghai", "2026-11-27 16:00:01 x"), t);
        assert_eq!(
            at("America/New_York", "2026-07-01 04:00:01 x").as_deref(),
            Some("2026-07-01T08:00:01Z")
        );
        // Not times: no time at all, a date alone, a bad date, digits that run on.
        assert_eq!(utc("ERROR {\"RequestId\":1}"), None);
        assert_eq!(utc("2026-11-27 ERROR"), None);
        assert_eq!(utc("2026-02-30 08:00:01 x"), None);
        assert_eq!(utc("2026-11-27 25:00:01 x"), None);
        assert_eq!(utc("12026-11-27 08:00:01 x").as_deref(), None);
        assert_eq!(utc("2026-11-27 08:00:011 x"), None);
    }

    #[test]
    fn never_from_inside_the_envelope() {
        let line = r#"ERROR {"RequestId":"a","StatusCode":1,"Message":"at 2026-11-27 08:00:01","Data":{"time":1795766401}}"#;
        assert_eq!(at("UTC", line), None);
        // The usual line: its own members hold no time.
        assert_eq!(
            at(
                "UTC",
                r#"{"RequestId":"a","StatusCode":1,"Data":{"ts":1795766401}}"#
            ),
            None
        );
    }

    #[test]
    fn the_record_own_fields() {
        let t = Some("2026-11-27T08:00:01Z".to_string());
        let utc = |line| at("UTC", line);
        assert_eq!(
            utc(r#"{"level":"error","ts":1795766401,"resp":{"RequestId":"a"}}"#),
            t
        );
        assert_eq!(
            utc(r#"{"ts":1795766401.123456,"resp":{"RequestId":"a"}}"#).as_deref(),
            Some("2026-11-27T08:00:01.123456Z")
        );
        assert_eq!(utc(r#"{"ts":1.795766401e+09,"resp":{"RequestId":"a"}}"#), t);
        assert_eq!(utc(r#"{"time":1795766401000,"resp":{"RequestId":"a"}}"#), t);
        assert_eq!(
            utc(r#"{"timestamp":"2026-11-27T08:00:01Z","resp":{"RequestId":"a"}}"#),
            t
        );
        assert_eq!(
            utc(r#"{"@timestamp":"2026-11-27T08:00:01.000Z","resp":{"RequestId":"a"}}"#),
            t
        );
        assert_eq!(
            utc(
                r#"{"msg":"x {\"ts\":1}","nested":{"ts":5},"time":"1795766401","resp":{"RequestId":"a"}}"#
            ),
            t
        );
        // The record is the envelope: its members are the envelope's, and hold no time.
        let clock = Clock::new(TimeZone::UTC);
        let envelope = br#"{"ts":1795766401,"RequestId":"a","StatusCode":41601}"#;
        assert_eq!(clock.time_of(envelope, Some(0)), None);
        let envelope = br#"  {"RequestId":"a","ts":1795766401,"StatusCode":41601}"#;
        assert_eq!(clock.time_of(envelope, Some(2)), None);
        assert_eq!(
            at(
                "Asia/Shanghai",
                r#"{"time":"2026-11-27 16:00:01","resp":{"RequestId":"a"}}"#
            ),
            t
        );
        // Not times.
        assert_eq!(utc(r#"{"ts":"soon","resp":{"RequestId":"a"}}"#), None);
        assert_eq!(utc(r#"{"ts":-5,"resp":{"RequestId":"a"}}"#), None);
        assert_eq!(utc(r#"{"ts":true,"resp":{"RequestId":"a"}}"#), None);
        assert_eq!(
            utc(r#"{"ts":"2026-11-27T08:00:01Z trailing","resp":{"RequestId":"a"}}"#),
            None
        );
        assert_eq!(utc(r#"{"ts":1e400,"resp":{"RequestId":"a"}}"#), None);
        assert_eq!(
            utc(r#"{"ts":99999999999999999999999,"resp":{"RequestId":"a"}}"#),
            None
        );
        assert_eq!(utc(r#"{"ts":1795766401,"resp":{"RequestId":"a"#), t);
        assert_eq!(utc(r#"{"ts"#), None);
    }

    #[test]
    fn a_leap_second_is_a_time_and_later_seconds_are_not() {
        let utc = |line| at("UTC", line);
        assert_eq!(
            utc("2026-11-27T08:00:60Z x").as_deref(),
            Some("2026-11-27T08:00:59Z")
        );
        for second in ["61", "75", "99"] {
            assert_eq!(at("UTC", &format!("2026-11-27T08:00:{second}Z x")), None);
            let bound = format!("2026-11-27T08:00:{second}Z");
            let clock = Clock::new(TimeZone::UTC);
            assert_eq!(clock.bound(&bound, 0, Edge::Since), None);
        }
    }

    #[test]
    fn braces_closed_before_the_envelope_are_prefix() {
        let t = Some("2026-11-27T08:00:01Z".to_string());
        let utc = |line| at("UTC", line);
        assert_eq!(
            utc(r#"[worker{7}] 2026-11-27T08:00:01Z ERROR resp={"RequestId":"x"}"#),
            t
        );
        assert_eq!(
            utc(r#"{"a":"}"} [x{y}] 2026-11-27T08:00:01Z {"RequestId":"x"}"#),
            t
        );
        // An object that holds the envelope is the record, not prefix.
        assert_eq!(
            utc(r#"{"msg":"2026-11-27T09:00:01Z","ts":1795766401,"resp":{"RequestId":"x"}}"#),
            t
        );
    }

    #[test]
    fn a_prefix_time_comes_before_the_record_fields() {
        assert_eq!(
            at(
                "UTC",
                r#"2026-11-27T08:00:01Z {"ts":1,"resp":{"RequestId":"a"}}"#
            )
            .as_deref(),
            Some("2026-11-27T08:00:01Z")
        );
    }

    #[test]
    fn window_bounds_and_what_they_hold() {
        let clock = Clock::new(TimeZone::UTC);
        let now = 1_795_766_400_000_000_000; // 2026-11-27T08:00:00Z
        let bound = |t| clock.bound(t, now, Edge::Since).map(shown);
        assert_eq!(bound("-3h").as_deref(), Some("2026-11-27T05:00:00Z"));
        assert_eq!(bound("-90s").as_deref(), Some("2026-11-27T07:58:30Z"));
        assert_eq!(bound("-2d").as_deref(), Some("2026-11-25T08:00:00Z"));
        assert_eq!(bound("-3.5h").as_deref(), Some("2026-11-27T04:30:00Z"));
        assert_eq!(bound("-1h30m").as_deref(), Some("2026-11-27T06:30:00Z"));
        assert_eq!(
            bound("2026-11-27T09:00:00+08:00").as_deref(),
            Some("2026-11-27T01:00:00Z")
        );
        assert_eq!(
            bound("2026-11-27 09:00:00").as_deref(),
            Some("2026-11-27T09:00:00Z")
        );
        for bad in [
            "",
            "-",
            "-h",
            "-3",
            "-3y",
            "--3h",
            "-0s",
            "0s",
            "yesterday",
            "2026-11-27T09:00:00Z!",
            "-99999999999999999999d",
            "99999999999999999999d",
        ] {
            assert_eq!(bound(bad), None, "{bad}");
        }
        let w = Window {
            since: Some(10),
            until: Some(20),
        };
        assert!(w.contains(Some(10)) && w.contains(Some(19)));
        assert!(!w.contains(Some(20)) && !w.contains(Some(9)) && !w.contains(None));
        assert!(!Window::default().contains(None) && Window::default().contains(Some(0)));
        let places = [None, Some(9), Some(10), Some(19), Some(20)].map(|t| w.place(t));
        assert_eq!(
            places,
            [
                Place::Untimed,
                Place::Before,
                Place::Inside,
                Place::Inside,
                Place::After
            ]
        );
        let since = Window {
            since: Some(10),
            until: None,
        };
        assert_eq!(since.place(Some(i128::MAX)), Place::Inside);
        assert_eq!(since.place(Some(i128::MIN)), Place::Before);
    }

    #[test]
    fn bounds_as_people_type_them() {
        let now = 1_795_766_400_000_000_000; // 2026-11-27T08:00:00Z
        let shanghai = Clock::new(TimeZone::get("Asia/Shanghai").unwrap());
        let since = |t| shanghai.bound(t, now, Edge::Since).map(shown);
        let until = |t| shanghai.bound(t, now, Edge::Until).map(shown);
        let both = |t, at: &str| {
            assert_eq!(since(t).as_deref(), Some(at), "--since {t}");
            assert_eq!(until(t).as_deref(), Some(at), "--until {t}");
        };
        // A duration back from now, with or without its minus, or `ago`.
        for (text, at) in [
            ("1h", "2026-11-27T07:00:00Z"),
            ("-1h", "2026-11-27T07:00:00Z"),
            ("1h ago", "2026-11-27T07:00:00Z"),
            ("90m", "2026-11-27T06:30:00Z"),
            ("2d", "2026-11-25T08:00:00Z"),
            ("1h30m", "2026-11-27T06:30:00Z"),
            (" 30s ", "2026-11-27T07:59:30Z"),
            ("-10:00:00", "2026-11-26T22:00:00Z"),
        ] {
            both(text, at);
        }
        // A date alone: its start for --since, its end (the next day's start) for --until, in
        // the local zone; with slashes as Go writes it.
        assert_eq!(since("2026-12-06").as_deref(), Some("2026-12-05T16:00:00Z"));
        assert_eq!(until("2026-12-06").as_deref(), Some("2026-12-06T16:00:00Z"));
        assert_eq!(until("2026/12/06").as_deref(), Some("2026-12-06T16:00:00Z"));
        assert_eq!(until("2026-12-31").as_deref(), Some("2026-12-31T16:00:00Z"));
        assert_eq!(until("2028-02-28").as_deref(), Some("2028-02-28T16:00:00Z"));
        // A date and a time, without seconds or with, `T` or a space, with a zone or in TZ.
        for (text, at) in [
            ("2026-12-06 10:00", "2026-12-06T02:00:00Z"),
            ("2026-12-06T10:00", "2026-12-06T02:00:00Z"),
            ("2026-12-06t10:00", "2026-12-06T02:00:00Z"),
            ("2026-12-06 10:00:01", "2026-12-06T02:00:01Z"),
            ("2026-12-06T10:00Z", "2026-12-06T10:00:00Z"),
            ("2026-12-06 10:00 +09:00", "2026-12-06T01:00:00Z"),
            ("2026-12-06 10:00 UTC", "2026-12-06T10:00:00Z"),
            // As log lines write them: Go's, RFC 3339 with a fraction and an offset, a comma
            // before the fraction, a zone after a space, Go's time.String().
            ("2026/12/06 10:00:01", "2026-12-06T02:00:01Z"),
            ("2026-12-06T10:00:01.123+08:00", "2026-12-06T02:00:01.123Z"),
            ("2026-12-06 10:00:01,5", "2026-12-06T02:00:01.5Z"),
            ("2026-12-06 10:00:01 +0800", "2026-12-06T02:00:01Z"),
            (
                "2026-12-06 10:00:01.5 +0800 CST m=+0.001",
                "2026-12-06T02:00:01.5Z",
            ),
            // Copied with the brackets or the quotes around it.
            ("[2026-12-06 10:00:01]", "2026-12-06T02:00:01Z"),
            ("\"2026-12-06T10:00:01Z\"", "2026-12-06T10:00:01Z"),
            // Epoch times as records hold them, told apart by size.
            ("1796551201", "2026-12-06T10:00:01Z"),
            ("1796551201123", "2026-12-06T10:00:01.123Z"),
            ("1796551201123456", "2026-12-06T10:00:01.123456Z"),
            ("1796551201.5", "2026-12-06T10:00:01.5Z"),
            ("1.7965512015e+09", "2026-12-06T10:00:01.5Z"),
            ("100000000", "1973-03-03T09:46:40Z"),
        ] {
            both(text, at);
        }
        // Not times: what is wrong is refused, not guessed.
        for bad in [
            "+1h",
            "-1h ago",
            "10:00",
            "10:00:00",
            "90",
            "12345678",
            "20261206",
            "1h!",
            "2026-12-6",
            "2026-13-01",
            "2026-02-30",
            "2026-12-06 25:00",
            "2026-12-06 10:60",
            "2026-12-06 10",
            "2026-12-06 10:0",
            "2026-12-06 10:001",
            "2026-12-06 10:00:01 trailing",
            "2026-12-06 10:00.5",
            "2026-12-06Z",
            "2026-12-06-",
            "[2026-12-06 10:00:01",
            "[[2026-12-06]]",
            "Dec  6 10:00:01",
            "2026-12-06T10:00+25:00",
            "1796551201-",
            "17965512011234567890",
            "\u{1b}[2J",
            "９０m",
        ] {
            assert_eq!(since(bad), None, "--since {bad}");
            assert_eq!(until(bad), None, "--until {bad}");
        }
    }

    #[test]
    fn a_date_alone_follows_the_local_zones_days() {
        // New York's clocks go forward on 2026-03-08 (a day of 23 hours) and back on
        // 2026-11-01 (25 hours): the day is whole either way.
        let ny = Clock::new(TimeZone::get("America/New_York").unwrap());
        let day = |t| {
            let since = ny.bound(t, 0, Edge::Since).unwrap();
            let until = ny.bound(t, 0, Edge::Until).unwrap();
            (shown(since), (until - since) / 3_600_000_000_000)
        };
        assert_eq!(day("2026-03-08"), ("2026-03-08T05:00:00Z".into(), 23));
        assert_eq!(day("2026-11-01"), ("2026-11-01T04:00:00Z".into(), 25));
        assert_eq!(day("2026-12-06"), ("2026-12-06T05:00:00Z".into(), 24));
        // A day with no midnight (Havana's clocks went from 00:00 to 01:00 on 2026-03-08):
        // it starts at its first instant.
        let havana = Clock::new(TimeZone::get("America/Havana").unwrap());
        assert_eq!(
            havana
                .bound("2026-03-08", 0, Edge::Since)
                .map(shown)
                .as_deref(),
            Some("2026-03-08T05:00:00Z")
        );
        // jiff's last instant is on 9999-12-30: the days past it have no end, and are none.
        let utc = Clock::new(TimeZone::UTC);
        assert!(utc.bound("9999-12-29", 0, Edge::Until).is_some());
        assert_eq!(utc.bound("9999-12-30", 0, Edge::Until), None);
        assert_eq!(utc.bound("9999-12-31", 0, Edge::Since), None);
        assert!(utc.bound("0000-01-01", 0, Edge::Since).is_some());
    }

    #[test]
    fn clock_changes_are_read_as_compatible() {
        // 02:30 does not exist on 2026-03-08 in New York: read as 03:30 EDT.
        assert_eq!(
            at("America/New_York", "2026-03-08 02:30:00 x").as_deref(),
            Some("2026-03-08T07:30:00Z")
        );
        // Twice in a row: the cached minute gives the same answer.
        let clock = Clock::new(TimeZone::get("Europe/Berlin").unwrap());
        for _ in 0..2 {
            assert_eq!(
                clock
                    .time_of(b"2026-11-27 09:00:01 x", None)
                    .map(shown)
                    .as_deref(),
                Some("2026-11-27T08:00:01Z")
            );
        }
    }

    /// The time of `line` (the envelope in the JSON string that starts at `string`, or at
    /// `{"RequestId"`), read in `zone`, and the notes taken.
    fn read(zone: &str, line: &str, string: Option<&str>) -> (Option<String>, Vec<TimeNote>) {
        let clock = Clock::new(TimeZone::get(zone).unwrap());
        let start = match string {
            Some(key) => line.find(key).map(|i| i + key.len()),
            None => line.find("{\"RequestId\""),
        };
        let time = clock.time_of(line.as_bytes(), start).map(shown);
        (time, clock.notes().iter().cloned().collect())
    }

    #[test]
    fn a_zone_after_a_space() {
        let utc = |line: &str| read("UTC", line, None);
        let t = |s: &str| (Some(s.to_string()), vec![]);
        assert_eq!(
            utc("2026-12-06 10:00:00 +08:00 x"),
            t("2026-12-06T02:00:00Z")
        );
        assert_eq!(
            utc("2026-12-06 10:00:00 +0800 x"),
            t("2026-12-06T02:00:00Z")
        );
        assert_eq!(
            utc("2026-12-06 10:00:00 -0530 x"),
            t("2026-12-06T15:30:00Z")
        );
        // Go's time.String(), with the zone's name, a name that is an offset, and the
        // monotonic clock; the name after an offset says nothing more, and is no note.
        assert_eq!(
            utc("2026-12-06 10:00:00.123456789 +0800 CST ERROR {\"RequestId\":1}"),
            t("2026-12-06T02:00:00.123456789Z")
        );
        assert_eq!(
            utc("2026-12-06 10:00:00.123456789 +0800 +08 x"),
            t("2026-12-06T02:00:00.123456789Z")
        );
        // PostgreSQL's, and the other words for UTC.
        assert_eq!(
            utc("2026-12-06 10:00:00.123 UTC [123] LOG: x"),
            t("2026-12-06T10:00:00.123Z")
        );
        let shanghai = |line: &str| read("Asia/Shanghai", line, None);
        for word in ["UTC", "GMT", "Z", "UT"] {
            let line = format!("2026-12-06 10:00:00 {word} x");
            assert_eq!(shanghai(&line), t("2026-12-06T10:00:00Z"), "{line}");
        }
        // An offset from UTC written after it: never read as UTC itself.
        for (line, at) in [
            ("2026-12-06 10:00:00 GMT+08:00 x", "2026-12-06T02:00:00Z"),
            ("2026-12-06 10:00:00 UTC+8 x", "2026-12-06T02:00:00Z"),
            ("2026-12-06 10:00:00 UTC-05:00 x", "2026-12-06T15:00:00Z"),
        ] {
            assert_eq!(shanghai(line), t(at), "{line}");
        }
        assert_eq!(shanghai("2026-12-06 10:00:00 GMT+x y").0, None);
        // Words that are no zone: the time is the local zone's, and nothing is said.
        for line in [
            "2026-12-06 10:00:00 ERROR x",
            "2026-12-06 10:00:00 Zookeeper x",
            "2026-12-06 10:00:00 UTC2 x",
            "2026-12-06 10:00:00 +08 retries",
            "2026-12-06 10:00:00 -1 x",
            "2026-12-06 10:00:00 +08001 x",
        ] {
            assert_eq!(shanghai(line), t("2026-12-06T02:00:00Z"), "{line}");
        }
        // As a field's whole value.
        let field = |value: &str| {
            let line = format!(r#"{{"time":"{value}","resp":{{"RequestId":"a"}}}}"#);
            read("UTC", &line, None)
        };
        for value in [
            "2026-12-06 10:00:00.5 +0800 CST m=+0.000012345",
            "2026-12-06 10:00:00.5 +08:00",
            "2026-12-06 10:00:00.5 +0800 CST",
            "2026-12-06T02:00:00.5 UTC",
        ] {
            assert_eq!(field(value), t("2026-12-06T02:00:00.5Z"), "{value}");
        }
        assert_eq!(field("2026-12-06 10:00:00 +0800 lunch"), (None, vec![]));
    }

    #[test]
    fn an_abbreviation_alone_is_the_local_zone_and_said() {
        let line = "2026-12-06 10:00:00 CST ERROR {\"RequestId\":1}";
        let said = vec![TimeNote::Abbreviation("2026-12-06 10:00:00 CST".into())];
        assert_eq!(
            read("UTC", line, None),
            (Some("2026-12-06T10:00:00Z".into()), said.clone())
        );
        assert_eq!(
            read("Europe/Berlin", line, None),
            (Some("2026-12-06T09:00:00Z".into()), said)
        );
        // The local zone's own abbreviation then says nothing new.
        assert_eq!(
            read("Asia/Shanghai", line, None),
            (Some("2026-12-06T02:00:00Z".into()), vec![])
        );
        assert_eq!(
            read("America/Chicago", line, None),
            (Some("2026-12-06T16:00:00Z".into()), vec![])
        );
        // Said once, with the first time that had one.
        let clock = Clock::new(TimeZone::UTC);
        for line in ["2026-12-06 10:00:00 PST x", "2026-12-06 11:00:00 CST x"] {
            assert!(clock.time_of(line.as_bytes(), None).is_some());
        }
        let notes: Vec<TimeNote> = clock.notes().iter().cloned().collect();
        assert_eq!(
            notes,
            [TimeNote::Abbreviation("2026-12-06 10:00:00 PST".into())]
        );
    }

    #[test]
    fn an_impossible_offset_is_no_time_and_said() {
        for (line, written) in [
            ("2026-12-06T10:00:00+25:00 x", "2026-12-06T10:00:00+25:00"),
            ("2026-12-06T10:00:00.5+0860 x", "2026-12-06T10:00:00.5+0860"),
            ("2026-12-06 10:00:00 +0860 x", "2026-12-06 10:00:00 +0860"),
            ("2026-12-06 10:00:00 -24:00 x", "2026-12-06 10:00:00 -24:00"),
            // No later time is taken instead.
            (
                "2026-12-06T10:00:00+25 at 2026-12-06T10:00:00Z x",
                "2026-12-06T10:00:00+25",
            ),
        ] {
            let said = vec![TimeNote::ImpossibleOffset(written.into())];
            assert_eq!(read("UTC", line, None), (None, said), "{line}");
        }
        let field = r#"{"time":"2026-12-06T10:00:00+25:00","resp":{"RequestId":"a"}}"#;
        assert_eq!(read("UTC", field, None).0, None);
        let clock = Clock::new(TimeZone::UTC);
        assert_eq!(
            clock.bound("2026-12-06T10:00:00+25:00", 0, Edge::Since),
            None
        );
        assert_eq!(
            clock.bound("2026-12-06 10:00:00 +0860", 0, Edge::Since),
            None
        );
        // Said once, however many lines.
        let clock = Clock::new(TimeZone::UTC);
        for line in ["2026-12-06T10:00:00+25:00 x", "2026-12-06T11:00:00+0860 x"] {
            assert_eq!(clock.time_of(line.as_bytes(), None), None);
        }
        assert_eq!(clock.notes().iter().count(), 1);
    }

    #[test]
    fn milliseconds_are_rounded_toward_the_past_and_bounded() {
        assert_eq!(millis(1_999_999), 1);
        assert_eq!(millis(-1), -1);
        assert_eq!(millis(-1_000_000), -1);
        assert_eq!(millis(-1_000_001), -2);
        assert_eq!(
            millis(Nanos::from(i64::MIN)),
            i64::MIN.div_euclid(1_000_000)
        );
        // Past 64 bits, the same division.
        assert_eq!(millis(Nanos::from(i64::MAX) + 1), i64::MAX / 1_000_000);
        assert_eq!(
            millis(Nanos::from(i64::MIN) - 1),
            i64::MIN.div_euclid(1_000_000)
        );
        assert_eq!(millis(Nanos::MAX), i64::MAX);
        assert_eq!(millis(Nanos::MIN), i64::MIN);
    }

    #[test]
    fn fractions_to_the_nanosecond() {
        let utc = |line| at("UTC", line);
        assert_eq!(
            utc("2026-12-06T10:00:01.123456789Z x").as_deref(),
            Some("2026-12-06T10:00:01.123456789Z")
        );
        assert_eq!(
            utc("2026-12-06T10:00:01.000000001+08:00 x").as_deref(),
            Some("2026-12-06T02:00:01.000000001Z")
        );
        // Past nanoseconds, digits are dropped, not rounded.
        assert_eq!(
            utc("2026-12-06T10:00:01.1234567899Z x").as_deref(),
            Some("2026-12-06T10:00:01.123456789Z")
        );
    }

    #[test]
    fn epoch_numbers_by_magnitude_in_fields_and_strings() {
        let field = |key: &str, value: &str| {
            at(
                "UTC",
                &format!(r#"{{"{key}":{value},"resp":{{"RequestId":"a"}}}}"#),
            )
        };
        for (value, time) in [
            ("1796551201", "2026-12-06T10:00:01Z"),
            ("1796551201123", "2026-12-06T10:00:01.123Z"),
            ("1796551201123456", "2026-12-06T10:00:01.123456Z"),
            ("1796551201123456789", "2026-12-06T10:00:01.123456789Z"),
            ("1796551201.123456789", "2026-12-06T10:00:01.123456789Z"),
            ("1796551201.5", "2026-12-06T10:00:01.5Z"),
            ("1.7965512011234e+09", "2026-12-06T10:00:01.1234Z"),
        ] {
            assert_eq!(field("ts", value).as_deref(), Some(time), "{value}");
            let quoted = format!("\"{value}\"");
            assert_eq!(field("ts", &quoted).as_deref(), Some(time), "{quoted}");
        }
        // journald: a string of epoch microseconds.
        assert_eq!(
            field("__REALTIME_TIMESTAMP", "\"1796551201123456\"").as_deref(),
            Some("2026-12-06T10:00:01.123456Z")
        );
        // Small numbers are seconds since 1970, as written.
        assert_eq!(field("ts", "0").as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(field("ts", "\"17965512011234567890\""), None);
    }

    #[test]
    fn a_line_in_a_wrapper_takes_the_wrapper_time_unless_it_has_its_own() {
        let t = |time: &str| (Some(time.to_string()), vec![]);
        // Docker json-file: the envelope in the `log` string, the time in `time`.
        let docker = r#"{"log":"{\"RequestId\":\"a\",\"StatusCode\":41601}\n","stream":"stdout","time":"2026-12-06T10:00:01.123456789Z"}"#;
        assert_eq!(
            read("UTC", docker, Some(r#"{"log":"#)),
            t("2026-12-06T10:00:01.123456789Z")
        );
        // The `log` text's own time wins (read in the local zone, as its program wrote it).
        let docker = r#"{"log":"2026/12/06 10:00:01 ERROR {\"RequestId\":\"a\"}\n","stream":"stderr","time":"2026-12-06T02:00:01.5Z"}"#;
        assert_eq!(
            read("Asia/Shanghai", docker, Some(r#"{"log":"#)),
            t("2026-12-06T02:00:01Z")
        );
        let docker = r#"{"log":"ERROR {\"RequestId\":\"a\"}\n","time":"2026-12-06T02:00:01.5Z"}"#;
        assert_eq!(
            read("Asia/Shanghai", docker, Some(r#"{"log":"#)),
            t("2026-12-06T02:00:01.5Z")
        );
        // journald's JSON export.
        let journald = r#"{"__REALTIME_TIMESTAMP":"1796551201123456","_PID":"7","MESSAGE":"{\"RequestId\":\"a\"}"}"#;
        assert_eq!(
            read("UTC", journald, Some(r#""MESSAGE":"#)),
            t("2026-12-06T10:00:01.123456Z")
        );
        // Loki's logcli -o jsonl.
        let loki = r#"{"labels":{"app":"x"},"line":"{\"RequestId\":\"a\"}","timestamp":"2026-12-06T10:00:01.123456789+08:00"}"#;
        assert_eq!(
            read("UTC", loki, Some(r#""line":"#)),
            t("2026-12-06T02:00:01.123456789Z")
        );
        // A container runtime's (CRI) line: its time, unless the text has one of its own.
        let cri = r#"2026-12-06T10:00:01.123456789+08:00 stdout F {"RequestId":"a"}"#;
        assert_eq!(read("UTC", cri, None), t("2026-12-06T02:00:01.123456789Z"));
        let cri =
            r#"2026-12-06T10:00:01.5+08:00 stderr P 2026-12-06 02:00:00 ERROR {"RequestId":"a"}"#;
        assert_eq!(read("UTC", cri, None), t("2026-12-06T02:00:00Z"));
    }

    #[test]
    fn window_edges_to_the_nanosecond() {
        let clock = Clock::new(TimeZone::UTC);
        let time = |line: &str| clock.time_of(line.as_bytes(), None);
        let w = Window {
            since: clock.bound("2026-11-27T08:00:00Z", 0, Edge::Since),
            until: clock.bound("2026-11-27T08:00:01Z", 0, Edge::Since),
        };
        // Half a millisecond, and a nanosecond, before --since: out. At it: in.
        assert!(!w.contains(time("2026-11-27T07:59:59.9995Z x")));
        assert!(!w.contains(time("2026-11-27T07:59:59.999999999Z x")));
        assert!(w.contains(time("2026-11-27T08:00:00Z x")));
        assert!(w.contains(time("2026-11-27T08:00:00.000000001Z x")));
        // --until is not included: a nanosecond before it is in, at it out.
        assert!(w.contains(time("2026-11-27T08:00:00.999999999Z x")));
        assert!(!w.contains(time("2026-11-27T08:00:01Z x")));
        // A bound keeps its own nanoseconds, and its zone after a space.
        let since = clock.bound("2026-11-27T08:00:00.0000005Z", 0, Edge::Since);
        assert_eq!(
            since.map(shown).as_deref(),
            Some("2026-11-27T08:00:00.0000005Z")
        );
        let w = Window { since, until: None };
        assert!(!w.contains(time("2026-11-27T08:00:00.000000499Z x")));
        assert!(w.contains(time("2026-11-27T08:00:00.0000005Z x")));
        assert_eq!(
            clock
                .bound("2026-11-27 16:00:00.25 +0800", 0, Edge::Since)
                .map(shown)
                .as_deref(),
            Some("2026-11-27T08:00:00.25Z")
        );
        // Offsets back from now, in nanoseconds.
        assert_eq!(
            clock.bound("-1s", 1_500_000_000, Edge::Since),
            Some(500_000_000)
        );
        assert_eq!(millis(-1), -1);
        assert_eq!(millis(1_999_999), 1);
    }

    mod never_panics {
        use super::*;
        use proptest::prelude::*;

        /// Records made of what a time, a prefix or a record's fields are written with, cut
        /// anywhere: a string's closing quote or an escape's second byte may be missing.
        fn record() -> impl Strategy<Value = Vec<u8>> {
            let piece = prop::sample::select(vec![
                "{",
                "}",
                "[",
                "]",
                "\"",
                "\\",
                ":",
                ",",
                " ",
                "\"ts\"",
                "\"time\"",
                "2026-11-27T08:00:01",
                ".123",
                "Z",
                "+08:00",
                "1795737600",
                ".5",
                "e+09",
                "{\"StatusCode\":2}",
                "x",
                " +0800",
                " CST",
                " UTC",
                "+25:00",
                " m=+0.5",
                " stdout F ",
                "1796551201123456789",
            ]);
            prop::collection::vec(piece, 0..16).prop_map(|p| p.concat().into_bytes())
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

            /// A record's time is looked for in any bytes without a panic, wherever the
            /// envelope is said to start.
            #[test]
            fn any_record(record in record(), start in any::<prop::sample::Index>()) {
                let clock = Clock::new(TimeZone::UTC);
                let start = start.index(record.len() + 1);
                let _ = clock.time_of(&record, Some(start));
                let _ = clock.time_of(&record, None);
            }
        }

        #[test]
        fn a_backslash_last_in_a_record() {
            let clock = Clock::new(TimeZone::UTC);
            let record = br#"{"":{""{"statuscode":2}"""\"#;
            assert_eq!(clock.time_of(record, Some(7)), None);
            assert_eq!(clock.time_of(br#"{"ts":"\"#, None), None);
        }
    }
}
