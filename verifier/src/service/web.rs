//! The page a hiring manager uses in a browser, at `/`, in English or French: paste or drop a
//! credential, presentation or JWT and read the result check by check; or ask a person for a
//! credential (OpenID4VP) with a QR code and a link, and see the answer arrive.
//!
//! Server-rendered HTML (maud escapes every value) that works without JavaScript; one small
//! script adds file drop, focus on the result and polling for an answer. The Content-Security-
//! Policy allows only this origin's own script and style: no inline code, no third party. What is
//! pasted is verified in memory and never stored or logged. A request started from the page is
//! readable only through its own link (an unguessable key), not the requesting-party API token.
//! Starting one asks wallets for credentials in this verifier's name, so the page's form asks for
//! the service's API token too (`verifier serve` always has one): otherwise anyone reaching the
//! page could send people requests that their wallet shows as coming from this employer.

use std::collections::HashMap;

use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use credentials::error::Describe;
use credentials::report::{DocumentKind, Outcome, Report};
use credentials::verify::PresentationOptions;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use schemas::Lang;
use serde_json::{json, Value};

use super::{lang_of, run, AppState, ServiceError, DEFAULT_CLOCK_SKEW};

/// Only this origin's files; forms post here; nothing may frame the page.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const CSS: &str = include_str!("web/page.css");
const JS: &str = include_str!("web/page.js");

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/page/verify", post(verify_form))
        .route("/page/ask", post(ask_form))
        .route("/page/ask/{id}", get(ask_page))
        .route("/page/ask/{id}/status", get(ask_status))
        .route("/static/page.css", get(|| async { asset("text/css; charset=utf-8", CSS) }))
        .route("/static/page.js", get(|| async { asset("text/javascript; charset=utf-8", JS) }))
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=300")], body).into_response()
}

/// `?lang=fr` (the toggle, and hidden form fields) wins over `Accept-Language`.
fn page_lang(asked: Option<&str>, headers: &HeaderMap) -> Lang {
    match asked {
        Some("fr") => Lang::Fr,
        Some("en") => Lang::En,
        _ => lang_of(headers),
    }
}

fn t(lang: Lang, en: &'static str, fr: &'static str) -> &'static str {
    lang.pick(en, fr)
}

/// A whole page: security headers, never cached (it may show personal data).
fn page(lang: Lang, status: StatusCode, title: &str, toggle: &str, body: Markup) -> Response {
    let other = match lang {
        Lang::En => ("fr", "Français"),
        Lang::Fr => ("en", "English"),
    };
    let separator = if toggle.contains('?') { '&' } else { '?' };
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.as_str()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — " (t(lang, "Talent Credentials verifier", "Vérificateur d'attestations de talents")) }
                link rel="stylesheet" href="/static/page.css";
                script src="/static/page.js" defer {}
            }
            body {
                a.skip href="#main" { (t(lang, "Skip to main content", "Passer au contenu principal")) }
                header {
                    p.brand { (t(lang, "Talent Credentials verifier", "Vérificateur d'attestations de talents")) }
                    nav aria-label=(t(lang, "Language", "Langue")) {
                        a href={ (toggle) (separator) "lang=" (other.0) } lang=(other.0) hreflang=(other.0) { (other.1) }
                    }
                }
                main #main { (body) }
                footer {
                    p { (t(lang,
                        "Checked on this server with the issuers' public keys and status lists; nothing you paste is stored.",
                        "Vérifié sur ce serveur avec les clés publiques et les listes de statuts des émetteurs ; rien de ce que vous collez n'est conservé.")) }
                }
            }
        }
    };
    let mut response = (status, markup).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

