//! What the Backup and Recovery pages read, from the cache alone: the header and
//! overview card, one statistical period of the window, the window's ranges, and
//! whether a time is recoverable. The app's read commands are calls into these.

use desk_model::backup::{ArchivePiece, BackupSetFile};
use desk_model::overview::{header_refusals, overview, union_period, BackupPageHead, ScheduleFacts, TenantHistory};
use desk_model::period::PeriodView;
use desk_model::schedule::SlotState;
use desk_model::version::restore_target_refusal;
use desk_model::window::{tenant_window, window_basis, Basis, ScnRange};
use desk_model::ObVersion;
use desk_model::{words, ClusterId, UtcMicros, Words};
use desk_store::{Store, StoreError};
use serde::Serialize;
use ts_rs::TS;

use crate::refusal::OpError;

/// A recoverable range, in UTC microseconds (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimeRange {
    pub start: UtcMicros,
    pub end: UtcMicros,
}

/// The page's header and overview card, for one tenant (`ob_tenant_id`) or all tenants
/// of the cluster.
pub fn backup_page_head(
    store: &Store,
    cluster_id: ClusterId,
    ob_tenant_id: Option<i64>,
) -> Result<BackupPageHead, StoreError> {
    let cluster = store.cluster(cluster_id)?;
    let backups = store.tenant_backups(cluster_id, ob_tenant_id)?;
    let histories: Vec<TenantHistory<'_>> = backups.iter().map(|t| t.history()).collect();
    // The strategy in force (the tenant's own, else its cluster's) and whether its latest slot failed.
    let strategy = store.effective_strategy(cluster_id, ob_tenant_id)?;
    let scheduling_error = match &strategy {
        Some(r) => store
            .slot_runs(r.id, 1)?
            .first()
            .is_some_and(|run| run.state == SlotState::Failed),
        None => false,
    };
    // The cluster's own configuration counts: a tenant it backs up needs no desk strategy.
    let mut configs = Vec::with_capacity(backups.len());
    for t in &backups {
        configs.push(store.cluster_backup_config(cluster_id, t.ob_tenant_id)?);
    }
    let cluster_configured = backups
        .iter()
        .zip(&configs)
        .any(|(t, c)| c.backs_up(!t.sets.is_empty()));
    let recoverable = backups
        .iter()
        .any(|t| !tenant_window(cluster.version.as_ref(), &t.sets, &t.pieces).is_empty());
    let facts = ScheduleFacts {
        strategy: strategy.is_some(),
        paused: strategy.as_ref().is_some_and(|r| r.strategy.paused),
        running_job: store.backup_running(cluster_id, ob_tenant_id)?,
        scheduling_error,
        cluster_configured,
    };
    let one_tenant = ob_tenant_id.and(configs.into_iter().next()).filter(|c| !c.is_unset());
    Ok(BackupPageHead {
        overview: overview(&histories, facts, one_tenant),
        refusals: header_refusals(cluster.version.as_ref(), recoverable),
        strategy: facts.strategy,
    })
}

/// One 7-day statistical period of the recoverable window at `now`: 0 is the latest.
pub fn recoverable_period(
    store: &Store,
    cluster_id: ClusterId,
    ob_tenant_id: Option<i64>,
    now: UtcMicros,
    period: u32,
) -> Result<PeriodView, StoreError> {
    let version = store.cluster(cluster_id)?.version;
    let backups = store.tenant_backups(cluster_id, ob_tenant_id)?;
    let histories: Vec<TenantHistory<'_>> = backups.iter().map(|t| t.history()).collect();
    Ok(union_period(&histories, version.as_ref(), now, period))
}

/// A tenant's recoverable window by OceanBase's rule for its cluster's release, from the cache.
fn cached_window(store: &Store, cluster: ClusterId, ob_tenant_id: i64) -> Result<Vec<ScnRange>, StoreError> {
    let (version, sets, pieces) = window_inputs(store, cluster, ob_tenant_id)?;
    Ok(tenant_window(version.as_ref(), &sets, &pieces))
}

type WindowInputs = (Option<ObVersion>, Vec<BackupSetFile>, Vec<ArchivePiece>);

