//! Highly available PostgreSQL for the failover test (issue 10): streaming replication managed
//! by Patroni over etcd, with HAProxy as the service address that follows the primary. All of
//! it from Debian's packages (patroni, etcd-server, haproxy), on 127.0.0.1 ports of the test's
//! own, in a temporary folder; the same set-up as `deploy/patroni/` describes for production.
//!
//! Replication is synchronous (`synchronous_mode`): a commit is acknowledged only once the
//! standby has it, so the standby Patroni promotes has every acknowledged commit.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::pg::{
    as_server_user, bin_dir, detached, free_port, give_to_server_user, server_folder, sqlx_free,
};

/// The superuser's password of the cluster (HAProxy's address takes TCP with a password).
const PASSWORD: &str = "patroni-test";

struct Node {
    config: PathBuf,
    rest: u16,
    pg: u16,
}

/// etcd, `nodes` Patroni-managed PostgreSQL servers and HAProxy in front of them. Stopped, and
/// its folder removed, when the test process is gone.
pub struct PatroniCluster {
    dir: PathBuf,
    nodes: Vec<Node>,
    port: u16,
    /// HAProxy's statistics page: which servers it sends connections to.
    stats: u16,
}

/// The program on the PATH or in /usr/sbin, if installed.
fn program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/usr/bin")])
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// The server binaries Patroni runs (initdb, pg_ctl, pg_controldata…): where they all are, the
/// test's usual place first, else Debian's newest `/usr/lib/postgresql/<version>/bin`.
fn full_bin_dir() -> Option<PathBuf> {
    let whole =
        |d: &Path| ["initdb", "pg_ctl", "pg_controldata", "postgres"].iter().all(|b| d.join(b).is_file());
    if let Some(d) = bin_dir().filter(|d| whole(d)) {
        return Some(d);
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|d| whole(d))
        .collect();
    found.sort_by_key(|d| {
        d.parent().and_then(|v| v.file_name()).and_then(|v| v.to_str()).and_then(|v| v.parse::<u32>().ok())
    });
    found.pop()
}

impl PatroniCluster {
    /// `None` (skipped, with a notice) when a part is missing outside CI. Returns once the
    /// first node leads, every other streams as its synchronous standby, and HAProxy reaches
    /// the primary.
    pub fn start(nodes: usize) -> Option<PatroniCluster> {
        let (Some(patroni), Some(etcd), Some(haproxy), Some(pg_bin)) =
            (program("patroni"), program("etcd"), program("haproxy"), full_bin_dir())
        else {
            crate::missing("Patroni, etcd and HAProxy (Debian: patroni etcd-server haproxy)")?;
            unreachable!()
        };
        let dir = server_folder("dopcert-patroni-");
        let etcd_port = free_port();
        let mut cluster =
            PatroniCluster { dir: dir.clone(), nodes: Vec::new(), port: free_port(), stats: free_port() };
        for i in 0..nodes {
            let (rest, pg) = (free_port(), free_port());
            let config = dir.join(format!("node{i}.yml"));
            std::fs::write(&config, node_config(&dir, i, rest, pg, etcd_port, &pg_bin)).unwrap();
            cluster.nodes.push(Node { config, rest, pg });
        }
        std::fs::write(dir.join("haproxy.cfg"), cluster.haproxy_config()).unwrap();
        // The configurations written above are read by Patroni and HAProxy as that user.
        give_to_server_user(&dir);
        // A watchdog: once this test process is gone, everything started in the folder goes.
        let d = dir.display();
        detached(
            &format!(
                "while kill -0 {parent} 2>/dev/null; do sleep 1; done; pkill -9 -f {d}; sleep 1; rm -rf {d}",
                parent = std::process::id()
            ),
            "start the watchdog",
        );
        let peer = free_port();
        cluster.spawn(
            &etcd,
            &[
                "--name=e0".into(),
                format!("--data-dir={d}/etcd"),
                format!("--listen-client-urls=http://127.0.0.1:{etcd_port}"),
                format!("--advertise-client-urls=http://127.0.0.1:{etcd_port}"),
                format!("--listen-peer-urls=http://127.0.0.1:{peer}"),
                format!("--initial-advertise-peer-urls=http://127.0.0.1:{peer}"),
                format!("--initial-cluster=e0=http://127.0.0.1:{peer}"),
            ],
            "etcd.log",
        );
        wait_until(Duration::from_secs(30), "etcd to answer", || {
            std::net::TcpStream::connect(("127.0.0.1", etcd_port)).is_ok()
        });
        for i in 0..nodes {
            let config = cluster.nodes[i].config.to_string_lossy().to_string();
            cluster.spawn(&patroni, &[config], &format!("node{i}.log"));
            let want = if i == 0 { "leader" } else { "sync_standby" };
            let what = format!("node {i} to run as {want}");
            wait_until(Duration::from_secs(90), &what, || cluster.role_of(i).as_deref() == Some(want));
        }
        let cfg = format!("{d}/haproxy.cfg");
        cluster.spawn(&haproxy, &["-db".into(), "-f".into(), cfg], "haproxy.log");
        wait_until(Duration::from_secs(30), "HAProxy to reach the primary", || cluster.reaches_primary());
        Some(cluster)
    }

