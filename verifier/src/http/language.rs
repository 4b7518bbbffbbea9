//! Which language a request is answered in, read from what the request says.

use axum::http::{header, HeaderMap};
use lang::{Lang, Wish};

/// The reader's language: what they asked for by name (`?lang=`, a form's field), else their
/// browser's `Accept-Language`, else English. The one negotiation of the workspace
/// ([`lang::choose`]).
pub fn lang_of(asked: Option<&str>, headers: &HeaderMap) -> Lang {
    let accepted = headers.get(header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok());
    lang::choose([Wish::Asked(asked), Wish::AcceptLanguage(accepted)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_asked_for_beats_the_browsers() {
        let headers = |accepted: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_LANGUAGE, accepted.parse().unwrap());
            headers
        };
        assert_eq!(lang_of(None, &headers("fr-CA,fr;q=0.9")), Lang::Fr);
        assert_eq!(lang_of(Some("en"), &headers("fr-CA")), Lang::En);
        assert_eq!(lang_of(Some("fr"), &headers("en")), Lang::Fr);
        assert_eq!(lang_of(Some("de"), &headers("fr")), Lang::Fr);
        assert_eq!(lang_of(None, &HeaderMap::new()), Lang::En);
    }
}
