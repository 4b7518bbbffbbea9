//! The error bodies the service sends are the ones its OpenAPI document describes: real error
//! responses (a malformed body, a missing token, a body over the limit, an unknown path, too
//! many requests from one address, and a wallet's unknown request) are each checked against the
//! schema that `/openapi.json` names for that route and status: every field of the body is a
//! property of the schema, the required ones are there, and each value has the type it says.
//! The VC-API answers too: 200 only for a verified credential or presentation, 400 with the same
//! answer (each check, and errors with their problem types) for one that is not.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use credentials::contexts::ContextSet;
use credentials::did::StaticResolver;
use credentials::verify::Verifier;
use credentials::SystemClock;
use http_body_util::BodyExt;
use keys::LocalKey;
use serde_json::{json, Value};
use tower::ServiceExt;
use verifier::domain::service::VerifierService;
use verifier::http::{app, app_with};

mod support;

fn service() -> Arc<VerifierService> {
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    let identity = support::identity();
    Arc::new(VerifierService::new(verifier, false).with_identity(identity).with_api_token(Some("token".into())))
}

/// Status, content type and JSON body of a response.
async fn send(router: &axum::Router, request: Request<Body>) -> (StatusCode, String, Value) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response.headers()[header::CONTENT_TYPE].to_str().unwrap().to_owned();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, content_type, serde_json::from_slice(&bytes).unwrap())
}

fn post(path: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(path).header(header::CONTENT_TYPE, "application/json").body(body.into()).unwrap()
}

/// A request from one client address, as the server hands it to the router.
fn from_client(mut request: Request<Body>) -> Request<Body> {
    request.extensions_mut().insert(ConnectInfo(SocketAddr::from(([192, 0, 2, 7], 40_000))));
    request
}

/// The schema the document gives for `method path` answering `status` in `content_type`, with
/// its `$ref` followed.
fn documented<'a>(openapi: &'a Value, method: &str, path: &str, status: StatusCode, content_type: &str) -> &'a Value {
    let response = &openapi["paths"][path][method]["responses"][status.as_str()];
    let schema = &response["content"][content_type]["schema"];
    assert!(schema.is_object(), "{method} {path} {status} in {content_type} is not documented: {response}");
    resolve(openapi, schema)
}

fn resolve<'a>(openapi: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            let pointer = reference.strip_prefix('#').unwrap();
            openapi.pointer(pointer).unwrap_or_else(|| panic!("{reference} is not in the document"))
        }
        None => schema,
    }
}

