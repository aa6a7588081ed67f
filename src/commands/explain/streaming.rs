//! The sequential reader is the reference: input read in blocks on every core (`--summary`,
//! from a file and from a stream), and input handed over a few bytes at a time, must give its
//! output byte for byte, on input that mixes every form and puts something awkward across each
//! block's edge.

use std::io::Read;

use super::{explain_inputs, Input, Options};
use crate::settings::Format;
use crate::settings::Settings;
use crate::table::Table;

/// Hands out at most `step` bytes a read.
struct Trickle<R> {
    inner: R,
    step: usize,
}

impl<R: Read> Read for Trickle<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.step);
        self.inner.read(&mut buf[..n])
    }
}

/// About `bytes` of input in every form, with rare lines that need state (an HTTP response,
/// a document over several lines), broken lines, a line over a part's line limit, and more
/// distinct codes than the summary counts exactly, so that parts are taken in some places and
/// read again in others.
fn mixed_input(bytes: usize) -> Vec<u8> {
    let mut out = b"\xef\xbb\xbf".to_vec();
    let mut i = 0usize;
    while out.len() < bytes {
        let code = [200, 41601, 51603, 52502, 49999][i % 5];
        let line = if i % 9973 == 5000 {
            "HTTP/1.1 403 Forbidden\r\nX-Request-Id: h\r\n\r\n{\"RequestId\":\"h\",\"Code\":0,\"StatusCode\":42502}\r\n".to_string()
        } else if i % 7919 == 3000 {
            "{\n  \"RequestId\": \"multi\",\n  \"StatusCode\": 41617\n}\n".to_string()
        } else if i % 50_021 == 777 {
            format!(
                "{{\"StatusCode\":200,\"Code\":0,\"Data\":\"{}\"}}\n",
                "x".repeat(1_100_000)
            )
        } else if i % 31_337 == 1 {
            "{\"RequestId\":\"cut\",\"StatusCode\":4\n".to_string()
        } else if (200_000..215_000).contains(&i) {
            format!("{{\"StatusCode\":{},\"Code\":0}}\n", 100_000 + i)
        } else {
            match i % 97 {
                3 => "{\"RequestId\":\"broken\",\"StatusCode\":,}\n".to_string(),
                4 => format!("2026-11-27T08:00:{:02}Z ERROR client response={{\"RequestId\":\"log{i}\",\"Code\":0,\"StatusCode\":{code}}}\n", i % 60),
                5 => "plain text without an envelope\n".to_string(),
                6 => "[{\"StatusCode\":200,\"Code\":0},{\"StatusCode\":41602}]\n".to_string(),
                7 => "{\"Response\":{\"Error\":{\"Code\":\"ResourceNotFound.NotFoundCluster\",\"Message\":\"m\"},\"RequestId\":\"v3\"}}\n".to_string(),
                _ => format!("{{\"RequestId\":\"{i:08x}\",\"Code\":0,\"StatusCode\":{code},\"Message\":\"m\",\"Data\":{{\"n\":{i}}}}}\r\n"),
            }
        };
        out.extend_from_slice(line.as_bytes());
        i += 1;
    }
    out
}

/// stdout, stderr and the exit of explaining `input` with `--check`, and `--summary` or not.
fn explain(input: Input<'_>, format: Option<Format>, summary: bool) -> (Vec<u8>, Vec<u8>, String) {
    let options = Options {
        summary,
        check: true,
        ..Options::default()
    };
    explain_with(input, format, &options)
}

/// stdout, stderr and the exit of explaining `input` with `options`.
fn explain_with(
    input: Input<'_>,
    format: Option<Format>,
    options: &Options,
) -> (Vec<u8>, Vec<u8>, String) {
    let table = Table::builtin();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let result = explain_inputs(
        vec![input],
        &mut out,
        &mut err,
        &table,
        &Settings::piped(format),
        options,
    );
    (out, err, format!("{result:?}"))
}

#[test]
fn input_read_in_blocks_gives_the_sequential_readers_output() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let path = dir.join("mixed.log");
    std::fs::write(&path, mixed_input(40 << 20)).unwrap();
    let name = path.to_string_lossy().into_owned();
    let stream = || Box::new(std::fs::File::open(&path).unwrap());
    for format in [Some(Format::Json), Some(Format::Plain)] {
        crate::input::parallel::ONE_THREAD.set(true);
        let sequential = explain(Input::Reader(&name, stream()), format, true);
        crate::input::parallel::ONE_THREAD.set(false);
        let from_stream = explain(Input::Reader(&name, stream()), format, true);
        assert!(from_stream == sequential, "a stream read in blocks differs");
        let parts = explain(Input::Path(&path), format, true);
        assert_eq!(parts.2, sequential.2);
        assert_eq!(
            String::from_utf8_lossy(&parts.1),
            String::from_utf8_lossy(&sequential.1)
        );
        assert!(
            parts.0 == sequential.0,
            "{}\n---\n{}",
            String::from_utf8_lossy(&parts.0),
            String::from_utf8_lossy(&sequential.0)
        );
        // The input holds what makes parts be read again: broken lines and more distinct codes
        // than are counted exactly.
        assert!(String::from_utf8_lossy(&parts.1).contains("broken JSON"));
        assert!(String::from_utf8_lossy(&parts.0).contains("other"));
    }
}

