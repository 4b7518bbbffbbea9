//! The console's pages: sign-in (each department's single sign-on, and an API token for those
//! without an identity provider), the dashboard, and a credential's page with the person it was
//! issued to, its history and the status change form.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use lang::Lang;
use maud::{html, Markup};

use crate::domain::error::IssuerError;
use crate::domain::sessions::StaffSession;
use crate::domain::status::StatusChange;
use crate::domain::tokens::Scope;
use crate::http::console::entries::entries_table;
use crate::http::console::frame::{error_page, page, CSS, JS};
use crate::http::console::request::{
    cookie, form_fields, lang_of, see_other, segment, set_cookie, staff, SignedForm, SignedIn, LANG_COOKIE,
    SESSION_COOKIE,
};
use crate::http::extract::AppState;
use crate::http::problem::status_of;
use crate::i18n::t;

/// The console's routes but single sign-on's (`oidc.rs`).
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/console", get(sign_in_page))
        .route("/console/sign-in", post(sign_in_post))
        .route("/console/sign-out", post(sign_out_post))
        .route("/console/home", get(home_page))
        .route("/console/credentials/{id}", get(credential_page))
        .route("/console/credentials/{id}/status", post(status_post))
        .route("/console/credentials/{id}/download", get(download))
        .route(
            "/console/issue",
            get(crate::http::console::issue_page::issue_page).post(crate::http::console::issue_page::issue_post),
        )
        .route(
            "/console/offer",
            get(crate::http::console::offer_page::offer_page).post(crate::http::console::offer_page::offer_post),
        )
        .route("/console/audit", get(crate::http::console::audit_page::audit_page))
        .route("/console/static/console.css", get(|| async { service_kit::asset("text/css; charset=utf-8", CSS) }))
        .route("/console/static/console.js", get(|| async { service_kit::asset("text/javascript; charset=utf-8", JS) }))
}

/// Remembers a language asked for by `?lang=`.
fn remember(mut response: Response, headers: &HeaderMap, asked: Option<&String>, lang: Lang) -> Response {
    if asked.is_some() {
        response
            .headers_mut()
            .append(header::SET_COOKIE, set_cookie(headers, LANG_COOKIE, lang.as_str(), Some(31_536_000)));
    }
    response
}

/// `GET /console`: sign in (or, signed in already, the dashboard).
pub(crate) async fn sign_in_page(
    State(service): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(query.get("lang").map(String::as_str), &headers);
    if staff(&service, &headers).await.is_ok() {
        return see_other(&format!("/console/home?lang={}", lang.as_str()));
    }
    let expired = query.contains_key("expired");
    let response = sign_in_response(&service, lang, expired, None).await;
    remember(response, &headers, query.get("lang"), lang)
}

/// The sign-in page: each department's single sign-on, and the API token form; `refused` says
/// why the last sign-in failed (and gives the page its status).
pub(super) async fn sign_in_response(
    service: &AppState,
    lang: Lang,
    expired: bool,
    refused: Option<&IssuerError>,
) -> Response {
    // Without the departments' names the page still offers the token form.
    let sso = service.sso_departments(lang).await.unwrap_or_default();
    let title = t!(lang, "console-sign-in-title");
    let status = refused.map_or(StatusCode::OK, status_of);
    page(lang, status, &title, "/console", None, sign_in_form(lang, expired, refused, &sso))
}

fn sign_in_form(lang: Lang, expired: bool, refused: Option<&IssuerError>, sso: &[(String, String)]) -> Markup {
    html! {
        h1 { (t!(lang, "console-sign-in-title")) }
        @if expired { p.notice role="status" { (t!(lang, "console-session-ended")) } }
        @if let Some(error) = refused { p.error role="alert" { (error.detail(lang)) } }
        @if !sso.is_empty() {
            h2 { (t!(lang, "console-sso-heading")) }
            ul.sso {
                @for (department, name) in sso {
                    li { a.button href={ "/console/oidc/start?department=" (segment(department)) "&lang=" (lang.as_str()) } { (t!(lang, "console-sso-link", department = name.as_str())) } }
                }
            }
            h2 { (t!(lang, "console-token-heading")) }
        }
        @if sso.is_empty() {
            p { (t!(lang, "console-sign-in-with-token")) }
        } @else {
            p { (t!(lang, "console-sign-in-token-otherwise")) }
        }
        form method="post" action="/console/sign-in" {
            input type="hidden" name="lang" value=(lang.as_str());
            label for="token" { (t!(lang, "console-token-label")) }
            input #token type="password" name="token" autocomplete="off" required;
            p { button type="submit" { (t!(lang, "console-sign-in-button")) } }
        }
    }
}

/// `POST /console/sign-in`: opens a session with an API token.
pub(crate) async fn sign_in_post(State(service): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let fields = form_fields(&body);
    let lang = lang_of(fields.get("lang").map(String::as_str), &headers);
    match service.open_session_with_token(fields.get("token").map(String::as_str).unwrap_or_default()).await {
        Ok((secret, _)) => {
            let mut response = see_other(&format!("/console/home?lang={}", lang.as_str()));
            response.headers_mut().append(header::SET_COOKIE, set_cookie(&headers, SESSION_COOKIE, &secret, None));
            response
        }
        Err(error) => sign_in_response(&service, lang, false, Some(&error)).await,
    }
}

