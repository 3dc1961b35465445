//! The main pages of each role (issue 9), on the demo region of its full size with a month's
//! work in it: a family enrolled and billed, another waiting for the organization's answer, a
//! program in the operator's queue, a possible duplicate, a question. Shared by the page-weight
//! test (`page_weight.rs`) and the screenshots (`screenshots.rs`), so both look at the same pages.

use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::{billing, cabinet, certificate, consultation, enrollment, program, registration, Clock};
use dopcert_testkit::programs::{
    actor, certified_group, certify_some, certifying_review, family_with_certificate, submitted_program,
    GroupSpec,
};
use dopcert_testkit::{TestApp, TestDb};
use jiff::civil::date;

/// The morning the families apply; the month is billed on [`BILLED`].
const MORNING: &str = "2026-11-25T09:00:00Z";
const BILLED: &str = "2026-12-28T08:00:00Z";

/// One page as a role sees it: `login` is `None` for a visitor.
pub struct Page {
    pub login: Option<&'static str>,
    /// Unique, a file name: `parent-cabinet`.
    pub name: &'static str,
    pub path: String,
}

pub struct World {
    pub app: TestApp,
    pub pages: Vec<Page>,
}

/// The demo region of its default size (thousands of children, hundreds of programs) on a fixed
/// clock: the catalog is as large as a region's first year.
pub async fn demo() -> TestApp {
    let clock = Clock::fixed(MORNING.parse().unwrap());
    let app = TestApp::spawn_with_clock(TestDb::sqlite().await, clock).await;
    demo::load(&app.app, &DemoOptions::default()).await.expect("load the demo");
    dopcert_app::catalog::rebuild(&app.app).await.expect("catalog index");
    app
}

/// The demo with a month's work in it, and its main pages.
pub async fn world() -> World {
    let app = demo().await;
    let a = &app.app;
    // Some of the region's children hold certificates since this morning: the dashboard has figures.
    certify_some(a, 400).await;

    // Кузнецова's son (12) holds a certificate: enrolled in December's group, accepted.
    let parent = actor(a, "kuznetsova").await;
    let children = cabinet::children(a, &parent).await.unwrap();
    let son = children.iter().find(|c| c.certificate.is_some()).expect("the son's certificate");
    let daughter = children.iter().find(|c| c.certificate.is_none()).expect("the daughter without one");
    let number = son.certificate.as_ref().unwrap().number.to_string();
    let (_, group) = certified_group(a, &GroupSpec::new(12, "1500")).await;
    let applied = enrollment::apply(a, &parent, &son.id, &group, true).await.expect("the son applies");
    let dtdm = actor(a, "dtdm").await;
    enrollment::decide(a, &dtdm, &applied.application_id, true, "").await.unwrap();

    // A month later December is billed: an invoice for the provider, a sheet of attendance.
    a.clock.set(BILLED.parse().unwrap());
    billing::run(a, None, date(2026, 12, 1), billing::RunOptions::default()).await.unwrap();

    // A program open for enrollment now, with another family waiting for the provider's answer.
    let today = a.clock.today();
    let open =
        submitted_program(a, &GroupSpec::around(20, "1800", today), "Робототехника для начинающих").await;
    let moc = actor(a, "moc.tver").await;
    let version = program::view(a, Some(&moc), open.as_str()).await.unwrap().program.version;
    program::review(a, &moc, open.as_str(), version, &certifying_review("31.08.2027")).await.unwrap();
    let robotics = program::view(a, Some(&moc), open.as_str()).await.unwrap().groups[0].id.clone();
    let (waiting, child) = family_with_certificate(a, "semenova").await;
    enrollment::apply(a, &waiting, &child, &robotics, true).await.expect("the second family applies");

    // What waits for the operator: a program to certify, a possible duplicate, a question.
    submitted_program(a, &GroupSpec::around(15, "2000", today), "Шахматы: первые шаги").await;
    let clerk = actor(a, "school").await;
    for (last, first, parent_first) in [("Фёдорова", "Алёна", "Ирина"), ("Федорова", "Алена", "Вера")]
    {
        let input = registration::RegistrationInput {
            child_last: last.into(),
            child_first: first.into(),
            birth_date: "01.09.2015".into(),
            parent_last: "Белова".into(),
            parent_first: parent_first.into(),
            parent_phone: "+7 912 345-67-89".into(),
            paper_consent: true,
            ..Default::default()
        };
        registration::register(a, &clerk, &input, None).await.unwrap();
    }
    let question = consultation::AskInput {
        topic: "Как оформить договор с семьёй".into(),
        text: "Какой договор подписывать при записи по сертификату?".into(),
        files: vec![],
    };
    consultation::ask(a, &dtdm, &question).await.unwrap();
    assert!(certificate::of_child(a, &child).await.unwrap().is_some());

    let pages =
        pages(&app, &number, daughter.id.as_str(), son.id.as_str(), &applied.application_id, open.as_str())
            .await;
    World { app, pages }
}

