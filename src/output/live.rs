//! `explain --live`'s screen: the summary's rows drawn in place, one more printer of the counts
//! `--summary` keeps, with the rate of the last minute and a sparkline of the last ten minutes
//! from each code's recent slots. The view holds no counts of its own: it draws what it is
//! handed, and its state is only what the keys change.

use std::time::Duration;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};
use ratatui::Frame;

use crate::explain::recent::{Recent, SLOTS};
use crate::explain::summary::Summary;
use crate::input::time::{rfc3339, Millis};
use crate::output::report::{summary_meaning, SummaryRow};
use crate::settings::Settings;
use crate::table::Retry;
use crate::text::{escape, width};

/// Cells of the sparkline; each sums the slots of its share of the ten minutes.
pub const SPARK_CELLS: usize = 20;

/// The widest code column: a longer code is cut, the rest of the row kept.
const MAX_CODE_WIDTH: usize = 32;

/// The narrowest meaning worth a column.
const MIN_MEANING: usize = 20;

/// What the keys change, kept from one frame to the next.
#[derive(Debug, Default)]
pub struct KeyState {
    /// The selected row's identity, followed as the rows are sorted again.
    selected: Option<String>,
    /// The selected row's index.
    at: Option<usize>,
    /// The first row shown: only the rows that fit are laid out, however many there are.
    offset: usize,
    /// Only rows with errors (`e`).
    pub errors_only: bool,
    /// The display is frozen (`p`): the input is still read.
    pub paused: bool,
    /// The detail pane of the selected code is open (Enter).
    pub detail: bool,
}

/// A key's effect on the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// One row up.
    Up,
    /// One row down.
    Down,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
    /// The first row.
    First,
    /// The last row.
    Last,
}

/// One frame's worth of what is drawn.
pub struct LiveFrame<'a> {
    /// The counts, all inputs together.
    pub summary: &'a Summary,
    /// Human output's settings: the language and whether there is colour.
    pub settings: &'a Settings,
    /// Now, for the rates and the ages.
    pub now: Millis,
    /// How long the input has been read (until it ended).
    pub reading: Duration,
    /// Every input has ended (none is followed): nothing more will come.
    pub ended: bool,
    /// Lines passed over so far.
    pub skipped: u64,
    /// Codes not among the rows handed over (the summary on quit has them all).
    pub more: usize,
    /// What went wrong reading an input, to tell under the table (escaped).
    pub trouble: Option<String>,
}

/// The identity of a row across frames: its API, code and meaning.
fn identity(r: &SummaryRow<'_>) -> String {
    let meaning = r.rows.first().map_or("", |row| row.message.as_str());
    format!("{:?}\u{1f}{}\u{1f}{meaning}", r.api, r.shown)
}

/// The rows the view shows, in its order: codes with errors first, each part most frequent
/// first; with `errors_only`, only those.
pub fn rows<'a>(
    summary: &'a Summary,
    table: &'a crate::table::Table,
    errors_only: bool,
) -> Vec<SummaryRow<'a>> {
    let mut rows = crate::output::report::rows(summary, table);
    if errors_only {
        rows.retain(|r| r.errors > 0);
    }
    // Stable: the count order of report::rows is kept within each part.
    rows.sort_by_key(|r| r.errors == 0);
    rows
}

