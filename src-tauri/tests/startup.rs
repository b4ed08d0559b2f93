//! The app's start-up with the sandbox off, the normal case for an administrator with
//! real clusters: the journal is reconciled and the scheduler runs all the same.

use std::sync::Arc;
use std::time::Instant;

use desk_model::journal::{JournalAction, JournalState};
use desk_model::UtcMicros;
use desk_store::{NewJournalEntry, Store, CACHE_FILE_NAME};
use ob_backup_desk::AppState;
use serde_json::json;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindowBuilder};

const PASSWORD: &str = "startup-pw";

#[test]
fn with_the_sandbox_off_the_journal_is_reconciled_and_the_scheduler_runs() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    // A real (emulated) cluster the administrator added; the sandbox stays off.
    let emulator = rt
        .block_on(ob_emulator::Emulator::start(
            ob_emulator::ClusterConfig {
                cluster_name: "ob-real".into(),
                release: ob_emulator::Release::V4_2_1_CE,
                time_zone: "+08:00".into(),
                password: PASSWORD.into(),
                tenants: vec![],
                zones: vec!["zone1".into()],
                history: None,
            },
            Arc::new(ob_emulator::ManualClock::new(1_795_132_800_000_000)),
        ))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut context = mock_context(noop_assets());
    context.config_mut().identifier = "com.obbackupdesk.test".into();
    let app = ob_backup_desk::configure(mock_builder())
        .manage(AppState::open(dir.path(), Instant::now()))
        .build(context)
        .expect("mock app builds");
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let call = |cmd: &str, args: serde_json::Value| {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&webview, request)
            .map(|b| b.deserialize::<serde_json::Value>().unwrap())
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    };
    call(
        "set_settings",
        json!({ "settings": { "timeZone": "UTC", "language": "en-US", "sandbox": false,
                              "notices": { "taskCompleted": true, "taskFailed": true, "strategyAlerts": true } } }),
    );
    let connection = json!({ "name": "ob-real", "host": "127.0.0.1", "port": emulator.addr().port(),
                             "user": "root@sys", "tls": false });
    let cluster = call("add_cluster", json!({ "connection": connection, "password": PASSWORD }));

    // A crash left a backup in doubt: the desk was sending it when it stopped.
    let entry = {
        let (mut store, _) = Store::open(&dir.path().join(CACHE_FILE_NAME)).unwrap();
        store
            .journal_begin(&NewJournalEntry {
                cluster: desk_model::ClusterId(cluster.as_i64().unwrap()),
                tenant_name: Some("trade".into()),
                actor: "dba".into(),
                action: JournalAction::BackupTenant,
                params: "{}".into(),
                baseline_job: 0,
                created_at: UtcMicros(1_795_132_800_000_000),
            })
            .unwrap()
    };

    let state = app.state::<AppState>();
    assert!(!state.scheduler_running());
    tauri::async_runtime::block_on(ob_backup_desk::start(app.handle().clone()));

    assert!(state.scheduler_running(), "strategies run with the sandbox off");
    let (store, _) = Store::open(&dir.path().join(CACHE_FILE_NAME)).unwrap();
    let settled = store.journal_entry(entry).unwrap();
    // The cluster shows no trace of it: settled as not applied, and never sent again.
    assert_eq!(settled.state, JournalState::NotApplied, "{settled:?}");
    assert!(
        !emulator.statement_log().iter().any(|s| s.starts_with("ALTER SYSTEM")),
        "{:?}",
        emulator.statement_log()
    );
    assert!(
        store.clusters().unwrap().iter().all(|c| !c.sandbox),
        "no sandbox cluster"
    );
    rt.block_on(emulator.stop());
}
