//! Bytes as they come to text as it is read. A compressed stream (gzip, zstd, xz, bzip2) is
//! decompressed, told by its magic bytes, from a file or stdin, concatenated streams one after
//! another; then, in what came out as in plain input, UTF-16 with a byte-order mark is
//! transcoded to UTF-8 and a UTF-8 byte-order mark is dropped. An archive (zip, tar, also a
//! compressed tar) is refused by name, and so is a stream whose window would take more memory
//! than [`WINDOW_MAX`]: both are [`Refused`] errors, which tell what to run first. Everything
//! streams: nothing is read whole.

use std::fmt;
use std::io::{self, BufReader, Read};

/// The largest window (dictionary) a compressed stream may need: 8 MiB, what `xz` (-6) and
/// `zstd -19` use, and no more, so that the process stays within its 32 MiB.
pub(crate) const WINDOW_MAX: u64 = 8 << 20;

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
    Compressed(Format),
    /// An archive of files, not a stream of text.
    Archive(Archive),
}

/// A compression format errcode decompresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Gzip,
    Zstd,
    Xz,
    Bzip2,
}

impl Format {
    /// The command that decompresses it to stdout.
    fn command(self) -> &'static str {
        match self {
            Format::Gzip => "gzip -dc",
            Format::Zstd => "zstd -dc",
            Format::Xz => "xz -dc",
            Format::Bzip2 => "bzip2 -dc",
        }
    }

    /// tar's option that reads it.
    fn tar_option(self) -> &'static str {
        match self {
            Format::Gzip => "-xOzf",
            Format::Zstd => "--zstd -xOf",
            Format::Xz => "-xOJf",
            Format::Bzip2 => "-xOjf",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Gzip => "gzip",
            Format::Zstd => "zstd",
            Format::Xz => "xz",
            Format::Bzip2 => "bzip2",
        })
    }
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
        [0x1f, 0x8b, ..] => Encoding::Compressed(Format::Gzip),
        // A frame, or a skippable frame before one.
        [0x28, 0xb5, 0x2f, 0xfd, ..] | [0x50..=0x5f, 0x2a, 0x4d, 0x18, ..] => {
            Encoding::Compressed(Format::Zstd)
        }
        [0xfd, b'7', b'z', b'X', b'Z', 0x00, ..] => Encoding::Compressed(Format::Xz),
        [b'B', b'Z', b'h', b'1'..=b'9', ..] => Encoding::Compressed(Format::Bzip2),
        // A local file header, or the end record of an empty archive.
        [b'P', b'K', 3, 4, ..] | [b'P', b'K', 5, 6, ..] => Encoding::Archive(Archive::Zip),
        _ if head.get(257..262) == Some(b"ustar") => Encoding::Archive(Archive::Tar),
        [0xef, 0xbb, 0xbf, ..] => Encoding::Plain { skip: 3 },
        [0xff, 0xfe, ..] => Encoding::Utf16 { little: true },
        [0xfe, 0xff, ..] => Encoding::Utf16 { little: false },
        _ => Encoding::Plain { skip: 0 },
    }
}

/// The bytes [`sniff`] may look at: through tar's magic, `ustar` at 257.
pub(crate) const HEAD: usize = 262;

/// Reads the start of `input` for [`sniff`]: [`HEAD`] bytes, fewer at its end or once six
/// bytes and a newline have come (a tar header has none before its magic), so that live input
/// (`tail -f`) is not held waiting for more.
fn head(input: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut head = vec![0; HEAD];
    let mut n = 0;
    while n < HEAD && !(n >= 6 && head[..n].contains(&b'\n')) {
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
        Format::Gzip => gzip(whole),
        Format::Zstd => zstd(whole),
        Format::Xz => xz(whole)?,
        Format::Bzip2 => bzip2(whole),
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

/// gzip members, one after another (`cat a.gz b.gz`).
fn gzip<'a>(input: impl Read + 'a) -> Box<dyn Read + 'a> {
    Box::new(Named {
        inner: flate2::read::MultiGzDecoder::new(input),
        format: Format::Gzip,
    })
}

/// bzip2 streams, one after another (`cat a.bz2 b.bz2`, `pbzip2`'s output).
fn bzip2<'a>(input: impl Read + 'a) -> Box<dyn Read + 'a> {
    Box::new(Named {
        inner: bzip2::read::MultiBzDecoder::new(input),
        format: Format::Bzip2,
    })
}

