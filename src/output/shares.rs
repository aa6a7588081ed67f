//! What the summary leads to: the shares of the error envelopes by category and by retry class
//! (what to do next), and `--group`, the summary per category or retry class instead of per
//! code.

use std::io::{self, Write};

use crate::output::wrap::{retry_paint, write_wrapped, Spans, NO_BREAK};
use comfy_table::{
    presets, Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table as Grid,
};
use serde::Serialize;

use crate::explain::problems::Problems;
use crate::explain::summary::{Group, Span, Summary, REQUEST_IDS};
use crate::input::time::rfc3339;
use crate::lang::Lang;
use crate::output::report::{
    write_left_out, write_skipped, write_totals, Layout, Report, SummaryRow,
};
use crate::settings::Settings;
use crate::table::{labels, Retry};
use crate::text::escape;

/// The most codes a group's row names.
const CODES_SHOWN: usize = 10;

/// One group: its name (`unknown` for codes the table does not class), and what it counts.
struct Share {
    name: String,
    retry: Option<Retry>,
    count: u64,
    errors: u64,
    seen: Span,
    /// As shown, and as JSON.
    codes: Vec<(String, serde_json::Value)>,
    /// How many more codes the group holds than [`CODES_SHOWN`].
    more_codes: u64,
    request_ids: Vec<String>,
}

/// The rows grouped by `group`, the most errors first (then the most envelopes, then by name).
fn shares(counts: &[SummaryRow<'_>], group: Group) -> Vec<Share> {
    let mut shares: Vec<Share> = Vec::new();
    for (r, count, errors, failed) in parts(counts) {
        let (name, retry) = group_of(r, group, failed);
        let at = match shares.iter().position(|s| s.name == name) {
            Some(at) => at,
            None => {
                shares.push(Share {
                    name,
                    retry,
                    count: 0,
                    errors: 0,
                    seen: Span::default(),
                    codes: Vec::new(),
                    more_codes: 0,
                    request_ids: Vec::new(),
                });
                shares.len() - 1
            }
        };
        shares[at].add(r, count, errors);
    }
    shares.sort_by(|a, b| {
        (b.errors, b.count)
            .cmp(&(a.errors, a.count))
            .then_with(|| a.name.cmp(&b.name))
    });
    shares
}

/// Each row as the parts it is grouped by: the row, its envelopes, its errors, and whether
/// they are the failing part of a code that says success.
fn parts<'v, 'a>(
    counts: &'v [SummaryRow<'a>],
) -> impl Iterator<Item = (&'v SummaryRow<'a>, u64, u64, bool)> {
    // The errors of a code that says success (Code 500 with StatusCode 200, a gateway's 5xx
    // around a success) are the failing part's: a server-side failure, retried with backoff.
    counts.iter().flat_map(|r| {
        let split = r.category() == Some("success") && r.errors > 0;
        let successes = match split {
            true => (r, r.count - r.errors, 0, false),
            false => (r, r.count, r.errors, false),
        };
        let failures = (r, r.errors, r.errors, true);
        std::iter::once(successes)
            .chain(split.then_some(failures))
            .filter(|(_, count, _, _)| *count > 0)
    })
}

/// The group a part of `r` falls in by `group` (`failed`: the failing part of a success),
/// and its retry class.
fn group_of(r: &SummaryRow<'_>, group: Group, failed: bool) -> (String, Option<Retry>) {
    let (category, backoff) = crate::explain::FAILED_SUCCESS;
    match group {
        Group::Category if failed => (category.to_string(), None),
        Group::Retry if failed => (backoff.as_str().to_string(), Some(backoff)),
        Group::Category => (r.category().map_or("unknown".into(), str::to_string), None),
        // A success is no class of retry: it is a group of its own.
        Group::Retry if r.category() == Some("success") => ("success".to_string(), None),
        Group::Retry => (
            r.retry().map_or("unknown", Retry::as_str).to_string(),
            r.retry(),
        ),
    }
}

