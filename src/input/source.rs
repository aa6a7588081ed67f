//! Bytes as they come to text as it is read. A compressed stream (gzip, zstd, xz, bzip2) is
//! decompressed, told by its magic bytes, from a file or stdin, concatenated streams one after
//! another (each format's reader is in `compressed`); then, in what came out as in plain input,
//! UTF-16 with a byte-order mark is transcoded to UTF-8 and a UTF-8 byte-order mark is dropped.
//! An archive (zip, tar, also a compressed tar) is refused by name, and so is a stream whose
//! window would take more memory than errcode's bound: both are [`Refused`] errors, which say
//! what to run first. Everything streams: nothing is read whole.

use std::fmt;
use std::io::{self, Read};

use super::compressed::{self, Compression};

/// What the first bytes of an input say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-8 (or anything else read as bytes), after `skip` bytes of byte-order mark.
    Plain {
        /// Bytes of byte-order mark.
        skip: usize,
    },
    /// UTF-16, little-endian (`true`) or big-endian, after its byte-order mark.
    Utf16 {
        /// Little-endian.
        little: bool,
    },
    /// A compressed stream.
    Compressed(Compression),
    /// An archive of files, not a stream of text.
    Archive(Archive),
}

/// An archive errcode refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Archive {
    Zip,
    Tar,
}

/// What the first bytes of an input say it is: `head` as [`head`] reads it.
pub(crate) fn sniff(head: &[u8]) -> Encoding {
    match head {
        [0x1f, 0x8b, ..] => Encoding::Compressed(Compression::Gzip),
        // A frame, or a skippable frame before one.
        [0x28, 0xb5, 0x2f, 0xfd, ..] | [0x50..=0x5f, 0x2a, 0x4d, 0x18, ..] => {
            Encoding::Compressed(Compression::Zstd)
        }
        [0xfd, b'7', b'z', b'X', b'Z', 0x00, ..] => Encoding::Compressed(Compression::Xz),
        // The magic, then a block's (π) or an empty stream's end (√π), as far as the input
        // goes: `BZh9 …` is text.
        [b'B', b'Z', b'h', b'1'..=b'9', rest @ ..]
            if [
                &[0x31, 0x41, 0x59, 0x26, 0x53, 0x59],
                &[0x17, 0x72, 0x45, 0x38, 0x50, 0x90],
            ]
            .iter()
            .any(|magic| magic.starts_with(&rest[..rest.len().min(6)])) =>
        {
            Encoding::Compressed(Compression::Bzip2)
        }
        // A local file header, or the end record of an empty archive.
        [b'P', b'K', 3, 4, ..] | [b'P', b'K', 5, 6, ..] => Encoding::Archive(Archive::Zip),
        // POSIX's `ustar\0`, or GNU's `ustar  \0`: a log line with "mustard" at 256 is text.
        _ if matches!(head.get(257..263), Some(b"ustar\0"))
            || head.get(257..265) == Some(b"ustar  \0") =>
        {
            Encoding::Archive(Archive::Tar)
        }
        [0xef, 0xbb, 0xbf, ..] => Encoding::Plain { skip: 3 },
        [0xff, 0xfe, ..] => Encoding::Utf16 { little: true },
        [0xfe, 0xff, ..] => Encoding::Utf16 { little: false },
        _ => Encoding::Plain { skip: 0 },
    }
}

/// The bytes [`sniff`] may look at: through tar's magic, `ustar  \0` at 257.
pub(crate) const HEAD: usize = 265;

/// Reads the start of `input` for [`sniff`]: [`HEAD`] bytes, fewer at its end or once a
/// newline has come, so that live input (`tail -f`) is not held waiting for more. No magic
/// number holds a newline, so one that came before it is whole, and a tar header has none
/// before its magic.
fn head(input: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut head = vec![0; HEAD];
    let mut n = 0;
    while n < HEAD && !head[..n].contains(&b'\n') {
        match input.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    head.truncate(n);
    Ok(head)
}

/// `input` decoded to UTF-8 text (as far as it is text).
pub(crate) fn decode<'a>(mut input: impl Read + 'a) -> io::Result<Box<dyn Read + 'a>> {
    let start = head(&mut input)?;
    let encoding = sniff(&start);
    let whole = io::Cursor::new(start).chain(input);
    let format = match encoding {
        Encoding::Compressed(format) => format,
        Encoding::Archive(archive) => return Err(Refused::Archive(archive, None).into()),
        encoding => return Ok(text(whole, encoding)),
    };
    let mut inner = match format {
        Compression::Gzip => compressed::gzip(whole),
        Compression::Zstd => compressed::zstd(whole),
        Compression::Xz => compressed::xz(whole)?,
        Compression::Bzip2 => compressed::bzip2(whole),
    };
    let start = head(&mut inner)?;
    let encoding = sniff(&start);
    let whole = io::Cursor::new(start).chain(inner);
    match encoding {
        Encoding::Archive(archive) => Err(Refused::Archive(archive, Some(format)).into()),
        // A compressed file of compressed data is read as the bytes it holds.
        Encoding::Compressed(_) | Encoding::Plain { skip: 0 } => Ok(Box::new(whole)),
        encoding => Ok(text(whole, encoding)),
    }
}

