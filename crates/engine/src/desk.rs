//! The desk as one service, driven by both doors (the app's shell and the `desk` CLI):
//! it owns the cache (one writer, a pool of readers, one change feed), the secrets
//! (accounts named here, the keyring called off the runtime), the background work
//! (the journal settled, then the scheduler, then the sync loops; the sandbox only
//! when asked) and the use cases the doors call.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use desk_model::{words, ClusterId};
use desk_store::{Access, OpenReport, Reader, Readers, Store, StoreError, CACHE_FILE_NAME};
use serde::Serialize;
use ts_rs::TS;

use crate::clock::{Clock, SystemClock};
use crate::connections::Connections;
use crate::directory::ClusterBook;
use crate::launch::OperatorLauncher;
use crate::operator::{Directory, Operator};
use crate::sandbox::{Sandbox, SandboxFault, FLEET};
use crate::scheduler::{Scheduler, SchedulerConfig};
use crate::secrets::{SecretBackend, SecretStore, KEYRING_SERVICE};
use crate::strategies::Strategies;
use crate::sync_loop::{LoopConfig, SyncLoop};

/// How often the desk looks for writes another process (the CLI, a second window)
/// committed to the cache: SQLite tells only those who ask (`data_version`).
const FOREIGN_WRITES_EVERY: Duration = Duration::from_secs(1);

/// How the cache opened, shown in the top bar and on the Settings page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum CacheStatus {
    Ready {
        path: String,
    },
    /// A damaged cache was moved aside and a fresh one created.
    Recovered {
        path: String,
        set_aside: String,
        damage: String,
    },
    ReadOnlyNewerSchema {
        path: String,
        found: i64,
        supported: i64,
    },
    /// The file or its folder cannot be written: shown, not updated.
    ReadOnlyFile {
        path: String,
    },
    Unavailable {
        path: String,
        message: String,
    },
}

impl CacheStatus {
    fn of(report: &OpenReport) -> CacheStatus {
        let path = report.path.display().to_string();
        match (report.access, &report.set_aside) {
            (Access::ReadOnlyNewerSchema { found, supported }, _) => {
                CacheStatus::ReadOnlyNewerSchema { path, found, supported }
            }
            (Access::ReadOnlyFile | Access::Reader, _) => CacheStatus::ReadOnlyFile { path },
            (Access::ReadWrite, Some(aside)) => CacheStatus::Recovered {
                path,
                set_aside: aside.display().to_string(),
                damage: report.damage.clone().unwrap_or_default(),
            },
            (Access::ReadWrite, None) => CacheStatus::Ready { path },
        }
    }
}

struct Cache {
    writer: Arc<Mutex<Store>>,
    /// None for a cache that is not a writable file (in memory, read-only): reads
    /// then share the writer's connection.
    readers: Option<Readers>,
}

/// A read of the cache: a pooled reader, or the writer's connection where there is no pool.
pub enum ReadGuard<'a> {
    Pooled(Box<Reader>),
    Writer(MutexGuard<'a, Store>),
}

impl std::ops::Deref for ReadGuard<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        match self {
            ReadGuard::Pooled(r) => r,
            ReadGuard::Writer(w) => w,
        }
    }
}

/// The engine as one service: see the module's account.
pub struct Desk {
    cache: Result<Cache, String>,
    status: CacheStatus,
    /// The keyring, or this session's memory; probed when first needed (a listing
    /// from the CLI never waits on D-Bus).
    secrets: OnceLock<(Arc<dyn SecretStore>, SecretBackend)>,
    /// How to reach each cluster (sandbox addresses are set when the fleet starts).
    book: OnceLock<Arc<ClusterBook>>,
    /// Who the journal says acted.
    actor: String,
    /// The sync loop of the clusters the administrator added (the sandbox has its own).
    live: OnceLock<Arc<SyncLoop>>,
    scheduler: Mutex<Option<Scheduler>>,
    sandbox: tokio::sync::Mutex<Option<Sandbox>>,
}

