//! Issue 9 («Words»), on both databases: the help pages answer signed out, each with its
//! headings and a table of contents that leads somewhere; the parents' page gives the notice's
//! four ways; and money, instants and counts on real pages (the certificate page, its PDF
//! statement, the help's contacts) are written as `dopcert_domain::format` writes them.

use dopcert_domain::format;
use dopcert_domain::money::Kopecks;
use dopcert_testkit::{both_databases, location, pdf, TestApp};
use serde_json::{json, Value};

const PASSWORD: &str = "demo-tver-2026";

/// Each page, its title and the questions it must answer (each a heading).
const PAGES: &[(&str, &[&str])] = &[
    (
        "/help/parents",
        &[
            "Помощь родителям",
            "Что такое сертификат?",
            "Кто может получить сертификат?",
            "Как получить сертификат?",
            "Что такое номинал и сколько денег даёт сертификат?",
            "Как найти кружок или секцию?",
            "Как записать ребёнка на программу?",
            "Что будет, если в группе нет мест?",
            "Как узнать, сколько денег осталось?",
            "Что и когда оплачивается?",
            "Как отозвать заявку или закончить занятия?",
            "Что будет, когда ребёнку исполнится 18 лет?",
            "Что делать, если мы переезжаем?",
            "Куда обратиться с вопросом?",
        ],
    ),
    (
        "/help/pupils",
        &[
            "Помощь обучающимся 14–17 лет",
            "Можно ли получить сертификат самому?",
            "Как получить сертификат?",
            "Как записаться на программу?",
            "Куда обратиться с вопросом?",
        ],
    ),
    (
        "/help/organizations",
        &[
            "Помощь организациям",
            "Как выдать логины родителям и ученикам?",
            "Как оформить сертификат ребёнку, у семьи которого нет личного кабинета?",
            "Как сертифицировать программу?",
            "Как организация получает оплату?",
            "Куда обратиться с вопросом?",
        ],
    ),
    (
        "/help/moc",
        &[
            "Помощь муниципальному опорному центру (МОЦ)",
            "Как установить номинал и число сертификатов с номиналом?",
            "Как провести начисление и оплатить счета?",
        ],
    ),
    (
        "/help/rmc",
        &[
            "Помощь региональному модельному центру (РМЦ)",
            "Как добавить муниципалитет и его опорный центр?",
            "Какие правила устанавливает регион?",
        ],
    ),
];

/// The anchors a page's links point to (`href="#…"`) that no element of the page carries.
fn dangling_anchors(html: &str) -> Vec<String> {
    html.split("href=\"#")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|id| !html.contains(&format!("id=\"{id}\"")))
        .map(str::to_string)
        .collect()
}

/// The questions (`<h2 id="…">`, the contents' own heading aside) that the contents do not list.
fn unlisted_questions(html: &str) -> Vec<String> {
    html.split("<h2 id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|id| *id != "toc" && !html.contains(&format!("href=\"#{id}\"")))
        .map(str::to_string)
        .collect()
}

/// pdftotext writes a no-break space as a plain one.
fn plain(s: &str) -> String {
    s.replace('\u{a0}', " ")
}

