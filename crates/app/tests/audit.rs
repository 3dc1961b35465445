//! The audit log (issue 7), on both databases: records appended by concurrent transactions are
//! sealed into one chain without gaps, by sealers running at once; `verify` finds a changed, a
//! removed and a cut-off record; the search keeps a municipal operator to their municipality.

use dopcert_app::audit::{self, AuditError, Change, Query};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::{App, Clock};
use dopcert_store::{audit as store, verify, Store};
use dopcert_testkit::both_databases;
use dopcert_testkit::programs::actor;
use serde_json::json;

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn demo_app(store: &Store) -> App {
    let app = App::new(store.clone(), Clock::fixed(MORNING.parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 400, seed: 69, programs: 0 }).await.unwrap();
    app
}

/// The first audit violation `verify` names, if any.
async fn chain_violation(app: &App) -> Option<String> {
    let mut conn = app.store.reader().await.unwrap();
    verify::violations(&mut conn, 10)
        .await
        .unwrap()
        .into_iter()
        .find(|v| v.code == "audit_chain")
        .map(|v| v.detail)
}

async fn exec(app: &App, sql: &str) {
    let mut conn = app.store.begin().await.unwrap();
    sqlx::query(sql).execute(&mut *conn).await.unwrap();
    conn.commit().await.unwrap();
}

