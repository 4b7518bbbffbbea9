//! The part of a DID document we rely on: verification methods and the assertion/authentication
//! relationships. Parsed strictly enough to reject a document claiming to be another DID.

use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};

use crate::error::DidError;
use crate::multikey;

/// The relationship a key must have in its DID document to make a given proof.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    AssertionMethod,
    Authentication,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AssertionMethod => "assertionMethod",
            Self::Authentication => "authentication",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DidDocument {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<serde_json::Value>,
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verification_method: Vec<VerificationMethod>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assertion_method: Vec<MethodReference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authentication: Vec<MethodReference>,
}

/// A relationship entry: a reference to a method listed elsewhere, or an embedded method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum MethodReference {
    Reference(String),
    Embedded(VerificationMethod),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationMethod {
    pub id: String,
    #[serde(rename = "type")]
    pub method_type: String,
    pub controller: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key_multibase: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key_jwk: Option<serde_json::Value>,
}

impl VerificationMethod {
    /// The Ed25519 key, from whichever encoding the method uses.
    pub fn ed25519_key(&self) -> Result<VerifyingKey, DidError> {
        match (&self.public_key_multibase, &self.public_key_jwk) {
            (Some(multibase), _) => multikey::decode_public(multibase),
            (None, Some(jwk)) => multikey::decode_jwk(jwk),
            (None, None) => Err(DidError::InvalidDocument(format!("method {} has no public key", self.id))),
        }
    }
}

impl DidDocument {
    /// A DID document listing Ed25519 keys as Multikey verification methods, each usable for
    /// assertions (issuing) and authentication (presenting): what an issuer publishes as
    /// `did.json` for `did:web`.
    pub fn with_keys(did: &str, keys: &[(String, VerifyingKey)]) -> Self {
        let methods: Vec<VerificationMethod> = keys
            .iter()
            .map(|(id, key)| VerificationMethod {
                id: id.clone(),
                method_type: "Multikey".into(),
                controller: did.to_owned(),
                public_key_multibase: Some(multikey::encode_public(key)),
                public_key_jwk: None,
            })
            .collect();
        let references: Vec<MethodReference> =
            methods.iter().map(|m| MethodReference::Reference(m.id.clone())).collect();
        Self {
            context: Some(serde_json::json!([crate::contexts::DID_V1, crate::contexts::MULTIKEY_V1])),
            id: did.to_owned(),
            verification_method: methods,
            assertion_method: references.clone(),
            authentication: references,
        }
    }

    /// Parses a fetched document and checks it describes `expected_did`.
    pub fn parse(bytes: &[u8], expected_did: &str) -> Result<Self, DidError> {
        let document: Self = serde_json::from_slice(bytes).map_err(|e| DidError::InvalidDocument(e.to_string()))?;
        if document.id != expected_did {
            return Err(DidError::InvalidDocument(format!("document id {} is not {expected_did}", document.id)));
        }
        Ok(document)
    }

    fn absolute<'a>(&self, id: &'a str) -> std::borrow::Cow<'a, str> {
        if id.starts_with('#') {
            std::borrow::Cow::Owned(format!("{}{id}", self.id))
        } else {
            std::borrow::Cow::Borrowed(id)
        }
    }

    /// Finds a verification method by absolute or relative id, listed or embedded.
    pub fn method(&self, url: &str) -> Option<&VerificationMethod> {
        let embedded = self.assertion_method.iter().chain(&self.authentication).filter_map(|r| match r {
            MethodReference::Embedded(method) => Some(method),
            MethodReference::Reference(_) => None,
        });
        self.verification_method.iter().chain(embedded).find(|m| self.absolute(&m.id) == url)
    }

    /// Whether `url` is listed under the relationship `purpose`.
    pub fn authorizes(&self, url: &str, purpose: Purpose) -> bool {
        let list = match purpose {
            Purpose::AssertionMethod => &self.assertion_method,
            Purpose::Authentication => &self.authentication,
        };
        list.iter().any(|entry| match entry {
            MethodReference::Reference(id) => self.absolute(id) == url,
            MethodReference::Embedded(method) => self.absolute(&method.id) == url,
        })
    }
}
