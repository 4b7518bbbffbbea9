//! Typed errors of the credentials library. Each kind of failure is its own enum so callers (and
//! the bilingual reports built from them) can tell "the signature is wrong" from "the DID could
//! not be fetched" without parsing strings. Every variant has a stable `code()` for machines and a
//! `message(lang)` in English and French for people, worded by the catalogue
//! (`i18n/*/credentials.ftl`); `Display` is the English message.

use std::sync::LazyLock;

use schemas::Lang;

use crate::i18n::t;

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

/// A stable machine-readable code plus a message in the reader's language.
pub trait Describe {
    fn code(&self) -> &'static str;
    fn message(&self, lang: Lang) -> String;
}

/// The bytes handed to us are not a credential we can even start to read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum InputError {
    TooLarge { size: usize, limit: usize },
    Empty,
    NotJson(Detail),
    Unreadable { path: String, reason: Detail },
    TooDeep { limit: usize },
    NotAnObject { found: &'static str },
    UnknownDocumentType,
    MissingField(&'static str),
    InvalidField { field: &'static str, reason: Detail },
    NotATerm(String),
    BlankNodeId(String),
    NestedContext,
    TooMany { what: &'static str, count: usize, limit: usize },
}

impl Describe for InputError {
    fn code(&self) -> &'static str {
        match self {
            Self::TooLarge { .. } => "input_too_large",
            Self::Empty => "input_empty",
            Self::NotJson(_) => "input_not_json",
            Self::Unreadable { .. } => "input_unreadable",
            Self::TooDeep { .. } => "input_too_deep",
            Self::NotAnObject { .. } => "input_not_object",
            Self::UnknownDocumentType => "unknown_document_type",
            Self::MissingField(_) => "missing_field",
            Self::InvalidField { .. } => "invalid_field",
            Self::NotATerm(_) => "property_not_a_term",
            Self::BlankNodeId(_) => "blank_node_id_refused",
            Self::NestedContext => "nested_context_refused",
            Self::TooMany { .. } => "too_many_items",
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::TooLarge { size, limit } => {
                t!(lang, "input-too-large", size = size.to_string(), limit = limit.to_string())
            }
            Self::Empty => t!(lang, "input-empty"),
            Self::NotJson(detail) => t!(lang, "input-not-json", detail = detail.get(lang)),
            Self::Unreadable { path, reason } => {
                t!(lang, "input-unreadable", path = path.as_str(), reason = reason.get(lang))
            }
            Self::TooDeep { limit } => t!(lang, "input-too-deep", limit = limit.to_string()),
            Self::NotAnObject { found } => t!(lang, "input-not-an-object", found = found.to_string()),
            Self::UnknownDocumentType => t!(lang, "input-unknown-document-type"),
            Self::MissingField(field) => t!(lang, "input-missing-field", field = field.to_string()),
            Self::InvalidField { field, reason } => {
                t!(lang, "input-invalid-field", field = field.to_string(), reason = reason.get(lang))
            }
            Self::NotATerm(key) => t!(lang, "input-not-a-term", key = key.as_str()),
            Self::BlankNodeId(id) => t!(lang, "input-blank-node-id", id = id.as_str()),
            Self::TooMany { what, count, limit } => {
                t!(
                    lang,
                    "input-too-many",
                    what = what.to_string(),
                    count = count.to_string(),
                    limit = limit.to_string()
                )
            }
            Self::NestedContext => t!(lang, "input-nested-context"),
        }
    }
}

/// The JSON-LD `@context` cannot be processed safely.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum ContextError {
    Missing,
    WrongFirst {
        expected: &'static str,
        found: String,
    },
    NotBundled(String),
    InvalidEntry,
    Inline,
    JsonLd(String),
    /// Blank nodes that only the costly part of RDF canonicalization can tell apart, in numbers
    /// or shapes that make its work explode (a "poison" dataset). `what` is `"n-degree steps"`
    /// or `"linked blank nodes"`.
    TooAmbiguous {
        what: &'static str,
        count: u64,
        limit: u64,
    },
}

impl Describe for ContextError {
    fn code(&self) -> &'static str {
        match self {
            Self::Missing => "context_missing",
            Self::WrongFirst { .. } => "context_wrong_first",
            Self::NotBundled(_) => "context_not_bundled",
            Self::InvalidEntry => "context_invalid_entry",
            Self::Inline => "context_inline",
            Self::JsonLd(_) => "json_ld_error",
            Self::TooAmbiguous { .. } => "rdf_too_ambiguous",
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Missing => t!(lang, "context-missing"),
            Self::WrongFirst { expected, found } => {
                t!(lang, "context-wrong-first", expected = expected.to_string(), found = found.as_str())
            }
            Self::NotBundled(url) => t!(lang, "context-not-bundled", url = url.as_str()),
            Self::InvalidEntry => t!(lang, "context-invalid-entry"),
            Self::Inline => t!(lang, "context-inline"),
            Self::TooAmbiguous { what, count, limit } => {
                // The catalogue names the two kinds of work; `what` picks one.
                let what = if *what == "n-degree steps" { "steps" } else { "linked" };
                t!(lang, "context-too-ambiguous", what = what, count = count.to_string(), limit = limit.to_string())
            }
            Self::JsonLd(detail) => t!(lang, "context-json-ld", detail = detail.as_str()),
        }
    }
}

