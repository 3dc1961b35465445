//! Sending the outbox's e-mails over SMTP (lettre). Every server runs [`keep_sending`]: it
//! claims due rows by a guarded update (one sender per message, whatever the number of
//! servers), sends, and records the outcome. A claim is a lease: a row whose sender died is
//! sent after the lease by another. A failed attempt is retried with a growing pause; after
//! [`MAX_ATTEMPTS`] the row is `failed` (logged, counted by `dopcert verify`).
//!
//! Delivery is at least once: a server killed after the SMTP server took a message and before
//! it recorded so sends it again after the lease. The Message-ID is the outbox row's, so the
//! two copies are one message to mail software.

use std::time::Duration;

use dopcert_store::notification::{self as store, Outgoing};
use dopcert_store::time::instant;
use dopcert_store::StoreError;
use jiff::SignedDuration;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::auth::Actor;
use crate::App;
use dopcert_domain::role::Role;

/// Attempts before a message is given up.
pub const MAX_ATTEMPTS: i64 = 10;
/// How long a claimed message is its sender's: longer than an SMTP conversation may take.
pub const LEASE: SignedDuration = SignedDuration::from_secs(5 * 60);
/// How long one SMTP conversation may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(60);
/// How often a server looks for due messages.
pub const EVERY: Duration = Duration::from_secs(5);
/// Messages a round takes at most.
const BATCH: i64 = 50;

/// Where e-mails go and what they say of the service.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `smtp://host:port`, `smtps://user:password@host`, `smtp://host?tls=required`; None: the
    /// e-mails stay queued.
    pub smtp_url: Option<String>,
    /// `Сертификат ДО <noreply@example.ru>` or a bare address.
    pub from: String,
    /// The site's address, for the links (no trailing slash).
    pub public_url: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("--mail-from: «{0}» is not an e-mail address (name@example.ru or «Имя <name@example.ru>»)")]
    From(String),
    #[error("--smtp-url: {0}")]
    Url(String),
}

/// A configured sender.
pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
    domain: String,
    public_url: String,
}

impl Mailer {
    pub fn new(config: &MailConfig) -> Result<Mailer, MailConfigError> {
        let from: Mailbox = config.from.parse().map_err(|_| MailConfigError::From(config.from.clone()))?;
        let domain = from.email.domain().to_string();
        let transport = match config.smtp_url.as_deref().filter(|u| !u.is_empty()) {
            None => None,
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| MailConfigError::Url(e.to_string()))?
                    .hello_name(ClientId::Domain(domain.clone()))
                    .timeout(Some(SMTP_TIMEOUT))
                    .build(),
            ),
        };
        Ok(Mailer {
            transport,
            from,
            domain,
            public_url: config.public_url.trim_end_matches('/').to_string(),
        })
    }

    /// Whether an SMTP server is configured (without one the e-mails wait in the outbox).
    pub fn configured(&self) -> bool {
        self.transport.is_some()
    }

    /// The e-mail of an outbox row: plain text in UTF-8, the subject RFC 2047-encoded by lettre.
    pub fn compose(&self, o: &Outgoing) -> Result<Message, String> {
        let to: Mailbox = o.to_address.parse().map_err(|_| "the address is not valid".to_string())?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(o.subject.clone())
            .message_id(Some(format!("<{}@{}>", o.id, self.domain)))
            .date_now()
            .header(ContentType::TEXT_PLAIN)
            .header(AutoSubmitted)
            .body(self.text(o))
            .map_err(|e| e.to_string())
    }

    fn text(&self, o: &Outgoing) -> String {
        format!(
            "Здравствуйте!\n\n{}\n\nОткрыть: {}{}\n\n-- \nЭто письмо отправлено автоматически, отвечать на него не нужно.\n\
             Какие уведомления приходят на почту, можно выбрать в «Персональных настройках»: {}/settings#notifications\n",
            o.body, self.public_url, o.link, self.public_url
        )
    }
}

/// `Auto-Submitted: auto-generated` (RFC 3834): no vacation replies to a robot.
#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_string())
    }
}

/// The pause before attempt `n + 1` after `n` failed: 1 minute, doubling, at most 6 hours.
pub fn backoff(attempts: i64) -> SignedDuration {
    let minutes = 1i64 << attempts.clamp(1, 10).saturating_sub(1);
    SignedDuration::from_mins(minutes.min(6 * 60))
}

/// What a round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub sent: u32,
    /// Failed now, to be tried again.
    pub retried: u32,
    /// Failed for the last time (or could never be sent: a broken address).
    pub gave_up: u32,
}

