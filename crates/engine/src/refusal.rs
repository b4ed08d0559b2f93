//! Why an operation did not happen: a stable code the UI branches on, a
//! message for the operator (credentials redacted), and the form field to
//! show it next to.

use desk_model::{words, InvalidInput, UtcMicros, Words};
use desk_oceanbase::{ObError, ObErrorCode};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OpErrorCode {
    /// A field breaks a rule; nothing was sent.
    InvalidInput,
    /// This server cannot back up at all (seekdb, not OceanBase).
    BackupNotSupported,
    /// Tenant backup on a cluster older than V3.2.2-20220304134610, or a 3.x cluster.
    VersionTooOld,
    NoBackupDestination,
    NoArchiveDestination,
    /// Data backup needs log backup running.
    LogBackupOff,
    LogBackupAlreadyOn,
    FullBackupNeeded,
    BackupRunning,
    NothingToCancel,
    /// The recovery time is outside the recoverable window (the nearest times are given).
    OutsideWindow,
    NothingRecoverable,
    TenantExists,
    TenantMissing,
    /// No restore job with that id on the cluster.
    JobMissing,
    /// No record with that id in the desk's cache (a strategy, a cluster).
    NotFound,
    /// The cache can be read but not written (a newer desk's, or a read-only file).
    CacheReadOnly,
    ZoneUnknown,
    ResourceNameTaken,
    NotFailed,
    /// A failed restore left its tenant behind: clean it up first.
    NeedsCleanUp,
    NotRestored,
    /// An earlier action on the same object is still in doubt or running.
    InDoubt,
    /// The storage destination carries credentials the desk does not have.
    CredentialsNeeded,
    Unreachable,
    /// The cluster refused the statement (its own words follow).
    ClusterRefused,
    Cache,
    /// A file the user chose could not be read or written (export, import).
    FileAccess,
    /// The chosen recovery target is imported history, or its release cannot restore
    /// the source's backups.
    TargetCannotRestore,
}

impl OpErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            OpErrorCode::InvalidInput => "INVALID_INPUT",
            OpErrorCode::BackupNotSupported => "BACKUP_NOT_SUPPORTED",
            OpErrorCode::VersionTooOld => "VERSION_TOO_OLD",
            OpErrorCode::NoBackupDestination => "NO_BACKUP_DESTINATION",
            OpErrorCode::NoArchiveDestination => "NO_ARCHIVE_DESTINATION",
            OpErrorCode::LogBackupOff => "LOG_BACKUP_OFF",
            OpErrorCode::LogBackupAlreadyOn => "LOG_BACKUP_ALREADY_ON",
            OpErrorCode::FullBackupNeeded => "FULL_BACKUP_NEEDED",
            OpErrorCode::BackupRunning => "BACKUP_RUNNING",
            OpErrorCode::NothingToCancel => "NOTHING_TO_CANCEL",
            OpErrorCode::OutsideWindow => "OUTSIDE_WINDOW",
            OpErrorCode::NothingRecoverable => "NOTHING_RECOVERABLE",
            OpErrorCode::TenantExists => "TENANT_EXISTS",
            OpErrorCode::TenantMissing => "TENANT_MISSING",
            OpErrorCode::JobMissing => "JOB_MISSING",
            OpErrorCode::NotFound => "NOT_FOUND",
            OpErrorCode::CacheReadOnly => "CACHE_READ_ONLY",
            OpErrorCode::ZoneUnknown => "ZONE_UNKNOWN",
            OpErrorCode::ResourceNameTaken => "RESOURCE_NAME_TAKEN",
            OpErrorCode::NotFailed => "NOT_FAILED",
            OpErrorCode::NeedsCleanUp => "NEEDS_CLEAN_UP",
            OpErrorCode::NotRestored => "NOT_RESTORED",
            OpErrorCode::InDoubt => "IN_DOUBT",
            OpErrorCode::CredentialsNeeded => "CREDENTIALS_NEEDED",
            OpErrorCode::Unreachable => "UNREACHABLE",
            OpErrorCode::ClusterRefused => "CLUSTER_REFUSED",
            OpErrorCode::Cache => "CACHE",
            OpErrorCode::FileAccess => "FILE_ACCESS",
            OpErrorCode::TargetCannotRestore => "TARGET_CANNOT_RESTORE",
        }
    }
}

/// The recoverable instants either side of a refused recovery time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NearestTimes {
    pub before: Option<UtcMicros>,
    pub after: Option<UtcMicros>,
}

/// Not sent over IPC as is: the shell turns it into its own error shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct OpError {
    pub code: OpErrorCode,
    /// For the operator, in every language (credentials redacted); `Display` is English.
    pub message: Words,
    pub field: Option<&'static str>,
    /// For `OUTSIDE_WINDOW`.
    pub nearest: Option<NearestTimes>,
}

impl OpError {
    pub fn new(code: OpErrorCode, message: Words) -> Self {
        OpError {
            code,
            message: message.map(desk_model::storage::redact),
            field: None,
            nearest: None,
        }
    }

    pub fn on(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }
}

impl From<InvalidInput> for OpError {
    fn from(e: InvalidInput) -> Self {
        OpError::new(OpErrorCode::InvalidInput, e.words()).on(e.field)
    }
}

