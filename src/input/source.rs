//! Bytes as they come to text as it is read: gzip is decompressed (by its magic bytes, from a
//! file or stdin), UTF-16 with a byte-order mark is transcoded to UTF-8, a UTF-8 byte-order
//! mark is dropped. Everything streams: nothing is read whole.

use std::io::{self, Read};

/// What the first bytes of an input say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8 (or anything else read as bytes), after `skip` bytes of byte-order mark.
    Plain {
        /// Bytes of byte-order mark.
        skip: usize,
    },
    /// gzip.
    Gzip,
    /// UTF-16, little-endian (`true`) or big-endian, after its byte-order mark.
    Utf16 {
        /// Little-endian.
        little: bool,
    },
}

/// What `head` (the first bytes, at least four when the input has them) says the input is.
pub(crate) fn sniff(head: &[u8]) -> Encoding {
    match head {
        [0x1f, 0x8b, ..] => Encoding::Gzip,
        [0xef, 0xbb, 0xbf, ..] => Encoding::Plain { skip: 3 },
        [0xff, 0xfe, ..] => Encoding::Utf16 { little: true },
        [0xfe, 0xff, ..] => Encoding::Utf16 { little: false },
        _ => Encoding::Plain { skip: 0 },
    }
}

/// Reads up to `n` bytes from the start of `input` (fewer only at its end).
fn head(input: &mut impl Read, n: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(n);
    input.take(n as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// `input` decoded to UTF-8 text (as far as it is text).
pub(crate) fn decode<'a>(mut input: impl Read + 'a) -> io::Result<Box<dyn Read + 'a>> {
    let start = head(&mut input, 4)?;
    let whole = io::Cursor::new(start.clone()).chain(input);
    match sniff(&start) {
        Encoding::Gzip => {
            let mut gunzip = flate2::read::MultiGzDecoder::new(whole);
            let start = head(&mut gunzip, 4)?;
            let whole = io::Cursor::new(start.clone()).chain(gunzip);
            // A compressed file of compressed data is read as the bytes it holds.
            Ok(match sniff(&start) {
                Encoding::Gzip | Encoding::Plain { skip: 0 } => Box::new(whole),
                encoding => text(whole, encoding),
            })
        }
        encoding => Ok(text(whole, encoding)),
    }
}

fn text<'a>(mut input: impl Read + 'a, encoding: Encoding) -> Box<dyn Read + 'a> {
    match encoding {
        Encoding::Plain { skip } => {
            let mut bom = [0u8; 3];
            // The byte-order mark was read once already: it is there.
            if input.read_exact(&mut bom[..skip]).is_err() {
                return Box::new(io::empty());
            }
            Box::new(input)
        }
        Encoding::Utf16 { little } => {
            let mut bom = [0u8; 2];
            if input.read_exact(&mut bom).is_err() {
                return Box::new(io::empty());
            }
            Box::new(Utf16 {
                input,
                little,
                raw: Vec::new(),
                out: Vec::new(),
                out_at: 0,
                eof: false,
            })
        }
        Encoding::Gzip => Box::new(input),
    }
}

/// UTF-16 to UTF-8, as it is read. A lone surrogate becomes U+FFFD.
struct Utf16<R> {
    input: R,
    little: bool,
    /// Bytes read and not yet decoded (an odd byte, or a high surrogate waiting for its pair).
    raw: Vec<u8>,
    out: Vec<u8>,
    out_at: usize,
    eof: bool,
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_at == self.out.len() {
            if self.eof {
                return Ok(0);
            }
            self.out.clear();
            self.out_at = 0;
            let have = self.raw.len();
            self.raw.resize(have + (64 << 10), 0);
            let n = loop {
                match self.input.read(&mut self.raw[have..]) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    other => break other?,
                }
            };
            self.raw.truncate(have + n);
            self.eof = n == 0;
            let mut units: Vec<u16> = self
                .raw
                .chunks_exact(2)
                .map(|p| match self.little {
                    true => u16::from_le_bytes([p[0], p[1]]),
                    false => u16::from_be_bytes([p[0], p[1]]),
                })
                .collect();
            let mut used = units.len() * 2;
            // A high surrogate last may have its pair in the next read.
            if !self.eof && units.last().is_some_and(|u| (0xd800..0xdc00).contains(u)) {
                units.pop();
                used -= 2;
            }
            if self.eof && self.raw.len() % 2 == 1 {
                used = self.raw.len();
            }
            for c in char::decode_utf16(units) {
                let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
                let mut utf8 = [0u8; 4];
                self.out
                    .extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
            }
            if self.eof && self.raw.len() % 2 == 1 {
                self.out.extend_from_slice("\u{fffd}".as_bytes());
            }
            self.raw.drain(..used);
        }
        let n = buf.len().min(self.out.len() - self.out_at);
        buf[..n].copy_from_slice(&self.out[self.out_at..self.out_at + n]);
        self.out_at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> String {
        let mut out = String::new();
        decode(bytes).unwrap().read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn boms_and_utf16() {
        assert_eq!(decoded(b"\xef\xbb\xbf{}"), "{}");
        assert_eq!(decoded(b"{}"), "{}");
        assert_eq!(decoded(b""), "");
        assert_eq!(decoded(b"a"), "a");
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(
                "{\"a\":\"设备\"}😀"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert_eq!(decoded(&le), "{\"a\":\"设备\"}😀");
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("x\ny".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decoded(&be), "x\ny");
        // A lone surrogate, and an odd last byte.
        assert_eq!(
            decoded(&[0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00, 0x42]),
            "\u{fffd}A\u{fffd}"
        );
    }

    #[test]
    fn gzip_by_its_magic_bytes() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"\xef\xbb\xbf{\"StatusCode\":200}\n").unwrap();
        let one = gz.finish().unwrap();
        let two = [one.clone(), one].concat();
        // Only the first byte-order mark is the input's; a later one is text (the reader
        // passes over it at the start of a line).
        assert_eq!(
            decoded(&two),
            "{\"StatusCode\":200}\n\u{feff}{\"StatusCode\":200}\n"
        );
    }

    #[test]
    fn broken_gzip_is_an_error() {
        let mut out = String::new();
        let read =
            decode(&[0x1f, 0x8b, 8, 0, 1, 2, 3][..]).and_then(|mut r| r.read_to_string(&mut out));
        assert!(read.is_err());
    }
}
