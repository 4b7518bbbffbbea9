//! `vc+jwt` and `vp+jwt` (VC-JOSE), and VCDM 1.1's JWT encoding (a `vc` / `vp` claim): the JWS
//! is checked here, the document it carries then goes through the same credential or
//! presentation checks as JSON.

use super::checks::{base_report, check, skipped};
use super::credential::structure;
use super::presentation::{challenge_check, jwt_challenge_matches};
use super::verifier::{PresentationOptions, Verifier};
use crate::did::Purpose;
use crate::jose;
use crate::jwt_shape::JwtShape;
use crate::report::{Check, CheckKind, DocumentKind, Failure, NotChecked, Outcome, Report};

impl Verifier {
    pub(super) fn jwt(&self, compact: &str, options: &PresentationOptions) -> Report {
        let unverified = match jose::decode(compact) {
            Ok(unverified) => unverified,
            Err(error) => {
                return Report {
                    document: DocumentKind::Credential,
                    format: "vc+jwt".into(),
                    id: None,
                    issuer: None,
                    types: Vec::new(),
                    checks: vec![check(CheckKind::Structure, Err(error.into()))],
                    credentials: Vec::new(),
                    content: None,
                    status: Vec::new(),
                    disclosed: None,
                }
            }
        };
        // VC-JOSE-COSE, or VCDM 1.1's JWT encoding (OpenID4VP's `jwt_vc_json` JWT VP).
        let shape = JwtShape::of(&unverified);
        let is_presentation = shape.is_presentation();
        let (document, purpose, kind, field) = if is_presentation {
            (DocumentKind::Presentation, Purpose::Authentication, "VerifiablePresentation", "holder")
        } else {
            (DocumentKind::Credential, Purpose::AssertionMethod, "VerifiableCredential", "issuer")
        };
        let proof = shape.verify(compact, &unverified, self.resolver.as_ref(), purpose);
        let payload = shape.document(&unverified.payload);
        let mut report = base_report(&payload, document, field);
        report.format = shape.format().into();
        let structure = structure(&payload, &self.contexts, kind);
        let structure_ok = structure.is_ok();
        report.checks.push(check(CheckKind::Structure, structure));
        let proof_ok = proof.is_ok();
        report.checks.push(if structure_ok {
            check(CheckKind::Proof, proof.map_err(Failure::from))
        } else {
            skipped(CheckKind::Proof)
        });
        // `jose::verify` only accepts a `kid` of the issuer's (holder's) own DID.
        report.checks.push(Check {
            kind: CheckKind::IssuerBinding,
            outcome: if proof_ok && structure_ok {
                Outcome::Passed
            } else {
                Outcome::NotChecked(NotChecked::EarlierFailure)
            },
        });
        if is_presentation {
            report.checks.push(challenge_check(options, || jwt_challenge_matches(&payload, options)));
            let holder = report.issuer.clone();
            report.checks.push(match options.max_age {
                None => Check { kind: CheckKind::PresentationAge, outcome: Outcome::NotApplicable },
                Some(_) => check(CheckKind::PresentationAge, self.presentation_age(&payload, true, options)),
            });
            self.embedded_credentials(&payload, options, holder.as_deref(), proof_ok, &mut report);
        } else {
            self.content_checks(&payload, &mut report, options.clock_skew);
            report.content = Some(payload);
        }
        report
    }
}
