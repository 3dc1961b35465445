//! «Войти через Госуслуги» against a real OpenID Connect provider process: the first login
//! matches the person and their children, both ways in end at one account, and a tampered or
//! replayed callback is refused.

use dopcert_domain::person::FullName;
use dopcert_store::{account, person};
use dopcert_testkit::oidc::OidcProvider;
use dopcert_testkit::{both_databases, location, TestApp};

/// Walks the provider's login and consent pages as a person would; returns dopcert's answer
/// to the callback.
async fn esia_login(
    app: &TestApp,
    op: &OidcProvider,
    c: &reqwest::Client,
    subject: &str,
) -> reqwest::Response {
    let mut res = c.get(app.at("/login/esia?next=/settings")).send().await.unwrap();
    for _ in 0..20 {
        if res.status().is_redirection() {
            let loc = location(&res).to_string();
            if loc.starts_with(&app.url) {
                return c.get(&loc).send().await.unwrap();
            }
            let url = if loc.starts_with("http") { loc } else { format!("{}{loc}", op.issuer) };
            res = c.get(&url).send().await.unwrap();
            continue;
        }
        let html = res.text().await.unwrap();
        let action = html
            .split("action=\"")
            .nth(1)
            .and_then(|a| a.split('"').next())
            .unwrap_or_else(|| panic!("no form on the provider's page: {html}"))
            .to_string();
        let url = if action.starts_with("http") { action.clone() } else { format!("{}{action}", op.issuer) };
        // The provider's login form, then its consent form; both post to the interaction.
        res = if html.contains("name=\"login\"") {
            c.post(&url)
                .form(&[("prompt", "login"), ("login", subject), ("password", "any")])
                .send()
                .await
                .unwrap()
        } else {
            c.post(&url).form(&[("prompt", "consent")]).send().await.unwrap()
        };
    }
    panic!("the provider's flow did not come back to dopcert");
}

fn person_claims(p: &person::Person) -> serde_json::Value {
    serde_json::json!({
        "family_name": p.name.last(), "given_name": p.name.first(), "middle_name": p.name.middle(),
        "birthdate": p.birth_date.unwrap().date().to_string(),
        "snils": p.snils.as_ref().map(|s| s.digits().to_string()),
    })
}

