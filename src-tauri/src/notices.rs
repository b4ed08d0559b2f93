//! Desktop notices: after every cache change (a sync pass, an action) and on
//! a timer (thresholds trip as time passes), asks the engine's watch what is
//! news and shows it on the desktop and, as a toast, in the window.

use std::sync::Arc;
use std::time::Duration;

use desk_engine::{Clock, NoticeWatch, SystemClock};
use desk_model::notices::Notice;
use desk_model::Settings;
use tauri::{AppHandle, Emitter, Listener, Manager, Runtime};
use tauri_plugin_notification::NotificationExt;

use crate::cache_feed::CACHE_CHANGED;
use crate::settings;
use crate::state::AppState;

/// The event carrying a [`Notice`] to the window.
pub const NOTICE: &str = "notice";

/// Time-based thresholds (a backup running too long) trip between syncs too.
const TICK: Duration = Duration::from_secs(30);

pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let Ok(store) = state.cache_shared().cloned() else {
        return;
    };
    let wake = Arc::new(tokio::sync::Notify::new());
    {
        let wake = wake.clone();
        app.listen_any(CACHE_CHANGED, move |_| wake.notify_one());
    }
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        let started = store.lock().map_err(|_| ()).and_then(|s| {
            NoticeWatch::start(&s, SystemClock.now()).map_err(|e| tracing::warn!(error = %e, "notices off"))
        });
        let Ok(mut watch) = started else {
            return;
        };
        loop {
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(TICK) => {}
            }
            let state = handle.state::<AppState>();
            let chosen =
                settings::load(&handle, &state).unwrap_or_else(|_| Settings::defaults(state.system_zone.as_deref()));
            let news = match store.lock() {
                Ok(s) => watch.poll(&s, SystemClock.now(), chosen.language, &chosen.notices),
                Err(_) => return,
            };
            match news {
                Ok(news) => news.iter().for_each(|n| show(&handle, n)),
                Err(e) => tracing::warn!(error = %e, "notices: reading the cache failed"),
            }
        }
    });
}

fn show<R: Runtime>(app: &AppHandle<R>, n: &Notice) {
    tracing::info!(kind = ?n.kind, title = %n.title, "notice");
    if let Err(e) = app.emit(NOTICE, n) {
        tracing::warn!(error = %e, "notice not sent to the window");
    }
    // A desktop without a notification service still gets the in-window toast.
    if let Err(e) = app.notification().builder().title(&n.title).body(&n.body).show() {
        tracing::info!(error = %e, "no desktop notification service");
    }
}
