//! A 3.x cluster as a DBA sees it: 3.x's own views and tenant list, the cluster-level
//! backup statements, the Enterprise tenant backup of 3.2, and a restore whose source is
//! checked after the statement returns.

mod common;

use common::{cluster, count, one, rows, server_code, tenant, with_history, Running};
use mysql_async::prelude::Queryable;
use ob_emulator::Release;

fn v3(release: Release, days: u32) -> ob_emulator::ClusterConfig {
    let tenants = vec![tenant(1002, "t1", true), tenant(1004, "t2", true)];
    let mut config = if days > 0 {
        with_history(cluster(tenants), days)
    } else {
        cluster(tenants)
    };
    config.release = release;
    config
}

#[tokio::test]
async fn a_3_1_cluster_has_3_x_views_and_backs_up_as_a_whole() {
    let run = Running::start(v3(Release::V3_1_5_CE, 14)).await;
    let mut conn = run.connect().await;
    let comment = one(&mut conn, "SELECT @@version_comment").await.unwrap_or_default();
    assert!(
        comment.starts_with("OceanBase 3.1.5 (r100000252023041721-"),
        "{comment}"
    );
    assert_eq!(
        one(&mut conn, "SELECT VERSION()").await.as_deref(),
        Some("3.1.5-OceanBase CE")
    );
    // 3.x lists tenants in gv$tenant; the 4.x views do not exist.
    assert_eq!(count(&mut conn, "SELECT COUNT(*) FROM oceanbase.GV$TENANT").await, 3);
    let (code, _) = server_code(conn.query_drop("SELECT * FROM oceanbase.DBA_OB_TENANTS").await);
    assert_eq!(code, 1146);
    // A fortnight of history: sets in the 3.x views, with D/I types and BS_KEYs.
    let sets = rows(
        &mut conn,
        "SELECT BS_KEY, BACKUP_TYPE, STATUS FROM oceanbase.CDB_OB_BACKUP_SET_DETAILS WHERE TENANT_ID = 1002 ORDER BY BS_KEY",
    )
    .await;
    assert!(sets.len() >= 12, "{}", sets.len());
    let rounds = rows(
        &mut conn,
        "SELECT LOG_ARCHIVE_ROUND, STATUS, MIN_FIRST_TIME, MAX_NEXT_TIME FROM oceanbase.CDB_OB_BACKUP_ARCHIVELOG_SUMMARY WHERE TENANT_ID = 1002 ORDER BY LOG_ARCHIVE_ROUND",
    )
    .await;
    assert_eq!(rounds.len(), 2, "a round before the gap and one after");
    // The 4.x statements are not 3.x's.
    for (sql, code) in [
        ("ALTER SYSTEM BACKUP TENANT = t1", 1064),
        ("ALTER SYSTEM BACKUP TENANT t1 TO 'file:///b'", 1064),
        ("ALTER SYSTEM ARCHIVELOG TENANT = t1", 1064),
        ("ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///b' TENANT = t1", 1064),
        ("ALTER SYSTEM SET data_backup_dest = 'file:///b'", 5099),
        ("ALTER SYSTEM CANCEL RESTORE r1", 1064),
        // Archiving is on already: 3.1 says so with OB_NOT_SUPPORTED.
        ("ALTER SYSTEM ARCHIVELOG", 1235),
    ] {
        let (got, message) = server_code(conn.query_drop(sql).await);
        assert_eq!(got, code, "{sql}: {message}");
    }
    conn.query_drop("ALTER SYSTEM BACKUP DATABASE")
        .await
        .expect("cluster backup");
    assert_eq!(
        count(
            &mut conn,
            "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_PROGRESS WHERE STATUS = 'RUNNING'"
        )
        .await,
        2,
        "every user tenant"
    );
    let (code, message) = server_code(conn.query_drop("ALTER SYSTEM BACKUP DATABASE").await);
    assert_eq!((code, message.as_str()), (9036, "Backup is in progress"));
    run.advance(3600);
    conn.query_drop("ALTER SYSTEM NOARCHIVELOG")
        .await
        .expect("stop archiving");
    run.advance(10);
    let (code, message) = server_code(conn.query_drop("ALTER SYSTEM BACKUP DATABASE").await);
    assert_eq!(code, 9040);
    assert!(
        message.contains("log archive is not doing. log archive status : STOP"),
        "{message}"
    );
    let (code, _) = server_code(conn.query_drop("ALTER SYSTEM NOARCHIVELOG").await);
    assert_eq!(code, 9024, "already off, as 3.1 says it");
}

