//! The regional centre's pages over HTTP, on both databases: from its home page it reaches
//! the municipalities and the rules; it adds a municipality (bad and taken fields answered
//! beside the field with 422), gives it an operator whose one-time password is shown once,
//! and withdraws the role, which ends the operator's session; it saves the region's rules.
//! The municipal operator may open none of these pages.

use dopcert_app::demo;
use dopcert_testkit::{both_databases, location, TestApp};

async fn signed_in(t: &TestApp, login: &str) -> reqwest::Client {
    let c = t.client();
    assert_eq!(t.login(&c, login, demo::DEMO_PASSWORD).await.status(), 303, "{login} logs in");
    c
}

/// A draft program of the demo's ДТДМ with one module: (program, module).
async fn draft_with_module(t: &TestApp) -> (String, String) {
    use dopcert_app::program::{self, ModuleInput, ProgramInput};
    let dtdm = dopcert_testkit::programs::actor(&t.app, "dtdm").await;
    let input = ProgramInput {
        title: "Шахматы".into(),
        direction: "physical_sport".into(),
        description: "Учимся играть.".into(),
        age_min: "7".into(),
        age_max: "12".into(),
        funding: "certificate".into(),
    };
    let id = program::create(&t.app, &dtdm, &input).await.unwrap();
    let version = program::view(&t.app, Some(&dtdm), id.as_str()).await.unwrap().program.version;
    let m = ModuleInput {
        title: "Год".into(),
        hours: "72".into(),
        price: "1000".into(),
        normative_cost: "1000".into(),
    };
    program::add_module(&t.app, &dtdm, id.as_str(), version, &m).await.unwrap();
    let module = program::view(&t.app, Some(&dtdm), id.as_str()).await.unwrap().modules[0].id.to_string();
    (id.to_string(), module)
}

