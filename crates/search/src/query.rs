//! From what the user typed and chose to a tantivy query (`docs/SEARCH.md`, «Query
//! construction»).

use std::collections::HashSet;
use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, RangeQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use crate::schema::{day_bit, direction_code, funding_code, price_value, Fields, MIN_GRAM};
use crate::{CatalogQuery, Days, Direction, Funding, Sort, MAX_PAGE};

/// Only the start of a long text is read: nobody types 200 characters into a search box, and a
/// pasted page must not cost more than a query.
const MAX_TEXT_CHARS: usize = 200;
const MAX_WORDS: usize = 8;
/// Words this short are too often a typo of some other word to be fuzzed.
const MIN_FUZZY_CHARS: usize = 5;

const TITLE_BOOST: f32 = 3.0;
const PREFIX_BOOST: f32 = 2.0;
const TYPO_BOOST: f32 = 0.5;

/// One searchable word of the text: its stem, and its lowercased surface form for typos.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Word {
    pub stem: String,
    pub raw: String,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Text {
    /// Nothing but spaces: browse the catalog.
    Blank,
    /// Characters, but no searchable word: punctuation, stop words.
    NoWords,
    Words(Vec<Word>),
}

/// The distinct stems of the text's first words; stop words and overlong tokens dropped.
pub(crate) fn words(analyzer: &mut TextAnalyzer, text: &str) -> Text {
    let text = text.trim();
    if text.is_empty() {
        return Text::Blank;
    }
    let head: String = text.chars().take(MAX_TEXT_CHARS).collect::<String>().to_lowercase();
    let mut seen = HashSet::new();
    let mut words = Vec::new();
    for raw in head.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        // None for a stop word or an overlong token.
        let Some(stem) = first_token(analyzer, raw) else { continue };
        if seen.insert(stem.clone()) {
            words.push(Word { stem, raw: raw.to_owned() });
            if words.len() == MAX_WORDS {
                break;
            }
        }
    }
    if words.is_empty() {
        Text::NoWords
    } else {
        Text::Words(words)
    }
}

fn first_token(analyzer: &mut TextAnalyzer, word: &str) -> Option<String> {
    let mut stream = analyzer.token_stream(word);
    stream.advance().then(|| stream.token().text.clone())
}

/// A query reduced to what decides its result: the cache's key, and all `run` reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Plan {
    /// Empty: browse.
    pub words: Vec<Word>,
    /// Bit `i` is `Direction::ALL[i]`.
    pub directions: u8,
    pub municipality: Option<String>,
    pub provider: Option<String>,
    pub age: Option<u8>,
    pub funding: Option<Funding>,
    pub days: Days,
    /// Kopecks; a negative bound reads as zero.
    pub price_min: Option<u64>,
    pub price_max: Option<u64>,
    /// Never `Relevance` without words.
    pub sort: Sort,
    /// `1..=MAX_PAGE`.
    pub page: u32,
}

impl Plan {
    pub fn new(q: &CatalogQuery, words: Vec<Word>) -> Plan {
        let sort = match q.sort {
            Sort::Relevance if words.is_empty() => Sort::NearestStart,
            s => s,
        };
        Plan {
            directions: q.directions.iter().fold(0, |m, d| m | 1 << direction_code(*d)),
            municipality: q.municipality_id.clone(),
            provider: q.provider_id.clone(),
            age: q.age,
            funding: q.funding,
            days: q.days,
            price_min: q.price_min.map(price_value),
            price_max: q.price_max.map(price_value),
            sort,
            page: q.page.clamp(1, MAX_PAGE),
            words,
        }
    }
}

/// Interned codes of the plan's municipality and provider; an id the index has never seen gets
/// a code no document has.
pub(crate) struct FilterCodes {
    pub municipality: Option<u64>,
    pub provider: Option<u64>,
}

/// The text (OR of words) and the filters (each a `Must`, scoring nothing). The searcher says
/// which stems the index knows: only unknown ones get typo clauses.
pub(crate) fn build(
    f: &Fields,
    searcher: &Searcher,
    plan: &Plan,
    codes: &FilterCodes,
) -> tantivy::Result<Box<dyn Query>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !plan.words.is_empty() {
        let words = plan.words.iter().map(|w| word_query(f, searcher, w)).collect::<tantivy::Result<_>>()?;
        clauses.push((Occur::Must, Box::new(BooleanQuery::union(words))));
    }
    for filter in filters(f, plan, codes) {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    Ok(if clauses.is_empty() { Box::new(AllQuery) } else { Box::new(BooleanQuery::new(clauses)) })
}

