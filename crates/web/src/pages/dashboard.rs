//! The back office's dashboard (issue 7): each chart drawn on the server as SVG, followed by its
//! table with the same figures, and each table downloadable as XLSX
//! (`/moc/dashboard/{chart}.xlsx`). The figures come from `app::dashboard::view`, in the
//! viewer's scope (a municipality, or the region with a line per municipality).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use dopcert_app::auth::Actor;
use dopcert_app::dashboard::{self, share, Dashboard, DashboardError, Month};
use dopcert_domain::format;
use dopcert_domain::money::Kopecks;
use dopcert_domain::program::Direction;

use super::charts::{self, Chart, Group, Scale, Series};
use super::reports::{self, Cell};
use super::{message, not_found, render, server_error, Message};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::CurrentUser;
use crate::text::capitalize;
use crate::text::instant;
use crate::text::{self, t, Lang};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new().get("/moc/dashboard", page).get("/moc/dashboard/{file}", export)
}

/// Organizations the page shows by name; the XLSX lists them all.
const TOP_ORGANIZATIONS: usize = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Coverage,
    Money,
    Directions,
    Organizations,
    Seats,
    Waitlists,
    Municipalities,
}

impl Kind {
    const ALL: [Kind; 7] = [
        Kind::Coverage,
        Kind::Money,
        Kind::Directions,
        Kind::Organizations,
        Kind::Seats,
        Kind::Waitlists,
        Kind::Municipalities,
    ];

    fn slug(self) -> &'static str {
        match self {
            Kind::Coverage => "coverage",
            Kind::Money => "money",
            Kind::Directions => "directions",
            Kind::Organizations => "organizations",
            Kind::Seats => "seats",
            Kind::Waitlists => "waitlists",
            Kind::Municipalities => "municipalities",
        }
    }

    fn title(self) -> String {
        match self {
            Kind::Coverage => t("dashboard-coverage"),
            Kind::Money => t("dashboard-money"),
            Kind::Directions => t("dashboard-directions"),
            Kind::Organizations => t("dashboard-organizations"),
            Kind::Seats => t("dashboard-seats"),
            Kind::Waitlists => t("dashboard-waitlists"),
            Kind::Municipalities => t("dashboard-municipalities"),
        }
    }

    /// A worksheet's name: at most 31 characters.
    fn sheet(self) -> &'static str {
        match self {
            Kind::Coverage => "Охват по месяцам",
            Kind::Money => "Деньги по месяцам",
            Kind::Directions => "По направленностям",
            Kind::Organizations => "По организациям",
            Kind::Seats => "Места",
            Kind::Waitlists => "Листы ожидания",
            Kind::Municipalities => "По муниципалитетам",
        }
    }

    fn note(self, regional: bool) -> String {
        match (self, regional) {
            (Kind::Coverage, _) => t("dashboard-coverage-note"),
            (Kind::Money, _) => t("dashboard-money-note"),
            (Kind::Directions, false) => t("dashboard-directions-note-municipality"),
            (Kind::Directions, true) => t("dashboard-directions-note-region"),
            (Kind::Organizations, _) => t("dashboard-organizations-note"),
            (Kind::Seats, _) => t("dashboard-seats-note"),
            (Kind::Waitlists, _) => t("dashboard-waitlists-note"),
            (Kind::Municipalities, _) => t("dashboard-municipalities-note"),
        }
    }

    fn shown(self, regional: bool) -> bool {
        self != Kind::Municipalities || regional
    }

    fn from_file(file: &str) -> Option<Kind> {
        let slug = file.strip_suffix(".xlsx")?;
        Kind::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

// ---- figures as tables ----

/// A figure of a table, typed so that the XLSX keeps numbers as numbers.
enum Value {
    Text(String),
    Count(i64),
    Money(Kopecks),
    Share(Option<f64>),
}

impl Value {
    fn html(&self, lang: Lang) -> Td {
        match self {
            Value::Text(t) => Td { text: t.clone(), numeric: false },
            Value::Count(n) => Td { text: count_in(lang, *n), numeric: true },
            Value::Money(k) => Td { text: k.to_string(), numeric: true },
            Value::Share(p) => Td { text: percent_in(lang, *p), numeric: true },
        }
    }

    fn cell(self) -> Cell {
        match self {
            Value::Text(t) => Cell::Text(t),
            Value::Count(n) => Cell::Count(n),
            Value::Money(k) => Cell::Rubles(k.get()),
            Value::Share(p) => p.map_or(Cell::Text(String::new()), Cell::Percent),
        }
    }
}

/// A table: its columns (name, width in the XLSX), rows and a total row.
struct Grid {
    columns: Vec<(String, f64)>,
    rows: Vec<Vec<Value>>,
    total: Option<Vec<Value>>,
}

/// «162 940»: thousands apart by a no-break space, as money is (in English «162,940»).
fn count_in(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('−');
    }
    let apart = match lang {
        Lang::Ru => '\u{a0}',
        Lang::En => ',',
    };
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(apart);
        }
        out.push(c);
    }
    out
}

