//! A sync pass: a cluster's version, tenants, backup history and backup state into the cache.
//!
//! The first pass of a cluster reads everything. Later passes read only what can have
//! changed: history that ended at or after the cluster's watermark (the newest end time
//! seen, minus [`SAFETY_MARGIN_MICROS`] for rows that reach the history late), plus
//! everything still running, plus the small state views (tenants, archive rounds,
//! destinations, delete policy, tasks). Backup sets and archive pieces are re-read in
//! full every [`FULL_READ_EVERY_MICROS`]: the delete policy changes old ones' FILE_STATUS.
//!
//! Whatever the size of the history, a pass sends at most [`MAX_STATEMENTS_PER_PASS`]
//! statements (4.x): 2 at connect (the session's time zone, the version comment), then
//! `DBA_OB_TENANTS`, `CDB_OB_BACKUP_JOBS`, `_JOB_HISTORY`, `_TASKS`, `_SET_FILES`,
//! `CDB_OB_ARCHIVELOG`, `_PIECE_FILES`, `CDB_OB_BACKUP_PARAMETER`, `CDB_OB_ARCHIVE_DEST`,
//! `CDB_OB_BACKUP_DELETE_POLICY`, `CDB_OB_RESTORE_PROGRESS`, `_HISTORY`. The first pass
//! on a server (or a new version of it) also asks each of those views for its columns
//! once, [`VIEWS_READ_PER_PASS`] statements more (see `desk_oceanbase`'s catalog).

use std::sync::{LazyLock, Mutex};

use desk_model::backup::{
    ArchivePiece, ArchiveRound, BackupDestinations, BackupJob, BackupSetFile, BackupTask, DeletePolicy, RestoreJob, Scn,
};
use desk_model::{ClusterId, ObVersion, TenantRecord, UtcMicros};
use desk_oceanbase::{ConnectOptions, ObError, ObErrorCode, Session};
use desk_store::{HistorySnapshot, Store, SyncMark, SyncPass};

/// How far before the watermark an incremental pass starts reading history.
pub const SAFETY_MARGIN_MICROS: i64 = 10 * 60 * 1_000_000;
/// How often sets and pieces are re-read in full (desk time).
pub const FULL_READ_EVERY_MICROS: i64 = 60 * 60 * 1_000_000;
/// Statements one pass sends to a 4.x cluster, connect included.
pub const MAX_STATEMENTS_PER_PASS: usize = 14;
/// Views a pass reads: on a server it has not seen, each is asked for its columns once.
pub const VIEWS_READ_PER_PASS: usize = 12;

/// First passes reading at once, process-wide: one fewer than the cores, at least two.
/// A first pass reads a cluster's whole history (a year is tens of thousands of rows
/// per view); many reading at once share the CPU with the cache's writer (one at a
/// time, it is one SQLite file) and all finish late together while the writer falls
/// behind, and every cluster's history is held in memory at once. A few at a time,
/// each history is written while the next ones are read; two at least, so that a slow
/// cluster (far away, or busy) does not hold up all the others. The slot is taken once
/// connected (an unreachable cluster fails without holding one) and held until the
/// views are read, at most the session's query timeout per view. Later passes read
/// minutes of history and never wait here.
static FIRST_READS: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    tokio::sync::Semaphore::new(cores.saturating_sub(1).clamp(2, 8))
});

/// What one pass brought in, for the loop, logs and tests.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncOutcome {
    pub tenants: usize,
    pub jobs: usize,
    pub sets: usize,
    pub pieces: usize,
    pub restores: usize,
    pub tasks: usize,
    /// Rows of the cache this pass changed (0: the cache already held all of it).
    pub changed: usize,
    /// A backup or restore is running on the cluster: the loop polls sooner.
    pub running: bool,
    /// Only recent history was read (a watermark existed).
    pub incremental: bool,
}

/// What the cluster said, before anything is written.
#[derive(Default)]
struct Reading {
    version: Option<ObVersion>,
    tenants: Vec<TenantRecord>,
    jobs: Vec<BackupJob>,
    sets: Vec<BackupSetFile>,
    pieces: Vec<ArchivePiece>,
    restores: Vec<RestoreJob>,
    archive: Vec<ArchiveRound>,
    destinations: Vec<BackupDestinations>,
    policies: Vec<DeletePolicy>,
    tasks: Vec<BackupTask>,
    running: bool,
}

