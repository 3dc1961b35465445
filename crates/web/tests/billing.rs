//! The provider's and the operator's pages for enrollment and billing, over HTTP: applications
//! accepted and rejected (with a reason), an attendance sheet, a month billed, the invoice
//! approved and downloaded, payment orders exported as XLSX and as the 1C file.

use calamine::{Data, DataType, Reader};
use dopcert_app::certificate::{self, ClaimInput};
use dopcert_app::{billing, demo, enrollment, App, Clock};
use dopcert_domain::ids::{GroupId, PersonId};
use dopcert_testkit::programs::{actor, group};
use dopcert_testkit::{location, TestApp, TestDb};
use jiff::civil::date;

const MORNING: &str = "2026-11-25T09:00:00Z";

/// A parent whose child (10 years old) has a funded certificate and applies to `group`: the
/// application's id.
async fn applied(app: &App, login: &str, child: &str, group: &GroupId) -> String {
    let f = dopcert_testkit::family(
        &app.store,
        login,
        "Семёнова Ольга Ивановна",
        &[(child, Some(date(2016, 3, 10)))],
        true,
    )
    .await;
    let parent = actor(app, login).await;
    let child: PersonId = f.children[0].clone();
    let input = ClaimInput { child_id: child.clone(), consent: true, municipality_id: None };
    certificate::claim(app, &parent, &input).await.unwrap();
    enrollment::apply(app, &parent, &child, group, true).await.unwrap().application_id
}

async fn signed_in(t: &TestApp, login: &str) -> reqwest::Client {
    let c = t.client();
    assert_eq!(t.login(&c, login, demo::DEMO_PASSWORD).await.status(), 303, "{login} logs in");
    c
}

