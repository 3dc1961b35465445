//! The public catalog: search with filters and their counts, and a program's page with its
//! groups, seats left and the place on a map. No login needed; a signed-in parent may pick a
//! child to see only what that child can join.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use dopcert_app::auth::Actor;
use dopcert_app::cabinet;
use dopcert_app::catalog::{self, CatalogQuery, ChildFilter, Days, PriceBucket, Results, Sort, PAGE_SIZE};
use dopcert_app::program::{self, ProgramError, ProgramView};
use dopcert_domain::money::Kopecks;
use dopcert_domain::program::{AgeRange, Direction, Funding, Point, ProgramStatus, Weekdays};

use super::{render, server_error, Pairs};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::MaybeUser;
use crate::text::{self, t};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new().get("/catalog", search).get("/catalog/{id}", page)
}

/// The query string as pairs: filters repeat their names (`direction=…&direction=…`).
struct Params(Pairs);

impl std::ops::Deref for Params {
    type Target = Pairs;
    fn deref(&self) -> &Pairs {
        &self.0
    }
}

impl Params {
    /// The same query with `name` set to `value` (or removed when empty): for links.
    fn with(&self, name: &str, value: &str) -> String {
        let mut pairs: Vec<(&str, &str)> = self
            .0
             .0
            .iter()
            .filter(|(k, _)| k != name && k != "page")
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        if !value.is_empty() {
            pairs.push((name, value));
        }
        let q = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        if q.is_empty() {
            "/catalog".into()
        } else {
            format!("/catalog?{q}")
        }
    }
}

/// The page's query; a picked child's age and municipality stand in for the typed ones.
fn query_of(p: &Params, child: Option<&ChildFilter>) -> CatalogQuery {
    let mut q = CatalogQuery::from_pairs(&p.0 .0);
    if let Some(c) = child {
        q.municipality_id = c.municipality_id.clone().or(q.municipality_id);
        q.age = c.age.or(q.age);
    }
    q
}

struct CardView {
    id: String,
    title: String,
    provider: String,
    municipality: String,
    direction: String,
    ages: String,
    price: String,
    seats: String,
    start: String,
}

fn card_view(c: dopcert_store::catalog::Card) -> CardView {
    let price = match (Funding::parse(&c.funding), c.min_price) {
        (Some(Funding::Free), _) | (_, Some(0)) | (_, None) => t("catalog-free"),
        (_, Some(k)) => text::with("catalog-card-price-from", &[("price", &Kopecks::new(k).to_string())]),
    };
    CardView {
        title: c.title,
        provider: c.organization_name,
        municipality: c.municipality_name,
        direction: Direction::parse(&c.direction).map(direction_title).unwrap_or_default(),
        ages: format!("{}–{} {}", c.age_min, c.age_max, text::tn("catalog-card-years", i64::from(c.age_max))),
        price,
        seats: match c.seats_left {
            0 => t("catalog-card-no-seats"),
            n => text::with("catalog-card-seats", &[("seats", &n.to_string())]),
        },
        start: c.next_start.as_deref().and_then(|d| d.parse().ok()).map(date).unwrap_or_default(),
        id: c.id,
    }
}

/// One choice of a filter with how many results it would give.
struct Choice {
    code: String,
    title: String,
    count: usize,
    on: bool,
}

struct ChildChoice {
    id: String,
    name: String,
    on: bool,
}

#[derive(Template)]
#[template(path = "catalog.html")]
struct SearchPage {
    layout: Layout,
    q: String,
    results: Results,
    cards: Vec<CardView>,
    directions: Vec<Choice>,
    municipalities: Vec<Choice>,
    providers: Vec<Choice>,
    funding: Vec<Choice>,
    days: Vec<Choice>,
    prices: Vec<Choice>,
    sorts: Vec<Choice>,
    age: String,
    children: Vec<ChildChoice>,
    child: Option<ChildFilter>,
    child_id: String,
    prev: Option<String>,
    next: Option<String>,
    first: usize,
    last: usize,
    clear_child: String,
    filtered: bool,
}

impl SearchPage {
    fn any_on(&self, choices: &[Choice]) -> bool {
        choices.iter().any(|c| c.on)
    }

