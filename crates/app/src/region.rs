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

pub async fn overview(app: &App) -> Result<Option<RegionOverview>, StoreError> {
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
