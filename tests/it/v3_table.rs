//! The API 3.0 table (`src/table/v3.json`) against the SDK files it is made from
//! (`third_party/tencentcloud-sdk-go`), the hand-written knowledge file, and the crosswalk to the
//! legacy table. The Go files are read with plain string handling.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

const REGENERATE: &str = "regenerate with: python3 scripts/gen-v3-table.py";
const SDK_DIR: &str = "third_party/tencentcloud-sdk-go/tencentcloud";
const SOURCES: [&str; 3] = ["product", "common", "sdk-client"];
const RETRY: [&str; 3] = ["never", "after-fix", "backoff"];
const FIELDS: [&str; 6] = [
    "message",
    "message_en",
    "category",
    "retry",
    "hint_en",
    "hint_zh",
];

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(relative: &str) -> Value {
    serde_json::from_str(&read(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn rows() -> Vec<Value> {
    match json("src/table/v3.json") {
        Value::Array(rows) => rows,
        other => panic!("src/table/v3.json is not an array: {other}"),
    }
}

fn text<'a>(row: &'a Value, field: &str) -> &'a str {
    row[field].as_str().unwrap_or("")
}

/// `NAME = "Code"`, the constant line of errors.go and of the lists in client.go.
fn constant(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.trim().split_once(" = ")?;
    let value = value.trim().strip_prefix('"')?.strip_suffix('"')?;
    let is_name = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    is_name.then_some((name, value))
}

/// errors.go: constant name -> (code, the Chinese description in the comment above it).
fn sdk_codes() -> BTreeMap<String, (String, String)> {
    let source = read(&format!("{SDK_DIR}/iss/v20230517/errors.go"));
    let mut codes = BTreeMap::new();
    let mut comment: Vec<&str> = Vec::new();
    for line in source.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("//") {
            comment.push(rest.trim());
            continue;
        }
        if let Some((name, code)) = constant(line) {
            assert!(!comment.is_empty(), "errors.go: {code} has no description");
            let old = codes.insert(name.to_string(), (code.to_string(), comment.join(" ")));
            assert!(old.is_none(), "errors.go: {name} twice");
        }
        comment.clear();
    }
    codes
}

/// client.go: action -> the codes listed under "可能返回的错误码" above `func (c *Client) Action(`.
fn sdk_actions() -> BTreeMap<String, Vec<(String, String)>> {
    let source = read(&format!("{SDK_DIR}/iss/v20230517/client.go"));
    let lines: Vec<&str> = source.lines().collect();
    let mut actions = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("func (c *Client) ") else {
            continue;
        };
        let Some((action, _)) = rest.split_once("(request ") else {
            continue;
        };
        let mut block: Vec<&str> = lines[..i]
            .iter()
            .rev()
            .take_while(|l| l.starts_with("//"))
            .copied()
            .collect();
        block.reverse();
        let mut listed = Vec::new();
        let mut in_list = false;
        for comment in block {
            if comment.starts_with("// 可能返回的错误码") {
                in_list = true;
            } else if in_list {
                match constant(comment.trim_start_matches('/')) {
                    Some((name, code)) => listed.push((name.to_string(), code.to_string())),
                    None if comment.trim() == "//" => {}
                    None => in_list = false,
                }
            }
        }
        let old = actions.insert(action.to_string(), listed);
        assert!(old.is_none(), "client.go: {action} twice");
    }
    actions
}

fn fail_if_any(problems: &[String], what: &str, fix: &str) {
    assert!(
        problems.is_empty(),
        "{what}:\n  {}\n{fix}",
        problems.join("\n  ")
    );
}

