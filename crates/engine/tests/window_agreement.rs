//! The desk's recoverable window (desk-model's rule over what the views say) agrees with
//! what the cluster accepts: the emulator judges every RESTORE with its own walk, written
//! apart from desk-model from OceanBase's source. Probed at every edge of the window a
//! nanosecond either side, in its gaps, inside it, and between a frozen piece's
//! checkpoint and its end (where the old rule saw a gap that OceanBase does not).

use std::sync::Arc;

use desk_model::backup::Scn;
use desk_model::window::recoverable_window;
use desk_model::{ObName, StorageUri};
use desk_oceanbase::sql::{self, RestoreRequest, RestoreUntil};
use desk_oceanbase::{ConnectOptions, ObErrorCode, Password, Session};
use ob_emulator::{ClusterConfig, Emulator, HistorySeed, ManualClock, Release, TenantConfig};

const START: i64 = 1_795_132_800_000_000;

fn name(s: &str) -> ObName {
    ObName::parse("name", s).unwrap()
}

async fn agree(release: Release) {
    let clock = Arc::new(ManualClock::new(START));
    let config = ClusterConfig {
        cluster_name: "agree".into(),
        release,
        time_zone: "+08:00".into(),
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

    // Archiving stopped and started again within one piece interval, then a full backup:
    // the stopped round's last piece keeps its planned end, past the new round's start.
    let trade = name("trade");
    s.execute(&sql::archivelog(Some(&trade), false)).await.unwrap();
    clock.advance(std::time::Duration::from_secs(60));
    s.execute(&sql::archivelog(Some(&trade), true)).await.unwrap();
    clock.advance(std::time::Duration::from_secs(600));
    s.execute(&sql::backup(&sql::BackupScope::Tenants(vec![trade.clone()]), false, false).unwrap())
        .await
        .unwrap();
    clock.advance(std::time::Duration::from_secs(3 * 3600));
    assert!(s.backup_jobs().await.unwrap().is_empty(), "the backup has finished");

    let sets = s.backup_set_files(Some(1002)).await.unwrap();
    let pieces = s.archive_pieces(Some(1002)).await.unwrap();
    let window = recoverable_window(&sets, &pieces);
    assert!(window.len() >= 2, "the seeded history has a gap: {window:?}");
    let overlap = pieces
        .windows(2)
        .any(|w| w[1].round_id > w[0].round_id && w[1].start_scn < w[0].end_scn);
    assert!(
        overlap,
        "a stopped round's last piece ends after the next round starts: {pieces:#?}"
    );
    let newest = pieces.iter().map(|p| p.checkpoint_scn).max().unwrap();
    assert_eq!(
        window.last().map(|r| r.end),
        Some(newest),
        "the new round is recoverable to its end"
    );

    let mut probes: Vec<(u64, &str)> = Vec::new();
    for r in &window {
        probes.extend([
            (r.start.0 - 1, "before a span"),
            (r.start.0, "a span's first point"),
            (r.end.0, "a span's last point"),
            (r.end.0 + 1, "after a span"),
            (r.start.0 / 2 + r.end.0 / 2, "inside a span"),
        ]);
    }
    for w in window.windows(2) {
        probes.push((w[0].end.0 / 2 + w[1].start.0 / 2, "in a gap"));
    }
    for p in pieces
        .iter()
        .filter(|p| p.checkpoint_scn < p.end_scn && p.end_scn.0 < Scn::MAX_VALID)
    {
        probes.push((
            p.checkpoint_scn.0 / 2 + p.end_scn.0 / 2,
            "between a piece's checkpoint and its end",
        ));
    }
    assert!(probes.len() >= 20, "{}", probes.len());

    let unit = name("u1");
    s.execute(&sql::create_resource_unit(&unit, 2, 4).unwrap())
        .await
        .unwrap();
    s.execute(&sql::create_resource_pool(&name("p1"), &unit, 1, &[name("zone1")]).unwrap())
        .await
        .unwrap();
    let (mut accepted, mut refused) = (0, 0);
    for (i, (t, what)) in probes.iter().enumerate() {
        let target = format!("r{i}");
        let request = RestoreRequest {
            target_tenant: name(&target),
            data: StorageUri::parse("d", "file:///b/trade/data").unwrap(),
            archive: StorageUri::parse("a", "file:///b/trade/archive").unwrap(),
            until: RestoreUntil::Scn(Scn(*t)),
            pool_list: vec![name("p1")],
            locality: vec![],
            primary_zone: None,
            concurrency: None,
        };
        let inside = window.iter().any(|r| r.contains(Scn(*t)));
        match s.execute(&sql::restore(&request).unwrap()).await {
            Ok(()) => {
                assert!(
                    inside,
                    "{what} ({t}): the cluster restored a point the desk calls unrecoverable"
                );
                accepted += 1;
                // The clock stands still: the archive the cluster walks is the one the desk read.
                s.execute(&sql::cancel_restore(&name(&target))).await.unwrap();
            }
            Err(e) => {
                assert!(
                    !inside,
                    "{what} ({t}): the desk offers a point the cluster refuses: {e:?}"
                );
                let short = if release.restore_source_error == 9119 {
                    9119
                } else {
                    4018
                };
                assert!(
                    matches!(e.server_code, Some(c) if c == short || c == 1210),
                    "{what}: {e:?}"
                );
                assert_ne!(e.code, ObErrorCode::Other, "{e:?}");
                refused += 1;
            }
        }
    }
    assert!(accepted >= 8 && refused >= 6, "{accepted} accepted, {refused} refused");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_desks_window_is_what_a_4_3_cluster_restores() {
    agree(Release::V4_3_5_CE).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_desks_window_is_what_a_4_2_1_community_cluster_restores() {
    agree(Release::V4_2_1_CE).await;
}
