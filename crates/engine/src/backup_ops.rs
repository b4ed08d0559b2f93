//! Data and log backup actions: Backup Now (tenant or cluster), cancel, and
//! log backup on/off. Each checks the cluster first and refuses with a code
//! and the field to show it on; only then is it journaled and sent.

use desk_model::backup::BackupJob;
use desk_model::journal::JournalAction;
use desk_model::status::{ArchiveStatus, BackupSetStatus, BackupType, FileStatus};
use desk_model::{words, ClusterId, ObName, StorageUri, TenantRecord, Words};
use desk_oceanbase::sql::{self, BackupScope};
use desk_oceanbase::Session;
use serde::Deserialize;
use serde_json::json;
use ts_rs::TS;

use crate::operator::{params_json, Operator, Prepared, Receipt};
use crate::refusal::{OpError, OpErrorCode};

/// Backup Now.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupNow {
    pub cluster: ClusterId,
    /// A tenant's name; `None` backs up every user tenant of the cluster.
    pub tenant: Option<String>,
    pub method: BackupType,
    /// Also back up the logs needed to make the set restorable on its own.
    #[serde(default)]
    pub plus_archivelog: bool,
}

/// A tenant of the cluster, for a per-tenant action.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TenantAction {
    pub cluster: ClusterId,
    pub tenant: String,
}

pub(crate) async fn user_tenant(
    session: &mut Session,
    field: &'static str,
    name: &str,
) -> Result<TenantRecord, OpError> {
    let wanted = ObName::user_tenant(field, name)?;
    session
        .tenants()
        .await?
        .into_iter()
        .find(|t| t.name.eq_ignore_ascii_case(wanted.as_str()) && t.tenant_type == "USER")
        .ok_or_else(|| {
            OpError::new(
                OpErrorCode::TenantMissing,
                words!(
                    "tenant {wanted} does not exist on this cluster",
                    "租户 {wanted} 在该集群上不存在"
                ),
            )
            .on(field)
        })
}

fn running(jobs: &[BackupJob], tenant_id: i64) -> Option<&BackupJob> {
    jobs.iter()
        .find(|j| j.tenant_id == tenant_id && !j.status.is_terminal())
}

fn archive_on(status: Option<&ArchiveStatus>) -> bool {
    matches!(
        status,
        Some(ArchiveStatus::Doing | ArchiveStatus::Beginning | ArchiveStatus::Prepare)
    )
}

async fn archive_status(session: &mut Session, tenant_id: i64) -> Result<Option<ArchiveStatus>, OpError> {
    Ok(session
        .archive_rounds()
        .await?
        .into_iter()
        .filter(|r| r.tenant_id == tenant_id)
        .map(|r| r.status)
        .next_back())
}

