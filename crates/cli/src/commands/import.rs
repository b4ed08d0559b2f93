//! `desk import FILE --label LABEL`: a JSON history export (the app's, or `desk export
//! --format json`) into the cache as read-only clusters named `<cluster>@<label>`,
//! read, checked and written as the app's import is: at most 256 MiB from any path
//! (`read_import_file`), the whole file checked before anything is written
//! (`parse_history`), then one transaction (`Store::import_history`).

use std::collections::BTreeMap;

use desk_engine::read_history_file;
use desk_store::check_import_label;
use serde::Serialize;

use crate::args::{Cli, ImportArgs};
use crate::commands::act::failure;
use crate::failure::{Failure, Kind};
use crate::filters::open_cache;
use crate::output::json;

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Imported {
    cluster: String,
    backup_jobs: u64,
    restore_jobs: u64,
}

pub fn run(cli: &Cli, a: &ImportArgs) -> Result<(), Failure> {
    // Every refusal comes before the cache is opened (or made): a refused import
    // leaves the data dir as it was.
    check_import_label(&a.label)?;
    let shown = a.file.display();
    let file = read_history_file(&a.file).map_err(|e| match e.field {
        Some("file") => Failure::positional(Kind::BadInput, "FILE", e.message.en),
        _ => failure(e),
    })?;
    let mut per_cluster: BTreeMap<String, Imported> = BTreeMap::new();
    for r in &file.backup_jobs {
        per_cluster.entry(r.cluster.clone()).or_default().backup_jobs += 1;
    }
    for r in &file.restore_jobs {
        per_cluster.entry(r.cluster.clone()).or_default().restore_jobs += 1;
    }
    // A large file takes a while to write; say that the check is over.
    eprintln!(
        "desk: {shown} checked: {} backup jobs and {} restores of {} clusters; writing",
        file.backup_jobs.len(),
        file.restore_jobs.len(),
        per_cluster.len()
    );
    let mut store = open_cache(cli, true)?;
    let report = store.import_history(&file, &a.label)?;
    // All or nothing: what was imported is what the file holds, cluster by cluster.
    let clusters: Vec<Imported> = per_cluster
        .into_iter()
        .map(|(name, counts)| Imported {
            cluster: format!("{name}@{}", a.label),
            ..counts
        })
        .collect();
    if cli.json {
        return json(&serde_json::json!({
            "label": a.label,
            "clusters": clusters,
            "backupJobs": report.backup_jobs,
            "restoreJobs": report.restore_jobs,
        }));
    }
    println!(
        "imported {} backup jobs and {} restores as {} read-only clusters:",
        report.backup_jobs,
        report.restore_jobs,
        clusters.len()
    );
    for c in &clusters {
        println!(
            "  {}: {} backup jobs, {} restores",
            c.cluster, c.backup_jobs, c.restore_jobs
        );
    }
    Ok(())
}
