//! Reading a school system's export: XLSX, or CSV in UTF-8 or Windows-1251 with `;` or `,`.

use std::io::Cursor;

use calamine::{Data, Reader};

/// The file as text cells: a header row and the data rows with their line numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    /// (line in the file, counting the header as 1; cells)
    pub rows: Vec<(usize, Vec<String>)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("файл пустой")]
    Empty,
    #[error("файл не прочитан как таблица Excel: {0}")]
    Xlsx(String),
    #[error("файл не прочитан как CSV: {0}")]
    Csv(String),
}

pub fn read(bytes: &[u8]) -> Result<Table, FileError> {
    let table = if bytes.starts_with(b"PK\x03\x04") { read_xlsx(bytes)? } else { read_csv(bytes)? };
    if table.headers.iter().all(|h| h.trim().is_empty()) {
        return Err(FileError::Empty);
    }
    Ok(table)
}

/// UTF-8 (with or without BOM) when it is valid UTF-8, else Windows-1251: what Russian Excel
/// and school systems write.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1251.decode(bytes).0.into_owned(),
    }
}

fn read_csv(bytes: &[u8]) -> Result<Table, FileError> {
    // The CSV reader counts lines by `\n` alone: Windows (`\r\n`) and old Mac (`\r`) line ends
    // become `\n` first, else a file saved by Excel on Windows names each row by the line before.
    let text = decode(bytes).replace("\r\n", "\n").replace('\r', "\n");
    let first = text.lines().next().ok_or(FileError::Empty)?;
    let delimiter = if first.matches(';').count() >= first.matches(',').count() { b';' } else { b',' };
    // The CSV reader skips blank lines without counting them; a lone delimiter keeps their
    // place, so the line numbers in problems match what an editor shows.
    let text: String = text
        .split('\n')
        .map(|l| if l.is_empty() { (delimiter as char).to_string() } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = match records.next() {
        Some(r) => {
            r.map_err(|e| FileError::Csv(e.to_string()))?.iter().map(|c| c.trim().to_string()).collect()
        }
        None => return Err(FileError::Empty),
    };
    let mut rows = Vec::new();
    for (i, r) in records.enumerate() {
        let r = r.map_err(|e| FileError::Csv(e.to_string()))?;
        // The line in the file as an editor shows it (blank lines count), for people to find it.
        let line = r.position().map_or(i + 2, |p| p.line() as usize);
        let cells: Vec<String> = r.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((line, cells));
        }
    }
    Ok(Table { headers, rows })
}

fn read_xlsx(bytes: &[u8]) -> Result<Table, FileError> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| FileError::Xlsx(e.to_string()))?;
    let range =
        book.worksheet_range_at(0).ok_or(FileError::Empty)?.map_err(|e| FileError::Xlsx(e.to_string()))?;
    let mut rows = range.rows();
    let headers: Vec<String> = rows.next().ok_or(FileError::Empty)?.iter().map(cell_text).collect();
    let mut out = Vec::new();
    for (i, row) in rows.enumerate() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            out.push((i + 2, cells));
        }
    }
    Ok(Table { headers, rows: out })
}

/// A cell as a person would read it; dates as `ДД.ММ.ГГГГ`, whole numbers without `.0`
/// (a SNILS typed as a number stays eleven digits, leading zeros restored by the parser).
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Excel's serial day number (1900 system) as `ДД.ММ.ГГГГ`; a number no calendar reaches stays
/// a number (and the row's check says the date is wrong).
fn excel_date(serial: f64) -> String {
    let epoch = jiff::civil::date(1899, 12, 30);
    // `try_days`: `days` panics past ±7,304,484 days, and a date cell may hold any number.
    match jiff::Span::new().try_days(serial.floor() as i64).and_then(|span| epoch.checked_add(span)) {
        Ok(d) => format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()),
        Err(_) => serial.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_windows_1251_with_semicolons() {
        let text = "Класс;ФИО ученика\n5А;Иванов Иван\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let t = read(&bytes).unwrap();
        assert_eq!(t.headers, vec!["Класс", "ФИО ученика"]);
        assert_eq!(t.rows, vec![(2, vec!["5А".to_string(), "Иванов Иван".to_string()])]);
    }

    #[test]
    fn reads_utf8_with_bom_and_commas_and_skips_blank_lines() {
        let t = read("\u{feff}Класс,ФИО ученика\n\n5А,\"Иванов Иван\"\n".as_bytes()).unwrap();
        assert_eq!(t.headers[0], "Класс");
        assert_eq!(t.rows, vec![(3, vec!["5А".to_string(), "Иванов Иван".to_string()])]);
    }

    #[test]
    fn excel_serials_become_dates() {
        assert_eq!(excel_date(45_000.0), "15.03.2023");
        assert_eq!(excel_date(41_706.0), "08.03.2014");
    }

    #[test]
    fn a_date_cell_far_outside_the_calendar_stays_a_number() {
        // Found by fuzzing (fuzz/, import_xlsx): a date-formatted cell holding 1e10 panicked.
        assert_eq!(excel_date(1e10), "10000000000");
        assert_eq!(excel_date(-1e10), "-10000000000");
        assert_eq!(excel_date(3_000_000.0), "3000000");
    }

    #[test]
    fn windows_and_old_mac_line_ends_keep_the_line_numbers_an_editor_shows() {
        // Found by fuzzing (fuzz/, import_csv): with `\r\n` each row was named by the line before.
        for end in ["\r\n", "\r", "\n"] {
            let file = ["Класс;ФИО ученика", "5А;Иванов Иван", "", "5Б;Петров Пётр", ""].join(end);
            let t = read(file.as_bytes()).unwrap();
            let lines: Vec<usize> = t.rows.iter().map(|(line, _)| *line).collect();
            assert_eq!(lines, [2, 4], "line end {end:?}");
            assert_eq!(t.rows[1].1, ["5Б", "Петров Пётр"], "line end {end:?}");
        }
    }

    #[test]
    fn an_empty_file_is_refused() {
        assert_eq!(read(b""), Err(FileError::Empty));
    }
}
