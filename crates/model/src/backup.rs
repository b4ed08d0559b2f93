//! What a cluster's backup and restore views say, as desk types.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::status::{
    ArchiveStatus, BackupJobStatus, BackupSetStatus, BackupTaskStatus, BackupType, FileStatus, PieceStatus,
    RestoreStatus,
};
use crate::UtcMicros;

/// An OceanBase SCN: nanoseconds since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "number")]
pub struct Scn(pub u64);

impl Scn {
    /// OceanBase writes this for "no upper bound yet" (INT64_MAX >> 1 and friends).
    pub const MAX_VALID: u64 = 4_611_686_018_427_387_903;

    /// `None` for OceanBase's sentinels (0 and the max values).
    pub fn to_micros(self) -> Option<UtcMicros> {
        if self.0 == 0 || self.0 >= Self::MAX_VALID {
            None
        } else {
            Some(UtcMicros((self.0 / 1_000) as i64))
        }
    }

    /// Saturates below OceanBase's sentinels: a time past 2116 is the last valid SCN, never
    /// a wrapped one that could land inside a window.
    pub fn from_micros(t: UtcMicros) -> Scn {
        Scn((t.0.max(0) as u64).saturating_mul(1_000).min(Self::MAX_VALID - 1))
    }
}

/// A row of `CDB_OB_BACKUP_JOBS` (running) or `CDB_OB_BACKUP_JOB_HISTORY` (finished).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupJob {
    #[ts(type = "number")]
    pub tenant_id: i64,
    #[ts(type = "number")]
    pub job_id: i64,
    #[ts(type = "number")]
    pub incarnation: i64,
    #[ts(type = "number")]
    pub backup_set_id: i64,
    pub plus_archivelog: bool,
    pub backup_type: BackupType,
    /// CLUSTER or USER_TENANT.
    pub job_level: String,
    pub encryption_mode: String,
    pub start: Option<UtcMicros>,
    pub end: Option<UtcMicros>,
    pub status: BackupJobStatus,
    /// OceanBase's result code (0 = success).
    #[ts(type = "number")]
    pub result: i64,
    pub comment: String,
    pub description: String,
    /// The backup destination, redacted.
    pub path: String,
}

/// A row of `CDB_OB_BACKUP_TASKS`: the progress of one tenant's backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupTask {
    #[ts(type = "number")]
    pub tenant_id: i64,
    #[ts(type = "number")]
    pub task_id: i64,
    #[ts(type = "number")]
    pub job_id: i64,
    #[ts(type = "number")]
    pub backup_set_id: i64,
    pub status: BackupTaskStatus,
    pub start: Option<UtcMicros>,
    pub end: Option<UtcMicros>,
    #[ts(type = "number")]
    pub input_bytes: u64,
    #[ts(type = "number")]
    pub output_bytes: u64,
    #[ts(type = "number")]
    pub tablet_count: u64,
    #[ts(type = "number")]
    pub finish_tablet_count: u64,
    #[ts(type = "number")]
    pub macro_block_count: u64,
    #[ts(type = "number")]
    pub finish_macro_block_count: u64,
    /// Per mille, 0..=1000, as far as the data phase has come.
    pub data_progress_permille: u16,
    pub comment: String,
}

/// A row of `CDB_OB_BACKUP_SET_FILES`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSetFile {
    #[ts(type = "number")]
    pub tenant_id: i64,
    #[ts(type = "number")]
    pub backup_set_id: i64,
    pub backup_type: BackupType,
    /// The data backup destination the set was written to (DEST_ID; 0 when the release
    /// does not say). A restore reads the sets of one destination.
    #[ts(type = "number")]
    pub dest_id: i64,
    #[ts(type = "number")]
    pub prev_full_backup_set_id: i64,
    #[ts(type = "number")]
    pub prev_inc_backup_set_id: i64,
    pub start: Option<UtcMicros>,
    pub end: Option<UtcMicros>,
    pub status: BackupSetStatus,
    pub file_status: FileStatus,
    pub plus_archivelog: bool,
    pub start_replay_scn: Scn,
    pub min_restore_scn: Scn,
    #[ts(type = "number")]
    pub input_bytes: u64,
    #[ts(type = "number")]
    pub output_bytes: u64,
    /// Redacted.
    pub path: String,
    pub cluster_version: String,
}

