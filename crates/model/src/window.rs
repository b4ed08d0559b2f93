//! The recoverable window: which instants OceanBase accepts as a restore point, by its own
//! rule (read in oceanbase/oceanbase, never copied; `../shared/reference/
//! oceanbase-backup-sql.md` states it too).
//!
//! 4.x, for a point T, from the sets of ONE data backup destination and the pieces of ONE
//! archive destination (`ALTER SYSTEM RESTORE ... FROM 'data,archive'` takes one data
//! destination, and each archive destination named must reach T on its own):
//! - sets (`ObBackupDataStore::do_get_backup_set_array_`, `src/storage/backup/
//!   ob_backup_data_store.cpp`): scanned by ascending BACKUP_SET_ID, stopping at the first
//!   whose MIN_RESTORE_SCN is above T; only SUCCESS and AVAILABLE ones count; a full set
//!   replaces what was chosen, an incremental joins when its previous full and previous
//!   incremental were chosen. So the LATEST usable full set at or before T is used, never
//!   an older one. Replay starts at the START_REPLAY_SCN of the last set chosen, and T must
//!   lie after it.
//! - pieces (`ObArchiveStore::get_piece_paths_in_range`, `src/share/backup/
//!   ob_archive_store.cpp`): AVAILABLE pieces of the destination, up to its latest non-empty
//!   one; the first one ending after the replay start must hold it; each next one must
//!   start where the previous one ENDS (END_SCN: a frozen piece's CHECKPOINT_SCN may be
//!   lower, and that is no gap); T is reached when the run's last piece has CHECKPOINT_SCN
//!   at or above T.
//!
//! So the window is built span by span: between one set's MIN_RESTORE_SCN and the next
//! set's, the same sets are chosen, and T is recoverable from just after their replay start
//! up to the checkpoint their run of pieces reaches. The spans of every pair of
//! destinations, merged, make the window; it can have gaps.
//!
//! 3.x (v3.1.5_CE `src/share/backup/ob_backup_info_mgr.cpp`, `ob_extern_backup_info_mgr.cpp`,
//! `ob_log_archive_backup_info_mgr.cpp`): the newest successful set whose snapshot is at or
//! before T (its chain to a full set intact), exactly its snapshot with no log, or through
//! one archive round that began at or before that snapshot and has reached T.
//!
//! obshell computes windows differently (from the media through `ob_admin`): it is not an
//! authority for this.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::backup::{ArchivePiece, BackupSetFile, Scn};
use crate::status::{BackupSetStatus, BackupType, FileStatus};
use crate::version::ObVersion;

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

/// A recoverable stretch and the destinations a restore into it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub range: ScnRange,
    /// DEST_ID of the data backup destination (0: the release does not say).
    pub data_dest: i64,
    /// DEST_ID of the archive destination (0: the release does not say).
    pub archive_dest: i64,
}

fn usable_file(set: &BackupSetFile) -> bool {
    set.status == BackupSetStatus::Success && set.file_status == FileStatus::Available
}

/// Sets a restore could start from, for showing them: usable themselves, and
/// (incremental) whose chain back to a full set is usable.
pub fn usable_sets(sets: &[BackupSetFile]) -> Vec<&BackupSetFile> {
    let mut by_id: Vec<&BackupSetFile> = sets.iter().collect();
    by_id.sort_by_key(|s| (s.dest_id, s.backup_set_id));
    let mut chosen: Vec<(i64, i64)> = Vec::new();
    let mut out = Vec::new();
    for s in by_id {
        if !usable_file(s) {
            continue;
        }
        let has = |id: i64| chosen.binary_search(&(s.dest_id, id)).is_ok();
        let ok = match s.backup_type {
            BackupType::Full => true,
            _ => has(s.prev_full_backup_set_id) && (s.prev_inc_backup_set_id == 0 || has(s.prev_inc_backup_set_id)),
        };
        if ok {
            chosen.push((s.dest_id, s.backup_set_id));
            out.push(s);
        }
    }
    out
}

/// One archive destination's log as the walk sees it: runs of AVAILABLE pieces, each
/// starting where the previous one ENDS, up to the destination's latest non-empty piece.
/// A replay from `start` begins in the first piece ending after `start`; it must hold
/// `start`, and it reaches the checkpoint of its run's last piece.
struct Runs {
    /// (first start, last end, reach) of each run, in order: the runs never overlap
    /// when the pieces' ends keep to their key order, as OceanBase numbers them.
    runs: Vec<(Scn, Scn, Scn)>,
    /// Pieces whose ends go back in key order (not seen from OceanBase): each piece's
    /// (start, end, reach), searched in order, exactly as the walk reads them.
    unordered: Option<Vec<(Scn, Scn, Scn)>>,
}

