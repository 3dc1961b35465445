//! The catalog's search as a family meets it: words, typos, filters, sorts, pages, facets, and
//! an index that follows the database.

use std::time::{Duration, Instant};

use dopcert_domain::money::Kopecks;
use jiff::civil::{date, Date};

use crate::cache::{Lookup, ResultCache};
use crate::query::{Plan, Word};
use crate::schema::id_hash;
use crate::*;

const CENTRAL: &str = "0190a3e2-0000-7000-8000-00000000c001";
const RIVERSIDE: &str = "0190a3e2-0000-7000-8000-00000000c002";
const HOUSE_OF_ARTS: &str = "0190a3e2-0000-7000-8000-0000000000a1";
const SPORT_SCHOOL: &str = "0190a3e2-0000-7000-8000-0000000000a2";

fn program(id: &str, title: &str) -> ProgramDoc {
    ProgramDoc {
        id: id.to_owned(),
        title: title.to_owned(),
        body: String::new(),
        direction: Direction::Technical,
        municipality_id: CENTRAL.to_owned(),
        provider_id: HOUSE_OF_ARTS.to_owned(),
        funding: Funding::Certificate,
        age_min: 7,
        age_max: 12,
        days: Days::MONDAY,
        price: Kopecks::from_rubles(2_000),
        next_start: Some(date(2026, 9, 1)),
    }
}

fn catalog(docs: Vec<ProgramDoc>) -> Catalog {
    let c = Catalog::new().unwrap();
    c.rebuild(docs).unwrap();
    c
}

fn text(t: &str) -> CatalogQuery {
    CatalogQuery { text: t.to_owned(), ..CatalogQuery::default() }
}

fn ids(c: &Catalog, q: &CatalogQuery) -> Vec<String> {
    c.search(q).unwrap().ids
}

