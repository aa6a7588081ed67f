//! Input that is still being written (`explain --live`): a file followed by name as `tail -F`
//! follows it, across rotation and truncation, and a pipe or terminal read as it comes; each
//! waits without spinning, blocked in `poll`, and ends at once when told to stop.

use std::fs::File;
use std::io::{self, Read, Seek};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rustix::event::{poll, PollFd, PollFlags, Timespec};

/// How often a followed file is looked at for growth, rotation or truncation once read to its
/// end.
pub const FOLLOW_EVERY: Duration = Duration::from_millis(250);

/// Tells every input that waits to stop, at once: a pipe that nobody reads, written once, wakes
/// whoever polls its end.
pub struct Stop {
    stopped: AtomicBool,
    wake: OwnedFd,
    woken: OwnedFd,
}

impl Stop {
    /// A stop not yet given.
    pub fn new() -> io::Result<Stop> {
        let (woken, wake) = rustix::pipe::pipe()?;
        Ok(Stop {
            stopped: AtomicBool::new(false),
            wake,
            woken,
        })
    }

    /// Stops every input: each returns the end of its input from its next read.
    pub fn stop(&self) {
        if !self.stopped.swap(true, Ordering::SeqCst) {
            // The pipe stays readable from now on: every later wait returns at once.
            rustix::io::write(&self.wake, b"q").ok();
        }
    }

    /// Whether [`Stop::stop`] was called.
    pub fn stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }

    /// Waits until `fd` can be read (or is at its end), the stop is given, or `timeout`
    /// passes; returns whether the stop was given.
    fn wait(&self, fd: Option<BorrowedFd<'_>>, timeout: Option<Duration>) -> io::Result<bool> {
        let woken = PollFd::new(&self.woken, PollFlags::IN);
        let mut fds: Vec<PollFd<'_>> = vec![woken];
        if let Some(fd) = fd {
            fds.push(PollFd::from_borrowed_fd(fd, PollFlags::IN));
        }
        let timeout = timeout.map(|t| Timespec {
            tv_sec: t.as_secs() as _,
            tv_nsec: t.subsec_nanos() as _,
        });
        match poll(&mut fds, timeout.as_ref()) {
            Ok(_) | Err(rustix::io::Errno::INTR) => Ok(self.stopped()),
            Err(e) => Err(e.into()),
        }
    }
}

/// A pipe, a FIFO or a terminal, read as its bytes come; its end when the stop is given.
pub struct Stream<'s> {
    file: File,
    stop: &'s Stop,
}

impl<'s> Stream<'s> {
    /// Reads `fd` (its descriptor is its own: dropping the stream closes it).
    pub fn new(fd: OwnedFd, stop: &'s Stop) -> Stream<'s> {
        Stream {
            file: File::from(fd),
            stop,
        }
    }

    /// Standard input, read through a descriptor of its own so that no buffer hides from
    /// `poll` what is there.
    pub fn stdin(stop: &'s Stop) -> io::Result<Stream<'s>> {
        Ok(Stream::new(io::stdin().as_fd().try_clone_to_owned()?, stop))
    }

    /// Opens a FIFO or a device without waiting for a writer (opening a FIFO blocks until one
    /// comes), so that a stop given meanwhile is heard.
    pub fn open(path: &Path, stop: &'s Stop) -> io::Result<Stream<'s>> {
        use std::os::unix::fs::OpenOptionsExt;
        let file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
            .open(path)?;
        Ok(Stream { file, stop })
    }
}

impl Read for Stream<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.stop.wait(Some(self.file.as_fd()), None)? {
                return Ok(0);
            }
            match self.file.read(buf) {
                // Nothing after all (a FIFO opened without waiting, no writer yet).
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    // A FIFO with no writer yet, or none any more, polls readable: a pause
                    // before looking again, so that the wait does not spin.
                    if self.stop.wait(None, Some(FOLLOW_EVERY))? {
                        return Ok(0);
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                other => return other,
            }
        }
    }
}

/// Whether the file at `path` is compressed: such a file is whole, read to its end rather than
/// followed.
pub fn compressed(path: &Path) -> bool {
    let mut head = [0u8; 16];
    let n = File::open(path)
        .and_then(|f| std::os::unix::fs::FileExt::read_at(&f, &mut head, 0))
        .unwrap_or(0);
    matches!(
        super::source::sniff(&head[..n]),
        super::source::Encoding::Compressed(_)
    )
}

/// The identity of a file: its device and inode.
fn identity(meta: &std::fs::Metadata) -> (u64, u64) {
    (meta.dev(), meta.ino())
}

/// A regular file followed by name, as `tail -F`: read to its end, then looked at every
/// [`FOLLOW_EVERY`]; when it grows, what was added is read; when another file takes its name
/// (rotation), the rest of the old one is read, then the new one from its start; when it
/// shrinks (truncated in place), it is read again from its start. A line the old file left
/// unfinished ends where the new one begins.
pub struct Follow<'s> {
    path: PathBuf,
    file: File,
    id: (u64, u64),
    /// Bytes read of the current file.
    at: u64,
    /// The last byte handed out, to end a line cut by a rotation.
    last: Option<u8>,
    /// A newline is due before the next file's bytes.
    newline: bool,
    stop: &'s Stop,
}

