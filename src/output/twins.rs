//! `list --twins`: the legacy codes beside their API 3.0 twins, with the API 3.0 list each is
//! from (a code in both has a twin in each), as a table (one field a line where the table
//! cannot hold the codes whole) or tab-separated.

use std::io::{self, Write};

use crate::output::wrap::{drawn, text_cell};
use comfy_table::{presets, Cell, ColumnConstraint, ContentArrangement, Table as Grid, Width};
use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::output::records::{write_records, Paint, RecordField};
use crate::settings::Settings;
use crate::table::crosswalk::Pair;
use crate::text::escape;

/// One pair a line: legacy code, API 3.0 code, their texts, the evidence, and the API 3.0
/// list (`product` or `common`), last since it came last.
pub fn write_plain(out: &mut impl Write, pairs: &[Pair]) -> io::Result<()> {
    for pair in pairs {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}",
            pair.legacy,
            pair.v3,
            escape(&pair.legacy_message),
            escape(&pair.v3_message),
            escape(&pair.evidence),
            escape(&pair.v3_source)
        )?;
    }
    Ok(())
}

/// The API 3.0 list a twin is from, in `lang`.
fn list_name(source: &str, lang: Lang) -> String {
    match source {
        "product" => crate::t!(lang; "product", "产品"),
        "common" => crate::t!(lang; "common", "公共"),
        other => escape(other).into_owned(),
    }
}

/// The pairs as a table fitted to the width, or one field a line where it is too narrow to
/// hold the codes whole beside texts of ten columns.
pub fn write_table(out: &mut impl Write, pairs: &[Pair], settings: &Settings) -> io::Result<()> {
    let lang = settings.lang;
    let header = [
        crate::t!(lang; "Legacy", "旧版"),
        "API 3.0".to_string(),
        crate::t!(lang; "List", "列表"),
        crate::t!(lang; "Legacy text", "旧版说明"),
        crate::t!(lang; "API 3.0 text", "API 3.0 说明"),
        crate::t!(lang; "Evidence", "依据"),
    ];
    let v3 = pairs.iter().map(|pair| pair.v3.width()).max().unwrap_or(0);
    let list = pairs
        .iter()
        .map(|pair| list_name(&pair.v3_source, settings.lang).width())
        .chain([header[2].width()])
        .max()
        .unwrap_or(0);
    let needed = 3 * 6 + 1 + header[0].width().max(5) + v3.max(header[1].width()) + list + 3 * 10;
    if usize::from(settings.width) < needed {
        let records: Vec<Vec<RecordField>> = pairs
            .iter()
            .map(|pair| {
                header
                    .iter()
                    .zip(fields(pair, lang))
                    .map(|(label, value)| RecordField {
                        label,
                        parts: vec![value],
                    })
                    .collect()
            })
            .collect();
        return write_records(out, &records, settings.width, settings.palette);
    }
    writeln!(out, "{}", grid(pairs, header, settings, [5, v3, list]))
}

/// A pair's fields, in the order of the columns, escaped, each with how it is painted.
fn fields(pair: &Pair, lang: Lang) -> [(String, Paint<'static>); 6] {
    [
        (pair.legacy.to_string(), Paint::Code),
        (pair.v3.clone(), Paint::Code),
        (list_name(&pair.v3_source, lang), Paint::Plain),
        (escape(&pair.legacy_message).into_owned(), Paint::Plain),
        (escape(&pair.v3_message).into_owned(), Paint::Plain),
        (escape(pair.evidence_in(lang)).into_owned(), Paint::Plain),
    ]
}

/// The pairs as a drawn table under `header`, its first three columns (the codes and the list)
/// at least `widths` wide.
fn grid(pairs: &[Pair], header: [String; 6], settings: &Settings, widths: [usize; 3]) -> String {
    let p = settings.palette;
    let mut grid = Grid::new();
    grid.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(settings.width)
        .set_header(header.map(|h| p.label(&h)));
    for pair in pairs {
        let [legacy, v3, list, legacy_text, v3_text, evidence] =
            fields(pair, settings.lang).map(|(text, _)| text);
        grid.add_row([
            Cell::new(p.code(&legacy)),
            Cell::new(p.code(&v3)),
            Cell::new(list),
            text_cell(&legacy_text),
            text_cell(&v3_text),
            text_cell(&evidence),
        ]);
    }
    // The codes and the list are never cut (the width counts the padding).
    for (column, width) in widths.into_iter().enumerate() {
        if let Some(column) = grid.column_mut(column) {
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
                u16::try_from(width + 2).unwrap_or(u16::MAX),
            )));
        }
    }
    drawn(&mut grid)
}