impl From<desk_store::StoreError> for OpError {
    fn from(e: desk_store::StoreError) -> Self {
        use desk_store::StoreError;
        match e {
            // A rule the cache keeps is the user's input refused, by its field.
            StoreError::Invalid { field, rule } => {
                OpError::new(OpErrorCode::InvalidInput, Words::labelled(field, &rule)).on(field)
            }
            StoreError::ReadOnlyFile { .. } | StoreError::NewerSchema { .. } => {
                let said = e.words();
                let (en, zh) = (&said.en, &said.zh);
                OpError::new(OpErrorCode::CacheReadOnly, words!("{en}", "本地缓存为只读：{zh}"))
            }
            StoreError::NotFound { what, id } => OpError::new(
                OpErrorCode::NotFound,
                words!("{what} {id} is not in the desk's cache", "本地缓存中没有 {what} {id}"),
            ),
            e => {
                let said = e.words();
                let (en, zh) = (&said.en, &said.zh);
                OpError::new(
                    OpErrorCode::Cache,
                    words!("the desk's cache: {en}", "本地缓存出错：{zh}"),
                )
            }
        }
    }
}

impl From<ObError> for OpError {
    fn from(e: ObError) -> Self {
        let code = match e.code {
            ObErrorCode::InvalidInput if e.server_code.is_none() => OpErrorCode::InvalidInput,
            ObErrorCode::Timeout | ObErrorCode::ConnectionLost => OpErrorCode::Unreachable,
            ObErrorCode::BackupNotSupported => OpErrorCode::BackupNotSupported,
            _ => OpErrorCode::ClusterRefused,
        };
        let message = match e.server_code {
            Some(n) => {
                // The server's own words, the same in every language.
                let msg = &e.message.en;
                words!(
                    "the cluster refused it (error {n}): {msg}",
                    "集群拒绝了该操作（错误 {n}）：{msg}"
                )
            }
            None => e.message,
        };
        OpError {
            code,
            message,
            field: e.field,
            nearest: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use desk_model::backup::Scn;
    use desk_model::window::ScnRange;
    use desk_model::{Language, ObName};

    use crate::restore_ops::check_recovery_time;

    /// Said in both languages: the Chinese is its own sentence (not the
    /// English copied) and carries every fact the English carries.
    fn said_in_both(err: &OpError, facts: &[&str]) {
        let (en, zh) = (err.message.said_in(Language::EnUs), err.message.said_in(Language::ZhCn));
        assert_ne!(en, zh, "not translated: {en}");
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "no Chinese in {zh}"
        );
        for fact in facts {
            assert!(en.contains(fact), "{fact:?} missing from {en}");
            assert!(zh.contains(fact), "{fact:?} missing from {zh}");
        }
        assert_eq!(err.to_string(), en, "Display is English");
    }

    #[test]
    fn refusals_are_said_in_english_and_chinese_with_the_same_facts() {
        let tenant = "trade";
        let job = 4242;
        let running = OpError::new(
            OpErrorCode::BackupRunning,
            words!(
                "a data backup of tenant {tenant} is already running (job {job})",
                "租户 {tenant} 已有数据备份正在运行（任务 {job}）"
            ),
        );
        said_in_both(&running, &["trade", "4242"]);

        let nothing = check_recovery_time(&[], UtcMicros(1_700_000_000_000_000), "audit_db").unwrap_err();
        assert_eq!(
            (nothing.code, nothing.field),
            (OpErrorCode::NothingRecoverable, Some("until"))
        );
        said_in_both(&nothing, &["audit_db"]);

        // Outside the window: the same times, with their offset, in both languages.
        let window = [
            ScnRange {
                start: Scn::from_micros(UtcMicros(1_000_000)),
                end: Scn::from_micros(UtcMicros(2_000_000)),
            },
            ScnRange {
                start: Scn::from_micros(UtcMicros(5_000_000)),
                end: Scn::from_micros(UtcMicros(6_000_000)),
            },
        ];
        let outside = check_recovery_time(&window, UtcMicros(3_000_000), "trade").unwrap_err();
        assert_eq!(outside.code, OpErrorCode::OutsideWindow);
        said_in_both(
            &outside,
            &[
                "trade",
                "1970-01-01 00:00:03.000000 +00:00",
                "1970-01-01 00:00:02.000000 +00:00",
                "1970-01-01 00:00:05.000000 +00:00",
            ],
        );
        assert!(
            outside.message.en.contains("the nearest recoverable times are"),
            "{}",
            outside.message
        );
        assert!(
            outside.message.zh.contains("最近的可恢复时间为"),
            "{}",
            outside.message.zh
        );
    }

    #[test]
    fn converted_errors_keep_both_languages_and_their_field() {
        let invalid: OpError = ObName::user_tenant("targetTenant", "sys").unwrap_err().into();
        assert_eq!(
            (invalid.code, invalid.field),
            (OpErrorCode::InvalidInput, Some("targetTenant"))
        );
        said_in_both(&invalid, &["targetTenant", "\"sys\""]);

        // A server's own words are not translated, but the desk's sentence around them is.
        let refused: OpError = ObError::from_server(9999, "backup destination is not empty").into();
        assert_eq!(refused.code, OpErrorCode::ClusterRefused);
        said_in_both(&refused, &["9999", "backup destination is not empty"]);
        assert_eq!(
            refused.message.en,
            "the cluster refused it (error 9999): backup destination is not empty"
        );

        let cache: OpError = desk_store::StoreError::NotFound { what: "cluster", id: 7 }.into();
        assert_eq!(cache.code, OpErrorCode::NotFound);
        said_in_both(&cache, &["7"]);
    }

    #[test]
    fn credentials_are_redacted_in_every_language() {
        let uri = "oss://b/p?host=h&access_id=AK1&access_key=Pl4nted";
        let err = OpError::new(
            OpErrorCode::ClusterRefused,
            words!("cannot reach {uri}", "无法访问 {uri}"),
        );
        for text in [&err.message.en, &err.message.zh] {
            assert!(!text.contains("Pl4nted") && !text.contains("AK1"), "{text}");
            assert!(text.contains("access_key=***"), "{text}");
        }
    }
}
