//! The rows of a pupils file: which column is which, and each row checked into a clean record
//! or a list of problems ([`RowProblem`], worded in plain Russian by its `Display`).

use std::collections::HashMap;

use dopcert_domain::eligibility::age_on;
use dopcert_domain::organization::OrganizationKind;
use dopcert_domain::person::{BirthDate, BirthDateError, FullName, NameError};
use dopcert_domain::snils::{Snils, SnilsError};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::file::Table;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Class,
    Pupil,
    Birth,
    Snils,
    Parent,
    Phone,
    Email,
}

const REQUIRED: [(Column, &str); 4] = [
    (Column::Class, "Класс"),
    (Column::Pupil, "ФИО ученика"),
    (Column::Birth, "Дата рождения"),
    (Column::Parent, "ФИО родителя"),
];

fn column_of(header: &str) -> Option<Column> {
    let h = header.trim().to_lowercase().replace('ё', "е").split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match h.as_str() {
        "класс" | "класс/группа" | "группа" => Column::Class,
        "фио ученика" | "фио обучающегося" | "ученик" | "обучающийся" | "фио ребенка" => {
            Column::Pupil
        }
        "дата рождения" | "дата рождения ученика" | "дата рождения обучающегося" => {
            Column::Birth
        }
        "снилс" | "снилс ученика" | "снилс обучающегося" => Column::Snils,
        "фио родителя" | "фио законного представителя" | "родитель" | "законный представитель" => {
            Column::Parent
        }
        "телефон" | "телефон родителя" | "мобильный телефон" => {
            Column::Phone
        }
        "email" | "e-mail" | "электронная почта" | "почта" => Column::Email,
        _ => return None,
    })
}

/// A row that passed every check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PupilRow {
    pub line: usize,
    pub class: String,
    pub pupil: FullName,
    pub birth: Date,
    pub snils: Option<String>,
    pub parent: FullName,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// What is wrong with a row. `Display` is the Russian the clerk reads (a clause, lowercase:
/// a row's problems are shown joined with «; »); pages word it in their own language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowProblem {
    #[error("не указан класс")]
    NoClass,
    #[error("ФИО ученика: {0}")]
    PupilName(NameError),
    /// An age outside what the organization teaches; `written` is the date as the file has it.
    #[error("возраст ученика {age} (дата рождения {written}): проверьте дату")]
    Age { age: i16, written: String },
    #[error("дата рождения: {0}")]
    BirthDate(BirthDateError),
    #[error("СНИЛС: {0}")]
    Snils(SnilsError),
    #[error("ФИО родителя: {0}")]
    ParentName(NameError),
    #[error("телефон «{0}»: нужно 11 цифр, например +7 900 123-45-67")]
    Phone(String),
    #[error("адрес почты «{0}» записан с ошибкой")]
    Email(String),
    /// The same pupil (SNILS, or name and birth date) earlier in the file, at `first`.
    #[error("этот ученик уже есть в строке {first}")]
    Repeated { first: usize },
    /// A pupil with the same name and birth date but another SNILS earlier in the file (R02).
    #[error("в строке {first} ученик с теми же ФИО и датой рождения, но другим СНИЛС: проверьте")]
    OtherSnilsInFile { first: usize },
    /// The register knows a child with this name and birth date and another SNILS (R02).
    #[error(
        "ребёнок с таким ФИО и датой рождения уже есть с другим СНИЛС: проверьте СНИЛС или обратитесь в МОЦ"
    )]
    KnownWithOtherSnils,
    /// The register knows several children with this name and birth date.
    #[error("несколько детей с таким ФИО и датой рождения: укажите СНИЛС")]
    SeveralKnown,
}

/// A row and what is wrong with it (nothing, for a clean row).
#[derive(Debug, Clone)]
pub struct CheckedRow {
    pub line: usize,
    pub pupil_name: String,
    pub row: Option<PupilRow>,
    pub problems: Vec<RowProblem>,
}

/// Names the required columns that the header lacks.
pub fn columns(table: &Table) -> Result<(), Vec<&'static str>> {
    let found: Vec<Option<Column>> = table.headers.iter().map(|h| column_of(h)).collect();
    let missing: Vec<&'static str> =
        REQUIRED.iter().filter(|(c, _)| !found.contains(&Some(*c))).map(|(_, name)| *name).collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing)
    }
}

