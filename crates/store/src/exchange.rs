//! Export and import of backup and recovery history (the file format and its
//! checks are `desk_model::exchange`). An import writes everything in one
//! transaction into clusters marked imported, named `<cluster>@<label>` so
//! they never merge with live data.

use desk_model::exchange::HistoryExport;
use desk_model::{words, ClusterId, UtcMicros};
use rusqlite::params;

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
fn check_label(label: &str) -> Result<(), StoreError> {
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
pub type ExportHistory = (
    Vec<(String, desk_model::backup::BackupJob)>,
    Vec<(String, desk_model::backup::RestoreJob)>,
);

impl Store {
    /// Writes a checked export as imported clusters, all or nothing.
    pub fn import_history(&mut self, file: &HistoryExport, label: &str) -> Result<ImportReport, StoreError> {
        check_label(label)?;
        let mut names: Vec<String> = file
            .backup_jobs
            .iter()
            .map(|r| r.cluster.clone())
            .chain(file.restore_jobs.iter().map(|r| r.cluster.clone()))
            .collect();
        names.sort();
        names.dedup();
        let tx = self.writer()?.transaction()?;
        let mut ids = std::collections::HashMap::new();
        for name in &names {
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
            ids.insert(name.clone(), ClusterId(id));
        }
        tx.commit()?;
        // The clusters are new (refused above when not), so a failure below is undone
        // completely by deleting them: their rows go with them (ON DELETE CASCADE).
        let written = (|| -> Result<(), StoreError> {
            for (name, id) in &ids {
                let jobs: Vec<_> = file
                    .backup_jobs
                    .iter()
                    .filter(|r| &r.cluster == name)
                    .map(|r| r.job.clone())
                    .collect();
                let restores: Vec<_> = file
                    .restore_jobs
                    .iter()
                    .filter(|r| &r.cluster == name)
                    .map(|r| r.job.clone())
                    .collect();
                self.record_history(
                    *id,
                    &HistorySnapshot {
                        jobs: &jobs,
                        restores: &restores,
                        ..Default::default()
                    },
                )?;
            }
            Ok(())
        })();
        if let Err(e) = written {
            for id in ids.values() {
                let _ = self.writer()?.execute("DELETE FROM clusters WHERE id = ?1", [id.0]);
            }
            return Err(e);
        }
        self.checkpoint_soon();
        Ok(ImportReport {
            clusters: ids.keys().map(|n| format!("{n}@{label}")).collect(),
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
