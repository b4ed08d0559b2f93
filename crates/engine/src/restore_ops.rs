//! Recovery actions: Initiate Recovery (checked against the recoverable
//! window, the target name and the placement), cancel, retry a failed restore,
//! clean up what a failed restore left, and activate a restored tenant.

use desk_model::backup::{RestoreJob, Scn};
use desk_model::journal::JournalAction;
use desk_model::storage::{location, under_root, with_keys, AccessKeys};
use desk_model::window::{merge, nearest, recoverable_spans, source_for, tenant_window, ScnRange};
use desk_model::{words, ClusterId, ObName, ObVersion, StorageUri, TenantRecord, UtcMicros, Words};
use desk_oceanbase::sql::{self, ReplicaType, RestoreRequest, RestoreUntil};
use desk_oceanbase::Session;
use serde::Deserialize;
use serde_json::json;
use ts_rs::TS;

use crate::backup_ops::user_tenant;
use crate::operator::{params_json, Operator, Prepared, Receipt};
use crate::refusal::{NearestTimes, OpError, OpErrorCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Replica {
    // Aliases: journal entries written before params were typed spelled them so.
    #[serde(alias = "Full")]
    Full,
    #[serde(alias = "ReadOnly")]
    ReadOnly,
    #[serde(alias = "Log")]
    Log,
}

impl Replica {
    pub const ALL: [Replica; 3] = [Replica::Full, Replica::ReadOnly, Replica::Log];
}

/// One zone of the restored tenant.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ZonePlacement {
    pub zone: String,
    pub replica: Replica,
    /// Priority for the primary zone: 1 is first; equal numbers share.
    pub priority: u32,
}

/// Initiate Recovery.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InitiateRecovery {
    /// Where the backup comes from (the page's cluster and tenant).
    pub source_cluster: ClusterId,
    pub source_tenant: String,
    /// Where the new tenant is created; the same cluster in the sandbox.
    pub target_cluster: ClusterId,
    pub target_tenant: String,
    /// `None` recovers to the latest recoverable point.
    pub until: Option<UtcMicros>,
    pub zones: Vec<ZonePlacement>,
    pub unit_cpu: u32,
    pub unit_memory_gib: u32,
    pub unit_num: u32,
    /// The AccessKey pair of the source's object storage, typed for this send only (never
    /// stored); without it the desk uses the keys it holds for a strategy's destination.
    #[serde(default)]
    #[ts(optional)]
    pub access_keys: Option<AccessKeys>,
}

/// The keys a restore may use for object storage: typed for this send, or held by the
/// desk for the destinations its strategies set (`Directory::held_storage`).
#[derive(Clone, Copy)]
pub struct Keys<'a> {
    pub typed: Option<&'a AccessKeys>,
    pub held: &'a [StorageUri],
}

impl Keys<'_> {
    /// `path` (as the views show it, keys redacted) with the keys it needs.
    fn complete(&self, field: &'static str, path: &str) -> Result<StorageUri, OpError> {
        if !path.contains("***") && !needs_keys(path) {
            return Ok(StorageUri::parse(field, path)?);
        }
        if let Some(keys) = self.typed {
            return Ok(StorageUri::parse(field, &with_keys(path, keys))?);
        }
        if let Some(done) = self.held.iter().find_map(|root| under_root(path, root)) {
            return Ok(StorageUri::parse(field, &done)?);
        }
        let path = location(path).to_owned();
        let message = if field == "archiveUri" {
            words!(
                "The log backups at {path} need the AccessKey of their storage, which the desk does not hold: enter it to send this once",
                "{path} 上的日志备份需要其存储的 AccessKey，本机没有保存：请输入，仅用于本次发送"
            )
        } else {
            words!(
                "The backups at {path} need the AccessKey of their storage, which the desk does not hold: enter it to send this once",
                "{path} 上的备份需要其存储的 AccessKey，本机没有保存：请输入，仅用于本次发送"
            )
        };
        Err(OpError::new(OpErrorCode::CredentialsNeeded, message).on(field))
    }
}

/// A restore job of a cluster, by its OceanBase job id.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreRef {
    pub cluster: ClusterId,
    #[ts(type = "number")]
    pub job_id: i64,
}

fn pool_name(tenant: &ObName) -> Result<ObName, OpError> {
    Ok(ObName::parse("targetTenant", &format!("{tenant}_pool"))?)
}

fn unit_name(tenant: &ObName) -> Result<ObName, OpError> {
    Ok(ObName::parse("targetTenant", &format!("{tenant}_unit"))?)
}

/// How far behind its clock a 3.x restore point must be, in microseconds.
const TOO_NEW_V3: i64 = 10_000_000;

fn micros_text(t: UtcMicros) -> String {
    chrono::DateTime::from_timestamp_micros(t.0)
        .map(|d| d.format("%Y-%m-%d %H:%M:%S%.6f +00:00").to_string())
        .unwrap_or_else(|| t.0.to_string())
}

/// The URI a restore names a destination by: each set's and piece's destination root as
/// the views show it (redacted), or, for a release that shows no PATH, the tenant's
/// current destination; completed with the keys it needs.
fn source_uri(
    field: &'static str,
    from_views: Option<&str>,
    keys: Keys<'_>,
    current: Option<&String>,
) -> Result<StorageUri, OpError> {
    let known = from_views
        .filter(|p| !p.trim().is_empty())
        .or(current.map(String::as_str));
    match known {
        Some(path) => keys.complete(field, path),
        None => Err(OpError::new(
            OpErrorCode::NoBackupDestination,
            words!(
                "{field}: the source tenant has no such destination",
                "{field}：源租户没有该目的地"
            ),
        )
        .on(field)),
    }
}

/// Object storage named without its keys (views may show a PATH without them).
fn needs_keys(path: &str) -> bool {
    !path.trim_start().to_ascii_lowercase().starts_with("file://") && !path.contains("access_key=")
}

fn nothing_recoverable(tenant: &str) -> OpError {
    OpError::new(
        OpErrorCode::NothingRecoverable,
        words!(
            "tenant {tenant} has no recoverable period yet: it needs a successful data backup and log backup after it",
            "租户 {tenant} 尚无可恢复时间区间：需要先有一次成功的数据备份，并在其后持续进行日志备份"
        ),
    )
    .on("until")
}

