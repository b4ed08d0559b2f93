//! The recoverable window: which points in time a restore can reach from a set of backup
//! sets and archive pieces.
//!
//! The rule (from the reference, as obshell's `getRestoreWindows` applies it): a time T is
//! recoverable when some usable set S has `S.min_restore <= T <= C`, C being the checkpoint
//! reached by the run of contiguous available pieces that starts at the piece holding
//! `S.start_replay`. Incremental sets count only when the sets they build on are usable.
//! All times are UTC microseconds.

use std::collections::BTreeSet;

use super::archive::Piece;
use super::backup::BackupSet;
use crate::errors::{self, SqlError};
use crate::timestamp::shifted_text;

/// One usable set and how far the archive lets it reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetWindow {
    pub set_id: i64,
    pub from: i64,
    pub to: i64,
}

/// What a restore to a point needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub restore_at: i64,
    /// Full set first, then its incrementals, oldest first.
    pub set_ids: Vec<i64>,
    pub piece_ids: Vec<i64>,
}

/// Sets that can be restored: successful, available, with their whole chain usable.
fn usable_sets(sets: &[BackupSet]) -> Vec<&BackupSet> {
    let mut ordered: Vec<&BackupSet> = sets.iter().collect();
    ordered.sort_by_key(|s| s.set_id);
    let mut usable_ids = BTreeSet::new();
    let mut usable = Vec::new();
    for set in ordered {
        let chain_ok = !set.incremental || (usable_ids.contains(&set.prev_full) && usable_ids.contains(&set.prev_inc));
        if set.usable() && chain_ok {
            usable_ids.insert(set.set_id);
            usable.push(set);
        }
    }
    usable
}

fn available_pieces(pieces: &[Piece]) -> Vec<&Piece> {
    let mut available: Vec<&Piece> = pieces.iter().filter(|p| !p.deleted).collect();
    available.sort_by_key(|p| (p.start, p.piece_id));
    available
}

/// The contiguous run of pieces starting at the one holding `from`.
fn run_from<'a>(pieces: &[&'a Piece], from: i64) -> Vec<&'a Piece> {
    let Some(first) = pieces.iter().position(|p| p.start <= from && from <= p.checkpoint) else {
        return Vec::new();
    };
    let mut run = vec![pieces[first]];
    for next in &pieces[first + 1..] {
        let Some(last) = run.last() else { break };
        if next.start == last.checkpoint {
            run.push(next);
        } else if next.start > last.checkpoint {
            break;
        }
    }
    run
}

pub fn set_windows(sets: &[BackupSet], pieces: &[Piece]) -> Vec<SetWindow> {
    let pieces = available_pieces(pieces);
    usable_sets(sets)
        .into_iter()
        .filter_map(|s| {
            let run = run_from(&pieces, s.start_replay);
            let reach = run.last()?.checkpoint;
            (reach >= s.min_restore).then_some(SetWindow {
                set_id: s.set_id,
                from: s.min_restore,
                to: reach,
            })
        })
        .collect()
}

/// The windows of all sets, merged into disjoint intervals.
#[cfg(test)]
pub fn merged(windows: &[SetWindow]) -> Vec<(i64, i64)> {
    let mut spans: Vec<(i64, i64)> = windows.iter().map(|w| (w.from, w.to)).collect();
    spans.sort();
    let mut out: Vec<(i64, i64)> = Vec::new();
    for (from, to) in spans {
        match out.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => out.push((from, to)),
        }
    }
    out
}