/// A count in the page's language.
fn count(n: i64) -> String {
    count_in(text::lang(), n)
}

/// «63,4 %» («63.4%» in English), or a dash when there is nothing to divide by.
fn percent_in(lang: Lang, p: Option<f64>) -> String {
    match (p, lang) {
        (None, _) => "—".to_string(),
        (Some(p), Lang::Ru) => format!("{p:.1}\u{a0}%").replace('.', ","),
        (Some(p), Lang::En) => format!("{p:.1}%"),
    }
}

/// A share in the page's language.
fn percent(p: Option<f64>) -> String {
    percent_in(text::lang(), p)
}

const MONTH_SHORT: [&str; 12] =
    ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"];

/// «Ноябрь 2026» («November 2026»): a row's heading.
fn month_name(lang: Lang, m: &Month) -> String {
    capitalize(&lang.month_year(m.first))
}

/// «ноя» («Nov»), with the year's last two digits at the series' start and at January
/// («янв 27», «Jan '27»).
fn month_short(m: &Month, first: bool) -> String {
    let lang = text::lang();
    let short = match lang {
        Lang::Ru => MONTH_SHORT[(m.first.month() - 1) as usize].to_string(),
        Lang::En => m.first.strftime("%b").to_string(),
    };
    let year = m.first.year() % 100;
    match lang {
        _ if !first && m.first.month() != 1 => short,
        Lang::Ru => format!("{short} {year:02}"),
        Lang::En => format!("{short} '{year:02}"),
    }
}

fn day(d: jiff::civil::Date) -> String {
    format::date_short(d)
}

/// «63,4 % (5 из 8)».
fn share_of(p: Option<f64>, part: i64, whole: i64) -> String {
    let (p, part, whole) = (percent(p), count(part), count(whole));
    text::with("dashboard-share-of", &[("share", &p), ("part", &part), ("whole", &whole)])
}

fn money_sum(values: impl Iterator<Item = Kopecks>) -> Kopecks {
    Kopecks::new(values.map(Kopecks::get).sum())
}

/// A direction's name in `lang` (the domain names it in Russian only).
fn direction_title(lang: Lang, d: Direction) -> String {
    match d {
        Direction::Technical => lang.t("dashboard-direction-technical"),
        Direction::NaturalScience => lang.t("dashboard-direction-natural-science"),
        Direction::PhysicalSport => lang.t("dashboard-direction-physical-sport"),
        Direction::Artistic => lang.t("dashboard-direction-artistic"),
        Direction::TourismLocalHistory => lang.t("dashboard-direction-tourism"),
        Direction::SocialHumanitarian => lang.t("dashboard-direction-social"),
    }
}