/// xz streams, one after another; a block whose dictionary is over [`WINDOW_MAX`] is refused
/// before it is allocated: the first block's from its header, here, a later one's by the
/// decoder's memory limit.
fn xz<'a>(mut input: impl Read + 'a) -> io::Result<Box<dyn Read + 'a>> {
    let mut header = Vec::new();
    if let Some(dict) = xz_dictionary(&mut input, &mut header)? {
        if dict > WINDOW_MAX {
            return Err(Refused::Window(Format::Xz, Some(dict)).into());
        }
    }
    let limit_kb = lzma_rust2::lzma2_get_memory_usage(WINDOW_MAX as u32);
    let input = BufReader::with_capacity(64 << 10, io::Cursor::new(header).chain(input));
    Ok(Box::new(Named {
        inner: lzma_rust2::XzReader::new_mem_limit(input, true, limit_kb),
        format: Format::Xz,
    }))
}

/// The LZMA2 dictionary size the first block of an xz stream declares, read from its stream
/// header and block header (what was read is left in `read`); `None` when it does not say
/// (no block, or a header the decoder will refuse).
fn xz_dictionary(input: &mut impl Read, read: &mut Vec<u8>) -> io::Result<Option<u64>> {
    // The stream header (12 bytes), then the block header's size.
    input.take(13).read_to_end(read)?;
    let Some(&size) = read.get(12) else {
        return Ok(None);
    };
    if size == 0 {
        // The index: a stream with no block.
        return Ok(None);
    }
    let size = (usize::from(size) + 1) * 4;
    input.take(size as u64 - 1).read_to_end(read)?;
    let Some(block) = read.get(12..12 + size - 4) else {
        return Ok(None);
    };
    // Flags: the number of filters, then which sizes follow, each a multibyte integer.
    let flags = block[1];
    let mut at = 2;
    let skip = usize::from(flags & 0x40 != 0) + usize::from(flags & 0x80 != 0);
    for _ in 0..skip {
        xz_integer(block, &mut at);
    }
    let mut dict = None;
    for _ in 0..=(flags & 3) {
        let (Some(id), Some(props)) = (xz_integer(block, &mut at), xz_integer(block, &mut at))
        else {
            return Ok(None);
        };
        let prop = block.get(at..at + props as usize);
        at += props as usize;
        // LZMA2, the last filter: one byte of dictionary size.
        if let (0x21, Some(&[bits])) = (id, prop) {
            dict = match bits {
                0..=39 => Some(u64::from(2 | (bits & 1)) << (bits / 2 + 11)),
                40 => Some(u64::from(u32::MAX)),
                _ => None,
            };
        }
    }
    Ok(dict)
}

/// The multibyte integer of xz's headers at `block[*at..]`, `at` moved past it.
fn xz_integer(block: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for i in 0..9 {
        let byte = *block.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// zstd frames, one after another, skippable frames passed over.
fn zstd<'a>(input: impl Read + 'a) -> Box<dyn Read + 'a> {
    Box::new(Zstd {
        input: Some(BufReader::with_capacity(64 << 10, input)),
        frame: None,
        decoder: None,
    })
}

/// A zstd frame decoder over its input, with the header it was given back in front.
type ZstdFrame<R> = ruzstd::decoding::StreamingDecoder<
    io::Chain<io::Cursor<Vec<u8>>, R>,
    ruzstd::decoding::FrameDecoder,
>;

/// zstd frames, one after another, each frame's window checked from its header before the
/// decoder sees it.
struct Zstd<R: Read> {
    /// The input between two frames.
    input: Option<R>,
    /// The frame being read.
    frame: Option<ZstdFrame<R>>,
    /// The decoder of the frame before, reused.
    decoder: Option<ruzstd::decoding::FrameDecoder>,
}

impl<R: Read> Zstd<R> {
    /// Starts the next frame; `false` at the end of the input.
    fn next_frame(&mut self, mut input: R) -> io::Result<bool> {
        loop {
            let mut header = Vec::with_capacity(18);
            (&mut input).take(4).read_to_end(&mut header)?;
            let magic = match header[..] {
                [] => return Ok(false),
                [a, b, c, d] => u32::from_le_bytes([a, b, c, d]),
                _ => return Err(incomplete(Format::Zstd)),
            };
            if magic & 0xffff_fff0 == 0x184d_2a50 {
                // A skippable frame: its length, then as many bytes.
                let mut length = [0; 4];
                input
                    .read_exact(&mut length)
                    .map_err(|_| incomplete(Format::Zstd))?;
                let length = u64::from(u32::from_le_bytes(length));
                if io::copy(&mut (&mut input).take(length), &mut io::sink())? < length {
                    return Err(incomplete(Format::Zstd));
                }
                continue;
            }
            if magic != 0xfd2f_b528 {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "zstd: data after a frame that is no frame",
                ));
            }
            let window = zstd_window(&mut input, &mut header)?;
            if window > WINDOW_MAX {
                return Err(Refused::Window(Format::Zstd, Some(window)).into());
            }
            let source = io::Cursor::new(header).chain(input);
            let decoder = self.decoder.take().unwrap_or_default();
            let frame = ruzstd::decoding::StreamingDecoder::new_with_decoder(source, decoder)
                .map_err(|e| zstd_error(&e))?;
            self.frame = Some(frame);
            return Ok(true);
        }
    }
}

