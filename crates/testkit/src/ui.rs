//! Driving pages in the browser the way a person does, robust to a loaded machine: wait for an
//! element, act on it, and act again when the page it was on was replaced meanwhile.

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::TestApp;

/// The demo region's password for every login.
pub const PASSWORD: &str = "demo-tver-2026";

pub async fn log_in(c: &Client, app: &TestApp, login: &str) {
    c.goto(&app.at("/login")).await.unwrap();
    c.wait().for_element(Locator::Id("login")).await.unwrap().send_keys(login).await.unwrap();
    c.wait().for_element(Locator::Id("password")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    click(c, "form.stack button[type=submit]").await;
    c.wait().for_element(Locator::Css("header .who a.person")).await.unwrap();
}

pub async fn log_out(c: &Client) {
    click(c, "form.logout button").await;
    c.wait().for_element(Locator::Css("header .who a.button")).await.unwrap();
}

/// Runs `act` on the element, again when the page it was found on was replaced meanwhile (a
/// form's answer arriving between finding and acting).
pub async fn on<T>(
    c: &Client,
    locator: Locator<'_>,
    act: impl AsyncFn(fantoccini::elements::Element) -> Result<T, fantoccini::error::CmdError>,
) -> T {
    for _ in 0..20 {
        let e = c.wait().for_element(locator).await.unwrap();
        match act(e).await {
            Ok(v) => return v,
            Err(fantoccini::error::CmdError::Standard(w))
                if w.error == fantoccini::error::ErrorStatus::StaleElementReference =>
            {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("{e}"),
        }
    }
    panic!("the element kept going stale")
}

pub async fn click(c: &Client, css: &str) {
    on(c, Locator::Css(css), async |e| e.click().await.map(|_| ())).await
}

pub async fn link(c: &Client, text: &str) {
    on(c, Locator::LinkText(text), async |e| e.click().await.map(|_| ())).await
}

pub async fn fill(c: &Client, id: &str, value: &str) {
    on(c, Locator::Id(id), async |e| {
        e.clear().await?;
        e.send_keys(value).await
    })
    .await
}

pub async fn text(c: &Client, css: &str) -> String {
    on(c, Locator::Css(css), async |e| e.text().await).await
}

/// Waits until the element says `needle` (the answer to a form may still be on its way);
/// returns the text.
pub async fn says(c: &Client, css: &str, needle: &str) -> String {
    let mut last = String::new();
    for _ in 0..50 {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            if let Ok(t) = e.text().await {
                if t.contains(needle) {
                    return t;
                }
                last = t;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} does not say «{needle}»: {last}")
}
