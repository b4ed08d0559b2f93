//! A seeded past for a cluster, ending at the clock's now, so a desk has something real to
//! show: for every tenant that archives, the schedule OceanBase sites commonly run, one
//! data backup a day at 02:00 UTC, FULL on Sundays and INC on the other days (the first
//! backup of the history is FULL, having nothing to build on); continuous daily archive
//! pieces (PIECE_SWITCH_INTERVAL 1d) with one gap of a few hours about ten days back;
//! two failed backups; and a handful of restore drills of which two failed.
//!
//! Everything is derived from the configuration and `now`: no randomness.

use crate::config::{ClusterConfig, HistorySeed};
use crate::release::Line;
use crate::state::v3::{plan_v3, restore_row_v3};
use crate::state::{
    backup_duration, backup_input_bytes, piece_path, set_path, tablet_count, version_number, BackupJob, Cluster,
    JobLevel, JobOutcome, RestoreJob, Round, RoundState,
};
use crate::timestamp::{scn, DAY, HOUR, MINUTE, SECOND};

/// The daily backup, as hours after midnight UTC.
const BACKUP_AT: i64 = 2;
/// Days since 1970-01-01 (a Thursday) modulo 7 of a Sunday: the weekly FULL.
const FULL_WEEKDAY: i64 = 3;
const GAP_LENGTH: i64 = 4 * HOUR;

struct Failure {
    days_ago: i64,
    result: i64,
    comment: &'static str,
}

const FAILURES: [Failure; 2] = [
    Failure {
        days_ago: 20,
        result: -9070,
        comment: "can not connect to backup destination",
    },
    Failure {
        days_ago: 6,
        result: -4013,
        comment: "No memory or reach tenant memory limit",
    },
];

/// (days ago, failure comment) of the restore drills.
const DRILLS: [(i64, Option<&str>); 4] = [
    (25, None),
    (18, Some("(ret=-9094) Restore log stream failed, ls_id=1001")),
    (12, None),
    (
        4,
        Some("(ret=-4013) No memory or reach tenant memory limit, tenant restore failed"),
    ),
];

fn midnight(micros: i64) -> i64 {
    micros.div_euclid(DAY) * DAY
}

pub fn seed(cluster: &mut Cluster, config: &ClusterConfig, seed: HistorySeed, now: i64) {
    let days = i64::from(seed.days.max(1));
    let first_day = midnight(now - days * DAY);
    let archive_start = first_day + HOUR;
    let gap_start = if days > 12 {
        midnight(now - 10 * DAY) + 9 * HOUR + 17 * MINUTE
    } else {
        midnight(now - days * DAY / 2) + 9 * HOUR + 17 * MINUTE
    };
    let gap_end = gap_start + GAP_LENGTH;

    let archiving: Vec<i64> = config
        .tenants
        .iter()
        .filter(|t| t.archivelog)
        .map(|t| t.tenant_id)
        .filter(|id| {
            cluster
                .tenants
                .get(id)
                .is_some_and(|t| t.data_dest.is_some() && t.archive_dest.is_some())
        })
        .collect();
    if archiving.is_empty() {
        return;
    }
    for id in &archiving {
        seed_rounds(cluster, *id, archive_start, gap_start, gap_end);
    }

    let mut day = first_day;
    while day <= now {
        let at = day + BACKUP_AT * HOUR;
        let near_gap = at >= gap_start - HOUR && at < gap_end + 30 * MINUTE;
        if at >= archive_start + HOUR && at <= now - HOUR && !near_gap {
            let failure = FAILURES.iter().find(|f| midnight(now - f.days_ago * DAY) == day);
            let full = (day / DAY).rem_euclid(7) == FULL_WEEKDAY;
            seed_backup(cluster, &archiving, at, !full, failure, now);
        }
        day += DAY;
    }

    for (n, (days_ago, failure)) in DRILLS.iter().enumerate() {
        let at = midnight(now - days_ago * DAY) + 15 * HOUR + 30 * MINUTE;
        if at < archive_start + 2 * DAY || at > now - 2 * HOUR {
            continue;
        }
        let source = archiving[n % archiving.len()];
        seed_drill(cluster, config, source, n + 1, at, *failure);
    }
}

