//! `backup`, `restore` and `cancel`: the engine's operations, with the same
//! pre-flight checks and journal as the app. The cluster comes from the cache
//! (its address, user and TLS); its password only from `--password-env`.

use std::sync::{Arc, Mutex};

use desk_engine::{
    BackupNow, Desk, Directory, InitiateRecovery, OpError, OpErrorCode, Operator, Receipt, Replica, RestoreRef,
    TenantAction, ZonePlacement,
};
use desk_model::status::BackupType;
use desk_model::{words, ClusterId, UtcMicros, Words};
use desk_oceanbase::{ConnectOptions, Password};
use desk_store::Store;
use serde::Serialize;

use crate::args::{ActionArgs, BackupArgs, CancelArgs, CancelWhat, Cli, RestoreArgs};
use crate::failure::{Failure, Kind};
use crate::filters::{cluster_named, open_desk};

/// One cluster, reached with the password from the environment.
struct EnvDirectory {
    store: Arc<Mutex<Store>>,
    password: Option<String>,
}

impl Directory for EnvDirectory {
    fn connect_options(&self, cluster: ClusterId) -> Result<ConnectOptions, OpError> {
        let store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let c = store
            .connection(cluster)
            .map_err(|e| {
                OpError::new(
                    OpErrorCode::Unreachable,
                    Words::new(e.to_string(), format!("本地缓存出错：{e}")),
                )
            })?
            .ok_or_else(|| {
                OpError::new(
                    OpErrorCode::Unreachable,
                    words!(
                        "this is a sandbox cluster: it runs inside the desktop app and the CLI cannot reach it",
                        "这是沙箱集群：它运行在桌面应用内部，命令行工具无法访问"
                    ),
                )
            })?;
        let mut opts = ConnectOptions::new(
            c.host,
            c.port,
            c.user,
            Password::new(self.password.clone().unwrap_or_default()),
        );
        opts.tls = c.tls;
        Ok(opts)
    }

    fn held_storage(&self, cluster: ClusterId) -> Vec<desk_model::StorageUri> {
        // The keys the app keeps for this cluster's strategies, in the same keyring.
        let (secrets, _) = desk_engine::probe_secret_store(desk_engine::secrets::KEYRING_SERVICE);
        desk_engine::held_storage_of(&self.store, secrets.as_ref(), cluster)
    }
}

pub fn failure(e: OpError) -> Failure {
    let kind = match e.code {
        OpErrorCode::InvalidInput => Kind::BadInput,
        OpErrorCode::TenantMissing | OpErrorCode::JobMissing | OpErrorCode::NotFound => Kind::NotFound,
        OpErrorCode::Unreachable => Kind::Unreachable,
        OpErrorCode::Cache => Kind::Cache,
        _ => Kind::Refused,
    };
    // The CLI speaks English.
    match e.field {
        Some(field) => Failure::named(kind, field, &e.message.en),
        None => Failure::new(kind, e.message.en),
    }
}

fn operator(cli: &Cli, a: &ActionArgs) -> Result<(Operator, ClusterId), Failure> {
    let op = operator_on(cli, a.password_env.as_ref())?;
    let cluster = cluster_named(&op.lock(), &a.cluster)?.id;
    Ok((op, cluster))
}

/// The engine's operator on the cache, reaching clusters with the password in `password_env`.
pub fn operator_on(cli: &Cli, password_env: Option<&String>) -> Result<Operator, Failure> {
    operator_in(&open_desk(cli, false)?, password_env)
}

/// The desk's operator, reaching clusters with the password in `password_env`.
pub fn operator_in(desk: &Desk, password_env: Option<&String>) -> Result<Operator, Failure> {
    let password = match password_env {
        None => None,
        Some(var) => Some(std::env::var(var).map_err(|_| {
            Failure::field(
                Kind::BadInput,
                "password-env",
                format!("the environment variable {var:?} is not set"),
            )
        })?),
    };
    let store = desk.cache_shared()?.clone();
    Ok(desk.operator_with(Arc::new(EnvDirectory { store, password }))?)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Done {
    journal_id: i64,
    state: String,
    job_id: Option<i64>,
    message: String,
}

fn report(cli: &Cli, r: Receipt) -> Result<(), Failure> {
    if cli.json {
        crate::output::json(&Done {
            journal_id: r.journal_id,
            state: r.state.as_str().to_owned(),
            job_id: r.job_id,
            message: r.message.en,
        })
    } else {
        println!("{} (journal entry {})", r.message.en, r.journal_id);
        Ok(())
    }
}

pub fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Runtime::new().map_err(|e| Failure::new(Kind::Other, e.to_string()))
}

pub fn backup(cli: &Cli, a: &BackupArgs) -> Result<(), Failure> {
    let (op, cluster) = operator(cli, &a.action)?;
    let req = BackupNow {
        cluster,
        tenant: a.tenant.clone(),
        method: if a.incremental {
            BackupType::Incremental
        } else {
            BackupType::Full
        },
        plus_archivelog: a.plus_archivelog,
    };
    let r = runtime()?.block_on(op.backup_now(&req)).map_err(failure)?;
    report(cli, r)
}

pub fn restore(cli: &Cli, a: &RestoreArgs) -> Result<(), Failure> {
    let (op, cluster) = operator(cli, &a.action)?;
    let until = match a.until.as_deref() {
        None | Some("latest") => None,
        Some(text) => Some(UtcMicros(
            chrono::DateTime::parse_from_rfc3339(text)
                .map_err(|e| {
                    Failure::field(
                        Kind::BadInput,
                        "until",
                        format!("{text:?} is not RFC 3339 with an offset, or \"latest\": {e}"),
                    )
                })?
                .timestamp_micros(),
        )),
    };
    if let Some(t) = until {
        t.typed("until")
            .map_err(|e| Failure::field(Kind::BadInput, "until", e.rule.en))?;
    }
    if a.zones.is_empty() {
        return Err(Failure::field(
            Kind::BadInput,
            "zone",
            "give at least one --zone for the new tenant's replicas",
        ));
    }
    let req = InitiateRecovery {
        source_cluster: cluster,
        source_tenant: a.tenant.clone(),
        target_cluster: cluster,
        target_tenant: a.target_tenant.clone(),
        until,
        zones: a
            .zones
            .iter()
            .enumerate()
            .map(|(i, z)| ZonePlacement {
                zone: z.clone(),
                replica: Replica::Full,
                priority: i as u32 + 1,
            })
            .collect(),
        unit_cpu: a.unit_cpu,
        unit_memory_gib: a.unit_memory_gib,
        unit_num: a.unit_num,
        access_keys: None,
    };
    let r = runtime()?.block_on(op.initiate_recovery(&req)).map_err(failure)?;
    report(cli, r)
}

pub fn cancel(cli: &Cli, a: &CancelArgs) -> Result<(), Failure> {
    let (op, cluster) = operator(cli, &a.action)?;
    let rt = runtime()?;
    let r = match &a.what {
        CancelWhat::Backup { tenant } => rt.block_on(op.cancel_backup(&TenantAction {
            cluster,
            tenant: tenant.clone(),
        })),
        CancelWhat::Restore { job } => rt.block_on(op.cancel_restore(&RestoreRef { cluster, job_id: *job })),
    }
    .map_err(failure)?;
    report(cli, r)
}
