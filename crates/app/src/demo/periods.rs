//! The demo's periods: the current calendar year in every municipality, with a nominal and a
//! funded quota of about half of the municipality's children of 5–17 (R06), so that claims in
//! the demo are funded while the quota is visibly finite.

use dopcert_domain::eligibility;
use dopcert_domain::ids::MunicipalityId;
use dopcert_domain::money::Kopecks;
use dopcert_domain::period::Nominals;
use dopcert_store::period::{self, NewPeriod};
use dopcert_store::person;
use dopcert_store::{AnyConnection, StoreError};
use jiff::civil::Date;

/// The nominal by the municipality's place in the list: the capital, the other urban okrugs,
/// then the rest (the region's order puts them so).
fn nominal(index: usize, urban: bool) -> Kopecks {
    match (index, urban) {
        (0, _) => Kopecks::from_rubles(7_000),
        (_, true) => Kopecks::from_rubles(6_000),
        _ => Kopecks::from_rubles(5_000),
    }
}

pub async fn insert_all(
    conn: &mut AnyConnection,
    municipalities: &[(MunicipalityId, bool)],
    today: Date,
    now: &str,
) -> Result<u64, StoreError> {
    let year = today.year();
    let starts_on = Date::new(year, 1, 1).expect("1 January");
    let ends_on = Date::new(year, 12, 31).expect("31 December");
    // Children of 5–17 today: born after the 18th birthday's cut-off, on or before the 5th's.
    let youngest = today.saturating_sub(jiff::Span::new().years(i64::from(eligibility::MIN_AGE)));
    let oldest = today.saturating_sub(jiff::Span::new().years(i64::from(eligibility::MAX_AGE_EXCLUSIVE)));
    for (i, (m, urban)) in municipalities.iter().enumerate() {
        let children = person::count_in_municipality_born(conn, m, oldest, youngest).await?;
        let p = NewPeriod {
            municipality_id: m,
            year: i32::from(year),
            starts_on,
            ends_on,
            nominals: &Nominals::uniform(nominal(i, *urban)),
            funded_quota: (children / 2).max(10),
        };
        period::insert(conn, &p, now).await?;
    }
    Ok(municipalities.len() as u64)
}
