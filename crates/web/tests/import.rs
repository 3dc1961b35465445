//! A school clerk uploads a class over HTTP: preview, problems, confirmation.

use dopcert_testkit::{both_databases, TestApp};

const PASSWORD: &str = "demo-tver-2026";

async fn upload(app: &TestApp, c: &reqwest::Client, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let csrf = app.csrf(c, "/org/import").await;
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_string());
    let form = reqwest::multipart::Form::new().part("file", part);
    c.post(app.at(&format!("/org/import?csrf={csrf}"))).multipart(form).send().await.unwrap()
}

both_databases! {
    async fn a_clerk_previews_and_confirms_a_class_file(db) {
        let app = TestApp::with_demo(db).await;
        let c = app.client();
        app.login(&c, "school", PASSWORD).await;
        let settings = c.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        assert!(settings.contains("href=\"/org/import\""));

        let bad = "Класс;ФИО ученика;Дата рождения;ФИО родителя\n5А;Ivanov Ivan;01.02.2015;Иванова Анна\n";
        let res = upload(&app, &c, "bad.csv", bad.as_bytes().to_vec()).await;
        let html = res.text().await.unwrap();
        assert!(html.contains("Строк с ошибками: 1") && html.contains("только русские буквы"));
        assert!(!html.contains("action=\"/org/import/"), "no confirmation for a file with problems");

        let good = "Класс;ФИО ученика;Дата рождения;ФИО родителя\n5А;Лебедева Ника Павловна;01.02.2015;Лебедев Павел Игоревич\n";
        let html = upload(&app, &c, "5a.csv", good.as_bytes().to_vec()).await.text().await.unwrap();
        assert!(html.contains("Новых учеников: 1"), "{html}");
        let action = html.split("action=\"/org/import/").nth(1).unwrap().split('"').next().unwrap().to_string();
        let res = app.post_form(&c, "/org/import", &format!("/org/import/{action}"), &[]).await;
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("Загружено: новых детей 1, обновлено 0, новых родителей 1."));
        let again = app.post_form(&c, "/org/import", &format!("/org/import/{action}"), &[]).await;
        assert_eq!(again.status(), 422);
        assert!(again.text().await.unwrap().contains("уже загружен"));
    }

    async fn an_english_page_names_a_rows_problems_in_english(db) {
        let app = TestApp::with_demo(db).await;
        let c = app.client();
        c.get(app.at("/language?set=en&back=/")).send().await.unwrap();
        app.login(&c, "school", PASSWORD).await;
        let bad = "Класс;ФИО ученика;Дата рождения;СНИЛС;ФИО родителя\n;Ivanov Ivan;31.02.2015;123;Иванова Анна\n";
        let html = upload(&app, &c, "bad.csv", bad.as_bytes().to_vec()).await.text().await.unwrap();
        for words in [
            "the class is not given",
            "full name: a name may hold only Russian (Cyrillic) letters",
            "date of birth: there is no such date in the calendar",
            "SNILS: a SNILS has 11 digits",
        ] {
            assert!(html.contains(words), "{words}: {html}");
        }
        assert!(!html.contains("не указан класс") && !html.contains("только русские буквы"), "{html}");
    }
}

