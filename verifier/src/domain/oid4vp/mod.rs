//! The verifier end of OpenID4VP 1.0: a requesting party (an HR system, the web page) asks for
//! credentials with a DCQL query; the holder's wallet fetches the signed request by reference,
//! answers by `direct_post`, and the requesting party reads the outcome.
//!
//! Two identifiers per request keep the roles apart: the *request id* (`rid`, in the
//! `request_uri` and `response_uri`) is what the wallet sees, the *id* is what the requesting
//! party polls. A request is answerable once, until it expires; the first answer, verified or
//! not, closes it (so a captured `vp_token` cannot be replayed into it, and a replay into another
//! request fails its nonce). Requests live in memory: a restart forgets pending requests, which
//! the requesting party then creates again.

pub mod answers;
pub mod identity;
pub mod refusal;
pub mod requests;
pub mod vp_token;