/// `n` records, each in its own transaction, all at once: of the operator `moc.tver` when
/// `in_tver`, else of the system without a municipality.
async fn append_at_once(app: &App, n: usize, in_tver: bool) {
    let operator = actor(app, "moc.tver").await;
    let tver = operator.role().municipality_id.clone().map(|m| m.to_string());
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let (app, operator, tver) = (app.clone(), operator.clone(), tver.clone());
            tokio::spawn(async move {
                let id = format!("object-{i}");
                let mut change = Change::new("period.open", "period", &id);
                change.municipality = if in_tver { tver.as_deref() } else { None };
                change.before = Some(json!({"status": "closed"}));
                change.after = Some(json!({"status": "open", "n": i}));
                let mut tx = app.store.begin().await.unwrap();
                let who = in_tver.then_some(&operator);
                audit::record(&mut tx, who, &change, &audit::now(&app)).await.unwrap();
                tx.commit().await.unwrap();
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
}

both_databases! {
    async fn audit_records_written_at_once_are_sealed_into_one_chain_by_sealers_at_once(db) {
        let app = demo_app(&db.store).await;
        let before = store::head(&mut app.store.reader().await.unwrap()).await.unwrap().0;
        append_at_once(&app, 30, true).await;
        let sealers: Vec<_> = (0..3).map(|_| {
            let app = app.clone();
            tokio::spawn(async move { audit::seal(&app).await.unwrap() })
        }).collect();
        let mut sealed = 0;
        for s in sealers {
            sealed += s.await.unwrap();
        }
        assert!(sealed >= 30, "every record sealed once by one of the sealers: {sealed}");
        let mut conn = app.store.reader().await.unwrap();
        let (seq, _) = store::head(&mut conn).await.unwrap();
        assert_eq!(seq, before + sealed as i64, "the head counts every sealed record");
        let chain = store::chain(&mut conn, 0, 10_000).await.unwrap();
        let numbers: Vec<i64> = chain.iter().map(|r| r.seq.unwrap()).collect();
        assert_eq!(numbers, (1..=seq).collect::<Vec<_>>(), "numbered without a gap or a repeat");
        assert!(store::unsealed(&mut conn, 10).await.unwrap().is_empty());
        drop(conn);
        assert_eq!(chain_violation(&app).await, None);
        assert_eq!(audit::seal(&app).await.unwrap(), 0, "nothing left to seal");
    }

    async fn verify_names_a_changed_a_removed_and_a_cut_off_audit_record(db) {
        let app = demo_app(&db.store).await;
        append_at_once(&app, 12, true).await;
        audit::seal(&app).await.unwrap();
        assert_eq!(chain_violation(&app).await, None);

        exec(&app, "UPDATE audit_record SET after_json = '{\"status\":\"open\",\"n\":99}' WHERE seq = 5").await;
        let found = chain_violation(&app).await.expect("a changed record is found");
        assert!(found.contains("№ 5") && found.contains("изменено"), "{found}");

        // Re-hashing the changed record does not help: the next one still names the old hash.
        let mut conn = app.store.reader().await.unwrap();
        let five = store::chain(&mut conn, 4, 1).await.unwrap().remove(0);
        drop(conn);
        let rehashed = dopcert_domain::audit::hash(five.prev_hash.as_deref().unwrap(), 5, &five.content());
        exec(&app, &format!("UPDATE audit_record SET hash = '{rehashed}' WHERE seq = 5")).await;
        let found = chain_violation(&app).await.expect("the chain breaks after it");
        assert!(found.contains("№ 6") && found.contains("предыдущей"), "{found}");

        exec(&app, "DELETE FROM audit_record WHERE seq >= 5 AND seq <= 7").await;
        let found = chain_violation(&app).await.expect("a removed record is found");
        assert!(found.contains("№ 5") && found.contains("нет записи"), "{found}");

        exec(&app, "DELETE FROM audit_record WHERE seq >= 4").await;
        let found = chain_violation(&app).await.expect("a cut-off tail is found by the head");
        assert!(found.contains("кончается записью № 3"), "{found}");
    }

    async fn the_log_is_searched_within_the_readers_scope(db) {
        let app = demo_app(&db.store).await;
        append_at_once(&app, 3, true).await;
        append_at_once(&app, 2, false).await;
        audit::seal(&app).await.unwrap();
        let operator = actor(&app, "moc.tver").await;
        let region = actor(&app, "rmc").await;
        let auditor = actor(&app, "kontrol").await;
        let parent = actor(&app, "ivanova").await;
        let all = Query::default();
        let seen = audit::search(&app, &operator, &all).await.unwrap();
        assert!(seen.iter().all(|r| r.municipality_id == operator.role().municipality_id.as_ref().map(|m| m.to_string())));
        assert_eq!(seen.iter().filter(|r| r.action == "period.open").count(), 3, "the operator's municipality only");
        for reader in [&region, &auditor] {
            let seen = audit::search(&app, reader, &all).await.unwrap();
            assert_eq!(seen.iter().filter(|r| r.action == "period.open").count(), 5, "the whole region");
        }
        let by_login = Query { login: "moc.tver".into(), ..Default::default() };
        let seen = audit::search(&app, &auditor, &by_login).await.unwrap();
        assert!(!seen.is_empty() && seen.iter().all(|r| r.account_id.as_deref() == Some(operator.account_id.as_str())));
        assert!(matches!(audit::search(&app, &parent, &all).await, Err(AuditError::Forbidden)));
        for bad in [
            Query { login: "no-such-login".into(), ..Default::default() },
            Query { certificate: "12".into(), ..Default::default() },
            Query { inn: "1234".into(), ..Default::default() },
            Query { from: "26.11.2026".into(), ..Default::default() },
            Query { from: "2026-11-26".into(), to: "2026-11-01".into(), ..Default::default() },
        ] {
            assert!(matches!(audit::search(&app, &auditor, &bad).await, Err(AuditError::BadQuery(_))), "{bad:?}");
        }
        let today = Query { from: "2026-11-25".into(), to: "2026-11-25".into(), ..Default::default() };
        assert_eq!(audit::search(&app, &auditor, &today).await.unwrap().iter().filter(|r| r.action == "period.open").count(), 5);
        let tomorrow = Query { from: "2026-11-26".into(), ..Default::default() };
        assert!(audit::search(&app, &auditor, &tomorrow).await.unwrap().is_empty());
    }
}

#[test]
fn action_codes_are_unique_and_named() {
    let mut codes: Vec<&str> = audit::ACTIONS.iter().map(|(c, _)| *c).collect();
    let n = codes.len();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), n, "an action code is listed twice");
    for (code, title) in audit::ACTIONS {
        assert!(code.contains('.') && !title.is_empty(), "{code}");
    }
}

both_databases! {
    async fn the_registry_of_certificates_reads_page_by_page_without_gaps(db) {
        let app = demo_app(&db.store).await;
        dopcert_testkit::programs::certify_some(&app, 60).await;
        let region = actor(&app, "rmc").await;
        let scope = dopcert_app::reports::scope(&region).unwrap();
        let whole = dopcert_app::reports::certificates_page(&app, &scope, "", 100_000).await.unwrap();
        assert!(whole.len() > 20, "{}", whole.len());
        let (mut paged, mut after) = (Vec::new(), String::new());
        loop {
            let page = dopcert_app::reports::certificates_page(&app, &scope, &after, 7).await.unwrap();
            let Some(last) = page.last() else { break };
            after = last.number.clone();
            paged.extend(page.into_iter().map(|l| l.number));
        }
        assert_eq!(paged, whole.iter().map(|l| l.number.clone()).collect::<Vec<_>>());
        assert!(whole.iter().all(|l| l.snils.is_none()), "the region's registry has no SNILS");
        let parent = actor(&app, "ivanova").await;
        assert!(dopcert_app::reports::scope(&parent).is_err());
    }
}
