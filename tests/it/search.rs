//! search as a person types: terms split where the script changes, Chinese matched inside
//! words, hints searched below the meaning, both API generations.

use crate::common::{parts, run};

/// The codes `errcode search TERMS` prints (plain, in a pipe), and its exit status.
fn search(terms: &[&str]) -> (i32, Vec<String>) {
    let mut args = vec!["search"];
    args.extend_from_slice(terms);
    let (status, stdout, _) = parts(&run(&args));
    let codes = stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect();
    (status, codes)
}

#[test]
fn chinese_written_without_spaces_is_split_where_the_script_changes() {
    let (status, codes) = search(&["Token过期"]);
    assert_eq!(status, 0);
    assert_eq!(codes[0], "41601", "{codes:?}");
    assert_eq!(search(&["Token过期"]), search(&["Token", "过期"]));
    // A Chinese term is matched inside a longer run of Chinese text.
    assert_eq!(search(&["过期"]).1[..3], ["41601", "42504", "52514"]);
    assert_eq!(search(&["设备离线"]).1[0], "41617");
}

#[test]
fn hints_are_searched_and_ranked_below_the_meaning() {
    // 42505's meaning says "concurrent"; only its hint says "concurrency".
    let (status, codes) = search(&["concurrency"]);
    assert_eq!(status, 0);
    assert!(codes.contains(&"42505".to_string()), "{codes:?}");
    // "timeout": the timeouts by meaning ("timed out", "TimeOut" in an API 3.0 code) come
    // before the row whose hint alone mentions a timeout.
    let (_, codes) = search(&["timeout"]);
    let at = |code: &str| codes.iter().position(|c| c == code).unwrap_or(usize::MAX);
    for code in [
        "52505",
        "FailedOperation.RequestTimeout",
        "FailedOperation.DeviceResponseTimeOut",
    ] {
        assert!(
            at(code) < at("ClientError.NetworkError"),
            "{code}: {codes:?}"
        );
    }
    assert_ne!(at("ClientError.NetworkError"), usize::MAX, "{codes:?}");
}

#[test]
fn both_generations_are_searched_legacy_first() {
    let (_, codes) = search(&["token"]);
    let first_v3 = codes.iter().position(|c| c.contains('.')).unwrap();
    assert!(codes[..first_v3]
        .iter()
        .all(|c| c.bytes().all(|b| b.is_ascii_digit())));
    assert!(codes.contains(&"AuthFailure.TokenFailure".to_string()));
    // An API 3.0 code's name is searched too.
    assert_eq!(
        search(&["RequestTimeout"]).1,
        ["FailedOperation.RequestTimeout"]
    );
}

#[test]
fn matches_in_hints_are_highlighted_too() {
    let out = run(&["search", "concurrency", "--color", "always"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().find(|l| l.contains("42505")).unwrap();
    assert!(
        line.contains("\u{1b}[30;43;1mconcurrency\u{1b}[0m"),
        "{line:?}"
    );
}

#[test]
fn terms_that_are_only_spaces_or_hostile_are_refused_or_escaped() {
    let (status, _, stderr) = parts(&run(&["search", " "]));
    assert_eq!(status, 2, "{stderr}");
    let (status, _, stderr) = parts(&run(&["search", "a\u{1b}[2J过"]));
    assert_eq!(status, 1);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

#[test]
fn an_empty_search_is_a_usage_error() {
    for terms in [&[""][..], &["  "], &["", " "]] {
        let mut args = vec!["search"];
        args.extend_from_slice(terms);
        let (status, stdout, stderr) = parts(&run(&args));
        assert_eq!(status, 2, "{terms:?}");
        assert!(stdout.is_empty());
        assert!(stderr.contains("nothing to search for"), "{stderr}");
    }
}
