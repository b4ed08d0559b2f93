//! Imported history beside the live cluster it was exported from (the same job ids, the
//! same cluster and tenant names in its rows): live pages and the task center list only
//! live rows; the task center's "Show imported history" adds the imported ones, marked;
//! the imported cluster's own pages list its rows under its tenants' names.

use desk_model::backup::{ArchivePiece, BackupJob, BackupSetFile, RestoreJob, Scn};
use desk_model::exchange::{parse_history, to_json, HistoryExport};
use desk_model::status::{BackupJobStatus, BackupSetStatus, BackupType, FileStatus, PieceStatus, RestoreStatus};
use desk_model::tasks::{BackupTaskPage, RestoreTaskPage, TaskQuery};
use desk_model::{ClusterId, ObVersion, TenantRecord, UtcMicros};
use desk_store::{HistorySnapshot, NewCluster, Store};

const H: i64 = 3_600_000_000;
const T0: i64 = 1_795_132_800_000_000;

fn record(id: i64, name: &str) -> TenantRecord {
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

fn job(id: i64, tenant: i64) -> BackupJob {
    BackupJob {
        start: Some(UtcMicros(T0 + id * H)),
        end: Some(UtcMicros(T0 + id * H + 600_000_000)),
        ..BackupJob::sample(tenant, id, BackupJobStatus::Completed)
    }
}

fn restore(id: i64, source: &str, target: &str) -> RestoreJob {
    RestoreJob {
        backup_cluster_name: "ob-hz".into(),
        start: Some(UtcMicros(T0 + id * H)),
        finish: Some(UtcMicros(T0 + id * H + 600_000_000)),
        backup_tenant_name: source.into(),
        ..RestoreJob::sample(1, id, target, RestoreStatus::Success)
    }
}

fn set(id: i64, end_h: i64) -> BackupSetFile {
    BackupSetFile {
        tenant_id: 1002,
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
        input_bytes: 10,
        output_bytes: 10,
        path: "oss://b/trade/data?host=h&access_id=AKID&access_key=SECRET".into(),
        cluster_version: "4.3.5.6".into(),
    }
}

fn piece() -> ArchivePiece {
    ArchivePiece {
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
        path: "file:///b/trade/archive".into(),
    }
}

/// A live ob-hz (trade and billing, 4 backup jobs, 3 restores of trade, sets and a
/// piece), its export imported back into the same cache as ob-hz@laptop.
fn live_and_imported() -> (Store, ClusterId, ClusterId) {
    let mut store = Store::open_in_memory().unwrap();
    let hz = store
        .upsert_cluster(&NewCluster {
            name: "ob-hz".into(),
            host: "10.0.0.1".into(),
            port: 2881,
            sandbox: false,
        })
        .unwrap();
    store
        .record_sync_success(hz, Some(&"4.3.5.6".parse::<ObVersion>().unwrap()), UtcMicros(T0))
        .unwrap();
    store
        .replace_tenants(hz, &[record(1002, "trade"), record(1004, "billing")])
        .unwrap();
    let jobs = [job(1, 1002), job(2, 1002), job(3, 1004), job(4, 1002)];
    let restores = [
        restore(1, "trade", "trade_r1"),
        restore(2, "trade", "trade_r2"),
        restore(3, "trade", "trade_r3"),
    ];
    let sets = [set(1, 1), set(2, 5)];
    store
        .record_history(
            hz,
            &HistorySnapshot {
                jobs: &jobs,
                restores: &restores,
                sets: &sets,
                pieces: &[piece()],
            },
        )
        .unwrap();
    let (backups, restores) = store.history_for_export(None, None, None).unwrap();
    let (clusters, sets, pieces) = store.backups_for_export(None).unwrap();
    let file =
        HistoryExport::new(UtcMicros(T0 + 100 * H), "UTC", backups, restores).with_backups(clusters, sets, pieces);
    let bytes = to_json(&file).unwrap();
    assert!(
        !String::from_utf8_lossy(&bytes).contains("SECRET"),
        "the sets' paths are redacted"
    );
    store.import_history(&parse_history(&bytes).unwrap(), "laptop").unwrap();
    let imported = store
        .clusters()
        .unwrap()
        .into_iter()
        .find(|c| c.name == "ob-hz@laptop")
        .unwrap()
        .id;
    (store, hz, imported)
}

fn query(cluster: Option<ClusterId>, tenant: Option<i64>, include_imported: bool) -> TaskQuery {
    TaskQuery {
        cluster_id: cluster,
        ob_tenant_id: tenant,
        limit: 100,
        include_imported,
        ..Default::default()
    }
}

/// Each row as a person reads it: cluster, tenant, job, and the import's mark.
fn backups(page: &BackupTaskPage) -> Vec<(String, Option<String>, i64, Option<String>)> {
    page.rows
        .iter()
        .map(|r| {
            (
                r.cluster_name.clone(),
                r.tenant_name.clone(),
                r.job.job_id,
                r.imported_from.clone(),
            )
        })
        .collect()
}

fn restores(page: &RestoreTaskPage) -> Vec<(String, String, Option<String>)> {
    page.rows
        .iter()
        .map(|r| {
            (
                r.target_cluster.clone(),
                r.job.restore_tenant_name.clone(),
                r.imported_from.clone(),
            )
        })
        .collect()
}

#[test]
fn live_pages_and_the_task_center_list_only_live_rows_and_the_choice_adds_imported_ones_marked() {
    let (store, hz, _) = live_and_imported();
    let live = |t: &str| ("ob-hz".to_owned(), t.to_owned(), None);

    // The task center, by default: the live cluster's rows, once each.
    let center = store.backup_task_page(&query(None, None, false)).unwrap();
    assert_eq!(backups(&center).iter().map(|r| r.2).collect::<Vec<_>>(), [4, 3, 2, 1]);
    assert!(backups(&center).iter().all(|r| r.0 == "ob-hz" && r.3.is_none()));
    let center = store.restore_task_page(&query(None, None, false)).unwrap();
    assert_eq!(
        restores(&center),
        [live("trade_r3"), live("trade_r2"), live("trade_r1")]
    );

    // The live cluster's page and its tenant's page: imported restores of ob-hz's trade
    // (their rows still name ob-hz as the backup's cluster) are not listed as its own.
    for tenant in [None, Some(1002)] {
        let page = store.restore_task_page(&query(Some(hz), tenant, false)).unwrap();
        assert_eq!(restores(&page).len(), 3, "tenant {tenant:?}: {:?}", restores(&page));
        assert!(restores(&page).iter().all(|r| r.0 == "ob-hz" && r.2.is_none()));
        let page = store.backup_task_page(&query(Some(hz), tenant, false)).unwrap();
        assert!(backups(&page).iter().all(|r| r.0 == "ob-hz" && r.3.is_none()));
    }

    // "Show imported history": the imported rows too, each marked with its label.
    let center = store.backup_task_page(&query(None, None, true)).unwrap();
    let rows = backups(&center);
    assert_eq!(rows.len(), 8);
    let marked: Vec<_> = rows.iter().filter(|r| r.3.is_some()).collect();
    assert_eq!(marked.len(), 4);
    for r in marked {
        assert_eq!((r.0.as_str(), r.3.as_deref()), ("ob-hz@laptop", Some("laptop")));
    }
    // Named as on the live page: the export carried the tenants' names.
    assert!(rows.contains(&("ob-hz@laptop".into(), Some("billing".into()), 3, Some("laptop".into()))));
    let center = store.restore_task_page(&query(None, None, true)).unwrap();
    let rows = restores(&center);
    assert_eq!(rows.len(), 6);
    assert_eq!(
        rows.iter()
            .filter(|r| r.0 == "ob-hz@laptop" && r.2.as_deref() == Some("laptop"))
            .count(),
        3
    );
}

#[test]
fn the_imported_clusters_pages_list_its_rows_under_its_tenants_names() {
    let (store, _, imported) = live_and_imported();
    let cluster = store.cluster(imported).unwrap();
    assert_eq!(cluster.imported_from.as_deref(), Some("laptop"));
    assert_eq!(cluster.version.map(|v| v.to_string()).as_deref(), Some("4.3.5.6"));
    let names: Vec<String> = store
        .tenants(Some(imported))
        .unwrap()
        .into_iter()
        .map(|t| t.record.name)
        .collect();
    assert_eq!(names, ["billing", "trade"]);

    let page = store.backup_task_page(&query(Some(imported), None, false)).unwrap();
    let rows = backups(&page);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].1.as_deref(), Some("trade"));
    assert!(rows.iter().all(|r| r.3.as_deref() == Some("laptop")));
    // Its tenant's page finds the restores of trade, which its rows name as ob-hz's.
    let page = store
        .restore_task_page(&query(Some(imported), Some(1002), false))
        .unwrap();
    assert_eq!(restores(&page).len(), 3, "{:?}", restores(&page));
    assert!(restores(&page).iter().all(|r| r.0 == "ob-hz@laptop"));
    // The window's inputs came along, paths redacted.
    let backups = store.tenant_backups(imported, Some(1002)).unwrap();
    assert_eq!(backups[0].sets.len(), 2);
    assert_eq!(backups[0].pieces.len(), 1);
    assert!(
        backups[0].sets[0].path.contains("access_key=***"),
        "{}",
        backups[0].sets[0].path
    );
}

