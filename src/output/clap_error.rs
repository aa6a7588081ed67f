//! clap's usage errors in errcode's one error style: the `errcode:` prefix every error has,
//! in the chosen language, escaped (an argument is untrusted text).

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::lang::Lang;

/// The text of a usage error, as errcode writes it: `errcode: …` and clap's usage and tip
/// lines, in `lang`, plain text (the prefix alone is coloured, as for errcode's own errors).
/// `None` when clap's text is not an error (help shown for a missing subcommand).
pub fn render(error: &clap::Error, lang: Lang) -> Option<String> {
    let plain = error.render().to_string();
    let body = plain.strip_prefix("error: ")?;
    let (first, rest) = body.split_once('\n').unwrap_or((body, ""));
    let (first, rest) = match lang {
        Lang::En => (first.to_string(), rest.to_string()),
        Lang::Zh => (
            chinese(error).unwrap_or_else(|| first.to_string()),
            rest.replace(
                "For more information, try '--help'.",
                "更多信息请运行 '--help'。",
            )
            .replace("Usage: ", "用法：")
            .replace("tip: ", "提示：")
            .replace("[possible values: ", "[可选值："),
        ),
    };
    let text = if rest.is_empty() {
        first
    } else {
        format!("{first}\n{rest}")
    };
    Some(format!(
        "{} {}",
        crate::error::prefix(),
        crate::text::escape_keeping_newlines(&text)
    ))
}

/// The first line of the common usage errors in Chinese; the rest of clap's lines follow it.
fn chinese(error: &clap::Error) -> Option<String> {
    let text = |kind: ContextKind| match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg);
    match error.kind() {
        ErrorKind::InvalidValue => {
            let (arg, value) = (arg?, text(ContextKind::InvalidValue)?);
            Some(format!("'{arg}' 的值 '{value}' 无效"))
        }
        ErrorKind::ValueValidation => {
            let (arg, value) = (arg?, text(ContextKind::InvalidValue)?);
            Some(format!("'{arg}' 的值 '{value}' 无效"))
        }
        ErrorKind::UnknownArgument => Some(format!("意外的参数 '{}'", arg?)),
        // clap lists the arguments on the lines after.
        ErrorKind::MissingRequiredArgument => Some("缺少以下必需的参数：".to_string()),
        ErrorKind::ArgumentConflict => Some(format!(
            "参数 '{}' 不能与 '{}' 一起使用",
            arg?,
            text(ContextKind::PriorArg)?
        )),
        ErrorKind::InvalidSubcommand => Some(format!("没有子命令 '{}'", arg?)),
        _ => None,
    }
}
