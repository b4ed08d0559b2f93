//! Backup and restore history: jobs, sets, archive pieces and restores, as
//! the clusters reported them. Append-only: a sync upserts by OceanBase's
//! keys (a running job becomes finished in place) and never deletes, so the
//! desk keeps what a cluster has purged.

use desk_model::backup::{ArchivePiece, BackupJob, BackupSetFile, RestoreJob, Scn};
use desk_model::status::{BackupJobStatus, BackupSetStatus, BackupType, FileStatus, PieceStatus, RestoreStatus};
use desk_model::{words, ClusterId, UtcMicros};
use rusqlite::{params, Row};

use crate::{Store, StoreError};

/// The filters of a task list page. Times bound START (inclusive); the
/// page is newest first and continues after `before` (keyset paging, so a page
/// costs the same at row 20 and at row 900,000).
#[derive(Debug, Clone, Default)]
pub struct JobFilter {
    pub cluster: Option<ClusterId>,
    pub ob_tenant_id: Option<i64>,
    /// Statuses as OceanBase spells them; empty = any.
    pub statuses: Vec<String>,
    pub from: Option<UtcMicros>,
    pub to: Option<UtcMicros>,
    /// The last row of the previous page: (start, job id).
    pub before: Option<(UtcMicros, i64)>,
    pub limit: u32,
    /// With no cluster named: imported clusters' jobs too (else live clusters' only).
    pub include_imported: bool,
}

/// One sync pass's reading of a cluster.
#[derive(Debug, Default, Clone, Copy)]
pub struct HistorySnapshot<'a> {
    pub jobs: &'a [BackupJob],
    pub sets: &'a [BackupSetFile],
    pub pieces: &'a [ArchivePiece],
    pub restores: &'a [RestoreJob],
}

/// SQLite integers are signed: SCN sentinels above i64::MAX are clamped
/// (they mean "no time" either way).
pub(crate) fn scn_in(s: Scn) -> i64 {
    s.0.min(i64::MAX as u64) as i64
}

pub(crate) fn scn_out(v: i64) -> Scn {
    Scn(v.max(0) as u64)
}

pub(crate) fn time_out(v: Option<i64>) -> Option<UtcMicros> {
    v.map(UtcMicros)
}

pub(crate) fn bytes_in(v: u64) -> i64 {
    v.min(i64::MAX as u64) as i64
}

pub(crate) fn bytes_out(v: i64) -> u64 {
    v.max(0) as u64
}

/// The columns [`job_from_row`] reads, in its order.
pub(crate) const JOB_COLUMNS: &str =
    "cluster_id, ob_tenant_id, job_id, incarnation, backup_set_id, plus_archivelog, backup_type,
     job_level, encryption_mode, start_at, end_at, status, result, comment, description, path";

pub(crate) fn job_from_row(r: &Row<'_>) -> rusqlite::Result<(ClusterId, BackupJob)> {
    Ok((
        ClusterId(r.get(0)?),
        BackupJob {
            tenant_id: r.get(1)?,
            job_id: r.get(2)?,
            incarnation: r.get(3)?,
            backup_set_id: r.get(4)?,
            plus_archivelog: r.get(5)?,
            backup_type: BackupType::parse(&r.get::<_, String>(6)?),
            job_level: r.get(7)?,
            encryption_mode: r.get(8)?,
            start: time_out(r.get(9)?),
            end: time_out(r.get(10)?),
            status: BackupJobStatus::parse(&r.get::<_, String>(11)?),
            result: r.get(12)?,
            comment: r.get(13)?,
            description: r.get(14)?,
            path: r.get(15)?,
        },
    ))
}

/// The columns [`set_from_row`] reads, in its order.
pub(crate) const SET_COLUMNS: &str = "ob_tenant_id, backup_set_id, backup_type, prev_full_backup_set_id,
     prev_inc_backup_set_id, start_at, end_at, status, file_status, plus_archivelog, start_replay_scn,
     min_restore_scn, input_bytes, output_bytes, path, cluster_version, dest_id";