/// An input errcode does not read, and what to run first: the error inside an `io::Error`
/// from [`decode`], told with the input's name by `output::problems::read_error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    /// A compressed stream whose window is over [`WINDOW_MAX`](super::compressed::WINDOW_MAX):
    /// how large, when known.
    Window(Compression, Option<u64>),
    /// An archive, compressed with a format or not.
    Archive(Archive, Option<Compression>),
}

impl Refused {
    /// The one refusal inside `e`, if it is one.
    pub(crate) fn of(e: &io::Error) -> Option<Refused> {
        e.get_ref()?.downcast_ref::<Refused>().copied()
    }

    /// The window a refused stream declares, as a size a person reads (`64 MiB`), when known.
    pub(crate) fn window(self) -> Option<String> {
        let Refused::Window(_, Some(w)) = self else {
            return None;
        };
        Some(match w {
            _ if w % (1 << 20) == 0 => format!("{} MiB", w >> 20),
            _ if w >= 1 << 20 => format!("{:.1} MiB", w as f64 / f64::from(1 << 20)),
            _ => format!("{} KiB", w.div_ceil(1 << 10)),
        })
    }

    /// What to run first for the input named `file` (`None`: stdin), ending in errcode.
    pub(crate) fn command(self, file: Option<&str>) -> String {
        // The command that reads the input, and what it is piped to before errcode.
        let (reads, then) = match self {
            Refused::Window(format, _) => (format.command().to_string(), ""),
            Refused::Archive(Archive::Tar, None) => ("tar -xOf".into(), ""),
            Refused::Archive(Archive::Tar, Some(format)) => {
                (format!("tar {}", format.tar_option()), "")
            }
            // unzip reads a file; funzip reads a pipe (the archive's first file).
            Refused::Archive(Archive::Zip, None) if file.is_some() => ("unzip -p".into(), ""),
            Refused::Archive(Archive::Zip, None) => ("funzip".into(), ""),
            Refused::Archive(Archive::Zip, Some(format)) => {
                (format.command().to_string(), " | funzip")
            }
        };
        let input = match file {
            Some(file) => format!("{reads} {file}"),
            // tar reads stdin when its file is `-`.
            None if matches!(self, Refused::Archive(Archive::Tar, _)) => format!("… | {reads} -"),
            None => format!("… | {reads}"),
        };
        format!("{input}{then} | errcode explain")
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::Window(format, _) => match self.window() {
                Some(window) => write!(f, "a {format} stream that needs a {window} window"),
                None => write!(f, "a {format} stream that needs a window over the limit"),
            },
            Refused::Archive(Archive::Zip, _) => f.write_str("a zip archive"),
            Refused::Archive(Archive::Tar, _) => f.write_str("a tar archive"),
        }
    }
}

impl std::error::Error for Refused {}

impl From<Refused> for io::Error {
    fn from(refused: Refused) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, refused)
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
        Encoding::Compressed(_) | Encoding::Archive(_) => Box::new(input),
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
pub(crate) mod tests {
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

    /// `text` compressed in `format` by the format's own encoder.
    pub(crate) fn packed(format: Compression, text: &[u8]) -> Vec<u8> {
        use std::io::Write;
        match format {
            Compression::Gzip => {
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                gz.write_all(text).unwrap();
                gz.finish().unwrap()
            }
            Compression::Zstd => {
                ruzstd::encoding::compress_to_vec(text, ruzstd::encoding::CompressionLevel::Fastest)
            }
            Compression::Xz => {
                let options = lzma_rust2::XzOptions::with_preset(1);
                let mut xz = lzma_rust2::XzWriter::new(Vec::new(), options).unwrap();
                xz.write_all(text).unwrap();
                xz.finish().unwrap()
            }
            Compression::Bzip2 => {
                let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
                bz.write_all(text).unwrap();
                bz.finish().unwrap()
            }
        }
    }

