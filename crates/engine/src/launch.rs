//! Where the scheduler meets the operations: a due slot becomes a Backup Now
//! (with the same pre-flight checks and journal as an operator's), and a
//! strategy is applied to its cluster as a journaled action.

use async_trait::async_trait;
use desk_model::journal::{JournalAction, JournalState};
use desk_model::status::BackupType;
use desk_model::strategy::{BackupMethod, StorageSecret, Strategy};
use desk_store::NewJournalEntry;
use serde_json::json;

use crate::backup_ops::BackupNow;
use crate::operator::{params_json, Operator};
use crate::refusal::OpError;
use crate::scheduler::{DueRun, LaunchFailure, LaunchedRun, Launcher};
use crate::strategy_apply::{apply_strategy_watched, ApplyProgress, ApplyReport, ApplyWaits};

/// Runs due slots as backups, journaled as `scheduler:<strategy id>`.
pub struct OperatorLauncher(pub Operator);

#[async_trait]
impl Launcher for OperatorLauncher {
    async fn launch(&self, run: &DueRun) -> Result<LaunchedRun, LaunchFailure> {
        let op = Operator {
            actor: format!("scheduler:{}", run.strategy_id.0),
            ..self.0.clone()
        };
        let req = BackupNow {
            cluster: run.cluster_id,
            tenant: run.tenant_name.as_ref().map(|n| n.to_string()),
            method: match run.method {
                BackupMethod::Full => BackupType::Full,
                BackupMethod::Incremental => BackupType::Incremental,
            },
            plus_archivelog: false,
        };
        match op.backup_now(&req).await {
            Ok(receipt) => Ok(LaunchedRun {
                ob_job_id: receipt.job_id,
            }),
            // Recorded on the slot as history: in English.
            Err(e) => Err(LaunchFailure {
                code: e.code.as_str().to_owned(),
                message: e.message,
            }),
        }
    }
}

impl Operator {
    /// Sets the cluster's destinations, archive mode and delete policy as the
    /// strategy says, journaled like any action. The secret goes to the cluster only.
    pub async fn apply_strategy(
        &self,
        strategy: &Strategy,
        secret: Option<&StorageSecret>,
        waits: ApplyWaits,
        progress: &mut (dyn FnMut(ApplyProgress) + Send),
    ) -> Result<ApplyReport, OpError> {
        let mut session = self.connect(strategy.cluster_id).await?;
        let tenant = strategy.scope.tenant_name().map(|n| n.to_string());
        self.refuse_if_in_doubt(strategy.cluster_id, tenant.as_deref())?;
        let id = self.lock().journal_begin(&NewJournalEntry {
            cluster: strategy.cluster_id,
            tenant_name: tenant,
            actor: self.actor.clone(),
            action: JournalAction::ApplyStrategy,
            params: params_json(&json!({
                "storage": strategy.storage.as_ref().map(|s| s.kind),
                "path": strategy.storage.as_ref().map(|s| s.path.as_str()),
                "logBackup": strategy.log_backup.enabled, "retentionDays": strategy.retention_days,
            })),
            baseline_job: 0,
            created_at: self.now(),
        })?;
        let result = apply_strategy_watched(&mut session, strategy, secret, waits, progress).await;
        session.close().await;
        match result {
            Ok(report) => {
                self.settle(id, JournalState::Confirmed, None, None)?;
                Ok(report)
            }
            Err(e) => {
                let err = OpError::from(e);
                self.settle(id, JournalState::Failed, None, Some(&err))?;
                Err(err)
            }
        }
    }
}