#[test]
fn the_go_files_parse_to_the_known_shape() {
    let codes = sdk_codes();
    let actions = sdk_actions();
    assert!(
        codes.len() >= 100,
        "errors.go gave only {} codes",
        codes.len()
    );
    assert!(
        actions.len() >= 50,
        "client.go gave only {} actions",
        actions.len()
    );
    assert!(actions.values().all(|listed| !listed.is_empty()));
    let mut problems = Vec::new();
    for (action, listed) in &actions {
        for (name, code) in listed {
            if codes.get(name).map(|(c, _)| c.as_str()) != Some(code.as_str()) {
                problems.push(format!(
                    "{action} lists {name} = {code:?}, not in errors.go"
                ));
            }
        }
    }
    fail_if_any(&problems, "client.go and errors.go disagree", "");
}

#[test]
fn product_rows_are_exactly_the_sdk_codes_with_the_sdk_text() {
    let sdk: BTreeMap<String, String> = sdk_codes().into_values().collect();
    let table: BTreeMap<String, String> = rows()
        .iter()
        .filter(|r| r["source"] == "product")
        .map(|r| (text(r, "code").to_string(), text(r, "message").to_string()))
        .collect();
    let mut problems = Vec::new();
    for (code, message) in &sdk {
        match table.get(code) {
            None => problems.push(format!(
                "{code} ({message}) is in errors.go but not in v3.json"
            )),
            Some(ours) if ours != message => problems.push(format!(
                "{code}: errors.go says {message:?}, v3.json says {ours:?}"
            )),
            Some(_) => {}
        }
    }
    for code in table.keys().filter(|c| !sdk.contains_key(*c)) {
        problems.push(format!(
            "{code} is a product row of v3.json but not in errors.go"
        ));
    }
    fail_if_any(
        &problems,
        "src/table/v3.json has drifted from third_party's errors.go",
        REGENERATE,
    );
}

#[test]
fn each_row_lists_the_actions_that_document_it() {
    let mut documented: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (action, listed) in sdk_actions() {
        for (_, code) in listed {
            documented.entry(code).or_default().insert(action.clone());
        }
    }
    let mut problems = Vec::new();
    for row in rows() {
        let code = text(&row, "code");
        let source = text(&row, "source");
        let actions: Vec<&str> = row["actions"]
            .as_array()
            .map(|a| a.iter().map(|v| v.as_str().unwrap_or("")).collect())
            .unwrap_or_default();
        let want: Vec<&str> = if source == "product" {
            documented
                .get(code)
                .map(|s| s.iter().map(String::as_str).collect())
                .unwrap_or_default()
        } else {
            vec!["*"]
        };
        if actions != want {
            problems.push(format!(
                "{code} ({source}): actions {actions:?}, client.go says {want:?}"
            ));
        }
    }
    fail_if_any(
        &problems,
        "src/table/v3.json has drifted from third_party's client.go",
        REGENERATE,
    );
}

#[test]
fn every_row_is_complete_and_the_table_is_sorted() {
    let rows = rows();
    let mut problems = Vec::new();
    let mut keys = Vec::new();
    for row in &rows {
        let code = text(row, "code");
        let source = text(row, "source");
        if code.is_empty() {
            problems.push(format!("a row has no code: {row}"));
        }
        if !SOURCES.contains(&source) {
            problems.push(format!(
                "{code}: source {source:?} is not one of {SOURCES:?}"
            ));
        }
        // The SDK's client-side codes come with no answer of the API, so with no status.
        let want = match source {
            "sdk-client" => Value::Null,
            _ => Value::from(200),
        };
        if row["http_status"] != want {
            problems.push(format!(
                "{code} ({source}): http_status {} is not {want}",
                row["http_status"]
            ));
        }
        for field in FIELDS {
            if text(row, field).trim().is_empty() {
                problems.push(format!("{code} ({source}): {field} is missing or empty"));
            }
        }
        if !RETRY.contains(&text(row, "retry")) {
            problems.push(format!(
                "{code}: retry {} is not one of {RETRY:?}",
                row["retry"]
            ));
        }
        let category = text(row, "category");
        if !category
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'-')
        {
            problems.push(format!(
                "{code}: category {category:?} is not a lowercase slug"
            ));
        }
        let actions = row["actions"].as_array();
        if actions
            .is_none_or(|a| a.is_empty() || a.iter().any(|v| v.as_str().is_none_or(str::is_empty)))
        {
            problems.push(format!("{code} ({source}): actions missing or empty"));
        }
        let english = text(row, "hint_en");
        if english.chars().filter(char::is_ascii).count() * 10 < english.chars().count() * 9 {
            problems.push(format!("{code} ({source}): hint_en is not English"));
        }
        let rank = SOURCES.iter().position(|s| *s == source).unwrap_or(9);
        keys.push((code.to_string(), rank));
    }
    let mut sorted = keys.clone();
    sorted.sort();
    sorted.dedup();
    if sorted != keys {
        problems
            .push("rows are not sorted by code then source, or a (code, source) repeats".into());
    }
    for source in SOURCES {
        if !rows.iter().any(|r| r["source"] == source) {
            problems.push(format!("no row has source {source}"));
        }
    }
    fail_if_any(
        &problems,
        "src/table/v3.json has incomplete rows",
        REGENERATE,
    );
}

