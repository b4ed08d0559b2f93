//! Every command through Tauri's mock runtime, on a real cache file.

use std::path::Path;
use std::time::Instant;

use desk_model::TenantRecord;
use desk_store::{NewCluster, Store, CACHE_FILE_NAME};
use ob_backup_desk::{bindings, commands, AppState};
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
    /// Starts the shell on `data_dir`, as the real app's setup does.
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

fn seed(data_dir: &Path) -> i64 {
    let (mut store, _) = Store::open(&data_dir.join(CACHE_FILE_NAME)).unwrap();
    let c = store
        .upsert_cluster(&NewCluster {
            name: "ob-hangzhou".into(),
            host: "10.1.2.3".into(),
            port: 2881,
            sandbox: false,
        })
        .unwrap();
    let t = |id: i64, name: &str| TenantRecord {
        ob_tenant_id: id,
        name: name.into(),
        tenant_type: "USER".into(),
        status: "NORMAL".into(),
        role: "PRIMARY".into(),
        log_mode: "ARCHIVELOG".into(),
        unit_num: 2,
    };
    store
        .replace_tenants(c, &[t(1002, "orders"), t(1004, "ledger")])
        .unwrap();
    c.0
}

#[test]
fn pages_read_what_the_cache_holds() {
    let dir = tempfile::tempdir().unwrap();
    let cluster_id = seed(dir.path());
    let desk = Desk::start(dir.path());

    let clusters = desk.ok("list_clusters", json!({}));
    assert_eq!(clusters[0]["name"], "ob-hangzhou");
    assert_eq!(clusters[0]["tenantCount"], 2);
    assert_eq!(clusters[0]["lastSyncedAt"], Value::Null);

    let tenants = desk.ok("list_tenants", json!({ "clusterId": cluster_id }));
    let names: Vec<&str> = tenants
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["ledger", "orders"]);
    let all = desk.ok("list_tenants", json!({ "clusterId": null }));
    assert_eq!(all.as_array().unwrap().len(), 2);

    let id = tenants[1]["id"].clone();
    let tenant = desk.ok("get_tenant", json!({ "tenantId": id }));
    assert_eq!(tenant["clusterName"], "ob-hangzhou");
    assert_eq!(tenant["logMode"], "ARCHIVELOG");
}

#[test]
fn an_unknown_tenant_is_a_not_found_code() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::start(dir.path());
    let err = desk.call("get_tenant", json!({ "tenantId": 999 })).unwrap_err();
    assert_eq!(err["code"], "NOT_FOUND");
    assert!(err["message"]["en-US"].as_str().unwrap().contains("999"));
}

#[test]
fn settings_survive_a_restart_and_bad_ones_are_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    {
        let desk = Desk::start(dir.path());
        let s = desk.ok("get_settings", json!({}));
        assert_eq!(s["language"], "en-US");
        let saved = desk.ok(
            "set_settings",
            json!({ "settings": { "timeZone": "Asia/Shanghai", "language": "en-US", "sandbox": false,
                "notices": { "taskCompleted": false, "taskFailed": true, "strategyAlerts": true } } }),
        );
        assert_eq!(saved["timeZone"], "Asia/Shanghai");
        assert_eq!(saved["notices"]["taskCompleted"], false);

        let err = desk
            .call(
                "set_settings",
                json!({ "settings": { "timeZone": "Asia/Atlantis", "language": "en-US", "sandbox": false,
                    "notices": s["notices"] } }),
            )
            .unwrap_err();
        assert_eq!(err["code"], "INVALID_INPUT");
        assert_eq!(err["field"], "timeZone");
        assert!(err["message"]["en-US"].as_str().unwrap().contains("Asia/Atlantis"));
    }
    let on_disk = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
    assert!(
        on_disk.contains("Asia/Shanghai") && !on_disk.contains("Atlantis"),
        "{on_disk}"
    );

    let desk = Desk::start(dir.path());
    let back = desk.ok("get_settings", json!({}));
    assert_eq!(back["timeZone"], "Asia/Shanghai");
    assert_eq!(
        back["notices"]["taskCompleted"], false,
        "notice choices survive a restart"
    );
    assert_eq!(back["notices"]["strategyAlerts"], true);
}

#[test]
fn the_status_tells_about_a_cache_from_a_newer_desk() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let conn = rusqlite::Connection::open(dir.path().join(CACHE_FILE_NAME)).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);

    let desk = Desk::start(dir.path());
    let status = desk.ok("app_status", json!({}));
    assert_eq!(status["cache"]["kind"], "readOnlyNewerSchema");
    assert_eq!(status["cache"]["found"], 99);
    assert_eq!(desk.ok("list_clusters", json!({})).as_array().unwrap().len(), 1);
}

