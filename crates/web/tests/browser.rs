//! The home page in a real headless Chromium, as a person would see it.

use dopcert_testkit::{Browser, TestApp, TestDb};
use fantoccini::Locator;

// Every lookup waits for its element: after a click the next page may still be loading.

/// Types a login and password into the login form and sends it.
async fn log_in(c: &fantoccini::Client, app: &TestApp, login: &str, password: &str) {
    c.goto(&app.at("/login")).await.unwrap();
    c.wait().for_element(Locator::Id("login")).await.unwrap().send_keys(login).await.unwrap();
    c.wait().for_element(Locator::Id("password")).await.unwrap().send_keys(password).await.unwrap();
    c.wait()
        .for_element(Locator::Css("form.stack button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // Signed in once the header shows the name: a navigation started earlier could cancel the
    // login's answer on a loaded machine.
    c.wait().for_element(Locator::Css("header .who a.person")).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newcomer_opens_the_home_page_in_a_browser() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    let c = &browser.client;
    c.goto(&app.at("/")).await.unwrap();
    assert_eq!(c.title().await.unwrap(), "Сертификат дополнительного образования");
    let h1 = c.wait().for_element(Locator::Css("h1")).await.unwrap().text().await.unwrap();
    assert_eq!(h1, "Сертификат дополнительного образования");
    // The way in, at the top right.
    let login = c.wait().for_element(Locator::Css("header .who a")).await.unwrap();
    assert_eq!(login.text().await.unwrap(), "Войти");
    // The demo logins, readable in the table.
    let rows = c.find_all(Locator::Css(".demo tbody tr")).await.unwrap();
    assert!(rows.len() >= 8, "{} demo rows", rows.len());
    let first = rows[0].text().await.unwrap();
    assert!(first.contains("ivanova") && first.contains("demo-tver-2026"), "{first}");
    // The footer names the support centre and its phone.
    let footer = c.wait().for_element(Locator::Css("footer")).await.unwrap().text().await.unwrap();
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
    c.wait().for_element(Locator::Css("header .who a")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::Id("login")).await.unwrap().send_keys("ivanova").await.unwrap();
    c.wait().for_element(Locator::Id("password")).await.unwrap().send_keys("demo-tver-2026").await.unwrap();
    c.wait()
        .for_element(Locator::Css("form.stack button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    // The full name at the top right opens «Персональные настройки».
    c.goto(&app.at("/")).await.unwrap();
    let me = c.wait().for_element(Locator::Css("header .who a.person")).await.unwrap();
    assert_eq!(me.text().await.unwrap(), "Иванова Елена Сергеевна");
    me.click().await.unwrap();
    // The settings page has loaded once its certificate section is there (an `h1` alone could
    // still be the previous page's). On a loaded machine a click can land before the page is
    // ready for it: click once more rather than wait forever.
    let settings =
        c.wait().at_most(std::time::Duration::from_secs(10)).for_element(Locator::Id("certificate")).await;
    if settings.is_err() {
        c.find(Locator::Css("header .who a.person")).await.unwrap().click().await.unwrap();
        c.wait().for_element(Locator::Id("certificate")).await.unwrap();
    }
    assert_eq!(
        c.wait().for_element(Locator::Css("h1")).await.unwrap().text().await.unwrap(),
        "Персональные настройки"
    );
    let section = c.wait().for_element(Locator::Css("#certificate")).await.unwrap().text().await.unwrap();
    assert_eq!(section, "Сертификат дополнительного образования");
    let child = c.wait().for_element(Locator::Css(".children li")).await.unwrap().text().await.unwrap();
    assert!(child.contains("Иванов Артём Дмитриевич"), "{child}");

    c.wait().for_element(Locator::LinkText("Сменить пароль")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::Id("current")).await.unwrap().send_keys("demo-tver-2026").await.unwrap();
    c.wait().for_element(Locator::Id("new")).await.unwrap().send_keys("сосна берёза ель").await.unwrap();
    c.wait().for_element(Locator::Id("repeat")).await.unwrap().send_keys("сосна берёза ель").await.unwrap();
    c.wait()
        .for_element(Locator::Css("form.stack button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let notice = c.wait().for_element(Locator::Css(".notice")).await.unwrap().text().await.unwrap();
    assert!(notice.starts_with("Пароль сохранён"), "{notice}");

    // Out, and back in with the new password.
    c.wait().for_element(Locator::Css("form.logout button")).await.unwrap().click().await.unwrap();
    // Logged out once the header offers «Войти» again.
    c.wait().for_element(Locator::Css("header .who a.button")).await.unwrap();
    log_in(c, &app, "ivanova", "сосна берёза ель").await;
    // The settings page has loaded once its certificate section is there (an `h1` alone could
    // still be the previous page's).
    c.wait().for_element(Locator::Id("certificate")).await.unwrap();
    assert_eq!(
        c.wait().for_element(Locator::Css("h1")).await.unwrap().text().await.unwrap(),
        "Персональные настройки"
    );
    browser.close().await;
}

/// A class list as a school system exports it, with real Excel dates.
fn class_xlsx(dir: &std::path::Path) -> std::path::PathBuf {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in
        ["Класс", "ФИО ученика", "Дата рождения", "СНИЛС", "ФИО родителя", "Телефон"].iter().enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
    let rows = [
        ("4Д", "Фомина Зоя Артёмовна", (2016, 5, 12), "Фомина Лада Сергеевна", "+7 910 555-12-34"),
        ("4Д", "Гусев Марк Ильич", (2016, 2, 3), "Гусев Илья Петрович", "89105551235"),
    ];
    for (r, (class, pupil, (y, m, d), parent, phone)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *class).unwrap();
        sheet.write_string(r, 1, *pupil).unwrap();
        let day = rust_xlsxwriter::ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
        sheet.write_datetime_with_format(r, 2, &day, &date).unwrap();
        sheet.write_string(r, 4, *parent).unwrap();
        sheet.write_string(r, 5, *phone).unwrap();
    }
    let path = dir.join("4d.xlsx");
    book.save(&path).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_imports_a_class_and_a_parent_comes_in_with_the_printed_slip() {
    let Some(browser) = Browser::start().await else { return };
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    let dir = tempfile::tempdir().unwrap();
    let file = class_xlsx(dir.path());
    let c = &browser.client;

    // The clerk logs in and uploads the class from XLSX.
    log_in(c, &app, "school", "demo-tver-2026").await;
    // The clerk's home is the organization's page.
    c.wait()
        .for_element(Locator::LinkText("Загрузить учеников и родителей"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("file")).await.unwrap().send_keys(file.to_str().unwrap()).await.unwrap();
    c.wait()
        .for_element(Locator::Css("form[enctype] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let summary =
        c.wait().for_element(Locator::XPath("//p[starts-with(., 'Новых учеников')]")).await.unwrap();
    assert_eq!(summary.text().await.unwrap(), "Новых учеников: 2. Обновятся: 0. Строк с ошибками: 0.");
    c.wait()
        .for_element(Locator::XPath("//button[starts-with(., 'Загрузить 2')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let done = c.wait().for_element(Locator::Css(".notice")).await.unwrap().text().await.unwrap();
    assert_eq!(done, "Загружено: новых детей 2, обновлено 0, новых родителей 2.");

    // The class appears among the classes; its slips are printed (fetched as the clerk would
    // download them, with the browser's own session cookie).
    c.goto(&app.at("/org/logins?class=4%D0%94")).await.unwrap();
    let table = c.wait().for_element(Locator::Css("table")).await.unwrap().text().await.unwrap();
    assert!(table.contains("Фомина Лада Сергеевна (родитель)") && table.contains("логина нет"), "{table}");
    let session = c.get_named_cookie("dopcert_session").await.unwrap().value().to_string();
    let csrf = c.get_named_cookie("dopcert_csrf").await.unwrap().value().to_string();
    let http = reqwest::Client::new();
    let pdf = http
        .post(app.at("/org/logins/class"))
        .header("cookie", format!("dopcert_session={session}; dopcert_csrf={csrf}"))
        .form(&[("csrf", csrf.as_str()), ("class", "4Д")])
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let Some(text) = dopcert_testkit::pdf::text(&pdf) else {
        // Without pdftotext (outside CI): the pages so far are still checked.
        browser.close().await;
        return;
    };
    assert!(text.contains("Логин: fomina.ls") && text.contains("Логин: gusev.ip"), "{text}");
    let code = text.split("Логин: fomina.ls").nth(1).unwrap().split("Одноразовый пароль: ").nth(1).unwrap();
    let code = code.split_whitespace().next().unwrap().to_string();
    c.wait().for_element(Locator::Css("form.logout button")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::Css("header .who a.button")).await.unwrap();

    // The parent types the slip's login and password, chooses her own, and is in.
    log_in(c, &app, "fomina.ls", &code).await;
    c.wait().for_element(Locator::Id("repeat")).await.unwrap();
    assert!(c.find(Locator::Id("current")).await.is_err(), "no current password asked the first time");
    c.wait().for_element(Locator::Id("new")).await.unwrap().send_keys("зоя любит рисовать").await.unwrap();
    c.wait().for_element(Locator::Id("repeat")).await.unwrap().send_keys("зоя любит рисовать").await.unwrap();
    c.wait()
        .for_element(Locator::Css("form.stack button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("certificate")).await.unwrap();
    let me = c.wait().for_element(Locator::Css("header .who a.person")).await.unwrap().text().await.unwrap();
    assert_eq!(me, "Фомина Лада Сергеевна");
    let child = c.wait().for_element(Locator::Css(".children li")).await.unwrap().text().await.unwrap();
    assert!(child.contains("Фомина Зоя Артёмовна") && child.contains("Может получить сертификат"), "{child}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parent_comes_in_through_gosuslugi_and_sees_her_children() {
    let people = serde_json::json!({
        "esia-pavlova": {"family_name": "Павлова", "given_name": "Нина", "middle_name": "Олеговна",
                          "birthdate": "1987-10-10",
                          "children": [{"family_name": "Павлов", "given_name": "Егор", "middle_name": "Ильич", "birthdate": "2014-02-14"}]}
    });
    let Some(browser) = Browser::start().await else { return };
    let Some((app, _provider)) = TestApp::with_demo_and_esia(TestDb::sqlite().await, &people).await else {
        return;
    };
    let c = &browser.client;
    c.goto(&app.at("/login")).await.unwrap();
    c.wait().for_element(Locator::LinkText("Войти через Госуслуги")).await.unwrap().click().await.unwrap();
    // The provider's own pages: its login form, then its consent.
    c.wait()
        .for_element(Locator::Css("input[name=login]"))
        .await
        .unwrap()
        .send_keys("esia-pavlova")
        .await
        .unwrap();
    c.wait().for_element(Locator::Css("input[name=password]")).await.unwrap().send_keys("any").await.unwrap();
    c.wait().for_element(Locator::Css("button[type=submit]")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::Css("input[value=consent]")).await.unwrap();
    c.wait().for_element(Locator::Css("button[type=submit]")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::Id("certificate")).await.unwrap();
    let me = c.wait().for_element(Locator::Css("header .who a.person")).await.unwrap().text().await.unwrap();
    assert_eq!(me, "Павлова Нина Олеговна");
    let child = c.wait().for_element(Locator::Css(".children li")).await.unwrap().text().await.unwrap();
    assert!(child.contains("Павлов Егор Ильич") && child.contains("Может получить сертификат"), "{child}");
    let facts = c.wait().for_element(Locator::Css(".facts")).await.unwrap().text().await.unwrap();
    assert!(facts.contains("вход через Госуслуги привязан"), "{facts}");
    browser.close().await;
}
