//! The conformance matrix: every release the emulator can be (`Release::ALL`) × every
//! operation an administrator runs from the desk. Each cell is DONE (the cluster's views
//! show the effect) or REFUSED by the desk before anything is sent, with the release's
//! own reason. Whatever the cell, no statement the release rejects is ever sent: the
//! emulator's record of refused statements stays empty for every release.
//!
//! `cargo test -p desk-engine --test conformance -- --nocapture` prints the matrix.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use desk_engine::{
    apply_strategy, sync_cluster, BackupNow, Clock, Directory, InitiateRecovery, OpError, OpErrorCode, Operator,
    Replica, RestoreRef, TenantAction, ZonePlacement,
};
use desk_model::journal::JournalState;
use desk_model::status::{ArchiveStatus, BackupJobStatus, BackupType};
use desk_model::strategy::{AlertThresholds, LogBackup, Schedule};
use desk_model::window::tenant_window;
use desk_model::{BackupMethod, ClusterId, CycleMode, DayPlan, ObName, Strategy, StrategyScope, TimeOfDay, UtcMicros};
use desk_oceanbase::{ConnectOptions, Edition as DeskEdition, Password, Session};
use desk_store::{NewCluster, Store};
use ob_emulator::{ClusterConfig, Edition, Emulator, Fault, HistorySeed, Line, ManualClock, Release, TenantConfig};

/// 2026-11-20 00:00:00 UTC.
const START: i64 = 1_795_132_800_000_000;
const TRADE: i64 = 1002;
const FRESH: i64 = 1004;
/// Long enough for any backup or restore of the emulated tenants to end.
const SETTLE: Duration = Duration::from_secs(2 * 3600);

/// What one operation came to on one release.
enum Outcome {
    /// Sent, accepted, and the effect is in the cluster's views.
    Done(String),
    /// Refused by the desk before sending, for this reason.
    Refused(String),
}

type Cell = Result<Outcome, String>;

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Done(what) => write!(f, "done: {what}"),
            Outcome::Refused(why) => write!(f, "refused: {why}"),
        }
    }
}

macro_rules! ensure {
    ($cond:expr, $($why:tt)+) => {
        if !$cond {
            return Err(format!($($why)+));
        }
    };
}

struct Fixed(Arc<ManualClock>);
impl Clock for Fixed {
    fn now(&self) -> UtcMicros {
        UtcMicros(ob_emulator::Clock::now_micros(&*self.0))
    }
}

struct Book(HashMap<ClusterId, ConnectOptions>);
impl Directory for Book {
    fn connect_options(&self, cluster: ClusterId) -> Result<ConnectOptions, OpError> {
        self.0
            .get(&cluster)
            .cloned()
            .ok_or_else(|| OpError::new(OpErrorCode::Unreachable, desk_model::Words::verbatim("no such cluster")))
    }
}

fn tenant(id: i64, name: &str, archiving: bool) -> TenantConfig {
    TenantConfig {
        tenant_id: id,
        name: name.into(),
        data_bytes: 1 << 30,
        archivelog: archiving,
        data_backup_dest: archiving.then(|| format!("file:///b/{name}/data")),
        log_archive_dest: archiving.then(|| format!("file:///b/{name}/archive")),
    }
}

/// One release's cluster, the desk's cache in a temporary directory and an operator.
struct Rig {
    release: Release,
    op: Operator,
    clock: Arc<ManualClock>,
    emulator: Emulator,
    cluster: ClusterId,
    _dir: tempfile::TempDir,
}