#[test]
fn input_a_few_bytes_at_a_time_gives_the_same_output() {
    let input = mixed_input(300_000);
    for (format, summary) in [
        (Some(Format::Json), false),
        (None, false),
        (Some(Format::Json), true),
    ] {
        let whole = explain(Input::Reader("x", Box::new(&input[..])), format, summary);
        for step in [1, 7, 4096] {
            let trickle = Trickle {
                inner: &input[..],
                step,
            };
            let parts = explain(Input::Reader("x", Box::new(trickle)), format, summary);
            assert!(parts == whole, "step {step}, {format:?} summary {summary}");
        }
    }
}

#[test]
fn summary_counts_equal_the_json_lines() {
    let input = mixed_input(2 << 20);
    let (lines, _, _) = explain(
        Input::Reader("x", Box::new(&input[..])),
        Some(Format::Json),
        false,
    );
    let mut counts = std::collections::BTreeMap::<String, u64>::new();
    for line in String::from_utf8(lines).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        *counts
            .entry(v["annotation"]["status_code"].to_string())
            .or_default() += 1;
    }
    let (summary, _, _) = explain(
        Input::Reader("x", Box::new(&input[..])),
        Some(Format::Json),
        true,
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&summary).unwrap();
    let from_summary: std::collections::BTreeMap<String, u64> = rows
        .iter()
        .map(|r| (r["code"].to_string(), r["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(counts, from_summary);
}

/// A log over two hours, an envelope every second (some in a document over several lines,
/// some in records whose own field holds the time, some without a time), and what a window from
/// 08:30 to 09:15 leaves out of it: (the log, before, inside, after, untimed).
fn timed_input() -> (Vec<u8>, u64, u64, u64, u64) {
    let (since, until) = (30 * 60, 75 * 60);
    let (mut before, mut inside, mut after, mut untimed) = (0, 0, 0, 0);
    let mut out = Vec::new();
    for s in 0..2 * 3600u32 {
        let at = format!(
            "2026-11-27T{:02}:{:02}:{:02}Z",
            8 + s / 3600,
            s / 60 % 60,
            s % 60
        );
        let env = format!(r#"{{"RequestId":"r{s}","Code":0,"StatusCode":41601,"Message":"m"}}"#);
        let line = match s % 13 {
            3 => format!(
                "{at} ERROR resp={{\n  \"RequestId\": \"p{s}\",\n  \"StatusCode\": 52502\n}}\n"
            ),
            5 => format!("{{\"ts\":\"{at}\",\"resp\":{env}}}\n"),
            7 => format!("ERROR resp={env}\n"),
            9 => format!("{at} INFO no envelope here\n"),
            _ => format!("{at} ERROR resp={env}\n"),
        };
        match s % 13 {
            9 => {}
            7 => untimed += 1,
            _ if s < since => before += 1,
            _ if s >= until => after += 1,
            _ => inside += 1,
        }
        out.extend_from_slice(line.as_bytes());
    }
    (out, before, inside, after, untimed)
}

#[test]
fn what_the_window_leaves_out_is_counted_alike_on_one_thread_and_on_every_core() {
    let (log, before, inside, after, untimed) = timed_input();
    assert!(
        log.len() > 8 * (64 << 10),
        "{} bytes: too few blocks",
        log.len()
    );
    let clock = crate::input::time::Clock::local();
    let edge = crate::input::time::Edge::Since;
    let window = crate::input::time::Window {
        since: clock.bound("2026-11-27T08:30:00Z", 0, edge),
        until: clock.bound("2026-11-27T09:15:00Z", 0, edge),
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timed.log");
    std::fs::write(&path, &log).unwrap();
    let name = path.to_string_lossy().into_owned();
    let run = |input: Input<'_>, summary: bool| {
        let options = Options {
            summary,
            check: true,
            window: Some(window),
            ..Options::default()
        };
        let (out, err, result) = explain_with(input, Some(Format::Plain), &options);
        (out, String::from_utf8(err).unwrap(), result)
    };
    let stream = || Box::new(std::fs::File::open(&path).unwrap());
    crate::input::parallel::ONE_THREAD.set(true);
    let sequential = run(Input::Reader(&name, stream()), true);
    crate::input::parallel::ONE_THREAD.set(false);
    let left_out = format!("{before} envelopes fell before --since, {after} after --until\n");
    let untimed =
        format!("note: {untimed} envelopes without a time were left out by --since/--until\n");
    assert!(sequential.1.contains(&left_out), "{}", sequential.1);
    assert!(sequential.1.contains(&untimed), "{}", sequential.1);
    assert!(
        sequential
            .1
            .contains(&format!("{inside} envelopes, {inside} errors\n")),
        "{}",
        sequential.1
    );
    // Read in blocks, from a stream and from a file in ranges: the same counts, the same words.
    let from_stream = run(Input::Reader(&name, stream()), true);
    assert!(from_stream == sequential, "{}", from_stream.1);
    let from_file = run(Input::Path(&path), true);
    assert!(from_file == sequential, "{}", from_file.1);
    // Each envelope explained, as it is read: the same left out.
    let each = run(Input::Path(&path), false);
    assert_eq!(
        String::from_utf8(each.0).unwrap().lines().count() as u64,
        inside
    );
    assert!(
        each.1.contains(&left_out) && each.1.contains(&untimed),
        "{}",
        each.1
    );
}
