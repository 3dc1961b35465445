//! Personal data never goes to the logs (issue 8): every line the service logs at its most
//! talkative level (debug, every crate) during a run over HTTP — logins good and bad, a claim,
//! a registration with SNILS at a school, an application, the operator's certificate page,
//! audit search and the registry with SNILS — is scanned for every SNILS and birth date the
//! database holds, in each way they are written. On both databases.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use dopcert_app::registration::{self, RegistrationInput};
use dopcert_testkit::programs::{actor, family_with_certificate, group};
use dopcert_testkit::{both_databases, TestApp};
use serde_json::{json, Value};

/// Everything logged by this test process.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The process's log (one subscriber for the binary's tests, set by the first).
fn captured() -> Captured {
    static LOG: OnceLock<Captured> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = Captured::default();
        let writer = log.clone();
        tracing_subscriber::fmt()
            .with_env_filter("debug")
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .init();
        log
    })
    .clone()
}

async fn signed_in(t: &TestApp, login: &str) -> reqwest::Client {
    let c = t.client();
    assert_eq!(t.login(&c, login, dopcert_app::demo::DEMO_PASSWORD).await.status(), 303, "{login} logs in");
    c
}

/// Every way a SNILS or a birth date of the database may be written.
async fn personal_data(t: &TestApp) -> Vec<String> {
    let mut conn = t.app.store.reader().await.unwrap();
    let rows: Vec<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT snils, birth_date FROM person").fetch_all(&mut *conn).await.unwrap();
    let mut out = Vec::new();
    for (snils, birth) in rows {
        if let Some(s) = snils.filter(|s| s.len() == 11) {
            out.push(format!("{}-{}-{} {}", &s[..3], &s[3..6], &s[6..9], &s[9..]));
            out.push(s);
        }
        if let Some(b) = birth.filter(|b| b.len() == 10) {
            out.push(format!("{}.{}.{}", &b[8..10], &b[5..7], &b[..4]));
            out.push(b);
        }
    }
    out
}

both_databases! {
    async fn no_snils_or_birth_date_is_ever_logged(db) {
        let log = captured();
        let t = TestApp::with_demo(db).await;
        let g = group(&t.app, 2, "1500").await;
        let (_, child) = family_with_certificate(&t.app, "logs.family").await;

        // A school registers a child with SNILS (variant 4).
        let clerk = actor(&t.app, "school").await;
        let form = RegistrationInput {
            child_last: "Журавлёва".into(),
            child_first: "Дарья".into(),
            birth_date: "14.02.2015".into(),
            snils: "112-233-445 95".into(),
            parent_last: "Журавлёва".into(),
            parent_first: "Ирина".into(),
            parent_phone: "+7 912 345-67-89".into(),
            paper_consent: true,
            ..Default::default()
        };
        registration::register(&t.app, &clerk, &form, None).await.unwrap();

        // Logins, good and bad; an application over the API.
        let bad = t.client();
        t.login(&bad, "logs.family", "not-the-password").await;
        let body = json!({"login": "logs.family", "password": dopcert_app::demo::DEMO_PASSWORD});
        let token: Value = t.client().post(t.at("/api/v1/auth/token")).json(&body).send().await.unwrap().json().await.unwrap();
        let token = token["access_token"].as_str().unwrap().to_string();
        let apply = json!({"child_id": child.as_str(), "group_id": g.as_str(), "accept_contract": true});
        let res = t.client().post(t.at("/api/v1/applications")).bearer_auth(&token).json(&apply).send().await.unwrap();
        assert_eq!(res.status(), 201);
        let parent = signed_in(&t, "logs.family").await;
        assert_eq!(parent.get(t.at("/settings")).send().await.unwrap().status(), 200);

        // The operator: the certificate's page, the audit log, the registry with SNILS.
        let number = dopcert_app::certificate::of_child(&t.app, &child).await.unwrap().unwrap().number.to_string();
        let moc = signed_in(&t, "moc.tver").await;
        for path in [
            format!("/certificates/{number}"),
            format!("/audit?certificate={number}"),
            "/moc/reports/certificates.xlsx".to_string(),
            "/moc/duplicates".to_string(),
        ] {
            let res = moc.get(t.at(&path)).send().await.unwrap();
            assert!(res.status().is_success(), "{path}: {}", res.status());
            res.bytes().await.unwrap();
        }

        let text = String::from_utf8_lossy(&log.0.lock().unwrap()).to_string();
        assert!(text.contains("request") && text.len() > 10_000, "the run was logged at debug level");
        let found: Vec<String> = personal_data(&t).await.into_iter().filter(|p| text.contains(p.as_str())).collect();
        assert!(found.is_empty(), "personal data in the logs: {found:?}");
        assert!(!text.contains("11223344595") && !text.contains("112-233-445 95"), "the registered SNILS");
        assert!(!text.contains("14.02.2015") && !text.contains("2015-02-14"), "the registered birth date");
    }
}
