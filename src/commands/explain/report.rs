//! `explain --summary`: every input counted together, per code, with when each code was seen
//! and sample RequestIds.

use std::io::{self, Write};

use super::inputs::{nothing_found, open, read_error, Counted, Input};
use super::options::{outcome, Filter, Options};
use crate::error::file_error;
use crate::error::{Error, Outcome};
use crate::explain::problems::Problems;
use crate::explain::summary::{self, Seen, Summary};
use crate::explain::{verdict, Verdict};
use crate::input::parallel::Parts;
use crate::input::time::{Clock, Millis, Window};
use crate::input::{Api, Envelope, Event, Sink};
use crate::output;
use crate::settings::Settings;
use crate::table::v3::V3Table;
use crate::table::Table;
use crate::text::escape;

/// The summary key of an envelope.
fn summary_key(env: &Envelope<'_>, rows: &[crate::table::Row]) -> summary::Key {
    let code = match (env.api, env.status_code) {
        // An HTTP error status with no envelope: one row per status.
        (Api::Http, _) => rows
            .first()
            .and_then(|r| r.http_status)
            .map(|s| summary::Code::Number(i128::from(s))),
        (_, None) => None,
        // A StatusCode that is not a whole number is no code: such envelopes count together.
        (Api::Legacy, Some(v)) => v.as_integer().map(|(n, _)| summary::Code::Number(n)),
        // A code of the table is counted under the table's spelling, whatever its case.
        (Api::V3, Some(v)) => match rows.first().and_then(|r| r.name.as_deref()) {
            Some(name) => Some(summary::Code::text(name)),
            None => Some(summary::Code::text(&v.text_short(summary::MAX_CODE_TEXT))),
        },
    };
    // A code with several meanings is counted per meaning that Message names.
    let meaning = crate::explain::named_meaning(env, rows).and_then(|at| u8::try_from(at).ok());
    summary::Key {
        api: env.api,
        code,
        meaning,
        uncoded: summary::Uncoded::of(env),
    }
}

/// The consumer for `--summary`: counts, and problems.
pub(super) struct Counter<'t> {
    table: &'t Table,
    file: String,
    summary: Summary,
    problems: Problems,
    filter: Filter,
    /// Envelopes read, counted or not.
    seen: u64,
    clock: Clock,
    /// Keep sample RequestIds (`--diff` shows none: no memory for them).
    samples: bool,
    /// `--since` and `--until`.
    window: Option<Window>,
    /// With `--live`: when the input now being read arrived, the time of the envelopes that
    /// have none of their own in the recent slots.
    arrival: Option<Millis>,
}

impl<'t> Counter<'t> {
    /// What was counted.
    pub(super) fn summary(&self) -> &Summary {
        &self.summary
    }

    /// The clock that read the envelopes' times, with its notes.
    pub(super) fn clock(&self) -> &Clock {
        &self.clock
    }

    /// What was wrong in the input so far.
    pub(super) fn problems(&self) -> &Problems {
        &self.problems
    }

    /// Counts in the recent slots too (`--live`), each envelope at its own time, or at
    /// `arrival` when it has none: the input now being read came at `arrival`.
    pub(super) fn arrived(&mut self, arrival: Millis) {
        self.arrival = Some(arrival);
    }

    /// Names the input now being read, in the problems told of it.
    pub(super) fn set_file(&mut self, name: String) {
        self.file = name;
    }

