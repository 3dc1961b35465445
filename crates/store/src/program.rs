//! Programs, their modules and groups, photos, and the log of review decisions.

use dopcert_domain::ids::{AccountId, GroupId, ModuleId, MunicipalityId, OrganizationId, ProgramId};
use dopcert_domain::money::Kopecks;
use dopcert_domain::program::{
    AgeRange, ChecklistItem, Direction, Funding, ModuleTerms, Point, ProgramStatus, Verdict, Weekdays,
};
use jiff::civil::Date;

use crate::time::{date, parse_date};
use crate::{new_id, AnyConnection, StoreError, FULL_NAME};

#[derive(Debug, Clone)]
pub struct Program {
    pub id: ProgramId,
    pub organization_id: OrganizationId,
    pub municipality_id: MunicipalityId,
    pub title: String,
    pub direction: Direction,
    pub description: String,
    pub ages: AgeRange,
    pub funding: Funding,
    pub status: ProgramStatus,
    pub certified_until: Option<Date>,
    pub certified_terms: Option<String>,
    pub version: i64,
    pub updated_at: String,
}

/// What a provider writes about a program.
pub struct ProgramFields<'a> {
    pub title: &'a str,
    pub direction: Direction,
    pub description: &'a str,
    pub ages: AgeRange,
    pub funding: Funding,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    organization_id: String,
    municipality_id: String,
    title: String,
    direction: String,
    description: String,
    age_min: i32,
    age_max: i32,
    funding: String,
    status: String,
    certified_until: Option<String>,
    certified_terms: Option<String>,
    version: i64,
    updated_at: String,
}

impl TryFrom<Row> for Program {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Self, StoreError> {
        let age = |a: i32| u8::try_from(a).map_err(|_| StoreError::Corrupt("program.age"));
        Ok(Program {
            id: ProgramId::from_string(r.id),
            organization_id: OrganizationId::from_string(r.organization_id),
            municipality_id: MunicipalityId::from_string(r.municipality_id),
            title: r.title,
            direction: Direction::parse(&r.direction).ok_or(StoreError::Corrupt("program.direction"))?,
            description: r.description,
            ages: AgeRange::new(age(r.age_min)?, age(r.age_max)?)
                .map_err(|_| StoreError::Corrupt("program.ages"))?,
            funding: Funding::parse(&r.funding).ok_or(StoreError::Corrupt("program.funding"))?,
            status: ProgramStatus::parse(&r.status).ok_or(StoreError::Corrupt("program.status"))?,
            certified_until: r.certified_until.as_deref().map(parse_date).transpose()?,
            certified_terms: r.certified_terms,
            version: r.version,
            updated_at: r.updated_at,
        })
    }
}

const COLUMNS: &str = "id, organization_id, municipality_id, title, direction, description, age_min, age_max,
     funding, status, certified_until, certified_terms, version, updated_at";

pub async fn insert(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
    municipality: &MunicipalityId,
    f: &ProgramFields<'_>,
    author: &AccountId,
    now: &str,
) -> Result<ProgramId, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO program (id, organization_id, municipality_id, title, direction, description, age_min,
                              age_max, funding, status, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10, $11, $11)",
    )
    .bind(&id)
    .bind(organization.as_str())
    .bind(municipality.as_str())
    .bind(f.title)
    .bind(f.direction.code())
    .bind(f.description)
    .bind(i32::from(f.ages.min()))
    .bind(i32::from(f.ages.max()))
    .bind(f.funding.code())
    .bind(author.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(ProgramId::from_string(id))
}

pub async fn get(conn: &mut AnyConnection, id: &ProgramId) -> Result<Program, StoreError> {
    let row: Row = sqlx::query_as(&format!("SELECT {COLUMNS} FROM program WHERE id = $1"))
        .bind(id.as_str())
        .fetch_one(&mut *conn)
        .await?;
    row.try_into()
}

