//! The certificate's rules R01–R06, on both databases.

use dopcert_app::auth::{self, Actor, LoginInput};
use dopcert_app::certificate::{self, Action, ClaimError, ClaimInput, Claimed, ManageError, ViewError};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::duplicates::{self, Decision};
use dopcert_app::period as periods;
use dopcert_app::registration::{self, Registered, RegistrationInput};
use dopcert_app::{cabinet, App, Clock};
use dopcert_domain::certificate::Status;
use dopcert_domain::consent::{self, ConsentChannel};
use dopcert_domain::eligibility::Eligibility;
use dopcert_domain::ids::{MunicipalityId, PersonId};
use dopcert_domain::money::Kopecks;
use dopcert_domain::person::{BirthDate, FullName};
use dopcert_domain::snils::Snils;
use dopcert_store::{ledger, municipality, period, person, region, Store};
use dopcert_testkit::both_databases;
use jiff::civil::{date, Date};
use jiff::Timestamp;

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn demo_app(store: &Store, at: &str) -> App {
    let app = App::new(store.clone(), Clock::fixed(at.parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 200, seed: 69, programs: 0 }).await.unwrap();
    app
}

async fn actor(app: &App, login: &str) -> Actor {
    let input = LoginInput { login, password: demo::DEMO_PASSWORD, address: "127.0.0.1", user_agent: "test" };
    let (token, _) = auth::api_token(app, &input).await.unwrap();
    auth::token_actor(app, &token).await.unwrap().unwrap()
}

async fn tver(app: &App) -> MunicipalityId {
    let mut conn = app.store.reader().await.unwrap();
    let r = region::first(&mut conn).await.unwrap().unwrap();
    municipality::by_code(&mut conn, &r.id, "tver").await.unwrap().unwrap().id
}

/// A parent with an account (the demo password) and children born on the given dates.
async fn family(app: &App, login: &str, kids: &[(&str, Date)]) -> (Actor, Vec<PersonId>) {
    let kids: Vec<(&str, Option<Date>)> = kids.iter().map(|(n, d)| (*n, Some(*d))).collect();
    let f = dopcert_testkit::family(&app.store, login, "Семёнова Ольга Ивановна", &kids, true).await;
    (actor(app, login).await, f.children)
}

async fn claim(app: &App, who: &Actor, child: &PersonId) -> Result<Claimed, ClaimError> {
    let input = ClaimInput { child_id: child.clone(), consent: true, municipality_id: None };
    certificate::claim(app, who, &input).await
}

async fn certificates(store: &Store) -> i64 {
    let mut conn = store.reader().await.unwrap();
    sqlx::query_scalar("SELECT COUNT(*) FROM certificate").fetch_one(&mut *conn).await.unwrap()
}

async fn ledger_is_consistent(store: &Store) {
    let mut conn = store.reader().await.unwrap();
    assert_eq!(ledger::inconsistencies(&mut conn).await.unwrap(), (0, 0), "R09: the ledger balances");
}

async fn first_child(app: &App, who: &Actor) -> PersonId {
    cabinet::children(app, who).await.unwrap().remove(0).id
}

fn registration_of(last: &str, first: &str, born: &str, snils: &str) -> RegistrationInput {
    RegistrationInput {
        child_last: last.into(),
        child_first: first.into(),
        birth_date: born.into(),
        snils: snils.into(),
        parent_last: "Белова".into(),
        parent_first: "Ирина".into(),
        parent_phone: "+7 912 345-67-89".into(),
        paper_consent: true,
        ..Default::default()
    }
}

