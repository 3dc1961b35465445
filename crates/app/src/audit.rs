//! The audit log (issue 7): every use case that changes something appends a record in its own
//! transaction — who (the actor, their role and address), what (an action code and the object),
//! whom it concerns (person, certificate, organization, municipality, for searching) and the
//! object before and after, as JSON without SNILS or birth dates. The sealer chains the records
//! (`dopcert_domain::audit::hash`); `dopcert verify` checks the chain.

use dopcert_domain::audit::hash;
use dopcert_domain::audit::Content;
use dopcert_domain::certificate::CertificateNumberError;
use dopcert_domain::inn::InnError;
use dopcert_domain::role::Role;
use dopcert_store::audit::{self as store, Filter, Record};
use dopcert_store::time::instant;
use dopcert_store::{AnyConnection, StoreError};
use serde_json::Value;

use crate::auth::Actor;
use crate::App;

/// One change, as the use case describes it.
#[derive(Debug, Clone, Default)]
pub struct Change<'a> {
    /// `object.verb`, e.g. `application.apply`, `invoice.approve`, `period.set`.
    pub action: &'a str,
    pub object_kind: &'a str,
    pub object_id: &'a str,
    pub person: Option<&'a str>,
    pub certificate: Option<&'a str>,
    pub organization: Option<&'a str>,
    pub municipality: Option<&'a str>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl<'a> Change<'a> {
    pub fn new(action: &'a str, object_kind: &'a str, object_id: &'a str) -> Self {
        Change { action, object_kind, object_id, ..Default::default() }
    }

    pub fn person(self, id: &'a str) -> Self {
        Change { person: Some(id), ..self }
    }

    pub fn certificate(self, id: &'a str) -> Self {
        Change { certificate: Some(id), ..self }
    }

    pub fn organization(self, id: &'a str) -> Self {
        Change { organization: Some(id), ..self }
    }

    pub fn municipality(self, id: &'a str) -> Self {
        Change { municipality: Some(id), ..self }
    }

    pub fn before(self, v: Value) -> Self {
        Change { before: Some(v), ..self }
    }

    pub fn after(self, v: Value) -> Self {
        Change { after: Some(v), ..self }
    }

    /// Before and after as the fields of the two objects that differ (an edit of a form keeps
    /// what the person did not touch out of the log).
    pub fn changed(self, before: Value, after: Value) -> Self {
        let (Value::Object(mut b), Value::Object(mut a)) = (before, after) else { return self };
        let same: Vec<String> =
            b.iter().filter(|(k, v)| a.get(*k) == Some(v)).map(|(k, _)| k.clone()).collect();
        for k in &same {
            b.remove(k);
            a.remove(k);
        }
        Change { before: Some(Value::Object(b)), after: Some(Value::Object(a)), ..self }
    }
}

/// Appends the change to the log in the caller's transaction. `actor` is `None` for the system
/// (a command, a timer).
pub async fn record(
    conn: &mut AnyConnection,
    actor: Option<&Actor>,
    change: &Change<'_>,
    now: &str,
) -> Result<(), StoreError> {
    let name = actor.map(|a| a.name.to_string());
    let before = change.before.as_ref().map(present);
    let after = change.after.as_ref().map(present);
    let id = dopcert_store::new_id();
    let r = Content {
        id: &id,
        at: now,
        account_id: actor.map(|a| a.account_id.as_str()),
        actor_name: name.as_deref(),
        role: actor.map(|a| a.role().role.code()),
        address: actor.and_then(|a| a.address.as_deref()),
        action: change.action,
        object_kind: change.object_kind,
        object_id: change.object_id,
        person_id: change.person,
        certificate_id: change.certificate,
        organization_id: change.organization,
        municipality_id: change.municipality,
        before: before.as_deref(),
        after: after.as_deref(),
    };
    store::append(conn, &r).await
}

/// The object as stored, without its null fields: in the log an empty field and an absent one
/// read the same («—»).
fn present(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let kept = m.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.clone()));
            Value::Object(kept.collect()).to_string()
        }
        other => other.to_string(),
    }
}

/// How often a server seals the log's new records.
pub const SEAL_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// Records sealed per transaction.
const SEAL_BATCH: i64 = 500;

/// Seals every unsealed record into the chain, oldest first; returns how many. Sealers on
/// several servers take turns on the chain's head.
pub async fn seal(app: &App) -> Result<usize, StoreError> {
    let mut sealed = 0;
    loop {
        let mut tx = app.store.begin().await?;
        let (mut seq, mut prev) = store::lock_head(&mut tx).await?;
        let records = store::unsealed(&mut tx, SEAL_BATCH).await?;
        if records.is_empty() {
            return Ok(sealed);
        }
        for r in &records {
            let h = hash(&prev, seq + 1, &r.content());
            if !store::seal(&mut tx, &r.id, seq + 1, &prev, &h).await? {
                return Err(StoreError::Corrupt("audit_record sealed outside the head's lock"));
            }
            seq += 1;
            prev = h;
        }
        store::set_head(&mut tx, seq, &prev).await?;
        tx.commit().await?;
        sealed += records.len();
    }
}

