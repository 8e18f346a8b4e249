//! The two languages of the product, the one catalog of its texts (`catalog.rs`), and `tr!`.
//!
//! Every layer — model, score, io, cli, ui — takes its words from the catalog. Code that makes a
//! message keeps what it is about (a typed problem, a name, a number) and renders it in a language
//! only when it is shown; a message that must outlive a language switch is a [`Message`], which
//! holds its text in both.

use serde::{Deserialize, Serialize};

mod catalog;
pub use catalog::T;

/// The window's title names the product in both languages, whichever is chosen.
pub const PRODUCT_TITLE: &str = "Scorecard Studio · 平衡计分卡设计器";

/// A catalog text in a language, with its `{holes}` filled by name:
/// `tr!(lang, ToastSaved, name = file_name)`. Without arguments it is the `&'static str`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $key:ident) => {
        $crate::i18n::T::$key.get($lang)
    };
    ($lang:expr, $key:ident, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::T::$key.fill($lang, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+])
    };
}

/// A message rendered in both languages when it is made, so that switching the language later
/// shows it in the new one (toasts, job results, refusals).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message {
    pub en: String,
    pub zh: String,
}

impl Message {
    /// The message `render` writes, in each language.
    pub fn new(render: impl Fn(Lang) -> String) -> Self {
        Self { en: render(Lang::En), zh: render(Lang::Zh) }
    }

    /// Text that reads the same in both languages: a name typed by the user, a path, or a
    /// system error the OS already wrote in the user's language.
    pub fn verbatim(text: impl Into<String>) -> Self {
        let text = text.into();
        Self { en: text.clone(), zh: text }
    }

    /// A catalog text without parameters.
    pub fn text(t: T) -> Self {
        Self { en: t.en().into(), zh: t.zh().into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// Lines of a message in both languages (a job's report, a list of findings).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageLines {
    pub en: Vec<String>,
    pub zh: Vec<String>,
}

impl MessageLines {
    pub fn new(render: impl Fn(Lang) -> Vec<String>) -> Self {
        Self { en: render(Lang::En), zh: render(Lang::Zh) }
    }

    pub fn get(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The language a locale string such as `zh_CN.UTF-8`, `zh-Hans` or `en_US` asks for.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.trim().to_ascii_lowercase().starts_with("zh") { Lang::Zh } else { Lang::En }
    }

    /// The language of the system locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), English when unset.
    pub fn from_environment() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |v| Lang::from_locale(&v))
    }

    /// The BCP 47 tag of the language, for a project's locale and an HTML page's `lang`.
    pub fn locale_tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's own name, for the language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_strings() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("zh-Hant-TW"), Lang::Zh);
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
    }
}
