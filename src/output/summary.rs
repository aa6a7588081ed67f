//! `explain --summary` per code, in each format.

use std::io::{self, Write};

use comfy_table::{
    presets, Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table as Grid,
};
use serde::Serialize;

use crate::explain::problems::Problems;
use crate::explain::summary::{Span, Summary};
use crate::input::time::rfc3339;
use crate::input::Api;
use crate::lang::Lang;
use crate::output::records::{write_records, Paint, RecordField};
use crate::output::report::{
    summary_meaning, write_left_out, write_rows_cut, write_skipped, write_totals, JsonCode, Layout,
    Report, SummaryRow, MAX_TABLE_ROWS,
};
use crate::output::wrap::NO_BREAK;
use crate::settings::{Palette, Settings};
use crate::table::{labels, Retry, Row};
use crate::text::{escape, width};

#[derive(Serialize)]
struct JsonCount<'a> {
    api: Api,
    code: JsonCode<'a>,
    count: u64,
    share: f64,
    http_status: Option<u16>,
    message: Option<String>,
    message_en: Option<String>,
    category: Option<&'a str>,
    retry: Option<Retry>,
    first_seen: Option<String>,
    last_seen: Option<String>,
    request_ids: &'a [String],
    /// For the row of codes after the first 10,000: how many distinct codes it holds (about).
    #[serde(skip_serializing_if = "Option::is_none")]
    distinct_codes: Option<u64>,
}

/// The narrowest summary table that holds every code whole beside columns that can still be
/// read: three columns a column for borders and padding and one more; count, share, code,
/// HTTP, category and retry, and the times as wide as their widest; the meaning ten.
fn table_width_needed(
    counts: &[SummaryRow<'_>],
    header: &[String],
    short: impl Fn(i64) -> String,
    lang: Lang,
) -> usize {
    let widest = |f: &dyn Fn(&SummaryRow<'_>) -> usize, head: usize| {
        counts.iter().map(f).chain([head]).max().unwrap_or(0)
    };
    let head = |i: usize| {
        header
            .get(i)
            .map_or(0, |h| h.lines().map(crate::text::width).max().unwrap_or(0))
    };
    let count = widest(&|r| r.count.to_string().len(), head(0));
    let share = head(1).max(7);
    let code = widest(&|r| crate::text::width(&r.shown), head(2));
    let http = head(3).max(3);
    let class = widest(
        &|r| {
            let category = r
                .category()
                .map_or(1, |c| crate::text::width(labels::category(c, lang)));
            category.max(
                r.retry()
                    .map_or(1, |x| crate::text::width(labels::retry(x, lang))),
            )
        },
        head(4),
    );
    let timed = header.len() > 6;
    let seen = match timed {
        true => widest(&|r| r.seen.first.map_or(1, |t| short(t).len()), head(5)),
        false => 0,
    };
    let columns = header.len();
    3 * columns + 1 + count + share + code + http + class + seen + 10
}

/// The labels of the summary's records, in the chosen language: made once, for every record.
struct Labels {
    count: String,
    share: String,
    category: String,
    retry: String,
    meaning: String,
    seen: String,
}

impl Labels {
    fn new(lang: Lang) -> Labels {
        Labels {
            count: crate::t!(lang; "Count", "次数"),
            share: crate::t!(lang; "Share", "占比"),
            category: crate::t!(lang; "Category", "类别"),
            retry: crate::t!(lang; "Retry", "重试"),
            meaning: crate::t!(lang; "Meaning", "描述"),
            seen: crate::t!(lang; "Seen (UTC)", "出现时间"),
        }
    }
}

/// The fields of a summary row's record, the times left out: count, share, code, HTTP,
/// category, retry, meaning.
fn record<'l>(
    r: &SummaryRow<'_>,
    labels: &'l Labels,
    share: f64,
    lang: Lang,
) -> Vec<RecordField<'l>> {
    let field = |label: &'l str, text: String, paint: Paint<'l>| RecordField {
        label,
        parts: vec![(text, paint)],
    };
    let http = r.rows.first().and_then(|row| row.http_status);
    let retry = r.retry();
    vec![
        field(&labels.count, r.count.to_string(), Paint::Plain),
        field(
            &labels.share,
            format!("{:.2}%", share * 100.0),
            Paint::Plain,
        ),
        field("StatusCode", r.shown.clone(), Paint::Code),
        field(
            "HTTP",
            http.map_or("-".to_string(), |h| h.to_string()),
            http.map_or(Paint::Plain, Paint::Http),
        ),
        field(
            &labels.category,
            r.category().map_or("-".into(), |c| {
                escape(labels::category(c, lang)).into_owned()
            }),
            Paint::Plain,
        ),
        field(
            &labels.retry,
            retry.map_or("-", |k| labels::retry(k, lang)).to_string(),
            Paint::Retry(retry),
        ),
        field(&labels.meaning, summary_meaning(r.rows, lang), Paint::Plain),
    ]
}

