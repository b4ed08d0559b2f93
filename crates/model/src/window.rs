//! The recoverable window: which instants OceanBase accepts as a restore point.
//!
//! The rule (OceanBase's, as obshell applies it): an instant T is recoverable
//! when some usable backup set S has `S.MIN_RESTORE_SCN <= T <= C`, where C is
//! the checkpoint reached by the run of contiguous AVAILABLE archive pieces
//! that starts at the piece containing `S.START_REPLAY_SCN` (pieces are
//! contiguous when the next one starts at the previous one's checkpoint).
//! A set is usable when it succeeded and is AVAILABLE, and, for an incremental
//! set, when every set it builds on is usable too. The union of all sets'
//! ranges, merged, is the window; it can have gaps.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::backup::{ArchivePiece, BackupSetFile, Scn};
use crate::status::{BackupSetStatus, BackupType, FileStatus};

/// A closed range of SCNs, `start <= end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScnRange {
    pub start: Scn,
    pub end: Scn,
}

impl ScnRange {
    pub fn contains(&self, t: Scn) -> bool {
        self.start <= t && t <= self.end
    }
}

fn usable_file(set: &BackupSetFile) -> bool {
    set.status == BackupSetStatus::Success && set.file_status == FileStatus::Available
}

/// Which sets can start a restore: usable themselves, and (incremental) whose
/// chain back to a full set is usable.
pub fn usable_sets(sets: &[BackupSetFile]) -> Vec<&BackupSetFile> {
    // Sorted by id with a memo per position: no hashing on the hot path.
    let mut by_id: Vec<&BackupSetFile> = sets.iter().collect();
    by_id.sort_by_key(|s| s.backup_set_id);
    let mut memo: Vec<Option<bool>> = vec![None; by_id.len()];
    let ok: Vec<bool> = (0..by_id.len())
        .map(|i| chain_usable(i, &by_id, &mut memo, 0))
        .collect();
    by_id
        .into_iter()
        .zip(ok)
        .filter_map(|(s, ok)| ok.then_some(s))
        .collect()
}

fn position(by_id: &[&BackupSetFile], id: i64) -> Option<usize> {
    by_id.binary_search_by_key(&id, |s| s.backup_set_id).ok()
}

fn chain_usable(i: usize, by_id: &[&BackupSetFile], memo: &mut [Option<bool>], depth: usize) -> bool {
    if let Some(known) = memo[i] {
        return known;
    }
    let set = by_id[i];
    // A corrupt chain (a cycle, or absurd depth) is not usable rather than a stack overflow.
    let ok = depth < 10_000
        && usable_file(set)
        && match set.backup_type {
            BackupType::Full => true,
            _ => {
                let parent_id = if set.prev_inc_backup_set_id != 0 {
                    set.prev_inc_backup_set_id
                } else {
                    set.prev_full_backup_set_id
                };
                let parent_ok = parent_id != set.backup_set_id
                    && position(by_id, parent_id).is_some_and(|p| chain_usable(p, by_id, memo, depth + 1));
                let full_ok = position(by_id, set.prev_full_backup_set_id).is_some_and(|f| {
                    by_id[f].backup_type == BackupType::Full && chain_usable(f, by_id, memo, depth + 1)
                });
                parent_ok && full_ok
            }
        };
    memo[i] = Some(ok);
    ok
}

/// AVAILABLE pieces, each with the checkpoint its contiguous run reaches.
struct Runs {
    /// (piece start, piece checkpoint, run reach), sorted by start.
    pieces: Vec<(Scn, Scn, Scn)>,
    /// The highest piece checkpoint among `pieces[..=i]`: bounds the search
    /// for pieces containing an instant.
    max_ckpt: Vec<Scn>,
}

