//! Data backup: backup jobs and tasks, and the backup sets they leave
//! (CDB_OB_BACKUP_JOBS / _JOB_HISTORY / _TASKS, CDB_OB_BACKUP_SET_FILES).
//!
//! A backup started from sys is a CLUSTER job in tenant 1 with one USER_TENANT job per
//! tenant, as OceanBase does. A tenant job moves INIT -> DOING -> COMPLETED in a time
//! proportional to its bytes; when it ends it leaves the jobs view for the history and
//! leaves a backup set behind.

use super::destinations::same_path;
use super::tenants::{Role, TenantStatus};
use super::{int, null, real, text, time, Cluster, Context, Row};
use crate::errors::{self, SqlResult};
use crate::release::Line;
use crate::sql::BackupRequest;
use crate::timestamp::{scn, utc_text, SECOND};

/// Simulated backup throughput.
const BYTES_PER_SECOND: i64 = 100 << 20;
const MIN_DURATION: i64 = 6 * SECOND;
const INIT_FOR: i64 = SECOND;
const CANCELING_FOR: i64 = 2 * SECOND;
/// Where a hung backup stops making progress.
const HANG_AT: f64 = 0.37;
/// OB_CANCELED.
const RESULT_CANCELED: i64 = -4072;

const NO_TENANT_MEETS_CONDITION: &str = "no tenant meets the backup condition, please check the \
     tenant status, log archive status, backup data dest, and backup status for each tenant";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobLevel {
    Cluster,
    UserTenant,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOutcome {
    Completed,
    Failed { result: i64, comment: String },
    Canceled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStatus {
    Available,
    Incomplete,
    Deleted,
}

impl FileStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Available => "AVAILABLE",
            FileStatus::Incomplete => "INCOMPLETE",
            FileStatus::Deleted => "DELETED",
        }
    }
}

#[derive(Debug, Clone)]
pub struct BackupJob {
    pub tenant_id: i64,
    pub job_id: i64,
    pub level: JobLevel,
    /// 0 for a cluster job.
    pub set_id: i64,
    pub initiator_tenant_id: i64,
    pub initiator_job_id: i64,
    pub executors: Vec<i64>,
    pub incremental: bool,
    pub plus_archivelog: bool,
    pub description: String,
    pub path: String,
    pub dest_id: i64,
    pub start: i64,
    pub duration: i64,
    pub hang: bool,
    pub cancel_at: Option<i64>,
    pub prev_full: i64,
    pub prev_inc: i64,
    pub input_bytes: i64,
    pub tablet_count: i64,
    /// Cluster job: how its tenant jobs ended.
    pub finished_children: Vec<(i64, JobOutcome)>,
}

/// A backup set on a destination (one row of CDB_OB_BACKUP_SET_FILES). Times in UTC micros.
#[derive(Debug, Clone)]
pub struct BackupSet {
    pub tenant_id: i64,
    pub set_id: i64,
    pub dest_id: i64,
    pub incremental: bool,
    pub prev_full: i64,
    pub prev_inc: i64,
    pub start: i64,
    pub end: i64,
    pub success: bool,
    pub file_status: FileStatus,
    pub plus_archivelog: bool,
    pub start_replay: i64,
    pub min_restore: i64,
    pub input_bytes: i64,
    pub output_bytes: i64,
    pub tablet_count: i64,
    pub result: i64,
    pub comment: String,
    pub path: String,
}

impl BackupSet {
    pub fn usable(&self) -> bool {
        self.success && self.file_status == FileStatus::Available
    }
}

/// Bytes a backup reads: everything for a full, a twentieth for an incremental.
pub fn backup_input_bytes(data_bytes: u64, incremental: bool) -> i64 {
    let data = i64::try_from(data_bytes).unwrap_or(i64::MAX);
    if incremental {
        (data / 20).max(16 << 20)
    } else {
        data.max(16 << 20)
    }
}

pub fn backup_duration(input_bytes: i64) -> i64 {
    let micros = i128::from(input_bytes) * i128::from(SECOND) / i128::from(BYTES_PER_SECOND);
    i64::try_from(micros).unwrap_or(i64::MAX).max(MIN_DURATION)
}

pub fn tablet_count(data_bytes: u64) -> i64 {
    (i64::try_from(data_bytes / (64 << 20)).unwrap_or(i64::MAX)).max(8)
}

