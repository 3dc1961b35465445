//! Demo organizations: schools and kindergartens everywhere, the Tver ДТДМ, houses of
//! creativity, sport schools and private providers in the larger towns. ИНН and ОГРН are
//! synthetic but pass their checksums, with the region's code 69.

use dopcert_domain::ids::{MunicipalityId, OrganizationId};
use dopcert_domain::inn::Inn;
use dopcert_domain::ogrn::Ogrn;
use dopcert_domain::organization::OrganizationKind;
use dopcert_store::{organization, AnyConnection, StoreError};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::names::STREETS;
use super::region::{DemoMunicipality, MUNICIPALITIES};
use super::DemoOptions;

/// The organizations, by municipality (same order as [`MUNICIPALITIES`]).
pub struct Organizations {
    pub schools: Vec<Vec<OrganizationId>>,
    pub kindergartens: Vec<Vec<OrganizationId>>,
    /// The Tver school whose clerk is a demo login, and the Tver ДТДМ.
    pub demo_school: OrganizationId,
    pub demo_dtdm: OrganizationId,
    pub count: u64,
}

struct Numbers {
    next: u64,
}

impl Numbers {
    /// A fresh (ИНН, ОГРН) pair; sole entrepreneurs get the 12- and 15-digit kinds.
    fn next(&mut self, personal: bool) -> (Inn, Ogrn) {
        self.next += 1;
        let n = self.next;
        let year = 2 + n % 20;
        if personal {
            let inn = Inn::personal_from_base(6_900_000_000 + n * 7_919);
            let ogrn = Ogrn::personal_from_body(
                30_000_000_000_000 + year * 100_000_000_000 + 69_000_000_000 + n * 613,
            );
            (inn, ogrn)
        } else {
            let inn = Inn::legal_from_base(690_000_000 + n as u32 * 1_237);
            let ogrn = Ogrn::legal_from_body(100_000_000_000 + year * 1_000_000_000 + 690_000_000 + n * 613);
            (inn, ogrn)
        }
    }
}

struct Writer<'a> {
    conn: &'a mut AnyConnection,
    numbers: Numbers,
    rng: ChaCha8Rng,
    now: &'a str,
    count: u64,
}

impl Writer<'_> {
    async fn add(
        &mut self,
        municipality: &MunicipalityId,
        m: &DemoMunicipality,
        kind: OrganizationKind,
        full_name: &str,
        short_name: &str,
    ) -> Result<OrganizationId, StoreError> {
        let (inn, ogrn) = self.numbers.next(kind.is_personal());
        let street = STREETS[self.rng.random_range(0..STREETS.len())];
        let address = format!("{}, {}, д. {}", m.town, street, self.rng.random_range(1..120));
        let phone = format!(
            "+7 (4822) {}-{:02}-{:02}",
            self.rng.random_range(30..79),
            self.rng.random_range(0..100),
            self.rng.random_range(0..100)
        );
        self.count += 1;
        let id = organization::insert(
            self.conn,
            &organization::NewOrganization {
                municipality_id: municipality,
                kind,
                full_name,
                short_name,
                inn: &inn,
                ogrn: &ogrn,
                address: &address,
                phone: Some(&phone),
                email: None,
            },
            self.now,
        )
        .await?;
        // Bank details, so that invoices can be approved and paid in the demo.
        let bik = dopcert_domain::bank::Bik::parse("042809679").expect("a valid БИК");
        let account = dopcert_domain::bank::with_control_key(&bik, &format!("40703810{:011}", self.count));
        let details = dopcert_store::provider::Details {
            licence: None,
            phone: Some(&phone),
            email: None,
            bank_name: "Тверское отделение № 8607 ПАО Сбербанк",
            bik: bik.digits(),
            settlement_account: account.digits(),
            head_name: None,
        };
        dopcert_store::provider::set_details(self.conn, &id, &details).await?;
        Ok(id)
    }
}