impl Runs {
    fn new(pieces: &[ArchivePiece]) -> Runs {
        let mut avail: Vec<(Scn, Scn)> = pieces
            .iter()
            .filter(|p| p.file_status == FileStatus::Available && p.start_scn <= p.checkpoint_scn)
            .map(|p| (p.start_scn, p.checkpoint_scn))
            .collect();
        avail.sort();
        // From the latest start down: a piece reaches its checkpoint, or further
        // through the best run among pieces that start exactly there (found by
        // binary search over the sorted starts; `group_best[k]` is the best of
        // piece k's start group).
        let mut group_best_of = vec![Scn(0); avail.len()];
        let mut reach = vec![Scn(0); avail.len()];
        let mut i = avail.len();
        while i > 0 {
            let group_start = avail[i - 1].0;
            let mut j = i;
            while j > 0 && avail[j - 1].0 == group_start {
                j -= 1;
            }
            let mut group_best = group_start;
            for k in j..i {
                let ckpt = avail[k].1;
                if ckpt > group_start {
                    let next = avail.partition_point(|(start, _)| *start < ckpt);
                    let via = if next < avail.len() && avail[next].0 == ckpt {
                        group_best_of[next]
                    } else {
                        ckpt
                    };
                    reach[k] = via.max(ckpt);
                    group_best = group_best.max(reach[k]);
                }
            }
            // A piece that has only just begun covers its start and joins the group's best run.
            for k in j..i {
                if avail[k].1 == group_start {
                    reach[k] = group_best;
                }
            }
            for slot in &mut group_best_of[j..i] {
                *slot = group_best;
            }
            i = j;
        }
        let pieces: Vec<(Scn, Scn, Scn)> = avail.iter().zip(reach).map(|(&(s, c), r)| (s, c, r)).collect();
        let mut max_ckpt = Vec::with_capacity(pieces.len());
        let mut m = Scn(0);
        for (_, c, _) in &pieces {
            m = m.max(*c);
            max_ckpt.push(m);
        }
        Runs { pieces, max_ckpt }
    }

    /// The furthest checkpoint reached from a piece containing `t`, if any.
    fn reach_from(&self, t: Scn) -> Option<Scn> {
        let mut j = self.pieces.partition_point(|(start, _, _)| *start <= t);
        let mut best = None;
        // Walk back only while some earlier piece could still reach t.
        while j > 0 && self.max_ckpt[j - 1] >= t {
            let (_, ckpt, reach) = self.pieces[j - 1];
            if ckpt >= t {
                best = best.max(Some(reach));
            }
            j -= 1;
        }
        best
    }
}

/// The recoverable window of one tenant, merged, ascending, gaps kept.
pub fn recoverable_window(sets: &[BackupSetFile], pieces: &[ArchivePiece]) -> Vec<ScnRange> {
    let runs = Runs::new(pieces);
    let mut ranges: Vec<ScnRange> = usable_sets(sets)
        .into_iter()
        .filter_map(|s| {
            let reach = runs.reach_from(s.start_replay_scn)?;
            (s.min_restore_scn <= reach).then_some(ScnRange {
                start: s.min_restore_scn,
                end: reach,
            })
        })
        .collect();
    merge(&mut ranges)
}

/// Merges overlapping ranges (touching ones too: `[a, b]` and `[b, c]`).
pub fn merge(ranges: &mut [ScnRange]) -> Vec<ScnRange> {
    ranges.sort();
    let mut out: Vec<ScnRange> = Vec::with_capacity(ranges.len());
    for r in ranges.iter() {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(*r),
        }
    }
    out
}