both_databases! {
    async fn a_parent_logs_in_through_gosuslugi_and_sees_their_children(db) {
        // The demo's Ivanova as Госуслуги knows her: same SNILS; her son, and a daughter the
        // register has not seen yet; plus a child whose name and birth date match someone
        // else's with another SNILS (a near match, to be held, not linked).
        let (ivanova, son, other) = {
            let store = db.store.clone();
            let probe = dopcert_app::App::new(store.clone(), dopcert_app::Clock::system());
            dopcert_app::demo::load(&probe, &dopcert_app::demo::DemoOptions { children: 300, seed: 69, programs: 0 }).await.unwrap();
            let mut conn = store.reader().await.unwrap();
            let acc = account::by_login(&mut conn, "ivanova").await.unwrap().unwrap();
            let me = person::get(&mut conn, &acc.person_id).await.unwrap();
            let son = person::children_of(&mut conn, &acc.person_id).await.unwrap().remove(0);
            let acc = account::by_login(&mut conn, "kuznetsova").await.unwrap().unwrap();
            let other = person::children_of(&mut conn, &acc.person_id).await.unwrap().remove(0);
            (me, son, other)
        };
        let mut mother = person_claims(&ivanova);
        let mut near = person_claims(&other);
        near["snils"] = serde_json::json!("112-233-445 95");
        mother["children"] = serde_json::json!([
            person_claims(&son),
            {"family_name": "Иванова", "given_name": "Ксения", "middle_name": "Дмитриевна", "birthdate": "2019-03-08"},
            near,
        ]);
        let people = serde_json::json!({
            "esia-ivanova": mother,
            "esia-novikova": {"family_name": "Новикова", "given_name": "Дарья", "middle_name": "Игоревна",
                               "birthdate": "1991-09-09",
                               "children": [{"family_name": "Новиков", "given_name": "Олег", "birthdate": "2016-01-15"}]},
        });
        let Some((app, op)) = TestApp::with_demo_and_esia(db, &people).await else { return };

        let login_page = app.client().get(app.at("/login")).send().await.unwrap().text().await.unwrap();
        assert!(login_page.contains("Войти через Госуслуги"));

        let c = app.client();
        let res = esia_login(&app, &op, &c, "esia-ivanova").await;
        assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
        assert_eq!(location(&res), "/settings");
        let page = c.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("<dd>ivanova</dd>"), "the school login and Госуслуги are one account");
        assert!(page.contains(&son.name.to_string()) && page.contains("Иванова Ксения Дмитриевна"));
        // A near match is held: listed as on review, not linked to the child already known.
        assert!(page.contains(&other.name.to_string()) && page.contains("проверяет муниципальный опорный центр"));
        let mut conn = app.db.store.reader().await.unwrap();
        assert_eq!(dopcert_store::identity::open_near_matches(&mut conn).await.unwrap(), 1);
        let others_parents = person::parents_of(&mut conn, &other.id).await.unwrap();
        assert!(others_parents.iter().all(|p| p.id != ivanova.id), "never merged silently");
        drop(conn);

        // The second time nothing is added again.
        let again = app.client();
        esia_login(&app, &op, &again, "esia-ivanova").await;
        let page = again.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        assert_eq!(page.matches("Иванова Ксения Дмитриевна").count(), 1);
        assert_eq!(page.matches(&other.name.to_string()).count(), 1, "the held child once, not again");
        let mut conn = app.db.store.reader().await.unwrap();
        assert_eq!(dopcert_store::identity::open_near_matches(&mut conn).await.unwrap(), 1, "one case");
        drop(conn);

        // A person new to the register gets an account and their children.
        let c = app.client();
        esia_login(&app, &op, &c, "esia-novikova").await;
        let page = c.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains(">Новикова Дарья Игоревна</span>") && page.contains("Новиков Олег"));
        let mut conn = app.db.store.reader().await.unwrap();
        let found = person::by_name_and_birth(&mut conn, &FullName::parse("Новиков Олег").unwrap(),
            dopcert_domain::person::BirthDate::from_stored("2016-01-15".parse().unwrap())).await.unwrap();
        assert_eq!(found.len(), 1);
    }
}

