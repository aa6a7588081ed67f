//! `explain --live` in a real terminal: tmux runs it, a test feeds it through a FIFO, a pipe or
//! a file it follows, types keys with `send-keys` and reads the screen with `capture-pane`.
//! Every wait polls the screen until what is expected shows, with a generous deadline that only
//! guards against a hang. Where no terminal can be drawn on, `--live` is `--summary`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{errcode, parts, run, run_with_input};

/// How long a screen may take to show what is expected: a guard against a hang, not a speed
/// test (the machine may be loaded).
const DEADLINE: Duration = Duration::from_secs(90);

/// A tmux server of the test's own, with one window running a command; killed when dropped.
struct Tmux {
    socket: String,
}

/// Whether tmux is here. CI installs it (`.ci/run`): there a missing tmux fails the test.
fn have_tmux() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is not installed, and CI must test --live with it"
        );
        eprintln!("skipping: tmux is not installed");
    }
    found
}

/// `text` quoted for sh.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

impl Tmux {
    /// Runs `args` of errcode in a `width`×`height` terminal, in a clean environment (no CI,
    /// English unless `args` say otherwise, no colour variables, times in UTC), then prints its
    /// exit status and waits, so that the screen stays to be read. `before` is put before the
    /// command (a pipe into it).
    fn start(name: &str, width: u16, height: u16, before: &str, args: &[&str]) -> Tmux {
        Tmux::start_with(name, width, height, before, "", args)
    }

    /// [`Tmux::start`], with `env` (`NAME=value …`) in errcode's environment.
    fn start_with(
        name: &str,
        width: u16,
        height: u16,
        before: &str,
        env: &str,
        args: &[&str],
    ) -> Tmux {
        let socket = format!("errcode-live-{}-{name}", std::process::id());
        let bin = env!("CARGO_BIN_EXE_errcode");
        let args: Vec<String> = args.iter().map(|a| quoted(a)).collect();
        let path = std::env::var("PATH").unwrap_or_default();
        let command = format!(
            "{before} env -i PATH={} TERM=xterm-256color TZ=UTC {env} {} {}; echo \"exit status $?\"; sleep 600",
            quoted(&path),
            quoted(bin),
            args.join(" ")
        );
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .arg(command)
            .status()
            .unwrap();
        assert!(status.success(), "tmux could not start");
        Tmux { socket }
    }

    /// The screen, and with `history` what scrolled off it.
    fn screen(&self, history: bool) -> String {
        self.capture(history, false)
    }

    /// The screen with its colours and attributes as escape sequences.
    fn styled(&self) -> String {
        self.capture(false, true)
    }

