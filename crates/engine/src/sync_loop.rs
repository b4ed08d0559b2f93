//! The sync loop: one tokio task per connected cluster, each running [`sync_cluster`]
//! passes on an interval ([`LoopConfig::idle`], [`LoopConfig::busy`] while a backup or
//! restore runs there), backing off in fixed doubling steps while the cluster cannot
//! be reached. Every pass is announced on a broadcast channel; `changed` tells the
//! shell whether to emit `cache-changed`.
//!
//! The loop reads no clock of its own for what it writes: the caller's [`Clock`] gives
//! the `now` of each pass. Delays are tokio sleeps, so tests run them under paused time.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use desk_model::{ClusterId, UtcMicros, Words};
use desk_oceanbase::{ConnectOptions, ObErrorCode};
use desk_store::Store;
use tokio::sync::{broadcast, Notify};
use tokio::task::JoinHandle;

use crate::sync::{sync_cluster, SyncOutcome};

/// Where each pass's `now` comes from.
pub type Clock = Arc<dyn Fn() -> UtcMicros + Send + Sync>;

/// Intervals of the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoopConfig {
    /// Between passes of a quiet cluster.
    pub idle: Duration,
    /// Between passes while a backup or restore runs on the cluster.
    pub busy: Duration,
    /// After the first failed pass; doubled after each further failure ...
    pub backoff_first: Duration,
    /// ... up to this.
    pub backoff_max: Duration,
}

impl Default for LoopConfig {
    fn default() -> Self {
        Self {
            idle: Duration::from_secs(10),
            busy: Duration::from_secs(2),
            backoff_first: Duration::from_secs(5),
            backoff_max: Duration::from_secs(300),
        }
    }
}

impl LoopConfig {
    /// The wait after `failures` consecutive failed passes (1 = the first failure):
    /// `backoff_first * 2^(failures-1)`, capped at `backoff_max`. No jitter, so a
    /// test can assert each step.
    pub fn backoff(&self, failures: u32) -> Duration {
        let doublings = failures.saturating_sub(1).min(31);
        self.backoff_first
            .checked_mul(1u32 << doublings)
            .unwrap_or(self.backoff_max)
            .min(self.backoff_max)
    }
}

/// One finished pass, as announced to subscribers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassEvent {
    pub cluster: ClusterId,
    /// The pass's `now`.
    pub at: UtcMicros,
    /// The cache changed: rows were written, or the cluster's error state changed.
    pub changed: bool,
    pub outcome: Result<SyncOutcome, PassFailure>,
    /// The wait before the next pass (unless one is asked for sooner).
    pub next_in: Duration,
}

/// Why a pass failed (the connector's code and its redacted message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassFailure {
    pub code: ObErrorCode,
    pub message: Words,
    /// Consecutive failures, this one included.
    pub failures: u32,
}

struct Worker {
    wake: Arc<Notify>,
    task: JoinHandle<()>,
}

/// The running loops, one per cluster. Dropping it stops them all.
pub struct SyncLoop {
    store: Arc<Mutex<Store>>,
    clock: Clock,
    config: LoopConfig,
    events: broadcast::Sender<PassEvent>,
    workers: Mutex<HashMap<ClusterId, Worker>>,
}

impl SyncLoop {
    pub fn new(store: Arc<Mutex<Store>>, clock: Clock, config: LoopConfig) -> Self {
        let (events, _) = broadcast::channel(256);
        Self {
            store,
            clock,
            config,
            events,
            workers: Mutex::new(HashMap::new()),
        }
    }

    /// Every pass of every cluster from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<PassEvent> {
        self.events.subscribe()
    }

    /// Starts (or restarts, with new connection details) the loop of `cluster`; its
    /// first pass runs at once.
    pub fn start(&self, cluster: ClusterId, opts: ConnectOptions) {
        let wake = Arc::new(Notify::new());
        let task = tokio::spawn(run(
            cluster,
            opts,
            Arc::clone(&self.store),
            Arc::clone(&self.clock),
            self.config,
            self.events.clone(),
            Arc::clone(&wake),
        ));
        let old = self.workers().insert(cluster, Worker { wake, task });
        if let Some(old) = old {
            old.task.abort();
        }
    }

    /// Stops the loop of `cluster`; false if it had none. A pass in flight is
    /// dropped at its next network wait: its writes are one transaction, never half done.
    pub async fn stop(&self, cluster: ClusterId) -> bool {
        let worker = self.workers().remove(&cluster);
        match worker {
            Some(w) => {
                w.task.abort();
                let _ = w.task.await;
                true
            }
            None => false,
        }
    }

    pub async fn stop_all(&self) {
        let all: Vec<Worker> = self.workers().drain().map(|(_, w)| w).collect();
        for w in all {
            w.task.abort();
            let _ = w.task.await;
        }
    }

    /// Asks for a pass of `cluster` now (after the one in flight, if any); false if it has no loop.
    pub fn sync_now(&self, cluster: ClusterId) -> bool {
        match self.workers().get(&cluster) {
            Some(w) => {
                w.wake.notify_one();
                true
            }
            None => false,
        }
    }

    /// The clusters with a running loop.
    pub fn clusters(&self) -> Vec<ClusterId> {
        let mut ids: Vec<ClusterId> = self.workers().keys().copied().collect();
        ids.sort();
        ids
    }

    fn workers(&self) -> std::sync::MutexGuard<'_, HashMap<ClusterId, Worker>> {
        self.workers.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for SyncLoop {
    fn drop(&mut self) {
        for (_, w) in self.workers().drain() {
            w.task.abort();
        }
    }
}

async fn run(
    cluster: ClusterId,
    opts: ConnectOptions,
    store: Arc<Mutex<Store>>,
    clock: Clock,
    config: LoopConfig,
    events: broadcast::Sender<PassEvent>,
    wake: Arc<Notify>,
) {
    let mut failures: u32 = 0;
    let mut last_error: Option<String> = None;
    loop {
        let at = clock();
        let result = sync_cluster(&store, cluster, &opts, at).await;
        let (event, delay) = match result {
            Ok(outcome) => {
                let recovered = last_error.take().is_some();
                failures = 0;
                let delay = if outcome.running { config.busy } else { config.idle };
                let changed = outcome.changed > 0 || recovered;
                (
                    PassEvent {
                        cluster,
                        at,
                        changed,
                        outcome: Ok(outcome),
                        next_in: delay,
                    },
                    delay,
                )
            }
            Err(e) => {
                failures = failures.saturating_add(1);
                let delay = config.backoff(failures);
                // The recorded error changes the cache only when its text does.
                let changed = last_error.as_deref() != Some(e.message.en.as_str());
                last_error = Some(e.message.en.clone());
                (
                    PassEvent {
                        cluster,
                        at,
                        changed,
                        outcome: Err(PassFailure {
                            code: e.code,
                            message: e.message,
                            failures,
                        }),
                        next_in: delay,
                    },
                    delay,
                )
            }
        };
        // No subscriber is fine: the cache is written either way.
        let _ = events.send(event);
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = wake.notified() => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_first_step_and_stops_at_the_cap() {
        let c = LoopConfig::default();
        let steps: Vec<u64> = (1..=9).map(|n| c.backoff(n).as_secs()).collect();
        assert_eq!(steps, [5, 10, 20, 40, 80, 160, 300, 300, 300]);
        assert_eq!(c.backoff(u32::MAX), c.backoff_max);
    }
}
