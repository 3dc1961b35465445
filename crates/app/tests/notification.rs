//! Notifications (issue 9), on both databases and against a real SMTP server (aiosmtpd): each
//! event reaches the family's cabinet and, by e-mail, whoever asked for it; the outbox survives
//! an SMTP server that is down and senders that race or die, and sends each message once.

use std::sync::Arc;

use dopcert_app::auth::{self, Actor};
use dopcert_app::certificate::{self, ClaimInput};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::enrollment;
use dopcert_app::mail::{self, MailConfig, Mailer, Round};
use dopcert_app::notification::{self, SettingsInput};
use dopcert_app::{App, Clock};
use dopcert_domain::enrollment::ApplicationStatus;
use dopcert_domain::ids::PersonId;
use dopcert_domain::notification::Kind;
use dopcert_domain::role::Role;
use dopcert_store::account::{self, RoleGrant};
use dopcert_store::Store;
use dopcert_testkit::programs::{actor, group};
use dopcert_testkit::{both_databases, family, Mail, SmtpServer};
use jiff::civil::{date, Date};
use jiff::{SignedDuration, Timestamp};

const MORNING: &str = "2026-11-25T09:00:00Z";
const SITE: &str = "https://dop.example.ru";

async fn demo_app(store: &Store) -> App {
    let app = App::new(store.clone(), Clock::fixed(MORNING.parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 400, seed: 69, programs: 0 }).await.unwrap();
    app
}

fn mailer(smtp: &SmtpServer) -> Mailer {
    let config = MailConfig {
        smtp_url: Some(smtp.url()),
        from: "Сертификат дополнительного образования <noreply@dop.example.ru>".into(),
        public_url: SITE.into(),
    };
    Mailer::new(&config).unwrap()
}

/// A parent (login `login`, the demo password) with one child born on `born`.
async fn parent_with_child(
    app: &App,
    login: &str,
    parent: &str,
    child: &str,
    born: Date,
) -> (Actor, PersonId) {
    let f = family(&app.store, login, parent, &[(child, Some(born))], true).await;
    (actor(app, login).await, f.children[0].clone())
}

/// The person's address, and every kind by e-mail but `except`.
async fn wants_mail(app: &App, who: &Actor, email: &str, except: &[Kind]) {
    let by_email = Kind::ALL.into_iter().filter(|k| !except.contains(k)).collect();
    notification::save_settings(app, who, &SettingsInput { email: email.into(), by_email }).await.unwrap();
}

async fn claim(app: &App, parent: &Actor, child: &PersonId) {
    let input = ClaimInput { child_id: child.clone(), consent: true, municipality_id: None };
    certificate::claim(app, parent, &input).await.unwrap();
}

fn to<'a>(mails: &'a [Mail], address: &str) -> Vec<&'a Mail> {
    mails.iter().filter(|m| m.to.contains(address)).collect()
}

/// What every e-mail carries: the sender, a plain UTF-8 text with the link, the headers a
/// robot's mail should have, an encoded subject, and no birth date.
fn assert_well_formed(m: &Mail, link: &str) {
    assert!(m.from.contains("<noreply@dop.example.ru>"), "{}", m.from);
    assert!(
        m.content_type.contains("text/plain") && m.content_type.to_lowercase().contains("utf-8"),
        "{m:?}"
    );
    assert_eq!(m.auto_submitted, "auto-generated");
    assert!(m.message_id.ends_with("@dop.example.ru>") && m.message_id.starts_with('<'), "{}", m.message_id);
    assert!(!m.date.is_empty(), "a Date header");
    assert!(m.raw.contains("Subject: =?utf-8?"), "the subject is RFC 2047-encoded: {}", m.raw);
    assert!(m.body.starts_with("Здравствуйте!"), "{}", m.body);
    assert!(m.body.contains(&format!("Открыть: {SITE}{link}")), "{link} in {}", m.body);
    for birth in ["2016-03-10", "10.03.2016", "10 марта 2016", "2015-05-01", "01.05.2015", "1 мая 2015"]
    {
        assert!(!m.raw.contains(birth) && !m.body.contains(birth), "no birth date in {}", m.body);
    }
}

