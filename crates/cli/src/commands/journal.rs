//! `desk journal --cluster NAME [--limit N]`: what the desk (app, CLI, scheduler) did
//! on a cluster, newest first, from the cache.

use crate::args::{Cli, JournalArgs};
use crate::failure::{Failure, Kind};
use crate::filters::{cluster_named, open_cache};
use crate::output::{clean, json, table, utc};

pub fn run(cli: &Cli, a: &JournalArgs) -> Result<(), Failure> {
    if !(1..=1000).contains(&a.limit) {
        return Err(Failure::field(Kind::BadInput, "limit", "1 to 1000 entries"));
    }
    let store = open_cache(cli, false)?;
    let cluster = cluster_named(&store, &a.cluster)?;
    let entries = store.journal_of(cluster.id, a.limit)?;
    if cli.json {
        return json(&serde_json::json!({ "journal": entries }));
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.id.to_string(),
                utc(Some(e.created_at)),
                e.action.as_str().to_owned(),
                e.tenant_name.clone().unwrap_or_else(|| "(cluster)".into()),
                e.state.as_str().to_owned(),
                e.job_id.map(|j| j.to_string()).unwrap_or_default(),
                e.actor.clone(),
                clean(&e.error_code.clone().unwrap_or_default()),
            ]
        })
        .collect();
    table(
        &["ID", "AT (UTC)", "ACTION", "TENANT", "STATE", "JOB", "BY", "ERROR"],
        &rows,
    );
    Ok(())
}
