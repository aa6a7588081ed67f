//! What `lookup` and `list` accept: a code (`41601`) or a pattern (`416xx`, `416*`).

use std::fmt;

/// One parsed code argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// One code.
    Code(u64),
    /// Every code written with these leading digits and, when `len` is set, exactly that many digits.
    Pattern {
        /// The leading digits.
        prefix: String,
        /// The number of digits, for `416xx`; none for `416*`.
        len: Option<usize>,
    },
}

/// The longest code errcode accepts: codes are at most a few digits; this keeps arithmetic safe.
const MAX_DIGITS: usize = 10;

/// Why an argument is not a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError(String);

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Query {
    /// Parses `41601`, `416xx` (each `x` one digit) or `416*` (any digits after).
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let shown = crate::text::escape(text);
        // `*` is a shell's wildcard: the advice is `416xx`, or `'416*'` quoted.
        let bad = |why: &str| {
            QueryError(crate::t!(
                "'{shown}' is not an error code {why}: give digits such as 41601, or a pattern such as 416xx (or '416*', quoted for the shell)",
                "'{shown}' 不是错误码{why}：请给出数字（如 41601）或模式（如 416xx，或加引号的 '416*'）"
            ))
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(bad(&crate::t!("(it is empty)", "（它是空的）")));
        }
        if trimmed.starts_with('-') {
            return Err(bad(&crate::t!(
                "(codes are not negative)",
                "（错误码不是负数）"
            )));
        }
        let digits = trimmed.trim_end_matches(['x', 'X', '*']);
        let wild = &trimmed[digits.len()..];
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(&crate::t!(
                "(only digits and a trailing x or * are allowed)",
                "（只能是数字，末尾可带 x 或 *）"
            )));
        }
        if trimmed.len() > MAX_DIGITS {
            return Err(bad(&crate::t!(
                "(more than {MAX_DIGITS} digits)",
                "（超过 {MAX_DIGITS} 位数字）"
            )));
        }
        match wild {
            "" => Ok(Query::Code(digits.parse().map_err(|_| {
                bad(&crate::t!("(not a number)", "（不是数字）"))
            })?)),
            "*" => Ok(Query::Pattern {
                prefix: digits.to_string(),
                len: None,
            }),
            w if w.bytes().all(|b| b.eq_ignore_ascii_case(&b'x')) => Ok(Query::Pattern {
                prefix: digits.to_string(),
                len: Some(trimmed.len()),
            }),
            _ => Err(bad(&crate::t!(
                "(a * can only end a pattern, after the digits)",
                "（* 只能放在模式末尾、数字之后）"
            ))),
        }
    }

    /// Whether `code` is matched.
    pub fn matches(&self, code: u32) -> bool {
        match self {
            Query::Code(c) => u64::from(code) == *c,
            Query::Pattern { prefix, len } => {
                let text = code.to_string();
                text.starts_with(prefix.as_str()) && len.is_none_or(|n| text.len() == n)
            }
        }
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Query::Code(c) => write!(f, "{c}"),
            Query::Pattern { prefix, len: None } => write!(f, "{prefix}*"),
            Query::Pattern {
                prefix,
                len: Some(n),
            } => write!(f, "{prefix}{}", "x".repeat(n - prefix.len())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_patterns() {
        assert_eq!(Query::parse("41601"), Ok(Query::Code(41601)));
        assert_eq!(Query::parse(" 200 "), Ok(Query::Code(200)));
        assert_eq!(
            Query::parse("416xx"),
            Ok(Query::Pattern {
                prefix: "416".into(),
                len: Some(5)
            })
        );
        assert_eq!(
            Query::parse("416*"),
            Ok(Query::Pattern {
                prefix: "416".into(),
                len: None
            })
        );
        assert_eq!(
            Query::parse("*"),
            Ok(Query::Pattern {
                prefix: String::new(),
                len: None
            })
        );
        assert!(Query::parse("416xx").unwrap().matches(41634));
        assert!(!Query::parse("416x").unwrap().matches(41634));
        assert!(Query::parse("4*").unwrap().matches(42507));
        assert_eq!(Query::parse("416XX").unwrap().to_string(), "416xx");
    }

    #[test]
    fn not_codes() {
        for bad in [
            "abc",
            "-5",
            "99999999999999999999",
            "",
            "4*1",
            "41 601",
            "４１６０１",
            "4x6",
            "41601x*",
        ] {
            assert!(Query::parse(bad).is_err(), "{bad:?} should be refused");
        }
        let err = Query::parse("-5").unwrap_err().to_string();
        assert!(err.contains("'-5'") && err.contains("negative"), "{err}");
        let err = Query::parse("a\u{1b}[31m").unwrap_err().to_string();
        assert!(!err.contains('\u{1b}'), "{err}");
    }
}
