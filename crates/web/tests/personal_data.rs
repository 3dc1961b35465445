//! 152-ФЗ access over HTTP, on both databases: from «Персональные настройки» a parent downloads
//! a JSON file and sees a page of what the system holds about them and their child, and never
//! another family's; the API gives the caller their own; each download is in the audit log.

use dopcert_app::{demo, Clock};
use dopcert_testkit::programs::family_with_certificate;
use dopcert_testkit::{both_databases, TestApp};

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn signed_in(t: &TestApp, login: &str) -> reqwest::Client {
    let c = t.client();
    assert_eq!(t.login(&c, login, demo::DEMO_PASSWORD).await.status(), 303, "{login} logs in");
    c
}

async fn downloads(t: &TestApp, account: &str) -> i64 {
    let mut conn = t.app.store.reader().await.unwrap();
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_record r JOIN account a ON a.id = r.account_id
         WHERE r.action = 'personal_data.download' AND a.login = $1",
    )
    .bind(account)
    .fetch_one(&mut *conn)
    .await
    .unwrap()
}

both_databases! {
    async fn a_parent_downloads_their_familys_data_as_a_file_and_a_page_and_never_another_familys(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        family_with_certificate(&t.app, "semenova").await;
        let c = signed_in(&t, "semenova").await;
        let settings = c.get(t.at("/settings")).send().await.unwrap().text().await.unwrap();
        assert!(settings.contains("Мои персональные данные") && settings.contains("Скачать мои данные"));

        // E-mails about certificates only: the other kinds are turned off.
        let saved = t.post_form(&c, "/settings", "/settings/notifications",
            &[("email", "semenova@example.ru"), ("email_kind", "certificate_issued")]).await;
        assert_eq!(saved.status(), 303);

        let res = c.get(t.at("/settings/personal-data.json")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let header = |name: &str| res.headers()[name].to_str().unwrap().to_string();
        assert!(header("content-type").starts_with("application/json"));
        assert!(header("content-disposition").starts_with("attachment; filename=\"personal-data-2026-11-25.json\""));
        assert_eq!(header("cache-control"), "no-store");
        let text = res.text().await.unwrap();
        let file: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(file["you"]["person"]["last_name"], "Семёнова");
        assert_eq!(file["children"][0]["person"]["first_name"], "Павел");
        assert_eq!(file["children"][0]["person"]["birth_date"], "2016-03-10");
        let number = file["children"][0]["certificate"]["number"].as_str().unwrap().to_string();
        assert!(file["readme"].as_str().unwrap().contains("152-ФЗ"));
        // The notifications and the e-mail choices are part of what is held about the person.
        let notes = &file["notifications"];
        assert!(notes["items"][0]["subject"].as_str().unwrap().starts_with("Выдан сертификат"), "{notes}");
        let off: Vec<&str> = notes["email_opt_outs"].as_array().unwrap().iter().map(|k| k["kind"].as_str().unwrap()).collect();
        assert!(off.contains(&"waitlist_offer") && !off.contains(&"certificate_issued"), "{off:?}");
        assert_eq!(file["you"]["person"]["email"], "semenova@example.ru");
        assert!(!text.contains("Кузнецов") && !text.contains("Волков"), "no other family");

        let page = c.get(t.at("/settings/personal-data")).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("Ребёнок: Семёнов Павел") && html.contains("10 марта 2016") && html.contains(&number));
        assert!(!html.contains("Кузнецов"));
        assert!(html.contains("Письма, от которых вы отказались: ") && html.contains("Освободилось место"), "{html}");
        assert_eq!(downloads(&t, "semenova").await, 2, "the file and the page, each recorded");

        // Another family gets theirs, and nothing of the Семёновы.
        let other = signed_in(&t, "kuznetsova").await;
        let theirs = other.get(t.at("/settings/personal-data.json")).send().await.unwrap().text().await.unwrap();
        assert!(theirs.contains("Кузнецов") && !theirs.contains("Семёнов") && !theirs.contains(&number));
        assert_eq!(downloads(&t, "semenova").await, 2);
        assert_eq!(downloads(&t, "kuznetsova").await, 1);
    }

    async fn the_api_gives_the_caller_their_own_data_and_nothing_without_a_token(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        family_with_certificate(&t.app, "semenova").await;
        let c = t.client();
        let body = serde_json::json!({"login": "semenova", "password": demo::DEMO_PASSWORD});
        let token: serde_json::Value =
            c.post(t.at("/api/v1/auth/token")).json(&body).send().await.unwrap().json().await.unwrap();
        let token = token["access_token"].as_str().unwrap();
        let res = c.get(t.at("/api/v1/me/personal-data")).bearer_auth(token).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let data: serde_json::Value = res.json().await.unwrap();
        assert_eq!(data["account"]["login"], "semenova");
        assert_eq!(data["children"][0]["person"]["last_name"], "Семёнов");
        let res = c.get(t.at("/api/v1/me/personal-data")).send().await.unwrap();
        assert_eq!(res.status(), 401);
        let error: serde_json::Value = res.json().await.unwrap();
        assert_eq!(error["error"]["code"], "unauthorized");
        assert_eq!(downloads(&t, "semenova").await, 1);
    }
}
