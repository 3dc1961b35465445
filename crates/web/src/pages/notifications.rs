//! «Уведомления»: the signed-in person's notifications, newest first, each with its link.
//! Opening the page marks what it shows as read (the header's count then drops); the page
//! still shows which were new.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use dopcert_app::notification;
use dopcert_domain::money::Kopecks;
use dopcert_domain::notification::Values;

use super::{render, server_error};
use crate::layout::Layout;
use crate::session::CurrentUser;
use crate::text::{t, Lang};
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
        .map(|i| {
            let (subject, body) = match &i.values {
                Some(v) => words(crate::text::lang(), v),
                // Written before the values were kept: the stored (Russian) text.
                None => (i.subject.clone(), i.body.clone()),
            };
            Row {
                subject,
                body,
                link: i.link.clone(),
                when: crate::text::instant(i.created_at),
                new: !i.read,
            }
        })
        .collect();
    // The header counts after marking: this page is where they were seen.
    let layout = Layout::new(&s, t("header-notifications"), Some(&actor)).await;
    render(StatusCode::OK, &NotificationsPage { layout, rows, limit: notification::INBOX_LIMIT, truncated })
}

/// A notification's subject and body in `lang`, from the values it was written from (in
/// Russian word for word the text stored and sent by e-mail).
fn words(lang: Lang, v: &Values) -> (String, String) {
    match v {
        Values::CertificateIssued { child, number, nominal } => {
            let subject = lang.with("notes-certificate-issued-subject", &[("number", number.as_str())]);
            let body = match nominal {
                Some(k) => lang.with(
                    "notes-certificate-issued-body",
                    &[
                        ("child", child.as_str()),
                        ("number", number.as_str()),
                        ("nominal", &Kopecks::new(*k).to_string()),
                    ],
                ),
                None => lang.with(
                    "notes-certificate-issued-body-unfunded",
                    &[("child", child.as_str()), ("number", number.as_str())],
                ),
            };
            (subject, body)
        }
        Values::ApplicationAccepted { child, program, starts_on } => (
            lang.with("notes-application-accepted-subject", &[("program", program.as_str())]),
            lang.with(
                "notes-application-accepted-body",
                &[
                    ("program", program.as_str()),
                    ("child", child.as_str()),
                    ("starts", &lang.date_long(*starts_on)),
                ],
            ),
        ),
        Values::ApplicationRejected { child, program, reason } => (
            lang.with("notes-application-rejected-subject", &[("program", program.as_str())]),
            lang.with(
                "notes-application-rejected-body",
                &[("program", program.as_str()), ("child", child.as_str()), ("reason", reason.as_str())],
            ),
        ),
        Values::WaitlistOffer { child, program, until } => (
            lang.with("notes-waitlist-offer-subject", &[("program", program.as_str())]),
            lang.with(
                "notes-waitlist-offer-body",
                &[("program", program.as_str()), ("child", child.as_str()), ("until", &lang.instant(*until))],
            ),
        ),
        Values::ContractEnding { child, program, ends_on } => {
            let day = lang.date_long(*ends_on);
            (
                lang.with("notes-contract-ending-subject", &[("day", &day), ("program", program.as_str())]),
                lang.with(
                    "notes-contract-ending-body",
                    &[("program", program.as_str()), ("day", &day), ("child", child.as_str())],
                ),
            )
        }
        Values::PasswordReissued { login } => (
            lang.t("notes-password-reissued-subject"),
            lang.with("notes-password-reissued-body", &[("login", login.as_str())]),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dopcert_domain::notification::{self as notes, Note};
    use jiff::civil::date;

    fn samples(child: &str, program: &str, reason: &str) -> Vec<Note> {
        let until: jiff::Timestamp = "2026-11-28T15:00:00Z".parse().unwrap();
        vec![
            notes::certificate_issued(child, "69-0000-0001-23", Some(Kopecks::from_rubles(5_000))),
            notes::certificate_issued(child, "69-0000-0001-23", None),
            notes::certificate_issued(child, "69-0000-0001-23", Some(Kopecks::ZERO)),
            notes::application_accepted(child, program, date(2026, 12, 1)),
            notes::application_rejected(child, program, reason),
            notes::waitlist_offer(child, program, until),
            notes::contract_ending(child, program, date(2027, 5, 31)),
            notes::password_reissued("semenova"),
        ]
    }

    #[test]
    fn the_russian_is_the_stored_text_word_for_word() {
        for n in samples("Семёнов Павел", "Судомоделирование", "нет мест в группе")
        {
            let (subject, body) = words(Lang::Ru, &n.values);
            assert_eq!(subject, n.subject, "{:?}", n.kind);
            assert_eq!(body, n.body, "{:?}", n.kind);
        }
    }

    #[test]
    fn the_english_has_no_russian_but_the_values() {
        let cyrillic =
            |s: &str| s.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)));
        for n in samples("Semyonov Pavel", "Ship modelling", "no places left") {
            let (subject, body) = words(Lang::En, &n.values);
            assert!(!cyrillic(&subject) && !cyrillic(&body), "{subject}\n{body}");
            assert!(subject != n.subject && body != n.body, "{subject}");
        }
        let until: jiff::Timestamp = "2026-11-28T15:00:00Z".parse().unwrap();
        let (_, body) = words(Lang::En, &notes::waitlist_offer("P", "S", until).values);
        assert!(body.contains("by 28 November 2026, 18:00 (Moscow time)"), "{body}");
    }
}
