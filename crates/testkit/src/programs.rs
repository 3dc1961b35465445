//! What tests of enrollment and money need first: a certified program of the demo's ДТДМ with
//! one group, and a family whose child holds a funded certificate — made through the use cases,
//! as people would.

use dopcert_app::auth::{self, Actor, LoginInput};
use dopcert_app::certificate::{self, ClaimInput};
use dopcert_app::demo;
use dopcert_app::program::{self, GroupInput, ModuleInput, ProgramInput, ReviewInput};
use dopcert_app::App;
use dopcert_domain::ids::{GroupId, PersonId, ProgramId};
use dopcert_domain::program::ChecklistItem;
use jiff::civil::date;

pub async fn actor(app: &App, login: &str) -> Actor {
    let input = LoginInput { login, password: demo::DEMO_PASSWORD, address: "127.0.0.1", user_agent: "test" };
    let (token, _) = auth::api_token(app, &input).await.unwrap();
    auth::token_actor(app, &token).await.unwrap().unwrap()
}

/// A certified program of the demo's ДТДМ for ages 8–14 with one group of `seats` seats at
/// `price` roubles a month (the normative cost the same).
pub async fn group(app: &App, seats: u32, price: &str) -> GroupId {
    group_with(app, seats, price, "").await
}

/// The same, in lottery mode when `lottery_until` is a date.
pub async fn group_with(app: &App, seats: u32, price: &str, lottery_until: &str) -> GroupId {
    let spec = GroupSpec { lottery_until, ..GroupSpec::new(seats, price) };
    certified_group(app, &spec).await.1
}

/// What [`certified_group`] makes: the group's seats, the price a month in roubles, the
/// lottery's last day (empty: first come, first served), and its dates as ДД.ММ.ГГГГ.
pub struct GroupSpec<'a> {
    pub seats: u32,
    pub price: &'a str,
    pub lottery_until: &'a str,
    pub starts_on: String,
    pub ends_on: String,
    pub enrollment_from: String,
    pub enrollment_to: String,
}

impl GroupSpec<'_> {
    /// Classes from 01.12.2026 to 31.05.2027, applications from 20.11.2026 to 20.12.2026.
    pub fn new(seats: u32, price: &str) -> GroupSpec<'_> {
        GroupSpec {
            seats,
            price,
            lottery_until: "",
            starts_on: "01.12.2026".into(),
            ends_on: "31.05.2027".into(),
            enrollment_from: "20.11.2026".into(),
            enrollment_to: "20.12.2026".into(),
        }
    }

    /// Dates around `today` (for tests of the binary, which runs on the real clock): classes
    /// from the first of this month for a year, applications from a week ago for a month.
    pub fn around(seats: u32, price: &str, today: jiff::civil::Date) -> GroupSpec<'_> {
        let d = |d: jiff::civil::Date| format!("{:02}.{:02}.{}", d.day(), d.month(), d.year());
        let span = |days: i64| jiff::Span::new().days(days);
        GroupSpec {
            starts_on: d(today.first_of_month()),
            ends_on: d(today.saturating_add(span(365))),
            enrollment_from: d(today.saturating_sub(span(7))),
            enrollment_to: d(today.saturating_add(span(30))),
            ..GroupSpec::new(seats, price)
        }
    }
}

/// The program (title «Судомоделирование») and its one group.
pub async fn certified_group(app: &App, spec: &GroupSpec<'_>) -> (ProgramId, GroupId) {
    let id = submitted_program(app, spec, "Судомоделирование").await;
    let moc = actor(app, "moc.tver").await;
    let version = program::view(app, Some(&moc), id.as_str()).await.unwrap().program.version;
    let review = certifying_review("31.08.2027");
    program::review(app, &moc, id.as_str(), version, &review).await.unwrap();
    let group = program::view(app, Some(&moc), id.as_str()).await.unwrap().groups[0].id.clone();
    (id, group)
}

/// A program of the demo's ДТДМ with one module and one group as `spec` says, submitted for
/// certification (in the operator's queue).
pub async fn submitted_program(app: &App, spec: &GroupSpec<'_>, title: &str) -> ProgramId {
    let (seats, price, lottery_until) = (spec.seats, spec.price, spec.lottery_until);
    let dtdm = actor(app, "dtdm").await;
    let input = ProgramInput {
        title: title.into(),
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
        starts_on: spec.starts_on.clone(),
        ends_on: spec.ends_on.clone(),
        enrollment_from: spec.enrollment_from.clone(),
        enrollment_to: spec.enrollment_to.clone(),
        lottery_until: lottery_until.into(),
    };
    let module = page.modules[0].id.clone();
    program::add_group(app, &dtdm, id.as_str(), page.program.version, module.as_str(), &g).await.unwrap();
    program::submit(app, &dtdm, id.as_str(), v(app, &dtdm).await.program.version).await.unwrap();
    id
}

/// A parent with one child born on 2016-03-10 (10 years old) and a funded certificate.
pub async fn family_with_certificate(app: &App, login: &str) -> (Actor, PersonId) {
    let f = crate::family(
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

/// Funded certificates for `n` of the demo's children without one (aged about 7 to 17), in
/// whichever municipalities they live.
pub async fn certify_some(app: &App, n: i64) {
    let mut conn = app.store.reader().await.unwrap();
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT p.id, p.municipality_id FROM person p
         WHERE p.municipality_id IS NOT NULL AND p.birth_date > '2009-06-01' AND p.birth_date < '2020-01-01'
           AND NOT EXISTS (SELECT 1 FROM certificate c WHERE c.child_id = p.id)
         ORDER BY p.id LIMIT $1",
    )
    .bind(n)
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    drop(conn);
    let children: Vec<_> = rows
        .into_iter()
        .map(|(p, m)| {
            (
                dopcert_domain::ids::PersonId::from_string(p),
                dopcert_domain::ids::MunicipalityId::from_string(m),
            )
        })
        .collect();
    dopcert_app::demo::enrollments::certify(app, &children, 69).await.unwrap();
}

/// A review that passes every item of the checklist and certifies until `valid_until`
/// (ДД.ММ.ГГГГ).
pub fn certifying_review(valid_until: &str) -> ReviewInput {
    ReviewInput {
        verdicts: ChecklistItem::ALL
            .iter()
            .map(|i| (i.code().to_string(), Some(true), String::new()))
            .collect(),
        decided: true,
        certify: true,
        valid_until: valid_until.into(),
        note: String::new(),
    }
}
