//! `explain --diff BEFORE AFTER`: per code, the envelopes before and after, in the order that
//! matters during an incident: codes that are new, then codes that went away, then the
//! largest changes.

use std::collections::HashMap;

use crate::explain::summary::{Key, Summary};
use crate::explain::Verdict;

/// One code's counts in the two inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change<'a> {
    /// The code; `None` for the row of codes past the first [`crate::explain::summary::MAX_CODES`].
    pub key: Option<&'a Key>,
    /// Whether the row counts the code's errors or its successes (a code seen both ways has a
    /// row of each, compared apart); `None` for the row of codes past the first
    /// [`crate::explain::summary::MAX_CODES`], which counts both.
    pub verdict: Option<Verdict>,
    /// Envelopes before.
    pub before: u64,
    /// Envelopes after.
    pub after: u64,
    /// Of those after, errors.
    pub after_errors: u64,
    /// For the row of codes past the first [`crate::explain::summary::MAX_CODES`]: after, it
    /// holds errors that the same row before cannot be shown to cover (more distinct codes or
    /// more errors, or none before), so a new code may hide in it.
    pub uncovered: bool,
}

impl Change<'_> {
    /// After less before.
    pub fn change(&self) -> i128 {
        i128::from(self.after) - i128::from(self.before)
    }

    /// Seen after and not before.
    pub fn is_new(&self) -> bool {
        self.before == 0 && self.after > 0
    }

    /// Seen before and not after.
    pub fn is_gone(&self) -> bool {
        self.before > 0 && self.after == 0
    }

    /// A code of errors seen after and not before, or a row of later codes that may hide one:
    /// what `--check` fails on.
    pub fn is_new_error(&self) -> bool {
        (self.is_new() && self.after_errors > 0 && self.key.is_some()) || self.uncovered
    }
}

/// Whether the errors of `after`'s codes past the first
/// [`crate::explain::summary::MAX_CODES`] cannot be shown to be codes `before` had there too:
/// more errors or more distinct codes there, or none there before.
pub fn other_uncovered(before: &Summary, after: &Summary) -> bool {
    after.other_errors > 0
        && (before.other == 0
            || after.other_errors > before.other_errors
            || !before.other_codes.covers(&after.other_codes))
}

/// The codes of both inputs: new ones first, then those that went away, then the largest
/// changes (ties: the more envelopes after, then the order first seen, before then after).
pub fn compare<'a>(before: &'a Summary, after: &'a Summary) -> Vec<Change<'a>> {
    let mut changes = by_code(before, after);
    if before.other > 0 || after.other > 0 {
        changes.push(Change {
            key: None,
            verdict: None,
            before: before.other,
            after: after.other,
            after_errors: after.other_errors,
            uncovered: other_uncovered(before, after),
        });
    }
    let rank = |c: &Change<'_>| match (c.is_new(), c.is_gone()) {
        (true, _) => 0,
        (_, true) => 1,
        _ => 2,
    };
    // A stable sort: equal rows keep the order first seen.
    changes.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then_with(|| b.change().abs().cmp(&a.change().abs()))
            .then_with(|| b.after.cmp(&a.after))
    });
    changes
}

/// The changes of the codes both inputs counted, in the order first seen: before's, then
/// after's new ones.
fn by_code<'a>(before: &'a Summary, after: &'a Summary) -> Vec<Change<'a>> {
    let mut changes: Vec<Change<'a>> = Vec::new();
    // Rows are matched by the code (API 3.0 codes in any case) and the verdict.
    let mut index: HashMap<(Key, Verdict), usize> = HashMap::new();
    let split = |e: &'a crate::explain::summary::Entry| {
        [
            (Verdict::Error, e.errors),
            (Verdict::Success, e.count - e.errors),
        ]
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .map(move |(verdict, n)| (&e.key, verdict, n))
    };
    for (key, verdict, n) in before.entries().iter().flat_map(split) {
        index.insert((key.folded().into_owned(), verdict), changes.len());
        changes.push(Change {
            key: Some(key),
            verdict: Some(verdict),
            before: n,
            after: 0,
            after_errors: 0,
            uncovered: false,
        });
    }
    for (key, verdict, n) in after.entries().iter().flat_map(split) {
        let errors = if verdict == Verdict::Error { n } else { 0 };
        match index.get(&(key.folded().into_owned(), verdict)) {
            Some(&i) => {
                changes[i].after = n;
                changes[i].after_errors = errors;
            }
            None => changes.push(Change {
                key: Some(key),
                verdict: Some(verdict),
                before: 0,
                after: n,
                after_errors: errors,
                uncovered: false,
            }),
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::summary::{Code, Seen};

    fn key(n: i128) -> Key {
        Key::legacy(n)
    }

    fn summary(counts: &[(i128, u64)]) -> Summary {
        let mut s = Summary::new(0);
        for &(code, n) in counts {
            for _ in 0..n {
                s.add(key(code), code != 200, &Seen::default());
            }
        }
        s
    }

    #[test]
    fn new_codes_then_gone_ones_then_the_largest_changes() {
        let before = summary(&[(200, 10), (41601, 5), (52502, 1), (40001, 3)]);
        let after = summary(&[(200, 12), (41601, 1), (52502, 9), (51603, 2), (42505, 7)]);
        let changes = compare(&before, &after);
        let view: Vec<(i128, u64, u64, i128)> = changes
            .iter()
            .map(|c| match &c.key.unwrap().code {
                Some(Code::Number(n)) => (*n, c.before, c.after, c.change()),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            view,
            [
                (42505, 0, 7, 7),
                (51603, 0, 2, 2),
                (40001, 3, 0, -3),
                (52502, 1, 9, 8),
                (41601, 5, 1, -4),
                (200, 10, 12, 2),
            ]
        );
        assert!(changes[0].is_new_error() && !changes[3].is_new_error());
        // No change, no new code.
        assert!(compare(&before, &before)
            .iter()
            .all(|c| c.change() == 0 && !c.is_new()));
    }
}
