//! Restore as a DBA runs it: resources first, then RESTORE ... WITH 'pool_list=..', its
//! progress and history, the standby it leaves, activation, failures and cancellation.

mod common;

use common::{cluster, count, get, one, rows, server_code, tenant, with_history, Running};
use mysql_async::prelude::Queryable;
use mysql_async::Conn;
use ob_emulator::Fault;

const FROM: &str = "'file:///backup/t1/data,file:///backup/t1/archive'";

async fn resources(conn: &mut Conn, pool: &str) {
    conn.query_drop(format!(
        "CREATE RESOURCE UNIT IF NOT EXISTS u_{pool} MAX_CPU 2, MEMORY_SIZE = '4G'"
    ))
    .await
    .expect("unit");
    conn.query_drop(format!(
        "CREATE RESOURCE POOL {pool} UNIT = 'u_{pool}', UNIT_NUM = 1, ZONE_LIST = ('zone1','zone2','zone3')"
    ))
    .await
    .expect("pool");
}

/// A cluster whose t1 has one full backup set, a minute old.
async fn backed_up() -> (Running, Conn) {
    let run = Running::start(cluster(vec![tenant(1002, "t1", true)])).await;
    let mut conn = run.connect().await;
    conn.query_drop("ALTER SYSTEM BACKUP TENANT = t1")
        .await
        .expect("backup");
    run.advance(60);
    resources(&mut conn, "p1").await;
    (run, conn)
}

async fn tenant_state(conn: &mut Conn, name: &str) -> Option<(String, String)> {
    conn.exec_first(
        "SELECT STATUS, TENANT_ROLE FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_NAME = ?",
        (name,),
    )
    .await
    .expect("tenant")
}

#[tokio::test]
async fn a_restore_ends_as_a_standby_that_activates_to_primary() {
    let (run, mut conn) = backed_up().await;
    conn.query_drop(format!(
        "ALTER SYSTEM RESTORE r1 FROM {FROM} WITH 'pool_list=p1&concurrency=4'"
    ))
    .await
    .expect("restore starts");

    // Creating the tenant: the sys tenant's job only, without progress figures.
    let progress = rows(&mut conn, "SELECT * FROM oceanbase.CDB_OB_RESTORE_PROGRESS").await;
    assert_eq!(progress.len(), 1);
    let p = &progress[0];
    assert_eq!(get::<i64>(p, "TENANT_ID"), 1);
    assert_eq!(get::<String>(p, "STATUS"), "CREATE_TENANT");
    assert_eq!(get::<String>(p, "RESTORE_TENANT_NAME"), "r1");
    assert_eq!(get::<String>(p, "BACKUP_TENANT_NAME"), "t1");
    assert_eq!(get::<String>(p, "BACKUP_CLUSTER_NAME"), "sandbox-hz");
    assert_eq!(
        get::<String>(p, "BACKUP_SET_LIST"),
        "file:///backup/t1/data/backup_set_1_full"
    );
    assert!(get::<String>(p, "BACKUP_PIECE_LIST").starts_with("file:///backup/t1/archive/piece_d"));
    assert_eq!(get::<Option<i64>>(p, "TOTAL_BYTES"), None);
    let restored_id: i64 = get(p, "RESTORE_TENANT_ID");
    assert_eq!(
        tenant_state(&mut conn, "r1").await,
        Some(("RESTORE".into(), "RESTORE".into()))
    );
    assert_eq!(
        count(
            &mut conn,
            "SELECT TENANT_ID FROM oceanbase.DBA_OB_RESOURCE_POOLS WHERE NAME = 'p1'"
        )
        .await,
        restored_id
    );

    // Once the tenant exists it has its own job row, with the same JOB_ID and the figures.
    run.advance(10);
    let progress = rows(
        &mut conn,
        "SELECT TENANT_ID, JOB_ID, STATUS, TOTAL_BYTES FROM oceanbase.CDB_OB_RESTORE_PROGRESS ORDER BY TENANT_ID",
    )
    .await;
    assert_eq!(progress.len(), 2);
    assert_eq!(get::<i64>(&progress[0], "JOB_ID"), get::<i64>(&progress[1], "JOB_ID"));
    assert_eq!(get::<String>(&progress[0], "STATUS"), "WAIT_TENANT_RESTORE_FINISH");
    assert_eq!(get::<i64>(&progress[1], "TENANT_ID"), restored_id);
    assert_eq!(get::<String>(&progress[1], "STATUS"), "RESTORING");
    assert!(get::<i64>(&progress[1], "TOTAL_BYTES") > 0);
    run.advance(300);
    assert_eq!(
        count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_RESTORE_PROGRESS").await,
        0
    );
    let history = rows(&mut conn, "SELECT TENANT_ID, STATUS, FINISH_TIMESTAMP, RESTORE_TENANT_NAME, LS_COUNT, FINISH_LS_COUNT FROM oceanbase.CDB_OB_RESTORE_HISTORY ORDER BY TENANT_ID").await;
    assert_eq!(history.len(), 2, "the sys job and the tenant's own");
    assert!(history.iter().all(|h| get::<String>(h, "STATUS") == "SUCCESS"));
    assert!(get::<Option<String>>(&history[0], "FINISH_TIMESTAMP").is_some());
    assert_eq!(
        get::<i64>(&history[1], "LS_COUNT"),
        get::<i64>(&history[1], "FINISH_LS_COUNT")
    );
    assert_eq!(
        tenant_state(&mut conn, "r1").await,
        Some(("NORMAL".into(), "STANDBY".into()))
    );

    let (code, _) = server_code(
        conn.query_drop(format!("ALTER SYSTEM RESTORE r1 FROM {FROM} WITH 'pool_list=p1'"))
            .await,
    );
    assert_eq!(code, 5156, "the name is taken");

    conn.query_drop("ALTER SYSTEM ACTIVATE STANDBY TENANT = r1")
        .await
        .expect("activate");
    assert_eq!(
        one(
            &mut conn,
            "SELECT SWITCHOVER_STATUS FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_NAME = 'r1'"
        )
        .await
        .as_deref(),
        Some("FAILOVER TO PRIMARY")
    );
    run.advance(5);
    assert_eq!(
        tenant_state(&mut conn, "r1").await,
        Some(("NORMAL".into(), "PRIMARY".into()))
    );
    let (code, message) = server_code(conn.query_drop("ALTER SYSTEM ACTIVATE STANDBY TENANT r1").await);
    assert_eq!(code, 4179, "{message}");
    let (code, _) = server_code(conn.query_drop("ALTER SYSTEM ACTIVATE STANDBY TENANT = t1").await);
    assert_eq!(code, 4179, "a primary cannot be activated");
}

