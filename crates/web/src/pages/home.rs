//! The home page: what the certificate is and how to get it, in the notice's words; the way
//! in; and, on demo data, the demo logins.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use dopcert_app::demo::{self, DemoAccount};

use super::{render, server_error};
use crate::layout::Layout;
use crate::session::MaybeUser;
use crate::text::t;
use crate::WebState;

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    layout: Layout,
    demo_accounts: Vec<DemoAccount>,
}

pub async fn page(State(s): State<WebState>, MaybeUser(user): MaybeUser) -> Response {
    let demo_accounts = match demo::accounts(&s.app).await {
        Ok(a) => a,
        Err(e) => return server_error(&s, e.to_string()).await,
    };
    let layout = Layout::new(&s, t("service-name"), user.as_ref()).await;
    render(StatusCode::OK, &Home { layout, demo_accounts })
}
