//! The notes on an envelope in words, in the chosen language, with what they quote from the
//! input escaped here.

use crate::explain::{Note, NoteKind};
use crate::input::Field;
use crate::lang::Lang;
use crate::text::escape;

/// A note as JSON shows it: its kind and its text.
#[derive(serde::Serialize)]
pub struct JsonNote {
    kind: NoteKind,
    text: String,
}

/// The notes of a finding as JSON shows them.
pub fn json_notes(notes: &[Note], lang: Lang) -> Vec<JsonNote> {
    notes
        .iter()
        .map(|n| JsonNote {
            kind: n.kind(),
            text: text(n, lang),
        })
        .collect()
}

/// Whether the human layout says a kind of note only with `--verbose`: what the platform
/// documents as its usual behaviour (`Code` 0 beside a failing `StatusCode`, as the source
/// document's own example has it; a gateway's `X-Request-Id` beside the body's RequestId).
pub fn said_only_verbose(kind: NoteKind) -> bool {
    matches!(
        kind,
        NoteKind::CodeZeroWithError | NoteKind::RequestIdMismatch
    )
}

/// At most this many (code, kind) pairs are remembered as said: past it, a note is said in
/// full again rather than the memory growing with a log of ever new codes.
const MAX_SAID: usize = 10_000;

/// What the human layout has said of the notes, in input order: each kind of note in full at
/// its first envelope of a code, and how many envelopes each kind applied to, for the closing
/// lines.
#[derive(Debug, Default)]
pub struct Told {
    said: std::collections::HashSet<(String, NoteKind)>,
    /// Each kind in the order first said, with the envelopes it applied to.
    counts: Vec<(NoteKind, u64)>,
    /// Whether a note was left unsaid because it had been said for its code.
    folded: bool,
}

impl Told {
    /// The notes of an envelope whose code is written `code` to say in full: those of a kind
    /// not yet said for the code (every note of that kind on the envelope), none of a kind
    /// said only with `--verbose`.
    pub fn fold<'n>(&mut self, code: &str, notes: &'n [Note]) -> Vec<&'n Note> {
        // The kinds on this envelope, and whether each is said here.
        let mut here: Vec<(NoteKind, bool)> = Vec::new();
        let mut shown = Vec::new();
        for note in notes {
            let kind = note.kind();
            if said_only_verbose(kind) {
                continue;
            }
            let say = match here.iter().find(|(k, _)| *k == kind) {
                Some(&(_, say)) => say,
                None => {
                    match self.counts.iter_mut().find(|(k, _)| *k == kind) {
                        Some((_, n)) => *n += 1,
                        None => self.counts.push((kind, 1)),
                    }
                    let key = (code.to_string(), kind);
                    let say = match self.said.contains(&key) {
                        true => false,
                        false if self.said.len() < MAX_SAID => self.said.insert(key),
                        false => true,
                    };
                    self.folded |= !say;
                    here.push((kind, say));
                    say
                }
            };
            if say {
                shown.push(note);
            }
        }
        shown
    }

    /// The closing lines, one a kind with the envelopes it applied to, when a note was left
    /// unsaid: without them a reader would not know how often it applied.
    pub fn closing_lines(&self, lang: Lang) -> Vec<String> {
        if !self.folded {
            return Vec::new();
        }
        self.counts
            .iter()
            .map(|&(kind, n)| {
                let kind = kind_text(kind, lang);
                match n {
                    1 => crate::t!(lang; "note: {kind}: 1 envelope", "提示：{kind}：1 个响应"),
                    _ => crate::t!(lang; "note: {kind}: {n} envelopes", "提示：{kind}：{n} 个响应"),
                }
            })
            .collect()
    }
}

