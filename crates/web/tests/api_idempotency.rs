//! Idempotency keys over the API, on both databases: a claim, an application or a withdrawal
//! retried with the same `Idempotency-Key` gets exactly the first answer (status and body, with
//! `Idempotent-Replayed: true`) and has no second effect, also when eight copies arrive at once;
//! the same key with another request is refused; a refused request keeps no key; keys are
//! forgotten after a day.

use dopcert_app::{housekeeping, Clock};
use dopcert_domain::ids::PersonId;
use dopcert_testkit::programs::{family_with_certificate, group};
use dopcert_testkit::{both_databases, TestApp};
use jiff::civil::date;
use serde_json::{json, Value};

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn app(db: dopcert_testkit::TestDb) -> TestApp {
    TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await
}

async fn token(app: &TestApp, login: &str) -> String {
    let body = json!({"login": login, "password": dopcert_app::demo::DEMO_PASSWORD});
    let res = app.client().post(app.at("/api/v1/auth/token")).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 200, "{login} gets a token");
    res.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string()
}

/// An answer as the client sees it: status, whether it is a replay, the body's exact text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Answer {
    status: u16,
    replayed: bool,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    fn code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap_or("").to_string()
    }
}

async fn post(app: &TestApp, token: &str, path: &str, key: Option<&str>, body: &Value) -> Answer {
    let mut req = app.client().post(app.at(path)).bearer_auth(token).json(body);
    if let Some(key) = key {
        req = req.header("Idempotency-Key", key);
    }
    let res = req.send().await.unwrap();
    let replayed = match res.headers().get("idempotent-replayed") {
        Some(v) => {
            assert_eq!(v, "true");
            true
        }
        None => false,
    };
    Answer { status: res.status().as_u16(), replayed, body: res.text().await.unwrap() }
}

/// A count about one thing (`$1`: a child's or a group's id).
async fn count(app: &TestApp, sql: &str, of: &str) -> i64 {
    let mut conn = app.db.store.reader().await.unwrap();
    sqlx::query_scalar(sql).bind(of).fetch_one(&mut *conn).await.unwrap()
}

async fn certificates_of(app: &TestApp, child: &PersonId) -> i64 {
    count(app, "SELECT COUNT(*) FROM certificate WHERE child_id = $1", child.as_str()).await
}

async fn applications_of(app: &TestApp, child: &PersonId) -> i64 {
    count(app, "SELECT COUNT(*) FROM application WHERE child_id = $1", child.as_str()).await
}

/// Ledger entries of the child's certificate: the nominal, then holds and releases.
async fn entries_of(app: &TestApp, child: &PersonId) -> i64 {
    let sql = "SELECT COUNT(*) FROM ledger_entry e JOIN certificate c ON c.id = e.certificate_id
               WHERE c.child_id = $1";
    count(app, sql, child.as_str()).await
}

/// A parent (the demo password) with one 10-year-old child and no certificate yet.
async fn parent_with_child(app: &TestApp, login: &str) -> PersonId {
    let f = dopcert_testkit::family(
        &app.db.store,
        login,
        "Орлова Инна Павловна",
        &[("Орлов Пётр", Some(date(2016, 5, 20)))],
        true,
    )
    .await;
    f.children[0].clone()
}

