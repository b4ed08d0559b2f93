//! The rows `tasks` and `restores` print: the cache's jobs with their cluster's name,
//! times in UTC with the offset spelled out, URIs redacted. (`export` writes the app's
//! file instead, through the model's writers.)

use desk_model::backup::{BackupJob, RestoreJob};
use desk_model::{ClusterId, UtcMicros};
use desk_store::{JobFilter, Store};
use serde::Serialize;

use crate::failure::Failure;
use crate::filters::{tenant_key, Resolved};
use crate::output::{clean, utc, OFFSET};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupRow {
    pub cluster: String,
    pub tenant_id: i64,
    pub job_id: i64,
    pub backup_set_id: i64,
    pub backup_type: String,
    pub job_level: String,
    pub status: String,
    pub start_utc: String,
    pub end_utc: String,
    pub utc_offset: &'static str,
    pub result: i64,
    pub comment: String,
    pub plus_archivelog: bool,
    pub encryption_mode: String,
    pub path: String,
}

impl BackupRow {
    pub fn new(cluster: &str, j: &BackupJob) -> Self {
        Self {
            cluster: cluster.to_owned(),
            tenant_id: j.tenant_id,
            job_id: j.job_id,
            backup_set_id: j.backup_set_id,
            backup_type: j.backup_type.as_str().to_owned(),
            job_level: j.job_level.clone(),
            status: j.status.as_str().to_owned(),
            start_utc: utc(j.start),
            end_utc: utc(j.end),
            utc_offset: OFFSET,
            result: j.result,
            comment: clean(&j.comment),
            plus_archivelog: j.plus_archivelog,
            encryption_mode: j.encryption_mode.clone(),
            path: clean(&j.path),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreRow {
    pub cluster: String,
    pub tenant_id: i64,
    pub job_id: i64,
    pub restore_tenant_name: String,
    pub backup_tenant_name: String,
    pub backup_cluster_name: String,
    pub status: String,
    pub start_utc: String,
    pub finish_utc: String,
    pub utc_offset: &'static str,
    pub restore_time_utc: String,
    pub total_bytes: u64,
    pub finish_bytes: u64,
    pub running: bool,
    pub comment: String,
    pub backup_dest: String,
}

impl RestoreRow {
    pub fn new(cluster: &str, r: &RestoreJob) -> Self {
        Self {
            cluster: cluster.to_owned(),
            tenant_id: r.tenant_id,
            job_id: r.job_id,
            restore_tenant_name: r.restore_tenant_name.clone(),
            backup_tenant_name: r.backup_tenant_name.clone(),
            backup_cluster_name: r.backup_cluster_name.clone(),
            status: r.status.as_str().to_owned(),
            start_utc: utc(r.start),
            finish_utc: utc(r.finish),
            utc_offset: OFFSET,
            restore_time_utc: utc(r.restore_scn.to_micros()),
            total_bytes: r.total_bytes,
            finish_bytes: r.finish_bytes,
            running: r.running,
            comment: clean(&r.comment),
            backup_dest: clean(&r.backup_dest),
        }
    }
}

/// One page of backup jobs matching `r`, newest first, after `before`.
pub fn backup_page(
    store: &Store,
    r: &Resolved,
    before: Option<(UtcMicros, i64)>,
    limit: u32,
) -> Result<Vec<(ClusterId, BackupJob)>, Failure> {
    let (cluster, ob_tenant_id) = match &r.tenant {
        Some(name) => {
            let (c, t) = tenant_key(store, r, name)?;
            (Some(c), Some(t))
        }
        None => (r.cluster, None),
    };
    Ok(store.backup_job_page(&JobFilter {
        cluster,
        ob_tenant_id,
        statuses: r.statuses.clone(),
        from: r.from,
        to: r.to,
        before,
        limit,
        // The CLI lists every cached job: an imported one's cluster reads `<cluster>@<label>`.
        include_imported: true,
    })?)
}

/// Restore jobs matching `r` (the tenant filter matches the restored or the backed-up
/// tenant's name), newest first, after `before`, at most `limit` (None: all).
// The store's paged restore query is coming; until then the filter runs here.
pub fn restores(
    store: &Store,
    r: &Resolved,
    before: Option<(UtcMicros, i64)>,
    limit: Option<usize>,
) -> Result<Vec<(ClusterId, RestoreJob)>, Failure> {
    let mut all = Vec::new();
    for id in r.cluster_ids() {
        for job in store.restore_jobs_of(id)? {
            all.push((id, job));
        }
    }
    let key = |j: &RestoreJob| (j.start.map_or(i64::MIN, |t| t.0), j.job_id);
    all.retain(|(_, j)| {
        let start = j.start.map_or(i64::MIN, |t| t.0);
        r.tenant
            .as_ref()
            .is_none_or(|n| &j.restore_tenant_name == n || &j.backup_tenant_name == n)
            && (r.statuses.is_empty() || r.statuses.iter().any(|s| s == j.status.as_str()))
            && r.from.is_none_or(|f| start >= f.0)
            && r.to.is_none_or(|t| start <= t.0)
            && before.is_none_or(|(t, id)| key(j) < (t.0, id))
    });
    all.sort_by_key(|row| std::cmp::Reverse(key(&row.1)));
    if let Some(n) = limit {
        all.truncate(n);
    }
    Ok(all)
}
