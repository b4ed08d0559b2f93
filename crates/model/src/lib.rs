//! Pure domain types and rules of OB Backup Desk.
//!
//! Nothing here performs I/O or reads the clock: callers pass time in as
//! [`UtcMicros`]. Every type that crosses IPC derives `ts_rs::TS` so the UI's
//! TypeScript is generated, never written by hand.

pub mod backup;
pub mod exchange;
pub mod inventory;
pub mod journal;
pub mod names;
pub mod notices;
pub mod overview;
pub mod period;
pub mod placement;
pub mod progress;
#[cfg(any(test, feature = "samples"))]
pub mod samples;
pub mod schedule;
pub mod settings;
pub mod status;
pub mod storage;
pub mod strategy;
pub mod tasks;
pub mod time;
pub mod version;
pub mod window;
pub mod words;

pub use inventory::{Cluster, ClusterId, Tenant, TenantId, TenantRecord};
pub use names::{InvalidInput, ObName};
pub use schedule::{next_runs, ScheduledRun, SlotRun, SlotState};
pub use settings::{Language, Settings, SettingsError};
pub use storage::{AccessKeys, StorageKind, StorageUri};
pub use strategy::{
    BackupMethod, CycleMode, DayPlan, DestinationChange, DestinationKind, SecretRef, StorageSecret, StorageSpec,
    Strategy, StrategyId, StrategyRecord, StrategyScope, TimeOfDay,
};
pub use time::UtcMicros;
pub use version::{ObVersion, VersionParseError};
pub use words::Words;
