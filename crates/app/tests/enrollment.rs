//! Applying to a group (R08, R09), on both databases: seats are never oversold and every held
//! kopeck is a ledger entry.

use dopcert_app::auth::{self, Actor, LoginInput};
use dopcert_app::certificate::{self, ClaimInput};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::enrollment::{self, ApplyError};
use dopcert_app::program::{self, GroupInput, ModuleInput, ProgramInput, ReviewInput};
use dopcert_app::{App, Clock};
use dopcert_domain::enrollment::ApplicationStatus;
use dopcert_domain::ids::{GroupId, PersonId};
use dopcert_domain::money::Kopecks;
use dopcert_domain::program::ChecklistItem;
use dopcert_store::{application, ledger, Store};
use dopcert_testkit::both_databases;
use jiff::civil::date;

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn actor(app: &App, login: &str) -> Actor {
    let input = LoginInput { login, password: demo::DEMO_PASSWORD, address: "127.0.0.1", user_agent: "test" };
    let (token, _) = auth::api_token(app, &input).await.unwrap();
    auth::token_actor(app, &token).await.unwrap().unwrap()
}

/// A certified program of the demo's ДТДМ for ages 8–14 with one group of `seats` seats at
/// `price` roubles a month (the normative cost the same).
async fn group(app: &App, seats: u32, price: &str) -> GroupId {
    let dtdm = actor(app, "dtdm").await;
    let moc = actor(app, "moc.tver").await;
    let input = ProgramInput {
        title: "Судомоделирование".into(),
        direction: "technical".into(),
        description: "Модели кораблей.".into(),
        age_min: "8".into(),
        age_max: "14".into(),
        funding: "certificate".into(),
    };
    let id = program::create(app, &dtdm, &input).await.unwrap();
    let v = |app: &App, who: &Actor| {
        let (app, who, id) = (app.clone(), who.clone(), id.clone());
        async move { program::view(&app, Some(&who), id.as_str()).await.unwrap() }
    };
    let m = ModuleInput {
        title: "Год".into(),
        hours: "72".into(),
        price: price.into(),
        normative_cost: price.into(),
    };
    program::add_module(app, &dtdm, id.as_str(), v(app, &dtdm).await.program.version, &m).await.unwrap();
    let page = v(app, &dtdm).await;
    let g = GroupInput {
        title: "Группа 1".into(),
        teacher: "Петров Алексей Викторович".into(),
        schedule: "сб 10:00".into(),
        days: vec!["sat".into()],
        address: "г. Тверь".into(),
        coordinates: String::new(),
        seats: seats.to_string(),
        starts_on: "01.12.2026".into(),
        ends_on: "31.05.2027".into(),
        enrollment_from: "20.11.2026".into(),
        enrollment_to: "20.12.2026".into(),
    };
    let module = page.modules[0].id.clone();
    program::add_group(app, &dtdm, id.as_str(), page.program.version, module.as_str(), &g).await.unwrap();
    program::submit(app, &dtdm, id.as_str(), v(app, &dtdm).await.program.version).await.unwrap();
    let review = ReviewInput {
        verdicts: ChecklistItem::ALL
            .iter()
            .map(|i| (i.code().to_string(), Some(true), String::new()))
            .collect(),
        decided: true,
        certify: true,
        valid_until: "31.08.2027".into(),
        note: String::new(),
    };
    program::review(app, &moc, id.as_str(), v(app, &moc).await.program.version, &review).await.unwrap();
    v(app, &dtdm).await.groups[0].id.clone()
}

/// A parent with one child born on 2016-03-10 (10 years old) and a funded certificate.
async fn family_with_certificate(app: &App, login: &str) -> (Actor, PersonId) {
    let f = dopcert_testkit::family(
        &app.store,
        login,
        "Семёнова Ольга Ивановна",
        &[("Семёнов Павел", Some(date(2016, 3, 10)))],
        true,
    )
    .await;
    let parent = actor(app, login).await;
    let child = f.children[0].clone();
    let input = ClaimInput { child_id: child.clone(), consent: true, municipality_id: None };
    certificate::claim(app, &parent, &input).await.unwrap();
    (parent, child)
}

async fn demo_app(store: &Store) -> App {
    let app = App::new(store.clone(), Clock::fixed(MORNING.parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 400, seed: 69, programs: 0 }).await.unwrap();
    app
}

