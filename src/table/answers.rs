//! Rows for answers no code of the tables names: an API 3.0 success (no `Error`), an API 3.0
//! `Error` without a `Code`, and an HTTP error status whose body is no envelope (a gateway's
//! or a proxy's page). Summaries, groups and diffs label and class them with these.

use std::sync::OnceLock;

use crate::table::{Retry, Row};

fn row(
    http_status: u16,
    message: &str,
    message_en: &str,
    category: Option<&str>,
    retry: Option<Retry>,
    hints: (&str, &str),
    name: Option<String>,
) -> Row {
    Row {
        code: 0,
        http_status: Some(http_status),
        message: message.to_string(),
        message_en: Some(message_en.to_string()),
        category: category.map(str::to_string),
        retry,
        hint_en: Some(hints.0.to_string()),
        hint_zh: Some(hints.1.to_string()),
        source: std::sync::Arc::from("built-in"),
        name,
    }
}

/// An API 3.0 success: a `Response` with no `Error`.
pub fn v3_success() -> &'static [Row] {
    static ROW: OnceLock<[Row; 1]> = OnceLock::new();
    ROW.get_or_init(|| {
        [row(
            200,
            "请求成功",
            "Request succeeded",
            Some("success"),
            None,
            ("Nothing to fix: the call worked.", "无需处理：调用已成功。"),
            None,
        )]
    })
}

/// An API 3.0 `Error` without a `Code`.
pub fn v3_without_code() -> &'static [Row] {
    static ROW: OnceLock<[Row; 1]> = OnceLock::new();
    ROW.get_or_init(|| {
        [row(
            200,
            "错误未给出 Code",
            "an Error without a Code",
            None,
            None,
            (
                "The response says it failed without saying why: read its Message, and quote the RequestId to support.",
                "响应表明调用失败，但未说明原因：请查看 Message，并携带 RequestId 联系技术支持。",
            ),
            None,
        )]
    })
}

/// The retry class of an HTTP error status: a gateway's, a timeout's or a rate limit's is
/// transient; any other client error needs a fix first; a server error is retried with backoff.
pub fn http_retry(status: u16) -> Retry {
    match status {
        408 | 429 => Retry::Backoff,
        400..=499 => Retry::AfterFix,
        _ => Retry::Backoff,
    }
}

/// The row of an HTTP error status (400 to 599) answered with no envelope: `None` for any other.
pub fn http_error(status: u16) -> Option<&'static [Row]> {
    static ROWS: OnceLock<Vec<Row>> = OnceLock::new();
    let rows = ROWS.get_or_init(|| {
        (400..600)
            .map(|status| {
                row(
                    status,
                    "由网关或代理回答，不是 API",
                    "answered by a gateway or proxy, not by the API",
                    Some("http"),
                    Some(http_retry(status)),
                    (
                        "the gateway or proxy answered, not the API: check the upstream; retry with backoff for 502/503/504",
                        "回答的是网关或代理，不是 API：请检查上游服务；502/503/504 可退避后重试",
                    ),
                    Some(format!("HTTP {status}")),
                )
            })
            .collect()
    });
    let at = usize::from(status.checked_sub(400)?);
    rows.get(at).map(std::slice::from_ref)
}
