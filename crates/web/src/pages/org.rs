//! The home page of an organization's staff.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use dopcert_app::organization::{self, OrganizationError};
use dopcert_domain::organization::OrganizationKind;

use super::{render, server_error, Message};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::CurrentUser;
use crate::text::t;
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new().get("/org", page)
}

#[derive(Template)]
#[template(path = "org.html")]
struct OrgPage {
    layout: Layout,
    name: String,
    kind: String,
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
                kind: kind_title(h.organization.kind),
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
            let layout = Layout::new(&s, t("org-home-title"), Some(&actor)).await;
            let page =
                Message { layout, heading: t("programs-forbidden"), text: crate::refusal::explain(&e) };
            render(StatusCode::FORBIDDEN, &page)
        }
    }
}

/// The kind of organization in the page's language.
fn kind_title(k: OrganizationKind) -> String {
    match k {
        OrganizationKind::School => t("org-home-kind-school"),
        OrganizationKind::Kindergarten => t("org-home-kind-kindergarten"),
        OrganizationKind::CreativityCenter => t("org-home-kind-creativity-center"),
        OrganizationKind::SportSchool => t("org-home-kind-sport-school"),
        OrganizationKind::PrivateOrganization => t("org-home-kind-private"),
        OrganizationKind::SoleEntrepreneur => t("org-home-kind-sole-entrepreneur"),
    }
}
