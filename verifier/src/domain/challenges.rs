//! Single-use challenges: a presentation answers one challenge of ours, once, within its
//! lifetime, so a presentation seen elsewhere cannot be replayed here. The table is bounded: a
//! challenge handed out but not stored could never be answered, so none is handed out when full.
//!
//! A VC-API caller may also bring its own challenge (VC-API `VerifyPresentationOptions`:
//! "challenge: A challenge provided by the requesting party of the proof"): the presentation is
//! checked against it, and keeping it from being used twice is the caller's part. Ours are told
//! apart by their form (`ch-` and 32 hexadecimal digits), so that one of ours that was used,
//! expired or forgotten at a restart is refused, never taken for a caller's.

use std::time::Duration;

use crate::domain::ids::random_id;

/// How long a challenge may be answered.
pub const CHALLENGE_LIFETIME: Duration = Duration::from_secs(300);
/// What every challenge of ours starts with.
const PREFIX: &str = "ch-";

/// The form of the challenges of this service (they are stored, see `store::challenges`).
#[derive(Debug)]
pub struct Challenges;

/// [`CHALLENGE_LIFETIME`] in seconds.
pub fn lifetime_seconds() -> i64 {
    i64::try_from(CHALLENGE_LIFETIME.as_secs()).unwrap_or(300)
}

impl Challenges {
    /// A new challenge of ours.
    pub fn new_challenge() -> String {
        random_id(PREFIX)
    }

    /// Whether `challenge` has the form of the challenges this service hands out (which must
    /// then be open to be answered); any other is the caller's own.
    pub fn is_ours(challenge: &str) -> bool {
        challenge.strip_prefix(PREFIX).is_some_and(|digits| {
            digits.len() == 32 && digits.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn ours_are_told_apart_by_their_form_and_used_once() {
        let store = crate::store::Store::memory();
        let ours = Challenges::new_challenge();
        store.insert_challenge(&ours, 1_000).await.unwrap();
        assert!(Challenges::is_ours(&ours), "{ours}");
        assert!(Challenges::is_ours("ch-0123456789abcdef0123456789abcdef"), "used, expired or from before a restart");
        for theirs in ["d436f0c8-fbd9-4e48-bbb2-55fc5d0920a8", "ch-1", "ch-0123456789ABCDEF0123456789ABCDEF", ""] {
            assert!(!Challenges::is_ours(theirs), "{theirs}");
        }
        assert_eq!(store.consume_challenge(&ours, 10).await.unwrap(), Ok(()));
        assert_eq!(store.consume_challenge(&ours, 10).await.unwrap(), Err("challenge_unknown_or_used"));
        let late = Challenges::new_challenge();
        store.insert_challenge(&late, 1_000).await.unwrap();
        assert_eq!(store.open_challenges(999).await.unwrap(), 1);
        assert_eq!(store.consume_challenge(&late, 1_000).await.unwrap(), Err("challenge_expired"));
        // Expired challenges go at the next purge; open ones stay.
        store.insert_challenge("ch-old", 2_000).await.unwrap();
        store.insert_challenge("ch-new", 9_000).await.unwrap();
        assert_eq!(store.purge(2_000).await.unwrap(), (0, 1));
        assert_eq!(store.counts().await.unwrap(), (0, 1));
        assert!(store.challenge_open("ch-new", 2_000).await.unwrap());
    }
}
