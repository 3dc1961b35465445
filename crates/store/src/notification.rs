//! Notifications in the cabinet, the kinds a person does not want by e-mail, and the outbox of
//! e-mails (`mail_outbox`). Queries only: who is told what is `app::notification`'s, the
//! sending `app::mail`'s.

use crate::{new_id, AnyConnection, StoreError};

/// An account to tell, with the e-mail address of its person (if any).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Recipient {
    pub account_id: String,
    pub email: Option<String>,
}

/// The accounts of a child's parents, and the child's own account when the child was born on
/// or before `own_from` (14 years before today: R04's age to act for oneself).
pub async fn family_of_child(
    conn: &mut AnyConnection,
    child: &str,
    own_from: &str,
) -> Result<Vec<Recipient>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT a.id AS account_id, p.email FROM guardianship g
           JOIN account a ON a.person_id = g.parent_id JOIN person p ON p.id = g.parent_id
          WHERE g.child_id = $1 AND a.status = 'active'
         UNION ALL
         SELECT a.id AS account_id, p.email FROM account a JOIN person p ON p.id = a.person_id
          WHERE a.person_id = $1 AND a.status = 'active' AND p.birth_date <= $2
         ORDER BY account_id",
    )
    .bind(child)
    .bind(own_from)
    .fetch_all(&mut *conn)
    .await?)
}

/// An account and the e-mail address of its person.
pub async fn account(conn: &mut AnyConnection, account: &str) -> Result<Option<Recipient>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT a.id AS account_id, p.email FROM account a JOIN person p ON p.id = a.person_id WHERE a.id = $1",
    )
    .bind(account)
    .fetch_optional(&mut *conn)
    .await?)
}

/// «Фамилия Имя Отчество» of a person.
pub async fn person_name(conn: &mut AnyConnection, person: &str) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(&format!("SELECT {} FROM person p WHERE p.id = $1", crate::FULL_NAME))
        .bind(person)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The login of an account.
pub async fn login_of(conn: &mut AnyConnection, account: &str) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT login FROM account WHERE id = $1")
        .bind(account)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Whether the account has a way in already: its own password or a one-time password.
pub async fn has_password(conn: &mut AnyConnection, account: &str) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM account a WHERE a.id = $1
           AND (a.password_hash IS NOT NULL OR EXISTS (SELECT 1 FROM one_time_password o WHERE o.account_id = a.id))",
    )
    .bind(account)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

pub struct NewNotification<'a> {
    pub account_id: &'a str,
    pub kind: &'a str,
    pub event_key: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub link: &'a str,
    /// What the text was written from, as JSON (`domain::notification::Values`).
    pub text_values: Option<&'a str>,
}

/// Writes the notification; None when this account was already told of this event.
pub async fn insert(
    conn: &mut AnyConnection,
    n: &NewNotification<'_>,
    now: &str,
) -> Result<Option<String>, StoreError> {
    let id = new_id();
    let done = sqlx::query(
        "INSERT INTO notification (id, account_id, kind, event_key, subject, body, link, created_at, text_values)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (account_id, event_key) DO NOTHING",
    )
    .bind(&id)
    .bind(n.account_id)
    .bind(n.kind)
    .bind(n.event_key)
    .bind(n.subject)
    .bind(n.body)
    .bind(n.link)
    .bind(now)
    .bind(n.text_values)
    .execute(&mut *conn)
    .await?;
    Ok((done.rows_affected() == 1).then_some(id))
}

/// Queues the notification's e-mail, due at once.
pub async fn enqueue(
    conn: &mut AnyConnection,
    notification: &str,
    to: &str,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO mail_outbox (id, notification_id, to_address, status, attempts, next_attempt_at, created_at)
         VALUES ($1, $2, $3, 'queued', 0, $4, $4)",
    )
    .bind(new_id())
    .bind(notification)
    .bind(to)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The kinds the account does not want by e-mail.
pub async fn optouts(conn: &mut AnyConnection, account: &str) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT kind FROM notification_optout WHERE account_id = $1 ORDER BY kind")
        .bind(account)
        .fetch_all(&mut *conn)
        .await?)
}

/// Replaces the kinds the account does not want by e-mail.
pub async fn set_optouts(conn: &mut AnyConnection, account: &str, kinds: &[&str]) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM notification_optout WHERE account_id = $1")
        .bind(account)
        .execute(&mut *conn)
        .await?;
    for kind in kinds {
        sqlx::query("INSERT INTO notification_optout (account_id, kind) VALUES ($1, $2)")
            .bind(account)
            .bind(*kind)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Sets the e-mail address of the account's person (None: removes it).
pub async fn set_email(
    conn: &mut AnyConnection,
    account: &str,
    email: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE person SET email = $2 WHERE id = (SELECT person_id FROM account WHERE id = $1)")
        .bind(account)
        .bind(email)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Row {
    pub id: String,
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub link: String,
    pub created_at: String,
    pub read_at: Option<String>,
    /// JSON of what the text was written from; NULL in rows written before it was kept.
    pub text_values: Option<String>,
}

/// The account's notifications, newest first.
pub async fn inbox(conn: &mut AnyConnection, account: &str, limit: i64) -> Result<Vec<Row>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, kind, subject, body, link, created_at, read_at, text_values FROM notification
         WHERE account_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(account)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn unread(conn: &mut AnyConnection, account: &str) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM notification WHERE account_id = $1 AND read_at IS NULL")
        .bind(account)
        .fetch_one(&mut *conn)
        .await?)
}