fn home_body(lang: Lang, service: &AppState, pasted: &str) -> Markup {
    let skills = schemas::Taxonomy::gc_digital_talent().skills();
    let mut skills: Vec<(&str, &str)> = skills.iter().map(|s| (s.key.as_str(), s.name.get(lang))).collect();
    skills.sort_by_key(|(_, name)| name.to_lowercase());
    html! {
        section aria-labelledby="check-heading" {
            h2 #check-heading { (t(lang, "Check a credential you received", "Vérifier une attestation reçue")) }
            form method="post" action="/page/verify" {
                input type="hidden" name="lang" value=(lang.as_str());
                label for="document" { (t(lang, "Credential (JSON, vc+jwt or SD-JWT)", "Attestation (JSON, vc+jwt ou SD-JWT)")) }
                p #document-help .help { (t(lang,
                    "Paste it here, or drop a file on this box. It is checked and then forgotten.",
                    "Collez-la ici, ou déposez un fichier dans cette zone. Elle est vérifiée puis oubliée.")) }
                textarea #document name="document" rows="10" aria-describedby="document-help" required { (pasted) }
                label for="file" { (t(lang, "Or choose a file", "Ou choisissez un fichier")) }
                input #file type="file" accept=".json,.jwt,.txt,.sd-jwt,application/json";
                button type="submit" { (t(lang, "Check", "Vérifier")) }
            }
        }
        @if service.identity.is_some() {
            section aria-labelledby="ask-heading" {
                h2 #ask-heading { (t(lang, "Ask a person for a credential", "Demander une attestation à une personne")) }
                form method="post" action="/page/ask" {
                    input type="hidden" name="lang" value=(lang.as_str());
                    (choices(lang, ("What do you need?", "De quoi avez-vous besoin ?"), "kind", &[
                        ("kind-skill", "skill", ("A skill credential for this skill", "Une attestation de compétence pour cette compétence")),
                        ("kind-assignment", "assignment", ("An assignment credential where this skill was used", "Une attestation d'affectation où cette compétence a servi")),
                    ]))
                    label for="skill" { (t(lang, "Skill", "Compétence")) }
                    select #skill name="skill" {
                        @for (key, name) in &skills {
                            option value=(key) selected[*key == "api_design"] { (name) }
                        }
                    }
                    (choices(lang, ("How much may the person show?", "Que peut montrer la personne ?"), "format", &[
                        ("format-sd", "dc+sd-jwt", ("Only what is asked (SD-JWT, selective disclosure)", "Seulement ce qui est demandé (SD-JWT, divulgation sélective)")),
                        ("format-ldp", "ldp_vc", ("The whole credential (Data Integrity)", "L'attestation entière (Data Integrity)")),
                    ]))
                    @if service.api_token.is_some() {
                        label for="token" { (t(lang, "Access token of this service", "Jeton d'accès de ce service")) }
                        input #token type="password" name="token" autocomplete="current-password" required;
                    }
                    button type="submit" { (t(lang, "Create the request", "Créer la demande")) }
                }
            }
        }
    }
}