/// Refuses a recovery time outside `window`, naming the nearest recoverable times
/// (with their offset), giving them to the UI as numbers, and saying what OceanBase
/// itself would answer (`ob_restore_util.cpp`: "no enough log, maximum restorable time
/// is ...", or for a point before every full set, "no full backup set can be used to
/// restore to given time, minimum restorable time is ...").
pub fn check_recovery_time(window: &[ScnRange], t: UtcMicros, tenant: &str) -> Result<(), OpError> {
    t.typed("until")?;
    if window.is_empty() {
        return Err(nothing_recoverable(tenant));
    }
    let scn = Scn::from_micros(t);
    if window.iter().any(|r| r.contains(scn)) {
        return Ok(());
    }
    let (before, after) = nearest(window, scn);
    let (before, after) = (before.and_then(Scn::to_micros), after.and_then(Scn::to_micros));
    let asked = micros_text(t);
    let mut msg = words!(
        "{asked} is outside the recoverable window of tenant {tenant}",
        "{asked} 不在租户 {tenant} 的可恢复时间区间内"
    );
    let nearest_words = match (before.map(micros_text), after.map(micros_text)) {
        (Some(b), Some(a)) => Some(words!(
            "; the nearest recoverable times are {b} and {a}",
            "；最近的可恢复时间为 {b} 和 {a}"
        )),
        (Some(b), None) => Some(words!(
            "; the latest recoverable time is {b}",
            "；最晚的可恢复时间为 {b}"
        )),
        (None, Some(a)) => Some(words!(
            "; the earliest recoverable time is {a}",
            "；最早的可恢复时间为 {a}"
        )),
        (None, None) => None,
    };
    let server_words = match (before.map(micros_text), after.map(micros_text)) {
        (Some(b), _) => words!(
            " (OceanBase would answer: no enough log, maximum restorable time is {b})",
            "（OceanBase 会答复：no enough log, maximum restorable time is {b}）"
        ),
        (None, Some(a)) => words!(
            " (OceanBase would answer: no full backup set can be used to restore to given time, minimum restorable time is {a})",
            "（OceanBase 会答复：no full backup set can be used to restore to given time, minimum restorable time is {a}）"
        ),
        (None, None) => words!("", ""),
    };
    for w in nearest_words.into_iter().chain([server_words]) {
        msg.en.push_str(&w.en);
        msg.zh.push_str(&w.zh);
    }
    let mut err = OpError::new(OpErrorCode::OutsideWindow, msg).on("until");
    err.nearest = Some(NearestTimes { before, after });
    Err(err)
}

/// Where a restore reads from and to which point: for 4.x the data destination and the
/// archive destination whose span holds the point (the latest ones when several do), by
/// the roots the views show.
struct Source {
    data: StorageUri,
    archive: Option<StorageUri>,
    until: RestoreUntil,
}

/// Checks the point against the source tenant's window, by OceanBase's rule for its
/// release, and finds what the restore reads.
async fn read_source(
    source: &mut Session,
    req: &InitiateRecovery,
    held: &[StorageUri],
) -> Result<(TenantRecord, Source), OpError> {
    let keys = Keys {
        typed: req.access_keys.as_ref(),
        held,
    };
    let tenant = user_tenant(source, "sourceTenant", &req.source_tenant).await?;
    let dests = source.destinations_of(tenant.ob_tenant_id).await?;
    let sets = source.backup_set_files(Some(tenant.ob_tenant_id)).await?;
    let pieces = source.archive_pieces(Some(tenant.ob_tenant_id)).await?;
    let version = source.info().version;
    if version.major() < 4 {
        let window = tenant_window(Some(&version), &sets, &pieces);
        if window.is_empty() {
            return Err(nothing_recoverable(&tenant.name));
        }
        // 3.x refuses a point less than 10 s behind its own clock ("need retry later,
        // restore timestamp is too new": `RESTORE_TIMESTAMP_DETA` in
        // `ObRootService::physical_restore_tenant`, v3.1.5_CE `src/rootserver/ob_root_service.cpp`).
        let newest_allowed = |now: UtcMicros| UtcMicros(now.0 - TOO_NEW_V3 - 1_000_000);
        if let Some(t) = req.until {
            check_recovery_time(&window, t, &tenant.name)?;
            let now = source.server_now().await?;
            if t > newest_allowed(now) {
                let (asked, now) = (micros_text(t), micros_text(now));
                return Err(OpError::new(
                    OpErrorCode::OutsideWindow,
                    words!(
                        "{asked} is too recent: OceanBase V{version} restores to a point at least 10 seconds behind its clock ({now})",
                        "{asked} 太近：OceanBase V{version} 只能恢复到比其当前时间（{now}）早至少 10 秒的时间点"
                    ),
                )
                .on("until"));
            }
        }
        let data = source_uri("dataUri", None, keys, dests.data_backup_dest.as_ref())?;
        // 3.1 requires a point: "latest" is the window's end as read now, if the cluster
        // takes it yet, else the newest point it takes.
        let until = match req.until {
            Some(t) => RestoreUntil::Time { at: t, offset_secs: 0 },
            None if version >= ObVersion::new(3, 2, 1, 0) => RestoreUntil::Latest,
            None => {
                let end = window.last().and_then(|r| r.end.to_micros()).unwrap_or(UtcMicros(0));
                let at = UtcMicros(end.0.min(newest_allowed(source.server_now().await?).0));
                check_recovery_time(&window, at, &tenant.name)?;
                RestoreUntil::Time { at, offset_secs: 0 }
            }
        };
        return Ok((
            tenant,
            Source {
                data,
                archive: None,
                until,
            },
        ));
    }
    let spans = recoverable_spans(&sets, &pieces);
    let mut ranges: Vec<ScnRange> = spans.iter().map(|s| s.range).collect();
    let window = merge(&mut ranges);
    if window.is_empty() {
        return Err(nothing_recoverable(&tenant.name));
    }
    let (span, until) = match req.until {
        Some(t) => {
            check_recovery_time(&window, t, &tenant.name)?;
            let span = source_for(&spans, Scn::from_micros(t)).ok_or_else(|| nothing_recoverable(&tenant.name))?;
            (span, RestoreUntil::instant(&version, t))
        }
        None => {
            // Without UNTIL, OceanBase restores to the archive's latest checkpoint; that is
            // recoverable only when the latest span reaches it. Otherwise the latest point
            // the window has is named.
            let latest = spans
                .iter()
                .max_by_key(|s| (s.range.end, s.data_dest, s.archive_dest))
                .copied()
                .ok_or_else(|| nothing_recoverable(&tenant.name))?;
            let archive_latest = pieces
                .iter()
                .filter(|p| p.dest_id == latest.archive_dest && p.checkpoint_scn > p.start_scn)
                .max_by_key(|p| (p.round_id, p.piece_id))
                .map(|p| p.checkpoint_scn);
            let until = if archive_latest == Some(latest.range.end) {
                RestoreUntil::Latest
            } else {
                RestoreUntil::at_scn(&version, latest.range.end)
            };
            (latest, until)
        }
    };
    let data_path = sets
        .iter()
        .find(|s| s.dest_id == span.data_dest)
        .map(|s| s.path.as_str());
    let archive_path = pieces
        .iter()
        .filter(|p| p.dest_id == span.archive_dest)
        .max_by_key(|p| (p.round_id, p.piece_id))
        .map(|p| p.path.as_str());
    let data = source_uri("dataUri", data_path, keys, dests.data_backup_dest.as_ref())?;
    let archive = source_uri("archiveUri", archive_path, keys, dests.log_archive_dest.as_ref())?;
    Ok((
        tenant,
        Source {
            data,
            archive: Some(archive),
            until,
        },
    ))
}

