//! Persons (children and adults), the parent–child links, and pupils of schools.

use dopcert_domain::ids::{MunicipalityId, OrganizationId, PersonId};
use dopcert_domain::person::{BirthDate, FullName};
use dopcert_domain::snils::Snils;

use crate::sealed::{self, Purpose};
use crate::time::{date, parse_date};
use crate::{new_id, AnyConnection, StoreError};

#[derive(Debug, Clone)]
pub struct Person {
    pub id: PersonId,
    pub name: FullName,
    pub birth_date: Option<BirthDate>,
    pub snils: Option<Snils>,
    pub municipality_id: Option<MunicipalityId>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

pub struct NewPerson<'a> {
    pub name: &'a FullName,
    pub birth_date: Option<BirthDate>,
    pub snils: Option<&'a Snils>,
    pub municipality_id: Option<&'a MunicipalityId>,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
}

pub async fn insert(conn: &mut AnyConnection, p: &NewPerson<'_>, now: &str) -> Result<PersonId, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO person (id, last_name, first_name, middle_name, name_key, birth_date, snils_sealed,
                             snils_index, municipality_id, phone, email, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&id)
    .bind(p.name.last())
    .bind(p.name.first())
    .bind(p.name.middle())
    .bind(p.name.match_key())
    .bind(p.birth_date.map(|b| date(b.date())))
    .bind(p.snils.map(seal).transpose()?)
    .bind(p.snils.map(index).transpose()?)
    .bind(p.municipality_id.map(MunicipalityId::as_str))
    .bind(p.phone)
    .bind(p.email)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(PersonId::from_string(id))
}

/// A SNILS as stored: sealed with the personal-data key.
fn seal(snils: &Snils) -> Result<String, StoreError> {
    sealed::seal(Purpose::Snils, snils.digits())
}

/// The keyed hash a SNILS is found by.
fn index(snils: &Snils) -> Result<String, StoreError> {
    sealed::index(snils.digits())
}

/// A stored SNILS, opened.
fn open(stored: &str) -> Result<Snils, StoreError> {
    let digits = sealed::open(Purpose::Snils, stored, "person.snils")?;
    Snils::parse(&digits).map_err(|_| StoreError::Corrupt("person.snils"))
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    last_name: String,
    first_name: String,
    middle_name: Option<String>,
    birth_date: Option<String>,
    snils_sealed: Option<String>,
    municipality_id: Option<String>,
    phone: Option<String>,
    email: Option<String>,
}

impl TryFrom<Row> for Person {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Self, StoreError> {
        let name = FullName::new(&r.last_name, &r.first_name, r.middle_name.as_deref())
            .map_err(|_| StoreError::Corrupt("person.name"))?;
        let birth_date = r.birth_date.as_deref().map(parse_date).transpose()?.map(BirthDate::from_stored);
        let snils = r.snils_sealed.as_deref().map(open).transpose()?;
        Ok(Person {
            id: PersonId::from_string(r.id),
            name,
            birth_date,
            snils,
            municipality_id: r.municipality_id.map(MunicipalityId::from_string),
            phone: r.phone,
            email: r.email,
        })
    }
}

const COLUMNS: &str =
    "p.id, p.last_name, p.first_name, p.middle_name, p.birth_date, p.snils_sealed, p.municipality_id, p.phone, \
     p.email";

pub async fn get(conn: &mut AnyConnection, id: &PersonId) -> Result<Person, StoreError> {
    let row: Row = sqlx::query_as(&format!("SELECT {COLUMNS} FROM person p WHERE p.id = $1"))
        .bind(id.as_str())
        .fetch_one(&mut *conn)
        .await?;
    row.try_into()
}

/// R02, first key: the person with this SNILS, found by its keyed hash under any key held
/// (during a key rotation some are still stored with an older key's).
pub async fn by_snils(conn: &mut AnyConnection, snils: &Snils) -> Result<Option<Person>, StoreError> {
    let indexes = sealed::indexes(snils.digits())?;
    let params: Vec<String> = (1..=indexes.len()).map(|i| format!("${i}")).collect();
    let sql = format!("SELECT {COLUMNS} FROM person p WHERE p.snils_index IN ({})", params.join(", "));
    let mut query = sqlx::query_as(&sql);
    for index in &indexes {
        query = query.bind(index);
    }
    let row: Option<Row> = query.fetch_optional(&mut *conn).await?;
    row.map(Person::try_from).transpose()
}

