//! The sync pass and loop against ob-emulator: what an administrator would see in the
//! cache after a backup runs, after the cluster purges history, while it is down, and
//! after it is back; and how many statements a pass costs the cluster.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use desk_engine::{
    sync_cluster, LoopClock, LoopConfig, PassEvent, SyncLoop, MAX_STATEMENTS_PER_PASS, VIEWS_READ_PER_PASS,
};
use desk_model::status::BackupJobStatus;
use desk_model::{ClusterId, ObName, UtcMicros};
use desk_oceanbase::sql::{self, BackupScope};
use desk_oceanbase::{ConnectOptions, ObErrorCode, Password, Session};
use desk_store::{NewCluster, Store};
use ob_emulator::{ClusterConfig, Emulator, Fault, HistorySeed, ManualClock, Release, TenantConfig};
use tokio::sync::broadcast;

/// 2026-11-20 00:00:00 UTC.
const START: i64 = 1_795_132_800_000_000;
const MINUTE: Duration = Duration::from_secs(60);

fn config() -> ClusterConfig {
    let tenant = |id: i64, name: &str| TenantConfig {
        tenant_id: id,
        name: name.into(),
        data_bytes: 2 << 30,
        archivelog: true,
        data_backup_dest: Some(format!(
            "oss://bucket/{name}/data?host=oss.example.com&access_id=AK1&access_key=SECRETKEY"
        )),
        log_archive_dest: Some(format!("file:///backup/{name}/archive")),
    };
    ClusterConfig {
        cluster_name: "emu-hz".into(),
        release: Release::V4_3_5_CE,
        time_zone: "+08:00".into(),
        password: String::new(),
        tenants: vec![tenant(1002, "trade"), tenant(1004, "billing")],
        zones: vec!["zone1".into()],
        history: Some(HistorySeed { days: 28 }),
    }
}

struct Rig {
    emulator: Option<Emulator>,
    clock: Arc<ManualClock>,
    store: Arc<Mutex<Store>>,
    cluster: ClusterId,
    port: u16,
}

impl Rig {
    async fn start() -> Rig {
        let clock = Arc::new(ManualClock::new(START));
        let emulator = Emulator::start(config(), clock.clone()).await.unwrap();
        let port = emulator.addr().port();
        let mut store = Store::open_in_memory().unwrap();
        let cluster = store
            .upsert_cluster(&NewCluster {
                name: "emu-hz".into(),
                host: "127.0.0.1".into(),
                port,
                sandbox: false,
            })
            .unwrap();
        Rig {
            emulator: Some(emulator),
            clock,
            store: Arc::new(Mutex::new(store)),
            cluster,
            port,
        }
    }

    fn opts(&self) -> ConnectOptions {
        let mut o = ConnectOptions::new("127.0.0.1", self.port, "root@sys", Password::default());
        o.connect_timeout = Duration::from_secs(2);
        o
    }

    fn emulator(&self) -> &Emulator {
        self.emulator.as_ref().unwrap()
    }

    /// The desk's clock follows the emulated one.
    fn desk_clock(&self) -> LoopClock {
        let clock = self.clock.clone();
        Arc::new(move || UtcMicros(ob_emulator::Clock::now_micros(&*clock)))
    }

    fn now(&self) -> UtcMicros {
        UtcMicros(ob_emulator::Clock::now_micros(&*self.clock))
    }

    async fn pass(&self) -> desk_engine::SyncOutcome {
        sync_cluster(&self.store, self.cluster, &self.opts(), self.now())
            .await
            .unwrap()
    }

    fn jobs(&self) -> Vec<desk_model::backup::BackupJob> {
        self.store.lock().unwrap().backup_jobs_of(self.cluster, None).unwrap()
    }

    async fn session(&self) -> Session {
        Session::connect(&self.opts()).await.unwrap()
    }
}

