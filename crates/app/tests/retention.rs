//! Retention (docs/SECURITY.md, «Retention»), on both databases, with the clock set forward:
//! each rule removes what it should and keeps what it should, runs twice without doing more,
//! and leaves a database `dopcert verify` finds whole.

use dopcert_app::auth::{self, LoginInput};
use dopcert_app::certificate::{self, ClaimInput};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::retention::{self, Removed};
use dopcert_app::{audit, enrollment, housekeeping, import, App, Clock};
use dopcert_domain::ids::PersonId;
use dopcert_domain::role::Role;
use dopcert_domain::snils::Snils;
use dopcert_store::account::{self, RoleGrant};
use dopcert_store::{person, verify};
use dopcert_testkit::programs::{actor, group};
use dopcert_testkit::{both_databases, family};
use jiff::civil::date;

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn demo_app(db: &dopcert_testkit::TestDb) -> App {
    let app = App::new(db.store.clone(), Clock::fixed(MORNING.parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 100, seed: 69, programs: 0 }).await.unwrap();
    app
}

fn at(app: &App, when: &str) {
    app.clock.set(when.parse().unwrap());
}

async fn one<T>(app: &App, sql: &str, bind: &str) -> T
where
    T: Send + Unpin + for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>,
{
    let mut conn = app.store.reader().await.unwrap();
    sqlx::query_scalar(sql).bind(bind.to_string()).fetch_one(&mut *conn).await.unwrap()
}

async fn last_name(app: &App, p: &PersonId) -> String {
    one(app, "SELECT last_name FROM person WHERE id = $1", p.as_str()).await
}

/// No invariant of `dopcert verify` is broken (the audit log sealed first, as it does).
async fn verified(app: &App) {
    audit::seal(app).await.unwrap();
    let mut conn = app.store.reader().await.unwrap();
    let found = verify::violations(&mut conn, 10).await.unwrap();
    assert!(found.is_empty(), "verify: {found:?}");
}