#[tokio::test]
async fn a_3_2_enterprise_cluster_backs_up_a_tenant_to_a_destination() {
    let run = Running::start(v3(Release::V3_2_4_EE, 0)).await;
    let mut conn = run.connect().await;
    assert_eq!(
        one(&mut conn, "SELECT VERSION()").await.as_deref(),
        Some("5.7.25-OceanBase-v3.2.4.3")
    );
    conn.query_drop("ALTER SYSTEM BACKUP TENANT t1 TO 'file:///obbackup/tenant_t1'")
        .await
        .expect("a 3.2 tenant backup");
    run.advance(3600);
    let snapshot = count(
        &mut conn,
        "SELECT SNAPSHOT_VERSION FROM oceanbase.CDB_OB_BACKUP_SET_FILES WHERE TENANT_ID = 1002",
    )
    .await;
    assert!(snapshot > 0, "3.2.4 shows the set's snapshot");
    assert_eq!(
        count(
            &mut conn,
            "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_SET_FILES WHERE TENANT_ID = 1004"
        )
        .await,
        0,
        "only the tenant named"
    );
}

#[tokio::test]
async fn a_3_x_restore_is_accepted_then_fails_when_its_source_falls_short() {
    let run = Running::start(v3(Release::V3_1_5_CE, 14)).await;
    let mut conn = run.connect().await;
    conn.query_drop(
        "CREATE RESOURCE UNIT u1 MAX_CPU 2, MAX_MEMORY '4G', MAX_IOPS 128, MAX_DISK_SIZE '10G', MAX_SESSION_NUM 64",
    )
    .await
    .expect("3.x unit");
    let (code, _) = server_code(
        conn.query_drop("CREATE RESOURCE UNIT u2 MAX_CPU 2, MEMORY_SIZE '4G'")
            .await,
    );
    assert_eq!(code, 1210, "MEMORY_SIZE is 4.x's");
    conn.query_drop("CREATE RESOURCE POOL p1 UNIT = 'u1', UNIT_NUM = 1")
        .await
        .expect("pool");
    conn.query_drop("CREATE RESOURCE POOL p2 UNIT = 'u1', UNIT_NUM = 1")
        .await
        .expect("pool");
    // In 3.x the point is read in the session's zone: this session is UTC.
    conn.query_drop("SET time_zone = '+00:00'").await.expect("zone");
    let way_back = "2020-01-01 00:00:00";
    conn.query_drop(format!(
        "ALTER SYSTEM RESTORE r1 FROM t1 UNTIL '{way_back}' WITH 'backup_cluster_name=sandbox-hz&backup_cluster_id=1&pool_list=p1'"
    ))
    .await
    .expect("3.x accepts the statement");
    let a_day_ago = chrono::DateTime::from_timestamp_micros(common::START - 86_400_000_000)
        .expect("time")
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    conn.query_drop(format!(
        "ALTER SYSTEM RESTORE r2 FROM t1 UNTIL '{a_day_ago}' WITH 'backup_cluster_name=sandbox-hz&backup_cluster_id=1&pool_list=p2'"
    ))
    .await
    .expect("restores");
    assert_eq!(
        count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_RESTORE_PROGRESS").await,
        2,
        "one row per job in 3.x"
    );
    run.advance(3600);
    let outcomes: Vec<(String, String, String)> = conn
        .query("SELECT TENANT_NAME, STATUS, INFO FROM oceanbase.CDB_OB_RESTORE_HISTORY WHERE TENANT_NAME IN ('r1', 'r2') ORDER BY TENANT_NAME")
        .await
        .expect("history");
    assert_eq!(outcomes[0].1, "RESTORE_FAIL");
    assert!(
        outcomes[0].2.contains("-4018"),
        "no set before the point: {}",
        outcomes[0].2
    );
    assert_eq!(
        (outcomes[1].1.as_str(), outcomes[1].2.as_str()),
        ("RESTORE_SUCCESS", "")
    );
    // The restored 3.x tenant serves at once: no standby to activate.
    let (code, _) = server_code(conn.query_drop("ALTER SYSTEM ACTIVATE STANDBY TENANT r2").await);
    assert_eq!(code, 1064);
    // The failed restore dropped its tenant (`_auto_drop_tenant_if_restore_failed`, True by
    // default in v3.1.5_CE), and its pool is free again.
    let tenants = |name: &str| format!("SELECT COUNT(*) FROM oceanbase.GV$TENANT WHERE TENANT_NAME = '{name}'");
    assert_eq!(count(&mut conn, &tenants("r1")).await, 0);
    assert_eq!(count(&mut conn, &tenants("r2")).await, 1);
    // A point 10 s behind the cluster's clock is too new (`restore_timestamp + 10s >= now`,
    // v3.1.5_CE `ObRootService::physical_restore_tenant`); 11 s is not.
    let behind = |secs: i64| {
        chrono::DateTime::from_timestamp_micros(common::START + 3_600_000_000 - secs * 1_000_000)
            .expect("time")
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    };
    let restore = |point: String| {
        format!(
            "ALTER SYSTEM RESTORE r3 FROM t1 UNTIL '{point}' WITH 'backup_cluster_name=sandbox-hz&backup_cluster_id=1&pool_list=p1'"
        )
    };
    let (code, message) = server_code(conn.query_drop(restore(behind(10))).await);
    assert_eq!(
        (code, message.as_str()),
        (4179, "need retry later, restore timestamp is too new not allowed")
    );
    conn.query_drop(restore(behind(11)))
        .await
        .expect("a point 11 s old, into the pool the failed restore freed");
}

