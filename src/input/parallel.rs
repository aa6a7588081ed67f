//! A large regular file, read in parts on every core for a consumer that can take parts in
//! (`--summary`). The sequential reader is the reference: a part's reading is taken only where
//! the sequential reader would have come to the part's start with nothing open, and only if it
//! read the whole part the same way; anywhere else the part is read again, in order, by the
//! sequential reader. A test holds the two to the same output.

use std::fs::File;
use std::io::{self, Read};
use std::sync::{mpsc, Mutex};

use crate::input::lines::Lines;
use crate::input::model::Sink;
use crate::input::reader::Reader;
use crate::input::source::{self, Encoding};
use crate::input::MAX_LINE;

/// Files smaller than this are read on one thread.
pub(crate) const SPLIT_MIN: u64 = 16 << 20;

/// How many parts a file is cut into.
const PARTS: u64 = 32;

/// The most threads.
const MAX_THREADS: usize = 4;

/// The longest line a part's reader reads: a longer one is left to the sequential reader, so
/// that the threads together stay within the memory bound.
const PART_LINE: usize = 1 << 20;

/// A consumer that can take in what another thread read of a later part.
pub(crate) trait Parts: Sink + Send + Sized {
    /// An empty consumer like this one, for a part.
    fn part(&self) -> Self;
    /// Whether a part's reading can be taken in as it is.
    fn mergeable(&self) -> bool;
    /// Takes in a part that comes after everything taken so far, whose lines were numbered
    /// from 1: `lines_before` lines came before it.
    fn merge(&mut self, part: Self, lines_before: u64);
}

/// A range of a file, read with reads of its own (no shared file position).
struct Range<'f> {
    file: &'f File,
    at: u64,
    end: u64,
}

impl Read for Range<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = buf.len().min(self.end.saturating_sub(self.at) as usize);
        if want == 0 {
            return Ok(0);
        }
        let n = read_at(self.file, &mut buf[..want], self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, at)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, at)
}

/// The offset just after the first `\n` at or after `from`, within a megabyte and before `end`.
fn line_after(file: &File, from: u64, end: u64) -> io::Result<Option<u64>> {
    let mut range = Range {
        file,
        at: from,
        end: end.min(from + (1 << 20)),
    };
    // A line is mostly short: a small read first, larger ones after.
    let mut buf = vec![0; 4 << 10];
    let mut at = from;
    loop {
        let n = range.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        if let Some(i) = memchr::memchr(b'\n', &buf[..n]) {
            return Ok(Some(at + i as u64 + 1));
        }
        at += n as u64;
        if buf.len() < 64 << 10 {
            buf.resize(buf.len() * 4, 0);
        }
    }
}

/// What one part's reading gave: the consumer and its number of lines, or nothing when it
/// cannot be taken in as it is.
type Done<S> = (usize, Option<(S, u64)>);

/// Reads `file` (`len` bytes, called `name`) into `sink` in parts, when it is large enough and
/// plain text and there is more than one core. `Ok(false)`: not done, read it in sequence.
pub(crate) fn read<S: Parts>(file: &File, len: u64, name: &str, sink: &mut S) -> io::Result<bool> {
    let threads = match len >= SPLIT_MIN {
        true => std::thread::available_parallelism().map_or(1, |n| n.get()),
        false => 1,
    };
    if threads < 2 {
        return Ok(false);
    }
    // As much as the sequential reader sniffs, so that compressed input and archives (a tar
    // is told 257 bytes in) are left to it.
    let mut head = [0u8; source::HEAD];
    let mut n = 0;
    while n < head.len() {
        match read_at(file, &mut head[n..], n as u64)? {
            0 => break,
            k => n += k,
        }
    }
    let start = match source::sniff(&head[..n]) {
        Encoding::Plain { skip } => skip as u64,
        _ => return Ok(false),
    };
    let mut bounds = vec![start];
    for k in 1..PARTS {
        match line_after(file, len * k / PARTS, len)? {
            Some(at) if at > bounds[bounds.len() - 1] => bounds.push(at),
            _ => {}
        }
    }
    bounds.push(len);
    let parts = bounds.len() - 1;
    // Taken from the end: the first part first.
    let jobs: Vec<(usize, S)> = (0..parts).rev().map(|k| (k, sink.part())).collect();
    let jobs = Mutex::new(jobs);
    let (done_tx, done_rx) = mpsc::channel::<Done<S>>();
    std::thread::scope(|scope| -> io::Result<()> {
        for _ in 0..threads.min(MAX_THREADS) {
            let (tx, jobs, bounds) = (done_tx.clone(), &jobs, &bounds);
            scope.spawn(move || loop {
                let Some((k, part)) = jobs.lock().ok().and_then(|mut jobs| jobs.pop()) else {
                    return;
                };
                let result = read_part(file, bounds[k], bounds[k + 1], name, part);
                if tx.send((k, result.ok().flatten())).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let mut waiting: Vec<Option<Option<(S, u64)>>> = (0..parts).map(|_| None).collect();
        let mut sequential: Option<(Reader<'_>, Lines<Range<'_>>)> = None;
        let mut lines_before = 0;
        for k in 0..parts {
            while waiting[k].is_none() {
                let Ok((i, result)) = done_rx.recv() else {
                    return Err(io::Error::other("a reading thread stopped"));
                };
                waiting[i] = Some(result);
            }
            let result = waiting[k].take().flatten();
            match (result, sequential.is_some()) {
                (Some((part, lines)), false) => {
                    sink.merge(part, lines_before);
                    lines_before += lines;
                }
                _ => {
                    let (reader, lines) = sequential.get_or_insert_with(|| {
                        let mut reader = Reader::new(name);
                        reader.open_end = true;
                        let range = Range {
                            file,
                            at: bounds[k],
                            end: bounds[k],
                        };
                        (
                            reader,
                            Lines::new(range, MAX_LINE).numbered_after(lines_before),
                        )
                    });
                    lines.input_mut().end = bounds[k + 1];
                    lines.resume();
                    reader.read(lines, sink)?;
                    lines_before = lines.number();
                    if reader.is_idle_after(lines_before) {
                        sequential = None;
                    }
                }
            }
        }
        if let Some((mut reader, mut lines)) = sequential {
            reader.open_end = false;
            lines.resume();
            reader.read(&mut lines, sink)?;
        }
        Ok(())
    })?;
    Ok(true)
}

/// Reads one part on its own, as if nothing came before it: the result, or `None` when the
/// part cannot be taken in as it is (a line too long for a part, something open at its end,
/// or a consumer that cannot be merged).
fn read_part<S: Parts>(
    file: &File,
    at: u64,
    end: u64,
    name: &str,
    mut sink: S,
) -> io::Result<Option<(S, u64)>> {
    let mut reader = Reader::new(name);
    reader.open_end = true;
    reader.stop_on_long_line = true;
    let mut lines = Lines::new(Range { file, at, end }, PART_LINE);
    reader.read(&mut lines, &mut sink)?;
    let n = lines.number();
    let whole = !reader.stopped && reader.is_idle_after(n) && sink.mergeable();
    Ok(whole.then_some((sink, n)))
}
