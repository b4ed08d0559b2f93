//! What an emulated cluster looks like when it starts, and the faults a test can inject.

use crate::release::Release;

/// One emulated OceanBase cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterConfig {
    /// e.g. "sandbox-hz"; also accepted in the user name `root@sys#<cluster_name>`.
    pub cluster_name: String,
    /// The OceanBase release this cluster is: its banner, views, statements and errors.
    pub release: Release,
    /// The cluster's system time zone, which its backups record: a 4.2+ backup's UNTIL
    /// TIME is read in it (OceanBase's default is +08:00).
    pub time_zone: String,
    /// Password of root@sys; "" means none.
    pub password: String,
    /// User tenants. The sys tenant (1) and a meta tenant per user tenant (id - 1) are
    /// added as OceanBase does.
    pub tenants: Vec<TenantConfig>,
    /// e.g. ["zone1", "zone2", "zone3"].
    pub zones: Vec<String>,
    /// A seeded past of backups, archive pieces and restores.
    pub history: Option<HistorySeed>,
}

/// A user tenant present when the cluster starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantConfig {
    /// 1002, 1004, ...: even, as OceanBase allocates user tenant ids.
    pub tenant_id: i64,
    pub name: String,
    /// Data size; backup and restore durations and sizes derive from it.
    pub data_bytes: u64,
    /// Log archiving already on (LOG_MODE ARCHIVELOG, a round in DOING).
    pub archivelog: bool,
    /// DATA_BACKUP_DEST. With `archivelog` and a history seed, a `file://` default is used
    /// when absent.
    pub data_backup_dest: Option<String>,
    /// LOG_ARCHIVE_DEST: either the whole value (`LOCATION=... PIECE_SWITCH_INTERVAL=1d`)
    /// or just the location URI. With `archivelog`, a `file://` default is used when absent.
    pub log_archive_dest: Option<String>,
}

/// How far back the seeded history reaches, ending at the clock's now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistorySeed {
    pub days: u32,
}

/// Something going wrong on purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The next restore ends RESTORE_FAIL / FAILED with this COMMENT.
    RestoreFails { comment: String },
    /// The next backup stays DOING until cancelled.
    BackupHangs,
    /// The current archive round of that tenant goes INTERRUPTED.
    ArchiveInterrupted { tenant: String },
    /// Every open client connection is closed now; new connections still work.
    DropConnections,
    /// The cluster goes out of reach: open connections close and new ones are
    /// closed on arrival, until [`Fault::Reachable`].
    Unreachable,
    /// Back in reach after [`Fault::Unreachable`].
    Reachable,
    /// The cluster purges its finished-job histories (`CDB_OB_BACKUP_JOB_HISTORY`,
    /// `CDB_OB_RESTORE_HISTORY`) of rows that ended before this instant (UTC micros),
    /// as OceanBase does when it cleans up old backups.
    HistoryPurged { before_micros: i64 },
}
