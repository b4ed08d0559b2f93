-- Backup sets and archive pieces keyed by OceanBase's own keys without a rowid,
-- as backup_jobs became in 06: one B-tree per table instead of two (the rowid
-- table and its unique key), so a sync writes each row once. Nothing refers to
-- their rowids; every read is by cluster and tenant in key order.
CREATE TABLE backup_sets_keyed (
    cluster_id              INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
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
INSERT INTO backup_sets_keyed (cluster_id, ob_tenant_id, backup_set_id, backup_type, prev_full_backup_set_id,
        prev_inc_backup_set_id, start_at, end_at, status, file_status, plus_archivelog, start_replay_scn,
        min_restore_scn, input_bytes, output_bytes, path, cluster_version)
    SELECT cluster_id, ob_tenant_id, backup_set_id, backup_type, prev_full_backup_set_id,
        prev_inc_backup_set_id, start_at, end_at, status, file_status, plus_archivelog, start_replay_scn,
        min_restore_scn, input_bytes, output_bytes, path, cluster_version
      FROM backup_sets;
DROP TABLE backup_sets;
ALTER TABLE backup_sets_keyed RENAME TO backup_sets;

CREATE TABLE archive_pieces_keyed (
    cluster_id     INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
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
INSERT INTO archive_pieces_keyed (cluster_id, ob_tenant_id, round_id, piece_id, status, start_scn, checkpoint_scn,
        max_scn, end_scn, file_status, path)
    SELECT cluster_id, ob_tenant_id, round_id, piece_id, status, start_scn, checkpoint_scn,
        max_scn, end_scn, file_status, path
      FROM archive_pieces;
DROP TABLE archive_pieces;
ALTER TABLE archive_pieces_keyed RENAME TO archive_pieces;

-- No query reads backup_jobs in (cluster, tenant, start) order: a tenant's page
-- walks backup_jobs_by_time (its entries carry the key, so other tenants' rows
-- are skipped without reading them) and the lists by cluster read the key.
-- It was a third B-tree to write for every job.
DROP INDEX backup_jobs_by_start;
