//! The talent directory's routes: the standing "publish my profile" request (`GET
//! /directory/publish`, a page with the consent text, a QR code and a link), the search for
//! managers holding a `directory` token (`GET /directory/search`, JSON; the page's form at `GET
//! /page/directory` and `POST /page/directory`), a published profile (`GET
//! /directory/profiles/{id}` and `.json`, the same token), and withdrawal by the person (`POST
//! /directory/withdraw`, a presentation on a challenge of ours).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, FormRejection};
use axum::extract::{Form, Path, Query, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use lang::Lang;
use maud::{html, Markup, PreEscaped};
use serde_json::{json, Value};
use service_kit::Problem;

use crate::domain::directory::recheck::recheck;
use crate::domain::directory::search::{search, Search};
use crate::domain::directory::{publish, withdraw};
use crate::domain::error::ServiceError;
use crate::domain::profile::view::profile;
use crate::domain::service::{Scope, VerifierService};
use crate::domain::visible::visible;
use crate::http::language::lang_of;
use crate::http::problem::form_refused;
use crate::http::request::{body_json, document};
use crate::http::web::forms::LangQuery;
use crate::http::web::page::{error_page, page};
use crate::http::web::profile_page::profile_markup;
use crate::i18n::{t, text};

/// This family's routes.
pub(crate) fn routes() -> Router<Arc<VerifierService>> {
    Router::new()
        .route("/directory/publish", get(publish_page))
        .route("/directory/search", get(search_json))
        .route("/directory/profiles/{id}", get(profile_get))
        .route("/directory/withdraw", post(withdraw_post))
        .route("/page/directory", get(search_page).post(search_form))
}

/// `GET /directory/publish`: a new standing request to publish one's profile, with what the
/// person consents to.
pub(crate) async fn publish_page(
    State(service): State<Arc<VerifierService>>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(query.lang.as_deref(), &headers);
    let created = match publish::request(&service, lang).await {
        Ok(created) => created,
        Err(error) => return error_page(error, lang),
    };
    let qr = qrcode::QrCode::new(created.link.as_bytes())
        .map(|code| code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(240, 240).build())
        .unwrap_or_default();
    let svg = qr.find("<svg").map(|at| qr[at..].to_owned()).unwrap_or_default();
    let title = text!(lang, "directory-publish-title");
    let withdraw = t!(lang, "directory-withdraw-how", url = service.identity().map(|i| i.url("")).unwrap_or_default());
    let body = html! {
        h1 { (title) }
        p #consent { (visible(&publish::consent(&service, lang))) }
        p { (text!(lang, "directory-publish-show-code")) }
        figure.qr {
            div role="img" aria-label=(text!(lang, "ask-qr-label")) { (PreEscaped(svg)) }
            figcaption { a href=(created.link) { (text!(lang, "ask-open-in-wallet")) } }
        }
        p { label for="link" { (text!(lang, "ask-link-label")) } }
        input #link type="text" readonly value=(created.link);
        p { (visible(&withdraw)) }
        p { a href={ "/?lang=" (lang.as_str()) } { (text!(lang, "page-back")) } }
    };
    page(lang, StatusCode::OK, title, "/directory/publish", body)
}

/// The search of a query string or a form (`skill` may be repeated).
fn read_search(raw: &str) -> Result<Search, ServiceError> {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(raw.as_bytes()).into_owned().collect();
    Search::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

#[utoipa::path(get, tag = "talent directory", path = "/directory/search",
    params(("skill" = Option<Vec<String>>, Query, description = "skills of the GC Digital Talent library, by key (repeat for several)"),
        ("family" = Option<String>, Query), ("min_level" = Option<String>, Query, description = "beginner, intermediate, advanced or expert"),
        ("recent_months" = Option<u32>, Query, description = "an assignment ongoing or ended within this many months"),
        ("lang" = Option<String>, Query)),
    security(("bearer" = [])),
    responses((status = 200, description = "the matching profiles, best match on verified skills first"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub(crate) async fn search_json(
    State(service): State<Arc<VerifierService>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ServiceError> {
    let raw = raw.unwrap_or_default();
    let asked = url::form_urlencoded::parse(raw.as_bytes()).find(|(k, _)| k == "lang").map(|(_, v)| v.into_owned());
    let lang = lang_of(asked.as_deref(), &headers);
    service.authorize(service_kit::bearer(&headers), Scope::Directory).await?;
    let results = search(&service, &read_search(&raw)?, lang).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(json!({"results": results}))).into_response())
}

/// A published profile in `lang`, its statuses read again first.
async fn read_profile(service: &Arc<VerifierService>, id: &str, lang: Lang) -> Result<Value, ServiceError> {
    let now = service.now().timestamp();
    let publication = service.store().publication(id, now).await?.ok_or(ServiceError::NotFound)?;
    let dropped = recheck(service, &publication).await?;
    let outcome = match lang {
        Lang::En => &publication.outcome_en,
        Lang::Fr => &publication.outcome_fr,
    };
    let outcome: Value = serde_json::from_str(outcome).unwrap_or(Value::Null);
    let mut shown = profile(&outcome, lang);
    shown["published_at"] = publication.published_at.into();
    shown["expires_at"] = publication.expires_at.into();
    shown["lines_withdrawn_since"] = dropped.len().into();
    Ok(shown)
}

#[utoipa::path(get, tag = "talent directory", path = "/directory/profiles/{id}",
    params(("id" = String, Path, description = "a publication's id; with .json, the content as JSON"), ("lang" = Option<String>, Query)),
    security(("bearer" = [])),
    responses((status = 200, description = "the published profile (page, or JSON with .json)"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub(crate) async fn profile_get(
    State(service): State<Arc<VerifierService>>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(query.lang.as_deref(), &headers);
    let authorized = service.authorize(service_kit::bearer(&headers), Scope::Directory).await;
    if let Some(id) = id.strip_suffix(".json") {
        return match authorized {
            Ok(_) => match read_profile(&service, id, lang).await {
                Ok(shown) => ([(header::CACHE_CONTROL, "no-store")], Json(shown)).into_response(),
                Err(error) => error.into_response(),
            },
            Err(error) => error.into_response(),
        };
    }
    match authorized {
        Ok(_) => profile_page(&service, &id, lang).await,
        Err(error) => error_page(error, lang),
    }
}

async fn profile_page(service: &Arc<VerifierService>, id: &str, lang: Lang) -> Response {
    match read_profile(service, id, lang).await {
        Ok(shown) => {
            let here = format!("/directory/profiles/{id}");
            let json = format!("/directory/profiles/{id}.json");
            page(
                lang,
                StatusCode::OK,
                text!(lang, "profile-title"),
                &here,
                profile_markup(&shown, ("", None), &json, lang),
            )
        }
        Err(error) => error_page(error, lang),
    }
}

#[utoipa::path(post, tag = "talent directory", path = "/directory/withdraw",
    request_body(content = Value, description = "{\"verifiablePresentation\": …, \"options\": {\"challenge\": \"ch-…\", \"domain\": …}}: a presentation by the holder key the profile was published under, on a challenge from POST /challenges"),
    responses((status = 200, description = "withdrawn: the publication and everything derived from it are deleted"),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "this holder has nothing published")))]
pub(crate) async fn withdraw_post(
    State(service): State<Arc<VerifierService>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServiceError> {
    let mut body = body_json(body)?;
    let parsed = document(&mut body, "verifiablePresentation")?;
    let field = |name: &str| body.pointer(&format!("/options/{name}")).and_then(Value::as_str).map(str::to_owned);
    let challenge = field("challenge").ok_or_else(|| ServiceError::bad(|lang| t!(lang, "challenge-required")))?;
    let id = withdraw::withdraw(&service, parsed, &challenge, field("domain")).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(json!({"withdrawn": id}))).into_response())
}

/// The page's search form (and its results, when given).
fn search_markup(lang: Lang, results: Option<&[Value]>, token: &str) -> Markup {
    let taxonomy = schemas::Taxonomy::gc_digital_talent();
    html! {
        h1 { (text!(lang, "directory-search-title")) }
        p { (text!(lang, "directory-search-intro")) }
        form method="post" action="/page/directory" {
            input type="hidden" name="lang" value=(lang.as_str());
            p { label for="token" { (text!(lang, "ask-token-label")) } }
            input #token type="password" name="token" autocomplete="off" value=(token);
            p { label for="skill" { (text!(lang, "directory-search-skill")) } }
            select #skill name="skill" {
                option value="" { "—" }
                @for skill in taxonomy.skills() { option value=(skill.key) { (skill.name.get(lang)) } }
            }
            p { label for="min_level" { (text!(lang, "directory-search-level")) } }
            select #min_level name="min_level" {
                option value="" { "—" }
                @for level in schemas::Level::ALL { option value=(level.as_str()) { (level.label(lang)) } }
            }
            p { label for="recent_months" { (text!(lang, "directory-search-recent")) } }
            input #recent_months type="number" min="1" max="600" name="recent_months";
            p { button type="submit" { (text!(lang, "directory-search-button")) } }
        }
        @if let Some(results) = results {
            h2 { (t!(lang, "directory-search-found", count = results.len())) }
            ol.results {
                @for result in results {
                    li {
                        ul {
                            @for skill in result["skills"].as_array().into_iter().flatten() {
                                li { (visible(skill["name"].as_str().unwrap_or("?"))) " — " (visible(skill["level_name"].as_str().unwrap_or(""))) }
                            }
                        }
                        form method="post" action="/page/directory" {
                            input type="hidden" name="lang" value=(lang.as_str());
                            input type="hidden" name="token" value=(token);
                            input type="hidden" name="open" value=(result["id"].as_str().unwrap_or(""));
                            button type="submit" { (text!(lang, "profile-open")) }
                        }
                    }
                }
            }
        }
        p { a href={ "/?lang=" (lang.as_str()) } { (text!(lang, "page-back")) } }
    }
}

