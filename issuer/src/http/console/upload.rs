//! The console's CSV upload (issue #24): the form with the expected columns explained and an
//! example file, and a job's page: its progress (a `<progress>` bar and a count read out as a
//! status) and each row's result. The page works without JavaScript (a link reloads it while
//! rows are being issued); with it, `console.js` follows the job's events (`upload_events.rs`)
//! and updates the bar live, then reloads the page once the job is done.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use lang::Lang;
use maud::{html, Markup};

use crate::domain::batch_csv::COLUMNS;
use crate::domain::error::IssuerError;
use crate::domain::sessions::StaffSession;
use crate::domain::tokens::Scope;
use crate::domain::uploads::{UploadState, MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS};
use crate::http::console::frame::page;
use crate::http::console::multipart::SignedUpload;
use crate::http::console::request::segment;
use crate::http::console::request::{see_other, SignedIn};
use crate::http::console::upload_events::{self, progress_text, state_name};
use crate::http::extract::AppState;
use crate::http::problem::status_of;
use crate::i18n::t;
use crate::store::UploadRowRow;

/// The upload's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/console/upload", get(upload_page).post(upload_post))
        .route("/console/upload/example.csv", get(upload_events::example))
        .route("/console/upload/{job}", get(job_page))
        .route("/console/upload/{job}/events", get(upload_events::events))
        .route("/console/upload/{job}/rejected.csv", get(upload_events::rejected))
}

/// `GET /console/upload`: the form.
async fn upload_page(State(service): State<AppState>, reader: SignedIn) -> Response {
    form_response(&service, &reader.session, reader.lang, None).await
}

/// The upload form and the department's latest uploads, with why the last upload was refused
/// (which gives the page its status).
async fn form_response(
    service: &AppState,
    session: &StaffSession,
    lang: Lang,
    refused: Option<&IssuerError>,
) -> Response {
    let title = t!(lang, "upload-title");
    // Without the list the form still works.
    let recent = service.recent_uploads(&session.principal).await.unwrap_or_default();
    let body = html! {
        h1 { (title) }
        @if let Some(error) = refused { p.error role="alert" { (error.detail(lang)) } }
        @let megabytes = MAX_UPLOAD_BYTES / (1024 * 1024);
        @if !session.may(Scope::Issue) {
            p { (t!(lang, "upload-not-allowed")) }
        } @else {
            form method="post" action="/console/upload" enctype="multipart/form-data" {
                input type="hidden" name="csrf" value=(session.csrf);
                input type="hidden" name="lang" value=(lang.as_str());
                label for="file" { (t!(lang, "upload-file-label")) }
                input #file type="file" name="file" accept=".csv,text/csv" required aria-describedby="file-help";
                p #file-help.help {
                    (t!(lang, "upload-file-help", rows = MAX_UPLOAD_ROWS, megabytes = megabytes))
                }
                p { button type="submit" { (t!(lang, "upload-button")) } }
            }
        }
        h2 #columns { (t!(lang, "upload-columns-heading")) }
        p { (t!(lang, "upload-columns-intro")) }
        table aria-labelledby="columns" {
            thead { tr {
                th scope="col" { (t!(lang, "upload-column-name")) }
                th scope="col" { (t!(lang, "upload-column-meaning-heading")) }
            } }
            tbody {
                @for column in COLUMNS {
                    tr { td { code { (column) } } td { (t!(lang, "upload-column-meaning", column = column)) } }
                }
            }
        }
        p { a href="/console/upload/example.csv" download="example.csv" { (t!(lang, "upload-example-link")) } }
        @if !recent.is_empty() {
            h2 #recent { (t!(lang, "upload-recent-heading")) }
            table aria-labelledby="recent" {
                thead { tr {
                    th scope="col" { (t!(lang, "upload-column-uploaded")) }
                    th scope="col" { (t!(lang, "upload-column-file")) }
                    th scope="col" { (t!(lang, "upload-column-rows")) }
                } }
                tbody {
                    @for job in &recent {
                        tr {
                            td { (chrono::DateTime::from_timestamp(job.created_at, 0).map(|at| at.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()) }
                            td { a href={ "/console/upload/" (segment(&job.id)) "?lang=" (lang.as_str()) } { (job.file_name) } }
                            td { (job.total) }
                        }
                    }
                }
            }
        }
    };
    let status = refused.map_or(StatusCode::OK, status_of);
    page(lang, status, &title, "/console/upload", Some(session), body)
}

