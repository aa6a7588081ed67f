//! `explain`'s output on its way to stdout: gathered in pieces by the reading thread, written
//! by a thread of its own, in order, with the warnings in their place. The usual envelope's
//! line of JSON is mostly its template's: the reading thread writes the envelope and its
//! request_id, and the writer thread the rest around them, so that the copying is shared.

use std::io::{self, Write};
use std::sync::{Arc, OnceLock};

use crate::input::Envelope;
use crate::output::envelope::AnnotationTemplate;

/// The annotation templates of the usual envelopes, two a row of the table (`Code` 0 and 500),
/// made by the reading thread when first needed and read by the writer thread.
pub(super) type Templates = Arc<Vec<OnceLock<AnnotationTemplate>>>;

/// A line of JSON left to the writer thread: the reading thread wrote its envelope and
/// request_id (`len` bytes at `at`, `envelope` of them the envelope), the writer writes the
/// rest of the line around them from the template, so that the two threads share the copying.
pub(super) struct Deferred {
    at: usize,
    envelope: usize,
    len: usize,
    line: u64,
    template: usize,
}

/// Envelopes up to this size (with their request_id) are left to the writer thread; a larger
/// one is written whole where it is read, in pieces.
const DEFER_MAX: usize = 64 << 10;

/// What the output thread writes, in input order.
pub(super) enum Piece {
    /// Output for stdout: the bytes, the lines left to the writer in them, and the start of
    /// those lines (which names their file).
    Output(Vec<u8>, Vec<Deferred>, Arc<str>),
    /// A line for stderr.
    Warning(String),
    /// A note for stderr, written as it is (it starts with `note:`).
    Note(String),
}

/// Output is handed to the writer in pieces of about this size (fewer, larger hand-overs
/// between threads cost fewer switches).
pub(super) const PIECE: usize = 1 << 20;

/// The writer writes at most this much at a time: a pipe (64 KiB) takes small writes faster
/// than one of megabytes, since its reader drains it while it is being filled. A pipe of a
/// megabyte or more takes writes of [`WRITE_WIDE`] faster still (see docs/speed.md).
static WRITE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(16 << 10);

/// [`WRITE`] for a pipe of a megabyte or more.
const WRITE_WIDE: usize = 256 << 10;

/// Output on its way to the writer thread: handed over in pieces of about [`PIECE`] bytes, also
/// in the middle of an envelope's output (an envelope can be megabytes, and a field of it is
/// written in one call).
pub(super) struct Pieces {
    /// What is gathered for the next piece.
    pub(super) buf: Vec<u8>,
    /// To the writer thread.
    pub(super) to_writer: std::sync::mpsc::SyncSender<Piece>,
    /// Emptied buffers, back from the writer thread.
    pub(super) spares: std::sync::mpsc::Receiver<Vec<u8>>,
    /// Whether the rest of the input is read for its verdicts alone once the writer has stopped
    /// (`--check`: a reader that went away must not hide an error envelope further on).
    pub(super) read_on: bool,
    /// The writer stopped: output is dropped.
    pub(super) gone: bool,
    /// The lines in `buf` left to the writer.
    pub(super) deferred: Vec<Deferred>,
    /// The start of the lines of JSON of the file being read.
    pub(super) start: Arc<str>,
}

impl Pieces {
    /// Sends `piece` to the writer; dropped once it stopped, under `read_on`.
    pub(super) fn send(&mut self, piece: Piece) -> io::Result<()> {
        if self.gone {
            return Ok(());
        }
        match self.to_writer.send(piece) {
            Ok(()) => Ok(()),
            Err(_) if self.read_on => {
                self.gone = true;
                self.buf = Vec::new();
                self.deferred = Vec::new();
                Ok(())
            }
            Err(_) => Err(io::Error::other("the output stopped")),
        }
    }

    /// Hands what is written so far to the writer.
    pub(super) fn hand_over(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            let fresh = self.spares.try_recv().unwrap_or_default();
            let full = std::mem::replace(&mut self.buf, fresh);
            let deferred = std::mem::replace(&mut self.deferred, Vec::with_capacity(4096));
            self.send(Piece::Output(full, deferred, self.start.clone()))?;
        }
        Ok(())
    }
}

impl Pieces {
    /// The lines of JSON from here on are of the file that `start` names.
    pub(super) fn set_start(&mut self, start: &str) -> io::Result<()> {
        if !self.deferred.is_empty() {
            self.hand_over()?;
        }
        self.start = Arc::from(start);
        Ok(())
    }

