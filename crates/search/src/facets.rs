//! Facet counts: one pass over the fast fields of every hit (`docs/SEARCH.md`: cheaper than
//! tantivy's `FacetCollector`, and it counts ranges — ages, price buckets — too).

use std::sync::Arc;

use dopcert_domain::money::Kopecks;
use dopcert_domain::program::{MAX_AGE, MIN_AGE};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentReader};

use crate::schema::{price_value, FACETS, MUNICIPALITY, PROVIDER};
use crate::{Days, Direction, Funding, ProgramDoc};

/// Counts over all hits of a query with its filters. Every direction, funding, weekday, age
/// and price bucket is listed, zeros included, in a fixed order; municipalities and providers
/// only when they have hits, most hits first (then by id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facets {
    pub directions: Vec<(Direction, usize)>,
    pub municipalities: Vec<(Arc<str>, usize)>,
    pub providers: Vec<(Arc<str>, usize)>,
    pub funding: Vec<(Funding, usize)>,
    /// Single days, Monday first.
    pub days: Vec<(Days, usize)>,
    /// Ages `MIN_AGE..=MAX_AGE` (3..=18): programs whose range contains the age.
    pub ages: Vec<(u8, usize)>,
    pub prices: Vec<(PriceBucket, usize)>,
}

impl Default for Facets {
    fn default() -> Self {
        Tally::default().facets(&[], &[])
    }
}

impl Facets {
    pub fn direction(&self, d: Direction) -> usize {
        find(&self.directions, &d)
    }

    pub fn municipality(&self, id: &str) -> usize {
        self.municipalities.iter().find(|(m, _)| &**m == id).map_or(0, |(_, n)| *n)
    }

    pub fn provider(&self, id: &str) -> usize {
        self.providers.iter().find(|(p, _)| &**p == id).map_or(0, |(_, n)| *n)
    }

    pub fn funding(&self, f: Funding) -> usize {
        find(&self.funding, &f)
    }

    /// Hits meeting on this day (a single day).
    pub fn day(&self, d: Days) -> usize {
        find(&self.days, &d)
    }

    pub fn age(&self, age: u8) -> usize {
        find(&self.ages, &age)
    }

    pub fn price(&self, b: PriceBucket) -> usize {
        find(&self.prices, &b)
    }
}

fn find<K: PartialEq>(counts: &[(K, usize)], key: &K) -> usize {
    counts.iter().find(|(k, _)| k == key).map_or(0, |(_, n)| *n)
}

/// Ranges of the monthly price, for the price facet; each turns into `price_min`/`price_max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PriceBucket {
    /// Zero.
    Zero,
    UpTo1000,
    UpTo3000,
    UpTo5000,
    Over5000,
}

impl PriceBucket {
    pub const ALL: [PriceBucket; 5] = [
        PriceBucket::Zero,
        PriceBucket::UpTo1000,
        PriceBucket::UpTo3000,
        PriceBucket::UpTo5000,
        PriceBucket::Over5000,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PriceBucket::Zero => "0",
            PriceBucket::UpTo1000 => "1000",
            PriceBucket::UpTo3000 => "3000",
            PriceBucket::UpTo5000 => "5000",
            PriceBucket::Over5000 => "more",
        }
    }

    pub fn parse(code: &str) -> Option<PriceBucket> {
        PriceBucket::ALL.into_iter().find(|b| b.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            // As `dopcert_domain::format::rubles` writes them: no-break spaces.
            PriceBucket::Zero => "0\u{a0}₽",
            PriceBucket::UpTo1000 => "до 1\u{a0}000\u{a0}₽",
            PriceBucket::UpTo3000 => "1\u{a0}000–3\u{a0}000\u{a0}₽",
            PriceBucket::UpTo5000 => "3\u{a0}000–5\u{a0}000\u{a0}₽",
            PriceBucket::Over5000 => "дороже 5\u{a0}000\u{a0}₽",
        }
    }

    /// The bucket's prices, both ends included (`None`: no upper end), as the query's
    /// `price_min` and `price_max`.
    pub fn bounds(self) -> (Kopecks, Option<Kopecks>) {
        let from = |rubles: i64| Kopecks::new(rubles * 100 + 1);
        match self {
            PriceBucket::Zero => (Kopecks::ZERO, Some(Kopecks::ZERO)),
            PriceBucket::UpTo1000 => (Kopecks::new(1), Some(Kopecks::from_rubles(1_000))),
            PriceBucket::UpTo3000 => (from(1_000), Some(Kopecks::from_rubles(3_000))),
            PriceBucket::UpTo5000 => (from(3_000), Some(Kopecks::from_rubles(5_000))),
            PriceBucket::Over5000 => (from(5_000), None),
        }
    }

    /// The bucket of a price in kopecks; `bounds` says the same (a test checks).
    pub(crate) fn of(price: u64) -> PriceBucket {
        match price {
            0 => PriceBucket::Zero,
            1..=100_000 => PriceBucket::UpTo1000,
            100_001..=300_000 => PriceBucket::UpTo3000,
            300_001..=500_000 => PriceBucket::UpTo5000,
            _ => PriceBucket::Over5000,
        }
    }
}

