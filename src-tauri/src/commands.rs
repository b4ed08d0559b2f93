//! The IPC commands. Thin: parse, call the store or settings, map errors.
//!
//! The list at the bottom is the one source of truth: it registers the
//! handlers and describes each command for the generated TypeScript.

use desk_model::overview::BackupPageHead;
use desk_model::period::PeriodView;
use desk_model::tasks::{BackupTaskPage, LogBackupRow, RestoreTaskPage, TaskQuery};
use desk_model::{AccessKeys, Cluster, ClusterId, Settings, Tenant, TenantId, UtcMicros};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use ts_rs::TS;

use crate::connections::*;
use crate::error::IpcError;
use crate::exchange::*;
use crate::operations::*;
use crate::sandbox::*;
use crate::settings;
use crate::state::AppState;
use crate::strategies::*;
use desk_engine::SecretBackend;
use desk_engine::ServerInfo;
use desk_engine::{
    ApplyProgress, BackupNow, DestinationReview, FailedRestoreActions, Follow, InitiateRecovery, PlacementOptions,
    Receipt, RecoveryTarget, RestoreRef, SavedStrategy, StrategyView, TaskProgress, TenantAction, TimeRange,
};
use desk_engine::{CacheStatus, ExportFormat, ExportResult, SandboxFault};
use desk_model::journal::JournalEntry;
use desk_model::schedule::ScheduledRun;
use desk_model::strategy::{Strategy, StrategyId, StrategyRecord, StrategyScope};
use desk_store::Connection;
use desk_store::ImportReport;

type Reply<T> = Result<T, IpcError>;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub version: String,
    pub cache: CacheStatus,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StartupTiming {
    /// Milliseconds from process start to the UI's first rendered page.
    pub ms_since_start: u32,
}

#[tauri::command]
async fn app_status(state: State<'_, AppState>) -> Reply<AppStatus> {
    Ok(AppStatus {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        cache: state.status().clone(),
    })
}

#[tauri::command]
async fn list_clusters(state: State<'_, AppState>) -> Reply<Vec<Cluster>> {
    Ok(state.read()?.clusters()?)
}

#[tauri::command]
async fn list_tenants(state: State<'_, AppState>, cluster_id: Option<ClusterId>) -> Reply<Vec<Tenant>> {
    Ok(state.read()?.tenants(cluster_id)?)
}

#[tauri::command]
async fn get_tenant(state: State<'_, AppState>, tenant_id: TenantId) -> Reply<Tenant> {
    Ok(state.read()?.tenant(tenant_id)?)
}

#[tauri::command]
async fn get_settings<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Reply<Settings> {
    settings::load(&app, &state)
}

#[tauri::command]
async fn set_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    settings: Settings,
) -> Reply<Settings> {
    let before = settings::load(&app, &state)?;
    settings::save(&app, &state, &settings)?;
    if before.sandbox != settings.sandbox {
        let sandbox = settings.sandbox;
        let app = app.clone();
        tauri::async_runtime::spawn(async move { app.state::<AppState>().set_sandbox(sandbox).await });
    }
    settings::load(&app, &state)
}

#[tauri::command]
async fn time_zones() -> Reply<Vec<String>> {
    Ok(desk_model::settings::time_zone_names()
        .into_iter()
        .map(str::to_owned)
        .collect())
}

/// The Backup and Recovery page's header and overview card, for one tenant
/// (`ob_tenant_id`) or all tenants of the cluster.
#[tauri::command]
async fn backup_page_head(
    state: State<'_, AppState>,
    cluster_id: ClusterId,
    ob_tenant_id: Option<i64>,
) -> Reply<BackupPageHead> {
    Ok(desk_engine::pages::backup_page_head(
        &*state.read()?,
        cluster_id,
        ob_tenant_id,
    )?)
}

/// One 7-day statistical period of the recoverable window: 0 is the latest.
#[tauri::command]
async fn recoverable_period(
    state: State<'_, AppState>,
    cluster_id: ClusterId,
    ob_tenant_id: Option<i64>,
    period: u32,
) -> Reply<PeriodView> {
    let now = desk_engine::Clock::now(&desk_engine::SystemClock);
    Ok(desk_engine::pages::recoverable_period(
        &*state.read()?,
        cluster_id,
        ob_tenant_id,
        now,
        period,
    )?)
}

#[tauri::command]
async fn backup_task_page(state: State<'_, AppState>, query: TaskQuery) -> Reply<BackupTaskPage> {
    Ok(state.read()?.backup_task_page(&query)?)
}

#[tauri::command]
async fn restore_task_page(state: State<'_, AppState>, query: TaskQuery) -> Reply<RestoreTaskPage> {
    Ok(state.read()?.restore_task_page(&query)?)
}

#[tauri::command]
async fn log_backup_tasks(
    state: State<'_, AppState>,
    cluster_id: Option<ClusterId>,
    ob_tenant_id: Option<i64>,
) -> Reply<Vec<LogBackupRow>> {
    Ok(state.read()?.log_backup_rows(cluster_id, ob_tenant_id)?)
}

/// Called once by the UI after its first render; logs the cold-start time.
#[tauri::command]
async fn ui_rendered(state: State<'_, AppState>) -> Reply<StartupTiming> {
    let ms = *state.first_render.get_or_init(|| {
        let ms = state.started.elapsed().as_millis() as u64;
        tracing::info!(target: "startup", ms, "first render {ms} ms after process start");
        ms
    });
    Ok(StartupTiming {
        ms_since_start: ms.min(u32::MAX as u64) as u32,
    })
}