#[tokio::test]
async fn a_clerk_adds_one_pupil_by_hand_and_mistakes_are_named() {
    let app = TestApp::with_demo(dopcert_testkit::TestDb::sqlite().await).await;
    let c = app.client();
    app.login(&c, "school", PASSWORD).await;
    let one = |pupil: &'static str, birth: &'static str| {
        vec![
            ("class", "3Е"),
            ("pupil", pupil),
            ("birth_date", birth),
            ("parent", "Зимина Ольга Петровна"),
            ("phone", "8 915 000-11-22"),
        ]
    };
    let res = app.post_form(&c, "/org/import", "/org/pupils", &one("Зимин Kирилл", "01.09.2017")).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Ученик не добавлен: ФИО ученика"));
    let res =
        app.post_form(&c, "/org/import", "/org/pupils", &one("Зимин Кирилл Андреевич", "01.09.2017")).await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("Загружено: новых детей 1, обновлено 0, новых родителей 1."));
    // The same pupil again is an update, not a second child.
    let res =
        app.post_form(&c, "/org/import", "/org/pupils", &one("Зимин Кирилл Андреевич", "01.09.2017")).await;
    assert!(res.text().await.unwrap().contains("новых детей 0, обновлено 1, новых родителей 0"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_file_is_written_in_the_background_with_its_progress_shown() {
    let app = TestApp::with_demo(dopcert_testkit::TestDb::sqlite().await).await;
    let c = app.client();
    app.login(&c, "school", PASSWORD).await;
    let mut file = String::from("Класс;ФИО ученика;Дата рождения;СНИЛС;ФИО родителя\n");
    let first_day = jiff::civil::date(2012, 1, 1);
    for i in 0..1_500u32 {
        let snils = dopcert_domain::snils::Snils::from_base(800_000_000 + i);
        let born = first_day.checked_add(jiff::Span::new().days(i64::from(i))).unwrap();
        file.push_str(&format!("7Ж;Прогрессов Пётр Номер;{born};{snils};Прогрессова Анна\n"));
    }
    let html = upload(&app, &c, "7zh.csv", file.into_bytes()).await.text().await.unwrap();
    assert!(html.contains("Строк с ошибками: 0"), "{}", &html[..html.len().min(3000)]);
    let action = html.split("action=\"/org/import/").nth(1).unwrap().split('"').next().unwrap().to_string();
    let res = app.post_form(&c, "/org/import", &format!("/org/import/{action}"), &[]).await;
    assert_eq!(res.status(), 303);
    let progress = dopcert_testkit::location(&res).to_string();
    assert_eq!(progress, format!("/org/import/{action}/progress"));
    let mut seen_running = false;
    for _ in 0..600 {
        let page = c.get(app.at(&progress)).send().await.unwrap().text().await.unwrap();
        if page.contains("Загружено: новых детей") {
            assert!(page.contains("Загружено: новых детей 1500, обновлено 0"), "{page}");
            return;
        }
        assert!(!page.contains("class=\"error\""), "{page}");
        if page.contains("Идёт загрузка") {
            assert!(page.contains("http-equiv=\"refresh\""), "the page refreshes itself");
            seen_running = true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the import did not finish (progress shown: {seen_running})");
}

#[tokio::test]
async fn a_file_over_the_limit_gets_a_clear_answer() {
    let app = TestApp::with_demo(dopcert_testkit::TestDb::sqlite().await).await;
    let c = app.client();
    app.login(&c, "school", PASSWORD).await;
    let res = upload(&app, &c, "huge.csv", vec![b'x'; 21 * 1024 * 1024]).await;
    assert_eq!(res.status(), 413);
    // The server answers without reading the rest of the upload and closes the connection;
    // the client may lose the page's body in that race (a browser shows it), never the status.
    if let Ok(page) = res.text().await {
        assert!(page.contains("Файл больше 20 МБ"), "{page}");
    }
}

#[tokio::test]
async fn a_parent_cannot_import_and_an_upload_without_its_token_is_refused() {
    let app = TestApp::with_demo(dopcert_testkit::TestDb::sqlite().await).await;
    let c = app.client();
    app.login(&c, "ivanova", PASSWORD).await;
    assert_eq!(c.get(app.at("/org/import")).send().await.unwrap().status(), 403);
    let res = upload(&app, &c, "x.csv", b"x".to_vec()).await;
    assert_eq!(res.status(), 403);
    let form = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("x.csv"));
    let res = c.post(app.at("/org/import")).multipart(form).send().await.unwrap();
    assert_eq!(res.status(), 403, "no token in the action URL");
    assert!(res.text().await.unwrap().contains("Форма устарела"));
}
