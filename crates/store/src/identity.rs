//! External identities (Госуслуги) and the logins in progress with them; near matches held
//! for a person to resolve.

use dopcert_domain::ids::{AccountId, MunicipalityId, PersonId};
use dopcert_domain::person::FullName;

use crate::sealed::{self, Purpose};
use crate::{new_id, AnyConnection, StoreError};

pub struct PendingLogin<'a> {
    pub state: &'a str,
    pub nonce: &'a str,
    pub pkce_verifier: &'a str,
    pub next: &'a str,
}

pub async fn begin_login(
    conn: &mut AnyConnection,
    p: &PendingLogin<'_>,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO oidc_login (state, nonce, pkce_verifier, next, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(p.state)
    .bind(p.nonce)
    .bind(p.pkce_verifier)
    .bind(p.next)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Takes the pending login for `state` if it started after `not_before`: (nonce, verifier,
/// next). The row is deleted, so a replayed callback finds nothing.
pub async fn take_login(
    conn: &mut AnyConnection,
    state: &str,
    not_before: &str,
) -> Result<Option<(String, String, String)>, StoreError> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT nonce, pkce_verifier, next FROM oidc_login WHERE state = $1 AND created_at > $2",
    )
    .bind(state)
    .bind(not_before)
    .fetch_optional(&mut *conn)
    .await?;
    let gone = sqlx::query("DELETE FROM oidc_login WHERE state = $1").bind(state).execute(&mut *conn).await?;
    Ok(row.filter(|_| gone.rows_affected() == 1))
}

pub async fn account_of(
    conn: &mut AnyConnection,
    provider: &str,
    subject: &str,
) -> Result<Option<AccountId>, StoreError> {
    let id: Option<String> =
        sqlx::query_scalar("SELECT account_id FROM account_identity WHERE provider = $1 AND subject = $2")
            .bind(provider)
            .bind(subject)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(id.map(AccountId::from_string))
}

/// Links the identity to the account; linking the same pair twice is not an error.
pub async fn link(
    conn: &mut AnyConnection,
    provider: &str,
    subject: &str,
    account: &AccountId,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO account_identity (provider, subject, account_id, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (provider, subject) DO NOTHING",
    )
    .bind(provider)
    .bind(subject)
    .bind(account.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The providers linked to an account (for «Персональные настройки»).
pub async fn providers_of(conn: &mut AnyConnection, account: &AccountId) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT provider FROM account_identity WHERE account_id = $1 ORDER BY provider")
        .bind(account.as_str())
        .fetch_all(&mut *conn)
        .await?)
}

pub struct NearMatch<'a> {
    pub existing: &'a PersonId,
    pub claimed_name: &'a FullName,
    pub claimed_birth_date: Option<&'a str>,
    pub claimed_snils: Option<&'a str>,
    pub parent: Option<&'a PersonId>,
    pub source: &'a str,
    /// The claimed child as a person of its own, held until resolved (it cannot be claimed).
    pub claimed_person: Option<&'a PersonId>,
    /// Whose municipal operator resolves it.
    pub municipality: Option<&'a MunicipalityId>,
}

/// Holds a possible duplicate for a person to resolve (R02: never merged or duplicated silently).
pub async fn hold_near_match(
    conn: &mut AnyConnection,
    m: &NearMatch<'_>,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO possible_duplicate (id, existing_person_id, claimed_last_name, claimed_first_name,
           claimed_middle_name, claimed_birth_date, claimed_snils_sealed, claimed_snils_index, parent_person_id,
           source, created_at, claimed_person_id, municipality_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(new_id())
    .bind(m.existing.as_str())
    .bind(m.claimed_name.last())
    .bind(m.claimed_name.first())
    .bind(m.claimed_name.middle())
    .bind(m.claimed_birth_date)
    .bind(m.claimed_snils.map(|s| sealed::seal(Purpose::Snils, s)).transpose()?)
    .bind(m.claimed_snils.map(sealed::index).transpose()?)
    .bind(m.parent.map(PersonId::as_str))
    .bind(m.source)
    .bind(now)
    .bind(m.claimed_person.map(PersonId::as_str))
    .bind(m.municipality.map(MunicipalityId::as_str))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A near match as the operator's queue shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HeldMatch {
    pub id: String,
    pub existing_person_id: String,
    pub claimed_last_name: String,
    pub claimed_first_name: String,
    pub claimed_middle_name: Option<String>,
    pub claimed_birth_date: Option<String>,
    pub claimed_snils: Option<String>,
    pub parent_person_id: Option<String>,
    pub claimed_person_id: Option<String>,
    pub municipality_id: Option<String>,
    pub source: String,
    pub created_at: String,
    pub resolution: Option<String>,
}

const HELD_COLUMNS: &str = "id, existing_person_id, claimed_last_name, claimed_first_name, claimed_middle_name, \
    claimed_birth_date, claimed_snils_sealed AS claimed_snils, parent_person_id, claimed_person_id, municipality_id, source, created_at, resolution";