/// A proof is missing, malformed, or does not match the document and key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum ProofError {
    NoProof,
    UnsupportedType(String),
    UnknownCryptosuite(String),
    MissingField(&'static str),
    InvalidField { field: &'static str, reason: Detail },
    BadProofValue(String),
    SignatureMismatch,
    WrongPurpose { expected: String, found: String },
    MethodNotAuthorized { method: String, purpose: String },
    PreviousProofMissing(String),
    SignerIsNotIssuer { signer: String, issuer: String },
    Expired(String),
    HolderNotSubject { holder: String },
    ChallengeMismatch { field: &'static str, expected: String, found: String },
    PresentationRequired,
    PresentationTooOld { signed: String, max_seconds: u64 },
    PresentationFromFuture(String),
    PresentationUndated,
    TooManyProofs { count: usize, limit: usize },
}
impl Describe for ProofError {
    fn code(&self) -> &'static str {
        match self {
            Self::NoProof => "proof_missing",
            Self::UnsupportedType(_) => "proof_type_unsupported",
            Self::UnknownCryptosuite(_) => "cryptosuite_unknown",
            Self::MissingField(_) => "proof_field_missing",
            Self::InvalidField { .. } => "proof_field_invalid",
            Self::BadProofValue(_) => "proof_value_invalid",
            Self::SignatureMismatch => "signature_mismatch",
            Self::WrongPurpose { .. } => "proof_purpose_wrong",
            Self::MethodNotAuthorized { .. } => "verification_method_not_authorized",
            Self::PreviousProofMissing(_) => "previous_proof_missing",
            Self::SignerIsNotIssuer { .. } => "signer_not_issuer",
            Self::Expired(_) => "proof_expired",
            Self::HolderNotSubject { .. } => "holder_not_subject",
            Self::ChallengeMismatch { .. } => "challenge_mismatch",
            Self::PresentationRequired => "presentation_required",
            Self::PresentationTooOld { .. } => "presentation_too_old",
            Self::PresentationFromFuture(_) => "presentation_from_future",
            Self::PresentationUndated => "presentation_undated",
            Self::TooManyProofs { .. } => "too_many_proofs",
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::NoProof => t!(lang, "proof-none"),
            Self::UnsupportedType(proof_type) => t!(lang, "proof-unsupported-type", proof_type = proof_type.as_str()),
            Self::UnknownCryptosuite(suite) => t!(lang, "proof-unknown-cryptosuite", suite = suite.as_str()),
            Self::MissingField(field) => t!(lang, "proof-missing-field", field = field.to_string()),
            Self::InvalidField { field, reason } => {
                t!(lang, "proof-invalid-field", field = field.to_string(), reason = reason.get(lang))
            }
            Self::BadProofValue(reason) => t!(lang, "proof-bad-value", reason = reason.as_str()),
            Self::SignatureMismatch => t!(lang, "proof-signature-mismatch"),
            Self::WrongPurpose { expected, found } => {
                t!(lang, "proof-wrong-purpose", found = found.as_str(), expected = expected.as_str())
            }
            Self::MethodNotAuthorized { method, purpose } => {
                t!(lang, "proof-method-not-authorized", method = method.as_str(), purpose = purpose.as_str())
            }
            Self::PreviousProofMissing(id) => t!(lang, "proof-previous-missing", id = id.as_str()),
            Self::SignerIsNotIssuer { signer, issuer } => {
                t!(lang, "proof-signer-not-issuer", signer = signer.as_str(), issuer = issuer.as_str())
            }
            Self::Expired(at) => t!(lang, "proof-expired", at = at.as_str()),
            Self::HolderNotSubject { holder } => t!(lang, "proof-holder-not-subject", holder = holder.as_str()),
            Self::ChallengeMismatch { field, expected, found } => t!(
                lang,
                "proof-challenge-mismatch",
                field = field.to_string(),
                found = found.as_str(),
                expected = expected.as_str()
            ),
            Self::PresentationRequired => t!(lang, "proof-presentation-required"),
            Self::PresentationTooOld { signed, max_seconds } => {
                t!(lang, "proof-presentation-too-old", signed = signed.as_str(), max_seconds = max_seconds.to_string())
            }
            Self::PresentationFromFuture(at) => t!(lang, "proof-presentation-from-future", at = at.as_str()),
            Self::PresentationUndated => t!(lang, "proof-presentation-undated"),
            Self::TooManyProofs { count, limit } => {
                t!(lang, "proof-too-many", count = count.to_string(), limit = limit.to_string())
            }
        }
    }
}

/// A DID could not be resolved to a usable key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum DidError {
    InvalidDid(String),
    UnsupportedMethod(String),
    Offline,
    AddressRefused { host: String, address: String },
    DocumentTooLarge { limit: usize },
    Fetch(String),
    InvalidDocument(String),
    MethodNotFound(String),
    UnsupportedKey(String),
}

