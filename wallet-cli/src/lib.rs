//! The holder's wallet. The credential belongs to the person: it is kept encrypted on their own
//! disk, read in their language, checked before it is stored, and handed to an employer as a
//! presentation the holder signs. Two layers: [`domain`] holds the rules (the store, what may be
//! kept, presentations, the OpenID4VCI and OpenID4VP exchanges) and never prints; [`cli`] reads
//! the arguments, asks, prints and exits, and depends on `domain`, never the reverse. Every check
//! goes through `credentials`, and every request through `credentials::net`.

pub mod cli;
pub mod domain;
mod i18n;
mod safe_text;
