//! Commands that act on clusters. Thin: each hands the request to the
//! engine's operator (which checks, journals, sends and confirms) and maps
//! refusals to `IpcError` (code, field, nearest recoverable times). The pages
//! hear of the journal's writes from the cache's change feed.

use desk_engine::{BackupNow, Follow, InitiateRecovery, Receipt, RestoreRef, TaskProgress, TenantAction};
use desk_model::journal::JournalEntry;
use desk_model::window::tenant_window;
use desk_model::{AccessKeys, ClusterId, UtcMicros};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;
use ts_rs::TS;

use crate::error::IpcError;
use crate::state::AppState;

type Reply<T> = Result<T, IpcError>;

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>, req: BackupNow) -> Reply<Receipt> {
    let op = state.operator()?;
    Ok(op.backup_now(&req).await?)
}

#[tauri::command]
pub async fn cancel_backup(state: State<'_, AppState>, req: TenantAction) -> Reply<Receipt> {
    let op = state.operator()?;
    Ok(op.cancel_backup(&req).await?)
}

#[tauri::command]
pub async fn set_log_backup(state: State<'_, AppState>, req: TenantAction, on: bool) -> Reply<Receipt> {
    let op = state.operator()?;
    Ok(op.set_log_backup(&req, on).await?)
}

#[tauri::command]
pub async fn initiate_recovery(state: State<'_, AppState>, req: InitiateRecovery) -> Reply<Receipt> {
    let op = state.operator()?;
    Ok(op.initiate_recovery(&req).await?)
}

#[tauri::command]
pub async fn cancel_restore(state: State<'_, AppState>, restore: RestoreRef) -> Reply<Receipt> {
    let op = state.operator()?;
    Ok(op.cancel_restore(&restore).await?)
}

#[tauri::command]
pub async fn retry_restore(
    state: State<'_, AppState>,
    restore: RestoreRef,
    access_keys: Option<AccessKeys>,
) -> Reply<Receipt> {
    let op = state.operator()?;
    Ok(op.retry_restore(&restore, access_keys.as_ref()).await?)
}

#[tauri::command]
pub async fn clean_up_restore(state: State<'_, AppState>, restore: RestoreRef) -> Reply<Receipt> {
    let op = state.operator()?;
    Ok(op.clean_up_restore(&restore).await?)
}

#[tauri::command]
pub async fn activate_tenant(state: State<'_, AppState>, cluster: ClusterId, tenant: String) -> Reply<Receipt> {
    let op = state.operator()?;
    Ok(op.activate_tenant(cluster, &tenant).await?)
}

/// Streams a running task's progress over `progress` until it ends; returns the last report.
#[tauri::command]
pub async fn follow_task(
    state: State<'_, AppState>,
    task: Follow,
    progress: Channel<TaskProgress>,
) -> Reply<TaskProgress> {
    let op = state.operator()?;
    let last = op
        .follow(&task, std::time::Duration::from_secs(1), |p| progress.send(p).is_ok())
        .await?;
    Ok(last)
}

/// The desk's journal of actions on a cluster, newest first.
#[tauri::command]
pub async fn journal(state: State<'_, AppState>, cluster: ClusterId) -> Reply<Vec<JournalEntry>> {
    Ok(state.store()?.journal_of(cluster, 200)?)
}

/// A recoverable range, in UTC microseconds (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimeRange {
    pub start: UtcMicros,
    pub end: UtcMicros,
}

/// A tenant's recoverable window from the cache, for the Initiate Recovery dialog.
#[tauri::command]
pub async fn recoverable_ranges(
    state: State<'_, AppState>,
    cluster: ClusterId,
    ob_tenant_id: i64,
) -> Reply<Vec<TimeRange>> {
    let store = state.store()?;
    let version = store.cluster(cluster)?.version;
    let sets = store.backup_sets_of(cluster, ob_tenant_id)?;
    let pieces = store.archive_pieces_of(cluster, ob_tenant_id)?;
    Ok(tenant_window(version.as_ref(), &sets, &pieces)
        .into_iter()
        .filter_map(|r| {
            Some(TimeRange {
                start: r.start.to_micros()?,
                end: r.end.to_micros()?,
            })
        })
        .collect())
}

/// Whether a tenant can be recovered to `at`, by the cached window; refused
/// as Initiate Recovery would be (OUTSIDE_WINDOW with the nearest times).
#[tauri::command]
pub async fn check_recovery_time(
    state: State<'_, AppState>,
    cluster: ClusterId,
    ob_tenant_id: i64,
    at: UtcMicros,
) -> Reply<()> {
    let store = state.store()?;
    let version = store.cluster(cluster)?.version;
    let sets = store.backup_sets_of(cluster, ob_tenant_id)?;
    let pieces = store.archive_pieces_of(cluster, ob_tenant_id)?;
    let name = store
        .tenants(Some(cluster))?
        .into_iter()
        .find(|t| t.record.ob_tenant_id == ob_tenant_id)
        .map(|t| t.record.name)
        .unwrap_or_else(|| ob_tenant_id.to_string());
    Ok(desk_engine::restore_ops::check_recovery_time(
        &tenant_window(version.as_ref(), &sets, &pieces),
        at,
        &name,
    )?)
}

/// Zones, resource pools and unit configs of a cluster, read live, for the
/// Initiate Recovery dialog's placement rows.
#[tauri::command]
pub async fn placement_options(state: State<'_, AppState>, cluster: ClusterId) -> Reply<desk_engine::PlacementOptions> {
    let op = state.operator()?;
    Ok(op.placement_options(cluster).await?)
}