/// Checks Backup Now against the cluster and builds what to send.
pub async fn prepare_backup(session: &mut Session, req: &BackupNow) -> Result<Prepared, OpError> {
    let caps = session.info().capabilities.clone();
    if !caps.backup {
        return Err(OpError::new(
            OpErrorCode::BackupNotSupported,
            caps.backup_refusal
                .unwrap_or_else(|| words!("this server cannot back up", "该服务器不支持备份")),
        ));
    }
    if !matches!(req.method, BackupType::Full | BackupType::Incremental) {
        return Err(OpError::new(
            OpErrorCode::InvalidInput,
            words!(
                "method: choose Full or Incremental",
                "method：请选择 Full（全量备份）或 Incremental（增量备份）"
            ),
        )
        .on("method"));
    }
    let incremental = req.method == BackupType::Incremental;
    let Some(name) = &req.tenant else {
        return prepare_cluster_backup(session, req, incremental).await;
    };
    if !caps.tenant_backup {
        return Err(OpError::new(
            OpErrorCode::VersionTooOld,
            caps.tenant_backup_refusal
                .unwrap_or_else(|| words!("this cluster cannot back up a single tenant", "该集群不支持租户级备份")),
        )
        .on("tenant"));
    }
    let tenant = user_tenant(session, "tenant", name).await?;
    let t = tenant.ob_tenant_id;
    let name = &tenant.name;
    let dests = session.destinations_of(t).await?;
    if dests.data_backup_dest.is_none() {
        return Err(OpError::new(
            OpErrorCode::NoBackupDestination,
            words!(
                "tenant {name} has no data backup destination: add a backup strategy (or set the storage) first",
                "租户 {name} 没有数据备份目的地：请先添加备份策略（或设置存储位置）"
            ),
        )
        .on("storage"));
    }
    if !archive_on(archive_status(session, t).await?.as_ref()) {
        return Err(OpError::new(
            OpErrorCode::LogBackupOff,
            words!(
                "log backup is not running for tenant {name}: OceanBase needs it before a data backup",
                "租户 {name} 的日志备份未在运行：OceanBase 要求先开启日志备份，才能进行数据备份"
            ),
        )
        .on("logBackup"));
    }
    let jobs = session.backup_jobs().await?;
    if let Some(j) = running(&jobs, t) {
        let job = j.job_id;
        return Err(OpError::new(
            OpErrorCode::BackupRunning,
            words!(
                "a data backup of tenant {name} is already running (job {job})",
                "租户 {name} 已有数据备份正在运行（任务 {job}）"
            ),
        ));
    }
    if incremental {
        let sets = session.backup_set_files(Some(t)).await?;
        let has_full = sets.iter().any(|s| {
            s.backup_type == BackupType::Full
                && s.status == BackupSetStatus::Success
                && s.file_status == FileStatus::Available
        });
        if !has_full {
            return Err(OpError::new(
                OpErrorCode::FullBackupNeeded,
                words!(
                    "Full data backup needed before incremental data backup",
                    "发起增量备份前，需要先完成一次全量备份"
                ),
            )
            .on("method"));
        }
    }
    let baseline = session.last_backup_job_id(t).await?;
    let obname = ObName::user_tenant("tenant", &tenant.name)?;
    let stmt = if caps.cluster_level_only {
        // 3.2 Enterprise: `BACKUP TENANT t TO 'uri'`, a full snapshot of the tenant (V4.2.1
        // `en-US/900.release-notes/.../10100.V3.2/9800.ob-321.md`).
        if incremental || req.plus_archivelog {
            return Err(OpError::new(
                OpErrorCode::InvalidInput,
                words!(
                    "method: OceanBase 3.x backs up a tenant as a full snapshot only",
                    "method：OceanBase 3.x 的租户备份只能是全量快照"
                ),
            )
            .on("method"));
        }
        let dest = dests.data_backup_dest.as_deref().unwrap_or_default();
        if dest.contains("***") {
            return Err(OpError::new(
                OpErrorCode::CredentialsNeeded,
                words!(
                    "storage: the cluster's backup destination carries credentials the desk does not hold",
                    "storage：集群的备份目的地包含桌面端未保存的访问凭据"
                ),
            )
            .on("storage"));
        }
        sql::v3::backup_tenant(&obname, &StorageUri::parse("storage", dest)?)?
    } else {
        sql::backup(&BackupScope::Tenants(vec![obname]), incremental, req.plus_archivelog)?
    };
    Ok(Prepared {
        cluster: req.cluster,
        action: JournalAction::BackupTenant,
        tenant_name: Some(tenant.name.clone()),
        params: params_json(&json!({
            "tenant": tenant.name, "method": req.method.as_str(), "plusArchivelog": req.plus_archivelog
        })),
        baseline_job: baseline,
        statements: vec![stmt],
        undo: Vec::new(),
    })
}

/// 3.x has no `PLUS ARCHIVELOG` (V3.1.5 SQL reference `600.alter-system/100.backup.md`).
fn no_plus_archivelog_on_3x() -> OpError {
    OpError::new(
        OpErrorCode::InvalidInput,
        words!(
            "plusArchivelog: OceanBase 3.x backs up data without PLUS ARCHIVELOG",
            "plusArchivelog：OceanBase 3.x 的数据备份不支持 PLUS ARCHIVELOG"
        ),
    )
    .on("plusArchivelog")
}

