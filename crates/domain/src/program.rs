//! Programs (дополнительные общеразвивающие программы): their direction, the terms a family
//! pays by, their groups, and the life of their certification (R07: money pays only for a
//! program with the status «сертифицированная»). Pure rules; the catalog and its pages build on
//! them.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::money::Kopecks;

/// The six directions of additional education (приказ Минпросвещения № 629).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Technical,
    NaturalScience,
    PhysicalSport,
    Artistic,
    TourismLocalHistory,
    SocialHumanitarian,
}

impl Direction {
    pub const ALL: [Direction; 6] = [
        Direction::Technical,
        Direction::NaturalScience,
        Direction::PhysicalSport,
        Direction::Artistic,
        Direction::TourismLocalHistory,
        Direction::SocialHumanitarian,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Direction::Technical => "technical",
            Direction::NaturalScience => "natural_science",
            Direction::PhysicalSport => "physical_sport",
            Direction::Artistic => "artistic",
            Direction::TourismLocalHistory => "tourism",
            Direction::SocialHumanitarian => "social",
        }
    }

    pub fn parse(code: &str) -> Option<Direction> {
        Direction::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            Direction::Technical => "Техническая",
            Direction::NaturalScience => "Естественнонаучная",
            Direction::PhysicalSport => "Физкультурно-спортивная",
            Direction::Artistic => "Художественная",
            Direction::TourismLocalHistory => "Туристско-краеведческая",
            Direction::SocialHumanitarian => "Социально-гуманитарная",
        }
    }
}

/// Problems with what a provider typed; each says what to fix, in Russian.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProgramError {
    #[error("название программы — от 3 до 200 символов")]
    Title,
    #[error("описание — не длиннее 5000 символов")]
    DescriptionTooLong,
    #[error("возраст детей — от {MIN_AGE} до {MAX_AGE} лет")]
    AgeOutOfRange,
    #[error("возраст «с» не может быть больше возраста «до»")]
    AgeReversed,
    #[error("часов в модуле — от 1 до {MAX_MODULE_HOURS}")]
    Hours,
    #[error("цена не может быть отрицательной")]
    NegativePrice,
    #[error("цена за месяц — не больше 100 000 ₽")]
    PriceTooHigh,
    #[error("мест в группе — от 1 до {MAX_SEATS}")]
    Seats,
    #[error("группа не может закончиться раньше, чем начнётся")]
    GroupDates,
    #[error("запись должна открыться раньше, чем закроется, и закрыться до конца занятий")]
    EnrollmentDates,
    #[error("название модуля — от 1 до 200 символов")]
    ModuleTitle,
    #[error("нужно указать: {}", .0.title())]
    Missing(GroupDetail),
    #[error("координаты — два числа через запятую: сначала широта (от 41 до 82), затем долгота (от 19 до 180), например 56.8587, 35.9176")]
    Coordinates,
}

/// What a group must have filled in (`ProgramError::Missing` names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupDetail {
    Title,
    Teacher,
    Schedule,
    Address,
}

impl GroupDetail {
    /// Every one of them (the pages' tests word each).
    pub const ALL: [GroupDetail; 4] =
        [GroupDetail::Title, GroupDetail::Teacher, GroupDetail::Schedule, GroupDetail::Address];

    /// Its name in `ProgramError::Missing`'s Russian text: «нужно указать: педагог».
    pub fn title(self) -> &'static str {
        match self {
            GroupDetail::Title => "название группы",
            GroupDetail::Teacher => "педагог",
            GroupDetail::Schedule => "расписание",
            GroupDetail::Address => "адрес занятий",
        }
    }
}

/// How a family pays for a program: free programs are paid by the municipality's budget;
/// the others by the certificate's money (R07: only once certified).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Funding {
    Free,
    Certificate,
}

impl Funding {
    pub const ALL: [Funding; 2] = [Funding::Free, Funding::Certificate];

    pub fn code(self) -> &'static str {
        match self {
            Funding::Free => "free",
            Funding::Certificate => "certificate",
        }
    }

    pub fn parse(code: &str) -> Option<Funding> {
        Funding::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            Funding::Free => "бесплатно",
            Funding::Certificate => "по сертификату",
        }
    }
}

