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
}

impl TestApp {
    /// Serves an empty (migrated) database.
    pub async fn spawn(db: TestDb) -> TestApp {
        TestApp::spawn_with_clock(db, Clock::system()).await
    }

    pub async fn spawn_with_clock(db: TestDb, clock: Clock) -> TestApp {
        let app = App::new(db.store.clone(), clock);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = oneshot::channel::<()>();
        let served = app.clone();
        tokio::spawn(async move {
            dopcert_web::serve(listener, served, async {
                let _ = stopped.await;
            })
            .await
            .expect("serve");
        });
        TestApp { addr, url: format!("http://{addr}"), app, db, stop: Some(stop) }
    }

    /// Serves the demo region (a small one: tests need its people, not its size).
    pub async fn with_demo(db: TestDb) -> TestApp {
        let t = TestApp::spawn(db).await;
        demo::load(&t.app, &DemoOptions { children: 300, seed: 69 }).await.expect("load demo");
        t
    }

    pub fn at(&self, path: &str) -> String {
        format!("{}{}", self.url, path)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