pub async fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<Program>, StoreError> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM program WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(Program::try_from).transpose()
}

/// Rewrites a program's fields when nobody changed it since `version` was read; a stale edit
/// is a conflict.
pub async fn update(
    conn: &mut AnyConnection,
    id: &ProgramId,
    version: i64,
    f: &ProgramFields<'_>,
    now: &str,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE program SET title = $3, direction = $4, description = $5, age_min = $6, age_max = $7,
                funding = $8, version = version + 1, updated_at = $9
         WHERE id = $1 AND version = $2",
    )
    .bind(id.as_str())
    .bind(version)
    .bind(f.title)
    .bind(f.direction.code())
    .bind(f.description)
    .bind(i32::from(f.ages.min()))
    .bind(i32::from(f.ages.max()))
    .bind(f.funding.code())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    guarded(done.rows_affected(), "program.version")
}

/// Marks that a program changed under it (a module or a group edited), so that a concurrent
/// edit made from an older page fails instead of silently overwriting.
pub async fn bump(
    conn: &mut AnyConnection,
    id: &ProgramId,
    version: i64,
    now: &str,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE program SET version = version + 1, updated_at = $3 WHERE id = $1 AND version = $2",
    )
    .bind(id.as_str())
    .bind(version)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    guarded(done.rows_affected(), "program.version")
}

/// Moves a program from status `from` to `to`; the guard makes two concurrent decisions end
/// in one, and with `version` an edit committed meanwhile makes it fail (what was checked is
/// what moves). Certifying sets the date and the terms it was given for.
pub async fn set_status(
    conn: &mut AnyConnection,
    id: &ProgramId,
    (from, version): (ProgramStatus, Option<i64>),
    to: ProgramStatus,
    certified: Option<(Date, &str)>,
    now: &str,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE program SET status = $3, version = version + 1, updated_at = $4,
                certified_until = CASE WHEN $3 = 'certified' THEN $5 ELSE certified_until END,
                certified_terms = CASE WHEN $3 = 'certified' THEN $6 ELSE certified_terms END,
                reminded_at = CASE WHEN $3 = 'certified' THEN NULL ELSE reminded_at END
         WHERE id = $1 AND status = $2 AND version = COALESCE($7, version)",
    )
    .bind(id.as_str())
    .bind(from.code())
    .bind(to.code())
    .bind(now)
    .bind(certified.map(|(d, _)| date(d)))
    .bind(certified.map(|(_, t)| t.to_string()))
    .bind(version)
    .execute(&mut *conn)
    .await?;
    guarded(done.rows_affected(), "program.status")
}

fn guarded(rows: u64, what: &str) -> Result<(), StoreError> {
    if rows == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict(what.to_string()))
    }
}

/// One line of a provider's list or a review queue.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Summary {
    pub id: String,
    pub title: String,
    pub status: String,
    pub direction: String,
    pub certified_until: Option<String>,
    pub updated_at: String,
    pub organization_name: String,
    pub municipality_name: String,
}

const SUMMARY: &str = "SELECT p.id, p.title, p.status, p.direction, p.certified_until, p.updated_at,
            o.short_name AS organization_name, m.name AS municipality_name
     FROM program p JOIN organization o ON o.id = p.organization_id
                    JOIN municipality m ON m.id = p.municipality_id";

pub async fn of_organization(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
) -> Result<Vec<Summary>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SUMMARY} WHERE p.organization_id = $1 ORDER BY p.updated_at DESC LIMIT 500"
    ))
    .bind(organization.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// Programs in one status for a reviewer: of one municipality, or (None) of the whole region
/// the municipalities belong to. Oldest first: the queue is first come, first served.
pub async fn in_status(
    conn: &mut AnyConnection,
    status: ProgramStatus,
    municipality: Option<&MunicipalityId>,
    region: &dopcert_domain::ids::RegionId,
    limit: i64,
) -> Result<Vec<Summary>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SUMMARY} WHERE p.status = $1 AND m.region_id = $2 AND ($3 = '' OR p.municipality_id = $3)
         ORDER BY p.updated_at, p.id LIMIT $4"
    ))
    .bind(status.code())
    .bind(region.as_str())
    .bind(municipality.map(|m| m.as_str()).unwrap_or(""))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

