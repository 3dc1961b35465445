//! Refusals of the billing area in the page's language.
