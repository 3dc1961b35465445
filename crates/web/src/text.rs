//! The words of the pages. Every text a page shows lives in `crates/web/locales/<lang>/*.ftl`
//! (Project Fluent): Russian, the language of the service, and English, kept complete by the
//! tests below. A page asks for a text by its key; the language is the browser's choice from
//! the footer, remembered in a cookie (Russian when there is none).
//!
//! What stays Russian on purpose: the documents with legal force (the certificate's PDF,
//! invoices, acts and registers for accounting) and the API's messages, which are documented as
//! Russian for the regional systems that show them.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use jiff::civil::Date;

/// A language of the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

/// The text files, one per part of the service, so that a part's texts are found together.
macro_rules! locale_files {
    ($lang:literal: $($area:literal),* $(,)?) => {
        &[$(($area, include_str!(concat!("../locales/", $lang, "/", $area, ".ftl")))),*]
    };
}

const RU: &[(&str, &str)] =
    locale_files!("ru": "common", "help", "cabinet", "catalog", "operator", "billing", "forms", "notes");
const EN: &[(&str, &str)] =
    locale_files!("en": "common", "help", "cabinet", "catalog", "operator", "billing", "forms", "notes");

struct Texts {
    ru: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

static TEXTS: LazyLock<Texts> = LazyLock::new(|| Texts { ru: bundle("ru", RU), en: bundle("en", EN) });

fn bundle(lang: &str, files: &[(&str, &str)]) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.parse().expect("a language code");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around values: the pages are left-to-right only, and the marks
    // would end up in copied numbers and in the tests' searches.
    bundle.set_use_isolating(false);
    for (area, text) in files {
        // A broken file is caught by the tests; what parses is still served.
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, errors)| {
            tracing::error!(lang, area, ?errors, "locale file has syntax errors");
            r
        });
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(lang, area, ?errors, "locale file repeats keys");
        }
    }
    bundle
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    /// The code in `<html lang>`, the cookie and the switch's link.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The other language: the footer's switch offers it.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ru => Lang::En,
            Lang::En => Lang::Ru,
        }
    }

    /// The language's own name, as the switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    fn bundle(self) -> &'static FluentBundle<FluentResource> {
        match self {
            Lang::Ru => &TEXTS.ru,
            Lang::En => &TEXTS.en,
        }
    }

    /// The text under `key`.
    pub fn t(self, key: &str) -> String {
        self.format(key, None)
    }

    /// The text under `key` with values put in: `{ $name }` in the file. Values are words;
    /// numbers that choose a plural form go through [`Lang::tn`].
    pub fn with(self, key: &str, args: &[(&str, &str)]) -> String {
        let mut fa = FluentArgs::new();
        for (name, value) in args {
            fa.set(*name, FluentValue::from(*value));
        }
        self.format(key, Some(&fa))
    }

    /// The text under `key` with the number `n` as `{ $n }`: it chooses the plural form
    /// («1 ребёнок, 2 ребёнка, 5 детей»; «1 child, 2 children»).
    pub fn tn(self, key: &str, n: i64) -> String {
        let mut fa = FluentArgs::new();
        fa.set("n", FluentValue::from(n));
        self.format(key, Some(&fa))
    }

    fn format(self, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = self.bundle();
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            // Caught by the tests; a page still renders, showing the key.
            tracing::error!(key, lang = self.code(), "no text under this key");
            return key.to_string();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::error!(key, lang = self.code(), ?errors, "text formatted with errors");
        }
        text.into_owned()
    }

    /// An instant in Moscow time, its date in words: «24 ноября 2026, 14:05», «24 November 2026,
    /// 14:05».
    pub fn instant(self, at: jiff::Timestamp) -> String {
        let z = dopcert_domain::time::in_moscow(at);
        format!("{}, {:02}:{:02}", self.date_long(z.date()), z.hour(), z.minute())
    }

    /// A month (its first day meant) as a title names it: «декабрь 2026», «December 2026».
    pub fn month_year(self, d: Date) -> String {
        match self {
            Lang::Ru => dopcert_domain::format::month_year(d),
            Lang::En => d.strftime("%B %Y").to_string(),
        }
    }

    /// A wait in words, rounded up: «30 с», «12 мин».
    pub fn wait(self, d: std::time::Duration) -> String {
        match d.as_secs() + 1 {
            s if s < 60 => self.tn("wait-seconds", s as i64),
            s => self.tn("wait-minutes", s.div_ceil(60) as i64),
        }
    }

    /// A date in words: «24 ноября 2026», «24 November 2026».
    pub fn date_long(self, d: Date) -> String {
        match self {
            Lang::Ru => dopcert_domain::format::date_long(d),
            Lang::En => d.strftime("%-d %B %Y").to_string(),
        }
    }
}

/// The language of the page being answered.
pub fn lang() -> Lang {
    crate::accessibility::current().lang
}

