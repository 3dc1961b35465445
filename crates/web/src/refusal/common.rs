//! Refusals of the common area in the page's language: the domain's checks of what people type
//! (names, dates, numbers, contacts, bank details) and the problems forms show beside a field.

use dopcert_app::form::Problem;
use dopcert_domain::bank::BankError;
use dopcert_domain::certificate::CertificateNumberError;
use dopcert_domain::contact::ContactError;
use dopcert_domain::eligibility::Eligibility;
use dopcert_domain::inn::InnError;
use dopcert_domain::login::LoginError;
use dopcert_domain::municipality::MunicipalityCodeError;
use dopcert_domain::ogrn::OgrnError;
use dopcert_domain::password::{PasswordRuleError, MAX_LEN, MIN_LEN};
use dopcert_domain::period::{NominalError, MAX_NOMINAL, MIN_NOMINAL};
use dopcert_domain::person::{BirthDateError, NameError};
use dopcert_domain::program::{
    GroupDetail, ProgramError, ReviewError, MAX_AGE, MAX_MODULE_HOURS, MAX_SEATS, MIN_AGE,
};
use dopcert_domain::snils::SnilsError;

use super::Explain;
use crate::text::Lang;

impl Explain for ContactError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            ContactError::Phone => lang.t("refusal-contact-phone"),
            ContactError::Email => lang.t("refusal-contact-email"),
        }
    }
}

impl Explain for CertificateNumberError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            CertificateNumberError::Length => lang.t("refusal-certificate-number-length"),
            CertificateNumberError::NotDigits => lang.t("refusal-certificate-number-not-digits"),
            CertificateNumberError::Checksum => lang.t("refusal-certificate-number-checksum"),
        }
    }
}

/// A nominal's age group, `from` to `to` years inclusive: «7–13 лет», "aged 7–13 years".
fn age_group(lang: Lang, from: i16, to: i16) -> String {
    lang.with(
        "refusal-nominal-age-group",
        &[
            ("from", &from.to_string()),
            ("to", &to.to_string()),
            ("years", &lang.tn("refusal-nominal-age-group-years", i64::from(to))),
        ],
    )
}

impl Explain for NominalError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            NominalError::OutOfRange { from, to } => lang.with(
                "refusal-nominal-out-of-range",
                &[
                    ("group", &age_group(lang, *from, *to)),
                    ("min", &MIN_NOMINAL.to_string()),
                    ("max", &MAX_NOMINAL.to_string()),
                ],
            ),
            NominalError::DisabilityBelow { from, to } => {
                lang.with("refusal-nominal-disability-below", &[("group", &age_group(lang, *from, *to))])
            }
            NominalError::Groups => lang.t("refusal-nominal-groups"),
        }
    }
}

impl Explain for NameError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            NameError::Missing => lang.t("refusal-name-missing"),
            NameError::Letters => lang.t("refusal-name-letters"),
            NameError::TooLong => lang.t("refusal-name-too-long"),
        }
    }
}

impl Explain for BirthDateError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            BirthDateError::Format => lang.t("refusal-birth-date-format"),
            BirthDateError::NoSuchDate => lang.t("refusal-birth-date-no-such-date"),
            BirthDateError::Future => lang.t("refusal-birth-date-future"),
            BirthDateError::TooOld => lang.t("refusal-birth-date-too-old"),
        }
    }
}

impl Explain for SnilsError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            SnilsError::Length => lang.t("refusal-snils-length"),
            SnilsError::NotDigits => lang.t("refusal-snils-not-digits"),
            SnilsError::Checksum => lang.t("refusal-snils-checksum"),
        }
    }
}

impl Explain for BankError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            BankError::BikLength => lang.t("refusal-bank-bik-length"),
            BankError::AccountLength => lang.t("refusal-bank-account-length"),
            BankError::NotDigits => lang.t("refusal-bank-not-digits"),
            BankError::Checksum => lang.t("refusal-bank-checksum"),
        }
    }
}

