//! The audit log for the back office and auditors (issue 7): searched by who acted, the
//! certificate, the organization, the person concerned and the dates; each record with what it
//! changed and its number in the chain.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use dopcert_app::audit::{self, AuditError};
use dopcert_store::audit::Record;
use serde_json::Value;

use super::{render, server_error, Message};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::CurrentUser;
use crate::text::{self, t};
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
    scope_note: String,
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
                layout: Layout::new(&s, t("operator-forbidden"), Some(&actor)).await,
                heading: t("operator-forbidden"),
                text: crate::refusal::explain(&AuditError::Forbidden),
            };
            return render(StatusCode::FORBIDDEN, &page);
        }
        Err(e @ AuditError::BadQuery(_)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, Vec::new(), Some(crate::refusal::explain(&e)))
        }
        Err(AuditError::Store(e)) => return server_error(&s, e.to_string()).await,
    };
    let next = (records.len() as i64 == audit::PAGE).then(|| next_page(&q, records.last()));
    let scope_note = if actor.role().role == dopcert_domain::role::Role::MunicipalOperator {
        t("audit-scope-municipality")
    } else {
        String::new()
    };
    let page = AuditPage {
        layout: Layout::new(&s, t("audit-title"), Some(&actor)).await,
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
    let at = r.at.parse::<jiff::Timestamp>().map(crate::text::instant).unwrap_or_else(|_| r.at.clone());
    let who = match (&r.actor_name, &r.role) {
        (Some(n), Some(role)) => format!("{n} ({})", role_title(role)),
        (Some(n), None) => n.clone(),
        _ => t("audit-system"),
    };
    Row {
        at,
        who,
        address: r.address.clone().unwrap_or_default(),
        action: action_title(&r.action),
        object: format!("{} {}", r.object_kind, r.object_id),
        person: r.person_id.clone().unwrap_or_default(),
        changes: changes(r.before_json.as_deref(), r.after_json.as_deref()),
        seq: r.seq.map_or_else(|| t("audit-not-chained"), |n| n.to_string()),
    }
}

/// A role's name in the page's language.
pub(crate) fn role_title(code: &str) -> String {
    use dopcert_domain::role::Role;
    match Role::ALL.into_iter().find(|r| r.code() == code) {
        Some(Role::Parent) => t("audit-role-parent"),
        Some(Role::Child) => t("audit-role-child"),
        Some(Role::OrganizationStaff) => t("audit-role-organization-staff"),
        Some(Role::OrganizationAdmin) => t("audit-role-organization-admin"),
        Some(Role::MunicipalOperator) => t("audit-role-municipal-operator"),
        Some(Role::RegionalAdmin) => t("audit-role-regional-admin"),
        Some(Role::Auditor) => t("audit-role-auditor"),
        None => t("audit-role-unknown"),
    }
}

