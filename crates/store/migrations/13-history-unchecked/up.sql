-- The three largest history tables lose their foreign key to clusters: the
-- key was checked for every row a sync wrote (a first sync of a fleet writes
-- a million), where one check per pass says the same (record_sync_pass
-- refuses a cluster that is not there). Deleting a cluster still deletes its
-- history, by the trigger below, as ON DELETE CASCADE did.
CREATE TABLE backup_jobs_unchecked (
    cluster_id      INTEGER NOT NULL,
    ob_tenant_id    INTEGER NOT NULL,
    job_id          INTEGER NOT NULL,
    incarnation     INTEGER NOT NULL,
    backup_set_id   INTEGER NOT NULL,
    backup_type     TEXT    NOT NULL,
    job_level       TEXT    NOT NULL,
    encryption_mode TEXT    NOT NULL,
    plus_archivelog INTEGER NOT NULL,
    start_at        INTEGER,
    end_at          INTEGER,
    status          TEXT    NOT NULL,
    result          INTEGER NOT NULL,
    comment         TEXT    NOT NULL,
    description     TEXT    NOT NULL,
    path            TEXT    NOT NULL,
    PRIMARY KEY (cluster_id, ob_tenant_id, job_id)
) STRICT, WITHOUT ROWID;
INSERT INTO backup_jobs_unchecked (cluster_id, ob_tenant_id, job_id, incarnation, backup_set_id, backup_type, job_level,
        encryption_mode, plus_archivelog, start_at, end_at, status, result, comment, description, path)
    SELECT cluster_id, ob_tenant_id, job_id, incarnation, backup_set_id, backup_type, job_level,
        encryption_mode, plus_archivelog, start_at, end_at, status, result, comment, description, path
      FROM backup_jobs;
DROP TABLE backup_jobs;
ALTER TABLE backup_jobs_unchecked RENAME TO backup_jobs;
-- Pages list newest first. Indexed by time across clusters, a first sync of
-- a fleet rewrote the whole index with every pass (each cluster's jobs are
-- spread over the year, between the others'): two fifths of what it wrote.
-- By cluster, then time, a pass writes only its cluster's part; a page of
-- every cluster merges the clusters' pages (history.rs).
CREATE INDEX backup_jobs_by_cluster_time ON backup_jobs (cluster_id, start_at, job_id);

CREATE TABLE backup_sets_unchecked (
    cluster_id              INTEGER NOT NULL,
    ob_tenant_id            INTEGER NOT NULL,
    backup_set_id           INTEGER NOT NULL,
    backup_type             TEXT    NOT NULL,
    prev_full_backup_set_id INTEGER NOT NULL,
    prev_inc_backup_set_id  INTEGER NOT NULL,
    start_at                INTEGER,
    end_at                  INTEGER,
    status                  TEXT    NOT NULL,
    file_status             TEXT    NOT NULL,
    plus_archivelog         INTEGER NOT NULL,
    start_replay_scn        INTEGER NOT NULL,
    min_restore_scn         INTEGER NOT NULL,
    input_bytes             INTEGER NOT NULL,
    output_bytes            INTEGER NOT NULL,
    path                    TEXT    NOT NULL,
    cluster_version         TEXT    NOT NULL,
    PRIMARY KEY (cluster_id, ob_tenant_id, backup_set_id)
) STRICT, WITHOUT ROWID;
INSERT INTO backup_sets_unchecked (cluster_id, ob_tenant_id, backup_set_id, backup_type, prev_full_backup_set_id,
        prev_inc_backup_set_id, start_at, end_at, status, file_status, plus_archivelog, start_replay_scn,
        min_restore_scn, input_bytes, output_bytes, path, cluster_version)
    SELECT cluster_id, ob_tenant_id, backup_set_id, backup_type, prev_full_backup_set_id,
        prev_inc_backup_set_id, start_at, end_at, status, file_status, plus_archivelog, start_replay_scn,
        min_restore_scn, input_bytes, output_bytes, path, cluster_version
      FROM backup_sets;
DROP TABLE backup_sets;
ALTER TABLE backup_sets_unchecked RENAME TO backup_sets;

CREATE TABLE archive_pieces_unchecked (
    cluster_id     INTEGER NOT NULL,
    ob_tenant_id   INTEGER NOT NULL,
    round_id       INTEGER NOT NULL,
    piece_id       INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    start_scn      INTEGER NOT NULL,
    checkpoint_scn INTEGER NOT NULL,
    max_scn        INTEGER NOT NULL,
    end_scn        INTEGER NOT NULL,
    file_status    TEXT    NOT NULL,
    path           TEXT    NOT NULL,
    PRIMARY KEY (cluster_id, ob_tenant_id, round_id, piece_id)
) STRICT, WITHOUT ROWID;
INSERT INTO archive_pieces_unchecked (cluster_id, ob_tenant_id, round_id, piece_id, status, start_scn, checkpoint_scn,
        max_scn, end_scn, file_status, path)
    SELECT cluster_id, ob_tenant_id, round_id, piece_id, status, start_scn, checkpoint_scn,
        max_scn, end_scn, file_status, path
      FROM archive_pieces;
DROP TABLE archive_pieces;
ALTER TABLE archive_pieces_unchecked RENAME TO archive_pieces;

CREATE TRIGGER clusters_history_cascade AFTER DELETE ON clusters
BEGIN
    DELETE FROM backup_jobs WHERE cluster_id = OLD.id;
    DELETE FROM backup_sets WHERE cluster_id = OLD.id;
    DELETE FROM archive_pieces WHERE cluster_id = OLD.id;
END;
