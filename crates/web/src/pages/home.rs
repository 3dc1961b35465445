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
    let demo_accounts = demo_accounts.into_iter().map(|a| DemoAccount { note: what_for(&a), ..a }).collect();
    let layout = Layout::new(&s, t("service-name"), user.as_ref()).await;
    render(StatusCode::OK, &Home { layout, demo_accounts })
}

/// What a demo login is for, in the page's language. The demo writes it in Russian when it seeds
/// the region; a login not named here keeps that.
fn what_for(a: &DemoAccount) -> String {
    match a.login.as_str() {
        "ivanova" => t("home-demo-for-ivanova"),
        "smirnov" => t("home-demo-for-smirnov"),
        "kuznetsova" => t("home-demo-for-kuznetsova"),
        "volkova" => t("home-demo-for-volkova"),
        "petrov.maksim" => t("home-demo-for-petrov-maksim"),
        "sokolova.alisa" => t("home-demo-for-sokolova-alisa"),
        "school" => t("home-demo-for-school"),
        "school.admin" => t("home-demo-for-school-admin"),
        "dtdm" => t("home-demo-for-dtdm"),
        "moc.tver" => t("home-demo-for-moc-tver"),
        "rmc" => t("home-demo-for-rmc"),
        "kontrol" => t("home-demo-for-kontrol"),
        _ => a.note.clone(),
    }
}
