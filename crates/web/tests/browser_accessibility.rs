//! Accessibility (issue 9) in a real headless Chromium. axe-core checks every page that any
//! browser test loads, when the test closes its browser (testkit's `axe`); here: the main pages
//! of every role, in the ordinary version and in the version for the visually impaired; the
//! claim and the enrollment walked with the keyboard alone; and «Версия для слабовидящих» itself.

mod main_pages;

use dopcert_app::program::{self, ProgramInput};
use dopcert_app::Clock;
use dopcert_testkit::keyboard::{
    arrow_down, enter, enter_and_wait, focus_visible, focused, shift_tab, space, tab, tab_to, type_text,
};
use dopcert_testkit::programs::{
    actor, certifying_review, family_with_certificate, submitted_program, GroupSpec,
};
use dopcert_testkit::ui::{link, log_in, log_out, says, text, PASSWORD};
use dopcert_testkit::{location, Browser, TestApp, TestDb};
use fantoccini::{Client, Locator};

/// The version for the visually impaired as hard as it gets: white on black, the largest type
/// and spacing, no images.
const HARDEST: &str = "scheme=bw&size=3&spacing=3&images=off";

fn back(path: &str) -> String {
    serde_urlencoded::to_string([("back", path)]).unwrap()
}

async fn js(c: &Client, script: &str) -> serde_json::Value {
    c.execute(script, vec![]).await.unwrap()
}

