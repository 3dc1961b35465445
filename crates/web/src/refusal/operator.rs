//! Refusals of the operator area in the page's language: the back office of the municipal
//! support centres and the regional model centre (periods, queues, municipalities, the audit
//! log, the dashboard, reports, failed e-mails) and the organisation's pupil upload and tokens.

use dopcert_app::audit::{AuditError, QueryProblem};
use dopcert_app::dashboard::DashboardError;
use dopcert_app::duplicates::QueueError;
use dopcert_app::import::{FileError, ImportError, RowProblem};
use dopcert_app::integration::TokenError;
use dopcert_app::mail::OutboxError;
use dopcert_app::municipality::MunicipalityError;
use dopcert_app::period::PeriodError;
use dopcert_app::queues::QueuesError;
use dopcert_app::reports::ReportError;

use super::Explain;
use crate::text::{clause, Lang};

impl Explain for PeriodError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            PeriodError::Forbidden => lang.t("refusal-period-forbidden"),
            PeriodError::NotFound => lang.t("refusal-period-not-found"),
            PeriodError::QuotaOutOfRange => lang.t("refusal-period-quota-out-of-range"),
            PeriodError::PeriodOver => lang.t("refusal-period-period-over"),
            PeriodError::Started => lang.t("refusal-period-started"),
            PeriodError::Nominal(e) => e.explain(lang),
            PeriodError::Year => lang.t("refusal-period-year"),
            PeriodError::DatesReversed => lang.t("refusal-period-dates-reversed"),
            PeriodError::TooLong => lang.t("refusal-period-too-long"),
            PeriodError::InThePast => lang.t("refusal-period-in-the-past"),
            PeriodError::Overlaps(year) => {
                lang.with("refusal-period-overlaps", &[("year", &year.to_string())])
            }
            PeriodError::YearTaken(year) => {
                lang.with("refusal-period-year-taken", &[("year", &year.to_string())])
            }
            PeriodError::Store(_) => lang.t("refusal-store"),
        }
    }
}

impl Explain for QueueError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            QueueError::Forbidden => lang.t("refusal-queue-forbidden"),
            QueueError::NotFound => lang.t("refusal-queue-not-found"),
            QueueError::Store(_) => lang.t("refusal-store"),
        }
    }
}

impl Explain for QueuesError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            QueuesError::Forbidden => lang.t("refusal-queues-forbidden"),
            // The text of a failure underneath (the store's, mostly): logged, never shown.
            QueuesError::Failed(_) => lang.t("refusal-store"),
        }
    }
}

impl Explain for MunicipalityError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            MunicipalityError::Forbidden => lang.t("refusal-municipality-forbidden"),
            MunicipalityError::NotFound => lang.t("refusal-municipality-not-found"),
            MunicipalityError::OperatorNotFound => lang.t("refusal-municipality-operator-not-found"),
            MunicipalityError::Invalid(_) => lang.t("refusal-check-fields"),
            MunicipalityError::Store(_) => lang.t("refusal-store"),
        }
    }
}

impl Explain for AuditError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            AuditError::Forbidden => lang.t("refusal-audit-forbidden"),
            AuditError::BadQuery(problem) => problem.explain(lang),
            AuditError::Store(_) => lang.t("refusal-store"),
        }
    }
}

/// What is wrong with the audit log's search (`AuditError::BadQuery`).
impl Explain for QueryProblem {
    fn explain(&self, lang: Lang) -> String {
        match self {
            QueryProblem::NoLogin => lang.t("refusal-audit-bad-query-no-login"),
            QueryProblem::CertificateNumber(e) => e.explain(lang),
            QueryProblem::NoCertificate => lang.t("refusal-audit-bad-query-no-certificate"),
            QueryProblem::Inn(e) => e.explain(lang),
            QueryProblem::NoOrganization => lang.t("refusal-audit-bad-query-no-organization"),
            QueryProblem::FromDate => lang.t("refusal-audit-bad-query-from-date"),
            QueryProblem::ToDate => lang.t("refusal-audit-bad-query-to-date"),
            QueryProblem::OffCalendar => lang.t("refusal-audit-bad-query-off-calendar"),
            QueryProblem::DatesReversed => lang.t("refusal-audit-bad-query-dates-reversed"),
        }
    }
}

