//! What a person sees over HTTP, on both databases: the home page, the layout, the health
//! endpoints, static files, errors.

use dopcert_testkit::{both_databases, TestApp};

fn client() -> reqwest::Client {
    reqwest::Client::builder().gzip(false).build().unwrap()
}

both_databases! {
    async fn the_home_page_explains_the_certificate_and_the_four_ways(db) {
        let app = TestApp::with_demo(db).await;
        let res = client().get(app.at("/")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        let html = res.text().await.unwrap();
        assert!(html.contains("<html lang=\"ru\">"));
        assert!(html.contains("выдаётся один раз каждому ребёнку от 5 до 17 лет включительно"));
        assert!(html.contains("не обналичивается и не передаётся другим"));
        assert!(html.contains("Персональные настройки") && html.contains("Получить сертификат"));
        assert!(html.contains("Дворец творчества детей и молодёжи"), "the fourth way");
        assert!(html.contains("href=\"/login\""), "a way in");
        // Footer: the municipal support centre's phone from the notice.
        assert!(html.contains("32-02-10") && html.contains("tel:+74822320210"));
        // Demo mode: the demo logins are listed.
        assert!(html.contains("Демонстрационные входы") && html.contains("<code>ivanova</code>"));
    }

    async fn without_demo_data_the_home_page_lists_no_logins(db) {
        let app = TestApp::spawn(db).await;
        let html = client().get(app.at("/")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Как получить сертификат"));
        assert!(!html.contains("Демонстрационные входы"));
    }

    async fn health_and_readiness_answer(db) {
        let app = TestApp::spawn(db).await;
        let res = client().get(app.at("/healthz")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.text().await.unwrap(), "ok");
        let res = client().get(app.at("/readyz")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["status"], "ready");
        assert_eq!(body["migrations_current"], true);
        assert_eq!(body["catalog_index"], true);
    }

    async fn readiness_fails_when_the_database_is_gone(db) {
        let app = TestApp::spawn(db).await;
        app.db.store.close().await;
        let res = client().get(app.at("/readyz")).send().await.unwrap();
        assert_eq!(res.status(), 503);
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["database"], false);
        // Alive all the same.
        assert_eq!(client().get(app.at("/healthz")).send().await.unwrap().status(), 200);
    }
}

#[tokio::test]
async fn an_unknown_page_answers_404_in_russian() {
    let app = TestApp::spawn(dopcert_testkit::TestDb::sqlite().await).await;
    let res = client().get(app.at("/no/such/page")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("Страница не найдена"));
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_security_headers() {
    let app = TestApp::spawn(dopcert_testkit::TestDb::sqlite().await).await;
    let res = client().get(app.at("/")).send().await.unwrap();
    let h = res.headers();
    assert_eq!(h["x-request-id"].to_str().unwrap().len(), 36);
    assert!(h["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY", "for browsers that ignore the CSP's frame-ancestors");
    // A request id sent by a proxy is kept, so logs can be joined across hops.
    let res = client().get(app.at("/healthz")).header("x-request-id", "lb-123").send().await.unwrap();
    assert_eq!(res.headers()["x-request-id"], "lb-123");
    assert!(h.get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
}

#[tokio::test]
async fn behind_tls_browsers_are_told_to_keep_to_https() {
    let config = dopcert_web::WebConfig { secure_cookies: true, ..Default::default() };
    let clock = dopcert_app::Clock::system();
    let app = TestApp::spawn_with_config(dopcert_testkit::TestDb::sqlite().await, clock, config).await;
    for path in ["/", "/login", "/healthz", "/no/such/page"] {
        let res = client().get(app.at(path)).send().await.unwrap();
        let hsts = res.headers().get("strict-transport-security").map(|v| v.to_str().unwrap().to_string());
        assert_eq!(hsts.as_deref(), Some("max-age=31536000; includeSubDomains"), "{path}");
    }
    // The cookies too are sent back only over HTTPS (over plain HTTP, the web scanner's one
    // low finding: docs/SECURITY.md).
    let res = client().get(app.at("/login")).send().await.unwrap();
    let cookies: Vec<_> = res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).collect();
    assert!(!cookies.is_empty() && cookies.iter().all(|c| c.contains("; Secure")), "{cookies:?}");
}

#[tokio::test]
async fn the_stylesheet_is_named_by_its_hash_cached_and_compressed() {
    let app = TestApp::spawn(dopcert_testkit::TestDb::sqlite().await).await;
    let html = client().get(app.at("/")).send().await.unwrap().text().await.unwrap();
    let href = html.split("rel=\"stylesheet\" href=\"").nth(1).unwrap().split('"').next().unwrap();
    assert!(href.starts_with("/static/app.") && href.ends_with(".css"), "{href}");
    let res = client().get(app.at(href)).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    assert_eq!(res.headers()["content-encoding"], "gzip");
    assert_eq!(client().get(app.at("/static/app.0000.css")).send().await.unwrap().status(), 404);
}
