//! The trusted-issuer registry as a running service holds it: an administrator edits the file
//! while the service runs, so it is read again when it changes, and a broken edit keeps the last
//! good registry (with a warning) rather than trusting or distrusting everyone.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use credentials::report::Report;
use lang::Lang;

use crate::domain::trust::{Judge, Registry, TrustError};
use crate::i18n::text;

/// The registry, its file, and the file's modification time when read.
#[derive(Debug)]
pub struct WatchedRegistry {
    state: Mutex<(Registry, PathBuf, Option<SystemTime>)>,
}

impl WatchedRegistry {
    /// Reads the registry file (refused when invalid).
    pub fn load(path: &Path) -> Result<Self, TrustError> {
        let registry = Registry::load(path)?;
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        Ok(Self { state: Mutex::new((registry, path.to_owned(), modified)) })
    }

    /// Adds the "trusted issuer" check to a report, with the registry as the file says now.
    pub fn judge(&self, report: &mut Report, now: DateTime<Utc>) {
        self.current().0.judge(report, now);
    }

    /// The registry's names (English, French) of the issuer of this credential, when it vouches
    /// for it.
    pub fn names_of(&self, report: &Report, now: DateTime<Utc>) -> Option<(String, String)> {
        let trust = self.current();
        trust.0.entry_for(report, now).map(|entry| (entry.name.clone(), entry.name_fr.clone()))
    }

    /// The registry as the file says now (read again when it changed).
    fn current(&self) -> std::sync::MutexGuard<'_, (Registry, PathBuf, Option<SystemTime>)> {
        let mut trust = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let modified = std::fs::metadata(&trust.1).and_then(|m| m.modified()).ok();
        if modified != trust.2 {
            match Registry::load(&trust.1) {
                Ok(registry) => trust.0 = registry,
                Err(error) => {
                    let error_fr = error.message(Lang::Fr);
                    let (kept, kept_fr) =
                        (text!(Lang::En, "trust-registry-kept"), text!(Lang::Fr, "trust-registry-kept"));
                    tracing::warn!(%error, %error_fr, "{kept} ({kept_fr})");
                }
            }
            trust.2 = modified;
        }
        trust
    }
}
