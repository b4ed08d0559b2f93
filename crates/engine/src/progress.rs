//! Progress of running tasks, for subscribers (the shell forwards it over a
//! Tauri Channel): the model's `JobProgress` (phase, percent below 100 until the job
//! ends, the figures the release reports, the start), read live from the cluster.

use std::time::Duration;

use desk_model::overview::TaskState;
use desk_model::progress::{backup_progress, restore_progress};
pub use desk_model::progress::{JobProgress, TaskKind};
use desk_model::{words, ClusterId, ObName};
use desk_oceanbase::Session;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::operator::Operator;
use crate::refusal::{OpError, OpErrorCode};

/// One progress report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TaskProgress {
    pub cluster: ClusterId,
    #[ts(type = "number")]
    pub job_id: i64,
    /// The job's state, from its status as OceanBase names it (`status`).
    pub state: TaskState,
    pub status: String,
    pub progress: JobProgress,
    /// For a failed job: the cluster's comment (redacted).
    pub comment: String,
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
            Ok(Some(TaskProgress {
                cluster: f.cluster,
                job_id: job.job_id,
                state: TaskState::of_backup(&job.status),
                status: job.status.as_str().to_owned(),
                progress: backup_progress(&job, &tasks),
                comment: job.comment,
            }))
        }
        TaskKind::Restore => {
            let name = ObName::parse("tenant", &f.tenant)?;
            let jobs = session.restores_of(&name, f.job_id - 1).await?;
            Ok(jobs.into_iter().find(|j| j.job_id == f.job_id).map(|j| TaskProgress {
                cluster: f.cluster,
                job_id: j.job_id,
                state: TaskState::of_restore(&j.status),
                status: j.status.as_str().to_owned(),
                progress: restore_progress(&j),
                comment: j.comment,
            }))
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
                let last = p.progress.terminal;
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
