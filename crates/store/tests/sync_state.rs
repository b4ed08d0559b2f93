//! A sync pass lands in one transaction: mirrored state replaced, history kept, and a
//! pass that brings nothing new writes nothing.

use desk_model::backup::{ArchiveRound, BackupDestinations, BackupJob, BackupTask, DeletePolicy, Scn};
use desk_model::status::{ArchiveStatus, BackupJobStatus, BackupTaskStatus, BackupType};
use desk_model::{TenantRecord, UtcMicros};
use desk_store::{HistorySnapshot, NewCluster, Store, SyncPass};

fn tenant() -> TenantRecord {
    TenantRecord {
        ob_tenant_id: 1002,
        name: "trade".into(),
        tenant_type: "USER".into(),
        status: "NORMAL".into(),
        role: "PRIMARY".into(),
        log_mode: "ARCHIVELOG".into(),
        unit_num: 1,
    }
}

fn round(checkpoint: u64, status: ArchiveStatus) -> ArchiveRound {
    ArchiveRound {
        tenant_id: 1002,
        dest_id: 1001,
        round_id: 2,
        status,
        start_scn: Scn(1_795_000_000_000_000_000),
        checkpoint_scn: Scn(checkpoint),
        piece_switch_interval_secs: 86_400,
        input_bytes: 1,
        output_bytes: 1,
        comment: String::new(),
        path: "file:///a".into(),
    }
}

fn task(progress: u16) -> BackupTask {
    BackupTask {
        tenant_id: 1002,
        task_id: 7,
        job_id: 7,
        backup_set_id: 3,
        status: BackupTaskStatus::BackupDataMajor,
        start: Some(UtcMicros(1_000)),
        end: None,
        input_bytes: 10 * progress as u64,
        output_bytes: 0,
        tablet_count: 10,
        finish_tablet_count: 2,
        macro_block_count: 100,
        finish_macro_block_count: progress as u64 / 10,
        data_progress_permille: progress,
        comment: String::new(),
    }
}

fn job(status: BackupJobStatus) -> BackupJob {
    BackupJob {
        tenant_id: 1002,
        job_id: 7,
        incarnation: 1,
        backup_set_id: 3,
        plus_archivelog: false,
        backup_type: BackupType::Full,
        job_level: "USER_TENANT".into(),
        encryption_mode: "NONE".into(),
        start: Some(UtcMicros(1_000)),
        end: status.is_terminal().then_some(UtcMicros(9_000)),
        status,
        result: 0,
        comment: String::new(),
        description: String::new(),
        path: "file:///d".into(),
    }
}

#[test]
fn a_pass_replaces_the_mirrored_state_and_a_repeated_pass_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let c = store
        .upsert_cluster(&NewCluster {
            name: "c".into(),
            host: "h".into(),
            port: 1,
            sandbox: false,
        })
        .unwrap();
    let tenants = [tenant()];
    let dest = [BackupDestinations {
        tenant_id: 1002,
        data_backup_dest: Some("oss://b/d?host=h&access_id=***&access_key=***".into()),
        log_archive_dest: Some("file:///a".into()),
        log_archive_binding: "OPTIONAL".into(),
        piece_switch_interval_secs: 86_400,
        log_archive_state: "ENABLE".into(),
    }];
    let policy = [DeletePolicy {
        tenant_id: 1002,
        policy_name: "default".into(),
        recovery_window: "7d".into(),
    }];
    let running = [job(BackupJobStatus::Doing)];
    let archive = [round(1_795_000_100_000_000_000, ArchiveStatus::Doing)];
    let tasks = [task(400)];
    let pass = SyncPass {
        version: None,
        tenants: &tenants,
        history: HistorySnapshot {
            jobs: &running,
            ..Default::default()
        },
        archive: &archive,
        destinations: &dest,
        policies: &policy,
        tasks: &tasks,
        history_since: None,
        full_read: true,
        at: UtcMicros(5_000),
    };
    assert!(store.record_sync_pass(c, &pass).unwrap() > 0);
    assert_eq!(
        store.record_sync_pass(c, &pass).unwrap(),
        0,
        "nothing new: nothing written"
    );
    assert_eq!(store.backup_tasks_of(c, Some(1002)).unwrap(), tasks);
    assert_eq!(store.destinations_of(c, 1002).unwrap().unwrap(), dest[0]);
    assert_eq!(store.delete_policies_of(c, 1002).unwrap(), policy);
    assert_eq!(store.archive_state_of(c, 1002).unwrap(), archive);
    let mark = store.sync_mark(c).unwrap();
    assert_eq!((mark.last_full_at, mark.failures), (Some(UtcMicros(5_000)), 0));

    // A failed attempt counts, and touches no row.
    let refused = desk_model::Words::new("connection refused", "连接被拒绝");
    store.record_sync_attempt_failed(c, &refused, UtcMicros(6_000)).unwrap();
    store.record_sync_attempt_failed(c, &refused, UtcMicros(7_000)).unwrap();
    assert_eq!(store.sync_mark(c).unwrap().failures, 2);
    // The cluster's last error reads back in both languages.
    assert_eq!(store.cluster(c).unwrap().last_error, Some(refused));
    assert_eq!(store.backup_tasks_of(c, None).unwrap(), tasks);
    assert_eq!(store.cluster(c).unwrap().last_synced_at, Some(UtcMicros(5_000)));

    // Next pass: the job finished, its task is gone, the archive moved on, the policy dropped.
    let finished = [job(BackupJobStatus::Completed)];
    let moved = [round(1_795_000_200_000_000_000, ArchiveStatus::Doing)];
    let next = SyncPass {
        history: HistorySnapshot {
            jobs: &finished,
            ..Default::default()
        },
        archive: &moved,
        policies: &[],
        tasks: &[],
        history_since: Some(UtcMicros(9_000)),
        full_read: false,
        at: UtcMicros(8_000),
        ..pass
    };
    assert!(store.record_sync_pass(c, &next).unwrap() > 0);
    assert!(store.backup_tasks_of(c, None).unwrap().is_empty());
    assert!(store.delete_policies_of(c, 1002).unwrap().is_empty());
    assert_eq!(store.archive_state_of(c, 1002).unwrap(), moved);
    assert_eq!(
        store.backup_jobs_of(c, None).unwrap()[0].status,
        BackupJobStatus::Completed
    );
    let mark = store.sync_mark(c).unwrap();
    assert_eq!(mark.history_since, Some(UtcMicros(9_000)));
    assert_eq!(
        mark.last_full_at,
        Some(UtcMicros(5_000)),
        "an incremental pass keeps the last full read"
    );
    assert_eq!(mark.failures, 0);
    assert_eq!(store.cluster(c).unwrap().last_error, None);
}
