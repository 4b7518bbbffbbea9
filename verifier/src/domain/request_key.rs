//! The key that signs this verifier's request objects, kept in its database sealed under a master
//! key that is not there (a file or an environment variable, as the issuer keeps department
//! keys): a restart, or another replica, signs as the same `did:key`, so wallets see the same
//! `client_id`. Rotating makes a new key current; request objects already signed keep
//! verifying, since a `did:key` carries its public key.

use credentials::Signer;
use keys::{LocalKey, MasterKey};

use crate::domain::error::ServiceError;
use crate::store::{KeyRow, Store};

/// The current request-signing key, made and stored on first use. Replicas starting together
/// each store one, then all take the oldest.
pub async fn current(store: &Store, master: &MasterKey, now: i64) -> Result<LocalKey, ServiceError> {
    if let Some(row) = store.current_key().await? {
        return open(master, &row);
    }
    store.insert_key(&sealed(master, &LocalKey::generate(), now)?, false).await?;
    let row = store.current_key().await?.ok_or(ServiceError::Internal)?;
    open(master, &row)
}

/// Makes a new key current and retires the others; returns its DID.
pub async fn rotate(store: &Store, master: &MasterKey, now: i64) -> Result<String, ServiceError> {
    let key = LocalKey::generate();
    store.insert_key(&sealed(master, &key, now)?, true).await?;
    Ok(key.did_key())
}

fn sealed(master: &MasterKey, key: &LocalKey, now: i64) -> Result<KeyRow, ServiceError> {
    Ok(KeyRow {
        verification_method: key.verification_method().to_owned(),
        sealed_secret: master.seal(key).map_err(|e| ServiceError::KeyUnusable(e.to_string()))?,
        created_at: now,
    })
}

fn open(master: &MasterKey, row: &KeyRow) -> Result<LocalKey, ServiceError> {
    master.open(&row.sealed_secret, &row.verification_method).map_err(|e| ServiceError::KeyUnusable(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_key_survives_in_the_store_and_a_rotation_replaces_it() {
        let store = Store::memory();
        let master = MasterKey::generate();
        let first = current(&store, &master, 1).await.unwrap();
        assert_eq!(current(&store, &master, 2).await.unwrap().did_key(), first.did_key());
        // Another master key cannot open it.
        assert!(matches!(current(&store, &MasterKey::generate(), 3).await, Err(ServiceError::KeyUnusable(_))));
        let rotated = rotate(&store, &master, 4).await.unwrap();
        assert_ne!(rotated, first.did_key());
        assert_eq!(current(&store, &master, 5).await.unwrap().did_key(), rotated);
    }
}