impl Explain for DashboardError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            DashboardError::Forbidden => lang.t("refusal-dashboard-forbidden"),
            DashboardError::NotReady => lang.t("refusal-dashboard-not-ready"),
            DashboardError::Store(_) => lang.t("refusal-store"),
        }
    }
}

impl Explain for ReportError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            ReportError::Forbidden => lang.t("refusal-report-forbidden"),
            ReportError::Store(_) => lang.t("refusal-store"),
        }
    }
}

impl Explain for OutboxError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            OutboxError::Forbidden => lang.t("refusal-outbox-forbidden"),
            OutboxError::Gone => lang.t("refusal-outbox-gone"),
            OutboxError::Store(_) => lang.t("refusal-store"),
        }
    }
}

impl Explain for ImportError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            ImportError::Forbidden => lang.t("refusal-import-forbidden"),
            ImportError::TooLarge => lang.t("refusal-import-too-large"),
            ImportError::File(e) => e.explain(lang),
            // The columns' names are the headings the file must have, in Russian whatever the
            // page's language.
            ImportError::MissingColumns(columns) => {
                lang.with("refusal-import-missing-columns", &[("columns", &columns.join(", "))])
            }
            ImportError::NotPending => lang.t("refusal-import-not-pending"),
            ImportError::HasProblems => lang.t("refusal-import-has-problems"),
            ImportError::Store(_) => lang.t("refusal-store"),
        }
    }
}

impl Explain for FileError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            FileError::Empty => lang.t("refusal-file-empty"),
            // The reader's own words (in English) follow.
            FileError::Xlsx(cause) => lang.with("refusal-file-xlsx", &[("cause", cause)]),
            FileError::Csv(cause) => lang.with("refusal-file-csv", &[("cause", cause)]),
        }
    }
}

/// A problem of one row of a pupils file. Those that name a field put the domain's own refusal
/// after it, as a clause: «ФИО ученика: укажите фамилию и имя».
impl Explain for RowProblem {
    fn explain(&self, lang: Lang) -> String {
        let after = |key: &str, e: &dyn Explain| lang.with(key, &[("problem", &clause(&e.explain(lang)))]);
        match self {
            RowProblem::NoClass => lang.t("refusal-row-problem-no-class"),
            RowProblem::PupilName(e) => after("refusal-row-problem-pupil-name", e),
            RowProblem::Age { age, written } => {
                lang.with("refusal-row-problem-age", &[("age", &age.to_string()), ("written", written)])
            }
            RowProblem::BirthDate(e) => after("refusal-row-problem-birth-date", e),
            RowProblem::Snils(e) => after("refusal-row-problem-snils", e),
            RowProblem::ParentName(e) => after("refusal-row-problem-parent-name", e),
            RowProblem::Phone(raw) => lang.with("refusal-row-problem-phone", &[("phone", raw)]),
            RowProblem::Email(raw) => lang.with("refusal-row-problem-email", &[("email", raw)]),
            RowProblem::Repeated { first } => {
                lang.with("refusal-row-problem-repeated", &[("first", &first.to_string())])
            }
            RowProblem::OtherSnilsInFile { first } => {
                lang.with("refusal-row-problem-other-snils-in-file", &[("first", &first.to_string())])
            }
            RowProblem::KnownWithOtherSnils => lang.t("refusal-row-problem-known-with-other-snils"),
            RowProblem::SeveralKnown => lang.t("refusal-row-problem-several-known"),
        }
    }
}

impl Explain for TokenError {
    fn explain(&self, lang: Lang) -> String {
        match self {
            TokenError::Forbidden => lang.t("refusal-token-forbidden"),
            TokenError::BadName => lang.t("refusal-token-bad-name"),
            TokenError::NotFound => lang.t("refusal-token-not-found"),
            TokenError::Store(_) => lang.t("refusal-store"),
        }
    }
}

#[cfg(test)]
mod tests {
    use dopcert_domain::certificate::CertificateNumberError;
    use dopcert_domain::inn::InnError;
    use dopcert_domain::period::NominalError;
    use dopcert_domain::person::{BirthDateError, NameError};
    use dopcert_domain::snils::SnilsError;

    use super::*;
    use crate::refusal::check::same_words;

    // The `Store` variants hold a store error, which a test does not make: left out everywhere.