/// A kind of note in a few words, for the closing lines of the human layout.
pub fn kind_text(kind: NoteKind, lang: Lang) -> String {
    match kind {
        NoteKind::MissingField => crate::t!(lang; "a field is missing", "缺少字段"),
        NoteKind::UnknownCode => {
            crate::t!(lang; "the code is not in the table", "错误码不在错误码表中")
        }
        NoteKind::NotACode => crate::t!(lang; "the code is not a code", "错误码不是有效的码"),
        NoteKind::TwoMeanings => {
            crate::t!(lang; "the code has several meanings", "错误码有多种含义")
        }
        NoteKind::HttpMismatch => crate::t!(lang;
            "the HTTP status returned differs from the table's",
            "返回的 HTTP 状态码与错误码表不同"
        ),
        NoteKind::CodeMismatch => {
            crate::t!(lang; "Code contradicts StatusCode", "Code 与 StatusCode 矛盾")
        }
        NoteKind::CodeZeroWithError => crate::t!(lang;
            "Code 0 with a failing StatusCode",
            "Code 为 0 而 StatusCode 为错误码"
        ),
        NoteKind::UnexpectedCode => {
            crate::t!(lang; "Code is neither 0 nor 500", "Code 既不是 0 也不是 500")
        }
        NoteKind::MessageDiffers => crate::t!(lang;
            "Message differs from the table's text",
            "Message 与错误码表的描述不同"
        ),
        NoteKind::StringNumber => {
            crate::t!(lang; "a number was written as a string", "数字写成了字符串")
        }
        NoteKind::KeyCase => crate::t!(lang; "a key was written in another case", "键的大小写不同"),
        NoteKind::LossyUtf8 => {
            crate::t!(lang; "the input was not valid UTF-8", "输入不是有效的 UTF-8")
        }
        NoteKind::RequestIdMismatch => crate::t!(lang;
            "the RequestId header and field differ",
            "RequestId 响应头与字段不同"
        ),
        NoteKind::DuplicateKey => crate::t!(lang; "a key was written twice", "键出现两次"),
        NoteKind::NotForAction => crate::t!(lang;
            "the SDK does not document the code for the action",
            "SDK 未记载该接口会返回该错误码"
        ),
    }
}

/// A note in `lang`.
pub fn text(note: &Note, lang: Lang) -> String {
    match note {
        Note::UnknownCode(_)
        | Note::UnknownV3Code(_)
        | Note::NotForAction { .. }
        | Note::BeyondAnyCode(_)
        | Note::NotACode(_)
        | Note::ErrorWithoutCode => code_text(note, lang),
        Note::TwoMeanings { .. }
        | Note::BothLists(_)
        | Note::MatchesMeaning { .. }
        | Note::MessageDiffers { .. } => meaning_text(note, lang),
        Note::HttpMismatch { .. }
        | Note::FailureWithSuccess
        | Note::NormalWithFailure(_)
        | Note::UnexpectedCode(_)
        | Note::RequestIdMismatch => agreement_text(note, lang),
        Note::MissingField(_)
        | Note::DuplicateKey(..)
        | Note::DuplicateResponse
        | Note::StringNumber(..)
        | Note::KeyCase(..)
        | Note::LossyUtf8 => written_text(note, lang),
    }
}

/// A note on a code the table does not have, or that is no code.
fn code_text(note: &Note, lang: Lang) -> String {
    match note {
        Note::UnknownCode(n) => crate::t!(lang;
            "StatusCode {n} is not in the table",
            "StatusCode {n} 不在错误码表中"
        ),
        Note::UnknownV3Code(v) => {
            let v = escape(v);
            crate::t!(lang;
                "{v} is in neither the product's API 3.0 codes nor the common ones",
                "{v} 既不在产品的 API 3.0 错误码中，也不在公共错误码中"
            )
        }
        Note::NotForAction { code, action } => {
            let (code, action) = (escape(code), escape(action));
            crate::t!(lang;
                "the SDK does not document {code} for the action {action}: check the action, or report it",
                "SDK 未记载接口 {action} 会返回 {code}：请核对接口，或反馈此情况"
            )
        }
        Note::BeyondAnyCode(v) => {
            let v = escape(v);
            crate::t!(lang;
                "StatusCode {v} is not in the table (far beyond any code)",
                "StatusCode {v} 不在错误码表中（超出任何错误码）"
            )
        }
        Note::NotACode(v) => {
            let v = escape(v);
            crate::t!(lang;
                "StatusCode {v} is not a whole number, so not in the table",
                "StatusCode {v} 不是整数，不在错误码表中"
            )
        }
        Note::ErrorWithoutCode => crate::t!(lang;
            "Response.Error has no Code: read as an error",
            "Response.Error 没有 Code：按错误处理"
        ),
        _ => unreachable!("text words each note by its group"),
    }
}

