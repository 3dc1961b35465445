//! The money's commands as an operator runs them, on SQLite and on PostgreSQL: `dopcert billing
//! run` killed with SIGKILL midway resumes without charging anything twice; `dopcert verify`
//! passes on a sound ledger and names the first violation of a broken one.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use dopcert_app::certificate::{self, ClaimInput};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::{enrollment, App, Clock};
use dopcert_store::billing;
use dopcert_testkit::programs::{actor, certified_group, GroupSpec};
use dopcert_testkit::{both_databases, Engine, TestDb};

const BIN: &str = env!("CARGO_BIN_EXE_dopcert");
const CHILDREN: usize = 60;

fn dopcert(db: &TestDb, work: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(work).env_remove("DATABASE_URL").env_remove("DOPCERT_DATA").env_remove("DOPCERT_LISTEN");
    // The test databases' personal-data key (a SQLite test folder holds it too).
    cmd.env("DOPCERT_PERSONAL_DATA_KEYS", dopcert_testkit::PERSONAL_DATA_KEYS);
    match db.engine {
        Engine::Sqlite => cmd.args(["--data", db.data_dir().unwrap().to_str().unwrap()]),
        Engine::Postgres => cmd.env("DATABASE_URL", &db.url),
    };
    cmd
}

fn said(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// The demo region and one family of `CHILDREN` children, each enrolled (accepted) in one paid
/// group running this month. Returns the month, as 2026-11.
async fn enrolled(db: &TestDb) -> String {
    let app = App::new(db.store.clone(), Clock::system());
    demo::load(&app, &DemoOptions { children: 200, seed: 69, programs: 0 }).await.unwrap();
    let today = app.clock.today();
    let (_, group) = certified_group(&app, &GroupSpec::around(CHILDREN as u32, "1000", today)).await;
    let letters = ["а", "б", "в", "г", "д", "е", "ж", "з", "и", "к"];
    let names: Vec<String> = (0..CHILDREN)
        .map(|i| format!("Денежный Ребёнок{}{} Иванович", letters[i % 10], letters[i / 10]))
        .collect();
    let born = today.saturating_sub(jiff::Span::new().years(10));
    let kids: Vec<(&str, Option<jiff::civil::Date>)> =
        names.iter().map(|n| (n.as_str(), Some(born))).collect();
    let f = dopcert_testkit::family(&db.store, "dengi", "Денежная Анна Ивановна", &kids, true).await;
    {
        // Enough funded places for all of them.
        let mut tx = db.store.begin().await.unwrap();
        for p in dopcert_store::period::of_year(&mut tx, i32::from(today.year())).await.unwrap() {
            dopcert_store::period::set_quota(&mut tx, &p.id, 100_000).await.unwrap();
        }
        tx.commit().await.unwrap();
    }
    let (parent, dtdm) = (actor(&app, "dengi").await, actor(&app, "dtdm").await);
    for child in &f.children {
        let claim = ClaimInput { child_id: child.clone(), consent: true, municipality_id: None };
        certificate::claim(&app, &parent, &claim).await.unwrap();
        let a = enrollment::apply(&app, &parent, child, &group, true).await.unwrap();
        enrollment::decide(&app, &dtdm, &a.application_id, true, "").await.unwrap();
    }
    billing_month(today)
}

fn billing_month(d: jiff::civil::Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

async fn runs(db: &TestDb) -> Vec<billing::Run> {
    let mut conn = db.store.reader().await.unwrap();
    billing::runs(&mut conn, 10).await.unwrap()
}

both_databases! {
    async fn a_billing_run_killed_midway_resumes_without_double_charges_and_verify_proves_the_ledger(db) {
        let work = tempfile::tempdir().unwrap();
        let month = enrolled(&db).await;
        let ok = dopcert(&db, work.path()).arg("verify").output().unwrap();
        assert!(ok.status.success() && said(&ok).contains("Нарушений нет"), "{}", said(&ok));

        // One contract a transaction, killed once the run has charged some.
        let mut run = dopcert(&db, work.path())
            .args(["billing", "run", "--period", &month, "--batch", "1"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        loop {
            if runs(&db).await.first().is_some_and(|r| r.charged > 0) {
                break;
            }
            assert!(run.try_wait().unwrap().is_none(), "the run ended before it could be killed");
            assert!(started.elapsed() < Duration::from_secs(60), "the run did not start");
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        Command::new("kill").args(["-KILL", &run.id().to_string()]).status().unwrap();
        run.wait().unwrap();
        let killed = runs(&db).await.remove(0);
        assert_eq!(killed.status, "running", "killed midway");
        assert!(killed.charged < CHILDREN as i64, "killed before the end: {}", killed.charged);

        // Alive a moment ago: a second run waits; told the first is gone, it carries on.
        let busy = dopcert(&db, work.path()).args(["billing", "run", "--period", &month]).output().unwrap();
        assert!(!busy.status.success() && said(&busy).contains("сейчас идёт начисление"), "{}", said(&busy));
        let resumed = dopcert(&db, work.path())
            .args(["billing", "run", "--period", &month, "--resume-after", "0"])
            .output()
            .unwrap();
        let text = said(&resumed);
        assert!(resumed.status.success() && text.contains("продолжено после прерывания"), "{text}");
        let done = runs(&db).await.remove(0);
        assert_eq!((done.status.as_str(), done.charged), ("done", CHILDREN as i64), "every contract once");
        let again = dopcert(&db, work.path()).args(["billing", "run", "--period", &month]).output().unwrap();
        assert!(said(&again).contains("договоров 0"), "nothing twice: {}", said(&again));
        let ok = dopcert(&db, work.path()).arg("verify").output().unwrap();
        assert!(ok.status.success(), "{}", said(&ok));

        // A balance that does not match its postings: named, and the exit status says so.
        let mut tx = db.store.begin().await.unwrap();
        sqlx::query(
            "UPDATE ledger_account SET balance = balance + 1
             WHERE id = (SELECT id FROM ledger_account WHERE kind = 'certificate_available' ORDER BY id LIMIT 1)",
        )
        .execute(&mut *tx)
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let broken = dopcert(&db, work.path()).arg("verify").output().unwrap();
        assert!(!broken.status.success(), "{}", said(&broken));
        assert!(said(&broken).contains("нарушение balance_drift"), "{}", said(&broken));
        assert!(said(&broken).contains("журнал действий: записей"), "the chain was sealed and checked: {}", said(&broken));

        // A sealed record of the audit log changed behind the system's back: named too.
        let mut tx = db.store.begin().await.unwrap();
        sqlx::query("UPDATE audit_record SET actor_name = 'Кто-то другой' WHERE seq = 1").execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
        let broken = dopcert(&db, work.path()).arg("verify").output().unwrap();
        assert!(said(&broken).contains("audit_chain: журнал действий, запись № 1"), "{}", said(&broken));
    }
}
