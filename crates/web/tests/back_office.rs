//! The back office's queues and the audit log over HTTP, on both databases: an application the
//! provider has not decided for days is in the operator's queue; an operator's change is in the
//! log with their name and address, found by login and date; bad searches get a Russian message;
//! families may see neither page.

use dopcert_app::{demo, enrollment, Clock};
use dopcert_testkit::programs::{actor, family_with_certificate, group};
use dopcert_testkit::{both_databases, TestApp};

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

both_databases! {
    async fn an_undecided_application_waits_in_the_operators_queue(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        let g = group(&t.app, 5, "1500").await;
        let (parent, child) = family_with_certificate(&t.app, "queue.family").await;
        enrollment::apply(&t.app, &parent, &child, &g, true).await.unwrap();
        let operator = signed_in(&t, "moc.tver").await;
        let (status, html) = page(&t, &operator, "/moc/queues").await;
        assert_eq!(status, 200);
        assert!(html.contains("дольше 3 дней: 0"), "not stuck on its first day");

        t.app.clock.set("2026-11-24T10:00:00Z".parse().unwrap());
        // Four days later the session has expired: the operator signs in again.
        let operator = signed_in(&t, "moc.tver").await;
        let (_, html) = page(&t, &operator, "/moc/queues").await;
        assert!(html.contains("дольше 3 дней: 1"), "stuck after four days");
        assert!(html.contains("Семёнов"), "the child is named");
        let (status, _) = page(&t, &signed_in(&t, "rmc").await, "/moc/queues").await;
        assert_eq!(status, 200, "the regional centre sees the region's queues");
        let (status, html) = page(&t, &signed_in(&t, "queue.family").await, "/moc/queues").await;
        assert_eq!(status, 403);
        assert!(html.contains("Нет доступа"));
    }

    async fn an_operators_change_is_in_the_log_with_name_and_address(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        let operator = signed_in(&t, "moc.tver").await;
        let (_, home) = page(&t, &operator, "/moc").await;
        let period = home.split("href=\"/moc/periods/").nth(1).unwrap().split('"').next().unwrap();
        let action = format!("/moc/periods/{period}/quota");
        let res = t.post_form(&operator, &format!("/moc/periods/{period}"), &action, &[("quota", "150000")]).await;
        assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());

        let name = actor(&t.app, "moc.tver").await.name.to_string();
        let (status, log) = page(&t, &operator, "/audit?login=moc.tver&from=2026-11-20&to=2026-11-20").await;
        assert_eq!(status, 200);
        assert!(log.contains("Изменено число сертификатов с номиналом"), "the change is found by login and date");
        assert!(log.contains(&name) && log.contains("127.0.0.1"), "who and from where");
        assert!(log.contains("150000"), "the new quota: {log}");
        let (_, other_day) = page(&t, &operator, "/audit?login=moc.tver&from=2026-11-21").await;
        assert!(!other_day.contains("Изменено число сертификатов"), "not on another day");

        let (status, _) = page(&t, &signed_in(&t, "kontrol").await, "/audit").await;
        assert_eq!(status, 200, "auditors read the log");
        let (status, html) = page(&t, &operator, "/audit?certificate=12").await;
        assert_eq!(status, 422);
        assert!(html.contains("class=\"error\""), "a Russian message about the number");
        let (status, html) = page(&t, &operator, "/audit?from=2026-11-25&to=2026-11-01").await;
        assert_eq!(status, 422);
        assert!(html.contains("«С» позже, чем «По»"));
        let (status, _) = page(&t, &signed_in(&t, "ivanova").await, "/audit").await;
        assert_eq!(status, 403);
    }
}
/// The rows of the first sheet of an XLSX file.
fn sheet_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

async fn count(t: &TestApp, sql: &str) -> usize {
    let mut conn = t.app.store.reader().await.unwrap();
    let n: i64 = sqlx::query_scalar(sql).fetch_one(&mut *conn).await.unwrap();
    n as usize
}

