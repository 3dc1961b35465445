//! The personal-data keys as an operator meets them: made on a fresh data folder, required on
//! PostgreSQL, refused when they do not open what is sealed, and rotated with `dopcert keys`.

use std::path::Path;
use std::process::{Command, Output};

use dopcert_testkit::TestDb;

const BIN: &str = env!("CARGO_BIN_EXE_dopcert");

fn dopcert(work: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.current_dir(work)
        .env_remove("DATABASE_URL")
        .env_remove("DOPCERT_DATA")
        .env_remove("DOPCERT_PERSONAL_DATA_KEYS")
        .env_remove("DOPCERT_PERSONAL_DATA_KEYS_FILE");
    c
}

fn said(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "failed: {}", said(&o));
    said(&o)
}

fn new_key(work: &Path) -> String {
    let key = ok(dopcert(work).args(["keys", "new"]).output().unwrap()).trim().to_string();
    assert!(key.len() == 64 && key.chars().all(|c| c.is_ascii_hexdigit()), "{key}");
    key
}

#[test]
fn a_fresh_data_folder_gets_its_own_key_readable_only_by_its_owner() {
    let work = tempfile::tempdir().unwrap();
    ok(dopcert(work.path()).args(["demo", "--children", "300", "--programs", "10"]).output().unwrap());
    let file = work.path().join("data/personal-data.keys");
    let text = std::fs::read_to_string(&file).unwrap();
    let key = text.lines().find(|l| !l.starts_with('#')).unwrap();
    assert_eq!(key.len(), 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // The same key on the next start; the database holds no SNILS in clear and everything opens.
    ok(dopcert(work.path()).arg("verify").output().unwrap());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn another_key_on_the_same_data_is_refused_before_it_writes_anything() {
    let work = tempfile::tempdir().unwrap();
    ok(dopcert(work.path()).args(["demo", "--children", "300", "--programs", "10"]).output().unwrap());
    let other = new_key(work.path());
    let out = dopcert(work.path()).env("DOPCERT_PERSONAL_DATA_KEYS", &other).arg("migrate").output().unwrap();
    assert!(!out.status.success());
    assert!(said(&out).contains("зашифрованы ключом"), "{}", said(&out));
    // Nothing of the other key was recorded: the right key still starts alone.
    ok(dopcert(work.path()).arg("verify").output().unwrap());
}

#[test]
fn a_rotation_reseals_everything_and_the_old_key_can_then_go() {
    let work = tempfile::tempdir().unwrap();
    ok(dopcert(work.path()).args(["demo", "--children", "300", "--programs", "10"]).output().unwrap());
    let old = std::fs::read_to_string(work.path().join("data/personal-data.keys")).unwrap();
    let old = old.lines().find(|l| !l.starts_with('#')).unwrap().to_string();
    let new = new_key(work.path());

    // Step 1: the new key first, the old one second: both kinds of value open.
    let both = format!("{new},{old}");
    ok(dopcert(work.path()).env("DOPCERT_PERSONAL_DATA_KEYS", &both).arg("verify").output().unwrap());
    // Step 2: the rotation.
    let said = ok(dopcert(work.path())
        .env("DOPCERT_PERSONAL_DATA_KEYS", &both)
        .args(["keys", "rotate"])
        .output()
        .unwrap());
    assert!(said.contains("Перешифровано"), "{said}");
    // Step 3: the new key alone opens everything (verify opens every sealed value) …
    ok(dopcert(work.path()).env("DOPCERT_PERSONAL_DATA_KEYS", &new).arg("verify").output().unwrap());
    // … and the old one alone no longer starts.
    let out = dopcert(work.path()).env("DOPCERT_PERSONAL_DATA_KEYS", &old).arg("verify").output().unwrap();
    assert!(!out.status.success(), "{}", self::said(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgresql_needs_its_keys_given() {
    let Some(db) = TestDb::postgres().await else { return };
    let work = tempfile::tempdir().unwrap();
    let out = dopcert(work.path()).env("DATABASE_URL", &db.url).arg("migrate").output().unwrap();
    assert!(!out.status.success());
    assert!(said(&out).contains("DOPCERT_PERSONAL_DATA_KEYS"), "{}", said(&out));
    assert!(!work.path().join("data").exists(), "no key file is made for PostgreSQL");
    let keys = work.path().join("keys");
    std::fs::write(&keys, format!("{}\n", dopcert_testkit::PERSONAL_DATA_KEYS)).unwrap();
    ok(dopcert(work.path())
        .env("DATABASE_URL", &db.url)
        .args(["--personal-data-keys-file", keys.to_str().unwrap(), "verify"])
        .output()
        .unwrap());
}
