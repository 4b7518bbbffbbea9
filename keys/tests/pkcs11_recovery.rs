//! A token that goes away while in use gives the "unavailable" error, and the same key signs
//! again once the token is back, without opening anything anew. Its own process: recovering
//! re-initializes the PKCS#11 module, which ends every session of the process.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod softhsm;

use credentials::error::SignerError;
use credentials::Signer;
use ed25519_dalek::Verifier;
use keys::pkcs11::Token;
use softhsm::{config, PIN};

#[test]
fn a_removed_token_directory_gives_unavailable_and_the_key_signs_again_once_it_is_back() {
    let Some(hsm) = softhsm::softhsm(&["removed"]) else { return };
    let token = Token::open(config(hsm, "removed", PIN)).unwrap();
    let key = token.generate("did:web:example.org:ops#key-1").unwrap();
    key.sign(b"before").unwrap();

    let dir = softhsm::token_dir(hsm, "removed");
    // Out of the token directory altogether (SoftHSM2 would find it under any name inside).
    let away = hsm.dir.with_file_name("away");
    std::fs::rename(&dir, &away).unwrap();
    assert!(token.check().is_err());
    for _ in 0..3 {
        let failed = key.sign(b"while away");
        assert!(matches!(&failed, Err(SignerError::Unavailable(_))), "{failed:?}");
    }
    assert!(token.check().is_err());

    std::fs::rename(&away, &dir).unwrap();
    let signature = key.sign(b"after").unwrap();
    key.public_key().verify(b"after", &ed25519_dalek::Signature::from_bytes(&signature)).unwrap();
    token.check().unwrap();
}