impl Rig {
    async fn start(release: Release) -> Rig {
        let clock = Arc::new(ManualClock::new(START));
        let config = ClusterConfig {
            cluster_name: "conf".into(),
            release,
            time_zone: "+08:00".into(),
            password: String::new(),
            // trade archives and has a week of history; fresh has no destination yet.
            tenants: vec![tenant(TRADE, "trade", true), tenant(FRESH, "fresh", false)],
            zones: vec!["zone1".into()],
            history: Some(HistorySeed { days: 7 }),
        };
        let emulator = Emulator::start(config, clock.clone()).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(&dir.path().join("cache.sqlite3")).unwrap();
        let cluster = store
            .upsert_cluster(&NewCluster {
                name: "conf".into(),
                host: "127.0.0.1".into(),
                port: emulator.addr().port(),
                sandbox: false,
            })
            .unwrap();
        let addr = emulator.addr();
        let opts = ConnectOptions::new(addr.ip().to_string(), addr.port(), "root@sys", Password::default());
        let op = Operator {
            store: Arc::new(Mutex::new(store)),
            clock: Arc::new(Fixed(clock.clone())),
            directory: Arc::new(Book(HashMap::from([(cluster, opts)]))),
            actor: "dba".into(),
            confirm_within: Duration::from_millis(500),
        };
        Rig {
            release,
            op,
            clock,
            emulator,
            cluster,
            _dir: dir,
        }
    }

    fn v3(&self) -> bool {
        self.release.line == Line::V3
    }

    fn opts(&self) -> ConnectOptions {
        self.op.directory.connect_options(self.cluster).unwrap()
    }

    fn now(&self) -> UtcMicros {
        self.op.now()
    }

    fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    async fn session(&self) -> Result<Session, String> {
        Session::connect(&self.opts())
            .await
            .map_err(|e| format!("connect: {e}"))
    }

    /// Statements that change something (everything but reads and session settings).
    fn changes_sent(&self) -> Vec<String> {
        self.emulator
            .statement_log()
            .into_iter()
            .filter(|s| {
                let s = s.trim_start().to_ascii_uppercase();
                ["ALTER SYSTEM", "CREATE", "DROP"].iter().any(|p| s.starts_with(p))
            })
            .collect()
    }

    /// The last change statement sent that contains `needle`.
    fn last_sent(&self, needle: &str) -> Option<String> {
        self.changes_sent()
            .into_iter()
            .rev()
            .find(|s| s.to_ascii_uppercase().contains(needle))
    }

    fn recovery(&self, target: &str, until: Option<UtcMicros>) -> InitiateRecovery {
        InitiateRecovery {
            source_cluster: self.cluster,
            source_tenant: "trade".into(),
            target_cluster: self.cluster,
            target_tenant: target.into(),
            until,
            zones: vec![ZonePlacement {
                zone: "zone1".into(),
                replica: Replica::Full,
                priority: 1,
            }],
            unit_cpu: 2,
            unit_memory_gib: 4,
            unit_num: 1,
            access_keys: None,
        }
    }

    fn backup(&self, tenant: Option<&str>) -> BackupNow {
        BackupNow {
            cluster: self.cluster,
            tenant: tenant.map(str::to_owned),
            method: BackupType::Full,
            plus_archivelog: false,
        }
    }

    fn trade(&self) -> TenantAction {
        TenantAction {
            cluster: self.cluster,
            tenant: "trade".into(),
        }
    }

    /// A recovery point inside trade's recoverable window as the cluster shows it now:
    /// the middle of its last span.
    async fn point_in_window(&self) -> Result<UtcMicros, String> {
        let mut s = self.session().await?;
        let version = s.info().version;
        let sets = s.backup_set_files(Some(TRADE)).await.map_err(|e| e.to_string())?;
        let pieces = s.archive_pieces(Some(TRADE)).await.map_err(|e| e.to_string())?;
        s.close().await;
        let window = tenant_window(Some(&version), &sets, &pieces);
        let last = window.last().ok_or("trade has no recoverable window")?;
        let mid = desk_model::backup::Scn(last.start.0 / 2 + last.end.0 / 2);
        mid.to_micros()
            .ok_or_else(|| "the window's middle is no instant".to_owned())
    }

    /// How the last RESTORE sent names its point.
    fn until_form(&self) -> String {
        let Some(sql) = self.last_sent("RESTORE") else {
            return "no RESTORE sent".into();
        };
        match sql.find(" UNTIL ") {
            Some(i) => {
                let rest = &sql[i + 1..];
                let end = rest.find(" WITH ").unwrap_or(rest.len());
                rest[..end].to_owned()
            }
            None => "no UNTIL".into(),
        }
    }

