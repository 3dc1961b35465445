//! The regional centre's working place, on both databases: it adds and edits municipalities
//! (bad fields and taken codes said beside the field), gives a municipality's support centre
//! its operators (a one-time password that works once, a new one, the role withdrawn and the
//! sessions ended), and sets the region's rules within their ranges. Every change is in the
//! audit log; nobody else may do any of it.

use dopcert_app::auth::{self, Actor, LoginInput};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::municipality::{self, MunicipalityError, MunicipalityInput, OperatorInput};
use dopcert_app::program::Certifier;
use dopcert_app::rules::{self, Rules, RulesError, RulesInput};
use dopcert_app::{App, Clock};
use dopcert_domain::role::Role;
use dopcert_store::Store;
use dopcert_testkit::both_databases;
use dopcert_testkit::programs::actor;

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn demo_app(store: &Store) -> App {
    let app = App::new(store.clone(), Clock::fixed(MORNING.parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 200, seed: 69, programs: 0 }).await.unwrap();
    app
}

fn bezhetsk() -> MunicipalityInput {
    MunicipalityInput {
        name: "Новый   муниципальный округ".into(),
        code: "novy".into(),
        kind: "municipal_okrug".into(),
        support_center_name: "Муниципальный опорный центр: Новый округ".into(),
        support_center_phone: "+7 (48231) 2-10-30".into(),
    }
}

fn fields(e: MunicipalityError) -> Vec<&'static str> {
    match e {
        MunicipalityError::Invalid(errors) => errors.into_iter().map(|e| e.field).collect(),
        e => panic!("{e:?}"),
    }
}

fn messages(e: MunicipalityError) -> String {
    match e {
        MunicipalityError::Invalid(errors) => {
            errors.into_iter().map(|e| e.message()).collect::<Vec<_>>().join("; ")
        }
        e => panic!("{e:?}"),
    }
}

