//! Importing pupils and parents from a school system's export (variant 2 of the notice: the
//! school gives families their logins). A file is checked in full and shown as a preview; only
//! a clean preview can be confirmed, and the confirmation writes everything in one transaction.
//! A re-import updates: the same child is found by SNILS, else by name and birth date (R02).

mod file;
mod rows;

use dopcert_domain::ids::{MunicipalityId, OrganizationId, PersonId};
use dopcert_domain::person::BirthDate;
use dopcert_domain::role::Role;
use dopcert_domain::snils::Snils;
use dopcert_store::time::instant;
use dopcert_store::{import_batch, organization, person, AnyConnection, StoreError};

pub use file::FileError;
pub use rows::{CheckedRow, PupilRow, RowProblem};

use crate::auth::Actor;
use crate::App;

/// Largest file accepted: a big school's roll is well under a megabyte; a municipality's
/// hundred thousand pupils fit in about ten.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("загружать учеников могут только сотрудники организации")]
    Forbidden,
    #[error("файл больше 20 МБ: разделите его, например по классам")]
    TooLarge,
    #[error("{0}")]
    File(#[from] FileError),
    #[error("в файле нет столбцов: {}", .0.join(", "))]
    MissingColumns(Vec<&'static str>),
    #[error("этот файл уже загружен или его предпросмотр устарел: загрузите файл заново")]
    NotPending,
    #[error("в файле есть ошибки: исправьте их и загрузите файл заново")]
    HasProblems,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a row will do when confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowEffect {
    New,
    Update,
}

#[derive(Debug, Clone)]
pub struct PreviewRow {
    pub checked: CheckedRow,
    pub effect: Option<RowEffect>,
}

#[derive(Debug, Clone)]
pub struct Preview {
    /// Set only for a clean file: the id to confirm.
    pub batch_id: Option<String>,
    pub file_name: String,
    pub rows: Vec<PreviewRow>,
    pub new: usize,
    pub updated: usize,
    pub with_problems: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub children_new: usize,
    pub children_updated: usize,
    pub parents_new: usize,
}

/// The organization the actor works for, when they may import into it.
fn staff_organization(actor: &Actor) -> Result<OrganizationId, ImportError> {
    let r = actor.role();
    match (r.role, &r.organization_id) {
        (Role::OrganizationStaff | Role::OrganizationAdmin, Some(o)) => Ok(o.clone()),
        _ => Err(ImportError::Forbidden),
    }
}

/// R02: the child this row means, if already known.
async fn find_child(
    conn: &mut AnyConnection,
    row: &PupilRow,
) -> Result<Result<Option<PersonId>, RowProblem>, StoreError> {
    if let Some(s) = &row.snils {
        let snils = Snils::parse(s).map_err(|_| StoreError::Corrupt("import snils"))?;
        if let Some(p) = person::by_snils(conn, &snils).await? {
            return Ok(Ok(Some(p.id)));
        }
    }
    let same = person::by_name_and_birth(conn, &row.pupil, BirthDate::from_stored(row.birth)).await?;
    match same.as_slice() {
        [] => Ok(Ok(None)),
        [p] => match (&p.snils, &row.snils) {
            (Some(known), Some(given)) if known.digits() != given => Ok(Err(RowProblem::KnownWithOtherSnils)),
            _ => Ok(Ok(Some(p.id.clone()))),
        },
        _ => Ok(Err(RowProblem::SeveralKnown)),
    }
}

/// Whether the actor may import at all: checked before an upload is even read.
pub fn authorize(actor: &Actor) -> Result<(), ImportError> {
    staff_organization(actor).map(|_| ())
}

/// Reads and checks the file; a clean file is kept for confirmation.
pub async fn preview(
    app: &App,
    actor: &Actor,
    file_name: &str,
    bytes: &[u8],
) -> Result<Preview, ImportError> {
    let org_id = staff_organization(actor)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge);
    }
    let table = file::read(bytes)?;
    rows::columns(&table).map_err(ImportError::MissingColumns)?;
    preview_table(app, actor, &org_id, file_name, &table).await
}

