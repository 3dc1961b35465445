//! Prometheus metrics at `GET /metrics` (docs/SCALING.md, docs/grafana-dashboard.json): requests by route and
//! status, latency histograms, the database pool, and the counters the use cases record
//! (claims, enrollments, billing progress: `metrics::counter!` in `app`). One recorder per
//! process, installed on first use (the tests start many apps in one process).
//!
//! The page is not public: it answers a peer on this machine, or anyone presenting
//! `Authorization: Bearer <--metrics-token>`; everyone else gets 404, as if there were none.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::WebState;

/// Request latency buckets, in seconds: from a cached page to the 30 s timeout.
const LATENCY_BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 30.0];

/// The process's recorder, installed on first use.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &LATENCY_BUCKETS)
            .expect("valid buckets");
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Another recorder already installed (an embedding program's): ours renders nothing
        // then, which is better than failing to serve.
        if metrics::set_global_recorder(recorder).is_ok() {
            describe();
        }
        handle
    })
}

/// The `# HELP` lines: what each metric counts (the use cases count in `dopcert-app`).
fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_counter!(
        "dopcert_http_requests_total",
        "Requests answered, by route template, method and status"
    );
    describe_histogram!(
        "dopcert_http_request_duration_seconds",
        Unit::Seconds,
        "Time to answer, by route template"
    );
    describe_gauge!("dopcert_db_pool_connections", "Database connections open (readers and writer)");
    describe_gauge!("dopcert_db_pool_idle_connections", "Database connections open and idle");
    describe_gauge!("dopcert_db_pool_max_connections", "Database connections allowed");
    describe_counter!("dopcert_certificates_issued_total", "Certificates issued by this server");
    describe_counter!("dopcert_applications_total", "Applications made, by the status they got");
    describe_counter!("dopcert_application_decisions_total", "Applications accepted or rejected");
    describe_counter!("dopcert_billing_contracts_charged_total", "Contracts charged by billing runs");
    describe_counter!("dopcert_billing_charged_kopecks_total", "Money charged by billing runs, in kopecks");
    describe_counter!("dopcert_billing_runs_finished_total", "Billing runs finished");
    describe_counter!("dopcert_mail_total", "E-mails sent, retried or given up");
}

/// Middleware on the matched routes: counts each request by route template (never the path
/// itself: ids and what people typed stay out) and method and status, and times it.
pub async fn track(req: Request, next: Next) -> Response {
    let route = req.extensions().get::<MatchedPath>().map_or("unmatched", |p| p.as_str()).to_string();
    let method = req.method().as_str().to_string();
    let started = Instant::now();
    let response = next.run(req).await;
    let status = response.status().as_u16().to_string();
    let seconds = started.elapsed().as_secs_f64();
    metrics::counter!("dopcert_http_requests_total", "route" => route.clone(), "method" => method.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("dopcert_http_request_duration_seconds", "route" => route, "method" => method)
        .record(seconds);
    response
}

/// `GET /metrics`: the text exposition format, with the pool's gauges read now.
pub async fn render(
    State(s): State<WebState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if !allowed(&s, peer, &headers) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let pool = s.app.store.pool_state();
    metrics::gauge!("dopcert_db_pool_connections").set(f64::from(pool.open));
    metrics::gauge!("dopcert_db_pool_idle_connections").set(f64::from(pool.idle));
    metrics::gauge!("dopcert_db_pool_max_connections").set(f64::from(pool.max));
    let h = handle();
    h.run_upkeep();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], h.render()).into_response()
}

fn allowed(s: &WebState, peer: std::net::SocketAddr, headers: &HeaderMap) -> bool {
    match &s.config.metrics_token {
        Some(token) => headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| constant_time_eq(given.as_bytes(), token.as_bytes())),
        // Behind a balancer every request comes from it: without a token, only this machine.
        None => peer.ip().is_loopback() && !headers.contains_key("x-forwarded-for"),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
