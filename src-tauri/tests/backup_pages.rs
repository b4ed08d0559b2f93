//! The Backup and Recovery pages' commands through Tauri's mock runtime, on a
//! cache seeded relative to now (the period commands read the shell's clock).

use std::path::Path;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use desk_model::backup::{ArchivePiece, BackupJob, BackupSetFile, RestoreJob, Scn};
use desk_model::status::{BackupJobStatus, BackupSetStatus, BackupType, FileStatus, PieceStatus, RestoreStatus};
use desk_model::{ObVersion, TenantRecord, UtcMicros};
use desk_store::{HistorySnapshot, NewCluster, Store, CACHE_FILE_NAME};
use ob_backup_desk::AppState;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

struct Desk {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
}

impl Desk {
    fn start(data_dir: &Path) -> Desk {
        let mut context = mock_context(noop_assets());
        context.config_mut().identifier = "com.obbackupdesk.test".into();
        let app = ob_backup_desk::configure(mock_builder())
            .manage(AppState::open(data_dir, Instant::now()))
            .build(context)
            .expect("mock app builds");
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        Desk { _app: app, webview }
    }

    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.webview, request).map(|b| b.deserialize::<Value>().unwrap())
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
}

const H: i64 = 3_600_000_000;
const DAY: i64 = 24 * H;

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_micros() as i64
}

fn scn(t: i64) -> Scn {
    Scn::from_micros(UtcMicros(t))
}

fn full_set(id: i64, end: i64, bytes: u64) -> BackupSetFile {
    BackupSetFile {
        tenant_id: 1002,
        backup_set_id: id,
        backup_type: BackupType::Full,
        dest_id: 0,
        prev_full_backup_set_id: 0,
        prev_inc_backup_set_id: 0,
        start: Some(UtcMicros(end - H)),
        end: Some(UtcMicros(end)),
        status: BackupSetStatus::Success,
        file_status: FileStatus::Available,
        plus_archivelog: false,
        start_replay_scn: scn(end - H),
        min_restore_scn: scn(end),
        input_bytes: bytes,
        output_bytes: bytes,
        path: "file:///b/data".into(),
        cluster_version: "4.3.5.3".into(),
    }
}

fn piece(id: i64, start: i64, ckpt: i64) -> ArchivePiece {
    ArchivePiece {
        tenant_id: 1002,
        dest_id: 0,
        round_id: 1,
        piece_id: id,
        status: PieceStatus::Frozen,
        start_scn: scn(start),
        checkpoint_scn: scn(ckpt),
        max_scn: scn(ckpt),
        end_scn: scn(ckpt),
        file_status: FileStatus::Available,
        path: "file:///b/archive".into(),
    }
}

fn restore(id: i64, start: i64, failure: Option<&str>) -> RestoreJob {
    RestoreJob {
        tenant_id: 3000 + id,
        job_id: id,
        restore_tenant_name: format!("orders_drill_{id}"),
        backup_tenant_name: "orders".into(),
        backup_cluster_name: "ob-hangzhou".into(),
        backup_dest: "file:///b/data,file:///b/archive".into(),
        restore_option: "pool_list=p".into(),
        restore_scn: scn(start - 2 * H),
        status: if failure.is_some() {
            RestoreStatus::Failed
        } else {
            RestoreStatus::Success
        },
        phase: String::new(),
        start: Some(UtcMicros(start)),
        finish: Some(UtcMicros(start + H)),
        comment: failure.unwrap_or_default().into(),
        running: false,
        ..RestoreJob::blank()
    }
}