/// `POST /console/sign-out`: ends the session (its form's CSRF token checked).
pub(crate) async fn sign_out_post(State(service): State<AppState>, form: SignedForm) -> Response {
    let secret = cookie(&form.headers, SESSION_COOKIE).unwrap_or_default();
    if let Err(error) = service.close_session(&secret, &form.session).await {
        return form.refused(&error, "/console/home");
    }
    let mut response = see_other(&format!("/console?lang={}", form.lang.as_str()));
    response.headers_mut().append(header::SET_COOKIE, set_cookie(&form.headers, SESSION_COOKIE, "", Some(0)));
    response
}

/// `GET /console/home`: this week's activity and the latest credentials.
pub(crate) async fn home_page(State(service): State<AppState>, reader: SignedIn) -> Response {
    let (lang, session) = (reader.lang, &reader.session);
    let here = "/console/home";
    let dashboard = match service.dashboard(&session.principal).await {
        Ok(dashboard) => dashboard,
        Err(error) => return reader.refused(&error, here),
    };
    let title = t!(lang, "console-home-title", department = session.principal.department.as_str());
    let body = html! {
        h1 { (title) }
        h2 { (t!(lang, "console-week-heading")) }
        ul.week {
            li { (t!(lang, "console-week-issued", count = dashboard.issued)) }
            li { (t!(lang, "console-week-offered", count = dashboard.offered)) }
            li { (t!(lang, "console-week-revoked", count = dashboard.revoked)) }
            li { (t!(lang, "console-week-suspended", count = dashboard.suspended)) }
        }
        h2 #recent { (t!(lang, "console-recent-heading")) }
        p { a href={ "/console/credentials?lang=" (lang.as_str()) } { (t!(lang, "console-find-link")) } }
        @if dashboard.recent.is_empty() {
            p { (t!(lang, "console-recent-none")) }
        } @else {
            table aria-labelledby="recent" {
                thead { tr {
                    th scope="col" { (t!(lang, "console-column-issued-at")) }
                    th scope="col" { (t!(lang, "console-column-type")) }
                    th scope="col" { (t!(lang, "console-column-achievement")) }
                    th scope="col" { (t!(lang, "console-column-credential")) }
                } }
                tbody {
                    @for row in &dashboard.recent {
                        tr {
                            td { (row.issued_at.get(..16).unwrap_or(&row.issued_at).replace('T', " ")) }
                            td { (row.credential_type) }
                            td { (row.achievement.as_deref().unwrap_or("—")) }
                            td { a href={ "/console/credentials/" (segment(&row.id)) "?lang=" (lang.as_str()) } { (row.id) } }
                        }
                    }
                }
            }
        }
    };
    reader.page(StatusCode::OK, &title, here, body)
}

/// `GET /console/credentials/{id}`: one credential of the department, its status and history,
/// and (with the `revoke` scope) the form that changes its status.
pub(crate) async fn credential_page(
    State(service): State<AppState>,
    Path(id): Path<String>,
    reader: SignedIn,
) -> Response {
    let here = format!("/console/credentials/{}", segment(&id));
    let done = reader.asked("done");
    credential_markup(&service, &reader.session, &id, reader.lang, &here, done.map(|action| (action, None))).await
}

/// `GET /console/credentials/{id}/download`: the credential as issued, to hand to its holder
/// (`wallet receive FILE` keeps it).
pub(crate) async fn download(State(service): State<AppState>, Path(id): Path<String>, reader: SignedIn) -> Response {
    let here = format!("/console/credentials/{}", segment(&id));
    match service.credential(&reader.session.principal, &id).await {
        Ok(row) => {
            let json = row.body.trim_start().starts_with('{');
            let (kind, file) = if json {
                ("application/vc+ld+json", "credential.json")
            } else {
                ("application/vc+jwt", "credential.jwt")
            };
            let disposition = format!("attachment; filename=\"{file}\"");
            let headers = [(header::CONTENT_TYPE, kind.to_owned()), (header::CONTENT_DISPOSITION, disposition)];
            let mut response = (headers, row.body).into_response();
            service_kit::secure_page(&mut response, crate::http::console::frame::CONTENT_SECURITY_POLICY);
            response
        }
        Err(error) => reader.refused(&error, &here),
    }
}

