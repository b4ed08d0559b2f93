//! Export of the cached history to a file (JSON to import elsewhere, CSV to read) and
//! import of a JSON export as read-only clusters: one file format, made and read here
//! for both doors.

use std::path::{Path, PathBuf};

use desk_model::exchange::{parse_history, to_csv, to_json, HistoryExport};
use desk_model::{words, ClusterId, UtcMicros, Words};
use desk_store::{read_import_file, ImportReport, StoreError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::{Clock, SystemClock};
use crate::desk::Desk;
use crate::refusal::{OpError, OpErrorCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ExportFormat {
    Json,
    Csv,
}

impl ExportFormat {
    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportResult {
    pub path: String,
    #[ts(type = "number")]
    pub backup_jobs: u64,
    #[ts(type = "number")]
    pub restore_jobs: u64,
}

/// The file's bytes in `format`, by the model's writers.
pub fn export_bytes(file: &HistoryExport, format: ExportFormat) -> Result<Vec<u8>, OpError> {
    match format {
        ExportFormat::Json => {
            to_json(file).map_err(|e| OpError::new(OpErrorCode::FileAccess, Words::verbatim(e.to_string())))
        }
        ExportFormat::Csv => Ok(to_csv(file)),
    }
}

/// The name an export gets: the kind of file and the UTC time it was made.
pub fn export_file_name(file: &HistoryExport, format: ExportFormat) -> String {
    let stamp = file.exported_at.utc.replace([':', '.'], "").replace('T', "-");
    format!("ob-backup-desk-history-{stamp}.{}", format.extension())
}

/// A JSON export read (at most its limit, from any source) and checked whole; a refusal
/// names the file (field `file`), with the row and field inside it.
pub fn read_history_file(path: &Path) -> Result<HistoryExport, OpError> {
    let shown = path.display().to_string();
    let bytes = read_import_file(path).map_err(|e| match e {
        StoreError::Invalid { rule, .. } => OpError::new(OpErrorCode::InvalidInput, rule).on("file"),
        other => other.into(),
    })?;
    parse_history(&bytes).map_err(|e| {
        OpError::new(
            OpErrorCode::InvalidInput,
            e.words().map(|said| format!("{shown}: {said}")),
        )
        .on("file")
    })
}

impl Desk {
    /// Writes the cached history (one cluster's, or all; started within `from`..`to`)
    /// into `directory`, named by [`export_file_name`]; times in UTC and in `zone`.
    pub fn export_history(
        &self,
        format: ExportFormat,
        cluster: Option<ClusterId>,
        from: Option<UtcMicros>,
        to: Option<UtcMicros>,
        zone: &str,
        directory: &Path,
    ) -> Result<ExportResult, OpError> {
        UtcMicros::typed_span(from, to)?;
        let store = self.read()?;
        let (backups, restores) = store.history_for_export(cluster, from, to)?;
        let (clusters, sets, pieces) = store.backups_for_export(cluster)?;
        drop(store);
        let file = HistoryExport::new(SystemClock.now(), zone, backups, restores).with_backups(clusters, sets, pieces);
        let bytes = export_bytes(&file, format)?;
        let path: PathBuf = directory.join(export_file_name(&file, format));
        std::fs::create_dir_all(directory)
            .and_then(|_| std::fs::write(&path, &bytes))
            .map_err(|e| {
                let shown = path.display();
                OpError::new(
                    OpErrorCode::FileAccess,
                    words!("cannot write {shown}: {e}", "无法写入 {shown}：{e}"),
                )
                .on("directory")
            })?;
        Ok(ExportResult {
            path: path.display().to_string(),
            backup_jobs: file.backup_jobs.len() as u64,
            restore_jobs: file.restore_jobs.len() as u64,
        })
    }

    /// Imports a JSON export as read-only clusters named `<cluster>@<label>`: the whole
    /// file is checked first; a refused file writes nothing; the rest is one transaction.
    pub fn import_history(&self, path: &Path, label: &str) -> Result<ImportReport, OpError> {
        desk_store::check_import_label(label)?;
        let file = read_history_file(path)?;
        Ok(self.store()?.import_history(&file, label)?)
    }
}
