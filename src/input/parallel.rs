//! An input read on every core, for a consumer that can take parts in (`--summary`): a file or
//! a pipe, compressed or not. This thread reads the text in blocks of whole lines and other
//! threads read each block as if nothing came before it; their readings are taken in in order.
//!
//! The sequential reader is the reference. A block's reading is taken only where the
//! sequential reader would have come to the block's start with nothing open, and only if it
//! read the whole block the same way; anywhere else the block is read again, in order, by the
//! sequential reader. A line longer than a block hands the rest of the input to the sequential
//! reader. A test holds the two to the same output.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Read};
use std::sync::{mpsc, Mutex};

use crate::input::lines::Lines;
use crate::input::model::Sink;
use crate::input::reader::Reader;
use crate::input::source::{self, Encoding};
use crate::input::MAX_LINE;

/// The most bytes in a block: it ends at the last line end within them.
#[cfg(not(test))]
const BLOCK: usize = 2 << 20;
/// Small blocks in tests: many boundaries in a small input.
#[cfg(test)]
const BLOCK: usize = 64 << 10;

/// Blocks read ahead, per thread: they bound the memory.
const AHEAD: usize = 2;

/// The most threads.
const MAX_THREADS: usize = 4;

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

/// The text in blocks that end at a line end.
struct Blocks<'a> {
    text: Text<'a>,
    /// What followed the last block's last line end (of a stream).
    carry: Vec<u8>,
    end: bool,
    /// The error that ended the stream early (a compressed stream cut short): the lines
    /// before it are read, as the sequential reader reads them, and then it is told.
    failed: Option<io::Error>,
}

/// Where the blocks come from.
enum Text<'a> {
    /// A stream, read here into each block's buffer.
    Stream(Box<dyn Read + 'a>),
    /// A plain file, read by each block's thread: from `at`, of `len` bytes.
    File { file: &'a File, at: u64, len: u64 },
}

/// A block: a buffer of [`BLOCK`] bytes (written over again and again, never cleared) and how
/// many of them it holds, or a range of a file.
enum Block {
    Bytes(Vec<u8>, usize),
    Range(u64, u64),
}

impl<'a> Blocks<'a> {
    /// The next block (in `buf`, from a stream), and whether it ends at a line end or at the
    /// end of the text (`false`: a line longer than a block goes on). `None` at the end.
    fn next(&mut self, mut buf: Vec<u8>) -> io::Result<Option<(Block, bool)>> {
        let input = match &mut self.text {
            Text::File { file, at, len } => {
                let from = *at;
                let cut = match from + BLOCK as u64 >= *len {
                    true => None,
                    false => line_after(file, from + BLOCK as u64, *len)?,
                };
                *at = cut.unwrap_or(*len);
                self.end = cut.is_none();
                return Ok((from < *len).then_some((Block::Range(from, *at), true)));
            }
            Text::Stream(input) => input,
        };
        buf.resize(BLOCK, 0);
        let mut len = self.carry.len();
        buf[..len].copy_from_slice(&self.carry);
        self.carry.clear();
        while !self.end && len < BLOCK {
            // Reads of the sequential reader's size: a decoder that fails drops what it had
            // decoded for the read it fails, so the two lose the same.
            let to = BLOCK.min(len + crate::input::lines::CHUNK);
            match input.read(&mut buf[len..to]) {
                Ok(0) => self.end = true,
                Ok(n) => len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    // The line the error cut is not read, as the sequential reader does not.
                    len = complete_lines(&buf[..len]);
                    self.failed = Some(e);
                    self.end = true;
                }
            }
        }
        if len == 0 {
            return Ok(None);
        }
        if self.end {
            return Ok(Some((Block::Bytes(buf, len), true)));
        }
        match memchr::memrchr(b'\n', &buf[..len]) {
            Some(i) => {
                self.carry.extend_from_slice(&buf[i + 1..len]);
                Ok(Some((Block::Bytes(buf, i + 1), true)))
            }
            None => Ok(Some((Block::Bytes(buf, len), false))),
        }
    }

    /// What is left of the text after the blocks handed out, when there is any.
    fn rest(self) -> Option<Box<dyn Read + 'a>> {
        match (self.end, self.text) {
            (true, _) => None,
            (false, Text::Stream(input)) => Some(input),
            (false, Text::File { file, at, len }) => Some(Box::new(Range { file, at, end: len })),
        }
    }
}

