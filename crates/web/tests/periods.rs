//! The operator's periods over HTTP, on both databases: a new period with nominals by age and
//! for children with disabilities; a nominal of 0 or of 10 million roubles, a period
//! overlapping another and a quota below what is given each get a clear Russian answer; the
//! period's page shows its history; a certificate's page lets the operator record a disability.

use dopcert_app::{demo, Clock};
use dopcert_testkit::programs::family_with_certificate;
use dopcert_testkit::{both_databases, location, TestApp};

const MORNING: &str = "2026-11-20T09:00:00Z";

async fn signed_in(t: &TestApp, login: &str) -> reqwest::Client {
    let c = t.client();
    assert_eq!(t.login(&c, login, demo::DEMO_PASSWORD).await.status(), 303, "{login} logs in");
    c
}

async fn page(t: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String) {
    let res = c.get(t.at(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The new period's form with the given middle nominal and dates.
fn period_form<'a>(nominal: &'a str, starts: &'a str, ends: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("year", "2027"),
        ("starts_on", starts),
        ("ends_on", ends),
        ("quota", "1 200"),
        ("nominal_5", "5000"),
        ("disability_5", ""),
        ("nominal_7", nominal),
        ("disability_7", "9 000"),
        ("nominal_14", "8000,50"),
        ("disability_14", ""),
    ]
}

both_databases! {
    async fn the_operator_sets_a_period_and_bad_ones_get_a_clear_answer(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        let c = signed_in(&t, "moc.tver").await;
        let (status, list) = page(&t, &c, "/moc/periods").await;
        assert_eq!(status, 200);
        assert!(list.contains("2026") && list.contains("идёт"), "the running period");
        assert!(list.contains("value=\"2027\""), "the next year is proposed");

        let post = |fields: Vec<(&'static str, &'static str)>| {
            let (t, c) = (&t, &c);
            async move { t.post_form(c, "/moc/periods", "/moc/periods", &fields).await }
        };
        for (nominal, says) in [("0", "от 100,00"), ("10000000", "до 1\u{a0}000\u{a0}000,00"), ("сто", "сумма в рублях")] {
            let res = post(period_form(nominal, "2027-01-01", "2027-12-31")).await;
            assert_eq!(res.status(), 422, "nominal {nominal}");
            let html = res.text().await.unwrap();
            assert!(html.contains(says), "nominal {nominal}: {says}");
            assert!(html.contains(&format!("value=\"{nominal}\"")), "what was typed stays");
        }
        let res = post(period_form("7000", "2026-12-01", "2027-11-30")).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("Год периода"), "2027 starting in 2026");
        let mut overlapping = period_form("7000", "2027-01-01", "2027-12-31");
        overlapping[0] = ("year", "2026");
        overlapping[1] = ("starts_on", "01.12.2026");
        overlapping[2] = ("ends_on", "30.11.2027");
        let res = post(overlapping).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("пересекаются с периодом 2026 года"));

        let res = post(period_form("7000", "2027-01-01", "2027-12-31")).await;
        assert_eq!(res.status(), 303);
        let at = location(&res).to_string();
        assert!(at.starts_with("/moc/periods/") && at.ends_with("?created=1"), "{at}");
        let (_, html) = page(&t, &c, &at).await;
        assert!(html.contains("Период установлен"));
        assert!(html.contains("7–13 лет: 7\u{a0}000,00\u{a0}₽ (с ОВЗ 9\u{a0}000,00\u{a0}₽)"), "the nominals");
        assert!(html.contains("8\u{a0}000,50\u{a0}₽"));
        assert!(html.contains("Установлен период") && html.contains("Беляева"), "history with its author");
        assert!(html.contains("Сохранить номиналы"), "not started: nominals may change");

        // A quota below what is given is explained; on the running period nominals are fixed.
        let (_, home) = page(&t, &c, "/moc").await;
        let running = home
            .split("href=\"/moc/periods/")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .find(|id| !at.contains(id))
            .unwrap()
            .to_string();
        let (_, html) = page(&t, &c, &format!("/moc/periods/{running}")).await;
        assert!(html.contains("номиналы не меняются") && !html.contains("Сохранить номиналы"));
        family_with_certificate(&t.app, "period.family").await;
        let res = t
            .post_form(&c, &format!("/moc/periods/{running}"), &format!("/moc/periods/{running}/quota"), &[("quota", "0")])
            .await;
        let (_, html) = page(&t, &c, location(&res)).await;
        assert!(html.contains("выданное не отнимается"), "a quota below what is given");
        assert!(html.contains("Изменено число сертификатов с номиналом"), "in the history");

        let (status, _) = page(&t, &signed_in(&t, "rmc").await, "/moc/periods").await;
        assert_eq!(status, 403, "periods are the municipality's");
    }

    async fn an_english_page_refuses_a_period_in_english(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        let c = signed_in(&t, "moc.tver").await;
        c.get(t.at("/language?set=en&back=/moc/periods")).send().await.unwrap();
        // The use case words its refusals in Russian; the English page says them in English.
        let mut overlapping = period_form("7000", "2027-01-01", "2027-12-31");
        overlapping[0] = ("year", "2026");
        overlapping[1] = ("starts_on", "01.12.2026");
        overlapping[2] = ("ends_on", "30.11.2027");
        let res = t.post_form(&c, "/moc/periods", "/moc/periods", &overlapping).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("The dates overlap the 2026 period"), "{html}");
        assert!(!html.contains("пересекаются"), "no Russian refusal");
        // Another role is refused in English too.
        let rmc = signed_in(&t, "rmc").await;
        rmc.get(t.at("/language?set=en&back=/")).send().await.unwrap();
        let (status, html) = page(&t, &rmc, "/moc/periods").await;
        assert_eq!(status, 403);
        assert!(html.contains("Periods are set by each municipality"), "{html}");
    }

    async fn the_operator_records_a_childs_disability_on_the_certificate_page(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        let (_, child) = family_with_certificate(&t.app, "ovz.family").await;
        let number = dopcert_app::certificate::of_child(&t.app, &child).await.unwrap().unwrap().number.to_string();
        let c = signed_in(&t, "moc.tver").await;
        let path = format!("/certificates/{number}");
        let (_, html) = page(&t, &c, &path).await;
        assert!(html.contains("Ребёнок с ОВЗ"));
        let action = format!("{path}/disability");
        let res = t.post_form(&c, &path, &action, &[("disability", "yes"), ("basis", " ")]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("Укажите основание"));
        let res = t.post_form(&c, &path, &action, &[("disability", "yes"), ("basis", "ПМПК № 7 от 01.09.2026")]).await;
        assert_eq!(res.status(), 303);
        let (_, html) = page(&t, &c, location(&res)).await;
        assert!(html.contains("Сведения об ОВЗ сохранены") && html.contains("ПМПК № 7 от 01.09.2026"));
        // The family sees no form and no basis.
        let (_, html) = page(&t, &signed_in(&t, "ovz.family").await, &path).await;
        assert!(!html.contains("ПМПК") && !html.contains("Ребёнок с ОВЗ"));
    }

    async fn an_english_page_names_a_nominals_age_group_in_english(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        let c = signed_in(&t, "moc.tver").await;
        c.get(t.at("/language?set=en&back=/moc/periods")).send().await.unwrap();
        // The domain names the age group by its numbers; the page words it in its language.
        for (nominal, says) in [
            ("0", "The nominal for children aged 7–13 years must be from "),
            ("10000", "The nominal for children with disabilities (aged 7–13 years) cannot be lower than the usual one"),
        ] {
            let res = t.post_form(&c, "/moc/periods", "/moc/periods", &period_form(nominal, "2027-01-01", "2027-12-31")).await;
            assert_eq!(res.status(), 422, "nominal {nominal}");
            let html = res.text().await.unwrap();
            assert!(html.contains(says), "nominal {nominal}: {html}");
            assert!(!html.contains("Номинал для"), "no Russian refusal");
        }
    }
}