/// Chooses the sets and pieces for a restore to `target` (or the latest point), or says
/// why OceanBase would refuse, in its words. `tz_offset` renders times in messages.
pub fn plan(sets: &[BackupSet], pieces: &[Piece], target: Option<i64>, tz_offset: i32) -> Result<Plan, SqlError> {
    let usable = usable_sets(sets);
    if usable.is_empty() {
        let detail = if sets.iter().any(|s| s.usable() && s.incremental) {
            "no full backup set exists"
        } else {
            "no backup set is available"
        };
        return Err(errors::restore_source_not_enough(detail));
    }
    let windows = set_windows(sets, pieces);
    let latest = windows.iter().map(|w| w.to).max();
    let target = match (target, latest) {
        (Some(t), _) => t,
        (None, Some(latest)) => latest,
        (None, None) => return Err(errors::restore_source_not_enough("no enough log for restore")),
    };
    let best = windows
        .iter()
        .filter(|w| w.from <= target && target <= w.to)
        .max_by_key(|w| (w.from, w.set_id));
    let Some(best) = best else {
        let earliest_full = usable
            .iter()
            .filter(|s| !s.incremental)
            .map(|s| s.min_restore)
            .min()
            .unwrap_or(target);
        let detail = if target < earliest_full {
            format!(
                "no full backup set can be used to restore to given time, minimum restorable time is {}",
                shifted_text(earliest_full, tz_offset)
            )
        } else if latest.is_some_and(|l| target > l) {
            format!(
                "no enough log, maximum restorable time is {}",
                shifted_text(latest.unwrap_or(target), tz_offset)
            )
        } else {
            "no enough log for restore".to_string()
        };
        return Err(errors::restore_source_not_enough(&detail));
    };
    let mut chain = vec![best.set_id];
    let by_id = |id: i64| usable.iter().find(|s| s.set_id == id);
    let mut current = by_id(best.set_id);
    // Walk back through the incrementals to their full set; bounded in case of a cycle.
    while let Some(set) = current.filter(|s| s.incremental && chain.len() <= usable.len()) {
        let previous = if set.prev_inc > 0 { set.prev_inc } else { set.prev_full };
        chain.push(previous);
        current = by_id(previous);
    }
    chain.reverse();
    let start_replay = by_id(best.set_id).map(|s| s.start_replay).unwrap_or(target);
    let available = available_pieces(pieces);
    let piece_ids = run_from(&available, start_replay)
        .into_iter()
        .take_while(|p| p.start <= target)
        .map(|p| p.piece_id)
        .collect();
    Ok(Plan {
        restore_at: target,
        set_ids: chain,
        piece_ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::backup::FileStatus;
    use crate::timestamp::{DAY, HOUR};

    fn set(id: i64, incremental: bool, prev: i64, at: i64) -> BackupSet {
        BackupSet {
            tenant_id: 1002,
            set_id: id,
            dest_id: 1001,
            incremental,
            prev_full: if incremental { 1 } else { 0 },
            prev_inc: prev,
            start: at,
            end: at + HOUR,
            success: true,
            file_status: FileStatus::Available,
            plus_archivelog: false,
            start_replay: at,
            min_restore: at + HOUR,
            input_bytes: 1,
            output_bytes: 1,
            tablet_count: 1,
            result: 0,
            comment: String::new(),
            path: "file:///d".into(),
        }
    }

    fn piece(id: i64, start: i64, checkpoint: i64) -> Piece {
        Piece {
            round_id: 1,
            piece_id: id,
            dest_id: 1002,
            start,
            checkpoint,
            end: start + DAY,
            active: false,
            deleted: false,
            path: "file:///a".into(),
            input_bytes: 0,
        }
    }

    #[test]
    fn a_piece_gap_splits_the_window() {
        let sets = vec![set(1, false, 0, HOUR), set(2, true, 1, 2 * DAY + 6 * HOUR)];
        let pieces = vec![
            piece(1, 0, DAY),
            piece(2, DAY, DAY + 10 * HOUR), // archive stopped here
            piece(3, DAY + 14 * HOUR, 2 * DAY + 14 * HOUR),
            piece(4, 2 * DAY + 14 * HOUR, 3 * DAY),
        ];
        let windows = merged(&set_windows(&sets, &pieces));
        // The full set reaches the gap; the incremental starts after it.
        assert_eq!(
            windows,
            vec![(2 * HOUR, DAY + 10 * HOUR), (2 * DAY + 7 * HOUR, 3 * DAY)]
        );
        let in_gap = plan(&sets, &pieces, Some(DAY + 12 * HOUR), 0).expect_err("gap refused");
        assert_eq!(in_gap.code, 9119);
        assert_eq!(in_gap.message, "no enough log for restore");
        let ok = plan(&sets, &pieces, Some(2 * DAY + 20 * HOUR), 0).expect("after the gap");
        assert_eq!(ok.set_ids, vec![1, 2]);
        let latest = plan(&sets, &pieces, None, 0).expect("latest");
        assert_eq!(latest.restore_at, 3 * DAY);
    }

    #[test]
    fn too_early_and_too_late_are_told_apart() {
        let sets = vec![set(1, false, 0, DAY)];
        let pieces = vec![piece(1, 0, 2 * DAY)];
        let early = plan(&sets, &pieces, Some(HOUR), 0).expect_err("too early");
        assert!(
            early.message.starts_with("no full backup set can be used"),
            "{}",
            early.message
        );
        let late = plan(&sets, &pieces, Some(3 * DAY), 0).expect_err("too late");
        assert!(late.message.starts_with("no enough log, maximum restorable time is"));
    }
}
