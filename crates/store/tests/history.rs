//! The history is append-only: a sync upserts by OceanBase's keys and never deletes.

use desk_model::backup::{ArchivePiece, BackupJob, Scn};
use desk_model::status::{BackupJobStatus, BackupType, FileStatus, PieceStatus};
use desk_model::UtcMicros;
use desk_store::{HistorySnapshot, NewCluster, Store, StoreError};

fn job(id: i64, status: BackupJobStatus, end: Option<i64>) -> BackupJob {
    BackupJob {
        tenant_id: 1002,
        job_id: id,
        incarnation: 1,
        backup_set_id: id,
        plus_archivelog: false,
        backup_type: BackupType::Full,
        job_level: "USER_TENANT".into(),
        encryption_mode: "NONE".into(),
        start: Some(UtcMicros(id * 1_000_000)),
        end: end.map(UtcMicros),
        status,
        result: 0,
        comment: String::new(),
        description: String::new(),
        path: "file:///b".into(),
    }
}

/// A pass that read only backup jobs.
fn jobs_only(jobs: &[BackupJob]) -> HistorySnapshot<'_> {
    HistorySnapshot {
        jobs,
        ..Default::default()
    }
}

fn cluster(store: &mut Store, name: &str) -> desk_model::ClusterId {
    store
        .upsert_cluster(&NewCluster {
            name: name.into(),
            host: "h".into(),
            port: 1,
            sandbox: false,
        })
        .unwrap()
}

#[test]
fn a_running_job_finishes_in_place_and_purged_rows_stay() {
    let mut store = Store::open_in_memory().unwrap();
    let c = cluster(&mut store, "c");
    let first = [
        job(1, BackupJobStatus::Completed, Some(1_500_000)),
        job(2, BackupJobStatus::Doing, None),
    ];
    store.record_history(c, &jobs_only(&first)).unwrap();

    // Next pass: job 1 purged by the cluster, job 2 finished.
    let second = [job(2, BackupJobStatus::Completed, Some(2_500_000))];
    store.record_history(c, &jobs_only(&second)).unwrap();

    let jobs = store.backup_jobs_of(c, Some(1002)).unwrap();
    assert_eq!(jobs.len(), 2, "the purged job is still in the desk");
    assert_eq!(
        (jobs[0].job_id, jobs[0].status.clone()),
        (2, BackupJobStatus::Completed)
    );
    assert_eq!(jobs[0].end, Some(UtcMicros(2_500_000)));
}

#[test]
fn scn_sentinels_survive_the_round_trip_as_no_time() {
    let mut store = Store::open_in_memory().unwrap();
    let c = cluster(&mut store, "c");
    let piece = ArchivePiece {
        tenant_id: 1002,
        dest_id: 0,
        round_id: 1,
        piece_id: 1,
        status: PieceStatus::Active,
        start_scn: Scn(1_795_132_800_000_000_000),
        checkpoint_scn: Scn(1_795_219_200_000_000_000),
        max_scn: Scn(u64::MAX),
        end_scn: Scn(Scn::MAX_VALID),
        file_status: FileStatus::Available,
        path: String::new(),
    };
    store
        .record_history(
            c,
            &HistorySnapshot {
                pieces: std::slice::from_ref(&piece),
                ..Default::default()
            },
        )
        .unwrap();
    let back = &store.archive_pieces_of(c, 1002).unwrap()[0];
    assert_eq!(back.checkpoint_scn, piece.checkpoint_scn);
    assert_eq!(back.end_scn.to_micros(), None);
    assert_eq!(back.max_scn.to_micros(), None);
}

#[test]
fn a_read_only_cache_refuses_history_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    let c = {
        let (mut s, _) = Store::open(&path).unwrap();
        cluster(&mut s, "c")
    };
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let (mut s, _) = Store::open(&path).unwrap();
    let jobs = [job(1, BackupJobStatus::Doing, None)];
    let err = s.record_history(c, &jobs_only(&jobs)).unwrap_err();
    assert!(matches!(err, StoreError::NewerSchema { .. }));
}