// ---- modules ----

#[derive(Debug, Clone)]
pub struct Module {
    pub id: ModuleId,
    pub program_id: ProgramId,
    pub position: i64,
    pub title: String,
    pub terms: ModuleTerms,
}

#[derive(sqlx::FromRow)]
struct ModuleRow {
    id: String,
    program_id: String,
    position: i64,
    title: String,
    hours: i64,
    price_per_month: i64,
    normative_cost: i64,
}

impl TryFrom<ModuleRow> for Module {
    type Error = StoreError;
    fn try_from(r: ModuleRow) -> Result<Self, StoreError> {
        let hours = u32::try_from(r.hours).map_err(|_| StoreError::Corrupt("program_module.hours"))?;
        Ok(Module {
            id: ModuleId::from_string(r.id),
            program_id: ProgramId::from_string(r.program_id),
            position: r.position,
            title: r.title,
            terms: ModuleTerms::new(hours, Kopecks::new(r.price_per_month), Kopecks::new(r.normative_cost))
                .map_err(|_| StoreError::Corrupt("program_module"))?,
        })
    }
}

pub async fn modules(conn: &mut AnyConnection, program: &ProgramId) -> Result<Vec<Module>, StoreError> {
    let rows: Vec<ModuleRow> = sqlx::query_as(
        "SELECT id, program_id, CAST(position AS BIGINT) AS position, title, CAST(hours AS BIGINT) AS hours,
                price_per_month, normative_cost
         FROM program_module WHERE program_id = $1 ORDER BY position",
    )
    .bind(program.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Module::try_from).collect()
}

pub async fn insert_module(
    conn: &mut AnyConnection,
    program: &ProgramId,
    title: &str,
    terms: &ModuleTerms,
) -> Result<ModuleId, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO program_module (id, program_id, position, title, hours, price_per_month, normative_cost)
         VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM program_module WHERE program_id = $2),
                 $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(program.as_str())
    .bind(title)
    .bind(i64::from(terms.hours))
    .bind(terms.price_per_month.get())
    .bind(terms.normative_cost.get())
    .execute(&mut *conn)
    .await?;
    Ok(ModuleId::from_string(id))
}

pub async fn update_module(
    conn: &mut AnyConnection,
    module: &ModuleId,
    title: &str,
    terms: &ModuleTerms,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE program_module SET title = $2, hours = $3, price_per_month = $4, normative_cost = $5
         WHERE id = $1",
    )
    .bind(module.as_str())
    .bind(title)
    .bind(i64::from(terms.hours))
    .bind(terms.price_per_month.get())
    .bind(terms.normative_cost.get())
    .execute(&mut *conn)
    .await?;
    guarded(done.rows_affected(), "program_module")
}

/// Deletes a module and its groups; refused (a conflict) while any group has a child in it.
pub async fn delete_module(conn: &mut AnyConnection, module: &ModuleId) -> Result<(), StoreError> {
    let taken: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(seats_taken), 0) AS BIGINT) FROM program_group WHERE module_id = $1",
    )
    .bind(module.as_str())
    .fetch_one(&mut *conn)
    .await?;
    if taken > 0 {
        return Err(StoreError::Conflict("program_group.seats_taken".into()));
    }
    sqlx::query("DELETE FROM program_group WHERE module_id = $1")
        .bind(module.as_str())
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query("DELETE FROM program_module WHERE id = $1")
        .bind(module.as_str())
        .execute(&mut *conn)
        .await?;
    guarded(done.rows_affected(), "program_module")
}

