//! Cheap phones and slow networks (issue 9), over real HTTP on the demo region of its full size:
//! every main page of each role, with every stylesheet, script and image it references, is at
//! most 60 KB on the wire gzipped (a cold cache: nothing counted as already there; a program's
//! map tiles are OpenStreetMap's, the only other site's files a page loads, counted apart);
//! answers are compressed; static assets have content-hashed names and are cached as immutable;
//! pages work without JavaScript (every form has a real action and method, every button is in a
//! form, no `javascript:` link, no inline script, no handler attribute); a catalog of the demo's
//! full size comes in pages, not as one long page. Prints the table of sizes (docs/PAGES.md keeps
//! the last run's).

mod main_pages;

use std::collections::HashMap;
use std::io::Read;

use dopcert_app::catalog::PAGE_SIZE;
use dopcert_app::demo::DEMO_PASSWORD;
use dopcert_testkit::TestApp;
use reqwest::header::HeaderMap;

/// The issue's budget: 60 KB transferred for a page and what it references.
const BUDGET: usize = 60 * 1024;

/// A browser's client that counts what crosses the wire: it asks for gzip and does not unpack.
fn wire_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .gzip(false)
        .build()
        .unwrap()
}

struct Fetched {
    status: u16,
    headers: HeaderMap,
    /// Status line, headers and body as sent (the body compressed if it was).
    wire: usize,
    /// The body as the browser reads it, unpacked.
    body: Vec<u8>,
}

impl Fetched {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    fn gzipped(&self) -> bool {
        self.header("content-encoding") == "gzip"
    }
}

async fn fetch(c: &reqwest::Client, t: &TestApp, path: &str) -> Fetched {
    let res = c.get(t.at(path)).header("accept-encoding", "gzip, deflate, br").send().await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let sent = res.bytes().await.unwrap();
    let head = "HTTP/1.1 200 OK\r\n".len()
        + headers.iter().map(|(k, v)| k.as_str().len() + 2 + v.len() + 2).sum::<usize>()
        + 2;
    let mut f = Fetched { status, headers, wire: head + sent.len(), body: sent.to_vec() };
    if f.gzipped() {
        let mut body = Vec::new();
        flate2::read::GzDecoder::new(&sent[..]).read_to_end(&mut body).expect("a gzip body");
        f.body = body;
    }
    f
}

/// A start tag with its attributes, or an end tag (`end`), in document order.
struct Tag {
    name: String,
    end: bool,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// The tags of a server-rendered page: enough HTML for our own templates (quoted or bare
/// attribute values, comments skipped), not a general parser.
fn tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let end = rest.starts_with('/');
        let s = rest.trim_start_matches('/');
        let name_len = s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(s.len());
        if name_len == 0 {
            continue;
        }
        let name = s[..name_len].to_ascii_lowercase();
        let mut s = &s[name_len..];
        let mut attrs = Vec::new();
        loop {
            s = s.trim_start();
            if s.is_empty() || s.starts_with('>') || s.starts_with("/>") {
                break;
            }
            let n =
                s.find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/').unwrap_or(s.len());
            let key = s[..n.max(1)].to_ascii_lowercase();
            s = s[n.max(1)..].trim_start();
            let mut value = String::new();
            if let Some(v) = s.strip_prefix('=') {
                let v = v.trim_start();
                let (val, after) = match v.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let close = v[1..].find(q).map_or(v.len(), |i| i + 1);
                        (&v[1..close], v.get(close + 1..).unwrap_or(""))
                    }
                    _ => {
                        let e = v.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(v.len());
                        (&v[..e], &v[e..])
                    }
                };
                value = val.replace("&amp;", "&");
                s = after;
            }
            attrs.push((key, value));
        }
        rest = s;
        out.push(Tag { name, end, attrs });
    }
    out
}

