//! What was wrong in the input, in words, in the chosen language: the warnings on stderr and
//! the closing line.

use crate::explain::problems::{Problem, Problems, Trouble};
use crate::input::{
    Archive, Fault, Refused, Skip, MAX_DEPTH, MAX_LINE, MAX_STRING_DEPTH, WINDOW_MAX,
};
use crate::lang::Lang;

/// What a fault is, in words.
pub fn fault_text(fault: Fault, lang: Lang) -> String {
    match fault {
        Fault::Unexpected { found, expected } => {
            let found = match found {
                b' '..=b'~' => format!("`{}`", found as char),
                _ => format!("byte 0x{found:02x}"),
            };
            let expected_zh = expected_zh(expected);
            crate::t!(lang;
                "broken JSON: expected {expected}, found {found}",
                "JSON 格式错误：应为{expected_zh}，实为 {found}"
            )
        }
        Fault::OpenString => crate::t!(lang;
            "broken JSON: the line ends inside a string",
            "JSON 格式错误：行在字符串中结束"
        ),
        Fault::BadEscape => crate::t!(lang;
            "broken JSON: an escape JSON does not have",
            "JSON 格式错误：JSON 没有这种转义"
        ),
        Fault::BadNumber => crate::t!(lang;
            "broken JSON: not a JSON number",
            "JSON 格式错误：不是 JSON 数字"
        ),
        Fault::Truncated => crate::t!(lang;
            "truncated JSON: it is never closed",
            "JSON 不完整：始终没有闭合"
        ),
        Fault::TooLong => {
            let limit = MAX_LINE >> 20;
            crate::t!(lang;
                "JSON document longer than the {limit} MiB limit",
                "JSON 文档超过 {limit} MiB 上限"
            )
        }
    }
}

/// What the scanner expected (its English words), in Chinese.
fn expected_zh(expected: &str) -> String {
    let words = [("a value", "值"), ("a key", "键"), (" or ", " 或 ")];
    let mut text = expected.to_string();
    for (en, zh) in words {
        text = text.replace(en, zh);
    }
    text.trim().to_string()
}

impl Problem {
    /// The problem in `lang`: file, line and what is wrong.
    pub fn text(&self, lang: Lang) -> String {
        let (file, line) = (&self.file, self.line);
        let at = |line: u64| crate::t!(lang; "line {line}", "第 {line} 行");
        let column = |column: u64| crate::t!(lang; " column {column}", "第 {column} 列");
        match &self.what {
            Trouble::Skipped(reason) => {
                format!("{file}: {}: {}", at(line), skip_text(*reason, lang))
            }
            Trouble::Broken(fault, fault_line, col) if *fault_line == line => format!(
                "{file}: {}{}: {}",
                at(line),
                column(*col),
                fault_text(*fault, lang)
            ),
            Trouble::Broken(fault, fault_line, col) => format!(
                "{file}: {}: {} ({}{})",
                at(line),
                fault_text(*fault, lang),
                at(*fault_line),
                column(*col)
            ),
            Trouble::NoBody(status) => {
                let at = at(line);
                crate::t!(lang;
                    "{file}: {at}: HTTP {status} with no body",
                    "{file}: {at}: HTTP {status} 没有响应体"
                )
            }
        }
    }

