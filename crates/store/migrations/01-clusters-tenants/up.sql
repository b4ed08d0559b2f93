-- Clusters and tenants the desk knows. Times are UTC microseconds.
CREATE TABLE clusters (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL UNIQUE,
    host           TEXT    NOT NULL,
    port           INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    version        TEXT,
    last_synced_at INTEGER,
    last_error     TEXT
) STRICT;

CREATE TABLE tenants (
    id           INTEGER PRIMARY KEY,
    cluster_id   INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    ob_tenant_id INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    tenant_type  TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    role         TEXT    NOT NULL,
    log_mode     TEXT    NOT NULL,
    unit_num     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (cluster_id, ob_tenant_id)
) STRICT;

CREATE INDEX tenants_by_name ON tenants (name, cluster_id);
