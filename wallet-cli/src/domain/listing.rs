//! What `wallet list` shows: the stored credentials a filter keeps, summarized in the reader's
//! language and newest first, and the entries that could not be read (said, not hidden).

use lang::Lang;

use crate::domain::store::{Damaged, Entry, StoreError, Wallet};
use crate::domain::summary::{self, Summary};
use crate::i18n::t;

/// What `wallet list` keeps.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kind: Option<String>,
    pub issuer: Option<String>,
    pub skill: Option<String>,
}

/// The entries `wallet list` shows, with their summaries, and the entries that could not be read.
pub type Listing = (Vec<(Entry, Summary)>, Vec<Damaged>);

/// The entries `wallet list` shows (newest first) and the entries that could not be read.
pub fn listing(wallet: &Wallet, filter: &Filter, lang: Lang) -> Result<Listing, StoreError> {
    use rayon::prelude::*;
    let (entries, mut damaged) = wallet.entries()?;
    let keeps = |summary: &Summary| {
        filter.kind.as_ref().is_none_or(|k| summary.kind.eq_ignore_ascii_case(k))
            && filter.issuer.as_ref().is_none_or(|i| {
                let i = i.to_lowercase();
                summary.issuer.to_lowercase().contains(&i) || summary.issuer_id.to_lowercase().contains(&i)
            })
            && filter.skill.as_ref().is_none_or(|s| summary.skills.iter().any(|k| k == s))
    };
    let read: Vec<(Entry, Option<Summary>)> = entries
        .into_par_iter()
        .map(|entry| {
            let summary = summary::summarize(&entry.credential, lang);
            (entry, summary)
        })
        .collect();
    let mut rows = Vec::with_capacity(read.len());
    for (entry, summary) in read {
        match summary {
            Some(summary) if keeps(&summary) => rows.push((entry, summary)),
            Some(_) => {}
            // Decrypted, but not a credential this wallet can read: said, not hidden.
            None => damaged.push(Damaged {
                id: entry.id,
                reason: credentials::error::Detail::localized(|lang| t!(lang, "list-unreadable")),
            }),
        }
    }
    rows.sort_by(|a, b| b.1.issued.cmp(&a.1.issued).then_with(|| a.0.id.cmp(&b.0.id)));
    Ok((rows, damaged))
}
