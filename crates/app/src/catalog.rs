//! The public catalog: one in-RAM search index per app server (docs/SEARCH.md), rebuilt from the
//! database at start and kept current by polling the change log that every program use case
//! writes; a result page reads its cards (seats left included) from the database by id.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::Arc;

use dopcert_domain::eligibility;
use dopcert_domain::money::Kopecks;
use dopcert_domain::program::{Direction, Funding};
use dopcert_search::{Catalog, Found, ProgramDoc, SearchError};
use dopcert_store::catalog::{self as store, Card, Listed, EVERYTHING};
use dopcert_store::program::{self as programs, Group};
use dopcert_store::{AnyConnection, StoreError};
use jiff::civil::Date;

use crate::App;

pub use dopcert_search::{CatalogQuery, Days, Facets, PriceBucket, Sort, MAX_PAGE, PAGE_SIZE};

/// The index of this server and how far it has read the change log.
pub struct CatalogIndex {
    catalog: Catalog,
    seq: AtomicI64,
    ready: AtomicBool,
    /// Names for the filters, learnt while indexing (so a result page reads no names).
    names: std::sync::RwLock<Known>,
}

/// Municipalities (by name) and providers the index has seen, by id.
#[derive(Debug, Default, Clone)]
struct Known {
    municipalities: std::collections::HashMap<String, String>,
    providers: std::collections::HashMap<String, String>,
}

impl Known {
    fn learn(&mut self, l: &Listed) {
        self.municipalities.insert(l.municipality_id.clone(), l.municipality_name.clone());
        self.providers.insert(l.organization_id.clone(), l.organization_name.clone());
    }
}

impl std::fmt::Debug for CatalogIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CatalogIndex").field("programs", &self.catalog.len()).finish()
    }
}

impl CatalogIndex {
    pub fn new() -> Arc<CatalogIndex> {
        let catalog = Catalog::new().expect("an empty in-RAM index can always be made");
        Arc::new(CatalogIndex {
            catalog,
            seq: AtomicI64::new(0),
            ready: AtomicBool::new(false),
            names: Default::default(),
        })
    }

