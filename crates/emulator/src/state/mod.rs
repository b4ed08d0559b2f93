//! The emulated cluster: tenants, resources, backup, archive and restore, advanced lazily to
//! the clock's now before every statement and rendered into SQLite tables named like
//! OceanBase's views.
//!
//! Each domain lives in its own file as an `impl Cluster` block with its types.

mod archive;
mod backup;
mod destinations;
mod policy;
mod resources;
mod restore;
mod store;
mod tenants;
pub(crate) mod v3;
pub mod window;

pub use archive::{Round, RoundState};
pub use backup::{backup_duration, backup_input_bytes, tablet_count, BackupJob, JobLevel, JobOutcome};
pub use resources::{Pool, Unit};
pub use restore::{piece_path, set_path, version_number, RestoreJob};
pub use store::{int, null, real, text, time, Row};
pub use tenants::Tenant;

use std::collections::BTreeMap;

use crate::config::{ClusterConfig, Fault};
use crate::errors::{self, EmulatorError, SqlResult};
use crate::release::{Line, Release};
use crate::resultset::{self, ResultSet};
use crate::sql::{Statement, ViewQuery};
use crate::timestamp::HOUR;

/// What every command needs to know about the moment and the session.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub now: i64,
    /// The session `time_zone` as seconds east of UTC, for UNTIL TIME and messages.
    pub tz_offset: i32,
}

/// Facts about the cluster that never change.
#[derive(Debug, Clone)]
pub struct ClusterInfo {
    pub name: String,
    pub release: Release,
    /// The system time zone as seconds east of UTC: what a 4.2+ backup records.
    pub tz_offset: i32,
    pub zones: Vec<String>,
    pub started_at: i64,
}

pub struct Cluster {
    pub info: ClusterInfo,
    db: rusqlite::Connection,
    writer: store::Writer,
    /// Every tenant ever known, including dropped ones: their backups stay on storage and
    /// can still be restored from.
    pub tenants: BTreeMap<i64, Tenant>,
    pub units: Vec<Unit>,
    pub pools: Vec<Pool>,
    pub backup_jobs: Vec<BackupJob>,
    pub restore_jobs: Vec<RestoreJob>,
    next_job_id: BTreeMap<i64, i64>,
    pub next_restore_job_id: i64,
    next_unit_id: i64,
    next_pool_id: i64,
    /// Highest tenant id ever allocated (OceanBase never reuses ids).
    pub max_tenant_id: i64,
    /// 3.x: the cluster-level `backup_dest`.
    pub cluster_backup_dest: Option<String>,
    hang_next_backup: bool,
    fail_next_restore: Option<String>,
    /// Finished jobs waiting to be written to the append-only history views.
    pending_history: Vec<(&'static str, Row)>,
    now: i64,
    /// The `now` the views were last rendered at, unless something changed since.
    rendered_at: Option<i64>,
}

impl Cluster {
    pub fn new(config: &ClusterConfig, now: i64) -> Result<Self, EmulatorError> {
        if config.zones.is_empty() {
            return Err(EmulatorError::Config("at least one zone is needed".into()));
        }
        let tz_offset = crate::timestamp::time_zone_offset(&config.time_zone)
            .ok_or_else(|| EmulatorError::Config(format!("time zone '{}'", config.time_zone)))?;
        let db = store::open(config.release).map_err(|e| EmulatorError::State(e.to_string()))?;
        let info = ClusterInfo {
            name: config.cluster_name.clone(),
            release: config.release,
            tz_offset,
            zones: config.zones.clone(),
            started_at: now,
        };
        let mut cluster = Cluster {
            info,
            db,
            writer: store::Writer::new(config.release),
            tenants: BTreeMap::new(),
            units: Vec::new(),
            pools: Vec::new(),
            backup_jobs: Vec::new(),
            restore_jobs: Vec::new(),
            next_job_id: BTreeMap::new(),
            next_restore_job_id: 1,
            next_unit_id: 1001,
            next_pool_id: 1001,
            max_tenant_id: 1,
            cluster_backup_dest: None,
            hang_next_backup: false,
            fail_next_restore: None,
            pending_history: Vec::new(),
            now,
            rendered_at: None,
        };
        cluster.bootstrap(config, now)?;
        if let Some(seed) = config.history {
            crate::history::seed(&mut cluster, config, seed, now);
        }
        cluster.advance(now);
        cluster.render().map_err(|e| EmulatorError::State(e.to_string()))?;
        Ok(cluster)
    }

