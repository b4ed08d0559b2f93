//! `desk restores`: one page of restore jobs, filtered as on the Recovery Tasks tab.

use crate::args::{Cli, TaskArgs};
use crate::commands::rows::{restores, RestoreRow};
use crate::failure::{Failure, Kind};
use crate::filters::{cursor, cursor_text, open_cache, resolve};
use crate::output::{json, table};

pub fn run(cli: &Cli, a: &TaskArgs) -> Result<(), Failure> {
    if !(1..=1000).contains(&a.limit) {
        return Err(Failure::field(Kind::BadInput, "limit", "a page holds 1 to 1000 rows"));
    }
    let store = open_cache(cli, false)?;
    let r = resolve(&store, &a.filter)?;
    let before = a.after.as_deref().map(cursor).transpose()?;
    let page = restores(&store, &r, before, Some(a.limit as usize))?;
    let next = (page.len() == a.limit as usize)
        .then(|| page.last())
        .flatten()
        .and_then(|(_, j)| j.start.map(|s| cursor_text(s, j.job_id)));
    let rows: Vec<RestoreRow> = page
        .iter()
        .map(|(c, j)| RestoreRow::new(r.cluster_name(*c), j))
        .collect();
    if cli.json {
        return json(&serde_json::json!({ "restores": rows, "next": next }));
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|t| {
            vec![
                t.job_id.to_string(),
                format!("{}/{}", t.backup_cluster_name, t.backup_tenant_name),
                format!("{}/{}", t.cluster, t.restore_tenant_name),
                t.start_utc.clone(),
                t.finish_utc.clone(),
                t.status.clone(),
                t.restore_time_utc.clone(),
            ]
        })
        .collect();
    table(
        &[
            "JOB_ID",
            "BACKUP (CLUSTER/TENANT)",
            "TARGET (CLUSTER/TENANT)",
            "START (UTC)",
            "END (UTC)",
            "STATUS",
            "RECOVERY TIME (UTC)",
        ],
        &cells,
    );
    if let Some(n) = next {
        println!("next: --after {n}");
    }
    Ok(())
}
