//! The catalog index of one app server: built whole at start, then kept current by batches of
//! changes from the poller; searched by every request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use tantivy::collector::TopDocs;
use tantivy::schema::{Schema, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument, Term,
};

use crate::cache::{Lookup, ResultCache};
use crate::facets::FacetCounter;
use crate::query::{self, FilterCodes, Plan, Text};
use crate::schema::{self, Codes, Fields, PRICE_KEY, START_KEY};
use crate::{CatalogQuery, Found, ProgramDoc, SearchError, Sort, PAGE_SIZE};

/// The indexing arena per thread for a full build (SEARCH.md measured 50 MB).
const BUILD_BUDGET_PER_THREAD: usize = 50_000_000;
/// A full build uses two threads at most: the server has two cores and is serving meanwhile.
const MAX_BUILD_THREADS: usize = 2;
/// Updates are small batches: one thread, tantivy's smallest arena.
const UPDATE_BUDGET: usize = 15_000_000;

/// The search index of the catalog. `Send + Sync`: one per app server, shared via `Arc`.
pub struct Catalog {
    schema: Schema,
    fields: Fields,
    /// The query-side analyzer, cloned per search (it needs `&mut`).
    analyzer: TextAnalyzer,
    /// Replaced whole by `rebuild`; searches take a snapshot (`Searcher`) under the read lock.
    reader: RwLock<IndexReader>,
    /// Serializes `rebuild` and `apply`: a batch never lands in an index about to be replaced.
    writer: Mutex<IndexWriter>,
    ids: RwLock<Ids>,
    cache: ResultCache,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog").field("programs", &self.len()).finish_non_exhaustive()
    }
}

/// UUIDs of municipalities and providers as dense `u64` codes for the fast fields. Codes live as
/// long as the process (they are never reused), so a cached result or an old segment always
/// names the right id.
#[derive(Default)]
struct Ids {
    municipalities: Interner,
    providers: Interner,
}

#[derive(Default)]
struct Interner {
    codes: HashMap<Arc<str>, u64>,
    ids: Vec<Arc<str>>,
}

impl Interner {
    fn code(&self, id: &str) -> Option<u64> {
        self.codes.get(id).copied()
    }

    fn intern(&mut self, id: &str) -> u64 {
        if let Some(code) = self.code(id) {
            return code;
        }
        let id: Arc<str> = Arc::from(id);
        let code = self.ids.len() as u64;
        self.ids.push(Arc::clone(&id));
        self.codes.insert(id, code);
        code
    }
}

impl Catalog {
    /// An empty index: searches find nothing until `rebuild`.
    pub fn new() -> Result<Self, SearchError> {
        let (schema, fields) = schema::schema();
        let index = schema::new_index(schema.clone())?;
        let writer = index.writer_with_num_threads(1, UPDATE_BUDGET)?;
        Ok(Catalog {
            schema,
            fields,
            analyzer: schema::ru_analyzer()?,
            reader: RwLock::new(reader(&index)?),
            writer: Mutex::new(writer),
            ids: RwLock::default(),
            cache: ResultCache::default(),
        })
    }

