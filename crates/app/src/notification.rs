//! Notifications (issue 9): who hears of an event, in the cabinet and by e-mail, and the
//! person's choices. The use case that causes an event calls [`tell_family`] or
//! [`tell_account`] inside its own transaction: the notification and its e-mail (a row of the
//! outbox, sent later by `mail`) commit with the change or not at all.
//!
//! Who hears of a child's event: the parents linked to the child, and the child's own account
//! from 14 (R04's age to act for oneself). In the cabinet every kind is shown; by e-mail the
//! kinds the person did not untick, when they gave an address.

use dopcert_domain::contact::{ContactError, Email};
use dopcert_domain::ids::PersonId;
use dopcert_domain::notification::{self as notes, Kind, Note, Values};
use dopcert_store::application;
use dopcert_store::notification::{self as store, NewNotification, Recipient};
use dopcert_store::time::{date, instant, parse_date, parse_instant};
use dopcert_store::{AnyConnection, StoreError};
use jiff::ToSpan;

use crate::auth::Actor;
use crate::App;

/// How many notifications the cabinet's page lists.
pub const INBOX_LIMIT: i64 = 100;

/// Tells the child's family (parents, and the child from 14) of `note`; `event` names what
/// happened, so that the same event never reaches an account twice. Returns how many accounts
/// were told now.
pub(crate) async fn tell_family(
    conn: &mut AnyConnection,
    child: &str,
    note: &Note,
    event: &str,
    now: &str,
) -> Result<u32, StoreError> {
    let today = dopcert_domain::time::moscow_date(parse_instant(now)?);
    let own_from = date(today.saturating_sub(dopcert_domain::eligibility::SELF_CLAIM_AGE.years()));
    let mut told = 0;
    for r in store::family_of_child(conn, child, &own_from).await? {
        told += u32::from(deliver(conn, &r, note, event, now).await?);
    }
    Ok(told)
}

/// Tells one account (a one-time password reissued to its person).
pub(crate) async fn tell_account(
    conn: &mut AnyConnection,
    account: &str,
    note: &Note,
    event: &str,
    now: &str,
) -> Result<bool, StoreError> {
    match store::account(conn, account).await? {
        Some(r) => deliver(conn, &r, note, event, now).await,
        None => Ok(false),
    }
}

async fn deliver(
    conn: &mut AnyConnection,
    r: &Recipient,
    note: &Note,
    event: &str,
    now: &str,
) -> Result<bool, StoreError> {
    let values = note.values.to_json();
    let new = NewNotification {
        account_id: &r.account_id,
        kind: note.kind.code(),
        event_key: event,
        subject: &note.subject,
        body: &note.body,
        link: &note.link,
        text_values: Some(&values),
    };
    let Some(id) = store::insert(conn, &new, now).await? else { return Ok(false) };
    if let Some(email) = r.email.as_deref().filter(|e| !e.is_empty()) {
        let optouts = store::optouts(conn, &r.account_id).await?;
        if !optouts.iter().any(|k| k == note.kind.code()) {
            store::enqueue(conn, &id, email, now).await?;
        }
    }
    Ok(true)
}

/// Tells the family of an application's child, with the program's name: `make` writes the
/// text from the child's name and the program's title.
pub(crate) async fn tell_about_application(
    conn: &mut AnyConnection,
    application_id: &str,
    event: &str,
    now: &str,
    make: impl FnOnce(&application::Listed) -> Result<Note, StoreError>,
) -> Result<u32, StoreError> {
    let Some(a) = application::listed(conn, application_id).await? else { return Ok(0) };
    let note = make(&a)?;
    tell_family(conn, &a.child_id, &note, event, now).await
}

/// Housekeeping: the families of contracts ending within `CONTRACT_ENDING_DAYS` hear of it,
/// once per contract (`contract_notice`, taken first in each contract's transaction, so two
/// servers at once announce it once). Returns how many contracts were announced.
pub async fn announce_contracts_ending(app: &App) -> Result<u64, StoreError> {
    let today = app.clock.today();
    let until = today.saturating_add(i64::from(notes::CONTRACT_ENDING_DAYS).days());
    let mut announced = 0;
    loop {
        let ids = {
            let mut conn = app.store.reader().await?;
            store::contracts_ending(&mut conn, &date(today), &date(until), 500).await?
        };
        if ids.is_empty() {
            return Ok(announced);
        }
        for id in ids {
            let now = instant(app.clock.now());
            let mut tx = app.store.begin().await?;
            if !store::announce_contract(&mut tx, &id, &now).await? {
                continue;
            }
            let event = format!("contract_ending:{id}");
            tell_about_application(&mut tx, &id, &event, &now, |a| {
                Ok(notes::contract_ending(&a.child, &a.program, parse_date(&a.ends_on)?))
            })
            .await?;
            tx.commit().await?;
            announced += 1;
        }
    }
}

