//! Logging in as people do: the school's login and password, a one-time password from a slip,
//! mistakes, too many mistakes, sessions that end, forms from elsewhere; and the API's tokens.

use dopcert_app::auth;
use dopcert_app::Clock;
use dopcert_store::account;
use dopcert_testkit::{both_databases, location, TestApp, TestDb};
use jiff::{SignedDuration, Timestamp};

const PASSWORD: &str = "demo-tver-2026";

fn t0() -> Timestamp {
    "2026-11-25T09:00:00Z".parse().unwrap()
}

async fn app_at_t0(db: TestDb) -> TestApp {
    TestApp::with_demo_and_clock(db, Clock::fixed(t0())).await
}

fn later(app: &TestApp, by: SignedDuration) {
    app.app.clock.set(app.app.clock.now() + by);
}

async fn account_id(app: &TestApp, login: &str) -> dopcert_domain::ids::AccountId {
    let mut conn = app.db.store.reader().await.unwrap();
    account::by_login(&mut conn, login).await.unwrap().unwrap().id
}

both_databases! {
    async fn a_parent_logs_in_and_sees_their_name_and_children(db) {
        let app = TestApp::with_demo(db).await;
        let c = app.client();
        let res = app.login(&c, "ivanova", PASSWORD).await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), "/settings");
        let html = c.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("class=\"person\" href=\"/settings\" title=\"Персональные настройки\"><span class=\"long\">Иванова Елена Сергеевна</span><span class=\"short\" aria-hidden=\"true\">Иванова Е.\u{a0}С.</span></a>"));
        assert!(html.contains("Сертификат дополнительного образования"));
        assert!(html.contains("Иванов Артём Дмитриевич") && html.contains("Может получить сертификат"));
        // The name stands at the top right of every page, the home page too.
        let home = c.get(app.at("/")).send().await.unwrap().text().await.unwrap();
        assert!(home.contains(">Иванова Елена Сергеевна</span>") && !home.contains(">Войти</a>"));

        let res = app.post_form(&c, "/settings", "/logout", &[]).await;
        assert_eq!(location(&res), "/");
        let res = c.get(app.at("/settings")).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), "/login?next=%2Fsettings");
    }

    async fn a_wrong_password_and_an_unknown_login_get_the_same_answer(db) {
        let app = TestApp::with_demo(db).await;
        let wrong = app.login(&app.client(), "ivanova", "not-the-password").await;
        let unknown = app.login(&app.client(), "nobody.at.all", "not-the-password").await;
        assert_eq!(wrong.status(), 401);
        assert_eq!(unknown.status(), 401);
        let (a, b) = (wrong.text().await.unwrap(), unknown.text().await.unwrap());
        assert!(a.contains("Неверный логин или пароль") && b.contains("Неверный логин или пароль"));
        assert!(a.contains("aria-invalid=\"true\""), "the error is tied to the fields");

        // In English the refusal is English too (the use case words it in Russian).
        let english = app.client();
        english.get(app.at("/language?set=en&back=/login")).send().await.unwrap();
        let res = app.login(&english, "ivanova", "not-the-password").await;
        let html = res.text().await.unwrap();
        assert!(html.contains("Wrong login or password") && !html.contains("Неверный"), "{html}");
    }

    async fn too_many_failures_lock_the_login_for_a_while(db) {
        let app = app_at_t0(db).await;
        for _ in 0..4 {
            assert_eq!(app.login(&app.client(), "ivanova", "wrong-password").await.status(), 401);
        }
        let fifth = app.login(&app.client(), "ivanova", "wrong-password").await;
        assert_eq!(fifth.status(), 429);
        // Locked: even the right password is refused, with a clear message.
        let right = app.login(&app.client(), "ivanova", PASSWORD).await;
        assert_eq!(right.status(), 429);
        assert!(right.text().await.unwrap().contains("Слишком много неудачных попыток входа: попробуйте снова через 15 мин."));
        // An unknown login locks the same way: nothing tells whether it exists.
        for _ in 0..4 {
            app.login(&app.client(), "nobody.at.all", "x").await;
        }
        assert_eq!(app.login(&app.client(), "nobody.at.all", "x").await.status(), 429);
        // Another person on the same address is not locked out by one person's typos.
        assert_eq!(app.login(&app.client(), "kuznetsova", PASSWORD).await.status(), 303);
        later(&app, SignedDuration::from_mins(16));
        assert_eq!(app.login(&app.client(), "ivanova", PASSWORD).await.status(), 303);
    }

    async fn a_one_time_password_works_once_and_asks_for_a_password_of_ones_own(db) {
        let app = app_at_t0(db).await;
        let id = account_id(&app, "ivanova").await;
        let code = auth::issue_one_time_password(&app.app, &id, None).await.unwrap();
        let c = app.client();
        // Typed from paper, in capitals and without the dash: still accepted.
        let typed = code.replace('-', "").to_uppercase();
        let res = app.login(&c, "ivanova", &typed).await;
        assert_eq!(location(&res), "/settings/password");
        // Nothing else opens until the password is set.
        let res = c.get(app.at("/settings")).send().await.unwrap();
        assert_eq!(location(&res), "/settings/password");
        let page = c.get(app.at("/settings/password")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Придумайте свой пароль") && !page.contains("Текущий пароль"));

        let res = app.post_form(&c, "/settings/password", "/settings/password", &[("new", "ivanova12345"), ("repeat", "ivanova12345")]).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("не должен совпадать с логином"));
        let res = app.post_form(&c, "/settings/password", "/settings/password", &[("new", "qwertyuiop"), ("repeat", "qwertyuiop")]).await;
        assert!(res.text().await.unwrap().contains("слишком распространён"));
        let res = app.post_form(&c, "/settings/password", "/settings/password", &[("new", "волга течёт в каспий"), ("repeat", "волга течёт в каспий!")]).await;
        assert!(res.text().await.unwrap().contains("Пароли не совпадают"));
        let res = app.post_form(&c, "/settings/password", "/settings/password", &[("new", "волга течёт в каспий"), ("repeat", "волга течёт в каспий")]).await;
        assert_eq!(location(&res), "/settings?saved=password");
        assert!(c.get(app.at("/settings?saved=password")).send().await.unwrap().text().await.unwrap().contains("Пароль сохранён"));

        // The slip's password is spent; the new one works, the demo one still too (it was the account's).
        assert_eq!(app.login(&app.client(), "ivanova", &code).await.status(), 401);
        assert_eq!(app.login(&app.client(), "ivanova", "волга течёт в каспий").await.status(), 303);
    }

    async fn a_reissued_one_time_password_kills_the_old_one_and_old_ones_expire(db) {
        let app = app_at_t0(db).await;
        let id = account_id(&app, "smirnov").await;
        let first = auth::issue_one_time_password(&app.app, &id, None).await.unwrap();
        let second = auth::issue_one_time_password(&app.app, &id, None).await.unwrap();
        assert_eq!(app.login(&app.client(), "smirnov", &first).await.status(), 401);
        later(&app, SignedDuration::from_hours(24 * 31));
        assert_eq!(app.login(&app.client(), "smirnov", &second).await.status(), 401, "expired after 30 days");
    }

    async fn changing_the_password_needs_the_current_one_and_ends_other_sessions(db) {
        let app = TestApp::with_demo(db).await;
        let phone = app.client();
        let pc = app.client();
        app.login(&phone, "kuznetsova", PASSWORD).await;
        app.login(&pc, "kuznetsova", PASSWORD).await;
        let res = app.post_form(&pc, "/settings/password", "/settings/password", &[("current", "wrong"), ("new", "сосна берёза ель"), ("repeat", "сосна берёза ель")]).await;
        assert!(res.text().await.unwrap().contains("Текущий пароль введён неверно"));
        let res = app.post_form(&pc, "/settings/password", "/settings/password", &[("current", PASSWORD), ("new", "сосна берёза ель"), ("repeat", "сосна берёза ель")]).await;
        assert_eq!(location(&res), "/settings?saved=password");
        assert_eq!(pc.get(app.at("/settings")).send().await.unwrap().status(), 200, "this session goes on");
        assert_eq!(phone.get(app.at("/settings")).send().await.unwrap().status(), 303, "the other one ended");
    }

    async fn sessions_end_when_idle_and_everywhere_on_request(db) {
        let app = app_at_t0(db).await;
        let c = app.client();
        app.login(&c, "ivanova", PASSWORD).await;
        later(&app, SignedDuration::from_mins(50));
        assert_eq!(c.get(app.at("/settings")).send().await.unwrap().status(), 200);
        later(&app, SignedDuration::from_mins(50));
        assert_eq!(c.get(app.at("/settings")).send().await.unwrap().status(), 200, "use keeps it alive");
        later(&app, SignedDuration::from_mins(61));
        assert_eq!(c.get(app.at("/settings")).send().await.unwrap().status(), 303, "idle for an hour: ended");

        let a = app.client();
        let b = app.client();
        app.login(&a, "ivanova", PASSWORD).await;
        app.login(&b, "ivanova", PASSWORD).await;
        let page = a.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        assert_eq!(page.matches("<tr><td>").count(), 2, "both sessions listed");
        let res = app.post_form(&a, "/settings", "/settings/logout-everywhere", &[]).await;
        assert_eq!(location(&res), "/login");
        assert_eq!(a.get(app.at("/settings")).send().await.unwrap().status(), 303);
        assert_eq!(b.get(app.at("/settings")).send().await.unwrap().status(), 303);
    }

    async fn a_person_with_two_roles_switches_between_them(db) {
        let app = TestApp::with_demo(db).await;
        let id = account_id(&app, "school").await;
        let mut tx = app.db.store.begin().await.unwrap();
        // Granted after the demo's roles, so it comes second in the list.
        let later = "2999-01-01T00:00:00.000000Z";
        account::grant(&mut tx, &id, &account::RoleGrant::personal(dopcert_domain::role::Role::Parent), later).await.unwrap();
        tx.commit().await.unwrap();
        let c = app.client();
        app.login(&c, "school", PASSWORD).await;
        let page = c.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Работать как") && page.contains("<dd>Сотрудник организации</dd>"));
        let res = app.post_form(&c, "/settings", "/settings/role", &[("role", "1")]).await;
        assert_eq!(location(&res), "/settings");
        let page = c.get(app.at("/settings")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("<dd>Родитель (законный представитель)</dd>"));
        let res = app.post_form(&c, "/settings", "/settings/role", &[("role", "7")]).await;
        assert_eq!(res.status(), 422, "no such role");
    }

    async fn the_api_gives_a_bearer_token_for_a_login_and_password(db) {
        let app = app_at_t0(db).await;
        let c = reqwest::Client::new();
        let res = c.post(app.at("/api/v1/auth/token")).json(&serde_json::json!({"login": "ivanova", "password": PASSWORD})).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["token_type"], "Bearer");
        assert_eq!(body["expires_in"], 3600);
        let token = body["access_token"].as_str().unwrap().to_string();
        let me: serde_json::Value = c.get(app.at("/api/v1/me")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
        assert_eq!(me["login"], "ivanova");
        assert_eq!(me["roles"], serde_json::json!(["parent"]));
        later(&app, SignedDuration::from_mins(61));
        let res = c.get(app.at("/api/v1/me")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(res.status(), 401, "expired");
        let err: serde_json::Value = res.json().await.unwrap();
        assert_eq!(err["error"]["code"], "unauthorized");
    }
}

