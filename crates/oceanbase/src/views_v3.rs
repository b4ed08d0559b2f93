//! Readers for OceanBase 3.x: its own views (V3.1.5 documentation,
//! `zh-CN/100.users-guide/1200.reference-guide/100.system-views/100.dictionary-views/`,
//! and the internal tables in `150.common-internal-tables/`), read into the same desk
//! types as 4.x so that sync, pages and actions need not know the line.
//!
//! - tenants: `gv$tenant` (the sys tenant sees every tenant; 3.x has no DBA_OB_TENANTS);
//! - running backups: `CDB_OB_BACKUP_PROGRESS` (one row per tenant, BS_KEY is the set);
//! - finished backups: `CDB_OB_BACKUP_SET_DETAILS` (STATUS COMPLETED / FAILED);
//! - sets: `CDB_OB_BACKUP_SET_FILES` (3.2.4 adds SNAPSHOT_VERSION, START_REPLAY_LOG_TS
//!   and BACKUP_SET_PATH, per its release notes);
//! - archive: `CDB_OB_BACKUP_ARCHIVELOG` (each tenant's current round) and
//!   `_SUMMARY` (every round, MIN_FIRST_TIME to MAX_NEXT_TIME), a round read as one
//!   stretch of log;
//! - the destination: the cluster's `backup_dest` in `__all_virtual_sys_parameter_stat`;
//! - restores: `CDB_OB_RESTORE_PROGRESS` / `_HISTORY`, one row per job, the restored
//!   tenant's (TENANT_NAME), RESTORE_FINISH_TIMESTAMP the point;
//! - zones: `__all_zone` (name/value rows).
//!
//! What 3.x does not show is left empty: a set's chain (3.x lists no previous set: an
//! incremental is taken to build on the tenant's set before it), DEST_IDs, restore bytes.

use desk_model::backup::{ArchivePiece, ArchiveRound, BackupJob, BackupSetFile, BackupTask, RestoreJob, Scn};
use desk_model::placement::Zone;
use desk_model::status::{
    ArchiveStatus, BackupJobStatus, BackupSetStatus, BackupTaskStatus, BackupType, FileStatus, PieceStatus,
    RestoreStatus,
};
use desk_model::{TenantRecord, UtcMicros};

use crate::catalog::View;
use crate::error::ObError;
use crate::session::Session;
use crate::views::Cols;

const TENANTS: View = View {
    name: "GV$TENANT",
    may_be_absent: false,
    keys: &["TENANT_ID", "TENANT_NAME"],
    optional: &[],
};

const ZONES: View = View {
    name: "__ALL_ZONE",
    may_be_absent: false,
    keys: &["ZONE", "NAME", "INFO"],
    optional: &[],
};

const PARAMETERS: View = View {
    name: "__ALL_VIRTUAL_SYS_PARAMETER_STAT",
    may_be_absent: false,
    keys: &["NAME", "VALUE"],
    optional: &[],
};

const PROGRESS: View = View {
    name: "CDB_OB_BACKUP_PROGRESS",
    may_be_absent: false,
    keys: &["TENANT_ID", "BS_KEY"],
    optional: &[
        "BACKUP_TYPE",
        "PARTITION_COUNT",
        "FINISH_PARTITION_COUNT",
        "MACRO_BLOCK_COUNT",
        "FINISH_MACRO_BLOCK_COUNT",
        "INPUT_BYTES",
        "OUTPUT_BYTES",
        "START_TIME",
        "COMPLETION_TIME",
        "STATUS",
    ],
};

const SET_DETAILS: View = View {
    name: "CDB_OB_BACKUP_SET_DETAILS",
    may_be_absent: false,
    keys: &["TENANT_ID", "BS_KEY", "COMPLETION_TIME"],
    optional: &["BACKUP_TYPE", "ENCRYPTION_MODE", "START_TIME", "STATUS", "OUTPUT_BYTES"],
};

