//! Refusals of the cabinet area in the page's language: claiming and managing a certificate,
//! enrolment and the family's decisions, registering a child at an organisation, consultations,
//! logins, notification settings and signing in through Gosuslugi.

use dopcert_app::auth::{LoginError, SetPasswordError};
use dopcert_app::certificate::{CheckError, ClaimError, ManageError, ViewError};
use dopcert_app::consultation::ConsultationError;
use dopcert_app::disability::DisabilityError;
use dopcert_app::enrollment::{ApplyError, DecideError};
use dopcert_app::esia::EsiaError;
use dopcert_app::idempotency::{self, KeyError, KeyReused};
use dopcert_app::logins::LoginsError;
use dopcert_app::notification::SettingsError;
use dopcert_app::registration::RegisterError;
use dopcert_domain::enrollment::{ApplicationAction, ApplicationTransitionError};

use super::common::age;
use super::{sentence, Explain};
use crate::text::Lang;
use crate::words;

impl Explain for LoginError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            LoginError::Invalid => lang.t("login-error-invalid"),
            LoginError::Throttled { minutes } => lang.tn("login-error-throttled", *minutes),
            LoginError::PasswordChangeRequired => lang.t("login-error-change-password"),
            LoginError::Store(_) => lang.t("refusal-store"),
        }
    }
}

impl Explain for SetPasswordError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            SetPasswordError::WrongCurrent => lang.t("password-error-wrong-current"),
            SetPasswordError::Mismatch => lang.t("password-error-mismatch"),
            SetPasswordError::Rule(e) => e.explain(lang),
            SetPasswordError::Store(_) => lang.t("refusal-store"),
        }
    }
}

impl Explain for ClaimError {
    fn explain(&self, lang: Lang) -> String {
        let text = match self {
            ClaimError::NotFound => lang.t("refusal-claim-not-found"),
            ClaimError::NotGuardian => lang.t("refusal-claim-not-guardian"),
            ClaimError::SelfClaimUnder14 { from } => {
                lang.with("refusal-claim-self-claim-under-14", &[("date", &lang.date_long(*from))])
            }
            ClaimError::ConsentRequired => lang.t("refusal-claim-consent-required"),
            ClaimError::AgeNotEligible(e) => age(lang, e),
            ClaimError::NoBirthDate => lang.t("refusal-claim-no-birth-date"),
            ClaimError::PossibleDuplicate => lang.t("refusal-claim-possible-duplicate"),
            ClaimError::MunicipalityRequired => lang.t("refusal-claim-municipality-required"),
            ClaimError::KeyReused(e) => e.explain(lang),
            ClaimError::Store(_) => lang.t("refusal-store"),
        };
        sentence(&text)
    }
}

impl Explain for ViewError {
    fn explain(&self, lang: Lang) -> String {
        let text = match self {
            ViewError::InvalidNumber(e) => e.explain(lang),
            ViewError::NotFound => lang.t("refusal-view-not-found"),
            ViewError::Store(_) => lang.t("refusal-store"),
        };
        sentence(&text)
    }
}

impl Explain for CheckError {
    fn explain(&self, lang: Lang) -> String {
        let text = match self {
            CheckError::InvalidNumber(e) => e.explain(lang),
            CheckError::Forbidden => lang.t("refusal-check-forbidden"),
            CheckError::NotFound => lang.t("refusal-check-not-found"),
            CheckError::Store(_) => lang.t("refusal-store"),
        };
        sentence(&text)
    }
}

impl Explain for ManageError {
    fn explain(&self, lang: Lang) -> String {
        let text = match self {
            ManageError::InvalidNumber(e) => e.explain(lang),
            ManageError::NotFound => lang.t("refusal-manage-not-found"),
            ManageError::Forbidden => lang.t("refusal-manage-forbidden"),
            ManageError::ReasonRequired => lang.t("refusal-manage-reason-required"),
            ManageError::AlreadyThere(status) => lang.with(
                "refusal-manage-already-there",
                &[("status", &words::certificate_status(lang, *status))],
            ),
            ManageError::Store(_) => lang.t("refusal-store"),
        };
        sentence(&text)
    }
}

impl Explain for DisabilityError {
    fn explain(&self, lang: Lang) -> String {
        let text = match self {
            DisabilityError::InvalidNumber(e) => e.explain(lang),
            DisabilityError::NotFound => lang.t("refusal-disability-not-found"),
            DisabilityError::Forbidden => lang.t("refusal-disability-forbidden"),
            DisabilityError::BasisRequired => lang.t("refusal-disability-basis-required"),
            DisabilityError::Store(_) => lang.t("refusal-store"),
        };
        sentence(&text)
    }
}