/// How much of `text` the sequential reader hands out as lines when the input breaks after
/// it: up to its last line end (`\n`, `\r\n`, or a `\r` that something other than `\n`
/// follows; a `\r` last waits for the byte after it, which never comes).
fn complete_lines(text: &[u8]) -> usize {
    match memchr::memrchr2(b'\n', b'\r', text) {
        Some(i) if text[i] == b'\r' && i + 1 == text.len() => {
            memchr::memrchr2(b'\n', b'\r', &text[..i]).map_or(0, |j| j + 1)
        }
        Some(i) => i + 1,
        None => 0,
    }
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

/// What the sequential reader reads: the block handed to it, then, once it takes over, the
/// rest of the text.
struct Feed<'a> {
    bytes: Vec<u8>,
    len: usize,
    at: usize,
    rest: Option<Box<dyn Read + 'a>>,
}

impl Read for Feed<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at < self.len {
            let n = buf.len().min(self.len - self.at);
            buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            return Ok(n);
        }
        match &mut self.rest {
            Some(rest) => rest.read(buf),
            None => Ok(0),
        }
    }
}

impl<'a> Feed<'a> {
    /// Reads `block` next, then `rest`. The buffer it held is given back.
    fn set(
        &mut self,
        block: Block,
        file: Option<&'a File>,
        rest: Option<Box<dyn Read + 'a>>,
    ) -> Vec<u8> {
        let (bytes, len, rest) = match (block, file) {
            (Block::Bytes(bytes, len), _) => (bytes, len, rest),
            (Block::Range(at, end), Some(file)) => {
                let range: Box<dyn Read + 'a> = Box::new(Range { file, at, end });
                (
                    Vec::new(),
                    0,
                    Some(match rest {
                        Some(rest) => Box::new(range.chain(rest)),
                        None => range,
                    }),
                )
            }
            (Block::Range(..), None) => (Vec::new(), 0, rest),
        };
        self.at = 0;
        self.len = len;
        self.rest = rest;
        std::mem::replace(&mut self.bytes, bytes)
    }
}

/// The sequential reader, from where it started.
struct Sequential<'a, 'n> {
    reader: Reader<'n>,
    lines: Lines<Feed<'a>>,
    file: Option<&'a File>,
}

impl<'a, 'n> Sequential<'a, 'n> {
    fn new(name: &'n str, file: Option<&'a File>, lines_before: u64) -> Self {
        let mut reader = Reader::new(name);
        reader.open_end = true;
        let feed = Feed {
            bytes: Vec::new(),
            len: 0,
            at: 0,
            rest: None,
        };
        let lines = Lines::new(feed, MAX_LINE).numbered_after(lines_before);
        Sequential {
            reader,
            lines,
            file,
        }
    }

    /// Reads `block`, which ends at a line end: whether the reader is idle after it, and the
    /// block's buffer back.
    fn read(&mut self, block: Block, sink: &mut impl Sink) -> io::Result<(bool, Vec<u8>)> {
        self.lines.input_mut().set(block, self.file, None);
        self.lines.resume();
        let read = self.reader.read(&mut self.lines, sink);
        let buf = self.lines.input_mut().set(Block::Range(0, 0), None, None);
        read?;
        Ok((self.reader.is_idle_after(self.lines.number()), buf))
    }

    /// Reads `block`, the last before the stream broke with `e`, and tells `e`: what was open
    /// stays open, as when the sequential reader meets the error.
    fn cut_short(mut self, block: Block, e: io::Error, sink: &mut impl Sink) -> io::Result<()> {
        self.read(block, sink)?;
        Err(e)
    }

