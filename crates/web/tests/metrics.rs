//! `/metrics` in the Prometheus text format, on both databases: requests by route template and
//! status with latency histograms, the connection pool, and the use cases' counters; readable
//! from this machine (not through a proxy) or with the metrics token, hidden from the rest.

use dopcert_app::Clock;
use dopcert_testkit::programs::family_with_certificate;
use dopcert_testkit::{both_databases, TestApp, TestDb};

async fn metrics(t: &TestApp, headers: &[(&str, &str)]) -> (u16, String) {
    let mut req = t.client().get(t.at("/metrics"));
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    let res = req.send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The value of the first sample whose line starts with `prefix`.
fn sample(text: &str, prefix: &str) -> Option<f64> {
    text.lines().find(|l| l.starts_with(prefix))?.rsplit(' ').next()?.parse().ok()
}

both_databases! {
    async fn metrics_count_requests_by_route_and_the_claims_and_show_the_pool(db) {
        let t = TestApp::with_demo(db).await;
        for path in ["/catalog", "/catalog", "/catalog/no-such-program"] {
            t.client().get(t.at(path)).send().await.unwrap();
        }
        family_with_certificate(&t.app, "semenova").await;

        let (status, text) = metrics(&t, &[]).await;
        assert_eq!(status, 200);
        // One recorder per process: other tests' requests count too, hence «at least».
        let catalog = sample(&text, "dopcert_http_requests_total{route=\"/catalog\",method=\"GET\",status=\"200\"}");
        assert!(catalog.is_some_and(|n| n >= 2.0), "{text}");
        assert!(text.contains("route=\"/catalog/{id}\""), "the template, not the path");
        assert!(!text.contains("no-such-program"), "no path in the labels");
        assert!(text.contains("dopcert_http_request_duration_seconds_bucket{route=\"/catalog\",method=\"GET\",le=\"0.1\"}"));
        assert!(sample(&text, "dopcert_certificates_issued_total").is_some_and(|n| n >= 1.0), "{text}");
        let open = sample(&text, "dopcert_db_pool_connections").expect("pool gauge");
        let max = sample(&text, "dopcert_db_pool_max_connections").expect("pool size");
        assert!(open >= 1.0 && open <= max, "{open} of {max}");
    }
}

#[tokio::test]
async fn through_a_proxy_or_without_the_token_metrics_are_not_there() {
    let t = TestApp::spawn(TestDb::sqlite().await).await;
    let (status, _) = metrics(&t, &[("x-forwarded-for", "203.0.113.5")]).await;
    assert_eq!(status, 404, "a balancer's relayed request is not this machine");

    let config =
        dopcert_web::WebConfig { metrics_token: Some("s3cret-scraper".into()), ..Default::default() };
    let t = TestApp::spawn_with_config(TestDb::sqlite().await, Clock::system(), config).await;
    assert_eq!(metrics(&t, &[]).await.0, 404, "with a token set, even this machine needs it");
    assert_eq!(metrics(&t, &[("authorization", "Bearer wrong")]).await.0, 404);
    let (status, text) = metrics(&t, &[("authorization", "Bearer s3cret-scraper")]).await;
    assert_eq!(status, 200);
    assert!(text.contains("# TYPE dopcert_http_requests_total counter"), "{text}");
}

/// The sample dashboard asks only for metrics the code records: renaming one without the
/// dashboard fails here.
#[test]
fn the_grafana_dashboard_asks_only_for_metrics_that_exist() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dashboard = std::fs::read_to_string(root.join("docs/grafana-dashboard.json")).unwrap();
    serde_json::from_str::<serde_json::Value>(&dashboard).expect("valid JSON");
    let source = std::fs::read_to_string(root.join("crates/web/src/metrics.rs")).unwrap();
    let names: std::collections::BTreeSet<String> = dashboard
        .match_indices("dopcert_")
        .map(|(i, _)| dashboard[i..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect())
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        let recorded = name.strip_suffix("_bucket").unwrap_or(&name);
        assert!(source.contains(&format!("\"{recorded}\"")), "{name} is not described in metrics.rs");
    }
}