    /// «7 лет»: the picked child's age.
    fn age_words(&self, age: &u8) -> String {
        self.layout.lang.tn("catalog-child-age", i64::from(*age))
    }
}

async fn search(
    State(s): State<WebState>,
    MaybeUser(actor): MaybeUser,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: axum::http::HeaderMap,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    if let Err(wait) = s.limits.search(&crate::client_address(&headers, peer, &s)) {
        return super::too_many(&s, actor.as_ref(), wait, &t("catalog-too-many")).await;
    }
    let p = Params(Pairs(q));
    let (children, child) = match children_of(&s, actor.as_ref(), p.get("child")).await {
        Ok(c) => c,
        Err(e) => return server_error(&s, e.to_string()).await,
    };
    let query = query_of(&p, child.as_ref());
    let results = match catalog::search(&s.app, &query).await {
        Ok(r) => r,
        Err(e) => return server_error(&s, e.to_string()).await,
    };
    let names = catalog::names(&s.app, &results.facets);
    let f = &results.facets;
    let chosen_dirs: Vec<&str> = p.all("direction").collect();
    let directions = Direction::ALL
        .iter()
        .map(|d| Choice {
            code: d.code().into(),
            title: direction_title(*d),
            count: f.direction(*d),
            on: chosen_dirs.contains(&d.code()),
        })
        .collect();
    let chosen_days: Vec<&str> = p.all("day").collect();
    let days = Days::ALL
        .iter()
        .map(|d| Choice {
            code: d.code(),
            title: day_title(*d),
            count: f.day(*d),
            on: chosen_days.contains(&d.code().as_str()),
        })
        .collect();
    let one = |code: &str, title: &str, count: usize, param: &str| Choice {
        code: code.into(),
        title: title.into(),
        count,
        on: p.get(param) == code,
    };
    let municipalities = names
        .municipalities
        .iter()
        .map(|(id, name)| one(id, name, f.municipality(id), "municipality"))
        .collect();
    let providers =
        names.providers.iter().map(|(id, name)| one(id, name, f.provider(id), "provider")).collect();
    let funding =
        Funding::ALL.iter().map(|x| one(x.code(), &funding_title(*x), f.funding(*x), "funding")).collect();
    let prices =
        PriceBucket::ALL.iter().map(|b| one(b.code(), &price_title(*b), f.price(*b), "price")).collect();
    let sort = query.sort;
    let sorts = Sort::ALL
        .iter()
        .map(|x| Choice { code: x.code().into(), title: sort_title(*x), count: 0, on: *x == sort })
        .collect();
    let page = results.page;
    let link = |n: u32| {
        format!(
            "{}{}page={n}",
            p.with("page", ""),
            if p.0 .0.iter().any(|(k, _)| k != "page") { "&" } else { "?" }
        )
    };
    let prev = (page > 1).then(|| link(page - 1));
    let next = (page < results.pages).then(|| link(page + 1));
    let first = (page as usize - 1) * PAGE_SIZE + 1;
    let cards: Vec<CardView> = results.cards.clone().into_iter().map(card_view).collect();
    let last = first + cards.len().saturating_sub(1);
    let filtered = p.0 .0.iter().any(|(k, v)| k != "page" && k != "sort" && k != "q" && !v.is_empty());
    let layout = Layout::new(&s, t("catalog-title"), actor.as_ref()).await;
    let page = SearchPage {
        layout,
        q: query.text.clone(),
        cards,
        directions,
        municipalities,
        providers,
        funding,
        days,
        prices,
        sorts,
        age: query.age.map(|a| a.to_string()).unwrap_or_default(),
        children,
        child_id: p.get("child").to_string(),
        clear_child: p.with("child", ""),
        child,
        prev,
        next,
        first,
        last,
        filtered,
        results,
    };
    render(StatusCode::OK, &page)
}

/// The actor's children to pick from, and the one picked (R04: only one's own).
async fn children_of(
    s: &WebState,
    actor: Option<&Actor>,
    picked: &str,
) -> Result<(Vec<ChildChoice>, Option<ChildFilter>), dopcert_store::StoreError> {
    let Some(actor) = actor else { return Ok((Vec::new(), None)) };
    let children = cabinet::children(&s.app, actor).await?;
    let child = match children.iter().find(|c| !picked.is_empty() && c.id.as_str() == picked) {
        Some(c) => Some(catalog::child_filter(&s.app, c).await?),
        None => None,
    };
    let choices = children
        .into_iter()
        .map(|c| ChildChoice {
            on: c.id.as_str() == picked,
            id: c.id.to_string(),
            name: c.name.first().to_string(),
        })
        .collect();
    Ok((choices, child))
}

