//! The back office's dashboard (issue 7), on both databases: over a small known world (the demo
//! region, a family with a funded certificate enrolled in a certified group of one seat, another
//! family waiting for it, certificates elsewhere in the region) the figures are what the world
//! holds — children of 5–17, certificates, enrolled children by month, the money of the ledger
//! in kopecks (reversals subtracted), enrollments, seats and waitlists; the municipal operator
//! sees their municipality only, the regional centre and auditors the region with a line per
//! municipality; families see nothing.

use dopcert_app::dashboard::{self, share, Dashboard, DashboardError};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::{billing, enrollment, App, Clock};
use dopcert_domain::enrollment::ApplicationStatus;
use dopcert_domain::money::Kopecks;
use dopcert_domain::program::Direction;
use dopcert_store::Store;
use dopcert_testkit::both_databases;
use dopcert_testkit::programs::{actor, certify_some, family_with_certificate, group};
use jiff::civil::date;

const MORNING: &str = "2026-11-25T09:00:00Z";

async fn demo_app(store: &Store) -> App {
    let app = App::new(store.clone(), Clock::fixed(MORNING.parse().unwrap()));
    demo::load(&app, &DemoOptions { children: 400, seed: 69, programs: 0 }).await.unwrap();
    app
}

async fn scalar(app: &App, sql: &str) -> i64 {
    let mut conn = app.store.reader().await.unwrap();
    sqlx::query_scalar(sql).fetch_one(&mut *conn).await.unwrap()
}

const TVER: &str = "(SELECT id FROM municipality WHERE code = 'tver')";

/// What the ledger's accounts of Tver's certificates hold now, by kind.
async fn tver_balance(app: &App, kind: &str) -> Kopecks {
    Kopecks::new(
        scalar(
            app,
            &format!(
                "SELECT CAST(COALESCE(SUM(a.balance), 0) AS BIGINT) FROM ledger_account a
                 JOIN certificate c ON c.id = a.certificate_id
                 WHERE a.kind = '{kind}' AND c.municipality_id = {TVER}"
            ),
        )
        .await,
    )
}

/// Money moved by entries of a reason on Tver's certificates, summed from the postings.
async fn tver_moved(app: &App, reason: &str, kind: &str) -> i64 {
    scalar(
        app,
        &format!(
            "SELECT CAST(COALESCE(SUM(p.amount), 0) AS BIGINT) FROM ledger_posting p
             JOIN ledger_entry e ON e.id = p.entry_id JOIN ledger_account a ON a.id = p.account_id
             JOIN certificate c ON c.id = a.certificate_id
             WHERE e.reason = '{reason}' AND a.kind = '{kind}' AND c.municipality_id = {TVER}"
        ),
    )
    .await
}

fn month(d: &Dashboard, y: i16, m: i8) -> &dashboard::Month {
    d.months.iter().find(|x| x.first == date(y, m, 1)).unwrap_or_else(|| panic!("{y}-{m} in the series"))
}

