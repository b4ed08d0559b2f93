//! What a sync pass brings besides history: each tenant's archive state,
//! destinations (redacted), delete policy and running backup tasks, and the
//! cluster's sync bookkeeping (watermark, last full read, failures).
//!
//! These tables mirror the cluster: a successful pass replaces a cluster's
//! rows; a failed pass touches none of them.

use desk_model::backup::{ArchiveRound, BackupDestinations, BackupTask, DeletePolicy};
use desk_model::overview::ClusterBackupConfig;
use desk_model::status::{ArchiveStatus, BackupTaskStatus};
use desk_model::{ClusterId, ObVersion, TenantRecord, UtcMicros};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::history::{bytes_in, bytes_out, scn_in, scn_out, time_out, write_history, HistorySnapshot};
use crate::tenants::write_tenants;
use crate::{Store, StoreError};

/// One successful pass's reading of a cluster, written in one transaction.
#[derive(Debug, Clone, Copy)]
pub struct SyncPass<'a> {
    pub version: Option<&'a ObVersion>,
    pub tenants: &'a [TenantRecord],
    pub history: HistorySnapshot<'a>,
    pub archive: &'a [ArchiveRound],
    pub destinations: &'a [BackupDestinations],
    pub policies: &'a [DeletePolicy],
    pub tasks: &'a [BackupTask],
    /// Where the next incremental pass starts reading history (cluster time).
    pub history_since: Option<UtcMicros>,
    /// This pass re-read every set and piece (not only the recent ones).
    pub full_read: bool,
    pub at: UtcMicros,
}

/// A cluster's sync bookkeeping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncMark {
    pub history_since: Option<UtcMicros>,
    pub last_full_at: Option<UtcMicros>,
    pub last_attempt_at: Option<UtcMicros>,
    /// Failed passes since the last success.
    pub failures: u32,
}

impl Store {
    /// Writes a pass in one transaction: tenants, history (append-only), the
    /// mirrored state, the cluster's version and sync time. Returns how many
    /// rows changed; 0 means the cache already held exactly this.
    pub fn record_sync_pass(&mut self, cluster: ClusterId, pass: &SyncPass<'_>) -> Result<usize, StoreError> {
        let tx = self.writer()?.transaction()?;
        let mut changed = write_tenants(&tx, cluster, pass.tenants)?;
        changed += write_history(&tx, cluster, &pass.history)?;
        changed += write_archive(&tx, cluster, pass.archive)?;
        changed += write_destinations(&tx, cluster, pass.destinations)?;
        changed += write_policies(&tx, cluster, pass.policies)?;
        changed += write_tasks(&tx, cluster, pass.tasks)?;
        let version = pass.version.map(|v| v.to_string());
        changed += tx.execute(
            "UPDATE clusters SET version = ?2, last_error = NULL
              WHERE id = ?1 AND (version IS NOT ?2 OR last_error IS NOT NULL)",
            params![cluster.0, version],
        )?;
        tx.execute(
            "UPDATE clusters SET last_synced_at = ?2 WHERE id = ?1",
            params![cluster.0, pass.at.0],
        )?;
        tx.execute(
            "INSERT INTO sync_state (cluster_id, history_since, last_full_at, last_attempt_at, failures)
             VALUES (?1, ?2, CASE WHEN ?3 THEN ?4 END, ?4, 0)
             ON CONFLICT (cluster_id) DO UPDATE SET
                history_since = COALESCE(excluded.history_since, sync_state.history_since),
                last_full_at = COALESCE(excluded.last_full_at, sync_state.last_full_at),
                last_attempt_at = excluded.last_attempt_at, failures = 0",
            params![cluster.0, pass.history_since.map(|t| t.0), pass.full_read, pass.at.0],
        )?;
        tx.commit()?;
        if changed > 0 {
            self.checkpoint_soon();
        }
        Ok(changed)
    }

