//! Export and import of backup and recovery history (the file format and its
//! checks are `desk_model::exchange`). An import writes everything in one
//! transaction into clusters marked imported, named `<cluster>@<label>` so
//! they never merge with live data.

use std::collections::BTreeMap;

use desk_model::backup::{BackupJob, RestoreJob};
use desk_model::exchange::HistoryExport;
use desk_model::{words, ClusterId, UtcMicros};
use rusqlite::params;

use crate::history::write_history;
use crate::{HistorySnapshot, Store, StoreError};

/// What an import brought in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub clusters: Vec<String>,
    #[ts(type = "number")]
    pub backup_jobs: u64,
    #[ts(type = "number")]
    pub restore_jobs: u64,
}

/// `label`: letters, digits, '-', '_' and '.', 1 to 40 (a file stem or a date).
/// Public so a door can refuse a label before it creates or opens anything.
pub fn check_import_label(label: &str) -> Result<(), StoreError> {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if label.is_empty() || label.len() > 40 || !label.chars().all(ok) {
        return Err(StoreError::Invalid {
            field: "label",
            rule: words!(
                "1 to 40 letters, digits, '-', '_' or '.'",
                "须为 1 到 40 个字母、数字、'-'、'_' 或 '.'"
            ),
        });
    }
    Ok(())
}

/// Backup jobs and restores for an export, each with its cluster's name.
pub type ExportHistory = (Vec<(String, BackupJob)>, Vec<(String, RestoreJob)>);

impl Store {
    /// Writes a checked export as imported clusters, all or nothing: the clusters
    /// and every row of theirs in one transaction, so a crash (even `kill -9`)
    /// leaves either the whole import or none of it, and the label free again.
    pub fn import_history(&mut self, file: &HistoryExport, label: &str) -> Result<ImportReport, StoreError> {
        check_import_label(label)?;
        // Each cluster's rows, in file order, gathered in one pass over the file.
        let mut by_cluster: BTreeMap<&str, (Vec<BackupJob>, Vec<RestoreJob>)> = BTreeMap::new();
        for r in &file.backup_jobs {
            by_cluster.entry(&r.cluster).or_default().0.push(r.job.clone());
        }
        for r in &file.restore_jobs {
            by_cluster.entry(&r.cluster).or_default().1.push(r.job.clone());
        }
        let tx = self.writer()?.transaction()?;
        let mut clusters = Vec::with_capacity(by_cluster.len());
        for (name, (jobs, restores)) in &by_cluster {
            let imported = format!("{name}@{label}");
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM clusters WHERE name = ?1)",
                [&imported],
                |r| r.get(0),
            )?;
            if taken {
                return Err(StoreError::Invalid {
                    field: "label",
                    rule: words!(
                        "{imported} is already in the desk; import under another label",
                        "{imported} 已在本机中；请用另一个标签导入"
                    ),
                });
            }
            let id: i64 = tx.query_row(
                "INSERT INTO clusters (name, host, port, sandbox, imported_from) VALUES (?1, '-', 1, 0, ?2) RETURNING id",
                params![imported, label],
                |r| r.get(0),
            )?;
            write_history(
                &tx,
                ClusterId(id),
                &HistorySnapshot {
                    jobs,
                    restores,
                    ..Default::default()
                },
            )?;
            clusters.push(imported);
        }
        // Dropping `tx` on any error above rolls everything back.
        tx.commit()?;
        self.checkpoint_soon();
        Ok(ImportReport {
            clusters,
            backup_jobs: file.backup_jobs.len() as u64,
            restore_jobs: file.restore_jobs.len() as u64,
        })
    }

    /// Every cached backup job and restore (with its cluster's name) for an export,
    /// optionally one cluster's and from a time on (by start).
    pub fn history_for_export(
        &self,
        cluster: Option<ClusterId>,
        from: Option<UtcMicros>,
        to: Option<UtcMicros>,
    ) -> Result<ExportHistory, StoreError> {
        let clusters = self.clusters()?;
        let mut backups = Vec::new();
        let mut restores = Vec::new();
        let within = |t: Option<UtcMicros>| {
            let t = t.map(|t| t.0).unwrap_or(0);
            from.is_none_or(|f| t >= f.0) && to.is_none_or(|e| t <= e.0)
        };
        for c in clusters.iter().filter(|c| cluster.is_none_or(|id| id == c.id)) {
            backups.extend(
                self.backup_jobs_of(c.id, None)?
                    .into_iter()
                    .filter(|j| within(j.start))
                    .map(|j| (c.name.clone(), j)),
            );
            restores.extend(
                self.restore_jobs_of(c.id)?
                    .into_iter()
                    .filter(|j| within(j.start))
                    .map(|j| (c.name.clone(), j)),
            );
        }
        Ok((backups, restores))
    }
}