fn normalize_phone(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    match digits.len() {
        10 => Some(format!("+7{digits}")),
        11 if digits.starts_with('7') || digits.starts_with('8') => Some(format!("+7{}", &digits[1..])),
        _ => None,
    }
}

fn valid_email(s: &str) -> bool {
    let Some((user, host)) = s.split_once('@') else { return false };
    !user.is_empty() && host.contains('.') && !host.starts_with('.') && !s.contains(char::is_whitespace)
}

/// The ages an organization teaches: a pupil of 3 in a school, or of 40 anywhere, is a typo.
pub fn ages(kind: OrganizationKind) -> std::ops::RangeInclusive<i16> {
    match kind {
        OrganizationKind::School => 6..=19,
        OrganizationKind::Kindergarten => 1..=8,
        _ => 4..=18,
    }
}

/// Checks every row. `ages` is the range of ages this organization teaches.
pub fn check(table: &Table, today: Date, ages: std::ops::RangeInclusive<i16>) -> Vec<CheckedRow> {
    let index: Vec<Option<Column>> = table.headers.iter().map(|h| column_of(h)).collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    // Name and birth date → (line, SNILS): two pupils alike but for the SNILS are a near match
    // (R02) that a person must look at, not something to write.
    let mut alike: HashMap<String, (usize, Option<String>)> = HashMap::new();
    table
        .rows
        .iter()
        .map(|(line, cells)| {
            let get = |c: Column| -> &str {
                index
                    .iter()
                    .position(|x| *x == Some(c))
                    .and_then(|i| cells.get(i))
                    .map(|s| s.trim())
                    .unwrap_or("")
            };
            let mut problems = Vec::new();
            let class = get(Column::Class).to_string();
            if class.is_empty() {
                problems.push(RowProblem::NoClass);
            }
            let pupil =
                FullName::parse(get(Column::Pupil)).map_err(|e| problems.push(RowProblem::PupilName(e))).ok();
            let birth = match BirthDate::parse(get(Column::Birth), today) {
                Ok(b) => {
                    let age = age_on(b.date(), today);
                    if ages.contains(&age) {
                        Some(b.date())
                    } else {
                        problems.push(RowProblem::Age { age, written: get(Column::Birth).to_string() });
                        None
                    }
                }
                Err(e) => {
                    problems.push(RowProblem::BirthDate(e));
                    None
                }
            };
            let snils = match get(Column::Snils) {
                "" => None,
                raw => Snils::parse(raw)
                    .map(|s| s.digits().to_string())
                    .map_err(|e| problems.push(RowProblem::Snils(e)))
                    .ok(),
            };
            let parent = FullName::parse(get(Column::Parent))
                .map_err(|e| problems.push(RowProblem::ParentName(e)))
                .ok();
            let phone = match get(Column::Phone) {
                "" => None,
                raw => {
                    let p = normalize_phone(raw);
                    if p.is_none() {
                        problems.push(RowProblem::Phone(raw.to_string()));
                    }
                    p
                }
            };
            let email = match get(Column::Email) {
                "" => None,
                raw if valid_email(raw) => Some(raw.to_lowercase()),
                raw => {
                    problems.push(RowProblem::Email(raw.to_string()));
                    None
                }
            };
            if let (Some(p), Some(b)) = (&pupil, birth) {
                let key = snils.clone().unwrap_or_else(|| format!("{}|{b}", p.match_key()));
                if let Some(first) = seen.insert(key, *line) {
                    problems.push(RowProblem::Repeated { first });
                } else if let Some((first, other)) = alike.get(&format!("{}|{b}", p.match_key())) {
                    if other != &snils {
                        problems.push(RowProblem::OtherSnilsInFile { first: *first });
                    }
                }
                alike.entry(format!("{}|{b}", p.match_key())).or_insert((*line, snils.clone()));
            }
            let pupil_name = get(Column::Pupil).to_string();
            let row = match (pupil, birth, parent) {
                (Some(pupil), Some(birth), Some(parent)) if problems.is_empty() => {
                    Some(PupilRow { line: *line, class, pupil, birth, snils, parent, phone, email })
                }
                _ => None,
            };
            CheckedRow { line: *line, pupil_name, row, problems }
        })
        .collect()
}