/// One pupil typed in by hand: the same checks as a file's row. Written at once when clean;
/// otherwise the problems come back and nothing is written.
pub async fn add_one(
    app: &App,
    actor: &Actor,
    pupil: &OnePupil,
) -> Result<Result<Imported, Vec<RowProblem>>, ImportError> {
    let org_id = staff_organization(actor)?;
    let headers = ["Класс", "ФИО ученика", "Дата рождения", "СНИЛС", "ФИО родителя", "Телефон", "Email"];
    let cells = [
        &pupil.class,
        &pupil.pupil,
        &pupil.birth_date,
        &pupil.snils,
        &pupil.parent,
        &pupil.phone,
        &pupil.email,
    ];
    let table = file::Table {
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows: vec![(2, cells.iter().map(|c| c.trim().to_string()).collect())],
    };
    let p = preview_table(app, actor, &org_id, "добавлен вручную", &table).await?;
    match p.batch_id {
        Some(batch) => Ok(Ok(commit(app, actor, &batch).await?)),
        None => Ok(Err(p.rows.into_iter().flat_map(|r| r.checked.problems).collect())),
    }
}

/// What a clerk types for one pupil.
#[derive(Debug, Clone, Default)]
pub struct OnePupil {
    pub class: String,
    pub pupil: String,
    pub birth_date: String,
    pub snils: String,
    pub parent: String,
    pub phone: String,
    pub email: String,
}

async fn preview_table(
    app: &App,
    actor: &Actor,
    org_id: &OrganizationId,
    file_name: &str,
    table: &file::Table,
) -> Result<Preview, ImportError> {
    let mut conn = app.store.reader().await?;
    let org = organization::get(&mut conn, org_id).await?;
    let checked = rows::check(table, app.clock.today(), rows::ages(org.kind));
    let mut out = Vec::with_capacity(checked.len());
    for mut c in checked {
        let mut effect = None;
        if let Some(row) = &c.row {
            match find_child(&mut conn, row).await? {
                Ok(found) => effect = Some(if found.is_some() { RowEffect::Update } else { RowEffect::New }),
                Err(problem) => {
                    c.problems.push(problem);
                    c.row = None;
                }
            }
        }
        out.push(PreviewRow { checked: c, effect });
    }
    drop(conn);
    let with_problems = out.iter().filter(|r| !r.checked.problems.is_empty()).count();
    let new = out.iter().filter(|r| r.effect == Some(RowEffect::New)).count();
    let updated = out.iter().filter(|r| r.effect == Some(RowEffect::Update)).count();
    let batch_id = if with_problems == 0 && !out.is_empty() {
        let clean: Vec<&PupilRow> = out.iter().filter_map(|r| r.checked.row.as_ref()).collect();
        let json = serde_json::to_string(&clean).expect("rows serialize");
        let mut tx = app.store.begin().await?;
        let now = instant(app.clock.now());
        let id = import_batch::insert(
            &mut tx,
            org_id,
            &actor.account_id,
            file_name,
            clean.len() as i64,
            &json,
            &now,
        )
        .await?;
        tx.commit().await.map_err(StoreError::from)?;
        Some(id)
    } else {
        None
    };
    Ok(Preview { batch_id, file_name: file_name.to_string(), rows: out, new, updated, with_problems })
}

/// Writes a previewed file: all rows or none.
pub async fn commit(app: &App, actor: &Actor, batch_id: &str) -> Result<Imported, ImportError> {
    commit_with_progress(app, actor, batch_id, &Progress::default()).await
}

/// How far a commit has come, for a page that shows it (rows written of rows in all).
#[derive(Debug, Default)]
pub struct Progress {
    pub done: std::sync::atomic::AtomicUsize,
    pub total: std::sync::atomic::AtomicUsize,
}

/// Rows in a pending batch, for deciding whether to show progress.
pub async fn pending_count(app: &App, actor: &Actor, batch_id: &str) -> Result<Option<usize>, ImportError> {
    let org_id = staff_organization(actor)?;
    let mut conn = app.store.reader().await?;
    Ok(import_batch::pending_count(&mut conn, batch_id, &org_id).await?.map(|n| n as usize))
}

/// Whether the batch has been committed (by this server or another).
pub async fn is_committed(app: &App, actor: &Actor, batch_id: &str) -> Result<bool, ImportError> {
    let org_id = staff_organization(actor)?;
    let mut conn = app.store.reader().await?;
    Ok(import_batch::is_committed(&mut conn, batch_id, &org_id).await?)
}

