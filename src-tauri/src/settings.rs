//! Settings, kept by tauri-plugin-store in `settings.json` in the app data dir.

use desk_model::{Language, Settings};
use serde_json::json;
use tauri::{AppHandle, Runtime};
use tauri_plugin_store::StoreExt;

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;

const TIME_ZONE: &str = "timeZone";
const LANGUAGE: &str = "language";
const SANDBOX: &str = "sandbox";
const NOTICES: &str = "notices";

fn unavailable(e: impl std::fmt::Display) -> IpcError {
    IpcError::new(
        ErrorCode::SettingsUnavailable,
        desk_model::words!("settings file: {e}", "设置文件出错：{e}"),
    )
}

/// Reads the settings; a missing or hand-broken value falls back to its default.
pub fn load<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> Result<Settings, IpcError> {
    let store = app.store(&state.settings_path).map_err(unavailable)?;
    let defaults = Settings::defaults(state.system_zone.as_deref());
    let time_zone = store
        .get(TIME_ZONE)
        .and_then(|v| v.as_str().map(str::to_owned))
        .filter(|z| desk_model::settings::validate_time_zone(z).is_ok())
        .unwrap_or(defaults.time_zone);
    let language = store
        .get(LANGUAGE)
        .and_then(|v| serde_json::from_value::<Language>(v).ok())
        .unwrap_or(defaults.language);
    let sandbox = store.get(SANDBOX).and_then(|v| v.as_bool()).unwrap_or(defaults.sandbox);
    let notices = store
        .get(NOTICES)
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or(defaults.notices);
    Ok(Settings {
        time_zone,
        language,
        sandbox,
        notices,
    })
}

/// Validates, then writes and flushes to disk; nothing is written on a refusal.
pub fn save<R: Runtime>(app: &AppHandle<R>, state: &AppState, settings: &Settings) -> Result<(), IpcError> {
    settings.validate()?;
    let store = app.store(&state.settings_path).map_err(unavailable)?;
    store.set(TIME_ZONE, json!(settings.time_zone));
    store.set(LANGUAGE, json!(settings.language));
    store.set(SANDBOX, json!(settings.sandbox));
    store.set(NOTICES, json!(settings.notices));
    store.save().map_err(unavailable)
}
