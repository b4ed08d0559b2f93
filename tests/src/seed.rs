//! A cache seeded through desk-store, as a synced desk would hold it.

use std::path::{Path, PathBuf};

use desk_model::{ObVersion, TenantRecord, UtcMicros};
use desk_store::{NewCluster, Store, CACHE_FILE_NAME};

/// The identifier in tauri.conf.json: the app's data lives in `$XDG_DATA_HOME/<identifier>`.
pub const APP_IDENTIFIER: &str = "com.obbackupdesk.app";

/// When the seeded clusters were last synced: 2026-11-20 00:00:00 UTC.
pub const LAST_SYNC: UtcMicros = UtcMicros(1_795_132_800_000_000);

pub struct SeededTenant {
    pub cluster: &'static str,
    pub name: &'static str,
}

pub const TENANTS: &[SeededTenant] = &[
    SeededTenant {
        cluster: "ob-prod-hz",
        name: "trade",
    },
    SeededTenant {
        cluster: "ob-prod-hz",
        name: "billing",
    },
    SeededTenant {
        cluster: "ob-prod-hz",
        name: "risk_ctl",
    },
    SeededTenant {
        cluster: "ob-dr-sh",
        name: "trade_dr",
    },
];

pub fn cache_path(data_home: &Path) -> PathBuf {
    data_home.join(APP_IDENTIFIER).join(CACHE_FILE_NAME)
}

/// Writes two clusters and their tenants into the cache under `data_home`.
pub fn seed_cache(data_home: &Path) -> Result<(), desk_store::StoreError> {
    let path = cache_path(data_home);
    std::fs::create_dir_all(path.parent().unwrap()).map_err(|source| desk_store::StoreError::SetAside {
        path: path.clone(),
        source,
    })?;
    let (mut store, _) = Store::open(&path)?;
    let clusters = [
        ("ob-prod-hz", "10.12.0.11", "4.3.5.3"),
        ("ob-dr-sh", "10.40.0.21", "4.2.1.7"),
    ];
    for (name, host, version) in clusters {
        let id = store.upsert_cluster(&NewCluster {
            name: name.into(),
            host: host.into(),
            port: 2881,
            sandbox: false,
        })?;
        let version: ObVersion = version.parse().expect("seed version");
        store.record_sync_success(id, Some(&version), LAST_SYNC)?;
        let records: Vec<TenantRecord> = TENANTS
            .iter()
            .filter(|t| t.cluster == name)
            .enumerate()
            .map(|(i, t)| TenantRecord {
                ob_tenant_id: 1002 + 2 * i as i64,
                name: t.name.into(),
                tenant_type: "USER".into(),
                status: "NORMAL".into(),
                role: if name == "ob-dr-sh" { "STANDBY" } else { "PRIMARY" }.into(),
                log_mode: "ARCHIVELOG".into(),
                unit_num: 2,
            })
            .collect();
        store.replace_tenants(id, &records)?;
    }
    Ok(())
}