/// For a refused restore point: the nearest recoverable instants before and after `t`.
pub fn nearest(window: &[ScnRange], t: Scn) -> (Option<Scn>, Option<Scn>) {
    let before = window.iter().filter(|r| r.start <= t).map(|r| r.end.min(t)).max();
    let after = window.iter().filter(|r| r.end >= t).map(|r| r.start.max(t)).min();
    (before, after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::PieceStatus;
    use proptest::prelude::*;

    const H: u64 = 3_600_000_000_000; // an hour in SCN units (ns)

    fn set(id: i64, kind: BackupType, prev_full: i64, prev_inc: i64, replay_h: u64, min_h: u64) -> BackupSetFile {
        BackupSetFile {
            tenant_id: 1002,
            backup_set_id: id,
            backup_type: kind,
            prev_full_backup_set_id: prev_full,
            prev_inc_backup_set_id: prev_inc,
            start: None,
            end: None,
            status: BackupSetStatus::Success,
            file_status: FileStatus::Available,
            plus_archivelog: false,
            start_replay_scn: Scn(replay_h * H),
            min_restore_scn: Scn(min_h * H),
            input_bytes: 0,
            output_bytes: 0,
            path: String::new(),
            cluster_version: String::new(),
        }
    }

    fn piece(id: i64, start_h: u64, ckpt_h: u64) -> ArchivePiece {
        ArchivePiece {
            tenant_id: 1002,
            round_id: 1,
            piece_id: id,
            status: PieceStatus::Frozen,
            start_scn: Scn(start_h * H),
            checkpoint_scn: Scn(ckpt_h * H),
            max_scn: Scn(ckpt_h * H),
            end_scn: Scn(ckpt_h * H),
            file_status: FileStatus::Available,
            path: String::new(),
        }
    }

    fn r(a: u64, b: u64) -> ScnRange {
        ScnRange {
            start: Scn(a * H),
            end: Scn(b * H),
        }
    }

    #[test]
    fn a_full_set_recovers_to_the_end_of_its_contiguous_pieces_and_a_gap_splits_the_window() {
        let sets = [
            set(1, BackupType::Full, 0, 0, 1, 2),
            set(2, BackupType::Full, 0, 0, 50, 51),
        ];
        // Pieces 0-24, 24-48 contiguous; a gap 48-49; then 49-72.
        let pieces = [piece(1, 0, 24), piece(2, 24, 48), piece(3, 49, 72)];
        assert_eq!(recoverable_window(&sets, &pieces), [r(2, 48), r(51, 72)]);
        let (before, after) = nearest(&recoverable_window(&sets, &pieces), Scn(49 * H));
        assert_eq!((before, after), (Some(Scn(48 * H)), Some(Scn(51 * H))));
    }

    #[test]
    fn an_incremental_set_counts_only_with_its_whole_chain() {
        let full = set(1, BackupType::Full, 0, 0, 1, 2);
        let inc1 = set(2, BackupType::Incremental, 1, 0, 10, 11);
        let inc2 = set(3, BackupType::Incremental, 1, 2, 20, 21);
        let pieces = [piece(1, 0, 5), piece(2, 9, 30)]; // a gap 5-9: the full alone reaches 5
        assert_eq!(
            recoverable_window(&[full.clone(), inc1.clone(), inc2.clone()], &pieces),
            [r(2, 5), r(11, 30)]
        );
        // Without inc1, inc2 has a missing parent: only the full remains.
        assert_eq!(recoverable_window(&[full.clone(), inc2.clone()], &pieces), [r(2, 5)]);
        // With the full expired, nothing of the chain is usable.
        let mut expired = full;
        expired.file_status = FileStatus::Expired;
        assert!(recoverable_window(&[expired, inc1, inc2], &pieces).is_empty());
    }

    #[test]
    fn unavailable_pieces_break_the_run_and_failed_sets_do_not_count() {
        let sets = [set(1, BackupType::Full, 0, 0, 1, 2)];
        let mut broken = piece(2, 24, 48);
        broken.file_status = FileStatus::Broken;
        assert_eq!(
            recoverable_window(&sets, &[piece(1, 0, 24), broken, piece(3, 48, 72)]),
            [r(2, 24)]
        );
        let mut failed = set(1, BackupType::Full, 0, 0, 1, 2);
        failed.status = BackupSetStatus::Failed;
        assert!(recoverable_window(&[failed], &[piece(1, 0, 24)]).is_empty());
        // Replay starting before any piece: no log to replay, nothing recoverable.
        assert!(recoverable_window(&[set(1, BackupType::Full, 0, 0, 1, 2)], &[piece(1, 3, 24)]).is_empty());
    }

    #[test]
    fn a_chain_that_points_at_itself_is_not_usable() {
        let looped = set(5, BackupType::Incremental, 5, 5, 1, 2);
        assert!(usable_sets(&[looped]).is_empty());
    }

    /// The rule, written the slow and obvious way.
    fn brute_recoverable(sets: &[BackupSetFile], pieces: &[ArchivePiece], t: Scn) -> bool {
        let usable = usable_sets(sets);
        let avail: Vec<&ArchivePiece> = pieces
            .iter()
            .filter(|p| p.file_status == FileStatus::Available)
            .collect();
        usable.iter().any(|s| {
            if t < s.min_restore_scn {
                return false;
            }
            avail
                .iter()
                .filter(|p| p.start_scn <= s.start_replay_scn && s.start_replay_scn <= p.checkpoint_scn)
                .any(|first| {
                    // Every chain of pieces, each starting where the previous one's checkpoint is.
                    let mut frontier = vec![first.checkpoint_scn];
                    let mut seen = std::collections::HashSet::new();
                    let mut reach = first.checkpoint_scn;
                    while let Some(at) = frontier.pop() {
                        reach = reach.max(at);
                        for p in avail.iter().filter(|p| p.start_scn == at && p.checkpoint_scn > at) {
                            if seen.insert(p.checkpoint_scn) {
                                frontier.push(p.checkpoint_scn);
                            }
                        }
                    }
                    t <= reach
                })
        })
    }

    fn arb_case() -> impl Strategy<Value = (Vec<BackupSetFile>, Vec<ArchivePiece>)> {
        let pieces = prop::collection::vec((0u64..60, 1u64..12, any::<bool>()), 0..12).prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, (start, len, ok))| {
                    let mut p = piece(i as i64 + 1, start, start + len);
                    if !ok {
                        p.file_status = FileStatus::Deleted;
                    }
                    p
                })
                .collect::<Vec<_>>()
        });
        let sets = prop::collection::vec((0u64..60, 0u64..4, 0u8..3, 0i64..6, any::<bool>()), 0..8).prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, (replay, lag, kind, parent, ok))| {
                    let id = i as i64 + 1;
                    let mut s = match kind {
                        0 => set(id, BackupType::Full, 0, 0, replay, replay + lag),
                        _ => set(
                            id,
                            BackupType::Incremental,
                            parent.min(id - 1).max(0),
                            0,
                            replay,
                            replay + lag,
                        ),
                    };
                    if !ok {
                        s.file_status = FileStatus::Expired;
                    }
                    s
                })
                .collect::<Vec<_>>()
        });
        (sets, pieces)
    }

    proptest! {
        #[test]
        fn the_window_is_exactly_the_rule(case in arb_case(), probes in prop::collection::vec(0u64..80 * 4, 40)) {
            let (sets, pieces) = case;
            let window = recoverable_window(&sets, &pieces);
            for w in window.windows(2) {
                prop_assert!(w[0].end < w[1].start, "merged, ascending, gaps real: {:?}", window);
            }
            // Quarter-hour probes: inside the window exactly when the rule says so.
            for q in probes {
                let t = Scn(q * H / 4);
                let inside = window.iter().any(|r| r.contains(t));
                prop_assert_eq!(inside, brute_recoverable(&sets, &pieces, t), "t = {} h, window {:?}", q as f64 / 4.0, window);
            }
        }

        #[test]
        fn losing_a_piece_never_grows_the_window(case in arb_case(), drop in 0usize..12) {
            let (sets, mut pieces) = case;
            let full = recoverable_window(&sets, &pieces);
            if drop < pieces.len() {
                pieces.remove(drop);
            }
            for r in recoverable_window(&sets, &pieces) {
                prop_assert!(full.iter().any(|f| f.start <= r.start && r.end <= f.end), "{:?} not within {:?}", r, full);
            }
        }
    }
}