impl BackupJob {
    /// The CLUSTER-level parent job OceanBase records in the sys tenant for a
    /// `BACKUP DATABASE`: it owns the tenants' jobs in `executors`.
    pub fn cluster_parent(
        job_id: i64,
        executors: Vec<i64>,
        incremental: bool,
        plus_archivelog: bool,
        description: String,
        start: i64,
    ) -> BackupJob {
        BackupJob {
            tenant_id: 1,
            job_id,
            level: JobLevel::Cluster,
            set_id: 0,
            initiator_tenant_id: 1,
            initiator_job_id: job_id,
            executors,
            incremental,
            plus_archivelog,
            description,
            path: String::new(),
            dest_id: 0,
            start,
            duration: 0,
            hang: false,
            cancel_at: None,
            prev_full: 0,
            prev_inc: 0,
            input_bytes: 0,
            tablet_count: 0,
            finished_children: Vec::new(),
        }
    }

    pub fn status_at(&self, now: i64) -> &'static str {
        if let Some(at) = self.cancel_at {
            return if now < at + CANCELING_FOR {
                "CANCELING"
            } else {
                "CANCELED"
            };
        }
        if now < self.start + INIT_FOR {
            "INIT"
        } else {
            "DOING"
        }
    }

    /// How far the data is, 0..=1.
    pub fn fraction_at(&self, now: i64) -> f64 {
        let until = self.cancel_at.unwrap_or(now).min(now);
        let f = ((until - self.start) as f64 / self.duration.max(1) as f64).clamp(0.0, 1.0);
        if self.hang {
            f.min(HANG_AT)
        } else {
            f
        }
    }

    /// When and how this tenant job ends, if it does by `now`.
    fn ending(&self, now: i64) -> Option<(i64, JobOutcome)> {
        if let Some(at) = self.cancel_at {
            let end = at + CANCELING_FOR;
            return (end <= now).then_some((end, JobOutcome::Canceled));
        }
        let end = self.start + self.duration;
        (!self.hang && end <= now).then_some((end, JobOutcome::Completed))
    }

    /// The job as a row of CDB_OB_BACKUP_JOBS or _JOB_HISTORY.
    pub fn row(&self, status: &str, end: Option<i64>, result: i64, comment: &str) -> Row {
        let executors = self.executors.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        vec![
            ("TENANT_ID", int(self.tenant_id)),
            ("JOB_ID", int(self.job_id)),
            ("INCARNATION", int(1)),
            ("BACKUP_SET_ID", int(self.set_id)),
            ("INITIATOR_TENANT_ID", int(self.initiator_tenant_id)),
            ("INITIATOR_JOB_ID", int(self.initiator_job_id)),
            ("EXECUTOR_TENANT_ID", text(executors)),
            ("PLUS_ARCHIVELOG", text(if self.plus_archivelog { "ON" } else { "OFF" })),
            ("BACKUP_TYPE", text(if self.incremental { "INC" } else { "FULL" })),
            (
                "JOB_LEVEL",
                text(match self.level {
                    JobLevel::Cluster => "CLUSTER",
                    JobLevel::UserTenant => "USER_TENANT",
                }),
            ),
            ("ENCRYPTION_MODE", text("NONE")),
            ("PASSWD", text("")),
            ("START_TIMESTAMP", time(self.start)),
            ("END_TIMESTAMP", end.map(time).unwrap_or_else(null)),
            ("STATUS", text(status)),
            ("RESULT", int(result)),
            ("COMMENT", text(comment)),
            ("DESCRIPTION", text(&self.description)),
            ("PATH", text(&self.path)),
        ]
    }

    /// The backup set this tenant job leaves when it ends at `end`.
    pub fn set_file(&self, end: i64, outcome: &JobOutcome, data_bytes: u64, start_replay: i64) -> BackupSet {
        let (success, result, comment) = match outcome {
            JobOutcome::Completed => (true, 0, String::new()),
            JobOutcome::Canceled => (false, RESULT_CANCELED, String::new()),
            JobOutcome::Failed { result, comment } => (false, *result, comment.clone()),
        };
        let done = self.fraction_at(end);
        BackupSet {
            tenant_id: self.tenant_id,
            set_id: self.set_id,
            dest_id: self.dest_id,
            incremental: self.incremental,
            prev_full: self.prev_full,
            prev_inc: self.prev_inc,
            start: self.start,
            end,
            success,
            file_status: if success {
                FileStatus::Available
            } else {
                FileStatus::Incomplete
            },
            plus_archivelog: self.plus_archivelog,
            start_replay,
            // Consistent once the data is copied; the rest of the job copies log.
            min_restore: self.start + self.duration * 85 / 100,
            input_bytes: (self.input_bytes as f64 * done) as i64,
            output_bytes: (self.input_bytes as f64 * done * 0.6) as i64,
            tablet_count: tablet_count(data_bytes),
            result,
            comment,
            path: self.path.clone(),
        }
    }
}