/// ob-hangzhou (4.3.5.3): tenant orders with 20 days of history and a gap 10
/// days back; ob-legacy (3.2.1): no tenant backup by version.
fn seed(data_dir: &Path, now: i64) -> (i64, i64) {
    let (mut store, _) = Store::open(&data_dir.join(CACHE_FILE_NAME)).unwrap();
    let mut ids = Vec::new();
    for (name, version) in [("ob-hangzhou", "4.3.5.3"), ("ob-legacy", "3.2.1-20211230101010")] {
        let c = store
            .upsert_cluster(&NewCluster {
                name: name.into(),
                host: "10.1.2.3".into(),
                port: 2881,
                sandbox: false,
            })
            .unwrap();
        let version: ObVersion = version.parse().unwrap();
        store.record_sync_success(c, Some(&version), UtcMicros(now)).unwrap();
        store
            .replace_tenants(
                c,
                &[TenantRecord {
                    ob_tenant_id: 1002,
                    name: "orders".into(),
                    tenant_type: "USER".into(),
                    status: "NORMAL".into(),
                    role: "PRIMARY".into(),
                    log_mode: "ARCHIVELOG".into(),
                    unit_num: 1,
                }],
            )
            .unwrap();
        ids.push(c);
    }
    let sets = [
        full_set(1, now - 20 * DAY, 5 << 30),
        full_set(2, now - 9 * DAY, 6 << 30),
        full_set(3, now - 2 * DAY, 7 << 30),
    ];
    // Logs from day -21 to day -10, a gap, then day -9.5 until a minute ago.
    let pieces = [
        piece(1, now - 21 * DAY, now - 10 * DAY),
        piece(2, now - 9 * DAY - 12 * H, now - 60_000_000),
    ];
    let mut running = BackupJob {
        tenant_id: 1002,
        job_id: 9,
        incarnation: 1,
        backup_set_id: 4,
        plus_archivelog: false,
        backup_type: BackupType::Incremental,
        job_level: "USER_TENANT".into(),
        encryption_mode: "NONE".into(),
        start: Some(UtcMicros(now - H)),
        end: None,
        status: BackupJobStatus::Doing,
        result: 0,
        comment: String::new(),
        description: String::new(),
        path: "file:///b/data".into(),
    };
    let mut failed = running.clone();
    failed.job_id = 8;
    failed.start = Some(UtcMicros(now - 3 * DAY));
    failed.status = BackupJobStatus::Failed;
    failed.comment = "can not connect to backup destination".into();
    running.backup_set_id = 4;
    let restores = [
        restore(1, now - 25 * DAY, None),
        restore(
            2,
            now - 4 * DAY,
            Some("(ret=-4013) No memory or reach tenant memory limit"),
        ),
    ];
    store
        .record_history(
            ids[0],
            &HistorySnapshot {
                jobs: &[running, failed],
                sets: &sets,
                pieces: &pieces,
                restores: &restores,
            },
        )
        .unwrap();
    (ids[0].0, ids[1].0)
}

#[test]
fn the_tenant_page_head_reads_the_card_and_the_seeds_refusals() {
    let dir = tempfile::tempdir().unwrap();
    let now = now();
    let (hz, legacy) = seed(dir.path(), now);
    let desk = Desk::start(dir.path());

    let head = desk.ok("backup_page_head", json!({ "clusterId": hz, "obTenantId": 1002 }));
    let card = &head["overview"];
    // A backup is running; no strategy is cached, so method, size and latency stay hidden.
    assert_eq!(card["status"], "inProgress");
    assert_eq!(card["lastDataBackup"]["backupSetId"], 3);
    assert_eq!(card["lastDataBackup"]["at"], now - 2 * DAY);
    assert_eq!(card["lastDataBackup"]["bytes"], 7u64 << 30);
    assert_eq!(card["logCheckpoint"], now - 60_000_000);
    assert_eq!(card["backupMethod"], Value::Null);
    assert_eq!(card["backupFileBytes"], Value::Null);
    assert_eq!(card["showLogLatency"], false);
    assert_eq!(head["refusals"]["backupNow"], Value::Null);
    // Sets with the log after them: recoverable, so Initiate Recovery is offered
    // without a strategy.
    assert_eq!(head["refusals"]["initiateRecovery"], Value::Null);
    // The cache holds no destination or archive round of the cluster's own.
    assert_eq!(card["clusterConfig"], Value::Null);

    let old = desk.ok("backup_page_head", json!({ "clusterId": legacy, "obTenantId": 1002 }));
    assert_eq!(old["overview"]["status"], "noStrategy");
    assert_eq!(old["overview"]["lastDataBackup"], Value::Null);
    assert_eq!(
        old["refusals"]["initiateRecovery"],
        json!({
            "en-US": "Nothing is recoverable yet: no backup set with the log after it",
            "zh-CN": "暂无可恢复的时间区间：还没有数据备份及其后的日志备份"
        })
    );
    assert!(
        old["refusals"]["backupNow"]["en-US"]
            .as_str()
            .unwrap()
            .contains("earlier than V3.2.2-20220304134610"),
        "{old}"
    );

    // The cluster level: all tenants.
    let cluster = desk.ok("backup_page_head", json!({ "clusterId": hz, "obTenantId": null }));
    assert_eq!(cluster["overview"]["lastDataBackup"]["backupSetId"], 3);

    let missing = desk
        .call("backup_page_head", json!({ "clusterId": 999, "obTenantId": null }))
        .unwrap_err();
    assert_eq!(missing["code"], "NOT_FOUND");
}

