//! Task list pages as they cross IPC: the query a page sends and the rows it
//! gets back. Pages are keyset-paged: a page ends with the cursor of its last
//! row, and the next page starts after it, so page 50,000 costs what page 1 does.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::backup::{ArchivePiece, BackupJob, RestoreJob};
use crate::overview::{BackupKind, TaskState};
use crate::progress::JobProgress;
use crate::{ClusterId, UtcMicros};

/// Where the next page starts: the last row's sort key and row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PageCursor {
    #[ts(type = "number")]
    pub key: i64,
    #[ts(type = "number")]
    pub row: i64,
}

/// The columns a recovery task list sorts by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RestoreSortKey {
    Id,
    #[default]
    StartTime,
    EndTime,
    RecoveryTime,
}

/// What a task list shows: one cluster (or all), one tenant of it (or all),
/// states, a range on the start time, and where the page starts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaskQuery {
    pub cluster_id: Option<ClusterId>,
    /// OceanBase's TENANT_ID within `cluster_id`.
    #[ts(type = "number | null")]
    pub ob_tenant_id: Option<i64>,
    /// Empty: any state.
    pub states: Vec<TaskState>,
    pub from: Option<UtcMicros>,
    pub to: Option<UtcMicros>,
    /// Recovery tasks only; backup tasks list newest first.
    pub sort: RestoreSortKey,
    pub ascending: bool,
    pub after: Option<PageCursor>,
    pub limit: u32,
    /// The task center's "Show imported history": rows of imported clusters, which
    /// are otherwise never listed beside live ones (each comes marked with its label).
    #[serde(default)]
    pub include_imported: bool,
}

/// A data backup task row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupTaskRow {
    pub cluster_id: ClusterId,
    pub cluster_name: String,
    /// The tenant's name when the cache knows it (a cluster-level parent job has none).
    pub tenant_name: Option<String>,
    pub state: TaskState,
    /// Who started it, from the desk's journal.
    pub source: TaskSource,
    /// A running job's phase and progress from the last sync's cached tasks; `None` when
    /// it is not running.
    pub progress: Option<JobProgress>,
    /// The import's label when the row is imported history, not the live cluster's.
    pub imported_from: Option<String>,
    pub job: BackupJob,
}

/// Who started a backup job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TaskSource {
    /// An operator, from the desk (Backup Now).
    Manual,
    /// A strategy's schedule.
    Scheduled,
    /// Not the desk: OCP, a script, the cluster's own history.
    OutsideTheDesk,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupTaskPage {
    pub rows: Vec<BackupTaskRow>,
    /// `None` on the last page.
    pub next: Option<PageCursor>,
}

/// A recovery task row: the seed's columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreTaskRow {
    /// The cache's row id: unique across clusters.
    #[ts(type = "number")]
    pub row: i64,
    /// The target cluster: where the restore ran.
    pub cluster_id: ClusterId,
    pub target_cluster: String,
    pub state: TaskState,
    pub backup_method: BackupKind,
    /// The instant restored to.
    pub recovery_time: Option<UtcMicros>,
    /// A running restore's phase and progress from its cached row; `None` when it is not
    /// running.
    pub progress: Option<JobProgress>,
    /// The import's label when the row is imported history, not the live cluster's.
    pub imported_from: Option<String>,
    /// `job.backup_dest` is the storage directory, redacted.
    pub job: RestoreJob,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreTaskPage {
    pub rows: Vec<RestoreTaskRow>,
    pub next: Option<PageCursor>,
}

/// A log backup row (from cached archive pieces, until archive rounds are cached).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogBackupRow {
    pub cluster_id: ClusterId,
    pub cluster_name: String,
    pub tenant_name: Option<String>,
    pub piece: ArchivePiece,
    pub start: Option<UtcMicros>,
    pub checkpoint: Option<UtcMicros>,
}