/// Which part of the log the actor may read: the whole region (`Some(None)`), one
/// municipality, or none.
fn scope(actor: &Actor) -> Option<Option<String>> {
    let g = actor.role();
    match g.role {
        Role::RegionalAdmin | Role::Auditor => Some(None),
        Role::MunicipalOperator => g.municipality_id.as_ref().map(|m| Some(m.to_string())),
        _ => None,
    }
}

pub fn may_read(actor: &Actor) -> bool {
    scope(actor).is_some()
}

/// The search as an operator types it (the page's query string); empty fields do not filter.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct Query {
    pub login: String,
    pub certificate: String,
    pub inn: String,
    /// Moscow dates, `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
    pub person: String,
    /// The next page: records before this `at|id`.
    pub before: String,
}

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("журнал действий видят операторы МОЦ, региональный модельный центр и контролёры")]
    Forbidden,
    #[error("{0}")]
    BadQuery(QueryProblem),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What is wrong with a search: a field that does not parse or names nothing known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryProblem {
    #[error("такого логина нет")]
    NoLogin,
    #[error("{0}")]
    CertificateNumber(CertificateNumberError),
    #[error("сертификата с таким номером нет")]
    NoCertificate,
    #[error("{0}")]
    Inn(InnError),
    #[error("организации с таким ИНН нет")]
    NoOrganization,
    #[error("«С»: дата в виде 2026-11-26")]
    FromDate,
    #[error("«По»: дата в виде 2026-11-26")]
    ToDate,
    /// A date the calendar has but Moscow's clock cannot place.
    #[error("дата вне календаря")]
    OffCalendar,
    #[error("«С» позже, чем «По»")]
    DatesReversed,
}

/// Records per page.
pub const PAGE: i64 = 100;

/// The records the query finds within the actor's scope, newest first: the regional admin and
/// the auditor see the whole region, a municipal operator their municipality.
pub async fn search(app: &App, actor: &Actor, q: &Query) -> Result<Vec<Record>, AuditError> {
    let scope = scope(actor).ok_or(AuditError::Forbidden)?;
    let mut conn = app.store.reader().await?;
    let mut f = Filter { municipality_id: scope, limit: PAGE, ..Default::default() };
    let bad = AuditError::BadQuery;
    if !q.login.trim().is_empty() {
        let a = dopcert_store::account::by_login(&mut conn, q.login.trim())
            .await?
            .ok_or(bad(QueryProblem::NoLogin))?;
        f.account_id = Some(a.id.to_string());
    }
    if !q.certificate.trim().is_empty() {
        let n = dopcert_domain::certificate::CertificateNumber::parse(&q.certificate)
            .map_err(|e| bad(QueryProblem::CertificateNumber(e)))?;
        let c = dopcert_store::certificate::by_number(&mut conn, &n)
            .await?
            .ok_or(bad(QueryProblem::NoCertificate))?;
        f.certificate_id = Some(c.id.to_string());
    }
    if !q.inn.trim().is_empty() {
        let inn = dopcert_domain::inn::Inn::parse(&q.inn).map_err(|e| bad(QueryProblem::Inn(e)))?;
        let o = dopcert_store::organization::by_inn(&mut conn, &inn)
            .await?
            .ok_or(bad(QueryProblem::NoOrganization))?;
        f.organization_id = Some(o.id.to_string());
    }
    if !q.person.trim().is_empty() {
        f.person_id = Some(q.person.trim().to_string());
    }
    let day = |raw: &str, what: QueryProblem| -> Result<Option<jiff::civil::Date>, AuditError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        raw.parse::<jiff::civil::Date>().map(Some).map_err(|_| bad(what))
    };
    let start_of = |d: jiff::civil::Date| -> Result<String, AuditError> {
        let at = d.to_zoned(dopcert_domain::time::moscow()).map_err(|_| bad(QueryProblem::OffCalendar))?;
        Ok(instant(at.timestamp()))
    };
    let (from, to) = (day(&q.from, QueryProblem::FromDate)?, day(&q.to, QueryProblem::ToDate)?);
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err(bad(QueryProblem::DatesReversed));
        }
    }
    f.from = from.map(start_of).transpose()?;
    f.to = to.and_then(|d| d.tomorrow().ok()).map(start_of).transpose()?;
    if let Some((at, id)) = q.before.split_once('|') {
        f.before = Some((at.to_string(), id.to_string()));
    }
    Ok(store::search(&mut conn, &f).await?)
}

