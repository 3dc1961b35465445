//! Rate limits (issue 8): the catalog per client address, claims per account — past the limit a
//! page answers 429 in Russian with when to try again, the API with `rate_limited`. On both
//! databases.

use dopcert_app::Clock;
use dopcert_testkit::programs::family_with_certificate;
use dopcert_testkit::{both_databases, TestApp};
use serde_json::{json, Value};

both_databases! {
    async fn past_the_limit_the_catalog_and_claims_answer_429_with_when_to_try_again(db) {
        let config = dopcert_web::WebConfig {
            searches_per_minute: Some(3),
            claims_per_hour: Some(2),
            trust_forwarded: true,
            ..Default::default()
        };
        let t = TestApp::with_demo_and_config(db, Clock::system(), config).await;
        let c = t.client();
        let from = |address: &'static str| {
            let (c, t) = (c.clone(), &t);
            async move { c.get(t.at("/catalog?q=робототехника")).header("x-forwarded-for", address).send().await.unwrap() }
        };
        for _ in 0..3 {
            assert_eq!(from("10.0.0.1").await.status(), 200);
        }
        let res = from("10.0.0.1").await;
        assert_eq!(res.status(), 429);
        let wait: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=61).contains(&wait), "{wait}");
        let html = res.text().await.unwrap();
        assert!(html.contains("Слишком много запросов") && html.contains("Подождите"), "a Russian page");
        assert_eq!(from("10.0.0.2").await.status(), 200, "another address is not limited");

        // Claims: the same child twice is the same certificate (R01), then the limit.
        let (_, child) = family_with_certificate(&t.app, "limits.family").await;
        let body = json!({"login": "limits.family", "password": dopcert_app::demo::DEMO_PASSWORD});
        let token: Value = c.post(t.at("/api/v1/auth/token")).json(&body).send().await.unwrap().json().await.unwrap();
        let token = token["access_token"].as_str().unwrap().to_string();
        let claim = json!({"child_id": child.as_str(), "consent": true});
        for _ in 0..2 {
            let res = c.post(t.at("/api/v1/certificates")).bearer_auth(&token).json(&claim).send().await.unwrap();
            assert_eq!(res.status(), 200, "the existing certificate");
        }
        let res = c.post(t.at("/api/v1/certificates")).bearer_auth(&token).json(&claim).send().await.unwrap();
        assert_eq!(res.status(), 429);
        let e: Value = res.json().await.unwrap();
        assert_eq!(e["error"]["code"], "rate_limited");
        assert!(e["error"]["message"].as_str().unwrap().contains("подождите"), "{e}");
        // The page's claim counts for the same account.
        let page = t.client();
        assert_eq!(t.login(&page, "limits.family", dopcert_app::demo::DEMO_PASSWORD).await.status(), 303);
        let path = format!("/settings/certificate/{child}");
        let res = t.post_form(&page, "/settings", &path, &[("consent", "yes")]).await;
        assert_eq!(res.status(), 429);
        assert!(res.text().await.unwrap().contains("Слишком много попыток получить сертификат"));
    }
}