#[test]
fn pages_filter_and_continue_where_the_last_one_ended() {
    let mut store = Store::open_in_memory().unwrap();
    let c = cluster(&mut store, "c");
    let jobs: Vec<BackupJob> = (1..=50)
        .map(|i| {
            let mut j = job(
                i,
                if i % 5 == 0 {
                    BackupJobStatus::Failed
                } else {
                    BackupJobStatus::Completed
                },
                None,
            );
            j.tenant_id = if i % 2 == 0 { 1002 } else { 1004 };
            j
        })
        .collect();
    store.record_history(c, &jobs_only(&jobs)).unwrap();

    let mut filter = desk_store::JobFilter {
        cluster: Some(c),
        ob_tenant_id: Some(1002),
        limit: 4,
        ..Default::default()
    };
    let first = store.backup_job_page(&filter).unwrap();
    assert_eq!(
        first.iter().map(|(_, j)| j.job_id).collect::<Vec<_>>(),
        [50, 48, 46, 44]
    );
    let last = &first.last().unwrap().1;
    filter.before = Some((last.start.unwrap(), last.job_id));
    let second = store.backup_job_page(&filter).unwrap();
    assert_eq!(
        second.iter().map(|(_, j)| j.job_id).collect::<Vec<_>>(),
        [42, 40, 38, 36]
    );

    let failed = desk_store::JobFilter {
        statuses: vec!["FAILED".into()],
        from: Some(UtcMicros(10_000_000)),
        to: Some(UtcMicros(40_000_000)),
        limit: 100,
        ..Default::default()
    };
    let ids: Vec<i64> = store
        .backup_job_page(&failed)
        .unwrap()
        .into_iter()
        .map(|(_, j)| j.job_id)
        .collect();
    assert_eq!(ids, [40, 35, 30, 25, 20, 15, 10]);

    let bad = desk_store::JobFilter {
        statuses: vec!["x') OR 1=1 --".into()],
        limit: 10,
        ..Default::default()
    };
    assert!(matches!(
        store.backup_job_page(&bad),
        Err(StoreError::Invalid { field: "statuses", .. })
    ));
    let huge = desk_store::JobFilter {
        limit: 100_000,
        ..Default::default()
    };
    assert!(matches!(
        store.backup_job_page(&huge),
        Err(StoreError::Invalid { field: "limit", .. })
    ));
}

/// A page of every cluster is newest first across clusters, and continues after its last row.
#[test]
fn a_page_of_every_cluster_interleaves_the_clusters_by_time() {
    let mut store = Store::open_in_memory().unwrap();
    let (a, b) = (cluster(&mut store, "a"), cluster(&mut store, "b"));
    // a has the even seconds, b the odd ones.
    for (c, parity) in [(a, 0), (b, 1)] {
        let jobs: Vec<BackupJob> = (1..=20)
            .filter(|i| i % 2 == parity)
            .map(|i| job(i, BackupJobStatus::Completed, None))
            .collect();
        store.record_history(c, &jobs_only(&jobs)).unwrap();
    }
    let mut filter = desk_store::JobFilter {
        limit: 5,
        ..Default::default()
    };
    let page = |store: &Store, filter: &desk_store::JobFilter| -> Vec<(i64, i64)> {
        store
            .backup_job_page(filter)
            .unwrap()
            .into_iter()
            .map(|(c, j)| (c.0, j.job_id))
            .collect()
    };
    assert_eq!(
        page(&store, &filter),
        [(a.0, 20), (b.0, 19), (a.0, 18), (b.0, 17), (a.0, 16)]
    );
    filter.before = Some((UtcMicros(16_000_000), 16));
    assert_eq!(
        page(&store, &filter),
        [(b.0, 15), (a.0, 14), (b.0, 13), (a.0, 12), (b.0, 11)]
    );
}

/// A first pass inserts; the same job read twice in it (running, then
/// finished) keeps its later reading, as an upsert would.
#[test]
fn a_job_read_twice_in_a_first_pass_keeps_its_later_reading() {
    let mut store = Store::open_in_memory().unwrap();
    let c = cluster(&mut store, "c");
    let jobs = [
        job(1, BackupJobStatus::Doing, None),
        job(2, BackupJobStatus::Completed, Some(2_500_000)),
        job(1, BackupJobStatus::Completed, Some(1_500_000)),
    ];
    store.record_history(c, &jobs_only(&jobs)).unwrap();
    let cached = store.backup_jobs_of(c, None).unwrap();
    assert_eq!(cached.len(), 2);
    let one = cached.iter().find(|j| j.job_id == 1).unwrap();
    assert_eq!(
        (one.status.clone(), one.end),
        (BackupJobStatus::Completed, Some(UtcMicros(1_500_000)))
    );
}

/// The history tables check their cluster once per write, not by a foreign key per row.
#[test]
fn history_of_an_unknown_cluster_is_refused_and_nothing_is_written() {
    let mut store = Store::open_in_memory().unwrap();
    let jobs = [job(1, BackupJobStatus::Completed, Some(1_500_000))];
    let err = store
        .record_history(desk_model::ClusterId(42), &jobs_only(&jobs))
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NotFound {
                what: "cluster",
                id: 42
            }
        ),
        "{err:?}"
    );
    assert!(store
        .backup_jobs_of(desk_model::ClusterId(42), None)
        .unwrap()
        .is_empty());
}