// ---- groups ----

#[derive(Debug, Clone)]
pub struct Group {
    pub id: GroupId,
    pub module_id: ModuleId,
    pub program_id: ProgramId,
    pub fields: GroupFields,
    pub seats_taken: i64,
    /// Seats filled outside the certificate (children enrolled directly).
    pub seats_outside: i64,
    pub lottery: Option<Lottery>,
}

/// A group whose seats are drawn by lot after its application window.
#[derive(Debug, Clone)]
pub struct Lottery {
    /// The last day (Moscow) applications are collected.
    pub until: Date,
    /// SHA-256 of the seed, shown from the start.
    pub commitment: String,
    /// Known to the database from the start; shown only with the result.
    pub seed: String,
    pub drawn_at: Option<jiff::Timestamp>,
}

impl Group {
    pub fn seats_left(&self) -> i64 {
        (i64::from(self.fields.seats) - self.seats_taken).max(0)
    }

    /// Families may apply on `day`.
    pub fn enrollment_open(&self, day: Date) -> bool {
        (self.fields.enrollment_from..=self.fields.enrollment_to).contains(&day)
    }
}

/// What a provider writes about a group.
#[derive(Debug, Clone)]
pub struct GroupFields {
    pub title: String,
    pub teacher: String,
    pub schedule: String,
    pub days: Weekdays,
    pub address: String,
    pub point: Option<Point>,
    pub seats: u32,
    pub starts_on: Date,
    pub ends_on: Date,
    pub enrollment_from: Date,
    pub enrollment_to: Date,
}

#[derive(sqlx::FromRow)]
struct GroupRow {
    id: String,
    module_id: String,
    program_id: String,
    title: String,
    teacher: String,
    schedule: String,
    days: i64,
    address: String,
    lat_e6: Option<i64>,
    lon_e6: Option<i64>,
    seats: i64,
    seats_taken: i64,
    starts_on: String,
    ends_on: String,
    enrollment_from: String,
    enrollment_to: String,
    seats_outside: i64,
    lottery_until: Option<String>,
    lottery_seed: Option<String>,
    lottery_commitment: Option<String>,
    lottery_drawn_at: Option<String>,
}

impl TryFrom<GroupRow> for Group {
    type Error = StoreError;
    fn try_from(r: GroupRow) -> Result<Self, StoreError> {
        Ok(Group {
            id: GroupId::from_string(r.id),
            module_id: ModuleId::from_string(r.module_id),
            program_id: ProgramId::from_string(r.program_id),
            fields: GroupFields {
                title: r.title,
                teacher: r.teacher,
                schedule: r.schedule,
                days: Weekdays::from_bits(
                    u8::try_from(r.days).map_err(|_| StoreError::Corrupt("group.days"))?,
                ),
                address: r.address,
                point: match (r.lat_e6, r.lon_e6) {
                    (Some(lat_e6), Some(lon_e6)) => Some(Point { lat_e6, lon_e6 }),
                    _ => None,
                },
                seats: u32::try_from(r.seats).map_err(|_| StoreError::Corrupt("group.seats"))?,
                starts_on: parse_date(&r.starts_on)?,
                ends_on: parse_date(&r.ends_on)?,
                enrollment_from: parse_date(&r.enrollment_from)?,
                enrollment_to: parse_date(&r.enrollment_to)?,
            },
            seats_taken: r.seats_taken,
            seats_outside: r.seats_outside,
            lottery: match (r.lottery_until, r.lottery_seed, r.lottery_commitment) {
                (Some(until), Some(seed), Some(commitment)) => Some(Lottery {
                    until: parse_date(&until)?,
                    commitment,
                    seed,
                    drawn_at: r.lottery_drawn_at.as_deref().map(crate::time::parse_instant).transpose()?,
                }),
                _ => None,
            },
        })
    }
}

