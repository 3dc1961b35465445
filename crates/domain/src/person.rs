//! People: full names as Russian documents write them, and birth dates.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::snils::Snils;

/// Фамилия, имя и (if any) отчество, each a Cyrillic word (hyphens, spaces and apostrophes
/// allowed inside, as in «Салтыков-Щедрин»).
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FullName {
    last: String,
    first: String,
    middle: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("укажите фамилию и имя")]
    Missing,
    #[error("в имени допустимы только русские буквы, дефис, апостроф и пробел")]
    Letters,
    #[error("слишком длинное имя")]
    TooLong,
}

const MAX_PART: usize = 60;

fn part(raw: &str) -> Result<String, NameError> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        return Err(NameError::Missing);
    }
    if s.chars().count() > MAX_PART {
        return Err(NameError::TooLong);
    }
    let ok_char = |c: char| is_cyrillic(c) || matches!(c, '-' | ' ' | '\'' | '’');
    if !s.chars().all(ok_char) || !s.chars().next().is_some_and(is_cyrillic) {
        return Err(NameError::Letters);
    }
    Ok(s)
}

/// One part of a name (a surname, a first name, a patronymic), checked alone: forms report
/// the field that is wrong.
pub fn check_part(raw: &str) -> Result<(), NameError> {
    part(raw).map(|_| ())
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, 'А'..='я' | 'Ё' | 'ё')
}

impl FullName {
    pub fn new(last: &str, first: &str, middle: Option<&str>) -> Result<Self, NameError> {
        let middle = match middle.map(str::trim) {
            None | Some("") => None,
            Some(m) => Some(part(m)?),
        };
        Ok(FullName { last: part(last)?, first: part(first)?, middle })
    }

    /// Parses «Иванова Мария Петровна» (last name first, as in school lists).
    pub fn parse(full: &str) -> Result<Self, NameError> {
        let mut words = full.split_whitespace();
        let last = words.next().ok_or(NameError::Missing)?;
        let first = words.next().ok_or(NameError::Missing)?;
        let rest: Vec<&str> = words.collect();
        let middle = if rest.is_empty() { None } else { Some(rest.join(" ")) };
        FullName::new(last, first, middle.as_deref())
    }

    pub fn last(&self) -> &str {
        &self.last
    }

    pub fn first(&self) -> &str {
        &self.first
    }

    pub fn middle(&self) -> Option<&str> {
        self.middle.as_deref()
    }

    /// «Иванова М. П.», for places where the full name is too much.
    pub fn short(&self) -> String {
        let initial = |s: &str| s.chars().next().map(|c| format!("{c}.")).unwrap_or_default();
        match &self.middle {
            Some(m) => format!("{} {} {}", self.last, initial(&self.first), initial(m)),
            None => format!("{} {}", self.last, initial(&self.first)),
        }
    }

    /// The key rule R02 compares when no SNILS is known: lower case, «ё» read as «е».
    pub fn match_key(&self) -> String {
        self.to_string().to_lowercase().replace('ё', "е")
    }

    /// The same key without the patronymic: a form where it was left out still finds the child
    /// (as a near match to confirm).
    pub fn given_key(&self) -> String {
        format!("{} {}", self.last, self.first).to_lowercase().replace('ё', "е")
    }

    fn middle_key(&self) -> Option<String> {
        self.middle.as_ref().map(|m| m.to_lowercase().replace('ё', "е"))
    }
}

impl fmt::Display for FullName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.middle {
            Some(m) => write!(f, "{} {} {}", self.last, self.first, m),
            None => write!(f, "{} {}", self.last, self.first),
        }
    }
}

impl fmt::Debug for FullName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FullName({})", self.short())
    }
}

/// R02: how a person found by the same name key and birth date compares to the one claimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The same child: link, never duplicate.
    Same,
    /// Possibly the same child (another SNILS, or the name spelled with ё where the other has е):
    /// held for a person to decide, never merged or duplicated silently.
    Near,
}

