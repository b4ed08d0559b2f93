//! `desk strategy ...` and `desk journal` against an emulated cluster: a strategy added
//! from a file is applied to the cluster, listed, shown, paused, resumed, edited and
//! deleted, and the journal shows what was done.

use std::path::Path;
use std::process::{Command, Output};

use ob_emulator::Release;
use serde_json::{json, Value};

mod common;

const PASSWORD_VAR: &str = "DESK_TEST_PASSWORD";

fn desk(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_desk"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env(PASSWORD_VAR, "s3cret pw")
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json_of(out: &Output) -> Value {
    assert!(out.status.success(), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn strategy_file(dir: &Path, name: &str, time: &str, path: Option<&str>) -> String {
    let file = dir.join(name);
    let storage = path.map(|p| {
        json!({ "kind": "FILE", "path": p, "host": null, "region": null, "appId": null, "accessId": null, "secretRef": null })
    });
    std::fs::write(
        &file,
        serde_json::to_vec_pretty(&json!({
            "storage": storage,
            "schedule": { "mode": "WEEK", "days": [{ "day": 7, "method": "FULL" }, { "day": 3, "method": "INCREMENTAL" }],
                          "timeOfDay": time, "timeZone": "Asia/Shanghai" },
            "logBackup": { "enabled": true, "pieceSwitchDays": 1 },
            "retentionDays": 7,
            "alerts": { "dataBackupTimeoutMinutes": 120, "logLatencySeconds": 600, "daysWithoutDataBackup": 2 }
        }))
        .unwrap(),
    )
    .unwrap();
    file.display().to_string()
}

#[test]
fn strategies_are_managed_from_the_command_line_as_in_the_app() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator = common::emulated(&runtime, Release::V4_2_1_CE, false, None);
    let port = emulator.addr().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let synced = desk(
        &data,
        &[
            "sync",
            "--cluster",
            "emu",
            "--host",
            "127.0.0.1",
            "--port",
            &port,
            "--password-env",
            PASSWORD_VAR,
        ],
    );
    assert!(synced.status.success(), "{}", stderr(&synced));

    // Added from a file: applied to the cluster (destinations, archive), then saved.
    let file = strategy_file(dir.path(), "s.json", "02:00", Some("/backup/trade"));
    let added = json_of(&desk(
        &data,
        &[
            "--json",
            "strategy",
            "add",
            "--cluster",
            "emu",
            "--tenant",
            "trade",
            "--file",
            &file,
            "--password-env",
            PASSWORD_VAR,
        ],
    ));
    let id = added["view"]["record"]["id"].as_i64().unwrap();
    assert_eq!(added["view"]["record"]["strategy"]["scope"]["tenantName"], "trade");
    assert_eq!(added["view"]["nextRuns"].as_array().unwrap().len(), 5, "{added}");
    let sent = emulator.statement_log();
    assert!(
        sent.iter()
            .any(|s| s.contains("DATA_BACKUP_DEST") && s.contains("/backup/trade")),
        "{sent:?}"
    );
    assert!(sent.iter().any(|s| s.contains("ARCHIVELOG")), "{sent:?}");

    let listed = desk(&data, &["strategy", "list", "--cluster", "emu"]);
    let text = String::from_utf8_lossy(&listed.stdout).into_owned();
    assert!(
        text.contains("tenant trade") && text.contains("weekly at 02:00 Asia/Shanghai"),
        "{text}"
    );
    assert!(
        text.contains("file://backup/trade") && text.contains("running"),
        "{text}"
    );

    let paused = json_of(&desk(&data, &["--json", "strategy", "pause", "--id", &id.to_string()]));
    assert_eq!(paused["strategy"]["paused"], true);
    let shown = json_of(&desk(&data, &["--json", "strategy", "show", "--id", &id.to_string()]));
    assert_eq!(shown["nextRuns"], json!([]), "a paused strategy has no next runs");
    json_of(&desk(&data, &["--json", "strategy", "resume", "--id", &id.to_string()]));

    // Edited: the new time is kept; cluster and scope stay the strategy's.
    let later = strategy_file(dir.path(), "later.json", "03:30", Some("/backup/trade"));
    let edited = json_of(&desk(
        &data,
        &[
            "--json",
            "strategy",
            "edit",
            "--id",
            &id.to_string(),
            "--file",
            &later,
            "--password-env",
            PASSWORD_VAR,
        ],
    ));
    assert_eq!(edited["view"]["record"]["strategy"]["schedule"]["timeOfDay"], "03:30");
    assert_eq!(edited["view"]["record"]["strategy"]["scope"]["tenantName"], "trade");

    // A bad file is refused naming the flag, and nothing is sent.
    let before = emulator.statement_log().len();
    let bad = strategy_file(dir.path(), "bad.json", "25:99", Some("/backup/trade"));
    let out = desk(
        &data,
        &[
            "strategy",
            "edit",
            "--id",
            &id.to_string(),
            "--file",
            &bad,
            "--password-env",
            PASSWORD_VAR,
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("desk: --file: "), "{}", stderr(&out));
    assert_eq!(emulator.statement_log().len(), before, "nothing was sent");

    // The journal shows both applications, by the CLI's user.
    let journal = json_of(&desk(&data, &["--json", "journal", "--cluster", "emu"]));
    let applied: Vec<&Value> = journal["journal"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "APPLY_STRATEGY")
        .collect();
    assert_eq!(applied.len(), 2, "{journal}");
    assert!(applied.iter().all(|e| e["state"] == "CONFIRMED"), "{journal}");

    let deleted = desk(&data, &["strategy", "delete", "--id", &id.to_string()]);
    assert!(deleted.status.success(), "{}", stderr(&deleted));
    let gone = desk(&data, &["strategy", "show", "--id", &id.to_string()]);
    assert_eq!(gone.status.code(), Some(3), "{}", stderr(&gone));
    drop(emulator);
}
