//! Removing personal data that is no longer needed (docs/SECURITY.md, «Retention»): the
//! records of children long grown up are anonymized in place, so that the money records that
//! point at them (kept for accounting) stay whole. Queries only; the periods are decided in
//! `app::retention`. Each statement is guarded, so running it twice, or on two servers at
//! once, changes nothing more.

//! Removing personal data that is no longer needed (docs/SECURITY.md, «Retention»): the
//! records of children long grown up and of adults gone for years are anonymized in place, so
//! that the money records and the history that point at them stay whole; the texts and files
//! of consultations closed long ago are removed. Queries only; the periods are decided in
//! `app::retention`. Each statement is guarded, so running it twice, or on two servers at
//! once, changes nothing more.

use dopcert_domain::ids::{MunicipalityId, PersonId};
use dopcert_domain::person::FullName;
use sqlx::any::AnyArguments;
use sqlx::Row;

use crate::{AnyConnection, StoreError};

type Query<'q> = sqlx::query::Query<'q, sqlx::Any, AnyArguments<'q>>;

/// The moments a person's record is measured against.
pub struct Cutoffs<'a> {
    /// Born on or before this date (`YYYY-MM-DD`): grown up long enough ago.
    pub born_by: &'a str,
    /// Nothing of theirs moved money, began or ended a contract, or issued a certificate at or
    /// after this instant (and this date, for contracts' dates).
    pub keep_from: &'a str,
    pub keep_from_day: &'a str,
    /// An adult neither signed in nor was recorded at or after this instant.
    pub inactive_before: &'a str,
}

/// Whose records a pass looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A child's record, grown up long ago and out of the accounting period.
    GrownUpChild,
    /// An adult's record: nobody's parent any more, no work role left, not seen for years.
    InactiveAdult,
}

/// A record a child has: linked to a parent, a pupil, holding a certificate, an application
/// or a child's login (a macro, to be joined into the conditions at compile time).
macro_rules! child_record {
    () => {
        "(EXISTS (SELECT 1 FROM guardianship g WHERE g.child_id = p.id)
          OR EXISTS (SELECT 1 FROM pupil u WHERE u.child_id = p.id)
          OR EXISTS (SELECT 1 FROM certificate c WHERE c.child_id = p.id)
          OR EXISTS (SELECT 1 FROM application a WHERE a.child_id = p.id)
          OR EXISTS (SELECT 1 FROM account a JOIN account_role r ON r.account_id = a.id
                     WHERE a.person_id = p.id AND r.role = 'child'))"
    };
}

/// [`Rule::GrownUpChild`] for a `person p`: `$1` born by, `$2` keep from (instant), `$3` keep
/// from (date). A child's record of someone who is nobody's parent and holds no other role,
/// with no certificate still open, no money moved, contract running or certificate issued
/// within the accounting period, and no possible duplicate being decided. Demo logins are left
/// alone: their situations are documented.
const GROWN_UP_CHILD: &str = concat!(
    "p.birth_date IS NOT NULL AND p.birth_date <= $1 AND ",
    child_record!(),
    "
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
                    AND (d.existing_person_id = p.id OR d.claimed_person_id = p.id))"
);