pub(crate) fn set_from_row(r: &Row<'_>) -> rusqlite::Result<BackupSetFile> {
    Ok(BackupSetFile {
        tenant_id: r.get(0)?,
        backup_set_id: r.get(1)?,
        backup_type: BackupType::parse(&r.get::<_, String>(2)?),
        dest_id: r.get(16)?,
        prev_full_backup_set_id: r.get(3)?,
        prev_inc_backup_set_id: r.get(4)?,
        start: time_out(r.get(5)?),
        end: time_out(r.get(6)?),
        status: BackupSetStatus::parse(&r.get::<_, String>(7)?),
        file_status: FileStatus::parse(&r.get::<_, String>(8)?),
        plus_archivelog: r.get(9)?,
        start_replay_scn: scn_out(r.get(10)?),
        min_restore_scn: scn_out(r.get(11)?),
        input_bytes: bytes_out(r.get(12)?),
        output_bytes: bytes_out(r.get(13)?),
        path: r.get(14)?,
        cluster_version: r.get(15)?,
    })
}

/// The columns [`piece_from_row`] reads, in its order.
pub(crate) const PIECE_COLUMNS: &str =
    "ob_tenant_id, round_id, piece_id, status, start_scn, checkpoint_scn, max_scn, end_scn, file_status, path, dest_id";

pub(crate) fn piece_from_row(r: &Row<'_>) -> rusqlite::Result<ArchivePiece> {
    Ok(ArchivePiece {
        tenant_id: r.get(0)?,
        dest_id: r.get(10)?,
        round_id: r.get(1)?,
        piece_id: r.get(2)?,
        status: PieceStatus::parse(&r.get::<_, String>(3)?),
        start_scn: scn_out(r.get(4)?),
        checkpoint_scn: scn_out(r.get(5)?),
        max_scn: scn_out(r.get(6)?),
        end_scn: scn_out(r.get(7)?),
        file_status: FileStatus::parse(&r.get::<_, String>(8)?),
        path: r.get(9)?,
    })
}

/// The columns [`restore_from_row`] reads, in its order.
pub(crate) const RESTORE_COLUMNS: &str = "ob_tenant_id, job_id, restore_tenant_name, backup_tenant_name,
     backup_cluster_name, backup_dest, restore_option, restore_scn, status, start_at, finish_at, backup_set_list,
     backup_piece_list, total_bytes, finish_bytes, ls_count, finish_ls_count, tablet_count, finish_tablet_count,
     comment, description, running, phase";

pub(crate) fn restore_from_row(r: &Row<'_>) -> rusqlite::Result<RestoreJob> {
    restore_from_row_at(r, 0)
}

/// [`restore_from_row`] on a row whose restore columns start at column `o`.
pub(crate) fn restore_from_row_at(r: &Row<'_>, o: usize) -> rusqlite::Result<RestoreJob> {
    Ok(RestoreJob {
        tenant_id: r.get(o)?,
        job_id: r.get(o + 1)?,
        restore_tenant_name: r.get(o + 2)?,
        backup_tenant_name: r.get(o + 3)?,
        backup_cluster_name: r.get(o + 4)?,
        backup_dest: r.get(o + 5)?,
        restore_option: r.get(o + 6)?,
        restore_scn: scn_out(r.get(o + 7)?),
        status: RestoreStatus::parse(&r.get::<_, String>(o + 8)?),
        phase: r.get(o + 22)?,
        start: time_out(r.get(o + 9)?),
        finish: time_out(r.get(o + 10)?),
        backup_set_list: r.get(o + 11)?,
        backup_piece_list: r.get(o + 12)?,
        total_bytes: bytes_out(r.get(o + 13)?),
        finish_bytes: bytes_out(r.get(o + 14)?),
        ls_count: bytes_out(r.get(o + 15)?),
        finish_ls_count: bytes_out(r.get(o + 16)?),
        tablet_count: bytes_out(r.get(o + 17)?),
        finish_tablet_count: bytes_out(r.get(o + 18)?),
        comment: r.get(o + 19)?,
        description: r.get(o + 20)?,
        running: r.get(o + 21)?,
    })
}