both_databases! {
    async fn variant_4_then_gosuslugi_the_child_and_the_registered_mother_are_found_not_duplicated(db) {
        let people = serde_json::json!({
            "esia-zaytseva": {"family_name": "Зайцева", "given_name": "Марина", "middle_name": "Олеговна",
                              "birthdate": "1988-05-05", "snils": "08765430300",
                              "children": [{"family_name": "Зайцева", "given_name": "Полина", "middle_name": "Андреевна",
                                            "birthdate": "2017-03-15", "snils": "11223344595"}]},
        });
        let Some((app, op)) = TestApp::with_demo_and_esia(db, &people).await else { return };
        // The school registers Полина at enrollment: her mother has no account yet.
        let input = dopcert_app::auth::LoginInput { login: "school", password: "demo-tver-2026", address: "t", user_agent: "t" };
        let (t, _) = dopcert_app::auth::api_token(&app.app, &input).await.unwrap();
        let clerk = dopcert_app::auth::token_actor(&app.app, &t).await.unwrap().unwrap();
        let form = dopcert_app::registration::RegistrationInput {
            child_last: "Зайцева".into(), child_first: "Полина".into(), child_middle: "Андреевна".into(),
            birth_date: "15.03.2017".into(), snils: "112-233-445 95".into(),
            parent_last: "Зайцева".into(), parent_first: "Марина".into(), parent_middle: "Олеговна".into(),
            parent_phone: "+7 915 000-11-22".into(), paper_consent: true, ..Default::default()
        };
        let dopcert_app::registration::Registered::Issued(cert) =
            dopcert_app::registration::register(&app.app, &clerk, &form, None).await.unwrap() else { panic!("issued") };

        // The mother logs in through Госуслуги: her daughter is there, with the certificate.
        let c = app.client();
        let res = esia_login(&app, &op, &c, "esia-zaytseva").await;
        assert_eq!(res.status(), 303);
        let page = c.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Зайцева Полина Андреевна") && page.contains(&cert.number.to_string()), "{page}");
        assert!(!page.contains("Получить сертификат</a>"), "not a second certificate");
        let mut conn = app.db.store.reader().await.unwrap();
        let snils = dopcert_domain::snils::Snils::parse("112-233-445 95").unwrap();
        let child = person::by_snils(&mut conn, &snils).await.unwrap().unwrap();
        let parents = person::parents_of(&mut conn, &child.id).await.unwrap();
        assert_eq!(parents.len(), 1, "the mother the school registered is the one who logged in");
        assert!(account::by_person(&mut conn, &parents[0].id).await.unwrap().is_some());
        let found = person::by_name_and_birth(&mut conn, &FullName::parse("Зайцева Полина Андреевна").unwrap(),
            dopcert_domain::person::BirthDate::from_stored("2017-03-15".parse().unwrap())).await.unwrap();
        assert_eq!(found.len(), 1, "one child");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tampered_or_replayed_callback_is_refused() {
    let people = serde_json::json!({"esia-x": {"family_name": "Тестова", "given_name": "Ия", "birthdate": "1990-01-01"}});
    let Some((app, op)) = TestApp::with_demo_and_esia(dopcert_testkit::TestDb::sqlite().await, &people).await
    else {
        return;
    };
    let c = app.client();
    // A state nobody started.
    let res = c.get(app.at("/login/esia/callback?state=forged&code=abc")).send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("Вход через Госуслуги не завершён"));
    // A real callback, then the same callback again.
    let mut res = c.get(app.at("/login/esia?next=/settings")).send().await.unwrap();
    let callback = loop {
        let loc = location(&res).to_string();
        if loc.starts_with(&app.url) {
            break loc;
        }
        if res.status().is_redirection() {
            let url = if loc.starts_with("http") { loc } else { format!("{}{loc}", op.issuer) };
            res = c.get(&url).send().await.unwrap();
            continue;
        }
        let html = res.text().await.unwrap();
        let action = html.split("action=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let url = if action.starts_with("http") { action.clone() } else { format!("{}{action}", op.issuer) };
        res = if html.contains("name=\"login\"") {
            c.post(&url)
                .form(&[("prompt", "login"), ("login", "esia-x"), ("password", "any")])
                .send()
                .await
                .unwrap()
        } else {
            c.post(&url).form(&[("prompt", "consent")]).send().await.unwrap()
        };
    };
    // A code with its state swapped for another is refused too.
    let tampered = callback.replace("code=", "code=x");
    assert_eq!(app.client().get(&tampered).send().await.unwrap().status(), 400);
    // The state was spent by the tampered try: the genuine callback replayed later fails as well.
    assert_eq!(app.client().get(&callback).send().await.unwrap().status(), 400);
    // The provider's own refusal reaches the person as a plain message.
    let res =
        app.client().get(app.at("/login/esia/callback?state=s&error=access_denied")).send().await.unwrap();
    assert_eq!(res.status(), 400);
}

#[tokio::test]
async fn without_a_provider_there_is_no_gosuslugi_button() {
    let app = TestApp::with_demo(dopcert_testkit::TestDb::sqlite().await).await;
    let page = app.client().get(app.at("/login")).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("Войти через Госуслуги"));
    assert_eq!(app.client().get(app.at("/login/esia")).send().await.unwrap().status(), 404);
}