both_databases! {
    async fn the_dashboard_counts_what_the_world_holds_in_the_viewers_scope(db) {
        let app = demo_app(&db.store).await;
        certify_some(&app, 60).await;
        let g = group(&app, 1, "1500").await;
        let (parent, child) = family_with_certificate(&app, "dash.family").await;
        let (other, other_child) = family_with_certificate(&app, "dash.waiting").await;
        let a = enrollment::apply(&app, &parent, &child, &g, true).await.unwrap();
        let provider = actor(&app, "dtdm").await;
        enrollment::decide(&app, &provider, &a.application_id, true, "").await.unwrap();
        let waiting = enrollment::apply(&app, &other, &other_child, &g, true).await.unwrap();
        assert_eq!(waiting.status, ApplicationStatus::Waitlisted);

        let operator = actor(&app, "moc.tver").await;
        let d = dashboard::view(&app, &operator).await.unwrap();
        assert_eq!((d.title.as_str(), d.regional), ("город Тверь", false));
        assert!(d.municipalities.is_empty(), "no breakdown for a municipality");
        assert_eq!(d.months.len(), 12);
        assert_eq!((d.months[0].first, d.months[11].first), (date(2025, 12, 1), date(2026, 11, 1)));
        let nov = month(&d, 2026, 11);
        assert_eq!(nov.as_of, date(2026, 11, 25));

        // Children of 5–17 on 25 November 2026 (R03): born after 25.11.2008, by 25.11.2021.
        let children = scalar(&app, &format!(
            "SELECT COUNT(*) FROM person WHERE municipality_id = {TVER} AND merged_into IS NULL
               AND birth_date > '2008-11-25' AND birth_date <= '2021-11-25'")).await;
        assert!(children > 50, "the demo's Tver has children: {children}");
        assert_eq!(nov.children, children);
        let certified = scalar(&app, &format!(
            "SELECT COUNT(*) FROM certificate WHERE municipality_id = {TVER} AND status <> 'closed'")).await;
        let elsewhere = scalar(&app, &format!(
            "SELECT COUNT(*) FROM certificate WHERE municipality_id <> {TVER}")).await;
        assert!(certified >= 3 && elsewhere > 0, "certificates in Tver ({certified}) and elsewhere ({elsewhere})");
        assert_eq!(nov.certified, certified, "Tver's certificates only");
        assert_eq!(share(nov.certified, nov.children), Some(100.0 * certified as f64 / children as f64));
        assert_eq!(month(&d, 2026, 10).certified, 0, "none was issued before November");
        assert_eq!(nov.enrolled, 0, "the contract starts on 1 December");

        // Money in kopecks, as the ledger's postings say.
        let nominal = tver_moved(&app, "nominal", "certificate_available").await;
        assert!(nominal > 0);
        assert_eq!(nov.money.nominal, Kopecks::new(nominal));
        assert_eq!(nov.money.held, Kopecks::from_rubles(1_500), "December's lessons held");
        assert_eq!(nov.money.spent, Kopecks::ZERO);
        assert_eq!(d.available, tver_balance(&app, "certificate_available").await);
        assert_eq!(d.reserved, Kopecks::from_rubles(1_500));
        assert_eq!(d.reserved, tver_balance(&app, "certificate_held").await);

        // Enrollments, seats and the waitlist of the municipality's programs.
        let technical = d.directions.iter().find(|l| l.direction == Direction::Technical).unwrap();
        assert_eq!((technical.enrolled, technical.groups, technical.seats, technical.taken), (1, 1, 1, 1));
        assert_eq!(d.directions.iter().map(|l| l.enrolled).sum::<i64>(), 1);
        assert_eq!(d.organizations.len(), 1);
        assert!(d.organizations[0].organization.contains("ДТДМ"), "{:?}", d.organizations);
        assert_eq!(d.organizations[0].enrolled, 1);
        assert_eq!(d.waitlists.len(), 1);
        assert_eq!((d.waitlists[0].title.as_str(), d.waitlists[0].waitlisted), ("Судомоделирование", 1));
        assert_eq!((d.waitlists[0].seats, d.waitlists[0].taken), (1, 1));

        // The region: everything, with a line per municipality that adds up.
        for login in ["rmc", "kontrol"] {
            let r = dashboard::view(&app, &actor(&app, login).await).await.unwrap();
            assert!(r.regional, "{login}");
            assert_eq!(r.title, "Тверская область");
            assert_eq!(r.municipalities.len(), 42);
            let tver = r.municipalities.iter().find(|l| l.name == "город Тверь").unwrap();
            assert_eq!((tver.children, tver.certified, tver.waitlisted), (children, certified, 1));
            assert_eq!(tver.nominal, Kopecks::new(nominal));
            let region_nov = month(&r, 2026, 11);
            assert_eq!(region_nov.certified, certified + elsewhere);
            assert_eq!(region_nov.children, r.municipalities.iter().map(|l| l.children).sum::<i64>());
            assert!(region_nov.money.nominal > nov.money.nominal, "nominals elsewhere too");
        }

        // Families see nothing.
        assert!(matches!(dashboard::view(&app, &parent).await, Err(DashboardError::Forbidden)));
    }

    async fn a_month_billed_and_reversed_shows_in_its_month_and_the_figures_follow_the_ledger(db) {
        let app = demo_app(&db.store).await;
        let g = group(&app, 5, "1500").await;
        let (parent, child) = family_with_certificate(&app, "dash.billed").await;
        let a = enrollment::apply(&app, &parent, &child, &g, true).await.unwrap();
        let provider = actor(&app, "dtdm").await;
        enrollment::decide(&app, &provider, &a.application_id, true, "").await.unwrap();
        let operator = actor(&app, "moc.tver").await;
        let first = dashboard::refresh(&app).await.unwrap();
        assert!(first.windows >= 1 && first.entries >= 2, "the ledger summed: {first:?}");
        let again = dashboard::refresh(&app).await.unwrap();
        assert_eq!(again.windows, 0, "nothing new in the ledger, nothing summed again");

        app.clock.set("2026-12-28T09:00:00Z".parse().unwrap());
        billing::run(&app, None, date(2026, 12, 1), Default::default()).await.unwrap();
        let billed = dashboard::refresh(&app).await.unwrap();
        // The hour's window of the new entries (two if the run crossed an hour), not the ledger.
        assert!((1..=2).contains(&billed.windows), "only the windows with new entries: {billed:?}");
        let d = dashboard::view(&app, &operator).await.unwrap();
        assert_eq!(d.months[11].first, date(2026, 12, 1), "the series moved with the clock");
        let dec = month(&d, 2026, 12);
        assert_eq!(dec.money.spent, Kopecks::from_rubles(1_500), "December's lessons charged");
        assert_eq!(dec.enrolled, 1, "the child attended in December");
        assert_eq!(month(&d, 2026, 11).enrolled, 0);
        assert_eq!(d.directions.iter().map(|l| l.enrolled).sum::<i64>(), 0, "the contract ended with its last month");
        assert_eq!(d.reserved, Kopecks::ZERO, "settled");
        assert_eq!(d.available, tver_balance(&app, "certificate_available").await);

        let entry: String = {
            let mut conn = app.store.reader().await.unwrap();
            sqlx::query_scalar("SELECT entry_id FROM billing_charge").fetch_one(&mut *conn).await.unwrap()
        };
        billing::reverse_charge(&app, &operator, &entry, "занятия не проводились").await.unwrap();
        dashboard::refresh(&app).await.unwrap();
        let d = dashboard::view(&app, &operator).await.unwrap();
        assert_eq!(month(&d, 2026, 12).money.spent, Kopecks::ZERO, "the reversal subtracted");
        assert_eq!(d.reserved, tver_balance(&app, "certificate_held").await);
        assert_eq!(d.available, tver_balance(&app, "certificate_available").await);
        let spent = tver_moved(&app, "charge", "certificate_held").await;
        assert_eq!(spent, 0, "charge and reversal cancel in the ledger too");
    }
}