/// [`Rule::InactiveAdult`] for a `person p`: `$1` inactive before. Not a child's record, kept
/// or anonymized by the rule above; recorded before `$1`; nobody's parent any more (a child's
/// link goes when the child's record does); no role but a parent's (staff and operators who
/// left had theirs taken away); no login at or after `$1`, and none not yet seen by
/// housekeeping; no live API token, no request to join an organization waiting, no consent
/// they gave for a child whose record is kept, no possible duplicate being decided.
const INACTIVE_ADULT: &str = concat!(
    "p.anonymized_at IS NULL AND p.created_at < $1 AND NOT ",
    child_record!(),
    "
    AND NOT EXISTS (SELECT 1 FROM guardianship g WHERE g.parent_id = p.id)
    AND NOT EXISTS (SELECT 1 FROM account a JOIN account_role r ON r.account_id = a.id
                    WHERE a.person_id = p.id AND r.role <> 'parent')
    AND NOT EXISTS (SELECT 1 FROM account a
                    WHERE a.person_id = p.id AND (a.last_active_at IS NULL OR a.last_active_at >= $1))
    AND NOT EXISTS (SELECT 1 FROM account a JOIN demo_account d ON d.login = a.login WHERE a.person_id = p.id)
    AND NOT EXISTS (SELECT 1 FROM account a JOIN api_token t ON t.account_id = a.id
                    WHERE a.person_id = p.id AND t.revoked_at IS NULL
                      AND (t.expires_at IS NULL OR t.expires_at >= $1))
    AND NOT EXISTS (SELECT 1 FROM account a JOIN staff_request r ON r.account_id = a.id
                    WHERE a.person_id = p.id AND r.status = 'pending')
    AND NOT EXISTS (SELECT 1 FROM consent c JOIN person k ON k.id = c.child_id
                    WHERE c.given_by = p.id AND k.anonymized_at IS NULL)
    AND NOT EXISTS (SELECT 1 FROM possible_duplicate d WHERE d.resolved_at IS NULL
                    AND (d.existing_person_id = p.id OR d.claimed_person_id = p.id
                         OR d.parent_person_id = p.id))"
);

impl Rule {
    /// The condition on `person p`, and how many parameters it takes from `$1`.
    fn condition(self) -> (&'static str, usize) {
        match self {
            Rule::GrownUpChild => (GROWN_UP_CHILD, 3),
            Rule::InactiveAdult => (INACTIVE_ADULT, 1),
        }
    }

    /// Binds the condition's parameters, in order; the statement's own come after them.
    fn bind<'q>(self, q: Query<'q>, c: &Cutoffs<'q>) -> Query<'q> {
        match self {
            Rule::GrownUpChild => q.bind(c.born_by).bind(c.keep_from).bind(c.keep_from_day),
            Rule::InactiveAdult => q.bind(c.inactive_before),
        }
    }
}

/// Up to `limit` persons after `after` (by id) whose records the rule finds no longer needed,
/// with where they live (for the audit record's scope).
pub async fn no_longer_needed(
    conn: &mut AnyConnection,
    rule: Rule,
    c: &Cutoffs<'_>,
    after: &str,
    limit: i64,
) -> Result<Vec<(PersonId, Option<MunicipalityId>)>, StoreError> {
    let (condition, n) = rule.condition();
    let sql = format!(
        "SELECT p.id, p.municipality_id FROM person p WHERE p.id > ${} AND {condition} ORDER BY p.id LIMIT ${}",
        n + 1,
        n + 2
    );
    let rows = rule.bind(sqlx::query(&sql), c).bind(after).bind(limit).fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            let (p, m): (String, Option<String>) = (r.try_get(0)?, r.try_get(1)?);
            Ok((PersonId::from_string(p), m.map(MunicipalityId::from_string)))
        })
        .collect()
}

