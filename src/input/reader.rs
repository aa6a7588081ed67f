//! Lines to envelopes: which form each line is (HTTP status line, header, body, `curl -v`
//! mark, a JSON line or a log line with JSON in it) and the one state that spans lines, a JSON
//! document over several lines, which is read whole when it closes and costs only its first
//! line when it does not.
//!
//! A document is known to be broken at the first line that cannot continue it, at the limit,
//! or at the end of the input; the lines it held after its first are then read again, from
//! after the last envelope it gave. A document that starts while lines are read again and
//! breaks too has its lines read once more one by one, with no document across them: every
//! byte is scanned at most three times, whatever the input.

use std::io::{self, Read};

use crate::input::emit::{bom_len, emit, first_byte, Emitted, LineAt};
use crate::input::http::{self, Verbose};
use crate::input::json::{self, looks_like_json, Found, LineSearch, Passed, Scanner, Step};
use crate::input::lines::{Line, Lines, Next};
use crate::input::model::{Api, Envelope, Event, Fault, HttpResponse, Origin, Sink, Skip};
use crate::input::prefilter::Prefilter;
use crate::input::splits::{Part, Splits};

/// A JSON document over several lines, being read.
#[derive(Debug)]
struct Document {
    /// Input offset of its first line (what is kept from there on).
    start: u64,
    /// Its first line.
    first_line: u64,
    /// The HTTP response it is the body of.
    http: Option<HttpResponse>,
    /// Where to read again from if it breaks: (input offset of the line, its number, where on
    /// it to start).
    resume: (u64, u64, u64),
    /// It started on a line that was being read again.
    in_reread: bool,
    /// Whether it looks like JSON from its first byte (`{"`, `[{`), not a brace in a log line.
    from_line_start: bool,
    /// The length of the last line it took in (where the input ended, if it ends there).
    last_len: u64,
    /// An offset in it and its line, for [`LineAt`].
    cursor: (usize, u64),
    /// Where its value opens on its first line.
    value_at: usize,
    /// The prefix `docker compose logs` (`svc-1  | `) or `kubectl logs --prefix`
    /// (`[pod/x/app] `) put on its first line, which its other lines start with too; and once
    /// one did, the document's text without those prefixes, read instead of the input.
    service: Vec<u8>,
    unprefixed: Option<Vec<u8>>,
}

impl Document {
    /// The document's text without prefixes before `line`, and whether it is to be scanned
    /// again from its value: on the first prefixed line after its first, it is, in the text
    /// without prefixes; what its first line gave was handed on already.
    fn unprefixed_so_far<R: Read>(&mut self, lines: &Lines<R>, line: &Line) -> (Vec<u8>, bool) {
        match self.unprefixed.take() {
            Some(unprefixed) => (unprefixed, false),
            None => {
                // Its first line, from where its value opens (no other line was taken in yet).
                let value = self.start + self.value_at as u64;
                let mut first = lines.slice(value, self.start + self.last_len).to_vec();
                let between = line.number - self.first_line;
                first.extend(std::iter::repeat_n(b'\n', between as usize));
                (first, true)
            }
        }
    }
}

/// A chunked body being put together.
#[derive(Debug)]
struct Chunks {
    http: HttpResponse,
    body: Vec<u8>,
    /// Bytes of the current chunk still to come; `None` when a chunk size is next.
    remaining: Option<u64>,
    /// The line of the first chunk.
    first_line: u64,
}

/// A line read by its form, after its byte-order mark and `curl -v` mark.
struct Form<'t> {
    /// The line, or what follows its `< ` mark.
    text: &'t [u8],
    /// Where its text starts in `text`.
    from: usize,
    /// Its text without the blanks around it.
    trimmed: &'t [u8],
    /// Where its first `{` is in `text[from..]` of a line with no curl mark.
    brace: Option<usize>,
    /// It came after curl's `< ` mark: part of a response curl printed.
    response: bool,
}

/// What the response open before a line made of it.
enum Flow {
    /// The line was taken: whether a document opened on it that goes on past the line.
    Taken(bool),
    /// The line is read for its JSON, as the body of this response if there is one.
    Read(Option<HttpResponse>),
}

/// The state between lines.
#[derive(Debug)]
enum State {
    /// Nothing open.
    Idle,
    /// After a status line: headers until a blank line.
    Headers(HttpResponse),
    /// After the headers: the body is the next line that is not blank or a chunk size.
    Body(HttpResponse),
    /// A chunked body (`curl --raw`), put together from its chunks before it is read: a chunk
    /// may end in the middle of a line.
    Chunks(Chunks),
    /// After a chunked body: its last chunk size (`0`) and blank lines.
    AfterChunked,
    /// The body of an HTTP error status that is no JSON (a gateway's HTML page, plain text):
    /// its lines, up to the next status line or the end, are the body of one finding.
    Page(HttpResponse, Vec<u8>),
    /// A document over several lines.
    Document(Document),
}