async fn prepare_cluster_backup(
    session: &mut Session,
    req: &BackupNow,
    incremental: bool,
) -> Result<Prepared, OpError> {
    let v3 = session.info().capabilities.cluster_level_only;
    let params = params_json(&json!({ "method": req.method.as_str(), "plusArchivelog": req.plus_archivelog }));
    if v3 && req.plus_archivelog {
        return Err(no_plus_archivelog_on_3x());
    }
    let jobs = session.backup_jobs().await?;
    // 3.x backs up the cluster as one job. 4.x records every backup sys initiates (a
    // tenant's too) as a sys job of JOB_LEVEL CLUSTER, and a cluster backup does not wait
    // for those: it skips each tenant whose backup runs and starts if any tenant is left
    // (oceanbase/oceanbase src/rootserver/backup/ob_backup_data_scheduler.cpp
    // `fill_template_job_`, `get_all_tenants_`, `check_initiate_twice_by_same_tenant_`).
    if let Some(j) = jobs.iter().find(|j| v3 && !j.status.is_terminal()) {
        let job = j.job_id;
        return Err(OpError::new(
            OpErrorCode::BackupRunning,
            words!(
                "a cluster backup is already running (job {job})",
                "已有集群备份正在运行（任务 {job}）"
            ),
        ));
    }
    // OceanBase backs up the tenants that meet the conditions and skips the rest;
    // the desk refuses only when none does, and names why for each.
    let tenants: Vec<TenantRecord> = session
        .tenants()
        .await?
        .into_iter()
        .filter(|t| t.tenant_type == "USER")
        .collect();
    let rounds = session.archive_rounds().await?;
    let mut ready = 0;
    let mut why_not: Vec<Words> = Vec::new();
    for t in &tenants {
        let dests = session.destinations_of(t.ob_tenant_id).await?;
        let status = rounds
            .iter()
            .filter(|r| r.tenant_id == t.ob_tenant_id)
            .map(|r| &r.status)
            .next_back();
        let name = &t.name;
        if let Some(j) = running(&jobs, t.ob_tenant_id) {
            let job = j.job_id;
            why_not.push(words!(
                "{name}: its own backup is running (job {job})",
                "{name}：其自身的备份正在运行（任务 {job}）"
            ));
        } else if dests.data_backup_dest.is_none() {
            why_not.push(words!(
                "{name}: no data backup destination",
                "{name}：没有数据备份目的地"
            ));
        } else if !archive_on(status) {
            why_not.push(words!("{name}: log backup not running", "{name}：日志备份未在运行"));
        } else {
            ready += 1;
        }
    }
    if ready == 0 {
        let reasons_en = why_not.iter().map(|w| w.en.as_str()).collect::<Vec<_>>().join("; ");
        let reasons_zh = why_not.iter().map(|w| w.zh.as_str()).collect::<Vec<_>>().join("；");
        return Err(OpError::new(
            OpErrorCode::NoBackupDestination,
            words!(
                "no tenant of this cluster can be backed up now ({reasons_en})",
                "该集群当前没有可以备份的租户（{reasons_zh}）"
            ),
        )
        .on("storage"));
    }
    Ok(Prepared {
        cluster: req.cluster,
        action: JournalAction::BackupCluster,
        tenant_name: None,
        params,
        baseline_job: session.last_backup_job_id(1).await?,
        statements: vec![if v3 {
            sql::v3::backup_database(incremental)
        } else {
            sql::backup(&BackupScope::Cluster, incremental, req.plus_archivelog)?
        }],
        undo: Vec::new(),
    })
}

pub async fn prepare_cancel_backup(session: &mut Session, req: &TenantAction) -> Result<Prepared, OpError> {
    let tenant = user_tenant(session, "tenant", &req.tenant).await?;
    let jobs = session.backup_jobs().await?;
    let job = running(&jobs, tenant.ob_tenant_id).ok_or_else(|| {
        let name = &tenant.name;
        OpError::new(
            OpErrorCode::NothingToCancel,
            words!(
                "no data backup of tenant {name} is running",
                "租户 {name} 没有正在运行的数据备份"
            ),
        )
    })?;
    let obname = ObName::user_tenant("tenant", &tenant.name)?;
    // 3.x cancels the backup that runs, which is the cluster's (or 3.2's snapshot of a
    // tenant): `CANCEL BACKUP` has no TENANT there (V3.1.5 SQL reference
    // `600.alter-system/100.backup.md`; v3.1.5_CE `sql_parser_mysql_mode.y`).
    let statement = if session.info().capabilities.cluster_level_only {
        sql::v3::cancel_backup()
    } else {
        sql::cancel_backup(Some(&obname))
    };
    Ok(Prepared {
        cluster: req.cluster,
        action: JournalAction::CancelBackup,
        tenant_name: Some(tenant.name.clone()),
        params: params_json(&json!({ "tenant": tenant.name, "job": job.job_id })),
        baseline_job: job.job_id,
        statements: vec![statement],
        undo: Vec::new(),
    })
}

