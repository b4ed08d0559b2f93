//! The Backup and Recovery page's overview card and task states: the rules
//! that turn cached facts into what the page shows, in one place.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::backup::{ArchivePiece, BackupSetFile, Scn};
use crate::period::{period_view, PeriodView};
use crate::status::{ArchiveStatus, BackupJobStatus, BackupSetStatus, BackupType, FileStatus, RestoreStatus};
use crate::version::TENANT_BACKUP_MIN;
use crate::window::{merge, ScnRange};
use crate::{words, ObVersion, UtcMicros, Words};

/// The overview card's Status (OCP's `backupScheduleStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ScheduleStatus {
    /// A strategy exists and its next run has not started (OCP: WAITING).
    PendingScheduling,
    /// A data backup is running (OCP: NORMAL).
    InProgress,
    /// No strategy covers the tenant or its cluster (OCP: NONE).
    NoStrategy,
    /// Scheduling was paused by an administrator (OCP: PAUSED).
    Paused,
    /// The last scheduled run could not be started (OCP: ABNORMAL).
    SchedulingException,
    /// No desk strategy, but the cluster backs the tenant up by its own configuration
    /// (a data backup destination, log archiving running, backup sets): made with OCP,
    /// obshell or SQL, and scheduled there.
    ClusterConfigured,
}

/// What decides the card's Status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScheduleFacts {
    pub strategy: bool,
    pub paused: bool,
    pub running_job: bool,
    pub scheduling_error: bool,
    /// The cluster's own configuration backs the tenant up ([`ClusterBackupConfig::backs_up`]).
    pub cluster_configured: bool,
}

/// A running backup is what the administrator must see first, scheduled or
/// not; then the scheduling state, worst first.
pub fn schedule_status(f: ScheduleFacts) -> ScheduleStatus {
    if f.running_job {
        ScheduleStatus::InProgress
    } else if !f.strategy && f.cluster_configured {
        ScheduleStatus::ClusterConfigured
    } else if !f.strategy {
        ScheduleStatus::NoStrategy
    } else if f.paused {
        ScheduleStatus::Paused
    } else if f.scheduling_error {
        ScheduleStatus::SchedulingException
    } else {
        ScheduleStatus::PendingScheduling
    }
}

/// Physical backups are what OceanBase's backup SQL makes; logical ones are
/// OCP's dump-based method for versions before V2.2.60.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BackupKind {
    Physical,
    Logical,
}

/// Where a backup or restore task stands, for labels, colours and filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TaskState {
    InProgress,
    Completed,
    Failed,
    Canceled,
    /// A status this desk does not know: shown as OceanBase wrote it.
    Unknown,
}

impl TaskState {
    pub fn of_backup(s: &BackupJobStatus) -> TaskState {
        match s {
            BackupJobStatus::Init | BackupJobStatus::Doing | BackupJobStatus::Canceling => TaskState::InProgress,
            BackupJobStatus::Completed => TaskState::Completed,
            BackupJobStatus::Failed => TaskState::Failed,
            BackupJobStatus::Canceled => TaskState::Canceled,
            BackupJobStatus::Other(_) => TaskState::Unknown,
        }
    }

    pub fn of_restore(s: &RestoreStatus) -> TaskState {
        match s {
            RestoreStatus::RestoreSuccess | RestoreStatus::Success => TaskState::Completed,
            RestoreStatus::RestoreFail | RestoreStatus::Fail | RestoreStatus::Failed => TaskState::Failed,
            RestoreStatus::Other(_) => TaskState::Unknown,
            // Every other value OceanBase writes is a step of a running restore.
            _ => TaskState::InProgress,
        }
    }

    /// The backup job statuses OceanBase writes for these states (a filter).
    pub fn backup_statuses(states: &[TaskState]) -> Vec<String> {
        BackupJobStatus::KNOWN
            .iter()
            .filter(|s| states.contains(&TaskState::of_backup(&BackupJobStatus::parse(s))))
            .map(|s| (*s).to_owned())
            .collect()
    }

