//! The seeded past: what a desk connecting to a sandbox cluster finds on day one.

mod common;

use common::{cluster, count, tenant, with_history, Running, START};
use mysql_async::prelude::Queryable;
use mysql_async::Conn;

const DAY_NS: u64 = 86_400_000_000_000;
const HOUR_NS: u64 = 3_600_000_000_000;

fn seeded() -> ob_emulator::ClusterConfig {
    with_history(
        cluster(vec![
            tenant(1002, "t1", true),
            tenant(1004, "t2", true),
            tenant(1006, "t3", false),
        ]),
        28,
    )
}

async fn dump(conn: &mut Conn, sql: &str) -> Vec<Vec<Option<String>>> {
    let rows: Vec<mysql_async::Row> = conn.query(sql).await.expect("query");
    rows.into_iter()
        .map(|row| {
            (0..row.len())
                .map(|i| row.get_opt::<Option<String>, _>(i).and_then(Result::ok).flatten())
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn seeded_history_has_weekly_fulls_daily_incrementals_and_two_failures() {
    let run = Running::start(seeded()).await;
    let mut conn = run.connect().await;
    let fulls = count(
        &mut conn,
        "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_SET_FILES WHERE TENANT_ID = 1002 AND BACKUP_TYPE = 'FULL'",
    )
    .await;
    let incs = count(
        &mut conn,
        "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_SET_FILES WHERE TENANT_ID = 1002 AND BACKUP_TYPE = 'INC'",
    )
    .await;
    // Four weeks: four Sundays, and the first backup is a full too unless it fell on one.
    assert!((4..=5).contains(&fulls), "a full a week: {fulls}");
    assert!((22..=25).contains(&incs), "an incremental on the other days: {incs}");
    assert_eq!(
        count(
            &mut conn,
            "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE TENANT_ID = 1002"
        )
        .await,
        fulls + incs,
        "one backup a day"
    );
    assert_eq!(
        count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_SET_FILES WHERE STATUS = 'SUCCESS' AND FILE_STATUS <> 'AVAILABLE'").await,
        0
    );
    assert_eq!(
        count(
            &mut conn,
            "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_SET_FILES WHERE TENANT_ID = 1006"
        )
        .await,
        0,
        "t3 does not archive"
    );
    let failed: Vec<(i64, String, String)> = conn
        .query("SELECT TENANT_ID, JOB_LEVEL, COMMENT FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE STATUS = 'FAILED' ORDER BY JOB_LEVEL, TENANT_ID")
        .await
        .expect("failed jobs");
    assert_eq!(
        failed.len(),
        4,
        "two failed backups, each with its cluster job: {failed:?}"
    );
    assert!(failed.iter().all(|(_, _, comment)| !comment.is_empty()));
    assert_eq!(
        count(
            &mut conn,
            "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_SET_FILES WHERE STATUS = 'FAILED'"
        )
        .await,
        2
    );
    // Every successful tenant job left a set; every cluster job covered both tenants.
    assert_eq!(
        count(
            &mut conn,
            "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE JOB_LEVEL = 'USER_TENANT'"
        )
        .await,
        count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_SET_FILES").await
    );
    let executors = count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE JOB_LEVEL = 'CLUSTER' AND EXECUTOR_TENANT_ID <> '1002,1004'").await;
    assert_eq!(executors, 0);
    // Sets chain: an incremental's previous full exists and came first.
    assert_eq!(
        count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_BACKUP_SET_FILES i WHERE i.BACKUP_TYPE = 'INC' AND NOT EXISTS (SELECT 1 FROM oceanbase.CDB_OB_BACKUP_SET_FILES f WHERE f.TENANT_ID = i.TENANT_ID AND f.BACKUP_SET_ID = i.PREV_FULL_BACKUP_SET_ID AND f.BACKUP_TYPE = 'FULL')").await,
        0
    );
}

#[tokio::test]
async fn seeded_archive_is_continuous_but_for_one_gap_ten_days_back() {
    let run = Running::start(seeded()).await;
    let mut conn = run.connect().await;
    let pieces: Vec<(u64, u64, String, u64)> = conn
        .query("SELECT START_SCN, CHECKPOINT_SCN, STATUS, END_SCN FROM oceanbase.CDB_OB_ARCHIVELOG_PIECE_FILES WHERE TENANT_ID = 1002 ORDER BY PIECE_ID")
        .await
        .expect("pieces");
    assert!((28..=31).contains(&pieces.len()), "daily pieces: {}", pieces.len());
    // Pieces join where the previous one ENDS; a gap is where the next starts later.
    let gaps: Vec<(u64, u64)> = pieces
        .windows(2)
        .filter(|w| w[1].0 != w[0].3)
        .map(|w| (w[0].1, w[1].0))
        .collect();
    assert_eq!(gaps.len(), 1, "exactly one gap: {gaps:?}");
    let (from, to) = gaps[0];
    let now = START as u64 * 1000;
    assert!(
        to - from >= HOUR_NS && to - from <= 6 * HOUR_NS,
        "a few hours: {}",
        (to - from) / HOUR_NS
    );
    assert!(
        now - from > 9 * DAY_NS && now - from < 11 * DAY_NS,
        "about ten days back"
    );
    assert_eq!(pieces.last().map(|p| p.2.as_str()), Some("ACTIVE"));
    assert!(
        now - pieces.last().map(|p| p.1).unwrap_or(0) < 10_000_000_000,
        "archived up to a few seconds ago"
    );
    let rounds: Vec<(i64, String)> = conn
        .query(
            "SELECT ROUND_ID, STATUS FROM oceanbase.CDB_OB_ARCHIVELOG_SUMMARY WHERE TENANT_ID = 1002 ORDER BY ROUND_ID",
        )
        .await
        .expect("rounds");
    assert_eq!(rounds, vec![(1, "STOP".into()), (2, "DOING".into())]);
    let log_mode = count(
        &mut conn,
        "SELECT COUNT(*) FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_TYPE = 'USER' AND LOG_MODE = 'ARCHIVELOG'",
    )
    .await;
    assert_eq!(log_mode, 2);
}

#[tokio::test]
async fn seeded_restore_history_has_drills_two_of_them_failed() {
    let run = Running::start(seeded()).await;
    let mut conn = run.connect().await;
    // One row per drill from the sys tenant's job (and one from the restored tenant's own).
    let drills: Vec<(String, String, String)> = conn
        .query("SELECT RESTORE_TENANT_NAME, STATUS, COMMENT FROM oceanbase.CDB_OB_RESTORE_HISTORY WHERE TENANT_ID = 1 ORDER BY JOB_ID")
        .await
        .expect("history");
    assert!((3..=5).contains(&drills.len()), "{drills:?}");
    let rows = count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_RESTORE_HISTORY").await;
    assert_eq!(
        rows as usize,
        2 * drills.len(),
        "each drill is two rows with one JOB_ID"
    );
    let failed: Vec<_> = drills.iter().filter(|d| d.1 == "FAIL").collect();
    assert_eq!(failed.len(), 2);
    assert!(failed.iter().all(|d| !d.2.is_empty()));
    // The drills' tenants are gone; new tenants never reuse their ids.
    let drill_tenants = count(
        &mut conn,
        "SELECT COUNT(*) FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_NAME LIKE '%drill%'",
    )
    .await;
    assert_eq!(drill_tenants, 0);
    let max_drill = count(
        &mut conn,
        "SELECT MAX(RESTORE_TENANT_ID) FROM oceanbase.CDB_OB_RESTORE_HISTORY",
    )
    .await;
    assert!(max_drill > 1006);
}

#[tokio::test]
async fn seeding_is_deterministic() {
    let first = Running::start(seeded()).await;
    let second = Running::start(seeded()).await;
    let mut a = first.connect().await;
    let mut b = second.connect().await;
    for sql in [
        "SELECT * FROM oceanbase.CDB_OB_BACKUP_SET_FILES ORDER BY TENANT_ID, BACKUP_SET_ID",
        "SELECT * FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY ORDER BY TENANT_ID, JOB_ID",
        "SELECT * FROM oceanbase.CDB_OB_ARCHIVELOG_PIECE_FILES ORDER BY TENANT_ID, PIECE_ID",
        "SELECT * FROM oceanbase.CDB_OB_RESTORE_HISTORY ORDER BY JOB_ID",
    ] {
        assert_eq!(dump(&mut a, sql).await, dump(&mut b, sql).await, "{sql}");
    }
}
