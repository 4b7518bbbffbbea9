//! What an upload job's page links to besides itself: its events (`text/event-stream`, read by
//! `console.js` to move the progress bar live; each replica reads the progress from the
//! database, so any of them can answer), the report of its rejected rows as CSV, and the
//! example file of the upload form. A job of another department is not found here either.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use lang::Lang;
use serde_json::json;

use crate::domain::uploads::{rejected_report, UploadState, UploadView};
use crate::http::console::request::segment;
use crate::http::console::request::SignedIn;
use crate::http::extract::AppState;
use crate::i18n::t;

/// How often the events read the job's progress.
const POLL: Duration = Duration::from_millis(300);

/// The example file of the upload form: one skill with evidence, one without, an assignment.
const EXAMPLE: &str = include_str!("example.csv");

/// The progress as a sentence: how many rows of how many, and how they went.
pub(super) fn progress_text(view: &UploadView, lang: Lang) -> String {
    let counts = view.counts;
    t!(
        lang,
        "upload-progress-text",
        done = counts.done(),
        total = view.job.total,
        issued = counts.issued,
        skipped = counts.skipped,
        rejected = counts.rejected
    )
}

/// Where the job stands, as its events name it.
pub(super) fn state_name(state: UploadState) -> &'static str {
    match state {
        UploadState::Running => "running",
        UploadState::Finished => "finished",
        UploadState::Interrupted => "interrupted",
    }
}

/// An event of the job's progress: `progress` while running, `done` at the end (finished or
/// interrupted), with the counts and the progress said in the reader's language.
fn event(view: &UploadView, lang: Lang) -> Event {
    let name = if view.state == UploadState::Running { "progress" } else { "done" };
    let data = json!({
        "done": view.counts.done(),
        "total": view.job.total,
        "issued": view.counts.issued,
        "skipped": view.counts.skipped,
        "rejected": view.counts.rejected,
        "state": state_name(view.state),
        "text": progress_text(view, lang),
    });
    Event::default().event(name).data(data.to_string())
}

/// `GET /console/upload/{job}/events`: the job's progress each time it changes, ending with a
/// `done` event.
pub(super) async fn events(State(service): State<AppState>, Path(job): Path<String>, reader: SignedIn) -> Response {
    let here = format!("/console/upload/{}/events", segment(&job));
    let principal = reader.session.principal.clone();
    let first = match service.upload_view(&principal, &job).await {
        Ok(view) => view,
        Err(error) => return reader.refused(&error, &here),
    };
    let lang = reader.lang;
    // (the last view sent, whether the stream is over)
    let stream = futures_util::stream::unfold((None::<UploadView>, false), move |(last, over)| {
        let (service, principal, job, first) = (service.clone(), principal.clone(), job.clone(), first.clone());
        async move {
            if over {
                return None;
            }
            let mut view = match &last {
                None => first,
                Some(last) => loop {
                    tokio::time::sleep(POLL).await;
                    match service.upload_view(&principal, &job).await {
                        Ok(view) if view.counts != last.counts || view.state != last.state => break view,
                        Ok(_) => {}
                        // The job cannot vanish; a database that stops answering ends the stream.
                        Err(error) => {
                            tracing::warn!(%error, job = %job, "upload events stopped");
                            return None;
                        }
                    }
                },
            };
            // The last rows are written just before the job is marked finished.
            if view.state != UploadState::Running {
                view.counts = service.store().upload_counts(&view.job.id).await.unwrap_or(view.counts);
            }
            let over = view.state != UploadState::Running;
            Some((Ok::<Event, Infallible>(event(&view, lang)), (Some(view), over)))
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

/// `GET /console/upload/{job}/rejected.csv`: the rejected rows (line, the row's columns, code,
/// reason in English and in French), as a download.
pub(super) async fn rejected(State(service): State<AppState>, Path(job): Path<String>, reader: SignedIn) -> Response {
    let here = format!("/console/upload/{}/rejected.csv", segment(&job));
    match service.upload_results(&reader.session.principal, &job, true).await {
        Ok((view, rows)) => {
            let disposition = format!("attachment; filename=\"rejected-{}.csv\"", view.job.id);
            csv_download(rejected_report(&rows), &disposition)
        }
        Err(error) => reader.refused(&error, &here),
    }
}

/// `GET /console/upload/example.csv`: the example file.
pub(super) async fn example(_reader: SignedIn) -> Response {
    csv_download(EXAMPLE.to_owned(), "attachment; filename=\"example.csv\"")
}

fn csv_download(text: String, disposition: &str) -> Response {
    let mut response = text.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

#[cfg(test)]
mod tests {
    use super::EXAMPLE;
    use crate::domain::batch_csv::read_csv_bytes;

    /// The example file offered on the form reads without a rejected row.
    #[test]
    fn the_example_file_reads() {
        let rows = read_csv_bytes(EXAMPLE.as_bytes()).unwrap_or_default();
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|(_, _, row)| row.is_ok()), "{rows:?}");
    }
}
