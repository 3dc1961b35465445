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

use super::charts::{self, Chart, Group, Scale, Series};
use super::login::capitalize;
use super::reports::{self, Cell};
use super::{message, not_found, render, server_error, Message};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::CurrentUser;
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

    fn title(self) -> &'static str {
        match self {
            Kind::Coverage => "Сертификаты и зачисления по месяцам",
            Kind::Money => "Деньги сертификатов по месяцам",
            Kind::Directions => "Зачисления по направленностям",
            Kind::Organizations => "Зачисления по организациям",
            Kind::Seats => "Места в группах: предложено и занято",
            Kind::Waitlists => "Программы с самым длинным листом ожидания",
            Kind::Municipalities => "По муниципалитетам",
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

    fn note(self, regional: bool) -> &'static str {
        match (self, regional) {
            (Kind::Coverage, _) => {
                "Доля детей 5–17 лет, живущих здесь, с действующим сертификатом (выданным и не закрытым к концу \
                 месяца) и обучающихся по договору хотя бы один день месяца. Текущий месяц — по сегодняшний день."
            }
            (Kind::Money, _) => {
                "Движения по счетам сертификатов по месяцу проводки (сторно вычтено): начислено номиналов, \
                 зарезервировано по договорам, списано за занятия (начисление за месяц проводится после \
                 него), сгорело в конце периода. Освобождённое из резерва и возвращённое в бюджет — в \
                 таблице."
            }
            (Kind::Directions, false) => "Договоры, действующие сейчас, по направленностям программ организаций муниципалитета.",
            (Kind::Directions, true) => "Договоры, действующие сейчас, по направленностям программ организаций региона.",
            (Kind::Organizations, _) => {
                "Договоры, действующие сейчас, по организациям. На диаграмме и в таблице — 15 организаций с \
                 наибольшим числом, полный список — в XLSX."
            }
            (Kind::Seats, _) => {
                "Места в группах сертифицированных программ, которые идут или начнутся: сколько предложено и \
                 сколько занято (заявками, ждущими решения, и договорами)."
            }
            (Kind::Waitlists, _) => "Десять программ, в группы которых больше всего детей ждут места.",
            (Kind::Municipalities, _) => {
                "Дети, сертификаты и обучающиеся — в текущем месяце; деньги — за двенадцать месяцев; места и \
                 листы ожидания — сейчас."
            }
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
    fn html(&self) -> Td {
        match self {
            Value::Text(t) => Td { text: t.clone(), numeric: false },
            Value::Count(n) => Td { text: count(*n), numeric: true },
            Value::Money(k) => Td { text: k.to_string(), numeric: true },
            Value::Share(p) => Td { text: percent(*p), numeric: true },
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
    columns: Vec<(&'static str, f64)>,
    rows: Vec<Vec<Value>>,
    total: Option<Vec<Value>>,
}

/// «162 940»: thousands apart by a no-break space, as money is.
fn count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('−');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}

/// «63,4 %», or a dash when there is nothing to divide by.
fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "—".to_string(), |p| format!("{p:.1}\u{a0}%").replace('.', ","))
}

const MONTH_SHORT: [&str; 12] =
    ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"];

/// «Ноябрь 2026»: a row's heading.
fn month_name(m: &Month) -> String {
    capitalize(&format::month_year(m.first))
}

/// «ноя», with the year's last two digits at the series' start and at January.
fn month_short(m: &Month, first: bool) -> String {
    let short = MONTH_SHORT[(m.first.month() - 1) as usize];
    if first || m.first.month() == 1 {
        format!("{short} {:02}", m.first.year() % 100)
    } else {
        short.to_string()
    }
}

fn day(d: jiff::civil::Date) -> String {
    format::date_short(d)
}

fn money_sum(values: impl Iterator<Item = Kopecks>) -> Kopecks {
    Kopecks::new(values.map(Kopecks::get).sum())
}

fn grid(kind: Kind, d: &Dashboard, whole: bool) -> Grid {
    match kind {
        Kind::Coverage => Grid {
            columns: vec![
                ("Месяц", 16.0),
                ("На дату", 12.0),
                ("Детей 5–17 лет", 15.0),
                ("С сертификатом", 15.0),
                ("Доля с сертификатом", 18.0),
                ("Обучаются", 12.0),
                ("Доля обучающихся", 17.0),
            ],
            rows: d
                .months
                .iter()
                .map(|m| {
                    vec![
                        Value::Text(month_name(m)),
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
                    ("Месяц", 16.0),
                    ("Начислено номиналов, ₽", 20.0),
                    ("Зарезервировано по договорам, ₽", 24.0),
                    ("Освобождено из резерва, ₽", 22.0),
                    ("Списано за занятия, ₽", 20.0),
                    ("Возвращено в бюджет, ₽", 20.0),
                    ("Сгорело в конце периода, ₽", 22.0),
                ],
                rows: d.months.iter().map(|m| line(month_name(m), &m.money)).collect(),
                total: Some(line("Итого за 12 месяцев".into(), &total)),
            }
        }
        Kind::Directions => {
            let all: i64 = d.directions.iter().map(|l| l.enrolled).sum();
            Grid {
                columns: vec![("Направленность", 28.0), ("Обучаются", 12.0), ("Доля", 10.0)],
                rows: d
                    .directions
                    .iter()
                    .map(|l| {
                        vec![
                            Value::Text(l.direction.title().into()),
                            Value::Count(l.enrolled),
                            Value::Share(share(l.enrolled, all)),
                        ]
                    })
                    .collect(),
                total: Some(vec![
                    Value::Text("Всего".into()),
                    Value::Count(all),
                    Value::Share(share(all, all)),
                ]),
            }
        }
        Kind::Organizations => {
            let mut columns = vec![("Организация", 40.0), ("ИНН", 14.0)];
            if d.regional {
                columns.push(("Муниципалитет", 26.0));
            }
            columns.push(("Обучаются", 12.0));
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
                let mut row =
                    vec![Value::Text(format!("Остальные организации ({})", count(rest.len() as i64)))];
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
                    ("Направленность", 28.0),
                    ("Групп", 10.0),
                    ("Мест", 10.0),
                    ("Занято", 10.0),
                    ("Свободно", 10.0),
                    ("Заполнено", 11.0),
                ],
                rows: d
                    .directions
                    .iter()
                    .map(|l| line(l.direction.title().into(), l.groups, l.seats, l.taken))
                    .collect(),
                total: Some(line("Всего".into(), sum(|l| l.groups), sum(|l| l.seats), sum(|l| l.taken))),
            }
        }
        Kind::Waitlists => {
            let mut columns = vec![("Программа", 40.0), ("Организация", 30.0)];
            if d.regional {
                columns.push(("Муниципалитет", 26.0));
            }
            columns.extend([("В листе ожидания", 16.0), ("Мест", 10.0), ("Занято", 10.0)]);
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
                    ("Муниципалитет", 34.0),
                    ("Детей 5–17 лет", 14.0),
                    ("С сертификатом", 15.0),
                    ("Доля с сертификатом", 18.0),
                    ("Обучаются", 12.0),
                    ("Доля обучающихся", 17.0),
                    ("Начислено номиналов за 12 мес., ₽", 24.0),
                    ("Списано за 12 мес., ₽", 20.0),
                    ("Мест", 10.0),
                    ("Занято", 10.0),
                    ("В листе ожидания", 16.0),
                ],
                rows: ls.iter().map(|l| line(l.name.clone(), l)).collect(),
                total: Some(line("Весь регион".into(), &total)),
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
    match kind {
        Kind::Coverage => {
            let series =
                [Series { name: "С сертификатом", class: S1 }, Series { name: "Обучаются", class: S2 }];
            let groups: Vec<Group> = d
                .months
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let stated = |part: i64| {
                        (
                            share(part, m.children).unwrap_or(0.0),
                            format!(
                                "{} ({} из {})",
                                percent(share(part, m.children)),
                                count(part),
                                count(m.children)
                            ),
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
                format!(
                    "Доля детей 5–17 лет с сертификатом и обучающихся за 12 месяцев по {}; на {}: с сертификатом {}, обучаются {}.",
                    day(m.as_of),
                    day(m.as_of),
                    percent(share(m.certified, m.children)),
                    percent(share(m.enrolled, m.children))
                )
            });
            charts::columns(&id, title, &description, &series, &groups, Scale::Percent)
        }
        Kind::Money => {
            let series = [
                Series { name: "Начислено номиналов", class: S1 },
                Series { name: "Зарезервировано", class: S2 },
                Series { name: "Списано за занятия", class: S3 },
                Series { name: "Сгорело", class: S4 },
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
            let description = format!(
                "Движения денег сертификатов по месяцам за 12 месяцев: начислено номиналов {nominal}, списано за занятия {spent}."
            );
            charts::columns(&id, title, &description, &series, &groups, Scale::Rubles)
        }
        Kind::Directions => {
            let series = [Series { name: "Обучаются", class: S1 }];
            let groups: Vec<Group> = d
                .directions
                .iter()
                .map(|l| Group {
                    label: l.direction.title().into(),
                    values: vec![(l.enrolled as f64, count(l.enrolled))],
                })
                .collect();
            let all: i64 = d.directions.iter().map(|l| l.enrolled).sum();
            let description = format!("Действующие договоры по шести направленностям, всего {}.", count(all));
            charts::bars(&id, title, &description, &series, &groups, Scale::Count)
        }
        Kind::Organizations => {
            let series = [Series { name: "Обучаются", class: S1 }];
            let groups: Vec<Group> = d
                .organizations
                .iter()
                .take(TOP_ORGANIZATIONS)
                .map(|l| Group {
                    label: l.organization.clone(),
                    values: vec![(l.enrolled as f64, count(l.enrolled))],
                })
                .collect();
            let description = format!(
                "Действующие договоры по организациям: {} с наибольшим числом из {}.",
                groups.len(),
                d.organizations.len()
            );
            charts::bars(&id, title, &description, &series, &groups, Scale::Count)
        }
        Kind::Seats => {
            let series = [Series { name: "Мест", class: S1 }, Series { name: "Занято", class: S2 }];
            let groups: Vec<Group> = d
                .directions
                .iter()
                .map(|l| Group {
                    label: l.direction.title().into(),
                    values: vec![(l.seats as f64, count(l.seats)), (l.taken as f64, count(l.taken))],
                })
                .collect();
            let (seats, taken) = d.directions.iter().fold((0, 0), |(s, t), l| (s + l.seats, t + l.taken));
            let description = format!(
                "Места в группах по направленностям: предложено {}, занято {} ({}).",
                count(seats),
                count(taken),
                percent(share(taken, seats))
            );
            charts::bars(&id, title, &description, &series, &groups, Scale::Count)
        }
        Kind::Waitlists => {
            let series = [Series { name: "В листе ожидания", class: S4 }];
            let groups: Vec<Group> = d
                .waitlists
                .iter()
                .map(|l| Group {
                    label: format!("{} — {}", l.title, l.organization),
                    values: vec![(l.waitlisted as f64, count(l.waitlisted))],
                })
                .collect();
            let description = match d.waitlists.first() {
                Some(l) => format!("Самый длинный лист ожидания — {}: {}.", l.title, count(l.waitlisted)),
                None => "Листов ожидания нет.".to_string(),
            };
            charts::bars(&id, title, &description, &series, &groups, Scale::Count)
        }
        Kind::Municipalities => {
            let series =
                [Series { name: "С сертификатом", class: S1 }, Series { name: "Обучаются", class: S2 }];
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
            let description = format!(
                "Доля детей 5–17 лет с сертификатом и обучающихся в текущем месяце по {}.",
                format::count(d.municipalities.len(), "муниципалитету", "муниципалитетам", "муниципалитетам")
            );
            charts::bars(&id, title, &description, &series, &groups, Scale::Percent)
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
    title: &'static str,
    note: &'static str,
    chart: Chart,
    head: Vec<&'static str>,
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
    every_minutes: u64,
    available: String,
    reserved: String,
    sections: Vec<Section>,
}

async fn forbidden(s: &WebState, actor: &Actor) -> Response {
    let page = Message {
        layout: Layout::new(s, "Нет доступа", Some(actor)).await,
        heading: "Нет доступа".into(),
        text: capitalize(&DashboardError::Forbidden.to_string()),
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
            let mut page = message(s, Some(actor), status, "Панель собирается", &e.to_string()).await;
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
    let sections = Kind::ALL
        .into_iter()
        .filter(|k| k.shown(d.regional))
        .map(|kind| {
            let g = grid(kind, &d, false);
            let cells = |row: &Vec<Value>| row.iter().map(Value::html).collect::<Vec<_>>();
            Section {
                slug: kind.slug(),
                title: kind.title(),
                note: kind.note(d.regional),
                chart: chart(kind, &d),
                head: g.columns.iter().map(|(name, _)| *name).collect(),
                rows: g.rows.iter().map(cells).collect(),
                total: g.total.as_ref().map(cells),
            }
        })
        .collect();
    let page = DashboardPage {
        layout: Layout::new(&s, format!("Панель: {}", d.title), Some(&actor)).await,
        title: d.title.clone(),
        regional: d.regional,
        read_at: format::instant(d.read_at),
        every_minutes: dashboard::EVERY.as_secs() / 60,
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
    let g = grid(kind, &d, true);
    let mut rows: Vec<Vec<Cell>> =
        g.rows.into_iter().map(|r| r.into_iter().map(Value::cell).collect()).collect();
    if let Some(total) = g.total {
        rows.push(total.into_iter().map(Value::cell).collect());
    }
    match reports::table(kind.sheet(), &g.columns, rows).await {
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