#[tokio::test]
async fn restore_points_outside_the_recoverable_window_are_refused() {
    let run = Running::start(with_history(cluster(vec![tenant(1002, "t1", true)]), 28)).await;
    let mut conn = run.connect().await;
    resources(&mut conn, "p1").await;
    let pieces: Vec<(u64, u64, u64)> = conn
        .query("SELECT START_SCN, CHECKPOINT_SCN, END_SCN FROM oceanbase.CDB_OB_ARCHIVELOG_PIECE_FILES WHERE TENANT_ID = 1002 ORDER BY PIECE_ID")
        .await
        .expect("pieces");
    let gap = pieces
        .windows(2)
        .find(|w| w[1].0 != w[0].2)
        .map(|w| (w[0].1, w[1].0))
        .expect("the seeded archive has a gap");
    // UNTIL TIME is read in the zone the backup recorded: the cluster's +08:00.
    let at = |scn: u64| {
        chrono::DateTime::from_timestamp_micros((scn / 1000) as i64 + 8 * 3_600_000_000)
            .expect("a time")
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    };
    let restore = |until: String| {
        format!("ALTER SYSTEM RESTORE r1 FROM 'file:///backup/t1/archive,file:///backup/t1/data' UNTIL TIME = '{until}' WITH 'pool_list=p1'")
    };
    // 4.3.1 and later answer a short source with OB_RESTORE_SOURCE_NOT_ENOUGH.
    for until in [
        at((gap.0 + gap.1) / 2),
        "2020-01-01 00:00:00".to_string(),
        "2030-01-01 00:00:00".to_string(),
    ] {
        let (code, message) = server_code(conn.query_drop(restore(until.clone())).await);
        assert_eq!((code, message.as_str()), (9119, "No enough log for restore"), "{until}");
    }
    assert_eq!(
        count(
            &mut conn,
            "SELECT COUNT(*) FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_NAME = 'r1'"
        )
        .await,
        0
    );

    // Between a frozen piece's checkpoint and its end is no gap: the next piece goes on.
    let frozen = pieces
        .iter()
        .find(|p| p.1 < p.2 && p.2 < gap.0)
        .expect("a frozen piece");
    let between = (frozen.1 + frozen.2) / 2;
    conn.query_drop(format!(
        "ALTER SYSTEM RESTORE r9 FROM 'file:///backup/t1/data,file:///backup/t1/archive' UNTIL SCN = {between} WITH 'pool_list=p1'"
    ))
    .await
    .expect("the joint of two pieces is recoverable");
    conn.query_drop("ALTER SYSTEM CANCEL RESTORE r9").await.expect("cancel");

    // A day after the gap is fine, and the set list is a full set and its incrementals.
    let after_gap = at(gap.1 + 86_400_000_000_000);
    conn.query_drop(restore(after_gap.clone())).await.expect("restores");
    let (sets, restore_scn): (String, u64) = conn
        .query_first("SELECT BACKUP_SET_LIST, RESTORE_SCN FROM oceanbase.CDB_OB_RESTORE_PROGRESS WHERE TENANT_ID = 1")
        .await
        .expect("progress")
        .expect("a row");
    assert!(sets.contains("_full") && sets.contains("_inc"), "{sets}");
    assert_eq!(at(restore_scn), after_gap, "read in +08:00");
}