    /// Brings every job, round and restore to `now`. Time never runs backwards here: a
    /// clock set into the past leaves the state where it was.
    pub fn advance(&mut self, now: i64) {
        let now = now.max(self.now);
        self.now = now;
        self.advance_backups(now);
        if self.info.release.line == Line::V3 {
            self.advance_restores_v3(now);
        } else {
            self.advance_restores(now);
        }
        self.apply_delete_policies(now);
    }

    /// Runs a statement that changes state (everything but SELECT/SET/USE).
    pub fn execute(&mut self, statement: &Statement, ctx: &Context) -> SqlResult<()> {
        self.advance(ctx.now);
        let v3 = self.info.release.line == Line::V3;
        let result = match statement {
            Statement::SetParameter { name, value, .. } if v3 && name == "backup_dest" => {
                self.set_backup_dest_v3(value, ctx.now)
            }
            Statement::SetParameter { name, .. }
                if v3 && (name == "data_backup_dest" || name.starts_with("log_archive_dest")) =>
            {
                Err(errors::sys_config_unknown())
            }
            Statement::SetParameter { name, .. } if !v3 && name == "backup_dest" => Err(errors::sys_config_unknown()),
            Statement::SetParameter { name, value, tenant } => self.set_parameter(name, value, tenant.as_deref(), ctx),
            Statement::Archivelog { enable, .. } if v3 => self.archivelog_v3(*enable, ctx.now),
            Statement::Archivelog { enable, tenants } => self.archivelog(*enable, tenants, ctx),
            Statement::Restore3(request) => self.start_restore_v3(request, ctx),
            Statement::Backup(request) => self.start_backup(request, ctx),
            Statement::CancelBackup { tenant } => self.cancel_backup(tenant.as_deref(), ctx),
            Statement::AddDeletePolicy {
                name,
                recovery_window,
                tenant,
            } => self.add_delete_policy(name, recovery_window, tenant.as_deref()),
            Statement::DropDeletePolicy { name, tenant } => self.drop_delete_policy(name, tenant.as_deref()),
            Statement::CreateUnit(spec) => self.create_unit(spec, ctx),
            Statement::DropUnit { name, if_exists } => self.drop_unit(name, *if_exists),
            Statement::CreatePool(spec) => self.create_pool(spec, ctx),
            Statement::DropPool { name, if_exists } => self.drop_pool(name, *if_exists),
            Statement::Restore(request) => self.start_restore(request, ctx),
            Statement::CancelRestore { tenant } => self.cancel_restore(tenant, ctx),
            Statement::ActivateStandby { tenant } => self.activate_standby(tenant.as_deref(), ctx),
            Statement::DropTenant { name, if_exists } => self.drop_tenant(name, *if_exists, ctx),
            Statement::Select(_) | Statement::Set(_) | Statement::Use(_) | Statement::Transaction => Ok(()),
        };
        self.render().map_err(|e| errors::internal(e.to_string()))?;
        result
    }

    /// Runs a SELECT on the views.
    pub fn query(&mut self, query: &ViewQuery, ctx: &Context) -> SqlResult<ResultSet> {
        self.advance(ctx.now);
        // Views depend only on the state and the clock: at the same instant with no
        // statement in between, the last rendering still holds (a year of history is
        // tens of thousands of rows per view).
        if self.rendered_at != Some(self.now) || !self.pending_history.is_empty() {
            self.render().map_err(|e| errors::internal(e.to_string()))?;
        }
        resultset::run(&self.db, &query.sqlite, ctx.tz_offset)
    }

    /// [`Cluster::query`] for a text-protocol client, encoded as it is read.
    pub fn query_text(&mut self, query: &ViewQuery, ctx: &Context) -> SqlResult<resultset::TextRows> {
        self.advance(ctx.now);
        if self.rendered_at != Some(self.now) || !self.pending_history.is_empty() {
            self.render().map_err(|e| errors::internal(e.to_string()))?;
        }
        resultset::run_text(&self.db, &query.sqlite, ctx.tz_offset)
    }

    /// Column names and types of a query, for a prepared statement.
    pub fn describe(&self, query: &ViewQuery) -> SqlResult<Vec<resultset::ColumnInfo>> {
        resultset::describe(&self.db, &query.sqlite)
    }

    pub fn inject(&mut self, fault: &Fault, now: i64) {
        self.advance(now);
        match fault {
            Fault::RestoreFails { comment } => self.fail_next_restore = Some(comment.clone()),
            Fault::BackupHangs => self.hang_next_backup = true,
            Fault::ArchiveInterrupted { tenant } => self.interrupt_archive(tenant, now),
            // Connections are the server's business, not the cluster's.
            Fault::DropConnections | Fault::Unreachable | Fault::Reachable => {}
            Fault::HistoryPurged { before_micros } => {
                if let Err(e) = self.purge_history(*before_micros) {
                    tracing::warn!("emulator could not purge its history: {e}");
                }
            }
        }
        if let Err(e) = self.render() {
            tracing::warn!("emulator could not render its views after a fault: {e}");
        }
    }

