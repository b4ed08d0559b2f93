//! An OceanBase backup emulator: a MySQL-protocol server on loopback that answers the
//! backup and restore SQL and system views of one OceanBase release (3.1 to 4.3, Community
//! or Enterprise: see [`Release`]), with jobs that progress on a clock. It is the embedded
//! sandbox of OB Backup Desk and the test peer of its connector.
//!
//! It never pretends to be a real server: `@@version_comment` is the release's banner
//! followed by the words that it is an emulator.
//!
//! ```no_run
//! # async fn demo() -> Result<(), ob_emulator::EmulatorError> {
//! use std::sync::Arc;
//! use ob_emulator::{ClusterConfig, Emulator, ManualClock, Release, TenantConfig};
//!
//! let config = ClusterConfig {
//!     cluster_name: "sandbox-hz".into(),
//!     release: Release::V4_3_5_CE,
//!     time_zone: "+08:00".into(),
//!     password: String::new(),
//!     tenants: vec![TenantConfig {
//!         tenant_id: 1002,
//!         name: "t1".into(),
//!         data_bytes: 10 << 30,
//!         archivelog: true,
//!         data_backup_dest: Some("file:///backup/t1/data".into()),
//!         log_archive_dest: Some("LOCATION=file:///backup/t1/archive".into()),
//!     }],
//!     zones: vec!["zone1".into()],
//!     history: None,
//! };
//! let clock = Arc::new(ManualClock::new(1_750_000_000_000_000));
//! let emulator = Emulator::start(config, clock).await?;
//! println!("mysql -h127.0.0.1 -P{} -uroot@sys", emulator.addr().port());
//! emulator.stop().await;
//! # Ok(()) }
//! ```

mod auth;
mod clock;
mod config;
mod connection;
mod errors;
mod history;
mod release;
mod resultset;
mod server;
mod session;
mod sql;
mod state;
mod timestamp;
mod views;
mod wire;

pub use clock::{Clock, ManualClock, ScaledClock};
pub use config::{ClusterConfig, Fault, HistorySeed, TenantConfig};
pub use errors::EmulatorError;
pub use release::{DocView, Edition, Line, Media, Release, ReleaseProfile, ServedView};
pub use server::Emulator;
pub use views::view_ddl;
