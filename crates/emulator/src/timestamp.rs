//! Conversions between UTC microseconds, SCNs, and the text forms OceanBase shows.
//!
//! Times are stored in the views as UTC `YYYY-MM-DD HH:MM:SS.ffffff`; an SCN is nanoseconds
//! since the Unix epoch.

use chrono::{DateTime, NaiveDateTime};

pub const SECOND: i64 = 1_000_000;
pub const MINUTE: i64 = 60 * SECOND;
pub const HOUR: i64 = 60 * MINUTE;
pub const DAY: i64 = 24 * HOUR;

/// The SCN OceanBase shows for "no limit" (e.g. RECOVERY_UNTIL_SCN of a primary).
pub const MAX_SCN: i64 = 4_611_686_018_427_387_903;

pub fn scn(micros: i64) -> i64 {
    micros.saturating_mul(1000)
}

pub fn micros_of_scn(scn: i64) -> i64 {
    scn / 1000
}

/// UTC text with microseconds.
pub fn utc_text(micros: i64) -> String {
    shifted_text(micros, 0)
}

/// The time as seen at UTC offset `offset_secs`.
pub fn shifted_text(micros: i64, offset_secs: i32) -> String {
    let shifted = micros.saturating_add(i64::from(offset_secs) * SECOND);
    match DateTime::from_timestamp_micros(shifted) {
        Some(t) => t.naive_utc().format("%Y-%m-%d %H:%M:%S%.6f").to_string(),
        None => "0000-00-00 00:00:00.000000".to_string(),
    }
}

/// Parses `YYYY-MM-DD[ HH:MM:SS[.f]]` as a wall time; returns its microseconds as if UTC.
pub fn parse_wall_time(text: &str) -> Option<i64> {
    let text = text.trim();
    let parsed = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S"))
        .or_else(|_| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default())
        })
        .ok()?;
    Some(parsed.and_utc().timestamp_micros())
}

/// Re-renders a stored UTC time text at `offset_secs`; `None` if it is no time.
pub fn shift_stored_text(text: &str, offset_secs: i32) -> Option<String> {
    if text.len() < 19 || text.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    let micros = parse_wall_time(text)?;
    let shifted = shifted_text(micros, offset_secs);
    // Keep the precision the value was stored with (`END_TIMESTAMP` has none sometimes).
    Some(if text.len() == 19 {
        shifted[..19].to_string()
    } else {
        shifted
    })
}

/// A session `time_zone` value as seconds east of UTC.
///
/// Offsets (`+08:00`, `-5:30`) and a few named zones are understood; named zones use their
/// standard offset (no daylight saving), which is what the emulator documents.
pub fn time_zone_offset(zone: &str) -> Option<i32> {
    let zone = zone.trim();
    if let Some(sign) = zone.chars().next().filter(|c| *c == '+' || *c == '-') {
        let (hours, minutes) = zone[1..].split_once(':')?;
        let hours: i32 = hours.parse().ok()?;
        let minutes: i32 = minutes.parse().ok()?;
        if !(0..60).contains(&minutes) || !(0..=14).contains(&hours) {
            return None;
        }
        let total = hours * 3600 + minutes * 60;
        let total = if sign == '-' { -total } else { total };
        return (-(13 * 3600 + 59 * 60)..=14 * 3600).contains(&total).then_some(total);
    }
    let named: &[(&str, i32)] = &[
        ("SYSTEM", 0),
        ("UTC", 0),
        ("GMT", 0),
        ("Etc/UTC", 0),
        ("Universal", 0),
        ("Asia/Shanghai", 8 * 3600),
        ("Asia/Chongqing", 8 * 3600),
        ("PRC", 8 * 3600),
        ("Asia/Hong_Kong", 8 * 3600),
        ("Asia/Taipei", 8 * 3600),
        ("Asia/Singapore", 8 * 3600),
        ("Asia/Tokyo", 9 * 3600),
        ("Asia/Seoul", 9 * 3600),
        ("Asia/Kolkata", 5 * 3600 + 1800),
    ];
    named
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(zone))
        .map(|(_, offset)| *offset)
}

/// `1d`, `12h`, `30m`, `7d`, `1w` as microseconds.
pub fn parse_interval(text: &str) -> Option<i64> {
    let text = text.trim().to_ascii_lowercase();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let number: i64 = number.parse().ok()?;
    let unit = match unit {
        "s" => SECOND,
        "m" => MINUTE,
        "h" => HOUR,
        "d" => DAY,
        "w" => 7 * DAY,
        _ => return None,
    };
    (number > 0).then(|| number.saturating_mul(unit))
}

/// `4G`, `512M`, `2147483648` as bytes.
pub fn parse_capacity(text: &str) -> Option<u64> {
    let text = text.trim().to_ascii_uppercase();
    let text = text.strip_suffix('B').unwrap_or(&text);
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let unit: u64 = match unit {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        "T" => 1 << 40,
        _ => return None,
    };
    number.checked_mul(unit)
}

/// OceanBase's `*_BYTES_DISPLAY` form: `0.00MB`, `220.14GB`.
pub fn bytes_display(bytes: i64) -> String {
    let bytes = bytes.max(0) as f64;
    let (value, unit) = if bytes >= (1u64 << 40) as f64 {
        (bytes / (1u64 << 40) as f64, "TB")
    } else if bytes >= (1u64 << 30) as f64 {
        (bytes / (1u64 << 30) as f64, "GB")
    } else {
        (bytes / (1u64 << 20) as f64, "MB")
    };
    format!("{value:.2}{unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_and_shifts() {
        let t = parse_wall_time("2025-06-01 02:00:00.000001").expect("parses");
        assert_eq!(utc_text(t), "2025-06-01 02:00:00.000001");
        assert_eq!(shifted_text(t, 8 * 3600), "2025-06-01 10:00:00.000001");
        assert_eq!(
            shift_stored_text("2025-06-01 20:00:00", 8 * 3600).as_deref(),
            Some("2025-06-02 04:00:00")
        );
        assert_eq!(shift_stored_text("DOING", 3600), None);
    }

    #[test]
    fn zones_intervals_and_capacities() {
        assert_eq!(time_zone_offset("+08:00"), Some(28_800));
        assert_eq!(time_zone_offset("-5:30"), Some(-19_800));
        assert_eq!(time_zone_offset("Asia/Shanghai"), Some(28_800));
        assert_eq!(time_zone_offset("+25:00"), None);
        assert_eq!(time_zone_offset("Mars/Olympus"), None);
        assert_eq!(parse_interval("1d"), Some(DAY));
        assert_eq!(parse_interval("7d"), Some(7 * DAY));
        assert_eq!(parse_interval("x"), None);
        assert_eq!(parse_capacity("4G"), Some(4 << 30));
        assert_eq!(parse_capacity("512MB"), Some(512 << 20));
        assert_eq!(bytes_display(0), "0.00MB");
        assert_eq!(bytes_display(3 << 30), "3.00GB");
    }
}
