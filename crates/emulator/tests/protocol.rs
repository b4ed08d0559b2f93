//! The MySQL surface: login, what a client library asks on connect, time zones, errors,
//! hostile input and dropped connections.

mod common;

use common::{cluster, count, one, rows, server_code, tenant, Running};
use mysql_async::prelude::Queryable;
use ob_emulator::Fault;

#[tokio::test]
async fn login_takes_root_forms_with_the_right_password_only() {
    let mut config = cluster(vec![tenant(1002, "t1", false)]);
    config.password = "s3cret!".to_string();
    let run = Running::start(config).await;

    for user in ["root", "root@sys", "root@sys#sandbox-hz"] {
        let mut conn = run
            .connect_as(user, "s3cret!")
            .await
            .unwrap_or_else(|e| panic!("{user} logs in: {e}"));
        assert_eq!(one(&mut conn, "SELECT 1").await.as_deref(), Some("1"));
        conn.disconnect().await.expect("disconnects");
    }
    for (user, password) in [
        ("root@sys", "wrong"),
        ("root@sys", ""),
        ("admin", "s3cret!"),
        ("root@sys#other-cluster", "s3cret!"),
        ("root@t1", "s3cret!"),
    ] {
        match run.connect_as(user, password).await {
            Err(mysql_async::Error::Server(e)) => {
                assert_eq!(e.code, 1045, "{user}/{password}");
                assert!(
                    e.message
                        .starts_with(&format!("Access denied for user '{user}'@'127.0.0.1'")),
                    "{}",
                    e.message
                );
            }
            Err(other) => panic!("{user}: expected 1045, got {other}"),
            Ok(_) => panic!("{user}/{password} must be refused"),
        }
    }
}

#[tokio::test]
async fn version_comment_says_it_is_an_emulator() {
    let run = Running::start(cluster(vec![])).await;
    let mut conn = run.connect().await;
    let comment = one(&mut conn, "SELECT @@version_comment").await.unwrap_or_default();
    // The release's banner as the release sends it, then what the emulator is.
    assert_eq!(
        comment,
        "OceanBase_CE 4.3.5.6 (r106000012026040916-560923b02bdb9ed88dbd7940ac97a2e183c09b29) (Built Apr  9 2026 16:00:00) \
         ob-emulator: OB Backup Desk's backup emulator, not an OceanBase server"
    );
    assert_eq!(
        one(&mut conn, "select version()").await.as_deref(),
        Some("5.7.25-OceanBase_CE-v4.3.5.6")
    );
    let (packet, timeout): (u64, u64) = conn
        .query_first("SELECT @@max_allowed_packet, @@session.wait_timeout")
        .await
        .expect("variables")
        .expect("a row");
    assert_eq!((packet, timeout), (16_777_216, 28_800));
    let (code, message) = server_code(conn.query_drop("SELECT @@no_such_variable").await);
    assert_eq!(
        (code, message.as_str()),
        (1193, "Unknown system variable 'no_such_variable'")
    );
}

#[tokio::test]
async fn session_time_zone_shifts_timestamps() {
    let run = Running::start(cluster(vec![tenant(1002, "t1", false)])).await;
    let mut conn = run.connect().await;
    let sql = "SELECT CREATE_TIME FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_ID = 1002";
    let utc = one(&mut conn, sql).await.expect("a time");
    assert_eq!(
        utc, "2024-06-01 12:00:00.000000",
        "created a year before the clock's now"
    );
    conn.query_drop("SET time_zone = '+08:00'").await.expect("set");
    assert_eq!(one(&mut conn, sql).await.as_deref(), Some("2024-06-01 20:00:00.000000"));
    conn.query_drop("SET @@session.time_zone='-05:30'").await.expect("set");
    assert_eq!(one(&mut conn, sql).await.as_deref(), Some("2024-06-01 06:30:00.000000"));
    assert_eq!(one(&mut conn, "SELECT @@time_zone").await.as_deref(), Some("-05:30"));
    let (code, _) = server_code(conn.query_drop("SET time_zone = 'Mars/Olympus'").await);
    assert_eq!(code, 1298);
    // A fresh session starts at OceanBase's default, +08:00.
    let mut fresh = run.connect_as("root", "").await.expect("connects");
    fresh.query_drop("SET time_zone = DEFAULT").await.expect("default");
    assert_eq!(
        one(&mut fresh, sql).await.as_deref(),
        Some("2024-06-01 20:00:00.000000")
    );
}

