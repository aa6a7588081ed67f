//! What was wrong in the input, in words, in the chosen language: the warnings on stderr and
//! the closing line.

use crate::explain::problems::{Problem, Problems, Trouble};
use crate::input::{
    Archive, Fault, Refused, Skip, MAX_DEPTH, MAX_LINE, MAX_STRING_DEPTH, WINDOW_MAX,
};
use crate::lang::Lang;

/// What a fault is, in words.
pub fn fault_text(fault: Fault, lang: Lang) -> String {
    let en = lang == Lang::En;
    match fault {
        Fault::Unexpected { found, expected } => {
            let found = match found {
                b' '..=b'~' => format!("`{}`", found as char),
                _ => format!("byte 0x{found:02x}"),
            };
            match en {
                true => format!("broken JSON: expected {expected}, found {found}"),
                false => format!("JSON 格式错误：应为{}，实为 {found}", expected_zh(expected)),
            }
        }
        Fault::OpenString if en => "broken JSON: the line ends inside a string".into(),
        Fault::OpenString => "JSON 格式错误：行在字符串中结束".into(),
        Fault::BadEscape if en => "broken JSON: an escape JSON does not have".into(),
        Fault::BadEscape => "JSON 格式错误：JSON 没有这种转义".into(),
        Fault::BadNumber if en => "broken JSON: not a JSON number".into(),
        Fault::BadNumber => "JSON 格式错误：不是 JSON 数字".into(),
        Fault::Truncated if en => "truncated JSON: it is never closed".into(),
        Fault::Truncated => "JSON 不完整：始终没有闭合".into(),
        Fault::TooLong if en => {
            format!("JSON document longer than the {} MiB limit", MAX_LINE >> 20)
        }
        Fault::TooLong => format!("JSON 文档超过 {} MiB 上限", MAX_LINE >> 20),
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
        let at = |line: u64| match lang {
            Lang::En => format!("line {line}"),
            Lang::Zh => format!("第 {line} 行"),
        };
        let column = |column: u64| match lang {
            Lang::En => format!(" column {column}"),
            Lang::Zh => format!("第 {column} 列"),
        };
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
            Trouble::NoBody(status) => match lang {
                Lang::En => format!("{file}: {}: HTTP {status} with no body", at(line)),
                Lang::Zh => format!("{file}: {}: HTTP {status} 没有响应体", at(line)),
            },
        }
    }

    /// The problem as a warning in `lang`: what it cost.
    pub fn warning(&self, lang: Lang) -> String {
        let text = self.text(lang);
        match (&self.what, lang) {
            (Trouble::Broken(_, at, _), Lang::En) if *at != self.line => format!(
                "{text}; line {} skipped, the lines after it read again",
                self.line
            ),
            (Trouble::Broken(_, at, _), Lang::Zh) if *at != self.line => {
                format!("{text}；跳过第 {} 行，其后的行重新读取", self.line)
            }
            (Trouble::NoBody(_), _) => text,
            (_, Lang::En) => format!("{text}; skipped"),
            (_, Lang::Zh) => format!("{text}；已跳过"),
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
    match (reason, lang) {
        (Skip::NoJson, Lang::En) => "no JSON object".into(),
        (Skip::NoJson, Lang::Zh) => "没有 JSON 对象".into(),
        (Skip::NotEnvelope, Lang::En) => "JSON without an envelope".into(),
        (Skip::NotEnvelope, Lang::Zh) => "JSON 中没有响应信封".into(),
        (Skip::Binary, Lang::En) => "binary data, not text".into(),
        (Skip::Binary, Lang::Zh) => "二进制数据，不是文本".into(),
        (Skip::TooLong, Lang::En) => format!("longer than the {} MiB limit", MAX_LINE >> 20),
        (Skip::TooLong, Lang::Zh) => format!("超过 {} MiB 上限", MAX_LINE >> 20),
        (Skip::NoKey, Lang::En) => "no envelope key".into(),
        (Skip::NoKey, Lang::Zh) => "没有响应信封的键".into(),
        (Skip::Foreign, Lang::En) => "JSON of another API, not an envelope".into(),
        (Skip::Foreign, Lang::Zh) => "其他 API 的 JSON，不是响应信封".into(),
        (Skip::Deep, Lang::En) => format!("objects nested deeper than {MAX_DEPTH} levels"),
        (Skip::Deep, Lang::Zh) => format!("对象嵌套超过 {MAX_DEPTH} 层"),
        (Skip::DeepStrings, Lang::En) => {
            format!("JSON in strings nested deeper than {MAX_STRING_DEPTH} levels")
        }
        (Skip::DeepStrings, Lang::Zh) => format!("字符串中的 JSON 嵌套超过 {MAX_STRING_DEPTH} 层"),
    }
}

/// The other things a closing line counts: broken JSON, responses with no body.
pub fn counted_text(broken: bool, lang: Lang) -> &'static str {
    match (broken, lang) {
        (true, Lang::En) => "broken JSON",
        (true, Lang::Zh) => "JSON 格式错误",
        (false, Lang::En) => "HTTP responses with no body",
        (false, Lang::Zh) => "HTTP 响应没有响应体",
    }
}