fn ids_for(c: &Catalog, t: &str) -> Vec<String> {
    ids(c, &text(t))
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn first_steps_world() -> Catalog {
    catalog(vec![
        ProgramDoc {
            body: "Собираем и программируем модели из конструктора".into(),
            ..program("robo-first", "Робототехника: первые шаги")
        },
        program("robo-beginners", "Робототехника: для начинающих"),
        ProgramDoc {
            body: "Дебюты, эндшпиль, турниры".into(), ..program("chess", "Шахматы")
        },
        ProgramDoc {
            body: "Строим машины и роботов из кубиков".into(),
            ..program("lego", "Лего-конструирование")
        },
        program("vocal", "Вокал: эстрадное пение"),
        program("athletics", "Лёгкая атлетика"),
        program("preprof", "Предпрофессиональная подготовка художника"),
    ])
}

#[test]
fn robotics_for_beginners_finds_robotics_first_steps() {
    let c = first_steps_world();
    let got = ids_for(&c, "робототехника для начинающих");
    assert_eq!(got[0], "robo-beginners", "{got:?}");
    assert!(got.contains(&"robo-first".to_owned()), "{got:?}");
    assert!(!got.contains(&"vocal".to_owned()), "{got:?}");
}

#[test]
fn robots_rank_robotics_titles_first() {
    let c = first_steps_world();
    let got = ids_for(&c, "роботы");
    assert_eq!(sorted(got[..2].to_vec()), ["robo-beginners", "robo-first"], "{got:?}");
    assert!(got.contains(&"lego".to_owned()), "the description mentions robots: {got:?}");
}

#[test]
fn one_typo_in_a_longer_word_is_forgiven() {
    let c = first_steps_world();
    assert_eq!(ids_for(&c, "шахмоты").first().map(String::as_str), Some("chess"));
    let got = ids_for(&c, "робототехнека");
    assert_eq!(sorted(got[..2].to_vec()), ["robo-beginners", "robo-first"], "{got:?}");
    let got = ids_for(&c, "робатотехника начинаюших");
    assert_eq!(got.first().map(String::as_str), Some("robo-beginners"), "{got:?}");
}

#[test]
fn a_typo_does_not_outrank_an_exact_word() {
    let c = catalog(vec![program("chess", "Шахматы"), program("chess-typo", "Шахмоты")]);
    assert_eq!(ids_for(&c, "шахматы"), ["chess"], "a known stem gets no typo clauses");
}

#[test]
fn yo_and_ye_are_one_letter() {
    let c = first_steps_world();
    assert_eq!(ids_for(&c, "легкая"), ["athletics"]);
    assert_eq!(ids_for(&c, "ЛЁГКАЯ атлетика").first().map(String::as_str), Some("athletics"));
}

#[test]
fn words_of_twenty_cyrillic_letters_are_searchable() {
    let c = first_steps_world();
    assert_eq!(ids_for(&c, "предпрофессиональная"), ["preprof"]);
}

#[test]
fn a_5000_character_query_is_quick_and_reads_only_its_start() {
    let c = first_steps_world();
    let long = "шахматы ".to_owned() + &"ф".repeat(300) + " " + &"робототехника ".repeat(340);
    assert!(long.chars().count() >= 5_000);
    let started = Instant::now();
    let found = c.search(&text(&long)).unwrap();
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    assert_eq!(found.ids, ["chess"], "words past the first 200 characters are not read");
    assert!(!found.no_words);
}

#[test]
fn punctuation_only_gives_no_words_and_no_ids() {
    let c = first_steps_world();
    for t in ["?!.,;:—«»()[]...", "и для на", "\u{1F600}"] {
        let found = c.search(&text(t)).unwrap();
        assert!(found.no_words, "{t}");
        assert!(found.ids.is_empty(), "{t}: {:?}", found.ids);
        assert_eq!(found.total, 0);
    }
}

#[test]
fn a_blank_text_browses_the_whole_catalog() {
    let c = first_steps_world();
    let found = c.search(&text("   ")).unwrap();
    assert!(!found.no_words);
    assert_eq!(found.total, 7);
}

/// Six programs differing in one attribute each from `program`'s defaults.
fn filter_world() -> Catalog {
    catalog(vec![
        program("base", "Шахматы"),
        ProgramDoc { direction: Direction::Artistic, ..program("artistic", "Рисование") },
        ProgramDoc {
            municipality_id: RIVERSIDE.into(), ..program("riverside", "Шахматы у реки")
        },
        ProgramDoc {
            provider_id: SPORT_SCHOOL.into(),
            direction: Direction::PhysicalSport,
            ..program("sport", "Футбол")
        },
        ProgramDoc { age_min: 14, age_max: 18, ..program("teens", "Шахматы для старших") },
        ProgramDoc {
            funding: Funding::Free,
            price: Kopecks::ZERO,
            days: Days::SATURDAY | Days::SUNDAY,
            ..program("free", "Шахматный клуб")
        },
    ])
}

fn browse(f: impl FnOnce(&mut CatalogQuery)) -> CatalogQuery {
    let mut q = CatalogQuery::default();
    f(&mut q);
    q
}

#[test]
fn direction_filter_keeps_any_of_the_chosen_directions() {
    let c = filter_world();
    let q = browse(|q| q.directions = vec![Direction::Artistic]);
    assert_eq!(ids(&c, &q), ["artistic"]);
    let q = browse(|q| q.directions = vec![Direction::Artistic, Direction::PhysicalSport]);
    assert_eq!(sorted(ids(&c, &q)), ["artistic", "sport"]);
}

#[test]
fn municipality_filter_keeps_its_programs_and_an_unknown_one_has_none() {
    let c = filter_world();
    assert_eq!(ids(&c, &browse(|q| q.municipality_id = Some(RIVERSIDE.into()))), ["riverside"]);
    assert_eq!(c.search(&browse(|q| q.municipality_id = Some(CENTRAL.into()))).unwrap().total, 5);
    assert!(ids(&c, &browse(|q| q.municipality_id = Some("nowhere".into()))).is_empty());
}

#[test]
fn provider_filter_keeps_its_programs() {
    let c = filter_world();
    assert_eq!(ids(&c, &browse(|q| q.provider_id = Some(SPORT_SCHOOL.into()))), ["sport"]);
}

#[test]
fn age_filter_keeps_programs_whose_range_contains_the_age() {
    let c = filter_world();
    assert_eq!(ids(&c, &browse(|q| q.age = Some(15))), ["teens"]);
    assert_eq!(c.search(&browse(|q| q.age = Some(12))).unwrap().total, 5, "both ends are included");
    assert_eq!(c.search(&browse(|q| q.age = Some(14))).unwrap().total, 1);
    assert!(ids(&c, &browse(|q| q.age = Some(6))).is_empty());
}

#[test]
fn funding_filter_keeps_programs_paid_that_way() {
    let c = filter_world();
    assert_eq!(ids(&c, &browse(|q| q.funding = Some(Funding::Free))), ["free"]);
    assert_eq!(c.search(&browse(|q| q.funding = Some(Funding::Certificate))).unwrap().total, 5);
}

#[test]
fn day_filter_keeps_programs_meeting_on_any_of_the_days() {
    let c = filter_world();
    assert_eq!(ids(&c, &browse(|q| q.days = Days::SUNDAY)), ["free"]);
    assert_eq!(c.search(&browse(|q| q.days = Days::MONDAY | Days::SATURDAY)).unwrap().total, 6);
    assert!(ids(&c, &browse(|q| q.days = Days::WEDNESDAY)).is_empty());
}

#[test]
fn price_filter_includes_both_ends() {
    let c = filter_world();
    assert_eq!(ids(&c, &browse(|q| q.price_max = Some(Kopecks::from_rubles(1_999)))), ["free"]);
    let q = browse(|q| {
        q.price_min = Some(Kopecks::from_rubles(2_000));
        q.price_max = Some(Kopecks::from_rubles(2_000));
    });
    assert_eq!(c.search(&q).unwrap().total, 5);
    assert!(ids(&c, &browse(|q| q.price_min = Some(Kopecks::new(200_001)))).is_empty());
}

#[test]
fn filters_narrow_a_text_search() {
    let c = filter_world();
    let all = sorted(ids_for(&c, "шахматы"));
    assert_eq!(all, ["base", "free", "riverside", "teens"]);
    let q = CatalogQuery { municipality_id: Some(RIVERSIDE.into()), ..text("шахматы") };
    assert_eq!(ids(&c, &q), ["riverside"]);
    let q = CatalogQuery { age: Some(16), funding: Some(Funding::Certificate), ..text("шахматы") };
    assert_eq!(ids(&c, &q), ["teens"]);
}

#[test]
fn facets_count_all_hits_of_the_query_with_its_filters() {
    let c = filter_world();
    let f = c.search(&CatalogQuery::default()).unwrap().facets;
    assert_eq!(f.direction(Direction::Technical), 4);
    assert_eq!(f.direction(Direction::Artistic), 1);
    assert_eq!(f.direction(Direction::PhysicalSport), 1);
    assert_eq!(f.direction(Direction::SocialHumanitarian), 0);
    assert_eq!(f.directions.len(), 6);
    let municipalities: Vec<(&str, usize)> = f.municipalities.iter().map(|(id, n)| (&**id, *n)).collect();
    assert_eq!(municipalities, [(CENTRAL, 5), (RIVERSIDE, 1)]);
    assert_eq!((f.provider(HOUSE_OF_ARTS), f.provider(SPORT_SCHOOL)), (5, 1));
    assert_eq!((f.funding(Funding::Free), f.funding(Funding::Certificate)), (1, 5));
    assert_eq!((f.day(Days::MONDAY), f.day(Days::SATURDAY), f.day(Days::SUNDAY)), (5, 1, 1));
    assert_eq!(f.day(Days::TUESDAY), 0);
    assert_eq!((f.age(3), f.age(7), f.age(12), f.age(13), f.age(14), f.age(18)), (0, 5, 5, 0, 1, 1));
    assert_eq!(f.ages.len(), 16);
    assert_eq!((f.price(PriceBucket::Zero), f.price(PriceBucket::UpTo3000)), (1, 5));
    assert_eq!(f.price(PriceBucket::UpTo1000) + f.price(PriceBucket::UpTo5000), 0);

    let narrowed = c.search(&CatalogQuery { age: Some(16), ..text("шахматы") }).unwrap();
    assert_eq!(narrowed.total, 1);
    assert_eq!(narrowed.facets.direction(Direction::Technical), 1);
    assert_eq!(narrowed.facets.age(14), 1);
    assert_eq!(narrowed.facets.age(10), 0);
    assert_eq!(narrowed.facets.providers.len(), 1);
}

/// Twelve programs: four prices and three starts, so many ties.
fn tied_docs() -> Vec<ProgramDoc> {
    (0..12)
        .map(|i| ProgramDoc {
            price: Kopecks::from_rubles([500, 1_000, 1_000, 3_000][i % 4]),
            next_start: [Some(date(2026, 10, 1)), None, Some(date(2026, 9, 15))][i % 3],
            ..program(&format!("0190a3e2-0000-7000-8000-{i:012}"), "Шахматы")
        })
        .collect()
}

fn tied_world(reverse: bool) -> Catalog {
    let mut docs = tied_docs();
    if reverse {
        docs.reverse();
    }
    catalog(docs)
}

fn expected_order<K: Ord>(key: impl Fn(&ProgramDoc) -> K) -> Vec<String> {
    let mut docs = tied_docs();
    docs.sort_by_key(|d| key(d));
    docs.into_iter().map(|d| d.id).collect()
}

fn start_rank(d: Option<Date>) -> u64 {
    d.map_or(u64::MAX, |d| (d.year() as u64) * 10_000 + (d.month() as u64) * 100 + d.day() as u64)
}

#[test]
fn sort_by_price_is_cheapest_first_with_ties_broken_by_id_hash() {
    let forward = tied_world(false);
    let backward = tied_world(true);
    let q = CatalogQuery { sort: Sort::Price, ..text("шахматы") };
    let got = ids(&forward, &q);
    assert_eq!(got, ids(&backward, &q), "insertion order must not decide ties");
    let want = expected_order(|d| (d.price.get() as u64, id_hash(&d.id)));
    assert_eq!(got, want);
}

#[test]
fn sort_by_nearest_start_puts_the_soonest_first_and_no_start_last() {
    let forward = tied_world(false);
    let backward = tied_world(true);
    let q = CatalogQuery { sort: Sort::NearestStart, ..text("шахматы") };
    let got = ids(&forward, &q);
    assert_eq!(got, ids(&backward, &q));
    let want = expected_order(|d| (start_rank(d.next_start), id_hash(&d.id)));
    assert_eq!(got, want);
}

#[test]
fn relevance_with_a_blank_text_sorts_by_nearest_start() {
    let c = tied_world(false);
    let browse = ids(&c, &CatalogQuery::default());
    let by_start = ids(&c, &CatalogQuery { sort: Sort::NearestStart, ..CatalogQuery::default() });
    assert_eq!(browse, by_start);
    assert_eq!(browse, expected_order(|d| (start_rank(d.next_start), id_hash(&d.id))));
}

#[test]
fn pages_are_disjoint_and_total_counts_every_hit() {
    let docs = (0..45).map(|i| program(&format!("p{i:02}"), "Шахматы"));
    let c = catalog(docs.collect());
    let mut seen = Vec::new();
    for page in 1..=3 {
        for sort in Sort::ALL {
            let found = c.search(&CatalogQuery { page, sort, ..text("шахматы") }).unwrap();
            assert_eq!(found.total, 45);
            assert_eq!(found.ids.len(), [20, 20, 5][page as usize - 1]);
            if sort == Sort::Price {
                seen.extend(found.ids);
            }
        }
    }
    assert_eq!(sorted(seen), (0..45).map(|i| format!("p{i:02}")).collect::<Vec<_>>());
    assert!(ids(&c, &CatalogQuery { page: 4, ..text("шахматы") }).is_empty());
    assert_eq!(ids(&c, &CatalogQuery { page: 0, ..text("шахматы") }), ids_for(&c, "шахматы"));
}

#[test]
fn pages_past_the_last_show_the_last() {
    let c = catalog((0..3).map(|i| program(&format!("p{i}"), "Шахматы")).collect());
    let q = |page| CatalogQuery { page, ..CatalogQuery::default() };
    // Page 50 (offset 980) is empty here; page 51 must be that same page, not a deeper offset.
    assert_eq!(c.search(&q(MAX_PAGE + 1)).unwrap(), c.search(&q(MAX_PAGE)).unwrap());
    assert_eq!(c.search(&q(u32::MAX)).unwrap().total, 3);
}

#[test]
fn apply_deletes_and_replaces_and_twice_is_once() {
    let c = first_steps_world();
    let changes = vec![
        ("chess".to_owned(), None),
        ("vocal".to_owned(), Some(program("vocal", "Вокальная студия «Шахматы»"))),
        ("new".to_owned(), Some(program("new", "Шахматы: новая программа"))),
    ];
    c.apply(changes.clone()).unwrap();
    assert_eq!(c.len(), 7);
    assert_eq!(sorted(ids_for(&c, "шахматы")), ["new", "vocal"]);
    assert!(ids_for(&c, "эстрадное").is_empty(), "the old vocal document is gone");
    c.apply(changes).unwrap();
    assert_eq!(c.len(), 7);
    assert_eq!(sorted(ids_for(&c, "шахматы")), ["new", "vocal"]);
}

#[test]
fn the_last_change_of_a_program_in_a_batch_wins() {
    let c = first_steps_world();
    c.apply(vec![
        ("chess".to_owned(), Some(program("chess", "Шашки"))),
        ("chess".to_owned(), Some(program("chess", "Го"))),
    ])
    .unwrap();
    assert_eq!(c.len(), 7);
    assert_eq!(ids_for(&c, "го"), ["chess"]);
    assert!(ids_for(&c, "шашки").is_empty());
}

#[test]
fn rebuild_replaces_everything() {
    let c = first_steps_world();
    c.rebuild(vec![program("only", "Керамика")]).unwrap();
    assert_eq!(c.len(), 1);
    assert_eq!(ids(&c, &CatalogQuery::default()), ["only"]);
    assert!(ids_for(&c, "шахматы").is_empty());
    c.rebuild(Vec::new()).unwrap();
    assert_eq!(c.len(), 0);
    assert!(c.is_empty());
}

#[test]
fn the_cache_never_returns_a_stale_result_after_apply() {
    let c = first_steps_world();
    let q = text("шахматы");
    assert_eq!(ids(&c, &q), ["chess"]);
    assert_eq!(c.search(&q).unwrap().ids, ["chess"], "served from the cache");
    c.apply(vec![("chess".to_owned(), None)]).unwrap();
    assert!(ids(&c, &q).is_empty());
    c.apply(vec![("chess".to_owned(), Some(program("chess", "Шахматы")))]).unwrap();
    assert_eq!(ids(&c, &q), ["chess"]);
    c.rebuild(vec![program("other", "Шахматы")]).unwrap();
    assert_eq!(ids(&c, &q), ["other"]);
}

#[test]
fn the_cache_refuses_a_result_computed_before_a_change() {
    let cache = ResultCache::default();
    let plan = Plan::new(&text("шахматы"), vec![Word { stem: "шахмат".into(), raw: "шахматы".into() }]);
    let Lookup::Miss(ticket) = cache.get(&plan) else { panic!("empty cache hit") };
    cache.invalidate();
    cache.put(ticket, plan.clone(), Default::default());
    assert!(matches!(cache.get(&plan), Lookup::Miss(_)));
    let Lookup::Miss(ticket) = cache.get(&plan) else { panic!("hit") };
    cache.put(ticket, plan.clone(), Default::default());
    assert!(matches!(cache.get(&plan), Lookup::Hit(_)));
    assert_eq!(cache.len(), 1);
}

#[test]
fn the_catalog_is_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Catalog>();
    let c = std::sync::Arc::new(first_steps_world());
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let c = std::sync::Arc::clone(&c);
            std::thread::spawn(move || c.search(&text("шахматы")).unwrap().ids)
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), ["chess"]);
    }
}

