//! The desk's address book: how to reach each cached cluster. Sandbox
//! clusters are reached on the loopback addresses their emulators listen on
//! (they change at every start); added connections with their user and TLS
//! from the cache and their password from the secret store (account
//! `cluster-<id>`: the OS keyring, or this session's memory).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use desk_model::strategy::SecretRef;
use desk_model::{words, ClusterId, Words};
use desk_oceanbase::{ConnectOptions, Password};
use desk_store::Store;

use crate::operator::Directory;
use crate::refusal::{OpError, OpErrorCode};
use crate::secrets::SecretStore;

/// The secret-store account holding a cluster's sys-tenant password.
pub fn password_account(cluster: ClusterId) -> SecretRef {
    SecretRef::parse(&format!("cluster-{}", cluster.0)).expect("a valid account name")
}

pub struct ClusterBook {
    store: Arc<Mutex<Store>>,
    secrets: Arc<dyn SecretStore>,
    /// Sandbox cluster name -> where its emulator listens now.
    sandbox: Mutex<HashMap<String, SocketAddr>>,
}

impl ClusterBook {
    pub fn new(store: Arc<Mutex<Store>>, secrets: Arc<dyn SecretStore>) -> Self {
        ClusterBook {
            store,
            secrets,
            sandbox: Mutex::new(HashMap::new()),
        }
    }

    pub fn set_sandbox(&self, addresses: impl IntoIterator<Item = (String, SocketAddr)>) {
        *self.sandbox.lock().unwrap_or_else(|p| p.into_inner()) = addresses.into_iter().collect();
    }
}

impl Directory for ClusterBook {
    fn connect_options(&self, cluster: ClusterId) -> Result<ConnectOptions, OpError> {
        let unreachable = |why: Words| OpError::new(OpErrorCode::Unreachable, why);
        let cache = |e: desk_store::StoreError| unreachable(Words::new(e.to_string(), format!("本地缓存出错：{e}")));
        let store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let c = store.cluster(cluster).map_err(cache)?;
        let connection = store.connection(cluster).map_err(cache)?;
        drop(store);
        let name = &c.name;
        if let Some(label) = &c.imported_from {
            return Err(unreachable(words!(
                "{name} is history imported from {label}: it is for review and cannot be acted on",
                "{name} 是从 {label} 导入的历史记录：仅供查看，不能对其执行操作"
            )));
        }
        let Some(conn) = connection else {
            let addr = *self
                .sandbox
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get(&c.name)
                .ok_or_else(|| {
                    unreachable(words!(
                        "sandbox cluster {name} is not running (turn the sandbox on in Settings)",
                        "沙箱集群 {name} 未在运行（请在设置中开启内置沙箱）"
                    ))
                })?;
            return Ok(ConnectOptions::new(
                addr.ip().to_string(),
                addr.port(),
                "root@sys",
                Password::default(),
            ));
        };
        let password = self
            .secrets
            .get(&password_account(cluster))
            .map_err(|e| {
                let (en, zh) = (&e.message.en, &e.message.zh);
                OpError::new(
                    OpErrorCode::CredentialsNeeded,
                    words!("secret store: {en}", "密钥存储出错：{zh}"),
                )
                .on("password")
            })?
            .ok_or_else(|| {
                OpError::new(
                    OpErrorCode::CredentialsNeeded,
                    words!(
                        "password: the desk has no password for {name} in this session; enter it in Clusters",
                        "password：本次会话中桌面端没有 {name} 的密码，请在“集群”页面中输入"
                    ),
                )
                .on("password")
            })?;
        let mut opts = ConnectOptions::new(conn.host, conn.port, conn.user, Password::new(password.expose()));
        opts.tls = conn.tls;
        Ok(opts)
    }

    fn held_storage(&self, cluster: ClusterId) -> Vec<desk_model::StorageUri> {
        crate::strategies::held_storage_of(&self.store, self.secrets.as_ref(), cluster)
    }
}

/// Signs in with `connection` and `password` and says what the desk can do
/// with that server (the Test button of the connection form). Nothing is stored.
pub async fn test_connection(
    connection: &desk_store::Connection,
    password: &str,
) -> Result<desk_oceanbase::ServerInfo, OpError> {
    let mut opts = ConnectOptions::new(
        connection.host.clone(),
        connection.port,
        connection.user.clone(),
        Password::new(password),
    );
    opts.tls = connection.tls;
    let session = desk_oceanbase::Session::connect(&opts).await.map_err(|e| {
        let mut err = OpError::from(e.clone());
        if e.server_code.is_none() && e.code != desk_oceanbase::ObErrorCode::Unsupported {
            err.code = OpErrorCode::Unreachable;
        }
        err
    })?;
    let info = session.info().clone();
    session.close().await;
    Ok(info)
}

#[cfg(test)]
mod tests {
    use super::*;
    use desk_store::NewCluster;

    #[test]
    fn sandbox_clusters_are_reached_where_their_emulator_listens_now() {
        let store = Arc::new(Mutex::new(Store::open_in_memory().unwrap()));
        let id = store
            .lock()
            .unwrap()
            .upsert_cluster(&NewCluster {
                name: "sandbox-hz".into(),
                host: "127.0.0.1".into(),
                port: 1,
                sandbox: true,
            })
            .unwrap();
        let book = ClusterBook::new(store, Arc::new(crate::secrets::SessionSecrets::default()));
        assert!(book.connect_options(id).is_err(), "not started yet");
        book.set_sandbox([("sandbox-hz".to_owned(), "127.0.0.1:4242".parse().unwrap())]);
        let opts = book.connect_options(id).unwrap();
        assert_eq!((opts.host.as_str(), opts.port), ("127.0.0.1", 4242));
        assert!(book.connect_options(ClusterId(999)).is_err());
    }
}