/// A note on which of the table's meanings and texts a code has.
fn meaning_text(note: &Note, lang: Lang) -> String {
    match note {
        Note::TwoMeanings { code, count } => crate::t!(lang;
            "the source document lists {code} {count} times, with different meanings",
            "源文档中 {code} 出现两次，含义不同"
        ),
        Note::BothLists(code) => {
            let code = escape(code);
            crate::t!(lang;
                "{code} is both a product code and a common API 3.0 code, with a text in each list",
                "{code} 既是产品错误码也是公共错误码，两处各有描述"
            )
        }
        Note::MatchesMeaning { index, of, message } => {
            let (n, message) = (index + 1, escape(message));
            crate::t!(lang;
                "Message matches meaning {n} of {of}: {message}",
                "Message 对应第 {n} 种含义：{message}"
            )
        }
        Note::MessageDiffers { table, sent } => {
            let sent = escape(sent);
            // In English, each text with its English; in Chinese, the text.
            let texts = table
                .iter()
                .map(
                    |(zh, english)| match english.as_deref().filter(|_| lang == Lang::En) {
                        Some(english) => format!("{} ({})", escape(zh), escape(english)),
                        None => escape(zh).into_owned(),
                    },
                )
                .collect::<Vec<_>>()
                .join(" / ");
            crate::t!(lang;
                "Message \"{sent}\" differs from the table's text: {texts}",
                "Message \"{sent}\" 与错误码表的描述不同：{texts}"
            )
        }
        _ => unreachable!("text words each note by its group"),
    }
}

/// A note on fields that disagree: `Code` and `StatusCode`, the HTTP status and the table's,
/// the RequestId header and field.
fn agreement_text(note: &Note, lang: Lang) -> String {
    match note {
        Note::HttpMismatch { seen, want } => crate::t!(lang;
            "HTTP {seen} was returned, but the table gives HTTP {want} for this code",
            "返回的 HTTP 状态码为 {seen}，错误码表中该码对应 HTTP {want}"
        ),
        Note::FailureWithSuccess => crate::t!(lang;
            "Code 500 (server-side failure) contradicts StatusCode 200 (success)",
            "Code 500（服务端错误）与 StatusCode 200（成功）矛盾"
        ),
        Note::NormalWithFailure(s) => crate::t!(lang;
            "Code 0 with StatusCode {s}: Code says the service answered, StatusCode names the failure (the source document's own example pairs Code 0 with an error)",
            "Code 为 0 而 StatusCode 为 {s}：Code 表示服务已响应，StatusCode 指明错误（源文档自己的示例也是 Code 0 搭配错误码）"
        ),
        Note::UnexpectedCode(v) => {
            let v = escape(v);
            crate::t!(lang;
                "Code {v} is neither 0 (answered normally) nor 500 (server-side failure): read as an error",
                "Code {v} 既不是 0（正常响应）也不是 500（服务端错误）：按错误处理"
            )
        }
        Note::RequestIdMismatch => crate::t!(lang;
            "the RequestId header and the RequestId field differ",
            "RequestId 响应头与 RequestId 字段不同"
        ),
        _ => unreachable!("text words each note by its group"),
    }
}

