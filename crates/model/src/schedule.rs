//! A schedule's next runs, and the state of each scheduled slot.
//!
//! The time of day is local to the schedule's own zone. A local time that
//! does not exist that day (spring forward) runs at the first instant after
//! the gap; one that exists twice (fall back) runs once, at the first
//! occurrence. In a month cycle, days 29 to 31 run on a shorter month's last
//! day, and a day never runs twice: when two chosen days land on one date,
//! Full wins.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::strategy::{BackupMethod, CycleMode, Schedule};
use crate::UtcMicros;

/// One run of a schedule: the slot's instant and what runs in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScheduledRun {
    pub at: UtcMicros,
    pub method: BackupMethod,
}

/// How many runs the strategy form previews.
pub const PREVIEW_RUNS: usize = 5;

/// The next `n` runs strictly after `after`. Empty when the schedule is
/// invalid (the form refuses it before it gets here).
pub fn next_runs(schedule: &Schedule, after: UtcMicros, n: usize) -> Vec<ScheduledRun> {
    let mut out = Vec::with_capacity(n);
    if n == 0 || schedule.validate().is_err() {
        return out;
    }
    let Ok(zone) = schedule.zone() else {
        return out;
    };
    let Some(after_utc) = DateTime::from_timestamp_micros(after.0) else {
        return out;
    };
    // A day earlier: a gap can move a day's run past midnight into `after`'s date.
    let Some(mut date) = after_utc.with_timezone(&zone).date_naive().pred_opt() else {
        return out;
    };
    // Every cycle has a run at least once a month; this bounds the walk.
    let max_days = 40 * (n + 2);
    for _ in 0..max_days {
        if let Some(method) = method_on(schedule, date) {
            if let Some(at) = local_instant(&zone, date, schedule) {
                if at > after {
                    match out.last_mut() {
                        // A zone that skips a whole day can land two dates on one instant.
                        Some(last) if last.at >= at => last.method = last.method.stronger(method),
                        _ => out.push(ScheduledRun { at, method }),
                    }
                    if out.len() == n {
                        break;
                    }
                }
            }
        }
        match date.succ_opt() {
            Some(d) => date = d,
            None => break,
        }
    }
    out
}

/// What runs on `date`, if anything.
pub fn method_on(schedule: &Schedule, date: NaiveDate) -> Option<BackupMethod> {
    match schedule.mode {
        CycleMode::Week => {
            let weekday = date.weekday().number_from_monday() as u8;
            schedule.days.iter().find(|p| p.day == weekday).map(|p| p.method)
        }
        CycleMode::Month => {
            let last = last_day_of_month(date);
            schedule
                .days
                .iter()
                .filter(|p| u32::from(p.day).min(last) == date.day())
                .map(|p| p.method)
                .reduce(BackupMethod::stronger)
        }
    }
}

fn last_day_of_month(date: NaiveDate) -> u32 {
    let (y, m) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .map(|d| d.day())
        .unwrap_or(28)
}

/// The instant of the schedule's local time on `date`.
fn local_instant<Z: TimeZone>(zone: &Z, date: NaiveDate, schedule: &Schedule) -> Option<UtcMicros> {
    let t = schedule.time_of_day;
    let local: NaiveDateTime = date.and_hms_opt(t.hour().into(), t.minute().into(), 0)?;
    if let Some(at) = zone.from_local_datetime(&local).earliest() {
        return Some(UtcMicros(at.timestamp_micros()));
    }
    // In a gap: the first local minute that exists is the instant the gap ends.
    (1..=26 * 60).find_map(|m| {
        zone.from_local_datetime(&(local + Duration::minutes(m)))
            .earliest()
            .map(|at| UtcMicros(at.timestamp_micros()))
    })
}

/// The state of one scheduled slot, as the desk recorded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SlotState {
    /// Taken by a scheduler; the backup is being launched.
    Claimed,
    /// The backup was started on the cluster.
    Launched,
    /// The last launch attempt failed; retried with backoff within the grace period.
    Failed,
    /// Its time passed while the desk was closed, beyond the catch-up grace: not run.
    Missed,
    /// Deliberately not run.
    Skipped,
}

impl SlotState {
    pub const ALL: &'static [SlotState] = &[
        SlotState::Claimed,
        SlotState::Launched,
        SlotState::Failed,
        SlotState::Missed,
        SlotState::Skipped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SlotState::Claimed => "CLAIMED",
            SlotState::Launched => "LAUNCHED",
            SlotState::Failed => "FAILED",
            SlotState::Missed => "MISSED",
            SlotState::Skipped => "SKIPPED",
        }
    }

    pub fn parse(text: &str) -> Option<SlotState> {
        Self::ALL.iter().copied().find(|s| s.as_str() == text)
    }
}

