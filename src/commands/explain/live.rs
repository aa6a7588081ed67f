//! `explain --live`: each input read on a thread of its own into the counts `--summary` keeps,
//! files followed as they grow; the screen drawn from those counts on this thread, a few times
//! a second at most, and the keys read from the terminal; on quit, the summary printed as
//! `--summary` prints it. The readers never wait for the screen: they hold their counts only
//! between two reads, and the screen takes a copy of them to draw from.

use std::io::{self, IsTerminal, Read, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event as Term, KeyCode, KeyEventKind, KeyModifiers};

use super::inputs::{read_error, Counted, Input};
use super::options::Options;
use super::report::{self, Counter};
use crate::error::{file_error, Error, Outcome};
use crate::explain::summary::Summary;
use crate::input::follow::{compressed, Follow, Stop, Stream};
use crate::input::parallel::Parts;
use crate::input::{Event, Sink};
use crate::output::live::{self as view, KeyState, LiveFrame, Move};
use crate::output::report::MAX_TABLE_ROWS;
use crate::settings::Settings;
use crate::table::Table;

/// The most frames drawn in a second while input comes.
const FRAME: Duration = Duration::from_millis(250);

/// How often the screen is drawn when nothing comes: the clock and the rates move on.
const IDLE_FRAME: Duration = Duration::from_secs(1);

/// One input and what was counted of it.
struct Slot<'t> {
    /// Its name in messages.
    name: String,
    /// Its name in the counts' origins.
    json_name: String,
    counter: Mutex<Counter<'t>>,
    /// Reads counted so far: the screen draws again when it changes.
    reads: AtomicU64,
    /// Its end was read (an input not followed), or the reading stopped.
    ended: AtomicBool,
    /// Bytes read.
    bytes: AtomicU64,
    /// Why it could not be read to its end.
    error: Mutex<Option<Error>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// The reader's consumer: the counts are held from the first event after a read to the pause
/// before the next, so that the screen's copy never sees a read half counted and never waits
/// longer than one read's counting.
struct Batches<'s, 't> {
    slot: &'s Slot<'t>,
    held: Option<MutexGuard<'s, Counter<'t>>>,
}

impl Sink for Batches<'_, '_> {
    fn event(&mut self, event: Event<'_, '_>) -> io::Result<()> {
        if matches!(event, Event::Pause) {
            if self.held.take().is_some() {
                self.slot.reads.fetch_add(1, Ordering::Relaxed);
            }
            return Ok(());
        }
        let slot = self.slot;
        let counter = self.held.get_or_insert_with(|| {
            let mut counter = lock(&slot.counter);
            // What this read brought arrived now.
            counter.arrived(now_millis());
            counter
        });
        counter.event(event)
    }
}

/// Reads `reader` into `slot` until its end or the stop.
fn read_into(
    slot: &Slot<'_>,
    reader: Box<dyn Read + Send + '_>,
    stop: &Stop,
    lang: crate::lang::Lang,
) {
    let mut counted = Counted::new(reader);
    let mut batches = Batches { slot, held: None };
    let result = crate::input::read(&mut counted, &slot.json_name, &mut batches);
    drop(batches);
    slot.bytes.store(counted.bytes, Ordering::Relaxed);
    // A stream the stop cut short is not broken.
    if let (Err(e), false) = (result, stop.stopped()) {
        *lock(&slot.error) = Some(read_error(&slot.name, &e, lang));
    }
    slot.ended.store(true, Ordering::SeqCst);
    slot.reads.fetch_add(1, Ordering::Relaxed);
}

