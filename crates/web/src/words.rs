//! The domain's values named in a language: statuses, a programme's ages, the review's checklist.
//! Pages name them in the page's language (`text::lang()`); refusals in the language they are
//! asked for, so that their tests can ask for both.

use dopcert_domain::certificate::Status;
use dopcert_domain::enrollment::ApplicationStatus;
use dopcert_domain::organization::ProviderStatus;
use dopcert_domain::program::{AgeRange, ChecklistItem, ProgramStatus};

use crate::text::Lang;

/// A certificate's status («действует», "active").
pub fn certificate_status(lang: Lang, s: Status) -> String {
    match s {
        Status::Active => lang.t("cabinet-status-active"),
        Status::Suspended => lang.t("cabinet-status-suspended"),
        Status::Closed => lang.t("cabinet-status-closed"),
    }
}

/// An application's status, as the family's pages name it.
pub fn application_status(lang: Lang, s: ApplicationStatus) -> String {
    match s {
        ApplicationStatus::Waitlisted => lang.t("personal-data-application-waitlisted"),
        ApplicationStatus::Offered => lang.t("personal-data-application-offered"),
        ApplicationStatus::Pending => lang.t("personal-data-application-pending"),
        ApplicationStatus::Enrolled => lang.t("personal-data-application-enrolled"),
        ApplicationStatus::Rejected => lang.t("personal-data-application-rejected"),
        ApplicationStatus::Withdrawn => lang.t("personal-data-application-withdrawn"),
        ApplicationStatus::OfferLapsed => lang.t("personal-data-application-offer-lapsed"),
        ApplicationStatus::Ended => lang.t("personal-data-application-ended"),
    }
}

/// A programme's status in the catalogue's words.
pub fn program_status(lang: Lang, s: ProgramStatus) -> String {
    match s {
        ProgramStatus::Draft => lang.t("catalog-status-draft"),
        ProgramStatus::Submitted => lang.t("catalog-status-submitted"),
        ProgramStatus::Returned => lang.t("catalog-status-returned"),
        ProgramStatus::Certified => lang.t("catalog-status-certified"),
        ProgramStatus::Expired => lang.t("catalog-status-expired"),
    }
}

/// A provider's place in the registry.
pub fn provider_status(lang: Lang, s: ProviderStatus) -> String {
    match s {
        ProviderStatus::Applied => lang.t("provider-status-applied"),
        ProviderStatus::Verified => lang.t("provider-status-verified"),
        ProviderStatus::Active => lang.t("provider-status-active"),
        ProviderStatus::Suspended => lang.t("provider-status-suspended"),
    }
}

/// A programme's ages: «от 7 до 12 лет», "7 to 12 years old".
pub fn ages(lang: Lang, ages: AgeRange) -> String {
    lang.with(
        "catalog-ages",
        &[
            ("min", &ages.min().to_string()),
            ("max", &ages.max().to_string()),
            ("years", &lang.tn("catalog-ages-years", i64::from(ages.max()))),
        ],
    )
}

/// An item of the certification checklist.
pub fn checklist_item(lang: Lang, i: ChecklistItem) -> String {
    match i {
        ChecklistItem::TitleAndDirection => lang.t("catalog-check-title"),
        ChecklistItem::Description => lang.t("catalog-check-description"),
        ChecklistItem::Ages => lang.t("catalog-check-ages"),
        ChecklistItem::Hours => lang.t("catalog-check-hours"),
        ChecklistItem::Price => lang.t("catalog-check-price"),
        ChecklistItem::Groups => lang.t("catalog-check-groups"),
        ChecklistItem::Licence => lang.t("catalog-check-licence"),
    }
}
