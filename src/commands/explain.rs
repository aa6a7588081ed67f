//! `errcode explain`: the inputs opened in turn, the reader's findings explained (or counted,
//! for `--summary`), output written on a thread of its own, and the exit decided.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Outcome};
use crate::explain::problems::Problems;
use crate::explain::{explain, Verdict};
use crate::input::{Envelope, Event, Origin, Sink};
use crate::output;
use crate::settings::{Format, Settings};
use crate::table::Table;
use crate::text::escape;

mod inputs;
#[cfg(unix)]
mod live;
mod options;
mod printer;
mod report;
mod writer;

pub use inputs::Input;
use inputs::{code_not_file, nothing_found, open, read_error, Counted};
use options::outcome;
pub use options::Options;

use printer::Printer;
use writer::{write_pieces, Piece, Pieces, PIECE};

/// The consumer that explains each envelope: output in pieces to the writer thread.
struct Explainer<'t, 's> {
    table: &'t Table,
    settings: &'s Settings,
    file: String,
    /// The start of each line of JSON output, which names the file
    /// ([`output::envelope::json_line_start`]).
    file_json: String,
    envelopes: u64,
    errors: u64,
    /// Envelopes read, shown or not.
    seen: u64,
    options: &'s Options,
    problems: Problems,
    out: Pieces,
    /// The printer of the format asked for, chosen once.
    printer: Printer<'t, 's>,
    /// The counts for the step summary of `--format github`.
    tally: Option<report::Counter<'t>>,
    /// `--since` and `--until`, and the clock that reads the envelopes' times.
    window: Option<(crate::input::time::Window, crate::input::time::Clock)>,
    /// The notes on the times read that were told.
    told: crate::input::time::Notes,
    /// An input could not be read.
    failed: bool,
    /// The bytes read.
    bytes: u64,
}

impl Explainer<'_, '_> {
    /// Hands what is written so far, and the warnings, to the writer.
    fn flush(&mut self) -> io::Result<()> {
        self.out.hand_over()?;
        // Until an envelope is seen, a problem may be the whole story: it is then told once,
        // as the error, instead of as a warning too.
        if self.seen > 0 {
            for warning in std::mem::take(&mut self.problems.warnings) {
                self.out.send(Piece::Warning(
                    escape(&warning.warning(self.settings.lang)).into_owned(),
                ))?;
            }
        }
        // The notes on the times read, each once, when first seen.
        let mut notes = self.options.bound_notes.clone();
        for clock in self
            .window
            .as_ref()
            .map(|(_, clock)| clock)
            .into_iter()
            .chain(self.tally.as_ref().map(report::Counter::clock))
        {
            notes.merge(&clock.notes());
        }
        for note in notes.iter() {
            if self.told.add(note.clone()) {
                let line = output::problems::time_note(note, self.settings.lang);
                self.out.send(Piece::Note(line))?;
            }
        }
        Ok(())
    }

    fn envelope(&mut self, env: &Envelope<'_>, origin: &Origin<'_>) -> io::Result<()> {
        let finding = explain(env, origin, self.table);
        let keep = self
            .options
            .filter
            .keeps(env, finding.verdict, finding.rows)
            && match &self.window {
                None => true,
                Some((window, clock)) => {
                    let place = window.place(clock.time_at(origin));
                    self.problems.left_out.count(place);
                    place == crate::input::time::Place::Inside
                }
            };
        if !keep {
            // Not among the envelopes asked for; still an envelope read.
            self.seen += 1;
            return Ok(());
        }
        self.envelopes += 1;
        self.seen += 1;
        if finding.verdict == Verdict::Error {
            self.errors += 1;
        }
        if self.options.quiet || self.out.gone {
            return Ok(());
        }
        let file_json = &self.file_json;
        self.printer
            .envelope(&mut self.out, env, origin, &finding, file_json)
    }
}

impl Sink for Explainer<'_, '_> {
    fn event(&mut self, event: Event<'_, '_>) -> io::Result<()> {
        match event {
            Event::Envelope(env, origin) => {
                if let Some(tally) = &mut self.tally {
                    tally.event(Event::Envelope(env, origin))?;
                }
                self.envelope(env, origin)?;
                if self.out.buf.len() >= PIECE
                    || (self.seen == 1 && !self.problems.warnings.is_empty())
                {
                    self.flush()?;
                }
                Ok(())
            }
            Event::Pause => self.flush(),
            other => {
                self.problems.event(&self.file, &other);
                if self.seen > 0 && !self.problems.warnings.is_empty() {
                    self.flush()?;
                }
                Ok(())
            }
        }
    }
}

