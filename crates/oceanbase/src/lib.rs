//! The OceanBase connector: the only code that talks to clusters and the only
//! code that builds OceanBase SQL.
//!
//! - [`sql`] builds every statement from validated names and escaped literals.
//! - [`session`] connects to a sys tenant, detects the server, runs statements.
//! - [`views`] reads the backup and restore views into `desk-model` types.
//! - [`error`] maps server errors to stable codes, credentials redacted.

mod catalog;
pub mod checks;
pub mod error;
pub mod server;
pub mod session;
pub mod sql;
pub mod views;
mod views_v3;

#[cfg(test)]
mod parsers_prop;

pub use error::{ObError, ObErrorCode};
pub use server::{Capabilities, Edition, ServerFlavor, ServerInfo};
pub use session::{ConnectOptions, Password, Session};
pub use sql::Statement;
