//! A person's download of what dopcert holds about them and the children they represent
//! (152-ФЗ, art. 14: the right of access). Whoever is signed in gets their own: there is no
//! parameter naming whose, so nobody can ask for another's. Read in one read transaction (a
//! snapshot: every part of the file is the same moment), then the download is recorded in the
//! audit log — its format, never the data.
//!
//! What is included: the person and their account (roles, Госуслуги link, sessions, API
//! tokens, a one-time password's dates; never password or token hashes or codes); each child
//! linked to them under 18 with their schools, consents, certificate (events, funded places,
//! every movement of money and the balance), applications and contracts with their monthly
//! charges; the consultation messages they wrote; the audit records naming them or their
//! children's certificates (who: the person themself, the system, or a role — names of the
//! operator's employees are not theirs to have). A child of 18 or more is listed by name
//! only: they are adults and ask for their own. Under 14 a pupil's own certificate is their
//! parent's business (R04), as in the cabinet.

use dopcert_domain::certificate::CertificateNumber;
use dopcert_domain::consent::ConsentChannel;
use dopcert_domain::eligibility::{self, Eligibility};
use dopcert_domain::enrollment::ApplicationStatus;
use dopcert_domain::ids::{CertificateId, PersonId};
use dopcert_domain::money::Kopecks;
use dopcert_domain::role::Role;
use dopcert_store::certificate::EventKind;
use dopcert_store::ledger::Reason;
use dopcert_store::personal_data as store;
use dopcert_store::time::{instant, parse_date, parse_instant};
use dopcert_store::{certificate, ledger, municipality, organization, person, AnyConnection, StoreError};
use jiff::civil::Date;
use jiff::Timestamp;
use serde::Serialize;
use serde_json::{json, Value};

use crate::audit::{self, Change};
use crate::auth::Actor;
use crate::App;

/// What the file says about itself, for a person who opens it.
pub const README: &str = "Это все сведения, которые система «Сертификат дополнительного образования» \
хранит о вас и о детях, законным представителем которых вы указаны (право на доступ к своим персональным \
данным, статья 14 Федерального закона № 152-ФЗ). Разделы: you — вы; account — ваша учётная запись \
(логин, роли, вход через Госуслуги, сеансы, токены; пароли и коды не выгружаются: система хранит только их \
необратимые хэши); children — дети до 18 лет: сведения о ребёнке, школы, согласия на обработку данных, \
сертификат с каждым движением средств, заявки и договоры с начислениями по месяцам; consultations — ваши \
сообщения в консультациях; notifications — уведомления в личном кабинете и виды писем, от которых вы \
отказались; audit — записи журнала действий о вас и ваших детях (кто: вы, система или роль \
сотрудника — имена сотрудников не выгружаются). Суммы — в копейках (поля *_kopecks), даты — ГГГГ-ММ-ДД, \
моменты времени — UTC. Коды (status, reason и т. п.) расшифрованы в полях *_title. Исправить или удалить \
сведения: муниципальный опорный центр или организация, которая их внесла.";

/// How the download was asked for, as the audit record names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The JSON file from «Персональные настройки».
    Json,
    /// The same content as a page.
    Page,
    /// `GET /api/v1/me/personal-data`.
    Api,
}