/// A program's facet values other than its municipality and provider, packed into the `facets`
/// fast field: counting reads three columns per hit instead of eight (the landing page, every
/// program a hit, went from 7.4 ms to 2.5 ms for 100,000 programs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Packed(pub u64);

impl Packed {
    const DIRECTION: u32 = 0; // 3 bits: index in `Direction::ALL`
    const FUNDING: u32 = 3; // 2 bits: index in `Funding::ALL`
    const PRICE: u32 = 5; // 3 bits: index in `PriceBucket::ALL`
    const DAYS: u32 = 8; // 7 bits: `Days`
    const AGE_MIN: u32 = 16; // 8 bits
    const AGE_MAX: u32 = 24; // 8 bits

    pub fn new(p: &ProgramDoc) -> Packed {
        let index = |i: Option<usize>| i.map_or(7, |i| i as u64);
        Packed(
            index(Direction::ALL.iter().position(|d| *d == p.direction)) << Self::DIRECTION
                | index(Funding::ALL.iter().position(|f| *f == p.funding)) << Self::FUNDING
                | (PriceBucket::of(price_value(p.price)) as u64) << Self::PRICE
                | u64::from(p.days.bits()) << Self::DAYS
                | u64::from(p.age_min) << Self::AGE_MIN
                | u64::from(p.age_max) << Self::AGE_MAX,
        )
    }

    fn field(self, shift: u32, bits: u32) -> usize {
        ((self.0 >> shift) & ((1 << bits) - 1)) as usize
    }
}

/// Raw counts by the codes stored in the index.
#[derive(Debug, Clone)]
pub(crate) struct Tally {
    pub total: usize,
    directions: [usize; 6],
    funding: [usize; 2],
    prices: [usize; 5],
    /// By the whole weekday mask: one increment per hit; split into days when named.
    day_masks: [usize; 128],
    /// Hits whose age range starts, or ends, at each age: one increment per hit, summed into
    /// ages when named.
    age_from: [usize; 256],
    age_to: [usize; 256],
    /// By interned code.
    municipalities: Vec<usize>,
    providers: Vec<usize>,
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            total: 0,
            directions: [0; 6],
            funding: [0; 2],
            prices: [0; 5],
            day_masks: [0; 128],
            age_from: [0; 256],
            age_to: [0; 256],
            municipalities: Vec::new(),
            providers: Vec::new(),
        }
    }
}

impl Tally {
    /// Names the counts; `municipalities[code]` and `providers[code]` are the interned ids.
    pub fn facets(&self, municipalities: &[Arc<str>], providers: &[Arc<str>]) -> Facets {
        let day = |bit: usize| (0..128).filter(|m| m & (1 << bit) != 0).map(|m| self.day_masks[m]).sum();
        // In the range: started at or before the age, minus those ended before it.
        let age =
            |a: usize| self.age_from[..=a].iter().sum::<usize>() - self.age_to[..a].iter().sum::<usize>();
        Facets {
            directions: Direction::ALL.into_iter().zip(self.directions).collect(),
            municipalities: named(&self.municipalities, municipalities),
            providers: named(&self.providers, providers),
            funding: Funding::ALL.into_iter().zip(self.funding).collect(),
            days: Days::ALL.into_iter().enumerate().map(|(bit, d)| (d, day(bit))).collect(),
            ages: (MIN_AGE..=MAX_AGE).map(|a| (a, age(usize::from(a)))).collect(),
            prices: PriceBucket::ALL.into_iter().zip(self.prices).collect(),
        }
    }

    fn count(&mut self, packed: u64) {
        let p = Packed(packed);
        bump_fixed(&mut self.directions, p.field(Packed::DIRECTION, 3));
        bump_fixed(&mut self.funding, p.field(Packed::FUNDING, 2));
        bump_fixed(&mut self.prices, p.field(Packed::PRICE, 3));
        bump_fixed(&mut self.day_masks, p.field(Packed::DAYS, 7));
        let (min, max) = (p.field(Packed::AGE_MIN, 8), p.field(Packed::AGE_MAX, 8));
        // A reversed range holds no age (and the age filter finds it for none).
        if min <= max {
            bump_fixed(&mut self.age_from, min);
            bump_fixed(&mut self.age_to, max);
        }
    }

    fn add(&mut self, other: &Tally) {
        self.total += other.total;
        add_all(&mut self.directions, &other.directions);
        add_all(&mut self.funding, &other.funding);
        add_all(&mut self.prices, &other.prices);
        add_all(&mut self.day_masks, &other.day_masks);
        add_all(&mut self.age_from, &other.age_from);
        add_all(&mut self.age_to, &other.age_to);
        grow_and_add(&mut self.municipalities, &other.municipalities);
        grow_and_add(&mut self.providers, &other.providers);
    }
}