#[test]
fn the_status_tells_about_a_damaged_cache_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(CACHE_FILE_NAME), vec![0x42u8; 8192]).unwrap();
    let desk = Desk::start(dir.path());
    let status = desk.ok("app_status", json!({}));
    assert_eq!(status["cache"]["kind"], "recovered");
    let aside = status["cache"]["setAside"].as_str().unwrap();
    assert!(Path::new(aside).exists(), "{aside}");
    assert_eq!(desk.ok("list_clusters", json!({})), json!([]));
}

#[test]
fn a_damage_the_cli_repaired_is_told_by_the_app_once() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join(CACHE_FILE_NAME);
    std::fs::write(&cache, vec![0x42u8; 8192]).unwrap();
    // Another process (the CLI) set it aside first.
    drop(Store::open(&cache).unwrap());
    let desk = Desk::start(dir.path());
    let status = desk.ok("app_status", json!({}));
    assert_eq!(status["cache"]["kind"], "recovered", "{status}");
    assert!(status["cache"]["setAside"].as_str().unwrap().contains(".damaged-"));
    drop(desk);
    let desk = Desk::start(dir.path());
    assert_eq!(desk.ok("app_status", json!({}))["cache"]["kind"], "ready");
}

#[test]
fn a_read_only_cache_file_is_shown_and_writes_are_refused_as_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let cache = dir.path().join(CACHE_FILE_NAME);
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o444)).unwrap();
    let desk = Desk::start(dir.path());
    let status = desk.ok("app_status", json!({}));
    assert_eq!(status["cache"]["kind"], "readOnlyFile", "{status}");
    assert_eq!(desk.ok("list_clusters", json!({})).as_array().unwrap().len(), 1);
    let err = desk
        .call(
            "add_cluster",
            json!({ "connection": { "name": "another", "host": "10.0.0.9", "port": 2881, "user": "root@sys", "tls": false }, "password": "pw" }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "CACHE_READ_ONLY", "{err}");
}

#[test]
fn a_data_folder_that_cannot_be_created_opens_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, b"not a folder").unwrap();
    let data_dir = blocker.join("com.obbackupdesk");
    let desk = Desk::start(&data_dir);
    let status = desk.ok("app_status", json!({}));
    assert_eq!(status["cache"]["kind"], "unavailable", "{status}");
    let message = status["cache"]["message"].as_str().unwrap();
    assert!(message.contains("data folder"), "{message}");
    assert!(message.contains(&data_dir.display().to_string()), "{message}");
    let err = desk.call("list_clusters", json!({})).unwrap_err();
    assert_eq!(err["code"], "CACHE_UNAVAILABLE", "{err}");
}

#[test]
fn every_described_command_is_registered() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::start(dir.path());
    let cfg = ts_rs::Config::new();
    struct Ignore;
    impl ts_rs::TypeVisitor for Ignore {
        fn visit<T: ts_rs::TS + 'static + ?Sized>(&mut self) {}
    }
    for sig in commands::signatures(&cfg, &mut Ignore) {
        if let Err(e) = desk.call(sig.name, json!({})) {
            let text = e.to_string();
            assert!(
                !text.contains("not found"),
                "{} is described but not registered: {text}",
                sig.name
            );
        }
    }
    let unknown = desk.call("no_such_command", json!({})).unwrap_err();
    assert!(unknown.to_string().contains("not found"), "{unknown}");
    // The generated file names every command.
    let ts = bindings::render();
    assert!(
        ts.contains("list_tenants: { args: { clusterId: ClusterId | null }; result: Array<Tenant> }"),
        "{ts}"
    );
}

#[test]
fn ui_rendered_reports_a_stable_startup_time() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::start(dir.path());
    let first = desk.ok("ui_rendered", json!({}));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = desk.ok("ui_rendered", json!({}));
    assert_eq!(first, second, "the first render is measured once");
}

#[test]
fn an_action_on_a_cluster_without_its_password_says_so_and_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cluster = seed(dir.path());
    let desk = Desk::start(dir.path());
    let err = desk
        .call(
            "backup_now",
            json!({ "req": { "cluster": cluster, "tenant": "orders", "method": "FULL" } }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "CREDENTIALS_NEEDED", "{err}");
    assert_eq!(err["field"], "password", "{err}");
    assert!(desk
        .ok("journal", json!({ "cluster": cluster }))
        .as_array()
        .unwrap()
        .is_empty());

    // A malformed request is refused by the shell before the engine sees it.
    let err = desk
        .call("initiate_recovery", json!({ "req": { "sourceCluster": cluster } }))
        .unwrap_err();
    assert!(err.to_string().contains("missing field"), "{err}");
}

