//! The scheduler: runs each enabled strategy's data backups at their slots.
//!
//! One loop over all strategies. Each pass reads the strategies from the
//! cache, and for each enabled one:
//! - slots after its anchor (the later of its last edit and its latest
//!   recorded slot) that are due: the latest runs if it is within the grace
//!   (a slot missed while the desk was closed runs once), every other one is
//!   recorded as missed, visible and not run;
//! - a slot is claimed in the cache before it is launched; a slot claimed once
//!   is never claimed again, by this or any other scheduler, after a restart too;
//! - a failed launch is recorded on its slot and retried with exponential
//!   backoff while the slot is within the grace: one row per slot, however
//!   many attempts.
//!
//! Paused strategies run nothing. Time comes from an injected [`Clock`], so
//! tests run it on paused time.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use desk_model::schedule::{next_runs, ScheduledRun, PREVIEW_RUNS};
use desk_model::{BackupMethod, ClusterId, ObName, Strategy, StrategyId, StrategyRecord, UtcMicros};
use desk_store::{Store, StoreError};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

pub use crate::clock::{Clock, RuntimeClock, SystemClock};

/// A slot whose backup should start now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueRun {
    pub strategy_id: StrategyId,
    pub cluster_id: ClusterId,
    /// The tenant of a tenant-level strategy; `None`: every user tenant of the cluster.
    pub ob_tenant_id: Option<i64>,
    pub tenant_name: Option<ObName>,
    pub slot_at: UtcMicros,
    pub method: BackupMethod,
    /// 1 for the first attempt.
    pub attempt: u32,
}

/// A backup the cluster accepted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LaunchedRun {
    /// OceanBase's JOB_ID, when known.
    pub ob_job_id: Option<i64>,
}

/// Why a launch failed: a stable code and a message (redacted before it is stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchFailure {
    pub code: String,
    pub message: desk_model::Words,
}

/// Starts the backup of a due slot (the lead's backup operation; a fake in tests).
#[async_trait]
pub trait Launcher: Send + Sync {
    async fn launch(&self, run: &DueRun) -> Result<LaunchedRun, LaunchFailure>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchedulerConfig {
    /// How late a slot may still run: a slot missed while the desk was closed,
    /// and the retries of a failed one, only within this much after the slot.
    pub grace: Duration,
    /// The wait before the first retry; doubled for each further one.
    pub first_retry: Duration,
    pub max_retry: Duration,
    /// The longest sleep between passes, so a suspended machine or a
    /// clock change is noticed.
    pub max_sleep: Duration,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        Self {
            grace: Duration::from_secs(3600),
            first_retry: Duration::from_secs(60),
            max_retry: Duration::from_secs(15 * 60),
            max_sleep: Duration::from_secs(5 * 60),
        }
    }
}

impl SchedulerConfig {
    /// The wait after the `attempts`-th failure.
    fn backoff(&self, attempts: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(20));
        self.first_retry.saturating_mul(factor).min(self.max_retry)
    }
}

/// The next runs the strategy form shows.
pub fn preview(strategy: &Strategy, now: UtcMicros) -> Vec<ScheduledRun> {
    next_runs(&strategy.schedule, now, PREVIEW_RUNS)
}

fn micros(d: Duration) -> i64 {
    i64::try_from(d.as_micros()).unwrap_or(i64::MAX)
}

/// A running scheduler; [`Scheduler::stop`] ends it.
pub struct Scheduler {
    wake: Arc<Notify>,
    task: JoinHandle<()>,
}

impl Scheduler {
    pub fn start(
        store: Arc<Mutex<Store>>,
        clock: Arc<dyn Clock>,
        launcher: Arc<dyn Launcher>,
        config: SchedulerConfig,
    ) -> Scheduler {
        let wake = Arc::new(Notify::new());
        let pass = Pass {
            store,
            clock,
            launcher,
            config,
        };
        let task = tokio::spawn(run(pass, Arc::clone(&wake)));
        Scheduler { wake, task }
    }

    /// Re-reads the strategies now: call after a strategy is added, edited,
    /// paused, enabled or deleted.
    pub fn reschedule(&self) {
        self.wake.notify_one();
    }

    /// What [`Scheduler::reschedule`] notifies, for a task that outlives a borrow.
    pub fn waker(&self) -> Arc<Notify> {
        Arc::clone(&self.wake)
    }

    /// Stops the loop. A launch in flight is abandoned; its slot stays
    /// claimed and is never run again.
    pub async fn stop(self) {
        self.task.abort();
        let _ = self.task.await;
    }
}

async fn run(pass: Pass, wake: Arc<Notify>) {
    loop {
        let next = pass.once().await;
        let now = pass.clock.now();
        let wait = Duration::from_micros(u64::try_from((next.0 - now.0).max(0)).unwrap_or(0))
            .clamp(Duration::from_millis(1), pass.config.max_sleep);
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = wake.notified() => {}
        }
    }
}

struct Pass {
    store: Arc<Mutex<Store>>,
    clock: Arc<dyn Clock>,
    launcher: Arc<dyn Launcher>,
    config: SchedulerConfig,
}