/// Sends the due messages this sender can claim. Nothing without an SMTP server.
pub async fn send_due(app: &App, mailer: &Mailer) -> Result<Round, StoreError> {
    let mut round = Round::default();
    let Some(transport) = &mailer.transport else { return Ok(round) };
    let token = dopcert_store::new_id();
    let ids = {
        let mut conn = app.store.reader().await?;
        store::due(&mut conn, &instant(app.clock.now()), BATCH).await?
    };
    for id in ids {
        let now = app.clock.now();
        let Some(o) = claim(app, &id, &token, now).await? else { continue };
        let outcome = match mailer.compose(&o) {
            Ok(message) => {
                transport.send(message).await.map(|_| ()).map_err(|e| (e.is_permanent(), e.to_string()))
            }
            Err(e) => Err((true, e)),
        };
        let now = app.clock.now();
        let mut tx = app.store.begin().await?;
        match outcome {
            Ok(()) => {
                store::mark_sent(&mut tx, &o.id, &token, &instant(now)).await?;
                round.sent += 1;
            }
            Err((permanent, error)) => {
                let give_up = permanent || o.attempts >= MAX_ATTEMPTS;
                let error = without_addresses(&error);
                let next = instant(now + backoff(o.attempts));
                store::mark_unsent(&mut tx, &o.id, &token, &error, &next, give_up).await?;
                if give_up {
                    tracing::warn!(mail = %o.id, kind = %o.kind, attempts = o.attempts, error = %error,
                        "e-mail given up / письмо не отправлено");
                    round.gave_up += 1;
                } else {
                    tracing::info!(mail = %o.id, attempts = o.attempts, error = %error, "e-mail to be retried");
                    round.retried += 1;
                }
            }
        }
        tx.commit().await?;
    }
    Ok(round)
}

/// Claims one row for this round's token; its text when claimed.
async fn claim(
    app: &App,
    id: &str,
    token: &str,
    now: jiff::Timestamp,
) -> Result<Option<Outgoing>, StoreError> {
    let mut tx = app.store.begin().await?;
    if !store::claim(&mut tx, id, token, &instant(now), &instant(now + LEASE)).await? {
        return Ok(None);
    }
    let o = store::outgoing(&mut tx, id, token).await?;
    tx.commit().await?;
    Ok(o)
}

/// An SMTP error may quote the recipient: the log and the outbox keep it without addresses.
fn without_addresses(error: &str) -> String {
    let words: Vec<&str> =
        error.split_whitespace().map(|w| if w.contains('@') { "<адрес>" } else { w }).collect();
    let text = words.join(" ");
    text.chars().take(500).collect()
}

/// `serve`'s sender: a round every few seconds; a failure is logged and retried.
pub async fn keep_sending(app: App, mailer: std::sync::Arc<Mailer>) {
    if !mailer.configured() {
        tracing::warn!(
            "SMTP не настроен (--smtp-url): уведомления видны в личном кабинете, письма ждут в очереди / \
             SMTP not configured: notifications show in the cabinet, e-mails stay queued"
        );
        return;
    }
    let mut every = tokio::time::interval(EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        match send_due(&app, &mailer).await {
            Ok(r) if r != Round::default() => {
                metrics::counter!("dopcert_mail_total", "result" => "sent").increment(r.sent.into());
                metrics::counter!("dopcert_mail_total", "result" => "retried").increment(r.retried.into());
                metrics::counter!("dopcert_mail_total", "result" => "gave_up").increment(r.gave_up.into());
                tracing::info!(sent = r.sent, retried = r.retried, gave_up = r.gave_up, "e-mails")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "sending e-mails failed"),
        }
    }
}

/// How long an e-mail sent (or given up) keeps its row, and a notification its place in the
/// cabinet.
pub const KEEP_SENT: SignedDuration = SignedDuration::from_hours(30 * 24);
pub const KEEP_NOTIFICATIONS: SignedDuration = SignedDuration::from_hours(365 * 24);

/// Housekeeping: forgets e-mails sent a month ago and notifications a year old.
pub async fn forget_old(app: &App) -> Result<u64, StoreError> {
    let now = app.clock.now();
    let mut tx = app.store.begin().await?;
    let n = store::purge(&mut tx, &instant(now - KEEP_SENT), &instant(now - KEEP_NOTIFICATIONS)).await?;
    tx.commit().await?;
    Ok(n)
}

/// The outbox for the operator: how many e-mails wait, were sent, were given up.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OutboxState {
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
}

pub async fn outbox_state(app: &App) -> Result<OutboxState, StoreError> {
    let mut conn = app.store.reader().await?;
    let mut s = OutboxState::default();
    for (status, n, _) in store::outbox_counts(&mut conn).await? {
        match status.as_str() {
            "queued" => s.queued = n,
            "sending" => s.sending = n,
            "sent" => s.sent = n,
            _ => s.failed = n,
        }
    }
    Ok(s)
}

/// Why the regional centre's page of failed e-mails refused.
#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    #[error("неотправленные письма региона видит региональный модельный центр")]
    Forbidden,
    #[error("этого письма уже нет среди неотправленных: его отправили снова или удалили")]
    Gone,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl OutboxError {
    pub fn code(&self) -> &'static str {
        match self {
            OutboxError::Forbidden => "forbidden",
            OutboxError::Gone => "gone",
            OutboxError::Store(_) => "internal",
        }
    }
}

