//! The recovery task page, fast as it is (a tenant's page merges two
//! index-ordered lists), against a straightforward reading of what a page is:
//! every restore in scope (an OR of the scope's halves) matching the filters,
//! sorted by the key then the row id, cut into pages after the cursor. Over
//! random restores, for every sort key and both directions, page by page:
//! the same rows in the same order and the same next cursor.

use desk_model::backup::{RestoreJob, Scn};
use desk_model::overview::TaskState;
use desk_model::status::RestoreStatus;
use desk_model::tasks::{PageCursor, RestoreSortKey, TaskQuery};
use desk_model::{ClusterId, TenantRecord, UtcMicros};
use desk_store::{HistorySnapshot, NewCluster, Store};
use proptest::prelude::*;

const H: i64 = 3_600_000_000;
const CLUSTERS: [&str; 3] = ["c1", "c2", "c3"];
/// Each cluster's tenants: TENANT_ID 1002, 1004, 1006 named a, b, c.
const TENANTS: [&str; 3] = ["a", "b", "c"];
const KEYS: [RestoreSortKey; 4] = [
    RestoreSortKey::Id,
    RestoreSortKey::StartTime,
    RestoreSortKey::EndTime,
    RestoreSortKey::RecoveryTime,
];

/// One generated restore: where it ran, and small value ranges so that sort
/// keys tie (the row id decides), NULL times and same-tenant restores occur.
#[derive(Debug, Clone)]
struct Gen {
    on: usize,
    job_id: i64,
    into: &'static str,
    from_tenant: &'static str,
    from_cluster: &'static str,
    scn_hours: i64,
    status: &'static str,
    start: Option<i64>,
    finish: Option<i64>,
}

fn gen_restore() -> impl Strategy<Value = Gen> {
    (
        0..CLUSTERS.len(),
        1..6i64,
        prop::sample::select(vec!["a", "b", "c", "a_drill", "x"]),
        prop::sample::select(TENANTS.to_vec()),
        prop::sample::select(vec!["c1", "c2", "c3", "elsewhere"]),
        0..4i64,
        prop::sample::select(vec![
            "SUCCESS",
            "FAILED",
            "RESTORE_FAIL",
            "WAIT_TENANT_RESTORE_FINISH",
            "CREATE_TENANT",
            "SOMETHING_NEW",
        ]),
        prop::option::weighted(0.8, -1..4i64),
        prop::option::weighted(0.7, 0..6i64),
    )
        .prop_map(
            |(on, job_id, into, from_tenant, from_cluster, scn_hours, status, start, finish)| Gen {
                on,
                job_id,
                into,
                from_tenant,
                from_cluster,
                scn_hours,
                status,
                start,
                finish,
            },
        )
}

fn restore_job(n: usize, g: &Gen) -> RestoreJob {
    RestoreJob {
        // Unique per row, so (cluster, tenant, job) never collides while job ids tie.
        tenant_id: 5000 + n as i64,
        job_id: g.job_id,
        restore_tenant_name: g.into.into(),
        backup_tenant_name: g.from_tenant.into(),
        backup_cluster_name: g.from_cluster.into(),
        backup_dest: "file:///d".into(),
        restore_option: String::new(),
        restore_scn: Scn::from_micros(UtcMicros(g.scn_hours * H)),
        status: RestoreStatus::parse(g.status),
        phase: String::new(),
        start: g.start.map(|h| UtcMicros(h * H)),
        finish: g.finish.map(|h| UtcMicros(h * H)),
        comment: String::new(),
        running: false,
        ..RestoreJob::blank()
    }
}

/// A page's scope and filters; the sort key and direction are tried all.
#[derive(Debug, Clone)]
struct Filters {
    /// None: every cluster; Some((cluster, None)): a cluster; Some((cluster, Some(tenant))).
    scope: Option<(usize, Option<usize>)>,
    states: Vec<TaskState>,
    from: Option<i64>,
    to: Option<i64>,
    limit: u32,
    /// A cursor anywhere (not only at a row): (key step, row id); see [`cursor_key`].
    start_after: Option<(i64, i64)>,
}