    /// Writes a usual envelope's line with `templates[template]`, made already: the envelope
    /// and request_id here, the rest by the writer thread. Whether it was so written: a large
    /// envelope is not, and is then for the caller to write.
    pub(super) fn defer(
        &mut self,
        template: usize,
        line: u64,
        env: &Envelope<'_>,
    ) -> io::Result<bool> {
        let size = env.raw.len() + env.request_id.map_or(0, |v| v.0.len());
        if size > DEFER_MAX {
            return Ok(false);
        }
        if self.gone {
            return Ok(true);
        }
        // Escaping makes at most six bytes of one: the line stays within this piece.
        if self.buf.len() + 6 * size + 64 >= PIECE {
            self.hand_over()?;
            if self.gone {
                return Ok(true);
            }
        }
        let at = self.buf.len();
        let envelope = AnnotationTemplate::write_envelope_and_id(&mut self.buf, env)?;
        let len = self.buf.len() - at;
        self.deferred.push(Deferred {
            at,
            envelope,
            len,
            line,
            template,
        });
        Ok(true)
    }
}

impl Write for Pieces {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.gone {
            return Ok(data.len());
        }
        // At most a piece at a time: a 16 MiB field is handed over as it is copied, not
        // gathered whole beside the pieces already on their way.
        for chunk in data.chunks(PIECE) {
            self.buf.extend_from_slice(chunk);
            if self.buf.len() >= PIECE {
                self.hand_over()?;
            }
        }
        Ok(data.len())
    }

    /// The usual write, a few bytes that fit beside what is gathered: copied, without the
    /// loop of [`Write::write_all`] around [`Pieces::write`] (a line of JSON is a dozen writes).
    #[inline]
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        if data.len() < PIECE - self.buf.len().min(PIECE) && !self.gone {
            self.buf.extend_from_slice(data);
            return Ok(());
        }
        self.write(data).map(|_| ())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.hand_over()
    }
}

/// The writer thread: writes each piece (stdout flushed after each, so that `tail -f` shows
/// what was read), hands emptied buffers back, and stops at the first write that fails.
pub(super) fn write_pieces(
    pieces: std::sync::mpsc::Receiver<Piece>,
    give_back: std::sync::mpsc::Sender<Vec<u8>>,
    templates: &Templates,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<()> {
    let write = WRITE.load(std::sync::atomic::Ordering::Relaxed);
    let mut lines = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Output(mut bytes, deferred, start) => {
                let mut done = 0;
                for d in &deferred {
                    let template = templates
                        .get(d.template)
                        .and_then(OnceLock::get)
                        .ok_or_else(|| io::Error::other("a line's template is missing"))?;
                    let parts = bytes.get(d.at..d.at + d.len).unwrap_or_default();
                    lines.extend_from_slice(bytes.get(done..d.at).unwrap_or_default());
                    template.write_around(&mut lines, &start, d.line, parts, d.envelope)?;
                    done = d.at + d.len;
                    if lines.len() >= write {
                        write_lines(out, &lines, write)?;
                        lines.clear();
                    }
                }
                match deferred.is_empty() {
                    true => write_lines(out, &bytes, write)?,
                    false => {
                        lines.extend_from_slice(bytes.get(done..).unwrap_or_default());
                        write_lines(out, &lines, write)?;
                        lines.clear();
                    }
                }
                bytes.clear();
                give_back.send(bytes).ok();
            }
            Piece::Warning(line) => {
                out.flush()?;
                writeln!(err, "errcode: {line}").ok();
            }
            Piece::Note(line) => {
                out.flush()?;
                writeln!(err, "{line}").ok();
            }
        }
        out.flush()?;
    }
    Ok(())
}

/// Writes `bytes` at most `write` at a time, cut after a line where one ends.
fn write_lines(out: &mut impl Write, bytes: &[u8], write: usize) -> io::Result<()> {
    let mut rest = bytes;
    while rest.len() > write {
        let cut = memchr::memrchr(b'\n', &rest[..write]).map_or(write, |i| i + 1);
        out.write_all(&rest[..cut])?;
        rest = &rest[cut..];
    }
    out.write_all(rest)
}

/// A pipe on stdout is widened to 1 MiB where the system allows it, and then written in
/// pieces of [`WRITE_WIDE`]: through the usual 64 KiB, in pieces of 16 KiB, the writer and the
/// reader wake each other so often that the pipe costs far more than a file (the figures are
/// in docs/speed.md).
pub(super) fn widen_stdout_pipe() {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let stdout = io::stdout();
        let Ok(mut size) = rustix::pipe::fcntl_getpipe_size(&stdout) else {
            return;
        };
        if size < 1 << 20 {
            size = rustix::pipe::fcntl_setpipe_size(&stdout, 1 << 20).unwrap_or(size);
        }
        if size >= 1 << 20 {
            WRITE.store(WRITE_WIDE, std::sync::atomic::Ordering::Relaxed);
        }
    }
}