// ---- a program's page ----

struct GroupView {
    title: String,
    schedule: String,
    teacher: String,
    address: String,
    seats_left: i64,
    seats: u32,
    dates: String,
    enrollment: String,
    open: bool,
    map_link: Option<String>,
}

struct ModuleView {
    title: String,
    hours: u32,
    price: String,
    groups: Vec<GroupView>,
}

/// A static map: the OpenStreetMap tiles that a window with the place in the middle shows (of
/// the 3 × 3 around it). Plain SVG, no script and no key.
pub(crate) struct Map {
    pub(crate) tiles: Vec<(String, i64, i64)>,
    pub(crate) view_box: String,
    pub(crate) cx: i64,
    pub(crate) cy: i64,
    pub(crate) link: String,
}

const ZOOM: u32 = 16;
const TILE: i64 = 256;
pub(crate) const TILE_SERVER: &str = "https://tile.openstreetmap.org";

pub(crate) fn map_of(p: Point) -> Map {
    let n = f64::from(1u32 << ZOOM);
    let lat = p.lat().to_radians();
    let x = (p.lon() + 180.0) / 360.0 * n * TILE as f64;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * n * TILE as f64;
    let (px, py) = (x.round() as i64, y.round() as i64);
    let (tx, ty) = (px / TILE, py / TILE);
    let (w, h) = (480, 300);
    // Only the tiles the view shows (usually 4 or 6 of the 9 around): each is another site's
    // PNG of 10–30 KB on a slow network (issue 9, docs/PAGES.md).
    let shown = |at: i64, centre: i64, size: i64| at + TILE > centre - size / 2 && at < centre + size / 2;
    let mut tiles = Vec::new();
    for dy in -1..=1 {
        for dx in -1..=1 {
            let (ix, iy) = (tx + dx, ty + dy);
            if shown(ix * TILE, px, w) && shown(iy * TILE, py, h) {
                tiles.push((format!("{TILE_SERVER}/{ZOOM}/{ix}/{iy}.png"), ix * TILE, iy * TILE));
            }
        }
    }
    Map {
        tiles,
        view_box: format!("{} {} {w} {h}", px - w / 2, py - h / 2),
        cx: px,
        cy: py,
        link: osm_link(p),
    }
}

fn osm_link(p: Point) -> String {
    format!(
        "https://www.openstreetmap.org/?mlat={:.6}&mlon={:.6}#map=17/{:.6}/{:.6}",
        p.lat(),
        p.lon(),
        p.lat(),
        p.lon()
    )
}

#[derive(Template)]
#[template(path = "program.html")]
struct ProgramPage {
    layout: Layout,
    id: String,
    title: String,
    direction: String,
    ages: String,
    funding: String,
    status_note: Option<String>,
    description: String,
    provider: String,
    provider_address: String,
    provider_phone: String,
    municipality: String,
    modules: Vec<ModuleView>,
    photos: Vec<String>,
    /// The map, when asked for (`?map=1`): its tiles are another site's, 4 to 6 images a phone
    /// should not fetch unasked.
    map: Option<Map>,
    /// Whether a group has a place to show: the link that asks for the map.
    has_map: bool,
    map_address: String,
    may_enroll: bool,
    enroll_hint: String,
    certified_until: String,
}

async fn page(
    State(s): State<WebState>,
    MaybeUser(actor): MaybeUser,
    Path(id): Path<String>,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    let show_map = q.iter().any(|(k, v)| k == "map" && v == "1");
    let v = match program::view(&s.app, actor.as_ref(), &id).await {
        Ok(v) => v,
        Err(ProgramError::Store(e)) => return server_error(&s, e.to_string()).await,
        Err(_) => return super::not_found(State(s)).await,
    };
    let offer = match program::enrollment_offer(&s.app, actor.as_ref(), &v).await {
        Ok(o) => o,
        Err(e) => return server_error(&s, e.to_string()).await,
    };
    let layout = Layout::new(&s, v.program.title.clone(), actor.as_ref()).await;
    let mut page = program_page(layout, &v, offer, s.app.clock.today());
    if !show_map {
        page.map = None;
    }
    render(StatusCode::OK, &page)
}

