//! The platform's words that mean the same, in both languages: `search` looks for every word of
//! a group when one of them is typed. Data only; kept small, each group a word people type
//! (or the tables use) and the words the tables write for it.
//!
//! Each entry is lowercase, its words separated by one space, and in one group only (a test
//! holds them to it). An English entry matches at the start of a word (`plan` finds `plans`
//! and `PlanNotExist`); a Chinese one anywhere. A phrase is found as written, so a group lists
//! the phrases the tables use (`frequency limit`, the `request limit` of `RequestLimitExceeded`).

/// The groups of words that mean the same.
pub const GROUPS: &[&[&str]] = &[
    // RequestLimitExceeded and its codes: 频率限制, 限频, "exceeds the frequency limit".
    &[
        "rate limit",
        "rate-limit",
        "ratelimit",
        "throttle",
        "throttled",
        "throttling",
        "限流",
        "限频",
        "频率限制",
        "frequency limit",
        "request limit",
        "too many requests",
    ],
    // UnauthorizedOperation (未授权操作), AuthFailure.UnauthorizedOperation (请求未授权), 42502.
    &[
        "permission",
        "权限",
        "未授权",
        "unauthorized",
        "unauthorised",
        "not authorized",
    ],
    &["playback", "回放", "播放"],
    // The protocol: GB/T 28181 in English, 国标 in Chinese, GB in code names.
    &["gb28181", "gb/t28181", "gb/t 28181", "gb 28181", "国标"],
    // The Plan codes of API 3.0 (计划 in their text) are recording plans.
    &["recording plan", "录像计划", "计划", "plan"],
    // The English texts write organisation, the API 3.0 codes Organization and Org.
    &["organization", "organisation", "组织", "org"],
    &["timeout", "timed out", "time out", "超时"],
    // 41602 (无效的 Token) and AuthFailure.TokenFailure (token 错误).
    &[
        "invalid token",
        "token error",
        "token failure",
        "无效的 token",
        "token 错误",
    ],
    &["allowlist", "whitelist", "白名单"],
];
