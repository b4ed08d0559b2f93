//! The built-in sandbox: a small fleet of emulated clusters in this process,
//! on loopback, reached through the same connector as a real cluster.

use std::sync::{Arc, Mutex};

use desk_model::UtcMicros;
use desk_oceanbase::{ConnectOptions, Password};
use desk_store::{NewCluster, Store};
use ob_emulator::{ClusterConfig, Emulator, HistorySeed, ScaledClock, TenantConfig};

use crate::sync::sync_cluster;

/// One emulated cluster of the fleet.
pub struct SandboxCluster {
    pub name: &'static str,
    pub version: &'static str,
    pub build: &'static str,
    /// (TENANT_ID, name, data size in GiB)
    pub tenants: &'static [(i64, &'static str, u64)],
    /// Weeks of seeded history (0 = none).
    pub history_days: u32,
}

/// The fleet: a 4.3 and a 4.2 cluster with history, and a 3.2.1 cluster on
/// which tenant backup is refused by version.
pub const FLEET: &[SandboxCluster] = &[
    SandboxCluster {
        name: "sandbox-hz",
        version: "4.3.5.3",
        build: "103000012025052916",
        tenants: &[(1002, "trade", 48), (1004, "billing", 12), (1006, "risk_ctl", 6)],
        history_days: 28,
    },
    SandboxCluster {
        name: "sandbox-sh",
        version: "4.2.1.7",
        build: "107000162024060611",
        tenants: &[(1002, "trade_dr", 40), (1004, "audit", 3)],
        history_days: 21,
    },
    SandboxCluster {
        name: "sandbox-legacy",
        version: "3.2.1",
        build: "20211230101010",
        tenants: &[(1002, "legacy_app", 8)],
        history_days: 0,
    },
];

const GIB: u64 = 1 << 30;

/// The running fleet; dropping it stops nothing, [`Sandbox::stop`] does.
pub struct Sandbox {
    emulators: Vec<(&'static str, Emulator)>,
}

impl Sandbox {
    /// Starts every cluster of `fleet`, records it in the cache as a sandbox
    /// cluster and syncs it. `now` starts the emulated clocks.
    pub async fn start(fleet: &[SandboxCluster], store: &Mutex<Store>, now: UtcMicros) -> Result<Sandbox, String> {
        let mut emulators = Vec::new();
        for spec in fleet {
            let config = ClusterConfig {
                cluster_name: spec.name.to_owned(),
                version: spec.version.to_owned(),
                build: spec.build.to_owned(),
                password: String::new(),
                tenants: spec
                    .tenants
                    .iter()
                    .map(|(id, name, gib)| TenantConfig {
                        tenant_id: *id,
                        name: (*name).to_owned(),
                        data_bytes: gib * GIB,
                        archivelog: spec.history_days > 0,
                        data_backup_dest: (spec.history_days > 0)
                            .then(|| format!("file:///sandbox/{}/{name}/data", spec.name)),
                        log_archive_dest: (spec.history_days > 0)
                            .then(|| format!("file:///sandbox/{}/{name}/archive", spec.name)),
                    })
                    .collect(),
                zones: vec!["zone1".into(), "zone2".into(), "zone3".into()],
                history: (spec.history_days > 0).then_some(HistorySeed {
                    days: spec.history_days,
                }),
            };
            let clock = Arc::new(ScaledClock::new(now.0, 1.0));
            let emulator = Emulator::start(config, clock)
                .await
                .map_err(|e| format!("sandbox cluster {}: {e}", spec.name))?;
            emulators.push((spec.name, emulator));
        }
        let sandbox = Sandbox { emulators };
        sandbox.sync(store, now).await;
        Ok(sandbox)
    }

    /// Brings each sandbox cluster's inventory and history into the cache; a failure is
    /// recorded on that cluster and does not stop the others.
    pub async fn sync(&self, store: &Mutex<Store>, now: UtcMicros) {
        for (name, emulator) in &self.emulators {
            let addr = emulator.addr();
            let id = {
                let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
                store.upsert_cluster(&NewCluster {
                    name: (*name).to_owned(),
                    host: addr.ip().to_string(),
                    port: addr.port(),
                    sandbox: true,
                })
            };
            let id = match id {
                Ok(id) => id,
                Err(e) => {
                    tracing::warn!(cluster = name, error = %e, "cannot record the sandbox cluster");
                    continue;
                }
            };
            let opts = ConnectOptions::new(addr.ip().to_string(), addr.port(), "root@sys", Password::default());
            if let Err(e) = sync_cluster(store, id, &opts, now).await {
                tracing::warn!(cluster = name, error = %e, "sandbox sync failed");
            }
        }
    }

    pub fn addresses(&self) -> Vec<(&'static str, std::net::SocketAddr)> {
        self.emulators.iter().map(|(n, e)| (*n, e.addr())).collect()
    }

    pub async fn stop(self) {
        for (_, emulator) in self.emulators {
            emulator.stop().await;
        }
    }
}