/// The days a group meets, as a set: Monday is bit 0, Sunday bit 6. The catalog filters by
/// it, groups store it, forms send it as codes «mon» … «sun».
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Weekdays(u8);

const DAY_CODES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_TITLES: [&str; 7] = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"];

impl Weekdays {
    pub const NONE: Weekdays = Weekdays(0);
    pub const MONDAY: Weekdays = Weekdays(1);
    pub const TUESDAY: Weekdays = Weekdays(1 << 1);
    pub const WEDNESDAY: Weekdays = Weekdays(1 << 2);
    pub const THURSDAY: Weekdays = Weekdays(1 << 3);
    pub const FRIDAY: Weekdays = Weekdays(1 << 4);
    pub const SATURDAY: Weekdays = Weekdays(1 << 5);
    pub const SUNDAY: Weekdays = Weekdays(1 << 6);
    /// The seven single days, Monday first (as `Direction::ALL` lists directions).
    pub const ALL: [Weekdays; 7] = [
        Weekdays::MONDAY,
        Weekdays::TUESDAY,
        Weekdays::WEDNESDAY,
        Weekdays::THURSDAY,
        Weekdays::FRIDAY,
        Weekdays::SATURDAY,
        Weekdays::SUNDAY,
    ];

    /// Keeps the seven weekday bits; the eighth is dropped.
    pub const fn from_bits(bits: u8) -> Weekdays {
        Weekdays(bits & 0x7f)
    }

    pub const fn bits(self) -> u8 {
        self.0
    }

    pub fn from_weekday(day: jiff::civil::Weekday) -> Weekdays {
        Weekdays(1 << day.to_monday_zero_offset())
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub const fn contains(self, other: Weekdays) -> bool {
        self.0 & other.0 == other.0
    }

    pub const fn intersects(self, other: Weekdays) -> bool {
        self.0 & other.0 != 0
    }

    /// The single days in the set, Monday first.
    pub fn iter(self) -> impl Iterator<Item = Weekdays> {
        Weekdays::ALL.into_iter().filter(move |d| self.intersects(*d))
    }

    /// Codes separated by commas: "mon", "mon,wed", "" for no day; `parse` reads them back.
    pub fn code(self) -> String {
        self.names(&DAY_CODES, ",")
    }

    /// Parses "mon".."sun", or several of them separated by commas. `None` on anything else.
    pub fn parse(codes: &str) -> Option<Weekdays> {
        codes.split(',').map(str::trim).filter(|c| !c.is_empty()).try_fold(Weekdays::NONE, |set, code| {
            let i = DAY_CODES.iter().position(|c| *c == code)?;
            Some(set | Weekdays::ALL[i])
        })
    }

    /// The days a form ticked (each a code); unknown codes are ignored.
    pub fn from_codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> Weekdays {
        codes.into_iter().filter_map(Weekdays::parse).fold(Weekdays::NONE, |a, d| a | d)
    }

    /// «пн», «пн, ср, пт».
    pub fn title(self) -> String {
        self.names(&DAY_TITLES, ", ")
    }

    fn names(self, names: &[&str; 7], separator: &str) -> String {
        let picked: Vec<&str> = (0..7).filter(|i| self.0 & (1 << i) != 0).map(|i| names[i]).collect();
        picked.join(separator)
    }
}

impl std::ops::BitOr for Weekdays {
    type Output = Weekdays;

    fn bitor(self, other: Weekdays) -> Weekdays {
        Weekdays(self.0 | other.0)
    }
}

impl fmt::Display for Weekdays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.title())
    }
}

/// A place on the map, in microdegrees (no floats in the database).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    pub lat_e6: i64,
    pub lon_e6: i64,
}

impl Point {
    /// Reads «56.8587, 35.9176» (latitude, longitude; a comma or a space between). Russia lies
    /// between 41° and 82° north; longitudes from 19° east to 180°.
    pub fn parse(raw: &str) -> Result<Point, ProgramError> {
        let parts: Vec<&str> = raw
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        let [lat, lon] = parts.as_slice() else { return Err(ProgramError::Coordinates) };
        let degrees = |s: &str| s.parse::<f64>().ok().filter(|v| v.is_finite());
        let (Some(lat), Some(lon)) = (degrees(lat), degrees(lon)) else {
            return Err(ProgramError::Coordinates);
        };
        if !(41.0..=82.0).contains(&lat) || !(19.0..=180.0).contains(&lon) {
            return Err(ProgramError::Coordinates);
        }
        Ok(Point { lat_e6: (lat * 1e6).round() as i64, lon_e6: (lon * 1e6).round() as i64 })
    }