impl Store {
    /// Writes one snapshot in a single transaction.
    pub fn record_history(&mut self, cluster: ClusterId, snap: &HistorySnapshot<'_>) -> Result<(), StoreError> {
        let tx = self.writer()?.transaction()?;
        write_history(&tx, cluster, snap)?;
        tx.commit()?;
        Ok(())
    }

    /// A tenant's backup jobs (or all tenants'), newest first.
    pub fn backup_jobs_of(&self, cluster: ClusterId, ob_tenant_id: Option<i64>) -> Result<Vec<BackupJob>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {JOB_COLUMNS} FROM backup_jobs WHERE cluster_id = ?1 AND (?2 IS NULL OR ob_tenant_id = ?2)
              ORDER BY start_at DESC, job_id DESC"
        ))?;
        let rows = stmt.query_map(params![cluster.0, ob_tenant_id], job_from_row)?;
        Ok(rows.map(|r| r.map(|(_, job)| job)).collect::<Result<_, _>>()?)
    }

    /// One page of backup jobs matching `f`, newest first, with their cluster.
    pub fn backup_job_page(&self, f: &JobFilter) -> Result<Vec<(ClusterId, BackupJob)>, StoreError> {
        if f.limit == 0 || f.limit > 1000 {
            return Err(StoreError::Invalid {
                field: "limit",
                rule: words!("a page holds 1 to 1000 rows", "每页可含 1 到 1000 行"),
            });
        }
        // Statuses are OceanBase words; anything else is a caller's mistake, not a filter.
        if let Some(bad) = f
            .statuses
            .iter()
            .find(|s| s.is_empty() || !s.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'))
        {
            return Err(StoreError::Invalid {
                field: "statuses",
                rule: words!("{bad:?} is not a status", "{bad:?} 不是一个状态"),
            });
        }
        let statuses = format!(
            "[{}]",
            f.statuses
                .iter()
                .map(|s| format!("{:?}", s))
                .collect::<Vec<_>>()
                .join(",")
        );
        // Each cluster's jobs are indexed by time apart (a sync pass then writes
        // only its own cluster's part of the index): a page of every cluster is
        // each cluster's page, merged.
        let clusters: Vec<i64> = match f.cluster {
            Some(c) => vec![c.0],
            None => self
                .conn
                .prepare_cached("SELECT id FROM clusters WHERE ?1 OR imported_from IS NULL ORDER BY id")?
                .query_map([f.include_imported], |r| r.get(0))?
                .collect::<Result<_, _>>()?,
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {JOB_COLUMNS} FROM backup_jobs
              WHERE cluster_id = ?1
                AND (?2 IS NULL OR ob_tenant_id = ?2)
                AND (?3 = '[]' OR status IN (SELECT value FROM json_each(?3)))
                AND (?4 IS NULL OR start_at >= ?4)
                AND (?5 IS NULL OR start_at <= ?5)
                AND (?6 IS NULL OR start_at < ?6 OR (start_at = ?6 AND job_id < ?7))
              ORDER BY start_at DESC, job_id DESC
              LIMIT ?8"
        ))?;
        let mut page = Vec::new();
        for cluster in &clusters {
            let rows = stmt.query_map(
                params![
                    cluster,
                    f.ob_tenant_id,
                    statuses,
                    f.from.map(|t| t.0),
                    f.to.map(|t| t.0),
                    f.before.map(|(t, _)| t.0),
                    f.before.map(|(_, id)| id),
                    f.limit
                ],
                job_from_row,
            )?;
            for row in rows {
                page.push(row?);
            }
        }
        if clusters.len() > 1 {
            // Newest first, as each cluster's part is (SQLite sorts NULL starts last, as None does here).
            page.sort_by_key(|(_, j)| std::cmp::Reverse((j.start, j.job_id)));
            page.truncate(f.limit as usize);
        }
        Ok(page)
    }

    /// A tenant's backup sets, by set id.
    pub fn backup_sets_of(&self, cluster: ClusterId, ob_tenant_id: i64) -> Result<Vec<BackupSetFile>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SET_COLUMNS} FROM backup_sets WHERE cluster_id = ?1 AND ob_tenant_id = ?2 ORDER BY backup_set_id"
        ))?;
        let rows = stmt.query_map(params![cluster.0, ob_tenant_id], set_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A tenant's archive pieces, by round and piece.
    pub fn archive_pieces_of(&self, cluster: ClusterId, ob_tenant_id: i64) -> Result<Vec<ArchivePiece>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PIECE_COLUMNS} FROM archive_pieces WHERE cluster_id = ?1 AND ob_tenant_id = ?2
              ORDER BY round_id, piece_id"
        ))?;
        let rows = stmt.query_map(params![cluster.0, ob_tenant_id], piece_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Restores run on a cluster, newest first.
    pub fn restore_jobs_of(&self, cluster: ClusterId) -> Result<Vec<RestoreJob>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {RESTORE_COLUMNS} FROM restore_jobs WHERE cluster_id = ?1 ORDER BY start_at DESC, job_id DESC"
        ))?;
        let rows = stmt.query_map(params![cluster.0], restore_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// How one history table takes a row: an insert, and what a row already there
/// gets instead (only what changed, so a quiet cluster costs no writes).
struct Upsert {
    table: &'static str,
    insert: &'static str,
    on_conflict: &'static str,
}

/// A backup job: a running one becomes finished in place.
const BACKUP_JOBS: Upsert = Upsert {
    table: "backup_jobs",
    insert: "INSERT INTO backup_jobs (cluster_id, ob_tenant_id, job_id, incarnation, backup_set_id, backup_type,
                job_level, encryption_mode, plus_archivelog, start_at, end_at, status, result, comment, description, path)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    on_conflict: "ON CONFLICT (cluster_id, ob_tenant_id, job_id) DO UPDATE SET
                backup_set_id = excluded.backup_set_id, backup_type = excluded.backup_type,
                plus_archivelog = excluded.plus_archivelog, start_at = excluded.start_at, end_at = excluded.end_at,
                status = excluded.status, result = excluded.result, comment = excluded.comment,
                description = excluded.description, path = excluded.path
             WHERE (backup_jobs.backup_set_id, backup_jobs.backup_type, backup_jobs.plus_archivelog, backup_jobs.start_at, backup_jobs.end_at, backup_jobs.status, backup_jobs.result, backup_jobs.comment, backup_jobs.description, backup_jobs.path)
                IS NOT (excluded.backup_set_id, excluded.backup_type, excluded.plus_archivelog, excluded.start_at, excluded.end_at, excluded.status, excluded.result, excluded.comment, excluded.description, excluded.path)",
};