/// Why the view cannot be drawn here, if it cannot: then `--live` is `--summary`.
fn cannot_draw(settings: &Settings, inputs: &[Input<'_>]) -> Option<String> {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    if !settings.stdout_is_terminal {
        Some(crate::t!(
            "--live: stdout is not a terminal: the input is read to its end and summarised, as --summary does",
            "--live：标准输出不是终端：读完输入后输出汇总，与 --summary 相同"
        ))
    } else if set("CI") {
        // A CI job with a pseudo-terminal has nobody to press q.
        Some(crate::t!(
            "--live: CI is set: the input is read to its end and summarised, as --summary does",
            "--live：设置了 CI：读完输入后输出汇总，与 --summary 相同"
        ))
    } else if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        Some(crate::t!(
            "--live: TERM is dumb: the input is read to its end and summarised, as --summary does",
            "--live：TERM 为 dumb：读完输入后输出汇总，与 --summary 相同"
        ))
    } else if std::fs::File::options()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .is_err()
    {
        Some(crate::t!(
            "--live: no terminal to read keys from (/dev/tty): the input is read to its end and summarised, as --summary does",
            "--live：没有可读按键的终端（/dev/tty）：读完输入后输出汇总，与 --summary 相同"
        ))
    } else if inputs.iter().any(|i| matches!(i, Input::Reader(..))) {
        // Bytes handed over inside the process (the tests') are whole already.
        Some(crate::t!(
            "--live: the input is read to its end and summarised, as --summary does",
            "--live：读完输入后输出汇总，与 --summary 相同"
        ))
    } else {
        None
    }
}

/// Opens an input to be read as it grows: a regular file is followed (unless compressed: such
/// a file is whole), anything else (stdin, a FIFO, a device) read as it comes.
fn open<'a>(input: &Input<'a>, stop: &'a Stop) -> Result<Box<dyn Read + Send + 'a>, Error> {
    match input {
        Input::Path(path) => {
            let meta = std::fs::metadata(path).map_err(|e| file_error(path, &e))?;
            if meta.is_file() && !compressed(path) {
                Ok(Box::new(
                    Follow::new(path, stop).map_err(|e| file_error(path, &e))?,
                ))
            } else if meta.is_file() {
                Ok(Box::new(
                    std::fs::File::open(path).map_err(|e| file_error(path, &e))?,
                ))
            } else {
                Ok(Box::new(
                    Stream::open(path, stop).map_err(|e| file_error(path, &e))?,
                ))
            }
        }
        Input::Stdin | Input::Reader(..) => Ok(Box::new(Stream::stdin(stop).map_err(|e| {
            Error::Input(crate::t!("cannot read stdin: {e}", "无法读取标准输入：{e}"))
        })?)),
    }
}

/// An input, and its reader.
type Opened<'i, 'a> = (&'i Input<'a>, Box<dyn Read + Send + 'a>);

/// Every input opened to be read as it grows: those that opened, and why the others did not.
fn open_all<'i, 'a>(inputs: &'i [Input<'a>], stop: &'a Stop) -> (Vec<Opened<'i, 'a>>, Vec<Error>) {
    let mut opened = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        match open(input, stop) {
            Ok(reader) => opened.push((input, reader)),
            Err(e) => errors.push(e),
        }
    }
    (opened, errors)
}

/// `explain --live`: the view until `q`, then the summary on `out`.
pub(super) fn run(
    inputs: Vec<Input<'_>>,
    out: &mut (impl Write + Send),
    err: &mut (impl Write + Send),
    table: &Table,
    settings: &Settings,
    options: &Options,
) -> Result<Outcome, Error> {
    if let Some(why) = cannot_draw(settings, &inputs) {
        crate::error::note(&why);
        return report::summarise(inputs, out, err, table, settings, options);
    }
    keys_apart(&inputs)?;
    let stop = Stop::new().map_err(Error::Output)?;
    let names: Vec<String> = inputs.iter().map(Input::name).collect();
    let (opened, errors) = open_all(&inputs, &stop);
    if opened.is_empty() {
        tell(err, &errors);
        return Err(Error::Reported);
    }
    let slots: Vec<Slot<'_>> = opened
        .iter()
        .map(|(input, _)| Slot::new(input, table, options))
        .collect();
    let trouble = errors.first().map(|e| e.to_string());
    let shown = std::thread::scope(|scope| {
        for (slot, (_, reader)) in slots.iter().zip(opened) {
            let stop = &stop;
            scope.spawn(move || read_into(slot, reader, stop, settings.lang));
        }
        let shown = show(&slots, table, settings, options, trouble);
        // Every reader returns at its next read, or wakes from its wait.
        stop.stop();
        shown
    });
    // The view is gone: what went wrong is told where it stays.
    tell(err, &errors);
    shown.map_err(cannot_draw_on)?;
    let (all, failed, bytes) = merged(slots, err);
    let Some(counter) = all else {
        return Err(Error::Reported);
    };
    let failed = failed || !errors.is_empty();
    let settings = resized(settings);
    report::report(
        counter,
        &names,
        (failed, bytes),
        out,
        err,
        &settings,
        options,
    )
}