/// What a page references that a browser fetches with it.
fn referenced(tags: &[Tag]) -> Vec<String> {
    let mut refs = Vec::new();
    for t in tags.iter().filter(|t| !t.end) {
        let url = match t.name.as_str() {
            "link"
                if t.attr("rel")
                    .is_some_and(|r| r.split_whitespace().any(|r| r == "stylesheet" || r == "icon")) =>
            {
                t.attr("href")
            }
            "script" | "img" | "source" | "iframe" => t.attr("src"),
            "image" => t.attr("href"),
            _ => None,
        };
        refs.extend(url.map(str::to_string));
    }
    refs
}

/// Why the page would not work without JavaScript; empty when it does.
fn needs_script(tags: &[Tag]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut in_form = 0usize;
    for t in tags {
        if t.name == "form" {
            if t.end {
                in_form = in_form.saturating_sub(1);
                continue;
            }
            in_form += 1;
            let method = t.attr("method").unwrap_or("").to_ascii_lowercase();
            let action = t.attr("action").unwrap_or("");
            if !(method == "get" || method == "post") || !action.starts_with('/') {
                problems.push(format!("a form without a real action and method: {action:?} {method:?}"));
            }
        }
        if t.end {
            continue;
        }
        for (k, v) in &t.attrs {
            if k.starts_with("on") && k.len() > 2 {
                problems.push(format!("<{} {k}=…>: a script handler", t.name));
            }
            if v.trim_start().to_ascii_lowercase().starts_with("javascript:") {
                problems.push(format!("<{} {k}=\"{v}\">", t.name));
            }
        }
        match t.name.as_str() {
            "script" if t.attr("src").is_none() => problems.push("an inline <script>".into()),
            "script"
                if t.attr("defer").is_none()
                    && t.attr("async").is_none()
                    && t.attr("type") != Some("module") =>
            {
                problems.push(format!(
                    "<script src={:?}> blocks the page: only deferred enhancements",
                    t.attr("src")
                ))
            }
            "button" | "input"
                if in_form == 0
                    && t.attr("form").is_none()
                    && (t.name == "button"
                        || matches!(t.attr("type"), Some("submit" | "button" | "reset"))) =>
            {
                problems.push(format!("a <{}> outside any form does nothing without a script", t.name))
            }
            "a" if t.attr("href").is_none_or(|h| h.is_empty() || h == "#") && t.attr("id").is_none() => {
                problems.push("a link without a destination".into())
            }
            _ => {}
        }
    }
    problems
}

fn is_hashed_asset(path: &str) -> bool {
    // /static/<stem>.<12 hex digits>.<ext>
    let Some(name) = path.strip_prefix("/static/") else { return false };
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() == 3
        && !parts[0].is_empty()
        && parts[1].len() == 12
        && parts[1].chars().all(|c| c.is_ascii_hexdigit())
        && !parts[2].is_empty()
}

