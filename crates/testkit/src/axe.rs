//! axe-core (WCAG 2.0 and 2.1, levels A and AA) on every page the browser tests load.
//!
//! The app under test keeps a copy of every HTML page it sends to a browser (the router is
//! wrapped by [`record`]); [`Browser::close`](crate::Browser::close) then opens each distinct
//! page again in the same browser, exactly as it was sent (its headers, its CSP), at
//! `/__axe/N`, injects `tools/axe`'s `axe.min.js` over WebDriver and fails the test with a
//! readable list of violations. So no test has to remember to check its pages: a page reached
//! by a click, a form's answer or a redirect is checked like one opened by address.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use fantoccini::Client;

/// The WCAG 2.0 and 2.1 A and AA rules, as axe-core tags them.
pub const TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// Where the recorded pages are opened again (never a route of the app).
const REPLAY: &str = "/__axe/";

struct Page {
    /// `GET /catalog?q=…`: how the browser asked for it.
    request: String,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Default)]
struct Recorded {
    pages: Vec<Page>,
    seen: HashSet<u64>,
    /// Pages before this index have been checked (or the check was skipped).
    checked: usize,
}

/// The pages one app sent to browsers.
#[derive(Clone, Default)]
pub(crate) struct Pages(Arc<Mutex<Recorded>>);

/// Each running test app's pages, by its port: a browser finds its app by the address it is on.
static APPS: LazyLock<Mutex<HashMap<u16, Pages>>> = LazyLock::new(Default::default);

impl Pages {
    /// Pages recorded for the app on `port` from now until [`Pages::forget`].
    pub(crate) fn register(port: u16) -> Pages {
        let pages = Pages::default();
        APPS.lock().unwrap().insert(port, pages.clone());
        pages
    }

    /// The app has stopped: its pages go, and a page a browser loaded but no one checked is
    /// reported (fails in CI, where every page must be checked).
    pub(crate) fn forget(&self, port: u16) {
        APPS.lock().unwrap().remove(&port);
        let unchecked: Vec<String> = {
            let r = self.0.lock().unwrap();
            r.pages[r.checked..].iter().map(|p| p.request.clone()).collect()
        };
        if unchecked.is_empty() || std::thread::panicking() {
            return;
        }
        let what = format!(
            "{} page(s) a browser loaded were not checked by axe-core ({}): end the test with \
             `browser.close().await`, which checks them",
            unchecked.len(),
            unchecked.join(", ")
        );
        if crate::in_ci() {
            panic!("{what}");
        }
        eprintln!("WARNING: {what}");
    }

    fn add(&self, request: String, status: StatusCode, mut headers: HeaderMap, body: Bytes) {
        let mut hash = DefaultHasher::new();
        body.hash(&mut hash);
        let mut r = self.0.lock().unwrap();
        if r.seen.insert(hash.finish()) {
            // Opening the copy must not sign anyone in or out.
            headers.remove(header::SET_COOKIE);
            r.pages.push(Page { request, status, headers, body });
        }
    }

    fn replay(&self, n: &str) -> Response {
        let r = self.0.lock().unwrap();
        match n.parse::<usize>().ok().and_then(|n| r.pages.get(n)) {
            Some(p) => {
                let mut res = Response::new(Body::from(p.body.clone()));
                *res.status_mut() = p.status;
                *res.headers_mut() = p.headers.clone();
                res
            }
            None => StatusCode::NOT_FOUND.into_response(),
        }
    }
}

/// Middleware around the app's router: keeps every HTML page answered to a browser (as sent,
/// compressed or not), and serves the copies back at `/__axe/N`.
pub(crate) async fn record(pages: Pages, req: Request, next: Next) -> Response {
    if let Some(n) = req.uri().path().strip_prefix(REPLAY) {
        return pages.replay(n);
    }
    let from_browser = req
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ua| ua.contains("Chrome"));
    // Chromium asks for an icon on its own; its «not found» page is not one the test visited.
    let from_browser = from_browser && req.uri().path() != "/favicon.ico";
    let request = format!("{} {}", req.method(), req.uri());
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !from_browser || !html {
        return res;
    }
    let (parts, body) = res.into_parts();
    match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => {
            pages.add(request, parts.status, parts.headers.clone(), bytes.clone());
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(e) => {
            (StatusCode::INTERNAL_SERVER_ERROR, format!("recording the page failed: {e}")).into_response()
        }
    }
}

