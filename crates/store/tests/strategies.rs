//! Strategies and their slots in the cache: what the Backup Strategy tab and
//! the scheduler read back.

use desk_model::strategy::{AlertThresholds, LogBackup, Schedule};
use desk_model::{
    BackupMethod, ClusterId, CycleMode, DayPlan, ObName, SecretRef, SlotState, StorageKind, StorageSpec, Strategy,
    StrategyScope, TimeOfDay, UtcMicros,
};
use desk_store::{NewCluster, Store, StoreError};

const T0: UtcMicros = UtcMicros(1_795_132_800_000_000);

fn cluster(store: &mut Store, name: &str) -> ClusterId {
    store
        .upsert_cluster(&NewCluster {
            name: name.into(),
            host: "127.0.0.1".into(),
            port: 2881,
            sandbox: false,
        })
        .unwrap()
}

fn strategy(cluster_id: ClusterId, scope: StrategyScope) -> Strategy {
    Strategy {
        cluster_id,
        scope,
        storage: Some(StorageSpec {
            kind: StorageKind::Oss,
            path: "bkt/ob".into(),
            host: Some("oss-cn-hangzhou.aliyuncs.com".into()),
            region: None,
            app_id: None,
            access_id: Some("LTAI5tEXAMPLE".into()),
            secret_ref: Some(SecretRef::parse("storage:oss-hz").unwrap()),
        }),
        schedule: Schedule {
            mode: CycleMode::Week,
            days: vec![DayPlan {
                day: 1,
                method: BackupMethod::Full,
            }],
            time_of_day: TimeOfDay::new(2, 0).unwrap(),
            time_zone: "Asia/Shanghai".into(),
        },
        log_backup: LogBackup {
            enabled: true,
            piece_switch_days: 1,
        },
        retention_days: 7,
        alerts: AlertThresholds::default(),
        paused: false,
    }
}

fn tenant(id: i64, name: &str) -> StrategyScope {
    StrategyScope::Tenant {
        ob_tenant_id: id,
        tenant_name: ObName::parse("tenantName", name).unwrap(),
    }
}

#[test]
fn a_tenant_strategy_overrides_the_cluster_and_deleting_it_falls_back() {
    let mut store = Store::open_in_memory().unwrap();
    let c = cluster(&mut store, "hz");
    assert_eq!(store.effective_strategy(c, Some(1002)).unwrap(), None);

    let cluster_level = store.create_strategy(&strategy(c, StrategyScope::Cluster), T0).unwrap();
    let mut own = strategy(c, tenant(1002, "trade"));
    own.retention_days = 30;
    let trade = store.create_strategy(&own, T0).unwrap();

    assert_eq!(store.effective_strategy(c, Some(1002)).unwrap().unwrap().id, trade);
    assert_eq!(
        store.effective_strategy(c, Some(1004)).unwrap().unwrap().id,
        cluster_level
    );
    assert_eq!(store.effective_strategy(c, None).unwrap().unwrap().id, cluster_level);
    let listed: Vec<_> = store.strategies(Some(c)).unwrap().into_iter().map(|r| r.id).collect();
    assert_eq!(listed, [cluster_level, trade]);
    assert_eq!(store.strategy(trade).unwrap().strategy, own);

    store.delete_strategy(trade).unwrap();
    assert_eq!(
        store.effective_strategy(c, Some(1002)).unwrap().unwrap().id,
        cluster_level
    );
    assert!(matches!(store.delete_strategy(trade), Err(StoreError::NotFound { .. })));
}