#[tokio::test]
async fn unknown_statements_and_views_are_refused_like_oceanbase() {
    let run = Running::start(cluster(vec![])).await;
    let mut conn = run.connect().await;
    let (code, message) = server_code(conn.query_drop("ALTER SYSTEM FROBNICATE").await);
    assert_eq!(code, 1064);
    assert!(message.contains("near 'FROBNICATE' at line 1"), "{message}");
    let (code, message) = server_code(conn.query_drop("SELECT * FROM oceanbase.CDB_OB_NOPE").await);
    assert_eq!(
        (code, message.as_str()),
        (1146, "Table 'oceanbase.CDB_OB_NOPE' doesn't exist")
    );
    let (code, message) = server_code(conn.query_drop("SELECT * FROM mysql.user").await);
    assert_eq!((code, message.as_str()), (1146, "Table 'mysql.user' doesn't exist"));
    let (code, _) = server_code(
        conn.query_drop("SELECT NO_SUCH_COLUMN FROM oceanbase.DBA_OB_ZONES")
            .await,
    );
    assert_eq!(code, 1054);
    let (code, _) = server_code(conn.query_drop("SELECT 1; SELECT 2").await);
    assert_eq!(code, 1064);
    // USE works for oceanbase, and then bare view names resolve.
    conn.query_drop("USE oceanbase").await.expect("use");
    assert_eq!(count(&mut conn, "SELECT COUNT(*) FROM DBA_OB_ZONES").await, 3);
}

#[tokio::test]
async fn a_quote_breaking_literal_stays_one_literal() {
    let run = Running::start(cluster(vec![tenant(1002, "t1", true)])).await;
    let mut conn = run.connect().await;
    let before = run.emulator.statement_log().len();
    let hostile = r"ALTER SYSTEM SET DATA_BACKUP_DEST = 'a\' ; DROP TENANT t1 -- ' TENANT = t1";
    let (code, message) = server_code(conn.query_drop(hostile).await);
    assert_eq!(code, 9026, "the whole literal is taken as the destination: {message}");
    assert_eq!(message, "a' ; DROP TENANT t1 --  is not a valid uri");
    let log = run.emulator.statement_log();
    assert_eq!(log[before..], [hostile.to_string()], "one statement, exactly as sent");
    assert_eq!(
        run.emulator.refused_log(),
        [(hostile.to_string(), 9026)],
        "what was refused is recorded with its number"
    );
    assert_eq!(
        count(
            &mut conn,
            "SELECT COUNT(*) FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_NAME = 't1'"
        )
        .await,
        1,
        "t1 still exists"
    );
    // A literal in a WHERE clause is escaped for the store too.
    assert_eq!(
        count(
            &mut conn,
            r"SELECT COUNT(*) FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_NAME = 'x\' OR \'1\'=\'1'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn dropped_connections_fail_and_new_ones_work() {
    let run = Running::start(cluster(vec![])).await;
    let mut first = run.connect().await;
    assert_eq!(one(&mut first, "SELECT 1").await.as_deref(), Some("1"));
    run.emulator.inject(Fault::DropConnections);
    match first.query_drop("SELECT 1").await {
        Err(mysql_async::Error::Server(e)) => {
            panic!("expected a lost connection, got server error {e}")
        }
        Err(_) => {}
        Ok(()) => panic!("the connection was dropped"),
    }
    let mut second = run.connect().await;
    assert_eq!(one(&mut second, "SELECT 1").await.as_deref(), Some("1"));
}

#[tokio::test]
async fn an_unreachable_cluster_refuses_every_connection_until_it_is_back() {
    let run = Running::start(cluster(vec![])).await;
    let mut open = run.connect().await;
    run.emulator.inject(Fault::Unreachable);
    assert!(
        open.query_drop("SELECT 1").await.is_err(),
        "the open connection is gone"
    );
    assert!(
        run.connect_as("root@sys", "").await.is_err(),
        "a new one is closed on arrival"
    );
    run.emulator.inject(Fault::Reachable);
    let mut back = run.connect().await;
    assert_eq!(one(&mut back, "SELECT 1").await.as_deref(), Some("1"));
}

#[tokio::test]
async fn prepared_selects_bind_parameters_and_alter_system_refuses_them() {
    let run = Running::start(cluster(vec![tenant(1002, "t1", false)])).await;
    let mut conn = run.connect().await;
    let name: Option<String> = conn
        .exec_first(
            "SELECT TENANT_NAME FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_ID = ? AND TENANT_TYPE = ?",
            (1002, "USER"),
        )
        .await
        .expect("executes");
    assert_eq!(name.as_deref(), Some("t1"));
    let found: Vec<(i64, mysql_async::Value)> = conn
        .exec(
            "SELECT TENANT_ID, CREATE_TIME FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_ID > ? ORDER BY TENANT_ID",
            (1000,),
        )
        .await
        .expect("binary rows");
    assert_eq!(found.iter().map(|r| r.0).collect::<Vec<_>>(), vec![1001, 1002]);
    // The binary protocol sends TIMESTAMP as a date value, as MySQL does.
    assert_eq!(found[1].1, mysql_async::Value::Date(2024, 6, 1, 12, 0, 0, 0));
    let (code, message) = server_code(conn.exec_drop("ALTER SYSTEM ARCHIVELOG TENANT = ?", ("t1",)).await);
    assert_eq!(code, 1064);
    assert!(message.contains("near '?'"), "{message}");
    let all = rows(&mut conn, "SELECT * FROM oceanbase.DBA_OB_ZONES").await;
    assert_eq!(all.len(), 3);
}
