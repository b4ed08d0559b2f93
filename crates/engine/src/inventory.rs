//! Inventory sync: a cluster's version and tenants into the cache.

use std::sync::Mutex;

use desk_model::{ClusterId, TenantRecord, UtcMicros};
use desk_oceanbase::{ConnectOptions, ObError, Session};
use desk_store::Store;

/// What one pass did, for logs and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncOutcome {
    pub tenants: usize,
}

/// Reads the cluster and writes the cache. The store lock is taken only to
/// write, never across a network wait. On failure the cluster's cached data
/// stays as it was and the error (redacted) is recorded.
pub async fn sync_inventory(
    store: &Mutex<Store>,
    cluster: ClusterId,
    opts: &ConnectOptions,
    now: UtcMicros,
) -> Result<SyncOutcome, ObError> {
    match read(opts).await {
        Ok((version, tenants)) => {
            let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
            store
                .replace_tenants(cluster, &tenants)
                .and_then(|_| store.record_sync_success(cluster, Some(&version), now))
                .map_err(|e| ObError::new(desk_oceanbase::ObErrorCode::Other, format!("cache write failed: {e}")))?;
            Ok(SyncOutcome { tenants: tenants.len() })
        }
        Err(e) => {
            tracing::warn!(cluster = cluster.0, error = %e, "inventory sync failed");
            let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
            if let Err(write) = store.record_sync_failure(cluster, &e.message) {
                tracing::warn!(error = %write, "could not record the sync failure");
            }
            Err(e)
        }
    }
}

async fn read(opts: &ConnectOptions) -> Result<(desk_model::ObVersion, Vec<TenantRecord>), ObError> {
    let mut session = Session::connect(opts).await?;
    let version = session.info().version;
    // A server without backup (seekdb) has no tenant views; it has no tenants to back up either.
    let tenants = if session.info().capabilities.backup {
        session.tenants().await?
    } else {
        Vec::new()
    };
    session.close().await;
    // Meta tenants are OceanBase's own bookkeeping: OCP does not list them.
    let tenants = tenants.into_iter().filter(|t| t.tenant_type != "META").collect();
    Ok((version, tenants))
}
