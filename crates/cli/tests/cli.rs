//! The built `desk` binary against a cache seeded in a temp data dir: what a script
//! sees on stdout, stderr and in the exit code.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use desk_model::backup::{ArchivePiece, BackupJob, BackupSetFile, RestoreJob, Scn};
use desk_model::exchange::HistoryExport;
use desk_model::status::{BackupJobStatus, BackupSetStatus, BackupType, FileStatus, PieceStatus, RestoreStatus};
use desk_model::window::tenant_window;
use desk_model::{ObVersion, TenantRecord, UtcMicros};
use desk_store::{HistorySnapshot, NewCluster, Store, CACHE_FILE_NAME};
use serde_json::Value;

const HOUR: i64 = 3_600_000_000;
/// 2026-11-20T00:00:00Z.
const T0: i64 = 1_795_132_800_000_000;

fn desk(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_desk"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("DESK_TEST_PASSWORD")
        .output()
        .unwrap()
}

fn json_of(out: &Output) -> Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

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

fn job(tenant_id: i64, job_id: i64, hours: i64, status: BackupJobStatus) -> BackupJob {
    BackupJob {
        backup_type: if job_id % 4 == 1 {
            BackupType::Full
        } else {
            BackupType::Incremental
        },
        start: Some(UtcMicros(T0 + hours * HOUR)),
        end: Some(UtcMicros(T0 + hours * HOUR + 600_000_000)),
        // A credential that should never have reached the cache: the export redacts it anyway.
        path: "oss://bucket/trade?host=h&access_id=AKID&access_key=TOPSECRET".into(),
        ..BackupJob::sample(tenant_id, job_id, status)
    }
}

/// A cache with one real cluster (two tenants, 20 jobs each) and one sandbox cluster.
fn seed(dir: &Path) {
    let (mut store, _) = Store::open(&dir.join(CACHE_FILE_NAME)).unwrap();
    let c = store
        .upsert_cluster(&NewCluster {
            name: "prod-hz".into(),
            host: "127.0.0.1".into(),
            port: 1,
            sandbox: false,
        })
        .unwrap();
    store
        .replace_tenants(c, &[tenant(1002, "trade"), tenant(1004, "billing")])
        .unwrap();
    let mut jobs = Vec::new();
    for i in 1..=20 {
        let status = if i % 5 == 0 {
            BackupJobStatus::Failed
        } else {
            BackupJobStatus::Completed
        };
        jobs.push(job(1002, i, i, status.clone()));
        jobs.push(job(1004, i, i, status));
    }
    let restore = RestoreJob {
        tenant_id: 1010,
        job_id: 1,
        restore_tenant_name: "trade_copy".into(),
        backup_tenant_name: "trade".into(),
        backup_cluster_name: "prod-hz".into(),
        backup_dest: "oss://bucket/trade?host=h&access_id=AKID&access_key=TOPSECRET".into(),
        restore_option: "pool_list=p1".into(),
        restore_scn: Scn::from_micros(UtcMicros(T0 + 5 * HOUR)),
        status: RestoreStatus::Failed,
        phase: String::new(),
        start: Some(UtcMicros(T0 + 30 * HOUR)),
        finish: Some(UtcMicros(T0 + 31 * HOUR)),
        backup_set_list: String::new(),
        backup_piece_list: String::new(),
        total_bytes: 10,
        finish_bytes: 5,
        ls_count: 1,
        finish_ls_count: 0,
        tablet_count: 1,
        finish_tablet_count: 0,
        comment: "(ret=-4013) No memory".into(),
        description: String::new(),
        running: false,
    };
    store
        .record_history(
            c,
            &HistorySnapshot {
                jobs: &jobs,
                restores: std::slice::from_ref(&restore),
                ..Default::default()
            },
        )
        .unwrap();
    let s = store
        .upsert_cluster(&NewCluster {
            name: "sandbox-hz".into(),
            host: "127.0.0.1".into(),
            port: 2,
            sandbox: true,
        })
        .unwrap();
    store.replace_tenants(s, &[tenant(1002, "trade_sb")]).unwrap();
}

