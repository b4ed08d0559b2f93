//! Which backup sets and archive pieces a 4.x restore to a point reads, and whether it can
//! read enough: OceanBase's own walk, written from its source (oceanbase/oceanbase, read,
//! not copied). `ALTER SYSTEM RESTORE t FROM 'p1,p2' ...` takes the "compat" path of
//! `ObRestoreUtil::fill_backup_info_` (`src/rootserver/restore/ob_restore_util.cpp`):
//!
//! - Sets (`ObBackupDataStore::do_get_backup_set_array_`, `src/storage/backup/
//!   ob_backup_data_store.cpp`): by ascending id; the scan stops at the first set whose
//!   MIN_RESTORE_SCN is above the target; a set counts only if SUCCESS and AVAILABLE; a
//!   full set clears what was chosen; an incremental joins only when its previous full and
//!   previous incremental were chosen. The replay starts at the START_REPLAY_SCN of the
//!   last set chosen, and the target must lie after it.
//! - Pieces, for each archive destination on its own (`ObArchiveStore::
//!   get_piece_paths_in_range`, `src/share/backup/ob_archive_store.cpp`): only pieces of
//!   the destination's first DEST_ID and AVAILABLE; those ending at or before the replay
//!   start are passed over; the first one kept must hold the replay start; each next one
//!   must start exactly where the previous one ENDS (END_SCN, not CHECKPOINT_SCN: a
//!   frozen piece's checkpoint may be lower); a break resets the run, and the run must
//!   begin again at the replay start, which it cannot. The walk stops at the first piece
//!   starting at or after the target, taking it only if it continues the run and the
//!   previous one's checkpoint is short of the target. The target is reached when the
//!   last piece's CHECKPOINT_SCN is at or above it; otherwise "No enough log for restore".
//! - With no target, the target is the checkpoint of the latest non-empty piece of each
//!   archive destination, the highest of them (`fill_restore_scn`).
//!
//! All SCNs here are nanoseconds since the epoch, as OceanBase's.

use super::archive::Piece;
use super::backup::BackupSet;
use crate::timestamp::scn;

/// What a restore to a point reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The restore point, an SCN.
    pub restore_scn: i64,
    /// The sets read, full first, then its incrementals.
    pub set_ids: Vec<i64>,
    /// The pieces read, per archive destination in the order given: (dest, round, piece).
    pub pieces: Vec<(i64, i64, i64)>,
}

/// Why OceanBase would not restore to the point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortfall {
    /// The target is not after the replay start (OB_INVALID_ARGUMENT from
    /// `get_piece_paths_in_range`).
    TargetBeforeReplay,
    /// "No enough log for restore".
    NotEnoughLog,
}

/// The sets a restore to `target` reads from one data destination, and where log replay
/// starts (SCN; 0 when no set can be used).
pub fn choose_sets(sets: &[BackupSet], target: i64) -> (Vec<i64>, i64) {
    let mut by_id: Vec<&BackupSet> = sets.iter().collect();
    by_id.sort_by_key(|s| s.set_id);
    let mut chosen: Vec<i64> = Vec::new();
    let mut start = 0;
    for s in by_id {
        if scn(s.min_restore) > target {
            break;
        }
        if !s.usable() {
            continue;
        }
        if !s.incremental {
            chosen.clear();
            chosen.push(s.set_id);
            start = scn(s.start_replay);
        } else if chosen.contains(&s.prev_full) && chosen.contains(&s.prev_inc) {
            chosen.push(s.set_id);
            start = scn(s.start_replay);
        }
    }
    (chosen, start)
}

/// The candidate pieces of one archive destination: up to its latest non-empty piece, in
/// order, only those of its first DEST_ID (others were "archived at other path").
fn candidates(pieces: &[Piece]) -> Vec<&Piece> {
    let mut all: Vec<&Piece> = pieces.iter().collect();
    all.sort_by_key(|p| (p.round_id, p.piece_id));
    let Some(latest) = all.iter().rposition(|p| p.checkpoint > p.start) else {
        return Vec::new();
    };
    all.truncate(latest + 1);
    // Piece keys order by destination first: the first key's DEST_ID is the smallest.
    let Some(dest) = all.iter().map(|p| p.dest_id).min() else {
        return Vec::new();
    };
    all.retain(|p| p.dest_id == dest);
    all
}

/// The pieces of one archive destination a replay from `start` to `target` reads.
pub fn walk_pieces(pieces: &[Piece], start: i64, target: i64) -> Result<Vec<&Piece>, Shortfall> {
    if start >= target {
        return Err(Shortfall::TargetBeforeReplay);
    }
    let list = candidates(pieces);
    let mut run: Vec<&Piece> = Vec::new();
    let mut i = 0;
    while i < list.len() {
        let p = list[i];
        if p.deleted || scn(p.end) <= start {
            i += 1;
            continue;
        }
        if scn(p.start) >= target {
            if let Some(prev) = run.last() {
                if scn(prev.end) == scn(p.start) && scn(prev.checkpoint) < target {
                    run.push(p);
                }
            }
            break;
        }
        match run.last() {
            None if scn(p.start) <= start => {
                run.push(p);
                i += 1;
            }
            None => return Err(Shortfall::NotEnoughLog),
            // A break: the run starts over from this piece, which cannot hold the start.
            Some(prev) if scn(prev.end) != scn(p.start) => run.clear(),
            Some(_) => {
                run.push(p);
                i += 1;
            }
        }
    }
    match run.last() {
        Some(last) if scn(last.checkpoint) >= target => Ok(run),
        _ => Err(Shortfall::NotEnoughLog),
    }
}

