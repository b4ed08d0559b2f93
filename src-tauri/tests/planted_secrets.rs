//! The planted-secret test: a cluster password and a storage access key, each
//! a unique marker, go through every flow that touches them (test, add, an
//! action, a strategy on object storage, exports, settings); then the cache
//! files, the settings file, the exports, the captured logs and every IPC reply
//! are searched for the markers. Any hit fails.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use ob_backup_desk::AppState;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

const PASSWORD: &str = "Pw-PLANTED-91c4e2";
const ACCESS_KEY: &str = "AK-PLANTED-5d7b0a";

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Desk {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    replies: Mutex<Vec<String>>,
}

impl Desk {
    fn start(data_dir: &Path) -> Desk {
        let mut context = mock_context(noop_assets());
        context.config_mut().identifier = "com.obbackupdesk.secrets".into();
        let app = ob_backup_desk::configure(mock_builder())
            .manage(AppState::open(data_dir, Instant::now()))
            .build(context)
            .unwrap();
        let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        Desk {
            _app: app,
            webview,
            replies: Mutex::new(Vec::new()),
        }
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
        let reply = get_ipc_response(&self.webview, request).map(|b| b.deserialize::<Value>().unwrap());
        let text = match &reply {
            Ok(v) | Err(v) => v.to_string(),
        };
        self.replies.lock().unwrap().push(format!("{cmd}: {text}"));
        reply
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn no_planted_secret_reaches_the_cache_settings_exports_logs_or_replies() {
    let logs = Captured::default();
    let writer = logs.clone();
    tracing_subscriber::fmt()
        .with_env_filter("trace")
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .init();

    let rt = tokio::runtime::Runtime::new().unwrap();
    let emulator = rt
        .block_on(ob_emulator::Emulator::start(
            ob_emulator::ClusterConfig {
                cluster_name: "ob-prod".into(),
                release: ob_emulator::Release::V4_3_5_CE,
                time_zone: "+08:00".into(),
                password: PASSWORD.into(),
                tenants: vec![ob_emulator::TenantConfig {
                    tenant_id: 1002,
                    name: "trade".into(),
                    data_bytes: 1 << 30,
                    archivelog: true,
                    data_backup_dest: Some("file:///b/trade/data".into()),
                    log_archive_dest: Some("file:///b/trade/archive".into()),
                }],
                zones: vec!["zone1".into()],
                history: None,
            },
            Arc::new(ob_emulator::ManualClock::new(1_795_132_800_000_000)),
        ))
        .unwrap();
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let desk = Desk::start(data.path());
    let connection = json!({ "name": "ob-prod", "host": "127.0.0.1", "port": emulator.addr().port(), "user": "root@sys", "tls": false });

    // Connections: a wrong password, then Test and Add with the real one.
    let _ = desk.call(
        "test_cluster_connection",
        json!({ "connection": connection, "password": format!("{PASSWORD}x") }),
    );
    desk.ok(
        "test_cluster_connection",
        json!({ "connection": connection, "password": PASSWORD }),
    );
    let cluster = desk.ok("add_cluster", json!({ "connection": connection, "password": PASSWORD }));
    desk.ok("get_connection", json!({ "cluster": cluster }));

    // An action that signs in with the stored password.
    desk.ok(
        "backup_now",
        json!({ "req": { "cluster": cluster, "tenant": "trade", "method": "FULL" } }),
    );

    // A strategy on object storage with the access key; then a failing save that echoes input.
    let strategy = |host: &str| {
        json!({
            "clusterId": cluster,
            "scope": { "level": "tenant", "obTenantId": 1002, "tenantName": "trade" },
            "storage": { "kind": "OSS", "path": "bucket/desk", "host": host, "region": null, "appId": null,
                         "accessId": "LTAI-id", "secretRef": "strategy-planted" },
            "schedule": { "mode": "WEEK", "days": [{ "day": 1, "method": "FULL" }], "timeOfDay": "02:00", "timeZone": "UTC" },
            "logBackup": { "enabled": true, "pieceSwitchDays": 1 },
            "retentionDays": 7,
            "alerts": { "dataBackupTimeoutMinutes": 60, "logLatencySeconds": 600, "daysWithoutDataBackup": 2 },
            "paused": false
        })
    };
    let _ = desk.call(
        "save_strategy",
        json!({ "id": null, "strategy": strategy("oss-cn-hangzhou.aliyuncs.com"), "secret": ACCESS_KEY }),
    );
    let _ = desk.call(
        "save_strategy",
        json!({ "id": null, "strategy": strategy("bad host; DROP"), "secret": ACCESS_KEY }),
    );
    desk.ok("effective_strategy", json!({ "cluster": cluster, "obTenantId": 1002 }));
    desk.ok("journal", json!({ "cluster": cluster }));

    // Settings written, exports in both formats.
    let settings = desk.ok("get_settings", json!({}));
    desk.ok("set_settings", json!({ "settings": settings }));
    for format in ["JSON", "CSV"] {
        desk.ok(
            "export_history",
            json!({ "format": format, "cluster": null, "from": null, "to": null, "directory": exports.path() }),
        );
    }
    desk.ok("list_clusters", json!({}));
    let replies = desk.replies.lock().unwrap().clone();
    drop(desk);
    rt.block_on(emulator.stop());

    let mut files = Vec::new();
    files_under(data.path(), &mut files);
    files_under(exports.path(), &mut files);
    assert!(files.iter().any(|f| f.ends_with("cache.sqlite3")), "{files:?}");
    assert!(
        files.iter().any(|f| f.extension().is_some_and(|e| e == "csv")),
        "{files:?}"
    );
    let log_text = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    assert!(log_text.contains("sending"), "the logs were captured");
    for marker in [PASSWORD, ACCESS_KEY] {
        for f in &files {
            let bytes = std::fs::read(f).unwrap();
            assert!(
                !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
                "{marker} in {}",
                f.display()
            );
        }
        assert!(!log_text.contains(marker), "{marker} in the logs");
        for r in &replies {
            assert!(!r.contains(marker), "{marker} in a reply: {r}");
        }
    }
}
