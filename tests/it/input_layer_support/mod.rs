//! What the input layer's tests share: a scratch directory, bounded runs of the binary, and
//! the parsed outcome of `explain`.
#![allow(dead_code)]

use crate::common::errcode;
use serde_json::Value;
use std::cell::OnceCell;
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

/// A directory of its own, removed when dropped.
pub struct Scratch(pub tempfile::TempDir);

impl Scratch {
    pub fn new(tag: &str) -> Scratch {
        let dir = tempfile::Builder::new()
            .prefix(&format!("errcode-input-layer-{tag}-"))
            .tempdir()
            .unwrap();
        Scratch(dir)
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

/// One run of the binary.
pub struct Outcome {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
    pub parsed: OnceCell<Vec<Value>>,
}

impl Outcome {
    pub fn from(out: Output, what: &str) -> Outcome {
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let status = match out.status.code() {
            Some(code) => code,
            None => panic!(
                "{what}: errcode was killed by a signal ({:?}); stderr: {}",
                out.status,
                clip(&stderr)
            ),
        };
        assert!(
            (0..=2).contains(&status),
            "{what}: exit status {status} is outside the contract (0, 1, 2); stderr: {}",
            clip(&stderr)
        );
        assert!(
            !stderr.contains("panicked") && !stderr.contains("overflowed its stack"),
            "{what}: crash: {}",
            clip(&stderr)
        );
        Outcome {
            status,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr,
            parsed: OnceCell::new(),
        }
    }

    /// The JSON lines of `--format json`, each parsed: one valid object per line.
    pub fn lines(&self) -> &[Value] {
        self.parsed.get_or_init(|| {
            self.stdout
                .lines()
                .map(|l| {
                    parse_line(l).unwrap_or_else(|e| {
                        panic!("stdout line is not one JSON object ({e}): {}", clip(l))
                    })
                })
                .collect()
        })
    }

    /// `annotation.status_code` of each envelope, in order.
    pub fn codes(&self) -> Vec<Value> {
        self.lines()
            .iter()
            .map(|l| l["annotation"]["status_code"].clone())
            .collect()
    }

    /// `line` of each envelope, in order.
    pub fn starts(&self) -> Vec<u64> {
        self.lines()
            .iter()
            .map(|l| l["line"].as_u64().unwrap_or(0))
            .collect()
    }

    /// `annotation.request_id` of each envelope, as text, in order.
    pub fn ids(&self) -> Vec<String> {
        self.lines().iter().map(request_id).collect()
    }

    /// The per-line warnings: stderr lines `errcode: NAME: line N …`.
    pub fn warnings(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("errcode: ") && l.contains(": line "))
            .collect()
    }

    /// `--summary --format json`: code (as JSON text) → count.
    pub fn summary(&self) -> Vec<(Value, u64)> {
        let rows: Vec<Value> = serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "--summary --format json is not one JSON array ({e}): {}",
                clip(&self.stdout)
            )
        });
        rows.iter()
            .map(|r| (r["code"].clone(), r["count"].as_u64().expect("count")))
            .collect()
    }

    pub fn summary_total(&self) -> u64 {
        self.summary().iter().map(|(_, n)| n).sum()
    }
}

/// One line of `--format json`, parsed. serde_json stops at 128 levels of nesting; a line that
/// holds deeper data (an envelope whose `Data` is nested a million deep) is parsed with every
/// value below 64 levels replaced by `null`.
pub fn parse_line(line: &str) -> Result<Value, serde_json::Error> {
    match serde_json::from_str(line) {
        Err(e) if e.to_string().contains("recursion limit") => {
            serde_json::from_str(&flatten_deep(line))
        }
        other => other,
    }
}