    pub fn take_backup_hang(&mut self) -> bool {
        std::mem::take(&mut self.hang_next_backup)
    }

    pub fn take_restore_failure(&mut self) -> Option<String> {
        self.fail_next_restore.take()
    }

    /// The next job id of `tenant_id` (each tenant numbers its own jobs).
    pub fn allocate_job_id(&mut self, tenant_id: i64) -> i64 {
        let next = self.next_job_id.entry(tenant_id).or_insert(1);
        let id = *next;
        *next += 1;
        id
    }

    fn purge_history(&mut self, before: i64) -> rusqlite::Result<()> {
        // Rows waiting to be written belong to the history too.
        self.render()?;
        let cutoff = crate::timestamp::utc_text(before);
        for (view, ended) in [
            ("CDB_OB_BACKUP_JOB_HISTORY", "END_TIMESTAMP"),
            ("CDB_OB_RESTORE_HISTORY", "FINISH_TIMESTAMP"),
        ] {
            if self.info.release.view(view).is_some_and(|v| v.has(ended)) {
                self.db
                    .execute(&format!("DELETE FROM oceanbase.{view} WHERE {ended} < ?1"), [&cutoff])?;
            }
        }
        Ok(())
    }

    pub fn push_history(&mut self, table: &'static str, row: Row) {
        self.pending_history.push((table, row));
    }

    /// Rewrites the live views from the state and appends finished jobs to the histories.
    fn render(&mut self) -> rusqlite::Result<()> {
        let now = self.now;
        self.rendered_at = None;
        let live: Vec<(&'static str, Vec<Row>)> = if self.info.release.line == Line::V3 {
            self.live_rows_v3(now)
        } else {
            self.live_rows_v4(now)
        };
        let history = std::mem::take(&mut self.pending_history);
        let tx = self.db.transaction()?;
        for (table, row) in &history {
            self.writer.insert(&tx, table, row)?;
        }
        for (table, rows) in &live {
            if self.info.release.view(table).is_none() {
                continue;
            }
            tx.execute(&format!("DELETE FROM oceanbase.{table}"), [])?;
            for row in rows {
                self.writer.insert(&tx, table, row)?;
            }
        }
        tx.commit()?;
        self.rendered_at = Some(now);
        Ok(())
    }

    /// The live views of a 4.x cluster.
    fn live_rows_v4(&self, now: i64) -> Vec<(&'static str, Vec<Row>)> {
        vec![
            ("DBA_OB_TENANTS", self.tenant_rows(now)),
            ("DBA_OB_ZONES", self.zone_rows()),
            ("DBA_OB_UNIT_CONFIGS", self.unit_rows()),
            ("DBA_OB_RESOURCE_POOLS", self.pool_rows()),
            ("CDB_OB_BACKUP_JOBS", self.backup_job_rows(now)),
            ("CDB_OB_BACKUP_TASKS", self.backup_task_rows(now)),
            ("CDB_OB_BACKUP_SET_FILES", self.set_file_rows()),
            ("CDB_OB_BACKUP_PARAMETER", self.backup_parameter_rows()),
            ("CDB_OB_BACKUP_DELETE_POLICY", self.delete_policy_rows()),
            ("CDB_OB_ARCHIVE_DEST", self.archive_dest_rows()),
            ("CDB_OB_ARCHIVELOG", self.archivelog_rows(now, false)),
            ("CDB_OB_ARCHIVELOG_SUMMARY", self.archivelog_rows(now, true)),
            ("CDB_OB_ARCHIVELOG_PIECE_FILES", self.piece_rows(now)),
            ("CDB_OB_RESTORE_PROGRESS", self.restore_progress_rows(now)),
        ]
    }

    fn zone_rows(&self) -> Vec<Row> {
        let created = self.info.started_at - 400 * 24 * HOUR;
        self.info
            .zones
            .iter()
            .enumerate()
            .map(|(i, zone)| {
                vec![
                    ("ZONE", text(zone)),
                    ("CREATE_TIME", time(created)),
                    ("MODIFY_TIME", time(created)),
                    ("STATUS", text("ACTIVE")),
                    ("IDC", text(format!("idc{}", i + 1))),
                    ("REGION", text("sys_region")),
                    ("TYPE", text("ReadWrite")),
                ]
            })
            .collect()
    }
}