/// R02, second key: persons with this name (ё read as е, any case) and birth date.
pub async fn by_name_and_birth(
    conn: &mut AnyConnection,
    name: &FullName,
    birth: BirthDate,
) -> Result<Vec<Person>, StoreError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM person p
         WHERE p.name_key = $1 AND p.birth_date = $2 AND p.merged_into IS NULL ORDER BY p.id"
    ))
    .bind(name.match_key())
    .bind(date(birth.date()))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Person::try_from).collect()
}

/// R02, second key, wide: persons born on that day with the same surname and first name (ё read
/// as е), with any patronymic or none. Merged duplicates are left out.
pub async fn by_given_name_and_birth(
    conn: &mut AnyConnection,
    name: &FullName,
    birth: BirthDate,
) -> Result<Vec<Person>, StoreError> {
    let key = name.given_key();
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM person p
         WHERE p.birth_date = $2 AND p.merged_into IS NULL AND (p.name_key = $1 OR p.name_key LIKE $1 || ' %')
         ORDER BY p.id"
    ))
    .bind(&key)
    .bind(date(birth.date()))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Person::try_from).collect()
}

/// Links a parent to a child; linking twice is not an error.
pub async fn link_guardian(
    conn: &mut AnyConnection,
    parent: &PersonId,
    child: &PersonId,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO guardianship (parent_id, child_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (parent_id, child_id) DO NOTHING",
    )
    .bind(parent.as_str())
    .bind(child.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The children linked to a parent, oldest first.
pub async fn children_of(conn: &mut AnyConnection, parent: &PersonId) -> Result<Vec<Person>, StoreError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM person p JOIN guardianship g ON g.child_id = p.id
         WHERE g.parent_id = $1 ORDER BY p.birth_date, p.id"
    ))
    .bind(parent.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Person::try_from).collect()
}

/// True when the parent is linked to the child.
pub async fn is_guardian(
    conn: &mut AnyConnection,
    parent: &PersonId,
    child: &PersonId,
) -> Result<bool, StoreError> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM guardianship WHERE parent_id = $1 AND child_id = $2")
            .bind(parent.as_str())
            .bind(child.as_str())
            .fetch_one(&mut *conn)
            .await?;
    Ok(n > 0)
}

/// True when the child is a pupil of the organization.
pub async fn is_pupil_of(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
    child: &PersonId,
) -> Result<bool, StoreError> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM pupil WHERE organization_id = $1 AND child_id = $2")
            .bind(organization.as_str())
            .bind(child.as_str())
            .fetch_one(&mut *conn)
            .await?;
    Ok(n > 0)
}

/// The organizations a child attends (schools, kindergartens), first by when they were recorded.
pub async fn organizations_of(
    conn: &mut AnyConnection,
    child: &PersonId,
) -> Result<Vec<OrganizationId>, StoreError> {
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT organization_id FROM pupil WHERE child_id = $1 ORDER BY created_at")
            .bind(child.as_str())
            .fetch_all(&mut *conn)
            .await?;
    Ok(ids.into_iter().map(OrganizationId::from_string).collect())
}