const SET_FILES: View = View {
    name: "CDB_OB_BACKUP_SET_FILES",
    may_be_absent: false,
    keys: &["TENANT_ID", "BS_KEY"],
    optional: &[
        "BACKUP_TYPE",
        "STATUS",
        "FILE_STATUS",
        "START_TIME",
        "COMPLETION_TIME",
        "OUTPUT_BYTES",
        "START_REPLAY_LOG_TS",
        "SNAPSHOT_VERSION",
        "BACKUP_SET_PATH",
    ],
};

const fn archive_view(name: &'static str) -> View {
    View {
        name,
        may_be_absent: false,
        keys: &["TENANT_ID", "LOG_ARCHIVE_ROUND"],
        optional: &[
            "STATUS",
            "MIN_FIRST_TIME",
            "MAX_NEXT_TIME",
            "INPUT_BYTES",
            "OUTPUT_BYTES",
            "BACKUP_ROUND_PATH",
        ],
    }
}
const ARCHIVELOG: View = archive_view("CDB_OB_BACKUP_ARCHIVELOG");
const ARCHIVELOG_SUMMARY: View = archive_view("CDB_OB_BACKUP_ARCHIVELOG_SUMMARY");

const fn restore_view(name: &'static str) -> View {
    View {
        name,
        may_be_absent: false,
        keys: &["JOB_ID", "TENANT_ID", "TENANT_NAME"],
        optional: &[
            "BACKUP_TENANT_NAME",
            "BACKUP_CLUSTER_NAME",
            "STATUS",
            "START_TIME",
            "COMPLETION_TIME",
            "PARTITION_COUNT",
            "FINISH_PARTITION_COUNT",
            "RESTORE_FINISH_TIMESTAMP",
            "BACKUP_SET_LIST",
            "BACKUP_PIECE_LIST",
            "INFO",
        ],
    }
}
pub(crate) const RESTORE_PROGRESS: View = restore_view("CDB_OB_RESTORE_PROGRESS");
pub(crate) const RESTORE_HISTORY: View = restore_view("CDB_OB_RESTORE_HISTORY");

/// 3.x writes a set's type as `D` (full) or `I` (incremental).
fn backup_type(text: &str) -> BackupType {
    match text.trim() {
        "D" => BackupType::Full,
        "I" => BackupType::Incremental,
        other => BackupType::parse(other),
    }
}

/// A 3.x time column as an SCN (3.x counts in microseconds; the desk keeps nanoseconds).
fn scn_of(c: &Cols<'_>, column: &str) -> Result<Scn, ObError> {
    Ok(c.time(column)?.map(Scn::from_micros).unwrap_or(Scn(0)))
}

/// A microsecond number column (3.x's `*_TS`, `SNAPSHOT_VERSION`) as an SCN, saturating
/// as every time does (a far value neither wraps nor becomes a sentinel).
pub(crate) fn scn_of_micros(c: &Cols<'_>, column: &str) -> Result<Option<Scn>, ObError> {
    let v = c.int(column)?;
    Ok((v > 0).then(|| Scn::from_micros(UtcMicros(v))))
}

pub(crate) fn round(c: &Cols<'_>) -> Result<ArchiveRound, ObError> {
    Ok(ArchiveRound {
        tenant_id: c.int("TENANT_ID")?,
        dest_id: 0,
        round_id: c.int("LOG_ARCHIVE_ROUND")?,
        status: c.parsed("STATUS", ArchiveStatus::parse),
        start_scn: scn_of(c, "MIN_FIRST_TIME")?,
        checkpoint_scn: scn_of(c, "MAX_NEXT_TIME")?,
        piece_switch_interval_secs: 0,
        input_bytes: c.uint("INPUT_BYTES")?,
        output_bytes: c.uint("OUTPUT_BYTES")?,
        comment: String::new(),
        path: c.redacted("BACKUP_ROUND_PATH"),
    })
}

