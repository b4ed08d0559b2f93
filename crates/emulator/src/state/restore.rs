//! Physical restore: RESTORE ... FROM ... WITH 'pool_list=..', its progress and history
//! (CDB_OB_RESTORE_PROGRESS, CDB_OB_RESTORE_HISTORY), CANCEL RESTORE.
//!
//! The restored tenant appears at once in RESTORE status, and ends NORMAL as a STANDBY at
//! the restore point; a failed restore leaves it in RESTORE, holding its pool, until it is
//! dropped.

use super::archive::Piece;
use super::backup::BackupSet;
use super::destinations::{check_uri, same_path};
use super::tenants::{Role, Tenant, TenantStatus};
use super::window;
use super::{int, null, real, text, time, Cluster, Context, Row};
use crate::errors::{self, SqlResult};
use crate::sql::{RestoreRequest, Until};
use crate::timestamp::{bytes_display, micros_of_scn, parse_wall_time, scn, utc_text, SECOND};

const CREATE_TENANT_FOR: i64 = 5 * SECOND;
const MIN_DURATION: i64 = 20 * SECOND;
const BYTES_PER_SECOND: i64 = 200 << 20;
const LOG_STREAMS: i64 = 3;

#[derive(Debug, Clone)]
pub struct RestoreJob {
    pub job_id: i64,
    pub tenant_id: i64,
    pub tenant_name: String,
    pub source_tenant_id: i64,
    pub source_tenant_name: String,
    pub source_cluster: String,
    pub backup_dest: String,
    pub options: String,
    pub description: String,
    pub restore_at: i64,
    pub restore_scn: i64,
    pub start: i64,
    pub duration: i64,
    /// Set by Fault::RestoreFails: the COMMENT the restore fails with.
    pub fail: Option<String>,
    pub set_list: String,
    pub piece_list: String,
    pub total_bytes: i64,
    pub tablet_count: i64,
    pub cluster_version: i64,
}

impl RestoreJob {
    fn fail_at(&self) -> i64 {
        self.start + self.duration * 6 / 10
    }

    fn fraction_at(&self, now: i64) -> f64 {
        ((now - self.start) as f64 / self.duration.max(1) as f64).clamp(0.0, 1.0)
    }

    /// A row of CDB_OB_RESTORE_HISTORY.
    pub fn history_row(&self, success: bool, finish: i64, comment: &str) -> Row {
        let done = if success { 1.0 } else { self.fraction_at(finish) };
        let finished_bytes = (self.total_bytes as f64 * done) as i64;
        vec![
            ("TENANT_ID", int(1)),
            ("JOB_ID", int(self.job_id)),
            ("RESTORE_TENANT_NAME", text(&self.tenant_name)),
            ("RESTORE_TENANT_ID", int(self.tenant_id)),
            ("BACKUP_TENANT_NAME", text(&self.source_tenant_name)),
            ("BACKUP_TENANT_ID", int(self.source_tenant_id)),
            ("BACKUP_CLUSTER_NAME", text(&self.source_cluster)),
            ("BACKUP_DEST", text(&self.backup_dest)),
            ("RESTORE_SCN", int(self.restore_scn)),
            ("RESTORE_SCN_DISPLAY", text(utc_text(self.restore_at))),
            ("RESTORE_OPTION", text(&self.options)),
            ("START_TIMESTAMP", time(self.start)),
            ("FINISH_TIMESTAMP", time(finish)),
            ("STATUS", text(if success { "SUCCESS" } else { "FAILED" })),
            ("BACKUP_PIECE_LIST", text(&self.piece_list)),
            ("BACKUP_SET_LIST", text(&self.set_list)),
            ("BACKUP_CLUSTER_VERSION", int(self.cluster_version)),
            ("LS_COUNT", int(LOG_STREAMS)),
            ("FINISH_LS_COUNT", int((LOG_STREAMS as f64 * done).floor() as i64)),
            ("TABLET_COUNT", int(self.tablet_count)),
            ("FINISH_TABLET_COUNT", int((self.tablet_count as f64 * done) as i64)),
            ("TOTAL_BYTES", int(self.total_bytes)),
            ("TOTAL_BYTES_DISPLAY", text(bytes_display(self.total_bytes))),
            ("FINISH_BYTES", int(finished_bytes)),
            ("FINISH_BYTES_DISPLAY", text(bytes_display(finished_bytes))),
            ("DESCRIPTION", text(&self.description)),
            ("COMMENT", text(comment)),
            ("RESTORE_TYPE", text("NORMAL_RESTORE")),
        ]
    }
}