/// A table in `lang`: the page's, or Russian for the XLSX (a download stays Russian).
fn grid(kind: Kind, d: &Dashboard, whole: bool, lang: Lang) -> Grid {
    match kind {
        Kind::Coverage => Grid {
            columns: vec![
                (lang.t("dashboard-col-month"), 16.0),
                (lang.t("dashboard-col-as-of"), 12.0),
                (lang.t("dashboard-col-children"), 15.0),
                (lang.t("dashboard-col-certified"), 15.0),
                (lang.t("dashboard-col-certified-share"), 18.0),
                (lang.t("dashboard-col-enrolled"), 12.0),
                (lang.t("dashboard-col-enrolled-share"), 17.0),
            ],
            rows: d
                .months
                .iter()
                .map(|m| {
                    vec![
                        Value::Text(month_name(lang, m)),
                        Value::Text(day(m.as_of)),
                        Value::Count(m.children),
                        Value::Count(m.certified),
                        Value::Share(share(m.certified, m.children)),
                        Value::Count(m.enrolled),
                        Value::Share(share(m.enrolled, m.children)),
                    ]
                })
                .collect(),
            total: None,
        },
        Kind::Money => {
            let line = |name: String, m: &dashboard::Money| {
                vec![
                    Value::Text(name),
                    Value::Money(m.nominal),
                    Value::Money(m.held),
                    Value::Money(m.released),
                    Value::Money(m.spent),
                    Value::Money(m.returned),
                    Value::Money(m.expired),
                ]
            };
            let all =
                |pick: fn(&dashboard::Money) -> Kopecks| money_sum(d.months.iter().map(|m| pick(&m.money)));
            let total = dashboard::Money {
                nominal: all(|m| m.nominal),
                held: all(|m| m.held),
                released: all(|m| m.released),
                spent: all(|m| m.spent),
                returned: all(|m| m.returned),
                expired: all(|m| m.expired),
            };
            Grid {
                columns: vec![
                    (lang.t("dashboard-col-month"), 16.0),
                    (lang.t("dashboard-col-nominal"), 20.0),
                    (lang.t("dashboard-col-held"), 24.0),
                    (lang.t("dashboard-col-released"), 22.0),
                    (lang.t("dashboard-col-spent"), 20.0),
                    (lang.t("dashboard-col-returned"), 20.0),
                    (lang.t("dashboard-col-expired"), 22.0),
                ],
                rows: d.months.iter().map(|m| line(month_name(lang, m), &m.money)).collect(),
                total: Some(line(lang.t("dashboard-total-12-months"), &total)),
            }
        }
        Kind::Directions => {
            let all: i64 = d.directions.iter().map(|l| l.enrolled).sum();
            Grid {
                columns: vec![
                    (lang.t("dashboard-col-direction"), 28.0),
                    (lang.t("dashboard-col-enrolled"), 12.0),
                    (lang.t("dashboard-col-share"), 10.0),
                ],
                rows: d
                    .directions
                    .iter()
                    .map(|l| {
                        vec![
                            Value::Text(direction_title(lang, l.direction)),
                            Value::Count(l.enrolled),
                            Value::Share(share(l.enrolled, all)),
                        ]
                    })
                    .collect(),
                total: Some(vec![
                    Value::Text(lang.t("dashboard-total")),
                    Value::Count(all),
                    Value::Share(share(all, all)),
                ]),
            }
        }
        Kind::Organizations => {
            let mut columns =
                vec![(lang.t("dashboard-col-organization"), 40.0), (lang.t("dashboard-col-inn"), 14.0)];
            if d.regional {
                columns.push((lang.t("dashboard-col-municipality"), 26.0));
            }
            columns.push((lang.t("dashboard-col-enrolled"), 12.0));
            let line = |l: &dashboard::OrganizationLine| {
                let mut row = vec![Value::Text(l.organization.clone()), Value::Text(l.inn.clone())];
                if d.regional {
                    row.push(Value::Text(l.municipality.clone()));
                }
                row.push(Value::Count(l.enrolled));
                row
            };
            let shown = if whole { d.organizations.len() } else { TOP_ORGANIZATIONS };
            let mut rows: Vec<_> = d.organizations.iter().take(shown).map(line).collect();
            let rest = &d.organizations[shown.min(d.organizations.len())..];
            if !rest.is_empty() {
                let others = lang
                    .with("dashboard-other-organizations", &[("count", &count_in(lang, rest.len() as i64))]);
                let mut row = vec![Value::Text(others)];
                row.push(Value::Text(String::new()));
                if d.regional {
                    row.push(Value::Text(String::new()));
                }
                row.push(Value::Count(rest.iter().map(|l| l.enrolled).sum()));
                rows.push(row);
            }
            Grid { columns, rows, total: None }
        }
        Kind::Seats => {
            let line = |name: String, groups: i64, seats: i64, taken: i64| {
                vec![
                    Value::Text(name),
                    Value::Count(groups),
                    Value::Count(seats),
                    Value::Count(taken),
                    Value::Count(seats - taken),
                    Value::Share(share(taken, seats)),
                ]
            };
            let sum = |pick: fn(&dashboard::DirectionLine) -> i64| d.directions.iter().map(pick).sum::<i64>();
            Grid {
                columns: vec![
                    (lang.t("dashboard-col-direction"), 28.0),
                    (lang.t("dashboard-col-groups"), 10.0),
                    (lang.t("dashboard-col-seats"), 10.0),
                    (lang.t("dashboard-col-taken"), 10.0),
                    (lang.t("dashboard-col-free"), 10.0),
                    (lang.t("dashboard-col-filled"), 11.0),
                ],
                rows: d
                    .directions
                    .iter()
                    .map(|l| line(direction_title(lang, l.direction), l.groups, l.seats, l.taken))
                    .collect(),
                total: Some(line(
                    lang.t("dashboard-total"),
                    sum(|l| l.groups),
                    sum(|l| l.seats),
                    sum(|l| l.taken),
                )),
            }
        }
        Kind::Waitlists => {
            let mut columns =
                vec![(lang.t("dashboard-col-program"), 40.0), (lang.t("dashboard-col-organization"), 30.0)];
            if d.regional {
                columns.push((lang.t("dashboard-col-municipality"), 26.0));
            }
            columns.extend([
                (lang.t("dashboard-col-waitlisted"), 16.0),
                (lang.t("dashboard-col-seats"), 10.0),
                (lang.t("dashboard-col-taken"), 10.0),
            ]);
            let rows = d
                .waitlists
                .iter()
                .map(|l| {
                    let mut row = vec![Value::Text(l.title.clone()), Value::Text(l.organization.clone())];
                    if d.regional {
                        row.push(Value::Text(l.municipality.clone()));
                    }
                    row.extend([Value::Count(l.waitlisted), Value::Count(l.seats), Value::Count(l.taken)]);
                    row
                })
                .collect();
            Grid { columns, rows, total: None }
        }
        Kind::Municipalities => {
            let line = |name: String, l: &dashboard::MunicipalityLine| {
                vec![
                    Value::Text(name),
                    Value::Count(l.children),
                    Value::Count(l.certified),
                    Value::Share(share(l.certified, l.children)),
                    Value::Count(l.enrolled),
                    Value::Share(share(l.enrolled, l.children)),
                    Value::Money(l.nominal),
                    Value::Money(l.spent),
                    Value::Count(l.seats),
                    Value::Count(l.taken),
                    Value::Count(l.waitlisted),
                ]
            };
            let ls = &d.municipalities;
            let sum = |pick: fn(&dashboard::MunicipalityLine) -> i64| ls.iter().map(pick).sum::<i64>();
            let total = dashboard::MunicipalityLine {
                name: String::new(),
                children: sum(|l| l.children),
                certified: sum(|l| l.certified),
                enrolled: sum(|l| l.enrolled),
                nominal: money_sum(ls.iter().map(|l| l.nominal)),
                spent: money_sum(ls.iter().map(|l| l.spent)),
                seats: sum(|l| l.seats),
                taken: sum(|l| l.taken),
                waitlisted: sum(|l| l.waitlisted),
            };
            Grid {
                columns: vec![
                    (lang.t("dashboard-col-municipality"), 34.0),
                    (lang.t("dashboard-col-children"), 14.0),
                    (lang.t("dashboard-col-certified"), 15.0),
                    (lang.t("dashboard-col-certified-share"), 18.0),
                    (lang.t("dashboard-col-enrolled"), 12.0),
                    (lang.t("dashboard-col-enrolled-share"), 17.0),
                    (lang.t("dashboard-col-nominal-12"), 24.0),
                    (lang.t("dashboard-col-spent-12"), 20.0),
                    (lang.t("dashboard-col-seats"), 10.0),
                    (lang.t("dashboard-col-taken"), 10.0),
                    (lang.t("dashboard-col-waitlisted"), 16.0),
                ],
                rows: ls.iter().map(|l| line(l.name.clone(), l)).collect(),
                total: Some(line(lang.t("dashboard-whole-region"), &total)),
            }
        }
    }
}