const GROUP_COLUMNS: &str = "id, module_id, program_id, title, teacher, schedule, CAST(days AS BIGINT) AS days,
     address, CAST(lat_e6 AS BIGINT) AS lat_e6, CAST(lon_e6 AS BIGINT) AS lon_e6, CAST(seats AS BIGINT) AS seats,
     CAST(seats_taken AS BIGINT) AS seats_taken, starts_on, ends_on, enrollment_from, enrollment_to,
     CAST(seats_outside AS BIGINT) AS seats_outside, lottery_until, lottery_seed, lottery_commitment,
     lottery_drawn_at";

pub async fn groups(conn: &mut AnyConnection, program: &ProgramId) -> Result<Vec<Group>, StoreError> {
    let rows: Vec<GroupRow> = sqlx::query_as(&format!(
        "SELECT {GROUP_COLUMNS} FROM program_group WHERE program_id = $1 ORDER BY starts_on, title, id"
    ))
    .bind(program.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Group::try_from).collect()
}

/// The groups of many programs at once (the catalog's rebuild reads them by the thousand).
pub async fn groups_of(conn: &mut AnyConnection, programs: &[String]) -> Result<Vec<Group>, StoreError> {
    if programs.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=programs.len()).map(|i| format!("${i}")).collect();
    let sql = format!("SELECT {GROUP_COLUMNS} FROM program_group WHERE program_id IN ({})", marks.join(", "));
    let mut q = sqlx::query_as::<_, GroupRow>(&sql);
    for p in programs {
        q = q.bind(p);
    }
    q.fetch_all(&mut *conn).await?.into_iter().map(Group::try_from).collect()
}

pub async fn get_group(conn: &mut AnyConnection, id: &str) -> Result<Option<Group>, StoreError> {
    let row: Option<GroupRow> =
        sqlx::query_as(&format!("SELECT {GROUP_COLUMNS} FROM program_group WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(Group::try_from).transpose()
}

pub async fn insert_group(
    conn: &mut AnyConnection,
    program: &ProgramId,
    module: &ModuleId,
    g: &GroupFields,
) -> Result<GroupId, StoreError> {
    let id = new_id();
    let q = sqlx::query(
        "INSERT INTO program_group (id, module_id, program_id, title, teacher, schedule, days, address, lat_e6,
                                    lon_e6, seats, starts_on, ends_on, enrollment_from, enrollment_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(&id)
    .bind(module.as_str())
    .bind(program.as_str());
    bind_group(q, g).execute(&mut *conn).await?;
    Ok(GroupId::from_string(id))
}

/// Binds a group's fields in the order both statements list them after their ids.
fn bind_group<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    g: &'q GroupFields,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    q.bind(&g.title)
        .bind(&g.teacher)
        .bind(&g.schedule)
        .bind(i64::from(g.days.bits()))
        .bind(&g.address)
        .bind(g.point.map(|p| p.lat_e6))
        .bind(g.point.map(|p| p.lon_e6))
        .bind(i64::from(g.seats))
        .bind(date(g.starts_on))
        .bind(date(g.ends_on))
        .bind(date(g.enrollment_from))
        .bind(date(g.enrollment_to))
}

/// Rewrites a group; the seats may not drop below the seats already taken (the CHECK refuses
/// it, and the caller says so).
pub async fn update_group(conn: &mut AnyConnection, id: &GroupId, g: &GroupFields) -> Result<(), StoreError> {
    let q = sqlx::query(
        "UPDATE program_group SET title = $2, teacher = $3, schedule = $4, days = $5, address = $6,
                lat_e6 = $7, lon_e6 = $8, seats = $9, starts_on = $10, ends_on = $11,
                enrollment_from = $12, enrollment_to = $13
         WHERE id = $1 AND seats_taken <= $9",
    )
    .bind(id.as_str());
    let done = bind_group(q, g).execute(&mut *conn).await?;
    guarded(done.rows_affected(), "program_group.seats_taken")
}

/// Puts a group in lottery mode (or back), only while no one has applied to it. The caller keeps
/// a group's seed once made (its commitment may already be public).
pub async fn set_lottery(
    conn: &mut AnyConnection,
    id: &GroupId,
    lottery: Option<(Date, &str, &str)>,
) -> Result<(), StoreError> {
    let (until, seed, commitment) = match lottery {
        Some((u, s, c)) => (Some(date(u)), Some(s), Some(c)),
        None => (None, None, None),
    };
    let done = sqlx::query(
        "UPDATE program_group SET lottery_until = $2, lottery_seed = $3, lottery_commitment = $4
         WHERE id = $1 AND lottery_drawn_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM application a WHERE a.group_id = $1)",
    )
    .bind(id.as_str())
    .bind(until)
    .bind(seed)
    .bind(commitment)
    .execute(&mut *conn)
    .await?;
    guarded(done.rows_affected(), "program_group.lottery")
}

/// Marks the lottery drawn; false when another server drew it first.
pub async fn mark_drawn(conn: &mut AnyConnection, id: &GroupId, now: &str) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE program_group SET lottery_drawn_at = $2
         WHERE id = $1 AND lottery_until IS NOT NULL AND lottery_drawn_at IS NULL",
    )
    .bind(id.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Lottery groups whose window closed before `today` and that were not drawn yet.
pub async fn lotteries_due(conn: &mut AnyConnection, today: Date) -> Result<Vec<GroupId>, StoreError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM program_group WHERE lottery_until < $1 AND lottery_drawn_at IS NULL ORDER BY id",
    )
    .bind(date(today))
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(GroupId::from_string).collect())
}

