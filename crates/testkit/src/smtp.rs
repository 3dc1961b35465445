//! A real SMTP server for the notification tests: aiosmtpd (PyPI, pinned in
//! `scripts/requirements/aiosmtpd.txt`, installed by `scripts/test` into
//! `~/.cache/dopcert/venv/aiosmtpd`) writing each message it accepts into a Maildir. The tests
//! read the messages back through Python's own `email` package, so what they check is what a
//! mail program would show, not what our sender meant to write.
//!
//! Without aiosmtpd the tests that need it are skipped with a notice, unless `CI` is set.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One message as the recipient's mail program reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub from: String,
    pub to: String,
    /// Decoded (RFC 2047).
    pub subject: String,
    pub date: String,
    pub message_id: String,
    pub auto_submitted: String,
    pub content_type: String,
    /// The text, decoded from its transfer encoding.
    pub body: String,
    /// The message as it arrived, headers and encoded body.
    pub raw: String,
}

pub struct SmtpServer {
    port: u16,
    dir: tempfile::TempDir,
    python: PathBuf,
    child: Option<Child>,
}

/// The Python with aiosmtpd: `DOPCERT_AIOSMTPD_PYTHON`, the venv `scripts/test` makes, or the
/// system's python3 when it has the package.
fn python() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DOPCERT_AIOSMTPD_PYTHON") {
        return Some(PathBuf::from(p));
    }
    let has = |p: &PathBuf| {
        Command::new(p)
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let venv = home.map(|h| h.join(".cache/dopcert/venv/aiosmtpd/bin/python"));
    [venv, Some(PathBuf::from("python3"))].into_iter().flatten().find(has)
}

/// Whether an SMTP server on the port says «220» (a short blocking look: the server is local).
fn greets(port: u16) -> bool {
    use std::io::Read;
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let Ok(mut s) = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(1)) else { return false };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    let mut greeting = [0u8; 3];
    s.read_exact(&mut greeting).is_ok() && &greeting == b"220"
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

impl SmtpServer {
    /// Starts a server on a free loopback port; None (a skipped test) without aiosmtpd.
    pub async fn start() -> Option<SmtpServer> {
        let Some(python) = python() else {
            crate::missing("aiosmtpd (scripts/test installs it into ~/.cache/dopcert/venv/aiosmtpd)")?;
            unreachable!()
        };
        let dir = tempfile::Builder::new().prefix("dopcert-mail-").tempdir().expect("mail folder");
        let mut server = SmtpServer { port: free_port(), dir, python, child: None };
        server.run().await;
        Some(server)
    }

    /// `smtp://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    async fn run(&mut self) {
        let child = Command::new(&self.python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{}", self.port)])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(self.dir.path().join("maildir"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start aiosmtpd");
        self.child = Some(child);
        // Ready when it greets.
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            if greets(self.port) {
                return;
            }
            if let Some(Ok(Some(status))) = self.child.as_mut().map(Child::try_wait) {
                panic!("aiosmtpd exited at start: {status}");
            }
            assert!(Instant::now() < until, "aiosmtpd did not start within 20 s");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Stops the server (its port then refuses connections); the messages stay.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts it again on the same port.
    pub async fn restart(&mut self) {
        self.stop();
        self.run().await;
    }

    /// Every message received so far (in the Maildir's order: by the second it arrived).
    pub fn mails(&self) -> Vec<Mail> {
        let out = Command::new(&self.python)
            .args(["-c", READ_MAILDIR])
            .arg(self.dir.path().join("maildir"))
            .output()
            .expect("read the maildir");
        assert!(out.status.success(), "reading the maildir: {}", String::from_utf8_lossy(&out.stderr));
        let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON of the mails");
        let text = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
        list.iter()
            .map(|m| Mail {
                from: text(m, "from"),
                to: text(m, "to"),
                subject: text(m, "subject"),
                date: text(m, "date"),
                message_id: text(m, "message_id"),
                auto_submitted: text(m, "auto_submitted"),
                content_type: text(m, "content_type"),
                body: text(m, "body"),
                raw: text(m, "raw"),
            })
            .collect()
    }

    /// Waits (up to 20 s) until `n` messages arrived; returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Mail> {
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            let mails = self.mails();
            if mails.len() >= n || Instant::now() > until {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Reads a Maildir as a mail program would, into JSON.
const READ_MAILDIR: &str = r#"
import email, email.policy, json, mailbox, os, sys
path = sys.argv[1]
out = []
if os.path.isdir(path):
    box = mailbox.Maildir(path, factory=None, create=False)
    for key in sorted(box.keys()):
        raw = box.get_bytes(key)
        m = email.message_from_bytes(raw, policy=email.policy.default)
        out.append({
            "from": str(m["From"] or ""), "to": str(m["To"] or ""), "subject": str(m["Subject"] or ""),
            "date": str(m["Date"] or ""), "message_id": str(m["Message-ID"] or ""),
            "auto_submitted": str(m["Auto-Submitted"] or ""), "content_type": str(m["Content-Type"] or ""),
            "body": m.get_content() if m.get_content_type() == "text/plain" else "",
            "raw": raw.decode("utf-8", "replace"),
        })
json.dump(out, sys.stdout, ensure_ascii=False)
"#;