both_databases! {
    async fn api_a_retried_claim_gets_the_first_answer_and_one_certificate(db) {
        let app = app(db).await;
        let child = parent_with_child(&app, "idem.claim").await;
        let t = token(&app, "idem.claim").await;
        let body = json!({"child_id": child.as_str(), "consent": true});

        let first = post(&app, &t, "/api/v1/certificates", Some("claim-1"), &body).await;
        assert_eq!((first.status, first.replayed), (201, false), "{first:?}");
        let available = first.json()["balance"]["available"].as_i64().unwrap();
        assert!(available > 0, "funded: {first:?}");

        // The money moves (an application holds some), so a new answer would differ.
        let g = group(&app.app, 2, "1500").await;
        let apply = json!({"child_id": child.as_str(), "group_id": g.as_str(), "accept_contract": true});
        assert_eq!(post(&app, &t, "/api/v1/applications", None, &apply).await.status, 201);

        let retry = post(&app, &t, "/api/v1/certificates", Some("claim-1"), &body).await;
        assert_eq!(retry, Answer { replayed: true, ..first.clone() }, "exactly the first answer");
        assert_eq!(certificates_of(&app, &child).await, 1, "no second certificate");

        // Without the key the claim answers as it always did (R01): 200, as things are now.
        let unkeyed = post(&app, &t, "/api/v1/certificates", None, &body).await;
        assert_eq!((unkeyed.status, unkeyed.replayed), (200, false));
        assert_eq!(unkeyed.json()["number"], first.json()["number"]);
        assert!(unkeyed.json()["balance"]["available"].as_i64().unwrap() < available, "{unkeyed:?}");

        // A key answered with «the child already had it» replays that, too.
        let had = post(&app, &t, "/api/v1/certificates", Some("claim-2"), &body).await;
        assert_eq!((had.status, had.replayed), (200, false));
        let again = post(&app, &t, "/api/v1/certificates", Some("claim-2"), &body).await;
        assert_eq!(again, Answer { replayed: true, ..had });
    }

    async fn api_a_retried_application_and_withdrawal_have_one_effect(db) {
        let app = app(db).await;
        let g = group(&app.app, 3, "1500").await;
        let (_, child) = family_with_certificate(&app.app, "idem.apply").await;
        let t = token(&app, "idem.apply").await;
        let body = json!({"child_id": child.as_str(), "group_id": g.as_str(), "accept_contract": true});
        let before = entries_of(&app, &child).await;

        let first = post(&app, &t, "/api/v1/applications", Some("apply-1"), &body).await;
        assert_eq!((first.status, first.replayed), (201, false), "{first:?}");
        let retry = post(&app, &t, "/api/v1/applications", Some("apply-1"), &body).await;
        assert_eq!(retry, Answer { replayed: true, ..first.clone() });
        assert_eq!(applications_of(&app, &child).await, 1, "one application");
        assert_eq!(entries_of(&app, &child).await, before + 1, "one hold");
        let seats = "SELECT CAST(seats_taken AS BIGINT) FROM program_group WHERE id = $1";
        assert_eq!(count(&app, seats, g.as_str()).await, 1, "one seat");
        // Without a key a second application is refused, as before.
        let unkeyed = post(&app, &t, "/api/v1/applications", None, &body).await;
        assert_eq!((unkeyed.status, unkeyed.code().as_str()), (409, "already_applied"));

        let id = first.json()["id"].as_str().unwrap().to_string();
        let path = format!("/api/v1/applications/{id}/withdraw");
        let withdrawn = post(&app, &t, &path, Some("withdraw-1"), &json!({})).await;
        assert_eq!((withdrawn.status, withdrawn.replayed), (200, false), "{withdrawn:?}");
        assert_eq!(withdrawn.json()["status"], "withdrawn");
        assert_eq!(withdrawn.json()["hold"], 0);
        let retry = post(&app, &t, &path, Some("withdraw-1"), &json!({})).await;
        assert_eq!(retry, Answer { replayed: true, ..withdrawn });
        assert_eq!(entries_of(&app, &child).await, before + 2, "one release");
        let unkeyed = post(&app, &t, &path, None, &json!({})).await;
        assert_eq!((unkeyed.status, unkeyed.code().as_str()), (409, "invalid_transition"));
    }

    async fn api_eight_claims_at_once_with_one_key_issue_one_certificate_and_get_one_answer(db) {
        let app = app(db).await;
        let child = parent_with_child(&app, "idem.rush").await;
        let t = token(&app, "idem.rush").await;
        let body = json!({"child_id": child.as_str(), "consent": true});
        let answers = at_once(&app, &t, "/api/v1/certificates", &body).await;
        let fresh: Vec<&Answer> = answers.iter().filter(|a| !a.replayed).collect();
        assert_eq!(fresh.len(), 1, "one request did the work, the others replayed it: {answers:?}");
        assert_eq!(fresh[0].status, 201);
        for a in &answers {
            assert_eq!((a.status, &a.body), (fresh[0].status, &fresh[0].body), "every answer is the first");
        }
        assert_eq!(certificates_of(&app, &child).await, 1);
    }

    async fn api_eight_applications_at_once_with_one_key_make_one_application(db) {
        let app = app(db).await;
        let g = group(&app.app, 5, "1500").await;
        let (_, child) = family_with_certificate(&app.app, "idem.rush.apply").await;
        let t = token(&app, "idem.rush.apply").await;
        let before = entries_of(&app, &child).await;
        let body = json!({"child_id": child.as_str(), "group_id": g.as_str(), "accept_contract": true});
        let answers = at_once(&app, &t, "/api/v1/applications", &body).await;
        let fresh: Vec<&Answer> = answers.iter().filter(|a| !a.replayed).collect();
        assert_eq!(fresh.len(), 1, "{answers:?}");
        assert_eq!(fresh[0].status, 201);
        for a in &answers {
            assert_eq!((a.status, &a.body), (201, &fresh[0].body));
        }
        assert_eq!(applications_of(&app, &child).await, 1);
        assert_eq!(entries_of(&app, &child).await, before + 1, "one hold");
    }

    async fn api_a_key_is_the_accounts_and_one_request_s(db) {
        let app = app(db).await;
        let child = parent_with_child(&app, "idem.reuse").await;
        let t = token(&app, "idem.reuse").await;
        let refused = json!({"child_id": child.as_str(), "consent": false});
        let body = json!({"child_id": child.as_str(), "consent": true});

        // A refused request keeps no key: corrected, it goes through with the same key.
        let no = post(&app, &t, "/api/v1/certificates", Some("k"), &refused).await;
        assert_eq!((no.status, no.code().as_str()), (422, "consent_required"));
        let yes = post(&app, &t, "/api/v1/certificates", Some("k"), &body).await;
        assert_eq!((yes.status, yes.replayed), (201, false), "{yes:?}");

        // The same key with another body, or for another operation: refused, nothing done.
        let other = post(&app, &t, "/api/v1/certificates", Some("k"), &refused).await;
        assert_eq!((other.status, other.code().as_str()), (422, "idempotency_key_reused"), "{other:?}");
        let message = other.json()["error"]["message"].as_str().unwrap().to_string();
        assert!(message.contains("уже использован для другого запроса"), "{message}");
        let g = group(&app.app, 2, "1500").await;
        let apply = json!({"child_id": child.as_str(), "group_id": g.as_str(), "accept_contract": true});
        let elsewhere = post(&app, &t, "/api/v1/applications", Some("k"), &apply).await;
        assert_eq!((elsewhere.status, elsewhere.code().as_str()), (422, "idempotency_key_reused"));
        assert_eq!(applications_of(&app, &child).await, 0, "the reused key applied nothing");
        // The same body spelt otherwise (a default written out) is the same request.
        let spelt = json!({"consent": true, "municipality_id": null, "child_id": child.as_str()});
        let same = post(&app, &t, "/api/v1/certificates", Some("k"), &spelt).await;
        assert_eq!(same, Answer { replayed: true, ..yes.clone() });

        // Another account's «k» is its own.
        let (_, theirs) = family_with_certificate(&app.app, "idem.other").await;
        let them = token(&app, "idem.other").await;
        let apply = json!({"child_id": theirs.as_str(), "group_id": g.as_str(), "accept_contract": true});
        let their = post(&app, &them, "/api/v1/applications", Some("k"), &apply).await;
        assert_eq!((their.status, their.replayed), (201, false), "{their:?}");
    }

    async fn api_a_malformed_key_is_refused_before_anything_is_done(db) {
        let app = app(db).await;
        let child = parent_with_child(&app, "idem.bad").await;
        let t = token(&app, "idem.bad").await;
        let body = json!({"child_id": child.as_str(), "consent": true});
        let long = "k".repeat(256);
        for bad in ["", "   ", long.as_str(), "a\tb"] {
            let a = post(&app, &t, "/api/v1/certificates", Some(bad), &body).await;
            assert_eq!((a.status, a.code().as_str()), (422, "invalid_idempotency_key"), "{bad:?}: {a:?}");
        }
        let res = app
            .client()
            .post(app.at("/api/v1/certificates"))
            .bearer_auth(&t)
            .header("Idempotency-Key", reqwest::header::HeaderValue::from_bytes("ключ".as_bytes()).unwrap())
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "not ASCII");
        let res = app
            .client()
            .post(app.at("/api/v1/certificates"))
            .bearer_auth(&t)
            .header("Idempotency-Key", "one")
            .header("Idempotency-Key", "two")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "two keys");
        let path = "/api/v1/applications/no-such/withdraw";
        let a = post(&app, &t, path, Some(""), &json!({})).await;
        assert_eq!((a.status, a.code().as_str()), (422, "invalid_idempotency_key"));
        assert_eq!(certificates_of(&app, &child).await, 0);
        let ok = post(&app, &t, "/api/v1/certificates", Some(&"k".repeat(255)), &body).await;
        assert_eq!(ok.status, 201, "255 characters are a key");
    }

    async fn api_keys_are_forgotten_after_a_day(db) {
        let app = app(db).await;
        let child = parent_with_child(&app, "idem.old").await;
        let t = token(&app, "idem.old").await;
        let body = json!({"child_id": child.as_str(), "consent": true});
        let first = post(&app, &t, "/api/v1/certificates", Some("old"), &body).await;
        assert_eq!(first.status, 201);

        app.app.clock.set(app.app.clock.now() + jiff::SignedDuration::from_hours(23));
        assert_eq!(housekeeping::run_once(&app.app).await.unwrap().idempotency_keys, 0, "kept for a day");
        let t = token(&app, "idem.old").await;
        assert!(post(&app, &t, "/api/v1/certificates", Some("old"), &body).await.replayed);

        app.app.clock.set(app.app.clock.now() + jiff::SignedDuration::from_hours(2));
        assert_eq!(housekeeping::run_once(&app.app).await.unwrap().idempotency_keys, 1);
        let t = token(&app, "idem.old").await;
        let later = post(&app, &t, "/api/v1/certificates", Some("old"), &body).await;
        assert_eq!((later.status, later.replayed), (200, false), "asked afresh: the child has it");
        assert_eq!(certificates_of(&app, &child).await, 1);
    }
}

/// The same request with the same key eight times at once.
async fn at_once(app: &TestApp, token: &str, path: &str, body: &Value) -> Vec<Answer> {
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (client, url, token, body) = (app.client(), app.at(path), token.to_string(), body.clone());
        tasks.push(tokio::spawn(async move {
            let res = client
                .post(url)
                .bearer_auth(token)
                .header("Idempotency-Key", "the-same-key")
                .json(&body)
                .send()
                .await
                .unwrap();
            let replayed = res.headers().contains_key("idempotent-replayed");
            Answer { status: res.status().as_u16(), replayed, body: res.text().await.unwrap() }
        }));
    }
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap());
    }
    answers
}