fn bump_fixed(counts: &mut [usize], i: usize) {
    if let Some(n) = counts.get_mut(i) {
        *n += 1;
    }
}

fn add_all(into: &mut [usize], from: &[usize]) {
    into.iter_mut().zip(from).for_each(|(a, b)| *a += b);
}

fn grow_and_add(into: &mut Vec<usize>, from: &[usize]) {
    if into.len() < from.len() {
        into.resize(from.len(), 0);
    }
    add_all(into, from);
}

fn bump(counts: &mut Vec<usize>, code: u64) {
    let Ok(i) = usize::try_from(code) else { return };
    if i >= counts.len() {
        counts.resize(i + 1, 0);
    }
    counts[i] += 1;
}

fn named(counts: &[usize], ids: &[Arc<str>]) -> Vec<(Arc<str>, usize)> {
    let mut out: Vec<(Arc<str>, usize)> =
        counts.iter().zip(ids).filter(|(n, _)| **n > 0).map(|(n, id)| (Arc::clone(id), *n)).collect();
    out.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// Counts every facet of the hits in one pass; needs no scores.
pub(crate) struct FacetCounter;

impl Collector for FacetCounter {
    type Fruit = Tally;
    type Child = SegmentFacetCounter;

    fn for_segment(&self, _: u32, reader: &SegmentReader) -> tantivy::Result<SegmentFacetCounter> {
        let ff = reader.fast_fields();
        Ok(SegmentFacetCounter {
            packed: ff.u64(FACETS)?,
            municipality: ff.u64(MUNICIPALITY)?,
            provider: ff.u64(PROVIDER)?,
            tally: Tally::default(),
            buffer: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Tally> {
        let mut all = Tally::default();
        for t in &fruits {
            all.add(t);
        }
        Ok(all)
    }
}

pub(crate) struct SegmentFacetCounter {
    packed: Column<u64>,
    municipality: Column<u64>,
    provider: Column<u64>,
    tally: Tally,
    buffer: Vec<Option<u64>>,
}

/// Reads one column for a whole block (columnar reads are cheaper in bulk), then counts it.
fn each(column: &Column<u64>, docs: &[DocId], buffer: &mut Vec<Option<u64>>, mut count: impl FnMut(u64)) {
    buffer.clear();
    buffer.resize(docs.len(), None);
    column.first_vals(docs, buffer);
    buffer.iter().flatten().for_each(|v| count(*v));
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _: Score) {
        let t = &mut self.tally;
        t.total += 1;
        if let Some(v) = self.packed.first(doc) {
            t.count(v);
        }
        if let Some(v) = self.municipality.first(doc) {
            bump(&mut t.municipalities, v);
        }
        if let Some(v) = self.provider.first(doc) {
            bump(&mut t.providers, v);
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let t = &mut self.tally;
        let buf = &mut self.buffer;
        t.total += docs.len();
        each(&self.packed, docs, buf, |v| t.count(v));
        each(&self.municipality, docs, buf, |v| bump(&mut t.municipalities, v));
        each(&self.provider, docs, buf, |v| bump(&mut t.providers, v));
    }

    fn harvest(self) -> Tally {
        self.tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(direction: Direction, funding: Funding, price: i64, days: Days, ages: (u8, u8)) -> ProgramDoc {
        ProgramDoc {
            id: "p".into(),
            title: "t".into(),
            body: String::new(),
            direction,
            municipality_id: "m".into(),
            provider_id: "p".into(),
            funding,
            age_min: ages.0,
            age_max: ages.1,
            days,
            price: Kopecks::new(price),
            next_start: None,
        }
    }

    #[test]
    fn packed_fields_read_back_what_was_packed() {
        let every_day = Days::from_bits(0x7f);
        let docs = [
            doc(Direction::SocialHumanitarian, Funding::Certificate, 900_000, every_day, (18, 18)),
            doc(Direction::Technical, Funding::Free, 0, Days::NONE, (3, 3)),
            doc(Direction::Artistic, Funding::Certificate, 300_001, Days::SUNDAY, (3, 18)),
            doc(Direction::Technical, Funding::Free, 0, Days::NONE, (12, 7)),
        ];
        let mut tally = Tally::default();
        for d in &docs {
            tally.count(Packed::new(d).0);
        }
        let f = tally.facets(&[], &[]);
        assert_eq!(f.directions.iter().map(|(_, n)| n).collect::<Vec<_>>(), [&2, &0, &0, &1, &0, &1]);
        assert_eq!((f.funding(Funding::Free), f.funding(Funding::Certificate)), (2, 2));
        let prices: Vec<usize> = f.prices.iter().map(|(_, n)| *n).collect();
        assert_eq!(prices, [2, 0, 0, 1, 1]);
        assert_eq!(f.days.iter().map(|(_, n)| *n).collect::<Vec<_>>(), [1, 1, 1, 1, 1, 1, 2]);
        assert_eq!((f.age(3), f.age(10), f.age(18)), (2, 1, 2), "the reversed range counts nowhere");
    }
}