#[test]
fn the_table_is_what_the_knowledge_file_says() {
    let knowledge = json("src/table/v3-knowledge.json");
    let rows = rows();
    let mut problems = Vec::new();
    let mut entries = 0;
    for source in SOURCES {
        let Some(section) = knowledge[source].as_object() else {
            problems.push(format!("v3-knowledge.json has no {source} section"));
            continue;
        };
        for (code, entry) in section {
            entries += 1;
            let Some(row) = rows
                .iter()
                .find(|r| r["code"] == code.as_str() && r["source"] == source)
            else {
                problems.push(format!(
                    "{code} ({source}) is in the knowledge file but not in v3.json"
                ));
                continue;
            };
            for field in FIELDS {
                if entry[field] != row[field] {
                    problems.push(format!(
                        "{code} ({source}): {field} is {} in the knowledge file, {} in v3.json",
                        entry[field], row[field]
                    ));
                }
            }
        }
    }
    if entries != rows.len() {
        problems.push(format!(
            "{entries} knowledge entries but {} rows",
            rows.len()
        ));
    }
    fail_if_any(
        &problems,
        "src/table/v3.json is stale against src/table/v3-knowledge.json",
        REGENERATE,
    );
}

#[test]
fn the_common_and_client_codes_are_there() {
    let rows = rows();
    let has = |code: &str, source: &str| {
        rows.iter()
            .any(|r| r["code"] == code && r["source"] == source)
    };
    let common = [
        "AuthFailure.SignatureExpire",
        "AuthFailure.SecretIdNotFound",
        "AuthFailure.SignatureFailure",
        "AuthFailure.TokenFailure",
        "AuthFailure.MFAFailure",
        "AuthFailure.InvalidSecretId",
        "AuthFailure.UnauthorizedOperation",
        "AuthFailure.InvalidAuthorization",
        "DryRunOperation",
        "FailedOperation",
        "InternalError",
        "InvalidAction",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidRequest",
        "IpInBlacklist",
        "IpNotInWhitelist",
        "LimitExceeded",
        "MissingParameter",
        "NoSuchProduct",
        "NoSuchVersion",
        "RequestLimitExceeded",
        "RequestLimitExceeded.IPLimitExceeded",
        "RequestLimitExceeded.UinLimitExceeded",
        "RequestSizeLimitExceeded",
        "ResourceInUse",
        "ResourceInsufficient",
        "ResourceNotFound",
        "ResourceUnavailable",
        "ResponseSizeLimitExceeded",
        "ServiceUnavailable",
        "UnauthorizedOperation",
        "UnknownParameter",
        "UnsupportedOperation",
        "UnsupportedProtocol",
        "UnsupportedRegion",
    ];
    let missing: Vec<&str> = common.into_iter().filter(|c| !has(c, "common")).collect();
    assert!(
        missing.is_empty(),
        "common codes missing: {missing:?}; {REGENERATE}"
    );
    // A code in both lists keeps both texts.
    for code in [
        "FailedOperation",
        "InvalidParameter",
        "InvalidParameterValue",
        "ResourceNotFound",
    ] {
        assert!(
            has(code, "product") && has(code, "common"),
            "{code} needs both rows"
        );
    }
    assert_eq!(
        rows.iter()
            .find(|r| r["code"] == "RequestLimitExceeded")
            .unwrap()["retry"],
        "backoff"
    );
    // The Go SDK's network code is the one its retry code makes up (copied in third_party/).
    let retry_code = read(&format!("{SDK_DIR}/common/netretry.go"));
    assert!(retry_code.contains("\"ClientError.NetworkError\""));
    assert!(has("ClientError.NetworkError", "sdk-client"));
}

