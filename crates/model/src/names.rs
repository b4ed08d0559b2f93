//! Names that go into OceanBase SQL as identifiers: tenants, resource pools,
//! units and zones. Validated before any statement is built, so a bad name is
//! an error naming the field and nothing is sent.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::words;
use crate::words::Words;

/// OceanBase's limit for tenant, pool, unit and zone names (OB_MAX_TENANT_NAME_LENGTH
/// and friends are 64 or more; the desk keeps to the strictest).
pub const MAX_NAME_LEN: usize = 64;

/// A validated OceanBase identifier: ASCII letter or `_` first, then ASCII
/// letters, digits and `_`, at most 64 characters. This is stricter than
/// OceanBase (which accepts some quoted forms) on purpose: such a name can be
/// written into `ALTER SYSTEM` text without quoting and never needs escaping.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
#[serde(transparent)]
#[ts(type = "string")]
pub struct ObName(String);

/// A refused input: which field, and the rule it broke.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {rule}")]
pub struct InvalidInput {
    pub field: &'static str,
    pub rule: Words,
}

impl InvalidInput {
    pub fn new(field: &'static str, rule: Words) -> Self {
        Self { field, rule }
    }

    /// The refusal as the operator reads it: the field, then the rule.
    pub fn words(&self) -> Words {
        Words::labelled(self.field, &self.rule)
    }
}

/// Shows at most 40 characters of a refused value, so a 10,000-character
/// input does not become a 10,000-character error.
fn shown(value: &str) -> String {
    let mut s: String = value.chars().take(40).collect();
    if value.chars().count() > 40 {
        s.push('…');
    }
    format!("{s:?}")
}

/// The one rule for a cluster's name in the desk (added by hand, synced by address, or
/// named in an import file): 1 to 64 letters, digits, '-', '_' or '.'. It becomes part of
/// an imported cluster's `<cluster>@<label>` and of file names, never of SQL.
pub fn check_cluster_name(field: &'static str, value: &str) -> Result<(), InvalidInput> {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if value.is_empty() || value.len() > 64 || !value.chars().all(ok) {
        return Err(InvalidInput::new(
            field,
            words!(
                "1 to 64 letters, digits, '-', '_' or '.'",
                "须为 1 到 64 个字母、数字、'-'、'_' 或 '.'"
            ),
        ));
    }
    Ok(())
}

impl ObName {
    /// Validates `value` as the name in `field` (e.g. `"tenantName"`).
    pub fn parse(field: &'static str, value: &str) -> Result<ObName, InvalidInput> {
        if value.is_empty() {
            return Err(InvalidInput::new(field, words!("must not be empty", "不能为空")));
        }
        if value.chars().count() > MAX_NAME_LEN {
            return Err(InvalidInput::new(field, {
                let got = value.chars().count();
                words!(
                    "must be at most {MAX_NAME_LEN} characters (got {got})",
                    "最多 {MAX_NAME_LEN} 个字符（实际为 {got} 个）"
                )
            }));
        }
        let mut chars = value.chars();
        let first = chars.next().unwrap_or_default();
        if !(first.is_ascii_alphabetic() || first == '_') {
            return Err(InvalidInput::new(field, {
                let shown = shown(value);
                words!(
                    "{shown} must start with an ASCII letter or underscore",
                    "{shown} 必须以 ASCII 字母或下划线开头"
                )
            }));
        }
        if let Some(bad) = value.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '_')) {
            return Err(InvalidInput::new(field, {
                let shown = shown(value);
                words!(
                    "{shown} may contain only ASCII letters, digits and underscores ({bad:?} is not allowed)",
                    "{shown} 只能包含 ASCII 字母、数字和下划线（不允许 {bad:?}）"
                )
            }));
        }
        Ok(ObName(value.to_owned()))
    }

    /// A user tenant name: also not one OceanBase reserves.
    pub fn user_tenant(field: &'static str, value: &str) -> Result<ObName, InvalidInput> {
        let name = Self::parse(field, value)?;
        let lower = value.to_ascii_lowercase();
        if lower == "sys" || lower.starts_with("meta$") || lower == "all" || lower == "all_user" || lower == "all_meta"
        {
            return Err(InvalidInput::new(
                field,
                words!(
                    "{value:?} is reserved by OceanBase",
                    "{value:?} 是 OceanBase 的保留名称"
                ),
            ));
        }
        Ok(name)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ObName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ObName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ObName::parse("name", &s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ordinary_names_pass() {
        for ok in ["t1", "trade", "_tmp", "Trade_DR_2", &"a".repeat(64)] {
            assert_eq!(ObName::parse("tenantName", ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn hostile_names_are_refused_naming_the_field() {
        let hostile = [
            "",
            "t1'",
            "t1`",
            "t1; DROP TENANT t2",
            "t1 -- x",
            "t1/*x*/",
            "t1#x",
            "t1\nALTER",
            "1abc",
            "tеnant", // Cyrillic 'е', a look-alike
            "ｔ1",    // full-width
            "t-1",
            "t 1",
            "t\u{0}",
        ];
        for bad in hostile {
            let err = ObName::parse("poolName", bad).unwrap_err();
            assert_eq!(err.field, "poolName", "{bad:?}");
        }
        let long = "a".repeat(10_000);
        let err = ObName::parse("tenantName", &long).unwrap_err();
        assert!(err.to_string().len() < 200, "the error stays short: {err}");
    }

    #[test]
    fn reserved_tenant_names_are_refused() {
        for r in ["sys", "SYS", "META$1002", "all_user"] {
            assert!(ObName::user_tenant("tenantName", r).is_err(), "{r}");
        }
        assert!(ObName::user_tenant("tenantName", "system_db").is_ok());
    }

    proptest! {
        #[test]
        fn any_accepted_name_is_plain_ascii_identifier(s in "\\PC{0,80}") {
            if let Ok(n) = ObName::parse("x", &s) {
                prop_assert!(n.as_str().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
                prop_assert!(n.as_str().len() <= MAX_NAME_LEN);
            }
        }
    }
}
