//! Cluster connections as the administrator manages them: add (tested first), edit,
//! give a password for the session, remove. The password goes to the secret store under
//! the engine's account for the cluster, never into the cache; keyring calls run off the
//! async workers. The caller starts or stops the cluster's sync loop.

use std::sync::{Arc, Mutex};

use desk_model::strategy::StorageSecret;
use desk_model::{words, ClusterId};
use desk_store::{Connection, Store};

use crate::directory::{password_account, test_connection};
use crate::refusal::{OpError, OpErrorCode};
use crate::secrets::SecretStore;

pub struct Connections {
    pub store: Arc<Mutex<Store>>,
    pub secrets: Arc<dyn SecretStore>,
}

impl Connections {
    fn lock(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    async fn keep_password(&self, cluster: ClusterId, password: &str) -> Result<(), OpError> {
        let secrets = self.secrets.clone();
        let secret = StorageSecret::new(password);
        tokio::task::spawn_blocking(move || secrets.set(&password_account(cluster), &secret))
            .await
            .map_err(|e| OpError::new(OpErrorCode::Cache, words!("secret store: {e}", "密钥库出错：{e}")))?
            .map_err(|e| {
                let (en, zh) = (&e.message.en, &e.message.zh);
                OpError::new(OpErrorCode::Cache, words!("secret store: {en}", "密钥库出错：{zh}"))
            })
    }

    /// Adds a connection, tested first: a cluster that cannot be reached is not added,
    /// and a cache that cannot be written refuses before the test.
    pub async fn add(&self, connection: &Connection, password: &str) -> Result<ClusterId, OpError> {
        connection.validate()?;
        self.lock().check_writable()?;
        test_connection(connection, password).await?;
        let id = self.lock().add_connection(connection)?;
        self.keep_password(id, password).await?;
        Ok(id)
    }

    /// Edits a connection; an empty password keeps the stored one (a new one is tested).
    pub async fn update(
        &self,
        cluster: ClusterId,
        connection: &Connection,
        password: Option<&str>,
    ) -> Result<(), OpError> {
        connection.validate()?;
        let password = password.filter(|p| !p.is_empty());
        if let Some(p) = password {
            test_connection(connection, p).await?;
        }
        self.lock().update_connection(cluster, connection)?;
        if let Some(p) = password {
            self.keep_password(cluster, p).await?;
        }
        Ok(())
    }

    /// Gives this session the password of a cluster whose password is not stored.
    pub async fn set_password(&self, cluster: ClusterId, password: &str) -> Result<(), OpError> {
        if password.is_empty() {
            return Err(OpError::new(
                OpErrorCode::InvalidInput,
                words!(
                    "password: enter the sys tenant user's password",
                    "password：请输入 sys 租户用户的密码"
                ),
            )
            .on("password"));
        }
        self.lock().connection(cluster)?;
        self.keep_password(cluster, password).await
    }

    /// Removes an added cluster, its cached history and its stored password.
    pub async fn remove(&self, cluster: ClusterId) -> Result<(), OpError> {
        self.lock().remove_connection(cluster)?;
        let secrets = self.secrets.clone();
        let deleted = tokio::task::spawn_blocking(move || secrets.delete(&password_account(cluster))).await;
        if !matches!(deleted, Ok(Ok(()))) {
            tracing::warn!(
                cluster = cluster.0,
                "the removed cluster's password stays in the secret store"
            );
        }
        Ok(())
    }
}