impl Explain for ApplyError {
    fn explain(&self, lang: Lang) -> String {
        let text = match self {
            ApplyError::NotYourChild => lang.t("refusal-apply-not-your-child"),
            ApplyError::Forbidden => lang.t("refusal-apply-forbidden"),
            ApplyError::NoSuchGroup => lang.t("refusal-apply-no-such-group"),
            ApplyError::NotListed => lang.t("refusal-apply-not-listed"),
            ApplyError::Closed => lang.t("refusal-apply-closed"),
            ApplyError::WrongAge(ages) => {
                lang.with("refusal-apply-wrong-age", &[("ages", &words::ages(lang, *ages))])
            }
            ApplyError::NoCertificate => lang.t("refusal-apply-no-certificate"),
            ApplyError::CertificateInactive(status) => lang.with(
                "refusal-apply-certificate-inactive",
                &[("status", &words::certificate_status(lang, *status))],
            ),
            ApplyError::Insufficient { needed, available } => lang.with(
                "refusal-apply-insufficient",
                &[("needed", &needed.to_string()), ("available", &available.to_string())],
            ),
            ApplyError::AlreadyApplied => lang.t("refusal-apply-already-applied"),
            ApplyError::ContractNotAccepted => lang.t("refusal-apply-contract-not-accepted"),
            ApplyError::KeyReused(e) => e.explain(lang),
            ApplyError::Store(_) => lang.t("refusal-store"),
        };
        sentence(&text)
    }
}

impl Explain for DecideError {
    fn explain(&self, lang: Lang) -> String {
        let text = match self {
            DecideError::NotFound => lang.t("refusal-decide-not-found"),
            DecideError::Transition(e) => e.explain(lang),
            DecideError::Stale => lang.t("refusal-decide-stale"),
            DecideError::ReasonMissing => lang.t("refusal-decide-reason-missing"),
            DecideError::Apply(e) => e.explain(lang),
            DecideError::LeaveDate { earliest, latest } => lang.with(
                "refusal-decide-leave-date",
                &[("earliest", &lang.date_long(*earliest)), ("latest", &lang.date_long(*latest))],
            ),
            DecideError::KeyReused(e) => e.explain(lang),
            DecideError::Store(_) => lang.t("refusal-store"),
        };
        sentence(&text)
    }
}

impl Explain for ApplicationTransitionError {
    fn explain(&self, lang: Lang) -> String {
        let status = words::application_status(lang, self.from);
        let action = match self.action {
            ApplicationAction::Offer => lang.t("refusal-application-transition-offer"),
            ApplicationAction::TakeOffer => lang.t("refusal-application-transition-take-offer"),
            ApplicationAction::LapseOffer => lang.t("refusal-application-transition-lapse-offer"),
            ApplicationAction::Accept => lang.t("refusal-application-transition-accept"),
            ApplicationAction::Reject => lang.t("refusal-application-transition-reject"),
            ApplicationAction::Withdraw => lang.t("refusal-application-transition-withdraw"),
            ApplicationAction::End => lang.t("refusal-application-transition-end"),
        };
        sentence(&lang.with("refusal-application-transition", &[("status", &status), ("action", &action)]))
    }
}

impl Explain for KeyReused {
    fn explain(&self, lang: Lang) -> String {
        sentence(&lang.t("refusal-key-reused"))
    }
}

impl Explain for KeyError {
    fn explain(&self, lang: Lang) -> String {
        let text = match self {
            KeyError::Empty => lang.t("refusal-key-empty"),
            KeyError::TooLong => lang.tn("refusal-key-too-long", idempotency::MAX_LEN as i64),
            KeyError::NotPrintable => lang.t("refusal-key-not-printable"),
        };
        sentence(&text)
    }
}

impl Explain for RegisterError {
    fn explain(&self, lang: Lang) -> String {
        let text = match self {
            RegisterError::Forbidden => lang.t("refusal-register-forbidden"),
            RegisterError::WrongKind => lang.t("refusal-register-wrong-kind"),
            RegisterError::Invalid(_) => lang.t("refusal-check-fields"),
            RegisterError::Store(_) => lang.t("refusal-store"),
        };
        sentence(&text)
    }
}

