//! The test harness: every test gets a fresh database (SQLite file or PostgreSQL database on a
//! real server started from the system's binaries), can start the app on a free port, and can
//! drive a real headless Chromium and receive e-mail on a real SMTP server. Tests read like the user's story; this crate builds the world.

mod app;
pub mod axe;
mod browser;
mod db;
mod family;
pub mod keyboard;
pub mod oidc;
mod patroni;
pub mod pdf;
mod pg;
pub mod programs;
mod smtp;
pub mod ui;

pub use app::{location, TestApp};
pub use browser::Browser;
pub use db::{install_keys, Engine, TestDb, PERSONAL_DATA_KEYS};
pub use family::{family, Family};
pub use patroni::PatroniCluster;
pub use pg::PgServer;
pub use smtp::{Mail, SmtpServer};

/// True when running in CI: a missing PostgreSQL or browser then fails the suite instead of
/// skipping, so that a green CI means every test ran.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Skips (returns `None`) outside CI, fails inside: for parts of the machine a test needs.
pub(crate) fn missing(what: &str) -> Option<std::convert::Infallible> {
    if in_ci() {
        panic!("{what} is required in CI (CI is set) but missing");
    }
    eprintln!("SKIPPED: {what} is missing on this machine; see README «Tests»");
    None
}

/// Runs a store or app test on both databases: the body is compiled twice, once per engine,
/// as `NAME::sqlite` and `NAME::postgres`.
///
/// ```ignore
/// both_databases! {
///     async fn r01_one_certificate_per_child(db) { … }
/// }
/// ```
#[macro_export]
macro_rules! both_databases {
    ($(
        $(#[$meta:meta])*
        async fn $name:ident($db:ident) $body:block
    )*) => {$(
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $db = $crate::TestDb::sqlite().await;
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some($db) = $crate::TestDb::postgres().await else { return };
                $body
            }
        }
    )*};
}
