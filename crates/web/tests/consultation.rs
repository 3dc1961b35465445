//! Consultations over HTTP, on both databases: an organization asks the support centre with a
//! PDF attached, the operator finds it in the list, downloads the file and answers, and the
//! organization sees the answer; a bad question comes back with a Russian message.

use dopcert_app::demo;
use dopcert_testkit::{both_databases, location, TestApp};
use reqwest::multipart::{Form, Part};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

async fn signed_in(t: &TestApp, login: &str) -> reqwest::Client {
    let c = t.client();
    assert_eq!(t.login(&c, login, demo::DEMO_PASSWORD).await.status(), 303, "{login} logs in");
    c
}

async fn page(t: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String) {
    let res = c.get(t.at(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn ask(t: &TestApp, c: &reqwest::Client, topic: &str, file: (&str, &[u8])) -> reqwest::Response {
    let csrf = t.csrf(c, "/settings").await;
    let part =
        Part::bytes(file.1.to_vec()).file_name(file.0.to_string()).mime_str("application/pdf").unwrap();
    let form = Form::new()
        .text("topic", topic.to_string())
        .text("text", "Какие документы приложить к заявке на сертификацию?")
        .part("files", part);
    let url = t.at(&format!("/org/consultations?csrf={csrf}"));
    c.post(url).multipart(form).send().await.unwrap()
}

/// The first link to a page of `prefix` in `html`.
fn link(html: &str, prefix: &str) -> String {
    let rest = html.split(&format!("href=\"{prefix}")).nth(1).unwrap_or_else(|| panic!("no {prefix} link"));
    format!("{prefix}{}", rest.split('"').next().unwrap())
}

both_databases! {
    async fn an_organization_asks_and_the_operator_answers(db) {
        let t = TestApp::with_demo(db).await;
        let org = signed_in(&t, "dtdm").await;
        let (_, home) = page(&t, &org, "/org").await;
        assert!(home.contains("Вопросы в МОЦ"), "the cabinet links to the questions");
        let res = ask(&t, &org, "Документы для сертификации", ("устав.pdf", PDF)).await;
        assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
        let thread = location(&res).to_string();
        assert!(thread.starts_with("/org/consultations/"), "{thread}");

        let operator = signed_in(&t, "moc.tver").await;
        let (_, moc) = page(&t, &operator, "/moc").await;
        assert!(moc.contains("href=\"/moc/consultations\""), "the back office links to them");
        let (status, list) = page(&t, &operator, "/moc/consultations").await;
        assert_eq!(status, 200);
        assert!(list.contains("Документы для сертификации") && list.contains("Ждёт ответа"), "{list}");
        let (status, html) = page(&t, &operator, &link(&list, "/moc/consultations/")).await;
        assert_eq!(status, 200);
        assert!(html.contains("устав.pdf"), "the attachment is listed");
        let res = operator.get(t.at(&link(&html, "/consultations/files/"))).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
        assert!(disposition.starts_with("attachment"), "{disposition}");
        assert_eq!(res.bytes().await.unwrap().as_ref(), PDF, "the same bytes");

        let id = thread.trim_start_matches("/org/consultations/");
        let csrf = t.csrf(&operator, "/settings").await;
        let part = Part::bytes(PDF.to_vec()).file_name("образец.pdf");
        let form = Form::new().text("text", "Устав и лицензию.").part("files", part);
        let url = t.at(&format!("/moc/consultations/{id}/reply?csrf={csrf}"));
        let res = operator.post(url).multipart(form).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let (_, html) = page(&t, &org, &thread).await;
        assert!(html.contains("Устав и лицензию.") && html.contains("Есть ответ"), "{html}");
        assert!(html.contains("образец.pdf"), "the answer's attachment");
        let (_, list) = page(&t, &org, "/org/consultations").await;
        assert!(list.contains("Есть ответ"));
    }

    async fn a_bad_question_comes_back_with_a_message(db) {
        let t = TestApp::with_demo(db).await;
        let org = signed_in(&t, "dtdm").await;
        let res = ask(&t, &org, "Вопрос с программой", ("scan.pdf", b"MZ\x90\x00\x03\x00")).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("принимаются PDF, JPEG, PNG, DOCX и XLSX"), "{html}");
        assert!(html.contains("Вопрос с программой"), "the form keeps what was typed");
        let (_, list) = page(&t, &org, "/org/consultations").await;
        assert!(list.contains("Вопросов пока нет"), "nothing written");
        let parent = signed_in(&t, "ivanova").await;
        assert_eq!(page(&t, &parent, "/org/consultations").await.0, 403);
    }
}