/// `errcode explain [FILE]...`.
pub fn run(
    out: &mut (impl Write + Send),
    table: &Table,
    settings: &Settings,
    files: &[PathBuf],
    options: &Options,
) -> Result<Outcome, Error> {
    // `errcode explain 41601` meant the code, not a file of that name: said before any reading.
    let diff = options.diff.iter().flatten();
    if let Some(error) = files
        .iter()
        .chain(diff)
        .find_map(|f| code_not_file(f, table))
    {
        return Err(error);
    }
    if let Some([before, after]) = &options.diff {
        if before.as_os_str() == "-" && after.as_os_str() == "-" {
            return Err(Error::Usage(
                "--diff: stdin (-) is given twice: it can be read only once".into(),
            ));
        }
        let inputs = [before, after].map(|f| input_of(f));
        return report::diff(inputs, out, &mut io::stderr(), table, settings, options);
    }
    let inputs = inputs_of(files, settings)?;
    if options.live {
        #[cfg(unix)]
        return live::run(inputs, out, &mut io::stderr(), table, settings, options);
        #[cfg(not(unix))]
        return report::summarise(inputs, out, &mut io::stderr(), table, settings, options);
    }
    explain_paged(inputs, out, table, settings, options)
}

/// The input a file named on the command line stands for (`-` for stdin).
fn input_of(file: &Path) -> Input<'_> {
    match file.as_os_str() == "-" {
        true => Input::Stdin,
        false => Input::Path(file),
    }
}

/// The inputs the files named on the command line stand for: stdin when none is named, unless
/// it is a terminal; stdin at most once.
fn inputs_of<'f>(files: &'f [PathBuf], settings: &Settings) -> Result<Vec<Input<'f>>, Error> {
    match files {
        [] if io::stdin().is_terminal() => {
            Err(Error::Usage(output::problems::needs_input(settings.lang)))
        }
        [] => Ok(vec![Input::Stdin]),
        files if files.iter().filter(|f| f.as_os_str() == "-").count() > 1 => {
            Err(Error::Usage(output::problems::stdin_twice(settings.lang)))
        }
        files => Ok(files.iter().map(|f| input_of(f)).collect()),
    }
}

/// Explains `inputs` onto `out`, through a pager when one is wanted and stdout is a terminal.
fn explain_paged(
    inputs: Vec<Input<'_>>,
    out: &mut (impl Write + Send),
    table: &Table,
    settings: &Settings,
    options: &Options,
) -> Result<Outcome, Error> {
    let human = matches!(settings.format, None | Some(Format::Human));
    let reads_stdin = inputs.iter().any(|i| matches!(i, Input::Stdin));
    // Live input (`tail -f`) must not wait inside a pager; nor is a pipe paged.
    let pager = match human && !options.summary && !options.quiet && !reads_stdin {
        true if settings.stdout_is_terminal => {
            output::pager::command(options.paging, |name| std::env::var(name).ok())
        }
        _ => None,
    };
    match pager.and_then(|words| output::pager::start(&words, options.paging)) {
        None => {
            writer::widen_stdout_pipe();
            explain_inputs(inputs, out, &mut io::stderr(), table, settings, options)
        }
        Some(mut paged) => {
            // Warnings meant for the terminal go through the pager too, in their place.
            let mut err: Box<dyn Write + Send> = match paged.diagnostics() {
                Some(file) if io::stderr().is_terminal() => Box::new(file),
                _ => Box::new(io::stderr()),
            };
            let result =
                explain_inputs(inputs, &mut paged.input, &mut err, table, settings, options);
            drop(err);
            match (result, paged.finish()) {
                (Ok(_), Err(e)) => Err(Error::Output(e)),
                (result, _) => result,
            }
        }
    }
}

/// Explains `inputs` onto `out`, with warnings and what was skipped on `err`: the whole of
/// `errcode explain` but for choosing the inputs. Failures to write `err` are ignored:
/// diagnostics must not turn into errors of their own.
pub fn explain_inputs(
    inputs: Vec<Input<'_>>,
    out: &mut (impl Write + Send),
    err: &mut (impl Write + Send),
    table: &Table,
    settings: &Settings,
    options: &Options,
) -> Result<Outcome, Error> {
    // Bytes handed over in the process are whole: --live summarises them.
    if options.summary || options.live {
        report::summarise(inputs, out, err, table, settings, options)
    } else {
        explain_each(inputs, out, err, table, settings, options)
    }
}

/// `text` as a JSON string, escaped for a terminal too.
fn json_string(text: &str) -> String {
    let mut json = Vec::new();
    match crate::text::to_json_writer(&mut json, text) {
        Ok(()) => String::from_utf8(json).unwrap_or_else(|_| "\"?\"".into()),
        Err(_) => "\"?\"".into(),
    }
}

/// `explain` without `--summary`: each envelope, as it is read; warnings in order, on stderr.
/// Failures to write `err` are ignored: diagnostics must not turn into errors of their own.
fn explain_each(
    inputs: Vec<Input<'_>>,
    out: &mut (impl Write + Send),
    err: &mut (impl Write + Send),
    table: &Table,
    settings: &Settings,
    options: &Options,
) -> Result<Outcome, Error> {
    let names: Vec<String> = inputs.iter().map(Input::name).collect();
    let (to_writer, pieces) = std::sync::mpsc::sync_channel::<Piece>(2);
    let (give_back, spares) = std::sync::mpsc::channel::<Vec<u8>>();
    let mut explainer = Explainer::new(table, settings, options, to_writer, spares);
    let (read, counts, written) = std::thread::scope(|scope| {
        let (out, err) = (&mut *out, &mut *err);
        let templates = explainer.printer.templates();
        let writer = scope.spawn(move || write_pieces(pieces, give_back, &templates, out, err));
        let read = explainer.read_all(inputs);
        let (out, counts) = explainer.end();
        drop(out);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the output thread stopped")));
        (read, counts, written)
    });
    match written {
        // A reader that went away (`| head -1`) ends the work, but what was already seen
        // stands: an error envelope under --check still exits 1.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            return outcome(counts.failed, options, counts.errors);
        }
        other => other.map_err(Error::Output)?,
    }
    read.map_err(Error::Output)?;
    counts.conclude(err, &names, table, settings, options)
}

