//! Applying a strategy against ob-emulator: the statements the cluster
//! receives, and no storage secret in what the desk logs or reports.

use std::io::Write;
use std::sync::{Arc, Mutex};

use desk_engine::{apply_strategy, apply_strategy_watched, ApplyStep, ApplyWaits};
use desk_model::strategy::{AlertThresholds, DestinationKind, LogBackup, Schedule};
use desk_model::{
    BackupMethod, ClusterId, CycleMode, DayPlan, ObName, SecretRef, StorageKind, StorageSecret, StorageSpec, Strategy,
    StrategyScope, TimeOfDay,
};
use desk_oceanbase::{sql, ConnectOptions, ObErrorCode, Password, Session};
use ob_emulator::{ClusterConfig, Emulator, ManualClock, Release, TenantConfig};

const START: i64 = 1_795_132_800_000_000;
const PLANTED: &str = "Pl4ntedS3cretK3y";

fn tenant(id: i64, name: &str, archiving: bool) -> TenantConfig {
    TenantConfig {
        tenant_id: id,
        name: name.into(),
        data_bytes: 1 << 30,
        archivelog: archiving,
        data_backup_dest: archiving.then(|| format!("file:///backup/{name}/data")),
        log_archive_dest: archiving.then(|| format!("file:///backup/{name}/archive")),
    }
}

async fn emulator(release: Release) -> Emulator {
    emulator_with_clock(release).await.0
}

async fn emulator_with_clock(release: Release) -> (Emulator, Arc<ManualClock>) {
    let config = ClusterConfig {
        cluster_name: "emu".into(),
        release,
        time_zone: "+08:00".into(),
        password: "pw".into(),
        tenants: vec![tenant(1002, "trade", true), tenant(1004, "fresh", false)],
        zones: vec!["zone1".into()],
        history: None,
    };
    let clock = Arc::new(ManualClock::new(START));
    (Emulator::start(config, clock.clone()).await.unwrap(), clock)
}

async fn session(e: &Emulator) -> Session {
    let addr = e.addr();
    let opts = ConnectOptions::new(addr.ip().to_string(), addr.port(), "root@sys", Password::new("pw"));
    Session::connect(&opts).await.unwrap()
}

/// Waits short enough for a test, polled often.
fn quick() -> ApplyWaits {
    ApplyWaits {
        archive_stop: std::time::Duration::from_millis(300),
        backup_end: std::time::Duration::from_millis(300),
        poll: std::time::Duration::from_millis(20),
    }
}

/// Moves `clock` on by a second every 10 ms until aborted: the cluster's
/// background work (a round stopping, a job being canceled) goes on while the desk waits.
fn ticking(clock: Arc<ManualClock>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            clock.advance(std::time::Duration::from_secs(1));
        }
    })
}

/// The operations the cluster received, in order.
fn operations(e: &Emulator, from: usize) -> Vec<String> {
    e.statement_log()[from..]
        .iter()
        .filter(|s| s.starts_with("ALTER SYSTEM"))
        .cloned()
        .collect()
}