// ---- figures as charts ----

const S1: &str = "s1";
const S2: &str = "s2";
const S3: &str = "s3";
const S4: &str = "s4";

fn rubles(k: Kopecks) -> f64 {
    k.get() as f64 / 100.0
}

fn chart(kind: Kind, d: &Dashboard) -> Chart {
    let (id, title) = (format!("chart-{}", kind.slug()), kind.title());
    let lang = text::lang();
    match kind {
        Kind::Coverage => {
            let series = [
                Series { name: t("dashboard-series-certified"), class: S1 },
                Series { name: t("dashboard-series-enrolled"), class: S2 },
            ];
            let groups: Vec<Group> = d
                .months
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let stated = |part: i64| {
                        (
                            share(part, m.children).unwrap_or(0.0),
                            share_of(share(part, m.children), part, m.children),
                        )
                    };
                    Group {
                        label: month_short(m, i == 0),
                        values: vec![stated(m.certified), stated(m.enrolled)],
                    }
                })
                .collect();
            let last = d.months.last();
            let description = last.map_or_else(String::new, |m| {
                let (date, certified) = (day(m.as_of), percent(share(m.certified, m.children)));
                let enrolled = percent(share(m.enrolled, m.children));
                let args = [("date", &*date), ("certified", &*certified), ("enrolled", &*enrolled)];
                text::with("dashboard-coverage-description", &args)
            });
            charts::columns(&id, &title, &description, &series, &groups, Scale::Percent)
        }
        Kind::Money => {
            let series = [
                Series { name: t("dashboard-series-nominal"), class: S1 },
                Series { name: t("dashboard-series-held"), class: S2 },
                Series { name: t("dashboard-series-spent"), class: S3 },
                Series { name: t("dashboard-series-expired"), class: S4 },
            ];
            let groups: Vec<Group> = d
                .months
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let v = |k: Kopecks| (rubles(k), k.to_string());
                    let mm = &m.money;
                    Group {
                        label: month_short(m, i == 0),
                        values: vec![v(mm.nominal), v(mm.held), v(mm.spent), v(mm.expired)],
                    }
                })
                .collect();
            let spent = money_sum(d.months.iter().map(|m| m.money.spent));
            let nominal = money_sum(d.months.iter().map(|m| m.money.nominal));
            let (nominal, spent) = (nominal.to_string(), spent.to_string());
            let description =
                text::with("dashboard-money-description", &[("nominal", &nominal), ("spent", &spent)]);
            charts::columns(&id, &title, &description, &series, &groups, Scale::Rubles)
        }
        Kind::Directions => {
            let series = [Series { name: t("dashboard-series-enrolled"), class: S1 }];
            let groups: Vec<Group> = d
                .directions
                .iter()
                .map(|l| Group {
                    label: direction_title(lang, l.direction),
                    values: vec![(l.enrolled as f64, count(l.enrolled))],
                })
                .collect();
            let all: i64 = d.directions.iter().map(|l| l.enrolled).sum();
            let description = text::with("dashboard-directions-description", &[("total", &count(all))]);
            charts::bars(&id, &title, &description, &series, &groups, Scale::Count)
        }
        Kind::Organizations => {
            let series = [Series { name: t("dashboard-series-enrolled"), class: S1 }];
            let groups: Vec<Group> = d
                .organizations
                .iter()
                .take(TOP_ORGANIZATIONS)
                .map(|l| Group {
                    label: l.organization.clone(),
                    values: vec![(l.enrolled as f64, count(l.enrolled))],
                })
                .collect();
            let (shown, all) = (groups.len().to_string(), d.organizations.len().to_string());
            let description =
                text::with("dashboard-organizations-description", &[("shown", &shown), ("all", &all)]);
            charts::bars(&id, &title, &description, &series, &groups, Scale::Count)
        }
        Kind::Seats => {
            let series = [
                Series { name: t("dashboard-series-seats"), class: S1 },
                Series { name: t("dashboard-series-taken"), class: S2 },
            ];
            let groups: Vec<Group> = d
                .directions
                .iter()
                .map(|l| Group {
                    label: direction_title(lang, l.direction),
                    values: vec![(l.seats as f64, count(l.seats)), (l.taken as f64, count(l.taken))],
                })
                .collect();
            let (seats, taken) = d.directions.iter().fold((0, 0), |(s, t), l| (s + l.seats, t + l.taken));
            let filled = percent(share(taken, seats));
            let (seats, taken) = (count(seats), count(taken));
            let args = [("seats", &*seats), ("taken", &*taken), ("share", &*filled)];
            let description = text::with("dashboard-seats-description", &args);
            charts::bars(&id, &title, &description, &series, &groups, Scale::Count)
        }
        Kind::Waitlists => {
            let series = [Series { name: t("dashboard-series-waitlisted"), class: S4 }];
            let groups: Vec<Group> = d
                .waitlists
                .iter()
                .map(|l| Group {
                    label: format!("{} — {}", l.title, l.organization),
                    values: vec![(l.waitlisted as f64, count(l.waitlisted))],
                })
                .collect();
            let description = match d.waitlists.first() {
                Some(l) => {
                    let args = [("program", &*l.title), ("count", &*count(l.waitlisted))];
                    text::with("dashboard-waitlists-description", &args)
                }
                None => t("dashboard-waitlists-none"),
            };
            charts::bars(&id, &title, &description, &series, &groups, Scale::Count)
        }
        Kind::Municipalities => {
            let series = [
                Series { name: t("dashboard-series-certified"), class: S1 },
                Series { name: t("dashboard-series-enrolled"), class: S2 },
            ];
            let groups: Vec<Group> = d
                .municipalities
                .iter()
                .map(|l| {
                    let v = |part: i64| {
                        (share(part, l.children).unwrap_or(0.0), percent(share(part, l.children)))
                    };
                    Group { label: l.name.clone(), values: vec![v(l.certified), v(l.enrolled)] }
                })
                .collect();
            let description = text::tn("dashboard-municipalities-description", d.municipalities.len() as i64);
            charts::bars(&id, &title, &description, &series, &groups, Scale::Percent)
        }
    }
}

