//! Backup strategies as both doors manage them: saving validates, keeps the access key
//! in the secret store under an account the engine names, applies the strategy to the
//! cluster, then writes it; nothing is written when any step refuses. The caller wakes
//! its scheduler after a change.

use std::sync::Arc;

use desk_model::schedule::{ScheduledRun, SlotRun};
use desk_model::strategy::{SecretRef, StorageSecret, Strategy, StrategyId, StrategyRecord, StrategyScope};
use desk_model::{words, ClusterId, StorageKind, StorageUri};
use serde::Serialize;
use ts_rs::TS;

use crate::refusal::{OpError, OpErrorCode};
use crate::scheduler::preview;
use crate::secrets::{SecretError, SecretStore};
use crate::strategy_apply::{ApplyProgress, ApplyReport, ApplyWaits};
use crate::Operator;

/// What the Backup Strategy tab (and `desk strategy show`) shows for a tenant or a cluster.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StrategyView {
    pub record: StrategyRecord,
    /// The tenant has no strategy of its own: this is its cluster's.
    pub inherited: bool,
    /// The next runs (5), in UTC microseconds.
    pub next_runs: Vec<ScheduledRun>,
    /// The latest slots and what became of them, newest first.
    pub runs: Vec<SlotRun>,
    /// The access key is in the secret store (it is never sent back).
    pub secret_stored: bool,
}

/// A saved strategy, and what applying it to the cluster did.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedStrategy {
    pub view: StrategyView,
    pub applied: ApplyReport,
}

/// The secret store's account for a strategy's access key: named by the engine from
/// the cluster and scope, in a namespace no cluster password uses (`cluster-<id>`), so
/// deleting a strategy can never delete a cluster's password.
pub fn secret_account(cluster: ClusterId, scope: &StrategyScope) -> SecretRef {
    let name = match scope {
        StrategyScope::Cluster => format!("strategy:c{}", cluster.0),
        StrategyScope::Tenant { ob_tenant_id, .. } => format!("strategy:c{}:t{ob_tenant_id}", cluster.0),
    };
    SecretRef::parse(&name).expect("digits and the prefix are valid account characters")
}

/// `strategy` with its access key's account set by [`secret_account`] (object storage
/// only), whatever the caller sent: the one place account names are chosen.
pub fn with_secret_account(mut strategy: Strategy) -> Strategy {
    let account = secret_account(strategy.cluster_id, &strategy.scope);
    if let Some(storage) = strategy.storage.as_mut() {
        storage.secret_ref = (storage.kind != StorageKind::File).then_some(account);
    }
    strategy
}

/// The object storage roots of these strategies whose keys `secrets` holds, keys
/// included: what a restore of their backups can read with. Blocks on the keyring.
pub fn held_storage(records: &[StrategyRecord], secrets: &dyn SecretStore) -> Vec<StorageUri> {
    records
        .iter()
        .filter_map(|r| r.strategy.storage.as_ref())
        .filter(|s| s.kind != StorageKind::File)
        .filter_map(|s| {
            let secret = secrets.get(s.secret_ref.as_ref()?).ok()??;
            s.uri(&[], Some(&secret)).ok()
        })
        .collect()
}

/// [`held_storage`] for `cluster`'s strategies in `store`, the cache let go before the
/// keyring is asked. Blocks on the keyring.
pub fn held_storage_of(
    store: &std::sync::Mutex<desk_store::Store>,
    secrets: &dyn SecretStore,
    cluster: ClusterId,
) -> Vec<StorageUri> {
    let records = store
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .strategies(Some(cluster))
        .unwrap_or_default();
    held_storage(&records, secrets)
}

fn secret_failure(e: SecretError) -> OpError {
    let said = e.message;
    let (en, zh) = (&said.en, &said.zh);
    OpError::new(OpErrorCode::Cache, words!("secret store: {en}", "密钥库出错：{zh}"))
}

/// Runs a keyring call off the async workers (it blocks on D-Bus).
async fn off_runtime<T: Send + 'static>(
    secrets: &Arc<dyn SecretStore>,
    call: impl FnOnce(&dyn SecretStore) -> Result<T, SecretError> + Send + 'static,
) -> Result<T, OpError> {
    let secrets = secrets.clone();
    tokio::task::spawn_blocking(move || call(secrets.as_ref()))
        .await
        .map_err(|e| OpError::new(OpErrorCode::Cache, words!("secret store: {e}", "密钥库出错：{e}")))?
        .map_err(secret_failure)
}

/// The use cases of strategies, on an operator's cache and cluster access.
pub struct Strategies {
    pub op: Operator,
    pub secrets: Arc<dyn SecretStore>,
}

impl Strategies {
    /// A record with its next runs, its latest slots and whether its key is stored.
    pub async fn view(&self, record: StrategyRecord, inherited: bool) -> Result<StrategyView, OpError> {
        let runs = self.op.lock().slot_runs(record.id, 20)?;
        let account = record.strategy.storage.as_ref().and_then(|s| s.secret_ref.clone());
        let secret_stored = match account {
            Some(r) => off_runtime(&self.secrets, move |s| s.get(&r))
                .await
                .is_ok_and(|s| s.is_some()),
            None => false,
        };
        Ok(StrategyView {
            next_runs: if record.strategy.paused {
                Vec::new()
            } else {
                preview(&record.strategy, self.op.now())
            },
            record,
            inherited,
            runs,
            secret_stored,
        })
    }

