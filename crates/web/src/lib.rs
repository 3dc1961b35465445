//! The web layer: server-rendered pages and the JSON API, both calling the use cases in
//! `dopcert-app`. No SQL here and no rules: a handler parses, calls one use case, renders.

mod accessibility;
mod api;
mod assets;
pub mod billing_docs;
mod health;
mod layout;
pub mod limits;
mod metrics;
mod pages;
mod pdf;
mod refusal;
pub mod routes;
mod session;
pub mod text;
mod words;

use std::future::Future;
use std::time::Duration;

use axum::http::{header, HeaderName, HeaderValue, Request};
use axum::Router;
use dopcert_app::App;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;

/// How the site is reached, from the configuration.
#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// Cookies only over HTTPS: set when the public address is https.
    pub secure_cookies: bool,
    /// Take the client's address from `X-Forwarded-For` (behind a trusted load balancer).
    pub trust_forwarded: bool,
    /// The address people open, printed on login slips.
    pub public_url: String,
    /// How long a large report's download waits for its file before answering that it is
    /// being prepared (`None`: 20 s; zero: always prepared, never waited for).
    pub report_wait: Option<std::time::Duration>,
    /// Catalog pages a minute from one address (`None`: `limits::SEARCHES_PER_MINUTE`; 0: no limit).
    pub searches_per_minute: Option<u32>,
    /// Claims an hour by one account (`None`: `limits::CLAIMS_PER_HOUR`; 0: no limit).
    pub claims_per_hour: Option<u32>,
    /// The bearer token `/metrics` asks of a scraper; without it only this machine may read it.
    pub metrics_token: Option<String>,
}

/// What every handler gets.
#[derive(Clone)]
pub struct WebState {
    pub app: App,
    pub config: WebConfig,
    /// Long imports running on this server, by batch id, for their progress pages.
    pub(crate) imports: pages::ImportJobs,
    /// Reports written after their download gave up waiting, by id.
    pub(crate) reports: pages::ReportJobs,
    pub(crate) limits: std::sync::Arc<limits::Limits>,
}

/// The client's address, for throttling: the peer, or the proxy's word when it is trusted.
pub(crate) fn client_address(
    headers: &axum::http::HeaderMap,
    peer: std::net::SocketAddr,
    s: &WebState,
) -> String {
    if s.config.trust_forwarded {
        if let Some(first) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            return first.to_string();
        }
    }
    peer.ip().to_string()
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Pages allow only our own scripts and styles, and no framing by other sites.
/// Map tiles come from OpenStreetMap (see `pages::catalog::TILE_SERVER`).
const CSP: &str = "default-src 'self'; img-src 'self' data: https://tile.openstreetmap.org; object-src 'none'; base-uri 'none'; \
                   form-action 'self'; frame-ancestors 'none'";

fn all_routes() -> routes::Routes {
    routes::Routes::new()
        .merge(health::routes())
        .merge(assets::routes())
        .merge(accessibility::routes())
        .merge(pages::routes())
        .merge(api::routes())
}

/// Every route the app serves, as (method, path template): for the authorization matrix.
/// The API operations the OpenAPI document describes: (method, path).
pub fn documented_api() -> Vec<(String, String)> {
    api::openapi::documented_paths()
}

pub fn route_list() -> Vec<routes::RouteInfo> {
    all_routes().list
}

pub fn router(app: App, config: WebConfig) -> Router {
    // Behind TLS (an https public address), browsers are told to come back only over HTTPS.
    let hsts = config.secure_cookies.then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    let limits = std::sync::Arc::new(limits::Limits::new(&config));
    // Installed before the first request, so that what the use cases count is kept from the start.
    metrics::handle();
    let state = WebState { app, config, imports: Default::default(), reports: Default::default(), limits };
    let routes = all_routes()
        .router
        // On the matched routes only: the metrics count by route template, never by path.
        .route_layer(axum::middleware::from_fn(metrics::track))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), session::csrf_guard))
        .layer(axum::middleware::from_fn(accessibility::remember))
        .with_state(state);

    let trace = TraceLayer::new_for_http()
        .make_span_with(|req: &Request<_>| {
            // The path only: query strings may carry what people typed.
            let id = req.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path())
        })
        .on_request(())
        .on_response(DefaultOnResponse::new().level(tracing::Level::INFO).latency_unit(LatencyUnit::Micros));
    let headers = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        // The CSP's frame-ancestors says the same to browsers that read it; this, to the rest.
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(header::STRICT_TRANSPORT_SECURITY, move |_: &_| {
            hsts.clone()
        }));
    routes.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(trace)
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(TimeoutLayer::with_status_code(
                axum::http::StatusCode::REQUEST_TIMEOUT,
                Duration::from_secs(30),
            ))
            .layer(CompressionLayer::new())
            .layer(headers),
    )
}

/// Serves until `shutdown` completes, then lets in-flight requests finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: App,
    config: WebConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_router(listener, router(app, config), shutdown).await
}

/// Serves this router (the app's, or the app's wrapped by the test harness) as [`serve`] does.
pub async fn serve_router(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    // No Nagle delay: a streamed download's last small segment would otherwise wait for the
    // client's delayed acknowledgement (about 40 ms per XLSX file).
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!(error = %e, "TCP_NODELAY not set");
        }
    });
    axum::serve(listener, service).with_graceful_shutdown(shutdown).await
}
