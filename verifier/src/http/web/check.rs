//! Checking a pasted document from the page: the result above the same form, check by check,
//! in the reader's language, every text from the document shown with its controls made visible
//! (`visible`). A talent profile file (`wallet profile export`) is shown as the manager's profile
//! page instead, or refused in one sentence (`domain::profile::file`). What is pasted is verified
//! in memory and never stored or logged.

use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use credentials::clock::DEFAULT_CLOCK_SKEW;
use credentials::error::{Describe, Detail};
use credentials::input::Parsed;
use credentials::report::{DocumentKind, Outcome, Report};
use credentials::verify::PresentationOptions;
use lang::Lang;
use maud::{html, Markup};

use crate::domain::documents::is_presentation;
use crate::domain::error::ServiceError;
use crate::domain::profile::file;
use crate::domain::service::VerifierService;
use crate::domain::untrusted::{self, Standing};
use crate::domain::visible::visible;
use crate::http::language::lang_of;
use crate::http::problem::form_refused;
use crate::http::problem::status;
use crate::http::web::forms::VerifyForm;
use crate::http::web::home::home_body;
use crate::http::web::page::{error_page, page};
use crate::http::web::profile_page::profile_markup;
use crate::i18n::{t, text};

/// How a check's outcome reads: its class, its mark, and its words in `lang`.
fn outcome_word(outcome: &Outcome, lang: Lang) -> (&'static str, &'static str, String) {
    match outcome {
        Outcome::Passed => ("passed", "✓", text!(lang, "outcome-passed").to_owned()),
        Outcome::Failed(failure) => {
            let reason = failure.message(lang);
            ("failed", "✗", t!(lang, "outcome-failed", reason = reason, code = failure.code()))
        }
        Outcome::NotChecked(why) => ("unknown", "?", t!(lang, "outcome-not-checked", reason = why.message(lang))),
        Outcome::Undetermined(failure) => {
            ("unknown", "?", t!(lang, "outcome-undetermined", reason = failure.message(lang)))
        }
        Outcome::NotApplicable => ("na", "–", text!(lang, "outcome-not-applicable").to_owned()),
        _ => ("unknown", "?", text!(lang, "outcome-unknown").to_owned()),
    }
}

/// Why a credential is not called valid though every check passed: signed by an issuer nobody
/// said to trust, and the name it gives itself (only its own claim).
fn stranger_markup(report: &Report, lang: Lang) -> Markup {
    let name = report.content.as_ref().and_then(|content| untrusted::declared_issuer_name(content, lang));
    let why = match &name {
        Some(name) => t!(lang, "page-signed-by-stranger", name = name.as_str()),
        None => text!(lang, "page-signed-by-stranger-nameless").to_owned(),
    };
    html! { p.untrusted-why { (visible(&why)) } }
}

/// A report, check by check, with each credential of a presentation below it (`level` 2 for
/// the document itself, 3 inside).
fn report_markup(report: &Report, lang: Lang, level: u8) -> Markup {
    let standing = Standing::of(report, report.verified_and_status_known());
    let heading = match (report.document, standing) {
        (DocumentKind::Credential, Standing::Valid) => text!(lang, "report-credential-valid"),
        (DocumentKind::Credential, Standing::SignedByStranger) => text!(lang, "report-credential-signed-by-stranger"),
        (DocumentKind::Credential, Standing::NotValid) => text!(lang, "report-credential-not-valid"),
        (DocumentKind::Presentation, Standing::Valid) => text!(lang, "report-presentation-valid"),
        (DocumentKind::Presentation, Standing::SignedByStranger) => {
            text!(lang, "report-presentation-holds-stranger")
        }
        (DocumentKind::Presentation, Standing::NotValid) => text!(lang, "report-presentation-not-valid"),
    };
    let (valid, stranger, invalid) =
        (standing == Standing::Valid, standing == Standing::SignedByStranger, standing == Standing::NotValid);
    let unvouched = untrusted::is_unvouched(report);
    // The issuer's name, when nobody vouches for the issuer, is only what the credential says.
    let declared = report
        .content
        .as_ref()
        .filter(|_| unvouched)
        .and_then(|content| untrusted::declared_issuer_name(content, lang));
    let fields = report.content.as_ref().and_then(|content| schemas::describe(content, lang)).unwrap_or_default();
    html! {
        div.report.valid[valid].untrusted[stranger].invalid[invalid] {
            @if level == 2 { h2 { (heading) } } @else { h3 { (heading) } }
            @if unvouched && !invalid { (stranger_markup(report, lang)) }
            dl {
                @if !report.format.is_empty() { dt { (text!(lang, "report-format-label")) } dd { (visible(&report.format)) } }
                @if let Some(issuer) = &report.issuer {
                    dt { @if report.document == DocumentKind::Credential { (text!(lang, "report-issuer-label")) } @else { (text!(lang, "report-holder-label")) } }
                    dd { (visible(issuer)) }
                }
                @if let Some(disclosed) = report.disclosed.as_ref().filter(|_| report.credentials.is_empty()) {
                    dt { (text!(lang, "report-disclosed-label")) }
                    dd { @if disclosed.is_empty() { (text!(lang, "report-disclosed-none-beyond")) } @else { (visible(&disclosed.join(", "))) } }
                }
                @if !invalid {
                    @for field in &fields {
                        dt { (field.label) }
                        dd {
                            @if declared.as_deref() == Some(field.value.as_str()) {
                                (visible(&t!(lang, "report-self-declared", value = field.value.as_str())))
                            } @else { (visible(&field.value)) }
                        }
                    }
                }
            }
            ul.checks {
                @for check in &report.checks {
                    @let (class, mark, words) = outcome_word(&check.outcome, lang);
                    li class=(class) {
                        span.mark aria-hidden="true" { (mark) }
                        " " strong { (check.kind.label_for(lang, report.document)) } (text!(lang, "label-separator")) (visible(&words))
                    }
                }
            }
            @for inner in &report.credentials { (report_markup(inner, lang, 3)) }
        }
    }
}

