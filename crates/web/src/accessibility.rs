//! «Версия для слабовидящих»: every page in larger type, in one of the three colour schemes of
//! ГОСТ Р 52872 (black on white, white on black, dark blue on light blue), with images off and
//! wider spacing if asked. Switched from a link in every page's header, without JavaScript:
//! `GET /accessibility?…&back=/the/page` sets a cookie for a year (not the session's: it works
//! signed out and survives logging out) and sends the browser back to the local page it came
//! from. The pages read the cookie through [`remember`] and mark `<html>` with classes that
//! app.css styles.

use axum::extract::{Query, Request};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::routes::Routes;
use crate::session::{cookie_value, set_cookie};
use crate::text::Lang;
use crate::WebState;

pub const COOKIE: &str = "dopcert_vision";
pub const LANG_COOKIE: &str = "dopcert_lang";
/// A year, in seconds.
const KEEP: i64 = 365 * 24 * 60 * 60;

/// A setting of three steps (type size, spacing): 1 is the smallest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step(u8);

impl Step {
    pub const STEPS: [Step; 3] = [Step(1), Step(2), Step(3)];

    pub fn parse(s: &str) -> Option<Step> {
        match s {
            "1" => Some(Step(1)),
            "2" => Some(Step(2)),
            "3" => Some(Step(3)),
            _ => None,
        }
    }
}

/// The colour schemes of ГОСТ Р 52872-2019.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    BlackOnWhite,
    WhiteOnBlack,
    BlueOnLightBlue,
}

impl Scheme {
    pub const ALL: [Scheme; 3] = [Scheme::BlackOnWhite, Scheme::WhiteOnBlack, Scheme::BlueOnLightBlue];

    pub fn code(self) -> &'static str {
        match self {
            Scheme::BlackOnWhite => "wb",
            Scheme::WhiteOnBlack => "bw",
            Scheme::BlueOnLightBlue => "blue",
        }
    }

    pub fn parse(s: &str) -> Option<Scheme> {
        Scheme::ALL.into_iter().find(|c| c.code() == s)
    }

    fn title(self) -> &'static str {
        match self {
            Scheme::BlackOnWhite => "vision-black-on-white",
            Scheme::WhiteOnBlack => "vision-white-on-black",
            Scheme::BlueOnLightBlue => "vision-blue-on-light-blue",
        }
    }
}

/// The settings of the version for the visually impaired, as its cookie keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vision {
    pub size: Step,
    pub scheme: Scheme,
    pub images: bool,
    pub spacing: Step,
}

impl Default for Vision {
    /// What the header's link switches on: larger type, black on white.
    fn default() -> Self {
        Vision { size: Step(1), scheme: Scheme::BlackOnWhite, images: true, spacing: Step(1) }
    }
}

impl Vision {
    /// The cookie's value, `size.scheme.images.spacing`, e.g. `2.bw.0.1`; anything else is `None`.
    pub fn parse(s: &str) -> Option<Vision> {
        let mut parts = s.split('.');
        let size = Step::parse(parts.next()?)?;
        let scheme = Scheme::parse(parts.next()?)?;
        let images = match parts.next()? {
            "1" => true,
            "0" => false,
            _ => return None,
        };
        let spacing = Step::parse(parts.next()?)?;
        parts.next().is_none().then_some(Vision { size, scheme, images, spacing })
    }

    pub fn cookie(&self) -> String {
        format!("{}.{}.{}.{}", self.size.0, self.scheme.code(), u8::from(self.images), self.spacing.0)
    }

    /// The classes of `<html>` that app.css styles.
    pub fn classes(&self) -> String {
        let mut c = format!(
            "vision vision-size-{} vision-{} vision-spacing-{}",
            self.size.0,
            self.scheme.code(),
            self.spacing.0
        );
        if !self.images {
            c.push_str(" vision-noimg");
        }
        c
    }

