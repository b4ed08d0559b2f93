//! Log archiving as a DBA watches it: the round starts, its checkpoint follows the clock,
//! pieces switch daily and stay contiguous; NOARCHIVELOG stops it; faults interrupt it.

mod common;

use common::{cluster, one, rows, server_code, tenant, Running};
use mysql_async::prelude::Queryable;
use ob_emulator::Fault;

const ROUND: &str = "SELECT STATUS, START_SCN, CHECKPOINT_SCN FROM oceanbase.CDB_OB_ARCHIVELOG WHERE TENANT_ID = 1002";

async fn round(conn: &mut mysql_async::Conn) -> (String, u64, u64) {
    conn.query_first(ROUND).await.expect("round").expect("a round")
}

#[tokio::test]
async fn archivelog_starts_a_round_that_follows_the_clock_with_contiguous_pieces() {
    let run = Running::start(cluster(vec![tenant(1002, "t1", false)])).await;
    let mut conn = run.connect().await;
    conn.query_drop(
        "ALTER SYSTEM SET LOG_ARCHIVE_DEST='LOCATION=file:///backup/t1/archive BINDING=Optional PIECE_SWITCH_INTERVAL=1d' TENANT = t1",
    )
    .await
    .expect("dest");
    let dest: Vec<(String, String)> = conn
        .query("SELECT NAME, VALUE FROM oceanbase.CDB_OB_ARCHIVE_DEST WHERE TENANT_ID = 1002 ORDER BY NAME")
        .await
        .expect("dest rows");
    assert!(
        dest.contains(&("path".into(), "file:///backup/t1/archive".into())),
        "{dest:?}"
    );
    assert!(dest.contains(&("piece_switch_interval".into(), "1d".into())));
    assert_eq!(
        one(
            &mut conn,
            "SELECT LOG_MODE FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_ID = 1002"
        )
        .await
        .as_deref(),
        Some("NOARCHIVELOG")
    );

    conn.query_drop("ALTER SYSTEM ARCHIVELOG TENANT = t1")
        .await
        .expect("archivelog");
    assert_eq!(
        one(
            &mut conn,
            "SELECT LOG_MODE FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_ID = 1002"
        )
        .await
        .as_deref(),
        Some("ARCHIVELOG")
    );
    let (status, start, checkpoint) = round(&mut conn).await;
    assert!(status == "PREPARE" || status == "BEGINNING", "{status}");
    assert_eq!(checkpoint, start);
    run.advance(10);
    let (status, _, first_checkpoint) = round(&mut conn).await;
    assert_eq!(status, "DOING");
    assert!(first_checkpoint > start);
    run.advance(60);
    let (_, _, later) = round(&mut conn).await;
    assert_eq!(
        later - first_checkpoint,
        60_000_000_000,
        "the checkpoint follows the clock"
    );
    let now_scn = (common::START as u64 + 70_000_000) * 1000;
    assert!(now_scn - later <= 5_000_000_000, "it trails now by a few seconds");

    run.advance(2 * 86_400 + 3600);
    let pieces: Vec<(i64, String, u64, u64, u64)> = conn
        .query("SELECT PIECE_ID, STATUS, START_SCN, CHECKPOINT_SCN, END_SCN FROM oceanbase.CDB_OB_ARCHIVELOG_PIECE_FILES WHERE TENANT_ID = 1002 ORDER BY PIECE_ID")
        .await
        .expect("pieces");
    assert_eq!(pieces.len(), 3, "{pieces:?}");
    assert_eq!(
        pieces.iter().map(|p| p.1.as_str()).collect::<Vec<_>>(),
        ["FROZEN", "FROZEN", "ACTIVE"]
    );
    for pair in pieces.windows(2) {
        assert_eq!(pair[1].2, pair[0].4, "next START_SCN = previous END_SCN");
        assert!(
            pair[0].3 < pair[0].4,
            "a frozen piece's CHECKPOINT_SCN may stop short of its END_SCN"
        );
        assert_eq!(pair[0].4 - pair[0].2, 86_400_000_000_000, "pieces switch daily");
    }

    let (code, message) = server_code(conn.query_drop("ALTER SYSTEM ARCHIVELOG TENANT = t1").await);
    assert_eq!((code, message.as_str()), (9091, "Already in ARCHIVELOG mode"));
    conn.query_drop("ALTER SYSTEM NOARCHIVELOG TENANT = t1")
        .await
        .expect("noarchivelog");
    assert_eq!(round(&mut conn).await.0, "STOPPING");
    run.advance(5);
    let (status, _, stopped_at) = round(&mut conn).await;
    assert_eq!(status, "STOP");
    run.advance(3600);
    assert_eq!(
        round(&mut conn).await.2,
        stopped_at,
        "a stopped round no longer advances"
    );
    let statuses: Vec<String> = conn
        .query("SELECT STATUS FROM oceanbase.CDB_OB_ARCHIVELOG_PIECE_FILES WHERE TENANT_ID = 1002")
        .await
        .expect("pieces");
    assert!(statuses.iter().all(|s| s == "FROZEN"));
    let (code, _) = server_code(conn.query_drop("ALTER SYSTEM NOARCHIVELOG TENANT = t1").await);
    assert_eq!(code, 9092);
}

