//! Refusals of the catalog area in the page's language.
