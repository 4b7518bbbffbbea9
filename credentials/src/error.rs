//! Typed errors of the credentials library. Each kind of failure is its own enum so callers (and
//! the bilingual reports built from them) can tell "the signature is wrong" from "the DID could
//! not be fetched" without parsing strings. Every variant has a stable `code()` for machines and a
//! `message(lang)` in English and French for people.

use schemas::Lang;

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

macro_rules! bilingual {
    ($lang:expr, $en:expr, $fr:expr) => {
        match $lang {
            Lang::En => $en,
            Lang::Fr => $fr,
        }
    };
}
pub(crate) use bilingual;

/// The bytes handed to us are not a credential we can even start to read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    #[error("input is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("input is empty")]
    Empty,
    #[error("input is not JSON and not a compact JWT: {0}")]
    NotJson(Detail),
    #[error("cannot read {path}: {reason}")]
    Unreadable { path: String, reason: Detail },
    #[error("JSON is nested deeper than {limit} levels")]
    TooDeep { limit: usize },
    #[error("expected a JSON object, found {found}")]
    NotAnObject { found: &'static str },
    #[error(
        "neither a credential nor a presentation: `type` must include VerifiableCredential or VerifiablePresentation"
    )]
    UnknownDocumentType,
    #[error("required field `{0}` is missing")]
    MissingField(&'static str),
    #[error("field `{field}` is invalid: {reason}")]
    InvalidField { field: &'static str, reason: Detail },
    #[error("`{0}` is not a term of the credential's contexts (full IRIs, compact IRIs and JSON-LD keywords are not accepted as property names)")]
    NotATerm(String),
    #[error("blank node identifier `{0}` is not accepted")]
    BlankNodeId(String),
    #[error("`@context` is accepted only at the top of a document and of each credential a presentation carries, and only as context URLs")]
    NestedContext,
    #[error("{what}: {count}, more than the {limit} accepted")]
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
            Self::TooLarge { size, limit } => bilingual!(
                lang,
                format!("the input is {size} bytes, over the limit of {limit} bytes"),
                format!("l'entrée fait {size} octets, au-delà de la limite de {limit} octets")
            ),
            Self::Empty => bilingual!(lang, "the input is empty".into(), "l'entrée est vide".into()),
            Self::NotJson(detail) => bilingual!(
                lang,
                format!("the input is neither JSON nor a compact JWT ({})", detail.en),
                format!("l'entrée n'est ni du JSON ni un JWT compact ({})", detail.fr)
            ),
            Self::Unreadable { path, reason } => bilingual!(
                lang,
                format!("cannot read {path}: {}", reason.en),
                format!("lecture impossible de {path} : {}", reason.fr)
            ),
            Self::TooDeep { limit } => bilingual!(
                lang,
                format!("the JSON is nested deeper than {limit} levels"),
                format!("le JSON est imbriqué sur plus de {limit} niveaux")
            ),
            Self::NotAnObject { found } => bilingual!(
                lang,
                format!("expected a JSON object, found {found}"),
                format!("un objet JSON était attendu, trouvé : {found}")
            ),
            Self::UnknownDocumentType => bilingual!(
                lang,
                "neither a credential nor a presentation (type must include VerifiableCredential or VerifiablePresentation)".into(),
                "ni une attestation ni une présentation (le type doit inclure VerifiableCredential ou VerifiablePresentation)".into()
            ),
            Self::MissingField(field) => bilingual!(
                lang,
                format!("the required field `{field}` is missing"),
                format!("le champ obligatoire `{field}` est absent")
            ),
            Self::InvalidField { field, reason } => bilingual!(
                lang,
                format!("the field `{field}` is invalid: {}", reason.en),
                format!("le champ `{field}` est invalide : {}", reason.fr)
            ),
            Self::NotATerm(key) => bilingual!(
                lang,
                format!("`{key}` is not a term of the credential's contexts: full IRIs, compact IRIs and JSON-LD keywords are not accepted as property names"),
                format!("`{key}` n'est pas un terme des contextes de l'attestation : les IRI complets ou compacts et les mots-clés JSON-LD ne sont pas acceptés comme noms de propriété")
            ),
            Self::BlankNodeId(id) => bilingual!(
                lang,
                format!("the blank node identifier `{id}` is not accepted"),
                format!("l'identifiant de nœud anonyme `{id}` n'est pas accepté")
            ),
            Self::TooMany { what, count, limit } => bilingual!(
                lang,
                format!("{what}: {count}, more than the {limit} accepted"),
                format!("{what} : {count}, plus que les {limit} acceptés")
            ),
            Self::NestedContext => bilingual!(
                lang,
                "`@context` is accepted only at the top of a document and of each credential a presentation carries, and only as context URLs".to_owned(),
                "`@context` n'est accepté qu'en tête d'un document et de chaque attestation qu'une présentation porte, et seulement sous forme d'URL de contextes".to_owned()
            ),
        }
    }
}

