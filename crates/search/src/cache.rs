//! Results of recent queries, emptied at every change of the index. A hit costs a hash lookup and
//! a copy instead of a search: at 64 clients resending at once, that is what keeps p99 low
//! (`docs/SEARCH.md`, «Is p99 ≤ 10 ms plausible?»); the landing page is always a hit.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::query::Plan;
use crate::Found;

/// Bounds: when either is reached the cache starts over, which is simpler than LRU and as good
/// between two commits of the poller (one second).
const MAX_ENTRIES: usize = 10_000;
/// Ids and facet rows held over all entries (about 30 MB): an unfiltered query lists every
/// provider.
const MAX_ROWS: usize = 1_000_000;

#[derive(Default)]
pub(crate) struct ResultCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Bumped by every change: a result computed before it must not be stored after it.
    generation: u64,
    entries: HashMap<Plan, Arc<Found>>,
    rows: usize,
}

/// The cache's generation when a miss was seen; `put` stores only if no change came since.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ticket(u64);

pub(crate) enum Lookup {
    Hit(Arc<Found>),
    /// Take the searcher only after this, so a result computed on an older index carries an
    /// older ticket.
    Miss(Ticket),
}

impl ResultCache {
    pub fn get(&self, plan: &Plan) -> Lookup {
        let inner = self.lock();
        match inner.entries.get(plan) {
            Some(found) => Lookup::Hit(Arc::clone(found)),
            None => Lookup::Miss(Ticket(inner.generation)),
        }
    }

    pub fn put(&self, ticket: Ticket, plan: Plan, found: Arc<Found>) {
        let mut inner = self.lock();
        if inner.generation != ticket.0 {
            return;
        }
        let rows = rows(&found);
        if inner.entries.len() >= MAX_ENTRIES || inner.rows + rows > MAX_ROWS {
            inner.entries.clear();
            inner.rows = 0;
        }
        if let Some(old) = inner.entries.insert(plan, found) {
            inner.rows -= self::rows(&old);
        }
        inner.rows += rows;
    }

    /// Call after the new index is visible to searchers.
    pub fn invalidate(&self) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.entries.clear();
        inner.rows = 0;
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic elsewhere cannot leave a half-written entry: every method is a few map calls.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn rows(found: &Found) -> usize {
    1 + found.ids.len() + found.facets.municipalities.len() + found.facets.providers.len()
}
