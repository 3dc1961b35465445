//! The home page of an organization's staff.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use dopcert_app::organization::{self, OrganizationError};

use super::login::capitalize;
use super::{render, server_error, Message};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::CurrentUser;
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new().get("/org", page)
}

#[derive(Template)]
#[template(path = "org.html")]
struct OrgPage {
    layout: Layout,
    name: String,
    kind: &'static str,
    address: String,
    inn: String,
    classes: usize,
    pupils: i64,
    is_admin: bool,
}

async fn page(State(s): State<WebState>, CurrentUser(actor): CurrentUser) -> Response {
    match organization::home(&s.app, &actor).await {
        Ok(h) => {
            let layout = Layout::new(&s, h.organization.short_name.clone(), Some(&actor)).await;
            let page = OrgPage {
                layout,
                name: h.organization.full_name,
                kind: h.organization.kind.title(),
                address: h.organization.address,
                inn: h.organization.inn.to_string(),
                classes: h.classes,
                pupils: h.pupils,
                is_admin: h.is_admin,
            };
            render(StatusCode::OK, &page)
        }
        Err(OrganizationError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(e) => {
            let layout = Layout::new(&s, "Организация", Some(&actor)).await;
            let page =
                Message { layout, heading: "Нет доступа".into(), text: capitalize(&e.to_string()) };
            render(StatusCode::FORBIDDEN, &page)
        }
    }
}