impl<'s> Follow<'s> {
    /// Follows `path`, from its start.
    pub fn new(path: &Path, stop: &'s Stop) -> io::Result<Follow<'s>> {
        let file = File::open(path)?;
        let id = identity(&file.metadata()?);
        Ok(Follow {
            path: path.to_path_buf(),
            file,
            id,
            at: 0,
            last: None,
            newline: false,
            stop,
        })
    }

    /// Whether the file at the path is another than the one read, or this one cut, and it
    /// was taken: then there is more to read.
    fn reopened(&mut self) -> io::Result<bool> {
        let Ok(meta) = std::fs::metadata(&self.path) else {
            // Rotated away, the new one not yet made: wait for it.
            return Ok(false);
        };
        if identity(&meta) != self.id {
            let Ok(file) = File::open(&self.path) else {
                return Ok(false);
            };
            // Only once the old file is read to its end (a read returned nothing).
            self.id = identity(&file.metadata()?);
            self.file = file;
        } else if meta.len() < self.at {
            self.file.rewind()?;
        } else {
            // It grew between the read that found its end and this look.
            return Ok(meta.len() > self.at);
        }
        self.at = 0;
        self.newline = self.last.is_some_and(|b| b != b'\n');
        Ok(true)
    }
}

impl Read for Follow<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.stop.stopped() || buf.is_empty() {
                return Ok(0);
            }
            if self.newline {
                self.newline = false;
                self.last = Some(b'\n');
                buf[0] = b'\n';
                return Ok(1);
            }
            let n = match self.file.read(buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => other?,
            };
            if n > 0 {
                self.at += n as u64;
                self.last = Some(buf[n - 1]);
                return Ok(n);
            }
            if self.reopened()? {
                continue;
            }
            if self.stop.wait(None, Some(FOLLOW_EVERY))? {
                return Ok(0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::sync::mpsc;

    /// Reads `reader` on a thread, handing each read's bytes over.
    fn reading(
        mut reader: impl Read + Send + 'static,
    ) -> (mpsc::Receiver<Vec<u8>>, std::thread::JoinHandle<()>) {
        let (tx, rx) = mpsc::channel();
        let handle = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                tx.send(buf[..n].to_vec()).ok();
            }
        });
        (rx, handle)
    }

    /// What comes from `rx` until it holds `want`, within a minute (a hang guard).
    fn until(rx: &mpsc::Receiver<Vec<u8>>, got: &mut Vec<u8>, want: &str) {
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while !String::from_utf8_lossy(got).contains(want) {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match rx.recv_timeout(left) {
                Ok(bytes) => got.extend(bytes),
                Err(_) => panic!("{want:?} never came: {:?}", String::from_utf8_lossy(got)),
            }
        }
    }

    #[test]
    fn a_followed_file_is_read_as_it_grows_across_rotation_and_truncation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.log");
        std::fs::write(&path, "one\n").unwrap();
        let stop: &'static Stop = Box::leak(Box::new(Stop::new().unwrap()));
        {
            let (rx, handle) = reading(Follow::new(&path, stop).unwrap());
            let mut got = Vec::new();
            until(&rx, &mut got, "one\n");
            let mut file = std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .unwrap();
            file.write_all(b"two\nunfini").unwrap();
            until(&rx, &mut got, "two\nunfini");
            // Rotation: the old file gets a last line after the rename, then a new file takes
            // the name.
            std::fs::rename(&path, dir.path().join("app.log.1")).unwrap();
            file.write_all(b"shed\n").unwrap();
            std::fs::write(&path, "three\n").unwrap();
            until(&rx, &mut got, "three\n");
            // Truncated in place (copytruncate), then written again.
            std::fs::write(&path, "").unwrap();
            let mut file = std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .unwrap();
            file.write_all(b"four\n").unwrap();
            until(&rx, &mut got, "four\n");
            stop.stop();
            handle.join().unwrap();
            assert_eq!(
                String::from_utf8_lossy(&got),
                "one\ntwo\nunfinished\nthree\nfour\n"
            );
        }
    }

    #[test]
    fn a_line_cut_by_rotation_is_ended() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.log");
        std::fs::write(&path, "cut").unwrap();
        let stop: &'static Stop = Box::leak(Box::new(Stop::new().unwrap()));
        {
            let (rx, handle) = reading(Follow::new(&path, stop).unwrap());
            let mut got = Vec::new();
            until(&rx, &mut got, "cut");
            std::fs::remove_file(&path).unwrap();
            std::fs::write(&path, "next\n").unwrap();
            until(&rx, &mut got, "next\n");
            stop.stop();
            handle.join().unwrap();
            assert_eq!(String::from_utf8_lossy(&got), "cut\nnext\n");
        }
    }

    #[test]
    fn a_stream_ends_when_its_writer_does_or_at_the_stop() {
        let stop: &'static Stop = Box::leak(Box::new(Stop::new().unwrap()));
        // Its writer closes: the end.
        let (read, write) = rustix::pipe::pipe().unwrap();
        {
            let (rx, handle) = reading(Stream::new(read, stop));
            let mut write = File::from(write);
            write.write_all(b"a\n").unwrap();
            let mut got = Vec::new();
            until(&rx, &mut got, "a\n");
            drop(write);
            handle.join().unwrap();
        }
        // Its writer stays, quiet: the stop ends it.
        let (read, write) = rustix::pipe::pipe().unwrap();
        {
            let (_rx, handle) = reading(Stream::new(read, stop));
            stop.stop();
            handle.join().unwrap();
            drop(write);
        }
    }

    #[test]
    fn a_fifo_is_opened_without_waiting_for_its_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fifo");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &path,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
            0,
        )
        .unwrap();
        let stop: &'static Stop = Box::leak(Box::new(Stop::new().unwrap()));
        {
            let stream = Stream::open(&path, stop).unwrap();
            let (rx, handle) = reading(stream);
            let mut writer = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
            writer.write_all(b"fifo line\n").unwrap();
            let mut got = Vec::new();
            until(&rx, &mut got, "fifo line\n");
            drop(writer);
            handle.join().unwrap();
        }
    }
}
