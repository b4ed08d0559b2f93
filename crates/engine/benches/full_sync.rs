//! A full sync of 20 emulated clusters x 50 tenants x 365 days of seeded history into a
//! fresh cache, one task per cluster, all at once. Target: <= 3 s.
//! `cargo bench -p desk-engine --bench full_sync`.
//!
//! Seeding the emulators is timed apart: it is the test peer's cost, not the desk's.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use desk_engine::sync_cluster;
use desk_model::{ClusterId, UtcMicros};
use desk_oceanbase::{ConnectOptions, Password};
use desk_store::{NewCluster, Store};
use ob_emulator::{ClusterConfig, Emulator, HistorySeed, ManualClock, TenantConfig};

const CLUSTERS: usize = 20;
const TENANTS: i64 = 50;
const DAYS: u32 = 365;
/// 2026-11-20 00:00:00 UTC.
const NOW: i64 = 1_795_132_800_000_000;

fn config(n: usize) -> ClusterConfig {
    ClusterConfig {
        cluster_name: format!("bench-{n:02}"),
        version: "4.3.5.3".into(),
        build: "103000012025052916".into(),
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

/// Fresh cache file with the clusters recorded; returns their ids and options.
fn fresh_cache(dir: &std::path::Path, emulators: &[Emulator]) -> (Arc<Mutex<Store>>, Vec<(ClusterId, ConnectOptions)>) {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!("cache-{n}.sqlite3"));
    let (mut store, _) = Store::open(&path).unwrap();
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
    (Arc::new(Mutex::new(store)), targets)
}

async fn sync_all(store: Arc<Mutex<Store>>, targets: &[(ClusterId, ConnectOptions)]) -> usize {
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
    rows
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
    let dir = tempfile::tempdir().unwrap();

    // One pass timed by hand first, with the number of rows it brought.
    {
        let (store, targets) = fresh_cache(dir.path(), &emulators);
        let started = Instant::now();
        let rows = runtime.block_on(sync_all(store, &targets));
        println!(
            "first full sync: {rows} rows from {CLUSTERS} clusters in {:.2} s (target <= 3 s)",
            started.elapsed().as_secs_f64()
        );
    }

    let mut group = c.benchmark_group("full sync");
    group.sample_size(10).measurement_time(Duration::from_secs(60));
    group.bench_function("20 clusters x 50 tenants x 365 days into a fresh cache", |b| {
        b.iter_batched(
            || fresh_cache(dir.path(), &emulators),
            |(store, targets)| runtime.block_on(sync_all(store, &targets)),
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