impl Share {
    /// Counts `count` envelopes of `r`, `errors` of them errors, in the group.
    fn add(&mut self, r: &SummaryRow<'_>, count: u64, errors: u64) {
        self.count += count;
        self.errors += errors;
        self.seen.merge(r.seen);
        if self.codes.len() < CODES_SHOWN {
            let json = serde_json::to_value(&r.code).unwrap_or_default();
            self.codes.push((r.shown.clone(), json));
        } else {
            self.more_codes += 1;
        }
        for id in r.request_ids {
            if self.request_ids.len() < REQUEST_IDS && !self.request_ids.contains(id) {
                self.request_ids.push(id.clone());
            }
        }
    }
}

/// What a retry class asks of the caller.
fn advice(retry: Option<Retry>, lang: Lang) -> String {
    match retry {
        Some(Retry::Backoff) => {
            crate::t!(lang; "transient: retry with backoff", "暂时性故障：退避后重试")
        }
        Some(Retry::AfterFix) => crate::t!(lang; "fix the cause, then retry", "先修复原因，再重试"),
        Some(Retry::Never) => crate::t!(lang;
            "fix the request: a retry cannot succeed",
            "请求本身有误：重试不会成功"
        ),
        None => crate::t!(lang; "not in the table", "不在错误码表中"),
    }
}

/// `n` of `total` as a whole percentage; `<1%` for a share too small to round to one.
fn percent(n: u64, total: u64) -> String {
    let p = n as f64 * 100.0 / total.max(1) as f64;
    match p {
        p if p > 0.0 && p < 0.5 => "<1%".to_string(),
        p => format!("{p:.0}%"),
    }
}

/// Two lines: the error envelopes' shares by retry class, with what each asks, and by
/// category. Nothing when there were no errors.
pub(crate) fn write_shares(
    out: &mut dyn Write,
    counts: &[SummaryRow<'_>],
    errors: u64,
    settings: &Settings,
) -> io::Result<()> {
    if errors == 0 {
        return Ok(());
    }
    let lang = settings.lang;
    let p = settings.palette;
    let errors_only = |g| shares(counts, g).into_iter().filter(|s| s.errors > 0);
    let comma = crate::t!(lang; ", ", "，");
    // Spans, wrapped to the width, each retry class coloured on whichever line it lands.
    let mut retry = Spans::default();
    retry.text(crate::t!(lang; "errors by retry class: ", "错误按重试分类："));
    for (i, s) in errors_only(Group::Retry).enumerate() {
        if i > 0 {
            retry.text(comma.clone());
        }
        let (share, advice) = (percent(s.errors, errors), advice(s.retry, lang));
        retry.text(format!("{share}{NO_BREAK}"));
        match s.retry {
            Some(r) => retry.push(labels::retry(r, lang), retry_paint(r)),
            None => retry.text(labels::group(&s.name, lang).to_string()),
        };
        retry.text(crate::t!(lang; " ({advice})", "（{advice}）"));
    }
    let category: Vec<String> = errors_only(Group::Category)
        .map(|s| {
            let name = escape(labels::category(&s.name, lang));
            format!("{}{NO_BREAK}{name}", percent(s.errors, errors))
        })
        .collect();
    let category = category.join(&comma);
    let mut by_category = Spans::default();
    by_category.text(crate::t!(lang;
        "errors by category: {category}",
        "错误按类别：{category}"
    ));
    // Fitted to the width after a table on stdout; on stderr or in a Markdown list, one line.
    use crate::settings::Format;
    let width = match settings.format {
        None | Some(Format::Table | Format::Human) => usize::from(settings.width),
        _ => usize::MAX,
    };
    let mut out = out;
    write_wrapped(&mut out, &retry, p, width, "", "    ")?;
    write_wrapped(&mut out, &by_category, p, width, "", "    ")
}

#[derive(Serialize)]
struct JsonGroup<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry: Option<&'a str>,
    count: u64,
    share: f64,
    errors: u64,
    first_seen: Option<String>,
    last_seen: Option<String>,
    /// The codes in the group, the most frequent first (at most [`CODES_SHOWN`]).
    codes: Vec<&'a serde_json::Value>,
    /// How many more codes the group holds.
    more_codes: u64,
    request_ids: &'a [String],
}

