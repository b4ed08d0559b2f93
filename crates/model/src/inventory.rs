//! Clusters and tenants as the cache holds them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ObVersion, UtcMicros};

/// The desk's own id of a cluster (a row id of the cache, not OceanBase's cluster id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "number")]
pub struct ClusterId(pub i64);

/// The desk's own id of a tenant (a row id of the cache, not OceanBase's TENANT_ID).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "number")]
pub struct TenantId(pub i64);

/// A cluster known to the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Cluster {
    pub id: ClusterId,
    pub name: String,
    pub host: String,
    pub port: u16,
    /// An emulated cluster of the built-in sandbox, not a real one.
    pub sandbox: bool,
    /// Version as the cluster reported it; `None` until the first successful sync.
    pub version: Option<ObVersion>,
    /// When the last sync of this cluster succeeded.
    pub last_synced_at: Option<UtcMicros>,
    /// The last sync error, if the most recent attempt failed.
    pub last_error: Option<crate::Words>,
    pub tenant_count: u32,
    /// History imported from an export file (its label): read-only, never synced.
    pub imported_from: Option<String>,
}

/// A tenant as its cluster's `DBA_OB_TENANTS` describes it.
///
/// Status, role and log mode are kept as OceanBase spells them, so a value this
/// version of the desk does not know is still shown rather than lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TenantRecord {
    /// OceanBase's TENANT_ID within its cluster.
    #[ts(type = "number")]
    pub ob_tenant_id: i64,
    pub name: String,
    /// SYS, USER or META.
    pub tenant_type: String,
    /// NORMAL, RESTORE, CREATING, DROPPING ...
    pub status: String,
    /// PRIMARY, STANDBY, RESTORE ...
    pub role: String,
    /// ARCHIVELOG or NOARCHIVELOG.
    pub log_mode: String,
    pub unit_num: u32,
}

/// A tenant as the cache holds it: the cluster's record plus the desk's ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    pub id: TenantId,
    pub cluster_id: ClusterId,
    pub cluster_name: String,
    /// The tenant belongs to an emulated sandbox cluster.
    pub sandbox: bool,
    /// The import's label when the tenant is imported history, not a live cluster's.
    pub imported_from: Option<String>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub record: TenantRecord,
}
