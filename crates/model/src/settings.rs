//! User settings: what the Settings page edits.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::notices::NoticeSettings;

/// Languages the UI is translated into. One list: the Settings page offers
/// exactly these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum Language {
    #[serde(rename = "en-US")]
    EnUs,
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Language {
    pub const ALL: &'static [Language] = &[Language::EnUs, Language::ZhCn];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// IANA zone every time on screen is shown in, with its offset.
    pub time_zone: String,
    pub language: Language,
    /// Run the built-in sandbox: emulated clusters in this process.
    pub sandbox: bool,
    /// Which desktop notices to show.
    pub notices: NoticeSettings,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("timeZone: {0:?} is not an IANA time zone name (for example Asia/Shanghai or UTC)")]
    UnknownTimeZone(String),
}

impl SettingsError {
    /// The settings field the error is about, for the UI to mark.
    pub fn field(&self) -> &'static str {
        match self {
            SettingsError::UnknownTimeZone(_) => "timeZone",
        }
    }

    pub fn words(&self) -> crate::Words {
        match self {
            SettingsError::UnknownTimeZone(zone) => crate::words!(
                "timeZone: {zone:?} is not an IANA time zone name (for example Asia/Shanghai or UTC)",
                "timeZone：{zone:?} 不是 IANA 时区名称（例如 Asia/Shanghai 或 UTC）"
            ),
        }
    }
}

impl Settings {
    /// Defaults for a first start; the system zone is passed in (model reads
    /// no environment) and replaced by UTC when it is not a valid IANA name.
    pub fn defaults(system_zone: Option<&str>) -> Self {
        let time_zone = system_zone
            .filter(|z| validate_time_zone(z).is_ok())
            .unwrap_or("UTC")
            .to_owned();
        Self {
            time_zone,
            language: Language::EnUs,
            sandbox: true,
            notices: NoticeSettings::default(),
        }
    }

    pub fn validate(&self) -> Result<(), SettingsError> {
        validate_time_zone(&self.time_zone)
    }
}

pub fn validate_time_zone(zone: &str) -> Result<(), SettingsError> {
    zone.parse::<chrono_tz::Tz>()
        .map(|_| ())
        .map_err(|_| SettingsError::UnknownTimeZone(zone.to_owned()))
}

/// Every IANA zone name the desk accepts, for the Settings page's picker.
pub fn time_zone_names() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_take_the_system_zone_when_valid() {
        assert_eq!(Settings::defaults(Some("Asia/Shanghai")).time_zone, "Asia/Shanghai");
        assert_eq!(Settings::defaults(Some("Not/AZone")).time_zone, "UTC");
        assert_eq!(Settings::defaults(None).time_zone, "UTC");
    }

    #[test]
    fn a_bad_zone_is_refused_naming_the_field() {
        let s = Settings {
            time_zone: "Mars/Olympus".into(),
            language: Language::EnUs,
            sandbox: true,
            notices: NoticeSettings::default(),
        };
        let err = s.validate().unwrap_err();
        assert_eq!(err.field(), "timeZone");
        assert!(err.to_string().contains("Mars/Olympus"));
    }

    #[test]
    fn language_crosses_json_as_its_tag() {
        assert_eq!(serde_json::to_string(&Language::EnUs).unwrap(), "\"en-US\"");
        assert_eq!(serde_json::to_string(&Language::ZhCn).unwrap(), "\"zh-CN\"");
        assert!(time_zone_names().contains(&"Europe/Berlin"));
    }
}
