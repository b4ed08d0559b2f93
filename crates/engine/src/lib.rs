//! The orchestration engine: brings what clusters report into the cache
//! (`sync`, on a loop per cluster: `sync_loop`), and runs the built-in sandbox (`sandbox`). Pages never wait on it: it writes the cache and
//! the shell tells the UI to re-read.
//!
//! The engine reads no clock of its own in its rules: callers pass `now`.

pub mod sandbox;
pub mod sync;
pub mod sync_loop;

pub use sandbox::{Sandbox, SandboxCluster, FLEET};
pub use sync::{sync_cluster, SyncOutcome, MAX_STATEMENTS_PER_PASS};
pub use sync_loop::{Clock, LoopConfig, PassEvent, PassFailure, SyncLoop};
