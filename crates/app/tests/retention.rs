//! Retention (docs/SECURITY.md, «Retention»), on both databases, with the clock set forward:
//! each rule removes what it should and keeps what it should, runs twice without doing more,
//! and leaves a database `dopcert verify` finds whole.

use dopcert_app::auth::{self, LoginInput};
use dopcert_app::certificate::{self, ClaimInput};
use dopcert_app::consultation::{self, AskInput, Upload};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::retention::{self, Removed};
use dopcert_app::{audit, enrollment, housekeeping, import, App, Clock};
use dopcert_domain::ids::PersonId;
use dopcert_domain::person::{BirthDate, FullName};
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

/// Signs in with the demo password at the clock's time.
async fn sign_in(app: &App, login: &str) {
    let input = LoginInput { login, password: demo::DEMO_PASSWORD, address: "10.1.2.3", user_agent: "t" };
    auth::login(app, &input).await.unwrap();
}

async fn login_of(app: &App, p: &PersonId) -> String {
    one(app, "SELECT login FROM account WHERE person_id = $1", p.as_str()).await
}

async fn anonymizations(app: &App, p: &PersonId) -> i64 {
    let sql = "SELECT COUNT(*) FROM audit_record WHERE action = 'person.anonymize' AND person_id = $1 AND account_id IS NULL";
    one(app, sql, p.as_str()).await
}