/// The lines of the table of client codes in SOURCES.md: code -> the line.
fn sources_client_lines() -> BTreeMap<String, String> {
    read("src/table/SOURCES.md")
        .lines()
        .filter_map(|line| {
            let code = line.strip_prefix("| `")?.split_once('`')?.0;
            Some((code.to_string(), line.to_string()))
        })
        .collect()
}

#[test]
fn every_client_code_is_complete_has_no_http_status_and_names_its_source() {
    let rows = rows();
    let sources = sources_client_lines();
    let client: Vec<&Value> = rows
        .iter()
        .filter(|r| r["source"] == "sdk-client")
        .collect();
    // Go's, Python's and Java's own codes.
    for code in [
        "ClientError.NetworkError",
        "ClientError.ParseJsonError",
        "ClientError.HttpStatusCodeError",
        "ClientError.IOError",
        "ClientError.CircuitBreakerError",
        "ClientError.BuildRequestError",
        "ClientError.TypeError",
        "ClientNetworkError",
        "ServerNetworkError",
        "ClientParamsError",
        "ServerSideError",
        "ClientSideError",
    ] {
        assert!(
            client.iter().any(|r| r["code"] == code),
            "{code} has no sdk-client row; {REGENERATE}"
        );
    }
    let mut problems = Vec::new();
    for row in client {
        let code = text(row, "code");
        if !row["http_status"].is_null() {
            problems.push(format!(
                "{code}: http_status {} is not null",
                row["http_status"]
            ));
        }
        let chinese = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        if !chinese(text(row, "message")) || !chinese(text(row, "hint_zh")) {
            problems.push(format!("{code}: message or hint_zh is not Chinese"));
        }
        for field in ["message_en", "hint_en"] {
            let t = text(row, field);
            if t.trim().is_empty() || chinese(t) {
                problems.push(format!("{code}: {field} is empty or not English"));
            }
        }
        // A cause in one language is a cause in the other.
        if text(row, "message").contains("<cause>") != text(row, "message_en").contains("<cause>") {
            problems.push(format!("{code}: <cause> is in one message only"));
        }
        match sources.get(code) {
            None => problems.push(format!(
                "{code}: no line in SOURCES.md's table of client codes"
            )),
            Some(line) => {
                let cells: Vec<&str> = line.split(" | ").collect();
                let named = cells.get(1).and_then(|c| c.split_once(" @ "));
                let ok = named.is_some_and(|(repo, commit)| {
                    repo.starts_with("TencentCloud/tencentcloud-sdk-")
                        && commit.len() == 40
                        && commit.bytes().all(|b| b.is_ascii_hexdigit())
                });
                if !ok || cells.len() < 5 || cells[2].trim().is_empty() {
                    problems.push(format!(
                        "{code}: SOURCES.md's line needs the repository @ commit and the place: {line}"
                    ));
                }
            }
        }
    }
    fail_if_any(
        &problems,
        "sdk-client rows are incomplete",
        "fix src/table/v3-knowledge.json or src/table/SOURCES.md, then regenerate with: python3 scripts/gen-v3-table.py",
    );
}

