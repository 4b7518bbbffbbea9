//! Writes the bad-input corpus under `tests/corpus/` and its manifest `expected.json` (file →
//! exit code and error code). Run `cargo run -p scenarios --example make_corpus` after changing
//! a case; the files are committed so the corpus test needs no generator.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use chrono::{DateTime, Utc};
use credentials::contexts::ContextSet;
use credentials::did::Purpose;
use credentials::proof::data_integrity::{add_proof, ProofOptions, Suite};
use credentials::Signer;
use hmac::{Hmac, Mac};
use scenarios::TestKey;
use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};
use serde_json::{json, Value};

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

fn skill(issuer_did: &str) -> Value {
    SkillCredentialBuilder::new(
        "urn:uuid:0b7f4a52-3d5e-4c61-9a7e-2f2b1c0d9e11",
        Issuer {
            id: issuer_did.to_owned(),
            name: LocalizedText::new("Department of Examples", "Ministère des Exemples"),
        },
        "api_design",
        Level::Advanced,
        at("2026-01-01T00:00:00Z"),
    )
    .subject(TestKey::from_seed(9).did())
    .valid_until(at("2027-01-01T00:00:00Z"))
    .build()
    .unwrap()
}

fn sign(document: &Value, key: &TestKey, suite: Suite) -> Value {
    add_proof(document, key, &ProofOptions::new(suite, at("2026-01-02T00:00:00Z")), &ContextSet::standard()).unwrap()
}

/// Adds a proof without any check, for documents our own signer refuses to sign.
fn sign_jcs_anyway(document: &Value, key: &TestKey) -> Value {
    let mut signed = document.clone();
    let mut config = json!({
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": "2026-01-02T00:00:00Z",
        "verificationMethod": key.verification_method(),
        "proofPurpose": "assertionMethod",
    });
    if let Some(context) = document.get("@context") {
        config["@context"] = context.clone();
    }
    use sha2::Digest;
    let mut message = sha2::Sha256::digest(credentials::canonical::jcs(&config).as_bytes()).to_vec();
    message.extend_from_slice(&sha2::Sha256::digest(credentials::canonical::jcs(document).as_bytes()));
    config["proofValue"] = multibase::encode(multibase::Base::Base58Btc, key.raw_sign(&message)).into();
    signed["proof"] = config;
    signed
}

fn jwt(header: Value, payload: &Value, key: &TestKey) -> String {
    let signing_input = format!("{}.{}", B64.encode(header.to_string()), B64.encode(payload.to_string()));
    format!("{signing_input}.{}", B64.encode(key.raw_sign(signing_input.as_bytes())))
}

struct Corpus {
    directory: std::path::PathBuf,
    expected: BTreeMap<String, Value>,
}

impl Corpus {
    fn add(&mut self, name: &str, content: impl AsRef<[u8]>, exit: u8, code: &str) {
        std::fs::write(self.directory.join(name), content).unwrap();
        self.expected.insert(name.to_owned(), json!({"exit": exit, "code": code}));
    }
    fn json(&mut self, name: &str, value: &Value, exit: u8, code: &str) {
        self.add(name, serde_json::to_string_pretty(value).unwrap(), exit, code);
    }
}