    /// Reads `block` and the rest of the text to the end.
    fn finish(
        mut self,
        block: Block,
        rest: Option<Box<dyn Read + 'a>>,
        sink: &mut impl Sink,
    ) -> io::Result<()> {
        self.lines.input_mut().set(block, self.file, rest);
        self.lines.resume();
        self.reader.open_end = false;
        self.reader.read(&mut self.lines, sink)
    }
}

/// A block a thread was given, and its reading: the consumer and its number of lines, or
/// nothing when it cannot be taken in as it is.
type Done<S> = (Block, Option<(S, u64)>);

/// Reads `file` (called `name` in origins) into `sink`, in blocks on every core when there is
/// more than one: each block read by its thread, when the file is plain text.
pub(crate) fn read_file<S: Parts>(file: &File, name: &str, sink: &mut S) -> io::Result<()> {
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
    let len = file.metadata()?.len();
    match source::sniff(&head[..n]) {
        Encoding::Plain { skip } if len > n as u64 => {
            let text = Text::File {
                file,
                at: skip as u64,
                len,
            };
            blocks(text, Some(file), name, sink)
        }
        _ => read(file, name, sink),
    }
}

/// Reads `input` (called `name` in origins) into `sink`, in blocks on every core when there is
/// more than one.
pub(crate) fn read<S: Parts>(input: impl Read, name: &str, sink: &mut S) -> io::Result<()> {
    blocks(Text::Stream(source::decode(input)?), None, name, sink)
}

/// Reads `text` (called `name` in origins, from `file` if it is one) into `sink`: in blocks,
/// each read by a thread and taken in in order, when there is more than one core and more
/// than one block; else by one reader.
fn blocks<'a, S: Parts>(
    text: Text<'a>,
    file: Option<&'a File>,
    name: &str,
    sink: &mut S,
) -> io::Result<()> {
    let mut blocks = Blocks {
        text,
        carry: Vec::new(),
        end: false,
        failed: None,
    };
    let threads = match one_thread() {
        true => 1,
        false => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
    .min(MAX_THREADS);
    let first = match threads {
        1 => None,
        _ => blocks.next(Vec::new())?,
    };
    let first = match first {
        Some((block, true)) if !blocks.end => block,
        // One core, one block, or a first line longer than a block: one reader.
        first => {
            let block = first.map_or(Block::Range(0, 0), |(block, _)| block);
            let reader = Sequential::new(name, file, 0);
            return match blocks.failed.take() {
                Some(e) => reader.cut_short(block, e, sink),
                None => reader.finish(block, blocks.rest(), sink),
            };
        }
    };
    let (job_tx, job_rx) = mpsc::channel::<(usize, Block, S)>();
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Done<S>)>();
    std::thread::scope(|scope| -> io::Result<()> {
        for _ in 0..threads {
            let (done_tx, job_rx) = (done_tx.clone(), &job_rx);
            scope.spawn(move || work(job_rx, done_tx, file, name));
        }
        drop(done_tx);
        let mut order = InOrder::new(name, file, threads);
        order.hand_out(first, &job_tx, sink)?;
        loop {
            order.read_ahead(&mut blocks, &job_tx, sink)?;
            if !order.take_next(&done_rx, sink)? {
                break;
            }
        }
        drop(job_tx);
        order.finish(blocks, sink)
    })
}

/// A reading thread: reads the blocks it is given until there are no more.
fn work<S: Parts>(
    jobs: &Mutex<mpsc::Receiver<(usize, Block, S)>>,
    done: mpsc::Sender<(usize, Done<S>)>,
    file: Option<&File>,
    name: &str,
) {
    loop {
        let job = jobs.lock().ok().and_then(|jobs| jobs.recv().ok());
        let Some((k, block, part)) = job else {
            return;
        };
        if done.send((k, read_part(block, file, name, part))).is_err() {
            return;
        }
    }
}