    fn capture(&self, history: bool, styled: bool) -> String {
        let mut command = Command::new("tmux");
        command.args(["-L", &self.socket, "capture-pane", "-p"]);
        if styled {
            command.arg("-e");
        }
        if history {
            command.args(["-S", "-500"]);
        }
        let out = command.output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls the screen until `test` holds of it; fails, showing it, at the deadline.
    fn until(&self, what: &str, history: bool, test: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(history);
            if test(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "the screen never showed {what}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn resize(&self, width: u16, height: u16) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "resize-window"])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn keys(&self, keys: &[&str]) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// The pid of the pane's process.
    fn pid(&self) -> u32 {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "display-message", "-p", "#{pane_pid}"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output()
            .ok();
    }
}

/// A FIFO made in `dir`.
fn fifo(dir: &Path) -> PathBuf {
    let path = dir.join("feed");
    let status = Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(status.success());
    path
}

/// `n` legacy envelopes of `code`, logged at `time`.
fn envelopes(code: u32, n: usize, tag: &str) -> String {
    (0..n)
        .map(|i| {
            format!("{{\"RequestId\":\"{tag}-{i}\",\"Code\":0,\"StatusCode\":{code},\"Message\":\"m\"}}\n")
        })
        .collect()
}

/// The line of the screen that starts with `code`, and its count (the second column).
fn count_of(screen: &str, code: &str) -> Option<u64> {
    screen
        .lines()
        .find(|l| l.split_whitespace().next() == Some(code))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
}

#[test]
fn the_view_grows_as_a_fifo_is_fed_shows_the_detail_and_prints_the_summary_on_quit() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let feed = fifo(dir.path());
    let tmux = Tmux::start(
        "fifo",
        100,
        30,
        "",
        &["explain", "--live", "--check", feed.to_str().unwrap()],
    );
    tmux.until("the empty view", false, |s| {
        s.contains("waiting for envelopes")
    });
    // errcode holds the FIFO open for reading: opening it to write returns at once.
    let mut writer = std::fs::OpenOptions::new().write(true).open(&feed).unwrap();
    writer
        .write_all((envelopes(41601, 5, "a") + &envelopes(200, 3, "ok")).as_bytes())
        .unwrap();
    let screen = tmux.until("the first counts", false, |s| {
        count_of(s, "41601") == Some(5) && count_of(s, "200") == Some(3)
    });
    assert!(
        screen.contains("8 envelopes · 5 errors (62.5%)"),
        "{screen}"
    );
    assert!(screen.contains("Token expired"), "{screen}");
    assert!(!screen.contains("[input ended]"), "{screen}");
    // More arrives while the view is up: the counts grow in place.
    writer
        .write_all(envelopes(41601, 7, "b").as_bytes())
        .unwrap();
    let screen = tmux.until("the counts grown", false, |s| {
        count_of(s, "41601") == Some(12)
    });
    assert!(screen.contains("15 envelopes · 12 errors"), "{screen}");
    // Enter: the selected code's knowledge, in both languages, and its sample RequestIds.
    tmux.keys(&["Enter"]);
    let screen = tmux.until("the detail pane", false, |s| s.contains("RequestIds"));
    assert!(
        screen.contains("中文") && screen.contains("English"),
        "{screen}"
    );
    assert!(screen.contains("a-0, a-1, a-2"), "{screen}");
    assert!(screen.contains("12 (12 errors)"), "{screen}");
    // q while the input is still open: the summary stays in the terminal, and --check exits
    // 1 for the errors read.
    tmux.keys(&["q"]);
    let screen = tmux.until("the exit status", true, |s| s.contains("exit status"));
    assert!(screen.contains("exit status 1"), "{screen}");
    assert!(screen.contains("15 envelopes, 12 errors"), "{screen}");
    assert!(
        screen.contains("RequestIds 41601: a-0, a-1, a-2"),
        "{screen}"
    );
    drop(writer);
}

#[test]
fn a_pipe_that_ends_leaves_the_view_marked_ended_until_q() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.log");
    // Hostile text in a code: escaped on the screen, never obeyed by the terminal.
    let hostile = "{\"Response\":{\"Error\":{\"Code\":\"Evil\\u001b[2J\\u001b]0;pwned\\u0007.Code\",\"Message\":\"m\"},\"RequestId\":\"v3\"}}\n";
    std::fs::write(&input, envelopes(200, 4, "ok") + hostile).unwrap();
    let tmux = Tmux::start(
        "pipe",
        80,
        24,
        &format!("cat {} |", quoted(input.to_str().unwrap())),
        &["explain", "--live", "--check", "--errors"],
    );
    let screen = tmux.until("the ended view", false, |s| s.contains("[input ended]"));
    // The code is cut to its column, its escapes whole as far as they go.
    assert!(screen.contains("Evil\\u001b[2J\\u001b]0;pwned"), "{screen}");
    // --errors: the successes are not counted.
    assert!(screen.contains("1 envelope · 1 error"), "{screen}");
    assert!(count_of(&screen, "200").is_none(), "{screen}");
    // 80 columns beside a code this long hold no sparkline; 200 do, drawn again at once.
    assert!(!screen.contains("Last 10 min"), "{screen}");
    tmux.resize(200, 50);
    tmux.until("the wider table", false, |s| s.contains("Last 10 min"));
    // Colour, as everywhere else on a terminal: the error code in red.
    let styled = tmux.styled();
    assert!(styled.contains("\u{1b}[38;5;1mEvil"), "{styled}");
    tmux.resize(80, 24);
    tmux.until("the narrower table", false, |s| !s.contains("Last 10 min"));
    // The detail pane's title holds the whole code, escaped.
    tmux.keys(&["Enter"]);
    let screen = tmux.until("the detail pane", false, |s| s.contains("RequestIds"));
    assert!(
        screen.contains("Evil\\u001b[2J\\u001b]0;pwned\\u0007.Code"),
        "{screen}"
    );
    // The view stays until q, however long: the marker is still there on a later screen.
    tmux.keys(&["p"]);
    // Both markers on one screen (a capture may catch a redraw half done: poll for it whole).
    tmux.until("the paused and ended markers", false, |s| {
        s.contains("[paused]") && s.contains("[input ended]")
    });
    tmux.keys(&["q"]);
    let screen = tmux.until("the exit status", true, |s| s.contains("exit status"));
    assert!(screen.contains("exit status 1"), "{screen}");
    assert!(screen.contains("1 envelope, 1 error"), "{screen}");
}

#[test]
fn a_followed_file_is_counted_across_its_rotation_in_chinese() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("app.log");
    std::fs::write(&log, envelopes(200, 2, "ok")).unwrap();
    let tmux = Tmux::start(
        "follow",
        120,
        30,
        "",
        &["--lang", "zh", "explain", "--live", log.to_str().unwrap()],
    );
    let screen = tmux.until("the first counts", false, |s| count_of(s, "200") == Some(2));
    assert!(screen.contains("共 2 个响应"), "{screen}");
    assert!(!screen.contains("输入已结束"), "{screen}");
    // Appended to, then rotated: the old file's last lines and the new file's both count.
    let mut file = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    file.write_all(envelopes(41601, 3, "a").as_bytes()).unwrap();
    tmux.until("the appended lines", false, |s| {
        count_of(s, "41601") == Some(3)
    });
    std::fs::rename(&log, dir.path().join("app.log.1")).unwrap();
    file.write_all(envelopes(41601, 1, "late").as_bytes())
        .unwrap();
    std::fs::write(&log, envelopes(51603, 2, "new")).unwrap();
    let screen = tmux.until("the rotated file's lines", false, |s| {
        count_of(s, "51603") == Some(2) && count_of(s, "41601") == Some(4)
    });
    assert!(screen.contains("共 8 个响应"), "{screen}");
    tmux.keys(&["q"]);
    let screen = tmux.until("the exit status", true, |s| s.contains("exit status"));
    assert!(screen.contains("exit status 0"), "{screen}");
    assert!(screen.contains("共 8 个响应，6 个错误"), "{screen}");
}