/// `explain --summary` per code, in the format asked for, then the closing lines.
pub(crate) fn write_summary(
    out: &mut impl Write,
    err: &mut impl Write,
    counts: &[SummaryRow<'_>],
    summary: &Summary,
    problems: &Problems,
    settings: &Settings,
    layout: Layout,
) -> io::Result<()> {
    // The shares are of every row; the rows shown, the first --top.
    let view = SummaryView {
        counts: &counts[..counts.len().min(layout.top.unwrap_or(usize::MAX))],
        all: counts,
        envelopes: summary.envelopes,
        summary,
        problems,
        settings,
    };
    super::report::write(&view, out, err, settings)
}

/// What every format's rendering of the summary needs.
struct SummaryView<'v, 'a> {
    /// The rows shown.
    counts: &'v [SummaryRow<'a>],
    /// Every row, of which the shares are.
    all: &'v [SummaryRow<'a>],
    /// Envelopes counted, of every row.
    envelopes: u64,
    summary: &'v Summary,
    problems: &'v Problems,
    settings: &'v Settings,
}

impl SummaryView<'_, '_> {
    /// A count's share of every envelope.
    fn share(&self, n: u64) -> f64 {
        n as f64 / self.envelopes.max(1) as f64
    }

    /// For the row of codes past the first 10,000: how many more codes it holds.
    fn other_note(&self, r: &SummaryRow<'_>) -> Option<String> {
        let max = crate::explain::summary::MAX_CODES;
        r.distinct.map(|d| {
            let more = crate::output::counted(d, "more distinct code", "more distinct codes");
            crate::t!(self.settings.lang;
                "(about {more}, beyond the first {max})",
                "（另外约 {d} 个不同的码，超出前 {max} 个）"
            )
        })
    }

    /// A row's meaning, in the chosen language.
    fn meaning(&self, r: &SummaryRow<'_>) -> String {
        self.other_note(r)
            .unwrap_or_else(|| summary_meaning(r.rows, self.settings.lang))
    }
}

/// A time as RFC 3339, or `-`.
fn time(t: Option<i64>) -> String {
    t.map_or("-".to_string(), rfc3339)
}

impl Report for SummaryView<'_, '_> {
    /// The summary as a Markdown table, to paste into an incident document.
    fn markdown(&self, out: &mut impl Write) -> io::Result<()> {
        let lang = self.settings.lang;

        let header = [
            crate::t!(lang; "Count", "次数"),
            crate::t!(lang; "Share", "占比"),
            crate::t!(lang; "Code", "错误码"),
            "HTTP".to_string(),
            crate::t!(lang; "Category", "类别"),
            crate::t!(lang; "Retry", "重试"),
            crate::t!(lang; "First seen", "首次出现"),
            crate::t!(lang; "Last seen", "最后出现"),
            crate::t!(lang; "RequestIds", "RequestId 示例"),
            crate::t!(lang; "Meaning", "描述"),
            crate::t!(lang; "Hint", "建议"),
        ];
        let header = header.each_ref().map(String::as_str);
        let right = [true, true];
        let rows = self.counts.iter().map(|r| {
            vec![
                r.count.to_string(),
                format!("{:.2}%", self.share(r.count) * 100.0),
                r.shown.clone(),
                r.rows
                    .first()
                    .and_then(|row| row.http_status)
                    .map_or("-".into(), |s| s.to_string()),
                r.category()
                    .map_or("-", |c| labels::category(c, self.settings.lang))
                    .to_string(),
                r.retry()
                    .map_or("-", |k| labels::retry(k, self.settings.lang))
                    .to_string(),
                time(r.seen.first),
                time(r.seen.last),
                match r.request_ids {
                    [] => "-".to_string(),
                    ids => ids.join(", "),
                },
                self.meaning(r),
                r.hint(lang).unwrap_or("-").to_string(),
            ]
        });
        super::markdown::table(out, &header, &right, rows)?;
        Ok(())
    }

