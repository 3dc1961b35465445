//! One demo login per role, each with the family situation it is there to show.

use dopcert_domain::certificate::Channel;
use dopcert_domain::consent::ConsentChannel;
use dopcert_domain::ids::{AccountId, MunicipalityId, PersonId, RegionId};
use dopcert_domain::person::{BirthDate, FullName};
use dopcert_domain::role::Role;
use dopcert_domain::snils::Snils;
use dopcert_store::account::{self, RoleGrant};
use dopcert_store::demo::{self as store_demo, DemoAccount};
use dopcert_store::person::{self, NewPerson};
use dopcert_store::{AnyConnection, StoreError};
use jiff::civil::Date;
use jiff::ToSpan;

use super::organizations::Organizations;
use crate::{certificate, password};

/// The password of every demo login. Demo data only: it is printed on the home page.
pub const DEMO_PASSWORD: &str = "demo-tver-2026";

struct Ctx<'a> {
    conn: &'a mut AnyConnection,
    tver: &'a MunicipalityId,
    today: Date,
    now: &'a str,
    /// SNILS of demo logins come from their own range, apart from the bulk families'.
    next_snils: u32,
    hash: String,
    position: i64,
}

impl Ctx<'_> {
    /// A person born `years` years and `days` days before today.
    async fn person(
        &mut self,
        name: &str,
        years: i64,
        days: i64,
        snils: bool,
    ) -> Result<PersonId, StoreError> {
        let name = FullName::parse(name).expect("demo names are valid");
        let birth = self.today - years.years() - days.days();
        let snils = snils.then(|| {
            self.next_snils += 1;
            Snils::from_base(self.next_snils)
        });
        person::insert(
            self.conn,
            &NewPerson {
                name: &name,
                birth_date: Some(BirthDate::from_stored(birth)),
                snils: snils.as_ref(),
                municipality_id: Some(self.tver),
                phone: None,
                email: None,
            },
            self.now,
        )
        .await
    }

    async fn login(
        &mut self,
        who: &PersonId,
        login: &str,
        grants: &[RoleGrant],
        note: &str,
    ) -> Result<AccountId, StoreError> {
        let account = account::insert(self.conn, who, login, Some(&self.hash), self.now).await?;
        for g in grants {
            account::grant(self.conn, &account, g, self.now).await?;
        }
        let p = person::get(self.conn, who).await?;
        let demo = DemoAccount {
            role: grants[0].role.code().to_string(),
            login: login.to_string(),
            password: DEMO_PASSWORD.to_string(),
            full_name: p.name.to_string(),
            note: note.to_string(),
        };
        self.position += 1;
        store_demo::insert_account(self.conn, &demo, self.position).await?;
        Ok(account)
    }

    async fn link(&mut self, parent: &PersonId, child: &PersonId) -> Result<(), StoreError> {
        person::link_guardian(self.conn, parent, child, self.now).await
    }
}

