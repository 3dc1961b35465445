//! Help (issue 9): an index and a page per role, in plain Russian, headings as questions with a
//! table of contents. The parents' page answers the notice's questions (what the certificate
//! is, who may get it, the four ways, where to ask) and a family's questions about enrollment
//! and money; every page ends with where to ask: the region's centre and each municipality's
//! support centre with its phone, as the system knows them. Public: signed out as well.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use dopcert_app::region::{self, SupportCentre};

use super::render;
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::MaybeUser;
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new().get("/help", index).get("/help/{page}", page)
}

/// A help page: its address under `/help/`, its title in the index and what it answers.
pub struct Topic {
    pub slug: &'static str,
    pub title: &'static str,
    pub about: &'static str,
}

pub const TOPICS: [Topic; 5] = [
    Topic {
        slug: "parents",
        title: "Родителям",
        about: "что такое сертификат, кто и как может его получить, запись на программы, деньги сертификата",
    },
    Topic {
        slug: "pupils",
        title: "Обучающимся 14–17 лет",
        about: "как получить сертификат самому и записаться на программу",
    },
    Topic {
        slug: "organizations",
        title: "Организациям",
        about: "логины для семей, сертификат при записи, реестр поставщиков, программы, заявки и счета",
    },
    Topic {
        slug: "moc",
        title: "Муниципальному опорному центру (МОЦ)",
        about: "периоды и номиналы, сертификация программ, реестр поставщиков, начисления и счета",
    },
    Topic {
        slug: "rmc",
        title: "Региональному модельному центру (РМЦ)",
        about: "муниципалитеты и операторы МОЦ, правила региона, отчёты по региону",
    },
];

/// A support centre as the table of contacts shows it, with its `tel:` link.
struct Centre {
    municipality: String,
    name: String,
    phone: String,
    /// `tel:` and the digits; empty when the phone has none.
    tel: String,
}

impl From<SupportCentre> for Centre {
    fn from(c: SupportCentre) -> Self {
        let digits: String = c.phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        let tel = if digits.is_empty() { String::new() } else { format!("tel:{digits}") };
        Centre { municipality: c.municipality, name: c.name, phone: c.phone, tel }
    }
}

#[derive(Template)]
#[template(path = "help.html")]
struct HelpIndex {
    layout: Layout,
    topics: &'static [Topic],
    centres: Vec<Centre>,
}

#[derive(Template)]
#[template(path = "help_parents.html")]
struct Parents {
    layout: Layout,
    centres: Vec<Centre>,
    offer_hours: Option<i64>,
}

#[derive(Template)]
#[template(path = "help_pupils.html")]
struct Pupils {
    layout: Layout,
    centres: Vec<Centre>,
}

#[derive(Template)]
#[template(path = "help_organizations.html")]
struct Organizations {
    layout: Layout,
    centres: Vec<Centre>,
}

#[derive(Template)]
#[template(path = "help_moc.html")]
struct Moc {
    layout: Layout,
    centres: Vec<Centre>,
}

#[derive(Template)]
#[template(path = "help_rmc.html")]
struct Rmc {
    layout: Layout,
    centres: Vec<Centre>,
    offer_hours: Option<i64>,
}

/// The support centres; a page still answers when they cannot be read (it then says to ask at
/// school), as the footer does.
async fn centres(s: &WebState) -> Vec<Centre> {
    match region::support_centres(&s.app).await {
        Ok(c) => c.into_iter().map(Centre::from).collect(),
        Err(e) => {
            tracing::warn!(error = %e, "support centres unavailable");
            Vec::new()
        }
    }
}

/// The hours a family has to take a seat offered from the waitlist; `None` (the sentence is
/// left out) when the setting cannot be read.
async fn offer_hours(s: &WebState) -> Option<i64> {
    dopcert_app::enrollment::offer_window(&s.app)
        .await
        .inspect_err(|e| tracing::warn!(error = %e, "offer window unavailable"))
        .ok()
}

pub async fn index(State(s): State<WebState>, MaybeUser(user): MaybeUser) -> Response {
    let centres = centres(&s).await;
    let layout = Layout::new(&s, "Помощь", user.as_ref()).await;
    render(StatusCode::OK, &HelpIndex { layout, topics: &TOPICS, centres })
}

pub async fn page(
    State(s): State<WebState>,
    MaybeUser(user): MaybeUser,
    Path(slug): Path<String>,
) -> Response {
    let Some(topic) = TOPICS.iter().find(|t| t.slug == slug) else {
        return super::not_found(State(s)).await;
    };
    let centres = centres(&s).await;
    let layout = Layout::new(&s, format!("Помощь — {}", topic.title), user.as_ref()).await;
    match topic.slug {
        "parents" => render(StatusCode::OK, &Parents { layout, centres, offer_hours: offer_hours(&s).await }),
        "pupils" => render(StatusCode::OK, &Pupils { layout, centres }),
        "organizations" => render(StatusCode::OK, &Organizations { layout, centres }),
        "moc" => render(StatusCode::OK, &Moc { layout, centres }),
        _ => render(StatusCode::OK, &Rmc { layout, centres, offer_hours: offer_hours(&s).await }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_becomes_a_tel_link_of_its_digits() {
        let c = |phone: &str| {
            Centre::from(SupportCentre {
                municipality: "Тверь".into(),
                name: "МОЦ".into(),
                phone: phone.into(),
            })
        };
        assert_eq!(c("+7 (4822) 32-02-10").tel, "tel:+74822320210");
        assert_eq!(c("уточняется").tel, "", "no link without digits");
    }

    #[test]
    fn every_topic_has_its_own_address() {
        let mut slugs: Vec<_> = TOPICS.iter().map(|t| t.slug).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), TOPICS.len());
    }
}
