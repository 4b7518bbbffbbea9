//! One trait, so every error of whatever family gives machines a stable code and people a message
//! in their language.

use schemas::Lang;

/// A stable machine-readable code plus a message in the reader's language.
pub trait Describe {
    fn code(&self) -> &'static str;
    fn message(&self, lang: Lang) -> String;
}
