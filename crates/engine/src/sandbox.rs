//! The built-in sandbox: a small fleet of emulated clusters in this process,
//! on loopback, reached through the same connector as a real cluster and kept in
//! the cache by the same sync loop, so sandbox jobs are seen progressing.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use desk_model::ClusterId;
use desk_oceanbase::{ConnectOptions, Password};
use desk_store::{NewCluster, Store};
use ob_emulator::{ClusterConfig, Emulator, HistorySeed, Release, ScaledClock, TenantConfig};
use tokio::sync::broadcast;

use crate::sync_loop::{Clock, LoopConfig, PassEvent, SyncLoop};

/// One emulated cluster of the fleet.
pub struct SandboxCluster {
    pub name: &'static str,
    /// The OceanBase release the cluster is (banner, views, statements, errors).
    pub release: Release,
    /// Its system time zone, which its backups record.
    pub time_zone: &'static str,
    /// (TENANT_ID, name, data size in GiB)
    pub tenants: &'static [(i64, &'static str, u64)],
    /// Weeks of seeded history (0 = none).
    pub history_days: u32,
    /// Tenants that back up to emulated object storage (OSS) instead of files: their
    /// destinations carry [`SANDBOX_OSS_ACCESS_ID`] and [`SANDBOX_OSS_ACCESS_KEY`].
    pub object_storage: &'static [&'static str],
}

/// What the sandbox's fault tools can do to one of its clusters, so offline mode, a
/// failed recovery or a stuck backup can be tried without a real outage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum SandboxFault {
    /// The cluster stops answering (connections closed, new ones refused).
    TakeOffline,
    /// It answers again; the desk's sync loop finds it by itself.
    BringOnline,
    /// The next recovery on it fails, leaving its tenant and pool behind.
    FailNextRestore,
    /// The next data backup on it runs until canceled.
    HangNextBackup,
}

impl SandboxFault {
    /// The emulator's fault for it.
    pub(crate) fn emulated(self) -> ob_emulator::Fault {
        use ob_emulator::Fault;
        match self {
            SandboxFault::TakeOffline => Fault::Unreachable,
            SandboxFault::BringOnline => Fault::Reachable,
            SandboxFault::FailNextRestore => Fault::RestoreFails {
                comment: "(ret=-4018) sandbox fault: the restore could not find the backup set it needs".into(),
            },
            SandboxFault::HangNextBackup => Fault::BackupHangs,
        }
    }
}

/// The AccessKey pair of the sandbox's emulated OSS bucket (a sandbox's, not a secret:
/// the README gives it, for trying a recovery from object storage).
pub const SANDBOX_OSS_ACCESS_ID: &str = "SANDBOXAKID";
pub const SANDBOX_OSS_ACCESS_KEY: &str = "sandbox-oss-secret";

/// A sandbox tenant's destination: emulated OSS or a file path.
fn sandbox_dest(cluster: &str, tenant: &str, kind: &str, oss: bool) -> String {
    if oss {
        format!(
            "oss://sandbox-bucket/{cluster}/{tenant}/{kind}?host=oss-cn-sandbox.example.com\
             &access_id={SANDBOX_OSS_ACCESS_ID}&access_key={SANDBOX_OSS_ACCESS_KEY}"
        )
    } else {
        format!("file:///sandbox/{cluster}/{tenant}/{kind}")
    }
}

/// The fleet: a 4.3.5 and a 4.2.1 Community cluster with history, and a 3.1.5
/// Community cluster on which tenant backup is refused by version.
pub const FLEET: &[SandboxCluster] = &[
    SandboxCluster {
        name: "sandbox-hz",
        release: Release::V4_3_5_CE,
        time_zone: "+08:00",
        tenants: &[
            (1002, "trade", 48),
            (1004, "billing", 12),
            (1006, "risk_ctl", 6),
            (1008, "media", 4),
        ],
        history_days: 28,
        object_storage: &["media"],
    },
    SandboxCluster {
        name: "sandbox-sh",
        release: Release::V4_2_1_CE,
        time_zone: "+08:00",
        tenants: &[(1002, "trade_dr", 40), (1004, "audit", 3)],
        history_days: 21,
        object_storage: &[],
    },
    SandboxCluster {
        name: "sandbox-legacy",
        release: Release::V3_1_5_CE,
        time_zone: "+08:00",
        tenants: &[(1002, "legacy_app", 8)],
        history_days: 14,
        object_storage: &[],
    },
];

const GIB: u64 = 1 << 30;
/// How long [`Sandbox::start`] and [`Sandbox::sync`] wait for a pass of each cluster.
const PASS_WAIT: Duration = Duration::from_secs(60);

