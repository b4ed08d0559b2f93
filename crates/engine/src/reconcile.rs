//! Settling journal entries with what the cluster shows. Right after a send
//! the engine looks for the job the action started; on start it does the same
//! for every entry a crash left open. Nothing is ever sent again from here:
//! an action that left no trace is marked NOT_APPLIED for the operator to decide.

use std::time::Duration;

use desk_model::journal::{JournalAction, JournalEntry, JournalState};
use desk_model::status::{ArchiveStatus, BackupJobStatus};
use desk_model::words::Words;
use desk_model::{words, ObName};
use desk_oceanbase::Session;

use crate::operator::{Operator, Receipt};
use crate::refusal::{OpError, OpErrorCode};

/// What the cluster shows of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trace {
    /// The effect is there; with the job it started, when it starts one.
    Seen(Option<i64>),
    NotSeen,
    /// The cluster cannot tell (3.x cluster-level backup has no job view the desk reads).
    Unknown,
}

/// A journal entry's params as the action wrote them; unreadable ones are an error the
/// operator sees (the entry stays open), never a guess.
fn params<T: serde::de::DeserializeOwned>(entry: &JournalEntry) -> Result<T, OpError> {
    serde_json::from_str(&entry.params).map_err(|err| {
        let id = entry.id;
        OpError::new(
            OpErrorCode::Cache,
            words!(
                "journal entry {id} cannot be read ({err}); it stays open",
                "无法读取日志条目 {id}（{err}）；该条目保持未结"
            ),
        )
    })
}

async fn tenant_id(session: &mut Session, name: &str) -> Result<Option<i64>, OpError> {
    Ok(session
        .tenants()
        .await?
        .into_iter()
        .find(|t| t.name.eq_ignore_ascii_case(name))
        .map(|t| t.ob_tenant_id))
}

/// Looks for the effect of `entry` on the cluster.
pub async fn trace(session: &mut Session, entry: &JournalEntry) -> Result<Trace, OpError> {
    let name = entry.tenant_name.clone().unwrap_or_default();
    Ok(match entry.action {
        JournalAction::BackupTenant => match tenant_id(session, &name).await? {
            Some(t) => first_job(session.backup_jobs_after(t, entry.baseline_job).await?),
            None => Trace::NotSeen,
        },
        JournalAction::BackupCluster => {
            if session.info().capabilities.cluster_level_only {
                Trace::Unknown
            } else {
                // The CLUSTER-level parent job lives in the sys tenant.
                first_job(session.backup_jobs_after(1, entry.baseline_job).await?)
            }
        }
        JournalAction::CancelBackup => match tenant_id(session, &name).await? {
            Some(t) => {
                let v3 = session.info().capabilities.cluster_level_only;
                let jobs = session.backup_jobs_after(t, entry.baseline_job - 1).await?;
                match jobs.iter().find(|j| j.job_id == entry.baseline_job) {
                    Some(j) if matches!(j.status, BackupJobStatus::Canceling | BackupJobStatus::Canceled) => {
                        Trace::Seen(Some(j.job_id))
                    }
                    // 3.x has no CANCELED: a cancelled backup's set ends FAILED (V3.1.5
                    // `4400.oceanbase-cdb_ob_backup_set_details.md`, STATUS), and runs until then.
                    Some(j) if v3 && j.status == BackupJobStatus::Failed => Trace::Seen(Some(j.job_id)),
                    _ => Trace::NotSeen,
                }
            }
            None => Trace::NotSeen,
        },
        JournalAction::StartLogBackup | JournalAction::StopLogBackup => match tenant_id(session, &name).await? {
            Some(t) => {
                let rounds = session.archive_rounds().await?;
                let status = rounds
                    .iter()
                    .filter(|r| r.tenant_id == t)
                    .map(|r| r.status.clone())
                    .next_back();
                let on = matches!(
                    status,
                    Some(ArchiveStatus::Doing | ArchiveStatus::Beginning | ArchiveStatus::Prepare)
                );
                let wanted_on = entry.action == JournalAction::StartLogBackup;
                if on == wanted_on {
                    Trace::Seen(None)
                } else {
                    Trace::NotSeen
                }
            }
            None => Trace::NotSeen,
        },
        JournalAction::Restore | JournalAction::RetryRestore => {
            let target = ObName::parse("targetTenant", &name)?;
            first_restore(session.restores_of(&target, entry.baseline_job).await?)
        }
        JournalAction::CancelRestore => {
            let target = ObName::parse("targetTenant", &name)?;
            let jobs = session.restores_of(&target, entry.baseline_job - 1).await?;
            match jobs.iter().find(|j| j.job_id == entry.baseline_job) {
                Some(j) if !j.running => Trace::Seen(Some(j.job_id)),
                None => Trace::Seen(None),
                _ => Trace::NotSeen,
            }
        }
        JournalAction::CleanUpRestore => {
            let tenant_gone = tenant_id(session, &name).await?.is_none();
            let pool = params::<crate::restore_ops::CleanUpParams>(entry)?.pool;
            let pools = session.resource_pools().await?;
            let pool_gone = pool.is_none_or(|p| !pools.iter().any(|x| x.name.eq_ignore_ascii_case(&p)));
            if tenant_gone && pool_gone {
                Trace::Seen(None)
            } else {
                Trace::NotSeen
            }
        }
        JournalAction::ActivateTenant => {
            let primary = session
                .tenants()
                .await?
                .iter()
                .any(|t| t.name.eq_ignore_ascii_case(&name) && t.role.eq_ignore_ascii_case("PRIMARY"));
            if primary {
                Trace::Seen(None)
            } else {
                Trace::NotSeen
            }
        }
        JournalAction::ApplyStrategy => Trace::Unknown,
    })
}