#[test]
fn periods_step_back_by_a_week_show_the_gap_and_never_go_into_the_future() {
    let dir = tempfile::tempdir().unwrap();
    let now = now();
    let (hz, _) = seed(dir.path(), now);
    let desk = Desk::start(dir.path());

    let latest = desk.ok(
        "recoverable_period",
        json!({ "clusterId": hz, "obTenantId": 1002, "period": 0 }),
    );
    let end = latest["end"].as_i64().unwrap();
    assert!((end - now).abs() < 60_000_000, "the latest period ends now");
    assert_eq!(latest["start"].as_i64().unwrap(), end - 7 * DAY);
    assert_eq!(latest["ranges"].as_array().unwrap().len(), 1);
    assert_eq!(latest["points"].as_array().unwrap().len(), 1, "set 3, two days ago");
    assert_eq!(latest["points"][0]["backupSetId"], 3);
    assert_eq!(latest["logCheckpoint"], now - 60_000_000);
    assert_eq!(latest["hasEarlier"], true);

    let before = desk.ok(
        "recoverable_period",
        json!({ "clusterId": hz, "obTenantId": 1002, "period": 1 }),
    );
    let ranges = before["ranges"].as_array().unwrap();
    assert_eq!(ranges.len(), 2, "the log gap at day -10 splits the window: {before}");
    assert_eq!(ranges[0]["end"], now - 10 * DAY);
    assert_eq!(ranges[1]["start"], now - 9 * DAY);
    assert_eq!(before["points"][0]["backupSetId"], 2);
    assert_eq!(before["logCheckpoint"], Value::Null);

    let future = desk
        .call(
            "recoverable_period",
            json!({ "clusterId": hz, "obTenantId": 1002, "period": -1 }),
        )
        .unwrap_err();
    assert!(future.to_string().contains("period"), "{future}");
}

#[test]
fn task_pages_filter_and_show_a_failed_restores_cause() {
    let dir = tempfile::tempdir().unwrap();
    let now = now();
    let (hz, _) = seed(dir.path(), now);
    let desk = Desk::start(dir.path());

    let query = |extra: Value| {
        let mut q = json!({
            "clusterId": hz, "obTenantId": 1002, "states": [], "from": null, "to": null,
            "sort": "startTime", "ascending": false, "after": null, "limit": 20
        });
        q.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        json!({ "query": q })
    };
    let all = desk.ok("restore_task_page", query(json!({})));
    assert_eq!(all["rows"].as_array().unwrap().len(), 2);
    let week = desk.ok("restore_task_page", query(json!({ "from": now - 7 * DAY, "to": now })));
    let rows = week["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["state"], "failed");
    assert_eq!(rows[0]["backupMethod"], "physical");
    assert_eq!(rows[0]["targetCluster"], "ob-hangzhou");
    assert_eq!(
        rows[0]["job"]["comment"],
        "(ret=-4013) No memory or reach tenant memory limit"
    );
    assert_eq!(rows[0]["recoveryTime"], now - 4 * DAY - 2 * H);

    let failed = desk.ok(
        "backup_task_page",
        query(json!({ "states": ["failed"], "sort": "startTime" })),
    );
    let rows = failed["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["tenantName"], "orders");
    assert_eq!(rows[0]["job"]["comment"], "can not connect to backup destination");

    let logs = desk.ok("log_backup_tasks", json!({ "clusterId": hz, "obTenantId": 1002 }));
    assert_eq!(logs[0]["checkpoint"], now - 60_000_000, "newest piece first");

    let refused = desk
        .call(
            "restore_task_page",
            query(json!({ "clusterId": null, "obTenantId": 1002 })),
        )
        .unwrap_err();
    assert_eq!(refused["code"], "INVALID_INPUT");
    assert_eq!(refused["field"], "obTenantId");
}
