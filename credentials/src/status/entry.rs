//! `credentialStatus` entries of type `BitstringStatusListEntry`, read strictly: the index is a
//! base-10 string, the list a URL, and anything this verifier cannot interpret is said so rather
//! than treated as "active".

use serde_json::Value;

use crate::error::{Detail, StatusError};
use crate::i18n::t;

/// The entry type this module reads.
pub const ENTRY_TYPE: &str = "BitstringStatusListEntry";

/// One status entry of a credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEntry {
    /// `revocation`, `suspension`, `refresh` or `message`.
    pub purpose: String,
    pub index: u64,
    pub list: String,
}

/// Most status entries one credential may carry. Each names a list to download: a credential
/// with thousands of entries would make a verifier download and hold thousands of lists.
pub const MAX_ENTRIES: usize = 8;

/// Reads the credential's `credentialStatus` (an object or an array of them). `Ok(empty)` when
/// there is none. An entry of another type is an error: its status cannot be read here.
pub fn entries(credential: &Value) -> Result<Vec<StatusEntry>, StatusError> {
    each_entry(credential)?.into_iter().collect()
}

/// Each entry on its own: one this verifier cannot read (another type) does not hide the
/// others. `Err` when `credentialStatus` as a whole is unusable (too many entries).
pub fn each_entry(credential: &Value) -> Result<Vec<Result<StatusEntry, StatusError>>, StatusError> {
    let Some(status) = credential.get("credentialStatus") else {
        return Ok(Vec::new());
    };
    let items: Vec<&Value> = match status {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    if items.len() > MAX_ENTRIES {
        return Err(StatusError::EntryMalformed(Detail::localized(|lang| {
            t!(lang, "status-entry-too-many", count = items.len().to_string(), limit = MAX_ENTRIES.to_string())
        })));
    }
    Ok(items.into_iter().map(entry).collect())
}

fn entry(value: &Value) -> Result<StatusEntry, StatusError> {
    let object = value
        .as_object()
        .ok_or_else(|| StatusError::EntryMalformed(Detail::localized(|lang| t!(lang, "status-entry-not-object"))))?;
    let types = crate::jsonld::type_names(object.get("type"));
    if !types.iter().any(|t| t == ENTRY_TYPE) {
        let types = types.join(", ");
        return Err(StatusError::Unsupported(Detail::localized(|lang| {
            t!(lang, "status-entry-type", types = types.as_str())
        })));
    }
    let field = |name: &str| {
        object.get(name).and_then(Value::as_str).ok_or_else(|| {
            StatusError::EntryMalformed(Detail::localized(|lang| t!(lang, "status-entry-not-string", name = name)))
        })
    };
    let purpose = field("statusPurpose")?.to_owned();
    let index_text = field("statusListIndex")?;
    if index_text.is_empty() || !index_text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(StatusError::EntryMalformed(Detail::localized(|lang| {
            t!(lang, "status-entry-index-not-integer", index = index_text)
        })));
    }
    let index = index_text.parse::<u64>().map_err(|_| {
        StatusError::EntryMalformed(Detail::localized(|lang| {
            t!(lang, "status-entry-index-too-large", index = index_text)
        }))
    })?;
    let list = field("statusListCredential")?;
    url::Url::parse(list).map_err(|e| {
        StatusError::EntryMalformed(Detail::localized(|lang| {
            t!(lang, "status-entry-list-not-url", list = list, detail = e.to_string())
        }))
    })?;
    match object.get("statusSize") {
        None => {}
        Some(size) if size.as_u64() == Some(1) => {}
        Some(size) => {
            return Err(StatusError::Unsupported(Detail::localized(|lang| {
                t!(lang, "status-entry-size", size = size.to_string())
            })))
        }
    }
    Ok(StatusEntry { purpose, index, list: list.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_specification_example() {
        let credential = json!({"credentialStatus": [{
            "id": "https://example.com/credentials/status/3#94567",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "94567",
            "statusListCredential": "https://example.com/credentials/status/3"
        }, {
            "id": "https://example.com/credentials/status/4#23452",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "suspension",
            "statusListIndex": "23452",
            "statusListCredential": "https://example.com/credentials/status/4"
        }]});
        let read = entries(&credential).unwrap();
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].index, 94_567);
        assert_eq!(read[1].purpose, "suspension");
        assert_eq!(read[1].list, "https://example.com/credentials/status/4");
        assert!(entries(&json!({})).unwrap().is_empty());
    }

    #[test]
    fn refuses_malformed_and_unknown_entries() {
        let base = json!({"type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "7", "statusListCredential": "https://example.com/s/1"});
        let with = |key: &str, value: Value| {
            let mut entry = base.clone();
            entry[key] = value;
            json!({"credentialStatus": entry})
        };
        assert!(entries(&with("statusListIndex", json!(7))).is_err());
        // What is wrong reaches a person in their language, detail included.
        let error = entries(&with("statusListIndex", json!("0x7"))).unwrap_err();
        use crate::error::Describe;
        assert_eq!(
            error.message(schemas::Lang::Fr),
            "l'entrée credentialStatus est mal formée : statusListIndex « 0x7 » n'est pas un entier en base 10"
        );
        assert!(error.message(schemas::Lang::En).ends_with("statusListIndex `0x7` is not a base-10 integer"));
        let error = entries(&with("type", json!("StatusList2021Entry"))).unwrap_err();
        assert!(error.message(schemas::Lang::Fr).contains("de type StatusList2021Entry"), "{error}");
        assert!(entries(&with("statusListIndex", json!("-7"))).is_err());
        assert!(entries(&with("statusListIndex", json!("0x7"))).is_err());
        assert!(entries(&with("statusListIndex", json!("99999999999999999999999"))).is_err());
        assert!(entries(&with("statusListCredential", json!("not a url"))).is_err());
        assert!(matches!(entries(&with("statusSize", json!(2))), Err(StatusError::Unsupported(_))));
        assert!(matches!(entries(&with("type", json!("StatusList2021Entry"))), Err(StatusError::Unsupported(_))));
        assert!(entries(&with("statusSize", json!(1))).is_ok());
    }
}
