//! WAL checkpoints on a thread of their own, once the writer is quiet.
//!
//! A checkpoint copies the WAL's pages back into the cache file and syncs it.
//! Left to SQLite's auto-checkpoint it runs inside whichever commit crosses the
//! threshold, and the writer is the one lock every sync pass waits on: a first
//! sync of a large fleet spent a sixth of its writing time there. Here a second
//! connection checkpoints (PASSIVE: it never blocks the writer or a reader), so
//! commits only append to the WAL.
//!
//! It waits until no pass has been written for [`QUIET`]. While a fleet's first
//! sync is being written, a checkpoint could not restart the WAL anyway (the
//! writer is always a commit ahead), and it would copy pages that the next
//! passes rewrite (a B-tree's inner pages change with every pass): each is
//! copied once, after the burst, instead of once per pass, and the sync is not
//! slowed by a thread competing for the same cores and disk (about 6% of
//! the 20-cluster full sync's time). [`WAL_CAP`] bounds the WAL should the writer
//! never pause: past it, a checkpoint runs between passes. Once a checkpoint
//! has copied all of it, the WAL restarts from its beginning, so it does not
//! grow while the desk runs.
//!
//! The thread runs at idle priority: a checkpoint can wait, the writer cannot.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::open::beside;

/// How long the writer stays quiet (no pass written) before a checkpoint.
const QUIET: Duration = Duration::from_secs(1);
/// How often the thread checkpoints when nothing nudges it (writes that do
/// not nudge: strategies, the journal, settings).
const EVERY: Duration = Duration::from_secs(2);
/// The WAL's size past which a checkpoint runs even while passes keep coming
/// (a first sync of 20 clusters x a year leaves about 140 MiB).
const WAL_CAP: u64 = 1 << 30;

pub(crate) struct Checkpointer {
    nudge: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts the thread on its own connection to the file at `path`.
    pub(crate) fn start(path: &Path) -> Result<Checkpointer, rusqlite::Error> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // The sync that matters is the checkpoint's own: as the writer's.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let wal = beside(path, "-wal");
        let (nudge, nudged) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("cache-checkpoint".into())
            .spawn(move || {
                background_priority();
                let checkpoint = || {
                    if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
                        tracing::warn!(error = %e, "cache checkpoint failed; the next one retries");
                    }
                };
                // When the last pass was written, while one has not been checkpointed.
                let mut written: Option<Instant> = None;
                loop {
                    let wait = written.map_or(EVERY, |at| QUIET.saturating_sub(at.elapsed()));
                    match nudged.recv_timeout(wait) {
                        Ok(()) => {
                            written = Some(Instant::now());
                            if std::fs::metadata(&wal).is_ok_and(|m| m.len() > WAL_CAP) {
                                checkpoint();
                                written = None;
                            }
                        }
                        Err(RecvTimeoutError::Timeout) => {
                            checkpoint();
                            written = None;
                        }
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
            })
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        Ok(Checkpointer {
            nudge: Some(nudge),
            thread: Some(thread),
        })
    }

    /// Tells the thread a pass was written: it checkpoints once passes stop
    /// coming for [`QUIET`]. Never waits.
    pub(crate) fn nudge(&self) {
        if let Some(n) = &self.nudge {
            let _ = n.send(());
        }
    }
}

/// Puts the calling thread in the idle scheduling class (Linux: no privilege
/// needed to lower one's own priority). Elsewhere the thread keeps the default.
fn background_priority() {
    #[cfg(target_os = "linux")]
    {
        let param = libc::sched_param { sched_priority: 0 };
        // SAFETY: pid 0 is the calling thread; `param` is a valid sched_param for SCHED_IDLE.
        let rc = unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) };
        if rc != 0 {
            tracing::debug!(error = %std::io::Error::last_os_error(), "cache checkpoints keep the default priority");
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop.
        self.nudge.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    /// Writes a few hundred KiB in one transaction and tells the thread, as a sync pass does.
    fn write_a_pass(store: &mut Store, pass: i64) {
        let tx = store.conn.transaction().unwrap();
        for n in 0..2_000 {
            tx.execute(
                "INSERT INTO clusters (name, host, port) VALUES (?1, 'h', 1)",
                [format!("pass-{pass}-cluster-{n}-{}", "x".repeat(100))],
            )
            .unwrap();
        }
        tx.commit().unwrap();
        store.checkpoint_soon();
    }

    fn file_len(path: &Path) -> u64 {
        std::fs::metadata(path).unwrap().len()
    }

    /// The cache file only grows when WAL pages are copied into it.
    #[test]
    fn passes_in_a_burst_are_checkpointed_once_the_writer_is_quiet() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite3");
        let (mut store, _) = Store::open(&path).unwrap();
        let before = file_len(&path);

        let burst = Instant::now();
        let mut pass = 0;
        while burst.elapsed() < QUIET * 2 {
            write_a_pass(&mut store, pass);
            pass += 1;
            std::thread::sleep(QUIET / 10);
        }
        assert_eq!(
            file_len(&path),
            before,
            "no checkpoint while passes keep coming ({pass} passes)"
        );
        assert!(file_len(&beside(&path, "-wal")) > 1 << 20, "the passes are in the WAL");

        let quiet = Instant::now();
        while file_len(&path) == before {
            assert!(
                quiet.elapsed() < Duration::from_secs(30),
                "no checkpoint after the burst"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(
            quiet.elapsed() >= QUIET / 2,
            "the checkpoint waited for the writer to be quiet"
        );
    }
}
