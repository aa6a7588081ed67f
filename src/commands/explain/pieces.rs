//! `explain`'s output on its way to stdout: gathered in pieces by the reading thread, written
//! by a thread of its own, in order, with the warnings in their place.

use std::io::{self, Write};

/// What the output thread writes, in input order.
pub(super) enum Piece {
    /// Output for stdout.
    Output(Vec<u8>),
    /// A line for stderr.
    Warning(String),
}

/// Output is handed to the writer in pieces of about this size (fewer, larger hand-overs
/// between threads cost fewer switches).
pub(super) const PIECE: usize = 1 << 20;

/// The writer writes at most this much at a time: a pipe (64 KiB) takes small writes several
/// times faster than one of megabytes, since its reader drains it while it is being filled.
/// A pipe of a megabyte or more takes writes of [`WRITE_WIDE`] faster still.
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
            self.send(Piece::Output(full))?;
        }
        Ok(())
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
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<()> {
    for piece in pieces {
        match piece {
            Piece::Output(mut bytes) => {
                let mut rest = &bytes[..];
                let write = WRITE.load(std::sync::atomic::Ordering::Relaxed);
                while rest.len() > write {
                    let cut = memchr::memrchr(b'\n', &rest[..write]).map_or(write, |i| i + 1);
                    out.write_all(&rest[..cut])?;
                    rest = &rest[cut..];
                }
                out.write_all(rest)?;
                bytes.clear();
                give_back.send(bytes).ok();
            }
            Piece::Warning(line) => {
                out.flush()?;
                writeln!(err, "errcode: {line}").ok();
            }
        }
        out.flush()?;
    }
    Ok(())
}

/// A pipe on stdout is widened to 1 MiB where the system allows it, and then written in
/// pieces of [`WRITE_WIDE`]: through the usual 64 KiB, in pieces of 16 KiB, the writer and the
/// reader wake each other so often that 600 MB of JSON took 600 ms to a pipe against 390 ms
/// to a file (500 ms so widened).
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
