//! A real OpenID Connect provider for tests: panva's `oidc-provider` (npm), started with Node
//! from `tools/oidc-provider` on a free port, standing in for Госуслуги. Test people and their
//! children are given as JSON claims.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct OidcProvider {
    /// The issuer, `http://127.0.0.1:PORT`.
    pub issuer: String,
    child: Child,
    _dir: tempfile::TempDir,
}

pub const CLIENT_ID: &str = "dopcert";
pub const CLIENT_SECRET: &str = "dopcert-test-secret";

fn tools_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tools/oidc-provider")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

impl OidcProvider {
    /// Starts the provider for a client whose callback is `redirect_uri`; `people` maps each
    /// subject to its claims. `None` (skipped) without Node or the npm packages, outside CI.
    pub fn start(redirect_uri: &str, people: &serde_json::Value) -> Option<OidcProvider> {
        let dir = tools_dir();
        let node_ok = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
        if !node_ok || !dir.join("node_modules/oidc-provider").is_dir() {
            crate::missing(
                "Node.js with tools/oidc-provider's packages (npm ci --prefix tools/oidc-provider)",
            )?;
            unreachable!()
        }
        let temp = tempfile::tempdir().expect("temp dir");
        let people_file = temp.path().join("people.json");
        std::fs::write(&people_file, serde_json::to_vec(people).expect("json")).expect("write people");
        let port = free_port();
        let child = Command::new("node")
            .arg(dir.join("provider.mjs"))
            .env("PORT", port.to_string())
            .env("REDIRECT_URI", redirect_uri)
            .env("PEOPLE_FILE", &people_file)
            .env("CLIENT_ID", CLIENT_ID)
            .env("CLIENT_SECRET", CLIENT_SECRET)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the OIDC provider");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "the OIDC provider did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(OidcProvider { issuer: format!("http://127.0.0.1:{port}"), child, _dir: temp })
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
