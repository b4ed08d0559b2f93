//! Progress of running tasks, for subscribers (the shell forwards it over a
//! Tauri Channel). Percent reaches 100 only in a terminal state: a job whose
//! data phase is done but which still backs up logs shows 99.

use std::time::Duration;

use desk_model::backup::{BackupJob, BackupTask, RestoreJob};
use desk_model::{words, ClusterId, ObName};
use desk_oceanbase::Session;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::operator::Operator;
use crate::refusal::{OpError, OpErrorCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TaskKind {
    Backup,
    Restore,
}

/// One progress report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaskProgress {
    pub cluster: ClusterId,
    pub kind: TaskKind,
    #[ts(type = "number")]
    pub job_id: i64,
    /// The status (or phase) as OceanBase names it.
    pub phase: String,
    /// 0..=100; 100 only when `terminal`.
    pub percent: u8,
    #[ts(type = "number")]
    pub done_bytes: u64,
    #[ts(type = "number")]
    pub total_bytes: u64,
    pub terminal: bool,
    /// For a failed job: the cluster's comment (redacted).
    pub comment: String,
}

fn capped(fraction: f64, terminal: bool) -> u8 {
    if terminal {
        return 100;
    }
    ((fraction.clamp(0.0, 1.0) * 100.0).floor() as u8).min(99)
}

/// A backup job's progress from its tasks (one per tenant; the cluster parent has several).
pub fn backup_progress(cluster: ClusterId, job: &BackupJob, tasks: &[BackupTask]) -> TaskProgress {
    let mine: Vec<&BackupTask> = tasks.iter().filter(|t| t.job_id == job.job_id).collect();
    let terminal = job.status.is_terminal();
    let (done, total) = mine.iter().fold((0u64, 0u64), |(d, t), task| {
        let total = task.macro_block_count.max(task.tablet_count);
        let done = if task.macro_block_count > 0 {
            task.finish_macro_block_count
        } else {
            task.finish_tablet_count
        };
        (d + done.min(total), t + total)
    });
    let fraction = if !mine.is_empty() {
        mine.iter()
            .map(|t| f64::from(t.data_progress_permille) / 1000.0)
            .sum::<f64>()
            / mine.len() as f64
    } else if total > 0 {
        done as f64 / total as f64
    } else {
        0.0
    };
    let bytes_total: u64 = mine.iter().map(|t| t.input_bytes.max(t.output_bytes)).sum();
    TaskProgress {
        cluster,
        kind: TaskKind::Backup,
        job_id: job.job_id,
        phase: mine
            .iter()
            .map(|t| t.status.as_str().to_owned())
            .next()
            .unwrap_or_else(|| job.status.as_str().to_owned()),
        percent: capped(fraction, terminal),
        done_bytes: (bytes_total as f64 * fraction.clamp(0.0, 1.0)) as u64,
        total_bytes: bytes_total,
        terminal,
        comment: job.comment.clone(),
    }
}

pub fn restore_progress(cluster: ClusterId, job: &RestoreJob) -> TaskProgress {
    let terminal = !job.running;
    let fraction = if job.total_bytes > 0 {
        job.finish_bytes as f64 / job.total_bytes as f64
    } else if job.tablet_count > 0 {
        job.finish_tablet_count as f64 / job.tablet_count as f64
    } else {
        0.0
    };
    TaskProgress {
        cluster,
        kind: TaskKind::Restore,
        job_id: job.job_id,
        phase: job.status.as_str().to_owned(),
        percent: capped(fraction, terminal),
        done_bytes: job.finish_bytes,
        total_bytes: job.total_bytes,
        terminal,
        comment: job.comment.clone(),
    }
}

/// Which task to follow.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Follow {
    pub cluster: ClusterId,
    pub kind: TaskKind,
    /// The backup's tenant or the restore's target tenant.
    pub tenant: String,
    #[ts(type = "number")]
    pub job_id: i64,
}

async fn read_once(session: &mut Session, f: &Follow) -> Result<Option<TaskProgress>, OpError> {
    match f.kind {
        TaskKind::Backup => {
            let tenant_id = if f.tenant.is_empty() {
                1
            } else {
                match session
                    .tenants()
                    .await?
                    .into_iter()
                    .find(|t| t.name.eq_ignore_ascii_case(&f.tenant))
                {
                    Some(t) => t.ob_tenant_id,
                    None => return Ok(None),
                }
            };
            let jobs = session.backup_jobs_after(tenant_id, f.job_id - 1).await?;
            let Some(job) = jobs.into_iter().find(|j| j.job_id == f.job_id) else {
                return Ok(None);
            };
            let tasks = if job.status.is_terminal() {
                Vec::new()
            } else {
                session.backup_tasks().await?
            };
            Ok(Some(backup_progress(f.cluster, &job, &tasks)))
        }
        TaskKind::Restore => {
            let name = ObName::parse("tenant", &f.tenant)?;
            let jobs = session.restores_of(&name, f.job_id - 1).await?;
            Ok(jobs
                .into_iter()
                .find(|j| j.job_id == f.job_id)
                .map(|j| restore_progress(f.cluster, &j)))
        }
    }
}

impl Operator {
    /// Reports the task's progress every `every` until it ends (the last report is
    /// terminal) or `sink` returns false (the subscriber went away).
    pub async fn follow(
        &self,
        f: &Follow,
        every: Duration,
        mut sink: impl FnMut(TaskProgress) -> bool,
    ) -> Result<TaskProgress, OpError> {
        let mut session = self.connect(f.cluster).await?;
        let result = async {
            loop {
                let p = read_once(&mut session, f).await?.ok_or_else(|| {
                    let job = f.job_id;
                    OpError::new(
                        OpErrorCode::NothingToCancel,
                        words!("job {job} is not on the cluster", "任务 {job} 不在该集群上"),
                    )
                })?;
                let last = p.terminal;
                if !sink(p.clone()) || last {
                    return Ok(p);
                }
                tokio::time::sleep(every).await;
            }
        }
        .await;
        session.close().await;
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use desk_model::status::{BackupJobStatus, BackupTaskStatus, BackupType};

    fn job(status: BackupJobStatus) -> BackupJob {
        BackupJob {
            backup_set_id: 3,
            backup_type: BackupType::Full,
            ..BackupJob::sample(1002, 7, status)
        }
    }

    fn task(permille: u16) -> BackupTask {
        BackupTask {
            tenant_id: 1002,
            task_id: 1,
            job_id: 7,
            backup_set_id: 3,
            status: BackupTaskStatus::BackupLog,
            start: None,
            end: None,
            input_bytes: 1000,
            output_bytes: 800,
            tablet_count: 10,
            finish_tablet_count: 10,
            macro_block_count: 100,
            finish_macro_block_count: 100,
            data_progress_permille: permille,
            comment: String::new(),
        }
    }

    #[test]
    fn a_running_job_never_shows_100_percent() {
        let p = backup_progress(ClusterId(1), &job(BackupJobStatus::Doing), &[task(1000)]);
        assert_eq!(p.percent, 99);
        assert!(!p.terminal);
        assert_eq!(p.phase, "BACKUP_LOG");
    }

    #[test]
    fn only_a_terminal_job_shows_100_percent() {
        let p = backup_progress(ClusterId(1), &job(BackupJobStatus::Completed), &[]);
        assert_eq!((p.percent, p.terminal), (100, true));
        let half = backup_progress(ClusterId(1), &job(BackupJobStatus::Doing), &[task(500)]);
        assert_eq!(half.percent, 50);
        assert_eq!(half.done_bytes, 500);
    }
}
