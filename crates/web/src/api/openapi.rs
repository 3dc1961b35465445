//! The OpenAPI document at `/api/v1/openapi.json`, generated from the handlers' annotations
//! (utoipa) and completed here with what the operations share, so that no handler can forget
//! it: 500 `internal` everywhere; 401 where a token is needed; 400 `malformed_json`, 415 and
//! 422 `invalid_request` where a JSON body is read; 400 `invalid_path` where the path carries a
//! parameter; and the closed lists (statuses, roles) and formats of the answers' fields, taken
//! from the domain. A test checks that every route under `/api/v1` is in it, and
//! `scripts/api-check` runs schemathesis against the live document.

use axum::Json;
use dopcert_domain::certificate::Status as CertificateStatus;
use dopcert_domain::enrollment::ApplicationStatus;
use dopcert_domain::role::Role;
use utoipa::openapi::link::LinkBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{ArrayItems, KnownFormat, SchemaFormat};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder, Schema};
use utoipa::{Modify, OpenApi};

use super::{applications, auth, certificates, error, notifications, personal_data};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "dopcert API",
        version = "1",
        description = "Сертификат дополнительного образования: API для интеграций и приложений. \
                       Ошибки: `{\"error\": {\"code\", \"message\"}}` со стабильным кодом."
    ),
    paths(
        auth::token,
        auth::me,
        certificates::my_children,
        personal_data::download,
        notifications::settings,
        notifications::set_settings,
        notifications::inbox,
        certificates::claim,
        certificates::get,
        certificates::check,
        applications::apply,
        applications::list,
        applications::withdraw,
        document,
    ),
    components(schemas(error::ErrorBody, error::ErrorDetail)),
    modifiers(&BearerAuth, &SharedResponses, &ClosedLists, &Links),
    tags(
        (name = "auth", description = "Tokens"),
        (name = "certificates", description = "The certificate: children, claims, checks"),
        (name = "enrollment", description = "Applications to groups: apply, list, withdraw"),
        (name = "notifications", description = "Notifications: settings and the inbox"),
        (name = "meta", description = "This document"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// The answers every operation of a kind can give, whatever its handler says: they come from
/// the extractors (`ApiCaller`, `ApiJson`, `ApiPath`) and from `ApiError::internal`.
struct SharedResponses;

impl Modify for SharedResponses {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        for item in doc.paths.paths.values_mut() {
            let ops = [&mut item.get, &mut item.post, &mut item.put, &mut item.delete, &mut item.patch];
            for op in ops.into_iter().flatten() {
                add_shared(op);
            }
        }
    }
}

fn add_shared(op: &mut Operation) {
    let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
    let has_body = op.request_body.is_some();
    let has_path = op.parameters.iter().flatten().any(|p| matches!(p.parameter_in, ParameterIn::Path));
    if secured {
        error_response(op, "401", "`unauthorized`: no valid token (`Authorization: Bearer …`)");
    }
    match (has_body, has_path) {
        (true, true) => error_response(
            op,
            "400",
            "`malformed_json`: the body is not JSON; `invalid_path`: a path parameter is not UTF-8",
        ),
        (true, false) => error_response(op, "400", "`malformed_json`: the body is not JSON"),
        (false, true) => error_response(op, "400", "`invalid_path`: a path parameter is not UTF-8"),
        (false, false) => {}
    }
    if has_body {
        error_response(op, "415", "`unsupported_media_type`: the body must be `application/json`");
        error_response(op, "422", "`invalid_request`: the body does not fit the schema (unknown fields too)");
    }
    error_response(op, "500", "`internal`: the server failed; try later");
}

/// Adds an error answer unless the handler documented that status itself (its description
/// then lists the codes).
fn error_response(op: &mut Operation, status: &str, description: &str) {
    op.responses.responses.entry(status.to_string()).or_insert_with(|| {
        let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build();
        RefOr::T(ResponseBuilder::new().description(description).content("application/json", content).build())
    });
}

/// Fields whose values are a closed list or a known format: the lists from the domain's own
/// `ALL`, so the document cannot fall behind a new status or role.
struct ClosedLists;

impl Modify for ClosedLists {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let Some(components) = doc.components.as_mut() else { return };
        let schemas = &mut components.schemas;
        let certificate: Vec<&str> = CertificateStatus::ALL.iter().map(|s| s.code()).collect();
        let application: Vec<&str> = ApplicationStatus::ALL.iter().map(|s| s.code()).collect();
        let roles: Vec<&str> = Role::ALL.iter().map(|r| r.code()).collect();
        set_enum(property(schemas, "CertificateJson", "status"), &certificate);
        set_enum(property(schemas, "CheckJson", "status"), &certificate);
        set_enum(property(schemas, "ApplicationJson", "status"), &application);
        set_enum(property(schemas, "TokenResponse", "token_type"), &["Bearer"]);
        let kinds: Vec<&str> = dopcert_domain::notification::Kind::ALL.iter().map(|k| k.code()).collect();
        set_enum(property(schemas, "NotificationJson", "kind"), &kinds);
        if let Some(Schema::Array(a)) = property(schemas, "Me", "roles") {
            if let ArrayItems::RefOrSchema(items) = &mut a.items {
                if let RefOr::T(items) = items.as_mut() {
                    set_enum(Some(items), &roles);
                }
            }
        }
        let date = KnownFormat::Date;
        let date_time = KnownFormat::DateTime;
        for (schema, field, format) in [
            ("ApplicationJson", "starts_on", date.clone()),
            ("ApplicationJson", "ends_on", date.clone()),
            ("ApplicationJson", "offer_until", date_time.clone()),
            ("ChildJson", "birth_date", date.clone()),
            ("ChildJson", "eligible_from", date),
            ("CertificateJson", "issued_at", date_time.clone()),
            ("NotificationJson", "created_at", date_time),
        ] {
            if let Some(Schema::Object(o)) = property(schemas, schema, field) {
                o.format = Some(SchemaFormat::KnownFormat(format));
            }
        }
    }
}