    /// The restore statuses OceanBase writes for these states (a filter).
    pub fn restore_statuses(states: &[TaskState]) -> Vec<String> {
        RestoreStatus::KNOWN
            .iter()
            .filter(|s| states.contains(&TaskState::of_restore(&RestoreStatus::parse(s))))
            .map(|s| (*s).to_owned())
            .collect()
    }
}

/// The latest successful data backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LastDataBackup {
    #[ts(type = "number")]
    pub backup_set_id: i64,
    pub backup_type: BackupType,
    pub at: UtcMicros,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// How the cluster itself is set up to back a tenant up, as its views say
/// (`CDB_OB_BACKUP_PARAMETER`, `CDB_OB_ARCHIVE_DEST`, `CDB_OB_ARCHIVELOG`,
/// `CDB_OB_BACKUP_DELETE_POLICY`; on 3.x the cluster's `backup_dest`). Destinations are
/// redacted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClusterBackupConfig {
    pub data_backup_dest: Option<String>,
    pub log_archive_dest: Option<String>,
    /// The latest archive round's status (DOING, STOP, INTERRUPTED ...).
    pub archive_status: Option<ArchiveStatus>,
    /// PIECE_SWITCH_INTERVAL in seconds; 0 when unknown.
    #[ts(type = "number")]
    pub piece_switch_interval_secs: i64,
    /// The delete policy's RECOVERY_WINDOW (`7d`), if one is set.
    pub recovery_window: Option<String>,
}

impl ClusterBackupConfig {
    /// Backed up by the cluster's own configuration: a data backup destination, log
    /// archiving on its way, and backup sets to show for it.
    pub fn backs_up(&self, has_sets: bool) -> bool {
        let archiving = matches!(
            self.archive_status,
            Some(ArchiveStatus::Doing | ArchiveStatus::Beginning | ArchiveStatus::Prepare)
        );
        self.data_backup_dest.is_some() && archiving && has_sets
    }

    /// Nothing configured and nothing archived: the card has nothing of the cluster's to show.
    pub fn is_unset(&self) -> bool {
        *self == ClusterBackupConfig::default()
    }
}

/// The overview card. Method, file size and latency are `None` when neither a
/// strategy nor the cluster's own configuration backs the tenant up (the seed shows
/// them only when a strategy exists; a cluster configured outside the desk counts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupOverview {
    pub status: ScheduleStatus,
    pub backup_method: Option<BackupKind>,
    /// Bytes of the available, successful backup sets (what the storage holds).
    #[ts(type = "number | null")]
    pub backup_file_bytes: Option<u64>,
    pub last_data_backup: Option<LastDataBackup>,
    /// The log archive checkpoint (for several tenants, the one furthest behind).
    pub log_checkpoint: Option<UtcMicros>,
    /// Whether the page shows the log latency (it ticks from `log_checkpoint` to now).
    pub show_log_latency: bool,
    /// What the cluster is configured with, for one tenant's page.
    pub cluster_config: Option<ClusterBackupConfig>,
}

/// The page's header: why each action is refused, if it is (`None` = allowed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HeaderRefusals {
    /// Backup Now (tenant): the seed's version gate.
    pub backup_now: Option<Words>,
    /// Initiate Recovery: only when something is recoverable.
    pub initiate_recovery: Option<Words>,
}

/// The seed's rules for the header actions. Initiate Recovery: the seed offers it once
/// a strategy exists; a tenant backed up by the cluster's own configuration (OCP,
/// obshell, SQL) restores all the same, so the desk offers it whenever the tenant has a
/// recoverable window.
pub fn header_refusals(version: Option<&ObVersion>, recoverable: bool) -> HeaderRefusals {
    let backup_now = match version {
        None => Some(words!(
            "The cluster's OceanBase version is not known yet: it has not been synchronized.",
            "该集群的 OceanBase 版本尚不可知：还没有同步过。"
        )),
        Some(v) if !v.supports_tenant_backup() => Some(words!(
            "Tenant backup is not supported in an OceanBase Database version earlier than V{TENANT_BACKUP_MIN}; \
             this cluster runs {v}.",
            "OceanBase 数据库 V{TENANT_BACKUP_MIN} 以下版本不支持租户备份；该集群的版本为 {v}。"
        )),
        Some(_) => None,
    };
    HeaderRefusals {
        backup_now,
        initiate_recovery: (!recoverable).then(|| {
            words!(
                "Nothing is recoverable yet: no backup set with the log after it",
                "暂无可恢复的时间区间：还没有数据备份及其后的日志备份"
            )
        }),
    }
}

