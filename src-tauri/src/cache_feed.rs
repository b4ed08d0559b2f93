//! The one place pages hear that the cache changed: the store's change feed,
//! forwarded as `cache-changed`, once per burst of writes.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::sandbox::CACHE_CHANGED;
use crate::state::AppState;

/// Writes closer together than this are told as one change (a sync pass commits several).
const BURST: Duration = Duration::from_millis(50);

/// Forwards the cache's change feed until the app ends; nothing when there is no cache.
pub fn forward<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let Ok(cache) = state.cache_shared() else { return };
    let mut feed = cache.lock().unwrap_or_else(|p| p.into_inner()).changes();
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