/// A group of radio buttons under a legend, the first one chosen: (id, value, (English label,
/// French label)) for each.
fn choices(
    lang: Lang,
    legend: (&'static str, &'static str),
    name: &str,
    options: &[(&str, &str, (&'static str, &'static str))],
) -> Markup {
    html! {
        fieldset {
            legend { (t(lang, legend.0, legend.1)) }
            @for (index, (id, value, label)) in options.iter().enumerate() {
                div.choice {
                    input id=(id) type="radio" name=(name) value=(value) checked[index == 0];
                    label for=(id) { (t(lang, label.0, label.1)) }
                }
            }
        }
    }
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct LangQuery {
    lang: Option<String>,
    k: Option<String>,
}

async fn home(State(service): State<AppState>, Query(query): Query<LangQuery>, headers: HeaderMap) -> Response {
    let lang = page_lang(query.lang.as_deref(), &headers);
    let body = html! {
        h1 { (t(lang, "Check a credential", "Vérifier une attestation")) }
        (home_body(lang, &service, ""))
    };
    page(lang, StatusCode::OK, t(lang, "Check a credential", "Vérifier une attestation"), "/", body)
}

fn outcome_word(outcome: &Outcome, lang: Lang) -> (&'static str, &'static str, String) {
    match outcome {
        Outcome::Passed => ("passed", "✓", t(lang, "passed", "réussie").to_owned()),
        Outcome::Failed(failure) => (
            "failed",
            "✗",
            format!(
                "{}{}{} [{}]",
                t(lang, "failed", "échouée"),
                lang.pick(": ", " : "),
                failure.message(lang),
                failure.code()
            ),
        ),
        Outcome::NotChecked(why) => (
            "unknown",
            "?",
            format!("{}{}{}", t(lang, "not checked", "non vérifiée"), lang.pick(": ", " : "), why.message(lang)),
        ),
        Outcome::Undetermined(failure) => (
            "unknown",
            "?",
            format!("{}{}{}", t(lang, "unknown", "inconnue"), lang.pick(": ", " : "), failure.message(lang)),
        ),
        Outcome::NotApplicable => ("na", "–", t(lang, "not applicable", "sans objet").to_owned()),
        _ => ("unknown", "?", t(lang, "unknown", "inconnue").to_owned()),
    }
}

fn report_markup(report: &Report, lang: Lang, level: u8) -> Markup {
    let kind = match report.document {
        DocumentKind::Credential => t(lang, "Credential", "Attestation"),
        DocumentKind::Presentation => t(lang, "Presentation", "Présentation"),
    };
    let verdict = if report.verified_and_status_known() {
        t(lang, "valid", "valide")
    } else {
        t(lang, "not valid", "non valide")
    };
    let fields = report.content.as_ref().and_then(|content| schemas::describe(content, lang)).unwrap_or_default();
    html! {
        div.report.valid[report.verified_and_status_known()].invalid[!report.verified_and_status_known()] {
            @if level == 2 { h2 { (kind) " " (verdict) } } @else { h3 { (kind) " " (verdict) } }
            dl {
                @if !report.format.is_empty() { dt { (t(lang, "Format", "Format")) } dd { (report.format) } }
                @if let Some(issuer) = &report.issuer {
                    dt { @if report.document == DocumentKind::Credential { (t(lang, "Issuer", "Émetteur")) } @else { (t(lang, "Holder", "Titulaire")) } }
                    dd { (issuer) }
                }
                @if let Some(disclosed) = report.disclosed.as_ref().filter(|_| report.credentials.is_empty()) {
                    dt { (t(lang, "Claims the holder chose to show", "Éléments que la personne a choisi de montrer")) }
                    dd { @if disclosed.is_empty() { (t(lang, "none beyond those always shown", "aucun au-delà de ceux toujours visibles")) } @else { (disclosed.join(", ")) } }
                }
                @if report.verified_and_status_known() {
                    @for field in &fields { dt { (field.label) } dd { (field.value) } }
                }
            }
            ul.checks {
                @for check in &report.checks {
                    @let (class, mark, words) = outcome_word(&check.outcome, lang);
                    li class=(class) {
                        span.mark aria-hidden="true" { (mark) }
                        " " strong { (check.kind.label_for(lang, report.document)) } (lang.pick(": ", " : ")) (words)
                    }
                }
            }
            @for inner in &report.credentials { (report_markup(inner, lang, 3)) }
        }
    }
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct VerifyForm {
    #[serde(default)]
    document: String,
    lang: Option<String>,
}

/// Verifies what was pasted, then shows the result above the same form (with the text kept in
/// the box, only in the answer sent back to this browser).
async fn verify_form(
    State(service): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<VerifyForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => return error_page(form_refused(&rejection), lang_of(&headers)),
    };
    let lang = page_lang(form.lang.as_deref(), &headers);
    let title = t(lang, "Result", "Résultat");
    let result = match credentials::input::parse(form.document.as_bytes()) {
        Err(error) => Err((StatusCode::BAD_REQUEST, format!("{} [{}]", error.message(lang), error.code()))),
        // Pasted, a presentation answers no challenge of ours: anyone could paste one they saw.
        Ok(parsed) if super::is_presentation(&parsed) => Err((
            StatusCode::BAD_REQUEST,
            t(
                lang,
                "this is a presentation: a presentation is checked when it answers a request (Ask a person for a credential), not pasted",
                "ceci est une présentation : une présentation se vérifie quand elle répond à une demande (Demander une attestation à une personne), pas collée",
            )
            .to_owned(),
        )),
        Ok(parsed) => {
            let options = PresentationOptions { clock_skew: DEFAULT_CLOCK_SKEW, ..PresentationOptions::default() };
            match run(&service, parsed, options, None).await {
                Ok(report) => Ok(report),
                Err(ServiceError::Unavailable(what)) => Err((
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!(
                        "{}{}{}",
                        what.get(lang),
                        lang.pick(": ", " : "),
                        t(lang, "could not be read", "illisible")
                    ),
                )),
                Err(_) => Err((
                    StatusCode::INTERNAL_SERVER_ERROR,
                    t(lang, "the check failed", "la vérification a échoué").into(),
                )),
            }
        }
    };
    let (status, result_markup) = match &result {
        Ok(report) => (
            StatusCode::OK,
            html! {
                section aria-labelledby="result-heading" {
                    h1 #result-heading tabindex="-1" {
                        (title) (lang.pick(": ", " : "))
                        @if report.verified_and_status_known() { (t(lang, "valid", "valide")) } @else { (t(lang, "not valid", "non valide")) }
                    }
                    (report_markup(report, lang, 2))
                }
            },
        ),
        Err((status, message)) => (
            *status,
            html! {
                section aria-labelledby="result-heading" {
                    h1 #result-heading tabindex="-1" { (t(lang, "This could not be checked", "Impossible de vérifier ceci")) }
                    p.error role="alert" { (message) }
                }
            },
        ),
    };
    let body = html! {
        (result_markup)
        (home_body(lang, &service, &form.document))
    };
    page(lang, status, title, "/", body)
}