/// Waits (up to 10 s) until the script answers true: the page a link led to has loaded.
async fn until(c: &Client, script: &str) {
    for _ in 0..200 {
        if let Ok(serde_json::Value::Bool(true)) = c.execute(script, vec![]).await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("never true: {script}");
}

const VISION_ON: &str = "return document.documentElement.classList.contains('vision')";
const VISION_OFF: &str = "return document.readyState === 'complete' && \
                          !document.documentElement.classList.contains('vision')";

/// A computed style of the first element matching `css`.
async fn style(c: &Client, css: &str, property: &str) -> String {
    let script = format!("return getComputedStyle(document.querySelector('{css}'))['{property}']");
    js(c, &script).await.as_str().unwrap_or_default().to_string()
}

/// The links of the page to other pages of the site, as `href`s.
const LINKS: &str =
    "return [...document.querySelectorAll('a[href]')].filter(a => !a.hasAttribute('download'))\
                     .map(a => a.getAttribute('href'))";

/// A page of the site worth opening from a link: not a file, not the switch, not another site.
fn page_link(href: &str) -> Option<&str> {
    let href = href.split('#').next().unwrap_or_default();
    let path = href.split('?').next().unwrap_or_default();
    let file = [".pdf", ".xlsx", ".json", ".csv", "/pdf", "/xlsx", "/scan"].iter().any(|e| path.ends_with(e));
    let skip = file
        || !path.starts_with('/')
        || path.starts_with("//")
        || ["/files/", "/accessibility", "/language", "/login/esia", "/static/", "/programs/photos/"]
            .iter()
            .any(|p| path.contains(p))
        || href.contains("format=");
    (!skip).then_some(href)
}

/// A page's kind: ids and numbers become `*`, the query keeps its names only.
fn kind(href: &str) -> String {
    let (path, query) = href.split_once('?').unwrap_or((href, ""));
    let path: Vec<&str> = path
        .split('/')
        .map(|s| if s.chars().filter(char::is_ascii_digit).count() >= 4 { "*" } else { s })
        .collect();
    let keys: Vec<&str> = query.split('&').filter_map(|kv| kv.split('=').next()).collect();
    format!("{}?{}", path.join("/"), keys.join("&"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_main_pages_of_every_role_pass_axe_in_the_ordinary_version_and_for_the_visually_impaired() {
    let Some(browser) = Browser::start().await else { return };
    let mut world = main_pages::world().await;
    // An organization's admin's own pages, beside the shared list.
    for (name, path) in
        [("org-staff", "/org/staff"), ("org-tokens", "/org/tokens"), ("org-profile", "/org/profile")]
    {
        world.pages.push(main_pages::Page { login: Some("school.admin"), name, path: path.into() });
    }
    let (t, c) = (&world.app, &browser.client);
    let (mut views, mut linked) = (0, 0);
    let mut at = 0;
    while at < world.pages.len() {
        // One role's pages at a time, each in the ordinary version and the hardest one for the
        // visually impaired; then one page of each other kind their links lead to.
        let login = world.pages[at].login;
        let role: Vec<_> = world.pages[at..].iter().take_while(|p| p.login == login).collect();
        at += role.len();
        c.delete_all_cookies().await.unwrap();
        if let Some(login) = login {
            log_in(c, t, login).await;
        }
        let mut kinds: std::collections::HashSet<String> = role.iter().map(|p| kind(&p.path)).collect();
        let mut links = Vec::new();
        for page in role {
            // Russian in the ordinary version and the hardest one for the visually impaired, then
            // English (its words are other words: an accessible name must still hold what shows).
            for (lang, switch, on) in
                [("ru", "mode=off", false), ("ru", HARDEST, true), ("en", "mode=off", false)]
            {
                c.goto(&t.at(&format!("/language?set={lang}&{}", back("/")))).await.unwrap();
                c.goto(&t.at(&format!("/accessibility?{switch}&{}", back(&page.path)))).await.unwrap();
                c.wait().for_element(Locator::Css("main")).await.unwrap();
                let url = c.current_url().await.unwrap();
                let sent_away = url.path().starts_with("/login") && !page.path.starts_with("/login");
                assert!(!sent_away, "{} sent to {url}", page.name);
                assert_eq!(js(c, VISION_ON).await, serde_json::json!(on), "{}", page.name);
                let page_lang = js(c, "return document.documentElement.lang").await;
                assert_eq!(page_lang, serde_json::json!(lang), "{}", page.name);
                if !on && lang == "ru" {
                    let hrefs = js(c, LINKS).await;
                    links.extend(
                        hrefs.as_array().unwrap().iter().filter_map(|h| h.as_str().map(String::from)),
                    );
                }
                views += 1;
            }
        }
        c.goto(&t.at(&format!("/language?set=ru&{}", back("/")))).await.unwrap();
        for href in links.iter().filter_map(|h| page_link(h)) {
            if kinds.insert(kind(href)) {
                c.goto(&t.at(href)).await.unwrap();
                c.wait().for_element(Locator::Css("body")).await.unwrap();
                linked += 1;
            }
        }
    }
    println!(
        "{views} views of {} main pages and {linked} pages their links lead to; axe-core checks them on close",
        world.pages.len()
    );
    browser.close().await;
}

/// The check itself finds what it must: a field without its label, pale text on white.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_a_field_without_its_label_and_text_of_too_little_contrast() {
    let Some(browser) = Browser::start().await else { return };
    let t = TestApp::with_demo(TestDb::sqlite().await).await;
    let c = &browser.client;
    c.goto(&t.at("/login")).await.unwrap();
    c.wait().for_element(Locator::Id("login")).await.unwrap();
    let Some(clean) = dopcert_testkit::axe::violations(c).await else {
        browser.close().await;
        return;
    };
    assert_eq!(clean, "", "the login page as sent");
    // Broken as a careless template would break it.
    js(c, "document.querySelector('label[for=login]').remove(); document.querySelector('main p').style.color = '#aaa'")
        .await;
    let found = dopcert_testkit::axe::violations(c).await.unwrap();
    assert!(found.contains("label [critical]: Form elements must have labels"), "{found}");
    assert!(found.contains("color-contrast [serious]"), "{found}");
    assert!(found.contains("    #login\n"), "names the element: {found}");
    browser.close().await;
}

/// Signs in from the login page with the keyboard: the skip link leads past the header into the
/// form. A wrong password first: its message is tied to the fields.
async fn log_in_by_keyboard(c: &Client, t: &TestApp, login: &str) {
    c.goto(&t.at("/login")).await.unwrap();
    c.wait().for_element(Locator::Id("login")).await.unwrap();
    for password in ["not-the-password", PASSWORD] {
        tab(c).await;
        assert_eq!(focused(c).await, "a «Перейти к содержанию»", "the first stop of every page");
        assert!(focus_visible(c).await, "the skip link shows its focus");
        enter(c).await;
        tab(c).await;
        assert_eq!(focused(c).await, "input#login", "the skip link leads to the form");
        if password == PASSWORD {
            assert_eq!(js(c, "return document.activeElement.value").await, login, "the login typed stays");
        } else {
            type_text(c, login).await;
        }
        tab(c).await;
        assert_eq!(focused(c).await, "input#password");
        type_text(c, password).await;
        tab(c).await;
        assert_eq!(focused(c).await, "button «Войти»");
        enter_and_wait(c).await;
        if password != PASSWORD {
            let tied = js(
                c,
                "const f = document.getElementById('password'); \
                 const m = document.getElementById(f.getAttribute('aria-describedby') || ''); \
                 return [f.getAttribute('aria-invalid'), m ? m.textContent.trim() : '']",
            )
            .await;
            assert_eq!(tied[0], "true", "the field says it is wrong: {tied}");
            assert!(tied[1].as_str().unwrap().contains("пароль"), "and says why: {tied}");
        }
    }
    c.wait().for_element(Locator::Css("header .who a.person")).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_only_a_parent_signs_in_and_claims_a_certificate() {
    let Some(browser) = Browser::start().await else { return };
    let t = TestApp::with_demo(TestDb::sqlite().await).await;
    let c = &browser.client;
    log_in_by_keyboard(c, &t, "ivanova").await;
    assert_eq!(text(c, "h1").await, "Персональные настройки");

    tab_to(c, "a «Получить сертификат»", 40).await;
    enter_and_wait(c).await;
    assert_eq!(text(c, "h1").await, "Получить сертификат");
    if c.find(Locator::Id("municipality")).await.is_ok() {
        tab_to(c, "select#municipality", 20).await;
        arrow_down(c).await;
        assert_ne!(js(c, "return document.activeElement.value").await, "", "a municipality chosen");
    }
    tab_to(c, "input[name=consent]", 20).await;
    space(c).await;
    assert_eq!(js(c, "return document.activeElement.checked").await, true, "Space ticks the consent");
    // Shift+Tab steps back, Tab forward again: the order is the page's order.
    shift_tab(c).await;
    assert_ne!(focused(c).await, "input[name=consent]");
    tab(c).await;
    assert_eq!(focused(c).await, "input[name=consent]");
    tab(c).await;
    assert_eq!(focused(c).await, "button «Получить сертификат»");
    assert!(focus_visible(c).await);
    enter_and_wait(c).await;
    says(c, ".notice", "Сертификат получен").await;
    browser.close().await;
}

const MORNING: &str = "2026-11-25T09:00:00Z";
const TITLE: &str = "Яхтенный клуб для начинающих";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_only_a_family_finds_a_program_in_the_catalog_and_applies() {
    let Some(browser) = Browser::start().await else { return };
    let clock = Clock::fixed(MORNING.parse().unwrap());
    let t = TestApp::with_demo_and_clock(TestDb::sqlite().await, clock).await;
    let program = submitted_program(&t.app, &GroupSpec::new(5, "1500"), TITLE).await;
    let moc = actor(&t.app, "moc.tver").await;
    let version = program::view(&t.app, Some(&moc), program.as_str()).await.unwrap().program.version;
    program::review(&t.app, &moc, program.as_str(), version, &certifying_review("31.08.2027")).await.unwrap();
    dopcert_app::catalog::rebuild(&t.app).await.unwrap();
    family_with_certificate(&t.app, "kbd.family").await;
    let c = &browser.client;

    log_in_by_keyboard(c, &t, "kbd.family").await;
    tab_to(c, "a «Каталог программ»", 40).await;
    enter_and_wait(c).await;
    tab_to(c, "input#q", 20).await;
    type_text(c, "яхтенный клуб").await;
    enter_and_wait(c).await;
    tab_to(c, &format!("a «{TITLE}»"), 80).await;
    enter_and_wait(c).await;
    assert_eq!(text(c, "h1").await, TITLE);
    tab_to(c, "a «Записаться»", 30).await;
    enter_and_wait(c).await;
    // One child, one group: both chosen; the button shows the contract.
    tab_to(c, "button «Показать условия договора»", 20).await;
    enter_and_wait(c).await;
    let offer = text(c, "section[aria-labelledby=offer]").await;
    assert!(offer.contains("Договор об образовании"), "{offer}");
    tab_to(c, "input[name=accept]", 40).await;
    space(c).await;
    tab(c).await;
    assert_eq!(focused(c).await, "button «Подать заявку»");
    enter_and_wait(c).await;
    says(c, ".notice", "Заявка подана").await;
    browser.close().await;
}

/// The smallest PNG (one transparent pixel): a program's photo.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00,
    0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
    0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_version_for_the_visually_impaired_is_switched_from_the_header_applied_and_remembered() {
    let Some(browser) = Browser::start().await else { return };
    let t = TestApp::with_demo(TestDb::sqlite().await).await;
    // A draft program of ДТДМ with a photo, for «images off».
    let dtdm = actor(&t.app, "dtdm").await;
    let input = ProgramInput {
        title: "Фотостудия".into(),
        direction: "artistic".into(),
        description: "Снимаем и печатаем.".into(),
        age_min: "8".into(),
        age_max: "14".into(),
        funding: "certificate".into(),
    };
    let id = program::create(&t.app, &dtdm, &input).await.unwrap();
    let version = program::view(&t.app, Some(&dtdm), id.as_str()).await.unwrap().program.version;
    program::add_photo(&t.app, &dtdm, id.as_str(), version, PNG).await.unwrap();
    let c = &browser.client;

    // Signed out, on a search: the header's link, and back on the same search.
    c.goto(&t.at("/catalog?q=%D1%84%D1%83%D1%82%D0%B1%D0%BE%D0%BB")).await.unwrap();
    assert_eq!(style(c, "html", "fontSize").await, "16px");
    link(c, "Версия для слабовидящих").await;
    until(c, VISION_ON).await;
    let at = c.current_url().await.unwrap();
    assert_eq!((at.path(), at.query()), ("/catalog", Some("q=%D1%84%D1%83%D1%82%D0%B1%D0%BE%D0%BB")));
    assert_eq!(style(c, "html", "fontSize").await, "20px", "larger type at once");
    assert_eq!(style(c, "body", "color").await, "rgb(0, 0, 0)");
    assert_eq!(style(c, "body", "backgroundColor").await, "rgb(255, 255, 255)");
    c.refresh().await.unwrap();
    until(c, VISION_ON).await;

    // The panel's settings, each applied and marked as chosen.
    link(c, "белым по чёрному").await;
    until(c, "return getComputedStyle(document.body).backgroundColor === 'rgb(0, 0, 0)'").await;
    assert_eq!(style(c, "main a", "color").await, "rgb(255, 255, 255)");
    assert_eq!(style(c, "main h1", "color").await, "rgb(255, 255, 255)");
    link(c, "огромный").await;
    until(c, "return getComputedStyle(document.documentElement).fontSize === '32px'").await;
    assert_eq!(
        js(
            c,
            "return [...document.querySelectorAll('.vision-panel [aria-current]')].map(a => a.textContent)"
        )
        .await,
        serde_json::json!(["огромный", "белым по чёрному", "показывать", "обычные"])
    );
    link(c, "синим по голубому").await;
    until(c, "return getComputedStyle(document.body).backgroundColor === 'rgb(157, 209, 255)'").await;
    assert_eq!(style(c, "body", "color").await, "rgb(6, 52, 98)");
    link(c, "большие").await;
    until(c, "return document.documentElement.classList.contains('vision-spacing-3')").await;
    let spacing = js(
        c,
        "const s = getComputedStyle(document.querySelector('main p')); const f = parseFloat(s.fontSize); \
         return [parseFloat(s.letterSpacing) / f, parseFloat(s.lineHeight) / f]",
    )
    .await;
    let (letters, lines) = (spacing[0].as_f64().unwrap(), spacing[1].as_f64().unwrap());
    assert!((letters - 0.12).abs() < 0.01 && (lines - 2.0).abs() < 0.01, "{spacing}");

    // Signed in, the version stays (the cookie is not the session's); images go on request.
    log_in(c, &t, "dtdm").await;
    assert_eq!(js(c, VISION_ON).await, true);
    c.goto(&t.at(&format!("/org/programs/{}", id.as_str()))).await.unwrap();
    c.wait().for_element(Locator::Css(".photos img")).await.unwrap();
    assert_ne!(style(c, ".photos img", "display").await, "none");
    link(c, "не показывать").await;
    until(c, "return getComputedStyle(document.querySelector('.photos img')).display === 'none'").await;
    log_out(c).await;
    assert_eq!(js(c, VISION_ON).await, true, "and after signing out");

    // «Обычная версия»: everything as it was, also after a reload.
    link(c, "Обычная версия").await;
    until(c, VISION_OFF).await;
    assert_eq!(style(c, "html", "fontSize").await, "16px");
    assert_eq!(style(c, "body", "color").await, "rgb(27, 31, 35)");
    c.refresh().await.unwrap();
    until(c, VISION_OFF).await;
    browser.close().await;
}

/// Without JavaScript: a plain link that sets the cookie for a year and comes back, only ever to
/// a page of this site.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_switch_is_a_plain_link_that_comes_back_to_a_local_page_and_is_kept_for_a_year() {
    let t = TestApp::with_demo(TestDb::sqlite().await).await;
    let c = t.client();
    let on = c.get(t.at("/accessibility?mode=on&back=%2Fcatalog%3Fq%3D%D1%84")).send().await.unwrap();
    assert_eq!(on.status(), 303);
    assert_eq!(location(&on), "/catalog?q=%D1%84");
    let cookie = on.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    for part in ["dopcert_vision=1.wb.1.1", "Max-Age=31536000", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(part), "{part} in {cookie}");
    }
    let page = c.get(t.at("/catalog")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(r#"<html lang="ru" class="vision vision-size-1 vision-wb vision-spacing-1">"#));
    assert!(page.contains("aria-label=\"Настройки версии для слабовидящих\""), "the panel is there");
    let header = page[page.find("<header").unwrap()..page.find("</header>").unwrap()].replace("&#38;", "&");
    assert!(header.contains("href=\"/accessibility?mode=off&back=%2Fcatalog\""), "the way back: {header}");

    // Only back to this site.
    for away in ["https://evil.example/", "//evil.example/", "/%5Cevil.example", "/%09/evil.example", "evil"]
    {
        let res = c.get(t.at(&format!("/accessibility?size=2&back={away}"))).send().await.unwrap();
        assert_eq!((res.status().as_u16(), location(&res)), (303, "/"), "{away}");
    }
    // The settings changed along the way are kept together.
    let html = c.get(t.at("/")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("vision-size-2 vision-wb"), "the last size is kept");

    // Signing in and out does not touch it.
    assert_eq!(t.login(&c, "ivanova", PASSWORD).await.status(), 303);
    assert!(c.get(t.at("/settings")).send().await.unwrap().text().await.unwrap().contains("class=\"vision "));
    t.post_form(&c, "/settings", "/logout", &[]).await;
    assert!(c.get(t.at("/")).send().await.unwrap().text().await.unwrap().contains("class=\"vision "));

    // Off: the cookie goes, and so does the class.
    let off = c.get(t.at("/accessibility?mode=off&back=/")).send().await.unwrap();
    assert!(off.headers().get("set-cookie").unwrap().to_str().unwrap().contains("Max-Age=0"));
    let page = c.get(t.at("/")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("<html lang=\"ru\">") && page.contains(">Версия для слабовидящих</span>"));
    // A cookie no one wrote is the ordinary version.
    let forged = t.client();
    let res = forged.get(t.at("/")).header("cookie", "dopcert_vision=9.red.1.1").send().await.unwrap();
    assert!(res.text().await.unwrap().contains("<html lang=\"ru\">"));
}
