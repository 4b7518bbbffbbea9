//! The console's one `multipart/form-data` form, the CSV upload: its body read whole under a
//! limit, split into its parts (RFC 7578: a name, a file's name, the content), and the same
//! checks as every other form in the same order (`SignedForm`): a live session, else sent to
//! sign in; then the form's CSRF token. The file is handed to the page only after both. The
//! upload's parts are few and read once, so a small reader here does what a streaming parser
//! crate would.

use std::collections::HashMap;

use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap};
use axum::response::Response;
use lang::Lang;

use crate::domain::error::IssuerError;
use crate::domain::sessions::StaffSession;
use crate::domain::uploads::MAX_UPLOAD_BYTES;
use crate::http::console::frame::error_page;
use crate::http::console::request::{lang_of, staff, to_sign_in};
use crate::http::extract::AppState;
use crate::i18n::detail;

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub content: Vec<u8>,
}

/// The boundary of a `multipart/form-data` content type.
pub(super) fn boundary(content_type: &str) -> Option<String> {
    let (kind, parameters) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let (_, value) = parameters
        .split(';')
        .filter_map(|parameter| parameter.split_once('='))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("boundary"))?;
    let value = value.trim().trim_matches('"');
    (!value.is_empty() && value.len() <= 70).then(|| value.to_owned())
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|window| window == needle).map(|at| at + from)
}

/// A parameter of a `Content-Disposition` header (`name`, `filename`), quoted or not.
fn parameter(header: &str, wanted: &str) -> Option<String> {
    let mut rest = header;
    while let Some(at) = rest.find(';') {
        rest = rest[at + 1..].trim_start();
        let (name, after) = rest.split_once('=')?;
        let (value, remaining) = match after.strip_prefix('"') {
            Some(quoted) => {
                let end = quoted.find('"')?;
                (quoted[..end].to_owned(), &quoted[end + 1..])
            }
            None => {
                let end = after.find(';').unwrap_or(after.len());
                (after[..end].trim().to_owned(), &after[end..])
            }
        };
        if name.trim().eq_ignore_ascii_case(wanted) {
            return Some(value);
        }
        rest = remaining;
    }
    None
}

/// The parts of a multipart body, or `None` if it is not well formed.
pub(super) fn parts(body: &[u8], boundary: &str) -> Option<Vec<Part>> {
    let delimiter = format!("--{boundary}");
    let next = format!("\r\n--{boundary}");
    let mut at = find(body, delimiter.as_bytes(), 0)? + delimiter.len();
    let mut parts = Vec::new();
    loop {
        if body.get(at..at + 2)? == b"--" {
            return Some(parts);
        }
        at = find(body, b"\r\n", at)? + 2;
        let headers_end = find(body, b"\r\n\r\n", at)?;
        let headers = std::str::from_utf8(body.get(at..headers_end)?).ok()?;
        let disposition = headers.split("\r\n").find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim().eq_ignore_ascii_case("content-disposition").then_some(value)
        })?;
        let content_start = headers_end + 4;
        let content_end = find(body, next.as_bytes(), content_start)?;
        parts.push(Part {
            name: parameter(disposition, "name")?,
            file_name: parameter(disposition, "filename"),
            content: body.get(content_start..content_end)?.to_vec(),
        });
        at = content_end + next.len();
    }
}

/// Largest upload body read: the file and the form's few fields.
const BODY_LIMIT: usize = MAX_UPLOAD_BYTES + 64 * 1024;

/// A CSV file posted by a signed-in staff member with the form's CSRF token.
pub(super) struct SignedUpload {
    pub session: StaffSession,
    pub lang: Lang,
    pub file_name: String,
    pub content: Vec<u8>,
}

impl FromRequest<AppState> for SignedUpload {
    type Rejection = Response;

    async fn from_request(request: Request, service: &AppState) -> Result<Self, Response> {
        let (parts_of, body) = request.into_parts();
        let headers: &HeaderMap = &parts_of.headers;
        let here = parts_of.uri.path().to_owned();
        let fallback = lang_of(None, headers);
        let Ok(bytes) = axum::body::to_bytes(body, BODY_LIMIT).await else {
            let mb = (MAX_UPLOAD_BYTES / (1024 * 1024)).to_string();
            let error = IssuerError::BadRequest(detail!("upload-too-large", most = mb.as_str()));
            return Err(error_page(&error, fallback, &here, None));
        };
        let content_type = headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok()).unwrap_or_default();
        let parts = boundary(content_type).and_then(|boundary| parts(&bytes, &boundary));
        let mut fields = HashMap::new();
        let mut file = None;
        for part in parts.iter().flatten() {
            if part.name == "file" {
                file.get_or_insert_with(|| (part.file_name.clone().unwrap_or_default(), part.content.clone()));
            } else if let Ok(text) = std::str::from_utf8(&part.content) {
                fields.entry(part.name.clone()).or_insert_with(|| text.to_owned());
            }
        }
        let lang = lang_of(fields.get("lang").map(String::as_str), headers);
        let Ok(session) = staff(service, headers).await else {
            return Err(to_sign_in(headers, lang));
        };
        if let Err(error) = session.check_form(fields.get("csrf").map(String::as_str)) {
            return Err(error_page(&error, lang, &here, Some(&session)));
        }
        let Some((file_name, content)) = file else {
            let error = IssuerError::BadRequest(detail!("upload-no-file"));
            return Err(error_page(&error, lang, &here, Some(&session)));
        };
        Ok(Self { session, lang, file_name, content })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_boundary_is_read_quoted_or_not() {
        assert_eq!(boundary("multipart/form-data; boundary=abc").as_deref(), Some("abc"));
        assert_eq!(boundary("Multipart/Form-Data; charset=x; boundary=\"a b\"").as_deref(), Some("a b"));
        assert_eq!(boundary("application/x-www-form-urlencoded"), None);
        assert_eq!(boundary("multipart/form-data"), None);
    }

    #[test]
    fn parts_are_split_with_their_names_and_file_names() {
        let body = "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n--XyZ\r\ncontent-disposition: form-data; name=\"file\"; filename=\"rows; 2.csv\"\r\nContent-Type: text/csv\r\n\r\nkind,skill\r\nskill,x\r\n\r\n--XyZ--\r\n";
        let parts = parts(body.as_bytes(), "XyZ").unwrap_or_default();
        assert_eq!(parts.len(), 2);
        assert_eq!(
            (parts[0].name.as_str(), parts[0].file_name.as_deref(), parts[0].content.as_slice()),
            ("csrf", None, &b"abc"[..])
        );
        assert_eq!(parts[1].file_name.as_deref(), Some("rows; 2.csv"));
        assert_eq!(parts[1].content, b"kind,skill\r\nskill,x\r\n");
    }

    #[test]
    fn a_body_cut_short_is_not_read() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nkind,skill";
        assert_eq!(parts(body.as_bytes(), "XyZ"), None);
        assert_eq!(parts(b"no delimiter at all", "XyZ"), None);
        let nameless = "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--";
        assert_eq!(parts(nameless.as_bytes(), "XyZ"), None);
    }
}
