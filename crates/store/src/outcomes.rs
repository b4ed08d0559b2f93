//! What the notices watch: how tasks the desk started ended, and the facts a
//! strategy's alert thresholds are checked against.

use desk_model::journal::{JournalAction, JournalState};
use desk_model::notices::{AlertFacts, TaskOutcome};
use desk_model::overview::{log_checkpoint, TaskState};
use desk_model::status::{BackupJobStatus, RestoreStatus};
use desk_model::UtcMicros;
use rusqlite::{params, OptionalExtension};

use crate::task_pages::backup_statuses_json;
use crate::{Store, StoreError};

/// The actions whose job a notice follows to its end.
const FOLLOWED: [JournalAction; 4] = [
    JournalAction::BackupTenant,
    JournalAction::BackupCluster,
    JournalAction::Restore,
    JournalAction::RetryRestore,
];

impl Store {
    /// Jobs started by journal entries written since `since`, with where each
    /// stands in the cache (In Progress until a sync sees it end).
    pub fn desk_task_outcomes(&self, since: UtcMicros) -> Result<Vec<TaskOutcome>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT j.id, j.cluster_id, c.name, j.tenant_name, j.actor, j.action, j.job_id
               FROM journal j JOIN clusters c ON c.id = j.cluster_id
              WHERE j.state = ?1 AND j.job_id IS NOT NULL AND j.created_at >= ?2
              ORDER BY j.id",
        )?;
        let entries = stmt
            .query_map(params![JournalState::Confirmed.as_str(), since.0], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, i64>(6)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::new();
        for (journal_id, cluster, cluster_name, tenant_name, actor, action, job_id) in entries {
            let Some(action) = JournalAction::parse(&action).filter(|a| FOLLOWED.contains(a)) else {
                continue;
            };
            let restore = matches!(action, JournalAction::Restore | JournalAction::RetryRestore);
            let found: Option<(String, String)> = if restore {
                // The restore is listed under the sys tenant and the new tenant; either tells its status.
                self.conn
                    .prepare_cached(
                        "SELECT status, comment FROM restore_jobs
                          WHERE cluster_id = ?1 AND job_id = ?2 AND restore_tenant_name = ?3
                          ORDER BY ob_tenant_id LIMIT 1",
                    )?
                    .query_row(params![cluster, job_id, tenant_name], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?
            } else {
                // A tenant's job under that tenant; a cluster backup's under the sys tenant.
                self.conn
                    .prepare_cached(
                        "SELECT b.status, b.comment FROM backup_jobs b
                          WHERE b.cluster_id = ?1 AND b.job_id = ?2
                            AND b.ob_tenant_id = COALESCE(
                                (SELECT t.ob_tenant_id FROM tenants t WHERE t.cluster_id = ?1 AND t.name = ?3), 1)",
                    )?
                    .query_row(params![cluster, job_id, tenant_name], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?
            };
            let (state, cause) = match found {
                Some((status, comment)) if restore => (TaskState::of_restore(&RestoreStatus::parse(&status)), comment),
                Some((status, comment)) => (TaskState::of_backup(&BackupJobStatus::parse(&status)), comment),
                None => (TaskState::InProgress, String::new()),
            };
            out.push(TaskOutcome {
                journal_id,
                cluster_id: desk_model::ClusterId(cluster),
                cluster_name,
                tenant_name,
                action,
                scheduled: actor.starts_with("scheduler:"),
                job_id,
                state,
                cause,
            });
        }
        Ok(out)
    }

    /// One entry per user tenant a strategy in force (not paused) covers, on
    /// clusters the desk syncs and reached last time: an offline cluster's
    /// cached facts age, and the offline banner already says so.
    pub fn alert_facts(&self) -> Result<Vec<AlertFacts>, StoreError> {
        let (running, completed) = (
            backup_statuses_json(TaskState::InProgress),
            backup_statuses_json(TaskState::Completed),
        );
        let mut out = Vec::new();
        for cluster in self.clusters()? {
            if cluster.imported_from.is_some() || cluster.last_error.is_some() {
                continue;
            }
            for tenant in self.tenants(Some(cluster.id))? {
                let id = tenant.record.ob_tenant_id;
                if tenant.record.tenant_type != "USER" {
                    continue;
                }
                let Some(strategy) = self.effective_strategy(cluster.id, Some(id))? else {
                    continue;
                };
                if strategy.strategy.paused {
                    continue;
                }
                let running_since: Option<(i64, i64)> = self
                    .conn
                    .prepare_cached(
                        "SELECT job_id, start_at FROM backup_jobs
                          WHERE cluster_id = ?1 AND ob_tenant_id = ?2 AND start_at IS NOT NULL
                            AND status IN (SELECT value FROM json_each(?3))
                          ORDER BY start_at LIMIT 1",
                    )?
                    .query_row(params![cluster.id.0, id, running], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                let last_success: Option<i64> = self
                    .conn
                    .prepare_cached(
                        "SELECT MAX(end_at) FROM backup_jobs
                          WHERE cluster_id = ?1 AND ob_tenant_id = ?2
                            AND status IN (SELECT value FROM json_each(?3))",
                    )?
                    .query_row(params![cluster.id.0, id, completed], |r| r.get(0))?;
                let pieces = self.archive_pieces_of(cluster.id, id)?;
                out.push(AlertFacts {
                    cluster_id: cluster.id,
                    cluster_name: cluster.name.clone(),
                    tenant_name: tenant.record.name.clone(),
                    thresholds: strategy.strategy.alerts,
                    log_backup: strategy.strategy.log_backup.enabled,
                    running_since: running_since.map(|(job, at)| (job, UtcMicros(at))),
                    last_success: last_success.map(UtcMicros),
                    log_checkpoint: log_checkpoint(&pieces).and_then(|s| s.to_micros()),
                    // Pausing stops the runs: the days count again from the last edit or enable.
                    strategy_since: strategy.updated_at,
                });
            }
        }
        Ok(out)
    }
}
