//! Applications over the API, on both databases: the answer to an application is what the
//! transaction wrote (the seat, the contract's dates and money, the hold), the same as the list
//! shows it afterwards; each refusal carries its stable code.

use dopcert_testkit::programs::{family_with_certificate, group};
use dopcert_testkit::{both_databases, TestApp};
use serde_json::{json, Value};

async fn token(app: &TestApp, login: &str) -> String {
    let body = json!({"login": login, "password": dopcert_app::demo::DEMO_PASSWORD});
    let res = app.client().post(app.at("/api/v1/auth/token")).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 200, "{login} gets a token");
    res.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string()
}

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    let res = app.client().post(app.at(path)).bearer_auth(token).json(&body).send().await.unwrap();
    (res.status().as_u16(), res.json().await.unwrap_or(Value::Null))
}

both_databases! {
    async fn api_an_application_answers_with_its_seat_hold_and_contract(db) {
        let app = TestApp::with_demo(db).await;
        let g = group(&app.app, 1, "1500").await;
        let (_, child) = family_with_certificate(&app.app, "api.apply").await;
        let (_, other) = family_with_certificate(&app.app, "api.other").await;
        let t = token(&app, "api.apply").await;
        let body = |accept: bool| json!({"child_id": child.as_str(), "group_id": g.as_str(), "accept_contract": accept});

        let (status, refused) = post(&app, &t, "/api/v1/applications", body(false)).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (422, Some("contract_not_accepted")), "{refused}");

        let (status, applied) = post(&app, &t, "/api/v1/applications", body(true)).await;
        assert_eq!(status, 201, "{applied}");
        assert_eq!(applied["status"], "pending");
        assert_eq!(applied["status_title"], "на рассмотрении у организации");
        assert_eq!(applied["child_id"], child.as_str());
        assert_eq!(applied["group_id"], g.as_str());
        assert_eq!(applied["price_per_month"], 150_000);
        assert!(applied["hold"].as_i64().unwrap() > 0, "the seat's money is held: {applied}");

        let list: Value = app
            .client()
            .get(app.at("/api/v1/applications"))
            .bearer_auth(&t)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let listed = &list.as_array().unwrap()[0];
        for field in ["id", "status", "program_id", "group_id", "starts_on", "ends_on", "price_per_month", "covered_per_month", "hold", "offer_until"] {
            assert_eq!(listed[field], applied[field], "{field}: the answer is what the list shows");
        }
        assert!(applied["starts_on"].as_str().unwrap().len() == 10, "a date YYYY-MM-DD: {applied}");

        let (status, twice) = post(&app, &t, "/api/v1/applications", body(true)).await;
        assert_eq!((status, twice["error"]["code"].as_str()), (409, Some("already_applied")));
        let theirs = json!({"child_id": other.as_str(), "group_id": g.as_str(), "accept_contract": true});
        let (status, not_mine) = post(&app, &t, "/api/v1/applications", theirs).await;
        assert_eq!((status, not_mine["error"]["code"].as_str()), (404, Some("not_found")));
        let extra = json!({"child_id": child.as_str(), "group_id": g.as_str(), "status": "enrolled"});
        let (status, _) = post(&app, &t, "/api/v1/applications", extra).await;
        assert_eq!(status, 422, "an unknown field is refused");

        let id = applied["id"].as_str().unwrap();
        let (status, withdrawn) = post(&app, &t, &format!("/api/v1/applications/{id}/withdraw"), json!({})).await;
        assert_eq!((status, withdrawn["status"].as_str(), withdrawn["hold"].as_i64()), (200, Some("withdrawn"), Some(0)));
    }
}
