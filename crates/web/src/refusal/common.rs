//! Refusals of the common area in the page's language.
