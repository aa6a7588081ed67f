//! `explain --summary`'s counts: envelopes per code, in the order codes were first seen. The
//! first [`MAX_CODES`] distinct codes are counted exactly; later new codes are counted together,
//! with an estimate of how many distinct codes they are, so memory stays bounded whatever the
//! input. Merging the counts of consecutive parts gives what counting them in one pass gives.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::explain::recent::Recent;
use crate::explain::timeline::{bucket_of, Buckets, MAX_CELLS};
use crate::input::time::Millis;
use crate::input::{Api, Value};

/// Distinct codes counted exactly.
pub const MAX_CODES: usize = 10_000;

/// The longest code kept as text, in bytes (a longer one is cut, at a character boundary).
pub const MAX_CODE_TEXT: usize = 256;

/// A code as the summary keys it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// A whole number (legacy `StatusCode`).
    Number(i128),
    /// Text: an API 3.0 code, or a legacy `StatusCode` that is not a whole number.
    Text(String),
}

impl Code {
    /// `text` as a code, cut to [`MAX_CODE_TEXT`] bytes.
    pub fn text(text: &str) -> Code {
        let mut end = text.len().min(MAX_CODE_TEXT);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Code::Text(text[..end].to_string())
    }
}

/// What one summary row counts: the API generation and the code (`None`: no code; for API
/// 3.0, a success).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    /// Which API generation.
    pub api: Api,
    /// The code.
    pub code: Option<Code>,
    /// For a code with several meanings (51603), the one `Message` names (0-based).
    pub meaning: Option<u8>,
    /// API 3.0 without a code: which kind of answer, counted apart from the successes, which
    /// have no code either.
    pub uncoded: Uncoded,
}

/// What an API 3.0 answer without a code is, so that each kind is a row of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Uncoded {
    /// It has a code, or it is a success (no `Error`).
    No,
    /// `Response.Error` without a `Code`.
    Error,
    /// An SDK's error string without a code or a RequestId: raised on the client.
    SdkClient,
    /// An SDK's error string without a code but with a RequestId: an answer of the API whose
    /// code the string leaves out (Node.js).
    SdkUnprinted,
}

impl Uncoded {
    /// The kind of `env`.
    pub fn of(env: &crate::input::Envelope<'_>) -> Uncoded {
        match (env.api, env.status_code, env.error) {
            (Api::V3, None, true) if env.text_form && env.request_id.is_some() => {
                Uncoded::SdkUnprinted
            }
            (Api::V3, None, true) if env.text_form => Uncoded::SdkClient,
            (Api::V3, None, true) => Uncoded::Error,
            _ => Uncoded::No,
        }
    }
}

impl Key {
    /// The key rows are matched by: an API 3.0 code in ASCII lower case (`InternalError`,
    /// `INTERNALERROR` and `internalerror` are one code), anything else as it is. The row keeps
    /// the spelling first seen (the table's, for a code of the table).
    pub fn folded(&self) -> std::borrow::Cow<'_, Key> {
        match (&self.api, &self.code) {
            (Api::V3, Some(Code::Text(t))) if t.bytes().any(|b| b.is_ascii_uppercase()) => {
                std::borrow::Cow::Owned(Key {
                    code: Some(Code::Text(t.to_ascii_lowercase())),
                    ..self.clone()
                })
            }
            _ => std::borrow::Cow::Borrowed(self),
        }
    }
}

#[cfg(test)]
impl Key {
    /// The key of a legacy code with one meaning, for tests.
    pub(crate) fn legacy(n: i128) -> Key {
        Key {
            api: Api::Legacy,
            code: Some(Code::Number(n)),
            meaning: None,
            uncoded: Uncoded::No,
        }
    }
}

/// Which table a row is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowTable {
    Legacy,
    V3,
}

/// What `--group` summarises by instead of the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// The code's category in the table (`auth`, `device`, `internal`…).
    Category,
    /// The code's retry class (`backoff`, `after-fix`, `never`).
    Retry,
}

/// The sample RequestIds kept per code, to quote to support.
pub const REQUEST_IDS: usize = 3;

/// The longest sample RequestId kept, in characters (a longer one is cut, with `…`): the
/// terminal layouts wrap an ID rather than cut it, and no real one is this long.
pub const MAX_REQUEST_ID: usize = 200;

