//! What every page carries: the header (service name; after login, the person's full name at
//! the top right, which opens «Персональные настройки») and the footer with the contacts of
//! the municipal support centre and the regional model centre.

use dopcert_app::auth::Actor;
use dopcert_app::region;

use crate::{assets, WebState};

pub const SERVICE_NAME: &str = "Сертификат дополнительного образования";

/// The signed-in person as the header shows them.
#[derive(Debug, Clone)]
pub struct UserBadge {
    pub full_name: String,
    /// The form token for the header's «Выйти» button.
    pub csrf: String,
}

#[derive(Debug, Clone, Default)]
pub struct Footer {
    pub region_name: String,
    pub support_center_name: String,
    pub support_center_phone: String,
    pub region_center_name: String,
    pub region_center_url: Option<String>,
}

impl Footer {
    /// `tel:` link for the phone: digits and the plus only.
    pub fn phone_href(&self) -> String {
        let digits: String =
            self.support_center_phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        format!("tel:{digits}")
    }
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub title: String,
    pub stylesheet: String,
    pub user: Option<UserBadge>,
    pub footer: Footer,
}

impl Layout {
    pub async fn new(state: &WebState, title: impl Into<String>, actor: Option<&Actor>) -> Layout {
        let user = actor.map(|a| UserBadge { full_name: a.name.to_string(), csrf: a.csrf_token.clone() });
        // A page still renders when the region cannot be read: the footer is then empty.
        let footer = match region::overview(&state.app).await {
            Ok(Some(r)) => Footer {
                region_name: r.name,
                support_center_name: r.support_center_name,
                support_center_phone: r.support_center_phone,
                region_center_name: r.center_name,
                region_center_url: r.center_url,
            },
            Ok(None) => Footer::default(),
            Err(e) => {
                tracing::warn!(error = %e, "region overview unavailable");
                Footer::default()
            }
        };
        Layout { title: title.into(), stylesheet: assets::stylesheet(), user, footer }
    }
}