fn program_page(
    layout: Layout,
    v: &ProgramView,
    offer: program::Offer,
    today: jiff::civil::Date,
) -> ProgramPage {
    let p = &v.program;
    let modules = v
        .modules
        .iter()
        .map(|m| ModuleView {
            title: m.title.clone(),
            hours: m.terms.hours,
            price: if m.terms.price_per_month == Kopecks::ZERO {
                t("catalog-free")
            } else {
                text::with("program-price-per-month", &[("price", &m.terms.price_per_month.to_string())])
            },
            groups: v
                .groups_of(&m.id)
                .into_iter()
                .map(|g| GroupView {
                    title: g.fields.title.clone(),
                    schedule: g.fields.schedule.clone(),
                    teacher: g.fields.teacher.clone(),
                    address: g.fields.address.clone(),
                    seats_left: g.seats_left(),
                    seats: g.fields.seats,
                    dates: from_to(g.fields.starts_on, g.fields.ends_on),
                    enrollment: text::with(
                        "program-enrollment",
                        &[("from", &date(g.fields.enrollment_from)), ("to", &date(g.fields.enrollment_to))],
                    ),
                    open: g.enrollment_open(today),
                    map_link: g.fields.point.map(osm_link),
                })
                .collect(),
        })
        .collect();
    let placed = v.groups.iter().find(|g| g.fields.point.is_some());
    let status_note = match p.status {
        ProgramStatus::Certified if v.listed() => None,
        ProgramStatus::Expired => Some(t("program-expired-note")),
        _ => Some(t("program-not-enrolling")),
    };
    let (may_enroll, enroll_hint) = match offer {
        program::Offer::Enroll => (true, String::new()),
        program::Offer::SignIn => (false, t("program-hint-sign-in")),
        program::Offer::NeedsCertificate => (false, t("program-hint-needs-certificate")),
        program::Offer::NeedsFunds => (false, t("program-hint-needs-funds")),
        program::Offer::Closed => (false, String::new()),
    };
    ProgramPage {
        layout,
        id: p.id.to_string(),
        title: p.title.clone(),
        direction: direction_title(p.direction),
        ages: ages_text(p.ages),
        funding: funding_title(p.funding),
        status_note,
        description: p.description.clone(),
        provider: v.organization.full_name.clone(),
        provider_address: v.organization.address.clone(),
        provider_phone: v.organization.phone.clone().unwrap_or_default(),
        municipality: v.municipality_name.clone(),
        modules,
        photos: v.photos.clone(),
        map: placed.and_then(|g| g.fields.point).map(map_of),
        has_map: placed.is_some(),
        map_address: placed.map(|g| g.fields.address.clone()).unwrap_or_default(),
        may_enroll,
        enroll_hint,
        certified_until: p.certified_until.map(date).unwrap_or_default(),
    }
}

// ---- words the catalog's pages share (the domain names them in Russian) ----

/// A date in words in the page's language.
pub(crate) fn date(d: jiff::civil::Date) -> String {
    text::lang().date_long(d)
}

/// «с 1 сентября 2026 по 31 мая 2027».
pub(crate) fn from_to(from: jiff::civil::Date, to: jiff::civil::Date) -> String {
    text::with("catalog-from-to", &[("from", &date(from)), ("to", &date(to))])
}

/// «от 7 до 12 лет».
pub(crate) fn ages_text(ages: AgeRange) -> String {
    crate::words::ages(text::lang(), ages)
}

pub(crate) fn direction_title(d: Direction) -> String {
    match d {
        Direction::Technical => t("catalog-direction-technical"),
        Direction::NaturalScience => t("catalog-direction-natural-science"),
        Direction::PhysicalSport => t("catalog-direction-physical-sport"),
        Direction::Artistic => t("catalog-direction-artistic"),
        Direction::TourismLocalHistory => t("catalog-direction-tourism"),
        Direction::SocialHumanitarian => t("catalog-direction-social"),
    }
}

