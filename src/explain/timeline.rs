//! `--summary --by DURATION`: per code, envelopes per time bucket. Buckets start at whole
//! multiples of the duration since the epoch (UTC). Memory stays bounded: a code keeps only the
//! buckets it has envelopes in, and a summary at most [`MAX_CELLS`] of them in all.

use crate::input::time::Millis;

/// The most buckets a span may take: a wider one asks for a larger duration.
pub const MAX_BUCKETS: i64 = 10_000;

/// The most (code, bucket) counts a summary keeps; past them it is over the bound.
pub const MAX_CELLS: usize = 200_000;

/// One code's envelopes per bucket.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Buckets {
    /// (bucket, envelopes), by bucket; a bucket is its start divided by the duration.
    pub counts: Vec<(i64, u64)>,
    /// Envelopes without a time.
    pub untimed: u64,
}

impl Buckets {
    /// Counts `n` envelopes in `bucket`; returns whether a bucket was made for them.
    pub fn add(&mut self, bucket: Option<i64>, n: u64) -> bool {
        let Some(b) = bucket else {
            self.untimed += n;
            return false;
        };
        // Logs come in order: the last bucket is the usual one.
        if let Some((last, count)) = self.counts.last_mut() {
            if *last == b {
                *count += n;
                return false;
            }
        }
        match self.counts.binary_search_by_key(&b, |&(k, _)| k) {
            Ok(i) => {
                self.counts[i].1 += n;
                false
            }
            Err(i) => {
                self.counts.insert(i, (b, n));
                true
            }
        }
    }

    /// Takes in another part's counts of the same code; returns how many buckets were made.
    pub fn merge(&mut self, later: &Buckets) -> usize {
        self.untimed += later.untimed;
        later
            .counts
            .iter()
            .filter(|&&(b, n)| self.add(Some(b), n))
            .count()
    }
}

/// The bucket of a time.
pub fn bucket_of(time: Millis, by: Millis) -> i64 {
    time.div_euclid(by)
}

/// A duration as `--by` takes it ([`duration`](crate::input::time::duration): `30s`, `5m`,
/// `1h`, `1d`, `1h30m`…): whole seconds, over zero, as buckets are named; in milliseconds.
pub fn duration(text: &str) -> Option<Millis> {
    let millis = crate::input::time::duration(text)?.as_millis();
    i64::try_from(millis)
        .ok()
        .filter(|&d| d > 0 && d % 1_000 == 0)
}

/// The smallest duration of whole seconds, minutes, hours or days that fits `span` (in
/// milliseconds) into [`MAX_BUCKETS`] buckets, as `--by` takes it.
pub fn fitting(span: Millis) -> String {
    let seconds = (span / MAX_BUCKETS / 1_000 + 1).max(1);
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60)] {
        if seconds >= size {
            return format!("{}{unit}", (seconds + size - 1) / size);
        }
    }
    format!("{seconds}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration("30s"), Some(30_000));
        assert_eq!(duration("5m"), Some(300_000));
        assert_eq!(duration("1h"), Some(3_600_000));
        assert_eq!(duration("1d"), Some(86_400_000));
        assert_eq!(duration("1h30m"), Some(5_400_000));
        assert_eq!(duration("1.5h"), Some(5_400_000));
        assert_eq!(duration("1w"), Some(7 * 86_400_000));
        assert_eq!(duration("90 minutes"), Some(5_400_000));
        for bad in [
            "",
            "h",
            "0s",
            "-1h",
            "1mo",
            "1y",
            "99999999999999999d",
            "5 apples",
        ] {
            assert_eq!(duration(bad), None, "{bad}");
        }
        // Two days in buckets of at least 18 seconds.
        assert_eq!(fitting(2 * 86_400_000), "18s");
        assert_eq!(fitting(400 * 86_400_000), "58m");
        assert_eq!(fitting(1), "1s");
    }

    #[test]
    fn buckets_in_any_order_merge_as_in_one_pass() {
        let times = [5, 1, 1, 9, 3, 5, 5, 0];
        let mut whole = Buckets::default();
        for t in times {
            whole.add(Some(t), 1);
        }
        whole.add(None, 2);
        let mut merged = Buckets::default();
        for part in times.chunks(3) {
            let mut b = Buckets::default();
            part.iter().for_each(|&t| {
                b.add(Some(t), 1);
            });
            merged.merge(&b);
        }
        merged.merge(&Buckets {
            counts: Vec::new(),
            untimed: 2,
        });
        assert_eq!(merged, whole);
        assert_eq!(whole.counts, [(0, 1), (1, 2), (3, 1), (5, 3), (9, 1)]);
    }
}
