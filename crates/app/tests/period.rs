//! Periods (R06, R10), on both databases: the operator sets a year with nominals by age group
//! and for children with disabilities; bad dates, overlaps and changes after the start are
//! refused with their codes; a certificate is credited its child's nominal; a disability tops
//! it up once; no new nominal is credited while the previous period's remainders are not
//! expired; every change is in the period's history.

use dopcert_app::auth::Actor;
use dopcert_app::certificate::{self, ClaimInput};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::period::{self, Draft, PeriodError};
use dopcert_app::{billing, disability, housekeeping, App, Clock};
use dopcert_domain::ids::{MunicipalityId, PeriodId, PersonId};
use dopcert_domain::money::Kopecks;
use dopcert_domain::period::{AgeNominal, Nominals, AGE_GROUPS};
use dopcert_store::{ledger, municipality, period as periods, region, Store};
use dopcert_testkit::both_databases;
use dopcert_testkit::programs::actor;
use jiff::civil::{date, Date};

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn demo_app(store: &Store) -> App {
    let app = App::new(store.clone(), Clock::fixed(MORNING.parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 200, seed: 69, programs: 0 }).await.unwrap();
    app
}

async fn tver(app: &App) -> MunicipalityId {
    let mut conn = app.store.reader().await.unwrap();
    let r = region::first(&mut conn).await.unwrap().unwrap();
    municipality::by_code(&mut conn, &r.id, "tver").await.unwrap().unwrap().id
}

fn rub(r: i64) -> Kopecks {
    Kopecks::from_rubles(r)
}

/// 5–6: 5 000 ₽; 7–13: 7 000 ₽, with disabilities 9 000 ₽; 14–17: 8 000 ₽.
fn by_age() -> Nominals {
    let n = [(5_000, None), (7_000, Some(9_000)), (8_000, None)];
    let groups = AGE_GROUPS
        .iter()
        .zip(n)
        .map(|(&(from, to), (n, d))| AgeNominal { from, to, nominal: rub(n), disability: d.map(rub) })
        .collect();
    Nominals::new(groups).unwrap()
}

fn draft(year: i32, starts: Date, ends: Date) -> Draft {
    Draft { year, starts_on: starts, ends_on: ends, nominals: by_age(), funded_quota: 1_000 }
}

async fn current(app: &App, m: &MunicipalityId) -> periods::Period {
    let mut conn = app.store.reader().await.unwrap();
    periods::current(&mut conn, m, app.clock.today()).await.unwrap().unwrap()
}

async fn claim(app: &App, who: &Actor, child: &PersonId) -> certificate::Summary {
    let input = ClaimInput { child_id: child.clone(), consent: true, municipality_id: None };
    certificate::claim(app, who, &input).await.unwrap().summary().clone()
}

async fn ledger_is_consistent(store: &Store) {
    let mut conn = store.reader().await.unwrap();
    assert_eq!(ledger::inconsistencies(&mut conn).await.unwrap(), (0, 0), "R09: the ledger balances");
}

async fn history(app: &App, who: &Actor, id: &PeriodId) -> Vec<String> {
    period::detail(app, who, id).await.unwrap().history.into_iter().map(|r| r.action).collect()
}