impl Explain for ConsultationError {
    fn explain(&self, lang: Lang) -> String {
        let text = match self {
            ConsultationError::Forbidden => lang.t("refusal-consultation-forbidden"),
            ConsultationError::NotFound => lang.t("refusal-consultation-not-found"),
            ConsultationError::Invalid(_) => lang.t("refusal-check-fields"),
            ConsultationError::Closed => lang.t("refusal-consultation-closed"),
            ConsultationError::Store(_) => lang.t("refusal-store"),
        };
        sentence(&text)
    }
}

impl Explain for LoginsError {
    fn explain(&self, lang: Lang) -> String {
        let text = match self {
            LoginsError::Forbidden => lang.t("refusal-logins-forbidden"),
            LoginsError::NotFound => lang.t("refusal-logins-not-found"),
            LoginsError::TooYoung => lang.t("refusal-logins-too-young"),
            LoginsError::Store(_) => lang.t("refusal-store"),
        };
        sentence(&text)
    }
}

impl Explain for SettingsError {
    fn explain(&self, lang: Lang) -> String {
        let text = match self {
            SettingsError::Email(e) => e.explain(lang),
            SettingsError::Store(_) => lang.t("refusal-store"),
        };
        sentence(&text)
    }
}

impl Explain for EsiaError {
    fn explain(&self, lang: Lang) -> String {
        // The provider's own words in `Unavailable` and `Rejected` go to the log, not the page.
        let text = match self {
            EsiaError::NotConfigured => lang.t("refusal-esia-not-configured"),
            EsiaError::Unavailable(_) => lang.t("refusal-esia-unavailable"),
            EsiaError::Rejected(_) => lang.t("refusal-esia-rejected"),
            EsiaError::NoName => lang.t("refusal-esia-no-name"),
            EsiaError::Store(_) => lang.t("refusal-store"),
        };
        sentence(&text)
    }
}

#[cfg(test)]
mod tests {
    use dopcert_domain::certificate::Status;
    use dopcert_domain::certificate::{CertificateNumber, CertificateNumberError};
    use dopcert_domain::contact::{ContactError, Email};
    use dopcert_domain::eligibility::Eligibility;
    use dopcert_domain::enrollment::ApplicationStatus;
    use dopcert_domain::money::Kopecks;
    use dopcert_domain::program::AgeRange;
    use jiff::civil::Date;

    use super::*;
    use crate::refusal::check::same_words;

    // The `Store(_)` variants hold a store error, which a test cannot make: left out everywhere.