impl Desk {
    /// Opens the cache in `data_dir` (creating the folder), never failing: a cache that
    /// cannot be opened is kept as the reason, for the window to say.
    pub fn open(data_dir: &Path, actor: String) -> Desk {
        let cache_path = data_dir.join(CACHE_FILE_NAME);
        let opened = std::fs::create_dir_all(data_dir)
            .map_err(|e| format!("The data folder {} cannot be created: {e}", data_dir.display()))
            .and_then(|()| Store::open(&cache_path).map_err(|e| e.to_string()));
        let desk = match opened {
            Ok((store, report)) => {
                if report.set_aside.is_some() {
                    // Shown from now on in this session; the note is not needed again.
                    store.replacement_told();
                }
                Desk::over(store, &report, actor)
            }
            Err(message) => {
                tracing::error!(error = %message, "cache unavailable");
                let status = CacheStatus::Unavailable {
                    path: cache_path.display().to_string(),
                    message: message.clone(),
                };
                Desk::new(Err(message), status, actor)
            }
        };
        // The keyring is probed here, before any runtime: its calls block.
        desk.secret_store();
        desk
    }

    /// The desk over a cache already opened (the CLI opens its own, to refuse a missing one).
    pub fn over(store: Store, report: &OpenReport, actor: String) -> Desk {
        let readers = (store.access() == Access::ReadWrite).then(|| Readers::new(store.path()));
        let cache = Cache {
            writer: Arc::new(Mutex::new(store)),
            readers,
        };
        Desk::new(Ok(cache), CacheStatus::of(report), actor)
    }

    fn new(cache: Result<Cache, String>, status: CacheStatus, actor: String) -> Desk {
        Desk {
            status,
            cache,
            secrets: OnceLock::new(),
            book: OnceLock::new(),
            actor,
            live: OnceLock::new(),
            scheduler: Mutex::new(None),
            sandbox: tokio::sync::Mutex::new(None),
        }
    }

    pub fn status(&self) -> &CacheStatus {
        &self.status
    }

    /// Keeps secrets in `store` instead of probing the keyring (tests); before first use only.
    pub fn keep_secrets_in(&self, store: Arc<dyn SecretStore>, backend: SecretBackend) {
        let _ = self.secrets.set((store, backend));
    }

    fn secret_store(&self) -> &(Arc<dyn SecretStore>, SecretBackend) {
        self.secrets.get_or_init(|| crate::secrets::probe(KEYRING_SERVICE))
    }

    pub fn secret_backend(&self) -> &SecretBackend {
        &self.secret_store().1
    }

    pub fn secrets(&self) -> &Arc<dyn SecretStore> {
        &self.secret_store().0
    }

    /// Cluster passwords from the keyring, sandbox addresses from the running fleet.
    fn book(&self) -> Result<&Arc<ClusterBook>, StoreError> {
        let writer = self.cache_shared()?;
        Ok(self
            .book
            .get_or_init(|| Arc::new(ClusterBook::new(writer.clone(), self.secrets().clone()))))
    }

    fn cache(&self) -> Result<&Cache, StoreError> {
        self.cache.as_ref().map_err(|message| StoreError::Unavailable {
            message: message.clone(),
        })
    }

    /// The writer, for a write (or a read that must see the writer's open transaction).
    pub fn store(&self) -> Result<MutexGuard<'_, Store>, StoreError> {
        // A panic while holding the lock leaves SQLite consistent (it is transactional).
        Ok(self.cache()?.writer.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// A reader, for the pages: never waits on the writer.
    pub fn read(&self) -> Result<ReadGuard<'_>, StoreError> {
        let cache = self.cache()?;
        match &cache.readers {
            Some(readers) => Ok(ReadGuard::Pooled(Box::new(readers.get()?))),
            None => Ok(ReadGuard::Writer(
                cache.writer.lock().unwrap_or_else(|p| p.into_inner()),
            )),
        }
    }