/// One row: a key, its count, when it was first and last seen, and sample RequestIds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What is counted.
    pub key: Key,
    /// Envelopes.
    pub count: u64,
    /// Of them, errors.
    pub errors: u64,
    /// When it was seen, of its envelopes that have a time.
    pub seen: Span,
    /// The first distinct RequestIds, in input order (at most [`REQUEST_IDS`]).
    pub request_ids: Vec<String>,
    /// With `--by`: envelopes per time bucket.
    pub buckets: Buckets,
    /// With `--live`: envelopes per slot of the last minutes.
    pub recent: Option<Box<Recent>>,
}

/// The earliest and the latest time of a set of envelopes (milliseconds since the epoch):
/// both `None` when none had a time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    /// The earliest.
    pub first: Option<Millis>,
    /// The latest.
    pub last: Option<Millis>,
}

impl Span {
    /// Takes in one time.
    pub fn add(&mut self, time: Option<Millis>) {
        if let Some(t) = time {
            self.first = Some(self.first.map_or(t, |f| f.min(t)));
            self.last = Some(self.last.map_or(t, |l| l.max(t)));
        }
    }

    /// Takes in another span.
    pub fn merge(&mut self, other: Span) {
        self.add(other.first);
        self.add(other.last);
    }
}

/// What is known of one envelope besides its key: when it was logged, and its RequestId.
#[derive(Debug, Clone, Copy, Default)]
pub struct Seen<'a> {
    /// When it was logged.
    pub time: Option<Millis>,
    /// Its RequestId.
    pub request_id: Option<Value<'a>>,
    /// With `--live`: the time it counts at in the recent slots (when it was logged, else
    /// when it was read).
    pub recent: Option<Millis>,
}

impl Entry {
    fn new(key: Key, count: u64) -> Entry {
        Entry {
            key,
            count,
            errors: 0,
            seen: Span::default(),
            request_ids: Vec::new(),
            buckets: Buckets::default(),
            recent: None,
        }
    }

    fn see(&mut self, seen: &Seen<'_>) {
        self.seen.add(seen.time);
        if let Some(t) = seen.recent {
            self.recent.get_or_insert_with(Box::default).add(t, 1);
        }
        if self.request_ids.len() < REQUEST_IDS {
            if let Some(id) = seen.request_id {
                self.add_request_id(id.text_short(MAX_REQUEST_ID).into_owned());
            }
        }
    }

    fn add_request_id(&mut self, id: String) {
        if self.request_ids.len() < REQUEST_IDS && !id.is_empty() && !self.request_ids.contains(&id)
        {
            self.request_ids.push(id);
        }
    }

    /// Takes in the same key's row from input that came later; returns how many buckets were
    /// made.
    fn merge(&mut self, later: Entry) -> usize {
        self.count += later.count;
        self.errors += later.errors;
        self.seen.merge(later.seen);
        for id in later.request_ids {
            self.add_request_id(id);
        }
        if let Some(recent) = later.recent {
            match &mut self.recent {
                Some(mine) => mine.merge(&recent),
                None => self.recent = Some(recent),
            }
        }
        self.buckets.merge(&later.buckets)
    }
}

/// The counts.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Envelopes counted.
    pub envelopes: u64,
    /// Of them, errors.
    pub errors: u64,
    entries: Vec<Entry>,
    index: HashMap<Key, usize>,
    /// Per row of the table: the entry of its code, plus one (0: none yet).
    by_row: Vec<u32>,
    /// The same per row of the API 3.0 table, made as its rows are met.
    by_v3_row: Vec<u32>,
    /// Envelopes of codes after the first [`MAX_CODES`].
    pub other: u64,
    /// How many distinct codes `other` holds, estimated.
    pub other_codes: Distinct,
    /// When the envelopes of `other` were seen.
    pub other_seen: Span,
    /// Of the envelopes of `other`, errors.
    pub other_errors: u64,
    /// With `--live`: all envelopes counted, per slot of the last minutes.
    pub recent: Recent,
    /// With `--by`: the bucket duration, in milliseconds.
    pub by: Option<Millis>,
    /// Buckets kept, of all codes.
    cells: usize,
    /// More than [`MAX_CELLS`] buckets were asked for: the timeline is not whole.
    pub over: bool,
}

impl Summary {
    /// Empty counts, for a table of `rows` rows.
    pub fn new(rows: usize) -> Summary {
        Summary {
            envelopes: 0,
            errors: 0,
            entries: Vec::new(),
            index: HashMap::new(),
            by_row: vec![0; rows],
            by_v3_row: Vec::new(),
            other: 0,
            other_codes: Distinct::default(),
            other_seen: Span::default(),
            other_errors: 0,
            recent: Recent::default(),
            by: None,
            cells: 0,
            over: false,
        }
    }