/// A file written before exports carried clusters: tenants are named from what the rows
/// name (a 3.x restore row's TENANT_ID is the restored tenant), never made up.
#[test]
fn an_older_export_names_tenants_from_its_rows() {
    let v3_restore = RestoreJob {
        start: Some(UtcMicros(T0)),
        ..RestoreJob::sample(1003, 7, "app_restored", RestoreStatus::Success)
    };
    let file = HistoryExport::new(
        UtcMicros(T0 + H),
        "UTC",
        [("legacy".to_owned(), job(1, 1002))],
        [("legacy".to_owned(), v3_restore)],
    );
    let mut text: serde_json::Value = serde_json::from_slice(&to_json(&file).unwrap()).unwrap();
    for key in ["clusters", "backupSets", "archivePieces"] {
        text.as_object_mut().unwrap().remove(key);
    }
    let mut store = Store::open_in_memory().unwrap();
    store
        .import_history(&parse_history(&serde_json::to_vec(&text).unwrap()).unwrap(), "old")
        .unwrap();
    let c = store.clusters().unwrap().remove(0);
    assert_eq!((c.name.as_str(), c.version), ("legacy@old", None));
    let tenants: Vec<(i64, String)> = store
        .tenants(Some(c.id))
        .unwrap()
        .into_iter()
        .map(|t| (t.record.ob_tenant_id, t.record.name))
        .collect();
    assert_eq!(tenants, [(1003, "app_restored".to_owned())]);
}
