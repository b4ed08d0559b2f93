//! Queries on the `tenants` table.

use desk_model::{ClusterId, Tenant, TenantId, TenantRecord};
use rusqlite::{params, OptionalExtension, Row};

use crate::{Store, StoreError};

const SELECT: &str = "SELECT t.id, t.cluster_id, c.name, t.ob_tenant_id, t.name, t.tenant_type, t.status,
        t.role, t.log_mode, t.unit_num, c.sandbox, c.imported_from
   FROM tenants t JOIN clusters c ON c.id = t.cluster_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Tenant> {
    Ok(Tenant {
        id: TenantId(r.get(0)?),
        cluster_id: ClusterId(r.get(1)?),
        cluster_name: r.get(2)?,
        sandbox: r.get(10)?,
        imported_from: r.get(11)?,
        record: TenantRecord {
            ob_tenant_id: r.get(3)?,
            name: r.get(4)?,
            tenant_type: r.get(5)?,
            status: r.get(6)?,
            role: r.get(7)?,
            log_mode: r.get(8)?,
            unit_num: r.get(9)?,
        },
    })
}

impl Store {
    /// Tenants of one cluster, or of all clusters, ordered by cluster then name.
    pub fn tenants(&self, cluster: Option<ClusterId>) -> Result<Vec<Tenant>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE ?1 IS NULL OR t.cluster_id = ?1 ORDER BY c.name, t.name"
        ))?;
        let rows = stmt
            .query_map([cluster.map(|c| c.0)], from_row)?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    pub fn tenant(&self, id: TenantId) -> Result<Tenant, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} WHERE t.id = ?1"))?;
        stmt.query_row([id.0], from_row)
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "tenant",
                id: id.0,
            })
    }

    /// Makes the cached tenant list of a cluster equal to `records`, in one
    /// transaction: rows keep their desk id across syncs (keyed by the
    /// cluster's TENANT_ID), tenants gone from the cluster are removed.
    pub fn replace_tenants(&mut self, cluster: ClusterId, records: &[TenantRecord]) -> Result<(), StoreError> {
        let tx = self.writer()?.transaction()?;
        write_tenants(&tx, cluster, records)?;
        tx.commit()?;
        Ok(())
    }
}

/// [`Store::replace_tenants`] inside `tx`; returns how many rows changed.
pub(crate) fn write_tenants(
    tx: &rusqlite::Transaction<'_>,
    cluster: ClusterId,
    records: &[TenantRecord],
) -> Result<usize, StoreError> {
    let exists: Option<i64> = tx
        .query_row("SELECT id FROM clusters WHERE id = ?1", [cluster.0], |r| r.get(0))
        .optional()?;
    if exists.is_none() {
        return Err(StoreError::NotFound {
            what: "cluster",
            id: cluster.0,
        });
    }
    let mut changed = 0;
    let mut upsert = tx.prepare_cached(
        "INSERT INTO tenants (cluster_id, ob_tenant_id, name, tenant_type, status, role, log_mode, unit_num)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (cluster_id, ob_tenant_id) DO UPDATE SET
           name = excluded.name, tenant_type = excluded.tenant_type, status = excluded.status,
           role = excluded.role, log_mode = excluded.log_mode, unit_num = excluded.unit_num
         WHERE (tenants.name, tenants.tenant_type, tenants.status, tenants.role, tenants.log_mode, tenants.unit_num)
            IS NOT (excluded.name, excluded.tenant_type, excluded.status, excluded.role, excluded.log_mode,
                    excluded.unit_num)",
    )?;
    for t in records {
        changed += upsert.execute(params![
            cluster.0,
            t.ob_tenant_id,
            t.name,
            t.tenant_type,
            t.status,
            t.role,
            t.log_mode,
            t.unit_num
        ])?;
    }
    let keep: Vec<i64> = records.iter().map(|t| t.ob_tenant_id).collect();
    let mut existing = tx.prepare_cached("SELECT ob_tenant_id FROM tenants WHERE cluster_id = ?1")?;
    let gone: Vec<i64> = existing
        .query_map([cluster.0], |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?
        .into_iter()
        .filter(|id| !keep.contains(id))
        .collect();
    let mut delete = tx.prepare_cached("DELETE FROM tenants WHERE cluster_id = ?1 AND ob_tenant_id = ?2")?;
    for id in gone {
        changed += delete.execute(params![cluster.0, id])?;
    }
    Ok(changed)
}
