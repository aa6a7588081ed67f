//! The language of human output: `--lang`, else the locale variables. It is decided once per
//! process ([`Lang::set_current`]). Every text errcode writes in its own words goes through
//! [`t!`](crate::t), the one way to say a thing in both languages: in the process's language,
//! or in the one output code was handed.

/// The language descriptions and hints are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Chinese: the table's own text.
    Zh,
    /// English, with the original Chinese text beside it.
    En,
}

/// The language decided for this process; unset means the locale's.
static CURRENT: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// A text in English or Chinese, the one way errcode words what it says in both languages.
/// `t!("en {x}", "中文 {x}")` formats one of the two in the process's language
/// (`Lang::current()`); `t!(lang; "en {x}", "中文 {x}")` in `lang`, for code that is handed its
/// language (output takes `settings.lang`, so that its tests can render either).
#[macro_export]
macro_rules! t {
    ($en:literal, $zh:literal $(,)?) => {
        $crate::t!($crate::lang::Lang::current(); $en, $zh)
    };
    ($lang:expr; $en:literal, $zh:literal $(,)?) => {
        match $lang {
            $crate::lang::Lang::En => format!($en),
            $crate::lang::Lang::Zh => format!($zh),
        }
    };
}

impl Lang {
    /// Sets the language of errcode's messages for this process; the first call wins.
    pub fn set_current(lang: Lang) {
        CURRENT.set(lang).ok();
    }

    /// The language of errcode's messages: as set, else the locale's (in unit tests, English,
    /// whatever the machine's locale).
    pub fn current() -> Lang {
        *CURRENT.get_or_init(|| match cfg!(test) {
            true => Lang::En,
            false => Lang::from_env(|name| std::env::var(name).ok()),
        })
    }

    /// The language the locale asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set
    /// and not empty; `zh…` means Chinese, anything else (or nothing) English.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| get(name))
            .find(|value| !value.is_empty());
        match locale {
            Some(value) if value.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn locale_order_is_lc_all_then_lc_messages_then_lang() {
        assert_eq!(Lang::from_env(env(&[])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(
            Lang::from_env(env(&[
                ("LANG", "zh_CN.UTF-8"),
                ("LC_MESSAGES", "en_US.UTF-8")
            ])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env(env(&[("LANG", "en_US"), ("LC_ALL", "zh_TW.UTF-8")])),
            Lang::Zh
        );
        assert_eq!(
            Lang::from_env(env(&[("LC_ALL", ""), ("LANG", "zh_CN")])),
            Lang::Zh
        );
        assert_eq!(Lang::from_env(env(&[("LANG", "C.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LANG", "ZH_cn")])), Lang::Zh);
    }

    #[test]
    fn t_with_a_language_formats_that_one_whatever_the_current() {
        let (n, name) = (3, "a.log");
        assert_eq!(
            t!(Lang::En; "{n} in {name}", "{name} 中 {n} 个"),
            "3 in a.log"
        );
        assert_eq!(
            t!(Lang::Zh; "{n} in {name}", "{name} 中 {n} 个"),
            "a.log 中 3 个"
        );
        // Unit tests' current language is English: the explicit one wins over it.
        assert_eq!(Lang::current(), Lang::En);
        assert_eq!(t!(Lang::Zh; "plain", "纯文本",), "纯文本");
        assert_eq!(t!("plain", "纯文本"), "plain");
        // The language is an expression, read once.
        let mut reads = 0;
        let mut lang = || {
            reads += 1;
            Lang::Zh
        };
        assert_eq!(t!(lang(); "en", "中"), "中");
        assert_eq!(reads, 1);
    }
}
