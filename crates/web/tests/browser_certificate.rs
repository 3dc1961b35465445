//! The notice's variants 1, 3 and 4 in a real headless Chromium, on the demo region: a parent
//! claims in «Персональные настройки», a teen of 15 claims for himself, a school registers a
//! child without an account and the mother later finds the certificate in her cabinet.

use dopcert_testkit::ui::{click, log_in, log_out, text, PASSWORD};
use dopcert_testkit::{Browser, TestApp, TestDb};
use fantoccini::{Client, Locator};

/// From «Персональные настройки»: «Получить сертификат», the consent, the result page.
async fn claim_from_settings(c: &Client) -> String {
    c.wait().for_element(Locator::LinkText("Получить сертификат")).await.unwrap().click().await.unwrap();
    let consent = text(c, ".consent").await;
    assert!(consent.contains("152-ФЗ"), "the consent is shown in full: {consent}");
    // Without the checkbox the browser itself refuses (the field is required); with it, on.
    click(c, "input[name=consent]").await;
    click(c, "form.stack button[type=submit]").await;
    let notice = text(c, ".notice").await;
    assert!(notice.contains("Сертификат получен"), "{notice}");
    notice
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn variant_1_a_parent_claims_from_personal_settings() {
    let Some(browser) = Browser::start().await else { return };
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    let c = &browser.client;
    log_in(c, &app, "ivanova").await;
    // The full name at the top right opens «Персональные настройки».
    c.goto(&app.at("/")).await.unwrap();
    let me = c.wait().for_element(Locator::Css("header .who a.person")).await.unwrap();
    assert_eq!(me.text().await.unwrap(), "Иванова Елена Сергеевна");
    me.click().await.unwrap();
    c.wait().for_element(Locator::Id("certificate")).await.unwrap();
    let child = text(c, ".children li").await;
    assert!(child.contains("Может получить сертификат"), "{child}");

    let notice = claim_from_settings(c).await;
    assert!(
        notice.contains("Сертификат финансирования: на нём") && notice.contains("7 000,00 ₽"),
        "{notice}"
    );
    let number = text(c, ".notice strong.number").await;
    assert!(number.starts_with("69-") && number.len() == 15, "{number}");
    assert_eq!(text(c, "h1").await, format!("Сертификат № {number}"));
    // What to do next leads to the catalog.
    let next = c.find(Locator::Css(".notice a[href='/catalog']")).await.unwrap();
    assert_eq!(next.text().await.unwrap(), "каталоге программ");
    let movements = text(c, "table").await;
    assert!(movements.contains("Зачислен номинал") && movements.contains("+7 000,00 ₽"), "{movements}");

    // Back in the settings, the child now shows the certificate instead of the button.
    c.goto(&app.at("/settings")).await.unwrap();
    let child = text(c, ".children li").await;
    assert!(child.contains(&number) && child.contains("доступно 7 000,00 ₽"), "{child}");
    assert!(c.find(Locator::LinkText("Получить сертификат")).await.is_err());
    // On a phone the certificate page does not overflow sideways.
    c.set_window_size(360, 640).await.unwrap();
    c.goto(&app.at(&format!("/certificates/{number}"))).await.unwrap();
    c.wait().for_element(Locator::Css(".facts")).await.unwrap();
    let overflow =
        c.execute("return document.documentElement.scrollWidth > window.innerWidth", vec![]).await.unwrap();
    assert_eq!(overflow, serde_json::Value::Bool(false));
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn variant_3_a_teen_claims_and_a_younger_pupil_reads_that_a_parent_does_it() {
    let Some(browser) = Browser::start().await else { return };
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    let c = &browser.client;

    log_in(c, &app, "sokolova.alisa").await;
    c.goto(&app.at("/settings")).await.unwrap();
    let section = text(c, "section[aria-labelledby=certificate]").await;
    assert!(section.contains("До 14 лет сертификат за тебя получает родитель"), "{section}");
    assert!(c.find(Locator::LinkText("Получить сертификат")).await.is_err());
    log_out(c).await;

    log_in(c, &app, "petrov.maksim").await;
    c.goto(&app.at("/settings")).await.unwrap();
    let child = text(c, ".children li").await;
    assert!(child.contains("Петров Максим Олегович"), "{child}");
    claim_from_settings(c).await;
    let facts = text(c, ".facts").await;
    assert!(facts.contains("Петров Максим Олегович") && facts.contains("действует"), "{facts}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn variant_4_a_school_registers_a_child_and_the_mother_finds_the_certificate_later() {
    let Some(browser) = Browser::start().await else { return };
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    let c = &browser.client;
    log_in(c, &app, "school").await;
    c.wait()
        .for_element(Locator::LinkText("Зарегистрировать ребёнка и выдать сертификат"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let fill = |id: &'static str, value: &'static str| async move {
        c.wait().for_element(Locator::Id(id)).await.unwrap().send_keys(value).await.unwrap();
    };
    fill("child_last", "Зайцева").await;
    fill("child_first", "Полина").await;
    fill("child_middle", "Андреевна").await;
    fill("birth_date", "15.03.2017").await;
    fill("snils", "112-233-445 95").await;
    fill("parent_last", "Зайцева").await;
    fill("parent_first", "Марина").await;
    fill("parent_middle", "Олеговна").await;
    fill("parent_phone", "+7 915 000-11-22").await;
    click(c, "input[name=paper_consent]").await;
    click(c, "form.stack button[type=submit]").await;
    let notice = text(c, ".notice").await;
    assert!(notice.contains("Сертификат выдан") && notice.contains("доступно 7 000,00 ₽"), "{notice}");
    let number = text(c, ".notice strong.number").await;

    // The staff member checks the number as a family would show it.
    c.goto(&app.at("/org/check")).await.unwrap();
    c.wait()
        .for_element(Locator::Id("number"))
        .await
        .unwrap()
        .send_keys(&number.replace('-', " "))
        .await
        .unwrap();
    click(c, "form.inline button").await;
    let result = text(c, "dl.facts").await;
    assert!(result.contains("можно записывать") && result.contains("7 000,00 ₽"), "{result}");
    assert!(!result.contains("Зайцева"), "no personal data in a check");
    log_out(c).await;

    // Later the mother gets a login from the school: the child is found, not duplicated.
    let child = {
        let mut conn = app.db.store.reader().await.unwrap();
        let snils = dopcert_domain::snils::Snils::parse("112-233-445 95").unwrap();
        dopcert_store::person::by_snils(&mut conn, &snils).await.unwrap().unwrap()
    };
    let mother = {
        let mut conn = app.db.store.reader().await.unwrap();
        dopcert_store::person::parents_of(&mut conn, &child.id).await.unwrap().remove(0)
    };
    {
        let now = "2026-01-01T00:00:00.000000Z";
        let hash = dopcert_app::password::hash(PASSWORD);
        let mut tx = app.app.store.begin().await.unwrap();
        let acc = dopcert_store::account::insert(&mut tx, &mother.id, "zaytseva.mo", Some(&hash), now)
            .await
            .unwrap();
        let parent = dopcert_store::account::RoleGrant::personal(dopcert_domain::role::Role::Parent);
        dopcert_store::account::grant(&mut tx, &acc, &parent, now).await.unwrap();
        tx.commit().await.unwrap();
    }
    log_in(c, &app, "zaytseva.mo").await;
    c.goto(&app.at("/settings")).await.unwrap();
    let listed = text(c, ".children li").await;
    assert!(listed.contains("Зайцева Полина Андреевна") && listed.contains(&number), "{listed}");
    c.wait().for_element(Locator::LinkText(&format!("№ {number}"))).await.unwrap().click().await.unwrap();
    let facts = text(c, ".facts").await;
    assert!(facts.contains("в организации при записи"), "{facts}");
    browser.close().await;
}