    /// With `--by`: the first and the last bucket of all the codes.
    pub fn bucket_span(&self) -> Option<(i64, i64)> {
        self.entries
            .iter()
            .filter_map(|e| Some((e.buckets.counts.first()?.0, e.buckets.counts.last()?.0)))
            .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
    }

    /// These counts, with envelopes counted per bucket of `by` milliseconds too (`--by`).
    pub fn with_buckets(self, by: Option<Millis>) -> Summary {
        Summary { by, ..self }
    }

    /// Empty counts like these: as many table rows, the same `--by`.
    pub fn empty_like(&self) -> Summary {
        Summary::new(self.by_row.len()).with_buckets(self.by)
    }

    /// Counts `n` envelopes of the row at `i` in their time's bucket, within the bound.
    fn bucket(&mut self, i: usize, time: Option<Millis>) {
        let Some(by) = self.by else { return };
        if self.over {
            return;
        }
        if self.entries[i]
            .buckets
            .add(time.map(|t| bucket_of(t, by)), 1)
        {
            self.cells += 1;
            self.over = self.cells > MAX_CELLS;
        }
    }

    /// The exact rows, in the order their codes were first seen.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Counts an envelope of a legacy code that is row `row` of the table (a faster path for
    /// the usual envelope: no hashing).
    pub fn add_row(&mut self, row: usize, code: u32, error: bool, seen: &Seen<'_>) {
        let key = || Key {
            api: Api::Legacy,
            code: Some(Code::Number(i128::from(code))),
            meaning: None,
            uncoded: Uncoded::No,
        };
        self.add_known(RowTable::Legacy, row, key, error, seen);
    }

    /// Counts an envelope of an API 3.0 code with one meaning, `name` at row `row` of the API
    /// 3.0 table: as [`Summary::add_row`], the key made and hashed only the first time.
    pub fn add_v3_row(&mut self, row: usize, name: &str, error: bool, seen: &Seen<'_>) {
        let key = || Key {
            api: Api::V3,
            code: Some(Code::text(name)),
            meaning: None,
            uncoded: Uncoded::No,
        };
        self.add_known(RowTable::V3, row, key, error, seen);
    }

    /// Counts an envelope whose key (made by `key`) is that of row `row` of `table`, by the
    /// entry kept for the row once it is known.
    fn add_known(
        &mut self,
        table: RowTable,
        row: usize,
        key: impl FnOnce() -> Key,
        error: bool,
        seen: &Seen<'_>,
    ) {
        let slots = match table {
            RowTable::Legacy => &mut self.by_row,
            RowTable::V3 => &mut self.by_v3_row,
        };
        match slots.get(row) {
            Some(&slot) if slot > 0 => {
                self.envelopes += 1;
                if let Some(t) = seen.recent {
                    self.recent.add(t, 1);
                }
                self.errors += u64::from(error);
                let entry = &mut self.entries[slot as usize - 1];
                entry.count += 1;
                entry.errors += u64::from(error);
                entry.see(seen);
                self.bucket(slot as usize - 1, seen.time);
            }
            _ => {
                let Some(i) = self.add(key(), error, seen) else {
                    return;
                };
                let slots = match table {
                    RowTable::Legacy => &mut self.by_row,
                    RowTable::V3 => &mut self.by_v3_row,
                };
                if table == RowTable::V3 && slots.len() <= row {
                    slots.resize(row + 1, 0);
                }
                if let Some(slot) = slots.get_mut(row) {
                    *slot = (i + 1) as u32;
                }
            }
        }
    }

    /// Counts an envelope; returns the index of its row, when it has one of its own.
    pub fn add(&mut self, key: Key, error: bool, seen: &Seen<'_>) -> Option<usize> {
        self.envelopes += 1;
        if let Some(t) = seen.recent {
            self.recent.add(t, 1);
        }
        self.errors += u64::from(error);
        let at = self.slot(&key, 1);
        match at {
            Some(i) => {
                self.entries[i].count += 1;
                self.entries[i].errors += u64::from(error);
                self.entries[i].see(seen);
                self.bucket(i, seen.time);
            }
            None => {
                // Distinct as rows are: whatever the case of an API 3.0 code.
                self.other_codes.add(&*key.folded());
                self.other_seen.add(seen.time);
                self.other_errors += u64::from(error);
            }
        }
        at
    }