/// `text` with every array or object nested deeper than 64 levels replaced by `null`.
pub fn flatten_deep(text: &str) -> String {
    const MAX_DEPTH: usize = 64;
    let bytes = text.as_bytes();
    // The index just past the string that starts at `i` (a `"`).
    let skip_string = |mut i: usize| {
        i += 1;
        while i < bytes.len() && bytes[i] != b'"' {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        (i + 1).min(bytes.len())
    };
    let mut out = Vec::with_capacity(bytes.len());
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let end = skip_string(i);
                out.extend_from_slice(&bytes[i..end]);
                i = end;
            }
            b'[' | b'{' if depth == MAX_DEPTH => {
                let mut open = 0usize;
                while i < bytes.len() {
                    match bytes[i] {
                        b'"' => {
                            i = skip_string(i);
                            continue;
                        }
                        b'[' | b'{' => open += 1,
                        b']' | b'}' => {
                            open -= 1;
                            if open == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                out.extend_from_slice(b"null");
            }
            b => {
                match b {
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                out.push(b);
                i += 1;
            }
        }
    }
    // Only ASCII bytes were dropped, so the rest is still UTF-8.
    String::from_utf8(out).unwrap()
}

pub fn request_id(line: &Value) -> String {
    match &line["annotation"]["request_id"] {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

pub fn clip(text: &str) -> String {
    if text.len() <= 600 {
        return text.to_string();
    }
    let mut end = 600;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &text[..end], text.len())
}

/// Does warning `w` name line `n` (": line N" with no digit after)?
pub fn names_line(w: &str, n: u64) -> bool {
    let needle = format!(": line {n}");
    w.match_indices(&needle).any(|(at, _)| {
        !w[at + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// How long a run may take before it is taken to hang and stopped, failing its test. Not a
/// measure of speed: every input here is read in well under a second, and this is generous
/// enough for a debug build on a loaded machine.
pub const HANG: Duration = Duration::from_secs(300);

/// Runs `errcode ARGS` (hermetic, as `common::errcode`), with `input` on stdin when given, and
/// stops it after [`HANG`].
pub fn run_bounded(args: &[&OsStr], input: Option<&[u8]>) -> Output {
    let mut command = errcode();
    command.args(args);
    run_command(command, input)
}

/// Runs `command`, with `input` on stdin when given, and stops it after [`HANG`].
pub fn run_command(mut command: std::process::Command, input: Option<&[u8]>) -> Output {
    let mut child = command
        // No line of the human layout is wrapped: tests look for text in it.
        .env("COLUMNS", "4000")
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let writer = input.map(|input| {
        let mut stdin = child.stdin.take().unwrap();
        let input = input.to_vec();
        // errcode may answer (or fail) before it has read everything.
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        })
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} did not end in {HANG:?}; stopped");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    if let Some(writer) = writer {
        writer.join().unwrap();
    }
    Output {
        status,
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

/// `errcode ARGS`, bounded in time.
pub fn run(args: &[&str]) -> Output {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    run_bounded(&args, None)
}

/// `errcode explain EXTRA… PATH`.
pub fn explain_path(path: &Path, extra: &[&str]) -> Outcome {
    let mut args: Vec<&OsStr> = vec![OsStr::new("explain")];
    args.extend(extra.iter().map(OsStr::new));
    args.push(path.as_os_str());
    Outcome::from(
        run_bounded(&args, None),
        &format!("file {}", path.display()),
    )
}

/// `errcode explain EXTRA… -` with `input` on stdin.
pub fn explain_stdin(input: &[u8], extra: &[&str]) -> Outcome {
    let mut args: Vec<&OsStr> = vec![OsStr::new("explain")];
    args.extend(extra.iter().map(OsStr::new));
    args.push(OsStr::new("-"));
    Outcome::from(run_bounded(&args, Some(input)), "stdin")
}

/// stdout with each JSON line's `file`, and the place that ends each header of the human
/// layout, taken out (a file and stdin are named differently).
pub fn without_file(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| match parse_line(l) {
            Ok(Value::Object(mut o)) => {
                o.remove("file");
                Value::Object(o).to_string()
            }
            // The human layout's header ends with the file and line.
            _ if l.starts_with('✔') || l.starts_with('✘') => match l.rfind(" · ") {
                Some(at) => l[..at].to_string(),
                None => l.to_string(),
            },
            _ => l.to_string(),
        })
        .collect()
}

/// Reads `input` from a file named `name` and from stdin; both must give the same exit status
/// and the same stdout (but for `file`). Returns the file's outcome.
pub fn explain_both(name: &str, input: &[u8], extra: &[&str]) -> Outcome {
    let dir = Scratch::new("both");
    let path = dir.write(name, input);
    let from_file = explain_path(&path, extra);
    let from_stdin = explain_stdin(input, extra);
    assert_eq!(
        from_file.status,
        from_stdin.status,
        "{name}: exit status differs between a file and stdin\nfile stderr: {}\nstdin stderr: {}",
        clip(&from_file.stderr),
        clip(&from_stdin.stderr)
    );
    assert!(
        without_file(&from_file.stdout) == without_file(&from_stdin.stdout),
        "{name}: stdout differs between a file and stdin\nfile: {}\nstdin: {}",
        clip(&from_file.stdout),
        clip(&from_stdin.stdout)
    );
    from_file
}

pub fn json_lines(name: &str, input: &[u8]) -> Outcome {
    explain_both(name, input, &["--format", "json"])
}

/// A legacy envelope on one line, with no final newline.
pub fn envelope(id: &str, status: u64) -> String {
    format!(r#"{{"RequestId":"{id}","Code":0,"StatusCode":{status},"Message":"m","Data":""}}"#)
}

/// An envelope that draws no note of its own: the table's own message for 200.
pub fn clean_success(id: &str) -> String {
    format!(r#"{{"RequestId":"{id}","Code":0,"StatusCode":200,"Message":"请求成功","Data":""}}"#)
}

pub fn note_kinds(line: &Value) -> Vec<String> {
    line["annotation"]["notes"]
        .as_array()
        .map(|notes| {
            notes
                .iter()
                .map(|n| n["kind"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

pub fn strings(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// Runs `check` on every case and fails once at the end, naming each case that failed: one
/// failing case does not hide the others.
pub fn every_case<T>(cases: impl IntoIterator<Item = (String, T)>, check: impl Fn(T)) {
    let mut failed = Vec::new();
    let mut total = 0;
    for (name, case) in cases {
        total += 1;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(case)));
        if let Err(e) = result {
            let text = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failed.push(format!("[{name}] {}", clip(&text)));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {total} cases failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// A compressor: text to a format's bytes.
pub type Pack = fn(&[u8]) -> Vec<u8>;

/// The formats, each with a file name and the compressor that makes its bytes.
pub const FORMATS: [(&str, &str, Pack); 4] = [
    ("gzip", "x.log.gz", gzip),
    ("zstd", "x.log.zst", zstd),
    ("xz", "x.log.xz", xz),
    ("bzip2", "x.log.bz2", bzip2),
];

pub fn gzip(text: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text).unwrap();
    gz.finish().unwrap()
}

pub fn zstd(text: &[u8]) -> Vec<u8> {
    ruzstd::encoding::compress_to_vec(text, ruzstd::encoding::CompressionLevel::Fastest)
}

pub fn xz(text: &[u8]) -> Vec<u8> {
    let options = lzma_rust2::XzOptions::with_preset(1);
    let mut xz = lzma_rust2::XzWriter::new(Vec::new(), options).unwrap();
    xz.write_all(text).unwrap();
    xz.finish().unwrap()
}

pub fn bzip2(text: &[u8]) -> Vec<u8> {
    let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
    bz.write_all(text).unwrap();
    bz.finish().unwrap()
}

/// The number of JSON lines and the request IDs of the first and the last; only those two are
/// parsed (a debug build parses 100,000 annotations slowly).
pub fn ends(out: &Outcome) -> (usize, String, String) {
    let mut lines = out.stdout.lines();
    let count = out.stdout.lines().count();
    let id = |l: Option<&str>| {
        let l = l.unwrap_or("{}");
        request_id(&parse_line(l).unwrap_or_else(|e| panic!("{e}: {}", clip(l))))
    };
    let first = id(lines.next());
    let last = id(lines.next_back());
    (count, first, last)
}
