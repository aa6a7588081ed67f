//! `explain --summary`'s counts: envelopes per code, in the order codes were first seen. The
//! first [`MAX_CODES`] distinct codes are counted exactly; later new codes are counted together,
//! with an estimate of how many distinct codes they are, so memory stays bounded whatever the
//! input. Merging the counts of consecutive parts gives what counting them in one pass gives.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::input::Api;

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
}

/// One row: a key and its count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What is counted.
    pub key: Key,
    /// Envelopes.
    pub count: u64,
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
    /// Envelopes of codes after the first [`MAX_CODES`].
    pub other: u64,
    /// How many distinct codes `other` holds, estimated.
    pub other_codes: Distinct,
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
            other: 0,
            other_codes: Distinct::default(),
        }
    }

    /// The exact rows, in the order their codes were first seen.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Counts an envelope of a legacy code that is row `row` of the table (a faster path for
    /// the usual envelope: no hashing).
    pub fn add_row(&mut self, row: usize, code: u32, error: bool) {
        match self.by_row.get(row) {
            Some(&slot) if slot > 0 => {
                self.envelopes += 1;
                self.errors += u64::from(error);
                self.entries[slot as usize - 1].count += 1;
            }
            _ => {
                let key = Key {
                    api: Api::Legacy,
                    code: Some(Code::Number(i128::from(code))),
                    meaning: None,
                };
                if let Some(i) = self.add(key, error) {
                    if let Some(slot) = self.by_row.get_mut(row) {
                        *slot = (i + 1) as u32;
                    }
                }
            }
        }
    }

    /// Counts an envelope; returns the index of its row, when it has one of its own.
    pub fn add(&mut self, key: Key, error: bool) -> Option<usize> {
        self.envelopes += 1;
        self.errors += u64::from(error);
        self.add_count(key, 1)
    }

    fn add_count(&mut self, key: Key, count: u64) -> Option<usize> {
        if let Some(&i) = self.index.get(&key) {
            self.entries[i].count += count;
            return Some(i);
        }
        if self.entries.len() < MAX_CODES {
            self.index.insert(key.clone(), self.entries.len());
            self.entries.push(Entry { key, count });
            return Some(self.entries.len() - 1);
        }
        self.other += count;
        self.other_codes.add(&key);
        None
    }

    /// Takes in the counts of input that came after all of this summary's.
    pub fn merge(&mut self, later: Summary) {
        self.envelopes += later.envelopes;
        self.errors += later.errors;
        for entry in later.entries {
            self.add_count(entry.key, entry.count);
        }
        self.other += later.other;
        self.other_codes.merge(&later.other_codes);
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

    fn key(n: i128) -> Key {
        Key {
            api: Api::Legacy,
            code: Some(Code::Number(n)),
            meaning: None,
        }
    }

    #[test]
    fn exact_for_the_first_codes_then_counted_together() {
        let mut s = Summary::new(0);
        for n in 0..(MAX_CODES as i128 + 500) {
            s.add(key(n), true);
            s.add(key(n), false);
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
            whole.add(key(c), c % 2 == 0);
        });
        let mut merged = Summary::new(0);
        for part in codes.chunks(7_000) {
            let mut s = Summary::new(0);
            part.iter().for_each(|&c| {
                s.add(key(c), c % 2 == 0);
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
        s.add_row(1, 41601, true);
        s.add(key(41601), true);
        s.add_row(1, 41601, false);
        assert_eq!(
            s.entries(),
            [Entry {
                key: key(41601),
                count: 3
            }]
        );
        assert_eq!(Code::text(&"码".repeat(200)), Code::Text("码".repeat(85)));
    }
}