/// Everything the Backup and Recovery page shows above its tabs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupPageHead {
    pub overview: BackupOverview,
    pub refusals: HeaderRefusals,
    /// Whether a strategy covers the tenant or its cluster.
    pub strategy: bool,
}

/// One tenant's cached backup facts.
#[derive(Debug, Clone, Copy)]
pub struct TenantHistory<'a> {
    pub sets: &'a [BackupSetFile],
    pub pieces: &'a [ArchivePiece],
}

/// The latest log checkpoint of one tenant's available pieces.
pub fn log_checkpoint(pieces: &[ArchivePiece]) -> Option<Scn> {
    pieces
        .iter()
        .filter(|p| p.file_status == FileStatus::Available)
        .filter_map(|p| p.checkpoint_scn.to_micros().map(|_| p.checkpoint_scn))
        .max()
}

/// The card for one tenant, or the union of several (cluster level).
pub fn overview(
    tenants: &[TenantHistory<'_>],
    facts: ScheduleFacts,
    cluster_config: Option<ClusterBackupConfig>,
) -> BackupOverview {
    let succeeded = |s: &&BackupSetFile| s.status == BackupSetStatus::Success;
    let last = tenants
        .iter()
        .flat_map(|t| t.sets.iter().filter(succeeded))
        .filter_map(|s| s.end.map(|at| (at, s)))
        .max_by_key(|(at, s)| (*at, s.backup_set_id))
        .map(|(at, s)| LastDataBackup {
            backup_set_id: s.backup_set_id,
            backup_type: s.backup_type.clone(),
            at,
            bytes: s.output_bytes,
        });
    let file_bytes: u64 = tenants
        .iter()
        .flat_map(|t| t.sets.iter().filter(succeeded))
        .filter(|s| s.file_status == FileStatus::Available)
        .map(|s| s.output_bytes)
        .sum();
    // Across tenants the card's checkpoint is the one furthest behind: that is the cluster's latency.
    let log_checkpoint = tenants
        .iter()
        .filter_map(|t| log_checkpoint(t.pieces))
        .min()
        .and_then(Scn::to_micros);
    let backed_up = facts.strategy || facts.cluster_configured;
    BackupOverview {
        status: schedule_status(facts),
        backup_method: backed_up.then_some(BackupKind::Physical),
        backup_file_bytes: backed_up.then_some(file_bytes),
        last_data_backup: last,
        log_checkpoint,
        show_log_latency: backed_up && log_checkpoint.is_some(),
        cluster_config,
    }
}

/// One statistical period for several tenants at once (a cluster with no
/// tenant chosen): their windows merged, every tenant's backup points.
/// Windows are computed per tenant because set ids repeat across tenants.
pub fn union_period(
    tenants: &[TenantHistory<'_>],
    version: Option<&ObVersion>,
    now: UtcMicros,
    index: u32,
) -> PeriodView {
    let mut windows: Vec<ScnRange> = Vec::new();
    let mut points = Vec::new();
    let mut has_earlier = false;
    let mut checkpoints = Vec::new();
    for t in tenants {
        let window = crate::window::tenant_window(version, t.sets, t.pieces);
        let ckpt = log_checkpoint(t.pieces);
        let view = period_view(&window, t.sets, ckpt, now, index);
        has_earlier |= view.has_earlier;
        points.extend(view.points);
        checkpoints.extend(ckpt);
        windows.extend(window);
    }
    let merged = merge(&mut windows);
    let mut view = period_view(&merged, &[], checkpoints.into_iter().min(), now, index);
    points.sort_by_key(|p| (p.at, p.backup_set_id));
    view.points = points;
    view.has_earlier |= has_earlier;
    view
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::PieceStatus;

    #[test]
    fn the_card_status_covers_all_five_states() {
        let cases = [
            (ScheduleFacts::default(), ScheduleStatus::NoStrategy),
            (
                ScheduleFacts {
                    strategy: true,
                    ..Default::default()
                },
                ScheduleStatus::PendingScheduling,
            ),
            (
                ScheduleFacts {
                    strategy: true,
                    running_job: true,
                    ..Default::default()
                },
                ScheduleStatus::InProgress,
            ),
            (
                ScheduleFacts {
                    running_job: true,
                    ..Default::default()
                },
                ScheduleStatus::InProgress,
            ),
            (
                ScheduleFacts {
                    strategy: true,
                    paused: true,
                    scheduling_error: true,
                    ..Default::default()
                },
                ScheduleStatus::Paused,
            ),
            (
                ScheduleFacts {
                    strategy: true,
                    scheduling_error: true,
                    ..Default::default()
                },
                ScheduleStatus::SchedulingException,
            ),
            (
                ScheduleFacts {
                    paused: true,
                    scheduling_error: true,
                    ..Default::default()
                },
                ScheduleStatus::NoStrategy,
            ),
        ];
        for (facts, want) in cases {
            assert_eq!(schedule_status(facts), want, "{facts:?}");
        }
    }

    #[test]
    fn backup_now_is_refused_by_the_seeds_version_gate_and_recovery_without_a_window() {
        let old: ObVersion = "3.2.1-20211230101010".parse().unwrap();
        let r = header_refusals(Some(&old), false);
        let backup_now = r.backup_now.unwrap();
        assert_eq!(
            backup_now.en,
            "Tenant backup is not supported in an OceanBase Database version earlier than \
             V3.2.2-20220304134610; this cluster runs 3.2.1-20211230101010."
        );
        assert_eq!(
            backup_now.zh,
            "OceanBase 数据库 V3.2.2-20220304134610 以下版本不支持租户备份；该集群的版本为 3.2.1-20211230101010。"
        );
        let recovery = r.initiate_recovery.unwrap();
        assert!(recovery.en.starts_with("Nothing is recoverable yet"), "{}", recovery.en);
        assert!(recovery.zh.starts_with("暂无可恢复的时间区间"), "{}", recovery.zh);
        let new: ObVersion = "4.3.5.3".parse().unwrap();
        assert_eq!(
            header_refusals(Some(&new), true),
            HeaderRefusals {
                backup_now: None,
                initiate_recovery: None
            }
        );
        assert!(header_refusals(None, true).backup_now.unwrap().en.contains("not known"));
    }

    #[test]
    fn state_filters_name_every_status_of_that_state() {
        assert_eq!(
            TaskState::restore_statuses(&[TaskState::Failed]),
            ["RESTORE_FAIL", "FAIL", "FAILED"]
        );
        assert_eq!(
            TaskState::backup_statuses(&[TaskState::InProgress]),
            ["INIT", "DOING", "CANCELING"]
        );
        assert_eq!(
            TaskState::of_restore(&RestoreStatus::parse("PAUSED_BY_NEW")),
            TaskState::Unknown
        );
    }

    const H: i64 = 3_600_000_000;
    const NOW: i64 = 1_795_132_800_000_000;

    fn set(id: i64, tenant: i64, end: i64, status: BackupSetStatus, bytes: u64) -> BackupSetFile {
        BackupSetFile {
            tenant_id: tenant,
            backup_set_id: id,
            backup_type: BackupType::Full,
            dest_id: 0,
            prev_full_backup_set_id: 0,
            prev_inc_backup_set_id: 0,
            start: Some(UtcMicros(end - H)),
            end: Some(UtcMicros(end)),
            status,
            file_status: FileStatus::Available,
            plus_archivelog: false,
            start_replay_scn: Scn::from_micros(UtcMicros(end - H)),
            min_restore_scn: Scn::from_micros(UtcMicros(end)),
            input_bytes: bytes,
            output_bytes: bytes,
            path: String::new(),
            cluster_version: String::new(),
        }
    }

    fn piece(tenant: i64, start: i64, ckpt: i64) -> ArchivePiece {
        ArchivePiece {
            tenant_id: tenant,
            dest_id: 0,
            round_id: 1,
            piece_id: 1,
            status: PieceStatus::Active,
            start_scn: Scn::from_micros(UtcMicros(start)),
            checkpoint_scn: Scn::from_micros(UtcMicros(ckpt)),
            max_scn: Scn(u64::MAX),
            end_scn: Scn(Scn::MAX_VALID),
            file_status: FileStatus::Available,
            path: String::new(),
        }
    }

    #[test]
    fn the_card_shows_the_latest_success_and_hides_method_size_and_latency_without_a_strategy() {
        let sets = [
            set(1, 1002, NOW - 30 * H, BackupSetStatus::Success, 100),
            set(2, 1002, NOW - 6 * H, BackupSetStatus::Success, 40),
            set(3, 1002, NOW - 2 * H, BackupSetStatus::Failed, 7),
        ];
        let pieces = [piece(1002, NOW - 40 * H, NOW - 60_000_000)];
        let t = [TenantHistory {
            sets: &sets,
            pieces: &pieces,
        }];
        let none = overview(&t, ScheduleFacts::default(), None);
        let last = none.last_data_backup.clone().unwrap();
        assert_eq!(
            (last.backup_set_id, last.at, last.bytes),
            (2, UtcMicros(NOW - 6 * H), 40)
        );
        assert_eq!(none.log_checkpoint, Some(UtcMicros(NOW - 60_000_000)));
        assert_eq!(
            (none.backup_method, none.backup_file_bytes, none.show_log_latency),
            (None, None, false)
        );
        let with = overview(
            &t,
            ScheduleFacts {
                strategy: true,
                ..Default::default()
            },
            None,
        );
        assert_eq!(
            (with.backup_method, with.backup_file_bytes, with.show_log_latency),
            (Some(BackupKind::Physical), Some(140), true)
        );
        // Configured on the cluster (OCP, obshell, SQL): the card says so and shows it all.
        let config = ClusterBackupConfig {
            data_backup_dest: Some("oss://b/data?host=h&access_id=***&access_key=***".into()),
            log_archive_dest: Some("oss://b/archive".into()),
            archive_status: Some(ArchiveStatus::Doing),
            piece_switch_interval_secs: 86_400,
            recovery_window: Some("7d".into()),
        };
        assert!(config.backs_up(true) && !config.backs_up(false));
        assert!(!config.is_unset() && ClusterBackupConfig::default().is_unset());
        let cluster = overview(
            &t,
            ScheduleFacts {
                cluster_configured: config.backs_up(true),
                ..Default::default()
            },
            Some(config.clone()),
        );
        assert_eq!(cluster.status, ScheduleStatus::ClusterConfigured);
        assert_eq!(
            (cluster.backup_method, cluster.show_log_latency, cluster.cluster_config),
            (Some(BackupKind::Physical), true, Some(config))
        );
    }

    #[test]
    fn a_cluster_period_merges_tenant_windows_and_keeps_each_tenants_points() {
        // Same set id 1 in two tenants: both points stay.
        let a_sets = [set(1, 1002, NOW - 50 * H, BackupSetStatus::Success, 1)];
        let a_pieces = [piece(1002, NOW - 60 * H, NOW - 30 * H)];
        let b_sets = [set(1, 1004, NOW - 20 * H, BackupSetStatus::Success, 2)];
        let b_pieces = [piece(1004, NOW - 25 * H, NOW - H)];
        let tenants = [
            TenantHistory {
                sets: &a_sets,
                pieces: &a_pieces,
            },
            TenantHistory {
                sets: &b_sets,
                pieces: &b_pieces,
            },
        ];
        let v = union_period(&tenants, None, UtcMicros(NOW), 0);
        assert_eq!(v.points.iter().map(|p| p.bytes).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(v.ranges.len(), 2, "a gap between day-old ranges: {:?}", v.ranges);
        assert_eq!(v.ranges[0].start, UtcMicros(NOW - 50 * H));
        assert_eq!(v.ranges[1].end, UtcMicros(NOW - H));
        assert_eq!(
            v.log_checkpoint,
            Some(UtcMicros(NOW - 30 * H)),
            "the tenant furthest behind"
        );
    }
}
