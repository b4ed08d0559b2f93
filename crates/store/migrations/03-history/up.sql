-- What clusters report about backups and restores, kept after the cluster
-- drops it: rows are upserted by their OceanBase keys and never deleted by a
-- sync. Times are UTC microseconds, SCNs nanoseconds; paths are redacted.
CREATE TABLE backup_jobs (
    id              INTEGER PRIMARY KEY,
    cluster_id      INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
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
    UNIQUE (cluster_id, ob_tenant_id, job_id)
) STRICT;
-- Pages list newest first, filtered by cluster and tenant, or across all clusters.
CREATE INDEX backup_jobs_by_start ON backup_jobs (cluster_id, ob_tenant_id, start_at, job_id);
CREATE INDEX backup_jobs_by_time ON backup_jobs (start_at, job_id);

CREATE TABLE backup_sets (
    id                      INTEGER PRIMARY KEY,
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
    UNIQUE (cluster_id, ob_tenant_id, backup_set_id)
) STRICT;

CREATE TABLE archive_pieces (
    id             INTEGER PRIMARY KEY,
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
    UNIQUE (cluster_id, ob_tenant_id, round_id, piece_id)
) STRICT;

CREATE TABLE restore_jobs (
    id                  INTEGER PRIMARY KEY,
    cluster_id          INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    ob_tenant_id        INTEGER NOT NULL,
    job_id              INTEGER NOT NULL,
    restore_tenant_name TEXT    NOT NULL,
    backup_tenant_name  TEXT    NOT NULL,
    backup_cluster_name TEXT    NOT NULL,
    backup_dest         TEXT    NOT NULL,
    restore_option      TEXT    NOT NULL,
    restore_scn         INTEGER NOT NULL,
    status              TEXT    NOT NULL,
    start_at            INTEGER,
    finish_at           INTEGER,
    backup_set_list     TEXT    NOT NULL,
    backup_piece_list   TEXT    NOT NULL,
    total_bytes         INTEGER NOT NULL,
    finish_bytes        INTEGER NOT NULL,
    ls_count            INTEGER NOT NULL,
    finish_ls_count     INTEGER NOT NULL,
    tablet_count        INTEGER NOT NULL,
    finish_tablet_count INTEGER NOT NULL,
    comment             TEXT    NOT NULL,
    description         TEXT    NOT NULL,
    running             INTEGER NOT NULL,
    UNIQUE (cluster_id, ob_tenant_id, job_id)
) STRICT;
CREATE INDEX restore_jobs_by_start ON restore_jobs (cluster_id, start_at);