    /// The problem as a warning in `lang`: what it cost.
    pub fn warning(&self, lang: Lang) -> String {
        let text = self.text(lang);
        let line = self.line;
        match &self.what {
            Trouble::Broken(_, at, _) if *at != line => crate::t!(lang;
                "{text}; line {line} skipped, the lines after it read again",
                "{text}；跳过第 {line} 行，其后的行重新读取"
            ),
            Trouble::NoBody(_) => text,
            _ => crate::t!(lang; "{text}; skipped", "{text}；已跳过"),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// A reason to pass a line over, in words.
pub fn skip_text(reason: Skip, lang: Lang) -> String {
    match reason {
        Skip::NoJson => crate::t!(lang; "no JSON object", "没有 JSON 对象"),
        Skip::NotEnvelope => crate::t!(lang; "JSON without an envelope", "JSON 中没有响应信封"),
        Skip::Binary => crate::t!(lang; "binary data, not text", "二进制数据，不是文本"),
        Skip::TooLong => {
            let limit = MAX_LINE >> 20;
            crate::t!(lang; "longer than the {limit} MiB limit", "超过 {limit} MiB 上限")
        }
        Skip::NoKey => crate::t!(lang; "no envelope key", "没有响应信封的键"),
        Skip::Foreign => crate::t!(lang;
            "JSON of another API, not an envelope",
            "其他 API 的 JSON，不是响应信封"
        ),
        Skip::Deep => crate::t!(lang;
            "objects nested deeper than {MAX_DEPTH} levels",
            "对象嵌套超过 {MAX_DEPTH} 层"
        ),
        Skip::DeepStrings => crate::t!(lang;
            "JSON in strings nested deeper than {MAX_STRING_DEPTH} levels",
            "字符串中的 JSON 嵌套超过 {MAX_STRING_DEPTH} 层"
        ),
    }
}

/// The other things a closing line counts: broken JSON, responses with no body.
pub fn counted_text(broken: bool, lang: Lang) -> String {
    match broken {
        true => crate::t!(lang; "broken JSON", "JSON 格式错误"),
        false => crate::t!(lang; "HTTP responses with no body", "HTTP 响应没有响应体"),
    }
}

/// An input that could not be read (`name` escaped).
pub fn read_error(name: &str, e: &std::io::Error, lang: Lang) -> String {
    if let Some(refused) = Refused::of(e) {
        return refusal(name, refused, lang);
    }
    match e.raw_os_error() {
        Some(21) => {
            crate::t!(lang; "{name}: is a directory: give a file", "{name}：是目录：请给出文件")
        }
        _ => crate::t!(lang; "{name}: cannot read: {e}", "{name}：无法读取：{e}"),
    }
}

/// An input refused, and what to run first (`name` escaped; `<stdin>` for stdin).
fn refusal(name: &str, refused: Refused, lang: Lang) -> String {
    let file = (name != "<stdin>").then(|| shell_word(name));
    let command = refused.command(file.as_deref());
    match refused {
        Refused::Window(..) => {
            let max = WINDOW_MAX >> 20;
            let window = match refused.window() {
                Some(window) => crate::t!(lang; "a {window} window", " {window} 的窗口"),
                None => crate::t!(lang; "a window over {max} MiB", "超过 {max} MiB 的窗口"),
            };
            crate::t!(lang;
                "{name}: needs {window} to decompress; decompress it first: {command}",
                "{name}：解压需要{window}；请先解压：{command}"
            )
        }
        Refused::Archive(archive, format) => {
            let archive = match archive {
                Archive::Zip => "zip",
                Archive::Tar => "tar",
            };
            let what = match format {
                None => crate::t!(lang; "a {archive} archive", " {archive} 归档"),
                Some(format) => crate::t!(lang;
                    "a {format}-compressed {archive} archive",
                    " {format} 压缩的 {archive} 归档"
                ),
            };
            crate::t!(lang;
                "{name}: is {what}, not a stream of text; extract it first: {command}",
                "{name}：是{what}，不是文本流；请先解出：{command}"
            )
        }
    }
}

/// `word` as one word for a POSIX shell: as it is when nothing in it is special, else quoted.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "_-./+,:@%=".contains(c);
    match !word.is_empty() && word.chars().all(plain) {
        true => word.to_string(),
        false => format!("'{}'", word.replace('\'', r"'\''")),
    }
}

/// The warnings beyond those told.
pub fn more_not_shown(more: u64, lang: Lang) -> String {
    let more_problems = crate::output::counted(more, "more problem", "more problems");
    crate::t!(lang; "{more_problems} not shown", "另有 {more} 个问题未显示")
}

/// The warnings still held, then how many more were not shown, each a line on `err`: what a
/// run says of its input's problems at its end. Failures to write `err` are ignored.
pub fn write_pending(err: &mut impl std::io::Write, problems: &Problems, lang: Lang) {
    for warning in &problems.warnings {
        writeln!(
            err,
            "errcode: {}",
            crate::text::escape(&warning.warning(lang))
        )
        .ok();
    }
    let more = problems
        .warnings_total()
        .saturating_sub(problems.warned as u64);
    if more > 0 {
        writeln!(err, "errcode: {}", more_not_shown(more, lang)).ok();
    }
}

/// Why no input held an envelope, as one line (the names escaped here).
pub fn nothing_found(names: &[String], bytes: u64, problems: &Problems, lang: Lang) -> String {
    let name = match names {
        [one] => crate::text::escape(one).into_owned(),
        _ => crate::t!(lang; "the inputs", "所有输入"),
    };
    let without_file = |problem: &Problem| {
        let told = problem.text(lang);
        let prefix = format!("{}: ", problem.file);
        crate::text::escape(told.strip_prefix(&prefix).unwrap_or(&told)).into_owned()
    };
    // Binary data is the likelier story than any line before it.
    let why = match (bytes, &problems.first_binary, &problems.first) {
        (0, _, _) => {
            crate::t!(lang; "empty input: nothing to explain", "输入为空：没有可解释的内容")
        }
        (_, Some(binary), _) => without_file(binary),
        (_, None, Some(problem)) => without_file(problem),
        (_, None, None) => crate::t!(lang;
            "only blank lines: nothing to explain",
            "只有空行：没有可解释的内容"
        ),
    };
    crate::t!(lang;
        "{name}: {why}: no response envelope found (give JSON, NDJSON, `curl -i` output or log lines with envelopes)",
        "{name}：{why}：没有找到响应信封（请给出 JSON、NDJSON、`curl -i` 输出或含响应信封的日志行）"
    )
}

/// `explain` with no file and a terminal on stdin.
pub fn needs_input(lang: Lang) -> String {
    crate::t!(lang;
        "explain needs input: `errcode explain FILE`, or pipe a response into it (`curl -si URL | errcode explain`)",
        "explain 需要输入：`errcode explain 文件`，或用管道传入响应（`curl -si URL | errcode explain`）"
    )
}

/// `explain - -`.
pub fn stdin_twice(lang: Lang) -> String {
    crate::t!(lang;
        "stdin (-) is given more than once: it can be read only once",
        "标准输入（-）给出了不止一次：它只能读取一次"
    )
}

/// `--verbose` with `--summary` or another format than `human`.
pub fn verbose_alone(lang: Lang) -> String {
    crate::t!(lang;
        "--verbose is the human layout's: it takes no --summary and no other --format",
        "--verbose 只用于 human 格式：不能与 --summary 或其他 --format 同用"
    )
}

/// The note on envelopes without a time that `--since` or `--until` left out, when there were
/// any: without it, a window could drop errors unseen.
pub fn write_untimed(
    out: &mut impl std::io::Write,
    untimed: u64,
    lang: Lang,
) -> std::io::Result<()> {
    let note = match untimed {
        0 => return Ok(()),
        1 => crate::t!(lang;
            "note: 1 envelope without a time was left out by --since/--until",
            "注意：--since/--until 略去了 1 个没有时间的响应"
        ),
        n => crate::t!(lang;
            "note: {n} envelopes without a time were left out by --since/--until",
            "注意：--since/--until 略去了 {n} 个没有时间的响应"
        ),
    };
    writeln!(out, "{note}")
}

/// A note on the times read, in `lang`, as a line for stderr (`note: …`).
pub fn time_note(note: &crate::input::time::TimeNote, lang: Lang) -> String {
    use crate::input::time::{BadTz, TimeNote};
    let text = match note {
        TimeNote::BadTz { tz, what } => {
            let tz = crate::text::escape(tz);
            match what {
                BadTz::NoZone => crate::t!(lang;
                    "TZ={tz} names no time zone: reading times in UTC",
                    "TZ={tz} 不是已知的时区：按 UTC 读取时间"
                ),
                what => {
                    let what = match what {
                        BadTz::LargeFile => {
                            crate::t!(lang; "a file over 1 MiB", "超过 1 MiB 的文件")
                        }
                        BadTz::Directory => crate::t!(lang; "a directory", "一个目录"),
                        _ => crate::t!(lang; "a device, FIFO or socket", "设备、FIFO 或套接字"),
                    };
                    crate::t!(lang;
                        "TZ={tz} names {what}, not a zone file: reading times in UTC",
                        "TZ={tz} 指向{what}，不是时区文件：按 UTC 读取时间"
                    )
                }
            }
        }
        TimeNote::Abbreviation(time) => {
            let time = crate::text::escape(time);
            crate::t!(lang;
                "{time}: a zone abbreviation alone can name several zones (CST is China's and the US's): such times are read in the local zone (TZ), as times without a zone are",
                "{time}：单独的时区缩写可能指多个时区（CST 既是中国的也是美国的）：这类时间按本地时区（TZ）读取，与没有时区的时间相同"
            )
        }
        TimeNote::ImpossibleOffset(time) => {
            let time = crate::text::escape(time);
            crate::t!(lang;
                "{time}: an offset no zone has: such times are not read, and their envelopes have no time",
                "{time}：不存在的时区偏移：这类时间不予读取，其响应没有时间"
            )
        }
    };
    crate::t!(lang; "note: {text}", "注意：{text}")
}

/// The notes on the times read, one line each.
pub fn write_time_notes(
    out: &mut impl std::io::Write,
    notes: &crate::input::time::Notes,
    lang: Lang,
) -> std::io::Result<()> {
    for note in notes.iter() {
        writeln!(out, "{}", time_note(note, lang))?;
    }
    Ok(())
}
