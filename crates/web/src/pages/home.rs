//! The home page: what the certificate is and how to get it, in the notice's words; the way
//! in; and, on demo data, the demo logins.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use dopcert_app::demo::{self, DemoAccount};

use super::{render, server_error};
use crate::layout::{Layout, SERVICE_NAME};
use crate::session::MaybeUser;
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
    let layout = Layout::new(&s, SERVICE_NAME, user.as_ref()).await;
    render(StatusCode::OK, &Home { layout, demo_accounts })
}

/// The catalog of certified programs: its search arrives with the programs themselves; until
/// then the page says so plainly, so the link from a new certificate never leads nowhere.
pub async fn catalog(State(s): State<WebState>, MaybeUser(user): MaybeUser) -> Response {
    let layout = Layout::new(&s, "Каталог программ", user.as_ref()).await;
    let page = super::Message {
        layout,
        heading: "Каталог программ".into(),
        text: "Здесь будут кружки, секции и студии, которые можно оплатить сертификатом: поиск по названию, \
               направлению, возрасту и району. Сертифицированные программы появятся, когда организации внесут их \
               в систему и муниципальный опорный центр их проверит."
            .into(),
    };
    render(StatusCode::OK, &page)
}
