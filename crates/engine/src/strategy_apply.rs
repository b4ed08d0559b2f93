//! Applying a strategy to its cluster: backup destinations, archive mode and
//! the delete policy, through the connector's statement builders.
//!
//! 4.x: per tenant (the strategy's tenant, or every primary user tenant for a
//! cluster-level strategy), each with its own `<path>/<tenant>/data` and
//! `<path>/<tenant>/archive`. 3.x: the cluster-level parameters.

use desk_model::status::ArchiveStatus;
use desk_model::storage::same_location;
use desk_model::strategy::{Strategy, StrategyScope};
use desk_model::{words, ObName, StorageSecret, StorageUri, Words};
use desk_oceanbase::sql::{self, PieceSwitchInterval};
use desk_oceanbase::{ObError, ObErrorCode, Session};

/// What an apply did, for the UI to list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApplyReport {
    /// Tenants configured.
    pub tenants: Vec<String>,
    /// Tenants left alone, and why (standby, restoring ...).
    pub skipped: Vec<(String, Words)>,
    /// Statements sent.
    pub statements: usize,
}

/// Sets destinations, archive mode and delete policy as `strategy` says.
/// `secret` is the storage access key (object storage only); it goes into the
/// statements and nowhere else: errors and logs are redacted by the connector.
pub async fn apply_strategy(
    session: &mut Session,
    strategy: &Strategy,
    secret: Option<&StorageSecret>,
) -> Result<ApplyReport, ObError> {
    strategy.validate()?;
    let caps = session.info().capabilities.clone();
    if let Some(why) = &caps.backup_refusal {
        return Err(ObError::new(ObErrorCode::BackupNotSupported, why.clone()));
    }
    if caps.cluster_level_only {
        return apply_v3(session, strategy, secret).await;
    }

    let mut report = ApplyReport::default();
    let tenants = session.tenants().await?;
    let rounds = session.archive_rounds().await?;
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
            report.skipped.push((
                record.name.clone(),
                words!(
                    "a {role} tenant in status {status} takes no backup strategy",
                    "角色为 {role}、状态为 {status} 的租户不适用备份策略"
                ),
            ));
            continue;
        }
        let tenant = ObName::parse("tenantName", &record.name)?;
        let data = strategy.storage.uri(&[tenant.as_str(), "data"], secret)?;
        let archive = strategy.storage.uri(&[tenant.as_str(), "archive"], secret)?;
        let mut send = Vec::new();
        send.push(sql::set_data_backup_dest(&tenant, &data)?);

        let archiving = record.log_mode == "ARCHIVELOG";
        // The archive destination cannot change while archiving runs: when it
        // already archives to this path, leave it running (a stop would break
        // the recoverable window); otherwise stop, set, start.
        let same_archive = rounds
            .iter()
            .filter(|r| r.tenant_id == record.ob_tenant_id)
            .max_by_key(|r| r.round_id)
            .is_some_and(|r| same_path(&r.path, &archive));
        match (strategy.log_backup.enabled, archiving) {
            (true, true) if same_archive => {}
            (true, true) => {
                send.push(sql::archivelog(Some(&tenant), false));
                send.push(sql::set_log_archive_dest(&tenant, &archive, piece_switch)?);
                send.push(sql::archivelog(Some(&tenant), true));
            }
            (true, false) => {
                send.push(sql::set_log_archive_dest(&tenant, &archive, piece_switch)?);
                send.push(sql::archivelog(Some(&tenant), true));
            }
            (false, true) => send.push(sql::archivelog(Some(&tenant), false)),
            (false, false) => {}
        }
        for stmt in &send {
            session.execute(stmt).await?;
        }
        // Drop, then add: OceanBase keeps one 'default' policy and refuses a second.
        match session.execute(&sql::drop_delete_policy(Some(&tenant))).await {
            Ok(()) => {}
            Err(e) if e.code == ObErrorCode::ObjectMissing => {}
            Err(e) => return Err(e),
        }
        session
            .execute(&sql::add_delete_policy(Some(&tenant), strategy.retention_days)?)
            .await?;
        report.statements += send.len() + 2;
        report.tenants.push(record.name.clone());
    }
    Ok(report)
}

/// 3.x: one destination for the whole cluster, retention as its option.
async fn apply_v3(
    session: &mut Session,
    strategy: &Strategy,
    secret: Option<&StorageSecret>,
) -> Result<ApplyReport, ObError> {
    if let StrategyScope::Tenant { tenant_name, .. } = &strategy.scope {
        let why = session
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
    let dest = strategy.storage.uri(&[], secret)?;
    // Archiving is the cluster's, in one state for every tenant: ARCHIVELOG while it
    // runs is an error on 3.1 (1235, "start log archive backup when not STOP is not
    // supported"), NOARCHIVELOG while stopped another (9024). Ask only for a change.
    let archiving = session.archive_rounds().await?.iter().any(|r| {
        matches!(
            r.status,
            ArchiveStatus::Doing | ArchiveStatus::Beginning | ArchiveStatus::Prepare | ArchiveStatus::Stopping
        )
    });
    let mut send = vec![
        sql::v3::set_backup_dest(&dest)?,
        sql::v3::set_backup_dest_option(strategy.retention_days)?,
    ];
    if strategy.log_backup.enabled != archiving {
        send.push(sql::v3::archivelog(strategy.log_backup.enabled));
    }
    for stmt in &send {
        session.execute(stmt).await?;
    }
    Ok(ApplyReport {
        tenants: Vec::new(),
        skipped: Vec::new(),
        statements: send.len(),
    })
}

/// Whether a (redacted) path read from a view names the same place as `uri`.
fn same_path(read: &str, uri: &StorageUri) -> bool {
    let read = read.trim();
    same_location(read.strip_prefix("LOCATION=").unwrap_or(read), uri.expose())
}
