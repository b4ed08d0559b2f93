//! Against seekdb, a real OceanBase 4.3.5 kernel without the backup feature:
//! handshake, version detection, the "backup not supported" path, error
//! mapping from real server errors, and every view reader run unchanged on
//! fixture rows in real OceanBase tables (created from the emulator's DDL, that is from
//! the release's documented columns).
//!
//! The test starts seekdb itself. Its binary comes from `DESK_SEEKDB`, or the
//! venv `scripts/test` installs (`pylibseekdb==1.4.0.post1`).

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use desk_model::status::{BackupJobStatus, BackupType, FileStatus, RestoreStatus};
use desk_model::{ObName, StorageUri, UtcMicros};
use desk_oceanbase::sql::{self, BackupScope};
use desk_oceanbase::{ConnectOptions, ObErrorCode, Password, ServerFlavor, Session};
use mysql_async::prelude::Queryable;
use ob_emulator::Release;

fn seekdb_binary() -> PathBuf {
    let path = std::env::var_os("DESK_SEEKDB").map(PathBuf::from).unwrap_or_else(|| {
        let home = std::env::var_os("HOME").expect("HOME");
        PathBuf::from(home).join(".cache/ob-backup-desk/seekdb-venv/lib/python3.11/site-packages/pylibseekdb/seekdb")
    });
    assert!(
        path.exists(),
        "seekdb is not installed at {}: run scripts/test (it installs pylibseekdb==1.4.0.post1), or set DESK_SEEKDB",
        path.display()
    );
    path
}

/// A seekdb server on a free loopback port, in a temp dir, stopped on drop.
struct SeekDb {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl SeekDb {
    async fn start() -> SeekDb {
        let dir = tempfile::tempdir().unwrap();
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        // memory_budget=1G is refused on this machine (OB_RESOURCE_UNIT_VALUE_INVALID); 2G starts.
        let child = Command::new(seekdb_binary())
            .args(["--nodaemon", "--base-dir"])
            .arg(dir.path())
            .args(["--port", &port.to_string()])
            .args([
                "--parameter",
                "memory_budget=2G",
                "--parameter",
                "datafile_size=1G",
                "--parameter",
                "log_disk_size=2G",
            ])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start seekdb");
        let server = SeekDb { child, port, _dir: dir };
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            if let Ok(s) = Session::connect(&server.options("")).await {
                s.close().await;
                return server;
            }
            assert!(
                Instant::now() < deadline,
                "seekdb did not accept connections within 90 s"
            );
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }

    fn options(&self, password: &str) -> ConnectOptions {
        ConnectOptions::new("127.0.0.1", self.port, "root", Password::new(password))
    }