/// The blocks of an input handed out to threads and their readings taken in in order, with
/// the sequential reader where a reading cannot be taken in as it is.
struct InOrder<'a, 'n, S> {
    name: &'n str,
    file: Option<&'a File>,
    threads: usize,
    /// Blocks in order: `None` for one given to a thread, the block for one left to the
    /// sequential reader.
    queue: VecDeque<(usize, Option<Block>)>,
    /// Readings back from threads before their turn.
    done: Vec<(usize, Done<S>)>,
    /// Buffers of blocks taken in, to read the next blocks into.
    spare: Vec<Vec<u8>>,
    /// The block a line longer than a block starts in: the sequential reader's from there on.
    tail: Option<Block>,
    /// The sequential reader, while it reads blocks (until it is idle after one).
    sequential: Option<Sequential<'a, 'n>>,
    /// Lines in the blocks taken in.
    lines_before: u64,
    /// The number of the next block handed out.
    next: usize,
}

impl<'a, 'n, S: Parts> InOrder<'a, 'n, S> {
    /// Nothing handed out yet, for `threads` threads.
    fn new(name: &'n str, file: Option<&'a File>, threads: usize) -> Self {
        InOrder {
            name,
            file,
            threads,
            queue: VecDeque::new(),
            done: Vec::new(),
            spare: Vec::new(),
            tail: None,
            sequential: None,
            lines_before: 0,
            next: 0,
        }
    }

    /// Gives the next block to a thread.
    fn hand_out(
        &mut self,
        block: Block,
        jobs: &mpsc::Sender<(usize, Block, S)>,
        sink: &S,
    ) -> io::Result<()> {
        jobs.send((self.next, block, sink.part()))
            .map_err(|_| stopped())?;
        self.queue.push_back((self.next, None));
        self.next += 1;
        Ok(())
    }

    /// Hands out blocks until enough are ahead, the text ends, or a line longer than a block
    /// leaves the rest to the sequential reader.
    fn read_ahead(
        &mut self,
        blocks: &mut Blocks<'_>,
        jobs: &mpsc::Sender<(usize, Block, S)>,
        sink: &S,
    ) -> io::Result<()> {
        while self.tail.is_none() && self.queue.len() < self.threads * AHEAD {
            let Some((block, whole)) = blocks.next(self.spare.pop().unwrap_or_default())? else {
                break;
            };
            if !whole {
                self.tail = Some(block);
                break;
            }
            self.hand_out(block, jobs, sink)?;
        }
        Ok(())
    }

    /// Takes in the next block in order: its thread's reading, or the sequential reader's.
    /// Returns whether there was one.
    fn take_next(
        &mut self,
        readings: &mpsc::Receiver<(usize, Done<S>)>,
        sink: &mut S,
    ) -> io::Result<bool> {
        let Some((k, kept)) = self.queue.pop_front() else {
            return Ok(false);
        };
        let (block, reading) = match kept {
            Some(block) => (block, None),
            None => loop {
                if let Some(i) = self.done.iter().position(|d| d.0 == k) {
                    break self.done.swap_remove(i).1;
                }
                self.done.push(readings.recv().map_err(|_| stopped())?);
            },
        };
        let block = match (reading, self.sequential.is_some()) {
            (Some((part, lines)), false) => {
                sink.merge(part, self.lines_before);
                self.lines_before += lines;
                block
            }
            _ => {
                let (name, file, lines_before) = (self.name, self.file, self.lines_before);
                let reader = self
                    .sequential
                    .get_or_insert_with(|| Sequential::new(name, file, lines_before));
                let (idle, buf) = reader.read(block, sink)?;
                self.lines_before = reader.lines.number();
                if idle {
                    self.sequential = None;
                }
                Block::Bytes(buf, 0)
            }
        };
        if let Block::Bytes(buf, _) = block {
            self.spare.push(buf);
        }
        Ok(true)
    }

