//! The time, injected: operations stamp their journal with it and the
//! scheduler sleeps by it, so tests run on a manual or paused clock.

use std::time::{SystemTime, UNIX_EPOCH};

use desk_model::UtcMicros;

/// Where the engine reads the time.
pub trait Clock: Send + Sync {
    fn now(&self) -> UtcMicros;
}

/// The system clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> UtcMicros {
        let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        UtcMicros(i64::try_from(since.as_micros()).unwrap_or(i64::MAX))
    }
}

/// The runtime's monotonic clock mapped onto UTC from a starting instant; on
/// paused time (tests) it moves only as the runtime advances it.
pub struct RuntimeClock {
    origin: tokio::time::Instant,
    at: UtcMicros,
}

impl RuntimeClock {
    pub fn starting_at(at: UtcMicros) -> Self {
        Self {
            origin: tokio::time::Instant::now(),
            at,
        }
    }
}

impl Clock for RuntimeClock {
    fn now(&self) -> UtcMicros {
        let elapsed = tokio::time::Instant::now().duration_since(self.origin);
        UtcMicros(self.at.0 + i64::try_from(elapsed.as_micros()).unwrap_or(i64::MAX))
    }
}
