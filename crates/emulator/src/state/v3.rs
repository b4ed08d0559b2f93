//! OceanBase 3.x: the cluster backs up as a whole (`backup_dest`, `ARCHIVELOG`, `BACKUP
//! DATABASE`), its views are 3.x's own, and a restore's source is checked after the
//! statement returns. Written from the V3.1.5 documentation (SQL reference
//! `600.alter-system/100.backup.md` and `1700.restore.md`, users guide
//! `200.backup-and-recovery-management/`, the dictionary views) and the v3.1.5_CE source
//! (read, not copied), cited where used.

use super::archive::{ArchiveDest, Round};
use super::backup::{BackupSet, JobLevel};
use super::restore::{set_path, version_number, RestoreJob};
use super::tenants::{Role, Tenant, TenantStatus};
use super::{int, null, real, text, time, Cluster, Context, Row};
use crate::errors::{self, SqlError, SqlResult};
use crate::sql::Restore3Request;
use crate::timestamp::{bytes_display, parse_wall_time, utc_text, SECOND};

/// 3.x splits no pieces unless `log_archive_piece_switch_interval` is set
/// (`backup_dest_option`, default 0): a round is one stretch of log.
const NO_PIECE_SWITCH: i64 = 100 * 365 * 24 * 3600 * SECOND;
/// "need retry later, restore timestamp is too new" when `restore_timestamp + 10s >= now`
/// (`RESTORE_TIMESTAMP_DETA`, `ObRootService::physical_restore_tenant`, v3.1.5_CE
/// `src/rootserver/ob_root_service.cpp`).
const TOO_NEW: i64 = 10 * SECOND;
/// How long the scheduler takes to find that a restore's source falls short.
const SOURCE_CHECK_AFTER: i64 = 3 * SECOND;

impl Cluster {
    /// `ALTER SYSTEM SET backup_dest = 'uri'`: every tenant's data and log go there from
    /// the next round and backup on (a running round keeps the destination it began with).
    pub(super) fn set_backup_dest_v3(&mut self, value: &str, now: i64) -> SqlResult<()> {
        if value.trim().is_empty() {
            self.cluster_backup_dest = None;
            for t in self.tenants.values_mut() {
                t.data_dest = None;
                t.archive_dest = None;
            }
            return Ok(());
        }
        self.check_uri(value)?;
        let uri = value.trim().to_string();
        self.cluster_backup_dest = Some(uri.clone());
        for t in self.tenants.values_mut().filter(|t| !t.dropped) {
            point_at(t, &uri, now);
        }
        Ok(())
    }

    /// `ALTER SYSTEM ARCHIVELOG | NOARCHIVELOG`: every tenant at once
    /// (`ObLogArchiveScheduler`, v3.1.5_CE `src/rootserver/ob_log_archive_scheduler.cpp`).
    pub(super) fn archivelog_v3(&mut self, enable: bool, now: i64) -> SqlResult<()> {
        let (start_error, stop_error) = self.info.release.archive_mode_errors;
        let stopped = self
            .tenants
            .values()
            .filter(|t| !t.dropped)
            .all(|t| t.current_round().is_none_or(|r| r.status_at(now) == "STOP"));
        if enable {
            if !stopped {
                return Err(errors::already_in_archive_mode(start_error));
            }
            let Some(uri) = self.cluster_backup_dest.clone() else {
                return Err(errors::cannot_start_log_archive());
            };
            for t in self
                .tenants
                .values_mut()
                .filter(|t| !t.dropped && t.status == TenantStatus::Normal)
            {
                point_at(t, &uri, now);
                t.archive_mode = true;
                Cluster::open_round(t, now);
            }
        } else {
            if stopped {
                return Err(errors::already_in_noarchive_mode(stop_error));
            }
            for t in self.tenants.values_mut().filter(|t| !t.dropped) {
                t.archive_mode = false;
                t.stop_archive(now);
            }
        }
        Ok(())
    }