    /// Records a failed pass at `at`: the error (redacted by the caller) and
    /// one more failure; every cached row of the cluster stays as it was.
    pub fn record_sync_attempt_failed(
        &mut self,
        cluster: ClusterId,
        error: &desk_model::Words,
        at: UtcMicros,
    ) -> Result<(), StoreError> {
        let tx = self.writer()?.transaction()?;
        let n = tx.execute(
            "UPDATE clusters SET last_error = ?2 WHERE id = ?1",
            params![cluster.0, crate::said::words_in(error)],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "cluster",
                id: cluster.0,
            });
        }
        tx.execute(
            "INSERT INTO sync_state (cluster_id, last_attempt_at, failures) VALUES (?1, ?2, 1)
             ON CONFLICT (cluster_id) DO UPDATE SET last_attempt_at = excluded.last_attempt_at,
                failures = sync_state.failures + 1",
            params![cluster.0, at.0],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The cluster's sync bookkeeping (all empty before its first pass).
    pub fn sync_mark(&self, cluster: ClusterId) -> Result<SyncMark, StoreError> {
        let mark = self
            .conn
            .prepare_cached(
                "SELECT history_since, last_full_at, last_attempt_at, failures FROM sync_state WHERE cluster_id = ?1",
            )?
            .query_row([cluster.0], |r| {
                Ok(SyncMark {
                    history_since: time_out(r.get(0)?),
                    last_full_at: time_out(r.get(1)?),
                    last_attempt_at: time_out(r.get(2)?),
                    failures: r.get::<_, i64>(3)?.clamp(0, u32::MAX as i64) as u32,
                })
            })
            .optional()?;
        Ok(mark.unwrap_or_default())
    }

    /// A tenant's log archive state, one row per archive destination.
    pub fn archive_state_of(&self, cluster: ClusterId, ob_tenant_id: i64) -> Result<Vec<ArchiveRound>, StoreError> {
        read_archive(&self.conn, cluster, Some(ob_tenant_id))
    }

    /// A tenant's destinations (redacted), if the cluster reported any.
    /// Every tenant's destinations on a cluster, as last synced (redacted).
    pub fn destinations(&self, cluster: ClusterId) -> Result<Vec<BackupDestinations>, StoreError> {
        read_destinations(&self.conn, cluster, None)
    }

    pub fn destinations_of(
        &self,
        cluster: ClusterId,
        ob_tenant_id: i64,
    ) -> Result<Option<BackupDestinations>, StoreError> {
        Ok(read_destinations(&self.conn, cluster, Some(ob_tenant_id))?.pop())
    }

    /// A tenant's delete policies (OceanBase allows one, named `default`).
    pub fn delete_policies_of(&self, cluster: ClusterId, ob_tenant_id: i64) -> Result<Vec<DeletePolicy>, StoreError> {
        read_policies(&self.conn, cluster, Some(ob_tenant_id))
    }

    /// How the cluster itself is set up to back a tenant up: its destinations, the
    /// latest archive round's status, the delete policy's window.
    pub fn cluster_backup_config(
        &self,
        cluster: ClusterId,
        ob_tenant_id: i64,
    ) -> Result<ClusterBackupConfig, StoreError> {
        let dests = self.destinations_of(cluster, ob_tenant_id)?.unwrap_or_default();
        let archive = self.archive_state_of(cluster, ob_tenant_id)?;
        let latest = archive.iter().max_by_key(|r| (r.round_id, r.dest_id));
        Ok(ClusterBackupConfig {
            // The connector redacts what it caches; the card redacts again, as it shows it.
            data_backup_dest: dests.data_backup_dest.as_deref().map(desk_model::storage::redact),
            log_archive_dest: dests.log_archive_dest.as_deref().map(desk_model::storage::redact),
            archive_status: latest.map(|r| r.status.clone()),
            piece_switch_interval_secs: match dests.piece_switch_interval_secs {
                0 => latest.map_or(0, |r| r.piece_switch_interval_secs),
                secs => secs,
            },
            recovery_window: self
                .delete_policies_of(cluster, ob_tenant_id)?
                .into_iter()
                .next()
                .map(|p| p.recovery_window),
        })
    }

    /// Backup tasks running now on a cluster (one tenant's, or all), with their progress.
    pub fn backup_tasks_of(
        &self,
        cluster: ClusterId,
        ob_tenant_id: Option<i64>,
    ) -> Result<Vec<BackupTask>, StoreError> {
        read_tasks(&self.conn, cluster, ob_tenant_id)
    }
}