/// A second record of a child, recorded this morning and merged into the child's (R02):
/// its parent link moved to the child's record.
async fn merged_copy(
    app: &App,
    parent: &PersonId,
    child: &PersonId,
    name: &str,
    born: jiff::civil::Date,
) -> PersonId {
    let at = "2026-11-25T09:00:00.000000Z";
    let name = FullName::parse(name).unwrap();
    let new = person::NewPerson {
        name: &name,
        birth_date: Some(BirthDate::from_stored(born)),
        snils: None,
        municipality_id: None,
        phone: None,
        email: None,
    };
    let mut tx = app.store.begin().await.unwrap();
    let copy = person::insert(&mut tx, &new, at).await.unwrap();
    person::link_guardian(&mut tx, parent, &copy, at).await.unwrap();
    person::merge_into(&mut tx, &copy, child).await.unwrap();
    tx.commit().await.unwrap();
    copy
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

        // Дарья: 23 on 01.06.2035; her money and contract are older than 2030. Her mother still
        // uses the cabinet, so her record outlives her children's.
        at(&app, "2035-05-31T09:00:00Z");
        housekeeping::run_once(&app).await.unwrap();
        sign_in(&app, "orlova").await;
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
        assert_eq!(person::get(&mut conn, &f.parent).await.unwrap().name.to_string(), "Орлова Вера Ильинична", "the parent, seen yesterday, is kept");
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

    async fn a_parent_with_no_child_left_who_has_not_signed_in_for_three_years_is_anonymized(db) {
        let app = demo_app(&db).await;
        // Recorded on 01.01.2026 (testkit's families); Соколова signs in this morning.
        let alone = family(&app.store, "sokolova", "Соколова Алла Петровна", &[], true).await.parent;
        let mother = family(&app.store, "zaitseva", "Зайцева Нина Олеговна", &[("Зайцев Лев Ильич", Some(date(2016, 4, 2)))], true).await;
        let back = family(&app.store, "morozova", "Морозова Ирина Павловна", &[], true).await.parent;
        let copy = merged_copy(&app, &mother.parent, &mother.children[0], "Зайцев Лев Ильич", date(2016, 4, 2)).await;
        sign_in(&app, "sokolova").await;
        at(&app, "2028-03-01T09:00:00Z");
        sign_in(&app, "morozova").await;

        at(&app, "2029-11-24T09:00:00Z");
        assert_eq!(retention::apply(&app).await.unwrap().adults_anonymized, 0, "three years less a day");
        at(&app, "2029-11-25T10:00:00Z");
        assert_eq!(retention::apply(&app).await.unwrap().adults_anonymized, 2);
        assert_eq!(last_name(&app, &alone).await, retention::REMOVED);
        assert_eq!(last_name(&app, &copy).await, retention::REMOVED, "a copy merged into a child's record goes too");
        assert_eq!(last_name(&app, &mother.children[0]).await, "Зайцев", "the record it was merged into stays");
        assert_eq!(login_of(&app, &alone).await, format!("removed-{}", one::<String>(&app, "SELECT id FROM account WHERE person_id = $1", alone.as_str()).await));
        let sessions: i64 = one(&app, "SELECT COUNT(*) FROM session s JOIN account a ON a.id = s.account_id WHERE a.person_id = $1", alone.as_str()).await;
        assert_eq!(sessions, 0, "her session is gone with her login");
        let wrong = LoginInput { login: "sokolova", password: demo::DEMO_PASSWORD, address: "10.1.2.3", user_agent: "t" };
        assert!(auth::login(&app, &wrong).await.is_err(), "nobody signs in as her any more");
        assert_eq!(anonymizations(&app, &alone).await, 1, "the system's record");
        let after: String = one(&app, "SELECT after_json FROM audit_record WHERE action = 'person.anonymize' AND person_id = $1", alone.as_str()).await;
        assert!(!after.contains("Соколова"), "no data in the record: {after}");
        assert_eq!(last_name(&app, &mother.parent).await, "Зайцева", "a parent whose child's record is kept stays");
        assert_eq!(last_name(&app, &back).await, "Морозова", "signed in in 2028");
        assert_eq!(retention::apply(&app).await.unwrap(), Removed::default(), "a second run the same day does nothing");

        at(&app, "2031-03-02T09:00:00Z");
        // By now the demo's eldest children are 23, and their parents go after them.
        assert!(retention::apply(&app).await.unwrap().adults_anonymized >= 1);
        assert_eq!(last_name(&app, &back).await, retention::REMOVED);
        assert_eq!(last_name(&app, &mother.parent).await, "Зайцева");
        verified(&app).await;
    }

    async fn staff_who_left_are_anonymized_three_years_after_their_last_sign_in_and_older_accounts_start_counting_when_first_seen(db) {
        let app = demo_app(&db).await;
        let organization = actor(&app, "dtdm").await.role().organization_id.clone().expect("dtdm's organization");
        let staff = family(&app.store, "petrov.ilya", "Петров Илья Сергеевич", &[], true).await.parent;
        let grant = RoleGrant::in_organization(Role::OrganizationStaff, organization);
        let older = family(&app.store, "starova", "Старова Ольга Ивановна", &[], true).await.parent;
        let staff_account = {
            let mut tx = app.store.begin().await.unwrap();
            let a = account::by_person(&mut tx, &staff).await.unwrap().unwrap().id;
            account::grant(&mut tx, &a, &grant, "2026-01-01T00:00:00.000000Z").await.unwrap();
            // An account made before sign-ins were recorded.
            sqlx::query("UPDATE account SET last_active_at = NULL WHERE login = 'starova'").execute(&mut *tx).await.unwrap();
            tx.commit().await.unwrap();
            a
        };
        at(&app, "2027-06-01T09:00:00Z");
        retention::apply(&app).await.unwrap();
        let stamped: String = one(&app, "SELECT last_active_at FROM account WHERE login = $1", "starova").await;
        assert!(stamped.starts_with("2027-06-01"), "its clock starts when housekeeping first sees it: {stamped}");

        at(&app, "2029-11-25T09:00:00Z");
        assert_eq!(retention::apply(&app).await.unwrap().adults_anonymized, 0, "still working there");
        let mut tx = app.store.begin().await.unwrap();
        assert!(account::revoke(&mut tx, &staff_account, &grant).await.unwrap());
        tx.commit().await.unwrap();
        at(&app, "2029-11-26T09:00:00Z");
        assert_eq!(retention::apply(&app).await.unwrap().adults_anonymized, 1, "left, and not seen since 2026");
        assert_eq!(last_name(&app, &staff).await, retention::REMOVED);
        assert_eq!(last_name(&app, &older).await, "Старова");
        at(&app, "2030-06-02T09:00:00Z");
        assert_eq!(retention::apply(&app).await.unwrap().adults_anonymized, 1);
        assert_eq!(last_name(&app, &older).await, retention::REMOVED);
        assert_eq!(anonymizations(&app, &older).await, 1);
        // The demo's logins stay whatever the clock says: their situations are documented.
        assert_eq!(one::<i64>(&app, "SELECT COUNT(*) FROM account WHERE login LIKE $1", "removed-%").await, 2);
        verified(&app).await;
    }

    async fn a_consultation_closed_three_years_ago_loses_its_topic_texts_and_files(db) {
        let app = demo_app(&db).await;
        let org = actor(&app, "dtdm").await;
        let operator = actor(&app, "moc.tver").await;
        let pdf = Upload { file_name: "заявление.pdf".into(), bytes: b"%PDF-1.4\n%%EOF\n".to_vec() };
        let ask = |topic: &str| AskInput {
            topic: topic.into(),
            text: "Можно ли зачислить Иванова Петра в две группы?".into(),
            files: vec![pdf.clone()],
        };
        let closed = consultation::ask(&app, &org, &ask("Зачисление в две группы")).await.unwrap();
        consultation::reply(&app, &operator, &closed, "Можно, если хватает средств.", &[]).await.unwrap();
        consultation::close(&app, &org, &closed).await.unwrap();
        let open = consultation::ask(&app, &org, &ask("Вопрос без ответа")).await.unwrap();

        at(&app, "2029-11-24T09:00:00Z");
        assert_eq!(retention::apply(&app).await.unwrap().consultations_removed, 0, "closed three years less a day ago");
        at(&app, "2029-11-25T10:00:00Z");
        assert_eq!(retention::apply(&app).await.unwrap().consultations_removed, 1);
        let t = consultation::thread(&app, &operator, &closed).await.unwrap();
        assert_eq!((t.consultation.topic.as_str(), t.consultation.status.as_str()), (retention::REMOVED, "closed"));
        assert_eq!(t.messages.len(), 2, "the thread stays, with its dates and authors");
        assert!(t.messages.iter().all(|m| m.text == retention::REMOVED_TEXT));
        assert!(t.files.is_empty(), "the files are deleted");
        let bytes: i64 = one(&app, "SELECT COUNT(*) FROM consultation_file WHERE file_name = $1", "заявление.pdf").await;
        assert_eq!(bytes, 1, "only the open question's file is left");
        let kept = consultation::thread(&app, &org, &open).await.unwrap();
        assert_eq!((kept.consultation.topic.as_str(), kept.files.len()), ("Вопрос без ответа", 1), "an open one is kept");
        let records: i64 = one(&app, "SELECT COUNT(*) FROM audit_record WHERE action = 'consultation.remove' AND object_id = $1 AND account_id IS NULL", &closed).await;
        assert_eq!(records, 1);
        at(&app, "2029-11-26T09:00:00Z");
        assert_eq!(retention::apply(&app).await.unwrap().consultations_removed, 0, "removed once");
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
