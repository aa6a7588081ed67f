//! `explain --diff BEFORE AFTER` for people and for tools: per code, the envelopes before and
//! after and the change.

use std::io::{self, Write};

use comfy_table::{
    presets, Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table as Grid,
};
use serde::Serialize;

use crate::explain::diff::Change;
use crate::explain::problems::LeftOut;
use crate::explain::summary::Summary;
use crate::explain::Verdict;
use crate::lang::Lang;
use crate::output::counted;
use crate::output::report::{
    first_hint, left_out_text, resolve, summary_meaning, write_rows_cut, JsonCode, Report,
    MAX_TABLE_ROWS,
};
use crate::settings::Settings;
use crate::table::Table;

#[derive(Serialize)]
struct JsonChange<'a> {
    code: JsonCode<'a>,
    before: u64,
    after: u64,
    change: i128,
    /// Whether the row counts errors or successes (`null` for the row of later codes).
    verdict: Option<crate::explain::Verdict>,
}

/// The change as shown: `+7`, `-3`, `0`.
fn signed(n: i128) -> String {
    match n {
        n if n > 0 => format!("+{n}"),
        n => n.to_string(),
    }
}

/// The rows, then the totals of each input (in a pipe, on `err`).
pub fn write_diff(
    out: &mut impl Write,
    err: &mut impl Write,
    changes: &[Change<'_>],
    totals: [&Summary; 2],
    left_out: [LeftOut; 2],
    table: &Table,
    settings: &Settings,
) -> io::Result<()> {
    let view = Diff::new(changes, (totals, left_out), table, settings);
    super::report::write(&view, out, err, settings)
}

/// The code of a change, as JSON, as shown, and its meanings.
type Resolved<'a> = (JsonCode<'a>, String, &'a [crate::table::Row]);

/// The changes as every format needs them.
struct Diff<'v, 'a> {
    changes: &'v [Change<'a>],
    /// Each change's code.
    rows: Vec<Resolved<'a>>,
    /// The same, a code with rows of both verdicts saying which each is (plain output has a
    /// column for it).
    marked: Vec<Resolved<'a>>,
    /// What each input held.
    totals: [&'v Summary; 2],
    /// What `--since` and `--until` left out of each.
    left_out: [LeftOut; 2],
    settings: &'v Settings,
}

impl<'v, 'a> Diff<'v, 'a> {
    fn new(
        changes: &'v [Change<'a>],
        (totals, left_out): ([&'v Summary; 2], [LeftOut; 2]),
        table: &'a Table,
        settings: &'v Settings,
    ) -> Self {
        let lang = settings.lang;
        let rows: Vec<Resolved<'a>> = changes
            .iter()
            .map(|c| match c.key {
                Some(key) => resolve(key, table),
                None => (JsonCode::Other("other"), "other".to_string(), &[][..]),
            })
            .collect();
        let marked = changes
            .iter()
            .zip(&rows)
            .map(|(c, (code, shown, meanings))| {
                let both = c.key.is_some_and(|key| {
                    changes.iter().any(|o| {
                        o.verdict != c.verdict && o.key.is_some_and(|k| k.folded() == key.folded())
                    })
                });
                let shown = match (both, c.verdict) {
                    (true, Some(Verdict::Error)) => {
                        crate::t!(lang; "{shown} (error)", "{shown}（错误）")
                    }
                    (true, Some(Verdict::Success)) => {
                        crate::t!(lang; "{shown} (success)", "{shown}（成功）")
                    }
                    _ => shown.clone(),
                };
                (code.clone(), shown, *meanings)
            })
            .collect();
        Diff {
            changes,
            rows,
            marked,
            totals,
            left_out,
            settings,
        }
    }

    /// `new` or `gone`, in the chosen language, or nothing.
    fn mark(&self, c: &Change<'_>) -> Option<String> {
        match (c.is_new(), c.is_gone()) {
            (true, _) => Some(crate::t!(self.settings.lang; "new", "新出现")),
            (_, true) => Some(crate::t!(self.settings.lang; "gone", "已消失")),
            _ => None,
        }
    }

    /// The headings of the Markdown table and of the terminal's.
    fn header(&self) -> [String; 5] {
        let lang = self.settings.lang;
        [
            crate::t!(lang; "Code", "错误码"),
            crate::t!(lang; "Before", "之前"),
            crate::t!(lang; "After", "之后"),
            crate::t!(lang; "Change", "变化"),
            crate::t!(lang; "Meaning", "描述"),
        ]
    }
}

impl Report for Diff<'_, '_> {
    /// The diff as a Markdown table.
    fn markdown(&self, out: &mut impl Write) -> io::Result<()> {
        let lang = self.settings.lang;

        let header = self.header();
        let header = header.each_ref().map(String::as_str);
        let table_rows = self
            .changes
            .iter()
            .zip(&self.marked)
            .map(|(c, (_, shown, meanings))| {
                let change = match self.mark(c) {
                    None => signed(c.change()),
                    Some(m) => format!("{} {m}", signed(c.change())),
                };
                vec![
                    shown.clone(),
                    c.before.to_string(),
                    c.after.to_string(),
                    change,
                    summary_meaning(meanings, lang),
                ]
            });
        super::markdown::table(out, &header, &[false, true, true, true], table_rows)?;
        Ok(())
    }

    /// The diff as GitHub annotations: an error a new error code, a notice a change.
    fn github(&self, out: &mut impl Write) -> io::Result<()> {
        let lang = self.settings.lang;

        // A new error code fails the check: an error; the rest, notices.
        for (c, (_, shown, meanings)) in self.changes.iter().zip(&self.marked) {
            let kind = if c.is_new_error() { "error" } else { "notice" };
            let (after, before, change) = (c.after, c.before, signed(c.change()));
            let envelopes = counted(after, "envelope", "envelopes");
            let what = match (c.is_new(), c.is_gone()) {
                (true, _) => crate::t!(lang;
                    "new: {envelopes}, none before",
                    "新出现：{after} 个响应，之前没有"
                ),
                (_, true) => crate::t!(lang;
                    "gone: none, {before} before",
                    "已消失：现在没有，之前 {before} 个"
                ),
                _ => crate::t!(lang;
                    "{envelopes}, {before} before ({change})",
                    "{after} 个响应，之前 {before} 个（{change}）"
                ),
            };
            let meaning = summary_meaning(meanings, lang);
            let mut message = crate::t!(lang; "{what}: {meaning}", "{what}：{meaning}");
            // A new error fails the check: its hint is what the CI reader acts on.
            if let (true, Some(hint)) = (c.is_new_error(), first_hint(meanings, lang)) {
                message.push_str(&crate::t!(lang; " · hint: {hint}", " · 建议：{hint}"));
            }
            super::github::command(
                out,
                kind,
                &[("title", format!("errcode {shown}"))],
                &message,
            )?;
        }
        Ok(())
    }

    /// The diff as a JSON array.
    fn json(&self, out: &mut impl Write) -> io::Result<()> {
        let list: Vec<JsonChange<'_>> = self
            .changes
            .iter()
            .zip(&self.rows)
            .map(|(c, (code, _, _))| JsonChange {
                code: code.clone(),
                before: c.before,
                after: c.after,
                change: c.change(),
                verdict: c.verdict,
            })
            .collect();
        crate::text::to_json_writer_pretty(&mut *out, &list)?;
        writeln!(out)?;
        Ok(())
    }

    /// The diff as tab-separated lines.
    fn plain(&self, out: &mut impl Write) -> io::Result<()> {
        let lang = self.settings.lang;
        let p = self.settings.palette;

        for (c, (_, shown, meanings)) in self.changes.iter().zip(&self.rows) {
            // The verdict is the last column: the columns before it keep their places.
            let verdict = match c.verdict {
                Some(Verdict::Error) => "error",
                Some(Verdict::Success) => "success",
                None => "-",
            };
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{verdict}",
                p.code(shown),
                c.before,
                c.after,
                signed(c.change()),
                self.mark(c).unwrap_or_else(|| "-".into()),
                summary_meaning(meanings, lang)
            )?;
        }
        Ok(())
    }

    /// The diff as a table fitted to the width.
    fn table(&self, out: &mut impl Write) -> io::Result<()> {
        let lang = self.settings.lang;
        let p = self.settings.palette;

        let cut = self.changes.len().saturating_sub(MAX_TABLE_ROWS);
        let mut grid = Grid::new();
        grid.load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        grid.set_width(self.settings.width);
        grid.set_header(self.header().map(|h| Cell::new(p.label(&h))));
        for (c, (_, shown, meanings)) in self.changes.iter().zip(&self.marked).take(MAX_TABLE_ROWS)
        {
            let change = match self.mark(c) {
                None => signed(c.change()),
                Some(m) => format!("{} {}", signed(c.change()), m),
            };
            let change = match c.change() {
                n if n > 0 => p.bad(&change),
                n if n < 0 => p.good(&change),
                _ => change,
            };
            grid.add_row([
                Cell::new(p.code(shown)),
                Cell::new(c.before).set_alignment(CellAlignment::Right),
                Cell::new(c.after).set_alignment(CellAlignment::Right),
                Cell::new(change).set_alignment(CellAlignment::Right),
                crate::output::wrap::text_cell(&summary_meaning(meanings, lang)),
            ]);
        }
        for column in grid.column_iter_mut().take(4) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
        writeln!(out, "{}", crate::output::wrap::drawn(&mut grid))?;
        write_rows_cut(out, cut, lang)?;
        Ok(())
    }

    fn closing(&self, out: &mut dyn Write) -> io::Result<()> {
        write_totals(out, self.totals, self.settings.lang)?;
        write_left_out(out, self.left_out, self.settings.lang)
    }
}

/// What `--since` and `--until` left out of each input, when they left any out by their
/// times: one line, each input named as the totals name it.
fn write_left_out(out: &mut dyn Write, left_out: [LeftOut; 2], lang: Lang) -> io::Result<()> {
    let [before, after] = left_out.map(|l| left_out_text(&l, lang));
    let sep = crate::t!(lang; "; ", "；");
    let names = [
        crate::t!(lang; "before: ", "之前："),
        crate::t!(lang; "after: ", "之后："),
    ];
    let parts: Vec<String> = [before, after]
        .into_iter()
        .zip(names)
        .filter_map(|(text, name)| text.map(|t| format!("{name}{t}")))
        .collect();
    match parts.is_empty() {
        true => Ok(()),
        false => writeln!(out, "{}", parts.join(&sep)),
    }
}

/// Envelopes and errors before and after.
fn write_totals(out: &mut dyn Write, [before, after]: [&Summary; 2], lang: Lang) -> io::Result<()> {
    let (before_envelopes, before_errors) = (before.envelopes, before.errors);
    let (after_envelopes, after_errors) = (after.envelopes, after.errors);
    let [before_counted, before_errors_counted, after_counted, after_errors_counted] = [
        counted(before_envelopes, "envelope", "envelopes"),
        counted(before_errors, "error", "errors"),
        counted(after_envelopes, "envelope", "envelopes"),
        counted(after_errors, "error", "errors"),
    ];
    let totals = crate::t!(lang;
        "before: {before_counted}, {before_errors_counted}; after: {after_counted}, {after_errors_counted}",
        "之前：共 {before_envelopes} 个响应，{before_errors} 个错误；之后：共 {after_envelopes} 个响应，{after_errors} 个错误"
    );
    writeln!(out, "{totals}")?;
    if crate::explain::diff::other_uncovered(before, after) {
        let max = crate::explain::summary::MAX_CODES;
        let note = crate::t!(lang;
            "note: the codes past the first {max} could not be compared one by one: after, they hold errors that before cannot be shown to cover (a new code may be among them)",
            "注意：前 {max} 种之后的错误码无法逐一比较：之后的这部分含有之前无法证明已出现过的错误（其中可能有新的错误码）"
        );
        writeln!(out, "{note}")?;
    }
    Ok(())
}