#[test]
fn days_read_and_write_their_codes() {
    assert_eq!(Days::parse("mon"), Some(Days::MONDAY));
    assert_eq!(Days::parse("sat,sun"), Some(Days::SATURDAY | Days::SUNDAY));
    assert_eq!(Days::parse("monday"), None);
    assert_eq!((Days::MONDAY | Days::FRIDAY).code(), "mon,fri");
    assert_eq!((Days::MONDAY | Days::WEDNESDAY).title(), "пн, ср");
    assert_eq!(Days::from_weekday(jiff::civil::Weekday::Sunday), Days::SUNDAY);
    assert_eq!(Days::from_bits(0xff).iter().count(), 7);
    assert!((Days::MONDAY | Days::SUNDAY).contains(Days::SUNDAY));
    assert!(Days::NONE.is_empty());
}

#[test]
fn funding_and_sort_codes_round_trip() {
    for f in Funding::ALL {
        assert_eq!(Funding::parse(f.code()), Some(f));
    }
    assert_eq!(Funding::Certificate.title(), "по сертификату");
    for s in Sort::ALL {
        assert_eq!(Sort::parse(s.code()), Some(s));
    }
    for b in PriceBucket::ALL {
        assert_eq!(PriceBucket::parse(b.code()), Some(b));
    }
}