fn main() {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut corpus = Corpus { directory: directory.clone(), expected: BTreeMap::new() };
    let issuer = TestKey::from_seed(1);
    let other = TestKey::from_seed(2);
    let unsigned = skill(&issuer.did());
    let rdfc = sign(&unsigned, &issuer, Suite::EddsaRdfc2022);

    // Not a credential at all: exit 2.
    corpus.add("not-json.json", "this is not JSON", 2, "input_not_json");
    corpus.add("empty.json", "", 2, "input_empty");
    corpus.add("not-utf8.json", [0xff, 0xfe, 0x00, 0x7b], 2, "input_not_json");
    corpus.add("deep-nesting.json", format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)), 2, "input_too_deep");
    corpus.json(
        "credential-as-json-string.json",
        &Value::String(serde_json::to_string(&rdfc).unwrap()),
        2,
        "input_not_object",
    );
    corpus.json("array.json", &json!([rdfc]), 2, "input_not_object");
    corpus.add("number.json", "42", 2, "input_not_object");
    let mut no_type = rdfc.clone();
    no_type.as_object_mut().unwrap().remove("type");
    corpus.json("missing-type.json", &no_type, 2, "missing_field");
    let mut other_type = rdfc.clone();
    other_type["type"] = json!(["Thing"]);
    corpus.json("unknown-document-type.json", &other_type, 2, "unknown_document_type");
    corpus.add("truncated-json.json", &serde_json::to_string(&rdfc).unwrap()[..200], 2, "input_not_json");
    corpus.add("jwt-bad-characters.jwt", "eyJhbGciOiJFZERTQSJ9.e30!.c2ln", 2, "input_not_json");

    // Contexts and structure.
    let mut no_context = rdfc.clone();
    no_context.as_object_mut().unwrap().remove("@context");
    corpus.json("missing-context.json", &no_context, 1, "context_missing");
    let mut wrong_first = rdfc.clone();
    wrong_first["@context"] =
        json!(["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "https://www.w3.org/ns/credentials/v2"]);
    corpus.json("wrong-first-context.json", &wrong_first, 1, "context_wrong_first");
    let mut not_bundled = rdfc.clone();
    not_bundled["@context"].as_array_mut().unwrap().push("https://contexts.example/not-bundled/v1".into());
    corpus.json("context-not-bundled.json", &not_bundled, 1, "context_not_bundled");
    let mut redefined = unsigned.clone();
    redefined["@context"].as_array_mut().unwrap().push(json!({"name": "https://attacker.example/name"}));
    corpus.json(
        "inline-context-redefining-a-protected-term.json",
        &sign_jcs_anyway(&redefined, &issuer),
        1,
        "context_term_redefined",
    );
    // The same signed statement under a full IRI would escape the validUntil check.
    let mut hidden = rdfc.clone();
    let until = hidden.as_object_mut().unwrap().remove("validUntil").unwrap();
    hidden["https://www.w3.org/2018/credentials#validUntil"] =
        json!({"@value": until, "@type": "http://www.w3.org/2001/XMLSchema#dateTime"});
    corpus.json("valid-until-hidden-under-a-full-iri.json", &hidden, 1, "property_not_a_term");
    let mut blank = unsigned.clone();
    blank["credentialSubject"]["achievement"]["id"] = "_:b0".into();
    corpus.json("blank-node-id.json", &sign_jcs_anyway(&blank, &issuer), 1, "blank_node_id_refused");
    let mut long_value = rdfc.clone();
    long_value["proof"]["proofValue"] = format!("z{}", "1".repeat(200_000)).into();
    corpus.json("proof-value-200k-characters.json", &long_value, 1, "proof_value_invalid");
    let mut no_issuer = unsigned.clone();
    no_issuer.as_object_mut().unwrap().remove("issuer");
    corpus.json("missing-issuer.json", &sign_jcs_anyway(&no_issuer, &issuer), 1, "missing_field");
    let mut issuer_not_url = unsigned.clone();
    issuer_not_url["issuer"]["id"] = "not a url".into();
    corpus.json("issuer-not-a-url.json", &sign_jcs_anyway(&issuer_not_url, &issuer), 1, "invalid_field");
    let mut empty_subject = unsigned.clone();
    empty_subject["credentialSubject"] = json!({});
    corpus.json("empty-credential-subject.json", &sign_jcs_anyway(&empty_subject, &issuer), 1, "invalid_field");

    // Validity window (checked as of 2026-06-01).
    let mut until_before_from = unsigned.clone();
    until_before_from["validUntil"] = "2025-01-01T00:00:00Z".into();
    corpus.json(
        "valid-until-before-valid-from.json",
        &sign_jcs_anyway(&until_before_from, &issuer),
        1,
        "valid_until_before_valid_from",
    );
    let mut expired = unsigned.clone();
    expired["validFrom"] = "2024-01-01T00:00:00Z".into();
    expired["validUntil"] = "2025-01-01T00:00:00Z".into();
    corpus.json("expired.json", &sign(&expired, &issuer, Suite::EddsaJcs2022), 1, "expired");
    let mut future = unsigned.clone();
    future["validFrom"] = "2030-01-01T00:00:00Z".into();
    future["validUntil"] = "2031-01-01T00:00:00Z".into();
    corpus.json("not-yet-valid.json", &sign(&future, &issuer, Suite::EddsaRdfc2022), 1, "not_yet_valid");
    let mut bad_date = unsigned.clone();
    bad_date["validFrom"] = "yesterday".into();
    corpus.json("bad-date.json", &sign_jcs_anyway(&bad_date, &issuer), 1, "date_invalid");

    // Proofs.
    let mut unknown_suite = rdfc.clone();
    unknown_suite["proof"]["cryptosuite"] = "eddsa-2099".into();
    corpus.json("unknown-cryptosuite.json", &unknown_suite, 1, "cryptosuite_unknown");
    let mut unsupported_type = rdfc.clone();
    unsupported_type["proof"]["type"] = "RsaSignature2018".into();
    corpus.json("unsupported-proof-type.json", &unsupported_type, 1, "proof_type_unsupported");
    let mut other_document = sign(&skill(&issuer.did()), &issuer, Suite::EddsaRdfc2022);
    let mut different = unsigned.clone();
    different["credentialSubject"]["proficiencyLevel"] = "beginner".into();
    other_document["proof"] = sign(&different, &issuer, Suite::EddsaRdfc2022)["proof"].clone();
    corpus.json("proof-from-a-different-document.json", &other_document, 1, "signature_mismatch");
    let mut truncated = rdfc.clone();
    let value = truncated["proof"]["proofValue"].as_str().unwrap().to_owned();
    truncated["proof"]["proofValue"] = value[..40].into();
    corpus.json("truncated-proof-value.json", &truncated, 1, "proof_value_invalid");
    let mut wrong_prefix = rdfc.clone();
    wrong_prefix["proof"]["proofValue"] = format!("u{}", B64.encode([7u8; 64])).into();
    corpus.json("wrong-multibase-prefix.json", &wrong_prefix, 1, "proof_value_invalid");
    let mut tampered = rdfc.clone();
    tampered["credentialSubject"]["proficiencyLevel"] = "expert".into();
    corpus.json("tampered-subject.json", &tampered, 1, "signature_mismatch");
    let mut tampered_name = rdfc.clone();
    tampered_name["issuer"]["localizedName"]["fr"] = "Ministère des Contrefaçons".into();
    corpus.json("tampered-issuer-name.json", &tampered_name, 1, "signature_mismatch");
    let mut no_proof = unsigned.clone();
    no_proof.as_object_mut().unwrap().remove("proof");
    corpus.json("missing-proof.json", &no_proof, 1, "proof_missing");
    let mut no_method = rdfc.clone();
    no_method["proof"].as_object_mut().unwrap().remove("verificationMethod");
    corpus.json("proof-without-verification-method.json", &no_method, 1, "proof_field_missing");
    let mut wrong_purpose = unsigned.clone();
    let mut options = ProofOptions::new(Suite::EddsaRdfc2022, at("2026-01-02T00:00:00Z"));
    options.purpose = Purpose::Authentication;
    wrong_purpose = add_proof(&wrong_purpose, &issuer, &options, &ContextSet::standard()).unwrap();
    corpus.json("wrong-proof-purpose.json", &wrong_purpose, 1, "proof_purpose_wrong");
    corpus.json("signed-by-someone-else.json", &sign(&unsigned, &other, Suite::EddsaRdfc2022), 1, "signer_not_issuer");
    let p256 = "did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP";
    let p256_key = TestKey::named(1, &format!("{p256}#zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP"));
    corpus.json("key-of-another-curve.json", &sign(&skill(p256), &p256_key, Suite::EddsaJcs2022), 1, "key_unsupported");
    let ion = TestKey::named(1, "did:ion:EiAexample#key-1");
    corpus.json(
        "unsupported-did-method.json",
        &sign(&skill("did:ion:EiAexample"), &ion, Suite::EddsaJcs2022),
        1,
        "did_method_unsupported",
    );
    let wrong_fragment = TestKey::named(1, &format!("{}#not-this-key", issuer.did()));
    corpus.json(
        "unknown-verification-method.json",
        &sign(&unsigned, &wrong_fragment, Suite::EddsaJcs2022),
        1,
        "verification_method_not_found",
    );
    let mut chain = rdfc.clone();
    chain["proof"]["previousProof"] = "urn:uuid:no-such-proof".into();
    corpus.json("previous-proof-missing.json", &chain, 1, "previous_proof_missing");
    let mut proof_expired = rdfc.clone();
    proof_expired["proof"]["expires"] = "2026-02-01T00:00:00Z".into();
    corpus.json("proof-expired.json", &proof_expired, 1, "proof_expired");
    let mut no_french = unsigned.clone();
    no_french["credentialSubject"]["achievement"]["localizedName"].as_object_mut().unwrap().remove("fr");
    corpus.json("schema-missing-french-name.json", &sign_jcs_anyway(&no_french, &issuer), 1, "schema_violation");

    // did:web issuers that resolve to addresses a verifier must never contact (run with --online).
    for (name, host) in [
        ("did-web-private-10.json", "10.0.0.1"),
        ("did-web-cloud-metadata.json", "169.254.169.254"),
        ("did-web-ipv6-loopback.json", "%5B%3A%3A1%5D"),
    ] {
        let did = format!("did:web:{host}");
        let key = TestKey::named(1, &format!("{did}#key-1"));
        corpus.json(name, &sign(&skill(&did), &key, Suite::EddsaJcs2022), 1, "did_address_refused");
    }

    // vc+jwt.
    let kid = issuer.verification_method().to_owned();
    corpus.add(
        "jwt-alg-none.jwt",
        format!(
            "{}.{}.",
            B64.encode(json!({"alg": "none", "typ": "vc+jwt", "kid": kid}).to_string()),
            B64.encode(unsigned.to_string())
        ),
        1,
        "jwt_algorithm_refused",
    );
    let hs_input = format!(
        "{}.{}",
        B64.encode(json!({"alg": "HS256", "typ": "vc+jwt", "kid": kid}).to_string()),
        B64.encode(unsigned.to_string())
    );
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(issuer.public_key().as_bytes()).unwrap();
    mac.update(hs_input.as_bytes());
    corpus.add(
        "jwt-hs256-public-key-as-secret.jwt",
        format!("{hs_input}.{}", B64.encode(mac.finalize().into_bytes())),
        1,
        "jwt_algorithm_refused",
    );
    corpus.add(
        "jwt-kid-of-another-key.jwt",
        jwt(json!({"alg": "EdDSA", "typ": "vc+jwt", "kid": other.verification_method()}), &unsigned, &other),
        1,
        "jwt_kid_not_issuer",
    );
    corpus.add(
        "jwt-wrong-typ.jwt",
        jwt(json!({"alg": "EdDSA", "typ": "JWT", "kid": kid}), &unsigned, &issuer),
        1,
        "jwt_type_wrong",
    );
    corpus.add(
        "jwt-missing-kid.jwt",
        jwt(json!({"alg": "EdDSA", "typ": "vc+jwt"}), &unsigned, &issuer),
        1,
        "jwt_kid_missing",
    );
    let good = jwt(json!({"alg": "EdDSA", "typ": "vc+jwt", "kid": kid}), &unsigned, &issuer);
    let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
    let mut changed = unsigned.clone();
    changed["credentialSubject"]["proficiencyLevel"] = "expert".into();
    parts[1] = B64.encode(changed.to_string());
    corpus.add("jwt-tampered-payload.jwt", parts.join("."), 1, "signature_mismatch");
    let mut expired_jwt = unsigned.clone();
    expired_jwt["exp"] = 1_767_225_600.into(); // 2026-01-01
    corpus.add(
        "jwt-exp-passed.jwt",
        jwt(json!({"alg": "EdDSA", "typ": "vc+jwt", "kid": kid}), &expired_jwt, &issuer),
        1,
        "expired",
    );
    let mut other_iss = unsigned.clone();
    other_iss["iss"] = other.did().into();
    corpus.add(
        "jwt-iss-not-issuer.jwt",
        jwt(json!({"alg": "EdDSA", "typ": "vc+jwt", "kid": kid}), &other_iss, &issuer),
        1,
        "jwt_kid_not_issuer",
    );
    corpus.add(
        "jwt-payload-not-json.jwt",
        format!(
            "{}.{}.{}",
            B64.encode(json!({"alg": "EdDSA", "typ": "vc+jwt", "kid": kid}).to_string()),
            B64.encode("not json"),
            B64.encode([0u8; 64])
        ),
        1,
        "jwt_malformed",
    );

    // Presentations.
    let holder = TestKey::from_seed(9);
    let stranger = TestKey::from_seed(3);
    let presentation = |credential: &Value, signer: &TestKey, challenge: &str| {
        let vp = json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"],
            "holder": signer.did(),
            "verifiableCredential": [credential],
        });
        let mut options = ProofOptions::new(Suite::EddsaRdfc2022, at("2026-05-01T00:00:00Z"));
        options.purpose = Purpose::Authentication;
        options.challenge = Some(challenge.to_owned());
        options.domain = Some("hiring.example".to_owned());
        add_proof(&vp, signer, &options, &ContextSet::standard()).unwrap()
    };
    corpus.json("presentation-by-someone-else.json", &presentation(&rdfc, &stranger, "c-123"), 1, "holder_not_subject");
    corpus.json(
        "presentation-wrong-challenge.json",
        &presentation(&rdfc, &holder, "replayed-challenge"),
        1,
        "challenge_mismatch",
    );
    corpus.json(
        "presentation-with-tampered-credential.json",
        &presentation(&tampered, &holder, "c-123"),
        1,
        "signature_mismatch",
    );
    // A captured presentation (old challenge) with a second proof, by someone else, for the new one.
    let captured = presentation(&rdfc, &holder, "old-challenge");
    let mut options = ProofOptions::new(Suite::EddsaJcs2022, at("2026-05-02T00:00:00Z"));
    options.purpose = Purpose::Authentication;
    options.challenge = Some("c-123".to_owned());
    options.domain = Some("hiring.example".to_owned());
    let replayed = add_proof(&captured, &stranger, &options, &ContextSet::standard()).unwrap();
    corpus.json("presentation-replayed-with-a-second-proof.json", &replayed, 1, "challenge_mismatch");
    corpus.json("presentation-required-but-credential-given.json", &rdfc, 1, "presentation_required");
    // One credential twice, its id made blank: RDF canonicalization of the presentation would try
    // 15! orderings (found by fuzzing: minutes and gigabytes); refused before it starts.
    let mut poison = presentation(&rdfc, &holder, "c-123");
    let mut twin = rdfc.clone();
    twin["id"] = json!("@value");
    poison["verifiableCredential"] = json!([[twin.clone()], [twin]]);
    corpus.json("presentation-with-a-credential-twice.json", &poison, 1, "rdf_too_ambiguous");

    // Good fixtures the corpus test checks pass, so a broken verifier cannot pass by failing everything.
    corpus.json("valid-rdfc.json", &rdfc, 0, "");
    corpus.json("valid-jcs.json", &sign(&unsigned, &issuer, Suite::EddsaJcs2022), 0, "");
    corpus.add("valid.jwt", &good, 0, "");
    corpus.json("valid-presentation.json", &presentation(&rdfc, &holder, "c-123"), 0, "");

    std::fs::write(directory.join("expected.json"), serde_json::to_string_pretty(&corpus.expected).unwrap() + "\n")
        .unwrap();
    println!("wrote {} corpus files to {}", corpus.expected.len(), directory.display());
}
