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
        assert!(html.contains("дольше 3 дн.: 0"), "not stuck on its first day");

        t.app.clock.set("2026-11-24T10:00:00Z".parse().unwrap());
        // Four days later the session has expired: the operator signs in again.
        let operator = signed_in(&t, "moc.tver").await;
        let (_, html) = page(&t, &operator, "/moc/queues").await;
        assert!(html.contains("дольше 3 дн.: 1"), "stuck after four days");
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
        let action = home.split("action=\"/moc/periods/").nth(1).unwrap().split('"').next().unwrap();
        let action = format!("/moc/periods/{action}");
        let res = t.post_form(&operator, "/moc", &action, &[("quota", "150000")]).await;
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
