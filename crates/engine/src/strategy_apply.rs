//! Applying a strategy to its cluster: backup destinations, archive mode and
//! the delete policy, through the connector's statement builders.
//!
//! 4.x: per tenant (the strategy's tenant, or every primary user tenant for a
//! cluster-level strategy), each with its own `<path>/<tenant>/data` and
//! `<path>/<tenant>/archive`. 3.x: the cluster-level parameters. A strategy without
//! storage keeps the destinations the cluster has and sets only archive mode and retention.
//!
//! A destination moves only while nothing uses it, as OceanBase requires:
//! LOG_ARCHIVE_DEST is refused unless the tenant's archive round is STOP
//! (`ObLogArchiveDestConfigParser`, src/share/backup/ob_backup_config.cpp: 1235 "change
//! archive dest when archive is running is not supported"), DATA_BACKUP_DEST while a
//! backup job runs (9036, OB_BACKUP_IN_PROGRESS, same file), and 3.x's backup_dest while a
//! backup runs (V3.1.5 `300.system-configuration-items/1700.backup_dest.md`). So the desk
//! stops the archive and waits for STOP, and cancels a running backup and waits for its end,
//! as obshell does (`ob/agent/executor/ob/backup_config.go`), reporting each wait and giving
//! up after a limit the operator sees. A destination that stays put is not set again.

use std::time::{Duration, Instant};

use desk_model::backup::{ArchiveRound, BackupDestinations};
use desk_model::status::ArchiveStatus;
use desk_model::storage::same_location;
use desk_model::strategy::{DestinationChange, DestinationKind, Strategy, StrategyScope};
use desk_model::{words, ObName, StorageSecret, StorageUri, Words};
use desk_oceanbase::sql::{self, PieceSwitchInterval, Statement};
use desk_oceanbase::{ObError, ObErrorCode, Session};
use serde::Serialize;
use ts_rs::TS;

/// What an apply did, for the UI to list.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplyReport {
    /// Tenants configured.
    pub tenants: Vec<String>,
    /// Tenants left alone, and why (standby, restoring ...).
    pub skipped: Vec<TenantNote>,
    /// Destinations moved to the strategy's path: a new full backup is needed there.
    pub moved: Vec<DestinationChange>,
    /// Tenants whose running backup was canceled so that its destination could move
    /// (empty name: the cluster's, on 3.x).
    pub canceled_backups: Vec<String>,
    /// What the operator should know that is not an error.
    pub notes: Vec<TenantNote>,
    /// Statements sent.
    #[ts(type = "number")]
    pub statements: usize,
}

/// Something said about one tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TenantNote {
    pub tenant: String,
    pub why: Words,
}

impl TenantNote {
    fn new(tenant: &str, why: Words) -> Self {
        TenantNote {
            tenant: tenant.to_owned(),
            why,
        }
    }
}

/// How long an apply waits on the cluster, and how often it looks. obshell waits up to
/// 600 s for LOG_MODE, then 3600 s for the round to stop, and 3600 s for a canceled
/// backup; the desk waits ten minutes for each and says so while it waits.
#[derive(Debug, Clone, Copy)]
pub struct ApplyWaits {
    pub archive_stop: Duration,
    pub backup_end: Duration,
    pub poll: Duration,
}

impl Default for ApplyWaits {
    fn default() -> Self {
        ApplyWaits {
            archive_stop: Duration::from_secs(600),
            backup_end: Duration::from_secs(600),
            poll: Duration::from_secs(1),
        }
    }
}

/// What an apply is doing, for the operator to watch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplyProgress {
    /// The tenant being configured; empty for a 3.x cluster as a whole.
    pub tenant: String,
    pub step: ApplyStep,
    /// While the desk waits: the STATUS the cluster reports (the round's, the job's).
    pub cluster_says: String,
    #[ts(type = "number")]
    pub waited_secs: u64,
    /// The most the desk waits for this step; 0 when it does not wait.
    #[ts(type = "number")]
    pub limit_secs: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ApplyStep {
    CancelingBackup,
    StoppingArchive,
    SettingDestination,
    StartingArchive,
    SettingRetention,
}

