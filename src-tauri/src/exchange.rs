//! Export of backup and recovery history to a file and import of a JSON export: the
//! desk's use cases; the shell adds where a file goes when the UI names no folder.

use desk_engine::{ExportFormat, ExportResult};
use desk_model::{words, ClusterId, UtcMicros};
use desk_store::ImportReport;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;

type Reply<T> = Result<T, IpcError>;

/// Writes the cached history (one cluster's, or all; started within `from`..`to`) to
/// `directory` (default: the Downloads folder), as `desk export` writes it.
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
    Ok(state.export_history(format, cluster, from, to, &zone, &dir)?)
}

/// Imports a JSON export as read-only clusters named `<cluster>@<label>`.
#[tauri::command]
pub async fn import_history(state: State<'_, AppState>, path: String, label: String) -> Reply<ImportReport> {
    Ok(state.import_history(std::path::Path::new(&path), &label)?)
}
