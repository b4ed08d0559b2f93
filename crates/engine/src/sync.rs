//! A sync pass: a cluster's version, tenants and backup history into the cache.

use std::sync::Mutex;

use desk_model::backup::{ArchivePiece, BackupJob, BackupSetFile, RestoreJob};
use desk_model::{ClusterId, ObVersion, TenantRecord, UtcMicros};
use desk_oceanbase::{ConnectOptions, ObError, Session};
use desk_store::{HistorySnapshot, Store};

/// What one pass brought in, for logs and tests.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncOutcome {
    pub tenants: usize,
    pub jobs: usize,
    pub sets: usize,
    pub pieces: usize,
    pub restores: usize,
}

/// What the cluster said, before anything is written.
struct Reading {
    version: ObVersion,
    tenants: Vec<TenantRecord>,
    jobs: Vec<BackupJob>,
    sets: Vec<BackupSetFile>,
    pieces: Vec<ArchivePiece>,
    restores: Vec<RestoreJob>,
}

/// Reads the cluster and writes the cache. The store lock is taken only to
/// write, never across a network wait. On failure the cluster's cached data
/// stays as it was and the error (redacted) is recorded. History is upserted,
/// never deleted: what the cluster purges stays in the desk.
pub async fn sync_cluster(
    store: &Mutex<Store>,
    cluster: ClusterId,
    opts: &ConnectOptions,
    now: UtcMicros,
) -> Result<SyncOutcome, ObError> {
    match read(opts).await {
        Ok(r) => {
            let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
            let snapshot = HistorySnapshot {
                jobs: &r.jobs,
                sets: &r.sets,
                pieces: &r.pieces,
                restores: &r.restores,
            };
            store
                .replace_tenants(cluster, &r.tenants)
                .and_then(|_| store.record_history(cluster, &snapshot))
                .and_then(|_| store.record_sync_success(cluster, Some(&r.version), now))
                .map_err(|e| ObError::new(desk_oceanbase::ObErrorCode::Other, format!("cache write failed: {e}")))?;
            Ok(SyncOutcome {
                tenants: r.tenants.len(),
                jobs: r.jobs.len(),
                sets: r.sets.len(),
                pieces: r.pieces.len(),
                restores: r.restores.len(),
            })
        }
        Err(e) => {
            tracing::warn!(cluster = cluster.0, error = %e, "sync failed");
            let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
            if let Err(write) = store.record_sync_failure(cluster, &e.message) {
                tracing::warn!(error = %write, "could not record the sync failure");
            }
            Err(e)
        }
    }
}

async fn read(opts: &ConnectOptions) -> Result<Reading, ObError> {
    let mut session = Session::connect(opts).await?;
    let info = session.info().clone();
    let mut r = Reading {
        version: info.version,
        tenants: Vec::new(),
        jobs: Vec::new(),
        sets: Vec::new(),
        pieces: Vec::new(),
        restores: Vec::new(),
    };
    // A server without backup (seekdb) has no tenant views; it has no tenants to back up either.
    if info.capabilities.backup {
        // Meta tenants are OceanBase's own bookkeeping: OCP does not list them.
        r.tenants = session
            .tenants()
            .await?
            .into_iter()
            .filter(|t| t.tenant_type != "META")
            .collect();
        // 3.x keeps its history in other views (CDB_OB_BACKUP_SET_DETAILS ...): not read yet.
        if !info.capabilities.cluster_level_only {
            r.jobs = session.backup_jobs().await?;
            r.jobs.extend(session.backup_job_history(None).await?);
            r.sets = session.backup_set_files(None).await?;
            r.pieces = session.archive_pieces(None).await?;
            r.restores = session.restores(None).await?;
        }
    }
    session.close().await;
    Ok(r)
}
