//! The audit log for the back office and auditors (issue 7): searched by who acted, the
//! certificate, the organization, the person concerned and the dates; each record with what it
//! changed and its number in the chain.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use dopcert_app::audit::{self, AuditError};
use dopcert_domain::format;
use dopcert_store::audit::Record;
use serde_json::Value;

use super::login::capitalize;
use super::{render, server_error, Message};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::CurrentUser;
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new().get("/audit", page)
}

pub(crate) struct Row {
    pub(crate) at: String,
    pub(crate) who: String,
    pub(crate) address: String,
    pub(crate) action: String,
    pub(crate) object: String,
    pub(crate) person: String,
    pub(crate) changes: Vec<(String, String, String)>,
    pub(crate) seq: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    layout: Layout,
    q: audit::Query,
    scope_note: &'static str,
    rows: Vec<Row>,
    next: Option<String>,
    error: Option<String>,
}

async fn page(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Query(q): Query<audit::Query>,
) -> Response {
    let (status, records, error) = match audit::search(&s.app, &actor, &q).await {
        Ok(r) => (StatusCode::OK, r, None),
        Err(AuditError::Forbidden) => {
            let page = Message {
                layout: Layout::new(&s, "Нет доступа", Some(&actor)).await,
                heading: "Нет доступа".into(),
                text: capitalize(&AuditError::Forbidden.to_string()),
            };
            return render(StatusCode::FORBIDDEN, &page);
        }
        Err(AuditError::BadQuery(m)) => (StatusCode::UNPROCESSABLE_ENTITY, Vec::new(), Some(capitalize(&m))),
        Err(AuditError::Store(e)) => return server_error(&s, e.to_string()).await,
    };
    let next = (records.len() as i64 == audit::PAGE).then(|| next_page(&q, records.last()));
    let scope_note = if actor.role().role == dopcert_domain::role::Role::MunicipalOperator {
        "Здесь записи вашего муниципалитета."
    } else {
        ""
    };
    let page = AuditPage {
        layout: Layout::new(&s, "Журнал действий", Some(&actor)).await,
        q,
        scope_note,
        rows: records.iter().map(row).collect(),
        next: next.flatten(),
        error,
    };
    render(status, &page)
}

fn next_page(q: &audit::Query, last: Option<&Record>) -> Option<String> {
    let last = last?;
    let mut pairs: Vec<(&str, String)> = [
        ("login", &q.login),
        ("certificate", &q.certificate),
        ("inn", &q.inn),
        ("from", &q.from),
        ("to", &q.to),
        ("person", &q.person),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| (k, v.clone()))
    .collect();
    pairs.push(("before", format!("{}|{}", last.at, last.id)));
    Some(format!("/audit?{}", serde_urlencoded::to_string(&pairs).unwrap_or_default()))
}

pub(crate) fn row(r: &Record) -> Row {
    let at = r.at.parse::<jiff::Timestamp>().map(format::instant).unwrap_or_else(|_| r.at.clone());
    let who = match (&r.actor_name, &r.role) {
        (Some(n), Some(role)) => format!("{n} ({})", role_title(role)),
        (Some(n), None) => n.clone(),
        _ => "система (команда или расписание)".to_string(),
    };
    Row {
        at,
        who,
        address: r.address.clone().unwrap_or_default(),
        action: audit::title(&r.action).to_string(),
        object: format!("{} {}", r.object_kind, r.object_id),
        person: r.person_id.clone().unwrap_or_default(),
        changes: changes(r.before_json.as_deref(), r.after_json.as_deref()),
        seq: r.seq.map_or_else(|| "ещё не в цепочке".to_string(), |n| n.to_string()),
    }
}

fn role_title(code: &str) -> &'static str {
    dopcert_domain::role::Role::ALL.into_iter().find(|r| r.code() == code).map_or("роль", |r| r.title())
}

/// A period's nominals as the log keeps them (`period::nominals_json`), in words:
/// «5–6 лет: 5 000,00 ₽, с ОВЗ 8 000,00 ₽; 7–13 лет: …».
fn nominals(items: &[Value]) -> String {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
    items
        .iter()
        .map(|i| {
            let mut s = format!("{}: {}", text(i.get("ages")), text(i.get("nominal")));
            if let Some(d) = i.get("disability").and_then(Value::as_str) {
                s.push_str(&format!(", с ОВЗ {d}"));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Each field that differs, as (field, before, after); `—` for absent.
fn changes(before: Option<&str>, after: Option<&str>) -> Vec<(String, String, String)> {
    let parse =
        |s: Option<&str>| s.and_then(|s| serde_json::from_str::<Value>(s).ok()).unwrap_or(Value::Null);
    let (b, a) = (parse(before), parse(after));
    let mut keys: Vec<String> = Vec::new();
    for v in [&b, &a] {
        if let Value::Object(m) = v {
            for k in m.keys() {
                if !keys.contains(k) {
                    keys.push(k.clone());
                }
            }
        }
    }
    let show = |v: Option<&Value>| match v {
        None | Some(Value::Null) => "—".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.iter().all(|i| i.get("ages").is_some()) => nominals(items),
        Some(other) => other.to_string(),
    };
    keys.into_iter()
        .filter(|k| b.get(k) != a.get(k))
        .map(|k| {
            let (x, y) = (show(b.get(&k)), show(a.get(&k)));
            (field_title(&k).map_or(k, str::to_string), x, y)
        })
        .collect()
}

/// The fields people read most often in the log, in words; others keep their code.
fn field_title(code: &str) -> Option<&'static str> {
    Some(match code {
        "status" => "статус",
        "reason" => "причина",
        "year" => "год",
        "starts_on" => "начало",
        "ends_on" => "конец",
        "nominals" => "номиналы",
        "funded_quota" => "сертификатов с номиналом",
        "funded_count" => "выдано с номиналом",
        "funded" => "с номиналом",
        "upgraded" => "получили номинал сейчас",
        "disability" => "ОВЗ",
        "topped_up" => "доначислено",
        "available" => "доступно",
        _ => return None,
    })
}
