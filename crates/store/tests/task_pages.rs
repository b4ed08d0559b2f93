//! The Backup and Recovery pages' queries: recovery tasks filtered, sorted and
//! keyset-paged; backup tasks with names; the overview's cached facts.

use desk_model::backup::{ArchivePiece, BackupJob, BackupSetFile, RestoreJob, Scn};
use desk_model::overview::TaskState;
use desk_model::status::{BackupJobStatus, BackupSetStatus, BackupType, FileStatus, PieceStatus, RestoreStatus};
use desk_model::tasks::{RestoreSortKey, TaskQuery};
use desk_model::{ClusterId, TenantRecord, UtcMicros};
use desk_store::{HistorySnapshot, NewCluster, Store, StoreError};

const H: i64 = 3_600_000_000;
const T0: i64 = 1_795_132_800_000_000;

fn cluster(store: &mut Store, name: &str, tenants: &[(i64, &str)]) -> ClusterId {
    let c = store
        .upsert_cluster(&NewCluster {
            name: name.into(),
            host: "h".into(),
            port: 1,
            sandbox: false,
        })
        .unwrap();
    let records: Vec<TenantRecord> = tenants
        .iter()
        .map(|(id, n)| TenantRecord {
            ob_tenant_id: *id,
            name: (*n).into(),
            tenant_type: "USER".into(),
            status: "NORMAL".into(),
            role: "PRIMARY".into(),
            log_mode: "ARCHIVELOG".into(),
            unit_num: 1,
        })
        .collect();
    store.replace_tenants(c, &records).unwrap();
    c
}

/// Restore `id` of `source` (on `source_cluster`) into `target`, started `id` hours after T0.
fn restore(id: i64, source_cluster: &str, source: &str, target: &str, status: RestoreStatus) -> RestoreJob {
    let failed = matches!(status, RestoreStatus::Failed);
    RestoreJob {
        tenant_id: 2000 + id,
        job_id: id,
        restore_tenant_name: target.into(),
        backup_tenant_name: source.into(),
        backup_cluster_name: source_cluster.into(),
        backup_dest: "oss://bucket/data?host=h&access_id=***&access_key=***".into(),
        restore_option: "pool_list=p".into(),
        // Restored to a point that sorts the other way round from the start time.
        restore_scn: Scn::from_micros(UtcMicros(T0 - id * H)),
        status,
        phase: String::new(),
        start: Some(UtcMicros(T0 + id * H)),
        finish: Some(UtcMicros(T0 + id * H + 600_000_000)),
        comment: if failed {
            "(ret=-9094) Restore log stream failed".into()
        } else {
            String::new()
        },
        running: false,
        ..RestoreJob::blank()
    }
}

fn seeded() -> (Store, ClusterId, ClusterId) {
    let mut store = Store::open_in_memory().unwrap();
    let hz = cluster(&mut store, "ob-hz", &[(1002, "trade"), (1004, "billing")]);
    let sh = cluster(&mut store, "ob-sh", &[(1002, "trade_dr")]);
    let on_hz: Vec<RestoreJob> = (1..=12)
        .map(|i| {
            let status = if i % 4 == 0 {
                RestoreStatus::Failed
            } else {
                RestoreStatus::Success
            };
            let source = if i % 2 == 0 { "trade" } else { "billing" };
            restore(i, "ob-hz", source, &format!("{source}_drill_{i}"), status)
        })
        .collect();
    store
        .record_history(
            hz,
            &HistorySnapshot {
                restores: &on_hz,
                ..Default::default()
            },
        )
        .unwrap();
    // A restore of hz's trade that ran on sh, and one of sh's own.
    let on_sh = [
        restore(
            13,
            "ob-hz",
            "trade",
            "trade_copy",
            RestoreStatus::WaitTenantRestoreFinish,
        ),
        restore(14, "ob-sh", "trade_dr", "trade_dr_copy", RestoreStatus::Success),
    ];
    store
        .record_history(
            sh,
            &HistorySnapshot {
                restores: &on_sh,
                ..Default::default()
            },
        )
        .unwrap();
    (store, hz, sh)
}

fn ids(page: &desk_model::tasks::RestoreTaskPage) -> Vec<i64> {
    page.rows.iter().map(|r| r.job.job_id).collect()
}