impl Runs {
    /// `pieces`: one destination's, in key order.
    fn new(pieces: &[&ArchivePiece]) -> Runs {
        let latest = pieces.iter().rposition(|p| p.checkpoint_scn > p.start_scn);
        let listed = pieces[..latest.map_or(0, |i| i + 1)]
            .iter()
            .filter(|p| p.file_status == FileStatus::Available);
        let ordered = listed
            .clone()
            .zip(listed.clone().skip(1))
            .all(|(a, b)| a.end_scn <= b.end_scn);
        if !ordered {
            let mut each: Vec<(Scn, Scn, Scn)> = listed.map(|p| (p.start_scn, p.end_scn, p.checkpoint_scn)).collect();
            for i in (0..each.len().saturating_sub(1)).rev() {
                if each[i + 1].0 == each[i].1 {
                    each[i].2 = each[i + 1].2;
                }
            }
            return Runs {
                runs: Vec::new(),
                unordered: Some(each),
            };
        }
        let mut runs: Vec<(Scn, Scn, Scn)> = Vec::new();
        for p in listed {
            match runs.last_mut() {
                Some(run) if run.1 == p.start_scn => {
                    run.1 = p.end_scn;
                    run.2 = p.checkpoint_scn;
                }
                _ => runs.push((p.start_scn, p.end_scn, p.checkpoint_scn)),
            }
        }
        Runs { runs, unordered: None }
    }

    /// The checkpoint a replay from `start` reaches, if a piece holds `start`.
    fn reach(&self, start: Scn) -> Option<Scn> {
        let first = match &self.unordered {
            Some(each) => each.iter().find(|p| p.1 > start),
            // The first piece ending after `start` is in the first run ending after it.
            None => self.runs.get(self.runs.partition_point(|r| r.1 <= start)),
        }?;
        (first.0 <= start).then_some(first.2)
    }
}

/// The spans of one pair of destinations: `sets` of one data destination in id order,
/// `runs` of one archive destination.
fn pair_spans(sets: &[&BackupSetFile], runs: &Runs, data_dest: i64, archive_dest: i64, out: &mut Vec<Span>) {
    // Scanning sets in id order, the sets chosen for T are those of the longest prefix
    // whose MIN_RESTORE_SCNs are all at or below T: the prefix of k sets serves the T
    // from the highest MIN_RESTORE_SCN among them up to just below set k's.
    let mut chosen: Vec<i64> = Vec::new();
    let mut start: Option<Scn> = None;
    let mut highest = Scn(0);
    for (i, s) in sets.iter().enumerate() {
        highest = highest.max(s.min_restore_scn);
        if usable_file(s) {
            match s.backup_type {
                BackupType::Full => {
                    chosen.clear();
                    chosen.push(s.backup_set_id);
                    start = Some(s.start_replay_scn);
                }
                _ if chosen.contains(&s.prev_full_backup_set_id) && chosen.contains(&s.prev_inc_backup_set_id) => {
                    chosen.push(s.backup_set_id);
                    start = Some(s.start_replay_scn);
                }
                _ => {}
            }
        }
        let Some(start) = start else { continue };
        let below_next = match sets.get(i + 1) {
            Some(next) if next.min_restore_scn.0 == 0 => continue,
            Some(next) => Scn(next.min_restore_scn.0 - 1),
            None => Scn(u64::MAX),
        };
        let Some(reach) = runs.reach(start) else { continue };
        let from = highest.max(Scn(start.0 + 1));
        let to = below_next.min(reach);
        if from <= to {
            out.push(Span {
                range: ScnRange { start: from, end: to },
                data_dest,
                archive_dest,
            });
        }
    }
}

