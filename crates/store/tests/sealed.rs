//! SNILS sealed at rest, on both databases: what the tables hold, how a number is found, and a
//! key rotation from start to end. The keys are process-wide, so these tests take turns.

use dopcert_domain::person::{BirthDate, FullName};
use dopcert_domain::snils::Snils;
use dopcert_store::person::{self, NewPerson};
use dopcert_store::sealed::{self, Keyring};
use dopcert_store::{verify, Store, StoreError};
use dopcert_testkit::{both_databases, install_keys, PERSONAL_DATA_KEYS};
use jiff::civil::date;

const NOW: &str = "2026-11-25T10:00:00.000000Z";
const NEW_KEY: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/// Tests that change the process's keys run one at a time.
static KEYS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn child(last: &str) -> FullName {
    FullName::new(last, "Артём", Some("Дмитриевич")).unwrap()
}

async fn add(store: &Store, last: &str, snils: &Snils) -> dopcert_domain::ids::PersonId {
    let name = child(last);
    let mut tx = store.begin().await.unwrap();
    let id = person::insert(
        &mut tx,
        &NewPerson {
            name: &name,
            birth_date: Some(BirthDate::from_stored(date(2016, 3, 14))),
            snils: Some(snils),
            municipality_id: None,
            phone: None,
            email: None,
        },
        NOW,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn stored(store: &Store, id: &str) -> (Option<String>, Option<String>, Option<String>) {
    let mut conn = store.reader().await.unwrap();
    sqlx::query_as("SELECT snils, snils_sealed, snils_index FROM person WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .unwrap()
}

async fn found(store: &Store, snils: &Snils) -> Option<Snils> {
    let mut conn = store.reader().await.unwrap();
    person::by_snils(&mut conn, snils).await.unwrap().and_then(|p| p.snils)
}

async fn clean(store: &Store) -> bool {
    let mut conn = store.reader().await.unwrap();
    verify::violations(&mut conn, 10).await.unwrap().is_empty()
}

both_databases! {
    async fn a_snils_is_stored_sealed_and_found_by_its_keyed_hash(db) {
        let _turn = KEYS.lock().await;
        install_keys();
        let snils = Snils::parse("112-233-445 95").unwrap();
        let id = add(&db.store, "Сидоров", &snils).await;
        let (clear, sealed_value, index) = stored(&db.store, id.as_str()).await;
        assert_eq!(clear, None, "nothing in the clear column");
        let (sealed_value, index) = (sealed_value.unwrap(), index.unwrap());
        assert!(!sealed_value.contains(snils.digits()) && !index.contains(snils.digits()));
        assert_eq!(found(&db.store, &snils).await, Some(snils.clone()));
        assert_eq!(found(&db.store, &Snils::from_base(123_456_789)).await, None);
        // The same number twice is still refused by the database (R02), through its hash.
        let name = child("Другой");
        let mut tx = db.store.begin().await.unwrap();
        let again = person::insert(
            &mut tx,
            &NewPerson { name: &name, birth_date: None, snils: Some(&snils), municipality_id: None, phone: None, email: None },
            NOW,
        )
        .await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
        drop(tx);
        assert!(clean(&db.store).await);
    }

    async fn the_queue_of_descriptions_keeps_no_name_or_birth_date(db) {
        let _turn = KEYS.lock().await;
        install_keys();
        let description = "сидоров|артём|2016-03-14";
        let mut tx = db.store.begin().await.unwrap();
        dopcert_store::identity::lock_description(&mut tx, description).await.unwrap();
        dopcert_store::identity::lock_description(&mut tx, description).await.unwrap();
        tx.commit().await.unwrap();
        let mut conn = db.store.reader().await.unwrap();
        let keys: Vec<String> = sqlx::query_scalar("SELECT key FROM identify_lock").fetch_all(&mut *conn).await.unwrap();
        assert_eq!(keys.len(), 1, "one row per description: {keys:?}");
        assert!(!keys[0].contains("сидоров") && !keys[0].contains("2016"), "{keys:?}");
    }

    async fn a_snils_written_before_sealing_is_sealed_at_start_up_and_verify_notices_one_left_clear(db) {
        let _turn = KEYS.lock().await;
        install_keys();
        let snils = Snils::from_base(700_000_001);
        let id = add(&db.store, "Прежний", &snils).await;
        // As a database from before migration 0021 holds it.
        db.store
            .execute_admin(&format!(
                "UPDATE person SET snils = '{}', snils_sealed = NULL, snils_index = NULL WHERE id = '{}'",
                snils.digits(),
                id.as_str()
            ))
            .await
            .unwrap();
        let mut conn = db.store.reader().await.unwrap();
        let found_now = verify::violations(&mut conn, 10).await.unwrap();
        drop(conn);
        assert_eq!(found_now.iter().map(|v| v.code).collect::<Vec<_>>(), ["clear_personal_data"]);
        let done = sealed::seal_clear_values(&db.store).await.unwrap();
        assert_eq!(done.snils, 1);
        assert_eq!(stored(&db.store, id.as_str()).await.0, None);
        assert_eq!(found(&db.store, &snils).await, Some(snils));
        assert!(clean(&db.store).await);
        assert_eq!(sealed::seal_clear_values(&db.store).await.unwrap(), sealed::Rotated::default());
    }

    async fn a_key_rotation_reseals_every_value_and_then_the_old_key_can_go(db) {
        let _turn = KEYS.lock().await;
        install_keys();
        let numbers: Vec<Snils> = (0..7).map(|i| Snils::from_base(700_100_000 + i)).collect();
        let mut ids = Vec::new();
        for (i, s) in numbers.iter().enumerate() {
            ids.push(add(&db.store, &format!("Ротация{}", "а".repeat(i + 1)), s).await);
        }
        let before = stored(&db.store, ids[0].as_str()).await;

        // Step 1: every server holds the new key first and the old one second.
        sealed::install(Keyring::parse(&format!("{NEW_KEY}\n{PERSONAL_DATA_KEYS}")).unwrap());
        sealed::check_keys(&db.store).await.unwrap();
        for s in &numbers {
            assert_eq!(found(&db.store, s).await.as_ref(), Some(s), "old values are still found");
        }
        let late = Snils::from_base(700_200_000);
        add(&db.store, "Новенький", &late).await;

        // Step 2: the rotation re-seals the old key's values, and only those.
        let done = sealed::rotate(&db.store).await.unwrap();
        assert_eq!(done.snils, numbers.len() as u64);
        let after = stored(&db.store, ids[0].as_str()).await;
        assert_ne!(after.1, before.1);
        assert_ne!(after.2, before.2, "the keyed hash is the new key's");
        assert_eq!(sealed::rotate(&db.store).await.unwrap(), sealed::Rotated::default(), "nothing left to do");

        // Step 3: the old key leaves the configuration; everything still opens and is found.
        sealed::install(Keyring::parse(NEW_KEY).unwrap());
        sealed::check_keys(&db.store).await.unwrap();
        for s in numbers.iter().chain([&late]) {
            assert_eq!(found(&db.store, s).await.as_ref(), Some(s));
        }
        assert!(clean(&db.store).await);

        // A server given only the old key now refuses to start instead of writing values its
        // peers cannot open.
        install_keys();
        let refused = sealed::check_keys(&db.store).await;
        assert!(matches!(refused, Err(StoreError::UnknownKey(_))), "{refused:?}");
        let mut conn = db.store.reader().await.unwrap();
        let opened = person::get(&mut conn, &ids[0]).await;
        assert!(matches!(opened, Err(StoreError::UnknownKey(_))), "{opened:?}");
        drop(conn);
        install_keys();
    }
}