    /// After the last block taken in: the rest of the text, by the sequential reader.
    fn finish(self, mut blocks: Blocks<'a>, sink: &mut S) -> io::Result<()> {
        let (name, file, lines_before) = (self.name, self.file, self.lines_before);
        let block = self.tail.unwrap_or(Block::Range(0, 0));
        if let Some(e) = blocks.failed.take() {
            let reader = self
                .sequential
                .unwrap_or_else(|| Sequential::new(name, file, lines_before));
            return reader.cut_short(block, e, sink);
        }
        let rest = blocks.rest();
        match self.sequential {
            Some(reader) => reader.finish(block, rest, sink),
            None if matches!(block, Block::Range(..)) && rest.is_none() => Ok(()),
            None => Sequential::new(name, file, lines_before).finish(block, rest, sink),
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Set by a test on its thread: read there on one thread, the reference.
    pub(crate) static ONE_THREAD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn one_thread() -> bool {
    #[cfg(test)]
    return ONE_THREAD.get();
    #[cfg(not(test))]
    false
}

fn stopped() -> io::Error {
    io::Error::other("a reading thread stopped")
}

/// Reads one block on its own, as if nothing came before it: the result, or `None` when it
/// cannot be taken in as it is (something open at its end, or a consumer that cannot be
/// merged).
fn read_part<S: Parts>(block: Block, file: Option<&File>, name: &str, mut sink: S) -> Done<S> {
    let mut reader = Reader::new(name);
    reader.open_end = true;
    let (read, n, block) = match (block, file) {
        (Block::Bytes(bytes, len), _) => {
            let mut lines = Lines::of(bytes, len, MAX_LINE);
            let read = reader.read(&mut lines, &mut sink);
            (read, lines.number(), Block::Bytes(lines.into_buf(), len))
        }
        (Block::Range(at, end), Some(file)) => {
            let mut lines = Lines::new(Range { file, at, end }, MAX_LINE);
            let read = reader.read(&mut lines, &mut sink);
            (read, lines.number(), Block::Range(at, end))
        }
        (block, None) => (Ok(()), 0, block),
    };
    let whole = read.is_ok() && reader.is_idle_after(n) && sink.mergeable();
    (block, whole.then_some((sink, n)))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::input::model::Event;

    /// What a reader found, by line: the sequential reader's and the blocks' must be equal.
    #[derive(Default)]
    struct Record(Vec<(u64, String)>);

    impl Sink for Record {
        fn event(&mut self, event: Event<'_, '_>) -> io::Result<()> {
            let found = match event {
                Event::Envelope(env, origin) => (
                    origin.line,
                    format!("{:?} {:?}", env.request_id, env.status_code),
                ),
                Event::Skipped { line, reason, .. } => (line, format!("{reason:?}")),
                Event::Broken {
                    line,
                    fault_line,
                    fault,
                    ..
                } => (
                    line,
                    format!("broken {} lines on: {fault:?}", fault_line - line),
                ),
                Event::NoBody { line, status } => (line, format!("no body {status}")),
                Event::Pause => return Ok(()),
            };
            self.0.push(found);
            Ok(())
        }
    }

    impl Parts for Record {
        fn part(&self) -> Self {
            Record::default()
        }
        fn mergeable(&self) -> bool {
            true
        }
        fn merge(&mut self, part: Self, lines_before: u64) {
            let later = part.0.into_iter().map(|(l, s)| (l + lines_before, s));
            self.0.extend(later);
        }
    }

    /// A log of every form, over many blocks, with documents, runtime splits and long lines
    /// across their boundaries.
    fn log() -> Vec<u8> {
        let mut log = Vec::new();
        for i in 0..6000u32 {
            let env = format!(
                r#"{{"RequestId":"r-{i}","Code":0,"StatusCode":{},"Message":"m","Data":""}}"#,
                [41601, 52502, 200][i as usize % 3]
            );
            let line = match i % 11 {
                0 => format!("2026-12-06T10:00:00Z INFO resp={{\n  \"RequestId\": \"p-{i}\",\n  \"StatusCode\": 41601\n}}\n"),
                1 => format!("2026-12-06T10:00:00.1Z stdout P {}\n2026-12-06T10:00:00.2Z stdout F {}\n", &env[..20], &env[20..]),
                2 => "2026-12-06 INFO cache warmed\n".into(),
                3 => format!("{{\"log\":\"x resp={}\\n\",\"stream\":\"stderr\",\"time\":\"2026-12-06T10:00:00Z\"}}\n", env.replace('"', "\\\"")),
                4 => format!("{}\n", &env[..30]),
                5 => "HTTP/1.1 502 Bad Gateway\n\n<html>bad</html>\n".into(),
                6 if i % 1000 == 6 => format!("{}\n", "x".repeat(300 << 10)),
                7 => format!("[TencentCloudSDKError] Code=InternalError, Message=m, RequestId=s-{i}\n"),
                _ => format!("{env}\n"),
            };
            log.extend_from_slice(line.as_bytes());
        }
        log
    }

    fn sequential(text: &[u8]) -> Vec<(u64, String)> {
        let mut record = Record::default();
        let mut lines = Lines::new(text, MAX_LINE);
        Reader::new("t").read(&mut lines, &mut record).unwrap();
        record.0
    }

    /// `log` read from a stream in blocks and from a file in ranges gives `want`.
    fn same_as_sequential(log: &[u8], want: &[(u64, String)]) {
        let mut from_stream = Record::default();
        read(log, "t", &mut from_stream).unwrap();
        assert!(from_stream.0 == want, "a stream read in blocks differs");
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(log).unwrap();
        let mut from_file = Record::default();
        read_file(&file, "t", &mut from_file).unwrap();
        assert!(from_file.0 == want, "a file read in ranges differs");
    }

    #[test]
    fn blocks_read_as_the_sequential_reader_reads_from_a_file_and_a_stream() {
        let log = log();
        assert!(log.len() > 8 * BLOCK, "{}", log.len());
        let want = sequential(&log);
        assert!(want.len() > 5000, "{}", want.len());
        same_as_sequential(&log, &want);
    }

    #[test]
    fn a_line_longer_than_a_block_leaves_the_rest_to_one_reader() {
        let mut log = log();
        let at = log.len() / 2;
        let at = at + memchr::memchr(b'\n', &log[at..]).unwrap() + 1;
        let long = format!(
            "{{\"StatusCode\":41601,\"Data\":\"{}\"}}\n",
            "y".repeat(3 * BLOCK)
        );
        log.splice(at..at, long.bytes());
        let want = sequential(&log);
        same_as_sequential(&log, &want);
    }

    #[test]
    fn a_stream_cut_short_counts_what_came_before_as_the_sequential_reader_does() {
        use crate::input::compressed::Compression;
        use crate::input::source::tests::packed;
        let gzip = packed(Compression::Gzip, &log());
        let cut = &gzip[..gzip.len() * 3 / 4];
        let mut want = Record::default();
        let sequential_error = crate::input::read(cut, "t", &mut want).unwrap_err();
        let mut got = Record::default();
        let error = read(cut, "t", &mut got).unwrap_err();
        assert_eq!(error.to_string(), sequential_error.to_string());
        assert!(want.0.len() > 1000, "{}", want.0.len());
        assert!(got.0 == want.0, "{} against {}", got.0.len(), want.0.len());
    }

    #[test]
    fn a_break_keeps_the_lines_the_sequential_reader_would_have_read() {
        assert_eq!(complete_lines(b"a\nb"), 2);
        assert_eq!(complete_lines(b"a\rb"), 2);
        assert_eq!(complete_lines(b"a\r\nb\r"), 3);
        assert_eq!(complete_lines(b"a\r\r"), 2);
        assert_eq!(complete_lines(b"ab"), 0);
        // Lone `\r` line ends, cut short within the first block: as many envelopes as one
        // reader finds.
        use crate::input::compressed::Compression;
        use crate::input::source::tests::packed;
        let log: Vec<u8> = (0..1_200)
            .flat_map(|i| format!("{{\"RequestId\":\"r{i}\",\"StatusCode\":41601}}\r").into_bytes())
            .collect();
        let gzip = packed(Compression::Gzip, &log);
        let cut = &gzip[..gzip.len() / 2];
        let mut want = Record::default();
        crate::input::read(cut, "t", &mut want).unwrap_err();
        let mut got = Record::default();
        read(cut, "t", &mut got).unwrap_err();
        assert!(want.0.len() > 100, "{}", want.0.len());
        assert!(got.0 == want.0, "{} against {}", got.0.len(), want.0.len());
    }
}
