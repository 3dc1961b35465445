//! Mass assignment (issue 8): no field of an API request can set a role, a balance, a status, a
//! nominal or an owner. Every request body is a closed type: a field it does not know is
//! refused with `invalid_request` (422) and nothing is written. On both databases.

use dopcert_testkit::programs::{family_with_certificate, group};
use dopcert_testkit::{both_databases, TestApp};
use serde_json::{json, Value};

async fn token(t: &TestApp, login: &str) -> String {
    let body = json!({"login": login, "password": dopcert_app::demo::DEMO_PASSWORD});
    let res = t.client().post(t.at("/api/v1/auth/token")).json(&body).send().await.unwrap();
    res.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string()
}

async fn count(t: &TestApp, table: &str) -> i64 {
    let mut conn = t.app.store.reader().await.unwrap();
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&mut *conn).await.unwrap()
}

both_databases! {
    async fn no_request_field_sets_a_role_balance_status_or_owner(db) {
        let t = TestApp::with_demo(db).await;
        let g = group(&t.app, 3, "1500").await;
        let (_, child) = family_with_certificate(&t.app, "mass.family").await;
        let tok = token(&t, "mass.family").await;
        let c = t.client();
        let (applications, certificates, entries) =
            (count(&t, "application").await, count(&t, "certificate").await, count(&t, "ledger_entry").await);
        let child = child.as_str();
        let g = g.as_str();
        let attempts = [
            ("/api/v1/certificates", json!({"child_id": child, "consent": true, "status": "active", "funded": true})),
            ("/api/v1/certificates", json!({"child_id": child, "consent": true, "balance": {"available": 100_000_000}})),
            ("/api/v1/certificates", json!({"child_id": child, "consent": true, "nominal": 100_000_000})),
            ("/api/v1/applications", json!({"child_id": child, "group_id": g, "accept_contract": true, "status": "enrolled"})),
            ("/api/v1/applications", json!({"child_id": child, "group_id": g, "accept_contract": true, "hold": 0})),
            ("/api/v1/applications", json!({"child_id": child, "group_id": g, "accept_contract": true, "covered_per_month": 0})),
            ("/api/v1/applications", json!({"child_id": child, "group_id": g, "accept_contract": true, "applied_by": "someone"})),
            ("/api/v1/auth/token", json!({"login": "mass.family", "password": dopcert_app::demo::DEMO_PASSWORD, "role": "regional_admin"})),
        ];
        for (path, body) in attempts {
            let res = c.post(t.at(path)).bearer_auth(&tok).json(&body).send().await.unwrap();
            assert_eq!(res.status(), 422, "{path} {body}");
            let e: Value = res.json().await.unwrap();
            assert_eq!(e["error"]["code"], "invalid_request", "{path} {body}: {e}");
        }
        assert_eq!(
            (count(&t, "application").await, count(&t, "certificate").await, count(&t, "ledger_entry").await),
            (applications, certificates, entries),
            "nothing written"
        );
        // The token still carries the family's role only.
        let me: Value = c.get(t.at("/api/v1/me")).bearer_auth(&tok).send().await.unwrap().json().await.unwrap();
        assert!(!me.to_string().contains("regional_admin"), "{me}");
    }
}
