//! The readers of the compressed streams errcode decompresses, each a pure-Rust decoder that
//! reads concatenated streams one after another. Where a format's headers say how large a window
//! (dictionary) the decoder must hold, the header is read first and a stream over
//! [`WINDOW_MAX`] is refused before anything is allocated. A stream cut short is said as such,
//! with its format's name, whichever decoder found it.

use std::fmt;
use std::io::{self, BufReader, Read};

use super::source::Refused;

/// The largest window (dictionary) a compressed stream may need: 8 MiB, what `xz` (-6) and
/// `zstd -19` use, and no more, so that the process stays within its 32 MiB.
pub(crate) const WINDOW_MAX: u64 = 8 << 20;

/// A compression format errcode decompresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compression {
    Gzip,
    Zstd,
    Xz,
    Bzip2,
}

impl Compression {
    /// The command that decompresses it to stdout.
    pub(crate) fn command(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip -dc",
            Compression::Zstd => "zstd -dc",
            Compression::Xz => "xz -dc",
            Compression::Bzip2 => "bzip2 -dc",
        }
    }

    /// tar's option that reads it.
    pub(crate) fn tar_option(self) -> &'static str {
        match self {
            Compression::Gzip => "-xOzf",
            Compression::Zstd => "--zstd -xOf",
            Compression::Xz => "-xOJf",
            Compression::Bzip2 => "-xOjf",
        }
    }
}

impl fmt::Display for Compression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
            Compression::Xz => "xz",
            Compression::Bzip2 => "bzip2",
        })
    }
}

/// gzip members, one after another (`cat a.gz b.gz`).
pub(crate) fn gzip<'a>(input: impl Read + 'a) -> Box<dyn Read + 'a> {
    Box::new(Named {
        inner: flate2::read::MultiGzDecoder::new(input),
        format: Compression::Gzip,
    })
}

/// bzip2 streams, one after another (`cat a.bz2 b.bz2`, `pbzip2`'s output).
pub(crate) fn bzip2<'a>(input: impl Read + 'a) -> Box<dyn Read + 'a> {
    Box::new(Named {
        inner: bzip2::read::MultiBzDecoder::new(input),
        format: Compression::Bzip2,
    })
}