#[test]
fn price_buckets_agree_with_their_bounds() {
    for b in PriceBucket::ALL {
        let (min, max) = b.bounds();
        let min = min.get() as u64;
        assert_eq!(crate::facets::PriceBucket::of(min), b);
        if let Some(max) = max {
            assert_eq!(PriceBucket::of(max.get() as u64), b);
            assert_ne!(PriceBucket::of(max.get() as u64 + 1), b);
        }
        if min > 0 {
            assert_ne!(PriceBucket::of(min - 1), b);
        }
    }
}

fn pairs(query: &[(&str, &str)]) -> Vec<(String, String)> {
    query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn the_page_query_reads_every_filter_and_repeated_names_widen() {
    let q = CatalogQuery::from_pairs(&pairs(&[
        ("q", "шахматы"),
        ("direction", "technical"),
        ("direction", "artistic"),
        ("municipality", CENTRAL),
        ("provider", HOUSE_OF_ARTS),
        ("age", " 9 "),
        ("funding", "free"),
        ("day", "mon,tue"),
        ("day", "sat"),
        ("price", "3000"),
        ("sort", "price"),
        ("page", "2"),
    ]));
    assert_eq!(q.text, "шахматы");
    assert_eq!(q.directions, [Direction::Technical, Direction::Artistic]);
    assert_eq!(
        (q.municipality_id.as_deref(), q.provider_id.as_deref()),
        (Some(CENTRAL), Some(HOUSE_OF_ARTS))
    );
    assert_eq!((q.age, q.funding), (Some(9), Some(Funding::Free)));
    assert_eq!(q.days, Days::MONDAY | Days::TUESDAY | Days::SATURDAY);
    let (lo, hi) = PriceBucket::UpTo3000.bounds();
    assert_eq!((q.price_min, q.price_max), (Some(lo), hi));
    assert_eq!((q.sort, q.page), (Sort::Price, 2));
}

#[test]
fn the_page_query_leaves_out_what_it_does_not_understand() {
    let q = CatalogQuery::from_pairs(&pairs(&[
        ("q", &"ш".repeat(MAX_QUERY_CHARS + 50)),
        ("direction", "magic"),
        ("municipality", ""),
        ("age", "2"),
        ("funding", "cash"),
        ("day", "mon,someday"),
        ("price", "cheap"),
        ("sort", "random"),
        ("page", "-1"),
    ]));
    assert_eq!(q.text.chars().count(), MAX_QUERY_CHARS);
    assert_eq!(CatalogQuery { text: String::new(), ..q }, CatalogQuery::default());
    assert_eq!(CatalogQuery::from_pairs(&pairs(&[("age", "19")])).age, None);
    assert_eq!(CatalogQuery::from_pairs(&pairs(&[("page", "99999999999")])).page, 1);
}
