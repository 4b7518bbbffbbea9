//! The fuzz targets of the protocols around credentials: DCQL queries, DID documents and
//! OpenID4VP request objects.

use rand::Rng;
use serde_json::{json, Value};

use credentials::did::{DidDocument, Purpose, StaticResolver};
use credentials::{Clock, SystemClock};

use super::mutation::{flip_bytes, mutate, mutate_times};
use super::{Fuzz, Run};

impl Fuzz {
    pub fn dcql(&self, rng: &mut impl Rng) -> Run {
        use credentials::dcql::{assignment_query, skill_query, Query};
        let queries = [
            skill_query("skill", "ldp_vc", "api_design"),
            skill_query("skill", "dc+sd-jwt", "api_design"),
            assignment_query("assignment", "jwt_vc_json", Some("api_design")),
            assignment_query("assignment", "ldp_vc", None),
        ];
        let mut query =
            json!({"credentials": [serde_json::to_value(&queries[rng.gen_range(0..queries.len())]).unwrap()]});
        if rng.gen() {
            query["credentials"]
                .as_array_mut()
                .unwrap()
                .push(serde_json::to_value(&queries[rng.gen_range(0..4)]).unwrap());
        }
        if rng.gen_range(0..4) == 0 {
            query["credential_sets"] = json!([{"options": [["skill"], ["assignment"]], "required": true}]);
        }
        mutate_times(&mut query, rng);
        let input = serde_json::to_vec(&query).unwrap();
        if let Ok(query) = Query::from_value(query) {
            let credentials: Vec<Value> = self.unsigned.to_vec();
            for credential in &credentials {
                for format in ["ldp_vc", "jwt_vc_json", "dc+sd-jwt"] {
                    let chosen = query.queries_to_answer(|q| q.matches(format, credential, &self.contexts));
                    for q in chosen {
                        let _ = q.requested_claims(credential);
                    }
                }
            }
            let answer: std::collections::HashMap<String, Vec<(String, Value)>> = query
                .credentials
                .iter()
                .map(|q| {
                    (q.id.clone(), vec![(q.format.clone(), credentials[rng.gen_range(0..credentials.len())].clone())])
                })
                .collect();
            let _ = query.check_answer(&answer, &self.contexts);
        }
        (input, Ok(()))
    }

    pub fn did(&self, rng: &mut impl Rng) -> Run {
        let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]).verifying_key();
        let (did_key, _) = credentials::did::did_key_for(&key);
        let (did_jwk, _) = credentials::did::did_jwk_for(&key);
        let web = "did:web:issuer.example:hr";
        let mut candidates = vec![did_key.clone(), did_jwk.clone(), web.to_owned(), "did:web:localhost%3A8080".into()];
        let mut text = Value::String(candidates.swap_remove(rng.gen_range(0..candidates.len())));
        mutate(&mut text, rng, 0);
        let did = text.as_str().unwrap_or("did:").to_owned();
        let _ = credentials::did::did_key_document(&did);
        let _ = credentials::did::did_jwk_document(&did);
        let _ = credentials::did::web::parse_did_web(&did);
        let _ = credentials::did::did_of(&did);
        let mut document = serde_json::to_value(DidDocument::with_keys(web, &[(format!("{web}#key-1"), key)])).unwrap();
        mutate_times(&mut document, rng);
        let mut bytes = serde_json::to_vec(&document).unwrap();
        if rng.gen_range(0..8) == 0 {
            flip_bytes(&mut bytes, rng);
        }
        if let Ok(parsed) = DidDocument::parse(&bytes, web) {
            for url in [format!("{web}#key-1"), "#key-1".to_owned(), did.clone(), format!("{did}#x")] {
                let _ = parsed.method(&url);
                let _ = parsed.authorizes(&url, Purpose::AssertionMethod);
                let _ = parsed.authorizes(&url, Purpose::Authentication);
            }
            if let Some(method) = parsed.method(&format!("{web}#key-1")) {
                let _ = method.ed25519_key();
            }
            let mut resolver = StaticResolver::new();
            resolver.insert(parsed);
            let _ = credentials::did::resolve_key(&resolver, &format!("{web}#key-1"), Purpose::AssertionMethod);
        }
        (bytes, Ok(()))
    }

    pub fn request(&self, rng: &mut impl Rng) -> Run {
        use credentials::oid4vp::{sign_request, verify_request, AuthorizationRequest, DID_CLIENT_PREFIX};
        let now = SystemClock.now();
        let request = AuthorizationRequest {
            client_id: format!("{DID_CLIENT_PREFIX}{}", self.did),
            response_type: "vp_token".into(),
            response_mode: "direct_post".into(),
            response_uri: "https://verifier.example/responses/1".into(),
            nonce: "n-0S6_WzA2Mj".into(),
            state: Some("s".into()),
            dcql_query: credentials::dcql::Query::from_value(json!({"credentials": [
                serde_json::to_value(credentials::dcql::skill_query("skill", "ldp_vc", "api_design")).unwrap()
            ]}))
            .unwrap(),
            client_metadata: json!({"client_name": "Verifier", "client_name#fr": "Vérificateur",
                "vp_formats_supported": {"ldp_vc": {"cryptosuite_values": ["eddsa-rdfc-2022"]}}}),
            aud: Some(credentials::oid4vp::WALLET_AUDIENCE.into()),
            iat: Some(now.timestamp()),
            exp: Some(now.timestamp() + 300),
        };
        let mut claims = serde_json::to_value(&request).unwrap();
        mutate_times(&mut claims, rng);
        let mut compact = credentials::jose::sign(&claims, self.key.clone(), credentials::oid4vp::REQUEST_JWT_TYPE)
            .unwrap_or_else(|_| sign_request(&request, self.key.clone()).unwrap())
            .into_bytes();
        if rng.gen_range(0..6) == 0 {
            flip_bytes(&mut compact, rng);
        }
        let text = String::from_utf8_lossy(&compact).into_owned();
        let resolver = StaticResolver::new();
        let link =
            [None, Some(request.client_id.as_str()), Some("decentralized_identifier:did:key:z")][rng.gen_range(0..3)];
        if let Ok(read) = verify_request(&text, link, &resolver, now) {
            let _ = read.verifier_did();
            let _ = read.accepts_cryptosuite("ldp_vc", "eddsa-jcs-2022");
            let _ = read.expires_at();
            let _ = read.client_name(schemas::Lang::Fr);
            for credential in &self.unsigned {
                let _ = read.dcql_query.queries_to_answer(|q| q.matches("ldp_vc", credential, &self.contexts));
            }
        }
        (compact, Ok(()))
    }
}
