//! Enrollment (R08, R09): an application's life as one state machine, and the contract's money —
//! what a month costs, what the certificate covers, what the family pays on top, and how much
//! is held for the rest of the period. Pure rules; the use cases move seats and money.

use jiff::civil::Date;
use jiff::ToSpan;
use serde::{Deserialize, Serialize};

use crate::money::Kopecks;

/// Where an application stands. Every page shows the result of [`transition`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// The group is full: waiting in line for a seat.
    Waitlisted,
    /// A seat freed and is kept for this child until the offer's deadline.
    Offered,
    /// A seat and the money are held; the provider accepts or rejects.
    Pending,
    /// Accepted: the child attends; the contract runs.
    Enrolled,
    Rejected,
    /// The family took the application back.
    Withdrawn,
    /// The offer's deadline passed without an answer; the seat went to the next in line.
    OfferLapsed,
    /// The enrollment ended (the family or the provider ended it, or the group finished).
    Ended,
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 8] = [
        ApplicationStatus::Waitlisted,
        ApplicationStatus::Offered,
        ApplicationStatus::Pending,
        ApplicationStatus::Enrolled,
        ApplicationStatus::Rejected,
        ApplicationStatus::Withdrawn,
        ApplicationStatus::OfferLapsed,
        ApplicationStatus::Ended,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ApplicationStatus::Waitlisted => "waitlisted",
            ApplicationStatus::Offered => "offered",
            ApplicationStatus::Pending => "pending",
            ApplicationStatus::Enrolled => "enrolled",
            ApplicationStatus::Rejected => "rejected",
            ApplicationStatus::Withdrawn => "withdrawn",
            ApplicationStatus::OfferLapsed => "offer_lapsed",
            ApplicationStatus::Ended => "ended",
        }
    }

    pub fn parse(code: &str) -> Option<ApplicationStatus> {
        ApplicationStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            ApplicationStatus::Waitlisted => "в листе ожидания",
            ApplicationStatus::Offered => "предложено место",
            ApplicationStatus::Pending => "на рассмотрении у организации",
            ApplicationStatus::Enrolled => "зачислен",
            ApplicationStatus::Rejected => "отклонена",
            ApplicationStatus::Withdrawn => "отозвана",
            ApplicationStatus::OfferLapsed => "предложение истекло",
            ApplicationStatus::Ended => "обучение завершено",
        }
    }

    /// Takes one of the group's seats (R09: seats move with the status, in one transaction).
    pub fn holds_seat(self) -> bool {
        matches!(self, ApplicationStatus::Offered | ApplicationStatus::Pending | ApplicationStatus::Enrolled)
    }

    /// Holds money on the certificate (R08).
    pub fn holds_money(self) -> bool {
        matches!(self, ApplicationStatus::Pending | ApplicationStatus::Enrolled)
    }

    /// No further change.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Rejected
                | ApplicationStatus::Withdrawn
                | ApplicationStatus::OfferLapsed
                | ApplicationStatus::Ended
        )
    }
}

/// What happens to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationAction {
    /// A seat freed: offer it to the first in line.
    Offer,
    /// The family takes the offered seat (the money is held then).
    TakeOffer,
    /// The offer's deadline passed.
    LapseOffer,
    Accept,
    Reject,
    Withdraw,
    End,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("заявку со статусом «{}» нельзя {}", .from.title(), action_title(*.action))]
pub struct ApplicationTransitionError {
    pub from: ApplicationStatus,
    pub action: ApplicationAction,
}

fn action_title(a: ApplicationAction) -> &'static str {
    match a {
        ApplicationAction::Offer => "предложить место",
        ApplicationAction::TakeOffer => "подтвердить",
        ApplicationAction::LapseOffer => "считать истёкшей",
        ApplicationAction::Accept => "принять",
        ApplicationAction::Reject => "отклонить",
        ApplicationAction::Withdraw => "отозвать",
        ApplicationAction::End => "завершить",
    }
}

/// The one state machine of an application.
pub fn transition(
    from: ApplicationStatus,
    action: ApplicationAction,
) -> Result<ApplicationStatus, ApplicationTransitionError> {
    use ApplicationAction as A;
    use ApplicationStatus as S;
    let to = match (from, action) {
        (S::Waitlisted, A::Offer) => S::Offered,
        (S::Offered, A::TakeOffer) => S::Pending,
        (S::Offered, A::LapseOffer) => S::OfferLapsed,
        (S::Pending, A::Accept) => S::Enrolled,
        (S::Pending, A::Reject) => S::Rejected,
        (S::Waitlisted | S::Offered | S::Pending, A::Withdraw) => S::Withdrawn,
        (S::Enrolled, A::End) => S::Ended,
        _ => return Err(ApplicationTransitionError { from, action }),
    };
    Ok(to)
}

/// One calendar month of a contract and its share of the days of that month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthShare {
    /// The month's first day.
    pub month: Date,
    /// Days of the month inside the contract.
    pub days: i8,
    /// Days the month has.
    pub of: i8,
}