/// Now, as the log stores it.
pub fn now(app: &App) -> String {
    instant(app.clock.now())
}

/// Every action code the use cases record, with its title for people. A code missing here is
/// shown as itself (and a test fails: `every_recorded_action_has_a_title`).
pub const ACTIONS: &[(&str, &str)] = &[
    ("application.apply", "Заявка на запись"),
    ("application.decide", "Решение по заявке"),
    ("application.withdraw", "Заявка отозвана семьёй"),
    ("application.take_offer", "Предложенное место принято"),
    ("application.leave", "Окончание обучения"),
    ("billing.run", "Начисление за месяц"),
    ("invoice.approve", "Счёт утверждён"),
    ("invoice.export", "Платёжные поручения выгружены"),
    ("charge.reverse", "Начисление сторнировано"),
    ("attendance.save", "Табель посещаемости сохранён"),
    ("period.open", "Период открыт"),
    ("period.close", "Период закрыт"),
    ("application.lapse", "Предложенное место не принято вовремя"),
    ("certificate.issue", "Сертификат выдан"),
    ("certificate.suspend", "Сертификат приостановлен"),
    ("certificate.resume", "Сертификат возобновлён"),
    ("certificate.close", "Сертификат закрыт"),
    ("period.set_quota", "Изменено число сертификатов с номиналом"),
    ("period.create", "Установлен период"),
    ("period.set_nominals", "Изменены номиналы периода"),
    ("period.fund_waiting", "Номинал выдан ожидавшим сертификатам"),
    ("person.set_disability", "Изменены сведения об ОВЗ ребёнка"),
    ("duplicate.hold", "Ребёнок отложен до проверки возможного дубля"),
    ("duplicate.resolve", "Решение по возможному дублю"),
    ("lottery.draw", "Жеребьёвка проведена"),
    ("program.create", "Программа создана"),
    ("program.edit", "Программа изменена"),
    ("program.submit", "Программа отправлена на сертификацию"),
    ("program.certify", "Программа сертифицирована"),
    ("program.return", "Программа возвращена на доработку"),
    ("program.expire", "Срок сертификации программы истёк"),
    ("program.remind", "Напоминание о конце сертификации"),
    ("module.add", "Модуль добавлен"),
    ("module.edit", "Модуль изменён"),
    ("module.delete", "Модуль удалён"),
    ("group.add", "Группа добавлена"),
    ("group.edit", "Группа изменена"),
    ("group.delete", "Группа удалена"),
    ("photo.add", "Фотография добавлена"),
    ("photo.delete", "Фотография удалена"),
    ("setting.change", "Настройка изменена"),
    ("mail.retry", "Письмо отправлено повторно"),
    ("provider.apply", "Заявка организации в реестр"),
    ("provider.decide", "Статус организации в реестре изменён"),
    ("organization.details", "Реквизиты организации изменены"),
    ("staff.invite", "Сотрудник приглашён"),
    ("staff.join", "Запрос на вступление в организацию"),
    ("staff.approve", "Сотрудник принят в организацию"),
    ("staff.reject", "Запрос сотрудника отклонён"),
    ("staff.revoke", "Сотрудник отключён от организации"),
    ("import.commit", "Список учеников загружен в реестр"),
    ("login.issue", "Выданы логин и одноразовый пароль"),
    ("api_token.create", "Выдан токен для системы организации"),
    ("api_token.revoke", "Токен для системы организации отозван"),
    ("account.set_password", "Пароль изменён"),
    ("account.logout_everywhere", "Выход на всех устройствах"),
    ("account.switch_role", "Смена роли"),
    ("account.link_esia", "Вход через Госуслуги: учётная запись и дети"),
    ("consultation.ask", "Вопрос в МОЦ задан"),
    ("consultation.reply", "Ответ в консультации"),
    ("consultation.close", "Консультация закрыта"),
    ("municipality.add", "Муниципалитет добавлен"),
    ("municipality.edit", "Муниципалитет изменён"),
    ("operator.add", "Оператор МОЦ добавлен, выдан одноразовый пароль"),
    ("operator.withdraw", "Роль оператора МОЦ отозвана"),
    ("personal_data.download", "Выгрузка своих персональных данных"),
    ("person.anonymize", "Сведения о человеке обезличены: срок хранения истёк"),
];

/// The title of an action code.
pub fn title(action: &str) -> &str {
    ACTIONS.iter().find(|(code, _)| *code == action).map_or(action, |(_, t)| t)
}