/// Verifies what was pasted, then shows the result above the same form (with the text kept in
/// the box, only in the answer sent back to this browser).
pub(crate) async fn verify_form(
    State(service): State<Arc<VerifierService>>,
    headers: HeaderMap,
    form: Result<Form<VerifyForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => return error_page(form_refused(&rejection), lang_of(None, &headers)),
    };
    let lang = lang_of(form.lang.as_deref(), &headers);
    let title = text!(lang, "result-title");
    // Not checked: why (which gives the status) and what the page says.
    // A talent profile file is shown as the profile page, once made for this service and not expired.
    let parsed = match credentials::input::parse(form.document.as_bytes()) {
        Ok(parsed) => match file::binding(&parsed) {
            Some(binding) => return file_page(&service, parsed, &binding, lang, &form.document).await,
            None => Ok(parsed),
        },
        Err(error) => Err(error),
    };
    let result: Result<Report, (ServiceError, String)> = match parsed {
        Err(error) => {
            let message = format!("{} [{}]", error.message(lang), error.code());
            Err((ServiceError::BadRequest(Detail::of(&error)), message))
        }
        // Pasted, a presentation answers no challenge of ours: anyone could paste one they saw.
        Ok(parsed) if is_presentation(&parsed) => {
            let refusal = ServiceError::bad(|lang| text!(lang, "result-presentation-pasted").to_owned());
            Err((refusal, text!(lang, "result-presentation-pasted").to_owned()))
        }
        Ok(parsed) => {
            let options = PresentationOptions { clock_skew: DEFAULT_CLOCK_SKEW, ..PresentationOptions::default() };
            match service.verify(parsed, options, None).await {
                Ok(report) => Ok(report),
                Err(ServiceError::Unavailable(what)) => {
                    let message = t!(lang, "result-unavailable", what = what.get(lang));
                    Err((ServiceError::Unavailable(what), message))
                }
                Err(_) => Err((ServiceError::Internal, text!(lang, "result-check-failed").to_owned())),
            }
        }
    };
    let (status, result_markup) = match &result {
        Ok(report) => (
            StatusCode::OK,
            html! {
                section aria-labelledby="result-heading" {
                    h1 #result-heading tabindex="-1" {
                        @match Standing::of(report, report.verified_and_status_known()) {
                            Standing::Valid => (text!(lang, "result-valid")),
                            Standing::SignedByStranger => (text!(lang, "result-signed-by-stranger")),
                            Standing::NotValid => (text!(lang, "result-not-valid")),
                        }
                    }
                    (report_markup(report, lang, 2))
                }
            },
        ),
        Err((error, message)) => (
            status(error),
            html! {
                section aria-labelledby="result-heading" {
                    h1 #result-heading tabindex="-1" { (text!(lang, "result-not-checked")) }
                    p.error role="alert" { (visible(message)) }
                }
            },
        ),
    };
    let body = html! {
        (result_markup)
        (home_body(lang, &service, &form.document))
    };
    page(lang, status, title, "/", body)
}

/// A pasted talent profile file: the manager's profile page, or, refused, why in one sentence
/// above the same form.
async fn file_page(
    service: &Arc<VerifierService>,
    parsed: Parsed,
    binding: &file::Binding,
    lang: Lang,
    document: &str,
) -> Response {
    match file::judge(service, parsed, binding, lang).await {
        Ok(shown) => {
            page(lang, StatusCode::OK, text!(lang, "profile-title"), "/", profile_markup(&shown, ("", None), "", lang))
        }
        Err(error) => {
            let body = html! {
                section aria-labelledby="result-heading" {
                    h1 #result-heading tabindex="-1" { (text!(lang, "profile-file-not-shown")) }
                    p.error role="alert" { (visible(&error.message(lang))) }
                }
                (home_body(lang, service, document))
            };
            page(lang, status(&error), text!(lang, "result-title"), "/", body)
        }
    }
}