pub(crate) fn restore(c: &Cols<'_>, running: bool) -> Result<RestoreJob, ObError> {
    let finish_point = c
        .time("RESTORE_FINISH_TIMESTAMP")?
        .map(Scn::from_micros)
        .unwrap_or(Scn(0));
    Ok(RestoreJob {
        tenant_id: c.int("TENANT_ID")?,
        job_id: c.int("JOB_ID")?,
        restore_tenant_name: c.text("TENANT_NAME"),
        backup_tenant_name: c.text("BACKUP_TENANT_NAME"),
        backup_cluster_name: c.text("BACKUP_CLUSTER_NAME"),
        backup_dest: String::new(),
        restore_option: String::new(),
        restore_scn: finish_point,
        status: c.parsed("STATUS", RestoreStatus::parse),
        phase: String::new(),
        start: c.time("START_TIME")?,
        finish: if running { None } else { c.time("COMPLETION_TIME")? },
        backup_set_list: c.redacted("BACKUP_SET_LIST"),
        backup_piece_list: c.redacted("BACKUP_PIECE_LIST"),
        total_bytes: 0,
        finish_bytes: 0,
        ls_count: 0,
        finish_ls_count: 0,
        tablet_count: c.uint("PARTITION_COUNT")?,
        finish_tablet_count: c.uint("FINISH_PARTITION_COUNT")?,
        comment: c.redacted("INFO"),
        description: String::new(),
        running,
    })
}

impl Session {
    pub(crate) async fn tenants_v3(&mut self) -> Result<Vec<TenantRecord>, ObError> {
        self.read_view(&TENANTS, " ORDER BY TENANT_ID", |c| {
            let id = c.int("TENANT_ID")?;
            Ok(TenantRecord {
                ob_tenant_id: id,
                name: c.text("TENANT_NAME"),
                tenant_type: if id == 1 { "SYS" } else { "USER" }.to_owned(),
                status: "NORMAL".to_owned(),
                role: "PRIMARY".to_owned(),
                log_mode: String::new(),
                unit_num: 0,
            })
        })
        .await
    }

    pub(crate) async fn zones_v3(&mut self) -> Result<Vec<Zone>, ObError> {
        let rows = self
            .read_view(&ZONES, " WHERE ZONE <> '' ORDER BY ZONE", |c| {
                Ok((c.text("ZONE"), c.text("NAME"), c.text("INFO")))
            })
            .await?;
        let mut zones: Vec<Zone> = Vec::new();
        for (zone, name, info) in rows {
            if !zones.iter().any(|z| z.name == zone) {
                zones.push(Zone {
                    name: zone.clone(),
                    status: String::new(),
                    region: String::new(),
                });
            }
            if let Some(z) = zones.iter_mut().find(|z| z.name == zone) {
                match name.as_str() {
                    "status" => z.status = info,
                    "region" => z.region = info,
                    _ => {}
                }
            }
        }
        Ok(zones)
    }

    /// The cluster's `backup_dest` (redacted), where every tenant's data and log go.
    pub(crate) async fn backup_dest_v3(&mut self) -> Result<Option<String>, ObError> {
        let values = self
            .read_view(&PARAMETERS, " WHERE NAME = 'backup_dest'", |c| Ok(c.redacted("VALUE")))
            .await?;
        Ok(values.into_iter().find(|v| !v.trim().is_empty()))
    }

    /// The cluster's name and id (the `cluster` and `cluster_id` parameters): a 3.x
    /// restore names the cluster its backup came from.
    pub async fn cluster_identity_v3(&mut self) -> Result<(String, u64), ObError> {
        let values = self
            .read_view(&PARAMETERS, " WHERE NAME IN ('cluster', 'cluster_id')", |c| {
                Ok((c.text("NAME"), c.text("VALUE")))
            })
            .await?;
        let get = |n: &str| values.iter().find(|(k, _)| k == n).map(|(_, v)| v.trim().to_owned());
        Ok((
            get("cluster").unwrap_or_default(),
            get("cluster_id").and_then(|v| v.parse().ok()).unwrap_or(0),
        ))
    }

