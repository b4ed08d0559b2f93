//! Data backup as a DBA watches it: jobs progress INIT -> DOING -> COMPLETED, land in the
//! history with a backup set, and are refused for the reasons OceanBase refuses them.

mod common;

use common::{cluster, count, get, one, rows, server_code, tenant, Running, GIB};
use mysql_async::prelude::Queryable;
use ob_emulator::Fault;

const USER_JOB: &str = "SELECT JOB_ID, STATUS, BACKUP_TYPE, BACKUP_SET_ID, INITIATOR_TENANT_ID, INITIATOR_JOB_ID \
     FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1002";

#[tokio::test]
async fn full_backup_runs_to_completed_and_leaves_a_set() {
    let run = Running::start(cluster(vec![tenant(1002, "t1", true), tenant(1004, "t2", false)])).await;
    let mut conn = run.connect().await;
    conn.query_drop("ALTER SYSTEM BACKUP TENANT = t1")
        .await
        .expect("backup starts");

    let job = rows(&mut conn, USER_JOB).await;
    assert_eq!(job.len(), 1);
    assert_eq!(get::<String>(&job[0], "STATUS"), "INIT");
    assert_eq!(get::<String>(&job[0], "BACKUP_TYPE"), "FULL");
    assert_eq!(get::<i64>(&job[0], "BACKUP_SET_ID"), 1);
    let parent: Vec<(i64, i64, String, String, String)> = conn
        .query("SELECT TENANT_ID, JOB_ID, JOB_LEVEL, EXECUTOR_TENANT_ID, STATUS FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE JOB_LEVEL = 'CLUSTER'")
        .await
        .expect("cluster job");
    assert_eq!(parent.len(), 1);
    assert_eq!((parent[0].0, parent[0].3.as_str()), (1, "1002"));
    assert_eq!(get::<i64>(&job[0], "INITIATOR_TENANT_ID"), 1);
    assert_eq!(get::<i64>(&job[0], "INITIATOR_JOB_ID"), parent[0].1);

    // 2 GiB at 100 MB/s: about 20 s.
    run.advance(5);
    assert_eq!(
        one(
            &mut conn,
            "SELECT STATUS FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1002"
        )
        .await
        .as_deref(),
        Some("DOING")
    );
    let task = rows(&mut conn, "SELECT STATUS, INPUT_BYTES, DATA_PROGRESS, TABLET_COUNT, FINISH_TABLET_COUNT FROM oceanbase.CDB_OB_BACKUP_TASKS WHERE TENANT_ID = 1002").await;
    assert_eq!(task.len(), 1);
    assert_eq!(get::<String>(&task[0], "STATUS"), "BACKUP_DATA_MINOR");
    let input: i64 = get(&task[0], "INPUT_BYTES");
    assert!(input > 0 && input < 2 * GIB as i64, "{input}");
    assert!(get::<f64>(&task[0], "DATA_PROGRESS") > 0.0);
    assert!(get::<i64>(&task[0], "FINISH_TABLET_COUNT") < get::<i64>(&task[0], "TABLET_COUNT"));

    run.advance(60);
    assert_eq!(
        count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_JOBS").await,
        0,
        "finished jobs leave _JOBS"
    );
    let history: Vec<(i64, String, String, i64, Option<String>)> = conn
        .query("SELECT TENANT_ID, JOB_LEVEL, STATUS, RESULT, END_TIMESTAMP FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY ORDER BY TENANT_ID")
        .await
        .expect("history");
    assert_eq!(history.len(), 2);
    assert_eq!(
        (history[0].0, history[0].1.as_str(), history[0].2.as_str()),
        (1, "CLUSTER", "COMPLETED")
    );
    assert_eq!(
        (history[1].0, history[1].1.as_str(), history[1].2.as_str(), history[1].3),
        (1002, "USER_TENANT", "COMPLETED", 0)
    );
    assert_eq!(
        history[1].4.as_deref(),
        Some("2025-06-01 12:00:20.480000"),
        "ends when its bytes are copied"
    );

    let set = rows(
        &mut conn,
        "SELECT * FROM oceanbase.CDB_OB_BACKUP_SET_FILES WHERE TENANT_ID = 1002",
    )
    .await;
    assert_eq!(set.len(), 1);
    assert_eq!(get::<String>(&set[0], "STATUS"), "SUCCESS");
    assert_eq!(get::<String>(&set[0], "FILE_STATUS"), "AVAILABLE");
    assert_eq!(get::<String>(&set[0], "BACKUP_TYPE"), "FULL");
    assert_eq!(get::<i64>(&set[0], "INPUT_BYTES"), 2 * GIB as i64);
    assert!(get::<i64>(&set[0], "OUTPUT_BYTES") > 0);
    assert_eq!(get::<String>(&set[0], "PATH"), "file:///backup/t1/data");
    let replay: u64 = get(&set[0], "START_REPLAY_SCN");
    let min_restore: u64 = get(&set[0], "MIN_RESTORE_SCN");
    assert!(replay < min_restore, "{replay} < {min_restore}");
}