#[tokio::test]
async fn archive_dest_cannot_change_while_archiving_and_must_be_a_uri() {
    let run = Running::start(cluster(vec![tenant(1002, "t1", true)])).await;
    let mut conn = run.connect().await;
    let (code, message) = server_code(
        conn.query_drop("ALTER SYSTEM SET LOG_ARCHIVE_DEST='LOCATION=file:///elsewhere' TENANT = t1")
            .await,
    );
    assert_eq!(
        (code, message.as_str()),
        (1235, "change archive dest when archive is running is not supported")
    );
    let (code, _) = server_code(
        conn.query_drop("ALTER SYSTEM SET LOG_ARCHIVE_DEST='LOCATION=ftp://x' TENANT = t1")
            .await,
    );
    assert_eq!(code, 9026);
}

#[tokio::test]
async fn an_interrupted_archive_says_why_and_blocks_backups() {
    let run = Running::start(cluster(vec![tenant(1002, "t1", true)])).await;
    let mut conn = run.connect().await;
    run.emulator.inject(Fault::ArchiveInterrupted { tenant: "t1".into() });
    run.advance(600);
    let row = rows(
        &mut conn,
        "SELECT STATUS, COMMENT FROM oceanbase.CDB_OB_ARCHIVELOG WHERE TENANT_ID = 1002",
    )
    .await;
    assert_eq!(common::get::<String>(&row[0], "STATUS"), "INTERRUPTED");
    assert!(!common::get::<String>(&row[0], "COMMENT").is_empty());
    let (code, message) = server_code(conn.query_drop("ALTER SYSTEM BACKUP TENANT = t1").await);
    assert_eq!(
        (code, message.as_str()),
        (9040, "backup can not start, because log archive status is not doing.")
    );
    // NOARCHIVELOG then ARCHIVELOG starts a new round.
    conn.query_drop("ALTER SYSTEM NOARCHIVELOG TENANT = t1")
        .await
        .expect("stop");
    conn.query_drop("ALTER SYSTEM ARCHIVELOG TENANT = t1")
        .await
        .expect("start");
    run.advance(10);
    let rounds: Vec<(i64, String)> = conn
        .query(
            "SELECT ROUND_ID, STATUS FROM oceanbase.CDB_OB_ARCHIVELOG_SUMMARY WHERE TENANT_ID = 1002 ORDER BY ROUND_ID",
        )
        .await
        .expect("summary");
    assert_eq!(rounds, vec![(1, "STOP".into()), (2, "DOING".into())]);
}

#[tokio::test]
async fn archivelog_before_a_destination_waits_for_it() {
    let run = Running::start(cluster(vec![tenant(1002, "t1", false)])).await;
    let mut conn = run.connect().await;
    // As in OceanBase, the mode switches at once; archiving starts once there is a place
    // to archive to.
    conn.query_drop("ALTER SYSTEM ARCHIVELOG TENANT = t1")
        .await
        .expect("mode on");
    assert_eq!(
        one(
            &mut conn,
            "SELECT LOG_MODE FROM oceanbase.DBA_OB_TENANTS WHERE TENANT_ID = 1002"
        )
        .await
        .as_deref(),
        Some("ARCHIVELOG")
    );
    assert_eq!(
        common::count(&mut conn, "SELECT COUNT(*) FROM oceanbase.CDB_OB_ARCHIVELOG").await,
        0
    );
    let (code, _) = server_code(conn.query_drop("ALTER SYSTEM BACKUP TENANT = t1").await);
    assert_eq!(code, 9040);
    conn.query_drop("ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///backup/t1/archive' TENANT = t1")
        .await
        .expect("dest");
    run.advance(10);
    assert_eq!(round(&mut conn).await.0, "DOING");
}
