//! `desk sync`: one pass of each cached cluster (or of one given by address) into the
//! cache, through the same engine as the app. Sandbox clusters live inside the app's
//! process: the CLI says so and skips them. Exits non-zero only when a cluster it could
//! try failed: 4 unreachable, 5 refused, 1 otherwise.

use std::sync::Mutex;

use desk_engine::{sync_cluster, Clock, SystemClock};
use desk_model::Cluster;
use desk_oceanbase::{ConnectOptions, Password};
use desk_store::{Connection, NewCluster, Store, StoreError};
use serde::Serialize;

use crate::args::{Cli, SyncArgs};
use crate::failure::{cluster_kind, Failure, Kind};
use crate::filters::{cluster_named, open_cache};
use crate::output::json;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    cluster: String,
    /// synced, skipped or failed.
    result: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_code: Option<desk_oceanbase::ObErrorCode>,
    tenants: usize,
    jobs: usize,
    restores: usize,
}

fn password(a: &SyncArgs) -> Result<Password, Failure> {
    match &a.password_env {
        None => Ok(Password::default()),
        Some(var) => std::env::var(var).map(Password::new).map_err(|_| {
            Failure::field(
                Kind::BadInput,
                "password-env",
                format!("the environment variable {var:?} is not set (or not UTF-8)"),
            )
        }),
    }
}

/// The app's rules for a cluster's connection, named by this command's flags.
fn checked_connection(a: &SyncArgs, host: &str, port: u16) -> Result<Connection, Failure> {
    let connection = Connection {
        name: a.cluster.clone().unwrap_or_else(|| format!("{host}-{port}")),
        host: host.to_owned(),
        port,
        user: a.user.clone(),
        tls: false,
    };
    match connection.validate() {
        Ok(()) => Ok(connection),
        Err(StoreError::Invalid { field, rule }) => {
            let flag = match field {
                "name" => "cluster",
                other => other,
            };
            Err(Failure::field(Kind::BadInput, flag, rule.en))
        }
        Err(e) => Err(e.into()),
    }
}

pub fn run(cli: &Cli, a: &SyncArgs) -> Result<(), Failure> {
    let password = password(a)?;
    if let (Some(host), Some(port)) = (&a.host, a.port) {
        // Checked before the cache is touched: a refused command writes nothing.
        let connection = checked_connection(a, host, port)?;
        let mut store = open_cache(cli, true)?;
        let known = store.clusters()?.into_iter().any(|c| c.name == connection.name);
        let id = store.upsert_cluster(&NewCluster {
            name: connection.name,
            host: connection.host,
            port,
            sandbox: false,
        })?;
        let cluster = store.cluster(id)?;
        let store = Mutex::new(store);
        let reports = sync_all(&store, vec![cluster], a, password)?;
        // A cluster this command added and could not sync is not kept.
        if !known && reports.iter().any(|r| r.result == "failed") {
            store.lock().unwrap_or_else(|p| p.into_inner()).remove_connection(id)?;
        }
        return finish(cli, reports);
    }
    let store = open_cache(cli, false)?;
    let targets: Vec<Cluster> = match &a.cluster {
        Some(name) => vec![cluster_named(&store, name)?],
        None => store.clusters()?,
    };
    let store = Mutex::new(store);
    if targets.is_empty() {
        return Err(Failure::field(
            Kind::NotFound,
            "cluster",
            "the cache holds no cluster: give one with --host and --port",
        ));
    }
    finish(cli, sync_all(&store, targets, a, password)?)
}

fn sync_all(
    store: &Mutex<Store>,
    targets: Vec<Cluster>,
    a: &SyncArgs,
    password: Password,
) -> Result<Vec<Report>, Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::new(Kind::Other, format!("cannot start the async runtime: {e}")))?;
    let mut reports = Vec::new();
    for c in targets {
        if c.sandbox {
            reports.push(Report {
                cluster: c.name,
                result: "skipped",
                message: "a sandbox cluster runs inside the desk app; the CLI cannot reach it".into(),
                error_code: None,
                tenants: 0,
                jobs: 0,
                restores: 0,
            });
            continue;
        }
        let opts = ConnectOptions::new(c.host.clone(), c.port, a.user.clone(), password.clone());
        let report = match runtime.block_on(sync_cluster(store, c.id, &opts, SystemClock.now())) {
            Ok(o) => Report {
                cluster: c.name,
                result: "synced",
                message: format!(
                    "{} tenants, {} backup jobs, {} restores read{}",
                    o.tenants,
                    o.jobs,
                    o.restores,
                    if o.incremental { " (recent history only)" } else { "" }
                ),
                error_code: None,
                tenants: o.tenants,
                jobs: o.jobs,
                restores: o.restores,
            },
            Err(e) => Report {
                cluster: c.name,
                result: "failed",
                message: e.message.en,
                error_code: Some(e.code),
                tenants: 0,
                jobs: 0,
                restores: 0,
            },
        };
        reports.push(report);
    }
    Ok(reports)
}

fn finish(cli: &Cli, reports: Vec<Report>) -> Result<(), Failure> {
    if cli.json {
        json(&serde_json::json!({ "clusters": reports }))?;
    } else {
        for r in &reports {
            println!("{}: {}: {}", r.cluster, r.result, r.message);
        }
    }
    match reports.iter().find_map(|r| r.error_code) {
        Some(code) => {
            let failed: Vec<&str> = reports
                .iter()
                .filter(|r| r.result == "failed")
                .map(|r| r.cluster.as_str())
                .collect();
            Err(Failure::new(
                cluster_kind(code),
                format!("sync failed for {}", failed.join(", ")),
            ))
        }
        None => Ok(()),
    }
}