/// Marks the account's notifications up to `last` (an id) read; returns how many.
pub async fn mark_read(
    conn: &mut AnyConnection,
    account: &str,
    last: &str,
    now: &str,
) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE notification SET read_at = $3 WHERE account_id = $1 AND id <= $2 AND read_at IS NULL",
    )
    .bind(account)
    .bind(last)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// Records that the contract's end was announced; false when it already was (by another
/// server: on PostgreSQL its transaction is waited for).
pub async fn announce_contract(
    conn: &mut AnyConnection,
    application: &str,
    now: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "INSERT INTO contract_notice (application_id, created_at) VALUES ($1, $2)
         ON CONFLICT (application_id) DO NOTHING",
    )
    .bind(application)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Contracts running whose last day is within `[from, to]` and whose end was not yet
/// announced (at most `limit`): application ids.
pub async fn contracts_ending(
    conn: &mut AnyConnection,
    from: &str,
    to: &str,
    limit: i64,
) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT a.id FROM application a
         WHERE a.status = 'enrolled' AND a.ends_on >= $1 AND a.ends_on <= $2
           AND NOT EXISTS (SELECT 1 FROM contract_notice c WHERE c.application_id = a.id)
         ORDER BY a.id LIMIT $3",
    )
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

// ---- the outbox ----

/// Rows to send now: queued and due, or claimed by a sender whose lease ran out (it died).
pub async fn due(conn: &mut AnyConnection, now: &str, limit: i64) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM mail_outbox
         WHERE status IN ('queued', 'sending') AND next_attempt_at <= $1
         ORDER BY next_attempt_at, id LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// Claims a due row for this sender until `lease_until` (a guarded update: of several senders
/// exactly one gets it); counts the attempt.
pub async fn claim(
    conn: &mut AnyConnection,
    id: &str,
    token: &str,
    now: &str,
    lease_until: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE mail_outbox SET status = 'sending', claimed_by = $2, next_attempt_at = $4, attempts = attempts + 1
         WHERE id = $1 AND status IN ('queued', 'sending') AND next_attempt_at <= $3",
    )
    .bind(id)
    .bind(token)
    .bind(now)
    .bind(lease_until)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A claimed e-mail with its notification's text.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Outgoing {
    pub id: String,
    pub to_address: String,
    pub attempts: i64,
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub link: String,
}

pub async fn outgoing(
    conn: &mut AnyConnection,
    id: &str,
    token: &str,
) -> Result<Option<Outgoing>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT o.id, o.to_address, o.attempts, n.kind, n.subject, n.body, n.link
         FROM mail_outbox o JOIN notification n ON n.id = o.notification_id
         WHERE o.id = $1 AND o.claimed_by = $2 AND o.status = 'sending'",
    )
    .bind(id)
    .bind(token)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Sent: recorded only while the claim is still this sender's.
pub async fn mark_sent(
    conn: &mut AnyConnection,
    id: &str,
    token: &str,
    now: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE mail_outbox SET status = 'sent', sent_at = $3, last_error = NULL
         WHERE id = $1 AND claimed_by = $2 AND status = 'sending'",
    )
    .bind(id)
    .bind(token)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Not sent: queued again from `next_at`, or given up (`failed`) when `give_up`.
pub async fn mark_unsent(
    conn: &mut AnyConnection,
    id: &str,
    token: &str,
    error: &str,
    next_at: &str,
    give_up: bool,
) -> Result<bool, StoreError> {
    let status = if give_up { "failed" } else { "queued" };
    let done = sqlx::query(
        "UPDATE mail_outbox SET status = $3, last_error = $4, next_attempt_at = $5
         WHERE id = $1 AND claimed_by = $2 AND status = 'sending'",
    )
    .bind(id)
    .bind(token)
    .bind(status)
    .bind(error)
    .bind(next_at)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The outbox by status: (status, count, oldest created_at), for the operator's eyes.
pub async fn outbox_counts(conn: &mut AnyConnection) -> Result<Vec<(String, i64, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT status, COUNT(*), MIN(created_at) FROM mail_outbox GROUP BY status ORDER BY status",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// An e-mail given up, for the regional centre's page of failed e-mails.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FailedMail {
    pub id: String,
    pub to_address: String,
    pub kind: String,
    pub subject: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: String,
}

/// The e-mails given up, newest first.
pub async fn failed(conn: &mut AnyConnection, limit: i64) -> Result<Vec<FailedMail>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT o.id, o.to_address, n.kind, n.subject, o.attempts, o.last_error, o.created_at
         FROM mail_outbox o JOIN notification n ON n.id = o.notification_id
         WHERE o.status = 'failed' ORDER BY o.created_at DESC, o.id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// A given-up e-mail queued again from `now` with its attempts counted afresh; false when it is
/// no longer given up (another operator was quicker, or housekeeping forgot it).
pub async fn retry(conn: &mut AnyConnection, id: &str, now: &str) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE mail_outbox SET status = 'queued', attempts = 0, next_attempt_at = $2, claimed_by = NULL
         WHERE id = $1 AND status = 'failed'",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Forgets e-mails sent or given up before `before` (the address and the attempts; the
/// notification stays in the cabinet), and notifications older than `notes_before`.
pub async fn purge(conn: &mut AnyConnection, before: &str, notes_before: &str) -> Result<u64, StoreError> {
    let mails = sqlx::query(
        "DELETE FROM mail_outbox WHERE status IN ('sent', 'failed') AND created_at < $1
            OR notification_id IN (SELECT id FROM notification WHERE created_at < $2)",
    )
    .bind(before)
    .bind(notes_before)
    .execute(&mut *conn)
    .await?;
    let notes = sqlx::query("DELETE FROM notification WHERE created_at < $1")
        .bind(notes_before)
        .execute(&mut *conn)
        .await?;
    Ok(mails.rows_affected() + notes.rows_affected())
}