    /// The settings panel: each setting's choices as links that apply them and come back to
    /// the page at `here`.
    pub fn panel(&self, here: &str) -> Vec<Setting> {
        let link = |change: &str| href(change, here);
        let steps = |name: &'static str, key: &str, titles: [&'static str; 3], now: Step| Setting {
            name,
            choices: Step::STEPS
                .into_iter()
                .zip(titles)
                .map(|(s, title)| Choice { title, href: link(&format!("{key}={}", s.0)), current: s == now })
                .collect(),
        };
        vec![
            steps("vision-size", "size", ["vision-size-1", "vision-size-2", "vision-size-3"], self.size),
            Setting {
                name: "vision-colors",
                choices: Scheme::ALL
                    .into_iter()
                    .map(|c| Choice {
                        title: c.title(),
                        href: link(&format!("scheme={}", c.code())),
                        current: c == self.scheme,
                    })
                    .collect(),
            },
            Setting {
                name: "vision-images",
                choices: vec![
                    Choice { title: "vision-images-on", href: link("images=on"), current: self.images },
                    Choice { title: "vision-images-off", href: link("images=off"), current: !self.images },
                ],
            },
            steps(
                "vision-spacing",
                "spacing",
                ["vision-spacing-1", "vision-spacing-2", "vision-spacing-3"],
                self.spacing,
            ),
        ]
    }
}

/// One setting of the panel and its choices.
#[derive(Debug, Clone)]
pub struct Setting {
    /// The key of its name in the text files.
    pub name: &'static str,
    pub choices: Vec<Choice>,
}

#[derive(Debug, Clone)]
pub struct Choice {
    /// The key of its title in the text files.
    pub title: &'static str,
    pub href: String,
    pub current: bool,
}

/// The link that changes the settings (`mode=on`, `size=2`, …) and comes back to `here`.
pub fn href(change: &str, here: &str) -> String {
    let back = serde_urlencoded::to_string([("back", here)]).unwrap_or_default();
    format!("/accessibility?{change}&{back}")
}

/// What the page being answered needs from the request: the settings, and its own address for
/// the links back.
#[derive(Debug, Clone)]
pub struct Page {
    pub vision: Option<Vision>,
    /// The language chosen in the footer.
    pub lang: Lang,
    pub here: String,
}

impl Default for Page {
    fn default() -> Self {
        Page { vision: None, lang: Lang::default(), here: "/".into() }
    }
}

tokio::task_local! {
    static PAGE: Page;
}

/// The current request's [`Page`] (the defaults outside a request).
pub fn current() -> Page {
    PAGE.try_with(Page::clone).unwrap_or_default()
}

/// Middleware: reads the settings' cookie for the pages rendered while answering the request.
pub async fn remember(req: Request, next: Next) -> Response {
    let vision = cookie_value(req.headers(), COOKIE).and_then(|v| Vision::parse(&v));
    let lang = cookie_value(req.headers(), LANG_COOKIE).and_then(|v| Lang::parse(&v)).unwrap_or_default();
    // A form's answer is a page of the form it came from: back to where the form was.
    let here = if req.method() == Method::GET {
        req.uri().path_and_query().map(|p| p.as_str().to_string())
    } else {
        referer_path(req.headers())
    };
    let page = Page {
        vision,
        lang,
        here: here.and_then(|h| local(&h).map(String::from)).unwrap_or_else(|| "/".into()),
    };
    PAGE.scope(page, next.run(req)).await
}

/// The path and query of the page a form was sent from (the `Referer` is same-origin only).
fn referer_path(headers: &HeaderMap) -> Option<String> {
    let url = headers.get(header::REFERER)?.to_str().ok()?;
    let after_scheme = url.split_once("://")?.1;
    let path = &after_scheme[after_scheme.find('/')?..];
    Some(path.split('#').next().unwrap_or(path).to_string())
}

/// A path on this site to send the browser back to; `None` for anything that could lead
/// elsewhere (`//host`, `/\host`, control characters) or back here.
pub fn local(back: &str) -> Option<&str> {
    let ok = back.starts_with('/')
        && !back.starts_with("//")
        && !back.contains('\\')
        && !back.chars().any(|c| c.is_control() || c.is_whitespace())
        && !back.starts_with("/accessibility")
        && !back.starts_with("/language");
    ok.then_some(back)
}

pub fn routes() -> Routes {
    Routes::new().get("/accessibility", switch).get("/language", switch_language)
}

/// The query of `/accessibility`: which setting changes, and where to go back to.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Switch {
    mode: Option<String>,
    size: Option<String>,
    scheme: Option<String>,
    images: Option<String>,
    spacing: Option<String>,
    back: Option<String>,
}

impl Switch {
    /// The settings after this change; `None` is the ordinary version.
    fn apply(&self, now: Option<Vision>) -> Option<Vision> {
        if self.mode.as_deref() == Some("off") {
            return None;
        }
        let mut v = now.unwrap_or_default();
        if let Some(s) = self.size.as_deref().and_then(Step::parse) {
            v.size = s;
        }
        if let Some(c) = self.scheme.as_deref().and_then(Scheme::parse) {
            v.scheme = c;
        }
        match self.images.as_deref() {
            Some("on") => v.images = true,
            Some("off") => v.images = false,
            _ => {}
        }
        if let Some(s) = self.spacing.as_deref().and_then(Step::parse) {
            v.spacing = s;
        }
        Some(v)
    }
}

