//! A full sync of 20 emulated clusters x 50 tenants x 365 days of seeded history into a
//! fresh cache, one task per cluster, all at once. Target: <= 3 s.
//! `cargo bench -p desk-engine --bench full_sync`.
//!
//! Seeding the emulators is timed apart: it is the test peer's cost, not the desk's.
//! Closing the cache is too: the desk keeps it open while it runs, and closing folds
//! the write-ahead log into the file (the hand-timed pass prints how long that takes).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use desk_engine::sync_cluster;
use desk_model::{ClusterId, UtcMicros};
use desk_oceanbase::{ConnectOptions, Password};
use desk_store::{NewCluster, Store};
use ob_emulator::{ClusterConfig, Emulator, HistorySeed, ManualClock, Release, TenantConfig};

const CLUSTERS: usize = 20;
const TENANTS: i64 = 50;
const DAYS: u32 = 365;
/// 2026-11-20 00:00:00 UTC.
const NOW: i64 = 1_795_132_800_000_000;

fn config(n: usize) -> ClusterConfig {
    ClusterConfig {
        cluster_name: format!("bench-{n:02}"),
        release: Release::V4_3_5_CE,
        time_zone: "+08:00".into(),
        password: String::new(),
        tenants: (0..TENANTS)
            .map(|t| {
                let name = format!("t{t:02}");
                TenantConfig {
                    tenant_id: 1002 + 2 * t,
                    data_bytes: 4 << 30,
                    archivelog: true,
                    data_backup_dest: Some(format!("file:///bench/{n}/{name}/data")),
                    log_archive_dest: Some(format!("file:///bench/{n}/{name}/archive")),
                    name,
                }
            })
            .collect(),
        zones: vec!["zone1".into()],
        history: Some(HistorySeed { days: DAYS }),
    }
}

/// A cache, with the directory that holds it: dropped in this order, the cache
/// closes, then its files go (a run leaves no gigabytes for the disk to write back
/// while the next ones are timed).
type Cache = (Arc<Mutex<Store>>, tempfile::TempDir);

/// Fresh cache file with the clusters recorded; returns it and the clusters' ids and options.
fn fresh_cache(emulators: &[Emulator]) -> (Cache, Vec<(ClusterId, ConnectOptions)>) {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(&dir.path().join("cache.sqlite3")).unwrap();
    let targets = emulators
        .iter()
        .enumerate()
        .map(|(n, e)| {
            let addr = e.addr();
            let id = store
                .upsert_cluster(&NewCluster {
                    name: format!("bench-{n:02}"),
                    host: addr.ip().to_string(),
                    port: addr.port(),
                    sandbox: false,
                })
                .unwrap();
            let mut opts = ConnectOptions::new(addr.ip().to_string(), addr.port(), "root@sys", Password::default());
            opts.query_timeout = Duration::from_secs(300);
            (id, opts)
        })
        .collect();
    ((Arc::new(Mutex::new(store)), dir), targets)
}

/// Syncs every cluster; returns the rows brought and the cache, still open.
async fn sync_all(cache: Cache, targets: &[(ClusterId, ConnectOptions)]) -> (usize, Cache) {
    let store = &cache.0;
    let tasks: Vec<_> = targets
        .iter()
        .cloned()
        .map(|(id, opts)| {
            let store = store.clone();
            tokio::spawn(async move { sync_cluster(&store, id, &opts, UtcMicros(NOW)).await.unwrap() })
        })
        .collect();
    let mut rows = 0;
    for t in tasks {
        let o = t.await.unwrap();
        rows += o.jobs + o.sets + o.pieces + o.restores + o.tenants;
    }
    (rows, cache)
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let seeding = Instant::now();
    let emulators: Vec<Emulator> = runtime.block_on(async {
        let mut v = Vec::new();
        for n in 0..CLUSTERS {
            v.push(
                Emulator::start(config(n), Arc::new(ManualClock::new(NOW)))
                    .await
                    .unwrap(),
            );
        }
        v
    });
    println!(
        "seeding {CLUSTERS} emulators x {TENANTS} tenants x {DAYS} days: {:.2} s (the test peer's cost)",
        seeding.elapsed().as_secs_f64()
    );

    // Passes timed by hand first (FULL_SYNC_PASSES, default 1), each with the rows it
    // brought and the size of the write-ahead log it left: a quick look without
    // criterion's runs (`-- --list` skips those).
    let passes: usize = std::env::var("FULL_SYNC_PASSES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    for pass in 1..=passes {
        let (cache, targets) = fresh_cache(&emulators);
        let started = Instant::now();
        let (rows, cache) = runtime.block_on(sync_all(cache, &targets));
        let synced = started.elapsed();
        let wal = std::fs::metadata(cache.1.path().join("cache.sqlite3-wal")).map_or(0, |m| m.len());
        drop(cache);
        println!(
            "full sync {pass}: {rows} rows from {CLUSTERS} clusters in {:.2} s (target <= 3 s); \
             write-ahead log {} MiB; closing the cache after it: {:.2} s",
            synced.as_secs_f64(),
            wal >> 20,
            (started.elapsed() - synced).as_secs_f64()
        );
    }

    let mut group = c.benchmark_group("full sync");
    group.sample_size(10).measurement_time(Duration::from_secs(60));
    group.bench_function("20 clusters x 50 tenants x 365 days into a fresh cache", |b| {
        b.iter_batched(
            || fresh_cache(&emulators),
            // Criterion drops what this returns (closing the cache) after the clock stops.
            |(cache, targets)| runtime.block_on(sync_all(cache, &targets)),
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
