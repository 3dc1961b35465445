//! The audit trail of the use cases (issue 7), on both databases: a family's and a provider's
//! story — a claim, a program written, submitted and certified, applications, a decision, a
//! withdrawal, a billing run, an invoice approved and exported, the quota, a token, a password,
//! a reminder by the system — leaves exactly one record per change, by whom, about whom; a step
//! that fails leaves none (its transaction rolled back); every action has a title; no record
//! holds a SNILS or a birth date; and the sealed chain verifies.

use std::collections::HashSet;

use dopcert_app::audit::{self, ACTIONS};
use dopcert_app::auth::{self, Actor};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::program::{self, GroupInput, ModuleInput, ProgramInput};
use dopcert_app::{billing, certificate, enrollment, integration, period};
use dopcert_app::{App, Clock};
use dopcert_domain::ids::GroupId;
use dopcert_store::audit::{self as store, Record};
use dopcert_store::{verify, Store};
use dopcert_testkit::both_databases;
use dopcert_testkit::programs::{actor, family_with_certificate};
use serde_json::{json, Value};

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn demo_app(store: &Store) -> App {
    let app = App::new(store.clone(), Clock::fixed(MORNING.parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 100, seed: 69, programs: 0 }).await.unwrap();
    app
}

/// The records already looked at: each step takes the ones it left.
#[derive(Default)]
struct Log {
    seen: HashSet<String>,
}

impl Log {
    /// The records written since the last look.
    async fn fresh(&mut self, app: &App) -> Vec<Record> {
        let mut conn = app.store.reader().await.unwrap();
        let all = store::unsealed(&mut conn, 100_000).await.unwrap();
        let mut new: Vec<Record> = all.into_iter().filter(|r| self.seen.insert(r.id.clone())).collect();
        new.sort_by(|a, b| a.action.cmp(&b.action));
        new
    }

    /// The one record the step left.
    async fn only(&mut self, app: &App, action: &str) -> Record {
        let mut new = self.fresh(app).await;
        let actions: Vec<&str> = new.iter().map(|r| r.action.as_str()).collect();
        assert_eq!(actions, [action], "one record of the step");
        new.remove(0)
    }

    /// A step that failed: its transaction rolled back, nothing was recorded.
    async fn nothing(&mut self, app: &App, step: &str) {
        let new = self.fresh(app).await;
        assert!(new.is_empty(), "{step} left {:?}", new.iter().map(|r| &r.action).collect::<Vec<_>>());
    }
}

type About<'a> =
    (Option<&'a str>, &'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>, Option<&'a str>);

/// Who acted, on what, about whom: (account, object, person, certificate, organization,
/// municipality).
fn about(r: &Record) -> About<'_> {
    (
        r.account_id.as_deref(),
        r.object_id.as_str(),
        r.person_id.as_deref(),
        r.certificate_id.as_deref(),
        r.organization_id.as_deref(),
        r.municipality_id.as_deref(),
    )
}

fn before(r: &Record) -> Value {
    r.before_json.as_deref().map_or(Value::Null, |s| serde_json::from_str(s).unwrap())
}

fn after(r: &Record) -> Value {
    r.after_json.as_deref().map_or(Value::Null, |s| serde_json::from_str(s).unwrap())
}

fn acc(a: &Actor) -> Option<&str> {
    Some(a.account_id.as_str())
}