/// An input that could not be read (`name` escaped).
pub fn read_error(name: &str, e: &std::io::Error, lang: Lang) -> String {
    if let Some(refused) = Refused::of(e) {
        return refusal(name, refused, lang);
    }
    match (e.raw_os_error(), lang) {
        (Some(21), Lang::En) => format!("{name}: is a directory: give a file"),
        (Some(21), Lang::Zh) => format!("{name}：是目录：请给出文件"),
        (_, Lang::En) => format!("{name}: cannot read: {e}"),
        (_, Lang::Zh) => format!("{name}：无法读取：{e}"),
    }
}

/// An input refused, and what to run first (`name` escaped; `<stdin>` for stdin).
fn refusal(name: &str, refused: Refused, lang: Lang) -> String {
    let file = (name != "<stdin>").then(|| shell_word(name));
    let command = refused.command(file.as_deref());
    let what = |en: bool| match refused {
        Refused::Archive(archive, format) => {
            let archive = match archive {
                Archive::Zip => "zip",
                Archive::Tar => "tar",
            };
            match (format, en) {
                (None, true) => format!("a {archive} archive"),
                (Some(format), true) => format!("a {format}-compressed {archive} archive"),
                (None, false) => format!(" {archive} 归档"),
                (Some(format), false) => format!(" {format} 压缩的 {archive} 归档"),
            }
        }
        Refused::Window(..) => String::new(),
    };
    match (refused, lang) {
        (Refused::Window(..), Lang::En) => {
            let window = match refused.window() {
                Some(window) => format!("a {window} window"),
                None => format!("a window over {} MiB", WINDOW_MAX >> 20),
            };
            format!("{name}: needs {window} to decompress; decompress it first: {command}")
        }
        (Refused::Window(..), Lang::Zh) => {
            let window = match refused.window() {
                Some(window) => format!(" {window} 的窗口"),
                None => format!("超过 {} MiB 的窗口", WINDOW_MAX >> 20),
            };
            format!("{name}：解压需要{window}；请先解压：{command}")
        }
        (Refused::Archive(..), Lang::En) => format!(
            "{name}: is {}, not a stream of text; extract it first: {command}",
            what(true)
        ),
        (Refused::Archive(..), Lang::Zh) => {
            format!("{name}：是{}，不是文本流；请先解出：{command}", what(false))
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
    match lang {
        Lang::En => format!(
            "{} not shown",
            crate::output::counted(more, "more problem", "more problems")
        ),
        Lang::Zh => format!("另有 {more} 个问题未显示"),
    }
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
    let en = lang == Lang::En;
    let name = match (names, en) {
        ([one], _) => crate::text::escape(one).into_owned(),
        (_, true) => "the inputs".into(),
        (_, false) => "所有输入".into(),
    };
    let without_file = |problem: &Problem| {
        let told = problem.text(lang);
        let prefix = format!("{}: ", problem.file);
        crate::text::escape(told.strip_prefix(&prefix).unwrap_or(&told)).into_owned()
    };
    // Binary data is the likelier story than any line before it.
    let why = match (bytes, &problems.first_binary, &problems.first, en) {
        (0, _, _, true) => "empty input: nothing to explain".to_string(),
        (0, _, _, false) => "输入为空：没有可解释的内容".to_string(),
        (_, Some(binary), _, _) => without_file(binary),
        (_, None, Some(problem), _) => without_file(problem),
        (_, None, None, true) => "only blank lines: nothing to explain".to_string(),
        (_, None, None, false) => "只有空行：没有可解释的内容".to_string(),
    };
    match en {
        true => format!("{name}: {why}: no response envelope found (give JSON, NDJSON, `curl -i` output or log lines with envelopes)"),
        false => format!("{name}：{why}：没有找到响应信封（请给出 JSON、NDJSON、`curl -i` 输出或含响应信封的日志行）"),
    }
}

/// `explain` with no file and a terminal on stdin.
pub fn needs_input(lang: Lang) -> String {
    match lang {
        Lang::En => "explain needs input: `errcode explain FILE`, or pipe a response into it (`curl -si URL | errcode explain`)".into(),
        Lang::Zh => "explain 需要输入：`errcode explain 文件`，或用管道传入响应（`curl -si URL | errcode explain`）".into(),
    }
}

/// `explain - -`.
pub fn stdin_twice(lang: Lang) -> String {
    match lang {
        Lang::En => "stdin (-) is given more than once: it can be read only once".into(),
        Lang::Zh => "标准输入（-）给出了不止一次：它只能读取一次".into(),
    }
}

/// `--verbose` with `--summary` or another format than `human`.
pub fn verbose_alone(lang: Lang) -> String {
    match lang {
        Lang::En => {
            "--verbose is the human layout's: it takes no --summary and no other --format".into()
        }
        Lang::Zh => "--verbose 只用于 human 格式：不能与 --summary 或其他 --format 同用".into(),
    }
}

/// The note on envelopes without a time that `--since` or `--until` left out, when there were
/// any: without it, a window could drop errors unseen.
pub fn write_untimed(
    out: &mut impl std::io::Write,
    untimed: u64,
    lang: Lang,
) -> std::io::Result<()> {
    match (untimed, lang) {
        (0, _) => Ok(()),
        (1, Lang::En) => writeln!(
            out,
            "note: 1 envelope without a time was left out by --since/--until"
        ),
        (n, Lang::En) => writeln!(
            out,
            "note: {n} envelopes without a time were left out by --since/--until"
        ),
        (n, Lang::Zh) => writeln!(out, "注意：--since/--until 略去了 {n} 个没有时间的响应"),
    }
}

/// A note on the times read, in `lang`, as a line for stderr (`note: …`).
pub fn time_note(note: &crate::input::time::TimeNote, lang: Lang) -> String {
    use crate::input::time::{BadTz, TimeNote};
    let en = lang == Lang::En;
    let text = match note {
        TimeNote::BadTz { tz, what } => {
            let tz = crate::text::escape(tz);
            match (what, en) {
                (BadTz::NoZone, true) => {
                    format!("TZ={tz} names no time zone: reading times in UTC")
                }
                (BadTz::NoZone, false) => format!("TZ={tz} 不是已知的时区：按 UTC 读取时间"),
                (what, true) => {
                    let what = match what {
                        BadTz::LargeFile => "a file over 1 MiB",
                        BadTz::Directory => "a directory",
                        _ => "a device, FIFO or socket",
                    };
                    format!("TZ={tz} names {what}, not a zone file: reading times in UTC")
                }
                (what, false) => {
                    let what = match what {
                        BadTz::LargeFile => "超过 1 MiB 的文件",
                        BadTz::Directory => "一个目录",
                        _ => "设备、FIFO 或套接字",
                    };
                    format!("TZ={tz} 指向{what}，不是时区文件：按 UTC 读取时间")
                }
            }
        }
        TimeNote::Abbreviation(time) => {
            let time = crate::text::escape(time);
            match en {
                true => format!("{time}: a zone abbreviation alone can name several zones (CST is China's and the US's): such times are read in the local zone (TZ), as times without a zone are"),
                false => format!("{time}：单独的时区缩写可能指多个时区（CST 既是中国的也是美国的）：这类时间按本地时区（TZ）读取，与没有时区的时间相同"),
            }
        }
        TimeNote::ImpossibleOffset(time) => {
            let time = crate::text::escape(time);
            match en {
                true => format!("{time}: an offset no zone has: such times are not read, and their envelopes have no time"),
                false => format!("{time}：不存在的时区偏移：这类时间不予读取，其响应没有时间"),
            }
        }
    };
    match en {
        true => format!("note: {text}"),
        false => format!("注意：{text}"),
    }
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