/// The window a zstd frame needs, from its header after the magic number (what was read is
/// added to `header`).
fn zstd_window(input: &mut impl Read, header: &mut Vec<u8>) -> io::Result<u64> {
    let mut descriptor = [0];
    input
        .read_exact(&mut descriptor)
        .map_err(|_| incomplete(Format::Zstd))?;
    let descriptor = descriptor[0];
    header.push(descriptor);
    let single_segment = descriptor & 0x20 != 0;
    let dictionary_id = [0, 1, 2, 4][usize::from(descriptor & 3)];
    let content_size = match (descriptor >> 6, single_segment) {
        (0, false) => 0,
        (0, true) => 1,
        (flag, _) => 1 << flag,
    };
    let rest = usize::from(!single_segment) + dictionary_id + content_size;
    let from = header.len();
    input.take(rest as u64).read_to_end(header)?;
    if header.len() < from + rest {
        return Err(incomplete(Format::Zstd));
    }
    let fields = &header[from..];
    if !single_segment {
        // Window_Descriptor: exponent and mantissa.
        let exponent = u32::from(fields[0] >> 3);
        let base = 1u64 << (10 + exponent);
        return Ok(base + base / 8 * u64::from(fields[0] & 7));
    }
    // A single segment: the window is the content, whose size follows the dictionary ID.
    let size = &fields[dictionary_id..];
    let mut bytes = [0u8; 8];
    bytes[..size.len()].copy_from_slice(size);
    let size = u64::from_le_bytes(bytes);
    Ok(if content_size == 2 { size + 256 } else { size })
}

impl<R: Read> Read for Zstd<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if let Some(frame) = &mut self.frame {
                let n = frame.read(buf).map_err(|e| match e.get_ref() {
                    Some(inner) => zstd_error(inner),
                    None => e,
                })?;
                if n > 0 || buf.is_empty() {
                    return Ok(n);
                }
                let frame = self.frame.take().expect("a frame");
                let (source, decoder) = frame.into_parts();
                if decoder.get_checksum_from_data() != decoder.get_calculated_checksum() {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "zstd: the checksum does not match the data",
                    ));
                }
                self.decoder = Some(decoder);
                self.input = Some(source.into_inner().1);
            }
            match self.input.take() {
                Some(input) => {
                    if !self.next_frame(input)? {
                        return Ok(0);
                    }
                }
                None => return Ok(0),
            }
        }
    }
}

/// A zstd decoder's error as one line.
fn zstd_error(e: &(dyn std::error::Error + 'static)) -> io::Error {
    let text = e.to_string();
    // The decoder says a short read in its own words, from deep in a block.
    if text.contains("UnexpectedEof")
        || text.contains("failed to fill whole buffer")
        || text.contains("NotEnoughBytes")
    {
        return incomplete(Format::Zstd);
    }
    io::Error::new(io::ErrorKind::InvalidData, format!("zstd: {text}"))
}

/// The error of a stream cut short.
fn incomplete(format: Format) -> io::Error {
    io::Error::new(
        io::ErrorKind::UnexpectedEof,
        format!("incomplete {format} stream"),
    )
}

/// A decoder whose errors name its format; a stream cut short is said as such, and (xz) a
/// later block over the memory limit is refused like the first.
struct Named<R> {
    inner: R,
    format: Format,
}

impl<R: Read> Read for Named<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| match e.kind() {
            io::ErrorKind::UnexpectedEof => incomplete(self.format),
            io::ErrorKind::OutOfMemory => Refused::Window(self.format, None).into(),
            _ if e.get_ref().is_some_and(|e| e.is::<Refused>()) => e,
            _ => io::Error::new(e.kind(), format!("{}: {e}", self.format)),
        })
    }
}

/// An input errcode does not read, and what to run first: the error inside an `io::Error`
/// from [`decode`], told with the input's name by `output::problems::read_error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    /// A compressed stream whose window is over [`WINDOW_MAX`]: how large, when known.
    Window(Format, Option<u64>),
    /// An archive, compressed with a format or not.
    Archive(Archive, Option<Format>),
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
