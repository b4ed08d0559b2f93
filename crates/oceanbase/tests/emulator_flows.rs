//! Every connector flow against ob-emulator, with a manual clock: what an
//! administrator would check after each action, read back through the views.

use std::sync::Arc;
use std::time::Duration;

use desk_model::backup::Scn;
use desk_model::status::{ArchiveStatus, BackupJobStatus, BackupType, RestoreStatus};
use desk_model::{ObName, StorageUri, UtcMicros};
use desk_oceanbase::sql::{self, BackupScope, RestoreRequest, RestoreUntil};
use desk_oceanbase::{ConnectOptions, ObErrorCode, Password, ServerFlavor, Session};
use ob_emulator::{ClusterConfig, Emulator, Fault, HistorySeed, ManualClock, Release, TenantConfig};

/// 2026-11-20 00:00:00 UTC.
const START: i64 = 1_795_132_800_000_000;

fn name(s: &str) -> ObName {
    ObName::parse("name", s).unwrap()
}

fn uri(s: &str) -> StorageUri {
    StorageUri::parse("uri", s).unwrap()
}

fn tenant(id: i64, n: &str, history: bool) -> TenantConfig {
    TenantConfig {
        tenant_id: id,
        name: n.into(),
        data_bytes: 2 << 30,
        archivelog: history,
        data_backup_dest: history.then(|| format!("file:///backup/{n}/data")),
        log_archive_dest: history.then(|| format!("file:///backup/{n}/archive")),
    }
}

struct Rig {
    emulator: Emulator,
    clock: Arc<ManualClock>,
}

impl Rig {
    async fn start(release: Release, history_days: Option<u32>) -> Rig {
        let clock = Arc::new(ManualClock::new(START));
        let config = ClusterConfig {
            cluster_name: "emu-hz".into(),
            release,
            time_zone: "+08:00".into(),
            password: "pw".into(),
            tenants: vec![tenant(1002, "trade", true), tenant(1004, "fresh", false)],
            zones: vec!["zone1".into(), "zone2".into(), "zone3".into()],
            history: history_days.map(|days| HistorySeed { days }),
        };
        let emulator = Emulator::start(config, clock.clone()).await.unwrap();
        Rig { emulator, clock }
    }

    fn options(&self, password: &str) -> ConnectOptions {
        let addr = self.emulator.addr();
        ConnectOptions::new(addr.ip().to_string(), addr.port(), "root@sys", Password::new(password))
    }

    async fn session(&self) -> Session {
        Session::connect(&self.options("pw")).await.unwrap()
    }

    fn advance(&self, d: Duration) {
        self.clock.advance(d);
    }

    fn now(&self) -> UtcMicros {
        UtcMicros(ob_emulator::Clock::now_micros(self.clock.as_ref()))
    }
}

#[tokio::test]
async fn detects_the_emulator_and_refuses_a_wrong_password() {
    let rig = Rig::start(Release::V4_3_5_CE, None).await;
    let s = rig.session().await;
    assert_eq!(s.info().flavor, ServerFlavor::Emulator);
    assert_eq!(s.info().version.to_string(), "4.3.5.6-106000012026040916");
    assert!(s.info().capabilities.tenant_backup);
    let err = Session::connect(&rig.options("nope")).await.err().unwrap();
    assert_eq!((err.code, err.server_code), (ObErrorCode::AccessDenied, Some(1045)));

    let legacy = Rig::start(Release::V3_1_5_CE, None).await;
    let s = legacy.session().await;
    assert!(!s.info().capabilities.tenant_backup);
    assert!(s
        .info()
        .capabilities
        .tenant_backup_refusal
        .clone()
        .unwrap()
        .en
        .contains("V3.2.2-20220304134610"));
}

