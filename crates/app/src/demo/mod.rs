//! The demo region: Tver region with its real municipalities, synthetic organizations and
//! families, and one login per role, so that a newcomer sees a living system at once.
//! Deterministic for a given seed and school year: the same seed loads the same people.

mod accounts;
pub mod enrollments;
mod families;
pub mod names;
mod organizations;
mod periods;
mod programs;
mod region;

use dopcert_store::{
    account, bulk, catalog, demo as store_demo, municipality, region as store_region, setting, time,
    StoreError,
};
use jiff::civil::Date;

pub use accounts::DEMO_PASSWORD;
pub use dopcert_store::demo::DemoAccount;

use crate::App;

#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Children in the region (default about 5,000; 1,000,000 works for benchmarks).
    pub children: u32,
    pub seed: u64,
    /// Programs in the catalog (default a few hundred; 100,000 for the search benchmark).
    pub programs: u32,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions { children: 5_000, seed: 69, programs: 300 }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub municipalities: u64,
    pub organizations: u64,
    pub children: u64,
    pub adults: u64,
    pub accounts: u64,
    pub programs: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the demo needs at least 100 children")]
    TooFewChildren,
    /// Bulk enrollments for benchmarks cannot be made from this demo.
    #[error("enrollments: {0}")]
    Enrollments(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Children to load in the region for its capital (the city of Tver, about 37 % of them) to
/// have about `n`: for benchmarks of one municipality's figures (`dopcert bench dashboard`).
pub fn region_children_for_capital(n: u32) -> u32 {
    let total: u64 = region::MUNICIPALITIES.iter().map(|m| u64::from(m.weight)).sum();
    let capital =
        region::MUNICIPALITIES.iter().find(|m| m.code == "tver").map_or(total, |m| u64::from(m.weight));
    u32::try_from((u64::from(n) * total).div_ceil(capital)).unwrap_or(u32::MAX)
}

/// The first of September of the school year that `today` falls in: birth dates are spread
/// back from it, so the same seed gives the same people all year.
fn school_year_start(today: Date) -> Date {
    let year = if today.month() >= 9 { today.year() } else { today.year() - 1 };
    Date::new(year, 9, 1).expect("1 September exists")
}

/// Wipes the database and loads the demo region, in one transaction: a failed load leaves
/// what was there before.
pub async fn load(app: &App, options: &DemoOptions) -> Result<DemoSummary, DemoError> {
    if options.children < 100 {
        return Err(DemoError::TooFewChildren);
    }
    let now = time::instant(app.clock.now());
    let today = app.clock.today();
    let mut tx = app.store.begin().await?;
    bulk::begin_load(&mut tx, app.store.backend()).await?;
    store_demo::wipe(&mut tx).await?;

    let region_id = store_region::insert(
        &mut tx,
        &store_region::NewRegion {
            code: region::REGION_CODE,
            name: region::REGION_NAME,
            center_name: region::REGION_CENTER,
            center_url: Some(region::REGION_CENTER_URL),
        },
        &now,
    )
    .await?;
    let mut summary = DemoSummary::default();
    let mut municipality_ids = Vec::new();
    let mut urban = Vec::new();
    for (i, m) in region::MUNICIPALITIES.iter().enumerate() {
        let phone = if m.code == "tver" {
            region::TVER_SUPPORT_PHONE.to_string()
        } else {
            format!("+7 (482{}) 2-{:02}-{:02}", 31 + i % 60, 10 + i, 30 + i)
        };
        let id = municipality::insert(
            &mut tx,
            &municipality::NewMunicipality {
                region_id: &region_id,
                code: m.code,
                name: m.name,
                kind: m.kind,
                support_center_name: &region::support_center(m),
                support_center_phone: &phone,
                is_capital: m.code == "tver",
            },
            &now,
        )
        .await?;
        urban.push(m.kind == dopcert_domain::municipality::MunicipalityKind::UrbanOkrug);
        municipality_ids.push(id);
        summary.municipalities += 1;
    }

    let orgs = organizations::insert_all(&mut tx, &municipality_ids, options, &now).await?;
    summary.organizations = orgs.count;
    let people =
        families::insert_all(&mut tx, &municipality_ids, &orgs, options, school_year_start(today), &now)
            .await?;
    summary.children = people.children;
    summary.adults = people.adults;
    let with_kind: Vec<_> = municipality_ids.iter().cloned().zip(urban).collect();
    periods::insert_all(&mut tx, &with_kind, today, &now).await?;
    summary.accounts =
        accounts::insert_all(&mut tx, &region_id, &municipality_ids, &orgs, today, &now).await?;

    let authors = programs::Authors {
        provider_staff: demo_account(&mut tx, "dtdm").await?,
        operator: demo_account(&mut tx, "moc.tver").await?,
    };
    summary.programs = programs::insert_all(
        &mut tx,
        &municipality_ids,
        &authors,
        options.programs,
        options.seed,
        today,
        &now,
    )
    .await?;
    catalog::touch_everything(&mut tx, &now).await?;

    setting::put(&mut tx, "demo.seed", &options.seed.to_string()).await?;
    setting::put(&mut tx, "demo.children", &options.children.to_string()).await?;
    setting::put(&mut tx, "demo.programs", &options.programs.to_string()).await?;
    bulk::end_load(&mut tx, app.store.backend()).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(summary)
}

async fn demo_account(
    conn: &mut dopcert_store::AnyConnection,
    login: &str,
) -> Result<dopcert_domain::ids::AccountId, StoreError> {
    Ok(account::by_login(conn, login).await?.ok_or(StoreError::NotFound)?.id)
}

/// Loads the demo only when the database holds no region yet (first start of `serve`).
pub async fn load_if_empty(app: &App, options: &DemoOptions) -> Result<Option<DemoSummary>, DemoError> {
    let empty = {
        let mut conn = app.store.reader().await?;
        store_demo::is_empty(&mut conn).await?
    };
    if empty {
        Ok(Some(load(app, options).await?))
    } else {
        Ok(None)
    }
}

/// The demo logins, in the order a newcomer should try them; empty outside demo data.
pub async fn accounts(app: &App) -> Result<Vec<DemoAccount>, StoreError> {
    let mut conn = app.store.reader().await?;
    store_demo::accounts(&mut conn).await
}