/// The stem in the title (×3) and the body (×1); for stems of 4+ letters, the stem as a
/// prefix of a title stem (×2): «роботы» (`робот`) finds «Робототехника» (`робототехник`).
/// When the index knows the stem nowhere and the word has 5+ letters, one typo (×0.5) against
/// title stems and title words: a typo can move the stemmer's cut («начинаюших» → `начинаюш`,
/// two edits from `начина` but one from «начинающих»).
fn word_query(f: &Fields, searcher: &Searcher, w: &Word) -> tantivy::Result<Box<dyn Query>> {
    let title = Term::from_field_text(f.title, &w.stem);
    let body = Term::from_field_text(f.body, &w.stem);
    let prefix = Term::from_field_text(f.title_pfx, &w.stem);
    let mut alternatives: Vec<Box<dyn Query>> = vec![
        boost(TermQuery::new(title.clone(), IndexRecordOption::WithFreqs), TITLE_BOOST),
        Box::new(TermQuery::new(body.clone(), IndexRecordOption::WithFreqs)),
    ];
    let has_prefix_clause = w.stem.chars().count() >= MIN_GRAM;
    if has_prefix_clause {
        alternatives.push(boost(TermQuery::new(prefix.clone(), IndexRecordOption::Basic), PREFIX_BOOST));
    }
    if w.raw.chars().count() >= MIN_FUZZY_CHARS {
        let mut known = searcher.doc_freq(&title)? > 0 || searcher.doc_freq(&body)? > 0;
        if !known && has_prefix_clause {
            known = searcher.doc_freq(&prefix)? > 0;
        }
        if !known {
            let raw = Term::from_field_text(f.title_raw, &w.raw);
            alternatives.push(boost(FuzzyTermQuery::new(title, 1, true), TYPO_BOOST));
            alternatives.push(boost(FuzzyTermQuery::new(raw, 1, true), TYPO_BOOST));
        }
    }
    Ok(Box::new(BooleanQuery::union(alternatives)))
}

fn boost(q: impl Query, factor: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(Box::new(q), factor))
}

fn filters(f: &Fields, plan: &Plan, codes: &FilterCodes) -> Vec<Box<dyn Query>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    if plan.directions != 0 {
        let codes = Direction::ALL.iter().map(|d| direction_code(*d));
        out.push(any_of(f.direction, codes.filter(|c| plan.directions & (1 << c) != 0)));
    }
    if let Some(code) = codes.municipality {
        out.push(any_of(f.municipality, [code]));
    }
    if let Some(code) = codes.provider {
        out.push(any_of(f.provider, [code]));
    }
    if let Some(funding) = plan.funding {
        out.push(any_of(f.funding, [funding_code(funding)]));
    }
    if !plan.days.is_empty() {
        out.push(any_of(f.days, plan.days.iter().map(day_bit)));
    }
    if let Some(age) = plan.age {
        let age = u64::from(age);
        out.push(range(f.age_min, Bound::Unbounded, Bound::Included(age)));
        out.push(range(f.age_max, Bound::Included(age), Bound::Unbounded));
    }
    if plan.price_min.is_some() || plan.price_max.is_some() {
        let min = plan.price_min.map_or(Bound::Unbounded, Bound::Included);
        let max = plan.price_max.map_or(Bound::Unbounded, Bound::Included);
        out.push(range(f.price, min, max));
    }
    out
}

fn any_of(field: Field, values: impl IntoIterator<Item = u64>) -> Box<dyn Query> {
    let mut terms: Vec<Term> = values.into_iter().map(|v| Term::from_field_u64(field, v)).collect();
    if terms.len() == 1 {
        let term = terms.remove(0);
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    } else {
        Box::new(TermSetQuery::new(terms))
    }
}

fn range(field: Field, min: Bound<u64>, max: Bound<u64>) -> Box<dyn Query> {
    let term = |v: u64| Term::from_field_u64(field, v);
    Box::new(RangeQuery::new(min.map(term), max.map(term)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::ru_analyzer;

    fn stems(text: &str) -> Text {
        words(&mut ru_analyzer().unwrap(), text)
    }

    #[test]
    fn stop_words_drop_and_stems_stay() {
        let Text::Words(w) = stems("Робототехника для начинающих") else {
            panic!("no words")
        };
        let got: Vec<&str> = w.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(got, ["робототехник", "начина"]);
        assert_eq!(w[0].raw, "робототехника");
    }

    #[test]
    fn punctuation_and_stop_words_leave_no_words_but_spaces_are_blank() {
        assert_eq!(stems("?!.,;:—«»()[]..."), Text::NoWords);
        assert_eq!(stems("и для на"), Text::NoWords);
        assert_eq!(stems("  \t "), Text::Blank);
    }

    #[test]
    fn at_most_eight_distinct_stems_from_the_first_200_characters() {
        let head = "шахматы шахматы ".repeat(3) + &" ".repeat(152);
        assert_eq!(head.chars().count(), MAX_TEXT_CHARS);
        let Text::Words(w) = stems(&(head.clone() + "музыка")) else { panic!("no words") };
        assert_eq!(w.len(), 1, "{w:?}");
        let Text::Words(w) = stems(&(head[..head.len() - 6].to_owned() + "музыка")) else {
            panic!("no words")
        };
        assert_eq!(w.len(), 2, "{w:?}");
        let many = "шахматы музыка футбол плавание рисование вокал театр керамика гитара дзюдо";
        let Text::Words(w) = stems(many) else { panic!("no words") };
        assert_eq!(w.len(), MAX_WORDS);
    }

    #[test]
    fn relevance_without_words_sorts_by_start_and_pages_are_clamped() {
        let q = CatalogQuery { page: 0, ..CatalogQuery::default() };
        let plan = Plan::new(&q, Vec::new());
        assert_eq!((plan.sort, plan.page), (Sort::NearestStart, 1));
        let q = CatalogQuery { page: 9_999, ..CatalogQuery::default() };
        let plan = Plan::new(&q, vec![Word { stem: "шахмат".into(), raw: "шахматы".into() }]);
        assert_eq!((plan.sort, plan.page), (Sort::Relevance, MAX_PAGE));
    }
}