    /// The restore job `job` into `target` once settled: finished successfully, with its
    /// tenant NORMAL.
    async fn restored(&self, target: &str, job: i64) -> Result<String, String> {
        let mut s = self.session().await?;
        let name = ObName::parse("t", target).unwrap();
        let jobs = s.restores_of(&name, 0).await.map_err(|e| e.to_string())?;
        let j = jobs
            .iter()
            .find(|j| j.job_id == job)
            .ok_or_else(|| format!("restore job {job} of {target} not in the views: {jobs:?}"))?;
        ensure!(
            !j.running && j.status.is_terminal() && !j.status.is_failure(),
            "restore job {job} of {target} is {} (running {})",
            j.status,
            j.running
        );
        let tenants = s.tenants().await.map_err(|e| e.to_string())?;
        s.close().await;
        let t = tenants
            .iter()
            .find(|t| t.name == target)
            .ok_or_else(|| format!("restored tenant {target} does not exist"))?;
        ensure!(t.status == "NORMAL", "tenant {target} is {}", t.status);
        Ok(format!(
            "job {job} {}, tenant {} {}/{}",
            j.status, t.name, t.status, t.role
        ))
    }

    async fn tenant_record(&self, name: &str) -> Result<Option<desk_model::TenantRecord>, String> {
        let mut s = self.session().await?;
        let t = s.tenants().await.map_err(|e| e.to_string())?;
        s.close().await;
        Ok(t.into_iter().find(|t| t.name == name))
    }

    async fn archive_status(&self, tenant_id: i64) -> Result<Option<ArchiveStatus>, String> {
        let mut s = self.session().await?;
        let rounds = s.archive_rounds().await.map_err(|e| e.to_string())?;
        s.close().await;
        Ok(rounds
            .into_iter()
            .filter(|r| r.tenant_id == tenant_id)
            .max_by_key(|r| r.round_id)
            .map(|r| r.status))
    }

    /// A refusal by the desk: the expected code, and nothing sent that changes anything.
    fn refused(&self, before: usize, err: &OpError, code: OpErrorCode) -> Cell {
        ensure!(
            err.code == code,
            "refused with {:?} where {:?} was expected: {}",
            err.code,
            code,
            err.message
        );
        let sent = self.changes_sent();
        ensure!(
            sent.len() == before,
            "refused, but sent {:?}",
            &sent[before.min(sent.len())..]
        );
        Ok(Outcome::Refused(err.message.en.clone()))
    }
}

fn op_err(e: OpError) -> String {
    format!("{:?} {}", e.code, e.message)
}

async fn connect_and_detect(r: &Rig) -> Cell {
    let s = r.session().await?;
    let info = s.info().clone();
    s.close().await;
    let edition = match r.release.edition {
        Edition::Community => DeskEdition::Community,
        Edition::Enterprise => DeskEdition::Enterprise,
    };
    ensure!(
        info.edition == edition,
        "edition {:?}, the release is {:?}",
        info.edition,
        r.release.edition
    );
    let version = info.version.to_string();
    ensure!(
        version.starts_with(r.release.version),
        "version {version}, the release is {}",
        r.release.version
    );
    ensure!(
        info.capabilities.cluster_level_only == r.v3(),
        "cluster-level only: {}",
        info.capabilities.cluster_level_only
    );
    Ok(Outcome::Done(format!("{edition:?} V{version}")))
}

async fn sync_passes(r: &Rig) -> Cell {
    let first = sync_cluster(&r.op.store, r.cluster, &r.opts(), r.now())
        .await
        .map_err(|e| format!("first pass: {e}"))?;
    ensure!(!first.incremental, "the first pass read only recent history");
    ensure!(first.tenants >= 3, "{} tenants", first.tenants);
    ensure!(first.sets > 0 && first.jobs > 0, "no history: {first:?}");
    r.advance(Duration::from_secs(60));
    let second = sync_cluster(&r.op.store, r.cluster, &r.opts(), r.now())
        .await
        .map_err(|e| format!("incremental pass: {e}"))?;
    ensure!(second.incremental, "the second pass read everything again");
    let cached =
        r.op.store
            .lock()
            .unwrap()
            .cluster(r.cluster)
            .map_err(|e| e.to_string())?;
    ensure!(cached.version.is_some(), "no version cached");
    ensure!(cached.last_error.is_none(), "{:?}", cached.last_error);
    Ok(Outcome::Done(format!(
        "{} tenants, {} jobs, {} sets, {} pieces; then {} jobs",
        first.tenants, first.jobs, first.sets, first.pieces, second.jobs
    )))
}