#[tokio::test]
async fn a_restore_names_its_paths_and_one_set_path_is_not_a_destination() {
    let (_run, mut conn) = backed_up().await;
    for (from, code) in [
        // No format file at a set's own directory, nor at a path that was never a destination.
        (
            "'file:///backup/t1/data/backup_set_1_full,file:///backup/t1/archive'",
            9011,
        ),
        ("'file:///nowhere,file:///backup/t1/archive'", 9011),
        // No archive destination named, no log: not enough.
        ("'file:///backup/t1/data'", 9119),
    ] {
        let (got, message) = server_code(
            conn.query_drop(format!("ALTER SYSTEM RESTORE r2 FROM {from} WITH 'pool_list=p1'"))
                .await,
        );
        assert_eq!(got, code, "{from}: {message}");
    }
}

#[tokio::test]
async fn a_failed_restore_keeps_its_tenant_and_pool_until_dropped() {
    let (run, mut conn) = backed_up().await;
    run.emulator.inject(Fault::RestoreFails {
        comment: "ls restore failed: disk full on zone2".into(),
    });
    conn.query_drop(format!("ALTER SYSTEM RESTORE r1 FROM {FROM} WITH 'pool_list=p1'"))
        .await
        .expect("restore starts");
    run.advance(600);
    assert_eq!(
        count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_RESTORE_PROGRESS").await,
        0
    );
    let (status, comment): (String, String) = conn
        .query_first("SELECT STATUS, COMMENT FROM oceanbase.CDB_OB_RESTORE_HISTORY WHERE TENANT_ID = 1")
        .await
        .expect("history")
        .expect("a row");
    assert_eq!(
        (status.as_str(), comment.as_str()),
        ("FAIL", "ls restore failed: disk full on zone2")
    );
    assert_eq!(
        tenant_state(&mut conn, "r1").await,
        Some(("RESTORE".into(), "RESTORE".into()))
    );
    assert!(
        count(
            &mut conn,
            "SELECT TENANT_ID FROM oceanbase.DBA_OB_RESOURCE_POOLS WHERE NAME = 'p1'"
        )
        .await
            > 1002
    );

    let (code, _) = server_code(conn.query_drop("DROP RESOURCE POOL p1").await);
    assert_eq!(code, 4626, "the failed tenant still holds the pool");
    conn.query_drop("DROP TENANT r1 FORCE").await.expect("clean up");
    assert_eq!(tenant_state(&mut conn, "r1").await, None);
    assert_eq!(
        one(
            &mut conn,
            "SELECT TENANT_ID FROM oceanbase.DBA_OB_RESOURCE_POOLS WHERE NAME = 'p1'"
        )
        .await,
        None,
        "the pool is free again"
    );
    // The fault was for one restore: the next succeeds.
    conn.query_drop(format!("ALTER SYSTEM RESTORE r1 FROM {FROM} WITH 'pool_list=p1'"))
        .await
        .expect("again");
    run.advance(600);
    assert_eq!(
        tenant_state(&mut conn, "r1").await,
        Some(("NORMAL".into(), "STANDBY".into()))
    );
}

