//! Demo programs: a few hundred across the six directions and every municipality, most of them
//! certified, some in review, returned, drafts or expired, with groups that have seats taken;
//! `--programs 100000` scales the same mix for benchmarks.

use dopcert_domain::ids::{AccountId, MunicipalityId, OrganizationId};
use dopcert_domain::money::Kopecks;
use dopcert_domain::organization::OrganizationKind;
use dopcert_domain::program::{
    AgeRange, CertifiedTerms, Direction, Funding, ModuleTerms, Point, ProgramStatus, Weekdays,
};
use dopcert_store::program::{self as store, GroupFields, NewReview, ProgramFields};
use dopcert_store::{organization, AnyConnection, StoreError};
use jiff::civil::Date;
use jiff::Span;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::names::STREETS;
use super::region::MUNICIPALITIES;

/// Topics per direction, with the ages they suit.
pub(super) const TOPICS: &[(Direction, &str, u8, u8)] = &[
    (Direction::Technical, "Робототехника", 7, 14),
    (Direction::Technical, "Программирование на Python", 11, 17),
    (Direction::Technical, "3D-моделирование и печать", 10, 17),
    (Direction::Technical, "Лего-конструирование", 5, 9),
    (Direction::Technical, "Авиамоделирование", 9, 16),
    (Direction::Technical, "Радиоэлектроника", 11, 17),
    (Direction::Technical, "Программирование в Scratch", 7, 11),
    (Direction::Technical, "Беспилотные летательные аппараты", 12, 17),
    (Direction::NaturalScience, "Юный эколог", 7, 12),
    (Direction::NaturalScience, "Занимательная химия", 11, 15),
    (Direction::NaturalScience, "Астрономия", 10, 17),
    (Direction::NaturalScience, "Физика в опытах", 10, 15),
    (Direction::NaturalScience, "Математика для любознательных", 8, 13),
    (Direction::NaturalScience, "Биология растений", 9, 14),
    (Direction::PhysicalSport, "Футбол", 6, 15),
    (Direction::PhysicalSport, "Шахматы", 5, 17),
    (Direction::PhysicalSport, "Лёгкая атлетика", 8, 17),
    (Direction::PhysicalSport, "Плавание", 6, 14),
    (Direction::PhysicalSport, "Художественная гимнастика", 5, 12),
    (Direction::PhysicalSport, "Самбо", 7, 17),
    (Direction::PhysicalSport, "Настольный теннис", 8, 17),
    (Direction::PhysicalSport, "Волейбол", 10, 17),
    (Direction::PhysicalSport, "Лыжные гонки", 8, 17),
    (Direction::Artistic, "Студия рисования", 5, 14),
    (Direction::Artistic, "Хореография", 5, 15),
    (Direction::Artistic, "Вокальная студия", 6, 17),
    (Direction::Artistic, "Театральная студия", 7, 16),
    (Direction::Artistic, "Игра на гитаре", 9, 17),
    (Direction::Artistic, "Декоративно-прикладное творчество", 6, 13),
    (Direction::Artistic, "Керамика", 7, 15),
    (Direction::Artistic, "Фотостудия", 11, 17),
    (Direction::TourismLocalHistory, "Юный турист", 8, 14),
    (Direction::TourismLocalHistory, "Краеведение Тверского края", 9, 15),
    (Direction::TourismLocalHistory, "Спортивное ориентирование", 9, 17),
    (Direction::TourismLocalHistory, "Школьный музей", 10, 17),
    (Direction::TourismLocalHistory, "Пешеходный туризм", 11, 17),
    (Direction::SocialHumanitarian, "Английский язык", 6, 14),
    (Direction::SocialHumanitarian, "Юный журналист", 11, 17),
    (Direction::SocialHumanitarian, "Финансовая грамотность", 10, 16),
    (Direction::SocialHumanitarian, "Подготовка к школе", 5, 7),
    (Direction::SocialHumanitarian, "Волонтёрский отряд", 12, 17),
    (Direction::SocialHumanitarian, "Юные инспекторы движения", 8, 12),
    (Direction::SocialHumanitarian, "Ораторское искусство", 11, 17),
];

const TAILS: &[&str] = &[
    "",
    ": первые шаги",
    " для начинающих",
    ": базовый уровень",
    ": продвинутый уровень",
    " для младших школьников",
    " для подростков",
    ": мастерская",
    ": старт",
    ": клуб",
];