/// A usage error when stdin is among the inputs and is the terminal the keys come from.
fn keys_apart(inputs: &[Input<'_>]) -> Result<(), Error> {
    if inputs.iter().any(|i| matches!(i, Input::Stdin)) && io::stdin().is_terminal() {
        // The keys come from the terminal: it cannot be the data too.
        return Err(Error::Usage(crate::t!(
            "--live reads its keys from the terminal, which stdin is: give a file, or pipe the log in",
            "--live 从终端读取按键，而标准输入就是终端：请给出文件，或用管道输入日志"
        )));
    }
    Ok(())
}

/// The error for a view that could not be drawn.
fn cannot_draw_on(e: io::Error) -> Error {
    Error::Input(crate::t!(
        "--live: cannot draw on the terminal: {e}: give --summary instead",
        "--live：无法在终端上绘制：{e}：请改用 --summary"
    ))
}

/// `settings` for the summary after the view: it fits the terminal as it is now, resized or
/// not.
fn resized(settings: &Settings) -> Settings {
    Settings {
        width: crossterm::terminal::size().map_or(settings.width, |(w, _)| w.max(1)),
        ..*settings
    }
}

/// Tells each error on `err`, where it stays once the view is gone.
fn tell(err: &mut impl Write, errors: &[Error]) {
    for e in errors {
        writeln!(err, "errcode: {e}").ok();
    }
}

impl<'t> Slot<'t> {
    /// The slot of `input`, nothing counted yet.
    fn new(input: &Input<'_>, table: &'t Table, options: &Options) -> Self {
        let mut counter = Counter::new(table, options);
        counter.set_file(input.name());
        Slot {
            name: input.name(),
            json_name: input.json_name(),
            counter: Mutex::new(counter),
            reads: AtomicU64::new(0),
            ended: AtomicBool::new(false),
            bytes: AtomicU64::new(0),
            error: Mutex::new(None),
        }
    }
}

/// The counts of every input merged, once the readers are gone, with whether one of them
/// failed (told on `err`) and the bytes read.
fn merged<'t>(slots: Vec<Slot<'t>>, err: &mut impl Write) -> (Option<Counter<'t>>, bool, u64) {
    let mut failed = false;
    let mut bytes = 0;
    let mut all: Option<Counter<'_>> = None;
    for slot in slots {
        bytes += slot.bytes.load(Ordering::Relaxed);
        if let Some(e) = lock(&slot.error).take() {
            writeln!(err, "errcode: {e}").ok();
            failed = true;
        }
        let counter = slot
            .counter
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match &mut all {
            None => all = Some(counter),
            Some(all) => all.merge(counter, 0),
        }
    }
    (all, failed, bytes)
}

/// What the screen shows: a copy of the counts of every input together, its rows cut to the
/// most a terminal table shows.
struct Shown {
    summary: Summary,
    /// Rows the copy left out.
    more: usize,
    skipped: u64,
    trouble: Option<String>,
}