async fn outbox(app: &App) -> Vec<(String, i64, Option<String>)> {
    let mut conn = app.store.reader().await.unwrap();
    sqlx::query_as("SELECT status, attempts, last_error FROM mail_outbox ORDER BY id")
        .fetch_all(&mut *conn)
        .await
        .unwrap()
}

both_databases! {
    async fn each_event_reaches_the_cabinet_and_one_email_to_the_right_address(db) {
        let Some(smtp) = SmtpServer::start().await else { return };
        let app = demo_app(&db.store).await;
        let mailer = mailer(&smtp);
        let g = group(&app, 1, "1500").await;
        let (anna, ivan) =
            parent_with_child(&app, "orlova", "Орлова Анна Сергеевна", "Орлов Иван", date(2016, 3, 10)).await;
        let (olga, pavel) =
            parent_with_child(&app, "semenova", "Семёнова Ольга Ивановна", "Семёнов Павел", date(2015, 5, 1)).await;
        wants_mail(&app, &anna, "anna@example.ru", &[]).await;
        wants_mail(&app, &olga, " Olga@Example.ru ", &[]).await;

        // Certificates issued; Ivan takes the one seat, Pavel waits in line.
        claim(&app, &anna, &ivan).await;
        claim(&app, &olga, &pavel).await;
        let a = enrollment::apply(&app, &anna, &ivan, &g, true).await.unwrap();
        let b = enrollment::apply(&app, &olga, &pavel, &g, true).await.unwrap();
        assert_eq!((a.status, b.status), (ApplicationStatus::Pending, ApplicationStatus::Waitlisted));
        // Ivan's application is rejected: the seat is offered to Pavel, who takes it and is accepted.
        let dtdm = actor(&app, "dtdm").await;
        enrollment::decide(&app, &dtdm, &a.application_id, false, "группа набрана для другого возраста").await.unwrap();
        let taken = enrollment::take_offer(&app, &olga, &b.application_id, true).await.unwrap();
        enrollment::decide(&app, &dtdm, &b.application_id, true, "").await.unwrap();

        let round = mail::send_due(&app, &mailer).await.unwrap();
        assert_eq!(round, Round { sent: 5, retried: 0, gave_up: 0 });
        let mails = smtp.mails();
        assert_eq!(mails.len(), 5, "{mails:#?}");

        let for_anna = to(&mails, "anna@example.ru");
        assert_eq!(for_anna.len(), 2, "anna: certificate and rejection");
        let cert = for_anna.iter().find(|m| m.subject.starts_with("Выдан сертификат дополнительного образования № 69-")).unwrap();
        let number = cert.subject.rsplit(' ').next().unwrap();
        assert!(cert.body.contains("Ребёнок: Орлов Иван."), "{}", cert.body);
        assert_well_formed(cert, &format!("/certificates/{number}"));
        let rejected = for_anna.iter().find(|m| m.subject == "Заявка отклонена: «Судомоделирование»").unwrap();
        assert!(rejected.body.contains("Причина: группа набрана для другого возраста."), "{}", rejected.body);
        assert_well_formed(rejected, "/applications");

        let for_olga = to(&mails, "olga@example.ru");
        assert_eq!(for_olga.len(), 3, "olga: certificate, offer, acceptance; the address kept in lower case");
        let offer = for_olga.iter().find(|m| m.subject == "Освободилось место: «Судомоделирование»").unwrap();
        // 48 hours from 12:00 Moscow time on 25 November.
        assert!(offer.body.contains("до 27 ноября 2026, 12:00 (время московское)"), "{}", offer.body);
        assert_well_formed(offer, "/applications");
        let accepted = for_olga.iter().find(|m| m.subject == "Заявка принята: «Судомоделирование»").unwrap();
        assert!(accepted.body.contains("Договор действует с 1 декабря 2026."), "{}", accepted.body);
        assert_well_formed(accepted, "/applications");
        let ids: std::collections::HashSet<_> = mails.iter().map(|m| m.message_id.clone()).collect();
        assert_eq!(ids.len(), 5, "a Message-ID each");

        // The same events in the cabinets, newest first, unread until seen.
        let inbox = notification::inbox(&app, &anna).await.unwrap();
        let kinds: Vec<Kind> = inbox.iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [Kind::ApplicationRejected, Kind::CertificateIssued]);
        assert_eq!(inbox[1].link, format!("/certificates/{number}"));
        assert_eq!(notification::unread(&app, &anna).await.unwrap(), 2);
        notification::mark_read(&app, &anna, &inbox[0].id).await.unwrap();
        assert_eq!(notification::unread(&app, &anna).await.unwrap(), 0);
        let kinds: Vec<Kind> = notification::inbox(&app, &olga).await.unwrap().iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [Kind::ApplicationAccepted, Kind::WaitlistOffer, Kind::CertificateIssued]);

        // Ten days before the contract's end, once.
        let ends = taken.ends_on;
        let ten_days_before = ends.saturating_sub(jiff::Span::new().days(10)).to_zoned(jiff::tz::TimeZone::UTC).unwrap();
        app.clock.set(ten_days_before.timestamp() + SignedDuration::from_hours(6));
        assert_eq!(notification::announce_contracts_ending(&app).await.unwrap(), 1);
        app.clock.set(ten_days_before.timestamp() + SignedDuration::from_hours(30));
        assert_eq!(notification::announce_contracts_ending(&app).await.unwrap(), 0, "once per contract");
        assert_eq!(mail::send_due(&app, &mailer).await.unwrap().sent, 1);
        let mails = smtp.mails();
        let ending = mails.iter().find(|m| m.subject.starts_with("Договор заканчивается")).unwrap();
        let day = dopcert_domain::format::date_long(ends);
        assert_eq!(ending.subject, format!("Договор заканчивается {day}: «Судомоделирование»"));
        assert!(ending.body.contains("Ребёнок: Семёнов Павел."), "{}", ending.body);
        assert!(ending.to.contains("olga@example.ru"));
        assert_well_formed(ending, "/applications");

        // A new one-time password: its person hears of it, never the password itself.
        let code = auth::issue_one_time_password(&app, &anna.account_id, None).await.unwrap();
        assert_eq!(mail::send_due(&app, &mailer).await.unwrap().sent, 1);
        let mails = smtp.mails();
        assert_eq!(mails.len(), 7);
        let password = mails.iter().find(|m| m.subject == "Выдан новый одноразовый пароль").unwrap();
        assert!(password.to.contains("anna@example.ru"));
        assert!(password.body.contains("с логином orlova"), "{}", password.body);
        assert!(!password.raw.contains(&code) && !password.body.contains(&code), "the code stays on paper");
        assert_well_formed(password, "/login");
        assert_eq!(mail::send_due(&app, &mailer).await.unwrap(), Round::default(), "nothing twice");
    }

    async fn an_unticked_kind_comes_to_the_cabinet_only_and_a_pupil_from_14_hears_too(db) {
        let Some(smtp) = SmtpServer::start().await else { return };
        let app = demo_app(&db.store).await;
        let mailer = mailer(&smtp);
        let (mother, artem) =
            parent_with_child(&app, "kuzmina", "Кузьмина Елена Петровна", "Кузьмин Артём", date(2011, 2, 1)).await;
        // Artem, 15, has a login of his own.
        let mut tx = app.store.begin().await.unwrap();
        let hash = dopcert_app::password::hash(demo::DEMO_PASSWORD);
        let now = "2026-11-01T00:00:00.000000Z";
        let acc = account::insert(&mut tx, &artem, "kuzmin.artem", Some(&hash), now).await.unwrap();
        account::grant(&mut tx, &acc, &RoleGrant::personal(Role::Child), now).await.unwrap();
        tx.commit().await.unwrap();
        let teen = actor(&app, "kuzmin.artem").await;
        wants_mail(&app, &mother, "kuzmina@example.ru", &[Kind::CertificateIssued]).await;
        wants_mail(&app, &teen, "artem@example.ru", &[]).await;
        let saved = notification::settings(&app, &mother).await.unwrap();
        assert_eq!(saved.email.as_deref(), Some("kuzmina@example.ru"));
        assert!(saved.by_email.contains(&(Kind::CertificateIssued, false)));
        assert!(saved.by_email.contains(&(Kind::ApplicationAccepted, true)));

        claim(&app, &mother, &artem).await;
        assert_eq!(mail::send_due(&app, &mailer).await.unwrap().sent, 1);
        let mails = smtp.mails();
        assert_eq!(mails.len(), 1, "only Artem asked for it by e-mail: {mails:#?}");
        assert!(mails[0].to.contains("artem@example.ru"));
        for who in [&mother, &teen] {
            let kinds: Vec<Kind> = notification::inbox(&app, who).await.unwrap().iter().map(|i| i.kind).collect();
            assert_eq!(kinds, [Kind::CertificateIssued], "in the cabinet always");
        }
    }

    async fn with_the_smtp_server_down_an_email_waits_and_goes_once_it_is_back(db) {
        let Some(mut smtp) = SmtpServer::start().await else { return };
        let app = demo_app(&db.store).await;
        let mailer = mailer(&smtp);
        let (anna, ivan) =
            parent_with_child(&app, "orlova", "Орлова Анна Сергеевна", "Орлов Иван", date(2016, 3, 10)).await;
        wants_mail(&app, &anna, "anna@example.ru", &[]).await;
        smtp.stop();
        claim(&app, &anna, &ivan).await;
        assert_eq!(mail::send_due(&app, &mailer).await.unwrap(), Round { sent: 0, retried: 1, gave_up: 0 });
        let rows = outbox(&app).await;
        assert_eq!((rows[0].0.as_str(), rows[0].1), ("queued", 1), "queued again after one attempt");
        let error = rows[0].2.clone().unwrap_or_default();
        assert!(!error.is_empty() && !error.contains('@'), "the error, without addresses: {error}");

        smtp.restart().await;
        assert_eq!(mail::send_due(&app, &mailer).await.unwrap(), Round::default(), "not before its pause");
        let start: Timestamp = MORNING.parse().unwrap();
        app.clock.set(start + mail::backoff(1) + SignedDuration::from_secs(1));
        assert_eq!(mail::send_due(&app, &mailer).await.unwrap().sent, 1);
        assert_eq!(mail::send_due(&app, &mailer).await.unwrap(), Round::default());
        assert_eq!(smtp.mails().len(), 1, "delivered once");
        assert_eq!(outbox(&app).await[0].0, "sent");

        // A server that claimed a message and died: another sends it once the lease is over.
        auth::issue_one_time_password(&app, &anna.account_id, None).await.unwrap();
        let now = app.clock.now();
        let id = {
            let mut conn = app.store.reader().await.unwrap();
            let due = dopcert_store::notification::due(&mut conn, &dopcert_store::time::instant(now), 10).await.unwrap();
            assert_eq!(due.len(), 1);
            due[0].clone()
        };
        let mut tx = app.store.begin().await.unwrap();
        let (now_s, lease) = (dopcert_store::time::instant(now), dopcert_store::time::instant(now + mail::LEASE));
        assert!(dopcert_store::notification::claim(&mut tx, &id, "a server that died", &now_s, &lease).await.unwrap());
        tx.commit().await.unwrap();
        assert_eq!(mail::send_due(&app, &mailer).await.unwrap(), Round::default(), "the lease holds");
        app.clock.set(now + mail::LEASE + SignedDuration::from_secs(1));
        assert_eq!(mail::send_due(&app, &mailer).await.unwrap().sent, 1);
        let mails = smtp.mails();
        assert_eq!(mails.len(), 2);
        assert_eq!(mails.iter().filter(|m| m.subject == "Выдан новый одноразовый пароль").count(), 1);
    }

    async fn two_senders_at_once_send_each_message_once(db) {
        let Some(smtp) = SmtpServer::start().await else { return };
        let app = demo_app(&db.store).await;
        let (anna, _) =
            parent_with_child(&app, "orlova", "Орлова Анна Сергеевна", "Орлов Иван", date(2016, 3, 10)).await;
        wants_mail(&app, &anna, "anna@example.ru", &[]).await;
        let start: Timestamp = MORNING.parse().unwrap();
        for i in 0..20 {
            app.clock.set(start + SignedDuration::from_secs(i));
            auth::issue_one_time_password(&app, &anna.account_id, None).await.unwrap();
        }
        let senders: Vec<_> = (0..2)
            .map(|_| {
                let (app, mailer) = (app.clone(), Arc::new(mailer(&smtp)));
                tokio::spawn(async move { mail::send_due(&app, &mailer).await.unwrap() })
            })
            .collect();
        let mut sent = 0;
        for s in senders {
            let round = s.await.unwrap();
            assert_eq!((round.retried, round.gave_up), (0, 0));
            sent += round.sent;
        }
        assert_eq!(sent, 20, "every message by one sender");
        let mails = smtp.mails();
        assert_eq!(mails.len(), 20, "none twice");
        let ids: std::collections::HashSet<_> = mails.iter().map(|m| m.message_id.clone()).collect();
        assert_eq!(ids.len(), 20);
        assert!(outbox(&app).await.iter().all(|(status, attempts, _)| status == "sent" && *attempts == 1));
    }

    async fn an_email_is_given_up_after_its_attempts_and_the_operator_sees_it(db) {
        let Some(mut smtp) = SmtpServer::start().await else { return };
        let app = demo_app(&db.store).await;
        let mailer = mailer(&smtp);
        let (anna, ivan) =
            parent_with_child(&app, "orlova", "Орлова Анна Сергеевна", "Орлов Иван", date(2016, 3, 10)).await;
        wants_mail(&app, &anna, "anna@example.ru", &[]).await;
        smtp.stop();
        claim(&app, &anna, &ivan).await;
        let mut last = Round::default();
        for attempt in 1..=mail::MAX_ATTEMPTS {
            last = mail::send_due(&app, &mailer).await.unwrap();
            app.clock.set(app.clock.now() + mail::backoff(attempt) + SignedDuration::from_secs(1));
        }
        assert_eq!(last, Round { sent: 0, retried: 0, gave_up: 1 }, "the last attempt gives up");
        let state = mail::outbox_state(&app).await.unwrap();
        assert_eq!((state.failed, state.queued), (1, 0));
        smtp.restart().await;
        app.clock.set(app.clock.now() + SignedDuration::from_hours(24));
        assert_eq!(mail::send_due(&app, &mailer).await.unwrap(), Round::default(), "given up stays given up");
        assert!(smtp.mails().is_empty());
        // Still in the cabinet.
        assert_eq!(notification::unread(&app, &anna).await.unwrap(), 1);
        // A month on, housekeeping forgets the e-mail (the address); the cabinet keeps its year.
        app.clock.set(app.clock.now() + SignedDuration::from_hours(31 * 24));
        assert_eq!(mail::forget_old(&app).await.unwrap(), 1);
        assert!(outbox(&app).await.is_empty());
        assert_eq!(notification::unread(&app, &anna).await.unwrap(), 1);
    }
}