/// Checks a recovery against both clusters and builds what to send on the target.
/// `source` and `target` may be the same session's cluster.
pub async fn prepare_recovery(
    source: &mut Session,
    target: Option<&mut Session>,
    req: &InitiateRecovery,
    held: &[StorageUri],
) -> Result<Prepared, OpError> {
    let names = check_recovery_request(req)?;
    prepare_recovery_on(source, target, req, held, names).await
}

/// The rules a recovery request must keep that need no cluster: names, the time's
/// range, zones and unit sizes. Checked before connecting, so bad input sends nothing.
/// Returns the new tenant's name and the unit and pool named after it.
pub fn check_recovery_request(req: &InitiateRecovery) -> Result<(ObName, ObName, ObName), OpError> {
    ObName::user_tenant("sourceTenant", &req.source_tenant)?;
    let new_name = ObName::user_tenant("targetTenant", &req.target_tenant)?;
    if let Some(t) = req.until {
        t.typed("until")?;
    }
    if req.zones.is_empty() {
        return Err(OpError::new(
            OpErrorCode::InvalidInput,
            words!("zones: choose at least one zone", "zones：请至少选择一个 Zone"),
        )
        .on("zones"));
    }
    if !req.zones.iter().any(|z| z.replica == Replica::Full) {
        return Err(OpError::new(
            OpErrorCode::InvalidInput,
            words!(
                "zones: at least one zone needs a full replica",
                "zones：至少需要一个 Zone 使用全能型副本"
            ),
        )
        .on("zones"));
    }
    // Statement-level rules (ranges of CPU, memory, units) before any network round trip.
    let unit = unit_name(&new_name)?;
    let pool = pool_name(&new_name)?;
    sql::create_resource_unit(&unit, req.unit_cpu, req.unit_memory_gib)?;
    sql::create_resource_pool(&pool, &unit, req.unit_num, &zone_names(req)?)?;
    Ok((new_name, unit, pool))
}

fn zone_names(req: &InitiateRecovery) -> Result<Vec<ObName>, OpError> {
    Ok(req
        .zones
        .iter()
        .map(|z| ObName::parse("zones", &z.zone))
        .collect::<Result<_, _>>()?)
}