/// The checkpoint of the latest non-empty piece of one archive destination (SCN).
pub fn latest_checkpoint(pieces: &[Piece]) -> Option<i64> {
    candidates(pieces).last().map(|p| scn(p.checkpoint))
}

/// The whole walk: sets of one data destination, pieces of each archive destination,
/// to `target` or, without one, to the latest checkpoint of the archives.
pub fn plan(sets: &[BackupSet], archives: &[Vec<Piece>], target: Option<i64>) -> Result<Plan, Shortfall> {
    let target = match target {
        Some(t) => t,
        None => archives
            .iter()
            .filter_map(|a| latest_checkpoint(a))
            .max()
            .ok_or(Shortfall::NotEnoughLog)?,
    };
    let (set_ids, start) = choose_sets(sets, target);
    let mut used = Vec::new();
    for archive in archives {
        for p in walk_pieces(archive, start, target)? {
            used.push((p.dest_id, p.round_id, p.piece_id));
        }
    }
    if set_ids.is_empty() {
        return Err(Shortfall::NotEnoughLog);
    }
    Ok(Plan {
        restore_scn: target,
        set_ids,
        pieces: used,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::backup::FileStatus;
    use crate::timestamp::{DAY, HOUR, SECOND};

    fn set(id: i64, incremental: bool, prev_full: i64, prev_inc: i64, at: i64) -> BackupSet {
        BackupSet {
            tenant_id: 1002,
            set_id: id,
            dest_id: 1001,
            incremental,
            prev_full,
            prev_inc,
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

    /// A frozen piece: its checkpoint a little short of its end, as OceanBase's can be.
    fn piece(id: i64, start: i64, end: i64, checkpoint: i64) -> Piece {
        Piece {
            round_id: 1,
            piece_id: id,
            dest_id: 1002,
            start,
            checkpoint,
            end,
            active: false,
            deleted: false,
            path: "file:///a".into(),
            input_bytes: 0,
        }
    }

    fn ns(micros: i64) -> i64 {
        scn(micros)
    }

    #[test]
    fn pieces_join_on_their_end_not_their_checkpoint() {
        let sets = vec![set(1, false, 0, 0, HOUR)];
        let pieces = vec![
            piece(1, 0, DAY, DAY - 2 * SECOND),
            piece(2, DAY, 2 * DAY, 2 * DAY - 2 * SECOND),
            piece(3, 2 * DAY, 3 * DAY, 2 * DAY + 5 * HOUR),
        ];
        // A point between piece 1's checkpoint and its end is reached through piece 2.
        let p = plan(&sets, std::slice::from_ref(&pieces), Some(ns(DAY - SECOND))).expect("recoverable");
        assert_eq!(p.set_ids, vec![1]);
        assert_eq!(p.pieces, vec![(1002, 1, 1), (1002, 1, 2)]);
        let latest = plan(&sets, std::slice::from_ref(&pieces), None).expect("latest");
        assert_eq!(latest.restore_scn, ns(2 * DAY + 5 * HOUR));
        assert_eq!(
            plan(&sets, &[pieces], Some(ns(2 * DAY + 6 * HOUR))),
            Err(Shortfall::NotEnoughLog)
        );
    }

    #[test]
    fn the_latest_full_set_is_taken_and_a_gap_after_its_replay_start_refuses() {
        // Full 1 on day 0, full 2 on day 2; archive gap on day 1 to day 2.
        let sets = vec![set(1, false, 0, 0, HOUR), set(2, false, 0, 0, 2 * DAY + HOUR)];
        let pieces = vec![
            piece(1, 0, DAY, DAY - SECOND),
            // a new round after a gap
            Piece {
                round_id: 2,
                ..piece(2, DAY + 6 * HOUR, 2 * DAY + 6 * HOUR, 2 * DAY + 6 * HOUR)
            },
            Piece {
                round_id: 2,
                ..piece(3, 2 * DAY + 6 * HOUR, 4 * DAY, 3 * DAY)
            },
        ];
        let archives = [pieces];
        // Before the second full set: set 1, reaching into the gap fails.
        assert_eq!(
            plan(&sets, &archives, Some(ns(DAY + 12 * HOUR))),
            Err(Shortfall::NotEnoughLog)
        );
        assert!(plan(&sets, &archives, Some(ns(DAY - 2 * SECOND))).is_ok());
        // After it: set 2 only, never set 1 again.
        let p = plan(&sets, &archives, Some(ns(2 * DAY + 20 * HOUR))).expect("after the gap");
        assert_eq!(p.set_ids, vec![2]);
    }

    #[test]
    fn incrementals_chain_on_their_full_and_a_broken_one_stops_the_chain() {
        let mut broken = set(3, true, 1, 2, 2 * DAY);
        broken.success = false;
        let sets = vec![
            set(1, false, 0, 0, 0),
            set(2, true, 1, 1, DAY),
            broken,
            set(4, true, 1, 3, 3 * DAY),
        ];
        let (chosen, start) = choose_sets(&sets, ns(5 * DAY));
        assert_eq!(chosen, vec![1, 2]);
        assert_eq!(start, ns(DAY));
    }

    #[test]
    fn every_archive_destination_must_reach_the_point_by_itself() {
        let sets = vec![set(1, false, 0, 0, HOUR)];
        let whole = vec![piece(1, 0, 2 * DAY, 2 * DAY)];
        let short = vec![Piece {
            dest_id: 1003,
            ..piece(1, 0, DAY, DAY)
        }];
        assert!(plan(&sets, std::slice::from_ref(&whole), Some(ns(DAY + HOUR))).is_ok());
        assert_eq!(
            plan(&sets, &[whole, short], Some(ns(DAY + HOUR))),
            Err(Shortfall::NotEnoughLog)
        );
    }
}