    /// Built at least once: `/readyz` waits for this.
    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Acquire)
    }

    pub fn len(&self) -> u64 {
        self.catalog.len()
    }

    pub fn is_empty(&self) -> bool {
        self.catalog.is_empty()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("search index: {0}")]
    Search(#[from] SearchError),
    #[error("search index task: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// How often each server reads the change log.
pub const POLL_EVERY: std::time::Duration = std::time::Duration::from_secs(1);
const BATCH: i64 = store::MAX_ROWS as i64;

fn doc(l: Listed, groups: &[&Group], today: Date) -> ProgramDoc {
    let open: Vec<&&Group> = groups.iter().filter(|g| g.fields.enrollment_to >= today).collect();
    let days = groups.iter().filter(|g| g.fields.ends_on >= today).fold(Days::NONE, |d, g| d | g.fields.days);
    let age = |a: i32| u8::try_from(a).unwrap_or(0);
    ProgramDoc {
        body: format!("{}\n{}\n{}", l.description, l.organization_name, l.municipality_name),
        direction: Direction::parse(&l.direction).unwrap_or(Direction::SocialHumanitarian),
        funding: Funding::parse(&l.funding).unwrap_or(Funding::Certificate),
        age_min: age(l.age_min),
        age_max: age(l.age_max),
        days,
        price: Kopecks::new(l.min_price.unwrap_or(0)),
        next_start: open.iter().map(|g| g.fields.starts_on).min(),
        municipality_id: l.municipality_id,
        provider_id: l.organization_id,
        title: l.title,
        id: l.id,
    }
}

async fn docs_of(
    conn: &mut AnyConnection,
    listed: Vec<Listed>,
    today: Date,
    known: &mut Known,
) -> Result<Vec<ProgramDoc>, StoreError> {
    listed.iter().for_each(|l| known.learn(l));
    let ids: Vec<String> = listed.iter().map(|l| l.id.clone()).collect();
    let groups = programs::groups_of(conn, &ids).await?;
    let mut by_program: std::collections::HashMap<&str, Vec<&Group>> = std::collections::HashMap::new();
    for g in &groups {
        by_program.entry(g.program_id.as_str()).or_default().push(g);
    }
    Ok(listed
        .into_iter()
        .map(|l| {
            let mine = by_program.remove(l.id.as_str()).unwrap_or_default();
            doc(l, &mine, today)
        })
        .collect())
}

/// Builds this server's index from the database. The log position is read first, so changes
/// committed during the build are applied again by the next poll (applying is idempotent).
pub async fn rebuild(app: &App) -> Result<u64, CatalogError> {
    let today = app.clock.today();
    let mut conn = app.store.reader().await?;
    let seq = store::current_seq(&mut conn).await?;
    let mut all = Vec::new();
    let mut known = Known::default();
    let mut after = String::new();
    loop {
        let page = store::listed_page(&mut conn, &after, BATCH).await?;
        let Some(last) = page.last() else { break };
        after = last.id.clone();
        let n = page.len();
        all.extend(docs_of(&mut conn, page, today, &mut known).await?);
        if (n as i64) < BATCH {
            break;
        }
    }
    drop(conn);
    let count = all.len() as u64;
    let index = app.catalog.clone();
    tokio::task::spawn_blocking(move || index.catalog.rebuild(all)).await??;
    *app.catalog.names.write().unwrap_or_else(|e| e.into_inner()) = known;
    app.catalog.seq.store(seq, Ordering::Release);
    app.catalog.ready.store(true, Ordering::Release);
    // A rebuild follows a reload of the region: the footer's facts may have changed too.
    app.overview.clear();
    tracing::info!(programs = count, seq, "catalog index built");
    Ok(count)
}

/// Applies the changes logged since the last poll; returns how many programs it re-read.
pub async fn poll(app: &App) -> Result<usize, CatalogError> {
    let since = app.catalog.seq.load(Ordering::Acquire);
    let mut conn = app.store.reader().await?;
    let changes = store::changes_since(&mut conn, since, BATCH).await?;
    let Some(last) = changes.last().map(|(s, _)| *s) else { return Ok(0) };
    if changes.iter().any(|(_, p)| p == EVERYTHING) {
        drop(conn);
        return Ok(rebuild(app).await? as usize);
    }
    // A full batch may end in the middle of its last seq's rows: stop before that seq, unless
    // the batch is that one seq (a change writes at most a batch of rows, so it is then whole).
    let upto =
        if changes.len() as i64 == BATCH && changes.iter().any(|(s, _)| *s < last) { last - 1 } else { last };
    let ids: BTreeSet<String> = changes.iter().filter(|(s, _)| *s <= upto).map(|(_, p)| p.clone()).collect();
    let today = app.clock.today();
    let mut listed = Vec::new();
    for id in &ids {
        if let Some(l) = store::listed(&mut conn, id).await? {
            listed.push(l);
        }
    }
    let mut known = app.catalog.names.read().unwrap_or_else(|e| e.into_inner()).clone();
    let docs = docs_of(&mut conn, listed, today, &mut known).await?;
    drop(conn);
    *app.catalog.names.write().unwrap_or_else(|e| e.into_inner()) = known;
    let mut updates: Vec<(String, Option<ProgramDoc>)> = ids.iter().map(|id| (id.clone(), None)).collect();
    for d in docs {
        if let Some(u) = updates.iter_mut().find(|(id, _)| *id == d.id) {
            u.1 = Some(d);
        }
    }
    let n = updates.len();
    let index = app.catalog.clone();
    tokio::task::spawn_blocking(move || index.catalog.apply(updates)).await??;
    app.catalog.seq.store(upto, Ordering::Release);
    Ok(n)
}

/// Polls until the process ends; a failed poll is logged and retried.
pub async fn keep_current(app: App) {
    let mut every = tokio::time::interval(POLL_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        let result = if app.catalog.is_ready() {
            poll(&app).await.map(|_| ())
        } else {
            rebuild(&app).await.map(|_| ())
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, "catalog index not updated; retrying");
        }
    }
}

