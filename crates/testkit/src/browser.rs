//! A real headless Chromium (Debian's `chromium`), driven over WebDriver by `chromedriver`.
//! Never a downloaded browser. Every page it loads from a test app is checked by axe-core when
//! the test closes it (see `axe`).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

fn which(name: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

impl Browser {
    /// Starts chromedriver and a headless Chromium with a fresh profile; `None` (skipped)
    /// when they are not installed and CI is not set.
    pub async fn start() -> Option<Browser> {
        let (Some(driver_bin), Some(chromium)) = (which("chromedriver"), which("chromium")) else {
            crate::missing("chromium and chromium-driver (Debian packages)")?;
            unreachable!()
        };
        let port = free_port();
        let driver = Command::new(driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = tempfile::tempdir().expect("profile dir");
        let args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--window-size=1280,800".into(),
            "--lang=ru".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), serde_json::json!({ "binary": chromium, "args": args }));
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("start a Chromium session");
        Some(Browser { client, driver, _profile: profile })
    }

    /// Runs axe-core (WCAG 2.1 A/AA) on every page the app the browser is on has sent it since
    /// the last check; panics with the violations (see `axe`). `close` does this too.
    pub async fn check_accessibility(&self) {
        crate::axe::check(&self.client).await;
    }

    /// Checks the pages the browser loaded (see [`Browser::check_accessibility`]), closes the
    /// browser session and stops chromedriver.
    pub async fn close(mut self) {
        crate::axe::check(&self.client).await;
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}