    /// The URL of database `name` through HAProxy (the address that follows the primary).
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres:{PASSWORD}@127.0.0.1:{}/{name}", self.port)
    }

    /// A new database, as a URL through HAProxy.
    pub async fn create_database(&self) -> String {
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        sqlx_free::admin_execute(&self.url("postgres"), &format!("CREATE DATABASE {name}")).await;
        self.url(&name)
    }

    /// Which node leads now, as its members' list says.
    pub fn leader(&self) -> Option<usize> {
        (0..self.nodes.len()).find(|i| self.role_of(*i).as_deref() == Some("leader"))
    }

    /// Stops the primary as a crash would (SIGKILL to its Patroni and its PostgreSQL), then
    /// waits until Patroni has promoted another node and HAProxy reaches it; returns the old
    /// and the new leader.
    pub fn kill_the_primary(&self) -> (usize, usize) {
        let old = self.leader().expect("a leader");
        let node = format!("{}/node{old}", self.dir.display());
        // The node's Patroni (its config) and its PostgreSQL (its data folder).
        let _ = Command::new("pkill").args(["-9", "-f", &node]).status();
        let promoted = Instant::now();
        let mut new = None;
        wait_until(Duration::from_secs(120), "a standby to be promoted", || {
            new = self.leader().filter(|n| *n != old);
            new.is_some()
        });
        wait_until(Duration::from_secs(30), "HAProxy to reach the new primary", || self.reaches_primary());
        eprintln!("patroni: node {old} killed; node {} leads after {:.1?}", new.unwrap(), promoted.elapsed());
        (old, new.unwrap())
    }

    /// The logs of etcd, the nodes and HAProxy, for a failing test.
    pub fn logs(&self) -> String {
        let mut out = String::new();
        for entry in std::fs::read_dir(&self.dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.extension().is_some_and(|e| e == "log") {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                let lines: Vec<&str> = text.lines().collect();
                out +=
                    &format!("== {}\n{}\n", p.display(), lines[lines.len().saturating_sub(30)..].join("\n"));
            }
        }
        out
    }

    // Never waited for: the watchdog ends them (`runuser` would not pass a kill on).
    #[allow(clippy::zombie_processes)]
    fn spawn(&self, program: &Path, args: &[String], log: &str) {
        let log = std::fs::File::create(self.dir.join(log)).unwrap();
        as_server_user(program)
            .args(args)
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", program.display()));
    }

    /// The node's role as its own REST API tells: `leader`, `sync_standby`, `replica`…
    fn role_of(&self, i: usize) -> Option<String> {
        let body = http_get(self.nodes[i].rest, "/cluster")?;
        let v: serde_json::Value = serde_json::from_str(&body).ok()?;
        let name = format!("node{i}");
        let members = v.get("members")?.as_array()?;
        let m = members.iter().find(|m| m.get("name").and_then(|n| n.as_str()) == Some(&name))?;
        (m.get("state")?.as_str()? == "running").then(|| m.get("role")?.as_str().map(str::to_string))?
    }

    /// HAProxy sends connections to the leader and to no other node.
    fn reaches_primary(&self) -> bool {
        let Some(leader) = self.leader() else { return false };
        let Some(csv) = http_get(self.stats, "/;csv") else { return false };
        let mut lines = csv.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").trim_start_matches("# ").split(',').collect();
        let (Some(name), Some(status)) =
            (header.iter().position(|h| *h == "svname"), header.iter().position(|h| *h == "status"))
        else {
            return false;
        };
        (0..self.nodes.len()).all(|i| {
            let row = lines
                .clone()
                .map(|l| l.split(',').collect::<Vec<_>>())
                .find(|r| r.get(name) == Some(&format!("node{i}").as_str()));
            let up = row.and_then(|r| r.get(status).map(|s| s.starts_with("UP"))).unwrap_or(false);
            up == (i == leader)
        })
    }

    /// HAProxy in TCP mode: only the node whose Patroni answers 200 on `/primary` gets
    /// connections; a node marked down has its sessions cut, so clients reconnect.
    fn haproxy_config(&self) -> String {
        let servers: String = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| format!("    server node{i} 127.0.0.1:{} check port {}\n", n.pg, n.rest))
            .collect();
        format!(
            "global\n    maxconn 2000\n\
             defaults\n    mode tcp\n    timeout connect 2s\n    timeout client 30m\n    timeout server 30m\n\
             listen stats\n    mode http\n    bind 127.0.0.1:{stats}\n    stats enable\n    stats uri /\n\
             listen postgres\n    bind 127.0.0.1:{port}\n    option httpchk GET /primary\n    http-check expect status 200\n\
             \x20   default-server inter 500 fall 2 rise 1 on-marked-down shutdown-sessions\n{servers}",
            port = self.port,
            stats = self.stats,
        )
    }
}