both_databases! {
    async fn a_registry_too_large_to_wait_for_is_prepared_and_downloaded_once_by_its_owner(db) {
        // No waiting at all: every registry is «too large» here.
        let config = dopcert_web::WebConfig { report_wait: Some(std::time::Duration::ZERO), ..Default::default() };
        let t = TestApp::with_demo_and_config(db, Clock::fixed(MORNING.parse().unwrap()), config).await;
        dopcert_testkit::programs::certify_some(&t.app, 20).await;
        let operator = signed_in(&t, "moc.tver").await;
        let (status, html) = page(&t, &operator, "/moc/reports/certificates.xlsx").await;
        assert_eq!(status, 202);
        assert!(html.contains("собирается") && html.contains("/moc/reports"), "where it will be");
        let mut link = None;
        for _ in 0..100 {
            let (_, html) = page(&t, &operator, "/moc/reports").await;
            if let Some(rest) = html.split("href=\"/moc/reports/files/").nth(1) {
                link = Some(format!("/moc/reports/files/{}", rest.split('"').next().unwrap()));
                break;
            }
            assert!(html.contains("Подготовленные отчёты") && html.contains("собирается"));
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let link = link.expect("ready within 5 s");
        // Someone else's link leads nowhere.
        let (status, _) = page(&t, &signed_in(&t, "rmc").await, &link).await;
        assert_eq!(status, 404);
        let res = operator.get(t.at(&link)).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let rows = sheet_rows(&res.bytes().await.unwrap());
        let in_tver = count(&t, "SELECT COUNT(*) FROM certificate c JOIN municipality m ON m.id = c.municipality_id
                                  WHERE m.code = 'tver'").await;
        assert_eq!(rows.len(), in_tver + 1, "the municipality's certificates and the header");
        let (status, html) = page(&t, &operator, &link).await;
        assert_eq!(status, 404, "downloaded once");
        assert!(html.contains("Запросите его снова"));
    }

    async fn the_registry_of_certificates_downloads_with_snils_only_for_the_municipality(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        dopcert_testkit::programs::certify_some(&t.app, 60).await;
        let in_tver = count(&t, "SELECT COUNT(*) FROM certificate c JOIN municipality m ON m.id = c.municipality_id
                                  WHERE m.code = 'tver'").await;
        let all = count(&t, "SELECT COUNT(*) FROM certificate").await;
        assert!(in_tver > 0 && all > in_tver, "the demo has certificates in Tver and elsewhere: {in_tver} of {all}");

        let operator = signed_in(&t, "moc.tver").await;
        let res = operator.get(t.at("/moc/reports/certificates.xlsx")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-disposition"].to_str().unwrap().contains("reestr-sertifikatov.xlsx"));
        let rows = sheet_rows(&res.bytes().await.unwrap());
        assert_eq!(rows[0][0], "Номер сертификата");
        assert_eq!(rows.len() - 1, in_tver, "every certificate of Tver, once");
        assert!(rows[1..].iter().all(|r| r[3] == rows[1][3]), "one municipality");
        assert!(rows[1..].iter().any(|r| r[2].len() == 14), "SNILS as 123-456-789 01 for the operator");
        let mut numbers: Vec<&String> = rows[1..].iter().map(|r| &r[0]).collect();
        let n = numbers.len();
        numbers.dedup();
        assert_eq!(numbers.len(), n, "in number order, none twice");

        for login in ["rmc", "kontrol"] {
            let c = signed_in(&t, login).await;
            let bytes = c.get(t.at("/moc/reports/certificates.xlsx")).send().await.unwrap().bytes().await.unwrap();
            let rows = sheet_rows(&bytes);
            assert_eq!(rows.len() - 1, all, "{login}: the whole region");
            assert!(rows[1..].iter().all(|r| r[2].is_empty()), "{login}: no SNILS");
        }
        let parent = signed_in(&t, "ivanova").await;
        assert_eq!(parent.get(t.at("/moc/reports/certificates.xlsx")).send().await.unwrap().status(), 403);
    }
}

both_databases! {
    async fn the_programs_enrollments_and_money_reports_match_the_registry(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        let g = group(&t.app, 5, "1500").await;
        let (parent, child) = family_with_certificate(&t.app, "report.family").await;
        let a = enrollment::apply(&t.app, &parent, &child, &g, true).await.unwrap();
        let provider = actor(&t.app, "dtdm").await;
        enrollment::decide(&t.app, &provider, &a.application_id, true, "").await.unwrap();
        t.app.clock.set("2026-12-28T09:00:00Z".parse().unwrap());
        let december = jiff::civil::date(2026, 12, 1);
        dopcert_app::billing::run(&t.app, None, december, Default::default()).await.unwrap();
        let operator = signed_in(&t, "moc.tver").await;
        let get = |path: &'static str| {
            let (c, url) = (operator.clone(), t.at(path));
            async move { sheet_rows(&c.get(url).send().await.unwrap().bytes().await.unwrap()) }
        };

        let programs = get("/moc/reports/programs.xlsx").await;
        let certified = count(&t, "SELECT COUNT(*) FROM program p JOIN municipality m ON m.id = p.municipality_id
                                     WHERE p.status = 'certified' AND m.code = 'tver'").await;
        assert_eq!((programs[0][0].as_str(), programs.len() - 1), ("Программа", certified));

        let enrollments = get("/moc/reports/enrollments.xlsx").await;
        let dtdm = enrollments.iter().find(|r| r[0].contains("ДТДМ")).expect("the provider's line");
        assert_eq!((dtdm[3].as_str(), dtdm[6].as_str()), ("0", "1"), "December was the contract's last month: {dtdm:?}");

        let money = get("/moc/reports/money.xlsx").await;
        let charged: i64 = {
            let mut conn = t.app.store.reader().await.unwrap();
            sqlx::query_scalar("SELECT CAST(SUM(amount) AS BIGINT) FROM billing_charge").fetch_one(&mut *conn).await.unwrap()
        };
        assert_eq!(money.len(), 2, "one provider, one month: {money:?}");
        assert_eq!((money[1][0].as_str(), money[1][4].as_str()), ("2026-12", "1"));
        assert_eq!(money[1][5].parse::<f64>().unwrap(), charged as f64 / 100.0);
    }
}