impl KeyState {
    /// Finds the selected row again among `rows` (sorted anew), or keeps its place.
    fn settle(&mut self, rows: &[SummaryRow<'_>]) {
        if rows.is_empty() {
            self.at = None;
            return;
        }
        let at = self
            .selected
            .as_ref()
            .and_then(|id| rows.iter().position(|r| &identity(r) == id))
            .unwrap_or_else(|| self.at.unwrap_or(0).min(rows.len() - 1));
        self.at = Some(at);
        self.selected = Some(identity(&rows[at]));
    }

    /// Moves the selection among `rows`, `page` rows a page.
    pub fn go(&mut self, to: Move, rows: &[SummaryRow<'_>], page: usize) {
        self.settle(rows);
        let Some(at) = self.at else {
            return;
        };
        let last = rows.len() - 1;
        let page = page.max(1);
        let at = match to {
            Move::Up => at.saturating_sub(1),
            Move::Down => (at + 1).min(last),
            Move::PageUp => at.saturating_sub(page),
            Move::PageDown => (at + page).min(last),
            Move::First => 0,
            Move::Last => last,
        };
        self.at = Some(at);
        self.selected = Some(identity(&rows[at]));
    }

    /// The rows of `len` that `visible` lines show, the selection among them.
    fn scroll(&mut self, len: usize, visible: usize) -> std::ops::Range<usize> {
        // A terminal too short for any row still keeps the selected one in the range.
        let visible = visible.max(1);
        let at = self.at.unwrap_or(0);
        if at < self.offset {
            self.offset = at;
        } else if at >= self.offset + visible {
            self.offset = at + 1 - visible;
        }
        self.offset = self.offset.min(len.saturating_sub(visible));
        self.offset..len.min(self.offset + visible)
    }
}

/// Which columns a width holds: the code and the count always; then, as room allows, the
/// share, the meaning, when the code was first and last seen, the rate and the sparkline
/// (dropped in the reverse order when the terminal narrows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveColumns {
    /// The share of all envelopes.
    pub share: bool,
    /// The short meaning.
    pub meaning: bool,
    /// First and last seen.
    pub times: bool,
    /// Envelopes in the last minute.
    pub rate: bool,
    /// The sparkline of the last ten minutes.
    pub spark: bool,
}

/// The widths of the columns that are not the meaning.
#[derive(Debug, Clone, Copy)]
struct Widths {
    code: usize,
    count: usize,
    share: usize,
    rate: usize,
    first: usize,
    last: usize,
}

impl LiveColumns {
    /// The columns `width` holds, for columns of `w`'s widths and one space between each.
    fn fitting(width: usize, w: &Widths) -> LiveColumns {
        let mut c = LiveColumns {
            share: true,
            meaning: true,
            times: true,
            rate: true,
            spark: true,
        };
        loop {
            let need = c.needed(w);
            if need <= width {
                return c;
            }
            // The order columns drop in.
            if c.spark {
                c.spark = false;
            } else if c.rate {
                c.rate = false;
            } else if c.times {
                c.times = false;
            } else if c.meaning {
                c.meaning = false;
            } else if c.share {
                c.share = false;
            } else {
                return c;
            }
        }
    }

