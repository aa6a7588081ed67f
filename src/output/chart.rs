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
    super::report::write(&timeline, out, err, settings.rows_format())
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

/// The code as a label of at most [`LABEL`] columns.
fn label(shown: &str) -> String {
    if shown.width() <= LABEL {
        return shown.to_string();
    }
    let mut cut = String::new();
    for c in shown.chars() {
        if cut.width() + 2 > LABEL {
            break;
        }
        cut.push(c);
    }
    cut.push('…');
    cut
}

/// One line a code: its label, a character a bucket (the latest that fit the width), its count.
fn write_chart(
    out: &mut impl Write,
    counts: &[SummaryRow<'_>],
    settings: &Settings,
    by: Millis,
) -> io::Result<()> {
    let lang = settings.lang;
    let p = settings.palette;
    let Some((first, last)) = span(counts) else {
        let nothing = crate::t!(lang;
            "no envelope had a time: nothing to chart",
            "没有带时间的响应：无法绘图"
        );
        return writeln!(out, "{nothing}");
    };
    let charted: Vec<&SummaryRow<'_>> = counts
        .iter()
        .filter(|r| r.buckets.is_some_and(|b| !b.counts.is_empty()))
        .collect();
    let labels: Vec<String> = charted.iter().map(|r| label(&r.shown)).collect();
    let label_width = labels.iter().map(|l| l.width()).max().unwrap_or(0);
    let count_width = charted
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1);
    let total = (last - first + 1) as usize;
    // Label, space, two rules, space, count.
    let room = usize::from(settings.width)
        .saturating_sub(label_width + count_width + 4)
        .max(1);
    let shown = total.min(room);
    let from = last - shown as i64 + 1;
    let max = charted
        .iter()
        .filter_map(|r| r.buckets)
        .flat_map(|b| b.counts.iter().filter(|(k, _)| *k >= from).map(|&(_, n)| n))
        .max()
        .unwrap_or(1);
    let (start, end) = (rfc3339(from * by), rfc3339((last + 1) * by));
    let every = duration_text(by);
    let heading = crate::t!(lang;
        "envelopes per {every}; █ = {max}\n{start} to {end}",
        "每 {every} 的响应数；█ = {max}\n{start} 至 {end}"
    );
    writeln!(out, "{heading}")?;
    for (r, l) in charted.iter().zip(&labels) {
        let mut line = String::with_capacity(shown * 3);
        let mut counts = r
            .buckets
            .map_or(&[][..], |b| &b.counts[..])
            .iter()
            .peekable();
        for bucket in from..=last {
            while counts.next_if(|(k, _)| *k < bucket).is_some() {}
            match counts.next_if(|(k, _)| *k == bucket) {
                Some(&(_, n)) => {
                    // The tallest bar is the largest count; any count shows.
                    let levels = BARS.len() as u64;
                    let level = (n * levels).div_ceil(max.max(1)).clamp(1, levels) - 1;
                    line.push(BARS[level as usize]);
                }
                None => line.push('·'),
            }
        }
        let pad = label_width - l.width();
        writeln!(
            out,
            "{}{} │{line}│ {:>count_width$}",
            " ".repeat(pad),
            p.code(l),
            r.count
        )?;
    }
    if shown < total {
        let latest = crate::t!(lang;
            "the latest {shown} of {total} buckets: a wider terminal (COLUMNS) or a larger --by shows more; --format json has all",
            "最近的 {shown} 个时间段（共 {total} 个）：更宽的终端（COLUMNS）或更大的 --by 可显示更多；--format json 含全部"
        );
        writeln!(out, "{latest}")?;
    }
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