    /// The summary as GitHub notices, one a code.
    fn github(&self, out: &mut impl Write) -> io::Result<()> {
        let lang = self.settings.lang;
        for r in self.counts {
            let seen = match (r.seen.first, r.seen.last) {
                (Some(f), Some(l)) => {
                    let (f, l) = (rfc3339(f), rfc3339(l));
                    crate::t!(lang; ", {f} – {l}", "，{f} – {l}")
                }
                _ => String::new(),
            };
            let retry = r.retry().map_or(String::new(), |x| {
                let x = labels::retry(x, lang);
                crate::t!(lang; " (retry: {x})", "（{x}）")
            });
            let share = format!("{:.2}%", self.share(r.count) * 100.0);
            let (count, meaning) = (r.count, self.meaning(r));
            let envelopes = crate::output::counted(count, "envelope", "envelopes");
            let mut message = crate::t!(lang;
                "{envelopes} ({share}{seen}): {meaning}{retry}",
                "{count} 个响应（{share}{seen}）：{meaning}{retry}"
            );
            // The hint is what a CI reader acts on.
            if let Some(hint) = r.hint(lang) {
                message.push_str(&crate::t!(lang; " · hint: {hint}", " · 建议：{hint}"));
            }
            super::github::command(
                out,
                "notice",
                &[("title", format!("errcode {}", r.shown))],
                &message,
            )?;
        }
        Ok(())
    }

    /// The summary as a JSON array of rows.
    fn json(&self, out: &mut impl Write) -> io::Result<()> {
        let list: Vec<JsonCount> = self
            .counts
            .iter()
            .map(|r| {
                let row = r.rows.first();
                // A code whose meaning Message did not name: every meaning, as the table shows.
                let joined = |f: fn(&Row) -> Option<&str>| {
                    r.rows.iter().filter_map(f).collect::<Vec<_>>().join(" / ")
                };
                let (message, message_en) = match r.rows.len() {
                    0 | 1 => (
                        row.map(|r| r.message.clone()),
                        row.and_then(|r| r.message_en.clone()),
                    ),
                    _ => (
                        Some(joined(|r| Some(r.message.as_str()))),
                        Some(joined(|r| r.message_en.as_deref())),
                    ),
                };
                JsonCount {
                    api: r.api,
                    code: match &r.code {
                        JsonCode::Number(n) => JsonCode::Number(*n),
                        JsonCode::Text(t) => JsonCode::Text(t),
                        JsonCode::Other(o) => JsonCode::Other(o),
                        JsonCode::None(_) => JsonCode::None(None),
                    },
                    count: r.count,
                    share: (self.share(r.count) * 1e6).round() / 1e6,
                    http_status: row.and_then(|r| r.http_status),
                    message,
                    message_en,
                    category: r.category(),
                    retry: r.retry(),
                    first_seen: r.seen.first.map(rfc3339),
                    last_seen: r.seen.last.map(rfc3339),
                    request_ids: r.request_ids,
                    distinct_codes: r.distinct,
                }
            })
            .collect();
        crate::text::to_json_writer_pretty(&mut *out, &list)?;
        writeln!(out)?;
        Ok(())
    }

    /// The summary as tab-separated lines, one a code.
    fn plain(&self, out: &mut impl Write) -> io::Result<()> {
        let p = self.settings.palette;

        for r in self.counts {
            let http = r
                .rows
                .first()
                .map_or("-".to_string(), |row| p.http_or_dash(row.http_status));
            let text = self
                .other_note(r)
                .unwrap_or_else(|| summary_meaning(r.rows, self.settings.lang));
            let time = |t: Option<i64>| t.map_or("-".to_string(), rfc3339);
            // Each id as a plain field, with its own commas escaped: `a,b` is one id, `a\,b`.
            let ids = match r.request_ids {
                [] => "-".to_string(),
                ids => ids
                    .iter()
                    .map(|id| super::envelope::plain::field(id).replace(',', "\\,"))
                    .collect::<Vec<_>>()
                    .join(","),
            };
            writeln!(
                out,
                "{}\t{:.2}%\t{}\t{http}\t{}\t{}\t{}\t{}\t{ids}\t{text}",
                r.count,
                self.share(r.count) * 100.0,
                p.code(&r.shown),
                r.category().map_or("-".into(), escape),
                r.retry().map_or("-".into(), |x| p.retry(Some(x))),
                time(r.seen.first),
                time(r.seen.last),
            )?;
        }
        Ok(())
    }

