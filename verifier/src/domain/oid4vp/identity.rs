//! Who this verifier is to wallets: the key that signs its request objects, the DID wallets
//! show, the name it gives itself, and where wallets reach it.

use std::sync::Arc;

use credentials::dcql::{FORMAT_JWT_VC_JSON, FORMAT_LDP_VC};
use credentials::oid4vp::DID_CLIENT_PREFIX;
use credentials::Signer;
use serde_json::{json, Value};

/// Who this verifier is to wallets: the key that signs request objects, its DID, and the name it
/// gives itself.
pub struct Identity {
    pub signer: Arc<dyn Signer>,
    pub did: String,
    /// Where wallets reach this service (`request_uri` and `response_uri` start with it).
    pub public_url: url::Url,
    pub name_en: String,
    pub name_fr: String,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity").field("did", &self.did).field("public_url", &self.public_url).finish_non_exhaustive()
    }
}

impl Identity {
    pub fn client_id(&self) -> String {
        format!("{DID_CLIENT_PREFIX}{}", self.did)
    }

    /// A URL of this service for wallets (`path` starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.as_str().trim_end_matches('/'))
    }

    /// What wallets learn of this verifier with each request: its names and the formats it reads.
    pub fn client_metadata(&self) -> Value {
        json!({
            "client_name": self.name_en,
            "client_name#en": self.name_en,
            "client_name#fr": self.name_fr,
            "vp_formats_supported": {
                FORMAT_LDP_VC: {
                    "proof_type_values": ["DataIntegrityProof"],
                    "cryptosuite_values": ["eddsa-rdfc-2022", "eddsa-jcs-2022"],
                },
                FORMAT_JWT_VC_JSON: {"alg_values": ["EdDSA"]},
            },
        })
    }
}