/// Every recoverable span of one tenant, by pair of destinations, ascending.
pub fn recoverable_spans(sets: &[BackupSetFile], pieces: &[ArchivePiece]) -> Vec<Span> {
    let mut sets: Vec<&BackupSetFile> = sets.iter().collect();
    if !sets.is_sorted_by_key(|s| (s.dest_id, s.backup_set_id)) {
        sets.sort_unstable_by_key(|s| (s.dest_id, s.backup_set_id));
    }
    let mut pieces: Vec<&ArchivePiece> = pieces.iter().collect();
    if !pieces.is_sorted_by_key(|p| (p.dest_id, p.round_id, p.piece_id)) {
        pieces.sort_unstable_by_key(|p| (p.dest_id, p.round_id, p.piece_id));
    }
    let runs: Vec<(i64, Runs)> = pieces
        .chunk_by(|a, b| a.dest_id == b.dest_id)
        .map(|group| (group[0].dest_id, Runs::new(group)))
        .collect();
    let mut out = Vec::new();
    for data in sets.chunk_by(|a, b| a.dest_id == b.dest_id) {
        for (archive_dest, runs) in &runs {
            pair_spans(data, runs, data[0].dest_id, *archive_dest, &mut out);
        }
    }
    if !out.is_sorted_by_key(|s| s.range) {
        out.sort_unstable_by_key(|s| s.range);
    }
    out
}

/// The recoverable window of one tenant (4.x), merged, ascending, gaps kept.
pub fn recoverable_window(sets: &[BackupSetFile], pieces: &[ArchivePiece]) -> Vec<ScnRange> {
    let mut ranges: Vec<ScnRange> = recoverable_spans(sets, pieces).into_iter().map(|s| s.range).collect();
    merge(&mut ranges)
}

/// The destinations a restore to `t` reads: of the spans holding `t`, the latest data
/// destination's, then the latest archive destination's. `None` outside the window.
pub fn source_for(spans: &[Span], t: Scn) -> Option<Span> {
    spans
        .iter()
        .filter(|s| s.range.contains(t))
        .max_by_key(|s| (s.data_dest, s.archive_dest))
        .copied()
}

/// The recoverable window of a tenant of a cluster at `version`: 3.x's rule for 3.x, 4.x's
/// otherwise (an unknown version reads as 4.x, the line a cache without a version comes
/// from). A 3.x tenant's sets and rounds arrive as the connector reads them: a set's
/// snapshot as its MIN_RESTORE_SCN, each round as one piece.
pub fn tenant_window(version: Option<&ObVersion>, sets: &[BackupSetFile], pieces: &[ArchivePiece]) -> Vec<ScnRange> {
    if version.is_some_and(|v| v.major() < 4) {
        let sets: Vec<SetV3> = sets
            .iter()
            .map(|s| SetV3 {
                id: s.backup_set_id,
                snapshot: s.min_restore_scn,
                success: usable_file(s),
                full: s.backup_type == BackupType::Full,
                prev: s.prev_inc_backup_set_id,
            })
            .collect();
        let rounds: Vec<RoundV3> = pieces
            .iter()
            .filter(|p| p.file_status == FileStatus::Available)
            .map(|p| RoundV3 {
                start: p.start_scn,
                checkpoint: p.checkpoint_scn,
            })
            .collect();
        recoverable_window_v3(&sets, &rounds)
    } else {
        recoverable_window(sets, pieces)
    }
}

/// A 3.x backup set as the walk needs it: its snapshot and whether it restores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetV3 {
    pub id: i64,
    pub snapshot: Scn,
    pub success: bool,
    pub full: bool,
    /// The set it builds on (0 for a full set).
    pub prev: i64,
}

/// A 3.x log archive round: log from `start` up to `checkpoint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundV3 {
    pub start: Scn,
    pub checkpoint: Scn,
}

/// The recoverable window of a 3.x tenant, merged, ascending.
pub fn recoverable_window_v3(sets: &[SetV3], rounds: &[RoundV3]) -> Vec<ScnRange> {
    let mut ok: Vec<&SetV3> = sets.iter().filter(|s| s.success).collect();
    ok.sort_by_key(|s| (s.snapshot, s.id));
    let intact = |s: &SetV3| {
        let mut at = *s;
        for _ in 0..sets.len() {
            if at.full {
                return true;
            }
            match sets.iter().find(|p| p.id == at.prev && p.success) {
                Some(p) => at = *p,
                None => return false,
            }
        }
        false
    };
    let mut ranges = Vec::new();
    for (i, s) in ok.iter().enumerate() {
        if !intact(s) {
            continue;
        }
        let below_next = ok
            .get(i + 1)
            .map_or(Scn(u64::MAX), |n| Scn(n.snapshot.0.saturating_sub(1)));
        let reach = rounds
            .iter()
            .filter(|r| r.start <= s.snapshot && s.snapshot <= r.checkpoint)
            .map(|r| r.checkpoint)
            .max()
            .unwrap_or(s.snapshot);
        ranges.push(ScnRange {
            start: s.snapshot,
            end: below_next.min(reach).max(s.snapshot),
        });
    }
    merge(&mut ranges)
}

