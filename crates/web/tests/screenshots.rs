//! The main pages of each role in a real headless Chromium at a phone's 360×640 and a laptop's
//! 1280×800 (issue 9), on the same demo region as `page_weight.rs`. Every page is photographed at
//! both sizes (the top of the page as the screen shows it, and the whole page) into
//! `$DOPCERT_SCREENSHOTS`, else `<target dir>/screenshots`: `360x640/parent-cabinet.png`,
//! `360x640/full/parent-cabinet.png`, … — the README's screenshots come from there.
//!
//! At both sizes nothing scrolls sideways and nothing crosses the screen's edge (what a scroll
//! container holds, such as a wide table, stays inside it); on the phone every button, link and
//! field of a form is at least 44 px high, so a thumb finds it.

mod main_pages;

use std::path::PathBuf;

use dopcert_testkit::ui::log_in;
use dopcert_testkit::{Browser, TestApp};
use fantoccini::{Client, Locator};

const SIZES: [(u32, u32); 2] = [(360, 640), (1280, 800)];
/// A finger's size: WCAG 2.5.5 and the platforms' guidelines.
const TAP: u32 = 44;
/// A whole-page screenshot stops here: a longer page is cut (the check still covers all of it).
const FULL_PAGE_MAX: u64 = 6000;

/// What is wrong with the layout of the page on screen; empty when nothing. `tap` also checks the
/// height of what a finger presses in forms.
const LAYOUT: &str = r#"
const [tap] = arguments;
const root = document.documentElement;
const width = root.clientWidth;
const problems = [];
const describe = el => {
  const cls = typeof el.className === 'string' && el.className.trim()
    ? '.' + el.className.trim().split(/\s+/).join('.') : '';
  const text = (el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls + (text ? ' «' + text + '»' : '');
};
if (root.scrollWidth > window.innerWidth) {
  problems.push('scrolls sideways: ' + root.scrollWidth + ' px wide in ' + window.innerWidth);
}
// Inside a scroll container (overflow-x not visible) an element may be wider than the screen:
// the container scrolls, and it is checked itself.
const contained = el => {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true;
  }
  return false;
};
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) continue;
  if (r.right <= 0) continue; // put off-screen on purpose: the skip link until focused
  if (getComputedStyle(el).visibility === 'hidden' || contained(el)) continue;
  if (r.left < -0.5 || r.right > width + 0.5) {
    problems.push('crosses the edge (' + Math.round(r.left) + '…' + Math.round(r.right) + ' of ' + width + '): ' + describe(el));
  }
}
if (tap) {
  const pressed = 'form button, form input[type=submit], form a[href], form select, form summary, '
    + 'form input:not([type=hidden]):not([type=checkbox]):not([type=radio]), form textarea';
  for (const el of document.querySelectorAll(pressed)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue; // not shown (a closed details)
    if (r.height < tap - 0.5) {
      problems.push('tap target ' + Math.round(r.height) + ' px high: ' + describe(el));
    }
  }
}
return problems;
"#;

/// Where the screenshots go: `DOPCERT_SCREENSHOTS`, else `screenshots` in the target directory.
fn folder() -> PathBuf {
    if let Some(dir) = std::env::var_os("DOPCERT_SCREENSHOTS") {
        return PathBuf::from(dir);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| {
        // <target>/debug/deps/screenshots-<hash>
        let exe = std::env::current_exe().unwrap();
        exe.ancestors().nth(3).expect("the target directory").to_path_buf()
    });
    target.join("screenshots")
}

/// Makes the page's viewport exactly `width`×`height` (the window has borders of its own).
async fn viewport(c: &Client, width: u32, height: u32) {
    c.set_window_size(width, height).await.unwrap();
    let inner = c.execute("return [window.innerWidth, window.innerHeight]", vec![]).await.unwrap();
    let (w, h) = (inner[0].as_u64().unwrap() as u32, inner[1].as_u64().unwrap() as u32);
    if (w, h) != (width, height) {
        c.set_window_size(2 * width - w, 2 * height - h).await.unwrap();
    }
}

/// The width and height a PNG file says it has.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

fn save(path: &PathBuf, png: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, png).unwrap();
}

/// Opens the page as whoever is signed in: the session's page, not the login form.
async fn open(c: &Client, t: &TestApp, path: &str) {
    c.goto(&t.at(path)).await.unwrap();
    c.wait().for_element(Locator::Css("main")).await.unwrap();
    let at = c.current_url().await.unwrap();
    assert!(!at.path().starts_with("/login") || path.starts_with("/login"), "{path} sent to {at}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_main_pages_of_every_role_fit_a_phone_and_a_laptop_and_are_photographed() {
    let Some(browser) = Browser::start().await else { return };
    let world = main_pages::world().await;
    let t = &world.app;
    let c = &browser.client;
    let dir = folder();
    let mut problems = Vec::new();
    let mut signed_in: Option<&str> = None;
    for page in &world.pages {
        if page.login != signed_in {
            c.delete_all_cookies().await.unwrap();
            if let Some(login) = page.login {
                viewport(c, SIZES[1].0, SIZES[1].1).await;
                log_in(c, t, login).await;
            }
            signed_in = page.login;
        }
        for (width, height) in SIZES {
            viewport(c, width, height).await;
            open(c, t, &page.path).await;
            let phone = width < 600;
            let found =
                c.execute(LAYOUT, vec![serde_json::json!(if phone { TAP } else { 0 })]).await.unwrap();
            for p in found.as_array().unwrap() {
                problems.push(format!("{} at {width}×{height}: {}", page.name, p.as_str().unwrap()));
            }
            let size = format!("{width}x{height}");
            let shot = c.screenshot().await.unwrap();
            assert_eq!(png_size(&shot), (width, height), "{}: the screen as a phone shows it", page.name);
            save(&dir.join(&size).join(format!("{}.png", page.name)), &shot);

            // The whole page: the window as tall as the page.
            let tall = c.execute("return document.documentElement.scrollHeight", vec![]).await.unwrap();
            let tall = tall.as_u64().unwrap().clamp(u64::from(height), FULL_PAGE_MAX) as u32;
            viewport(c, width, tall).await;
            let shot = c.screenshot().await.unwrap();
            save(&dir.join(&size).join("full").join(format!("{}.png", page.name)), &shot);
        }
    }
    println!("screenshots of {} pages at {SIZES:?}: {}", world.pages.len(), dir.display());
    browser.close().await;
    assert!(problems.is_empty(), "layout problems:\n{}", problems.join("\n"));
}
