//! What every page carries: the header (service name; after login, «Уведомления» with the
//! unread count and the person's full name at the top right, which opens «Персональные
//! настройки») and the footer with the contacts of
//! the municipal support centre and the regional model centre.

use dopcert_app::auth::Actor;
use dopcert_app::region;

use crate::accessibility::{self, Setting, Vision};
use crate::text::Lang;
use crate::{assets, WebState};

/// The signed-in person as the header shows them.
#[derive(Debug, Clone)]
pub struct UserBadge {
    pub full_name: String,
    /// The form token for the header's «Выйти» button.
    pub csrf: String,
    /// Notifications not yet seen: the header's «Уведомления» shows the count.
    pub unread: i64,
}

#[derive(Debug, Clone, Default)]
pub struct Footer {
    pub region_name: String,
    pub support_center_name: String,
    pub support_center_phone: String,
    pub region_center_name: String,
    pub region_center_url: Option<String>,
}

impl UserBadge {
    /// «Кузнецова О. В.»: the name as a phone's header has room for.
    pub fn short_name(&self) -> String {
        let mut words = self.full_name.split_whitespace();
        let Some(surname) = words.next() else { return String::new() };
        let initials: Vec<String> = words.filter_map(|w| w.chars().next()).map(|c| format!("{c}.")).collect();
        if initials.is_empty() {
            surname.to_string()
        } else {
            format!("{surname} {}", initials.join("\u{a0}"))
        }
    }
}

impl Footer {
    /// `tel:` link for the phone: digits and the plus only.
    pub fn phone_href(&self) -> String {
        let digits: String =
            self.support_center_phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        format!("tel:{digits}")
    }
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub title: String,
    pub stylesheet: String,
    /// The page icon's hashed URL.
    pub icon: String,
    pub user: Option<UserBadge>,
    pub footer: Footer,
    /// «Версия для слабовидящих», when this browser has it on.
    pub vision: Option<Vision>,
    /// This page's address, for the links that switch the version and come back.
    pub here: String,
    /// The language of the page's words.
    pub lang: Lang,
}

impl Layout {
    pub async fn new(state: &WebState, title: impl Into<String>, actor: Option<&Actor>) -> Layout {
        let user = match actor {
            Some(a) => {
                // A page still renders when the count cannot be read: it then shows none.
                let unread = dopcert_app::notification::unread(&state.app, a).await.unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "unread notifications unavailable");
                    0
                });
                Some(UserBadge { full_name: a.name.to_string(), csrf: a.csrf_token.clone(), unread })
            }
            None => None,
        };
        // A page still renders when the region cannot be read: the footer is then empty.
        let footer = match region::overview(&state.app).await {
            Ok(Some(r)) => Footer {
                region_name: r.name,
                support_center_name: r.support_center_name,
                support_center_phone: r.support_center_phone,
                region_center_name: r.center_name,
                region_center_url: r.center_url,
            },
            Ok(None) => Footer::default(),
            Err(e) => {
                tracing::warn!(error = %e, "region overview unavailable");
                Footer::default()
            }
        };
        let page = accessibility::current();
        Layout {
            title: title.into(),
            stylesheet: assets::stylesheet(),
            icon: assets::icon(),
            user,
            footer,
            vision: page.vision,
            here: page.here,
            lang: page.lang,
        }
    }

    /// The text under `key` in the page's language (`crates/web/locales`).
    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// The text under `key` with one value put in as `{ $name }`.
    pub fn t1(&self, key: &str, name: &str, value: impl std::fmt::Display) -> String {
        self.lang.with(key, &[(name, &value.to_string())])
    }

    /// The text under `key` with two values put in.
    pub fn t2(&self, key: &str, a: impl Value, b: impl Value) -> String {
        let (a, b) = (a.pair(), b.pair());
        self.lang.with(key, &[(a.0, &a.1), (b.0, &b.1)])
    }

    /// The text under `key` with the number `{ $n }` choosing the plural form.
    pub fn tn(&self, key: &str, n: impl Count) -> String {
        self.lang.tn(key, n.count())
    }

    /// A date in words in the page's language: «24 ноября 2026».
    pub fn date(&self, d: &jiff::civil::Date) -> String {
        self.lang.date_long(*d)
    }

    /// The footer's switch to the other language, back to this page.
    pub fn language_switch(&self) -> (String, Lang) {
        let other = self.lang.other();
        (accessibility::language_href(other, &self.here), other)
    }

    /// The header's link: the version for the visually impaired on, or back to the ordinary one.
    pub fn vision_switch(&self) -> String {
        accessibility::href(if self.vision.is_some() { "mode=off" } else { "mode=on" }, &self.here)
    }

    /// The settings panel of the version for the visually impaired (empty when it is off).
    pub fn vision_panel(&self) -> Vec<Setting> {
        self.vision.map(|v| v.panel(&self.here)).unwrap_or_default()
    }

    /// The classes of `<html>` (empty in the ordinary version).
    pub fn html_class(&self) -> String {
        self.vision.map(|v| v.classes()).unwrap_or_default()
    }
}

/// A number that chooses a plural form, whatever integer type the page holds it in.
pub trait Count {
    fn count(&self) -> i64;
}

macro_rules! count_for {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn count(&self) -> i64 {
                i64::try_from(*self).unwrap_or(i64::MAX)
            }
        }
    )*};
}

count_for!(i32, i64, u32, u64, usize);

impl<T: Count> Count for &T {
    fn count(&self) -> i64 {
        (*self).count()
    }
}

/// A named value for [`Layout::t2`]: `("name", value)`, as a template writes it (askama may pass
/// it by reference).
pub trait Value {
    fn pair(&self) -> (&str, String);
}

impl<V: std::fmt::Display> Value for (&str, V) {
    fn pair(&self) -> (&str, String) {
        (self.0, self.1.to_string())
    }
}

impl<T: Value> Value for &T {
    fn pair(&self) -> (&str, String) {
        (*self).pair()
    }
}