#[tokio::test]
async fn a_full_backup_runs_to_completed_and_leaves_a_set() {
    let rig = Rig::start(Release::V4_3_5_CE, None).await;
    let mut s = rig.session().await;
    let tenants = s.tenants().await.unwrap();
    assert!(
        tenants.iter().any(|t| t.name == "trade" && t.log_mode == "ARCHIVELOG"),
        "{tenants:?}"
    );
    rig.advance(Duration::from_secs(60));

    s.execute(&sql::backup(&BackupScope::Tenants(vec![name("trade")]), false, false).unwrap())
        .await
        .unwrap();
    let running = s.backup_jobs().await.unwrap();
    let job = running
        .iter()
        .find(|j| j.tenant_id == 1002)
        .expect("a running job for trade");
    assert!(
        matches!(job.status, BackupJobStatus::Init | BackupJobStatus::Doing),
        "{:?}",
        job.status
    );
    assert_eq!(job.backup_type, BackupType::Full);

    // 2 GiB at the emulator's 100 MB/s: still running after 5 s, with progress.
    rig.advance(Duration::from_secs(5));
    let tasks = s.backup_tasks().await.unwrap();
    let task = tasks
        .iter()
        .find(|t| t.tenant_id == 1002)
        .expect("a running backup shows task progress");
    assert!(
        task.data_progress_permille < 1000,
        "100% only when finished: {}",
        task.data_progress_permille
    );

    rig.advance(Duration::from_secs(3600));
    assert!(
        s.backup_jobs().await.unwrap().iter().all(|j| j.tenant_id != 1002),
        "a finished job leaves the running view"
    );
    let history = s.backup_job_history(None).await.unwrap();
    let done = history.iter().find(|j| j.tenant_id == 1002).unwrap();
    assert_eq!(done.status, BackupJobStatus::Completed);
    assert!(done.end.unwrap() > done.start.unwrap());
    let sets = s.backup_set_files(Some(1002)).await.unwrap();
    assert_eq!(sets.len(), 1);
    assert!(sets[0].input_bytes > 0);
}

/// OceanBase turns an INCREMENTAL with no full set into a FULL backup (it does
/// not refuse it): the desk's own pre-flight refuses it, before sending.
#[tokio::test]
async fn incremental_without_a_full_set_is_made_full_by_the_server_then_chains() {
    let rig = Rig::start(Release::V4_3_5_CE, None).await;
    let mut s = rig.session().await;
    rig.advance(Duration::from_secs(60));
    let inc = sql::backup(&BackupScope::Tenants(vec![name("trade")]), true, false).unwrap();
    s.execute(&inc).await.unwrap();
    rig.advance(Duration::from_secs(3600));
    s.execute(&inc).await.unwrap();
    rig.advance(Duration::from_secs(3600));
    let sets = s.backup_set_files(Some(1002)).await.unwrap();
    assert_eq!(
        sets.iter().map(|s| s.backup_type.clone()).collect::<Vec<_>>(),
        [BackupType::Full, BackupType::Incremental]
    );
    assert_eq!(sets[1].prev_full_backup_set_id, sets[0].backup_set_id);
}

