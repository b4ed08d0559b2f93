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
//!   one; those ending at or before the replay start are passed over; a piece that does
//!   not continue the run (START_SCN != the previous END_SCN) starts it over, which only a
//!   piece holding the replay start can, so the run begins at the LAST piece holding it (a
//!   stopped round's last piece keeps its planned END_SCN past the next round's start);
//!   each next one must start where the previous one ENDS (END_SCN: a frozen piece's
//!   CHECKPOINT_SCN may be lower, and that is no gap); T is reached when the run's last
//!   piece has CHECKPOINT_SCN at or above T, and a break before T fails the walk.
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

/// What a restore into `range` reads: the sets of one data destination and the pieces of
/// one archive destination (3.x: the rounds, each as one piece).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Basis {
    pub range: ScnRange,
    pub data_dest: i64,
    pub archive_dest: i64,
    /// BACKUP_SET_IDs of `data_dest`, full first, then its incrementals in id order.
    pub sets: Vec<i64>,
    /// (DEST_ID, ROUND_ID, PIECE_ID) of the pieces replayed, in order; empty for a 3.x set
    /// restored to its snapshot alone.
    pub pieces: Vec<(i64, i64, i64)>,
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

/// The pieces of one destination (in key order) the walk lists: AVAILABLE ones, up to the
/// latest non-empty one.
fn listed<'a, 'b>(pieces: &'b [&'a ArchivePiece]) -> impl Iterator<Item = &'a ArchivePiece> + Clone + 'b {
    let latest = pieces.iter().rposition(|p| p.checkpoint_scn > p.start_scn);
    pieces[..latest.map_or(0, |i| i + 1)]
        .iter()
        .copied()
        .filter(|p| p.file_status == FileStatus::Available)
}

/// One archive destination's log as the walk reads it (`get_piece_paths_in_range`): its
/// AVAILABLE pieces up to the latest non-empty one, in key order. Pieces ending at or
/// before the replay start are passed over. Of those holding the start (START_SCN <= start
/// < END_SCN) the walk keeps the last, for each one is broken off by the next (a stopped
/// round's last piece keeps its planned END_SCN, past the next round's start), and the walk
/// starts over from the piece that breaks it. From there each piece must start where the
/// previous one ENDS; the first that does not cannot start over (it begins after the replay
/// start), so the log reaches no further than its START_SCN.
struct Runs {
    /// The runs of pieces each starting where the previous one ENDS, in key order: (first
    /// START_SCN, last END_SCN, reach), where reach is the last CHECKPOINT_SCN, or the next
    /// run's START_SCN when that is lower (past it, the walk breaks and fails).
    runs: Vec<(Scn, Scn, Scn)>,
    /// Pieces whose START_SCN or END_SCN goes back in key order, or whose checkpoint is
    /// below its start (not seen from OceanBase): every (start, end, checkpoint), walked
    /// piece by piece for each start.
    unordered: Option<Vec<(Scn, Scn, Scn)>>,
}

impl Runs {
    /// `pieces`: one destination's, in key order.
    fn new(pieces: &[&ArchivePiece]) -> Runs {
        let mut runs: Vec<(Scn, Scn, Scn)> = Vec::new();
        let mut prev: Option<&ArchivePiece> = None;
        for p in listed(pieces) {
            let in_order = prev.is_none_or(|q| q.start_scn <= p.start_scn && q.end_scn <= p.end_scn);
            if !in_order || p.checkpoint_scn < p.start_scn {
                let each = listed(pieces)
                    .map(|p| (p.start_scn, p.end_scn, p.checkpoint_scn))
                    .collect();
                return Runs {
                    runs: Vec::new(),
                    unordered: Some(each),
                };
            }
            prev = Some(p);
            match runs.last_mut() {
                Some(run) if run.1 == p.start_scn => {
                    run.1 = p.end_scn;
                    run.2 = p.checkpoint_scn;
                }
                Some(run) => {
                    run.2 = run.2.min(p.start_scn);
                    runs.push((p.start_scn, p.end_scn, p.checkpoint_scn));
                }
                None => runs.push((p.start_scn, p.end_scn, p.checkpoint_scn)),
            }
        }
        Runs { runs, unordered: None }
    }

