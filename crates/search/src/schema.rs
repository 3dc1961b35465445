//! The index's fields, its analyzers, and how a program becomes a document.

use jiff::civil::Date;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};
use tantivy::{Index, TantivyDocument};

use crate::facets::Packed;
use crate::{Direction, Funding, ProgramDoc, SearchError};

/// Stems of the title's and the body's words, for BM25.
const RU: &str = "ru";
/// Every prefix of 4+ letters of each title stem: «робот» is one of `робототехник`.
const RU_PREFIX: &str = "ru_prefix";
/// Lowercased title words, unstemmed: a typo can change where the stemmer cuts.
const RU_RAW: &str = "ru_raw";

/// Shortest edge gram, in letters: shorter prefixes match too much.
pub(crate) const MIN_GRAM: usize = 4;
/// Tokens of this many bytes or more are dropped. SEARCH.md says 40, but Cyrillic letters take
/// two bytes, and 40 bytes would drop «предпрофессиональная» (20 letters); 80 bytes keeps words
/// of up to 39 Cyrillic letters and still drops pasted garbage.
pub(crate) const MAX_TOKEN_BYTES: usize = 80;

pub(crate) const PRICE_KEY: &str = "price_key";
pub(crate) const START_KEY: &str = "start_key";
pub(crate) const MUNICIPALITY: &str = "municipality";
pub(crate) const PROVIDER: &str = "provider";
pub(crate) const FACETS: &str = "facets";

#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    pub title: Field,
    pub body: Field,
    pub title_pfx: Field,
    pub title_raw: Field,
    pub direction: Field,
    pub municipality: Field,
    pub provider: Field,
    pub funding: Field,
    pub age_min: Field,
    pub age_max: Field,
    pub days: Field,
    pub facets: Field,
    pub price: Field,
    pub price_key: Field,
    pub start_key: Field,
}

pub(crate) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, record: IndexRecordOption| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(record),
        )
    };
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", text(RU, IndexRecordOption::WithFreqs)),
        body: b.add_text_field("body", text(RU, IndexRecordOption::WithFreqs)),
        title_pfx: b.add_text_field("title_pfx", text(RU_PREFIX, IndexRecordOption::Basic)),
        title_raw: b.add_text_field("title_raw", text(RU_RAW, IndexRecordOption::Basic)),
        direction: b.add_u64_field("direction", INDEXED),
        municipality: b.add_u64_field(MUNICIPALITY, INDEXED | FAST),
        provider: b.add_u64_field(PROVIDER, INDEXED | FAST),
        funding: b.add_u64_field("funding", INDEXED),
        age_min: b.add_u64_field("age_min", FAST),
        age_max: b.add_u64_field("age_max", FAST),
        days: b.add_u64_field("days", INDEXED),
        // Direction, funding, price bucket, days and ages for the facet counts: `Packed`.
        facets: b.add_u64_field(FACETS, FAST),
        price: b.add_u64_field("price", FAST),
        price_key: b.add_u64_field(PRICE_KEY, FAST),
        start_key: b.add_u64_field(START_KEY, FAST),
    };
    (b.build(), fields)
}

/// A fresh in-RAM index with our analyzers registered.
pub(crate) fn new_index(schema: Schema) -> Result<Index, SearchError> {
    let index = Index::create_in_ram(schema);
    let tokenizers = index.tokenizers();
    tokenizers.register(RU, ru_analyzer()?);
    let prefixes = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(stop_words()?)
        .filter(Stemmer::new(Language::Russian))
        .filter(EdgeGrams { min: MIN_GRAM })
        .build();
    tokenizers.register(RU_PREFIX, prefixes);
    let raw = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .build();
    tokenizers.register(RU_RAW, raw);
    Ok(index)
}

/// Words → lowercase → no stop words → Snowball stems («Лёгкая» and «легкая» both give `легк`).
/// The query side uses it too, so a query word and a title word meet on the same stem.
pub(crate) fn ru_analyzer() -> Result<TextAnalyzer, SearchError> {
    Ok(TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(stop_words()?)
        .filter(Stemmer::new(Language::Russian))
        .build())
}

fn stop_words() -> Result<StopWordFilter, SearchError> {
    StopWordFilter::new(Language::Russian).ok_or(SearchError::NoStopWords)
}

/// Emits, for each token, its prefixes of `min` or more letters (the whole token included).
#[derive(Debug, Clone, Copy)]
struct EdgeGrams {
    min: usize,
}

impl TokenFilter for EdgeGrams {
    type Tokenizer<T: Tokenizer> = EdgeGramsTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> EdgeGramsTokenizer<T> {
        EdgeGramsTokenizer { min: self.min, inner }
    }
}

#[derive(Debug, Clone)]
struct EdgeGramsTokenizer<T> {
    min: usize,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for EdgeGramsTokenizer<T> {
    type TokenStream<'a> = EdgeGramsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        EdgeGramsStream {
            min: self.min,
            inner: self.inner.token_stream(text),
            stem: String::new(),
            ends: Vec::new(),
            token: Token::default(),
        }
    }
}

