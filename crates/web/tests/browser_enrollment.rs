//! Enrollment in a real headless Chromium, on the demo region with a fixed clock: the waitlist
//! (a family withdraws, the next in line gets the seat offered and takes it) and a lottery (the
//! commitment before, the seed and the order after the draw). The whole money flow — apply,
//! accept, bill, invoice, export, leave — is in `a_family_enrolls_…` below.

use dopcert_app::Clock;
use dopcert_testkit::programs::{certified_group, family_with_certificate, GroupSpec};
use dopcert_testkit::ui::{click, link, log_in, log_out, says, text};
use dopcert_testkit::{Browser, TestApp, TestDb};
use fantoccini::{Client, Locator};

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn app() -> TestApp {
    TestApp::with_demo_and_clock(TestDb::sqlite().await, Clock::fixed(MORNING.parse().unwrap())).await
}

/// From the program's page: «Записаться», the contract, its acceptance, the application.
async fn apply(c: &Client, t: &TestApp, program: &str) -> String {
    c.goto(&t.at(&format!("/catalog/{program}"))).await.unwrap();
    click(c, "a.button[href$='/enroll']").await;
    click(c, "form.card button[type=submit]").await;
    let offer = says(c, "section[aria-labelledby=offer]", "Договор об образовании").await;
    assert!(offer.contains("Дворец творчества детей и молодёжи"), "the provider is named: {offer}");
    assert!(offer.contains("Всего за период"), "the money is spelled out: {offer}");
    click(c, "input[name=accept]").await;
    click(c, "section.card form button[type=submit]").await;
    says(c, ".notice", "Заявка подана").await;
    text(c, "section.application").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seat_freed_goes_to_the_next_in_line_and_a_lottery_publishes_its_draw() {
    let Some(browser) = Browser::start().await else { return };
    let c = &browser.client;
    let t = app().await;
    let spec = GroupSpec::new(1, "1500");
    let (program, _) = certified_group(&t.app, &spec).await;
    family_with_certificate(&t.app, "wait1").await;
    family_with_certificate(&t.app, "wait2").await;

    log_in(c, &t, "wait1").await;
    let first = apply(c, &t, program.as_str()).await;
    assert!(first.contains("на рассмотрении у организации"), "{first}");
    assert!(first.contains("1 500,00 ₽ в месяц"), "{first}");
    log_out(c).await;

    log_in(c, &t, "wait2").await;
    let second = apply(c, &t, program.as_str()).await;
    assert!(second.contains("в листе ожидания"), "the only seat is taken: {second}");
    log_out(c).await;

    // The first family withdraws: the seat is offered to the second, who confirms it.
    log_in(c, &t, "wait1").await;
    c.goto(&t.at("/applications")).await.unwrap();
    click(c, "form[action$='/withdraw'] button").await;
    says(c, ".notice", "Заявка отозвана").await;
    log_out(c).await;
    log_in(c, &t, "wait2").await;
    c.goto(&t.at("/applications")).await.unwrap();
    let offered = says(c, "section.application", "предложено место").await;
    assert!(offered.contains("Место держится до"), "{offered}");
    click(c, "form[action$='/take'] input[name=accept]").await;
    click(c, "form[action$='/take'] button").await;
    says(c, ".notice", "Место подтверждено").await;
    says(c, "section.application", "на рассмотрении у организации").await;
    log_out(c).await;

    // A lottery: applications are collected until 30 November, then drawn.
    let spec = GroupSpec { lottery_until: "30.11.2026", ..GroupSpec::new(1, "1500") };
    let (lottery_program, group) = certified_group(&t.app, &spec).await;
    family_with_certificate(&t.app, "draw1").await;
    log_in(c, &t, "draw1").await;
    c.goto(&t.at(&format!("/catalog/{}/enroll", lottery_program.as_str()))).await.unwrap();
    click(c, "form.card button[type=submit]").await;
    says(c, "section[aria-labelledby=offer]", "жеребьёвку").await;
    click(c, "input[name=accept]").await;
    click(c, "section.card form button[type=submit]").await;
    says(c, "section.application", "в листе ожидания").await;
    c.goto(&t.at(&format!("/catalog/groups/{}/lottery", group.as_str()))).await.unwrap();
    let before = text(c, "main").await;
    assert!(before.contains("будет опубликовано вместе с результатом"), "{before}");

    t.app.clock.set("2026-12-01T06:00:00Z".parse().unwrap());
    assert_eq!(dopcert_app::lottery::draw_due(&t.app).await.unwrap(), 1);
    c.goto(&t.at(&format!("/catalog/groups/{}/lottery", group.as_str()))).await.unwrap();
    let after = says(c, "main table", "предложено место").await;
    assert!(after.contains("SHA-256"), "{after}");
    let seed = text(c, "dl.facts dd:nth-of-type(2) code").await;
    assert_eq!(seed.len(), 64, "the seed is published: {seed}");
    // Six days later the session has expired: the family signs in again.
    log_in(c, &t, "draw1").await;
    c.goto(&t.at("/applications")).await.unwrap();
    says(c, "section.application", "предложено место").await;
    c.find(Locator::Css("form[action$='/take']")).await.expect("the winner may take the seat");
    browser.close().await;
}

/// A file the signed-in browser would download, fetched with the browser's cookies.
async fn download(c: &Client, t: &TestApp, path: &str) -> Vec<u8> {
    let cookies = c.get_all_cookies().await.unwrap();
    let header: Vec<String> = cookies.iter().map(|k| format!("{}={}", k.name(), k.value())).collect();
    let res =
        reqwest::Client::new().get(t.at(path)).header("Cookie", header.join("; ")).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.bytes().await.unwrap().to_vec()
}

/// Waits until the page at `path`, as the browser's session sees it, says `text`: asked beside
/// the browser, so its page is left alone.
async fn until_served(c: &Client, t: &TestApp, path: &str, text: &str) {
    for _ in 0..300 {
        if String::from_utf8_lossy(&download(c, t, path).await).contains(text) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{path} never said «{text}»");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_family_enrolls_the_month_is_billed_invoiced_and_paid_and_leaving_releases_the_hold() {
    let Some(browser) = Browser::start().await else { return };
    let c = &browser.client;
    let t = app().await;
    // Classes from 25 November: November's 6 days and December are in the contract.
    let spec = GroupSpec { starts_on: "25.11.2026".into(), ..GroupSpec::new(5, "1500") };
    let (program, group) = certified_group(&t.app, &spec).await;
    family_with_certificate(&t.app, "money1").await;

    log_in(c, &t, "money1").await;
    let applied = apply(c, &t, program.as_str()).await;
    // 6/30 of 1 500 ₽ for November and all of December.
    assert!(applied.contains("зарезервировано 1 800,00 ₽"), "{applied}");
    click(c, "a[href$='/contract']").await;
    let contract = says(c, "main", "Договор об образовании").await;
    assert!(contract.contains("с 25 ноября 2026 по 31 декабря 2026"), "{contract}");
    log_out(c).await;

    // The provider accepts.
    log_in(c, &t, "dtdm").await;
    c.goto(&t.at("/org/applications")).await.unwrap();
    click(c, "form[action$='/decide'] input[value=accept] ~ button").await;
    says(c, ".notice", "").await;
    c.goto(&t.at("/org/applications?status=enrolled")).await.unwrap();
    says(c, "main table", "зачислен").await;
    log_out(c).await;

    // The month's end: the municipal operator bills November, approves, exports.
    t.app.clock.set("2026-11-30T12:00:00Z".parse().unwrap());
    log_in(c, &t, "moc.tver").await;
    c.goto(&t.at("/moc/billing")).await.unwrap();
    click(c, "form[action='/moc/billing/run'] button").await;
    let done = says(c, ".notice", "300,00").await;
    assert!(done.contains("ноябрь 2026"), "{done}");
    link(c, "№ 2026-11/1").await;
    let invoice = says(c, "main", "Семёнов П.").await;
    assert!(invoice.contains("6 из 30"), "6 of November's 30 days: {invoice}");
    assert!(!invoice.contains("2016"), "no birth dates on an invoice: {invoice}");
    click(c, "form[action$='/approve'] button").await;
    says(c, "main", "утвержд").await;
    c.goto(&t.at("/moc/billing")).await.unwrap();
    click(c, "form[action='/moc/billing/orders?format=xlsx'] button").await;
    // The file downloads in the background; leaving the page before its answer came would cancel
    // the request (and its transaction) on a loaded machine.
    until_served(c, &t, "/moc/billing", "файл для 1С").await;
    c.goto(&t.at("/moc/billing")).await.unwrap();
    let again = on_link(c, "файл для 1С").await;
    let file = download(c, &t, &again).await;
    let (text_1c, _, bad) = encoding_rs::WINDOWS_1251.decode(&file);
    assert!(!bad && text_1c.starts_with("1CClientBankExchange"), "{text_1c}");
    assert!(text_1c.contains("Сумма=300.00"), "{text_1c}");
    log_out(c).await;

    // The family ends the enrollment on 10 December: the rest of December's hold comes back.
    log_in(c, &t, "money1").await;
    c.goto(&t.at("/applications")).await.unwrap();
    fill_in(c, "form[action$='/end'] input[name=last_day]", "10.12.2026").await;
    click(c, "form[action$='/end'] button").await;
    says(c, ".notice", "Обучение будет завершено").await;
    let left = says(c, "section.application", "обучение завершено").await;
    // December 1–10: 10/31 of 1 500 ₽, rounded down; November is paid.
    assert!(left.contains("зарезервировано 483,87 ₽"), "{left}");
    let mut conn = t.app.store.reader().await.unwrap();
    assert!(dopcert_store::verify::violations(&mut conn, 5).await.unwrap().is_empty());
    let g = dopcert_store::program::get_group(&mut conn, group.as_str()).await.unwrap().unwrap();
    assert_eq!(g.seats_taken, 0, "the seat is free again");
    drop(conn);
    browser.close().await;
}

async fn on_link(c: &Client, text: &str) -> String {
    let e = c.wait().for_element(Locator::LinkText(text)).await.unwrap();
    e.attr("href").await.unwrap().unwrap()
}

async fn fill_in(c: &Client, css: &str, value: &str) {
    let e = c.wait().for_element(Locator::Css(css)).await.unwrap();
    e.clear().await.unwrap();
    e.send_keys(value).await.unwrap();
}
