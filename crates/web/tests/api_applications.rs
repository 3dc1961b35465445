//! Applications over the API, on both databases: the answer to an application is what the
//! transaction wrote (the seat, the contract's dates and money, the hold), the same as the list
//! shows it afterwards; each refusal carries its stable code. The same refusals on the family's
//! pages speak the page's language, while the API keeps its Russian.

use dopcert_app::enrollment;
use dopcert_testkit::programs::{actor, certified_group, family_with_certificate, group, GroupSpec};
use dopcert_testkit::{both_databases, location, TestApp};
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

    async fn in_english_the_family_is_refused_in_english_and_the_api_stays_russian(db) {
        let app = TestApp::with_demo(db).await;
        let (program, g) = certified_group(&app.app, &GroupSpec::new(1, "1500")).await;
        // A child of five, for a programme of 8 to 14.
        let young = dopcert_testkit::family(&app.app.store, "api.young", "Орлова Анна Сергеевна", &[("Орлов Иван", Some(jiff::civil::date(2021, 1, 1)))], true).await;
        let child = young.children[0].as_str();
        let t = token(&app, "api.young").await;
        let body = json!({"child_id": child, "group_id": g.as_str(), "accept_contract": true});
        let (status, refused) = post(&app, &t, "/api/v1/applications", body).await;
        assert_eq!((status, refused["error"]["code"].as_str()), (422, Some("age_not_eligible")), "{refused}");
        assert_eq!(refused["error"]["message"], "программа для детей от 8 до 14 лет: по возрасту ребёнок не подходит", "{refused}");
        let c = app.client();
        c.get(app.at("/language?set=en&back=/")).send().await.unwrap();
        assert_eq!(app.login(&c, "api.young", dopcert_app::demo::DEMO_PASSWORD).await.status(), 303);
        let path = format!("/catalog/{program}/enroll?child={child}&group={g}");
        let html = c.get(app.at(&path)).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("The programme is for children 8 to 14 years old: the child is not the right age"), "{html}");
        assert!(!html.contains("по возрасту"), "{html}");

        // Leaving after the contract's end: the dates in English words.
        let (_, child) = family_with_certificate(&app.app, "api.leave").await;
        let t = token(&app, "api.leave").await;
        let body = json!({"child_id": child.as_str(), "group_id": g.as_str(), "accept_contract": true});
        let (status, applied) = post(&app, &t, "/api/v1/applications", body).await;
        assert_eq!(status, 201, "{applied}");
        let id = applied["id"].as_str().unwrap();
        enrollment::decide(&app.app, &actor(&app.app, "dtdm").await, id, true, "").await.unwrap();
        // No earlier than the day before the contract's first, no later than its last.
        let day = |field: &str| applied[field].as_str().unwrap().parse::<jiff::civil::Date>().unwrap();
        let earliest = day("starts_on").yesterday().unwrap().strftime("%-d %B %Y").to_string();
        let latest = day("ends_on").strftime("%-d %B %Y").to_string();
        let c = app.client();
        c.get(app.at("/language?set=en&back=/")).send().await.unwrap();
        assert_eq!(app.login(&c, "api.leave", dopcert_app::demo::DEMO_PASSWORD).await.status(), 303);
        let res = app.post_form(&c, "/applications", &format!("/applications/{id}/end"), &[("last_day", "15.08.2027"), ("reason", "")]).await;
        let html = c.get(app.at(location(&res))).send().await.unwrap().text().await.unwrap();
        let expected = format!("The leaving date must be no earlier than {earliest} and no later than the end of the contract, {latest}");
        assert!(html.contains(&expected), "{expected}: {html}");
        assert!(!html.contains("Дата ухода"), "{html}");
    }
}
