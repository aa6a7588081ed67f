//! `explain`'s switches, turned into settings once: which envelopes it keeps, the window of
//! time, and how the exit is decided.

use std::path::PathBuf;

use crate::error::{Error, Outcome};
use crate::explain::Verdict;
use crate::input::time::Edge;
use crate::input::{Api, Envelope};
use crate::table::{Retry, Row};
use crate::text::escape;

/// `explain`'s switches.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Count per StatusCode instead of explaining each envelope.
    pub summary: bool,
    /// Show the counts in a view updated as the input grows, then the summary.
    pub live: bool,
    /// Exit 1 when an envelope is an error.
    pub check: bool,
    /// With `check`: write nothing on stdout.
    pub quiet: bool,
    /// Which envelopes are printed, counted and checked.
    pub filter: Filter,
    /// The human layout with the field glossary.
    pub verbose: bool,
    /// Whether human output on a terminal goes through a pager.
    pub paging: crate::settings::Paging,
    /// With `summary`: count per category or retry class instead of per code.
    pub group: Option<crate::explain::summary::Group>,
    /// Compare these two inputs (BEFORE, AFTER) instead.
    pub diff: Option<[PathBuf; 2]>,
    /// With `summary` or `diff`: at most this many rows.
    pub top: Option<usize>,
    /// With `--format github`: the file to append the Markdown summary to
    /// (`GITHUB_STEP_SUMMARY`).
    pub step_summary: Option<PathBuf>,
    /// `--since` and `--until`: only envelopes logged in this window.
    pub window: Option<crate::input::time::Window>,
    /// What there is to tell of how `--since` and `--until` were read (told with the notes on
    /// the times of the input, each kind once).
    pub bound_notes: crate::input::time::Notes,
    /// With `summary`: count per time bucket of this many milliseconds too.
    pub by: Option<i64>,
}

