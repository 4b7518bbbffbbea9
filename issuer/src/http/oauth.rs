//! The error body of the OAuth endpoints (token, nonce, credential), as OAuth clients read it:
//! `application/json` with `error` and `error_description` (RFC 6749 §5.2, RFC 6750 §3,
//! OpenID4VCI 1.0 §6.3 and §8.3.1.2), not the problem body of the rest of the API. A wallet is
//! written against those RFCs, not against this service: it finds the `error` code where they
//! say, and retries on `invalid_nonce`.
//!
//! RFC 6749 limits `error_description` to the ASCII characters `%x20-21 / %x23-5B / %x5D-7E`
//! (it also travels in a `WWW-Authenticate` quoted string). It is written in the language the
//! request's `Accept-Language` asks for (English otherwise), from the same bilingual catalogue as
//! every other text, then folded to that set: accents dropped (é → e), French quotation marks
//! and typographic apostrophes made plain, double quotes and backslashes replaced.

use axum::http::{header, HeaderMap};
use schemas::Lang;

/// An OAuth 2.0 error answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct OAuthError {
    /// The error code: RFC 6749 §5.2 at the token endpoint (`invalid_request`, `invalid_grant`,
    /// `unsupported_grant_type`…), RFC 6750 §3.1 (`invalid_token`) or OpenID4VCI 1.0 §8.3.1.2
    /// (`invalid_credential_request`, `unknown_credential_configuration`, `invalid_proof`,
    /// `invalid_nonce`, `credential_request_denied`…) at the credential endpoint. Absent on a 401
    /// to a request that sent no access token at all (RFC 6750 §3.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What went wrong, in the language `Accept-Language` asks for (English or French), in
    /// ASCII (`%x20-21 / %x23-5B / %x5D-7E`).
    pub error_description: String,
}

/// The language an OAuth error is worded in: the request's `Accept-Language`, else English.
pub(crate) fn lang_of(headers: &HeaderMap) -> Lang {
    let accepted = headers.get(header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok());
    lang::choose([lang::Wish::AcceptLanguage(accepted)])
}

/// `text` folded to the characters RFC 6749 allows in `error_description`. (Characters are
/// written as escapes: this file holds no French of its own.)
pub(crate) fn ascii_description(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            // " « » “ ” „ ‘ ’ ‚ ′ ‹ ›
            '"' | '\u{ab}' | '\u{bb}' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2018}' | '\u{2019}' | '\u{201a}'
            | '\u{2032}' | '\u{2039}' | '\u{203a}' => folded.push('\''),
            '\\' => folded.push('/'),
            ' '..='~' => folded.push(c),
            // no-break, narrow no-break, thin and figure spaces; tab and line ends
            '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' | '\t' | '\n' | '\r' => folded.push(' '),
            // en and em dashes, non-breaking hyphen, minus
            '\u{2013}' | '\u{2014}' | '\u{2011}' | '\u{2212}' => folded.push('-'),
            '\u{2026}' => folded.push_str("..."),
            '\u{153}' => folded.push_str("oe"),
            '\u{152}' => folded.push_str("OE"),
            '\u{e6}' => folded.push_str("ae"),
            '\u{c6}' => folded.push_str("AE"),
            '\u{df}' => folded.push_str("ss"),
            other => folded.push(without_accent(other).unwrap_or('?')),
        }
    }
    folded
}

/// The letter under a Latin-1 accent (the letters French and its neighbours write).
fn without_accent(c: char) -> Option<char> {
    Some(match c {
        '\u{e0}'..='\u{e5}' => 'a',
        '\u{c0}'..='\u{c5}' => 'A',
        '\u{e7}' => 'c',
        '\u{c7}' => 'C',
        '\u{e8}'..='\u{eb}' => 'e',
        '\u{c8}'..='\u{cb}' => 'E',
        '\u{ec}'..='\u{ef}' => 'i',
        '\u{cc}'..='\u{cf}' => 'I',
        '\u{f1}' => 'n',
        '\u{d1}' => 'N',
        '\u{f2}'..='\u{f6}' => 'o',
        '\u{d2}'..='\u{d6}' => 'O',
        '\u{f9}'..='\u{fc}' => 'u',
        '\u{d9}'..='\u{dc}' => 'U',
        '\u{fd}' | '\u{ff}' => 'y',
        '\u{dd}' | '\u{178}' => 'Y',
        _ => return None,
    })
}

/// Whether `text` is an allowed `error_description` (RFC 6749 §5.2).
#[cfg(test)]
pub(crate) fn is_ascii_description(text: &str) -> bool {
    text.bytes().all(|b| matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_is_folded_to_the_characters_rfc_6749_allows() {
        let french =
            "le nonce de la preuve de clé est inconnu, déjà utilisé ou expiré\u{a0}: « ça »\n\"x\\y\" — œuvre…";
        let folded = ascii_description(french);
        assert_eq!(
            folded,
            "le nonce de la preuve de cle est inconnu, deja utilise ou expire : ' ca ' 'x/y' - oeuvre..."
        );
        assert!(is_ascii_description(&folded), "{folded}");
        assert!(is_ascii_description(&ascii_description("中文 \u{0} \u{7f} Ünïcödé")));
        assert_eq!(ascii_description("wrong transaction code (PIN)"), "wrong transaction code (PIN)");
    }

    #[test]
    fn the_language_is_the_one_accept_language_asks_for() {
        let headers = |accepted: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_LANGUAGE, accepted.parse().unwrap());
            headers
        };
        assert_eq!(lang_of(&headers("fr-CA,fr;q=0.9,en;q=0.5")), Lang::Fr);
        assert_eq!(lang_of(&headers("en-CA,fr;q=0.5")), Lang::En);
        assert_eq!(lang_of(&headers("de")), Lang::En);
        assert_eq!(lang_of(&HeaderMap::new()), Lang::En);
    }
}