/// The JSON-LD `@context` cannot be processed safely.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ContextError {
    #[error("`@context` is missing")]
    Missing,
    #[error("the first `@context` must be {expected}, found {found}")]
    WrongFirst { expected: &'static str, found: String },
    #[error("context {0} is not bundled with this program (it is never fetched from the network)")]
    NotBundled(String),
    #[error("`@context` entries must be URLs or objects")]
    InvalidEntry,
    #[error("inline `@context` objects are not accepted: every context must be a bundled URL")]
    Inline,
    #[error("JSON-LD processing failed: {0}")]
    JsonLd(String),
    /// Blank nodes that only the costly part of RDF canonicalization can tell apart, in numbers
    /// or shapes that make its work explode (a "poison" dataset). `what` is `"n-degree steps"`
    /// or `"linked blank nodes"`.
    #[error("RDF canonicalization of this document would take {count} {what} (limit {limit}): too many blank nodes that cannot be told apart")]
    TooAmbiguous { what: &'static str, count: u64, limit: u64 },
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
            Self::Missing => bilingual!(lang, "`@context` is missing".into(), "`@context` est absent".into()),
            Self::WrongFirst { expected, found } => bilingual!(
                lang,
                format!("the first `@context` must be {expected}, found {found}"),
                format!("le premier `@context` doit être {expected}, trouvé : {found}")
            ),
            Self::NotBundled(url) => bilingual!(
                lang,
                format!("the context {url} is not bundled with this program and is never fetched from the network"),
                format!("le contexte {url} n'est pas inclus dans ce programme et n'est jamais téléchargé")
            ),
            Self::InvalidEntry => bilingual!(
                lang,
                "`@context` entries must be URLs or objects".into(),
                "les entrées de `@context` doivent être des URL ou des objets".into()
            ),
            Self::Inline => bilingual!(
                lang,
                "inline `@context` objects are not accepted: every context must be a bundled URL".into(),
                "les objets `@context` en ligne ne sont pas acceptés : chaque contexte doit être une URL incluse"
                    .into()
            ),
            Self::TooAmbiguous { what, count, limit } => bilingual!(
                lang,
                format!("RDF canonicalization of this document would take {count} {what} (limit {limit}): too many blank nodes that cannot be told apart"),
                format!(
                    "la canonicalisation RDF de ce document demanderait {count} {} (limite : {limit}) : trop de nœuds anonymes impossibles à distinguer",
                    if *what == "n-degree steps" { "étapes de degré N" } else { "nœuds anonymes liés" }
                )
            ),
            Self::JsonLd(detail) => bilingual!(
                lang,
                format!("JSON-LD processing failed: {detail}"),
                format!("le traitement JSON-LD a échoué : {detail}")
            ),
        }
    }
}

