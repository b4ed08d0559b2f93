//! Every operation against the emulator, as an operator would use it: what is
//! refused (and that nothing was sent), what is sent, what the journal says,
//! and what happens after a crash between sending and hearing back.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use desk_engine::backup_ops::prepare_backup;
use desk_engine::{
    BackupNow, Clock, Directory, Follow, InitiateRecovery, OpErrorCode, Operator, Replica, RestoreRef, TaskKind,
    TaskProgress, TenantAction, ZonePlacement,
};
use desk_model::journal::{JournalAction, JournalState};
use desk_model::status::BackupType;
use desk_model::{ClusterId, UtcMicros};
use desk_oceanbase::{ConnectOptions, Password, Session};
use desk_store::{NewCluster, Store};
use ob_emulator::{ClusterConfig, Emulator, Fault, HistorySeed, ManualClock, Release, TenantConfig};

const START: i64 = 1_795_132_800_000_000;
const GIB: u64 = 1 << 30;

struct Fixed(Arc<ManualClock>);
impl Clock for Fixed {
    fn now(&self) -> UtcMicros {
        use ob_emulator::Clock as _;
        UtcMicros(self.0.now_micros())
    }
}

struct Book(
    Mutex<HashMap<ClusterId, ConnectOptions>>,
    Mutex<Vec<desk_model::StorageUri>>,
);
impl Directory for Book {
    fn connect_options(&self, cluster: ClusterId) -> Result<ConnectOptions, desk_engine::OpError> {
        self.0.lock().unwrap().get(&cluster).cloned().ok_or_else(|| {
            desk_engine::OpError::new(OpErrorCode::Unreachable, desk_model::Words::verbatim("no such cluster"))
        })
    }

    fn held_storage(&self, _cluster: ClusterId) -> Vec<desk_model::StorageUri> {
        self.1.lock().unwrap().clone()
    }
}

struct Desk {
    op: Operator,
    book: Arc<Book>,
    clock: Arc<ManualClock>,
    emulator: Emulator,
    cluster: ClusterId,
    _dir: tempfile::TempDir,
}

fn tenant(id: i64, name: &str, archivelog: bool, dests: bool) -> TenantConfig {
    TenantConfig {
        tenant_id: id,
        name: name.into(),
        data_bytes: GIB,
        archivelog,
        data_backup_dest: dests.then(|| format!("file:///b/{name}/data")),
        log_archive_dest: dests.then(|| format!("file:///b/{name}/archive")),
    }
}