/// A program of the demo's ДТДМ, from draft to certified; its group takes applications today.
async fn certified_program(app: &App, log: &mut Log, ids: &Ids) -> (String, GroupId) {
    let (dtdm, moc, parent) =
        (actor(app, "dtdm").await, actor(app, "moc.tver").await, actor(app, "ivanova").await);
    let input = ProgramInput {
        title: "Судомоделирование".into(),
        direction: "technical".into(),
        description: "Модели кораблей.".into(),
        age_min: "8".into(),
        age_max: "14".into(),
        funding: "certificate".into(),
    };
    assert_eq!(program::create(app, &parent, &input).await.unwrap_err().code(), "forbidden");
    log.nothing(app, "a parent writing a program").await;
    let id = program::create(app, &dtdm, &input).await.unwrap();
    let r = log.only(app, "program.create").await;
    let org = Some(ids.dtdm.as_str());
    assert_eq!(about(&r), (acc(&dtdm), id.as_str(), None, None, org, Some(ids.tver.as_str())));
    assert_eq!(
        (after(&r)["status"].as_str(), after(&r)["title"].as_str()),
        (Some("draft"), Some("Судомоделирование"))
    );
    assert_eq!(before(&r), Value::Null);

    let version = |who: Actor| {
        let (app, id) = (app.clone(), id.clone());
        async move { program::view(&app, Some(&who), id.as_str()).await.unwrap().program.version }
    };
    let edited = ProgramInput {
        title: "Судомоделирование и картинг".into(), ..input.clone()
    };
    program::edit(app, &dtdm, id.as_str(), version(dtdm.clone()).await, &edited).await.unwrap();
    let r = log.only(app, "program.edit").await;
    assert_eq!(about(&r), (acc(&dtdm), id.as_str(), None, None, org, Some(ids.tver.as_str())));
    assert_eq!(before(&r), json!({"title": "Судомоделирование"}), "only what changed");
    assert_eq!(after(&r), json!({"title": "Судомоделирование и картинг"}));

    let m = ModuleInput {
        title: "Год".into(),
        hours: "72".into(),
        price: "1500".into(),
        normative_cost: "1500".into(),
    };
    program::add_module(app, &dtdm, id.as_str(), version(dtdm.clone()).await, &m).await.unwrap();
    let page = program::view(app, Some(&dtdm), id.as_str()).await.unwrap();
    let module = page.modules[0].id.clone();
    let r = log.only(app, "module.add").await;
    assert_eq!(about(&r), (acc(&dtdm), module.as_str(), None, None, org, Some(ids.tver.as_str())));
    assert_eq!((after(&r)["title"].as_str(), after(&r)["hours"].as_u64()), (Some("Год"), Some(72)));

    let g = GroupInput {
        title: "Группа 1".into(),
        teacher: "Петров Алексей Викторович".into(),
        schedule: "сб 10:00".into(),
        days: vec!["sat".into()],
        address: "г. Тверь".into(),
        coordinates: String::new(),
        seats: "5".into(),
        starts_on: "01.11.2026".into(),
        ends_on: "31.05.2027".into(),
        enrollment_from: "18.11.2026".into(),
        enrollment_to: "20.12.2026".into(),
        lottery_until: String::new(),
    };
    let group =
        program::add_group(app, &dtdm, id.as_str(), page.program.version, module.as_str(), &g).await.unwrap();
    let r = log.only(app, "group.add").await;
    assert_eq!(about(&r), (acc(&dtdm), group.as_str(), None, None, org, Some(ids.tver.as_str())));
    assert_eq!((after(&r)["seats"].as_u64(), after(&r)["starts_on"].as_str()), (Some(5), Some("2026-11-01")));
    assert_eq!(after(&r).get("lottery_until"), None, "an empty field is left out");

    program::submit(app, &dtdm, id.as_str(), version(dtdm.clone()).await).await.unwrap();
    let r = log.only(app, "program.submit").await;
    assert_eq!(about(&r), (acc(&dtdm), id.as_str(), None, None, org, Some(ids.tver.as_str())));
    assert_eq!((before(&r), after(&r)), (json!({"status": "draft"}), json!({"status": "submitted"})));
    let e = program::submit(app, &dtdm, id.as_str(), version(dtdm.clone()).await).await.unwrap_err();
    assert_eq!(e.code(), "wrong_status");
    log.nothing(app, "submitting twice").await;

    let review = dopcert_testkit::programs::certifying_review("31.08.2027");
    // The regional centre sees the program but does not certify it (the municipality does): the
    // refusal comes inside the transaction, which leaves nothing.
    let rmc = actor(app, "rmc").await;
    let v = version(moc.clone()).await;
    assert_eq!(program::review(app, &rmc, id.as_str(), v, &review).await.unwrap_err().code(), "forbidden");
    log.nothing(app, "a review without the right to certify").await;
    program::review(app, &moc, id.as_str(), v, &review).await.unwrap();
    let r = log.only(app, "program.certify").await;
    assert_eq!(about(&r), (acc(&moc), id.as_str(), None, None, org, Some(ids.tver.as_str())));
    assert_eq!(before(&r), json!({"status": "submitted"}));
    assert_eq!(after(&r), json!({"status": "certified", "certified_until": "2027-08-31"}));
    (id.to_string(), group)
}

/// The ids the records should name.
struct Ids {
    tver: String,
    dtdm: String,
}

async fn certificate_of(app: &App, child: &dopcert_domain::ids::PersonId) -> String {
    let mut conn = app.store.reader().await.unwrap();
    dopcert_store::certificate::by_child(&mut conn, child).await.unwrap().unwrap().id.to_string()
}