    /// The writer's lock, shared with work that outlives a call (sync loops, the scheduler).
    pub fn cache_shared(&self) -> Result<&Arc<Mutex<Store>>, StoreError> {
        Ok(&self.cache()?.writer)
    }

    /// A count that grows with every committed write to the cache, this process's or
    /// another's (seen once [`Desk::start_background`] runs), and with every failed sync
    /// pass (what the pages show of a cluster's reachability changed).
    pub fn changes(&self) -> Result<tokio::sync::watch::Receiver<u64>, StoreError> {
        Ok(self.store()?.changes())
    }

    /// The engine's operator: actions on clusters, journaled as this desk's actor.
    pub fn operator(&self) -> Result<Operator, StoreError> {
        let book = self.book()?.clone();
        self.operator_with(book)
    }

    /// The operator reaching clusters through `directory` (the CLI's passwords come
    /// from the environment, not the keyring).
    pub fn operator_with(&self, directory: Arc<dyn Directory>) -> Result<Operator, StoreError> {
        Ok(Operator {
            store: self.cache_shared()?.clone(),
            clock: Arc::new(SystemClock),
            directory,
            actor: self.actor.clone(),
            confirm_within: Duration::from_secs(5),
        })
    }

    /// Strategies' use cases, on the operator and the secret store.
    pub fn strategies(&self) -> Result<Strategies, StoreError> {
        self.strategies_with(self.operator()?)
    }

    /// Strategies' use cases through an operator of the caller's (the CLI's directory).
    pub fn strategies_with(&self, op: Operator) -> Result<Strategies, StoreError> {
        Ok(Strategies {
            op,
            secrets: self.secrets().clone(),
        })
    }

    /// Cluster connections' use cases, on the cache and the secret store.
    pub fn connections(&self) -> Result<Connections, StoreError> {
        Ok(Connections {
            store: self.cache_shared()?.clone(),
            secrets: self.secrets().clone(),
        })
    }

    /// The background work, whether or not the sandbox runs, in this order: actions a
    /// crash left in doubt are settled (before any new one is sent), then the scheduler
    /// starts, then the sync loops of the clusters the administrator added, and the
    /// watch for other processes' writes. Once per run; later calls do nothing.
    pub async fn start_background(&self) {
        if self.scheduler_running() || self.cache.is_err() {
            return;
        }
        if let Ok(op) = self.operator() {
            match op.reconcile().await {
                Ok(settled) if !settled.is_empty() => tracing::info!(count = settled.len(), "journal reconciled"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "journal reconciliation failed"),
            }
        }
        self.start_scheduler();
        self.start_live().await;
        self.watch_foreign_writes();
    }

    /// Whether strategies' schedules are being run.
    pub fn scheduler_running(&self) -> bool {
        self.scheduler.lock().unwrap_or_else(|p| p.into_inner()).is_some()
    }

    fn start_scheduler(&self) {
        let Ok(op) = self.operator() else { return };
        let mut slot = self.scheduler.lock().unwrap_or_else(|p| p.into_inner());
        if slot.is_none() {
            *slot = Some(Scheduler::start(
                op.store.clone(),
                Arc::new(SystemClock),
                Arc::new(OperatorLauncher(op)),
                SchedulerConfig::default(),
            ));
        }
    }

