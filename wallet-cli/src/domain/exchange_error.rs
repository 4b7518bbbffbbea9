//! Why receiving a credential or answering a verifier failed, as a value the flows return, with
//! the party and the step it happened at; worded in the reader's language from the catalogue
//! (`i18n/*/wallet_cli.ftl`), `Display` being the English message.

use credentials::error::Describe;
use credentials::net::{SendError, Transport};
use lang::Lang;

use crate::domain::queried;
use crate::domain::store::{Entry, StoreError};
use crate::i18n::t;

/// Who the wallet talks to, as named in its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    Issuer,
    Verifier,
}

/// Which step of an exchange a request belongs to, as named in its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Offer,
    IssuerMetadata,
    AuthorizationServerMetadata,
    Token,
    Nonce,
    Credential,
    Request,
    Answer,
    /// A fresh challenge of a talent directory (`POST /challenges`).
    Challenge,
    /// The withdrawal of one's profile from a talent directory.
    Withdraw,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[error("{}", self.message(Lang::En))]
pub enum ExchangeError {
    /// A URL of the exchange is not one.
    NotAUrl {
        url: String,
        reason: String,
    },
    /// Plain http off this machine.
    NotHttps {
        url: String,
    },
    /// The party could not be reached (or the address was refused).
    Unreachable {
        party: Party,
        step: Step,
        error: SendError,
    },
    /// The party answered with an error status, and its reason when it gave one.
    Refused {
        party: Party,
        step: Step,
        status: u16,
        /// The OAuth `error` code (`invalid_nonce`, `invalid_grant`…), when it gave one.
        error: Option<String>,
        reason: Option<String>,
        reason_fr: Option<String>,
    },
    AnswerNotJson {
        party: Party,
        step: Step,
    },

    /// The offer is not JSON: serde's own words (English only), and where it stopped.
    OfferNotJson {
        reason: String,
        line: usize,
        column: usize,
    },
    NotAnOffer,
    OfferEmpty,
    NoIssuer,
    NoConfiguration,
    NoPreAuthorizedCode,
    PinRequired,
    OtherIssuer,
    MetadataMissing {
        name: String,
    },
    NoTokenEndpoint,
    NoAccessToken,
    NoCNonce,
    KeyProof(credentials::Error),
    NoCredential,
    /// This offer was received before: its credential is in the wallet under this id.
    AlreadyReceived {
        id: String,
    },
    /// The wallet traded this offer's code at `at` and lost the answer (or its token is no
    /// longer accepted): the issuer refuses it now, and the exchange cannot be resumed.
    AlreadyUsed {
        at: String,
        refused: Box<ExchangeError>,
    },
    /// The progress of the exchange could not be saved or read in the wallet.
    Store(#[from] StoreError),

    /// The verifier's link or request object does not hold.
    Request(credentials::oid4vp::RequestError),
    RequestUnreadable,
    RequestNotText,
    /// Several stored credentials answer a query that takes one.
    Several {
        query: String,
        candidates: Vec<Entry>,
    },
    /// A credential the person chose answers nothing the verifier asks for.
    NotAsked {
        id: String,
    },
    Impossible(credentials::dcql::DcqlError),
    Signing(credentials::Error),
}

impl ExchangeError {
    pub(crate) fn offer_not_json(error: &serde_json::Error) -> Self {
        Self::OfferNotJson { reason: error.to_string(), line: error.line(), column: error.column() }
    }

