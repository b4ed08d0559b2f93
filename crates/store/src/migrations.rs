//! The schema: numbered SQL files under `migrations/`, applied in order, each
//! in its own transaction, forward only.

use std::sync::LazyLock;

use include_dir::{include_dir, Dir};
use rusqlite_migration::Migrations;

static DIR: Dir = include_dir!("$CARGO_MANIFEST_DIR/migrations");

pub static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::from_directory(&DIR).expect("migrations directory is well-formed"));

/// The schema version this build writes (`PRAGMA user_version` after migrating).
pub fn latest_version() -> i64 {
    DIR.dirs().count() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_sql_applied_in_order() {
        MIGRATIONS.validate().unwrap();
    }

    #[test]
    fn migration_folders_are_numbered_without_holes() {
        let mut numbers: Vec<i64> = DIR
            .dirs()
            .map(|d| {
                let name = d.path().file_name().unwrap().to_str().unwrap();
                name.split('-')
                    .next()
                    .unwrap()
                    .parse()
                    .expect("folder starts with its number")
            })
            .collect();
        numbers.sort();
        assert_eq!(numbers, (1..=latest_version()).collect::<Vec<_>>());
    }

    #[test]
    fn cached_jobs_survive_the_move_to_the_keyed_table() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        MIGRATIONS.to_version(&mut conn, 3).unwrap();
        conn.execute_batch(
            "INSERT INTO clusters (id, name, host, port) VALUES (1, 'c', 'h', 1);
             INSERT INTO backup_jobs (cluster_id, ob_tenant_id, job_id, incarnation, backup_set_id, backup_type,
                job_level, encryption_mode, plus_archivelog, start_at, end_at, status, result, comment, description, path)
             VALUES (1, 1002, 7, 1, 3, 'FULL', 'USER_TENANT', 'NONE', 0, 100, 200, 'COMPLETED', 0, '', '', 'file:///d');",
        )
        .unwrap();
        MIGRATIONS.to_latest(&mut conn).unwrap();
        let (job, status): (i64, String) = conn
            .query_row(
                "SELECT job_id, status FROM backup_jobs WHERE cluster_id = 1 AND ob_tenant_id = 1002",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((job, status.as_str()), (7, "COMPLETED"));
    }

    #[test]
    fn cached_sets_and_pieces_survive_the_move_to_keyed_tables() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        MIGRATIONS.to_version(&mut conn, 11).unwrap();
        conn.execute_batch(
            "INSERT INTO clusters (id, name, host, port) VALUES (1, 'c', 'h', 1);
             INSERT INTO backup_sets (cluster_id, ob_tenant_id, backup_set_id, backup_type, prev_full_backup_set_id,
                prev_inc_backup_set_id, start_at, end_at, status, file_status, plus_archivelog, start_replay_scn,
                min_restore_scn, input_bytes, output_bytes, path, cluster_version)
             VALUES (1, 1002, 3, 'FULL', 0, 0, 100, 200, 'SUCCESS', 'AVAILABLE', 0, 5, 6, 7, 8, 'file:///d', '4.3.5.3');
             INSERT INTO archive_pieces (cluster_id, ob_tenant_id, round_id, piece_id, status, start_scn,
                checkpoint_scn, max_scn, end_scn, file_status, path)
             VALUES (1, 1002, 1, 9, 'FROZEN', 1, 2, 3, 4, 'AVAILABLE', 'file:///a');",
        )
        .unwrap();
        MIGRATIONS.to_latest(&mut conn).unwrap();
        let set: (i64, String, i64) = conn
            .query_row(
                "SELECT backup_set_id, file_status, min_restore_scn FROM backup_sets WHERE cluster_id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(set, (3, "AVAILABLE".into(), 6));
        let piece: (i64, String) = conn
            .query_row(
                "SELECT piece_id, status FROM archive_pieces WHERE cluster_id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(piece, (9, "FROZEN".into()));
        // Deleting the cluster still takes its history with it.
        conn.execute_batch("PRAGMA foreign_keys = ON; DELETE FROM clusters WHERE id = 1;")
            .unwrap();
        let left: i64 = conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM backup_sets) + (SELECT COUNT(*) FROM archive_pieces)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0);
    }

    #[test]
    fn history_keeps_its_rows_without_the_foreign_key_and_goes_with_its_cluster() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        MIGRATIONS.to_version(&mut conn, 12).unwrap();
        conn.execute_batch(
            "INSERT INTO clusters (id, name, host, port) VALUES (1, 'c', 'h', 1), (2, 'd', 'h', 2);
             INSERT INTO backup_jobs (cluster_id, ob_tenant_id, job_id, incarnation, backup_set_id, backup_type,
                job_level, encryption_mode, plus_archivelog, start_at, end_at, status, result, comment, description, path)
             VALUES (1, 1002, 7, 1, 3, 'FULL', 'USER_TENANT', 'NONE', 0, 100, 200, 'COMPLETED', 0, '', '', 'file:///d'),
                    (2, 1002, 8, 1, 4, 'FULL', 'USER_TENANT', 'NONE', 0, 100, 200, 'COMPLETED', 0, '', '', 'file:///d');
             INSERT INTO backup_sets (cluster_id, ob_tenant_id, backup_set_id, backup_type, prev_full_backup_set_id,
                prev_inc_backup_set_id, start_at, end_at, status, file_status, plus_archivelog, start_replay_scn,
                min_restore_scn, input_bytes, output_bytes, path, cluster_version)
             VALUES (1, 1002, 3, 'FULL', 0, 0, 100, 200, 'SUCCESS', 'AVAILABLE', 0, 5, 6, 7, 8, 'file:///d', '4.3.5.3');
             INSERT INTO archive_pieces (cluster_id, ob_tenant_id, round_id, piece_id, status, start_scn,
                checkpoint_scn, max_scn, end_scn, file_status, path)
             VALUES (1, 1002, 1, 9, 'FROZEN', 1, 2, 3, 4, 'AVAILABLE', 'file:///a');",
        )
        .unwrap();
        MIGRATIONS.to_latest(&mut conn).unwrap();
        let count = |conn: &rusqlite::Connection, cluster: i64| -> i64 {
            conn.query_row(
                "SELECT (SELECT COUNT(*) FROM backup_jobs WHERE cluster_id = ?1)
                      + (SELECT COUNT(*) FROM backup_sets WHERE cluster_id = ?1)
                      + (SELECT COUNT(*) FROM archive_pieces WHERE cluster_id = ?1)",
                [cluster],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!((count(&conn, 1), count(&conn, 2)), (3, 1), "every row moved");
        // With or without foreign keys enforced, a deleted cluster's history goes, and only its.
        conn.execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM clusters WHERE id = 1;")
            .unwrap();
        assert_eq!((count(&conn, 1), count(&conn, 2)), (0, 1));
        conn.execute_batch("PRAGMA foreign_keys = ON; DELETE FROM clusters WHERE id = 2;")
            .unwrap();
        assert_eq!(count(&conn, 2), 0);
    }
}