    /// The index of `key`'s row, made if there is room; `None` when `count` envelopes of it
    /// went to `other`.
    fn slot(&mut self, key: &Key, count: u64) -> Option<usize> {
        let folded = key.folded();
        if let Some(&i) = self.index.get(&*folded) {
            return Some(i);
        }
        if self.entries.len() < MAX_CODES {
            self.index.insert(folded.into_owned(), self.entries.len());
            self.entries.push(Entry::new(key.clone(), 0));
            return Some(self.entries.len() - 1);
        }
        self.other += count;
        None
    }

    /// A copy of these counts that keeps only the `n` rows a view puts first: codes with errors
    /// before the others, each most frequent first (ties in the order first seen). The totals,
    /// the recent slots and the codes past the first [`MAX_CODES`] are kept whole. Returns it,
    /// and how many rows it left out: a view showing at most `n` rows needs no more.
    pub fn head(&self, n: usize) -> (Summary, usize) {
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        let key = |&i: &usize| {
            let e = &self.entries[i];
            (e.errors == 0, std::cmp::Reverse(e.count), i)
        };
        if n == 0 {
            order.clear();
        } else if order.len() > n {
            order.select_nth_unstable_by_key(n - 1, key);
            order.truncate(n);
            // In the order first seen, as the whole summary holds them.
            order.sort_unstable();
        }
        let entries: Vec<Entry> = order.iter().map(|&i| self.entries[i].clone()).collect();
        let index = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key.folded().into_owned(), i))
            .collect();
        let left = self.entries.len() - entries.len();
        let copy = Summary {
            envelopes: self.envelopes,
            errors: self.errors,
            entries,
            index,
            by_row: vec![0; self.by_row.len()],
            by_v3_row: Vec::new(),
            other: self.other,
            other_codes: self.other_codes.clone(),
            other_seen: self.other_seen,
            other_errors: self.other_errors,
            recent: self.recent.clone(),
            by: self.by,
            cells: self.cells,
            over: self.over,
        };
        (copy, left)
    }

    /// Takes in the counts of input that came after all of this summary's.
    pub fn merge(&mut self, later: Summary) {
        self.envelopes += later.envelopes;
        self.errors += later.errors;
        self.recent.merge(&later.recent);
        for entry in later.entries {
            match self.slot(&entry.key, entry.count) {
                Some(i) => {
                    self.cells += self.entries[i].merge(entry);
                    self.over |= self.cells > MAX_CELLS;
                }
                None => {
                    self.other_codes.add(&*entry.key.folded());
                    self.other_seen.merge(entry.seen);
                    self.other_errors += entry.errors;
                }
            }
        }
        self.other += later.other;
        self.other_codes.merge(&later.other_codes);
        self.other_seen.merge(later.other_seen);
        self.other_errors += later.other_errors;
        self.over |= later.over;
    }
}

/// An estimate of how many distinct values were added (HyperLogLog, 1,024 registers: within
/// about 3%), in a kilobyte whatever their number; the same whatever the order of adding.
#[derive(Debug, Clone)]
pub struct Distinct {
    registers: Vec<u8>,
}

impl Default for Distinct {
    fn default() -> Self {
        Distinct {
            registers: vec![0; 1 << 10],
        }
    }
}

impl Distinct {
    fn add(&mut self, value: &impl Hash) {
        #[allow(deprecated)] // SipHasher's keys are fixed: the same estimate on every run
        let mut hasher = std::hash::SipHasher::new();
        value.hash(&mut hasher);
        let h = hasher.finish();
        let register = (h >> 54) as usize;
        let rank = ((h << 10) | (1 << 9)).leading_zeros() as u8 + 1;
        let r = &mut self.registers[register];
        *r = (*r).max(rank);
    }

    fn merge(&mut self, other: &Distinct) {
        for (a, b) in self.registers.iter_mut().zip(&other.registers) {
            *a = (*a).max(*b);
        }
    }

    /// Whether every value added to `other` may have been added here too (no register of
    /// `other` is higher): if not, `other` holds a value this never saw; if so, more distinct
    /// values are unlikely but not excluded.
    pub fn covers(&self, other: &Distinct) -> bool {
        self.registers
            .iter()
            .zip(&other.registers)
            .all(|(a, b)| a >= b)
    }

