//! The orchestration engine: brings what clusters report into the cache
//! (`sync`), carries out operator actions with pre-flight checks and a
//! journal (`backup_ops`, `restore_ops`, `operator`, `reconcile`), follows
//! running tasks (`progress`), and runs the built-in sandbox (`sandbox`).
//! Pages never wait on it: it writes the cache and the shell tells the UI to re-read.
//!
//! The engine reads no clock of its own in its rules: time comes from an injected [`Clock`].

pub mod backup_ops;
pub mod directory;
pub mod operator;
pub mod progress;
pub mod reconcile;
pub mod refusal;
pub mod restore_ops;
pub mod sandbox;
pub mod sync;

pub use backup_ops::{BackupNow, TenantAction};
pub use directory::ClusterBook;
pub use operator::{Clock, Directory, Operator, Prepared, Receipt, SystemClock};
pub use progress::{Follow, TaskKind, TaskProgress};
pub use refusal::{NearestTimes, OpError, OpErrorCode};
pub use restore_ops::{InitiateRecovery, PlacementOptions, Replica, RestoreRef, ZonePlacement};
pub use sandbox::{Sandbox, SandboxCluster, FLEET};
pub use sync::{sync_cluster, SyncOutcome};