/// A backup set: its end, status and file status change (the delete policy marks old ones).
const BACKUP_SETS: Upsert = Upsert {
    table: "backup_sets",
    insert: "INSERT INTO backup_sets (cluster_id, ob_tenant_id, backup_set_id, backup_type, prev_full_backup_set_id,
                prev_inc_backup_set_id, start_at, end_at, status, file_status, plus_archivelog, start_replay_scn,
                min_restore_scn, input_bytes, output_bytes, path, cluster_version, dest_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    on_conflict: "ON CONFLICT (cluster_id, ob_tenant_id, backup_set_id) DO UPDATE SET
                end_at = excluded.end_at, status = excluded.status, file_status = excluded.file_status,
                min_restore_scn = excluded.min_restore_scn, input_bytes = excluded.input_bytes,
                output_bytes = excluded.output_bytes, path = excluded.path, dest_id = excluded.dest_id
             WHERE (backup_sets.end_at, backup_sets.status, backup_sets.file_status, backup_sets.min_restore_scn, backup_sets.input_bytes, backup_sets.output_bytes, backup_sets.path, backup_sets.dest_id)
                IS NOT (excluded.end_at, excluded.status, excluded.file_status, excluded.min_restore_scn, excluded.input_bytes, excluded.output_bytes, excluded.path, excluded.dest_id)",
};

