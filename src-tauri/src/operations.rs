//! Commands that act on clusters. Thin: each hands the request to the
//! engine's operator (which checks, journals, sends and confirms) and maps
//! refusals to `IpcError` (code, field, nearest recoverable times). The pages
//! hear of the journal's writes from the cache's change feed.

use desk_engine::{
    BackupNow, FailedRestoreActions, Follow, InitiateRecovery, Receipt, RecoveryTarget, RestoreRef, TaskProgress,
    TenantAction, TimeRange,
};
use desk_model::journal::JournalEntry;
use desk_model::{AccessKeys, ClusterId, UtcMicros};
use tauri::ipc::Channel;
use tauri::State;

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
pub async fn failed_restore_actions(state: State<'_, AppState>, restore: RestoreRef) -> Reply<FailedRestoreActions> {
    Ok(state.operator()?.failed_restore_actions(&restore).await?)
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
    Ok(state.read()?.journal_of(cluster, 200)?)
}

/// A tenant's recoverable window from the cache, for the Initiate Recovery dialog.
#[tauri::command]
pub async fn recoverable_ranges(
    state: State<'_, AppState>,
    cluster: ClusterId,
    ob_tenant_id: i64,
) -> Reply<Vec<TimeRange>> {
    Ok(desk_engine::pages::recoverable_ranges(
        &*state.read()?,
        cluster,
        ob_tenant_id,
    )?)
}

/// Every cluster as Initiate Recovery's target for `cluster`'s backups, each with why
/// it cannot take the restore (imported, or a release that cannot restore them).
#[tauri::command]
pub async fn recovery_targets(state: State<'_, AppState>, cluster: ClusterId) -> Reply<Vec<RecoveryTarget>> {
    Ok(desk_engine::pages::recovery_targets(&*state.read()?, cluster)?)
}

/// Whether a tenant can be recovered to `at`, by the cached window.
#[tauri::command]
pub async fn check_recovery_time(
    state: State<'_, AppState>,
    cluster: ClusterId,
    ob_tenant_id: i64,
    at: UtcMicros,
) -> Reply<()> {
    Ok(desk_engine::pages::check_recovery_time(
        &*state.read()?,
        cluster,
        ob_tenant_id,
        at,
    )?)
}

/// Zones, resource pools and unit configs of a cluster, read live, for the
/// Initiate Recovery dialog's placement rows.
#[tauri::command]
pub async fn placement_options(state: State<'_, AppState>, cluster: ClusterId) -> Reply<desk_engine::PlacementOptions> {
    let op = state.operator()?;
    Ok(op.placement_options(cluster).await?)
}