    /// A plain client for creating fixtures (the desk itself never writes SQL outside its connector).
    async fn fixture_conn(&self) -> mysql_async::Conn {
        let opts = mysql_async::OptsBuilder::default()
            .ip_or_hostname("127.0.0.1")
            .tcp_port(self.port)
            .user(Some("root"))
            .init(vec!["SET time_zone = '+00:00'"]);
        mysql_async::Conn::new(opts).await.unwrap()
    }
}

impl Drop for SeekDb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn micros(text: &str) -> UtcMicros {
    let dt = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f").unwrap();
    UtcMicros(dt.and_utc().timestamp_micros())
}

const FIXTURES: &[&str] = &[
    "INSERT INTO oceanbase.DBA_OB_TENANTS (TENANT_ID, TENANT_NAME, TENANT_TYPE, STATUS, TENANT_ROLE, LOG_MODE, UNIT_NUM) VALUES \
     (1, 'sys', 'SYS', 'NORMAL', 'PRIMARY', 'NOARCHIVELOG', 1), \
     (1002, 'trade', 'USER', 'NORMAL', 'PRIMARY', 'ARCHIVELOG', 2), \
     (1004, 'restored', 'USER', 'RESTORE', 'RESTORE', NULL, NULL)",
    "INSERT INTO oceanbase.CDB_OB_BACKUP_JOBS (TENANT_ID, JOB_ID, INCARNATION, BACKUP_SET_ID, PLUS_ARCHIVELOG, BACKUP_TYPE, JOB_LEVEL, \
     ENCRYPTION_MODE, START_TIMESTAMP, END_TIMESTAMP, STATUS, RESULT, COMMENT, DESCRIPTION, PATH) VALUES \
     (1002, 7, 1, 12, 'OFF', 'INC', 'USER_TENANT', 'NONE', '2026-11-20 02:00:00.250000', NULL, 'DOING', 0, '', NULL, \
      'oss://bkt/data?host=h&access_id=AKID&access_key=SECRETKEY')",
    "INSERT INTO oceanbase.CDB_OB_BACKUP_JOB_HISTORY (TENANT_ID, JOB_ID, INCARNATION, BACKUP_SET_ID, PLUS_ARCHIVELOG, BACKUP_TYPE, JOB_LEVEL, \
     ENCRYPTION_MODE, START_TIMESTAMP, END_TIMESTAMP, STATUS, RESULT, COMMENT, DESCRIPTION, PATH) VALUES \
     (1002, 5, 1, 10, 'ON', 'FULL', 'USER_TENANT', 'NONE', '2026-11-18 02:00:00', '2026-11-18 02:40:00', 'COMPLETED', 0, '', '', 'file:///b/d'), \
     (1002, 6, 1, 11, 'OFF', 'FULL', 'USER_TENANT', 'NONE', '2026-11-19 02:00:00', '2026-11-19 02:03:00', 'FAILED', -9019, \
      'backup dest oss://bkt/data?host=h&access_key=SECRETKEY is not accessible', '', 'file:///b/d'), \
     (1002, 8, 1, 13, 'OFF', 'FULL', 'USER_TENANT', 'NONE', '2026-11-21 02:00:00', '2026-11-21 02:30:00', 'PAUSED_BY_NEW_RELEASE', 0, '', '', 'file:///b/d')",
    "INSERT INTO oceanbase.CDB_OB_BACKUP_SET_FILES (TENANT_ID, BACKUP_SET_ID, BACKUP_TYPE, PREV_FULL_BACKUP_SET_ID, PREV_INC_BACKUP_SET_ID, \
     START_TIMESTAMP, END_TIMESTAMP, STATUS, FILE_STATUS, PLUS_ARCHIVELOG, START_REPLAY_SCN, MIN_RESTORE_SCN, INPUT_BYTES, OUTPUT_BYTES, PATH, CLUSTER_VERSION) VALUES \
     (1002, 10, 'FULL', 0, 0, '2026-11-18 02:00:00', '2026-11-18 02:40:00', 'SUCCESS', 'AVAILABLE', 'ON', \
      1794967200000000000, 1794969600000000000, 1073741824, 536870912, 'file:///b/d/backup_set_10', '4.3.5.3')",
    "INSERT INTO oceanbase.CDB_OB_ARCHIVELOG_PIECE_FILES (TENANT_ID, ROUND_ID, PIECE_ID, STATUS, START_SCN, CHECKPOINT_SCN, MAX_SCN, END_SCN, FILE_STATUS, PATH) VALUES \
     (1002, 1, 3, 'ACTIVE', 1795132800000000000, 1795219200000000000, 1795219200000000000, 4611686018427387903, 'AVAILABLE', 'file:///b/a')",
    "INSERT INTO oceanbase.CDB_OB_RESTORE_HISTORY (TENANT_ID, JOB_ID, RESTORE_TENANT_NAME, BACKUP_TENANT_NAME, BACKUP_CLUSTER_NAME, BACKUP_DEST, \
     RESTORE_OPTION, RESTORE_SCN, STATUS, START_TIMESTAMP, FINISH_TIMESTAMP, BACKUP_SET_LIST, BACKUP_PIECE_LIST, TOTAL_BYTES, FINISH_BYTES, \
     LS_COUNT, FINISH_LS_COUNT, TABLET_COUNT, FINISH_TABLET_COUNT, COMMENT, DESCRIPTION) VALUES \
     (1, 3, 'trade_bak', 'trade', 'prod-hz', 'oss://bkt/data?host=h&access_id=AKID&access_key=SECRETKEY', 'pool_list=p1', \
      1794969600000000000, 'FAILED', '2026-11-20 03:00:00', '2026-11-20 03:10:00', NULL, NULL, 100, 40, 1, 0, 10, 4, \
      'restore failed: not enough resource', NULL)",
];

#[tokio::test(flavor = "multi_thread")]
async fn a_real_kernel_is_detected_refuses_backup_and_its_views_read_back() {
    let server = SeekDb::start().await;

    // Handshake and detection.
    let mut s = Session::connect(&server.options("")).await.unwrap();
    let info = s.info().clone();
    assert_eq!(info.flavor, ServerFlavor::SeekDb);
    assert_eq!(info.version.to_string(), "4.3.5.3");
    assert!(info.version_comment.contains("seekdb"));
    assert!(!info.capabilities.backup);
    assert!(info
        .capabilities
        .backup_refusal
        .clone()
        .unwrap()
        .en
        .contains("backup not supported by this server"));

    // A wrong password is the access-denied code, with the server's number.
    let err = Session::connect(&server.options("wrong")).await.err().expect("refused");
    assert_eq!(err.code, ObErrorCode::AccessDenied);
    assert_eq!(err.server_code, Some(1045));

    // Backup is refused before sending, and what the server says when sent anyway maps the same way.
    let t1 = ObName::parse("tenantName", "t1").unwrap();
    let backup = sql::backup(&BackupScope::Tenants(vec![t1.clone()]), false, false).unwrap();
    let refused = s.execute(&backup).await.unwrap_err();
    assert_eq!(
        (refused.code, refused.server_code),
        (ObErrorCode::BackupNotSupported, None)
    );
    let sent = s.send_unchecked(&backup).await.unwrap_err();
    assert_eq!(
        (sent.code, sent.server_code),
        (ObErrorCode::BackupNotSupported, Some(1064))
    );
    // seekdb has no tenants: the TENANT clause is already a syntax error there.
    let dest = sql::set_data_backup_dest(&t1, &StorageUri::parse("uri", "file:///tmp/ob").unwrap()).unwrap();
    let sent = s.send_unchecked(&dest).await.unwrap_err();
    assert_eq!(
        (sent.code, sent.server_code),
        (ObErrorCode::BackupNotSupported, Some(1064))
    );
    // A backup parameter it does not have: "System config unknown".
    let dest = sql::v3::set_backup_dest(&StorageUri::parse("uri", "file:///tmp/ob").unwrap()).unwrap();
    let sent = s.send_unchecked(&dest).await.unwrap_err();
    assert_eq!(
        (sent.code, sent.server_code),
        (ObErrorCode::BackupNotSupported, Some(5099))
    );
    let missing = s.backup_jobs().await.unwrap_err();
    assert_eq!(
        (missing.code, missing.server_code),
        (ObErrorCode::BackupNotSupported, Some(1146))
    );

    // The readers, unchanged, on fixture rows in real OceanBase tables.
    let mut fx = server.fixture_conn().await;
    // The views as 4.3.5 documents them, but CDB_OB_BACKUP_TASKS as 4.2.1 before BP3 has
    // it: without DATA_PROGRESS.
    let tasks_421 = Release::V4_2_1_CE.view("CDB_OB_BACKUP_TASKS").unwrap();
    assert!(!tasks_421.has("DATA_PROGRESS"));
    for (name, ddl) in ob_emulator::view_ddl(Release::V4_3_5_CE) {
        let ddl = if name == "CDB_OB_BACKUP_TASKS" {
            tasks_421.ddl()
        } else {
            ddl
        };
        fx.query_drop(&ddl)
            .await
            .unwrap_or_else(|e| panic!("seekdb refused the emulator's DDL {ddl}: {e}"));
    }
    for insert in FIXTURES {
        fx.query_drop(*insert)
            .await
            .unwrap_or_else(|e| panic!("fixture {insert}: {e}"));
    }

    let tenants = s.tenants().await.unwrap();
    assert_eq!(tenants.len(), 3);
    assert_eq!(
        (
            tenants[1].name.as_str(),
            tenants[1].log_mode.as_str(),
            tenants[1].unit_num
        ),
        ("trade", "ARCHIVELOG", 2)
    );
    assert_eq!(
        (tenants[2].log_mode.as_str(), tenants[2].unit_num),
        ("", 0),
        "NULLs read as absent"
    );

    let running = s.backup_jobs().await.unwrap();
    assert_eq!(running.len(), 1);
    let job = &running[0];
    assert_eq!(job.status, BackupJobStatus::Doing);
    assert_eq!(job.backup_type, BackupType::Incremental);
    assert_eq!(job.start, Some(micros("2026-11-20 02:00:00.25")));
    assert_eq!(job.end, None);
    assert!(
        !job.path.contains("SECRETKEY") && !job.path.contains("AKID"),
        "{}",
        job.path
    );

    let history = s.backup_job_history(None).await.unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[1].status, BackupJobStatus::Failed);
    assert_eq!(history[1].result, -9019);
    assert!(history[1].comment.contains("access_key=***") && !history[1].comment.contains("SECRETKEY"));
    assert_eq!(
        history[2].status,
        BackupJobStatus::Other("PAUSED_BY_NEW_RELEASE".into()),
        "unknown statuses are kept"
    );
    let recent = s.backup_job_history(Some(micros("2026-11-19 00:00:00"))).await.unwrap();
    assert_eq!(recent.iter().map(|j| j.job_id).collect::<Vec<_>>(), [6, 8]);