both_databases! {
    async fn r06_a_period_is_set_by_its_municipalitys_operator_and_bad_ones_are_refused(db) {
        let app = demo_app(&db.store).await;
        let moc = actor(&app, "moc.tver").await;
        let code = |r: Result<PeriodId, PeriodError>| r.unwrap_err().code();
        // The demo's 2026 runs the whole calendar year.
        let overlapping = draft(2026, date(2026, 12, 1), date(2027, 11, 30));
        assert_eq!(code(period::create(&app, &moc, &overlapping).await), "period_overlaps");
        let e = period::create(&app, &moc, &draft(2027, date(2026, 12, 1), date(2027, 11, 30))).await.unwrap_err();
        assert_eq!(e.code(), "period_year", "the year is the one the period starts in");
        assert_eq!(code(period::create(&app, &moc, &draft(2027, date(2027, 5, 1), date(2027, 4, 1))).await), "dates_reversed");
        assert_eq!(code(period::create(&app, &moc, &draft(2027, date(2027, 1, 1), date(2028, 1, 1))).await), "period_too_long");
        assert_eq!(code(period::create(&app, &moc, &draft(2025, date(2025, 1, 1), date(2025, 12, 31))).await), "period_in_the_past");
        let mut too_many = draft(2027, date(2027, 1, 1), date(2027, 12, 31));
        too_many.funded_quota = 10_000_001;
        assert_eq!(code(period::create(&app, &moc, &too_many).await), "quota_out_of_range");
        let parent = actor(&app, "ivanova").await;
        assert_eq!(code(period::create(&app, &parent, &draft(2027, date(2027, 1, 1), date(2027, 12, 31))).await), "forbidden");

        let id = period::create(&app, &moc, &draft(2027, date(2027, 1, 1), date(2027, 12, 31))).await.unwrap();
        let again = draft(2027, date(2027, 1, 1), date(2027, 3, 31));
        assert_eq!(code(period::create(&app, &moc, &again).await), "period_overlaps");
        let later = draft(2028, date(2028, 1, 1), date(2028, 6, 30));
        period::create(&app, &moc, &later).await.unwrap();
        let same_year = draft(2028, date(2028, 7, 1), date(2028, 12, 31));
        assert_eq!(code(period::create(&app, &moc, &same_year).await), "period_year_taken", "one period a year");
        let list = period::periods(&app, &moc).await.unwrap();
        assert_eq!(list.iter().map(|v| v.period.year).collect::<Vec<_>>(), vec![2028, 2027, 2026], "latest first");
        assert_eq!(list[1].period.nominals, by_age());

        // Before its start the nominals may change; after, they are fixed.
        let higher = Nominals::uniform(rub(10_000));
        period::set_nominals(&app, &moc, &id, &higher).await.unwrap();
        let tver = tver(&app).await;
        let running = current(&app, &tver).await;
        let e = period::set_nominals(&app, &moc, &running.id, &higher).await.unwrap_err();
        assert_eq!(e.code(), "period_started");
        // Only the municipality's operator: not the regional centre, not a provider.
        for login in ["rmc", "dtdm"] {
            let other = actor(&app, login).await;
            assert_eq!(period::set_quota(&app, &other, &id, 5).await.unwrap_err().code(), "forbidden");
            assert_eq!(period::set_nominals(&app, &other, &id, &higher).await.unwrap_err().code(), "forbidden");
        }

        // The history: who did what, newest first.
        period::set_quota(&app, &moc, &id, 1_500).await.unwrap();
        assert_eq!(history(&app, &moc, &id).await, vec!["period.set_quota", "period.set_nominals", "period.create"]);
        let d = period::detail(&app, &moc, &id).await.unwrap();
        assert!(d.history.iter().all(|r| r.account_id.as_deref() == Some(moc.account_id.as_str())), "the author");
        let create = d.history.last().unwrap().after_json.clone().unwrap();
        assert!(create.contains("7–13 лет") && create.contains("9\u{a0}000,00\u{a0}₽"), "{create}");
    }

    async fn r06_a_certificate_gets_its_childs_nominal_and_a_disability_tops_it_up_once(db) {
        let app = demo_app(&db.store).await;
        let moc = actor(&app, "moc.tver").await;
        let tver = tver(&app).await;
        // The running period with nominals by age (set in the store: the rule «fixed after the
        // start» is the use case's, tested above).
        let p = current(&app, &tver).await;
        {
            let mut tx = app.store.begin().await.unwrap();
            periods::set_nominals(&mut tx, &p.id, &by_age()).await.unwrap();
            tx.commit().await.unwrap();
        }
        let kids = [
            ("Семёнова Малая Петровна", date(2020, 6, 1)),  // 6
            ("Семёнов Средний Петрович", date(2016, 3, 1)), // 10
            ("Семёнов Старший Петрович", date(2011, 2, 1)), // 15
        ];
        let f = dopcert_testkit::family(&app.store, "semenova", "Семёнова Ольга Ивановна",
            &kids.iter().map(|(n, d)| (*n, Some(*d))).collect::<Vec<_>>(), true).await;
        let parent = actor(&app, "semenova").await;
        let mut got = Vec::new();
        for child in &f.children {
            got.push(claim(&app, &parent, child).await);
        }
        let credited: Vec<Kopecks> = got.iter().map(|s| s.balance.available).collect();
        assert_eq!(credited, vec![rub(5_000), rub(7_000), rub(8_000)], "by age group");

        // The ten-year-old has a disability: topped up to 9 000 ₽ at once, and only once.
        let middle = got[1].number.to_string();
        let e = disability::set(&app, &moc, &middle, Some("  ")).await.unwrap_err();
        assert!(matches!(e, disability::DisabilityError::BasisRequired));
        assert!(matches!(
            disability::set(&app, &parent, &middle, Some("ПМПК № 12")).await,
            Err(disability::DisabilityError::Forbidden)
        ));
        let o = disability::set(&app, &moc, &middle, Some("заключение ПМПК № 12 от 01.09.2026")).await.unwrap();
        assert_eq!(o.topped_up, rub(2_000));
        assert_eq!(disability::set(&app, &moc, &middle, Some("заключение ПМПК № 12")).await.unwrap().topped_up, Kopecks::ZERO);
        // Removing it takes nothing back; recording it again gives nothing twice.
        assert_eq!(disability::set(&app, &moc, &middle, None).await.unwrap().topped_up, Kopecks::ZERO);
        assert_eq!(disability::set(&app, &moc, &middle, Some("ПМПК № 12")).await.unwrap().topped_up, Kopecks::ZERO);
        let d = certificate::detail(&app, &moc, &middle).await.unwrap();
        assert_eq!(d.summary.balance.available, rub(9_000));
        assert_eq!(d.nominal, Some(rub(9_000)));
        assert_eq!(d.disability.as_deref(), Some("ПМПК № 12"), "the operator sees the basis");
        assert_eq!(certificate::detail(&app, &parent, &middle).await.unwrap().disability, None, "health data: not shown");
        // No higher nominal for 5–6: nothing to top up.
        let small = got[0].number.to_string();
        assert_eq!(disability::set(&app, &moc, &small, Some("ПМПК № 13")).await.unwrap().topped_up, Kopecks::ZERO);

        // Closed untouched, the certificate gives back exactly what it was credited.
        let before = current(&app, &tver).await.funded_count;
        certificate::manage(&app, &moc, &middle, certificate::Action::Close, "по заявлению").await.unwrap();
        let d = certificate::detail(&app, &moc, &middle).await.unwrap();
        assert_eq!(d.summary.balance.available, Kopecks::ZERO);
        assert!(current(&app, &tver).await.funded_count <= before, "the place is given back (and maybe taken by the next)");
        ledger_is_consistent(&db.store).await;
    }

    async fn r10_no_new_nominal_until_the_previous_periods_remainders_expire(db) {
        let app = demo_app(&db.store).await;
        let moc = actor(&app, "moc.tver").await;
        let next = period::create(&app, &moc, &draft(2027, date(2027, 1, 1), date(2027, 12, 31))).await.unwrap();
        app.clock.set("2027-01-10T09:00:00Z".parse().unwrap());
        let moc = actor(&app, "moc.tver").await;
        let kids = [("Семёнов Новый Петрович", date(2016, 3, 1))];
        let f = dopcert_testkit::family(&app.store, "semenova", "Семёнова Ольга Ивановна",
            &kids.iter().map(|(n, d)| (*n, Some(*d))).collect::<Vec<_>>(), true).await;
        let parent = actor(&app, "semenova").await;
        let s = claim(&app, &parent, &f.children[0]).await;
        assert!(!s.funded, "2026 is not closed: its remainders would expire with the new nominal");
        assert_eq!(housekeeping::run_once(&app).await.unwrap().periods_funded, 0);

        // December is billed and 2026 closed: the waiting certificate gets 2027's nominal.
        billing::run(&app, None, date(2026, 12, 1), billing::RunOptions::default()).await.unwrap();
        let tver = tver(&app).await;
        let old = {
            let mut conn = app.store.reader().await.unwrap();
            periods::of_municipality(&mut conn, &tver).await.unwrap().into_iter().find(|p| p.year == 2026).unwrap()
        };
        billing::close_period(&app, &old.id).await.unwrap();
        assert!(housekeeping::run_once(&app).await.unwrap().periods_funded >= 1);
        let (s, _) = certificate::find(&app, &moc, &s.number.to_string()).await.unwrap();
        assert!(s.funded);
        assert_eq!(s.balance.available, rub(7_000), "10 years old: the 7–13 nominal of 2027");
        assert!(history(&app, &moc, &next).await.contains(&"period.fund_waiting".to_string()));
        ledger_is_consistent(&db.store).await;
    }
}
