//! An organization's home, as its staff see it.

use dopcert_domain::role::Role;
use dopcert_store::{organization, person, StoreError};

use crate::auth::Actor;
use crate::App;

#[derive(Debug, thiserror::Error)]
pub enum OrganizationError {
    #[error("эта страница — для сотрудников организации")]
    Forbidden,
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone)]
pub struct Home {
    pub organization: organization::Organization,
    pub classes: usize,
    pub pupils: i64,
    pub is_admin: bool,
}

pub async fn home(app: &App, actor: &Actor) -> Result<Home, OrganizationError> {
    let r = actor.role();
    let org = match (r.role, &r.organization_id) {
        (Role::OrganizationStaff | Role::OrganizationAdmin, Some(o)) => o.clone(),
        _ => return Err(OrganizationError::Forbidden),
    };
    let mut conn = app.store.reader().await?;
    let organization = organization::get(&mut conn, &org).await?;
    let classes = person::classes(&mut conn, &org).await?;
    Ok(Home {
        organization,
        classes: classes.len(),
        pupils: classes.iter().map(|(_, n)| n).sum(),
        is_admin: r.role == Role::OrganizationAdmin,
    })
}
