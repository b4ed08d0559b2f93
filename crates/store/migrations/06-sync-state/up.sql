-- What the sync loop keeps besides history: each tenant's current archive
-- state, destinations (redacted), delete policy and running backup tasks, and
-- each cluster's sync bookkeeping. These mirror the cluster (replaced by each
-- successful pass); the history tables stay append-only.

-- backup_jobs keyed by OceanBase's own key without a rowid: one B-tree fewer
-- to keep up per ingested row (the unique key was a second tree).
CREATE TABLE backup_jobs_keyed (
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
    PRIMARY KEY (cluster_id, ob_tenant_id, job_id)
) STRICT, WITHOUT ROWID;
INSERT INTO backup_jobs_keyed (cluster_id, ob_tenant_id, job_id, incarnation, backup_set_id, backup_type, job_level,
        encryption_mode, plus_archivelog, start_at, end_at, status, result, comment, description, path)
    SELECT cluster_id, ob_tenant_id, job_id, incarnation, backup_set_id, backup_type, job_level,
        encryption_mode, plus_archivelog, start_at, end_at, status, result, comment, description, path
      FROM backup_jobs;
DROP TABLE backup_jobs;
ALTER TABLE backup_jobs_keyed RENAME TO backup_jobs;
-- Pages list newest first, filtered by cluster and tenant, or across all clusters.
CREATE INDEX backup_jobs_by_start ON backup_jobs (cluster_id, ob_tenant_id, start_at, job_id);
CREATE INDEX backup_jobs_by_time ON backup_jobs (start_at, job_id);

-- CDB_OB_ARCHIVELOG: one row per tenant and archive destination.
CREATE TABLE archive_state (
    cluster_id          INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    ob_tenant_id        INTEGER NOT NULL,
    dest_id             INTEGER NOT NULL,
    round_id            INTEGER NOT NULL,
    status              TEXT    NOT NULL,
    start_scn           INTEGER NOT NULL,
    checkpoint_scn      INTEGER NOT NULL,
    piece_switch_secs   INTEGER NOT NULL,
    input_bytes         INTEGER NOT NULL,
    output_bytes        INTEGER NOT NULL,
    comment             TEXT    NOT NULL,
    path                TEXT    NOT NULL,
    PRIMARY KEY (cluster_id, ob_tenant_id, dest_id)
) STRICT, WITHOUT ROWID;

-- DATA_BACKUP_DEST and LOG_ARCHIVE_DEST, redacted.
CREATE TABLE backup_destinations (
    cluster_id          INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    ob_tenant_id        INTEGER NOT NULL,
    data_backup_dest    TEXT,
    log_archive_dest    TEXT,
    log_archive_binding TEXT    NOT NULL,
    piece_switch_secs   INTEGER NOT NULL,
    log_archive_state   TEXT    NOT NULL,
    PRIMARY KEY (cluster_id, ob_tenant_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE delete_policies (
    cluster_id      INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    ob_tenant_id    INTEGER NOT NULL,
    policy_name     TEXT    NOT NULL,
    recovery_window TEXT    NOT NULL,
    PRIMARY KEY (cluster_id, ob_tenant_id, policy_name)
) STRICT, WITHOUT ROWID;

-- CDB_OB_BACKUP_TASKS: progress of the backups running now.
CREATE TABLE backup_tasks (
    cluster_id               INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    ob_tenant_id             INTEGER NOT NULL,
    task_id                  INTEGER NOT NULL,
    job_id                   INTEGER NOT NULL,
    backup_set_id            INTEGER NOT NULL,
    status                   TEXT    NOT NULL,
    start_at                 INTEGER,
    end_at                   INTEGER,
    input_bytes              INTEGER NOT NULL,
    output_bytes             INTEGER NOT NULL,
    tablet_count             INTEGER NOT NULL,
    finish_tablet_count      INTEGER NOT NULL,
    macro_block_count        INTEGER NOT NULL,
    finish_macro_block_count INTEGER NOT NULL,
    data_progress_permille   INTEGER NOT NULL,
    comment                  TEXT    NOT NULL,
    PRIMARY KEY (cluster_id, ob_tenant_id, task_id)
) STRICT, WITHOUT ROWID;

-- Per cluster: where the next incremental pass starts, and when the last
-- attempt and the last full read (sets and pieces re-read for FILE_STATUS) were.
-- The last success and the last error stay on `clusters`.
CREATE TABLE sync_state (
    cluster_id       INTEGER PRIMARY KEY REFERENCES clusters (id) ON DELETE CASCADE,
    history_since    INTEGER,
    last_full_at     INTEGER,
    last_attempt_at  INTEGER,
    failures         INTEGER NOT NULL DEFAULT 0
) STRICT;