pub async fn insert_all(
    conn: &mut AnyConnection,
    region: &RegionId,
    municipalities: &[MunicipalityId],
    orgs: &Organizations,
    today: Date,
    now: &str,
) -> Result<u64, StoreError> {
    let tver = &municipalities[0];
    let hash = password::hash(DEMO_PASSWORD);
    let mut c = Ctx { conn, tver, today, now, next_snils: 900_000_000, hash, position: 0 };
    let parent = [RoleGrant::personal(Role::Parent)];

    let p = c.person("Иванова Елена Сергеевна", 36, 120, true).await?;
    let kid = c.person("Иванов Артём Дмитриевич", 9, 40, true).await?;
    c.link(&p, &kid).await?;
    c.login(
        &p,
        "ivanova",
        &parent,
        "Родитель ребёнка 9 лет без сертификата: получить сертификат (вариант 1)",
    )
    .await?;

    let p = c.person("Смирнов Алексей Игоревич", 31, 200, true).await?;
    let kid = c.person("Смирнова Ева Алексеевна", 3, 150, false).await?;
    c.link(&p, &kid).await?;
    c.login(
        &p,
        "smirnov",
        &parent,
        "Родитель ребёнка младше 5 лет: видно, с какой даты можно получить сертификат",
    )
    .await?;

    let p = c.person("Кузнецова Ольга Викторовна", 40, 10, true).await?;
    let mut kids = Vec::new();
    for (name, years, days) in [("Кузнецов Иван Андреевич", 12, 90), ("Кузнецова Мария Андреевна", 7, 260)]
    {
        let kid = c.person(name, years, days, true).await?;
        c.link(&p, &kid).await?;
        kids.push(kid);
    }
    let account = c
        .login(
            &p,
            "kuznetsova",
            &parent,
            "Родитель двоих детей: у сына (12 лет) сертификат уже есть, у дочери (7 лет) — нет",
        )
        .await?;
    let issue = certificate::Issue {
        child: &kids[0],
        municipality: c.tver,
        channel: Channel::Cabinet,
        organization: None,
        account: &account,
        consent_given_by: &p,
        consent_channel: ConsentChannel::Cabinet,
        scan: None,
    };
    let ctx = certificate::issue_context(c.conn, c.tver, c.today).await?;
    let nothing_kept = async |_: &mut AnyConnection, _: &certificate::Summary| Ok(());
    certificate::issue_in(c.conn, &issue, &ctx, c.now, nothing_kept).await?;

    let p = c.person("Волкова Татьяна Николаевна", 45, 30, true).await?;
    for (name, years, days) in [("Волков Никита Павлович", 17, 355), ("Волкова Анна Павловна", 18, 60)]
    {
        let kid = c.person(name, years, days, true).await?;
        c.link(&p, &kid).await?;
    }
    c.login(
        &p,
        "volkova",
        &parent,
        "Родитель ребёнка, которому скоро 18, и совершеннолетней дочери (не может получить)",
    )
    .await?;

    let mother = c.person("Петрова Наталья Юрьевна", 42, 15, true).await?;
    let teen = c.person("Петров Максим Олегович", 15, 100, true).await?;
    c.link(&mother, &teen).await?;
    c.login(
        &teen,
        "petrov.maksim",
        &[RoleGrant::personal(Role::Child)],
        "Обучающийся 15 лет: получает сертификат сам (вариант 3)",
    )
    .await?;

    let mother = c.person("Соколова Ирина Владимировна", 38, 77, true).await?;
    let pupil = c.person("Соколова Алиса Денисовна", 12, 45, true).await?;
    c.link(&mother, &pupil).await?;
    c.login(
        &pupil,
        "sokolova.alisa",
        &[RoleGrant::personal(Role::Child)],
        "Обучающаяся 12 лет: сертификат за неё получает родитель",
    )
    .await?;

    let clerk = c.person("Морозова Светлана Петровна", 48, 5, true).await?;
    let staff = RoleGrant::in_organization(Role::OrganizationStaff, orgs.demo_school.clone());
    c.login(
        &clerk,
        "school",
        &[staff],
        "Сотрудник школы (СОШ № 1, Тверь): логины для родителей, зачисление (вариант 4)",
    )
    .await?;

    let head = c.person("Лебедев Андрей Николаевич", 52, 300, true).await?;
    let admin = RoleGrant::in_organization(Role::OrganizationAdmin, orgs.demo_school.clone());
    c.login(&head, "school.admin", &[admin], "Администратор школы (СОШ № 1, Тверь): сотрудники и доступ")
        .await?;

    let teacher = c.person("Григорьева Марина Александровна", 39, 12, true).await?;
    let provider = RoleGrant::in_organization(Role::OrganizationStaff, orgs.demo_dtdm.clone());
    c.login(&teacher, "dtdm", &[provider], "Сотрудник ДТДМ: программы, группы, заявки").await?;

    let operator = c.person("Беляева Оксана Михайловна", 44, 210, true).await?;
    let moc = RoleGrant::in_municipality(Role::MunicipalOperator, tver.clone());
    c.login(
        &operator,
        "moc.tver",
        &[moc],
        "Муниципальный опорный центр г. Твери: номинал, сертификация, счета",
    )
    .await?;

    let regional = c.person("Орлов Виктор Степанович", 50, 33, true).await?;
    let rmc = RoleGrant::in_region(Role::RegionalAdmin, region.clone());
    c.login(&regional, "rmc", &[rmc], "Региональный модельный центр: муниципалитеты и правила региона")
        .await?;

    let auditor = c.person("Тихонов Павел Евгеньевич", 47, 140, true).await?;
    let audit = RoleGrant::in_region(Role::Auditor, region.clone());
    c.login(&auditor, "kontrol", &[audit], "Контроль: видит всё в регионе, ничего не меняет").await?;

    Ok(c.position as u64)
}