/// `GET /page/directory`: the search form.
pub(crate) async fn search_page(Query(query): Query<LangQuery>, headers: HeaderMap) -> Response {
    let lang = lang_of(query.lang.as_deref(), &headers);
    page(lang, StatusCode::OK, text!(lang, "directory-search-title"), "/page/directory", search_markup(lang, None, ""))
}

/// `POST /page/directory`: the form's search with its token (or a result opened).
pub(crate) async fn search_form(
    State(service): State<Arc<VerifierService>>,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let pairs = match form {
        Ok(Form(pairs)) => pairs,
        Err(rejection) => return error_page(form_refused(&rejection), lang_of(None, &headers)),
    };
    let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let lang = lang_of(get("lang"), &headers);
    let token = get("token").unwrap_or_default();
    if let Err(error) = service.authorize(Some(token), Scope::Directory).await {
        return error_page(error, lang);
    }
    if let Some(id) = get("open") {
        return profile_page(&service, id, lang).await;
    }
    let searched = Search::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    match async { search(&service, &searched?, lang).await }.await {
        Ok(results) => page(
            lang,
            StatusCode::OK,
            text!(lang, "directory-search-title"),
            "/page/directory",
            search_markup(lang, Some(&results), token),
        ),
        Err(error) => error_page(error, lang),
    }
}