/// A family claims a certificate; the record is the parent's, about the child and the
/// certificate, in the certificate's municipality.
async fn claim(
    app: &App,
    log: &mut Log,
    ids: &Ids,
    login: &str,
) -> (Actor, dopcert_domain::ids::PersonId, String) {
    let (parent, child) = family_with_certificate(app, login).await;
    let cert = certificate_of(app, &child).await;
    let r = log.only(app, "certificate.issue").await;
    let expected = (
        acc(&parent),
        cert.as_str(),
        Some(child.as_str()),
        Some(cert.as_str()),
        None,
        Some(ids.tver.as_str()),
    );
    assert_eq!(about(&r), expected);
    assert_eq!(
        (after(&r)["status"].as_str(), after(&r)["channel"].as_str()),
        (Some("active"), Some("cabinet"))
    );
    assert_eq!(after(&r)["funded"], json!(true));
    (parent, child, cert)
}

/// The story, each step checked; returns the app for the checks of the whole log.
async fn story(db: &dopcert_testkit::TestDb) -> App {
    let app = demo_app(&db.store).await;
    let mut log = Log::default();
    log.fresh(&app).await;
    let (moc, dtdm) = (actor(&app, "moc.tver").await, actor(&app, "dtdm").await);
    let ids = Ids {
        tver: moc.role().municipality_id.as_ref().unwrap().to_string(),
        dtdm: dtdm.role().organization_id.as_ref().unwrap().to_string(),
    };
    let (tver, org) = (Some(ids.tver.as_str()), Some(ids.dtdm.as_str()));

    // A claim; pressed again, the same certificate and nothing new.
    let (parent, child, cert) = claim(&app, &mut log, &ids, "audit1").await;
    let input = certificate::ClaimInput { child_id: child.clone(), consent: true, municipality_id: None };
    assert!(matches!(
        certificate::claim(&app, &parent, &input).await.unwrap(),
        certificate::Claimed::Existing(_)
    ));
    log.nothing(&app, "a second claim").await;

    let (program_id, group) = certified_program(&app, &mut log, &ids).await;

    // An application, applied twice; the provider's decision, and another provider's attempt.
    let applied = enrollment::apply(&app, &parent, &child, &group, true).await.unwrap();
    let id = applied.application_id.clone();
    let r = log.only(&app, "application.apply").await;
    assert_eq!(about(&r), (acc(&parent), id.as_str(), Some(child.as_str()), Some(cert.as_str()), org, tver));
    assert_eq!(
        (after(&r)["status"].as_str(), after(&r)["held"].as_str()),
        (Some("pending"), Some(applied.held.to_string().as_str()))
    );
    let e = enrollment::apply(&app, &parent, &child, &group, true).await.unwrap_err();
    assert_eq!(e.code(), "already_applied");
    log.nothing(&app, "applying twice").await;
    let school = actor(&app, "school").await;
    assert!(matches!(
        enrollment::decide(&app, &school, &id, true, "").await,
        Err(enrollment::DecideError::NotFound)
    ));
    log.nothing(&app, "another organization's decision").await;
    enrollment::decide(&app, &dtdm, &id, true, "").await.unwrap();
    let r = log.only(&app, "application.decide").await;
    assert_eq!(about(&r), (acc(&dtdm), id.as_str(), Some(child.as_str()), Some(cert.as_str()), org, tver));
    assert_eq!((before(&r), after(&r)), (json!({"status": "pending"}), json!({"status": "enrolled"})));

    // Another family applies and takes the application back, once.
    let (parent2, child2, cert2) = claim(&app, &mut log, &ids, "audit2").await;
    let id2 = enrollment::apply(&app, &parent2, &child2, &group, true).await.unwrap().application_id;
    log.only(&app, "application.apply").await;
    enrollment::withdraw(&app, &parent2, &id2).await.unwrap();
    let r = log.only(&app, "application.withdraw").await;
    assert_eq!(
        about(&r),
        (acc(&parent2), id2.as_str(), Some(child2.as_str()), Some(cert2.as_str()), org, tver)
    );
    assert_eq!(
        (before(&r)["status"].as_str(), after(&r)["status"].as_str()),
        (Some("pending"), Some("withdrawn"))
    );
    assert_eq!(after(&r)["held"].as_str(), Some(dopcert_domain::money::Kopecks::ZERO.to_string().as_str()));
    assert_eq!(enrollment::withdraw(&app, &parent2, &id2).await.unwrap_err().code(), "invalid_transition");
    log.nothing(&app, "withdrawing twice").await;

    // November is billed: the enrolled child's last days of it, one invoice for the ДТДМ.
    let november = jiff::civil::date(2026, 11, 1);
    let run = billing::run(&app, Some(&moc), november, Default::default()).await.unwrap();
    assert!(run.finished);
    let r = log.only(&app, "billing.run").await;
    assert_eq!(about(&r), (acc(&moc), run.run_id.as_str(), None, None, None, None));
    assert_eq!(
        (after(&r)["month"].as_str(), after(&r)["charges"].as_u64(), after(&r)["invoices"].as_u64()),
        (Some("2026-11"), Some(1), Some(1))
    );
    assert_eq!(after(&r)["total"].as_str(), Some(run.total.to_string().as_str()));
    let (_, invoices) = billing::overview(&app, &moc).await.unwrap();
    let invoice = invoices[0].id.clone();
    assert_eq!(billing::approve(&app, &dtdm, &invoice).await.unwrap_err().code(), "forbidden");
    assert_eq!(billing::approve(&app, &moc, "no-such-invoice").await.unwrap_err().code(), "not_found");
    log.nothing(&app, "approving without rights, or what does not exist").await;
    billing::approve(&app, &moc, &invoice).await.unwrap();
    let r = log.only(&app, "invoice.approve").await;
    assert_eq!(about(&r), (acc(&moc), invoice.as_str(), None, None, org, tver));
    assert_eq!((before(&r), after(&r)), (json!({"status": "issued"}), json!({"status": "approved"})));
    assert_eq!(billing::approve(&app, &moc, &invoice).await.unwrap_err().code(), "stale");
    log.nothing(&app, "approving twice").await;
    let (when, _) = billing::payment_orders(&app, &moc, None).await.unwrap();
    let r = log.only(&app, "invoice.export").await;
    assert_eq!(about(&r), (acc(&moc), invoice.as_str(), None, None, org, tver));
    assert_eq!((before(&r), after(&r)), (json!({"status": "approved"}), json!({"status": "exported"})));
    billing::payment_orders(&app, &moc, Some(&when)).await.unwrap();
    log.nothing(&app, "the same export again (nothing changes)").await;

    // The operator raises a period's quota; the provider may not.
    let period = period::periods(&app, &moc).await.unwrap().into_iter().next().unwrap().period;
    let quota = period.funded_quota;
    let e = period::set_quota(&app, &dtdm, &period.id, quota + 1).await;
    assert!(matches!(e, Err(period::PeriodError::Forbidden)), "{e:?}");
    log.nothing(&app, "a quota set by a provider").await;
    period::set_quota(&app, &moc, &period.id, quota + 1).await.unwrap();
    let r = log.only(&app, "period.set_quota").await;
    assert_eq!(about(&r), (acc(&moc), period.id.as_str(), None, None, None, tver));
    assert_eq!(before(&r), json!({"funded_quota": quota, "funded_count": period.funded_count}));
    assert_eq!(after(&r)["funded_quota"], json!(quota + 1));

    // A token for the school's own system: recorded, never the token itself.
    let admin = actor(&app, "school.admin").await;
    let school_org = admin.role().organization_id.as_ref().unwrap().to_string();
    let token = integration::create(&app, &admin, "Электронный журнал").await.unwrap();
    let r = log.only(&app, "api_token.create").await;
    assert_eq!(
        (r.account_id.as_deref(), r.organization_id.as_deref(), r.municipality_id.as_deref()),
        (acc(&admin), Some(school_org.as_str()), tver)
    );
    assert_eq!(after(&r), json!({"name": "Электронный журнал", "status": "active"}));
    assert!(!r.after_json.as_deref().unwrap().contains(&token), "the token is not logged");
    integration::revoke(&app, &admin, &r.object_id).await.unwrap();
    assert_eq!(log.only(&app, "api_token.revoke").await.object_id, r.object_id);
    let e = integration::revoke(&app, &admin, &r.object_id).await;
    assert!(matches!(e, Err(integration::TokenError::NotFound)), "{e:?}");
    log.nothing(&app, "revoking twice").await;

    // A parent changes her password: that it changed, never what to.
    let ivanova = actor(&app, "ivanova").await;
    let new = "Морской-бриз-2026";
    let e = auth::set_password(&app, &ivanova, Some("неверный пароль"), new, new).await.unwrap_err();
    assert!(matches!(e, auth::SetPasswordError::WrongCurrent));
    log.nothing(&app, "a wrong current password").await;
    auth::set_password(&app, &ivanova, Some(demo::DEMO_PASSWORD), new, new).await.unwrap();
    let r = log.only(&app, "account.set_password").await;
    let own = ivanova.account_id.as_str();
    assert_eq!(about(&r), (Some(own), own, Some(ivanova.person_id.as_str()), None, None, None));
    assert_eq!(after(&r)["password"].as_str(), Some("изменён"));
    let text = format!("{:?}{:?}", r.before_json, r.after_json);
    assert!(!text.contains(new) && !text.contains("argon2"), "{text}");

    // The system reminds the provider that the certification ends soon.
    app.clock.set("2027-08-10T09:00:00Z".parse().unwrap());
    assert_eq!(program::expire_and_remind(&app).await.unwrap(), (0, 1));
    let r = log.only(&app, "program.remind").await;
    assert_eq!(about(&r), (None, program_id.as_str(), None, None, org, tver));
    assert_eq!(r.actor_name, None, "the system");
    app
}

