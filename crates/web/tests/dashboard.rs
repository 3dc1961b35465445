//! The dashboard over HTTP (issue 7), on both databases: the page draws every chart as an SVG
//! with its title and description, followed by its table, with no script and no inline style;
//! each table downloads as XLSX with the same figures; the municipal operator gets their
//! municipality, the regional centre and auditors the region with a line per municipality;
//! families are refused.

use dopcert_app::{demo, enrollment, Clock};
use dopcert_testkit::programs::{actor, certify_some, family_with_certificate, group};
use dopcert_testkit::{both_databases, location, TestApp};

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn signed_in(t: &TestApp, login: &str) -> reqwest::Client {
    let c = t.client();
    assert_eq!(t.login(&c, login, demo::DEMO_PASSWORD).await.status(), 303, "{login} logs in");
    c
}

/// The rows of the first sheet of an XLSX file.
fn sheet_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

async fn xlsx(t: &TestApp, c: &reqwest::Client, path: &str) -> Vec<Vec<String>> {
    let res = c.get(t.at(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    assert_eq!(
        res.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "{path}"
    );
    sheet_rows(&res.bytes().await.unwrap())
}

const CHARTS: [&str; 6] = ["coverage", "money", "directions", "organizations", "seats", "waitlists"];

both_databases! {
    async fn the_dashboard_draws_its_charts_with_their_tables_and_exports(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        certify_some(&t.app, 40).await;
        let g = group(&t.app, 5, "1500").await;
        let (parent, child) = family_with_certificate(&t.app, "dash.family").await;
        let a = enrollment::apply(&t.app, &parent, &child, &g, true).await.unwrap();
        let provider = actor(&t.app, "dtdm").await;
        enrollment::decide(&t.app, &provider, &a.application_id, true, "").await.unwrap();

        let operator = signed_in(&t, "moc.tver").await;
        let home = operator.get(t.at("/moc")).send().await.unwrap().text().await.unwrap();
        assert!(home.contains("href=\"/moc/dashboard\""), "linked from the back office's page");
        let res = operator.get(t.at("/moc/dashboard")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
        assert!(csp.contains("default-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
        let html = res.text().await.unwrap();
        assert!(html.contains("Панель: город Тверь"));
        assert_eq!(html.matches("<svg").count(), 6, "six charts for a municipality");
        assert_eq!(html.matches("role=\"img\"").count(), 6);
        assert_eq!(html.matches("<desc id=").count(), 6, "each chart described");
        assert_eq!(html.matches("<table class=\"figures\"").count(), 6, "each chart with its table");
        assert!(html.contains("<title>"), "bars say their figures");
        assert!(!html.contains("<script") && !html.contains(" style="), "nothing the CSP would refuse");
        assert!(!html.contains("По муниципалитетам"), "no breakdown for a municipality");
        // Each chart comes before its own table.
        for slug in CHARTS {
            let section = html.split(&format!("<section id=\"{slug}\"")).nth(1).unwrap();
            let section = section.split("</section>").next().unwrap();
            let (svg, table) = (section.find("<svg").unwrap(), section.find("<table").unwrap());
            assert!(svg < table, "{slug}: the chart, then its table");
            assert!(section.contains(&format!("href=\"/moc/dashboard/{slug}.xlsx\"")), "{slug}: its export");
        }
        assert!(html.contains("Судомоделирование") || html.contains("ДТДМ"), "the enrollment is counted");

        let coverage = xlsx(&t, &operator, "/moc/dashboard/coverage.xlsx").await;
        assert_eq!(coverage[0][0], "Месяц");
        assert_eq!(coverage.len(), 13, "a header and twelve months");
        assert_eq!(coverage[12][0], "Ноябрь 2026");
        let money = xlsx(&t, &operator, "/moc/dashboard/money.xlsx").await;
        assert_eq!(money.len(), 14, "twelve months and the total");
        assert_eq!(money[12][2].parse::<f64>().unwrap(), 1500.0, "November: 1 500 ₽ held for December");
        assert_eq!(money[13][0], "Итого за 12 месяцев");
        let directions = xlsx(&t, &operator, "/moc/dashboard/directions.xlsx").await;
        let technical = directions.iter().find(|r| r[0] == "Техническая").unwrap();
        assert_eq!(technical[1], "1");
        let organizations = xlsx(&t, &operator, "/moc/dashboard/organizations.xlsx").await;
        assert_eq!(organizations.len(), 2, "{organizations:?}");
        assert!(organizations[1][0].contains("ДТДМ"));
        let seats = xlsx(&t, &operator, "/moc/dashboard/seats.xlsx").await;
        let technical = seats.iter().find(|r| r[0] == "Техническая").unwrap();
        let number = |s: &str| s.parse::<i64>().unwrap();
        assert!(number(&technical[2]) >= 5 && number(&technical[3]) >= 1, "{technical:?}");
        let total = seats.last().unwrap();
        assert_eq!(total[0], "Всего");
        assert_eq!(number(&total[2]), seats[1..seats.len() - 1].iter().map(|r| number(&r[2])).sum::<i64>());
        let waitlists = xlsx(&t, &operator, "/moc/dashboard/waitlists.xlsx").await;
        assert_eq!(waitlists.len(), 1, "nobody waits: the header only");
        let res = operator.get(t.at("/moc/dashboard/municipalities.xlsx")).send().await.unwrap();
        assert_eq!(res.status(), 404, "the breakdown is the region's");
        let res = operator.get(t.at("/moc/dashboard/nothing.xlsx")).send().await.unwrap();
        assert_eq!(res.status(), 404);

        for login in ["rmc", "kontrol"] {
            let c = signed_in(&t, login).await;
            let html = c.get(t.at("/moc/dashboard")).send().await.unwrap().text().await.unwrap();
            assert!(html.contains("Панель: Тверская область"), "{login}");
            assert_eq!(html.matches("<svg").count(), 7, "{login}: and the municipalities");
            assert!(html.contains("По муниципалитетам"));
            let lines = xlsx(&t, &c, "/moc/dashboard/municipalities.xlsx").await;
            assert_eq!(lines.len(), 1 + 42 + 1, "{login}: a line per municipality and the region's");
            assert_eq!(lines[43][0], "Весь регион");
            let organizations = xlsx(&t, &c, "/moc/dashboard/organizations.xlsx").await;
            assert_eq!(organizations[0][2], "Муниципалитет", "{login}: the region names the municipality");
        }

        let family = signed_in(&t, "dash.family").await;
        for path in ["/moc/dashboard", "/moc/dashboard/coverage.xlsx"] {
            let res = family.get(t.at(path)).send().await.unwrap();
            assert_eq!(res.status(), 403, "{path}");
        }
        let res = t.client().get(t.at("/moc/dashboard")).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert!(location(&res).starts_with("/login?next="), "anonymous: log in first");
    }
}