async fn prepare_recovery_on(
    source: &mut Session,
    target: Option<&mut Session>,
    req: &InitiateRecovery,
    held: &[StorageUri],
    (new_name, unit, pool): (ObName, ObName, ObName),
) -> Result<Prepared, OpError> {
    // The source: the tenant, the recoverable window by OceanBase's rule, and what a
    // restore to the point reads, all read now.
    let (tenant, from) = read_source(source, req, held).await?;
    let source_version = source.info().version;
    let source_cluster_identity = if source.info().version.major() < 4 {
        Some(source.cluster_identity_v3().await?)
    } else {
        None
    };

    // The target: a free name, existing active zones, replica types it takes, free
    // resource names.
    let target: &mut Session = match target {
        Some(t) => t,
        None => source,
    };
    // Before reading the target: a release that cannot restore the source's backups is
    // the reason, not whatever else the target lacks.
    if let Some(why) = desk_model::version::restore_target_refusal(&source_version, &target.info().version) {
        return Err(OpError::new(OpErrorCode::TargetCannotRestore, why).on("targetCluster"));
    }
    let target_v3 = target.info().version.major() < 4;
    let tenants = target.tenants().await?;
    if tenants.iter().any(|t| t.name.eq_ignore_ascii_case(new_name.as_str())) {
        return Err(OpError::new(
            OpErrorCode::TenantExists,
            words!(
                "a tenant named {new_name} already exists on the target cluster",
                "目标集群上已存在名为 {new_name} 的租户"
            ),
        )
        .on("targetTenant"));
    }
    let version = target.info().version;
    for z in &req.zones {
        if let Some(why) = replica_refusal(&version, z.replica) {
            return Err(OpError::new(OpErrorCode::InvalidInput, why).on("zones"));
        }
    }
    let zones = target.zones().await?;
    for z in &req.zones {
        match zones.iter().find(|x| x.name.eq_ignore_ascii_case(&z.zone)) {
            Some(x) if x.status.eq_ignore_ascii_case("ACTIVE") => {}
            Some(x) => {
                let (zone, status) = (&x.name, &x.status);
                return Err(OpError::new(
                    OpErrorCode::ZoneUnknown,
                    words!(
                        "zone {zone} is {status} on the target cluster",
                        "Zone {zone} 在目标集群上的状态为 {status}"
                    ),
                )
                .on("zones"));
            }
            None => {
                let zone = &z.zone;
                let known = zones.iter().map(|x| x.name.as_str()).collect::<Vec<_>>().join(", ");
                return Err(OpError::new(
                    OpErrorCode::ZoneUnknown,
                    words!(
                        "zone {zone:?} is not a zone of the target cluster ({known})",
                        "{zone:?} 不是目标集群的 Zone（目标集群的 Zone：{known}）"
                    ),
                )
                .on("zones"));
            }
        }
    }
    if target
        .resource_pools()
        .await?
        .iter()
        .any(|p| p.name.eq_ignore_ascii_case(pool.as_str()))
    {
        return Err(OpError::new(
            OpErrorCode::ResourceNameTaken,
            words!(
                "a resource pool named {pool} already exists: choose another tenant name or drop the pool",
                "已存在名为 {pool} 的资源池：请换一个租户名，或先删除该资源池"
            ),
        )
        .on("targetTenant"));
    }
    if target
        .unit_configs()
        .await?
        .iter()
        .any(|u| u.name.eq_ignore_ascii_case(unit.as_str()))
    {
        return Err(OpError::new(
            OpErrorCode::ResourceNameTaken,
            words!(
                "a resource unit named {unit} already exists: choose another tenant name or drop the unit",
                "已存在名为 {unit} 的资源单元：请换一个租户名，或先删除该资源单元"
            ),
        )
        .on("targetTenant"));
    }
    let baseline = target.last_restore_job_id().await?;

    let mut by_priority: Vec<&ZonePlacement> = req.zones.iter().filter(|z| z.replica == Replica::Full).collect();
    by_priority.sort_by_key(|z| z.priority);
    let primary_zone = by_priority
        .first()
        .map(|z| ObName::parse("zones", &z.zone))
        .transpose()?;
    let (create_unit, restore) = match (target_v3, source_cluster_identity) {
        (true, Some((cluster_name, cluster_id))) => {
            let source_tenant = ObName::parse("sourceTenant", &tenant.name)?;
            let until = match from.until {
                RestoreUntil::Time { at, .. } => Some(at),
                _ => None,
            };
            (
                sql::v3::create_resource_unit(&unit, req.unit_cpu, req.unit_memory_gib)?,
                sql::v3::restore(
                    &new_name,
                    &source_tenant,
                    &from.data,
                    until,
                    &cluster_name,
                    cluster_id,
                    std::slice::from_ref(&pool),
                )?,
            )
        }
        (true, None) | (false, Some(_)) => {
            return Err(OpError::new(
                OpErrorCode::InvalidInput,
                words!(
                    "targetCluster: a backup restores within its own generation: 3.x backups to a 3.x cluster, 4.x backups to a 4.x cluster",
                    "targetCluster：备份只能恢复到同一代版本的集群：3.x 的备份恢复到 3.x 集群，4.x 的备份恢复到 4.x 集群"
                ),
            )
            .on("targetCluster"))
        }
        (false, None) => (
            sql::create_resource_unit(&unit, req.unit_cpu, req.unit_memory_gib)?,
            sql::restore(&RestoreRequest {
                target_tenant: new_name.clone(),
                archive: from.archive.clone().unwrap_or_else(|| from.data.clone()),
                data: from.data.clone(),
                until: from.until,
                pool_list: vec![pool.clone()],
                locality: req
                    .zones
                    .iter()
                    .map(|z| {
                        let kind = match z.replica {
                            Replica::Full => ReplicaType::Full,
                            Replica::ReadOnly => ReplicaType::ReadOnly,
                            Replica::Log => ReplicaType::Log,
                        };
                        Ok((kind, ObName::parse("zones", &z.zone)?))
                    })
                    .collect::<Result<_, OpError>>()?,
                primary_zone,
                concurrency: None,
            })?,
        ),
    };
    Ok(Prepared {
        cluster: req.target_cluster,
        action: JournalAction::Restore,
        tenant_name: Some(new_name.to_string()),
        params: params_json(&json!({
            "sourceCluster": req.source_cluster.0, "sourceTenant": tenant.name,
            "until": req.until.map(|t| t.0),
            "placement": Placement {
                pool: pool.to_string(),
                unit: unit.to_string(),
                unit_cpu: req.unit_cpu,
                unit_memory_gib: req.unit_memory_gib,
                unit_num: req.unit_num,
                zones: req
                    .zones
                    .iter()
                    .map(|z| PlacementZone {
                        zone: z.zone.clone(),
                        replica: Some(z.replica),
                        priority: Some(z.priority),
                    })
                    .collect(),
            },
        })),
        baseline_job: baseline,
        statements: vec![
            create_unit,
            sql::create_resource_pool(&pool, &unit, req.unit_num, &zone_names(req)?)?,
            restore,
        ],
        undo: vec![sql::drop_resource_pool(&pool), sql::drop_resource_unit(&unit)],
    })
}

/// Why a release does not take a replica type in a restored tenant's locality: 4.0 and
/// 4.1 place full replicas only, 4.2 and later FULL and READONLY; log-only replicas are
/// not offered by 4.x at all (the releases' CREATE TENANT / RESTORE locality pages; obshell
/// allows FULL and READONLY alone).
pub fn replica_refusal(version: &ObVersion, replica: Replica) -> Option<Words> {
    match replica {
        Replica::Full => None,
        Replica::ReadOnly if *version >= ObVersion::new(4, 2, 0, 0) || version.major() < 4 => None,
        Replica::ReadOnly => Some(words!(
            "zones: OceanBase V{version} places full replicas only; read-only replicas come with 4.2",
            "zones：OceanBase V{version} 只支持全能型副本；只读副本从 4.2 起支持"
        )),
        Replica::Log => Some(words!(
            "zones: OceanBase V{version} takes no log-only replicas in a restored tenant",
            "zones：OceanBase V{version} 的恢复租户不支持日志型副本"
        )),
    }
}

/// The restore job `job_id` as the cluster shows it now.
async fn restore_job(session: &mut Session, r: &RestoreRef) -> Result<RestoreJob, OpError> {
    session
        .restores(None)
        .await?
        .into_iter()
        .find(|j| j.job_id == r.job_id)
        .ok_or_else(|| {
            let job = r.job_id;
            OpError::new(
                OpErrorCode::JobMissing,
                words!(
                    "restore job {job} is not on this cluster",
                    "恢复任务 {job} 不在该集群上"
                ),
            )
        })
}

fn failed(j: &RestoreJob) -> bool {
    j.status.is_failure()
}

fn option_value(options: &str, key: &str) -> Option<String> {
    options
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case(key))
        .map(|(_, v)| v.trim().to_owned())
}

pub async fn prepare_cancel_restore(session: &mut Session, r: &RestoreRef) -> Result<Prepared, OpError> {
    let job = restore_job(session, r).await?;
    if !job.running {
        let (id, status) = (job.job_id, &job.status);
        return Err(OpError::new(
            OpErrorCode::NothingToCancel,
            words!(
                "restore job {id} is not running (it is {status})",
                "恢复任务 {id} 未在运行（当前状态为 {status}）"
            ),
        ));
    }
    let name = ObName::parse("targetTenant", &job.restore_tenant_name)?;
    // 3.x has no CANCEL RESTORE: a restore is cancelled by dropping the tenant it restores
    // (V3.1.5 `zh-CN/100.users-guide/1000.high-data-availability/200.backup-and-recovery-management/
    // 400.data-recovery/500.cancel-recovery.md`: `DROP TENANT tenant_name FORCE`).
    let statement = if session.info().capabilities.cluster_level_only {
        sql::drop_tenant(&name)
    } else {
        sql::cancel_restore(&name)
    };
    Ok(Prepared {
        cluster: r.cluster,
        action: JournalAction::CancelRestore,
        tenant_name: Some(name.to_string()),
        params: params_json(&json!({ "job": job.job_id })),
        baseline_job: job.job_id,
        statements: vec![statement],
        undo: Vec::new(),
    })
}