/// Merges a duplicate into the person it duplicates (R02, decided by staff): the duplicate's
/// parents, schools and SNILS (when the survivor has none) move to the survivor; the duplicate's
/// row stays, pointing at the survivor.
pub async fn merge_into(
    conn: &mut AnyConnection,
    duplicate: &PersonId,
    survivor: &PersonId,
) -> Result<(), StoreError> {
    // Each statement gets exactly the parameters it names: PostgreSQL prepares a statement with
    // as many as were bound, and the connection's cache would hand that statement to the next
    // caller of the same text binding fewer.
    for (copy, delete) in [
        (
            "INSERT INTO guardianship (parent_id, child_id, created_at)
             SELECT parent_id, $2, created_at FROM guardianship WHERE child_id = $1
             ON CONFLICT (parent_id, child_id) DO NOTHING",
            "DELETE FROM guardianship WHERE child_id = $1",
        ),
        (
            "INSERT INTO pupil (organization_id, child_id, class_label, created_at)
             SELECT organization_id, $2, class_label, created_at FROM pupil WHERE child_id = $1
             ON CONFLICT (organization_id, child_id) DO NOTHING",
            "DELETE FROM pupil WHERE child_id = $1",
        ),
    ] {
        sqlx::query(copy).bind(duplicate.as_str()).bind(survivor.as_str()).execute(&mut *conn).await?;
        sqlx::query(delete).bind(duplicate.as_str()).execute(&mut *conn).await?;
    }
    let snils: (Option<String>, Option<String>) =
        sqlx::query_as("SELECT snils_sealed, snils_index FROM person WHERE id = $1")
            .bind(duplicate.as_str())
            .fetch_one(&mut *conn)
            .await?;
    sqlx::query("UPDATE person SET merged_into = $2, snils_sealed = NULL, snils_index = NULL WHERE id = $1")
        .bind(duplicate.as_str())
        .bind(survivor.as_str())
        .execute(&mut *conn)
        .await?;
    if let (Some(sealed), Some(index)) = snils {
        sqlx::query(
            "UPDATE person SET snils_sealed = $2, snils_index = $3 WHERE id = $1 AND snils_sealed IS NULL",
        )
        .bind(survivor.as_str())
        .bind(sealed)
        .bind(index)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The parents linked to a child.
pub async fn parents_of(conn: &mut AnyConnection, child: &PersonId) -> Result<Vec<Person>, StoreError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM person p JOIN guardianship g ON g.parent_id = p.id
         WHERE g.child_id = $1 ORDER BY p.id"
    ))
    .bind(child.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Person::try_from).collect()
}

/// Records that a child attends an organization, in a class (re-recording moves the class).
pub async fn enroll_pupil(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
    child: &PersonId,
    class_label: &str,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO pupil (organization_id, child_id, class_label, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organization_id, child_id) DO UPDATE SET class_label = excluded.class_label",
    )
    .bind(organization.as_str())
    .bind(child.as_str())
    .bind(class_label)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// How many persons have a birth date between `from` and `to` inclusive (children of an age band).
pub async fn count_born_between(
    conn: &mut AnyConnection,
    from: jiff::civil::Date,
    to: jiff::civil::Date,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM person WHERE birth_date >= $1 AND birth_date <= $2")
        .bind(date(from))
        .bind(date(to))
        .fetch_one(&mut *conn)
        .await?)
}

/// The classes (or kindergarten groups) of an organization with their pupil counts.
pub async fn classes(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT class_label, COUNT(*) FROM pupil WHERE organization_id = $1 GROUP BY class_label ORDER BY class_label",
    )
    .bind(organization.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// The pupils of one class, by name.
pub async fn class_roll(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
    class_label: &str,
) -> Result<Vec<Person>, StoreError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM person p JOIN pupil u ON u.child_id = p.id
         WHERE u.organization_id = $1 AND u.class_label = $2 ORDER BY p.name_key, p.id"
    ))
    .bind(organization.as_str())
    .bind(class_label)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Person::try_from).collect()
}

/// True when the person is a pupil of the organization or a parent of one: whom its staff
/// may issue logins to.
pub async fn belongs_to_organization(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
    person: &PersonId,
) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM pupil u WHERE u.organization_id = $1 AND (u.child_id = $2
           OR u.child_id IN (SELECT g.child_id FROM guardianship g WHERE g.parent_id = $2))",
    )
    .bind(organization.as_str())
    .bind(person.as_str())
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// Persons, their parent–child links and pupils, written in batches for large loads (the demo
/// region, imports). New persons get their id at once, so rows can point at them before they are
/// written; batches are flushed persons first, so every link finds its rows.
pub struct BulkPeople {
    persons: crate::bulk::BulkInsert,
    guardians: crate::bulk::BulkInsert,
    pupils: crate::bulk::BulkInsert,
}