    fn needed(&self, w: &Widths) -> usize {
        let mut parts = vec![w.code, w.count];
        if self.share {
            parts.push(w.share);
        }
        if self.meaning {
            parts.push(MIN_MEANING);
        }
        if self.times {
            parts.push(w.first);
            parts.push(w.last);
        }
        if self.rate {
            parts.push(w.rate);
        }
        if self.spark {
            parts.push(SPARK_CELLS);
        }
        parts.iter().sum::<usize>() + parts.len() - 1
    }
}

/// `counts` as a line of block characters, each scaled to the largest; none is a space, any
/// is at least the lowest block.
pub fn sparkline(counts: &[u64]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = counts.iter().copied().max().unwrap_or(0);
    counts
        .iter()
        .map(|&c| match c {
            0 => ' ',
            c => BLOCKS[((c * 8).div_ceil(max.max(1)) as usize).clamp(1, 8) - 1],
        })
        .collect()
}

/// The recent slots of `recent` before `now` in [`SPARK_CELLS`] cells, oldest first.
fn spark_cells(recent: &Recent, now: Millis) -> Vec<u64> {
    let window = recent.window(now);
    window
        .chunks(SLOTS / SPARK_CELLS)
        .map(|c| c.iter().map(|&n| u64::from(n)).sum())
        .collect()
}

/// `08:00:02` on the day of `now`, else `11-27 08:00` (UTC, as the summary writes times).
fn clock_time(t: Millis, now: Millis) -> String {
    let (time, today) = (rfc3339(t), rfc3339(now));
    if time.len() < 19 || today.len() < 19 {
        return time;
    }
    match time[..10] == today[..10] {
        true => time[11..19].to_string(),
        false => format!("{} {}", &time[5..10], &time[11..16]),
    }
}

/// How long ago `t` was: `4s ago`, `12m ago`, `3h ago`, `2d ago` (a time ahead of now is
/// `0s ago`).
fn age(t: Millis, now: Millis) -> String {
    let s = (now - t).max(0) / 1000;
    match s {
        0..60 => crate::t!("{s}s ago", "{s}秒前"),
        60..3600 => {
            let m = s / 60;
            crate::t!("{m}m ago", "{m}分钟前")
        }
        3600..86_400 => {
            let h = s / 3600;
            crate::t!("{h}h ago", "{h}小时前")
        }
        _ => {
            let d = s / 86_400;
            crate::t!("{d}d ago", "{d}天前")
        }
    }
}

/// A duration as `45s`, `5m12s`, `2h05m`.
fn duration(d: Duration) -> String {
    let s = d.as_secs();
    let (h, m, s) = (s / 3600, (s % 3600) / 60, s % 60);
    match (h, m) {
        (0, 0) => crate::t!("{s}s", "{s}秒"),
        (0, _) => crate::t!("{m}m{s:02}s", "{m}分{s:02}秒"),
        _ => crate::t!("{h}h{m:02}m", "{h}小时{m:02}分"),
    }
}

/// The share `part` is of `whole`, as `12.5%`.
fn percent(part: u64, whole: u64) -> String {
    match whole {
        0 => "-".to_string(),
        _ => format!("{:.1}%", part as f64 * 100.0 / whole as f64),
    }
}

/// When a row was seen in this view: its recent times (when logged, else when read).
fn seen_span(r: &SummaryRow<'_>) -> Option<(Millis, Millis)> {
    r.recent.and_then(|recent| recent.span())
}

/// Draws `view` onto `frame`, the rows `rows` (as [`rows`] ordered them) with `state`'s
/// selection.
pub fn draw(
    frame: &mut Frame<'_>,
    view: &LiveFrame<'_>,
    rows: &[SummaryRow<'_>],
    state: &mut KeyState,
) {
    state.settle(rows);
    let area = frame.area();
    let colour = view.settings.palette.enabled();
    let detail_height = match (state.detail, state.at) {
        (true, Some(at)) => {
            // Each line as many rows as it wraps to, and the title's.
            let columns = usize::from(area.width.max(1));
            let rows: usize = detail_lines(&rows[at], view, colour)
                .iter()
                .map(|l| l.width().div_ceil(columns).max(1))
                .sum();
            let most = u32::from(area.height.saturating_sub(2)) * 2 / 3;
            u16::try_from((rows as u64 + 1).min(u64::from(most))).unwrap_or(u16::MAX)
        }
        _ => 0,
    };
    let [head, body, detail, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(detail_height),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(header(view, state, colour)), head);
    draw_table(frame, body, view, rows, state, colour);
    if detail_height > 0 {
        if let Some(at) = state.at {
            let lines = detail_lines(&rows[at], view, colour);
            let title = format!(" {} ", rows[at].shown);
            let pane = Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(Block::default().borders(Borders::TOP).title(title));
            frame.render_widget(pane, detail);
        }
    }
    frame.render_widget(Paragraph::new(footer(view, colour)), foot);
}

/// The header: totals, the rate, how long the input has been read, and what is on.
fn header(view: &LiveFrame<'_>, state: &KeyState, colour: bool) -> Line<'static> {
    let s = view.summary;
    let (total, errors) = (s.envelopes, s.errors);
    let share = percent(errors, total);
    let rate = s.recent.last_minute(view.now);
    let reading = duration(view.reading);
    let mut spans = vec![Span::styled(
        "errcode ",
        Style::default().add_modifier(Modifier::BOLD),
    )];
    // What is on comes first, where a narrow terminal cannot cut it off.
    let mut flag = |text: String| {
        spans.push(Span::styled(
            format!("[{text}] "),
            match colour {
                true => Style::default()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
                false => Style::default().add_modifier(Modifier::BOLD),
            },
        ));
    };
    let envelopes = super::counted(total, "envelope", "envelopes");
    let errors_counted = super::counted(errors, "error", "errors");
    if view.ended {
        flag(crate::t!("input ended", "输入已结束"));
    }
    if state.paused {
        flag(crate::t!("paused", "已暂停"));
    }
    if state.errors_only {
        flag(crate::t!("errors only", "仅错误"));
    }
    spans.extend([
        Span::raw(crate::t!("{envelopes} · ", "共 {total} 个响应 · ")),
        Span::styled(
            crate::t!("{errors_counted} ({share})", "{errors} 个错误（{share}）"),
            match colour && errors > 0 {
                true => Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
                false => Style::default(),
            },
        ),
        Span::raw(crate::t!(
            " · {rate}/min · reading {reading}",
            " · 每分钟 {rate} · 已读 {reading}"
        )),
    ]);
    Line::from(spans)
}

/// The footer: the keys, and what was skipped or went wrong.
fn footer(view: &LiveFrame<'_>, colour: bool) -> Line<'static> {
    // What went wrong comes first, where a narrow terminal cannot cut it off; the keys last.
    let mut spans = Vec::new();
    if let Some(trouble) = &view.trouble {
        spans.push(Span::styled(
            format!("{trouble} · "),
            match colour {
                true => Style::default().fg(Color::Red),
                false => Style::default().add_modifier(Modifier::BOLD),
            },
        ));
    }
    if view.skipped > 0 {
        let n = view.skipped;
        spans.push(Span::raw(crate::t!(
            "{n} lines skipped · ",
            "跳过 {n} 行 · "
        )));
    }
    if view.more > 0 {
        let n = view.more;
        spans.push(Span::raw(crate::t!(
            "{n} more codes not shown · ",
            "另有 {n} 个错误码未显示 · "
        )));
    }
    let keys = crate::t!(
        "q quit · ↑↓/jk move · Enter details · e errors only · p pause",
        "q 退出 · ↑↓/jk 移动 · Enter 详情 · e 仅错误 · p 暂停"
    );
    spans.push(Span::styled(
        keys,
        match colour {
            true => Style::default().fg(Color::DarkGray),
            false => Style::default(),
        },
    ));
    Line::from(spans)
}

/// The table of the rows that fit `area`, with the columns its width holds; a line saying
/// what is awaited when there is no row.
fn draw_table(
    frame: &mut Frame<'_>,
    area: Rect,
    view: &LiveFrame<'_>,
    rows: &[SummaryRow<'_>],
    state: &mut KeyState,
    colour: bool,
) {
    if rows.is_empty() {
        let text = match (view.summary.envelopes, state.errors_only) {
            (0, _) => crate::t!("waiting for envelopes…", "等待响应……"),
            _ => crate::t!(
                "no error envelopes yet (e shows all)",
                "尚无错误响应（e 显示全部）"
            ),
        };
        frame.render_widget(Paragraph::new(text), area);
        return;
    }
    // Only the rows that fit are laid out: there may be thousands.
    let shown = state.scroll(rows.len(), usize::from(area.height.saturating_sub(1)));
    let offset = shown.start;
    let rows = &rows[shown];
    let heads = headings();
    let spans: Vec<Option<(Millis, Millis)>> = rows.iter().map(seen_span).collect();
    let w = Widths::measure(&heads, rows, &spans, view.now);
    let c = LiveColumns::fitting(area.width as usize, &w);
    let (header, widths) = c.header(heads, &w);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let lines: Vec<Row<'_>> = rows
        .iter()
        .zip(&spans)
        .map(|(r, span)| c.row(r, *span, view, colour))
        .collect();
    let table = Table::new(lines, widths)
        .header(Row::new(header).style(bold))
        .column_spacing(1)
        .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED));
    let mut selection =
        TableState::default().with_selected(state.at.and_then(|at| at.checked_sub(offset)));
    frame.render_stateful_widget(table, area, &mut selection);
}

/// The columns' headings, in the order of the columns.
fn headings() -> [String; 8] {
    [
        crate::t!("Code", "错误码"),
        crate::t!("Count", "次数"),
        crate::t!("Share", "占比"),
        crate::t!("Meaning", "描述"),
        crate::t!("First", "首次"),
        crate::t!("Last", "最近"),
        crate::t!("/min", "每分钟"),
        crate::t!("Last 10 min", "近 10 分钟"),
    ]
}

impl Widths {
    /// The widths `rows` need under `heads`, `spans` being when each row was seen.
    fn measure(
        heads: &[String; 8],
        rows: &[SummaryRow<'_>],
        spans: &[Option<(Millis, Millis)>],
        now: Millis,
    ) -> Widths {
        let widest = |head: &str, cells: &mut dyn Iterator<Item = usize>| {
            cells.fold(width(head), usize::max)
        };
        Widths {
            code: widest(&heads[0], &mut rows.iter().map(|r| width(&r.shown))).min(MAX_CODE_WIDTH),
            count: widest(
                &heads[1],
                &mut rows.iter().map(|r| r.count.to_string().len()),
            ),
            share: widest(&heads[2], &mut std::iter::once(6)),
            first: widest(
                &heads[4],
                &mut spans
                    .iter()
                    .flatten()
                    .map(|&(f, _)| clock_time(f, now).len()),
            ),
            last: widest(
                &heads[5],
                &mut spans.iter().flatten().map(|&(_, l)| width(&age(l, now))),
            ),
            rate: widest(&heads[6], &mut std::iter::once(5)),
        }
    }
}

impl LiveColumns {
    /// The header cells of the columns shown, and the columns' widths.
    fn header(&self, heads: [String; 8], w: &Widths) -> (Vec<Cell<'static>>, Vec<Constraint>) {
        let [code, count, share, meaning, first, last, rate, spark] = heads;
        let length = |width: usize| Constraint::Length(width as u16);
        [
            (true, code, length(w.code)),
            (true, count, length(w.count)),
            (self.share, share, length(w.share)),
            (self.meaning, meaning, Constraint::Min(MIN_MEANING as u16)),
            (self.times, first, length(w.first)),
            (self.times, last, length(w.last)),
            (self.rate, rate, length(w.rate)),
            (self.spark, spark, length(SPARK_CELLS)),
        ]
        .into_iter()
        .filter(|(shown, ..)| *shown)
        .map(|(_, head, width)| (Cell::from(head), width))
        .unzip()
    }

    /// One code's row, in the columns shown; `span` is when it was seen.
    fn row(
        &self,
        r: &SummaryRow<'_>,
        span: Option<(Millis, Millis)>,
        view: &LiveFrame<'_>,
        colour: bool,
    ) -> Row<'static> {
        let now = view.now;
        let code_style = match (colour, r.errors > 0) {
            (true, true) => Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            (true, false) => Style::default().fg(Color::Green),
            (false, _) => Style::default(),
        };
        let mut cells = vec![
            Cell::from(Span::styled(r.shown.clone(), code_style)),
            Cell::from(Line::from(r.count.to_string()).right_aligned()),
        ];
        if self.share {
            let share = percent(r.count, view.summary.envelopes);
            cells.push(Cell::from(Line::from(share).right_aligned()));
        }
        if self.meaning {
            let meaning = match r.distinct {
                Some(n) => crate::t!("about {n} more codes", "约 {n} 个其他错误码"),
                None => summary_meaning(r.rows, view.settings.lang),
            };
            cells.push(Cell::from(meaning));
        }
        if self.times {
            let (first, last) = match span {
                Some((f, l)) => (clock_time(f, now), age(l, now)),
                None => ("-".to_string(), "-".to_string()),
            };
            cells.push(Cell::from(first));
            cells.push(Cell::from(last));
        }
        if self.rate {
            let rate = r.recent.map_or(0, |x| x.last_minute(now));
            cells.push(Cell::from(Line::from(rate.to_string()).right_aligned()));
        }
        if self.spark {
            cells.push(spark_cell(r.recent, now, colour));
        }
        Row::new(cells)
    }
}

/// The sparkline of a code's last ten minutes, as a cell.
fn spark_cell(recent: Option<&Recent>, now: Millis, colour: bool) -> Cell<'static> {
    let line = recent
        .map(|x| sparkline(&spark_cells(x, now)))
        .unwrap_or_default();
    Cell::from(Span::styled(
        line,
        match colour {
            true => Style::default().fg(Color::Cyan),
            false => Style::default(),
        },
    ))
}

/// The selected code's full knowledge: its meaning in both languages, hint, retry class and
/// twins, for each of its meanings; then its counts and sample RequestIds.
fn detail_lines(r: &SummaryRow<'_>, view: &LiveFrame<'_>, colour: bool) -> Vec<Line<'static>> {
    let label_style = match colour {
        true => Style::default()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD),
        false => Style::default().add_modifier(Modifier::BOLD),
    };
    let mut lines = Vec::new();
    if r.rows.is_empty() {
        lines.push(Line::from(summary_meaning(r.rows, view.settings.lang)));
    }
    for row in r.rows {
        lines.extend(meaning_lines(row, view, label_style));
    }
    lines.extend(count_lines(r, view, label_style));
    lines
}

