//! What the Backup and Recovery pages read: task pages (backup, recovery, log
//! backup) and the facts behind the overview card and the recoverable period.
//! A scope is one cluster and one of its tenants, one cluster with all its
//! tenants, or (task center) every cluster.

use desk_model::backup::{ArchivePiece, BackupSetFile};
use desk_model::journal::JournalAction;
use desk_model::overview::{BackupKind, TaskState, TenantHistory};
use desk_model::progress::{backup_progress, restore_progress};
use desk_model::tasks::{
    BackupTaskPage, BackupTaskRow, LogBackupRow, PageCursor, RestoreSortKey, RestoreTaskPage, RestoreTaskRow,
    TaskQuery, TaskSource,
};
use desk_model::{words, ClusterId, UtcMicros};
use rusqlite::{params, OptionalExtension};

use crate::history::{piece_from_row, restore_from_row_at, set_from_row, PIECE_COLUMNS, RESTORE_COLUMNS, SET_COLUMNS};
use crate::{JobFilter, Store, StoreError};

/// One tenant's cached history, for the card and the period.
#[derive(Debug, Clone, Default)]
pub struct TenantBackups {
    pub ob_tenant_id: i64,
    pub sets: Vec<BackupSetFile>,
    pub pieces: Vec<ArchivePiece>,
}

impl TenantBackups {
    pub fn history(&self) -> TenantHistory<'_> {
        TenantHistory {
            sets: &self.sets,
            pieces: &self.pieces,
        }
    }
}

/// Names of a cluster and (optionally) one of its tenants, as restore rows spell them.
struct ScopeNames {
    /// The cluster and its name as its own restore rows spell it: an imported
    /// cluster's rows keep the exporting desk's name, without `@<label>`.
    cluster: Option<(ClusterId, String)>,
    tenant: Option<String>,
    /// The scope's import label: `None` for live clusters (and the task center).
    label: Option<String>,
}

/// The page size and the time filter a query carries.
fn check_query(q: &TaskQuery) -> Result<(), StoreError> {
    UtcMicros::typed_span(q.from, q.to)?;
    check_limit(q.limit)
}

fn check_limit(limit: u32) -> Result<(), StoreError> {
    if limit == 0 || limit > 1000 {
        return Err(StoreError::Invalid {
            field: "limit",
            rule: words!("a page holds 1 to 1000 rows", "每页可含 1 到 1000 行"),
        });
    }
    Ok(())
}

/// The ORDER BY key of each sortable column; `07-restore-paging` indexes each one.
fn restore_sort_expr(key: RestoreSortKey) -> &'static str {
    match key {
        RestoreSortKey::Id => "job_id",
        RestoreSortKey::StartTime => "IFNULL(start_at, 0)",
        RestoreSortKey::EndTime => "IFNULL(finish_at, 9223372036854775807)",
        RestoreSortKey::RecoveryTime => "restore_scn",
    }
}

/// The backup job statuses of `state` as a JSON array, for `IN (SELECT value FROM json_each(?))`.
pub(crate) fn backup_statuses_json(state: TaskState) -> String {
    serde_json::to_string(&TaskState::backup_statuses(&[state])).expect("a list of strings serializes")
}

impl Store {
    fn scope_names(&self, q: &TaskQuery) -> Result<ScopeNames, StoreError> {
        let Some(cluster) = q.cluster_id else {
            if q.ob_tenant_id.is_some() {
                return Err(StoreError::Invalid {
                    field: "obTenantId",
                    rule: words!("a tenant is chosen within a cluster", "须先选择集群，再在其中选择租户"),
                });
            }
            return Ok(ScopeNames {
                cluster: None,
                tenant: None,
                label: None,
            });
        };
        let record = self.cluster(cluster)?;
        let name = match &record.imported_from {
            Some(label) => record
                .name
                .strip_suffix(&format!("@{label}"))
                .unwrap_or(&record.name)
                .to_owned(),
            None => record.name,
        };
        let tenant = match q.ob_tenant_id {
            None => None,
            Some(id) => Some(
                self.conn
                    .prepare_cached("SELECT name FROM tenants WHERE cluster_id = ?1 AND ob_tenant_id = ?2")?
                    .query_row(params![cluster.0, id], |r| r.get::<_, String>(0))
                    .optional()?
                    .ok_or(StoreError::NotFound { what: "tenant", id })?,
            ),
        };
        Ok(ScopeNames {
            cluster: Some((cluster, name)),
            tenant,
            label: record.imported_from,
        })
    }

