//! The sandbox's fault tools, for trying offline mode, a failed recovery or a stuck
//! backup without a real outage (the fleet itself is the desk's).

use desk_engine::SandboxFault;
use tauri::State;

use crate::state::AppState;

/// Applies a sandbox fault. Only sandbox clusters have them.
#[tauri::command]
pub async fn sandbox_fault(
    state: State<'_, AppState>,
    cluster: desk_model::ClusterId,
    fault: SandboxFault,
) -> Result<(), crate::IpcError> {
    Ok(state.sandbox_fault(cluster, fault).await?)
}