fn gen_filters() -> impl Strategy<Value = Filters> {
    (
        prop::option::weighted(0.9, (0..CLUSTERS.len(), prop::option::weighted(0.7, 0..TENANTS.len()))),
        prop::sample::subsequence(
            vec![
                TaskState::InProgress,
                TaskState::Completed,
                TaskState::Failed,
                TaskState::Canceled,
                TaskState::Unknown,
            ],
            0..=3,
        ),
        prop::option::weighted(0.3, 0..3i64),
        prop::option::weighted(0.3, 0..4i64),
        1..6u32,
        prop::option::weighted(0.3, (-1..7i64, 0..80i64)),
    )
        .prop_map(|(scope, states, from, to, limit, start_after)| Filters {
            scope,
            states,
            from,
            to,
            limit,
            start_after,
        })
}

struct Cache {
    _dir: tempfile::TempDir,
    store: Store,
    /// A second connection to the same file, for the reference query.
    reference: rusqlite::Connection,
    clusters: Vec<ClusterId>,
}

fn cache(restores: &[Gen]) -> Cache {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    let (mut store, _) = Store::open(&path).unwrap();
    let clusters: Vec<ClusterId> = CLUSTERS
        .iter()
        .map(|name| {
            let c = store
                .upsert_cluster(&NewCluster {
                    name: (*name).into(),
                    host: "h".into(),
                    port: 1,
                    sandbox: false,
                })
                .unwrap();
            let tenants: Vec<TenantRecord> = TENANTS
                .iter()
                .enumerate()
                .map(|(i, t)| TenantRecord {
                    ob_tenant_id: 1002 + 2 * i as i64,
                    name: (*t).into(),
                    tenant_type: "USER".into(),
                    status: "NORMAL".into(),
                    role: "PRIMARY".into(),
                    log_mode: "ARCHIVELOG".into(),
                    unit_num: 1,
                })
                .collect();
            store.replace_tenants(c, &tenants).unwrap();
            c
        })
        .collect();
    for (on, cluster) in clusters.iter().enumerate() {
        let mine: Vec<RestoreJob> = restores
            .iter()
            .enumerate()
            .filter(|(_, g)| g.on == on)
            .map(|(n, g)| restore_job(n, g))
            .collect();
        store
            .record_history(
                *cluster,
                &HistorySnapshot {
                    restores: &mine,
                    ..Default::default()
                },
            )
            .unwrap();
    }
    let reference = rusqlite::Connection::open(&path).unwrap();
    Cache {
        _dir: dir,
        store,
        reference,
        clusters,
    }
}

/// A cursor key in the range of `key`'s values: step 6 of the end time is
/// "not finished" (sorted last).
fn cursor_key(key: RestoreSortKey, step: i64) -> i64 {
    match key {
        RestoreSortKey::Id => step,
        RestoreSortKey::StartTime => step * H,
        RestoreSortKey::EndTime if step == 6 => i64::MAX,
        RestoreSortKey::EndTime => step * H,
        RestoreSortKey::RecoveryTime => Scn::from_micros(UtcMicros(step * H)).0 as i64,
    }
}

fn key_sql(key: RestoreSortKey) -> &'static str {
    match key {
        RestoreSortKey::Id => "job_id",
        RestoreSortKey::StartTime => "IFNULL(start_at, 0)",
        RestoreSortKey::EndTime => "IFNULL(finish_at, 9223372036854775807)",
        RestoreSortKey::RecoveryTime => "restore_scn",
    }
}