/// A proof is missing, malformed, or does not match the document and key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProofError {
    #[error("the document has no proof")]
    NoProof,
    #[error("proof type `{0}` is not supported")]
    UnsupportedType(String),
    #[error("cryptosuite `{0}` is not supported")]
    UnknownCryptosuite(String),
    #[error("proof field `{0}` is missing")]
    MissingField(&'static str),
    #[error("proof field `{field}` is invalid: {reason}")]
    InvalidField { field: &'static str, reason: Detail },
    #[error("proofValue is not valid: {0}")]
    BadProofValue(String),
    #[error("the signature does not match the document and the key")]
    SignatureMismatch,
    #[error("proof purpose `{found}` where `{expected}` is required")]
    WrongPurpose { expected: String, found: String },
    #[error("verification method {method} is not authorized for {purpose} by its DID document")]
    MethodNotAuthorized { method: String, purpose: String },
    #[error("previousProof `{0}` names no proof in this document")]
    PreviousProofMissing(String),
    #[error("the proof was made by {signer}, which is not the issuer {issuer}")]
    SignerIsNotIssuer { signer: String, issuer: String },
    #[error("the proof expired at {0}")]
    Expired(String),
    #[error("the presentation was signed by {holder}, who is not the subject of every credential it carries")]
    HolderNotSubject { holder: String },
    #[error("the presentation's {field} is {found}, expected {expected}")]
    ChallengeMismatch { field: &'static str, expected: String, found: String },
    #[error("a presentation answering the challenge is required, not a bare credential")]
    PresentationRequired,
    #[error("the presentation was signed at {signed}, more than {max_seconds} seconds ago")]
    PresentationTooOld { signed: String, max_seconds: u64 },
    #[error("the presentation claims to be signed in the future ({0})")]
    PresentationFromFuture(String),
    #[error("the presentation does not say when it was signed")]
    PresentationUndated,
    #[error("{count} proofs, more than the {limit} accepted")]
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
            Self::NoProof => bilingual!(lang, "the document has no proof".into(), "le document n'a aucune preuve".into()),
            Self::UnsupportedType(t) => bilingual!(
                lang,
                format!("the proof type `{t}` is not supported"),
                format!("le type de preuve `{t}` n'est pas pris en charge")
            ),
            Self::UnknownCryptosuite(s) => bilingual!(
                lang,
                format!("the cryptosuite `{s}` is not supported"),
                format!("la suite cryptographique `{s}` n'est pas prise en charge")
            ),
            Self::MissingField(f) => bilingual!(
                lang,
                format!("the proof field `{f}` is missing"),
                format!("le champ de preuve `{f}` est absent")
            ),
            Self::InvalidField { field, reason } => bilingual!(
                lang,
                format!("the proof field `{field}` is invalid: {}", reason.en),
                format!("le champ de preuve `{field}` est invalide : {}", reason.fr)
            ),
            Self::BadProofValue(reason) => bilingual!(
                lang,
                format!("the proofValue is not valid: {reason}"),
                format!("la valeur proofValue n'est pas valide : {reason}")
            ),
            Self::SignatureMismatch => bilingual!(
                lang,
                "the signature does not match the document and the key: the credential was changed or signed by another key".into(),
                "la signature ne correspond pas au document et à la clé : l'attestation a été modifiée ou signée par une autre clé".into()
            ),
            Self::WrongPurpose { expected, found } => bilingual!(
                lang,
                format!("the proof purpose is `{found}` where `{expected}` is required"),
                format!("le but de la preuve est `{found}` alors que `{expected}` est requis")
            ),
            Self::MethodNotAuthorized { method, purpose } => bilingual!(
                lang,
                format!("the key {method} is not authorized for {purpose} by its DID document"),
                format!("la clé {method} n'est pas autorisée pour {purpose} par son document DID")
            ),
            Self::PreviousProofMissing(id) => bilingual!(
                lang,
                format!("previousProof `{id}` names no proof in this document"),
                format!("previousProof `{id}` ne désigne aucune preuve de ce document")
            ),
            Self::SignerIsNotIssuer { signer, issuer } => bilingual!(
                lang,
                format!("the proof was made by {signer}, which is not the issuer {issuer}"),
                format!("la preuve a été faite par {signer}, qui n'est pas l'émetteur {issuer}")
            ),
            Self::Expired(at) => bilingual!(
                lang,
                format!("the proof expired at {at}"),
                format!("la preuve a expiré le {at}")
            ),
            Self::HolderNotSubject { holder } => bilingual!(
                lang,
                format!("the presentation was signed by {holder}, who is not the subject of every credential it carries"),
                format!("la présentation a été signée par {holder}, qui n'est pas le sujet de chaque attestation qu'elle contient")
            ),
            Self::ChallengeMismatch { field, expected, found } => bilingual!(
                lang,
                format!("the presentation's {field} is {found}, expected {expected}: it was made for another request"),
                format!("le champ {field} de la présentation vaut {found}, {expected} était attendu : elle a été faite pour une autre demande")
            ),
            Self::PresentationRequired => bilingual!(
                lang,
                "a challenge was given, so a presentation signed by the holder is required, not a bare credential".into(),
                "un défi a été donné : une présentation signée par le titulaire est requise, pas une attestation seule".into()
            ),
            Self::PresentationTooOld { signed, max_seconds } => bilingual!(
                lang,
                format!("the presentation was signed at {signed}, more than {max_seconds} seconds ago: ask the holder for a new one"),
                format!("la présentation a été signée le {signed}, il y a plus de {max_seconds} secondes : demandez-en une nouvelle au titulaire")
            ),
            Self::PresentationFromFuture(at) => bilingual!(
                lang,
                format!("the presentation claims to be signed in the future ({at})"),
                format!("la présentation se dit signée dans le futur ({at})")
            ),
            Self::PresentationUndated => bilingual!(
                lang,
                "the presentation does not say when it was signed, and this request limits its age".into(),
                "la présentation n'indique pas quand elle a été signée, et cette demande en limite l'âge".into()
            ),
            Self::TooManyProofs { count, limit } => bilingual!(
                lang,
                format!("{count} proofs, more than the {limit} accepted"),
                format!("{count} preuves, plus que les {limit} acceptées")
            ),
        }
    }
}

