//! The orchestration engine: brings what clusters report into the cache
//! (`sync`), runs the built-in sandbox (`sandbox`), applies backup strategies
//! (`strategy_apply`) and runs their schedules (`scheduler`), with storage
//! secrets in the OS keyring or the session (`secrets`). Pages never wait on it: it writes the cache and
//! the shell tells the UI to re-read.
//!
//! The engine reads no clock of its own in its rules: callers pass `now`, or
//! the scheduler a `Clock`.

pub mod sandbox;
pub mod scheduler;
pub mod secrets;
pub mod strategy_apply;
pub mod sync;

pub use sandbox::{Sandbox, SandboxCluster, FLEET};
pub use scheduler::{
    preview, Clock, DueRun, LaunchFailure, LaunchedRun, Launcher, RuntimeClock, Scheduler, SchedulerConfig, SystemClock,
};
pub use secrets::{probe as probe_secret_store, SecretBackend, SecretError, SecretStore};
pub use strategy_apply::{apply_strategy, ApplyReport};
pub use sync::{sync_cluster, SyncOutcome};
