//! Idempotency keys in the use cases, on both databases: the key is written in the effect's
//! transaction, so a request refused inside it (after the key was taken) leaves no key, and the
//! corrected request goes through with the same key; an answered key replays what was stored.

use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::enrollment::{self, Applied, ApplyError};
use dopcert_app::idempotency::{Answer, Answered, IdempotencyKey, Keyed};
use dopcert_app::{App, Clock};
use dopcert_domain::ids::GroupId;
use dopcert_store::Store;
use dopcert_testkit::both_databases;
use dopcert_testkit::programs::{family_with_certificate, group};

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn demo_app(store: &Store) -> App {
    let app = App::new(store.clone(), Clock::fixed(MORNING.parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 100, seed: 69, programs: 0 }).await.unwrap();
    app
}

async fn keys(app: &App) -> i64 {
    let mut conn = app.store.reader().await.unwrap();
    sqlx::query_scalar("SELECT COUNT(*) FROM idempotency_key").fetch_one(&mut *conn).await.unwrap()
}

fn answer(a: &Applied) -> Answer {
    Answer::json(201, &serde_json::json!({"id": a.application_id, "held": a.held.get()}))
}

fn keyed<'a>(group: &GroupId, render: &'a (dyn Fn(&Applied) -> Answer + Send + Sync)) -> Keyed<'a, Applied> {
    let key = IdempotencyKey::parse("apply-once").unwrap();
    Keyed::new(key, "POST /api/v1/applications", &group.as_str(), render)
}

both_databases! {
    async fn a_request_refused_inside_its_transaction_keeps_no_key(db) {
        let app = demo_app(&db.store).await;
        let (parent, child) = family_with_certificate(&app, "once").await;
        // More than the certificate holds: the hold fails after the key was taken.
        let dear = group(&app, 3, "90000").await;
        let e = enrollment::apply_once(&app, &parent, &child, &dear, true, Some(&keyed(&dear, &answer)))
            .await
            .unwrap_err();
        assert_eq!(e.code(), "insufficient_balance", "{e}");
        assert_eq!(keys(&app).await, 0, "rolled back with the effect");

        // Corrected (another group), the same key goes through and is kept with its answer.
        let g = group(&app, 3, "1500").await;
        let k = keyed(&g, &answer);
        let Answered::Now(first) = enrollment::apply_once(&app, &parent, &child, &g, true, Some(&k)).await.unwrap()
        else {
            panic!("a new request runs")
        };
        assert_eq!(keys(&app).await, 1);
        let Answered::Before(stored) = enrollment::apply_once(&app, &parent, &child, &g, true, Some(&k)).await.unwrap()
        else {
            panic!("a retry is answered from before")
        };
        assert_eq!(stored, answer(&first), "the stored answer is the first one");

        // A unique index refusing inside the transaction (PostgreSQL aborts it): no key either.
        let other = Keyed::new(IdempotencyKey::parse("another").unwrap(), "POST /api/v1/applications", &"x", &answer);
        let e = enrollment::apply_once(&app, &parent, &child, &g, true, Some(&other)).await.unwrap_err();
        assert!(matches!(e, ApplyError::AlreadyApplied), "{e:?}");
        assert_eq!(keys(&app).await, 1, "only the answered key");
    }
}
