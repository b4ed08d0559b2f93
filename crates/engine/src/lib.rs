//! The orchestration engine: brings what clusters report into the cache, and
//! runs the built-in sandbox. Pages never wait on it: it writes the cache and
//! the shell tells the UI to re-read.
//!
//! The engine reads no clock of its own in its rules: callers pass `now`.

pub mod inventory;
pub mod sandbox;

pub use inventory::{sync_inventory, SyncOutcome};
pub use sandbox::{Sandbox, SandboxCluster, FLEET};
