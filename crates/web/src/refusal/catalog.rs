//! Refusals of the catalog area in the page's language: programmes and their certification,
//! providers and their staff, an organisation's home, the region's rules.

use dopcert_app::catalog::CatalogError;
use dopcert_app::organization::OrganizationError;
use dopcert_app::program::{NotReady, ProgramError};
use dopcert_app::provider::{JoinError, ProviderError};
use dopcert_app::rules::RulesError;
use dopcert_domain::organization::ProviderTransitionError;
use dopcert_domain::program::{ProgramAction, TransitionError};

use super::Explain;
use crate::text::Lang;
use crate::words;

impl Explain for ProgramError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            ProgramError::Forbidden => lang.t("refusal-program-forbidden"),
            ProgramError::NotFound => lang.t("refusal-program-not-found"),
            ProgramError::Invalid(_) => lang.t("refusal-check-fields"),
            ProgramError::Stale => lang.t("refusal-program-stale"),
            ProgramError::InReview => lang.t("refusal-program-in-review"),
            ProgramError::SeatsTaken => lang.t("refusal-program-seats-taken"),
            ProgramError::NotReady(e) => e.explain(lang),
            ProgramError::NoGroup(module) => lang.with("refusal-program-no-group", &[("module", module)]),
            ProgramError::Review(e) => e.explain(lang),
            ProgramError::Transition(e) => e.explain(lang),
            ProgramError::Store(_) => lang.t("refusal-store"),
        }
    }
}

impl Explain for NotReady {
    fn explain(&self, lang: Lang) -> String {
        match self {
            NotReady::EnrollmentMode => lang.t("refusal-program-not-ready-enrollment-mode"),
            NotReady::ModulesLimit => lang.t("refusal-program-not-ready-modules-limit"),
            NotReady::GroupsLimit => lang.t("refusal-program-not-ready-groups-limit"),
            NotReady::NoModule => lang.t("refusal-program-not-ready-no-module"),
            NotReady::GroupsOver => lang.t("refusal-program-not-ready-groups-over"),
            NotReady::FreePrice => lang.t("refusal-program-not-ready-free-price"),
            NotReady::CertificatePrice => lang.t("refusal-program-not-ready-certificate-price"),
        }
    }
}

impl Explain for TransitionError {
    fn explain(&self, lang: Lang) -> String {
        let status = words::program_status(lang, self.from);
        let args = [("status", status.as_str())];
        match self.action {
            ProgramAction::Submit => lang.with("refusal-program-transition-submit", &args),
            ProgramAction::Certify => lang.with("refusal-program-transition-certify", &args),
            ProgramAction::Return => lang.with("refusal-program-transition-return", &args),
            ProgramAction::EditTerms => lang.with("refusal-program-transition-edit-terms", &args),
            ProgramAction::Expire => lang.with("refusal-program-transition-expire", &args),
        }
    }
}

impl Explain for ProviderTransitionError {
    fn explain(&self, lang: Lang) -> String {
        let status = words::provider_status(lang, self.0);
        lang.with("refusal-provider-transition", &[("status", &status)])
    }
}

impl Explain for ProviderError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            ProviderError::Forbidden => lang.t("refusal-provider-forbidden"),
            ProviderError::NotFound => lang.t("refusal-provider-not-found"),
            ProviderError::Invalid(_) => lang.t("refusal-check-fields"),
            ProviderError::AlreadyRegistered => lang.t("refusal-provider-already-registered"),
            ProviderError::Transition(e) => e.explain(lang),
            ProviderError::ReasonMissing => lang.t("refusal-provider-reason-missing"),
            ProviderError::NotReadyForLogin => lang.t("refusal-provider-not-ready-for-login"),
            ProviderError::Stale => lang.t("refusal-provider-stale"),
            ProviderError::Store(_) => lang.t("refusal-store"),
        }
    }
}

impl Explain for JoinError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            JoinError::UnknownCode => lang.t("refusal-join-unknown-code"),
            JoinError::AlreadyWaiting => lang.t("refusal-join-already-waiting"),
            JoinError::Store(_) => lang.t("refusal-store"),
        }
    }
}