both_databases! {
    async fn every_help_page_answers_signed_out_with_its_questions_and_a_working_table_of_contents(db) {
        let app = TestApp::with_demo(db).await;
        let c = app.client();
        let home = c.get(app.at("/")).send().await.unwrap().text().await.unwrap();
        assert!(home.contains("<a href=\"/help\">Помощь</a>"), "every page's footer links the help");

        let res = c.get(app.at("/help")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let index = res.text().await.unwrap();
        for (path, headings) in PAGES {
            assert!(index.contains(&format!("href=\"{path}\"")), "the index links {path}");
            let res = c.get(app.at(path)).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path} signed out");
            let html = res.text().await.unwrap();
            for h in *headings {
                assert!(html.contains(&format!(">{h}</h")), "{path}: the heading «{h}»");
            }
            assert_eq!(dangling_anchors(&html), Vec::<String>::new(), "{path}: every entry of the contents leads to its answer");
            assert_eq!(unlisted_questions(&html), Vec::<String>::new(), "{path}: every question is in the contents");
            assert!(html.contains("href=\"/help\""), "{path}: back to the index");
        }
        let res = c.get(app.at("/help/no-such-page")).send().await.unwrap();
        assert_eq!(res.status(), 404);
    }

    async fn the_parents_page_gives_the_four_ways_the_rules_and_the_support_centres(db) {
        let app = TestApp::with_demo(db).await;
        let html = app.client().get(app.at("/help/parents")).send().await.unwrap().text().await.unwrap();
        for way in ["Способ 1. Через личный кабинет родителя", "Способ 2.", "Способ 3. Ребёнок от 14 лет", "Способ 4."] {
            assert!(html.contains(way), "the way «{way}»");
        }
        for step in [
            "«Персональные настройки»",
            "В разделе «Сертификат дополнительного образования» нажмите «Получить сертификат»",
            "«Войти через Госуслуги»",
            "при записи ребёнка на программу",
        ] {
            assert!(html.contains(step), "the step «{step}»");
        }
        // The notice's rules, as the system applies them (R01, R03, R04, R07, R10).
        for rule in [
            "от 5 до 17 лет включительно",
            "второго сертификата не появится",
            "может получить сертификат и сам",
            "нельзя обналичить",
            "не переносится",
        ] {
            assert!(html.contains(rule), "the rule «{rule}»");
        }
        // Where to ask: every municipality's support centre the system knows, with a plural
        // caption («42 муниципалитета»).
        let centres = dopcert_app::region::support_centres(&app.app).await.unwrap();
        assert!(!centres.is_empty(), "the demo region has support centres");
        let caption = format::count(centres.len(), "муниципалитет", "муниципалитета", "муниципалитетов");
        assert!(html.contains(&format!("Муниципальные опорные центры (МОЦ): {caption}")), "{caption}");
        let capital = &centres[0];
        assert!(html.contains(&capital.name) && html.contains(&capital.phone), "the capital's centre and phone");
        // The waitlist's window is the one the system applies (48 hours unless the region set another).
        assert!(html.contains("(сейчас — 48 часов)"), "the offer's window");
    }

    async fn money_and_instants_on_the_certificate_page_and_its_statement_use_the_formats(db) {
        let app = TestApp::with_demo(db).await;
        let c = app.client();
        assert_eq!(app.login(&c, "ivanova", PASSWORD).await.status(), 303);
        let settings = c.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        let link = settings.split("href=\"/settings/certificate/").nth(1).unwrap().split('"').next().unwrap().to_string();
        let path = format!("/settings/certificate/{link}");
        let claim = c.get(app.at(&path)).send().await.unwrap().text().await.unwrap();
        assert!(claim.contains("href=\"/help/parents\""), "the claim page links the parents' help");
        let res = app.post_form(&c, &path, &path, &[("consent", "yes")]).await;
        assert_eq!(res.status(), 303);
        let number = location(&res).trim_start_matches("/certificates/").trim_end_matches("?issued=1").to_string();

        // The API's machine values: UTC instant, kopecks.
        let body = json!({"login": "ivanova", "password": PASSWORD});
        let res = app.client().post(app.at("/api/v1/auth/token")).json(&body).send().await.unwrap();
        let token = res.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string();
        let cert: Value = app
            .client()
            .get(app.at(&format!("/api/v1/certificates/{number}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let issued: jiff::Timestamp = cert["issued_at"].as_str().unwrap().parse().unwrap();
        let available = Kopecks::new(cert["balance"]["available"].as_i64().unwrap());
        assert!(available > Kopecks::ZERO, "a funded certificate");
        let money = format::money(available);
        let at = format::instant(issued);
        assert!(money.contains('\u{a0}') && money.ends_with("\u{a0}₽"), "{money}");

        let page = c.get(app.at(&format!("/certificates/{number}"))).send().await.unwrap().text().await.unwrap();
        assert!(page.contains(&money), "available, as «7 000,00 ₽»: {money}");
        assert!(page.contains(&at), "issued at, in Moscow time: «{at}»");
        assert!(page.contains("сертификат финансирования (с номиналом)"), "the glossary's name of its kind");

        let res = c.get(app.at(&format!("/certificates/{number}/statement.pdf"))).send().await.unwrap();
        assert_eq!(res.status(), 200);
        if let Some(text) = pdf::text(&res.bytes().await.unwrap()) {
            let text = plain(&text);
            assert!(text.contains(&format!("Доступно: {}", plain(&money))), "{text}");
            assert!(text.contains(&format!("Выдан: {}", plain(&at))), "{text}");
            assert!(text.contains("сертификат финансирования (с номиналом)"), "{text}");
        }
    }
}