/// A status entry's state (the stable word of the JSON outcome) as the page says it.
fn state_word(lang: Lang, state: &str) -> &str {
    match (lang, state) {
        (Lang::Fr, "active") => "actif",
        (Lang::Fr, "revoked") => "révoqué",
        (Lang::Fr, "suspended") => "suspendu",
        (Lang::Fr, "unknown") => "inconnu",
        (Lang::Fr, "invalid") => "invalide",
        (Lang::Fr, "set") => "positionné",
        (_, other) => other,
    }
}

/// A form post the page did not send (a field missing, another content type, too large): a
/// problem body like the rest of the service, not the framework's plain text.
fn form_refused(rejection: &FormRejection) -> ServiceError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ServiceError::TooLarge;
    }
    ServiceError::bad(
        format!("the form cannot be read: {}", rejection.body_text()),
        "le formulaire est illisible : un champ manque, ou ce n'est pas un formulaire HTML (application/x-www-form-urlencoded)",
    )
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct AskForm {
    kind: String,
    skill: String,
    format: String,
    lang: Option<String>,
    /// The service's API token, when it has one.
    #[serde(default)]
    token: FormSecret,
}

/// A secret typed into a form: never printed, even in debug output.
#[derive(Default, serde::Deserialize)]
#[serde(transparent)]
pub(super) struct FormSecret(String);

impl std::fmt::Debug for FormSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FormSecret(…)")
    }
}

/// A refused page request, said as a page in the reader's language (a browser shows HTML, not a
/// problem body).
fn error_page(error: ServiceError, lang: Lang) -> Response {
    let (status, code, en, fr) = error.parts();
    let title = t(lang, "This did not work", "Cela n'a pas fonctionné");
    let body = html! {
        h1 { (title) }
        p { (lang.pick(&en, &fr)) " [" (code) "]" }
        p { a href={ "/?lang=" (lang.as_str()) } { (t(lang, "Back to the start", "Retour au début")) } }
    };
    page(lang, status, title, "/", body)
}

/// Creates an OpenID4VP request from the page's choices and sends the browser to its page.
async fn ask_form(
    State(service): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<AskForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => return error_page(form_refused(&rejection), lang_of(&headers)),
    };
    let lang = page_lang(form.lang.as_deref(), &headers);
    match create_page_request(&service, &form, lang) {
        Ok(response) => response,
        Err(error) => error_page(error, lang),
    }
}

