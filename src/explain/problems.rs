//! What was wrong in the input, as data: the lines passed over, broken JSON, HTTP responses with
//! no body; counted for the closing line, and the first few kept to be told one by one.

use crate::input::{Event, Fault, Skip};

/// Broken lines and other problems told one by one, for all inputs together, before the rest
/// are only counted.
pub const MAX_WARNINGS: usize = 20;

/// What was wrong, somewhere in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trouble {
    /// A line passed over.
    Skipped(Skip),
    /// Broken JSON, starting on the problem's line; the fault's line and column.
    Broken(Fault, u64, u64),
    /// An HTTP response with no body.
    NoBody(u16),
}

/// Something wrong at a line of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The input, as named in messages.
    pub file: String,
    /// The line.
    pub line: u64,
    /// What.
    pub what: Trouble,
}

/// What was passed over, and the warnings not yet told.
#[derive(Debug, Default, Clone)]
pub struct Problems {
    /// Lines passed over, per reason (in [`Skip::ALL`] order).
    pub skipped: [u64; Skip::ALL.len()],
    /// Broken JSON.
    pub broken: u64,
    /// HTTP responses with no body.
    pub no_body: u64,
    /// The first problem of all.
    pub first: Option<Problem>,
    /// The first binary line.
    pub first_binary: Option<Problem>,
    /// Warnings not yet told.
    pub warnings: Vec<Problem>,
    /// Warnings taken so far (told or not).
    pub warned: usize,
    /// The envelopes `--since` and `--until` left out.
    pub left_out: LeftOut,
}

/// The envelopes `--since` and `--until` left out, by where they fell: without them, a window
/// that holds nothing would look like a log that holds nothing.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LeftOut {
    /// Before `--since`.
    pub before: u64,
    /// At `--until` or after it.
    pub after: u64,
    /// Without a time.
    pub untimed: u64,
}

impl LeftOut {
    /// Counts an envelope that fell at `place`.
    #[inline]
    pub fn count(&mut self, place: crate::input::time::Place) {
        use crate::input::time::Place;
        match place {
            Place::Inside => {}
            Place::Before => self.before += 1,
            Place::After => self.after += 1,
            Place::Untimed => self.untimed += 1,
        }
    }

    /// Takes in the counts of another part of the input.
    pub fn merge(&mut self, other: LeftOut) {
        self.before += other.before;
        self.after += other.after;
        self.untimed += other.untimed;
    }
}

impl Problems {
    fn take(&mut self, problem: Problem, warn: bool) {
        if self.first.is_none() {
            self.first = Some(problem.clone());
        }
        if problem.what == Trouble::Skipped(Skip::Binary) && self.first_binary.is_none() {
            self.first_binary = Some(problem.clone());
        }
        if warn && self.warned < MAX_WARNINGS {
            self.warned += 1;
            self.warnings.push(problem);
        }
    }

    /// Takes one of the reader's events that is not an envelope.
    pub fn event(&mut self, file: &str, event: &Event<'_, '_>) {
        let (line, what, warn) = match *event {
            Event::Skipped { line, reason, .. } => {
                self.skipped[reason as usize] += 1;
                (line, Trouble::Skipped(reason), reason == Skip::TooLong)
            }
            Event::Broken {
                line,
                fault_line,
                column,
                fault,
            } => {
                self.broken += 1;
                (line, Trouble::Broken(fault, fault_line, column), true)
            }
            Event::NoBody { line, status } => {
                self.no_body += 1;
                (line, Trouble::NoBody(status), true)
            }
            Event::Envelope(..) | Event::Pause => return,
        };
        // Most problems are only counted: the name is copied only for one that is kept.
        let binary = what == Trouble::Skipped(Skip::Binary);
        let kept = self.first.is_none()
            || (binary && self.first_binary.is_none())
            || (warn && self.warned < MAX_WARNINGS);
        if kept {
            let file = file.to_string();
            self.take(Problem { file, line, what }, warn);
        }
    }

    /// Takes in the problems of a later part whose lines were numbered from 1.
    pub fn merge(&mut self, mut later: Problems, lines_before: u64) {
        let shift = |p: &mut Problem| {
            p.line += lines_before;
            if let Trouble::Broken(_, at, _) = &mut p.what {
                *at += lines_before;
            }
        };
        for (a, b) in self.skipped.iter_mut().zip(later.skipped) {
            *a += b;
        }
        self.broken += later.broken;
        self.no_body += later.no_body;
        self.left_out.merge(later.left_out);
        for p in later
            .first
            .iter_mut()
            .chain(&mut later.first_binary)
            .chain(&mut later.warnings)
        {
            shift(p);
        }
        if self.first.is_none() {
            self.first = later.first;
        }
        if self.first_binary.is_none() {
            self.first_binary = later.first_binary;
        }
        let room = MAX_WARNINGS.saturating_sub(self.warned);
        let taken = later.warnings.len().min(room);
        self.warnings.extend(later.warnings.into_iter().take(taken));
        self.warned += taken;
    }

    /// Problems that are told one by one, shown or not.
    pub fn warnings_total(&self) -> u64 {
        self.skipped[Skip::TooLong as usize] + self.broken + self.no_body
    }
}
