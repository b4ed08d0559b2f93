//! An imported cluster's Backup and Recovery page is computed from its imported rows by
//! the same code as a live cluster's: the same window, the same backup points, the
//! same tenants' names.

use desk_engine::pages::{backup_page_head, recoverable_period, recoverable_ranges};
use desk_model::backup::{ArchivePiece, BackupSetFile, Scn};
use desk_model::exchange::{parse_history, to_json, HistoryExport};
use desk_model::status::{BackupSetStatus, BackupType, FileStatus, PieceStatus};
use desk_model::{ObVersion, TenantRecord, UtcMicros};
use desk_store::{HistorySnapshot, NewCluster, Store};

const H: i64 = 3_600_000_000;
const T0: i64 = 1_795_132_800_000_000;

fn set(id: i64, end_h: i64) -> BackupSetFile {
    BackupSetFile {
        tenant_id: 1002,
        backup_set_id: id,
        backup_type: if id == 1 {
            BackupType::Full
        } else {
            BackupType::Incremental
        },
        dest_id: 0,
        prev_full_backup_set_id: if id == 1 { 0 } else { 1 },
        prev_inc_backup_set_id: id - 1,
        start: Some(UtcMicros(T0 + (end_h - 1) * H)),
        end: Some(UtcMicros(T0 + end_h * H)),
        status: BackupSetStatus::Success,
        file_status: FileStatus::Available,
        plus_archivelog: false,
        start_replay_scn: Scn::from_micros(UtcMicros(T0 + (end_h - 1) * H)),
        min_restore_scn: Scn::from_micros(UtcMicros(T0 + end_h * H)),
        input_bytes: 100 * id as u64,
        output_bytes: 100 * id as u64,
        path: "file:///b/trade/data".into(),
        cluster_version: "4.3.5.6".into(),
    }
}

#[test]
fn an_imported_cluster_shows_its_tenants_window_and_points_as_the_live_one_did() {
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
        .replace_tenants(
            hz,
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
    let piece = ArchivePiece {
        tenant_id: 1002,
        dest_id: 0,
        round_id: 1,
        piece_id: 1,
        status: PieceStatus::Active,
        start_scn: Scn::from_micros(UtcMicros(T0 - H)),
        checkpoint_scn: Scn::from_micros(UtcMicros(T0 + 30 * H)),
        max_scn: Scn(u64::MAX),
        end_scn: Scn(Scn::MAX_VALID),
        file_status: FileStatus::Available,
        path: "file:///b/trade/archive".into(),
    };
    store
        .record_history(
            hz,
            &HistorySnapshot {
                sets: &[set(1, 2), set(2, 12), set(3, 24)],
                pieces: &[piece],
                ..Default::default()
            },
        )
        .unwrap();
    let (backups, restores) = store.history_for_export(None, None, None).unwrap();
    let (clusters, sets, pieces) = store.backups_for_export(None).unwrap();
    let file =
        HistoryExport::new(UtcMicros(T0 + 40 * H), "UTC", backups, restores).with_backups(clusters, sets, pieces);
    store
        .import_history(&parse_history(&to_json(&file).unwrap()).unwrap(), "laptop")
        .unwrap();
    let imported = store
        .clusters()
        .unwrap()
        .into_iter()
        .find(|c| c.imported_from.is_some())
        .unwrap();
    assert_eq!(imported.name, "ob-hz@laptop");
    assert_eq!(imported.version.map(|v| v.to_string()).as_deref(), Some("4.3.5.6"));
    assert_eq!(store.tenants(Some(imported.id)).unwrap()[0].record.name, "trade");

    // The window: from the first full set's restorable point to the archive's checkpoint.
    let window = recoverable_ranges(&store, imported.id, 1002).unwrap();
    assert_eq!(window, recoverable_ranges(&store, hz, 1002).unwrap());
    assert_eq!(window.len(), 1);
    assert_eq!(
        (window[0].start, window[0].end),
        (UtcMicros(T0 + 2 * H), UtcMicros(T0 + 30 * H))
    );

    // The period chart's backup points, one per set, the same as the live page's.
    let now = UtcMicros(T0 + 40 * H);
    let period = recoverable_period(&store, imported.id, Some(1002), now, 0).unwrap();
    let points: Vec<(i64, UtcMicros)> = period.points.iter().map(|p| (p.backup_set_id, p.at)).collect();
    assert_eq!(
        points,
        [
            (1, UtcMicros(T0 + 2 * H)),
            (2, UtcMicros(T0 + 12 * H)),
            (3, UtcMicros(T0 + 24 * H))
        ]
    );
    assert_eq!(period, recoverable_period(&store, hz, Some(1002), now, 0).unwrap());
    assert!(!period.ranges.is_empty());

    // The card reads the same facts: something is recoverable.
    let head = backup_page_head(&store, imported.id, Some(1002)).unwrap();
    assert_eq!(
        head.overview,
        backup_page_head(&store, hz, Some(1002)).unwrap().overview
    );
    assert!(head.refusals.initiate_recovery.is_none(), "{:?}", head.refusals);
}
