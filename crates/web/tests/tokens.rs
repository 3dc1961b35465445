//! An organization's admin issues a token for the school's own system; it acts as staff of
//! that organization and nothing more, and dies when revoked.

use dopcert_testkit::{both_databases, TestApp};

const PASSWORD: &str = "demo-tver-2026";

both_databases! {
    async fn an_admin_issues_and_revokes_a_token_for_the_schools_system(db) {
        let app = TestApp::with_demo(db).await;
        let admin = app.client();
        app.login(&admin, "school.admin", PASSWORD).await;
        let res = app.post_form(&admin, "/org/tokens", "/org/tokens", &[("name", "1С: Школа")]).await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        let token = html.split("<code class=\"token\">").nth(1).unwrap().split('<').next().unwrap().to_string();
        assert_eq!(token.len(), 64);

        let api = reqwest::Client::new();
        let me: serde_json::Value = api.get(app.at("/api/v1/me")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
        assert_eq!(me["roles"], serde_json::json!(["organization_staff"]), "staff, not admin");

        // Shown once: the list names it, never shows it again.
        let list = admin.get(app.at("/org/tokens")).send().await.unwrap().text().await.unwrap();
        assert!(list.contains("1С: Школа") && list.contains("действует") && !list.contains(&token));
        let id = list.split("action=\"/org/tokens/").nth(1).unwrap().split('/').next().unwrap().to_string();
        let res = app.post_form(&admin, "/org/tokens", &format!("/org/tokens/{id}/revoke"), &[]).await;
        assert!(res.text().await.unwrap().contains("отозван"));
        assert_eq!(api.get(app.at("/api/v1/me")).bearer_auth(&token).send().await.unwrap().status(), 401);

        // Stored as a hash only.
        let mut conn = app.db.store.reader().await.unwrap();
        let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM api_token").fetch_all(&mut *conn).await.unwrap();
        assert!(!stored.contains(&token));
    }
}

#[tokio::test]
async fn staff_who_are_not_admins_cannot_issue_tokens_and_names_are_checked() {
    let app = TestApp::with_demo(dopcert_testkit::TestDb::sqlite().await).await;
    let clerk = app.client();
    app.login(&clerk, "school", PASSWORD).await;
    assert_eq!(clerk.get(app.at("/org/tokens")).send().await.unwrap().status(), 403);
    let admin = app.client();
    app.login(&admin, "school.admin", PASSWORD).await;
    let res = app.post_form(&admin, "/org/tokens", "/org/tokens", &[("name", "   ")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Укажите, для какой системы токен"));
}