struct Row {
    name: &'static str,
    html_gzip: usize,
    html_raw: usize,
    assets: usize,
    total: usize,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_main_page_fits_60_kb_gzipped_is_cached_and_works_without_javascript() {
    let world = main_pages::world().await;
    let t = &world.app;
    let mut clients: HashMap<&str, reqwest::Client> = HashMap::new();
    let mut assets: HashMap<String, Fetched> = HashMap::new();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut tiles = 0;
    for page in &world.pages {
        let who = page.login.unwrap_or("");
        if !clients.contains_key(who) {
            let c = wire_client();
            if let Some(login) = page.login {
                assert_eq!(t.login(&c, login, DEMO_PASSWORD).await.status(), 303, "{login} logs in");
            }
            clients.insert(who, c);
        }
        let c = &clients[who];
        let html = fetch(c, t, &page.path).await;
        assert_eq!(html.status, 200, "{} ({})", page.name, page.path);
        assert!(html.header("content-type").starts_with("text/html"), "{}", page.name);
        if !html.gzipped() {
            problems.push(format!("{}: the page is not compressed", page.name));
        }
        let text = String::from_utf8(html.body.clone()).unwrap();
        let tags = tags(&text);
        problems.extend(needs_script(&tags).into_iter().map(|p| format!("{}: {p}", page.name)));

        let mut weight = 0;
        for url in referenced(&tags) {
            if !url.starts_with('/') || url.starts_with("//") {
                // The program's map: OpenStreetMap's tiles, the only thing of another site a page
                // may load (the CSP says the same); not ours to weigh, counted apart.
                if !url.starts_with("https://tile.openstreetmap.org/") {
                    problems.push(format!("{}: {url} is another site's", page.name));
                }
                tiles += 1;
                continue;
            }
            if !assets.contains_key(&url) {
                let f = fetch(c, t, &url).await;
                assert_eq!(f.status, 200, "{url} referenced by {}", page.name);
                assets.insert(url.clone(), f);
            }
            let a = &assets[&url];
            let textual = ["text/", "application/javascript", "image/svg"]
                .iter()
                .any(|p| a.header("content-type").starts_with(p));
            if textual && !a.gzipped() {
                problems.push(format!("{url}: not compressed"));
            }
            if url.starts_with("/static/") {
                if !is_hashed_asset(&url) {
                    problems.push(format!("{url}: no content hash in the name"));
                }
                let cache = a.header("cache-control");
                if !(cache.contains("immutable") && cache.contains("max-age=31536000")) {
                    problems.push(format!("{url}: cached as {cache:?}, not for a year as immutable"));
                }
            }
            weight += a.wire;
        }
        let total = html.wire + weight;
        if total > BUDGET {
            problems.push(format!("{}: {total} bytes on the wire, over the budget of {BUDGET}", page.name));
        }
        rows.push(Row {
            name: page.name,
            html_gzip: html.wire,
            html_raw: html.body.len(),
            assets: weight,
            total,
        });
    }

    println!("{:<24} {:>10} {:>10} {:>10} {:>10}", "page", "HTML gzip", "assets", "total", "HTML raw");
    for r in &rows {
        println!("{:<24} {:>10} {:>10} {:>10} {:>10}", r.name, r.html_gzip, r.assets, r.total, r.html_raw);
    }
    let heaviest = rows.iter().map(|r| r.total).max().unwrap();
    println!(
        "budget {BUDGET} bytes; heaviest page {heaviest}; map tiles of OpenStreetMap not counted: {tiles}"
    );
    assert!(rows.len() >= 30, "the main pages of every role: {}", rows.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_catalog_of_the_demos_full_size_comes_in_pages() {
    let t = &main_pages::demo().await;
    let c = wire_client();
    let first = fetch(&c, t, "/catalog").await;
    let html = String::from_utf8(first.body).unwrap();
    let found: usize = html
        .split("Найдено программ: ")
        .nth(1)
        .and_then(|s| s.split('.').next())
        .and_then(|n| n.replace(['\u{a0}', ' '], "").parse().ok())
        .expect("the count of programs found");
    let pages = found.div_ceil(PAGE_SIZE);
    assert!(pages >= 5, "the demo's catalog fills pages: {found} programs");
    let cards = |html: &str| html.matches("<li class=\"card\">").count();
    assert_eq!(cards(&html), PAGE_SIZE, "one page of cards, not all {found}");
    assert!(html.contains("rel=\"next\""), "a link to the next page");
    assert!(!html.contains("rel=\"prev\""), "the first page has none before it");
    // The last page: the rest of the cards, a way back, none forward.
    let last = fetch(&c, t, &format!("/catalog?page={pages}")).await;
    let html = String::from_utf8(last.body).unwrap();
    assert_eq!(cards(&html), found - (pages - 1) * PAGE_SIZE, "the last page holds the rest");
    assert!(html.contains("rel=\"prev\"") && !html.contains("rel=\"next\""));
    assert!(first.wire < BUDGET / 2, "the first page of {found} programs: {} bytes", first.wire);
}
