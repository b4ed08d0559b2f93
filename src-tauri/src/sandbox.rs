//! Starts and stops the built-in sandbox as the setting says, and tells the
//! UI to re-read the cache when it changed: on start and stop, and whenever a
//! pass of the sandbox's sync loop changed the cache.

use std::sync::Arc;

use desk_engine::{Clock, LoopConfig, Sandbox, SystemClock, FLEET};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::state::AppState;

/// The event the UI listens to: the cache changed, re-read what is shown.
pub const CACHE_CHANGED: &str = "cache-changed";

/// Brings the sandbox to `enabled`: starts the fleet and syncs it, or stops
/// it and removes its clusters from the cache.
pub async fn apply<R: Runtime>(app: AppHandle<R>, enabled: bool) {
    let state = app.state::<AppState>();
    let Ok(cache) = state.cache_shared().cloned() else {
        tracing::warn!("no cache: the sandbox stays off");
        return;
    };
    let mut slot = state.sandbox.lock().await;
    if enabled && slot.is_none() {
        match Sandbox::start(
            FLEET,
            cache.clone(),
            Arc::new(|| SystemClock.now()),
            LoopConfig::default(),
        )
        .await
        {
            Ok(sandbox) => {
                for (name, addr) in sandbox.addresses() {
                    tracing::info!(cluster = name, %addr, "sandbox cluster listening");
                }
                if let Some(book) = &state.book {
                    book.set_sandbox(sandbox.addresses().into_iter().map(|(n, a)| (n.to_owned(), a)));
                }
                *slot = Some(sandbox);
            }
            Err(e) => tracing::error!(error = %e, "the sandbox did not start"),
        }
    } else if !enabled {
        if let Some(sandbox) = slot.take() {
            sandbox.stop().await;
        }
        if let Some(book) = &state.book {
            book.set_sandbox([]);
        }
        let removed = cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove_sandbox_clusters();
        if let Err(e) = removed {
            tracing::warn!(error = %e, "could not remove the sandbox clusters from the cache");
        }
    }
    drop(slot);
    if let Err(e) = app.emit(CACHE_CHANGED, ()) {
        tracing::warn!(error = %e, "could not tell the UI the cache changed");
    }
}

/// What the sandbox's fault tools can do to one of its clusters, so offline
/// mode, a failed recovery or a stuck backup can be tried without a real outage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum SandboxFault {
    /// The cluster stops answering (connections closed, new ones refused).
    TakeOffline,
    /// It answers again; the desk's sync loop finds it by itself.
    BringOnline,
    /// The next recovery on it fails, leaving its tenant and pool behind.
    FailNextRestore,
    /// The next data backup on it runs until canceled.
    HangNextBackup,
}

/// Applies a sandbox fault. Only sandbox clusters have them.
#[tauri::command]
pub async fn sandbox_fault<R: Runtime>(
    app: AppHandle<R>,
    state: tauri::State<'_, AppState>,
    cluster: desk_model::ClusterId,
    fault: SandboxFault,
) -> Result<(), crate::IpcError> {
    use crate::error::IpcError;
    use desk_engine::SandboxFault as Emulated;

    let record = state.store()?.cluster(cluster)?;
    let not_sandbox = || {
        IpcError::invalid("cluster", {
            let name = &record.name;
            desk_model::words!(
                "cluster: {name} is not a running sandbox cluster; faults exist only in the sandbox",
                "cluster：{name} 不是运行中的沙箱集群；故障只能在沙箱中模拟"
            )
        })
    };
    if !record.sandbox {
        return Err(not_sandbox());
    }
    let slot = state.sandbox.lock().await;
    let sandbox = slot.as_ref().ok_or_else(not_sandbox)?;
    let emulator = sandbox.emulator(&record.name).ok_or_else(not_sandbox)?;
    emulator.inject(match fault {
        SandboxFault::TakeOffline => Emulated::Unreachable,
        SandboxFault::BringOnline => Emulated::Reachable,
        SandboxFault::FailNextRestore => Emulated::RestoreFails {
            comment: "(ret=-4018) sandbox fault: the restore could not find the backup set it needs".into(),
        },
        SandboxFault::HangNextBackup => Emulated::BackupHangs,
    });
    tracing::info!(cluster = %record.name, ?fault, "sandbox fault");
    if fault == SandboxFault::TakeOffline {
        // Seen at once rather than at the next scheduled pass; coming back is left to the loop's own retries.
        sandbox.sync_loop().sync_now(cluster);
    }
    drop(slot);
    let _ = app.emit(CACHE_CHANGED, ());
    Ok(())
}