impl Describe for DidError {
    fn code(&self) -> &'static str {
        match self {
            Self::InvalidDid(_) => "did_invalid",
            Self::UnsupportedMethod(_) => "did_method_unsupported",
            Self::Offline => "did_offline",
            Self::AddressRefused { .. } => "did_address_refused",
            Self::DocumentTooLarge { .. } => "did_document_too_large",
            Self::Fetch(_) => "did_fetch_failed",
            Self::InvalidDocument(_) => "did_document_invalid",
            Self::MethodNotFound(_) => "verification_method_not_found",
            Self::UnsupportedKey(_) => "key_unsupported",
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::InvalidDid(did) => t!(lang, "did-invalid", did = did.as_str()),
            Self::UnsupportedMethod(method) => t!(lang, "did-unsupported-method", method = method.as_str()),
            Self::Offline => t!(lang, "did-offline"),
            Self::AddressRefused { host, address } => {
                t!(lang, "did-address-refused", host = host.as_str(), address = address.as_str())
            }
            Self::DocumentTooLarge { limit } => t!(lang, "did-document-too-large", limit = limit.to_string()),
            Self::Fetch(detail) => t!(lang, "did-fetch", detail = detail.as_str()),
            Self::InvalidDocument(detail) => t!(lang, "did-invalid-document", detail = detail.as_str()),
            Self::MethodNotFound(method) => t!(lang, "did-method-not-found", method = method.as_str()),
            Self::UnsupportedKey(detail) => t!(lang, "did-unsupported-key", detail = detail.as_str()),
        }
    }
}

/// A `vc+jwt` is malformed or uses a header we refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum JoseError {
    Malformed(Detail),
    AlgorithmRefused(String),
    WrongType { expected: &'static str, found: String },
    MissingKid,
    KidNotIssuer { kid: String, issuer: String },
    SignatureInvalid,
    Library(String),
}

