//! The registry of providers and staff joining an organization, on both databases.

use dopcert_app::auth::{self, Actor, LoginInput};
use dopcert_app::catalog;
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::provider::{self, JoinError, ProviderError, ProviderInput};
use dopcert_app::{App, Clock};
use dopcert_domain::bank::{with_control_key, Bik};
use dopcert_domain::inn::Inn;
use dopcert_domain::ogrn::Ogrn;
use dopcert_domain::organization::{ProviderAction, ProviderStatus};
use dopcert_domain::role::Role;
use dopcert_store::{municipality, organization, region, Store};
use dopcert_testkit::both_databases;

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn demo_app(store: &Store, programs: u32) -> App {
    let app = App::new(store.clone(), Clock::fixed(MORNING.parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 200, seed: 69, programs }).await.unwrap();
    app
}

async fn actor(app: &App, login: &str, password: &str) -> Actor {
    let input = LoginInput { login, password, address: "127.0.0.1", user_agent: "test" };
    let (token, _) = auth::api_token(app, &input).await.unwrap();
    auth::token_actor(app, &token).await.unwrap().unwrap()
}

async fn demo_actor(app: &App, login: &str) -> Actor {
    actor(app, login, demo::DEMO_PASSWORD).await
}

async fn application(app: &App) -> ProviderInput {
    let mut conn = app.store.reader().await.unwrap();
    let r = region::first(&mut conn).await.unwrap().unwrap();
    let tver = municipality::by_code(&mut conn, &r.id, "tver").await.unwrap().unwrap();
    let bik = Bik::parse("042809679").unwrap();
    ProviderInput {
        kind: "private_organization".into(),
        full_name: "Общество с ограниченной ответственностью «Морская школа»".into(),
        short_name: "ООО «Морская школа»".into(),
        inn: Inn::legal_from_base(695_012_345).as_str().into(),
        ogrn: Ogrn::legal_from_body(102_690_000_777).as_str().into(),
        licence: "Л035-01234-69/00123456".into(),
        address: "г. Тверь, ул. Речная, д. 3".into(),
        municipality_id: tver.id.to_string(),
        phone: "+7 4822 55-66-77".into(),
        email: "info@sea.example".into(),
        bank_name: "Тверское отделение № 8607 ПАО Сбербанк".into(),
        bik: bik.digits().into(),
        settlement_account: with_control_key(&bik, "4070281086300000001").digits().into(),
        head_name: "Морозов Сергей Александрович".into(),
    }
}

fn fields(e: ProviderError) -> Vec<&'static str> {
    match e {
        ProviderError::Invalid(errors) => errors.into_iter().map(|e| e.field).collect(),
        e => panic!("{e:?}"),
    }
}