/// OceanBase's integer form of a version: 4.3.5.3 -> (4 << 32) | (3 << 16) | (5 << 8) | 3.
pub fn version_number(version: &str) -> i64 {
    let parts: Vec<i64> = version
        .split('.')
        .map(|p| p.parse::<i64>().unwrap_or(0).clamp(0, 0xFF))
        .chain(std::iter::repeat(0))
        .take(4)
        .collect();
    (parts[0] << 32) | (parts[1] << 16) | (parts[2] << 8) | parts[3]
}

/// `file:///d/backup_set_3_inc`: where a set lives under its destination.
pub fn set_path(data_uri: &str, set: &BackupSet) -> String {
    let kind = if set.incremental { "inc" } else { "full" };
    format!("{}/backup_set_{}_{kind}", data_uri.trim_end_matches('/'), set.set_id)
}

pub fn piece_path(archive_uri: &str, piece: &Piece) -> String {
    format!(
        "{}/piece_d{}r{}p{}",
        archive_uri.trim_end_matches('/'),
        piece.dest_id,
        piece.round_id,
        piece.piece_id
    )
}

/// What a restore reads: the source tenant, its sets on the data URI and its pieces on the
/// archive URI.
struct Source {
    tenant_id: i64,
    data_uri: String,
    archive_uri: String,
    sets: Vec<BackupSet>,
    pieces: Vec<Piece>,
}

impl Cluster {
    fn find_source(&self, uris: &str, now: i64) -> SqlResult<Source> {
        let mut data: Option<(String, i64)> = None;
        let mut archive: Option<(String, i64)> = None;
        for uri in uris.split(',').map(str::trim).filter(|u| !u.is_empty()) {
            check_uri(uri)?;
            let data_owner = self
                .tenants
                .values()
                .find(|t| t.sets.iter().any(|s| same_path(&s.path, uri)));
            let archive_owner = self
                .tenants
                .values()
                .find(|t| t.rounds.iter().any(|r| same_path(&r.path, uri)));
            if let Some(t) = data_owner {
                if data.as_ref().is_some_and(|(_, id)| *id != t.id) {
                    return Err(errors::op_not_allowed("restoring backupsets of different tenants is"));
                }
                data = Some((uri.to_string(), t.id));
            } else if let Some(t) = archive_owner {
                archive = Some((uri.to_string(), t.id));
            }
        }
        let (data_uri, tenant_id) =
            data.ok_or_else(|| errors::restore_source_not_enough("no backup set is available"))?;
        let (archive_uri, archive_tenant) =
            archive.ok_or_else(|| errors::restore_source_not_enough("no usable log pieces"))?;
        if archive_tenant != tenant_id {
            return Err(errors::op_not_allowed(
                "restoring backup pieces of different tenants is",
            ));
        }
        let tenant = self
            .tenants
            .get(&tenant_id)
            .ok_or_else(|| errors::internal("source tenant vanished"))?;
        let sets = tenant
            .sets
            .iter()
            .filter(|s| same_path(&s.path, &data_uri))
            .cloned()
            .collect();
        let pieces = tenant
            .pieces_at(now)
            .into_iter()
            .filter(|p| same_path(&p.path, &archive_uri))
            .collect();
        Ok(Source {
            tenant_id,
            data_uri,
            archive_uri,
            sets,
            pieces,
        })
    }

