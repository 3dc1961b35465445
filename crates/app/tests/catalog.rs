//! The catalog's index follows the database: rebuilt at start, kept current by the change log,
//! on both databases, and two servers sharing one database see the same changes.

use dopcert_app::auth::{self, Actor, LoginInput};
use dopcert_app::catalog::{self, CatalogQuery};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::program::{self, GroupInput, ModuleInput, ProgramInput};
use dopcert_app::{health, App, Clock};
use dopcert_domain::ids::ProgramId;
use dopcert_store::Store;
use dopcert_testkit::both_databases;

const MORNING: &str = "2026-11-25T09:00:00Z";

fn server(store: &Store) -> App {
    App::new(store.clone(), Clock::fixed(MORNING.parse().unwrap()))
}

async fn actor(app: &App, login: &str) -> Actor {
    let input = LoginInput { login, password: demo::DEMO_PASSWORD, address: "127.0.0.1", user_agent: "test" };
    let (token, _) = auth::api_token(app, &input).await.unwrap();
    auth::token_actor(app, &token).await.unwrap().unwrap()
}

async fn found(app: &App, text: &str) -> Vec<String> {
    let q = CatalogQuery { text: text.into(), ..CatalogQuery::default() };
    catalog::search(app, &q).await.unwrap().cards.into_iter().map(|c| c.title).collect()
}

async fn version(app: &App, who: &Actor, id: &ProgramId) -> i64 {
    program::view(app, Some(who), id.as_str()).await.unwrap().program.version
}

/// A provider drafts «Судомоделирование: первые шаги» and the operator certifies it.
async fn certified(app: &App) -> (ProgramId, Actor) {
    let dtdm = actor(app, "dtdm").await;
    let moc = actor(app, "moc.tver").await;
    let input = ProgramInput {
        title: "Судомоделирование: первые шаги".into(),
        direction: "technical".into(),
        description: "Строим модели кораблей.".into(),
        age_min: "8".into(),
        age_max: "14".into(),
        funding: "certificate".into(),
    };
    let id = program::create(app, &dtdm, &input).await.unwrap();
    let m = ModuleInput {
        title: "Год 1".into(),
        hours: "72".into(),
        price: "1500".into(),
        normative_cost: "1500".into(),
    };
    program::add_module(app, &dtdm, id.as_str(), version(app, &dtdm, &id).await, &m).await.unwrap();
    let module = program::view(app, Some(&dtdm), id.as_str()).await.unwrap().modules[0].id.clone();
    let g = GroupInput {
        title: "Группа 1".into(),
        teacher: "Петров Алексей Викторович".into(),
        schedule: "сб 10:00".into(),
        days: vec!["sat".into()],
        address: "г. Тверь, ул. Речная, д. 3".into(),
        coordinates: String::new(),
        seats: "12".into(),
        starts_on: "01.12.2026".into(),
        ends_on: "31.05.2027".into(),
        enrollment_from: "20.11.2026".into(),
        enrollment_to: "20.12.2026".into(),
        lottery_until: String::new(),
    };
    let v = version(app, &dtdm, &id).await;
    program::add_group(app, &dtdm, id.as_str(), v, module.as_str(), &g).await.unwrap();
    program::submit(app, &dtdm, id.as_str(), version(app, &dtdm, &id).await).await.unwrap();
    let review = dopcert_testkit::programs::certifying_review("31.08.2027");
    program::review(app, &moc, id.as_str(), version(app, &moc, &id).await, &review).await.unwrap();
    (id, dtdm)
}

both_databases! {
    async fn the_index_is_rebuilt_at_start_and_two_servers_follow_the_change_log(db) {
        let one = server(&db.store);
        demo::load(&one, &DemoOptions { children: 200, seed: 69, programs: 40 }).await.unwrap();
        assert!(!health::readiness(&one).await.ready(), "not ready before the index is built");
        let built = catalog::rebuild(&one).await.unwrap();
        assert!(built > 20, "most demo programs are certified: {built}");
        assert!(health::readiness(&one).await.ready());
        let two = server(&db.store);
        catalog::rebuild(&two).await.unwrap();

        let (id, dtdm) = certified(&one).await;
        assert!(found(&two, "судомоделированием").await.is_empty(), "not yet polled");
        for s in [&one, &two] {
            assert!(catalog::poll(s).await.unwrap() >= 1);
            assert_eq!(found(s, "судомоделированием").await, ["Судомоделирование: первые шаги"], "stemmed");
        }
        // Ages are a certified term: the edit sends it back to review and out of the catalog.
        let input = ProgramInput {
            title: "Судомоделирование: первые шаги".into(),
            direction: "technical".into(),
            description: "Строим модели кораблей.".into(),
            age_min: "8".into(),
            age_max: "16".into(),
            funding: "certificate".into(),
        };
        program::edit(&one, &dtdm, id.as_str(), version(&one, &dtdm, &id).await, &input).await.unwrap();
        catalog::poll(&two).await.unwrap();
        assert!(found(&two, "судомоделирование").await.is_empty());
        assert_eq!(catalog::poll(&two).await.unwrap(), 0, "nothing new");
        // A demo reload is one «everything changed»: the poll rebuilds.
        demo::load(&one, &DemoOptions { children: 200, seed: 70, programs: 10 }).await.unwrap();
        catalog::poll(&two).await.unwrap();
        assert!(two.catalog.len() <= 10);
    }

    async fn seats_left_on_a_card_come_from_the_database_not_the_index(db) {
        let app = server(&db.store);
        demo::load(&app, &DemoOptions { children: 200, seed: 69, programs: 0 }).await.unwrap();
        certified(&app).await;
        catalog::rebuild(&app).await.unwrap();
        let q = CatalogQuery { text: "судомоделирование".into(), ..CatalogQuery::default() };
        let r = catalog::search(&app, &q).await.unwrap();
        assert_eq!((r.total, r.cards[0].seats_left), (1, 12));
        let q = CatalogQuery { text: "!!! ... ???".into(), ..CatalogQuery::default() };
        let r = catalog::search(&app, &q).await.unwrap();
        assert!(r.no_words && r.cards.is_empty(), "only punctuation: a hint, not the whole catalog");
        let q = CatalogQuery { text: "судомоделирование ".repeat(300), ..CatalogQuery::default() };
        assert_eq!(catalog::search(&app, &q).await.unwrap().total, 1, "a 5,000-character query still works");
    }
}

both_databases! {
    async fn a_change_of_more_programs_than_a_poll_reads_is_written_as_a_rebuild(db) {
        let app = server(&db.store);
        let ids: Vec<String> = (0..=dopcert_store::catalog::MAX_ROWS).map(|i| format!("p{i}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mut tx = app.store.begin().await.unwrap();
        let before = dopcert_store::catalog::current_seq(&mut tx).await.unwrap();
        dopcert_store::catalog::touch(&mut tx, &refs, "2026-11-25T09:00:00.000000Z").await.unwrap();
        tx.commit().await.unwrap();
        let mut conn = app.store.reader().await.unwrap();
        let changes = dopcert_store::catalog::changes_since(&mut conn, before, 5_000).await.unwrap();
        assert_eq!(changes, vec![(before + 1, dopcert_store::catalog::EVERYTHING.to_string())]);
    }
}