/// The Chinese text without whitespace, ASCII punctuation or CJK punctuation: two texts are
/// "identical" when these are equal (the rule of scripts/crosswalk-candidates.py).
fn normalise(text: &str) -> String {
    const CJK_PUNCTUATION: &str = "，。、；：？！（）【】《》“”‘’「」『』·…—～";
    text.chars()
        .filter(|c| {
            !(c.is_whitespace()
                || (c.is_ascii() && !c.is_ascii_alphanumeric())
                || CJK_PUNCTUATION.contains(*c))
        })
        .collect()
}

#[test]
fn crosswalk_evidence_holds() {
    let legacy = json("src/table/codes.json");
    let legacy = legacy.as_array().expect("src/table/codes.json is an array");
    let v3 = rows();
    let crosswalk = json("src/table/crosswalk.json");
    let pairs = crosswalk.as_array().expect("crosswalk.json is an array");
    assert!(!pairs.is_empty());
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for pair in pairs {
        let code = pair["legacy"].as_u64().unwrap_or(0);
        let twin = text(pair, "v3");
        let source = text(pair, "v3_source");
        let evidence = text(pair, "evidence");
        let label = format!("{code} <-> {twin} ({source})");
        if !seen.insert((code, twin.to_string(), source.to_string())) {
            problems.push(format!("{label}: listed twice"));
        }
        let old = legacy
            .iter()
            .find(|r| r["code"] == code && r["message"] == pair["legacy_message"]);
        let new = v3
            .iter()
            .find(|r| r["code"] == twin && r["source"] == source);
        let (Some(old), Some(new)) = (old, new) else {
            problems.push(format!(
                "{label}: no legacy row with that code and text, or no v3 row with that code and source"
            ));
            continue;
        };
        if new["message"] != pair["v3_message"] {
            problems.push(format!(
                "{label}: v3_message is not the v3 row's text {}",
                new["message"]
            ));
        }
        let same = normalise(text(old, "message")) == normalise(text(new, "message"));
        match evidence {
            "identical" if !same => problems.push(format!(
                "{label}: called identical, but {:?} and {:?} differ after normalising",
                old["message"], new["message"]
            )),
            "identical" => {}
            _ if same => problems.push(format!("{label}: the texts are identical; say so")),
            _ if evidence.split_whitespace().count() < 6 => problems.push(format!(
                "{label}: the evidence should be a sentence saying why"
            )),
            _ => {}
        }
    }
    fail_if_any(
        &problems,
        "src/table/crosswalk.json does not hold",
        "fix the pairs (python3 scripts/crosswalk-candidates.py lists candidates); if v3.json is stale, regenerate with: python3 scripts/gen-v3-table.py",
    );
}