/// 11 digits in a row (and no more), or a SNILS as people write it: `123-456-789 01`.
fn looks_like_snils(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let mut run = 0;
    for i in 0..=chars.len() {
        if digit(i) {
            run += 1;
            continue;
        }
        if run == 11 {
            return true;
        }
        run = 0;
    }
    (0..chars.len()).any(|i| {
        let shape = "ddd-ddd-ddd dd";
        shape.chars().enumerate().all(|(k, c)| match c {
            'd' => digit(i + k),
            sep => chars.get(i + k) == Some(&sep),
        })
    })
}

both_databases! {
    async fn a_familys_and_a_providers_story_leaves_one_record_per_change_and_none_for_a_failure(db) {
        story(&db).await;
    }

    async fn every_recorded_action_has_a_title(db) {
        let app = story(&db).await;
        let mut conn = app.store.reader().await.unwrap();
        let actions: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT action FROM audit_record").fetch_all(&mut *conn).await.unwrap();
        assert!(actions.len() >= 15, "{actions:?}");
        for a in &actions {
            assert!(ACTIONS.iter().any(|(code, _)| code == a), "{a} has no title in audit::ACTIONS");
        }

        // No SNILS and no birth date of anyone in the registry, in any form.
        let sealed: Vec<String> = sqlx::query_scalar("SELECT snils_sealed FROM person WHERE snils_sealed IS NOT NULL")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        let snils: Vec<String> = sealed
            .iter()
            .map(|s| dopcert_store::sealed::open(dopcert_store::sealed::Purpose::Snils, s, "snils").unwrap())
            .collect();
        let births: Vec<String> = sqlx::query_scalar("SELECT birth_date FROM person WHERE birth_date IS NOT NULL")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        assert!(!snils.is_empty() && !births.is_empty(), "the demo has both");
        let texts: Vec<String> =
            sqlx::query_as::<_, (Option<String>, Option<String>)>("SELECT before_json, after_json FROM audit_record")
                .fetch_all(&mut *conn)
                .await
                .unwrap()
                .into_iter()
                .flat_map(|(b, a)| [b, a])
                .flatten()
                .collect();
        for text in &texts {
            assert!(!looks_like_snils(text), "a SNILS in the log: {text}");
            for s in &snils {
                assert!(!text.contains(s.as_str()), "a SNILS in the log: {text}");
            }
            for b in &births {
                let (y, rest) = b.split_at(4);
                let ru = format!("{}.{}.{y}", &rest[4..6], &rest[1..3]);
                assert!(!text.contains(b.as_str()) && !text.contains(&ru), "a birth date in the log: {text}");
            }
        }
        drop(conn);

        // Sealed, the chain verifies.
        let sealed = audit::seal(&app).await.unwrap();
        assert!(sealed >= actions.len(), "{sealed}");
        let mut conn = app.store.reader().await.unwrap();
        let found = verify::violations(&mut conn, 10).await.unwrap();
        assert!(found.iter().all(|v| v.code != "audit_chain"), "{found:?}");
    }
}

#[test]
fn a_snils_is_recognised_in_either_form_and_longer_numbers_are_not() {
    assert!(looks_like_snils(r#"{"x":"112-233-445 95"}"#));
    assert!(looks_like_snils(r#"{"x":"11223344595"}"#));
    assert!(!looks_like_snils(r#"{"account":"40702810900000000001","inn":"6950024610"}"#));
}
