//! Programs and their certification (R07), on both databases.

use dopcert_app::auth::{self, Actor, LoginInput};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::program::{
    self, Edited, GroupInput, ModuleInput, NotReady, ProgramError, ProgramInput, ReviewInput,
};
use dopcert_app::{App, Clock};
use dopcert_domain::ids::ProgramId;
use dopcert_domain::program::{ChecklistItem, ProgramStatus, ReviewError};
use dopcert_store::{catalog, Store};
use dopcert_testkit::both_databases;

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn demo_app(store: &Store) -> App {
    let app = App::new(store.clone(), Clock::fixed(MORNING.parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 200, seed: 69, programs: 0 }).await.unwrap();
    app
}

async fn actor(app: &App, login: &str) -> Actor {
    let input = LoginInput { login, password: demo::DEMO_PASSWORD, address: "127.0.0.1", user_agent: "test" };
    let (token, _) = auth::api_token(app, &input).await.unwrap();
    auth::token_actor(app, &token).await.unwrap().unwrap()
}

fn robotics() -> ProgramInput {
    ProgramInput {
        title: "Робототехника: первые шаги".into(),
        direction: "technical".into(),
        description: "Собираем и программируем роботов из конструктора.".into(),
        age_min: "7".into(),
        age_max: "12".into(),
        funding: "certificate".into(),
    }
}

fn module(price: &str) -> ModuleInput {
    ModuleInput {
        title: "Первый год".into(),
        hours: "72".into(),
        price: price.into(),
        normative_cost: "1500".into(),
    }
}

fn group() -> GroupInput {
    GroupInput {
        title: "Группа 1".into(),
        teacher: "Григорьева Марина Александровна".into(),
        schedule: "пн, ср 16:00–17:30".into(),
        days: vec!["mon".into(), "wed".into()],
        address: "г. Тверь, ул. Советская, д. 1".into(),
        coordinates: "56.8587, 35.9176".into(),
        seats: "15".into(),
        starts_on: "01.12.2026".into(),
        ends_on: "31.05.2027".into(),
        enrollment_from: "25.11.2026".into(),
        enrollment_to: "15.12.2026".into(),
        lottery_until: String::new(),
    }
}

async fn version(app: &App, who: &Actor, id: &ProgramId) -> i64 {
    program::view(app, Some(who), id.as_str()).await.unwrap().program.version
}

/// A draft with one module and one group, ready to submit.
async fn ready(app: &App, who: &Actor) -> ProgramId {
    let id = program::create(app, who, &robotics()).await.unwrap();
    program::add_module(app, who, id.as_str(), version(app, who, &id).await, &module("1200")).await.unwrap();
    let m = program::view(app, Some(who), id.as_str()).await.unwrap().modules[0].id.clone();
    let v = version(app, who, &id).await;
    program::add_group(app, who, id.as_str(), v, m.as_str(), &group()).await.unwrap();
    id
}

fn all_passed() -> ReviewInput {
    dopcert_testkit::programs::certifying_review("31.08.2027")
}

fn price_failed() -> ReviewInput {
    let mut r = all_passed();
    r.certify = false;
    r.verdicts[4] = ("price".into(), Some(false), "цена выше нормативной".into());
    r
}

async fn status(app: &App, who: &Actor, id: &ProgramId) -> ProgramStatus {
    program::view(app, Some(who), id.as_str()).await.unwrap().program.status
}

async fn listed(app: &App, id: &ProgramId) -> bool {
    let mut conn = app.store.reader().await.unwrap();
    catalog::listed(&mut conn, id.as_str()).await.unwrap().is_some()
}