    /// Tells the scheduler strategies changed.
    pub fn reschedule(&self) {
        if let Some(s) = self.scheduler.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            s.reschedule();
        }
    }

    async fn start_live(&self) {
        let Ok(cache) = self.cache() else { return };
        let live = self
            .live
            .get_or_init(|| {
                Arc::new(SyncLoop::new(
                    cache.writer.clone(),
                    Arc::new(|| SystemClock.now()),
                    LoopConfig::default(),
                ))
            })
            .clone();
        let announcer = cache.writer.lock().unwrap_or_else(|p| p.into_inner()).announcer();
        let mut passes = live.subscribe();
        tokio::spawn(async move {
            use tokio::sync::broadcast::error::RecvError;
            loop {
                match passes.recv().await {
                    // A pass that wrote is heard from the cache's feed; one that failed
                    // changed only what the pages show of the cluster's reachability.
                    Ok(pass) if pass.outcome.is_err() => announcer.announce(),
                    Ok(_) => {}
                    Err(RecvError::Lagged(_)) => announcer.announce(),
                    Err(RecvError::Closed) => break,
                }
            }
        });
        let clusters = self.read().and_then(|s| s.clusters()).unwrap_or_default();
        for c in clusters.iter().filter(|c| !c.sandbox && c.imported_from.is_none()) {
            self.follow(c.id).await;
        }
    }

    /// (Re)starts the sync loop of one added cluster, if its password is at hand this session.
    pub async fn follow(&self, cluster: ClusterId) {
        let (Some(live), Ok(book)) = (self.live.get(), self.book()) else {
            return;
        };
        let book: Arc<dyn Directory> = book.clone();
        match crate::operator::connect_options_off_runtime(&book, cluster).await {
            Ok(opts) => live.start(cluster, opts),
            Err(e) => tracing::info!(cluster = cluster.0, reason = %e, "not synced this session"),
        }
    }

    /// Stops following a cluster (before it is removed).
    pub async fn forget(&self, cluster: ClusterId) {
        if let Some(live) = self.live.get() {
            live.stop(cluster).await;
        }
    }

    /// Another process's commits (the CLI adding a strategy, importing, syncing) reach
    /// the change feed and the scheduler: SQLite's `data_version` on a connection of its
    /// own, asked every [`FOREIGN_WRITES_EVERY`].
    fn watch_foreign_writes(&self) {
        let Ok(cache) = self.cache() else { return };
        if cache.readers.is_none() {
            // Not a writable file: nobody else writes it.
            return;
        }
        let (announcer, mut own, path) = {
            let w = cache.writer.lock().unwrap_or_else(|p| p.into_inner());
            (w.announcer(), w.changes(), w.path().to_owned())
        };
        // A connection of its own, not one of the pages' readers.
        let watcher = match Store::open_reader(&path) {
            Ok(w) => w,
            Err(e) => {
                tracing::warn!(error = %e, "other processes' writes will not be seen until a restart");
                return;
            }
        };
        let scheduler_wake = self
            .scheduler
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(Scheduler::waker);
        // Read now: a commit between this call and the task's first look is still seen.
        let Ok(mut seen) = watcher.data_version() else { return };
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(FOREIGN_WRITES_EVERY).await;
                let Ok(now) = watcher.data_version() else { continue };
                if now == seen {
                    continue;
                }
                seen = now;
                // This process's own commits move `data_version` too and are already on
                // the feed; a second announcement would only repeat the pages' reads.
                let own_wrote = own.has_changed().unwrap_or(false);
                own.borrow_and_update();
                if !own_wrote {
                    announcer.announce();
                }
                if let Some(wake) = &scheduler_wake {
                    wake.notify_one();
                }
            }
        });
    }

    /// Brings the built-in sandbox to `enabled`: starts the fleet and syncs it, or stops
    /// it and removes its clusters from the cache.
    pub async fn set_sandbox(&self, enabled: bool) {
        let Ok(cache) = self.cache() else {
            tracing::warn!("no cache: the sandbox stays off");
            return;
        };
        let mut slot = self.sandbox.lock().await;
        if enabled && slot.is_none() {
            match Sandbox::start(
                FLEET,
                cache.writer.clone(),
                Arc::new(|| SystemClock.now()),
                LoopConfig::default(),
            )
            .await
            {
                Ok(sandbox) => {
                    for (name, addr) in sandbox.addresses() {
                        tracing::info!(cluster = name, %addr, "sandbox cluster listening");
                    }
                    if let Ok(book) = self.book() {
                        book.set_sandbox(sandbox.addresses().into_iter().map(|(n, a)| (n.to_owned(), a)));
                    }
                    *slot = Some(sandbox);
                }
                Err(e) => tracing::error!(error = %e, "the sandbox did not start"),
            }
        } else if !enabled {
            if let Some(sandbox) = slot.take() {
                sandbox.stop().await;
            }
            if let Ok(book) = self.book() {
                book.set_sandbox([]);
            }
            let removed = cache
                .writer
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .remove_sandbox_clusters();
            if let Err(e) = removed {
                tracing::warn!(error = %e, "could not remove the sandbox clusters from the cache");
            }
        }
    }

    /// A pass of `cluster`'s sync now rather than at its next retry (an offline cluster's
    /// "Retry Now"). Refused, saying why, for imported history and for a cluster the desk
    /// does not follow this session (its password is not at hand).
    pub async fn sync_now(&self, cluster: ClusterId) -> Result<(), crate::OpError> {
        let record = self.read()?.cluster(cluster)?;
        let name = &record.name;
        if let Some(label) = &record.imported_from {
            return Err(crate::OpError::new(
                crate::OpErrorCode::InvalidInput,
                words!(
                    "{name} is imported history ({label}): it has no cluster to refresh from",
                    "{name} 是导入的历史记录（{label}）：没有可刷新的集群"
                ),
            )
            .on("cluster"));
        }
        let woken = if record.sandbox {
            let slot = self.sandbox.lock().await;
            slot.as_ref().is_some_and(|s| s.sync_loop().sync_now(cluster))
        } else {
            self.live.get().is_some_and(|l| l.sync_now(cluster))
        };
        if woken {
            return Ok(());
        }
        Err(crate::OpError::new(
            crate::OpErrorCode::CredentialsNeeded,
            words!(
                "{name} is not synchronized this session: enter its password on the Clusters page",
                "本次运行未同步 {name}：请在集群页面输入其密码"
            ),
        )
        .on("cluster"))
    }

    /// Applies one of the sandbox's faults to one of its clusters. Only sandbox clusters
    /// have them.
    pub async fn sandbox_fault(&self, cluster: ClusterId, fault: SandboxFault) -> Result<(), crate::OpError> {
        let record = self.read()?.cluster(cluster)?;
        let not_sandbox = || {
            let name = &record.name;
            crate::OpError::new(
                crate::OpErrorCode::InvalidInput,
                words!(
                    "{name} is not a running sandbox cluster; faults exist only in the sandbox",
                    "{name} 不是运行中的沙箱集群；故障只能在沙箱中模拟"
                ),
            )
            .on("cluster")
        };
        if !record.sandbox {
            return Err(not_sandbox());
        }
        let slot = self.sandbox.lock().await;
        let sandbox = slot.as_ref().ok_or_else(not_sandbox)?;
        let emulator = sandbox.emulator(&record.name).ok_or_else(not_sandbox)?;
        emulator.inject(fault.emulated());
        tracing::info!(cluster = %record.name, ?fault, "sandbox fault");
        if fault == SandboxFault::TakeOffline {
            // Seen at once rather than at the next scheduled pass; coming back is left to
            // the loop's own retries.
            sandbox.sync_loop().sync_now(cluster);
        }
        if let Ok(store) = self.store() {
            store.announcer().announce();
        }
        Ok(())
    }

    /// Stops the background work and the sandbox (tests, and an orderly exit).
    pub async fn stop(&self) {
        let scheduler = self.scheduler.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(s) = scheduler {
            s.stop().await;
        }
        if let Some(live) = self.live.get() {
            live.stop_all().await;
        }
        if let Some(sandbox) = self.sandbox.lock().await.take() {
            sandbox.stop().await;
        }
    }
}

/// The OS user the desk runs as, for the journal.
pub fn os_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".into())
}
