//! Export -> import on a second, fresh cache reproduces the same rows, under
//! their own imported clusters; a refused file writes nothing.

use desk_model::backup::BackupJob;
use desk_model::exchange::{parse_history, HistoryExport};
use desk_model::status::{BackupJobStatus, BackupType};
use desk_model::{TenantRecord, UtcMicros};
use desk_store::{NewCluster, Store};

fn job(id: i64, hour: i64) -> BackupJob {
    BackupJob {
        tenant_id: 1002,
        job_id: id,
        incarnation: 1,
        backup_set_id: id,
        plus_archivelog: false,
        backup_type: if id % 3 == 0 {
            BackupType::Full
        } else {
            BackupType::Incremental
        },
        job_level: "USER_TENANT".into(),
        encryption_mode: "NONE".into(),
        start: Some(UtcMicros(1_795_132_800_000_000 + hour * 3_600_000_000)),
        end: Some(UtcMicros(1_795_132_800_000_000 + hour * 3_600_000_000 + 600_000_000)),
        status: if id % 5 == 0 {
            BackupJobStatus::Failed
        } else {
            BackupJobStatus::Completed
        },
        result: 0,
        comment: if id % 5 == 0 { "disk full".into() } else { String::new() },
        description: String::new(),
        path: "file:///b/trade/data".into(),
    }
}

#[test]
fn an_export_imported_on_a_fresh_cache_reproduces_the_rows_under_their_own_label() {
    let mut a = Store::open_in_memory().unwrap();
    let c = a
        .upsert_cluster(&NewCluster {
            name: "ob-hz".into(),
            host: "h".into(),
            port: 2881,
            sandbox: false,
        })
        .unwrap();
    a.replace_tenants(
        c,
        &[TenantRecord {
            ob_tenant_id: 1002,
            name: "trade".into(),
            tenant_type: "USER".into(),
            status: "NORMAL".into(),
            role: "PRIMARY".into(),
            log_mode: "ARCHIVELOG".into(),
            unit_num: 1,
        }],
    )
    .unwrap();
    let jobs: Vec<BackupJob> = (1..=40).map(|i| job(i, i)).collect();
    a.record_history(
        c,
        &desk_store::HistorySnapshot {
            jobs: &jobs,
            ..Default::default()
        },
    )
    .unwrap();

    let (backups, restores) = a.history_for_export(None, None, None).unwrap();
    let file = HistoryExport::new(UtcMicros(1_795_300_000_000_000), "Asia/Shanghai", backups, restores);
    let bytes = serde_json::to_vec(&file).unwrap();

    let mut b = Store::open_in_memory().unwrap();
    let report = b
        .import_history(&parse_history(&bytes).unwrap(), "laptop-1124")
        .unwrap();
    assert_eq!(report.clusters, ["ob-hz@laptop-1124"]);
    let imported = b.clusters().unwrap();
    assert_eq!(imported.len(), 1);
    assert_eq!(imported[0].imported_from.as_deref(), Some("laptop-1124"));
    let mut original = a.backup_jobs_of(c, None).unwrap();
    let mut copied = b.backup_jobs_of(imported[0].id, None).unwrap();
    original.sort_by_key(|j| j.job_id);
    copied.sort_by_key(|j| j.job_id);
    assert_eq!(copied, original);

    // The same label twice is refused, and nothing changes.
    let again = b
        .import_history(&parse_history(&bytes).unwrap(), "laptop-1124")
        .unwrap_err();
    assert!(again.to_string().contains("already in the desk"), "{again}");
    assert_eq!(b.clusters().unwrap().len(), 1);
    assert_eq!(b.backup_jobs_of(imported[0].id, None).unwrap().len(), 40);
}

/// The clusters and their rows are one transaction: a refusal met at the second
/// cluster (its name already taken) leaves no trace of the first, rows included.
#[test]
fn an_import_refused_halfway_leaves_nothing_of_the_clusters_before_it() {
    let jobs =
        |cluster: &str| -> Vec<(String, BackupJob)> { (1..=30).map(|i| (cluster.to_owned(), job(i, i))).collect() };
    let both = HistoryExport::new(
        UtcMicros(1_795_300_000_000_000),
        "UTC",
        jobs("ob-a").into_iter().chain(jobs("ob-b")),
        [],
    );
    let only_b = HistoryExport::new(UtcMicros(1_795_300_000_000_000), "UTC", jobs("ob-b"), []);
    let mut store = Store::open_in_memory().unwrap();
    store.import_history(&only_b, "desk2").unwrap();
    let before = store.clusters().unwrap();
    assert_eq!(before.len(), 1);

    // "ob-a@desk2" sorts first and is written, rows and all, before "ob-b@desk2" is refused.
    let e = store.import_history(&both, "desk2").unwrap_err();
    assert!(e.to_string().contains("ob-b@desk2 is already in the desk"), "{e}");
    assert_eq!(store.clusters().unwrap(), before, "ob-a@desk2 was rolled back");
    assert_eq!(store.backup_jobs_of(before[0].id, None).unwrap().len(), 30);

    // Under a free label both arrive, named in order.
    let report = store.import_history(&both, "desk3").unwrap();
    assert_eq!(report.clusters, ["ob-a@desk3", "ob-b@desk3"]);
    assert_eq!(report.backup_jobs, 60);
    for c in store.clusters().unwrap().iter().filter(|c| c.name.ends_with("@desk3")) {
        assert_eq!(store.backup_jobs_of(c.id, None).unwrap().len(), 30, "{}", c.name);
    }
}
