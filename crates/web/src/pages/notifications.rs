//! «Уведомления»: the signed-in person's notifications, newest first, each with its link.
//! Opening the page marks what it shows as read (the header's count then drops); the page
//! still shows which were new.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use dopcert_app::notification;

use super::{render, server_error};
use crate::layout::Layout;
use crate::session::CurrentUser;
use crate::text::t;
use crate::WebState;

struct Row {
    subject: String,
    body: String,
    link: String,
    when: String,
    /// Unread until this page was opened.
    new: bool,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage {
    layout: Layout,
    rows: Vec<Row>,
    limit: i64,
    /// More than the page lists.
    truncated: bool,
}

pub async fn page(State(s): State<WebState>, CurrentUser(actor): CurrentUser) -> Response {
    let items = match notification::inbox(&s.app, &actor).await {
        Ok(v) => v,
        Err(e) => return server_error(&s, e.to_string()).await,
    };
    if let Some(newest) = items.iter().find(|i| !i.read) {
        // Read up to the newest shown; anything newer arrives unread.
        let last = items.first().map_or(newest.id.as_str(), |i| i.id.as_str());
        if let Err(e) = notification::mark_read(&s.app, &actor, last).await {
            return server_error(&s, e.to_string()).await;
        }
    }
    let truncated = items.len() as i64 >= notification::INBOX_LIMIT;
    let rows = items
        .iter()
        .map(|i| Row {
            subject: i.subject.clone(),
            body: i.body.clone(),
            link: i.link.clone(),
            when: crate::text::instant(i.created_at),
            new: !i.read,
        })
        .collect();
    // The header counts after marking: this page is where they were seen.
    let layout = Layout::new(&s, t("header-notifications"), Some(&actor)).await;
    render(StatusCode::OK, &NotificationsPage { layout, rows, limit: notification::INBOX_LIMIT, truncated })
}
