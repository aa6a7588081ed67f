//! The words shown for the table's category slugs and retry classes: the slug itself in
//! English, a label in Chinese. The slugs stay what JSON, plain columns and table files carry;
//! filters take either.

use crate::lang::Lang;
use crate::table::Retry;

/// Each category slug of the built-in tables, with its Chinese label.
pub const CATEGORIES: &[(&str, &str)] = &[
    ("auth", "鉴权"),
    ("certificate", "证书"),
    ("channel", "通道"),
    ("client", "客户端"),
    ("device", "设备"),
    ("domain", "域名"),
    ("download", "下载"),
    ("feature", "功能开通"),
    ("gateway", "网关"),
    ("http", "HTTP 层"),
    ("import", "导入"),
    ("internal", "内部错误"),
    ("network", "网络"),
    ("organisation", "组织"),
    ("parameter", "参数"),
    ("quota", "配额"),
    ("rate-limit", "限频"),
    ("recording", "录像"),
    ("request", "请求"),
    ("resource", "资源"),
    ("stream", "流"),
    ("success", "成功"),
];

/// Each retry class, with its Chinese label.
pub const RETRIES: [(Retry, &str); 3] = [
    (Retry::Never, "不可重试"),
    (Retry::AfterFix, "修复后重试"),
    (Retry::Backoff, "退避重试"),
];

/// What a summary counts a code under when the table gives it no category or retry class.
pub const UNKNOWN: (&str, &str) = ("unknown", "未知");

/// The word for a category slug (or `unknown`) in `lang`; a slug with no label (a user table's
/// own) is shown as it is.
pub fn category(slug: &str, lang: Lang) -> &str {
    match lang {
        Lang::En => slug,
        Lang::Zh => CATEGORIES
            .iter()
            .chain([&UNKNOWN])
            .find(|(s, _)| *s == slug)
            .map_or(slug, |(_, zh)| zh),
    }
}

/// The word for a retry class in `lang`.
pub fn retry(retry: Retry, lang: Lang) -> &'static str {
    match lang {
        Lang::En => retry.as_str(),
        Lang::Zh => RETRIES
            .iter()
            .find(|(r, _)| *r == retry)
            .map_or(retry.as_str(), |(_, zh)| zh),
    }
}

/// The word for a name `--group` counts under (a category slug, a retry slug, `success` or
/// `unknown`) in `lang`.
pub fn group(name: &str, lang: Lang) -> &str {
    match RETRIES.iter().find(|(r, _)| r.as_str() == name) {
        Some(&(r, _)) => retry(r, lang),
        None => category(name, lang),
    }
}

/// The category slug a `--category` value names: the value when it is one of `known` (a user
/// table may name its own), else the slug of the Chinese label it is, else the value as given.
pub fn category_slug<'v>(value: &'v str, known: &[&str]) -> &'v str {
    if known.contains(&value) {
        return value;
    }
    CATEGORIES
        .iter()
        .find(|(_, zh)| *zh == value.trim())
        .map_or(value, |(slug, _)| slug)
}

/// The `known` categories as a usage error lists them: in Chinese, each label with its slug.
pub fn known_list(known: &[&str], lang: Lang) -> String {
    let words: Vec<String> = known
        .iter()
        .map(|slug| match category(slug, lang) {
            label if label == *slug => crate::text::escape(slug).into_owned(),
            label => format!("{label}（{slug}）"),
        })
        .collect();
    words.join(&crate::t!(lang; ", ", "、"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_category_has_a_label_and_labels_are_distinct() {
        let table = crate::table::Table::builtin();
        let v3 = crate::table::v3::V3Table::builtin();
        let slugs = table
            .rows()
            .iter()
            .chain(v3.rows())
            .filter_map(|r| r.category.as_deref());
        for slug in slugs {
            assert_ne!(
                category(slug, Lang::Zh),
                slug,
                "{slug} has no Chinese label"
            );
        }
        let mut zh: Vec<&str> = CATEGORIES.iter().map(|(_, z)| *z).collect();
        zh.extend(RETRIES.iter().map(|(_, z)| *z));
        zh.push(UNKNOWN.1);
        let count = zh.len();
        zh.sort_unstable();
        zh.dedup();
        assert_eq!(zh.len(), count, "a label names two things");
    }

    #[test]
    fn english_shows_the_slug_chinese_the_label() {
        assert_eq!(category("device", Lang::En), "device");
        assert_eq!(category("device", Lang::Zh), "设备");
        assert_eq!(category("unknown", Lang::Zh), "未知");
        assert_eq!(category("mine", Lang::Zh), "mine");
        assert_eq!(retry(Retry::AfterFix, Lang::Zh), "修复后重试");
        assert_eq!(retry(Retry::AfterFix, Lang::En), "after-fix");
        assert_eq!(group("backoff", Lang::Zh), "退避重试");
        assert_eq!(group("success", Lang::Zh), "成功");
        assert_eq!(group("unknown", Lang::En), "unknown");
    }

    #[test]
    fn a_label_names_its_slug_and_anything_else_stays() {
        let known = ["device", "rate-limit", "设备x"];
        assert_eq!(category_slug("设备", &known), "device");
        assert_eq!(category_slug(" 限频 ", &known), "rate-limit");
        assert_eq!(category_slug("device", &known), "device");
        assert_eq!(category_slug("设", &known), "设");
        assert_eq!(category_slug("", &known), "");
        assert_eq!(category_slug("\u{1b}[2J", &known), "\u{1b}[2J");
        // A user table's own category that is also a label keeps its own meaning.
        assert_eq!(category_slug("设备", &["设备"]), "设备");
    }

    #[test]
    fn known_categories_are_listed_with_labels_in_chinese() {
        let known = ["device", "mine\u{1b}"];
        assert_eq!(known_list(&known, Lang::En), "device, mine\\u001b");
        assert_eq!(known_list(&known, Lang::Zh), "设备（device）、mine\\u001b");
    }
}