impl Default for BulkPeople {
    fn default() -> Self {
        use crate::bulk::BulkInsert;
        BulkPeople {
            persons: BulkInsert::new(
                "person",
                &[
                    "id",
                    "last_name",
                    "first_name",
                    "middle_name",
                    "name_key",
                    "birth_date",
                    "snils_sealed",
                    "snils_index",
                    "municipality_id",
                    "phone",
                    "email",
                    "created_at",
                ],
            ),
            // Linking twice is not an error; a pupil's class is updated.
            guardians: BulkInsert::with_suffix(
                "guardianship",
                &["parent_id", "child_id", "created_at"],
                " ON CONFLICT (parent_id, child_id) DO NOTHING",
            ),
            pupils: BulkInsert::with_suffix(
                "pupil",
                &["organization_id", "child_id", "class_label", "created_at"],
                " ON CONFLICT (organization_id, child_id) DO UPDATE SET class_label = excluded.class_label",
            ),
        }
    }
}

impl BulkPeople {
    pub fn new() -> Self {
        BulkPeople::default()
    }

    /// A new person, written with the next batch; the id is theirs from now on.
    pub fn person(&mut self, p: &NewPerson<'_>, now: &str) -> Result<PersonId, StoreError> {
        use crate::bulk::Value;
        let id = PersonId::from_string(new_id());
        self.persons.push_row(vec![
            id.as_str().into(),
            p.name.last().into(),
            p.name.first().into(),
            Value::from(p.name.middle().map(str::to_string)),
            p.name.match_key().into(),
            Value::from(p.birth_date.map(|b| date(b.date()))),
            Value::from(p.snils.map(seal).transpose()?),
            Value::from(p.snils.map(index).transpose()?),
            Value::from(p.municipality_id.map(|m| m.as_str().to_string())),
            Value::from(p.phone.map(str::to_string)),
            Value::from(p.email.map(str::to_string)),
            now.into(),
        ]);
        Ok(id)
    }

    pub fn link_guardian(&mut self, parent: &PersonId, child: &PersonId, now: &str) {
        self.guardians.push_row(vec![parent.as_str().into(), child.as_str().into(), now.into()]);
    }

    pub fn enroll_pupil(
        &mut self,
        organization: &OrganizationId,
        child: &PersonId,
        class_label: &str,
        now: &str,
    ) {
        self.pupils.push_row(vec![
            organization.as_str().into(),
            child.as_str().into(),
            class_label.into(),
            now.into(),
        ]);
    }

    /// Writes the batches once one of them is full.
    pub async fn flush_if_full(&mut self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        if self.persons.is_full() || self.guardians.is_full() || self.pupils.is_full() {
            self.flush(conn).await?;
        }
        Ok(())
    }

    /// Writes everything pending.
    pub async fn flush(&mut self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        self.persons.flush(conn).await?;
        self.guardians.flush(conn).await?;
        self.pupils.flush(conn).await?;
        Ok(())
    }
}

/// How many persons of a municipality were born after `after` and on or before `by`.
pub async fn count_in_municipality_born(
    conn: &mut AnyConnection,
    municipality: &MunicipalityId,
    after: jiff::civil::Date,
    by: jiff::civil::Date,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM person WHERE municipality_id = $1 AND birth_date > $2 AND birth_date <= $3",
    )
    .bind(municipality.as_str())
    .bind(date(after))
    .bind(date(by))
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn set_snils(conn: &mut AnyConnection, person: &PersonId, snils: &Snils) -> Result<(), StoreError> {
    sqlx::query("UPDATE person SET snils_sealed = $2, snils_index = $3 WHERE id = $1")
        .bind(person.as_str())
        .bind(seal(snils)?)
        .bind(index(snils)?)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The recorded basis of a child's disability (ОВЗ), if any.
pub async fn disability(conn: &mut AnyConnection, id: &PersonId) -> Result<Option<String>, StoreError> {
    let d: Option<Option<String>> = sqlx::query_scalar("SELECT disability FROM person WHERE id = $1")
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    d.ok_or(StoreError::NotFound)
}

/// Records (Some basis) or removes (None) a child's disability (ОВЗ).
pub async fn set_disability(
    conn: &mut AnyConnection,
    id: &PersonId,
    basis: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE person SET disability = $2 WHERE id = $1")
        .bind(id.as_str())
        .bind(basis)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