#[tokio::test]
async fn a_second_backup_while_one_runs_is_refused_as_not_allowed_now() {
    let rig = Rig::start(Release::V4_3_5_CE, None).await;
    let mut s = rig.session().await;
    rig.advance(Duration::from_secs(60));
    let full = sql::backup(&BackupScope::Tenants(vec![name("trade")]), false, false).unwrap();
    s.execute(&full).await.unwrap();
    let err = s.execute(&full).await.unwrap_err();
    assert_eq!(
        (err.code, err.server_code),
        (ObErrorCode::NotAllowedNow, Some(9036)),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_backup_refused_without_destination_and_a_cancelled_one_ends_canceled() {
    let rig = Rig::start(Release::V4_3_5_CE, None).await;
    let mut s = rig.session().await;
    let err = s
        .execute(&sql::backup(&BackupScope::Tenants(vec![name("fresh")]), false, false).unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.code, ObErrorCode::NotAllowedNow, "{err:?}");

    rig.emulator.inject(Fault::BackupHangs);
    s.execute(&sql::backup(&BackupScope::Tenants(vec![name("trade")]), false, false).unwrap())
        .await
        .unwrap();
    rig.advance(Duration::from_secs(6 * 3600));
    assert!(s
        .backup_jobs()
        .await
        .unwrap()
        .iter()
        .any(|j| j.tenant_id == 1002 && j.status == BackupJobStatus::Doing));
    s.execute(&sql::cancel_backup(Some(&name("trade")))).await.unwrap();
    rig.advance(Duration::from_secs(60));
    let history = s.backup_job_history(None).await.unwrap();
    assert_eq!(
        history.iter().find(|j| j.tenant_id == 1002).unwrap().status,
        BackupJobStatus::Canceled
    );
}

#[tokio::test]
async fn archive_on_advances_its_checkpoint_and_off_stops_it() {
    let rig = Rig::start(Release::V4_3_5_CE, None).await;
    let mut s = rig.session().await;
    let fresh = name("fresh");
    s.execute(&sql::set_log_archive_dest(&fresh, &uri("file:///backup/fresh/archive"), None).unwrap())
        .await
        .unwrap();
    s.execute(&sql::set_data_backup_dest(&fresh, &uri("file:///backup/fresh/data")).unwrap())
        .await
        .unwrap();
    s.execute(&sql::archivelog(Some(&fresh), true)).await.unwrap();
    rig.advance(Duration::from_secs(120));
    let round = s
        .archive_rounds()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.tenant_id == 1004)
        .unwrap();
    assert_eq!(round.status, ArchiveStatus::Doing);
    let first = round.checkpoint_scn;
    rig.advance(Duration::from_secs(600));
    let later = s
        .archive_rounds()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.tenant_id == 1004)
        .unwrap()
        .checkpoint_scn;
    assert!(later > first, "the checkpoint follows the clock");
    assert!(later.to_micros().unwrap() <= rig.now());

    s.execute(&sql::archivelog(Some(&fresh), false)).await.unwrap();
    rig.advance(Duration::from_secs(120));
    let round = s
        .archive_rounds()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.tenant_id == 1004)
        .unwrap();
    assert_eq!(round.status, ArchiveStatus::Stop);
}

async fn prepare_pool(s: &mut Session, pool: &str) {
    let unit = name(&format!("{pool}_unit"));
    s.execute(&sql::create_resource_unit(&unit, 2, 4).unwrap())
        .await
        .unwrap();
    s.execute(&sql::create_resource_pool(&name(pool), &unit, 1, &[name("zone1")]).unwrap())
        .await
        .unwrap();
}

fn restore_request(target: &str, pool: &str, until: RestoreUntil) -> RestoreRequest {
    RestoreRequest {
        target_tenant: name(target),
        data: uri("file:///backup/trade/data"),
        archive: uri("file:///backup/trade/archive"),
        until,
        pool_list: vec![name(pool)],
        locality: vec![],
        primary_zone: None,
        concurrency: Some(4),
    }
}

async fn wait_restore(rig: &Rig, s: &mut Session, target: &str) -> desk_model::backup::RestoreJob {
    for _ in 0..48 {
        rig.advance(Duration::from_secs(600));
        let all = s.restores(None).await.unwrap();
        if let Some(done) = all.into_iter().find(|r| r.restore_tenant_name == target && !r.running) {
            return done;
        }
    }
    panic!("restore of {target} never finished");
}