async fn page(t: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String) {
    let res = c.get(t.at(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn post(t: &TestApp, c: &reqwest::Client, action: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    t.post_form(c, "/settings", action, fields).await
}

async fn world() -> (TestApp, GroupId, String, String) {
    let clock = Clock::fixed(MORNING.parse().unwrap());
    let t = TestApp::with_demo_and_clock(TestDb::sqlite().await, clock).await;
    let g = group(&t.app, 5, "1500").await;
    let a = applied(&t.app, "bill1", "Семёнов Павел Андреевич", &g).await;
    let b = applied(&t.app, "bill2", "Ковалёва Анна Сергеевна", &g).await;
    (t, g, a, b)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_provider_accepts_rejects_with_a_reason_and_ends_an_enrollment() {
    let (t, _, a, b) = world().await;
    let c = signed_in(&t, "dtdm").await;
    let (status, html) = page(&t, &c, "/org").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/org/applications\"") && html.contains("href=\"/org/invoices\""));

    let (status, html) = page(&t, &c, "/org/applications").await;
    assert_eq!(status, 200);
    assert!(html.contains("Семёнов Павел Андреевич") && html.contains("Ковалёва Анна Сергеевна"));
    assert!(html.contains("Судомоделирование") && html.contains("1\u{a0}500,00\u{a0}₽"));
    assert!(html.contains("на рассмотрении у организации"));
    assert!(html.contains(&format!("action=\"/org/applications/{a}/decide\"")));

    // A rejection needs a reason: the list comes back with the message.
    let res =
        post(&t, &c, &format!("/org/applications/{b}/decide"), &[("decision", "reject"), ("reason", " ")])
            .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Напишите причину отказа: семья увидит её"));

    let res = post(&t, &c, &format!("/org/applications/{a}/decide"), &[("decision", "accept")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/org/applications?status=enrolled&done=accepted");
    let (_, html) = page(&t, &c, location(&res)).await;
    assert!(html.contains("Ребёнок зачислен") && html.contains("Семёнов Павел Андреевич"));
    assert!(html.contains("зачислен") && html.contains("Завершить обучение"));
    assert!(html.contains("/attendance\">табель</a>"), "a link to the group's sheet");

    let reason = "группа для начинающих уже набрана";
    let res =
        post(&t, &c, &format!("/org/applications/{b}/decide"), &[("decision", "reject"), ("reason", reason)])
            .await;
    assert_eq!(location(&res), "/org/applications?status=waiting&done=rejected");
    let (_, html) = page(&t, &c, "/org/applications?status=closed").await;
    assert!(html.contains("Ковалёва Анна Сергеевна") && html.contains("отклонена") && html.contains(reason));

    // Twice: the application was decided already.
    let res = post(&t, &c, &format!("/org/applications/{b}/decide"), &[("decision", "accept")]).await;
    assert_eq!(res.status(), 409);

    // Another organization's staff, and a parent, do not reach these applications.
    let school = signed_in(&t, "school").await;
    let res = post(
        &t,
        &school,
        &format!("/org/applications/{a}/decide"),
        &[("decision", "reject"), ("reason", "x")],
    )
    .await;
    assert_eq!(res.status(), 404);
    let parent = signed_in(&t, "bill1").await;
    assert_eq!(page(&t, &parent, "/org/applications").await.0, 403);

    // The family may end it too: their field comes filled with today, in the form it is read
    // back in (a date in words would be refused on sending).
    let (_, html) = page(&t, &parent, "/applications").await;
    let prefilled = html.split("name=\"last_day\" value=\"").nth(1).unwrap().split('"').next().unwrap();
    assert!(dopcert_domain::time::parse_date_ru(prefilled).is_some(), "prefilled {prefilled:?}");

    // Ending: a date as people write it, within the contract.
    let end = format!("/org/applications/{a}/end");
    let res = post(&t, &c, &end, &[("last_day", "вчера"), ("reason", "")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("ДД.ММ.ГГГГ"));
    let res = post(&t, &c, &end, &[("last_day", "15.08.2027"), ("reason", "")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Дата ухода — не раньше"));
    let res = post(&t, &c, &end, &[("last_day", "15.12.2026"), ("reason", "переезд")]).await;
    assert_eq!(location(&res), "/org/applications?status=closed&done=ended");
    let (_, html) = page(&t, &c, "/org/applications?status=closed").await;
    assert!(html.contains("обучение завершено") && html.contains("переезд"));
}

/// The row whose cell says «Итого», and the number beside it.
fn total(range: &calamine::Range<Data>) -> f64 {
    for row in range.rows() {
        if let Some(i) = row.iter().position(|c| *c == Data::String("Итого".into())) {
            return row[i + 1].as_f64().unwrap();
        }
    }
    panic!("no total row");
}

fn first_sheet(bytes: Vec<u8>) -> calamine::Range<Data> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let name = book.sheet_names()[0].clone();
    book.worksheet_range(&name).unwrap()
}

fn strings(range: &calamine::Range<Data>) -> Vec<String> {
    range.cells().filter_map(|(_, _, c)| c.get_string().map(str::to_string)).collect()
}

fn header<'a>(res: &'a reqwest::Response, name: &str) -> &'a str {
    res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_month_is_billed_approved_and_exported_as_payment_orders() {
    let (t, g, a, b) = world().await;
    let dtdm = actor(&t.app, "dtdm").await;
    for id in [&a, &b] {
        enrollment::decide(&t.app, &dtdm, id, true, "").await.unwrap();
    }
    t.app.clock.set("2026-12-28T09:00:00Z".parse().unwrap());

    // The provider keeps the sheet: 4 lessons, the second child came to 3.
    let c = signed_in(&t, "dtdm").await;
    let sheet = format!("/org/groups/{g}/attendance");
    let (status, html) = page(&t, &c, &sheet).await;
    assert_eq!(status, 200);
    assert!(html.contains("декабрь 2026") && html.contains("Судомоделирование — Группа 1"));
    assert!(html.contains("month=2026-11") && html.contains("month=2027-01"), "previous and next month");
    assert!(html.contains("Семёнов Павел Андреевич") && html.contains("Ковалёва Анна Сергеевна"));
    let mark = format!("attended-{b}");
    let res = post(&t, &c, &sheet, &[("month", "2026-12"), ("lessons", "4"), (&mark, "5")]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Посещено — от 0 до числа занятий в месяце"));
    assert!(html.contains("value=\"5\""), "what was typed comes back");
    let res = post(&t, &c, &sheet, &[("month", "2026-12"), ("lessons", "много"), (&mark, "3")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Число занятий в месяце — от 1 до 62"));
    let res = post(&t, &c, &sheet, &[("month", "2026-12"), ("lessons", "4"), (&mark, "3")]).await;
    assert_eq!(location(&res), format!("/org/groups/{g}/attendance?month=2026-12&done=saved"));
    let (_, html) = page(&t, &c, location(&res)).await;
    assert!(html.contains("Табель сохранён") && html.contains("value=\"3\"") && html.contains("value=\"4\""));

    // The operator bills: not a month ahead, then December.
    let moc = signed_in(&t, "moc.tver").await;
    let (status, html) = page(&t, &moc, "/moc").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/moc/billing\""));
    let (status, html) = page(&t, &moc, "/moc/billing").await;
    assert_eq!(status, 200);
    assert!(html.contains("value=\"2026-12\""), "the current Moscow month by default");
    let res = post(&t, &moc, "/moc/billing/run", &[("month", "2027-01")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Январь 2027 ещё не наступил"));
    // In English the refusal is English too, the month in English words.
    let english = signed_in(&t, "moc.tver").await;
    english.get(t.at("/language?set=en&back=/")).send().await.unwrap();
    let res = post(&t, &english, "/moc/billing/run", &[("month", "2027-01")]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("January 2027 has not come yet: only the current month and past months can be billed"),
        "{html}"
    );
    assert!(!html.contains("наступил"), "{html}");
    let res = post(&t, &moc, "/moc/billing/run", &[("month", "2026-12")]).await;
    assert_eq!(res.status(), 303);
    let (_, html) = page(&t, &moc, location(&res)).await;
    assert!(
        html.contains("Начисление за декабрь 2026 выполнено: договоров — 2, на сумму 2\u{a0}625,00\u{a0}₽"),
        "{html}"
    );
    assert!(html.contains("№ 2026-12/1") && html.contains("выставлен"));

    // The sheet of a billed month is closed.
    let (_, html) = page(&t, &c, &format!("{sheet}?month=2026-12")).await;
    assert!(html.contains("табель закрыт") && !html.contains("Сохранить табель"));

    let operator = actor(&t.app, "moc.tver").await;
    let (_, invoices) = billing::overview(&t.app, &operator).await.unwrap();
    let id = invoices[0].id.clone();
    let at = format!("/invoices/{id}");

    // The provider sees its invoice; the children by initials only.
    let (_, html) = page(&t, &c, "/org/invoices").await;
    assert!(html.contains(&format!("href=\"{at}\"")) && html.contains("2\u{a0}625,00\u{a0}₽"));
    let (status, html) = page(&t, &c, &at).await;
    assert_eq!(status, 200);
    assert!(html.contains("Семёнов П. А.") && html.contains("Ковалёва А. С."));
    assert!(!html.contains("Семёнов Павел") && !html.contains("Утвердить") && !html.contains("Сторно"));
    assert!(html.contains("3 из 4"), "the lessons attended");
    // Another provider does not.
    let school = signed_in(&t, "school").await;
    assert_eq!(page(&t, &school, &at).await.0, 404);
    assert_eq!(page(&t, &school, &format!("{at}/xlsx")).await.0, 404);
    assert_eq!(page(&t, &school, &format!("{at}/pdf")).await.0, 404);

    // The operator: a reversal needs a reason; approval once.
    let (status, html) = page(&t, &moc, &at).await;
    assert_eq!(status, 200);
    assert!(html.contains("Утвердить") && html.contains("Сторно"));
    let entry = html.split("name=\"entry\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let res = post(&t, &moc, &format!("{at}/reverse"), &[("entry", &entry), ("why", " ")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Напишите причину сторно"));
    let res = post(&t, &english, &format!("{at}/reverse"), &[("entry", &entry), ("why", " ")]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Write the reason for the reversal") && !html.contains("Напишите причину"),
        "{html}"
    );
    let res = post(&t, &moc, &format!("{at}/approve"), &[]).await;
    assert_eq!(location(&res), format!("{at}?done=approved"));
    let res = post(&t, &moc, &format!("{at}/approve"), &[]).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("Счёт уже изменили"));

    // The invoice's documents.
    let res = moc.get(t.at(&format!("{at}/xlsx"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        header(&res, "content-type"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(header(&res, "content-disposition"), "attachment; filename=\"invoice-2026-12-1.xlsx\"");
    let range = first_sheet(res.bytes().await.unwrap().to_vec());
    let texts = strings(&range);
    assert!(texts.contains(&"Семёнов П. А.".to_string()) && texts.contains(&"Ковалёва А. С.".to_string()));
    assert!(!texts.iter().any(|s| s.contains("Павел")), "no full names on the invoice");
    assert_eq!(total(&range), 2625.0);
    let res = c.get(t.at(&format!("{at}/pdf"))).send().await.unwrap();
    assert_eq!(header(&res, "content-type"), "application/pdf");
    assert!(header(&res, "content-disposition").contains("invoice-2026-12-1.pdf"));
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF"));

    // The payment orders: the 1C file, then the same export again as XLSX.
    {
        let mut conn = t.app.store.begin().await.unwrap();
        dopcert_store::setting::put(&mut conn, "payer.name", "Департамент образования Твери").await.unwrap();
        conn.commit().await.unwrap();
    }
    let (_, html) = page(&t, &moc, "/moc/billing").await;
    assert!(html.contains("Утверждённых счетов к выгрузке: 1"));
    let res = post(&t, &moc, "/moc/billing/orders?format=1c", &[]).await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-type"), "application/octet-stream");
    assert_eq!(header(&res, "content-disposition"), "attachment; filename=\"payment-orders-20261228.txt\"");
    let bytes = res.bytes().await.unwrap();
    let (text, _, bad) = encoding_rs::WINDOWS_1251.decode(&bytes);
    assert!(!bad);
    assert!(text.starts_with("1CClientBankExchange\r\n"));
    assert_eq!(text.matches("СекцияДокумент=Платежное поручение").count(), 1);
    assert!(text.contains("\r\nНомер=1\r\nДата=28.12.2026\r\nСумма=2625.00\r\n"));
    assert!(text.contains("\r\nПлательщик=Департамент образования Твери\r\n"));
    assert!(text.contains("\r\nПлательщикИНН=6950024610\r\n"));
    assert!(text.contains(
        "\r\nНазначениеПлатежа=Оплата услуг дополнительного образования по сертификатам за декабрь 2026, счёт № 2026-12/1. Без НДС\r\n"
    ));

    let res = post(&t, &moc, "/moc/billing/orders?format=xlsx", &[]).await;
    assert_eq!(res.status(), 422, "nothing approved is left");
    let html = res.text().await.unwrap();
    assert!(html.contains("Нет утверждённых счетов для выгрузки"));
    let again = html.split("href=\"/moc/billing/orders?at=").nth(1).unwrap().split('"').next().unwrap();
    let again = format!("/moc/billing/orders?at={}", again.replace("&amp;", "&"));
    assert!(again.ends_with("&format=xlsx"), "{again}");
    let res = moc.get(t.at(&again)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-disposition"), "attachment; filename=\"payment-orders-20261228.xlsx\"");
    let range = first_sheet(res.bytes().await.unwrap().to_vec());
    assert_eq!(total(&range), 2625.0);
    let texts = strings(&range);
    assert!(texts.iter().any(|s| s.ends_with("счёт № 2026-12/1. Без НДС")), "{texts:?}");
    let (_, html) = page(&t, &moc, &at).await;
    assert!(html.contains("выгружен в платёжные поручения") && !html.contains("Сторно"));
}