/// 3.x: the tenant a failed restore left, by the id the restore gave it (3.x's views show
/// no tenant status; a tenant of that name with another id is someone else's).
fn left_by_v3_restore(tenants: &[TenantRecord], job: &RestoreJob, name: &ObName) -> Result<bool, OpError> {
    match tenants.iter().find(|t| t.name.eq_ignore_ascii_case(name.as_str())) {
        None => Ok(false),
        Some(t) if t.ob_tenant_id == job.tenant_id => Ok(true),
        Some(t) => {
            let (id, job) = (t.ob_tenant_id, job.job_id);
            Err(OpError::new(
                OpErrorCode::TenantExists,
                words!(
                    "tenant {name} (id {id}) is not the one restore job {job} created: the desk will not drop it",
                    "租户 {name}（ID {id}）不是恢复任务 {job} 创建的租户：桌面端不会删除它"
                ),
            ))
        }
    }
}

/// Releases what a failed restore left: its tenant (if still there), the resource pool and unit.
/// `placement` is the desk's record of the pool and unit it created for the restore: 3.x's
/// views show neither the pools nor a restore's options.
pub async fn prepare_clean_up(
    session: &mut Session,
    r: &RestoreRef,
    placement: Option<&Placement>,
) -> Result<Prepared, OpError> {
    let job = restore_job(session, r).await?;
    if !failed(&job) || job.running {
        let (id, status) = (job.job_id, &job.status);
        return Err(OpError::new(
            OpErrorCode::NotFailed,
            words!(
                "restore job {id} did not fail (it is {status}): nothing to clean up",
                "恢复任务 {id} 并未失败（当前状态为 {status}）：无需清理"
            ),
        ));
    }
    let name = ObName::parse("targetTenant", &job.restore_tenant_name)?;
    let mut statements = Vec::new();
    let tenants = session.tenants().await?;
    if session.info().capabilities.cluster_level_only {
        // 3.x drops the tenant of a failed restore itself by default
        // (`_auto_drop_tenant_if_restore_failed`, v3.1.5_CE `ob_restore_scheduler.cpp`
        // `drop_tenant_force_if_necessary`); the pool and unit stay. They are dropped if
        // still there: 3.x shows no pools to the desk.
        if left_by_v3_restore(&tenants, &job, &name)? {
            statements.push(sql::drop_tenant(&name));
        }
        let mut released = None;
        if let Some(pl) = placement {
            let pool = ObName::parse("pool", &pl.pool)?;
            statements.push(sql::drop_resource_pool_if_exists(&pool));
            statements.push(sql::drop_resource_unit_if_exists(&ObName::parse("unit", &pl.unit)?));
            released = Some(pl.pool.clone());
        }
        if statements.is_empty() {
            let id = job.job_id;
            return Err(OpError::new(
                OpErrorCode::NotFailed,
                words!(
                    "restore job {id} left no tenant behind, and the desk did not create its resource pool: nothing to clean up",
                    "恢复任务 {id} 没有遗留租户，其资源池也不是由桌面端创建的：无需清理"
                ),
            ));
        }
        return Ok(Prepared {
            cluster: r.cluster,
            action: JournalAction::CleanUpRestore,
            tenant_name: Some(name.to_string()),
            params: params_json(&json!(CleanUpParams {
                job: job.job_id,
                pool: released
            })),
            baseline_job: job.job_id,
            statements,
            undo: Vec::new(),
        });
    }
    if let Some(t) = tenants.iter().find(|t| t.name.eq_ignore_ascii_case(name.as_str())) {
        if t.status.eq_ignore_ascii_case("NORMAL") && t.role.eq_ignore_ascii_case("PRIMARY") {
            return Err(OpError::new(
                OpErrorCode::NotFailed,
                words!(
                    "tenant {name} is a working primary tenant now: the desk will not drop it",
                    "租户 {name} 现已是正常运行的主租户：桌面端不会删除它"
                ),
            ));
        }
        statements.push(sql::drop_tenant(&name));
    }
    let pool_text = option_value(&job.restore_option, "pool_list").unwrap_or_default();
    let pools = session.resource_pools().await?;
    let units = session.unit_configs().await?;
    let mut released = Vec::new();
    for p in pool_text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(pool) = pools.iter().find(|x| x.name.eq_ignore_ascii_case(p)) {
            let pool_obname = ObName::parse("pool", &pool.name)?;
            statements.push(sql::drop_resource_pool(&pool_obname));
            // The unit config is dropped only when the desk named it for this tenant.
            if let Some(u) = units
                .iter()
                .find(|u| u.id == pool.unit_config_id && u.name == format!("{name}_unit"))
            {
                statements.push(sql::drop_resource_unit(&ObName::parse("unit", &u.name)?));
            }
            released.push(pool.name.clone());
        }
    }
    if statements.is_empty() {
        let id = job.job_id;
        return Err(OpError::new(
            OpErrorCode::NotFailed,
            words!(
                "restore job {id} left nothing behind: its tenant and pool are already gone",
                "恢复任务 {id} 没有遗留任何对象：其租户和资源池均已不存在"
            ),
        ));
    }
    Ok(Prepared {
        cluster: r.cluster,
        action: JournalAction::CleanUpRestore,
        tenant_name: Some(name.to_string()),
        params: params_json(&json!(CleanUpParams {
            job: job.job_id,
            pool: released.first().cloned(),
        })),
        baseline_job: job.job_id,
        statements,
        undo: Vec::new(),
    })
}

/// Why Retry or Clean Up cannot act on a failed restore; `None` where it can.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FailedRestoreActions {
    pub retry: Option<Words>,
    pub clean_up: Option<Words>,
}

/// A preparation's refusal that stays until the cluster changes (the job is not failed,
/// its pool or tenant is gone, it was restored again): the reason to disable the action.
/// Missing keys are asked for on click; any other failure (the cluster went away) is the
/// caller's error.
fn lasting_refusal(prepared: Result<Prepared, OpError>) -> Result<Option<Words>, OpError> {
    match prepared {
        Ok(_) => Ok(None),
        Err(e) => match e.code {
            OpErrorCode::NotFailed
            | OpErrorCode::NeedsCleanUp
            | OpErrorCode::TenantExists
            | OpErrorCode::InDoubt
            | OpErrorCode::JobMissing => Ok(Some(e.message)),
            OpErrorCode::CredentialsNeeded => Ok(None),
            _ => Err(e),
        },
    }
}