    fn tenant_name(&self, cluster: ClusterId, ob_tenant_id: i64) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT name FROM tenants WHERE cluster_id = ?1 AND ob_tenant_id = ?2")?
            .query_row(params![cluster.0, ob_tenant_id], |r| r.get(0))
            .optional()?)
    }

    /// A page of data backup tasks, newest first, with cluster and tenant names.
    pub fn backup_task_page(&self, q: &TaskQuery) -> Result<BackupTaskPage, StoreError> {
        check_query(q)?;
        self.scope_names(q)?;
        let filter = JobFilter {
            cluster: q.cluster_id,
            ob_tenant_id: q.ob_tenant_id,
            statuses: TaskState::backup_statuses(&q.states),
            from: q.from,
            to: q.to,
            before: q.after.map(|c| (UtcMicros(c.key), c.row)),
            // One more than asked: whether a next page exists.
            limit: q.limit + 1,
            include_imported: q.include_imported,
        };
        // States with no OceanBase status (Unknown alone) match nothing rather than everything.
        if !q.states.is_empty() && filter.statuses.is_empty() {
            return Ok(BackupTaskPage {
                rows: vec![],
                next: None,
            });
        }
        let mut jobs = self.backup_job_page(&filter)?;
        let more = jobs.len() > q.limit as usize;
        jobs.truncate(q.limit as usize);
        let clusters = self.clusters()?;
        let rows = jobs
            .into_iter()
            .map(|(cluster_id, job)| {
                let state = TaskState::of_backup(&job.status);
                let started = self.journal_for_job(
                    cluster_id,
                    &[JournalAction::BackupTenant, JournalAction::BackupCluster],
                    job.job_id,
                )?;
                let source = match started {
                    Some(e) if e.actor.starts_with("scheduler:") => TaskSource::Scheduled,
                    Some(_) => TaskSource::Manual,
                    None => TaskSource::OutsideTheDesk,
                };
                let progress = if state == TaskState::InProgress {
                    Some(backup_progress(
                        &job,
                        &self.backup_tasks_of(cluster_id, Some(job.tenant_id))?,
                    ))
                } else {
                    None
                };
                let cluster = clusters.iter().find(|c| c.id == cluster_id);
                Ok(BackupTaskRow {
                    cluster_id,
                    cluster_name: cluster.map(|c| c.name.clone()).unwrap_or_default(),
                    imported_from: cluster.and_then(|c| c.imported_from.clone()),
                    tenant_name: self.tenant_name(cluster_id, job.tenant_id)?,
                    state,
                    source,
                    progress,
                    job,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let next = more.then(|| rows.last()).flatten().and_then(|r| {
            r.job.start.map(|s| PageCursor {
                key: s.0,
                row: r.job.job_id,
            })
        });
        Ok(BackupTaskPage { rows, next })
    }

    /// A page of recovery tasks. A tenant's page lists restores into it and
    /// restores from its backups; a cluster's, restores run on it or from it.
    pub fn restore_task_page(&self, q: &TaskQuery) -> Result<RestoreTaskPage, StoreError> {
        check_query(q)?;
        let scope = self.scope_names(q)?;
        let statuses = TaskState::restore_statuses(&q.states);
        if !q.states.is_empty() && statuses.is_empty() {
            return Ok(RestoreTaskPage {
                rows: vec![],
                next: None,
            });
        }
        let statuses = format!(
            "[{}]",
            statuses.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(",")
        );
        let key = restore_sort_expr(q.sort);
        let (dir, cmp) = if q.ascending { ("ASC", ">") } else { ("DESC", "<") };
        // Filters every scope shares. Absent bounds are spelled `?N IS NULL`
        // rather than `(?N IS NULL OR ...)`, so a present one can bound the
        // index (the start-time key) instead of being a per-row test; one
        // fixed text per shape, each cached once.
        let from_sql = if q.from.is_some() {
            "IFNULL(start_at, 0) >= ?5"
        } else {
            "?5 IS NULL"
        };
        let to_sql = if q.to.is_some() {
            "IFNULL(start_at, 0) <= ?6"
        } else {
            "?6 IS NULL"
        };
        // The bound on the key alone lets SQLite seek its index to the cursor
        // (a row value or a bare OR would walk every newer row).
        let after_sql = if q.after.is_some() {
            format!("{key} {cmp}= ?7 AND ({key} {cmp} ?7 OR id {cmp} ?8)")
        } else {
            "?7 IS NULL AND ?8 IS NULL".to_owned()
        };
        let filters = format!(
            "(?4 = '[]' OR status IN (SELECT value FROM json_each(?4)))
                AND {from_sql} AND {to_sql} AND {after_sql}"
        );
        let order = format!("ORDER BY {key} {dir}, id {dir}");
        // Rows of clusters of the scope's kind (live ones, or the scope's own import), or
        // any with "Show imported history": imported rows keep the exporting cluster's
        // names, so without this a live page would list them as its own.
        let kind_sql = "(?10 OR +cluster_id IN (SELECT id FROM clusters WHERE imported_from IS ?11))";
        // Columns: the row id, the cluster, the sort key, the cluster's name, then RESTORE_COLUMNS.
        let name_sql = "(SELECT name FROM clusters c WHERE c.id = r.cluster_id)";
        let columns = format!("id, cluster_id, {key} AS sort_key");
        let sql = match (&scope.cluster, &scope.tenant) {
            // A cluster holds most rows: `+` keeps its terms off the indexes,
            // so the page walks the sort key's index and stops after `limit` rows.
            (None, _) | (Some(_), None) => {
                let scope_sql = if scope.cluster.is_none() {
                    format!("?1 IS NULL AND ?2 IS NULL AND ?3 IS NULL AND {kind_sql}")
                } else {
                    format!("(+cluster_id = ?1 OR (+backup_cluster_name = ?2 AND {kind_sql})) AND ?3 IS NULL")
                };
                format!(
                    "SELECT {columns}, {name_sql}, {RESTORE_COLUMNS} FROM restore_jobs r
                      WHERE {scope_sql} AND {filters}
                      {order}
                      LIMIT ?9"
                )
            }
            // A tenant's restores are those into it on its cluster, and those
            // from its backups wherever they ran. An OR of the two would read
            // every row of both and sort them; instead each half walks its own
            // index (`11-restore-tenant-paging`: the scope, then the sort key
            // and id) and stops after `limit` rows, and the two short lists are
            // merged. A restore of a tenant into itself belongs to the first
            // half only.
            (Some(_), Some(_)) => format!(
                "SELECT id, cluster_id, sort_key, {name_sql}, {RESTORE_COLUMNS} FROM (
                    SELECT * FROM (
                        SELECT {columns}, {RESTORE_COLUMNS} FROM restore_jobs
                         WHERE cluster_id = ?1 AND restore_tenant_name = ?3 AND {filters}
                         {order}
                         LIMIT ?9)
                    UNION ALL
                    SELECT * FROM (
                        SELECT {columns}, {RESTORE_COLUMNS} FROM restore_jobs
                         WHERE backup_cluster_name = ?2 AND backup_tenant_name = ?3
                           AND NOT (cluster_id = ?1 AND restore_tenant_name = ?3)
                           AND {kind_sql}
                           AND {filters}
                         {order}
                         LIMIT ?9)) r
                  ORDER BY sort_key {dir}, id {dir}
                  LIMIT ?9"
            ),
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let (cluster_id, cluster_name) = scope
            .cluster
            .map(|(id, name)| (Some(id.0), Some(name)))
            .unwrap_or_default();
        let mut rows: Vec<(i64, RestoreTaskRow)> = stmt
            .query_map(
                params![
                    cluster_id,
                    cluster_name,
                    scope.tenant,
                    statuses,
                    q.from.map(|t| t.0),
                    q.to.map(|t| t.0),
                    q.after.map(|c| c.key),
                    q.after.map(|c| c.row),
                    q.limit + 1,
                    q.include_imported,
                    scope.label
                ],
                |r| {
                    // RESTORE_COLUMNS start at column 4.
                    let job = restore_from_row_at(r, 4)?;
                    let state = TaskState::of_restore(&job.status);
                    Ok((
                        r.get::<_, i64>(2)?,
                        RestoreTaskRow {
                            row: r.get(0)?,
                            cluster_id: ClusterId(r.get(1)?),
                            target_cluster: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                            state,
                            backup_method: BackupKind::Physical,
                            recovery_time: job.restore_scn.to_micros(),
                            // Also a running restore in a phase this desk does not know yet.
                            progress: (state == TaskState::InProgress || job.running).then(|| restore_progress(&job)),
                            imported_from: None,
                            job,
                        },
                    ))
                },
            )?
            .collect::<Result<_, _>>()?;
        let more = rows.len() > q.limit as usize;
        rows.truncate(q.limit as usize);
        let clusters = self.clusters()?;
        for (_, r) in &mut rows {
            r.imported_from = clusters
                .iter()
                .find(|c| c.id == r.cluster_id)
                .and_then(|c| c.imported_from.clone());
        }
        let next = more
            .then(|| rows.last())
            .flatten()
            .map(|(key, r)| PageCursor { key: *key, row: r.row });
        Ok(RestoreTaskPage {
            rows: rows.into_iter().map(|(_, r)| r).collect(),
            next,
        })
    }

    /// Archive pieces of a cluster (or one tenant), newest first: the Log Backup Tasks tab.
    pub fn log_backup_rows(
        &self,
        cluster: Option<ClusterId>,
        ob_tenant_id: Option<i64>,
    ) -> Result<Vec<LogBackupRow>, StoreError> {
        // Every cluster (the task center) means the live ones: imported history is not
        // mixed into it.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PIECE_COLUMNS}, (SELECT name FROM tenants t WHERE t.cluster_id = p.cluster_id
                                      AND t.ob_tenant_id = p.ob_tenant_id),
                    p.cluster_id, (SELECT name FROM clusters c WHERE c.id = p.cluster_id)
               FROM archive_pieces p
              WHERE (?1 IS NULL AND p.cluster_id IN (SELECT id FROM clusters WHERE imported_from IS NULL)
                     OR p.cluster_id = ?1)
                AND (?2 IS NULL OR p.ob_tenant_id = ?2)
              ORDER BY p.start_scn DESC, p.cluster_id, p.ob_tenant_id LIMIT 1000"
        ))?;
        let rows = stmt.query_map(params![cluster.map(|c| c.0), ob_tenant_id], |r| {
            let piece = piece_from_row(r)?;
            Ok(LogBackupRow {
                cluster_id: ClusterId(r.get(12)?),
                cluster_name: r.get(13)?,
                tenant_name: r.get(11)?,
                start: piece.start_scn.to_micros(),
                checkpoint: piece.checkpoint_scn.to_micros(),
                piece,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Backup sets and archive pieces of a cluster's tenants (or one), per tenant.
    pub fn tenant_backups(
        &self,
        cluster: ClusterId,
        ob_tenant_id: Option<i64>,
    ) -> Result<Vec<TenantBackups>, StoreError> {
        self.cluster(cluster)?;
        let mut out: Vec<TenantBackups> = Vec::new();
        fn slot(out: &mut Vec<TenantBackups>, id: i64) -> &mut TenantBackups {
            match out.iter().position(|t| t.ob_tenant_id == id) {
                Some(i) => &mut out[i],
                None => {
                    out.push(TenantBackups {
                        ob_tenant_id: id,
                        ..Default::default()
                    });
                    out.last_mut().unwrap()
                }
            }
        }
        let mut sets = self.conn.prepare_cached(&format!(
            "SELECT {SET_COLUMNS} FROM backup_sets WHERE cluster_id = ?1 AND (?2 IS NULL OR ob_tenant_id = ?2)
              ORDER BY ob_tenant_id, backup_set_id"
        ))?;
        for s in sets.query_map(params![cluster.0, ob_tenant_id], set_from_row)? {
            let s = s?;
            slot(&mut out, s.tenant_id).sets.push(s);
        }
        let mut pieces = self.conn.prepare_cached(&format!(
            "SELECT {PIECE_COLUMNS} FROM archive_pieces WHERE cluster_id = ?1 AND (?2 IS NULL OR ob_tenant_id = ?2)
              ORDER BY ob_tenant_id, round_id, piece_id"
        ))?;
        for p in pieces.query_map(params![cluster.0, ob_tenant_id], piece_from_row)? {
            let p = p?;
            slot(&mut out, p.tenant_id).pieces.push(p);
        }
        Ok(out)
    }

    /// Whether a data backup of the tenant (or any tenant of the cluster) is running.
    pub fn backup_running(&self, cluster: ClusterId, ob_tenant_id: Option<i64>) -> Result<bool, StoreError> {
        let list = backup_statuses_json(TaskState::InProgress);
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM backup_jobs WHERE cluster_id = ?1 AND (?2 IS NULL OR ob_tenant_id = ?2)
                   AND status IN (SELECT value FROM json_each(?3)))",
            )?
            .query_row(params![cluster.0, ob_tenant_id, list], |r| r.get(0))?)
    }
}