/// Anonymizes the person if the rule still finds their record no longer needed (checked in
/// the same statement): the name becomes `removed`, and the birth date, SNILS (clear, sealed
/// and its hash), phone, e-mail and disability basis are removed; the id stays, so
/// certificates, contracts, charges, ledger entries and the history keep pointing at it. Then
/// what links or describes them goes too: parents and schools, the scans of paper consents
/// (the consents stay, as ids), the names and SNILS a possible duplicate claimed, the name an
/// invitation they used was written for, and their login: blocked, without a password,
/// renamed, its sessions, one-time password, Госуслуги link and notifications deleted, tokens
/// revoked. False
/// when there was nothing to do.
pub async fn anonymize(
    conn: &mut AnyConnection,
    person: &PersonId,
    rule: Rule,
    c: &Cutoffs<'_>,
    removed: &FullName,
    now: &str,
) -> Result<bool, StoreError> {
    let (condition, n) = rule.condition();
    let [id, last, first, key, at] = [1, 2, 3, 4, 5].map(|i| n + i);
    let sql = format!(
        "UPDATE person SET last_name = ${last}, first_name = ${first}, middle_name = NULL, name_key = ${key},
           birth_date = NULL, snils = NULL, snils_sealed = NULL, snils_index = NULL, phone = NULL, email = NULL,
           disability = NULL, anonymized_at = ${at}
         WHERE id = ${id} AND anonymized_at IS NULL
           AND id IN (SELECT p.id FROM person p WHERE p.id = ${id} AND {condition})"
    );
    let done = rule
        .bind(sqlx::query(&sql), c)
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
        "DELETE FROM guardianship WHERE child_id = $1 OR parent_id = $1",
        "DELETE FROM pupil WHERE child_id = $1",
        "DELETE FROM consent_scan WHERE consent_id IN (SELECT c.id FROM consent c WHERE c.child_id = $1)",
        "DELETE FROM session WHERE account_id IN (SELECT a.id FROM account a WHERE a.person_id = $1)",
        "DELETE FROM one_time_password WHERE account_id IN (SELECT a.id FROM account a WHERE a.person_id = $1)",
        "DELETE FROM account_identity WHERE account_id IN (SELECT a.id FROM account a WHERE a.person_id = $1)",
        // Their notifications (names, numbers) and e-mails waiting (their address).
        "DELETE FROM mail_outbox WHERE notification_id IN
           (SELECT n.id FROM notification n JOIN account a ON a.id = n.account_id WHERE a.person_id = $1)",
        "DELETE FROM notification WHERE account_id IN (SELECT a.id FROM account a WHERE a.person_id = $1)",
        "DELETE FROM notification_optout WHERE account_id IN (SELECT a.id FROM account a WHERE a.person_id = $1)",
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
    sqlx::query(
        "UPDATE staff_invitation SET name = $2
         WHERE used_by IN (SELECT a.id FROM account a WHERE a.person_id = $1)",
    )
    .bind(id)
    .bind(removed.to_string())
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

/// Starts the clock of the accounts made before `last_active_at` was recorded (migration
/// 0024): they count as seen now. The number of accounts stamped.
pub async fn stamp_unseen_accounts(conn: &mut AnyConnection, now: &str) -> Result<u64, StoreError> {
    let done = sqlx::query("UPDATE account SET last_active_at = $1 WHERE last_active_at IS NULL")
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}

/// Up to `limit` consultations closed before `before` whose texts are still kept: (id,
/// organization, municipality), oldest first.
pub async fn consultations_closed_before(
    conn: &mut AnyConnection,
    before: &str,
    limit: i64,
) -> Result<Vec<(String, String, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, organization_id, municipality_id FROM consultation
         WHERE status = 'closed' AND updated_at < $1 AND removed_at IS NULL ORDER BY updated_at, id LIMIT $2",
    )
    .bind(before)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// Removes a consultation's texts and files if it is still closed before `before` and kept:
/// the topic becomes `topic`, every message's text `text`, the attachments are deleted; the
/// thread stays, with its dates, authors and status, for the counts. False when there was
/// nothing to do.
pub async fn remove_consultation(
    conn: &mut AnyConnection,
    id: &str,
    before: &str,
    topic: &str,
    text: &str,
    now: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE consultation SET topic = $2, removed_at = $3
         WHERE id = $1 AND status = 'closed' AND updated_at < $4 AND removed_at IS NULL",
    )
    .bind(id)
    .bind(topic)
    .bind(now)
    .bind(before)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query(
        "DELETE FROM consultation_file
         WHERE message_id IN (SELECT m.id FROM consultation_message m WHERE m.consultation_id = $1)",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE consultation_message SET text = $2 WHERE consultation_id = $1")
        .bind(id)
        .bind(text)
        .execute(&mut *conn)
        .await?;
    Ok(true)
}