fn create_page_request(service: &AppState, form: &AskForm, lang: Lang) -> Result<Response, ServiceError> {
    use credentials::dcql::{assignment_query, skill_query, Query, FORMAT_DC_SD_JWT, FORMAT_LDP_VC};
    let identity = service.identity.as_ref().ok_or(ServiceError::NotFound)?;
    service.check_token(&form.token.0).map_err(|_| ServiceError::WrongToken)?;
    if schemas::Taxonomy::gc_digital_talent().skill(&form.skill).is_none() {
        return Err(ServiceError::bad("unknown skill", "compétence inconnue"));
    }
    let format = match form.format.as_str() {
        FORMAT_DC_SD_JWT => FORMAT_DC_SD_JWT,
        FORMAT_LDP_VC => FORMAT_LDP_VC,
        _ => return Err(ServiceError::bad("unknown format", "format inconnu")),
    };
    let query = match form.kind.as_str() {
        "skill" => skill_query("credential", format, &form.skill),
        "assignment" => assignment_query("credential", format, Some(&form.skill)),
        _ => return Err(ServiceError::bad("unknown kind of credential", "type d'attestation inconnu")),
    };
    let query = Query { credentials: vec![query], credential_sets: None };
    let policy = crate::oid4vp::Policy {
        lifetime: crate::oid4vp::DEFAULT_LIFETIME,
        max_age: None,
        clock_skew: DEFAULT_CLOCK_SKEW,
        require_status: None,
    };
    let created = service
        .requests
        .create(identity, query, policy, service.verifier.clock.now())
        .map_err(|refusal| ServiceError::Refused(refusal, lang))?;
    let key = crate::oid4vp::random_id("k-");
    service.remember_page_request(&created.id, &key, &created.link);
    Ok(Redirect::to(&format!("/page/ask/{}?k={key}&lang={}", created.id, lang.as_str())).into_response())
}

/// The link of a page request, if `key` opens it.
fn page_request(service: &AppState, id: &str, key: Option<&str>) -> Result<String, ServiceError> {
    service.page_request_link(id, key.unwrap_or_default()).ok_or(ServiceError::NotFound)
}

/// Whether the person answered; once they have, the answer rendered for the page, so the script
/// shows it in place (no reload) and announces it.
async fn ask_status(
    State(service): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, ServiceError> {
    let lang = page_lang(query.lang.as_deref(), &headers);
    page_request(&service, &id, query.k.as_deref())?;
    let outcome = service.requests.outcome(&id, service.verifier.clock.now(), lang).ok_or(ServiceError::NotFound)?;
    let status = outcome["status"].as_str().unwrap_or("pending");
    let html = match status {
        "pending" => None,
        "expired" => Some(expired_markup(lang).into_string()),
        _ => Some(outcome_markup(&outcome, lang).into_string()),
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(json!({"status": status, "html": html}))).into_response())
}

fn expired_markup(lang: Lang) -> Markup {
    html! { p { (t(lang, "This request expired before anyone answered.", "Cette demande a expiré sans réponse.")) } }
}

async fn ask_page(
    State(service): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = page_lang(query.lang.as_deref(), &headers);
    match ask_page_markup(&service, &id, &query, lang) {
        Ok(response) => response,
        Err(error) => error_page(error, lang),
    }
}

fn ask_page_markup(service: &AppState, id: &str, query: &LangQuery, lang: Lang) -> Result<Response, ServiceError> {
    let key = query.k.clone().unwrap_or_default();
    let link = page_request(service, id, Some(&key))?;
    let outcome = service.requests.outcome(id, service.verifier.clock.now(), lang).ok_or(ServiceError::NotFound)?;
    let status = outcome["status"].as_str().unwrap_or("pending").to_owned();
    let here = format!("/page/ask/{id}?k={key}");
    let qr = qrcode::QrCode::new(link.as_bytes())
        .map(|code| code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(240, 240).build())
        .unwrap_or_default();
    // The renderer writes a whole SVG document; the page embeds the element.
    let svg = qr.find("<svg").map(|at| qr[at..].to_owned()).unwrap_or_default();
    let title = t(lang, "Ask for a credential", "Demander une attestation");
    let body = html! {
        h1 #result-heading tabindex="-1" { (title) }
        div #ask-area {
        @match status.as_str() {
            "pending" => {
                p { (t(lang,
                    "Show this code to the person, or send them the link. Their wallet will show who asks and what for before they answer.",
                    "Montrez ce code à la personne, ou envoyez-lui le lien. Son portefeuille lui montrera qui demande et pourquoi avant qu'elle réponde.")) }
                figure.qr {
                    div role="img" aria-label=(t(lang, "QR code of the request link", "Code QR du lien de la demande")) { (PreEscaped(svg)) }
                    figcaption { a href=(link) { (t(lang, "Open the request in a wallet", "Ouvrir la demande dans un portefeuille")) } }
                }
                p { label for="link" { (t(lang, "Request link", "Lien de la demande")) } }
                input #link type="text" readonly value=(link);
                p { a href={ (here) "&lang=" (lang.as_str()) } { (t(lang, "Check for an answer now", "Vérifier maintenant si la réponse est arrivée")) } }
            }
            "expired" => { (expired_markup(lang)) }
            _ => { (outcome_markup(&outcome, lang)) }
        }
        }
        @if status == "pending" {
            p #ask-status role="status" aria-live="polite"
                data-poll={ "/page/ask/" (id) "/status?k=" (key) "&lang=" (lang.as_str()) }
                data-done=(t(lang, "The answer has arrived.", "La réponse est arrivée.")) {
                (t(lang, "Waiting for the person to answer…", "En attente de la réponse de la personne…"))
            }
        }
        p { a href={ "/?lang=" (lang.as_str()) } { (t(lang, "Back to the start", "Retour au début")) } }
    };
    Ok(page(lang, StatusCode::OK, title, &here, body))
}

