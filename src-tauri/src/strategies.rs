//! Backup strategy commands: each a call into `desk_engine::Strategies`; the shell
//! wakes its scheduler and tells the pages after a change.

use desk_engine::scheduler::preview;
use desk_engine::{
    ApplyProgress, ApplyWaits, Clock, DestinationReview, SavedStrategy, SecretBackend, StrategyView, SystemClock,
};
use desk_model::schedule::ScheduledRun;
use desk_model::strategy::{Strategy, StrategyId, StrategyRecord, StrategyScope};
use desk_model::ClusterId;
use tauri::ipc::Channel;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

type Reply<T> = Result<T, IpcError>;

/// The strategy in force for a tenant (its own, else its cluster's), or the cluster's.
#[tauri::command]
pub async fn effective_strategy(
    state: State<'_, AppState>,
    cluster: ClusterId,
    ob_tenant_id: Option<i64>,
) -> Reply<Option<StrategyView>> {
    Ok(state.strategies()?.effective(cluster, ob_tenant_id).await?)
}

#[tauri::command]
pub async fn list_strategies(state: State<'_, AppState>, cluster: Option<ClusterId>) -> Reply<Vec<StrategyRecord>> {
    Ok(state.strategies()?.list(cluster)?)
}

/// The next five runs of a strategy being edited (nothing is saved).
#[tauri::command]
pub async fn preview_strategy(strategy: Strategy) -> Reply<Vec<ScheduledRun>> {
    let strategy = desk_engine::with_secret_account(strategy);
    strategy.validate().map_err(|e| IpcError::invalid(e.field, e.words()))?;
    Ok(preview(&strategy, SystemClock.now()))
}

/// Where storage secrets are kept on this machine, and why, for the form to say.
#[tauri::command]
pub async fn secret_backend(state: State<'_, AppState>) -> Reply<SecretBackend> {
    Ok(state.secret_backend().clone())
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
    Ok(desk_engine::review_destinations(
        &*state.read()?,
        cluster,
        &scope,
        strategy.as_ref(),
    )?)
}

/// Creates (`id` absent) or updates a strategy; `secret` is the storage access key when
/// entered. Applying it streams each step and wait over `progress`.
#[tauri::command]
pub async fn save_strategy(
    state: State<'_, AppState>,
    id: Option<StrategyId>,
    strategy: Strategy,
    secret: Option<String>,
    progress: Channel<ApplyProgress>,
) -> Reply<SavedStrategy> {
    let saved = state
        .strategies()?
        .save(id, strategy, secret, ApplyWaits::default(), &mut |p| {
            let _ = progress.send(p);
        })
        .await?;
    state.reschedule();
    Ok(saved)
}

#[tauri::command]
pub async fn set_strategy_paused(state: State<'_, AppState>, id: StrategyId, paused: bool) -> Reply<StrategyRecord> {
    let record = state.strategies()?.set_paused(id, paused)?;
    state.reschedule();
    Ok(record)
}

/// Deletes a strategy: its schedule stops and a tenant falls back to its
/// cluster's strategy. The cluster's destinations stay as they are.
#[tauri::command]
pub async fn delete_strategy(state: State<'_, AppState>, id: StrategyId) -> Reply<()> {
    state.strategies()?.delete(id).await?;
    state.reschedule();
    Ok(())
}