async fn page(t: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String) {
    let res = c.get(t.at(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// Posts a form (its token from `from`): the status and, for a redirect, where it points,
/// else the page.
async fn post(
    t: &TestApp,
    c: &reqwest::Client,
    from: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let res = t.post_form(c, from, path, fields).await;
    let status = res.status().as_u16();
    let to = location(&res).to_string();
    (status, if status == 303 { to } else { res.text().await.unwrap() })
}

const NEW: &[(&str, &str)] = &[
    ("name", "Новый муниципальный округ"),
    ("code", "novy"),
    ("kind", "municipal_okrug"),
    ("support_center_name", "Муниципальный опорный центр: Новый округ"),
    ("support_center_phone", "+7 (48231) 2-10-30"),
];

/// The one-time password a page shows.
fn code_on(html: &str) -> String {
    let after =
        html.split("одноразовый пароль: <strong class=\"number\">").nth(1).expect("a one-time password");
    after.split('<').next().unwrap().to_string()
}

both_databases! {
    async fn the_regional_centre_adds_a_municipality_and_its_operator(db) {
        let t = TestApp::with_demo(db).await;
        let rmc = signed_in(&t, "rmc").await;
        let (_, home) = page(&t, &rmc, "/moc").await;
        assert!(home.contains("href=\"/region/municipalities\"") && home.contains("href=\"/region/rules\""));
        let (status, list) = page(&t, &rmc, "/region/municipalities").await;
        assert_eq!(status, 200);
        assert!(list.contains("город Тверь") && list.contains("(moc.tver)"), "the capital with its operator");

        let bad = [("name", ""), ("code", "Новый"), ("kind", ""), ("support_center_name", "МОЦ"), ("support_center_phone", "12")];
        let (status, html) = post(&t, &rmc, "/region/municipalities", "/region/municipalities", &bad).await;
        assert_eq!(status, 422);
        assert!(html.contains("aria-describedby=\"code-error\"") && html.contains("слова через дефис"), "beside the field");
        assert!(html.contains("Телефон — 10 цифр"));
        let mut taken = NEW.to_vec();
        taken[1] = ("code", "tver");
        let (status, html) = post(&t, &rmc, "/region/municipalities", "/region/municipalities", &taken).await;
        assert_eq!(status, 422);
        assert!(html.contains("Код tver уже у муниципалитета «город Тверь»"));
        assert!(html.contains("value=\"Новый муниципальный округ\""), "the form keeps what was typed");

        let (status, to) = post(&t, &rmc, "/region/municipalities", "/region/municipalities", NEW).await;
        assert_eq!(status, 303);
        assert!(to.starts_with("/region/municipalities/") && to.ends_with("?done=added"), "{to}");
        let here = to.split('?').next().unwrap().to_string();
        let (_, html) = page(&t, &rmc, &to).await;
        assert!(html.contains("Муниципалитет добавлен") && html.contains("Операторов нет"));

        let mut edited = NEW.to_vec();
        edited[4] = ("support_center_phone", "два-три");
        let (status, html) = post(&t, &rmc, &here, &here, &edited).await;
        assert_eq!(status, 422);
        assert!(html.contains("aria-describedby=\"support_center_phone-error\""));
        edited[4] = ("support_center_phone", "+7 (48231) 2-10-99");
        let (status, to) = post(&t, &rmc, &here, &here, &edited).await;
        assert_eq!((status, to.as_str()), (303, format!("{here}?done=saved").as_str()));

        let operators = format!("{here}/operators");
        let (status, html) = post(&t, &rmc, &here, &operators, &[("full_name", "Anna"), ("login", "")]).await;
        assert_eq!(status, 422);
        assert!(html.contains("aria-describedby=\"full_name-error\""));
        let operator = [("full_name", "Смирнова Анна Викторовна"), ("login", "moc.novy")];
        let res = t.post_form(&rmc, &here, &operators, &operator).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["cache-control"], "no-store", "a one-time password is not cached");
        let html = res.text().await.unwrap();
        assert!(html.contains("moc.novy") && html.contains("Смирнова Анна Викторовна"));

        // The operator comes in with the code (and is asked to choose a password first).
        let op = t.client();
        let res = t.login(&op, "moc.novy", &code_on(&html)).await;
        assert_eq!(res.status(), 303);
        assert_eq!(page(&t, &op, "/settings/password").await.0, 200);

        let (_, html) = page(&t, &rmc, &here).await;
        let account = html.split("/operators/").nth(1).unwrap().split('/').next().unwrap().to_string();
        let res = t.post_form(&rmc, &here, &format!("{operators}/{account}/password"), &[]).await;
        assert_eq!(res.status(), 200);
        assert!(!code_on(&res.text().await.unwrap()).is_empty(), "a new one-time password");

        let (status, to) = post(&t, &rmc, &here, &format!("{operators}/{account}/withdraw"), &[]).await;
        assert_eq!((status, to.as_str()), (303, format!("{here}?done=withdrawn").as_str()));
        let res = op.get(t.at("/settings/password")).send().await.unwrap();
        assert_eq!(res.status(), 303, "the operator's session ended");
        assert!(location(&res).starts_with("/login"));
        let (_, html) = page(&t, &rmc, &to).await;
        assert!(html.contains("Роль оператора отозвана") && !html.contains("moc.novy"));
        let (status, _) = post(&t, &rmc, &here, &format!("{operators}/{account}/withdraw"), &[]).await;
        assert_eq!(status, 404, "withdrawn already");

        let (status, log) = page(&t, &rmc, "/audit?login=rmc").await;
        assert_eq!(status, 200);
        for title in ["Муниципалитет добавлен", "Муниципалитет изменён", "Оператор МОЦ добавлен", "Роль оператора МОЦ отозвана"] {
            assert!(log.contains(title), "{title} in the log");
        }
    }

    async fn the_region_rules_are_set_on_one_page(db) {
        let t = TestApp::with_demo(db).await;
        let rmc = signed_in(&t, "rmc").await;
        let (status, html) = page(&t, &rmc, "/region/rules").await;
        assert_eq!(status, 200);
        assert!(html.contains("value=\"municipality\" checked"));
        assert!(html.contains("name=\"offer_hours\" value=\"48\"") && html.contains("name=\"stuck_days\" value=\"3\""));

        let bad = [("certified_by", "region"), ("offer_hours", "400"), ("stuck_days", "0")];
        let (status, html) = post(&t, &rmc, "/region/rules", "/region/rules", &bad).await;
        assert_eq!(status, 422);
        assert!(html.contains("Целое число часов от 1 до 336") && html.contains("Целое число дней от 1 до 60"));
        assert!(html.contains("value=\"400\""), "the form keeps what was typed");

        let good = [("certified_by", "region"), ("offer_hours", "72"), ("stuck_days", "5"), ("lottery_days", "14")];
        let (status, to) = post(&t, &rmc, "/region/rules", "/region/rules", &good).await;
        assert_eq!((status, to.as_str()), (303, "/region/rules?saved=4"));
        let (_, html) = page(&t, &rmc, &to).await;
        assert!(html.contains("Правила региона сохранены") && html.contains("value=\"region\" checked"));
        assert!(html.contains("name=\"offer_hours\" value=\"72\""));
        let (_, to) = post(&t, &rmc, "/region/rules", "/region/rules", &good).await;
        assert_eq!(to, "/region/rules?saved=0", "nothing changed");
        // A provider's new group proposes the lottery: applications collected for 14 days.
        let program = draft_with_module(&t).await;
        let dtdm = signed_in(&t, "dtdm").await;
        let (status, html) = page(&t, &dtdm, &format!("/org/programs/{}/groups/new?module={}", program.0, program.1)).await;
        assert_eq!(status, 200);
        let until = t.app.clock.today().saturating_add(jiff::Span::new().days(14));
        let until = format!("{:02}.{:02}.{}", until.day(), until.month(), until.year());
        assert!(html.contains(&format!("name=\"lottery_until\" value=\"{until}\"")), "proposed {until}");

        let (status, html) = post(&t, &rmc, "/moc", "/moc/certification", &[("by", "school")]).await;
        assert_eq!(status, 422);
        assert!(html.contains("Выберите, кто сертифицирует программы"));

        let moc = signed_in(&t, "moc.tver").await;
        let (_, queues) = page(&t, &moc, "/moc/queues").await;
        assert!(queues.contains("дольше 5 дней"), "the operator's queue uses the new rule");
        for path in ["/region/rules", "/region/municipalities"] {
            let (status, html) = page(&t, &moc, path).await;
            assert_eq!(status, 403, "{path}");
            assert!(html.contains("Нет доступа"));
        }
        let (status, _) = post(&t, &moc, "/moc", "/region/rules", &good).await;
        assert_eq!(status, 403);
        let (status, _) = post(&t, &moc, "/moc", "/region/municipalities", NEW).await;
        assert_eq!(status, 403);
    }
}