/// Where an answer's identifiers lead, as OpenAPI links (which schemathesis's stateful phase
/// follows): (method, path, status, link, the operation it leads to, its path parameter, where
/// the answer holds the value).
const LINKS: [(&str, &str, &str, &str, &str, &str, &str); 6] = [
    ("post", "/api/v1/certificates", "201", "read", "get", "number", "$response.body#/number"),
    ("post", "/api/v1/certificates", "200", "read", "get", "number", "$response.body#/number"),
    ("post", "/api/v1/certificates", "201", "check", "check", "number", "$response.body#/number"),
    ("post", "/api/v1/applications", "201", "withdraw", "withdraw", "id", "$response.body#/id"),
    ("get", "/api/v1/applications", "200", "withdraw_first", "withdraw", "id", "$response.body#/0/id"),
    ("get", "/api/v1/me/children", "200", "claim_first", "claim", "", ""),
];

struct Links;

impl Modify for Links {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        for (method, path, status, name, to, parameter, from) in LINKS {
            let Some(item) = doc.paths.paths.get_mut(path) else { continue };
            let op = match method {
                "get" => item.get.as_mut(),
                _ => item.post.as_mut(),
            };
            let Some(RefOr::T(answer)) = op.and_then(|op| op.responses.responses.get_mut(status)) else {
                continue;
            };
            let link = if parameter.is_empty() {
                // A child's id goes in the claim's body, with the consent it needs.
                let body = serde_json::json!({"child_id": "$response.body#/0/id", "consent": true});
                LinkBuilder::new().operation_id(to).request_body(Some(body))
            } else {
                LinkBuilder::new().operation_id(to).parameter(parameter, from)
            };
            answer.links.insert(name.to_string(), RefOr::T(link.build()));
        }
    }
}

fn property<'a>(
    schemas: &'a mut std::collections::BTreeMap<String, RefOr<Schema>>,
    schema: &str,
    field: &str,
) -> Option<&'a mut Schema> {
    let Some(RefOr::T(Schema::Object(o))) = schemas.get_mut(schema) else { return None };
    match o.properties.get_mut(field) {
        Some(RefOr::T(s)) => Some(s),
        _ => None,
    }
}

fn set_enum(schema: Option<&mut Schema>, values: &[&str]) {
    if let Some(Schema::Object(o)) = schema {
        o.enum_values = Some(values.iter().map(|v| serde_json::Value::from(*v)).collect());
    }
}

/// This document (OpenAPI 3.1), public.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses(
        (status = 200, description = "The OpenAPI document", body = Object, content_type = "application/json"),
    ))]
pub async fn document() -> Json<serde_json::Value> {
    static SERVED: std::sync::LazyLock<serde_json::Value> = std::sync::LazyLock::new(served);
    Json(SERVED.clone())
}

/// The document as served. utoipa 5 writes a link's fields in snake case (`operation_id`),
/// which no OpenAPI reader knows: they are renamed here to the standard's camel case.
fn served() -> serde_json::Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).expect("the document is JSON");
    let paths = doc["paths"].as_object_mut().into_iter().flat_map(|p| p.values_mut());
    let ops = paths.filter_map(|item| item.as_object_mut()).flat_map(|item| item.values_mut());
    for op in ops {
        let answers = op["responses"].as_object_mut().into_iter().flat_map(|r| r.values_mut());
        let links = answers.filter_map(|a| a.get_mut("links")?.as_object_mut()).flat_map(|l| l.values_mut());
        for link in links.filter_map(|l| l.as_object_mut()) {
            for (from, to) in [
                ("operation_id", "operationId"),
                ("operation_ref", "operationRef"),
                ("request_body", "requestBody"),
            ] {
                if let Some(v) = link.remove(from) {
                    link.insert(to.to_string(), v);
                }
            }
        }
    }
    doc
}

