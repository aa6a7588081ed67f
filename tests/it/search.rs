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

#[test]
fn the_platforms_words_find_the_main_code_first() {
    for terms in [
        &["rate", "limit"][..],
        &["rate-limit"],
        &["throttle"],
        &["throttling"],
        &["限流"],
        &["限频"],
        &["Too", "many", "requests"],
    ] {
        let (status, codes) = search(terms);
        assert_eq!(status, 0, "{terms:?}");
        assert_eq!(codes[0], "RequestLimitExceeded", "{terms:?}: {codes:?}");
        // Its family follows; nothing about a size or a quota limit is a rate limit.
        assert!(
            codes[1..]
                .iter()
                .all(|c| c.starts_with("RequestLimitExceeded.")),
            "{terms:?}: {codes:?}"
        );
    }
    // 权限 and "permission": the COS read permission of the legacy API, then API 3.0's
    // unauthorised operations, the common code first.
    for terms in [
        &["权限"][..],
        &["permission"],
        &["未授权"],
        &["unauthorised"],
    ] {
        let (status, codes) = search(terms);
        assert_eq!(status, 0, "{terms:?}");
        assert_eq!(
            codes[..3],
            [
                "42502",
                "UnauthorizedOperation",
                "AuthFailure.UnauthorizedOperation"
            ],
            "{terms:?}"
        );
    }
    let (_, codes) = search(&["invalid", "token"]);
    assert_eq!(codes, ["41602", "AuthFailure.TokenFailure"]);
    assert_eq!(search(&["无效的Token"]).1, codes);
}

#[test]
fn a_recording_plan_finds_every_plan_code_first() {
    let plan_codes: Vec<String> = crate::common::run(&["list", "--api", "v3"])
        .stdout
        .split(|&b| b == b'\n')
        .map(|l| {
            String::from_utf8_lossy(l)
                .split('\t')
                .next()
                .unwrap_or("")
                .to_string()
        })
        .filter(|c| c.contains(".Plan") || c.contains("PlanId"))
        .collect();
    assert!(plan_codes.len() >= 5, "{plan_codes:?}");
    for terms in [
        &["录像计划"][..],
        &["recording", "plan"],
        &["计划"],
        &["plan"],
    ] {
        let (status, codes) = search(terms);
        assert_eq!(status, 0);
        assert_eq!(
            codes[..plan_codes.len()]
                .iter()
                .filter(|c| plan_codes.contains(c))
                .count(),
            plan_codes.len(),
            "{terms:?}: {codes:?}"
        );
    }
}

#[test]
fn english_terms_match_at_word_starts_and_chinese_anywhere() {
    // "rate" is in "generate" (41601's meaning and hint), not a word of its own.
    let (status, codes) = search(&["rate"]);
    assert_eq!(status, 1, "{codes:?}");
    // "org" starts "organisation" and is a word of the codes' names (OrgNameRepeat).
    let (_, codes) = search(&["org"]);
    assert!(codes.contains(&"InvalidParameterValue.OrgNameRepeat".to_string()));
    assert!(codes.contains(&"41613".to_string()));
    // Not inside a word: "ion" ends many words and starts none.
    assert_eq!(search(&["ion"]).0, 1);
    // Chinese has no word boundaries: 限 is inside 限制, 上限 and 受限.
    let (_, codes) = search(&["限"]);
    for code in [
        "41622",
        "42507",
        "RequestLimitExceeded",
        "OperationDenied.BandwidthLimitZero",
    ] {
        assert!(codes.contains(&code.to_string()), "{code}: {codes:?}");
    }
}

#[test]
fn the_words_inside_a_codes_name_are_searched() {
    // RequestLimitExceeded → request, limit, exceeded; AuthFailure.TokenFailure → auth,
    // failure, token, failure.
    let (_, codes) = search(&["request", "limit", "exceeded"]);
    assert_eq!(codes[0], "RequestLimitExceeded");
    let (_, codes) = search(&["failure", "token"]);
    assert_eq!(codes, ["AuthFailure.TokenFailure"]);
    let (_, codes) = search(&["auth", "failure"]);
    assert!(!codes.is_empty());
    assert!(
        codes.iter().all(|c| c.starts_with("AuthFailure.")),
        "{codes:?}"
    );
    // A code written whole, or a part of one, as a person copies it from a log.
    assert_eq!(
        search(&["AuthFailure.TokenFailure"]).1,
        ["AuthFailure.TokenFailure"]
    );
    assert_eq!(
        search(&["IPLimitExceeded"]).1,
        ["RequestLimitExceeded.IPLimitExceeded"]
    );
}