#[tokio::test]
async fn incremental_without_a_full_set_becomes_full_then_chains_to_it() {
    let run = Running::start(cluster(vec![tenant(1002, "t1", true)])).await;
    let mut conn = run.connect().await;
    // OceanBase 4.x takes a full backup when no full set exists (documented behaviour).
    conn.query_drop("ALTER SYSTEM BACKUP INCREMENTAL TENANT = t1")
        .await
        .expect("starts");
    assert_eq!(
        one(
            &mut conn,
            "SELECT BACKUP_TYPE FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1002"
        )
        .await
        .as_deref(),
        Some("FULL")
    );
    run.advance(60);
    conn.query_drop("ALTER SYSTEM BACKUP INCREMENTAL TENANT = t1")
        .await
        .expect("starts");
    assert_eq!(
        one(
            &mut conn,
            "SELECT BACKUP_TYPE FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1002"
        )
        .await
        .as_deref(),
        Some("INC")
    );
    run.advance(60);
    let sets: Vec<(i64, String, i64, i64)> = conn
        .query("SELECT BACKUP_SET_ID, BACKUP_TYPE, PREV_FULL_BACKUP_SET_ID, PREV_INC_BACKUP_SET_ID FROM oceanbase.CDB_OB_BACKUP_SET_FILES ORDER BY BACKUP_SET_ID")
        .await
        .expect("sets");
    assert_eq!(sets, vec![(1, "FULL".into(), 0, 0), (2, "INC".into(), 1, 1)]);
    let inc_bytes = count(
        &mut conn,
        "SELECT INPUT_BYTES FROM oceanbase.CDB_OB_BACKUP_SET_FILES WHERE BACKUP_SET_ID = 2",
    )
    .await;
    assert!(inc_bytes < GIB as i64, "an incremental reads less: {inc_bytes}");
}

#[tokio::test]
async fn a_second_backup_of_a_busy_tenant_is_refused() {
    let run = Running::start(cluster(vec![tenant(1002, "t1", true)])).await;
    let mut conn = run.connect().await;
    conn.query_drop("ALTER SYSTEM BACKUP DATABASE").await.expect("starts");
    let (code, message) = server_code(conn.query_drop("ALTER SYSTEM BACKUP TENANT = t1").await);
    assert_eq!((code, message.as_str()), (9036, "Backup is in progress"));
    let (code, message) = server_code(conn.query_drop("ALTER SYSTEM BACKUP DATABASE").await);
    assert_eq!(code, 9040, "no tenant is left to back up");
    assert!(
        message.starts_with("backup can not start, because no tenant meets the backup condition"),
        "{message}"
    );
}

#[tokio::test]
async fn cancel_moves_doing_to_canceling_to_canceled_without_a_usable_set() {
    let run = Running::start(cluster(vec![tenant(1002, "t1", true)])).await;
    let mut conn = run.connect().await;
    conn.query_drop("ALTER SYSTEM BACKUP TENANT = t1")
        .await
        .expect("starts");
    run.advance(3);
    conn.query_drop("ALTER SYSTEM CANCEL BACKUP TENANT = t1")
        .await
        .expect("cancels");
    let statuses: Vec<(String, String)> = conn
        .query("SELECT JOB_LEVEL, STATUS FROM oceanbase.CDB_OB_BACKUP_JOBS ORDER BY TENANT_ID")
        .await
        .expect("jobs");
    assert_eq!(
        statuses,
        vec![
            ("CLUSTER".into(), "CANCELING".into()),
            ("USER_TENANT".into(), "CANCELING".into())
        ]
    );
    run.advance(5);
    let history: Vec<(String, i64)> = conn
        .query("SELECT STATUS, RESULT FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY ORDER BY TENANT_ID")
        .await
        .expect("history");
    assert_eq!(history, vec![("CANCELED".into(), -4072), ("CANCELED".into(), -4072)]);
    let set: Vec<(String, String)> = conn
        .query("SELECT STATUS, FILE_STATUS FROM oceanbase.CDB_OB_BACKUP_SET_FILES")
        .await
        .expect("sets");
    assert_eq!(set, vec![("FAILED".into(), "INCOMPLETE".into())]);
}