/// R02 for two persons with the same surname, first name (ё read as е) and birth date; a match
/// by SNILS is decided before this. A patronymic left out or different, another SNILS, or
/// another spelling of ё/е makes it a near match.
pub fn compare(
    existing: &FullName,
    existing_snils: Option<&Snils>,
    claimed: &FullName,
    claimed_snils: Option<&Snils>,
) -> Match {
    let snils_differ = matches!((existing_snils, claimed_snils), (Some(a), Some(b)) if a != b);
    let spelled_alike = existing.to_string().to_lowercase() == claimed.to_string().to_lowercase();
    let middle_differs = existing.middle_key() != claimed.middle_key();
    if snils_differ || !spelled_alike || middle_differs {
        Match::Near
    } else {
        Match::Same
    }
}

/// R02 for a person found by the SNILS given: the same child when the birth date, surname and
/// first name agree and the patronymic does not contradict (left out on one side is fine: the
/// SNILS vouches); otherwise a person must look.
pub fn same_by_snils(
    existing: &FullName,
    existing_birth: Option<BirthDate>,
    claimed: &FullName,
    birth: BirthDate,
) -> bool {
    let middle_ok = match (existing.middle_key(), claimed.middle_key()) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    existing_birth == Some(birth) && existing.given_key() == claimed.given_key() && middle_ok
}

#[cfg(test)]
mod match_tests {
    use super::*;

    fn name(s: &str) -> FullName {
        FullName::parse(s).unwrap()
    }

    #[test]
    fn r02_same_spelling_without_conflicting_snils_is_the_same_child() {
        let snils = Snils::parse("112-233-445 95").unwrap();
        let a = name("Фёдоров Пётр Ильич");
        assert_eq!(compare(&a, None, &a, None), Match::Same);
        assert_eq!(compare(&a, Some(&snils), &name("фёдоров пётр ильич"), None), Match::Same);
        assert_eq!(compare(&a, Some(&snils), &a, Some(&snils)), Match::Same);
    }

    #[test]
    fn r02_another_snils_or_another_spelling_of_yo_is_a_near_match() {
        let one = Snils::parse("112-233-445 95").unwrap();
        let other = Snils::parse("087-654-303 00").unwrap();
        let a = name("Фёдоров Пётр Ильич");
        assert_eq!(compare(&a, Some(&one), &a, Some(&other)), Match::Near);
        assert_eq!(compare(&a, None, &name("Федоров Петр Ильич"), None), Match::Near);
    }

    #[test]
    fn r02_a_patronymic_left_out_or_different_is_a_near_match() {
        let a = name("Зайцева Полина Андреевна");
        assert_eq!(compare(&a, None, &name("Зайцева Полина"), None), Match::Near);
        assert_eq!(compare(&a, None, &name("Зайцева Полина Игоревна"), None), Match::Near);
        assert_eq!(a.given_key(), name("Зайцева Полина").given_key());
    }

    #[test]
    fn r02_the_same_snils_vouches_for_a_left_out_patronymic_not_for_another_birth_date() {
        let a = name("Зайцева Полина Андреевна");
        let born = BirthDate::from_stored(jiff::civil::date(2017, 3, 15));
        let other = BirthDate::from_stored(jiff::civil::date(2015, 3, 15));
        assert!(same_by_snils(&a, Some(born), &name("Зайцева Полина"), born));
        assert!(same_by_snils(&a, Some(born), &name("Зайцева Полина Андреевна"), born));
        assert!(!same_by_snils(&a, Some(born), &name("Зайцева Полина Андреевна"), other));
        assert!(!same_by_snils(&a, Some(born), &name("Зайцева Ольга Андреевна"), born));
        assert!(!same_by_snils(&a, Some(born), &name("Зайцева Полина Игоревна"), born));
    }
}