    /// How far a replay from `start` reaches, if a piece holds `start`.
    fn reach(&self, start: Scn) -> Option<Scn> {
        let Some(each) = &self.unordered else {
            // The last piece starting at or before `start` is in the last run starting at
            // or before it, and holds `start` when that run ends after it.
            let run = self.runs[..self.runs.partition_point(|r| r.0 <= start)].last()?;
            return (run.1 > start).then_some(run.2);
        };
        // Piece by piece, as the walk reads them with no point to stop at.
        let mut chain: Option<(Scn, Scn, Scn)> = None;
        for &p in each {
            if p.1 <= start {
                continue;
            }
            match chain {
                Some(last) if last.1 == p.0 => chain = Some(p),
                _ if p.0 <= start => chain = Some(p),
                Some(last) => return Some(last.2.min(p.0)),
                None => return None,
            }
        }
        chain.map(|last| last.2)
    }
}

/// The spans of one pair of destinations: `sets` of one data destination in id order,
/// `runs` of one archive destination. `emit` gets each span's range, the sets chosen for
/// it (full first) and the replay start.
fn pair_spans(sets: &[&BackupSetFile], runs: &Runs, mut emit: impl FnMut(ScnRange, &[i64], Scn)) {
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
            emit(ScnRange { start: from, end: to }, &chosen, start);
        }
    }
}

/// Walks every pair of one data destination and one archive destination: `emit` gets
/// each span's range, the pair's DEST_IDs (data, archive), the sets chosen and the
/// replay start.
fn walk_pairs(sets: &[BackupSetFile], pieces: &[ArchivePiece], mut emit: impl FnMut(ScnRange, i64, i64, &[i64], Scn)) {
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
    for data in sets.chunk_by(|a, b| a.dest_id == b.dest_id) {
        for (archive_dest, runs) in &runs {
            pair_spans(data, runs, |range, chosen, start| {
                emit(range, data[0].dest_id, *archive_dest, chosen, start)
            });
        }
    }
}

/// Every recoverable span of one tenant, by pair of destinations, ascending.
pub fn recoverable_spans(sets: &[BackupSetFile], pieces: &[ArchivePiece]) -> Vec<Span> {
    let mut out = Vec::new();
    walk_pairs(sets, pieces, |range, data_dest, archive_dest, _, _| {
        out.push(Span {
            range,
            data_dest,
            archive_dest,
        })
    });
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
    if is_v3(version) {
        let rounds: Vec<RoundV3> = rounds_v3(pieces).map(|(r, _)| r).collect();
        recoverable_window_v3(&sets_v3(sets), &rounds)
    } else {
        recoverable_window(sets, pieces)
    }
}

/// What a restore into each stretch of [`tenant_window`] reads, by the same rule: for
/// 4.x one basis per span of [`recoverable_spans`], for 3.x one per intact successful
/// set. Unmerged, ascending; merged, their ranges are exactly the tenant's window.
pub fn window_basis(version: Option<&ObVersion>, sets: &[BackupSetFile], pieces: &[ArchivePiece]) -> Vec<Basis> {
    if is_v3(version) {
        return basis_v3(sets, pieces);
    }
    let mut by_key: Vec<&ArchivePiece> = pieces.iter().collect();
    by_key.sort_by_key(|p| (p.dest_id, p.round_id, p.piece_id));
    let archives: Vec<(i64, Vec<&ArchivePiece>)> = by_key
        .chunk_by(|a, b| a.dest_id == b.dest_id)
        .map(|group| (group[0].dest_id, listed(group).collect()))
        .collect();
    let mut out = Vec::new();
    walk_pairs(sets, pieces, |range, data_dest, archive_dest, chosen, start| {
        let listed = archives
            .iter()
            .find(|(dest, _)| *dest == archive_dest)
            .map_or(&[][..], |(_, listed)| &listed[..]);
        out.push(Basis {
            range,
            data_dest,
            archive_dest,
            sets: chosen.to_vec(),
            pieces: pieces_read(listed, start, range.end),
        });
    });
    // In the order of `recoverable_spans`.
    out.sort_by_key(|b| b.range);
    out
}

