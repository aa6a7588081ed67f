//! `explain --live`'s recent counts of a code: envelopes per ten seconds over the last ten
//! minutes, in a ring of fixed size, so that however long the view runs a code costs the same.
//! The rate over the last minute and the sparkline are read from it.

use crate::input::time::Millis;

/// The span of one slot, in milliseconds.
pub const SLOT: Millis = 10_000;

/// Slots kept: ten minutes.
pub const SLOTS: usize = 60;

/// Envelopes per [`SLOT`] over the last [`SLOTS`] slots before the newest time seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recent {
    /// The slot (time / [`SLOT`]) of the newest time seen.
    newest: i64,
    /// Counts, the slot `s` at `s mod SLOTS`.
    counts: [u32; SLOTS],
    /// The earliest and the latest time counted, however old.
    span: Option<(Millis, Millis)>,
}

impl Default for Recent {
    fn default() -> Self {
        Recent {
            newest: i64::MIN,
            counts: [0; SLOTS],
            span: None,
        }
    }
}

fn slot_of(time: Millis) -> i64 {
    time.div_euclid(SLOT)
}

fn index(slot: i64) -> usize {
    slot.rem_euclid(SLOTS as i64) as usize
}

impl Recent {
    /// Counts `n` envelopes at `time`; one older than the ring holds is left out of the slots
    /// (its time is still the earliest, if it is).
    pub fn add(&mut self, time: Millis, n: u32) {
        self.span = Some(match self.span {
            None => (time, time),
            Some((first, last)) => (first.min(time), last.max(time)),
        });
        self.count(slot_of(time), n);
    }

    /// The earliest and the latest time counted.
    pub fn span(&self) -> Option<(Millis, Millis)> {
        self.span
    }

    fn count(&mut self, slot: i64, n: u32) {
        if slot > self.newest {
            // The slots between the newest seen and this one are new: emptied.
            let gap = match self.newest {
                i64::MIN => SLOTS as i64,
                newest => (slot - newest).min(SLOTS as i64),
            };
            for s in (slot - gap + 1)..=slot {
                self.counts[index(s)] = 0;
            }
            self.newest = slot;
        } else if slot <= self.newest - SLOTS as i64 {
            return;
        }
        let c = &mut self.counts[index(slot)];
        *c = c.saturating_add(n);
    }

    /// The counts of the [`SLOTS`] slots that end with the one of `now`, oldest first.
    pub fn window(&self, now: Millis) -> [u32; SLOTS] {
        let last = slot_of(now);
        let mut out = [0; SLOTS];
        if self.newest == i64::MIN {
            return out;
        }
        for (i, o) in out.iter_mut().enumerate() {
            let s = last - (SLOTS as i64 - 1) + i as i64;
            if s <= self.newest && s > self.newest - SLOTS as i64 {
                *o = self.counts[index(s)];
            }
        }
        out
    }

    /// Envelopes in the minute up to `now`: the slot of `now` so far, the five before it
    /// whole, and of the sixth the part the minute still covers (counts spread evenly over a
    /// slot).
    pub fn last_minute(&self, now: Millis) -> u64 {
        let per_minute = (60_000 / SLOT) as usize;
        let window = self.window(now);
        let whole: u64 = window[SLOTS - per_minute..]
            .iter()
            .map(|&c| u64::from(c))
            .sum();
        let covered = SLOT - now.rem_euclid(SLOT);
        let edge = u64::from(window[SLOTS - per_minute - 1]);
        whole + (edge * covered as u64).div_ceil(SLOT as u64)
    }

    /// Takes in the counts of another ring (of input read beside this one's).
    pub fn merge(&mut self, other: &Recent) {
        if other.newest == i64::MIN {
            return;
        }
        for s in (other.newest - SLOTS as i64 + 1)..=other.newest {
            let n = other.counts[index(s)];
            if n > 0 {
                self.count(s, n);
            }
        }
        if let Some((first, last)) = other.span {
            self.span = Some(match self.span {
                None => (first, last),
                Some((f, l)) => (f.min(first), l.max(last)),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_land_in_their_slot_and_age_out() {
        let mut r = Recent::default();
        let t0 = 1_700_000_000_000;
        r.add(t0, 1);
        r.add(t0 + 5_000, 2);
        r.add(t0 + SLOT, 4);
        let w = r.window(t0 + SLOT);
        assert_eq!(w[SLOTS - 2..], [3, 4]);
        assert_eq!(r.last_minute(t0 + SLOT), 7);
        // A minute later, the first slots are out of the minute but still in the ring.
        // Half of the first slot is still within the minute: half its three, rounded up.
        assert_eq!(r.last_minute(t0 + 65_000), 4 + 2);
        assert_eq!(r.last_minute(t0 + 70_000), 4);
        assert_eq!(r.last_minute(t0 + 80_000), 0);
        assert_eq!(r.window(t0 + 70_000).iter().sum::<u32>(), 7);
        // Ten minutes later, nothing is left to show.
        assert_eq!(r.window(t0 + 11 * 60_000), [0; SLOTS]);
        // A newer time empties the slots it reuses.
        r.add(t0 + 10 * 60_000 + 1, 1);
        assert_eq!(r.window(t0 + 10 * 60_000 + 1).iter().sum::<u32>(), 1 + 4);
    }

    #[test]
    fn an_old_time_is_left_out_and_a_gap_is_empty() {
        let mut r = Recent::default();
        let t0 = 50 * 60_000;
        r.add(t0, 1);
        r.add(t0 - 10 * 60_000, 5);
        assert_eq!(r.window(t0).iter().sum::<u32>(), 1);
        r.add(t0 + 30 * 60_000, 2);
        assert_eq!(r.window(t0 + 30 * 60_000).iter().sum::<u32>(), 2);
        // Before the epoch too.
        let mut r = Recent::default();
        r.add(-1, 3);
        assert_eq!(r.window(0)[SLOTS - 2], 3);
    }

    #[test]
    fn merging_equals_counting_together() {
        let times: Vec<Millis> = (0..500)
            .map(|i| 1_000_000 + (i * 7_919) % 900_000)
            .collect();
        let mut whole = Recent::default();
        let (mut a, mut b) = (Recent::default(), Recent::default());
        for (i, &t) in times.iter().enumerate() {
            whole.add(t, 1);
            if i % 3 == 0 { &mut a } else { &mut b }.add(t, 1);
        }
        // Order matters for what ages out: merged in either order, the window of the end is
        // the same.
        let now = 1_900_000;
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(ab.window(now), ba.window(now));
        let expected: u32 = times
            .iter()
            .filter(|&&t| slot_of(t) > slot_of(now) - 60)
            .count() as u32;
        assert_eq!(ab.window(now).iter().sum::<u32>(), expected);
        assert_eq!(whole.window(now), ab.window(now));
    }

    #[test]
    fn counts_saturate() {
        let mut r = Recent::default();
        r.add(0, u32::MAX);
        r.add(1, 5);
        assert_eq!(r.window(0)[SLOTS - 1], u32::MAX);
    }
}
