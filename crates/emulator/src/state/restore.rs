//! Physical restore (4.x): RESTORE ... FROM ... WITH 'pool_list=..', its progress and history
//! (CDB_OB_RESTORE_PROGRESS, CDB_OB_RESTORE_HISTORY), CANCEL RESTORE.
//!
//! The restored tenant appears at once in RESTORE status, and ends NORMAL as a STANDBY at
//! the restore point; a failed restore leaves it in RESTORE, holding its pool, until it is
//! dropped.
//!
//! Each restore is two jobs with one JOB_ID, as OceanBase keeps them
//! (`ObRestoreUtil::fill_physical_restore_job` and `insert_user_tenant_restore_job`,
//! `src/rootserver/restore/ob_restore_util.cpp`): the sys tenant's (TENANT_ID = 1;
//! CREATE_TENANT, then WAIT_TENANT_RESTORE_FINISH) and, once the tenant exists, the
//! restored tenant's own (RESTORE_PRE ... POST_CHECK, which the progress view shows as
//! RESTORING, then UPGRADE). Progress figures live in the tenant's row
//! (`__all_virtual_restore_progress`, joined by tenant and job); the sys row has none.
//! The history keeps both rows, STATUS `SUCCESS` or `FAIL` (`ob_restore_persist_helper.cpp`).

use super::archive::Piece;
use super::backup::BackupSet;
use super::destinations::same_path;
use super::tenants::{Role, Tenant, TenantStatus};
use super::window::{self, Shortfall};
use super::{int, null, real, text, time, Cluster, Context, Row};
use crate::errors::{self, SqlError, SqlResult};
use crate::sql::{RestoreRequest, Until};
use crate::timestamp::{bytes_display, micros_of_scn, parse_wall_time, utc_text, HOUR, SECOND};

