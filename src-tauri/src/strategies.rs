//! Backup strategy commands. Saving validates, keeps the access key in the
//! secret store (keyring, or this session's memory), applies the strategy to
//! the cluster, then writes it and wakes the scheduler; nothing is written
//! when any step refuses.

use desk_engine::scheduler::preview;
use desk_engine::{ApplyProgress, ApplyReport, ApplyWaits, Clock, DestinationReview, SecretBackend, SystemClock};
use desk_model::schedule::{ScheduledRun, SlotRun};
use desk_model::strategy::{StorageSecret, Strategy, StrategyId, StrategyRecord, StrategyScope};
use desk_model::ClusterId;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Emitter, Runtime, State};
use ts_rs::TS;

use crate::error::{ErrorCode, IpcError};
use crate::sandbox::CACHE_CHANGED;
use crate::state::AppState;

type Reply<T> = Result<T, IpcError>;

/// What the Backup Strategy tab shows for a tenant (or a cluster).
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

fn now() -> desk_model::UtcMicros {
    SystemClock.now()
}

fn view(state: &AppState, record: StrategyRecord, inherited: bool) -> Reply<StrategyView> {
    let runs = state.store()?.slot_runs(record.id, 20)?;
    let secret_stored = match record.strategy.storage.as_ref().and_then(|s| s.secret_ref.as_ref()) {
        Some(r) => state.secrets.get(r).map(|s| s.is_some()).unwrap_or(false),
        None => false,
    };
    Ok(StrategyView {
        next_runs: if record.strategy.paused {
            Vec::new()
        } else {
            preview(&record.strategy, now())
        },
        record,
        inherited,
        runs,
        secret_stored,
    })
}

/// The strategy in force for a tenant (its own, else its cluster's), or the cluster's.
#[tauri::command]
pub async fn effective_strategy(
    state: State<'_, AppState>,
    cluster: ClusterId,
    ob_tenant_id: Option<i64>,
) -> Reply<Option<StrategyView>> {
    let record = state.store()?.effective_strategy(cluster, ob_tenant_id)?;
    match record {
        Some(r) => {
            let inherited = ob_tenant_id.is_some() && r.strategy.scope.ob_tenant_id().is_none();
            Ok(Some(view(&state, r, inherited)?))
        }
        None => Ok(None),
    }
}

#[tauri::command]
pub async fn list_strategies(state: State<'_, AppState>, cluster: Option<ClusterId>) -> Reply<Vec<StrategyRecord>> {
    Ok(state.store()?.strategies(cluster)?)
}

/// The next five runs of a strategy being edited (nothing is saved).
#[tauri::command]
pub async fn preview_strategy(strategy: Strategy) -> Reply<Vec<ScheduledRun>> {
    strategy.validate().map_err(|e| IpcError::invalid(e.field, e.words()))?;
    Ok(preview(&strategy, now()))
}

/// Where storage secrets are kept on this machine, and why, for the form to say.
#[tauri::command]
pub async fn secret_backend(state: State<'_, AppState>) -> Reply<SecretBackend> {
    Ok(state.secret_backend.clone())
}

/// A saved strategy, and what applying it to the cluster did.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedStrategy {
    pub view: StrategyView,
    pub applied: ApplyReport,
}

/// The destinations of the tenants a strategy covers, and what `strategy` would move:
/// from the cache, for the form to offer keeping them and to warn before moving them.
#[tauri::command]
pub async fn review_destinations(
    state: State<'_, AppState>,
    cluster: ClusterId,
    scope: StrategyScope,
    strategy: Option<Strategy>,
) -> Reply<DestinationReview> {
    let store = state.store()?;
    Ok(desk_engine::review_destinations(
        &store,
        cluster,
        &scope,
        strategy.as_ref(),
    )?)
}

/// Creates (`id` absent) or updates a strategy; `secret` is the storage access key
/// when entered (kept in the secret store, never in the cache or the reply). Applying
/// it streams each step and wait over `progress`.
#[tauri::command]
pub async fn save_strategy<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: Option<StrategyId>,
    strategy: Strategy,
    secret: Option<String>,
    progress: Channel<ApplyProgress>,
) -> Reply<SavedStrategy> {
    strategy.validate().map_err(|e| IpcError::invalid(e.field, e.words()))?;
    let storage = strategy.storage.as_ref();
    let secret = secret.filter(|s| !s.is_empty()).map(StorageSecret::new);
    let secret = match (&secret, storage.and_then(|s| s.secret_ref.as_ref())) {
        (Some(s), _) => Some(s.clone()),
        (None, Some(r)) => state.secrets.get(r).ok().flatten(),
        (None, None) => None,
    };
    if storage.is_some_and(|s| s.kind != desk_model::StorageKind::File) && secret.is_none() {
        return Err(IpcError::invalid(
            "secret",
            desk_model::words!(
                "secret: object storage needs its access key (the desk keeps it in the secret store, never in the cache)",
                "secret：对象存储需要其 AccessKey（本机将它保存在密钥库中，从不写入缓存）"
            ),
        ));
    }
    if let Some(existing) = id {
        // The id must exist before the cluster is touched.
        state.store()?.strategy(existing)?;
    }
    // The cluster first: a strategy the cluster refuses is not saved.
    let op = state.operator()?;
    let applied = op
        .apply_strategy(&strategy, secret.as_ref(), ApplyWaits::default(), &mut |p| {
            let _ = progress.send(p);
        })
        .await?;
    if let (Some(s), Some(r)) = (&secret, storage.and_then(|s| s.secret_ref.as_ref())) {
        state.secrets.set(r, s).map_err(|e| {
            IpcError::new(
                ErrorCode::Internal,
                desk_model::words!("secret store: {e}", "密钥库出错：{e}"),
            )
        })?;
    }
    let saved = {
        let mut store = state.store()?;
        let id = match id {
            Some(existing) => {
                store.update_strategy(existing, &strategy, now())?;
                existing
            }
            None => store.create_strategy(&strategy, now())?,
        };
        store.strategy(id)?
    };
    state.reschedule();
    let _ = app.emit(CACHE_CHANGED, ());
    let inherited = false;
    Ok(SavedStrategy {
        view: view(&state, saved, inherited)?,
        applied,
    })
}

#[tauri::command]
pub async fn set_strategy_paused<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: StrategyId,
    paused: bool,
) -> Reply<StrategyRecord> {
    let record = {
        let mut store = state.store()?;
        store.set_strategy_paused(id, paused, now())?;
        store.strategy(id)?
    };
    state.reschedule();
    let _ = app.emit(CACHE_CHANGED, ());
    Ok(record)
}

/// Deletes a strategy: its schedule stops and a tenant falls back to its
/// cluster's strategy. The cluster's destinations stay as they are.
#[tauri::command]
pub async fn delete_strategy<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, id: StrategyId) -> Reply<()> {
    let secret_ref = state.store()?.strategy(id)?.strategy.storage.and_then(|s| s.secret_ref);
    state.store()?.delete_strategy(id)?;
    if let Some(r) = secret_ref {
        let still_used = state
            .store()?
            .strategies(None)?
            .iter()
            .any(|s| s.strategy.storage.as_ref().and_then(|s| s.secret_ref.as_ref()) == Some(&r));
        if !still_used {
            let _ = state.secrets.delete(&r);
        }
    }
    state.reschedule();
    let _ = app.emit(CACHE_CHANGED, ());
    Ok(())
}
