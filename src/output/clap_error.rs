//! clap's usage errors in errcode's one error style: the `errcode:` prefix every error has,
//! in the chosen language, escaped (an argument is untrusted text).

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::lang::Lang;

/// The text of a usage error, as errcode writes it: one line, `errcode: …`, with clap's tip
/// or possible values after it and where to read more, in `lang`, plain text (the prefix alone
/// is coloured, as for errcode's own errors). `None` when clap's text is not an error (help
/// shown for a missing subcommand).
pub fn render(error: &clap::Error, lang: Lang) -> Option<String> {
    let plain = error.render().to_string();
    let body = plain.strip_prefix("error: ")?;
    let (first, rest) = body.split_once('\n').unwrap_or((body, ""));
    // clap's further lines, less the usage (the help has it) and the pointer to the help.
    let details = rest
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more"));
    let mut line = first_line(error, lang).unwrap_or_else(|| first.to_string());
    // clap's own lines drop the escape sequences of an argument (it takes them for its
    // styling): a tip that quotes such an argument would quote something else.
    let raw_arg = error.get(ContextKind::InvalidArg).map(ToString::to_string);
    let arg_has_controls = raw_arg.is_some_and(|a| a.chars().any(char::is_control));
    for detail in details.filter(|_| !arg_has_controls) {
        // clap's own words put into Chinese: no text of errcode's, so not one for t!.
        let detail = match lang {
            Lang::En => detail.to_string(),
            Lang::Zh => detail
                .replace("tip: ", "提示：")
                .replace("to pass ", "要把 ")
                .replace(" as a value, use ", " 当作值传入，请用 ")
                .replace("a similar value exists: ", "有相近的值：")
                .replace("a similar argument exists: ", "有相近的参数：")
                .replace("[possible values: ", "[可选值："),
        };
        match line.ends_with([':', '：']) {
            true => line.push(' '),
            false => line.push_str(&crate::t!(lang; "; ", "；")),
        }
        line.push_str(&detail);
    }
    line.push_str(&crate::t!(lang; "; see '--help'", "；详见 '--help'"));
    Some(format!(
        "{} {}\n",
        crate::error::prefix(),
        crate::text::escape(&line)
    ))
}

/// The first line of the common usage errors, made from the arguments as typed (clap's text
/// drops their escape sequences), in `lang`; `None` for the others, whose text is clap's.
fn first_line(error: &clap::Error, lang: Lang) -> Option<String> {
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
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let (arg, value) = (arg?, text(ContextKind::InvalidValue)?);
            // What the value's check said, as clap puts it after the value.
            let why = match error.kind() {
                ErrorKind::ValueValidation => std::error::Error::source(error)
                    .map(|e| format!(": {e}"))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            Some(crate::t!(lang;
                "invalid value '{value}' for '{arg}'{why}",
                "'{arg}' 的值 '{value}' 无效{why}"
            ))
        }
        ErrorKind::UnknownArgument => {
            let arg = arg?;
            Some(crate::t!(lang; "unexpected argument '{arg}' found", "意外的参数 '{arg}'"))
        }
        // In English, clap's own line is errcode's: these are only put into Chinese. clap lists
        // the arguments on the lines after.
        ErrorKind::MissingRequiredArgument if lang == Lang::Zh => {
            Some("缺少以下必需的参数：".to_string())
        }
        // clap says an argument given twice conflicts with itself.
        ErrorKind::ArgumentConflict if arg.is_some() && arg == text(ContextKind::PriorArg) => {
            let arg = arg?;
            Some(crate::t!(lang;
                "the argument '{arg}' cannot be used multiple times",
                "参数 '{arg}' 只能给出一次"
            ))
        }
        ErrorKind::ArgumentConflict if lang == Lang::Zh => Some(format!(
            "参数 '{}' 不能与 '{}' 一起使用",
            arg?,
            text(ContextKind::PriorArg)?
        )),
        ErrorKind::InvalidSubcommand => {
            let arg = arg?;
            Some(crate::t!(lang; "unrecognized subcommand '{arg}'", "没有子命令 '{arg}'"))
        }
        _ => None,
    }
}
