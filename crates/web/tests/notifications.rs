//! Notifications over HTTP, on both databases: the settings form in «Персональные настройки»
//! (a good address saved, a bad one refused beside its field), the header's count of unread
//! notifications, the page that lists them (and marks them read), and the same in the API.

use dopcert_app::{demo, Clock};
use dopcert_testkit::programs::{actor, family_with_certificate};
use dopcert_testkit::{both_databases, TestApp};
use serde_json::{json, Value};

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn signed_in(t: &TestApp, login: &str) -> reqwest::Client {
    let c = t.client();
    assert_eq!(t.login(&c, login, demo::DEMO_PASSWORD).await.status(), 303, "{login} logs in");
    c
}

async fn page(c: &reqwest::Client, t: &TestApp, path: &str) -> String {
    let res = c.get(t.at(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap()
}

/// The header's link, with its count when there are unread notifications.
fn header_count(html: &str) -> Option<String> {
    let link = html.split("class=\"notifications-link\"").nth(1)?.split("</a>").next()?;
    let count = link.split("class=\"unread-count\">").nth(1)?;
    Some(count.split('<').next()?.to_string())
}

async fn token(t: &TestApp, login: &str) -> String {
    let body = json!({"login": login, "password": demo::DEMO_PASSWORD});
    let res = t.client().post(t.at("/api/v1/auth/token")).json(&body).send().await.unwrap();
    res.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string()
}

both_databases! {
    async fn the_settings_form_saves_a_good_address_and_refuses_a_bad_one_beside_its_field(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        family_with_certificate(&t.app, "semenova").await;
        let c = signed_in(&t, "semenova").await;
        let settings = page(&c, &t, "/settings").await;
        assert!(settings.contains("<h2 id=\"notifications\">Уведомления</h2>"));
        assert!(settings.contains("<label for=\"notify-email\">Электронная почта</label>"));
        assert_eq!(settings.matches("name=\"email_kind\"").count(), 6, "a box per kind");
        assert_eq!(settings.matches("name=\"email_kind\" value=\"").count(), settings.matches(" checked>").count(),
            "every kind ticked by default");

        let bad = t.post_form(&c, "/settings", "/settings/notifications",
            &[("email", "мама собака mail.ru"), ("email_kind", "certificate_issued")]).await;
        assert_eq!(bad.status(), 422);
        let html = bad.text().await.unwrap();
        assert!(html.contains("aria-invalid=\"true\""), "the field is marked");
        assert!(html.contains("id=\"notify-email-error\">Адрес электронной почты записывается как name@example.ru"), "{html}");
        assert!(html.contains("aria-describedby=\"notify-email-hint notify-email-error\""));
        assert!(html.contains("value=\"мама собака mail.ru\""), "what was typed stays");
        let none = settings::saved_email(&t, "semenova").await;
        assert_eq!(none, None, "nothing saved");

        let good = t.post_form(&c, "/settings", "/settings/notifications",
            &[("email", "Semenova@Example.ru"), ("email_kind", "application_rejected"), ("email_kind", "waitlist_offer")]).await;
        assert_eq!(good.status(), 303);
        assert_eq!(dopcert_testkit::location(&good), "/settings?saved=notifications#notifications");
        let settings = page(&c, &t, "/settings?saved=notifications").await;
        assert!(settings.contains("Настройки уведомлений сохранены."));
        assert!(settings.contains("value=\"semenova@example.ru\""));
        assert!(settings.contains("value=\"application_rejected\" checked>"));
        assert!(settings.contains("value=\"waitlist_offer\" checked>"));
        assert!(settings.contains("value=\"certificate_issued\">"), "unticked stays unticked");
        assert_eq!(settings::saved_email(&t, "semenova").await.as_deref(), Some("semenova@example.ru"));
    }

    async fn the_header_counts_unread_notifications_and_the_page_lists_them_newest_first(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        family_with_certificate(&t.app, "semenova").await;
        let c = signed_in(&t, "semenova").await;
        // The certificate issued, then a new one-time password a minute later.
        let parent = actor(&t.app, "semenova").await;
        t.app.clock.set("2026-11-25T09:01:00Z".parse().unwrap());
        dopcert_app::auth::issue_one_time_password(&t.app, &parent.account_id, None).await.unwrap();

        let settings = page(&c, &t, "/settings").await;
        assert_eq!(header_count(&settings).as_deref(), Some("2"), "two unread");
        assert!(settings.contains("<span class=\"visually-hidden\"> непрочитанных</span>"));

        let list = page(&c, &t, "/notifications").await;
        assert!(list.contains("<h1>Уведомления</h1>"));
        let password = list.find("Выдан новый одноразовый пароль").expect("the password's notice");
        let certificate = list.find("Выдан сертификат дополнительного образования №").expect("the certificate's");
        assert!(password < certificate, "newest first");
        assert_eq!(list.matches("<span class=\"badge\">новое</span>").count(), 2, "both were new");
        assert!(list.contains("<a href=\"/certificates/69-"), "each with its link");
        assert!(list.contains("<a href=\"/login\">"));
        assert_eq!(header_count(&list), None, "opening the page marked them read");

        let again = page(&c, &t, "/notifications").await;
        assert_eq!(again.matches("<span class=\"badge\">новое</span>").count(), 0);
        assert_eq!(header_count(&page(&c, &t, "/settings").await), None);
    }

    async fn the_api_reads_and_replaces_the_settings_and_lists_the_inbox(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        family_with_certificate(&t.app, "semenova").await;
        let tok = token(&t, "semenova").await;
        let c = t.client();
        let url = t.at("/api/v1/me/notifications");
        let got: Value = c.get(&url).bearer_auth(&tok).send().await.unwrap().json().await.unwrap();
        assert_eq!(got["email"], Value::Null);
        assert_eq!(got["email_kinds"]["certificate_issued"], true, "all on by default");

        let kinds = json!({"certificate_issued": false, "application_accepted": true, "application_rejected": true,
            "waitlist_offer": true, "contract_ending": false, "password_reissued": true});
        let bad = c.put(&url).bearer_auth(&tok).json(&json!({"email": "not an address", "email_kinds": kinds})).send().await.unwrap();
        assert_eq!(bad.status(), 422);
        assert_eq!(bad.json::<Value>().await.unwrap()["error"]["code"], "invalid_email");
        let unknown = c.put(&url).bearer_auth(&tok)
            .json(&json!({"email": "a@example.ru", "email_kinds": kinds, "account_id": "x"})).send().await.unwrap();
        assert_eq!(unknown.status(), 422);
        assert_eq!(unknown.json::<Value>().await.unwrap()["error"]["code"], "invalid_request");

        let res = c.put(&url).bearer_auth(&tok).json(&json!({"email": "A@Example.ru", "email_kinds": kinds})).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let saved: Value = res.json().await.unwrap();
        assert_eq!(saved["email"], "a@example.ru");
        assert_eq!(saved["email_kinds"], kinds);
        let got: Value = c.get(&url).bearer_auth(&tok).send().await.unwrap().json().await.unwrap();
        assert_eq!(got, saved);

        let inbox: Value = c.get(t.at("/api/v1/me/notifications/inbox")).bearer_auth(&tok).send().await.unwrap().json().await.unwrap();
        assert_eq!(inbox["unread"], 1);
        let item = &inbox["items"][0];
        assert_eq!(item["kind"], "certificate_issued");
        assert_eq!(item["read"], false);
        assert!(item["link"].as_str().unwrap().starts_with("/certificates/69-"));
        assert!(item["created_at"].as_str().unwrap().starts_with("2026-11-25T09:00:00"));
        assert_eq!(c.get(t.at("/api/v1/me/notifications/inbox")).send().await.unwrap().status(), 401);
    }
}

both_databases! {
    async fn the_regional_centre_sees_failed_e_mails_masked_and_sends_one_again(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        family_with_certificate(&t.app, "semenova").await;
        let c = signed_in(&t, "semenova").await;
        let saved = t.post_form(&c, "/settings", "/settings/notifications",
            &[("email", "semenova@example.ru"), ("email_kind", "password_reissued")]).await;
        assert_eq!(saved.status(), 303);
        let parent = actor(&t.app, "semenova").await;
        dopcert_app::auth::issue_one_time_password(&t.app, &parent.account_id, None).await.unwrap();
        // The mail server refused it every time (as `app::mail` leaves a message it gave up on).
        let mut conn = t.app.store.begin().await.unwrap();
        let failed = sqlx::query("UPDATE mail_outbox SET status = 'failed', attempts = 8, last_error = '550 5.1.1 mailbox unavailable'")
            .execute(&mut *conn).await.unwrap();
        assert_eq!(failed.rows_affected(), 1, "one e-mail was queued");
        conn.commit().await.unwrap();

        let operator = signed_in(&t, "moc.tver").await;
        assert_eq!(operator.get(t.at("/region/mail")).send().await.unwrap().status(), 403, "the region's page");
        let rmc = signed_in(&t, "rmc").await;
        let home = page(&rmc, &t, "/moc").await;
        assert!(home.contains("href=\"/region/mail\">Неотправленные письма</a>"));
        let html = page(&rmc, &t, "/region/mail").await;
        assert!(html.contains("не отправлено: 1"), "{html}");
        assert!(html.contains("<td>s***a@example.ru</td>") && !html.contains("semenova@"), "masked");
        assert!(html.contains("<td>Выдан новый одноразовый пароль</td>") && html.contains("550 5.1.1 mailbox unavailable"));

        let action = html.split("action=\"").find(|a| a.starts_with("/region/mail/")).unwrap().split('"').next().unwrap();
        let res = t.post_form(&rmc, "/region/mail", action, &[]).await;
        assert_eq!(dopcert_testkit::location(&res), "/region/mail?done=retried");
        let html = page(&rmc, &t, "/region/mail?done=retried").await;
        assert!(html.contains("Письмо снова в очереди") && html.contains("Неотправленных писем нет."));
        let mut conn = t.app.store.reader().await.unwrap();
        let (status, attempts): (String, i64) = sqlx::query_as("SELECT status, attempts FROM mail_outbox")
            .fetch_one(&mut *conn).await.unwrap();
        assert_eq!((status.as_str(), attempts), ("queued", 0), "sent again with its attempts afresh");
        let retried: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_record WHERE action = 'mail.retry'")
            .fetch_one(&mut *conn).await.unwrap();
        assert_eq!(retried, 1, "recorded");
        drop(conn);

        // Twice: the second operator's press finds it gone.
        let res = t.post_form(&rmc, "/region/mail", action, &[]).await;
        assert_eq!(res.status(), 409);
        assert!(res.text().await.unwrap().contains("уже нет среди неотправленных"));
    }
}

both_databases! {
    async fn an_english_page_writes_the_notifications_in_english_and_the_api_keeps_russian(db) {
        let t = TestApp::with_demo_and_clock(db, Clock::fixed(MORNING.parse().unwrap())).await;
        family_with_certificate(&t.app, "semenova").await;
        let parent = actor(&t.app, "semenova").await;
        t.app.clock.set("2026-11-25T09:01:00Z".parse().unwrap());
        dopcert_app::auth::issue_one_time_password(&t.app, &parent.account_id, None).await.unwrap();

        let c = signed_in(&t, "semenova").await;
        c.get(t.at("/language?set=en&back=/")).send().await.unwrap();
        let list = page(&c, &t, "/notifications").await;
        assert!(list.contains("New one-time password issued"), "{list}");
        assert!(list.contains("A new one-time password has been issued for signing in with the login semenova"));
        assert!(list.contains("Supplementary education certificate No. 69-"), "{list}");
        assert!(list.contains("Child: ") && list.contains("has been issued."), "{list}");
        assert!(!list.contains("Выдан") && !list.contains("Ребёнок"), "{list}");

        // A notification written before the values were kept shows its stored (Russian) text.
        let mut conn = t.app.store.begin().await.unwrap();
        sqlx::query("UPDATE notification SET text_values = NULL WHERE kind = 'password_reissued'")
            .execute(&mut *conn).await.unwrap();
        conn.commit().await.unwrap();
        let list = page(&c, &t, "/notifications").await;
        assert!(list.contains("Выдан новый одноразовый пароль"), "{list}");
        assert!(list.contains("Supplementary education certificate No. 69-"), "{list}");

        // The Russian page reads as the stored text; the API stays Russian.
        let ru = signed_in(&t, "semenova").await;
        let list = page(&ru, &t, "/notifications").await;
        assert!(list.contains("Выдан сертификат дополнительного образования №"), "{list}");
        assert!(list.contains("Ребёнок: "), "{list}");
        let tok = token(&t, "semenova").await;
        let inbox: Value = c.get(t.at("/api/v1/me/notifications/inbox")).bearer_auth(&tok).send().await.unwrap()
            .json().await.unwrap();
        let subjects: Vec<&str> = inbox["items"].as_array().unwrap().iter().map(|i| i["subject"].as_str().unwrap()).collect();
        assert_eq!(subjects.len(), 2);
        assert!(subjects.iter().all(|s| s.starts_with("Выдан ")), "{subjects:?}");
    }
}

mod settings {
    use dopcert_testkit::TestApp;

    /// The e-mail address saved for the login's person.
    pub async fn saved_email(t: &TestApp, login: &str) -> Option<String> {
        let mut conn = t.app.store.reader().await.unwrap();
        sqlx::query_scalar(
            "SELECT p.email FROM person p JOIN account a ON a.person_id = p.id WHERE a.login = $1",
        )
        .bind(login)
        .fetch_one(&mut *conn)
        .await
        .unwrap()
    }
}
