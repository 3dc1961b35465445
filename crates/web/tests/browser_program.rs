//! A program's way into the catalog in a real headless Chromium: a provider drafts and submits
//! it, the municipal operator returns it with a reason, the provider fixes it, the operator
//! certifies it, and a parent finds it by a stemmed query and sees seats left and the map.

use std::time::Duration;

use dopcert_testkit::ui::{click, fill, link, log_in, log_out, says, text};
use dopcert_testkit::{Browser, TestApp, TestDb};
use fantoccini::{Client, Locator};

/// The operator opens the program from the queue and answers the checklist: every item passed
/// except `failed` (with its reason), then the decision.
async fn review(c: &Client, app: &TestApp, title: &str, failed: Option<(&str, &str)>) {
    c.goto(&app.at("/moc")).await.unwrap();
    link(c, "Программы на сертификации").await;
    link(c, title).await;
    for item in ["title", "description", "ages", "hours", "price", "groups", "licence"] {
        let answer = if failed.is_some_and(|(i, _)| i == item) { "no" } else { "yes" };
        click(c, &format!("input[name=item-{item}][value={answer}]")).await;
    }
    match failed {
        Some((item, reason)) => {
            fill(c, &format!("reason-{item}"), reason).await;
            click(c, "input[name=decision][value=return]").await;
        }
        None => click(c, "input[name=decision][value=certify]").await,
    }
    click(c, "form.checklist button[type=submit]").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_program_goes_from_draft_through_return_to_the_catalog() {
    let Some(browser) = Browser::start().await else { return };
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    let c = &browser.client;
    const TITLE: &str = "Судомоделирование: первые шаги";

    // The provider drafts the program, adds a module and a group, and submits it.
    log_in(c, &app, "dtdm").await;
    c.goto(&app.at("/org")).await.unwrap();
    link(c, "Программы организации").await;
    link(c, "Новая программа").await;
    fill(c, "title", TITLE).await;
    c.wait()
        .for_element(Locator::Css("#direction option[value=technical]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    fill(c, "description", "Строим модели кораблей и испытываем их на воде.").await;
    fill(c, "age_min", "14").await;
    fill(c, "age_max", "8").await;
    click(c, "form.stack button[type=submit]").await;
    says(c, "#age_min-error", "Возраст «с» не может быть больше возраста «до»").await;
    assert_eq!(
        c.find(Locator::Id("title")).await.unwrap().prop("value").await.unwrap().as_deref(),
        Some(TITLE)
    );
    fill(c, "age_min", "8").await;
    fill(c, "age_max", "14").await;
    click(c, "form.stack button[type=submit]").await;
    says(c, ".notice", "Черновик создан").await;
    fill(c, "module_title-new", "Первый год").await;
    fill(c, "hours-new", "72").await;
    fill(c, "price-new", "2500").await;
    fill(c, "normative_cost-new", "1800").await;
    click(c, "#new-module button").await;
    says(c, ".notice", "Сохранено").await;
    link(c, "Добавить группу").await;
    fill(c, "group_title", "Группа 1").await;
    fill(c, "teacher", "Петров Алексей Викторович").await;
    click(c, "input[name=days][value=sat]").await;
    fill(c, "schedule", "сб 10:00–12:15").await;
    fill(c, "address", "г. Тверь, ул. Речная, д. 3").await;
    fill(c, "coordinates", "56.8587, 35.9176").await;
    fill(c, "seats", "12").await;
    // The group runs around today, whatever today is, with enrollment open.
    let today = jiff::Zoned::now().date();
    let day = |days: i64| {
        let d = today.checked_add(jiff::Span::new().days(days)).unwrap();
        format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
    };
    fill(c, "starts_on", &day(-30)).await;
    fill(c, "ends_on", &day(200)).await;
    fill(c, "enrollment_from", &day(-40)).await;
    fill(c, "enrollment_to", &day(60)).await;
    click(c, "form.stack button[type=submit]").await;
    says(c, "section[aria-labelledby=modules] table", "0 из 12").await;
    click(c, "section[aria-labelledby=certify] button").await;
    says(c, ".notice", "отправлена на сертификацию").await;
    log_out(c).await;

    // The operator returns it: the price is above the normative cost.
    log_in(c, &app, "moc.tver").await;
    review(c, &app, TITLE, Some(("price", "цена выше нормативной стоимости: снизьте до 1 800 ₽"))).await;
    says(c, ".notice", "возвращена").await;
    log_out(c).await;

    // The provider reads why, fixes the price and submits again.
    log_in(c, &app, "dtdm").await;
    c.goto(&app.at("/org/programs")).await.unwrap();
    link(c, TITLE).await;
    let why = says(c, ".warning", "снизьте до 1 800 ₽").await;
    assert!(why.contains("снизьте до 1 800 ₽") && why.contains("Беляева Оксана Михайловна"), "{why}");
    fill(c, "price-1", "1800").await;
    click(c, "section[aria-labelledby=modules] .card form.stack button").await;
    says(c, ".notice", "Сохранено").await;
    click(c, "section[aria-labelledby=certify] button").await;
    says(c, ".notice", "отправлена на сертификацию").await;
    log_out(c).await;

    // The operator certifies it.
    log_in(c, &app, "moc.tver").await;
    review(c, &app, TITLE, None).await;
    says(c, ".notice", "сертифицирована").await;
    log_out(c).await;

    // A parent finds it by another form of the word, within seconds of the decision.
    log_in(c, &app, "kuznetsova").await;
    let mut found = false;
    for _ in 0..20 {
        c.goto(&app.at("/catalog")).await.unwrap();
        fill(c, "q", "судомоделированием").await;
        click(c, "form.search .inline button").await;
        if c.find(Locator::LinkText(TITLE)).await.is_ok() {
            found = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    assert!(found, "the catalog shows the certified program");
    let card = text(c, ".cards li").await;
    assert!(card.contains("свободных мест: 12") && card.contains("от 1 800,00 ₽ в месяц"), "{card}");
    link(c, TITLE).await;
    let groups = text(c, ".groups").await;
    assert!(groups.contains("Свободных мест: 12 из 12"), "{groups}");
    // The map comes when asked for: its tiles are another site's images.
    assert!(c.find(Locator::Css("figure.map")).await.is_err(), "no map unasked");
    link(c, "Показать место занятий на карте").await;
    c.wait().for_element(Locator::Css("figure.map svg circle")).await.unwrap();
    // Her son's certificate is funded: the button that starts enrollment is there.
    c.wait().for_element(Locator::LinkText("Записаться")).await.unwrap();
    // On a phone neither the program page nor the catalog overflows sideways (the header with
    // her full name included).
    c.set_window_size(360, 640).await.unwrap();
    let page = c.current_url().await.unwrap().to_string();
    for path in [page.as_str(), &app.at("/catalog"), &app.at("/settings")] {
        c.goto(path).await.unwrap();
        c.wait().for_element(Locator::Css("main h1")).await.unwrap();
        let overflow = c
            .execute("return document.documentElement.scrollWidth > window.innerWidth", vec![])
            .await
            .unwrap();
        assert_eq!(overflow, serde_json::Value::Bool(false), "{path}");
    }
    browser.close().await;
}