impl<'t, 's> Explainer<'t, 's> {
    /// An explainer of nothing read yet, its output to the writer thread at `to_writer`.
    fn new(
        table: &'t Table,
        settings: &'s Settings,
        options: &'s Options,
        to_writer: std::sync::mpsc::SyncSender<Piece>,
        spares: std::sync::mpsc::Receiver<Vec<u8>>,
    ) -> Self {
        Explainer {
            table,
            settings,
            file: String::new(),
            file_json: String::new(),
            envelopes: 0,
            errors: 0,
            seen: 0,
            options,
            problems: Problems::default(),
            out: Pieces {
                buf: Vec::with_capacity(PIECE + 4096),
                to_writer,
                spares,
                read_on: options.check,
                gone: false,
                deferred: Vec::new(),
                start: std::sync::Arc::from(""),
            },
            printer: Printer::new(table, settings, options.verbose),
            tally: options
                .step_summary
                .as_ref()
                .map(|_| report::Counter::new(table, options)),
            window: options
                .window
                .map(|w| (w, crate::input::time::Clock::local())),
            told: crate::input::time::Notes::default(),
            failed: false,
            bytes: 0,
        }
    }

    /// Reads each input in turn, then ends the output; an input that cannot be read is told
    /// as a warning in its place.
    fn read_all(&mut self, inputs: Vec<Input<'_>>) -> io::Result<()> {
        for input in inputs {
            self.file = input.name();
            if let Some((_, clock)) = &self.window {
                clock.forget();
            }
            self.file_json = output::envelope::json_line_start(&json_string(&input.json_name()));
            self.out.set_start(&self.file_json)?;
            let name = input.json_name();
            let result = open(input).and_then(|reader| {
                let mut counted = Counted::new(reader);
                let read = crate::input::read(&mut counted, &name, self);
                self.bytes += counted.bytes;
                read.map_err(|e| read_error(&self.file, &e, self.settings.lang))
            });
            if let Err(e) = result {
                // The writer's error is the one to tell, when it stopped.
                self.flush()?;
                self.out.send(Piece::Warning(e.to_string()))?;
                self.failed = true;
            }
        }
        if !self.options.quiet && !self.out.gone {
            self.printer.finish(&mut self.out)?;
        }
        self.flush()
    }

    /// The output, to be dropped so that the writer ends, and the counts.
    fn end(self) -> (Pieces, Counts<'t>) {
        let counts = Counts {
            envelopes: self.seen,
            errors: self.errors,
            problems: self.problems,
            tally: self.tally,
            failed: self.failed,
            bytes: self.bytes,
        };
        (self.out, counts)
    }
}

/// What reading the inputs counted, for the closing lines and the exit status.
struct Counts<'t> {
    /// Envelopes read, shown or not.
    envelopes: u64,
    /// Error envelopes among those shown.
    errors: u64,
    /// The problems met.
    problems: Problems,
    /// The counts for the step summary of `--format github`.
    tally: Option<report::Counter<'t>>,
    /// An input could not be read.
    failed: bool,
    /// The bytes read.
    bytes: u64,
}

impl Counts<'_> {
    /// The closing lines on `err` and the outcome, once the output is written.
    fn conclude(
        self,
        err: &mut impl Write,
        names: &[String],
        table: &Table,
        settings: &Settings,
        options: &Options,
    ) -> Result<Outcome, Error> {
        let problems = &self.problems;
        // Envelopes a window left out without a time are said even under --quiet: the exit
        // status does not count them.
        output::problems::write_untimed(err, problems.left_out.untimed, settings.lang).ok();
        if self.envelopes == 0 {
            if self.failed {
                return Err(Error::Reported);
            }
            return Err(nothing_found(names, self.bytes, problems, settings.lang));
        }
        // The warnings were told as they came; how many more there were is told here.
        // --quiet: otherwise the exit status alone tells.
        if !options.quiet {
            output::problems::write_pending(err, problems, settings.lang);
            output::report::write_left_out(err, &problems.left_out, settings.lang).ok();
            output::report::write_skipped(err, problems, settings.lang).ok();
        }
        if let (Some(path), Some(tally)) = (&options.step_summary, self.tally) {
            let layout = output::report::Layout::default();
            let summary = tally.summary();
            report::append_step_summary(path, summary, problems, table, settings, layout, err);
        }
        outcome(self.failed, options, self.errors)
    }
}

#[cfg(test)]
mod properties;
#[cfg(test)]
mod streaming;