#[tokio::test]
async fn backup_is_refused_without_a_destination_or_a_running_archive() {
    let mut no_dest = tenant(1004, "t2", true);
    no_dest.data_backup_dest = None;
    let run = Running::start(cluster(vec![tenant(1002, "t1", false), no_dest])).await;
    let mut conn = run.connect().await;
    let (code, message) = server_code(conn.query_drop("ALTER SYSTEM BACKUP TENANT = t1").await);
    assert_eq!(
        (code, message.as_str()),
        (9040, "backup can not start, because log archive status is not doing.")
    );
    let (code, message) = server_code(conn.query_drop("ALTER SYSTEM BACKUP TENANT = t2").await);
    assert_eq!(
        (code, message.as_str()),
        (9040, "backup can not start, because backup dest is not set.")
    );
    let (code, message) = server_code(conn.query_drop("ALTER SYSTEM BACKUP TENANT = nobody").await);
    assert_eq!((code, message.as_str()), (5157, "Unknown tenant 'nobody'"));
    let (code, _) = server_code(conn.query_drop("ALTER SYSTEM BACKUP DATABASE").await);
    assert_eq!(code, 9040);
    assert_eq!(
        count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_JOBS").await,
        0
    );

    // Once t2 has a destination of its own, it backs up.
    conn.query_drop("ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///backup/t2/data' TENANT = t2")
        .await
        .expect("dest");
    assert_eq!(
        one(
            &mut conn,
            "SELECT VALUE FROM oceanbase.CDB_OB_BACKUP_PARAMETER WHERE TENANT_ID = 1004 AND NAME = 'data_backup_dest'"
        )
        .await
        .as_deref(),
        Some("file:///backup/t2/data")
    );
    conn.query_drop("ALTER SYSTEM BACKUP TENANT = t2")
        .await
        .expect("starts");
}

#[tokio::test]
async fn a_hung_backup_stays_doing_until_cancelled() {
    let run = Running::start(cluster(vec![tenant(1002, "t1", true)])).await;
    let mut conn = run.connect().await;
    run.emulator.inject(Fault::BackupHangs);
    conn.query_drop("ALTER SYSTEM BACKUP TENANT = t1")
        .await
        .expect("starts");
    run.advance(3 * 3600);
    assert_eq!(
        one(
            &mut conn,
            "SELECT STATUS FROM oceanbase.CDB_OB_BACKUP_JOBS WHERE TENANT_ID = 1002"
        )
        .await
        .as_deref(),
        Some("DOING")
    );
    conn.query_drop("ALTER SYSTEM CANCEL BACKUP").await.expect("cancels");
    run.advance(10);
    assert_eq!(
        count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_JOBS").await,
        0
    );
    // The fault was for one backup only.
    conn.query_drop("ALTER SYSTEM BACKUP TENANT = t1")
        .await
        .expect("starts");
    run.advance(60);
    assert_eq!(
        count(
            &mut conn,
            "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_SET_FILES WHERE STATUS = 'SUCCESS'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn each_tenant_needs_its_own_destination() {
    let run = Running::start(cluster(vec![tenant(1002, "t1", true), tenant(1004, "t2", false)])).await;
    let mut conn = run.connect().await;
    let (code, message) = server_code(
        conn.query_drop("ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///backup/t1/data/' TENANT = t2")
            .await,
    );
    assert_eq!(
        (code, message.as_str()),
        (9081, "the content of the format file at the destination does not match")
    );
    let (code, _) = server_code(
        conn.query_drop("ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///backup/t1/archive' TENANT = t1")
            .await,
    );
    assert_eq!(code, 9081, "data and archive of one tenant are apart too");
}

#[tokio::test]
async fn delete_policy_is_kept_and_retires_old_sets() {
    let run = Running::start(cluster(vec![tenant(1002, "t1", true)])).await;
    let mut conn = run.connect().await;
    conn.query_drop("ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '1d' TENANT t1")
        .await
        .expect("policy");
    assert_eq!(
        one(
            &mut conn,
            "SELECT RECOVERY_WINDOW FROM oceanbase.CDB_OB_BACKUP_DELETE_POLICY WHERE TENANT_ID = 1002"
        )
        .await
        .as_deref(),
        Some("1d")
    );
    for _ in 0..3 {
        conn.query_drop("ALTER SYSTEM BACKUP TENANT = t1")
            .await
            .expect("backup");
        run.advance(86_400);
    }
    let statuses: Vec<(i64, String)> = conn
        .query("SELECT BACKUP_SET_ID, FILE_STATUS FROM oceanbase.CDB_OB_BACKUP_SET_FILES ORDER BY BACKUP_SET_ID")
        .await
        .expect("sets");
    assert_eq!(
        statuses,
        vec![(1, "DELETED".into()), (2, "AVAILABLE".into()), (3, "AVAILABLE".into())]
    );
    conn.query_drop("ALTER SYSTEM DROP DELETE BACKUP POLICY 'default' TENANT t1")
        .await
        .expect("drop");
    // Dropping it again deletes nothing and succeeds, as OceanBase's plain DELETE does
    // (`ObDeletePolicyOperator::drop_delete_policy`, v4.2.1_CE `ob_backup_clean_operator.cpp`).
    conn.query_drop("ALTER SYSTEM DROP DELETE BACKUP POLICY 'default' TENANT t1")
        .await
        .expect("a second drop");
    assert_eq!(
        count(
            &mut conn,
            "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_DELETE_POLICY WHERE TENANT_ID = 1002"
        )
        .await,
        0
    );
}
