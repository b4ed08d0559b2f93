//! How far a backup or a restore has got, from the rows OceanBase reports: its phase
//! as OceanBase names it (the UI words it), a percent that reaches 100 only when the
//! job has ended, the amounts the release reports (bytes, tablets, log streams; a
//! figure a release leaves at 0 is "not reported", never "0 of 0"), and when it
//! started, so a page can say how long it has run. Pure: the elapsed time is the
//! caller's clock minus `start`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::backup::{BackupJob, BackupTask, RestoreJob};
use crate::status::{BackupJobStatus, BackupTaskStatus, RestoreStatus};
use crate::UtcMicros;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TaskKind {
    Backup,
    Restore,
}

/// An amount done, of a total when the release reports one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Amount {
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number | null")]
    pub total: Option<u64>,
}

impl Amount {
    /// `done` of `total`, when the release reported a total (a 0 total is none reported).
    fn of(done: u64, total: u64) -> Option<Amount> {
        (total > 0).then_some(Amount {
            done: done.min(total),
            total: Some(total),
        })
    }

    fn fraction(&self) -> Option<f64> {
        self.total.map(|t| self.done as f64 / t as f64)
    }
}

/// The values a phase takes, for TypeScript: the UI words each one it knows.
#[derive(TS)]
#[allow(dead_code)]
#[ts(untagged)]
enum Phase {
    Backup(BackupTaskStatus),
    BackupJob(BackupJobStatus),
    Restore(RestoreStatus),
}

/// A job's progress, as a progress cell shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JobProgress {
    pub kind: TaskKind,
    /// The phase as OceanBase spells it (BACKUP_DATA_MAJOR, RESTORING, RESTORE_SYS_REPLICA):
    /// a backup task's STATUS, a restore's (see `restore_progress`); the job's status once it
    /// has ended.
    #[ts(as = "Phase")]
    pub phase: String,
    /// 0..=100; 100 only when `terminal`.
    pub percent: u8,
    pub terminal: bool,
    /// Bytes restored of the total (restores); bytes written so far, no total (backups).
    pub bytes: Option<Amount>,
    pub tablets: Option<Amount>,
    /// Log streams (4.x restores, where the release reports them).
    pub log_streams: Option<Amount>,
    pub start: Option<UtcMicros>,
    pub end: Option<UtcMicros>,
}

fn capped(fraction: f64, terminal: bool) -> u8 {
    if terminal {
        return 100;
    }
    // A job whose data is all in may still have logs to back up or replay: 99 at most.
    ((fraction.clamp(0.0, 1.0) * 100.0).floor() as u8).min(99)
}

/// A backup job's progress from its tasks (`CDB_OB_BACKUP_TASKS` rows; a tenant's job has
/// one, tasks of other jobs are ignored).
pub fn backup_progress(job: &BackupJob, tasks: &[BackupTask]) -> JobProgress {
    let mine: Vec<&BackupTask> = tasks.iter().filter(|t| t.job_id == job.job_id).collect();
    let terminal = job.status.is_terminal();
    let sum = |f: fn(&BackupTask) -> u64| mine.iter().map(|t| f(t)).sum::<u64>();
    let tablets = Amount::of(sum(|t| t.finish_tablet_count), sum(|t| t.tablet_count));
    let blocks = Amount::of(sum(|t| t.finish_macro_block_count), sum(|t| t.macro_block_count));
    // DATA_PROGRESS where the release has it (4.2.1 BP3, 4.3.1 on; 0 before), else the
    // macro blocks, else the tablets.
    let fraction = if mine.iter().any(|t| t.data_progress_permille > 0) {
        mine.iter()
            .map(|t| f64::from(t.data_progress_permille) / 1000.0)
            .sum::<f64>()
            / mine.len() as f64
    } else {
        blocks.or(tablets).and_then(|a| a.fraction()).unwrap_or(0.0)
    };
    // OUTPUT_BYTES: what is on the backup medium so far; a task has no total to reach.
    let written = sum(|t| t.output_bytes);
    JobProgress {
        kind: TaskKind::Backup,
        phase: match mine.first() {
            Some(t) if !terminal => t.status.as_str().to_owned(),
            _ => job.status.as_str().to_owned(),
        },
        percent: capped(fraction, terminal),
        terminal,
        bytes: (written > 0).then_some(Amount {
            done: written,
            total: None,
        }),
        tablets,
        log_streams: None,
        start: job.start,
        end: job.end,
    }
}

