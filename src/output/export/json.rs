//! NDJSON, one object a line with the columns as keys, and Elasticsearch's bulk body: the same
//! lines, each after an `index` action whose `_id` is the code, so that loading it again
//! replaces the documents instead of adding to them. Twins and see-also are arrays here.
//! Characters a terminal would act on are JSON escapes, which read back as the same text.

use std::io::{self, Write};

use serde::Serialize;

use super::hint;
use crate::lang::Lang;
use crate::table::entries::CodeEntry;
use crate::text::to_json_writer;

/// An entry as a JSON object: the fields in the order of `COLUMNS`.
#[derive(Serialize)]
struct Object<'a> {
    api: &'static str,
    code: &'a str,
    http_status: Option<u16>,
    message: &'a str,
    message_en: Option<&'a str>,
    category: Option<&'a str>,
    retry: Option<&'a str>,
    hint: Option<&'a str>,
    twins: &'a [String],
    see_also: &'a [String],
    source: &'a str,
}

/// The bulk API's action line: index the next object under this `_id`.
#[derive(Serialize)]
struct Action<'a> {
    index: Id<'a>,
}

#[derive(Serialize)]
struct Id<'a> {
    #[serde(rename = "_id")]
    id: &'a str,
}

pub(super) fn write(
    out: &mut impl Write,
    entries: &[CodeEntry],
    lang: Lang,
    bulk: bool,
) -> io::Result<()> {
    for entry in entries {
        if bulk {
            to_json_writer(
                &mut *out,
                &Action {
                    index: Id { id: &entry.code },
                },
            )?;
            out.write_all(b"\n")?;
        }
        let object = Object {
            api: entry.generation.as_str(),
            code: &entry.code,
            http_status: entry.http_status,
            message: &entry.message,
            message_en: entry.message_en.as_deref(),
            category: entry.category.as_deref(),
            retry: entry.retry.as_deref(),
            hint: hint(entry, lang),
            twins: &entry.twins,
            see_also: &entry.see_also,
            source: &entry.source,
        };
        to_json_writer(&mut *out, &object)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