const AIMS: &[&str] = &[
    "Дети учатся работать в команде, доводить дело до результата и рассказывать о нём.",
    "Занятия строятся на практике: каждое занятие заканчивается готовой работой.",
    "Педагог подбирает задания по силам каждому ребёнку; опыт не нужен.",
    "В течение года дети участвуют в городских конкурсах и соревнованиях.",
    "Программа развивает внимание, память и самостоятельность.",
];

const FINALS: &[&str] = &[
    "В конце года — открытое занятие для родителей.",
    "В конце года — выставка работ.",
    "В конце года — отчётный концерт.",
    "В конце года — соревнования внутри объединения.",
    "В конце года — защита собственного проекта.",
];

const TEACHERS: &[&str] = &[
    "Иванова Наталья Сергеевна",
    "Петров Алексей Викторович",
    "Смирнова Елена Андреевна",
    "Кузнецов Дмитрий Олегович",
    "Васильева Ольга Николаевна",
    "Соколов Игорь Павлович",
    "Новикова Татьяна Юрьевна",
    "Морозов Сергей Александрович",
];

const SCHEDULES: &[(&str, &[&str])] = &[
    ("пн, ср 16:00–17:30", &["mon", "wed"]),
    ("вт, чт 15:00–16:30", &["tue", "thu"]),
    ("ср, пт 17:00–18:30", &["wed", "fri"]),
    ("сб 10:00–12:15", &["sat"]),
    ("пн, чт 18:00–19:30", &["mon", "thu"]),
    ("вт, пт 16:30–18:00", &["tue", "fri"]),
    ("вс 11:00–13:15", &["sun"]),
];

/// Rough centres of the demo towns (latitude, longitude), in the order of [`MUNICIPALITIES`].
const CENTRES: &[(f64, f64)] = &[
    (56.8587, 35.9176),
    (56.2624, 34.3282),
    (57.0413, 34.9607),
    (56.8733, 37.3556),
    (57.5913, 34.5645),
    (57.3600, 37.6117),
    (56.2232, 32.7766),
    (57.1456, 33.1115),
    (57.8787, 35.0149),
    (57.8817, 33.7089),
    (57.2167, 33.1000),
    (56.6500, 32.2667),
    (57.7861, 36.6936),
    (55.8333, 32.9333),
    (57.8858, 34.0531),
    (58.6581, 37.2572),
    (55.8500, 32.2667),
    (56.2567, 32.0806),
    (56.1761, 34.5814),
    (56.8587, 35.9176),
    (57.2403, 37.8547),
    (57.5833, 37.2333),
    (56.8733, 37.3556),
    (56.7000, 36.7667),
    (58.0603, 37.1183),
    (57.0267, 34.1700),
    (58.2667, 35.5167),
    (57.1250, 35.4667),
    (57.8000, 35.8833),
    (58.1333, 36.7167),
    (56.2000, 33.4833),
    (57.0833, 32.7167),
    (57.3500, 36.0500),
    (56.2624, 34.3282),
    (58.4583, 36.4167),
    (56.8500, 33.4500),
    (57.7833, 37.1500),
    (57.4167, 34.9833),
    (56.5167, 34.9333),
    (57.0413, 34.9607),
    (56.5000, 31.6333),
    (57.4833, 33.6667),
];

struct Provider {
    id: OrganizationId,
    municipality: MunicipalityId,
    position: usize,
    kind: OrganizationKind,
}

/// Who writes and who certifies the demo's programs.
pub struct Authors {
    pub provider_staff: AccountId,
    pub operator: AccountId,
}

/// Inserts `count` programs; returns how many.
pub async fn insert_all(
    conn: &mut AnyConnection,
    municipalities: &[MunicipalityId],
    authors: &Authors,
    count: u32,
    seed: u64,
    today: Date,
    now: &str,
) -> Result<u64, StoreError> {
    let mut providers = Vec::new();
    for (position, m) in municipalities.iter().enumerate() {
        for o in organization::list_in(conn, m).await? {
            providers.push(Provider { id: o.id, municipality: m.clone(), position, kind: o.kind });
        }
    }
    let weights: Vec<u32> = providers.iter().map(|p| weight(p.kind)).collect();
    let total: u32 = weights.iter().sum();
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x9a0c);
    for n in 0..count {
        let mut pick = rng.random_range(0..total);
        let p = providers
            .iter()
            .zip(&weights)
            .find(|(_, w)| {
                if pick < **w {
                    true
                } else {
                    pick -= **w;
                    false
                }
            })
            .map(|(p, _)| p)
            .expect("weights add up");
        insert_one(conn, &mut rng, p, authors, n, today, now).await?;
    }
    Ok(u64::from(count))
}

