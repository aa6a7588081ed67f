//! Bytes to lines: `\n`, `\r\n` and a lone `\r` end a line; a line longer than the limit is
//! passed over without being held; bytes from a mark on are kept so that a document over
//! several lines can be read whole, and its lines read again when it turns out to be broken.

use std::io::{self, Read};

/// How much is read at a time.
pub(crate) const CHUNK: usize = 256 << 10;

/// One line: where it is in the buffer (valid until the next call that reads), its number and
/// its offset in the input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Line {
    /// Start, in the buffer.
    pub start: usize,
    /// End (before the line end), in the buffer.
    pub end: usize,
    /// Line number, 1-based.
    pub number: u64,
    /// Offset of its first byte in the input.
    pub offset: u64,
    /// Offset of the next line in the input.
    pub next: u64,
}

/// What [`Lines::next`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    /// A line.
    Line(Line),
    /// A line longer than the limit, passed over.
    TooLong {
        /// Its number.
        number: u64,
        /// Its offset.
        offset: u64,
    },
    /// What is kept from the mark on, with the line being read, is over the limit: the caller
    /// gives up what it keeps (and perhaps goes back to a line after the mark).
    Full,
    /// A read is due, which may wait for input: what was found so far should be handed on.
    Pause,
    /// The end of the input.
    End,
}

/// Lines from a reader.
pub(crate) struct Lines<R> {
    input: R,
    buf: Vec<u8>,
    /// Input offset of `buf[0]`.
    base: u64,
    /// Where the next line starts, in `buf`.
    pos: usize,
    filled: usize,
    eof: bool,
    /// Input offset from which bytes are kept.
    mark: Option<u64>,
    /// Number of the last line handed out.
    number: u64,
    /// The longest line, and the most that is kept from the mark on.
    limit: usize,
    /// Inside a line longer than the limit: its bytes are dropped as they come.
    skipping: bool,
    /// [`Next::Pause`] was handed out before the read that is due.
    paused: bool,
    /// No line end in `buf[pos..searched]`: a long line is searched once, not at each read.
    searched: usize,
}

impl Lines<io::Empty> {
    /// Lines of the first `len` bytes of `text`, all of the input at hand: read in place, with
    /// no copy.
    pub(crate) fn of(text: Vec<u8>, len: usize, limit: usize) -> Self {
        let mut lines = Lines::new(io::empty(), limit);
        lines.filled = len;
        lines.buf = text;
        lines.eof = true;
        lines
    }
}

impl<R: Read> Lines<R> {
    /// Lines of `input`, none longer than `limit` bytes.
    pub(crate) fn new(input: R, limit: usize) -> Lines<R> {
        Lines {
            input,
            buf: Vec::new(),
            base: 0,
            pos: 0,
            filled: 0,
            eof: false,
            mark: None,
            number: 0,
            limit,
            skipping: false,
            paused: false,
            searched: 0,
        }
    }

    /// The buffer back, to be used again.
    pub(crate) fn into_buf(self) -> Vec<u8> {
        self.buf
    }

    /// Numbers the lines after `before` lines (a part of a file that does not start it).
    pub(crate) fn numbered_after(mut self, before: u64) -> Lines<R> {
        self.number = before;
        self
    }

    /// The bytes of the input from `from` to `to` (offsets), which must be kept.
    pub(crate) fn slice(&self, from: u64, to: u64) -> &[u8] {
        &self.buf[(from - self.base) as usize..(to - self.base) as usize]
    }

    /// The buffer.
    pub(crate) fn buf(&self) -> &[u8] {
        &self.buf[..self.filled]
    }

    /// Keeps the bytes from input offset `at` on (or stops keeping, with `None`).
    pub(crate) fn set_mark(&mut self, at: Option<u64>) {
        self.mark = at;
    }

    /// Goes back to the line at input offset `at`, which is kept, numbered `number`.
    pub(crate) fn rewind(&mut self, at: u64, number: u64) {
        self.pos = (at - self.base) as usize;
        self.searched = self.pos;
        self.number = number - 1;
    }

    /// Lines handed out so far.
    pub(crate) fn number(&self) -> u64 {
        self.number
    }

    /// The input offset of the next line.
    pub(crate) fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// Lets the input go on past an end it reported (the next part of a file).
    pub(crate) fn resume(&mut self) {
        self.eof = false;
    }

    /// The input reader.
    pub(crate) fn input_mut(&mut self) -> &mut R {
        &mut self.input
    }

    /// The next line.
    pub(crate) fn next(&mut self) -> io::Result<Next> {
        loop {
            let next = match self.skipping {
                true => self.skip_long_line()?,
                false => self.line()?,
            };
            if let Some(next) = next {
                return Ok(next);
            }
        }
    }