/// Two rounds: one from the start of history to the gap, one from the gap until now.
fn seed_rounds(cluster: &mut Cluster, tenant_id: i64, start: i64, gap_start: i64, gap_end: i64) {
    let Some(tenant) = cluster.tenants.get_mut(&tenant_id) else {
        return;
    };
    tenant.rounds.clear();
    tenant.next_round_id = 1;
    tenant.next_piece_id = 1;
    Cluster::open_round(tenant, start);
    tenant.stop_archive(gap_start);
    if let Some(first) = tenant.rounds.first_mut() {
        first.comment = String::new();
    }
    Cluster::open_round(tenant, gap_end);
    debug_assert!(matches!(
        tenant.rounds.last().map(|r: &Round| r.state),
        Some(RoundState::Running)
    ));
}

fn seed_backup(
    cluster: &mut Cluster,
    tenants: &[i64],
    at: i64,
    incremental: bool,
    failure: Option<&Failure>,
    now: i64,
) {
    let parent_id = cluster.allocate_job_id(1);
    let mut parent = BackupJob::cluster_parent(parent_id, tenants.to_vec(), incremental, false, String::new(), at);
    for (i, tenant_id) in tenants.iter().enumerate() {
        let job_id = cluster.allocate_job_id(*tenant_id);
        let Some(tenant) = cluster.tenants.get_mut(tenant_id) else {
            continue;
        };
        let Some(path) = tenant.data_dest.clone() else {
            continue;
        };
        let chain = tenant
            .sets
            .iter()
            .filter(|s| s.usable())
            .max_by_key(|s| s.set_id)
            .map(|last| {
                let full = if last.incremental { last.prev_full } else { last.set_id };
                (full, last.set_id)
            });
        let (incremental, prev_full, prev_inc) = match chain {
            Some((full, last)) if incremental => (true, full, last),
            _ => (false, 0, 0),
        };
        let input_bytes = backup_input_bytes(tenant.data_bytes, incremental);
        let duration = backup_duration(input_bytes);
        let set_id = tenant.next_set_id;
        tenant.next_set_id += 1;
        let job = BackupJob {
            tenant_id: *tenant_id,
            job_id,
            level: JobLevel::UserTenant,
            set_id,
            initiator_tenant_id: 1,
            initiator_job_id: parent_id,
            executors: vec![*tenant_id],
            incremental,
            plus_archivelog: false,
            description: String::new(),
            path,
            dest_id: tenant.data_dest_id,
            start: at,
            duration,
            hang: false,
            cancel_at: None,
            prev_full,
            prev_inc,
            input_bytes,
            tablet_count: tablet_count(tenant.data_bytes),
            finished_children: Vec::new(),
        };
        // The failure hits the first tenant only; the others back up as usual.
        let (end, outcome) = match failure.filter(|_| i == 0) {
            Some(f) => (
                at + duration / 3,
                JobOutcome::Failed {
                    result: f.result,
                    comment: f.comment.to_string(),
                },
            ),
            None => (at + duration, JobOutcome::Completed),
        };
        if end > now {
            continue;
        }
        let start_replay = tenant.archive_checkpoint_at(at).unwrap_or(at);
        let set = job.set_file(end, &outcome, tenant.data_bytes, start_replay);
        tenant.sets.push(set);
        let (status, result, comment) = match &outcome {
            JobOutcome::Completed => ("COMPLETED", 0, String::new()),
            JobOutcome::Failed { result, comment } => ("FAILED", *result, comment.clone()),
            JobOutcome::Canceled => ("CANCELED", -4072, String::new()),
        };
        cluster.push_history(
            "CDB_OB_BACKUP_JOB_HISTORY",
            job.row(status, Some(end), result, &comment),
        );
        parent.finished_children.push((end, outcome));
    }
    let end = parent
        .finished_children
        .iter()
        .map(|(end, _)| *end)
        .max()
        .unwrap_or(at + SECOND);
    let failed = parent.finished_children.iter().find_map(|(_, o)| match o {
        JobOutcome::Failed { result, comment } => Some((*result, comment.clone())),
        _ => None,
    });
    let row = match failed {
        Some((result, comment)) => parent.row("FAILED", Some(end), result, &comment),
        None => parent.row("COMPLETED", Some(end), 0, ""),
    };
    cluster.push_history("CDB_OB_BACKUP_JOB_HISTORY", row);
}

