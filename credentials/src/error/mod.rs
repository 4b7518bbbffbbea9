//! Typed errors of the credentials library. Each kind of failure is its own enum so callers (and
//! the bilingual reports built from them) can tell "the signature is wrong" from "the DID could
//! not be fetched" without parsing strings. Every variant has a stable `code()` for machines and a
//! `message(lang)` in English and French for people, worded by the catalogue
//! (`i18n/*/credentials.ftl`); `Display` is the English message.

mod context;
mod describe;
mod detail;
mod did;
mod input;
mod io;
mod jose;
mod json;
mod problem;
mod proof;
mod sd_jwt;
mod signer;
mod status;
mod validity;

use schemas::Lang;

pub use context::ContextError;
pub use describe::Describe;
pub use detail::Detail;
pub use did::DidError;
pub use input::InputError;
pub use io::{io_french, io_reason};
pub use jose::JoseError;
pub(crate) use json::wrong_structure;
pub use json::{json_french, json_reason};
pub use problem::ProblemType;
pub use proof::ProofError;
pub use sd_jwt::SdJwtError;
pub use signer::SignerError;
pub use status::StatusError;
pub use validity::ValidityError;

/// Anything that stops this library from doing what it was asked. During verification most of
/// these become a failed check in a [`crate::Report`] instead; `Err` then means "could not check".
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Context(#[from] ContextError),
    #[error(transparent)]
    Proof(#[from] ProofError),
    #[error(transparent)]
    Did(#[from] DidError),
    #[error(transparent)]
    Jose(#[from] JoseError),
    #[error(transparent)]
    SdJwt(#[from] SdJwtError),
    #[error(transparent)]
    Validity(#[from] ValidityError),
    #[error(transparent)]
    Signer(#[from] SignerError),
    #[error(transparent)]
    Status(#[from] StatusError),
}

impl Error {
    /// The JSON pointer (RFC 6901) of the property the failure is about, when it names one: a
    /// field that breaks a rule of the data model, `/@context`, a date.
    pub fn pointer(&self) -> Option<String> {
        match self {
            Self::Input(error) => error.pointer(),
            Self::Context(ContextError::Missing | ContextError::WrongFirst { .. }) => Some("/@context".into()),
            Self::Validity(ValidityError::InvalidDate { field, .. }) => Some(input::pointer_of(field)),
            Self::Validity(ValidityError::UntilBeforeFrom { .. }) => Some("/validUntil".into()),
            _ => None,
        }
    }
}

impl Describe for Error {
    fn code(&self) -> &'static str {
        match self {
            Self::Input(e) => e.code(),
            Self::Context(e) => e.code(),
            Self::Proof(e) => e.code(),
            Self::Did(e) => e.code(),
            Self::Jose(e) => e.code(),
            Self::SdJwt(e) => e.code(),
            Self::Validity(e) => e.code(),
            Self::Signer(e) => e.code(),
            Self::Status(e) => e.code(),
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Input(e) => e.message(lang),
            Self::Context(e) => e.message(lang),
            Self::Proof(e) => e.message(lang),
            Self::Did(e) => e.message(lang),
            Self::Jose(e) => e.message(lang),
            Self::SdJwt(e) => e.message(lang),
            Self::Validity(e) => e.message(lang),
            Self::Signer(e) => e.message(lang),
            Self::Status(e) => e.message(lang),
        }
    }
    fn problem_type(&self) -> ProblemType {
        match self {
            Self::Input(e) => e.problem_type(),
            Self::Context(e) => e.problem_type(),
            Self::Proof(e) => e.problem_type(),
            Self::Did(e) => e.problem_type(),
            Self::Jose(e) => e.problem_type(),
            Self::SdJwt(e) => e.problem_type(),
            Self::Validity(e) => e.problem_type(),
            Self::Signer(e) => e.problem_type(),
            Self::Status(e) => e.problem_type(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each family says its failures with the error types the W3C texts give them (VCDM 2.0
    /// "Problem Details", VC Data Integrity "Processing Errors" and §4, Bitstring Status List
    /// "Processing Errors"), through `Error` as through the family itself.
    #[test]
    fn every_family_gives_the_specifications_error_types() {
        use ProblemType::*;
        let detail = || Detail::same("x");
        let cases: Vec<(Error, ProblemType)> = vec![
            (InputError::NotJson(detail()).into(), ParsingError),
            (InputError::TooDeep { limit: 1 }.into(), ParsingError),
            (InputError::MissingField("issuer").into(), MalformedValueError),
            (InputError::InvalidField { field: "relatedResource", reason: detail() }.into(), MalformedValueError),
            (InputError::TooMany { what: "x", count: 2, limit: 1 }.into(), RangeError),
            (ContextError::NotBundled("u".into()).into(), MalformedValueError),
            (ContextError::KeywordAlias { term: "kind".into(), keyword: "@type".into() }.into(), MalformedValueError),
            (ContextError::DataLoss { term: "favoriteFood".into() }.into(), DataLossDetectionError),
            (ContextError::JsonLd("x".into()).into(), ProofTransformationError),
            (
                ContextError::TooAmbiguous { what: "linked blank nodes", count: 3, limit: 2 }.into(),
                ProofTransformationError,
            ),
            (ProofError::NoProof.into(), ParsingError),
            (ProofError::MissingField("verificationMethod").into(), ProofVerificationError),
            (ProofError::WrongPurpose { expected: "a".into(), found: "b".into() }.into(), ProofVerificationError),
            (ProofError::PreviousProofMissing("urn:x".into()).into(), ProofVerificationError),
            (ProofError::PreviousProofInvalid { id: "urn:x".into(), reason: detail() }.into(), ProofVerificationError),
            (ProofError::SignatureMismatch.into(), CryptographicSecurityError),
            (
                ProofError::ChallengeMismatch { field: "challenge", expected: "a".into(), found: "b".into() }.into(),
                InvalidChallengeError,
            ),
            (
                ProofError::ChallengeMismatch { field: "domain", expected: "a".into(), found: "b".into() }.into(),
                InvalidDomainError,
            ),
            (ProofError::TooManyProofs { count: 9, limit: 8 }.into(), RangeError),
            (DidError::MethodNotFound("did:x#1".into()).into(), ProofVerificationError),
            (DidError::InvalidDid("x".into()).into(), MalformedValueError),
            (JoseError::Malformed(detail()).into(), ParsingError),
            (JoseError::SignatureInvalid.into(), CryptographicSecurityError),
            (JoseError::AlgorithmRefused("none".into()).into(), ProofVerificationError),
            (SdJwtError::IssuerSignature.into(), CryptographicSecurityError),
            (SdJwtError::KeyBindingNonce.into(), InvalidChallengeError),
            (SdJwtError::KeyBindingAudience.into(), InvalidDomainError),
            (SdJwtError::DuplicateDisclosure.into(), MalformedValueError),
            (ValidityError::Expired("2020".into()).into(), RangeError),
            (ValidityError::InvalidDate { field: "validFrom", value: "x".into() }.into(), MalformedValueError),
            (SignerError::Failed("x".into()).into(), ProofGenerationError),
            (StatusError::Retrieval { url: "u".into(), detail: detail() }.into(), StatusRetrievalError),
            (StatusError::ListProof("x".into()).into(), StatusVerificationError),
            (StatusError::Revoked.into(), StatusVerificationError),
            (StatusError::TooShort { entries: 8, minimum: 131_072 }.into(), StatusListLengthError),
            (StatusError::IndexOutOfRange { index: 9, entries: 8 }.into(), RangeError),
            (StatusError::EntryMalformed(detail()).into(), MalformedValueError),
        ];
        for (error, expected) in cases {
            assert_eq!(error.problem_type(), expected, "{}", error.code());
            let failure = crate::Failure::from(error);
            assert_eq!(failure.problem_type(), expected);
        }
        assert_eq!(crate::Failure::Schema(Vec::new()).problem_type(), MalformedValueError);
        let untrusted = crate::Failure::NotTrusted { issuer: "did:x".into(), types: Vec::new() };
        assert_eq!(untrusted.problem_type(), UntrustedIssuerError);
        assert_eq!(
            crate::dcql::DcqlError::NoMatch("q".into()).problem_type(),
            MalformedValueError,
            "an answer that does not satisfy the query"
        );
    }

    #[test]
    fn display_is_the_english_message() {
        let errors: [&dyn Describe; 3] =
            [&InputError::Empty, &StatusError::Revoked, &SdJwtError::WrongDisclosureKind { expected_member: false }];
        for error in errors {
            assert!(!error.message(Lang::En).is_empty());
            assert_ne!(error.message(Lang::En), error.message(Lang::Fr));
        }
        assert_eq!(InputError::Empty.to_string(), InputError::Empty.message(Lang::En));
        let wrapped = Error::Status(StatusError::Suspended);
        assert_eq!(wrapped.to_string(), "the issuer has suspended this credential");
        let signer = Error::Signer(SignerError::Failed("no key".into()));
        assert_eq!(signer.message(Lang::Fr), "la signature a échoué : no key");
    }

    #[test]
    fn a_failure_about_one_property_points_at_it() {
        let detail = || Detail::same("x");
        let field = |field| Error::from(InputError::InvalidField { field, reason: detail() }).pointer();
        assert_eq!(field("relatedResource").as_deref(), Some("/relatedResource"));
        assert_eq!(field("issuer.name").as_deref(), Some("/issuer/name"));
        assert_eq!(field("@context").as_deref(), Some("/@context"));
        assert_eq!(field("a/b~c").as_deref(), Some("/a~1b~0c"));
        assert_eq!(Error::from(InputError::MissingField("issuer")).pointer().as_deref(), Some("/issuer"));
        assert_eq!(Error::from(ContextError::Missing).pointer().as_deref(), Some("/@context"));
        let until = ValidityError::UntilBeforeFrom { from: "a".into(), until: "b".into() };
        assert_eq!(Error::from(until).pointer().as_deref(), Some("/validUntil"));
        assert_eq!(Error::from(InputError::Empty).pointer(), None);
        assert_eq!(Error::from(ProofError::NoProof).pointer(), None);
    }
}
