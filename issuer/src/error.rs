//! Errors of the issuer library: a credential refused before signing says which rule it broke.

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IssuerError {
    #[error("the credential is refused: {0}")]
    Refused(String),
    #[error("the credential does not match its schema: {}", .0.iter().map(|v| v.to_string()).collect::<Vec<_>>().join("; "))]
    Schema(Vec<schemas::Violation>),
    #[error("the issuer {issuer} is not the key's DID {key_did}: a verifier would reject the credential")]
    IssuerMismatch { issuer: String, key_did: String },
    #[error(transparent)]
    Template(#[from] schemas::SchemaError),
    #[error(transparent)]
    Credentials(#[from] credentials::Error),
    #[error(transparent)]
    Key(#[from] keys::KeyError),
}