/// Whose near matches: a municipality's, or a region's (with those whose municipality is not
/// known yet, as after a Госуслуги login).
#[derive(Debug, Clone, Copy)]
pub enum HeldScope<'a> {
    Municipality(&'a MunicipalityId),
    Region(&'a dopcert_domain::ids::RegionId),
}

/// Unresolved near matches in the scope, oldest first.
pub async fn held_matches(
    conn: &mut AnyConnection,
    scope: HeldScope<'_>,
    limit: i64,
) -> Result<Vec<HeldMatch>, StoreError> {
    let (filter, key) = match scope {
        HeldScope::Municipality(m) => ("municipality_id = $1", m.as_str()),
        HeldScope::Region(r) => (
            "(municipality_id IS NULL OR municipality_id IN (SELECT id FROM municipality WHERE region_id = $1))",
            r.as_str(),
        ),
    };
    let rows: Vec<HeldMatch> = sqlx::query_as(&format!(
        "SELECT {HELD_COLUMNS} FROM possible_duplicate
         WHERE resolved_at IS NULL AND {filter} ORDER BY created_at, id LIMIT $2"
    ))
    .bind(key)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(HeldMatch::opened).collect()
}

impl HeldMatch {
    /// The claimed SNILS, read sealed, opened.
    fn opened(mut self) -> Result<HeldMatch, StoreError> {
        self.claimed_snils = self
            .claimed_snils
            .map(|s| sealed::open(Purpose::Snils, &s, "possible_duplicate.claimed_snils"))
            .transpose()?;
        Ok(self)
    }
}

/// Whether a near match is in the scope.
pub fn in_scope(case: &HeldMatch, scope: HeldScope<'_>, case_region: Option<&str>) -> bool {
    match scope {
        HeldScope::Municipality(m) => case.municipality_id.as_deref() == Some(m.as_str()),
        HeldScope::Region(r) => case_region.is_none_or(|cr| cr == r.as_str()),
    }
}

pub async fn held_match(conn: &mut AnyConnection, id: &str) -> Result<Option<HeldMatch>, StoreError> {
    let row: Option<HeldMatch> =
        sqlx::query_as(&format!("SELECT {HELD_COLUMNS} FROM possible_duplicate WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(HeldMatch::opened).transpose()
}

/// True while the person is held as a possible duplicate (R02: no certificate until resolved).
pub async fn is_held(conn: &mut AnyConnection, person: &PersonId) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM possible_duplicate WHERE claimed_person_id = $1 AND resolved_at IS NULL",
    )
    .bind(person.as_str())
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// Marks a near match resolved if it still is open (guarded: two operators cannot both act).
pub async fn resolve(
    conn: &mut AnyConnection,
    id: &str,
    resolution: &str,
    by: &dopcert_domain::ids::AccountId,
    now: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE possible_duplicate SET resolved_at = $2, resolution = $3, resolved_by = $4
         WHERE id = $1 AND resolved_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .bind(resolution)
    .bind(by.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn open_near_matches(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM possible_duplicate WHERE resolved_at IS NULL")
        .fetch_one(&mut *conn)
        .await?)
}

/// Drops logins in progress that started before `before` (abandoned at the provider).
pub async fn purge_pending(conn: &mut AnyConnection, before: &str) -> Result<u64, StoreError> {
    let done =
        sqlx::query("DELETE FROM oidc_login WHERE created_at < $1").bind(before).execute(&mut *conn).await?;
    Ok(done.rows_affected())
}

/// Queues this transaction behind any other describing the same child (see migration 0008):
/// an upsert that always takes the row's lock until the end of the transaction. The row is the
/// description's keyed hash (`sealed::index`), so the table keeps no name or birth date.
pub async fn lock_description(conn: &mut AnyConnection, key: &str) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO identify_lock (key) VALUES ($1) ON CONFLICT (key) DO UPDATE SET key = excluded.key",
    )
    .bind(sealed::index(key)?)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The claimed person of an open case describing the same child again (same existing person,
/// name as written, birth date, SNILS): a repeated login or form, not a new case.
pub async fn open_case_like(
    conn: &mut AnyConnection,
    m: &NearMatch<'_>,
) -> Result<Option<PersonId>, StoreError> {
    let found: Option<Option<String>> = sqlx::query_scalar(
        "SELECT claimed_person_id FROM possible_duplicate
         WHERE existing_person_id = $1 AND resolved_at IS NULL AND claimed_last_name = $2 AND claimed_first_name = $3
           AND COALESCE(claimed_middle_name, '') = $4 AND COALESCE(claimed_birth_date, '') = $5
           AND COALESCE(claimed_snils_index, '') = $6
         ORDER BY created_at LIMIT 1",
    )
    .bind(m.existing.as_str())
    .bind(m.claimed_name.last())
    .bind(m.claimed_name.first())
    .bind(m.claimed_name.middle().unwrap_or(""))
    .bind(m.claimed_birth_date.unwrap_or(""))
    .bind(m.claimed_snils.map(sealed::index).transpose()?.unwrap_or_default())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.flatten().map(PersonId::from_string))
}