impl Options {
    /// The options `explain`'s arguments ask for, checked once: a switch that would be
    /// ignored, a duration or a time that is none, is a usage error.
    pub fn from_args(
        args: crate::cli::ExplainArgs,
        files: &[PathBuf],
        table: &crate::table::Table,
        format: Option<crate::settings::Format>,
        settings: &crate::settings::Settings,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Options, Error> {
        check_layout(&args, format, settings)?;
        let mut filter = Filter::new(args.errors, &args.status)?;
        filter.class(args.category, args.retry.map(Retry::from), table)?;
        let (window, bound_notes) = window(args.since.as_deref(), args.until.as_deref())?;
        for (flag, text) in [("--since", &args.since), ("--until", &args.until)] {
            if let Some(text) = text {
                split_time(flag, text, files)?;
            }
        }
        let by = by(args.by.as_deref(), format)?;
        Ok(Options {
            summary: args.summary,
            live: args.live,
            check: args.check,
            quiet: args.quiet,
            filter,
            verbose: args.verbose,
            paging: args.paging,
            group: args.group.map(crate::explain::summary::Group::from),
            diff: args.diff.and_then(|d| <[PathBuf; 2]>::try_from(d).ok()),
            top: args.top.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
            window,
            bound_notes,
            by,
            step_summary: match format {
                Some(crate::settings::Format::Github) => env("GITHUB_STEP_SUMMARY")
                    .filter(|p| !p.is_empty())
                    .map(PathBuf::from),
                _ => None,
            },
        })
    }
}

/// A usage error when `--verbose` or `--live` comes with a switch or a layout it would ignore.
fn check_layout(
    args: &crate::cli::ExplainArgs,
    format: Option<crate::settings::Format>,
    settings: &crate::settings::Settings,
) -> Result<(), Error> {
    use crate::settings::Format;
    let formatted = matches!(format, Some(f) if f != Format::Human);
    if args.verbose && (args.summary || args.diff.is_some() || formatted) {
        // No switch is silently ignored.
        return Err(Error::Usage(crate::output::problems::verbose_alone(
            settings.lang,
        )));
    }
    if args.live
        && matches!(
            format,
            Some(Format::Json | Format::Github | Format::Markdown)
        )
    {
        let name = format!("{:?}", format.unwrap_or(Format::Human)).to_lowercase();
        return Err(Error::Usage(crate::t!(
            "--live draws for people: it takes --format table, plain or human, not {name} (--summary --format {name} writes the counts for tools)",
            "--live 是给人看的视图：可用 --format table、plain 或 human，不能用 {name}（--summary --format {name} 输出给工具读的计数）"
        )));
    }
    Ok(())
}

/// The buckets of `--by`, in milliseconds; a usage error for a text that is no duration, or
/// for a layout that draws no chart.
fn by(text: Option<&str>, format: Option<crate::settings::Format>) -> Result<Option<i64>, Error> {
    use crate::settings::Format;
    let by = match text {
        None => None,
        Some(text) => Some(crate::explain::timeline::duration(text).ok_or_else(|| {
            let text = escape(text);
            Error::Usage(crate::t!(
                "--by {text}: not a duration of whole seconds: give one such as 30s, 5m, 1h, 1d or 1h30m",
                "--by {text}：不是整秒的时长：请给出 30s、5m、1h、1d 或 1h30m 这样的时长"
            ))
        })?),
    };
    if by.is_some() && matches!(format, Some(Format::Github | Format::Markdown)) {
        return Err(Error::Usage(crate::t!(
            "--by draws a chart, or writes plain or json: not github or markdown",
            "--by 画出图表，或输出 plain 或 json：不输出 github 或 markdown"
        )));
    }
    Ok(by)
}

/// The window of `--since` and `--until`, read in the local zone; `None` without either. With
/// it, what there is to tell of how they were read (a zone abbreviation read as the local zone).
pub fn window(
    since: Option<&str>,
    until: Option<&str>,
) -> Result<
    (
        Option<crate::input::time::Window>,
        crate::input::time::Notes,
    ),
    Error,
> {
    if since.is_none() && until.is_none() {
        return Ok((None, crate::input::time::Notes::default()));
    }
    let clock = crate::input::time::Clock::local();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i128::try_from(d.as_nanos()).unwrap_or(i128::MAX));
    let bound = |flag: &str, text: Option<&str>, edge| {
        match text {
        None => Ok(None),
        Some(text) => clock.bound(text, now, edge).map(Some).ok_or_else(|| {
            let text = escape(text);
            Error::Usage(crate::t!(
                "{flag} {text}: not a time: give a duration back from now (1h, 90m, 2d), a date (2026-12-06), a date and time (2026-12-06 10:00) or a time as a log line writes it (2026-12-06T10:00:01.5+08:00, 2026/12/06 10:00:01, epoch seconds 1796551201); without a zone, in TZ",
                "{flag} {text}：不是时间：请给出从现在往前的时长（1h、90m、2d）、日期（2026-12-06）、日期和时刻（2026-12-06 10:00），或日志行中写法的时间（2026-12-06T10:00:01.5+08:00、2026/12/06 10:00:01、纪元秒数 1796551201）；未写时区的按 TZ 读取"
            ))
        }),
    }
    };
    let window = crate::input::time::Window {
        since: bound("--since", since, Edge::Since)?,
        until: bound("--until", until, Edge::Until)?,
    };
    if let (Some(from), Some(to), Some(since), Some(until)) =
        (window.since, window.until, since, until)
    {
        // An empty window would find nothing, and say nothing of why.
        if from >= to {
            let (since, until) = (escape(since), escape(until));
            return Err(Error::Usage(crate::t!(
                "--since {since} is not before --until {until}: give a window that starts before it ends",
                "--since {since} 不早于 --until {until}：请给出先开始、后结束的时间窗口"
            )));
        }
    }
    Ok((Some(window), clock.notes()))
}

/// A date and its time typed as two words (`--since 2026-12-06 10:00`, unquoted): the time
/// came as a file to read, and the day alone as the bound. Told before any file is opened, with
/// the one value to type, when a file that is not there reads as a time of that day.
fn split_time(flag: &str, date: &str, files: &[PathBuf]) -> Result<(), Error> {
    if !crate::input::time::is_date(date) {
        return Ok(());
    }
    let clock = crate::input::time::Clock::local();
    for file in files {
        let Some(time) = file.to_str() else { continue };
        let joined = format!("{} {time}", date.trim());
        if clock.bound(&joined, 0, Edge::Since).is_some() && !file.exists() {
            let (date, time, joined) = (escape(date), escape(time), escape(&joined));
            return Err(Error::Usage(crate::t!(
                "{flag} {date} is followed by {time}, which is no file: a date and its time are one value: quote them: {flag} '{joined}'",
                "{flag} {date} 后面的 {time} 不是文件：日期和时刻是同一个值，请加引号：{flag} '{joined}'"
            )));
        }
    }
    Ok(())
}