#[test]
fn a_tenants_recovery_tasks_are_restores_from_its_backups_wherever_they_ran() {
    let (store, hz, _) = seeded();
    let q = TaskQuery {
        cluster_id: Some(hz),
        ob_tenant_id: Some(1002),
        limit: 50,
        ..Default::default()
    };
    let page = store.restore_task_page(&q).unwrap();
    assert_eq!(ids(&page), [13, 12, 10, 8, 6, 4, 2], "newest first, trade's only");
    assert_eq!(page.rows[0].target_cluster, "ob-sh");
    assert_eq!(page.rows[0].state, TaskState::InProgress);
    assert_eq!(page.next, None);
    // The failed one carries OceanBase's cause.
    let failed = page.rows.iter().find(|r| r.job.job_id == 12).unwrap();
    assert_eq!(failed.state, TaskState::Failed);
    assert!(failed.job.comment.contains("-9094"));
    assert_eq!(failed.recovery_time, Some(UtcMicros(T0 - 12 * H)));

    // The cluster with no tenant: restores on it or from it (sh's own restore is not).
    let all = store
        .restore_task_page(&TaskQuery {
            ob_tenant_id: None,
            ..q.clone()
        })
        .unwrap();
    assert_eq!(all.rows.len(), 13);
    // Every cluster.
    let everywhere = store
        .restore_task_page(&TaskQuery {
            cluster_id: None,
            ob_tenant_id: None,
            ..q
        })
        .unwrap();
    assert_eq!(everywhere.rows.len(), 14);
}

#[test]
fn recovery_tasks_filter_by_state_and_start_time_and_sort_by_the_seeds_columns() {
    let (store, hz, _) = seeded();
    let base = TaskQuery {
        cluster_id: Some(hz),
        limit: 50,
        ..Default::default()
    };
    let failed = store
        .restore_task_page(&TaskQuery {
            states: vec![TaskState::Failed],
            ..base.clone()
        })
        .unwrap();
    assert_eq!(ids(&failed), [12, 8, 4]);
    let window = store
        .restore_task_page(&TaskQuery {
            from: Some(UtcMicros(T0 + 3 * H)),
            to: Some(UtcMicros(T0 + 6 * H)),
            ..base.clone()
        })
        .unwrap();
    assert_eq!(ids(&window), [6, 5, 4, 3]);
    let by_recovery_time = store
        .restore_task_page(&TaskQuery {
            sort: RestoreSortKey::RecoveryTime,
            ascending: true,
            limit: 3,
            ..base.clone()
        })
        .unwrap();
    assert_eq!(ids(&by_recovery_time), [13, 12, 11], "earliest recovery point first");
    let by_id = store
        .restore_task_page(&TaskQuery {
            sort: RestoreSortKey::Id,
            ascending: true,
            limit: 3,
            ..base
        })
        .unwrap();
    assert_eq!(ids(&by_id), [1, 2, 3]);
}

#[test]
fn recovery_pages_continue_after_their_cursor_in_every_sort_order() {
    let (store, _, _) = seeded();
    for sort in [
        RestoreSortKey::Id,
        RestoreSortKey::StartTime,
        RestoreSortKey::EndTime,
        RestoreSortKey::RecoveryTime,
    ] {
        for ascending in [false, true] {
            let mut q = TaskQuery {
                sort,
                ascending,
                limit: 5,
                ..Default::default()
            };
            let whole = ids(&store
                .restore_task_page(&TaskQuery {
                    limit: 100,
                    ..q.clone()
                })
                .unwrap());
            let mut walked = Vec::new();
            loop {
                let page = store.restore_task_page(&q).unwrap();
                walked.extend(ids(&page));
                match page.next {
                    Some(c) => q.after = Some(c),
                    None => break,
                }
            }
            assert_eq!(walked, whole, "{sort:?} ascending={ascending}");
            assert_eq!(walked.len(), 14);
        }
    }
}

#[test]
fn a_tenant_outside_the_cache_or_without_its_cluster_is_refused_by_field() {
    let (store, hz, _) = seeded();
    let err = store
        .restore_task_page(&TaskQuery {
            cluster_id: Some(hz),
            ob_tenant_id: Some(9999),
            limit: 10,
            ..Default::default()
        })
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::NotFound {
            what: "tenant",
            id: 9999
        }
    ));
    let err = store
        .backup_task_page(&TaskQuery {
            ob_tenant_id: Some(1002),
            limit: 10,
            ..Default::default()
        })
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Invalid {
            field: "obTenantId",
            ..
        }
    ));
    let err = store.restore_task_page(&TaskQuery::default()).unwrap_err();
    assert!(matches!(err, StoreError::Invalid { field: "limit", .. }));
}