/// The pieces a replay from `from` to `to` reads (`listed`: one destination's, as the walk
/// lists them), walked exactly as `get_piece_paths_in_range` does: the last piece holding
/// `from`, then each starting where the previous one ENDS, up to the one reaching `to`.
fn pieces_read(listed: &[&ArchivePiece], from: Scn, to: Scn) -> Vec<(i64, i64, i64)> {
    let mut run: Vec<&ArchivePiece> = Vec::new();
    for p in listed {
        if p.end_scn <= from {
            continue;
        }
        if p.start_scn >= to {
            if run
                .last()
                .is_some_and(|prev| prev.end_scn == p.start_scn && prev.checkpoint_scn < to)
            {
                run.push(p);
            }
            break;
        }
        match run.last() {
            Some(prev) if prev.end_scn == p.start_scn => run.push(p),
            _ if p.start_scn <= from => run = vec![p],
            _ => break,
        }
    }
    run.iter().map(|p| (p.dest_id, p.round_id, p.piece_id)).collect()
}

fn is_v3(version: Option<&ObVersion>) -> bool {
    version.is_some_and(|v| v.major() < 4)
}

/// A 3.x tenant's sets as the 3.x walk reads them, index for index.
fn sets_v3(sets: &[BackupSetFile]) -> Vec<SetV3> {
    sets.iter()
        .map(|s| SetV3 {
            id: s.backup_set_id,
            snapshot: s.min_restore_scn,
            success: usable_file(s),
            full: s.backup_type == BackupType::Full,
            prev: s.prev_inc_backup_set_id,
        })
        .collect()
}

/// A 3.x tenant's rounds (each arrives as one piece): the AVAILABLE ones.
fn rounds_v3(pieces: &[ArchivePiece]) -> impl Iterator<Item = (RoundV3, &ArchivePiece)> {
    pieces
        .iter()
        .filter(|p| p.file_status == FileStatus::Available)
        .map(|p| {
            (
                RoundV3 {
                    start: p.start_scn,
                    checkpoint: p.checkpoint_scn,
                },
                p,
            )
        })
}

fn basis_v3(sets: &[BackupSetFile], pieces: &[ArchivePiece]) -> Vec<Basis> {
    let (rounds, held): (Vec<RoundV3>, Vec<&ArchivePiece>) = rounds_v3(pieces).unzip();
    stretches_v3(&sets_v3(sets), &rounds)
        .into_iter()
        .map(|(chain, range)| {
            let set = &sets[chain[chain.len() - 1]];
            let snapshot = set.min_restore_scn;
            // The round a restore past the snapshot replays is one holding the snapshot.
            let holding: Vec<&ArchivePiece> = held
                .iter()
                .copied()
                .filter(|p| p.start_scn <= snapshot && snapshot <= p.checkpoint_scn)
                .collect();
            Basis {
                range,
                data_dest: set.dest_id,
                archive_dest: holding.first().map_or(0, |p| p.dest_id),
                sets: chain.iter().map(|&i| sets[i].backup_set_id).collect(),
                pieces: holding.iter().map(|p| (p.dest_id, p.round_id, p.piece_id)).collect(),
            }
        })
        .collect()
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
    let mut ranges: Vec<ScnRange> = stretches_v3(sets, rounds).into_iter().map(|(_, r)| r).collect();
    merge(&mut ranges)
}

/// Each intact successful set's stretch of a 3.x window, unmerged, by snapshot: its chain
/// (indices into `sets`, full first, the set itself last) and its range.
fn stretches_v3(sets: &[SetV3], rounds: &[RoundV3]) -> Vec<(Vec<usize>, ScnRange)> {
    let mut ok: Vec<usize> = (0..sets.len()).filter(|&i| sets[i].success).collect();
    ok.sort_by_key(|&i| (sets[i].snapshot, sets[i].id));
    let mut out = Vec::new();
    for (k, &i) in ok.iter().enumerate() {
        let Some(chain) = chain_v3(sets, i) else { continue };
        let s = &sets[i];
        let below_next = ok
            .get(k + 1)
            .map_or(Scn(u64::MAX), |&n| Scn(sets[n].snapshot.0.saturating_sub(1)));
        let reach = rounds
            .iter()
            .filter(|r| r.start <= s.snapshot && s.snapshot <= r.checkpoint)
            .map(|r| r.checkpoint)
            .max()
            .unwrap_or(s.snapshot);
        let range = ScnRange {
            start: s.snapshot,
            end: below_next.min(reach).max(s.snapshot),
        };
        out.push((chain, range));
    }
    out
}