/// Reads the envelopes of one input, line by line.
pub(crate) struct Reader<'n> {
    name: &'n str,
    state: State,
    scanner: Scanner,
    prefilter: Prefilter,
    /// Parts of lines a container runtime split, kept until their last part.
    splits: Splits,
    /// Lines up to this one are being read again after a broken document.
    reread_until: u64,
    /// Lines up to this one are read one by one, with no document across them.
    single_until: u64,
    /// Where on the next line to start (after a rewind into the middle of a line).
    skip_to: Option<u64>,
    /// The `X-TC-Action` of the last request seen in `curl -v` output.
    action: Option<String>,
    /// Leave what is open at the end as it is (the input goes on in another part).
    pub(crate) open_end: bool,
}

impl<'n> Reader<'n> {
    /// A reader of the input called `name` (in origins).
    pub(crate) fn new(name: &'n str) -> Reader<'n> {
        Reader {
            name,
            state: State::Idle,
            scanner: Scanner::new(),
            prefilter: Prefilter::default(),
            splits: Splits::default(),
            reread_until: 0,
            single_until: 0,
            skip_to: None,
            action: None,
            open_end: false,
        }
    }

    /// Whether nothing spans the lines after line `line`: a reader that starts there in a
    /// fresh state reads the rest as this one would.
    pub(crate) fn is_idle_after(&self, line: u64) -> bool {
        matches!(self.state, State::Idle)
            && self.skip_to.is_none()
            && self.action.is_none()
            && self.reread_until <= line
            && self.single_until <= line
            && self.splits.is_empty()
    }

    /// Reads `lines` to their end, handing what it finds to `sink`.
    pub(crate) fn read<R: Read>(
        &mut self,
        lines: &mut Lines<R>,
        sink: &mut impl Sink,
    ) -> io::Result<()> {
        loop {
            match lines.next()? {
                Next::Line(line) => self.line(lines, line, sink)?,
                Next::Pause => sink.event(Event::Pause)?,
                Next::TooLong { number, offset } => {
                    self.end_http(sink)?;
                    sink.event(Event::Skipped {
                        line: number,
                        offset,
                        reason: Skip::TooLong,
                    })?;
                }
                Next::Full => {
                    let number = lines.number() + 1;
                    self.broken_document(lines, number, 0, Fault::TooLong, sink)?;
                }
                Next::End => {
                    if self.open_end {
                        return Ok(());
                    }
                    if matches!(self.state, State::Document(_)) {
                        let number = lines.number();
                        self.broken_document(lines, number, 0, Fault::Truncated, sink)?;
                        continue;
                    }
                    let kept: Vec<_> = self.splits.drain().collect();
                    let end = Line {
                        offset: lines.offset(),
                        ..Line::default()
                    };
                    for (text, first) in kept {
                        self.joined(&text, first, &end, sink)?;
                    }
                    return self.end_http(sink);
                }
            }
        }
    }

    /// An HTTP response still open when something else comes: it had no body.
    fn end_http(&mut self, sink: &mut impl Sink) -> io::Result<()> {
        match std::mem::replace(&mut self.state, State::Idle) {
            State::Headers(http) | State::Body(http) => no_body(self.name, &http, false, sink),
            State::Page(http, body) => http_error(self.name, &http, &body, sink),
            State::Chunks(chunks) => self.chunked_body(chunks, sink),
            State::Document(d) => {
                self.state = State::Document(d);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// One line of the input: the next line of an open document, a line read fast when nothing
    /// is open, or a line read by its form (with the HTTP response around it).
    fn line<R: Read>(
        &mut self,
        lines: &mut Lines<R>,
        line: Line,
        sink: &mut impl Sink,
    ) -> io::Result<()> {
        if let State::Document(_) = self.state {
            return self.continue_document(lines, line, sink);
        }
        if matches!(self.state, State::Idle) && self.skip_to.is_none() {
            let text = &lines.buf()[line.start..line.end];
            if let Some(read) = self.idle_line(text, &line, sink) {
                return read;
            }
        }
        let from = match self.skip_to.take() {
            Some(at) if at >= line.offset => (at - line.offset) as usize,
            _ => 0,
        };
        let text = &lines.buf()[line.start..line.end];
        // A byte-order mark inside the input (files put together with `cat`) is no text.
        let bom = bom_len(text);
        let opened = match from > 0 {
            true => self.text(text, from.max(bom), &line, None, sink)?,
            false => self.line_by_form(text, bom, &line, sink)?,
        };
        self.after_text(lines, &line, opened)
    }

    /// A line with nothing open, read fast when it can be: a part of a line a container runtime
    /// split, or the usual line of one envelope object. `None` when it is read by its form.
    #[inline(always)]
    fn idle_line(
        &mut self,
        text: &[u8],
        line: &Line,
        sink: &mut impl Sink,
    ) -> Option<io::Result<()>> {
        // A part of a line a container runtime split: kept, or the line joined.
        match self.splits.part(text, line.number) {
            Part::Whole => {}
            Part::Kept => return Some(Ok(())),
            Part::Joined(text, first) => return Some(self.joined(&text, first, line, sink)),
            Part::TooLong(first) => {
                return Some(sink.event(Event::Skipped {
                    line: first,
                    offset: line.offset,
                    reason: Skip::TooLong,
                }))
            }
        }
        // The usual line, one envelope object: nothing below needs to see it.
        let first = first_byte(text).filter(|&at| text[at] == b'{')?;
        let found = json::usual_object(text, first)?;
        Some(self.usual(text, line, &found, sink))
    }

    /// Hands on the envelope of a usual line, read in one pass.
    #[inline(always)]
    fn usual(
        &self,
        text: &[u8],
        line: &Line,
        found: &Found,
        sink: &mut impl Sink,
    ) -> io::Result<()> {
        let mut emitted = Emitted::default();
        let at_line = LineAt::single(line.number);
        emit(
            sink,
            self.name,
            None,
            text,
            &at_line,
            text,
            found,
            &mut emitted,
        )
    }

    /// A line read from its start (after `bom` bytes of byte-order mark): its `curl -v` mark,
    /// then what the HTTP response open before it makes of it, then its JSON. Returns whether
    /// a document opened that goes on past the line.
    #[inline]
    fn line_by_form(
        &mut self,
        text: &[u8],
        bom: usize,
        line: &Line,
        sink: &mut impl Sink,
    ) -> io::Result<bool> {
        // NUL bytes that start a line are padding (what `logrotate`'s copytruncate leaves when
        // the writer goes on at its old offset): passed over like a byte-order mark.
        let bom = bom + text[bom..].iter().take_while(|b| **b == 0).count();
        let (nul, brace) = nul_and_brace(&text[bom..]);
        if nul {
            self.end_http(sink)?;
            sink.event(Event::Skipped {
                line: line.number,
                offset: line.offset,
                reason: Skip::Binary,
            })?;
            return Ok(false);
        }
        let (text, from, response) = match http::verbose(&text[bom..]) {
            Some(Verbose::Response(rest)) => (rest, 0, true),
            Some(Verbose::Request(rest)) => {
                if let Some(action) = http::request_action(rest) {
                    self.action = Some(action);
                }
                return Ok(false);
            }
            Some(Verbose::Note) => return Ok(false),
            None => (text, bom, false),
        };
        let form = Form {
            text,
            from,
            trimmed: text[from..].trim_ascii(),
            brace,
            response,
        };
        match self.in_response(&form, line, sink)? {
            Flow::Taken(opened) => Ok(opened),
            Flow::Read(_) if form.trimmed.is_empty() => Ok(false),
            Flow::Read(http_body) => self.log_line(&form, http_body, line, sink),
        }
    }

    /// What the state left by the lines before makes of a line: a header, a chunk, a line of
    /// a page, or the body of the response open.
    #[inline]
    fn in_response(&mut self, form: &Form, line: &Line, sink: &mut impl Sink) -> io::Result<Flow> {
        let trimmed = form.trimmed;
        match std::mem::replace(&mut self.state, State::Idle) {
            State::Headers(http) => self.header_line(http, form, sink),
            State::Body(http) => self.body_line(http, form, line, sink),
            State::Chunks(chunks) => {
                let end = (line.next - line.offset) as usize;
                let eol = end - (line.end - line.start);
                let opened = self.chunk(chunks, form.text, line, eol, sink)?;
                Ok(Flow::Taken(opened))
            }
            State::AfterChunked => {
                if trimmed.is_empty() || http::chunk_size(trimmed) {
                    self.state = State::AfterChunked;
                    return Ok(Flow::Taken(false));
                }
                Ok(Flow::Read(None))
            }
            State::Page(http, body) => self.page_line(http, body, form, sink),
            State::Idle => Ok(Flow::Read(None)),
            State::Document(_) => unreachable!("documents are continued above"),
        }
    }

    /// A line after a status line: a header, the blank line before the body, the body itself
    /// with no blank line, or something else that ends the response.
    fn header_line(
        &mut self,
        mut http: HttpResponse,
        form: &Form,
        sink: &mut impl Sink,
    ) -> io::Result<Flow> {
        let trimmed = form.trimmed;
        if trimmed.is_empty() {
            self.state = State::Body(http);
            return Ok(Flow::Taken(false));
        }
        if let Some((name, value)) = http::header(trimmed) {
            http::response_header(&mut http, name, value);
            self.state = State::Headers(http);
            return Ok(Flow::Taken(false));
        }
        if matches!(trimmed.first(), Some(b'{' | b'[')) && !form.response {
            // JSON right after the headers, with no blank line: the body, as a status
            // line logged before its response's body.
            return Ok(Flow::Read(Some(http)));
        }
        // Not a header: the response ended with its status line and headers.
        let next = http::status_line(trimmed).is_some();
        no_body(self.name, &http, next, sink)?;
        Ok(Flow::Read(None))
    }

    /// A line after the headers: a blank line, the first chunk size, the next status line,
    /// the first line of a page, or the body.
    fn body_line(
        &mut self,
        http: HttpResponse,
        form: &Form,
        line: &Line,
        sink: &mut impl Sink,
    ) -> io::Result<Flow> {
        let (text, from, trimmed) = (form.text, form.from, form.trimmed);
        if trimmed.is_empty() {
            self.state = State::Body(http);
            return Ok(Flow::Taken(false));
        }
        if http.chunked && http::chunk_size(trimmed) {
            let chunks = Chunks {
                http,
                body: Vec::new(),
                remaining: None,
                first_line: line.number + 1,
            };
            let opened = self.chunk(chunks, trimmed, line, 0, sink)?;
            return Ok(Flow::Taken(opened));
        }
        if http::status_line(trimmed).is_some() {
            no_body(self.name, &http, true, sink)?;
        } else if is_error(&http) && !form.response && !looks_like_json(trimmed, 0, 3) {
            // An error status answered with a page, not JSON: its lines are its body.
            let mut body = Vec::with_capacity(text.len() + 1);
            body.extend_from_slice(&text[from..]);
            body.push(b'\n');
            self.state = State::Page(http, body);
            return Ok(Flow::Taken(false));
        } else if !form.response {
            return Ok(Flow::Read(Some(http)));
        }
        Ok(Flow::Read(None))
    }

    /// A line after a page's first: more of the page, or what ends it.
    fn page_line(
        &mut self,
        http: HttpResponse,
        mut body: Vec<u8>,
        form: &Form,
        sink: &mut impl Sink,
    ) -> io::Result<Flow> {
        let trimmed = form.trimmed;
        // The page goes on to the next status line, or to a line of JSON.
        let ends = http::status_line(trimmed).is_some()
            || (trimmed.starts_with(b"{\"") && looks_like_json(trimmed, 0, 3));
        if !ends {
            if body.len() < PAGE_KEPT {
                body.extend_from_slice(&form.text[form.from..]);
                body.push(b'\n');
            }
            self.state = State::Page(http, body);
            return Ok(Flow::Taken(false));
        }
        http_error(self.name, &http, &body, sink)?;
        Ok(Flow::Read(None))
    }

    /// A line that is not blank and that no open response took: a status line, curl's own text,
    /// or a line of JSON (as the body of `http_body`, if any). Returns whether a document
    /// opened that goes on past the line.
    #[inline]
    fn log_line(
        &mut self,
        form: &Form,
        http_body: Option<HttpResponse>,
        line: &Line,
        sink: &mut impl Sink,
    ) -> io::Result<bool> {
        let (text, from, trimmed) = (form.text, form.from, form.trimmed);
        // `HTTP/1.1 200 OK {"StatusCode":…}` is a log line with an envelope in it.
        let status = match trimmed.starts_with(b"HTTP/") && memchr::memchr(b'{', trimmed).is_none()
        {
            true => http::status_line(trimmed),
            false => None,
        };
        if let Some(mut http) = status {
            http.action = self.action.take();
            http.line = line.number;
            self.state = State::Headers(http);
            return Ok(false);
        }
        if form.response {
            // A `< ` line that is neither a status line nor a header: curl's own text.
            return Ok(false);
        }
        // A line with no curl mark: `text[from..]` is the text `brace` was found in.
        let brace = form.brace.map(|b| from + b);
        // The usual envelope after a log line's prefix, read in one pass as at a line's start
        // (where it was tried already).
        let usual = match (&http_body, brace) {
            (None, Some(at)) if !text[from..at].iter().all(u8::is_ascii_whitespace) => {
                json::usual_in_line(text, from, at)
            }
            _ => None,
        };
        if let Some(found) = usual {
            return self.usual(text, line, &found, sink).map(|()| false);
        }
        if let Some(reason) = http_body
            .is_none()
            .then(|| {
                self.prefilter
                    .rule_out(&text[from..], brace.map(|b| b - from))
            })
            .flatten()
        {
            sink.event(Event::Skipped {
                line: line.number,
                offset: line.offset,
                reason,
            })?;
            return Ok(false);
        }
        let chunked = http_body.as_ref().is_some_and(|h| h.chunked);
        let opened = self.text(text, from, line, http_body, sink)?;
        if chunked && matches!(self.state, State::Idle) {
            self.state = State::AfterChunked;
        }
        Ok(opened)
    }

    /// One line of a chunked body: a chunk size, or the chunk's data (`eol` bytes of line end
    /// after it, which are data too unless the chunk ends with the line).
    fn chunk(
        &mut self,
        mut chunks: Chunks,
        text: &[u8],
        line: &Line,
        eol: usize,
        sink: &mut impl Sink,
    ) -> io::Result<bool> {
        match chunks.remaining {
            None => {
                let size = text
                    .split(|b| *b == b';')
                    .next()
                    .unwrap_or(text)
                    .trim_ascii();
                let size = std::str::from_utf8(size)
                    .ok()
                    .and_then(|s| u64::from_str_radix(s, 16).ok());
                match size {
                    Some(0) => return self.chunked_body(chunks, sink).map(|()| false),
                    Some(n) => chunks.remaining = Some(n),
                    // Not a chunk size: the body ends here, and the line is read as it is.
                    None => {
                        self.chunked_body(chunks, sink)?;
                        self.state = State::Idle;
                        return self.text(text, 0, line, None, sink);
                    }
                }
            }
            Some(n) => {
                let len = text.len() as u64;
                if n > len {
                    chunks.body.extend_from_slice(text);
                    chunks
                        .body
                        .extend(std::iter::repeat_n(b'\n', eol.min((n - len) as usize)));
                    chunks.remaining = Some(n.saturating_sub(len + eol as u64)).filter(|&r| r > 0);
                } else {
                    chunks.body.extend_from_slice(&text[..n as usize]);
                    chunks.remaining = None;
                }
                if chunks.body.len() > crate::input::MAX_LINE {
                    sink.event(Event::Broken {
                        line: chunks.first_line,
                        fault_line: line.number,
                        column: 1,
                        fault: Fault::TooLong,
                    })?;
                    self.state = State::Idle;
                    return Ok(false);
                }
            }
        }
        self.state = State::Chunks(chunks);
        Ok(false)
    }

    /// A chunked body, put together: its envelopes, with the response it came in.
    fn chunked_body(&mut self, chunks: Chunks, sink: &mut impl Sink) -> io::Result<()> {
        self.state = State::AfterChunked;
        let Chunks {
            http,
            body,
            first_line,
            ..
        } = chunks;
        if body.trim_ascii().is_empty() {
            return no_body(self.name, &http, false, sink);
        }
        let name = self.name;
        let mut emitted = Emitted::default();
        let at_line = LineAt::single(first_line);
        let mut scanner = Scanner::new();
        let seen = {
            let mut emit = |t: &[u8], f: &Found| {
                emit(sink, name, Some(&http), &body, &at_line, t, f, &mut emitted)
            };
            json::search(&mut scanner, &body, 0, &mut emit)?
        };
        if emitted.count == 0 {
            let line = Line {
                start: 0,
                end: body.len(),
                number: first_line,
                offset: 0,
                next: 0,
            };
            if let Some(open) = seen.open {
                return sink.event(Event::Broken {
                    line: first_line,
                    fault_line: first_line,
                    column: (body.len() - open) as u64 + 1,
                    fault: Fault::Truncated,
                });
            }
            if is_error(&http) {
                return http_error(name, &http, &body, sink);
            }
            self.nothing_found(&body, &line, &seen, scanner.passed, sink)?;
        }
        Ok(())
    }

    /// A line joined from the parts a container runtime split (numbered `number`, where its
    /// first part was): read as one line, with no document across it.
    fn joined(
        &mut self,
        text: &[u8],
        number: u64,
        line: &Line,
        sink: &mut impl Sink,
    ) -> io::Result<()> {
        let line = Line {
            start: 0,
            end: text.len(),
            number,
            ..*line
        };
        if let Some(reason) = self.prefilter.rule_out(text, memchr::memchr(b'{', text)) {
            return sink.event(Event::Skipped {
                line: number,
                offset: line.offset,
                reason,
            });
        }
        let single_until = std::mem::replace(&mut self.single_until, u64::MAX);
        let read = self.text(text, 0, &line, None, sink);
        self.single_until = single_until;
        read.map(drop)
    }

    /// Keeps the lines of a document that opened on `line`.
    fn after_text<R: Read>(
        &mut self,
        lines: &mut Lines<R>,
        line: &Line,
        opened: bool,
    ) -> io::Result<()> {
        if opened {
            lines.set_mark(Some(line.offset));
        }
        Ok(())
    }

    /// The JSON in one line (from `from`), with the HTTP response it is the body of. Returns
    /// whether a document opened that goes on past the line.
    fn text(
        &mut self,
        text: &[u8],
        from: usize,
        line: &Line,
        http: Option<HttpResponse>,
        sink: &mut impl Sink,
    ) -> io::Result<bool> {
        let name = self.name;
        let mut emitted = Emitted::default();
        let at_line = LineAt::single(line.number);
        let seen = {
            let mut emit = |t: &[u8], f: &Found| {
                emit(
                    sink,
                    name,
                    http.as_ref(),
                    text,
                    &at_line,
                    t,
                    f,
                    &mut emitted,
                )
            };
            json::search(&mut self.scanner, text, from, &mut emit)?
        };
        // A value open at the end of the line starts a document, unless lines are being read
        // one by one here; then it is broken at the line's end.
        if let Some(open) = seen.open {
            let first = first_byte(text);
            let from_line_start = Some(open) == first && looks_like_json(text, open, 3);
            if line.number > self.single_until {
                self.open_document(text, open, from_line_start, line, http, emitted.last_end);
                return Ok(true);
            }
            if from_line_start || self.scanner.tokens > 2 {
                sink.event(Event::Broken {
                    line: line.number,
                    fault_line: line.number,
                    column: (text.len() - open) as u64 + 1,
                    fault: Fault::Truncated,
                })?;
                emitted.count += 1;
            }
        }
        if seen.open.is_none() && seen.values > 0 && seen.tail < text.len() {
            // A body without a line end, then the next response's status line.
            self.status_after_body(&text[seen.tail..], line);
        }
        if emitted.count == 0 && seen.open.is_none() && from == 0 {
            // An error status whose body is JSON but no envelope: a finding of its own.
            if let Some(http) = http.as_ref().filter(|h| is_error(h)) {
                return http_error(name, http, text, sink).map(|()| false);
            }
            let passed = self.scanner.passed;
            self.nothing_found(text, line, &seen, passed, sink)?;
        }
        Ok(false)
    }

    /// Starts a document at the value open at `open` at the end of `line` (`text`), with the
    /// response it is the body of; `last_end` is where the last envelope on the line ended.
    fn open_document(
        &mut self,
        text: &[u8],
        open: usize,
        from_line_start: bool,
        line: &Line,
        http: Option<HttpResponse>,
        last_end: Option<usize>,
    ) {
        let resume = match last_end {
            Some(end) => (line.offset, line.number, line.offset + end as u64),
            None => (line.next, line.number + 1, 0),
        };
        self.state = State::Document(Document {
            start: line.offset,
            first_line: line.number,
            http,
            resume,
            in_reread: line.number <= self.reread_until,
            from_line_start,
            last_len: text.len() as u64,
            cursor: (0, line.number),
            value_at: open,
            service: text[..service_prefix_len(&text[..open])].to_vec(),
            unprefixed: None,
        });
    }

    /// What follows a body on its line (`rest`): the next response's status line, when the
    /// body had no line end, opens that response.
    fn status_after_body(&mut self, rest: &[u8], line: &Line) {
        if let Some(at) = http::status_after_body(rest) {
            let mut next = http::status_line(&rest[at..]).unwrap_or_default();
            next.action = self.action.take();
            next.line = line.number;
            self.state = State::Headers(next);
        }
    }

    /// Says why a line gave no envelope.
    fn nothing_found(
        &mut self,
        text: &[u8],
        line: &Line,
        seen: &LineSearch,
        passed: Passed,
        sink: &mut impl Sink,
    ) -> io::Result<()> {
        if let Some((value_at, at, fault, tokens)) = seen.fault {
            if looks_like_json(text, value_at, tokens) {
                return sink.event(Event::Broken {
                    line: line.number,
                    fault_line: line.number,
                    column: at as u64 + 1,
                    fault,
                });
            }
        }
        let reason = if passed.deep_strings {
            Skip::DeepStrings
        } else if passed.deep {
            Skip::Deep
        } else if passed.near {
            Skip::Foreign
        } else if seen.values > 0 {
            Skip::NotEnvelope
        } else if memchr::memchr(b'{', text).is_none() && std::str::from_utf8(text).is_err() {
            // Not UTF-8, and no object to find in it: binary data, not a log line.
            Skip::Binary
        } else {
            Skip::NoJson
        };
        sink.event(Event::Skipped {
            line: line.number,
            offset: line.offset,
            reason,
        })
    }

    /// The next line of a document.
    fn continue_document<R: Read>(
        &mut self,
        lines: &mut Lines<R>,
        line: Line,
        sink: &mut impl Sink,
    ) -> io::Result<()> {
        let State::Document(doc) = &mut self.state else {
            return Ok(());
        };
        let text = &lines.buf()[line.start..line.end];
        if !doc.service.is_empty() {
            let prefixed = text.starts_with(&doc.service);
            return self.continue_prefixed(lines, line, prefixed, sink);
        }
        let end = line.offset + (line.end - line.start) as u64;
        let scope = lines.slice(doc.start, end);
        let from = (line.offset - doc.start) as usize;
        let name = self.name;
        let mut emitted = Emitted::default();
        let at_line = LineAt::new(scope, doc.cursor);
        let step = {
            let http = doc.http.as_ref();
            let mut emit =
                |t: &[u8], f: &Found| emit(sink, name, http, scope, &at_line, t, f, &mut emitted);
            self.scanner.feed(scope, from, &mut emit)?
        };
        if let Some(last) = emitted.last_end {
            doc.resume = (line.offset, line.number, doc.start + last as u64);
        }
        doc.cursor = at_line.cursor.get();
        doc.last_len = (line.end - line.start) as u64;
        match step {
            Step::More => Ok(()),
            Step::Complete(value_end) => {
                let State::Document(doc) = std::mem::replace(&mut self.state, State::Idle) else {
                    return Ok(());
                };
                lines.set_mark(None);
                if doc.http.as_ref().is_some_and(|h| h.chunked) {
                    self.state = State::AfterChunked;
                }
                // The rest of the line is read as a line of its own.
                let rest = value_end - from;
                if line.start + rest < line.end {
                    let text = &lines.buf()[line.start..line.end];
                    let opened = self.text(text, rest, &line, None, sink)?;
                    return self.after_text(lines, &line, opened);
                }
                Ok(())
            }
            Step::Error(at, fault) => {
                let column = (at - from) as u64 + 1;
                self.broken_document(lines, line.number, column, fault, sink)
            }
        }
    }

    /// The next line of a document whose lines start with a service's prefix: read without it.
    /// A line without it (another service's, interleaved) is read on its own, and the document
    /// stays open, with an empty line in its place.
    fn continue_prefixed<R: Read>(
        &mut self,
        lines: &mut Lines<R>,
        line: Line,
        prefixed: bool,
        sink: &mut impl Sink,
    ) -> io::Result<()> {
        if !prefixed {
            let text = lines.buf()[line.start..line.end].to_vec();
            return self.interleaved(&text, &line, sink);
        }
        let State::Document(doc) = &mut self.state else {
            return Ok(());
        };
        let text = &lines.buf()[line.start..line.end];
        let (mut unprefixed, restart) = doc.unprefixed_so_far(lines, &line);
        let from = unprefixed.len();
        let (feed_from, handed_on) = match restart {
            true => (0, from),
            false => (from, 0),
        };
        unprefixed.extend_from_slice(&text[doc.service.len()..]);
        unprefixed.push(b'\n');
        let name = self.name;
        let mut emitted = Emitted::default();
        let at_line = LineAt::new(&unprefixed, doc.cursor);
        let step = {
            let http = doc.http.as_ref();
            let mut emit = |t: &[u8], f: &Found| match f.at_end <= handed_on {
                true => Ok(()),
                false => emit(sink, name, http, &unprefixed, &at_line, t, f, &mut emitted),
            };
            if restart {
                self.scanner.start();
            }
            self.scanner.feed(&unprefixed, feed_from, &mut emit)?
        };
        if emitted.count > 0 {
            doc.resume = (line.next, line.number + 1, 0);
        }
        doc.cursor = at_line.cursor.get();
        doc.last_len = (line.end - line.start) as u64;
        doc.unprefixed = Some(unprefixed);
        match step {
            Step::More => Ok(()),
            Step::Complete(_) => {
                self.state = State::Idle;
                lines.set_mark(None);
                Ok(())
            }
            Step::Error(at, fault) => {
                let column = (at - from + doc.service.len()) as u64 + 1;
                self.broken_document(lines, line.number, column, fault, sink)
            }
        }
    }

    /// A line without the open document's prefix (`text`, another service's, interleaved) in a
    /// document whose lines start with one: read on its own, and the document stays open, with
    /// an empty line in its place.
    fn interleaved(&mut self, text: &[u8], line: &Line, sink: &mut impl Sink) -> io::Result<()> {
        let State::Document(doc) = &mut self.state else {
            return Ok(());
        };
        // An empty line in its place keeps the document's line numbers; if the document
        // breaks, it is not read again.
        if let Some(unprefixed) = &mut doc.unprefixed {
            unprefixed.push(b'\n');
        }
        doc.resume = (line.next, line.number + 1, 0);
        // Read with a state and a scanner of its own: the document's stay as they are.
        let document = std::mem::replace(&mut self.state, State::Idle);
        let scanner = std::mem::replace(&mut self.scanner, Scanner::new());
        let read = self.joined(text, line.number, line, sink);
        (self.state, self.scanner) = (document, scanner);
        read?;
        // One document is followed at a time: another service's that opens here is not,
        // and is said to be cut rather than lost without a word.
        let own = &text[service_prefix_len(text)..];
        let opens = memchr::memchr2(b'{', b'[', own).is_some();
        if opens && matches!(own.trim_ascii_end().last(), Some(b'{' | b'[' | b',' | b':')) {
            sink.event(Event::Broken {
                line: line.number,
                fault_line: line.number,
                column: text.len() as u64 + 1,
                fault: Fault::Truncated,
            })?;
        }
        Ok(())
    }

    /// The open document cannot go on at line `number`: it costs its first line, and the lines
    /// after it are read again.
    fn broken_document<R: Read>(
        &mut self,
        lines: &mut Lines<R>,
        number: u64,
        column: u64,
        fault: Fault,
        sink: &mut impl Sink,
    ) -> io::Result<()> {
        let State::Document(doc) = std::mem::replace(&mut self.state, State::Idle) else {
            return Ok(());
        };
        if doc.from_line_start || self.scanner.tokens > 2 {
            let fault_line = number.max(doc.first_line);
            let column = match fault {
                Fault::Truncated => doc.last_len + 1,
                _ => column,
            };
            sink.event(Event::Broken {
                line: doc.first_line,
                fault_line,
                column: column.max(1),
                fault,
            })?;
        }
        if doc.in_reread {
            self.single_until = self.single_until.max(number);
        } else {
            self.reread_until = self.reread_until.max(number);
        }
        let (offset, line, at) = doc.resume;
        lines.set_mark(None);
        lines.rewind(offset, line);
        self.skip_to = (at > offset).then_some(at);
        Ok(())
    }
}

/// Whether `text` holds a NUL byte (binary data), and where its first `{` is: one pass for both.
fn nul_and_brace(text: &[u8]) -> (bool, Option<usize>) {
    match memchr::memchr2(0, b'{', text) {
        Some(k) if text[k] == 0 => (true, None),
        Some(k) => (memchr::memchr(0, &text[k + 1..]).is_some(), Some(k)),
        None => (false, None),
    }
}

/// The most of an error page kept as the finding's body.
const PAGE_KEPT: usize = 64 * 1024;

/// Whether a response's status is an error that is a finding of its own when its body is no
/// envelope: 4xx and 5xx.
fn is_error(http: &HttpResponse) -> bool {
    (400..600).contains(&http.status)
}

/// An HTTP error status whose body is no envelope (`body`: what there was of it): a finding,
/// with no code, the status its answer.
fn http_error(
    name: &str,
    http: &HttpResponse,
    body: &[u8],
    sink: &mut impl Sink,
) -> io::Result<()> {
    let env = Envelope {
        raw: body,
        api: Api::Http,
        request_id: None,
        code: None,
        status_code: None,
        message: None,
        data: None,
        renamed: Vec::new(),
        duplicates: Vec::new(),
        error: true,
        text_form: true,
    };
    let origin = Origin {
        file: name,
        line: http.line,
        embedded: false,
        http: Some(http),
        record: &[],
        start: None,
    };
    sink.event(Event::Envelope(&env, &origin))
}

/// A response that ended with its status line and headers; `next`: another response follows.
/// The length of the prefix `docker compose logs` (`svc-1  | `) or `kubectl logs --prefix`
/// (`[pod/name/container] `) put at the start of `text`, or 0: the lines of a service start with
/// it, and other services' lines may come between them.
fn service_prefix_len(text: &[u8]) -> usize {
    let name = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-');
    let len = match text.first() {
        Some(b'[') => memchr::memchr(b']', text)
            .filter(|&end| end > 1 && !text[1..end].iter().any(u8::is_ascii_whitespace))
            .map(|end| end + 1),
        Some(b) if name(b) => {
            let end = text.iter().position(|b| !name(b)).unwrap_or(text.len());
            let pad = text[end..].iter().take_while(|b| **b == b' ').count();
            (text.get(end + pad) == Some(&b'|')).then_some(end + pad + 1)
        }
        _ => None,
    };
    len.map_or(0, |n| n + usize::from(text.get(n) == Some(&b' ')))
}

fn no_body(name: &str, http: &HttpResponse, next: bool, sink: &mut impl Sink) -> io::Result<()> {
    // `100 Continue` and its kind come before the real response; so does a proxy's answer to
    // CONNECT, and a redirect that `curl -L` followed.
    let connect = http.status == 200
        && http
            .status_line
            .to_ascii_lowercase()
            .ends_with("connection established");
    if (100..200).contains(&http.status) || connect || (next && (300..400).contains(&http.status)) {
        return Ok(());
    }
    if is_error(http) {
        return http_error(name, http, &[], sink);
    }
    sink.event(Event::NoBody {
        line: http.line,
        status: http.status,
    })
}