pub async fn delete_group(conn: &mut AnyConnection, id: &GroupId) -> Result<(), StoreError> {
    let done = sqlx::query("DELETE FROM program_group WHERE id = $1 AND seats_taken = 0")
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    guarded(done.rows_affected(), "program_group.seats_taken")
}

/// Demo data only: groups with children already in them (enrollment comes with its own rules).
pub async fn demo_set_seats_taken(
    conn: &mut AnyConnection,
    id: &GroupId,
    taken: u32,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE program_group SET seats_taken = $2, seats_outside = $2 WHERE id = $1 AND seats >= $2",
    )
    .bind(id.as_str())
    .bind(i64::from(taken))
    .execute(&mut *conn)
    .await?;
    guarded(done.rows_affected(), "program_group.seats")
}

// ---- photos ----

pub async fn insert_photo(
    conn: &mut AnyConnection,
    program: &ProgramId,
    content_type: &str,
    bytes: &[u8],
    now: &str,
) -> Result<String, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO program_photo (id, program_id, content_type, bytes, added_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(program.as_str())
    .bind(content_type)
    .bind(bytes)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn photo_ids(conn: &mut AnyConnection, program: &ProgramId) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT id FROM program_photo WHERE program_id = $1 ORDER BY added_at, id")
        .bind(program.as_str())
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn photo_count(conn: &mut AnyConnection, program: &ProgramId) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM program_photo WHERE program_id = $1")
        .bind(program.as_str())
        .fetch_one(&mut *conn)
        .await?)
}