impl Explain for InnError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            InnError::Length => lang.t("refusal-inn-length"),
            InnError::NotDigits => lang.t("refusal-inn-not-digits"),
            InnError::Checksum => lang.t("refusal-inn-checksum"),
        }
    }
}

impl Explain for OgrnError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            OgrnError::Length => lang.t("refusal-ogrn-length"),
            OgrnError::NotDigits => lang.t("refusal-ogrn-not-digits"),
            OgrnError::Checksum => lang.t("refusal-ogrn-checksum"),
        }
    }
}

impl Explain for LoginError {
    fn explain(&self, lang: Lang) -> String {
        // A unit struct today: if it grows variants, this stops compiling until they have words.
        let LoginError = self;
        lang.t("refusal-login-rule")
    }
}

impl Explain for MunicipalityCodeError {
    fn explain(&self, lang: Lang) -> String {
        // As above: one refusal, until the type grows variants.
        let MunicipalityCodeError = self;
        lang.t("refusal-municipality-code-rule")
    }
}

impl Explain for PasswordRuleError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            PasswordRuleError::TooShort => lang.tn("password-error-too-short", MIN_LEN as i64),
            PasswordRuleError::TooLong => lang.tn("password-error-too-long", MAX_LEN as i64),
            PasswordRuleError::ContainsLogin => lang.t("password-error-contains-login"),
            PasswordRuleError::Common => lang.t("password-error-common"),
        }
    }
}

/// What a group must have filled in (`ProgramError::Missing`).
fn missing(lang: Lang, what: GroupDetail) -> String {
    match what {
        GroupDetail::Title => lang.t("refusal-program-rule-missing-group-title"),
        GroupDetail::Teacher => lang.t("refusal-program-rule-missing-teacher"),
        GroupDetail::Schedule => lang.t("refusal-program-rule-missing-schedule"),
        GroupDetail::Address => lang.t("refusal-program-rule-missing-address"),
    }
}

impl Explain for ProgramError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            ProgramError::Title => lang.t("refusal-program-rule-title"),
            ProgramError::DescriptionTooLong => lang.t("refusal-program-rule-description-too-long"),
            ProgramError::AgeOutOfRange => lang.with(
                "refusal-program-rule-age-out-of-range",
                &[("min", &MIN_AGE.to_string()), ("max", &MAX_AGE.to_string())],
            ),
            ProgramError::AgeReversed => lang.t("refusal-program-rule-age-reversed"),
            ProgramError::Hours => {
                lang.with("refusal-program-rule-hours", &[("max", &MAX_MODULE_HOURS.to_string())])
            }
            ProgramError::NegativePrice => lang.t("refusal-program-rule-negative-price"),
            ProgramError::PriceTooHigh => lang.t("refusal-program-rule-price-too-high"),
            ProgramError::Seats => {
                lang.with("refusal-program-rule-seats", &[("max", &MAX_SEATS.to_string())])
            }
            ProgramError::GroupDates => lang.t("refusal-program-rule-group-dates"),
            ProgramError::EnrollmentDates => lang.t("refusal-program-rule-enrollment-dates"),
            ProgramError::ModuleTitle => lang.t("refusal-program-rule-module-title"),
            ProgramError::Missing(what) => missing(lang, *what),
            ProgramError::Coordinates => lang.t("refusal-program-rule-coordinates"),
        }
    }
}

impl Explain for ReviewError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            ReviewError::Unanswered(i) => {
                lang.with("refusal-review-unanswered", &[("item", &crate::words::checklist_item(lang, *i))])
            }
            ReviewError::ReasonMissing(i) => lang
                .with("refusal-review-reason-missing", &[("item", &crate::words::checklist_item(lang, *i))]),
            ReviewError::NotAllPassed => lang.t("refusal-review-not-all-passed"),
            ReviewError::NothingFailed => lang.t("refusal-review-nothing-failed"),
            ReviewError::ValidUntil => lang.t("refusal-review-valid-until"),
        }
    }
}

