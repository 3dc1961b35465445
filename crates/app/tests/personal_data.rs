//! 152-ФЗ access, on both databases: a parent's download holds them, their children and what
//! the system did with their data, and nothing of another family's or of any secret; the
//! download is in the audit log without the data; a grown-up child is theirs to ask for, and
//! a pupil under 14 finds their certificate with their parent.

use dopcert_app::auth::{self, LoginInput};
use dopcert_app::certificate::{self, ClaimInput};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::personal_data::{self, Format};
use dopcert_app::{enrollment, App, Clock};
use dopcert_domain::snils::Snils;
use dopcert_store::person;
use dopcert_testkit::programs::{actor, family_with_certificate, group};
use dopcert_testkit::{both_databases, family};
use jiff::civil::date;

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn demo_app(db: &dopcert_testkit::TestDb) -> App {
    let app = App::new(db.store.clone(), Clock::fixed(MORNING.parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 100, seed: 69, programs: 0 }).await.unwrap();
    app
}

both_databases! {
    async fn a_parent_downloads_their_family_and_nothing_of_another_familys_or_of_a_secret(db) {
        let app = demo_app(&db).await;
        let g = group(&app, 5, "1500").await;
        let (parent, child) = family_with_certificate(&app, "semenova").await;
        let snils = Snils::from_base(123_456_789);
        let mut tx = app.store.begin().await.unwrap();
        person::set_snils(&mut tx, &child, &snils).await.unwrap();
        tx.commit().await.unwrap();
        enrollment::apply(&app, &parent, &child, &g, true).await.unwrap();
        let login = LoginInput { login: "semenova", password: demo::DEMO_PASSWORD, address: "10.1.2.3", user_agent: "Phone" };
        auth::login(&app, &login).await.unwrap();

        let e = personal_data::export(&app, &parent, Format::Json).await.unwrap();
        assert_eq!(e.you.person.last_name, "Семёнова");
        assert_eq!(e.account.login, "semenova");
        assert!(e.account.password_set);
        assert_eq!(e.account.roles[0].role, "parent");
        assert_eq!(e.account.sessions.len(), 1, "the session, without its id");
        assert_eq!(e.account.sessions[0].device, "Phone");
        assert_eq!(e.children.len(), 1);
        let c = &e.children[0];
        assert_eq!((c.person.last_name.as_str(), c.person.first_name.as_str()), ("Семёнов", "Павел"));
        assert_eq!(c.person.birth_date, Some(date(2016, 3, 10)));
        assert_eq!(c.person.snils.as_deref(), Some(snils.to_string().as_str()));
        assert_eq!(c.person.municipality.as_deref(), Some("город Тверь"));
        assert!(c.withheld.is_none());
        assert_eq!(c.consents.len(), 1);
        assert_eq!(c.consents[0].given_by, "you");
        let cert = c.certificate.as_ref().expect("the child's certificate");
        assert!(cert.ledger.iter().any(|m| m.reason == "nominal"), "the nominal credited");
        assert!(cert.ledger.iter().any(|m| m.reason == "hold"), "the contract's hold");
        assert!(cert.held_kopecks.get() > 0);
        assert_eq!(c.applications.len(), 1);
        assert_eq!(c.applications[0].program, "Судомоделирование");
        let actions: Vec<&str> = e.audit.iter().map(|r| r.action.as_str()).collect();
        assert!(actions.contains(&"certificate.issue") && actions.contains(&"application.apply"), "{actions:?}");
        assert!(e.audit.iter().all(|r| r.by == "you" || r.by == "system" || r.by_role.is_some()));

        let text = serde_json::to_string(&e).unwrap();
        let mut conn = app.store.reader().await.unwrap();
        let (hash, other_cert): (String, String) = sqlx::query_as(
            "SELECT a.password_hash, c.number FROM account a
             JOIN guardianship g ON g.parent_id = a.person_id JOIN certificate c ON c.child_id = g.child_id
             WHERE a.login = 'kuznetsova'",
        )
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        let own_hash: String = sqlx::query_scalar("SELECT password_hash FROM account WHERE login = 'semenova'")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        let token_hash: String = sqlx::query_scalar("SELECT token_hash FROM session LIMIT 1")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        drop(conn);
        for absent in ["Кузнецов", other_cert.as_str(), hash.as_str(), own_hash.as_str(), token_hash.as_str(), "argon2"] {
            assert!(!text.contains(absent), "the download holds nothing of «{absent}»");
        }
        assert!(text.contains("Семёнов") && text.contains("\"readme\""));
    }

    async fn the_download_is_in_the_audit_log_without_the_data(db) {
        let app = demo_app(&db).await;
        let (parent, _) = family_with_certificate(&app, "semenova").await;
        personal_data::export(&app, &parent, Format::Page).await.unwrap();
        personal_data::export(&app, &parent, Format::Api).await.unwrap();
        let mut conn = app.store.reader().await.unwrap();
        let rows: Vec<(Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT account_id, person_id, after_json FROM audit_record WHERE action = 'personal_data.download'
             ORDER BY at, id",
        )
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        assert_eq!(rows.len(), 2, "each download once");
        for (account, person, after) in &rows {
            assert_eq!(account.as_deref(), Some(parent.account_id.as_str()));
            assert_eq!(person.as_deref(), Some(parent.person_id.as_str()));
            let after = after.as_deref().unwrap();
            assert!(!after.contains("Семёнов") && !after.contains("2016"), "no data in the record: {after}");
        }
        assert!(rows[0].2.as_deref().unwrap().contains("\"html\"") && rows[1].2.as_deref().unwrap().contains("\"api\""));
        drop(conn);
        let again = personal_data::export(&app, &parent, Format::Json).await.unwrap();
        assert!(again.audit.iter().any(|r| r.action == "personal_data.download" && r.by == "you"), "and in the next download");
    }

    async fn a_grown_up_child_is_theirs_to_ask_for_and_a_pupil_under_14_finds_the_certificate_with_the_parent(db) {
        let app = demo_app(&db).await;
        let f = family(
            &app.store,
            "two.generations",
            "Орлова Вера Ильинична",
            &[("Орлов Пётр Ильич", Some(date(2016, 1, 5))), ("Орлова Дарья Ильинична", Some(date(2007, 2, 1)))],
            true,
        )
        .await;
        let parent = actor(&app, "two.generations").await;
        let claim = ClaimInput { child_id: f.children[0].clone(), consent: true, municipality_id: None };
        certificate::claim(&app, &parent, &claim).await.unwrap();
        let e = personal_data::export(&app, &parent, Format::Json).await.unwrap();
        assert_eq!(e.children.len(), 2);
        let grown = e.children.iter().find(|c| c.person.first_name == "Дарья").unwrap();
        assert!(grown.withheld.is_some(), "19 years old: an adult");
        assert_eq!((grown.person.birth_date, grown.person.municipality.as_deref()), (None, None), "listed by name only");
        let young = e.children.iter().find(|c| c.person.first_name == "Пётр").unwrap();
        assert!(young.certificate.is_some() && young.withheld.is_none());

        // «sokolova.alisa», 12, downloads her own: her record, without what her parent decides.
        let alisa = actor(&app, "sokolova.alisa").await;
        let e = personal_data::export(&app, &alisa, Format::Json).await.unwrap();
        assert_eq!(e.you.person.first_name, "Алиса");
        assert!(e.you.person.birth_date.is_some());
        assert!(e.you.withheld.is_some() && e.you.certificate.is_none() && e.you.consents.is_empty());
        assert!(e.children.is_empty());
        assert!(e.audit.iter().all(|r| r.action.starts_with("account.") || r.action.starts_with("personal_data.") || r.action == "login.issue"), "only her account's records");
    }
}
