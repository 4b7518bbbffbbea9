//! Single-use challenges: a presentation answers one challenge of ours, once, within its
//! lifetime, so a presentation seen elsewhere cannot be replayed here. The table is bounded: a
//! challenge handed out but not stored could never be answered, so none is handed out when full.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::domain::ids::random_id;

/// How long a challenge may be answered.
pub const CHALLENGE_LIFETIME: Duration = Duration::from_secs(300);
const MAX_OPEN_CHALLENGES: usize = 100_000;

/// Challenges issued and not yet used, with when they expire.
#[derive(Debug, Default)]
pub struct Challenges {
    open: Mutex<HashMap<String, Instant>>,
}

impl Challenges {
    /// A new single-use challenge, or `None` when [`MAX_OPEN_CHALLENGES`] are open.
    pub fn issue(&self) -> Option<String> {
        let challenge = random_id("ch-");
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
