-- Backup strategies, owned by the desk. The strategy itself is a validated
-- JSON document (desk_model::Strategy); its scope and paused flag are copied
-- into columns for uniqueness and queries. No column holds a credential: the
-- storage secret lives in the OS keyring, named by the document's secretRef.
CREATE TABLE strategies (
    id           INTEGER PRIMARY KEY,
    cluster_id   INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    -- NULL: the cluster-level strategy; else OceanBase's TENANT_ID.
    ob_tenant_id INTEGER CHECK (ob_tenant_id IS NULL OR ob_tenant_id > 1),
    paused       INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    body         TEXT    NOT NULL CHECK (json_valid(body)),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;
-- One cluster-level strategy per cluster, one strategy per tenant.
CREATE UNIQUE INDEX strategies_scope ON strategies (cluster_id, COALESCE(ob_tenant_id, -1));

-- Every slot a scheduler took, missed or skipped: the UNIQUE key is what keeps
-- a slot from running twice, across restarts and concurrent schedulers.
CREATE TABLE schedule_runs (
    id              INTEGER PRIMARY KEY,
    strategy_id     INTEGER NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    slot_at         INTEGER NOT NULL,
    method          TEXT    NOT NULL CHECK (method IN ('FULL', 'INCREMENTAL')),
    state           TEXT    NOT NULL CHECK (state IN ('CLAIMED', 'LAUNCHED', 'FAILED', 'MISSED', 'SKIPPED')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error_code TEXT,
    -- Redacted before it is written.
    last_error      TEXT,
    ob_job_id       INTEGER,
    updated_at      INTEGER NOT NULL,
    UNIQUE (strategy_id, slot_at)
) STRICT;
