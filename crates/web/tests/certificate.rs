//! The certificate over HTTP, on both databases: the API with every error code, the cabinet's
//! claim (variants 1 and 3), registration at an organization (variant 4), the certificate page
//! and its PDF statement, and the municipal operator's pages.

use dopcert_app::registration::{self, Registered, RegistrationInput};
use dopcert_domain::ids::PersonId;
use dopcert_domain::role::Role;
use dopcert_store::account;
use dopcert_store::person;
use dopcert_testkit::{both_databases, location, pdf, TestApp};
use serde_json::{json, Value};

const PASSWORD: &str = "demo-tver-2026";

async fn token(app: &TestApp, login: &str) -> String {
    let body = json!({"login": login, "password": PASSWORD});
    let res = app.client().post(app.at("/api/v1/auth/token")).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 200, "{login} gets a token");
    res.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string()
}

async fn get(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    let res = app.client().get(app.at(path)).bearer_auth(token).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn claim(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    let res = app
        .client()
        .post(app.at("/api/v1/certificates"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or("")
}

async fn first_child_id(app: &TestApp, token: &str) -> String {
    let (_, children) = get(app, token, "/api/v1/me/children").await;
    children[0]["id"].as_str().unwrap().to_string()
}

async fn certificates(app: &TestApp) -> i64 {
    let mut conn = app.db.store.reader().await.unwrap();
    sqlx::query_scalar("SELECT COUNT(*) FROM certificate").fetch_one(&mut *conn).await.unwrap()
}

/// A parent account (the demo password) with one child, both as given; `None` dates and
/// municipalities are what the registry may not know.
async fn family(app: &TestApp, login: &str, child: &str, born: Option<&str>, with_place: bool) -> PersonId {
    let born = born.map(|b| b.parse().unwrap());
    let f =
        dopcert_testkit::family(&app.db.store, login, "Орлова Инна Павловна", &[(child, born)], with_place)
            .await;
    f.children[0].clone()
}

async fn registration_actor(app: &TestApp) -> dopcert_app::auth::Actor {
    let input =
        dopcert_app::auth::LoginInput { login: "school", password: PASSWORD, address: "t", user_agent: "t" };
    let (t, _) = dopcert_app::auth::api_token(&app.app, &input).await.unwrap();
    dopcert_app::auth::token_actor(&app.app, &t).await.unwrap().unwrap()
}

fn registration_form(last: &str, first: &str, born: &str, snils: &str) -> RegistrationInput {
    RegistrationInput {
        child_last: last.into(),
        child_first: first.into(),
        birth_date: born.into(),
        snils: snils.into(),
        parent_last: "Белова".into(),
        parent_first: "Ирина".into(),
        parent_phone: "+7 912 345-67-89".into(),
        paper_consent: true,
        ..Default::default()
    }
}

both_databases! {
    async fn api_a_parent_lists_claims_and_reads_the_certificate(db) {
        let app = TestApp::with_demo(db).await;
        let t = token(&app, "ivanova").await;
        let (status, children) = get(&app, &t, "/api/v1/me/children").await;
        assert_eq!(status, 200);
        let child = &children[0];
        assert_eq!(child["full_name"], "Иванов Артём Дмитриевич");
        assert_eq!(child["eligible"], true);
        assert!(child["certificate"].is_null());
        assert!(child["birth_date"].as_str().unwrap().len() == 10);
        let id = child["id"].as_str().unwrap();

        let (status, body) = claim(&app, &t, json!({"child_id": id, "consent": false})).await;
        assert_eq!((status, code(&body)), (422, "consent_required"));
        assert_eq!(certificates(&app).await, 1, "a refused claim writes nothing");

        let (status, cert) = claim(&app, &t, json!({"child_id": id, "consent": true})).await;
        assert_eq!(status, 201, "{cert}");
        let number = cert["number"].as_str().unwrap().to_string();
        assert!(number.starts_with("69-"));
        assert_eq!(cert["status"], "active");
        assert_eq!(cert["funded"], true);
        assert_eq!(cert["balance"], json!({"available": 700_000, "held": 0, "spent": 0}));
        assert!(cert["issued_at"].as_str().unwrap().ends_with('Z'));

        let (status, again) = claim(&app, &t, json!({"child_id": id, "consent": true})).await;
        assert_eq!(status, 200, "R01: the same certificate, not a second one");
        assert_eq!(again["number"], number.as_str());

        let (status, read) = get(&app, &t, &format!("/api/v1/certificates/{number}")).await;
        assert_eq!(status, 200);
        assert_eq!(read["number"], number.as_str());
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        let (status, _) = get(&app, &t, &format!("/api/v1/certificates/{digits}")).await;
        assert_eq!(status, 200, "the number as typed without dashes");
        let (_, children) = get(&app, &t, "/api/v1/me/children").await;
        assert_eq!(children[0]["certificate"]["number"], number.as_str());

        // A typo is caught by the check digits before any lookup.
        let mut typo: Vec<char> = number.chars().collect();
        typo[4] = if typo[4] == '1' { '2' } else { '1' };
        let typo: String = typo.into_iter().collect();
        let (status, body) = get(&app, &t, &format!("/api/v1/certificates/{typo}")).await;
        assert_eq!((status, code(&body)), (422, "invalid_number"));
        assert!(body["error"]["message"].as_str().unwrap().contains("проверьте номер сертификата"));

        // Not yours: 404, as if it did not exist.
        let stranger = token(&app, "smirnov").await;
        let (status, body) = get(&app, &stranger, &format!("/api/v1/certificates/{number}")).await;
        assert_eq!((status, code(&body)), (404, "not_found"));

        // An organization checks it: what it needs, nothing about the child.
        let (status, body) = get(&app, &stranger, &format!("/api/v1/certificates/{number}/check")).await;
        assert_eq!((status, code(&body)), (403, "forbidden"));
        let school = token(&app, "school").await;
        let (status, check) = get(&app, &school, &format!("/api/v1/certificates/{number}/check")).await;
        assert_eq!(status, 200);
        assert_eq!(check["valid"], true);
        assert_eq!(check["funded"], true);
        assert_eq!(check["available"], 700_000);
        let mut keys: Vec<&str> = check.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, vec!["available", "funded", "municipality", "number", "status", "valid"]);
        let (status, body) = get(&app, &school, &format!("/api/v1/certificates/{typo}/check")).await;
        assert_eq!((status, code(&body)), (422, "invalid_number"));
        let (status, body) = get(&app, &school, "/api/v1/certificates/69-0000-0001-12/check").await;
        assert_eq!((status, code(&body)), (404, "not_found"));
    }

    async fn api_every_claim_error_has_its_code(db) {
        let app = TestApp::with_demo(db).await;
        let ivanova = token(&app, "ivanova").await;
        let ivanovs = first_child_id(&app, &ivanova).await;
        let cases: Vec<(&str, Value, u16, &str)> = vec![
            ("smirnov", json!({"child_id": ivanovs, "consent": true}), 404, "not_found"),
            ("ivanova", json!({"child_id": "no-such-child", "consent": true}), 404, "not_found"),
            ("school", json!({"child_id": ivanovs, "consent": true}), 403, "not_guardian"),
            ("moc.tver", json!({"child_id": ivanovs, "consent": true}), 403, "not_guardian"),
            ("ivanova", json!({"child_id": ivanovs}), 422, "invalid_request"),
            ("ivanova", json!({"child_id": ivanovs, "consent": true, "funded": true}), 422, "invalid_request"),
            ("ivanova", json!({"child_id": ivanovs, "consent": "да"}), 422, "invalid_request"),
        ];
        for (login, body, status, expected) in cases {
            let t = token(&app, login).await;
            let (got, answer) = claim(&app, &t, body.clone()).await;
            assert_eq!((got, code(&answer)), (status, expected), "{login} {body}");
            assert!(!answer["error"]["message"].as_str().unwrap().is_empty());
        }
        // The child themself: under 14 refused with a reason, from 14 allowed.
        let alisa = token(&app, "sokolova.alisa").await;
        let own = first_child_id(&app, &alisa).await;
        let (status, body) = claim(&app, &alisa, json!({"child_id": own, "consent": true})).await;
        assert_eq!((status, code(&body)), (403, "self_claim_under_14"));
        let maksim = token(&app, "petrov.maksim").await;
        let own = first_child_id(&app, &maksim).await;
        let (status, _) = claim(&app, &maksim, json!({"child_id": own, "consent": true})).await;
        assert_eq!(status, 201);
        // Too young (with the day the claim opens) and too old.
        let smirnov = token(&app, "smirnov").await;
        let (_, children) = get(&app, &smirnov, "/api/v1/me/children").await;
        assert_eq!(children[0]["eligible"], false);
        let from = children[0]["eligible_from"].as_str().unwrap().to_string();
        let (status, body) = claim(&app, &smirnov, json!({"child_id": children[0]["id"], "consent": true})).await;
        assert_eq!((status, code(&body)), (422, "age_not_eligible"));
        let (y, m, d) = (&from[0..4], &from[5..7], &from[8..10]);
        assert!(body["error"]["message"].as_str().unwrap().contains(y), "{body} mentions {d}.{m}.{y}");
        let volkova = token(&app, "volkova").await;
        let (_, children) = get(&app, &volkova, "/api/v1/me/children").await;
        let adult = children.as_array().unwrap().iter().find(|c| c["eligible"] == false).unwrap();
        assert!(adult["eligible_from"].is_null());
        let (status, body) = claim(&app, &volkova, json!({"child_id": adult["id"], "consent": true})).await;
        assert_eq!((status, code(&body)), (422, "age_not_eligible"));
        // Unknown birth date; unknown municipality (asked for, then accepted).
        family(&app, "orlova", "Орлов Глеб Ильич", None, true).await;
        let orlova = token(&app, "orlova").await;
        let id = first_child_id(&app, &orlova).await;
        let (status, body) = claim(&app, &orlova, json!({"child_id": id, "consent": true})).await;
        assert_eq!((status, code(&body)), (422, "birth_date_unknown"));
        family(&app, "orlova2", "Орлова Майя Ильинична", Some("2015-06-01"), false).await;
        let orlova2 = token(&app, "orlova2").await;
        let id = first_child_id(&app, &orlova2).await;
        let (status, body) = claim(&app, &orlova2, json!({"child_id": id, "consent": true})).await;
        assert_eq!((status, code(&body)), (422, "municipality_required"));
        let (status, body) = claim(&app, &orlova2, json!({"child_id": id, "consent": true, "municipality_id": "no-such-place"})).await;
        assert_eq!((status, code(&body)), (422, "municipality_required"), "only a municipality of the region");
        let (_, place) = get(&app, &orlova2, "/api/v1/me").await;
        assert!(place.is_object());
        let mut conn = app.db.store.reader().await.unwrap();
        let r = dopcert_store::region::first(&mut conn).await.unwrap().unwrap();
        let rzhev = dopcert_store::municipality::list(&mut conn, &r.id).await.unwrap().remove(1).id;
        drop(conn);
        let (status, body) = claim(&app, &orlova2, json!({"child_id": id, "consent": true, "municipality_id": rzhev.as_str()})).await;
        assert_eq!(status, 201, "{body}");
        // Without a token.
        let res = app.client().post(app.at("/api/v1/certificates")).json(&json!({})).send().await.unwrap();
        assert_eq!(res.status(), 401);
        let res = app.client().post(app.at("/api/v1/certificates")).bearer_auth(&ivanova)
            .header("content-type", "application/json").body("{").send().await.unwrap();
        assert_eq!(res.status(), 400);
        assert_eq!(code(&res.json::<Value>().await.unwrap()), "malformed_json");
        assert_eq!(certificates(&app).await, 3, "the demo's, the teen's and Майя's");
    }

    async fn api_a_child_held_as_a_possible_duplicate_waits_for_the_operator(db) {
        let app = TestApp::with_demo(db).await;
        let clerk = registration_actor(&app).await;
        let first = registration_form("Белова", "Дарья", "12.04.2016", "");
        registration::register(&app.app, &clerk, &first, None).await.unwrap();
        let near = registration_form("Белова", "Дарья", "12.04.2016", "112-233-445 95");
        // The first has no SNILS, so a SNILS alone does not conflict: same spelling → same child.
        assert!(matches!(registration::register(&app.app, &clerk, &near, None).await.unwrap(), Registered::Existing(_)));
        let yo = registration_form("Белова", "Дарья", "12.04.2016", "");
        let yo = RegistrationInput { child_last: "Бёлова".into(), ..yo };
        assert!(matches!(registration::register(&app.app, &clerk, &yo, None).await.unwrap(), Registered::Held));
        // Link Ivanova to the held child to claim through the API.
        let mut conn = app.db.store.reader().await.unwrap();
        let held: String = sqlx::query_scalar("SELECT claimed_person_id FROM possible_duplicate WHERE resolved_at IS NULL")
            .fetch_one(&mut *conn).await.unwrap();
        let ivanova_person = account::by_login(&mut conn, "ivanova").await.unwrap().unwrap().person_id;
        drop(conn);
        let mut tx = app.app.store.begin().await.unwrap();
        person::link_guardian(&mut tx, &ivanova_person, &PersonId::from_string(held.clone()), "2026-01-01T00:00:00.000000Z").await.unwrap();
        tx.commit().await.unwrap();
        let t = token(&app, "ivanova").await;
        let (_, children) = get(&app, &t, "/api/v1/me/children").await;
        let listed = children.as_array().unwrap().iter().find(|c| c["id"] == held.as_str()).unwrap();
        assert_eq!(listed["on_review"], true);
        let (status, body) = claim(&app, &t, json!({"child_id": held, "consent": true})).await;
        assert_eq!((status, code(&body)), (409, "possible_duplicate"));
    }

    async fn a_path_parameter_that_is_not_utf8_is_answered_in_the_apis_error_format(db) {
        let app = TestApp::with_demo(db).await;
        let t = token(&app, "ivanova").await;
        // What schemathesis sends: a percent-encoded byte that is no UTF-8 (axum answers it in
        // plain text unless the handler's extractor says otherwise).
        for path in ["/api/v1/certificates/%FF", "/api/v1/certificates/%FF/check"] {
            let (status, body) = get(&app, &t, path).await;
            assert_eq!((status, code(&body)), (400, "invalid_path"), "{path}");
        }
        let withdraw = app.at("/api/v1/applications/%FF/withdraw");
        let res = app.client().post(withdraw).bearer_auth(&t).send().await.unwrap();
        assert_eq!(res.status(), 400);
        assert_eq!(code(&res.json().await.unwrap()), "invalid_path");
    }

    async fn the_openapi_document_describes_every_api_route(db) {
        let app = TestApp::with_demo(db).await;
        let res = app.client().get(app.at("/api/v1/openapi.json")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let doc: Value = res.json().await.unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        let documented = dopcert_web::documented_api();
        for r in dopcert_web::route_list().iter().filter(|r| r.path.starts_with("/api/v1/")) {
            assert!(
                documented.iter().any(|(m, p)| m == r.method && p == &r.path),
                "{} {} is missing from the OpenAPI document", r.method, r.path
            );
            let op = &doc["paths"][&r.path][r.method.to_lowercase()];
            assert!(op.is_object(), "{} {} in the served document", r.method, r.path);
        }
        let claim = &doc["paths"]["/api/v1/certificates"]["post"]["responses"];
        for status in ["200", "201", "401", "403", "404", "409", "422"] {
            assert!(claim[status].is_object(), "POST /api/v1/certificates documents {status}");
        }
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    }

    async fn variant_1_in_the_cabinet_consent_then_the_certificate_page_and_its_statement(db) {
        let app = TestApp::with_demo(db).await;
        let c = app.client();
        assert_eq!(app.login(&c, "ivanova", PASSWORD).await.status(), 303);
        let settings = c.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        assert!(settings.contains("Сертификат дополнительного образования"));
        let link = settings.split("href=\"/settings/certificate/").nth(1).unwrap().split('"').next().unwrap().to_string();
        assert!(settings.contains(">Получить сертификат</a>"));
        let path = format!("/settings/certificate/{link}");
        let page = c.get(app.at(&path)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("152-ФЗ") && page.contains("Редакция согласия от 2026-09"));
        assert!(page.contains("Иванов Артём Дмитриевич"));
        let res = app.post_form(&c, &path, &path, &[]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("Нужно согласие на обработку персональных данных"));
        assert_eq!(certificates(&app).await, 1);
        let res = app.post_form(&c, &path, &path, &[("consent", "yes")]).await;
        assert_eq!(res.status(), 303);
        let to = location(&res).to_string();
        assert!(to.starts_with("/certificates/69-") && to.ends_with("?issued=1"), "{to}");
        let page = c.get(app.at(&to)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Сертификат получен"));
        assert!(page.contains("Сертификат финансирования: на нём") && page.contains("7\u{a0}000,00\u{a0}₽"));
        assert!(page.contains("href=\"/catalog\""), "what to do next");
        assert!(page.contains(" до 31 декабря "), "until when the money is there");
        assert!(page.contains("Зачислен номинал"), "the movement");
        assert!(page.contains("в личном кабинете, редакция 2026-09"), "the consent");
        let number = to.trim_start_matches("/certificates/").trim_end_matches("?issued=1").to_string();
        // A second press, from a stale tab: the same certificate.
        let res = app.post_form(&c, "/settings", &path, &[("consent", "yes")]).await;
        assert_eq!(location(&res), to);
        let settings = c.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        assert!(settings.contains(&format!("№ {number}")));
        assert!(!settings.contains(">Получить сертификат</a>"));
        // The statement.
        let res = c.get(app.at(&format!("/certificates/{number}/statement.pdf"))).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        let bytes = res.bytes().await.unwrap();
        if let Some(text) = pdf::text(&bytes) {
            assert!(text.contains("Выписка из реестра сертификатов дополнительного образования"), "{text}");
            assert!(text.contains(&number) && text.contains("Иванов Артём Дмитриевич"));
            assert!(text.contains("Зачислен номинал") && text.contains("7 000,00"));
        }
        // Another parent cannot open it, nor claim for this child.
        let other = app.client();
        app.login(&other, "smirnov", PASSWORD).await;
        let res = other.get(app.at(&format!("/certificates/{number}"))).send().await.unwrap();
        assert_eq!(res.status(), 404);
        let res = other.get(app.at(&format!("/certificates/{number}/statement.pdf"))).send().await.unwrap();
        assert_eq!(res.status(), 404);
        let res = app.post_form(&other, "/settings", &path, &[("consent", "yes")]).await;
        assert_eq!(res.status(), 404);
        let res = other.get(app.at("/certificates/69-0000-0000-00")).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("проверьте номер сертификата"));
    }

    async fn in_english_a_claim_without_consent_is_refused_in_english(db) {
        let app = TestApp::with_demo(db).await;
        let c = app.client();
        c.get(app.at("/language?set=en&back=/")).send().await.unwrap();
        assert_eq!(app.login(&c, "ivanova", PASSWORD).await.status(), 303);
        let settings = c.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        let link = settings.split("href=\"/settings/certificate/").nth(1).unwrap().split('"').next().unwrap().to_string();
        let path = format!("/settings/certificate/{link}");
        let res = app.post_form(&c, &path, &path, &[]).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("Consent to the processing of personal data is required"), "{html}");
        assert!(!html.contains("Нужно согласие"), "{html}");
        assert_eq!(certificates(&app).await, 1);
    }

    async fn variant_3_a_teen_claims_for_themself_and_a_younger_pupil_is_told_to_ask_a_parent(db) {
        let app = TestApp::with_demo(db).await;
        let young = app.client();
        app.login(&young, "sokolova.alisa", PASSWORD).await;
        let page = young.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("сертификат за тебя получает родитель"));
        assert!(!page.contains(">Получить сертификат</a>"));
        let teen = app.client();
        app.login(&teen, "petrov.maksim", PASSWORD).await;
        let page = teen.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        let link = page.split("href=\"/settings/certificate/").nth(1).unwrap().split('"').next().unwrap().to_string();
        let path = format!("/settings/certificate/{link}");
        let consent = teen.get(app.at(&path)).send().await.unwrap().text().await.unwrap();
        assert!(consent.contains("для тебя"));
        let res = app.post_form(&teen, &path, &path, &[("consent", "yes")]).await;
        assert_eq!(res.status(), 303);
        let page = teen.get(app.at(location(&res))).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Петров Максим Олегович") && page.contains("Сертификат получен"));
    }

    async fn variant_4_a_school_registers_a_child_and_the_certificate_is_issued_at_once(db) {
        let app = TestApp::with_demo(db).await;
        let c = app.client();
        assert_eq!(app.login(&c, "school", PASSWORD).await.status(), 303);
        let org = c.get(app.at("/org")).send().await.unwrap().text().await.unwrap();
        assert!(org.contains("href=\"/org/register\""));
        let csrf = app.csrf(&c, "/org/register").await;
        let action = app.at(&format!("/org/register?csrf={csrf}"));
        let bad = reqwest::multipart::Form::new()
            .text("child_last", "Belova")
            .text("child_first", "Дарья")
            .text("birth_date", "31.02.2016")
            .text("snils", "112-233-445 96")
            .text("parent_last", "Белова")
            .text("parent_first", "Ирина")
            .text("parent_phone", "12345");
        let res = c.post(&action).multipart(bad).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("только русские буквы"), "a Latin name");
        assert!(html.contains("Такой даты нет в календаре"), "no 31 February");
        assert!(html.contains("Контрольное число СНИЛС"), "the SNILS checksum");
        assert!(html.contains("Нужно согласие родителя"));
        assert!(html.contains("value=\"Belova\""), "the form keeps what was typed");
        assert_eq!(certificates(&app).await, 1, "nothing written");
        let future = reqwest::multipart::Form::new()
            .text("child_last", "Белова").text("child_first", "Дарья").text("birth_date", "01.01.2030")
            .text("parent_last", "Белова").text("parent_first", "Ирина").text("parent_email", "irina@example.ru")
            .text("paper_consent", "yes");
        let res = c.post(&action).multipart(future).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("не может быть в будущем"));

        let scan = reqwest::multipart::Part::bytes(b"%PDF-1.4 signed consent".to_vec()).file_name("согласие.pdf");
        let good = reqwest::multipart::Form::new()
            .text("child_last", "Белова").text("child_first", "Дарья").text("child_middle", "Олеговна")
            .text("birth_date", "12.04.2016").text("snils", "112-233-445 95")
            .text("parent_last", "Белова").text("parent_first", "Ирина").text("parent_phone", "8 912 345 67 89")
            .part("scan", scan);
        let res = c.post(&action).multipart(good).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("Сертификат выдан"), "{html}");
        let number = html.split("class=\"number\">").nth(1).unwrap().split('<').next().unwrap().to_string();
        let page = c.get(app.at(&format!("/certificates/{number}"))).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Белова Дарья Олеговна"));
        assert!(page.contains("на бумаге в организации") && page.contains("скан приложен"));
        // The scan reads back byte for byte (BYTEA on PostgreSQL, BLOB on SQLite).
        let scan = page.split("href=\"/certificates/").find(|p| p.contains("/scan\"")).unwrap().split('"').next().unwrap();
        let res = c.get(app.at(&format!("/certificates/{scan}"))).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        assert_eq!(res.bytes().await.unwrap().as_ref(), b"%PDF-1.4 signed consent");
        let stranger = app.client();
        app.login(&stranger, "ivanova", PASSWORD).await;
        let res = stranger.get(app.at(&format!("/certificates/{scan}"))).send().await.unwrap();
        assert_eq!(res.status(), 404, "not hers to see");
        assert!(page.contains("в организации при записи"));
        // The check page.
        let html = c.get(app.at(&format!("/org/check?number={number}"))).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("можно записывать"));
        let res = c.get(app.at("/org/check?number=69-1234-5678-00")).send().await.unwrap();
        assert_eq!(res.status(), 422);
        // The same child again: found, not duplicated.
        let again = reqwest::multipart::Form::new()
            .text("child_last", "Белова").text("child_first", "Дарья").text("child_middle", "Олеговна")
            .text("birth_date", "12.04.2016").text("snils", "11223344595")
            .text("parent_last", "Белова").text("parent_first", "Ирина").text("parent_phone", "+79123456789")
            .text("paper_consent", "yes");
        let html = c.post(&action).multipart(again).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("У ребёнка уже есть сертификат") && html.contains(&number));
        assert_eq!(certificates(&app).await, 2);
        // A parent cannot use the form.
        let parent = app.client();
        app.login(&parent, "ivanova", PASSWORD).await;
        assert_eq!(parent.get(app.at("/org/register")).send().await.unwrap().status(), 403);
    }

    async fn the_municipal_operator_sets_the_quota_and_resolves_a_near_match(db) {
        let app = TestApp::with_demo(db).await;
        let clerk = registration_actor(&app).await;
        registration::register(&app.app, &clerk, &registration_form("Фёдорова", "Алёна", "01.09.2015", ""), None).await.unwrap();
        let near = RegistrationInput { parent_first: "Вера".into(), ..registration_form("Федорова", "Алена", "01.09.2015", "") };
        assert!(matches!(registration::register(&app.app, &clerk, &near, None).await.unwrap(), Registered::Held));

        let c = app.client();
        assert_eq!(app.login(&c, "moc.tver", PASSWORD).await.status(), 303);
        assert_eq!(dopcert_app::auth::home_of(Role::MunicipalOperator), "/moc", "the operator's home");
        let home = c.get(app.at("/moc")).send().await.unwrap().text().await.unwrap();
        assert!(home.contains("Возможные дубли детей</a>: 1"));
        assert!(home.contains("Периоды и сертификаты с номиналом") && home.contains("7\u{a0}000,00\u{a0}₽"));
        let period = home.split("href=\"/moc/periods/").nth(1).unwrap().split('"').next().unwrap().to_string();
        let action = format!("/moc/periods/{period}/quota");
        let page = format!("/moc/periods/{period}");
        let res = app.post_form(&c, &page, &action, &[("quota", "много")]).await;
        assert_eq!(res.status(), 422);
        let res = app.post_form(&c, &page, &action, &[("quota", "-1")]).await;
        assert_eq!(res.status(), 422);
        let res = app.post_form(&c, &page, &action, &[("quota", "5 000")]).await;
        assert_eq!(res.status(), 303);
        let home = c.get(app.at(location(&res))).send().await.unwrap().text().await.unwrap();
        assert!(home.contains("из 5000"), "the new quota is shown");
        let res = app.post_form(&c, &page, &action, &[("quota", "0")]).await;
        let home = c.get(app.at(location(&res))).send().await.unwrap().text().await.unwrap();
        assert!(home.contains("выданное не отнимается"), "a quota below what is given is explained");

        let queue = c.get(app.at("/moc/duplicates")).send().await.unwrap().text().await.unwrap();
        assert!(queue.contains("Фёдорова Алёна") && queue.contains("Федорова Алена"));
        assert!(queue.contains("Белова Вера"), "who claimed");
        let case = queue.split("action=\"/moc/duplicates/").nth(1).unwrap().split('"').next().unwrap().to_string();
        let action = format!("/moc/duplicates/{case}");
        let res = app.post_form(&c, "/moc/duplicates", &action, &[("decision", "same")]).await;
        assert_eq!(location(&res), "/moc/duplicates?done=1");
        let queue = c.get(app.at("/moc/duplicates?done=1")).send().await.unwrap().text().await.unwrap();
        assert!(queue.contains("Решение сохранено") && queue.contains("Открытых случаев нет"));
        let res = app.post_form(&c, "/moc/duplicates", &action, &[("decision", "same")]).await;
        assert_eq!(res.status(), 404, "decided once");

        // Looking up a certificate by number, and suspending it with a reason.
        let number: String = {
            let mut conn = app.db.store.reader().await.unwrap();
            sqlx::query_scalar("SELECT number FROM certificate ORDER BY issued_at LIMIT 1").fetch_one(&mut *conn).await.unwrap()
        };
        let res = c.get(app.at(&format!("/moc?number={number}"))).send().await.unwrap();
        let shown = dopcert_domain::certificate::CertificateNumber::parse(&number).unwrap().to_string();
        assert_eq!(location(&res), format!("/certificates/{shown}"));
        let res = c.get(app.at("/moc?number=69-1234-5678-00")).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("проверьте номер сертификата"), "answered with the form");
        let path = format!("/certificates/{number}");
        let res = app.post_form(&c, &path, &format!("{path}/status"), &[("action", "suspend"), ("reason", "")]).await;
        assert_eq!(res.status(), 422);
        let res = app.post_form(&c, &path, &format!("{path}/status"), &[("action", "suspend"), ("reason", "проверка")]).await;
        assert_eq!(res.status(), 303);
        let page = c.get(app.at(location(&res))).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Статус сертификата изменён: приостановлен"));
        assert!(page.contains("приостановлен — проверка") && page.contains("Беляева О. М."));
        // Closing is for good: asked to confirm first.
        let status = format!("{path}/status");
        let res = app.post_form(&c, &path, &status, &[("action", "close"), ("reason", "переезд")]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("Закрытие сертификата необратимо"));
        let confirmed = [("action", "close"), ("reason", "переезд"), ("confirm_close", "yes")];
        let res = app.post_form(&c, &path, &status, &confirmed).await;
        assert_eq!(res.status(), 303);
    }
}
