//! The cache's change feed: a count that grows each time a write to the cache
//! commits, for whoever shows the cache (the app's pages) to refresh once per burst
//! instead of every writer announcing its own writes.

use std::sync::Arc;

use rusqlite::Connection;
use tokio::sync::watch;

/// The sending side, kept by the store; receivers come from [`crate::Store::changes`].
#[derive(Clone)]
pub(crate) struct Feed(Arc<watch::Sender<u64>>);

impl Feed {
    pub(crate) fn new() -> Self {
        Feed(Arc::new(watch::channel(0).0))
    }

    /// Counts every commit of `conn` (read-only transactions do not commit).
    pub(crate) fn watch(&self, conn: &Connection) {
        let feed = self.0.clone();
        let hooked = conn.commit_hook(Some(move || {
            feed.send_modify(|n| *n = n.wrapping_add(1));
            // false: let the commit go ahead.
            false
        }));
        if let Err(e) = hooked {
            tracing::warn!(error = %e, "the cache's change feed is off: pages refresh only when asked");
        }
    }

    pub(crate) fn subscribe(&self) -> watch::Receiver<u64> {
        self.0.subscribe()
    }

    pub(crate) fn announcer(&self) -> Announcer {
        Announcer(self.0.clone())
    }
}

/// Counts a change the store did not commit itself (another process's write).
#[derive(Clone)]
pub struct Announcer(Arc<watch::Sender<u64>>);

impl Announcer {
    pub fn announce(&self) {
        self.0.send_modify(|n| *n = n.wrapping_add(1));
    }
}