fn type_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(number) if number.is_u64() || number.is_i64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Where `value` breaks `schema` (empty when it conforms), `at` naming the place.
fn breaks(openapi: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    let schema = resolve(openapi, schema);
    let mut broken = Vec::new();
    let allowed: Vec<&str> = match &schema["type"] {
        Value::String(one) => vec![one.as_str()],
        Value::Array(several) => several.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let actual = type_of(value);
    let fits = allowed.is_empty() || allowed.contains(&actual) || (actual == "integer" && allowed.contains(&"number"));
    if !fits {
        broken.push(format!("{at}: a {actual}, the schema says {allowed:?}"));
    }
    // An object schema without `properties` (a free-form object) takes any field.
    if let (Value::Object(fields), Some(properties)) = (value, schema["properties"].as_object()) {
        for (name, field) in fields {
            match properties.get(name) {
                Some(property) => broken.extend(breaks(openapi, property, field, &format!("{at}/{name}"))),
                None => broken.push(format!("{at}/{name}: not a property of the schema")),
            }
        }
        for required in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if !fields.contains_key(required) {
                broken.push(format!("{at}/{required}: required, missing"));
            }
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (value, schema.get("items")) {
        for (index, item) in items.iter().enumerate() {
            broken.extend(breaks(openapi, item_schema, item, &format!("{at}/{index}")));
        }
    }
    broken
}

#[tokio::test]
async fn every_error_sent_is_the_problem_the_openapi_document_describes() {
    let router = app(service());
    let limited = app_with(service(), NonZeroU32::new(1));
    let (status, _, openapi) = send(&router, Request::get("/openapi.json").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let problem = &openapi["components"]["schemas"]["Problem"];
    assert!(problem["properties"].is_object(), "no Problem schema: {}", openapi["components"]);

    let mut cases = vec![
        ("post", "/credentials/verify", send(&router, post("/credentials/verify", "{\"a\": x}")).await),
        ("post", "/credentials/verify", send(&router, post("/credentials/verify", vec![b' '; 2 << 20])).await),
        ("post", "/presentations/verify", send(&router, post("/presentations/verify", "{}")).await),
        ("post", "/presentation-requests", send(&router, post("/presentation-requests", "{}")).await),
        ("get", "/presentation-requests/{id}", {
            let request = Request::get("/presentation-requests/pr-unknown")
                .header(header::AUTHORIZATION, "Bearer token")
                .body(Body::empty())
                .unwrap();
            send(&router, request).await
        }),
    ];
    // Beyond one request a second from one address.
    send(&limited, from_client(post("/credentials/verify", "{}"))).await;
    cases.push(("post", "/credentials/verify", send(&limited, from_client(post("/credentials/verify", "{}"))).await));
    let expected = [
        StatusCode::BAD_REQUEST,
        StatusCode::PAYLOAD_TOO_LARGE,
        StatusCode::BAD_REQUEST,
        StatusCode::UNAUTHORIZED,
        StatusCode::NOT_FOUND,
        StatusCode::TOO_MANY_REQUESTS,
    ];
    for ((method, path, (status, content_type, body)), expected) in cases.iter().zip(expected) {
        assert_eq!(*status, expected, "{method} {path}: {body}");
        assert_eq!(content_type, "application/problem+json", "{method} {path} {status}");
        let schema = documented(&openapi, method, path, *status, content_type);
        assert_eq!(schema, problem, "{method} {path} {status} is documented with another schema");
        assert_eq!(breaks(&openapi, schema, body, ""), Vec::<String>::new(), "{method} {path} {status}: {body}");
    }

    // An unknown path answers a problem too, of the same shape.
    let (status, content_type, body) = send(&router, Request::get("/nowhere").body(Body::empty()).unwrap()).await;
    assert_eq!((status, content_type.as_str()), (StatusCode::NOT_FOUND, "application/problem+json"));
    assert_eq!(breaks(&openapi, problem, &body, ""), Vec::<String>::new(), "{body}");

    // A wallet is refused with an OAuth error, as documented for the wallet's endpoints.
    let request = Request::get("/oid4vp/requests/r-unknown").body(Body::empty()).unwrap();
    let (status, content_type, body) = send(&router, request).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let schema = documented(&openapi, "get", "/oid4vp/requests/{rid}", status, &content_type);
    assert_eq!(breaks(&openapi, schema, &body, ""), Vec::<String>::new(), "{body}");
}

/// Issue #21: VC-API clients and the W3C test suites read a 200 as "verified". A credential
/// that does not verify answers 400, with the answer a verified one gets (as the OpenAPI
/// document says), each error carrying its problem type; a malformed request stays a problem.
#[tokio::test]
async fn a_verification_is_answered_200_only_when_verified() {
    let router = app(service());
    let (_, _, openapi) = send(&router, Request::get("/openapi.json").body(Body::empty()).unwrap()).await;
    let (issuer, holder) = (LocalKey::generate(), LocalKey::generate());
    let credential = support::skill(&issuer, &holder);
    let mut tampered = credential.clone();
    tampered["credentialSubject"]["id"] = "did:example:someone-else".into();
    let body = |credential: &Value| json!({"verifiableCredential": credential}).to_string();

    let (status, content_type, verified) = send(&router, post("/credentials/verify", body(&credential))).await;
    assert_eq!((status, content_type.as_str()), (StatusCode::OK, "application/json"), "{verified}");
    assert_eq!(verified["verified"], true, "{verified:#}");
    let schema = documented(&openapi, "post", "/credentials/verify", status, &content_type);
    assert_eq!(breaks(&openapi, schema, &verified, ""), Vec::<String>::new(), "{verified:#}");

    let (status, content_type, refused) = send(&router, post("/credentials/verify", body(&tampered))).await;
    assert_eq!((status, content_type.as_str()), (StatusCode::BAD_REQUEST, "application/json"), "{refused}");
    assert_eq!(refused["verified"], false, "{refused:#}");
    assert_eq!(refused["errors"][0]["check"], "proof", "{refused:#}");
    let problem_type = refused["errors"][0]["type"].as_str().unwrap();
    // The error type Data Integrity names for a signature that does not match the document.
    assert_eq!(problem_type, "https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR", "{refused:#}");
    assert_eq!(refused["errors"][0]["code"], "signature_mismatch", "{refused:#}");
    assert_eq!(refused["problemDetails"][0]["type"], problem_type, "{refused:#}");
    assert!(refused["report"]["checks"].as_array().is_some_and(|checks| checks.len() > 2), "{refused:#}");
    let schema = documented(&openapi, "post", "/credentials/verify", status, &content_type);
    assert_eq!(breaks(&openapi, schema, &refused, ""), Vec::<String>::new(), "{refused:#}");
    // The same route and status also documents the malformed request's problem.
    documented(&openapi, "post", "/credentials/verify", status, "application/problem+json");

    // A presentation that does not verify: 400 with the answer, as documented.
    let (_, challenge) = support::post(&router, "/challenges", json!({})).await;
    let presentation = json!({"verifiablePresentation": {"@context": [credentials::contexts::CREDENTIALS_V2],
        "type": ["VerifiablePresentation"], "verifiableCredential": [tampered]},
        "options": {"challenge": challenge["challenge"]}});
    let (status, content_type, refused) = send(&router, post("/presentations/verify", presentation.to_string())).await;
    assert_eq!((status, content_type.as_str()), (StatusCode::BAD_REQUEST, "application/json"), "{refused}");
    assert_eq!(refused["verified"], false, "{refused:#}");
    let schema = documented(&openapi, "post", "/presentations/verify", status, &content_type);
    assert_eq!(breaks(&openapi, schema, &refused, ""), Vec::<String>::new(), "{refused:#}");
}

#[test]
fn the_checker_sees_a_field_the_schema_does_not_name() {
    let openapi = serde_json::json!({"components": {"schemas": {"P": {"type": "object", "required": ["code"],
        "properties": {"code": {"type": "string"}, "status": {"type": "integer"}}}}}});
    let schema = serde_json::json!({"$ref": "#/components/schemas/P"});
    assert!(breaks(&openapi, &schema, &serde_json::json!({"code": "x", "status": 4}), "").is_empty());
    assert_eq!(
        breaks(&openapi, &schema, &serde_json::json!({"status": "4", "extra": 1}), ""),
        [
            "/status: a string, the schema says [\"integer\"]",
            "/extra: not a property of the schema",
            "/code: required, missing"
        ]
    );
}