    /// The summary as a table fitted to the width, or one record a code when the width cannot
    /// hold every code whole; then the sample RequestIds.
    fn table(&self, out: &mut impl Write) -> io::Result<()> {
        let (p, lang) = (self.settings.palette, self.settings.lang);
        let cut = self.counts.len().saturating_sub(MAX_TABLE_ROWS);
        let counts = &self.counts[..self.counts.len() - cut];
        let times = Times::of(counts);
        let mut header = vec![
            crate::t!(lang; "Count", "次数"),
            crate::t!(lang; "Share", "占比"),
            "StatusCode".to_string(),
            "HTTP".to_string(),
            crate::t!(lang; "Category\nretry", "类别\n重试"),
        ];
        let seen_header = format!(
            "{}{}{}",
            crate::t!(lang; "Seen (UTC)", "出现时间（UTC）"),
            if times.shared > 0 { "\n" } else { "" },
            times.shared()
        );
        if times.first.is_some() {
            header.push(seen_header);
        }
        header.push(crate::t!(lang; "Meaning", "描述"));
        // Narrower than the table needs to hold its codes whole: one line a code with its
        // count, share and meaning (wrapped); one record a code only where even a code alone
        // does not fit on a line.
        let needed = table_width_needed(counts, &header, |t| times.short(t), lang);
        if usize::from(self.settings.width) < needed {
            if !write_compact(out, self, counts)? {
                let labels = Labels::new(lang);
                let records = narrow_records(self, counts, &times, &labels);
                write_records(out, &records, self.settings.width, p)?;
            }
        } else {
            let mut grid = Grid::new();
            grid.load_preset(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic);
            grid.set_width(self.settings.width);
            grid.set_header(header.iter().map(|h| Cell::new(p.label(h))));
            for r in counts {
                grid.add_row(grid_row(self, r, &times));
            }
            // Every column but the meaning as wide as its content: the meaning wraps.
            let columns = grid.column_count();
            for column in grid.column_iter_mut().take(columns - 1) {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
            writeln!(out, "{}", crate::output::wrap::drawn(&mut grid))?;
        }
        write_rows_cut(out, cut, self.settings.lang)?;
        write_request_ids(out, counts, self.settings)
    }

    fn closing(&self, out: &mut dyn Write) -> io::Result<()> {
        let lang = self.settings.lang;
        write_totals(out, self.summary, lang)?;
        write_left_out(out, &self.problems.left_out, lang)?;
        super::shares::write_shares(out, self.all, self.summary.errors, self.settings)?;
        write_skipped(out, self.problems, lang)
    }
}

/// When the codes of a table were seen: what all their times share (their day, or their
/// year) goes to the header, and each time is shown without it.
struct Times {
    /// The first time of all, when any envelope had one.
    first: Option<String>,
    /// How many of its characters every time shares: 10 (the day), 4 (the year) or 0.
    shared: usize,
}

impl Times {
    fn of(counts: &[SummaryRow<'_>]) -> Times {
        let span = counts.iter().fold(Span::default(), |mut all, r| {
            all.merge(r.seen);
            all
        });
        let (first, last) = (span.first.map(rfc3339), span.last.map(rfc3339));
        let shared = match (&first, &last) {
            (Some(f), Some(l)) if f[..10] == l[..10] => 10,
            (Some(f), Some(l)) if f[..4] == l[..4] => 4,
            _ => 0,
        };
        Times { first, shared }
    }

    /// What every time shares, for the header (empty when nothing).
    fn shared(&self) -> &str {
        self.first.as_deref().map_or("", |f| &f[..self.shared])
    }

    /// `08:00:02` within a day, `11-27 08:00:02` within a year, else `2026-11-27 08:00:02`.
    fn short(&self, t: i64) -> String {
        let from = match self.shared {
            10 => 11,
            4 => 5,
            _ => 0,
        };
        rfc3339(t)[from..19].replace('T', " ")
    }

    /// When a row's code was seen: its first and last time, or one when they are the same.
    fn seen(&self, r: &SummaryRow<'_>) -> Vec<String> {
        match (r.seen.first, r.seen.last) {
            (Some(f), Some(l)) if self.short(f) == self.short(l) => vec![self.short(f)],
            (Some(f), Some(l)) => vec![self.short(f), self.short(l)],
            _ => vec!["-".to_string()],
        }
    }
}

/// A row of the summary table.
fn grid_row(view: &SummaryView<'_, '_>, r: &SummaryRow<'_>, times: &Times) -> Vec<Cell> {
    let (p, lang) = (view.settings.palette, view.settings.lang);
    let http = r
        .rows
        .first()
        .map_or("-".to_string(), |row| p.http_or_dash(row.http_status));
    let class = match (r.category(), r.retry()) {
        (None, None) => "-".to_string(),
        (category, retry) => format!(
            "{}\n{}",
            category.map_or("-".into(), |c| escape(labels::category(c, lang))),
            retry.map_or("-".into(), |x| p.retry_in(Some(x), lang))
        ),
    };
    let mut cells = vec![
        Cell::new(r.count).set_alignment(CellAlignment::Right),
        Cell::new(format!("{:.2}%", view.share(r.count) * 100.0))
            .set_alignment(CellAlignment::Right),
        Cell::new(p.code(&r.shown)),
        Cell::new(http),
        Cell::new(class),
    ];
    if times.first.is_some() {
        cells.push(Cell::new(times.seen(r).join("\n")));
    }
    cells.push(crate::output::wrap::text_cell(&view.meaning(r)));
    cells
}

/// The summary's codes one a line, for a width too narrow for the table: count, share, the
/// code whole and its meaning, the meaning wrapped under itself (or under the code, when the
/// code leaves it no room). The columns the table adds (HTTP, category and retry, times) are
/// dropped: the shares below and `--format json` have them. A code longer than the line is
/// wrapped. `false`, writing nothing, when the width leaves a code too little room.
fn write_compact(
    out: &mut impl Write,
    view: &SummaryView<'_, '_>,
    counts: &[SummaryRow<'_>],
) -> io::Result<bool> {
    let lang = view.settings.lang;
    let names = [
        crate::t!(lang; "Count", "次数"),
        crate::t!(lang; "Share", "占比"),
        "StatusCode".to_string(),
        crate::t!(lang; "Meaning", "描述"),
    ];
    let shares: Vec<String> = counts
        .iter()
        .map(|r| format!("{:.2}%", view.share(r.count) * 100.0))
        .collect();
    let Some(compact) = Compact::fitting(&names, counts, &shares, view.settings) else {
        return Ok(false);
    };
    compact.write_head(out, &names)?;
    for (r, share) in counts.iter().zip(&shares) {
        compact.write_line(out, r, share, view.meaning(r))?;
    }
    Ok(true)
}

/// `text` padded with spaces after it to `to` columns.
fn pad(text: &str, to: usize) -> String {
    format!("{text}{}", " ".repeat(to.saturating_sub(width(text))))
}

/// `text` padded with spaces before it to `to` columns.
fn right(text: &str, to: usize) -> String {
    format!("{}{text}", " ".repeat(to.saturating_sub(width(text))))
}

/// Where the columns of the compact layout start, and how wide they are.
struct Compact {
    palette: Palette,
    /// The line's width.
    columns: usize,
    count_width: usize,
    share_width: usize,
    code_width: usize,
    code_at: usize,
    /// Where the meaning starts: beside the code, or under it (at `code_at`).
    meaning_at: usize,
}

impl Compact {
    /// The layout of `counts` with their `shares` under the heading `names`, or `None` when the
    /// width leaves a code too little room.
    fn fitting(
        names: &[String; 4],
        counts: &[SummaryRow<'_>],
        shares: &[String],
        settings: &Settings,
    ) -> Option<Compact> {
        let columns = usize::from(settings.width);
        let widest = |cells: &mut dyn Iterator<Item = usize>, name: &str| {
            cells.chain([width(name)]).max().unwrap_or(0)
        };
        let count_width = widest(
            &mut counts.iter().map(|r| r.count.to_string().len()),
            &names[0],
        );
        let share_width = widest(&mut shares.iter().map(|s| s.len()), &names[1]);
        let code_width = widest(&mut counts.iter().map(|r| width(&r.shown)), &names[2]);
        let code_at = count_width + 2 + share_width + 2;
        // A code longer than the line is wrapped, not cut; records only where too little is left.
        if code_at + 20 > columns {
            return None;
        }
        // The meaning beside the codes when it gets a readable width there, else under the code.
        let meaning_at = match code_at + code_width + 2 + 16 <= columns {
            true => code_at + code_width + 2,
            false => code_at,
        };
        Some(Compact {
            palette: settings.palette,
            columns,
            count_width,
            share_width,
            code_width,
            code_at,
            meaning_at,
        })
    }

    /// The heading: the meaning's name beside the code's, or after a slash when under it.
    fn write_head(&self, out: &mut impl Write, names: &[String; 4]) -> io::Result<()> {
        let mut head = format!(
            "{}  {}  {}",
            right(&names[0], self.count_width),
            right(&names[1], self.share_width),
            names[2]
        );
        match self.meaning_at > self.code_at {
            true => {
                head = format!(
                    "{}  {}",
                    pad(&head, self.code_at + self.code_width),
                    names[3]
                )
            }
            false => head = format!("{head} / {}", names[3]),
        }
        writeln!(out, "{}", self.palette.label(head.trim_end()))
    }

    /// One code: its count, its `share`, the code and its `meaning`, wrapped.
    fn write_line(
        &self,
        out: &mut impl Write,
        r: &SummaryRow<'_>,
        share: &str,
        meaning: String,
    ) -> io::Result<()> {
        use crate::output::wrap::{write_wrapped, Spans};
        let (p, columns) = (self.palette, self.columns);
        let indent = " ".repeat(self.meaning_at);
        let prefix = format!(
            "{}  {}  ",
            right(&r.count.to_string(), self.count_width),
            right(share, self.share_width)
        );
        let mut spans = Spans::default();
        spans.push(r.shown.clone(), Palette::code);
        if self.meaning_at > self.code_at {
            let gap = " ".repeat(self.code_width - width(&r.shown) + 2);
            spans
                .push(
                    gap.replace(' ', &NO_BREAK.to_string()),
                    crate::output::wrap::plain,
                )
                .text(meaning);
            return write_wrapped(out, &spans, p, columns, &prefix, &indent);
        }
        write_wrapped(out, &spans, p, columns, &prefix, &indent)?;
        let mut spans = Spans::default();
        spans.text(meaning);
        write_wrapped(out, &spans, p, columns, &indent, &indent)
    }
}

/// The summary's codes as records, one field a line, for a width too narrow for the table.
fn narrow_records<'l>(
    view: &SummaryView<'_, '_>,
    counts: &[SummaryRow<'_>],
    times: &Times,
    labels: &'l Labels,
) -> Vec<Vec<RecordField<'l>>> {
    counts
        .iter()
        .map(|r| {
            let mut fields = record(r, labels, view.share(r.count), view.settings.lang);
            if times.first.is_some() {
                // The day (or year) the table's header holds comes first.
                let day = Some(times.shared().to_string()).filter(|day| !day.is_empty());
                let parts = day
                    .into_iter()
                    .chain(times.seen(r))
                    .map(|t| (t, Paint::Dim))
                    .collect();
                let label = &labels.seen;
                fields.insert(6, RecordField { label, parts });
            }
            if let Some(note) = view.other_note(r) {
                if let Some(last) = fields.last_mut() {
                    last.parts = vec![(note, Paint::Plain)];
                }
            }
            fields
        })
        .collect()
}

/// Under the table: sample RequestIds of each code that is not a success, to quote to support.
fn write_request_ids(
    out: &mut impl Write,
    counts: &[SummaryRow<'_>],
    settings: &Settings,
) -> io::Result<()> {
    let p = settings.palette;
    let label = crate::t!(settings.lang; "RequestIds", "RequestId 示例");
    for r in counts {
        let success = r.category() == Some("success");
        if r.request_ids.is_empty() || success {
            continue;
        }
        let ids: Vec<String> = r
            .request_ids
            .iter()
            .map(|i| escape(i).into_owned())
            .collect();
        // Wrapped to the width, each ID whole where the line holds it (else broken, not cut).
        let mut spans = crate::output::wrap::Spans::default();
        spans
            .push(format!("{label}{NO_BREAK}"), crate::output::wrap::plain)
            .push(format!("{}:", r.shown), Palette::code);
        for (i, id) in ids.iter().enumerate() {
            spans.text(if i == 0 { " " } else { ", " }).text(id.clone());
        }
        crate::output::wrap::write_wrapped(
            out,
            &spans,
            p,
            usize::from(settings.width),
            "",
            "    ",
        )?;
    }
    Ok(())
}