    pub fn lat(self) -> f64 {
        self.lat_e6 as f64 / 1e6
    }

    pub fn lon(self) -> f64 {
        self.lon_e6 as f64 / 1e6
    }
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.6}, {:.6}", self.lat(), self.lon())
    }
}

/// A text a provider must fill in: trimmed, not empty, at most `max` characters.
pub fn required(raw: &str, what: GroupDetail, max: usize) -> Result<String, ProgramError> {
    let t = printable(raw, false).split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() || t.chars().count() > max {
        return Err(ProgramError::Missing(what));
    }
    Ok(t)
}

pub fn module_title(raw: &str) -> Result<String, ProgramError> {
    let t = printable(raw, false).split_whitespace().collect::<Vec<_>>().join(" ");
    match t.chars().count() {
        1..=200 => Ok(t),
        _ => Err(ProgramError::ModuleTitle),
    }
}

/// The ages additional education serves (a child of 3 may go to a kindergarten's club; a
/// certificate pays from 5).
pub const MIN_AGE: u8 = 3;
pub const MAX_AGE: u8 = 18;
/// Hours of one module: a year of daily lessons is about 500; more is a typo.
pub const MAX_MODULE_HOURS: u32 = 2_000;
/// Seats in one group: a room, not a stadium.
pub const MAX_SEATS: u32 = 200;
const MAX_MONTHLY_PRICE: Kopecks = Kopecks::from_rubles(100_000);

/// Drops control characters (a NUL pasted from another program, a stray escape); a description
/// keeps its line breaks.
fn printable(raw: &str, keep_newlines: bool) -> String {
    raw.chars().filter(|c| !c.is_control() || (keep_newlines && *c == '\n')).collect()
}

/// Checks a title: trimmed, 3 to 200 characters. Any characters are kept as text (pages escape
/// them), so markup in a title is shown, never run.
pub fn title(raw: &str) -> Result<String, ProgramError> {
    let t = printable(raw, false).split_whitespace().collect::<Vec<_>>().join(" ");
    match t.chars().count() {
        3..=200 => Ok(t),
        _ => Err(ProgramError::Title),
    }
}

pub fn description(raw: &str) -> Result<String, ProgramError> {
    let d = printable(&raw.trim().replace("\r\n", "\n"), true);
    if d.chars().count() > 5_000 {
        return Err(ProgramError::DescriptionTooLong);
    }
    Ok(d)
}

/// The ages a program takes, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeRange {
    min: u8,
    max: u8,
}

impl AgeRange {
    pub fn new(min: u8, max: u8) -> Result<Self, ProgramError> {
        if !(MIN_AGE..=MAX_AGE).contains(&min) || !(MIN_AGE..=MAX_AGE).contains(&max) {
            return Err(ProgramError::AgeOutOfRange);
        }
        if min > max {
            return Err(ProgramError::AgeReversed);
        }
        Ok(AgeRange { min, max })
    }

    pub fn min(self) -> u8 {
        self.min
    }

    pub fn max(self) -> u8 {
        self.max
    }

    pub fn contains(self, age: i16) -> bool {
        (i16::from(self.min)..=i16::from(self.max)).contains(&age)
    }
}

impl fmt::Display for AgeRange {
    /// «от 7 до 12 лет».
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let years = crate::format::plural(self.max, "года", "лет", "лет");
        write!(f, "от {} до {} {years}", self.min, self.max)
    }
}

/// What a module costs and lasts: the terms a certification is given for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleTerms {
    pub hours: u32,
    pub price_per_month: Kopecks,
    /// The normative cost the municipality pays at most (the family pays any difference).
    pub normative_cost: Kopecks,
}

