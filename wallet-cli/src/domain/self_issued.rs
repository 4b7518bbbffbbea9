//! The person's own words (`own_words`) as they travel to a verifier: a credential the person
//! issues to themselves (`schemas::own_words`), signed by the holder key, sent beside the
//! credentials the words are about (an OpenID4VP answer to a profile request, a profile file).
//! Its issuer being the person, a verifier shows it as their words, never as an attestation.

use chrono::{DateTime, Utc};

use crate::domain::store::{Entry, Wallet};

/// The person's words about `entries` that have some, as a credential the person issues to
/// themselves (`schemas::own_words`), signed by the holder key with `eddsa-jcs-2022`: one more
/// entry to send with them. `None` when none of them has words.
pub fn signed_entry(
    wallet: &Wallet,
    entries: &[Entry],
    now: DateTime<Utc>,
) -> Result<Option<Entry>, credentials::Error> {
    let items: Vec<schemas::OwnWordsItem> = entries
        .iter()
        .filter_map(|entry| {
            let words = entry.note.as_ref()?;
            let about = crate::domain::summary::credential_id(&entry.credential)?;
            Some(schemas::OwnWordsItem { about, en: words.en.clone(), fr: words.fr.clone() })
        })
        .collect();
    if items.is_empty() {
        return Ok(None);
    }
    let unsigned = schemas::own_words_credential(wallet.did(), &items, now);
    let options = credentials::proof::data_integrity::ProofOptions::new(credentials::proof::Suite::EddsaJcs2022, now);
    let contexts = credentials::contexts::ContextSet::standard();
    let signed =
        credentials::proof::data_integrity::add_proof(&unsigned, wallet.holder().as_ref(), &options, &contexts)?;
    Ok(Some(Entry { credential: signed.to_string(), ..Default::default() }))
}
