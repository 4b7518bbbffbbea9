//! The two official languages, in one small crate every other crate may depend on: which
//! language a person reads ([`Lang`], [`choose`]), text carried in both ([`LocalizedText`]), and
//! the Fluent message catalogues every sentence comes from ([`Catalogue`], checked by
//! [`audit`]). It depends on nothing of ours, so `keys` or `schemas` can use it without pulling
//! in each other.

pub mod audit;
mod catalogue;
mod i18n;
mod language;
mod wiring;

pub use catalogue::{Catalogue, LoadError};
pub use language::{choose, environment_lang, Lang, LocalizedText, UnknownLanguage, Wish, LOCALE_VARIABLES};

// The `fl!` macro and what `#[derive(RustEmbed)]` expands to, for crates wiring up a catalogue.
pub use i18n_embed;