/// A DID could not be resolved to a usable key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DidError {
    #[error("`{0}` is not a valid DID URL")]
    InvalidDid(String),
    #[error("DID method `{0}` is not supported")]
    UnsupportedMethod(String),
    #[error("did:web is not resolved offline: use --online or provide the DID document")]
    Offline,
    #[error("refused to contact {host}: it resolves to {address}, a private, loopback or link-local address")]
    AddressRefused { host: String, address: String },
    #[error("the DID document is larger than {limit} bytes")]
    DocumentTooLarge { limit: usize },
    #[error("fetching the DID document failed: {0}")]
    Fetch(String),
    #[error("the DID document is invalid: {0}")]
    InvalidDocument(String),
    #[error("verification method {0} is not in the DID document")]
    MethodNotFound(String),
    #[error("the key is not an Ed25519 key: {0}")]
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
            Self::InvalidDid(d) => bilingual!(lang, format!("`{d}` is not a valid DID"), format!("`{d}` n'est pas un DID valide")),
            Self::UnsupportedMethod(m) => bilingual!(
                lang,
                format!("the DID method `{m}` is not supported"),
                format!("la méthode DID `{m}` n'est pas prise en charge")
            ),
            Self::Offline => bilingual!(
                lang,
                "did:web is not resolved offline: add --online, or give the DID document with --did-document".into(),
                "did:web n'est pas résolu hors ligne : ajoutez --online ou fournissez le document DID avec --did-document".into()
            ),
            Self::AddressRefused { host, address } => bilingual!(
                lang,
                format!("refused to contact {host}: it resolves to {address}, a private, loopback or link-local address"),
                format!("connexion à {host} refusée : l'adresse {address} est privée, locale ou de bouclage")
            ),
            Self::DocumentTooLarge { limit } => bilingual!(
                lang,
                format!("the DID document is larger than {limit} bytes"),
                format!("le document DID dépasse {limit} octets")
            ),
            Self::Fetch(detail) => bilingual!(
                lang,
                format!("fetching the DID document failed: {detail}"),
                format!("le téléchargement du document DID a échoué : {detail}")
            ),
            Self::InvalidDocument(detail) => bilingual!(
                lang,
                format!("the DID document is invalid: {detail}"),
                format!("le document DID est invalide : {detail}")
            ),
            Self::MethodNotFound(m) => bilingual!(
                lang,
                format!("the key {m} is not in the DID document"),
                format!("la clé {m} ne figure pas dans le document DID")
            ),
            Self::UnsupportedKey(detail) => bilingual!(
                lang,
                format!("the key is not an Ed25519 key: {detail}"),
                format!("la clé n'est pas une clé Ed25519 : {detail}")
            ),
        }
    }
}