    pub(super) fn new(table: &'t Table, options: &Options) -> Counter<'t> {
        Counter {
            table,
            file: String::new(),
            summary: Summary::new(table.rows().len()).with_buckets(options.by),
            problems: Problems::default(),
            filter: options.filter.clone(),
            seen: 0,
            clock: Clock::local(),
            samples: options.diff.is_none(),
            window: options.window,
            arrival: None,
        }
    }

    /// Counts `inputs` in turn (a large file in parts); an input that cannot be read is told
    /// on `err`. Returns whether one could not be, and the bytes read.
    fn count(
        &mut self,
        inputs: Vec<Input<'_>>,
        err: &mut impl Write,
        lang: crate::lang::Lang,
    ) -> (bool, u64) {
        let mut failed = false;
        let mut bytes = 0u64;
        for input in inputs {
            self.file = input.name();
            self.clock.forget();
            let name = input.json_name();
            let result = match input {
                // A regular file that tells its size is read in ranges, each by its thread; any
                // other (a FIFO such as `<(…)`, /dev/stdin, a file under /proc) as a stream.
                Input::Path(path) => match std::fs::File::open(path) {
                    Err(e) => Err(file_error(path, &e)),
                    Ok(file) => {
                        let size = file
                            .metadata()
                            .ok()
                            .filter(|m| m.is_file())
                            .map(|m| m.len());
                        let read = match size {
                            Some(len) if len > 0 => {
                                bytes += len;
                                crate::input::parallel::read_file(&file, &name, self)
                            }
                            _ => {
                                let mut counted = Counted::new(&file);
                                let read = crate::input::parallel::read(&mut counted, &name, self);
                                bytes += counted.bytes;
                                read
                            }
                        };
                        read.map_err(|e| read_error(&self.file, &e, lang))
                    }
                },
                input => open(input).and_then(|reader| {
                    let mut counted = Counted::new(reader);
                    let read = crate::input::parallel::read(&mut counted, &name, self);
                    bytes += counted.bytes;
                    read.map_err(|e| read_error(&self.file, &e, lang))
                }),
            };
            if let Err(e) = result {
                writeln!(err, "errcode: {e}").ok();
                failed = true;
            }
        }
        (failed, bytes)
    }
}

impl Sink for Counter<'_> {
    fn event(&mut self, event: Event<'_, '_>) -> io::Result<()> {
        match event {
            Event::Envelope(env, origin) => {
                let (verdict, rows) = verdict(env, origin, self.table);
                self.seen += 1;
                if !self.filter.keeps(env, verdict, rows) {
                    return Ok(());
                }
                let time = self.clock.time_at(origin);
                if let Some(window) = self.window {
                    let place = window.place(time);
                    self.problems.left_out.count(place);
                    if place != crate::input::time::Place::Inside {
                        return Ok(());
                    }
                }
                let error = verdict == Verdict::Error;
                let time = time.map(crate::input::time::millis);
                let seen = Seen {
                    time,
                    request_id: env.request_id.filter(|_| self.samples),
                    recent: self.arrival.map(|now| recent_time(time, now)),
                };
                // A code of the table with one meaning is counted by its row, without the
                // key `summary_key` would make and hash.
                let first = rows.first().filter(|_| rows.len() == 1);
                match (env.api, first) {
                    (Api::Legacy, Some(row)) => {
                        if let Some(index) = self.table.index_of(row) {
                            self.summary.add_row(index, row.code, error, &seen);
                            return Ok(());
                        }
                    }
                    (Api::V3, Some(row)) => {
                        let index = V3Table::builtin().index_of(row);
                        if let (Some(index), Some(name)) = (index, row.name.as_deref()) {
                            self.summary.add_v3_row(index, name, error, &seen);
                            return Ok(());
                        }
                    }
                    _ => {}
                }
                self.summary.add(summary_key(env, rows), error, &seen);
            }
            other => self.problems.event(&self.file, &other),
        }
        Ok(())
    }
}

impl Parts for Counter<'_> {
    fn part(&self) -> Self {
        Counter {
            table: self.table,
            file: self.file.clone(),
            summary: self.summary.empty_like(),
            problems: Problems::default(),
            filter: self.filter.clone(),
            seen: 0,
            clock: {
                let clock = self.clock.clone();
                clock.forget();
                clock
            },
            samples: self.samples,
            window: self.window,
            arrival: self.arrival,
        }
    }

    fn mergeable(&self) -> bool {
        self.summary.other == 0
    }

    fn merge(&mut self, part: Self, lines_before: u64) {
        self.seen += part.seen;
        self.clock.merge_notes(&part.clock);
        self.summary.merge(part.summary);
        self.problems.merge(part.problems, lines_before);
    }
}

/// The time an envelope counts at in the recent slots: when it was logged, so that history
/// replayed at once (`kubectl logs -f` starts with it) lands where it belongs rather than as a
/// spike now; when it was read if it has no time, or one more than a minute ahead of the
/// arrival (a clock or zone that is off would put it out of sight).
fn recent_time(logged: Option<Millis>, arrival: Millis) -> Millis {
    match logged {
        Some(t) if t <= arrival.saturating_add(60_000) => t,
        _ => arrival,
    }
}

/// `explain --summary`: every input counted together.
pub(super) fn summarise(
    inputs: Vec<Input<'_>>,
    out: &mut impl Write,
    err: &mut impl Write,
    table: &Table,
    settings: &Settings,
    options: &Options,
) -> Result<Outcome, Error> {
    let names: Vec<String> = inputs.iter().map(Input::name).collect();
    let mut counter = Counter::new(table, options);
    let (failed, bytes) = counter.count(inputs, err, settings.lang);
    report(
        counter,
        &names,
        (failed, bytes),
        out,
        err,
        settings,
        options,
    )
}