impl Cluster {
    pub(super) fn running_job_of(&self, tenant_id: i64) -> bool {
        self.backup_jobs
            .iter()
            .any(|j| j.level == JobLevel::UserTenant && j.tenant_id == tenant_id)
    }

    /// Where a tenant's backups go: its DATA_BACKUP_DEST, or on 3.x the cluster's.
    fn backup_path(&self, tenant_id: i64) -> Option<String> {
        self.tenants
            .get(&tenant_id)
            .and_then(|t| t.data_dest.clone())
            .or_else(|| self.cluster_backup_dest.clone())
    }

    /// OceanBase's checks for one tenant, in its order.
    fn check_can_backup(&self, tenant_id: i64, now: i64) -> SqlResult<()> {
        let tenant = self
            .tenants
            .get(&tenant_id)
            .ok_or_else(|| errors::internal("tenant vanished"))?;
        if tenant.status != TenantStatus::Normal || tenant.role_at(now) != Role::Primary {
            return Err(errors::backup_can_not_start("tenant status is not normal."));
        }
        if !tenant.archive_doing(now) {
            return Err(errors::backup_can_not_start("log archive status is not doing."));
        }
        if self.running_job_of(tenant_id) {
            return Err(errors::backup_in_progress());
        }
        if self.backup_path(tenant_id).is_none() {
            return Err(errors::backup_can_not_start("backup dest is not set."));
        }
        Ok(())
    }