/// A note on how the envelope was written: a field missing, written twice, as a string or in
/// another case; bytes that were not UTF-8.
fn written_text(note: &Note, lang: Lang) -> String {
    match note {
        Note::MissingField(f) if *f == Field::RequestId => {
            crate::t!(lang; "no RequestId field", "缺少 RequestId 字段")
        }
        Note::MissingField(f) => {
            let name = f.name();
            crate::t!(lang; "no {name} field", "缺少 {name} 字段")
        }
        Note::DuplicateKey(field, other, kept) => {
            let (field, other, kept) = (field.name(), escape(other), escape(kept));
            crate::t!(lang;
                "{field} is written twice ({other}, then {kept}); the last is shown, and the verdict holds both",
                "{field} 出现两次（{other}，然后 {kept}）；显示后者，结论兼顾两者"
            )
        }
        Note::DuplicateResponse => crate::t!(lang;
            "Response is written twice; the one with an error is shown, and the verdict holds both",
            "Response 出现两次；显示含错误的一个，结论兼顾两者"
        ),
        Note::StringNumber(field, n) => {
            let field = field.name();
            crate::t!(lang;
                "{field} was written as a string (\"{n}\"), read as the number {n}",
                "{field} 写成了字符串（\"{n}\"），按数字 {n} 读取"
            )
        }
        Note::KeyCase(key, field) => {
            let (key, field) = (escape(key), field.name());
            crate::t!(lang; "key \"{key}\" read as {field}", "键 \"{key}\" 按 {field} 读取")
        }
        Note::LossyUtf8 => crate::t!(lang;
            "the input was not valid UTF-8: bad bytes were read as U+FFFD",
            "输入不是有效的 UTF-8：无效字节按 U+FFFD 读取"
        ),
        _ => unreachable!("text words each note by its group"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_input_and_table_text_are_escaped() {
        let note = Note::MessageDiffers {
            table: vec![("a\u{1b}]52;c;x\u{7}".into(), Some("b\u{9b}2J".into()))],
            sent: "s\u{1b}[2J\u{202e}".into(),
        };
        for lang in [Lang::En, Lang::Zh] {
            let said = text(&note, lang);
            assert!(
                !said.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'])
                    && said.contains("\\u001b"),
                "{said}"
            );
            assert!(said.starts_with("Message \"s\\u001b[2J"), "{said}");
        }
        let said = text(&Note::KeyCase("k\u{202e}".into(), Field::Code), Lang::Zh);
        assert!(!said.contains('\u{202e}'), "{said}");
    }

    #[test]
    fn a_kind_is_said_once_a_code_and_counted_once_an_envelope() {
        let mut told = Told::default();
        let missing = [
            Note::MissingField(Field::Message),
            Note::MissingField(Field::Data),
        ];
        // Both notes of a kind on the first envelope of a code are said.
        assert_eq!(told.fold("41601", &missing).len(), 2);
        assert!(
            told.closing_lines(Lang::En).is_empty(),
            "nothing was left unsaid"
        );
        assert!(told.fold("41601", &missing).is_empty());
        // Another code: said again.
        assert_eq!(told.fold("40006", &missing[..1]).len(), 1);
        // The platform's usual behaviour is not said, nor counted.
        let usual = [Note::NormalWithFailure(52502), Note::RequestIdMismatch];
        assert!(told.fold("52502", &usual).is_empty());
        assert_eq!(
            told.closing_lines(Lang::En),
            ["note: a field is missing: 3 envelopes"]
        );
        assert_eq!(told.closing_lines(Lang::Zh), ["提示：缺少字段：3 个响应"]);
    }

    #[test]
    fn the_memory_of_what_was_said_is_bounded() {
        let mut told = Told::default();
        let note = [Note::LossyUtf8];
        for i in 0..MAX_SAID + 10 {
            assert_eq!(told.fold(&i.to_string(), &note).len(), 1);
        }
        assert_eq!(told.said.len(), MAX_SAID);
        // Past the bound, a code is said in full rather than remembered.
        assert_eq!(told.fold(&(MAX_SAID + 5).to_string(), &note).len(), 1);
        // A code remembered before is still folded.
        assert!(told.fold("0", &note).is_empty());
    }
}
