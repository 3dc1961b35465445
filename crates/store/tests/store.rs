//! The store on both databases: schema, constraints, the queries of each concept, and writes
//! under concurrency.

use dopcert_domain::ids::OrganizationId;
use dopcert_domain::inn::Inn;
use dopcert_domain::municipality::MunicipalityKind;
use dopcert_domain::ogrn::Ogrn;
use dopcert_domain::organization::OrganizationKind;
use dopcert_domain::person::{BirthDate, FullName};
use dopcert_domain::role::Role;
use dopcert_domain::snils::Snils;
use dopcert_store::account::{self, RoleGrant};
use dopcert_store::bulk::{BulkInsert, Value};
use dopcert_store::person::{self, NewPerson};
use dopcert_store::{demo, municipality, organization, region, Store, StoreError};
use dopcert_testkit::{both_databases, TestDb};
use jiff::civil::date;

const NOW: &str = "2026-11-25T10:00:00.000000Z";

/// A region with one municipality and one school: the smallest world most tests need.
async fn world(store: &Store) -> (municipality::Municipality, OrganizationId) {
    let mut tx = store.begin().await.unwrap();
    let r = region::insert(
        &mut tx,
        &region::NewRegion {
            code: "69", name: "Тверская область", center_name: "РМЦ", center_url: None
        },
        NOW,
    )
    .await
    .unwrap();
    municipality::insert(
        &mut tx,
        &municipality::NewMunicipality {
            region_id: &r,
            code: "tver",
            name: "город Тверь",
            kind: MunicipalityKind::UrbanOkrug,
            support_center_name: "МОЦ",
            support_center_phone: "+7 (4822) 32-02-10",
            is_capital: true,
        },
        NOW,
    )
    .await
    .unwrap();
    let m = municipality::by_code(&mut tx, &r, "tver").await.unwrap().unwrap();
    let school = organization::insert(&mut tx, &school(&m.id, 1), NOW).await.unwrap();
    tx.commit().await.unwrap();
    (m, school)
}

fn school(m: &dopcert_domain::ids::MunicipalityId, n: u32) -> organization::NewOrganization<'_> {
    let inn: &'static Inn = Box::leak(Box::new(Inn::legal_from_base(690_000_000 + n)));
    let ogrn: &'static Ogrn = Box::leak(Box::new(Ogrn::legal_from_body(102_690_000_000 + u64::from(n))));
    organization::NewOrganization {
        municipality_id: m,
        kind: OrganizationKind::School,
        full_name: "Муниципальное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»",
        short_name: "МОУ СОШ № 1",
        inn,
        ogrn,
        address: "г. Тверь, ул. Советская, д. 1",
        phone: None,
        email: None,
    }
}

fn child<'a>(name: &'a FullName, birth: jiff::civil::Date, snils: Option<&'a Snils>) -> NewPerson<'a> {
    NewPerson {
        name,
        birth_date: Some(BirthDate::from_stored(birth)),
        snils,
        municipality_id: None,
        phone: None,
        email: None,
    }
}