/// A restore drill from `source` that happened at `at`; its tenant was dropped afterwards.
fn seed_drill(cluster: &mut Cluster, config: &ClusterConfig, source: i64, n: usize, at: i64, failure: Option<&str>) {
    if config.release.line == Line::V3 {
        return seed_drill_v3(cluster, config, source, n, at, failure);
    }
    let Some(tenant) = cluster.tenants.get(&source) else {
        return;
    };
    let (Some(data_uri), Some(archive)) = (tenant.data_dest.clone(), tenant.archive_dest.clone()) else {
        return;
    };
    let uris = format!("{data_uri},{}", archive.location);
    let Ok(found) = cluster.find_source(&uris, at) else {
        return;
    };
    let mut found = found;
    found.sets.retain(|s| s.end <= at);
    let plan = found
        .plan(Some(scn(at - 2 * HOUR)), cluster)
        .or_else(|_| found.plan(None, cluster));
    let Ok(plan) = plan else { return };
    let used: Vec<_> = plan
        .set_ids
        .iter()
        .filter_map(|id| found.sets.iter().find(|s| s.set_id == *id))
        .collect();
    let pieces = tenant.pieces_at(at);
    let total_bytes: i64 = used.iter().map(|s| s.output_bytes).sum();
    let source_name = tenant.name.clone();
    let tablets = tablet_count(tenant.data_bytes);
    let set_list = used
        .iter()
        .map(|s| set_path(&data_uri, s))
        .collect::<Vec<_>>()
        .join(",");
    let piece_list = plan
        .pieces
        .iter()
        .filter_map(|(dest, round, piece)| {
            pieces
                .iter()
                .find(|p| (p.dest_id, p.round_id, p.piece_id) == (*dest, *round, *piece))
        })
        .map(|p| piece_path(&archive.location, p))
        .collect::<Vec<_>>()
        .join(",");
    let tenant_id = cluster.allocate_tenant_id();
    let job_id = cluster.next_restore_job_id;
    cluster.next_restore_job_id += 1;
    let duration = (total_bytes / (200 << 20) * SECOND).max(20 * SECOND);
    let job = RestoreJob {
        job_id,
        tenant_id,
        tenant_name: format!("{source_name}_drill_{n}"),
        source_tenant_id: source,
        source_tenant_name: source_name,
        source_cluster: config.cluster_name.clone(),
        backup_dest: uris,
        options: format!("pool_list=drill_pool_{n}"),
        description: "restore drill".to_string(),
        restore_at: plan.restore_scn / 1000,
        restore_scn: plan.restore_scn,
        start: at,
        duration,
        fail: failure.map(str::to_string),
        set_list,
        piece_list,
        total_bytes,
        tablet_count: tablets,
        cluster_version: version_number(config.release.version),
    };
    let rows = match failure {
        Some(comment) => job.history_rows(false, at + duration * 6 / 10, comment),
        None => job.history_rows(true, at + duration, ""),
    };
    for row in rows {
        cluster.push_history("CDB_OB_RESTORE_HISTORY", row);
    }
}

/// A 3.x drill: one row per job, the sets found by 3.x's rule.
fn seed_drill_v3(cluster: &mut Cluster, config: &ClusterConfig, source: i64, n: usize, at: i64, failure: Option<&str>) {
    let Some(tenant) = cluster.tenants.get(&source) else {
        return;
    };
    let Some(uri) = tenant.data_dest.clone() else {
        return;
    };
    let target = at - 2 * HOUR;
    let Ok(chain) = plan_v3(tenant, target, at) else {
        return;
    };
    let used: Vec<_> = chain
        .iter()
        .filter_map(|id| tenant.sets.iter().find(|s| s.set_id == *id))
        .collect();
    let total_bytes: i64 = used.iter().map(|s| s.output_bytes).sum();
    let set_list = used.iter().map(|s| set_path(&uri, s)).collect::<Vec<_>>().join(",");
    let (source_name, tablets) = (tenant.name.clone(), tablet_count(tenant.data_bytes));
    let tenant_id = cluster.allocate_tenant_id();
    let job_id = cluster.next_restore_job_id;
    cluster.next_restore_job_id += 1;
    let duration = (total_bytes / (200 << 20) * SECOND).max(20 * SECOND);
    let job = RestoreJob {
        job_id,
        tenant_id,
        tenant_name: format!("{source_name}_drill_{n}"),
        source_tenant_id: source,
        source_tenant_name: source_name,
        source_cluster: config.cluster_name.clone(),
        backup_dest: uri,
        options: format!(
            "backup_cluster_name={}&backup_cluster_id=1&pool_list=drill_pool_{n}",
            config.cluster_name
        ),
        description: String::new(),
        restore_at: target,
        restore_scn: target,
        start: at,
        duration,
        fail: failure.map(str::to_string),
        set_list,
        piece_list: String::new(),
        total_bytes,
        tablet_count: tablets,
        cluster_version: version_number(config.release.version),
    };
    let end = if failure.is_some() {
        at + duration * 6 / 10
    } else {
        at + duration
    };
    cluster.push_history("CDB_OB_RESTORE_HISTORY", restore_row_v3(&job, end, Some(end)));
}
