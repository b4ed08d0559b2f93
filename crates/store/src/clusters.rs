//! Queries on the `clusters` table.

use desk_model::{words, Cluster, ClusterId, ObVersion, UtcMicros};
use rusqlite::{params, OptionalExtension, Row};

use crate::{Store, StoreError};

/// A cluster as added to the cache (before any sync).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCluster {
    pub name: String,
    pub host: String,
    pub port: u16,
    pub sandbox: bool,
}

const SELECT: &str = "SELECT c.id, c.name, c.host, c.port, c.version, c.last_synced_at, c.last_error,
        (SELECT COUNT(*) FROM tenants t WHERE t.cluster_id = c.id), c.sandbox, c.imported_from
   FROM clusters c";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Cluster> {
    let version: Option<String> = r.get(4)?;
    Ok(Cluster {
        id: ClusterId(r.get(0)?),
        name: r.get(1)?,
        host: r.get(2)?,
        port: r.get(3)?,
        // A version this build cannot parse is shown as unknown rather than failing the page.
        version: version.and_then(|v| v.parse::<ObVersion>().ok()),
        last_synced_at: r.get::<_, Option<i64>>(5)?.map(UtcMicros),
        last_error: crate::said::words_out(r.get(6)?),
        tenant_count: r.get(7)?,
        sandbox: r.get(8)?,
        imported_from: r.get(9)?,
    })
}

impl Store {
    pub fn clusters(&self) -> Result<Vec<Cluster>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} ORDER BY c.name"))?;
        let rows = stmt.query_map([], from_row)?.collect::<Result<_, _>>()?;
        Ok(rows)
    }

    pub fn cluster(&self, id: ClusterId) -> Result<Cluster, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} WHERE c.id = ?1"))?;
        stmt.query_row([id.0], from_row)
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "cluster",
                id: id.0,
            })
    }

    /// Adds a cluster, or updates the address of the one with that name.
    pub fn upsert_cluster(&mut self, new: &NewCluster) -> Result<ClusterId, StoreError> {
        if new.name.trim().is_empty() {
            return Err(StoreError::Invalid {
                field: "name",
                rule: words!("a cluster name must not be empty", "集群名称不能为空"),
            });
        }
        if new.port == 0 {
            return Err(StoreError::Invalid {
                field: "port",
                rule: words!("port must be between 1 and 65535", "端口必须在 1 到 65535 之间"),
            });
        }
        let conn = self.writer()?;
        let id = conn.query_row(
            "INSERT INTO clusters (name, host, port, sandbox) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO UPDATE SET host = excluded.host, port = excluded.port, sandbox = excluded.sandbox
             RETURNING id",
            params![new.name, new.host, new.port, new.sandbox],
            |r| r.get(0),
        )?;
        Ok(ClusterId(id))
    }

    /// Records a successful sync: the version seen and the time.
    pub fn record_sync_success(
        &mut self,
        id: ClusterId,
        version: Option<&ObVersion>,
        at: UtcMicros,
    ) -> Result<(), StoreError> {
        let n = self.writer()?.execute(
            "UPDATE clusters SET version = COALESCE(?2, version), last_synced_at = ?3, last_error = NULL WHERE id = ?1",
            params![id.0, version.map(|v| v.to_string()), at.0],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "cluster",
                id: id.0,
            });
        }
        Ok(())
    }

    /// Removes every sandbox cluster (and, by cascade, its tenants): the
    /// sandbox was turned off and its emulated data is not history to keep.
    pub fn remove_sandbox_clusters(&mut self) -> Result<usize, StoreError> {
        Ok(self.writer()?.execute("DELETE FROM clusters WHERE sandbox = 1", [])?)
    }
}
