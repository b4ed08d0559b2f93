//! The sandbox fleet reaches the cache through the connector, as a real cluster would.

use std::sync::{Arc, Mutex};

use desk_engine::{sync_cluster, LoopClock, LoopConfig, Sandbox, FLEET};
use desk_model::UtcMicros;
use desk_oceanbase::{ConnectOptions, ObErrorCode, Password};
use desk_store::Store;

const NOW: UtcMicros = UtcMicros(1_795_132_800_000_000);

fn clock() -> LoopClock {
    Arc::new(|| NOW)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_fleet_lands_in_the_cache_labelled_with_versions_and_user_tenants() {
    let store = Arc::new(Mutex::new(Store::open_in_memory().unwrap()));
    let sandbox = Sandbox::start(FLEET, store.clone(), clock(), LoopConfig::default())
        .await
        .unwrap();

    let clusters = store.lock().unwrap().clusters().unwrap();
    let summary: Vec<(String, bool, String, u32)> = clusters
        .iter()
        .map(|c| {
            (
                c.name.clone(),
                c.sandbox,
                c.version.map(|v| v.to_string()).unwrap_or_default(),
                c.tenant_count,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "sandbox-hz".to_owned(),
                true,
                "4.3.5.6-106000012026040916".to_owned(),
                5
            ),
            (
                "sandbox-legacy".to_owned(),
                true,
                "3.1.5-100000252023041721".to_owned(),
                2
            ),
            (
                "sandbox-sh".to_owned(),
                true,
                "4.2.1.1-101010012023111012".to_owned(),
                3
            ),
        ],
        "sys plus the user tenants; meta tenants are not listed"
    );
    assert!(clusters
        .iter()
        .all(|c| c.last_synced_at == Some(NOW) && c.last_error.is_none()));
    let tenants = store.lock().unwrap().tenants(None).unwrap();
    assert!(tenants.iter().all(|t| t.record.tenant_type != "META"));
    assert!(tenants.iter().any(|t| t.record.name == "legacy_app" && t.sandbox));

    // A cluster that stops answering keeps its cached tenants; the error is recorded.
    let hz = clusters.iter().find(|c| c.name == "sandbox-hz").unwrap().clone();
    sandbox.stop().await;
    let opts = ConnectOptions::new(hz.host.clone(), hz.port, "root@sys", Password::default());
    let err = sync_cluster(&store, hz.id, &opts, UtcMicros(NOW.0 + 60_000_000))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err.code,
            ObErrorCode::ConnectionLost | ObErrorCode::Timeout | ObErrorCode::Other
        ),
        "{err:?}"
    );
    let after = store.lock().unwrap().cluster(hz.id).unwrap();
    assert_eq!(after.tenant_count, 5, "cached data untouched");
    assert_eq!(after.last_synced_at, Some(NOW), "the last good sync time is kept");
    assert!(after.last_error.is_some());
}

#[tokio::test(flavor = "multi_thread")]
async fn history_lands_in_the_cache_and_outlives_what_the_cluster_purges() {
    use desk_model::window::recoverable_window;

    let store = Arc::new(Mutex::new(Store::open_in_memory().unwrap()));
    let sandbox = Sandbox::start(&FLEET[..1], store.clone(), clock(), LoopConfig::default())
        .await
        .unwrap();
    let hz = store
        .lock()
        .unwrap()
        .clusters()
        .unwrap()
        .into_iter()
        .find(|c| c.name == "sandbox-hz")
        .unwrap();
    let trade = store
        .lock()
        .unwrap()
        .tenants(Some(hz.id))
        .unwrap()
        .into_iter()
        .find(|t| t.record.name == "trade")
        .unwrap();
    let tenant = trade.record.ob_tenant_id;

    let (jobs, sets, pieces, restores) = {
        let s = store.lock().unwrap();
        (
            s.backup_jobs_of(hz.id, Some(tenant)).unwrap(),
            s.backup_sets_of(hz.id, tenant).unwrap(),
            s.archive_pieces_of(hz.id, tenant).unwrap(),
            s.restore_jobs_of(hz.id).unwrap(),
        )
    };
    assert!(jobs.len() >= 28, "four weeks of daily fulls at least: {}", jobs.len());
    assert!(jobs.windows(2).all(|w| w[0].start >= w[1].start), "newest first");
    assert!(sets.iter().any(|s| s.backup_type.as_str() == "INC"));
    assert!(!pieces.is_empty());
    assert!(
        restores
            .iter()
            .any(|r| r.status.as_str() == "FAIL" && !r.comment.is_empty()),
        "failed restores keep their cause"
    );
    // The window the page will draw comes from the cache alone, gap included.
    assert!(recoverable_window(&sets, &pieces).len() >= 2);

    // A second pass changes nothing: upserts by OceanBase's keys.
    sandbox.sync().await;
    assert_eq!(
        store.lock().unwrap().backup_jobs_of(hz.id, Some(tenant)).unwrap().len(),
        jobs.len()
    );

    // The desk keeps history after the cluster is gone.
    sandbox.stop().await;
    assert_eq!(
        store.lock().unwrap().backup_sets_of(hz.id, tenant).unwrap().len(),
        sets.len()
    );
}
