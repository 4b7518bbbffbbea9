//! Making an OpenID4VCI offer for a person from the console (`/console/offer`): the same fields
//! as issuing, without the holder's key (the wallet proves its own when it redeems), and the
//! person the offer is for. The answer shows the offer as a QR code and a link, and the PIN once:
//! it is never stored in clear, so this page cannot be shown again, and it says to send the PIN
//! by another channel than the link, which is what makes a forwarded link useless to others.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{html, Markup, PreEscaped};

use crate::domain::batch::Kind;
use crate::domain::oid4vci::{OfferCreated, OfferRequest};
use crate::domain::sessions::StaffSession;
use crate::domain::tokens::Scope;
use crate::http::console::forms::{
    assignment_fields, kind_and_search, kind_name, kind_of, row_of, skill_fields, Picker, Shown,
};
use crate::http::console::frame::page;
use crate::http::console::request::{SignedForm, SignedIn};
use crate::http::extract::AppState;
use crate::http::problem::status_of;
use crate::i18n::t;

/// How long an offer may stay open, in minutes, the first by default.
const LIFETIMES: [i64; 4] = [60 * 24, 60, 15, 60 * 24 * 7];

fn lifetime_label(minutes: i64, lang: lang::Lang) -> String {
    match minutes {
        60 => t!(lang, "console-offer-hour"),
        15 => t!(lang, "console-offer-quarter"),
        10_080 => t!(lang, "console-offer-week"),
        _ => t!(lang, "console-offer-day"),
    }
}

/// The formats a wallet may receive, by OpenID4VCI configuration suffix.
const FORMATS: [&str; 3] = ["ldp_vc", "jwt_vc_json", "dc_sd_jwt"];

fn format_label(name: &str, lang: lang::Lang) -> String {
    match name {
        "jwt_vc_json" => t!(lang, "console-offer-jwt"),
        "dc_sd_jwt" => t!(lang, "console-offer-sd-jwt"),
        _ => t!(lang, "console-offer-ldp"),
    }
}

/// `GET /console/offer?kind=skill|assignment&q=…&family=…`.
pub(crate) async fn offer_page(reader: SignedIn) -> Response {
    if let Err(error) = reader.session.principal.require(Scope::Issue) {
        return reader.refused(&error, "/console/offer");
    }
    let values = HashMap::from([("pin".to_owned(), "yes".to_owned())]);
    let form = Shown { kind: kind_of(reader.asked("kind")), values: &values, chosen: &[], refused: None };
    let body = offer_markup(&reader.session, reader.lang, reader.asked("q"), reader.asked("family"), &form);
    reader.page(StatusCode::OK, &t!(reader.lang, "console-offer-title"), "/console/offer", body)
}

fn offer_markup(
    session: &StaffSession,
    lang: lang::Lang,
    text: Option<&str>,
    family: Option<&str>,
    form: &Shown<'_>,
) -> Markup {
    let picker = Picker::new(text, family, lang);
    let value = |name: &str| form.values.get(name).map(String::as_str);
    html! {
        h1 { (t!(lang, "console-offer-title")) }
        p { (t!(lang, "console-offer-intro")) }
        @if let Some(error) = form.refused { p.error role="alert" { (error.detail(lang)) } }
        (kind_and_search(lang, "/console/offer", form.kind, &picker))
        form method="post" action="/console/offer" {
            input type="hidden" name="csrf" value=(session.csrf);
            input type="hidden" name="lang" value=(lang.as_str());
            input type="hidden" name="kind" value=(kind_name(form.kind));
            label for="person" { (t!(lang, "console-person-label")) }
            p.hint #person-hint { (t!(lang, "console-person-hint")) }
            input #person type="text" name="person" required maxlength="200" aria-describedby="person-hint" value=(value("person").unwrap_or_default());
            @match form.kind {
                Kind::Skill => (skill_fields(lang, &picker, form.values)),
                Kind::Assignment => (assignment_fields(lang, &picker, form.values, form.chosen)),
            }
            label for="format" { (t!(lang, "console-offer-format-label")) }
            select #format name="format" {
                @for name in FORMATS {
                    option value=(name) selected[value("format") == Some(name)] { (format_label(name, lang)) }
                }
            }
            label for="expires" { (t!(lang, "console-offer-expires-label")) }
            select #expires name="expires" {
                @for minutes in LIFETIMES {
                    option value=(minutes) selected[value("expires") == Some(minutes.to_string().as_str())] { (lifetime_label(minutes, lang)) }
                }
            }
            p.choice {
                input #pin type="checkbox" name="pin" value="yes" checked[value("pin") == Some("yes")];
                " " label for="pin" { (t!(lang, "console-offer-pin-label")) }
            }
            p { button type="submit" { (t!(lang, "console-offer-button")) } }
        }
    }
}