/// A row of `CDB_OB_ARCHIVELOG`: a tenant's log archive round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveRound {
    #[ts(type = "number")]
    pub tenant_id: i64,
    #[ts(type = "number")]
    pub dest_id: i64,
    #[ts(type = "number")]
    pub round_id: i64,
    pub status: ArchiveStatus,
    pub start_scn: Scn,
    pub checkpoint_scn: Scn,
    /// Seconds.
    #[ts(type = "number")]
    pub piece_switch_interval_secs: i64,
    #[ts(type = "number")]
    pub input_bytes: u64,
    #[ts(type = "number")]
    pub output_bytes: u64,
    pub comment: String,
    /// Redacted.
    pub path: String,
}

/// A row of `CDB_OB_ARCHIVELOG_PIECE_FILES`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArchivePiece {
    #[ts(type = "number")]
    pub tenant_id: i64,
    /// The archive destination (DEST_ID; 0 when the release does not say): a restore
    /// reads the pieces of one destination at a time.
    #[ts(type = "number")]
    pub dest_id: i64,
    #[ts(type = "number")]
    pub round_id: i64,
    #[ts(type = "number")]
    pub piece_id: i64,
    pub status: PieceStatus,
    pub start_scn: Scn,
    pub checkpoint_scn: Scn,
    pub max_scn: Scn,
    pub end_scn: Scn,
    pub file_status: FileStatus,
    /// Redacted.
    pub path: String,
}

/// A restore, from `CDB_OB_RESTORE_PROGRESS` (running) or `_HISTORY` (finished): one per
/// job. 4.x keeps two rows per job with one JOB_ID, the sys tenant's (TENANT_ID = 1,
/// the restore's own status) and the restored tenant's (its phase and figures); this is
/// the sys tenant's row with the tenant's phase and figures. 3.x keeps one row per job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreJob {
    /// The row's TENANT_ID: 1 on 4.x (the sys tenant's job), the restored tenant on 3.x.
    #[ts(type = "number")]
    pub tenant_id: i64,
    #[ts(type = "number")]
    pub job_id: i64,
    pub restore_tenant_name: String,
    pub backup_tenant_name: String,
    pub backup_cluster_name: String,
    /// Redacted.
    pub backup_dest: String,
    pub restore_option: String,
    pub restore_scn: Scn,
    pub status: RestoreStatus,
    /// 4.x: the restored tenant's own job's STATUS (RESTORING, UPGRADE, ...), where it
    /// has one yet; empty otherwise.
    pub phase: String,
    pub start: Option<UtcMicros>,
    pub finish: Option<UtcMicros>,
    pub backup_set_list: String,
    pub backup_piece_list: String,
    #[ts(type = "number")]
    pub total_bytes: u64,
    #[ts(type = "number")]
    pub finish_bytes: u64,
    #[ts(type = "number")]
    pub ls_count: u64,
    #[ts(type = "number")]
    pub finish_ls_count: u64,
    #[ts(type = "number")]
    pub tablet_count: u64,
    #[ts(type = "number")]
    pub finish_tablet_count: u64,
    pub comment: String,
    pub description: String,
    /// From the progress view (still running) rather than the history.
    pub running: bool,
}

/// A tenant's backup destinations as the cluster is configured (`CDB_OB_BACKUP_PARAMETER`,
/// `CDB_OB_ARCHIVE_DEST`). Paths are redacted: credentials never leave the connector.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupDestinations {
    #[ts(type = "number")]
    pub tenant_id: i64,
    /// DATA_BACKUP_DEST, redacted.
    pub data_backup_dest: Option<String>,
    /// LOG_ARCHIVE_DEST's LOCATION, redacted.
    pub log_archive_dest: Option<String>,
    /// OPTIONAL or MANDATORY (empty when unknown).
    pub log_archive_binding: String,
    /// PIECE_SWITCH_INTERVAL as configured (`1d`); 0 seconds when unknown.
    #[ts(type = "number")]
    pub piece_switch_interval_secs: i64,
    /// The destination's state: ENABLE or DEFER (empty when unknown).
    pub log_archive_state: String,
}

/// A row of `CDB_OB_BACKUP_DELETE_POLICY`: how long backups are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeletePolicy {
    #[ts(type = "number")]
    pub tenant_id: i64,
    pub policy_name: String,
    /// RECOVERY_WINDOW as OceanBase shows it (`7d`).
    pub recovery_window: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scn_sentinels_are_no_time() {
        assert_eq!(Scn(0).to_micros(), None);
        assert_eq!(Scn(Scn::MAX_VALID).to_micros(), None);
        assert_eq!(Scn(u64::MAX).to_micros(), None);
        let t = UtcMicros(1_795_132_800_123_456);
        assert_eq!(Scn::from_micros(t).to_micros(), Some(t));
    }
}
