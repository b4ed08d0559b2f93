//! `desk tenants [--cluster NAME]`: the cached tenants.

use serde::Serialize;

use crate::args::{Cli, TenantsArgs};
use crate::failure::Failure;
use crate::filters::{cluster_named, open_cache};
use crate::output::{json, table, utc};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    cluster: String,
    sandbox: bool,
    tenant_id: i64,
    name: String,
    tenant_type: String,
    status: String,
    role: String,
    log_mode: String,
    cluster_synced_utc: String,
}

pub fn run(cli: &Cli, a: &TenantsArgs) -> Result<(), Failure> {
    let store = open_cache(cli, false)?;
    let cluster = a.cluster.as_deref().map(|n| cluster_named(&store, n)).transpose()?;
    let clusters = store.clusters()?;
    let rows: Vec<Row> = store
        .tenants(cluster.map(|c| c.id))?
        .into_iter()
        .map(|t| Row {
            cluster_synced_utc: utc(clusters
                .iter()
                .find(|c| c.id == t.cluster_id)
                .and_then(|c| c.last_synced_at)),
            cluster: t.cluster_name,
            sandbox: t.sandbox,
            tenant_id: t.record.ob_tenant_id,
            name: t.record.name,
            tenant_type: t.record.tenant_type,
            status: t.record.status,
            role: t.record.role,
            log_mode: t.record.log_mode,
        })
        .collect();
    if cli.json {
        return json(&serde_json::json!({ "tenants": rows }));
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                format!("{}{}", r.cluster, if r.sandbox { " (sandbox)" } else { "" }),
                r.tenant_id.to_string(),
                r.name.clone(),
                r.tenant_type.clone(),
                r.status.clone(),
                r.role.clone(),
                r.log_mode.clone(),
            ]
        })
        .collect();
    table(
        &["CLUSTER", "TENANT_ID", "NAME", "TYPE", "STATUS", "ROLE", "LOG_MODE"],
        &cells,
    );
    Ok(())
}