    pub(crate) async fn backup_jobs_v3(&mut self) -> Result<Vec<BackupJob>, ObError> {
        self.read_view(&PROGRESS, " ORDER BY TENANT_ID, BS_KEY", |c| {
            let tenant_id = c.int("TENANT_ID")?;
            let bs_key = c.int("BS_KEY")?;
            Ok(BackupJob {
                tenant_id,
                job_id: bs_key,
                incarnation: 1,
                backup_set_id: bs_key,
                plus_archivelog: false,
                backup_type: c.parsed("BACKUP_TYPE", backup_type),
                job_level: if tenant_id == 1 { "CLUSTER" } else { "USER_TENANT" }.to_owned(),
                encryption_mode: String::new(),
                start: c.time("START_TIME")?,
                end: None,
                // RUNNING while it runs (the view's own word), as the 4.x jobs' DOING.
                status: match c.text("STATUS").as_str() {
                    "RUNNING" => BackupJobStatus::Doing,
                    other => BackupJobStatus::parse(other),
                },
                result: 0,
                comment: String::new(),
                description: String::new(),
                path: String::new(),
            })
        })
        .await
    }

    pub(crate) async fn backup_job_history_v3(&mut self, since: Option<&str>) -> Result<Vec<BackupJob>, ObError> {
        let filter = since
            .map(|t| format!(" WHERE COMPLETION_TIME >= '{t}'"))
            .unwrap_or_default();
        self.read_view(&SET_DETAILS, &format!("{filter} ORDER BY TENANT_ID, BS_KEY"), |c| {
            let bs_key = c.int("BS_KEY")?;
            Ok(BackupJob {
                tenant_id: c.int("TENANT_ID")?,
                job_id: bs_key,
                incarnation: 1,
                backup_set_id: bs_key,
                plus_archivelog: false,
                backup_type: c.parsed("BACKUP_TYPE", backup_type),
                job_level: "USER_TENANT".to_owned(),
                encryption_mode: c.text("ENCRYPTION_MODE"),
                start: c.time("START_TIME")?,
                end: c.time("COMPLETION_TIME")?,
                status: c.parsed("STATUS", BackupJobStatus::parse),
                result: 0,
                comment: String::new(),
                description: String::new(),
                path: String::new(),
            })
        })
        .await
    }

    pub(crate) async fn backup_tasks_v3(&mut self) -> Result<Vec<BackupTask>, ObError> {
        self.read_view(&PROGRESS, " ORDER BY TENANT_ID, BS_KEY", |c| {
            let bs_key = c.int("BS_KEY")?;
            Ok(BackupTask {
                tenant_id: c.int("TENANT_ID")?,
                task_id: bs_key,
                job_id: bs_key,
                backup_set_id: bs_key,
                status: BackupTaskStatus::Doing,
                start: c.time("START_TIME")?,
                end: None,
                input_bytes: c.uint("INPUT_BYTES")?,
                output_bytes: c.uint("OUTPUT_BYTES")?,
                tablet_count: c.uint("PARTITION_COUNT")?,
                finish_tablet_count: c.uint("FINISH_PARTITION_COUNT")?,
                macro_block_count: c.uint("MACRO_BLOCK_COUNT")?,
                finish_macro_block_count: c.uint("FINISH_MACRO_BLOCK_COUNT")?,
                data_progress_permille: 0,
                comment: String::new(),
            })
        })
        .await
    }