/// The summary of what `counter` counted of the inputs `names`: the notes on the times read
/// and what was skipped on `err`, the report on `out`, and the exit. `read` tells whether an
/// input could not be read, and the bytes read.
pub(super) fn report(
    counter: Counter<'_>,
    names: &[String],
    (failed, bytes): (bool, u64),
    out: &mut impl Write,
    err: &mut impl Write,
    settings: &Settings,
    options: &Options,
) -> Result<Outcome, Error> {
    let table = counter.table;
    let mut notes = options.bound_notes.clone();
    notes.merge(&counter.clock.notes());
    output::problems::write_time_notes(err, &notes, settings.lang).ok();
    let Counter {
        summary,
        problems,
        seen,
        ..
    } = counter;
    output::problems::write_untimed(err, problems.left_out.untimed, settings.lang).ok();
    if seen == 0 {
        if failed {
            return Err(Error::Reported);
        }
        return Err(nothing_found(names, bytes, &problems, settings.lang));
    }
    if let Some(by) = summary.by {
        check_buckets(&summary, by)?;
    }
    if options.quiet {
        return outcome(failed, options, summary.errors);
    }
    output::problems::write_pending(err, &problems, settings.lang);
    let layout = output::report::Layout {
        group: options.group,
        top: options.top,
    };
    match output::write_report(out, err, &summary, &problems, table, settings, layout) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    if let Some(path) = &options.step_summary {
        append_step_summary(path, &summary, &problems, table, settings, layout, err);
    }
    outcome(failed, options, summary.errors)
}

/// With `--format github`: the Markdown summary appended to the file `GITHUB_STEP_SUMMARY`
/// names (GitHub shows only the first annotations of a step; the job's summary shows all).
pub(super) fn append_step_summary(
    path: &std::path::Path,
    summary: &Summary,
    problems: &Problems,
    table: &Table,
    settings: &Settings,
    layout: output::report::Layout,
    err: &mut impl Write,
) {
    let markdown = Settings {
        format: Some(crate::settings::Format::Markdown),
        ..*settings
    };
    append_step(path, settings.lang, err, |file| {
        output::write_report(
            file,
            &mut io::sink(),
            summary,
            problems,
            table,
            &markdown,
            layout,
        )
    });
}

/// Appends `### errcode`, what `write` writes and a blank line to the step summary at `path`:
/// a side channel, so it never blocks and never changes the exit status. Only a regular file,
/// or a path where nothing is yet (created), is written; anything else (a FIFO, a device, a
/// directory) or a failed write gets one warning line on `err`, and the run goes on.
fn append_step(
    path: &std::path::Path,
    lang: crate::lang::Lang,
    err: &mut impl Write,
    write: impl FnOnce(&mut io::BufWriter<std::fs::File>) -> io::Result<()>,
) {
    let shown = escape(&path.to_string_lossy()).into_owned();
    let not_a_file = match std::fs::metadata(path) {
        Ok(meta) => !meta.is_file(),
        Err(e) => e.kind() != io::ErrorKind::NotFound,
    };
    if not_a_file {
        let line = crate::t!(lang;
            "errcode: warning: GITHUB_STEP_SUMMARY: {shown} is not a regular file: the step summary is left out; set it to a file",
            "errcode: 警告：GITHUB_STEP_SUMMARY：{shown} 不是普通文件：未写入步骤摘要；请设为一个文件"
        );
        writeln!(err, "{line}").ok();
        return;
    }
    let written = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .and_then(|file| {
            let mut file = io::BufWriter::new(file);
            writeln!(file, "### errcode")?;
            writeln!(file)?;
            write(&mut file)?;
            writeln!(file)?;
            file.flush()
        });
    if let Err(e) = written {
        let e = escape(&e.to_string()).into_owned();
        let line = crate::t!(lang;
            "errcode: warning: GITHUB_STEP_SUMMARY: cannot write {shown}: {e}: the step summary is left out",
            "errcode: 警告：GITHUB_STEP_SUMMARY：无法写入 {shown}：{e}：未写入步骤摘要"
        );
        writeln!(err, "{line}").ok();
    }
}