struct EdgeGramsStream<S> {
    min: usize,
    inner: S,
    /// The current stem, whose prefixes are being emitted.
    stem: String,
    /// Byte ends of the prefixes still to emit.
    ends: Vec<usize>,
    token: Token,
}

impl<S: TokenStream> TokenStream for EdgeGramsStream<S> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(end) = self.ends.pop() {
                self.token.text.clear();
                self.token.text.push_str(&self.stem[..end]);
                return true;
            }
            if !self.inner.advance() {
                return false;
            }
            self.token.clone_from(self.inner.token());
            self.stem.clone_from(&self.inner.token().text);
            self.ends.extend(
                self.stem.char_indices().map(|(i, c)| i + c.len_utf8()).skip(self.min.saturating_sub(1)),
            );
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The codes a document carries for the municipality and the provider (see `Interner`).
pub(crate) struct Codes {
    pub municipality: u64,
    pub provider: u64,
}

pub(crate) fn document(f: &Fields, p: &ProgramDoc, codes: Codes) -> TantivyDocument {
    let mut d = TantivyDocument::new();
    d.add_text(f.id, &p.id);
    for field in [f.title, f.title_pfx, f.title_raw] {
        d.add_text(field, &p.title);
    }
    d.add_text(f.body, &p.body);
    d.add_u64(f.direction, direction_code(p.direction));
    d.add_u64(f.municipality, codes.municipality);
    d.add_u64(f.provider, codes.provider);
    d.add_u64(f.funding, funding_code(p.funding));
    d.add_u64(f.age_min, u64::from(p.age_min));
    d.add_u64(f.age_max, u64::from(p.age_max));
    for day in p.days.iter() {
        d.add_u64(f.days, day_bit(day));
    }
    d.add_u64(f.facets, Packed::new(p).0);
    let price = price_value(p.price);
    d.add_u64(f.price, price);
    let tiebreak = u64::from(id_hash(&p.id));
    d.add_u64(f.price_key, (price.min(u64::from(u32::MAX)) << 32) | tiebreak);
    d.add_u64(f.start_key, (u64::from(start_day(p.next_start)) << 32) | tiebreak);
    d
}

/// The bit number (0 = Monday) of a single day.
pub(crate) fn day_bit(day: crate::Days) -> u64 {
    u64::from(day.bits().trailing_zeros())
}

pub(crate) fn direction_code(d: Direction) -> u64 {
    Direction::ALL.iter().position(|x| *x == d).map_or(u64::MAX, |i| i as u64)
}

pub(crate) fn funding_code(f: Funding) -> u64 {
    // 1 and 2 as in SEARCH.md (3, paid, is not offered yet).
    match f {
        Funding::Free => 1,
        Funding::Certificate => 2,
    }
}

pub(crate) fn price_value(k: dopcert_domain::money::Kopecks) -> u64 {
    u64::try_from(k.get()).unwrap_or(0)
}

/// Orders dates (any monotonic number will do: only the order matters); no start sorts last.
fn start_day(date: Option<Date>) -> u32 {
    match date {
        None => u32::MAX,
        Some(d) => {
            let year = u32::try_from(i32::from(d.year()) + 10_000).unwrap_or(0);
            let month = u32::try_from(d.month()).unwrap_or(0);
            let day = u32::try_from(d.day()).unwrap_or(0);
            (year << 9) | (month << 5) | day
        }
    }
}

/// FNV-1a of the id: the same on every server and every Rust version, unlike `DefaultHasher`,
/// so ties in a sort break the same way everywhere.
pub(crate) fn id_hash(id: &str) -> u32 {
    id.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn edge_grams_are_prefixes_of_four_letters_or_more() {
        let index = new_index(schema().0).unwrap();
        let mut a = index.tokenizers().get(RU_PREFIX).unwrap();
        let mut grams = tokens(&mut a, "Робототехника и шахматы");
        grams.sort();
        assert_eq!(
            grams,
            [
                "робо",
                "робот",
                "робото",
                "роботот",
                "робототе",
                "робототех",
                "робототехн",
                "робототехни",
                "робототехник",
                "шахм",
                "шахма",
                "шахмат"
            ]
        );
    }

    #[test]
    fn yo_and_ye_give_one_stem() {
        let mut a = ru_analyzer().unwrap();
        assert_eq!(tokens(&mut a, "Лёгкая"), tokens(&mut a, "легкая"));
    }

    #[test]
    fn start_day_orders_dates_and_puts_none_last() {
        let days = [
            start_day(Some(jiff::civil::date(2026, 1, 31))),
            start_day(Some(jiff::civil::date(2026, 2, 1))),
            start_day(Some(jiff::civil::date(2026, 12, 31))),
            start_day(Some(jiff::civil::date(2027, 1, 1))),
            start_day(None),
        ];
        assert!(days.windows(2).all(|w| w[0] < w[1]), "{days:?}");
    }

    #[test]
    fn id_hash_is_fnv1a() {
        assert_eq!(id_hash(""), 0x811c_9dc5);
        assert_eq!(id_hash("a"), 0xe40c_292c);
    }
}