impl Reading {
    /// Sorts the history into the cache's key order, before the lock is taken: each
    /// row then lands next to the previous one (a fresh cluster's rows append to the
    /// key's end), where a view's order (by time, tenants interleaved) seeks anew.
    /// Stable: a job that finished between the running view and the history view is
    /// read twice, and the upsert keeps the later reading, the finished one.
    fn in_key_order(&mut self) {
        self.jobs.sort_by_key(|j| (j.tenant_id, j.job_id));
        self.sets.sort_by_key(|s| (s.tenant_id, s.backup_set_id));
        self.pieces.sort_by_key(|p| (p.tenant_id, p.round_id, p.piece_id));
        self.restores.sort_by_key(|x| (x.tenant_id, x.job_id));
    }
}

/// What to read this pass, from the cluster's bookkeeping.
#[derive(Debug, Clone, Copy)]
struct Plan {
    /// History from here on; `None` reads all of it.
    since: Option<UtcMicros>,
    /// Re-read every set and piece.
    full: bool,
}

fn plan(mark: &SyncMark, now: UtcMicros) -> Plan {
    let since = mark.history_since.map(|t| UtcMicros(t.0 - SAFETY_MARGIN_MICROS));
    let full = since.is_none() || mark.last_full_at.is_none_or(|t| now.0 - t.0 >= FULL_READ_EVERY_MICROS);
    Plan { since, full }
}

/// Reads the cluster and writes the cache. The store lock is taken only to
/// read the watermark and to write, never across a network wait. On failure
/// the cluster's cached data stays as it was and the error (redacted by the
/// connector) is recorded. History is upserted, never deleted: what the
/// cluster purges stays in the desk.
pub async fn sync_cluster(
    store: &Mutex<Store>,
    cluster: ClusterId,
    opts: &ConnectOptions,
    now: UtcMicros,
) -> Result<SyncOutcome, ObError> {
    let cache_err = |e: desk_store::StoreError| {
        ObError::new(
            ObErrorCode::Other,
            desk_model::words!("cache: {e}", "本地缓存出错：{e}"),
        )
    };
    let mark = off_the_runtime(|| lock(store).sync_mark(cluster)).map_err(cache_err)?;
    let plan = plan(&mark, now);
    match read(opts, plan).await {
        Ok(mut r) => {
            r.in_key_order();
            let history_since = r
                .jobs
                .iter()
                .filter(|j| j.status.is_terminal())
                .filter_map(|j| j.end)
                .chain(r.sets.iter().filter_map(|s| s.end))
                .chain(r.restores.iter().filter(|x| !x.running).filter_map(|x| x.finish))
                .max()
                .map(|newest| UtcMicros(newest.0.max(mark.history_since.map_or(i64::MIN, |t| t.0))));
            let pass = SyncPass {
                version: r.version.as_ref(),
                tenants: &r.tenants,
                history: HistorySnapshot {
                    jobs: &r.jobs,
                    sets: &r.sets,
                    pieces: &r.pieces,
                    restores: &r.restores,
                },
                archive: &r.archive,
                destinations: &r.destinations,
                policies: &r.policies,
                tasks: &r.tasks,
                history_since,
                full_read: plan.full,
                at: now,
            };
            let changed = off_the_runtime(|| lock(store).record_sync_pass(cluster, &pass)).map_err(cache_err)?;
            Ok(SyncOutcome {
                tenants: r.tenants.len(),
                jobs: r.jobs.len(),
                sets: r.sets.len(),
                pieces: r.pieces.len(),
                restores: r.restores.len(),
                tasks: r.tasks.len(),
                changed,
                running: r.running,
                incremental: plan.since.is_some(),
            })
        }
        Err(e) => {
            tracing::warn!(cluster = cluster.0, error = %e, "sync failed");
            if let Err(write) = off_the_runtime(|| lock(store).record_sync_attempt_failed(cluster, &e.message, now)) {
                tracing::warn!(error = %write, "could not record the sync failure");
            }
            Err(e)
        }
    }
}

/// Runs a cache call (waiting for the lock, then a write: a first pass writes
/// a year of history) without stalling the runtime. On a multi-threaded
/// runtime the worker first hands its other tasks (other clusters' reads, an
/// in-process emulator answering them) to another thread, so a pass waiting
/// for the store, or writing to it, never stops the others from reading.
/// A current-thread runtime (tests) has no other thread: the call runs inline.
fn off_the_runtime<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => tokio::task::block_in_place(f),
        _ => f(),
    }
}

fn lock(store: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    // A panic while holding the lock leaves SQLite consistent (it is transactional).
    store.lock().unwrap_or_else(|p| p.into_inner())
}