/// A copy of the counts of every input, taken one at a time: of one input, only the rows the
/// view may show; of several, each whole, merged, then cut.
fn snapshot(slots: &[Slot<'_>], table: &Table, trouble: &Option<String>) -> Shown {
    let mut summary: Option<Summary> = None;
    let mut more = 0;
    let mut skipped = 0;
    let mut trouble = trouble.clone();
    for slot in slots {
        let (part, problems) = {
            let counter = lock(&slot.counter);
            let p = counter.problems();
            let lines = p.skipped.iter().sum::<u64>() + p.broken + p.no_body;
            let part = match slots.len() {
                1 => {
                    let (head, left) = counter.summary().head(MAX_TABLE_ROWS);
                    more = left;
                    head
                }
                _ => counter.summary().clone(),
            };
            (part, lines)
        };
        match &mut summary {
            None => summary = Some(part),
            Some(all) => all.merge(part),
        }
        skipped += problems;
        if trouble.is_none() {
            trouble = lock(&slot.error).as_ref().map(|e| e.to_string());
        }
    }
    let mut summary = summary.unwrap_or_else(|| Summary::new(table.rows().len()));
    if slots.len() > 1 {
        (summary, more) = summary.head(MAX_TABLE_ROWS);
    }
    Shown {
        summary,
        more,
        skipped,
        trouble,
    }
}

/// The view, until `q`: drawn when input came (at most every [`FRAME`]), every
/// [`IDLE_FRAME`] else, and at once on a key or a resize.
fn show(
    slots: &[Slot<'_>],
    table: &Table,
    settings: &Settings,
    options: &Options,
    trouble: Option<String>,
) -> io::Result<()> {
    // A signal to end (`timeout`, `kill`) ends the view as q does: the terminal restored, the
    // summary printed. In raw mode Ctrl-C is a key, not SIGINT.
    let ended_by_signal = std::sync::Arc::new(AtomicBool::new(false));
    let hooks: Vec<_> = [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT]
        .into_iter()
        .filter_map(|signal| signal_hook::flag::register(signal, ended_by_signal.clone()).ok())
        .collect();
    let mut terminal = ratatui::try_init()?;
    let result =
        Screen::new(slots, table, settings, options, trouble).run(&mut terminal, &ended_by_signal);
    drop(terminal);
    ratatui::restore();
    for hook in hooks {
        signal_hook::low_level::unregister(hook);
    }
    result
}

/// The view between two frames: what it shows and when it was drawn.
struct Screen<'a, 't> {
    slots: &'a [Slot<'t>],
    table: &'a Table,
    settings: &'a Settings,
    options: &'a Options,
    /// An input that could not be opened, told on the screen.
    trouble: Option<String>,
    /// When the view started.
    started: Instant,
    /// When every input had ended.
    ended_at: Option<Instant>,
    state: KeyState,
    shown: Shown,
    /// The reads counted when `shown` was copied.
    reads: u64,
    /// When the last frame was drawn.
    drawn: Instant,
    /// A frame is due at once (a key, a resize, the end of the inputs).
    now_due: bool,
    /// The rows a page holds, as the last frame was drawn.
    page: usize,
}

impl<'a, 't> Screen<'a, 't> {
    /// The view of the counts as they are now, not drawn yet.
    fn new(
        slots: &'a [Slot<'t>],
        table: &'a Table,
        settings: &'a Settings,
        options: &'a Options,
        trouble: Option<String>,
    ) -> Self {
        let started = Instant::now();
        let shown = snapshot(slots, table, &trouble);
        Screen {
            slots,
            table,
            settings,
            options,
            trouble,
            started,
            ended_at: None,
            state: KeyState::default(),
            shown,
            reads: u64::MAX,
            drawn: Instant::now(),
            now_due: true,
            page: 10,
        }
    }

    /// Draws and reads keys until `q` or a signal to end.
    fn run(
        &mut self,
        terminal: &mut ratatui::DefaultTerminal,
        ended_by_signal: &AtomicBool,
    ) -> io::Result<()> {
        loop {
            self.frame(terminal)?;
            if ended_by_signal.load(Ordering::SeqCst) {
                return Ok(());
            }
            // Blocked on the terminal until a key, or until the next frame may be due.
            if !event::poll(FRAME)? {
                continue;
            }
            match event::read()? {
                Term::Key(key) if key.kind != KeyEventKind::Release => {
                    if self.key(key) {
                        return Ok(());
                    }
                    self.now_due = true;
                }
                Term::Resize(..) => self.now_due = true,
                _ => {}
            }
        }
    }

    /// Draws a frame when one is due, from a fresh copy of the counts when input came.
    fn frame(&mut self, terminal: &mut ratatui::DefaultTerminal) -> io::Result<()> {
        let slots = self.slots;
        let count: u64 = slots.iter().map(|s| s.reads.load(Ordering::Relaxed)).sum();
        if self.ended_at.is_none() && slots.iter().all(|s| s.ended.load(Ordering::SeqCst)) {
            self.ended_at = Some(Instant::now());
            self.now_due = true;
        }
        let since = self.drawn.elapsed();
        let paused = self.state.paused;
        let fresh = count != self.reads && !paused;
        let due = self.now_due || (fresh && since >= FRAME) || (!paused && since >= IDLE_FRAME);
        if !due {
            return Ok(());
        }
        if fresh {
            // The old copy goes first: two at once would double the memory.
            self.shown.summary = Summary::new(0);
            self.shown = snapshot(slots, self.table, &self.trouble);
            self.reads = count;
        }
        let frame_view = LiveFrame {
            summary: &self.shown.summary,
            settings: self.settings,
            now: now_millis(),
            reading: self.ended_at.unwrap_or_else(Instant::now) - self.started,
            ended: self.ended_at.is_some(),
            skipped: self.shown.skipped,
            more: self.shown.more,
            trouble: self.shown.trouble.clone(),
        };
        let rows = listed(&self.shown.summary, self.table, &self.state, self.options);
        let (page, state) = (&mut self.page, &mut self.state);
        terminal.draw(|frame| {
            *page = usize::from(frame.area().height.saturating_sub(4));
            view::draw(frame, &frame_view, &rows, state);
        })?;
        self.drawn = Instant::now();
        self.now_due = false;
        Ok(())
    }

    /// Acts on a key; true when it ends the view.
    fn key(&mut self, key: event::KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let state = &mut self.state;
        let to = match key.code {
            KeyCode::Char('q') | KeyCode::Char('Q') => return true,
            KeyCode::Char('c') if ctrl => return true,
            KeyCode::Up | KeyCode::Char('k') => Some(Move::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Move::Down),
            KeyCode::PageUp => Some(Move::PageUp),
            KeyCode::PageDown | KeyCode::Char(' ') => Some(Move::PageDown),
            KeyCode::Home | KeyCode::Char('g') => Some(Move::First),
            KeyCode::End | KeyCode::Char('G') => Some(Move::Last),
            KeyCode::Enter => {
                state.detail = !state.detail;
                None
            }
            KeyCode::Esc => {
                state.detail = false;
                None
            }
            KeyCode::Char('e') => {
                state.errors_only = !state.errors_only;
                None
            }
            KeyCode::Char('p') => {
                state.paused = !state.paused;
                None
            }
            _ => None,
        };
        if let Some(to) = to {
            let rows = listed(&self.shown.summary, self.table, &self.state, self.options);
            self.state.go(to, &rows, self.page);
        }
        false
    }
}

/// The rows the view lists: those of the errors alone when it shows them, at most `--top`.
fn listed<'a>(
    summary: &'a Summary,
    table: &'a Table,
    state: &KeyState,
    options: &Options,
) -> Vec<crate::output::report::SummaryRow<'a>> {
    let mut rows = view::rows(summary, table, state.errors_only);
    rows.truncate(options.top.unwrap_or(usize::MAX));
    rows
}