    pub(super) fn start_restore(&mut self, request: &RestoreRequest, ctx: &Context) -> SqlResult<()> {
        let now = ctx.now;
        let name = &request.tenant;
        let reserved = name.eq_ignore_ascii_case("sys") || name.to_ascii_uppercase().starts_with("META$");
        if reserved || self.find_tenant(name).is_some() {
            return Err(errors::tenant_exist(name));
        }
        let pools: Vec<String> = request
            .options
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("pool_list"))
            .map(|(_, v)| {
                v.split(',')
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if pools.is_empty() {
            return Err(errors::missing_argument("pool_list"));
        }
        self.check_free_pools(&pools)?;
        let source = self.find_source(&request.uris, now)?;
        let target = match &request.until {
            None => None,
            Some(Until::Time(text)) => {
                let wall = parse_wall_time(text).ok_or_else(|| errors::invalid_argument("UNTIL TIME"))?;
                Some(wall - i64::from(ctx.tz_offset) * SECOND)
            }
            Some(Until::Scn(value)) => {
                let scn: i64 = value
                    .parse()
                    .ok()
                    .filter(|v| *v > 0)
                    .ok_or_else(|| errors::invalid_argument("UNTIL SCN"))?;
                Some(micros_of_scn(scn))
            }
        };
        let plan = window::plan(&source.sets, &source.pieces, target, ctx.tz_offset)?;
        let restore_scn = match &request.until {
            Some(Until::Scn(value)) => value.parse().unwrap_or(scn(plan.restore_at)),
            _ => scn(plan.restore_at),
        };
        let used_sets: Vec<&BackupSet> = plan
            .set_ids
            .iter()
            .filter_map(|id| source.sets.iter().find(|s| s.set_id == *id))
            .collect();
        let set_list = used_sets
            .iter()
            .map(|s| set_path(&source.data_uri, s))
            .collect::<Vec<_>>()
            .join(",");
        let piece_list = plan
            .piece_ids
            .iter()
            .filter_map(|id| source.pieces.iter().find(|p| p.piece_id == *id))
            .map(|p| piece_path(&source.archive_uri, p))
            .collect::<Vec<_>>()
            .join(",");
        let total_bytes: i64 = used_sets.iter().map(|s| s.output_bytes).sum();
        let tablet_count = used_sets.iter().map(|s| s.tablet_count).max().unwrap_or(8);
        let (source_name, data_bytes) = self
            .tenants
            .get(&source.tenant_id)
            .map(|t| (t.name.clone(), t.data_bytes))
            .unwrap_or_default();
        let replay = used_sets
            .last()
            .map(|s| (plan.restore_at - s.start_replay).max(0) / 1000)
            .unwrap_or(0);
        let duration = (total_bytes / BYTES_PER_SECOND * SECOND + replay).max(MIN_DURATION);

        let tenant_id = self.allocate_tenant_id();
        let mut tenant = Tenant::new(tenant_id, name, data_bytes, now);
        tenant.status = TenantStatus::Restore;
        tenant.role = Role::Restore;
        self.tenants.insert(tenant_id, tenant);
        self.grant_pools(&pools, tenant_id, now);
        let job_id = self.next_restore_job_id;
        self.next_restore_job_id += 1;
        let fail = self.take_restore_failure();
        self.restore_jobs.push(RestoreJob {
            job_id,
            tenant_id,
            tenant_name: name.clone(),
            source_tenant_id: source.tenant_id,
            source_tenant_name: source_name,
            source_cluster: self.info.name.clone(),
            backup_dest: request.uris.clone(),
            options: request.options.clone(),
            description: request.description.clone().unwrap_or_default(),
            restore_at: plan.restore_at,
            restore_scn,
            start: now,
            duration,
            fail,
            set_list,
            piece_list,
            total_bytes,
            tablet_count,
            cluster_version: version_number(&self.info.version),
        });
        Ok(())
    }

    pub(super) fn cancel_restore(&mut self, name: &str, ctx: &Context) -> SqlResult<()> {
        let id = self.find_tenant(name).ok_or_else(|| errors::tenant_not_exist(name))?;
        let restoring = self.restore_jobs.iter().any(|j| j.tenant_id == id);
        let failed_restore = self.tenants.get(&id).is_some_and(|t| t.status == TenantStatus::Restore);
        if !restoring && !failed_restore {
            return Err(errors::op_not_allowed(
                "cancel restore of a tenant which is not being restored is",
            ));
        }
        self.abort_restore_of(id, ctx.now, "Operation canceled");
        self.release_pools(id, ctx.now);
        self.tenant_mut(id)?.dropped = true;
        Ok(())
    }

    /// Ends a running restore of `tenant_id` as FAILED with `comment`.
    pub(super) fn abort_restore_of(&mut self, tenant_id: i64, now: i64, comment: &str) {
        if let Some(i) = self.restore_jobs.iter().position(|j| j.tenant_id == tenant_id) {
            let job = self.restore_jobs.remove(i);
            self.push_history("CDB_OB_RESTORE_HISTORY", job.history_row(false, now, comment));
        }
    }

    pub(super) fn advance_restores(&mut self, now: i64) {
        let mut ending: Vec<(i64, usize, Option<String>)> = self
            .restore_jobs
            .iter()
            .enumerate()
            .filter_map(|(i, j)| match &j.fail {
                Some(comment) if now >= j.fail_at() => Some((j.fail_at(), i, Some(comment.clone()))),
                None if now >= j.start + j.duration => Some((j.start + j.duration, i, None)),
                _ => None,
            })
            .collect();
        ending.sort_by_key(|(end, i, _)| (*end, *i));
        let mut jobs: Vec<Option<RestoreJob>> = std::mem::take(&mut self.restore_jobs).into_iter().map(Some).collect();
        for (end, i, failure) in ending {
            let Some(job) = jobs[i].take() else { continue };
            match failure {
                Some(comment) => {
                    self.push_history("CDB_OB_RESTORE_HISTORY", job.history_row(false, end, &comment));
                }
                None => {
                    if let Some(tenant) = self.tenants.get_mut(&job.tenant_id) {
                        tenant.status = TenantStatus::Normal;
                        tenant.role = Role::Standby;
                        tenant.standby_scn = Some(job.restore_scn);
                        tenant.recovery_until_scn = job.restore_scn;
                        tenant.modified = end;
                    }
                    self.push_history("CDB_OB_RESTORE_HISTORY", job.history_row(true, end, ""));
                }
            }
        }
        self.restore_jobs.extend(jobs.into_iter().flatten());
        self.finish_activations(now);
    }

    pub(super) fn restore_progress_rows(&self, now: i64) -> Vec<Row> {
        self.restore_jobs
            .iter()
            .map(|job| {
                let status = if now < job.start + CREATE_TENANT_FOR {
                    "CREATE_TENANT"
                } else {
                    "WAIT_TENANT_RESTORE_FINISH"
                };
                let f = job.fraction_at(now);
                let finished = (job.total_bytes as f64 * f) as i64;
                vec![
                    ("TENANT_ID", int(1)),
                    ("JOB_ID", int(job.job_id)),
                    ("RESTORE_TENANT_NAME", text(&job.tenant_name)),
                    ("RESTORE_TENANT_ID", int(job.tenant_id)),
                    ("BACKUP_TENANT_NAME", text(&job.source_tenant_name)),
                    ("BACKUP_TENANT_ID", text(job.source_tenant_id.to_string())),
                    ("BACKUP_CLUSTER_NAME", text(&job.source_cluster)),
                    ("BACKUP_DEST", text(&job.backup_dest)),
                    ("RESTORE_OPTION", text(&job.options)),
                    ("RESTORE_SCN", int(job.restore_scn)),
                    ("RESTORE_SCN_DISPLAY", text(utc_text(job.restore_at))),
                    ("STATUS", text(status)),
                    ("START_TIMESTAMP", text(utc_text(job.start))),
                    ("BACKUP_SET_LIST", text(&job.set_list)),
                    ("BACKUP_PIECE_LIST", text(&job.piece_list)),
                    ("TOTAL_BYTES", int(job.total_bytes)),
                    ("TOTAL_BYTES_DISPLAY", text(bytes_display(job.total_bytes))),
                    ("FINISH_BYTES", int(finished)),
                    ("FINISH_BYTES_DISPLAY", text(bytes_display(finished))),
                    ("DESCRIPTION", text(&job.description)),
                    ("RESTORE_TYPE", text("NORMAL_RESTORE")),
                    ("RECOVER_SCN", null()),
                    ("RECOVER_SCN_DISPLAY", null()),
                    ("RECOVER_PROGRESS", null()),
                    ("TABLET_COUNT", int(job.tablet_count)),
                    ("FINISH_TABLET_COUNT", int((job.tablet_count as f64 * f) as i64)),
                    ("RESTORE_PROGRESS", real((f * 10000.0).round() / 100.0)),
                ]
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_encode_like_oceanbase() {
        assert_eq!(version_number("4.3.5.3"), (4 << 32) | (3 << 16) | (5 << 8) | 3);
        assert_eq!(version_number("3.2.1"), (3 << 32) | (2 << 16) | (1 << 8));
    }
}