async fn set_log_backup(r: &Rig, on: bool) -> Cell {
    let before = r.changes_sent().len();
    match r.op.set_log_backup(&r.trade(), on).await {
        Err(e) if r.v3() => r.refused(before, &e, OpErrorCode::VersionTooOld),
        Err(e) => Err(op_err(e)),
        Ok(_) if r.v3() => Err("3.x archives the whole cluster, yet a tenant's log backup was changed".into()),
        Ok(receipt) => {
            ensure!(receipt.state == JournalState::Confirmed, "{:?}", receipt.state);
            // Let the round reach DOING (or STOP).
            r.advance(Duration::from_secs(10));
            let mode = r.tenant_record("trade").await?.map(|t| t.log_mode).unwrap_or_default();
            let status = r.archive_status(TRADE).await?;
            let running = matches!(status, Some(ArchiveStatus::Doing));
            ensure!(
                mode == if on { "ARCHIVELOG" } else { "NOARCHIVELOG" } && running == on,
                "log mode {mode}, round {status:?}"
            );
            Ok(Outcome::Done(format!(
                "{mode}, round {}",
                status.map(|s| s.to_string()).unwrap_or_default()
            )))
        }
    }
}

async fn backup_tenant(r: &Rig) -> Cell {
    let before = r.changes_sent().len();
    match r.op.backup_now(&r.backup(Some("trade"))).await {
        Err(e) if !r.release.tenant_backup => {
            ensure!(
                e.message.en.contains("V3.2.2-20220304134610"),
                "the reason names no version rule: {}",
                e.message
            );
            r.refused(before, &e, OpErrorCode::VersionTooOld)
        }
        Err(e) => Err(op_err(e)),
        Ok(_) if !r.release.tenant_backup => Err("a tenant backup went out to a release without one".into()),
        Ok(receipt) => {
            let job = receipt.job_id.ok_or("no job seen after the backup was accepted")?;
            r.advance(Duration::from_secs(600));
            let mut s = r.session().await?;
            let jobs = s.backup_jobs_after(TRADE, job - 1).await.map_err(|e| e.to_string())?;
            s.close().await;
            let j = jobs.iter().find(|j| j.job_id == job).ok_or("the job left the views")?;
            ensure!(j.status == BackupJobStatus::Completed, "job {job} is {}", j.status);
            Ok(Outcome::Done(format!(
                "job {job} {} ({})",
                j.status,
                r.last_sent("BACKUP").unwrap_or_default()
            )))
        }
    }
}

async fn backup_cluster(r: &Rig) -> Cell {
    async fn sets(s: &mut Session) -> Result<Vec<desk_model::backup::BackupSetFile>, String> {
        s.backup_set_files(Some(TRADE)).await.map_err(|e| e.to_string())
    }
    let mut s = r.session().await?;
    let before = sets(&mut s).await?.len();
    s.close().await;
    let receipt = r.op.backup_now(&r.backup(None)).await.map_err(op_err)?;
    r.advance(Duration::from_secs(600));
    let mut s = r.session().await?;
    let after = sets(&mut s).await?;
    if let Some(job) = receipt.job_id {
        let jobs = s.backup_jobs_after(1, job - 1).await.map_err(|e| e.to_string())?;
        let j = jobs
            .iter()
            .find(|j| j.job_id == job)
            .ok_or("the cluster job left the views")?;
        ensure!(
            j.status == BackupJobStatus::Completed,
            "cluster job {job} is {}",
            j.status
        );
    }
    s.close().await;
    ensure!(after.len() > before, "no new backup set for trade");
    let newest = after.iter().max_by_key(|s| s.backup_set_id).unwrap();
    ensure!(
        newest.status.as_str() == "SUCCESS",
        "set {} is {}",
        newest.backup_set_id,
        newest.status
    );
    Ok(Outcome::Done(format!(
        "set {} SUCCESS ({})",
        newest.backup_set_id,
        r.last_sent("BACKUP").unwrap_or_default()
    )))
}

