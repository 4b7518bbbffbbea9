//! The department's signing keys (`/console/keys`, the `admin` scope as `POST /keys/rotate`):
//! which key signs, which earlier keys are still published so that what they signed verifies,
//! which are retired; a rotation, and the retirement of an earlier key (one that leaked), each
//! asked for with a confirmation, as a status change is. The domain checks the scope and writes
//! the audit entry with the staff member's identity; a `did:key` department is told why its one
//! key cannot change, and offered no button.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use lang::Lang;
use maud::html;

use crate::domain::error::IssuerError;
use crate::domain::sessions::StaffSession;
use crate::domain::tokens::Scope;
use crate::http::console::frame::{error_page, page};
use crate::http::console::request::{see_other, SignedForm, SignedIn};
use crate::http::extract::AppState;
use crate::http::problem::status_of;
use crate::i18n::{detail, t};
use crate::store::KeyStatus;

const HERE: &str = "/console/keys";

/// The keys page's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(HERE, get(keys_page))
        .route("/console/keys/rotate", post(rotate_post))
        .route("/console/keys/retire", post(retire_post))
}

/// `GET /console/keys`.
async fn keys_page(State(service): State<AppState>, reader: SignedIn) -> Response {
    let done = reader.asked("done").filter(|done| ["rotate", "retire"].contains(done));
    keys_markup(&service, &reader.session, reader.lang, done, None).await
}

/// The page, with what was just done or why a change was refused.
async fn keys_markup(
    service: &AppState,
    session: &StaffSession,
    lang: Lang,
    done: Option<&str>,
    refused: Option<&IssuerError>,
) -> Response {
    let view = match service.keys_as(&session.principal).await {
        Ok(view) => view,
        Err(error) => return error_page(&error, lang, HERE, Some(session)),
    };
    let title = t!(lang, "console-keys-title");
    let body = html! {
        h1 { (title) }
        @if let Some(done) = done { p.notice role="status" { (t!(lang, "console-keys-done", action = done)) } }
        @if let Some(error) = refused { p.error role="alert" { (error.detail(lang)) } }
        p { (t!(lang, "console-keys-did")) " " code { (view.did) } }
        h2 #keys { (t!(lang, "console-keys-heading")) }
        table aria-labelledby="keys" {
            thead { tr {
                th scope="col" { (t!(lang, "console-keys-method")) }
                th scope="col" { (t!(lang, "console-keys-created")) }
                th scope="col" { (t!(lang, "console-status")) }
            } }
            tbody {
                @for key in &view.keys {
                    tr {
                        td { code { (key.verification_method) } }
                        td { (key.created_at.get(..16).unwrap_or(&key.created_at).replace('T', " ")) }
                        td class={ "key-" (key.status.as_str()) } { (t!(lang, "console-key-state", state = key.status.as_str())) }
                    }
                }
            }
        }
        @if view.uses_did_key {
            p { (t!(lang, "console-keys-did-key")) }
        } @else {
            h2 { (t!(lang, "console-keys-rotate-heading")) }
            p { (t!(lang, "console-keys-rotate-about")) }
            form method="post" action="/console/keys/rotate" {
                input type="hidden" name="csrf" value=(session.csrf);
                input type="hidden" name="lang" value=(lang.as_str());
                p.choice {
                    input #confirm-rotate type="checkbox" name="confirm" value="yes" required;
                    " " label for="confirm-rotate" { (t!(lang, "console-keys-rotate-confirm")) }
                }
                p { button type="submit" { (t!(lang, "console-keys-rotate-button")) } }
            }
            @let published: Vec<_> = view.keys.iter().filter(|key| key.status == KeyStatus::Published).collect();
            @if !published.is_empty() {
                h2 { (t!(lang, "console-keys-retire-heading")) }
                p { (t!(lang, "console-keys-retire-about")) }
                @for (n, key) in published.iter().enumerate() {
                    form method="post" action="/console/keys/retire" {
                        input type="hidden" name="csrf" value=(session.csrf);
                        input type="hidden" name="lang" value=(lang.as_str());
                        input type="hidden" name="method" value=(key.verification_method);
                        p.choice {
                            input id={ "confirm-retire-" (n) } type="checkbox" name="confirm" value="yes" required;
                            " " label for={ "confirm-retire-" (n) } { (t!(lang, "console-keys-retire-confirm", method = key.verification_method.as_str())) }
                        }
                        p { button type="submit" { (t!(lang, "console-keys-retire-button")) } }
                    }
                }
            }
        }
    };
    let status = refused.map_or(StatusCode::OK, status_of);
    page(lang, status, &title, HERE, Some(session), body)
}

/// The form's confirmation, or why it is missing (checked after the scope: a staff member who
/// may not change keys learns only that).
fn confirmed(form: &SignedForm) -> Result<(), IssuerError> {
    form.session.principal.require(Scope::Admin)?;
    match form.field("confirm") {
        Some("yes") => Ok(()),
        _ => Err(IssuerError::BadRequest(detail!("console-keys-confirm-missing"))),
    }
}

/// `POST /console/keys/rotate`: a new signing key; the old one stays published.
async fn rotate_post(State(service): State<AppState>, form: SignedForm) -> Response {
    let outcome = match confirmed(&form) {
        Ok(()) => service.rotate_key_as(&form.session.principal).await.map(|_| ()),
        Err(error) => Err(error),
    };
    answer(&service, &form, "rotate", outcome).await
}

/// `POST /console/keys/retire`: an earlier key leaves the DID document.
async fn retire_post(State(service): State<AppState>, form: SignedForm) -> Response {
    let outcome = match (confirmed(&form), form.field("method")) {
        (Err(error), _) => Err(error),
        (Ok(()), None) => Err(IssuerError::BadRequest(detail!("console-keys-method-missing"))),
        (Ok(()), Some(method)) => service.retire_key_as(&form.session.principal, method).await,
    };
    answer(&service, &form, "retire", outcome).await
}

/// Back to the page: with what was done, or (a 4xx page) why not.
async fn answer(service: &AppState, form: &SignedForm, action: &str, outcome: Result<(), IssuerError>) -> Response {
    match outcome {
        Ok(()) => see_other(&format!("{HERE}?lang={}&done={action}", form.lang.as_str())),
        Err(error @ IssuerError::Forbidden(_)) => form.refused(&error, HERE),
        Err(error) => keys_markup(service, &form.session, form.lang, None, Some(&error)).await,
    }
}