/// The CPU time (user and system) the process `pid` has used, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The fields after the command's name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

/// The process errcode runs in under the pane's shell.
fn errcode_pid(shell: u32) -> u32 {
    let children =
        std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap_or_default();
    let pids: Vec<u32> = children
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect();
    for pid in pids {
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
        if exe.to_string_lossy().contains("errcode") {
            return pid;
        }
    }
    panic!("no errcode under the pane's shell {shell}: {children}");
}

#[test]
fn waiting_for_input_uses_almost_no_cpu() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let feed = fifo(dir.path());
    let log = dir.path().join("app.log");
    std::fs::write(&log, envelopes(200, 1, "ok")).unwrap();
    // Both waits at once: a FIFO whose writer is quiet, and a file followed by looking at it.
    let tmux = Tmux::start(
        "idle",
        100,
        30,
        "",
        &[
            "explain",
            "--live",
            feed.to_str().unwrap(),
            log.to_str().unwrap(),
        ],
    );
    tmux.until("the view", false, |s| s.contains("Code"));
    let writer = std::fs::OpenOptions::new().write(true).open(&feed).unwrap();
    let pid = errcode_pid(tmux.pid());
    let ticks_per_second: u64 = {
        let out = Command::new("getconf").arg("CLK_TCK").output().unwrap();
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .unwrap_or(100)
    };
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(5));
    let used = cpu_ticks(pid) - before;
    let ms = used * 1000 / ticks_per_second;
    eprintln!("explain --live, idle: {ms} ms of CPU in 5 s");
    assert!(ms < 100, "{ms} ms of CPU in 5 idle seconds");
    tmux.keys(&["q"]);
    tmux.until("the exit status", true, |s| s.contains("exit status 0"));
    drop(writer);
}