impl ModuleTerms {
    pub fn new(hours: u32, price_per_month: Kopecks, normative_cost: Kopecks) -> Result<Self, ProgramError> {
        if !(1..=MAX_MODULE_HOURS).contains(&hours) {
            return Err(ProgramError::Hours);
        }
        for k in [price_per_month, normative_cost] {
            if k < Kopecks::ZERO {
                return Err(ProgramError::NegativePrice);
            }
            if k > MAX_MONTHLY_PRICE {
                return Err(ProgramError::PriceTooHigh);
            }
        }
        Ok(ModuleTerms { hours, price_per_month, normative_cost })
    }
}

/// A group's seats and dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupTerms {
    pub seats: u32,
    pub starts_on: Date,
    pub ends_on: Date,
    pub enrollment_from: Date,
    pub enrollment_to: Date,
}

impl GroupTerms {
    pub fn new(
        seats: u32,
        starts_on: Date,
        ends_on: Date,
        enrollment_from: Date,
        enrollment_to: Date,
    ) -> Result<Self, ProgramError> {
        if !(1..=MAX_SEATS).contains(&seats) {
            return Err(ProgramError::Seats);
        }
        if ends_on < starts_on {
            return Err(ProgramError::GroupDates);
        }
        if enrollment_to < enrollment_from || enrollment_to > ends_on {
            return Err(ProgramError::EnrollmentDates);
        }
        Ok(GroupTerms { seats, starts_on, ends_on, enrollment_from, enrollment_to })
    }
}

/// The terms a certification is given for: an edit that changes any of them (how it is paid,
/// the ages, a module's hours or prices) sends a certified program back to review; other edits
/// (the description, photos, a group) do not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertifiedTerms {
    pub funding: Funding,
    pub ages: AgeRange,
    pub modules: Vec<ModuleTerms>,
}

impl CertifiedTerms {
    /// The terms as one line, stored with a certification and compared on every edit:
    /// «certificate;7-12;72:150000:120000;36:90000:90000»: stored with a certification, compared
    /// with the program's terms after every edit.
    pub fn to_text(&self) -> String {
        let mut t = format!("{};{}-{}", self.funding.code(), self.ages.min, self.ages.max);
        for m in &self.modules {
            t.push_str(&format!(";{}:{}:{}", m.hours, m.price_per_month.get(), m.normative_cost.get()));
        }
        t
    }
}

/// A program's status. Only `Certified` takes money (R07) and new enrollments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgramStatus {
    Draft,
    /// Submitted for certification, in review.
    Submitted,
    /// Returned with reasons, to fix and submit again.
    Returned,
    /// «сертифицированная», until a date.
    Certified,
    /// The certification ran out; existing contracts run to their end.
    Expired,
}

impl ProgramStatus {
    pub const ALL: [ProgramStatus; 5] = [
        ProgramStatus::Draft,
        ProgramStatus::Submitted,
        ProgramStatus::Returned,
        ProgramStatus::Certified,
        ProgramStatus::Expired,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProgramStatus::Draft => "draft",
            ProgramStatus::Submitted => "submitted",
            ProgramStatus::Returned => "returned",
            ProgramStatus::Certified => "certified",
            ProgramStatus::Expired => "expired",
        }
    }

    pub fn parse(code: &str) -> Option<ProgramStatus> {
        ProgramStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            ProgramStatus::Draft => "черновик",
            ProgramStatus::Submitted => "на сертификации",
            ProgramStatus::Returned => "возвращена на доработку",
            ProgramStatus::Certified => "сертифицированная",
            ProgramStatus::Expired => "сертификация истекла",
        }
    }

    /// R07: only a certified program takes new enrollments paid from a certificate.
    pub fn takes_enrollments(self) -> bool {
        self == ProgramStatus::Certified
    }
}

/// What happens to a program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgramAction {
    /// The provider sends it for certification.
    Submit,
    /// The reviewer certifies it, until a date.
    Certify,
    /// The reviewer returns it with reasons.
    Return,
    /// A certified program's price, hours or ages were edited.
    EditTerms,
    /// The certification's date has passed.
    Expire,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("программу со статусом «{}» нельзя {}", .from.title(), action_title(*.action))]
pub struct TransitionError {
    pub from: ProgramStatus,
    pub action: ProgramAction,
}

fn action_title(a: ProgramAction) -> &'static str {
    match a {
        ProgramAction::Submit => "отправить на сертификацию",
        ProgramAction::Certify => "сертифицировать",
        ProgramAction::Return => "вернуть на доработку",
        ProgramAction::EditTerms => "изменить так",
        ProgramAction::Expire => "считать истёкшей",
    }
}

