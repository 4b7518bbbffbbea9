//! What every verification starts from: the verifier's fixed dependencies, the policies of one
//! request, and the one entry point that sends each kind of input to its own checks.

use std::sync::Arc;

use super::checks::check;
use crate::clock::Clock;
use crate::contexts::ContextSet;
use crate::did::DidResolver;
use crate::error::{InputError, ProofError};
use crate::input::{self, Parsed};
use crate::report::{CheckKind, DocumentKind, Report};
use crate::status::StatusLists;

/// What a presentation must answer (this verifier's challenge and domain), and the time policies
/// of one request: how old a presentation may be, and how far the issuer's and holder's clocks
/// may be from ours.
#[derive(Debug, Clone, Default)]
pub struct PresentationOptions {
    pub challenge: Option<String>,
    pub domain: Option<String>,
    /// A presentation signed longer ago than this (proof `created`, JWT `iat`) is refused; `None`
    /// does not check its age.
    pub max_age: Option<std::time::Duration>,
    /// Tolerance on validity dates and on the presentation's signing time.
    pub clock_skew: std::time::Duration,
    /// Whether the presentation's signer must be the subject of every credential it carries.
    pub holder_binding: HolderBinding,
    /// Whether a Data Integrity presentation made to be kept for one audience (a proof naming a
    /// `domain` and an `expires`: a talent profile file) fails when no `domain` is expected here
    /// (`audience_not_given`), instead of its binding going unchecked: such a file is not
    /// verified by someone who does not say who they are. A presentation answering a request
    /// (no `expires`) is bound by its challenge, and keeps "not applicable" without one.
    pub audience_required: bool,
}

/// Whether a presentation's signer must be the subject of every credential inside. VCDM 2.0
/// allows a holder who is not the subject ("Subject-Holder Relationships": a parent presenting
/// a child's credential, an employee a company's), so this is a policy of the request: our
/// OpenID4VP flows ask for it, a VC-API caller need not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HolderBinding {
    /// The holder binding check fails when a credential's subject is not the presenter.
    #[default]
    Required,
    /// The presenter may present others' credentials: the check is reported as not applicable.
    NotRequired,
}

/// Everything verification depends on, fixed once: bundled contexts, a DID resolver and a clock.
#[derive(Clone)]
pub struct Verifier {
    pub contexts: ContextSet,
    pub resolver: Arc<dyn DidResolver>,
    pub clock: Arc<dyn Clock>,
    /// Where status lists are read; `None` offline (status is then "not checked").
    pub status: Option<Arc<StatusLists>>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier").field("contexts", &self.contexts).finish_non_exhaustive()
    }
}

impl Verifier {
    pub fn new(contexts: ContextSet, resolver: Arc<dyn DidResolver>, clock: Arc<dyn Clock>) -> Self {
        Self { contexts, resolver, clock, status: None }
    }

    /// Checks revocation and suspension through these status lists.
    pub fn with_status(mut self, lists: Arc<StatusLists>) -> Self {
        self.status = Some(lists);
        self
    }

    /// Reads and verifies one input. `Err` only when the bytes are not a credential,
    /// presentation or JWT at all (the caller's input error).
    pub fn verify_bytes(&self, bytes: &[u8], options: &PresentationOptions) -> Result<Report, InputError> {
        Ok(self.verify(input::parse(bytes)?, options))
    }

    pub fn verify(&self, parsed: Parsed, options: &PresentationOptions) -> Report {
        let mut report = self.verify_any(parsed, options);
        let answered = report.document == DocumentKind::Presentation;
        if !answered && (options.challenge.is_some() || options.domain.is_some()) {
            report.checks.push(check(CheckKind::Challenge, Err(ProofError::PresentationRequired.into())));
        }
        report
    }

    fn verify_any(&self, parsed: Parsed, options: &PresentationOptions) -> Report {
        match parsed {
            Parsed::Credential(value) => {
                let mut report = self.credential_json(&value, options);
                report.content = Some(value);
                report
            }
            Parsed::Presentation(value) => self.presentation_json(&value, options),
            Parsed::Jwt(compact) => self.jwt(&compact, options),
            Parsed::SdJwt(text) => self.sd_jwt(&text, options),
        }
    }
}