/// A line of the detail pane: `label` in `label_style`, padded, then `text`.
fn field_line(label: String, text: String, label_style: Style) -> Line<'static> {
    let pad = " ".repeat(12usize.saturating_sub(width(&label)).max(1));
    Line::from(vec![
        Span::styled(format!("{label}{pad}"), label_style),
        Span::raw(text),
    ])
}

/// One meaning of the selected code: its HTTP status, category and retry class, its texts,
/// hint and twins.
fn meaning_lines(
    row: &crate::table::Row,
    view: &LiveFrame<'_>,
    label_style: Style,
) -> Vec<Line<'static>> {
    let field = |label: String, text: String| field_line(label, text, label_style);
    // An SDK's client-side code came with no answer, so with no status.
    let http = row.http_status.map_or("-".to_string(), |s| s.to_string());
    let category = row.category.as_deref().map_or("-".into(), escape);
    let retry = row.retry.map_or("-", Retry::as_str);
    let mut lines = vec![field(
        "HTTP".into(),
        crate::t!(
            "{http} · category {category} · retry {retry}",
            "{http} · 类别 {category} · 重试 {retry}"
        ),
    )];
    lines.push(field("中文".into(), escape(&row.message).into_owned()));
    if let Some(en) = &row.message_en {
        lines.push(field("English".into(), escape(en).into_owned()));
    }
    if let Some(hint) = crate::output::hint(row, view.settings.lang) {
        lines.push(field(crate::t!("Hint", "建议"), escape(hint).into_owned()));
    }
    let twins = crate::table::crosswalk::twins_of(row);
    if !twins.is_empty() {
        lines.push(field(crate::t!("Twins", "对应码"), twins.join(", ")));
    }
    lines
}

