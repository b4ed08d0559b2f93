//! The desk's local cache: one SQLite file under the app's data dir.
//!
//! Pages read from here, never from clusters. The file is opened in WAL mode;
//! the schema comes from numbered migrations applied atomically; a cache
//! written by a newer desk is opened read-only; a damaged file is set aside
//! under a timestamped name and replaced by a fresh one.

mod changes;
mod checkpoint;
mod clusters;
mod connections;
mod error;
mod exchange;
mod history;
mod journal;
mod migrations;
mod open;
mod outcomes;
mod readers;
mod said;
mod strategies;
mod sync_state;
mod task_pages;
mod tenants;

pub use changes::Announcer;
pub use clusters::NewCluster;
pub use connections::Connection;
pub use error::StoreError;
pub use exchange::{check_import_label, read_import_file, ImportReport};
pub use history::{HistorySnapshot, JobFilter};
pub use journal::{JournalUpdate, NewJournalEntry};
pub use migrations::latest_version;
pub use open::{Access, OpenReport, Store};
pub use readers::{Reader, Readers};
pub use sync_state::{SyncMark, SyncPass};
pub use task_pages::TenantBackups;

/// The cache's file name inside the app data dir.
pub const CACHE_FILE_NAME: &str = "cache.sqlite3";
