//! The app on a free port of 127.0.0.1, as a person's browser or an integrator would reach it.

use std::net::SocketAddr;

use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::{App, Clock};
use tokio::sync::oneshot;

use crate::TestDb;

pub struct TestApp {
    pub addr: SocketAddr,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub url: String,
    pub app: App,
    pub db: TestDb,
    stop: Option<oneshot::Sender<()>>,
    /// The HTML pages sent to browsers, for axe-core (see `axe`).
    pages: crate::axe::Pages,
}

impl TestApp {
    /// Serves an empty (migrated) database.
    pub async fn spawn(db: TestDb) -> TestApp {
        TestApp::spawn_with_clock(db, Clock::system()).await
    }

    pub async fn spawn_with_clock(db: TestDb, clock: Clock) -> TestApp {
        TestApp::spawn_with_config(db, clock, dopcert_web::WebConfig::default()).await
    }

    /// Serves an empty database with this configuration (its public address is set here).
    pub async fn spawn_with_config(db: TestDb, clock: Clock, config: dopcert_web::WebConfig) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let app = App::new(db.store.clone(), clock);
        // As `serve` does: ready once the catalog's index is built.
        dopcert_app::catalog::rebuild(&app).await.expect("catalog index");
        TestApp::serve_with(listener, app, db, config)
    }

    /// The demo region served with this configuration.
    pub async fn with_demo_and_config(db: TestDb, clock: Clock, config: dopcert_web::WebConfig) -> TestApp {
        let t = TestApp::spawn_with_config(db, clock, config).await;
        demo::load(&t.app, &DemoOptions { children: 300, seed: 69, programs: 60 }).await.expect("load demo");
        dopcert_app::catalog::rebuild(&t.app).await.expect("catalog index");
        t
    }

    /// The demo region with «Войти через Госуслуги» through a real OIDC provider that knows
    /// `people` (subject → claims). `None` when the provider cannot run here (outside CI).
    pub async fn with_demo_and_esia(
        db: TestDb,
        people: &serde_json::Value,
    ) -> Option<(TestApp, crate::oidc::OidcProvider)> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let redirect_url = format!("http://{addr}/login/esia/callback");
        let provider = crate::oidc::OidcProvider::start(&redirect_url, people)?;
        let config = dopcert_app::esia::EsiaConfig {
            issuer: provider.issuer.clone(),
            client_id: crate::oidc::CLIENT_ID.into(),
            client_secret: crate::oidc::CLIENT_SECRET.into(),
            redirect_url,
        };
        let app = App::new(db.store.clone(), Clock::system()).with_esia(config);
        let t = TestApp::serve(listener, app, db);
        demo::load(&t.app, &DemoOptions { children: 300, seed: 69, programs: 60 }).await.expect("load demo");
        dopcert_app::catalog::rebuild(&t.app).await.expect("catalog index");
        Some((t, provider))
    }

    fn serve(listener: tokio::net::TcpListener, app: App, db: TestDb) -> TestApp {
        TestApp::serve_with(listener, app, db, dopcert_web::WebConfig::default())
    }

    fn serve_with(
        listener: tokio::net::TcpListener,
        app: App,
        db: TestDb,
        config: dopcert_web::WebConfig,
    ) -> TestApp {
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = oneshot::channel::<()>();
        let served = app.clone();
        let pages = crate::axe::Pages::register(addr.port());
        let recorded = pages.clone();
        tokio::spawn(dopcert_app::catalog::keep_current(app.clone()));
        tokio::spawn(async move {
            let config = dopcert_web::WebConfig { public_url: format!("http://{addr}"), ..config };
            // The app's own router, with every page sent to a browser kept for axe-core.
            let router = dopcert_web::router(served, config).layer(axum::middleware::from_fn(
                move |req: axum::extract::Request, next: axum::middleware::Next| {
                    crate::axe::record(recorded.clone(), req, next)
                },
            ));
            dopcert_web::serve_router(listener, router, async {
                let _ = stopped.await;
            })
            .await
            .expect("serve");
        });
        TestApp { addr, url: format!("http://{addr}"), app, db, stop: Some(stop), pages }
    }

    /// Serves the demo region (a small one: tests need its people, not its size).
    pub async fn with_demo(db: TestDb) -> TestApp {
        TestApp::with_demo_and_clock(db, Clock::system()).await
    }

    pub async fn with_demo_and_clock(db: TestDb, clock: Clock) -> TestApp {
        TestApp::with_demo_and_config(db, clock, dopcert_web::WebConfig::default()).await
    }

    pub fn at(&self, path: &str) -> String {
        format!("{}{}", self.url, path)
    }

    /// A browser-like HTTP client: keeps cookies, does not follow redirects (tests look at them).
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// The form token a page gives this client (from the page's first hidden `csrf` field).
    pub async fn csrf(&self, client: &reqwest::Client, path: &str) -> String {
        let html = client.get(self.at(path)).send().await.expect("get").text().await.expect("body");
        html.split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("no csrf field on {path}"))
            .to_string()
    }

    /// Logs the client in through the login form; returns the response to the form post.
    pub async fn login(&self, client: &reqwest::Client, login: &str, password: &str) -> reqwest::Response {
        let csrf = self.csrf(client, "/login").await;
        client
            .post(self.at("/login"))
            .form(&[("csrf", csrf.as_str()), ("login", login), ("password", password), ("next", "/settings")])
            .send()
            .await
            .expect("post login")
    }

    /// Posts a form with the client's current form token (taken from `page`).
    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let csrf = self.csrf(client, page).await;
        let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        client.post(self.at(action)).form(&form).send().await.expect("post form")
    }
}

/// Where a redirect points.
pub fn location(res: &reqwest::Response) -> &str {
    res.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("")
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.pages.forget(self.addr.port());
    }
}