/// A tenant's destinations as the cache last saw them (redacted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TenantDestinations {
    pub tenant: String,
    #[ts(type = "number")]
    pub ob_tenant_id: i64,
    pub data_backup_dest: Option<String>,
    pub log_archive_dest: Option<String>,
}

/// What a strategy form needs to know about destinations before it is saved: what the
/// tenants have now, and what the strategy would move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DestinationReview {
    /// The tenants the strategy covers (primary user tenants), with their destinations.
    pub current: Vec<TenantDestinations>,
    /// 3.x: one `backup_dest` for the whole cluster.
    pub cluster_level: bool,
    /// What saving `strategy` would move (empty without one, or when it keeps them).
    pub changes: Vec<DestinationChange>,
}

/// From the cache: the destinations of the tenants `scope` covers, and what `strategy`
/// (when given) would move. Nothing is sent to the cluster.
pub fn review_destinations(
    store: &desk_store::Store,
    cluster: desk_model::ClusterId,
    scope: &StrategyScope,
    strategy: Option<&Strategy>,
) -> Result<DestinationReview, crate::refusal::OpError> {
    let cluster_level = store.cluster(cluster)?.version.as_ref().is_some_and(|v| v.major() < 4);
    let dests = store.destinations(cluster)?;
    let current: Vec<TenantDestinations> = store
        .tenants(Some(cluster))?
        .into_iter()
        .map(|t| t.record)
        .filter(|r| r.tenant_type == "USER" && r.role == "PRIMARY")
        .filter(|r| scope.ob_tenant_id().is_none_or(|id| id == r.ob_tenant_id))
        .map(|r| {
            let d = dests.iter().find(|d| d.tenant_id == r.ob_tenant_id);
            TenantDestinations {
                tenant: r.name,
                ob_tenant_id: r.ob_tenant_id,
                data_backup_dest: d.and_then(|d| d.data_backup_dest.clone()),
                log_archive_dest: d.and_then(|d| d.log_archive_dest.clone()),
            }
        })
        .collect();
    let changes = match strategy {
        Some(s) => {
            let now: Vec<(String, Option<String>, Option<String>)> = current
                .iter()
                .map(|c| (c.tenant.clone(), c.data_backup_dest.clone(), c.log_archive_dest.clone()))
                .collect();
            s.destination_changes(&now, cluster_level)?
        }
        None => Vec::new(),
    };
    Ok(DestinationReview {
        current,
        cluster_level,
        changes,
    })
}

/// Sets destinations, archive mode and delete policy as `strategy` says.
/// `secret` is the storage access key (object storage only); it goes into the
/// statements and nowhere else: errors and logs are redacted by the connector.
pub async fn apply_strategy(
    session: &mut Session,
    strategy: &Strategy,
    secret: Option<&StorageSecret>,
) -> Result<ApplyReport, ObError> {
    apply_strategy_watched(session, strategy, secret, ApplyWaits::default(), &mut |_| {}).await
}

/// [`apply_strategy`], reporting each step and wait to `progress`.
pub async fn apply_strategy_watched(
    session: &mut Session,
    strategy: &Strategy,
    secret: Option<&StorageSecret>,
    waits: ApplyWaits,
    progress: &mut (dyn FnMut(ApplyProgress) + Send),
) -> Result<ApplyReport, ObError> {
    strategy.validate()?;
    let caps = session.info().capabilities.clone();
    if let Some(why) = &caps.backup_refusal {
        return Err(ObError::new(ObErrorCode::BackupNotSupported, why.clone()));
    }
    let mut apply = Apply {
        session,
        waits,
        progress,
        report: ApplyReport::default(),
    };
    if caps.cluster_level_only {
        apply.cluster_v3(strategy, secret).await?;
    } else {
        apply.tenants_v4(strategy, secret).await?;
    }
    Ok(apply.report)
}

