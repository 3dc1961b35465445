//! The catalog's query string: decoded as the page decodes it, whatever it holds the query
//! stays in bounds (text at most 200 characters, age 3–18, a price range whose ends are in
//! order), and a search with it on a small index never panics and returns the page asked for
//! (clamped to 1..=MAX_PAGE), at most PAGE_SIZE known programs.
#![no_main]

use std::collections::HashSet;
use std::sync::OnceLock;

use dopcert_domain::money::Kopecks;
use dopcert_search::{
    Catalog, CatalogQuery, Days, Direction, Funding, ProgramDoc, MAX_PAGE, MAX_QUERY_CHARS, PAGE_SIZE,
};
use libfuzzer_sys::fuzz_target;

const TITLES: [&str; 12] = [
    "Робототехника для начинающих",
    "Шахматы",
    "Футбол",
    "Юный художник",
    "Хоровое пение",
    "Экологический клуб",
    "Туристический кружок «Тропа»",
    "Английский язык",
    "Программирование на Python",
    "Театральная студия",
    "Судомоделирование",
    "Керамика и гончарное дело",
];
const PROGRAMS: u8 = 60;

/// 60 programs (three pages) over two municipalities and three providers, every direction,
/// funding and day.
fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let docs = (0..PROGRAMS).map(|i| {
            let n = usize::from(i);
            ProgramDoc {
                id: format!("0190a3e2-0000-7000-8000-0000000000{i:02}"),
                title: TITLES[n % TITLES.len()].to_string(),
                body: format!("Занятия для детей. {}", TITLES[(n + 5) % TITLES.len()]),
                direction: Direction::ALL[n % Direction::ALL.len()],
                municipality_id: format!("m{}", i % 2),
                provider_id: format!("p{}", i % 3),
                funding: Funding::ALL[n % Funding::ALL.len()],
                age_min: 3 + i % 10,
                age_max: 10 + i % 9,
                days: Days::ALL[n % Days::ALL.len()],
                price: Kopecks::new(i64::from(i) * 25_000),
                next_start: Some(jiff::civil::date(2026, 9, 1 + (i % 28) as i8)),
            }
        });
        let c = Catalog::new().expect("an empty index");
        c.rebuild(docs.collect::<Vec<_>>()).expect("a small index builds");
        c
    })
}

fuzz_target!(|data: &[u8]| {
    // What axum's `Query` does: a string it cannot decode is a 400 before the page runs.
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data) else { return };
    let q = CatalogQuery::from_pairs(&pairs);
    let typed = pairs.iter().find(|(k, _)| k == "q").map_or("", |(_, v)| v.as_str());
    assert!(q.text.chars().count() <= MAX_QUERY_CHARS && typed.starts_with(&q.text));
    assert!(q.age.is_none_or(|a| (3..=18).contains(&a)), "age {:?}", q.age);
    if let (Some(lo), Some(hi)) = (q.price_min, q.price_max) {
        assert!(Kopecks::ZERO <= lo && lo <= hi, "price {lo}..{hi}");
    }
    assert!(q.directions.len() <= pairs.len());
    let found = catalog().search(&q).expect("a search on a built index");
    assert!(found.total <= usize::from(PROGRAMS), "{} hits of {PROGRAMS} programs", found.total);
    let distinct: HashSet<&String> = found.ids.iter().collect();
    assert_eq!(distinct.len(), found.ids.len(), "a program twice on a page");
    assert!(found.ids.iter().all(|id| id.starts_with("0190a3e2-")), "{:?}", found.ids);
    if found.no_words {
        assert!(found.ids.is_empty() && found.total == 0);
    }
    // Pages past MAX_PAGE read as MAX_PAGE, 0 as 1; a page holds what is left of the hits.
    let page = q.page.clamp(1, MAX_PAGE) as usize;
    let left = found.total.saturating_sub((page - 1) * PAGE_SIZE);
    assert_eq!(found.ids.len(), left.min(PAGE_SIZE), "page {page} of {} hits", found.total);
});
