//! Scarce seats, fairly: a group in lottery mode collects applications during its window, then
//! draws. The seed's SHA-256 (the commitment) is public from the moment the lottery is set up;
//! the seed is published with the result. Anyone can check `sha256(seed) = commitment` and
//! re-run the draw (`domain::enrollment::draw`) with a standard tool.

use dopcert_domain::enrollment::{self as rules, ApplicationStatus};
use dopcert_domain::ids::GroupId;
use dopcert_store::application as store;
use dopcert_store::program;
use dopcert_store::time::instant;
use dopcert_store::StoreError;
use rand::RngCore;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::audit::{self, Change};
use crate::App;

/// A fresh seed (256 random bits, hex) and its commitment (SHA-256 of the seed's text, hex).
pub fn new_seed() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let seed = hex::encode(bytes);
    let commitment = hex::encode(Sha256::digest(seed.as_bytes()));
    (seed, commitment)
}

/// Draws a group whose window has closed: every application waiting in its line is ranked by
/// the draw, and the free seats are offered in that order (each offer with its deadline).
/// `Ok(false)` when the group was drawn already (by another server, say) or has no lottery.
pub async fn draw(app: &App, group: &GroupId) -> Result<bool, StoreError> {
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let Some(g) = program::get_group(&mut tx, group.as_str()).await? else { return Ok(false) };
    let Some(lottery) = g.lottery.as_ref() else { return Ok(false) };
    if lottery.until >= app.clock.today() || !program::mark_drawn(&mut tx, group, &now).await? {
        return Ok(false);
    }
    let ids = store::unranked(&mut tx, group.as_str()).await?;
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let (order, _) = rules::draw(&lottery.seed, &refs, refs.len());
    for (rank, id) in order.iter().enumerate() {
        store::set_rank(&mut tx, id, rank as i64 + 1).await?;
    }
    let offered = crate::enrollment::offer_next(app, &mut tx, group.as_str(), &now).await?;
    let p = program::get(&mut tx, &g.program_id).await?;
    let change = Change::new("lottery.draw", "group", group.as_str())
        .organization(p.organization_id.as_str())
        .municipality(p.municipality_id.as_str())
        .before(json!({"status": "collecting"}))
        .after(json!({"status": "drawn", "applicants": ids.len(), "offered": offered}));
    audit::record(&mut tx, None, &change, &now).await?;
    tx.commit().await?;
    tracing::info!(group = %group, applicants = ids.len(), offered, "lottery drawn");
    Ok(true)
}

/// Housekeeping: draws every lottery whose window closed before today.
pub async fn draw_due(app: &App) -> Result<u64, StoreError> {
    let due = {
        let mut conn = app.store.reader().await?;
        program::lotteries_due(&mut conn, app.clock.today()).await?
    };
    let mut drawn = 0;
    for g in due {
        if draw(app, &g).await? {
            drawn += 1;
        }
    }
    Ok(drawn)
}

/// A lottery as published: before the draw only the commitment; after, the seed and the order
/// with each application's hash, so that anyone can re-check it.
#[derive(Debug, Clone)]
pub struct Published {
    pub group: GroupId,
    pub until: jiff::civil::Date,
    pub commitment: String,
    pub seed: Option<String>,
    pub drawn_at: Option<jiff::Timestamp>,
    pub order: Vec<Ranked>,
}

#[derive(Debug, Clone)]
pub struct Ranked {
    pub rank: i64,
    pub application_id: String,
    /// SHA-256 of «seed:application id», hex: the draw sorts by it.
    pub hash: String,
    pub status: ApplicationStatus,
}

/// What anyone may see of a group's lottery (no names: applicants know their application's
/// number from their cabinet).
pub async fn published(app: &App, group: &GroupId) -> Result<Option<Published>, StoreError> {
    let mut conn = app.store.reader().await?;
    let Some(g) = program::get_group(&mut conn, group.as_str()).await? else { return Ok(None) };
    let Some(l) = g.lottery else { return Ok(None) };
    let drawn = l.drawn_at.is_some();
    let mut order = Vec::new();
    if drawn {
        for (id, rank, status) in store::drawn(&mut conn, group.as_str()).await? {
            let hash = hex::encode(Sha256::digest(format!("{}:{id}", l.seed).as_bytes()));
            let status =
                ApplicationStatus::parse(&status).ok_or(StoreError::Corrupt("application.status"))?;
            order.push(Ranked { rank, application_id: id, hash, status });
        }
    }
    Ok(Some(Published {
        group: g.id,
        until: l.until,
        commitment: l.commitment,
        seed: drawn.then_some(l.seed),
        drawn_at: l.drawn_at,
        order,
    }))
}