/// `POST /console/upload`: the session and the CSRF token are checked first (`SignedUpload`),
/// then the `issue` scope and the file (by the domain); the job starts and the browser is sent
/// to its page.
async fn upload_post(State(service): State<AppState>, form: SignedUpload) -> Response {
    match service.start_upload(&form.session.principal, &form.file_name, &form.content).await {
        Ok(job) => see_other(&format!("/console/upload/{job}?lang={}", form.lang.as_str())),
        Err(error) => form_response(&service, &form.session, form.lang, Some(&error)).await,
    }
}

/// `GET /console/upload/{job}`: the job's progress and its rows' results.
async fn job_page(State(service): State<AppState>, Path(job): Path<String>, reader: SignedIn) -> Response {
    let here = format!("/console/upload/{}", segment(&job));
    let (view, rows) = match service.upload_results(&reader.session.principal, &job, false).await {
        Ok(found) => found,
        Err(error) => return reader.refused(&error, &here),
    };
    let lang = reader.lang;
    let title = t!(lang, "upload-job-title");
    let body = html! {
        h1 { (title) }
        p { (t!(lang, "upload-job-file", file = view.job.file_name.as_str())) }
        section #upload-status data-events={ (here) "/events?lang=" (lang.as_str()) } aria-labelledby="progress-heading" {
            h2 #progress-heading { (t!(lang, "upload-state", state = state_name(view.state))) }
            label for="upload-progress" { (t!(lang, "upload-progress-label")) }
            progress #upload-progress value=(view.counts.done()) max=(view.job.total.max(1)) {
                (progress_text(&view, lang))
            }
            p #upload-text role="status" aria-live="polite" { (progress_text(&view, lang)) }
            @match view.state {
                UploadState::Running => p #upload-reload { a href={ (here) "?lang=" (lang.as_str()) } { (t!(lang, "upload-reload")) } },
                UploadState::Interrupted => p.error role="alert" { (t!(lang, "upload-interrupted")) },
                UploadState::Finished => {},
            }
        }
        @let rejected: Vec<&UploadRowRow> = rows.iter().filter(|row| row.status == "rejected").collect();
        @if !rejected.is_empty() {
            h2 #rejected { (t!(lang, "upload-rejected-heading", count = rejected.len())) }
            p { a href={ (here) "/rejected.csv" } download { (t!(lang, "upload-rejected-link", count = view.counts.rejected)) } }
            (results_table(rejected, "rejected", lang))
        }
        h2 #results { (t!(lang, "upload-results-heading")) }
        @if rows.is_empty() {
            p { (t!(lang, "upload-results-none")) }
        } @else {
            (results_table(&rows, "results", lang))
        }
        p { a href={ "/console/upload?lang=" (lang.as_str()) } { (t!(lang, "upload-another")) } }
    };
    reader.page(StatusCode::OK, &title, &here, body)
}

/// Rows done: each one's line, what happened, and its credential or why it was rejected; the
/// table is labelled by the heading `labelled_by`.
fn results_table<'a>(rows: impl IntoIterator<Item = &'a UploadRowRow>, labelled_by: &str, lang: Lang) -> Markup {
    html! {
        table aria-labelledby=(labelled_by) {
            thead { tr {
                th scope="col" { (t!(lang, "upload-column-line")) }
                th scope="col" { (t!(lang, "upload-column-result")) }
                th scope="col" { (t!(lang, "upload-column-detail")) }
            } }
            tbody {
                @for row in rows {
                    tr class={ "row-" (row.status) } {
                        td { (row.line) }
                        td { (t!(lang, "upload-row-status", status = row.status.as_str())) }
                        td {
                            @if let Some(id) = &row.credential_id {
                                a href={ "/console/credentials/" (segment(id)) "?lang=" (lang.as_str()) } { (id) }
                            } @else {
                                (lang.pick(row.reason_en.clone(), row.reason_fr.clone()).unwrap_or_default())
                                " [" (row.code.as_deref().unwrap_or_default()) "]"
                            }
                        }
                    }
                }
            }
        }
    }
}
