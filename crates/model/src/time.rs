//! Instants as stored: UTC microseconds since the Unix epoch.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A UTC instant in microseconds since the Unix epoch.
///
/// Microseconds because OceanBase restore points are microsecond-precise; an
/// `i64` covers ±292,000 years and fits a JavaScript number exactly up to
/// year 2255, far beyond any backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "number")]
pub struct UtcMicros(pub i64);

impl UtcMicros {
    /// The earliest time a user can type: 1970-01-01T00:00:00Z (an SCN counts from it).
    pub const TYPED_MIN: UtcMicros = UtcMicros(0);
    /// The first time a user cannot type: 2100-01-01T00:00:00Z. An SCN holds nanoseconds up
    /// to 2116 (`Scn::MAX_VALID`), and a JavaScript number holds these microseconds exactly.
    pub const TYPED_END: UtcMicros = UtcMicros(4_102_444_800_000_000);

    /// A time the user typed, checked against the one range every door accepts; the
    /// error names `field`.
    pub fn typed(self, field: &'static str) -> Result<UtcMicros, crate::InvalidInput> {
        if (Self::TYPED_MIN..Self::TYPED_END).contains(&self) {
            return Ok(self);
        }
        Err(crate::InvalidInput::new(
            field,
            crate::words!(
                "must be between 1970-01-01 and 2099-12-31 (UTC)",
                "必须在 1970-01-01 到 2099-12-31（UTC）之间"
            ),
        ))
    }

    /// A `from`..`to` filter the user chose: each end typed, and `to` not before `from`.
    pub fn typed_span(from: Option<UtcMicros>, to: Option<UtcMicros>) -> Result<(), crate::InvalidInput> {
        let from = from.map(|t| t.typed("from")).transpose()?;
        let to = to.map(|t| t.typed("to")).transpose()?;
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                return Err(crate::InvalidInput::new(
                    "to",
                    crate::words!("must not be before the start of the range", "不能早于起始时间"),
                ));
            }
        }
        Ok(())
    }

    pub const fn from_secs(secs: i64) -> Self {
        Self(secs * 1_000_000)
    }

    pub const fn as_secs(self) -> i64 {
        self.0.div_euclid(1_000_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::Scn;

    #[test]
    fn a_typed_time_is_refused_outside_what_an_scn_holds_naming_its_field() {
        assert_eq!(UtcMicros(0).typed("until"), Ok(UtcMicros(0)));
        let last = UtcMicros(UtcMicros::TYPED_END.0 - 1);
        assert_eq!(last.typed("until"), Ok(last));
        assert!(
            Scn::from_micros(last).0 < Scn::MAX_VALID,
            "the last typed time is a valid SCN"
        );
        for bad in [UtcMicros(-1), UtcMicros::TYPED_END, UtcMicros(i64::MAX)] {
            assert_eq!(bad.typed("until").unwrap_err().field, "until");
        }
    }

    #[test]
    fn any_instant_converts_to_an_scn_without_wrapping() {
        for t in [
            i64::MIN,
            -1,
            0,
            UtcMicros::TYPED_END.0,
            253_402_300_799_000_000,
            i64::MAX,
        ] {
            let scn = Scn::from_micros(UtcMicros(t));
            assert!(scn.0 < Scn::MAX_VALID, "{t}");
        }
        // Later instants never map below earlier ones.
        assert!(Scn::from_micros(UtcMicros(i64::MAX)) >= Scn::from_micros(UtcMicros::TYPED_END));
    }
}