impl Describe for JoseError {
    fn code(&self) -> &'static str {
        match self {
            Self::Malformed(_) => "jwt_malformed",
            Self::AlgorithmRefused(_) => "jwt_algorithm_refused",
            Self::WrongType { .. } => "jwt_type_wrong",
            Self::MissingKid => "jwt_kid_missing",
            Self::KidNotIssuer { .. } => "jwt_kid_not_issuer",
            Self::SignatureInvalid => "signature_mismatch",
            Self::Library(_) => "jwt_library_error",
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Malformed(detail) => t!(lang, "jose-malformed", detail = detail.get(lang)),
            Self::AlgorithmRefused(alg) => t!(lang, "jose-algorithm-refused", alg = alg.as_str()),
            Self::WrongType { expected, found } => {
                t!(lang, "jose-wrong-type", found = found.as_str(), expected = expected.to_string())
            }
            Self::MissingKid => t!(lang, "jose-missing-kid"),
            Self::KidNotIssuer { kid, issuer } => {
                t!(lang, "jose-kid-not-issuer", kid = kid.as_str(), issuer = issuer.as_str())
            }
            Self::SignatureInvalid => t!(lang, "jose-signature-invalid"),
            Self::Library(detail) => t!(lang, "jose-library", detail = detail.as_str()),
        }
    }
}

/// The credential's validity window rules it out, or its dates cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum ValidityError {
    InvalidDate { field: &'static str, value: String },
    UntilBeforeFrom { from: String, until: String },
    Expired(String),
    NotYetValid(String),
}

impl Describe for ValidityError {
    fn code(&self) -> &'static str {
        match self {
            Self::InvalidDate { .. } => "date_invalid",
            Self::UntilBeforeFrom { .. } => "valid_until_before_valid_from",
            Self::Expired(_) => "expired",
            Self::NotYetValid(_) => "not_yet_valid",
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::InvalidDate { field, value } => {
                t!(lang, "validity-invalid-date", field = field.to_string(), value = value.as_str())
            }
            Self::UntilBeforeFrom { from, until } => {
                t!(lang, "validity-until-before-from", until = until.as_str(), from = from.as_str())
            }
            Self::Expired(at) => t!(lang, "validity-expired", at = at.as_str()),
            Self::NotYetValid(at) => t!(lang, "validity-not-yet-valid", at = at.as_str()),
        }
    }
}

/// A key could not sign.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum SignerError {
    Failed(String),
}

impl Describe for SignerError {
    fn code(&self) -> &'static str {
        "signing_failed"
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Failed(detail) => t!(lang, "signer-failed", detail = detail.as_str()),
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
}

/// Revocation or suspension, or why a credential's status could not be read from its Bitstring
/// Status List. Codes follow the specification's error names where it has one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum StatusError {
    Revoked,
    Suspended,
    EntryMalformed(Detail),
    Unsupported(Detail),
    Retrieval { url: String, detail: Detail },
    ListInvalid { url: String, reason: String },
    ListProof(String),
    ListIssuerMismatch { list: String, credential: String },
    ListExpired(String),
    ListNotYetValid(String),
    PurposeMismatch { list: String, entry: String },
    Encoding(Detail),
    TooLarge { limit: usize },
    TooShort { entries: usize, minimum: usize },
    IndexOutOfRange { index: u64, entries: usize },
}