/// `GET /accessibility`: switches the version on or off or changes a setting, remembers it in
/// a cookie for a year, and sends the browser back (a display preference: no record changes,
/// so a plain link does it, with or without JavaScript).
async fn switch(
    axum::extract::State(s): axum::extract::State<WebState>,
    headers: HeaderMap,
    query: Result<Query<Switch>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(q)) = query else { return back_to("/", None) };
    let now = cookie_value(&headers, COOKIE).and_then(|v| Vision::parse(&v));
    let cookie = match q.apply(now) {
        Some(v) => set_cookie(&s, COOKIE, &v.cookie(), KEEP),
        None => set_cookie(&s, COOKIE, "", 0),
    };
    back_to(q.back.as_deref().and_then(local).unwrap_or("/"), Some(cookie))
}

/// The query of `/language`: the language, and where to go back to.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageSwitch {
    set: Option<String>,
    back: Option<String>,
}

/// `GET /language?set=en&back=/the/page`: the footer's switch. Remembered for a year like the
/// version for the visually impaired; Russian forgets the cookie.
async fn switch_language(
    axum::extract::State(s): axum::extract::State<WebState>,
    query: Result<Query<LanguageSwitch>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(q)) = query else { return back_to("/", None) };
    let cookie = match q.set.as_deref().and_then(Lang::parse) {
        Some(l) if l != Lang::default() => Some(set_cookie(&s, LANG_COOKIE, l.code(), KEEP)),
        Some(_) => Some(set_cookie(&s, LANG_COOKIE, "", 0)),
        None => None,
    };
    back_to(q.back.as_deref().and_then(local).unwrap_or("/"), cookie)
}

/// The footer's link to the page in `lang`.
pub fn language_href(lang: Lang, here: &str) -> String {
    let query = serde_urlencoded::to_string([("set", lang.code()), ("back", here)]).unwrap_or_default();
    format!("/language?{query}")
}

fn back_to(path: &str, cookie: Option<String>) -> Response {
    let mut res = (StatusCode::SEE_OTHER, [(header::CACHE_CONTROL, "no-store")]).into_response();
    // A query typed in Cyrillic comes back decoded: encoded again, as a header must be.
    let encoded: String = path
        .bytes()
        .map(|b| if b.is_ascii_graphic() { char::from(b).to_string() } else { format!("%{b:02X}") })
        .collect();
    let location = encoded.parse().unwrap_or(header::HeaderValue::from_static("/"));
    res.headers_mut().insert(header::LOCATION, location);
    if let Some(v) = cookie.and_then(|c| c.parse().ok()) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_reads_back_what_it_wrote_and_nothing_else() {
        let v = Vision { size: Step(3), scheme: Scheme::BlueOnLightBlue, images: false, spacing: Step(2) };
        assert_eq!(v.cookie(), "3.blue.0.2");
        assert_eq!(Vision::parse(&v.cookie()), Some(v));
        for bad in ["", "1", "4.wb.1.1", "1.red.1.1", "1.wb.2.1", "1.wb.1.1.1", "1.wb.1.0"] {
            assert_eq!(Vision::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_a_path_on_this_site_is_a_way_back() {
        assert_eq!(local("/catalog?q=%D1%84"), Some("/catalog?q=%D1%84"));
        for bad in [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "/\t/evil",
            "evil",
            "/accessibility?mode=on",
        ] {
            assert_eq!(local(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_change_keeps_the_other_settings_and_off_forgets_them() {
        let q = |s: &str| serde_urlencoded::from_str::<Switch>(s).unwrap();
        let on = q("mode=on").apply(None).unwrap();
        assert_eq!(on, Vision::default());
        let dark = q("scheme=bw").apply(Some(on)).unwrap();
        let big = q("size=3").apply(Some(dark)).unwrap();
        assert_eq!((big.scheme, big.size, big.spacing), (Scheme::WhiteOnBlack, Step(3), Step(1)));
        assert_eq!(q("mode=off").apply(Some(big)), None);
        assert_eq!(q("size=9").apply(Some(big)), Some(big), "an unknown step changes nothing");
    }
}