/// The certificate's ages (R03, `certificate::age_message`), in the words the claim uses.
pub(super) fn age(lang: Lang, e: &Eligibility) -> String {
    match e {
        Eligibility::Eligible => lang.t("refusal-claim-age-eligible"),
        Eligibility::TooYoung { from } => {
            lang.with("refusal-claim-age-too-young", &[("date", &lang.date_long(*from))])
        }
        Eligibility::TooOld => lang.t("refusal-claim-age-too-old"),
    }
}

impl Explain for Problem {
    fn explain(&self, lang: Lang) -> String {
        let n = |v: &i64| v.to_string();
        match self {
            Problem::Name(e) => e.explain(lang),
            Problem::BirthDate(e) => e.explain(lang),
            Problem::Age(e) => age(lang, e),
            Problem::Snils(e) => e.explain(lang),
            Problem::Contact(e) => e.explain(lang),
            Problem::Bank(e) => e.explain(lang),
            Problem::Inn(e) => e.explain(lang),
            Problem::Ogrn(e) => e.explain(lang),
            Problem::Program(e) => e.explain(lang),
            Problem::MunicipalityCode(e) => e.explain(lang),
            Problem::Login(e) => e.explain(lang),
            Problem::ParentContactMissing => lang.t("refusal-problem-parent-contact-missing"),
            Problem::ScanTooLarge => lang.t("refusal-problem-scan-too-large"),
            Problem::ScanType => lang.t("refusal-problem-scan-type"),
            Problem::ConsentMissing => lang.t("refusal-problem-consent-missing"),
            Problem::MunicipalityName => lang.t("refusal-problem-municipality-name"),
            Problem::MunicipalityKind => lang.t("refusal-problem-municipality-kind"),
            Problem::SupportCentreName => lang.t("refusal-problem-support-centre-name"),
            Problem::CodeTaken { code, municipality } => {
                lang.with("refusal-problem-code-taken", &[("code", code), ("municipality", municipality)])
            }
            Problem::NameTaken { municipality, code } => {
                lang.with("refusal-problem-name-taken", &[("municipality", municipality), ("code", code)])
            }
            Problem::CodeJustTaken => lang.t("refusal-problem-code-just-taken"),
            Problem::NameJustTaken => lang.t("refusal-problem-name-just-taken"),
            Problem::LoginTaken { login } => lang.with("refusal-problem-login-taken", &[("login", login)]),
            Problem::OrganizationKind => lang.t("refusal-problem-organization-kind"),
            Problem::FullNameMissing => lang.t("refusal-problem-full-name-missing"),
            Problem::ShortNameMissing => lang.t("refusal-problem-short-name-missing"),
            Problem::AddressMissing => lang.t("refusal-problem-address-missing"),
            Problem::InnOgrnKind => lang.t("refusal-problem-inn-ogrn-kind"),
            Problem::LicenceMissing => lang.t("refusal-problem-licence-missing"),
            Problem::ContactMissing => lang.t("refusal-problem-contact-missing"),
            Problem::BankName => lang.t("refusal-problem-bank-name"),
            Problem::MunicipalityMissing => lang.t("refusal-problem-municipality-missing"),
            Problem::InviteeName => lang.t("refusal-problem-invitee-name"),
            Problem::Topic => lang.t("refusal-problem-topic"),
            Problem::QuestionMissing => lang.t("refusal-problem-question-missing"),
            Problem::TextTooLong => lang.t("refusal-problem-text-too-long"),
            Problem::TooManyFiles => lang.t("refusal-problem-too-many-files"),
            Problem::FileTooLarge { name } => lang.with("refusal-problem-file-too-large", &[("name", name)]),
            Problem::FileType { name } => lang.with("refusal-problem-file-type", &[("name", name)]),
            Problem::Certifier => lang.t("refusal-problem-certifier"),
            Problem::WholeHours { min, max } => {
                lang.with("refusal-problem-whole-hours", &[("min", &n(min)), ("max", &n(max))])
            }
            Problem::WholeDays { min, max } => {
                lang.with("refusal-problem-whole-days", &[("min", &n(min)), ("max", &n(max))])
            }
            Problem::Direction => lang.t("refusal-problem-direction"),
            Problem::Funding => lang.t("refusal-problem-funding"),
            Problem::Rubles => lang.t("refusal-problem-rubles"),
            Problem::Days => lang.t("refusal-problem-days"),
            Problem::DateFormat => lang.t("refusal-problem-date-format"),
            Problem::DateWindow => lang.t("refusal-problem-date-window"),
            Problem::LotteryWindow => lang.t("refusal-problem-lottery-window"),
            Problem::PhotoTooLarge => lang.t("refusal-problem-photo-too-large"),
            Problem::PhotoType => lang.t("refusal-problem-photo-type"),
            Problem::TooManyPhotos => lang.t("refusal-problem-too-many-photos"),
            Problem::ReasonTooLong => lang.t("refusal-problem-reason-too-long"),
        }
    }
}

