//! One Ed25519 key pair in the token, named by its label (the verification method that names it
//! in a DID document). Generating it, reading its public key, signing with it, and taking it out
//! of use all happen in the token.

use cryptoki::mechanism::eddsa::{EddsaParams, EddsaSignatureScheme};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, ObjectClass};
use ed25519_dalek::VerifyingKey;

use super::error::TokenError;
use super::token::Token;
use credentials::error::SignerError;

/// The DER encoding of the Ed25519 curve's object identifier (1.3.101.112), as `CKA_EC_PARAMS`.
const ED25519_OID: [u8; 5] = [0x06, 0x03, 0x2b, 0x65, 0x70];

/// A signing key whose private half never leaves the token. Holds the token, the key's label
/// and its public key.
#[derive(Clone)]
pub struct HsmKey {
    token: Token,
    verification_method: String,
    public: VerifyingKey,
}

impl std::fmt::Debug for HsmKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HsmKey")
            .field("token", &self.token.name())
            .field("verification_method", &self.verification_method)
            .field("public_key", &credentials::multikey::encode_public(&self.public))
            .finish()
    }
}

impl Token {
    /// Generates a key pair inside the token (`CKM_EC_EDWARDS_KEY_PAIR_GEN`), kept in the
    /// token, sensitive, never extractable, labelled (and identified) by `verification_method`.
    pub fn generate(&self, verification_method: &str) -> Result<HsmKey, TokenError> {
        let label = verification_method.as_bytes().to_vec();
        let public_template = [
            Attribute::Token(true),
            Attribute::Private(false),
            Attribute::Verify(true),
            Attribute::EcParams(ED25519_OID.to_vec()),
            Attribute::Label(label.clone()),
            Attribute::Id(label.clone()),
        ];
        let private_template = [
            Attribute::Token(true),
            Attribute::Private(true),
            Attribute::Sensitive(true),
            Attribute::Extractable(false),
            Attribute::Sign(true),
            Attribute::Label(label.clone()),
            Attribute::Id(label),
        ];
        let public = self.with_session(|session, _| {
            if self.find(session, ObjectClass::PRIVATE_KEY, verification_method).is_ok() {
                return Err(TokenError::Malformed {
                    label: verification_method.to_owned(),
                    detail: "a key with this label exists already".into(),
                });
            }
            let (public, _) = session
                .generate_key_pair(&Mechanism::EccEdwardsKeyPairGen, &public_template, &private_template)
                .map_err(|e| self.error(e))?;
            self.read_public(session, public, verification_method)
        })?;
        Ok(HsmKey { token: self.clone(), verification_method: verification_method.to_owned(), public })
    }

    /// The key labelled `verification_method`, its public key read from the token.
    pub fn key(&self, verification_method: &str) -> Result<HsmKey, TokenError> {
        let public = self.with_session(|session, _| {
            let handle = self.find(session, ObjectClass::PUBLIC_KEY, verification_method)?;
            self.read_public(session, handle, verification_method)
        })?;
        Ok(HsmKey { token: self.clone(), verification_method: verification_method.to_owned(), public })
    }

    /// Takes the key out of use: its private half may no longer sign (`CKA_SIGN` false). The
    /// public half stays, as a retired key's record does.
    pub fn disable(&self, verification_method: &str) -> Result<(), TokenError> {
        self.with_session(|session, _| {
            let handle = self.find(session, ObjectClass::PRIVATE_KEY, verification_method)?;
            session.update_attributes(handle, &[Attribute::Sign(false)]).map_err(|e| self.error(e))
        })?;
        self.forget_handle(verification_method);
        Ok(())
    }

    /// Removes both halves of the key from the token (an administrator's command, for a key
    /// retired for good). `false` when the token holds no such key.
    pub fn destroy(&self, verification_method: &str) -> Result<bool, TokenError> {
        let destroyed = self.with_session(|session, _| {
            let mut destroyed = false;
            for class in [ObjectClass::PRIVATE_KEY, ObjectClass::PUBLIC_KEY] {
                match self.find(session, class, verification_method) {
                    Ok(handle) => {
                        session.destroy_object(handle).map_err(|e| self.error(e))?;
                        destroyed = true;
                    }
                    Err(TokenError::NoKey { .. }) => {}
                    Err(other) => return Err(other),
                }
            }
            Ok(destroyed)
        })?;
        self.forget_handle(verification_method);
        Ok(destroyed)
    }

    /// The 32 bytes of an Ed25519 public key object: `CKA_EC_POINT` holds them in a DER OCTET
    /// STRING (PKCS#11 3.0), or bare (some older modules).
    fn read_public(
        &self,
        session: &cryptoki::session::Session,
        handle: cryptoki::object::ObjectHandle,
        label: &str,
    ) -> Result<VerifyingKey, TokenError> {
        let malformed = |detail: &str| TokenError::Malformed { label: label.to_owned(), detail: detail.to_owned() };
        let attributes = session.get_attributes(handle, &[AttributeType::EcPoint]).map_err(|e| self.error(e))?;
        let Some(Attribute::EcPoint(point)) = attributes.into_iter().next() else {
            return Err(malformed("no CKA_EC_POINT"));
        };
        let bytes: &[u8] = match point.as_slice() {
            [0x04, 0x20, rest @ ..] if rest.len() == 32 => rest,
            bare if bare.len() == 32 => bare,
            _ => return Err(malformed("CKA_EC_POINT is not an Ed25519 public key")),
        };
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| malformed("CKA_EC_POINT length"))?;
        VerifyingKey::from_bytes(&bytes).map_err(|_| malformed("CKA_EC_POINT is not a point of Ed25519"))
    }
}

impl HsmKey {
    /// The token holding the private half.
    pub fn token(&self) -> &Token {
        &self.token
    }

    /// A signature made in the token (`CKM_EDDSA`, pure Ed25519).
    pub fn sign_in_token(&self, message: &[u8]) -> Result<[u8; 64], TokenError> {
        let token = &self.token;
        let label = &self.verification_method;
        let signature = token.with_session(|session, _| {
            let handle = token.private_key(session, label)?;
            let mechanism = Mechanism::Eddsa(EddsaParams::new(EddsaSignatureScheme::Pure));
            match session.sign(&mechanism, handle, message) {
                // A handle found before the token went away and came back names nothing now.
                Err(error) => {
                    token.forget_handle(label);
                    Err(token.error(error))
                }
                Ok(signature) => Ok(signature),
            }
        })?;
        signature.try_into().map_err(|signature: Vec<u8>| TokenError::Malformed {
            label: label.clone(),
            detail: format!("a signature of {} bytes", signature.len()),
        })
    }
}

impl credentials::Signer for HsmKey {
    fn verification_method(&self) -> &str {
        &self.verification_method
    }
    fn public_key(&self) -> VerifyingKey {
        self.public
    }
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignerError> {
        self.sign_in_token(message).map_err(|error| {
            let detail = error.to_string();
            if error.is_unavailable() {
                SignerError::Unavailable(detail)
            } else {
                SignerError::Failed(detail)
            }
        })
    }
}
