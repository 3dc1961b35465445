//! The OpenAPI document at `/api/v1/openapi.json`, generated from the handlers' annotations
//! (utoipa). A test checks that every route under `/api/v1` is in it.

use axum::Json;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{applications, auth, certificates, error};

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
        certificates::claim,
        certificates::get,
        certificates::check,
        applications::apply,
        applications::list,
        applications::withdraw,
    ),
    components(schemas(error::ErrorBody, error::ErrorDetail)),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Tokens"),
        (name = "certificates", description = "The certificate: children, claims, checks"),
        (name = "enrollment", description = "Applications to groups: apply, list, withdraw"),
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

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
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
