//! What every page carries: the header (service name; after login, «Уведомления» with the
//! unread count and the person's full name at the top right, which opens «Персональные
//! настройки») and the footer with the contacts of
//! the municipal support centre and the regional model centre.

use dopcert_app::auth::Actor;
use dopcert_app::region;

use crate::accessibility::{self, Setting, Vision};
use crate::{assets, WebState};

pub const SERVICE_NAME: &str = "Сертификат дополнительного образования";

/// The signed-in person as the header shows them.
#[derive(Debug, Clone)]
pub struct UserBadge {
    pub full_name: String,
    /// The form token for the header's «Выйти» button.
    pub csrf: String,
    /// Notifications not yet seen: the header's «Уведомления» shows the count.
    pub unread: i64,
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
    /// «Версия для слабовидящих», when this browser has it on.
    pub vision: Option<Vision>,
    /// This page's address, for the links that switch the version and come back.
    pub here: String,
}

impl Layout {
    pub async fn new(state: &WebState, title: impl Into<String>, actor: Option<&Actor>) -> Layout {
        let user = match actor {
            Some(a) => {
                // A page still renders when the count cannot be read: it then shows none.
                let unread = dopcert_app::notification::unread(&state.app, a).await.unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "unread notifications unavailable");
                    0
                });
                Some(UserBadge { full_name: a.name.to_string(), csrf: a.csrf_token.clone(), unread })
            }
            None => None,
        };
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
        let page = accessibility::current();
        Layout {
            title: title.into(),
            stylesheet: assets::stylesheet(),
            user,
            footer,
            vision: page.vision,
            here: page.here,
        }
    }

    /// The header's link: the version for the visually impaired on, or back to the ordinary one.
    pub fn vision_switch(&self) -> String {
        accessibility::href(if self.vision.is_some() { "mode=off" } else { "mode=on" }, &self.here)
    }

    /// The settings panel of the version for the visually impaired (empty when it is off).
    pub fn vision_panel(&self) -> Vec<Setting> {
        self.vision.map(|v| v.panel(&self.here)).unwrap_or_default()
    }

    /// The classes of `<html>` (empty in the ordinary version).
    pub fn html_class(&self) -> String {
        self.vision.map(|v| v.classes()).unwrap_or_default()
    }
}
