//! «Очереди»: what waits for the back office, on one page (`app::queues`).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use dopcert_app::queues::{self, QueuesError};
use dopcert_domain::money::Kopecks;
use dopcert_domain::role::Role;

use super::{render, server_error, Message};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::CurrentUser;
use crate::text::{self, t};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new().get("/moc/queues", page)
}

/// A line of a queue, ready to show.
struct Line {
    id: String,
    title: String,
    organization: String,
    program: String,
    child: String,
    when: String,
}

struct InvoiceLine {
    id: String,
    number: String,
    organization: String,
    month: String,
    total: String,
}

#[derive(Template)]
#[template(path = "queues.html")]
struct QueuesPage {
    layout: Layout,
    is_operator: bool,
    nothing: bool,
    programs: Vec<Line>,
    duplicates: usize,
    stuck: Vec<Line>,
    stuck_days: i64,
    invoices: Vec<InvoiceLine>,
    providers: Vec<Line>,
}

fn when(at: &str) -> String {
    at.parse::<jiff::Timestamp>().map(crate::text::instant).unwrap_or_else(|_| at.to_string())
}

fn line(id: &str, title: &str, organization: &str) -> Line {
    Line {
        id: id.to_string(),
        title: title.to_string(),
        organization: organization.to_string(),
        program: String::new(),
        child: String::new(),
        when: String::new(),
    }
}

async fn page(State(s): State<WebState>, CurrentUser(actor): CurrentUser) -> Response {
    let q = match queues::queues(&s.app, &actor).await {
        Ok(q) => q,
        Err(e @ QueuesError::Forbidden) => {
            let page = Message {
                layout: Layout::new(&s, t("programs-forbidden"), Some(&actor)).await,
                heading: t("programs-forbidden"),
                text: crate::refusal::explain(&e),
            };
            return render(StatusCode::FORBIDDEN, &page);
        }
        Err(QueuesError::Failed(e)) => return server_error(&s, e).await,
    };
    let page = QueuesPage {
        layout: Layout::new(&s, t("queues-title"), Some(&actor)).await,
        is_operator: actor.role().role == Role::MunicipalOperator,
        nothing: q.is_empty(),
        programs: q
            .programs
            .iter()
            .map(|p| Line { when: when(&p.updated_at), ..line(&p.id, &p.title, &p.organization_name) })
            .collect(),
        duplicates: q.duplicates.len(),
        stuck: q
            .stuck
            .iter()
            .map(|a| Line {
                program: format!("{}, {}", a.program, a.group_title),
                child: a.child.clone(),
                when: when(&a.created_at),
                ..line(&a.id, "", &a.organization)
            })
            .collect(),
        stuck_days: q.stuck_days,
        invoices: q
            .invoices
            .iter()
            .map(|i| InvoiceLine {
                id: i.id.clone(),
                number: i.number.clone(),
                organization: i.organization.clone(),
                month: i.month.clone(),
                total: Kopecks::new(i.total).to_string(),
            })
            .collect(),
        providers: q
            .providers
            .iter()
            .map(|p| {
                let inn = text::with("enroll-inn", &[("inn", &p.inn)]);
                line(&p.id, &p.short_name, &format!("{inn}, {}", p.municipality_name))
            })
            .collect(),
    };
    render(StatusCode::OK, &page)
}