fn strategy(scope: StrategyScope, storage: Option<StorageSpec>) -> Strategy {
    Strategy {
        cluster_id: ClusterId(1),
        scope,
        storage,
        schedule: Schedule {
            mode: CycleMode::Week,
            days: vec![DayPlan {
                day: 7,
                method: BackupMethod::Full,
            }],
            time_of_day: TimeOfDay::new(1, 0).unwrap(),
            time_zone: "UTC".into(),
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

fn file(path: &str) -> Option<StorageSpec> {
    Some(StorageSpec {
        kind: StorageKind::File,
        path: path.into(),
        host: None,
        region: None,
        app_id: None,
        access_id: None,
        secret_ref: None,
    })
}

fn oss(path: &str) -> Option<StorageSpec> {
    Some(StorageSpec {
        kind: StorageKind::Oss,
        path: path.into(),
        host: Some("oss-cn-hangzhou.aliyuncs.com".into()),
        region: None,
        app_id: None,
        access_id: Some("LTAI5tEXAMPLE".into()),
        secret_ref: Some(SecretRef::parse("storage:oss-hz").unwrap()),
    })
}

fn tenant_scope(id: i64, name: &str) -> StrategyScope {
    StrategyScope::Tenant {
        ob_tenant_id: id,
        tenant_name: ObName::parse("tenantName", name).unwrap(),
    }
}

#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every log line of this test binary. Global: a thread-local subscriber
/// misses events whose callsites another test thread registered first.
fn captured_logs() -> Logs {
    static LOGS: std::sync::OnceLock<Logs> = std::sync::OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Logs::default();
        let writer = logs.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
        logs
    })
    .clone()
}

impl Logs {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

#[tokio::test]
async fn a_cluster_strategy_configures_every_user_tenant_and_keeps_a_running_archive() {
    let e = emulator(Release::V4_3_5_CE).await;
    let mut s = session(&e).await;
    let before = e.statement_log().len();
    let report = apply_strategy(&mut s, &strategy(StrategyScope::Cluster, file("/backup")), None)
        .await
        .unwrap();
    assert_eq!(report.tenants, ["trade", "fresh"]);
    assert_eq!(
        operations(&e, before),
        [
            // trade already backs up to /backup/trade/data and archives to
            // /backup/trade/archive: neither is set again, the archive keeps running.
            "ALTER SYSTEM DROP DELETE BACKUP POLICY 'default' TENANT trade",
            "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '7d' TENANT trade",
            "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///backup/fresh/data' TENANT = fresh",
            "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///backup/fresh/archive BINDING=Optional PIECE_SWITCH_INTERVAL=1d' TENANT = fresh",
            "ALTER SYSTEM ARCHIVELOG TENANT = fresh",
            "ALTER SYSTEM DROP DELETE BACKUP POLICY 'default' TENANT fresh",
            "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '7d' TENANT fresh",
        ]
    );
    let tenants = s.tenants().await.unwrap();
    assert!(tenants
        .iter()
        .filter(|t| t.tenant_type == "USER")
        .all(|t| t.log_mode == "ARCHIVELOG"));

    // Applied again with a longer retention and log backup off: the policy is
    // replaced (drop, add) and archiving stops.
    let mut again = strategy(StrategyScope::Cluster, file("/backup"));
    again.retention_days = 30;
    again.log_backup.enabled = false;
    let before = e.statement_log().len();
    apply_strategy(&mut s, &again, None).await.unwrap();
    let ops = operations(&e, before);
    assert!(
        ops.contains(&"ALTER SYSTEM NOARCHIVELOG TENANT = trade".to_string()),
        "{ops:#?}"
    );
    assert!(ops.contains(&"ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '30d' TENANT fresh".into()));
    assert!(s
        .tenants()
        .await
        .unwrap()
        .iter()
        .filter(|t| t.tenant_type == "USER")
        .all(|t| t.log_mode == "NOARCHIVELOG"));
    e.stop().await;
}

#[tokio::test]
async fn a_tenant_strategy_on_object_storage_sends_the_secret_only_on_the_wire() {
    let logs = captured_logs();

    let (e, clock) = emulator_with_clock(Release::V4_3_5_CE).await;
    let mut s = session(&e).await;
    let secret = StorageSecret::new(PLANTED);
    let before = e.statement_log().len();
    let st = strategy(tenant_scope(1004, "fresh"), oss("bkt/ob"));
    let report = apply_strategy(&mut s, &st, Some(&secret)).await.unwrap();
    assert_eq!(report.tenants, ["fresh"]);
    let ops = operations(&e, before);
    assert_eq!(ops.len(), 5, "{ops:#?}");
    assert!(ops[0].starts_with("ALTER SYSTEM SET DATA_BACKUP_DEST = 'oss://bkt/ob/fresh/data?host="));
    assert!(ops[0].contains(PLANTED), "the cluster needs the key");

    // While a backup of trade runs, the cluster refuses a new destination: the desk
    // cancels the backup first and, when it does not end in time, says so and sets nothing.
    clock.advance(std::time::Duration::from_secs(600));
    e.inject(ob_emulator::Fault::BackupHangs);
    let trade = ObName::parse("tenantName", "trade").unwrap();
    s.execute(&sql::backup(&sql::BackupScope::Tenants(vec![trade]), false, false).unwrap())
        .await
        .unwrap();
    let busy = strategy(tenant_scope(1002, "trade"), oss("bkt/ob"));
    let before = e.statement_log().len();
    let mut seen = Vec::new();
    let err = apply_strategy_watched(&mut s, &busy, Some(&secret), quick(), &mut |p| seen.push(p))
        .await
        .unwrap_err();
    assert_eq!(err.code, ObErrorCode::NotAllowedNow, "{err:?}");
    assert!(err.message.en.contains("had not ended"), "{}", err.message);
    assert_eq!(operations(&e, before), ["ALTER SYSTEM CANCEL BACKUP TENANT = trade"]);
    assert!(seen
        .iter()
        .all(|p| p.step == ApplyStep::CancelingBackup && p.tenant == "trade"));
    assert_eq!(seen.last().map(|p| p.cluster_says.as_str()), Some("CANCELING"));
    // The cluster itself refuses the destination while the job runs (9036).
    let uri = oss("bkt/ob").unwrap().uri(&["trade", "data"], Some(&secret)).unwrap();
    let trade = ObName::parse("tenantName", "trade").unwrap();
    let err = s
        .execute(&sql::set_data_backup_dest(&trade, &uri).unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        (err.code, err.server_code),
        (ObErrorCode::NotAllowedNow, Some(9036)),
        "{err:?}"
    );
    let sent = operations(&e, 0);
    assert!(
        sent.last().unwrap().contains(PLANTED),
        "the refused statement carried the key"
    );
    for shown in [err.to_string(), format!("{err:?}"), format!("{report:?}"), logs.text()] {
        assert!(!shown.contains(PLANTED), "secret leaked: {shown}");
    }
    assert!(
        logs.text().contains("access_key=***"),
        "statements are logged, redacted: {}",
        logs.text()
    );

    // Object storage without its secret is refused before anything is sent.
    let before = e.statement_log().len();
    let err = apply_strategy(&mut s, &st, None).await.unwrap_err();
    assert_eq!((err.code, err.field), (ObErrorCode::InvalidInput, Some("secretRef")));
    assert!(operations(&e, before).is_empty());
    // A tenant the cluster does not have.
    let err = apply_strategy(&mut s, &strategy(tenant_scope(1010, "gone"), file("/b")), None)
        .await
        .unwrap_err();
    assert_eq!(err.code, ObErrorCode::ObjectMissing);
    e.stop().await;
}

#[tokio::test]
async fn a_3x_cluster_takes_the_cluster_level_forms_and_refuses_tenant_strategies() {
    let (e, clock) = emulator_with_clock(Release::V3_1_5_CE).await;
    let mut s = session(&e).await;
    let before = e.statement_log().len();
    // The cluster archives to file:///backup/trade/data: a new backup_dest stops the
    // round first (a running round keeps its destination), then starts a new one there.
    let tick = ticking(clock.clone());
    let mut seen = Vec::new();
    let report = apply_strategy_watched(
        &mut s,
        &strategy(StrategyScope::Cluster, file("/nfs/ob")),
        None,
        patient(),
        &mut |p| seen.push(p),
    )
    .await
    .unwrap();
    tick.abort();
    assert_eq!(
        operations(&e, before),
        [
            "ALTER SYSTEM NOARCHIVELOG",
            "ALTER SYSTEM SET backup_dest = 'file:///nfs/ob'",
            "ALTER SYSTEM SET backup_dest_option = 'recovery_window=7d&auto_delete_obsolete_backup=true'",
            "ALTER SYSTEM ARCHIVELOG",
        ]
    );
    assert_eq!(report.moved.len(), 1, "{report:?}");
    assert!(seen
        .iter()
        .any(|p| p.step == ApplyStep::StoppingArchive && p.tenant.is_empty()));

    // Applied again: the destination stays, the archive keeps running (3.1 refuses a
    // second ARCHIVELOG), only the option is set.
    clock.advance(std::time::Duration::from_secs(60));
    let before = e.statement_log().len();
    apply_strategy(&mut s, &strategy(StrategyScope::Cluster, file("/nfs/ob")), None)
        .await
        .unwrap();
    assert_eq!(
        operations(&e, before),
        ["ALTER SYSTEM SET backup_dest_option = 'recovery_window=7d&auto_delete_obsolete_backup=true'"]
    );
    let mut off = strategy(StrategyScope::Cluster, file("/nfs/ob"));
    off.log_backup.enabled = false;
    let before = e.statement_log().len();
    apply_strategy(&mut s, &off, None).await.unwrap();
    assert_eq!(
        operations(&e, before).last().map(String::as_str),
        Some("ALTER SYSTEM NOARCHIVELOG")
    );
    let before = e.statement_log().len();
    let err = apply_strategy(&mut s, &strategy(tenant_scope(1002, "trade"), file("/nfs/ob")), None)
        .await
        .unwrap_err();
    assert_eq!(err.code, ObErrorCode::Unsupported);
    assert!(err.message.en.contains("V3.2.2-20220304134610"), "{}", err.message);
    assert!(operations(&e, before).is_empty());
    e.stop().await;
}

/// Waits long enough for the emulated cluster under [`ticking`], polled often.
fn patient() -> ApplyWaits {
    ApplyWaits {
        archive_stop: std::time::Duration::from_secs(20),
        backup_end: std::time::Duration::from_secs(20),
        poll: std::time::Duration::from_millis(20),
    }
}

#[tokio::test]
async fn moving_a_tenants_destinations_cancels_its_backup_and_stops_its_archive_first() {
    for release in [Release::V4_2_1_CE, Release::V4_3_5_CE] {
        let (e, clock) = emulator_with_clock(release).await;
        // trade archives (DOING) and a backup of it runs.
        clock.advance(std::time::Duration::from_secs(600));
        let mut s = session(&e).await;
        e.inject(ob_emulator::Fault::BackupHangs);
        let trade = ObName::parse("tenantName", "trade").unwrap();
        s.execute(&sql::backup(&sql::BackupScope::Tenants(vec![trade]), false, false).unwrap())
            .await
            .unwrap();

        let before = e.statement_log().len();
        let tick = ticking(clock.clone());
        let mut seen = Vec::new();
        let report = apply_strategy_watched(
            &mut s,
            &strategy(tenant_scope(1002, "trade"), file("/new")),
            None,
            patient(),
            &mut |p| seen.push(p),
        )
        .await
        .unwrap();
        tick.abort();
        assert_eq!(
            operations(&e, before),
            [
                "ALTER SYSTEM CANCEL BACKUP TENANT = trade",
                "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///new/trade/data' TENANT = trade",
                "ALTER SYSTEM NOARCHIVELOG TENANT = trade",
                "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///new/trade/archive BINDING=Optional PIECE_SWITCH_INTERVAL=1d' TENANT = trade",
                "ALTER SYSTEM ARCHIVELOG TENANT = trade",
                "ALTER SYSTEM DROP DELETE BACKUP POLICY 'default' TENANT trade",
                "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '7d' TENANT trade",
            ],
            "{release}"
        );
        assert_eq!(report.canceled_backups, ["trade"]);
        let moved: Vec<_> = report
            .moved
            .iter()
            .map(|m| (m.kind, m.from.as_str(), m.to.as_str()))
            .collect();
        assert_eq!(
            moved,
            [
                (
                    DestinationKind::Data,
                    "file:///backup/trade/data",
                    "file:///new/trade/data"
                ),
                (
                    DestinationKind::Archive,
                    "file:///backup/trade/archive",
                    "file:///new/trade/archive"
                ),
            ]
        );
        // The operator saw each wait, with what the cluster said and the limit.
        let waits: Vec<_> = seen
            .iter()
            .filter(|p| p.limit_secs > 0)
            .map(|p| (p.step, p.cluster_says.as_str()))
            .collect();
        assert!(waits.contains(&(ApplyStep::CancelingBackup, "CANCELING")), "{waits:?}");
        assert!(waits.contains(&(ApplyStep::StoppingArchive, "STOPPING")), "{waits:?}");
        assert!(seen.iter().all(|p| p.tenant == "trade" && p.limit_secs <= 20));
        // The cluster now backs trade up to the new path, and archives again.
        let dests = s.destinations_of(1002).await.unwrap();
        assert_eq!(dests.data_backup_dest.as_deref(), Some("file:///new/trade/data"));
        assert_eq!(dests.log_archive_dest.as_deref(), Some("file:///new/trade/archive"));
        let trade = s
            .tenants()
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.name == "trade")
            .unwrap();
        assert_eq!(trade.log_mode, "ARCHIVELOG");
        e.stop().await;
    }
}

#[tokio::test]
async fn a_strategy_that_keeps_the_clusters_destinations_sets_none_and_needs_no_secret() {
    let e = emulator(Release::V4_2_1_CE).await;
    let mut s = session(&e).await;
    let before = e.statement_log().len();
    let report = apply_strategy(&mut s, &strategy(StrategyScope::Cluster, None), None)
        .await
        .unwrap();
    // trade keeps its destinations and running archive; fresh has none to keep.
    assert_eq!(report.tenants, ["trade"]);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].tenant, "fresh");
    assert!(report.skipped[0].why.en.contains("give the strategy a path"));
    assert_eq!(
        operations(&e, before),
        [
            "ALTER SYSTEM DROP DELETE BACKUP POLICY 'default' TENANT trade",
            "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '7d' TENANT trade",
        ]
    );
    assert!(report.moved.is_empty() && report.canceled_backups.is_empty());
    e.stop().await;
}