/// `explain --diff BEFORE AFTER`: the two inputs counted apart, then compared. Exit 1 under
/// `--check` when AFTER has an error code that BEFORE does not.
pub(super) fn diff(
    inputs: [Input<'_>; 2],
    out: &mut impl Write,
    err: &mut impl Write,
    table: &Table,
    settings: &Settings,
    options: &Options,
) -> Result<Outcome, Error> {
    let counters = count_apart(inputs, err, table, settings, options)?;
    let mut notes = options.bound_notes.clone();
    for counter in &counters {
        notes.merge(&counter.clock.notes());
    }
    output::problems::write_time_notes(err, &notes, settings.lang).ok();
    let (before, after) = (&counters[0], &counters[1]);
    let untimed = before.problems.left_out.untimed + after.problems.left_out.untimed;
    output::problems::write_untimed(err, untimed, settings.lang).ok();
    let changes = crate::explain::diff::compare(&before.summary, &after.summary);
    let new_error = changes.iter().any(|c| c.is_new_error());
    let outcome = match options.check && new_error {
        true => Outcome::NothingFound,
        false => Outcome::Found,
    };
    if options.quiet {
        return Ok(outcome);
    }
    for counter in &counters {
        output::problems::write_pending(err, &counter.problems, settings.lang);
    }
    let totals = [&before.summary, &after.summary];
    let left_out = [before.problems.left_out, after.problems.left_out];
    let shown = &changes[..changes.len().min(options.top.unwrap_or(usize::MAX))];
    match output::diff::write_diff(out, err, shown, totals, left_out, table, settings) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    if let Some(path) = &options.step_summary {
        let markdown = Settings {
            format: Some(crate::settings::Format::Markdown),
            ..*settings
        };
        append_step(path, settings.lang, err, |file| {
            let sink = &mut io::sink();
            output::diff::write_diff(file, sink, shown, totals, left_out, table, &markdown)
        });
    }
    Ok(outcome)
}

/// The two inputs of `--diff` counted apart; an error when one cannot be read or holds no
/// envelope.
fn count_apart<'t>(
    inputs: [Input<'_>; 2],
    err: &mut impl Write,
    table: &'t Table,
    settings: &Settings,
    options: &Options,
) -> Result<Vec<Counter<'t>>, Error> {
    let mut counters = Vec::with_capacity(2);
    for input in inputs {
        let name = input.name();
        let mut counter = Counter::new(table, options);
        let (failed, bytes) = counter.count(vec![input], err, settings.lang);
        if failed {
            return Err(Error::Reported);
        }
        if counter.seen == 0 {
            return Err(nothing_found(
                &[name],
                bytes,
                &counter.problems,
                settings.lang,
            ));
        }
        counters.push(counter);
    }
    Ok(counters)
}

/// `--by`: the timeline within its bounds, or a usage error that says which duration fits.
fn check_buckets(summary: &Summary, by: Millis) -> Result<(), Error> {
    use crate::explain::timeline::{fitting, MAX_BUCKETS, MAX_CELLS};
    let every = output::chart::duration_text(by);
    if summary.over {
        return Err(Error::Usage(crate::t!(
            "--by {every}: more than {MAX_CELLS} counts of a code in a bucket: give a larger duration, or fewer codes (--status, --errors)",
            "--by {every}：各码各时段的计数超过 {MAX_CELLS} 个：请给出更长的时长，或更少的码（--status、--errors）"
        )));
    }
    if let Some((first, last)) = summary.bucket_span() {
        let buckets = last - first + 1;
        if buckets > MAX_BUCKETS {
            let span = (last - first + 1).saturating_mul(by);
            let fits = fitting(span);
            return Err(Error::Usage(crate::t!(
                "--by {every}: the times span {buckets} buckets, more than {MAX_BUCKETS}: give --by {fits} or more",
                "--by {every}：时间跨越 {buckets} 个时段，超过 {MAX_BUCKETS} 个：请给出 --by {fits} 或更长"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn recent_slots_count_at_the_logged_time_unless_it_is_ahead_of_the_arrival() {
        let arrival = 1_000_000_000;
        // History replayed at once lands where it was logged.
        assert_eq!(
            super::recent_time(Some(arrival - 3_600_000), arrival),
            arrival - 3_600_000
        );
        // A line with no time counts when it arrived.
        assert_eq!(super::recent_time(None, arrival), arrival);
        // Slightly ahead (clocks a little apart) is kept; far ahead is a clock or zone off.
        assert_eq!(
            super::recent_time(Some(arrival + 30_000), arrival),
            arrival + 30_000
        );
        assert_eq!(
            super::recent_time(Some(arrival + 3_600_000), arrival),
            arrival
        );
        assert_eq!(super::recent_time(Some(i64::MAX), i64::MAX - 1), i64::MAX);
    }
}
