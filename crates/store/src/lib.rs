//! The desk's local cache: one SQLite file under the app's data dir.
//!
//! Pages read from here, never from clusters. The file is opened in WAL mode;
//! the schema comes from numbered migrations applied atomically; a cache
//! written by a newer desk is opened read-only; a damaged file is set aside
//! under a timestamped name and replaced by a fresh one.

mod clusters;
mod error;
mod history;
mod migrations;
mod open;
mod task_pages;
mod tenants;

pub use clusters::NewCluster;
pub use error::StoreError;
pub use history::{HistorySnapshot, JobFilter};
pub use open::{Access, OpenReport, Store};
pub use task_pages::TenantBackups;

/// The cache's file name inside the app data dir.
pub const CACHE_FILE_NAME: &str = "cache.sqlite3";
