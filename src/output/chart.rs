//! `explain --summary --by DURATION`: per code, envelopes per time bucket. For people, a chart:
//! one character a bucket, empty buckets shown, so a spike is seen rather than read; for tools,
//! every (code, bucket) count.

use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::explain::problems::Problems;
use crate::explain::summary::Summary;
use crate::input::time::{rfc3339, Millis};
use crate::input::Api;
use crate::lang::Lang;
use crate::output::report::{
    write_left_out, write_skipped, write_totals, JsonCode, Report, SummaryRow,
};
use crate::settings::Settings;

/// One bucket, from fewest to most envelopes; `·` is an empty bucket.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The widest code label, in columns.
const LABEL: usize = 16;

#[derive(Serialize)]
struct JsonBucket<'a> {
    api: Api,
    code: JsonCode<'a>,
    bucket: Option<String>,
    count: u64,
}

/// A duration as `--by` takes it (`30s`, `5m`, `1h`, `1d`).
pub fn duration_text(by: Millis) -> String {
    let s = by / 1_000;
    match s {
        s if s % 86_400 == 0 => format!("{}d", s / 86_400),
        s if s % 3_600 == 0 => format!("{}h", s / 3_600),
        s if s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

/// The first and the last bucket of all the codes.
fn span(counts: &[SummaryRow<'_>]) -> Option<(i64, i64)> {
    let ends = counts
        .iter()
        .filter_map(|r| r.buckets)
        .filter_map(|b| Some((b.counts.first()?.0, b.counts.last()?.0)));
    ends.reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
}

/// The timeline, in the chosen format.
pub(crate) fn write_timeline(
    out: &mut impl Write,
    err: &mut impl Write,
    counts: &[SummaryRow<'_>],
    summary: &Summary,
    problems: &Problems,
    settings: &Settings,
    by: Millis,
) -> io::Result<()> {
    let timeline = Timeline {
        counts,
        summary,
        problems,
        settings,
        by,
    };
    super::report::write(&timeline, out, err, settings)
}

/// The counts per time bucket, as every format needs them.
struct Timeline<'v, 'a> {
    counts: &'v [SummaryRow<'a>],
    summary: &'v Summary,
    problems: &'v Problems,
    settings: &'v Settings,
    /// The buckets' length.
    by: Millis,
}

impl Timeline<'_, '_> {
    /// When a bucket starts, as RFC 3339.
    fn start(&self, bucket: i64) -> String {
        rfc3339(bucket * self.by)
    }
}

impl Report for Timeline<'_, '_> {
    /// `--by` refuses Markdown: a timeline is a chart.
    fn markdown(&self, out: &mut impl Write) -> io::Result<()> {
        self.table(out)
    }

    /// `--by` refuses GitHub's commands: a timeline is a chart.
    fn github(&self, out: &mut impl Write) -> io::Result<()> {
        self.table(out)
    }

    fn json(&self, out: &mut impl Write) -> io::Result<()> {
        let mut rows = Vec::new();
        for r in self.counts {
            let Some(buckets) = r.buckets else { continue };
            for &(bucket, count) in &buckets.counts {
                rows.push(JsonBucket {
                    api: r.api,
                    code: r.code.clone(),
                    bucket: Some(self.start(bucket)),
                    count,
                });
            }
            if buckets.untimed > 0 {
                rows.push(JsonBucket {
                    api: r.api,
                    code: r.code.clone(),
                    bucket: None,
                    count: buckets.untimed,
                });
            }
        }
        crate::text::to_json_writer_pretty(&mut *out, &rows)?;
        writeln!(out)
    }

    fn plain(&self, out: &mut impl Write) -> io::Result<()> {
        for r in self.counts {
            let Some(buckets) = r.buckets else { continue };
            for &(bucket, count) in &buckets.counts {
                writeln!(out, "{}\t{}\t{count}", self.start(bucket), r.shown)?;
            }
            if buckets.untimed > 0 {
                writeln!(out, "-\t{}\t{}", r.shown, buckets.untimed)?;
            }
        }
        Ok(())
    }

    fn table(&self, out: &mut impl Write) -> io::Result<()> {
        write_chart(out, self.counts, self.settings, self.by)
    }

    fn closing(&self, out: &mut dyn Write) -> io::Result<()> {
        write_totals(out, self.summary, self.settings.lang)?;
        write_left_out(out, &self.problems.left_out, self.settings.lang)?;
        write_skipped(out, self.problems, self.settings.lang)
    }
}

/// The code as the label beside its bars, when it takes at most [`LABEL`] columns; a longer
/// code is written whole on a line of its own above its bars (a code is never cut).
fn label(shown: &str) -> Option<&str> {
    (shown.width() <= LABEL).then_some(shown)
}

/// One line a code: its label, a character a bucket (the latest that fit the width), its count.
fn write_chart(
    out: &mut impl Write,
    counts: &[SummaryRow<'_>],
    settings: &Settings,
    by: Millis,
) -> io::Result<()> {
    let lang = settings.lang;
    let Some((first, last)) = span(counts) else {
        let nothing = crate::t!(lang;
            "no envelope had a time: nothing to chart",
            "没有带时间的响应：无法绘图"
        );
        return writeln!(out, "{nothing}");
    };
    let chart = Chart::new(counts, usize::from(settings.width), first, last);
    chart.write_heading(out, settings, by)?;
    for (r, l) in chart.charted.iter().zip(&chart.labels) {
        chart.write_line(out, r, *l, settings)?;
    }
    let (shown, total) = (chart.shown, chart.total);
    if shown < total {
        let latest = crate::t!(lang;
            "the latest {shown} of {total} buckets: a wider terminal (COLUMNS) or a larger --by shows more; --format json has all",
            "最近的 {shown} 个时间段（共 {total} 个）：更宽的终端（COLUMNS）或更大的 --by 可显示更多；--format json 含全部"
        );
        writeln!(out, "{latest}")?;
    }
    write_untimed(out, counts, lang)
}

/// How the chart is laid out: which codes, in which columns, which buckets, to what scale.
struct Chart<'v, 'a> {
    /// The codes with a timed envelope, each with its label (`None`: on a line of its own).
    charted: Vec<&'v SummaryRow<'a>>,
    labels: Vec<Option<&'v str>>,
    label_width: usize,
    count_width: usize,
    /// The buckets there are, and how many of the latest are shown.
    total: usize,
    shown: usize,
    /// The first and last bucket shown.
    from: i64,
    last: i64,
    /// The count a full bar stands for.
    max: u64,
    /// Whether the errors are the scale, the successes muted.
    errors_scale: bool,
}

/// Whether a row's code says success.
fn success(r: &&SummaryRow<'_>) -> bool {
    r.category() == Some("success")
}

impl<'v, 'a> Chart<'v, 'a> {
    /// The layout of `counts`' buckets `first` to `last` in `width` columns.
    fn new(counts: &'v [SummaryRow<'a>], width: usize, first: i64, last: i64) -> Self {
        let charted: Vec<&SummaryRow<'_>> = counts
            .iter()
            .filter(|r| r.buckets.is_some_and(|b| !b.counts.is_empty()))
            .collect();
        let labels: Vec<Option<&str>> = charted.iter().map(|r| label(&r.shown)).collect();
        let label_width = labels
            .iter()
            .flatten()
            .map(|l| l.width())
            .max()
            .unwrap_or(0);
        let count_width = charted
            .iter()
            .map(|r| r.count.to_string().len())
            .max()
            .unwrap_or(1);
        let total = (last - first + 1) as usize;
        // Label, space, two rules, space, count.
        let room = width.saturating_sub(label_width + count_width + 4).max(1);
        let shown = total.min(room);
        let from = last - shown as i64 + 1;
        // Scaled by the errors, which a chart is read for: successes, usually many more, would
        // flatten them. Successes are drawn muted to the same scale (a full bar at its top or
        // above); with no error in the chart, they are the scale.
        let errors_scale = charted.iter().any(|r| !success(r));
        let max = charted
            .iter()
            .filter(|r| !errors_scale || !success(r))
            .filter_map(|r| r.buckets)
            .flat_map(|b| b.counts.iter().filter(|(k, _)| *k >= from).map(|&(_, n)| n))
            .max()
            .unwrap_or(1);
        Chart {
            charted,
            labels,
            label_width,
            count_width,
            total,
            shown,
            from,
            last,
            max,
            errors_scale,
        }
    }

    /// What a bucket is and a full bar stands for, the time charted, and how successes are
    /// drawn when they are muted.
    fn write_heading(
        &self,
        out: &mut impl Write,
        settings: &Settings,
        by: Millis,
    ) -> io::Result<()> {
        let (lang, max) = (settings.lang, self.max);
        let (start, end) = (rfc3339(self.from * by), rfc3339((self.last + 1) * by));
        let every = duration_text(by);
        let heading = crate::t!(lang;
            "envelopes per {every}; █ = {max}\n{start} to {end}",
            "每 {every} 的响应数；█ = {max}\n{start} 至 {end}"
        );
        writeln!(out, "{heading}")?;
        if self.errors_scale && self.charted.iter().any(success) {
            let scale = crate::t!(lang;
                "scaled by errors; successes muted, █ at {max} or more",
                "按错误缩放；成功以暗色显示，达到或超过 {max} 为 █"
            );
            writeln!(out, "{}", settings.palette.dim(&scale))?;
        }
        Ok(())
    }

    /// A character a bucket shown of `r`'s: a bar as high as its count, `·` for none.
    fn bars(&self, r: &SummaryRow<'_>) -> String {
        let mut line = String::with_capacity(self.shown * 3);
        let mut counts = r
            .buckets
            .map_or(&[][..], |b| &b.counts[..])
            .iter()
            .peekable();
        for bucket in self.from..=self.last {
            while counts.next_if(|(k, _)| *k < bucket).is_some() {}
            match counts.next_if(|(k, _)| *k == bucket) {
                Some(&(_, n)) => {
                    // The tallest bar is the largest count; any count shows.
                    let levels = BARS.len() as u64;
                    let level = (n * levels).div_ceil(self.max.max(1)).clamp(1, levels) - 1;
                    line.push(BARS[level as usize]);
                }
                None => line.push('·'),
            }
        }
        line
    }

    /// `r`'s line: its label `l` (or its code on a line above), its bars and its count.
    fn write_line(
        &self,
        out: &mut impl Write,
        r: &SummaryRow<'_>,
        l: Option<&str>,
        settings: &Settings,
    ) -> io::Result<()> {
        let p = settings.palette;
        let line = self.bars(r);
        let muted = self.errors_scale && success(&r);
        let paint = |text: &str| match muted {
            true => p.dim(text),
            false => p.code(text),
        };
        if l.is_none() {
            writeln!(out, "{}", paint(&r.shown))?;
        }
        let l = l.unwrap_or("");
        let pad = self.label_width - l.width();
        let (l, line) = match muted {
            true => (paint(l), p.dim(&line)),
            false => (paint(l), line),
        };
        let count_width = self.count_width;
        writeln!(
            out,
            "{}{l} │{line}│ {:>count_width$}",
            " ".repeat(pad),
            r.count
        )
    }
}

/// How many envelopes had no time, so are not in the chart, when any.
fn write_untimed(out: &mut impl Write, counts: &[SummaryRow<'_>], lang: Lang) -> io::Result<()> {
    let untimed: u64 = counts
        .iter()
        .filter_map(|r| r.buckets)
        .map(|b| b.untimed)
        .sum();
    if untimed > 0 {
        let note = match untimed {
            1 => crate::t!(lang;
                "1 envelope without a time is not charted",
                "1 个响应没有时间，未计入图表"
            ),
            _ => crate::t!(lang;
                "{untimed} envelopes without a time are not charted",
                "{untimed} 个响应没有时间，未计入图表"
            ),
        };
        writeln!(out, "{note}")?;
    }
    Ok(())
}
