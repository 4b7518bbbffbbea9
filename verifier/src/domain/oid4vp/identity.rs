//! Who this verifier is to wallets: the key that signs its request objects, the DID wallets
//! show, the name it gives itself, and where wallets reach it.

use std::sync::Arc;

use credentials::dcql::{FORMAT_DC_SD_JWT, FORMAT_JWT_VC_JSON, FORMAT_LDP_VC};
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

    /// What wallets learn of this verifier with each request: its names and the formats it reads,
    /// each with the parameters OpenID4VP 1.0 defines for it (Appendix B): `ldp_vc`'s proof
    /// types and cryptosuites, `jwt_vc_json`'s `alg_values`, and for `dc+sd-jwt` (which its
    /// requests ask for) `sd-jwt_alg_values`, the algorithms of the Issuer-signed JWT (EdDSA, the
    /// one `credentials::sd_jwt_vc` accepts), and `kb-jwt_alg_values`, those of the Key Binding
    /// JWT (EdDSA for an Ed25519 `cnf` key, ES256 for a P-256 one).
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
                FORMAT_DC_SD_JWT: {
                    "sd-jwt_alg_values": ["EdDSA"],
                    "kb-jwt_alg_values": ["EdDSA", "ES256"],
                },
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// OpenID4VP 1.0, Appendix B: the format identifiers and each one's metadata parameters.
    #[test]
    fn every_format_the_verifier_asks_for_is_named_with_its_parameters() {
        let signer = Arc::new(keys::LocalKey::generate());
        let identity = Identity {
            did: signer.did_key(),
            signer,
            public_url: url::Url::parse("https://verifier.example").unwrap(),
            name_en: "Hiring".into(),
            name_fr: "Embauche".into(),
        };
        let formats = &identity.client_metadata()["vp_formats_supported"];
        assert_eq!(formats["dc+sd-jwt"]["sd-jwt_alg_values"], json!(["EdDSA"]), "{formats}");
        assert_eq!(formats["dc+sd-jwt"]["kb-jwt_alg_values"], json!(["EdDSA", "ES256"]), "{formats}");
        assert_eq!(formats["jwt_vc_json"]["alg_values"], json!(["EdDSA"]), "{formats}");
        assert_eq!(formats["ldp_vc"]["cryptosuite_values"], json!(["eddsa-rdfc-2022", "eddsa-jcs-2022"]));
        assert_eq!(formats.as_object().map(|formats| formats.len()), Some(3), "{formats}");
    }
}
