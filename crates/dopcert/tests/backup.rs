//! Backups as an operator makes and restores them: `dopcert backup --to FILE` copies a SQLite
//! database while it is in use, checks the copy, and the copy restored as a data folder's
//! `dopcert.db` passes `dopcert verify` with the same registry; an existing file is never
//! overwritten; on PostgreSQL the command explains pg_dump and pg_restore instead.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use dopcert_app::certificate::{self, ClaimInput};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::{enrollment, App, Clock};
use dopcert_domain::ids::PersonId;
use dopcert_store::{Store, StoreOptions};
use dopcert_testkit::programs::{actor, certified_group, GroupSpec};
use dopcert_testkit::TestDb;

const BIN: &str = env!("CARGO_BIN_EXE_dopcert");

fn dopcert(work: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(work).env_remove("DATABASE_URL").env_remove("DOPCERT_DATA").env_remove("DOPCERT_LISTEN");
    cmd
}

fn on(db: &TestDb, work: &Path) -> Command {
    let mut cmd = dopcert(work);
    cmd.args(["--data", db.data_dir().unwrap().to_str().unwrap()]);
    cmd
}

fn said(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// `n` children of one parent, born ten years ago, without certificates yet.
async fn children(db: &TestDb, login: &str, surname: &str, n: usize) -> Vec<PersonId> {
    let born = Clock::system().today().saturating_sub(jiff::Span::new().years(10));
    let letters = ["а", "б", "в", "г", "д", "е", "ж", "з", "и", "к"];
    let names: Vec<String> = (0..n)
        .map(|i| format!("{surname} Ребёнок{}{} Иванович", letters[i % 10], letters[i / 10 % 10]))
        .collect();
    let kids: Vec<(&str, Option<jiff::civil::Date>)> =
        names.iter().map(|n| (n.as_str(), Some(born))).collect();
    dopcert_testkit::family(&db.store, login, &format!("{surname}а Анна Ивановна"), &kids, true)
        .await
        .children
}

/// The demo region with money moved: a family's children funded and enrolled in a paid group.
async fn region_with_money(db: &TestDb) -> App {
    let app = App::new(db.store.clone(), Clock::system());
    demo::load(&app, &DemoOptions { children: 200, seed: 69, programs: 0 }).await.unwrap();
    let today = app.clock.today();
    {
        // Enough funded places: every claim below credits a nominal.
        let mut tx = db.store.begin().await.unwrap();
        for p in dopcert_store::period::of_year(&mut tx, i32::from(today.year())).await.unwrap() {
            dopcert_store::period::set_quota(&mut tx, &p.id, 100_000).await.unwrap();
        }
        tx.commit().await.unwrap();
    }
    let (_, group) = certified_group(&app, &GroupSpec::around(10, "1000", today)).await;
    let kids = children(db, "kopiya", "Копиев", 10).await;
    let (parent, dtdm) = (actor(&app, "kopiya").await, actor(&app, "dtdm").await);
    for child in &kids {
        let claim = ClaimInput { child_id: child.clone(), consent: true, municipality_id: None };
        certificate::claim(&app, &parent, &claim).await.unwrap();
        let a = enrollment::apply(&app, &parent, child, &group, true).await.unwrap();
        enrollment::decide(&app, &dtdm, &a.application_id, true, "").await.unwrap();
    }
    app
}

const COUNTED: [&str; 5] = ["certificate", "person", "ledger_entry", "ledger_posting", "application"];

async fn counts(store: &Store) -> Vec<(&'static str, i64)> {
    let mut conn = store.reader().await.unwrap();
    let mut out = Vec::new();
    for table in COUNTED {
        let n: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&mut *conn).await.unwrap();
        out.push((table, n));
    }
    out
}

/// Moves `copy` into a new data folder as its `dopcert.db`, as an operator restores it.
/// A restore: the copy in a new data folder, then the personal-data keys, kept apart from the
/// backups, put back beside it.
fn restore(copy: &Path, into: &Path) {
    std::fs::create_dir_all(into).unwrap();
    std::fs::rename(copy, into.join("dopcert.db")).unwrap();
}