#[tokio::test]
async fn cancel_restore_drops_the_tenant_and_records_the_cancel() {
    let (run, mut conn) = backed_up().await;
    conn.query_drop(format!("ALTER SYSTEM RESTORE r1 FROM {FROM} WITH 'pool_list=p1'"))
        .await
        .expect("restore starts");
    run.advance(3);
    conn.query_drop("ALTER SYSTEM CANCEL RESTORE r1").await.expect("cancel");
    assert_eq!(tenant_state(&mut conn, "r1").await, None);
    assert_eq!(
        count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_RESTORE_PROGRESS").await,
        0
    );
    let (status, comment): (String, String) = conn
        .query_first("SELECT STATUS, COMMENT FROM oceanbase.CDB_OB_RESTORE_HISTORY WHERE TENANT_ID = 1")
        .await
        .expect("history")
        .expect("a row");
    assert_eq!((status.as_str(), comment.as_str()), ("FAIL", "Operation canceled"));
    assert_eq!(
        one(
            &mut conn,
            "SELECT TENANT_ID FROM oceanbase.DBA_OB_RESOURCE_POOLS WHERE NAME = 'p1'"
        )
        .await,
        None
    );
    let (code, _) = server_code(conn.query_drop("ALTER SYSTEM CANCEL RESTORE r1").await);
    assert_eq!(code, 5157);
    let (code, _) = server_code(conn.query_drop("ALTER SYSTEM CANCEL RESTORE t1").await);
    assert_eq!(code, 4179, "t1 is not being restored");
}

#[tokio::test]
async fn resources_are_validated_like_oceanbase() {
    let (_run, mut conn) = backed_up().await;
    let units: Vec<(String, f64, i64)> = conn
        .query("SELECT NAME, MAX_CPU, MEMORY_SIZE FROM oceanbase.DBA_OB_UNIT_CONFIGS WHERE NAME = 'u_p1'")
        .await
        .expect("units");
    assert_eq!(units, vec![("u_p1".into(), 2.0, 4 << 30)]);
    let zone_list = one(
        &mut conn,
        "SELECT ZONE_LIST FROM oceanbase.DBA_OB_RESOURCE_POOLS WHERE NAME = 'p1'",
    )
    .await;
    assert_eq!(zone_list.as_deref(), Some("zone1;zone2;zone3"));

    let cases = [
        ("CREATE RESOURCE UNIT u_p1 MAX_CPU 1, MEMORY_SIZE '2G'", 4649),
        ("CREATE RESOURCE UNIT tiny MAX_CPU 1, MEMORY_SIZE '512M'", 4659),
        ("CREATE RESOURCE POOL p1 UNIT = 'u_p1', UNIT_NUM = 1", 4651),
        ("CREATE RESOURCE POOL p2 UNIT = 'nope', UNIT_NUM = 1", 4648),
        (
            "CREATE RESOURCE POOL p2 UNIT = 'u_p1', UNIT_NUM = 1, ZONE_LIST = ('zone9')",
            4530,
        ),
        ("DROP RESOURCE UNIT u_p1", 4634),
        ("DROP RESOURCE POOL t1_pool", 4626),
        ("DROP RESOURCE POOL nope", 4650),
        (
            "ALTER SYSTEM RESTORE r2 FROM 'file:///backup/t1/data,file:///backup/t1/archive' WITH 'pool_list=nope'",
            4650,
        ),
        (
            "ALTER SYSTEM RESTORE r2 FROM 'file:///backup/t1/data,file:///backup/t1/archive' WITH 'pool_list=t1_pool'",
            4626,
        ),
        (
            "ALTER SYSTEM RESTORE r2 FROM 'file:///backup/t1/data,file:///backup/t1/archive' WITH 'concurrency=2'",
            1210,
        ),
        (
            "ALTER SYSTEM RESTORE r2 FROM 'file:///backup/t1/data,file:///backup/t1/archive' WITH 'pool_list=p1&locality=F@zone1,L@zone2'",
            1235,
        ),
        (
            "ALTER SYSTEM RESTORE r2 FROM 'file:///backup/t1/data,file:///backup/t1/archive' WITH 'pool_list=p1&locality=F@zone9'",
            4530,
        ),
        (
            "ALTER SYSTEM RESTORE t1 FROM 'file:///backup/t1/data,file:///backup/t1/archive' WITH 'pool_list=p1'",
            5156,
        ),
    ];
    for (sql, expected) in cases {
        let (code, message) = server_code(conn.query_drop(sql).await);
        assert_eq!(code, expected, "{sql}: {message}");
    }
    conn.query_drop("CREATE RESOURCE POOL p2 UNIT = 'u_p1', UNIT_NUM = 1, ZONE_LIST = ('zone1')")
        .await
        .expect("pool");
    conn.query_drop("DROP RESOURCE POOL p2").await.expect("drop pool");
    conn.query_drop("DROP RESOURCE POOL IF EXISTS p2")
        .await
        .expect("drop again");
}