/// What the desk recorded when it started a restore (from its journal entry):
/// enough to create the resource pool again if a clean-up dropped it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Placement {
    pub pool: String,
    pub unit: String,
    pub unit_cpu: u32,
    pub unit_memory_gib: u32,
    pub unit_num: u32,
    pub zones: Vec<PlacementZone>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct PlacementZone {
    pub zone: String,
    /// Absent in entries written before the journal kept it.
    #[serde(default)]
    pub replica: Option<Replica>,
    #[serde(default)]
    pub priority: Option<u32>,
}

/// What a clean-up's journal entry records: the job, and the pool it drops (if any),
/// which reconciliation looks for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct CleanUpParams {
    pub job: i64,
    pub pool: Option<String>,
}

/// What a restore's (or retry's) journal entry records: the placement under
/// `placement`; entries written before it was typed held its fields at the top.
#[derive(Deserialize)]
#[serde(untagged)]
enum PlacementParams {
    // First: an untagged `Typed` would take any object (its field may be absent).
    Flat(Placement),
    Typed { placement: Option<Placement> },
}

/// The placement a restore's or retry's journal params hold, if any.
fn placement_from_params(params: &str) -> Result<Option<Placement>, serde_json::Error> {
    Ok(match serde_json::from_str::<PlacementParams>(params)? {
        PlacementParams::Flat(placement) => Some(placement),
        PlacementParams::Typed { placement } => placement,
    })
}

/// Sends a failed restore again, as it was, after re-reading the cluster: the
/// job must still be the tenant's last and failed; a tenant it left behind is
/// dropped first (which frees its pool), and a pool a clean-up dropped is
/// created again from `placement` (the desk's record of the original).
pub async fn prepare_retry(
    session: &mut Session,
    r: &RestoreRef,
    keys: Keys<'_>,
    placement: Option<&Placement>,
) -> Result<Prepared, OpError> {
    let job = restore_job(session, r).await?;
    if !failed(&job) || job.running {
        let (id, status) = (job.job_id, &job.status);
        return Err(OpError::new(
            OpErrorCode::NotFailed,
            words!(
                "restore job {id} did not fail (it is {status}): there is nothing to retry",
                "恢复任务 {id} 并未失败（当前状态为 {status}）：无需重试"
            ),
        ));
    }
    let name = ObName::parse("targetTenant", &job.restore_tenant_name)?;
    let later = session.restores_of(&name, job.job_id).await?;
    if let Some(l) = later.first() {
        let (id, status) = (l.job_id, &l.status);
        return Err(OpError::new(
            OpErrorCode::InDoubt,
            words!(
                "tenant {name} was restored again since (job {id}, {status})",
                "租户 {name} 此后已被再次恢复（任务 {id}，{status}）"
            ),
        ));
    }
    if session.info().capabilities.cluster_level_only {
        return prepare_retry_v3(session, r, &job, &name, keys, placement).await;
    }
    let mut statements = Vec::new();
    if let Some(t) = session
        .tenants()
        .await?
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(name.as_str()))
    {
        if !t.status.eq_ignore_ascii_case("RESTORE") {
            let status = &t.status;
            return Err(OpError::new(
                OpErrorCode::TenantExists,
                words!(
                    "tenant {name} exists and is {status}: the desk will not replace it",
                    "租户 {name} 已存在且状态为 {status}：桌面端不会替换它"
                ),
            ));
        }
        statements.push(sql::drop_tenant(&name));
    }
    // BACKUP_DEST holds the data and archive URIs, comma-separated, redacted as read.
    let mut parts = job.backup_dest.split(',').map(str::trim);
    let data_path = parts.next().unwrap_or_default();
    let data = keys.complete("dataUri", data_path)?;
    let archive = keys.complete("archiveUri", parts.next().unwrap_or(data_path))?;
    let pool_text = option_value(&job.restore_option, "pool_list").unwrap_or_default();
    let pools = session.resource_pools().await?;
    let units = session.unit_configs().await?;
    let mut pool_list = Vec::new();
    for p in pool_text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let pool = ObName::parse("pool", p)?;
        if pools.iter().any(|x| x.name.eq_ignore_ascii_case(p)) {
            pool_list.push(pool);
            continue;
        }
        let Some(pl) = placement.filter(|pl| pl.pool.eq_ignore_ascii_case(p)) else {
            return Err(OpError::new(
                OpErrorCode::NeedsCleanUp,
                words!(
                    "resource pool {p} no longer exists and the desk did not create it: initiate a new recovery",
                    "资源池 {p} 已不存在，且不是由桌面端创建的：请重新发起恢复"
                ),
            ));
        };
        let unit = ObName::parse("unit", &pl.unit)?;
        if !units.iter().any(|u| u.name.eq_ignore_ascii_case(&pl.unit)) {
            statements.push(sql::create_resource_unit(&unit, pl.unit_cpu, pl.unit_memory_gib)?);
        }
        let zones: Vec<ObName> = pl
            .zones
            .iter()
            .map(|z| ObName::parse("zones", &z.zone))
            .collect::<Result<_, _>>()?;
        statements.push(sql::create_resource_pool(&pool, &unit, pl.unit_num, &zones)?);
        pool_list.push(pool);
    }
    let until = RestoreUntil::at_scn(&session.info().version, job.restore_scn);
    let baseline = session.last_restore_job_id().await?;
    statements.push(sql::restore(&RestoreRequest {
        target_tenant: name.clone(),
        data,
        archive,
        until,
        pool_list,
        locality: Vec::new(),
        primary_zone: None,
        concurrency: None,
    })?);
    let params = json!({ "retryOf": job.job_id, "restoreScn": job.restore_scn.0, "placement": placement });
    Ok(Prepared {
        cluster: r.cluster,
        action: JournalAction::RetryRestore,
        tenant_name: Some(name.to_string()),
        params: params_json(&params),
        baseline_job: baseline,
        statements,
        undo: Vec::new(),
    })
}

