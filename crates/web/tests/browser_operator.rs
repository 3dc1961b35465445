//! The municipal operator's day in a real headless Chromium (issue 7): set next year's period,
//! certify a program from the queue, resolve a possible duplicate, approve an invoice, answer a
//! consultation, and download the registry of certificates and check its rows.

use dopcert_app::certificate;
use dopcert_app::consultation::{self, AskInput};
use dopcert_app::registration::{self, Registered, RegistrationInput};
use dopcert_app::{billing, enrollment, Clock};
use dopcert_testkit::programs::{actor, family_with_certificate, group, submitted_program, GroupSpec};
use dopcert_testkit::ui::{click, fill, link, log_in, says};
use dopcert_testkit::{Browser, TestApp, TestDb};
use fantoccini::{Client, Locator};
use jiff::civil::date;

const PROGRAM: &str = "Робототехника для начинающих";
const QUESTION: &str = "Как оформить договор с семьёй";

fn registration(first: &str, parent: &str) -> RegistrationInput {
    RegistrationInput {
        child_last: "Фёдорова".into(),
        child_first: first.into(),
        birth_date: "01.09.2015".into(),
        parent_last: "Белова".into(),
        parent_first: parent.into(),
        parent_phone: "+7 912 345-67-89".into(),
        paper_consent: true,
        ..Default::default()
    }
}

/// What waits for the operator in the morning: enrollments billed into an invoice, a program
/// submitted, a possible duplicate, a question. Returns the families' certificate numbers.
async fn morning(app: &TestApp) -> Vec<String> {
    let g = group(&app.app, 5, "1500").await;
    let dtdm = actor(&app.app, "dtdm").await;
    let mut numbers = Vec::new();
    for login in ["day.one", "day.two"] {
        let (parent, child) = family_with_certificate(&app.app, login).await;
        let id = enrollment::apply(&app.app, &parent, &child, &g, true).await.unwrap().application_id;
        enrollment::decide(&app.app, &dtdm, &id, true, "").await.unwrap();
        numbers.push(certificate::of_child(&app.app, &child).await.unwrap().unwrap().number.to_string());
    }
    app.app.clock.set("2026-12-28T08:00:00Z".parse().unwrap());
    billing::run(&app.app, None, date(2026, 12, 1), billing::RunOptions::default()).await.unwrap();
    submitted_program(&app.app, &GroupSpec::around(10, "2000", app.app.clock.today()), PROGRAM).await;
    let clerk = actor(&app.app, "school").await;
    registration::register(&app.app, &clerk, &registration("Алёна", "Ирина"), None).await.unwrap();
    let near =
        RegistrationInput { child_last: "Федорова".into(), ..registration("Алена", "Вера") };
    assert!(matches!(registration::register(&app.app, &clerk, &near, None).await.unwrap(), Registered::Held));
    let q = AskInput {
        topic: QUESTION.into(),
        text: "Какой договор подписывать при записи по сертификату?".into(),
        files: vec![],
    };
    consultation::ask(&app.app, &dtdm, &q).await.unwrap();
    numbers
}

/// The checklist of the program's certification, every item passed.
async fn certify(c: &Client) {
    for item in ["title", "description", "ages", "hours", "price", "groups", "licence"] {
        click(c, &format!("input[name=item-{item}][value=yes]")).await;
    }
    click(c, "input[name=decision][value=certify]").await;
    click(c, "form.checklist button[type=submit]").await;
}

/// The registry as the operator's browser downloads it (with the browser's session).
async fn download(c: &Client, app: &TestApp, path: &str) -> Vec<u8> {
    let session = c.get_named_cookie("dopcert_session").await.unwrap();
    let res = reqwest::Client::new()
        .get(app.at(path))
        .header("cookie", format!("dopcert_session={}", session.value()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.bytes().await.unwrap().to_vec()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operators_day() {
    let Some(browser) = Browser::start().await else { return };
    let clock = Clock::fixed("2026-11-25T09:00:00Z".parse().unwrap());
    let app = TestApp::with_demo_and_clock(TestDb::sqlite().await, clock).await;
    let numbers = morning(&app).await;
    let c = &browser.client;
    log_in(c, &app, "moc.tver").await;

    // Next year's period: the form proposes 2027 with this year's nominal; a higher one for
    // children with disabilities of 7–13.
    c.goto(&app.at("/moc")).await.unwrap();
    link(c, "Периоды: новый период, номиналы, история изменений").await;
    fill(c, "disability_7", "0").await;
    click(c, "form[action='/moc/periods'] button[type=submit]").await;
    says(c, "#period-error", "Номинал для 7–13 лет").await;
    fill(c, "disability_7", "9000").await;
    click(c, "form[action='/moc/periods'] button[type=submit]").await;
    says(c, ".notice", "Период установлен").await;
    says(c, "main", "(с ОВЗ 9").await;
    says(c, "main", "Установлен период").await;

    // The program from the queue.
    c.goto(&app.at("/moc/queues")).await.unwrap();
    link(c, PROGRAM).await;
    certify(c).await;
    says(c, ".notice", "сертифицирована").await;

    // The possible duplicate: the same child.
    c.goto(&app.at("/moc/duplicates")).await.unwrap();
    click(c, "button[name=decision][value=same]").await;
    says(c, ".notice", "Решение сохранено").await;

    // The invoice from the queue.
    c.goto(&app.at("/moc/queues")).await.unwrap();
    link(c, "№ 2026-12/1").await;
    click(c, "form[action$='/approve'] button[type=submit]").await;
    says(c, "main", "утверждён").await;

    // The question.
    c.goto(&app.at("/moc/consultations")).await.unwrap();
    link(c, QUESTION).await;
    fill(c, "text", "Договор-оферта из личного кабинета: семья принимает его при записи.").await;
    click(c, "form[action*='/reply'] button[type=submit]").await;
    says(c, "main", "Есть ответ").await;

    // The registry of certificates: both families' certificates are rows.
    c.goto(&app.at("/moc/reports")).await.unwrap();
    let href =
        c.find(Locator::LinkText("Реестр сертификатов")).await.unwrap().attr("href").await.unwrap().unwrap();
    let bytes = download(c, &app, &href).await;
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let rows: Vec<String> = book
        .worksheet_range(&sheet)
        .unwrap()
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("|"))
        .collect();
    for n in &numbers {
        assert!(rows.iter().any(|r| r.contains(n.as_str())), "certificate {n} in the registry");
    }
    browser.close().await;
}
