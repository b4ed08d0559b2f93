//! `desk export --format csv|json [--kind backup|restore] [filters] [--zone ZONE]
//! [--output FILE]`: every matching row (not one page) in the app's export file, made by
//! the same writers (`HistoryExport::new`, `to_json`, `to_csv`) from the same query
//! (`Store::history_for_export`), so the JSON is one `desk import` and the app read and
//! the CSV is the app's; times in UTC and in `--zone`, URIs redacted.

use std::io::Write;

use desk_engine::{export_bytes, Clock, ExportFormat, SystemClock};
use desk_model::exchange::HistoryExport;
use desk_model::settings::validate_time_zone;

use crate::args::{Cli, ExportArgs, Format, Kind as What};
use crate::commands::act::failure;
use crate::failure::{Failure, Kind};
use crate::filters::{open_cache, resolve, tenant_key};

pub fn run(cli: &Cli, a: &ExportArgs) -> Result<(), Failure> {
    validate_time_zone(&a.zone).map_err(|_| {
        Failure::field(
            Kind::BadInput,
            "zone",
            format!(
                "{:?} is not an IANA time zone name (for example Asia/Shanghai or UTC)",
                a.zone
            ),
        )
    })?;
    let store = open_cache(cli, false)?;
    let r = resolve(&store, &a.filter)?;
    let (want_backups, want_restores) = match a.kind {
        None => (true, true),
        Some(What::Backup) => (true, false),
        Some(What::Restore) => (false, true),
    };
    // A backup job's tenant is a cached tenant (its cluster and id), as `desk tasks` reads
    // it; a restore's is the restored or backed-up tenant's name, as `desk restores`.
    let tenant = match (&r.tenant, want_backups) {
        (Some(name), true) => Some(tenant_key(&store, &r, name)?),
        _ => None,
    };
    let (backups, restores) = store.history_for_export(r.cluster, r.from, r.to)?;
    let status = |s: &str| r.statuses.is_empty() || r.statuses.iter().any(|x| x == s);
    let backups: Vec<_> = backups
        .into_iter()
        .filter(|_| want_backups)
        .filter(|(cluster, j)| {
            tenant.is_none_or(|(id, t)| r.cluster_name(id) == cluster && j.tenant_id == t) && status(j.status.as_str())
        })
        .collect();
    let restores: Vec<_> = restores
        .into_iter()
        .filter(|_| want_restores)
        .filter(|(_, j)| {
            r.tenant
                .as_ref()
                .is_none_or(|n| &j.restore_tenant_name == n || &j.backup_tenant_name == n)
                && status(j.status.as_str())
        })
        .collect();
    // The window's inputs, for the tenant asked for (or every tenant of the clusters).
    let (clusters, sets, pieces) = store.backups_for_export(r.cluster)?;
    let ours = |cluster: &String, ob_tenant_id: i64| {
        tenant.is_none_or(|(id, t)| r.cluster_name(id) == cluster && ob_tenant_id == t)
    };
    let file = HistoryExport::new(SystemClock.now(), &a.zone, backups, restores).with_backups(
        clusters,
        sets.into_iter().filter(|(c, s)| ours(c, s.tenant_id)),
        pieces.into_iter().filter(|(c, p)| ours(c, p.tenant_id)),
    );
    let bytes = export_bytes(
        &file,
        match a.format {
            Format::Json => ExportFormat::Json,
            Format::Csv => ExportFormat::Csv,
        },
    )
    .map_err(failure)?;
    let written = match &a.output {
        Some(path) => std::fs::write(path, &bytes),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes).and_then(|_| out.flush())
        }
    };
    written.map_err(|e| {
        let place = a.output.as_ref().map_or("stdout".into(), |p| p.display().to_string());
        Failure::field(Kind::Other, "output", format!("cannot write {place}: {e}"))
    })?;
    if let Some(path) = &a.output {
        eprintln!(
            "desk: {} backup jobs and {} restores written to {}",
            file.backup_jobs.len(),
            file.restore_jobs.len(),
            path.display()
        );
    }
    Ok(())
}