both_databases! {
    async fn r09_many_apply_at_once_for_fewer_seats_and_exactly_the_seats_are_taken(db) {
        let app = demo_app(&db.store).await;
        let g = group(&app, 5, "1500").await;
        let mut families = Vec::new();
        for i in 0..12 {
            families.push(family_with_certificate(&app, &format!("rush{i}")).await);
        }
        let tasks: Vec<_> = families
            .iter()
            .map(|(parent, child)| {
                let (app, parent, child, g) = (app.clone(), parent.clone(), child.clone(), g.clone());
                tokio::spawn(async move { enrollment::apply(&app, &parent, &child, &g).await })
            })
            .collect();
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap().unwrap().status);
        }
        let pending = statuses.iter().filter(|s| **s == ApplicationStatus::Pending).count();
        assert_eq!(pending, 5, "exactly the seats");
        assert_eq!(statuses.len() - pending, 7, "the rest wait in line");
        let mut conn = app.store.reader().await.unwrap();
        assert!(application::seat_mismatches(&mut conn).await.unwrap().is_empty(), "seats match the applications");
        assert_eq!(ledger::inconsistencies(&mut conn).await.unwrap(), (0, 0), "the ledger balances");
        // December, the rest of the period: one month's certificate share held for each seat.
        let mut held = Kopecks::ZERO;
        for (_, child) in &families {
            let cert = dopcert_store::certificate::by_child(&mut conn, child).await.unwrap().unwrap();
            held = held.checked_add(ledger::certificate_balance(&mut conn, &cert.id).await.unwrap().held).unwrap();
        }
        assert_eq!(held, Kopecks::from_rubles(5 * 1_500));
    }

    async fn r08_bad_applications_are_refused_and_leave_no_seat_or_money_behind(db) {
        let app = demo_app(&db.store).await;
        let g = group(&app, 3, "1500").await;
        let (parent, child) = family_with_certificate(&app, "bad1").await;
        enrollment::apply(&app, &parent, &child, &g).await.unwrap();
        let twice = enrollment::apply(&app, &parent, &child, &g).await.unwrap_err();
        assert!(matches!(twice, ApplyError::AlreadyApplied), "{twice:?}");
        // More than the certificate holds: refused, and the seat stays free.
        let dear = group(&app, 3, "90000").await;
        let e = enrollment::apply(&app, &parent, &child, &dear).await.unwrap_err();
        assert_eq!(e.code(), "insufficient_balance", "{e}");
        let mut conn = app.store.reader().await.unwrap();
        let counts = application::counts(&mut conn, &dear).await.unwrap();
        assert!(counts.is_empty(), "nothing half-written: {counts:?}");
        assert!(application::seat_mismatches(&mut conn).await.unwrap().is_empty());
        drop(conn);
        // Someone else's child, a child too young, a child without a certificate.
        let other = actor(&app, "ivanova").await;
        assert_eq!(enrollment::apply(&app, &other, &child, &g).await.unwrap_err().code(), "not_found");
        let f = dopcert_testkit::family(&app.store, "young", "Орлова Анна Сергеевна", &[("Орлов Иван", Some(date(2021, 1, 1)))], true).await;
        let young = actor(&app, "young").await;
        let e = enrollment::apply(&app, &young, &f.children[0], &g).await.unwrap_err();
        assert_eq!(e.code(), "age_not_eligible", "{e}");
        let f = dopcert_testkit::family(&app.store, "nocert", "Белова Анна Сергеевна", &[("Белов Иван", Some(date(2016, 1, 1)))], true).await;
        let nocert = actor(&app, "nocert").await;
        assert_eq!(enrollment::apply(&app, &nocert, &f.children[0], &g).await.unwrap_err().code(), "certificate_required");
    }
}

both_databases! {
    async fn r08_a_rejection_or_a_withdrawal_releases_the_seat_and_the_hold_and_one_of_two_at_once_wins(db) {
        let app = demo_app(&db.store).await;
        let g = group(&app, 2, "1500").await;
        let dtdm = actor(&app, "dtdm").await;
        let (parent, child) = family_with_certificate(&app, "leave1").await;
        let applied = enrollment::apply(&app, &parent, &child, &g).await.unwrap();
        let balance = |child: PersonId| {
            let app = app.clone();
            async move {
                let mut conn = app.store.reader().await.unwrap();
                let cert = dopcert_store::certificate::by_child(&mut conn, &child).await.unwrap().unwrap();
                ledger::certificate_balance(&mut conn, &cert.id).await.unwrap()
            }
        };
        assert_eq!(balance(child.clone()).await.held, Kopecks::from_rubles(1_500));
        let e = enrollment::decide(&app, &dtdm, &applied.application_id, false, " ").await.unwrap_err();
        assert_eq!(e.to_string(), "напишите причину отказа: семья увидит её");
        let school = actor(&app, "school").await;
        let e = enrollment::decide(&app, &school, &applied.application_id, true, "").await.unwrap_err();
        assert!(matches!(e, enrollment::DecideError::NotFound), "another organization's application: {e:?}");
        enrollment::decide(&app, &dtdm, &applied.application_id, false, "группа для начинающих уже набрана").await.unwrap();
        let b = balance(child.clone()).await;
        assert_eq!((b.held, b.available), (Kopecks::ZERO, Kopecks::from_rubles(7_000)), "the hold is back");

        // The provider accepts while the family withdraws: one of them wins, nothing is lost.
        let (parent2, child2) = family_with_certificate(&app, "leave2").await;
        let a2 = enrollment::apply(&app, &parent2, &child2, &g).await.unwrap();
        let (acc, wd) = tokio::join!(
            enrollment::decide(&app, &dtdm, &a2.application_id, true, ""),
            enrollment::withdraw(&app, &parent2, &a2.application_id),
        );
        assert_eq!(acc.is_ok() as u8 + wd.is_ok() as u8, 1, "{acc:?} {wd:?}");
        let held = balance(child2.clone()).await.held;
        assert_eq!(held, if acc.is_ok() { Kopecks::from_rubles(1_500) } else { Kopecks::ZERO });
        let mut conn = app.store.reader().await.unwrap();
        assert!(application::seat_mismatches(&mut conn).await.unwrap().is_empty(), "seats match");
        assert_eq!(ledger::inconsistencies(&mut conn).await.unwrap(), (0, 0));
    }
}