/// A `vc+jwt` is malformed or uses a header we refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JoseError {
    #[error("not a compact JWS: {0}")]
    Malformed(Detail),
    #[error("JWT algorithm `{0}` is refused: only EdDSA with an Ed25519 key is accepted")]
    AlgorithmRefused(String),
    #[error("JWT header `typ` is `{found}`, expected `{expected}`")]
    WrongType { expected: &'static str, found: String },
    #[error("JWT header has no `kid` naming the verification method")]
    MissingKid,
    #[error("JWT `kid` {kid} does not belong to the issuer {issuer}")]
    KidNotIssuer { kid: String, issuer: String },
    #[error("JWT signature is invalid")]
    SignatureInvalid,
    #[error("JWT library error: {0}")]
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
            Self::Malformed(d) => {
                bilingual!(lang, format!("not a compact JWS: {}", d.en), format!("pas un JWS compact : {}", d.fr))
            }
            Self::AlgorithmRefused(alg) => bilingual!(
                lang,
                format!("the JWT algorithm `{alg}` is refused: only EdDSA with an Ed25519 key is accepted"),
                format!("l'algorithme JWT `{alg}` est refusé : seul EdDSA avec une clé Ed25519 est accepté")
            ),
            Self::WrongType { expected, found } => bilingual!(
                lang,
                format!("the JWT header `typ` is `{found}`, expected `{expected}`"),
                format!("l'en-tête JWT `typ` vaut `{found}`, `{expected}` était attendu")
            ),
            Self::MissingKid => bilingual!(
                lang,
                "the JWT header has no `kid` naming the key".into(),
                "l'en-tête JWT n'a pas de `kid` désignant la clé".into()
            ),
            Self::KidNotIssuer { kid, issuer } => bilingual!(
                lang,
                format!("the JWT key {kid} does not belong to the issuer {issuer}"),
                format!("la clé JWT {kid} n'appartient pas à l'émetteur {issuer}")
            ),
            Self::SignatureInvalid => bilingual!(
                lang,
                "the JWT signature is invalid: the credential was changed or signed by another key".into(),
                "la signature JWT est invalide : l'attestation a été modifiée ou signée par une autre clé".into()
            ),
            Self::Library(d) => {
                bilingual!(lang, format!("JWT processing failed: {d}"), format!("le traitement JWT a échoué : {d}"))
            }
        }
    }
}

/// The credential's validity window rules it out, or its dates cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValidityError {
    #[error("`{field}` is not an XML Schema dateTime with a time zone: {value}")]
    InvalidDate { field: &'static str, value: String },
    #[error("validUntil ({until}) is before validFrom ({from})")]
    UntilBeforeFrom { from: String, until: String },
    #[error("expired at {0}")]
    Expired(String),
    #[error("not valid before {0}")]
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
            Self::InvalidDate { field, value } => bilingual!(
                lang,
                format!("`{field}` is not a date and time with a time zone: {value}"),
                format!("`{field}` n'est pas une date et heure avec fuseau horaire : {value}")
            ),
            Self::UntilBeforeFrom { from, until } => bilingual!(
                lang,
                format!("validUntil ({until}) is before validFrom ({from})"),
                format!("validUntil ({until}) précède validFrom ({from})")
            ),
            Self::Expired(at) => {
                bilingual!(lang, format!("expired on {at}"), format!("expirée le {at}"))
            }
            Self::NotYetValid(at) => {
                bilingual!(lang, format!("not valid before {at}"), format!("pas valide avant le {at}"))
            }
        }
    }
}

/// A key could not sign.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignerError {
    #[error("signing failed: {0}")]
    Failed(String),
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
            Self::Signer(_) => "signing_failed",
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
            Self::Signer(e) => {
                bilingual!(lang, e.to_string(), format!("la signature a échoué : {e}"))
            }
            Self::Status(e) => e.message(lang),
        }
    }
}

