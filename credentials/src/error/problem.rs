//! The error types the W3C specifications name, so a verifier's answers (RFC 9457 problem
//! details) say each failure the way VC-API clients and the W3C test suites read it:
//! VC Data Model 2.0, "Problem Details" (PARSING_ERROR, CRYPTOGRAPHIC_SECURITY_ERROR,
//! MALFORMED_VALUE_ERROR, RANGE_ERROR); VC Data Integrity 1.0, "Processing Errors"
//! (PROOF_GENERATION_ERROR, PROOF_VERIFICATION_ERROR, PROOF_TRANSFORMATION_ERROR,
//! INVALID_DOMAIN_ERROR, INVALID_CHALLENGE_ERROR) and "Securing Data Losslessly"
//! (DATA_LOSS_DETECTION_ERROR); Bitstring Status List 1.0, "Processing Errors"
//! (STATUS_RETRIEVAL_ERROR, STATUS_VERIFICATION_ERROR, STATUS_LIST_LENGTH_ERROR).

/// One error type of the specifications, with the URL a problem detail's `type` carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemType {
    /// VCDM 2.0: "There was an error while parsing input."
    ParsingError,
    /// VCDM 2.0: "The securing mechanism for the document has detected a modification in the
    /// contents of the document since it was created; potential tampering detected."
    CryptographicSecurityError,
    /// VCDM 2.0: "The value associated with a particular property is malformed."
    MalformedValueError,
    /// VCDM 2.0: "A provided value is outside of the expected range of an associated value."
    RangeError,
    /// Data Integrity: "A request to generate a proof failed."
    ProofGenerationError,
    /// Data Integrity: "An error was encountered during proof verification."
    ProofVerificationError,
    /// Data Integrity: "An error was encountered during the transformation process."
    ProofTransformationError,
    /// Data Integrity: "The `domain` value in a proof did not match the expected value."
    InvalidDomainError,
    /// Data Integrity: "The `challenge` value in a proof did not match the expected value."
    InvalidChallengeError,
    /// Data Integrity §4: data dropped by a JSON-LD processor, "such as when an undefined term is
    /// detected in an input document".
    DataLossDetectionError,
    /// Bitstring Status List: "Retrieval of the status list failed."
    StatusRetrievalError,
    /// Bitstring Status List: "Validation of the status entry failed."
    StatusVerificationError,
    /// Bitstring Status List: "The status list length does not satisfy the minimum length
    /// required for herd privacy."
    StatusListLengthError,
    /// Not a W3C type (VCDM 2.0's "Problem Details" lets implementations add types): the signature is good, but
    /// this verifier does not trust its issuer for this kind of credential.
    UntrustedIssuerError,
}

const VC_DATA_MODEL: &str = "https://www.w3.org/TR/vc-data-model#";
const SECURITY: &str = "https://w3id.org/security#";
const STATUS_LIST: &str = "https://www.w3.org/ns/credentials/status-list#";
const TALENT_CREDENTIALS: &str = "https://w3id.org/talent-credentials/problems#";

impl ProblemType {
    /// Every type, for tests and documentation.
    pub const ALL: [ProblemType; 14] = [
        Self::ParsingError,
        Self::CryptographicSecurityError,
        Self::MalformedValueError,
        Self::RangeError,
        Self::ProofGenerationError,
        Self::ProofVerificationError,
        Self::ProofTransformationError,
        Self::InvalidDomainError,
        Self::InvalidChallengeError,
        Self::DataLossDetectionError,
        Self::StatusRetrievalError,
        Self::StatusVerificationError,
        Self::StatusListLengthError,
        Self::UntrustedIssuerError,
    ];

    /// The name the specification gives it (`PROOF_VERIFICATION_ERROR`).
    pub fn name(self) -> &'static str {
        match self {
            Self::ParsingError => "PARSING_ERROR",
            Self::CryptographicSecurityError => "CRYPTOGRAPHIC_SECURITY_ERROR",
            Self::MalformedValueError => "MALFORMED_VALUE_ERROR",
            Self::RangeError => "RANGE_ERROR",
            Self::ProofGenerationError => "PROOF_GENERATION_ERROR",
            Self::ProofVerificationError => "PROOF_VERIFICATION_ERROR",
            Self::ProofTransformationError => "PROOF_TRANSFORMATION_ERROR",
            Self::InvalidDomainError => "INVALID_DOMAIN_ERROR",
            Self::InvalidChallengeError => "INVALID_CHALLENGE_ERROR",
            Self::DataLossDetectionError => "DATA_LOSS_DETECTION_ERROR",
            Self::StatusRetrievalError => "STATUS_RETRIEVAL_ERROR",
            Self::StatusVerificationError => "STATUS_VERIFICATION_ERROR",
            Self::StatusListLengthError => "STATUS_LIST_LENGTH_ERROR",
            Self::UntrustedIssuerError => "UNTRUSTED_ISSUER_ERROR",
        }
    }

    /// The `type` URL of a problem detail: the namespace the specification names, then the name
    /// (`https://w3id.org/security#PROOF_VERIFICATION_ERROR`).
    pub fn url(self) -> String {
        let namespace = match self {
            Self::ParsingError | Self::CryptographicSecurityError | Self::MalformedValueError | Self::RangeError => {
                VC_DATA_MODEL
            }
            Self::ProofGenerationError
            | Self::ProofVerificationError
            | Self::ProofTransformationError
            | Self::InvalidDomainError
            | Self::InvalidChallengeError
            | Self::DataLossDetectionError => SECURITY,
            Self::StatusRetrievalError | Self::StatusVerificationError | Self::StatusListLengthError => STATUS_LIST,
            Self::UntrustedIssuerError => TALENT_CREDENTIALS,
        };
        format!("{namespace}{}", self.name())
    }
}

impl std::fmt::Display for ProblemType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_the_namespaces_the_specifications_give() {
        assert_eq!(ProblemType::ParsingError.url(), "https://www.w3.org/TR/vc-data-model#PARSING_ERROR");
        assert_eq!(ProblemType::ProofVerificationError.url(), "https://w3id.org/security#PROOF_VERIFICATION_ERROR");
        assert_eq!(
            ProblemType::StatusListLengthError.url(),
            "https://www.w3.org/ns/credentials/status-list#STATUS_LIST_LENGTH_ERROR"
        );
        let names: std::collections::HashSet<_> = ProblemType::ALL.iter().map(|t| t.name()).collect();
        assert_eq!(names.len(), ProblemType::ALL.len());
    }
}