    pub(super) fn start_backup(&mut self, request: &BackupRequest, ctx: &Context) -> SqlResult<()> {
        let now = ctx.now;
        let v3 = self.info.release.line == Line::V3;
        if v3 {
            self.check_backup_v3(now)?;
        }
        let targets = match &request.tenants {
            Some(names) => {
                let mut ids = Vec::new();
                for name in names {
                    let id = self.user_tenant(name, "backup")?;
                    self.check_can_backup(id, now)?;
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                ids
            }
            None => {
                let ids: Vec<i64> = self
                    .tenants
                    .values()
                    .filter(|t| !t.dropped && self.check_can_backup(t.id, now).is_ok())
                    .map(|t| t.id)
                    .collect();
                if ids.is_empty() {
                    return Err(errors::backup_can_not_start(NO_TENANT_MEETS_CONDITION));
                }
                ids
            }
        };
        let hang = self.take_backup_hang();
        let description = request.description.clone().unwrap_or_default();
        let parent_id = self.allocate_job_id(1);
        let parent = BackupJob::cluster_parent(
            parent_id,
            targets.clone(),
            request.incremental,
            request.plus_archivelog,
            description.clone(),
            now,
        );
        self.backup_jobs.push(parent);
        for tenant_id in targets {
            let job = self.tenant_backup_job(tenant_id, request, parent_id, hang, &description, now)?;
            self.backup_jobs.push(job);
        }
        Ok(())
    }

    fn tenant_backup_job(
        &mut self,
        tenant_id: i64,
        request: &BackupRequest,
        parent_id: i64,
        hang: bool,
        description: &str,
        now: i64,
    ) -> SqlResult<BackupJob> {
        let path = request
            .to
            .clone()
            .or_else(|| self.backup_path(tenant_id))
            .ok_or_else(|| errors::backup_can_not_start("backup dest is not set."))?;
        let job_id = self.allocate_job_id(tenant_id);
        let tenant = self.tenant_mut(tenant_id)?;
        // An incremental backup needs a full one on the same destination; without it
        // OceanBase quietly takes a full backup instead.
        let chain = tenant
            .sets
            .iter()
            .filter(|s| s.usable() && same_path(&s.path, &path))
            .max_by_key(|s| s.set_id)
            .map(|last| {
                let full = if last.incremental { last.prev_full } else { last.set_id };
                (full, last.set_id)
            });
        let (incremental, prev_full, prev_inc) = match chain {
            Some((full, last)) if request.incremental => (true, full, last),
            _ => (false, 0, 0),
        };
        let set_id = tenant.next_set_id;
        tenant.next_set_id += 1;
        let input_bytes = backup_input_bytes(tenant.data_bytes, incremental);
        let dest_id = if tenant.data_dest.is_some() {
            tenant.data_dest_id
        } else {
            1001
        };
        Ok(BackupJob {
            tenant_id,
            job_id,
            level: JobLevel::UserTenant,
            set_id,
            initiator_tenant_id: 1,
            initiator_job_id: parent_id,
            executors: vec![tenant_id],
            incremental,
            plus_archivelog: request.plus_archivelog,
            description: description.to_string(),
            path,
            dest_id,
            start: now,
            duration: backup_duration(input_bytes),
            hang,
            cancel_at: None,
            prev_full,
            prev_inc,
            input_bytes,
            tablet_count: tablet_count(tenant.data_bytes),
            finished_children: Vec::new(),
        })
    }

    pub(super) fn cancel_backup(&mut self, tenant: Option<&str>, ctx: &Context) -> SqlResult<()> {
        let only = match tenant {
            Some(name) => Some(self.user_tenant(name, "cancel backup")?),
            None => None,
        };
        for job in &mut self.backup_jobs {
            let matches = job.level == JobLevel::UserTenant && only.is_none_or(|id| id == job.tenant_id);
            if matches && job.cancel_at.is_none() {
                job.cancel_at = Some(ctx.now);
            }
        }
        Ok(())
    }

    /// A dropped tenant's running backups end FAILED at once.
    pub(super) fn abort_backups_of(&mut self, tenant_id: i64, now: i64) {
        let ending: Vec<usize> = self
            .backup_jobs
            .iter()
            .enumerate()
            .filter(|(_, j)| j.level == JobLevel::UserTenant && j.tenant_id == tenant_id)
            .map(|(i, _)| i)
            .collect();
        for i in ending.into_iter().rev() {
            let job = self.backup_jobs.remove(i);
            let outcome = JobOutcome::Failed {
                result: -5157,
                comment: "tenant has been dropped".into(),
            };
            self.finish_tenant_job(job, now, outcome);
        }
        self.finish_cluster_jobs();
    }

    pub(super) fn advance_backups(&mut self, now: i64) {
        let mut ending: Vec<(i64, i64, i64, JobOutcome)> = self
            .backup_jobs
            .iter()
            .filter(|j| j.level == JobLevel::UserTenant)
            .filter_map(|j| {
                j.ending(now)
                    .map(|(end, outcome)| (end, j.tenant_id, j.job_id, outcome))
            })
            .collect();
        // In the order they ended, so histories read in time order.
        ending.sort_by_key(|(end, tenant, job, _)| (*end, *tenant, *job));
        for (end, tenant_id, job_id, outcome) in ending {
            let position = self
                .backup_jobs
                .iter()
                .position(|j| j.level == JobLevel::UserTenant && j.tenant_id == tenant_id && j.job_id == job_id);
            if let Some(position) = position {
                let job = self.backup_jobs.remove(position);
                self.finish_tenant_job(job, end, outcome);
            }
        }
        self.finish_cluster_jobs();
    }

    /// Writes the history row and the backup set of a tenant job that ended at `end`.
    fn finish_tenant_job(&mut self, job: BackupJob, end: i64, outcome: JobOutcome) {
        let (status, result, comment) = outcome_fields(&outcome);
        self.push_history(
            "CDB_OB_BACKUP_JOB_HISTORY",
            job.row(status, Some(end), result, &comment),
        );
        if let Some(tenant) = self.tenants.get_mut(&job.tenant_id) {
            let start_replay = tenant.archive_checkpoint_at(job.start).unwrap_or(job.start);
            let set = job.set_file(end, &outcome, tenant.data_bytes, start_replay);
            tenant.sets.push(set);
        }
        if let Some(parent) = self
            .backup_jobs
            .iter_mut()
            .find(|p| p.level == JobLevel::Cluster && p.job_id == job.initiator_job_id)
        {
            parent.finished_children.push((end, outcome));
        }
    }

    /// A cluster job ends when its last tenant job has.
    fn finish_cluster_jobs(&mut self) {
        let done: Vec<usize> = self
            .backup_jobs
            .iter()
            .enumerate()
            .filter(|(_, j)| j.level == JobLevel::Cluster && j.finished_children.len() >= j.executors.len())
            .map(|(i, _)| i)
            .collect();
        for i in done.into_iter().rev() {
            let job = self.backup_jobs.remove(i);
            let end = job
                .finished_children
                .iter()
                .map(|(end, _)| *end)
                .max()
                .unwrap_or(job.start);
            let failed = job.finished_children.iter().find_map(|(_, o)| match o {
                JobOutcome::Failed { .. } => Some(o.clone()),
                _ => None,
            });
            let outcome = if let Some(failed) = failed {
                failed
            } else if job.finished_children.iter().any(|(_, o)| *o == JobOutcome::Canceled) {
                JobOutcome::Canceled
            } else {
                JobOutcome::Completed
            };
            let (status, result, comment) = outcome_fields(&outcome);
            self.push_history(
                "CDB_OB_BACKUP_JOB_HISTORY",
                job.row(status, Some(end), result, &comment),
            );
        }
    }

    pub(super) fn backup_job_rows(&self, now: i64) -> Vec<Row> {
        self.backup_jobs
            .iter()
            .map(|job| {
                let status = match job.level {
                    JobLevel::UserTenant => job.status_at(now),
                    JobLevel::Cluster if now < job.start + INIT_FOR => "INIT",
                    JobLevel::Cluster => {
                        let canceling = self.backup_jobs.iter().any(|c| {
                            c.initiator_job_id == job.job_id && c.level == JobLevel::UserTenant && c.cancel_at.is_some()
                        });
                        if canceling {
                            "CANCELING"
                        } else {
                            "DOING"
                        }
                    }
                };
                job.row(status, None, 0, "")
            })
            .collect()
    }

    pub(super) fn backup_task_rows(&self, now: i64) -> Vec<Row> {
        self.backup_jobs
            .iter()
            .filter(|j| j.level == JobLevel::UserTenant)
            .map(|job| {
                let f = job.fraction_at(now);
                let status = match job.status_at(now) {
                    "DOING" => phase(f),
                    other => other,
                };
                // Data is copied up to 85% of the job, log after that.
                let data = (f / 0.85).min(1.0);
                let log = ((f - 0.9) / 0.1).clamp(0.0, 1.0);
                let input = (job.input_bytes as f64 * data) as i64;
                let elapsed = ((now.min(job.cancel_at.unwrap_or(now)) - job.start).max(1)) as f64 / SECOND as f64;
                let macro_blocks = job.input_bytes / (2 << 20);
                vec![
                    ("TENANT_ID", int(job.tenant_id)),
                    ("TASK_ID", int(job.job_id)),
                    ("JOB_ID", int(job.job_id)),
                    ("INCARNATION", int(1)),
                    ("BACKUP_SET_ID", int(job.set_id)),
                    ("START_TIMESTAMP", time(job.start)),
                    ("END_TIMESTAMP", null()),
                    ("STATUS", text(status)),
                    ("START_SCN", int(scn(job.start))),
                    ("END_SCN", int(0)),
                    ("USER_LS_START_SCN", int(scn(job.start))),
                    ("ENCRYPTION_MODE", text("NONE")),
                    ("PASSWD", text("")),
                    ("INPUT_BYTES", int(input)),
                    ("OUTPUT_BYTES", int(input * 3 / 5)),
                    ("OUTPUT_RATE_BYTES", real(input as f64 * 0.6 / elapsed)),
                    ("EXTRA_META_BYTES", int(0)),
                    ("TABLET_COUNT", int(job.tablet_count)),
                    ("FINISH_TABLET_COUNT", int((job.tablet_count as f64 * data) as i64)),
                    ("MACRO_BLOCK_COUNT", int(macro_blocks)),
                    ("FINISH_MACRO_BLOCK_COUNT", int((macro_blocks as f64 * data) as i64)),
                    ("FILE_COUNT", int((macro_blocks as f64 * data / 64.0) as i64)),
                    ("META_TURN_ID", int(1)),
                    ("DATA_TURN_ID", int(1)),
                    ("RESULT", int(0)),
                    ("COMMENT", text("")),
                    ("PATH", text(&job.path)),
                    ("MINOR_TURN_ID", int(1)),
                    ("MAJOR_TURN_ID", int(1)),
                    ("DATA_PROGRESS", real((data * 10000.0).round() / 100.0)),
                    ("LOG_FILE_COUNT", int(16)),
                    ("FINISH_LOG_FILE_COUNT", int((16.0 * log) as i64)),
                    ("LOG_PROGRESS", real((log * 10000.0).round() / 100.0)),
                ]
            })
            .collect()
    }

    pub(super) fn set_file_rows(&self) -> Vec<Row> {
        let version = self.info.release.version.to_string();
        self.tenants
            .values()
            .filter(|t| !t.dropped)
            .flat_map(|t| t.sets.iter())
            .map(|s| {
                let macro_blocks = s.input_bytes / (2 << 20);
                vec![
                    ("TENANT_ID", int(s.tenant_id)),
                    ("BACKUP_SET_ID", int(s.set_id)),
                    ("DEST_ID", int(s.dest_id)),
                    ("INCARNATION", int(1)),
                    ("BACKUP_TYPE", text(if s.incremental { "INC" } else { "FULL" })),
                    ("PREV_FULL_BACKUP_SET_ID", int(s.prev_full)),
                    ("PREV_INC_BACKUP_SET_ID", int(s.prev_inc)),
                    ("START_TIMESTAMP", time(s.start)),
                    ("END_TIMESTAMP", text(utc_text(s.end))),
                    ("STATUS", text(if s.success { "SUCCESS" } else { "FAILED" })),
                    ("FILE_STATUS", text(s.file_status.as_str())),
                    ("ELAPSED_SECONDES", int((s.end - s.start) / SECOND)),
                    ("PLUS_ARCHIVELOG", text(if s.plus_archivelog { "ON" } else { "OFF" })),
                    ("START_REPLAY_SCN", int(scn(s.start_replay))),
                    ("START_REPLAY_SCN_DISPLAY", text(utc_text(s.start_replay))),
                    ("MIN_RESTORE_SCN", int(scn(s.min_restore))),
                    ("MIN_RESTORE_SCN_DISPLAY", text(utc_text(s.min_restore))),
                    ("INPUT_BYTES", int(s.input_bytes)),
                    ("OUTPUT_BYTES", int(s.output_bytes)),
                    (
                        "OUTPUT_RATE_BYTES",
                        real(s.output_bytes as f64 / ((s.end - s.start).max(SECOND) / SECOND) as f64),
                    ),
                    ("EXTRA_META_BYTES", int(0)),
                    ("TABLET_COUNT", int(s.tablet_count)),
                    ("FINISH_TABLET_COUNT", int(if s.success { s.tablet_count } else { 0 })),
                    ("MACRO_BLOCK_COUNT", int(macro_blocks)),
                    (
                        "FINISH_MACRO_BLOCK_COUNT",
                        int(if s.success { macro_blocks } else { 0 }),
                    ),
                    ("FILE_COUNT", int((macro_blocks / 64).max(1))),
                    ("META_TURN_ID", int(1)),
                    ("DATA_TURN_ID", int(1)),
                    ("RESULT", int(s.result)),
                    ("COMMENT", text(&s.comment)),
                    ("ENCRYPTION_MODE", text("NONE")),
                    ("PASSWD", text("")),
                    ("TENANT_COMPATIBLE", text(version.clone())),
                    ("BACKUP_COMPATIBLE", int(3)),
                    ("PATH", text(&s.path)),
                    ("CLUSTER_VERSION", text(version.clone())),
                    ("CONSISTENT_SCN", int(scn(s.min_restore))),
                    ("MINOR_TURN_ID", int(1)),
                    ("MAJOR_TURN_ID", int(1)),
                ]
            })
            .collect()
    }
}

fn outcome_fields(outcome: &JobOutcome) -> (&'static str, i64, String) {
    match outcome {
        JobOutcome::Completed => ("COMPLETED", 0, String::new()),
        JobOutcome::Canceled => ("CANCELED", RESULT_CANCELED, String::new()),
        JobOutcome::Failed { result, comment } => ("FAILED", *result, comment.clone()),
    }
}

/// The phase a DOING task shows at fraction `f` of its run.
fn phase(f: f64) -> &'static str {
    match f {
        f if f < 0.04 => "BACKUP_SYS_META",
        f if f < 0.08 => "BACKUP_USER_META",
        f if f < 0.12 => "BACKUP_DATA_SYS",
        f if f < 0.40 => "BACKUP_DATA_MINOR",
        f if f < 0.85 => "BACKUP_DATA_MAJOR",
        f if f < 0.90 => "BEFORE_BACKUP_LOG",
        _ => "BACKUP_LOG",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_follow_progress() {
        assert_eq!(phase(0.0), "BACKUP_SYS_META");
        assert_eq!(phase(0.5), "BACKUP_DATA_MAJOR");
        assert_eq!(phase(0.95), "BACKUP_LOG");
    }
}
