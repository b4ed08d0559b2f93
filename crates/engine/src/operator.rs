//! What every operation shares: who acts, the cache, the clock, how to reach
//! a cluster, and the journaled send: write the entry, send, record the answer.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use desk_model::journal::{JournalAction, JournalState};
use desk_model::{ClusterId, UtcMicros, Words};
use desk_oceanbase::{ConnectOptions, ObErrorCode, Session, Statement};
use desk_store::{JournalUpdate, NewJournalEntry, Store};

pub use crate::clock::{Clock, SystemClock};
use crate::refusal::{OpError, OpErrorCode};

/// How to reach a cached cluster (its address and sys-tenant credentials).
pub trait Directory: Send + Sync {
    /// Refused with `UNREACHABLE` (no address) or `CREDENTIALS_NEEDED` (no password this session).
    fn connect_options(&self, cluster: ClusterId) -> Result<ConnectOptions, OpError>;

    /// The object storage destinations of `cluster` whose keys the desk holds (its
    /// strategies', keys included). Blocks on the keyring: call off the async workers.
    fn held_storage(&self, _cluster: ClusterId) -> Vec<desk_model::StorageUri> {
        Vec::new()
    }
}

/// The context of every operation.
#[derive(Clone)]
pub struct Operator {
    pub store: Arc<Mutex<Store>>,
    pub clock: Arc<dyn Clock>,
    pub directory: Arc<dyn Directory>,
    /// Written into the journal: the OS user, or `scheduler:<strategy>`.
    pub actor: String,
    /// How long to look for the job an accepted statement started.
    pub confirm_within: Duration,
}

/// An action ready to send: checked, with its statements and what the journal keeps.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub cluster: ClusterId,
    pub action: JournalAction,
    pub tenant_name: Option<String>,
    /// Redacted JSON.
    pub params: String,
    pub baseline_job: i64,
    pub statements: Vec<Statement>,
    /// Sent, best effort, when a later statement is refused after earlier ones took
    /// effect (a restore refused after its resource pool was created drops the pool).
    pub undo: Vec<Statement>,
}

/// What an operator is told when an action went out.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    #[ts(type = "number")]
    pub journal_id: i64,
    pub state: JournalState,
    /// The OceanBase job the action started, once seen.
    #[ts(type = "number | null")]
    pub job_id: Option<i64>,
    /// What happened, in every language.
    pub message: Words,
}

impl Operator {
    pub fn now(&self) -> UtcMicros {
        self.clock.now()
    }

    pub fn lock(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Opens a session to a cached cluster; an unreachable one is its own code.
    pub async fn connect(&self, cluster: ClusterId) -> Result<Session, OpError> {
        let opts = connect_options_off_runtime(&self.directory, cluster).await?;
        Session::connect(&opts).await.map_err(|e| {
            let mut err = OpError::from(e.clone());
            if e.server_code.is_none() && !matches!(e.code, ObErrorCode::Unsupported | ObErrorCode::AccessDenied) {
                err.code = OpErrorCode::Unreachable;
            }
            err
        })
    }

    /// Refuses a new action on an object while an earlier one on it is in doubt:
    /// sending again could start the same thing twice.
    pub(crate) fn refuse_if_in_doubt(&self, cluster: ClusterId, tenant_name: Option<&str>) -> Result<(), OpError> {
        let open = self.lock().journal_open()?;
        if let Some(e) = open.iter().find(|e| {
            e.cluster == cluster && e.tenant_name.as_deref() == tenant_name && e.state == JournalState::Sending
        }) {
            let (name, entry) = (e.action.named(), e.id);
            return Err(OpError::new(
                OpErrorCode::InDoubt,
                Words::new(
                    format!(
                        "An earlier action ({}, journal entry {entry}) was sent without an answer; the desk is checking \
                         the cluster before anything else is sent for this object",
                        name.en.to_lowercase()
                    ),
                    format!(
                        "之前的操作（{}，操作记录 {entry}）已发出但未收到应答；桌面端正在向集群核实，\
                         核实之前不会再为该对象发送任何操作",
                        name.zh
                    ),
                ),
            ));
        }
        Ok(())
    }

    /// Journals, then sends the statements in order. Returns the journal id once the
    /// cluster accepted them all. A refusal settles the entry as FAILED; a lost
    /// connection leaves it SENDING (in doubt) for reconciliation.
    pub async fn send(&self, session: &mut Session, p: &Prepared) -> Result<i64, OpError> {
        let id = self.lock().journal_begin(&NewJournalEntry {
            cluster: p.cluster,
            tenant_name: p.tenant_name.clone(),
            actor: self.actor.clone(),
            action: p.action,
            params: p.params.clone(),
            baseline_job: p.baseline_job,
            created_at: self.now(),
        })?;
        tracing::info!(journal = id, action = p.action.as_str(), tenant = ?p.tenant_name, "sending");
        for (i, stmt) in p.statements.iter().enumerate() {
            if let Err(e) = session.execute(stmt).await {
                let in_doubt = matches!(e.code, ObErrorCode::ConnectionLost | ObErrorCode::Timeout);
                let err = OpError::from(e);
                if !in_doubt {
                    if i > 0 {
                        for u in &p.undo {
                            if let Err(e) = session.execute(u).await {
                                tracing::warn!(journal = id, error = %e, "undo after a refusal failed");
                            }
                        }
                    }
                    self.settle(id, JournalState::Failed, None, Some(&err))?;
                }
                return Err(err);
            }
        }
        self.lock().journal_update(
            id,
            &JournalUpdate {
                state: JournalState::Sent,
                job_id: None,
                at: self.now(),
                error_code: None,
                error_message: None,
            },
        )?;
        Ok(id)
    }

    pub(crate) fn settle(
        &self,
        id: i64,
        state: JournalState,
        job_id: Option<i64>,
        err: Option<&OpError>,
    ) -> Result<(), OpError> {
        self.lock().journal_update(
            id,
            &JournalUpdate {
                state,
                job_id,
                at: self.now(),
                error_code: err.map(|e| e.code.as_str().to_owned()),
                // The journal is history: it keeps the English words.
                error_message: err.map(|e| e.message.en.clone()),
            },
        )?;
        Ok(())
    }
}

/// Redacted JSON of a request, for the journal.
pub(crate) fn params_json(value: &serde_json::Value) -> String {
    desk_model::storage::redact(&value.to_string())
}

/// How to reach `cluster`, asked off the async workers: the password comes from the
/// keyring, whose calls block.
pub async fn connect_options_off_runtime(
    directory: &Arc<dyn Directory>,
    cluster: ClusterId,
) -> Result<ConnectOptions, OpError> {
    let directory = Arc::clone(directory);
    tokio::task::spawn_blocking(move || directory.connect_options(cluster))
        .await
        .unwrap_or_else(|e| {
            Err(OpError::new(
                OpErrorCode::Unreachable,
                Words::verbatim(format!("reading the cluster's password failed: {e}")),
            ))
        })
}
