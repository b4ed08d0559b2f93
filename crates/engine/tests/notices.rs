//! Desktop notices as an administrator meets them: a task they started ends
//! (once), a strategy's threshold trips (once per episode), nothing about the
//! past at start-up, nothing from an offline cluster's aging cache.

use desk_engine::NoticeWatch;
use desk_model::backup::{ArchivePiece, BackupJob, RestoreJob, Scn};
use desk_model::journal::{JournalAction, JournalState};
use desk_model::notices::{NoticeKind, NoticeSettings};
use desk_model::status::{BackupJobStatus, BackupType, FileStatus, PieceStatus, RestoreStatus};
use desk_model::strategy::{AlertThresholds, LogBackup, Schedule};
use desk_model::{
    BackupMethod, ClusterId, CycleMode, DayPlan, Language, StorageKind, StorageSpec, Strategy, StrategyScope,
    TenantRecord, TimeOfDay, UtcMicros,
};
use desk_store::{HistorySnapshot, JournalUpdate, NewCluster, NewJournalEntry, Store};

const NOW: i64 = 1_795_132_800_000_000;
const MIN: i64 = 60_000_000;
const DAY: i64 = 86_400_000_000;
const EN: Language = Language::EnUs;

fn tenant(id: i64, name: &str) -> TenantRecord {
    TenantRecord {
        ob_tenant_id: id,
        name: name.into(),
        tenant_type: "USER".into(),
        status: "NORMAL".into(),
        role: "PRIMARY".into(),
        log_mode: "ARCHIVELOG".into(),
        unit_num: 1,
    }
}

fn job(id: i64, tenant: i64, status: BackupJobStatus, start: i64, end: Option<i64>) -> BackupJob {
    BackupJob {
        tenant_id: tenant,
        job_id: id,
        incarnation: 1,
        backup_set_id: id,
        plus_archivelog: false,
        backup_type: BackupType::Full,
        job_level: "USER_TENANT".into(),
        encryption_mode: "NONE".into(),
        start: Some(UtcMicros(start)),
        end: end.map(UtcMicros),
        status,
        result: 0,
        comment: if end.is_some() {
            "ret=-4009 IO error".into()
        } else {
            String::new()
        },
        description: String::new(),
        path: "file:///b".into(),
    }
}

fn restore(id: i64, target: &str, status: RestoreStatus) -> RestoreJob {
    RestoreJob {
        tenant_id: 1,
        job_id: id,
        restore_tenant_name: target.into(),
        backup_tenant_name: "trade".into(),
        backup_cluster_name: "hz".into(),
        backup_dest: "file:///b".into(),
        restore_option: "pool_list=p".into(),
        restore_scn: Scn::from_micros(UtcMicros(NOW - DAY)),
        status,
        phase: String::new(),
        start: Some(UtcMicros(NOW - 10 * MIN)),
        finish: None,
        comment: "(ret=-9094) Restore log stream failed".into(),
        running: false,
        ..RestoreJob::blank()
    }
}

fn started(store: &mut Store, c: ClusterId, tenant: &str, action: JournalAction, job: i64, actor: &str) {
    let id = store
        .journal_begin(&NewJournalEntry {
            cluster: c,
            tenant_name: Some(tenant.into()),
            actor: actor.into(),
            action,
            params: "{}".into(),
            baseline_job: job - 1,
            created_at: UtcMicros(NOW - 20 * MIN),
        })
        .unwrap();
    store
        .journal_update(
            id,
            &JournalUpdate {
                state: JournalState::Confirmed,
                job_id: Some(job),
                at: UtcMicros(NOW - 19 * MIN),
                error_code: None,
                error_message: None,
            },
        )
        .unwrap();
}

fn jobs(store: &mut Store, c: ClusterId, jobs: &[BackupJob]) {
    store
        .record_history(
            c,
            &HistorySnapshot {
                jobs,
                ..Default::default()
            },
        )
        .unwrap();
}

