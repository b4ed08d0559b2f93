//! Where tenants live: zones, resource pools and unit configs, as the
//! Initiate Recovery dialog offers and checks them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Zone {
    pub name: String,
    /// ACTIVE, INACTIVE ...
    pub status: String,
    pub region: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePool {
    pub name: String,
    /// The tenant the pool is granted to; `None` while free.
    #[ts(type = "number | null")]
    pub tenant_id: Option<i64>,
    #[ts(type = "number")]
    pub unit_count: u64,
    #[ts(type = "number")]
    pub unit_config_id: i64,
    pub zones: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnitConfig {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub max_cpu: f64,
    #[ts(type = "number")]
    pub memory_bytes: u64,
}