/// `--errors`, `--status`, `--category` and `--retry`: which envelopes count.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only errors.
    pub errors: bool,
    /// Legacy codes and patterns.
    pub legacy: Vec<crate::table::query::Query>,
    /// API 3.0 codes and patterns.
    pub v3: Vec<String>,
    /// Only envelopes of this category.
    pub category: Option<String>,
    /// Only envelopes of this retry class.
    pub retry: Option<Retry>,
}

impl Filter {
    /// The filter of `--errors` and `--status PATTERN…`; a pattern that is neither a legacy
    /// code nor an API 3.0 one is a usage error.
    pub fn new(errors: bool, patterns: &[String]) -> Result<Filter, Error> {
        let mut filter = Filter {
            errors,
            ..Filter::default()
        };
        for p in patterns {
            if crate::table::v3::V3Table::is_code(p) {
                // A code the table does not know may still come (a new one): said, not refused.
                let table = crate::table::v3::V3Table::builtin();
                if table.matching(p).is_empty() {
                    let (shown, near) = (escape(p), table.suggest(p).join(", "));
                    crate::error::note(&match near.is_empty() {
                        true => crate::t!(
                            "--status {shown} matches no API 3.0 code of the table",
                            "--status {shown} 不匹配表中任何 API 3.0 错误码"
                        ),
                        false => crate::t!(
                            "--status {shown} matches no API 3.0 code of the table; did you mean {near}?",
                            "--status {shown} 不匹配表中任何 API 3.0 错误码；是指 {near} 吗？"
                        ),
                    });
                }
                filter.v3.push(p.clone());
            } else {
                let query = crate::table::query::Query::parse(p)
                    .map_err(|e| Error::Usage(format!("--status: {e}")))?;
                filter.legacy.push(query);
            }
        }
        Ok(filter)
    }

    /// Adds `--category` and `--retry`, as `list` takes them; a category no envelope can be of
    /// (none of `table`'s, nor of the answers without a code) is a usage error: it would keep
    /// nothing, and say nothing of why.
    pub fn class(
        &mut self,
        category: Option<String>,
        retry: Option<Retry>,
        table: &crate::table::Table,
    ) -> Result<(), Error> {
        let known = table.envelope_categories();
        let category =
            category.map(|c| crate::table::labels::category_slug(&c, &known).to_string());
        if let Some(c) = &category {
            if !known.contains(&c.as_str()) {
                let lang = crate::lang::Lang::current();
                let (c, known) = (escape(c), crate::table::labels::known_list(&known, lang));
                return Err(Error::Usage(crate::t!(
                    "--category {c}: no code is of this category: give one of {known}",
                    "--category {c}：没有错误码属于此类别：请给出 {known} 之一"
                )));
            }
        }
        self.category = category;
        self.retry = retry;
        Ok(())
    }

    /// Whether an envelope with this verdict, whose code has these rows of the table, counts.
    #[inline]
    pub(super) fn keeps(&self, env: &Envelope<'_>, verdict: Verdict, rows: &[Row]) -> bool {
        if self.errors && verdict != Verdict::Error {
            return false;
        }
        if self.category.is_some() || self.retry.is_some() {
            let (category, retry) = crate::explain::class(env, rows, verdict);
            let category_ok = self.category.as_deref().is_none_or(|c| category == Some(c));
            if !category_ok || self.retry.is_some_and(|r| retry != Some(r)) {
                return false;
            }
        }
        if self.legacy.is_empty() && self.v3.is_empty() {
            return true;
        }
        match env.api {
            Api::Legacy => env
                .status_code
                .and_then(|v| v.as_integer())
                .and_then(|(n, _)| u32::try_from(n).ok())
                .is_some_and(|code| self.legacy.iter().any(|q| q.matches(code))),
            Api::V3 => env.status_code.is_some_and(|code| {
                let code = code.text();
                self.v3
                    .iter()
                    .any(|p| crate::table::v3::code_matches(p, &code))
            }),
            // No code for a pattern to match.
            Api::Http => false,
        }
    }
}

/// The exit: 2 when an input could not be read, 1 for an error envelope under `--check`.
pub(super) fn outcome(failed: bool, options: &Options, errors: u64) -> Result<Outcome, Error> {
    if failed {
        Err(Error::Reported)
    } else if options.check && errors > 0 {
        Ok(Outcome::NothingFound)
    } else {
        Ok(Outcome::Found)
    }
}
