//! Cluster connections: add, edit, test, remove. The password goes to the
//! secret store (OS keyring, or this session's memory when there is none) and
//! never into the cache, the settings, logs or replies.

use desk_engine::ServerInfo;
use desk_engine::{password_account, test_connection};
use desk_model::strategy::StorageSecret;
use desk_model::ClusterId;
use desk_store::Connection;
use tauri::State;

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;

type Reply<T> = Result<T, IpcError>;

fn store_password(state: &AppState, cluster: ClusterId, password: &str) -> Reply<()> {
    state
        .secrets
        .set(&password_account(cluster), &StorageSecret::new(password))
        .map_err(|e| {
            IpcError::new(
                ErrorCode::Internal,
                desk_model::words!("secret store: {e}", "密钥库出错：{e}"),
            )
        })
}

/// Signs in and reports the version and what the desk can do with it; stores nothing.
#[tauri::command]
pub async fn test_cluster_connection(connection: Connection, password: String) -> Reply<ServerInfo> {
    connection.validate()?;
    Ok(test_connection(&connection, &password).await?)
}

/// Adds a connection (tested first: a cluster that cannot be reached is not added).
#[tauri::command]
pub async fn add_cluster(state: State<'_, AppState>, connection: Connection, password: String) -> Reply<ClusterId> {
    connection.validate()?;
    state.store()?.check_writable()?;
    test_connection(&connection, &password).await?;
    let id = state.store()?.add_connection(&connection)?;
    store_password(&state, id, &password)?;
    crate::live::follow(&state, id);
    Ok(id)
}

/// Edits a connection; an empty password keeps the stored one.
#[tauri::command]
pub async fn update_cluster(
    state: State<'_, AppState>,
    cluster: ClusterId,
    connection: Connection,
    password: Option<String>,
) -> Reply<()> {
    connection.validate()?;
    if let Some(p) = password.as_deref().filter(|p| !p.is_empty()) {
        test_connection(&connection, p).await?;
    }
    state.store()?.update_connection(cluster, &connection)?;
    if let Some(p) = password.as_deref().filter(|p| !p.is_empty()) {
        store_password(&state, cluster, p)?;
    }
    crate::live::follow(&state, cluster);
    Ok(())
}

/// Gives this session the password of a cluster whose password is not stored.
#[tauri::command]
pub async fn set_cluster_password(state: State<'_, AppState>, cluster: ClusterId, password: String) -> Reply<()> {
    if password.is_empty() {
        return Err(IpcError::invalid(
            "password",
            desk_model::words!(
                "password: enter the sys tenant user's password",
                "password：请输入 sys 租户用户的密码"
            ),
        ));
    }
    state.store()?.connection(cluster)?;
    store_password(&state, cluster, &password)?;
    crate::live::follow(&state, cluster);
    Ok(())
}

#[tauri::command]
pub async fn get_connection(state: State<'_, AppState>, cluster: ClusterId) -> Reply<Option<Connection>> {
    Ok(state.store()?.connection(cluster)?)
}

/// Removes an added cluster, its cached history and its stored password.
#[tauri::command]
pub async fn remove_cluster(state: State<'_, AppState>, cluster: ClusterId) -> Reply<()> {
    crate::live::forget(&state, cluster).await;
    state.store()?.remove_connection(cluster)?;
    let _ = state.secrets.delete(&password_account(cluster));
    Ok(())
}
