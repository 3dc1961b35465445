//! What the fuzz targets share: the import's reading and checking, and the properties every
//! import must keep, whatever the file.

use dopcert_domain::eligibility::age_on;
use dopcert_domain::organization::OrganizationKind;
use dopcert_domain::snils::Snils;
use jiff::civil::Date;

// The import's two pure steps, compiled from the app's own files (`rows` reaches `file` as
// `super::file`): the fuzz build then needs neither the database layer nor the app's other
// dependencies, and a cold build stays within minutes.
#[allow(dead_code)]
#[path = "../../crates/app/src/import/file.rs"]
pub mod file;
#[allow(dead_code)]
#[path = "../../crates/app/src/import/rows.rs"]
pub mod rows;

use file::FileError;
use rows::{ages, CheckedRow};

/// The day the import targets check birth dates against.
pub const TODAY: Date = jiff::civil::date(2026, 11, 25);

/// Interface text is Russian: a message a person reads has Cyrillic letters in it.
pub fn is_russian(message: &str) -> bool {
    message.chars().any(|c| matches!(c, 'А'..='я' | 'Ё' | 'ё'))
}

/// One of the kinds of organization, picked by a byte of the input.
pub fn kind(byte: u8) -> OrganizationKind {
    OrganizationKind::ALL[usize::from(byte) % OrganizationKind::ALL.len()]
}

/// Why a file is refused before its rows are checked, as `app::import::preview` says it.
#[derive(Debug)]
pub enum Refused {
    File(FileError),
    MissingColumns(Vec<&'static str>),
}

/// Reads and checks `bytes` as `app::import::preview` does before it looks in the register
/// (the size limit aside: no fuzz input comes near 20 MB).
pub fn check_file(bytes: &[u8], kind: OrganizationKind) -> Result<Vec<CheckedRow>, Refused> {
    let table = file::read(bytes).map_err(Refused::File)?;
    rows::columns(&table).map_err(Refused::MissingColumns)?;
    Ok(rows::check(&table, TODAY, ages(kind)))
}

/// Checks `bytes` and asserts what must hold for any file: a refusal is a Russian message
/// about the file; otherwise every row is either a clean record or has Russian problems, never
/// both and never neither, in the file's order, and a clean record holds only valid values.
pub fn import(bytes: &[u8], kind: OrganizationKind) -> Option<Vec<CheckedRow>> {
    let rows = match check_file(bytes, kind) {
        Ok(rows) => rows,
        Err(Refused::File(e)) => {
            assert!(is_russian(&e.to_string()), "refusal not in Russian: {e}");
            return None;
        }
        Err(Refused::MissingColumns(missing)) => {
            assert!(!missing.is_empty() && missing.iter().all(|c| is_russian(c)), "{missing:?}");
            return None;
        }
    };
    let mut previous_line = 1;
    for r in &rows {
        assert!(
            r.line > previous_line,
            "rows out of order or on the header's line: {} after {previous_line}",
            r.line
        );
        previous_line = r.line;
        assert_eq!(r.row.is_some(), r.problems.is_empty(), "line {}: a row is clean or has problems", r.line);
        for p in &r.problems {
            assert!(is_russian(&p.to_string()), "line {}: problem not in Russian: {p}", r.line);
        }
        let Some(row) = &r.row else { continue };
        assert_eq!(row.line, r.line);
        assert!(!row.class.is_empty(), "line {}: a clean row has a class", r.line);
        assert!(ages(kind).contains(&age_on(row.birth, TODAY)), "line {}: age out of range", r.line);
        if let Some(s) = &row.snils {
            assert_eq!(Snils::parse(s).map(|p| p.digits().to_string()).as_deref(), Ok(s.as_str()));
        }
        if let Some(phone) = &row.phone {
            let digits = phone.strip_prefix("+7").expect("a phone starts with +7");
            assert!(digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()), "phone {phone}");
        }
        if let Some(email) = &row.email {
            assert!(email.contains('@') && *email == email.to_lowercase(), "email {email}");
        }
    }
    Some(rows)
}