fn first_job(jobs: Vec<desk_model::backup::BackupJob>) -> Trace {
    jobs.iter()
        .map(|j| j.job_id)
        .min()
        .map_or(Trace::NotSeen, |id| Trace::Seen(Some(id)))
}

fn first_restore(jobs: Vec<desk_model::backup::RestoreJob>) -> Trace {
    jobs.iter()
        .map(|j| j.job_id)
        .min()
        .map_or(Trace::NotSeen, |id| Trace::Seen(Some(id)))
}

/// "Tenant backup" inside a sentence: "tenant backup".
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

impl Operator {
    /// After a send: looks for the action's effect for up to `confirm_within`,
    /// then settles the entry. The action was accepted either way; an effect
    /// not seen yet leaves the entry SENT, for the next reconciliation.
    pub async fn confirm(&self, session: &mut Session, journal_id: i64) -> Result<Receipt, OpError> {
        let entry = self.lock().journal_entry(journal_id)?;
        let deadline = tokio::time::Instant::now() + self.confirm_within;
        let name = entry.action.named();
        loop {
            match trace(session, &entry).await? {
                Trace::Seen(job_id) => {
                    self.settle(journal_id, JournalState::Confirmed, job_id, None)?;
                    return Ok(Receipt {
                        journal_id,
                        state: JournalState::Confirmed,
                        job_id,
                        message: match job_id {
                            Some(j) => Words::new(
                                format!("{} started: job {j}", name.en),
                                format!("{}已启动（任务 {j}）", name.zh),
                            ),
                            None => Words::new(format!("{} took effect", name.en), format!("{}已生效", name.zh)),
                        },
                    });
                }
                Trace::Unknown => {
                    self.settle(journal_id, JournalState::Confirmed, None, None)?;
                    return Ok(Receipt {
                        journal_id,
                        state: JournalState::Confirmed,
                        job_id: None,
                        message: Words::new(
                            format!("The cluster accepted it: {}", lower_first(&name.en)),
                            format!("集群已接受：{}", name.zh),
                        ),
                    });
                }
                Trace::NotSeen if tokio::time::Instant::now() >= deadline => {
                    return Ok(Receipt {
                        journal_id,
                        state: JournalState::Sent,
                        job_id: None,
                        message: Words::new(
                            format!(
                                "The cluster accepted it: {}; its job is not visible yet (the desk keeps checking)",
                                lower_first(&name.en)
                            ),
                            format!("集群已接受：{}；其任务暂不可见（桌面端会继续检查）", name.zh),
                        ),
                    });
                }
                Trace::NotSeen => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    /// Settles every open journal entry with its cluster. Run on start, before
    /// any new action. Unreachable clusters keep their entries open.
    pub async fn reconcile(&self) -> Result<Vec<JournalEntry>, OpError> {
        let open = self.lock().journal_open()?;
        let mut settled = Vec::new();
        for entry in open {
            let mut session = match self.connect(entry.cluster).await {
                Ok(s) => s,
                Err(e) => {
                    tracing::warn!(journal = entry.id, error = %e, "cannot reconcile yet");
                    continue;
                }
            };
            let outcome = trace(&mut session, &entry).await;
            session.close().await;
            match outcome? {
                Trace::Seen(job_id) => self.settle(entry.id, JournalState::Confirmed, job_id, None)?,
                Trace::Unknown if entry.state == JournalState::Sent => {
                    self.settle(entry.id, JournalState::Confirmed, None, None)?
                }
                Trace::Unknown | Trace::NotSeen => {
                    let why = OpError::new(
                        crate::refusal::OpErrorCode::InDoubt,
                        words!(
                            "the desk stopped before the cluster answered, and the cluster shows no trace of it; \
                             it was not sent again",
                            "桌面端在集群应答之前已停止，集群上也没有该操作的痕迹；该操作未被再次发送"
                        ),
                    );
                    self.settle(entry.id, JournalState::NotApplied, None, Some(&why))?
                }
            }
            tracing::info!(journal = entry.id, "reconciled");
            settled.push(self.lock().journal_entry(entry.id)?);
        }
        Ok(settled)
    }
}
