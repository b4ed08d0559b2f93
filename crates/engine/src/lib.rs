//! The orchestration engine: brings what clusters report into the cache
//! (`sync`), carries out operator actions with pre-flight checks and a
//! journal (`backup_ops`, `restore_ops`, `operator`, `reconcile`), follows
//! running tasks (`progress`), keeps a sync loop per cluster (`sync_loop`), runs the built-in sandbox (`sandbox`), applies backup
//! strategies (`strategy_apply`) and runs their schedules (`scheduler`), with storage
//! secrets in the OS keyring or the session (`secrets`).
//! Pages never wait on it: it writes the cache and the shell tells the UI to re-read.
//!
//! The engine reads no clock of its own in its rules: time comes from an injected [`Clock`].

pub mod backup_ops;
pub mod clock;
pub mod connections;
pub mod desk;
pub mod directory;
pub mod exchange;
pub mod launch;
pub mod notices;
pub mod operator;
pub mod pages;
pub mod progress;
pub mod reconcile;
pub mod refusal;
pub mod restore_ops;
pub mod sandbox;
pub mod scheduler;
pub mod secrets;
pub mod strategies;
pub mod strategy_apply;
pub mod sync;
pub mod sync_loop;

pub use backup_ops::{BackupNow, TenantAction};
pub use clock::{Clock, RuntimeClock, SystemClock};
pub use connections::Connections;
pub use desk::{os_user, CacheStatus, Desk, ReadGuard};
pub use desk_oceanbase::ServerInfo;
pub use directory::{password_account, test_connection, ClusterBook};
pub use exchange::{export_bytes, read_history_file, ExportFormat, ExportResult};
pub use launch::OperatorLauncher;
pub use notices::NoticeWatch;
pub use operator::{Directory, Operator, Prepared, Receipt};
pub use pages::{RecoveryTarget, TimeRange};
pub use progress::{Follow, TaskKind, TaskProgress};
pub use refusal::{NearestTimes, OpError, OpErrorCode};
pub use restore_ops::{
    FailedRestoreActions, InitiateRecovery, Keys, PlacementOptions, Replica, RestoreRef, ZonePlacement,
};
pub use sandbox::{Sandbox, SandboxCluster, SandboxFault, FLEET, SANDBOX_OSS_ACCESS_ID, SANDBOX_OSS_ACCESS_KEY};
pub use scheduler::{preview, DueRun, LaunchFailure, LaunchedRun, Launcher, Scheduler, SchedulerConfig};
pub use secrets::{probe as probe_secret_store, SecretBackend, SecretError, SecretStore};
pub use strategies::{
    held_storage, held_storage_of, secret_account, with_secret_account, SavedStrategy, Strategies, StrategyView,
};
pub use strategy_apply::{
    apply_strategy, apply_strategy_watched, review_destinations, ApplyProgress, ApplyReport, ApplyStep, ApplyWaits,
    DestinationReview, TenantDestinations, TenantNote,
};
pub use sync::{sync_cluster, SyncOutcome, MAX_STATEMENTS_PER_PASS, VIEWS_READ_PER_PASS};
pub use sync_loop::{Clock as LoopClock, LoopConfig, PassEvent, PassFailure, SyncLoop};
