//! Static files shipped inside the binary, named by a hash of their content so that browsers
//! may cache them for a year and still see a new version at once.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::routes::Routes;

struct Asset {
    name: String,
    body: &'static [u8],
    content_type: &'static str,
}

fn asset(stem: &str, ext: &str, body: &'static [u8], content_type: &'static str) -> Asset {
    let hash = hex::encode(&Sha256::digest(body)[..6]);
    Asset { name: format!("{stem}.{hash}.{ext}"), body, content_type }
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    vec![
        asset("app", "css", include_bytes!("../static/app.css"), "text/css; charset=utf-8"),
        asset("favicon", "svg", include_bytes!("../static/favicon.svg"), "image/svg+xml"),
    ]
});

/// The same icon for browsers that ask `/favicon.ico` whatever the page says (a 4 KB icon
/// instead of the 2 KB page «не найдена» on every first visit).
const FAVICON_ICO: &[u8] = include_bytes!("../static/favicon.ico");

/// The URL of the stylesheet, for the layout.
pub fn stylesheet() -> String {
    format!("/static/{}", ASSETS[0].name)
}

/// The URL of the page icon (`<link rel="icon">`).
pub fn icon() -> String {
    format!("/static/{}", ASSETS[1].name)
}

pub fn routes() -> Routes {
    Routes::new().get("/static/{name}", serve).get("/favicon.ico", favicon)
}

/// `/favicon.ico`: its name cannot carry a hash, so it is cached for a week, not a year.
async fn favicon() -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/vnd.microsoft.icon"),
            (header::CACHE_CONTROL, "public, max-age=604800"),
        ],
        FAVICON_ICO,
    )
        .into_response()
}

async fn serve(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.name == name) {
        Some(a) => (
            [
                (header::CONTENT_TYPE, a.content_type),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            a.body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