/// An action's title in the page's language (`dopcert_app::audit::ACTIONS` has the Russian
/// ones); a code unknown here is shown as the app names it.
fn action_title(code: &str) -> String {
    match code {
        "application.apply" => t("audit-action-application-apply"),
        "application.decide" => t("audit-action-application-decide"),
        "application.withdraw" => t("audit-action-application-withdraw"),
        "application.take_offer" => t("audit-action-application-take-offer"),
        "application.leave" => t("audit-action-application-leave"),
        "billing.run" => t("audit-action-billing-run"),
        "invoice.approve" => t("audit-action-invoice-approve"),
        "invoice.export" => t("audit-action-invoice-export"),
        "charge.reverse" => t("audit-action-charge-reverse"),
        "attendance.save" => t("audit-action-attendance-save"),
        "period.open" => t("audit-action-period-open"),
        "period.close" => t("audit-action-period-close"),
        "application.lapse" => t("audit-action-application-lapse"),
        "certificate.issue" => t("audit-action-certificate-issue"),
        "certificate.suspend" => t("audit-action-certificate-suspend"),
        "certificate.resume" => t("audit-action-certificate-resume"),
        "certificate.close" => t("audit-action-certificate-close"),
        "period.set_quota" => t("audit-action-period-set-quota"),
        "period.create" => t("audit-action-period-create"),
        "period.set_nominals" => t("audit-action-period-set-nominals"),
        "period.fund_waiting" => t("audit-action-period-fund-waiting"),
        "person.set_disability" => t("audit-action-person-set-disability"),
        "duplicate.hold" => t("audit-action-duplicate-hold"),
        "duplicate.resolve" => t("audit-action-duplicate-resolve"),
        "lottery.draw" => t("audit-action-lottery-draw"),
        "program.create" => t("audit-action-program-create"),
        "program.edit" => t("audit-action-program-edit"),
        "program.submit" => t("audit-action-program-submit"),
        "program.certify" => t("audit-action-program-certify"),
        "program.return" => t("audit-action-program-return"),
        "program.expire" => t("audit-action-program-expire"),
        "program.remind" => t("audit-action-program-remind"),
        "module.add" => t("audit-action-module-add"),
        "module.edit" => t("audit-action-module-edit"),
        "module.delete" => t("audit-action-module-delete"),
        "group.add" => t("audit-action-group-add"),
        "group.edit" => t("audit-action-group-edit"),
        "group.delete" => t("audit-action-group-delete"),
        "photo.add" => t("audit-action-photo-add"),
        "photo.delete" => t("audit-action-photo-delete"),
        "setting.change" => t("audit-action-setting-change"),
        "mail.retry" => t("audit-action-mail-retry"),
        "provider.apply" => t("audit-action-provider-apply"),
        "provider.decide" => t("audit-action-provider-decide"),
        "organization.details" => t("audit-action-organization-details"),
        "staff.invite" => t("audit-action-staff-invite"),
        "staff.join" => t("audit-action-staff-join"),
        "staff.approve" => t("audit-action-staff-approve"),
        "staff.reject" => t("audit-action-staff-reject"),
        "staff.revoke" => t("audit-action-staff-revoke"),
        "import.commit" => t("audit-action-import-commit"),
        "login.issue" => t("audit-action-login-issue"),
        "api_token.create" => t("audit-action-api-token-create"),
        "api_token.revoke" => t("audit-action-api-token-revoke"),
        "account.set_password" => t("audit-action-account-set-password"),
        "account.logout_everywhere" => t("audit-action-account-logout-everywhere"),
        "account.switch_role" => t("audit-action-account-switch-role"),
        "account.link_esia" => t("audit-action-account-link-esia"),
        "consultation.ask" => t("audit-action-consultation-ask"),
        "consultation.reply" => t("audit-action-consultation-reply"),
        "consultation.close" => t("audit-action-consultation-close"),
        "municipality.add" => t("audit-action-municipality-add"),
        "municipality.edit" => t("audit-action-municipality-edit"),
        "operator.add" => t("audit-action-operator-add"),
        "operator.withdraw" => t("audit-action-operator-withdraw"),
        "personal_data.download" => t("audit-action-personal-data-download"),
        "person.anonymize" => t("audit-action-person-anonymize"),
        other => audit::title(other).to_string(),
    }
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
                s.push_str(&format!(", {}", text::with("audit-with-disability", &[("amount", d)])));
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
            (field_title(&k).unwrap_or(k), x, y)
        })
        .collect()
}

/// The fields people read most often in the log, in words; others keep their code.
fn field_title(code: &str) -> Option<String> {
    Some(match code {
        "status" => t("audit-field-status"),
        "reason" => t("audit-field-reason"),
        "year" => t("audit-field-year"),
        "starts_on" => t("audit-field-starts-on"),
        "ends_on" => t("audit-field-ends-on"),
        "nominals" => t("audit-field-nominals"),
        "funded_quota" => t("audit-field-funded-quota"),
        "funded_count" => t("audit-field-funded-count"),
        "funded" => t("audit-field-funded"),
        "upgraded" => t("audit-field-upgraded"),
        "disability" => t("audit-field-disability"),
        "topped_up" => t("audit-field-topped-up"),
        "available" => t("audit-field-available"),
        _ => return None,
    })
}