async fn next_pass(events: &mut broadcast::Receiver<PassEvent>) -> PassEvent {
    tokio::time::timeout(Duration::from_secs(30), events.recv())
        .await
        .expect("a pass within 30 s")
        .expect("the loop is running")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pass_costs_a_bounded_number_of_statements_and_later_passes_read_only_recent_history() {
    let rig = Rig::start().await;
    let before = rig.emulator().statement_log().len();
    let first = rig.pass().await;
    let log = rig.emulator().statement_log();
    let first_statements = &log[before..];
    // The first pass also learns each view's columns, once.
    let learned = first_statements.iter().filter(|s| s.ends_with("WHERE 1 = 0")).count();
    assert_eq!(learned, VIEWS_READ_PER_PASS, "{first_statements:#?}");
    assert!(
        first_statements.len() <= MAX_STATEMENTS_PER_PASS + VIEWS_READ_PER_PASS,
        "{} statements: {first_statements:#?}",
        first_statements.len()
    );
    assert!(!first.incremental);
    // Four weeks of a backup a day: two tenants' jobs and the cluster's.
    assert!(first.jobs > 75, "four weeks of history: {}", first.jobs);
    assert!(first.changed > 0);

    rig.clock.advance(MINUTE);
    let before = rig.emulator().statement_log().len();
    let second = rig.pass().await;
    let log = rig.emulator().statement_log();
    let second_statements = &log[before..];
    assert!(second_statements.len() <= MAX_STATEMENTS_PER_PASS);
    assert!(
        !second_statements.iter().any(|s| s.ends_with("WHERE 1 = 0")),
        "columns are learned once: {second_statements:#?}"
    );
    assert!(second.incremental);
    assert!(
        second.jobs < first.jobs / 10,
        "only history near the watermark is read again: {} of {}",
        second.jobs,
        first.jobs
    );
    assert!(second_statements
        .iter()
        .any(|s| s.contains("CDB_OB_BACKUP_JOB_HISTORY") && s.contains("END_TIMESTAMP >=")));
    assert_eq!(rig.jobs().len(), first.jobs, "nothing lost, nothing doubled");

    // The state the page needs is in the cache, destinations redacted.
    let s = rig.store.lock().unwrap();
    let archive = s.archive_state_of(rig.cluster, 1002).unwrap();
    assert_eq!(archive.len(), 1);
    assert_eq!(archive[0].status.as_str(), "DOING");
    let dest = s.destinations_of(rig.cluster, 1002).unwrap().unwrap();
    let data = dest.data_backup_dest.unwrap();
    assert!(data.starts_with("oss://bucket/trade/data"), "{data}");
    assert!(!data.contains("SECRETKEY") && !data.contains("AK1"), "{data}");
    assert_eq!(dest.log_archive_dest.as_deref(), Some("file:///backup/trade/archive"));
    assert_eq!(dest.piece_switch_interval_secs, 86_400);
    let mark = s.sync_mark(rig.cluster).unwrap();
    assert!(mark.history_since.is_some() && mark.failures == 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_is_seen_running_with_progress_then_finished() {
    let rig = Rig::start().await;
    let sync = SyncLoop::new(rig.store.clone(), rig.desk_clock(), LoopConfig::default());
    let mut events = sync.subscribe();
    sync.start(rig.cluster, rig.opts());
    let first = next_pass(&mut events).await;
    assert!(first.changed && first.outcome.is_ok());
    assert_eq!(
        first.next_in,
        LoopConfig::default().idle,
        "nothing runs: the quiet interval"
    );

    let trade = ObName::user_tenant("tenant", "trade").unwrap();
    let mut s = rig.session().await;
    s.execute(&sql::backup(&BackupScope::Tenants(vec![trade]), false, false).unwrap())
        .await
        .unwrap();
    rig.clock.advance(Duration::from_secs(3));
    sync.sync_now(rig.cluster);
    let running = next_pass(&mut events).await;
    assert!(running.changed);
    assert_eq!(
        running.next_in,
        LoopConfig::default().busy,
        "a backup runs: the short interval"
    );
    let tasks = rig
        .store
        .lock()
        .unwrap()
        .backup_tasks_of(rig.cluster, Some(1002))
        .unwrap();
    assert_eq!(tasks.len(), 1, "{tasks:?}");
    let newest = rig.jobs().into_iter().find(|j| j.tenant_id == 1002).unwrap();
    assert!(!newest.status.is_terminal(), "{newest:?}");
    assert_eq!(tasks[0].job_id, newest.job_id);

    // Progress moves between passes.
    rig.clock.advance(Duration::from_secs(8));
    sync.sync_now(rig.cluster);
    assert!(next_pass(&mut events).await.changed);
    let later = rig
        .store
        .lock()
        .unwrap()
        .backup_tasks_of(rig.cluster, Some(1002))
        .unwrap();
    assert!(
        later[0].input_bytes > tasks[0].input_bytes,
        "{} then {}",
        tasks[0].input_bytes,
        later[0].input_bytes
    );

    rig.clock.advance(Duration::from_secs(3_600));
    sync.sync_now(rig.cluster);
    let done = next_pass(&mut events).await;
    assert!(done.changed);
    let finished = rig
        .jobs()
        .into_iter()
        .find(|j| j.tenant_id == 1002 && j.job_id == newest.job_id)
        .unwrap();
    assert_eq!(finished.status, BackupJobStatus::Completed);
    assert!(finished.end.is_some());
    assert!(rig
        .store
        .lock()
        .unwrap()
        .backup_tasks_of(rig.cluster, None)
        .unwrap()
        .is_empty());
    s.close().await;
    sync.stop_all().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn history_the_cluster_purges_stays_in_the_cache() {
    let rig = Rig::start().await;
    rig.pass().await;
    let cached = rig.jobs().len();
    let restores = rig.store.lock().unwrap().restore_jobs_of(rig.cluster).unwrap().len();
    assert!(restores > 0);

    rig.emulator().inject(Fault::HistoryPurged {
        before_micros: rig.now().0,
    });
    let mut s = rig.session().await;
    assert!(
        s.backup_job_history(None).await.unwrap().is_empty(),
        "the cluster has forgotten"
    );
    s.close().await;

    // A later full read (an hour on) sees nothing of it; the desk keeps it all.
    rig.clock.advance(Duration::from_secs(2 * 3_600));
    rig.pass().await;
    assert_eq!(rig.jobs().len(), cached);
    assert_eq!(
        rig.store.lock().unwrap().restore_jobs_of(rig.cluster).unwrap().len(),
        restores
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cluster_that_goes_away_keeps_its_cache_and_is_synced_again_when_back() {
    let mut rig = Rig::start().await;
    let config = LoopConfig {
        backoff_first: Duration::from_millis(200),
        ..LoopConfig::default()
    };
    let sync = SyncLoop::new(rig.store.clone(), rig.desk_clock(), config);
    let mut events = sync.subscribe();
    sync.start(rig.cluster, rig.opts());
    next_pass(&mut events).await;
    let (cluster_before, jobs_before, archive_before) = {
        let s = rig.store.lock().unwrap();
        (
            s.cluster(rig.cluster).unwrap(),
            s.backup_jobs_of(rig.cluster, None).unwrap(),
            s.archive_state_of(rig.cluster, 1002).unwrap(),
        )
    };

    rig.emulator.take().unwrap().stop().await;
    rig.clock.advance(MINUTE);
    sync.sync_now(rig.cluster);
    let down = next_pass(&mut events).await;
    let failure = down.outcome.clone().unwrap_err();
    assert!(down.changed, "the error is news");
    assert_eq!(failure.failures, 1);
    assert!(
        matches!(
            failure.code,
            ObErrorCode::ConnectionLost | ObErrorCode::Timeout | ObErrorCode::Other
        ),
        "{failure:?}"
    );
    assert_eq!(down.next_in, config.backoff(1));
    let again = next_pass(&mut events).await;
    assert!(!again.changed, "the same error again changes nothing");
    assert_eq!(again.next_in, config.backoff(2));
    {
        let s = rig.store.lock().unwrap();
        let after = s.cluster(rig.cluster).unwrap();
        assert_eq!(
            after.last_synced_at, cluster_before.last_synced_at,
            "the last good sync time is kept"
        );
        assert!(after.last_error.is_some());
        assert_eq!(after.tenant_count, cluster_before.tenant_count);
        assert_eq!(s.backup_jobs_of(rig.cluster, None).unwrap(), jobs_before);
        assert_eq!(s.archive_state_of(rig.cluster, 1002).unwrap(), archive_before);
        assert!(s.sync_mark(rig.cluster).unwrap().failures >= 2);
    }

    // Back on the same port: the loop reconnects by itself.
    let emulator = Emulator::start_on(config_at_restart(), rig.clock.clone(), rig.port)
        .await
        .unwrap();
    rig.emulator = Some(emulator);
    sync.sync_now(rig.cluster);
    let back = loop {
        let e = next_pass(&mut events).await;
        if e.outcome.is_ok() {
            break e;
        }
    };
    assert!(back.changed);
    let after = rig.store.lock().unwrap().cluster(rig.cluster).unwrap();
    assert!(after.last_error.is_none());
    assert!(after.last_synced_at > cluster_before.last_synced_at);
    assert!(rig.jobs().len() >= jobs_before.len());
    sync.stop_all().await;
}

fn config_at_restart() -> ClusterConfig {
    config()
}

#[tokio::test(start_paused = true)]
async fn an_unreachable_cluster_is_retried_in_doubling_steps_up_to_the_cap() {
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut store = Store::open_in_memory().unwrap();
    let cluster = store
        .upsert_cluster(&NewCluster {
            name: "gone".into(),
            host: "127.0.0.1".into(),
            port,
            sandbox: false,
        })
        .unwrap();
    let config = LoopConfig {
        backoff_first: Duration::from_secs(5),
        backoff_max: Duration::from_secs(30),
        ..LoopConfig::default()
    };
    let sync = SyncLoop::new(Arc::new(Mutex::new(store)), Arc::new(|| UtcMicros(START)), config);
    let mut events = sync.subscribe();
    sync.start(
        cluster,
        ConnectOptions::new("127.0.0.1", port, "root@sys", Password::default()),
    );
    let mut at = Vec::new();
    let mut waits = Vec::new();
    for _ in 0..6 {
        let e = events.recv().await.unwrap();
        let failure = e.outcome.unwrap_err();
        assert_ne!(failure.code, ObErrorCode::Timeout, "refused at once, not timed out");
        at.push(tokio::time::Instant::now());
        waits.push(e.next_in.as_secs());
    }
    assert_eq!(waits, [5, 10, 20, 30, 30, 30]);
    let gaps: Vec<u64> = at.windows(2).map(|w| (w[1] - w[0]).as_secs()).collect();
    assert_eq!(gaps, [5, 10, 20, 30, 30], "each retry waits its step");
    assert!(sync.stop(cluster).await);
    assert!(!sync.sync_now(cluster));
}