#[tokio::test]
async fn restore_until_scn_keeps_the_given_scn() {
    let (run, mut conn) = backed_up().await;
    let min_restore = count(
        &mut conn,
        "SELECT MIN_RESTORE_SCN FROM oceanbase.CDB_OB_BACKUP_SET_FILES WHERE TENANT_ID = 1002",
    )
    .await;
    let target = min_restore + 1_000_000_000;
    conn.query_drop(format!(
        "ALTER SYSTEM RESTORE r1 FROM {FROM} UNTIL SCN = {target} WITH 'pool_list=p1'"
    ))
    .await
    .expect("restore starts");
    assert_eq!(
        count(
            &mut conn,
            "SELECT RESTORE_SCN FROM oceanbase.CDB_OB_RESTORE_PROGRESS WHERE TENANT_ID = 1"
        )
        .await,
        target
    );
    run.advance(600);
    assert_eq!(
        count(
            &mut conn,
            "SELECT RECOVERY_UNTIL_SCN FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_NAME = 'r1'"
        )
        .await,
        target,
        "the standby stops at the restore point"
    );
    resources(&mut conn, "p2").await;
    let (code, _) = server_code(
        conn.query_drop(format!(
            "ALTER SYSTEM RESTORE r2 FROM {FROM} UNTIL SCN = {} WITH 'pool_list=p2'",
            min_restore - 1
        ))
        .await,
    );
    assert_eq!(code, 9119, "before the set is consistent");
}

/// A tenant whose backups live in an OSS bucket, written with these keys.
const HOST: &str = "oss-cn-hangzhou.aliyuncs.com";
const ACCESS_ID: &str = "LTAI5tOwner";
const ACCESS_KEY: &str = "k3yWr1tt3nW1th";

fn oss(path: &str, host: &str, id: &str, key: &str) -> String {
    format!("oss://ob-backup/{path}?host={host}&access_id={id}&access_key={key}")
}

/// The statement a DBA runs, with the keys of each URI.
fn oss_restore(tenant: &str, data: &str, archive: &str) -> String {
    format!("ALTER SYSTEM RESTORE {tenant} FROM '{data},{archive}' WITH 'pool_list=p1'")
}

