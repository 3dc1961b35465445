//! Idempotency keys (issue 8; IETF draft httpapi-idempotency-key-header, as Stripe's API): a
//! client may send a key with a call that issues something or moves money. A retry with the
//! same key and the same request gets exactly the first answer and has no second effect; the
//! same key with another request is refused (`KeyReused`).
//!
//! The key is the account's. The use case takes it as the first statement of its transaction
//! (`take`) and stores the answer as the last before its commit (`record`), so the key commits
//! or rolls back with the effect. Two requests with the same key at once: the database's primary
//! key decides — the second waits for the first transaction (PostgreSQL) or for the one writer
//! (SQLite), finds the key taken, rolls back and answers with what the first stored. So there
//! is no «in flight» answer: every request with the key gets the first answer. A failed request
//! rolls back and leaves no key; the client may correct it and send it with the same key.
//! Keys are kept `KEEP` and removed by housekeeping after.

use dopcert_domain::ids::AccountId;
use dopcert_store::idempotency as store;
use dopcert_store::time::instant;
use dopcert_store::{AnyConnection, StoreError};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::App;

/// How long a key is answered: a day, as Stripe; housekeeping removes older ones.
pub const KEEP: jiff::SignedDuration = jiff::SignedDuration::from_hours(24);

/// The longest key: 255 characters (Stripe's limit; a UUID needs 36).
pub const MAX_LEN: usize = 255;

/// A client's idempotency key: 1–255 printable ASCII characters (space to `~`), surrounding
/// spaces not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("ключ идемпотентности (Idempotency-Key) пуст")]
    Empty,
    #[error("ключ идемпотентности (Idempotency-Key) длиннее 255 символов")]
    TooLong,
    #[error("ключ идемпотентности (Idempotency-Key) может состоять только из печатных символов ASCII")]
    NotPrintable,
}

