//! One emulated cluster for the CLI's tests: `emu`, password `s3cret pw`, tenant `trade`.

use std::sync::Arc;

use ob_emulator::{ClusterConfig, Emulator, HistorySeed, ManualClock, Release, TenantConfig};

/// 2026-11-20T00:00:00Z.
pub const T0: i64 = 1_795_132_800_000_000;

/// `trade` backs up to `file:///b/trade/...` with its log archive on when `archived`,
/// and has no destinations otherwise.
pub fn emulated(
    runtime: &tokio::runtime::Runtime,
    release: Release,
    archived: bool,
    history: Option<HistorySeed>,
) -> Emulator {
    let config = ClusterConfig {
        cluster_name: "emu".into(),
        release,
        time_zone: "+08:00".into(),
        password: "s3cret pw".into(),
        tenants: vec![TenantConfig {
            tenant_id: 1002,
            name: "trade".into(),
            data_bytes: 1 << 30,
            archivelog: archived,
            data_backup_dest: archived.then(|| "file:///b/trade/data".into()),
            log_archive_dest: archived.then(|| "file:///b/trade/archive".into()),
        }],
        zones: vec!["zone1".into()],
        history,
    };
    runtime
        .block_on(Emulator::start(config, Arc::new(ManualClock::new(T0))))
        .unwrap()
}