/// A node's Patroni configuration: synchronous replication, the shortest timings Patroni takes
/// (a leader's key lives 20 s), trust on 127.0.0.1 for replication, a password for clients.
fn node_config(dir: &Path, i: usize, rest: u16, pg: u16, etcd: u16, bin: &Path) -> String {
    let d = dir.display();
    format!(
        "scope: dopcert-test
name: node{i}
restapi:
  listen: 127.0.0.1:{rest}
  connect_address: 127.0.0.1:{rest}
etcd3:
  hosts: 127.0.0.1:{etcd}
bootstrap:
  dcs:
    ttl: 20
    loop_wait: 2
    retry_timeout: 5
    maximum_lag_on_failover: 1048576
    synchronous_mode: true
    postgresql:
      use_pg_rewind: false
      parameters:
        max_connections: 200
        fsync: 'off'
  initdb:
    - encoding: UTF8
    - locale: C
  pg_hba:
    - host replication replicator 127.0.0.1/32 trust
    - host all all 127.0.0.1/32 md5
  users: {{}}
postgresql:
  listen: 127.0.0.1:{pg}
  connect_address: 127.0.0.1:{pg}
  data_dir: {d}/node{i}-data
  bin_dir: {bin}
  pgpass: {d}/node{i}.pgpass
  authentication:
    replication:
      username: replicator
      password: replicator
    superuser:
      username: postgres
      password: {PASSWORD}
  parameters:
    unix_socket_directories: {d}
",
        bin = bin.display()
    )
}

/// A GET to 127.0.0.1:`port`: the body of a 200 answer, else None.
fn http_get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(3))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut answer = String::new();
    s.read_to_string(&mut answer).ok()?;
    let (head, body) = answer.split_once("\r\n\r\n")?;
    if head.split(' ').nth(1) != Some("200") {
        return None;
    }
    if !head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        return Some(body.to_string());
    }
    // HAProxy's statistics answer in chunks even to HTTP/1.0: size in hex, CRLF, data, CRLF.
    let (mut rest, mut out) = (body, String::new());
    loop {
        let (size, after) = rest.split_once("\r\n")?;
        let size = usize::from_str_radix(size.trim(), 16).ok()?;
        if size == 0 {
            return Some(out);
        }
        out.push_str(after.get(..size)?);
        rest = after.get(size..)?.strip_prefix("\r\n")?;
    }
}

fn wait_until(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < limit, "waited {limit:?} for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}