    let sets = s.backup_set_files(Some(1002)).await.unwrap();
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0].file_status, FileStatus::Available);
    assert_eq!(sets[0].min_restore_scn.to_micros(), Some(micros("2026-11-18 02:40:00")));
    assert_eq!(
        (sets[0].input_bytes, sets[0].output_bytes),
        (1_073_741_824, 536_870_912)
    );

    let pieces = s.archive_pieces(None).await.unwrap();
    assert_eq!(pieces[0].end_scn.to_micros(), None, "the max SCN sentinel is no time");
    assert_eq!(
        pieces[0].checkpoint_scn.to_micros(),
        Some(micros("2026-11-21 00:00:00"))
    );

    let restores = s.restores(None).await.unwrap();
    assert_eq!(restores.len(), 1);
    let r = &restores[0];
    assert_eq!(r.status, RestoreStatus::Failed);
    assert!(!r.running);
    assert_eq!(r.finish, Some(micros("2026-11-20 03:10:00")));
    assert_eq!(r.comment, "restore failed: not enough resource");
    assert!(!r.backup_dest.contains("SECRETKEY"));

    // The view's columns are learned from the real kernel, and a column this
    // "release" lacks costs that figure only, never the statement (1054).
    fx.query_drop(
        "INSERT INTO oceanbase.CDB_OB_BACKUP_TASKS (TENANT_ID, TASK_ID, JOB_ID, BACKUP_SET_ID, STATUS, \
         START_TIMESTAMP, INPUT_BYTES, OUTPUT_BYTES, TABLET_COUNT, FINISH_TABLET_COUNT) VALUES \
         (1002, 1, 7, 12, 'BACKUP_DATA_MINOR', '2026-11-20 02:00:01', 900, 300, 10, 4)",
    )
    .await
    .unwrap();
    let tasks = s.backup_tasks().await.unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(
        (
            tasks[0].finish_tablet_count,
            tasks[0].tablet_count,
            tasks[0].data_progress_permille
        ),
        (4, 10, 0)
    );
    assert!(s.archive_rounds().await.unwrap().is_empty());
    s.close().await;
}