pub(crate) fn funding_title(f: Funding) -> String {
    match f {
        Funding::Free => t("catalog-funding-free"),
        Funding::Certificate => t("catalog-funding-certificate"),
    }
}

pub(crate) fn status_title(s: ProgramStatus) -> String {
    crate::words::program_status(text::lang(), s)
}

/// A day or several in the page's language, Monday first: «пн», «пн, ср, пт»; «Mon, Wed, Fri».
pub(crate) fn day_title(days: Weekdays) -> String {
    days_in(days, text::lang())
}

/// The short names of the days, in the order of `Weekdays::ALL`.
const DAY_KEYS: [&str; 7] = [
    "catalog-day-mon",
    "catalog-day-tue",
    "catalog-day-wed",
    "catalog-day-thu",
    "catalog-day-fri",
    "catalog-day-sat",
    "catalog-day-sun",
];

fn days_in(days: Weekdays, lang: text::Lang) -> String {
    let names: Vec<String> = Weekdays::ALL
        .iter()
        .zip(DAY_KEYS)
        .filter(|(d, _)| days.contains(**d))
        .map(|(_, k)| lang.t(k))
        .collect();
    names.join(", ")
}

fn price_title(b: PriceBucket) -> String {
    match b {
        PriceBucket::Zero => t("catalog-price-zero"),
        PriceBucket::UpTo1000 => t("catalog-price-up-to-1000"),
        PriceBucket::UpTo3000 => t("catalog-price-1000-3000"),
        PriceBucket::UpTo5000 => t("catalog-price-3000-5000"),
        PriceBucket::Over5000 => t("catalog-price-over-5000"),
    }
}

fn sort_title(s: Sort) -> String {
    match s {
        Sort::Relevance => t("catalog-sort-relevance"),
        Sort::NearestStart => t("catalog-sort-start"),
        Sort::Price => t("catalog-sort-price"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    /// Several days read in the page's language, as single days do (not the domain's Russian).
    #[test]
    fn days_are_named_in_the_page_language() {
        let days = Weekdays::MONDAY | Weekdays::WEDNESDAY | Weekdays::SUNDAY;
        assert_eq!(days_in(days, Lang::Ru), "пн, ср, вс");
        assert_eq!(days_in(days, Lang::Ru), days.title(), "Russian as the domain names them");
        assert_eq!(days_in(days, Lang::En), "Mon, Wed, Sun");
        assert_eq!(days_in(Weekdays::FRIDAY, Lang::En), "Fri");
        assert_eq!(days_in(Weekdays::FRIDAY, Lang::Ru), "пт");
        assert_eq!(days_in(Weekdays::NONE, Lang::En), "");
        for (d, key) in Weekdays::ALL.iter().zip(DAY_KEYS) {
            assert_eq!(key, format!("catalog-day-{}", d.code()), "DAY_KEYS follow Weekdays::ALL");
        }
    }

    /// Issue 9: a slow network fetches no tile the map does not show, and the map has no hole.
    #[test]
    fn a_map_fetches_exactly_the_tiles_its_window_shows() {
        for (lat, lon) in
            [(56.8587, 35.9176), (57.0, 34.95), (56.86, 35.9), (58.0476, 38.8586), (56.2, 32.78)]
        {
            let m = map_of(Point { lat_e6: (lat * 1e6) as i64, lon_e6: (lon * 1e6) as i64 });
            let v: Vec<i64> = m.view_box.split(' ').map(|x| x.parse().unwrap()).collect();
            let (x0, y0, x1, y1) = (v[0], v[1], v[0] + v[2], v[1] + v[3]);
            for (_, x, y) in &m.tiles {
                assert!(x + TILE > x0 && *x < x1 && y + TILE > y0 && *y < y1, "tile at {x},{y} unseen");
            }
            for px in (x0..x1).step_by(8) {
                for py in (y0..y1).step_by(8) {
                    let covered = m
                        .tiles
                        .iter()
                        .any(|(_, x, y)| (*x..x + TILE).contains(&px) && (*y..y + TILE).contains(&py));
                    assert!(covered, "a hole at {px},{py} of the map at {lat},{lon}");
                }
            }
            assert!(m.tiles.len() < 9, "{} tiles at {lat},{lon}", m.tiles.len());
        }
    }
}
