//! What the desk says to an operator, in every language the UI offers.
//!
//! A sentence is written once per language where its facts are known (a
//! refusal beside the check that refuses), and both travel to the UI, which
//! shows the one of the current language: switching language re-words what
//! is already on screen, and nothing in Rust needs to know the choice.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Language;

/// One sentence in each language of [`Language::ALL`]. Keyed by the language
/// codes the UI uses, so the UI picks with `words[language]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct Words {
    #[serde(rename = "en-US")]
    pub en: String,
    #[serde(rename = "zh-CN")]
    pub zh: String,
}

impl Words {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Words {
            en: en.into(),
            zh: zh.into(),
        }
    }

    pub fn said_in(&self, language: Language) -> &str {
        match language {
            Language::EnUs => &self.en,
            Language::ZhCn => &self.zh,
        }
    }

    /// The same change applied to every language (for example redaction).
    pub fn map(self, f: impl Fn(&str) -> String) -> Self {
        Words {
            en: f(&self.en),
            zh: f(&self.zh),
        }
    }

    /// `label: rule` in each language (`label：rule` in Chinese): a refusal
    /// that names the field, place or row it is about.
    pub fn labelled(label: &str, rule: &Words) -> Self {
        Words {
            en: format!("{label}: {}", rule.en),
            zh: format!("{label}：{}", rule.zh),
        }
    }

    /// Words that are the same in every language: a name, a number, or a
    /// server's own message, which the desk does not translate.
    pub fn verbatim(text: impl Into<String>) -> Self {
        let text = text.into();
        Words {
            en: text.clone(),
            zh: text,
        }
    }
}

/// English, for logs, the CLI and tests.
impl fmt::Display for Words {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// `words!("tenant {name} has …", "租户 {name} …")`: both sentences formatted
/// with the same captured values.
#[macro_export]
macro_rules! words {
    ($en:literal, $zh:literal $(,)?) => {
        $crate::words::Words::new(format!($en), format!($zh))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_gets_its_own_sentence_with_the_same_facts() {
        let tenant = "audit";
        let w = words!("tenant {tenant} has no backup", "租户 {tenant} 没有备份");
        assert_eq!(w.said_in(Language::EnUs), "tenant audit has no backup");
        assert_eq!(w.said_in(Language::ZhCn), "租户 audit 没有备份");
        assert_eq!(w.to_string(), "tenant audit has no backup");
    }

    #[test]
    fn crosses_ipc_keyed_by_the_ui_language_codes() {
        let w = Words::new("a", "甲");
        let json = serde_json::to_value(&w).unwrap();
        assert_eq!(json, serde_json::json!({"en-US": "a", "zh-CN": "甲"}));
        for l in Language::ALL {
            let key = serde_json::to_value(l).unwrap();
            assert!(json.get(key.as_str().unwrap()).is_some(), "{l:?} has no words");
        }
    }
}