/// A birth date that is neither in the future nor absurdly old. Never logged: see `Debug`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BirthDate(Date);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BirthDateError {
    #[error("дата рождения записывается как ДД.ММ.ГГГГ")]
    Format,
    #[error("такой даты нет в календаре: проверьте день и месяц")]
    NoSuchDate,
    #[error("дата рождения не может быть в будущем")]
    Future,
    #[error("дата рождения раньше 1900 года: проверьте год")]
    TooOld,
}

impl BirthDate {
    /// A birth date as of `today` (Moscow). Accepts `2014-03-08` and `08.03.2014`.
    pub fn parse(input: &str, today: Date) -> Result<Self, BirthDateError> {
        let (y, m, d) = crate::time::date_parts(input).ok_or(BirthDateError::Format)?;
        let date = Date::new(y, m, d).map_err(|_| BirthDateError::NoSuchDate)?;
        BirthDate::new(date, today)
    }

    pub fn new(date: Date, today: Date) -> Result<Self, BirthDateError> {
        if date > today {
            Err(BirthDateError::Future)
        } else if date.year() < 1900 {
            Err(BirthDateError::TooOld)
        } else {
            Ok(BirthDate(date))
        }
    }

    /// A date read back from storage, where it was checked on the way in.
    pub fn from_stored(date: Date) -> Self {
        BirthDate(date)
    }

    pub fn date(self) -> Date {
        self.0
    }
}

impl fmt::Debug for BirthDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BirthDate(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn parses_a_school_list_name() {
        let n = FullName::parse("  Иванова   Мария Петровна ").unwrap();
        assert_eq!((n.last(), n.first(), n.middle()), ("Иванова", "Мария", Some("Петровна")));
        assert_eq!(n.short(), "Иванова М. П.");
    }

    #[test]
    fn accepts_double_names_and_no_patronymic() {
        let n = FullName::new("Салтыков-Щедрин", "Михаил", None).unwrap();
        assert_eq!(n.to_string(), "Салтыков-Щедрин Михаил");
    }

    #[test]
    fn rejects_latin_letters_mixed_in() {
        // The «а» below is Latin 'a': the classic look-alike typo.
        assert_eq!(FullName::parse("Ивaнова Мария"), Err(NameError::Letters));
        assert_eq!(FullName::parse("Иванова"), Err(NameError::Missing));
        assert_eq!(FullName::parse("- Мария"), Err(NameError::Letters));
    }

    #[test]
    fn match_key_reads_yo_as_ye() {
        let a = FullName::parse("Сёмина Алёна").unwrap();
        let b = FullName::parse("Семина Алена").unwrap();
        assert_eq!(a.match_key(), b.match_key());
    }

    #[test]
    fn birth_date_in_both_spellings_and_never_in_future() {
        let today = date(2026, 11, 25);
        assert_eq!(BirthDate::parse("08.03.2014", today).unwrap().date(), date(2014, 3, 8));
        assert_eq!(BirthDate::parse("2014-03-08", today).unwrap().date(), date(2014, 3, 8));
        assert_eq!(BirthDate::parse("26.11.2026", today), Err(BirthDateError::Future));
        assert_eq!(BirthDate::parse("08032014", today).unwrap().date(), date(2014, 3, 8), "a digit keypad");
        assert_eq!(BirthDate::parse("31.02.2014", today), Err(BirthDateError::NoSuchDate));
        assert_eq!(BirthDate::parse("29.02.2015", today), Err(BirthDateError::NoSuchDate));
        assert_eq!(BirthDate::parse("29.02.2016", today).unwrap().date(), date(2016, 2, 29));
        for bad in ["8.3.14", "2014/03/08", "завтра", "0803201", "08.03.20x4", ""] {
            assert_eq!(BirthDate::parse(bad, today), Err(BirthDateError::Format), "{bad}");
        }
        assert_eq!(BirthDate::parse("01.01.1850", today), Err(BirthDateError::TooOld));
    }
}