// ---- the page ----

struct Td {
    text: String,
    numeric: bool,
}

struct Section {
    slug: &'static str,
    title: String,
    note: String,
    chart: Chart,
    head: Vec<String>,
    rows: Vec<Vec<Td>>,
    total: Option<Vec<Td>>,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    layout: Layout,
    title: String,
    regional: bool,
    read_at: String,
    /// How often the figures are read again, in words: «10 минут».
    every: String,
    available: String,
    reserved: String,
    sections: Vec<Section>,
}

async fn forbidden(s: &WebState, actor: &Actor) -> Response {
    let page = Message {
        layout: Layout::new(s, t("dashboard-forbidden"), Some(actor)).await,
        heading: t("dashboard-forbidden"),
        text: crate::refusal::explain(&DashboardError::Forbidden),
    };
    render(StatusCode::FORBIDDEN, &page)
}

/// The actor's dashboard, or the page that says why there is none.
async fn viewed(s: &WebState, actor: &Actor) -> Result<Dashboard, Response> {
    match dashboard::view(&s.app, actor).await {
        Ok(d) => Ok(d),
        Err(DashboardError::Forbidden) => Err(forbidden(s, actor).await),
        Err(e @ DashboardError::NotReady) => {
            let status = StatusCode::SERVICE_UNAVAILABLE;
            let text = crate::refusal::explain(&e);
            let mut page = message(s, Some(actor), status, &t("dashboard-not-ready"), &text).await;
            page.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
            Err(page)
        }
        Err(e) => Err(server_error(s, e.to_string()).await),
    }
}

