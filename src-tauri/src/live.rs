//! Keeps the clusters the administrator added in the cache: one sync loop over
//! them (the sandbox has its own), started for each cluster whose password the
//! secret store holds, reconnecting by itself with backoff when one goes away.

use std::sync::Arc;

use desk_engine::{Clock, Directory, LoopConfig, SyncLoop, SystemClock};
use desk_model::ClusterId;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::sandbox::CACHE_CHANGED;
use crate::state::AppState;

/// Starts the loop (once) and every cluster it can reach; tells the UI when a pass changed the cache.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let Ok(store) = state.cache_shared().cloned() else {
        return;
    };
    let live = state
        .live
        .get_or_init(|| {
            Arc::new(SyncLoop::new(
                store.clone(),
                Arc::new(|| SystemClock.now()),
                LoopConfig::default(),
            ))
        })
        .clone();
    let mut passes = live.subscribe();
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            match passes.recv().await {
                // A pass that wrote is heard from the cache's feed; one that failed changed
                // only what the pages show of the cluster's reachability.
                Ok(pass) if pass.outcome.is_err() => {
                    let _ = handle.emit(CACHE_CHANGED, ());
                }
                Ok(_) => {}
                Err(RecvError::Lagged(_)) => {
                    let _ = handle.emit(CACHE_CHANGED, ());
                }
                Err(RecvError::Closed) => break,
            }
        }
    });
    let clusters = store
        .lock()
        .map(|s| s.clusters().unwrap_or_default())
        .unwrap_or_default();
    for c in clusters.iter().filter(|c| !c.sandbox && c.imported_from.is_none()) {
        follow(&state, c.id);
    }
}

/// (Re)starts the loop of one added cluster, if its password is at hand this session.
pub fn follow(state: &AppState, cluster: ClusterId) {
    let (Some(live), Some(book)) = (state.live.get(), state.book.as_ref()) else {
        return;
    };
    match book.connect_options(cluster) {
        Ok(opts) => live.start(cluster, opts),
        Err(e) => tracing::info!(cluster = cluster.0, reason = %e, "not synced this session"),
    }
}

pub async fn forget(state: &AppState, cluster: ClusterId) {
    if let Some(live) = state.live.get() {
        live.stop(cluster).await;
    }
}
