//! Refusals of the billing area in the page's language.

use dopcert_app::billing::{month_code, BillingError, Refusal};

use super::{sentence, Explain};
use crate::text::Lang;

impl Explain for BillingError {
    fn explain(&self, lang: Lang) -> String {
        let text = match self {
            BillingError::BadMonth => lang.t("refusal-billing-bad-month"),
            BillingError::FutureMonth(month) => {
                lang.with("refusal-billing-future-month", &[("month", &lang.month_year(*month))])
            }
            BillingError::Busy { month, started } => lang.with(
                "refusal-billing-busy",
                &[("month", &month_code(*month)), ("started", &lang.instant(*started))],
            ),
            BillingError::Forbidden => lang.t("refusal-billing-forbidden"),
            BillingError::NotFound => lang.t("refusal-billing-not-found"),
            BillingError::Stale => lang.t("refusal-billing-stale"),
            BillingError::Refused(why) => return why.explain(lang),
            BillingError::Store(_) => lang.t("refusal-store"),
        };
        sentence(&text)
    }
}

impl Explain for Refusal {
    fn explain(&self, lang: Lang) -> String {
        let text = match self {
            Refusal::NoBankDetails => lang.t("refusal-billing-refused-no-bank-details"),
            Refusal::NothingToExport => lang.t("refusal-billing-refused-nothing-to-export"),
            Refusal::ReversalReason => lang.t("refusal-billing-refused-reversal-reason"),
            Refusal::NotACharge => lang.t("refusal-billing-refused-not-a-charge"),
            Refusal::Exported => lang.t("refusal-billing-refused-exported"),
            Refusal::AlreadyReversed => lang.t("refusal-billing-refused-already-reversed"),
            Refusal::ShortOfMoney => lang.t("refusal-billing-refused-short-of-money"),
            Refusal::Lessons => lang.t("refusal-billing-refused-lessons"),
            Refusal::Attended => lang.t("refusal-billing-refused-attended"),
            Refusal::SheetClosed => lang.t("refusal-billing-refused-sheet-closed"),
            Refusal::PreviousPeriod => lang.t("refusal-billing-refused-previous-period"),
            Refusal::PeriodRunning => lang.t("refusal-billing-refused-period-running"),
            Refusal::LastMonthFirst => lang.t("refusal-billing-refused-last-month-first"),
        };
        sentence(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refusal::check::same_words;
    use jiff::civil::date;

    const REFUSALS: [Refusal; 13] = [
        Refusal::NoBankDetails,
        Refusal::NothingToExport,
        Refusal::ReversalReason,
        Refusal::NotACharge,
        Refusal::Exported,
        Refusal::AlreadyReversed,
        Refusal::ShortOfMoney,
        Refusal::Lessons,
        Refusal::Attended,
        Refusal::SheetClosed,
        Refusal::PreviousPeriod,
        Refusal::PeriodRunning,
        Refusal::LastMonthFirst,
    ];

    #[test]
    fn billing_error() {
        let at: jiff::Timestamp = "2026-11-24T11:05:00Z".parse().unwrap();
        let mut samples = vec![
            BillingError::BadMonth,
            BillingError::FutureMonth(date(2026, 12, 1)),
            BillingError::Busy { month: date(2026, 11, 1), started: at },
            BillingError::Forbidden,
            BillingError::NotFound,
            BillingError::Stale,
            // Store(…) holds a database error: not built here.
        ];
        samples.extend(REFUSALS.map(BillingError::Refused));
        same_words(&samples);
        let busy = BillingError::Busy { month: date(2026, 11, 1), started: at };
        assert_eq!(
            busy.explain(Lang::En),
            "Billing for 2026-11 is in progress (started 24 November 2026, 14:05): please wait until it finishes"
        );
        let future = BillingError::FutureMonth(date(2026, 12, 1));
        assert!(future.explain(Lang::En).starts_with("December 2026 "), "{}", future.explain(Lang::En));
        assert!(future.explain(Lang::Ru).starts_with("Декабрь 2026 "), "{}", future.explain(Lang::Ru));
    }

    #[test]
    fn refusal() {
        same_words(&REFUSALS);
    }
}
