//! The Tauri shell of OB Backup Desk: commands, app state, plugins. Business
//! rules live in the crates under `crates/`; this crate only wires them.

pub mod bindings;
pub mod cache_feed;
pub mod commands;
pub mod connections;
pub mod error;
pub mod exchange;
pub mod notices;
pub mod operations;
pub mod sandbox;
pub mod settings;
pub mod state;
pub mod strategies;

use std::time::Instant;

use tauri::Manager;

pub use error::{ErrorCode, IpcError};
pub use state::AppState;

/// Adds the plugins and commands to `builder`; state is managed by the
/// caller (the app's setup, or a test under the mock runtime).
pub fn configure<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_store::Builder::new().build())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .invoke_handler(commands::handler())
}

/// What runs once the window is up, in this order: the desk's change feed to the pages
/// and the notices; the sandbox when the setting has it on (so its addresses are known
/// to what follows); then, with or without it, the desk's background work (the journal
/// settled, the scheduler, the sync loops of added clusters).
pub async fn start<R: tauri::Runtime>(app: tauri::AppHandle<R>) {
    let state = app.state::<AppState>();
    let enabled = settings::load(&app, &state).map(|s| s.sandbox).unwrap_or(true);
    cache_feed::forward(&app);
    notices::start(&app);
    state.set_sandbox(enabled).await;
    state.start_background().await;
}

pub fn run(started: Instant) {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();

    configure(tauri::Builder::default())
        .setup(move |app| {
            // A folder that cannot be created is said in the window (AppState::open).
            let data_dir = app.path().app_data_dir()?;
            tracing::info!(data_dir = %data_dir.display(), "starting");
            let usable = std::fs::create_dir_all(&data_dir).is_ok();
            app.manage(AppState::open(&data_dir, started));
            // The window is made here, not from the config alone: WebKit keeps its data in
            // the same folder, and where that folder cannot be, it gets a temporary one so
            // the window still opens and says why.
            let config = app
                .config()
                .app
                .windows
                .first()
                .cloned()
                .ok_or("no window in tauri.conf.json")?;
            let mut window = tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?;
            if !usable {
                window = window.data_directory(std::env::temp_dir().join("ob-backup-desk-webview"));
            }
            window.build()?;
            // The window opens on the cache; the background work follows.
            tauri::async_runtime::spawn(start(app.handle().clone()));
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