/// Revocation or suspension, or why a credential's status could not be read from its Bitstring
/// Status List. Codes follow the specification's error names where it has one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StatusError {
    #[error("the credential is revoked")]
    Revoked,
    #[error("the credential is suspended")]
    Suspended,
    #[error("malformed credentialStatus entry: {0}")]
    EntryMalformed(Detail),
    #[error("unsupported credentialStatus: {0}")]
    Unsupported(Detail),
    #[error("the status list {url} could not be retrieved: {detail}")]
    Retrieval { url: String, detail: Detail },
    #[error("the status list {url} is not a valid status list credential ({reason})")]
    ListInvalid { url: String, reason: String },
    #[error("the status list's proof does not verify: {0}")]
    ListProof(String),
    #[error("the status list is issued by {list}, not by the credential's issuer {credential}")]
    ListIssuerMismatch { list: String, credential: String },
    #[error("the status list expired at {0}")]
    ListExpired(String),
    #[error("the status list is not valid before {0}")]
    ListNotYetValid(String),
    #[error("the status list is for `{list}`, the entry for `{entry}`")]
    PurposeMismatch { list: String, entry: String },
    #[error("the status list's bits are not readable: {0}")]
    Encoding(Detail),
    #[error("the status list inflates to more than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("the status list has {entries} entries, fewer than the {minimum} required")]
    TooShort { entries: usize, minimum: usize },
    #[error("status list index {index} is outside the list of {entries} entries")]
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
            Self::Revoked => bilingual!(
                lang,
                "the issuer has revoked this credential".into(),
                "l'émetteur a révoqué cette attestation".into()
            ),
            Self::Suspended => bilingual!(
                lang,
                "the issuer has suspended this credential".into(),
                "l'émetteur a suspendu cette attestation".into()
            ),
            Self::EntryMalformed(d) => bilingual!(
                lang,
                format!("the credentialStatus entry is malformed: {}", d.en),
                format!("l'entrée credentialStatus est mal formée : {}", d.fr)
            ),
            Self::Unsupported(d) => bilingual!(
                lang,
                format!("this kind of status is not supported: {}", d.en),
                format!("ce type de statut n'est pas pris en charge : {}", d.fr)
            ),
            Self::Retrieval { url, detail } => bilingual!(
                lang,
                format!("status unknown: the status list {url} could not be retrieved ({})", detail.en),
                format!("statut inconnu : la liste de statuts {url} n'a pas pu être obtenue ({})", detail.fr)
            ),
            Self::ListInvalid { url, reason } => bilingual!(
                lang,
                format!("{url} is not a valid status list credential ({reason})"),
                format!("{url} n'est pas une attestation de liste de statuts valide ({reason})")
            ),
            Self::ListProof(code) => bilingual!(
                lang,
                format!("the status list's signature does not verify ({code})"),
                format!("la signature de la liste de statuts n'est pas valide ({code})")
            ),
            Self::ListIssuerMismatch { list, credential } => bilingual!(
                lang,
                format!("the status list is issued by {list}, not by the credential's issuer {credential}"),
                format!(
                    "la liste de statuts est émise par {list} et non par l'émetteur de l'attestation, {credential}"
                )
            ),
            Self::ListExpired(at) => bilingual!(
                lang,
                format!("the status list expired at {at}"),
                format!("la liste de statuts a expiré le {at}")
            ),
            Self::ListNotYetValid(at) => bilingual!(
                lang,
                format!("the status list is not valid before {at}"),
                format!("la liste de statuts n'est pas valide avant le {at}")
            ),
            Self::PurposeMismatch { list, entry } => bilingual!(
                lang,
                format!("the status list is for `{list}` but the entry is for `{entry}`"),
                format!("la liste de statuts sert à « {list} », mais l'entrée à « {entry} »")
            ),
            Self::Encoding(d) => bilingual!(
                lang,
                format!("the status list's bits are not readable: {}", d.en),
                format!("les bits de la liste de statuts sont illisibles : {}", d.fr)
            ),
            Self::TooLarge { limit } => bilingual!(
                lang,
                format!("the status list inflates to more than {limit} bytes: refused"),
                format!("la liste de statuts dépasse {limit} octets une fois décompressée : refusée")
            ),
            Self::TooShort { entries, minimum } => bilingual!(
                lang,
                format!("the status list has {entries} entries, fewer than the {minimum} required for privacy"),
                format!(
                    "la liste de statuts a {entries} entrées, moins que les {minimum} requises pour la confidentialité"
                )
            ),
            Self::IndexOutOfRange { index, entries } => bilingual!(
                lang,
                format!("status index {index} is outside the list of {entries} entries"),
                format!("l'index de statut {index} est hors de la liste de {entries} entrées")
            ),
        }
    }
}

/// A JSON reading failure said in French (serde words its errors in English only): bad syntax,
/// or JSON that is well formed but lacks a field or has one of the wrong type.
pub fn json_french(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let place = if error.line() == 0 {
        String::new()
    } else {
        format!(" (ligne {}, colonne {})", error.line(), error.column())
    };
    match error.classify() {
        Category::Data => format!("un champ manque, est inconnu ou n'a pas le bon type{place}"),
        Category::Eof => format!("JSON incomplet{place}"),
        Category::Syntax | Category::Io => format!("JSON invalide{place}"),
    }
}

/// An operating-system failure said in French: `std::io::Error` words its text in English only,
/// so French messages name the kind of failure instead.
/// What an input/output error says, in `lang`: the system's own words in English, the kind of
/// failure in French.
pub fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::En => error.to_string(),
        Lang::Fr => io_french(error).to_owned(),
    }
}