impl IdempotencyKey {
    pub fn parse(input: &str) -> Result<Self, KeyError> {
        let key = input.trim_matches(' ');
        if key.is_empty() {
            return Err(KeyError::Empty);
        }
        if !key.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            return Err(KeyError::NotPrintable);
        }
        if key.len() > MAX_LEN {
            return Err(KeyError::TooLong);
        }
        Ok(IdempotencyKey(key.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a request was answered: the HTTP status and the JSON body, kept as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

impl Answer {
    /// The answer of `status` with `body` as JSON.
    pub fn json(status: u16, body: &impl Serialize) -> Answer {
        // Plain structs of strings and numbers: serializing them cannot fail.
        Answer { status, body: serde_json::to_string(body).expect("an answer serializes as JSON") }
    }
}

/// A request that came with a key: the key, what the request was (its fingerprint), and how
/// the use case's result is answered (the web layer's rendering, stored before the commit).
pub struct Keyed<'a, T> {
    key: IdempotencyKey,
    fingerprint: String,
    answer: &'a (dyn Fn(&T) -> Answer + Send + Sync),
}

impl<'a, T> Keyed<'a, T> {
    /// `operation` names the call with its path (`POST /api/v1/applications/…/withdraw`);
    /// `request` is the parsed body, so that spacing or a default written out does not make
    /// another request.
    pub fn new(
        key: IdempotencyKey,
        operation: &str,
        request: &impl Serialize,
        answer: &'a (dyn Fn(&T) -> Answer + Send + Sync),
    ) -> Self {
        let body = serde_json::to_string(request).expect("a request body serializes as JSON");
        let fingerprint = hex::encode(Sha256::digest(format!("{operation}\n{body}").as_bytes()));
        Keyed { key, fingerprint, answer }
    }
}

/// A use case run with a key: its result now, or the answer a request with the key got before.
#[derive(Debug)]
pub enum Answered<T> {
    Now(T),
    Before(Answer),
}

impl<T> Answered<T> {
    /// The result of a call made without a key, which is never answered from before.
    pub(crate) fn unkeyed(self) -> T {
        match self {
            Answered::Now(t) => t,
            Answered::Before(_) => unreachable!("a call without a key has nothing to replay"),
        }
    }
}

/// The key was used before for another request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("этот ключ идемпотентности (Idempotency-Key) уже использован для другого запроса: для нового запроса нужен новый ключ")]
pub struct KeyReused;

/// The answer a request with this key got before, read before any work: a retry is answered
/// without running the use case again.
pub(crate) async fn earlier<T, E>(
    app: &App,
    account: &AccountId,
    keyed: Option<&Keyed<'_, T>>,
) -> Result<Option<Answer>, E>
where
    E: From<StoreError> + From<KeyReused>,
{
    let Some(k) = keyed else { return Ok(None) };
    let mut conn = app.store.reader().await?;
    let Some(stored) = store::find(&mut conn, account.as_str(), k.key.as_str()).await? else {
        return Ok(None);
    };
    if stored.fingerprint != k.fingerprint {
        return Err(KeyReused.into());
    }
    let status = u16::try_from(stored.status).map_err(|_| StoreError::Corrupt("idempotency_key.status"))?;
    Ok(Some(Answer { status, body: stored.body }))
}

/// First in the use case's transaction: takes the key for this request. False when a request
/// with the same key has committed meanwhile: the use case then rolls back and answers with
/// `lost_race`. Always true without a key.
pub(crate) async fn take<T>(
    conn: &mut AnyConnection,
    app: &App,
    account: &AccountId,
    keyed: Option<&Keyed<'_, T>>,
) -> Result<bool, StoreError> {
    let Some(k) = keyed else { return Ok(true) };
    let now = instant(app.clock.now());
    store::take(conn, account.as_str(), k.key.as_str(), &k.fingerprint, &now).await
}

/// Last before the commit: the answer the request gets, kept with the key taken by `take`.
pub(crate) async fn record<T>(
    conn: &mut AnyConnection,
    account: &AccountId,
    keyed: Option<&Keyed<'_, T>>,
    result: &T,
) -> Result<(), StoreError> {
    let Some(k) = keyed else { return Ok(()) };
    let answer = (k.answer)(result);
    store::answer(conn, account.as_str(), k.key.as_str(), i64::from(answer.status), &answer.body).await
}

/// After `take` said false (the caller's transaction rolled back): the answer of the request
/// that took the key first, or `KeyReused` when it was another request.
pub(crate) async fn lost_race<T, E>(
    app: &App,
    account: &AccountId,
    keyed: Option<&Keyed<'_, T>>,
) -> Result<Answered<T>, E>
where
    E: From<StoreError> + From<KeyReused>,
{
    match earlier::<T, E>(app, account, keyed).await? {
        Some(answer) => Ok(Answered::Before(answer)),
        // Taken and committed, yet not there: removed by housekeeping within the instant.
        None => Err(StoreError::Conflict("idempotency_key".into()).into()),
    }
}

/// Keeps the answer of a use case that wrote nothing (the certificate the child already had),
/// in a transaction of its own, so that a retry is told the same even if things change.
pub(crate) async fn record_alone<T, E>(
    app: &App,
    account: &AccountId,
    keyed: Option<&Keyed<'_, T>>,
    result: T,
) -> Result<Answered<T>, E>
where
    E: From<StoreError> + From<KeyReused>,
{
    if keyed.is_none() {
        return Ok(Answered::Now(result));
    }
    let mut tx = app.store.begin().await?;
    if !take(&mut tx, app, account, keyed).await? {
        drop(tx);
        return lost_race(app, account, keyed).await;
    }
    record(&mut tx, account, keyed, &result).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(Answered::Now(result))
}

/// Housekeeping: forgets the keys older than `KEEP`; returns how many.
pub async fn purge(app: &App) -> Result<u64, StoreError> {
    let before = instant(app.clock.now() - KEEP);
    let mut tx = app.store.begin().await?;
    let purged = store::purge(&mut tx, &before).await?;
    tx.commit().await?;
    Ok(purged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_1_to_255_printable_ascii_characters() {
        assert_eq!(IdempotencyKey::parse("a").unwrap().as_str(), "a");
        let uuid = "0191b8a4-7c5e-7d3a-9f2e-3b6a1c2d4e5f";
        assert_eq!(IdempotencyKey::parse(uuid).unwrap().as_str(), uuid);
        assert_eq!(
            IdempotencyKey::parse("\"quoted as in the draft\"").unwrap().as_str(),
            "\"quoted as in the draft\""
        );
        assert_eq!(IdempotencyKey::parse("  padded  ").unwrap().as_str(), "padded");
        assert!(IdempotencyKey::parse(&"k".repeat(255)).is_ok());
        assert_eq!(IdempotencyKey::parse(&"k".repeat(256)), Err(KeyError::TooLong));
        assert_eq!(IdempotencyKey::parse(""), Err(KeyError::Empty));
        assert_eq!(IdempotencyKey::parse("   "), Err(KeyError::Empty));
        assert_eq!(IdempotencyKey::parse("ключ"), Err(KeyError::NotPrintable));
        assert_eq!(IdempotencyKey::parse("a\tb"), Err(KeyError::NotPrintable));
        assert_eq!(IdempotencyKey::parse("a\u{7f}"), Err(KeyError::NotPrintable));
    }

    fn fingerprint(operation: &str, request: &serde_json::Value) -> String {
        let answer = |_: &()| Answer { status: 200, body: String::new() };
        Keyed::new(IdempotencyKey::parse("k").unwrap(), operation, request, &answer).fingerprint
    }

    #[test]
    fn the_fingerprint_tells_the_operation_and_the_request() {
        let body = serde_json::json!({"child_id": "c1", "consent": true});
        let same = fingerprint("POST /api/v1/certificates", &body);
        assert_eq!(same, fingerprint("POST /api/v1/certificates", &body));
        assert_ne!(same, fingerprint("POST /api/v1/applications", &body));
        assert_ne!(
            same,
            fingerprint("POST /api/v1/certificates", &serde_json::json!({"child_id": "c2", "consent": true}))
        );
    }
}