async fn page(State(s): State<WebState>, CurrentUser(actor): CurrentUser) -> Response {
    let d = match viewed(&s, &actor).await {
        Ok(d) => d,
        Err(page) => return page,
    };
    let lang = text::lang();
    let sections = Kind::ALL
        .into_iter()
        .filter(|k| k.shown(d.regional))
        .map(|kind| {
            let g = grid(kind, &d, false, lang);
            let cells = |row: &Vec<Value>| row.iter().map(|v| v.html(lang)).collect::<Vec<_>>();
            Section {
                slug: kind.slug(),
                title: kind.title(),
                note: kind.note(d.regional),
                chart: chart(kind, &d),
                head: g.columns.into_iter().map(|(name, _)| name).collect(),
                rows: g.rows.iter().map(cells).collect(),
                total: g.total.as_ref().map(cells),
            }
        })
        .collect();
    let page = DashboardPage {
        layout: Layout::new(&s, text::with("dashboard-title", &[("scope", &d.title)]), Some(&actor)).await,
        title: d.title.clone(),
        regional: d.regional,
        read_at: instant(d.read_at),
        every: text::tn("dashboard-every-minutes", (dashboard::EVERY.as_secs() / 60) as i64),
        available: d.available.to_string(),
        reserved: d.reserved.to_string(),
        sections,
    };
    render(StatusCode::OK, &page)
}