/// What the window is computed from: the cluster's release, the tenant's sets and pieces.
fn window_inputs(store: &Store, cluster: ClusterId, ob_tenant_id: i64) -> Result<WindowInputs, StoreError> {
    Ok((
        store.cluster(cluster)?.version,
        store.backup_sets_of(cluster, ob_tenant_id)?,
        store.archive_pieces_of(cluster, ob_tenant_id)?,
    ))
}

/// A tenant's recoverable window, in instants.
pub fn recoverable_ranges(store: &Store, cluster: ClusterId, ob_tenant_id: i64) -> Result<Vec<TimeRange>, StoreError> {
    Ok(cached_window(store, cluster, ob_tenant_id)?
        .into_iter()
        .filter_map(|r| {
            Some(TimeRange {
                start: r.start.to_micros()?,
                end: r.end.to_micros()?,
            })
        })
        .collect())
}

/// Whether a tenant can be recovered to `at` by the cached window; refused as Initiate
/// Recovery would be (OUTSIDE_WINDOW with the nearest times).
pub fn check_recovery_time(store: &Store, cluster: ClusterId, ob_tenant_id: i64, at: UtcMicros) -> Result<(), OpError> {
    let window = cached_window(store, cluster, ob_tenant_id)?;
    let name = store
        .tenants(Some(cluster))?
        .into_iter()
        .find(|t| t.record.ob_tenant_id == ob_tenant_id)
        .map(|t| t.record.name)
        .unwrap_or_else(|| ob_tenant_id.to_string());
    crate::restore_ops::check_recovery_time(&window, at, &name)
}

/// A tenant's recoverable window with what stands behind it: for each stretch, the
/// backup sets and archive pieces a restore into it reads (`desk window`).
pub struct WindowDetail {
    pub version: Option<ObVersion>,
    pub window: Vec<ScnRange>,
    pub basis: Vec<Basis>,
    pub sets: Vec<BackupSetFile>,
    pub pieces: Vec<ArchivePiece>,
}

/// The window of `ob_tenant_id` on `cluster` by OceanBase's rule for its release, from the cache.
pub fn window_detail(store: &Store, cluster: ClusterId, ob_tenant_id: i64) -> Result<WindowDetail, StoreError> {
    let (version, sets, pieces) = window_inputs(store, cluster, ob_tenant_id)?;
    Ok(WindowDetail {
        window: tenant_window(version.as_ref(), &sets, &pieces),
        basis: window_basis(version.as_ref(), &sets, &pieces),
        version,
        sets,
        pieces,
    })
}

/// A cluster Initiate Recovery lists as a target, and why it cannot take the restore
/// (`None` when it can): every cluster is listed, so none is left out unexplained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryTarget {
    pub cluster_id: ClusterId,
    pub name: String,
    pub refusal: Option<Words>,
}

/// Why the cache says `target` cannot take a restore of `source`'s backups, if it does:
/// imported history is never restored into, nor restored from, and a release that
/// cannot restore the source's backups is refused by [`restore_target_refusal`]. A
/// release not yet read is left to the check made on the cluster itself.
pub fn recovery_target_refusal(
    store: &Store,
    source: ClusterId,
    target: ClusterId,
) -> Result<Option<Words>, StoreError> {
    let source = store.cluster(source)?;
    let target = store.cluster(target)?;
    if let Some(label) = &source.imported_from {
        let name = &source.name;
        return Ok(Some(words!(
            "{name} is history imported from {label}: its backups are for review, not for restoring",
            "{name} 是从 {label} 导入的历史记录：其备份仅供查看，不能用于恢复"
        )));
    }
    if let Some(label) = &target.imported_from {
        let name = &target.name;
        return Ok(Some(words!(
            "{name} is history imported from {label}: no tenant can be restored into it",
            "{name} 是从 {label} 导入的历史记录：不能向其恢复租户"
        )));
    }
    Ok(source
        .version
        .zip(target.version)
        .and_then(|(s, t)| restore_target_refusal(&s, &t)))
}

/// Every cluster as a target for a restore of `source`'s backups, the source first.
pub fn recovery_targets(store: &Store, source: ClusterId) -> Result<Vec<RecoveryTarget>, StoreError> {
    let mut clusters = store.clusters()?;
    clusters.sort_by_key(|c| c.id != source);
    clusters
        .into_iter()
        .map(|c| {
            Ok(RecoveryTarget {
                refusal: recovery_target_refusal(store, source, c.id)?,
                cluster_id: c.id,
                name: c.name,
            })
        })
        .collect()
}