impl Pass {
    /// The store is locked only between awaits, never across a launch.
    fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut store)
    }

    /// One pass over every strategy; returns when the next one is needed.
    async fn once(&self) -> UtcMicros {
        let now = self.clock.now();
        let mut wake = UtcMicros(now.0 + micros(self.config.max_sleep));
        let records = match self.with_store(|s| s.strategies(None)) {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(error = %e, "scheduler: strategies unreadable");
                return wake;
            }
        };
        for record in records.iter().filter(|r| !r.strategy.paused) {
            match self.strategy_pass(record, now).await {
                Ok(next) => wake = wake.min(next),
                Err(e) => tracing::warn!(strategy = record.id.0, error = %e, "scheduler pass failed"),
            }
        }
        wake
    }

    async fn strategy_pass(&self, record: &StrategyRecord, now: UtcMicros) -> Result<UtcMicros, StoreError> {
        let id = record.id;
        let grace = micros(self.config.grace);
        let mut wake = UtcMicros(i64::MAX);

        let latest = self.with_store(|s| s.latest_slot(id))?;
        let anchor = latest.map_or(record.updated_at, |l| l.max(record.updated_at));
        let (due, next) = due_slots(&record.strategy, anchor, now);
        if let Some(next) = next {
            wake = wake.min(next.at);
        }
        if let Some((last, older)) = due.split_last() {
            for slot in older {
                self.with_store(|s| s.record_slot_missed(id, slot.at, slot.method, now))?;
            }
            if now.0 - last.at.0 <= grace {
                if self.with_store(|s| s.claim_slot(id, last.at, last.method, now))? {
                    if let Some(retry_at) = self.launch(record, *last, 1).await? {
                        wake = wake.min(retry_at);
                    }
                }
            } else {
                self.with_store(|s| s.record_slot_missed(id, last.at, last.method, now))?;
            }
        }

        let failed = self.with_store(|s| s.failed_slots(id, UtcMicros(now.0 - grace)))?;
        for slot in failed {
            let retry_at = UtcMicros(slot.updated_at.0 + micros(self.config.backoff(slot.attempts)));
            if retry_at.0 > slot.slot_at.0 + grace {
                continue; // given up: the failure stays on its slot
            }
            if retry_at > now {
                wake = wake.min(retry_at);
                continue;
            }
            if self.with_store(|s| s.retry_slot(id, slot.slot_at, self.clock.now()))? {
                let run = ScheduledRun {
                    at: slot.slot_at,
                    method: slot.method,
                };
                if let Some(retry_at) = self.launch(record, run, slot.attempts + 1).await? {
                    wake = wake.min(retry_at);
                }
            }
        }
        Ok(wake)
    }

    /// Launches a claimed slot and records the outcome; after a failure,
    /// returns when to retry, if that is still within the slot's grace.
    async fn launch(
        &self,
        record: &StrategyRecord,
        slot: ScheduledRun,
        attempt: u32,
    ) -> Result<Option<UtcMicros>, StoreError> {
        let s = &record.strategy;
        let due = DueRun {
            strategy_id: record.id,
            cluster_id: s.cluster_id,
            ob_tenant_id: s.scope.ob_tenant_id(),
            tenant_name: s.scope.tenant_name().cloned(),
            slot_at: slot.at,
            method: slot.method,
            attempt,
        };
        let outcome = self.launcher.launch(&due).await;
        let now = self.clock.now();
        match outcome {
            Ok(launched) => {
                self.with_store(|st| st.record_slot_launched(record.id, slot.at, launched.ob_job_id, now))?;
                Ok(None)
            }
            Err(failure) => {
                tracing::warn!(strategy = record.id.0, slot = slot.at.0, attempt, code = %failure.code, "scheduled backup failed");
                self.with_store(|st| st.record_slot_failed(record.id, slot.at, &failure.code, &failure.message, now))?;
                let retry_at = UtcMicros(now.0 + micros(self.config.backoff(attempt)));
                Ok((retry_at.0 <= slot.at.0 + micros(self.config.grace)).then_some(retry_at))
            }
        }
    }
}

/// Slots in `(anchor, now]`, oldest first, and the first one after `now`.
fn due_slots(strategy: &Strategy, anchor: UtcMicros, now: UtcMicros) -> (Vec<ScheduledRun>, Option<ScheduledRun>) {
    let mut due = Vec::new();
    let mut cursor = anchor;
    loop {
        let runs = next_runs(&strategy.schedule, cursor, 64);
        let Some(last) = runs.last().copied() else {
            return (due, None);
        };
        for r in runs {
            if r.at > now {
                return (due, Some(r));
            }
            due.push(r);
        }
        cursor = last.at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let c = SchedulerConfig::default();
        let waits: Vec<u64> = (1..=6).map(|a| c.backoff(a).as_secs()).collect();
        assert_eq!(waits, [60, 120, 240, 480, 900, 900]);
        assert_eq!(c.backoff(u32::MAX), c.max_retry);
    }
}
