//! Expired sessions are cleared away; live ones stay.

use dopcert_app::auth::{self, LoginInput};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::{housekeeping, App, Clock};
use dopcert_testkit::both_databases;
use jiff::SignedDuration;

both_databases! {
    async fn expired_sessions_are_purged_and_live_ones_kept(db) {
        let app = App::new(db.store.clone(), Clock::fixed("2026-11-25T09:00:00Z".parse().unwrap()));
        demo::load(&app, &DemoOptions { children: 100, seed: 1, programs: 0 }).await.unwrap();
        let input = LoginInput { login: "ivanova", password: demo::DEMO_PASSWORD, address: "a", user_agent: "t" };
        let old = auth::login(&app, &input).await.unwrap();
        app.clock.set(app.clock.now() + SignedDuration::from_mins(90));
        let fresh = auth::login(&app, &input).await.unwrap();
        let tidied = housekeeping::run_once(&app).await.unwrap();
        assert_eq!(tidied.sessions, 1);
        assert!(auth::session_actor(&app, &old.token).await.unwrap().is_none());
        assert!(auth::session_actor(&app, &fresh.token).await.unwrap().is_some());
        assert_eq!(housekeeping::run_once(&app).await.unwrap(), housekeeping::Tidied::default(), "idempotent");
    }
}