fn outcome_markup(outcome: &Value, lang: Lang) -> Markup {
    let result = &outcome["result"];
    let verified = outcome["status"] == "verified";
    let empty = Vec::new();
    let credentials = result["credentials"].as_array().unwrap_or(&empty);
    let errors = result["errors"].as_array().unwrap_or(&empty);
    let problems: Vec<&Value> = errors
        .iter()
        .chain(
            result["presentations"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .flat_map(|p| p["errors"].as_array().unwrap_or(&empty)),
        )
        .collect();
    html! {
        div.report.valid[verified].invalid[!verified] {
            p role="status" {
                strong { @if verified { (t(lang, "The answer is valid.", "La réponse est valide.")) } @else { (t(lang, "The answer is not valid.", "La réponse n'est pas valide.")) } }
            }
            @if let Some(holder) = result["holder"].as_str() {
                p { (t(lang, "Presented by", "Présentée par")) (lang.pick(": ", " : ")) (holder) }
            }
            @for credential in credentials {
                dl {
                    dt { (t(lang, "Issuer", "Émetteur")) } dd { (credential["issuer"].as_str().unwrap_or("?")) }
                    dt { (t(lang, "Kind", "Type")) } dd { (credential["types"].as_array().map(|types| types.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")).unwrap_or_default()) }
                    @if let Some(disclosed) = credential["disclosed"].as_array() {
                        dt { (t(lang, "Claims the holder chose to show", "Éléments que la personne a choisi de montrer")) }
                        dd { (disclosed.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")) }
                    }
                    @if let Some(claims) = credential["claims"].as_object() {
                        @for (path, values) in claims {
                            dt { (path) } dd { (values.to_string()) }
                        }
                    }
                    @if let Some(status) = credential["status"].as_array().filter(|s| !s.is_empty()) {
                        dt { (t(lang, "Status", "Statut")) } dd { (status.iter().filter_map(Value::as_str).map(|state| state_word(lang, state)).collect::<Vec<_>>().join(", ")) }
                    }
                }
            }
            @if !problems.is_empty() {
                h2 { (t(lang, "Why", "Pourquoi")) }
                ul.checks {
                    @for problem in &problems {
                        li.failed {
                            span.mark aria-hidden="true" { "✗" } " "
                            (problem["message"].as_str().unwrap_or("")) " [" (problem["code"].as_str().unwrap_or("")) "]"
                        }
                    }
                }
            }
        }
    }
}

/// The keys of requests started from the page, and their links (bounded like the requests).
#[derive(Debug, Default)]
pub struct PageRequests {
    by_id: std::sync::Mutex<HashMap<String, (String, String)>>,
}

impl PageRequests {
    /// Remembers a request started from the page; when full, forgets those `requests` no
    /// longer holds (clearing them all dropped requests still open; found by review).
    pub(super) fn remember(&self, id: &str, key: &str, link: &str, requests: &crate::oid4vp::Requests) {
        let mut all = self.by_id.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if all.len() >= crate::oid4vp::MAX_REQUESTS {
            let held = requests.ids();
            all.retain(|id, _| held.contains(id));
        }
        if all.len() >= crate::oid4vp::MAX_REQUESTS {
            all.clear();
        }
        all.insert(id.to_owned(), (key.to_owned(), link.to_owned()));
    }

    pub(super) fn link(&self, id: &str, key: &str) -> Option<String> {
        use subtle::ConstantTimeEq;
        let all = self.by_id.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (expected, link) = all.get(id)?;
        bool::from(expected.as_bytes().ct_eq(key.as_bytes())).then(|| link.clone())
    }
}