#[tokio::test]
async fn restores_with_each_until_form_end_standby_and_activate_to_primary() {
    let rig = Rig::start(Release::V4_3_5_CE, Some(3)).await;
    let mut s = rig.session().await;
    let sets = s.backup_set_files(Some(1002)).await.unwrap();
    let latest = sets
        .iter()
        .filter(|s| s.file_status.as_str() == "AVAILABLE")
        .max_by_key(|s| s.backup_set_id)
        .unwrap();
    let point = latest.min_restore_scn.to_micros().unwrap();

    let forms = [
        ("r_latest", RestoreUntil::Latest),
        // UNTIL TIME is read in the zone the backups recorded (the cluster's +08:00),
        // whatever the session's: the instant is named at that offset.
        (
            "r_time",
            RestoreUntil::Time {
                at: UtcMicros(point.0 + 1_000_000),
                offset_secs: 8 * 3600,
            },
        ),
        ("r_scn", RestoreUntil::Scn(Scn(latest.min_restore_scn.0 + 1))),
    ];
    for (target, until) in forms {
        let pool = format!("{target}_pool");
        prepare_pool(&mut s, &pool).await;
        s.execute(&sql::restore(&restore_request(target, &pool, until)).unwrap())
            .await
            .unwrap();
        rig.advance(Duration::from_secs(10));
        let running = s.restores(None).await.unwrap();
        let mine: Vec<_> = running.iter().filter(|r| r.restore_tenant_name == target).collect();
        assert_eq!(mine.len(), 1, "one restore per job, not the sys row and the tenant's");
        assert!(mine[0].running, "{target} shows progress");
        assert_eq!((mine[0].tenant_id, mine[0].phase.as_str()), (1, "RESTORING"));
        assert!(mine[0].total_bytes > 0, "the figures come from the tenant's row");
        let done = wait_restore(&rig, &mut s, target).await;
        assert_eq!(done.status, RestoreStatus::Success, "{target}: {}", done.comment);
        let t = s
            .tenants()
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.name == target)
            .unwrap();
        assert_eq!(t.role, "STANDBY", "a restored tenant is a standby until activated");
    }

    s.execute(&sql::activate_standby(&name("r_time"))).await.unwrap();
    rig.advance(Duration::from_secs(120));
    let t = s
        .tenants()
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "r_time")
        .unwrap();
    assert_eq!(t.role, "PRIMARY");

    // A restore onto a name that exists is refused.
    prepare_pool(&mut s, "dup_pool").await;
    let err = s
        .execute(&sql::restore(&restore_request("r_time", "dup_pool", RestoreUntil::Latest)).unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.code, ObErrorCode::ObjectExists, "{err:?}");
}

#[tokio::test]
async fn a_failed_restore_shows_its_cause_and_can_be_cleaned_up_and_a_running_one_cancelled() {
    let rig = Rig::start(Release::V4_3_5_CE, Some(3)).await;
    let mut s = rig.session().await;
    prepare_pool(&mut s, "bad_pool").await;
    rig.emulator.inject(Fault::RestoreFails {
        comment: "disk full on zone1".into(),
    });
    s.execute(&sql::restore(&restore_request("r_bad", "bad_pool", RestoreUntil::Latest)).unwrap())
        .await
        .unwrap();
    let done = wait_restore(&rig, &mut s, "r_bad").await;
    assert_eq!(done.status, RestoreStatus::Fail);
    assert!(done.comment.contains("disk full on zone1"), "{}", done.comment);

    // Clean up: drop the half-restored tenant, then its pool.
    s.execute(&sql::drop_tenant(&name("r_bad"))).await.unwrap();
    rig.advance(Duration::from_secs(60));
    s.execute(&sql::drop_resource_pool(&name("bad_pool"))).await.unwrap();
    assert!(s.tenants().await.unwrap().iter().all(|t| t.name != "r_bad"));

    prepare_pool(&mut s, "c_pool").await;
    s.execute(&sql::restore(&restore_request("r_cancel", "c_pool", RestoreUntil::Latest)).unwrap())
        .await
        .unwrap();
    s.execute(&sql::cancel_restore(&name("r_cancel"))).await.unwrap();
    rig.advance(Duration::from_secs(120));
    assert!(s
        .restores(None)
        .await
        .unwrap()
        .iter()
        .all(|r| !(r.restore_tenant_name == "r_cancel" && r.running)));
    assert!(
        s.tenants().await.unwrap().iter().all(|t| t.name != "r_cancel"),
        "cancel drops the tenant being restored"
    );
}

