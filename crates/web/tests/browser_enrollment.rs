//! Enrollment in a real headless Chromium, on the demo region with a fixed clock: the waitlist
//! (a family withdraws, the next in line gets the seat offered and takes it) and a lottery (the
//! commitment before, the seed and the order after the draw). The whole money flow — apply,
//! accept, bill, invoice, export, leave — is in `a_family_enrolls_…` below.

use dopcert_app::Clock;
use dopcert_testkit::programs::{certified_group, family_with_certificate, GroupSpec};
use dopcert_testkit::ui::{click, log_in, log_out, says, text};
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
    let spec = GroupSpec { seats: 1, price: "1500", lottery_until: "", starts_on: "01.12.2026" };
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
    let spec = GroupSpec { seats: 1, price: "1500", lottery_until: "30.11.2026", starts_on: "01.12.2026" };
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
