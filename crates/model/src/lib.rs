//! Pure domain types and rules of OB Backup Desk.
//!
//! Nothing here performs I/O or reads the clock: callers pass time in as
//! [`UtcMicros`]. Every type that crosses IPC derives `ts_rs::TS` so the UI's
//! TypeScript is generated, never written by hand.

pub mod backup;
pub mod inventory;
pub mod names;
pub mod overview;
pub mod period;
pub mod settings;
pub mod status;
pub mod storage;
pub mod tasks;
pub mod time;
pub mod version;
pub mod window;

pub use inventory::{Cluster, ClusterId, Tenant, TenantId, TenantRecord};
pub use names::{InvalidInput, ObName};
pub use settings::{Language, Settings, SettingsError};
pub use storage::{StorageKind, StorageUri};
pub use time::UtcMicros;
pub use version::{ObVersion, VersionParseError};
