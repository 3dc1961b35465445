//! Importing pupils from CSV: whatever the bytes, the importer never panics; it refuses the file
//! in Russian, or gives every row either a clean record or Russian problems.
#![no_main]

use libfuzzer_sys::fuzz_target;

const HEADER: &str = "Класс;ФИО ученика;Дата рождения;СНИЛС;ФИО родителя;Телефон;Email\n";

// The first byte says how to dress the rest: bit 0 puts a valid header in front (so the rows
// are checked, not only the columns), bit 1 makes it comma-separated, bit 2 writes the file
// in Windows-1251 as school systems do; the other bits pick the organization's kind.
fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let mut text = String::new();
    if mode & 1 == 1 {
        text.push_str(&if mode & 2 == 2 { HEADER.replace(';', ",") } else { HEADER.to_string() });
    }
    let file = if mode & 4 == 4 {
        text.push_str(&String::from_utf8_lossy(rest));
        encoding_rs::WINDOWS_1251.encode(&text).0.into_owned()
    } else {
        let mut file = text.into_bytes();
        file.extend_from_slice(rest);
        file
    };
    if file.starts_with(b"PK\x03\x04") {
        return; // a workbook: the import_xlsx target's
    }
    if let Some(rows) = dopcert_fuzz::import(&file, dopcert_fuzz::kind(mode >> 3)) {
        let lines = file.split(|b| *b == b'\n' || *b == b'\r').count();
        assert!(rows.len() < lines.max(1), "{} rows from {lines} lines", rows.len());
    }
});