/// Nothing of a refused restore remains: no job, no tenant, the pool still free.
async fn nothing_started(conn: &mut Conn, tenant: &str) {
    assert_eq!(
        count(conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_RESTORE_PROGRESS").await,
        0,
        "no restore job"
    );
    assert_eq!(
        count(conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_RESTORE_HISTORY").await,
        0
    );
    assert_eq!(tenant_state(conn, tenant).await, None, "no tenant");
    assert_eq!(
        one(
            conn,
            "SELECT TENANT_ID FROM oceanbase.DBA_OB_RESOURCE_POOLS WHERE NAME = 'p1'"
        )
        .await,
        None,
        "the pool is still free"
    );
}

/// 4.3.5 answers keys the bucket refuses with OB_OBJECT_STORAGE_PERMISSION_DENIED: its
/// `convert_io_error` maps OSS's 403 (`InvalidAccessKeyId`, `SignatureDoesNotMatch`) so
/// (`deps/oblib/src/lib/restore/ob_storage_oss_base.cpp` of the 4.3.5.5 tree).
#[tokio::test]
async fn a_4_3_5_oss_restore_needs_the_keys_its_backup_was_written_with() {
    let mut t1 = tenant(1002, "t1", true);
    t1.data_backup_dest = Some(oss("t1/data", HOST, ACCESS_ID, ACCESS_KEY));
    t1.log_archive_dest = Some(format!(
        "LOCATION={} BINDING=Optional PIECE_SWITCH_INTERVAL=1d",
        oss("t1/archive", HOST, ACCESS_ID, ACCESS_KEY)
    ));
    let run = Running::start(cluster(vec![t1])).await;
    let mut conn = run.connect().await;
    conn.query_drop("ALTER SYSTEM BACKUP TENANT = t1")
        .await
        .expect("backup to OSS");
    run.advance(60);
    resources(&mut conn, "p1").await;

    let data = oss("t1/data", HOST, ACCESS_ID, ACCESS_KEY);
    let archive = oss("t1/archive", HOST, ACCESS_ID, ACCESS_KEY);
    let refused = [
        (
            oss("t1/data", HOST, ACCESS_ID, "n0tTheK3y"),
            archive.clone(),
            "another access_key",
        ),
        (
            data.clone(),
            oss("t1/archive", HOST, ACCESS_ID, "n0tTheK3y"),
            "the archive's key",
        ),
        (
            oss("t1/data", HOST, "LTAI5tOther", ACCESS_KEY),
            archive.clone(),
            "another access_id",
        ),
        (
            oss("t1/data", HOST, ACCESS_ID, &ACCESS_KEY.to_uppercase()),
            archive.clone(),
            "keys compare exactly",
        ),
        (
            oss("t1/data", "oss-cn-shanghai.aliyuncs.com", ACCESS_ID, ACCESS_KEY),
            archive.clone(),
            "another endpoint",
        ),
    ];
    for (data, archive, why) in refused {
        let (code, message) = server_code(conn.query_drop(oss_restore("r1", &data, &archive)).await);
        assert_eq!(
            (code, message.as_str()),
            (9116, "no I/O operation permission of the object storage"),
            "{why}"
        );
        assert!(!message.contains("n0tTheK3y") && !message.contains(ACCESS_KEY));
        nothing_started(&mut conn, "r1").await;
    }

    conn.query_drop(oss_restore("r1", &data, &archive))
        .await
        .expect("the keys the backup was written with");
    let (sets, status): (String, String) = conn
        .query_first("SELECT BACKUP_SET_LIST, STATUS FROM oceanbase.CDB_OB_RESTORE_PROGRESS WHERE TENANT_ID = 1")
        .await
        .expect("progress")
        .expect("a restore job");
    assert_eq!(status, "CREATE_TENANT");
    assert!(sets.starts_with("oss://ob-backup/t1/data"), "{sets}");
    run.advance(600);
    assert_eq!(
        tenant_state(&mut conn, "r1").await,
        Some(("NORMAL".into(), "STANDBY".into()))
    );
}

/// 4.0 to 4.3.3 answer the same refusal with OB_BACKUP_PERMISSION_DENIED (OSS's 403 in
/// `convert_io_error`, 4.2 line). Destinations set by ALTER SYSTEM, keys changed later on
/// the same path: the bucket takes the new pair.
#[tokio::test]
async fn a_4_2_oss_restore_with_a_wrong_key_is_permission_denied() {
    let mut config = cluster(vec![tenant(1002, "t1", false)]);
    config.release = ob_emulator::Release::V4_2_1_CE;
    let run = Running::start(config).await;
    let mut conn = run.connect().await;
    let data = oss("t1/data", HOST, ACCESS_ID, ACCESS_KEY);
    let archive = oss("t1/archive", HOST, ACCESS_ID, ACCESS_KEY);
    for sql in [
        format!("ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION={archive}' TENANT = t1"),
        "ALTER SYSTEM ARCHIVELOG TENANT = t1".to_string(),
        format!("ALTER SYSTEM SET DATA_BACKUP_DEST = '{data}' TENANT = t1"),
    ] {
        conn.query_drop(&sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    run.advance(60);
    conn.query_drop("ALTER SYSTEM BACKUP TENANT = t1")
        .await
        .expect("backup to OSS");
    run.advance(600);
    resources(&mut conn, "p1").await;

    let wrong = oss("t1/data", HOST, ACCESS_ID, "n0tTheK3y");
    let (code, message) = server_code(conn.query_drop(oss_restore("r1", &wrong, &archive)).await);
    assert_eq!(
        (code, message.as_str()),
        (9071, "no I/O operation permission at the backup destination")
    );
    nothing_started(&mut conn, "r1").await;
    // The keys are not the path: a path nothing was written at is still "no backup here".
    let (code, _) = server_code(
        conn.query_drop(oss_restore(
            "r1",
            &oss("t9/data", HOST, ACCESS_ID, ACCESS_KEY),
            &archive,
        ))
        .await,
    );
    assert_eq!(code, 9011);

    // The owner rotates the data destination's keys.
    let rotated = oss("t1/data", HOST, ACCESS_ID, "r0tat3dK3y");
    conn.query_drop(format!("ALTER SYSTEM SET DATA_BACKUP_DEST = '{rotated}' TENANT = t1"))
        .await
        .expect("same path, new keys");
    conn.query_drop(oss_restore("r1", &rotated, &archive))
        .await
        .expect("the keys the destination now has");
    assert_eq!(
        count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_RESTORE_PROGRESS").await,
        1
    );
}