/// A page of results: the cards in the index's order, with the counts for the filters.
#[derive(Debug, Clone)]
pub struct Results {
    pub cards: Vec<Card>,
    pub total: usize,
    pub facets: Facets,
    pub no_words: bool,
    pub page: u32,
    pub pages: u32,
}

pub async fn search(app: &App, q: &CatalogQuery) -> Result<Results, CatalogError> {
    // Inline, not on a blocking thread: a search costs well under 2 ms of CPU (SEARCH.md).
    let mut found = app.catalog.catalog.search(q)?;
    let last_page = (found.total.div_ceil(PAGE_SIZE) as u32).clamp(1, MAX_PAGE);
    if found.ids.is_empty() && found.total > 0 && q.page > last_page {
        // A page past the end (an old link, a typed number): the last page instead.
        found = app.catalog.catalog.search(&CatalogQuery { page: last_page, ..q.clone() })?;
    }
    let Found { ids, total, facets, no_words } = found;
    let cards = if ids.is_empty() {
        Vec::new()
    } else {
        let mut conn = app.store.reader().await?;
        store::cards(&mut conn, &ids, app.clock.today()).await?
    };
    let pages = (total.div_ceil(PAGE_SIZE) as u32).clamp(1, MAX_PAGE);
    Ok(Results { cards, total, facets, no_words, page: q.page.clamp(1, pages), pages })
}

/// What a selected child can join: programs for their age, in their municipality (the
/// certificate pays in the municipality that issued it).
#[derive(Debug, Clone)]
pub struct ChildFilter {
    pub name: String,
    pub age: Option<u8>,
    pub municipality_id: Option<String>,
}

/// The filter for one of the actor's children, as `cabinet::children` gave it (so only their
/// own: R04).
pub async fn child_filter(app: &App, child: &crate::cabinet::ChildView) -> Result<ChildFilter, StoreError> {
    let today = app.clock.today();
    let age = child.birth_date.and_then(|b| u8::try_from(eligibility::age_on(b, today)).ok());
    let certificate = {
        let mut conn = app.store.reader().await?;
        dopcert_store::certificate::by_child(&mut conn, &child.id).await?
    };
    let municipality_id = match certificate {
        Some(cert) => Some(cert.municipality_id),
        None => {
            let person = {
                let mut conn = app.store.reader().await?;
                dopcert_store::person::get(&mut conn, &child.id).await?
            };
            crate::certificate::child_municipality(app, &person).await?
        }
    }
    .map(|m| m.to_string());
    Ok(ChildFilter { name: child.name.first().to_string(), age, municipality_id })
}

/// Names for the filters: the municipalities with programs in the catalog (by name), and the
/// providers with the most results (at most 30, by the facet's order). From memory: no query.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub municipalities: Vec<(String, String)>,
    pub providers: Vec<(String, String)>,
}

pub fn names(app: &App, facets: &Facets) -> Names {
    let known = app.catalog.names.read().unwrap_or_else(|e| e.into_inner());
    let mut municipalities: Vec<(String, String)> =
        known.municipalities.iter().map(|(id, n)| (id.clone(), n.clone())).collect();
    municipalities.sort_by(|a, b| a.1.cmp(&b.1));
    let providers = facets
        .providers
        .iter()
        .take(30)
        .filter_map(|(id, _)| known.providers.get(id.as_ref()).map(|n| (id.to_string(), n.clone())))
        .collect();
    Names { municipalities, providers }
}