fn axe_script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tools/axe/node_modules/axe-core/axe.min.js")
}

/// Runs axe-core with the WCAG A/AA tags; answers the violations, trimmed to what a person
/// needs to find and fix them.
const RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
  .then(r => done(r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
      nodes: v.nodes.map(n => ({ target: n.target.join(' '), why: n.failureSummary || '' })),
  }))))
  .catch(e => done({ error: String(e) }));
"#;

/// Injects axe-core into the page the browser is on and runs the WCAG A/AA rules; the violations.
async fn run(c: &Client, script: &str) -> Result<Vec<serde_json::Value>, String> {
    c.execute(script, vec![]).await.map_err(|e| format!("inject: {e}"))?;
    let found = c.execute_async(RUN, vec![serde_json::json!(TAGS)]).await.map_err(|e| e.to_string())?;
    if let Some(e) = found.get("error") {
        return Err(e.to_string());
    }
    Ok(found.as_array().cloned().unwrap_or_default())
}

/// The violations of the page the browser is on, as the failure message lists them (empty
/// when none); `None` (skipped) without `tools/axe`, outside CI. For tests of the check itself.
pub async fn violations(c: &Client) -> Option<String> {
    let Ok(script) = std::fs::read_to_string(axe_script()) else {
        crate::missing("axe-core (npm ci --prefix tools/axe)")?;
        unreachable!()
    };
    let found = run(c, &script).await.expect("run axe-core");
    let url = c.current_url().await.map(|u| u.to_string()).unwrap_or_default();
    Some(if found.is_empty() { String::new() } else { describe(&url, &found) })
}

/// Checks every page the app on the browser's current address sent to the browser and no one
/// has checked yet; panics with the list of violations. Skips with a notice when `tools/axe` is
/// not installed (fails in CI).
pub(crate) async fn check(c: &Client) {
    let Ok(url) = c.current_url().await else { return };
    let Some(port) = url.port() else { return };
    let Some(pages) = APPS.lock().unwrap().get(&port).cloned() else { return };
    let (from, to) = {
        let r = pages.0.lock().unwrap();
        (r.checked, r.pages.len())
    };
    if from == to {
        return;
    }
    let Ok(script) = std::fs::read_to_string(axe_script()) else {
        pages.0.lock().unwrap().checked = to;
        let _skipped = crate::missing("axe-core (npm ci --prefix tools/axe)");
        return;
    };
    let origin = format!("http://127.0.0.1:{port}");
    let mut report = Vec::new();
    let mut paths = std::collections::BTreeSet::new();
    for n in from..to {
        let request = pages.0.lock().unwrap().pages[n].request.clone();
        paths.insert(request.split('?').next().unwrap_or_default().to_string());
        c.goto(&format!("{origin}{REPLAY}{n}")).await.expect("open the recorded page");
        let found = run(c, &script).await.unwrap_or_else(|e| panic!("axe-core failed on {request}: {e}"));
        if !found.is_empty() {
            report.push(describe(&request, &found));
        }
    }
    pages.0.lock().unwrap().checked = to;
    let checked = to - from;
    assert!(
        report.is_empty(),
        "axe-core (WCAG 2.1 A/AA) found violations on {} of {checked} pages:\n\n{}",
        report.len(),
        report.join("\n")
    );
    eprintln!(
        "axe-core: {checked} pages checked ({} paths), no WCAG 2.1 A/AA violations: {}",
        paths.len(),
        paths.into_iter().collect::<Vec<_>>().join(", ")
    );
}

/// One page's violations: rule, impact, what to do, and where (the first few elements).
fn describe(request: &str, violations: &[serde_json::Value]) -> String {
    let mut out = format!("{request}\n");
    for v in violations {
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or_default().to_string();
        out += &format!("  {} [{}]: {} ({})\n", s("id"), s("impact"), s("help"), s("url"));
        let nodes = v.get("nodes").and_then(|n| n.as_array()).cloned().unwrap_or_default();
        for node in nodes.iter().take(5) {
            let target = node.get("target").and_then(|x| x.as_str()).unwrap_or_default();
            let why = node.get("why").and_then(|x| x.as_str()).unwrap_or_default();
            out += &format!("    {target}\n      {}\n", why.replace('\n', "\n      "));
        }
        if nodes.len() > 5 {
            out += &format!("    … and {} more\n", nodes.len() - 5);
        }
    }
    out
}