/// One command's shape, for the TypeScript generator.
pub struct Signature {
    pub name: &'static str,
    /// (argument name as Rust spells it, TypeScript type)
    pub args: Vec<(&'static str, String)>,
    pub result: String,
}

macro_rules! commands {
    ($( fn $name:ident ( $($arg:ident : $argty:ty),* ) $([channel $chan:ident : $chty:ty])? -> $ret:ty ; )*) => {
        /// The invoke handler registering every command.
        pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// Every command's signature; visits each argument and result type. A
        /// `channel` argument is a Tauri Channel the command streams `$chty` over.
        pub fn signatures(cfg: &ts_rs::Config, types: &mut impl ts_rs::TypeVisitor) -> Vec<Signature> {
            let mut out = Vec::new();
            $(
                #[allow(unused_mut)]
                let mut args: Vec<(&'static str, String)> = vec![$( (stringify!($arg), <$argty as TS>::name(cfg)) ),*];
                $(
                    args.push((stringify!($chan), format!("Channel<{}>", <$chty as TS>::name(cfg))));
                    types.visit::<$chty>();
                )?
                out.push(Signature {
                    name: stringify!($name),
                    args,
                    result: <$ret as TS>::name(cfg),
                });
                $( types.visit::<$argty>(); )*
                types.visit::<$ret>();
            )*
            out
        }
    };
}

commands! {
    fn app_status() -> AppStatus;
    fn list_clusters() -> Vec<Cluster>;
    fn list_tenants(cluster_id: Option<ClusterId>) -> Vec<Tenant>;
    fn get_tenant(tenant_id: TenantId) -> Tenant;
    fn get_settings() -> Settings;
    fn set_settings(settings: Settings) -> Settings;
    fn time_zones() -> Vec<String>;
    fn ui_rendered() -> StartupTiming;
    fn backup_now(req: BackupNow) -> Receipt;
    fn cancel_backup(req: TenantAction) -> Receipt;
    fn set_log_backup(req: TenantAction, on: bool) -> Receipt;
    fn initiate_recovery(req: InitiateRecovery) -> Receipt;
    fn cancel_restore(restore: RestoreRef) -> Receipt;
    fn retry_restore(restore: RestoreRef, access_keys: Option<AccessKeys>) -> Receipt;
    fn clean_up_restore(restore: RestoreRef) -> Receipt;
    fn failed_restore_actions(restore: RestoreRef) -> FailedRestoreActions;
    fn activate_tenant(cluster: ClusterId, tenant: String) -> Receipt;
    fn follow_task(task: Follow) [channel progress: TaskProgress] -> TaskProgress;
    fn journal(cluster: ClusterId) -> Vec<JournalEntry>;
    fn recoverable_ranges(cluster: ClusterId, ob_tenant_id: i64) -> Vec<TimeRange>;
    fn check_recovery_time(cluster: ClusterId, ob_tenant_id: i64, at: UtcMicros) -> ();
    fn recovery_targets(cluster: ClusterId) -> Vec<RecoveryTarget>;
    fn placement_options(cluster: ClusterId) -> PlacementOptions;
    fn effective_strategy(cluster: ClusterId, ob_tenant_id: Option<i64>) -> Option<StrategyView>;
    fn list_strategies(cluster: Option<ClusterId>) -> Vec<StrategyRecord>;
    fn preview_strategy(strategy: Strategy) -> Vec<ScheduledRun>;
    fn secret_backend() -> SecretBackend;
    fn review_destinations(cluster: ClusterId, scope: StrategyScope, strategy: Option<Strategy>) -> DestinationReview;
    fn save_strategy(id: Option<StrategyId>, strategy: Strategy, secret: Option<String>) [channel progress: ApplyProgress] -> SavedStrategy;
    fn set_strategy_paused(id: StrategyId, paused: bool) -> StrategyRecord;
    fn delete_strategy(id: StrategyId) -> ();
    fn test_cluster_connection(connection: Connection, password: String) -> ServerInfo;
    fn add_cluster(connection: Connection, password: String) -> ClusterId;
    fn update_cluster(cluster: ClusterId, connection: Connection, password: Option<String>) -> ();
    fn set_cluster_password(cluster: ClusterId, password: String) -> ();
    fn sync_now(cluster: ClusterId) -> ();
    fn get_connection(cluster: ClusterId) -> Option<Connection>;
    fn remove_cluster(cluster: ClusterId) -> ();
    fn export_history(format: ExportFormat, cluster: Option<ClusterId>, from: Option<UtcMicros>, to: Option<UtcMicros>, directory: Option<String>) -> ExportResult;
    fn import_history(path: String, label: String) -> ImportReport;
    fn backup_page_head(cluster_id: ClusterId, ob_tenant_id: Option<i64>) -> BackupPageHead;
    fn recoverable_period(cluster_id: ClusterId, ob_tenant_id: Option<i64>, period: u32) -> PeriodView;
    fn backup_task_page(query: TaskQuery) -> BackupTaskPage;
    fn restore_task_page(query: TaskQuery) -> RestoreTaskPage;
    fn log_backup_tasks(cluster_id: Option<ClusterId>, ob_tenant_id: Option<i64>) -> Vec<LogBackupRow>;
    fn sandbox_fault(cluster: ClusterId, fault: SandboxFault) -> ();
}
