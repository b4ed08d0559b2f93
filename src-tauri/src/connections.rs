//! Cluster connections: add, edit, test, remove. The password goes to the
//! secret store (OS keyring, or this session's memory when there is none) and
//! never into the cache, the settings, logs or replies.

use desk_engine::test_connection;
use desk_engine::ServerInfo;
use desk_model::ClusterId;
use desk_store::Connection;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

type Reply<T> = Result<T, IpcError>;

/// Signs in and reports the version and what the desk can do with it; stores nothing.
#[tauri::command]
pub async fn test_cluster_connection(connection: Connection, password: String) -> Reply<ServerInfo> {
    connection.validate()?;
    Ok(test_connection(&connection, &password).await?)
}

/// Adds a connection (tested first: a cluster that cannot be reached is not added).
#[tauri::command]
pub async fn add_cluster(state: State<'_, AppState>, connection: Connection, password: String) -> Reply<ClusterId> {
    let id = state.connections()?.add(&connection, &password).await?;
    state.follow(id).await;
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
    state
        .connections()?
        .update(cluster, &connection, password.as_deref())
        .await?;
    state.follow(cluster).await;
    Ok(())
}

/// An offline cluster's "Retry Now": its sync pass now instead of at its next retry.
#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>, cluster: ClusterId) -> Reply<()> {
    Ok(state.sync_now(cluster).await?)
}

/// Gives this session the password of a cluster whose password is not stored.
#[tauri::command]
pub async fn set_cluster_password(state: State<'_, AppState>, cluster: ClusterId, password: String) -> Reply<()> {
    state.connections()?.set_password(cluster, &password).await?;
    state.follow(cluster).await;
    Ok(())
}

#[tauri::command]
pub async fn get_connection(state: State<'_, AppState>, cluster: ClusterId) -> Reply<Option<Connection>> {
    Ok(state.read()?.connection(cluster)?)
}

/// Removes an added cluster (its sync loop first), its cached history and its stored password.
#[tauri::command]
pub async fn remove_cluster(state: State<'_, AppState>, cluster: ClusterId) -> Reply<()> {
    state.forget(cluster).await;
    Ok(state.connections()?.remove(cluster).await?)
}
