//! The home page in a real headless Chromium, as a person would see it.

use dopcert_testkit::{Browser, TestApp, TestDb};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newcomer_opens_the_home_page_in_a_browser() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    let c = &browser.client;
    c.goto(&app.at("/")).await.unwrap();
    assert_eq!(c.title().await.unwrap(), "Сертификат дополнительного образования");
    let h1 = c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap();
    assert_eq!(h1, "Сертификат дополнительного образования");
    // The way in, at the top right.
    let login = c.find(Locator::Css("header .who a")).await.unwrap();
    assert_eq!(login.text().await.unwrap(), "Войти");
    // The demo logins, readable in the table.
    let rows = c.find_all(Locator::Css(".demo tbody tr")).await.unwrap();
    assert!(rows.len() >= 8, "{} demo rows", rows.len());
    let first = rows[0].text().await.unwrap();
    assert!(first.contains("ivanova") && first.contains("demo-tver-2026"), "{first}");
    // The footer names the support centre and its phone.
    let footer = c.find(Locator::Css("footer")).await.unwrap().text().await.unwrap();
    assert!(
        footer.contains("Муниципальный опорный центр г. Твери") && footer.contains("32-02-10"),
        "{footer}"
    );
    // The stylesheet is applied (the button is coloured, not a plain link).
    let bg: String = c
        .execute("return getComputedStyle(document.querySelector('.intro .button')).backgroundColor", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(bg, "rgb(11, 92, 173)");
    // On a phone-sized screen nothing overflows sideways.
    c.set_window_size(360, 640).await.unwrap();
    let overflow =
        c.execute("return document.documentElement.scrollWidth > window.innerWidth", vec![]).await.unwrap();
    assert_eq!(overflow, serde_json::Value::Bool(false));
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parent_logs_in_clicks_their_name_and_changes_the_password() {
    let Some(browser) = Browser::start().await else { return };
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    let c = &browser.client;
    c.goto(&app.at("/")).await.unwrap();
    c.find(Locator::Css("header .who a")).await.unwrap().click().await.unwrap();
    c.find(Locator::Id("login")).await.unwrap().send_keys("ivanova").await.unwrap();
    c.find(Locator::Id("password")).await.unwrap().send_keys("demo-tver-2026").await.unwrap();
    c.find(Locator::Css("form.stack button[type=submit]")).await.unwrap().click().await.unwrap();

    // The full name at the top right opens «Персональные настройки».
    c.goto(&app.at("/")).await.unwrap();
    let me = c.find(Locator::Css("header .who a.person")).await.unwrap();
    assert_eq!(me.text().await.unwrap(), "Иванова Елена Сергеевна");
    me.click().await.unwrap();
    assert_eq!(c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap(), "Персональные настройки");
    let section = c.find(Locator::Css("#certificate")).await.unwrap().text().await.unwrap();
    assert_eq!(section, "Сертификат дополнительного образования");
    let child = c.find(Locator::Css(".children li")).await.unwrap().text().await.unwrap();
    assert!(child.contains("Иванов Артём Дмитриевич"), "{child}");

    c.find(Locator::LinkText("Сменить пароль")).await.unwrap().click().await.unwrap();
    c.find(Locator::Id("current")).await.unwrap().send_keys("demo-tver-2026").await.unwrap();
    c.find(Locator::Id("new")).await.unwrap().send_keys("сосна берёза ель").await.unwrap();
    c.find(Locator::Id("repeat")).await.unwrap().send_keys("сосна берёза ель").await.unwrap();
    c.find(Locator::Css("form.stack button[type=submit]")).await.unwrap().click().await.unwrap();
    let notice = c.find(Locator::Css(".notice")).await.unwrap().text().await.unwrap();
    assert!(notice.starts_with("Пароль сохранён"), "{notice}");

    // Out, and back in with the new password.
    c.find(Locator::Css("form.logout button")).await.unwrap().click().await.unwrap();
    // Logged out once the header offers «Войти» again.
    c.wait().for_element(Locator::Css("header .who a.button")).await.unwrap();
    c.goto(&app.at("/login")).await.unwrap();
    c.find(Locator::Id("login")).await.unwrap().send_keys("ivanova").await.unwrap();
    c.find(Locator::Id("password")).await.unwrap().send_keys("сосна берёза ель").await.unwrap();
    c.find(Locator::Css("form.stack button[type=submit]")).await.unwrap().click().await.unwrap();
    assert_eq!(c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap(), "Персональные настройки");
    browser.close().await;
}
