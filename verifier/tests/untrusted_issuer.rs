//! Issue #21, "a forged credential passes as real": any key can sign a credential that names
//! itself "Employment and Social Development Canada" and says "Expert". Without a trust registry
//! the VC-API answer may still say `verified` for the checks asked, but warns that the issuer is
//! not trusted, naming it; the page and `verifier verify` never call it valid and say, in both
//! languages, that it is signed by an issuer nobody said to trust and the name it gives itself;
//! the command exits with a code of its own. With a registry, such an issuer fails; one the
//! registry names is valid.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use credentials::contexts::ContextSet;
use credentials::did::StaticResolver;
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::verify::Verifier;
use credentials::{Clock, SystemClock};
use http_body_util::BodyExt;
use keys::LocalKey;
use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};
use serde_json::{json, Value};
use tower::ServiceExt;
use verifier::domain::service::VerifierService;
use verifier::http::app;

mod support;

const CLAIMED_EN: &str = "Employment and Social Development Canada";
const CLAIMED_FR: &str = "Emploi et Développement social Canada";

/// A well-signed skill credential, level Expert, by a key of anyone's, naming itself a department.
fn forged(signer: &LocalKey) -> Value {
    let credential = SkillCredentialBuilder::new(
        "urn:uuid:5c0e2b8e-0000-4000-8000-000000000021",
        Issuer { id: signer.did_key(), name: LocalizedText::new(CLAIMED_EN, CLAIMED_FR) },
        "api_design",
        Level::Expert,
        SystemClock.now() - chrono::Duration::days(1),
    )
    .subject(LocalKey::generate().did_key())
    .build()
    .unwrap();
    add_proof(&credential, signer, &ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now()), &ContextSet::standard())
        .unwrap()
}

/// A registry trusting `did` for skills.
fn registry(directory: &Path, did: &str) -> std::path::PathBuf {
    let path = directory.join(format!("trust-{}.toml", &did[did.len() - 6..]));
    let entry = format!(
        "[[issuer]]\nid = \"{did}\"\nname = \"Known department\"\nname_fr = \"Ministère connu\"\ncredential_types = [\"SkillCredential\"]\n"
    );
    std::fs::write(&path, entry).unwrap();
    path
}

fn service(trust: Option<&Path>) -> axum::Router {
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    let service = VerifierService::new(verifier, false);
    app(Arc::new(match trust {
        Some(path) => service.with_trust(path).unwrap(),
        None => service,
    }))
}

async fn page(router: &axum::Router, credential: &Value, lang: &str) -> String {
    let form = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("document", credential.to_string().as_str()), ("lang", lang)])
        .finish();
    let request = Request::post("/page/verify")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    String::from_utf8(response.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap()
}

#[tokio::test]
async fn without_a_registry_the_api_warns_and_the_page_never_says_valid() {
    let signer = LocalKey::generate();
    let credential = forged(&signer);
    let router = service(None);

    let (status, answer) =
        support::post(&router, "/credentials/verify", json!({"verifiableCredential": credential})).await;
    assert_eq!((status, &answer["verified"]), (StatusCode::OK, &json!(true)), "{answer:#}");
    let warning = answer["warnings"].as_array().unwrap().iter().find(|w| w["check"] == "trusted_issuer").unwrap();
    assert_eq!(warning["code"], "issuer_not_trusted", "{answer:#}");
    assert!(warning["message"].as_str().unwrap().contains(&signer.did_key()), "{answer:#}");

    let english = page(&router, &credential, "en").await;
    assert!(english.contains("Result: signed, but by an issuer you have not said you trust"), "{english}");
    assert!(
        english.contains(&format!(
            "Signed, but by an issuer you have not said you trust; the name it gives itself is “{CLAIMED_EN}”."
        )),
        "{english}"
    );
    assert!(english.contains(&format!("{CLAIMED_EN} (the name it gives itself)")), "{english}");
    assert!(!english.contains("Result: valid") && !english.contains("Credential valid"), "{english}");
    let french = page(&router, &credential, "fr").await;
    assert!(
        french.contains(&format!(
            "Signée, mais par un émetteur que vous n'avez pas déclaré digne de confiance ; le nom qu'il se donne est « {CLAIMED_FR} »."
        )),
        "{french}"
    );
    assert!(!french.contains("Résultat : valide"), "{french}");
}