// ---- the person's side ----

/// What «Уведомления» in «Персональные настройки» shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub email: Option<String>,
    /// Every kind, and whether it comes by e-mail.
    pub by_email: Vec<(Kind, bool)>,
}

pub async fn settings(app: &App, actor: &Actor) -> Result<Settings, StoreError> {
    let mut conn = app.store.reader().await?;
    let account = actor.account_id.as_str();
    let email = store::account(&mut conn, account).await?.and_then(|r| r.email);
    let optouts = store::optouts(&mut conn, account).await?;
    let by_email = Kind::ALL.iter().map(|k| (*k, !optouts.iter().any(|o| o == k.code()))).collect();
    Ok(Settings { email, by_email })
}

/// The person's choices: an address (empty: none) and the kinds wanted by e-mail.
#[derive(Debug, Clone)]
pub struct SettingsInput {
    pub email: String,
    pub by_email: Vec<Kind>,
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The address is not one; the field is `email`.
    #[error("{0}")]
    Email(#[from] ContactError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl SettingsError {
    pub fn code(&self) -> &'static str {
        match self {
            SettingsError::Email(_) => "invalid_email",
            SettingsError::Store(_) => "internal",
        }
    }
}

pub async fn save_settings(
    app: &App,
    actor: &Actor,
    input: &SettingsInput,
) -> Result<Settings, SettingsError> {
    let email = match input.email.trim() {
        "" => None,
        typed => Some(Email::parse(typed)?),
    };
    let optouts: Vec<&str> =
        Kind::ALL.iter().filter(|k| !input.by_email.contains(k)).map(|k| k.code()).collect();
    let account = actor.account_id.as_str();
    let mut tx = app.store.begin().await?;
    store::set_email(&mut tx, account, email.as_ref().map(Email::as_str)).await?;
    store::set_optouts(&mut tx, account, &optouts).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(settings(app, actor).await?)
}

/// A notification as the cabinet shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub kind: Kind,
    pub subject: String,
    pub body: String,
    pub link: String,
    pub created_at: jiff::Timestamp,
    pub read: bool,
    /// What the text was written from, for a page in another language; None for a notification
    /// written before they were kept (its stored Russian is shown).
    pub values: Option<Values>,
}

/// The actor's notifications, newest first.
pub async fn inbox(app: &App, actor: &Actor) -> Result<Vec<Item>, StoreError> {
    let mut conn = app.store.reader().await?;
    store::inbox(&mut conn, actor.account_id.as_str(), INBOX_LIMIT)
        .await?
        .into_iter()
        .map(|r| {
            Ok(Item {
                kind: Kind::parse(&r.kind).ok_or(StoreError::Corrupt("notification.kind"))?,
                created_at: parse_instant(&r.created_at)?,
                read: r.read_at.is_some(),
                values: r.text_values.as_deref().and_then(Values::from_json),
                id: r.id,
                subject: r.subject,
                body: r.body,
                link: r.link,
            })
        })
        .collect()
}

/// Marks read what the person has seen: notifications up to `last` (the newest shown).
pub async fn mark_read(app: &App, actor: &Actor, last: &str) -> Result<u64, StoreError> {
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let n = store::mark_read(&mut tx, actor.account_id.as_str(), last, &now).await?;
    tx.commit().await?;
    Ok(n)
}

/// How many notifications the person has not seen (the header's count).
pub async fn unread(app: &App, actor: &Actor) -> Result<i64, StoreError> {
    let mut conn = app.store.reader().await?;
    store::unread(&mut conn, actor.account_id.as_str()).await
}

// ---- the events ----

/// A certificate issued (a claim, or a school's or organization's registration): its child's
/// family hears of it, with the nominal when it was funded at once.
pub(crate) async fn certificate_issued(
    conn: &mut AnyConnection,
    child: &PersonId,
    certificate: &str,
    number: &str,
    nominal: Option<dopcert_domain::money::Kopecks>,
    now: &str,
) -> Result<(), StoreError> {
    let name = store::person_name(conn, child.as_str()).await?.unwrap_or_default();
    let note = notes::certificate_issued(&name, number, nominal);
    tell_family(conn, child.as_str(), &note, &format!("certificate_issued:{certificate}"), now).await?;
    Ok(())
}

/// A one-time password replaced one the account had (not the first one of a new login): its
/// person hears of it, without the password.
pub(crate) async fn password_reissued(
    conn: &mut AnyConnection,
    account: &str,
    now: &str,
) -> Result<(), StoreError> {
    let Some(login) = store::login_of(conn, account).await? else { return Ok(()) };
    let note = notes::password_reissued(&login);
    tell_account(conn, account, &note, &format!("password_reissued:{now}"), now).await?;
    Ok(())
}