/// The first program of the catalog's first page, as a visitor finds it.
async fn first_program(app: &TestApp) -> String {
    let html = reqwest::get(app.at("/catalog")).await.unwrap().text().await.unwrap();
    let at = html.find("<h2><a href=\"/catalog/").expect("a card on the catalog's first page");
    let rest = &html[at + "<h2><a href=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

async fn pages(
    app: &TestApp,
    number: &str,
    daughter: &str,
    son: &str,
    application: &str,
    robotics: &str,
) -> Vec<Page> {
    let program = first_program(app).await;
    let page = |login, name, path: String| Page { login, name, path };
    let visitor = None;
    let parent = Some("kuznetsova");
    let org = Some("dtdm");
    let clerk = Some("school");
    let moc = Some("moc.tver");
    let region = Some("rmc");
    let mut pages = vec![
        page(visitor, "home", "/".into()),
        page(visitor, "login", "/login".into()),
        page(visitor, "catalog", "/catalog".into()),
        page(visitor, "catalog-filtered", "/catalog?q=робототехника&direction=technical&age=10".into()),
        page(visitor, "catalog-page-3", "/catalog?page=3".into()),
        page(visitor, "program", program),
        page(visitor, "program-open", format!("/catalog/{robotics}")),
        page(parent, "parent-cabinet", "/settings".into()),
        page(parent, "parent-certificate", format!("/certificates/{number}")),
        page(parent, "parent-claim", format!("/settings/certificate/{daughter}")),
        page(parent, "parent-applications", "/applications".into()),
        page(parent, "parent-contract", format!("/applications/{application}/contract")),
        page(parent, "parent-catalog", format!("/catalog?child={son}")),
        page(parent, "parent-enroll", format!("/catalog/{robotics}/enroll")),
        page(parent, "parent-password", "/settings/password".into()),
        page(parent, "parent-personal-data", "/settings/personal-data".into()),
        page(org, "org-home", "/org".into()),
        page(org, "org-programs", "/org/programs".into()),
        page(org, "org-program", format!("/org/programs/{robotics}")),
        page(org, "org-applications", "/org/applications".into()),
        page(org, "org-billing", "/org/invoices".into()),
        page(org, "org-consultations", "/org/consultations".into()),
        page(clerk, "school-register", "/org/register".into()),
        page(clerk, "school-import", "/org/import".into()),
        page(clerk, "school-logins", "/org/logins".into()),
        page(moc, "moc-home", "/moc".into()),
        page(moc, "moc-dashboard", "/moc/dashboard".into()),
        page(moc, "moc-duplicates", "/moc/duplicates".into()),
        page(moc, "moc-queues", "/moc/queues".into()),
        page(moc, "moc-programs", "/moc/programs".into()),
        page(moc, "moc-billing", "/moc/billing".into()),
        page(moc, "moc-periods", "/moc/periods".into()),
        page(moc, "moc-providers", "/moc/providers".into()),
        page(moc, "moc-reports", "/moc/reports".into()),
        page(region, "region-home", "/moc".into()),
        page(region, "region-dashboard", "/moc/dashboard".into()),
        page(region, "region-municipalities", "/region/municipalities".into()),
        page(region, "region-rules", "/region/rules".into()),
        page(Some("kontrol"), "auditor-audit", "/audit".into()),
    ];
    // The help pages, once they are there (issue 9's other part).
    for (name, path) in [("help", "/help"), ("help-parents", "/help/parents")] {
        if reqwest::get(app.at(path)).await.is_ok_and(|r| r.status() == 200) {
            pages.push(page(visitor, name, path.into()));
        }
    }
    pages
}
