//! Instants as stored: UTC microseconds since the Unix epoch.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A UTC instant in microseconds since the Unix epoch.
///
/// Microseconds because OceanBase restore points are microsecond-precise; an
/// `i64` covers ±292,000 years and fits a JavaScript number exactly up to
/// year 2255, far beyond any backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "number")]
pub struct UtcMicros(pub i64);

impl UtcMicros {
    pub const fn from_secs(secs: i64) -> Self {
        Self(secs * 1_000_000)
    }

    pub const fn as_secs(self) -> i64 {
        self.0.div_euclid(1_000_000)
    }
}