/// A slot of a strategy's schedule and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SlotRun {
    pub slot_at: UtcMicros,
    pub method: BackupMethod,
    pub state: SlotState,
    pub attempts: u32,
    /// Stable code of the last failure.
    pub last_error_code: Option<String>,
    /// The last failure's message, credentials redacted.
    pub last_error: Option<crate::Words>,
    /// OceanBase's JOB_ID of the backup, when known.
    #[ts(type = "number | null")]
    pub ob_job_id: Option<i64>,
    pub updated_at: UtcMicros,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategy::{DayPlan, TimeOfDay};
    use chrono::{NaiveTime, Offset, Timelike};
    use proptest::prelude::*;

    use BackupMethod::{Full, Incremental};

    fn schedule(mode: CycleMode, days: &[(u8, BackupMethod)], time: &str, zone: &str) -> Schedule {
        Schedule {
            mode,
            days: days.iter().map(|&(day, method)| DayPlan { day, method }).collect(),
            time_of_day: TimeOfDay::parse(time).unwrap(),
            time_zone: zone.into(),
        }
    }

    fn daily(time: &str, zone: &str) -> Schedule {
        let days: Vec<(u8, BackupMethod)> = (1..=7).map(|d| (d, Full)).collect();
        schedule(CycleMode::Week, &days, time, zone)
    }

    fn utc(text: &str) -> UtcMicros {
        let dt = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap().and_utc();
        UtcMicros(dt.timestamp_micros())
    }

    /// Runs as `YYYY-MM-DD HH:MM` in UTC, with their method.
    fn shown(runs: &[ScheduledRun]) -> Vec<(String, BackupMethod)> {
        runs.iter()
            .map(|r| {
                let t = DateTime::from_timestamp_micros(r.at.0).unwrap();
                (t.format("%Y-%m-%d %H:%M").to_string(), r.method)
            })
            .collect()
    }

    fn check(s: &Schedule, after: &str, n: usize, expected: &[(&str, BackupMethod)]) {
        let got = shown(&next_runs(s, utc(after), n));
        let want: Vec<(String, BackupMethod)> = expected.iter().map(|(t, m)| (t.to_string(), *m)).collect();
        assert_eq!(got, want, "{s:?} after {after}");
    }

    #[test]
    fn berlin_spring_forward_runs_at_the_end_of_the_gap_and_fall_back_runs_once() {
        // 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET.
        let s = daily("02:30", "Europe/Berlin");
        check(
            &s,
            "2026-03-27 12:00",
            3,
            &[
                ("2026-03-28 01:30", Full), // 02:30 CET
                ("2026-03-29 01:00", Full), // 02:30 does not exist: 03:00 CEST, the gap's end
                ("2026-03-30 00:30", Full), // 02:30 CEST
            ],
        );
        check(
            &s,
            "2026-10-24 12:00",
            2,
            &[
                ("2026-10-25 00:30", Full), // first 02:30 (CEST), not the second (01:30 UTC)
                ("2026-10-26 01:30", Full), // 02:30 CET
            ],
        );
    }

    #[test]
    fn new_york_transitions_in_both_directions() {
        // 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST.
        let s = daily("02:15", "America/New_York");
        check(
            &s,
            "2026-03-07 12:00",
            2,
            &[("2026-03-08 07:00", Full), ("2026-03-09 06:15", Full)],
        );
        let s = daily("01:30", "America/New_York");
        check(
            &s,
            "2026-10-31 12:00",
            2,
            &[("2026-11-01 05:30", Full), ("2026-11-02 06:30", Full)],
        );
    }

    #[test]
    fn month_ends_run_on_the_last_day_once_and_full_wins() {
        let s = schedule(
            CycleMode::Month,
            &[(30, Incremental), (31, Full), (15, Incremental)],
            "00:00",
            "UTC",
        );
        check(
            &s,
            "2026-04-01 00:00",
            4,
            &[
                ("2026-04-15 00:00", Incremental),
                ("2026-04-30 00:00", Full), // 30 and 31 land on April 30: once, Full
                ("2026-05-15 00:00", Incremental),
                ("2026-05-30 00:00", Incremental),
            ],
        );
        let s = schedule(CycleMode::Month, &[(29, Full), (31, Incremental)], "03:00", "UTC");
        check(
            &s,
            "2026-02-01 00:00",
            3,
            &[
                ("2026-02-28 03:00", Full),
                ("2026-03-29 03:00", Full),
                ("2026-03-31 03:00", Incremental),
            ],
        );
        // A leap year's February has its 29th.
        check(
            &s,
            "2028-02-01 00:00",
            2,
            &[("2028-02-29 03:00", Full), ("2028-03-29 03:00", Full)],
        );
        let only_31 = schedule(CycleMode::Month, &[(31, Full)], "23:59", "Asia/Shanghai");
        check(
            &only_31,
            "2026-01-31 15:59",
            3,
            &[
                ("2026-02-28 15:59", Full),
                ("2026-03-31 15:59", Full),
                ("2026-04-30 15:59", Full),
            ],
        );
    }

    #[test]
    fn runs_are_strictly_after_the_given_instant_and_follow_the_weekdays() {
        // 2026-11-23 is a Monday. Shanghai is UTC+8 all year.
        let s = schedule(
            CycleMode::Week,
            &[(1, Full), (4, Incremental)],
            "02:00",
            "Asia/Shanghai",
        );
        check(
            &s,
            "2026-11-22 18:00",
            3,
            &[
                ("2026-11-25 18:00", Incremental),
                ("2026-11-29 18:00", Full),
                ("2026-12-02 18:00", Incremental),
            ],
        );
        check(&s, "2026-11-22 17:59", 1, &[("2026-11-22 18:00", Full)]);
        let invalid = schedule(CycleMode::Week, &[(1, Incremental)], "02:00", "UTC");
        assert!(next_runs(&invalid, utc("2026-11-22 00:00"), 5).is_empty());
    }

    fn zones() -> impl Strategy<Value = &'static str> {
        prop::sample::select(
            [
                "UTC",
                "Europe/Berlin",
                "America/New_York",
                "Australia/Lord_Howe",
                "Asia/Kolkata",
                "America/Santiago",
                "Pacific/Apia",
                "Asia/Shanghai",
                "America/St_Johns",
                "Africa/Casablanca",
            ]
            .to_vec(),
        )
    }

    fn days(mode: CycleMode) -> impl Strategy<Value = Vec<(u8, BackupMethod)>> {
        let max: u8 = if mode == CycleMode::Week { 7 } else { 31 };
        let len = if mode == CycleMode::Week { 7 } else { 10 };
        prop::collection::btree_map(1..=max, any::<bool>(), 1..=len).prop_map(|m| {
            let mut v: Vec<(u8, BackupMethod)> = m
                .into_iter()
                .map(|(d, full)| (d, if full { Full } else { Incremental }))
                .collect();
            v[0].1 = Full;
            v
        })
    }

    fn schedules() -> impl Strategy<Value = Schedule> {
        prop_oneof![Just(CycleMode::Week), Just(CycleMode::Month)].prop_flat_map(|mode| {
            (days(mode), 0u8..24, 0u8..60, zones()).prop_map(move |(d, h, m, z)| {
                let t = format!("{h:02}:{m:02}");
                schedule(mode, &d, &t, z)
            })
        })
    }

    proptest! {
        #[test]
        fn runs_increase_fall_on_chosen_days_at_the_local_time(
            s in schedules(),
            after in 1_577_836_800i64..2_208_988_800i64, // 2020 .. 2040
        ) {
            let zone: chrono_tz::Tz = s.time_zone.parse().unwrap();
            let after = UtcMicros::from_secs(after);
            let runs = next_runs(&s, after, 12);
            prop_assert_eq!(runs.len(), 12);
            let mut prev = after;
            let mut dates = Vec::new();
            for r in &runs {
                prop_assert!(r.at > prev, "strictly increasing");
                prev = r.at;
                let local = DateTime::from_timestamp_micros(r.at.0).unwrap().with_timezone(&zone);
                let want = NaiveTime::from_hms_opt(s.time_of_day.hour().into(), s.time_of_day.minute().into(), 0).unwrap();
                if local.time() != want {
                    // Only when the local time did not exist: the run is the gap's
                    // end, and one minute earlier was still before the gap.
                    let mut date = local.date_naive();
                    if local.time() < want { date = date.pred_opt().unwrap(); }
                    let wanted = date.and_time(want);
                    prop_assert!(zone.from_local_datetime(&wanted).earliest().is_none(), "{} is not {} and it exists", local, want);
                    let before = local - Duration::minutes(1);
                    prop_assert!(before.naive_local() < wanted, "{} is the first instant after the gap", local);
                    dates.push(date);
                } else {
                    // An ambiguous local time runs at its first occurrence.
                    let first = zone.from_local_datetime(&local.naive_local()).earliest().unwrap();
                    prop_assert_eq!(first.timestamp_micros(), r.at.0);
                    prop_assert!(method_on(&s, local.date_naive()).is_some(), "a chosen day");
                    dates.push(local.date_naive());
                }
            }
            let mut unique = dates.clone();
            unique.dedup();
            prop_assert_eq!(unique.len(), dates.len(), "one run per day");
        }
    }

    #[test]
    fn the_shown_offset_of_a_run_is_the_zone_offset_of_that_day() {
        // Sanity for the form's preview: Berlin summer runs carry +02:00.
        let s = daily("02:30", "Europe/Berlin");
        let run = next_runs(&s, utc("2026-07-01 00:00"), 1)[0];
        let zone: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
        let local = DateTime::from_timestamp_micros(run.at.0).unwrap().with_timezone(&zone);
        assert_eq!(local.offset().fix().local_minus_utc(), 7200);
        assert_eq!((local.hour(), local.minute()), (2, 30));
    }
}