/// The one state machine of a program's certification; every page shows the result of this.
pub fn transition(from: ProgramStatus, action: ProgramAction) -> Result<ProgramStatus, TransitionError> {
    use ProgramAction as A;
    use ProgramStatus as S;
    let to = match (from, action) {
        (S::Draft | S::Returned | S::Expired, A::Submit) => S::Submitted,
        (S::Submitted, A::Certify) => S::Certified,
        (S::Submitted, A::Return) => S::Returned,
        (S::Certified, A::EditTerms) => S::Submitted,
        // Editing a draft or a returned program is just editing.
        (S::Draft | S::Returned, A::EditTerms) => from,
        (S::Certified, A::Expire) => S::Expired,
        _ => return Err(TransitionError { from, action }),
    };
    Ok(to)
}

/// What a reviewer checks before certifying a program; a return names the items that failed,
/// each with its reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChecklistItem {
    /// The title and direction match the content.
    TitleAndDirection,
    /// The description states the aim, the content and the expected results.
    Description,
    /// The ages fit the content and the certificate's ages.
    Ages,
    /// The modules' hours add up to the curriculum.
    Hours,
    /// The price is justified; it is not above the normative cost without a reason.
    Price,
    /// Every group has a teacher, a schedule, an address and seats.
    Groups,
    /// The provider's licence covers additional education (a sole entrepreneur teaching alone
    /// needs none).
    Licence,
}

impl ChecklistItem {
    pub const ALL: [ChecklistItem; 7] = [
        ChecklistItem::TitleAndDirection,
        ChecklistItem::Description,
        ChecklistItem::Ages,
        ChecklistItem::Hours,
        ChecklistItem::Price,
        ChecklistItem::Groups,
        ChecklistItem::Licence,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ChecklistItem::TitleAndDirection => "title",
            ChecklistItem::Description => "description",
            ChecklistItem::Ages => "ages",
            ChecklistItem::Hours => "hours",
            ChecklistItem::Price => "price",
            ChecklistItem::Groups => "groups",
            ChecklistItem::Licence => "licence",
        }
    }

    pub fn parse(code: &str) -> Option<ChecklistItem> {
        ChecklistItem::ALL.into_iter().find(|i| i.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            ChecklistItem::TitleAndDirection => "Название и направленность соответствуют содержанию",
            ChecklistItem::Description => "В описании есть цель, содержание и ожидаемые результаты",
            ChecklistItem::Ages => "Возраст детей соответствует содержанию",
            ChecklistItem::Hours => "Часы модулей соответствуют учебному плану",
            ChecklistItem::Price => "Цена обоснована и не выше нормативной стоимости без причины",
            ChecklistItem::Groups => "У каждой группы есть педагог, расписание, адрес и места",
            ChecklistItem::Licence => "У организации есть лицензия на дополнительное образование",
        }
    }
}

/// A reviewer's answer on one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub item: ChecklistItem,
    pub passed: bool,
    pub reason: Option<String>,
}

/// What a review decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Certify { valid_until: Date },
    Return,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("отметьте каждый пункт проверки: «{}»", .0.title())]
    Unanswered(ChecklistItem),
    #[error("напишите, что исправить в пункте «{}»", .0.title())]
    ReasonMissing(ChecklistItem),
    #[error("сертифицировать можно, только если все пункты выполнены")]
    NotAllPassed,
    #[error("чтобы вернуть программу, отметьте пункт, который не выполнен, и причину")]
    NothingFailed,
    #[error("срок действия сертификации — дата в будущем, не дальше чем через 5 лет")]
    ValidUntil,
}

/// Checks a review: every item answered; a failed item carries its reason; certifying needs
/// every item passed and a date up to 5 years ahead; returning needs at least one failed item.
pub fn check_review(verdicts: &[Verdict], decision: &Decision, today: Date) -> Result<(), ReviewError> {
    for item in ChecklistItem::ALL {
        let Some(v) = verdicts.iter().find(|v| v.item == item) else {
            return Err(ReviewError::Unanswered(item));
        };
        if !v.passed && v.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            return Err(ReviewError::ReasonMissing(item));
        }
    }
    let all_passed = verdicts.iter().all(|v| v.passed);
    match decision {
        Decision::Certify { valid_until } => {
            if !all_passed {
                return Err(ReviewError::NotAllPassed);
            }
            let limit = today.saturating_add(jiff::Span::new().years(5));
            if *valid_until <= today || *valid_until > limit {
                return Err(ReviewError::ValidUntil);
            }
        }
        Decision::Return if all_passed => return Err(ReviewError::NothingFailed),
        Decision::Return => {}
    }
    Ok(())
}

