//! Serving a department's status lists: the signed status list credential and the Status List
//! Token of each list, rebuilt only when stale, so a busy verifier population costs one small
//! query per request, not a signature.

use std::sync::Arc;

use credentials::Signer;
use schemas::Lang;

use crate::domain::error::IssuerError;
use crate::domain::service::IssuerService;
use crate::domain::status::lists::{list_credential, sign_list, LIST_VALIDITY};
use crate::domain::status::registry::PublishedList;
use crate::i18n::{detail, t};

impl IssuerService {
    /// The signed status list credential `number` of `department`, rebuilt only when stale.
    pub async fn status_list(&self, department: &str, number: i64) -> Result<Arc<PublishedList>, IssuerError> {
        let row = self.store.status_list(department, number).await?.ok_or_else(|| {
            IssuerError::NotFound(detail!("status-list-of", number = number.to_string(), department = department))
        })?;
        let signer = self.signer(department).await?;
        let now = self.clock.now();
        let key = (department.to_owned(), number);
        if let Some(published) =
            PublishedList::fresh(&self.status.published, &key, row.version, signer.verification_method(), now)
        {
            return Ok(published);
        }
        let set = self.store.set_status_indexes(department, number).await?;
        let issuer = self.issuer_profile(department).await?.id;
        let url = self.status.list_url(department, number);
        let ttl = self.status.ttl;
        let contexts = self.contexts.clone();
        let size = usize::try_from(row.size).unwrap_or(credentials::status::MIN_ENTRIES);
        let signing_key = signer.clone();
        let signed = tokio::task::spawn_blocking(move || {
            let list = list_credential(&url, &issuer, &row.purpose, size, &set, now, ttl);
            sign_list(&list, signing_key.as_ref(), now, &contexts)
        })
        .await
        .map_err(|e| IssuerError::Unexpected(t!(Lang::En, "status-list-signing-failed", reason = e.to_string())))??;
        let body = signed.to_string();
        let signing_key = signer.verification_method();
        Ok(PublishedList::publish(&self.status.published, key, body, row.version, signing_key, ttl, now))
    }

    /// The signed Status List Token of list `number` of `department`: each entry of the list
    /// valid (0), revoked (1) or suspended (2). It depends on the department's other list too,
    /// so it is rebuilt when any of the department's bits changed.
    pub async fn status_token(&self, department: &str, number: i64) -> Result<Arc<PublishedList>, IssuerError> {
        use credentials::status::token;
        let row = self.store.status_list(department, number).await?.ok_or_else(|| {
            IssuerError::NotFound(detail!("status-list-of", number = number.to_string(), department = department))
        })?;
        let signer = self.signer(department).await?;
        let now = self.clock.now();
        let generation = self.store.status_generation(department).await?;
        let key = (department.to_owned(), number);
        if let Some(published) =
            PublishedList::fresh(&self.status.tokens, &key, generation, signer.verification_method(), now)
        {
            return Ok(published);
        }
        let own = self.store.set_status_indexes(department, number).await?;
        let other = self.store.other_purpose_set(department, number, &row.purpose).await?;
        let (own_value, other_value) = if row.purpose == "revocation" {
            (token::INVALID, token::SUSPENDED)
        } else {
            (token::SUSPENDED, token::INVALID)
        };
        // Packed in order, so revoked (written last) wins over suspended.
        let mut values: Vec<(usize, u8)> = own
            .iter()
            .map(|index| (*index, own_value))
            .chain(other.iter().map(|index| (*index, other_value)))
            .filter_map(|(index, value)| usize::try_from(index).ok().map(|index| (index, value)))
            .collect();
        values.sort_by_key(|(_, value)| *value == token::INVALID);
        let size = usize::try_from(row.size).unwrap_or(credentials::status::MIN_ENTRIES);
        let bytes = token::pack(size, token::BITS, &values);
        let issuer = self.issuer_profile(department).await?.id;
        let uri = self.status.token_url(department, number);
        let ttl = self.status.ttl;
        let exp = now + chrono::Duration::from_std(LIST_VALIDITY).unwrap_or(chrono::Duration::days(7));
        let claims =
            token::token_claims(&uri, &issuer, token::BITS, &bytes, now.timestamp(), exp.timestamp(), ttl.as_secs());
        let signing_key = signer.clone();
        let body = tokio::task::spawn_blocking(move || {
            credentials::jose::sign(&claims, signing_key as Arc<dyn Signer>, token::TOKEN_TYPE)
        })
        .await
        .map_err(|e| IssuerError::Unexpected(t!(Lang::En, "status-token-signing-failed", reason = e.to_string())))??;
        let signing_key = signer.verification_method();
        Ok(PublishedList::publish(&self.status.tokens, key, body, generation, signing_key, ttl, now))
    }
}