/// The months from `from` to `to` (both inclusive) with the days of each inside the range.
pub fn months(from: Date, to: Date) -> Vec<MonthShare> {
    let mut out = Vec::new();
    if to < from {
        return out;
    }
    let mut first = from.first_of_month();
    while first <= to {
        let last = first.last_of_month();
        let (a, b) = (from.max(first), to.min(last));
        out.push(MonthShare { month: first, days: b.day() - a.day() + 1, of: last.day() });
        first = first.checked_add(1.month()).expect("a month after a real date exists");
    }
    out
}

/// `amount` for `days` of a month of `of` days, rounded down to the kopeck: a family is never
/// charged a fraction more than the days it had.
pub fn prorate(amount: Kopecks, days: i8, of: i8) -> Kopecks {
    if days >= of {
        return amount;
    }
    Kopecks::new(amount.get() * i64::from(days.max(0)) / i64::from(of))
}

/// What a contract costs the certificate for one month: its share of the month's days (pro
/// rata, down), and where the provider keeps an attendance sheet, in proportion to the lessons
/// attended (`(attended, lessons)`; a child without a mark is charged the days). `None` when
/// the contract does not run in the month.
pub fn month_charge(
    covered_per_month: Kopecks,
    start: Date,
    end: Date,
    month: Date,
    attendance: Option<(i64, i64)>,
) -> Option<(MonthShare, Kopecks)> {
    let first = month.first_of_month();
    let share = months(start.max(first), end.min(first.last_of_month())).into_iter().next()?;
    let base = prorate(covered_per_month, share.days, share.of);
    let amount = match attendance {
        Some((attended, lessons)) if lessons > 0 => {
            Kopecks::new(base.get() * attended.clamp(0, lessons) / lessons)
        }
        _ => base,
    };
    Some((share, amount))
}

/// A contract's money (the оферта the family accepts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractTerms {
    pub price_per_month: Kopecks,
    /// What the certificate pays of a full month: the price, at most the normative cost.
    pub covered_per_month: Kopecks,
    /// What the family pays on top for a full month.
    pub family_per_month: Kopecks,
    pub months: Vec<MonthShare>,
    /// All months, pro rata.
    pub total: Kopecks,
    /// Held on the certificate at enrollment (R08): the certificate's share of all months.
    pub hold: Kopecks,
    /// The family's share of all months.
    pub family_total: Kopecks,
}

/// The terms of a contract that starts on `start` (the later of the day of acceptance and the
/// group's start) and runs to `end` (the earlier of the group's end and the period's end).
pub fn contract(price_per_month: Kopecks, normative_cost: Kopecks, start: Date, end: Date) -> ContractTerms {
    let covered_per_month = price_per_month.min(normative_cost);
    let family_per_month = Kopecks::new(price_per_month.get() - covered_per_month.get());
    let months = months(start, end);
    let sum = |per: Kopecks| months.iter().map(|m| prorate(per, m.days, m.of).get()).sum::<i64>();
    let hold = Kopecks::new(sum(covered_per_month));
    let family_total = Kopecks::new(sum(family_per_month));
    ContractTerms {
        price_per_month,
        covered_per_month,
        family_per_month,
        total: Kopecks::new(hold.get() + family_total.get()),
        hold,
        family_total,
        months,
    }
}

