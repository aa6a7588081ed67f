//! `search`: the terms a person types, read as what they mean, and the rows that hold them, best
//! first.
//!
//! Terms are split where the script changes (`Token过期` is `token` and `过期`); a term, or a run
//! of terms, that the synonym map knows (`rate limit`, `限流`) stands for its whole group. A row
//! matches when its text holds each of them: English at the start of a word (`rate` is not in
//! "generate"), Chinese anywhere, since Chinese puts no spaces between words. An API 3.0 code is
//! text too, and so are the words of its name (`RequestLimitExceeded`: request, limit, exceeded).

use super::{edit_distance, find_folded, synonyms, Row};

/// How well a row holds a search, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// Every term is a whole word of the meaning (Chinese: anywhere in it).
    Word,
    /// Some term only starts a word of the meaning (`expire` in "expired", `stream` in
    /// "StreamType").
    Start,
    /// Some term is only in a hint, as a whole word.
    Hint,
    /// Nothing matched at all, and this row has an English word one typo away from a term.
    Typo,
}

/// One thing looked for: the term (or phrase) as typed, and every entry of its synonym group.
#[derive(Debug)]
struct Concept {
    typed: String,
    /// What may stand in the text for it, the typed term first; lowercase.
    words: Vec<String>,
}

/// A search, read once from the terms, that ranks rows.
#[derive(Debug)]
pub struct Search {
    concepts: Vec<Concept>,
}

impl Search {
    /// The search for `terms` as typed.
    pub fn new(terms: &[String]) -> Search {
        let terms = search_terms(terms);
        let longest = synonyms::GROUPS
            .iter()
            .flat_map(|group| group.iter())
            .map(|entry| entry.split(' ').count())
            .max()
            .unwrap_or(1);
        let mut concepts = Vec::new();
        let mut i = 0;
        while i < terms.len() {
            // The longest run of terms that is an entry of the map, else the term alone.
            let (n, group) = (1..=longest.min(terms.len() - i))
                .rev()
                .find_map(|n| group_of(&terms[i..i + n].join(" ")).map(|g| (n, g)))
                .unwrap_or((1, &[]));
            let typed = terms[i..i + n].join(" ");
            let mut words = vec![typed.clone()];
            words.extend(group.iter().filter(|w| **w != typed).map(|w| w.to_string()));
            // A term typed twice asks nothing more.
            if !concepts.iter().any(|c: &Concept| c.typed == typed) {
                concepts.push(Concept { typed, words });
            }
            i += n;
        }
        Search { concepts }
    }

    /// The rows that hold every term, best first: whole words of the meaning, then words the
    /// meaning only starts with, then rows that need a hint (either language, whole words) for a
    /// term. When no row matches, an English word one typo away from a term counts. At the same
    /// fit, rows keep their order (legacy codes first, in code order), except that an API 3.0
    /// code of one part (`RequestLimitExceeded`, a common code) comes before those of two
    /// (`RequestLimitExceeded.IPLimitExceeded`): the general answer before the particular ones.
    pub fn rank<'a>(&self, rows: impl IntoIterator<Item = &'a Row>) -> Vec<&'a Row> {
        if self.concepts.is_empty() {
            return Vec::new();
        }
        let rows: Vec<&Row> = rows.into_iter().collect();
        let mut hits: Vec<(Fit, &Row)> = rows
            .iter()
            .filter_map(|row| Some((self.fit(row)?, *row)))
            .collect();
        if hits.is_empty() {
            hits = rows
                .iter()
                .filter(|row| self.near(row))
                .map(|row| (Fit::Typo, *row))
                .collect();
        }
        let parts = |row: &Row| row.name.as_deref().map_or(0, |n| n.split('.').count());
        hits.sort_by_key(|&(fit, row)| (fit, parts(row)));
        hits.into_iter().map(|(_, row)| row).collect()
    }

    /// Every word that stands for a term, for highlighting (lowercase).
    pub fn highlight(&self) -> Vec<String> {
        self.concepts
            .iter()
            .flat_map(|c| c.words.iter().cloned())
            .collect()
    }

    /// How well `row` holds every concept: as well as it holds the one it holds worst.
    fn fit(&self, row: &Row) -> Option<Fit> {
        let words = row.name.as_deref().map(name_words);
        let meaning = meaning_texts(row, words.as_deref());
        let hints: Vec<&str> = [row.hint_en.as_deref(), row.hint_zh.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let mut worst = Fit::Word;
        for concept in &self.concepts {
            worst = worst.max(concept.fit(&meaning, &hints)?);
        }
        Some(worst)
    }

    /// Whether each concept is in `row`'s meaning, or is one typo away from a word of its
    /// English meaning.
    fn near(&self, row: &Row) -> bool {
        let words = row.name.as_deref().map(name_words);
        let meaning = meaning_texts(row, words.as_deref());
        self.concepts.iter().all(|c| {
            c.fit(&meaning, &[]).is_some()
                || row
                    .message_en
                    .as_deref()
                    .is_some_and(|en| near_word(en, &c.typed))
        })
    }
}

