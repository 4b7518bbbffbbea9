//! One description of what a verifier may reach (files, `did:web`, status lists), so every
//! command-line program that verifies means the same by `--online`.

use std::sync::Arc;

use super::verifier::Verifier;
use crate::clock::Clock;
use crate::contexts::ContextSet;
use crate::did::{self, DidResolver};
use crate::status::{self, StatusLists};

/// What a verifier may reach beyond the bundled contexts: DID documents given as files, and
/// (online) `did:web` and status lists over HTTPS, or saved status lists. Every command-line
/// program that verifies builds its [`Verifier`] from this, so `--online` means the same in each.
#[derive(Debug, Clone, Default)]
pub struct Network {
    /// Resolve `did:web` and download status lists.
    pub online: bool,
    /// Host (`example.org` or `127.0.0.1:8080`) → base URL to fetch from instead; implies online.
    pub host_overrides: std::collections::HashMap<String, url::Url>,
    /// DID documents used instead of resolving their DIDs.
    pub did_documents: Vec<did::DidDocument>,
    /// Status list credentials (URL → bytes) used instead of downloading them.
    pub status_lists: Vec<(String, Vec<u8>)>,
    pub status: status::StatusConfig,
}

impl Network {
    /// A verifier with these contexts and clock that reaches what this allows.
    pub fn verifier(self, contexts: ContextSet, clock: Arc<dyn Clock>) -> Verifier {
        let online = self.online || !self.host_overrides.is_empty();
        let mut known = did::StaticResolver::new();
        for document in self.did_documents {
            known.insert(document);
        }
        let http = crate::net::HttpPolicy { overrides: self.host_overrides, ..crate::net::HttpPolicy::default() };
        let resolver: Arc<dyn DidResolver> = if online {
            let config = did::web::WebResolverConfig { http: http.clone(), ..did::web::WebResolverConfig::default() };
            Arc::new(did::OnlineResolver { known, web: did::web::WebResolver::new(config) })
        } else {
            Arc::new(known)
        };
        let source: Option<Arc<dyn status::ListSource>> = if !self.status_lists.is_empty() {
            let mut lists = status::StaticLists::default();
            for (url, bytes) in self.status_lists {
                lists.insert(url, bytes);
            }
            Some(Arc::new(lists))
        } else if online {
            Some(Arc::new(status::HttpLists::new(http)))
        } else {
            None
        };
        let verifier = Verifier::new(contexts, resolver, clock);
        match source {
            Some(source) => verifier.with_status(Arc::new(StatusLists::new(source, self.status))),
            None => verifier,
        }
    }
}