const CREATE_TENANT_FOR: i64 = 5 * SECOND;
const MIN_DURATION: i64 = 20 * SECOND;
const BYTES_PER_SECOND: i64 = 200 << 20;
const LOG_STREAMS: i64 = 3;
/// The share of a restore spent in UPGRADE, after the data and log are in.
const UPGRADE_SHARE: f64 = 0.1;

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
    /// The restore point, UTC micros (the SCN, truncated).
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

    /// Whether the restored tenant (and its own job row) exists yet.
    fn tenant_created(&self, at: i64) -> bool {
        at >= self.start + CREATE_TENANT_FOR
    }

    /// The columns both rows share.
    fn common(&self, tenant_id: i64) -> Row {
        vec![
            ("TENANT_ID", int(tenant_id)),
            ("JOB_ID", int(self.job_id)),
            ("RESTORE_TENANT_NAME", text(&self.tenant_name)),
            ("RESTORE_TENANT_ID", int(self.tenant_id)),
            ("BACKUP_TENANT_NAME", text(&self.source_tenant_name)),
            ("BACKUP_TENANT_ID", int(self.source_tenant_id)),
            ("BACKUP_CLUSTER_NAME", text(&self.source_cluster)),
            ("BACKUP_DEST", text(&self.backup_dest)),
            ("RESTORE_OPTION", text(&self.options)),
            ("RESTORE_SCN", int(self.restore_scn)),
            ("RESTORE_SCN_DISPLAY", text(utc_text(self.restore_at))),
            ("START_TIMESTAMP", time(self.start)),
            ("BACKUP_SET_LIST", text(&self.set_list)),
            ("BACKUP_PIECE_LIST", text(&self.piece_list)),
            ("BACKUP_CLUSTER_VERSION", int(self.cluster_version)),
            ("DESCRIPTION", text(&self.description)),
            ("RESTORE_TYPE", text("NORMAL_RESTORE")),
        ]
    }

    /// The progress figures at a fraction done, for the tenant's own row.
    fn figures(&self, done: f64) -> Row {
        let finished_bytes = (self.total_bytes as f64 * done) as i64;
        vec![
            ("TOTAL_BYTES", int(self.total_bytes)),
            ("TOTAL_BYTES_DISPLAY", text(bytes_display(self.total_bytes))),
            ("FINISH_BYTES", int(finished_bytes)),
            ("FINISH_BYTES_DISPLAY", text(bytes_display(finished_bytes))),
            ("LS_COUNT", int(LOG_STREAMS)),
            ("FINISH_LS_COUNT", int((LOG_STREAMS as f64 * done).floor() as i64)),
            ("TABLET_COUNT", int(self.tablet_count)),
            ("FINISH_TABLET_COUNT", int((self.tablet_count as f64 * done) as i64)),
            ("RESTORE_PROGRESS", real((done * 10000.0).round() / 100.0)),
        ]
    }

    /// The rows of CDB_OB_RESTORE_HISTORY: the sys job's, and the tenant's own when the
    /// tenant had been created.
    pub fn history_rows(&self, success: bool, finish: i64, comment: &str) -> Vec<Row> {
        let status = if success { "SUCCESS" } else { "FAIL" };
        let done = if success { 1.0 } else { self.fraction_at(finish) };
        let ended = |mut row: Row| {
            row.extend([
                ("FINISH_TIMESTAMP", time(finish)),
                ("STATUS", text(status)),
                ("COMMENT", text(comment)),
            ]);
            row
        };
        let mut rows = vec![ended(self.common(1))];
        if self.tenant_created(finish) {
            let mut own = ended(self.common(self.tenant_id));
            own.extend(self.figures(done));
            rows.push(own);
        }
        rows
    }

    /// The rows of CDB_OB_RESTORE_PROGRESS at `now`.
    fn progress_rows(&self, now: i64) -> Vec<Row> {
        let mut sys = self.common(1);
        let phase = if self.tenant_created(now) {
            "WAIT_TENANT_RESTORE_FINISH"
        } else {
            "CREATE_TENANT"
        };
        sys.push(("STATUS", text(phase)));
        let mut rows = vec![sys];
        if self.tenant_created(now) {
            let f = self.fraction_at(now);
            let mut own = self.common(self.tenant_id);
            own.push((
                "STATUS",
                text(if f < 1.0 - UPGRADE_SHARE {
                    "RESTORING"
                } else {
                    "UPGRADE"
                }),
            ));
            own.extend(self.figures(f));
            own.extend([
                ("RECOVER_SCN", null()),
                ("RECOVER_SCN_DISPLAY", null()),
                ("RECOVER_PROGRESS", null()),
            ]);
            rows.push(own);
        }
        rows
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

/// What a restore reads: the source tenant, its sets on the data destination and the
/// pieces of each archive destination named.
pub(crate) struct Source {
    pub tenant_id: i64,
    pub data_uri: Option<String>,
    pub sets: Vec<BackupSet>,
    pub archives: Vec<(String, Vec<Piece>)>,
}

impl Source {
    /// The sets and pieces a restore to `target` (SCN; `None`: the latest) reads, or what
    /// OceanBase answers when it cannot.
    pub fn plan(&self, target: Option<i64>, cluster: &Cluster) -> SqlResult<window::Plan> {
        let archives: Vec<Vec<Piece>> = self.archives.iter().map(|(_, p)| p.clone()).collect();
        window::plan(&self.sets, &archives, target).map_err(|why| match why {
            Shortfall::TargetBeforeReplay => errors::invalid_argument("restore scn"),
            Shortfall::NotEnoughLog => cluster.not_enough_log(),
        })
    }
}

impl Cluster {
    /// A short restore source, as this release answers it.
    fn not_enough_log(&self) -> SqlError {
        errors::restore_source_short(self.info.release.restore_source_error, "No enough log for restore")
    }

    /// The destinations a `FROM '...'` names, each known by its format file: a data
    /// backup destination or a log archive one (`ObPhysicalRestoreUriParser::parse`,
    /// `get_restore_backup_set_array_`, `get_restore_log_piece_array_`). Reading the format
    /// file is the statement's first request to the store: keys the bucket refuses fail
    /// the statement there, before any job is written ([`Cluster::check_read_keys`]).
    pub(crate) fn find_source(&self, uris: &str, now: i64) -> SqlResult<Source> {
        let mut given: Vec<&str> = Vec::new();
        for uri in uris.split(',').map(str::trim).filter(|u| !u.is_empty()) {
            self.check_uri(uri)?;
            if !given.contains(&uri) {
                given.push(uri);
            }
        }
        let mut source = Source {
            tenant_id: 0,
            data_uri: None,
            sets: Vec::new(),
            archives: Vec::new(),
        };
        for uri in given {
            self.check_read_keys(uri)?;
            let data_owner = self.tenants.values().find(|t| {
                t.data_dest.iter().any(|d| same_path(d, uri)) || t.sets.iter().any(|s| same_path(&s.path, uri))
            });
            let archive_owner = self.tenants.values().find(|t| {
                t.archive_dest.iter().any(|d| same_path(&d.location, uri))
                    || t.rounds.iter().any(|r| same_path(&r.path, uri))
            });
            match (data_owner, archive_owner) {
                (Some(t), _) => {
                    let sets: Vec<BackupSet> = t.sets.iter().filter(|s| same_path(&s.path, uri)).cloned().collect();
                    if source.data_uri.is_some() && source.sets.iter().any(BackupSet::usable) {
                        return Err(errors::not_supported(
                            "It is not support to restore from multiple tenant backup paths.",
                        ));
                    }
                    source.tenant_id = t.id;
                    source.data_uri = Some(uri.to_string());
                    source.sets = sets;
                }
                (None, Some(t)) => {
                    let pieces = t
                        .pieces_at(now)
                        .into_iter()
                        .filter(|p| same_path(&p.path, uri))
                        .collect();
                    if source.tenant_id == 0 {
                        source.tenant_id = t.id;
                    }
                    source.archives.push((uri.to_string(), pieces));
                }
                // No format file where the path points: OB_BACKUP_FILE_NOT_EXIST.
                (None, None) => return Err(errors::backup_file_not_exist()),
            }
        }
        Ok(source)
    }

    /// UNTIL TIME, read as OceanBase reads it: in the zone the backup recorded, which for
    /// data below 4.2.0 is always +08:00 (`get_backup_sys_time_zone_`).
    fn until_time(&self, text: &str, source: &Source) -> SqlResult<i64> {
        if source.data_uri.is_none() {
            return Err(errors::invalid_argument("time zone wrap"));
        }
        let offset = if self.info.release.backup_zone_is_fixed() {
            8 * 3600
        } else {
            self.info.tz_offset
        };
        let wall = parse_wall_time(text).ok_or_else(|| errors::invalid_argument("UNTIL TIME"))?;
        Ok((wall - i64::from(offset) * SECOND) * 1000)
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
        self.check_locality(&request.options)?;
        let source = self.find_source(&request.uris, now)?;
        let target = match &request.until {
            None => None,
            Some(Until::Time(text)) => Some(self.until_time(text, &source)?),
            Some(Until::Scn(value)) => Some(
                value
                    .parse::<i64>()
                    .ok()
                    .filter(|v| *v > 0)
                    .ok_or_else(|| errors::invalid_argument("UNTIL SCN"))?,
            ),
        };
        let plan = source.plan(target, self)?;
        let data_uri = source.data_uri.clone().unwrap_or_default();
        let used_sets: Vec<&BackupSet> = plan
            .set_ids
            .iter()
            .filter_map(|id| source.sets.iter().find(|s| s.set_id == *id))
            .collect();
        let set_list = used_sets
            .iter()
            .map(|s| set_path(&data_uri, s))
            .collect::<Vec<_>>()
            .join(",");
        let piece_list = plan
            .pieces
            .iter()
            .filter_map(|(dest, round, piece)| {
                source.archives.iter().find_map(|(uri, pieces)| {
                    pieces
                        .iter()
                        .find(|p| (p.dest_id, p.round_id, p.piece_id) == (*dest, *round, *piece))
                        .map(|p| piece_path(uri, p))
                })
            })
            .collect::<Vec<_>>()
            .join(",");
        let total_bytes: i64 = used_sets.iter().map(|s| s.output_bytes).sum();
        let tablet_count = used_sets.iter().map(|s| s.tablet_count).max().unwrap_or(8);
        let (source_name, data_bytes) = self
            .tenants
            .get(&source.tenant_id)
            .map(|t| (t.name.clone(), t.data_bytes))
            .unwrap_or_default();
        let restore_at = micros_of_scn(plan.restore_scn);
        let replay = used_sets
            .last()
            .map(|s| (restore_at - s.start_replay).clamp(0, 30 * 24 * HOUR) / 1000)
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
            restore_at,
            restore_scn: plan.restore_scn,
            start: now,
            duration,
            fail,
            set_list,
            piece_list,
            total_bytes,
            tablet_count,
            cluster_version: version_number(self.info.release.version),
        });
        Ok(())
    }

    /// `locality=F@z1,R@z2` in a restore's options: only the replica types the release
    /// takes (4.0/4.1 full replicas only; from 4.2 FULL and READONLY; COLUMNSTORE, 4.3.3
    /// and experimental, fails a restore).
    fn check_locality(&self, options: &str) -> SqlResult<()> {
        let Some(locality) = options
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("locality"))
            .map(|(_, v)| v)
        else {
            return Ok(());
        };
        for part in locality.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (kind, zone) = part
                .split_once('@')
                .ok_or_else(|| errors::invalid_argument("locality"))?;
            let kind = kind.split('{').next().unwrap_or(kind).trim().to_ascii_uppercase();
            let full = match kind.as_str() {
                "F" | "FULL" => "FULL",
                "R" | "READONLY" => "READONLY",
                "L" | "LOGONLY" => "LOGONLY",
                "C" | "COLUMNSTORE" => "COLUMNSTORE",
                _ => return Err(errors::invalid_argument("locality")),
            };
            if !self.info.release.replica_types.contains(&full) {
                return Err(errors::not_supported(&format!("{full} replica in locality is")));
            }
            if !self.info.zones.iter().any(|z| z.eq_ignore_ascii_case(zone.trim())) {
                return Err(errors::zone_not_exist(zone.trim()));
            }
        }
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
            let mut job = self.restore_jobs.remove(i);
            if self.info.release.line == crate::release::Line::V3 {
                job.fail = Some(comment.to_string());
                let row = super::v3::restore_row_v3(&job, now, Some(now));
                self.push_history("CDB_OB_RESTORE_HISTORY", row);
                return;
            }
            for row in job.history_rows(false, now, comment) {
                self.push_history("CDB_OB_RESTORE_HISTORY", row);
            }
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
                    for row in job.history_rows(false, end, &comment) {
                        self.push_history("CDB_OB_RESTORE_HISTORY", row);
                    }
                }
                None => {
                    if let Some(tenant) = self.tenants.get_mut(&job.tenant_id) {
                        tenant.status = TenantStatus::Normal;
                        tenant.role = Role::Standby;
                        tenant.standby_scn = Some(job.restore_scn);
                        tenant.recovery_until_scn = job.restore_scn;
                        tenant.modified = end;
                    }
                    for row in job.history_rows(true, end, "") {
                        self.push_history("CDB_OB_RESTORE_HISTORY", row);
                    }
                }
            }
        }
        self.restore_jobs.extend(jobs.into_iter().flatten());
        self.finish_activations(now);
    }

    pub(super) fn restore_progress_rows(&self, now: i64) -> Vec<Row> {
        self.restore_jobs
            .iter()
            .flat_map(|job| job.progress_rows(now))
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