/// 3.x reads `AT 'uri'` before it writes the job (`fill_clog_path_list`, v3.1.x_CE), and
/// its OSS client has no word for 403: keys the bucket refuses are OB_OSS_ERROR, "OSS
/// error" (`ObStorageOssBase::get_oss_file_meta`). 3.2 borrows 3.1's source.
#[tokio::test]
async fn a_3_2_restore_at_an_oss_uri_with_wrong_keys_is_an_oss_error() {
    let mut config = cluster(vec![tenant(1002, "t1", false)]);
    config.release = Release::V3_2_4_EE;
    let run = Running::start(config).await;
    let mut conn = run.connect().await;
    let dest = |key: &str| {
        format!("oss://ob-backup/sandbox?host=oss-cn-hangzhou.aliyuncs.com&access_id=LTAI5tOwner&access_key={key}")
    };
    conn.query_drop(format!("ALTER SYSTEM SET backup_dest = '{}'", dest("k3yWr1tt3nW1th")))
        .await
        .expect("an OSS backup_dest on 3.2");
    conn.query_drop("ALTER SYSTEM ARCHIVELOG").await.expect("archive");
    run.advance(60);
    conn.query_drop("ALTER SYSTEM BACKUP DATABASE").await.expect("backup");
    run.advance(3600);
    conn.query_drop(
        "CREATE RESOURCE UNIT u1 MAX_CPU 2, MAX_MEMORY '4G', MAX_IOPS 128, MAX_DISK_SIZE '10G', MAX_SESSION_NUM 64",
    )
    .await
    .expect("unit");
    conn.query_drop("CREATE RESOURCE POOL p1 UNIT = 'u1', UNIT_NUM = 1")
        .await
        .expect("pool");
    let restore = |key: &str| {
        format!(
            "ALTER SYSTEM RESTORE r1 FROM t1 AT '{}' WITH 'backup_cluster_name=sandbox-hz&backup_cluster_id=1&pool_list=p1'",
            dest(key)
        )
    };
    let (code, message) = server_code(conn.query_drop(restore("n0tTheK3y")).await);
    assert_eq!((code, message.as_str()), (9003, "OSS error"));
    assert_eq!(
        count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_RESTORE_PROGRESS").await,
        0,
        "no job"
    );
    assert_eq!(
        count(
            &mut conn,
            "SELECT COUNT(*) FROM oceanbase.GV$TENANT WHERE TENANT_NAME = 'r1'"
        )
        .await,
        0
    );
    conn.query_drop(restore("k3yWr1tt3nW1th"))
        .await
        .expect("the keys backup_dest was written with");
    assert_eq!(
        count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_RESTORE_PROGRESS").await,
        1
    );
    run.advance(3600);
    assert_eq!(
        one(
            &mut conn,
            "SELECT STATUS FROM oceanbase.CDB_OB_RESTORE_HISTORY WHERE TENANT_NAME = 'r1'"
        )
        .await
        .as_deref(),
        Some("RESTORE_SUCCESS")
    );
}
