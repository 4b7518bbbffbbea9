//! The console's one `multipart/form-data` form, the CSV upload: its body read whole under a
//! limit, split into its parts (RFC 7578: a name, a file's name, the content), and the same
//! checks as every other form in the same order (`SignedForm`): a live session, else sent to
//! sign in; then the form's CSRF token. The file is handed to the page only after both. The body
//! is read whole under a limit first, so a slow or endless upload cannot hold a file's worth of
//! memory beyond it; `multer` (what axum's own multipart extractor uses) splits it.

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

/// The parts of a `multipart/form-data` body (RFC 7578) read with `multer`, or `None` when the
/// content type is not multipart or the body is not well formed (cut short, a part without a
/// name).
pub(super) async fn parts(content_type: &str, body: axum::body::Bytes) -> Option<Vec<Part>> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.ok()? {
        let name = field.name()?.to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content = field.bytes().await.ok()?.to_vec();
        parts.push(Part { name, file_name, content });
    }
    Some(parts)
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
        let parts = parts(content_type, bytes).await;
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

    fn read(content_type: &str, body: &str) -> Option<Vec<Part>> {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap_or_else(|e| panic!("{e}"));
        runtime.block_on(parts(content_type, axum::body::Bytes::from(body.to_owned())))
    }

    #[test]
    fn parts_are_read_with_their_names_and_file_names() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n--XyZ\r\ncontent-disposition: form-data; name=\"file\"; filename=\"rows; 2.csv\"\r\nContent-Type: text/csv\r\n\r\nkind,skill\r\nskill,x\r\n\r\n--XyZ--\r\n";
        let parts = read("multipart/form-data; boundary=XyZ", body).unwrap_or_default();
        assert_eq!(parts.len(), 2);
        assert_eq!(
            (parts[0].name.as_str(), parts[0].file_name.as_deref(), parts[0].content.as_slice()),
            ("csrf", None, &b"abc"[..])
        );
        assert_eq!(parts[1].file_name.as_deref(), Some("rows; 2.csv"));
        assert_eq!(parts[1].content, b"kind,skill\r\nskill,x\r\n");
    }

    #[test]
    fn what_is_not_a_well_formed_multipart_body_is_not_read() {
        let cut = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nkind,skill";
        assert_eq!(read("multipart/form-data; boundary=XyZ", cut), None);
        let nameless = "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--\r\n";
        assert_eq!(read("multipart/form-data; boundary=XyZ", nameless), None);
        assert_eq!(read("application/x-www-form-urlencoded", "csrf=abc"), None);
        assert_eq!(read("multipart/form-data", "--XyZ--\r\n"), None, "no boundary");
    }
}
