//! Issuing one credential from the console (`/console/issue`): a skill from the GC Digital Talent
//! library at a level with evidence in both languages, or an assignment. The form carries a
//! random key used as the issuance's idempotency key, so a form sent twice (a double click, a
//! reload after a lost answer) issues one credential, and the same key with other fields is
//! refused rather than issuing something else under it.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use crate::domain::batch::Kind;
use crate::domain::error::IssuerError;
use crate::domain::issuance::Idempotency;
use crate::domain::sign;
use crate::domain::tokens::Scope;
use crate::http::console::forms::{assignment_fields, kind_and_search, kind_name, kind_of, row_of, Picker, Shown};
use crate::http::console::frame::page;
use crate::http::console::request::{see_other, segment, SignedForm, SignedIn};
use crate::http::extract::AppState;
use crate::http::problem::status_of;
use crate::i18n::{detail, t};

/// The proof formats offered, the first by default.
const FORMATS: [&str; 3] = ["eddsa-rdfc-2022", "eddsa-jcs-2022", "vc-jwt"];

fn format_label(name: &str, lang: lang::Lang) -> String {
    match name {
        "eddsa-jcs-2022" => t!(lang, "console-format-jcs"),
        "vc-jwt" => t!(lang, "console-format-jwt"),
        _ => t!(lang, "console-format-rdfc"),
    }
}

/// `GET /console/issue?kind=skill|assignment&q=…&family=…`.
pub(crate) async fn issue_page(reader: SignedIn) -> Response {
    if let Err(error) = reader.session.principal.require(Scope::Issue) {
        return reader.refused(&error, "/console/issue");
    }
    let kind = kind_of(reader.asked("kind"));
    let values = HashMap::from([("nonce".to_owned(), hex::encode(crate::domain::secret::random_bytes(16)))]);
    let form = Shown { kind, values: &values, chosen: &[], refused: None };
    let body = issue_markup(&reader.session, reader.lang, reader.asked("q"), reader.asked("family"), &form);
    reader.page(StatusCode::OK, &t!(reader.lang, "console-issue-title"), "/console/issue", body)
}

fn issue_markup(
    session: &crate::domain::sessions::StaffSession,
    lang: lang::Lang,
    text: Option<&str>,
    family: Option<&str>,
    form: &Shown<'_>,
) -> maud::Markup {
    let picker = Picker::new(text, family, lang);
    let format = form.values.get("format").map(String::as_str);
    html! {
        h1 { (t!(lang, "console-issue-title")) }
        p { (t!(lang, "console-issue-intro")) }
        @if let Some(error) = form.refused { p.error role="alert" { (error.detail(lang)) } }
        (kind_and_search(lang, "/console/issue", form.kind, &picker))
        form method="post" action="/console/issue" {
            input type="hidden" name="csrf" value=(session.csrf);
            input type="hidden" name="lang" value=(lang.as_str());
            input type="hidden" name="kind" value=(kind_name(form.kind));
            input type="hidden" name="nonce" value=(form.values.get("nonce").map(String::as_str).unwrap_or_default());
            label for="person" { (t!(lang, "console-issue-person-label")) }
            p.hint #person-hint { (t!(lang, "console-person-hint")) }
            input #person type="text" name="person" maxlength="200" aria-describedby="person-hint" value=(form.values.get("person").map(String::as_str).unwrap_or_default());
            label for="subject" { (t!(lang, "console-subject-label")) }
            p.hint #subject-hint { (t!(lang, "console-subject-hint")) }
            input #subject type="text" name="subject" aria-describedby="subject-hint" value=(form.values.get("subject").map(String::as_str).unwrap_or_default());
            @match form.kind {
                Kind::Skill => (crate::http::console::forms::skill_fields(lang, &picker, form.values)),
                Kind::Assignment => (assignment_fields(lang, &picker, form.values, form.chosen)),
            }
            label for="format" { (t!(lang, "console-format-label")) }
            select #format name="format" {
                @for name in FORMATS {
                    option value=(name) selected[format == Some(name)] { (format_label(name, lang)) }
                }
            }
            p { button type="submit" { (t!(lang, "console-issue-button")) } }
        }
    }
}

/// `POST /console/issue`: issues, then shows the credential's page.
pub(crate) async fn issue_post(State(service): State<AppState>, form: SignedForm) -> Response {
    let here = "/console/issue";
    if let Err(error) = form.session.principal.require(Scope::Issue) {
        return form.refused(&error, here);
    }
    let kind = kind_of(form.field("kind"));
    let issued = async {
        let nonce =
            form.field("nonce").filter(|nonce| nonce.len() == 32 && nonce.bytes().all(|b| b.is_ascii_hexdigit()));
        let nonce = nonce.ok_or_else(|| IssuerError::BadRequest(detail!("console-issue-form-stale")))?;
        let mechanism = sign::mechanism(form.field("format").unwrap_or(FORMATS[0])).map_err(IssuerError::BadRequest)?;
        let row = row_of(&form, kind);
        // The request fingerprint: the row as read and the format.
        let fingerprint = format!("{}\n{}", serde_json::to_string(&row).unwrap_or_default(), mechanism.name());
        let idempotency = Idempotency::new(format!("console:{nonce}"), fingerprint.as_bytes());
        let unsigned = row.unsigned(&service, &form.session.principal).await?;
        let person = Some(row.person.as_str()).filter(|person| !person.is_empty());
        service.issue(&form.session.principal, unsigned, mechanism, Some(&idempotency), person).await.map_err(|error| {
            match error {
                // Said for a person: the form they sent back changed after it issued a credential.
                IssuerError::IdempotencyKeyReused(_) => IssuerError::Conflict(detail!("console-issue-form-used")),
                other => other,
            }
        })
    }
    .await;
    match issued {
        Ok(issued) => {
            see_other(&format!("/console/credentials/{}?lang={}&done=issued", segment(&issued.id), form.lang.as_str()))
        }
        Err(error) => {
            let chosen: Vec<String> = form.all("skills").into_iter().map(str::to_owned).collect();
            let shown = Shown { kind, values: &form.fields, chosen: &chosen, refused: Some(&error) };
            let body = issue_markup(&form.session, form.lang, None, None, &shown);
            let title = t!(form.lang, "console-issue-title");
            page(form.lang, status_of(&error), &title, here, Some(&form.session), body)
        }
    }
}
