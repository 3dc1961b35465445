//! What the public pages show about the region: its name, its centres and their contacts.

use dopcert_store::{municipality, region, StoreError};

use crate::App;

#[derive(Debug, Clone)]
pub struct RegionOverview {
    pub name: String,
    pub center_name: String,
    pub center_url: Option<String>,
    /// The municipal support centre shown in the footer: the capital's, until a person's own
    /// municipality is known.
    pub support_center_name: String,
    pub support_center_phone: String,
}

/// How long a server keeps the footer's facts before reading them again: every page shows
/// them, and they change a few times a year.
const KEEP: std::time::Duration = std::time::Duration::from_secs(60);

/// A server's copy of the overview, with when it was read.
#[derive(Debug, Default)]
pub struct OverviewCache(std::sync::RwLock<Option<(std::time::Instant, RegionOverview)>>);

impl OverviewCache {
    /// Forgets the copy (after a reload of the region).
    pub fn clear(&self) {
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

pub async fn overview(app: &App) -> Result<Option<RegionOverview>, StoreError> {
    if let Some((at, o)) = app.overview.0.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
        if at.elapsed() < KEEP {
            return Ok(Some(o.clone()));
        }
    }
    let fresh = read_overview(app).await?;
    if let Some(o) = &fresh {
        *app.overview.0.write().unwrap_or_else(|e| e.into_inner()) =
            Some((std::time::Instant::now(), o.clone()));
    }
    Ok(fresh)
}

async fn read_overview(app: &App) -> Result<Option<RegionOverview>, StoreError> {
    let mut conn = app.store.reader().await?;
    let Some(r) = region::first(&mut conn).await? else {
        return Ok(None);
    };
    // Every page's footer asks this: one row, not the region's list.
    let capital = municipality::capital(&mut conn, &r.id).await?;
    let capital = capital.as_ref();
    Ok(Some(RegionOverview {
        name: r.name,
        center_name: r.center_name,
        center_url: r.center_url,
        support_center_name: capital.map(|m| m.support_center_name.clone()).unwrap_or_default(),
        support_center_phone: capital.map(|m| m.support_center_phone.clone()).unwrap_or_default(),
    }))
}

/// A municipal support centre (МОЦ) as the help pages list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportCentre {
    pub municipality: String,
    pub name: String,
    pub phone: String,
}

/// Every municipality's support centre with its phone, the capital's first: public, as the
/// notice gives them to families and organizations.
pub async fn support_centres(app: &App) -> Result<Vec<SupportCentre>, StoreError> {
    let mut conn = app.store.reader().await?;
    let Some(r) = region::first(&mut conn).await? else {
        return Ok(Vec::new());
    };
    Ok(municipality::list(&mut conn, &r.id)
        .await?
        .into_iter()
        .map(|m| SupportCentre {
            municipality: m.name,
            name: m.support_center_name,
            phone: m.support_center_phone,
        })
        .collect())
}