/// `POST /console/offer`: makes the offer and shows it, with its PIN, this once.
pub(crate) async fn offer_post(State(service): State<AppState>, form: SignedForm) -> Response {
    let here = "/console/offer";
    let lang = form.lang;
    let kind = kind_of(form.field("kind"));
    let created = async {
        form.session.principal.require(Scope::Issue)?;
        let (_, fields) = row_of(&form, kind).template_fields()?;
        let format = form.field("format").filter(|name| FORMATS.contains(name));
        let prefix = match kind {
            Kind::Skill => "SkillCredential",
            Kind::Assignment => "AssignmentCredential",
        };
        let minutes = form.field("expires").and_then(|minutes| minutes.parse::<i64>().ok());
        let request = OfferRequest {
            person: form.field("person").unwrap_or_default().to_owned(),
            credential_configuration_id: format!("{prefix}_{}", format.unwrap_or(FORMATS[0])),
            fields,
            tx_code: form.field("pin") == Some("yes"),
            expires_in: Some(minutes.filter(|m| LIFETIMES.contains(m)).unwrap_or(LIFETIMES[0]) * 60),
        };
        service.create_offer(&form.session.principal, request).await
    }
    .await;
    let title = t!(lang, "console-offer-title");
    match created {
        Ok(created) => {
            let person = form.field("person").unwrap_or_default();
            page(lang, StatusCode::CREATED, &title, here, Some(&form.session), made_markup(lang, person, &created))
        }
        Err(error) => {
            let chosen: Vec<String> = form.all("skills").into_iter().map(str::to_owned).collect();
            let shown = Shown { kind, values: &form.fields, chosen: &chosen, refused: Some(&error) };
            let body = offer_markup(&form.session, lang, None, None, &shown);
            page(lang, status_of(&error), &title, here, Some(&form.session), body)
        }
    }
}

/// The offer made: QR code and link (by reference, so the code stays small), the PIN once.
fn made_markup(lang: lang::Lang, person: &str, created: &OfferCreated) -> Markup {
    let link = &created.credential_offer_by_reference;
    let qr = qrcode::QrCode::new(link.as_bytes())
        .map(|code| code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(240, 240).build())
        .unwrap_or_default();
    // The renderer writes a whole SVG document; the page embeds the element.
    let svg = qr.find("<svg").map(|at| qr[at..].to_owned()).unwrap_or_default();
    let expires = created.expires_at.get(..16).unwrap_or(&created.expires_at).replace('T', " ");
    html! {
        h1 { (t!(lang, "console-offer-made-title", person = person)) }
        p.notice role="status" { (t!(lang, "console-offer-made", expires = expires.as_str())) }
        figure.qr {
            div role="img" aria-label=(t!(lang, "console-offer-qr-label")) { (PreEscaped(svg)) }
            figcaption { (t!(lang, "console-offer-qr-caption")) }
        }
        label for="offer-link" { (t!(lang, "console-offer-link-label")) }
        input #offer-link type="text" readonly value=(link);
        @if let Some(pin) = &created.tx_code {
            section.pin aria-labelledby="pin-heading" {
                h2 #pin-heading { (t!(lang, "console-offer-pin-heading")) }
                p.pin-code { (pin) }
                p.error role="alert" { (t!(lang, "console-offer-pin-warning")) }
            }
        } @else {
            p { (t!(lang, "console-offer-no-pin")) }
        }
        p { a href={ "/console/offer?lang=" (lang.as_str()) } { (t!(lang, "console-offer-another")) } }
    }
}
