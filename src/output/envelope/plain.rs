//! One envelope as one tab-separated line: file (`-` for stdin), line, verdict, code, HTTP
//! status (observed when seen, else the table's), `Code`, RequestId, meaning. A tab or a line
//! break inside a value is written `\t` or `\n`; an absent value is `-`.

use std::io::{self, Write};

use super::{code_text, envelope_meaning, http_status, request_id, verdict_word};
use crate::explain::Finding;
use crate::input::{Envelope, Origin};
use crate::lang::Lang;
use crate::text::escape;

/// One envelope as a line of tab-separated values.
pub fn write_plain(
    out: &mut impl Write,
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    f: &Finding<'_>,
    lang: Lang,
) -> io::Result<()> {
    let dash = || "-".to_string();
    let code = code_text(env, 200).unwrap_or_else(dash);
    let http = http_status(f).map_or_else(dash, |s| s.to_string());
    let legacy_code = env
        .code
        .map_or_else(dash, |v| escape(&v.text_short(200)).into_owned());
    let id = request_id(env, origin, 200).map_or_else(dash, |(_, id)| id);
    let meaning = envelope_meaning(env, f, lang).unwrap_or_else(dash);
    writeln!(
        out,
        "{}\t{}\t{}\t{code}\t{http}\t{legacy_code}\t{id}\t{meaning}",
        escape(origin.file),
        origin.line,
        verdict_word(f.verdict),
    )
}
