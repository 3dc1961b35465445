//! The demo region on both databases: what a newcomer finds, and that it is deterministic.

use dopcert_app::demo::{self, DemoOptions, DEMO_PASSWORD};
use dopcert_app::{password, App, Clock};
use dopcert_domain::eligibility::{age_on, eligibility, Eligibility};
use dopcert_domain::inn::Inn;
use dopcert_domain::ogrn::Ogrn;
use dopcert_domain::snils::Snils;
use dopcert_store::{account, person, Store};
use dopcert_testkit::both_databases;

const SMALL: DemoOptions = DemoOptions { children: 600, seed: 69, programs: 40 };

fn app(store: &Store) -> App {
    App::new(store.clone(), Clock::fixed("2026-11-25T09:00:00Z".parse().unwrap()))
}

/// Everyone's name, birth date and SNILS (by its keyed hash), in a stable order: what "the same
/// region" means.
async fn fingerprint(store: &Store) -> Vec<(String, Option<String>, Option<String>)> {
    let mut conn = store.reader().await.unwrap();
    sqlx::query_as(
        "SELECT name_key, birth_date, snils_index FROM person ORDER BY name_key, birth_date, snils_index",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap()
}

async fn children_of_login(store: &Store, login: &str) -> Vec<person::Person> {
    let mut conn = store.reader().await.unwrap();
    let acc =
        account::by_login(&mut conn, login).await.unwrap().unwrap_or_else(|| panic!("no login {login}"));
    person::children_of(&mut conn, &acc.person_id).await.unwrap()
}

both_databases! {
    async fn the_same_seed_loads_the_same_region(db) {
        let app = app(&db.store);
        let first = demo::load(&app, &SMALL).await.unwrap();
        let a = fingerprint(&db.store).await;
        // Reloading replaces everything: the same people, nobody twice.
        let second = demo::load(&app, &SMALL).await.unwrap();
        assert_eq!(first, second);
        assert_eq!(a, fingerprint(&db.store).await);
        demo::load(&app, &DemoOptions { seed: 70, ..SMALL }).await.unwrap();
        assert_ne!(a, fingerprint(&db.store).await, "another seed, other people");
    }

    async fn the_demo_region_has_every_case_a_newcomer_needs(db) {
        let app = app(&db.store);
        let s = demo::load(&app, &SMALL).await.unwrap();
        assert_eq!(s.children, 600);
        assert_eq!(s.municipalities, 42);
        assert!(s.adults >= 600 && s.organizations >= 42, "{s:?}");
        let today = app.clock.today();

        let accounts = demo::accounts(&app).await.unwrap();
        let roles: Vec<&str> = accounts.iter().map(|a| a.role.as_str()).collect();
        for role in ["parent", "child", "organization_staff", "organization_admin", "municipal_operator", "regional_admin", "auditor"] {
            assert!(roles.contains(&role), "no demo login for {role}");
        }

        let ivanova = children_of_login(&db.store, "ivanova").await;
        assert_eq!(ivanova.len(), 1);
        assert_eq!(eligibility(ivanova[0].birth_date.unwrap().date(), today), Eligibility::Eligible);

        let smirnov = children_of_login(&db.store, "smirnov").await;
        assert!(matches!(eligibility(smirnov[0].birth_date.unwrap().date(), today), Eligibility::TooYoung { .. }));

        assert_eq!(children_of_login(&db.store, "kuznetsova").await.len(), 2);

        let mut conn = db.store.reader().await.unwrap();
        for (login, min, max) in [("petrov.maksim", 14, 17), ("sokolova.alisa", 12, 12)] {
            let acc = account::by_login(&mut conn, login).await.unwrap().unwrap();
            let me = person::get(&mut conn, &acc.person_id).await.unwrap();
            let age = age_on(me.birth_date.unwrap().date(), today);
            assert!((min..=max).contains(&age), "{login} is {age}");
            assert!(!person::parents_of(&mut conn, &acc.person_id).await.unwrap().is_empty(), "{login} has a parent");
        }
    }

    async fn every_demo_password_opens_its_account(db) {
        let app = app(&db.store);
        demo::load(&app, &SMALL).await.unwrap();
        let mut conn = db.store.reader().await.unwrap();
        for a in demo::accounts(&app).await.unwrap() {
            assert_eq!(a.password, DEMO_PASSWORD);
            let acc = account::by_login(&mut conn, &a.login).await.unwrap().unwrap();
            let roles = account::roles(&mut conn, &acc.id).await.unwrap();
            assert_eq!(roles[0].role.code(), a.role, "{}", a.login);
            assert!(password::verify(&a.password, acc.password_hash.as_deref().unwrap()), "{}", a.login);
        }
    }

    async fn demo_people_and_organizations_carry_valid_numbers(db) {
        let app = app(&db.store);
        demo::load(&app, &SMALL).await.unwrap();
        let today = app.clock.today();
        let mut conn = db.store.reader().await.unwrap();
        let orgs: Vec<(String, String)> = sqlx::query_as("SELECT inn, ogrn FROM organization").fetch_all(&mut *conn).await.unwrap();
        for (inn, ogrn) in &orgs {
            Inn::parse(inn).unwrap_or_else(|e| panic!("{inn}: {e}"));
            Ogrn::parse(ogrn).unwrap_or_else(|e| panic!("{ogrn}: {e}"));
        }
        let kinds: Vec<String> = sqlx::query_scalar("SELECT DISTINCT kind FROM organization ORDER BY kind").fetch_all(&mut *conn).await.unwrap();
        assert_eq!(kinds.len(), 6, "every kind of organization: {kinds:?}");

        let kids: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT p.birth_date, p.snils_sealed FROM person p WHERE EXISTS (SELECT 1 FROM guardianship g WHERE g.child_id = p.id)",
        )
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        let ages: Vec<i16> = kids.iter().map(|(b, _)| age_on(b.parse().unwrap(), today)).collect();
        assert!(ages.iter().any(|a| *a < 5), "some too young");
        assert!(ages.iter().any(|a| *a >= 18), "some too old");
        assert!(ages.iter().all(|a| (2..=20).contains(a)), "ages 3 to 19 around the school year");
        let without = kids.iter().filter(|(_, s)| s.is_none()).count();
        assert!(without > 0 && without < kids.len() / 4, "most, not all, have SNILS: {without}");
        for (_, s) in &kids {
            if let Some(s) = s {
                // Stored sealed (store::sealed); the number inside is valid.
                let digits = dopcert_store::sealed::open(dopcert_store::sealed::Purpose::Snils, s, "snils").unwrap();
                Snils::parse(&digits).unwrap();
            }
        }
    }

    async fn serve_loads_the_demo_only_into_an_empty_database(db) {
        let app = app(&db.store);
        assert!(demo::load_if_empty(&app, &SMALL).await.unwrap().is_some());
        assert!(demo::load_if_empty(&app, &SMALL).await.unwrap().is_none());
    }
}

#[tokio::test]
async fn a_demo_of_fewer_than_a_hundred_children_is_refused() {
    let db = dopcert_testkit::TestDb::sqlite().await;
    let err =
        demo::load(&app(&db.store), &DemoOptions { children: 10, seed: 1, programs: 0 }).await.unwrap_err();
    assert!(matches!(err, demo::DemoError::TooFewChildren));
}
