//! The patched `iref-core` (vendor/iref-core, issue #27) hashes an IRI as one word, the hash of
//! its normalized parts kept per text, and tells equal texts equal without normalizing. `Iri`'s
//! equality is normalizing, so IRIs written differently can be equal: they must still hash alike,
//! or JSON-LD expansion's property maps would keep one property twice.

use std::collections::HashSet;
use std::hash::BuildHasher;

use ssi_json_ld::rdf_types::IriBuf;

fn iri(text: &str) -> IriBuf {
    IriBuf::new(text.to_owned()).unwrap_or_else(|_| unreachable!("{text}"))
}

fn hash_of(value: &IriBuf, state: &std::collections::hash_map::RandomState) -> u64 {
    state.hash_one(value)
}

/// Pairs `iref` holds equal though their texts differ, and pairs it holds different.
const EQUAL: &[(&str, &str)] = &[
    ("https://example.org/a", "https://example.org/%61"),
    ("https://example.org/a/b", "https://example.org/a/./b"),
    ("https://example.org/a/b", "https://example.org/a/c/../b"),
    ("urn:x:caf%C3%A9", "urn:x:café"),
    ("https://example.org/p?q=%41#f%42", "https://example.org/p?q=A#fB"),
];
const DIFFERENT: &[(&str, &str)] = &[
    ("https://example.org/a", "https://example.org/b"),
    ("https://example.org/a", "https://example.org/a#"),
    ("https://example.org/a", "http://example.org/a"),
    ("urn:x:a", "urn:x:a?"),
];

#[test]
fn equal_iris_hash_alike_whether_kept_or_not() {
    let state = std::collections::hash_map::RandomState::new();
    for (a, b) in EQUAL {
        let (a, b) = (iri(a), iri(b));
        assert_eq!(a, b, "iref normalizes {a} and {b} alike");
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Equal);
        // First computed, then found in the per-thread map: the same word.
        let first = hash_of(&a, &state);
        assert_eq!(first, hash_of(&a, &state));
        assert_eq!(first, hash_of(&b, &state), "{a} and {b} are equal, so they hash alike");
        let set: HashSet<IriBuf> = [a.clone(), b.clone()].into_iter().collect();
        assert_eq!(set.len(), 1);
    }
    for (a, b) in DIFFERENT {
        let (a, b) = (iri(a), iri(b));
        assert_ne!(a, b);
        assert_ne!(a.cmp(&b), std::cmp::Ordering::Equal);
        assert_ne!(hash_of(&a, &state), hash_of(&b, &state));
    }
    // A text too long to be kept is hashed each time, to the same word as an equal short one
    // would be if it were short.
    let long = format!("https://example.org/{}", "a".repeat(300));
    let encoded = format!("https://example.org/{}", "%61".repeat(300));
    assert_eq!(iri(&long), iri(&encoded));
    assert_eq!(hash_of(&iri(&long), &state), hash_of(&iri(&encoded), &state));
}