/// Every (key, row id) the page list holds, in order: no cursor, no limit.
fn reference(c: &Cache, f: &Filters, key: RestoreSortKey, ascending: bool) -> Vec<(i64, i64)> {
    let (cluster_id, cluster_name, tenant) = match f.scope {
        None => (None, None, None),
        Some((ci, t)) => (
            Some(c.clusters[ci].0),
            Some(CLUSTERS[ci].to_owned()),
            t.map(|t| TENANTS[t].to_owned()),
        ),
    };
    let statuses = TaskState::restore_statuses(&f.states);
    if !f.states.is_empty() && statuses.is_empty() {
        return vec![];
    }
    let statuses = serde_json::to_string(&statuses).unwrap();
    let key_expr = key_sql(key);
    let dir = if ascending { "ASC" } else { "DESC" };
    let sql = format!(
        "SELECT {key_expr}, id FROM restore_jobs
          WHERE (?1 IS NULL
                 OR (?3 IS NULL AND (cluster_id = ?1 OR backup_cluster_name = ?2))
                 OR (?3 IS NOT NULL AND ((cluster_id = ?1 AND restore_tenant_name = ?3)
                                         OR (backup_cluster_name = ?2 AND backup_tenant_name = ?3))))
            AND (?4 = '[]' OR status IN (SELECT value FROM json_each(?4)))
            AND (?5 IS NULL OR IFNULL(start_at, 0) >= ?5)
            AND (?6 IS NULL OR IFNULL(start_at, 0) <= ?6)
          ORDER BY {key_expr} {dir}, id {dir}"
    );
    let mut stmt = c.reference.prepare(&sql).unwrap();
    let rows = stmt
        .query_map(
            rusqlite::params![
                cluster_id,
                cluster_name,
                tenant,
                statuses,
                f.from.map(|h| h * H),
                f.to.map(|h| h * H)
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let mut all: Vec<(i64, i64)> = rows.collect::<Result<_, _>>().unwrap();
    if let Some((step, row)) = f.start_after {
        let k = cursor_key(key, step);
        let after = |(key, id): &(i64, i64)| {
            if ascending {
                (*key, *id) > (k, row)
            } else {
                (*key, *id) < (k, row)
            }
        };
        all.retain(after);
    }
    all
}

fn check(c: &Cache, f: &Filters) -> Result<(), TestCaseError> {
    if let (Some(from), Some(to)) = (f.from, f.to) {
        if to < from {
            // A range that ends before it starts is refused, naming its end.
            let q = TaskQuery {
                cluster_id: None,
                ob_tenant_id: None,
                states: Vec::new(),
                from: Some(UtcMicros(from * H)),
                to: Some(UtcMicros(to * H)),
                sort: RestoreSortKey::Id,
                ascending: false,
                after: None,
                limit: f.limit,
                include_imported: false,
            };
            let refused = c.store.restore_task_page(&q).err();
            prop_assert!(
                matches!(refused, Some(desk_store::StoreError::Invalid { field: "to", .. })),
                "{:?}",
                refused
            );
            return Ok(());
        }
    }
    for key in KEYS {
        for ascending in [false, true] {
            let expected = reference(c, f, key, ascending);
            let mut q = TaskQuery {
                cluster_id: f.scope.map(|(ci, _)| c.clusters[ci]),
                ob_tenant_id: f.scope.and_then(|(_, t)| t).map(|t| 1002 + 2 * t as i64),
                states: f.states.clone(),
                from: f.from.map(|h| UtcMicros(h * H)),
                to: f.to.map(|h| UtcMicros(h * H)),
                sort: key,
                ascending,
                after: f.start_after.map(|(step, row)| PageCursor {
                    key: cursor_key(key, step),
                    row,
                }),
                limit: f.limit,
                include_imported: false,
            };
            let mut seen = 0;
            for page_no in 0.. {
                let page = c.store.restore_task_page(&q).unwrap();
                let want = &expected[seen..(seen + f.limit as usize).min(expected.len())];
                let got: Vec<(i64, i64)> = page
                    .rows
                    .iter()
                    .map(|r| {
                        let k = match key {
                            RestoreSortKey::Id => r.job.job_id,
                            RestoreSortKey::StartTime => r.job.start.map_or(0, |t| t.0),
                            RestoreSortKey::EndTime => r.job.finish.map_or(i64::MAX, |t| t.0),
                            RestoreSortKey::RecoveryTime => r.job.restore_scn.0 as i64,
                        };
                        (k, r.row)
                    })
                    .collect();
                prop_assert_eq!(&got, want, "{:?} ascending={} page {}", key, ascending, page_no);
                seen += got.len();
                let more = seen < expected.len();
                let want_next = more.then(|| {
                    let (key, row) = want[want.len() - 1];
                    PageCursor { key, row }
                });
                prop_assert_eq!(
                    page.next,
                    want_next,
                    "{:?} ascending={} page {}",
                    key,
                    ascending,
                    page_no
                );
                match page.next {
                    Some(next) => q.after = Some(next),
                    None => break,
                }
            }
            prop_assert_eq!(seen, expected.len());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn pages_match_a_plain_sorted_reading_for_every_key_and_direction(
        restores in prop::collection::vec(gen_restore(), 0..60),
        filters in prop::collection::vec(gen_filters(), 1..8),
    ) {
        let c = cache(&restores);
        for f in &filters {
            check(&c, f)?;
        }
    }
}
