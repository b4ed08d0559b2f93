//! What the shell holds for the life of the app.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use desk_engine::{ClusterBook, Operator, Sandbox, Scheduler, SecretBackend, SecretStore, SystemClock};
use std::time::Instant;

use desk_store::{Access, Store, CACHE_FILE_NAME};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{ErrorCode, IpcError};

/// The settings file, beside the cache in the app data dir.
pub const SETTINGS_FILE_NAME: &str = "settings.json";

pub struct AppState {
    /// The cache, or why it could not be opened (the app still starts and says so).
    cache: Result<Arc<Mutex<Store>>, String>,
    /// How to reach each cluster (sandbox addresses are set when the fleet starts).
    pub book: Option<Arc<ClusterBook>>,
    cache_status: CacheStatus,
    pub settings_path: PathBuf,
    pub system_zone: Option<String>,
    pub started: Instant,
    pub first_render: OnceLock<u64>,
    /// Where storage access keys live: the OS keyring, or this session's memory.
    pub secrets: Arc<dyn SecretStore>,
    pub secret_backend: SecretBackend,
    /// The sync loop of the clusters the administrator added (the sandbox has its own).
    pub live: OnceLock<Arc<desk_engine::SyncLoop>>,
    /// Runs strategies' schedules once the app is up.
    pub scheduler: Mutex<Option<Scheduler>>,
    /// The running sandbox fleet, if the setting has it on.
    pub sandbox: tauri::async_runtime::Mutex<Option<Sandbox>>,
}

/// The state of the cache, shown in the top bar and on the Settings page.
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

impl AppState {
    /// Opens the cache in `data_dir` (creating the folder); failure is kept, not fatal:
    /// the window opens and says why.
    pub fn open(data_dir: &Path, started: Instant) -> Self {
        let cache_path = data_dir.join(CACHE_FILE_NAME);
        let path = cache_path.display().to_string();
        let opened = std::fs::create_dir_all(data_dir)
            .map_err(|e| format!("The data folder {} cannot be created: {e}", data_dir.display()))
            .and_then(|()| Store::open(&cache_path).map_err(|e| e.to_string()));
        let (cache, cache_status) = match opened {
            Ok((store, report)) => {
                let status = match (report.access, report.set_aside) {
                    (Access::ReadOnlyNewerSchema { found, supported }, _) => {
                        CacheStatus::ReadOnlyNewerSchema { path, found, supported }
                    }
                    (Access::ReadOnlyFile, _) => CacheStatus::ReadOnlyFile { path },
                    (Access::ReadWrite, Some(aside)) => {
                        // Shown from now on in this session; the note is not needed again.
                        store.replacement_told();
                        CacheStatus::Recovered {
                            path,
                            set_aside: aside.display().to_string(),
                            damage: report.damage.unwrap_or_default(),
                        }
                    }
                    (Access::ReadWrite, None) => CacheStatus::Ready { path },
                };
                (Ok(Arc::new(Mutex::new(store))), status)
            }
            Err(message) => {
                tracing::error!(error = %message, "cache unavailable");
                (Err(message.clone()), CacheStatus::Unavailable { path, message })
            }
        };
        let (secrets, secret_backend) = desk_engine::probe_secret_store(desk_engine::secrets::KEYRING_SERVICE);
        let book = cache
            .as_ref()
            .ok()
            .map(|c| Arc::new(ClusterBook::new(c.clone(), secrets.clone())));
        Self {
            secrets,
            secret_backend,
            scheduler: Mutex::new(None),
            live: OnceLock::new(),
            cache,
            book,
            cache_status,
            settings_path: data_dir.join(SETTINGS_FILE_NAME),
            system_zone: iana_time_zone::get_timezone().ok(),
            started,
            first_render: OnceLock::new(),
            sandbox: tauri::async_runtime::Mutex::new(None),
        }
    }

    pub fn cache_status(&self) -> &CacheStatus {
        &self.cache_status
    }

    pub fn store(&self) -> Result<MutexGuard<'_, Store>, IpcError> {
        // A panic while holding the lock leaves SQLite consistent (it is transactional).
        Ok(self.cache_mutex()?.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// The cache's lock itself, for the engine (which locks only to write).
    pub fn cache_mutex(&self) -> Result<&Mutex<Store>, IpcError> {
        self.cache_shared().map(|c| c.as_ref())
    }

    /// The cache's lock, shared with the engine's sync loop (which outlives a command).
    pub fn cache_shared(&self) -> Result<&Arc<Mutex<Store>>, IpcError> {
        self.cache
            .as_ref()
            .map_err(|message| IpcError::new(ErrorCode::CacheUnavailable, unavailable(message)))
    }

    /// Starts the strategies' scheduler (once); backups it launches go through the operator.
    /// The background work, whether or not the sandbox runs: actions a crash left in
    /// doubt are settled first (before any new one is sent), then the scheduler starts.
    /// Once per run; later calls do nothing.
    pub async fn start_background(&self) {
        if self.scheduler_running() {
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
                Arc::new(desk_engine::OperatorLauncher(op)),
                desk_engine::SchedulerConfig::default(),
            ));
        }
    }

    /// Tells the scheduler strategies changed.
    pub fn reschedule(&self) {
        if let Some(s) = self.scheduler.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            s.reschedule();
        }
    }

    /// Cluster connections' use cases, on the cache and the secret store.
    pub fn connections(&self) -> Result<desk_engine::Connections, IpcError> {
        Ok(desk_engine::Connections {
            store: self.cache_shared()?.clone(),
            secrets: self.secrets.clone(),
        })
    }

    /// Strategies' use cases, on the operator and the secret store.
    pub fn strategies(&self) -> Result<desk_engine::Strategies, IpcError> {
        Ok(desk_engine::Strategies {
            op: self.operator()?,
            secrets: self.secrets.clone(),
        })
    }

    /// The engine's operator: actions on clusters, journaled as the OS user.
    pub fn operator(&self) -> Result<Operator, IpcError> {
        let store = self
            .cache
            .as_ref()
            .map_err(|message| IpcError::new(ErrorCode::CacheUnavailable, unavailable(message)))?;
        let book = self.book.clone().ok_or_else(|| {
            IpcError::new(
                ErrorCode::CacheUnavailable,
                desk_model::words!("no cache: the desk cannot act", "没有本地缓存：无法执行操作"),
            )
        })?;
        Ok(Operator {
            store: store.clone(),
            clock: Arc::new(SystemClock),
            directory: book,
            actor: whoami(),
            confirm_within: std::time::Duration::from_secs(5),
        })
    }
}

/// The OS user the desk runs as, written into the journal.
fn whoami() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".into())
}

/// Why the cache could not be opened, as the store said it (a path and SQLite's words).
fn unavailable(message: &str) -> desk_model::Words {
    desk_model::words!("{message}", "本地缓存不可用：{message}")
}
