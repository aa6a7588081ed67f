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

/// A note in `lang`.
pub fn text(note: &Note, lang: Lang) -> String {
    let en = lang == Lang::En;
    let pick = |e: String, z: String| if en { e } else { z };
    match note {
        Note::MissingField(f) if *f == Field::RequestId => pick(
            "no RequestId field".into(),
            "缺少 RequestId 字段".into(),
        ),
        Note::MissingField(f) => pick(format!("no {} field", f.name()), format!("缺少 {} 字段", f.name())),
        Note::UnknownCode(n) => pick(
            format!("StatusCode {n} is not in the table"),
            format!("StatusCode {n} 不在错误码表中"),
        ),
        Note::UnknownV3Code(v) => pick(
            format!("{} is in neither the product's API 3.0 codes nor the common ones", escape(v)),
            format!("{} 既不在产品的 API 3.0 错误码中，也不在公共错误码中", escape(v)),
        ),
        Note::NotForAction { code, action } => pick(
            format!(
                "the SDK does not document {} for the action {}: check the action, or report it",
                escape(code),
                escape(action)
            ),
            format!("SDK 未记载接口 {} 会返回 {}：请核对接口，或反馈此情况", escape(action), escape(code)),
        ),
        Note::BeyondAnyCode(v) => pick(
            format!("StatusCode {} is not in the table (far beyond any code)", escape(v)),
            format!("StatusCode {} 不在错误码表中（超出任何错误码）", escape(v)),
        ),
        Note::NotACode(v) => pick(
            format!("StatusCode {} is not a whole number, so not in the table", escape(v)),
            format!("StatusCode {} 不是整数，不在错误码表中", escape(v)),
        ),
        Note::ErrorWithoutCode => pick(
            "Response.Error has no Code: read as an error".into(),
            "Response.Error 没有 Code：按错误处理".into(),
        ),
        Note::TwoMeanings { code, count } => pick(
            format!("the source document lists {code} {count} times, with different meanings"),
            format!("源文档中 {code} 出现两次，含义不同"),
        ),
        Note::BothLists(code) => pick(
            format!("{} is both a product code and a common API 3.0 code, with a text in each list", escape(code)),
            format!("{} 既是产品错误码也是公共错误码，两处各有描述", escape(code)),
        ),
        Note::MatchesMeaning { index, of, message } => pick(
            format!("Message matches meaning {} of {of}: {}", index + 1, escape(message)),
            format!("Message 对应第 {} 种含义：{}", index + 1, escape(message)),
        ),
        Note::HttpMismatch { seen, want } => pick(
            format!("HTTP {seen} was returned, but the table gives HTTP {want} for this code"),
            format!("返回的 HTTP 状态码为 {seen}，错误码表中该码对应 HTTP {want}"),
        ),
        Note::FailureWithSuccess => pick(
            "Code 500 (server-side failure) contradicts StatusCode 200 (success)".into(),
            "Code 500（服务端错误）与 StatusCode 200（成功）矛盾".into(),
        ),
        Note::NormalWithFailure(s) => pick(
            format!("Code 0 with StatusCode {s}: Code says the service answered, StatusCode names the failure (the source document's own example pairs Code 0 with an error)"),
            format!("Code 为 0 而 StatusCode 为 {s}：Code 表示服务已响应，StatusCode 指明错误（源文档自己的示例也是 Code 0 搭配错误码）"),
        ),
        Note::UnexpectedCode(v) => pick(
            format!(
                "Code {} is neither 0 (answered normally) nor 500 (server-side failure): read as an error",
                escape(v)
            ),
            format!("Code {} 既不是 0（正常响应）也不是 500（服务端错误）：按错误处理", escape(v)),
        ),
        Note::DuplicateKey(field, other, kept) => pick(
            format!(
                "{} is written twice ({}, then {}); the last is shown, and the verdict holds both",
                field.name(),
                escape(other),
                escape(kept)
            ),
            format!(
                "{} 出现两次（{}，然后 {}）；显示后者，结论兼顾两者",
                field.name(),
                escape(other),
                escape(kept)
            ),
        ),
        Note::DuplicateResponse => pick(
            "Response is written twice; the one with an error is shown, and the verdict holds both".into(),
            "Response 出现两次；显示含错误的一个，结论兼顾两者".into(),
        ),
        Note::MessageDiffers { table, sent } => {
            let sent = escape(sent);
            // In English, each text with its English; in Chinese, the text.
            let texts = |en: bool| {
                table
                    .iter()
                    .map(|(zh, english)| match (en, english) {
                        (true, Some(english)) => format!("{} ({})", escape(zh), escape(english)),
                        _ => escape(zh).into_owned(),
                    })
                    .collect::<Vec<_>>()
                    .join(" / ")
            };
            pick(
                format!("Message \"{sent}\" differs from the table's text: {}", texts(true)),
                format!("Message \"{sent}\" 与错误码表的描述不同：{}", texts(false)),
            )
        }
        Note::StringNumber(field, n) => pick(
            format!("{} was written as a string (\"{n}\"), read as the number {n}", field.name()),
            format!("{} 写成了字符串（\"{n}\"），按数字 {n} 读取", field.name()),
        ),
        Note::KeyCase(key, field) => pick(
            format!("key \"{}\" read as {}", escape(key), field.name()),
            format!("键 \"{}\" 按 {} 读取", escape(key), field.name()),
        ),
        Note::RequestIdMismatch => pick(
            "the RequestId header and the RequestId field differ".into(),
            "RequestId 响应头与 RequestId 字段不同".into(),
        ),
        Note::LossyUtf8 => pick(
            "the input was not valid UTF-8: bad bytes were read as U+FFFD".into(),
            "输入不是有效的 UTF-8：无效字节按 U+FFFD 读取".into(),
        ),
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
}
