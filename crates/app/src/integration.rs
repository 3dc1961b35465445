//! Tokens for an organization's own systems (its accounting, its school system): issued by the
//! organization's admin, shown once, stored as hashes, acting as the organization's staff, and
//! revocable at any time.

use dopcert_domain::ids::OrganizationId;
use dopcert_domain::role::Role;
use dopcert_store::time::{instant, parse_instant};
use dopcert_store::{api_token, organization, AnyConnection, StoreError};
use jiff::Timestamp;
use serde_json::json;

use crate::audit::{self, Change};
use crate::auth::{random_token, token_hash, Actor};
use crate::App;

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("токены для систем организации выдаёт только её администратор")]
    Forbidden,
    #[error("укажите, для какой системы токен (до 100 символов)")]
    BadName,
    #[error("такого действующего токена нет")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone)]
pub struct TokenInfo {
    pub id: String,
    pub name: String,
    pub created: Timestamp,
    pub revoked: Option<Timestamp>,
}

fn admin_of(actor: &Actor) -> Result<OrganizationId, TokenError> {
    let r = actor.role();
    match (r.role, &r.organization_id) {
        (Role::OrganizationAdmin, Some(o)) => Ok(o.clone()),
        _ => Err(TokenError::Forbidden),
    }
}

pub async fn list(app: &App, actor: &Actor) -> Result<Vec<TokenInfo>, TokenError> {
    let org = admin_of(actor)?;
    let mut conn = app.store.reader().await?;
    let rows = api_token::list_for_organization(&mut conn, &org).await?;
    rows.into_iter()
        .map(|r| {
            Ok(TokenInfo {
                id: r.id,
                name: r.name,
                created: parse_instant(&r.created_at)?,
                revoked: r.revoked_at.as_deref().map(parse_instant).transpose()?,
            })
        })
        .collect()
}

/// Issues a token; returns it in clear, for the one time it is shown.
pub async fn create(app: &App, actor: &Actor, name: &str) -> Result<String, TokenError> {
    let org = admin_of(actor)?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(TokenError::BadName);
    }
    let token = random_token();
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let id = api_token::insert(
        &mut tx,
        &api_token::NewToken {
            token_hash: &token_hash(&token),
            account_id: &actor.account_id,
            kind: "integration",
            name,
            now: &now,
            expires_at: None,
            organization_id: Some(&org),
        },
    )
    .await?;
    let change =
        Change::new("api_token.create", "api_token", &id).after(json!({"name": name, "status": "active"}));
    record(&mut tx, actor, &org, change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(organization = %org, "integration token issued");
    Ok(token)
}

pub async fn revoke(app: &App, actor: &Actor, id: &str) -> Result<(), TokenError> {
    let org = admin_of(actor)?;
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    if !api_token::revoke(&mut tx, id, &org, &now).await? {
        return Err(TokenError::NotFound);
    }
    let change = Change::new("api_token.revoke", "api_token", id)
        .before(json!({"status": "active"}))
        .after(json!({"status": "revoked"}));
    record(&mut tx, actor, &org, change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Appends a change of the organization's tokens to the audit log (never a token itself).
async fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    org: &OrganizationId,
    change: Change<'_>,
    now: &str,
) -> Result<(), StoreError> {
    let m = organization::get(conn, org).await?.municipality_id;
    let change = change.organization(org.as_str()).municipality(m.as_str());
    audit::record(conn, Some(actor), &change, now).await
}