#[test]
fn hints_say_what_the_platform_documents() {
    let rows = rows();
    let row = |code: &str, source: &str| -> &Value {
        rows.iter()
            .find(|r| r["code"] == code && r["source"] == source)
            .unwrap_or_else(|| panic!("{code} ({source})"))
    };
    let p = |code: &str| row(code, "product");
    // A region fault is the request's, as UnsupportedRegion is.
    assert_eq!(p("RegionError.ResourceUnreachable")["category"], "request");
    assert_eq!(row("UnsupportedRegion", "common")["category"], "request");
    // A UserId that names no sub-account is a wrong parameter, not a refused permission.
    assert_eq!(p("FailedOperation.NotHaveSubUser")["category"], "parameter");
    assert!(text(p("FailedOperation.NotHaveSubUser"), "hint_en").contains("UserId"));
    // A feature opened per account, not IP allowlisting.
    let nowhitelist = p("OperationDenied.NoWhitelist");
    assert_eq!(nowhitelist["category"], "feature");
    assert!(text(nowhitelist, "hint_en").contains("SetForbidPlayChannels"));
    assert!(text(nowhitelist, "hint_en").contains("not IP allowlisting"));
    // A generic failure, listed for many writes, and a network failure: a write may be done.
    for (code, source) in [
        ("FailedOperation", "product"),
        ("FailedOperation", "common"),
        ("ClientError.NetworkError", "sdk-client"),
        ("ClientError.IOError", "sdk-client"),
        ("ClientNetworkError", "sdk-client"),
    ] {
        let r = row(code, source);
        assert!(
            text(r, "hint_en").contains("before retrying a create, delete or update"),
            "{code} ({source}): {}",
            text(r, "hint_en")
        );
        assert!(
            text(r, "hint_zh").contains("先查询其状态"),
            "{code} ({source})"
        );
    }
    assert!(
        p("FailedOperation")["actions"].as_array().unwrap().len() >= 57,
        "the hint counts the actions"
    );
    for code in [
        "OperationDenied.BandwidthLimitZero",
        "OperationDenied.ConnectsLimitZero",
    ] {
        let hint = text(p(code), "hint_en");
        assert!(
            !hint.contains("raise") && hint.contains("recording download is enabled"),
            "{hint}"
        );
    }
    let size = text(row("RequestSizeLimitExceeded", "common"), "hint_en");
    assert!(
        size.contains("32 KB") && size.contains("10 MB") && size.contains("POST"),
        "{size}"
    );
    let life = text(p("InvalidParameter.InvalidLifeRuleParam"), "hint_en");
    assert!(
        life.contains("AddRecordRetrieveTask") && life.contains("UpdateRecordPlan"),
        "{life}"
    );
    assert_eq!(
        text(p("InvalidParameterValue.InvalidExpiration"), "message_en"),
        "Invalid expiry for the retrieved copy (1–365 days)"
    );
    assert!(
        !text(p("InvalidParameterValue.BakTimeNotEnough"), "message_en")
            .contains("does not satisfy")
    );
}

#[test]
fn see_also_evidence_holds_and_no_pair_is_also_a_twin() {
    let legacy = json("src/table/codes.json");
    let legacy = legacy.as_array().expect("src/table/codes.json is an array");
    let v3 = rows();
    let twins = json("src/table/crosswalk.json");
    let twins: BTreeSet<(u64, String)> = twins
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["legacy"].as_u64().unwrap(), text(p, "v3").to_string()))
        .collect();
    let related = json("src/table/see-also.json");
    let pairs = related.as_array().expect("see-also.json is an array");
    assert!(pairs.len() >= 3);
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for pair in pairs {
        let code = pair["legacy"].as_u64().unwrap_or(0);
        let other = text(pair, "v3");
        let source = text(pair, "v3_source");
        let label = format!("{code} -> {other} ({source})");
        if !seen.insert((code, other.to_string(), source.to_string())) {
            problems.push(format!("{label}: listed twice"));
        }
        if twins.contains(&(code, other.to_string())) {
            problems.push(format!(
                "{label}: a twin already; a code is a twin or related, not both"
            ));
        }
        let old = legacy
            .iter()
            .find(|r| r["code"] == code && r["message"] == pair["legacy_message"]);
        let new = v3.iter().find(|r| {
            r["code"] == other && r["source"] == source && r["message"] == pair["v3_message"]
        });
        let (Some(old), Some(new)) = (old, new) else {
            problems.push(format!(
                "{label}: no legacy row with that code and text, or no v3 row with that code, source and text"
            ));
            continue;
        };
        if normalise(text(old, "message")) == normalise(text(new, "message")) {
            problems.push(format!(
                "{label}: the texts are identical, so they are twins"
            ));
        }
        let evidence = text(pair, "evidence");
        if evidence.split_whitespace().count() < 12 {
            problems.push(format!(
                "{label}: the evidence should say, in a sentence, how the two are related and how they differ"
            ));
        }
    }
    fail_if_any(
        &problems,
        "src/table/see-also.json does not hold",
        "fix the pairs (python3 scripts/crosswalk-candidates.py lists candidates)",
    );
}
