-- The operator journal: every action the desk sends to a cluster, written
-- before it is sent and updated with what became of it. Parameters are
-- redacted JSON; times are UTC microseconds. Rows are never deleted.
CREATE TABLE journal (
    id            INTEGER PRIMARY KEY,
    cluster_id    INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    -- The OceanBase tenant acted on (the source of a backup, the target of a restore); NULL for the cluster.
    tenant_name   TEXT,
    actor         TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    params        TEXT    NOT NULL,
    -- SENDING: about to send or sent without an answer (in doubt); SENT: the cluster accepted it;
    -- CONFIRMED: the job it started was seen; FAILED: refused or failed before it took effect;
    -- NOT_APPLIED: in doubt, then reconciled and not found on the cluster (never re-sent).
    state         TEXT    NOT NULL CHECK (state IN ('SENDING', 'SENT', 'CONFIRMED', 'FAILED', 'NOT_APPLIED')),
    -- The largest job id of that kind seen before sending: the job this action started has a larger one.
    baseline_job  INTEGER NOT NULL DEFAULT 0,
    job_id        INTEGER,
    created_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    error_code    TEXT,
    error_message TEXT
) STRICT;
CREATE INDEX journal_open ON journal (state) WHERE state IN ('SENDING', 'SENT');
CREATE INDEX journal_by_cluster ON journal (cluster_id, created_at);