/// A lottery's draw: applicants in the order of SHA-256 over «seed:application id» (hex,
/// ascending), the first `seats` win. The seed is published with the result, so anyone can
/// re-run the draw with a standard tool (`printf '%s' "$SEED:$ID" | sha256sum`) and check it.
pub fn draw<'a>(seed: &str, applications: &[&'a str], seats: usize) -> (Vec<&'a str>, Vec<&'a str>) {
    use sha2::{Digest, Sha256};
    let mut keyed: Vec<(String, &str)> = applications
        .iter()
        .map(|id| {
            let digest = Sha256::digest(format!("{seed}:{id}").as_bytes());
            (digest.iter().map(|b| format!("{b:02x}")).collect::<String>(), *id)
        })
        .collect();
    keyed.sort();
    let order: Vec<&str> = keyed.into_iter().map(|(_, id)| id).collect();
    let (won, waiting) = order.split_at(seats.min(order.len()));
    (won.to_vec(), waiting.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn r08_an_application_lives_in_one_state_machine_and_only_some_states_hold_seats_or_money() {
        use ApplicationAction as A;
        use ApplicationStatus as S;
        let mut s = S::Waitlisted;
        for (action, expected) in
            [(A::Offer, S::Offered), (A::TakeOffer, S::Pending), (A::Accept, S::Enrolled), (A::End, S::Ended)]
        {
            s = transition(s, action).unwrap();
            assert_eq!(s, expected, "{action:?}");
        }
        assert_eq!(transition(S::Offered, A::LapseOffer), Ok(S::OfferLapsed));
        assert_eq!(transition(S::Pending, A::Reject), Ok(S::Rejected));
        let e = transition(S::Withdrawn, A::Accept).unwrap_err();
        assert_eq!(
            e.to_string(),
            "заявку со статусом «отозвана» нельзя принять",
            "withdrawn a second earlier"
        );
        for st in S::ALL {
            assert_eq!(S::parse(st.code()), Some(st));
            assert!(!(st.is_final() && st.holds_seat()), "{st:?}: a final status frees its seat");
            assert!(!st.holds_money() || st.holds_seat(), "{st:?}: money is held only with a seat");
        }
    }

    #[test]
    fn a_lottery_draw_is_the_same_for_anyone_who_reruns_it_and_differs_by_seed() {
        let ids = ["a1", "b2", "c3", "d4", "e5"];
        let (won, waiting) = draw("2026-12-01/группа-1", &ids, 2);
        assert_eq!((won.len(), waiting.len()), (2, 3));
        let again = draw("2026-12-01/группа-1", &["e5", "d4", "c3", "b2", "a1"], 2);
        assert_eq!((won.clone(), waiting.clone()), again, "the order of applying does not matter");
        let orders: std::collections::HashSet<Vec<&str>> =
            (0..20).map(|s| draw(&format!("seed-{s}"), &ids, 5).0).collect();
        assert!(orders.len() > 10, "another seed, another order");
        // Checkable by hand: `printf '%s' x:a1 | sha256sum` gives 2b18…, x:c3 2ff1…, x:b2 ce3a….
        assert_eq!(draw("x", &["b2", "c3", "a1"], 3).0, ["a1", "c3", "b2"]);
        assert_eq!(draw("x", &ids, 10).0.len(), 5, "more seats than applicants: everyone");
    }

    #[test]
    fn months_are_cut_to_the_contract_and_partial_months_are_prorated_down() {
        let m = months(date(2026, 11, 16), date(2027, 1, 10));
        assert_eq!(
            m.iter().map(|s| (s.month.month(), s.days, s.of)).collect::<Vec<_>>(),
            [(11, 15, 30), (12, 31, 31), (1, 10, 31)]
        );
        assert_eq!(months(date(2024, 2, 1), date(2024, 2, 29))[0].of, 29, "a leap February");
        assert!(months(date(2027, 1, 1), date(2026, 12, 31)).is_empty());
        assert_eq!(prorate(Kopecks::new(100_000), 10, 31), Kopecks::new(32_258), "down, not up");
        assert_eq!(prorate(Kopecks::new(100_000), 31, 31), Kopecks::new(100_000));
    }

    #[test]
    fn r08_a_month_is_charged_for_its_days_and_by_attendance_never_more_than_held() {
        let per = Kopecks::from_rubles(1_800);
        let (start, end) = (date(2026, 11, 16), date(2027, 1, 10));
        let (share, full) = month_charge(per, start, end, date(2026, 12, 1), None).unwrap();
        assert_eq!((share.days, share.of, full), (31, 31, per));
        let (_, half) = month_charge(per, start, end, date(2026, 11, 1), None).unwrap();
        assert_eq!(half, Kopecks::from_rubles(900), "15 of 30 days");
        let (_, by_lessons) = month_charge(per, start, end, date(2026, 12, 1), Some((6, 8))).unwrap();
        assert_eq!(by_lessons, Kopecks::from_rubles(1_350), "6 of 8 lessons");
        let (_, over) = month_charge(per, start, end, date(2026, 12, 1), Some((12, 8))).unwrap();
        assert_eq!(over, per, "more lessons marked than held: never more than the month");
        assert!(month_charge(per, start, end, date(2027, 2, 1), None).is_none(), "after the contract");
        let held = contract(per, per, start, end).hold;
        let billed: i64 = [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)]
            .into_iter()
            .map(|m| month_charge(per, start, end, m, None).unwrap().1.get())
            .sum();
        assert_eq!(billed, held.get(), "the months charged in full add up to the hold exactly");
    }

    #[test]
    fn r08_the_hold_is_the_certificates_share_of_the_rest_of_the_period_and_the_family_pays_the_rest() {
        // 2,500 ₽ a month, the normative cost 1,800 ₽: the certificate pays 1,800, the family 700.
        let t = contract(
            Kopecks::from_rubles(2_500),
            Kopecks::from_rubles(1_800),
            date(2026, 11, 16),
            date(2026, 12, 31),
        );
        assert_eq!(
            (t.covered_per_month, t.family_per_month),
            (Kopecks::from_rubles(1_800), Kopecks::from_rubles(700))
        );
        // November: 15 of 30 days.
        assert_eq!(t.hold, Kopecks::from_rubles(900 + 1_800));
        assert_eq!(t.family_total, Kopecks::from_rubles(350 + 700));
        assert_eq!(t.total.get(), t.hold.get() + t.family_total.get());
        let cheap = contract(
            Kopecks::from_rubles(1_000),
            Kopecks::from_rubles(1_800),
            date(2026, 12, 1),
            date(2026, 12, 31),
        );
        assert_eq!((cheap.hold, cheap.family_total), (Kopecks::from_rubles(1_000), Kopecks::ZERO));
        let free = contract(Kopecks::ZERO, Kopecks::ZERO, date(2026, 12, 1), date(2027, 5, 31));
        assert_eq!((free.hold, free.total), (Kopecks::ZERO, Kopecks::ZERO));
    }
}
