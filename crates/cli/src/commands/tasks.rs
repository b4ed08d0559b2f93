//! `desk tasks`: one page of backup jobs, filtered as on the page.

use crate::args::{Cli, TaskArgs};
use crate::commands::rows::{backup_page, BackupRow};
use crate::failure::Failure;
use crate::filters::{cursor, cursor_text, open_cache, resolve};
use crate::output::{json, table};

pub fn run(cli: &Cli, a: &TaskArgs) -> Result<(), Failure> {
    let store = open_cache(cli, false)?;
    let r = resolve(&store, &a.filter)?;
    let before = a.after.as_deref().map(cursor).transpose()?;
    let page = backup_page(&store, &r, before, a.limit)?;
    // A full page may have a next one.
    let next = (page.len() == a.limit as usize)
        .then(|| page.last())
        .flatten()
        .and_then(|(_, j)| j.start.map(|s| cursor_text(s, j.job_id)));
    let rows: Vec<BackupRow> = page
        .iter()
        .map(|(c, j)| BackupRow::new(r.cluster_name(*c), j))
        .collect();
    if cli.json {
        return json(&serde_json::json!({ "tasks": rows, "next": next }));
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|t| {
            vec![
                t.cluster.clone(),
                t.tenant_id.to_string(),
                t.job_id.to_string(),
                t.backup_type.clone(),
                t.backup_set_id.to_string(),
                t.start_utc.clone(),
                t.end_utc.clone(),
                t.status.clone(),
            ]
        })
        .collect();
    table(
        &[
            "CLUSTER",
            "TENANT_ID",
            "JOB_ID",
            "TYPE",
            "SET_ID",
            "START (UTC)",
            "END (UTC)",
            "STATUS",
        ],
        &cells,
    );
    if let Some(n) = next {
        println!("next: --after {n}");
    }
    Ok(())
}
