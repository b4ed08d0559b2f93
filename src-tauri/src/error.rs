//! The one error shape that crosses IPC: a stable code the UI branches on,
//! a message for people, and the input field it is about, if any.

use desk_engine::{NearestTimes, OpError, OpErrorCode};
use desk_model::{words, SettingsError, Words};
use desk_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// Stable error codes. The UI matches on these, never on message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// The input broke a rule; `field` names which input.
    InvalidInput,
    NotFound,
    /// The cache was written by a newer desk; reads work, writes are refused.
    CacheReadOnly,
    /// The cache could not be opened at all (for example another instance holds it).
    CacheUnavailable,
    /// The settings file could not be read or written.
    SettingsUnavailable,
    Internal,
}

/// The shell's own codes, or why an operation on a cluster did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(untagged)]
pub enum IpcCode {
    Shell(ErrorCode),
    Operation(OpErrorCode),
}

impl From<ErrorCode> for IpcCode {
    fn from(c: ErrorCode) -> Self {
        IpcCode::Shell(c)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{code:?}: {message}")]
pub struct IpcError {
    pub code: IpcCode,
    /// In every language: the UI shows the current one.
    pub message: Words,
    pub field: Option<String>,
    /// For a recovery time outside the window: the nearest recoverable times.
    pub nearest: Option<NearestTimes>,
}

impl IpcError {
    pub fn new(code: impl Into<IpcCode>, message: Words) -> Self {
        Self {
            code: code.into(),
            message,
            field: None,
            nearest: None,
        }
    }

    pub fn invalid(field: &str, message: Words) -> Self {
        Self {
            code: IpcCode::Shell(ErrorCode::InvalidInput),
            message,
            field: Some(field.to_owned()),
            nearest: None,
        }
    }
}

impl From<OpError> for IpcError {
    fn from(e: OpError) -> Self {
        IpcError {
            code: IpcCode::Operation(e.code),
            message: e.message,
            field: e.field.map(str::to_owned),
            nearest: e.nearest,
        }
    }
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::NewerSchema { .. } | StoreError::ReadOnlyFile { .. } => ErrorCode::CacheReadOnly,
            StoreError::Invalid { field, .. } => return IpcError::invalid(field, e.words()),
            StoreError::NotFound { .. } => ErrorCode::NotFound,
            StoreError::Open { .. }
            | StoreError::SetAside { .. }
            | StoreError::Lock { .. }
            | StoreError::FreshCacheDamaged { .. }
            | StoreError::Unavailable { .. } => ErrorCode::CacheUnavailable,
            StoreError::Migration(_) | StoreError::Sql(_) | StoreError::WriteOnReader | StoreError::Readers(_) => {
                ErrorCode::Internal
            }
        };
        // The cache's own account (paths, SQLite's words) stays as it is.
        IpcError::new(code, words!("{e}", "本地缓存出错：{e}"))
    }
}

impl From<SettingsError> for IpcError {
    fn from(e: SettingsError) -> Self {
        IpcError::invalid(e.field(), e.words())
    }
}