    /// The estimate.
    pub fn estimate(&self) -> u64 {
        let m = self.registers.len() as f64;
        let sum: f64 = self
            .registers
            .iter()
            .map(|&r| 2f64.powi(-i32::from(r)))
            .sum();
        let raw = 0.7213 / (1.0 + 1.079 / m) * m * m / sum;
        let zeros = self.registers.iter().filter(|&&r| r == 0).count();
        let estimate = if raw <= 2.5 * m && zeros > 0 {
            m * (m / zeros as f64).ln()
        } else {
            raw
        };
        estimate.round() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_past_the_bound_are_distinct_whatever_their_case_read_whole_or_in_parts() {
        let v3 = |t: &str| Key {
            api: Api::V3,
            code: Some(Code::text(t)),
            meaning: None,
            uncoded: Uncoded::No,
        };
        let mut full = Summary::new(0);
        for n in 0..MAX_CODES {
            full.add(Key::legacy(n as i128), false, &Seen::default());
        }
        let spellings = ["Zed.Code0", "ZED.CODE0", "zed.code0"];
        let mut whole = full.clone();
        for t in spellings {
            whole.add(v3(t), true, &Seen::default());
        }
        let mut part = Summary::new(0);
        for t in spellings {
            part.add(v3(t), true, &Seen::default());
        }
        full.merge(part);
        for summary in [whole, full] {
            assert_eq!(summary.other, 3);
            assert_eq!(summary.other_codes.estimate(), 1);
        }
    }

    fn key(n: i128) -> Key {
        Key::legacy(n)
    }

    #[test]
    fn exact_for_the_first_codes_then_counted_together() {
        let mut s = Summary::new(0);
        for n in 0..(MAX_CODES as i128 + 500) {
            s.add(key(n), true, &Seen::default());
            s.add(key(n), false, &Seen::default());
        }
        assert_eq!(s.entries().len(), MAX_CODES);
        assert_eq!(s.other, 1000);
        let estimate = s.other_codes.estimate();
        assert!((470..=530).contains(&estimate), "{estimate}");
        assert_eq!(
            (s.envelopes, s.errors),
            (2 * (MAX_CODES as u64 + 500), MAX_CODES as u64 + 500)
        );
    }

    #[test]
    fn merging_parts_equals_counting_in_one_pass() {
        let codes: Vec<i128> = (0..30_000).map(|i| (i * 7919) % 12_000).collect();
        let mut whole = Summary::new(0);
        codes.iter().for_each(|&c| {
            whole.add(key(c), c % 2 == 0, &Seen::default());
        });
        let mut merged = Summary::new(0);
        for part in codes.chunks(7_000) {
            let mut s = Summary::new(0);
            part.iter().for_each(|&c| {
                s.add(key(c), c % 2 == 0, &Seen::default());
            });
            merged.merge(s);
        }
        assert_eq!(merged.entries(), whole.entries());
        assert_eq!(
            (merged.other, merged.envelopes, merged.errors),
            (whole.other, whole.envelopes, whole.errors)
        );
        assert_eq!(merged.other_codes.estimate(), whole.other_codes.estimate());
    }

    #[test]
    fn the_row_path_counts_as_the_keyed_path() {
        let mut s = Summary::new(3);
        let seen = |time, id: &'static str| Seen {
            time,
            request_id: Some(Value(id.as_bytes())),
            recent: None,
        };
        s.add_row(1, 41601, true, &seen(Some(5), "\"a\""));
        s.add(key(41601), true, &seen(None, "\"b\""));
        s.add_row(1, 41601, false, &seen(Some(2), "\"a\""));
        let mut expected = Entry::new(key(41601), 3);
        expected.errors = 2;
        expected.seen = Span {
            first: Some(2),
            last: Some(5),
        };
        expected.request_ids = vec!["a".into(), "b".into()];
        assert_eq!(s.entries(), [expected]);
        assert_eq!(Code::text(&"码".repeat(200)), Code::Text("码".repeat(85)));
    }

