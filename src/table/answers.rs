//! Rows for answers no code of the tables names: an API 3.0 success (no `Error`), an API 3.0
//! `Error` without a `Code`, and an HTTP error status whose body is no envelope (a gateway's
//! or a proxy's page). Summaries, groups and diffs label and class them with these.

use std::sync::OnceLock;

use crate::table::{Retry, Row};

fn row(
    http_status: Option<u16>,
    message: &str,
    message_en: &str,
    category: Option<&str>,
    retry: Option<Retry>,
    hints: (&str, &str),
    name: Option<String>,
) -> Row {
    Row {
        code: 0,
        http_status,
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
            Some(200),
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
            Some(200),
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

/// An SDK's error string without a code and without a RequestId: the SDK raised it on the
/// client (Java's and PHP's network failures, PHP's wrapped HTTP error statuses, Node.js's
/// every failure), with no answer of the API.
pub fn sdk_client_without_code() -> &'static [Row] {
    static ROW: OnceLock<[Row; 1]> = OnceLock::new();
    ROW.get_or_init(|| {
        [row(
            None,
            "SDK 在客户端抛出的异常，没有错误码：<cause>",
            "an exception the SDK raised on the client, without a code: <cause>",
            None,
            None,
            (
                "No answer of the API named a code: the SDK raised this itself. Its message (or Java's cause) says why: a network failure (timeout, DNS, refused connection), an HTTP status other than 200 from a gateway or proxy (PHP: Guzzle's \"resulted in a `502 Bad Gateway` response\"; Node.js: the status text alone), or a misuse of the SDK. A write may already have taken effect: query its state before retrying a create, delete or update.",
                "没有 API 应答给出错误码：这是 SDK 自己抛出的。原因见其消息（Java 见 cause）：网络故障（超时、DNS、连接被拒）、网关或代理返回的非 200 状态码（PHP 为 Guzzle 的 \"resulted in a `502 Bad Gateway` response\"，Node.js 只有状态文字），或 SDK 用法有误。写操作可能已经生效：重试创建、删除、修改前先查询其状态。",
            ),
            None,
        )]
    })
}

/// An SDK's error string without a code but with a RequestId: the API answered an error whose
/// code the string leaves out (Node.js's never prints one).
pub fn sdk_code_unprinted() -> &'static [Row] {
    static ROW: OnceLock<[Row; 1]> = OnceLock::new();
    ROW.get_or_init(|| {
        [row(
            Some(200),
            "API 返回了错误，但 SDK 的字符串没有打印错误码：<cause>",
            "an error the API answered, whose code the SDK's string leaves out: <cause>",
            None,
            None,
            (
                "The API answered with an error, but this string does not print its code (the Node.js SDK's toString never does): log err.code beside it to see which; meanwhile read the Message, and quote the RequestId to support.",
                "API 返回了错误，但该字符串没有打印错误码（Node.js SDK 的 toString 从不打印）：请在日志中同时输出 err.code 以查看；在此之前请查看 Message，并携带 RequestId 联系技术支持。",
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
                    Some(status),
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
