//! Export of backup and recovery history to a file (JSON to import elsewhere,
//! CSV to read), and import of a JSON export as a read-only source.

use desk_engine::{Clock, SystemClock};
use desk_model::exchange::{parse_history, to_csv, to_json, HistoryExport};
use desk_model::{words, ClusterId, UtcMicros, Words};
use desk_store::ImportReport;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use ts_rs::TS;

use crate::error::{ErrorCode, IpcError};
use crate::sandbox::CACHE_CHANGED;
use crate::state::AppState;

type Reply<T> = Result<T, IpcError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ExportFormat {
    Json,
    Csv,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportResult {
    pub path: String,
    #[ts(type = "number")]
    pub backup_jobs: u64,
    #[ts(type = "number")]
    pub restore_jobs: u64,
}

/// Writes the cached history (one cluster's, or all; started within `from`..`to`)
/// to `directory` (default: the Downloads folder), named with the UTC time; times
/// in UTC and the display zone. The file is the model's writers' (`to_json`,
/// `to_csv`), as `desk export` writes it.
#[tauri::command]
pub async fn export_history<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: ExportFormat,
    cluster: Option<ClusterId>,
    from: Option<UtcMicros>,
    to: Option<UtcMicros>,
    directory: Option<String>,
) -> Reply<ExportResult> {
    let zone = crate::settings::load(&app, &state)?.time_zone;
    UtcMicros::typed_span(from, to).map_err(|e| IpcError::invalid(e.field, e.words()))?;
    let (backups, restores) = state.store()?.history_for_export(cluster, from, to)?;
    let now = SystemClock.now();
    let file = HistoryExport::new(now, &zone, backups, restores);
    let (bytes, ext) = match format {
        ExportFormat::Json => (
            to_json(&file).map_err(|e| IpcError::new(ErrorCode::Internal, Words::verbatim(e.to_string())))?,
            "json",
        ),
        ExportFormat::Csv => (to_csv(&file), "csv"),
    };
    let dir = match directory {
        Some(d) => std::path::PathBuf::from(d),
        None => app
            .path()
            .download_dir()
            .or_else(|_| app.path().app_data_dir())
            .map_err(|e| {
                IpcError::new(
                    ErrorCode::Internal,
                    words!("no folder to export to: {e}", "没有可导出到的文件夹：{e}"),
                )
            })?,
    };
    let stamp = file.exported_at.utc.replace([':', '.'], "").replace('T', "-");
    let path = dir.join(format!("ob-backup-desk-history-{stamp}.{ext}"));
    std::fs::create_dir_all(&dir)
        .and_then(|_| std::fs::write(&path, &bytes))
        .map_err(|e| {
            let shown = path.display();
            IpcError::new(
                ErrorCode::Internal,
                words!("cannot write {shown}: {e}", "无法写入 {shown}：{e}"),
            )
        })?;
    Ok(ExportResult {
        path: path.display().to_string(),
        backup_jobs: file.backup_jobs.len() as u64,
        restore_jobs: file.restore_jobs.len() as u64,
    })
}

/// Imports a JSON export as read-only clusters named `<cluster>@<label>`. The
/// whole file is checked first; a refused file writes nothing and names the row.
#[tauri::command]
pub async fn import_history<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
    label: String,
) -> Reply<ImportReport> {
    // At most the limit from any source: a FIFO or a device is never read without end.
    let bytes = desk_store::read_import_file(std::path::Path::new(&path))?;
    let file = parse_history(&bytes)
        .map_err(|e| IpcError::invalid("file", e.words().map(|said| format!("{path}: {said}"))))?;
    let report = state.store()?.import_history(&file, &label)?;
    let _ = app.emit(CACHE_CHANGED, ());
    Ok(report)
}