/// The set at `i` and the successful sets it builds on, back to a full set, full first;
/// `None` when the chain breaks (or loops).
fn chain_v3(sets: &[SetV3], i: usize) -> Option<Vec<usize>> {
    let mut chain = vec![i];
    for _ in 0..sets.len() {
        let at = &sets[chain[chain.len() - 1]];
        if at.full {
            chain.reverse();
            return Some(chain);
        }
        chain.push(sets.iter().position(|p| p.id == at.prev && p.success)?);
    }
    None
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

    /// (DEST_ID, ROUND_ID, PIECE_ID).
    type PieceKey = (i64, i64, i64);

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

    /// Archiving stopped at 10:00 and started again at 12:00: the stopped round's last
    /// piece keeps its planned end (24:00), past the new round's start. A backup taken in
    /// the new round restores through the new round's pieces; the walk passes the old
    /// piece by, as the emulator's walk and OceanBase's do.
    #[test]
    fn a_new_round_restores_though_the_stopped_rounds_last_piece_ends_after_it_starts() {
        let mut old = piece_to(1, 0, 24, 10);
        old.round_id = 1;
        let mut new_first = piece_to(2, 12, 36, 36);
        new_first.round_id = 2;
        let mut new_second = piece_to(3, 36, 60, 50);
        new_second.round_id = 2;
        let pieces = [old, new_first, new_second];
        let sets = [
            set(1, BackupType::Full, 0, 0, 1, 2),
            // Taken in the new round.
            set(2, BackupType::Full, 0, 0, 14, 15),
        ];
        let window = recoverable_window(&sets, &pieces);
        assert_eq!(
            window,
            [
                // Set 1, through the old round until it stopped.
                ScnRange {
                    start: Scn(2 * H),
                    end: Scn(10 * H),
                },
                // Set 2, through the new round.
                ScnRange {
                    start: Scn(15 * H),
                    end: Scn(50 * H),
                },
            ]
        );
        for t in [20 * H, 50 * H] {
            assert!(brute_recoverable(&sets, &pieces, Scn(t)), "{t}");
        }
        assert!(!brute_recoverable(&sets, &pieces, Scn(11 * H)));
        let v4: ObVersion = "4.2.1".parse().unwrap();
        let basis = window_basis(Some(&v4), &sets, &pieces);
        assert_eq!(basis[1].pieces, [(2, 2, 2), (2, 2, 3)], "the old piece is not read");
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

    #[test]
    fn each_stretch_names_the_sets_and_pieces_a_restore_into_it_reads() {
        // Data destination 1 holds full 1 and its incremental 2; after a destination change,
        // data destination 5 holds full 3, incremental 4 and full 5. The log (archive
        // destination 2) runs 0-36 (piece 2 frozen an hour short of its end), then a gap,
        // then round 2 from 40.
        let mut sets = vec![
            set(1, BackupType::Full, 0, 0, 1, 2),
            set(2, BackupType::Incremental, 1, 1, 10, 11),
            set(3, BackupType::Full, 0, 0, 20, 21),
            set(4, BackupType::Incremental, 3, 3, 30, 31),
            set(5, BackupType::Full, 0, 0, 45, 46),
        ];
        for s in &mut sets[2..] {
            s.dest_id = 5;
        }
        let mut late = piece(1, 40, 60);
        late.round_id = 2;
        let pieces = [piece(1, 0, 12), piece_to(2, 12, 24, 23), piece(3, 24, 36), late];
        let basis = window_basis(None, &sets, &pieces);
        let seen: Vec<(ScnRange, i64, &[i64], &[PieceKey])> = basis
            .iter()
            .map(|b| (b.range, b.data_dest, &b.sets[..], &b.pieces[..]))
            .collect();
        // `[a, b)` in hours: up to just before the next set counts.
        let upto = |a: u64, b: u64| ScnRange {
            start: Scn(a * H),
            end: Scn(b * H - 1),
        };
        assert_eq!(
            seen,
            [
                // Full 1 alone up to just before incremental 2 counts: piece 1 reaches it.
                (upto(2, 11), 1, &[1][..], &[(2, 1, 1)][..]),
                // From the replay start of incremental 2 (10) to the end of the run.
                (r(11, 36), 1, &[1, 2][..], &[(2, 1, 1), (2, 1, 2), (2, 1, 3)][..]),
                (upto(21, 31), 5, &[3][..], &[(2, 1, 2), (2, 1, 3)][..]),
                (r(31, 36), 5, &[3, 4][..], &[(2, 1, 3)][..]),
                (r(46, 60), 5, &[5][..], &[(2, 2, 1)][..]),
            ]
        );
        assert!(basis.iter().all(|b| b.archive_dest == 2));
        let mut ranges: Vec<ScnRange> = basis.iter().map(|b| b.range).collect();
        assert_eq!(merge(&mut ranges), tenant_window(None, &sets, &pieces));
        assert_eq!(merge(&mut ranges), [r(2, 36), r(46, 60)]);
    }

    #[test]
    fn a_3x_set_is_restored_through_the_round_holding_its_snapshot() {
        // As the 3.x connector reads them: one destination (0), each round one piece.
        let v3: ObVersion = "3.2.4".parse().unwrap();
        let mut sets = vec![
            set(1, BackupType::Full, 0, 0, 2, 2),
            set(2, BackupType::Incremental, 1, 1, 24, 24),
            set(3, BackupType::Full, 0, 0, 30, 30),
        ];
        let mut rounds = vec![piece(0, 0, 20), piece(0, 26, 60)];
        for s in &mut sets {
            s.dest_id = 0;
        }
        for (i, p) in rounds.iter_mut().enumerate() {
            (p.dest_id, p.round_id) = (0, i as i64 + 1);
        }
        let basis = window_basis(Some(&v3), &sets, &rounds);
        let seen: Vec<(ScnRange, &[i64], &[PieceKey])> =
            basis.iter().map(|b| (b.range, &b.sets[..], &b.pieces[..])).collect();
        assert_eq!(
            seen,
            [
                (r(2, 20), &[1][..], &[(0, 1, 0)][..]),
                // Its snapshot lies between the rounds: the chain alone, exactly then.
                (r(24, 24), &[1, 2][..], &[][..]),
                (r(30, 60), &[3][..], &[(0, 2, 0)][..]),
            ]
        );
        let mut ranges: Vec<ScnRange> = basis.iter().map(|b| b.range).collect();
        assert_eq!(merge(&mut ranges), tenant_window(Some(&v3), &sets, &rounds));
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
            let (_, start) = brute_sets(sets, *d, t);
            let Some(start) = start else { return false };
            if start >= t {
                return false;
            }
            archive_dests.iter().any(|a| walk(pieces, *a, start, t).is_some())
        })
    }

    /// `do_get_backup_set_array_`, line by line: the sets of destination `dest` chosen
    /// for `t`, and the replay start.
    fn brute_sets(sets: &[BackupSetFile], dest: i64, t: Scn) -> (Vec<i64>, Option<Scn>) {
        let mut mine: Vec<&BackupSetFile> = sets.iter().filter(|s| s.dest_id == dest).collect();
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
        (chosen, start)
    }

    /// `get_piece_paths_in_range`, line by line: the pieces read, when they reach `t`.
    fn walk(pieces: &[ArchivePiece], dest: i64, start: Scn, t: Scn) -> Option<Vec<(i64, i64, i64)>> {
        let mut list: Vec<&ArchivePiece> = pieces.iter().filter(|p| p.dest_id == dest).collect();
        list.sort_by_key(|p| (p.round_id, p.piece_id));
        match list.iter().rposition(|p| p.checkpoint_scn > p.start_scn) {
            Some(i) => list.truncate(i + 1),
            None => return None,
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
                None => return None,
                Some(p) if p.end_scn != c.start_scn => run.clear(),
                Some(_) => {
                    run.push(c);
                    i += 1;
                }
            }
        }
        run.last()
            .is_some_and(|p| p.checkpoint_scn >= t)
            .then(|| run.iter().map(|p| (p.dest_id, p.round_id, p.piece_id)).collect())
    }

    fn arb_case() -> impl Strategy<Value = (Vec<BackupSetFile>, Vec<ArchivePiece>)> {
        // Pieces laid end to end per destination, some with a gap before them, some
        // archived short of their end, some lost, and some starting a new round before the
        // last piece of the stopped one would have ended (past its checkpoint, as OceanBase
        // leaves a stopped round's last piece its planned END_SCN).
        let shape = (0u64..3, 0u64..3, 1u64..10, 0u64..3, 0u8..4, 2i64..4);
        let pieces = prop::collection::vec(shape, 0..14).prop_map(|v| {
            // Per destination: the last piece's (start, end, checkpoint).
            let mut at = std::collections::BTreeMap::<i64, (u64, u64, u64)>::new();
            v.into_iter()
                .enumerate()
                .map(|(i, (gap, back, len, short, kind, dest))| {
                    let (prev_start, prev_end, prev_checkpoint) = at.get(&dest).copied().unwrap_or_default();
                    let start = if gap > 0 {
                        prev_end + gap
                    } else {
                        prev_end.saturating_sub(back).max(prev_checkpoint).max(prev_start)
                    };
                    let end = (start + len).max(prev_end);
                    let checkpoint = end - short.min(end - start);
                    at.insert(dest, (start, end, checkpoint));
                    let mut p = piece_to(i as i64 + 1, start, end, checkpoint);
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
        fn the_basis_makes_the_window_and_is_what_the_walk_reads(case in arb_case()) {
            let (sets, pieces) = case;
            let v4: ObVersion = "4.2.1".parse().unwrap();
            let basis = window_basis(Some(&v4), &sets, &pieces);
            let mut ranges: Vec<ScnRange> = basis.iter().map(|b| b.range).collect();
            prop_assert!(ranges.is_sorted(), "ascending: {:?}", ranges);
            prop_assert_eq!(merge(&mut ranges), tenant_window(Some(&v4), &sets, &pieces));
            for b in &basis {
                // The same sets are chosen across the stretch; its end is reached by the
                // walk's own run of pieces from the replay start.
                for t in [b.range.start, b.range.end] {
                    let (chosen, start) = brute_sets(&sets, b.data_dest, t);
                    prop_assert_eq!(&chosen, &b.sets, "t = {}, {:?}", t.0, b);
                    let start = start.unwrap();
                    prop_assert!(start < b.range.start, "{:?}", b);
                    if t == b.range.end {
                        let read = walk(&pieces, b.archive_dest, start, t);
                        prop_assert_eq!(read.as_ref(), Some(&b.pieces), "{:?}", b);
                    }
                }
            }

            let v3: ObVersion = "3.2.4".parse().unwrap();
            let basis = window_basis(Some(&v3), &sets, &pieces);
            let mut ranges: Vec<ScnRange> = basis.iter().map(|b| b.range).collect();
            prop_assert!(ranges.is_sorted(), "ascending: {:?}", ranges);
            prop_assert_eq!(merge(&mut ranges), tenant_window(Some(&v3), &sets, &pieces));
            for b in &basis {
                let chain: Vec<&BackupSetFile> = b
                    .sets
                    .iter()
                    .map(|id| sets.iter().find(|s| s.backup_set_id == *id && usable_file(s)).unwrap())
                    .collect();
                prop_assert_eq!(&chain[0].backup_type, &BackupType::Full);
                for w in chain.windows(2) {
                    prop_assert_eq!(w[1].prev_inc_backup_set_id, w[0].backup_set_id);
                }
                let snapshot = chain[chain.len() - 1].min_restore_scn;
                prop_assert_eq!(b.range.start, snapshot);
                for key in &b.pieces {
                    let p = pieces.iter().find(|p| (p.dest_id, p.round_id, p.piece_id) == *key).unwrap();
                    prop_assert!(p.start_scn <= snapshot && snapshot <= p.checkpoint_scn, "{:?} does not hold {:?}", p, b);
                }
                // Past the snapshot, a round holding it carries the restore to the end.
                if b.range.end > snapshot {
                    let reach = b.pieces.iter().map(|k| pieces.iter().find(|p| (p.dest_id, p.round_id, p.piece_id) == *k).unwrap().checkpoint_scn).max();
                    prop_assert!(reach >= Some(b.range.end), "{:?}", b);
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
