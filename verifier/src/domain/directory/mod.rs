//! The opt-in talent directory (issue #23, item 6). Nothing is listed without the person's own
//! answer: the page's standing "publish my profile" request is a talent profile request whose
//! consent text and period travel in the signed request (`client_metadata.purpose`), so the
//! wallet shows them before sending (`publish`). A verified answer publishes the profile's
//! verified skill lines for a set number of days; managers with a `directory` token search them
//! by skill, family, level and recency of assignments, best match on verified skills first
//! (`search`); the person withdraws with a presentation signed by the same holder key on a fresh
//! challenge, which deletes everything at once (`withdraw`); statuses are read again at least
//! daily and when a profile is shown, and a revoked, suspended or expired credential leaves the
//! results (`recheck`).

pub mod publish;
pub mod recheck;
pub mod search;
pub mod withdraw;

/// How long a profile stays published unless the service says otherwise (`--directory-days`).
pub const DEFAULT_DAYS: u32 = 90;

/// Who the standing publish requests are recorded as created by.
pub const CREATOR: &str = "directory";

/// A level's rank in the directory's rows (1 beginner … 4 expert).
pub fn level_rank(level: schemas::Level) -> i64 {
    match level {
        schemas::Level::Beginner => 1,
        schemas::Level::Intermediate => 2,
        schemas::Level::Advanced => 3,
        schemas::Level::Expert => 4,
    }
}
