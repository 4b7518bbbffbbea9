//! A token that goes away while in use, or whose PIN changed, gives the "unavailable" error, and
//! the same key signs again once the token (or the PIN file) is right again, without opening
//! anything anew. Its own process: recovering re-initializes the PKCS#11 module, which ends every
//! session of the process.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod softhsm;

use credentials::error::SignerError;
use credentials::Signer;
use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::types::AuthPin;
use ed25519_dalek::Verifier;
use keys::pkcs11::{PinSource, Token, TokenConfig, TokenError};
use softhsm::{config, PIN};

/// The tests of this file one at a time: each makes the module initialize again, which ends the
/// sessions of the other.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn change_pin(label: &str, old: &str, new: &str) {
    let hsm = softhsm::softhsm(&[]).unwrap();
    let context = Pkcs11::new(&hsm.module).unwrap();
    match context.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
        Ok(()) | Err(cryptoki::error::Error::Pkcs11(cryptoki::error::RvError::CryptokiAlreadyInitialized, _)) => {}
        Err(other) => panic!("{other}"),
    }
    let slots = context.get_slots_with_initialized_token().unwrap();
    let slot =
        slots.into_iter().find(|slot| context.get_token_info(*slot).unwrap().label().trim_end() == label).unwrap();
    let session = context.open_rw_session(slot).unwrap();
    session.set_pin(&AuthPin::from(old), &AuthPin::from(new)).unwrap();
}

#[test]
fn a_removed_token_directory_gives_unavailable_and_the_key_signs_again_once_it_is_back() {
    let Some(hsm) = softhsm::softhsm(&["removed", "pin-change"]) else { return };
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
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

/// The PIN changed on the token: once the sessions are re-opened (the token went away and came
/// back), the old PIN in the PIN file is refused ("unavailable", no panic); with the PIN file
/// updated, the same `Token` logs in and signs again, without being opened anew.
#[test]
fn a_changed_pin_is_unavailable_until_the_pin_file_says_the_new_one() {
    let Some(hsm) = softhsm::softhsm(&["removed", "pin-change"]) else { return };
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let pin_file = dir.path().join("pin");
    std::fs::write(&pin_file, format!("{PIN}\n")).unwrap();
    let config = TokenConfig { pin: PinSource::File(pin_file.clone()), ..config(hsm, "pin-change", PIN) };
    let token = Token::open(config.clone()).unwrap();
    let key = token.generate("did:web:example.org:pin#key-1").unwrap();
    key.sign(b"before").unwrap();

    // The PIN is changed on the token (`softhsm2-util` cannot: through a session of the module,
    // which in this process shares the pool's login), then the pool is made to log in again by
    // the token going away and coming back.
    change_pin("pin-change", PIN, "5678-new");
    let token_dir = softhsm::token_dir(hsm, "pin-change");
    let away = hsm.dir.with_file_name("away-pin");
    std::fs::rename(&token_dir, &away).unwrap();
    assert!(key.sign(b"away").is_err());
    std::fs::rename(&away, &token_dir).unwrap();
    let refused = key.sign(b"old pin");
    assert!(matches!(&refused, Err(SignerError::Unavailable(detail)) if detail.contains("PIN")), "{refused:?}");
    assert!(matches!(token.check(), Err(TokenError::Pin { .. })));

    std::fs::write(&pin_file, "5678-new\n").unwrap();
    let signature = key.sign(b"new pin").unwrap();
    key.public_key().verify(b"new pin", &ed25519_dalek::Signature::from_bytes(&signature)).unwrap();
}