/// Replaces a cluster's rows of a mirrored table with `new` unless they are
/// equal already (then nothing is written). `new` must be in the reader's order.
fn replace_if_changed<T: PartialEq>(
    tx: &Transaction<'_>,
    table: &str,
    old: Vec<T>,
    new: &[T],
    mut insert: impl FnMut(&T) -> rusqlite::Result<usize>,
    cluster: ClusterId,
) -> Result<usize, StoreError> {
    if old.as_slice() == new {
        return Ok(0);
    }
    let mut changed = tx.execute(&format!("DELETE FROM {table} WHERE cluster_id = ?1"), [cluster.0])?;
    for row in new {
        changed += insert(row)?;
    }
    Ok(changed.max(1))
}

fn write_archive(tx: &Transaction<'_>, cluster: ClusterId, rows: &[ArchiveRound]) -> Result<usize, StoreError> {
    let mut new = rows.to_vec();
    new.sort_by_key(|r| (r.tenant_id, r.dest_id));
    let old = read_archive(tx, cluster, None)?;
    let mut stmt = tx.prepare_cached(
        "INSERT OR REPLACE INTO archive_state (cluster_id, ob_tenant_id, dest_id, round_id, status, start_scn,
            checkpoint_scn, piece_switch_secs, input_bytes, output_bytes, comment, path)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    replace_if_changed(
        tx,
        "archive_state",
        old,
        &new,
        |r| {
            stmt.execute(params![
                cluster.0,
                r.tenant_id,
                r.dest_id,
                r.round_id,
                r.status.as_str(),
                scn_in(r.start_scn),
                scn_in(r.checkpoint_scn),
                r.piece_switch_interval_secs,
                bytes_in(r.input_bytes),
                bytes_in(r.output_bytes),
                r.comment,
                r.path
            ])
        },
        cluster,
    )
}

