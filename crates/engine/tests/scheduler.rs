//! The scheduler on paused time: when backups start, what is caught up after
//! the desk was closed, and what a failing cluster costs.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use chrono::NaiveDateTime;
use desk_engine::{Clock, DueRun, LaunchFailure, LaunchedRun, Launcher, RuntimeClock, Scheduler, SchedulerConfig};
use desk_model::strategy::{AlertThresholds, LogBackup, Schedule};
use desk_model::{
    BackupMethod, CycleMode, DayPlan, SlotState, StorageKind, StorageSpec, Strategy, StrategyId, StrategyScope,
    TimeOfDay, UtcMicros,
};
use desk_store::{NewCluster, Store};

fn utc(text: &str) -> UtcMicros {
    UtcMicros(
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
            .timestamp_micros(),
    )
}

fn shown(t: UtcMicros) -> String {
    chrono::DateTime::from_timestamp_micros(t.0)
        .unwrap()
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Every day at `time` in `zone`, Full.
fn daily(time: &str, zone: &str) -> Strategy {
    Strategy {
        cluster_id: desk_model::ClusterId(0),
        scope: StrategyScope::Cluster,
        storage: Some(StorageSpec {
            kind: StorageKind::File,
            path: "/backup".into(),
            host: None,
            region: None,
            app_id: None,
            access_id: None,
            secret_ref: None,
        }),
        schedule: Schedule {
            mode: CycleMode::Week,
            days: (1..=7)
                .map(|day| DayPlan {
                    day,
                    method: BackupMethod::Full,
                })
                .collect(),
            time_of_day: TimeOfDay::parse(time).unwrap(),
            time_zone: zone.into(),
        },
        log_backup: LogBackup {
            enabled: true,
            piece_switch_days: 1,
        },
        retention_days: 7,
        alerts: AlertThresholds::default(),
        paused: false,
    }
}

/// A cache file with one cluster and `strategy` on it, created at `at`.
fn cache(path: &Path, mut strategy: Strategy, at: UtcMicros) -> (Arc<Mutex<Store>>, StrategyId) {
    let (mut store, _) = Store::open(path).unwrap();
    let cluster = store
        .upsert_cluster(&NewCluster {
            name: "hz".into(),
            host: "127.0.0.1".into(),
            port: 2881,
            sandbox: false,
        })
        .unwrap();
    strategy.cluster_id = cluster;
    let id = store.create_strategy(&strategy, at).unwrap();
    (Arc::new(Mutex::new(store)), id)
}

/// Another connection to the same cache file: another desk process.
fn reopen(path: &Path) -> Arc<Mutex<Store>> {
    Arc::new(Mutex::new(Store::open(path).unwrap().0))
}

/// Records every launch; fails the first `failures` of them (all when `None`).
struct FakeLauncher {
    clock: Arc<dyn Clock>,
    failures: Option<usize>,
    calls: Mutex<Vec<(DueRun, UtcMicros)>>,
}

impl FakeLauncher {
    fn new(clock: Arc<dyn Clock>, failures: Option<usize>) -> Arc<Self> {
        Arc::new(Self {
            clock,
            failures,
            calls: Mutex::new(Vec::new()),
        })
    }

    fn calls(&self) -> Vec<(DueRun, UtcMicros)> {
        self.calls.lock().unwrap().clone()
    }

    /// (slot, launched at) as `YYYY-MM-DD HH:MM` UTC.
    fn shown(&self) -> Vec<(String, String)> {
        self.calls()
            .iter()
            .map(|(run, at)| (shown(run.slot_at), shown(*at)))
            .collect()
    }
}

#[async_trait]
impl Launcher for FakeLauncher {
    async fn launch(&self, run: &DueRun) -> Result<LaunchedRun, LaunchFailure> {
        let mut calls = self.calls.lock().unwrap();
        calls.push((run.clone(), self.clock.now()));
        if self.failures.is_none_or(|n| calls.len() <= n) {
            return Err(LaunchFailure {
                code: "NOT_ALLOWED_NOW".into(),
                message: desk_model::Words::verbatim("backup can not start, because log archive is not doing"),
            });
        }
        Ok(LaunchedRun {
            ob_job_id: Some(calls.len() as i64),
        })
    }
}

fn start(store: &Arc<Mutex<Store>>, clock: &Arc<dyn Clock>, launcher: &Arc<FakeLauncher>) -> Scheduler {
    Scheduler::start(
        Arc::clone(store),
        Arc::clone(clock),
        launcher.clone(),
        // Longer than the default so months of paused time pass in few
        // passes; edits are picked up by `reschedule`, as in the app.
        SchedulerConfig {
            max_sleep: Duration::from_secs(3600),
            ..SchedulerConfig::default()
        },
    )
}

async fn sleep_until(clock: &Arc<dyn Clock>, t: UtcMicros) {
    let now = clock.now();
    assert!(t >= now, "the test moves forward only");
    tokio::time::sleep(Duration::from_micros((t.0 - now.0) as u64)).await;
}

fn slots(store: &Arc<Mutex<Store>>, id: StrategyId) -> Vec<(String, SlotState, u32)> {
    let mut runs = store.lock().unwrap().slot_runs(id, 100).unwrap();
    runs.reverse();
    runs.iter().map(|r| (shown(r.slot_at), r.state, r.attempts)).collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[tokio::test(start_paused = true)]
async fn runs_start_at_their_local_time_across_both_berlin_transitions() {
    let dir = tempfile::tempdir().unwrap();
    let begin = utc("2026-03-27 12:00");
    let clock: Arc<dyn Clock> = Arc::new(RuntimeClock::starting_at(begin));
    let (store, id) = cache(&dir.path().join("c.db"), daily("02:30", "Europe/Berlin"), begin);
    let launcher = FakeLauncher::new(clock.clone(), Some(0));
    let scheduler = start(&store, &clock, &launcher);

    sleep_until(&clock, utc("2026-03-30 12:00")).await;
    assert_eq!(
        launcher.shown(),
        pairs(&[
            ("2026-03-28 01:30", "2026-03-28 01:30"), // 02:30 CET
            ("2026-03-29 01:00", "2026-03-29 01:00"), // 02:30 does not exist: 03:00 CEST
            ("2026-03-30 00:30", "2026-03-30 00:30"), // 02:30 CEST
        ])
    );
    assert!(launcher
        .calls()
        .iter()
        .all(|(run, at)| at.0 - run.slot_at.0 < 1_000_000));

    // Fall back: 02:30 happens twice on 2026-10-25; the run happens once, at the first.
    sleep_until(&clock, utc("2026-10-24 12:00")).await;
    let before = launcher.calls().len();
    sleep_until(&clock, utc("2026-10-26 12:00")).await;
    let autumn: Vec<String> = launcher.shown()[before..]
        .iter()
        .map(|(slot, _)| slot.clone())
        .collect();
    assert_eq!(autumn, ["2026-10-25 00:30", "2026-10-26 01:30"]);
    assert!(slots(&store, id)
        .iter()
        .all(|(_, state, attempts)| *state == SlotState::Launched && *attempts == 1));
    scheduler.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_slot_missed_while_closed_runs_once_within_the_grace() {
    let dir = tempfile::tempdir().unwrap();
    let created = utc("2026-11-20 00:00");
    let (store, id) = cache(&dir.path().join("c.db"), daily("02:00", "UTC"), created);
    // The desk was closed from creation until 02:30 on the 22nd.
    let clock: Arc<dyn Clock> = Arc::new(RuntimeClock::starting_at(utc("2026-11-22 02:30")));
    let launcher = FakeLauncher::new(clock.clone(), Some(0));
    let scheduler = start(&store, &clock, &launcher);

    sleep_until(&clock, utc("2026-11-22 03:30")).await;
    assert_eq!(launcher.shown(), pairs(&[("2026-11-22 02:00", "2026-11-22 02:30")]));
    assert_eq!(
        slots(&store, id),
        [
            ("2026-11-20 02:00".into(), SlotState::Missed, 0),
            ("2026-11-21 02:00".into(), SlotState::Missed, 0),
            ("2026-11-22 02:00".into(), SlotState::Launched, 1),
        ]
    );
    scheduler.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_slot_missed_beyond_the_grace_is_recorded_and_not_run() {
    let dir = tempfile::tempdir().unwrap();
    let created = utc("2026-11-21 12:00");
    let (store, id) = cache(&dir.path().join("c.db"), daily("02:00", "UTC"), created);
    let clock: Arc<dyn Clock> = Arc::new(RuntimeClock::starting_at(utc("2026-11-22 03:01")));
    let launcher = FakeLauncher::new(clock.clone(), Some(0));
    let scheduler = start(&store, &clock, &launcher);

    sleep_until(&clock, utc("2026-11-23 01:59")).await;
    assert!(launcher.calls().is_empty());
    assert_eq!(slots(&store, id), [("2026-11-22 02:00".into(), SlotState::Missed, 0)]);
    // The next slot runs on time.
    sleep_until(&clock, utc("2026-11-23 03:00")).await;
    assert_eq!(launcher.shown(), pairs(&[("2026-11-23 02:00", "2026-11-23 02:00")]));
    scheduler.stop().await;
}

#[tokio::test(start_paused = true)]
async fn two_schedulers_and_a_restart_never_run_a_slot_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let begin = utc("2026-11-22 01:00");
    let (store, id) = cache(&path, daily("02:00", "UTC"), begin);
    let clock: Arc<dyn Clock> = Arc::new(RuntimeClock::starting_at(begin));
    let launcher = FakeLauncher::new(clock.clone(), Some(0));
    // Two desks over one cache file, both awake at the slot.
    let a = start(&store, &clock, &launcher);
    let b = start(&reopen(&path), &clock, &launcher);
    sleep_until(&clock, utc("2026-11-22 02:10")).await;
    assert_eq!(launcher.calls().len(), 1);

    // Both stop; a restarted desk within the slot's grace does not run it again.
    a.stop().await;
    b.stop().await;
    sleep_until(&clock, utc("2026-11-22 02:20")).await;
    let c = start(&reopen(&path), &clock, &launcher);
    sleep_until(&clock, utc("2026-11-23 02:30")).await;
    assert_eq!(
        launcher.shown(),
        pairs(&[
            ("2026-11-22 02:00", "2026-11-22 02:00"),
            ("2026-11-23 02:00", "2026-11-23 02:00"),
        ])
    );
    assert_eq!(slots(&store, id).len(), 2);
    c.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_failing_cluster_costs_a_few_backed_off_attempts_per_slot_not_one_a_minute() {
    let dir = tempfile::tempdir().unwrap();
    let begin = utc("2026-11-22 01:00");
    let clock: Arc<dyn Clock> = Arc::new(RuntimeClock::starting_at(begin));
    let (store, id) = cache(&dir.path().join("c.db"), daily("02:00", "UTC"), begin);
    let launcher = FakeLauncher::new(clock.clone(), None);
    let scheduler = start(&store, &clock, &launcher);

    sleep_until(&clock, utc("2026-11-23 01:59")).await;
    let attempts: Vec<(String, u32)> = launcher
        .calls()
        .iter()
        .map(|(run, at)| (shown(*at)[11..].to_string(), run.attempt))
        .collect();
    // 1, 2, 4, 8 minutes, then every 15 (the cap), while within the hour's grace.
    let expected: Vec<(String, u32)> = ["02:00", "02:01", "02:03", "02:07", "02:15", "02:30", "02:45", "03:00"]
        .iter()
        .zip(1..)
        .map(|(t, n)| (t.to_string(), n))
        .collect();
    assert_eq!(attempts, expected);
    assert!(launcher
        .calls()
        .iter()
        .all(|(run, _)| shown(run.slot_at) == "2026-11-22 02:00"));
    assert_eq!(slots(&store, id), [("2026-11-22 02:00".into(), SlotState::Failed, 8)]);
    let run = &store.lock().unwrap().slot_runs(id, 1).unwrap()[0];
    assert_eq!(run.last_error_code.as_deref(), Some("NOT_ALLOWED_NOW"));

    // The next day's slot is a new row with its own attempts.
    sleep_until(&clock, utc("2026-11-23 12:00")).await;
    assert_eq!(launcher.calls().len(), 16);
    assert_eq!(slots(&store, id).len(), 2);
    scheduler.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_retry_that_succeeds_ends_the_slot_launched() {
    let dir = tempfile::tempdir().unwrap();
    let begin = utc("2026-11-22 01:00");
    let clock: Arc<dyn Clock> = Arc::new(RuntimeClock::starting_at(begin));
    let (store, id) = cache(&dir.path().join("c.db"), daily("02:00", "UTC"), begin);
    let launcher = FakeLauncher::new(clock.clone(), Some(2));
    let scheduler = start(&store, &clock, &launcher);

    sleep_until(&clock, utc("2026-11-22 04:00")).await;
    let at: Vec<String> = launcher
        .shown()
        .into_iter()
        .map(|(_, at)| at[11..].to_string())
        .collect();
    assert_eq!(at, ["02:00", "02:01", "02:03"]);
    assert_eq!(slots(&store, id), [("2026-11-22 02:00".into(), SlotState::Launched, 3)]);
    assert_eq!(store.lock().unwrap().slot_runs(id, 1).unwrap()[0].ob_job_id, Some(3));
    scheduler.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_paused_strategy_runs_nothing_and_is_not_caught_up_when_enabled() {
    let dir = tempfile::tempdir().unwrap();
    let begin = utc("2026-11-22 01:00");
    let clock: Arc<dyn Clock> = Arc::new(RuntimeClock::starting_at(begin));
    let (store, id) = cache(&dir.path().join("c.db"), daily("02:00", "UTC"), begin);
    let launcher = FakeLauncher::new(clock.clone(), Some(0));
    let scheduler = start(&store, &clock, &launcher);

    sleep_until(&clock, utc("2026-11-22 12:00")).await;
    assert_eq!(launcher.calls().len(), 1);
    store
        .lock()
        .unwrap()
        .set_strategy_paused(id, true, clock.now())
        .unwrap();
    scheduler.reschedule();

    sleep_until(&clock, utc("2026-11-23 02:30")).await;
    assert_eq!(launcher.calls().len(), 1, "paused through the 23rd's slot");
    store
        .lock()
        .unwrap()
        .set_strategy_paused(id, false, clock.now())
        .unwrap();
    scheduler.reschedule();

    sleep_until(&clock, utc("2026-11-24 03:00")).await;
    assert_eq!(
        launcher.shown(),
        pairs(&[
            ("2026-11-22 02:00", "2026-11-22 02:00"),
            ("2026-11-24 02:00", "2026-11-24 02:00"),
        ]),
        "the slot passed while paused is not caught up"
    );
    scheduler.stop().await;
}

#[tokio::test(start_paused = true)]
async fn editing_the_time_reschedules_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let begin = utc("2026-11-22 00:00");
    let clock: Arc<dyn Clock> = Arc::new(RuntimeClock::starting_at(begin));
    let (store, id) = cache(&dir.path().join("c.db"), daily("02:00", "UTC"), begin);
    let launcher = FakeLauncher::new(clock.clone(), Some(0));
    let scheduler = start(&store, &clock, &launcher);

    sleep_until(&clock, utc("2026-11-22 01:00")).await;
    let mut edited = store.lock().unwrap().strategy(id).unwrap().strategy;
    edited.schedule.time_of_day = TimeOfDay::parse("01:20").unwrap();
    edited.schedule.days[6].method = BackupMethod::Incremental; // Sunday the 22nd
    store.lock().unwrap().update_strategy(id, &edited, clock.now()).unwrap();
    scheduler.reschedule();

    sleep_until(&clock, utc("2026-11-23 00:00")).await;
    assert_eq!(launcher.shown(), pairs(&[("2026-11-22 01:20", "2026-11-22 01:20")]));
    assert_eq!(launcher.calls()[0].0.method, BackupMethod::Incremental);
    scheduler.stop().await;
}