    /// Replaces every program with `docs` (a fresh index, built while searches go on in the old
    /// one), then makes it visible.
    pub fn rebuild(&self, docs: impl IntoIterator<Item = ProgramDoc>) -> Result<(), SearchError> {
        let mut writer = lock(&self.writer);
        let index = schema::new_index(self.schema.clone())?;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_BUILD_THREADS);
        let mut build = index.writer_with_num_threads(threads, threads * BUILD_BUDGET_PER_THREAD)?;
        for doc in docs {
            build.add_document(self.document(&doc))?;
        }
        build.commit()?;
        build.wait_merging_threads()?;
        let fresh_reader = reader(&index)?;
        *writer = index.writer_with_num_threads(1, UPDATE_BUDGET)?;
        *write(&self.reader) = fresh_reader;
        self.cache.invalidate();
        Ok(())
    }

    /// Applies changes by program id: the old document goes, the new one (if still visible)
    /// comes; one commit for the batch. Applying a batch twice gives the same index.
    pub fn apply(&self, changes: Vec<(String, Option<ProgramDoc>)>) -> Result<(), SearchError> {
        if changes.is_empty() {
            return Ok(());
        }
        let mut writer = lock(&self.writer);
        if let Err(e) = self.stage(&writer, changes).and_then(|()| writer.commit().map(|_| ())) {
            // Nothing half-applied may ride along with the next batch.
            writer.rollback()?;
            return Err(e.into());
        }
        read(&self.reader).reload()?;
        self.cache.invalidate();
        Ok(())
    }

    fn stage(&self, writer: &IndexWriter, changes: Vec<(String, Option<ProgramDoc>)>) -> tantivy::Result<()> {
        for (id, doc) in changes {
            writer.delete_term(Term::from_field_text(self.fields.id, &id));
            if let Some(doc) = doc {
                writer.add_document(self.document(&doc))?;
            }
        }
        Ok(())
    }

    /// One page of programs matching the text and every filter, with facet counts over all
    /// hits.
    pub fn search(&self, q: &CatalogQuery) -> Result<Found, SearchError> {
        let words = match query::words(&mut self.analyzer.clone(), &q.text) {
            Text::NoWords => return Ok(Found { no_words: true, ..Found::default() }),
            Text::Blank => Vec::new(),
            Text::Words(words) => words,
        };
        let plan = Plan::new(q, words);
        let ticket = match self.cache.get(&plan) {
            Lookup::Hit(found) => return Ok(Found::clone(&found)),
            Lookup::Miss(ticket) => ticket,
        };
        let searcher = read(&self.reader).searcher();
        let found = Arc::new(self.run(&searcher, &plan)?);
        self.cache.put(ticket, plan, Arc::clone(&found));
        Ok(Arc::unwrap_or_clone(found))
    }

    /// Programs in the index.
    pub fn len(&self) -> u64 {
        read(&self.reader).searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn run(&self, searcher: &Searcher, plan: &Plan) -> Result<Found, SearchError> {
        let codes = {
            let ids = read(&self.ids);
            // An id never interned has no programs: `u64::MAX` is no document's code.
            let code = |interner: &Interner, id: &Option<String>| {
                id.as_deref().map(|id| interner.code(id).unwrap_or(u64::MAX))
            };
            FilterCodes {
                municipality: code(&ids.municipalities, &plan.municipality),
                provider: code(&ids.providers, &plan.provider),
            }
        };
        let query = query::build(&self.fields, searcher, plan, &codes)?;
        let page = TopDocs::with_limit(PAGE_SIZE).and_offset(PAGE_SIZE * (plan.page as usize - 1));
        let (hits, tally): (Vec<DocAddress>, _) = match plan.sort {
            Sort::Relevance => {
                let (top, tally) = searcher.search(&query, &(page.order_by_score(), FacetCounter))?;
                (top.into_iter().map(|(_, a)| a).collect(), tally)
            }
            Sort::Price | Sort::NearestStart => {
                // `*_key` is the value, then a hash of the id: ties break alike on every server.
                let key = if plan.sort == Sort::Price { PRICE_KEY } else { START_KEY };
                let by_key = page.order_by_fast_field::<u64>(key, Order::Asc);
                let (top, tally) = searcher.search(&query, &(by_key, FacetCounter))?;
                (top.into_iter().map(|(_, a)| a).collect(), tally)
            }
        };
        let ids = hits.into_iter().map(|a| self.stored_id(searcher, a)).collect::<Result<_, _>>()?;
        let ids_lock = read(&self.ids);
        let facets = tally.facets(&ids_lock.municipalities.ids, &ids_lock.providers.ids);
        Ok(Found { ids, total: tally.total, facets, no_words: false })
    }

    fn stored_id(&self, searcher: &Searcher, address: DocAddress) -> tantivy::Result<String> {
        let doc: TantivyDocument = searcher.doc(address)?;
        Ok(doc.get_first(self.fields.id).and_then(|v| v.as_str()).unwrap_or_default().to_owned())
    }

    fn document(&self, doc: &ProgramDoc) -> TantivyDocument {
        let codes = {
            let mut ids = write(&self.ids);
            Codes {
                municipality: ids.municipalities.intern(&doc.municipality_id),
                provider: ids.providers.intern(&doc.provider_id),
            }
        };
        schema::document(&self.fields, doc, codes)
    }
}

fn reader(index: &Index) -> tantivy::Result<IndexReader> {
    // Reloaded by hand after each commit: a search never sees a half-applied batch.
    index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()
}

// Every critical section here leaves its data consistent (a panic inside tantivy leaves staged
// operations the next batch commits or `apply`'s rollback drops), so a poisoned lock is used as
// is rather than turning every later search into a panic.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn read<T>(l: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(PoisonError::into_inner)
}

fn write<T>(l: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(PoisonError::into_inner)
}
