//! One printer per format, chosen once: each writes an envelope that was kept, in its format,
//! to the pieces the writer thread writes.

use std::io;
use std::sync::{Arc, OnceLock};

use super::writer::{Pieces, Templates};
use crate::explain::Finding;
use crate::input::{Api, Envelope, Origin};
use crate::lang::Lang;
use crate::output;
use crate::output::envelope::table::Columns;
use crate::settings::{Format, Settings};
use crate::table::Table;

/// The printer of one format.
pub(super) enum Printer<'t, 's> {
    /// The human layout (`--verbose`: every field explained).
    Human {
        settings: &'s Settings,
        verbose: bool,
        /// The notes said so far, without `--verbose` each kind once a code.
        told: output::notes::Told,
    },
    /// One tab-separated line an envelope.
    Plain { lang: Lang },
    /// Table rows, the column widths fixed when the heading is written, before the first.
    Table {
        settings: &'s Settings,
        columns: Option<Box<Columns>>,
    },
    /// A GitHub workflow annotation an error.
    Github { settings: &'s Settings },
    /// Markdown table rows, the heading before the first.
    Markdown { settings: &'s Settings, rows: u64 },
    /// One JSON object an envelope.
    Json(Json<'t>),
}

/// The JSON printer, which makes what it can once: the `meanings` of each row of the table,
/// and the annotations of the usual envelopes.
pub(super) struct Json<'t> {
    table: &'t Table,
    lang: Lang,
    /// The `meanings` JSON per row of the table (first row of a code), made when first needed.
    meanings: Vec<Option<String>>,
    /// Annotations of the usual envelopes (no notes; `Code` 0 or 500), two a row
    /// (`2 * row + slot`), shared with the writer thread, which writes most of their lines.
    templates: Templates,
}

impl<'t, 's> Printer<'t, 's> {
    /// The printer of the format `settings` asks for.
    pub(super) fn new(table: &'t Table, settings: &'s Settings, verbose: bool) -> Self {
        match settings.format {
            None | Some(Format::Human) => Printer::Human {
                settings,
                verbose,
                told: output::notes::Told::default(),
            },
            Some(Format::Plain) => Printer::Plain {
                lang: settings.lang,
            },
            Some(Format::Table) => Printer::Table {
                settings,
                columns: None,
            },
            Some(Format::Github) => Printer::Github { settings },
            Some(Format::Markdown) => Printer::Markdown { settings, rows: 0 },
            Some(Format::Json) => {
                let rows = table.rows().len();
                Printer::Json(Json {
                    table,
                    lang: settings.lang,
                    meanings: vec![None; rows],
                    templates: Arc::new((0..2 * rows).map(|_| OnceLock::new()).collect()),
                })
            }
        }
    }

    /// The annotation templates the writer thread fills in: the JSON printer's, else none.
    pub(super) fn templates(&self) -> Templates {
        match self {
            Printer::Json(json) => json.templates.clone(),
            _ => Arc::new(Vec::new()),
        }
    }

    /// Writes an envelope kept, `finding` its explanation; `file_json` starts each JSON line.
    pub(super) fn envelope(
        &mut self,
        out: &mut Pieces,
        env: &Envelope<'_>,
        origin: &Origin<'_>,
        finding: &Finding<'_>,
        file_json: &str,
    ) -> io::Result<()> {
        use output::envelope::table;
        match self {
            Printer::Human {
                settings,
                verbose,
                told,
            } => {
                // Envelopes come here in input order, so "first" is the input's first.
                let notes: Vec<&crate::explain::Note> = match verbose {
                    _ if finding.notes.is_empty() => Vec::new(),
                    true => finding.notes.iter().collect(),
                    false => {
                        let code = env.status_code.map(|v| v.text_short(64).into_owned());
                        told.fold(code.as_deref().unwrap_or(""), &finding.notes)
                    }
                };
                output::envelope::write_human(out, env, origin, finding, &notes, settings, *verbose)
            }
            Printer::Plain { lang } => {
                output::envelope::plain::write_plain(out, env, origin, finding, *lang)
            }
            Printer::Table { settings, columns } => {
                let columns = match columns {
                    Some(columns) => columns,
                    None => {
                        let made = Columns::new(settings.width, settings.lang);
                        table::write_heading(out, &made, settings)?;
                        columns.insert(Box::new(made))
                    }
                };
                table::write_row(out, columns, env, origin, finding, settings)
            }
            Printer::Github { settings } => {
                output::annotations::write_github(out, env, origin, finding, settings)
            }
            Printer::Markdown { settings, rows } => {
                if *rows == 0 {
                    output::annotations::write_markdown_header(out, settings.lang)?;
                }
                *rows += 1;
                output::annotations::write_markdown_row(out, env, origin, finding, settings)
            }
            Printer::Json(json) => json.envelope(out, env, origin, finding, file_json),
        }
    }
}

impl Printer<'_, '_> {
    /// Writes what comes after the last envelope: for the human layout, how many envelopes
    /// each kind of note applied to, when some were not said in full.
    pub(super) fn finish(&mut self, out: &mut Pieces) -> io::Result<()> {
        if let Printer::Human { settings, told, .. } = self {
            use std::io::Write;
            for line in told.closing_lines(settings.lang) {
                writeln!(out, "{}", settings.palette.warn(&line))?;
            }
        }
        Ok(())
    }
}

impl Json<'_> {
    fn envelope(
        &mut self,
        out: &mut Pieces,
        env: &Envelope<'_>,
        origin: &Origin<'_>,
        finding: &Finding<'_>,
        file_json: &str,
    ) -> io::Result<()> {
        let lang = self.lang;
        let index = match env.api {
            Api::Legacy => finding
                .status_code
                .and_then(|s| u64::try_from(s).ok())
                .and_then(|s| self.table.position(s)),
            Api::V3 | Api::Http => None,
        };
        // The usual envelope: a known code, Code 0 or 500, nothing to note.
        let usual = finding.notes.is_empty() && origin.http.is_none();
        let code_slot = match finding.code {
            Some(0) => Some(0),
            Some(500) => Some(1),
            _ => None,
        };
        if let (Some(i), Some(slot), true) = (index, code_slot, usual) {
            let k = 2 * i + slot;
            if let Some(made) = self.templates.get(k) {
                let template = made.get_or_init(|| {
                    let meanings = output::envelope::meanings_json(finding.rows, lang);
                    output::envelope::AnnotationTemplate::new(env, origin, finding, &meanings)
                });
                if out.defer(k, origin.line, env)? {
                    return Ok(());
                }
                return template.write(out, file_json, env, origin);
            }
        }
        // API 3.0 rows are not cached by index: their meanings are made each time.
        let uncached;
        let contradiction = output::envelope::contradiction(env, finding, lang);
        let meanings = match index {
            _ if contradiction.is_some() => {
                uncached = output::envelope::meanings_json_with(
                    finding.rows,
                    lang,
                    contradiction.as_deref(),
                );
                uncached.as_str()
            }
            Some(i) => self.meanings[i]
                .get_or_insert_with(|| output::envelope::meanings_json(finding.rows, lang))
                .as_str(),
            None => {
                uncached = output::envelope::meanings_json(finding.rows, lang);
                uncached.as_str()
            }
        };
        output::envelope::write_json(out, file_json, env, origin, finding, meanings, lang)
    }
}