/// The commit, counting rows into `progress` as it goes.
pub async fn commit_with_progress(
    app: &App,
    actor: &Actor,
    batch_id: &str,
    progress: &Progress,
) -> Result<Imported, ImportError> {
    use std::sync::atomic::Ordering::Relaxed;
    let org_id = staff_organization(actor)?;
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let Some((_, json)) = import_batch::pending_rows(&mut tx, batch_id, &org_id).await? else {
        return Err(ImportError::NotPending);
    };
    let rows: Vec<PupilRow> = serde_json::from_str(&json).map_err(|_| StoreError::Corrupt("import rows"))?;
    let org = organization::get(&mut tx, &org_id).await?;
    let mut done = Imported::default();
    let mut parents_in_file = std::collections::HashMap::new();
    progress.total.store(rows.len(), Relaxed);
    let mut writes = person::BulkPeople::new();
    for (i, row) in rows.iter().enumerate() {
        write_row(
            &mut tx,
            &mut writes,
            &org_id,
            &org.municipality_id,
            row,
            &now,
            &mut done,
            &mut parents_in_file,
        )
        .await?;
        progress.done.store(i + 1, Relaxed);
    }
    writes.flush(&mut tx).await?;
    if !import_batch::mark_committed(&mut tx, batch_id, &org_id, &now).await? {
        return Err(ImportError::NotPending);
    }
    // One record for the file (a class list may hold thousands of rows): who wrote it into the
    // registry and what it did; each child's row is in the batch it names.
    let mut change = crate::audit::Change::new("import.commit", "import_batch", batch_id)
        .organization(org_id.as_str())
        .municipality(org.municipality_id.as_str());
    change.after = Some(serde_json::json!({
        "rows": rows.len(),
        "children_new": done.children_new,
        "children_updated": done.children_updated,
        "parents_new": done.parents_new,
    }));
    crate::audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(organization = %org_id, rows = rows.len(), "pupils imported");
    Ok(done)
}

/// One row of a commit. Lookups go to the database as the row comes; new persons and links are
/// batched (a preview already ruled out two rows meaning the same child), which keeps a large
/// file from paying one round trip per insert.
#[allow(clippy::too_many_arguments)]
async fn write_row(
    conn: &mut AnyConnection,
    writes: &mut person::BulkPeople,
    org: &OrganizationId,
    municipality: &MunicipalityId,
    row: &PupilRow,
    now: &str,
    done: &mut Imported,
    parents_in_file: &mut std::collections::HashMap<String, PersonId>,
) -> Result<(), ImportError> {
    let (child, known) = match find_child(conn, row).await? {
        Ok(Some(id)) => {
            done.children_updated += 1;
            (id, true)
        }
        Ok(None) => {
            done.children_new += 1;
            let snils = row
                .snils
                .as_deref()
                .map(Snils::parse)
                .transpose()
                .map_err(|_| StoreError::Corrupt("snils"))?;
            let new = person::NewPerson {
                name: &row.pupil,
                birth_date: Some(BirthDate::from_stored(row.birth)),
                snils: snils.as_ref(),
                municipality_id: Some(municipality),
                phone: None,
                email: None,
            };
            (writes.person(&new, now)?, false)
        }
        // Checked at preview; the data changed since (another import): stop, write nothing.
        Err(_) => return Err(ImportError::NotPending),
    };
    // The same parent is the one already linked to this child, or the one with the same name
    // (and phone, when given) earlier in this file: siblings share their mother.
    // A child new to the register has no parents yet: no need to ask.
    let parents = if known { person::parents_of(conn, &child).await? } else { Vec::new() };
    let file_key = format!("{}|{}", row.parent.match_key(), row.phone.as_deref().unwrap_or(""));
    let linked = parents.iter().find(|p| p.name.match_key() == row.parent.match_key()).map(|p| p.id.clone());
    let parent = match linked.or_else(|| parents_in_file.get(&file_key).cloned()) {
        Some(id) => id,
        None => {
            done.parents_new += 1;
            let new = person::NewPerson {
                name: &row.parent,
                birth_date: None,
                snils: None,
                municipality_id: Some(municipality),
                phone: row.phone.as_deref(),
                email: row.email.as_deref(),
            };
            writes.person(&new, now)?
        }
    };
    parents_in_file.insert(file_key, parent.clone());
    writes.link_guardian(&parent, &child, now);
    writes.enroll_pupil(org, &child, &row.class, now);
    writes.flush_if_full(conn).await?;
    Ok(())
}