/// A restore's progress from its row. On 4.x the row is the sys tenant's job (CREATE_TENANT,
/// WAIT_TENANT_RESTORE_FINISH) with the restored tenant's own phase (RESTORING, UPGRADE)
/// and figures beside it once that tenant exists (`one_per_job` in the connector): the
/// tenant's phase says more, the sys status stands in until then. 3.x has one row, its
/// STATUS the phase (RESTORE_SYS_REPLICA ... POST_CHECK) and PARTITION_COUNT as tablets.
pub fn restore_progress(job: &RestoreJob) -> JobProgress {
    let terminal = !job.running || job.status.is_terminal();
    let bytes = Amount::of(job.finish_bytes, job.total_bytes);
    let tablets = Amount::of(job.finish_tablet_count, job.tablet_count);
    let log_streams = Amount::of(job.finish_ls_count, job.ls_count);
    let fraction = bytes
        .or(tablets)
        .or(log_streams)
        .and_then(|a| a.fraction())
        .unwrap_or(0.0);
    JobProgress {
        kind: TaskKind::Restore,
        phase: if terminal || job.phase.trim().is_empty() {
            job.status.as_str().to_owned()
        } else {
            job.phase.trim().to_owned()
        },
        percent: capped(fraction, terminal),
        terminal,
        bytes,
        tablets,
        log_streams,
        start: job.start,
        end: job.finish,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::BackupType;

    const GIB: u64 = 1 << 30;

    fn restore(status: &str, phase: &str, running: bool) -> RestoreJob {
        RestoreJob {
            phase: phase.into(),
            start: Some(UtcMicros(1_000_000)),
            running,
            ..RestoreJob::sample(1, 4, "orders_drill", RestoreStatus::parse(status))
        }
    }

    #[test]
    fn a_4x_restore_shows_the_restored_tenants_phase_over_the_sys_status() {
        let p = restore_progress(&RestoreJob {
            total_bytes: 4 * GIB,
            finish_bytes: GIB,
            tablet_count: 200,
            finish_tablet_count: 40,
            ls_count: 3,
            finish_ls_count: 1,
            ..restore("WAIT_TENANT_RESTORE_FINISH", "RESTORING", true)
        });
        assert_eq!(p.kind, TaskKind::Restore);
        assert_eq!(p.phase, "RESTORING");
        // Bytes lead when reported: a quarter, not the tablets' fifth.
        assert_eq!(p.percent, 25);
        assert_eq!(
            p.bytes,
            Some(Amount {
                done: GIB,
                total: Some(4 * GIB)
            })
        );
        assert_eq!(
            p.tablets,
            Some(Amount {
                done: 40,
                total: Some(200)
            })
        );
        assert_eq!(
            p.log_streams,
            Some(Amount {
                done: 1,
                total: Some(3)
            })
        );
        assert_eq!(p.start, Some(UtcMicros(1_000_000)));
        assert!(!p.terminal);
    }

    #[test]
    fn a_4x_restore_before_its_tenant_exists_shows_the_sys_status_and_reports_nothing() {
        let p = restore_progress(&restore("CREATE_TENANT", "", true));
        assert_eq!(p.phase, "CREATE_TENANT");
        assert_eq!(p.percent, 0);
        // 0 of 0 is not a figure: none is shown.
        assert_eq!((p.bytes, p.tablets, p.log_streams), (None, None, None));
    }

    #[test]
    fn a_3x_restore_is_its_one_row_with_partitions_as_tablets() {
        let p = restore_progress(&RestoreJob {
            tenant_id: 1003,
            tablet_count: 80,
            finish_tablet_count: 60,
            ..restore("RESTORE_USER_REPLICA", "", true)
        });
        assert_eq!(p.phase, "RESTORE_USER_REPLICA");
        assert_eq!(p.percent, 75);
        assert_eq!(p.bytes, None);
        assert_eq!(
            p.tablets,
            Some(Amount {
                done: 60,
                total: Some(80)
            })
        );
    }

    #[test]
    fn a_restore_with_everything_in_is_99_until_it_ends_and_100_when_it_has() {
        let running = RestoreJob {
            total_bytes: GIB,
            finish_bytes: GIB,
            ..restore("WAIT_TENANT_RESTORE_FINISH", "UPGRADE", true)
        };
        let p = restore_progress(&running);
        assert_eq!((p.percent, p.terminal, p.phase.as_str()), (99, false, "UPGRADE"));
        // Ended: the history's status, whatever phase was last seen.
        let done = restore_progress(&RestoreJob {
            finish: Some(UtcMicros(9_000_000)),
            ..restore("SUCCESS", "UPGRADE", false)
        });
        assert_eq!(
            (done.percent, done.terminal, done.phase.as_str()),
            (100, true, "SUCCESS")
        );
        assert_eq!(done.end, Some(UtcMicros(9_000_000)));
        // A failure ends too: 100 means "over", the state says how.
        let failed = restore_progress(&restore("RESTORE_FAIL", "RESTORING", true));
        assert_eq!(
            (failed.percent, failed.terminal, failed.phase.as_str()),
            (100, true, "RESTORE_FAIL")
        );
    }

    #[test]
    fn more_finished_than_total_is_capped_at_the_total() {
        let p = restore_progress(&RestoreJob {
            total_bytes: 100,
            finish_bytes: 150,
            ..restore("WAIT_TENANT_RESTORE_FINISH", "RESTORING", true)
        });
        assert_eq!(
            p.bytes,
            Some(Amount {
                done: 100,
                total: Some(100)
            })
        );
        assert_eq!(p.percent, 99);
    }

    fn job(status: BackupJobStatus) -> BackupJob {
        BackupJob {
            backup_set_id: 3,
            backup_type: BackupType::Full,
            ..BackupJob::sample(1002, 7, status)
        }
    }

    fn task(status: BackupTaskStatus, permille: u16) -> BackupTask {
        BackupTask {
            tenant_id: 1002,
            task_id: 1,
            job_id: 7,
            backup_set_id: 3,
            status,
            start: None,
            end: None,
            input_bytes: 1000,
            output_bytes: 800,
            tablet_count: 10,
            finish_tablet_count: 4,
            macro_block_count: 100,
            finish_macro_block_count: 30,
            data_progress_permille: permille,
            comment: String::new(),
        }
    }

    #[test]
    fn a_backup_shows_its_tasks_phase_and_data_progress() {
        let p = backup_progress(
            &job(BackupJobStatus::Doing),
            &[task(BackupTaskStatus::BackupDataMajor, 500)],
        );
        assert_eq!(
            (p.kind, p.phase.as_str(), p.percent),
            (TaskKind::Backup, "BACKUP_DATA_MAJOR", 50)
        );
        assert_eq!(
            p.tablets,
            Some(Amount {
                done: 4,
                total: Some(10)
            })
        );
        // Bytes written so far: a backup task has no total to reach.
        assert_eq!(p.bytes, Some(Amount { done: 800, total: None }));
        assert_eq!(p.log_streams, None);
    }

    #[test]
    fn a_backup_without_data_progress_counts_macro_blocks() {
        // 4.1 has no DATA_PROGRESS column: the connector reads 0.
        let p = backup_progress(
            &job(BackupJobStatus::Doing),
            &[task(BackupTaskStatus::BackupDataMinor, 0)],
        );
        assert_eq!(p.percent, 30);
    }

    #[test]
    fn a_running_backup_never_shows_100_percent_and_an_ended_one_does() {
        let p = backup_progress(&job(BackupJobStatus::Doing), &[task(BackupTaskStatus::BackupLog, 1000)]);
        assert_eq!((p.percent, p.terminal), (99, false));
        let done = backup_progress(&job(BackupJobStatus::Completed), &[]);
        assert_eq!(
            (done.percent, done.terminal, done.phase.as_str()),
            (100, true, "COMPLETED")
        );
        assert_eq!((done.bytes, done.tablets), (None, None));
    }

    #[test]
    fn a_backup_with_no_task_yet_shows_its_job_status() {
        let other_job = BackupTask {
            job_id: 8,
            ..task(BackupTaskStatus::BackupLog, 900)
        };
        let p = backup_progress(&job(BackupJobStatus::Init), &[other_job]);
        assert_eq!((p.phase.as_str(), p.percent), ("INIT", 0));
    }
}