/// An archive piece: the open one advances, and the delete policy marks old ones.
const ARCHIVE_PIECES: Upsert = Upsert {
    table: "archive_pieces",
    insert: "INSERT INTO archive_pieces (cluster_id, ob_tenant_id, round_id, piece_id, status, start_scn,
                checkpoint_scn, max_scn, end_scn, file_status, path, dest_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    on_conflict: "ON CONFLICT (cluster_id, ob_tenant_id, round_id, piece_id) DO UPDATE SET
                status = excluded.status, checkpoint_scn = excluded.checkpoint_scn, max_scn = excluded.max_scn,
                end_scn = excluded.end_scn, file_status = excluded.file_status, path = excluded.path,
                dest_id = excluded.dest_id
             WHERE (archive_pieces.status, archive_pieces.checkpoint_scn, archive_pieces.max_scn, archive_pieces.end_scn, archive_pieces.file_status, archive_pieces.path, archive_pieces.dest_id)
                IS NOT (excluded.status, excluded.checkpoint_scn, excluded.max_scn, excluded.end_scn, excluded.file_status, excluded.path, excluded.dest_id)",
};

/// A restore: its progress, then its outcome.
const RESTORE_JOBS: Upsert = Upsert {
    table: "restore_jobs",
    insert: "INSERT INTO restore_jobs (cluster_id, ob_tenant_id, job_id, restore_tenant_name, backup_tenant_name,
                backup_cluster_name, backup_dest, restore_option, restore_scn, status, start_at, finish_at,
                backup_set_list, backup_piece_list, total_bytes, finish_bytes, ls_count, finish_ls_count,
                tablet_count, finish_tablet_count, comment, description, running, phase)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
    on_conflict: "ON CONFLICT (cluster_id, ob_tenant_id, job_id) DO UPDATE SET
                restore_scn = excluded.restore_scn, status = excluded.status, finish_at = excluded.finish_at,
                backup_set_list = excluded.backup_set_list, backup_piece_list = excluded.backup_piece_list,
                total_bytes = excluded.total_bytes, finish_bytes = excluded.finish_bytes,
                ls_count = excluded.ls_count, finish_ls_count = excluded.finish_ls_count,
                tablet_count = excluded.tablet_count, finish_tablet_count = excluded.finish_tablet_count,
                comment = excluded.comment, description = excluded.description, running = excluded.running,
                phase = excluded.phase
             WHERE (restore_jobs.restore_scn, restore_jobs.status, restore_jobs.finish_at, restore_jobs.backup_set_list, restore_jobs.backup_piece_list, restore_jobs.total_bytes, restore_jobs.finish_bytes, restore_jobs.ls_count, restore_jobs.finish_ls_count, restore_jobs.tablet_count, restore_jobs.finish_tablet_count, restore_jobs.comment, restore_jobs.description, restore_jobs.running, restore_jobs.phase)
                IS NOT (excluded.restore_scn, excluded.status, excluded.finish_at, excluded.backup_set_list, excluded.backup_piece_list, excluded.total_bytes, excluded.finish_bytes, excluded.ls_count, excluded.finish_ls_count, excluded.tablet_count, excluded.finish_tablet_count, excluded.comment, excluded.description, excluded.running, excluded.phase)",
};

/// Writes one table's rows of a pass. Into a table that holds no row of the
/// cluster yet (its first pass, a year of history), each row is a plain
/// insert: most of the cost of an upsert is the conflict machinery, and a
/// first pass has nothing to conflict with, but for a job read twice (running,
/// then finished): the insert of the second reading fails on the key, and that
/// row alone is upserted. The outcome is the upsert's either way.
struct Put<'c> {
    insert: Option<rusqlite::CachedStatement<'c>>,
    upsert: rusqlite::CachedStatement<'c>,
}

