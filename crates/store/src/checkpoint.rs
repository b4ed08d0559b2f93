//! WAL checkpoints on a thread of their own.
//!
//! A checkpoint copies the WAL's pages back into the cache file and syncs it.
//! Left to SQLite's auto-checkpoint it runs inside whichever commit crosses the
//! threshold, and the writer is the one lock every sync pass waits on: a first
//! sync of a large fleet spent a sixth of its writing time there. Here a second
//! connection checkpoints (PASSIVE: it never blocks the writer or a reader)
//! when a pass has been written and every few seconds otherwise, so commits
//! only append to the WAL. The WAL restarts from its beginning once a
//! checkpoint has copied all of it, so it does not grow while the desk runs.
//!
//! The thread runs at idle priority: a checkpoint can wait, the writer cannot
//! (every sync pass queues behind it). On a busy machine, a first sync of a
//! fleet has the writer, the readers and this thread wanting the same cores;
//! this one then runs in the gaps, and catches up once the sync is written.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

/// How often the thread checkpoints when nothing nudges it.
const EVERY: Duration = Duration::from_secs(2);

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
        let (nudge, nudged) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("cache-checkpoint".into())
            .spawn(move || {
                background_priority();
                loop {
                    match nudged.recv_timeout(EVERY) {
                        Ok(()) | Err(RecvTimeoutError::Timeout) => {
                            // Several nudges while one checkpoint ran need one more, not several.
                            while nudged.try_recv().is_ok() {}
                            if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
                                tracing::warn!(error = %e, "cache checkpoint failed; the next one retries");
                            }
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

    /// Asks for a checkpoint soon (after a large write); never waits.
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