#[tokio::test]
async fn a_dropped_connection_is_connection_lost_and_reconnecting_works() {
    let rig = Rig::start(Release::V4_3_5_CE, None).await;
    let mut s = rig.session().await;
    rig.emulator.inject(Fault::DropConnections);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let err = s.tenants().await.unwrap_err();
    assert_eq!(err.code, ObErrorCode::ConnectionLost, "{err:?}");
    let mut again = rig.session().await;
    assert!(!again.tenants().await.unwrap().is_empty());
}

#[tokio::test]
async fn hostile_names_and_uris_never_reach_the_server() {
    let rig = Rig::start(Release::V4_3_5_CE, None).await;
    let mut s = rig.session().await;
    let before = rig.emulator.statement_log();
    let hostile_names = [
        "t1'; DROP TENANT trade; --",
        "t1` OR 1=1",
        "t1\nALTER SYSTEM NOARCHIVELOG",
        "t1/*",
        "trаde", // Cyrillic 'а'
        &"x".repeat(10_000),
    ];
    for bad in hostile_names {
        let err = ObName::parse("tenantName", bad).unwrap_err();
        assert_eq!(err.field, "tenantName");
    }
    let hostile_uris = [
        "file:///a' TENANT = sys; ALTER SYSTEM NOARCHIVELOG; -- ",
        "file:///a,file:///b",
        "file:///a\\' --",
        "oss://b/p?host=h&access_id=ID&access_key=KEY'",
        &format!("file:///{}", "a".repeat(10_000)),
    ];
    for bad in hostile_uris {
        let err = StorageUri::parse("dataBackupDest", bad).unwrap_err();
        assert_eq!(err.field, "dataBackupDest");
        assert!(!err.to_string().contains("KEY"), "{err}");
    }
    // A tenant the cluster does not have is the server's refusal, not ours: it reaches the server once.
    let err = s
        .execute(&sql::cancel_backup(Some(&name("no_such_tenant"))))
        .await
        .unwrap_err();
    assert!(
        matches!(err.code, ObErrorCode::ObjectMissing | ObErrorCode::NotAllowedNow),
        "{err:?}"
    );
    let after = rig.emulator.statement_log();
    let sent: Vec<&String> = after[before.len()..].iter().collect();
    assert_eq!(
        sent,
        [&"ALTER SYSTEM CANCEL BACKUP TENANT = no_such_tenant".to_owned()],
        "only the valid statement was sent"
    );
    assert!(
        s.tenants().await.unwrap().iter().any(|t| t.name == "trade"),
        "nothing was dropped"
    );
}

#[tokio::test]
async fn credentials_in_uris_reach_the_server_but_no_error_or_log_line() {
    let rig = Rig::start(Release::V4_3_5_CE, None).await;
    let mut s = rig.session().await;
    let oss = uri("oss://bkt/fresh?host=oss.example.com&access_id=PLANTEDID&access_key=PLANTEDKEY");
    s.execute(&sql::set_data_backup_dest(&name("fresh"), &oss).unwrap())
        .await
        .unwrap();
    // The same path again for another tenant is refused; the error must not echo the key.
    let err = s
        .execute(&sql::set_data_backup_dest(&name("trade"), &oss).unwrap())
        .await;
    if let Err(e) = err {
        assert!(
            !e.message.to_string().contains("PLANTEDKEY")
                && !e.message.zh.contains("PLANTEDKEY")
                && !e.message.to_string().contains("PLANTEDID"),
            "{}",
            e.message
        );
    }
    let sets = s.backup_set_files(None).await.unwrap();
    for set in sets {
        assert!(!set.path.contains("PLANTEDKEY"));
    }
}