pub async fn prepare_log_backup(session: &mut Session, req: &TenantAction, on: bool) -> Result<Prepared, OpError> {
    let tenant = user_tenant(session, "tenant", &req.tenant).await?;
    if session.info().capabilities.cluster_level_only {
        // 3.x archives the cluster's log as a whole: `ARCHIVELOG |
        // NOARCHIVELOG` has no TENANT (V3.1.5 SQL reference `600.alter-system/100.backup.md`,
        // v3.1.5_CE `sql_parser_mysql_mode.y`) and starts or stops every tenant at once
        // (`ob_log_archive_scheduler.cpp`). A tenant's button does not do that quietly.
        let (name, version) = (&tenant.name, session.info().version);
        return Err(OpError::new(
            OpErrorCode::VersionTooOld,
            words!(
                "OceanBase V{version} archives the log of the whole cluster, not of tenant {name}: \
                 turning log backup on or off changes it for every tenant; use the cluster's backup strategy",
                "OceanBase V{version} 按整个集群归档日志，而不是按租户 {name}：开启或关闭日志备份会影响所有租户；\
                 请通过集群级备份策略调整"
            ),
        )
        .on("tenant"));
    }
    let status = archive_status(session, tenant.ob_tenant_id).await?;
    let name = &tenant.name;
    if on {
        if archive_on(status.as_ref()) {
            return Err(OpError::new(
                OpErrorCode::LogBackupAlreadyOn,
                words!(
                    "log backup of tenant {name} is already running",
                    "租户 {name} 的日志备份已在运行"
                ),
            ));
        }
        if session
            .destinations_of(tenant.ob_tenant_id)
            .await?
            .log_archive_dest
            .is_none()
        {
            return Err(OpError::new(
                OpErrorCode::NoArchiveDestination,
                words!(
                    "tenant {name} has no log archive destination: add a backup strategy first",
                    "租户 {name} 没有归档目的地：请先添加备份策略"
                ),
            )
            .on("storage"));
        }
    } else if !archive_on(status.as_ref()) {
        return Err(OpError::new(
            OpErrorCode::NothingToCancel,
            words!(
                "log backup of tenant {name} is not running",
                "租户 {name} 的日志备份未在运行"
            ),
        ));
    }
    let obname = ObName::user_tenant("tenant", &tenant.name)?;
    Ok(Prepared {
        cluster: req.cluster,
        action: if on {
            JournalAction::StartLogBackup
        } else {
            JournalAction::StopLogBackup
        },
        tenant_name: Some(tenant.name.clone()),
        params: params_json(&json!({ "tenant": tenant.name })),
        baseline_job: 0,
        statements: vec![sql::archivelog(Some(&obname), on)],
        undo: Vec::new(),
    })
}

impl Operator {
    /// Checks, journals, sends and confirms a prepared action on `cluster`.
    pub(crate) async fn run(
        &self,
        cluster: ClusterId,
        prepare: impl AsyncFnOnce(&mut Session) -> Result<Prepared, OpError>,
    ) -> Result<Receipt, OpError> {
        let mut session = self.connect(cluster).await?;
        let result = async {
            let prepared = prepare(&mut session).await?;
            self.refuse_if_in_doubt(cluster, prepared.tenant_name.as_deref())?;
            let id = self.send(&mut session, &prepared).await?;
            self.confirm(&mut session, id).await
        }
        .await;
        session.close().await;
        result
    }

    pub async fn backup_now(&self, req: &BackupNow) -> Result<Receipt, OpError> {
        // A name that can be no tenant is refused before anything is sent.
        if let Some(name) = &req.tenant {
            ObName::user_tenant("tenant", name)?;
        }
        self.run(req.cluster, async |s: &mut Session| prepare_backup(s, req).await)
            .await
    }

    pub async fn cancel_backup(&self, req: &TenantAction) -> Result<Receipt, OpError> {
        ObName::user_tenant("tenant", &req.tenant)?;
        self.run(req.cluster, async |s: &mut Session| prepare_cancel_backup(s, req).await)
            .await
    }

    pub async fn set_log_backup(&self, req: &TenantAction, on: bool) -> Result<Receipt, OpError> {
        ObName::user_tenant("tenant", &req.tenant)?;
        self.run(req.cluster, async |s: &mut Session| {
            prepare_log_backup(s, req, on).await
        })
        .await
    }
}