/// (action, before, after) of the audit records about an object, in order.
async fn audit_of(app: &App, id: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let mut conn = app.store.reader().await.unwrap();
    sqlx::query_as(
        "SELECT action, before_json, after_json FROM audit_record WHERE object_id = $1 ORDER BY at, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await
    .unwrap()
}

async fn login(app: &App, login: &str, password: &str) -> Option<String> {
    let input = LoginInput { login, password, address: "10.0.0.7", user_agent: "test" };
    auth::login(app, &input).await.ok().map(|s| s.token)
}

async fn tver_id(app: &App, rmc: &Actor) -> String {
    let lines = municipality::list(app, rmc).await.unwrap();
    lines.iter().find(|l| l.municipality.code == "tver").unwrap().municipality.id.to_string()
}

both_databases! {
    async fn the_regional_centre_lists_adds_and_edits_municipalities(db) {
        let app = demo_app(&db.store).await;
        let rmc = actor(&app, "rmc").await;
        let lines = municipality::list(&app, &rmc).await.unwrap();
        assert_eq!(lines.len(), 42, "Tver region's municipalities");
        let tver = &lines[0];
        assert_eq!(tver.municipality.code, "tver", "the capital first");
        assert!(tver.children > 0, "the demo's children live in Tver");
        assert!(tver.operators.iter().any(|o| o.login == "moc.tver"), "the demo's operator");

        let id = municipality::add(&app, &rmc, &bezhetsk()).await.unwrap();
        let (m, operators) = municipality::detail(&app, &rmc, id.as_str()).await.unwrap();
        assert_eq!((m.name.as_str(), m.code.as_str(), m.is_capital), ("Новый муниципальный округ", "novy", false));
        assert_eq!(m.support_center_phone, "+7 (48231) 2-10-30", "the phone as typed");
        assert!(operators.is_empty());
        let added = municipality::list(&app, &rmc).await.unwrap();
        let line = added.iter().find(|l| l.municipality.id == id).unwrap();
        assert_eq!((line.children, line.certificates), (0, 0));

        let edited = MunicipalityInput { support_center_phone: "8 4822 32-02-99".into(), ..bezhetsk() };
        assert!(municipality::edit(&app, &rmc, id.as_str(), &edited).await.unwrap());
        assert!(!municipality::edit(&app, &rmc, id.as_str(), &edited).await.unwrap(), "the same form writes nothing");
        let log = audit_of(&app, id.as_str()).await;
        assert_eq!(log.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["municipality.add", "municipality.edit"]);
        let (_, before, after) = &log[1];
        assert_eq!(before.as_deref(), Some(r#"{"support_center_phone":"+7 (48231) 2-10-30"}"#), "only what changed");
        assert_eq!(after.as_deref(), Some(r#"{"support_center_phone":"8 4822 32-02-99"}"#));
    }

    async fn bad_or_taken_fields_are_said_beside_the_field(db) {
        let app = demo_app(&db.store).await;
        let rmc = actor(&app, "rmc").await;
        let bad = MunicipalityInput {
            name: " ".into(),
            code: "Новый округ".into(),
            kind: "city".into(),
            support_center_name: "".into(),
            support_center_phone: "12-34".into(),
        };
        let e = municipality::add(&app, &rmc, &bad).await.unwrap_err();
        assert_eq!(fields(e), ["name", "code", "kind", "support_center_name", "support_center_phone"]);

        let taken = MunicipalityInput { code: " TVER ".into(), ..bezhetsk() };
        let e = municipality::add(&app, &rmc, &taken).await.unwrap_err();
        assert!(messages(e).contains("код tver уже у муниципалитета «город Тверь»"));
        let taken = MunicipalityInput { name: "город Ржев".into(), ..bezhetsk() };
        assert_eq!(fields(municipality::add(&app, &rmc, &taken).await.unwrap_err()), ["name"]);

        let id = municipality::add(&app, &rmc, &bezhetsk()).await.unwrap();
        let to_rzhev = MunicipalityInput { code: "rzhev".into(), ..bezhetsk() };
        assert_eq!(fields(municipality::edit(&app, &rmc, id.as_str(), &to_rzhev).await.unwrap_err()), ["code"]);
        let renamed = MunicipalityInput { name: "Новый городской округ".into(), kind: "urban_okrug".into(), ..bezhetsk() };
        assert!(municipality::edit(&app, &rmc, id.as_str(), &renamed).await.unwrap(), "its own code is not a duplicate");
        let e = municipality::edit(&app, &rmc, "no-such-municipality", &bezhetsk()).await.unwrap_err();
        assert!(matches!(e, MunicipalityError::NotFound), "{e:?}");
        assert_eq!(municipality::list(&app, &rmc).await.unwrap().len(), 43, "nothing else was added");
    }

    async fn an_operator_gets_a_one_time_password_and_loses_the_role(db) {
        let app = demo_app(&db.store).await;
        let rmc = actor(&app, "rmc").await;
        let id = municipality::add(&app, &rmc, &bezhetsk()).await.unwrap();
        let input = OperatorInput { full_name: "Смирнова Анна Викторовна".into(), login: " MOC.Novy ".into() };
        let issued = municipality::add_operator(&app, &rmc, id.as_str(), &input).await.unwrap();
        assert_eq!((issued.login.as_str(), issued.full_name.as_str()), ("moc.novy", "Смирнова Анна Викторовна"));
        let e = municipality::add_operator(&app, &rmc, id.as_str(), &input).await.unwrap_err();
        assert!(messages(e).contains("логин moc.novy уже занят"));
        let bad = OperatorInput { full_name: "Anna".into(), login: "мок".into() };
        assert_eq!(fields(municipality::add_operator(&app, &rmc, id.as_str(), &bad).await.unwrap_err()), ["full_name", "login"]);
        let named = OperatorInput { full_name: "Козлов Пётр Ильич".into(), login: "".into() };
        let second = municipality::add_operator(&app, &rmc, id.as_str(), &named).await.unwrap();
        assert_eq!(second.login, "kozlov.pi", "made from the name");

        // The first code is replaced: only the new one opens a session, once.
        let operators = municipality::detail(&app, &rmc, id.as_str()).await.unwrap().1;
        let account_of = |login: &str| operators.iter().find(|o| o.login == login).unwrap().account_id.clone();
        let (account, kozlov) = (account_of("moc.novy"), account_of("kozlov.pi"));
        let again = municipality::reissue_password(&app, &rmc, id.as_str(), &account).await.unwrap();
        assert!(login(&app, "moc.novy", &issued.one_time_password).await.is_none(), "the old code died");
        let token = login(&app, "moc.novy", &again.one_time_password).await.expect("the new code works");
        let operator = auth::session_actor(&app, &token).await.unwrap().unwrap();
        assert_eq!(operator.role().role, Role::MunicipalOperator);
        assert_eq!(operator.role().municipality_id.as_ref(), Some(&id));

        municipality::withdraw(&app, &rmc, id.as_str(), &account).await.unwrap();
        assert!(auth::session_actor(&app, &token).await.unwrap().is_none(), "the session ended");
        let e = municipality::withdraw(&app, &rmc, id.as_str(), &account).await.unwrap_err();
        assert!(matches!(e, MunicipalityError::OperatorNotFound), "{e:?}");
        let e = municipality::reissue_password(&app, &rmc, id.as_str(), &account).await.unwrap_err();
        assert!(matches!(e, MunicipalityError::OperatorNotFound), "{e:?}");
        let tver = tver_id(&app, &rmc).await;
        let e = municipality::reissue_password(&app, &rmc, &tver, &kozlov).await.unwrap_err();
        assert!(matches!(e, MunicipalityError::OperatorNotFound), "not Tver's operator: {e:?}");

        let log = audit_of(&app, &account).await;
        let actions: Vec<&str> = log.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(actions, ["operator.add", "login.issue", "operator.withdraw"]);
        assert!(log.iter().all(|r| !r.2.as_deref().unwrap_or("").contains(&again.one_time_password)), "never the code");
        assert!(log[2].2.as_deref().unwrap().contains("\"sessions_ended\":1"), "{:?}", log[2]);
    }

    async fn only_the_regional_admin_manages_municipalities_and_rules(db) {
        let app = demo_app(&db.store).await;
        let rmc = actor(&app, "rmc").await;
        let tver = tver_id(&app, &rmc).await;
        let moc = actor(&app, "moc.tver").await;
        let operator_account = moc.account_id.to_string();
        for login in ["moc.tver", "kontrol", "ivanova", "school.admin"] {
            let who = actor(&app, login).await;
            let forbidden = |e: MunicipalityError| matches!(e, MunicipalityError::Forbidden);
            assert!(forbidden(municipality::list(&app, &who).await.unwrap_err()), "{login}");
            assert!(forbidden(municipality::add(&app, &who, &bezhetsk()).await.unwrap_err()), "{login}");
            assert!(forbidden(municipality::edit(&app, &who, &tver, &bezhetsk()).await.unwrap_err()), "{login}");
            let op = OperatorInput { full_name: "Смирнова Анна".into(), login: "moc.x".into() };
            assert!(forbidden(municipality::add_operator(&app, &who, &tver, &op).await.unwrap_err()), "{login}");
            let e = municipality::withdraw(&app, &who, &tver, &operator_account).await.unwrap_err();
            assert!(forbidden(e), "{login}");
            assert!(matches!(rules::current(&app, &who).await.unwrap_err(), RulesError::Forbidden), "{login}");
            let e = rules::save(&app, &who, &RulesInput::default()).await.unwrap_err();
            assert!(matches!(e, RulesError::Forbidden), "{login}");
        }
        assert_eq!(municipality::list(&app, &rmc).await.unwrap().len(), 42);
        assert!(actor(&app, "moc.tver").await.role().role == Role::MunicipalOperator, "still an operator");
    }

    async fn the_region_rules_are_saved_within_their_ranges_and_logged(db) {
        let app = demo_app(&db.store).await;
        let rmc = actor(&app, "rmc").await;
        let defaults = rules::current(&app, &rmc).await.unwrap();
        assert_eq!(defaults, Rules { certifier: Certifier::Municipality, offer_hours: 48, stuck_days: 3, lottery_days: 0 });
        let unchanged = RulesInput::from(defaults);
        assert_eq!(rules::save(&app, &rmc, &unchanged).await.unwrap(), 0, "the same rules write nothing");

        let bad = RulesInput {
            certified_by: "school".into(),
            offer_hours: "337".into(),
            stuck_days: "0".into(),
            lottery_days: "61".into(),
        };
        let RulesError::Invalid(errors) = rules::save(&app, &rmc, &bad).await.unwrap_err() else { panic!() };
        let messages: Vec<_> = errors.iter().map(|e| e.message()).collect();
        let named: Vec<_> = errors.iter().zip(&messages).map(|(e, m)| (e.field, m.as_str())).collect();
        assert_eq!(named, [
            ("certified_by", "выберите, кто сертифицирует программы"),
            ("offer_hours", "целое число часов от 1 до 336"),
            ("stuck_days", "целое число дней от 1 до 60"),
            ("lottery_days", "целое число дней от 0 до 60"),
        ]);
        let bad = RulesInput { offer_hours: "два дня".into(), stuck_days: "61".into(), ..unchanged.clone() };
        assert!(matches!(rules::save(&app, &rmc, &bad).await.unwrap_err(), RulesError::Invalid(e) if e.len() == 2));
        assert_eq!(rules::current(&app, &rmc).await.unwrap(), defaults, "a wrong field saves nothing");

        let new = RulesInput {
            certified_by: "region".into(),
            offer_hours: " 72 ".into(),
            stuck_days: "5".into(),
            lottery_days: "14".into(),
        };
        assert_eq!(rules::save(&app, &rmc, &new).await.unwrap(), 4);
        let now = rules::current(&app, &rmc).await.unwrap();
        assert_eq!(now, Rules { certifier: Certifier::Region, offer_hours: 72, stuck_days: 5, lottery_days: 14 });
        assert_eq!(rules::default_lottery_days(&app).await.unwrap(), 14, "what a new group's form proposes");
        let queues = dopcert_app::queues::queues(&app, &rmc).await.unwrap();
        assert_eq!(queues.stuck_days, 5, "the queues use the new rule");
        for (key, before, after) in [
            ("certification.by", r#"{"value":"municipality"}"#, r#"{"value":"region"}"#),
            ("enrollment.offer_hours", r#"{"value":48}"#, r#"{"value":72}"#),
            ("queues.stuck_days", r#"{"value":3}"#, r#"{"value":5}"#),
            ("lottery.window_days", r#"{"value":0}"#, r#"{"value":14}"#),
        ] {
            let log = audit_of(&app, key).await;
            assert_eq!(log.len(), 1, "{key}");
            assert_eq!((log[0].0.as_str(), log[0].1.as_deref(), log[0].2.as_deref()), ("setting.change", Some(before), Some(after)));
        }
    }
}