const PRIVATE_TVER: &[(OrganizationKind, &str, &str)] = &[
    (
        OrganizationKind::PrivateOrganization,
        "Общество с ограниченной ответственностью «Робоклуб»",
        "ООО «Робоклуб»",
    ),
    (
        OrganizationKind::PrivateOrganization,
        "Общество с ограниченной ответственностью «Академия шахмат»",
        "ООО «Академия шахмат»",
    ),
    (
        OrganizationKind::PrivateOrganization,
        "Автономная некоммерческая организация «Центр английского языка „Биг Бен“»",
        "АНО «Биг Бен»",
    ),
    (
        OrganizationKind::SoleEntrepreneur,
        "Индивидуальный предприниматель Смирнова Анна Викторовна (студия рисования «Акварель»)",
        "ИП Смирнова А. В.",
    ),
    (
        OrganizationKind::SoleEntrepreneur,
        "Индивидуальный предприниматель Орлов Дмитрий Сергеевич (футбольная школа «Юниор»)",
        "ИП Орлов Д. С.",
    ),
];

/// Inserts the organizations of every municipality, in proportion to its children.
pub async fn insert_all(
    conn: &mut AnyConnection,
    municipalities: &[MunicipalityId],
    options: &DemoOptions,
    now: &str,
) -> Result<Organizations, StoreError> {
    let total_weight: u32 = MUNICIPALITIES.iter().map(|m| m.weight).sum();
    let mut w = Writer {
        conn,
        numbers: Numbers { next: 0 },
        rng: ChaCha8Rng::seed_from_u64(options.seed ^ 0x0465),
        now,
        count: 0,
    };
    let mut schools = Vec::new();
    let mut kindergartens = Vec::new();
    let mut demo_dtdm = None;
    for (m, id) in MUNICIPALITIES.iter().zip(municipalities) {
        let children = u64::from(options.children) * u64::from(m.weight) / u64::from(total_weight);
        let tver = m.code == "tver";
        let mut here = Vec::new();
        for n in 1..=(children / 900).clamp(1, 60) {
            let (full, short) = if tver {
                (format!("Муниципальное общеобразовательное учреждение «Средняя общеобразовательная школа № {n}»"), format!("МОУ СОШ № {n}"))
            } else {
                (format!("Муниципальное общеобразовательное учреждение «Средняя общеобразовательная школа № {n}», {}", m.town), format!("МОУ СОШ № {n} ({})", m.town))
            };
            here.push(w.add(id, m, OrganizationKind::School, &full, &short).await?);
        }
        schools.push(here);
        let mut here = Vec::new();
        for n in 1..=(children / 1_500).clamp(1, 40) {
            let full = format!(
                "Муниципальное дошкольное образовательное учреждение «Детский сад № {n}», {}",
                m.town
            );
            here.push(
                w.add(
                    id,
                    m,
                    OrganizationKind::Kindergarten,
                    &full,
                    &format!("МДОУ детский сад № {n} ({})", m.town),
                )
                .await?,
            );
        }
        kindergartens.push(here);
        if tver {
            let dtdm = w
                .add(id, m, OrganizationKind::CreativityCenter, "Муниципальное бюджетное учреждение дополнительного образования «Дворец творчества детей и молодёжи»", "МБУ ДО ДТДМ")
                .await?;
            demo_dtdm = Some(dtdm);
            for n in 1..=2 {
                w.add(id, m, OrganizationKind::SportSchool, &format!("Муниципальное бюджетное учреждение дополнительного образования «Спортивная школа олимпийского резерва № {n}»"), &format!("МБУ ДО СШОР № {n}")).await?;
            }
            for (kind, full, short) in PRIVATE_TVER {
                w.add(id, m, *kind, full, short).await?;
            }
        } else if m.weight >= 10 {
            w.add(id, m, OrganizationKind::CreativityCenter, &format!("Муниципальное бюджетное учреждение дополнительного образования «Дом детского творчества», {}", m.town), &format!("МБУ ДО ДДТ ({})", m.town)).await?;
            w.add(
                id,
                m,
                OrganizationKind::SportSchool,
                &format!(
                    "Муниципальное бюджетное учреждение дополнительного образования «Спортивная школа», {}",
                    m.town
                ),
                &format!("МБУ ДО СШ ({})", m.town),
            )
            .await?;
        }
    }
    let demo_school = schools[0][0].clone();
    Ok(Organizations {
        schools,
        kindergartens,
        demo_school,
        demo_dtdm: demo_dtdm.expect("Tver is in the list"),
        count: w.count,
    })
}