/// A photo: (program id, content type, bytes).
pub async fn photo(
    conn: &mut AnyConnection,
    id: &str,
) -> Result<Option<(String, String, Vec<u8>)>, StoreError> {
    Ok(sqlx::query_as("SELECT program_id, content_type, bytes FROM program_photo WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn delete_photo(conn: &mut AnyConnection, program: &ProgramId, id: &str) -> Result<(), StoreError> {
    let done = sqlx::query("DELETE FROM program_photo WHERE id = $1 AND program_id = $2")
        .bind(id)
        .bind(program.as_str())
        .execute(&mut *conn)
        .await?;
    guarded(done.rows_affected(), "program_photo")
}

// ---- the review log ----

pub struct NewReview<'a> {
    pub program: &'a ProgramId,
    pub action: &'static str,
    pub author: Option<&'a AccountId>,
    pub valid_until: Option<Date>,
    pub note: Option<&'a str>,
    pub verdicts: &'a [Verdict],
}

pub async fn insert_review(conn: &mut AnyConnection, r: &NewReview<'_>, now: &str) -> Result<(), StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO program_review (id, program_id, action, account_id, valid_until, note, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(r.program.as_str())
    .bind(r.action)
    .bind(r.author.map(|a| a.as_str()))
    .bind(r.valid_until.map(date))
    .bind(r.note)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    for v in r.verdicts {
        sqlx::query(
            "INSERT INTO program_review_item (review_id, item, passed, reason) VALUES ($1, $2, $3, $4)",
        )
        .bind(&id)
        .bind(v.item.code())
        .bind(i32::from(v.passed))
        .bind(v.reason.as_deref())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// One decision in a program's history, with its author's name and the items that failed.
#[derive(Debug, Clone)]
pub struct Review {
    pub action: String,
    pub author: Option<String>,
    pub valid_until: Option<Date>,
    pub note: Option<String>,
    pub at: String,
    pub failed: Vec<(ChecklistItem, String)>,
}

#[derive(sqlx::FromRow)]
struct ReviewRow {
    id: String,
    action: String,
    author: Option<String>,
    valid_until: Option<String>,
    note: Option<String>,
    at: String,
}

pub async fn reviews(conn: &mut AnyConnection, program: &ProgramId) -> Result<Vec<Review>, StoreError> {
    let rows: Vec<ReviewRow> = sqlx::query_as(&format!(
        "SELECT r.id, r.action, {FULL_NAME} AS author, r.valid_until, r.note, r.at
         FROM program_review r LEFT JOIN account a ON a.id = r.account_id
                               LEFT JOIN person p ON p.id = a.person_id
         WHERE r.program_id = $1 ORDER BY r.at DESC, r.id DESC"
    ))
    .bind(program.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let items: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT i.review_id, i.item, i.reason FROM program_review_item i
         JOIN program_review r ON r.id = i.review_id WHERE r.program_id = $1 AND i.passed = 0",
    )
    .bind(program.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            let failed = items
                .iter()
                .filter(|(review, _, _)| *review == r.id)
                .filter_map(|(_, item, reason)| {
                    ChecklistItem::parse(item).map(|i| (i, reason.clone().unwrap_or_default()))
                })
                .collect();
            Ok(Review {
                action: r.action,
                author: r.author,
                valid_until: r.valid_until.as_deref().map(parse_date).transpose()?,
                note: r.note,
                at: r.at,
                failed,
            })
        })
        .collect()
}

// ---- the certification's end ----

/// Certified programs whose certification ended before `today`.
pub async fn expired_by(conn: &mut AnyConnection, today: Date) -> Result<Vec<ProgramId>, StoreError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM program WHERE status = 'certified' AND certified_until < $1 ORDER BY id LIMIT 10000",
    )
    .bind(date(today))
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(ProgramId::from_string).collect())
}

/// Certified programs whose certification ends by `until` and whose provider was not yet
/// reminded.
pub async fn reminders_due(conn: &mut AnyConnection, until: Date) -> Result<Vec<ProgramId>, StoreError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM program WHERE status = 'certified' AND certified_until <= $1 AND reminded_at IS NULL
         ORDER BY id LIMIT 10000",
    )
    .bind(date(until))
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(ProgramId::from_string).collect())
}

/// Marks the reminder sent; false when another server did it first.
pub async fn mark_reminded(conn: &mut AnyConnection, id: &ProgramId, now: &str) -> Result<bool, StoreError> {
    let done = sqlx::query("UPDATE program SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL")
        .bind(id.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