struct Apply<'a> {
    session: &'a mut Session,
    waits: ApplyWaits,
    progress: &'a mut (dyn FnMut(ApplyProgress) + Send),
    report: ApplyReport,
}

/// A destination as the views show it and one the strategy sets name the same place
/// through the same endpoint (credentials are not shown, so they cannot be compared).
fn same_destination(current: Option<&str>, new: &StorageUri) -> bool {
    let Some(current) = current.filter(|c| !c.trim().is_empty()) else {
        return false;
    };
    let host = |uri: &str| {
        uri.split_once('?').and_then(|(_, q)| {
            q.split('&')
                .find_map(|kv| kv.strip_prefix("host=").map(|h| h.to_ascii_lowercase()))
        })
    };
    same_location(current, new.expose()) && (host(current).is_none() || host(current) == host(new.expose()))
}

/// The tenant's newest archive round's status; `None` when it has none.
fn round_status(rounds: &[ArchiveRound], tenant_id: i64) -> Option<ArchiveStatus> {
    rounds
        .iter()
        .filter(|r| r.tenant_id == tenant_id)
        .max_by_key(|r| r.round_id)
        .map(|r| r.status.clone())
}

fn running(status: &Option<ArchiveStatus>) -> bool {
    status.as_ref().is_some_and(|s| *s != ArchiveStatus::Stop)
}

