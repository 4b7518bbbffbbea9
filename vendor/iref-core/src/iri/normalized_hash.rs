//! Patched (not in iref 3.2.2): the hash of an IRI's normalized parts, computed once per text.
//!
//! `Iri`'s equality is normalizing (percent-decoded characters, path segments normalized), so its
//! hash must be too: 3.2.2 fed every percent-decoded character of every part into the caller's
//! hasher, one `u32` at a time, at every hash. JSON-LD expansion hashes the same few property and
//! type IRIs thousands of times (each node's property map, and the whole expanded document when
//! it is put in its set), and that hashing was a fifth of an RDF canonicalization. Here the
//! normalized parts are hashed once with a fixed-key `DefaultHasher` into one `u64`, kept in a
//! per-thread map keyed by the IRI's text (hashed with a random key, in bulk); `Iri::hash` writes
//! that `u64`. Two equal IRIs have equal normalized parts (the property 3.2.2's hash relied on),
//! so they write the same word whatever their text; two copies of one text find the same entry.
use std::cell::RefCell;
use std::collections::hash_map::{DefaultHasher, RandomState};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::Iri;

/// Texts longer than this are hashed every time, not kept.
const MAX_KEPT_LEN: usize = 256;

/// Entries kept per thread before the map is emptied.
const MAX_KEPT: usize = 4096;

thread_local! {
	static KEPT: RefCell<HashMap<Box<str>, u64, RandomState>> = RefCell::new(HashMap::default());
}

/// The hash of `iri`'s normalized parts.
pub(crate) fn of(iri: &Iri) -> u64 {
	let text = iri.as_str();
	if text.len() > MAX_KEPT_LEN {
		return compute(iri);
	}
	KEPT.try_with(|kept| {
		if let Some(hash) = kept.borrow().get(text) {
			return *hash;
		}
		let hash = compute(iri);
		let mut kept = kept.borrow_mut();
		if kept.len() >= MAX_KEPT {
			kept.clear();
		}
		kept.insert(text.into(), hash);
		hash
	})
	.unwrap_or_else(|_| compute(iri))
}

fn compute(iri: &Iri) -> u64 {
	let mut hasher = DefaultHasher::new();
	iri.parts().hash(&mut hasher);
	hasher.finish()
}