/// A real (emulated) cluster with a password: Test reports what the desk can
/// do, Add keeps the password out of the cache and every reply.
#[test]
fn a_connection_is_tested_added_and_its_password_kept_out_of_the_cache() {
    const MARKER: &str = "Pw-7f3a9-PLANTED";
    let rt = tokio::runtime::Runtime::new().unwrap();
    let emulator = rt
        .block_on(ob_emulator::Emulator::start(
            ob_emulator::ClusterConfig {
                cluster_name: "ob-real".into(),
                release: ob_emulator::Release::V4_2_1_CE,
                time_zone: "+08:00".into(),
                password: MARKER.into(),
                tenants: vec![],
                zones: vec!["zone1".into()],
                history: None,
            },
            std::sync::Arc::new(ob_emulator::ManualClock::new(1_795_132_800_000_000)),
        ))
        .unwrap();
    let port = emulator.addr().port();
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::start(dir.path());
    let connection = json!({ "name": "ob-real", "host": "127.0.0.1", "port": port, "user": "root@sys", "tls": false });

    let wrong = desk
        .call(
            "test_cluster_connection",
            json!({ "connection": connection, "password": "nope" }),
        )
        .unwrap_err();
    assert_ne!(wrong["code"], "INTERNAL", "{wrong}");
    let info = desk.ok(
        "test_cluster_connection",
        json!({ "connection": connection, "password": MARKER }),
    );
    assert_eq!(info["version"], "4.2.1.1-101010012023111012");
    assert_eq!(info["capabilities"]["tenantBackup"], true);

    let bad = desk
        .call("add_cluster", json!({ "connection": { "name": "ob-real", "host": "127.0.0.1", "port": 0, "user": "root@sys", "tls": false }, "password": MARKER }))
        .unwrap_err();
    assert_eq!(
        (bad["code"].as_str(), bad["field"].as_str()),
        (Some("INVALID_INPUT"), Some("port"))
    );

    let id = desk.ok("add_cluster", json!({ "connection": connection, "password": MARKER }));
    let replies = [
        desk.ok("get_connection", json!({ "cluster": id })),
        desk.ok("list_clusters", json!({})),
    ];
    for reply in &replies {
        assert!(!reply.to_string().contains(MARKER), "{reply}");
    }
    assert_eq!(replies[0]["user"], "root@sys");
    drop(desk);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                !bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes()),
                "{} holds the password",
                path.display()
            );
        }
    }
    rt.block_on(emulator.stop());
}

