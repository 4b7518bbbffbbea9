//! The page a hiring manager uses in a browser, at `/`, in English or French: paste or drop a
//! credential, presentation or JWT and read the result check by check; or ask a person for a
//! credential (OpenID4VP) with a QR code and a link, and see the answer arrive.
//!
//! Server-rendered HTML (maud escapes every value) that works without JavaScript; one small
//! script adds file drop, focus on the result and polling for an answer. The Content-Security-
//! Policy allows only this origin's own script and style: no inline code, no third party. What is
//! pasted is verified in memory and never stored or logged. A request started from the page is
//! readable only through its own link (an unguessable key), not the requesting-party API token.
//! Starting one asks wallets for credentials in this verifier's name, so the page's form asks for
//! the service's API token too (`verifier serve` always has one): otherwise anyone reaching the
//! page could send people requests that their wallet shows as coming from this employer.

pub mod ask;
pub mod check;
pub mod figures_page;
pub mod forms;
pub mod home;
pub mod line;
pub mod outcome;
pub mod page;
pub mod profile_actions;
pub mod profile_form;
pub mod profile_page;
pub mod routes;