/// The paths the document describes, for the test that it covers every route.
pub fn documented_paths() -> Vec<(String, String)> {
    let doc = ApiDoc::openapi();
    let mut out = Vec::new();
    for (path, item) in &doc.paths.paths {
        let methods = [
            ("GET", item.get.is_some()),
            ("POST", item.post.is_some()),
            ("PUT", item.put.is_some()),
            ("DELETE", item.delete.is_some()),
            ("PATCH", item.patch.is_some()),
        ];
        for (m, present) in methods {
            if present {
                out.push((m.to_string(), path.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn operations() -> Vec<(String, String, Operation)> {
        let doc = ApiDoc::openapi();
        let mut out = Vec::new();
        for (path, item) in doc.paths.paths {
            for (m, op) in
                [("GET", item.get), ("POST", item.post), ("PUT", item.put), ("DELETE", item.delete)]
            {
                if let Some(op) = op {
                    out.push((m.to_string(), path.clone(), op));
                }
            }
        }
        out
    }

    #[test]
    fn every_request_body_is_closed_as_the_server_denies_unknown_fields() {
        let doc = ApiDoc::openapi();
        let schemas = doc.components.unwrap().schemas;
        let mut bodies = 0;
        for (m, path, op) in operations() {
            let Some(body) = op.request_body else { continue };
            let json =
                body.content.get("application/json").unwrap_or_else(|| panic!("{m} {path}: JSON body"));
            let Some(RefOr::Ref(r)) = &json.schema else { panic!("{m} {path}: the body is a named schema") };
            let name = r.ref_location.rsplit('/').next().unwrap();
            let Some(RefOr::T(Schema::Object(o))) = schemas.get(name) else { panic!("{name} is an object") };
            let closed = serde_json::to_value(&o.additional_properties).unwrap();
            assert_eq!(closed, serde_json::json!(false), "{m} {path}: {name} has additionalProperties false");
            bodies += 1;
        }
        assert!(bodies >= 3, "token, claim and apply read a body");
    }

    #[test]
    fn every_operation_documents_its_errors_with_the_common_error_body() {
        for (m, path, op) in operations() {
            let r = &op.responses.responses;
            assert!(r.contains_key("500"), "{m} {path}: 500");
            if op.security.is_some() {
                assert!(r.contains_key("401"), "{m} {path}: 401");
            }
            if op.request_body.is_some() {
                for s in ["400", "415", "422"] {
                    assert!(r.contains_key(s), "{m} {path}: {s}");
                }
            }
            for (status, answer) in r.iter().filter(|(s, _)| s.starts_with('4') || s.starts_with('5')) {
                let RefOr::T(answer) = answer else { panic!("{m} {path} {status}: inline") };
                let schema = &answer.content["application/json"].schema;
                let named = matches!(schema, Some(RefOr::Ref(r)) if r.ref_location.ends_with("/ErrorBody"));
                assert!(named, "{m} {path} {status}: the error body");
            }
        }
    }

    #[test]
    fn every_link_leads_to_an_operation_and_its_parameter() {
        let ops = operations();
        let mut links = 0;
        for (m, path, op) in &ops {
            for (status, answer) in &op.responses.responses {
                let RefOr::T(answer) = answer else { continue };
                for (name, link) in &answer.links {
                    let RefOr::T(link) = link else { panic!("{m} {path} {status} {name}: inline") };
                    let to =
                        ops.iter().find(|(_, _, o)| o.operation_id.as_deref() == Some(&link.operation_id));
                    let (_, _, to) =
                        to.unwrap_or_else(|| panic!("{m} {path} {name}: no {}", link.operation_id));
                    for parameter in link.parameters.keys() {
                        let known = to.parameters.iter().flatten().any(|p| &p.name == parameter);
                        assert!(known, "{m} {path} {name}: {} has no {parameter}", link.operation_id);
                    }
                    links += 1;
                }
            }
        }
        assert_eq!(links, LINKS.len(), "every link in the table is in the document");
    }

    #[test]
    fn links_are_served_in_the_standards_camel_case() {
        let doc = served();
        let answer = &doc["paths"]["/api/v1/applications"]["post"]["responses"]["201"];
        assert_eq!(answer["links"]["withdraw"]["operationId"], "withdraw");
        assert!(answer["links"]["withdraw"].get("operation_id").is_none());
        let claim = &doc["paths"]["/api/v1/me/children"]["get"]["responses"]["200"]["links"]["claim_first"];
        assert_eq!(claim["requestBody"]["consent"], true);
    }

    #[test]
    fn statuses_and_roles_are_the_domains_closed_lists() {
        let doc = served();
        let s = &doc["components"]["schemas"];
        assert_eq!(s["ApplicationJson"]["properties"]["status"]["enum"].as_array().unwrap().len(), 8);
        assert_eq!(s["CertificateJson"]["properties"]["status"]["enum"][1], "suspended");
        assert_eq!(s["Me"]["properties"]["roles"]["items"]["enum"][0], "parent");
        assert_eq!(s["CertificateJson"]["properties"]["issued_at"]["format"], "date-time");
    }
}