#[test]
fn synonyms_are_highlighted_where_they_stand_for_a_term() {
    let out = run(&["search", "限流", "--color", "always"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().next().unwrap();
    assert!(line.contains("RequestLimitExceeded\u{1b}[0m\t"), "{line:?}");
    assert!(
        line.contains("\u{1b}[30;43;1m频率限制\u{1b}[0m"),
        "{line:?}"
    );
    assert!(
        line.contains("\u{1b}[30;43;1mfrequency limit\u{1b}[0m"),
        "{line:?}"
    );
}

#[test]
fn a_lone_http_status_lists_its_rows() {
    let list = run(&["list", "--http", "403"]);
    let (status, stdout, stderr) = parts(&run(&["search", "403"]));
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(stdout.as_bytes(), &list.stdout[..]);
    assert!(stdout.lines().count() >= 3, "{stdout}");
    assert!(
        stderr.contains(
            "note: 403 is an HTTP status: these are the rows `errcode list --http 403` shows"
        ),
        "{stderr}"
    );
    let (_, _, stderr) = parts(&run(&["search", " 403 ", "--lang", "zh"]));
    assert!(stderr.contains("403 是 HTTP 状态码"), "{stderr}");
    // JSON too, as list writes it; and 200, the status of every success and API 3.0 row.
    let json = run(&["search", "403", "--format", "json"]).stdout;
    assert_eq!(
        json,
        run(&["list", "--http", "403", "--format", "json"]).stdout
    );
    let (status, stdout, _) = parts(&run(&["search", "200"]));
    assert_eq!(status, 0);
    assert_eq!(
        stdout.as_bytes(),
        &run(&["list", "--http", "200"]).stdout[..]
    );
}

#[test]
fn numbers_that_are_no_status_of_the_tables_are_searched_as_text() {
    // 404 and 429 are statuses, but no row is answered with them; 0403 and 4030 are no status.
    for terms in [
        &["404"][..],
        &["429"],
        &["0403"],
        &["4030"],
        &["403", "download"],
        &["-403"],
    ] {
        let (status, stdout, stderr) = parts(&run(&[&["search"][..], terms].concat()));
        assert!(!stderr.contains("HTTP status"), "{terms:?}: {stderr}");
        if status == 0 {
            assert_ne!(
                stdout.as_bytes(),
                &run(&["list", "--http", "403"]).stdout[..]
            );
        }
    }
    // "5000" is in 41615's meaning ("more than 5000 devices") and "500" in
    // LimitExceeded.GBDeviceNumExceeded's: text, not a status.
    assert_eq!(search(&["5000"]).1[0], "41615");
    assert!(search(&["500"])
        .1
        .contains(&"LimitExceeded.GBDeviceNumExceeded".to_string()));
}

#[test]
fn hostile_terms_end_quickly_with_no_match() {
    // One argument may hold 128 KiB on Linux.
    let long = "限".repeat(40_000);
    let (status, _, stderr) = parts(&run(&["search", &long]));
    assert_eq!(status, 1, "{}", &stderr[..200.min(stderr.len())]);
    let many: Vec<&str> = std::iter::repeat_n(["rate", "limit", "限流"], 2_000)
        .flatten()
        .collect();
    let (status, codes) = search(&many);
    assert_eq!(status, 0);
    assert_eq!(codes[0], "RequestLimitExceeded");
    let (status, _, stderr) = parts(&run(&["search", "throttle\u{1b}]0;x\u{7}"]));
    assert_eq!(status, 1);
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
}

#[test]
fn a_search_adds_no_note_on_the_http_statuses_of_its_rows() {
    // `expired` finds 52514 (HTTP 456): its row shows the status; `errcode 52514` says more.
    let (status, stdout, stderr) = parts(&run(&["search", "expired"]));
    assert_eq!(status, 0);
    assert!(stdout.contains("52514"), "{stdout}");
    assert_eq!(stderr, "", "{stderr}");
}