/// The selected code's counts, when it was seen, and its sample RequestIds.
fn count_lines(r: &SummaryRow<'_>, view: &LiveFrame<'_>, label_style: Style) -> [Line<'static>; 2] {
    let (count, errors) = (r.count, r.errors);
    let mut counted = crate::t!("{count} ({errors} errors)", "{count}（{errors} 个错误）");
    if let Some((first, last)) = seen_span(r) {
        let (first, last) = (clock_time(first, view.now), age(last, view.now));
        counted.push_str(&crate::t!(
            " · first {first} · last {last}",
            " · 首次 {first} · 最近 {last}"
        ));
    }
    let ids = match r.request_ids.is_empty() {
        true => "-".to_string(),
        false => r
            .request_ids
            .iter()
            .map(|id| escape(id).into_owned())
            .collect::<Vec<_>>()
            .join(", "),
    };
    [
        field_line(crate::t!("Count", "次数"), counted, label_style),
        field_line("RequestIds".into(), ids, label_style),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::summary::{Code, Key, Seen};
    use crate::input::{Api, Value};
    use crate::table::Table;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    const NOW: Millis = 1_795_766_400_000; // 2026-11-27T08:00:00Z

    /// A summary of several codes seen over the last minutes, an error code with a control
    /// character among them.
    fn summary(table: &Table) -> Summary {
        let mut s = Summary::new(table.rows().len());
        let mut add = |key: Key, error: bool, ago: i64, id: &'static str| {
            s.add(
                key,
                error,
                &Seen {
                    time: Some(NOW - ago),
                    request_id: Some(Value(id.as_bytes())),
                    recent: Some(NOW - ago),
                },
            );
        };
        let legacy = |n| Key {
            api: Api::Legacy,
            code: Some(Code::Number(n)),
            meaning: None,
            uncoded: crate::explain::summary::Uncoded::No,
        };
        for i in 0..120 {
            add(legacy(41601), true, i * 4_000, "\"req-41601\"");
        }
        for i in 0..40 {
            add(legacy(200), false, i * 1_000, "\"ok\"");
        }
        for i in 0..7 {
            add(
                legacy(51603),
                true,
                300_000 + i * 1_000,
                "\"req\\u001b[2J\"",
            );
        }
        add(
            Key {
                api: Api::V3,
                code: Some(Code::text("Evil\u{1b}[2J.Code")),
                meaning: None,
                uncoded: crate::explain::summary::Uncoded::No,
            },
            true,
            2_000,
            "\"v3\"",
        );
        s
    }

    fn settings() -> Settings {
        Settings::piped(None)
    }

    /// The screen of `width`×`height`, as lines of text.
    fn screen(width: u16, height: u16, state: &mut KeyState) -> Vec<String> {
        let table = Table::builtin();
        let summary = summary(&table);
        let settings = settings();
        let view = LiveFrame {
            summary: &summary,
            settings: &settings,
            now: NOW,
            reading: Duration::from_secs(312),
            ended: false,
            skipped: 3,
            more: 0,
            trouble: None,
        };
        let rows = rows(&summary, &table, state.errors_only);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| draw(f, &view, &rows, state)).unwrap();
        let buffer = terminal.backend().buffer();
        (0..height)
            .map(|y| {
                let mut line = String::new();
                let mut x = 0;
                while x < width {
                    let cell = &buffer[(x, y)];
                    line.push_str(cell.symbol());
                    x += (width_of(cell.symbol()) as u16).max(1);
                }
                line.trim_end().to_string()
            })
            .collect()
    }

    fn width_of(s: &str) -> usize {
        crate::text::width(s)
    }

    #[test]
    fn at_80_by_24_the_sparkline_drops_and_the_rest_stays() {
        let lines = screen(80, 24, &mut KeyState::default());
        let text = lines.join("\n");
        assert!(
            lines[0].starts_with("errcode 168 envelopes · 128 errors (76.2%)"),
            "{text}"
        );
        assert!(lines[0].contains("reading 5m12s"), "{text}");
        assert!(lines[1].starts_with("Code"), "{text}");
        for head in ["Count", "Share", "Meaning", "First", "Last"] {
            assert!(lines[1].contains(head), "{head}: {text}");
        }
        // The widest code here (18 columns) leaves room for the rate, not the sparkline.
        assert!(
            lines[1].ends_with("/min") && !lines[1].contains("Last 10 min"),
            "{text}"
        );
        // Errors first, most frequent first; the success last.
        assert!(
            lines[2].starts_with("41601") && lines[2].contains(" 120 "),
            "{text}"
        );
        assert!(
            lines[2].contains("71.4%") && lines[2].contains("07:52:04"),
            "{text}"
        );
        assert!(lines[3].starts_with("51603"), "{text}");
        assert!(lines[4].starts_with("Evil\\u001b[2J.Code"), "{text}");
        assert!(lines[5].starts_with("200 "), "{text}");
        assert!(lines[23].starts_with("3 lines skipped · q quit"), "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(lines.iter().all(|l| width_of(l) <= 80));
    }

    #[test]
    fn at_200_by_50_every_column_shows() {
        let lines = screen(200, 50, &mut KeyState::default());
        let text = lines.join("\n");
        for head in ["Meaning", "First", "Last", "/min", "Last 10 min"] {
            assert!(lines[1].contains(head), "{head}: {text}");
        }
        // 41601: 16 in the last minute, its ends included (one each 4 s), a sparkline over
        // eight minutes: 17 cells of 30 s hold some.
        let row = &lines[2];
        assert!(row.contains(" 16 "), "{text}");
        let spark: String = row.chars().filter(|c| ('▁'..='█').contains(c)).collect();
        assert_eq!(spark.chars().count(), 17, "{text}");
        assert!(
            row.contains("Token expired: please generate a new token"),
            "{row}"
        );
        assert!(lines[49].starts_with("3 lines skipped · q quit"));
    }

    #[test]
    fn the_code_and_the_count_never_drop() {
        for width in [20u16, 30, 40, 60] {
            let lines = screen(width, 10, &mut KeyState::default());
            assert!(lines[2].starts_with("41601"), "{width}: {lines:?}");
            assert!(lines[2].contains("120"), "{width}: {lines:?}");
            assert!(lines.iter().all(|l| width_of(l) <= width as usize));
        }
        let w = Widths {
            code: 5,
            count: 5,
            share: 6,
            rate: 5,
            first: 8,
            last: 8,
        };
        let all = LiveColumns::fitting(200, &w);
        assert!(all.spark && all.rate && all.times && all.meaning && all.share);
        let mut previous = all;
        // As the width narrows, columns drop in the order and never come back.
        let order = |c: &LiveColumns| {
            [c.spark, c.rate, c.times, c.meaning, c.share]
                .iter()
                .filter(|&&on| !on)
                .count()
        };
        for width in (0..200).rev() {
            let c = LiveColumns::fitting(width, &w);
            assert!(order(&c) >= order(&previous), "{width}");
            let dropped = [c.spark, c.rate, c.times, c.meaning, c.share];
            let first_kept = dropped.iter().position(|&on| on).unwrap_or(5);
            assert!(dropped[first_kept..].iter().all(|&on| on), "{width}: {c:?}");
            previous = c;
        }
    }

    #[test]
    fn tiny_terminals_draw_without_a_panic() {
        for (width, height) in [(1, 1), (2, 1), (5, 3), (10, 2), (12, 4), (300, 2)] {
            let mut state = KeyState {
                detail: true,
                ..KeyState::default()
            };
            let lines = screen(width, height, &mut state);
            assert_eq!(lines.len(), usize::from(height));
            assert!(lines.iter().all(|l| width_of(l) <= usize::from(width)));
        }
    }

    #[test]
    fn the_selection_follows_its_code_and_the_detail_shows_its_knowledge() {
        let mut state = KeyState::default();
        let table = Table::builtin();
        let summary = summary(&table);
        let rows = rows(&summary, &table, false);
        state.go(Move::Down, &rows, 10);
        state.detail = true;
        let lines = screen(100, 30, &mut state);
        let text = lines.join("\n");
        assert!(lines[3].starts_with("51603"), "{text}");
        // The pane: both languages, the retry class, the counts and the sample, escaped.
        assert!(text.contains("中文"), "{text}");
        assert!(text.contains("English"), "{text}");
        assert!(text.contains("retry"), "{text}");
        assert!(text.contains("7 (7 errors)"), "{text}");
        assert!(text.contains("req\\u001b[2J"), "{text}");
        assert!(!text.contains('\u{1b}'));
        // Errors only: the success goes, the selection stays on its code.
        state.errors_only = true;
        let lines = screen(100, 30, &mut state);
        assert!(!lines.iter().any(|l| l.starts_with("200 ")));
        assert!(lines[0].starts_with("errcode [errors only] 168 envelopes"));
        state.go(Move::Last, &rows, 10);
        state.go(Move::First, &rows, 10);
        state.go(Move::Up, &rows, 10);
        assert_eq!(state.at, Some(0));
    }

    #[test]
    fn thousands_of_rows_scroll_with_the_selection() {
        let table = Table::builtin();
        let mut summary = Summary::new(table.rows().len());
        for n in 0..5_000i128 {
            let key = Key {
                api: Api::Legacy,
                code: Some(Code::Number(100_000 + n)),
                meaning: None,
                uncoded: crate::explain::summary::Uncoded::No,
            };
            for _ in 0..(1 + n % 3) {
                summary.add(key.clone(), true, &Seen::default());
            }
        }
        let settings = settings();
        let view = LiveFrame {
            summary: &summary,
            settings: &settings,
            now: NOW,
            reading: Duration::from_secs(1),
            ended: false,
            skipped: 0,
            more: 0,
            trouble: None,
        };
        let rows = rows(&summary, &table, false);
        let mut state = KeyState::default();
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut text = |state: &mut KeyState| {
            terminal.draw(|f| draw(f, &view, &rows, state)).unwrap();
            format!("{:?}", terminal.backend().buffer())
        };
        // Most frequent first: 100002 (three each) leads.
        assert!(text(&mut state).contains("100002"));
        state.go(Move::Last, &rows, 20);
        let screen = text(&mut state);
        let last = &rows[rows.len() - 1].shown;
        assert!(screen.contains(last.as_str()), "{last}: {screen}");
        assert!(!screen.contains("100002"));
        assert_eq!(state.at, Some(4_999));
        state.go(Move::PageUp, &rows, 20);
        assert_eq!(state.at, Some(4_979));
        assert!(text(&mut state).contains(rows[4_979].shown.as_str()));
    }

    #[test]
    fn an_empty_view_waits() {
        let table = Table::builtin();
        let summary = Summary::new(table.rows().len());
        let settings = settings();
        let view = LiveFrame {
            summary: &summary,
            settings: &settings,
            now: NOW,
            reading: Duration::from_secs(3),
            ended: true,
            skipped: 0,
            more: 7,
            trouble: Some("cannot read x".into()),
        };
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut state = KeyState::default();
        terminal.draw(|f| draw(f, &view, &[], &mut state)).unwrap();
        let buffer = format!("{:?}", terminal.backend().buffer());
        assert!(buffer.contains("waiting for envelopes"));
        assert!(buffer.contains("[input ended]"));
        assert!(buffer.contains("cannot read x"));
        assert!(buffer.contains("7 more codes not shown"));
    }

    #[test]
    fn sparklines_scale_to_their_largest_and_show_any_count() {
        assert_eq!(sparkline(&[0, 1, 7, 100]), " ▁▁█");
        assert_eq!(sparkline(&[0, 0]), "  ");
        assert_eq!(sparkline(&[3, 3]), "██");
        assert_eq!(age(NOW - 59_000, NOW), "59s ago");
        assert_eq!(age(NOW + 5_000, NOW), "0s ago");
        assert_eq!(age(NOW - 3 * 86_400_000, NOW), "3d ago");
        assert_eq!(clock_time(NOW - 1, NOW), "07:59:59");
        assert_eq!(clock_time(NOW - 9 * 3_600_000, NOW), "11-26 23:00");
        assert_eq!(duration(Duration::from_secs(7_500)), "2h05m");
    }
}