/// `explain --summary --group`: envelopes per category or retry class, in the format asked
/// for, then the closing lines.
pub(crate) fn write_groups(
    out: &mut impl Write,
    err: &mut impl Write,
    counts: &[SummaryRow<'_>],
    summary: &Summary,
    problems: &Problems,
    settings: &Settings,
    layout: Layout,
) -> io::Result<()> {
    let group = layout.group.unwrap_or(Group::Category);
    let mut groups = shares(counts, group);
    groups.truncate(layout.top.unwrap_or(usize::MAX));
    let view = Groups {
        groups,
        group,
        envelopes: summary.envelopes,
        summary,
        problems,
        settings,
    };
    super::report::write(&view, out, err, settings)
}

/// The groups as every format needs them.
struct Groups<'s> {
    /// The groups shown, the largest first.
    groups: Vec<Share>,
    group: Group,
    /// Envelopes counted, of every group.
    envelopes: u64,
    summary: &'s Summary,
    problems: &'s Problems,
    settings: &'s Settings,
}

impl Groups<'_> {
    /// A count's share of every envelope.
    fn share(&self, n: u64) -> f64 {
        n as f64 / self.envelopes.max(1) as f64
    }

    /// The header of the first column.
    fn first_header(&self) -> String {
        match self.group {
            Group::Category => crate::t!(self.settings.lang; "Category", "类别"),
            Group::Retry => crate::t!(self.settings.lang; "Retry", "重试"),
        }
    }

    /// How many more codes a group holds than it shows: a list cut short says so.
    fn more(&self, g: &Share) -> String {
        match g.more_codes {
            0 => String::new(),
            n => crate::t!(self.settings.lang; ", … (+{n} more)", "，…（另有 {n} 个）"),
        }
    }

    /// The codes a group shows, and how many more it holds.
    fn codes(&self, g: &Share) -> String {
        let shown = g.codes.iter().map(|(shown, _)| shown.as_str());
        shown.collect::<Vec<_>>().join(", ") + &self.more(g)
    }
}

/// A time as RFC 3339, or `-`.
fn time(t: Option<i64>) -> String {
    t.map_or("-".to_string(), rfc3339)
}