/// A failed 3.x restore sent again in 3.x's words (V3.1.5 SQL reference `1700.restore.md`):
/// from the same source tenant, cluster and destination, to the same point, into the pool
/// the desk created for it (created again if a clean-up dropped it). 3.x's restore views
/// name neither the destination nor the pools: the destination is the cluster's
/// `backup_dest`, the pool the desk's record.
async fn prepare_retry_v3(
    session: &mut Session,
    r: &RestoreRef,
    job: &RestoreJob,
    name: &ObName,
    keys: Keys<'_>,
    placement: Option<&Placement>,
) -> Result<Prepared, OpError> {
    let mut statements = Vec::new();
    if left_by_v3_restore(&session.tenants().await?, job, name)? {
        statements.push(sql::drop_tenant(name));
    }
    let id = job.job_id;
    let Some(pl) = placement else {
        return Err(OpError::new(
            OpErrorCode::NeedsCleanUp,
            words!(
                "restore job {id} was not started by the desk, and OceanBase 3.x does not show its resource pool: initiate a new recovery",
                "恢复任务 {id} 不是由桌面端发起的，且 OceanBase 3.x 不显示其资源池：请重新发起恢复"
            ),
        ));
    };
    let (cluster_name, cluster_id) = session.cluster_identity_v3().await?;
    if !job.backup_cluster_name.eq_ignore_ascii_case(&cluster_name) {
        let source = &job.backup_cluster_name;
        return Err(OpError::new(
            OpErrorCode::InvalidInput,
            words!(
                "restore job {id} read the backups of cluster {source}: initiate a new recovery from that cluster",
                "恢复任务 {id} 读取的是集群 {source} 的备份：请从该集群重新发起恢复"
            ),
        ));
    }
    let current = session
        .destinations()
        .await?
        .into_iter()
        .find_map(|d| d.data_backup_dest)
        .unwrap_or_default();
    let uri = keys.complete("dataUri", &current)?;
    let source = ObName::parse("sourceTenant", &job.backup_tenant_name)?;
    // The point the failed job restored to; 3.1 requires one (3.2.1 restores to the latest
    // without it, V4.2.1 `en-US/900.release-notes/.../10100.V3.2/9800.ob-321.md`).
    let until = job.restore_scn.to_micros().filter(|t| t.0 > 0);
    if until.is_none() && session.info().version < ObVersion::new(3, 2, 1, 0) {
        return Err(OpError::new(
            OpErrorCode::NothingRecoverable,
            words!(
                "restore job {id} shows no point it restored to: initiate a new recovery",
                "恢复任务 {id} 没有显示其恢复的时间点：请重新发起恢复"
            ),
        ));
    }
    let pool = ObName::parse("pool", &pl.pool)?;
    let unit = ObName::parse("unit", &pl.unit)?;
    let zones: Vec<ObName> = pl
        .zones
        .iter()
        .map(|z| ObName::parse("zones", &z.zone))
        .collect::<Result<_, _>>()?;
    statements.push(sql::v3::create_resource_unit_if_missing(
        &unit,
        pl.unit_cpu,
        pl.unit_memory_gib,
    )?);
    statements.push(sql::create_resource_pool_if_missing(&pool, &unit, pl.unit_num, &zones)?);
    statements.push(sql::v3::restore(
        name,
        &source,
        &uri,
        until,
        &cluster_name,
        cluster_id,
        std::slice::from_ref(&pool),
    )?);
    let params = json!({
        "retryOf": job.job_id, "restoreScn": job.restore_scn.0, "pool": pl.pool, "unit": pl.unit,
        "unitCpu": pl.unit_cpu, "unitMemoryGib": pl.unit_memory_gib, "unitNum": pl.unit_num,
        "zones": pl.zones.iter().map(|z| json!({"zone": z.zone})).collect::<Vec<_>>(),
    });
    Ok(Prepared {
        cluster: r.cluster,
        action: JournalAction::RetryRestore,
        tenant_name: Some(name.to_string()),
        params: params_json(&params),
        baseline_job: session.last_restore_job_id().await?,
        statements,
        undo: Vec::new(),
    })
}

pub async fn prepare_activate(session: &mut Session, cluster: ClusterId, tenant: &str) -> Result<Prepared, OpError> {
    let name = ObName::user_tenant("tenant", tenant)?;
    let t = session
        .tenants()
        .await?
        .into_iter()
        .find(|t| t.name.eq_ignore_ascii_case(name.as_str()))
        .ok_or_else(|| {
            OpError::new(
                OpErrorCode::TenantMissing,
                words!("tenant {name} does not exist", "租户 {name} 不存在"),
            )
            .on("tenant")
        })?;
    if session.info().capabilities.cluster_level_only {
        // 3.x ends a restore with a tenant that serves at once; it has no standby tenant
        // and no ACTIVATE STANDBY (v3.1.5_CE `sql_parser_mysql_mode.y`).
        let version = session.info().version;
        return Err(OpError::new(
            OpErrorCode::NotRestored,
            words!(
                "OceanBase V{version} has no standby tenants: a restored tenant {name} serves as soon as its restore succeeds, with nothing to activate",
                "OceanBase V{version} 没有备租户：恢复成功后租户 {name} 即可直接使用，无需激活"
            ),
        ));
    }
    if !t.role.eq_ignore_ascii_case("STANDBY") || !t.status.eq_ignore_ascii_case("NORMAL") {
        let (role, status) = (&t.role, &t.status);
        return Err(OpError::new(
            OpErrorCode::NotRestored,
            words!(
                "tenant {name} is {role} / {status}: only a restored standby tenant can be activated",
                "租户 {name} 当前为 {role} / {status}：只有恢复完成的备租户才能激活"
            ),
        ));
    }
    Ok(Prepared {
        cluster,
        action: JournalAction::ActivateTenant,
        tenant_name: Some(name.to_string()),
        params: params_json(&json!({ "tenant": name.as_str() })),
        baseline_job: 0,
        statements: vec![sql::activate_standby(&name)],
        undo: Vec::new(),
    })
}

/// Where a restored tenant can go on a cluster.
#[derive(Debug, Clone, PartialEq, serde::Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlacementOptions {
    pub zones: Vec<desk_model::placement::Zone>,
    pub pools: Vec<desk_model::placement::ResourcePool>,
    pub units: Vec<desk_model::placement::UnitConfig>,
    /// The replica types this release takes in a restored tenant ([`replica_refusal`]).
    pub replicas: Vec<Replica>,
}

impl Operator {
    pub async fn placement_options(&self, cluster: ClusterId) -> Result<PlacementOptions, OpError> {
        let mut s = self.connect(cluster).await?;
        let result = async {
            let version = s.info().version;
            Ok(PlacementOptions {
                zones: s.zones().await?,
                pools: s.resource_pools().await?,
                units: s.unit_configs().await?,
                replicas: Replica::ALL
                    .into_iter()
                    .filter(|r| replica_refusal(&version, *r).is_none())
                    .collect(),
            })
        }
        .await;
        s.close().await;
        result
    }