#[test]
fn without_a_terminal_live_is_the_summary_with_a_note() {
    let input = envelopes(41601, 2, "a") + &envelopes(200, 1, "ok");
    let live = run_with_input(&["explain", "--live", "--check"], input.as_bytes());
    let summary = run_with_input(&["explain", "--summary", "--check"], input.as_bytes());
    let (code, out, err) = parts(&live);
    assert_eq!(code, 1, "{err}");
    assert_eq!(out, String::from_utf8_lossy(&summary.stdout));
    assert!(
        err.contains("note: --live: stdout is not a terminal"),
        "{err}"
    );
    // A file is read to its end, not followed: the run ends by itself.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.log");
    std::fs::write(&path, &input).unwrap();
    let out = errcode()
        .args(["--lang", "zh", "explain", "--live", "--format", "plain"])
        .arg(&path)
        .output()
        .unwrap();
    let (code, out, err) = parts(&out);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("2\t66.67%\t41601\t"), "{out}");
    assert!(err.contains("注意：--live：标准输出不是终端"), "{err}");
}

#[test]
fn live_with_diff_summary_or_a_format_for_tools_is_a_usage_error() {
    for args in [
        &["explain", "--live", "--diff", "a", "b"][..],
        &["explain", "--live", "--summary", "x"],
        &["explain", "--live", "--verbose", "x"],
        &["--format", "json", "explain", "--live", "x"],
        &["--format", "github", "explain", "--live", "x"],
        &["--format", "markdown", "explain", "--live", "x"],
        &["explain", "--live", "--by", "1m", "x"],
        &["explain", "--live", "--group", "retry", "x"],
    ] {
        let (code, out, err) = parts(&run(args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
    let (_, _, err) = parts(&run(&["--format", "json", "explain", "--live", "x"]));
    assert!(err.contains("--live draws for people"), "{err}");
    // A file that is not there: told, exit 2, before anything is drawn.
    let (code, _, err) = parts(&run(&["explain", "--live", "/nonexistent/app.log"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("/nonexistent/app.log"), "{err}");
}

/// The peak memory of the process `pid` so far, in KiB.
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// A million distinct codes with times and 60-character RequestIds through the view: the rows
/// past the first 10,000 counted together, the view's copy and its screen beside the counts,
/// all within the 32 MiB `--summary` keeps. Slow in a debug build: `.ci/run` runs it in
/// release with the other stress tests.
#[test]
#[ignore]
fn stress_peak_memory_of_a_million_distinct_codes() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("distinct.log");
    {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
        let id = "r".repeat(60);
        for i in 0..1_000_000u32 {
            writeln!(
                file,
                "2026-11-27T08:{:02}:{:02}Z {{\"RequestId\":\"{id}-{i:07}\",\"Code\":0,\"StatusCode\":{},\"Message\":\"\",\"Data\":\"\"}}",
                i / 60 % 60,
                i % 60,
                100_000 + i
            )
            .unwrap();
        }
    }
    let tmux = Tmux::start(
        "memory",
        200,
        50,
        &format!("cat {} |", quoted(input.to_str().unwrap())),
        &["explain", "--live"],
    );
    tmux.until("the view", false, |s| s.contains("Code"));
    let pid = errcode_pid(tmux.pid());
    let start = Instant::now();
    // The whole input, with a guard of five minutes against a hang on a loaded machine.
    loop {
        let screen = tmux.screen(false);
        if screen.contains("[input ended]") {
            assert!(screen.contains("1000000 envelopes"), "{screen}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(300), "{screen}");
        std::thread::sleep(Duration::from_millis(200));
    }
    // Moving through the rows lays out others; the peak is read after.
    tmux.keys(&["G", "Enter", "g"]);
    tmux.until("the detail pane", false, |s| s.contains("RequestIds"));
    let peak = peak_kib(pid);
    eprintln!("explain --live on a million distinct codes: peak memory {peak} KiB");
    assert!(peak <= 32 << 10, "peak memory {peak} KiB, more than 32 MiB");
    tmux.keys(&["q"]);
    let screen = tmux.until("the exit status", true, |s| s.contains("exit status"));
    assert!(screen.contains("exit status 0"), "{screen}");
}

#[test]
fn no_color_means_no_colour_and_q_quits_during_a_burst() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("app.log");
    // Enough to keep the reader busy for a while in a debug build.
    std::fs::write(&log, envelopes(41601, 300_000, "burst")).unwrap();
    let tmux = Tmux::start_with(
        "burst",
        100,
        30,
        "",
        "NO_COLOR=1",
        &["explain", "--live", "--check", log.to_str().unwrap()],
    );
    tmux.until("the first counts", false, |s| {
        count_of(s, "41601").is_some()
    });
    let styled = tmux.styled();
    // tmux writes a colour set as 38;5;N (foreground) or 48;5;N (background).
    assert!(!styled.contains(";5;"), "{styled}");
    assert!(
        styled.contains("\u{1b}[7m") || styled.contains(";7m"),
        "{styled}"
    );
    // Keys are read on their own thread's side: q is heard while the file is being read.
    tmux.keys(&["q"]);
    let screen = tmux.until("the exit status", true, |s| s.contains("exit status"));
    assert!(screen.contains("exit status 1"), "{screen}");
    assert!(
        screen.contains("RequestIds 41601: burst-0, burst-1, burst-2"),
        "{screen}"
    );
}

#[test]
fn history_replayed_at_once_counts_where_it_was_logged_not_as_a_spike() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("replay.log");
    // Three lines logged two hours ago, as `kubectl logs -f` replays them, and two with no
    // time, which count when they arrive.
    let old = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(2);
    let old = old.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut text = String::new();
    for i in 0..3 {
        text.push_str(&format!(
            "{old} ERROR {{\"RequestId\":\"old-{i}\",\"Code\":0,\"StatusCode\":41601}}\n"
        ));
    }
    text.push_str(&envelopes(41601, 2, "new"));
    std::fs::write(&input, text).unwrap();
    let tmux = Tmux::start(
        "replay",
        160,
        20,
        &format!("cat {} |", quoted(input.to_str().unwrap())),
        &["explain", "--live"],
    );
    let screen = tmux.until("the ended view", false, |s| s.contains("[input ended]"));
    assert_eq!(count_of(&screen, "41601"), Some(5), "{screen}");
    // Of the five, the last minute holds the two that came with no time.
    assert!(screen.contains("· 2/min ·"), "{screen}");
    // First seen when the history was logged (its hour and minute, UTC), last just now.
    let row = screen.lines().find(|l| l.starts_with("41601")).unwrap();
    assert!(
        row.contains(&old[11..16]) && row.contains("0s ago"),
        "{old}: {row}"
    );
    tmux.keys(&["q"]);
    tmux.until("the exit status", true, |s| s.contains("exit status 0"));
}

#[test]
fn a_signal_to_end_restores_the_terminal_and_prints_the_summary() {
    if !have_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let feed = fifo(dir.path());
    let tmux = Tmux::start(
        "signal",
        100,
        30,
        "",
        &["explain", "--live", feed.to_str().unwrap()],
    );
    tmux.until("the empty view", false, |s| {
        s.contains("waiting for envelopes")
    });
    let mut writer = std::fs::OpenOptions::new().write(true).open(&feed).unwrap();
    writer
        .write_all(envelopes(200, 2, "ok").as_bytes())
        .unwrap();
    tmux.until("the counts", false, |s| count_of(s, "200") == Some(2));
    // As `timeout` ends it: SIGTERM.
    let pid = errcode_pid(tmux.pid());
    let status = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let screen = tmux.until("the exit status", true, |s| s.contains("exit status"));
    assert!(screen.contains("exit status 0"), "{screen}");
    assert!(screen.contains("2 envelopes, 0 errors"), "{screen}");
    // Out of the alternate screen: the view is gone from what is shown.
    assert!(!screen.contains("q quit"), "{screen}");
    drop(writer);
}