impl StatusError {
    /// The status could not be read (network, or a kind of entry this verifier does not read):
    /// "unknown", not "invalid".
    pub fn is_retrieval(&self) -> bool {
        matches!(self, Self::Retrieval { .. } | Self::Unsupported(_))
    }
}
impl Describe for StatusError {
    fn code(&self) -> &'static str {
        match self {
            Self::Revoked => "credential_revoked",
            Self::Suspended => "credential_suspended",
            Self::EntryMalformed(_) => "status_entry_malformed",
            Self::Unsupported(_) => "status_unsupported",
            Self::Retrieval { .. } => "status_retrieval_error",
            Self::ListInvalid { .. } => "status_list_invalid",
            Self::ListProof(_) => "status_list_proof_invalid",
            Self::ListIssuerMismatch { .. } => "status_list_issuer_mismatch",
            Self::ListExpired(_) => "status_list_expired",
            Self::ListNotYetValid(_) => "status_list_not_yet_valid",
            Self::PurposeMismatch { .. } => "status_purpose_mismatch",
            Self::Encoding(_) => "status_list_encoding_invalid",
            Self::TooLarge { .. } => "status_list_too_large",
            Self::TooShort { .. } => "status_list_length_error",
            Self::IndexOutOfRange { .. } => "status_index_out_of_range",
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Revoked => t!(lang, "status-revoked"),
            Self::Suspended => t!(lang, "status-suspended"),
            Self::EntryMalformed(detail) => t!(lang, "status-entry-malformed", detail = detail.get(lang)),
            Self::Unsupported(detail) => t!(lang, "status-unsupported", detail = detail.get(lang)),
            Self::Retrieval { url, detail } => {
                t!(lang, "status-retrieval", url = url.as_str(), detail = detail.get(lang))
            }
            Self::ListInvalid { url, reason } => {
                t!(lang, "status-list-invalid", url = url.as_str(), reason = reason.as_str())
            }
            Self::ListProof(code) => t!(lang, "status-list-proof", code = code.as_str()),
            Self::ListIssuerMismatch { list, credential } => {
                t!(lang, "status-list-issuer-mismatch", list = list.as_str(), credential = credential.as_str())
            }
            Self::ListExpired(at) => t!(lang, "status-list-expired", at = at.as_str()),
            Self::ListNotYetValid(at) => t!(lang, "status-list-not-yet-valid", at = at.as_str()),
            Self::PurposeMismatch { list, entry } => {
                t!(lang, "status-purpose-mismatch", list = list.as_str(), entry = entry.as_str())
            }
            Self::Encoding(detail) => t!(lang, "status-encoding", detail = detail.get(lang)),
            Self::TooLarge { limit } => t!(lang, "status-too-large", limit = limit.to_string()),
            Self::TooShort { entries, minimum } => {
                t!(lang, "status-too-short", entries = entries.to_string(), minimum = minimum.to_string())
            }
            Self::IndexOutOfRange { index, entries } => {
                t!(lang, "status-index-out-of-range", index = index.to_string(), entries = entries.to_string())
            }
        }
    }
}

/// A JSON reading failure said in French (serde words its errors in English only): bad syntax,
/// or JSON that is well formed but lacks a field or has one of the wrong type.
pub fn json_french(error: &serde_json::Error) -> String {
    json_words(error, Lang::Fr)
}

/// What a JSON reading failure says, in `lang`: serde's own words in English, the kind of
/// failure in French.
pub fn json_reason(error: &serde_json::Error, lang: Lang) -> String {
    match lang {
        Lang::En => error.to_string(),
        Lang::Fr => json_french(error),
    }
}

fn json_words(error: &serde_json::Error, lang: Lang) -> String {
    use serde_json::error::Category;
    let (line, column) = (error.line().to_string(), error.column().to_string());
    match (error.classify(), error.line()) {
        (Category::Data, 0) => t!(lang, "json-data"),
        (Category::Data, _) => t!(lang, "json-data-at", line = line, column = column),
        (Category::Eof, 0) => t!(lang, "json-eof"),
        (Category::Eof, _) => t!(lang, "json-eof-at", line = line, column = column),
        (Category::Syntax | Category::Io, 0) => t!(lang, "json-syntax"),
        (Category::Syntax | Category::Io, _) => t!(lang, "json-syntax-at", line = line, column = column),
    }
}

/// JSON that is well formed but not shaped as expected: serde's own words for English readers,
/// the kind of failure in French.
pub(crate) fn wrong_structure(error: &serde_json::Error) -> Detail {
    Detail::new(error.to_string(), t!(Lang::Fr, "json-structure", detail = json_french(error)))
}

/// What an input/output error says, in `lang`: the system's own words in English, the kind of
/// failure in French.
pub fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::En => error.to_string(),
        Lang::Fr => io_french(error).to_owned(),
    }
}

/// An operating-system failure said in French: `std::io::Error` words its text in English only,
/// so French messages name the kind of failure instead. Each kind is worded once per process.
pub fn io_french(error: &std::io::Error) -> &'static str {
    static FRENCH: LazyLock<Vec<(std::io::ErrorKind, String)>> =
        LazyLock::new(|| IO_KINDS.iter().map(|&kind| (kind, io_kind_words(kind, Lang::Fr))).collect());
    let kind = error.kind();
    FRENCH.iter().find(|(known, _)| *known == kind).or_else(|| FRENCH.last()).map_or("", |(_, words)| words.as_str())
}