    pub async fn initiate_recovery(&self, req: &InitiateRecovery) -> Result<Receipt, OpError> {
        check_recovery_request(req)?;
        // Imported history and a release the cache already knows cannot restore are
        // refused before connecting; the releases the clusters report are checked again.
        let refusal = crate::pages::recovery_target_refusal(&self.lock(), req.source_cluster, req.target_cluster)?;
        if let Some(why) = refusal {
            return Err(OpError::new(OpErrorCode::TargetCannotRestore, why).on("targetCluster"));
        }
        // Keys the desk holds for the source's object storage, read off the runtime.
        let held = self.held_storage(req.source_cluster).await;
        if req.source_cluster == req.target_cluster {
            return self
                .run(req.target_cluster, async |s: &mut Session| {
                    prepare_recovery(s, None, req, &held).await
                })
                .await;
        }
        let mut source = self.connect(req.source_cluster).await?;
        let result = self
            .run(req.target_cluster, async |t: &mut Session| {
                prepare_recovery(&mut source, Some(t), req, &held).await
            })
            .await;
        source.close().await;
        result
    }

    pub async fn cancel_restore(&self, r: &RestoreRef) -> Result<Receipt, OpError> {
        self.run(r.cluster, async |s: &mut Session| prepare_cancel_restore(s, r).await)
            .await
    }

    pub async fn retry_restore(&self, r: &RestoreRef, access_keys: Option<&AccessKeys>) -> Result<Receipt, OpError> {
        let placement = self.placement_of(r)?;
        let held = self.held_storage(r.cluster).await;
        let keys = Keys {
            typed: access_keys,
            held: &held,
        };
        self.run(r.cluster, async |s: &mut Session| {
            prepare_retry(s, r, keys, placement.as_ref()).await
        })
        .await
    }

    /// The object storage destinations (keys included) the desk holds keys for on
    /// `cluster`, from its strategies; the keyring is asked off the async workers.
    async fn held_storage(&self, cluster: ClusterId) -> Vec<StorageUri> {
        let directory = self.directory.clone();
        tokio::task::spawn_blocking(move || directory.held_storage(cluster))
            .await
            .unwrap_or_default()
    }

    pub async fn clean_up_restore(&self, r: &RestoreRef) -> Result<Receipt, OpError> {
        let placement = self.placement_of(r)?;
        self.run(r.cluster, async |s: &mut Session| {
            prepare_clean_up(s, r, placement.as_ref()).await
        })
        .await
    }

    /// Whether Retry and Clean Up can act on failed restore `r` now: each is prepared as
    /// its button would prepare it (the same reads, nothing journaled or sent), and a
    /// refusal that no click could change is returned as the reason to disable it. Keys
    /// the desk lacks do not disable Retry: the click asks for them.
    pub async fn failed_restore_actions(&self, r: &RestoreRef) -> Result<FailedRestoreActions, OpError> {
        let placement = self.placement_of(r)?;
        let held = self.held_storage(r.cluster).await;
        let keys = Keys {
            typed: None,
            held: &held,
        };
        let mut session = self.connect(r.cluster).await?;
        let retry = prepare_retry(&mut session, r, keys, placement.as_ref()).await;
        let clean_up = prepare_clean_up(&mut session, r, placement.as_ref()).await;
        session.close().await;
        Ok(FailedRestoreActions {
            retry: lasting_refusal(retry)?,
            clean_up: lasting_refusal(clean_up)?,
        })
    }

    /// What the desk recorded of the pool and unit it created for restore `r`.
    fn placement_of(&self, r: &RestoreRef) -> Result<Option<Placement>, OpError> {
        Ok(self
            .lock()
            .journal_for_job(
                r.cluster,
                &[JournalAction::Restore, JournalAction::RetryRestore],
                r.job_id,
            )?
            .map(|e| {
                placement_from_params(&e.params).map_err(|err| {
                    let id = e.id;
                    OpError::new(
                        OpErrorCode::Cache,
                        words!(
                            "journal entry {id} cannot be read ({err}): the desk does not know the pool it created",
                            "无法读取日志条目 {id}（{err}）：无法得知当初创建的资源池"
                        ),
                    )
                })
            })
            .transpose()?
            .flatten())
    }

    pub async fn activate_tenant(&self, cluster: ClusterId, tenant: &str) -> Result<Receipt, OpError> {
        self.run(cluster, async |s: &mut Session| {
            prepare_activate(s, cluster, tenant).await
        })
        .await
    }
}

#[cfg(test)]
mod journal_params {
    use super::*;

    #[test]
    fn placements_are_read_from_every_shape_the_journal_has_held_and_garble_is_an_error() {
        let flat = r#"{"sourceCluster":1,"sourceTenant":"t","until":null,"pool":"p","unit":"u","unitCpu":2,
            "unitMemoryGib":4,"unitNum":1,"zones":[{"zone":"z1","replica":"Full","priority":1}]}"#;
        let old_retry = r#"{"retryOf":7,"restoreScn":1,"pool":"p","unit":"u","unitCpu":2,"unitMemoryGib":4,
            "unitNum":1,"zones":[{"zone":"z1"}]}"#;
        let typed = serde_json::json!({ "retryOf": 7, "placement": Placement {
            pool: "p".into(), unit: "u".into(), unit_cpu: 2, unit_memory_gib: 4, unit_num: 1,
            zones: vec![PlacementZone { zone: "z1".into(), replica: Some(Replica::ReadOnly), priority: Some(2) }],
        } })
        .to_string();
        for text in [flat, old_retry, &typed] {
            let p = placement_from_params(text).unwrap().expect(text);
            assert_eq!((p.pool.as_str(), p.unit_num, p.zones[0].zone.as_str()), ("p", 1, "z1"));
        }
        assert_eq!(
            placement_from_params(flat).unwrap().unwrap().zones[0].replica,
            Some(Replica::Full)
        );
        assert_eq!(
            placement_from_params(&typed).unwrap().unwrap().zones[0].replica,
            Some(Replica::ReadOnly)
        );
        assert_eq!(
            placement_from_params(r#"{"retryOf":7,"placement":null}"#).unwrap(),
            None
        );
        assert_eq!(placement_from_params(r#"{"retryOf":7,"restoreScn":1}"#).unwrap(), None);
        assert!(placement_from_params("{not json").is_err());
    }
}