both_databases! {
    async fn r07_a_program_is_listed_only_once_certified_and_its_history_keeps_every_decision(db) {
        let app = demo_app(&db.store).await;
        let dtdm = actor(&app, "dtdm").await;
        let moc = actor(&app, "moc.tver").await;
        let id = ready(&app, &dtdm).await;
        assert!(matches!(program::view(&app, None, id.as_str()).await, Err(ProgramError::NotFound)), "a draft is private");
        program::submit(&app, &dtdm, id.as_str(), version(&app, &dtdm, &id).await).await.unwrap();
        let queue = program::queue(&app, &moc, ProgramStatus::Submitted).await.unwrap();
        assert!(queue.iter().any(|s| s.id == id.as_str()));
        assert!(!listed(&app, &id).await);

        let v = version(&app, &moc, &id).await;
        let e = program::review(&app, &moc, id.as_str(), v, &all_passed_but_unanswered()).await.unwrap_err();
        assert!(matches!(e, ProgramError::Review(ReviewError::Unanswered(ChecklistItem::Licence))), "{e:?}");
        program::review(&app, &moc, id.as_str(), v, &price_failed()).await.unwrap();
        assert_eq!(status(&app, &dtdm, &id).await, ProgramStatus::Returned);

        // The provider fixes the price and resubmits; the operator certifies.
        let m = program::view(&app, Some(&dtdm), id.as_str()).await.unwrap().modules[0].id.clone();
        let v = version(&app, &dtdm, &id).await;
        program::edit_module(&app, &dtdm, id.as_str(), v, m.as_str(), &module("1500")).await.unwrap();
        program::submit(&app, &dtdm, id.as_str(), version(&app, &dtdm, &id).await).await.unwrap();
        let v = version(&app, &moc, &id).await;
        assert_eq!(program::review(&app, &moc, id.as_str(), v, &all_passed()).await.unwrap(), ProgramStatus::Certified);
        assert!(listed(&app, &id).await, "certified: in the catalog");
        let public = program::view(&app, None, id.as_str()).await.unwrap();
        assert!(public.listed() && public.reviews.is_empty(), "the public sees the program, not the reviews");

        let history = program::view(&app, Some(&dtdm), id.as_str()).await.unwrap().reviews;
        let actions: Vec<&str> = history.iter().map(|r| r.action.as_str()).collect();
        assert_eq!(actions, ["certify", "submit", "return", "submit"]);
        assert_eq!(history[2].failed, vec![(ChecklistItem::Price, "цена выше нормативной".to_string())]);
        assert_eq!(history[0].author.as_deref(), Some("Беляева Оксана Михайловна"), "every decision has its author");
    }

    async fn r07_an_edit_of_price_hours_or_ages_sends_a_certified_program_back_to_review_other_edits_do_not(db) {
        let app = demo_app(&db.store).await;
        let dtdm = actor(&app, "dtdm").await;
        let moc = actor(&app, "moc.tver").await;
        let id = ready(&app, &dtdm).await;
        program::submit(&app, &dtdm, id.as_str(), version(&app, &dtdm, &id).await).await.unwrap();
        program::review(&app, &moc, id.as_str(), version(&app, &moc, &id).await, &all_passed()).await.unwrap();

        let mut text = robotics();
        text.description = "Новое описание: соревнования в конце года.".into();
        let v = version(&app, &dtdm, &id).await;
        assert_eq!(program::edit(&app, &dtdm, id.as_str(), v, &text).await.unwrap(), Edited::Saved);
        assert_eq!(status(&app, &dtdm, &id).await, ProgramStatus::Certified);
        let m = program::view(&app, Some(&dtdm), id.as_str()).await.unwrap().modules[0].id.clone();
        let v = version(&app, &dtdm, &id).await;
        program::add_group(&app, &dtdm, id.as_str(), v, m.as_str(), &group()).await.unwrap();
        assert_eq!(status(&app, &dtdm, &id).await, ProgramStatus::Certified, "a new group is not a new term");

        let mut older = text.clone();
        older.age_max = "14".into();
        let v = version(&app, &dtdm, &id).await;
        assert_eq!(program::edit(&app, &dtdm, id.as_str(), v, &older).await.unwrap(), Edited::BackToReview);
        assert_eq!(status(&app, &dtdm, &id).await, ProgramStatus::Submitted);
        assert!(!listed(&app, &id).await, "no new enrollments until certified again");
        let stale = program::edit(&app, &dtdm, id.as_str(), v, &text).await.unwrap_err();
        assert!(matches!(stale, ProgramError::InReview), "{stale:?}");
    }

    async fn r07_two_reviewers_at_once_make_one_decision(db) {
        let app = demo_app(&db.store).await;
        let dtdm = actor(&app, "dtdm").await;
        let moc = actor(&app, "moc.tver").await;
        let id = ready(&app, &dtdm).await;
        program::submit(&app, &dtdm, id.as_str(), version(&app, &dtdm, &id).await).await.unwrap();
        let v = version(&app, &moc, &id).await;
        let (certify, ret) = (all_passed(), price_failed());
        let (a, b) = tokio::join!(
            program::review(&app, &moc, id.as_str(), v, &certify),
            program::review(&app, &moc, id.as_str(), v, &ret),
        );
        assert_eq!(a.is_ok() as u8 + b.is_ok() as u8, 1, "{a:?} {b:?}");
        let decisions = program::view(&app, Some(&moc), id.as_str()).await.unwrap().reviews;
        assert_eq!(decisions.iter().filter(|r| r.action != "submit").count(), 1);
    }

    async fn r07_a_certification_expires_on_its_date_after_a_reminder_30_days_before(db) {
        let app = demo_app(&db.store).await;
        let dtdm = actor(&app, "dtdm").await;
        let moc = actor(&app, "moc.tver").await;
        let id = ready(&app, &dtdm).await;
        program::submit(&app, &dtdm, id.as_str(), version(&app, &dtdm, &id).await).await.unwrap();
        let mut r = all_passed();
        r.valid_until = "31.12.2026".into();
        program::review(&app, &moc, id.as_str(), version(&app, &moc, &id).await, &r).await.unwrap();

        assert_eq!(program::expire_and_remind(&app).await.unwrap(), (0, 0), "36 days before: nothing yet");
        app.clock.set("2026-12-01T09:00:00Z".parse().unwrap());
        assert_eq!(program::expire_and_remind(&app).await.unwrap(), (0, 1));
        assert!(program::view(&app, Some(&dtdm), id.as_str()).await.unwrap().ends_soon);
        assert_eq!(program::expire_and_remind(&app).await.unwrap(), (0, 0), "reminded once");
        app.clock.set("2026-12-31T20:59:00Z".parse().unwrap());
        assert_eq!(program::expire_and_remind(&app).await.unwrap(), (0, 0), "valid through its last day, Moscow time");
        app.clock.set("2026-12-31T21:00:00Z".parse().unwrap());
        assert_eq!(program::expire_and_remind(&app).await.unwrap(), (1, 0));
        assert_eq!(status(&app, &dtdm, &id).await, ProgramStatus::Expired);
        assert!(!listed(&app, &id).await);
        let page = program::view(&app, None, id.as_str()).await.unwrap();
        assert!(!page.listed(), "the page stays for the families already attending, without enrollment");
    }

    async fn bad_program_input_gets_a_message_per_field(db) {
        let app = demo_app(&db.store).await;
        let dtdm = actor(&app, "dtdm").await;
        let mut p = robotics();
        p.age_min = "12".into();
        p.age_max = "7".into();
        let ProgramError::Invalid(errs) = program::create(&app, &dtdm, &p).await.unwrap_err() else { panic!() };
        assert_eq!(errs[0].message(), "возраст «с» не может быть больше возраста «до»");
        let id = program::create(&app, &dtdm, &robotics()).await.unwrap();
        let v = version(&app, &dtdm, &id).await;
        let e = program::submit(&app, &dtdm, id.as_str(), v).await.unwrap_err();
        assert!(matches!(e, ProgramError::NotReady(NotReady::NoModule)), "{e:?}");
        assert_eq!((e.code(), e.to_string().as_str()), ("not_ready", "добавьте хотя бы один модуль"), "the API's");
        for (m, field) in [(module("-5"), "price"), (ModuleInput { hours: "0".into(), ..module("100") }, "hours")] {
            let ProgramError::Invalid(errs) = program::add_module(&app, &dtdm, id.as_str(), v, &m).await.unwrap_err()
            else {
                panic!()
            };
            assert_eq!(errs[0].field, field, "{errs:?}");
        }
        program::add_module(&app, &dtdm, id.as_str(), v, &module("1200")).await.unwrap();
        let m = program::view(&app, Some(&dtdm), id.as_str()).await.unwrap().modules[0].id.clone();
        let v = version(&app, &dtdm, &id).await;
        let bad_groups = [
            (GroupInput { seats: "10000".into(), ..group() }, "seats", "мест в группе — от 1 до 200"),
            (GroupInput { ends_on: "01.11.2026".into(), ..group() }, "ends_on", "группа не может закончиться раньше, чем начнётся"),
            (GroupInput { teacher: " ".into(), ..group() }, "teacher", "нужно указать: педагог"),
            (
                GroupInput { starts_on: "01.09.1900".into(), ..group() },
                "starts_on",
                "дата — не раньше чем год назад и не позже чем через три года: проверьте год",
            ),
        ];
        for (g, field, message) in bad_groups {
            let e = program::add_group(&app, &dtdm, id.as_str(), v, m.as_str(), &g).await.unwrap_err();
            let ProgramError::Invalid(errs) = e else { panic!("{e:?}") };
            assert_eq!((errs[0].field, errs[0].message().as_str()), (field, message));
        }
        let e = program::submit(&app, &dtdm, id.as_str(), v).await.unwrap_err();
        assert_eq!(e.to_string(), "у модуля «Первый год» нет ни одной группы: добавьте группу или удалите модуль");
        let stale = program::edit(&app, &dtdm, id.as_str(), v - 1, &robotics()).await.unwrap_err();
        assert!(matches!(stale, ProgramError::Stale));
    }

    async fn r04_a_program_of_another_organization_is_not_found_and_only_the_certifier_decides(db) {
        let app = demo_app(&db.store).await;
        let dtdm = actor(&app, "dtdm").await;
        let school = actor(&app, "school").await;
        let rmc = actor(&app, "rmc").await;
        let id = ready(&app, &dtdm).await;
        let e = program::edit(&app, &school, id.as_str(), 1, &robotics()).await.unwrap_err();
        assert!(matches!(e, ProgramError::NotFound), "{e:?}");
        assert!(matches!(program::view(&app, Some(&school), id.as_str()).await, Err(ProgramError::NotFound)));
        program::submit(&app, &dtdm, id.as_str(), version(&app, &dtdm, &id).await).await.unwrap();
        let v = version(&app, &rmc, &id).await;
        let e = program::review(&app, &rmc, id.as_str(), v, &all_passed()).await.unwrap_err();
        assert!(matches!(e, ProgramError::Forbidden), "the region sees, the municipality certifies: {e:?}");
        program::set_certifier(&app, &rmc, program::Certifier::Region).await.unwrap();
        let moc = actor(&app, "moc.tver").await;
        let e = program::review(&app, &moc, id.as_str(), v, &all_passed()).await.unwrap_err();
        assert!(matches!(e, ProgramError::Forbidden), "{e:?}");
        program::review(&app, &rmc, id.as_str(), v, &all_passed()).await.unwrap();
    }
}

fn all_passed_but_unanswered() -> ReviewInput {
    let mut r = all_passed();
    r.verdicts.pop();
    r
}