fn weight(kind: OrganizationKind) -> u32 {
    match kind {
        OrganizationKind::CreativityCenter => 30,
        OrganizationKind::SportSchool => 12,
        OrganizationKind::PrivateOrganization | OrganizationKind::SoleEntrepreneur => 10,
        OrganizationKind::School => 3,
        OrganizationKind::Kindergarten => 1,
    }
}

fn topic_for(rng: &mut ChaCha8Rng, kind: OrganizationKind, n: u32) -> (Direction, &'static str, u8, u8) {
    // The first programs show the examples of the issue in the demo region at once.
    if n == 0 {
        return TOPICS[0];
    }
    loop {
        let t = TOPICS[rng.random_range(0..TOPICS.len())];
        let fits = match kind {
            OrganizationKind::SportSchool => t.0 == Direction::PhysicalSport,
            OrganizationKind::Kindergarten => t.2 <= 6,
            _ => true,
        };
        if fits {
            return t;
        }
    }
}

async fn insert_one(
    conn: &mut AnyConnection,
    rng: &mut ChaCha8Rng,
    p: &Provider,
    authors: &Authors,
    n: u32,
    today: Date,
    now: &str,
) -> Result<(), StoreError> {
    let (direction, topic, lo, hi) = topic_for(rng, p.kind, n);
    let tail = if n == 0 { ": первые шаги" } else { TAILS[rng.random_range(0..TAILS.len())] };
    let title = format!("{topic}{tail}");
    let ages = AgeRange::new(lo, hi).expect("topics hold valid ages");
    let private =
        matches!(p.kind, OrganizationKind::PrivateOrganization | OrganizationKind::SoleEntrepreneur);
    let funding = if private || rng.random_bool(0.6) { Funding::Certificate } else { Funding::Free };
    let seats = rng.random_range(8..=25u32);
    let description = format!(
        "Программа «{topic}» для детей {ages}. {} Занятия в группах до {seats} {}. {}",
        AIMS[rng.random_range(0..AIMS.len())],
        dopcert_domain::format::plural(seats, "человека", "человек", "человек"),
        FINALS[rng.random_range(0..FINALS.len())],
    );
    let fields = ProgramFields { title: &title, direction, description: &description, ages, funding };
    let id = store::insert(conn, &p.id, &p.municipality, &fields, &authors.provider_staff, now).await?;

    let mut terms = Vec::new();
    let modules = if rng.random_bool(0.3) { 2 } else { 1 };
    for m in 0..modules {
        let price = match funding {
            Funding::Free => Kopecks::ZERO,
            Funding::Certificate => Kopecks::from_rubles(rng.random_range(8..=40) * 100),
        };
        let normative = Kopecks::from_rubles(((price.get() / 100) * rng.random_range(90..=110) / 100).max(0));
        let t =
            ModuleTerms::new(rng.random_range(2..=8) * 18, price, normative).expect("demo terms are valid");
        let module_title = if m == 0 {
            "Первый год обучения"
        } else {
            "Второй год обучения"
        };
        let module = store::insert_module(conn, &id, module_title, &t).await?;
        terms.push(t);
        for g in 0..rng.random_range(1..=3) {
            let group = group_fields(rng, p, g, seats, today);
            let gid = store::insert_group(conn, &id, &module, &group).await?;
            let taken = rng.random_range(0..=group.seats);
            store::demo_set_seats_taken(conn, &gid, taken).await?;
        }
    }

    let status = match rng.random_range(0..100) {
        0..=74 => ProgramStatus::Certified,
        75..=84 => ProgramStatus::Submitted,
        85..=89 => ProgramStatus::Returned,
        90..=94 => ProgramStatus::Draft,
        _ => ProgramStatus::Expired,
    };
    let status = if n == 0 { ProgramStatus::Certified } else { status };
    if status == ProgramStatus::Draft {
        return Ok(());
    }
    let (staff, operator) = (Some(&authors.provider_staff), Some(&authors.operator));
    fn review<'a>(
        program: &'a dopcert_domain::ids::ProgramId,
        action: &'static str,
        author: Option<&'a AccountId>,
        valid_until: Option<Date>,
    ) -> NewReview<'a> {
        NewReview { program, action, author, valid_until, note: None, verdicts: &[] }
    }
    store::insert_review(conn, &review(&id, "submit", staff, None), now).await?;
    let text = CertifiedTerms { funding, ages, modules: terms }.to_text();
    match status {
        ProgramStatus::Certified | ProgramStatus::Expired => {
            // Most run to the end of next summer; some end within the reminder's 30 days.
            let until = if status == ProgramStatus::Expired {
                today.saturating_sub(Span::new().days(rng.random_range(1..=60)))
            } else if rng.random_bool(0.05) {
                today.saturating_add(Span::new().days(rng.random_range(1..=30)))
            } else {
                Date::new(today.year() + 1, 8, 31).expect("31 August exists")
            };
            store::set_status(
                conn,
                &id,
                (ProgramStatus::Draft, None),
                ProgramStatus::Certified,
                Some((until, &text)),
                now,
            )
            .await?;
            store::insert_review(conn, &review(&id, "certify", operator, Some(until)), now).await?;
            if status == ProgramStatus::Expired {
                store::set_status(
                    conn,
                    &id,
                    (ProgramStatus::Certified, None),
                    ProgramStatus::Expired,
                    None,
                    now,
                )
                .await?;
                store::insert_review(conn, &review(&id, "expire", None, None), now).await?;
            }
        }
        ProgramStatus::Returned => {
            store::set_status(conn, &id, (ProgramStatus::Draft, None), status, None, now).await?;
            let failed = [dopcert_domain::program::Verdict {
                item: dopcert_domain::program::ChecklistItem::Description,
                passed: false,
                reason: Some("опишите ожидаемые результаты по годам обучения".into()),
            }];
            let r = NewReview { verdicts: &failed, ..review(&id, "return", operator, None) };
            store::insert_review(conn, &r, now).await?;
        }
        _ => store::set_status(conn, &id, (ProgramStatus::Draft, None), status, None, now).await?,
    }
    Ok(())
}