async fn read(opts: &ConnectOptions, plan: Plan) -> Result<Reading, ObError> {
    let mut session = Session::connect(opts).await?;
    let slot = match plan.since {
        None => Some(FIRST_READS.acquire().await.expect("the semaphore is never closed")),
        Some(_) => None,
    };
    let result = read_views(&mut session, plan).await;
    drop(slot);
    session.close().await;
    result
}

async fn read_views(session: &mut Session, plan: Plan) -> Result<Reading, ObError> {
    let info = session.info().clone();
    let mut r = Reading {
        version: Some(info.version),
        ..Default::default()
    };
    // A server without backup (seekdb) has no tenant views; it has no tenants to back up either.
    if !info.capabilities.backup {
        return Ok(r);
    }
    // Meta tenants are OceanBase's own bookkeeping: OCP does not list them.
    r.tenants = session
        .tenants()
        .await?
        .into_iter()
        .filter(|t| t.tenant_type != "META")
        .collect();
    // 3.x's own views (gv$tenant, CDB_OB_BACKUP_PROGRESS, _SET_DETAILS, _SET_FILES,
    // _ARCHIVELOG[_SUMMARY], the 3.x restore views) read into the same types: the
    // connector's readers choose by the server's version.
    r.jobs = session.backup_jobs().await?;
    r.running = !r.jobs.is_empty();
    r.jobs.extend(session.backup_job_history(plan.since).await?);
    r.tasks = session.backup_tasks().await?;
    r.sets = match (plan.full, plan.since) {
        (false, Some(since)) => session.backup_set_files_since(since).await?,
        _ => session.backup_set_files(None).await?,
    };
    r.archive = session.archive_rounds().await?;
    r.pieces = match (plan.full, plan.since) {
        (false, Some(since)) => session.archive_pieces_since(Scn::from_micros(since)).await?,
        _ => session.archive_pieces(None).await?,
    };
    r.destinations = session.destinations().await?;
    r.policies = session.delete_policies().await?;
    r.restores = session.restores(plan.since).await?;
    r.running |= !r.tasks.is_empty() || r.restores.iter().any(|x| x.running);
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000_000;

    /// A job and a restore that each finished between their running view and their
    /// history view: among many others, the finished reading stays after the running one.
    #[test]
    fn a_row_read_running_then_finished_keeps_its_finished_reading_last() {
        use desk_model::status::{BackupJobStatus, RestoreStatus};
        let job = BackupJob::sample;
        let restore = |id: i64, status: RestoreStatus| RestoreJob::sample(1002, id, "t", status);
        let mut r = Reading::default();
        // The running views first, then the history views, each in the cluster's order.
        r.jobs.push(job(1006, 500, BackupJobStatus::Doing));
        r.restores.push(restore(7, RestoreStatus::CreateTenant));
        for id in (1..1000).rev() {
            r.jobs.push(job(1002 + 2 * (id % 3), id, BackupJobStatus::Completed));
            r.restores.push(restore(id, RestoreStatus::Success));
        }
        r.in_key_order();
        let readings: Vec<_> = r
            .jobs
            .iter()
            .filter(|j| (j.tenant_id, j.job_id) == (1006, 500))
            .collect();
        assert_eq!(readings.len(), 2);
        assert_eq!(
            readings[1].status,
            BackupJobStatus::Completed,
            "the finished reading is written last"
        );
        let restores: Vec<_> = r.restores.iter().filter(|x| x.job_id == 7).collect();
        assert!(restores[0].running && !restores[1].running);
        assert!(r
            .jobs
            .windows(2)
            .all(|w| (w[0].tenant_id, w[0].job_id) <= (w[1].tenant_id, w[1].job_id)));
    }

    #[test]
    fn the_first_pass_reads_everything_and_later_ones_start_before_the_watermark() {
        let now = UtcMicros(100 * HOUR);
        let first = plan(&SyncMark::default(), now);
        assert_eq!((first.since, first.full), (None, true));

        let mark = SyncMark {
            history_since: Some(UtcMicros(99 * HOUR)),
            last_full_at: Some(UtcMicros(now.0 - HOUR / 2)),
            ..Default::default()
        };
        let next = plan(&mark, now);
        assert_eq!(next.since, Some(UtcMicros(99 * HOUR - SAFETY_MARGIN_MICROS)));
        assert!(!next.full, "sets and pieces were read in full half an hour ago");

        let stale = SyncMark {
            last_full_at: Some(UtcMicros(now.0 - HOUR)),
            ..mark
        };
        assert!(
            plan(&stale, now).full,
            "an hour after the last full read, sets and pieces are read again"
        );
    }
}