fn job(id: i64, tenant: i64, status: BackupJobStatus) -> BackupJob {
    BackupJob {
        tenant_id: tenant,
        job_id: id,
        incarnation: 1,
        backup_set_id: id,
        plus_archivelog: false,
        backup_type: BackupType::Full,
        job_level: "USER_TENANT".into(),
        encryption_mode: "NONE".into(),
        start: Some(UtcMicros(T0 + id * H)),
        end: None,
        status,
        result: 0,
        comment: String::new(),
        description: String::new(),
        path: "file:///b".into(),
    }
}

fn set(id: i64, tenant: i64, end_h: i64, bytes: u64) -> BackupSetFile {
    BackupSetFile {
        tenant_id: tenant,
        backup_set_id: id,
        backup_type: BackupType::Full,
        dest_id: 0,
        prev_full_backup_set_id: 0,
        prev_inc_backup_set_id: 0,
        start: Some(UtcMicros(T0 + (end_h - 1) * H)),
        end: Some(UtcMicros(T0 + end_h * H)),
        status: BackupSetStatus::Success,
        file_status: FileStatus::Available,
        plus_archivelog: false,
        start_replay_scn: Scn::from_micros(UtcMicros(T0 + (end_h - 1) * H)),
        min_restore_scn: Scn::from_micros(UtcMicros(T0 + end_h * H)),
        input_bytes: bytes,
        output_bytes: bytes,
        path: String::new(),
        cluster_version: String::new(),
    }
}

#[test]
fn backup_tasks_page_with_names_and_states_and_the_overview_facts_are_per_tenant() {
    let mut store = Store::open_in_memory().unwrap();
    let hz = cluster(&mut store, "ob-hz", &[(1002, "trade"), (1004, "billing")]);
    let mut jobs: Vec<BackupJob> = (1..=7)
        .map(|i| job(i, if i % 2 == 0 { 1002 } else { 1004 }, BackupJobStatus::Completed))
        .collect();
    jobs.push(job(8, 1004, BackupJobStatus::Doing));
    let mut parent = job(9, 1, BackupJobStatus::Failed);
    parent.job_level = "CLUSTER".into();
    jobs.push(parent);
    let sets = [set(1, 1002, 1, 10), set(2, 1002, 5, 20), set(1, 1004, 3, 30)];
    let piece = ArchivePiece {
        tenant_id: 1002,
        dest_id: 0,
        round_id: 1,
        piece_id: 1,
        status: PieceStatus::Active,
        start_scn: Scn::from_micros(UtcMicros(T0 - H)),
        checkpoint_scn: Scn::from_micros(UtcMicros(T0 + 9 * H)),
        max_scn: Scn(u64::MAX),
        end_scn: Scn(Scn::MAX_VALID),
        file_status: FileStatus::Available,
        path: String::new(),
    };
    store
        .record_history(
            hz,
            &HistorySnapshot {
                jobs: &jobs,
                sets: &sets,
                pieces: std::slice::from_ref(&piece),
                ..Default::default()
            },
        )
        .unwrap();

    let mut q = TaskQuery {
        cluster_id: Some(hz),
        limit: 4,
        ..Default::default()
    };
    let first = store.backup_task_page(&q).unwrap();
    assert_eq!(
        first.rows.iter().map(|r| r.job.job_id).collect::<Vec<_>>(),
        [9, 8, 7, 6]
    );
    assert_eq!(
        first.rows[0].tenant_name, None,
        "the cluster-level parent job has no tenant"
    );
    assert_eq!(first.rows[1].tenant_name.as_deref(), Some("billing"));
    assert_eq!(first.rows[1].state, TaskState::InProgress);
    assert_eq!(first.rows[0].cluster_name, "ob-hz");
    q.after = first.next;
    let second = store.backup_task_page(&q).unwrap();
    assert_eq!(
        second.rows.iter().map(|r| r.job.job_id).collect::<Vec<_>>(),
        [5, 4, 3, 2]
    );
    q.after = second.next;
    let last = store.backup_task_page(&q).unwrap();
    assert_eq!((last.rows.len(), last.next), (1, None));

    let running = TaskQuery {
        cluster_id: Some(hz),
        states: vec![TaskState::InProgress],
        limit: 10,
        ..Default::default()
    };
    assert_eq!(store.backup_task_page(&running).unwrap().rows.len(), 1);
    assert!(store.backup_running(hz, None).unwrap());
    assert!(store.backup_running(hz, Some(1004)).unwrap());
    assert!(!store.backup_running(hz, Some(1002)).unwrap());

    let trade = store.tenant_backups(hz, Some(1002)).unwrap();
    assert_eq!(trade.len(), 1);
    assert_eq!((trade[0].sets.len(), trade[0].pieces.len()), (2, 1));
    let all = store.tenant_backups(hz, None).unwrap();
    assert_eq!(all.iter().map(|t| t.ob_tenant_id).collect::<Vec<_>>(), [1002, 1004]);

    let logs = store.log_backup_rows(Some(hz), None).unwrap();
    assert_eq!(logs.len(), 1);
    assert_eq!(logs[0].tenant_name.as_deref(), Some("trade"));
    assert_eq!(logs[0].cluster_name, "ob-hz");
    // The task center's every cluster: the same piece, with its cluster named.
    let every = store.log_backup_rows(None, None).unwrap();
    assert_eq!(every, logs);
    assert_eq!(logs[0].checkpoint, Some(UtcMicros(T0 + 9 * H)));
}