#[test]
fn history_exported_on_one_desk_is_imported_on_a_fresh_one_with_the_same_rows() {
    use desk_model::backup::BackupJob;
    use desk_model::status::{BackupJobStatus, BackupType};
    let first = tempfile::tempdir().unwrap();
    let cluster = seed(first.path());
    {
        let (mut store, _) = Store::open(&first.path().join(CACHE_FILE_NAME)).unwrap();
        let jobs: Vec<BackupJob> = (1..=12)
            .map(|i| BackupJob {
                tenant_id: 1002,
                job_id: i,
                incarnation: 1,
                backup_set_id: i,
                plus_archivelog: false,
                backup_type: BackupType::Full,
                job_level: "USER_TENANT".into(),
                encryption_mode: "NONE".into(),
                start: Some(desk_model::UtcMicros(1_795_132_800_000_000 + i * 3_600_000_000)),
                end: None,
                status: if i == 12 {
                    BackupJobStatus::Failed
                } else {
                    BackupJobStatus::Completed
                },
                result: 0,
                comment: if i == 12 { "disk full".into() } else { String::new() },
                description: String::new(),
                path: "oss://bucket/p?host=h&access_id=***&access_key=***".into(),
            })
            .collect();
        store
            .record_history(
                desk_model::ClusterId(cluster),
                &desk_store::HistorySnapshot {
                    jobs: &jobs,
                    ..Default::default()
                },
            )
            .unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let desk = Desk::start(first.path());
    let exported = desk.ok(
        "export_history",
        json!({ "format": "JSON", "cluster": null, "from": null, "to": null, "directory": out.path() }),
    );
    assert_eq!(exported["backupJobs"], 12);
    let csv = desk.ok(
        "export_history",
        json!({ "format": "CSV", "cluster": null, "from": null, "to": null, "directory": out.path() }),
    );
    assert!(std::fs::read_to_string(csv["path"].as_str().unwrap())
        .unwrap()
        .contains("disk full"));
    drop(desk);

    let second = tempfile::tempdir().unwrap();
    let fresh = Desk::start(second.path());
    let path = exported["path"].as_str().unwrap();
    let report = fresh.ok("import_history", json!({ "path": path, "label": "laptop" }));
    assert_eq!(report["clusters"], json!(["ob-hangzhou@laptop"]));
    let clusters = fresh.ok("list_clusters", json!({}));
    assert_eq!(clusters[0]["importedFrom"], "laptop");

    // A truncated copy is refused naming the file, and writes nothing.
    let bytes = std::fs::read(path).unwrap();
    let cut = out.path().join("cut.json");
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    let err = fresh
        .call("import_history", json!({ "path": cut, "label": "cut" }))
        .unwrap_err();
    assert_eq!(err["field"], "file", "{err}");
    assert!(err["message"]["en-US"].as_str().unwrap().contains("truncated"), "{err}");
    assert!(err["message"]["zh-CN"].as_str().unwrap().contains("不完整"), "{err}");
    assert_eq!(fresh.ok("list_clusters", json!({})).as_array().unwrap().len(), 1);
}

/// Times at and past every edge reach each command that takes one: each answers (no
/// panic, so no reply lost), refusing what is outside the typed range by the field's name.
#[test]
fn boundary_times_are_answered_and_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let cluster = seed(dir.path());
    let desk = Desk::start(dir.path());
    // 2100-01-01T00:00:00Z, the end of what a user may type.
    let end = 4_102_444_800_000_000_i64;
    let outside = [
        i64::MIN,
        i64::MIN + 1,
        -1,
        end,
        end + 1,
        9_999_999_999_999_999,
        i64::MAX,
    ];
    let inside = [0, end - 1];
    let query = |from: i64, to: Option<i64>| {
        json!({ "query": { "clusterId": cluster, "obTenantId": 1002, "states": [], "from": from, "to": to,
            "sort": "startTime", "ascending": false, "after": null, "limit": 20 } })
    };
    for at in outside {
        for cmd in ["backup_task_page", "restore_task_page"] {
            let err = desk.call(cmd, query(at, None)).unwrap_err();
            assert_eq!(
                (err["code"].as_str(), err["field"].as_str()),
                (Some("INVALID_INPUT"), Some("from")),
                "{cmd} {at}: {err}"
            );
            let err = desk.call(cmd, query(0, Some(at))).unwrap_err();
            assert_eq!(err["field"], "to", "{cmd} {at}: {err}");
        }
        let err = desk
            .call(
                "export_history",
                json!({ "format": "JSON", "cluster": cluster, "from": at, "to": null, "directory": dir.path() }),
            )
            .unwrap_err();
        assert_eq!(err["field"], "from", "export {at}: {err}");
        let err = desk
            .call(
                "check_recovery_time",
                json!({ "cluster": cluster, "obTenantId": 1002, "at": at }),
            )
            .unwrap_err();
        assert_eq!(err["field"], "until", "check_recovery_time {at}: {err}");
        let err = desk
            .call(
                "initiate_recovery",
                json!({ "req": { "sourceCluster": cluster, "sourceTenant": "orders", "targetCluster": cluster,
                    "targetTenant": "orders_r", "until": at, "zones": [{ "zone": "zone1", "replica": "FULL", "priority": 1 }],
                    "unitCpu": 2, "unitMemoryGib": 4, "unitNum": 1, "accessKeys": null } }),
            )
            .unwrap_err();
        assert_eq!(err["field"], "until", "initiate_recovery {at}: {err}");
    }
    for at in inside {
        for cmd in ["backup_task_page", "restore_task_page"] {
            desk.ok(cmd, query(at, None));
        }
    }
    let err = desk.call("backup_task_page", query(end - 1, Some(0))).unwrap_err();
    assert_eq!(err["field"], "to", "a range that ends before it starts: {err}");
    for period in [0u32, 1, 52, u32::MAX] {
        desk.ok(
            "recoverable_period",
            json!({ "clusterId": cluster, "obTenantId": 1002, "period": period }),
        );
    }
}

/// Pages hear of a committed write once, from the cache's own feed; reads say nothing.
#[test]
fn a_committed_write_reaches_the_pages_as_cache_changed() {
    use tauri::{Listener, Manager};
    let dir = tempfile::tempdir().unwrap();
    let cluster = seed(dir.path());
    let desk = Desk::start(dir.path());
    let (tx, rx) = std::sync::mpsc::channel();
    desk._app.listen_any("cache-changed", move |_| {
        let _ = tx.send(());
    });
    ob_backup_desk::cache_feed::forward(desk._app.app_handle());
    desk.ok("list_clusters", json!({}));
    assert!(
        rx.recv_timeout(std::time::Duration::from_millis(300)).is_err(),
        "a read is no change"
    );
    desk.ok("remove_cluster", json!({ "cluster": cluster }));
    rx.recv_timeout(std::time::Duration::from_secs(5))
        .expect("the removal is told");
}