#[test]
fn tasks_filter_like_the_page_and_page_with_a_cursor() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let out = desk(
        dir.path(),
        &[
            "--json",
            "tasks",
            "--tenant",
            "trade",
            "--status",
            "FAILED",
            "--from",
            "2026-11-20T13:00:00+08:00", // 05:00Z: hour 5 onwards
            "--to",
            "2026-11-20T15:00:00Z",
        ],
    );
    let v = json_of(&out);
    let ids: Vec<i64> = v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["jobId"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ids,
        [15, 10, 5],
        "trade's failed jobs from 05:00Z to 15:00Z, newest first"
    );
    let first = &v["tasks"][0];
    assert_eq!(first["cluster"], "prod-hz");
    assert_eq!(first["tenantId"], 1002);
    assert_eq!(first["status"], "FAILED");
    assert_eq!(first["startUtc"], "2026-11-20T15:00:00.000000+00:00");
    assert_eq!(first["utcOffset"], "+00:00");
    assert!(!first["path"].as_str().unwrap().contains("TOPSECRET"));

    let page1 = json_of(&desk(
        dir.path(),
        &["--json", "tasks", "--cluster", "prod-hz", "--limit", "3"],
    ));
    let next = page1["next"].as_str().unwrap().to_owned();
    let page2 = json_of(&desk(
        dir.path(),
        &[
            "--json",
            "tasks",
            "--cluster",
            "prod-hz",
            "--limit",
            "3",
            "--after",
            &next,
        ],
    ));
    let starts = |p: &Value| -> Vec<String> {
        p["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["startUtc"].as_str().unwrap().to_owned())
            .collect()
    };
    let (a, b) = (starts(&page1), starts(&page2));
    assert_eq!(a.len(), 3);
    assert_eq!(b.len(), 3);
    assert!(
        a.last().unwrap() >= b.first().unwrap(),
        "page 2 continues after page 1: {a:?} {b:?}"
    );

    let restores = json_of(&desk(
        dir.path(),
        &["--json", "restores", "--tenant", "trade", "--status", "FAILED"],
    ));
    let r = &restores["restores"][0];
    assert_eq!(r["restoreTenantName"], "trade_copy");
    assert_eq!(r["comment"], "(ret=-4013) No memory");
    assert!(!r["backupDest"].as_str().unwrap().contains("TOPSECRET"));
    let none = json_of(&desk(dir.path(), &["--json", "restores", "--status", "SUCCESS"]));
    assert!(none["restores"].as_array().unwrap().is_empty());

    let tenants = json_of(&desk(dir.path(), &["--json", "tenants", "--cluster", "prod-hz"]));
    let names: Vec<&str> = tenants["tenants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["billing", "trade"]);
}

#[test]
fn exports_hold_every_matching_row_in_utc_and_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let csv_path = dir.path().join("backups.csv");
    let out = desk(
        dir.path(),
        &[
            "export",
            "--format",
            "csv",
            "--kind",
            "backup",
            "--cluster",
            "prod-hz",
            "--output",
            csv_path.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("40 backup jobs and 0 restores written to"),
        "{}",
        stderr(&out)
    );
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("kind,cluster,tenant_id,job_id,"), "{header}");
    assert!(header.contains("start_utc,start_local (UTC)"), "{header}");
    assert_eq!(lines.count(), 40, "every job of both tenants");
    assert!(csv.contains("2026-11-20T20:00:00.000000Z"));
    for secret in ["TOPSECRET", "AKID"] {
        assert!(!csv.contains(secret), "{secret} leaked into the CSV");
    }

    let out = desk(dir.path(), &["export", "--format", "json", "--kind", "restore"]);
    let file: Value = json_of(&out);
    assert_eq!(file["format"], "ob-backup-desk/history");
    assert_eq!(file["restoreJobs"].as_array().unwrap().len(), 1);
    assert_eq!(file["backupJobs"], Value::Array(Vec::new()));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("TOPSECRET") && !text.contains("AKID"), "{text}");

    // The task pages' filters hold: trade's failed jobs, and its failed restore.
    let out = desk(
        dir.path(),
        &[
            "export",
            "--format",
            "json",
            "--tenant",
            "trade",
            "--status",
            "failed",
            "--from",
            "2026-11-20T14:00:00+08:00",
        ],
    );
    let file: Value = json_of(&out);
    let jobs: Vec<(i64, i64)> = file["backupJobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["job"]["tenantId"].as_i64().unwrap(),
                r["job"]["jobId"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(jobs, [(1002, 20), (1002, 15), (1002, 10)], "from 06:00Z, newest first");
    assert_eq!(file["restoreJobs"][0]["job"]["restoreTenantName"], "trade_copy");

    let out = desk(dir.path(), &["export", "--format", "csv", "--zone", "Mars/Olympus"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("desk: --zone: \"Mars/Olympus\" is not an IANA time zone"),
        "{}",
        stderr(&out)
    );
}

/// The requirement: `export` writes the format the app imports, and the app's CSV
/// equals the CLI's. The app writes `to_json`/`to_csv` of `HistoryExport::new` over
/// `history_for_export` (src-tauri/src/exchange.rs); the CLI's file is compared with
/// exactly that, made here from the same cache.
#[test]
fn the_cli_export_is_the_apps_file_and_imports_back() {
    use desk_model::exchange::{to_csv, to_json};

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    seed(&data);
    let json_path = dir.path().join("history.json");
    let out = desk(
        &data,
        &["export", "--format", "json", "--output", json_path.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (store, _) = Store::open(&data.join(CACHE_FILE_NAME)).unwrap();
    let apps = |now: UtcMicros, zone: &str, cluster, from| {
        let (backups, restores) = store.history_for_export(cluster, from, None).unwrap();
        let (clusters, sets, pieces) = store.backups_for_export(cluster).unwrap();
        HistoryExport::new(now, zone, backups, restores).with_backups(clusters, sets, pieces)
    };
    let bytes = std::fs::read(&json_path).unwrap();
    let cli: HistoryExport = serde_json::from_slice(&bytes).unwrap();
    let app = apps(cli.exported_at.micros, "UTC", None, None);
    assert_eq!(
        bytes,
        to_json(&app).unwrap(),
        "the CLI's JSON is the app's, byte for byte"
    );
    assert_eq!((app.backup_jobs.len(), app.restore_jobs.len()), (40, 1));

    // The CSV, in the app's display zone, filtered as the app filters.
    let prod = store
        .clusters()
        .unwrap()
        .into_iter()
        .find(|c| c.name == "prod-hz")
        .unwrap();
    let out = desk(
        &data,
        &[
            "export",
            "--format",
            "csv",
            "--zone",
            "Asia/Shanghai",
            "--cluster",
            "prod-hz",
            "--from",
            "2026-11-20T10:00:00Z",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let app = apps(
        UtcMicros(T0),
        "Asia/Shanghai",
        Some(prod.id),
        Some(UtcMicros(T0 + 10 * HOUR)),
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(to_csv(&app)).unwrap()
    );
    assert_eq!(app.backup_jobs.len(), 22, "hours 10 to 20 of both tenants");
    drop(store);

    // The JSON imports through `desk import` into another desk, every row intact.
    let other = dir.path().join("other");
    let v = json_of(&desk(
        &other,
        &["--json", "import", json_path.to_str().unwrap(), "--label", "from-cli"],
    ));
    assert_eq!(
        v["clusters"],
        serde_json::json!([{ "cluster": "prod-hz@from-cli", "backupJobs": 40, "restoreJobs": 1 }])
    );
    let (a, _) = Store::open(&data.join(CACHE_FILE_NAME)).unwrap();
    let (b, _) = Store::open(&other.join(CACHE_FILE_NAME)).unwrap();
    let copy = b.clusters().unwrap()[0].id;
    let redacted = |j: BackupJob| BackupJob {
        path: desk_model::storage::redact(&j.path),
        ..j
    };
    let original: Vec<BackupJob> = a
        .backup_jobs_of(prod.id, None)
        .unwrap()
        .into_iter()
        .map(redacted)
        .collect();
    assert_eq!(b.backup_jobs_of(copy, None).unwrap(), original);
    let restores = b.restore_jobs_of(copy).unwrap();
    assert_eq!(restores.len(), 1);
    assert_eq!(restores[0].comment, "(ret=-4013) No memory");
    assert!(!restores[0].backup_dest.contains("TOPSECRET"));
}

#[test]
fn exit_codes_and_messages_fit_scripts() {
    let empty = tempfile::tempdir().unwrap();
    let out = desk(empty.path(), &["tasks"]);
    assert_eq!(out.status.code(), Some(3), "no cache: not found");
    assert!(stderr(&out).contains("no cache at"));

    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let out = desk(dir.path(), &["tasks", "--from", "2026-11-20 08:00"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--from:") && stderr(&out).contains("RFC 3339"),
        "{}",
        stderr(&out)
    );

    let out = desk(dir.path(), &["tasks", "--status", "no such"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--status:"));

    let out = desk(dir.path(), &["tasks", "--limit", "5000"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--limit:"), "{}", stderr(&out));

    let out = desk(dir.path(), &["tasks", "--limit", "many"]);
    assert_eq!(out.status.code(), Some(2), "clap's own refusal");

    let out = desk(dir.path(), &["tasks", "--cluster", "nowhere"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("--cluster:"));

    let out = desk(dir.path(), &["tasks", "--tenant", "nobody"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("--tenant:"));

    // The sandbox cluster is skipped, not failed; the real one is unreachable (port 1).
    let out = desk(dir.path(), &["--json", "sync", "--cluster", "sandbox-hz"]);
    let v = json_of(&out);
    assert_eq!(v["clusters"][0]["result"], "skipped");
    let out = desk(dir.path(), &["sync", "--cluster", "prod-hz"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));

    let out = desk(
        dir.path(),
        &[
            "sync",
            "--host",
            "127.0.0.1",
            "--port",
            "1",
            "--password-env",
            "DESK_TEST_PASSWORD",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--password-env:"));
}

/// The SCN `hours` after T0.
fn scn_at(hours: i64) -> Scn {
    Scn::from_micros(UtcMicros(T0 + hours * HOUR))
}

/// A successful, available set of `trade` (1002) in data destination `dest`.
fn backup_set(
    id: i64,
    dest: i64,
    prev_full: i64,
    prev_inc: i64,
    replay_h: i64,
    min_h: i64,
    path: &str,
) -> BackupSetFile {
    BackupSetFile {
        tenant_id: 1002,
        backup_set_id: id,
        backup_type: if prev_full == 0 {
            BackupType::Full
        } else {
            BackupType::Incremental
        },
        dest_id: dest,
        prev_full_backup_set_id: prev_full,
        prev_inc_backup_set_id: prev_inc,
        start: Some(UtcMicros(T0 + replay_h * HOUR)),
        end: Some(UtcMicros(T0 + min_h * HOUR)),
        status: BackupSetStatus::Success,
        file_status: FileStatus::Available,
        plus_archivelog: false,
        start_replay_scn: scn_at(replay_h),
        min_restore_scn: scn_at(min_h),
        input_bytes: 1 << 30,
        output_bytes: 1 << 29,
        path: path.into(),
        cluster_version: "4.2.1.0".into(),
    }
}

/// A frozen piece of `trade` in archive destination 1003, archived up to `ckpt_h`.
fn archive_piece(round: i64, id: i64, start_h: i64, end_h: i64, ckpt_h: i64) -> ArchivePiece {
    ArchivePiece {
        tenant_id: 1002,
        dest_id: 1003,
        round_id: round,
        piece_id: id,
        status: PieceStatus::Frozen,
        start_scn: scn_at(start_h),
        checkpoint_scn: scn_at(ckpt_h),
        max_scn: scn_at(ckpt_h),
        end_scn: scn_at(end_h),
        file_status: FileStatus::Available,
        path: "file:///b/trade/archive".into(),
    }
}

/// `trade` on a 4.2.1 cluster: sets 1-2 in data destination 1001, then 3-5 in 1002 (a
/// credential that should never have reached the cache in its path); its log runs from
/// T0 to hour 36 (piece 2 frozen an hour short of its end), then from hour 40 after a gap.
/// `billing` has nothing backed up.
fn seed_backups(dir: &Path) -> (Vec<BackupSetFile>, Vec<ArchivePiece>) {
    const DATA1: &str = "file:///b/trade/data1";
    const DATA2: &str = "oss://bucket/trade/data2?host=h&access_id=AKID&access_key=TOPSECRET";
    let sets = vec![
        backup_set(1, 1001, 0, 0, 1, 2, DATA1),
        backup_set(2, 1001, 1, 1, 10, 11, DATA1),
        backup_set(3, 1002, 0, 0, 20, 21, DATA2),
        backup_set(4, 1002, 3, 3, 30, 31, DATA2),
        backup_set(5, 1002, 0, 0, 45, 46, DATA2),
    ];
    let pieces = vec![
        archive_piece(1, 1, 0, 12, 12),
        archive_piece(1, 2, 12, 24, 23),
        archive_piece(1, 3, 24, 36, 36),
        archive_piece(2, 4, 40, 60, 60),
    ];
    let (mut store, _) = Store::open(&dir.join(CACHE_FILE_NAME)).unwrap();
    let c = store
        .upsert_cluster(&NewCluster {
            name: "prod-sh".into(),
            host: "127.0.0.1".into(),
            port: 1,
            sandbox: false,
        })
        .unwrap();
    store
        .replace_tenants(c, &[tenant(1002, "trade"), tenant(1004, "billing")])
        .unwrap();
    let version: ObVersion = "4.2.1.0".parse().unwrap();
    store
        .record_sync_success(c, Some(&version), UtcMicros(T0 + 61 * HOUR))
        .unwrap();
    store
        .record_history(
            c,
            &HistorySnapshot {
                sets: &sets,
                pieces: &pieces,
                ..Default::default()
            },
        )
        .unwrap();
    (sets, pieces)
}

#[test]
fn window_shows_each_range_and_the_sets_and_pieces_behind_it() {
    let dir = tempfile::tempdir().unwrap();
    let (sets, pieces) = seed_backups(dir.path());
    let args = ["window", "--cluster", "prod-sh", "--tenant", "trade"];

    let v = json_of(&desk(dir.path(), &[&["--json"][..], &args].concat()));
    assert_eq!(
        (v["cluster"].as_str(), v["tenant"].as_str()),
        (Some("prod-sh"), Some("trade"))
    );
    assert_eq!(v["version"], "4.2.1.0");
    let ranges = v["ranges"].as_array().unwrap();
    let scns: Vec<(u64, u64)> = ranges
        .iter()
        .map(|r| (r["startScn"].as_u64().unwrap(), r["endScn"].as_u64().unwrap()))
        .collect();
    let version: ObVersion = "4.2.1.0".parse().unwrap();
    let expected: Vec<(u64, u64)> = tenant_window(Some(&version), &sets, &pieces)
        .iter()
        .map(|r| (r.start.0, r.end.0))
        .collect();
    assert_eq!(scns, expected, "the ranges are the tenant's window");
    assert_eq!(
        scns,
        [(scn_at(2).0, scn_at(36).0), (scn_at(46).0, scn_at(60).0)],
        "the gap 36-40 splits it"
    );
    assert_eq!(ranges[0]["start"], "2026-11-20T02:00:00.000000+00:00");
    assert_eq!(ranges[0]["end"], "2026-11-21T12:00:00.000000+00:00");

    // Per range, per stretch: (data destination, set ids, archive destination, piece ids).
    type Behind = (i64, Vec<i64>, i64, Vec<i64>);
    let behind = |r: &Value| -> Vec<Behind> {
        let ids = |v: &Value, key: &str| -> Vec<i64> {
            v.as_array().unwrap().iter().map(|x| x[key].as_i64().unwrap()).collect()
        };
        r["basis"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                (
                    b["dataDest"].as_i64().unwrap(),
                    ids(&b["sets"], "backupSetId"),
                    b["archiveDest"].as_i64().unwrap(),
                    ids(&b["pieces"], "pieceId"),
                )
            })
            .collect()
    };
    assert_eq!(
        behind(&ranges[0]),
        [
            (1001, vec![1], 1003, vec![1]),
            (1001, vec![1, 2], 1003, vec![1, 2, 3]),
            (1002, vec![3], 1003, vec![2, 3]),
            (1002, vec![3, 4], 1003, vec![3]),
        ]
    );
    assert_eq!(behind(&ranges[1]), [(1002, vec![5], 1003, vec![4])]);
    let first = &ranges[0]["basis"][0];
    assert_eq!(first["start"], "2026-11-20T02:00:00.000000+00:00");
    assert_eq!(
        first["end"], "2026-11-20T10:59:59.999999+00:00",
        "up to just before set 2 counts"
    );
    assert_eq!(first["sets"][0]["backupType"], "FULL");
    assert_eq!(first["sets"][0]["startReplayScn"], scn_at(1).0);
    let late = &ranges[1]["basis"][0];
    assert_eq!(late["pieces"][0]["roundId"], 2);
    assert_eq!(late["pieces"][0]["checkpointScn"], scn_at(60).0);
    assert_eq!(late["pieces"][0]["path"], "file:///b/trade/archive");

    let out = desk(dir.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("2026-11-20T02:00:00.000000+00:00 .. 2026-11-21T12:00:00.000000+00:00"),
        "{text}"
    );
    assert!(
        text.contains(&format!("(SCN {} .. {})", scn_at(46).0, scn_at(60).0)),
        "{text}"
    );
    assert!(
        text.contains(
            "  2026-11-20T11:00:00.000000+00:00 .. 2026-11-21T12:00:00.000000+00:00  data dest 1001: \
             sets 1 FULL (file:///b/trade/data1), 2 INC (file:///b/trade/data1); \
             archive dest 1003: pieces 1/1..1/3 (file:///b/trade/archive)"
        ),
        "{text}"
    );
    assert!(
        text.contains("archive dest 1003: pieces 2/4 (file:///b/trade/archive)"),
        "{text}"
    );
    for leak in [
        &text[..],
        &String::from_utf8_lossy(&desk(dir.path(), &[&["--json"][..], &args].concat()).stdout),
    ] {
        assert!(leak.contains("oss://bucket/trade/data2"), "{leak}");
        assert!(!leak.contains("TOPSECRET") && !leak.contains("AKID"), "{leak}");
    }
}

#[test]
fn window_names_an_unknown_tenant_and_says_when_nothing_is_recoverable() {
    let dir = tempfile::tempdir().unwrap();
    seed_backups(dir.path());
    let out = desk(dir.path(), &["window", "--cluster", "prod-sh", "--tenant", "nobody"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--tenant:") && stderr(&out).contains("nobody"),
        "{}",
        stderr(&out)
    );
    let out = desk(dir.path(), &["window", "--cluster", "nowhere", "--tenant", "trade"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("--cluster:"), "{}", stderr(&out));

    let out = desk(dir.path(), &["window", "--cluster", "prod-sh", "--tenant", "billing"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing recoverable"));
    let v = json_of(&desk(
        dir.path(),
        &["--json", "window", "--cluster", "prod-sh", "--tenant", "billing"],
    ));
    assert_eq!(v["ranges"], Value::Array(Vec::new()));
}

#[test]
fn sync_by_address_fills_a_fresh_cache_with_the_password_from_the_environment() {
    use ob_emulator::{ClusterConfig, Emulator, HistorySeed, ManualClock, Release, TenantConfig};

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = runtime.block_on(async {
        let config = ClusterConfig {
            cluster_name: "emu".into(),
            release: Release::V4_2_1_CE,
            time_zone: "+08:00".into(),
            password: "s3cret pw".into(),
            tenants: vec![TenantConfig {
                tenant_id: 1002,
                name: "trade".into(),
                data_bytes: 1 << 30,
                archivelog: true,
                data_backup_dest: Some("file:///b/trade/data".into()),
                log_archive_dest: Some("file:///b/trade/archive".into()),
            }],
            zones: vec!["zone1".into()],
            history: Some(HistorySeed { days: 7 }),
        };
        Emulator::start(config, Arc::new(ManualClock::new(T0))).await.unwrap()
    });
    let port = emulator.addr().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("fresh");
    let out = Command::new(env!("CARGO_BIN_EXE_desk"))
        .arg("--data-dir")
        .arg(&data)
        .args([
            "--json",
            "sync",
            "--cluster",
            "emu",
            "--host",
            "127.0.0.1",
            "--port",
            &port,
        ])
        .args(["--password-env", "DESK_TEST_PASSWORD"])
        .env("DESK_TEST_PASSWORD", "s3cret pw")
        .output()
        .unwrap();
    let v = json_of(&out);
    assert_eq!(v["clusters"][0]["result"], "synced", "{v}");
    assert!(v["clusters"][0]["jobs"].as_i64().unwrap() > 0);
    let tasks = json_of(&desk(&data, &["--json", "tasks", "--tenant", "trade", "--limit", "5"]));
    assert_eq!(tasks["tasks"].as_array().unwrap().len(), 5);

    let out = Command::new(env!("CARGO_BIN_EXE_desk"))
        .arg("--data-dir")
        .arg(&data)
        .args(["sync", "--cluster", "emu", "--password-env", "DESK_TEST_PASSWORD"])
        .env("DESK_TEST_PASSWORD", "wrong")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "a refused login: {}", stderr(&out));
    assert!(!stderr(&out).contains("wrong"));

    // Acting through the engine: Backup Now, a second one refused while it runs, Cancel.
    let act = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_desk"))
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .env("DESK_TEST_PASSWORD", "s3cret pw")
            .output()
            .unwrap()
    };
    let started = act(&[
        "--json",
        "backup",
        "--cluster",
        "emu",
        "--tenant",
        "trade",
        "--password-env",
        "DESK_TEST_PASSWORD",
    ]);
    let v = json_of(&started);
    assert_eq!(v["state"], "CONFIRMED", "{v} {}", stderr(&started));
    let job = v["jobId"].as_i64().expect("the job the backup started");
    let again = act(&[
        "backup",
        "--cluster",
        "emu",
        "--tenant",
        "trade",
        "--password-env",
        "DESK_TEST_PASSWORD",
    ]);
    assert_eq!(again.status.code(), Some(5), "{}", stderr(&again));
    assert!(
        stderr(&again).contains(&format!("already running (job {job})")),
        "{}",
        stderr(&again)
    );
    let cancelled = act(&[
        "--json",
        "cancel",
        "--cluster",
        "emu",
        "--password-env",
        "DESK_TEST_PASSWORD",
        "backup",
        "--tenant",
        "trade",
    ]);
    assert_eq!(json_of(&cancelled)["jobId"], job, "{}", stderr(&cancelled));
    let bad = act(&[
        "restore",
        "--cluster",
        "emu",
        "--password-env",
        "DESK_TEST_PASSWORD",
        "--tenant",
        "trade",
        "--target-tenant",
        "trade_r",
        "--until",
        "yesterday",
        "--zone",
        "zone1",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).starts_with("desk: --until:"), "{}", stderr(&bad));
    let journal = emulator.statement_log();
    assert_eq!(journal.iter().filter(|s| s.contains("ALTER SYSTEM BACKUP")).count(), 1);
    drop(emulator);
}

/// Several processes opening a new data dir at once (the app and the CLI, or scripts in
/// parallel): each one migrates or waits for the one migrating; none fails on the schema.
#[test]
fn processes_opening_a_new_cache_at_once_all_get_it() {
    let dir = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..6)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_desk"))
                .arg("--data-dir")
                .arg(dir.path())
                .args([
                    "sync",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "1",
                    "--cluster",
                    &format!("c{i}"),
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        // Port 1 answers nobody: unreachable (4), never a cache failure (1).
        assert_eq!(out.status.code(), Some(4), "{stderr}");
        assert!(!stderr.contains("already exists"), "{stderr}");
    }
    let (store, _) = desk_store::Store::open(&dir.path().join(desk_store::CACHE_FILE_NAME)).unwrap();
    assert_eq!(store.schema_version().unwrap(), desk_store::latest_version());
}

/// Times a user can type are checked against one range, whatever the door, and a
/// closed pipe ends the listing quietly.
#[test]
fn far_times_are_refused_naming_the_flag_and_a_closed_pipe_is_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    // A cache, so the filters are what refuses.
    let (store, _) = desk_store::Store::open(&dir.path().join(desk_store::CACHE_FILE_NAME)).unwrap();
    drop(store);
    for (flag, value) in [
        ("--from", "9999-12-31T23:59:59Z"),
        ("--to", "2611-01-01T00:00:00+08:00"),
        ("--from", "1969-12-31T23:59:59Z"),
    ] {
        let out = desk(dir.path(), &["tasks", flag, value]);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {}", stderr(&out));
        let said = stderr(&out);
        assert!(
            said.contains(&format!("{flag}: must be between 1970-01-01 and 2099-12-31")),
            "{said}"
        );
        assert!(!said.contains("panicked"), "{said}");
    }
    let out = desk(
        dir.path(),
        &[
            "restore",
            "--cluster",
            "none",
            "--tenant",
            "t",
            "--target-tenant",
            "t2",
            "--until",
            "9999-12-31T23:59:59Z",
            "--zone",
            "z1",
        ],
    );
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));

    // `desk tenants | head -0`: the reader goes away before the listing is written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_desk"))
        .arg("--data-dir")
        .arg(dir.path())
        .arg("tenants")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A refused or failed `sync --host` leaves the cache as it was: a name the app would
/// refuse is refused here by the same rule, naming the flag, and a cluster this command
/// added but could not reach is not kept.
#[test]
fn a_refused_sync_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (args, flag) in [
        (vec!["--cluster", "<script>alert(1)</script>"], "--cluster"),
        (vec!["--cluster", &"x".repeat(300)], "--cluster"),
    ] {
        let mut all = vec!["sync", "--host", "127.0.0.1", "--port", "1"];
        all.extend(args.iter().copied());
        let out = desk(dir.path(), &all);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("{flag}: 1 to 64 letters")),
            "{}",
            stderr(&out)
        );
    }
    let out = desk(
        dir.path(),
        &["sync", "--host", "", "--port", "2881", "--cluster", "empty-host"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--host:"), "{}", stderr(&out));

    let out = desk(
        dir.path(),
        &["sync", "--host", "127.0.0.1", "--port", "1", "--cluster", "gone"],
    );
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let cache = dir.path().join(desk_store::CACHE_FILE_NAME);
    if cache.exists() {
        let (store, _) = desk_store::Store::open(&cache).unwrap();
        assert!(store.clusters().unwrap().is_empty(), "{:?}", store.clusters().unwrap());
    }
}

/// An export as the app writes it: 12 jobs of `prod-hz` and its restore, 5 jobs of
/// `prod-sh`; `edit` spoils it first when a test wants a refusal.
fn export_file(dir: &Path, edit: impl FnOnce(&mut HistoryExport)) -> PathBuf {
    let clean = |j: BackupJob| BackupJob {
        path: "file:///b/trade/data".into(),
        ..j
    };
    let hz = (1..=12).map(|i| ("prod-hz".to_owned(), clean(job(1002, i, i, BackupJobStatus::Completed))));
    let sh = (1..=5).map(|i| ("prod-sh".to_owned(), clean(job(1004, i, i, BackupJobStatus::Failed))));
    let restore = RestoreJob {
        start: Some(UtcMicros(T0 + 30 * HOUR)),
        finish: Some(UtcMicros(T0 + 31 * HOUR)),
        ..RestoreJob::sample(1010, 1, "trade_copy", RestoreStatus::Success)
    };
    let mut file = HistoryExport::new(
        UtcMicros(T0 + 40 * HOUR),
        "Asia/Shanghai",
        hz.chain(sh),
        [("prod-hz".to_owned(), restore)],
    );
    edit(&mut file);
    let path = dir.join("history.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();
    path
}

fn cluster_names(data: &Path) -> Vec<String> {
    let (store, _) = Store::open(&data.join(CACHE_FILE_NAME)).unwrap();
    store.clusters().unwrap().into_iter().map(|c| c.name).collect()
}

#[test]
fn import_brings_an_export_in_as_read_only_clusters_and_says_what_it_brought() {
    let dir = tempfile::tempdir().unwrap();
    let file = export_file(dir.path(), |_| {});
    // A workstation where the desk never ran: the import makes the cache.
    let data = dir.path().join("fresh");
    let v = json_of(&desk(
        &data,
        &["--json", "import", file.to_str().unwrap(), "--label", "laptop-1124"],
    ));
    assert_eq!(v["label"], "laptop-1124");
    assert_eq!(
        v["clusters"],
        serde_json::json!([
            { "cluster": "prod-hz@laptop-1124", "backupJobs": 12, "restoreJobs": 1 },
            { "cluster": "prod-sh@laptop-1124", "backupJobs": 5, "restoreJobs": 0 },
        ])
    );
    assert_eq!(
        (v["backupJobs"].as_i64(), v["restoreJobs"].as_i64()),
        (Some(17), Some(1))
    );

    // The rows are in the cache, read back as any cached cluster's.
    let tasks = json_of(&desk(
        &data,
        &["--json", "tasks", "--cluster", "prod-hz@laptop-1124", "--limit", "100"],
    ));
    let tasks = tasks["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 12);
    assert_eq!(tasks[0]["startUtc"], "2026-11-20T12:00:00.000000+00:00");
    let restores = json_of(&desk(
        &data,
        &["--json", "restores", "--cluster", "prod-hz@laptop-1124"],
    ));
    assert_eq!(restores["restores"][0]["restoreTenantName"], "trade_copy");
    let (store, _) = Store::open(&data.join(CACHE_FILE_NAME)).unwrap();
    assert!(store
        .clusters()
        .unwrap()
        .iter()
        .all(|c| c.imported_from.as_deref() == Some("laptop-1124")));
    drop(store);

    // Without --json: a line per cluster.
    let out = desk(&data, &["import", file.to_str().unwrap(), "--label", "again"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("imported 17 backup jobs and 1 restores as 2 read-only clusters"),
        "{text}"
    );
    assert!(text.contains("  prod-sh@again: 5 backup jobs, 0 restores"), "{text}");
    assert_eq!(cluster_names(&data).len(), 4);
}

#[test]
fn a_refused_import_names_the_row_or_the_flag_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = export_file(dir.path(), |f| {
        f.backup_jobs[3].job.comment = "<img src=x onerror =alert(1)>".into();
    });
    let hostile = hostile.to_str().unwrap();

    // Into a fresh data dir: refused, and no cache is made.
    let fresh = dir.path().join("fresh");
    let out = desk(&fresh, &["import", hostile, "--label", "l1"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!(
            "FILE: {hostile}: backupJobs[3].comment: contains markup or script"
        )),
        "{}",
        stderr(&out)
    );
    assert!(!fresh.exists(), "a refused import made {}", fresh.display());

    // Into a cache in use: refused, and the cache is as it was.
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    seed(&data);
    let before = cluster_names(&data);
    let out = desk(&data, &["import", hostile, "--label", "l1"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(cluster_names(&data), before);

    // The label, by the flag's name: its rule, then a label already used.
    let good = export_file(dir.path(), |_| {});
    let good = good.to_str().unwrap();
    let out = desk(&data, &["import", good, "--label", "bad label!"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("desk: --label: 1 to 40 letters, digits"),
        "{}",
        stderr(&out)
    );
    assert!(desk(&data, &["import", good, "--label", "l2"]).status.success());
    let imported = cluster_names(&data);
    assert_eq!(imported.len(), before.len() + 2);
    let out = desk(&data, &["import", good, "--label", "l2"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--label: prod-hz@l2 is already in the desk; import under another label"),
        "{}",
        stderr(&out)
    );
    assert_eq!(cluster_names(&data), imported);

    // Sources that are not an export: named as FILE, read no further than the limit.
    let out = desk(&data, &["import", "/dev/zero", "--label", "l3"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("FILE: /dev/zero holds more than 268435456 bytes"),
        "{}",
        stderr(&out)
    );
    let missing = dir.path().join("nowhere.json");
    let out = desk(&data, &["import", missing.to_str().unwrap(), "--label", "l3"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("FILE: cannot read"), "{}", stderr(&out));
    assert_eq!(cluster_names(&data), imported);
}
