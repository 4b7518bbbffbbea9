//! The issuer's OpenID4VCI endpoints as a third-party OAuth client sees them, over HTTP against a
//! real `issuer serve`: it finds the endpoints in the metadata, then sends bad token requests
//! (a wrong code, a reused code, another grant type) and bad credential requests (no token, a
//! token that is not one, a key proof without a nonce, a used nonce), and reads every refusal
//! only as RFC 6749 §5.2 and RFC 6750 §3 say a client may: by its media type
//! (`application/json`), its `error` member, and on a 401 the `WWW-Authenticate` challenge. It
//! also asks twice for its credential under one access token, as a wallet whose answer was lost
//! does, and gets the same credential back, issued once.

use std::sync::Arc;

use scenarios::{issuer_admin, start_issuer, IssuerSetup, TestKey};
use serde_json::{json, Value};

/// An answer as an OAuth client reads it.
#[derive(Debug)]
struct Answer {
    status: u16,
    /// The media type, without parameters.
    media: String,
    challenge: Option<String>,
    /// The body, parsed as JSON only when its media type says it is JSON.
    body: Value,
}

fn read(result: Result<ureq::Response, ureq::Error>) -> Answer {
    let response = match result {
        Ok(response) | Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{error}"),
    };
    let (status, media) = (response.status(), response.content_type().to_ascii_lowercase());
    let challenge = response.header("WWW-Authenticate").map(str::to_owned);
    let text = response.into_string().unwrap();
    let body = if media == "application/json" { serde_json::from_str(&text).unwrap() } else { Value::Null };
    Answer { status, media, challenge, body }
}

impl Answer {
    /// Checks that this is an OAuth error answer with `status` and `code` (RFC 6749 §5.2: JSON,
    /// `error`, an ASCII `error_description`; RFC 6750 §3: on a 401, the `Bearer` challenge
    /// carries the same code).
    fn refused(&self, status: u16, code: &str) {
        assert_eq!((self.status, self.media.as_str()), (status, "application/json"), "{self:?}");
        assert_eq!(self.body["error"], code, "{self:?}");
        let description = self.body["error_description"].as_str().unwrap_or_default();
        assert!(
            description.bytes().all(|b| matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E)),
            "error_description outside RFC 6749's characters: {description:?}"
        );
        if status == 401 {
            let challenge = self.challenge.as_deref().unwrap_or_default();
            assert!(challenge.starts_with("Bearer "), "{self:?}");
            assert!(challenge.contains(&format!("error=\"{code}\"")), "{self:?}");
        }
    }
}

/// `POST url` with a form body, as a token request is sent.
fn token(url: &str, form: &[(&str, &str)]) -> Answer {
    read(ureq::post(url).send_form(form))
}

/// `POST url` with a JSON body and, when given, an access token.
fn credential(url: &str, access_token: Option<&str>, body: &Value, headers: &[(&str, &str)]) -> Answer {
    let mut request = ureq::post(url).set("Content-Type", "application/json");
    if let Some(access_token) = access_token {
        request = request.set("Authorization", &format!("Bearer {access_token}"));
    }
    for (name, value) in headers {
        request = request.set(name, value);
    }
    read(request.send_string(&body.to_string()))
}