impl Apply<'_> {
    fn say(&mut self, tenant: &str, step: ApplyStep, cluster_says: &str, waited: Duration, limit: Duration) {
        (self.progress)(ApplyProgress {
            tenant: tenant.to_owned(),
            step,
            cluster_says: cluster_says.to_owned(),
            waited_secs: waited.as_secs(),
            limit_secs: limit.as_secs(),
        });
    }

    async fn send(&mut self, stmt: &Statement) -> Result<(), ObError> {
        self.session.execute(stmt).await?;
        self.report.statements += 1;
        Ok(())
    }

    /// Cancels the running backup of `tenant` (all tenants' on 3.x) and waits for it to
    /// end. Nothing is sent when none runs.
    async fn cancel_backup_and_wait(&mut self, tenant: Option<&ObName>, tenant_id: Option<i64>) -> Result<(), ObError> {
        let label = tenant.map(|t| t.to_string()).unwrap_or_default();
        let running_status = |jobs: &[desk_model::backup::BackupJob]| {
            jobs.iter()
                .filter(|j| tenant_id.is_none_or(|id| j.tenant_id == id) && !j.status.is_terminal())
                .map(|j| j.status.as_str().to_owned())
                .next()
        };
        if running_status(&self.session.backup_jobs().await?).is_none() {
            return Ok(());
        }
        let cancel = match tenant {
            Some(t) => sql::cancel_backup(Some(t)),
            None => sql::v3::cancel_backup(),
        };
        self.send(&cancel).await?;
        self.report.canceled_backups.push(label.clone());
        let (limit, started) = (self.waits.backup_end, Instant::now());
        loop {
            let Some(status) = running_status(&self.session.backup_jobs().await?) else {
                return Ok(());
            };
            self.say(&label, ApplyStep::CancelingBackup, &status, started.elapsed(), limit);
            if started.elapsed() >= limit {
                let (mins, (what, what_zh)) = (limit.as_secs() / 60, who(&label));
                return Err(ObError::new(
                    ObErrorCode::NotAllowedNow,
                    words!(
                        "the backup of {what} was canceled but had not ended after {mins} minutes \
                         (its status is {status}); its destination was not changed: apply again once it ends",
                        "{what_zh}的备份已取消，但 {mins} 分钟后仍未结束（状态为 {status}）；未修改其备份目的地：请在它结束后再次应用"
                    ),
                ));
            }
            tokio::time::sleep(self.waits.poll).await;
        }
    }

    /// Stops archiving when it runs and waits for the newest round to reach STOP.
    async fn stop_archive_and_wait(
        &mut self,
        tenant: Option<&ObName>,
        tenant_id: Option<i64>,
        archiving: bool,
    ) -> Result<(), ObError> {
        let label = tenant.map(|t| t.to_string()).unwrap_or_default();
        if archiving {
            let stop = match tenant {
                Some(t) => sql::archivelog(Some(t), false),
                None => sql::v3::archivelog(false),
            };
            self.send(&stop).await?;
        }
        let (limit, started) = (self.waits.archive_stop, Instant::now());
        loop {
            let rounds = self.session.archive_rounds().await?;
            let busy = match tenant_id {
                Some(id) => Some(round_status(&rounds, id)).filter(running).flatten(),
                None => rounds
                    .iter()
                    .find(|r| r.status != ArchiveStatus::Stop)
                    .map(|r| r.status.clone()),
            };
            let Some(status) = busy else {
                return Ok(());
            };
            let status = status.as_str().to_owned();
            self.say(&label, ApplyStep::StoppingArchive, &status, started.elapsed(), limit);
            if started.elapsed() >= limit {
                let (mins, (what, what_zh)) = (limit.as_secs() / 60, who(&label));
                return Err(ObError::new(
                    ObErrorCode::NotAllowedNow,
                    words!(
                        "log archiving of {what} had not stopped after {mins} minutes (its round is {status}); \
                         OceanBase changes an archive destination only once it is STOP: apply again later",
                        "{what_zh}的日志归档 {mins} 分钟后仍未停止（轮次状态为 {status}）；OceanBase 只在归档为 STOP 时允许修改归档目的地：请稍后再次应用"
                    ),
                ));
            }
            tokio::time::sleep(self.waits.poll).await;
        }
    }

    async fn tenants_v4(&mut self, strategy: &Strategy, secret: Option<&StorageSecret>) -> Result<(), ObError> {
        let tenants = self.session.tenants().await?;
        let dests = self.session.destinations().await?;
        let wanted: Vec<_> = match &strategy.scope {
            StrategyScope::Cluster => tenants.iter().filter(|t| t.tenant_type == "USER").collect(),
            StrategyScope::Tenant {
                ob_tenant_id,
                tenant_name,
            } => {
                let t = tenants
                    .iter()
                    .find(|t| t.ob_tenant_id == *ob_tenant_id && t.tenant_type == "USER")
                    .ok_or_else(|| {
                        ObError::new(
                            ObErrorCode::ObjectMissing,
                            words!(
                                "tenant {tenant_name} (id {ob_tenant_id}) is not a user tenant of this cluster",
                                "租户 {tenant_name}（ID {ob_tenant_id}）不是该集群的用户租户"
                            ),
                        )
                    })?;
                vec![t]
            }
        };
        let piece_switch = if strategy.log_backup.enabled {
            Some(PieceSwitchInterval::from_secs(
                u32::from(strategy.log_backup.piece_switch_days) * 86_400,
            )?)
        } else {
            None
        };

        for record in wanted {
            if record.role != "PRIMARY" || record.status != "NORMAL" {
                let (role, status) = (&record.role, &record.status);
                let why = words!(
                    "a {role} tenant in status {status} takes no backup strategy",
                    "角色为 {role}、状态为 {status} 的租户不适用备份策略"
                );
                self.report.skipped.push(TenantNote::new(&record.name, why));
                continue;
            }
            let tenant = ObName::parse("tenantName", &record.name)?;
            let id = Some(record.ob_tenant_id);
            let current = dests
                .iter()
                .find(|d| d.tenant_id == record.ob_tenant_id)
                .cloned()
                .unwrap_or_default();
            let archiving = record.log_mode == "ARCHIVELOG";
            let log_on = strategy.log_backup.enabled;

            match &strategy.storage {
                None => {
                    let lacks = current.data_backup_dest.is_none() || (log_on && current.log_archive_dest.is_none());
                    if lacks {
                        let why = words!(
                            "it has no backup destination of its own to keep: give the strategy a path",
                            "它没有可沿用的备份目的地：请为策略指定路径"
                        );
                        self.report.skipped.push(TenantNote::new(&record.name, why));
                        continue;
                    }
                    if log_on && !archiving {
                        self.start_archive(&tenant, id).await?;
                    } else if !log_on && archiving {
                        self.send(&sql::archivelog(Some(&tenant), false)).await?;
                    }
                }
                Some(storage) => {
                    let data = storage.uri(&[tenant.as_str(), "data"], secret)?;
                    let archive = storage.uri(&[tenant.as_str(), "archive"], secret)?;
                    if !same_destination(current.data_backup_dest.as_deref(), &data) {
                        self.record_move(&record.name, DestinationKind::Data, &current, &data);
                        self.cancel_backup_and_wait(Some(&tenant), id).await?;
                        self.say(
                            &record.name,
                            ApplyStep::SettingDestination,
                            "",
                            Duration::ZERO,
                            Duration::ZERO,
                        );
                        self.send(&sql::set_data_backup_dest(&tenant, &data)?).await?;
                    }
                    let archive_stays = same_destination(current.log_archive_dest.as_deref(), &archive);
                    match (log_on, archive_stays) {
                        (true, false) => {
                            self.record_move(&record.name, DestinationKind::Archive, &current, &archive);
                            self.stop_archive_and_wait(Some(&tenant), id, archiving).await?;
                            self.say(
                                &record.name,
                                ApplyStep::SettingDestination,
                                "",
                                Duration::ZERO,
                                Duration::ZERO,
                            );
                            self.send(&sql::set_log_archive_dest(&tenant, &archive, piece_switch)?)
                                .await?;
                            self.start_archive(&tenant, id).await?;
                        }
                        (true, true) => {
                            let wanted = piece_switch.map_or(0, |p| p.secs());
                            let has = current.piece_switch_interval_secs;
                            if has != 0 && has != wanted {
                                // Changing it means stopping the archive (a gap in the window) for
                                // no new destination: the operator decides when.
                                let every = match has % 86_400 {
                                    0 => format!("{}d", has / 86_400),
                                    _ => format!("{has}s"),
                                };
                                let why = words!(
                                    "its log pieces keep switching every {every}: OceanBase changes the \
                                     piece switch interval only while archiving is stopped",
                                    "其日志分片仍按 {every} 切换：OceanBase 只在日志归档停止时允许修改分片切换周期"
                                );
                                self.report.notes.push(TenantNote::new(&record.name, why));
                            }
                            if !archiving {
                                self.start_archive(&tenant, id).await?;
                            }
                        }
                        (false, _) if archiving => {
                            self.send(&sql::archivelog(Some(&tenant), false)).await?;
                        }
                        (false, _) => {}
                    }
                }
            }
            self.say(
                &record.name,
                ApplyStep::SettingRetention,
                "",
                Duration::ZERO,
                Duration::ZERO,
            );
            // Drop, then add: OceanBase keeps one 'default' policy and refuses a second.
            match self.session.execute(&sql::drop_delete_policy(Some(&tenant))).await {
                Ok(()) => self.report.statements += 1,
                Err(e) if e.code == ObErrorCode::ObjectMissing => self.report.statements += 1,
                Err(e) => return Err(e),
            }
            self.send(&sql::add_delete_policy(Some(&tenant), strategy.retention_days)?)
                .await?;
            self.report.tenants.push(record.name.clone());
        }
        Ok(())
    }

    /// ARCHIVELOG, once a round stopping from before has reached STOP.
    async fn start_archive(&mut self, tenant: &ObName, tenant_id: Option<i64>) -> Result<(), ObError> {
        self.stop_archive_and_wait(Some(tenant), tenant_id, false).await?;
        self.say(
            tenant.as_str(),
            ApplyStep::StartingArchive,
            "",
            Duration::ZERO,
            Duration::ZERO,
        );
        self.send(&sql::archivelog(Some(tenant), true)).await
    }

    fn record_move(&mut self, tenant: &str, kind: DestinationKind, current: &BackupDestinations, to: &StorageUri) {
        let from = match kind {
            DestinationKind::Data => current.data_backup_dest.as_deref(),
            DestinationKind::Archive => current.log_archive_dest.as_deref(),
        };
        if let Some(from) = from.filter(|f| !f.trim().is_empty()) {
            self.report.moved.push(DestinationChange {
                tenant: tenant.to_owned(),
                kind,
                from: desk_model::storage::redact(from),
                to: to.location().to_owned(),
            });
        }
    }

    /// 3.x: one destination for the whole cluster, retention as its option.
    async fn cluster_v3(&mut self, strategy: &Strategy, secret: Option<&StorageSecret>) -> Result<(), ObError> {
        if let StrategyScope::Tenant { tenant_name, .. } = &strategy.scope {
            let why = self
                .session
                .info()
                .capabilities
                .tenant_backup_refusal
                .clone()
                .unwrap_or_else(|| words!("this cluster backs up at cluster level only", "该集群仅支持集群级备份"));
            let (why_en, why_zh) = (&why.en, &why.zh);
            return Err(ObError::new(
                ObErrorCode::Unsupported,
                words!(
                    "a strategy for tenant {tenant_name} cannot be applied: {why_en}",
                    "无法应用租户 {tenant_name} 的备份策略：{why_zh}"
                ),
            ));
        }
        let current = self
            .session
            .destinations()
            .await?
            .into_iter()
            .next()
            .unwrap_or_default();
        // Archiving is the cluster's, in one state for every tenant: ARCHIVELOG while it
        // runs is an error on 3.1 (1235, "start log archive backup when not STOP is not
        // supported"), NOARCHIVELOG while stopped another (9024). Ask only for a change.
        let mut archiving = self.session.archive_rounds().await?.iter().any(|r| {
            matches!(
                r.status,
                ArchiveStatus::Doing | ArchiveStatus::Beginning | ArchiveStatus::Prepare | ArchiveStatus::Stopping
            )
        });
        match &strategy.storage {
            None if current.data_backup_dest.is_none() => {
                return Err(ObError::from(desk_model::InvalidInput::new(
                    "storagePath",
                    words!(
                        "the cluster has no backup_dest to keep: give the strategy a path",
                        "该集群没有可沿用的 backup_dest：请为策略指定路径"
                    ),
                )));
            }
            None => {}
            Some(storage) => {
                let dest = storage.uri(&[], secret)?;
                if !same_destination(current.data_backup_dest.as_deref(), &dest) {
                    self.record_move("", DestinationKind::Data, &current, &dest);
                    self.cancel_backup_and_wait(None, None).await?;
                    // A running round keeps writing to the old destination: stop it, so
                    // that the log follows the data to the new one.
                    if archiving {
                        self.stop_archive_and_wait(None, None, true).await?;
                        archiving = false;
                    }
                    self.say("", ApplyStep::SettingDestination, "", Duration::ZERO, Duration::ZERO);
                    self.send(&sql::v3::set_backup_dest(&dest)?).await?;
                }
            }
        }
        self.say("", ApplyStep::SettingRetention, "", Duration::ZERO, Duration::ZERO);
        self.send(&sql::v3::set_backup_dest_option(strategy.retention_days)?)
            .await?;
        if strategy.log_backup.enabled && !archiving {
            self.stop_archive_and_wait(None, None, false).await?;
            self.say("", ApplyStep::StartingArchive, "", Duration::ZERO, Duration::ZERO);
            self.send(&sql::v3::archivelog(true)).await?;
        } else if !strategy.log_backup.enabled && archiving {
            self.send(&sql::v3::archivelog(false)).await?;
        }
        Ok(())
    }
}

/// Whose backup or archive a message is about, in each language.
fn who(tenant: &str) -> (String, String) {
    if tenant.is_empty() {
        ("the cluster".to_owned(), "集群".to_owned())
    } else {
        (format!("tenant {tenant}"), format!("租户 {tenant} "))
    }
}