    /// The next line, from `pos`: `None` when more is to be read first.
    #[inline(always)]
    fn line(&mut self) -> io::Result<Option<Next>> {
        let from = self.searched.max(self.pos);
        let found = memchr::memchr2(b'\n', b'\r', &self.buf[from..self.filled])
            .map(|k| from - self.pos + k);
        if found.is_none() {
            self.searched = self.filled;
        }
        match found {
            Some(k) => self.ended(self.pos + k),
            None if self.eof => {
                if self.pos == self.filled {
                    return Ok(Some(Next::End));
                }
                let end = self.filled;
                Ok(Some(self.complete(end, end)))
            }
            None => self.unended(),
        }
    }

    /// The line that ends at `buf[end]` (its `\n` or `\r`): `None` when whether a `\n` follows
    /// a `\r` is to be read first.
    #[inline(always)]
    fn ended(&mut self, end: usize) -> io::Result<Option<Next>> {
        let next = match self.buf[end] {
            b'\n' => end + 1,
            _ if end + 1 < self.filled => end + 1 + usize::from(self.buf[end + 1] == b'\n'),
            // A `\r` last in the buffer: whether `\n` follows is not known yet.
            _ if !self.eof => {
                if let Some(pause) = self.pause() {
                    return Ok(Some(pause));
                }
                self.fill()?;
                return Ok(None);
            }
            _ => end + 1,
        };
        Ok(Some(self.complete(end, next)))
    }

    /// No line end in what was read from `pos`: what is kept is over the limit, or the line is,
    /// or more is read (`None`).
    #[inline]
    fn unended(&mut self) -> io::Result<Option<Next>> {
        if self.over_mark(self.filled) {
            return Ok(Some(Next::Full));
        }
        if self.filled - self.pos > self.limit {
            self.number += 1;
            let offset = self.offset();
            self.pos = self.filled;
            self.skipping = true;
            return Ok(Some(Next::TooLong {
                number: self.number,
                offset,
            }));
        }
        if let Some(pause) = self.pause() {
            return Ok(Some(pause));
        }
        self.fill()?;
        Ok(None)
    }

    /// Passes over the rest of a line longer than the limit, to its line end: `None` when
    /// it was passed over or more was read; the end of the input, or a pause before a read.
    fn skip_long_line(&mut self) -> io::Result<Option<Next>> {
        match memchr::memchr2(b'\n', b'\r', &self.buf[self.pos..self.filled]) {
            Some(k) => {
                let at = self.pos + k;
                if self.buf[at] == b'\r' && at + 1 == self.filled && !self.eof {
                    // Whether a `\n` follows is in the next read.
                    self.pos = at;
                    if let Some(pause) = self.pause() {
                        return Ok(Some(pause));
                    }
                    self.fill()?;
                    return Ok(None);
                }
                self.skipping = false;
                self.pos = at + 1;
                if self.buf[at] == b'\r'
                    && self.buf.get(self.pos) == Some(&b'\n')
                    && self.pos < self.filled
                {
                    self.pos += 1;
                }
            }
            None => {
                self.pos = self.filled;
                if let Some(pause) = self.pause() {
                    return Ok(Some(pause));
                }
                if !self.fill()? {
                    self.skipping = false;
                    return Ok(Some(Next::End));
                }
            }
        }
        Ok(None)
    }

    /// [`Next::Pause`] once before each read (not before the first).
    fn pause(&mut self) -> Option<Next> {
        if self.paused || self.buf.is_empty() {
            self.paused = false;
            return None;
        }
        self.paused = true;
        Some(Next::Pause)
    }

    fn over_mark(&self, end: usize) -> bool {
        self.mark
            .is_some_and(|m| end as u64 + self.base > m + self.limit as u64)
    }

    /// A line found whole, ending at `end` (the next starts at `next`): handed out, or over
    /// the limit (of a line, or of what is kept from the mark on).
    fn complete(&mut self, end: usize, next: usize) -> Next {
        if self.over_mark(end) {
            return Next::Full;
        }
        if end - self.pos > self.limit {
            self.number += 1;
            let offset = self.offset();
            self.pos = next;
            return Next::TooLong {
                number: self.number,
                offset,
            };
        }
        self.hand_out(end, next)
    }

    fn hand_out(&mut self, end: usize, next: usize) -> Next {
        self.number += 1;
        let line = Line {
            start: self.pos,
            end,
            number: self.number,
            offset: self.base + self.pos as u64,
            next: self.base + next as u64,
        };
        self.pos = next;
        Next::Line(line)
    }