#[tokio::test]
async fn with_a_registry_an_issuer_it_does_not_name_fails_and_one_it_names_is_valid() {
    let directory = tempfile::tempdir().unwrap();
    let (signer, known) = (LocalKey::generate(), LocalKey::generate());
    let router = service(Some(&registry(directory.path(), &known.did_key())));

    let body = json!({"verifiableCredential": forged(&signer)});
    let (status, answer) = support::post(&router, "/credentials/verify", body).await;
    assert_eq!((status, &answer["verified"]), (StatusCode::BAD_REQUEST, &json!(false)), "{answer:#}");
    assert_eq!(answer["errors"][0]["code"], "issuer_not_trusted", "{answer:#}");

    let trusted = forged(&known);
    let (status, answer) =
        support::post(&router, "/credentials/verify", json!({"verifiableCredential": trusted})).await;
    assert_eq!((status, &answer["verified"]), (StatusCode::OK, &json!(true)), "{answer:#}");
    assert!(answer["warnings"].as_array().unwrap().iter().all(|w| w["check"] != "trusted_issuer"), "{answer:#}");
    let english = page(&router, &trusted, "en").await;
    assert!(english.contains("Result: valid"), "{english}");
    assert!(!english.contains("the name it gives itself"), "{english}");
}

fn verify(args: &[&str], directory: &Path) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_verifier")).args(args).current_dir(directory).output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap())
}

#[test]
fn verifier_verify_says_who_signed_in_both_languages_and_exits_3() {
    let directory = tempfile::tempdir().unwrap();
    let dir = directory.path();
    let (signer, known) = (LocalKey::generate(), LocalKey::generate());
    std::fs::write(dir.join("forged.json"), forged(&signer).to_string()).unwrap();
    std::fs::write(dir.join("known.json"), forged(&known).to_string()).unwrap();

    let (code, english) = verify(&["verify", "--lang", "en", "forged.json"], dir);
    assert_eq!(code, Some(3), "{english}");
    let said =
        format!("signed, but by an issuer you have not said you trust; the name it gives itself is “{CLAIMED_EN}”");
    assert!(english.contains(&said), "{english}");
    assert!(english.contains(&format!("{CLAIMED_EN} (the name it gives itself)")), "{english}");
    assert!(!english.contains("VALID"), "{english}");
    let (code, french) = verify(&["verify", "--lang", "fr", "forged.json"], dir);
    assert_eq!(code, Some(3), "{french}");
    let said = format!(
        "signée, mais par un émetteur que vous n'avez pas déclaré digne de confiance ; le nom qu'il se donne est « {CLAIMED_FR} »"
    );
    assert!(french.contains(&said), "{french}");
    assert!(!french.contains("VALIDE"), "{french}");
    // Several files: one line each, and the count of those signed by a stranger.
    let (code, both) = verify(&["verify", "--lang", "en", "forged.json", "known.json"], dir);
    assert_eq!(code, Some(3), "{both}");
    assert!(both.contains("2 checked: 0 valid, 0 invalid, 0 unreadable, 2 signed by an issuer"), "{both}");
    let (_, json) = verify(&["verify", "--json", "forged.json"], dir);
    assert!(json.contains("issuer_not_trusted"), "{json}");

    // With a registry: the issuer it names is valid (0); one it does not name fails (1).
    let registry = registry(dir, &known.did_key());
    let registry = registry.to_str().unwrap();
    let (code, english) = verify(&["verify", "--lang", "en", "--trust", registry, "known.json"], dir);
    assert_eq!(code, Some(0), "{english}");
    assert!(english.contains("VALID") && !english.contains("the name it gives itself"), "{english}");
    let (code, english) = verify(&["verify", "--lang", "en", "--trust", registry, "forged.json"], dir);
    assert_eq!(code, Some(1), "{english}");
    assert!(english.contains("INVALID") && english.contains("issuer_not_trusted"), "{english}");

    // The exit code is said in --help, in both languages.
    let (_, help) = verify(&["verify", "--help"], dir);
    assert!(help.contains("3  all signed, but at least one by an issuer you have not said you trust"), "{help}");
    let (_, aide) = verify(&["--lang", "fr", "verify", "--help"], dir);
    assert!(aide.contains("3  tout est signé, mais au moins une par un émetteur"), "{aide}");
}