fn read_archive(
    conn: &rusqlite::Connection,
    cluster: ClusterId,
    tenant: Option<i64>,
) -> Result<Vec<ArchiveRound>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT ob_tenant_id, dest_id, round_id, status, start_scn, checkpoint_scn, piece_switch_secs, input_bytes,
                output_bytes, comment, path
           FROM archive_state WHERE cluster_id = ?1 AND (?2 IS NULL OR ob_tenant_id = ?2)
          ORDER BY ob_tenant_id, dest_id",
    )?;
    let rows = stmt.query_map(params![cluster.0, tenant], |r| {
        Ok(ArchiveRound {
            tenant_id: r.get(0)?,
            dest_id: r.get(1)?,
            round_id: r.get(2)?,
            status: ArchiveStatus::parse(&r.get::<_, String>(3)?),
            start_scn: scn_out(r.get(4)?),
            checkpoint_scn: scn_out(r.get(5)?),
            piece_switch_interval_secs: r.get(6)?,
            input_bytes: bytes_out(r.get(7)?),
            output_bytes: bytes_out(r.get(8)?),
            comment: r.get(9)?,
            path: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn write_destinations(
    tx: &Transaction<'_>,
    cluster: ClusterId,
    rows: &[BackupDestinations],
) -> Result<usize, StoreError> {
    let mut new = rows.to_vec();
    new.sort_by_key(|r| r.tenant_id);
    let old = read_destinations(tx, cluster, None)?;
    let mut stmt = tx.prepare_cached(
        "INSERT OR REPLACE INTO backup_destinations (cluster_id, ob_tenant_id, data_backup_dest, log_archive_dest,
            log_archive_binding, piece_switch_secs, log_archive_state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    replace_if_changed(
        tx,
        "backup_destinations",
        old,
        &new,
        |d| {
            stmt.execute(params![
                cluster.0,
                d.tenant_id,
                d.data_backup_dest,
                d.log_archive_dest,
                d.log_archive_binding,
                d.piece_switch_interval_secs,
                d.log_archive_state
            ])
        },
        cluster,
    )
}

fn read_destinations(
    conn: &rusqlite::Connection,
    cluster: ClusterId,
    tenant: Option<i64>,
) -> Result<Vec<BackupDestinations>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT ob_tenant_id, data_backup_dest, log_archive_dest, log_archive_binding, piece_switch_secs,
                log_archive_state
           FROM backup_destinations WHERE cluster_id = ?1 AND (?2 IS NULL OR ob_tenant_id = ?2)
          ORDER BY ob_tenant_id",
    )?;
    let rows = stmt.query_map(params![cluster.0, tenant], |r| {
        Ok(BackupDestinations {
            tenant_id: r.get(0)?,
            data_backup_dest: r.get(1)?,
            log_archive_dest: r.get(2)?,
            log_archive_binding: r.get(3)?,
            piece_switch_interval_secs: r.get(4)?,
            log_archive_state: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn write_policies(tx: &Transaction<'_>, cluster: ClusterId, rows: &[DeletePolicy]) -> Result<usize, StoreError> {
    let mut new = rows.to_vec();
    new.sort_by(|a, b| (a.tenant_id, &a.policy_name).cmp(&(b.tenant_id, &b.policy_name)));
    let old = read_policies(tx, cluster, None)?;
    let mut stmt = tx.prepare_cached(
        "INSERT OR REPLACE INTO delete_policies (cluster_id, ob_tenant_id, policy_name, recovery_window)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    replace_if_changed(
        tx,
        "delete_policies",
        old,
        &new,
        |p| stmt.execute(params![cluster.0, p.tenant_id, p.policy_name, p.recovery_window]),
        cluster,
    )
}

fn read_policies(
    conn: &rusqlite::Connection,
    cluster: ClusterId,
    tenant: Option<i64>,
) -> Result<Vec<DeletePolicy>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT ob_tenant_id, policy_name, recovery_window FROM delete_policies
          WHERE cluster_id = ?1 AND (?2 IS NULL OR ob_tenant_id = ?2) ORDER BY ob_tenant_id, policy_name",
    )?;
    let rows = stmt.query_map(params![cluster.0, tenant], |r| {
        Ok(DeletePolicy {
            tenant_id: r.get(0)?,
            policy_name: r.get(1)?,
            recovery_window: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn write_tasks(tx: &Transaction<'_>, cluster: ClusterId, rows: &[BackupTask]) -> Result<usize, StoreError> {
    let mut new = rows.to_vec();
    new.sort_by_key(|t| (t.tenant_id, t.task_id));
    let old = read_tasks(tx, cluster, None)?;
    let mut stmt = tx.prepare_cached(
        "INSERT OR REPLACE INTO backup_tasks (cluster_id, ob_tenant_id, task_id, job_id, backup_set_id, status,
            start_at, end_at, input_bytes, output_bytes, tablet_count, finish_tablet_count, macro_block_count,
            finish_macro_block_count, data_progress_permille, comment)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    replace_if_changed(
        tx,
        "backup_tasks",
        old,
        &new,
        |t| {
            stmt.execute(params![
                cluster.0,
                t.tenant_id,
                t.task_id,
                t.job_id,
                t.backup_set_id,
                t.status.as_str(),
                t.start.map(|v| v.0),
                t.end.map(|v| v.0),
                bytes_in(t.input_bytes),
                bytes_in(t.output_bytes),
                bytes_in(t.tablet_count),
                bytes_in(t.finish_tablet_count),
                bytes_in(t.macro_block_count),
                bytes_in(t.finish_macro_block_count),
                t.data_progress_permille,
                t.comment
            ])
        },
        cluster,
    )
}

fn read_tasks(
    conn: &rusqlite::Connection,
    cluster: ClusterId,
    tenant: Option<i64>,
) -> Result<Vec<BackupTask>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT ob_tenant_id, task_id, job_id, backup_set_id, status, start_at, end_at, input_bytes, output_bytes,
                tablet_count, finish_tablet_count, macro_block_count, finish_macro_block_count,
                data_progress_permille, comment
           FROM backup_tasks WHERE cluster_id = ?1 AND (?2 IS NULL OR ob_tenant_id = ?2)
          ORDER BY ob_tenant_id, task_id",
    )?;
    let rows = stmt.query_map(params![cluster.0, tenant], |r| {
        Ok(BackupTask {
            tenant_id: r.get(0)?,
            task_id: r.get(1)?,
            job_id: r.get(2)?,
            backup_set_id: r.get(3)?,
            status: BackupTaskStatus::parse(&r.get::<_, String>(4)?),
            start: time_out(r.get(5)?),
            end: time_out(r.get(6)?),
            input_bytes: bytes_out(r.get(7)?),
            output_bytes: bytes_out(r.get(8)?),
            tablet_count: bytes_out(r.get(9)?),
            finish_tablet_count: bytes_out(r.get(10)?),
            macro_block_count: bytes_out(r.get(11)?),
            finish_macro_block_count: bytes_out(r.get(12)?),
            data_progress_permille: r.get(13)?,
            comment: r.get(14)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