fn cluster_strategy(c: ClusterId) -> Strategy {
    Strategy {
        cluster_id: c,
        scope: StrategyScope::Cluster,
        storage: Some(StorageSpec {
            kind: StorageKind::File,
            path: "/backup/hz".into(),
            host: None,
            region: None,
            app_id: None,
            access_id: None,
            secret_ref: None,
        }),
        schedule: Schedule {
            mode: CycleMode::Week,
            days: vec![DayPlan {
                day: 1,
                method: BackupMethod::Full,
            }],
            time_of_day: TimeOfDay::new(2, 0).unwrap(),
            time_zone: "UTC".into(),
        },
        log_backup: LogBackup {
            enabled: true,
            piece_switch_days: 1,
        },
        retention_days: 7,
        alerts: AlertThresholds {
            data_backup_timeout_minutes: 60,
            log_latency_seconds: 600,
            days_without_data_backup: 2,
        },
        paused: false,
    }
}

fn setup() -> (Store, ClusterId) {
    let mut store = Store::open_in_memory().unwrap();
    let c = store
        .upsert_cluster(&NewCluster {
            name: "hz".into(),
            host: "127.0.0.1".into(),
            port: 2881,
            sandbox: false,
        })
        .unwrap();
    store
        .replace_tenants(c, &[tenant(1002, "trade"), tenant(1004, "billing")])
        .unwrap();
    (store, c)
}

fn kinds(n: &[desk_model::notices::Notice]) -> Vec<NoticeKind> {
    n.iter().map(|n| n.kind).collect()
}

#[test]
fn a_task_the_desk_started_is_announced_once_when_it_ends_and_the_past_is_not() {
    let (mut store, c) = setup();
    let all = NoticeSettings::default();
    // Ended before the desk started watching: the past.
    started(&mut store, c, "trade", JournalAction::BackupTenant, 5, "alice");
    jobs(
        &mut store,
        c,
        &[job(
            5,
            1002,
            BackupJobStatus::Completed,
            NOW - 30 * MIN,
            Some(NOW - 25 * MIN),
        )],
    );
    let mut watch = NoticeWatch::start(&store, UtcMicros(NOW)).unwrap();

    started(&mut store, c, "trade", JournalAction::BackupTenant, 6, "alice");
    jobs(
        &mut store,
        c,
        &[job(6, 1002, BackupJobStatus::Doing, NOW - 10 * MIN, None)],
    );
    assert!(
        watch.poll(&store, UtcMicros(NOW), EN, &all).unwrap().is_empty(),
        "still running"
    );

    jobs(
        &mut store,
        c,
        &[job(6, 1002, BackupJobStatus::Completed, NOW - 10 * MIN, Some(NOW))],
    );
    let shown = watch.poll(&store, UtcMicros(NOW), EN, &all).unwrap();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0].title, "Backup of tenant trade on hz completed");
    assert_eq!(shown[0].body, "Job 6");
    assert!(watch.poll(&store, UtcMicros(NOW), EN, &all).unwrap().is_empty(), "once");

    // A scheduled backup's success is routine; its failure is news, with the cluster's cause.
    started(&mut store, c, "billing", JournalAction::BackupTenant, 7, "scheduler:1");
    jobs(
        &mut store,
        c,
        &[job(7, 1004, BackupJobStatus::Completed, NOW - 5 * MIN, Some(NOW))],
    );
    started(&mut store, c, "billing", JournalAction::BackupTenant, 8, "scheduler:1");
    jobs(
        &mut store,
        c,
        &[job(8, 1004, BackupJobStatus::Failed, NOW - 5 * MIN, Some(NOW))],
    );
    let shown = watch.poll(&store, UtcMicros(NOW), EN, &all).unwrap();
    assert_eq!(kinds(&shown), [NoticeKind::TaskFailed]);
    assert_eq!(shown[0].body, "Job 8: ret=-4009 IO error");

    // A recovery into a new tenant, followed by that tenant's name.
    started(&mut store, c, "trade_r", JournalAction::Restore, 3, "alice");
    store
        .record_history(
            c,
            &HistorySnapshot {
                restores: &[restore(3, "trade_r", RestoreStatus::Failed)],
                ..Default::default()
            },
        )
        .unwrap();
    let off = NoticeSettings {
        task_failed: false,
        ..all
    };
    assert!(
        watch
            .poll(&store, UtcMicros(NOW), Language::ZhCn, &off)
            .unwrap()
            .is_empty(),
        "switched off in Settings"
    );
}

