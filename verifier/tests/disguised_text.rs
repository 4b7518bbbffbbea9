//! Issue #21: text taken from a credential reached the terminal and the page with Unicode
//! bidirectional controls and other control characters intact, so that `Good
//! \u{202e}gnp.exe\u{202c} work` displayed as `Good exe.png work`. A well-signed credential whose
//! evidence, issuer name and skill carry such characters is shown by `verifier verify` (text and
//! JSON) and by the page with each control marked by its code point, never acting.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

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
use schemas::{Evidence, Issuer, Level, LocalizedText, SkillCredentialBuilder};
use serde_json::Value;
use tower::ServiceExt;
use verifier::domain::service::VerifierService;
use verifier::http::app;

const EVIDENCE: &str = "Good \u{202e}gnp.exe\u{202c} work";
const EVIDENCE_SHOWN: &str = "Good ⟨U+202E⟩gnp.exe⟨U+202C⟩ work";
/// An issuer name with an isolate, a left-to-right mark, a line break drawing a line of its own,
/// and a terminal escape (clear the screen).
const NAME: &str = "Dept\u{2067}A\u{2069}\u{200e}\nVALID\u{1b}[2J";
const NAME_SHOWN: &str = "Dept⟨U+2067⟩A⟨U+2069⟩⟨U+200E⟩ VALID⟨U+001B⟩[2J";

/// Every character that must never reach a reader as such.
fn disguising(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || (c.is_control() && c != '\n')
}

fn credential() -> Value {
    let issuer = LocalKey::generate();
    let credential = SkillCredentialBuilder::new(
        "urn:uuid:5c0e2b8e-0000-4000-8000-0000000000b1",
        Issuer { id: issuer.did_key(), name: LocalizedText::new(NAME, NAME) },
        "api_design",
        Level::Advanced,
        SystemClock.now() - chrono::Duration::days(1),
    )
    .subject(LocalKey::generate().did_key())
    .evidence(Evidence { id: None, narrative: LocalizedText::new(EVIDENCE, EVIDENCE) })
    .build()
    .unwrap();
    add_proof(&credential, &issuer, &ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now()), &ContextSet::standard())
        .unwrap()
}

#[test]
fn the_terminal_shows_each_control_marked() {
    let directory = tempfile::tempdir().unwrap();
    let credential = credential();
    std::fs::write(directory.path().join("c.json"), credential.to_string()).unwrap();
    for lang in ["en", "fr"] {
        let output = Command::new(env!("CARGO_BIN_EXE_verifier"))
            .args(["verify", "--lang", lang, "c.json"])
            .current_dir(directory.path())
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        assert_eq!(output.status.code(), Some(3), "{text}");
        assert!(text.contains(EVIDENCE_SHOWN), "{text}");
        assert!(text.contains(NAME_SHOWN), "{text}");
        assert!(!text.chars().any(disguising), "{text:?}");
        assert!(!text.lines().any(|line| line.starts_with("VALID")), "a line of its own: {text}");
    }
    // JSON for programs: the same text, its controls escaped (here a cryptosuite the report
    // names, which the credential chose).
    let mut odd = credential.clone();
    odd["proof"]["cryptosuite"] = format!("eddsa-{EVIDENCE}").into();
    std::fs::write(directory.path().join("odd.json"), odd.to_string()).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_verifier"))
        .args(["verify", "--json", "odd.json"])
        .current_dir(directory.path())
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let text = text.trim_end();
    assert!(!text.chars().any(|c| disguising(c) || c == '\n'), "{text:?}");
    assert!(text.contains(r"Good \u202egnp.exe\u202c work"), "{text}");
    let read: Value = serde_json::from_str(text).unwrap();
    assert!(read.to_string().contains(EVIDENCE), "the same text, escaped: {read}");
}

#[tokio::test]
async fn the_page_shows_each_control_marked() {
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    let router = app(Arc::new(VerifierService::new(verifier, false)));
    let document = credential().to_string();
    for lang in ["en", "fr"] {
        let form = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs([("document", document.as_str()), ("lang", lang)])
            .finish();
        let request = Request::post("/page/verify")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form))
            .unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let page = String::from_utf8(response.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
        // The result, above the form (whose box gives back what was pasted, as pasted).
        let result = &page[..page.find("<textarea").unwrap()];
        assert!(result.contains(EVIDENCE_SHOWN), "{result}");
        assert!(result.contains(NAME_SHOWN), "{result}");
        assert!(!result.chars().any(disguising), "{result:?}");
    }
}