    /// Reads more, keeping the bytes from the mark (or the next line) on. `false` at the end.
    fn fill(&mut self) -> io::Result<bool> {
        let keep = match self.mark {
            Some(m) if m >= self.base => ((m - self.base) as usize).min(self.pos),
            _ => self.pos,
        };
        if keep > 0 && self.filled + CHUNK / 4 > self.buf.len() {
            self.buf.copy_within(keep..self.filled, 0);
            self.filled -= keep;
            self.pos -= keep;
            self.searched = self.searched.saturating_sub(keep);
            self.base += keep as u64;
        }
        if self.filled == self.buf.len() {
            let want = (self.buf.len() * 2).clamp(CHUNK, self.limit + CHUNK);
            self.buf.resize(want.max(self.filled + CHUNK / 4), 0);
        }
        loop {
            match self.input.read(&mut self.buf[self.filled..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.filled += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], limit: usize) -> Vec<String> {
        let mut lines = Lines::new(input, limit);
        let mut out = Vec::new();
        loop {
            match lines.next().unwrap() {
                Next::Line(l) => out.push(format!(
                    "{}:{}",
                    l.number,
                    String::from_utf8_lossy(&lines.buf()[l.start..l.end])
                )),
                Next::TooLong { number, .. } => out.push(format!("{number}:TOO LONG")),
                Next::Full => out.push("FULL".into()),
                Next::Pause => {}
                Next::End => return out,
            }
        }
    }

    #[test]
    fn every_line_ending() {
        assert_eq!(lines(b"a\nb\r\nc\rd", 10), ["1:a", "2:b", "3:c", "4:d"]);
        assert_eq!(lines(b"a\n\nb\n", 10), ["1:a", "2:", "3:b"]);
        assert_eq!(lines(b"", 10), Vec::<String>::new());
        assert_eq!(lines(b"\r\r\n", 10), ["1:", "2:"]);
    }

    #[test]
    fn the_limit_is_exact() {
        assert_eq!(
            lines(b"12345\n123456\nab", 5),
            ["1:12345", "2:TOO LONG", "3:ab"]
        );
        assert_eq!(lines(b"123456", 5), ["1:TOO LONG"]);
        assert_eq!(lines(b"12345", 5), ["1:12345"]);
    }

    #[test]
    fn long_lines_over_many_reads_are_dropped_as_they_come() {
        let mut input = vec![b'x'; 3 * CHUNK];
        input.extend_from_slice(b"\r\nok\n");
        assert_eq!(lines(&input, 1000), ["1:TOO LONG", "2:ok"]);
        let mut lines = Lines::new(&input[..], 1000);
        while lines.next().unwrap() != Next::End {}
        assert!(lines.buf.len() <= 1000 + CHUNK);
    }

    /// A reader that hands out one byte at a time.
    struct SmallReads<'a>(&'a [u8]);

    impl Read for SmallReads<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match self.0.split_first() {
                Some((&b, rest)) if !buf.is_empty() => {
                    buf[0] = b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn a_line_end_split_across_reads_is_one_line_end() {
        let mut lines = Lines::new(SmallReads(b"a\r\nb\rc"), 10);
        let mut numbers = Vec::new();
        loop {
            match lines.next().unwrap() {
                Next::Line(l) => numbers.push((l.number, lines.buf()[l.start..l.end].to_vec())),
                Next::Pause => {}
                _ => break,
            }
        }
        assert_eq!(
            numbers,
            [(1, b"a".to_vec()), (2, b"b".to_vec()), (3, b"c".to_vec())]
        );
    }

    #[test]
    fn kept_lines_can_be_read_again() {
        let mut lines = Lines::new(&b"one\ntwo\nthree\n"[..], 100);
        let Next::Line(first) = lines.next().unwrap() else {
            panic!()
        };
        lines.set_mark(Some(first.offset));
        lines.next().unwrap();
        lines.next().unwrap();
        lines.rewind(4, 2);
        lines.set_mark(None);
        let Next::Line(again) = lines.next().unwrap() else {
            panic!()
        };
        assert_eq!(
            (again.number, &lines.buf()[again.start..again.end]),
            (2, &b"two"[..])
        );
    }

    #[test]
    fn what_is_kept_is_bounded() {
        let mut lines = Lines::new(&b"aaaa\nbbbb\ncccc\n"[..], 8);
        let Next::Line(first) = lines.next().unwrap() else {
            panic!()
        };
        lines.set_mark(Some(first.offset));
        while lines.next().unwrap() == Next::Pause {}
        assert!(matches!(lines.next().unwrap(), Next::Full));
    }
}
