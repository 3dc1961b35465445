//! Why a use case said no, in the page's language. The use cases' errors carry their Russian in
//! `Display` (the API's messages keep it); pages show the same refusal from the texts in
//! `locales/`, so that an English page reads English. One `match` per error type, by area, and a
//! test per type that the Russian text here is word for word what `Display` says.

mod billing;
mod cabinet;
mod catalog;
mod common;
mod operator;

pub use crate::text::capitalize as sentence;
use crate::text::{self, Lang};

/// A refusal that can be put into words for a page.
pub trait Explain {
    /// The refusal as a sentence for a page: capitalized, in `lang`.
    fn explain(&self, lang: Lang) -> String;
}

/// The refusal in the language of the page being answered.
pub fn explain(e: &impl Explain) -> String {
    e.explain(text::lang())
}

#[cfg(test)]
pub(crate) mod check {
    use super::*;

    /// Every sample reads in Russian exactly as its `Display` (capitalized), and in English
    /// without a Cyrillic letter (so samples carry Latin values: titles, names).
    pub fn same_words<E: Explain + std::fmt::Display>(samples: &[E]) {
        let mut problems = Vec::new();
        for e in samples {
            let ru = e.explain(Lang::Ru);
            let display = sentence(&e.to_string());
            if ru != display {
                problems.push(format!("Russian differs:\n  page:    {ru}\n  Display: {display}"));
            }
            let en = e.explain(Lang::En);
            if en.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c))) {
                problems.push(format!("English holds Cyrillic: {en}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
