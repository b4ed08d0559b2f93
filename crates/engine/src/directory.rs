//! The desk's address book: how to reach each cached cluster. Sandbox
//! clusters are reached on the loopback addresses their emulators listen on
//! (they change at every start); added connections (with their password from
//! the keyring) arrive with the connections work.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use desk_model::ClusterId;
use desk_oceanbase::{ConnectOptions, Password};
use desk_store::Store;

use crate::operator::Directory;

pub struct ClusterBook {
    store: Arc<Mutex<Store>>,
    /// Sandbox cluster name -> where its emulator listens now.
    sandbox: Mutex<HashMap<String, SocketAddr>>,
}

impl ClusterBook {
    pub fn new(store: Arc<Mutex<Store>>) -> Self {
        ClusterBook {
            store,
            sandbox: Mutex::new(HashMap::new()),
        }
    }

    pub fn set_sandbox(&self, addresses: impl IntoIterator<Item = (String, SocketAddr)>) {
        *self.sandbox.lock().unwrap_or_else(|p| p.into_inner()) = addresses.into_iter().collect();
    }
}

impl Directory for ClusterBook {
    fn connect_options(&self, cluster: ClusterId) -> Option<ConnectOptions> {
        let c = self
            .store
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .cluster(cluster)
            .ok()?;
        if c.sandbox {
            let addr = *self.sandbox.lock().unwrap_or_else(|p| p.into_inner()).get(&c.name)?;
            return Some(ConnectOptions::new(
                addr.ip().to_string(),
                addr.port(),
                "root@sys",
                Password::default(),
            ));
        }
        None
    }
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
        let book = ClusterBook::new(store);
        assert!(book.connect_options(id).is_none(), "not started yet");
        book.set_sandbox([("sandbox-hz".to_owned(), "127.0.0.1:4242".parse().unwrap())]);
        let opts = book.connect_options(id).unwrap();
        assert_eq!((opts.host.as_str(), opts.port), ("127.0.0.1", 4242));
        assert!(book.connect_options(ClusterId(999)).is_none());
    }
}
