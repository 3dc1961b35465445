//! A person with a keyboard only: Tab, Shift+Tab, Enter, Space and typed text, sent as
//! WebDriver key actions (never a click, never a script that moves focus). Scripts only *read*
//! where the focus is, so tests can assert the focus order.

use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Client;

/// Presses and releases the keys in order (a chord when `hold` is set: Shift held around it).
async fn keys(c: &Client, hold: Option<Key>, keys: &[char]) {
    let mut seq = KeyActions::new("keyboard".into());
    if let Some(h) = hold {
        seq = seq.then(KeyAction::Down { value: h.into() });
    }
    for &k in keys {
        seq = seq.then(KeyAction::Down { value: k }).then(KeyAction::Up { value: k });
    }
    if let Some(h) = hold {
        seq = seq.then(KeyAction::Up { value: h.into() });
    }
    c.perform_actions(seq).await.expect("key actions");
}

pub async fn tab(c: &Client) {
    keys(c, None, &[Key::Tab.into()]).await;
}

pub async fn shift_tab(c: &Client) {
    keys(c, Some(Key::Shift), &[Key::Tab.into()]).await;
}

pub async fn space(c: &Client) {
    keys(c, None, &[' ']).await;
}

/// Moves the selection of a focused drop-down list one option down (the list stays closed).
pub async fn arrow_down(c: &Client) {
    keys(c, None, &[Key::Down.into()]).await;
}

/// Types text into the focused field, a key at a time.
pub async fn type_text(c: &Client, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    keys(c, None, &chars).await;
}

/// Presses Enter (on a link within the page, or a field: no page to wait for).
pub async fn enter(c: &Client) {
    keys(c, None, &[Key::Enter.into()]).await;
}

/// Presses Enter on a link or a form's button and waits until the page it leads to has loaded.
pub async fn enter_and_wait(c: &Client) {
    c.execute("window.__leaving = true", vec![]).await.expect("mark the page");
    keys(c, None, &[Key::Enter.into()]).await;
    wait_for_new_page(c).await;
}

/// Presses Space on a form's button and waits for the page it leads to.
pub async fn space_and_wait(c: &Client) {
    c.execute("window.__leaving = true", vec![]).await.expect("mark the page");
    space(c).await;
    wait_for_new_page(c).await;
}

async fn wait_for_new_page(c: &Client) {
    const LOADED: &str = "return window.__leaving === undefined && document.readyState === 'complete'";
    for _ in 0..400 {
        // While the old page goes, a script may fail to run: ask again.
        if let Ok(serde_json::Value::Bool(true)) = c.execute(LOADED, vec![]).await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the next page did not load after the key press");
}

/// What has the focus, described for assertions and messages: `a «Войти»`, `input#login`,
/// `button «Получить сертификат»`, or `body` when nothing has.
pub async fn focused(c: &Client) -> String {
    const DESCRIBE: &str = r#"
const e = document.activeElement;
if (!e || e === document.body) return 'body';
const tag = e.tagName.toLowerCase();
if (e.id && (tag === 'input' || tag === 'select' || tag === 'textarea')) return tag + '#' + e.id;
if (tag === 'input') return 'input[name=' + e.name + ']';
return tag + ' «' + (e.innerText || e.value || '').trim().replace(/\s+/g, ' ') + '»';
"#;
    c.execute(DESCRIBE, vec![]).await.expect("describe the focus").as_str().unwrap_or_default().to_string()
}

/// Whether the focused element shows a visible focus indicator (an outline, as app.css draws).
pub async fn focus_visible(c: &Client) -> bool {
    const VISIBLE: &str = r#"
const e = document.activeElement;
if (!e || e === document.body) return false;
const s = getComputedStyle(e);
return e.matches(':focus-visible') && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
"#;
    c.execute(VISIBLE, vec![]).await.expect("read the focus style") == serde_json::Value::Bool(true)
}

/// Presses Tab until the focus is on `want` (as [`focused`] describes it), at most `max` times;
/// every element passed on the way must show its focus. Answers how many presses it took.
pub async fn tab_to(c: &Client, want: &str, max: usize) -> usize {
    let mut passed = Vec::new();
    for n in 1..=max {
        tab(c).await;
        let now = focused(c).await;
        assert!(focus_visible(c).await, "the focus on {now} is not visible");
        if now == want {
            return n;
        }
        passed.push(now);
    }
    panic!("{want} not reached in {max} presses of Tab; the focus went: {}", passed.join(" → "));
}
