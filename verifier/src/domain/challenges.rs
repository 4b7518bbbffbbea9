//! Single-use challenges: a presentation answers one challenge of ours, once, within its
//! lifetime, so a presentation seen elsewhere cannot be replayed here. The table is bounded: a
//! challenge handed out but not stored could never be answered, so none is handed out when full.
//!
//! A VC-API caller may also bring its own challenge (VC-API `VerifyPresentationOptions`:
//! "challenge: A challenge provided by the requesting party of the proof"): the presentation is
//! checked against it, and keeping it from being used twice is the caller's part. Ours are told
//! apart by their form (`ch-` and 32 hexadecimal digits), so that one of ours that was used,
//! expired or forgotten at a restart is refused, never taken for a caller's.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::domain::ids::random_id;

/// How long a challenge may be answered.
pub const CHALLENGE_LIFETIME: Duration = Duration::from_secs(300);
const MAX_OPEN_CHALLENGES: usize = 100_000;
/// What every challenge of ours starts with.
const PREFIX: &str = "ch-";

/// Challenges issued and not yet used, with when they expire.
#[derive(Debug, Default)]
pub struct Challenges {
    open: Mutex<HashMap<String, Instant>>,
}

impl Challenges {
    /// A new single-use challenge, or `None` when [`MAX_OPEN_CHALLENGES`] are open.
    pub fn issue(&self) -> Option<String> {
        let challenge = random_id(PREFIX);
        let mut open = self.open.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        if open.len() >= MAX_OPEN_CHALLENGES {
            open.retain(|_, expires| *expires > now);
        }
        if open.len() >= MAX_OPEN_CHALLENGES {
            return None;
        }
        open.insert(challenge.clone(), now + CHALLENGE_LIFETIME);
        Some(challenge)
    }

    /// Whether `challenge` has the form of the challenges this service hands out (which must
    /// then be open to be answered); any other is the caller's own.
    pub fn is_ours(challenge: &str) -> bool {
        challenge.strip_prefix(PREFIX).is_some_and(|digits| {
            digits.len() == 32 && digits.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
    }

    /// Uses a challenge once: `Err` (code) when it was not issued here, expired, or was used.
    pub fn consume(&self, challenge: &str) -> Result<(), &'static str> {
        let mut open = self.open.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match open.remove(challenge) {
            Some(expires) if expires > Instant::now() => Ok(()),
            Some(_) => Err("challenge_expired"),
            None => Err("challenge_unknown_or_used"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ours_are_told_apart_by_their_form() {
        let challenges = Challenges::default();
        let ours = challenges.issue().unwrap();
        assert!(Challenges::is_ours(&ours), "{ours}");
        assert!(Challenges::is_ours("ch-0123456789abcdef0123456789abcdef"), "used, expired or from before a restart");
        for theirs in ["d436f0c8-fbd9-4e48-bbb2-55fc5d0920a8", "ch-1", "ch-0123456789ABCDEF0123456789ABCDEF", ""] {
            assert!(!Challenges::is_ours(theirs), "{theirs}");
        }
        assert_eq!(challenges.consume(&ours), Ok(()));
        assert_eq!(challenges.consume(&ours), Err("challenge_unknown_or_used"));
    }
}
