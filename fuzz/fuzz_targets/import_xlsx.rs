//! Importing pupils from XLSX: whatever the bytes, the importer never panics; it refuses the
//! file in Russian, or gives every row either a clean record or Russian problems. Half the runs
//! feed raw bytes after the ZIP signature (the reader's robustness), half a well-formed workbook
//! built from the bytes (so the cells are reached: strings, numbers, dates, booleans).
#![no_main]

use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use rust_xlsxwriter::{Format, Workbook};

const HEADERS: [&str; 9] = [
    "Класс",
    "ФИО ученика",
    "Дата рождения",
    "СНИЛС",
    "ФИО родителя",
    "Телефон",
    "Email",
    "ФИО обучающегося",
    "дата рождения",
];

/// Values a school's export holds, for cells that should pass.
const VALUES: [&str; 9] = [
    "5А",
    "Иванов Иван",
    "Иванова Анна Петровна",
    "08.03.2015",
    "2015-03-08",
    "112-233-445 95",
    "+7 900 123-45-67",
    "anna@example.ru",
    "",
];

/// A workbook of one sheet: a header row and up to 20 rows of cells of every kind.
fn workbook(u: &mut Unstructured) -> Option<(Vec<u8>, u32)> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let cols: u16 = u.int_in_range(1..=8).ok()?;
    for col in 0..cols {
        let header = if u.ratio(7, 8).ok()? {
            HEADERS[u.choose_index(HEADERS.len()).ok()?]
        } else {
            u.arbitrary().ok()?
        };
        sheet.write_string(0, col, header).ok()?;
    }
    let rows: u32 = u.int_in_range(0..=20).ok()?;
    for row in 1..=rows {
        for col in 0..cols {
            match u.int_in_range(0..=5).ok()? {
                0 => {}
                1 => drop(sheet.write_string(row, col, u.arbitrary::<&str>().ok()?).ok()?),
                2 => drop(sheet.write_number(row, col, u.arbitrary::<f64>().ok()?).ok()?),
                3 => drop(sheet.write_number_with_format(row, col, u.arbitrary::<f64>().ok()?, &date).ok()?),
                4 => drop(sheet.write_boolean(row, col, u.arbitrary().ok()?).ok()?),
                _ => drop(sheet.write_string(row, col, VALUES[u.choose_index(VALUES.len()).ok()?]).ok()?),
            }
        }
    }
    Some((book.save_to_buffer().ok()?, rows))
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let kind = dopcert_fuzz::kind(mode >> 1);
    if mode & 1 == 0 {
        let mut file = b"PK\x03\x04".to_vec();
        file.extend_from_slice(rest);
        dopcert_fuzz::import(&file, kind);
        return;
    }
    let Some((file, written)) = workbook(&mut Unstructured::new(rest)) else { return };
    if let Some(rows) = dopcert_fuzz::import(&file, kind) {
        assert!(rows.len() <= written as usize, "{} rows from {written} written", rows.len());
    }
});