/// The kinds of I/O failure the catalogue names; any other is worded as the last, generic one.
const IO_KINDS: [std::io::ErrorKind; 15] = {
    use std::io::ErrorKind as Kind;
    [
        Kind::NotFound,
        Kind::PermissionDenied,
        Kind::AlreadyExists,
        Kind::StorageFull,
        Kind::ReadOnlyFilesystem,
        Kind::IsADirectory,
        Kind::NotADirectory,
        Kind::InvalidData,
        Kind::UnexpectedEof,
        Kind::TimedOut,
        Kind::AddrInUse,
        Kind::AddrNotAvailable,
        Kind::ConnectionRefused,
        Kind::Interrupted,
        Kind::Other,
    ]
};

fn io_kind_words(kind: std::io::ErrorKind, lang: Lang) -> String {
    use std::io::ErrorKind as Kind;
    match kind {
        Kind::NotFound => t!(lang, "io-not-found"),
        Kind::PermissionDenied => t!(lang, "io-permission-denied"),
        Kind::AlreadyExists => t!(lang, "io-already-exists"),
        Kind::StorageFull => t!(lang, "io-storage-full"),
        Kind::ReadOnlyFilesystem => t!(lang, "io-read-only-filesystem"),
        Kind::IsADirectory => t!(lang, "io-is-a-directory"),
        Kind::NotADirectory => t!(lang, "io-not-a-directory"),
        Kind::InvalidData => t!(lang, "io-invalid-data"),
        Kind::UnexpectedEof => t!(lang, "io-unexpected-eof"),
        Kind::TimedOut => t!(lang, "io-timed-out"),
        Kind::AddrInUse => t!(lang, "io-address-in-use"),
        Kind::AddrNotAvailable => t!(lang, "io-address-not-available"),
        Kind::ConnectionRefused => t!(lang, "io-connection-refused"),
        Kind::Interrupted => t!(lang, "io-interrupted"),
        _ => t!(lang, "io-other"),
    }
}

/// The detail of a refusal, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub en: String,
    pub fr: String,
}

impl Detail {
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Detail { en: en.into(), fr: fr.into() }
    }

    /// A catalogue message in both languages: `Detail::localized(|lang| t!(lang, "id", …))`.
    pub fn localized(message: impl Fn(Lang) -> String) -> Self {
        Detail { en: message(Lang::En), fr: message(Lang::Fr) }
    }

    /// The same text for both readers: a value, not prose (another program's own message,
    /// a parser's position).
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Detail { en: text.clone(), fr: text }
    }

    /// The messages of another of this library's errors.
    pub fn of(error: &impl Describe) -> Self {
        Detail { en: error.message(Lang::En), fr: error.message(Lang::Fr) }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.fr)
    }
}

impl std::fmt::Display for Detail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_kind_of_work_is_named_in_each_language() {
        let steps = ContextError::TooAmbiguous { what: "n-degree steps", count: 9, limit: 8 };
        let linked = ContextError::TooAmbiguous { what: "linked blank nodes", count: 9, limit: 8 };
        assert!(steps.to_string().contains("take 9 n-degree steps (limit 8)"), "{steps}");
        assert!(linked.to_string().contains("take 9 linked blank nodes (limit 8)"), "{linked}");
        assert!(linked.message(Lang::Fr).contains("9 nœuds anonymes liés (limite : 8)"));
    }

    #[test]
    fn io_failures_are_named_in_french_once() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(io_french(&missing), "fichier ou dossier introuvable");
        assert!(std::ptr::eq(io_french(&missing), io_french(&missing)));
        let other = std::io::Error::from(std::io::ErrorKind::WouldBlock);
        assert_eq!(io_reason(&other, Lang::Fr), "erreur d'entrée-sortie");
        assert_eq!(io_reason(&missing, Lang::En), missing.to_string());
    }
}
