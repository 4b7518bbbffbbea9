//! Finding credentials (`/console/credentials`): a search form that works without JavaScript
//! (a GET form, so a search is a link staff can keep) and the department's credentials that
//! match, newest first, each linked to its page. The database searches, in the staff member's
//! department only; the person is matched on the start of the reference the department recorded,
//! whatever its capitals and spaces.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use lang::Lang;
use maud::{html, Markup};

use crate::domain::error::IssuerError;
use crate::domain::issuance::PERSON_MAX_CHARS;
use crate::http::console::request::segment;
use crate::http::console::request::SignedIn;
use crate::http::extract::AppState;
use crate::http::problem::status_of;
use crate::i18n::{detail, t};
use crate::store::{CredentialSearch, FoundCredential, FoundStatus};

/// The types a search offers.
const TYPES: [&str; 2] = ["SkillCredential", "AssignmentCredential"];
/// The statuses a search offers.
const STATUSES: [FoundStatus; 4] =
    [FoundStatus::Active, FoundStatus::Suspended, FoundStatus::Revoked, FoundStatus::Expired];

/// A day of the form (`YYYY-MM-DD`), as the start of that day in `issued_at`'s form; `next`:
/// the start of the day after.
fn day(text: Option<&str>, next: bool) -> Result<Option<String>, IssuerError> {
    let Some(text) = text else {
        return Ok(None);
    };
    let parsed = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| IssuerError::BadRequest(detail!("console-find-day-invalid", day = text)))?;
    let day = if next { parsed.succ_opt().unwrap_or(parsed) } else { parsed };
    Ok(Some(format!("{day}T00:00:00.000Z")))
}

/// The search the query asks for.
fn search_of(reader: &SignedIn) -> Result<CredentialSearch, IssuerError> {
    let person = reader.asked("person");
    if person.is_some_and(|person| person.chars().count() > PERSON_MAX_CHARS) {
        return Err(IssuerError::BadRequest(detail!("service-person-length", most = PERSON_MAX_CHARS.to_string())));
    }
    Ok(CredentialSearch {
        person: person.map(str::to_owned),
        skill: reader.asked("skill").map(str::to_owned),
        credential_type: reader.asked("type").filter(|asked| TYPES.contains(asked)).map(str::to_owned),
        issued_from: day(reader.asked("from"), false)?,
        issued_before: day(reader.asked("to"), true)?,
        status: reader.asked("status").and_then(FoundStatus::parse),
    })
}

/// The search's route.
pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/console/credentials", get(find_page))
}

/// `GET /console/credentials?person=…&skill=…&type=…&from=…&to=…&status=…`.
async fn find_page(State(service): State<AppState>, reader: SignedIn) -> Response {
    let (lang, session) = (reader.lang, &reader.session);
    let here = "/console/credentials";
    let title = t!(lang, "console-find-title");
    let found = match search_of(&reader) {
        Ok(search) => service.find_credentials(&session.principal, &search).await,
        Err(error) => Err(error),
    };
    let (status, refused, total, rows) = match found {
        Ok((total, rows)) => (StatusCode::OK, None, total, rows),
        Err(error) => (status_of(&error), Some(error), 0, Vec::new()),
    };
    let body = html! {
        h1 { (title) }
        @if let Some(error) = &refused { p.error role="alert" { (error.detail(lang)) } }
        (search_form(&reader))
        @if refused.is_none() {
            h2 #found { (t!(lang, "console-find-count", count = total)) }
            @if usize::try_from(total).unwrap_or(usize::MAX) > rows.len() { p { (t!(lang, "console-find-cut", shown = rows.len())) } }
            @if !rows.is_empty() { (results(&rows, lang)) }
        }
    };
    reader.page(status, &title, here, body)
}

/// The search form, filled with what was asked.
fn search_form(reader: &SignedIn) -> Markup {
    let lang = reader.lang;
    let asked = |name: &str| reader.asked(name).unwrap_or_default().to_owned();
    let (skill, kind, status) = (asked("skill"), asked("type"), asked("status"));
    let mut skills: Vec<(&str, &str)> = schemas::Taxonomy::gc_digital_talent()
        .skills()
        .iter()
        .map(|skill| (skill.key.as_str(), skill.name.get(lang)))
        .collect();
    skills.sort_by_cached_key(|(_, name)| name.to_lowercase());
    html! {
        form.search method="get" action="/console/credentials" {
            input type="hidden" name="lang" value=(lang.as_str());
            p {
                label for="person" { (t!(lang, "console-find-person")) }
                input #person type="search" name="person" value=(asked("person")) maxlength=(PERSON_MAX_CHARS) aria-describedby="person-hint";
                span #person-hint .hint { (t!(lang, "console-find-person-hint")) }
            }
            p {
                label for="skill" { (t!(lang, "console-find-skill")) }
                select #skill name="skill" aria-describedby="skill-hint" {
                    option value="" { (t!(lang, "console-find-any-skill")) }
                    @for (key, name) in &skills {
                        option value=(key) selected[skill == *key] { (name) }
                    }
                }
                span #skill-hint .hint { (t!(lang, "console-find-skill-hint")) }
            }
            p {
                label for="type" { (t!(lang, "console-column-type")) }
                select #type name="type" {
                    option value="" { (t!(lang, "console-find-any-type")) }
                    @for known in TYPES {
                        option value=(known) selected[kind == known] { (t!(lang, "console-find-type", kind = known)) }
                    }
                }
            }
            p {
                label for="from" { (t!(lang, "console-find-from")) }
                input #from type="date" name="from" value=(asked("from"));
                label for="to" { (t!(lang, "console-find-to")) }
                input #to type="date" name="to" value=(asked("to"));
            }
            p {
                label for="status" { (t!(lang, "console-status")) }
                select #status name="status" {
                    option value="" { (t!(lang, "console-find-any-status")) }
                    @for known in STATUSES {
                        option value=(known.as_str()) selected[status == known.as_str()] { (t!(lang, "console-state", state = known.as_str())) }
                    }
                }
            }
            p { button type="submit" { (t!(lang, "console-find-button")) } }
        }
    }
}

/// The credentials found, each linked to its page.
fn results(rows: &[FoundCredential], lang: Lang) -> Markup {
    html! {
        table aria-labelledby="found" {
            thead { tr {
                th scope="col" { (t!(lang, "console-column-issued-at")) }
                th scope="col" { (t!(lang, "console-column-type")) }
                th scope="col" { (t!(lang, "console-column-achievement")) }
                th scope="col" { (t!(lang, "console-column-person")) }
                th scope="col" { (t!(lang, "console-status")) }
                th scope="col" { (t!(lang, "console-column-credential")) }
            } }
            tbody {
                @for row in rows {
                    tr {
                        td { (row.issued_at.get(..16).unwrap_or(&row.issued_at).replace('T', " ")) }
                        td { (t!(lang, "console-find-type", kind = row.credential_type.as_str())) }
                        td { (row.achievement.as_deref().unwrap_or("—")) }
                        td { (row.person.as_deref().unwrap_or("—")) }
                        td class={ "status-" (row.status.as_str()) } { (t!(lang, "console-state", state = row.status.as_str())) }
                        td { a href={ "/console/credentials/" (segment(&row.id)) "?lang=" (lang.as_str()) } { (row.id) } }
                    }
                }
            }
        }
    }
}