#[test]
fn one_strategy_per_scope_and_a_refused_one_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let c = cluster(&mut store, "hz");
    let other = cluster(&mut store, "sh");
    store.create_strategy(&strategy(c, StrategyScope::Cluster), T0).unwrap();
    store.create_strategy(&strategy(c, tenant(1002, "trade")), T0).unwrap();

    let err = store
        .create_strategy(&strategy(c, StrategyScope::Cluster), T0)
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid { field: "scope", .. }), "{err}");
    let err = store
        .create_strategy(&strategy(c, tenant(1002, "trade")), T0)
        .unwrap_err();
    assert!(err.to_string().contains("trade"), "{err}");
    // Another cluster's tenant with the same id is another scope.
    store
        .create_strategy(&strategy(other, tenant(1002, "trade")), T0)
        .unwrap();

    let mut bad = strategy(c, tenant(1004, "billing"));
    bad.schedule.days[0].method = BackupMethod::Incremental;
    let err = store.create_strategy(&bad, T0).unwrap_err();
    assert!(matches!(err, StoreError::Invalid { field: "days", .. }), "{err}");
    assert_eq!(
        store.effective_strategy(c, Some(1004)).unwrap().unwrap().strategy.scope,
        StrategyScope::Cluster
    );

    let id = store.effective_strategy(c, None).unwrap().unwrap().id;
    let before = store.strategy(id).unwrap();
    let mut edit = before.strategy.clone();
    edit.retention_days = 0;
    let err = store.update_strategy(id, &edit, T0).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "retentionDays",
                ..
            }
        ),
        "{err}"
    );
    edit.retention_days = 14;
    edit.scope = tenant(1006, "risk");
    assert!(matches!(
        store.update_strategy(id, &edit, T0),
        Err(StoreError::Invalid { field: "scope", .. })
    ));
    assert_eq!(store.strategy(id).unwrap(), before, "nothing written on error");

    edit.scope = StrategyScope::Cluster;
    store.update_strategy(id, &edit, UtcMicros(T0.0 + 5)).unwrap();
    let after = store.strategy(id).unwrap();
    assert_eq!(
        (after.strategy.retention_days, after.updated_at),
        (14, UtcMicros(T0.0 + 5))
    );
    assert_eq!(after.created_at, T0);

    let unknown = strategy(ClusterId(999), StrategyScope::Cluster);
    assert!(matches!(
        store.create_strategy(&unknown, T0),
        Err(StoreError::NotFound { what: "cluster", .. })
    ));
}

#[test]
fn pause_and_enable_are_kept_and_move_the_update_time() {
    let mut store = Store::open_in_memory().unwrap();
    let c = cluster(&mut store, "hz");
    let id = store.create_strategy(&strategy(c, StrategyScope::Cluster), T0).unwrap();
    store.set_strategy_paused(id, true, UtcMicros(T0.0 + 1)).unwrap();
    let r = store.strategy(id).unwrap();
    assert!(r.strategy.paused);
    assert_eq!(r.updated_at, UtcMicros(T0.0 + 1));
    store.set_strategy_paused(id, false, UtcMicros(T0.0 + 2)).unwrap();
    assert!(!store.strategy(id).unwrap().strategy.paused);
}