impl<'c> Put<'c> {
    fn new(tx: &'c rusqlite::Transaction<'_>, cluster: ClusterId, table: &Upsert) -> rusqlite::Result<Put<'c>> {
        let cached: bool = tx
            .prepare_cached(&format!(
                "SELECT EXISTS (SELECT 1 FROM {} WHERE cluster_id = ?1)",
                table.table
            ))?
            .query_row([cluster.0], |r| r.get(0))?;
        Ok(Put {
            insert: if cached {
                None
            } else {
                Some(tx.prepare_cached(table.insert)?)
            },
            upsert: tx.prepare_cached(&format!("{} {}", table.insert, table.on_conflict))?,
        })
    }

    /// Writes one row; returns 1 if it changed the table.
    fn row(&mut self, row: &[&dyn rusqlite::ToSql]) -> rusqlite::Result<usize> {
        if let Some(insert) = &mut self.insert {
            match insert.execute(row) {
                Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {}
                done => return done,
            }
        }
        self.upsert.execute(row)
    }
}

/// Upserts one snapshot inside `tx`; returns how many rows it changed (an
/// upsert that finds the row as it was changes nothing, so a quiet cluster
/// costs no writes and tells the loop nothing happened).
pub(crate) fn write_history(
    tx: &rusqlite::Transaction<'_>,
    cluster: ClusterId,
    snap: &HistorySnapshot<'_>,
) -> Result<usize, StoreError> {
    // The history tables have no foreign key (one check per row of a year of
    // history); one check per pass keeps a deleted cluster's rows out.
    let known: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM clusters WHERE id = ?1)")?
        .query_row([cluster.0], |r| r.get(0))?;
    if !known {
        return Err(StoreError::NotFound {
            what: "cluster",
            id: cluster.0,
        });
    }
    let mut changed = 0;
    let mut job = Put::new(tx, cluster, &BACKUP_JOBS)?;
    for j in snap.jobs {
        changed += job.row(params![
            cluster.0,
            j.tenant_id,
            j.job_id,
            j.incarnation,
            j.backup_set_id,
            j.backup_type.as_str(),
            j.job_level,
            j.encryption_mode,
            j.plus_archivelog,
            j.start.map(|t| t.0),
            j.end.map(|t| t.0),
            j.status.as_str(),
            j.result,
            j.comment,
            j.description,
            j.path
        ])?;
    }
    let mut set = Put::new(tx, cluster, &BACKUP_SETS)?;
    for s in snap.sets {
        changed += set.row(params![
            cluster.0,
            s.tenant_id,
            s.backup_set_id,
            s.backup_type.as_str(),
            s.prev_full_backup_set_id,
            s.prev_inc_backup_set_id,
            s.start.map(|t| t.0),
            s.end.map(|t| t.0),
            s.status.as_str(),
            s.file_status.as_str(),
            s.plus_archivelog,
            scn_in(s.start_replay_scn),
            scn_in(s.min_restore_scn),
            bytes_in(s.input_bytes),
            bytes_in(s.output_bytes),
            s.path,
            s.cluster_version,
            s.dest_id
        ])?;
    }
    let mut piece = Put::new(tx, cluster, &ARCHIVE_PIECES)?;
    for p in snap.pieces {
        changed += piece.row(params![
            cluster.0,
            p.tenant_id,
            p.round_id,
            p.piece_id,
            p.status.as_str(),
            scn_in(p.start_scn),
            scn_in(p.checkpoint_scn),
            scn_in(p.max_scn),
            scn_in(p.end_scn),
            p.file_status.as_str(),
            p.path,
            p.dest_id
        ])?;
    }
    let mut restore = Put::new(tx, cluster, &RESTORE_JOBS)?;
    for r in snap.restores {
        changed += restore.row(params![
            cluster.0,
            r.tenant_id,
            r.job_id,
            r.restore_tenant_name,
            r.backup_tenant_name,
            r.backup_cluster_name,
            r.backup_dest,
            r.restore_option,
            scn_in(r.restore_scn),
            r.status.as_str(),
            r.start.map(|t| t.0),
            r.finish.map(|t| t.0),
            r.backup_set_list,
            r.backup_piece_list,
            bytes_in(r.total_bytes),
            bytes_in(r.finish_bytes),
            bytes_in(r.ls_count),
            bytes_in(r.finish_ls_count),
            bytes_in(r.tablet_count),
            bytes_in(r.finish_tablet_count),
            r.comment,
            r.description,
            r.running,
            r.phase
        ])?;
    }
    Ok(changed)
}