    /// Why the party refused, in `lang` (`None` for another error). A party that gives no
    /// French gets its English quoted, said as such; one that gives no reason, its status.
    pub fn refusal_reason(&self, lang: Lang) -> Option<String> {
        let Self::Refused { status, reason, reason_fr, .. } = self else {
            return None;
        };
        let english = reason.clone().unwrap_or_else(|| format!("HTTP {status}"));
        Some(match lang {
            Lang::En => english,
            Lang::Fr => reason_fr.clone().unwrap_or_else(|| {
                t!(Lang::Fr, "exchange-reason-in-english", code = status.to_string(), reason = english.as_str())
            }),
        })
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::NotAUrl { url, reason } => {
                t!(lang, "exchange-not-a-url", url = url.as_str(), reason = reason.as_str())
            }
            Self::NotHttps { url } => t!(lang, "exchange-not-https", url = url.as_str()),
            Self::Unreachable { party, step, error } => t!(
                lang,
                "exchange-unreachable",
                party = party_name(*party, lang),
                step = step_name(*step, lang),
                reason = unreachable_reason(error, lang)
            ),
            Self::Refused { party, step, .. } => t!(
                lang,
                "exchange-refused",
                party = party_name(*party, lang),
                step = step_name(*step, lang),
                reason = self.refusal_reason(lang).unwrap_or_default()
            ),
            Self::AnswerNotJson { party, step } => {
                t!(lang, "exchange-answer-not-json", party = party_name(*party, lang), step = step_name(*step, lang))
            }
            Self::OfferNotJson { reason, line, column } => {
                // serde's own words in English (it speaks English only), where it stopped in French.
                let reason = match lang {
                    Lang::En => reason.clone(),
                    Lang::Fr => t!(lang, "json-position", line = line.to_string(), column = column.to_string()),
                };
                t!(lang, "receive-offer-not-json", reason = reason)
            }
            Self::NotAnOffer => t!(lang, "receive-not-an-offer"),
            Self::OfferEmpty => t!(lang, "receive-offer-empty"),
            Self::NoIssuer => t!(lang, "receive-no-issuer"),
            Self::NoConfiguration => t!(lang, "receive-no-configuration"),
            Self::NoPreAuthorizedCode => t!(lang, "receive-no-pre-authorized-code"),
            Self::PinRequired => t!(lang, "receive-pin-required"),
            Self::OtherIssuer => t!(lang, "receive-other-issuer"),
            Self::MetadataMissing { name } => t!(lang, "receive-metadata-missing", name = name.as_str()),
            Self::NoTokenEndpoint => t!(lang, "receive-no-token-endpoint"),
            Self::NoAccessToken => t!(lang, "receive-no-access-token"),
            Self::NoCNonce => t!(lang, "receive-no-c-nonce"),
            Self::KeyProof(error) => t!(lang, "receive-key-proof", reason = error.message(lang)),
            Self::NoCredential => t!(lang, "receive-no-credential"),
            Self::AlreadyReceived { id } => t!(lang, "receive-already-received", id = id.as_str()),
            Self::AlreadyUsed { at, refused } => {
                t!(lang, "receive-already-used", at = at.as_str(), reason = refused.message(lang))
            }
            Self::Store(error) => error.message(lang),
            Self::Request(error) => error.message(lang),
            Self::RequestUnreadable => t!(lang, "request-unreadable"),
            Self::RequestNotText => t!(lang, "request-not-text"),
            Self::Several { query, candidates } => {
                let list: Vec<String> = candidates
                    .iter()
                    .map(|entry| format!("  {} {}", queried::short(&entry.id), queried::title(entry, lang)))
                    .collect();
                t!(lang, "answer-several", query = query.as_str(), list = list.join("\n"))
            }
            Self::NotAsked { id } => t!(lang, "answer-not-asked", id = queried::short(id)),
            Self::Impossible(error) => t!(lang, "answer-impossible", reason = error.message(lang)),
            Self::Signing(error) => t!(lang, "answer-signing-failed", reason = error.message(lang)),
        }
    }
}

fn party_name(party: Party, lang: Lang) -> String {
    match party {
        Party::Issuer => t!(lang, "party-issuer"),
        Party::Verifier => t!(lang, "party-verifier"),
    }
}

fn step_name(step: Step, lang: Lang) -> String {
    match step {
        Step::Offer => t!(lang, "step-offer"),
        Step::IssuerMetadata => t!(lang, "step-issuer-metadata"),
        Step::AuthorizationServerMetadata => t!(lang, "step-authorization-server-metadata"),
        Step::Token => t!(lang, "step-token"),
        Step::Nonce => t!(lang, "step-nonce"),
        Step::Credential => t!(lang, "step-credential"),
        Step::Request => t!(lang, "step-request"),
        Step::Answer => t!(lang, "step-answer"),
        Step::Challenge => t!(lang, "step-challenge"),
        Step::Withdraw => t!(lang, "step-withdraw"),
    }
}

/// Why a party could not be reached: a refusal of the address rules in the library's words, a
/// transport failure in the HTTP library's own words in English (it speaks English only) and
/// by its kind in French.
fn unreachable_reason(error: &SendError, lang: Lang) -> String {
    let SendError::Transport { kind, detail } = error else {
        return error.message(lang);
    };
    if lang == Lang::En {
        return detail.clone();
    }
    match kind {
        Transport::Dns => t!(lang, "transport-dns"),
        Transport::Connect => t!(lang, "transport-connection-failed"),
        Transport::Interrupted => t!(lang, "transport-io"),
        Transport::Redirect => t!(lang, "transport-redirect"),
        Transport::InvalidUrl => t!(lang, "transport-invalid-url"),
        Transport::HttpsRequired => t!(lang, "transport-https-required"),
        Transport::BadResponse => t!(lang, "transport-bad-response"),
        _ => t!(lang, "transport-other"),
    }
}
