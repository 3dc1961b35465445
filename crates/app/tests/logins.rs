//! A school issues logins to its pupils' families, on both databases.

use dopcert_app::auth::{self, Actor, LoginInput};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::import;
use dopcert_app::logins::{self, LoginState, LoginsError};
use dopcert_app::{App, Clock};
use dopcert_domain::role::Role;
use dopcert_store::Store;
use dopcert_testkit::both_databases;

async fn actor(app: &App, login: &str, password: &str) -> Actor {
    let input = LoginInput { login, password, address: "127.0.0.1", user_agent: "test" };
    let (token, _) = auth::api_token(app, &input).await.unwrap();
    auth::token_actor(app, &token).await.unwrap().unwrap()
}

/// The demo region plus a class «9Л» of three pupils: two siblings (one mother) and a teen.
async fn school_with_class(store: &Store) -> (App, Actor) {
    let app = App::new(store.clone(), Clock::fixed("2026-11-25T09:00:00Z".parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 200, seed: 69, programs: 0 }).await.unwrap();
    let clerk = actor(&app, "school", demo::DEMO_PASSWORD).await;
    let file = "Класс;ФИО ученика;Дата рождения;ФИО родителя\n\
                9Л;Зуева Алла Игоревна;10.05.2011;Зуева Инна Петровна\n\
                9Л;Зуев Лев Игоревич;10.05.2011;Зуева Инна Петровна\n\
                9Л;Ким Ян Олегович;01.12.2012;Ким Олег Ильич\n";
    let p = import::preview(&app, &clerk, "9l.csv", file.as_bytes()).await.unwrap();
    import::commit(&app, &clerk, p.batch_id.as_deref().unwrap()).await.unwrap();
    (app, clerk)
}

both_databases! {
    async fn a_class_gets_one_slip_per_family_and_teens_their_own(db) {
        let (app, clerk) = school_with_class(&db.store).await;
        let classes = logins::classes(&app, &clerk).await.unwrap();
        assert!(classes.contains(&("9Л".to_string(), 3)));
        let slips = logins::issue_for_class(&app, &clerk, "9Л", true).await.unwrap();
        assert_eq!(slips.len(), 2, "one slip per family: the Zuevs and the Kims");
        let zuevs = slips.iter().find(|s| s.pupils.len() == 2).expect("the siblings share a slip");
        let mut logins: Vec<(&str, Role)> = zuevs.logins.iter().map(|l| (l.login.as_str(), l.role)).collect();
        logins.sort();
        // The mother, and both pupils (they turned 15); Kim is 13: only his father gets a login.
        assert_eq!(logins, vec![("zuev.li", Role::Child), ("zueva.ai", Role::Child), ("zueva.ip", Role::Parent)]);
        let kims = slips.iter().find(|s| s.pupils.len() == 1).unwrap();
        assert_eq!(kims.logins.len(), 1);
        assert_eq!(kims.logins[0].role, Role::Parent);
        let mother = zuevs.logins.iter().find(|l| l.login == "zueva.ip").unwrap();

        // The slip opens the account once; then the person sets a password and is left alone.
        let input = LoginInput { login: &mother.login, password: &mother.code, address: "10.0.0.1", user_agent: "t" };
        let session = auth::login(&app, &input).await.unwrap();
        assert!(session.must_set_password);
        let me = auth::session_actor(&app, &session.token).await.unwrap().unwrap();
        auth::set_password(&app, &me, None, "наш дом у реки", "наш дом у реки").await.unwrap();
        let again = logins::issue_for_class(&app, &clerk, "9Л", false).await.unwrap();
        assert_eq!(again.len(), 1, "only Kim's father, who has not logged in yet");
        assert_eq!(again[0].logins.len(), 1);
        let roll = logins::roll(&app, &clerk, "9Л").await.unwrap();
        let states: Vec<&LoginState> = roll.iter().flat_map(|e| e.parents.iter().map(|(_, s)| s)).collect();
        assert!(states.contains(&&LoginState::Active("zueva.ip".to_string())));
    }

    async fn a_reissued_slip_kills_the_old_password_and_never_shows_the_persons_own(db) {
        let (app, clerk) = school_with_class(&db.store).await;
        let roll = logins::roll(&app, &clerk, "9Л").await.unwrap();
        let kim_father = roll.iter().find(|e| e.child.name.to_string() == "Ким Ян Олегович").unwrap().parents[0].0.id.clone();
        let first = logins::issue_for_person(&app, &clerk, &kim_father).await.unwrap();
        let second = logins::issue_for_person(&app, &clerk, &kim_father).await.unwrap();
        let (first, second) = (&first.logins[0], &second.logins[0]);
        assert_eq!(first.login, second.login);
        assert_ne!(first.code, second.code);
        let old = LoginInput { login: &first.login, password: &first.code, address: "10.0.0.2", user_agent: "t" };
        assert!(auth::login(&app, &old).await.is_err());
        let new = LoginInput { login: &second.login, password: &second.code, address: "10.0.0.2", user_agent: "t" };
        assert!(auth::login(&app, &new).await.is_ok());
    }

    async fn staff_issue_only_within_their_organization(db) {
        let (app, clerk) = school_with_class(&db.store).await;
        let roll = logins::roll(&app, &clerk, "9Л").await.unwrap();
        let kim = roll.iter().find(|e| e.child.name.to_string() == "Ким Ян Олегович").unwrap().child.id.clone();
        assert!(matches!(logins::issue_for_person(&app, &clerk, &kim).await, Err(LoginsError::TooYoung)));
        let dtdm = actor(&app, "dtdm", demo::DEMO_PASSWORD).await;
        assert!(matches!(logins::issue_for_person(&app, &dtdm, &kim).await, Err(LoginsError::NotFound)));
        let parent = actor(&app, "ivanova", demo::DEMO_PASSWORD).await;
        assert!(matches!(logins::classes(&app, &parent).await, Err(LoginsError::Forbidden)));
    }
}