#[tokio::test]
async fn the_api_refuses_bad_credentials_and_bad_bodies_with_stable_codes() {
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    let c = reqwest::Client::new();
    let call = |body: serde_json::Value| c.post(app.at("/api/v1/auth/token")).json(&body).send();
    let res = call(serde_json::json!({"login": "ivanova", "password": "wrong"})).await.unwrap();
    assert_eq!(res.status(), 401);
    let e: serde_json::Value = res.json().await.unwrap();
    assert_eq!(e["error"]["code"], "invalid_credentials");
    assert_eq!(e["error"]["message"], "неверный логин или пароль");
    // A request body is a closed type: no field can ask for a role.
    let res = call(serde_json::json!({"login": "ivanova", "password": PASSWORD, "role": "regional_admin"}))
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["error"]["code"], "invalid_request");
    let res = c
        .post(app.at("/api/v1/auth/token"))
        .body("{not json")
        .header("content-type", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["error"]["code"], "malformed_json");
    let res = c.get(app.at("/api/v1/me")).bearer_auth("made-up").send().await.unwrap();
    assert_eq!(res.status(), 401);
    let res = c.get(app.at("/api/v1/nothing-here")).send().await.unwrap();
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["error"]["code"], "not_found");
}

#[tokio::test]
async fn forms_without_their_token_or_from_another_site_are_refused() {
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    let c = app.client();
    let csrf = app.csrf(&c, "/login").await;
    let fields = [("login", "ivanova"), ("password", PASSWORD)];
    let res = c.post(app.at("/login")).form(&fields).send().await.unwrap();
    assert_eq!(res.status(), 403);
    assert!(res.text().await.unwrap().contains("Форма устарела"));
    let res = c
        .post(app.at("/login"))
        .form(&[("csrf", "0".repeat(64).as_str()), ("login", "ivanova"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "a token that is not this browser's");
    let res = c
        .post(app.at("/login"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("csrf", csrf.as_str()), ("login", "ivanova"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "a post from another site");
    // Another browser's token does not work in this one.
    let other = app.client();
    let res = other
        .post(app.at("/login"))
        .form(&[("csrf", csrf.as_str()), ("login", "ivanova"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn after_login_only_this_sites_pages_are_a_destination() {
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    for (next, expected) in [
        ("//evil.example", "/settings"),
        ("https://evil.example", "/settings"),
        ("/settings/password", "/settings/password"),
    ] {
        let c = app.client();
        let csrf = app.csrf(&c, "/login").await;
        let res = c
            .post(app.at("/login"))
            .form(&[("csrf", csrf.as_str()), ("login", "ivanova"), ("password", PASSWORD), ("next", next)])
            .send()
            .await
            .unwrap();
        assert_eq!(location(&res), expected, "next={next}");
    }
}

#[tokio::test]
async fn session_cookies_are_http_only_and_same_site() {
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    let res = app.login(&app.client(), "ivanova", PASSWORD).await;
    let cookies: Vec<&str> =
        res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).collect();
    let session = cookies.iter().find(|c| c.starts_with("dopcert_session=")).expect("session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax") && session.contains("Path=/"),
        "{session}"
    );
    assert!(cookies.iter().any(|c| c.starts_with("dopcert_csrf=")), "a fresh form token at login");
}

#[tokio::test]
async fn a_session_id_planted_before_login_is_never_the_signed_in_one() {
    use reqwest::cookie::CookieStore;
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    let url: reqwest::Url = app.at("/").parse().unwrap();
    let planted = "ab".repeat(32);
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    jar.add_cookie_str(&format!("dopcert_session={planted}; Path=/"), &url);
    let victim = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    assert_eq!(app.login(&victim, "ivanova", PASSWORD).await.status(), 303);
    let cookies = jar.cookies(&url).unwrap().to_str().unwrap().to_string();
    let session = cookies.split("; ").find_map(|c| c.strip_prefix("dopcert_session=")).unwrap().to_string();
    assert_ne!(session, planted, "login issues a new session id");
    assert_eq!(
        victim.get(app.at("/settings")).send().await.unwrap().status(),
        200,
        "the victim is signed in"
    );
    // The attacker, holding the planted id, is not.
    let attacker = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let res = attacker
        .get(app.at("/settings"))
        .header("cookie", format!("dopcert_session={planted}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(dopcert_testkit::location(&res).starts_with("/login"), "sent to log in");
}

#[tokio::test]
async fn each_role_lands_on_its_home_after_login() {
    let app = TestApp::with_demo(TestDb::sqlite().await).await;
    for (login, home) in [
        ("ivanova", "/settings"),
        ("petrov.maksim", "/settings"),
        ("school", "/org"),
        ("school.admin", "/org"),
    ] {
        let c = app.client();
        let csrf = app.csrf(&c, "/login").await;
        let res = c
            .post(app.at("/login"))
            .form(&[("csrf", csrf.as_str()), ("login", login), ("password", PASSWORD), ("next", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(location(&res), home, "{login}");
        let page = c.get(app.at(home)).send().await.unwrap();
        assert_eq!(page.status(), 200, "{login}");
    }
    let c = app.client();
    app.login(&c, "school.admin", PASSWORD).await;
    let org = c.get(app.at("/org")).send().await.unwrap().text().await.unwrap();
    assert!(org.contains("Средняя общеобразовательная школа № 1") && org.contains("href=\"/org/tokens\""));
}
