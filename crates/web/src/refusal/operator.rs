//! Refusals of the operator area in the page's language.