fn restore_keys(db: &TestDb, into: &Path) {
    let keys = "personal-data.keys";
    std::fs::copy(db.data_dir().unwrap().join(keys), into.join(keys)).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_to_the_same_registry_and_passes_verify() {
    let db = TestDb::sqlite().await;
    let _app = region_with_money(&db).await;
    let work = tempfile::tempdir().unwrap();

    // The test's own store stays open on the file, as a running server's would.
    let made = on(&db, work.path()).args(["backup", "--to", "copy.db"]).output().unwrap();
    let text = said(&made);
    assert!(made.status.success(), "{text}");
    assert!(text.contains("Копия базы данных записана в copy.db") && text.contains("МБ за"), "{text}");
    let checked = format!("Копия проверена: проверок {}, нарушений нет", dopcert_store::verify::CHECKS.len());
    assert!(text.contains(&checked), "{text}");

    let restored = work.path().join("restored");
    restore(&work.path().join("copy.db"), &restored);
    // Without its keys the copy's SNILS cannot be read, and the server says so instead of starting.
    let keyless =
        dopcert(work.path()).args(["--data", restored.to_str().unwrap(), "verify"]).output().unwrap();
    assert!(!keyless.status.success() && said(&keyless).contains("зашифрованы ключом"), "{}", said(&keyless));
    std::fs::remove_file(restored.join("personal-data.keys")).unwrap();
    restore_keys(&db, &restored);
    let ok = dopcert(work.path()).args(["--data", restored.to_str().unwrap(), "verify"]).output().unwrap();
    assert!(ok.status.success() && said(&ok).contains("Нарушений нет"), "{}", said(&ok));

    let copy = Store::open(&StoreOptions::sqlite_in(&restored)).await.unwrap();
    let (before, after) = (counts(&db.store).await, counts(&copy).await);
    copy.close().await;
    assert_eq!(before, after, "the restored registry is the original one");
    assert!(before.iter().all(|(_, n)| *n > 0), "money was moved before the backup: {before:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_claims_are_written_is_one_consistent_moment() {
    let db = TestDb::sqlite().await;
    let app = region_with_money(&db).await;
    let kids = children(&db, "pishet", "Пишущев", 60).await;
    let parent = actor(&app, "pishet").await;
    let work = tempfile::tempdir().unwrap();
    let issued = |store: Store| async move {
        let mut conn = store.reader().await.unwrap();
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM certificate").fetch_one(&mut *conn).await.unwrap()
    };
    let first = issued(db.store.clone()).await;

    let mut backup = on(&db, work.path())
        .args(["backup", "--to", "busy.db"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Claims, each its own transaction moving money, until the backup has finished.
    let started = Instant::now();
    let mut claimed = 0;
    for child in &kids {
        if backup.try_wait().unwrap().is_some() {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(120), "the backup did not finish");
        let claim = ClaimInput { child_id: child.clone(), consent: true, municipality_id: None };
        certificate::claim(&app, &parent, &claim).await.unwrap();
        claimed += 1;
    }
    let made = backup.wait_with_output().unwrap();
    assert!(made.status.success() && said(&made).contains("нарушений нет"), "{}", said(&made));
    assert!(claimed > 0, "claims were written while the backup ran");

    let restored = work.path().join("restored");
    restore(&work.path().join("busy.db"), &restored);
    restore_keys(&db, &restored);
    let ok = dopcert(work.path()).args(["--data", restored.to_str().unwrap(), "verify"]).output().unwrap();
    assert!(ok.status.success() && said(&ok).contains("Нарушений нет"), "{}", said(&ok));
    let copy = Store::open(&StoreOptions::sqlite_in(&restored)).await.unwrap();
    let in_copy = issued(copy.clone()).await;
    copy.close().await;
    let last = issued(db.store.clone()).await;
    assert!((first..=last).contains(&in_copy), "{first} ≤ {in_copy} ≤ {last}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_never_overwrites_an_existing_file() {
    let db = TestDb::sqlite().await;
    let work = tempfile::tempdir().unwrap();
    let kept = work.path().join("yesterday.db");
    std::fs::write(&kept, "yesterday's backup").unwrap();

    let refused = on(&db, work.path()).args(["backup", "--to", "yesterday.db"]).output().unwrap();
    assert!(!refused.status.success(), "{}", said(&refused));
    assert!(said(&refused).contains("yesterday.db уже существует"), "{}", said(&refused));
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "yesterday's backup");
}

#[test]
fn on_postgresql_backup_explains_pg_dump_and_touches_nothing() {
    let work = tempfile::tempdir().unwrap();
    // Nothing listens there: the command must not connect.
    let told = dopcert(work.path())
        .env("DATABASE_URL", "postgres://dop:s3cret@127.0.0.1:1/dopcert")
        .args(["backup", "--to", "dopcert.dump"])
        .output()
        .unwrap();
    let text = said(&told);
    assert!(told.status.success(), "{text}");
    assert!(text.contains("pg_dump -Fc -h 127.0.0.1 -p 1 -U dop -d dopcert -f dopcert.dump"), "{text}");
    assert!(text.contains("pg_restore") && text.contains("dopcert verify"), "{text}");
    assert!(!text.contains("s3cret"), "the password is never printed: {text}");
    assert!(!work.path().join("dopcert.dump").exists());
}
