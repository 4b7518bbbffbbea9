//! The console's audit trail (`/console/audit`, the `admin` scope as `GET /audit`): the
//! department's entries since a day, optionally of one kind of action, newest first, each with
//! who did it and the reason given.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use crate::domain::error::IssuerError;
use crate::http::console::entries::{action_name, entries_table};
use crate::http::console::request::SignedIn;
use crate::http::extract::AppState;
use crate::http::problem::status_of;
use crate::i18n::{detail, t};

/// The actions the filter offers (any other is still listed without a filter).
const ACTIONS: [&str; 12] = [
    "credential.issue",
    "batch.upload",
    "credential.revoke",
    "credential.suspend",
    "credential.reinstate",
    "offer.create",
    "offer.redeem",
    "session.open",
    "session.close",
    "session.refused",
    "key.rotate",
    "key.retire",
];

/// Most entries shown at once.
const MOST: i64 = 500;

/// `GET /console/audit?since=YYYY-MM-DD&action=…`.
pub(crate) async fn audit_page(State(service): State<AppState>, reader: SignedIn) -> Response {
    let (lang, session) = (reader.lang, &reader.session);
    let here = "/console/audit";
    let title = t!(lang, "console-audit-title");
    let week_ago = service.a_week_ago().format("%Y-%m-%d").to_string();
    let since = reader.asked("since").map(str::to_owned).unwrap_or(week_ago);
    let action = reader.asked("action").filter(|action| ACTIONS.contains(action));
    let latest = match chrono::NaiveDate::parse_from_str(&since, "%Y-%m-%d") {
        Err(_) => Err(IssuerError::BadRequest(detail!("console-audit-since-invalid", since = since.as_str()))),
        Ok(day) => service.latest_audit_as(&session.principal, &format!("{day}T00:00:00Z"), action, MOST).await,
    };
    let latest = match latest {
        Ok(found) => service.staff_names(&session.principal).await.map(|names| (found, names)),
        Err(error) => Err(error),
    };
    let (status, refused, total, entries, names) = match latest {
        Ok(((total, entries), names)) => (StatusCode::OK, None, total, entries, names),
        Err(error) => (status_of(&error), Some(error), 0, Vec::new(), Default::default()),
    };
    let shown = entries.len();
    let body = html! {
        h1 { (title) }
        @if let Some(error) = &refused { p.error role="alert" { (error.detail(lang)) } }
        form method="get" action=(here) {
            input type="hidden" name="lang" value=(lang.as_str());
            label for="since" { (t!(lang, "console-audit-since")) }
            input #since type="date" name="since" value=(since) required;
            label for="action" { (t!(lang, "console-audit-action")) }
            select #action name="action" {
                option value="" { (t!(lang, "console-audit-any")) }
                @for known in ACTIONS {
                    option value=(known) selected[action == Some(known)] { (action_name(known, lang)) }
                }
            }
            p { button type="submit" { (t!(lang, "console-audit-filter")) } }
        }
        @if refused.is_none() {
            h2 #entries { (t!(lang, "console-audit-count", count = total, shown = shown)) }
            (entries_table(&entries, &names, "entries", lang))
        }
    };
    reader.page(status, &title, here, body)
}