/// A certification runs out on `valid_until` (inclusive); the provider is reminded 30 days
/// before.
pub const REMINDER_DAYS: i64 = 30;

pub fn reminder_due(valid_until: Date, today: Date) -> bool {
    today <= valid_until && valid_until <= today.saturating_add(jiff::Span::new().days(REMINDER_DAYS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn directions_read_back() {
        for d in Direction::ALL {
            assert_eq!(Direction::parse(d.code()), Some(d));
        }
        assert_eq!(Direction::parse("cooking"), None);
    }

    #[test]
    fn bad_terms_are_refused_with_what_to_fix() {
        assert_eq!(AgeRange::new(12, 7), Err(ProgramError::AgeReversed));
        assert_eq!(AgeRange::new(2, 7), Err(ProgramError::AgeOutOfRange));
        assert_eq!(AgeRange::new(7, 12).unwrap().to_string(), "от 7 до 12 лет");
        assert_eq!(ModuleTerms::new(0, Kopecks::ZERO, Kopecks::ZERO), Err(ProgramError::Hours));
        assert_eq!(ModuleTerms::new(36, Kopecks::new(-1), Kopecks::ZERO), Err(ProgramError::NegativePrice));
        assert!(ModuleTerms::new(36, Kopecks::from_rubles(1_500), Kopecks::from_rubles(1_200)).is_ok());
        let (a, b) = (date(2026, 9, 1), date(2027, 5, 31));
        assert_eq!(GroupTerms::new(10_000, a, b, a, a), Err(ProgramError::Seats));
        assert_eq!(GroupTerms::new(15, b, a, a, a), Err(ProgramError::GroupDates));
        assert_eq!(GroupTerms::new(15, a, b, b, a), Err(ProgramError::EnrollmentDates));
        assert!(GroupTerms::new(15, a, b, date(2026, 8, 15), date(2026, 9, 15)).is_ok());
        assert_eq!(title("  Ро  "), Err(ProgramError::Title));
        assert_eq!(title(" Робототехника:   первые шаги ").unwrap(), "Робототехника: первые шаги");
        assert_eq!(title("<script>alert(1)</script>").unwrap(), "<script>alert(1)</script>", "kept as text");
        assert_eq!(description(&"а".repeat(5_001)), Err(ProgramError::DescriptionTooLong));
        assert_eq!(title("Шах\0маты\u{1b}").unwrap(), "Шахматы", "control characters are dropped");
        assert_eq!(description("Строка 1\r\nСтрока\u{0} 2").unwrap(), "Строка 1\nСтрока 2");
    }

    #[test]
    fn r07_only_a_certified_program_takes_enrollments_and_its_life_is_one_state_machine() {
        use ProgramAction as A;
        use ProgramStatus as S;
        let mut s = S::Draft;
        for (action, expected) in [
            (A::Submit, S::Submitted),
            (A::Return, S::Returned),
            (A::EditTerms, S::Returned),
            (A::Submit, S::Submitted),
            (A::Certify, S::Certified),
            (A::EditTerms, S::Submitted),
            (A::Certify, S::Certified),
            (A::Expire, S::Expired),
            (A::Submit, S::Submitted),
        ] {
            s = transition(s, action).unwrap();
            assert_eq!(s, expected, "{action:?}");
        }
        assert!(transition(S::Draft, A::Certify).is_err(), "not without review");
        let e = transition(S::Certified, A::Submit).unwrap_err();
        assert_eq!(
            e.to_string(),
            "программу со статусом «сертифицированная» нельзя отправить на сертификацию"
        );
        for st in ProgramStatus::ALL {
            assert_eq!(st.takes_enrollments(), st == S::Certified);
            assert_eq!(ProgramStatus::parse(st.code()), Some(st));
        }
    }

    #[test]
    fn only_funding_price_hours_or_ages_send_a_certified_program_back_to_review() {
        let terms = |funding, price| CertifiedTerms {
            funding,
            ages: AgeRange::new(7, 12).unwrap(),
            modules: vec![
                ModuleTerms::new(72, Kopecks::from_rubles(price), Kopecks::from_rubles(1_000)).unwrap()
            ],
        };
        let certified = terms(Funding::Certificate, 1_000).to_text();
        assert_eq!(certified, "certificate;7-12;72:100000:100000");
        assert_eq!(terms(Funding::Certificate, 1_000).to_text(), certified);
        assert_ne!(terms(Funding::Certificate, 1_100).to_text(), certified);
        assert_ne!(terms(Funding::Free, 1_000).to_text(), certified);
    }

    #[test]
    fn a_review_answers_every_item_and_a_return_says_what_to_fix() {
        let today = date(2026, 11, 25);
        let all = |passed: bool| -> Vec<Verdict> {
            ChecklistItem::ALL.iter().map(|&item| Verdict { item, passed, reason: None }).collect()
        };
        let certify = Decision::Certify { valid_until: date(2027, 8, 31) };
        assert_eq!(check_review(&all(true), &certify, today), Ok(()));
        assert_eq!(
            check_review(&all(true)[1..], &certify, today),
            Err(ReviewError::Unanswered(ChecklistItem::TitleAndDirection))
        );
        assert_eq!(check_review(&all(true), &Decision::Return, today), Err(ReviewError::NothingFailed));
        let mut one_failed = all(true);
        one_failed[4].passed = false;
        assert_eq!(
            check_review(&one_failed, &Decision::Return, today),
            Err(ReviewError::ReasonMissing(ChecklistItem::Price))
        );
        one_failed[4].reason = Some("цена выше нормативной на 40 %".into());
        assert_eq!(check_review(&one_failed, &Decision::Return, today), Ok(()));
        assert_eq!(check_review(&one_failed, &certify, today), Err(ReviewError::NotAllPassed));
        for until in [today, date(2031, 11, 26)] {
            let d = Decision::Certify { valid_until: until };
            assert_eq!(check_review(&all(true), &d, today), Err(ReviewError::ValidUntil), "{until}");
        }
        for item in ChecklistItem::ALL {
            assert_eq!(ChecklistItem::parse(item.code()), Some(item));
        }
    }

    #[test]
    fn weekdays_points_and_funding_read_back() {
        let w = Weekdays::from_codes(["mon", "wed", "fri", "xyz"]);
        assert_eq!(w.to_string(), "пн, ср, пт");
        assert!(
            w.contains(Weekdays::MONDAY) && !w.contains(Weekdays::TUESDAY) && w.contains(Weekdays::FRIDAY)
        );
        assert_eq!(Weekdays::from_bits(w.bits()), w);
        assert_eq!(Weekdays::parse(&w.code()), Some(w));
        assert_eq!(
            Point::parse("56.8587, 35.9176").unwrap(),
            Point { lat_e6: 56_858_700, lon_e6: 35_917_600 }
        );
        assert_eq!(Point::parse("56.8587 35.9176").unwrap().to_string(), "56.858700, 35.917600");
        for bad in ["", "56.8", "0, 0", "56.8, 35.9, 1", "abc, def", "NaN, 35"] {
            assert_eq!(Point::parse(bad), Err(ProgramError::Coordinates), "{bad}");
        }
        for f in Funding::ALL {
            assert_eq!(Funding::parse(f.code()), Some(f));
        }
        assert_eq!(
            required("   ", GroupDetail::Teacher, 10),
            Err(ProgramError::Missing(GroupDetail::Teacher))
        );
        assert_eq!(ProgramError::Missing(GroupDetail::Teacher).to_string(), "нужно указать: педагог");
    }

    #[test]
    fn the_reminder_is_due_30_days_before_the_certification_runs_out() {
        let until = date(2026, 12, 31);
        assert!(!reminder_due(until, date(2026, 11, 30)));
        assert!(reminder_due(until, date(2026, 12, 1)));
        assert!(reminder_due(until, until));
        assert!(!reminder_due(until, date(2027, 1, 1)), "already expired: no reminder");
    }
}