impl Explain for OrganizationError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            OrganizationError::Forbidden => lang.t("refusal-organization-forbidden"),
            OrganizationError::Store(_) => lang.t("refusal-store"),
        }
    }
}

impl Explain for RulesError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            RulesError::Forbidden => lang.t("refusal-rules-forbidden"),
            RulesError::Invalid(_) => lang.t("refusal-check-fields"),
            RulesError::Store(_) => lang.t("refusal-store"),
        }
    }
}

/// The catalogue's search fails only inside: every variant is the generic refusal.
impl Explain for CatalogError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            CatalogError::Store(_) | CatalogError::Search(_) | CatalogError::Task(_) => {
                lang.t("refusal-store")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use dopcert_domain::organization::ProviderStatus;
    use dopcert_domain::program::ProgramStatus;
    use dopcert_domain::program::{ChecklistItem, ReviewError};
    use dopcert_store::StoreError;

    use super::*;
    use crate::refusal::check::same_words;

    /// Store errors read the same generic sentence, not their `Display` (which is for the log).
    fn generic<E: Explain>(e: &E) {
        for lang in Lang::ALL {
            assert_eq!(e.explain(lang), lang.t("refusal-store"));
        }
    }

    #[test]
    fn program_refusals_read_as_their_display() {
        let mut samples = vec![
            ProgramError::Forbidden,
            ProgramError::NotFound,
            ProgramError::Invalid(Vec::new()),
            ProgramError::Stale,
            ProgramError::InReview,
            ProgramError::SeatsTaken,
            ProgramError::NoGroup("Chess for beginners".into()),
            ProgramError::Review(ReviewError::Unanswered(ChecklistItem::Price)),
            ProgramError::Review(ReviewError::NotAllPassed),
            ProgramError::Transition(TransitionError {
                from: ProgramStatus::Draft,
                action: ProgramAction::Certify,
            }),
        ];
        samples.extend(NotReady::ALL.map(ProgramError::NotReady));
        same_words(&samples);
        generic(&ProgramError::Store(StoreError::NotFound));
    }

    #[test]
    fn program_transition_refusals_read_as_their_display() {
        let mut samples = Vec::new();
        for from in ProgramStatus::ALL {
            for action in [
                ProgramAction::Submit,
                ProgramAction::Certify,
                ProgramAction::Return,
                ProgramAction::EditTerms,
                ProgramAction::Expire,
            ] {
                samples.push(TransitionError { from, action });
            }
        }
        same_words(&samples);
    }

    #[test]
    fn provider_transition_refusals_read_as_their_display() {
        same_words(&ProviderStatus::ALL.map(ProviderTransitionError));
    }

    #[test]
    fn provider_refusals_read_as_their_display() {
        same_words(&[
            ProviderError::Forbidden,
            ProviderError::NotFound,
            ProviderError::Invalid(Vec::new()),
            ProviderError::AlreadyRegistered,
            ProviderError::Transition(ProviderTransitionError(ProviderStatus::Suspended)),
            ProviderError::ReasonMissing,
            ProviderError::NotReadyForLogin,
            ProviderError::Stale,
        ]);
        generic(&ProviderError::Store(StoreError::NotFound));
    }

    #[test]
    fn join_refusals_read_as_their_display() {
        same_words(&[JoinError::UnknownCode, JoinError::AlreadyWaiting]);
        generic(&JoinError::Store(StoreError::NotFound));
    }

    #[test]
    fn organization_refusals_read_as_their_display() {
        same_words(&[OrganizationError::Forbidden]);
        generic(&OrganizationError::Store(StoreError::NotFound));
    }

    #[test]
    fn rules_refusals_read_as_their_display() {
        same_words(&[RulesError::Forbidden, RulesError::Invalid(Vec::new())]);
        generic(&RulesError::Store(StoreError::NotFound));
    }

    /// The search's own errors (`Search`, `Task`) are not built here: the web crate does not
    /// depend on the search crate or make join errors; the match sends them to the same text.
    #[test]
    fn catalog_refusals_are_the_generic_one() {
        generic(&CatalogError::Store(StoreError::NotFound));
    }
}