async fn export(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path(file): Path<String>,
) -> Response {
    let d = match viewed(&s, &actor).await {
        Ok(d) => d,
        Err(page) => return page,
    };
    let Some(kind) = Kind::from_file(&file).filter(|k| k.shown(d.regional)) else {
        return not_found(State(s)).await;
    };
    // The XLSX is a download: Russian, whatever the page's language.
    let g = grid(kind, &d, true, Lang::Ru);
    let columns: Vec<(&str, f64)> = g.columns.iter().map(|(name, width)| (name.as_str(), *width)).collect();
    let mut rows: Vec<Vec<Cell>> =
        g.rows.into_iter().map(|r| r.into_iter().map(Value::cell).collect()).collect();
    if let Some(total) = g.total {
        rows.push(total.into_iter().map(Value::cell).collect());
    }
    match reports::table(kind.sheet(), &columns, rows).await {
        Ok(f) => reports::stream(f, &format!("panel-{}.xlsx", kind.slug())),
        Err(e) => server_error(&s, e).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_russians_write_them() {
        assert_eq!(count(162_940), "162\u{a0}940");
        assert_eq!(count(7), "7");
        assert_eq!(percent(Some(63.44)), "63,4\u{a0}%");
        assert_eq!(percent(None), "—");
    }

    #[test]
    fn every_chart_has_its_file() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_file(&format!("{}.xlsx", k.slug())), Some(k));
            assert!(k.sheet().chars().count() <= 31, "{}", k.sheet());
        }
        assert_eq!(Kind::from_file("coverage.csv"), None);
    }
}
