//! Requests started from the web page are read through their own link, which holds an
//! unguessable key, not with the requesting party's API token: the person at the page never
//! sees that token. The keys and links are kept here, bounded like the requests themselves.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::domain::oid4vp::requests::{Requests, MAX_REQUESTS};

/// The keys of requests started from the page, and their links (bounded like the requests).
#[derive(Debug, Default)]
pub struct PageRequests {
    by_id: Mutex<HashMap<String, (String, String)>>,
}

impl PageRequests {
    /// Remembers a request started from the page; when full, forgets those `requests` no
    /// longer holds (clearing them all dropped requests still open; found by review).
    pub fn remember(&self, id: &str, key: &str, link: &str, requests: &Requests) {
        let mut all = self.by_id.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if all.len() >= MAX_REQUESTS {
            let held = requests.ids();
            all.retain(|id, _| held.contains(id));
        }
        if all.len() >= MAX_REQUESTS {
            all.clear();
        }
        all.insert(id.to_owned(), (key.to_owned(), link.to_owned()));
    }

    /// The link of a page request, if `key` opens it (compared in constant time).
    pub fn link(&self, id: &str, key: &str) -> Option<String> {
        use subtle::ConstantTimeEq;
        let all = self.by_id.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (expected, link) = all.get(id)?;
        bool::from(expected.as_bytes().ct_eq(key.as_bytes())).then(|| link.clone())
    }
}
