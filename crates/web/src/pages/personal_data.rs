//! «Мои персональные данные» (152-ФЗ access): what dopcert holds about the signed-in person and
//! their children, as a page (friendlier on a cheap phone) and as a JSON file. Both are the
//! same `app::personal_data::export`; both are recorded in the audit log. The routes name no
//! person: each answers with the caller's own.

use askama::Template;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use dopcert_app::personal_data::{self, Export, Format, Subject};
use dopcert_domain::certificate::{Channel, Status};
use dopcert_domain::consent::ConsentChannel;
use dopcert_domain::enrollment::ApplicationStatus;
use dopcert_domain::role::Role;
use dopcert_domain::time::moscow_date;
use jiff::Timestamp;
use serde_json::Value;

use super::{render, server_error};
use crate::layout::Layout;
use crate::session::CurrentUser;
use crate::text::instant;
use crate::text::{self, t};
use crate::WebState;

/// A person's part of the page, under its heading.
struct Block {
    heading: String,
    s: Subject,
}

#[derive(Template)]
#[template(path = "personal_data.html")]
struct PersonalDataPage {
    layout: Layout,
    made_at: String,
    people: Vec<Block>,
    e: Export,
}

/// The codes of the export are shown in the page's language; a code the page does not know
/// shows the export's own (Russian) title.
impl PersonalDataPage {
    fn at(&self, t: &Timestamp) -> String {
        instant(*t)
    }

    fn maybe_at(&self, t: &Option<Timestamp>) -> String {
        t.map(instant).unwrap_or_else(|| "—".into())
    }

    fn given_by(&self, code: &str, title: &str) -> String {
        match code {
            "you" => t("personal-data-by-you"),
            "the_child" => t("personal-data-by-the-child"),
            "another_guardian" => t("personal-data-by-another-guardian"),
            _ => title.to_string(),
        }
    }

    /// How a certificate was issued or a consent given.
    fn channel(&self, code: &str, title: &str) -> String {
        if let Some(c) = Channel::parse(code) {
            return match c {
                Channel::Cabinet => t("cabinet-channel-cabinet"),
                Channel::Esia => t("cabinet-channel-esia"),
                Channel::Organization => t("cabinet-channel-organization"),
            };
        }
        match ConsentChannel::parse(code) {
            Some(ConsentChannel::Paper) => t("cabinet-channel-paper"),
            _ => title.to_string(),
        }
    }

    fn status(&self, code: &str, title: &str) -> String {
        Status::parse(code).map(super::settings::status_title).unwrap_or_else(|| title.to_string())
    }

    fn event(&self, code: &str, title: &str) -> String {
        match code {
            "issued" => t("cabinet-event-issued"),
            "funded" => t("cabinet-event-funded"),
            "suspended" => t("cabinet-event-suspended"),
            "resumed" => t("cabinet-event-resumed"),
            "closed" => t("cabinet-event-closed"),
            _ => title.to_string(),
        }
    }

    fn reason(&self, code: &str, title: &str) -> String {
        match code {
            "nominal" => t("cabinet-reason-nominal"),
            "return" => t("cabinet-reason-return"),
            "expiry" => t("cabinet-reason-expiry"),
            "hold" => t("cabinet-reason-hold"),
            "release" => t("cabinet-reason-release"),
            "charge" => t("cabinet-reason-charge"),
            _ => title.to_string(),
        }
    }

    fn application_status(&self, code: &str, title: &str) -> String {
        ApplicationStatus::parse(code)
            .map(|s| crate::words::application_status(crate::text::lang(), s))
            .unwrap_or_else(|| title.to_string())
    }

    fn role(&self, code: &str, title: &str) -> String {
        code.parse::<Role>().map(super::settings::role_title).unwrap_or_else(|_| title.to_string())
    }

    /// The kinds of e-mail the person turned off, in the page's language.
    fn opt_outs(&self) -> String {
        let kinds = self.e.notifications.email_opt_outs.iter();
        kinds
            .map(|k| match dopcert_domain::notification::Kind::parse(&k.kind) {
                Some(kind) => super::settings::kind_title(kind),
                None => k.kind_title.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn consultation_status(&self, code: &str, title: &str) -> String {
        match code {
            "open" => t("personal-data-consultation-open"),
            "answered" => t("personal-data-consultation-answered"),
            "closed" => t("personal-data-consultation-closed"),
            _ => title.to_string(),
        }
    }

    fn text(&self, v: Option<&String>) -> String {
        v.cloned().unwrap_or_else(|| "—".into())
    }

    /// An audit record's change: before → after, each as compact JSON (a list of fields).
    fn change(&self, before: &Option<Value>, after: &Option<Value>) -> String {
        match (before, after) {
            (Some(b), Some(a)) => format!("{b} → {a}"),
            (Some(v), None) | (None, Some(v)) => v.to_string(),
            (None, None) => String::new(),
        }
    }

    fn by(&self, by: &str, role: &Option<String>) -> String {
        match by {
            "you" => t("personal-data-by-you"),
            "system" => t("certificate-by-system"),
            _ => match role.as_deref().and_then(|r| r.parse::<Role>().ok()) {
                Some(r) => super::settings::role_title(r),
                None => t("personal-data-by-staff"),
            },
        }
    }
}

/// `GET /settings/personal-data`: the page.
pub async fn page(State(s): State<WebState>, CurrentUser(actor): CurrentUser) -> Response {
    let e = match personal_data::export(&s.app, &actor, Format::Page).await {
        Ok(e) => e,
        Err(e) => return server_error(&s, e.to_string()).await,
    };
    let mut people = vec![Block { heading: t("personal-data-you"), s: e.you.clone() }];
    for c in &e.children {
        let name = [
            Some(c.person.last_name.as_str()),
            Some(c.person.first_name.as_str()),
            c.person.middle_name.as_deref(),
        ];
        let name: Vec<&str> = name.into_iter().flatten().collect();
        let heading = text::with("personal-data-child", &[("name", &name.join(" "))]);
        people.push(Block { heading, s: c.clone() });
    }
    let page = PersonalDataPage {
        layout: Layout::new(&s, t("cabinet-personal-data"), Some(&actor)).await,
        made_at: instant(e.made_at),
        people,
        e,
    };
    let mut res = render(StatusCode::OK, &page);
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    res
}

/// `GET /settings/personal-data.json`: the file.
pub async fn file(State(s): State<WebState>, CurrentUser(actor): CurrentUser) -> Response {
    let e = match personal_data::export(&s.app, &actor, Format::Json).await {
        Ok(e) => e,
        Err(e) => return server_error(&s, e.to_string()).await,
    };
    let body = match serde_json::to_string_pretty(&e) {
        Ok(b) => b,
        Err(err) => return server_error(&s, err.to_string()).await,
    };
    let filename = format!("personal-data-{}.json", moscow_date(e.made_at));
    (
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}