    #[test]
    fn the_v3_row_path_counts_as_the_keyed_path_in_any_order_and_in_parts() {
        let v3 = |name: &str| Key {
            api: Api::V3,
            code: Some(Code::text(name)),
            meaning: None,
            uncoded: Uncoded::No,
        };
        let seen = Seen::default();
        // The keyed path first, then the row path; a row far into the table; and a part
        // whose rows were met first by the row path, merged.
        let mut keyed = Summary::new(0);
        let mut rows = Summary::new(0);
        let mut part = Summary::new(0);
        keyed.add(v3("InternalError"), true, &seen);
        rows.add(v3("InternalError"), true, &seen);
        for _ in 0..3 {
            keyed.add(v3("InternalError"), true, &seen);
            rows.add_v3_row(7, "InternalError", true, &seen);
            keyed.add(v3("AuthFailure"), true, &seen);
            part.add_v3_row(900, "AuthFailure", true, &seen);
        }
        rows.merge(part);
        rows.add_v3_row(900, "AuthFailure", false, &seen);
        keyed.add(v3("AuthFailure"), false, &seen);
        assert_eq!(rows.entries(), keyed.entries());
        assert_eq!(
            (rows.envelopes, rows.errors),
            (keyed.envelopes, keyed.errors)
        );
    }
}

#[cfg(test)]
mod head_tests {
    use super::*;

    #[test]
    fn the_head_keeps_the_rows_a_view_puts_first_and_the_totals() {
        let mut s = Summary::new(0);
        // 0..20: code n seen n + 1 times, the odd ones errors.
        for n in 0..20i128 {
            for _ in 0..=n {
                s.add(Key::legacy(n), n % 2 == 1, &Seen::default());
            }
        }
        let (head, left) = s.head(5);
        assert_eq!(left, 15);
        let codes: Vec<&Key> = head.entries().iter().map(|e| &e.key).collect();
        // The five most frequent error codes (19, 17, 15, 13, 11), in the order first seen.
        let expected: Vec<Key> = [11, 13, 15, 17, 19].map(Key::legacy).to_vec();
        assert_eq!(codes, expected.iter().collect::<Vec<_>>());
        assert_eq!((head.envelopes, head.errors), (s.envelopes, s.errors));
        // The copy counts on as the whole does: its index holds its rows.
        let mut head = head;
        head.add(Key::legacy(19), true, &Seen::default());
        assert_eq!(head.entries()[4].count, 21);
        assert_eq!(head.entries().len(), 5);
        let (all, left) = s.head(100);
        assert_eq!((all.entries(), left), (s.entries(), 0));
        assert_eq!(s.head(0).0.entries().len(), 0);
    }
}

#[cfg(test)]
mod seen_tests {
    use super::*;

    fn key(n: i128) -> Key {
        Key::legacy(n)
    }

    #[test]
    fn times_and_request_ids_merge_as_one_pass_keeps_them() {
        let ids: Vec<String> = (0..40).map(|i| format!("\"id-{}\"", i % 7)).collect();
        let seen = |i: usize| Seen {
            time: (i % 5 != 0).then_some(1_000 - (i as i64 * 37) % 900),
            request_id: Some(Value(ids[i].as_bytes())),
            recent: Some(1_000 - (i as i64 * 37) % 900),
        };
        let mut whole = Summary::new(0);
        (0..40).for_each(|i| {
            whole.add(key((i % 3) as i128), true, &seen(i));
        });
        let mut merged = Summary::new(0);
        for part in (0..40).collect::<Vec<_>>().chunks(6) {
            let mut s = Summary::new(0);
            part.iter().for_each(|&i| {
                s.add(key((i % 3) as i128), true, &seen(i));
            });
            merged.merge(s);
        }
        assert_eq!(merged.entries(), whole.entries());
        let first = &whole.entries()[0];
        assert_eq!(first.request_ids, ["id-0", "id-3", "id-6"]);
        assert!(first.seen.first <= first.seen.last && first.seen.first.is_some());
    }

    #[test]
    fn request_ids_are_bounded_and_blank_ones_are_not_samples() {
        let mut s = Summary::new(0);
        let long = format!("\"{}\"", "x".repeat(10_000));
        for id in ["\"\"", long.as_str(), "\"b\"", "\"c\"", "\"d\""] {
            s.add(
                key(1),
                true,
                &Seen {
                    time: None,
                    request_id: Some(Value(id.as_bytes())),
                    recent: None,
                },
            );
        }
        let ids = &s.entries()[0].request_ids;
        assert_eq!(ids.len(), REQUEST_IDS);
        assert_eq!(ids[0].chars().count(), MAX_REQUEST_ID + 1);
        assert_eq!(ids[1..], ["b", "c"]);
        assert_eq!(s.entries()[0].seen, Span::default());
    }
}
