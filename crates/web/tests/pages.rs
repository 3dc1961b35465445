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

#[tokio::test]
async fn the_page_icon_is_hashed_and_favicon_ico_is_there_for_browsers_that_ask_anyway() {
    let app = TestApp::spawn(dopcert_testkit::TestDb::sqlite().await).await;
    let html = client().get(app.at("/")).send().await.unwrap().text().await.unwrap();
    let href = html.split("rel=\"icon\" href=\"").nth(1).unwrap().split('"').next().unwrap();
    assert!(href.starts_with("/static/favicon.") && href.ends_with(".svg"), "{href}");
    let res = client().get(app.at(href)).send().await.unwrap();
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    assert!(res.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    let res = client().get(app.at("/favicon.ico")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/vnd.microsoft.icon");
    assert_eq!(&res.bytes().await.unwrap()[..4], &[0, 0, 1, 0], "an icon file");
}

/// The footer's switch: English is remembered in a cookie and every page's words follow; the
/// way back is only ever a page of this site.
#[tokio::test]
async fn the_footer_switches_the_pages_to_english_and_back() {
    let app = TestApp::with_demo(dopcert_testkit::TestDb::sqlite().await).await;
    let no_redirects =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let html = no_redirects.get(app.at("/catalog")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"ru\""));
    let switch = html.split("class=\"language\"").nth(1).unwrap();
    let href = switch.split("href=\"").nth(1).unwrap().split('"').next().unwrap().replace("&#38;", "&");
    assert_eq!(href, "/language?set=en&back=%2Fcatalog");
    assert!(switch.contains(">English</a>") && switch.contains("hreflang=\"en\""));

    let res = no_redirects.get(app.at(&href)).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/catalog");
    let cookie = lang_cookie(&res).expect("the language remembered");
    assert_eq!(cookie.split(';').next().unwrap(), "dopcert_lang=en");
    assert!(cookie.contains("Max-Age=31536000"), "for a year: {cookie}");
    let cookie = "dopcert_lang=en".to_string();

    let english = |path: &str| {
        let req = no_redirects.get(app.at(path)).header("cookie", &cookie);
        async move { req.send().await.unwrap().text().await.unwrap() }
    };
    let home = english("/").await;
    assert!(home.contains("<html lang=\"en\""), "{home}");
    assert!(home.contains("Supplementary education certificate") && home.contains(">Sign in</a>"));
    assert!(home.contains(">Русский</a>") && !home.contains("Перейти к содержанию"));
    // The demo logins' purposes too: seeded in Russian, shown in the page's language, and the
    // Russian page shows exactly what the demo seeded.
    let russian = no_redirects.get(app.at("/")).send().await.unwrap().text().await.unwrap();
    let demo = dopcert_app::demo::accounts(&app.app).await.unwrap();
    assert!(demo.len() >= 12);
    for a in &demo {
        let note = a.note.replace('«', "&#171;").replace('»', "&#187;");
        assert!(russian.contains(&a.note) || russian.contains(&note), "{}: {}", a.login, a.note);
        assert!(!home.contains(&a.note), "{} in Russian on the English page", a.login);
    }
    assert!(home.contains("Oversight: sees everything in the region, changes nothing"));
    let missing = english("/no/such/page").await;
    assert!(missing.contains("Page not found"), "error pages too");

    // Bad input: an unknown language changes nothing; a way back off the site goes home.
    let res = no_redirects.get(app.at("/language?set=xx&back=/help")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(lang_cookie(&res), None);
    let res = no_redirects.get(app.at("/language?set=en&back=//evil.example/")).send().await.unwrap();
    assert_eq!(res.headers()["location"], "/");
    // Russian again forgets the cookie.
    let res =
        no_redirects.get(app.at("/language?set=ru&back=/")).header("cookie", &cookie).send().await.unwrap();
    assert!(lang_cookie(&res).is_some_and(|c| c.contains("Max-Age=0")));
}

fn lang_cookie(res: &reqwest::Response) -> Option<String> {
    let all = res.headers().get_all("set-cookie");
    all.iter().map(|c| c.to_str().unwrap().to_string()).find(|c| c.starts_with("dopcert_lang="))
}