both_databases! {
    async fn migrations_are_current_after_migrate(db) {
        assert!(db.store.migrations_current().await.unwrap());
        db.store.ping().await.unwrap();
        // Migrating again changes nothing.
        db.store.migrate().await.unwrap();
        assert!(db.store.migrations_current().await.unwrap());
    }

    async fn every_table_is_wiped_by_a_demo_reload(db) {
        let mut conn = db.store.reader().await.unwrap();
        let mut tables = demo::schema_tables(&mut conn, db.store.backend()).await.unwrap();
        tables.sort();
        let mut listed: Vec<String> =
            demo::DATA_TABLES.iter().chain(demo::KEPT_TABLES).map(|t| t.to_string()).collect();
        listed.sort();
        assert_eq!(tables, listed, "a table was added without adding it to demo::DATA_TABLES");
    }

    async fn organizations_are_unique_by_inn(db) {
        let (m, first) = world(&db.store).await;
        let mut tx = db.store.begin().await.unwrap();
        let got = organization::get(&mut tx, &first).await.unwrap();
        assert_eq!(got.short_name, "МОУ СОШ № 1");
        assert_eq!(got.kind, OrganizationKind::School);
        let again = organization::insert(&mut tx, &school(&m.id, 1), NOW).await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    }

    async fn r02_a_child_is_found_by_snils_else_by_name_and_birth_date(db) {
        world(&db.store).await;
        let snils = Snils::from_base(123_456_789);
        let name = FullName::parse("Сёмина Алёна Игоревна").unwrap();
        let mut tx = db.store.begin().await.unwrap();
        let id = person::insert(&mut tx, &child(&name, date(2015, 4, 1), Some(&snils)), NOW).await.unwrap();
        tx.commit().await.unwrap();

        let mut conn = db.store.reader().await.unwrap();
        let by_snils = person::by_snils(&mut conn, &snils).await.unwrap().unwrap();
        assert_eq!(by_snils.id, id);
        assert_eq!(by_snils.name, name);
        // Spelled with «е» instead of «ё», in another case: still the same key.
        let plain = FullName::parse("СЕМИНА Алена Игоревна").unwrap();
        let found = person::by_name_and_birth(&mut conn, &plain, BirthDate::from_stored(date(2015, 4, 1))).await.unwrap();
        assert_eq!(found.iter().map(|p| &p.id).collect::<Vec<_>>(), vec![&id]);
        let other_day = person::by_name_and_birth(&mut conn, &plain, BirthDate::from_stored(date(2015, 4, 2))).await.unwrap();
        assert!(other_day.is_empty());
    }

    async fn r02_two_persons_cannot_share_a_snils(db) {
        let snils = Snils::from_base(223_456_789);
        let a = FullName::parse("Иванов Иван").unwrap();
        let b = FullName::parse("Петров Пётр").unwrap();
        let mut tx = db.store.begin().await.unwrap();
        person::insert(&mut tx, &child(&a, date(2015, 1, 1), Some(&snils)), NOW).await.unwrap();
        let second = person::insert(&mut tx, &child(&b, date(2016, 1, 1), Some(&snils)), NOW).await;
        assert!(matches!(second, Err(StoreError::Conflict(_))), "{second:?}");
    }

    async fn guardianship_links_parents_and_children_once(db) {
        let mother = FullName::parse("Иванова Елена Сергеевна").unwrap();
        let kid1 = FullName::parse("Иванов Артём").unwrap();
        let kid2 = FullName::parse("Иванова Ева").unwrap();
        let mut tx = db.store.begin().await.unwrap();
        let m = person::insert(&mut tx, &child(&mother, date(1990, 1, 1), None), NOW).await.unwrap();
        let k1 = person::insert(&mut tx, &child(&kid1, date(2015, 1, 1), None), NOW).await.unwrap();
        let k2 = person::insert(&mut tx, &child(&kid2, date(2019, 1, 1), None), NOW).await.unwrap();
        for k in [&k1, &k2, &k1] {
            person::link_guardian(&mut tx, &m, k, NOW).await.unwrap();
        }
        tx.commit().await.unwrap();
        let mut conn = db.store.reader().await.unwrap();
        let kids: Vec<_> = person::children_of(&mut conn, &m).await.unwrap().into_iter().map(|p| p.id).collect();
        assert_eq!(kids, vec![k1.clone(), k2], "oldest first, each once");
        let parents = person::parents_of(&mut conn, &k1).await.unwrap();
        assert_eq!(parents.len(), 1);
    }

    async fn a_role_must_carry_the_scope_it_needs(db) {
        let (m, school) = world(&db.store).await;
        let clerk = FullName::parse("Морозова Светлана Петровна").unwrap();
        let mut tx = db.store.begin().await.unwrap();
        let p = person::insert(&mut tx, &child(&clerk, date(1980, 1, 1), None), NOW).await.unwrap();
        let acc = account::insert(&mut tx, &p, "school", None, NOW).await.unwrap();
        let staff = RoleGrant::in_organization(Role::OrganizationStaff, school.clone());
        account::grant(&mut tx, &acc, &staff, NOW).await.unwrap();
        account::grant(&mut tx, &acc, &staff, NOW).await.unwrap(); // twice: still one
        account::grant(&mut tx, &acc, &RoleGrant::personal(Role::Parent), NOW).await.unwrap();
        tx.commit().await.unwrap();

        let mut tx = db.store.begin().await.unwrap();
        // Staff without an organization, or an operator scoped to an organization: refused.
        let unscoped = account::grant(&mut tx, &acc, &RoleGrant::personal(Role::OrganizationStaff), NOW).await;
        assert!(matches!(unscoped, Err(StoreError::Database(_))), "{unscoped:?}");
        tx.rollback().await.unwrap();
        let mut tx = db.store.begin().await.unwrap();
        let wrong = RoleGrant::in_organization(Role::MunicipalOperator, school.clone());
        assert!(account::grant(&mut tx, &acc, &wrong, NOW).await.is_err());
        tx.rollback().await.unwrap();

        let mut conn = db.store.reader().await.unwrap();
        let roles = account::roles(&mut conn, &acc).await.unwrap();
        assert_eq!(roles.len(), 2);
        assert!(roles.contains(&staff));
        let found = account::by_login(&mut conn, " School ").await.unwrap().unwrap();
        assert_eq!(found.id, acc);
        let _ = m;
    }

    async fn bulk_insert_writes_every_row(db) {
        let mut tx = db.store.begin().await.unwrap();
        let mut bulk = BulkInsert::new("setting", &["key", "value"]);
        for i in 0..5_003 {
            bulk.push(&mut tx, vec![Value::from(format!("k{i}")), Value::from("v")]).await.unwrap();
        }
        assert_eq!(bulk.finish(&mut tx).await.unwrap(), 5_003);
        tx.commit().await.unwrap();
        let mut conn = db.store.reader().await.unwrap();
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM setting").fetch_one(&mut *conn).await.unwrap();
        assert_eq!(n, 5_003);
    }

    async fn a_failed_transaction_leaves_nothing_behind(db) {
        let name = FullName::parse("Иванов Иван").unwrap();
        let mut tx = db.store.begin().await.unwrap();
        person::insert(&mut tx, &child(&name, date(2015, 1, 1), None), NOW).await.unwrap();
        drop(tx); // dropped without commit: rolled back
        let mut conn = db.store.reader().await.unwrap();
        let found = person::by_name_and_birth(&mut conn, &name, BirthDate::from_stored(date(2015, 1, 1))).await.unwrap();
        assert!(found.is_empty());
    }

    async fn concurrent_write_transactions_all_succeed(db) {
        // 64 writers at once, each a transaction of a read and two writes: on SQLite the single
        // writer queue must keep every one of them from failing with "database is locked".
        let tasks: Vec<_> = (0..64)
            .map(|i| {
                let store = db.store.clone();
                tokio::spawn(async move {
                    let mut tx = store.begin().await?;
                    let name = FullName::parse("Параллельный Тест").unwrap();
                    let _ = person::by_name_and_birth(&mut tx, &name, BirthDate::from_stored(date(2015, 1, 1))).await?;
                    person::insert(&mut tx, &child(&name, date(2015, 1, 1), None), NOW).await?;
                    dopcert_store::setting::put(&mut tx, &format!("writer.{i}"), "done").await?;
                    tx.commit().await?;
                    Ok::<_, StoreError>(())
                })
            })
            .collect();
        for t in futures::future::join_all(tasks).await {
            t.unwrap().unwrap();
        }
        let mut conn = db.store.reader().await.unwrap();
        let name = FullName::parse("Параллельный Тест").unwrap();
        let all = person::by_name_and_birth(&mut conn, &name, BirthDate::from_stored(date(2015, 1, 1))).await.unwrap();
        assert_eq!(all.len(), 64);
    }

    async fn instants_keep_their_order_as_text(db) {
        use dopcert_store::time::{instant, parse_instant};
        let a: jiff::Timestamp = "2026-11-25T09:59:59.999999Z".parse().unwrap();
        let b: jiff::Timestamp = "2026-11-25T10:00:00Z".parse().unwrap();
        let mut tx = db.store.begin().await.unwrap();
        for (k, t) in [("b", b), ("a", a)] {
            dopcert_store::setting::put(&mut tx, k, &instant(t)).await.unwrap();
        }
        let order: Vec<String> = sqlx::query_scalar("SELECT key FROM setting ORDER BY value").fetch_all(&mut *tx).await.unwrap();
        assert_eq!(order, vec!["a", "b"]);
        let back = dopcert_store::setting::get(&mut tx, "a").await.unwrap().unwrap();
        assert_eq!(parse_instant(&back).unwrap(), a);
    }
}