/// Merges overlapping ranges (touching ones too: `[a, b]` and `[b, c]`, and `[a, b]`
/// with `[b + 1, c]`: SCNs are whole numbers).
pub fn merge(ranges: &mut [ScnRange]) -> Vec<ScnRange> {
    if !ranges.is_sorted() {
        ranges.sort_unstable();
    }
    let mut out: Vec<ScnRange> = Vec::with_capacity(ranges.len());
    for r in ranges.iter() {
        match out.last_mut() {
            Some(last) if r.start.0 <= last.end.0.saturating_add(1) => last.end = last.end.max(r.end),
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
            dest_id: 1,
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

    /// A piece from `start_h` to `end_h`, archived up to `ckpt_h` (hours).
    fn piece_to(id: i64, start_h: u64, end_h: u64, ckpt_h: u64) -> ArchivePiece {
        ArchivePiece {
            tenant_id: 1002,
            dest_id: 2,
            round_id: 1,
            piece_id: id,
            status: PieceStatus::Frozen,
            start_scn: Scn(start_h * H),
            checkpoint_scn: Scn(ckpt_h * H),
            max_scn: Scn(ckpt_h * H),
            end_scn: Scn(end_h * H),
            file_status: FileStatus::Available,
            path: String::new(),
        }
    }

    fn piece(id: i64, start_h: u64, end_h: u64) -> ArchivePiece {
        piece_to(id, start_h, end_h, end_h)
    }

    /// `[a, b]` in hours, as the walk opens it: just after the replay start.
    fn r(a: u64, b: u64) -> ScnRange {
        ScnRange {
            start: Scn(a * H),
            end: Scn(b * H),
        }
    }

    #[test]
    fn a_full_set_recovers_to_the_end_of_its_run_and_a_gap_splits_the_window() {
        let sets = [
            set(1, BackupType::Full, 0, 0, 1, 2),
            set(2, BackupType::Full, 0, 0, 50, 51),
        ];
        // Pieces 0-24, 24-48 continuous; a gap 48-49; then 49-72.
        let pieces = [piece(1, 0, 24), piece(2, 24, 48), piece(3, 49, 72)];
        assert_eq!(recoverable_window(&sets, &pieces), [r(2, 48), r(51, 72)]);
        let (before, after) = nearest(&recoverable_window(&sets, &pieces), Scn(49 * H));
        assert_eq!((before, after), (Some(Scn(48 * H)), Some(Scn(51 * H))));
    }

    #[test]
    fn a_frozen_piece_short_of_its_end_is_no_gap() {
        let sets = [set(1, BackupType::Full, 0, 0, 1, 2)];
        // Piece 1 ends at 24 but its checkpoint is 23: piece 2 starts at its END.
        let pieces = [piece_to(1, 0, 24, 23), piece(2, 24, 48)];
        assert_eq!(recoverable_window(&sets, &pieces), [r(2, 48)]);
    }

    #[test]
    fn the_latest_full_set_is_used_never_an_older_one() {
        // Full 1 at hour 1 and full 2 at hour 30 whose replay start falls in a gap (25-31):
        // points after 31 belong to set 2, which cannot replay; set 1 is not used instead.
        let sets = [
            set(1, BackupType::Full, 0, 0, 1, 2),
            set(2, BackupType::Full, 0, 0, 28, 31),
        ];
        let pieces = [piece(1, 0, 25), piece(2, 29, 60)];
        assert_eq!(recoverable_window(&sets, &pieces), [r(2, 25)]);
    }

    #[test]
    fn an_incremental_set_counts_only_with_its_whole_chain() {
        let full = set(1, BackupType::Full, 0, 0, 1, 2);
        let inc1 = set(2, BackupType::Incremental, 1, 1, 10, 11);
        let inc2 = set(3, BackupType::Incremental, 1, 2, 20, 21);
        let pieces = [piece(1, 0, 5), piece(2, 9, 30)]; // a gap 5-9: the full alone reaches 5
        assert_eq!(
            recoverable_window(&[full.clone(), inc1.clone(), inc2.clone()], &pieces),
            [r(2, 5), r(11, 30)]
        );
        // Without inc1, inc2 does not chain: the full's replay, which stops at the gap.
        assert_eq!(recoverable_window(&[full.clone(), inc2.clone()], &pieces), [r(2, 5)]);
        let mut expired = full;
        expired.file_status = FileStatus::Expired;
        assert!(recoverable_window(&[expired, inc1, inc2], &pieces).is_empty());
    }

    #[test]
    fn each_archive_destination_is_walked_alone_and_the_restore_reads_the_latest() {
        let sets = [set(1, BackupType::Full, 0, 0, 1, 2)];
        let old = piece(1, 0, 24);
        // After a destination change, pieces go to a new DEST_ID: no run crosses over.
        let mut new = piece(2, 24, 48);
        new.dest_id = 3;
        let spans = recoverable_spans(&sets, &[old, new]);
        assert_eq!(spans.len(), 1);
        assert_eq!((spans[0].range, spans[0].archive_dest), (r(2, 24), 2));
        assert_eq!(source_for(&spans, Scn(3 * H)).map(|s| s.data_dest), Some(1));
        assert_eq!(source_for(&spans, Scn(30 * H)), None);
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
        assert!(recoverable_window(&[set(1, BackupType::Full, 0, 0, 1, 2)], &[piece(1, 3, 24)]).is_empty());
    }

    #[test]
    fn a_3x_restore_needs_one_round_from_before_the_snapshot() {
        let s = |id, at: u64, full, prev| SetV3 {
            id,
            snapshot: Scn(at * H),
            success: true,
            full,
            prev,
        };
        let rounds = [
            RoundV3 {
                start: Scn(0),
                checkpoint: Scn(20 * H),
            },
            RoundV3 {
                start: Scn(26 * H),
                checkpoint: Scn(60 * H),
            },
        ];
        let sets = [s(1, 2, true, 0), s(2, 24, false, 1), s(3, 30, true, 0)];
        // Set 2's snapshot lies between the rounds: only itself, exactly.
        assert_eq!(recoverable_window_v3(&sets, &rounds), [r(2, 20), r(24, 24), r(30, 60)]);
    }

    /// The reference's rule for one point, written the slow and literal way.
    fn brute_recoverable(sets: &[BackupSetFile], pieces: &[ArchivePiece], t: Scn) -> bool {
        let mut data_dests: Vec<i64> = sets.iter().map(|s| s.dest_id).collect();
        data_dests.sort();
        data_dests.dedup();
        let mut archive_dests: Vec<i64> = pieces.iter().map(|p| p.dest_id).collect();
        archive_dests.sort();
        archive_dests.dedup();
        data_dests.iter().any(|d| {
            let mut mine: Vec<&BackupSetFile> = sets.iter().filter(|s| s.dest_id == *d).collect();
            mine.sort_by_key(|s| s.backup_set_id);
            let mut chosen: Vec<i64> = Vec::new();
            let mut start = None;
            for s in mine {
                if s.min_restore_scn > t {
                    break;
                }
                if !usable_file(s) {
                    continue;
                }
                if s.backup_type == BackupType::Full {
                    chosen = vec![s.backup_set_id];
                    start = Some(s.start_replay_scn);
                } else if chosen.contains(&s.prev_full_backup_set_id) && chosen.contains(&s.prev_inc_backup_set_id) {
                    chosen.push(s.backup_set_id);
                    start = Some(s.start_replay_scn);
                }
            }
            let Some(start) = start else { return false };
            if start >= t {
                return false;
            }
            archive_dests.iter().any(|a| walk(pieces, *a, start, t))
        })
    }

    /// `get_piece_paths_in_range`, line by line.
    fn walk(pieces: &[ArchivePiece], dest: i64, start: Scn, t: Scn) -> bool {
        let mut list: Vec<&ArchivePiece> = pieces.iter().filter(|p| p.dest_id == dest).collect();
        list.sort_by_key(|p| (p.round_id, p.piece_id));
        match list.iter().rposition(|p| p.checkpoint_scn > p.start_scn) {
            Some(i) => list.truncate(i + 1),
            None => return false,
        }
        let mut run: Vec<&ArchivePiece> = Vec::new();
        let mut i = 0;
        while i < list.len() {
            let c = list[i];
            if c.file_status != FileStatus::Available || c.end_scn <= start {
                i += 1;
                continue;
            }
            if c.start_scn >= t {
                if let Some(p) = run.last() {
                    if p.end_scn == c.start_scn && p.checkpoint_scn < t {
                        run.push(c);
                    }
                }
                break;
            }
            match run.last() {
                None if c.start_scn <= start => {
                    run.push(c);
                    i += 1;
                }
                None => return false,
                Some(p) if p.end_scn != c.start_scn => run.clear(),
                Some(_) => {
                    run.push(c);
                    i += 1;
                }
            }
        }
        run.last().is_some_and(|p| p.checkpoint_scn >= t)
    }

    fn arb_case() -> impl Strategy<Value = (Vec<BackupSetFile>, Vec<ArchivePiece>)> {
        // Pieces laid end to end per destination, some with a gap before them, some
        // archived short of their end, some lost.
        let pieces = prop::collection::vec((0u64..3, 1u64..10, 0u64..3, 0u8..4, 2i64..4), 0..14).prop_map(|v| {
            let mut at = std::collections::BTreeMap::new();
            v.into_iter()
                .enumerate()
                .map(|(i, (gap, len, short, kind, dest))| {
                    let cursor = at.entry(dest).or_insert(0u64);
                    let start = *cursor + gap;
                    *cursor = start + len;
                    let mut p = piece_to(i as i64 + 1, start, start + len, start + len - short.min(len));
                    p.dest_id = dest;
                    if kind == 0 {
                        p.file_status = FileStatus::Deleted;
                    }
                    p
                })
                .collect::<Vec<_>>()
        });
        let sets = prop::collection::vec((0u64..40, 0u64..4, 0u8..3, any::<bool>(), 1i64..3), 0..8).prop_map(|v| {
            let mut last = std::collections::BTreeMap::<i64, (i64, i64)>::new();
            v.into_iter()
                .enumerate()
                .map(|(i, (replay, lag, kind, ok, dest))| {
                    let id = i as i64 + 1;
                    let (full, prev) = last.get(&dest).copied().unwrap_or((0, 0));
                    let mut s = match kind {
                        0 => set(id, BackupType::Full, 0, 0, replay, replay + lag),
                        _ => set(id, BackupType::Incremental, full, prev, replay, replay + lag),
                    };
                    s.dest_id = dest;
                    if !ok {
                        s.file_status = FileStatus::Expired;
                    }
                    let full = if kind == 0 { id } else { full };
                    last.insert(dest, (full, id));
                    s
                })
                .collect::<Vec<_>>()
        });
        (sets, pieces)
    }

    proptest! {
        #[test]
        fn the_window_is_exactly_the_reference_rule(case in arb_case(), probes in prop::collection::vec(0u64..50 * 4, 30)) {
            let (sets, pieces) = case;
            let window = recoverable_window(&sets, &pieces);
            for w in window.windows(2) {
                prop_assert!(w[0].end.0 + 1 < w[1].start.0, "merged, ascending, gaps real: {:?}", window);
            }
            // Every boundary the data has, a nanosecond either side, and quarter hours.
            let mut points: Vec<u64> = probes.iter().map(|q| q * H / 4).collect();
            for s in &sets {
                points.extend([s.min_restore_scn.0, s.start_replay_scn.0]);
            }
            for p in &pieces {
                points.extend([p.start_scn.0, p.end_scn.0, p.checkpoint_scn.0]);
            }
            for base in points {
                for t in [base.saturating_sub(1), base, base + 1] {
                    let inside = window.iter().any(|r| r.contains(Scn(t)));
                    prop_assert_eq!(inside, brute_recoverable(&sets, &pieces, Scn(t)), "t = {} ns, window {:?}", t, window);
                }
            }
        }

        #[test]
        fn losing_a_piece_never_grows_the_window(case in arb_case(), drop in 0usize..14) {
            let (sets, mut pieces) = case;
            let full = recoverable_window(&sets, &pieces);
            if drop < pieces.len() {
                // A lost piece is still listed, no longer AVAILABLE.
                pieces[drop].file_status = FileStatus::Deleted;
            }
            for r in recoverable_window(&sets, &pieces) {
                prop_assert!(full.iter().any(|f| f.start <= r.start && r.end <= f.end), "{:?} not within {:?}", r, full);
            }
        }
    }
}
