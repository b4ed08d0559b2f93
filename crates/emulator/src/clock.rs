//! Where the emulator's "now" comes from. Jobs progress on this clock, not on wall time, so
//! a test can move time by hours in a millisecond and the sandbox can run faster than life.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

/// UTC microseconds since the Unix epoch.
pub trait Clock: Send + Sync + 'static {
    fn now_micros(&self) -> i64;
}

/// Real time, `speed` times faster, starting at `start_micros`.
#[derive(Debug)]
pub struct ScaledClock {
    start_micros: i64,
    speed: f64,
    origin: Instant,
}

impl ScaledClock {
    pub fn new(start_micros: i64, speed: f64) -> Self {
        Self {
            start_micros,
            speed,
            origin: Instant::now(),
        }
    }
}

impl Clock for ScaledClock {
    fn now_micros(&self) -> i64 {
        let elapsed = self.origin.elapsed().as_secs_f64() * 1_000_000.0 * self.speed;
        self.start_micros.saturating_add(elapsed as i64)
    }
}

/// A clock that moves only when told to.
#[derive(Debug)]
pub struct ManualClock {
    now: AtomicI64,
}

impl ManualClock {
    pub fn new(start_micros: i64) -> Self {
        Self {
            now: AtomicI64::new(start_micros),
        }
    }

    pub fn advance(&self, by: Duration) {
        let micros = i64::try_from(by.as_micros()).unwrap_or(i64::MAX);
        self.now.fetch_add(micros, Ordering::SeqCst);
    }

    pub fn set(&self, micros: i64) {
        self.now.store(micros, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_micros(&self) -> i64 {
        self.now.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_told() {
        let clock = ManualClock::new(1_000);
        assert_eq!(clock.now_micros(), 1_000);
        clock.advance(Duration::from_millis(2));
        assert_eq!(clock.now_micros(), 3_000);
        clock.set(7);
        assert_eq!(clock.now_micros(), 7);
    }

    #[test]
    fn scaled_clock_runs_faster() {
        let clock = ScaledClock::new(0, 1000.0);
        std::thread::sleep(Duration::from_millis(5));
        assert!(clock.now_micros() >= 5_000_000);
    }
}