pub fn io_french(error: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as Kind;
    match error.kind() {
        Kind::NotFound => "fichier ou dossier introuvable",
        Kind::PermissionDenied => "accès refusé",
        Kind::AlreadyExists => "existe déjà",
        Kind::StorageFull => "disque plein",
        Kind::ReadOnlyFilesystem => "système de fichiers en lecture seule",
        Kind::IsADirectory => "c'est un dossier",
        Kind::NotADirectory => "ce n'est pas un dossier",
        Kind::InvalidData => "données invalides",
        Kind::UnexpectedEof => "fin de fichier inattendue",
        Kind::TimedOut => "délai dépassé",
        Kind::AddrInUse => "adresse déjà utilisée",
        Kind::AddrNotAvailable => "adresse non disponible",
        Kind::ConnectionRefused => "connexion refusée",
        Kind::Interrupted => "opération interrompue",
        _ => "erreur d'entrée-sortie",
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
        bilingual!(lang, &self.en, &self.fr)
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
pub enum SdJwtError {
    #[error("not an SD-JWT: {0}")]
    Malformed(Detail),
    #[error("a disclosure is malformed: {0}")]
    DisclosureMalformed(Detail),
    #[error("the same disclosure is sent twice")]
    DuplicateDisclosure,
    #[error("a digest appears more than once in the payload")]
    DuplicateDigest,
    #[error("a disclosure matches no digest of the issuer-signed payload (tampered or foreign)")]
    UnreferencedDisclosure,
    #[error("disclosed claim `{0}` already exists")]
    ClaimCollision(String),
    #[error("`{0}` may not be a disclosed claim name")]
    ReservedName(String),
    #[error("an array-element disclosure stands for an object member, or the reverse")]
    WrongDisclosureKind { expected_member: bool },
    #[error("_sd_alg `{0}` is not supported: only sha-256")]
    UnsupportedSdAlg(String),
    #[error("{count} disclosures, more than the {limit} accepted")]
    TooManyDisclosures { count: usize, limit: usize },
    #[error("disclosed claims are nested deeper than {limit} levels")]
    TooDeep { limit: usize },
    #[error("`{0}` is not a claim path of this credential that can be disclosed")]
    NotDisclosable(String),
    #[error("`{0}` is not a claim path (dot-separated names, numbers for list items)")]
    BadPath(String),
    #[error("the issuer's signature is invalid")]
    IssuerSignature,
    #[error("key binding is required and there is no key-binding JWT")]
    KeyBindingMissing,
    #[error("the key-binding JWT is malformed: {0}")]
    KeyBindingMalformed(Detail),
    #[error("the key-binding JWT is not signed by the key the credential was issued to")]
    KeyBindingSignature,
    #[error("the key-binding JWT's nonce is not this verifier's")]
    KeyBindingNonce,
    #[error("the key-binding JWT is addressed to another audience")]
    KeyBindingAudience,
    #[error("the key-binding JWT's sd_hash does not match what was presented")]
    KeyBindingSdHash,
    #[error("the key-binding JWT is older than accepted")]
    KeyBindingTooOld,
    #[error("the key-binding JWT is dated in the future")]
    KeyBindingFromFuture,
    #[error("the credential has no usable confirmation key (cnf): {0}")]
    NoConfirmationKey(Detail),
    #[error("`{0}` is made disclosable, but SD-JWT VC requires it always visible")]
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
            Self::Malformed(d) => {
                bilingual!(lang, format!("not an SD-JWT: {}", d.en), format!("pas un SD-JWT : {}", d.fr))
            }
            Self::DisclosureMalformed(d) => bilingual!(
                lang,
                format!("a disclosure is malformed: {}", d.en),
                format!("une divulgation est mal formée : {}", d.fr)
            ),
            Self::DuplicateDisclosure => bilingual!(
                lang,
                "the same disclosure is sent twice".into(),
                "la même divulgation est envoyée deux fois".into()
            ),
            Self::DuplicateDigest => bilingual!(
                lang,
                "a digest appears more than once in the signed payload".into(),
                "une empreinte figure plus d'une fois dans le contenu signé".into()
            ),
            Self::UnreferencedDisclosure => bilingual!(
                lang,
                "a disclosure matches nothing the issuer signed: it was changed or comes from another credential".into(),
                "une divulgation ne correspond à rien de ce que l'émetteur a signé : elle a été modifiée ou vient d'une autre attestation".into()
            ),
            Self::ClaimCollision(name) => bilingual!(
                lang,
                format!("the disclosed claim `{name}` already exists in the credential"),
                format!("l'élément divulgué `{name}` existe déjà dans l'attestation")
            ),
            Self::ReservedName(name) => bilingual!(
                lang,
                format!("`{name}` may not be the name of a disclosed claim"),
                format!("`{name}` ne peut pas être le nom d'un élément divulgué")
            ),
            Self::WrongDisclosureKind { expected_member: true } => bilingual!(
                lang,
                "a list-item disclosure is used where a named claim is expected".into(),
                "une divulgation d'élément de liste est utilisée à la place d'un élément nommé".into()
            ),
            Self::WrongDisclosureKind { expected_member: false } => bilingual!(
                lang,
                "a named-claim disclosure is used where a list item is expected".into(),
                "une divulgation d'élément nommé est utilisée à la place d'un élément de liste".into()
            ),
            Self::UnsupportedSdAlg(alg) => bilingual!(
                lang,
                format!("the digest algorithm `{alg}` is not supported: only sha-256 is"),
                format!("l'algorithme d'empreinte `{alg}` n'est pas pris en charge : seul sha-256 l'est")
            ),
            Self::TooManyDisclosures { count, limit } => bilingual!(
                lang,
                format!("{count} disclosures, more than the {limit} accepted"),
                format!("{count} divulgations, au-delà des {limit} acceptées")
            ),
            Self::TooDeep { limit } => bilingual!(
                lang,
                format!("disclosed claims are nested deeper than {limit} levels"),
                format!("les éléments divulgués sont imbriqués sur plus de {limit} niveaux")
            ),
            Self::NotDisclosable(path) => bilingual!(
                lang,
                format!("`{path}` is not a claim of this credential that can be disclosed"),
                format!("`{path}` n'est pas un élément de cette attestation qui peut être divulgué")
            ),
            Self::BadPath(path) => bilingual!(
                lang,
                format!("`{path}` is not a claim path (names separated by dots, numbers for list items)"),
                format!("`{path}` n'est pas un chemin d'élément (noms séparés par des points, nombres pour les éléments de liste)")
            ),
            Self::IssuerSignature => bilingual!(
                lang,
                "the issuer's signature is invalid: the credential was changed or signed by another key".into(),
                "la signature de l'émetteur est invalide : l'attestation a été modifiée ou signée par une autre clé".into()
            ),
            Self::KeyBindingMissing => bilingual!(
                lang,
                "proof of possession is required and the presentation has no key-binding JWT".into(),
                "une preuve de possession est exigée et la présentation n'a pas de JWT de liaison de clé".into()
            ),
            Self::KeyBindingMalformed(d) => bilingual!(
                lang,
                format!("the key-binding JWT is malformed: {}", d.en),
                format!("le JWT de liaison de clé est mal formé : {}", d.fr)
            ),
            Self::KeyBindingSignature => bilingual!(
                lang,
                "the key-binding JWT is not signed by the key the credential was issued to".into(),
                "le JWT de liaison de clé n'est pas signé par la clé à laquelle l'attestation a été délivrée".into()
            ),
            Self::KeyBindingNonce => bilingual!(
                lang,
                "the key-binding JWT answers another request (nonce mismatch)".into(),
                "le JWT de liaison de clé répond à une autre demande (nonce différent)".into()
            ),
            Self::KeyBindingAudience => bilingual!(
                lang,
                "the key-binding JWT is addressed to another verifier (audience mismatch)".into(),
                "le JWT de liaison de clé est adressé à un autre vérificateur (audience différente)".into()
            ),
            Self::KeyBindingSdHash => bilingual!(
                lang,
                "the key-binding JWT does not cover what was presented (sd_hash mismatch)".into(),
                "le JWT de liaison de clé ne couvre pas ce qui a été présenté (sd_hash différent)".into()
            ),
            Self::KeyBindingTooOld => bilingual!(
                lang,
                "the key-binding JWT is older than this verifier accepts".into(),
                "le JWT de liaison de clé est plus ancien que ce que ce vérificateur accepte".into()
            ),
            Self::KeyBindingFromFuture => bilingual!(
                lang,
                "the key-binding JWT is dated in the future".into(),
                "le JWT de liaison de clé est daté dans le futur".into()
            ),
            Self::MustBeVisible(name) => bilingual!(
                lang,
                format!("the issuer made `{name}` hideable, but an SD-JWT VC must always show it"),
                format!("l'émetteur a rendu `{name}` masquable, mais un SD-JWT VC doit toujours le montrer")
            ),
            Self::NoConfirmationKey(d) => bilingual!(
                lang,
                format!("the credential has no usable holder key (cnf): {}", d.en),
                format!("l'attestation n'a pas de clé de titulaire utilisable (cnf) : {}", d.fr)
            ),
        }
    }
}
