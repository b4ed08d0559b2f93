//! The page's 7-day statistical periods: what of the recoverable window, which
//! backup points, and where the log checkpoint fall into one period.
//!
//! Period 0 is the latest: the 7 days ending now. Period k ends k weeks
//! earlier. There is no period after 0 (no moving into the future).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::backup::{BackupSetFile, Scn};
use crate::status::BackupType;
use crate::window::{usable_sets, ScnRange};
use crate::UtcMicros;

pub const PERIOD_DAYS: i64 = 7;
const DAY_MICROS: i64 = 86_400_000_000;

/// A full or incremental data backup, as a marker on the period's chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupPoint {
    #[ts(type = "number")]
    pub backup_set_id: i64,
    pub backup_type: BackupType,
    /// When the set finished.
    pub at: UtcMicros,
    /// From this instant on the set can be restored.
    pub restorable_from: Option<UtcMicros>,
    #[ts(type = "number")]
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoverableRange {
    pub start: UtcMicros,
    pub end: UtcMicros,
}

/// One statistical period, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeriodView {
    /// How many periods back from the latest (0 = latest).
    pub index: u32,
    pub start: UtcMicros,
    pub end: UtcMicros,
    /// The recoverable window clipped to the period; the spaces between are gaps.
    pub ranges: Vec<RecoverableRange>,
    /// Usable backup sets that finished in the period, in time order.
    pub points: Vec<BackupPoint>,
    /// The log backup checkpoint, when it falls in the period.
    pub log_checkpoint: Option<UtcMicros>,
    /// Whether an older period holds anything (the `<` button).
    pub has_earlier: bool,
}

/// The bounds `[start, end]` of period `index`, ending `index` weeks before `now`.
pub fn period_bounds(now: UtcMicros, index: u32) -> (UtcMicros, UtcMicros) {
    // Saturating: an index far past any history is a period long before it, not a panic.
    let end = now
        .0
        .saturating_sub((index as i64).saturating_mul(PERIOD_DAYS * DAY_MICROS));
    (UtcMicros(end.saturating_sub(PERIOD_DAYS * DAY_MICROS)), UtcMicros(end))
}

fn micros(scn: Scn) -> Option<UtcMicros> {
    scn.to_micros()
}

pub fn period_view(
    window: &[ScnRange],
    sets: &[BackupSetFile],
    log_checkpoint: Option<Scn>,
    now: UtcMicros,
    index: u32,
) -> PeriodView {
    let (start, end) = period_bounds(now, index);
    let ranges = window
        .iter()
        .filter_map(|r| {
            let (a, b) = (micros(r.start)?, micros(r.end)?);
            let (a, b) = (a.max(start), b.min(end));
            (a <= b).then_some(RecoverableRange { start: a, end: b })
        })
        .collect();
    let usable = usable_sets(sets);
    let mut points: Vec<BackupPoint> = usable
        .iter()
        .filter_map(|s| {
            let at = s.end.or_else(|| micros(s.min_restore_scn))?;
            (start <= at && at <= end).then(|| BackupPoint {
                backup_set_id: s.backup_set_id,
                backup_type: s.backup_type.clone(),
                at,
                restorable_from: micros(s.min_restore_scn),
                bytes: s.output_bytes,
            })
        })
        .collect();
    points.sort_by_key(|p| (p.at, p.backup_set_id));
    let earliest_data = window
        .iter()
        .filter_map(|r| micros(r.start))
        .chain(
            usable
                .iter()
                .filter_map(|s| s.end.or_else(|| micros(s.min_restore_scn))),
        )
        .min();
    PeriodView {
        index,
        start,
        end,
        ranges,
        points,
        log_checkpoint: log_checkpoint.and_then(micros).filter(|c| start <= *c && *c <= end),
        has_earlier: earliest_data.is_some_and(|e| e < start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::Scn;
    use crate::status::{BackupSetStatus, FileStatus};

    const DAY: i64 = DAY_MICROS;
    const NOW: UtcMicros = UtcMicros(1_795_132_800_000_000); // 2026-11-20 00:00 UTC

    fn scn(t: i64) -> Scn {
        Scn::from_micros(UtcMicros(t))
    }

    fn full(id: i64, end: i64) -> BackupSetFile {
        BackupSetFile {
            tenant_id: 1002,
            backup_set_id: id,
            backup_type: BackupType::Full,
            dest_id: 0,
            prev_full_backup_set_id: 0,
            prev_inc_backup_set_id: 0,
            start: Some(UtcMicros(end - 3_600_000_000)),
            end: Some(UtcMicros(end)),
            status: BackupSetStatus::Success,
            file_status: FileStatus::Available,
            plus_archivelog: false,
            start_replay_scn: scn(end - 3_600_000_000),
            min_restore_scn: scn(end),
            input_bytes: 10,
            output_bytes: 5,
            path: String::new(),
            cluster_version: String::new(),
        }
    }

    #[test]
    fn the_latest_period_ends_now_and_earlier_ones_step_back_a_week() {
        assert_eq!(period_bounds(NOW, 0), (UtcMicros(NOW.0 - 7 * DAY), NOW));
        assert_eq!(
            period_bounds(NOW, 2),
            (UtcMicros(NOW.0 - 21 * DAY), UtcMicros(NOW.0 - 14 * DAY))
        );
        // An index far past any history is an empty period long before it, not a panic.
        let (start, end) = period_bounds(NOW, u32::MAX);
        assert!(start <= end && end < NOW);
        let far = period_view(&[], &[], None, NOW, u32::MAX);
        assert!(far.ranges.is_empty() && far.points.is_empty() && !far.has_earlier);
    }

    #[test]
    fn ranges_are_clipped_points_and_checkpoint_fall_in_their_period() {
        let window = [
            ScnRange {
                start: scn(NOW.0 - 10 * DAY),
                end: scn(NOW.0 - 5 * DAY),
            },
            ScnRange {
                start: scn(NOW.0 - 4 * DAY),
                end: scn(NOW.0 - 60_000_000),
            },
        ];
        let sets = [full(1, NOW.0 - 10 * DAY), full(2, NOW.0 - 4 * DAY)];
        let latest = period_view(&window, &sets, Some(scn(NOW.0 - 60_000_000)), NOW, 0);
        assert_eq!(
            latest.ranges,
            [
                RecoverableRange {
                    start: UtcMicros(NOW.0 - 7 * DAY),
                    end: UtcMicros(NOW.0 - 5 * DAY)
                },
                RecoverableRange {
                    start: UtcMicros(NOW.0 - 4 * DAY),
                    end: UtcMicros(NOW.0 - 60_000_000)
                },
            ],
            "the gap between day -5 and day -4 stays visible"
        );
        assert_eq!(latest.points.iter().map(|p| p.backup_set_id).collect::<Vec<_>>(), [2]);
        assert_eq!(latest.log_checkpoint, Some(UtcMicros(NOW.0 - 60_000_000)));
        assert!(latest.has_earlier);

        let earlier = period_view(&window, &sets, Some(scn(NOW.0 - 60_000_000)), NOW, 1);
        assert_eq!(earlier.points.iter().map(|p| p.backup_set_id).collect::<Vec<_>>(), [1]);
        assert_eq!(earlier.log_checkpoint, None);
        assert!(!earlier.has_earlier, "nothing before day -14");
    }

    #[test]
    fn an_empty_history_has_no_earlier_period() {
        let v = period_view(&[], &[], None, NOW, 0);
        assert!(v.ranges.is_empty() && v.points.is_empty() && !v.has_earlier);
    }
}