    #[test]
    fn period_errors() {
        same_words(&[
            PeriodError::Forbidden,
            PeriodError::NotFound,
            PeriodError::QuotaOutOfRange,
            PeriodError::PeriodOver,
            PeriodError::Started,
            PeriodError::Nominal(NominalError::Groups),
            PeriodError::Year,
            PeriodError::DatesReversed,
            PeriodError::TooLong,
            PeriodError::InThePast,
            PeriodError::Overlaps(2026),
            PeriodError::YearTaken(2027),
        ]);
    }

    #[test]
    fn queue_errors() {
        same_words(&[QueueError::Forbidden, QueueError::NotFound]);
    }

    #[test]
    fn queues_errors() {
        // `Failed` carries the text of a failure underneath (logged, never shown): left out.
        same_words(&[QueuesError::Forbidden]);
    }

    #[test]
    fn municipality_errors() {
        same_words(&[
            MunicipalityError::Forbidden,
            MunicipalityError::NotFound,
            MunicipalityError::OperatorNotFound,
            MunicipalityError::Invalid(Vec::new()),
        ]);
    }

    #[test]
    fn audit_errors() {
        same_words(&[AuditError::Forbidden, AuditError::BadQuery(QueryProblem::NoLogin)]);
    }

    #[test]
    fn audit_query_problems() {
        same_words(&[
            QueryProblem::NoLogin,
            QueryProblem::CertificateNumber(CertificateNumberError::Length),
            QueryProblem::CertificateNumber(CertificateNumberError::NotDigits),
            QueryProblem::CertificateNumber(CertificateNumberError::Checksum),
            QueryProblem::NoCertificate,
            QueryProblem::Inn(InnError::Length),
            QueryProblem::Inn(InnError::NotDigits),
            QueryProblem::Inn(InnError::Checksum),
            QueryProblem::NoOrganization,
            QueryProblem::FromDate,
            QueryProblem::ToDate,
            QueryProblem::OffCalendar,
            QueryProblem::DatesReversed,
        ]);
    }

    #[test]
    fn row_problems() {
        same_words(&[
            RowProblem::NoClass,
            RowProblem::PupilName(NameError::Missing),
            RowProblem::PupilName(NameError::Letters),
            RowProblem::PupilName(NameError::TooLong),
            RowProblem::Age { age: 3, written: "01.01.2023".into() },
            RowProblem::BirthDate(BirthDateError::Format),
            RowProblem::BirthDate(BirthDateError::NoSuchDate),
            RowProblem::BirthDate(BirthDateError::Future),
            RowProblem::BirthDate(BirthDateError::TooOld),
            RowProblem::Snils(SnilsError::Length),
            RowProblem::Snils(SnilsError::NotDigits),
            RowProblem::Snils(SnilsError::Checksum),
            RowProblem::ParentName(NameError::Missing),
            RowProblem::Phone("12345".into()),
            RowProblem::Email("mail".into()),
            RowProblem::Repeated { first: 8 },
            RowProblem::OtherSnilsInFile { first: 10 },
            RowProblem::KnownWithOtherSnils,
            RowProblem::SeveralKnown,
        ]);
    }

    #[test]
    fn a_clause_keeps_abbreviations() {
        assert_eq!(clause("Укажите фамилию и имя"), "укажите фамилию и имя");
        assert_eq!(clause("СНИЛС состоит из 11 цифр"), "СНИЛС состоит из 11 цифр");
        assert_eq!(clause("An INN must consist of digits only"), "an INN must consist of digits only");
        assert_eq!(clause("A SNILS has 11 digits"), "a SNILS has 11 digits");
    }

    #[test]
    fn dashboard_errors() {
        same_words(&[DashboardError::Forbidden, DashboardError::NotReady]);
    }

    #[test]
    fn report_errors() {
        same_words(&[ReportError::Forbidden]);
    }

    #[test]
    fn outbox_errors() {
        same_words(&[OutboxError::Forbidden, OutboxError::Gone]);
    }

    #[test]
    fn import_errors() {
        same_words(&[
            ImportError::Forbidden,
            ImportError::TooLarge,
            ImportError::File(FileError::Empty),
            ImportError::MissingColumns(vec!["Class", "Pupil"]),
            ImportError::NotPending,
            ImportError::HasProblems,
        ]);
    }

    #[test]
    fn file_errors() {
        same_words(&[
            FileError::Empty,
            FileError::Xlsx("invalid zip header".into()),
            FileError::Csv("found record with 3 fields".into()),
        ]);
    }

    #[test]
    fn token_errors() {
        same_words(&[TokenError::Forbidden, TokenError::BadName, TokenError::NotFound]);
    }
}