/// The text under `key` in the language of the page being answered.
pub fn t(key: &str) -> String {
    lang().t(key)
}

/// [`Lang::instant`] in the language of the page being answered.
pub fn instant(at: jiff::Timestamp) -> String {
    lang().instant(at)
}

/// [`Lang::with`] in the language of the page being answered.
pub fn with(key: &str, args: &[(&str, &str)]) -> String {
    lang().with(key, args)
}

/// A sentence's first letter capitalized: a refusal or a month standing first on a page.
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A text put after a colon or into a list: its first letter lowercase, unless it begins an
/// abbreviation («СНИЛС состоит…», «INN…» stay as they are).
pub fn clause(s: &str) -> String {
    let mut c = s.chars();
    match (c.next(), c.clone().next()) {
        (Some(f), Some(n)) if !n.is_uppercase() => f.to_lowercase().chain(c).collect(),
        _ => s.to_string(),
    }
}

/// [`Lang::tn`] in the language of the page being answered.
pub fn tn(key: &str, n: i64) -> String {
    lang().tn(key, n)
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    use super::*;

    /// The keys of one file with the variables each message uses.
    fn keys(text: &str) -> BTreeMap<String, BTreeSet<String>> {
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(_, e)| {
            panic!("syntax errors: {e:?}");
        });
        let mut out = BTreeMap::new();
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                out.insert(m.id.name.to_string(), BTreeSet::new());
            }
        }
        // Variables: `{ $name }` and selectors `{ $n ->`, found in the raw text per message.
        let mut current: Option<String> = None;
        for line in text.lines() {
            if let Some((id, _)) = line.split_once('=') {
                let id = id.trim();
                if !line.starts_with(' ') && out.contains_key(id) {
                    current = Some(id.to_string());
                }
            }
            if let Some(id) = &current {
                for var in variables(line) {
                    out.get_mut(id).expect("a known key").insert(var);
                }
            }
        }
        out
    }

    fn variables(line: &str) -> Vec<String> {
        line.match_indices('$')
            .map(|(i, _)| {
                line[i + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_text_has_its_english_translation_with_the_same_values() {
        let mut problems = Vec::new();
        for ((area, ru), (en_area, en)) in RU.iter().zip(EN) {
            assert_eq!(area, en_area, "the same files in the same order");
            let (ru, en) = (keys(ru), keys(en));
            for (key, vars) in &ru {
                match en.get(key) {
                    None => problems.push(format!("{area}.ftl: «{key}» has no English text")),
                    Some(v) if v != vars => problems
                        .push(format!("{area}.ftl: «{key}» uses {vars:?} in Russian but {v:?} in English")),
                    Some(_) => {}
                }
            }
            for key in en.keys().filter(|k| !ru.contains_key(*k)) {
                problems.push(format!("{area}.ftl: «{key}» is in English only"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_files_parse_and_no_key_is_defined_twice() {
        for files in [RU, EN] {
            let mut seen = BTreeSet::new();
            for (area, text) in files {
                for key in keys(text).into_keys() {
                    assert!(seen.insert(key.clone()), "{area}.ftl: «{key}» is defined twice");
                }
            }
        }
    }

    fn crate_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("a readable folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                files_under(&path, ext, out);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }

    /// Keys asked for in templates and code: `t("…")`, `t1("…"`, `t2("…"`, `tn("…"` and
    /// `text::with("…"` (or `lang.with`: other types have methods called `with`).
    fn used_keys(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for call in ["t(", "t1(", "t2(", "tn(", "with("] {
            for (i, _) in text.match_indices(call) {
                let before = &text[..i];
                if before.chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                    continue;
                }
                if call.starts_with("with")
                    && !["text::", "lang.", "lang()."].iter().any(|p| before.ends_with(p))
                {
                    continue;
                }
                // rustfmt may put the key on the next line: `text::with(\n    "key"`.
                let rest = text[i + call.len()..].trim_start();
                let Some(rest) = rest.strip_prefix('"') else { continue };
                let key: String =
                    rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                if rest[key.len()..].starts_with('"') {
                    out.push(key);
                }
            }
        }
        out
    }

    #[test]
    fn every_key_the_pages_ask_for_exists() {
        let defined: BTreeSet<String> = RU.iter().flat_map(|(_, t)| keys(t).into_keys()).collect();
        let mut files = Vec::new();
        files_under(&crate_dir().join("templates"), "html", &mut files);
        files_under(&crate_dir().join("src"), "rs", &mut files);
        let mut missing = Vec::new();
        // This file's own tests ask for keys that are not there on purpose.
        for file in files.into_iter().filter(|f| !f.ends_with("src/text.rs")) {
            let text = std::fs::read_to_string(&file).expect("a readable file");
            for key in used_keys(&text).into_iter().filter(|k| !defined.contains(k)) {
                missing.push(format!("{}: «{key}»", file.display()));
            }
        }
        assert!(missing.is_empty(), "keys without a text:\n{}", missing.join("\n"));
    }

    /// A text no page asks for is a leftover: found by its key in quotes anywhere in the
    /// templates or the code (keys passed around as values count too, e.g. the vision panel's).
    #[test]
    fn every_text_is_asked_for_somewhere() {
        let mut files = Vec::new();
        files_under(&crate_dir().join("templates"), "html", &mut files);
        files_under(&crate_dir().join("src"), "rs", &mut files);
        // This file counts without its tests, which name keys on purpose.
        let sources: String = files
            .iter()
            .map(|f| {
                let text = std::fs::read_to_string(f).expect("a readable file");
                match f.ends_with("src/text.rs") {
                    true => text.split("#[cfg(test)]").next().unwrap_or_default().to_string(),
                    false => text,
                }
            })
            .collect();
        let unused: Vec<String> = RU
            .iter()
            .flat_map(|(area, t)| keys(t).into_keys().map(move |k| (area, k)))
            .filter(|(_, k)| !sources.contains(&format!("\"{k}\"")))
            .map(|(area, k)| format!("{area}.ftl: «{k}»"))
            .collect();
        assert!(unused.is_empty(), "texts no page asks for:\n{}", unused.join("\n"));
    }

    #[test]
    fn the_key_finder_finds_calls_and_skips_lookalikes() {
        let found = used_keys(
            r#"{{ layout.t("a-b") }} layout.t1("e", "n", 1) lang.tn("c", 2) text::with(
 "d", &[]) url.with("x") split("x") t(x)"#,
        );
        assert_eq!(found, ["a-b", "e", "c", "d"]);
    }

    #[test]
    fn templates_hold_no_words_of_their_own() {
        let mut files = Vec::new();
        files_under(&crate_dir().join("templates"), "html", &mut files);
        let mut found = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("a readable file");
            for (n, line) in text.lines().enumerate() {
                if line.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
        assert!(found.is_empty(), "Russian words outside the text files:\n{}", found.join("\n"));
    }

    /// The tags of a text, in order of their names (a translation may move a link).
    fn tags(text: &str) -> Vec<String> {
        let mut names: Vec<String> = text
            .match_indices('<')
            .map(|(i, _)| {
                text[i + 1..].chars().take_while(|c| *c == '/' || c.is_ascii_alphanumeric()).collect()
            })
            .collect();
        names.sort();
        names
    }

    /// Markup is allowed only in texts whose key ends in `-html` (shown unescaped, so they take no
    /// values), and a translation keeps the same tags.
    #[test]
    fn only_html_texts_hold_markup_and_translations_keep_it() {
        let mut problems = Vec::new();
        for (area, text) in RU {
            for (key, vars) in keys(text) {
                let (ru, en) = (Lang::Ru.t(&key), Lang::En.t(&key));
                if key.ends_with("-html") {
                    if !vars.is_empty() {
                        problems.push(format!("{area}.ftl: «{key}» is shown unescaped and takes values"));
                    }
                    if tags(&ru) != tags(&en) {
                        problems.push(format!("{area}.ftl: «{key}» has other tags in English"));
                    }
                } else if ru.contains('<') || en.contains('<') {
                    problems.push(format!("{area}.ftl: «{key}» holds markup: name it «…-html»"));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn plural_forms_follow_each_language() {
        let ru: Vec<String> =
            [1, 2, 5, 11, 21].into_iter().map(|n| Lang::Ru.tn("catalog-child-age", n)).collect();
        assert_eq!(ru, ["1 год", "2 года", "5 лет", "11 лет", "21 год"]);
        let en: Vec<String> = [1, 2].into_iter().map(|n| Lang::En.tn("catalog-child-age", n)).collect();
        assert_eq!(en, ["1 year old", "2 years old"]);
    }

    #[test]
    fn values_go_in_as_they_are_and_a_missing_key_shows_itself() {
        assert_eq!(Lang::En.with("footer-phone", &[("phone", "0012")]), "phone 0012");
        assert_eq!(Lang::Ru.t("no-such-key"), "no-such-key");
        assert_eq!(Lang::En.date_long(jiff::civil::date(2026, 11, 24)), "24 November 2026");
        assert_eq!(Lang::Ru.date_long(jiff::civil::date(2026, 11, 24)), "24 ноября 2026");
        let at: jiff::Timestamp = "2026-11-24T11:05:00Z".parse().unwrap();
        assert_eq!(Lang::Ru.instant(at), dopcert_domain::format::instant(at), "documents and pages agree");
        assert_eq!(Lang::En.instant(at), "24 November 2026, 14:05");
        assert_eq!(Lang::En.month_year(jiff::civil::date(2026, 12, 1)), "December 2026");
    }
}
