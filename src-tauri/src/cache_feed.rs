//! The one place pages hear that the cache changed: the desk's change feed (this
//! process's commits, other processes' and failed sync passes), forwarded as
//! `cache-changed`, once per burst.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::state::AppState;

/// The event the UI listens to: the cache changed, re-read what is shown.
pub const CACHE_CHANGED: &str = "cache-changed";

/// Writes closer together than this are told as one change (a sync pass commits several).
const BURST: Duration = Duration::from_millis(50);

/// Forwards the desk's change feed until the app ends; nothing when there is no cache.
pub fn forward<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let Ok(mut feed) = state.changes() else { return };
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        while feed.changed().await.is_ok() {
            tokio::time::sleep(BURST).await;
            feed.borrow_and_update();
            if let Err(e) = app.emit(CACHE_CHANGED, ()) {
                tracing::warn!(error = %e, "could not tell the pages the cache changed");
            }
        }
    });
}