#[cfg(test)]
mod tests {
    use dopcert_domain::period::AGE_GROUPS;
    use dopcert_domain::program::ChecklistItem;

    use super::*;
    use crate::refusal::check::same_words;

    #[test]
    fn contact_refusals_read_as_their_display() {
        same_words(&[ContactError::Phone, ContactError::Email]);
    }

    #[test]
    fn certificate_number_refusals_read_as_their_display() {
        same_words(&[
            CertificateNumberError::Length,
            CertificateNumberError::NotDigits,
            CertificateNumberError::Checksum,
        ]);
    }

    #[test]
    fn nominal_refusals_read_as_their_display() {
        // Every plural form of «год» the Russian label takes (21, 22, 25), and the region's groups.
        let mut samples = Vec::new();
        for (from, to) in AGE_GROUPS.into_iter().chain([(5, 21), (5, 22), (5, 25), (5, 111)]) {
            samples.push(NominalError::OutOfRange { from, to });
            samples.push(NominalError::DisabilityBelow { from, to });
        }
        samples.push(NominalError::Groups);
        same_words(&samples);
        let en = NominalError::OutOfRange { from: 7, to: 13 }.explain(Lang::En);
        assert!(en.starts_with("The nominal for children aged 7–13 years must be from "), "{en}");
    }

    #[test]
    fn name_refusals_read_as_their_display() {
        same_words(&[NameError::Missing, NameError::Letters, NameError::TooLong]);
    }

    #[test]
    fn birth_date_refusals_read_as_their_display() {
        same_words(&[
            BirthDateError::Format,
            BirthDateError::NoSuchDate,
            BirthDateError::Future,
            BirthDateError::TooOld,
        ]);
    }

    #[test]
    fn snils_refusals_read_as_their_display() {
        same_words(&[SnilsError::Length, SnilsError::NotDigits, SnilsError::Checksum]);
    }

    #[test]
    fn bank_refusals_read_as_their_display() {
        same_words(&[
            BankError::BikLength,
            BankError::AccountLength,
            BankError::NotDigits,
            BankError::Checksum,
        ]);
    }

    #[test]
    fn inn_refusals_read_as_their_display() {
        same_words(&[InnError::Length, InnError::NotDigits, InnError::Checksum]);
    }

    #[test]
    fn ogrn_refusals_read_as_their_display() {
        same_words(&[OgrnError::Length, OgrnError::NotDigits, OgrnError::Checksum]);
    }

    #[test]
    fn login_and_municipality_code_refusals_read_as_their_display() {
        same_words(&[LoginError]);
        same_words(&[MunicipalityCodeError]);
    }

