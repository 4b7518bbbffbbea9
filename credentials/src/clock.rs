//! Time is a parameter: validity checks ask a [`Clock`], so tests can pin "now" and nothing in
//! the verification path reads the wall clock behind the caller's back.

use chrono::{DateTime, Utc};

/// How far another party's clock may be from ours before its times count as wrong (validity
/// dates, status lists, presentations, request objects), unless a policy says otherwise.
pub const DEFAULT_CLOCK_SKEW: std::time::Duration = std::time::Duration::from_secs(60);

/// Source of the current time for validity checks and proof creation.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The real wall clock; the only place the workspace reads system time.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped at one instant, for tests and for reproducible verification reports.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}