#[test]
fn strategy_thresholds_trip_once_per_episode_and_not_for_offline_or_paused() {
    let (mut store, c) = setup();
    let all = NoticeSettings::default();
    let mut watch = NoticeWatch::start(&store, UtcMicros(NOW)).unwrap();
    assert!(
        watch.poll(&store, UtcMicros(NOW), EN, &all).unwrap().is_empty(),
        "no strategy, no alert"
    );

    let id = store
        .create_strategy(&cluster_strategy(c), UtcMicros(NOW - 10 * DAY))
        .unwrap();
    // trade: backed up an hour ago, log archive current; a backup running for 2 h.
    jobs(
        &mut store,
        c,
        &[
            job(
                1,
                1002,
                BackupJobStatus::Completed,
                NOW - 2 * 60 * MIN,
                Some(NOW - 60 * MIN),
            ),
            job(2, 1002, BackupJobStatus::Doing, NOW - 120 * MIN, None),
        ],
    );
    let piece = |tenant: i64, checkpoint: i64| ArchivePiece {
        tenant_id: tenant,
        dest_id: 0,
        round_id: 1,
        piece_id: 1,
        status: PieceStatus::Active,
        start_scn: Scn::from_micros(UtcMicros(NOW - 2 * DAY)),
        checkpoint_scn: Scn::from_micros(UtcMicros(checkpoint)),
        max_scn: Scn(u64::MAX),
        end_scn: Scn(Scn::MAX_VALID),
        file_status: FileStatus::Available,
        path: String::new(),
    };
    store
        .record_history(
            c,
            &HistorySnapshot {
                pieces: &[piece(1002, NOW - 30_000_000), piece(1004, NOW - 3_600_000_000)],
                ..Default::default()
            },
        )
        .unwrap();
    let shown = watch.poll(&store, UtcMicros(NOW), EN, &all).unwrap();
    let mut got = kinds(&shown);
    got.sort_by_key(|k| format!("{k:?}"));
    // trade: the running job is past 60 min. billing: no backup in the strategy's 10 days, log 1 h behind.
    assert_eq!(
        got,
        [
            NoticeKind::DataBackupTimeout,
            NoticeKind::LogLatency,
            NoticeKind::NoDataBackup
        ],
        "{shown:#?}"
    );
    assert!(shown
        .iter()
        .any(|n| n.title == "Data backup of trade on hz is taking too long"));
    assert!(shown
        .iter()
        .any(|n| n.title == "No data backup of billing on hz for 10 days"));
    assert!(
        watch.poll(&store, UtcMicros(NOW + MIN), EN, &all).unwrap().is_empty(),
        "once per episode"
    );

    // Paused: nothing runs, nothing to alert on.
    store.set_strategy_paused(id, true, UtcMicros(NOW)).unwrap();
    assert!(watch
        .poll(&store, UtcMicros(NOW + 2 * MIN), EN, &all)
        .unwrap()
        .is_empty());
    store.set_strategy_paused(id, false, UtcMicros(NOW - 10 * DAY)).unwrap();
    assert_eq!(
        watch.poll(&store, UtcMicros(NOW + 3 * MIN), EN, &all).unwrap().len(),
        3,
        "enabled again: the conditions are a new episode"
    );

    // Offline: the cache ages, the offline banner speaks; the alerts do not.
    store
        .record_sync_attempt_failed(
            c,
            &desk_model::Words::verbatim("connection refused"),
            UtcMicros(NOW + 4 * MIN),
        )
        .unwrap();
    let mut fresh = NoticeWatch::start(&store, UtcMicros(NOW + 5 * MIN)).unwrap();
    assert!(fresh
        .poll(&store, UtcMicros(NOW + 5 * MIN), EN, &all)
        .unwrap()
        .is_empty());
}
