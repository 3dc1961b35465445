//! Help (issue 9): an index and a page per role, in plain words (`locales/*/help.ftl`),
//! headings as questions with a table of contents. The parents' page answers the notice's
//! questions (what the certificate is, who may get it, the four ways, where to ask) and a
//! family's questions about enrollment and money; every page ends with where to ask: the
//! region's centre and each municipality's support centre with its phone, as the system knows
//! them. Public: signed out as well.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use dopcert_app::region::{self, SupportCentre};

use super::render;
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::MaybeUser;
use crate::text::{self, t, Lang};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new().get("/help", index).get("/help/{page}", page)
}

/// A help page: its address under `/help/`, its title in the index and what it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    Parents,
    Pupils,
    Organizations,
    Moc,
    Rmc,
}

pub const TOPICS: [Topic; 5] = [Topic::Parents, Topic::Pupils, Topic::Organizations, Topic::Moc, Topic::Rmc];

impl Topic {
    pub fn slug(self) -> &'static str {
        match self {
            Topic::Parents => "parents",
            Topic::Pupils => "pupils",
            Topic::Organizations => "organizations",
            Topic::Moc => "moc",
            Topic::Rmc => "rmc",
        }
    }

    /// Whom the page is for, as the index lists it and the page's title ends.
    pub fn title(self, lang: &Lang) -> String {
        match self {
            Topic::Parents => lang.t("help-topic-parents"),
            Topic::Pupils => lang.t("help-topic-pupils"),
            Topic::Organizations => lang.t("help-topic-organizations"),
            Topic::Moc => lang.t("help-topic-moc"),
            Topic::Rmc => lang.t("help-topic-rmc"),
        }
    }

    /// What the page answers, after its title in the index.
    pub fn about(self, lang: &Lang) -> String {
        match self {
            Topic::Parents => lang.t("help-topic-parents-about"),
            Topic::Pupils => lang.t("help-topic-pupils-about"),
            Topic::Organizations => lang.t("help-topic-organizations-about"),
            Topic::Moc => lang.t("help-topic-moc-about"),
            Topic::Rmc => lang.t("help-topic-rmc-about"),
        }
    }
}

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
    let layout = Layout::new(&s, t("help-title"), user.as_ref()).await;
    render(StatusCode::OK, &HelpIndex { layout, topics: &TOPICS, centres })
}

pub async fn page(
    State(s): State<WebState>,
    MaybeUser(user): MaybeUser,
    Path(slug): Path<String>,
) -> Response {
    let Some(topic) = TOPICS.into_iter().find(|topic| topic.slug() == slug) else {
        return super::not_found(State(s)).await;
    };
    let centres = centres(&s).await;
    let title = text::with("help-page-title", &[("topic", &topic.title(&text::lang()))]);
    let layout = Layout::new(&s, title, user.as_ref()).await;
    match topic {
        Topic::Parents => {
            render(StatusCode::OK, &Parents { layout, centres, offer_hours: offer_hours(&s).await })
        }
        Topic::Pupils => render(StatusCode::OK, &Pupils { layout, centres }),
        Topic::Organizations => render(StatusCode::OK, &Organizations { layout, centres }),
        Topic::Moc => render(StatusCode::OK, &Moc { layout, centres }),
        Topic::Rmc => render(StatusCode::OK, &Rmc { layout, centres, offer_hours: offer_hours(&s).await }),
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
        let mut slugs: Vec<_> = TOPICS.iter().map(|t| t.slug()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), TOPICS.len());
    }

    /// Every page in both languages: no key shows instead of its text, the English page holds
    /// no Russian of its own, and the offer's window reads as a sentence with and without it.
    #[test]
    fn every_page_renders_its_texts_in_both_languages() {
        let centres = || {
            vec![Centre::from(SupportCentre {
                municipality: "Tver".into(),
                name: "Support centre".into(),
                phone: "+7 (4822) 32-02-10".into(),
            })]
        };
        for lang in Lang::ALL {
            let layout = || Layout {
                title: lang.t("help-title"),
                stylesheet: String::new(),
                icon: String::new(),
                user: None,
                footer: crate::layout::Footer {
                    region_name: "Tver region".into(),
                    region_center_name: "Regional centre".into(),
                    region_center_url: Some("https://example.org".into()),
                    ..Default::default()
                },
                vision: None,
                here: "/help".into(),
                lang,
            };
            let mut pages = vec![
                HelpIndex { layout: layout(), topics: &TOPICS, centres: centres() }.render(),
                HelpIndex { layout: layout(), topics: &TOPICS, centres: Vec::new() }.render(),
                Pupils { layout: layout(), centres: centres() }.render(),
                Organizations { layout: layout(), centres: centres() }.render(),
                Moc { layout: layout(), centres: centres() }.render(),
            ];
            for offer_hours in [Some(48), Some(1), None] {
                pages.push(Parents { layout: layout(), centres: centres(), offer_hours }.render());
                pages.push(Rmc { layout: layout(), centres: centres(), offer_hours }.render());
            }
            let pages: Vec<String> = pages.into_iter().map(|p| p.expect("the page renders")).collect();
            for html in &pages {
                let main = html.split("<main").nth(1).expect("a main").split("</main>").next().unwrap();
                let keys: Vec<&str> =
                    main.match_indices("help-").map(|(i, _)| &main[i..(i + 30).min(main.len())]).collect();
                assert!(keys.iter().all(|k| k.starts_with("help-topics")), "{lang:?}: a key shows: {keys:?}");
                if lang == Lang::En {
                    let russian: String = main
                        .chars()
                        .filter(|c| ('\u{0400}'..='\u{04FF}').contains(c) && !"ёе".contains(*c))
                        .collect();
                    assert!(russian.is_empty(), "Russian on the English page: {russian}\n{main}");
                }
            }
            let all = pages.concat();
            match lang {
                Lang::Ru => {
                    assert!(all.contains("(сейчас — 48 часов)") && all.contains("(сейчас — 1 час)"));
                    assert!(all.contains("сейчас — 48 часов;"));
                    assert!(all.contains("Муниципальные опорные центры (МОЦ): 1 муниципалитет"));
                }
                Lang::En => {
                    assert!(all.contains("(currently 48 hours)") && all.contains("(currently 1 hour)"));
                    assert!(all.contains("Municipal support centres (MOC): 1 municipality<"));
                }
            }
        }
    }
}