both_databases! {
    async fn an_unconfirmed_pupils_file_is_deleted_after_a_day_and_a_confirmed_one_keeps_only_its_counts(db) {
        let app = demo_app(&db).await;
        let clerk = actor(&app, "school").await;
        let header = "Класс;ФИО ученика;Дата рождения;СНИЛС;ФИО родителя;Телефон;Email\n";
        let file = format!("{header}5А;Сёмин Игорь Петрович;08.03.2015;112-233-445 95;Сёмина Анна Ивановна;;\n");
        let left = import::preview(&app, &clerk, "5a.csv", file.as_bytes()).await.unwrap().batch_id.unwrap();
        let file = format!("{header}5Б;Белова Дарья Олеговна;20.01.2015;;Белов Олег Юрьевич;;\n");
        let done = import::preview(&app, &clerk, "5b.csv", file.as_bytes()).await.unwrap().batch_id.unwrap();
        import::commit(&app, &clerk, &done).await.unwrap();
        // Rows an older version left in a confirmed file.
        let mut tx = app.store.begin().await.unwrap();
        sqlx::query("UPDATE import_batch SET rows_json = '[{\"row\":1}]' WHERE id = $1").bind(&done).execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();

        at(&app, "2026-11-26T08:59:00Z");
        let kept = retention::apply(&app).await.unwrap();
        assert_eq!((kept.import_previews, kept.import_rows), (0, 0), "within a day both stay");
        assert_eq!(import::pending_count(&app, &clerk, &left).await.unwrap(), Some(1));

        at(&app, "2026-11-26T09:01:00Z");
        let gone = retention::apply(&app).await.unwrap();
        assert_eq!((gone.import_previews, gone.import_rows), (1, 1));
        assert_eq!(import::pending_count(&app, &clerk, &left).await.unwrap(), None, "the preview is gone");
        assert!(import::commit(&app, &clerk, &left).await.is_err(), "and cannot be confirmed any more");
        let rows: String = one(&app, "SELECT rows_json FROM import_batch WHERE id = $1", &done).await;
        let count: i64 = one(&app, "SELECT CAST(row_count AS BIGINT) FROM import_batch WHERE id = $1", &done).await;
        assert_eq!((rows.as_str(), count), ("", 1), "the confirmed file keeps its count, not its rows");
        assert_eq!(retention::apply(&app).await.unwrap(), Removed::default(), "a second run does nothing");
    }

    async fn expired_one_time_passwords_and_finished_login_counters_are_forgotten_a_day_later(db) {
        let app = demo_app(&db).await;
        let ivanova = actor(&app, "ivanova").await;
        auth::issue_one_time_password(&app, &ivanova.account_id, None).await.unwrap();
        let wrong = LoginInput { login: "kuznetsova", password: "not-her-password", address: "10.9.8.7", user_agent: "t" };
        assert!(auth::login(&app, &wrong).await.is_err());
        let counters: i64 = one(&app, "SELECT COUNT(*) FROM login_throttle WHERE key <> $1", "").await;
        assert_eq!(counters, 2, "per login and per address");

        at(&app, "2026-11-25T21:00:00Z");
        assert_eq!(retention::apply(&app).await.unwrap(), Removed::default(), "a failure this morning still counts");
        at(&app, "2026-11-26T09:16:00Z");
        let r = retention::apply(&app).await.unwrap();
        assert_eq!((r.throttle_keys, r.one_time_passwords), (2, 0), "the counters a day after; the code lives 30 days");
        // The one-time password expires 30 days after it was issued; it goes a day after that.
        at(&app, "2026-12-25T21:00:00Z");
        assert_eq!(retention::apply(&app).await.unwrap().one_time_passwords, 0);
        at(&app, "2026-12-26T09:01:00Z");
        assert_eq!(retention::apply(&app).await.unwrap().one_time_passwords, 1);
        let left: i64 = one(&app, "SELECT COUNT(*) FROM one_time_password WHERE account_id = $1", ivanova.account_id.as_str()).await;
        assert_eq!(left, 0);
    }

    async fn a_child_grown_up_long_ago_is_anonymized_and_their_money_records_stay(db) {
        let app = demo_app(&db).await;
        let g = group(&app, 5, "1500").await;
        let f = family(
            &app.store,
            "orlova",
            "Орлова Вера Ильинична",
            &[("Орлов Пётр Ильич", Some(date(2008, 12, 26))), ("Орлова Дарья Ильинична", Some(date(2012, 6, 1)))],
            true,
        )
        .await;
        let (petr, darya) = (f.children[0].clone(), f.children[1].clone());
        let parent = actor(&app, "orlova").await;
        for child in [&petr, &darya] {
            let claim = ClaimInput { child_id: child.clone(), consent: true, municipality_id: None };
            certificate::claim(&app, &parent, &claim).await.unwrap();
        }
        let applied = enrollment::apply(&app, &parent, &darya, &g, true).await.unwrap();
        enrollment::withdraw(&app, &parent, &applied.application_id).await.unwrap();
        let snils = Snils::from_base(987_654_321);
        let mut tx = app.store.begin().await.unwrap();
        person::set_snils(&mut tx, &darya, &snils).await.unwrap();
        let own = account::insert(&mut tx, &darya, "orlova.darya", None, "2026-11-25T09:00:00.000000Z").await.unwrap();
        account::grant(&mut tx, &own, &RoleGrant::personal(Role::Child), "2026-11-25T09:00:00.000000Z").await.unwrap();
        tx.commit().await.unwrap();
        let entries = |c: &'static str| format!(
            "SELECT COUNT(*) FROM ledger_entry e JOIN certificate c ON c.id = e.certificate_id WHERE c.child_id = $1{c}"
        );
        let petr_entries: i64 = one(&app, &entries(""), petr.as_str()).await;
        let darya_entries: i64 = one(&app, &entries(""), darya.as_str()).await;
        assert!(petr_entries >= 1 && darya_entries >= 3, "nominals, a hold and its release");

        // Пётр turned 23 on 26.12.2031, but the nominal of 2026 is an accounting record until
        // the end of 2031; his certificate is closed at 18 by the same housekeeping.
        at(&app, "2031-12-31T09:00:00Z");
        housekeeping::run_once(&app).await.unwrap();
        assert_eq!(last_name(&app, &petr).await, "Орлов", "kept: money moved in 2026");
        at(&app, "2032-01-01T09:00:00Z");
        housekeeping::run_once(&app).await.unwrap();
        assert_eq!(last_name(&app, &petr).await, retention::REMOVED);
        assert_eq!(last_name(&app, &darya).await, "Орлова", "22: kept");

        // Дарья: 23 on 01.06.2035; her money and contract are older than 2030.
        at(&app, "2035-05-31T09:00:00Z");
        housekeeping::run_once(&app).await.unwrap();
        assert_eq!(last_name(&app, &darya).await, "Орлова", "the day before she is 23");
        at(&app, "2035-06-01T09:00:00Z");
        let tidied = housekeeping::run_once(&app).await.unwrap();
        assert!(tidied.retention.persons_anonymized >= 1);

        let mut conn = app.store.reader().await.unwrap();
        let p = person::get(&mut conn, &darya).await.unwrap();
        assert_eq!(p.name.to_string(), "Удалено Удалено");
        assert!(p.birth_date.is_none() && p.snils.is_none() && p.phone.is_none() && p.email.is_none());
        assert!(person::by_snils(&mut conn, &snils).await.unwrap().is_none(), "the SNILS finds nobody");
        let anonymized: Option<String> = sqlx::query_scalar("SELECT anonymized_at FROM person WHERE id = $1")
            .bind(darya.as_str()).fetch_one(&mut *conn).await.unwrap();
        assert!(anonymized.is_some_and(|t| t.starts_with("2035-06-01")));
        assert!(person::children_of(&mut conn, &f.parent).await.unwrap().is_empty(), "no longer linked to the parent");
        assert_eq!(person::get(&mut conn, &f.parent).await.unwrap().name.to_string(), "Орлова Вера Ильинична", "the parent is kept");
        assert!(account::by_login(&mut conn, "orlova.darya").await.unwrap().is_none(), "her login, made of her name, is gone");
        let (status, hash): (String, Option<String>) = sqlx::query_as("SELECT status, password_hash FROM account WHERE id = $1")
            .bind(own.as_str()).fetch_one(&mut *conn).await.unwrap();
        assert_eq!((status.as_str(), hash), ("blocked", None));
        // The money records stay whole, pointing at the same id.
        let certificate = dopcert_store::certificate::by_child(&mut conn, &darya).await.unwrap().expect("her certificate stays");
        assert_eq!(certificate.status, dopcert_domain::certificate::Status::Closed);
        let application: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM application WHERE child_id = $1")
            .bind(darya.as_str()).fetch_one(&mut *conn).await.unwrap();
        assert_eq!(application, 1, "the contract stays");
        drop(conn);
        assert_eq!(one::<i64>(&app, &entries(""), darya.as_str()).await, darya_entries, "every ledger entry stays");
        assert_eq!(one::<i64>(&app, &entries(""), petr.as_str()).await, petr_entries);
        let records: i64 = one(&app, "SELECT COUNT(*) FROM audit_record WHERE action = 'person.anonymize' AND person_id = $1 AND account_id IS NULL", darya.as_str()).await;
        assert_eq!(records, 1, "the system's record, once");
        let after: String = one(&app, "SELECT after_json FROM audit_record WHERE action = 'person.anonymize' AND person_id = $1", darya.as_str()).await;
        assert!(!after.contains("Орлова") && !after.contains("2012"), "no data in the record: {after}");

        assert_eq!(housekeeping::run_once(&app).await.unwrap().retention, Removed::default(), "idempotent");
        at(&app, "2035-06-02T09:00:00Z");
        housekeeping::run_once(&app).await.unwrap();
        let records: i64 = one(&app, "SELECT COUNT(*) FROM audit_record WHERE action = 'person.anonymize' AND person_id = $1", darya.as_str()).await;
        assert_eq!(records, 1, "anonymized once");
        verified(&app).await;
    }

    async fn a_grown_up_whose_certificate_is_still_open_is_kept_until_it_is_closed(db) {
        let app = demo_app(&db).await;
        let f = family(&app.store, "lebedeva", "Лебедева Ирина Олеговна", &[("Лебедев Глеб Андреевич", Some(date(2008, 12, 20)))], true).await;
        let parent = actor(&app, "lebedeva").await;
        let claim = ClaimInput { child_id: f.children[0].clone(), consent: true, municipality_id: None };
        certificate::claim(&app, &parent, &claim).await.unwrap();
        // Years later, before housekeeping closed it: 24, money of 2026 — but the certificate is open.
        at(&app, "2033-01-02T09:00:00Z");
        retention::apply(&app).await.unwrap();
        assert_eq!(last_name(&app, &f.children[0]).await, "Лебедев");
        assert!(certificate::close_grown_up(&app).await.unwrap() >= 1);
        at(&app, "2033-01-03T09:00:00Z");
        assert!(retention::apply(&app).await.unwrap().persons_anonymized >= 1);
        assert_eq!(last_name(&app, &f.children[0]).await, retention::REMOVED);
        verified(&app).await;
    }
}

#[test]
fn the_cut_offs_are_five_years_after_18_and_five_full_years_of_accounting() {
    let (born_by, keep_from, keep_from_day) = retention::cutoffs(date(2035, 6, 1));
    assert_eq!(born_by, "2012-06-01");
    assert_eq!(keep_from_day, "2030-01-01");
    assert_eq!(keep_from, "2029-12-31T21:00:00.000000Z", "midnight in Moscow");
}