    fn bad_number() -> CertificateNumberError {
        CertificateNumber::parse("12").expect_err("too short a number")
    }

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).expect("a date")
    }

    #[test]
    fn login_and_password_refusals() {
        use dopcert_domain::password::PasswordRuleError as Rule;
        same_words(&[
            LoginError::Invalid,
            LoginError::Throttled { minutes: 1 },
            LoginError::Throttled { minutes: 15 },
            LoginError::PasswordChangeRequired,
        ]);
        same_words(&[
            SetPasswordError::WrongCurrent,
            SetPasswordError::Mismatch,
            SetPasswordError::Rule(Rule::TooShort),
            SetPasswordError::Rule(Rule::TooLong),
            SetPasswordError::Rule(Rule::ContainsLogin),
            SetPasswordError::Rule(Rule::Common),
        ]);
    }

    #[test]
    fn claim_refusals() {
        same_words(&[
            ClaimError::NotFound,
            ClaimError::NotGuardian,
            ClaimError::SelfClaimUnder14 { from: date(2027, 3, 8) },
            ClaimError::ConsentRequired,
            ClaimError::AgeNotEligible(Eligibility::Eligible),
            ClaimError::AgeNotEligible(Eligibility::TooYoung { from: date(2027, 5, 1) }),
            ClaimError::AgeNotEligible(Eligibility::TooOld),
            ClaimError::NoBirthDate,
            ClaimError::PossibleDuplicate,
            ClaimError::MunicipalityRequired,
            ClaimError::KeyReused(KeyReused),
        ]);
    }

    #[test]
    fn view_refusals() {
        same_words(&[ViewError::InvalidNumber(bad_number()), ViewError::NotFound]);
    }

    #[test]
    fn check_refusals() {
        same_words(&[CheckError::InvalidNumber(bad_number()), CheckError::Forbidden, CheckError::NotFound]);
    }

    #[test]
    fn manage_refusals() {
        let mut samples = vec![
            ManageError::InvalidNumber(bad_number()),
            ManageError::NotFound,
            ManageError::Forbidden,
            ManageError::ReasonRequired,
        ];
        samples.extend(Status::ALL.map(ManageError::AlreadyThere));
        same_words(&samples);
    }

    #[test]
    fn disability_refusals() {
        same_words(&[
            DisabilityError::InvalidNumber(bad_number()),
            DisabilityError::NotFound,
            DisabilityError::Forbidden,
            DisabilityError::BasisRequired,
        ]);
    }

    fn ages(min: u8, max: u8) -> AgeRange {
        AgeRange::new(min, max).expect("ages")
    }

    fn apply_samples() -> Vec<ApplyError> {
        vec![
            ApplyError::NotYourChild,
            ApplyError::Forbidden,
            ApplyError::NoSuchGroup,
            ApplyError::NotListed,
            ApplyError::Closed,
            ApplyError::WrongAge(ages(7, 12)),
            ApplyError::WrongAge(ages(5, 11)),
            ApplyError::WrongAge(ages(5, 17)),
            ApplyError::NoCertificate,
            ApplyError::CertificateInactive(Status::Suspended),
            ApplyError::CertificateInactive(Status::Closed),
            ApplyError::Insufficient { needed: Kopecks::new(1_234_500), available: Kopecks::new(99_000) },
            ApplyError::AlreadyApplied,
            ApplyError::ContractNotAccepted,
            ApplyError::KeyReused(KeyReused),
        ]
    }

    #[test]
    fn apply_refusals() {
        same_words(&apply_samples());
    }

    #[test]
    fn decide_refusals() {
        let mut samples = vec![
            DecideError::NotFound,
            DecideError::Transition(ApplicationTransitionError {
                from: ApplicationStatus::Enrolled,
                action: ApplicationAction::Withdraw,
            }),
            DecideError::Stale,
            DecideError::ReasonMissing,
            DecideError::LeaveDate { earliest: date(2026, 11, 26), latest: date(2027, 5, 31) },
            DecideError::KeyReused(KeyReused),
        ];
        samples.extend(apply_samples().into_iter().map(DecideError::Apply));
        same_words(&samples);
        // The dates are worded in the page's language.
        let e = DecideError::LeaveDate { earliest: date(2026, 1, 2), latest: date(2026, 12, 31) };
        let en = e.explain(Lang::En);
        assert!(en.contains("2 January 2026") && en.contains("31 December 2026"), "{en}");
        // The ages and the status too.
        let en = ApplyError::WrongAge(ages(5, 11)).explain(Lang::En);
        assert!(en.contains("5 to 11 years old"), "{en}");
        let en = ApplyError::CertificateInactive(Status::Suspended).explain(Lang::En);
        assert!(en.ends_with("it is suspended"), "{en}");
    }

    #[test]
    fn application_transition_refusals() {
        use ApplicationAction as A;
        use ApplicationStatus as S;
        let statuses = [
            S::Waitlisted,
            S::Offered,
            S::Pending,
            S::Enrolled,
            S::Rejected,
            S::Withdrawn,
            S::OfferLapsed,
            S::Ended,
        ];
        let actions = [A::Offer, A::TakeOffer, A::LapseOffer, A::Accept, A::Reject, A::Withdraw, A::End];
        let samples: Vec<_> = statuses
            .into_iter()
            .flat_map(|from| actions.map(|action| ApplicationTransitionError { from, action }))
            .collect();
        same_words(&samples);
    }

    #[test]
    fn idempotency_refusals() {
        same_words(&[KeyReused]);
        same_words(&[KeyError::Empty, KeyError::TooLong, KeyError::NotPrintable]);
    }

    #[test]
    fn register_refusals() {
        same_words(&[RegisterError::Forbidden, RegisterError::WrongKind, RegisterError::Invalid(vec![])]);
    }

    #[test]
    fn consultation_refusals() {
        same_words(&[
            ConsultationError::Forbidden,
            ConsultationError::NotFound,
            ConsultationError::Invalid(vec![]),
            ConsultationError::Closed,
        ]);
    }

    #[test]
    fn logins_refusals() {
        same_words(&[LoginsError::Forbidden, LoginsError::NotFound, LoginsError::TooYoung]);
    }

    #[test]
    fn settings_refusals() {
        let e: ContactError = Email::parse("not an address").expect_err("a wrong address");
        same_words(&[SettingsError::Email(e)]);
    }

    #[test]
    fn esia_refusals() {
        same_words(&[
            EsiaError::NotConfigured,
            EsiaError::Unavailable("timeout".into()),
            EsiaError::Rejected("access_denied".into()),
            EsiaError::NoName,
        ]);
    }
}
