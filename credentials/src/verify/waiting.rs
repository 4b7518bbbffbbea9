//! Whether a verification would wait on the network, answered without doing it, so a service
//! runs only those off its request threads.

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::verifier::Verifier;
use crate::did;
use crate::input::{self, Parsed};
use crate::jose;
use crate::sd_jwt;
use crate::status;

impl Verifier {
    /// Whether verifying `parsed` now may wait on the network: a `did:web` document or a status
    /// list it names is not in cache. A service runs those verifications off its request threads
    /// and the others (nearly all, once caches are warm) inline. Errs on the side of `true`.
    pub fn may_wait(&self, parsed: &Parsed) -> bool {
        fn walk(verifier: &Verifier, value: &Value, key: Option<&str>, depth: usize) -> bool {
            if depth > input::MAX_DEPTH {
                return true;
            }
            match value {
                Value::Object(map) => map.iter().any(|(k, v)| walk(verifier, v, Some(k), depth + 1)),
                Value::Array(items) => items.iter().any(|v| walk(verifier, v, key, depth + 1)),
                Value::String(text) => string_may_wait(verifier, text, key, depth),
                _ => false,
            }
        }
        match parsed {
            Parsed::Credential(value) | Parsed::Presentation(value) => walk(self, value, None, 0),
            Parsed::Jwt(jwt) => jwt_may_wait(self, jwt, 0),
            Parsed::SdJwt(text) => {
                let jwt = text.split('~').next().unwrap_or_default();
                let token = sd_jwt::decode_payload(jwt)
                    .ok()
                    .and_then(|claims| status::token::reference(&claims).ok().flatten())
                    .is_some_and(|reference| {
                        self.status
                            .as_ref()
                            .is_some_and(|lists| lists.would_fetch_token(&reference.uri, self.clock.now()))
                    });
                token || jwt_may_wait(self, jwt, 0)
            }
        }
    }
}

/// The rules of [`Verifier::may_wait`] for one JSON string, under the key (or the array's key)
/// it sits at.
fn string_may_wait(verifier: &Verifier, text: &str, key: Option<&str>, depth: usize) -> bool {
    if let Some(jwt) = text.strip_prefix("data:application/vc+jwt,") {
        return jwt_may_wait(verifier, jwt, depth);
    }
    if key == Some("statusListCredential") {
        return verifier.status.as_ref().is_some_and(|lists| lists.would_fetch(text, verifier.clock.now()));
    }
    if text.starts_with("did:web:") {
        // A key is looked up in its document, which is read again when the key is missing
        // (`did::resolve_key`); any other DID only needs the document.
        if matches!(key, Some("verificationMethod" | "kid")) {
            return verifier.resolver.would_fetch_method(text);
        }
        return did::did_of(text).is_ok_and(|did| verifier.resolver.would_fetch(did));
    }
    input::looks_like_compact_jws(text) && jwt_may_wait(verifier, text, depth)
}

/// [`Verifier::may_wait`] for a compact JWS. Its header and payload are read as JSON text where
/// they lie (`Scan`), not built into `Value`s: the verification decodes them again, and building
/// them here cost the service about a tenth of a `vc+jwt` request. A JWS that does not decode
/// will not verify, and waits on nothing.
fn jwt_may_wait(verifier: &Verifier, jwt: &str, depth: usize) -> bool {
    let Ok([header, payload, _signature]) = jose::segments(jwt) else {
        return false;
    };
    let segment = |segment: &str| -> Option<bool> {
        let bytes = jose::segment_bytes(segment, "segment").ok()?;
        let mut json = serde_json::Deserializer::from_slice(&bytes);
        let wait = Scan { verifier, key: None, depth: depth + 1 }.deserialize(&mut json).ok()?;
        json.end().ok()?;
        Some(wait)
    };
    match (segment(header), segment(payload)) {
        (Some(header), Some(payload)) => header || payload,
        _ => false,
    }
}

/// JSON text walked with the rules of [`Verifier::may_wait`] as serde reads it: strings are seen
/// where they lie, and no map or vector is built.
struct Scan<'v> {
    verifier: &'v Verifier,
    key: Option<&'static str>,
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Scan<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        if self.depth > input::MAX_DEPTH {
            deserializer.deserialize_ignored_any(IgnoredAny)?;
            return Ok(true);
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scan<'_> {
    type Value = bool;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("JSON")
    }

    fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_str<E>(self, text: &str) -> Result<bool, E> {
        Ok(string_may_wait(self.verifier, text, self.key, self.depth))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<bool, A::Error> {
        let mut wait = false;
        // Every item is read: the text is consumed to its end either way.
        while let Some(item) =
            items.next_element_seed(Scan { verifier: self.verifier, key: self.key, depth: self.depth + 1 })?
        {
            wait |= item;
        }
        Ok(wait)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut wait = false;
        while let Some(key) = map.next_key_seed(Key)? {
            wait |= map.next_value_seed(Scan { verifier: self.verifier, key: Some(key), depth: self.depth + 1 })?;
        }
        Ok(wait)
    }
}

/// A property name as far as the rules read it: the three they name, `""` for any other.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = &'static str;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<&'static str, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for Key {
    type Value = &'static str;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a property name")
    }

    fn visit_str<E>(self, key: &str) -> Result<&'static str, E> {
        Ok(match key {
            "statusListCredential" => "statusListCredential",
            "verificationMethod" => "verificationMethod",
            "kid" => "kid",
            _ => "",
        })
    }
}