/// The running fleet and its sync loop; [`Sandbox::stop`] stops both.
pub struct Sandbox {
    emulators: Vec<(&'static str, ClusterId, Emulator)>,
    sync: SyncLoop,
}

impl Sandbox {
    /// Starts every cluster of `fleet`, records it in the cache as a sandbox
    /// cluster, starts its sync loop and waits for each cluster's first pass.
    /// The emulated clocks start at `clock()`.
    pub async fn start(
        fleet: &[SandboxCluster],
        store: Arc<Mutex<Store>>,
        clock: Clock,
        config: LoopConfig,
    ) -> Result<Sandbox, String> {
        let mut emulators = Vec::new();
        let now = clock();
        for spec in fleet {
            let cluster_config = ClusterConfig {
                cluster_name: spec.name.to_owned(),
                release: spec.release,
                time_zone: spec.time_zone.to_owned(),
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
                            .then(|| sandbox_dest(spec.name, name, "data", spec.object_storage.contains(name))),
                        log_archive_dest: (spec.history_days > 0)
                            .then(|| sandbox_dest(spec.name, name, "archive", spec.object_storage.contains(name))),
                    })
                    .collect(),
                zones: vec!["zone1".into(), "zone2".into(), "zone3".into()],
                history: (spec.history_days > 0).then_some(HistorySeed {
                    days: spec.history_days,
                }),
            };
            let emulator_clock = Arc::new(ScaledClock::new(now.0, 1.0));
            let emulator = Emulator::start(cluster_config, emulator_clock)
                .await
                .map_err(|e| format!("sandbox cluster {}: {e}", spec.name))?;
            let addr = emulator.addr();
            let id = store
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .upsert_cluster(&NewCluster {
                    name: spec.name.to_owned(),
                    host: addr.ip().to_string(),
                    port: addr.port(),
                    sandbox: true,
                })
                .map_err(|e| format!("sandbox cluster {}: {e}", spec.name))?;
            emulators.push((spec.name, id, emulator));
        }
        let sync = SyncLoop::new(store, clock, config);
        let sandbox = Sandbox { emulators, sync };
        let events = sandbox.sync.subscribe();
        for (_, id, emulator) in &sandbox.emulators {
            let addr = emulator.addr();
            let opts = ConnectOptions::new(addr.ip().to_string(), addr.port(), "root@sys", Password::default());
            sandbox.sync.start(*id, opts);
        }
        sandbox.wait_for_passes(events).await;
        Ok(sandbox)
    }

    /// Every pass of the fleet's clusters; `changed` says when to tell the UI.
    pub fn subscribe(&self) -> broadcast::Receiver<PassEvent> {
        self.sync.subscribe()
    }

    /// Asks each cluster for a pass now and waits until each has made one; a
    /// failure is recorded on that cluster and does not stop the others.
    pub async fn sync(&self) {
        let events = self.sync.subscribe();
        for (_, id, _) in &self.emulators {
            self.sync.sync_now(*id);
        }
        self.wait_for_passes(events).await;
    }

    async fn wait_for_passes(&self, mut events: broadcast::Receiver<PassEvent>) {
        let mut waiting: Vec<ClusterId> = self.emulators.iter().map(|(_, id, _)| *id).collect();
        let wait = async {
            while !waiting.is_empty() {
                match events.recv().await {
                    Ok(event) => {
                        if let Err(failure) = &event.outcome {
                            tracing::warn!(cluster = event.cluster.0, error = %failure.message, "sandbox sync failed");
                        }
                        waiting.retain(|id| *id != event.cluster);
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(broadcast::error::RecvError::Closed) => break,
                }
            }
        };
        if tokio::time::timeout(PASS_WAIT, wait).await.is_err() {
            tracing::warn!("the sandbox's first passes did not all finish in time");
        }
    }

    pub fn addresses(&self) -> Vec<(&'static str, std::net::SocketAddr)> {
        self.emulators.iter().map(|(n, _, e)| (*n, e.addr())).collect()
    }

    /// The emulator behind a sandbox cluster (tests and the fault tools).
    pub fn emulator(&self, name: &str) -> Option<&Emulator> {
        self.emulators.iter().find(|(n, _, _)| *n == name).map(|(_, _, e)| e)
    }

    /// The sync loop of the fleet (to ask for a pass, or stop one cluster's).
    pub fn sync_loop(&self) -> &SyncLoop {
        &self.sync
    }

    pub async fn stop(self) {
        self.sync.stop_all().await;
        for (_, _, emulator) in self.emulators {
            emulator.stop().await;
        }
    }
}