    /// The strategy in force for a tenant (its own, else its cluster's), or the cluster's.
    pub async fn effective(
        &self,
        cluster: ClusterId,
        ob_tenant_id: Option<i64>,
    ) -> Result<Option<StrategyView>, OpError> {
        let record = self.op.lock().effective_strategy(cluster, ob_tenant_id)?;
        match record {
            Some(r) => {
                let inherited = ob_tenant_id.is_some() && r.strategy.scope.ob_tenant_id().is_none();
                Ok(Some(self.view(r, inherited).await?))
            }
            None => Ok(None),
        }
    }

    pub fn list(&self, cluster: Option<ClusterId>) -> Result<Vec<StrategyRecord>, OpError> {
        Ok(self.op.lock().strategies(cluster)?)
    }

    pub fn get(&self, id: StrategyId) -> Result<StrategyRecord, OpError> {
        Ok(self.op.lock().strategy(id)?)
    }

    /// Creates (`id` absent) or updates a strategy. `secret` is the storage access key
    /// when entered (kept in the secret store, never in the cache or a reply); without
    /// one, the key already stored for this scope is used. The cluster is changed first:
    /// a strategy the cluster refuses is not saved.
    pub async fn save(
        &self,
        id: Option<StrategyId>,
        strategy: Strategy,
        secret: Option<String>,
        waits: ApplyWaits,
        progress: &mut (dyn FnMut(ApplyProgress) + Send),
    ) -> Result<SavedStrategy, OpError> {
        let strategy = with_secret_account(strategy);
        strategy.validate()?;
        // Object storage only: its keyring account, as `with_secret_account` named it.
        let account = strategy.storage.as_ref().and_then(|s| s.secret_ref.clone());
        let secret = match (secret.filter(|s| !s.is_empty()), &account) {
            (Some(s), _) => Some(StorageSecret::new(s)),
            (None, Some(stored)) => {
                let stored = stored.clone();
                off_runtime(&self.secrets, move |s| s.get(&stored)).await?
            }
            (None, None) => None,
        };
        if account.is_some() && secret.is_none() {
            return Err(OpError::new(
                OpErrorCode::InvalidInput,
                words!(
                    "secret: object storage needs its access key (the desk keeps it in the secret store, never in the cache)",
                    "secret：对象存储需要其 AccessKey（本机将它保存在密钥库中，从不写入缓存）"
                ),
            )
            .on("secret"));
        }
        if let Some(existing) = id {
            // The id must exist before the cluster is touched.
            self.op.lock().strategy(existing)?;
        }
        let applied = self
            .op
            .apply_strategy(&strategy, secret.as_ref(), waits, progress)
            .await?;
        if let (Some(s), Some(stored)) = (secret, account) {
            off_runtime(&self.secrets, move |store| store.set(&stored, &s)).await?;
        }
        let now = self.op.now();
        let saved = {
            let mut store = self.op.lock();
            let id = match id {
                Some(existing) => {
                    store.update_strategy(existing, &strategy, now)?;
                    existing
                }
                None => store.create_strategy(&strategy, now)?,
            };
            store.strategy(id)?
        };
        Ok(SavedStrategy {
            view: self.view(saved, false).await?,
            applied,
        })
    }

    /// Pauses or enables a strategy's schedule.
    pub fn set_paused(&self, id: StrategyId, paused: bool) -> Result<StrategyRecord, OpError> {
        let now = self.op.now();
        let mut store = self.op.lock();
        store.set_strategy_paused(id, paused, now)?;
        Ok(store.strategy(id)?)
    }

    /// Deletes a strategy: its schedule stops and a tenant falls back to its cluster's
    /// strategy. The cluster's destinations stay as they are; the access key goes when
    /// no other strategy uses it.
    pub async fn delete(&self, id: StrategyId) -> Result<(), OpError> {
        let account = {
            let mut store = self.op.lock();
            let account = store.strategy(id)?.strategy.storage.and_then(|s| s.secret_ref);
            store.delete_strategy(id)?;
            let still_used = store
                .strategies(None)?
                .iter()
                .any(|s| s.strategy.storage.as_ref().and_then(|s| s.secret_ref.as_ref()) == account.as_ref());
            account.filter(|_| !still_used)
        };
        if let Some(r) = account {
            if let Err(e) = off_runtime(&self.secrets, move |s| s.delete(&r)).await {
                tracing::warn!(error = %e, "the deleted strategy's access key stays in the secret store");
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use desk_model::ObName;

    #[test]
    fn a_strategy_key_never_shares_an_account_with_a_cluster_password() {
        for id in [1, 2, 1002, i64::MAX] {
            let cluster = ClusterId(id);
            let tenant = StrategyScope::Tenant {
                ob_tenant_id: 1002,
                tenant_name: ObName::parse("t", "trade").unwrap(),
            };
            for scope in [StrategyScope::Cluster, tenant] {
                let account = secret_account(cluster, &scope);
                for other in [1, 2, 1002, id] {
                    assert_ne!(account, crate::password_account(ClusterId(other)));
                }
            }
        }
        assert_ne!(
            secret_account(ClusterId(3), &StrategyScope::Cluster),
            secret_account(
                ClusterId(3),
                &StrategyScope::Tenant {
                    ob_tenant_id: 1002,
                    tenant_name: ObName::parse("t", "trade").unwrap()
                }
            ),
            "a tenant's key is its own"
        );
    }
}