#[test]
fn a_backup_tasks_source_comes_from_the_journal() {
    use desk_model::journal::{JournalAction, JournalState};
    use desk_model::tasks::TaskSource;
    use desk_store::{JournalUpdate, NewJournalEntry};

    let mut store = Store::open_in_memory().unwrap();
    let hz = cluster(&mut store, "ob-hz", &[(1002, "trade")]);
    let jobs: Vec<BackupJob> = (1..=3).map(|i| job(i, 1002, BackupJobStatus::Completed)).collect();
    store
        .record_history(
            hz,
            &HistorySnapshot {
                jobs: &jobs,
                ..Default::default()
            },
        )
        .unwrap();
    for (job_id, actor) in [(1, "dba"), (2, "scheduler:4")] {
        let id = store
            .journal_begin(&NewJournalEntry {
                cluster: hz,
                tenant_name: Some("trade".into()),
                actor: actor.into(),
                action: JournalAction::BackupTenant,
                params: "{}".into(),
                baseline_job: 0,
                created_at: UtcMicros(T0),
            })
            .unwrap();
        store
            .journal_update(
                id,
                &JournalUpdate {
                    state: JournalState::Confirmed,
                    job_id: Some(job_id),
                    at: UtcMicros(T0),
                    error_code: None,
                    error_message: None,
                },
            )
            .unwrap();
    }
    let page = store
        .backup_task_page(&TaskQuery {
            cluster_id: Some(hz),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    let source = |id: i64| page.rows.iter().find(|r| r.job.job_id == id).unwrap().source;
    assert_eq!(source(1), TaskSource::Manual);
    assert_eq!(source(2), TaskSource::Scheduled);
    assert_eq!(source(3), TaskSource::OutsideTheDesk);
}

#[test]
fn a_running_restores_row_carries_its_progress_from_the_cached_row() {
    let mut store = Store::open_in_memory().unwrap();
    let hz = cluster(&mut store, "ob-hz", &[(1002, "trade")]);
    let running = RestoreJob {
        phase: "RESTORING".into(),
        finish: None,
        running: true,
        total_bytes: 800,
        finish_bytes: 200,
        tablet_count: 10,
        finish_tablet_count: 5,
        ..restore(
            1,
            "ob-hz",
            "trade",
            "trade_drill",
            RestoreStatus::WaitTenantRestoreFinish,
        )
    };
    let ended = restore(2, "ob-hz", "trade", "trade_drill_2", RestoreStatus::Success);
    store
        .record_history(
            hz,
            &HistorySnapshot {
                restores: &[running, ended],
                ..Default::default()
            },
        )
        .unwrap();
    let page = store
        .restore_task_page(&TaskQuery {
            cluster_id: Some(hz),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    let row = |id: i64| page.rows.iter().find(|r| r.job.job_id == id).unwrap();
    let p = row(1).progress.as_ref().expect("a running restore has progress");
    // The restored tenant's phase, not the sys job's; bytes lead the percent.
    assert_eq!((p.phase.as_str(), p.percent, p.terminal), ("RESTORING", 25, false));
    assert_eq!(p.bytes.map(|b| (b.done, b.total)), Some((200, Some(800))));
    assert_eq!(p.log_streams, None, "0 log streams is none reported");
    assert_eq!(p.start, Some(UtcMicros(T0 + H)));
    assert_eq!(row(2).progress, None, "an ended restore shows its state alone");
}