#[test]
fn a_third_party_oauth_client_reads_every_refusal_as_the_rfcs_say() {
    let setup = IssuerSetup::new("issue");
    let issuer = start_issuer(setup.port, &setup.env());
    let base = &issuer.base_url;

    // Discovery, as any OpenID4VCI client does it.
    let metadata = read(ureq::get(&format!("{base}/.well-known/openid-credential-issuer/hr")).call()).body;
    let server = read(ureq::get(&format!("{base}/.well-known/oauth-authorization-server/hr")).call()).body;
    let identifier = metadata["credential_issuer"].as_str().unwrap().to_owned();
    let endpoint = |value: &Value| value.as_str().unwrap().replace(&identifier, &format!("{base}/hr"));
    let (token_endpoint, nonce_endpoint, credential_endpoint) = (
        endpoint(&server["token_endpoint"]),
        endpoint(&metadata["nonce_endpoint"]),
        endpoint(&metadata["credential_endpoint"]),
    );
    let configuration = "SkillCredential_jwt_vc_json";
    assert_eq!(
        metadata["credential_configurations_supported"][configuration]["credential_definition"],
        json!({"type": ["VerifiableCredential", "OpenBadgeCredential", "SkillCredential"]})
    );

    let offer = json!({"person": "Employee 4521 (Jordan Tremblay)", "credentialConfigurationId": configuration,
        "fields": {"skill": "api_design", "level": "advanced"}});
    let offer = read(
        ureq::post(&format!("{base}/credentials/offers"))
            .set("Authorization", &format!("Bearer {}", setup.token))
            .set("Content-Type", "application/json")
            .send_string(&offer.to_string()),
    )
    .body;
    let grant = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
    let code = offer["credentialOffer"]["grants"][grant]["pre-authorized_code"].as_str().unwrap().to_owned();

    // The token endpoint (RFC 6749 §5.2).
    token(&token_endpoint, &[("grant_type", grant), ("pre-authorized_code", "not-a-code")])
        .refused(400, "invalid_grant");
    token(&token_endpoint, &[("grant_type", "authorization_code"), ("code", &code)])
        .refused(400, "unsupported_grant_type");
    token(&token_endpoint, &[("pre-authorized_code", &code)]).refused(400, "invalid_request");
    let granted = token(&token_endpoint, &[("grant_type", grant), ("pre-authorized_code", &code)]);
    assert_eq!((granted.status, granted.media.as_str()), (200, "application/json"), "{granted:?}");
    assert_eq!(granted.body["token_type"], "Bearer");
    let access_token = granted.body["access_token"].as_str().unwrap().to_owned();
    token(&token_endpoint, &[("grant_type", grant), ("pre-authorized_code", &code)]).refused(400, "invalid_grant");

    let holder = Arc::new(TestKey::from_seed(41));
    let proof = |nonce: Option<&str>| {
        let now = credentials::Clock::now(&credentials::SystemClock).timestamp();
        let mut claims = json!({"aud": identifier, "iat": now});
        if let Some(nonce) = nonce {
            claims["nonce"] = nonce.into();
        }
        let proof = credentials::jose::sign(&claims, holder.clone(), credentials::jose::KEY_PROOF_TYPE).unwrap();
        json!({"credential_configuration_id": configuration, "proofs": {"jwt": [proof]}})
    };
    let nonce = || {
        let answer = read(ureq::post(&nonce_endpoint).call());
        assert_eq!((answer.status, answer.media.as_str()), (200, "application/json"), "{answer:?}");
        answer.body["c_nonce"].as_str().unwrap().to_owned()
    };

    // The credential endpoint: RFC 6750 §3 for the token, OpenID4VCI 1.0 §8.3.1.2 for the rest.
    let anonymous = credential(&credential_endpoint, None, &proof(Some(&nonce())), &[]);
    assert_eq!((anonymous.status, anonymous.challenge.as_deref()), (401, Some("Bearer")), "{anonymous:?}");
    assert_eq!(anonymous.media, "application/json");
    assert!(anonymous.body.get("error").is_none(), "no error code without a token (RFC 6750 §3.1): {anonymous:?}");
    credential(&credential_endpoint, Some("at.guessed"), &proof(Some(&nonce())), &[]).refused(401, "invalid_token");
    let french = credential(&credential_endpoint, Some("at.guessed"), &proof(None), &[("Accept-Language", "fr")]);
    french.refused(401, "invalid_token");
    assert_eq!(french.body["error_description"], "jeton d'acces inconnu", "French, folded to ASCII");
    credential(&credential_endpoint, Some(&access_token), &proof(None), &[]).refused(400, "invalid_proof");
    credential(&credential_endpoint, Some(&access_token), &proof(Some("made-up")), &[]).refused(400, "invalid_nonce");

    let used = nonce();
    let issued = credential(&credential_endpoint, Some(&access_token), &proof(Some(&used)), &[]);
    assert_eq!((issued.status, issued.media.as_str()), (200, "application/json"), "{issued:?}");
    let text = issued.body["credentials"][0]["credential"].as_str().expect("jwt_vc_json: the JWT itself").to_owned();
    assert_eq!(text.split('.').count(), 3, "{text}");
    // Appendix A.1.1: a `jwt_vc_json` credential is VCDM 1.1's JWT encoding, as its example
    // response: the credential in a `vc` claim beside `iss`, `jti`, `sub`, `nbf`.
    let jwt = credentials::jose::decode(&text).expect("a JWT");
    assert_eq!(jwt.header["typ"], "JWT", "{:?}", jwt.header);
    let vc = &jwt.payload["vc"];
    assert!(vc["type"].as_array().is_some_and(|t| t.iter().any(|t| t == "VerifiableCredential")), "{}", jwt.payload);
    assert_eq!(jwt.payload["iss"], vc["issuer"]["id"], "{}", jwt.payload);
    assert_eq!(jwt.payload["jti"], vc["id"]);
    assert_eq!(jwt.payload["sub"], vc["credentialSubject"]["id"]);
    assert!(jwt.payload["nbf"].is_i64() && jwt.payload.get("credentialSubject").is_none(), "{}", jwt.payload);
    // The same nonce again is stale; a wallet asks for a new one and tries again.
    credential(&credential_endpoint, Some(&access_token), &proof(Some(&used)), &[]).refused(400, "invalid_nonce");
    let again = credential(&credential_endpoint, Some(&access_token), &proof(Some(&nonce())), &[]);
    assert_eq!(again.status, 200, "{again:?}");
    assert_eq!(again.body["credentials"][0]["credential"], text.as_str(), "the same credential, not a second one");

    let audit = issuer_admin(&setup.env(), &["audit", "--department", "hr"]);
    let count = |action: &str| audit.lines().filter(|line| line.contains(&format!("\"{action}\""))).count();
    assert_eq!((count("offer.redeem"), count("credential.issue")), (1, 1), "{audit}");
}