fn strategy_for_fresh() -> Strategy {
    Strategy {
        cluster_id: ClusterId(1),
        scope: StrategyScope::Tenant {
            ob_tenant_id: FRESH,
            tenant_name: ObName::parse("tenantName", "fresh").unwrap(),
        },
        // Written as the page sends it, whatever shape the field has.
        storage: serde_json::from_value(serde_json::json!({
            "kind": "FILE", "path": "/backup/conf", "host": null, "region": null,
            "appId": null, "accessId": null, "secretRef": null
        }))
        .unwrap(),
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

async fn strategy(r: &Rig) -> Cell {
    let before = r.changes_sent().len();
    let mut s = r.session().await?;
    let result = apply_strategy(&mut s, &strategy_for_fresh(), None).await;
    s.close().await;
    match result {
        Err(e) if r.v3() => {
            let sent = r.changes_sent();
            ensure!(sent.len() == before, "refused, but sent {:?}", &sent[before..]);
            ensure!(e.server_code.is_none(), "the cluster refused it: {e:?}");
            Ok(Outcome::Refused(e.message.en))
        }
        Err(e) => Err(format!("{e:?}")),
        Ok(_) if r.v3() => Err("a tenant's strategy was applied on a cluster-level release".into()),
        Ok(report) => {
            r.advance(Duration::from_secs(10));
            let mut s = r.session().await?;
            let dests = s.destinations_of(FRESH).await.map_err(|e| e.to_string())?;
            s.close().await;
            let data = dests.data_backup_dest.unwrap_or_default();
            let archive = dests.log_archive_dest.unwrap_or_default();
            ensure!(data.contains("/backup/conf/fresh/data"), "data destination {data:?}");
            ensure!(
                archive.contains("/backup/conf/fresh/archive"),
                "archive destination {archive:?}"
            );
            let mode = r.tenant_record("fresh").await?.map(|t| t.log_mode).unwrap_or_default();
            let status = r.archive_status(FRESH).await?;
            ensure!(
                mode == "ARCHIVELOG" && status == Some(ArchiveStatus::Doing),
                "log mode {mode}, round {status:?}"
            );
            Ok(Outcome::Done(format!(
                "fresh: destinations set, {mode}, round DOING ({} statements)",
                report.statements
            )))
        }
    }
}

async fn restore_to(r: &Rig, target: &str, latest: bool) -> Cell {
    let until = if latest { None } else { Some(r.point_in_window().await?) };
    let receipt =
        r.op.initiate_recovery(&r.recovery(target, until))
            .await
            .map_err(op_err)?;
    let form = r.until_form();
    let job = receipt.job_id.ok_or("no restore job seen")?;
    r.advance(SETTLE);
    let done = r.restored(target, job).await?;
    Ok(Outcome::Done(format!("{done} ({form})")))
}

async fn activate(r: &Rig, target: &str) -> Cell {
    let before = r.changes_sent().len();
    match r.op.activate_tenant(r.cluster, target).await {
        Err(e) if r.v3() => r.refused(before, &e, OpErrorCode::NotRestored),
        Err(e) => Err(op_err(e)),
        Ok(_) if r.v3() => Err("an activation went out to 3.x".into()),
        Ok(receipt) => {
            if receipt.state == JournalState::Sent {
                r.advance(Duration::from_secs(60));
                r.op.reconcile().await.map_err(op_err)?;
            }
            let t = r.tenant_record(target).await?.ok_or("the activated tenant is gone")?;
            ensure!(
                t.role == "PRIMARY" && t.status == "NORMAL",
                "{target} is {}/{}",
                t.role,
                t.status
            );
            Ok(Outcome::Done(format!("{target} {}/{}", t.status, t.role)))
        }
    }
}

async fn cancel_backup(r: &Rig) -> Cell {
    r.emulator.inject(Fault::BackupHangs);
    let tenant = r.release.tenant_backup.then_some("trade");
    let started = r.op.backup_now(&r.backup(tenant)).await.map_err(op_err)?;
    r.advance(Duration::from_secs(5));
    let cancelled = r.op.cancel_backup(&r.trade()).await.map_err(op_err)?;
    let job = match cancelled.job_id {
        Some(job) => job,
        None => {
            // 3.x shows a cancel only when the job has ended: the next reconciliation sees it.
            ensure!(r.v3(), "no job named by the cancel");
            r.advance(Duration::from_secs(60));
            let settled = r.op.reconcile().await.map_err(op_err)?;
            let entry = settled
                .iter()
                .find(|e| e.id == cancelled.journal_id)
                .ok_or("the cancel was not reconciled")?;
            ensure!(
                entry.state == JournalState::Confirmed,
                "the cancel is {:?}",
                entry.state
            );
            entry.job_id.ok_or("no job named by the cancel")?
        }
    };
    if let (Some(started), Some(_)) = (started.job_id, tenant) {
        ensure!(started == job, "started job {started}, cancelled job {job}");
    }
    r.advance(Duration::from_secs(60));
    let mut s = r.session().await?;
    let jobs = s.backup_jobs_after(TRADE, job - 1).await.map_err(|e| e.to_string())?;
    s.close().await;
    let j = jobs
        .iter()
        .find(|j| j.job_id == job)
        .ok_or("the cancelled job left the views")?;
    // 3.x keeps no CANCELED: its set ends FAILED.
    let wanted = if r.v3() {
        BackupJobStatus::Failed
    } else {
        BackupJobStatus::Canceled
    };
    ensure!(j.status == wanted, "job {job} is {}", j.status);
    Ok(Outcome::Done(format!(
        "job {job} {} ({})",
        j.status,
        r.last_sent("CANCEL").unwrap_or_default()
    )))
}

async fn cancel_restore(r: &Rig) -> Cell {
    let until = Some(r.point_in_window().await?);
    let started =
        r.op.initiate_recovery(&r.recovery("r_cancel", until))
            .await
            .map_err(op_err)?;
    let job = started.job_id.ok_or("no restore job seen")?;
    r.advance(Duration::from_secs(8));
    r.op.cancel_restore(&RestoreRef {
        cluster: r.cluster,
        job_id: job,
    })
    .await
    .map_err(op_err)?;
    r.advance(Duration::from_secs(5));
    let mut s = r.session().await?;
    let name = ObName::parse("t", "r_cancel").unwrap();
    let jobs = s.restores_of(&name, 0).await.map_err(|e| e.to_string())?;
    s.close().await;
    let j = jobs
        .iter()
        .find(|j| j.job_id == job)
        .ok_or("the restore left the views")?;
    ensure!(!j.running && j.status.is_failure(), "restore {job} is {}", j.status);
    ensure!(r.tenant_record("r_cancel").await?.is_none(), "r_cancel still exists");
    Ok(Outcome::Done(format!(
        "job {job} {} \"{}\", tenant gone ({})",
        j.status,
        j.comment,
        r.last_sent("R_CANCEL").unwrap_or_default()
    )))
}

/// Starts a restore that fails, and waits until it has.
async fn failed_restore(r: &Rig, target: &str) -> Result<RestoreRef, String> {
    r.emulator.inject(Fault::RestoreFails {
        comment: "disk full on zone1".into(),
    });
    let until = Some(r.point_in_window().await?);
    let receipt =
        r.op.initiate_recovery(&r.recovery(target, until))
            .await
            .map_err(op_err)?;
    let job = receipt.job_id.ok_or("no restore job seen")?;
    r.advance(SETTLE);
    let mut s = r.session().await?;
    let jobs = s
        .restores_of(&ObName::parse("t", target).unwrap(), 0)
        .await
        .map_err(|e| e.to_string())?;
    s.close().await;
    let j = jobs
        .iter()
        .find(|j| j.job_id == job)
        .ok_or("the restore left the views")?;
    ensure!(j.status.is_failure(), "restore {job} is {}", j.status);
    Ok(RestoreRef {
        cluster: r.cluster,
        job_id: job,
    })
}

async fn retry_restore(r: &Rig) -> Cell {
    let failed = failed_restore(r, "r_retry").await?;
    let receipt = r.op.retry_restore(&failed, None).await.map_err(op_err)?;
    let job = receipt.job_id.ok_or("no job seen for the retry")?;
    ensure!(job != failed.job_id, "the retry is the failed job");
    let form = r.until_form();
    r.advance(SETTLE);
    let done = r.restored("r_retry", job).await?;
    Ok(Outcome::Done(format!(
        "job {} failed, retried: {done} ({form})",
        failed.job_id
    )))
}

async fn clean_up_restore(r: &Rig) -> Cell {
    let failed = failed_restore(r, "r_clean").await?;
    let before = r.changes_sent().len();
    r.op.clean_up_restore(&failed).await.map_err(op_err)?;
    let sent: Vec<String> = r.changes_sent()[before..].to_vec();
    ensure!(r.tenant_record("r_clean").await?.is_none(), "r_clean still exists");
    let mut s = r.session().await?;
    let pools = s.resource_pools().await.map_err(|e| e.to_string())?;
    let units = s.unit_configs().await.map_err(|e| e.to_string())?;
    s.close().await;
    ensure!(
        !pools.iter().any(|p| p.name == "r_clean_pool"),
        "the pool is still there"
    );
    ensure!(
        !units.iter().any(|u| u.name == "r_clean_unit"),
        "the unit is still there"
    );
    ensure!(
        sent.iter().any(|s| s.contains("DROP RESOURCE POOL")),
        "the pool was not dropped: {sent:?}"
    );
    Ok(Outcome::Done(format!("job {}: {}", failed.job_id, sent.join("; "))))
}

const OPERATIONS: [&str; 15] = [
    "connect + detect",
    "sync: first + incremental",
    "log backup off",
    "log backup on",
    "backup now: tenant",
    "backup now: cluster",
    "apply strategy (tenant, file://)",
    "restore: point in window",
    "restore: latest",
    "activate restored tenant",
    "cancel backup",
    "cancel restore",
    "retry failed restore",
    "clean up failed restore",
    "no refused statement sent",
];

async fn run(release: Release) -> Vec<Cell> {
    let r = Rig::start(release).await;
    let mut cells = vec![
        connect_and_detect(&r).await,
        sync_passes(&r).await,
        set_log_backup(&r, false).await,
        set_log_backup(&r, true).await,
        backup_tenant(&r).await,
        backup_cluster(&r).await,
        strategy(&r).await,
        restore_to(&r, "r_until", false).await,
        restore_to(&r, "r_latest", true).await,
        activate(&r, "r_until").await,
        cancel_backup(&r).await,
        cancel_restore(&r).await,
        retry_restore(&r).await,
        clean_up_restore(&r).await,
    ];
    let refused = r.emulator.refused_log();
    cells.push(if refused.is_empty() {
        Ok(Outcome::Done(format!(
            "{} statements, none refused",
            r.emulator.statement_log().len()
        )))
    } else {
        Err(format!("the cluster refused {refused:#?}"))
    });
    r.emulator.stop().await;
    cells
}

#[tokio::test(flavor = "multi_thread")]
async fn every_release_does_or_refuses_every_operation_and_is_never_sent_what_it_rejects() {
    let mut matrix: Vec<(Release, Vec<Cell>)> = Vec::new();
    for release in Release::ALL {
        matrix.push((release, run(release).await));
    }

    let width = OPERATIONS.iter().map(|o| o.len()).max().unwrap_or(0);
    let mut grid = format!("{:width$}", "");
    for (release, _) in &matrix {
        grid.push_str(&format!(" | {:9}", release.key));
    }
    grid.push('\n');
    for (i, op) in OPERATIONS.iter().enumerate() {
        grid.push_str(&format!("{op:width$}"));
        for (_, cells) in &matrix {
            let mark = match &cells[i] {
                Ok(Outcome::Done(_)) => "done",
                Ok(Outcome::Refused(_)) => "refused",
                Err(_) => "FAILED",
            };
            grid.push_str(&format!(" | {mark:9}"));
        }
        grid.push('\n');
    }
    println!("\n{grid}");
    let mut failures = Vec::new();
    for (release, cells) in &matrix {
        println!("{release} ({})", release.key);
        for (op, cell) in OPERATIONS.iter().zip(cells) {
            match cell {
                Ok(outcome) => println!("  {op:width$}  {outcome}"),
                Err(why) => {
                    println!("  {op:width$}  FAILED: {why}");
                    failures.push(format!("{} / {op}: {why}", release.key));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} cells failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