/// An e-mail given up, as the regional centre sees it: the address masked (the domain is what
/// tells a typo or a dead mail server; the person is not the operator's business).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub id: String,
    pub to: String,
    pub kind: Option<dopcert_domain::notification::Kind>,
    pub subject: String,
    pub attempts: i64,
    pub last_error: String,
    pub created_at: jiff::Timestamp,
}

/// The most failed e-mails the page lists.
const FAILED_LISTED: i64 = 200;

fn regional(actor: &Actor) -> Result<(), OutboxError> {
    if actor.role().role == Role::RegionalAdmin {
        Ok(())
    } else {
        Err(OutboxError::Forbidden)
    }
}

/// «i***a@mail.ru»: the first and last letter of the mailbox, the whole domain.
pub fn mask(address: &str) -> String {
    let Some((local, domain)) = address.rsplit_once('@') else { return "***".into() };
    let mut letters = local.chars();
    match (letters.next(), letters.next_back()) {
        (Some(first), Some(last)) => format!("{first}***{last}@{domain}"),
        (Some(first), None) => format!("{first}***@{domain}"),
        _ => format!("***@{domain}"),
    }
}

/// The outbox's counts and the e-mails given up, newest first.
pub async fn failed(app: &App, actor: &Actor) -> Result<(OutboxState, Vec<Failed>), OutboxError> {
    regional(actor)?;
    let state = outbox_state(app).await?;
    let mut conn = app.store.reader().await?;
    let rows = store::failed(&mut conn, FAILED_LISTED).await?;
    let failed = rows
        .into_iter()
        .map(|r| {
            Ok(Failed {
                to: mask(&r.to_address),
                kind: dopcert_domain::notification::Kind::parse(&r.kind),
                subject: r.subject,
                attempts: r.attempts,
                last_error: r.last_error.unwrap_or_default(),
                created_at: dopcert_store::time::parse_instant(&r.created_at)?,
                id: r.id,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok((state, failed))
}

/// Sends a given-up e-mail again (after the address or the mail server was fixed): queued now,
/// with its attempts afresh; recorded in the audit log.
pub async fn retry(app: &App, actor: &Actor, id: &str) -> Result<(), OutboxError> {
    regional(actor)?;
    let now = crate::audit::now(app);
    let mut tx = app.store.begin().await?;
    if !store::retry(&mut tx, id, &now).await? {
        return Err(OutboxError::Gone);
    }
    let change = crate::audit::Change::new("mail.retry", "mail", id);
    crate::audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_masked_but_its_domain_shown() {
        assert_eq!(mask("semenova@example.ru"), "s***a@example.ru");
        assert_eq!(mask("a@b.ru"), "a***@b.ru");
        assert_eq!(mask("broken"), "***");
    }

    #[test]
    fn the_pause_doubles_from_a_minute_to_at_most_six_hours() {
        let minutes: Vec<i64> = (1..=12).map(|n| backoff(n).as_secs() / 60).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360, 360]);
        let waited: i64 = (1..MAX_ATTEMPTS).map(|n| backoff(n).as_secs()).sum();
        assert!((8 * 3600..9 * 3600).contains(&waited), "about 8 hours of retries: {waited} s");
    }

    #[test]
    fn an_smtp_error_is_kept_without_addresses() {
        let e =
            without_addresses("permanent error (550): mailbox anna@example.ru unavailable <anna@example.ru>");
        assert_eq!(e, "permanent error (550): mailbox <адрес> unavailable <адрес>");
    }

    #[test]
    fn a_bad_sender_or_server_address_is_refused_at_start() {
        let config = |from: &str, url: Option<&str>| MailConfig {
            smtp_url: url.map(str::to_string),
            from: from.into(),
            public_url: "https://dop.example.ru/".into(),
        };
        assert!(matches!(Mailer::new(&config("not an address", None)), Err(MailConfigError::From(_))));
        assert!(matches!(
            Mailer::new(&config("noreply@dop.example.ru", Some("ftp://x"))),
            Err(MailConfigError::Url(_))
        ));
        let m = Mailer::new(&config("Сертификат ДО <noreply@dop.example.ru>", None)).unwrap();
        assert!(!m.configured());
        let o = Outgoing {
            id: "0190-test".into(),
            to_address: "anna@example.ru".into(),
            attempts: 1,
            kind: "password_reissued".into(),
            subject: "Выдан новый одноразовый пароль".into(),
            body: "Текст.".into(),
            link: "/login".into(),
        };
        let text = String::from_utf8(m.compose(&o).unwrap().formatted()).unwrap();
        assert!(text.contains("Message-ID: <0190-test@dop.example.ru>"), "{text}");
        assert!(text.contains("Auto-Submitted: auto-generated"), "{text}");
        assert!(text.contains("Subject: =?utf-8?"), "{text}");
        assert!(text.contains("Date: "), "{text}");
        assert!(m.text(&o).contains("Открыть: https://dop.example.ru/login"));
    }
}
