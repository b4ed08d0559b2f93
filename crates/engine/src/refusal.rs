//! Why an operation did not happen: a stable code the UI branches on, a
//! message for the operator (credentials redacted), and the form field to
//! show it next to.

use desk_model::{InvalidInput, UtcMicros};
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct OpError {
    pub code: OpErrorCode,
    pub message: String,
    pub field: Option<&'static str>,
    /// For `OUTSIDE_WINDOW`.
    pub nearest: Option<NearestTimes>,
}

impl OpError {
    pub fn new(code: OpErrorCode, message: impl AsRef<str>) -> Self {
        OpError {
            code,
            message: desk_model::storage::redact(message.as_ref()),
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
        OpError::new(OpErrorCode::InvalidInput, e.to_string()).on(e.field)
    }
}

impl From<desk_store::StoreError> for OpError {
    fn from(e: desk_store::StoreError) -> Self {
        OpError::new(OpErrorCode::Cache, format!("the desk's cache: {e}"))
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
            Some(n) => format!("the cluster refused it (error {n}): {}", e.message),
            None => e.message.clone(),
        };
        OpError {
            code,
            message,
            field: e.field,
            nearest: None,
        }
    }
}