    /// Set files; `filter` a WHERE on TENANT_ID or COMPLETION_TIME (or empty).
    pub(crate) async fn set_files_v3(&mut self, filter: &str) -> Result<Vec<BackupSetFile>, ObError> {
        let mut sets = self
            .read_view(&SET_FILES, &format!("{filter} ORDER BY TENANT_ID, BS_KEY"), |c| {
                let start = c.time("START_TIME")?;
                // The snapshot a restore compares with: SNAPSHOT_VERSION where 3.2.4 shows
                // it, else the set's START_TIME, the lower bound the 3.1 users guide gives.
                let snapshot = match scn_of_micros(c, "SNAPSHOT_VERSION")? {
                    Some(s) => s,
                    None => start.map(Scn::from_micros).unwrap_or(Scn(0)),
                };
                Ok(BackupSetFile {
                    tenant_id: c.int("TENANT_ID")?,
                    backup_set_id: c.int("BS_KEY")?,
                    backup_type: c.parsed("BACKUP_TYPE", backup_type),
                    dest_id: 0,
                    prev_full_backup_set_id: 0,
                    prev_inc_backup_set_id: 0,
                    start,
                    end: c.time("COMPLETION_TIME")?,
                    status: c.parsed("STATUS", BackupSetStatus::parse),
                    file_status: c.parsed("FILE_STATUS", FileStatus::parse),
                    plus_archivelog: false,
                    start_replay_scn: scn_of_micros(c, "START_REPLAY_LOG_TS")?.unwrap_or(snapshot),
                    min_restore_scn: snapshot,
                    input_bytes: 0,
                    output_bytes: c.uint("OUTPUT_BYTES")?,
                    path: c.redacted("BACKUP_SET_PATH"),
                    cluster_version: String::new(),
                })
            })
            .await?;
        // 3.x lists no chain: an incremental builds on its tenant's set before it.
        for i in 1..sets.len() {
            let (before, rest) = sets.split_at_mut(i);
            let (prev, set) = (&before[i - 1], &mut rest[0]);
            if set.backup_type == BackupType::Incremental && prev.tenant_id == set.tenant_id {
                set.prev_inc_backup_set_id = prev.backup_set_id;
                set.prev_full_backup_set_id = if prev.backup_type == BackupType::Full {
                    prev.backup_set_id
                } else {
                    prev.prev_full_backup_set_id
                };
            }
        }
        Ok(sets)
    }

    pub(crate) async fn archive_rounds_v3(&mut self) -> Result<Vec<ArchiveRound>, ObError> {
        self.read_view(&ARCHIVELOG, " ORDER BY TENANT_ID, LOG_ARCHIVE_ROUND", round)
            .await
    }

    /// Every round, each as one stretch of log (3.x splits rounds into pieces only when
    /// `log_archive_piece_switch_interval` is set, and restores by round).
    pub(crate) async fn rounds_as_pieces_v3(&mut self, filter: &str) -> Result<Vec<ArchivePiece>, ObError> {
        let rounds = self
            .read_view(
                &ARCHIVELOG_SUMMARY,
                &format!("{filter} ORDER BY TENANT_ID, LOG_ARCHIVE_ROUND"),
                round,
            )
            .await?;
        Ok(rounds
            .into_iter()
            .map(|r| ArchivePiece {
                tenant_id: r.tenant_id,
                dest_id: 0,
                round_id: r.round_id,
                piece_id: 0,
                status: if r.status == ArchiveStatus::Stop {
                    PieceStatus::Frozen
                } else {
                    PieceStatus::Active
                },
                start_scn: r.start_scn,
                checkpoint_scn: r.checkpoint_scn,
                max_scn: r.checkpoint_scn,
                end_scn: r.checkpoint_scn,
                file_status: FileStatus::Available,
                path: r.path,
            })
            .collect())
    }

    /// Restores; `tail` filters and orders on JOB_ID, TENANT_NAME or COMPLETION_TIME.
    pub(crate) async fn restores_v3(&mut self, running: bool, tail: &str) -> Result<Vec<RestoreJob>, ObError> {
        let view = if running { &RESTORE_PROGRESS } else { &RESTORE_HISTORY };
        self.read_view(view, tail, |c| restore(c, running)).await
    }
}