fn group_fields(rng: &mut ChaCha8Rng, p: &Provider, n: u32, seats: u32, today: Date) -> GroupFields {
    let m = &MUNICIPALITIES[p.position];
    let (lat, lon) = CENTRES.get(p.position).copied().unwrap_or(CENTRES[0]);
    let jitter = |rng: &mut ChaCha8Rng| rng.random_range(-12_000..=12_000);
    let point = Point { lat_e6: (lat * 1e6) as i64 + jitter(rng), lon_e6: (lon * 1e6) as i64 + jitter(rng) };
    let (schedule, days) = SCHEDULES[rng.random_range(0..SCHEDULES.len())];
    // A school year: groups that began in September still take children until December; some
    // start after the New Year holidays.
    let year = if today.month() >= 9 { today.year() } else { today.year() - 1 };
    let (starts_on, enrollment_from, enrollment_to) = if rng.random_bool(0.7) {
        (ymd(year, 9, 1), ymd(year, 8, 15), ymd(year, 12, 25))
    } else {
        (ymd(year + 1, 1, 12), ymd(year, 11, 1), ymd(year + 1, 1, 31))
    };
    GroupFields {
        title: format!("Группа {}", n + 1),
        teacher: TEACHERS[rng.random_range(0..TEACHERS.len())].to_string(),
        schedule: schedule.to_string(),
        days: Weekdays::from_codes(days.iter().copied()),
        address: format!(
            "{}, {}, д. {}",
            m.town,
            STREETS[rng.random_range(0..STREETS.len())],
            rng.random_range(1..90)
        ),
        point: Some(point),
        seats,
        starts_on,
        ends_on: ymd(year + 1, 5, 31),
        enrollment_from,
        enrollment_to,
    }
}

fn ymd(y: i16, m: i8, d: i8) -> Date {
    Date::new(y, m, d).expect("a real date")
}