#[tokio::test]
async fn a_url_of_an_unknown_database_is_refused() {
    let err = Store::open(&dopcert_store::StoreOptions::new("mysql://x")).await.err().unwrap();
    assert!(err.to_string().contains("sqlite: or postgres:"), "{err}");
}

#[tokio::test]
async fn readers_on_sqlite_cannot_write() {
    let db = TestDb::sqlite().await;
    let mut conn = db.store.reader().await.unwrap();
    let r = sqlx::query("INSERT INTO setting (key, value) VALUES ('x', 'y')").execute(&mut *conn).await;
    assert!(r.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_transaction_on_sqlite_waits_for_another_process_instead_of_failing() {
    // `dopcert billing run` writes the file beside the server. A use case that read before the
    // other process wrote must still commit: it waits for the write lock, not "database is
    // locked" (found by the fault test, crates/dopcert/tests/faults.rs).
    let db = TestDb::sqlite().await;
    let other = Store::open(&dopcert_store::StoreOptions::new(db.url.clone())).await.unwrap();
    let mut tx = db.store.begin().await.unwrap();
    assert!(dopcert_store::setting::get(&mut tx, "mine").await.unwrap().is_none());
    let mut writer = tokio::spawn(async move {
        let mut tx = other.begin().await?;
        dopcert_store::setting::put(&mut tx, "other", "written").await?;
        tx.commit().await?;
        Ok::<_, StoreError>(())
    });
    // The other process writes now if it may; it must not, while this transaction is open.
    let finished = tokio::select! {
        done = &mut writer => Some(done),
        () = tokio::time::sleep(std::time::Duration::from_millis(300)) => None,
    };
    dopcert_store::setting::put(&mut tx, "mine", "written").await.unwrap();
    tx.commit().await.unwrap();
    match finished {
        Some(done) => done.unwrap().unwrap(),
        None => writer.await.unwrap().unwrap(),
    }
    let mut conn = db.store.reader().await.unwrap();
    let both: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM setting WHERE key IN ('mine', 'other')")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(both, 2);
}
