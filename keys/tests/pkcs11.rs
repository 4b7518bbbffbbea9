//! The PKCS#11 signer against a real SoftHSM2 token: keys generated in the token sign
//! signatures ed25519-dalek verifies, cannot be extracted, can be taken out of use, and a PIN
//! the token refuses gives the "unavailable" error, never a panic. (A token that goes away and
//! comes back: `pkcs11_recovery.rs`, a process of its own since recovering re-initializes the
//! module.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod softhsm;

use credentials::Signer;
use ed25519_dalek::Verifier;
use keys::pkcs11::{Pin, Token, TokenConfig, TokenError};
use softhsm::{config, SoftHsm, PIN};

const TOKENS: [&str; 4] = ["sign", "pin", "pool", "retire"];

fn softhsm() -> Option<&'static SoftHsm> {
    softhsm::softhsm(&TOKENS)
}

#[test]
fn a_key_generated_in_the_token_signs_what_ed25519_dalek_verifies_and_cannot_be_extracted() {
    let Some(hsm) = softhsm() else { return };
    let token = Token::open(config(hsm, "sign", PIN)).unwrap();
    let method = "did:web:example.org:hr#key-1";
    let key = token.generate(method).unwrap();
    assert_eq!(key.verification_method(), method);
    let signature = key.sign(b"a credential").unwrap();
    key.public_key().verify(b"a credential", &ed25519_dalek::Signature::from_bytes(&signature)).unwrap();
    assert!(key.public_key().verify(b"another", &ed25519_dalek::Signature::from_bytes(&signature)).is_err());

    let flags = token.private_key_flags(method).unwrap();
    assert!(flags.sensitive && !flags.extractable && flags.never_extractable && flags.token && flags.sign, "{flags:?}");

    // Found again by its label, with the same public key (as the DID document needs it).
    let again = Token::open(config(hsm, "sign", PIN)).unwrap().key(method).unwrap();
    assert_eq!(again.public_key(), key.public_key());
    // A second key of the same name is refused rather than made ambiguous.
    assert!(matches!(token.generate(method), Err(TokenError::Malformed { .. })));
    assert!(matches!(token.key("did:web:example.org:hr#key-none"), Err(TokenError::NoKey { .. })));
    assert!(!format!("{key:?}").is_empty());
}

#[test]
fn a_wrong_pin_is_the_unavailable_error_and_never_in_messages() {
    let Some(hsm) = softhsm() else { return };
    let error = Token::open(config(hsm, "pin", "wrong-pin-0000")).unwrap_err();
    assert!(matches!(error, TokenError::Pin { .. }), "{error:?}");
    assert!(error.is_unavailable());
    assert!(!error.to_string().contains("wrong-pin-0000"), "{error}");
    assert!(!format!("{error:?}").contains("wrong-pin-0000"));
    let unknown = Token::open(config(hsm, "no-such-token", PIN)).unwrap_err();
    assert!(matches!(unknown, TokenError::NoToken { .. }) && unknown.is_unavailable(), "{unknown:?}");
    let module = TokenConfig { module: "/nowhere/libpkcs11.so".into(), ..config(hsm, "pin", PIN) };
    assert!(matches!(Token::open(module), Err(TokenError::Module { .. })));
    assert_eq!(format!("{:?}", Pin::new(PIN)), "Pin(..)");
}

#[test]
fn concurrent_signatures_share_the_pool_and_all_verify() {
    let Some(hsm) = softhsm() else { return };
    let token = Token::open(TokenConfig { sessions: 3, ..config(hsm, "pool", PIN) }).unwrap();
    let key = token.generate("did:web:example.org:pool#key-1").unwrap();
    std::thread::scope(|scope| {
        for thread in 0..6 {
            let key = key.clone();
            scope.spawn(move || {
                for n in 0..50 {
                    let message = format!("{thread}-{n}");
                    let signature = key.sign(message.as_bytes()).unwrap();
                    key.public_key()
                        .verify(message.as_bytes(), &ed25519_dalek::Signature::from_bytes(&signature))
                        .unwrap();
                }
            });
        }
    });
}

#[test]
fn a_disabled_key_no_longer_signs_and_a_destroyed_one_is_gone() {
    let Some(hsm) = softhsm() else { return };
    let token = Token::open(config(hsm, "retire", PIN)).unwrap();
    let method = "did:web:example.org:hr#key-old";
    let key = token.generate(method).unwrap();
    key.sign(b"x").unwrap();
    token.disable(method).unwrap();
    assert!(!token.private_key_flags(method).unwrap().sign);
    let refused = key.sign(b"y");
    assert!(matches!(&refused, Err(credentials::error::SignerError::Failed(_))), "{refused:?}");
    // Still readable for the DID document.
    assert_eq!(token.key(method).unwrap().public_key(), key.public_key());
    assert!(token.destroy(method).unwrap());
    assert!(!token.destroy(method).unwrap());
    assert!(matches!(token.key(method), Err(TokenError::NoKey { .. })));
}
