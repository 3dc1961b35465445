//! Demo families: children aged 3 to 19 (so that too young and too old exist), one or two
//! parents each, SNILS for most but not all, schools and kindergartens by age.

use dopcert_domain::eligibility::age_on;
use dopcert_domain::ids::{MunicipalityId, PersonId};
use dopcert_domain::person::{BirthDate, FullName};
use dopcert_domain::snils::Snils;
use dopcert_store::person::{self, BulkPeople};
use dopcert_store::{AnyConnection, StoreError};
use jiff::civil::Date;
use jiff::ToSpan;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::names::{feminine, FEMALE, MALE, SURNAMES};
use super::organizations::Organizations;
use super::region::MUNICIPALITIES;
use super::DemoOptions;

pub struct People {
    pub children: u64,
    pub adults: u64,
}

struct Sink {
    people: BulkPeople,
    /// SNILS numbers are handed out in sequence, so they never collide.
    next_snils: u32,
}

struct NewPerson<'a> {
    last: &'a str,
    first: &'a str,
    middle: &'a str,
    birth: Date,
    with_snils: bool,
    municipality: &'a MunicipalityId,
    phone: Option<String>,
}

impl Sink {
    fn person(&mut self, p: NewPerson<'_>, now: &str) -> Result<PersonId, StoreError> {
        let snils = p.with_snils.then(|| {
            self.next_snils += 1;
            Snils::from_base(self.next_snils)
        });
        let name = FullName::new(p.last, p.first, Some(p.middle)).expect("demo names are valid");
        let new = person::NewPerson {
            name: &name,
            birth_date: Some(BirthDate::from_stored(p.birth)),
            snils: snils.as_ref(),
            municipality_id: Some(p.municipality),
            phone: p.phone.as_deref(),
            email: None,
        };
        self.people.person(&new, now)
    }
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, list: &'a [T]) -> &'a T {
    &list[rng.random_range(0..list.len())]
}

/// Picks a municipality by its weight.
fn pick_municipality(rng: &mut ChaCha8Rng, cumulative: &[u32]) -> usize {
    let x = rng.random_range(0..*cumulative.last().expect("municipalities"));
    cumulative.partition_point(|&c| c <= x)
}

fn class_label(age: i16, rng: &mut ChaCha8Rng) -> Option<(bool, String)> {
    const GROUPS: [&str; 4] =
        ["младшая группа", "средняя группа", "старшая группа", "подготовительная группа"];
    const LETTERS: [&str; 4] = ["А", "Б", "В", "Г"];
    match age {
        3..=6 => Some((false, GROUPS[(age - 3) as usize].to_string())),
        7..=17 => Some((true, format!("{}{}", (age - 6).min(11), pick(rng, &LETTERS)))),
        _ => None,
    }
}

pub async fn insert_all(
    conn: &mut AnyConnection,
    municipalities: &[MunicipalityId],
    orgs: &Organizations,
    options: &DemoOptions,
    anchor: Date,
    now: &str,
) -> Result<People, StoreError> {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let cumulative: Vec<u32> = MUNICIPALITIES
        .iter()
        .scan(0, |acc, m| {
            *acc += m.weight;
            Some(*acc)
        })
        .collect();
    let mut sink = Sink { people: BulkPeople::new(), next_snils: 150_000_000 };
    let (mut children, mut adults) = (0u64, 0u64);
    let total = u64::from(options.children);
    while children < total {
        let m = pick_municipality(&mut rng, &cumulative);
        let municipality = &municipalities[m];
        let surname = *pick(&mut rng, SURNAMES);
        let (father_name, son_patronymic, daughter_patronymic) = *pick(&mut rng, MALE);
        let kids = match rng.random_range(0..10) {
            0..=5 => 1,
            6..=8 => 2,
            _ => 3,
        }
        .min(total - children);

        // Children first: the eldest fixes how old the parents can be.
        let mut eldest = anchor;
        let mut kid_rows = Vec::new();
        for _ in 0..kids {
            let birth = anchor - rng.random_range(3 * 365..19 * 365 + 4).days();
            eldest = eldest.min(birth);
            let girl = rng.random_bool(0.5);
            let (last, first, middle) = if girl {
                (feminine(surname), (*pick(&mut rng, FEMALE)).to_string(), daughter_patronymic)
            } else {
                (surname.to_string(), pick(&mut rng, MALE).0.to_string(), son_patronymic)
            };
            let with_snils = rng.random_bool(0.9);
            let id = sink.person(
                NewPerson {
                    last: &last,
                    first: &first,
                    middle,
                    birth,
                    with_snils,
                    municipality,
                    phone: None,
                },
                now,
            )?;
            kid_rows.push((id, birth));
            children += 1;
        }

        let mother_birth = eldest - rng.random_range(20 * 365..38 * 365).days();
        let mother_first = *pick(&mut rng, FEMALE);
        let mother_patronymic = pick(&mut rng, MALE).2;
        let phone = format!(
            "+7 (9{:02}) {:03}-{:02}-{:02}",
            rng.random_range(0..100),
            rng.random_range(0..1000),
            rng.random_range(0..100),
            rng.random_range(0..100)
        );
        let mother = NewPerson {
            last: &feminine(surname),
            first: mother_first,
            middle: mother_patronymic,
            birth: mother_birth,
            with_snils: true,
            municipality,
            phone: Some(phone),
        };
        let mut parents = vec![sink.person(mother, now)?];
        if rng.random_bool(0.6) {
            let father_birth = eldest - rng.random_range(21 * 365..42 * 365).days();
            let grandfather = pick(&mut rng, MALE).1;
            let father = NewPerson {
                last: surname,
                first: father_name,
                middle: grandfather,
                birth: father_birth,
                with_snils: rng.random_bool(0.95),
                municipality,
                phone: None,
            };
            parents.push(sink.person(father, now)?);
        }
        adults += parents.len() as u64;

        for (kid, birth) in &kid_rows {
            for parent in &parents {
                sink.people.link_guardian(parent, kid, now);
            }
            if let Some((at_school, label)) = class_label(age_on(*birth, anchor), &mut rng) {
                let list = if at_school { &orgs.schools[m] } else { &orgs.kindergartens[m] };
                let org = pick(&mut rng, list);
                sink.people.enroll_pupil(org, kid, &label, now);
            }
        }
        sink.people.flush_if_full(conn).await?;
    }
    sink.people.flush(conn).await?;
    Ok(People { children, adults })
}
