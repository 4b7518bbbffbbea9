//! SD-JWT refusals, one per rule of RFC 9901 that says "MUST reject", so a report says which
//! rule an SD-JWT broke.

use schemas::Lang;

use super::describe::Describe;
use super::detail::Detail;
use super::problem::ProblemType;
use crate::i18n::t;

/// An SD-JWT is refused, with the RFC 9901 rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum SdJwtError {
    Malformed(Detail),
    DisclosureMalformed(Detail),
    DuplicateDisclosure,
    DuplicateDigest,
    UnreferencedDisclosure,
    ClaimCollision(String),
    ReservedName(String),
    WrongDisclosureKind { expected_member: bool },
    UnsupportedSdAlg(String),
    TooManyDisclosures { count: usize, limit: usize },
    TooDeep { limit: usize },
    NotDisclosable(String),
    BadPath(String),
    IssuerSignature,
    KeyBindingMissing,
    KeyBindingMalformed(Detail),
    KeyBindingSignature,
    KeyBindingNonce,
    KeyBindingAudience,
    KeyBindingSdHash,
    KeyBindingTooOld,
    KeyBindingFromFuture,
    NoConfirmationKey(Detail),
    MustBeVisible(String),
}
impl Describe for SdJwtError {
    fn code(&self) -> &'static str {
        match self {
            Self::Malformed(_) => "sd_jwt_malformed",
            Self::DisclosureMalformed(_) => "disclosure_malformed",
            Self::DuplicateDisclosure => "disclosure_duplicated",
            Self::DuplicateDigest => "digest_repeated",
            Self::UnreferencedDisclosure => "disclosure_unreferenced",
            Self::ClaimCollision(_) => "disclosure_claim_collision",
            Self::ReservedName(_) => "disclosure_reserved_name",
            Self::WrongDisclosureKind { .. } => "disclosure_wrong_kind",
            Self::UnsupportedSdAlg(_) => "sd_alg_unsupported",
            Self::TooManyDisclosures { .. } => "too_many_disclosures",
            Self::TooDeep { .. } => "disclosures_too_deep",
            Self::NotDisclosable(_) => "claim_not_disclosable",
            Self::BadPath(_) => "claim_path_invalid",
            Self::IssuerSignature => "signature_mismatch",
            Self::KeyBindingMissing => "key_binding_missing",
            Self::KeyBindingMalformed(_) => "key_binding_malformed",
            Self::KeyBindingSignature => "key_binding_signature_invalid",
            Self::KeyBindingNonce => "key_binding_nonce_mismatch",
            Self::KeyBindingAudience => "key_binding_audience_mismatch",
            Self::KeyBindingSdHash => "key_binding_sd_hash_mismatch",
            Self::KeyBindingTooOld => "key_binding_too_old",
            Self::KeyBindingFromFuture => "key_binding_from_future",
            Self::NoConfirmationKey(_) => "confirmation_key_missing",
            Self::MustBeVisible(_) => "claim_must_be_visible",
        }
    }
    /// The key-binding JWT's `nonce` and `aud` answer the verifier's challenge and domain.
    fn problem_type(&self) -> ProblemType {
        match self {
            Self::Malformed(_) | Self::DisclosureMalformed(_) | Self::KeyBindingMalformed(_) => {
                ProblemType::ParsingError
            }
            Self::IssuerSignature | Self::KeyBindingSignature => ProblemType::CryptographicSecurityError,
            Self::KeyBindingNonce => ProblemType::InvalidChallengeError,
            Self::KeyBindingAudience => ProblemType::InvalidDomainError,
            Self::TooManyDisclosures { .. }
            | Self::TooDeep { .. }
            | Self::KeyBindingTooOld
            | Self::KeyBindingFromFuture => ProblemType::RangeError,
            Self::DuplicateDisclosure
            | Self::DuplicateDigest
            | Self::UnreferencedDisclosure
            | Self::ClaimCollision(_)
            | Self::ReservedName(_)
            | Self::WrongDisclosureKind { .. }
            | Self::NotDisclosable(_)
            | Self::BadPath(_)
            | Self::MustBeVisible(_) => ProblemType::MalformedValueError,
            Self::UnsupportedSdAlg(_)
            | Self::KeyBindingMissing
            | Self::KeyBindingSdHash
            | Self::NoConfirmationKey(_) => ProblemType::ProofVerificationError,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Malformed(detail) => t!(lang, "sd-jwt-malformed", detail = detail.get(lang)),
            Self::DisclosureMalformed(detail) => t!(lang, "sd-jwt-disclosure-malformed", detail = detail.get(lang)),
            Self::DuplicateDisclosure => t!(lang, "sd-jwt-duplicate-disclosure"),
            Self::DuplicateDigest => t!(lang, "sd-jwt-duplicate-digest"),
            Self::UnreferencedDisclosure => t!(lang, "sd-jwt-unreferenced-disclosure"),
            Self::ClaimCollision(name) => t!(lang, "sd-jwt-claim-collision", name = name.as_str()),
            Self::ReservedName(name) => t!(lang, "sd-jwt-reserved-name", name = name.as_str()),
            Self::WrongDisclosureKind { expected_member: true } => t!(lang, "sd-jwt-list-item-for-member"),
            Self::WrongDisclosureKind { expected_member: false } => t!(lang, "sd-jwt-member-for-list-item"),
            Self::UnsupportedSdAlg(alg) => t!(lang, "sd-jwt-unsupported-alg", alg = alg.as_str()),
            Self::TooManyDisclosures { count, limit } => {
                t!(lang, "sd-jwt-too-many-disclosures", count = count.to_string(), limit = limit.to_string())
            }
            Self::TooDeep { limit } => t!(lang, "sd-jwt-too-deep", limit = limit.to_string()),
            Self::NotDisclosable(path) => t!(lang, "sd-jwt-not-disclosable", path = path.as_str()),
            Self::BadPath(path) => t!(lang, "sd-jwt-bad-path", path = path.as_str()),
            Self::IssuerSignature => t!(lang, "sd-jwt-issuer-signature"),
            Self::KeyBindingMissing => t!(lang, "sd-jwt-key-binding-missing"),
            Self::KeyBindingMalformed(detail) => t!(lang, "sd-jwt-key-binding-malformed", detail = detail.get(lang)),
            Self::KeyBindingSignature => t!(lang, "sd-jwt-key-binding-signature"),
            Self::KeyBindingNonce => t!(lang, "sd-jwt-key-binding-nonce"),
            Self::KeyBindingAudience => t!(lang, "sd-jwt-key-binding-audience"),
            Self::KeyBindingSdHash => t!(lang, "sd-jwt-key-binding-sd-hash"),
            Self::KeyBindingTooOld => t!(lang, "sd-jwt-key-binding-too-old"),
            Self::KeyBindingFromFuture => t!(lang, "sd-jwt-key-binding-from-future"),
            Self::MustBeVisible(name) => t!(lang, "sd-jwt-must-be-visible", name = name.as_str()),
            Self::NoConfirmationKey(detail) => t!(lang, "sd-jwt-no-confirmation-key", detail = detail.get(lang)),
        }
    }
}