#[test]
fn a_slot_is_claimed_once_ever_and_its_outcome_is_kept() {
    let mut store = Store::open_in_memory().unwrap();
    let c = cluster(&mut store, "hz");
    let id = store.create_strategy(&strategy(c, StrategyScope::Cluster), T0).unwrap();
    let slot = UtcMicros(T0.0 + 3_600_000_000);
    let now = slot;

    assert!(store.claim_slot(id, slot, BackupMethod::Full, now).unwrap());
    assert!(!store.claim_slot(id, slot, BackupMethod::Full, now).unwrap());
    assert!(!store.record_slot_missed(id, slot, BackupMethod::Full, now).unwrap());
    assert!(
        !store.retry_slot(id, slot, now).unwrap(),
        "only a failed slot is retried"
    );

    store
        .record_slot_failed(
            id,
            slot,
            "NOT_ALLOWED_NOW",
            &desk_model::Words::verbatim("backup dest oss://b/p?host=h&access_key=Pl4nted5ecret is not ready"),
            now,
        )
        .unwrap();
    assert_eq!(store.failed_slots(id, T0).unwrap().len(), 1);
    assert!(store.retry_slot(id, slot, UtcMicros(now.0 + 60_000_000)).unwrap());
    assert!(
        !store.retry_slot(id, slot, now).unwrap(),
        "a second scheduler loses the retry"
    );
    store
        .record_slot_launched(id, slot, Some(42), UtcMicros(now.0 + 61_000_000))
        .unwrap();

    let runs = store.slot_runs(id, 10).unwrap();
    assert_eq!(runs.len(), 1, "one row per slot, however many attempts");
    let run = &runs[0];
    assert_eq!(
        (run.state, run.attempts, run.ob_job_id),
        (SlotState::Launched, 2, Some(42))
    );
    assert_eq!(run.last_error_code.as_deref(), Some("NOT_ALLOWED_NOW"));
    let said = run.last_error.clone().unwrap();
    for message in [&said.en, &said.zh] {
        assert!(
            message.contains("access_key=***") && !message.contains("Pl4nted5ecret"),
            "{message}"
        );
    }

    let older = UtcMicros(slot.0 - 86_400_000_000);
    assert!(store
        .record_slot_missed(id, older, BackupMethod::Incremental, now)
        .unwrap());
    assert!(!store.claim_slot(id, older, BackupMethod::Incremental, now).unwrap());
    assert_eq!(store.latest_slot(id).unwrap(), Some(slot));
    let states: Vec<SlotState> = store.slot_runs(id, 10).unwrap().iter().map(|r| r.state).collect();
    assert_eq!(states, [SlotState::Launched, SlotState::Missed]);

    // Slots go with their strategy.
    store.delete_strategy(id).unwrap();
    assert!(store.slot_runs(id, 10).unwrap().is_empty());
}

#[test]
fn no_secret_column_exists_and_a_planted_secret_never_reaches_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    let planted = "Pl4ntedAcc3ssK3y0000";
    {
        let (mut store, _) = Store::open(&path).unwrap();
        let c = cluster(&mut store, "hz");
        let id = store.create_strategy(&strategy(c, StrategyScope::Cluster), T0).unwrap();
        let slot = UtcMicros(T0.0 + 1);
        store.claim_slot(id, slot, BackupMethod::Full, T0).unwrap();
        let message = format!("oss://bkt/ob/t/data?host=h&access_id=LTAI5tEXAMPLE&access_key={planted} refused");
        store
            .record_slot_failed(
                id,
                slot,
                "INVALID_INPUT",
                &desk_model::Words::new(&message, format!("被拒绝：{message}")),
                T0,
            )
            .unwrap();
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut columns = Vec::new();
    for table in ["strategies", "schedule_runs"] {
        let mut stmt = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap();
        let names: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
        columns.extend(names);
    }
    assert!(columns.contains(&"body".to_string()), "{columns:?}");
    for c in &columns {
        let c = c.to_ascii_lowercase();
        assert!(
            !["secret", "password", "access_key", "key"]
                .iter()
                .any(|w| c.contains(w)),
            "column {c} looks like a secret"
        );
    }
    drop(conn);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(
            !bytes.windows(planted.len()).any(|w| w == planted.as_bytes()),
            "the planted secret is in the cache files"
        );
    }
}

#[test]
fn desks_racing_for_one_slot_over_one_file_claim_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite3");
    let id = {
        let (mut store, _) = Store::open(&path).unwrap();
        let c = cluster(&mut store, "hz");
        store.create_strategy(&strategy(c, StrategyScope::Cluster), T0).unwrap()
    };
    let slot = UtcMicros(T0.0 + 7_200_000_000);
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(6));
    let desks: Vec<_> = (0..6)
        .map(|_| {
            let (path, barrier) = (path.clone(), barrier.clone());
            std::thread::spawn(move || {
                let (mut store, _) = Store::open(&path).unwrap();
                barrier.wait();
                store.claim_slot(id, slot, BackupMethod::Full, slot).unwrap()
            })
        })
        .collect();
    let won = desks.into_iter().map(|d| d.join().unwrap()).filter(|w| *w).count();
    assert_eq!(won, 1, "exactly one desk runs the slot");
}