    pub(crate) const FORMATS: [Compression; 4] = [
        Compression::Gzip,
        Compression::Zstd,
        Compression::Xz,
        Compression::Bzip2,
    ];

    /// A tar archive's first header, holding `app.log`.
    pub(crate) fn tar_header() -> Vec<u8> {
        let mut header = vec![0u8; 512];
        header[..7].copy_from_slice(b"app.log");
        header[100..108].copy_from_slice(b"0000644\0");
        header[257..265].copy_from_slice(b"ustar\x0000");
        header
    }

    #[test]
    fn each_magic_is_sniffed() {
        let cases: [(&[u8], Encoding); 13] = [
            (b"\x1f\x8b\x08\x00", Encoding::Compressed(Compression::Gzip)),
            (
                b"\x28\xb5\x2f\xfd\x00",
                Encoding::Compressed(Compression::Zstd),
            ),
            // A skippable frame first.
            (
                b"\x5a\x2a\x4d\x18\x00",
                Encoding::Compressed(Compression::Zstd),
            ),
            (b"\xfd7zXZ\x00\x00", Encoding::Compressed(Compression::Xz)),
            (b"BZh91AY&SY", Encoding::Compressed(Compression::Bzip2)),
            (b"PK\x03\x04\x14\x00", Encoding::Archive(Archive::Zip)),
            (b"PK\x05\x06\x00\x00", Encoding::Archive(Archive::Zip)),
            (&tar_header(), Encoding::Archive(Archive::Tar)),
            // Text that starts like one of them is text.
            (b"BZh, a log line\n", Encoding::Plain { skip: 0 }),
            (b"BZh9 tasks ran\n", Encoding::Plain { skip: 0 }),
            (b"PK is a key\n", Encoding::Plain { skip: 0 }),
            (b"\xfd7zX", Encoding::Plain { skip: 0 }),
            (b"\xef\xbb\xbf{}", Encoding::Plain { skip: 3 }),
        ];
        for (head, encoding) in cases {
            assert_eq!(sniff(head), encoding, "{head:?}");
        }
    }

    #[test]
    fn the_head_stops_at_a_newline_so_that_live_input_is_not_held() {
        // A reader that fails if read after its first line: `tail -f` with nothing more yet.
        struct Live(Option<&'static [u8]>);
        impl Read for Live {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let line = self.0.take().expect("read past the line that had come");
                buf[..line.len()].copy_from_slice(line);
                Ok(line.len())
            }
        }
        assert_eq!(
            head(&mut Live(Some(b"{\"a\":1}\n"))).unwrap(),
            b"{\"a\":1}\n"
        );
        assert_eq!(head(&mut Live(Some(b"{}\n"))).unwrap(), b"{}\n");
        let tar = tar_header();
        assert_eq!(head(&mut &tar[..]).unwrap(), &tar[..HEAD]);
    }

    #[test]
    fn each_format_is_decompressed_then_sniffed_and_concatenated_streams_are_read() {
        let text = "\u{feff}{\"StatusCode\":200}\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes);
        let utf16: Vec<u8> = text.collect();
        for format in FORMATS {
            let one = packed(format, b"{\"StatusCode\":41601}\n");
            assert_eq!(
                decoded(&[one.clone(), one].concat()),
                "{\"StatusCode\":41601}\n".repeat(2)
            );
            // What came out is sniffed as plain input is: UTF-16 with its mark.
            assert_eq!(
                decoded(&packed(format, &utf16)),
                "{\"StatusCode\":200}\n",
                "{format}"
            );
            assert_eq!(decoded(&packed(format, b"")), "", "{format}");
        }
    }

    #[test]
    fn archives_are_refused_by_name_also_compressed() {
        let refused = |bytes: &[u8]| decode(bytes).err().as_ref().and_then(Refused::of);
        let tar = [tar_header(), b"{\"StatusCode\":200}\n".to_vec()].concat();
        assert_eq!(refused(&tar), Some(Refused::Archive(Archive::Tar, None)));
        assert_eq!(
            refused(b"PK\x03\x04rest"),
            Some(Refused::Archive(Archive::Zip, None))
        );
        for format in FORMATS {
            assert_eq!(
                refused(&packed(format, &tar)),
                Some(Refused::Archive(Archive::Tar, Some(format))),
                "{format}"
            );
        }
    }

    #[test]
    fn broken_gzip_is_an_error() {
        let mut out = String::new();
        let read =
            decode(&[0x1f, 0x8b, 8, 0, 1, 2, 3][..]).and_then(|mut r| r.read_to_string(&mut out));
        assert!(read.is_err());
    }
}