impl Concept {
    /// How well the best of its words is found: in the meaning, else in a hint.
    fn fit(&self, meaning: &[&str], hints: &[&str]) -> Option<Fit> {
        let mut best = None;
        for word in &self.words {
            for text in meaning {
                match find_word(text, word) {
                    Some(true) => return Some(Fit::Word),
                    Some(false) => best = Some(Fit::Start),
                    None => {}
                }
            }
        }
        if best.is_some() {
            return best;
        }
        // Hints are long prose: a word there must be whole ("token" is not "ClientToken").
        self.words
            .iter()
            .any(|w| hints.iter().any(|h| find_word(h, w) == Some(true)))
            .then_some(Fit::Hint)
    }
}

/// The texts that say what a row means: its Chinese description, its English meaning, and an
/// API 3.0 row's code with the words of that code.
fn meaning_texts<'a>(row: &'a Row, name_words: Option<&'a str>) -> Vec<&'a str> {
    [
        Some(row.message.as_str()),
        row.message_en.as_deref(),
        row.name.as_deref(),
        name_words,
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The synonym group that has `entry`.
fn group_of(entry: &str) -> Option<&'static [&'static str]> {
    synonyms::GROUPS
        .iter()
        .copied()
        .find(|group| group.contains(&entry))
}

/// Search terms as a person types them: lowercase, and split where the script changes, since
/// Chinese writes no spaces (`Token过期` is `token` and `过期`). A run of Chinese, Japanese or
/// Korean characters is matched as a substring.
pub fn search_terms(terms: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for term in terms {
        for word in term.split_whitespace() {
            let mut run = String::new();
            let mut run_cjk = None;
            for c in word.to_lowercase().chars() {
                let cjk = is_cjk(c);
                if run_cjk.is_some_and(|was| was != cjk) {
                    out.push(std::mem::take(&mut run));
                }
                run_cjk = Some(cjk);
                run.push(c);
            }
            if !run.is_empty() {
                out.push(run);
            }
        }
    }
    out.dedup();
    out
}

/// Whether `c` is written without spaces between words: Han, kana, Hangul and their punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// The words of an API 3.0 code, lowercase, one space apart: `AuthFailure.TokenFailure` is
/// "auth failure token failure", `RequestLimitExceeded.IPLimitExceeded` "request limit exceeded
/// ip limit exceeded".
fn name_words(name: &str) -> String {
    let bytes = name.as_bytes();
    let mut out = String::with_capacity(name.len() + 8);
    for (i, &b) in bytes.iter().enumerate() {
        if !b.is_ascii_alphanumeric() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        if i > 0 && bytes[i - 1].is_ascii_alphanumeric() && camel_at(bytes, i) {
            out.push(' ');
        }
        out.push(char::from(b.to_ascii_lowercase()));
    }
    out.truncate(out.trim_end().len());
    out
}

/// Whether `needle` (lowercase) is in `text` where a word starts, folding ASCII case:
/// `Some(true)` as a whole word, `Some(false)` only as the start of a longer one (or of a part
/// of a `CamelCase` word), `None` not at all. An end of the needle that is not an ASCII letter
/// or digit (Chinese, punctuation) needs no word boundary.
pub(crate) fn find_word(text: &str, needle: &str) -> Option<bool> {
    let (first, last) = (*needle.as_bytes().first()?, *needle.as_bytes().last()?);
    let (check_start, check_end) = (first.is_ascii_alphanumeric(), last.is_ascii_alphanumeric());
    let bytes = text.as_bytes();
    let mut found = None;
    let mut from = 0;
    while let Some(i) = find_folded(text, needle, from) {
        from = i + 1;
        if check_start && !starts_word(bytes, i) {
            continue;
        }
        let end = i + needle.len();
        if (!check_start || plain_edge(bytes, i)) && (!check_end || plain_edge(bytes, end)) {
            return Some(true);
        }
        found = Some(false);
    }
    found
}

/// Whether a word starts at byte `i` of `text`: after anything but an ASCII letter or digit,
/// or where `CamelCase` starts a part (`Stream|Type`, `IP|Limit`).
pub(crate) fn starts_word(text: &[u8], i: usize) -> bool {
    plain_edge(text, i) || camel_at(text, i)
}

/// Whether byte `i` is the edge of a run of ASCII letters and digits.
fn plain_edge(text: &[u8], i: usize) -> bool {
    i == 0
        || i >= text.len()
        || !text[i - 1].is_ascii_alphanumeric()
        || !text[i].is_ascii_alphanumeric()
}

/// Whether a part of a `CamelCase` word starts at byte `i`: an upper-case letter after a
/// lower-case one or a digit, or the last capital of a run before lower case (`IP|Limit`).
fn camel_at(text: &[u8], i: usize) -> bool {
    let (Some(&before), Some(&at)) = (i.checked_sub(1).and_then(|b| text.get(b)), text.get(i))
    else {
        return false;
    };
    at.is_ascii_uppercase()
        && (before.is_ascii_lowercase()
            || before.is_ascii_digit()
            || (before.is_ascii_uppercase() && text.get(i + 1).is_some_and(u8::is_ascii_lowercase)))
}

/// Whether a word of `text` is one edit from `term`, an English word of five letters or more: in
/// a shorter one, one edit makes a different word (`rate`, `date`).
fn near_word(text: &str, term: &str) -> bool {
    (5..=32).contains(&term.len())
        && term.bytes().all(|b| b.is_ascii_alphabetic())
        && text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| edit_distance(&word.to_ascii_lowercase(), term) <= 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Table;

    fn codes(table: &Table, terms: &[&str]) -> Vec<u32> {
        let terms: Vec<String> = terms.iter().map(|s| s.to_string()).collect();
        table.search(&terms).iter().map(|r| r.code).collect()
    }

    #[test]
    fn search_folds_ascii_case_and_ranks_whole_words_first() {
        let table = Table::builtin();
        let codes = |terms: &[&str]| codes(&table, terms);
        assert_eq!(codes(&["TOKEN"]), [41601, 41602]);
        assert_eq!(codes(&["组织"]), [41603, 41607, 41608, 41613, 40006]);
        assert_eq!(codes(&["expired"]), [41601, 42504, 52514]);
        assert_eq!(codes(&["offline"]), [41617, 41634]);
        assert_eq!(codes(&["ofline"]), [41617, 41634]);
        assert_eq!(codes(&["download", "url"]), [42503, 42504]);
        assert!(codes(&["nothing-like-this"]).is_empty());
        // Whole words first: "stream" only starts "StreamType" in 41633.
        assert_eq!(codes(&["stream"]), [41604, 41605, 41623, 52512, 41633]);
    }

    #[test]
    fn english_terms_match_where_a_word_starts() {
        let table = Table::builtin();
        let codes = |terms: &[&str]| codes(&table, terms);
        // "generate" (41601, 41623) and "date" (41627, a typo away) are not "rate".
        assert!(codes(&["rate"]).is_empty(), "{:?}", codes(&["rate"]));
        // The start of a word is enough: "expire" starts "expired", "limit" "limited".
        assert_eq!(codes(&["expire"]), [41601, 42504, 52514]);
        assert_eq!(codes(&["limit"]), [41622, 42507, 42508]);
        // Chinese is matched inside a longer run: it has no spaces between words.
        assert_eq!(codes(&["离线"]), [41617, 41634]);
        // Punctuation needs no boundary: "(got" and "0)" are the words of 50001.
        assert_eq!(codes(&["(got", "0)"]), [50001]);
    }

    #[test]
    fn a_word_of_the_synonym_map_finds_its_group() {
        let table = Table::builtin();
        let codes = |terms: &[&str]| codes(&table, terms);
        // 42502 says 权限 and "permission"; no legacy text says 未授权.
        assert_eq!(codes(&["未授权"]), [42502]);
        assert_eq!(codes(&["organization"]), codes(&["组织"]));
        assert_eq!(codes(&["GB/T", "28181"]), codes(&["国标"]));
        // 40002 says GB/T 28181 in its hint only.
        assert_eq!(codes(&["gb28181"]), [41626, 51602, 40002]);
        // "timed out" is "timeout", in either direction.
        assert_eq!(codes(&["timeout"]), [52505]);
        assert_eq!(codes(&["time", "out"]), [52505]);
        assert_eq!(codes(&["无效的Token"]), [41602]);
    }

    #[test]
    fn the_words_of_a_code_are_text() {
        let words = |name: &str| name_words(name);
        assert_eq!(words("RequestLimitExceeded"), "request limit exceeded");
        assert_eq!(
            words("AuthFailure.TokenFailure"),
            "auth failure token failure"
        );
        assert_eq!(
            words("RequestLimitExceeded.IPLimitExceeded"),
            "request limit exceeded ip limit exceeded"
        );
        assert_eq!(
            words("InvalidParameterValue.InvalidIpv4"),
            "invalid parameter value invalid ipv4"
        );
        assert_eq!(words("UnSupportedPTZCMD"), "un supported ptzcmd");
        assert_eq!(words(".a..B."), "a b");
        assert_eq!(words(""), "");
    }

    #[test]
    fn words_start_after_separators_and_at_camel_case_parts() {
        assert_eq!(find_word("Token expired", "token"), Some(true));
        assert_eq!(find_word("please generate a new token", "rate"), None);
        assert_eq!(
            find_word("StreamType and Resolution", "stream"),
            Some(false)
        );
        assert_eq!(find_word("StreamType and Resolution", "type"), Some(false));
        assert_eq!(find_word("IPLimitExceeded", "limit"), Some(false));
        assert_eq!(find_word("IPLimitExceeded", "plimit"), None);
        assert_eq!(find_word("ClientToken", "token"), Some(false));
        assert_eq!(find_word("无效的 Token", "无效的 token"), Some(true));
        assert_eq!(find_word("设备离线", "离线"), Some(true));
        assert_eq!(
            find_word("FailedOperation.RequestTimeout", "requesttimeout"),
            Some(true)
        );
        // Not stopped by the first occurrence that is inside a word.
        assert_eq!(find_word("generate rate", "rate"), Some(true));
        assert_eq!(find_word("", "rate"), None);
        assert_eq!(find_word("rate", ""), None);
        assert_eq!(find_word("é rate", "rate"), Some(true));
    }

    #[test]
    fn search_terms_split_where_the_script_changes() {
        let terms = |t: &[&str]| search_terms(&t.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(terms(&["Token过期"]), ["token", "过期"]);
        assert_eq!(terms(&["过期Token 设备"]), ["过期", "token", "设备"]);
        assert_eq!(terms(&["  ", ""]), Vec::<String>::new());
        assert_eq!(terms(&["COS的STS"]), ["cos", "的", "sts"]);
    }

    #[test]
    fn phrases_of_the_map_are_read_as_one_concept() {
        let search = |t: &[&str]| Search::new(&t.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let typed = |s: &Search| {
            s.concepts
                .iter()
                .map(|c| c.typed.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            typed(&search(&["rate", "limit", "exceeded"])),
            ["rate limit", "exceeded"]
        );
        assert_eq!(
            typed(&search(&["Too many  requests"])),
            ["too many requests"]
        );
        assert_eq!(typed(&search(&["limit", "rate"])), ["limit", "rate"]);
        let throttle = search(&["THROTTLE"]);
        assert_eq!(throttle.concepts[0].words[0], "throttle");
        assert!(throttle.highlight().contains(&"限流".to_string()));
        assert!(search(&[" "]).rank(Table::builtin().rows()).is_empty());
    }

    #[test]
    fn the_synonym_map_is_lowercase_single_spaced_and_each_entry_in_one_group() {
        let mut seen = std::collections::BTreeSet::new();
        for group in synonyms::GROUPS {
            assert!(group.len() >= 2, "{group:?}");
            for entry in *group {
                assert_eq!(*entry, entry.to_lowercase(), "{entry}");
                // As search_terms reads a phrase: split at spaces and where the script changes.
                assert_eq!(search_terms(&[entry.to_string()]).join(" "), *entry);
                assert!(seen.insert(*entry), "{entry} is in two groups");
            }
        }
    }
}