impl Format {
    pub fn code(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Page => "html",
            Format::Api => "api",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Export {
    pub readme: &'static str,
    pub made_at: Timestamp,
    pub you: Subject,
    pub account: AccountData,
    pub children: Vec<Subject>,
    pub consultations: Vec<ConsultationData>,
    pub notifications: NotificationsData,
    pub audit: Vec<AuditEntry>,
}

/// The notifications in the cabinet and the e-mail choices (the address is in `you.person`).
#[derive(Debug, Clone, Serialize)]
pub struct NotificationsData {
    /// The kinds the person does not want by e-mail, with their titles.
    pub email_opt_outs: Vec<KindData>,
    pub items: Vec<NotificationData>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindData {
    pub kind: String,
    pub kind_title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NotificationData {
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub link: String,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
}

/// A person the file is about: the signed-in person or one of their children.
#[derive(Debug, Clone, Serialize)]
pub struct Subject {
    pub person: PersonData,
    /// Why the parts below are left out, when they are.
    pub withheld: Option<&'static str>,
    pub schools: Vec<SchoolData>,
    pub consents: Vec<ConsentData>,
    pub certificate: Option<CertificateData>,
    pub applications: Vec<ApplicationData>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonData {
    pub last_name: String,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub birth_date: Option<Date>,
    /// As printed: `123-456-789 64`.
    pub snils: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Where the person lives (the municipality).
    pub municipality: Option<String>,
    /// The recorded basis of a disability (ОВЗ), if any.
    pub disability: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AccountData {
    pub login: String,
    pub status: String,
    pub created_at: Timestamp,
    pub password_set: bool,
    pub password_changed_at: Option<Timestamp>,
    pub roles: Vec<RoleData>,
    pub identities: Vec<IdentityData>,
    pub sessions: Vec<SessionData>,
    pub api_tokens: Vec<TokenData>,
    pub one_time_password: Option<OneTimePasswordData>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleData {
    pub role: String,
    pub role_title: &'static str,
    pub organization: Option<String>,
    pub municipality: Option<String>,
    pub region: Option<String>,
    pub granted_at: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct IdentityData {
    /// `esia`: Госуслуги.
    pub provider: String,
    /// The provider's id of the person.
    pub subject: String,
    pub linked_at: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct SessionData {
    pub started_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub ends_at: Timestamp,
    /// The browser, as it named itself.
    pub device: String,
    /// `password` or `esia`.
    pub via: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TokenData {
    pub name: String,
    pub kind: String,
    pub created_at: Timestamp,
    pub expires_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OneTimePasswordData {
    pub issued_at: Timestamp,
    pub expires_at: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct SchoolData {
    pub organization: String,
    pub class: String,
    pub since: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConsentData {
    pub given_at: Timestamp,
    /// `you`, `the_child` (from 14) or `another_guardian`.
    pub given_by: &'static str,
    pub given_by_title: &'static str,
    pub channel: &'static str,
    pub channel_title: &'static str,
    pub text_version: String,
    pub certificate: Option<String>,
    /// The file name of the signed paper's scan (the scan itself is shown in the certificate).
    pub paper_scan: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CertificateData {
    pub number: String,
    pub status: &'static str,
    pub status_title: &'static str,
    pub status_reason: Option<String>,
    pub channel: &'static str,
    pub channel_title: &'static str,
    pub municipality: String,
    pub issued_at: Timestamp,
    pub issued_by_organization: Option<String>,
    pub available_kopecks: Kopecks,
    pub held_kopecks: Kopecks,
    pub spent_kopecks: Kopecks,
    pub events: Vec<EventData>,
    pub funded: Vec<FundingData>,
    pub ledger: Vec<MovementData>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventData {
    pub at: Timestamp,
    pub kind: &'static str,
    pub kind_title: &'static str,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FundingData {
    pub year: i64,
    pub nominal_kopecks: Kopecks,
    pub funded_at: Timestamp,
}

/// One entry of the ledger as it moved this certificate's money.
#[derive(Debug, Clone, Serialize)]
pub struct MovementData {
    pub at: Timestamp,
    pub reason: &'static str,
    pub reason_title: &'static str,
    pub note: Option<String>,
    pub available_kopecks: Kopecks,
    pub held_kopecks: Kopecks,
}

#[derive(Debug, Clone, Serialize)]
pub struct ApplicationData {
    pub program: String,
    pub organization: String,
    pub group: String,
    pub schedule: String,
    pub address: String,
    pub status: String,
    pub status_title: &'static str,
    pub starts_on: Date,
    pub ends_on: Date,
    pub price_per_month_kopecks: Kopecks,
    pub covered_per_month_kopecks: Kopecks,
    pub hold_kopecks: Kopecks,
    pub reason: Option<String>,
    pub applied_at: Timestamp,
    pub contract_accepted_at: Option<Timestamp>,
    pub decided_at: Option<Timestamp>,
    pub charges: Vec<ChargeData>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChargeData {
    /// `YYYY-MM`.
    pub month: String,
    pub days: i64,
    pub of_days: i64,
    pub lessons: Option<i64>,
    pub attended: Option<i64>,
    pub amount_kopecks: Kopecks,
    /// Corrected by a reversal: the amount was given back.
    pub reversed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConsultationData {
    pub topic: String,
    pub organization: String,
    pub status: String,
    pub status_title: &'static str,
    /// The messages this person wrote.
    pub messages: Vec<MessageData>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MessageData {
    pub at: Timestamp,
    pub text: String,
    pub files: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub at: Timestamp,
    pub action: String,
    pub action_title: String,
    /// `you`, `system`, or `someone` (then `by_role` says in which role).
    pub by: &'static str,
    pub by_role: Option<String>,
    pub by_role_title: Option<&'static str>,
    /// The address your own action came from.
    pub address: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Everything dopcert holds about the actor and their children; the download is recorded.
pub async fn export(app: &App, actor: &Actor, format: Format) -> Result<Export, StoreError> {
    let export = {
        let mut tx = app.store.snapshot().await?;
        let export = read(&mut tx, actor, app.clock.now(), app.clock.today()).await?;
        tx.rollback().await?;
        export
    };
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let change = Change::new("personal_data.download", "account", actor.account_id.as_str())
        .person(actor.person_id.as_str())
        .after(json!({"format": format.code(), "children": export.children.len()}));
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await?;
    Ok(export)
}

/// Why part of a person's data is not in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Withheld {
    /// The person is a pupil under 14: the certificate is their parent's business (R04).
    Under14,
    /// The child is 18 or more: an adult, who asks for their own.
    Adult,
}

impl Withheld {
    fn note(self) -> &'static str {
        match self {
            Withheld::Under14 => {
                "До 14 лет сертификатом, согласиями и заявками ребёнка распоряжается родитель \
                 (законный представитель): эти сведения есть в его выгрузке."
            }
            Withheld::Adult => "Ребёнку исполнилось 18 лет: свои сведения он может получить сам.",
        }
    }
}

async fn read(
    conn: &mut AnyConnection,
    actor: &Actor,
    now: Timestamp,
    today: Date,
) -> Result<Export, StoreError> {
    let me = person::get(conn, &actor.person_id).await?;
    let under_14 = me.birth_date.is_some_and(|b| !eligibility::may_claim_for_self(b.date(), today));
    // Whose data is here in full: their audit records and certificates' records go in too.
    let mut full: Vec<PersonId> = Vec::new();
    if !under_14 {
        full.push(me.id.clone());
    }
    let you = subject(conn, actor, me, under_14.then_some(Withheld::Under14)).await?;
    let mut children = Vec::new();
    for child in person::children_of(conn, &actor.person_id).await? {
        let adult = child
            .birth_date
            .is_some_and(|b| eligibility::eligibility(b.date(), today) == Eligibility::TooOld);
        if !adult {
            full.push(child.id.clone());
        }
        children.push(subject(conn, actor, child, adult.then_some(Withheld::Adult)).await?);
    }
    let mut certificates: Vec<CertificateId> = Vec::new();
    for id in &full {
        if let Some(c) = certificate::by_child(conn, id).await? {
            certificates.push(c.id);
        }
    }
    let mut persons: Vec<&PersonId> = full.iter().collect();
    if under_14 {
        persons.push(&actor.person_id);
    }
    let certificates: Vec<&CertificateId> = certificates.iter().collect();
    let audit = store::audit_about(conn, &persons, &certificates)
        .await?
        .into_iter()
        // Under 14 a pupil's own records are those of their account; the rest is the parent's.
        .filter(|r| {
            !under_14
                || r.person_id.as_deref() != Some(actor.person_id.as_str())
                || r.object_kind == "account"
        })
        .map(|r| audit_entry(r, actor))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Export {
        readme: README,
        made_at: now,
        you,
        account: account(conn, actor).await?,
        children,
        consultations: consultations(conn, actor).await?,
        notifications: notifications(conn, actor).await?,
        audit,
    })
}

/// Every notification the account still has (a year's: older ones are forgotten by housekeeping).
const NOTIFICATIONS_KEPT: i64 = 100_000;

async fn notifications(conn: &mut AnyConnection, actor: &Actor) -> Result<NotificationsData, StoreError> {
    use dopcert_domain::notification::Kind;
    let account = actor.account_id.as_str();
    let email_opt_outs = dopcert_store::notification::optouts(conn, account)
        .await?
        .into_iter()
        .map(|kind| {
            let kind_title = Kind::parse(&kind).map(|k| k.title().to_string()).unwrap_or_default();
            KindData { kind, kind_title }
        })
        .collect();
    let items = dopcert_store::notification::inbox(conn, account, NOTIFICATIONS_KEPT)
        .await?
        .into_iter()
        .map(|n| {
            Ok(NotificationData {
                kind: n.kind,
                subject: n.subject,
                body: n.body,
                link: n.link,
                created_at: parse_instant(&n.created_at)?,
                read_at: n.read_at.as_deref().map(parse_instant).transpose()?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(NotificationsData { email_opt_outs, items })
}

async fn subject(
    conn: &mut AnyConnection,
    actor: &Actor,
    p: person::Person,
    withheld: Option<Withheld>,
) -> Result<Subject, StoreError> {
    let name = |p: &person::Person| PersonData {
        last_name: p.name.last().to_string(),
        first_name: p.name.first().to_string(),
        middle_name: p.name.middle().map(str::to_string),
        birth_date: None,
        snils: None,
        phone: None,
        email: None,
        municipality: None,
        disability: None,
    };
    let note = withheld.map(Withheld::note);
    let mut s = Subject {
        person: name(&p),
        withheld: note,
        schools: Vec::new(),
        consents: Vec::new(),
        certificate: None,
        applications: Vec::new(),
    };
    if withheld == Some(Withheld::Adult) {
        return Ok(s);
    }
    s.person = PersonData {
        birth_date: p.birth_date.map(|b| b.date()),
        snils: p.snils.as_ref().map(ToString::to_string),
        phone: p.phone.clone(),
        email: p.email.clone(),
        municipality: match &p.municipality_id {
            Some(m) => municipality::find(conn, m).await?.map(|m| m.name),
            None => None,
        },
        disability: person::disability(conn, &p.id).await?,
        ..name(&p)
    };
    for row in store::schools(conn, &p.id).await? {
        let since = parse_instant(&row.since)?;
        s.schools.push(SchoolData { organization: row.organization, class: row.class_label, since });
    }
    if withheld.is_some() {
        return Ok(s);
    }
    for row in store::consents(conn, &p.id).await? {
        s.consents.push(consent(row, actor, &p.id)?);
    }
    if let Some(c) = certificate::by_child(conn, &p.id).await? {
        s.certificate = Some(certificate_data(conn, c).await?);
    }
    for a in store::applications(conn, &p.id).await? {
        s.applications.push(application(conn, a).await?);
    }
    Ok(s)
}

fn consent(c: store::ConsentRow, actor: &Actor, child: &PersonId) -> Result<ConsentData, StoreError> {
    let (given_by, given_by_title) = if c.given_by == actor.person_id.as_str() {
        ("you", "вы")
    } else if c.given_by == child.as_str() {
        ("the_child", "сам ребёнок (с 14 лет)")
    } else {
        ("another_guardian", "другой законный представитель")
    };
    let channel = ConsentChannel::parse(&c.channel).ok_or(StoreError::Corrupt("consent.channel"))?;
    Ok(ConsentData {
        given_at: parse_instant(&c.given_at)?,
        given_by,
        given_by_title,
        channel: channel.code(),
        channel_title: channel.title(),
        text_version: c.text_version,
        certificate: c
            .certificate_number
            .map(|n| {
                CertificateNumber::parse(&n)
                    .map(|n| n.to_string())
                    .map_err(|_| StoreError::Corrupt("certificate.number"))
            })
            .transpose()?,
        paper_scan: c.scan_file,
    })
}

async fn certificate_data(
    conn: &mut AnyConnection,
    c: certificate::Certificate,
) -> Result<CertificateData, StoreError> {
    let municipality = municipality::get(conn, &c.municipality_id).await?.name;
    let issued_by_organization = match &c.organization_id {
        Some(o) => organization::find(conn, o.as_str()).await?.map(|o| o.short_name),
        None => None,
    };
    let balance = ledger::certificate_balance(conn, &c.id).await?;
    let events = certificate::events(conn, &c.id)
        .await?
        .into_iter()
        .map(|e| EventData {
            at: e.at,
            kind: e.kind.code(),
            kind_title: event_title(e.kind),
            reason: e.reason,
        })
        .collect();
    let funded = store::fundings(conn, &c.id)
        .await?
        .into_iter()
        .map(|f| {
            Ok(FundingData {
                year: f.year,
                nominal_kopecks: Kopecks::new(f.nominal.unwrap_or(0)),
                funded_at: parse_instant(&f.funded_at)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let ledger = ledger::certificate_movements(conn, &c.id)
        .await?
        .into_iter()
        .map(|m| MovementData {
            at: m.at,
            reason: m.reason.code(),
            reason_title: reason_title(m.reason),
            note: m.note,
            available_kopecks: m.available,
            held_kopecks: m.held,
        })
        .collect();
    Ok(CertificateData {
        number: c.number.to_string(),
        status: c.status.code(),
        status_title: c.status.title(),
        status_reason: c.status_reason,
        channel: c.channel.code(),
        channel_title: c.channel.title(),
        municipality,
        issued_at: c.issued_at,
        issued_by_organization,
        available_kopecks: balance.available,
        held_kopecks: balance.held,
        spent_kopecks: balance.spent,
        events,
        funded,
        ledger,
    })
}

async fn application(
    conn: &mut AnyConnection,
    a: store::ApplicationRow,
) -> Result<ApplicationData, StoreError> {
    let status = ApplicationStatus::parse(&a.status).ok_or(StoreError::Corrupt("application.status"))?;
    let charges = store::charges(conn, &a.id)
        .await?
        .into_iter()
        .map(|c| ChargeData {
            month: c.month,
            days: c.days,
            of_days: c.of_days,
            lessons: c.lessons,
            attended: c.attended,
            amount_kopecks: Kopecks::new(c.amount),
            reversed: c.reversed != 0,
        })
        .collect();
    let optional = |s: Option<String>| s.as_deref().map(parse_instant).transpose();
    Ok(ApplicationData {
        program: a.program,
        organization: a.organization,
        group: a.group_title,
        schedule: a.schedule,
        address: a.address,
        status: a.status.clone(),
        status_title: status.title(),
        starts_on: parse_date(&a.starts_on)?,
        ends_on: parse_date(&a.ends_on)?,
        price_per_month_kopecks: Kopecks::new(a.price_per_month),
        covered_per_month_kopecks: Kopecks::new(a.covered_per_month),
        hold_kopecks: Kopecks::new(a.hold),
        reason: a.reason,
        applied_at: parse_instant(&a.created_at)?,
        contract_accepted_at: optional(a.contract_accepted_at)?,
        decided_at: optional(a.decided_at)?,
        charges,
    })
}

async fn account(conn: &mut AnyConnection, actor: &Actor) -> Result<AccountData, StoreError> {
    let id = &actor.account_id;
    let a = store::account(conn, id).await?;
    let optional = |s: Option<String>| s.as_deref().map(parse_instant).transpose();
    let roles = store::roles(conn, id)
        .await?
        .into_iter()
        .map(|r| {
            let role: Role = r.role.parse().map_err(|_| StoreError::Corrupt("account_role.role"))?;
            Ok(RoleData {
                role: r.role,
                role_title: role.title(),
                organization: r.organization,
                municipality: r.municipality,
                region: r.region,
                granted_at: parse_instant(&r.granted_at)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let identities = store::identities(conn, id)
        .await?
        .into_iter()
        .map(|i| {
            Ok(IdentityData {
                provider: i.provider,
                subject: i.subject,
                linked_at: parse_instant(&i.created_at)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let sessions = store::sessions(conn, id)
        .await?
        .into_iter()
        .map(|s| {
            Ok(SessionData {
                started_at: parse_instant(&s.created_at)?,
                last_seen_at: parse_instant(&s.last_seen_at)?,
                ends_at: parse_instant(&s.expires_at)?,
                device: s.user_agent,
                via: s.via,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let api_tokens = store::api_tokens(conn, id)
        .await?
        .into_iter()
        .map(|t| {
            Ok(TokenData {
                name: t.name,
                kind: t.kind,
                created_at: parse_instant(&t.created_at)?,
                expires_at: optional(t.expires_at)?,
                revoked_at: optional(t.revoked_at)?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let one_time_password = match store::one_time_password(conn, id).await? {
        Some((issued, expires)) => Some(OneTimePasswordData {
            issued_at: parse_instant(&issued)?,
            expires_at: parse_instant(&expires)?,
        }),
        None => None,
    };
    Ok(AccountData {
        login: a.login,
        status: a.status,
        created_at: parse_instant(&a.created_at)?,
        password_set: a.password_set != 0,
        password_changed_at: optional(a.password_changed_at)?,
        roles,
        identities,
        sessions,
        api_tokens,
        one_time_password,
    })
}

async fn consultations(conn: &mut AnyConnection, actor: &Actor) -> Result<Vec<ConsultationData>, StoreError> {
    let files = store::files_by(conn, &actor.account_id).await?;
    let mut out: Vec<(String, ConsultationData)> = Vec::new();
    for m in store::messages_by(conn, &actor.account_id).await? {
        let message = MessageData {
            at: parse_instant(&m.created_at)?,
            files: files.iter().filter(|(id, _)| *id == m.id).map(|(_, name)| name.clone()).collect(),
            text: m.text,
        };
        match out.last_mut() {
            Some((id, c)) if *id == m.consultation_id => c.messages.push(message),
            _ => out.push((
                m.consultation_id,
                ConsultationData {
                    topic: m.topic,
                    organization: m.organization,
                    status_title: consultation_status_title(&m.status),
                    status: m.status,
                    messages: vec![message],
                },
            )),
        }
    }
    Ok(out.into_iter().map(|(_, c)| c).collect())
}

fn consultation_status_title(code: &str) -> &'static str {
    match code {
        "open" => "ждёт ответа",
        "answered" => "есть ответ",
        _ => "закрыта",
    }
}

fn audit_entry(r: dopcert_store::audit::Record, actor: &Actor) -> Result<AuditEntry, StoreError> {
    let yours = r.account_id.as_deref() == Some(actor.account_id.as_str());
    let by = match (&r.account_id, yours) {
        (_, true) => "you",
        (None, _) => "system",
        (Some(_), false) => "someone",
    };
    let by_role_title = r.role.as_deref().and_then(|c| c.parse::<Role>().ok()).map(Role::title);
    let json = |s: Option<String>| s.map(|s| serde_json::from_str(&s).unwrap_or(Value::String(s)));
    Ok(AuditEntry {
        at: parse_instant(&r.at)?,
        action_title: audit::title(&r.action).to_string(),
        action: r.action,
        by,
        by_role: r.role,
        by_role_title,
        address: if yours { r.address } else { None },
        before: json(r.before_json),
        after: json(r.after_json),
    })
}

fn reason_title(r: Reason) -> &'static str {
    match r {
        Reason::Nominal => "зачислен номинал",
        Reason::Return => "номинал возвращён в бюджет",
        Reason::Expiry => "остаток сгорел в конце периода",
        Reason::Hold => "зарезервировано по договору",
        Reason::Release => "резерв снят",
        Reason::Charge => "оплата занятий",
    }
}

fn event_title(k: EventKind) -> &'static str {
    match k {
        EventKind::Issued => "выдан",
        EventKind::Funded => "получил номинал",
        EventKind::Suspended => "приостановлен",
        EventKind::Resumed => "возобновлён",
        EventKind::Closed => "закрыт",
    }
}
