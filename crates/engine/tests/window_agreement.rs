//! The desk's recoverable window (desk-model's rule over what the views say)
//! agrees with what the cluster accepts: a point inside restores, a point in
//! the gap is refused by the server itself.

use std::sync::Arc;
use std::time::Duration;

use desk_model::window::recoverable_window;
use desk_model::{ObName, StorageUri, UtcMicros};
use desk_oceanbase::sql::{self, RestoreRequest, RestoreUntil};
use desk_oceanbase::{ConnectOptions, ObErrorCode, Password, Session};
use ob_emulator::{ClusterConfig, Emulator, HistorySeed, ManualClock, TenantConfig};

const START: i64 = 1_795_132_800_000_000;

fn name(s: &str) -> ObName {
    ObName::parse("name", s).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_point_inside_the_window_restores_and_one_in_the_gap_is_refused() {
    let clock = Arc::new(ManualClock::new(START));
    let config = ClusterConfig {
        cluster_name: "agree".into(),
        version: "4.3.5.3".into(),
        build: "1".into(),
        password: String::new(),
        tenants: vec![TenantConfig {
            tenant_id: 1002,
            name: "trade".into(),
            data_bytes: 1 << 30,
            archivelog: true,
            data_backup_dest: Some("file:///b/trade/data".into()),
            log_archive_dest: Some("file:///b/trade/archive".into()),
        }],
        zones: vec!["zone1".into()],
        history: Some(HistorySeed { days: 14 }),
    };
    let emulator = Emulator::start(config, clock.clone()).await.unwrap();
    let addr = emulator.addr();
    let mut s = Session::connect(&ConnectOptions::new(
        addr.ip().to_string(),
        addr.port(),
        "root",
        Password::default(),
    ))
    .await
    .unwrap();

    let sets = s.backup_set_files(Some(1002)).await.unwrap();
    let pieces = s.archive_pieces(Some(1002)).await.unwrap();
    let window = recoverable_window(&sets, &pieces);
    assert!(window.len() >= 2, "the seeded history has a gap: {window:?}");

    let gap_start = window[0].end.to_micros().unwrap();
    let gap_end = window[1].start.to_micros().unwrap();
    let in_gap = UtcMicros((gap_start.0 + gap_end.0) / 2 / 1_000_000 * 1_000_000);
    let last = window.last().unwrap();
    let inside = UtcMicros(last.start.to_micros().unwrap().0 / 1_000_000 * 1_000_000 + 2_000_000);
    assert!(last.contains(desk_model::backup::Scn::from_micros(inside)));

    let unit = name("u1");
    s.execute(&sql::create_resource_unit(&unit, 2, 4).unwrap())
        .await
        .unwrap();
    for pool in ["p_gap", "p_in"] {
        s.execute(&sql::create_resource_pool(&name(pool), &unit, 1, &[name("zone1")]).unwrap())
            .await
            .unwrap();
    }
    let request = |target: &str, pool: &str, at: UtcMicros| RestoreRequest {
        target_tenant: name(target),
        data: StorageUri::parse("d", "file:///b/trade/data").unwrap(),
        archive: StorageUri::parse("a", "file:///b/trade/archive").unwrap(),
        until: RestoreUntil::Time(at),
        pool_list: vec![name(pool)],
        locality: vec![],
        primary_zone: None,
        concurrency: None,
    };

    let refused = s
        .execute(&sql::restore(&request("r_gap", "p_gap", in_gap)).unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        (refused.code, refused.server_code),
        (ObErrorCode::NotAllowedNow, Some(9119)),
        "{refused:?}"
    );

    s.execute(&sql::restore(&request("r_in", "p_in", inside)).unwrap())
        .await
        .unwrap();
    let mut finished = None;
    for _ in 0..48 {
        clock.advance(Duration::from_secs(600));
        finished = s
            .restores(None)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.restore_tenant_name == "r_in" && !r.running);
        if finished.is_some() {
            break;
        }
    }
    let done = finished.expect("the restore inside the window finishes");
    assert_eq!(done.status.as_str(), "SUCCESS", "{}", done.comment);
}