/// xz streams, one after another; a block whose dictionary is over [`WINDOW_MAX`] is refused
/// before it is allocated: the first block's from its header, here, a later one's by the
/// decoder's memory limit.
pub(crate) fn xz<'a>(mut input: impl Read + 'a) -> io::Result<Box<dyn Read + 'a>> {
    let mut header = Vec::new();
    if let Some(dict) = xz_dictionary(&mut input, &mut header)? {
        if dict > WINDOW_MAX {
            return Err(Refused::Window(Compression::Xz, Some(dict)).into());
        }
    }
    let limit_kb = lzma_rust2::lzma2_get_memory_usage(WINDOW_MAX as u32);
    let input = BufReader::with_capacity(64 << 10, io::Cursor::new(header).chain(input));
    Ok(Box::new(Named {
        inner: lzma_rust2::XzReader::new_mem_limit(input, true, limit_kb),
        format: Compression::Xz,
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
        let end = at.saturating_add(usize::try_from(props).unwrap_or(usize::MAX));
        let prop = block.get(at..end);
        at = end;
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

/// The most one read asks of the zstd decoder: a block's most.
const ZSTD_READ: usize = 128 << 10;

/// zstd frames, one after another, skippable frames passed over.
pub(crate) fn zstd<'a>(input: impl Read + 'a) -> Box<dyn Read + 'a> {
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
                _ => return Err(incomplete(Compression::Zstd)),
            };
            if magic & 0xffff_fff0 == 0x184d_2a50 {
                // A skippable frame: its length, then as many bytes.
                let mut length = [0; 4];
                input
                    .read_exact(&mut length)
                    .map_err(|_| incomplete(Compression::Zstd))?;
                let length = u64::from(u32::from_le_bytes(length));
                if io::copy(&mut (&mut input).take(length), &mut io::sink())? < length {
                    return Err(incomplete(Compression::Zstd));
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
                return Err(Refused::Window(Compression::Zstd, Some(window)).into());
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
        .map_err(|_| incomplete(Compression::Zstd))?;
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
        return Err(incomplete(Compression::Zstd));
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
                // The decoder decodes as much as is asked for into its own buffer, beside
                // the window, before handing it over: a long line's large reads are cut.
                let want = buf.len().min(ZSTD_READ);
                let n = frame
                    .read(&mut buf[..want])
                    .map_err(|e| match e.get_ref() {
                        Some(inner) => zstd_error(inner),
                        None => e,
                    })?;
                if n > 0 || buf.is_empty() {
                    return Ok(n);
                }
                let frame = self.frame.take().expect("a frame");
                let (source, decoder) = frame.into_parts();
                let sum = decoder.get_checksum_from_data();
                if sum.is_some() && sum != decoder.get_calculated_checksum() {
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
        return incomplete(Compression::Zstd);
    }
    io::Error::new(io::ErrorKind::InvalidData, format!("zstd: {text}"))
}

/// The error of a stream cut short.
fn incomplete(format: Compression) -> io::Error {
    io::Error::new(
        io::ErrorKind::UnexpectedEof,
        format!("incomplete {format} stream"),
    )
}

/// A decoder whose errors name its format; a stream cut short is said as such, and (xz) a
/// later block over the memory limit is refused like the first.
struct Named<R> {
    inner: R,
    format: Compression,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::source::tests::{packed, FORMATS};
    use crate::input::source::{decode, Archive};

    /// All of `bytes`, decoded; the error as it comes.
    fn read(bytes: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        decode(bytes)?.read_to_end(&mut out)?;
        Ok(out)
    }

    /// A zstd frame of one raw block holding `text`, whose header declares a window of
    /// `descriptor` (exponent and mantissa, as the format writes it).
    fn zstd_frame(descriptor: u8, text: &[u8]) -> Vec<u8> {
        let mut frame = vec![0x28, 0xb5, 0x2f, 0xfd, 0x00, descriptor];
        // The last block, raw, of `text.len()` bytes.
        let block = 1 | (text.len() as u32) << 3;
        frame.extend_from_slice(&block.to_le_bytes()[..3]);
        frame.extend_from_slice(text);
        frame
    }

    /// `xz` with its first block header's LZMA2 dictionary byte set to `bits` (its CRC32 made
    /// again, so that only the size is out of the way).
    fn with_dictionary(mut xz: Vec<u8>, bits: u8) -> Vec<u8> {
        let size = (usize::from(xz[12]) + 1) * 4;
        let header = 12..12 + size - 4;
        let filter = xz[header.clone()]
            .windows(2)
            .position(|w| w == [0x21, 0x01])
            .unwrap();
        xz[12 + filter + 2] = bits;
        let mut crc = flate2::Crc::new();
        crc.update(&xz[header.clone()]);
        xz[header.end..header.end + 4].copy_from_slice(&crc.sum().to_le_bytes());
        xz
    }

    #[test]
    fn a_zstd_window_is_read_from_each_frame_header() {
        let text = b"{\"StatusCode\":200}\n";
        // 8 MiB (exponent 13) is read; 8 MiB and an eighth, 16 MiB and 128 MiB are refused.
        assert_eq!(read(&zstd_frame(13 << 3, text)).unwrap(), text);
        for (descriptor, window) in [
            (13 << 3 | 1, 9 << 20),
            (14 << 3, 16 << 20),
            (17 << 3, 128 << 20),
        ] {
            let refused = read(&zstd_frame(descriptor, text)).unwrap_err();
            assert_eq!(
                Refused::of(&refused),
                Some(Refused::Window(Compression::Zstd, Some(window)))
            );
        }
        // A later frame's too.
        let two = [zstd_frame(13 << 3, text), zstd_frame(17 << 3, text)].concat();
        let refused = read(&two).unwrap_err();
        assert_eq!(
            Refused::of(&refused),
            Some(Refused::Window(Compression::Zstd, Some(128 << 20)))
        );
        // A single segment's window is its content's size.
        let mut header = Vec::new();
        let single = [0x20 | 0x80, 0x00, 0x00, 0x00, 0x02];
        assert_eq!(
            zstd_window(&mut &single[..], &mut header).unwrap(),
            32 << 20
        );
    }

    #[test]
    fn an_xz_dictionary_is_read_from_the_block_header() {
        let text = b"{\"StatusCode\":200}\n";
        let xz = packed(Compression::Xz, text);
        assert_eq!(read(&xz).unwrap(), text);
        // 22: 8 MiB, read; 23: 12 MiB; 28: 64 MiB, xz -9's; 30: 128 MiB.
        assert_eq!(read(&with_dictionary(xz.clone(), 22)).unwrap(), text);
        for (bits, dict) in [(23, 12 << 20), (28, 64 << 20), (30, 128 << 20)] {
            let refused = read(&with_dictionary(xz.clone(), bits)).unwrap_err();
            assert_eq!(
                Refused::of(&refused),
                Some(Refused::Window(Compression::Xz, Some(dict)))
            );
        }
        // A later stream's block is refused by the decoder's limit, its size unknown.
        let two = [xz.clone(), with_dictionary(xz, 28)].concat();
        let refused = read(&two).unwrap_err();
        assert_eq!(
            Refused::of(&refused),
            Some(Refused::Window(Compression::Xz, None))
        );
    }

    #[test]
    fn a_stream_cut_short_says_so_in_each_format() {
        let text = "{\"StatusCode\":41601}\n".repeat(200);
        for format in FORMATS {
            let whole = packed(format, text.as_bytes());
            for keep in [6, whole.len() / 2, whole.len() - 1] {
                let e = read(&whole[..keep]).unwrap_err();
                assert!(
                    e.to_string().contains(&format!("{format}")),
                    "{format} cut to {keep} of {}: {e}",
                    whole.len()
                );
                assert_eq!(Refused::of(&e), None);
            }
            let e = read(&whole[..whole.len() - 1]).unwrap_err();
            assert_eq!(e.to_string(), format!("incomplete {format} stream"));
        }
    }

    #[test]
    fn a_refusal_says_what_to_run_first() {
        let xz = Refused::Window(Compression::Xz, Some(64 << 20));
        assert_eq!(xz.window().as_deref(), Some("64 MiB"));
        assert_eq!(
            xz.command(Some("app.log.xz")),
            "xz -dc app.log.xz | errcode explain"
        );
        assert_eq!(xz.command(None), "… | xz -dc | errcode explain");
        let tar = Refused::Archive(Archive::Tar, Some(Compression::Gzip));
        assert_eq!(
            tar.command(Some("a.tgz")),
            "tar -xOzf a.tgz | errcode explain"
        );
        assert_eq!(tar.command(None), "… | tar -xOzf - | errcode explain");
        let zip = Refused::Archive(Archive::Zip, None);
        assert_eq!(
            zip.command(Some("a.zip")),
            "unzip -p a.zip | errcode explain"
        );
        assert_eq!(zip.command(None), "… | funzip | errcode explain");
        let zip = Refused::Archive(Archive::Zip, Some(Compression::Bzip2));
        assert_eq!(
            zip.command(Some("a.zip.bz2")),
            "bzip2 -dc a.zip.bz2 | funzip | errcode explain"
        );
    }
}
