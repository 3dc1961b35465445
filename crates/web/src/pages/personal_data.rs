//! «Мои персональные данные» (152-ФЗ access): what dopcert holds about the signed-in person and
//! their children, as a page (friendlier on a cheap phone) and as a JSON file. Both are the
//! same `app::personal_data::export`; both are recorded in the audit log. The routes name no
//! person: each answers with the caller's own.

use askama::Template;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use dopcert_app::personal_data::{self, Export, Format, Subject};
use dopcert_domain::format;
use dopcert_domain::time::moscow_date;
use jiff::civil::Date;
use jiff::Timestamp;
use serde_json::Value;

use super::{render, server_error};
use crate::layout::Layout;
use crate::session::CurrentUser;
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

impl PersonalDataPage {
    fn at(&self, t: &Timestamp) -> String {
        format::instant(*t)
    }

    fn maybe_at(&self, t: &Option<Timestamp>) -> String {
        t.map(format::instant).unwrap_or_else(|| "—".into())
    }

    fn day(&self, d: &Date) -> String {
        format::date_long(*d)
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

    fn by(&self, by: &str, role: &Option<&'static str>) -> String {
        match by {
            "you" => "вы".into(),
            "system" => "система".into(),
            _ => role.unwrap_or("сотрудник").to_string(),
        }
    }
}

/// `GET /settings/personal-data`: the page.
pub async fn page(State(s): State<WebState>, CurrentUser(actor): CurrentUser) -> Response {
    let e = match personal_data::export(&s.app, &actor, Format::Page).await {
        Ok(e) => e,
        Err(e) => return server_error(&s, e.to_string()).await,
    };
    let mut people = vec![Block { heading: "Вы".into(), s: e.you.clone() }];
    for c in &e.children {
        let name = [
            Some(c.person.last_name.as_str()),
            Some(c.person.first_name.as_str()),
            c.person.middle_name.as_deref(),
        ];
        let name: Vec<&str> = name.into_iter().flatten().collect();
        people.push(Block { heading: format!("Ребёнок: {}", name.join(" ")), s: c.clone() });
    }
    let page = PersonalDataPage {
        layout: Layout::new(&s, "Мои персональные данные", Some(&actor)).await,
        made_at: format::instant(e.made_at),
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
