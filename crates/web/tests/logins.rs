//! A clerk prints a class's login slips; a parent comes in with one.

use dopcert_testkit::{both_databases, location, pdf, TestApp};

const PASSWORD: &str = "demo-tver-2026";

async fn import_class(app: &TestApp, c: &reqwest::Client) {
    let file = "Класс;ФИО ученика;Дата рождения;ФИО родителя\n\
                2Ж;Рыбакова Ася Юрьевна;03.04.2018;Рыбакова Вера Андреевна\n\
                2Ж;Рыбаков Тимур Юрьевич;03.04.2018;Рыбакова Вера Андреевна\n";
    let csrf = app.csrf(c, "/org/import").await;
    let part = reqwest::multipart::Part::bytes(file.as_bytes().to_vec()).file_name("2zh.csv");
    let html = c
        .post(app.at(&format!("/org/import?csrf={csrf}")))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let batch = html.split("action=\"/org/import/").nth(1).unwrap().split('"').next().unwrap().to_string();
    app.post_form(c, "/org/import", &format!("/org/import/{batch}"), &[]).await;
}

both_databases! {
    async fn the_slips_pdf_carries_the_logins_and_a_slip_opens_the_cabinet(db) {
        let app = TestApp::with_demo(db).await;
        let clerk = app.client();
        app.login(&clerk, "school", PASSWORD).await;
        import_class(&app, &clerk).await;
        let page = clerk.get(app.at("/org/logins?class=2%D0%96")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Рыбакова Вера Андреевна (родитель)") && page.contains("логина нет"));

        let res = app.post_form(&clerk, "/org/logins", "/org/logins/class", &[("class", "2Ж")]).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        let bytes = res.bytes().await.unwrap();
        let Some(text) = pdf::text(&bytes) else { return };
        assert!(text.contains("Логин: rybakova.va"), "{text}");
        assert!(text.contains("Рыбакова Вера Андреевна — родитель"));
        assert!(text.contains("Рыбакова Ася Юрьевна, 2Ж") && text.contains("Рыбаков Тимур Юрьевич, 2Ж"), "one slip for both");
        assert!(text.contains(&app.url), "the address of the service");
        assert!(text.contains("Получить сертификат"), "what to do first");
        let code = text.split("Одноразовый пароль: ").nth(1).unwrap().split_whitespace().next().unwrap().to_string();

        let parent = app.client();
        let res = app.login(&parent, "rybakova.va", &code).await;
        assert_eq!(location(&res), "/settings/password");
        let res = app.post_form(&parent, "/settings/password", "/settings/password", &[("new", "два зайца у реки"), ("repeat", "два зайца у реки")]).await;
        assert_eq!(location(&res), "/settings?saved=password");
        let settings = parent.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        assert!(settings.contains(">Рыбакова Вера Андреевна</span>") && settings.contains("Рыбаков Тимур Юрьевич"));

        // Now the class has nothing new to issue; the page says so.
        let res = app.post_form(&clerk, "/org/logins", "/org/logins/class", &[("class", "2Ж")]).await;
        assert!(res.text().await.unwrap().contains("Новых логинов нет"));
    }
}

#[tokio::test]
async fn a_parent_cannot_see_or_issue_logins() {
    let app = TestApp::with_demo(dopcert_testkit::TestDb::sqlite().await).await;
    let c = app.client();
    app.login(&c, "ivanova", PASSWORD).await;
    assert_eq!(c.get(app.at("/org/logins")).send().await.unwrap().status(), 403);
    let res = app.post_form(&c, "/settings", "/org/logins/class", &[("class", "1А")]).await;
    assert_eq!(res.status(), 403);
}
