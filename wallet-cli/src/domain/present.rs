//! Presentations the holder signs: the credentials chosen, wrapped in a Verifiable Presentation
//! whose `holder` is the wallet's DID, bound to the verifier's challenge and domain so it cannot
//! be replayed to another verifier or later. A `vc+jwt` credential travels inside as an
//! `EnvelopedVerifiableCredential`. An SD-JWT VC is presented alone, as SD-JWT+KB: only the
//! disclosures the holder chose, and a key-binding JWT for the challenge (`nonce`) and domain
//! (`aud`).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::Purpose;
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::Signer;
use serde_json::{json, Value};

use crate::domain::store::{Entry, Wallet};
use crate::i18n::t;

/// How the presentation is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Data Integrity (`eddsa-rdfc-2022` unless the verifier accepts `eddsa-jcs-2022`, see
    /// [`crate::domain::oid4vp`]), proof purpose `authentication`.
    LdpVp,
    /// `vp+jwt`, with `nonce` = challenge and `aud` = domain.
    JwtVp,
}

fn embedded(entry: &Entry) -> Value {
    let text = entry.credential.trim();
    match serde_json::from_str::<Value>(text) {
        Ok(value @ Value::Object(_)) => value,
        // `vc+jwt`, or `jwt` for a VCDM 1.1 JWT (`jwt_vc_json`), as the envelope's media type.
        _ => credentials::secure::Secured::Jwt(text.to_owned()).to_vc_api(),
    }
}

/// The signed presentation, as text (JSON, or a compact JWS).
pub fn present(
    wallet: &Wallet,
    entries: &[Entry],
    challenge: &str,
    domain: &str,
    format: Format,
    suite: Suite,
    now: DateTime<Utc>,
) -> Result<String, credentials::Error> {
    if entries.iter().any(is_sd_jwt) {
        // Inside a presentation it would travel with every disclosure: refused, not wrapped.
        return Err(credentials::error::InputError::InvalidField {
            field: "credential",
            reason: credentials::error::Detail::localized(|lang| t!(lang, "presentation-sd-jwt-alone")),
        }
        .into());
    }
    match format {
        Format::LdpVp => {
            let mut options = ProofOptions::new(suite, now);
            options.challenge = Some(challenge.to_owned());
            options.domain = Some(domain.to_owned());
            present_ldp(wallet, entries, options)
        }
        Format::JwtVp => {
            let mut presentation = unsigned(wallet, entries);
            presentation["nonce"] = challenge.into();
            presentation["aud"] = domain.into();
            presentation["iat"] = now.timestamp().into();
            let signer: Arc<dyn Signer> = wallet.holder().clone();
            credentials::jose::sign(&presentation, signer, credentials::jose::VP_JWT_TYPE)
        }
    }
}

fn unsigned(wallet: &Wallet, entries: &[Entry]) -> Value {
    let mut presentation = json!({
        "@context": [CREDENTIALS_V2],
        "type": ["VerifiablePresentation"],
        "holder": wallet.did(),
    });
    // Moved in: `json!` would copy every credential once more.
    presentation["verifiableCredential"] = Value::Array(entries.iter().map(embedded).collect());
    presentation
}

/// A Data Integrity presentation of `entries` (none of them SD-JWT VCs), signed by the holder
/// key with the proof purpose `authentication` and the other proof `options` (challenge,
/// domain, `expires`).
pub fn present_ldp(
    wallet: &Wallet,
    entries: &[Entry],
    mut options: ProofOptions,
) -> Result<String, credentials::Error> {
    options.purpose = Purpose::Authentication;
    let signed = add_proof(&unsigned(wallet, entries), wallet.holder().as_ref(), &options, &ContextSet::standard())?;
    Ok(serde_json::to_string_pretty(&signed).unwrap_or_default())
}

/// Whether a stored credential is an SD-JWT VC (presented with `--disclose`, not in a VP).
pub fn is_sd_jwt(entry: &Entry) -> bool {
    credentials::sd_jwt_vc::looks_like_sd_jwt(entry.credential.trim())
}

/// An SD-JWT VC with only the claims in `disclose` (plus those always shown), bound to
/// `challenge` and `domain`.
pub fn present_sd_jwt(
    wallet: &Wallet,
    entry: &Entry,
    disclose: &[credentials::sd_jwt::ClaimPath],
    challenge: &str,
    domain: &str,
    now: DateTime<Utc>,
) -> Result<String, credentials::Error> {
    let binding = credentials::sd_jwt::Binding {
        audience: domain.to_owned(),
        nonce: challenge.to_owned(),
        issued_at: now.timestamp(),
    };
    let signer: Arc<dyn Signer> = wallet.holder().clone();
    credentials::sd_jwt_vc::present(entry.credential.trim(), disclose, &binding, signer)
}