    /// 3.x's refusal of a backup: log archiving must be DOING
    /// (v3.1.5_CE `src/share/backup/ob_backup_scheduler.cpp`).
    pub(super) fn check_backup_v3(&self, now: i64) -> SqlResult<()> {
        if self.cluster_backup_dest.is_none() {
            return Err(errors::backup_can_not_start("backup dest is not set."));
        }
        let status = self
            .tenants
            .values()
            .filter(|t| !t.dropped)
            .filter_map(|t| t.current_round().map(|r| r.status_at(now)))
            .next()
            .unwrap_or("STOP");
        if status != "DOING" {
            return Err(errors::backup_can_not_start(&format!(
                "log archive is not doing. log archive status : {status}."
            )));
        }
        if !self.backup_jobs.is_empty() {
            return Err(errors::backup_in_progress());
        }
        Ok(())
    }

    /// A 3.x restore: checked at once for what `ObRootService::physical_restore_tenant`
    /// checks (name, pools, a point too new), its source later, by the restore scheduler
    /// (`ObRestoreBackupInfoUtil::get_restore_backup_info`, v3.1.5_CE
    /// `src/share/backup/ob_backup_info_mgr.cpp`): the newest successful set whose snapshot
    /// is at or before the point (else 4018), and one archive round from at or before that
    /// snapshot through the point (else 9025; a round begun after the snapshot, 9048). The
    /// point is read in the session's time zone (v3.1.5_CE `ob_alter_system_resolver.cpp`).
    pub(super) fn start_restore_v3(&mut self, request: &Restore3Request, ctx: &Context) -> SqlResult<()> {
        let now = ctx.now;
        let name = &request.tenant;
        if self.find_tenant(name).is_some() || name.eq_ignore_ascii_case("sys") {
            return Err(errors::op_not_allowed("restore tenant with existed tenant name is"));
        }
        let pools = option(&request.options, "pool_list")
            .map(|v| {
                v.split(',')
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        for key in ["backup_cluster_name", "backup_cluster_id"] {
            if option(&request.options, key).is_none() {
                return Err(errors::missing_argument(key));
            }
        }
        if pools.is_empty() {
            return Err(errors::missing_argument("pool_list"));
        }
        self.check_free_pools(&pools)?;
        let source = self
            .tenants
            .values()
            .find(|t| t.name.eq_ignore_ascii_case(&request.source_tenant))
            .cloned();
        let target = match &request.until {
            Some(text) => {
                let wall = parse_wall_time(text).ok_or_else(|| errors::wrong_timestamp(text))?;
                let target = wall - i64::from(ctx.tz_offset) * SECOND;
                if target + TOO_NEW >= now {
                    return Err(errors::op_not_allowed("need retry later, restore timestamp is too new"));
                }
                target
            }
            // 3.2.1 and later, without UNTIL: "the latest state recorded in clog" (V4.2.1
            // `en-US/900.release-notes/10100.enterprise-edition-history-release/10100.V3.2/9800.ob-321.md`),
            // the source's archive checkpoint.
            None => source
                .as_ref()
                .and_then(|t| t.current_round())
                .map(|r| r.checkpoint_at(now))
                .unwrap_or(now),
        };
        // `AT 'uri'` is read before the job is written: `ObRestoreUtil::
        // fill_physical_restore_job` -> `fill_compat_backup_path` -> `fill_clog_path_list`
        // reads the tenant name info there (`ObMultiBackupDestUtil::get_backup_tenant_id`,
        // v3.1.x_CE `src/rootserver/restore/ob_restore_util.cpp`), and tolerates only
        // OB_ENTRY_NOT_EXIST: keys OSS refuses fail the statement.
        if let Some(uri) = &request.uri {
            self.check_read_keys(uri)?;
        }
        let (plan, failure) = match &source {
            Some(t) => match plan_v3(t, target, now) {
                Ok(ids) => (ids, None),
                Err(e) => (Vec::new(), Some(format!("(ret=-{}) {}", e.code, e.message))),
            },
            None => (
                Vec::new(),
                Some(format!("(ret=-5157) Unknown tenant '{}'", request.source_tenant)),
            ),
        };
        let (source_id, source_name, data_bytes, sets) = source
            .map(|t| (t.id, t.name.clone(), t.data_bytes, t.sets.clone()))
            .unwrap_or((0, request.source_tenant.clone(), 1 << 30, Vec::new()));
        let uri = request
            .uri
            .clone()
            .or_else(|| self.cluster_backup_dest.clone())
            .unwrap_or_default();
        let used: Vec<&BackupSet> = plan
            .iter()
            .filter_map(|id| sets.iter().find(|s| s.set_id == *id))
            .collect();
        let total_bytes: i64 = used.iter().map(|s| s.output_bytes).sum();
        let duration = (total_bytes / (200 << 20) * SECOND).max(20 * SECOND);
        let tenant_id = self.allocate_tenant_id();
        let mut tenant = Tenant::new(tenant_id, name, data_bytes, now);
        tenant.status = TenantStatus::Restore;
        tenant.role = Role::Restore;
        self.tenants.insert(tenant_id, tenant);
        self.grant_pools(&pools, tenant_id, now);
        let job_id = self.next_restore_job_id;
        self.next_restore_job_id += 1;
        let fail = failure.or_else(|| self.take_restore_failure());
        let source_failed = fail.as_deref().is_some_and(|f| f.starts_with("(ret="));
        self.restore_jobs.push(RestoreJob {
            job_id,
            tenant_id,
            tenant_name: name.clone(),
            source_tenant_id: source_id,
            source_tenant_name: source_name,
            source_cluster: option(&request.options, "backup_cluster_name").unwrap_or_default(),
            backup_dest: uri.clone(),
            options: request.options.clone(),
            description: String::new(),
            restore_at: target,
            restore_scn: target,
            start: now,
            // A source that falls short fails the job as soon as the scheduler looks.
            duration: if source_failed {
                SOURCE_CHECK_AFTER * 10 / 6
            } else {
                duration
            },
            fail,
            set_list: used.iter().map(|s| set_path(&uri, s)).collect::<Vec<_>>().join(","),
            piece_list: String::new(),
            total_bytes,
            tablet_count: used.iter().map(|s| s.tablet_count).max().unwrap_or(8),
            cluster_version: version_number(self.info.release.version),
        });
        Ok(())
    }

    /// The live views of a 3.x cluster.
    pub(super) fn live_rows_v3(&self, now: i64) -> Vec<(&'static str, Vec<Row>)> {
        vec![
            ("GV$TENANT", self.gv_tenant_rows()),
            ("__ALL_ZONE", self.all_zone_rows()),
            ("__ALL_VIRTUAL_SYS_PARAMETER_STAT", self.parameter_rows_v3()),
            ("CDB_OB_BACKUP_PROGRESS", self.backup_progress_rows_v3(now)),
            ("CDB_OB_BACKUP_SET_DETAILS", self.set_rows_v3(true)),
            ("CDB_OB_BACKUP_SET_FILES", self.set_rows_v3(false)),
            ("CDB_OB_BACKUP_ARCHIVELOG", self.archive_rows_v3(now, false)),
            ("CDB_OB_BACKUP_ARCHIVELOG_SUMMARY", self.archive_rows_v3(now, true)),
            (
                "CDB_OB_RESTORE_PROGRESS",
                self.restore_jobs.iter().map(|j| restore_row_v3(j, now, None)).collect(),
            ),
        ]
    }

    fn gv_tenant_rows(&self) -> Vec<Row> {
        let zones = self.info.zones.join(";");
        let locality = self
            .info
            .zones
            .iter()
            .map(|z| format!("FULL{{1}}@{z}"))
            .collect::<Vec<_>>()
            .join(", ");
        let row = |id: i64, name: &str| -> Row {
            vec![
                ("TENANT_ID", int(id)),
                ("TENANT_NAME", text(name)),
                ("ZONE_LIST", text(zones.clone())),
                ("PRIMARY_ZONE", text("RANDOM")),
                ("COLLATION_TYPE", int(45)),
                ("INFO", text("")),
                ("READ_ONLY", int(0)),
                ("LOCALITY", text(locality.clone())),
            ]
        };
        let mut rows = vec![row(1, "sys")];
        rows.extend(self.tenants.values().filter(|t| !t.dropped).map(|t| row(t.id, &t.name)));
        rows
    }

    /// `__all_zone` (V3.1.5 `150.common-internal-tables/900.oceanbase-all-zone.md`): the
    /// cluster's name, and each zone's status, region and IDC, as name/value rows.
    fn all_zone_rows(&self) -> Vec<Row> {
        let at = self.info.started_at;
        let entry = |zone: &str, name: &str, value: i64, info: &str| -> Row {
            vec![
                ("GMT_CREATE", time(at)),
                ("GMT_MODIFIED", time(at)),
                ("ZONE", text(zone)),
                ("NAME", text(name)),
                ("VALUE", int(value)),
                ("INFO", text(info)),
            ]
        };
        let mut rows = vec![entry("", "cluster", 0, &self.info.name)];
        for (i, zone) in self.info.zones.iter().enumerate() {
            rows.push(entry(zone, "status", 2, "ACTIVE"));
            rows.push(entry(zone, "region", 0, "sys_region"));
            rows.push(entry(zone, "idc", 0, &format!("idc{}", i + 1)));
        }
        rows
    }

    /// The cluster's name and id, `backup_dest` and `backup_dest_option`, as each server
    /// reports them
    /// (V3.1.5 `150.common-internal-tables/700.oceanbase-all-virtual-sys-parameter-stat.md`).
    fn parameter_rows_v3(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for (i, zone) in self.info.zones.iter().enumerate() {
            for (name, value) in [
                ("cluster", self.info.name.clone()),
                ("cluster_id", "1".to_string()),
                ("backup_dest", self.cluster_backup_dest.clone().unwrap_or_default()),
                ("backup_dest_option", String::new()),
            ] {
                rows.push(vec![
                    ("ZONE", text(zone)),
                    ("SVR_TYPE", text("observer")),
                    ("SVR_IP", text(format!("127.0.0.{}", i + 1))),
                    ("SVR_PORT", int(2882)),
                    ("NAME", text(name)),
                    ("DATA_TYPE", null()),
                    ("VALUE", text(value)),
                    ("VALUE_STRICT", null()),
                    ("INFO", text("")),
                    ("NEED_REBOOT", int(0)),
                    ("SECTION", text("OBSERVER")),
                    ("VISIBLE_LEVEL", null()),
                    ("SCOPE", text("CLUSTER")),
                    ("SOURCE", text("DEFAULT")),
                    ("EDIT_LEVEL", text("DYNAMIC_EFFECTIVE")),
                ]);
            }
        }
        rows
    }

    fn backup_progress_rows_v3(&self, now: i64) -> Vec<Row> {
        self.backup_jobs
            .iter()
            .filter(|j| j.level == JobLevel::UserTenant)
            .map(|job| {
                let f = job.fraction_at(now);
                let input = (job.input_bytes as f64 * f) as i64;
                let macro_blocks = job.input_bytes / (2 << 20);
                vec![
                    ("INCARNATION", int(1)),
                    ("BS_KEY", int(job.set_id)),
                    ("BACKUP_TYPE", text(if job.incremental { "I" } else { "D" })),
                    ("TENANT_ID", int(job.tenant_id)),
                    ("PARTITION_COUNT", int(job.tablet_count)),
                    ("MACRO_BLOCK_COUNT", int(macro_blocks)),
                    ("FINISH_PARTITION_COUNT", int((job.tablet_count as f64 * f) as i64)),
                    ("FINISH_MACRO_BLOCK_COUNT", int((macro_blocks as f64 * f) as i64)),
                    ("INPUT_BYTES", int(input)),
                    ("OUTPUT_BYTES", int(input * 3 / 5)),
                    ("START_TIME", time(job.start)),
                    ("COMPLETION_TIME", null()),
                    ("STATUS", text("RUNNING")),
                ]
            })
            .collect()
    }

    /// CDB_OB_BACKUP_SET_DETAILS (`details`: finished sets, STATUS COMPLETED / FAILED) or
    /// CDB_OB_BACKUP_SET_FILES (with FILE_STATUS; 3.2.4 adds the snapshot and path).
    fn set_rows_v3(&self, details: bool) -> Vec<Row> {
        self.tenants
            .values()
            .filter(|t| !t.dropped)
            .flat_map(|t| t.sets.iter())
            .map(|s| {
                let elapsed = (s.end - s.start) / SECOND;
                let mut row = vec![
                    ("INCARNATION", int(1)),
                    ("TENANT_ID", int(s.tenant_id)),
                    ("BS_KEY", int(s.set_id)),
                    ("COPY_ID", int(0)),
                    ("BACKUP_TYPE", text(if s.incremental { "I" } else { "D" })),
                    ("ENCRYPTION_MODE", text("NONE")),
                    ("START_TIME", time(s.start)),
                    ("COMPLETION_TIME", time(s.end)),
                    ("ELAPSED_SECONDES", int(elapsed)),
                    ("KEEP", text("NO")),
                    ("KEEP_UNTIL", text("UNLIMITED")),
                    ("DEVICE_TYPE", text(s.path.split("://").next().unwrap_or("file"))),
                    ("COMPRESSED", text("YES")),
                    ("OUTPUT_BYTES", int(s.output_bytes)),
                    ("OUTPUT_RATE_BYTES", real(s.output_bytes as f64 / elapsed.max(1) as f64)),
                    (
                        "COMPRESSION_RATIO",
                        real(s.input_bytes as f64 / s.output_bytes.max(1) as f64),
                    ),
                    ("OUTPUT_BYTES_DISPLAY", text(bytes_display(s.output_bytes))),
                    (
                        "OUTPUT_RATE_BYTES_DISPLAY",
                        text(bytes_display(s.output_bytes / elapsed.max(1))),
                    ),
                    ("TIME_TAKEN_DISPLAY", text(format!("{elapsed}s"))),
                    ("FILE_STATUS", text(s.file_status.as_str())),
                    ("START_REPLAY_LOG_TS", int(s.start_replay)),
                    ("SNAPSHOT_VERSION", int(snapshot(s))),
                    ("BACKUP_SET_PATH", text(set_path(&s.path, s))),
                ];
                let status = match (details, s.success) {
                    (true, true) => "COMPLETED",
                    (false, true) => "SUCCESS",
                    (_, false) => "FAILED",
                };
                row.push(("STATUS", text(status)));
                row
            })
            .collect()
    }

    /// CDB_OB_BACKUP_ARCHIVELOG (each tenant's current round) or, with `summary`, every
    /// round (past ones STOP): MIN_FIRST_TIME and MAX_NEXT_TIME bound the round's log.
    fn archive_rows_v3(&self, now: i64, summary: bool) -> Vec<Row> {
        let mut rows = Vec::new();
        for t in self.tenants.values().filter(|t| !t.dropped) {
            let rounds: Vec<&Round> = if summary {
                t.rounds.iter().collect()
            } else {
                t.rounds.last().into_iter().collect()
            };
            for r in rounds {
                let checkpoint = r.checkpoint_at(now);
                let status = match r.status_at(now) {
                    "PREPARE" => "BEGINNING",
                    other => other,
                };
                let bytes = (checkpoint - r.start) / SECOND * (64 << 10);
                rows.push(vec![
                    ("INCARNATION", int(1)),
                    ("LOG_ARCHIVE_ROUND", int(r.round_id)),
                    ("TENANT_ID", int(t.id)),
                    ("STATUS", text(status)),
                    ("START_PIECE_ID", int(0)),
                    ("BACKUP_PIECE_ID", int(0)),
                    ("MIN_FIRST_TIME", text(utc_text(r.start))),
                    ("MAX_NEXT_TIME", text(utc_text(checkpoint))),
                    ("INPUT_BYTES", int(bytes)),
                    ("OUTPUT_BYTES", int(bytes)),
                    ("COMPRESSION_RATIO", real(1.0)),
                    ("INPUT_BYTES_DISPLAY", text(bytes_display(bytes))),
                    ("OUTPUT_BYTES_DISPLAY", text(bytes_display(bytes))),
                    ("BACKUP_ROUND_PATH", text(&r.path)),
                ]);
            }
        }
        rows
    }

    /// Ends 3.x restores due by `now`: a source that fell short or a fault fails them
    /// (RESTORE_FAIL, with the cause in INFO), the rest leave a NORMAL primary tenant.
    pub(super) fn advance_restores_v3(&mut self, now: i64) {
        let mut i = 0;
        while i < self.restore_jobs.len() {
            let job = &self.restore_jobs[i];
            let fail_at = job.start + job.duration * 6 / 10;
            let due = match &job.fail {
                Some(_) => now >= fail_at,
                None => now >= job.start + job.duration,
            };
            if !due {
                i += 1;
                continue;
            }
            let job = self.restore_jobs.remove(i);
            let end = if job.fail.is_some() {
                fail_at
            } else {
                job.start + job.duration
            };
            if job.fail.is_none() {
                if let Some(t) = self.tenants.get_mut(&job.tenant_id) {
                    // 3.x restores a tenant that serves at once: there is no standby to activate.
                    t.status = TenantStatus::Normal;
                    t.role = Role::Primary;
                    t.modified = end;
                }
            } else {
                // A failed restore drops its tenant (`DROP TENANT IF EXISTS t FORCE`), its
                // pools going back to the free ones: `ObRestoreScheduler::restore_fail` ->
                // `drop_tenant_force_if_necessary` (v3.1.5_CE
                // `src/rootserver/restore/ob_restore_scheduler.cpp`), on by default
                // (`_auto_drop_tenant_if_restore_failed`, default True, v3.1.5_CE
                // `src/share/parameter/ob_parameter_seed.ipp`).
                self.release_pools(job.tenant_id, end);
                if let Some(t) = self.tenants.get_mut(&job.tenant_id) {
                    t.dropped = true;
                    t.modified = end;
                }
            }
            let row = restore_row_v3(&job, end, Some(end));
            self.push_history("CDB_OB_RESTORE_HISTORY", row);
        }
    }
}

/// Points a tenant's data and log at the cluster's `backup_dest`.
pub(super) fn point_at(t: &mut Tenant, uri: &str, now: i64) {
    if t.data_dest.as_deref() != Some(uri) {
        t.data_dest = Some(uri.to_string());
        t.data_dest_id = 1;
    }
    if t.archive_dest.as_ref().is_none_or(|d| d.location != uri) {
        t.archive_dest = Some(ArchiveDest {
            location: uri.to_string(),
            binding: "OPTIONAL".into(),
            interval_text: "0".into(),
            piece_switch_interval: NO_PIECE_SWITCH,
            dest_id: 1,
        });
    }
    t.modified = now;
}

/// A 3.x backup's snapshot: the set's start (the users guide bounds a restore point by
/// the backup's START_TIME; 3.2.4 shows it as SNAPSHOT_VERSION).
fn snapshot(s: &BackupSet) -> i64 {
    s.start
}

/// The sets a 3.x restore to `target` (UTC micros) reads, or the error its job fails with.
pub(crate) fn plan_v3(t: &Tenant, target: i64, now: i64) -> Result<Vec<i64>, SqlError> {
    let newest = t
        .sets
        .iter()
        .filter(|s| s.success && snapshot(s) <= target)
        .max_by_key(|s| s.set_id)
        .ok_or_else(|| errors::entry_not_exist("backup set not exist"))?;
    let mut chain = vec![newest.set_id];
    let mut at = newest;
    while at.incremental {
        let prev = if at.prev_inc > 0 { at.prev_inc } else { at.prev_full };
        match t.sets.iter().find(|s| s.set_id == prev && s.success) {
            Some(p) if !chain.contains(&p.set_id) => {
                chain.push(p.set_id);
                at = p;
            }
            _ => return Err(errors::entry_not_exist("backup set not exist")),
        }
    }
    chain.reverse();
    if snapshot(newest) == target {
        return Ok(chain);
    }
    let round = t
        .rounds
        .iter()
        .find(|r| r.start <= target && target <= r.checkpoint_at(now))
        .ok_or_else(|| SqlError {
            code: 9025,
            sqlstate: "HY000",
            message: "log archive backup info not exist".into(),
        })?;
    if snapshot(newest) < round.start {
        return Err(SqlError {
            code: 9048,
            sqlstate: "HY000",
            message: "backup set is isolated by two log archive round".into(),
        });
    }
    Ok(chain)
}

fn option(options: &str, key: &str) -> Option<String> {
    options
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case(key))
        .map(|(_, v)| v.trim().to_string())
}

/// A row of the 3.x restore views: one per job, the restored tenant's (V3.1.5
/// `5400.oceanbase-cdb_ob_restore_progress.md`); `finished` for the history.
pub(crate) fn restore_row_v3(job: &RestoreJob, now: i64, finished: Option<i64>) -> Row {
    let f = ((now - job.start) as f64 / job.duration.max(1) as f64).clamp(0.0, 1.0);
    let status = match (finished, &job.fail) {
        (Some(_), Some(_)) => "RESTORE_FAIL",
        (Some(_), None) => "RESTORE_SUCCESS",
        (None, _) if f < 0.1 => "CREATE_TENANT",
        (None, _) if f < 0.25 => "RESTORE_SYS_REPLICA",
        (None, _) if f < 0.35 => "MODIFY_SCHEMA",
        (None, _) if f < 0.45 => "CREATE_USER_PARTITIONS",
        (None, _) if f < 0.9 => "RESTORE_USER_REPLICA",
        (None, _) if f < 0.95 => "REBUILD_INDEX",
        (None, _) => "POST_CHECK",
    };
    let partitions = job.tablet_count;
    let macro_blocks = job.total_bytes / (2 << 20);
    vec![
        ("JOB_ID", int(job.job_id)),
        ("EXTERNAL_JOB_ID", int(-1)),
        ("TENANT_ID", int(job.tenant_id)),
        ("TENANT_NAME", text(&job.tenant_name)),
        ("BACKUP_TENANT_ID", int(job.source_tenant_id)),
        ("BACKUP_TENANT_NAME", text(&job.source_tenant_name)),
        ("BACKUP_CLUSTER_ID", int(1)),
        ("BACKUP_CLUSTER_NAME", text(&job.source_cluster)),
        ("WHITE_LIST", text("")),
        ("STATUS", text(status)),
        ("START_TIME", time(job.start)),
        ("COMPLETION_TIME", finished.map(time).unwrap_or_else(null)),
        ("PARTITION_COUNT", int(partitions)),
        ("MACRO_BLOCK_COUNT", int(macro_blocks)),
        ("FINISH_PARTITION_COUNT", int((partitions as f64 * f) as i64)),
        ("FINISH_MACRO_BLOCK_COUNT", int((macro_blocks as f64 * f) as i64)),
        ("RESTORE_START_TIMESTAMP", time(job.start)),
        ("RESTORE_FINISH_TIMESTAMP", time(job.restore_at)),
        ("RESTORE_CURRENT_TIMESTAMP", null()),
        ("BACKUP_SET_LIST", text(&job.set_list)),
        ("BACKUP_PIECE_LIST", text(&job.piece_list)),
        (
            "INFO",
            text(if finished.is_some() {
                job.fail.as_deref().unwrap_or("")
            } else {
                ""
            }),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::archive::RoundState;
    use crate::state::backup::FileStatus;
    use crate::timestamp::{DAY, HOUR};

    fn set(id: i64, start: i64) -> BackupSet {
        BackupSet {
            tenant_id: 1002,
            set_id: id,
            dest_id: 1,
            incremental: false,
            prev_full: 0,
            prev_inc: 0,
            start,
            end: start + HOUR,
            success: true,
            file_status: FileStatus::Available,
            plus_archivelog: false,
            start_replay: start,
            min_restore: start + HOUR,
            input_bytes: 1,
            output_bytes: 1,
            tablet_count: 1,
            result: 0,
            comment: String::new(),
            path: "file:///b".into(),
        }
    }

    fn round(id: i64, start: i64, stop: Option<i64>) -> Round {
        Round {
            round_id: id,
            dest_id: 1,
            path: "file:///b".into(),
            start,
            interval: NO_PIECE_SWITCH,
            base_piece_id: 1,
            state: stop.map_or(RoundState::Running, |at| RoundState::Stopping { at }),
            comment: String::new(),
            log_rate: 1,
            deleted_before_piece: 0,
        }
    }

    #[test]
    fn a_set_and_one_round_from_before_its_snapshot_through_the_point() {
        let mut t = Tenant::new(1002, "t1", 1, 0);
        t.sets = vec![set(1, DAY), set(2, 3 * DAY)];
        t.rounds = vec![round(1, 0, Some(2 * DAY)), round(2, 2 * DAY + 6 * HOUR, None)];
        let now = 5 * DAY;
        assert_eq!(plan_v3(&t, DAY + HOUR, now), Ok(vec![1]));
        // Set 1's round ended: no round covers the point.
        assert_eq!(plan_v3(&t, 2 * DAY + HOUR, now).unwrap_err().code, 9025);
        // Set 1 is the newest before the point, but the round covering it began after set 1.
        assert_eq!(plan_v3(&t, 2 * DAY + 12 * HOUR, now).unwrap_err().code, 9048);
        assert_eq!(plan_v3(&t, 4 * DAY, now), Ok(vec![2]));
        assert_eq!(plan_v3(&t, HOUR, now).unwrap_err().code, 4018);
        // Exactly a snapshot: no log needed.
        assert_eq!(plan_v3(&t, 3 * DAY, now), Ok(vec![2]));
    }
}