both_databases! {
    async fn variant_1_a_parent_claims_and_the_certificate_is_funded_with_the_nominal(db) {
        let app = demo_app(&db.store, MORNING).await;
        let ivanova = actor(&app, "ivanova").await;
        let child = first_child(&app, &ivanova).await;
        let claimed = claim(&app, &ivanova, &child).await.unwrap();
        let Claimed::New(s) = claimed else { panic!("a new certificate") };
        assert_eq!(s.status, Status::Active);
        assert!(s.funded, "the demo's quota has room");
        assert_eq!(s.balance.available, Kopecks::from_rubles(7_000), "Tver's nominal");
        assert_eq!(s.number.region(), "69");
        let d = certificate::detail(&app, &ivanova, &s.number.to_string()).await.unwrap();
        assert_eq!(d.movements.len(), 1);
        assert_eq!(d.movements[0].available, Kopecks::from_rubles(7_000));
        let listed = cabinet::children(&app, &ivanova).await.unwrap();
        assert_eq!(listed[0].certificate.as_ref().map(|c| c.number.clone()), Some(s.number));
        ledger_is_consistent(&db.store).await;
    }

    async fn r01_pressing_the_button_twice_returns_the_same_certificate(db) {
        let app = demo_app(&db.store, MORNING).await;
        let ivanova = actor(&app, "ivanova").await;
        let child = first_child(&app, &ivanova).await;
        let first = claim(&app, &ivanova, &child).await.unwrap();
        let second = claim(&app, &ivanova, &child).await.unwrap();
        assert!(matches!(first, Claimed::New(_)));
        let Claimed::Existing(again) = second else { panic!("the same certificate, not a new one") };
        assert_eq!(again.number, first.summary().number);
        assert_eq!(certificates(&db.store).await, 2, "the demo's one and this one");
    }

    async fn r01_two_guardians_and_a_school_at_the_same_second_yield_one_certificate(db) {
        let app = demo_app(&db.store, MORNING).await;
        let (mother, kids) = family(&app, "semenova", &[("Белов Егор Ильич", date(2016, 4, 12))]).await;
        let child = kids[0].clone();
        let (father, _) = family(&app, "belov", &[]).await;
        {
            let mut tx = app.store.begin().await.unwrap();
            person::link_guardian(&mut tx, &father.person_id, &child, "2026-01-01T00:00:00.000000Z").await.unwrap();
            tx.commit().await.unwrap();
        }
        let clerk = actor(&app, "school").await;
        let form = registration_of("Белов", "Егор", "12.04.2016", "");
        let form = RegistrationInput { child_middle: "Ильич".into(), ..form };
        let (a, b, c) = tokio::join!(
            claim(&app, &mother, &child),
            claim(&app, &father, &child),
            registration::register(&app, &clerk, &form, None),
        );
        let a = a.unwrap().summary().number.clone();
        let b = b.unwrap().summary().number.clone();
        // The school learns the number when it issued the certificate itself; when a parent was
        // first, only that one exists (the child is not its pupil).
        match c.unwrap() {
            Registered::Issued(s) | Registered::Existing(Some(s)) => assert_eq!(a, s.number),
            Registered::Existing(None) => {}
            Registered::Held => panic!("the same spelling and birth date is the same child"),
        }
        assert_eq!(a, b);
        let mut conn = app.store.reader().await.unwrap();
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM certificate WHERE child_id = $1")
            .bind(child.as_str())
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(n, 1);
        let consents: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM consent WHERE child_id = $1")
            .bind(child.as_str())
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(consents, 1, "the losers' consents went with their rolled-back transactions");
        drop(conn);
        ledger_is_consistent(&db.store).await;
    }

    async fn r02_a_near_match_is_held_for_the_operator_then_resolved(db) {
        let app = demo_app(&db.store, MORNING).await;
        let clerk = actor(&app, "school").await;
        let operator = actor(&app, "moc.tver").await;
        let snils_a = Snils::from_base(123_456_001);
        let snils_b = Snils::from_base(123_456_002);
        let first = registration_of("Белова", "Дарья", "12.04.2016", snils_a.digits());
        let Registered::Issued(_) = registration::register(&app, &clerk, &first, None).await.unwrap() else {
            panic!("a new child gets a certificate")
        };
        // The same name and birth date with another SNILS: held, not merged, not duplicated.
        let second = registration_of("Белова", "Дарья", "12.04.2016", snils_b.digits());
        let second = RegistrationInput { parent_first: "Анна".into(), ..second };
        assert!(matches!(registration::register(&app, &clerk, &second, None).await.unwrap(), Registered::Held));
        assert_eq!(certificates(&db.store).await, 2);
        let queue = duplicates::queue(&app, &operator).await.unwrap();
        assert_eq!(queue.len(), 1);
        assert_eq!(queue[0].claimed.parents, vec!["Белова Анна".to_string()]);
        assert!(queue[0].existing.certificate.is_some());
        assert!(queue[0].claimed.snils.as_deref().unwrap().starts_with("***"), "SNILS masked in the queue");
        // The region's centre sees it too; nobody else does.
        assert_eq!(duplicates::queue(&app, &actor(&app, "rmc").await).await.unwrap().len(), 1);
        assert!(duplicates::queue(&app, &clerk).await.is_err());
        // Different children: the second gets her certificate on a second try.
        duplicates::resolve(&app, &operator, &queue[0].id, Decision::Different).await.unwrap();
        assert!(duplicates::queue(&app, &operator).await.unwrap().is_empty());
        assert!(matches!(
            duplicates::resolve(&app, &operator, &queue[0].id, Decision::Same).await,
            Err(duplicates::QueueError::NotFound)
        ), "decided once");
        let again = RegistrationInput { snils: snils_b.digits().into(), ..registration_of("Белова", "Дарья", "12.04.2016", "") };
        let again = RegistrationInput { parent_first: "Анна".into(), ..again };
        let Registered::Issued(_) = registration::register(&app, &clerk, &again, None).await.unwrap() else {
            panic!("resolved as another child, found by her SNILS now")
        };
        assert_eq!(certificates(&db.store).await, 3);
    }

    async fn r02_another_spelling_of_yo_is_held_and_the_same_child_is_merged(db) {
        let app = demo_app(&db.store, MORNING).await;
        let clerk = actor(&app, "school").await;
        let operator = actor(&app, "moc.tver").await;
        let first = registration_of("Фёдорова", "Алёна", "01.09.2015", "");
        let Registered::Issued(cert) = registration::register(&app, &clerk, &first, None).await.unwrap() else {
            panic!("issued")
        };
        let second = RegistrationInput { parent_first: "Вера".into(), ..registration_of("Федорова", "Алена", "01.09.2015", "") };
        assert!(matches!(registration::register(&app, &clerk, &second, None).await.unwrap(), Registered::Held));
        let case = duplicates::queue(&app, &operator).await.unwrap().remove(0);
        duplicates::resolve(&app, &operator, &case.id, Decision::Same).await.unwrap();
        // One child now, with both parents; the certificate is the one issued first.
        let mut conn = app.store.reader().await.unwrap();
        let name = FullName::parse("Фёдорова Алёна").unwrap();
        let found = person::by_name_and_birth(&mut conn, &name, BirthDate::from_stored(date(2015, 9, 1))).await.unwrap();
        assert_eq!(found.len(), 1, "the duplicate is merged away");
        let parents = person::parents_of(&mut conn, &found[0].id).await.unwrap();
        assert_eq!(parents.len(), 2);
        let again = registration::register(&app, &clerk, &first, None).await.unwrap();
        let Registered::Existing(Some(s)) = again else { panic!("existing, and the school issued it") };
        assert_eq!(s.number, cert.number);
    }

    async fn r02_a_patronymic_left_out_is_held_unless_the_same_snils_vouches_and_a_repeat_is_one_case(db) {
        let app = demo_app(&db.store, MORNING).await;
        let clerk = actor(&app, "school").await;
        let operator = actor(&app, "moc.tver").await;
        let snils = Snils::from_base(123_456_010);
        let full = RegistrationInput { child_middle: "Андреевна".into(), ..registration_of("Зайцева", "Полина", "15.03.2017", snils.digits()) };
        let Registered::Issued(first) = registration::register(&app, &clerk, &full, None).await.unwrap() else { panic!() };
        // The same SNILS, the patronymic left out: the same child.
        let short = registration_of("Зайцева", "Полина", "15.03.2017", snils.digits());
        let Registered::Existing(Some(s)) = registration::register(&app, &clerk, &short, None).await.unwrap() else {
            panic!("the SNILS vouches")
        };
        assert_eq!(s.number, first.number);
        // The same SNILS with another birth date: a typo somewhere, for a person to look at.
        let other_birth = registration_of("Зайцева", "Полина", "15.03.2016", snils.digits());
        assert!(matches!(registration::register(&app, &clerk, &other_birth, None).await.unwrap(), Registered::Held));
        // No SNILS and no patronymic: not a second certificate, a case; sent twice, one case.
        let bare = registration_of("Зайцева", "Полина", "15.03.2017", "");
        assert!(matches!(registration::register(&app, &clerk, &bare, None).await.unwrap(), Registered::Held));
        assert!(matches!(registration::register(&app, &clerk, &bare, None).await.unwrap(), Registered::Held));
        assert_eq!(duplicates::queue(&app, &operator).await.unwrap().len(), 2, "the other birth date, and this one once");
        assert_eq!(certificates(&db.store).await, 2, "the demo's and Полина's");
    }

    async fn r03_a_claim_at_2359_and_at_0000_moscow_time_around_the_fifth_and_eighteenth_birthdays(db) {
        // 20:59 UTC is 23:59 in Moscow on 25 November; 21:00 UTC is midnight of the 26th.
        let app = demo_app(&db.store, "2026-11-25T20:59:00Z").await;
        let (parent, kids) = family(&app, "semenova", &[
            ("Семёнов Илья Петрович", date(2021, 11, 26)),
            ("Семёнова Вера Петровна", date(2008, 11, 26)),
        ]).await;
        let too_young = claim(&app, &parent, &kids[0]).await;
        assert!(matches!(too_young, Err(ClaimError::AgeNotEligible(Eligibility::TooYoung { from })) if from == date(2026, 11, 26)));
        let err = too_young.unwrap_err().to_string();
        assert!(err.contains("26 ноября 2026"), "{err}");
        assert_eq!(certificates(&db.store).await, 1, "a refused claim changes nothing");
        // The last minute of being 17.
        assert!(claim(&app, &parent, &kids[1]).await.is_ok());
        app.clock.set("2026-11-25T21:00:00Z".parse::<Timestamp>().unwrap());
        assert!(claim(&app, &parent, &kids[0]).await.is_ok(), "the 5th birthday has begun in Moscow");
    }

    async fn r03_an_adult_is_told_so_and_gets_nothing(db) {
        let app = demo_app(&db.store, MORNING).await;
        let volkova = actor(&app, "volkova").await;
        let children = cabinet::children(&app, &volkova).await.unwrap();
        let adult = children.iter().find(|c| c.eligibility == Some(Eligibility::TooOld)).unwrap();
        let err = claim(&app, &volkova, &adult.id).await.unwrap_err();
        assert!(matches!(err, ClaimError::AgeNotEligible(Eligibility::TooOld)));
        assert!(err.to_string().contains("18"));
    }

    async fn r04_only_a_linked_parent_or_the_child_from_14_may_claim(db) {
        let app = demo_app(&db.store, MORNING).await;
        let ivanova = actor(&app, "ivanova").await;
        let smirnov = actor(&app, "smirnov").await;
        let teen = actor(&app, "petrov.maksim").await;
        let pupil = actor(&app, "sokolova.alisa").await;
        let clerk = actor(&app, "school").await;
        let operator = actor(&app, "moc.tver").await;
        let ivanovs = first_child(&app, &ivanova).await;
        assert!(matches!(claim(&app, &smirnov, &ivanovs).await, Err(ClaimError::NotFound)), "not his child");
        assert!(matches!(claim(&app, &teen, &ivanovs).await, Err(ClaimError::NotFound)));
        assert!(matches!(claim(&app, &clerk, &ivanovs).await, Err(ClaimError::NotGuardian)));
        assert!(matches!(claim(&app, &operator, &ivanovs).await, Err(ClaimError::NotGuardian)));
        let unknown = PersonId::from_string("01900000-0000-7000-8000-000000000000".into());
        assert!(matches!(claim(&app, &ivanova, &unknown).await, Err(ClaimError::NotFound)));
        assert!(matches!(
            claim(&app, &pupil, &pupil.person_id).await,
            Err(ClaimError::SelfClaimUnder14 { .. })
        ));
        assert_eq!(certificates(&db.store).await, 1, "nothing was issued");
        let own = claim(&app, &teen, &teen.person_id).await.unwrap();
        // The teen sees it; so does his mother's scope (a parent of the child), not a stranger.
        let number = own.summary().number.to_string();
        assert!(certificate::detail(&app, &teen, &number).await.is_ok());
        assert!(matches!(certificate::detail(&app, &smirnov, &number).await, Err(ViewError::NotFound)));
        assert!(matches!(certificate::detail(&app, &clerk, &number).await, Err(ViewError::NotFound)), "not their pupil");
        assert!(certificate::detail(&app, &operator, &number).await.is_ok(), "Tver's operator");
        assert!(certificate::detail(&app, &actor(&app, "kontrol").await, &number).await.is_ok(), "the region's auditor");
        assert!(matches!(
            certificate::detail(&app, &teen, "69-0000-0000-00").await,
            Err(ViewError::InvalidNumber(_))
        ));
        // A pupil under 14 whose certificate the school issued: she knows it exists, no more.
        let alisa = cabinet::children(&app, &pupil).await.unwrap().remove(0);
        let born = alisa.birth_date.unwrap();
        let form = RegistrationInput {
            child_middle: "Денисовна".into(),
            ..registration_of("Соколова", "Алиса", &format!("{:02}.{:02}.{}", born.day(), born.month(), born.year()), "")
        };
        let Registered::Issued(hers) = registration::register(&app, &clerk, &form, None).await.unwrap() else {
            panic!("issued for the pupil the school knows")
        };
        let seen = cabinet::children(&app, &pupil).await.unwrap().remove(0);
        assert!(seen.certificate.is_none() && seen.certificate_hidden);
        assert!(matches!(
            certificate::detail(&app, &pupil, &hers.number.to_string()).await,
            Err(ViewError::NotFound)
        ));
    }

    async fn r05_consent_is_required_and_recorded_with_who_when_version_and_channel(db) {
        let app = demo_app(&db.store, MORNING).await;
        let ivanova = actor(&app, "ivanova").await;
        let child = first_child(&app, &ivanova).await;
        let no = ClaimInput { child_id: child.clone(), consent: false, municipality_id: None };
        assert!(matches!(certificate::claim(&app, &ivanova, &no).await, Err(ClaimError::ConsentRequired)));
        assert_eq!(certificates(&db.store).await, 1);
        let s = claim(&app, &ivanova, &child).await.unwrap().summary().clone();
        let d = certificate::detail(&app, &ivanova, &s.number.to_string()).await.unwrap();
        assert_eq!(d.consents.len(), 1);
        let c = &d.consents[0];
        assert_eq!(c.given_by, ivanova.person_id);
        assert_eq!(c.channel, ConsentChannel::Cabinet);
        assert_eq!(c.text_version, consent::CURRENT_VERSION);
        assert_eq!(c.at, MORNING.parse::<Timestamp>().unwrap());
        // Variant 4: paper consent, with the scan kept.
        let clerk = actor(&app, "school").await;
        let form = RegistrationInput { paper_consent: false, ..registration_of("Белова", "Дарья", "12.04.2016", "") };
        let scan = registration::Upload { file_name: "согласие.pdf".into(), bytes: b"%PDF-1.4 signed".to_vec() };
        let Registered::Issued(s) = registration::register(&app, &clerk, &form, Some(scan)).await.unwrap() else { panic!() };
        let d = certificate::detail(&app, &clerk, &s.number.to_string()).await.unwrap();
        assert_eq!(d.consents[0].channel, ConsentChannel::Paper);
        assert!(d.consents[0].has_scan);
    }

    async fn r06_the_funded_quota_holds_under_concurrent_claims_and_upgrades_go_in_claim_order(db) {
        let app = demo_app(&db.store, MORNING).await;
        let operator = actor(&app, "moc.tver").await;
        let tver = tver(&app).await;
        let kids: Vec<(String, Date)> = (0..8).map(|i| (format!("Семёнов Ребёнок{} Петрович", ["А","Б","В","Г","Д","Е","Ж","З"][i]), date(2012, 1, 1 + i as i8))).collect();
        let refs: Vec<(&str, Date)> = kids.iter().map(|(n, d)| (n.as_str(), *d)).collect();
        let (parent, ids) = family(&app, "semenova", &refs).await;
        let p = {
            let mut conn = app.store.reader().await.unwrap();
            period::current(&mut conn, &tver, date(2026, 11, 25)).await.unwrap().unwrap()
        };
        // Three places left.
        periods::set_quota(&app, &operator, &p.id, p.funded_count + 3).await.unwrap();
        let mut tasks = Vec::new();
        for id in ids.clone() {
            let (app, parent) = (app.clone(), parent.clone());
            tasks.push(tokio::spawn(async move { claim(&app, &parent, &id).await.unwrap() }));
        }
        let mut funded = 0;
        for t in tasks {
            if t.await.unwrap().summary().funded {
                funded += 1;
            }
        }
        assert_eq!(funded, 3, "never more than the quota");
        let after = {
            let mut conn = app.store.reader().await.unwrap();
            period::get(&mut conn, &p.id).await.unwrap()
        };
        assert_eq!(after.funded_count, after.funded_quota);
        let unfunded = cabinet::children(&app, &parent).await.unwrap().into_iter()
            .filter_map(|c| c.certificate).filter(|c| !c.funded).collect::<Vec<_>>();
        assert_eq!(unfunded.len(), 5);
        assert!(unfunded.iter().all(|c| c.balance.available == Kopecks::ZERO), "free programs only");
        // Two more places: the two earliest claims among the waiting get them.
        let mut waiting = unfunded.clone();
        waiting.sort_by(|a, b| (a.issued_at, a.id.as_str()).cmp(&(b.issued_at, b.id.as_str())));
        assert_eq!(periods::set_quota(&app, &operator, &p.id, after.funded_quota + 2).await.unwrap(), 2);
        let now_funded: Vec<bool> = {
            let mut out = Vec::new();
            for w in &waiting {
                let (s, _) = certificate::find(&app, &operator, &w.number.to_string()).await.unwrap();
                out.push(s.funded);
            }
            out
        };
        assert_eq!(now_funded, vec![true, true, false, false, false]);
        // A lower quota takes nothing already given.
        periods::set_quota(&app, &operator, &p.id, 0).await.unwrap();
        let (s, _) = certificate::find(&app, &operator, &waiting[0].number.to_string()).await.unwrap();
        assert!(s.funded);
        assert_eq!(s.balance.available, Kopecks::from_rubles(7_000));
        // Only the municipality's operator sets it, within bounds.
        assert!(periods::set_quota(&app, &parent, &p.id, 100).await.is_err());
        assert!(matches!(
            periods::set_quota(&app, &operator, &p.id, 3_000_000_000).await,
            Err(periods::PeriodError::QuotaOutOfRange)
        ));
        ledger_is_consistent(&db.store).await;
    }

    async fn a_certificate_changes_status_only_by_logged_actions_and_is_never_deleted(db) {
        let app = demo_app(&db.store, MORNING).await;
        let operator = actor(&app, "moc.tver").await;
        let ivanova = actor(&app, "ivanova").await;
        let child = first_child(&app, &ivanova).await;
        let s = claim(&app, &ivanova, &child).await.unwrap().summary().clone();
        let n = s.number.to_string();
        assert!(matches!(certificate::manage(&app, &operator, &n, Action::Suspend, " ").await, Err(ManageError::ReasonRequired)));
        assert!(matches!(certificate::manage(&app, &ivanova, &n, Action::Close, "хочу").await, Err(ManageError::Forbidden)));
        certificate::manage(&app, &operator, &n, Action::Suspend, "проверка документов").await.unwrap();
        assert!(matches!(certificate::manage(&app, &operator, &n, Action::Suspend, "ещё раз").await, Err(ManageError::AlreadyThere(Status::Suspended))));
        certificate::manage(&app, &operator, &n, Action::Resume, "документы в порядке").await.unwrap();
        certificate::manage(&app, &operator, &n, Action::Close, "по заявлению родителя").await.unwrap();
        let d = certificate::detail(&app, &ivanova, &n).await.unwrap();
        assert_eq!(d.summary.status, Status::Closed);
        let kinds: Vec<&str> = d.events.iter().map(|e| e.kind.code()).collect();
        assert_eq!(kinds, vec!["issued", "funded", "suspended", "resumed", "closed"]);
        assert_eq!(d.events[2].reason.as_deref(), Some("проверка документов"));
        assert_eq!(d.events[2].by.as_deref(), Some("Беляева О. М."));
        // The untouched nominal went back to the budget; the claim still finds the same certificate.
        assert_eq!(d.summary.balance.available, Kopecks::ZERO);
        assert!(!d.summary.funded, "its place went back");
        let again = claim(&app, &ivanova, &child).await.unwrap();
        assert!(matches!(again, Claimed::Existing(ref x) if x.status == Status::Closed));
        ledger_is_consistent(&db.store).await;
    }

    async fn r03_certificates_close_at_18_and_free_their_place_for_the_next_in_line(db) {
        let app = demo_app(&db.store, MORNING).await;
        let operator = actor(&app, "moc.tver").await;
        let tver = tver(&app).await;
        let (parent, ids) = family(&app, "semenova", &[
            ("Семёнова Вера Петровна", date(2008, 11, 27)),
            ("Семёнов Илья Петрович", date(2015, 3, 3)),
        ]).await;
        let p = {
            let mut conn = app.store.reader().await.unwrap();
            period::current(&mut conn, &tver, date(2026, 11, 25)).await.unwrap().unwrap()
        };
        periods::set_quota(&app, &operator, &p.id, p.funded_count + 1).await.unwrap();
        let older = claim(&app, &parent, &ids[0]).await.unwrap().summary().clone();
        let younger = claim(&app, &parent, &ids[1]).await.unwrap().summary().clone();
        assert!(older.funded && !younger.funded);
        assert_eq!(certificate::close_grown_up(&app).await.unwrap(), 0, "17 until the 27th");
        app.clock.set("2026-11-26T21:00:00Z".parse::<Timestamp>().unwrap());
        assert_eq!(certificate::close_grown_up(&app).await.unwrap(), 1);
        assert_eq!(certificate::close_grown_up(&app).await.unwrap(), 0, "idempotent");
        let (old, _) = certificate::find(&app, &operator, &older.number.to_string()).await.unwrap();
        assert_eq!(old.status, Status::Closed);
        let (young, _) = certificate::find(&app, &operator, &younger.number.to_string()).await.unwrap();
        assert!(young.funded, "the freed place went to the next in line");
        ledger_is_consistent(&db.store).await;
    }
}
