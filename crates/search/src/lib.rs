//! The catalog's search: one in-RAM tantivy index per app server, built from the database at
//! start and kept current by the poller (`docs/SEARCH.md`). The index holds what search, filters,
//! facets and sorting need, plus each program's id; the page reads its cards (seats included)
//! from the database by those ids. This crate does no I/O and knows nothing about the database.
//!
//! - Words: Russian stems (title ×3, description ×1), edge grams of title stems (×2, so
//!   «роботы» finds «Робототехника»), and one typo in words of 5+ letters when the stem is
//!   unknown (×0.5). Words are OR-ed: ranking decides, not AND.
//! - Filters, sorts and facets read fast fields; ties in the price and start sorts break on a
//!   stable hash of the id, so every server pages the same way.
//! - A small result cache, emptied on every change, serves repeated queries (the landing page).

mod cache;
mod catalog;
mod facets;
mod query;
mod schema;
#[cfg(test)]
mod tests;

use dopcert_domain::money::Kopecks;
/// The days a program's groups meet: the domain's set of weekdays.
pub use dopcert_domain::program::Weekdays as Days;
pub use dopcert_domain::program::{Direction, Funding};
use jiff::civil::Date;

pub use catalog::Catalog;
pub use facets::{Facets, PriceBucket};

/// Programs on one result page.
pub const PAGE_SIZE: usize = 20;
/// The last page a query can reach: deeper pages show this one. Nobody reads 1,000 results,
/// and a bounded offset keeps every query cheap.
pub const MAX_PAGE: u32 = 50;

/// What the index needs of one visible program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramDoc {
    /// The program's UUID.
    pub id: String,
    pub title: String,
    /// Description, provider name and municipality name, joined.
    pub body: String,
    pub direction: Direction,
    pub municipality_id: String,
    pub provider_id: String,
    pub funding: Funding,
    pub age_min: u8,
    pub age_max: u8,
    /// The weekdays the groups meet.
    pub days: Days,
    /// The lowest monthly price over modules; zero for a free program.
    pub price: Kopecks,
    /// The first future start among groups open for enrollment.
    pub next_start: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sort {
    /// Best match first; with a blank text, as `NearestStart`.
    #[default]
    Relevance,
    /// Soonest start first; programs without an open group last.
    NearestStart,
    /// Cheapest first.
    Price,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Relevance, Sort::NearestStart, Sort::Price];

    pub fn code(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::NearestStart => "start",
            Sort::Price => "price",
        }
    }

    pub fn parse(code: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            Sort::Relevance => "по релевантности",
            Sort::NearestStart => "по ближайшему старту",
            Sort::Price => "по цене",
        }
    }
}

/// One catalog request: text, filters (each narrows; several values of one filter widen), sort
/// and page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogQuery {
    /// What the user typed, as is: it may be 5,000 characters or only punctuation.
    pub text: String,
    /// Any of these; empty for all.
    pub directions: Vec<Direction>,
    pub municipality_id: Option<String>,
    pub provider_id: Option<String>,
    /// The child's age: programs whose range contains it.
    pub age: Option<u8>,
    pub funding: Option<Funding>,
    /// Any of these days; empty for no filter.
    pub days: Days,
    pub price_min: Option<Kopecks>,
    pub price_max: Option<Kopecks>,
    pub sort: Sort,
    /// 1-based; 0 reads as 1, pages past `MAX_PAGE` as `MAX_PAGE`.
    pub page: u32,
}

impl Default for CatalogQuery {
    fn default() -> Self {
        CatalogQuery {
            text: String::new(),
            directions: Vec::new(),
            municipality_id: None,
            provider_id: None,
            age: None,
            funding: None,
            days: Days::NONE,
            price_min: None,
            price_max: None,
            sort: Sort::Relevance,
            page: 1,
        }
    }
}

/// The first 200 characters are what search reads; the rest is not kept (SEARCH.md).
pub const MAX_QUERY_CHARS: usize = 200;

impl CatalogQuery {
    /// The catalog page's query string, decoded into pairs (filters repeat their names:
    /// `direction=…&direction=…`). What is not understood is left out, never refused: an old
    /// link or a hand-typed value still shows the catalog.
    pub fn from_pairs(pairs: &[(String, String)]) -> CatalogQuery {
        let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str());
        let all = |name: &'static str| pairs.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.as_str());
        let (price_min, price_max) = match PriceBucket::parse(get("price")) {
            Some(b) => {
                let (lo, hi) = b.bounds();
                (Some(lo), hi)
            }
            None => (None, None),
        };
        let named = |name: &str| Some(get(name)).filter(|v| !v.is_empty()).map(str::to_string);
        CatalogQuery {
            text: get("q").chars().take(MAX_QUERY_CHARS).collect(),
            directions: all("direction").filter_map(Direction::parse).collect(),
            municipality_id: named("municipality"),
            provider_id: named("provider"),
            age: get("age").trim().parse::<u8>().ok().filter(|a| (3..=18).contains(a)),
            funding: Funding::parse(get("funding")),
            days: all("day").filter_map(Days::parse).fold(Days::NONE, |a, d| a | d),
            price_min,
            price_max,
            sort: Sort::parse(get("sort")).unwrap_or_default(),
            page: get("page").parse().unwrap_or(1),
        }
    }
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Found {
    /// Program ids of this page, in order.
    pub ids: Vec<String>,
    /// All hits of the query with its filters.
    pub total: usize,
    /// Counts over all hits of the query with its filters.
    pub facets: Facets,
    /// The text had characters but no searchable word (only punctuation or stop words): `ids`
    /// is empty, and the page should say so rather than show the whole catalog.
    pub no_words: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("tantivy was built without Russian stop words (feature `stopwords`)")]
    NoStopWords,
}