/// The credential page, with a note on what was just done or why a change was refused.
async fn credential_markup(
    service: &AppState,
    session: &StaffSession,
    id: &str,
    lang: Lang,
    here: &str,
    outcome: Option<(&str, Option<&IssuerError>)>,
) -> Response {
    let view = match service.credential_view(&session.principal, id).await {
        Ok(view) => view,
        Err(error) => return error_page(&error, lang, here, Some(session)),
    };
    let revoked = view.status.revocation == Some("revoked");
    let suspended = view.status.suspension == Some("suspended");
    let state = if revoked {
        "revoked"
    } else if suspended {
        "suspended"
    } else {
        "active"
    };
    let title = t!(lang, "console-credential-title");
    let refused = outcome.and_then(|(_, error)| error);
    let body = html! {
        h1 { (title) }
        @if let Some((action, None)) = outcome { p.notice role="status" { (t!(lang, "console-status-done", action = action)) } }
        @if let Some(error) = refused { p.error role="alert" { (error.detail(lang)) } }
        dl {
            dt { (t!(lang, "console-column-credential")) } dd { (view.row.id) }
            dt { (t!(lang, "console-column-type")) } dd { (view.row.credential_type) }
            dt { (t!(lang, "console-column-achievement")) } dd { (view.row.achievement.as_deref().unwrap_or("—")) }
            dt { (t!(lang, "console-column-person")) } dd { (view.row.person.as_deref().unwrap_or("—")) }
            dt { (t!(lang, "console-subject")) } dd { (view.row.subject.as_deref().unwrap_or("—")) }
            dt { (t!(lang, "console-format")) } dd { (view.row.format) }
            dt { (t!(lang, "console-column-issued-at")) } dd { (view.row.issued_at) }
            dt { (t!(lang, "console-status")) } dd class={ "status-" (state) } { (t!(lang, "console-state", state = state)) }
        }
        p { a href={ (here) "/download" } download { (t!(lang, "console-download")) } }
        h2 #history { (t!(lang, "console-history-heading")) }
        (entries_table(&view.history, &view.names, "history", lang))
        h2 { (t!(lang, "console-change-heading")) }
        @if !session.may(Scope::Revoke) {
            p { (t!(lang, "console-change-not-allowed")) }
        } @else if revoked {
            p { (t!(lang, "console-change-final")) }
        } @else {
            form method="post" action={ (here) "/status" } {
                input type="hidden" name="csrf" value=(session.csrf);
                input type="hidden" name="lang" value=(lang.as_str());
                fieldset {
                    legend { (t!(lang, "console-change-legend")) }
                    @if view.status.revocation.is_some() {
                        p.choice { input #change-revoke type="radio" name="change" value="revoke" required; " " label for="change-revoke" { (t!(lang, "console-change-revoke")) } }
                    }
                    @if view.status.suspension.is_some() && !suspended {
                        p.choice { input #change-suspend type="radio" name="change" value="suspend" required; " " label for="change-suspend" { (t!(lang, "console-change-suspend")) } }
                    }
                    @if suspended {
                        p.choice { input #change-reinstate type="radio" name="change" value="reinstate" required; " " label for="change-reinstate" { (t!(lang, "console-change-reinstate")) } }
                    }
                }
                label for="reason" { (t!(lang, "console-reason-label")) }
                textarea #reason name="reason" rows="3" cols="60" required maxlength="500" {}
                p.choice {
                    input #confirm type="checkbox" name="confirm" value="yes" required;
                    " " label for="confirm" { (t!(lang, "console-confirm-label")) }
                }
                p { button type="submit" { (t!(lang, "console-change-button")) } }
            }
        }
    };
    let status = refused.map_or(StatusCode::OK, status_of);
    page(lang, status, &title, here, Some(session), body)
}

/// `POST /console/credentials/{id}/status`: revoke, suspend or reinstate, with a reason and a
/// confirmation; the session, its CSRF token and the `revoke` scope are checked first.
pub(crate) async fn status_post(State(service): State<AppState>, Path(id): Path<String>, form: SignedForm) -> Response {
    let (lang, session) = (form.lang, &form.session);
    let here = format!("/console/credentials/{}", segment(&id));
    if let Err(error) = session.principal.require(Scope::Revoke) {
        return form.refused(&error, &here);
    }
    let change = match form.field("change") {
        Some("revoke") => Some(StatusChange::Revoke),
        Some("suspend") => Some(StatusChange::Suspend),
        Some("reinstate") => Some(StatusChange::Reinstate),
        _ => None,
    };
    let refused = match (change, form.field("reason"), form.field("confirm")) {
        (None, _, _) => Some(IssuerError::BadRequest(crate::i18n::detail!("console-change-missing"))),
        (_, None, _) => Some(IssuerError::BadRequest(crate::i18n::detail!("console-reason-missing"))),
        (_, _, Some("yes")) => None,
        _ => Some(IssuerError::BadRequest(crate::i18n::detail!("console-confirm-missing"))),
    };
    if let Some(error) = refused {
        return credential_markup(&service, session, &id, lang, &here, Some(("", Some(&error)))).await;
    }
    let (Some(change), Some(reason)) = (change, form.field("reason")) else {
        return see_other(&format!("{here}?lang={}", lang.as_str()));
    };
    match service.change_status_as(&session.principal, &id, &[change], reason).await {
        Ok(_) => see_other(&format!("{here}?lang={}&done={}", lang.as_str(), form.field("change").unwrap_or_default())),
        Err(error) => credential_markup(&service, session, &id, lang, &here, Some(("", Some(&error)))).await,
    }
}
