//! Refusals of the cabinet area in the page's language.
