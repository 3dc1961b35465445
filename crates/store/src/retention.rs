//! Removing personal data that is no longer needed (docs/SECURITY.md, «Retention»): the
//! records of children long grown up are anonymized in place, so that the money records that
//! point at them (kept for accounting) stay whole. Queries only; the periods are decided in
//! `app::retention`. Each statement is guarded, so running it twice, or on two servers at
//! once, changes nothing more.

use dopcert_domain::ids::{MunicipalityId, PersonId};
use dopcert_domain::person::FullName;

use crate::{AnyConnection, StoreError};

/// The moments a person's record is measured against.
pub struct Cutoffs<'a> {
    /// Born on or before this date (`YYYY-MM-DD`): grown up long enough ago.
    pub born_by: &'a str,
    /// Nothing of theirs moved money, began or ended a contract, or issued a certificate at or
    /// after this instant (and this date, for contracts' dates).
    pub keep_from: &'a str,
    pub keep_from_day: &'a str,
}

/// Which persons' records are no longer needed, for a `person p`: `$1` born by, `$2` keep from
/// (instant), `$3` keep from (date). A child's record (linked to a parent, a pupil, holding a
/// certificate, an application or a child's login) of someone who is nobody's parent and holds
/// no other role, with no certificate still open, no money moved, contract running or
/// certificate issued within the accounting period, and no possible duplicate being decided.
/// Demo logins are left alone: their situations are documented.
const NO_LONGER_NEEDED: &str = "
    p.birth_date IS NOT NULL AND p.birth_date <= $1
    AND (EXISTS (SELECT 1 FROM guardianship g WHERE g.child_id = p.id)
         OR EXISTS (SELECT 1 FROM pupil u WHERE u.child_id = p.id)
         OR EXISTS (SELECT 1 FROM certificate c WHERE c.child_id = p.id)
         OR EXISTS (SELECT 1 FROM application a WHERE a.child_id = p.id)
         OR EXISTS (SELECT 1 FROM account a JOIN account_role r ON r.account_id = a.id
                    WHERE a.person_id = p.id AND r.role = 'child'))
    AND NOT EXISTS (SELECT 1 FROM guardianship g WHERE g.parent_id = p.id)
    AND NOT EXISTS (SELECT 1 FROM account a JOIN account_role r ON r.account_id = a.id
                    WHERE a.person_id = p.id AND r.role <> 'child')
    AND NOT EXISTS (SELECT 1 FROM account a JOIN demo_account d ON d.login = a.login WHERE a.person_id = p.id)
    AND NOT EXISTS (SELECT 1 FROM certificate c
                    WHERE c.child_id = p.id AND (c.status <> 'closed' OR c.issued_at >= $2))
    AND NOT EXISTS (SELECT 1 FROM certificate c JOIN ledger_entry e ON e.certificate_id = c.id
                    WHERE c.child_id = p.id AND e.created_at >= $2)
    AND NOT EXISTS (SELECT 1 FROM application a WHERE a.child_id = p.id
                    AND (a.status IN ('waitlisted', 'offered', 'pending', 'enrolled')
                         OR a.ends_on >= $3 OR a.updated_at >= $2))
    AND NOT EXISTS (SELECT 1 FROM possible_duplicate d WHERE d.resolved_at IS NULL
                    AND (d.existing_person_id = p.id OR d.claimed_person_id = p.id))";

/// Up to `limit` persons whose records are no longer needed, with where they live (for the
/// audit record's scope), oldest first. Read through the birth date's index.
pub async fn no_longer_needed(
    conn: &mut AnyConnection,
    c: &Cutoffs<'_>,
    limit: i64,
) -> Result<Vec<(PersonId, Option<MunicipalityId>)>, StoreError> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT p.id, p.municipality_id FROM person p WHERE {NO_LONGER_NEEDED}
         ORDER BY p.birth_date, p.id LIMIT $4"
    ))
    .bind(c.born_by)
    .bind(c.keep_from)
    .bind(c.keep_from_day)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(p, m)| (PersonId::from_string(p), m.map(MunicipalityId::from_string)))
        .collect())
}

/// Anonymizes the person if their record is still no longer needed (checked in the same
/// statement): the name becomes `removed`, and the birth date, SNILS (clear, sealed and its
/// hash), phone, e-mail and disability basis are removed; the id stays, so certificates,
/// contracts, charges and ledger entries keep pointing at it. Then what links or describes
/// them goes too: parents and schools, the scans of paper consents (the consents stay, as
/// ids), the names and SNILS a possible duplicate claimed, and their login: blocked, without
/// a password, renamed, its sessions, one-time password and Госуслуги link deleted, tokens
/// revoked. False when there was nothing to do.
pub async fn anonymize(
    conn: &mut AnyConnection,
    person: &PersonId,
    c: &Cutoffs<'_>,
    removed: &FullName,
    now: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(&format!(
        "UPDATE person SET last_name = $5, first_name = $6, middle_name = NULL, name_key = $7, birth_date = NULL,
           snils = NULL, snils_sealed = NULL, snils_index = NULL, phone = NULL, email = NULL, disability = NULL,
           anonymized_at = $8
         WHERE id = $4 AND anonymized_at IS NULL
           AND id IN (SELECT p.id FROM person p WHERE p.id = $4 AND {NO_LONGER_NEEDED})"
    ))
    .bind(c.born_by)
    .bind(c.keep_from)
    .bind(c.keep_from_day)
    .bind(person.as_str())
    .bind(removed.last())
    .bind(removed.first())
    .bind(removed.match_key())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let id = person.as_str();
    for sql in [
        "DELETE FROM guardianship WHERE child_id = $1",
        "DELETE FROM pupil WHERE child_id = $1",
        "DELETE FROM consent_scan WHERE consent_id IN (SELECT c.id FROM consent c WHERE c.child_id = $1)",
        "DELETE FROM session WHERE account_id IN (SELECT a.id FROM account a WHERE a.person_id = $1)",
        "DELETE FROM one_time_password WHERE account_id IN (SELECT a.id FROM account a WHERE a.person_id = $1)",
        "DELETE FROM account_identity WHERE account_id IN (SELECT a.id FROM account a WHERE a.person_id = $1)",
    ] {
        sqlx::query(sql).bind(id).execute(&mut *conn).await?;
    }
    sqlx::query(
        "UPDATE possible_duplicate SET claimed_last_name = $2, claimed_first_name = $3, claimed_middle_name = NULL,
           claimed_birth_date = NULL, claimed_snils = NULL, claimed_snils_sealed = NULL, claimed_snils_index = NULL
         WHERE existing_person_id = $1 OR claimed_person_id = $1",
    )
    .bind(id)
    .bind(removed.last())
    .bind(removed.first())
    .execute(&mut *conn)
    .await?;
    // A login is often made from the name (`ivanov.petr`): it goes too, as the account's id.
    sqlx::query(
        "UPDATE account SET login = 'removed-' || id, password_hash = NULL, status = 'blocked' WHERE person_id = $1",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE api_token SET revoked_at = $2
         WHERE revoked_at IS NULL AND account_id IN (SELECT a.id FROM account a WHERE a.person_id = $1)",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(true)
}