    #[test]
    fn password_rule_refusals_read_as_their_display() {
        same_words(&[
            PasswordRuleError::TooShort,
            PasswordRuleError::TooLong,
            PasswordRuleError::ContainsLogin,
            PasswordRuleError::Common,
        ]);
    }

    #[test]
    fn program_rule_refusals_read_as_their_display() {
        let mut samples = vec![
            ProgramError::Title,
            ProgramError::DescriptionTooLong,
            ProgramError::AgeOutOfRange,
            ProgramError::AgeReversed,
            ProgramError::Hours,
            ProgramError::NegativePrice,
            ProgramError::PriceTooHigh,
            ProgramError::Seats,
            ProgramError::GroupDates,
            ProgramError::EnrollmentDates,
            ProgramError::ModuleTitle,
            ProgramError::Coordinates,
        ];
        samples.extend(GroupDetail::ALL.into_iter().map(ProgramError::Missing));
        same_words(&samples);
    }

    #[test]
    fn review_refusals_read_as_their_display() {
        let mut samples: Vec<ReviewError> =
            ChecklistItem::ALL.into_iter().map(ReviewError::Unanswered).collect();
        samples.extend(ChecklistItem::ALL.into_iter().map(ReviewError::ReasonMissing));
        samples.extend([ReviewError::NotAllPassed, ReviewError::NothingFailed, ReviewError::ValidUntil]);
        same_words(&samples);
    }

    #[test]
    fn field_problems_read_as_their_display() {
        let young = Eligibility::TooYoung { from: jiff::civil::date(2027, 3, 8) };
        let name = || "scan.pdf".to_string();
        same_words(&[
            Problem::Name(NameError::Letters),
            Problem::BirthDate(BirthDateError::Future),
            Problem::Age(Eligibility::Eligible),
            Problem::Age(young),
            Problem::Age(Eligibility::TooOld),
            Problem::Snils(SnilsError::Checksum),
            Problem::Contact(ContactError::Phone),
            Problem::Bank(BankError::Checksum),
            Problem::Inn(InnError::Length),
            Problem::Ogrn(OgrnError::Checksum),
            Problem::Program(ProgramError::Seats),
            Problem::MunicipalityCode(MunicipalityCodeError),
            Problem::Login(LoginError),
            Problem::ParentContactMissing,
            Problem::ScanTooLarge,
            Problem::ScanType,
            Problem::ConsentMissing,
            Problem::MunicipalityName,
            Problem::MunicipalityKind,
            Problem::SupportCentreName,
            Problem::CodeTaken { code: "bezhetsk".into(), municipality: "Bezhetsk District".into() },
            Problem::NameTaken { municipality: "Bezhetsk District".into(), code: "bezhetsk".into() },
            Problem::CodeJustTaken,
            Problem::NameJustTaken,
            Problem::LoginTaken { login: "moc.rzhev".into() },
            Problem::OrganizationKind,
            Problem::FullNameMissing,
            Problem::ShortNameMissing,
            Problem::AddressMissing,
            Problem::InnOgrnKind,
            Problem::LicenceMissing,
            Problem::ContactMissing,
            Problem::BankName,
            Problem::MunicipalityMissing,
            Problem::InviteeName,
            Problem::Topic,
            Problem::QuestionMissing,
            Problem::TextTooLong,
            Problem::TooManyFiles,
            Problem::FileTooLarge { name: name() },
            Problem::FileType { name: name() },
            Problem::Certifier,
            Problem::WholeHours { min: 1, max: 336 },
            Problem::WholeDays { min: 0, max: 60 },
            Problem::Direction,
            Problem::Funding,
            Problem::Rubles,
            Problem::Days,
            Problem::DateFormat,
            Problem::DateWindow,
            Problem::LotteryWindow,
            Problem::PhotoTooLarge,
            Problem::PhotoType,
            Problem::TooManyPhotos,
            Problem::ReasonTooLong,
        ]);
    }
}