impl Report for Groups<'_> {
    /// The groups as a Markdown table.
    fn markdown(&self, out: &mut impl Write) -> io::Result<()> {
        let lang = self.settings.lang;

        let header = [
            self.first_header(),
            crate::t!(lang; "Count", "次数"),
            crate::t!(lang; "Share", "占比"),
            crate::t!(lang; "Errors", "错误"),
            crate::t!(lang; "First seen", "首次出现"),
            crate::t!(lang; "Last seen", "最后出现"),
            crate::t!(lang; "Codes", "错误码"),
        ];
        let header = header.each_ref().map(String::as_str);
        let rows = self.groups.iter().map(|g| {
            vec![
                labels::group(&g.name, lang).to_string(),
                g.count.to_string(),
                format!("{:.2}%", self.share(g.count) * 100.0),
                g.errors.to_string(),
                time(g.seen.first),
                time(g.seen.last),
                self.codes(g),
            ]
        });
        super::markdown::table(out, &header, &[false, true, true, true], rows)?;
        Ok(())
    }

    /// The groups as GitHub notices, one a group.
    fn github(&self, out: &mut impl Write) -> io::Result<()> {
        for g in &self.groups {
            let share = format!("{:.2}%", self.share(g.count) * 100.0);
            let (count, errors, codes) = (g.count, g.errors, self.codes(g));
            let envelopes = crate::output::counted(count, "envelope", "envelopes");
            let errors_en = crate::output::counted(errors, "error", "errors");
            let message = crate::t!(self.settings.lang;
                "{envelopes} ({share}), {errors_en}: {codes}",
                "{count} 个响应（{share}），{errors} 个错误：{codes}"
            );
            super::github::command(
                out,
                "notice",
                &[("title", format!("errcode {}", g.name))],
                &message,
            )?;
        }
        Ok(())
    }

    /// The groups as a JSON array.
    fn json(&self, out: &mut impl Write) -> io::Result<()> {
        let rows: Vec<JsonGroup<'_>> = self
            .groups
            .iter()
            .map(|g| JsonGroup {
                category: (self.group == Group::Category).then_some(g.name.as_str()),
                retry: (self.group == Group::Retry).then_some(g.name.as_str()),
                count: g.count,
                share: (self.share(g.count) * 1e6).round() / 1e6,
                errors: g.errors,
                first_seen: g.seen.first.map(rfc3339),
                last_seen: g.seen.last.map(rfc3339),
                codes: g.codes.iter().map(|(_, json)| json).collect(),
                more_codes: g.more_codes,
                request_ids: &g.request_ids,
            })
            .collect();
        crate::text::to_json_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        Ok(())
    }

    /// The groups as tab-separated lines.
    fn plain(&self, out: &mut impl Write) -> io::Result<()> {
        let p = self.settings.palette;

        for g in &self.groups {
            let name = match g.retry {
                Some(r) => p.retry(Some(r)),
                None => escape(&g.name).into_owned(),
            };
            writeln!(
                out,
                "{name}\t{}\t{:.2}%\t{}\t{}\t{}\t{}",
                g.count,
                self.share(g.count) * 100.0,
                g.errors,
                time(g.seen.first),
                time(g.seen.last),
                g.codes
                    .iter()
                    .map(|(shown, _)| shown.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
                    + &match g.more_codes {
                        0 => String::new(),
                        n => format!(",…(+{n})"),
                    }
            )?;
        }
        Ok(())
    }

    /// The groups as a table fitted to the width.
    fn table(&self, out: &mut impl Write) -> io::Result<()> {
        let lang = self.settings.lang;
        let p = self.settings.palette;

        let mut grid = Grid::new();
        grid.load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        grid.set_width(self.settings.width);
        let header = [
            self.first_header(),
            crate::t!(lang; "Count", "次数"),
            crate::t!(lang; "Share", "占比"),
            crate::t!(lang; "Errors", "错误"),
            crate::t!(lang; "Seen (UTC)", "出现时间（UTC）"),
            crate::t!(lang; "Codes", "错误码"),
        ];
        grid.set_header(header.map(|h| Cell::new(p.label(&h))));
        for g in &self.groups {
            // What a retry class asks, where it has errors to ask it of.
            let name = match (g.retry, self.group) {
                (Some(r), _) if g.errors > 0 => {
                    format!("{}\n{}", p.retry_in(Some(r), lang), advice(Some(r), lang))
                }
                (Some(r), _) => p.retry_in(Some(r), lang),
                (None, Group::Retry) if g.errors > 0 && g.name == "unknown" => {
                    format!("{}\n{}", labels::group(&g.name, lang), advice(None, lang))
                }
                (None, _) => escape(labels::group(&g.name, lang)).into_owned(),
            };
            let seen = match (g.seen.first, g.seen.last) {
                (Some(f), Some(l)) if f == l => rfc3339(f),
                (Some(f), Some(l)) => format!("{}\n{}", rfc3339(f), rfc3339(l)),
                _ => "-".to_string(),
            };
            let mut codes = g
                .codes
                .iter()
                .map(|(shown, _)| p.code(shown))
                .collect::<Vec<_>>()
                .join(", ");
            codes.push_str(&self.more(g));
            grid.add_row([
                Cell::new(name),
                Cell::new(g.count).set_alignment(CellAlignment::Right),
                Cell::new(format!("{:.2}%", self.share(g.count) * 100.0))
                    .set_alignment(CellAlignment::Right),
                Cell::new(g.errors).set_alignment(CellAlignment::Right),
                Cell::new(seen),
                crate::output::wrap::text_cell(&codes),
            ]);
        }
        for column in grid.column_iter_mut().skip(1).take(4) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
        writeln!(out, "{}", crate::output::wrap::drawn(&mut grid))?;
        Ok(())
    }

    fn closing(&self, out: &mut dyn Write) -> io::Result<()> {
        write_totals(out, self.summary, self.settings.lang)?;
        write_left_out(out, &self.problems.left_out, self.settings.lang)?;
        write_skipped(out, self.problems, self.settings.lang)
    }
}