async fn desk(release: Release, tenants: Vec<TenantConfig>, history_days: u32) -> Desk {
    let clock = Arc::new(ManualClock::new(START));
    let config = ClusterConfig {
        cluster_name: "ops".into(),
        release,
        time_zone: "+08:00".into(),
        password: String::new(),
        tenants,
        zones: vec!["zone1".into(), "zone2".into()],
        history: (history_days > 0).then_some(HistorySeed { days: history_days }),
    };
    let emulator = Emulator::start(config, clock.clone()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(&dir.path().join("cache.sqlite3")).unwrap();
    let cluster = store
        .upsert_cluster(&NewCluster {
            name: "ops".into(),
            host: "127.0.0.1".into(),
            port: emulator.addr().port(),
            sandbox: true,
        })
        .unwrap();
    let addr = emulator.addr();
    let book = Arc::new(Book(
        Mutex::new(HashMap::from([(
            cluster,
            ConnectOptions::new(addr.ip().to_string(), addr.port(), "root@sys", Password::default()),
        )])),
        Mutex::new(Vec::new()),
    ));
    let op = Operator {
        store: Arc::new(Mutex::new(store)),
        clock: Arc::new(Fixed(clock.clone())),
        directory: book.clone(),
        actor: "dba".into(),
        confirm_within: Duration::from_millis(500),
    };
    Desk {
        op,
        book,
        clock,
        emulator,
        cluster,
        _dir: dir,
    }
}

impl Desk {
    fn sent(&self, needle: &str) -> usize {
        self.emulator
            .statement_log()
            .iter()
            .filter(|s| s.to_ascii_uppercase().contains(needle))
            .count()
    }

    fn backup(&self, tenant: Option<&str>, method: BackupType) -> BackupNow {
        BackupNow {
            cluster: self.cluster,
            tenant: tenant.map(str::to_owned),
            method,
            plus_archivelog: false,
        }
    }

    fn journal(&self) -> Vec<desk_model::journal::JournalEntry> {
        self.op.store.lock().unwrap().journal_of(self.cluster, 100).unwrap()
    }

    async fn session(&self) -> Session {
        let addr = self.emulator.addr();
        Session::connect(&ConnectOptions::new(
            addr.ip().to_string(),
            addr.port(),
            "root@sys",
            Password::default(),
        ))
        .await
        .unwrap()
    }

    fn recovery(&self, target: &str, until: Option<UtcMicros>) -> InitiateRecovery {
        InitiateRecovery {
            source_cluster: self.cluster,
            source_tenant: "trade".into(),
            target_cluster: self.cluster,
            target_tenant: target.into(),
            until,
            zones: vec![ZonePlacement {
                zone: "zone1".into(),
                replica: Replica::Full,
                priority: 1,
            }],
            unit_cpu: 2,
            unit_memory_gib: 4,
            unit_num: 1,
            access_keys: None,
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn backup_now_starts_one_job_and_the_journal_records_it() {
    let d = desk(Release::V4_3_5_CE, vec![tenant(1002, "trade", true, true)], 0).await;
    let receipt =
        d.op.backup_now(&d.backup(Some("trade"), BackupType::Full))
            .await
            .unwrap();
    assert_eq!(receipt.state, JournalState::Confirmed);
    let job = receipt.job_id.expect("the job the backup started");
    assert_eq!(d.sent("BACKUP TENANT"), 1);

    let journal = d.journal();
    assert_eq!(journal.len(), 1);
    let e = &journal[0];
    assert_eq!(
        (e.action, e.state, e.job_id),
        (JournalAction::BackupTenant, JournalState::Confirmed, Some(job))
    );
    assert_eq!(e.actor, "dba");
    assert_eq!(e.tenant_name.as_deref(), Some("trade"));
    assert!(e.params.contains("\"FULL\""), "{}", e.params);

    // A second Backup Now while it runs is refused by the desk, and nothing is sent.
    let err =
        d.op.backup_now(&d.backup(Some("trade"), BackupType::Full))
            .await
            .unwrap_err();
    assert_eq!(err.code, OpErrorCode::BackupRunning);
    assert!(err.message.en.contains(&format!("job {job}")), "{}", err.message);
    assert!(err.message.zh.contains(&format!("任务 {job}")), "{}", err.message.zh);
    assert_eq!(d.sent("BACKUP TENANT"), 1);
    // A cluster backup skips a tenant whose own backup runs (OceanBase does so); with no
    // other tenant it is refused naming that tenant's job, not a cluster job.
    let err = d.op.backup_now(&d.backup(None, BackupType::Full)).await.unwrap_err();
    assert!(
        err.message
            .en
            .contains(&format!("trade: its own backup is running (job {job})")),
        "{}",
        err.message
    );
    assert!(
        !err.message.en.contains("cluster backup is already running"),
        "{}",
        err.message
    );
    assert_eq!(d.sent("BACKUP DATABASE"), 0);

    // When it finished, an incremental is accepted: its parent full exists now.
    d.clock.advance(Duration::from_secs(3600));
    let inc =
        d.op.backup_now(&d.backup(Some("trade"), BackupType::Incremental))
            .await
            .unwrap();
    assert_eq!(inc.state, JournalState::Confirmed);
    assert_eq!(d.sent("BACKUP INCREMENTAL TENANT"), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn incremental_without_a_full_is_refused_before_anything_is_sent() {
    let d = desk(Release::V4_3_5_CE, vec![tenant(1002, "trade", true, true)], 0).await;
    let err =
        d.op.backup_now(&d.backup(Some("trade"), BackupType::Incremental))
            .await
            .unwrap_err();
    assert_eq!(err.code, OpErrorCode::FullBackupNeeded);
    assert_eq!(err.message.en, "Full data backup needed before incremental data backup");
    assert_eq!(err.field, Some("method"));
    assert_eq!(d.sent("ALTER SYSTEM"), 0);
    assert!(
        d.journal().is_empty(),
        "a refusal before sending writes no journal entry"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn refusals_name_their_reason_and_field() {
    let d = desk(
        Release::V4_3_5_CE,
        vec![tenant(1002, "trade", true, true), tenant(1004, "nodest", false, false)],
        0,
    )
    .await;
    let err =
        d.op.backup_now(&d.backup(Some("nodest"), BackupType::Full))
            .await
            .unwrap_err();
    assert_eq!(
        (err.code, err.field),
        (OpErrorCode::NoBackupDestination, Some("storage"))
    );
    let err =
        d.op.backup_now(&d.backup(Some("ghost"), BackupType::Full))
            .await
            .unwrap_err();
    assert_eq!((err.code, err.field), (OpErrorCode::TenantMissing, Some("tenant")));
    let err =
        d.op.backup_now(&d.backup(Some("trade; DROP TENANT trade"), BackupType::Full))
            .await
            .unwrap_err();
    assert_eq!((err.code, err.field), (OpErrorCode::InvalidInput, Some("tenant")));
    let err =
        d.op.backup_now(&d.backup(Some("trade"), BackupType::Other("HALF".into())))
            .await
            .unwrap_err();
    assert_eq!((err.code, err.field), (OpErrorCode::InvalidInput, Some("method")));
    let err =
        d.op.cancel_backup(&TenantAction {
            cluster: d.cluster,
            tenant: "trade".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, OpErrorCode::NothingToCancel);
    assert_eq!(d.sent("ALTER SYSTEM"), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn tenant_backup_is_refused_by_version_and_cluster_backup_is_offered() {
    let d = desk(Release::V3_1_5_CE, vec![tenant(1002, "legacy_app", false, false)], 0).await;
    let err =
        d.op.backup_now(&d.backup(Some("legacy_app"), BackupType::Full))
            .await
            .unwrap_err();
    assert_eq!(err.code, OpErrorCode::VersionTooOld);
    assert!(err.message.en.contains("V3.2.2-20220304134610"), "{}", err.message);
    assert_eq!(err.field, Some("tenant"));
    assert_eq!(d.sent("ALTER SYSTEM"), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn log_backup_stops_and_starts_and_a_hung_backup_is_cancelled() {
    let d = desk(Release::V4_3_5_CE, vec![tenant(1002, "trade", true, true)], 0).await;
    let t = TenantAction {
        cluster: d.cluster,
        tenant: "trade".into(),
    };
    let err = d.op.set_log_backup(&t, true).await.unwrap_err();
    assert_eq!(err.code, OpErrorCode::LogBackupAlreadyOn);
    assert_eq!(
        d.op.set_log_backup(&t, false).await.unwrap().state,
        JournalState::Confirmed
    );
    let err =
        d.op.backup_now(&d.backup(Some("trade"), BackupType::Full))
            .await
            .unwrap_err();
    assert_eq!((err.code, err.field), (OpErrorCode::LogBackupOff, Some("logBackup")));
    assert_eq!(
        d.op.set_log_backup(&t, true).await.unwrap().state,
        JournalState::Confirmed
    );
    d.clock.advance(Duration::from_secs(60));

    d.emulator.inject(Fault::BackupHangs);
    let started =
        d.op.backup_now(&d.backup(Some("trade"), BackupType::Full))
            .await
            .unwrap();
    let cancelled = d.op.cancel_backup(&t).await.unwrap();
    assert_eq!(cancelled.state, JournalState::Confirmed);
    assert_eq!(cancelled.job_id, started.job_id);
    assert_eq!(d.sent("CANCEL BACKUP"), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn recovery_inside_the_window_runs_and_one_in_the_gap_names_the_nearest_times() {
    let d = desk(Release::V4_3_5_CE, vec![tenant(1002, "trade", true, true)], 14).await;
    let mut s = d.session().await;
    let sets = s.backup_set_files(Some(1002)).await.unwrap();
    let pieces = s.archive_pieces(Some(1002)).await.unwrap();
    let window = desk_model::window::recoverable_window(&sets, &pieces);
    assert!(window.len() >= 2, "the seeded history has a gap");
    let gap_start = window[0].end.to_micros().unwrap();
    let gap_end = window[1].start.to_micros().unwrap();
    let in_gap = UtcMicros((gap_start.0 + gap_end.0) / 2);

    let err =
        d.op.initiate_recovery(&d.recovery("trade_gap", Some(in_gap)))
            .await
            .unwrap_err();
    assert_eq!((err.code, err.field), (OpErrorCode::OutsideWindow, Some("until")));
    let nearest = err.nearest.expect("the nearest recoverable times");
    assert_eq!(nearest.before, Some(gap_start));
    assert_eq!(nearest.after, Some(gap_end));
    assert!(
        err.message.en.contains("+00:00") && err.message.zh.contains("+00:00"),
        "times carry their offset: {}",
        err.message
    );
    assert_eq!(
        d.sent("CREATE RESOURCE"),
        0,
        "nothing is created for a refused recovery"
    );

    let err = d.op.initiate_recovery(&d.recovery("trade", None)).await.unwrap_err();
    assert_eq!((err.code, err.field), (OpErrorCode::TenantExists, Some("targetTenant")));
    let mut bad_zone = d.recovery("trade_new", None);
    bad_zone.zones[0].zone = "zone9".into();
    let err = d.op.initiate_recovery(&bad_zone).await.unwrap_err();
    assert_eq!((err.code, err.field), (OpErrorCode::ZoneUnknown, Some("zones")));
    let mut bad_unit = d.recovery("trade_new", None);
    bad_unit.unit_cpu = 0;
    let err = d.op.initiate_recovery(&bad_unit).await.unwrap_err();
    assert_eq!((err.code, err.field), (OpErrorCode::InvalidInput, Some("unitCpu")));

    let inside = UtcMicros(window.last().unwrap().start.to_micros().unwrap().0 + 1_000_000);
    let receipt =
        d.op.initiate_recovery(&d.recovery("trade_new", Some(inside)))
            .await
            .unwrap();
    assert_eq!(receipt.state, JournalState::Confirmed);
    let job = receipt.job_id.unwrap();

    // Not finished yet: activation is refused; after it finishes, activation works.
    let err = d.op.activate_tenant(d.cluster, "trade_new").await.unwrap_err();
    assert_eq!(err.code, OpErrorCode::NotRestored);
    d.clock.advance(Duration::from_secs(6 * 3600));
    let restores = s.restores(None).await.unwrap();
    let done = restores.iter().find(|r| r.job_id == job).unwrap();
    assert!(!done.running, "{:?}", done.status);
    // Activation takes the cluster a moment: accepted now, confirmed by the next reconciliation.
    let activation = d.op.activate_tenant(d.cluster, "trade_new").await.unwrap();
    if activation.state == JournalState::Sent {
        d.clock.advance(Duration::from_secs(60));
        let settled = d.op.reconcile().await.unwrap();
        assert_eq!(settled[0].state, JournalState::Confirmed);
    }
    let t = s
        .tenants()
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "trade_new")
        .unwrap();
    assert_eq!(t.role, "PRIMARY");
    s.close().await;
}

/// One report of a task's progress, as the Backup Now dialog's first.
async fn progress_once(d: &Desk, f: &Follow) -> TaskProgress {
    d.op.follow(f, Duration::from_millis(10), |_| false).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_followed_restore_reports_the_sys_status_then_the_restored_tenants_phase_and_figures() {
    let d = desk(Release::V4_3_5_CE, vec![tenant(1002, "trade", true, true)], 7).await;
    let receipt = d.op.initiate_recovery(&d.recovery("trade_p", None)).await.unwrap();
    let f = Follow {
        cluster: d.cluster,
        kind: TaskKind::Restore,
        tenant: "trade_p".into(),
        job_id: receipt.job_id.unwrap(),
    };
    // Before the tenant exists the sys tenant's job is all there is: no figures yet.
    let first = progress_once(&d, &f).await;
    assert_eq!(first.status, "CREATE_TENANT");
    assert_eq!(first.progress.phase, "CREATE_TENANT");
    assert_eq!((first.progress.bytes, first.progress.tablets), (None, None));
    assert!(first.progress.start.is_some());

    // Once the tenant exists, its own row names the phase and carries the figures.
    d.clock.advance(Duration::from_secs(6));
    let later = progress_once(&d, &f).await;
    assert_eq!(later.status, "WAIT_TENANT_RESTORE_FINISH");
    assert_eq!(later.progress.phase, "RESTORING");
    let bytes = later.progress.bytes.expect("4.3.5 reports the bytes to restore");
    assert!(
        bytes.total.unwrap() > 0 && bytes.done <= bytes.total.unwrap(),
        "{bytes:?}"
    );
    assert!(later.progress.tablets.is_some());
    assert!(later.progress.percent < 100 && !later.progress.terminal);

    d.clock.advance(Duration::from_secs(6 * 3600));
    let done = progress_once(&d, &f).await;
    assert_eq!((done.progress.percent, done.progress.terminal), (100, true));
    assert_eq!(done.progress.phase, done.status);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_restore_is_retried_and_another_cleaned_up() {
    let d = desk(Release::V4_3_5_CE, vec![tenant(1002, "trade", true, true)], 7).await;
    let mut s = d.session().await;

    // One fails and is retried: the desk drops what it left and sends it again.
    d.emulator.inject(Fault::RestoreFails {
        comment: "disk full on zone1".into(),
    });
    let first = d.op.initiate_recovery(&d.recovery("trade_r1", None)).await.unwrap();
    d.clock.advance(Duration::from_secs(6 * 3600));
    let r1 = RestoreRef {
        cluster: d.cluster,
        job_id: first.job_id.unwrap(),
    };
    let err =
        d.op.clean_up_restore(&RestoreRef {
            cluster: d.cluster,
            job_id: 999,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, OpErrorCode::JobMissing);
    // Both offered: the failed job left its tenant and pool.
    let offered = d.op.failed_restore_actions(&r1).await.unwrap();
    assert_eq!((offered.retry, offered.clean_up), (None, None));
    let retried = d.op.retry_restore(&r1, None).await.unwrap();
    assert_eq!(retried.state, JournalState::Confirmed);
    assert_ne!(retried.job_id, first.job_id);
    d.clock.advance(Duration::from_secs(6 * 3600));
    let again = d.op.retry_restore(&r1, None).await.unwrap_err();
    assert_eq!(
        again.code,
        OpErrorCode::InDoubt,
        "a job restored since is not retried: {}",
        again.message
    );
    // Retry is disabled with the same reason the click would get.
    let offered = d.op.failed_restore_actions(&r1).await.unwrap();
    assert_eq!(offered.retry, Some(again.message.clone()));

    // Another fails and is cleaned up: its tenant, pool and unit are released.
    d.emulator.inject(Fault::RestoreFails {
        comment: "checksum mismatch".into(),
    });
    let second = d.op.initiate_recovery(&d.recovery("trade_r2", None)).await.unwrap();
    d.clock.advance(Duration::from_secs(6 * 3600));
    let r2 = RestoreRef {
        cluster: d.cluster,
        job_id: second.job_id.unwrap(),
    };
    assert_eq!(d.op.clean_up_restore(&r2).await.unwrap().state, JournalState::Confirmed);
    assert!(!s.tenants().await.unwrap().iter().any(|t| t.name == "trade_r2"));
    assert!(!s
        .resource_pools()
        .await
        .unwrap()
        .iter()
        .any(|p| p.name == "trade_r2_pool"));
    assert!(!s
        .unit_configs()
        .await
        .unwrap()
        .iter()
        .any(|u| u.name == "trade_r2_unit"));
    // Nothing is left to clean up, and the button says so; Retry stays offered.
    let offered = d.op.failed_restore_actions(&r2).await.unwrap();
    let reason = offered.clean_up.expect("Clean Up disabled");
    assert!(reason.en.contains("left nothing behind"), "{reason}");
    assert_eq!(offered.retry, None);
    // After a clean-up, Retry creates the pool again from the desk's record.
    let third = d.op.retry_restore(&r2, None).await.unwrap();
    assert_eq!(third.state, JournalState::Confirmed);
    assert!(s
        .resource_pools()
        .await
        .unwrap()
        .iter()
        .any(|p| p.name == "trade_r2_pool"));
    s.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_crash_between_send_and_confirm_never_sends_twice() {
    let d = desk(Release::V4_3_5_CE, vec![tenant(1002, "trade", true, true)], 0).await;
    // The engine prepares and sends, then "dies" before confirming.
    {
        let mut session = d.session().await;
        let prepared = prepare_backup(&mut session, &d.backup(Some("trade"), BackupType::Full))
            .await
            .unwrap();
        d.op.send(&mut session, &prepared).await.unwrap();
        drop(session);
    }
    assert_eq!(d.journal()[0].state, JournalState::Sent);

    // And one that died after writing the journal but before the statement left (SENDING, never sent).
    d.op.store
        .lock()
        .unwrap()
        .journal_begin(&desk_store::NewJournalEntry {
            cluster: d.cluster,
            tenant_name: Some("trade".into()),
            actor: "dba".into(),
            action: JournalAction::StopLogBackup,
            params: "{}".into(),
            baseline_job: 0,
            created_at: UtcMicros(START),
        })
        .unwrap();
    let err =
        d.op.backup_now(&d.backup(Some("trade"), BackupType::Full))
            .await
            .unwrap_err();
    assert_eq!(err.code, OpErrorCode::BackupRunning);

    // A new engine over the same cache reconciles on start.
    let restarted = Operator {
        actor: "dba".into(),
        ..d.op.clone()
    };
    let settled = restarted.reconcile().await.unwrap();
    assert_eq!(settled.len(), 2);
    let backup = settled
        .iter()
        .find(|e| e.action == JournalAction::BackupTenant)
        .unwrap();
    assert_eq!(backup.state, JournalState::Confirmed);
    assert!(backup.job_id.is_some());
    let stop = settled
        .iter()
        .find(|e| e.action == JournalAction::StopLogBackup)
        .unwrap();
    assert_eq!(
        stop.state,
        JournalState::NotApplied,
        "log backup is still on: the stop never happened"
    );
    assert_eq!(d.sent("BACKUP TENANT"), 1, "exactly one backup was ever sent");
    assert_eq!(d.sent("NOARCHIVELOG"), 0, "reconciliation never sends");
    let mut s = d.session().await;
    assert_eq!(s.backup_jobs_after(1002, 0).await.unwrap().len(), 1);
    s.close().await;
    assert!(restarted.store.lock().unwrap().journal_open().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_placement_offers_only_the_replica_types_the_release_takes() {
    // 4.1 places full replicas only; 4.2 adds read-only ones; no 4.x release takes a log
    // replica in a restored tenant.
    for (release, wanted) in [
        (Release::V4_1_0_CE, vec![Replica::Full]),
        (Release::V4_2_1_CE, vec![Replica::Full, Replica::ReadOnly]),
        (Release::V4_3_5_CE, vec![Replica::Full, Replica::ReadOnly]),
    ] {
        let d = desk(release, vec![tenant(1002, "trade", true, true)], 0).await;
        let options = d.op.placement_options(d.cluster).await.unwrap();
        assert_eq!(options.replicas, wanted, "{release}");
        assert_eq!(
            options.zones.iter().map(|z| z.name.as_str()).collect::<Vec<_>>(),
            ["zone1", "zone2"]
        );
        d.emulator.stop().await;
    }
}

/// A tenant backing up to OSS: the views show its destinations with the keys redacted.
/// A restore uses the keys the desk holds for the strategy that wrote them, or keys typed
/// for that send; with neither it asks, naming the location, and sends nothing.
#[tokio::test(flavor = "multi_thread")]
async fn a_restore_from_object_storage_uses_held_keys_or_typed_ones_and_else_asks() {
    const ROOT: &str = "oss://bkt/desk?host=oss-cn-hangzhou.aliyuncs.com&access_id=LTAI5tEXAMPLE&access_key=Pl4ntedK3y";
    let oss = TenantConfig {
        data_backup_dest: Some(ROOT.replace("/desk?", "/desk/trade/data?")),
        log_archive_dest: Some(ROOT.replace("/desk?", "/desk/trade/archive?")),
        ..tenant(1002, "trade", true, true)
    };
    let d = desk(Release::V4_3_5_CE, vec![oss], 7).await;

    let err = d.op.initiate_recovery(&d.recovery("trade_r1", None)).await.unwrap_err();
    assert_eq!(
        (err.code, err.field),
        (OpErrorCode::CredentialsNeeded, Some("dataUri")),
        "{err}"
    );
    assert!(err.message.en.contains("oss://bkt/desk/trade/data"), "{err}");
    assert!(!err.message.en.contains("Pl4nted") && !err.message.zh.contains("Pl4nted"));
    assert_eq!(d.sent("ALTER SYSTEM RESTORE"), 0, "nothing was sent");

    // Keys the bucket does not take: the cluster refuses (OceanBase 4.3.5's 9116), and the
    // desk says so in the cluster's words, the key nowhere in them.
    let mut wrong = d.recovery("trade_r1", None);
    wrong.access_keys = Some(desk_model::AccessKeys {
        access_id: "LTAI5tEXAMPLE".into(),
        access_key: "n0tTheK3y".into(),
    });
    let err = d.op.initiate_recovery(&wrong).await.unwrap_err();
    assert_eq!(err.code, OpErrorCode::ClusterRefused, "{err}");
    assert!(err.message.en.contains("9116"), "{err}");
    assert!(!err.message.en.contains("n0tTheK3y") && !err.message.zh.contains("n0tTheK3y"));

    // Typed for this send: used once, never kept.
    let mut typed = d.recovery("trade_r1", None);
    typed.access_keys = Some(desk_model::AccessKeys {
        access_id: "LTAI5tEXAMPLE".into(),
        access_key: "Pl4ntedK3y".into(),
    });
    let r = d.op.initiate_recovery(&typed).await.unwrap();
    assert_eq!(r.state, JournalState::Confirmed, "{}", r.message);
    let restore = d
        .emulator
        .statement_log()
        .into_iter()
        .rfind(|s| s.to_ascii_uppercase().contains("ALTER SYSTEM RESTORE"))
        .unwrap();
    assert!(restore.contains("oss://bkt/desk/trade/data"), "{restore}");
    assert!(
        !format!("{:?}", d.journal()).contains("Pl4nted"),
        "the journal keeps no key"
    );

    // Held by the desk for the strategy's root: found by location, no typing.
    d.book
        .1
        .lock()
        .unwrap()
        .push(desk_model::StorageUri::parse("dataUri", ROOT).unwrap());
    let held = d.op.initiate_recovery(&d.recovery("trade_r2", None)).await.unwrap();
    assert_eq!(held.state, JournalState::Confirmed, "{}", held.message);
    // The refused one, the typed one, the held one.
    assert_eq!(d.sent("ALTER SYSTEM RESTORE"), 3);
}

/// Imported history and a cluster whose release cannot restore the source's backups are
/// refused as targets with their own code and words, before anything is read there: the
/// 3.x cluster the cache knows is refused unreached, the one it does not know is refused
/// as soon as its release is read, never for a zone or tenant it lacks.
#[tokio::test(flavor = "multi_thread")]
async fn imported_clusters_and_releases_that_cannot_restore_are_refused_as_targets() {
    let d = desk(Release::V4_3_5_CE, vec![tenant(1002, "trade", true, true)], 7).await;
    let legacy = Emulator::start(
        ClusterConfig {
            cluster_name: "legacy".into(),
            release: Release::V3_1_5_CE,
            time_zone: "+08:00".into(),
            password: String::new(),
            tenants: vec![tenant(1002, "legacy_app", false, false)],
            zones: vec!["zone1".into()],
            history: None,
        },
        d.clock.clone(),
    )
    .await
    .unwrap();
    let (known_v3, unknown_v3, imported) = {
        let mut store = d.op.store.lock().unwrap();
        let version = |s: &str| s.parse::<desk_model::ObVersion>().unwrap();
        store
            .record_sync_success(d.cluster, Some(&version("4.3.5.6")), UtcMicros(START))
            .unwrap();
        let mut add = |name: &str| {
            store
                .upsert_cluster(&NewCluster {
                    name: name.into(),
                    host: "127.0.0.1".into(),
                    port: 1,
                    sandbox: false,
                })
                .unwrap()
        };
        let (known_v3, unknown_v3) = (add("legacy-known"), add("legacy-new"));
        store
            .record_sync_success(known_v3, Some(&version("3.1.5")), UtcMicros(START))
            .unwrap();
        let file = desk_model::exchange::HistoryExport::new(
            UtcMicros(START),
            "UTC",
            [(
                "ops".to_owned(),
                desk_model::backup::BackupJob::sample(1002, 1, desk_model::status::BackupJobStatus::Completed),
            )],
            [],
        );
        store.import_history(&file, "laptop").unwrap();
        let imported = store
            .clusters()
            .unwrap()
            .into_iter()
            .find(|c| c.name == "ops@laptop")
            .unwrap()
            .id;
        (known_v3, unknown_v3, imported)
    };
    let addr = legacy.addr();
    d.book.0.lock().unwrap().insert(
        unknown_v3,
        ConnectOptions::new(addr.ip().to_string(), addr.port(), "root@sys", Password::default()),
    );

    // What the dialog lists: every cluster, the source first, each refusal in both languages.
    let targets = desk_engine::pages::recovery_targets(&d.op.store.lock().unwrap(), d.cluster).unwrap();
    let listed: Vec<(&str, Option<&str>)> = targets
        .iter()
        .map(|t| (t.name.as_str(), t.refusal.as_ref().map(|w| w.en.as_str())))
        .collect();
    assert_eq!(listed[0], ("ops", None));
    assert!(
        listed.contains(&("legacy-new", None)),
        "a release not yet read is checked on send: {listed:?}"
    );
    let known = targets
        .iter()
        .find(|t| t.name == "legacy-known")
        .unwrap()
        .refusal
        .clone()
        .unwrap();
    assert!(known.en.contains("3.x backups restore into 3.x clusters"), "{known}");
    assert!(known.zh.contains("4.x 的备份只能恢复到 4.x 集群"), "{}", known.zh);
    let import = targets
        .iter()
        .find(|t| t.name == "ops@laptop")
        .unwrap()
        .refusal
        .clone()
        .unwrap();
    assert!(
        import
            .en
            .contains("imported from laptop: no tenant can be restored into it"),
        "{import}"
    );
    assert!(import.zh.contains("不能向其恢复租户"), "{}", import.zh);

    let to = |target: ClusterId| InitiateRecovery {
        target_cluster: target,
        ..d.recovery("trade_copy", None)
    };
    for (target, said) in [
        (imported, "no tenant can be restored into it"),
        (known_v3, "OceanBase V3.1.5 cannot restore backups of V4.3.5.6"),
        // Its release is read on connecting: 3.1.5, refused before its zones are compared.
        // (the releases as the servers print them, with their builds).
        (unknown_v3, "OceanBase V3.1.5-"),
    ] {
        let err = d.op.initiate_recovery(&to(target)).await.unwrap_err();
        assert_eq!(
            (err.code, err.field),
            (OpErrorCode::TargetCannotRestore, Some("targetCluster")),
            "{err}"
        );
        assert!(err.message.en.contains(said), "{}", err.message);
        assert!(!err.message.zh.is_empty() && err.message.zh != err.message.en);
    }
    // A restore from imported history is refused too.
    let from_import = InitiateRecovery {
        source_cluster: imported,
        ..d.recovery("trade_copy", None)
    };
    let err = d.op.initiate_recovery(&from_import).await.unwrap_err();
    assert_eq!(err.code, OpErrorCode::TargetCannotRestore);
    assert!(
        err.message.en.contains("its backups are for review, not for restoring"),
        "{err}"
    );
    assert_eq!(
        (d.sent("ALTER SYSTEM RESTORE"), d.sent("CREATE RESOURCE")),
        (0, 0),
        "nothing was created or restored: {:?}",
        d.emulator.statement_log()
    );
    let on_legacy = legacy.statement_log();
    assert!(
        !on_legacy.iter().any(|s| {
            let s = s.to_ascii_uppercase();
            s.contains("ALTER SYSTEM RESTORE")
                || s.contains("CREATE RESOURCE")
                || s.contains("GV$TENANT")
                || s.contains("__ALL_ZONE")
        }),
        "the 3.x cluster was only asked its release: {on_legacy:?}"
    );
    assert_eq!(d.journal().len(), 0, "a refused target journals nothing");
}