both_databases! {
    async fn r07_a_provider_applies_is_verified_activated_and_its_head_gets_the_admin_login(db) {
        let app = demo_app(&db.store, 0).await;
        let mut bad = application(&app).await;
        bad.inn = "7707083894".into();
        bad.settlement_account = "40702810863000000010".into();
        bad.kind = "sole_entrepreneur".into();
        bad.licence = String::new();
        let e = provider::apply(&app, &bad).await.unwrap_err();
        assert_eq!(fields(e), ["inn", "settlement_account"], "the ИНН kind and the account's control key");

        let id = provider::apply(&app, &application(&app).await).await.unwrap();
        let again = provider::apply(&app, &application(&app).await).await.unwrap_err();
        assert!(matches!(again, ProviderError::AlreadyRegistered), "{again:?}");
        let moc = demo_actor(&app, "moc.tver").await;
        let applied = provider::registry(&app, &moc, ProviderStatus::Applied).await.unwrap();
        assert!(applied.iter().any(|e| e.id == id.as_str()));

        let e = provider::decide(&app, &moc, id.as_str(), ProviderAction::Activate, "").await.unwrap_err();
        assert!(matches!(e, ProviderError::Transition(_)), "documents first: {e:?}");
        assert!(provider::decide(&app, &moc, id.as_str(), ProviderAction::Verify, "").await.unwrap().is_none());
        let login = provider::decide(&app, &moc, id.as_str(), ProviderAction::Activate, "").await.unwrap().unwrap();
        let input = LoginInput {
            login: &login.login,
            password: &login.one_time_password,
            address: "127.0.0.1",
            user_agent: "test",
        };
        let session = auth::login(&app, &input).await.unwrap();
        let head = auth::session_actor(&app, &session.token).await.unwrap().unwrap();
        assert!(head.must_set_password, "a one-time password: choose a password first");
        assert_eq!(head.role().role, Role::OrganizationAdmin);
        assert_eq!(head.role().organization_id.as_ref(), Some(&id));
        assert_eq!(head.name.to_string(), "Морозов Сергей Александрович");

        let e = provider::decide(&app, &moc, id.as_str(), ProviderAction::Suspend, "  ").await.unwrap_err();
        assert!(matches!(e, ProviderError::ReasonMissing));
        provider::decide(&app, &moc, id.as_str(), ProviderAction::Suspend, "лицензия приостановлена").await.unwrap();
        let v = provider::view(&app, &moc, id.as_str()).await.unwrap();
        assert_eq!(v.organization.provider_status, ProviderStatus::Suspended);
        assert_eq!(v.organization.status_reason.as_deref(), Some("лицензия приостановлена"));
        let actions: Vec<&str> = v.events.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(actions, ["suspended", "activated", "verified", "applied"]);
        let rmc = demo_actor(&app, "rmc").await;
        let e = provider::decide(&app, &rmc, id.as_str(), ProviderAction::Resume, "").await.unwrap_err();
        assert!(matches!(e, ProviderError::Forbidden), "the municipality decides");
    }

    async fn r07_a_suspended_provider_leaves_the_catalog_with_all_its_programs(db) {
        let app = demo_app(&db.store, 60).await;
        catalog::rebuild(&app).await.unwrap();
        let moc = demo_actor(&app, "moc.tver").await;
        let (dtdm_id, listed_before) = {
            let mut conn = app.store.reader().await.unwrap();
            let staff = demo_actor(&app, "dtdm").await;
            let org = staff.role().organization_id.clone().unwrap();
            let n = dopcert_store::catalog::programs_of(&mut conn, &org).await.unwrap().len();
            (org, n)
        };
        assert!(listed_before > 0, "the demo's ДТДМ has programs");
        let before = app.catalog.len();
        provider::decide(&app, &moc, dtdm_id.as_str(), ProviderAction::Suspend, "проверка").await.unwrap();
        catalog::poll(&app).await.unwrap();
        let after = app.catalog.len();
        assert!(after < before, "{after} < {before}");
        let mut conn = app.store.reader().await.unwrap();
        let o = organization::get(&mut conn, &dtdm_id).await.unwrap();
        assert!(!o.provider_status.may_be_paid());
    }

    async fn staff_join_by_invitation_and_the_admin_approves_each(db) {
        let app = demo_app(&db.store, 0).await;
        let admin = demo_actor(&app, "school.admin").await;
        let teacher = demo_actor(&app, "ivanova").await;
        let code = provider::invite(&app, &admin, "Иванова Елена Сергеевна").await.unwrap();
        assert!(matches!(provider::join(&app, &teacher, "abcde-fghij").await, Err(JoinError::UnknownCode)));
        let org = provider::join(&app, &teacher, &code.to_uppercase().replace('-', " ")).await.unwrap();
        assert_eq!(org, "МОУ СОШ № 1", "the code is typed from paper: case and dashes do not matter");
        assert!(matches!(provider::join(&app, &teacher, &code).await, Err(JoinError::UnknownCode)), "once");

        let staff = provider::staff(&app, &admin).await.unwrap();
        assert_eq!(staff.pending.len(), 1);
        let clerk = demo_actor(&app, "school").await;
        let e = provider::decide_request(&app, &clerk, &staff.pending[0].id, true).await.unwrap_err();
        assert!(matches!(e, ProviderError::Forbidden), "only the admin approves");
        let (a, b) = tokio::join!(
            provider::decide_request(&app, &admin, &staff.pending[0].id, true),
            provider::decide_request(&app, &admin, &staff.pending[0].id, false),
        );
        assert_eq!(a.is_ok() as u8 + b.is_ok() as u8, 1, "one decision");
        let roles: Vec<Role> = demo_actor(&app, "ivanova").await.roles.iter().map(|g| g.role).collect();
        assert_eq!(roles.contains(&Role::OrganizationStaff), a.is_ok());
    }
}
