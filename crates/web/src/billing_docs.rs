//! Billing documents a provider and a municipality exchange: the monthly invoice (PDF to print and
//! sign, XLSX to check in a spreadsheet), the registry of payment orders and the 1C «Клиент банка»
//! file that a treasury's bank client imports. Pure renderers: the caller fills plain data, no I/O.

use dopcert_domain::format;
use dopcert_domain::money::Kopecks;
use dopcert_domain::time::{in_moscow, moscow_date};
use encoding_rs::WINDOWS_1251;
use jiff::civil::Date;
use printpdf::{Color, Greyscale, Line, Mm, PdfDocument, PdfDocumentReference, PdfLayerReference, Point};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::pdf::{line_height, wrap, Fonts, BOLD, MARGIN, PAGE_H, PAGE_W, REGULAR};

/// One side of a payment: who they are and where their money is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    pub inn: String,
    pub kpp: Option<String>,
    pub bank_name: String,
    pub bik: String,
    /// Расчётный счёт, 20 digits.
    pub account: String,
    pub correspondent_account: Option<String>,
}

/// One child's month on one programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceLine {
    /// «Иванов И. И.»: initials only, and no birth date, as the invoice travels to the treasury.
    pub child: String,
    pub certificate_number: String,
    pub program: String,
    pub group: String,
    pub days: i8,
    pub of_days: i8,
    /// (attended, planned), when the provider keeps a register of lessons.
    pub lessons: Option<(i32, i32)>,
    pub amount: Kopecks,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceDoc {
    pub number: String,
    /// The first day of the month billed.
    pub month: Date,
    pub issued_at: jiff::Timestamp,
    pub provider: Party,
    /// The municipality's budget holder.
    pub payer: Party,
    pub municipality: String,
    /// The invoice's status, in Russian.
    pub status: String,
    pub lines: Vec<InvoiceLine>,
    pub total: Kopecks,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentOrder {
    pub number: u32,
    pub date: Date,
    pub amount: Kopecks,
    pub payer: Party,
    pub payee: Party,
    /// Назначение платежа.
    pub purpose: String,
}

/// «ноябрь 2026 г.»: a month in a title is named, not declined.
fn month_title(month: Date) -> String {
    format!("{} г.", format::month_year(month))
}

fn invoice_title(d: &InvoiceDoc) -> String {
    format!(
        "Счёт на оплату услуг дополнительного образования по сертификатам № {} за {}",
        d.number,
        month_title(d.month)
    )
}

fn issued_on(d: &InvoiceDoc) -> String {
    format!("{} г.", format::date_long(moscow_date(d.issued_at)))
}

/// «ИНН 5501234567, КПП 550101001».
fn inn_kpp(p: &Party) -> String {
    match &p.kpp {
        Some(kpp) => format!("ИНН {}, КПП {kpp}", p.inn),
        None => format!("ИНН {}", p.inn),
    }
}

/// «р/с … в …, БИК …, к/с …».
fn bank_details(p: &Party) -> String {
    let mut s = format!("р/с {} в {}, БИК {}", p.account, p.bank_name, p.bik);
    if let Some(corr) = &p.correspondent_account {
        s.push_str(&format!(", к/с {corr}"));
    }
    s
}

fn days_text(l: &InvoiceLine) -> String {
    format!("{} из {}", l.days, l.of_days)
}

fn lessons_text(l: &InvoiceLine) -> String {
    match l.lessons {
        Some((attended, planned)) => format!("{attended} из {planned}"),
        None => "—".to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// PDF

const LAYER: &str = "invoice";
const PT_MM: f32 = 0.3528;
/// Room kept at the bottom of each page for its footer.
const FOOTER: f32 = 8.0;
const TABLE_SIZE: f32 = 8.0;
const CELL_LINE: f32 = 3.4;
const CELL_PAD: f32 = 1.2;

/// An average Cyrillic or Latin letter of DejaVu Sans, in ems.
const LETTER_EM: f32 = 0.58;
/// DejaVu Sans Bold is about a tenth wider than the regular face.
const BOLD_SCALE: f32 = 1.1;

fn em_mm(size: f32, bold: bool) -> f32 {
    size * PT_MM * if bold { BOLD_SCALE } else { 1.0 }
}

/// A character's advance in ems: DejaVu Sans's own widths (in its 2048 units to the em) for
/// digits, spaces, commas and hyphens, an average for letters. Enough to align amounts on the
/// right and to keep a long number inside its cell.
fn char_em(c: char) -> f32 {
    match c {
        '0'..='9' => 1303.0 / 2048.0,
        ' ' | '\u{a0}' | ',' | '.' => 651.0 / 2048.0,
        '-' => 739.0 / 2048.0,
        _ => LETTER_EM,
    }
}

/// Width of `text` in millimetres.
fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    text.chars().map(char_em).sum::<f32>() * em_mm(size, bold)
}

/// How many average letters fit into `width` millimetres.
fn chars_in(width: f32, size: f32, bold: bool) -> usize {
    (width / (LETTER_EM * em_mm(size, bold))).floor().max(1.0) as usize
}

/// Words into lines that fit `width` millimetres, cutting a word longer than a whole line
/// (a certificate number in a narrow column) rather than letting it run into the next cell.
fn cell_lines(text: &str, width: f32, bold: bool) -> Vec<String> {
    let mut out = Vec::new();
    for line in wrap(text, chars_in(width, TABLE_SIZE, bold)) {
        out.extend(cut_to_width(&line, width, bold));
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

fn cut_to_width(line: &str, width: f32, bold: bool) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut used = 0.0;
    for c in line.chars() {
        let w = char_em(c) * em_mm(TABLE_SIZE, bold);
        if used + w > width && used > 0.0 {
            out.push(String::new());
            used = 0.0;
        }
        used += w;
        out.last_mut().expect("one line at least").push(c);
    }
    out
}

/// Where the next line goes, across as many pages as the text needs.
struct Pen<'a> {
    doc: &'a PdfDocumentReference,
    fonts: &'a Fonts,
    layer: PdfLayerReference,
    y: f32,
    page: u32,
    footer: String,
}

impl Pen<'_> {
    fn new_page(&mut self) {
        let (p, l) = self.doc.add_page(Mm(PAGE_W), Mm(PAGE_H), LAYER);
        self.layer = self.doc.get_page(p).get_layer(l);
        self.y = PAGE_H - MARGIN;
        self.page += 1;
        self.draw_footer();
    }

    /// Every page says whose it is, as printed pages get separated.
    fn draw_footer(&self) {
        let text = format!("{} — страница {}", self.footer, self.page);
        self.layer.use_text(text, 7.0, Mm(MARGIN), Mm(MARGIN - 4.0), &self.fonts.regular);
    }

    /// Starts a new page when `height` does not fit on this one; true when it did.
    fn ensure(&mut self, height: f32) -> bool {
        if self.y - height < MARGIN + FOOTER {
            self.new_page();
            return true;
        }
        false
    }

    fn text_at(&self, text: &str, size: f32, x: f32, y: f32, bold: bool) {
        let font = if bold { &self.fonts.bold } else { &self.fonts.regular };
        self.layer.use_text(text, size, Mm(x), Mm(y), font);
    }

    /// One paragraph from the left margin, wrapped to the page's width.
    fn paragraph(&mut self, text: &str, size: f32, bold: bool) {
        for line in wrap(text, chars_in(PAGE_W - 2.0 * MARGIN, size, bold)) {
            self.ensure(line_height(size));
            self.y -= line_height(size);
            self.text_at(&line, size, MARGIN, self.y, bold);
        }
    }

    fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    fn rule(&self, thickness: f32, grey: f32) {
        self.layer.set_outline_thickness(thickness);
        self.layer.set_outline_color(Color::Greyscale(Greyscale::new(grey, None)));
        self.layer.add_line(Line {
            points: vec![
                (Point::new(Mm(MARGIN), Mm(self.y)), false),
                (Point::new(Mm(PAGE_W - MARGIN), Mm(self.y)), false),
            ],
            is_closed: false,
        });
    }
}

struct Column {
    title: &'static str,
    width: f32,
    right: bool,
}

/// The invoice's table; widths add up to the page between the margins (182 mm).
const COLUMNS: [Column; 7] = [
    Column { title: "№", width: 9.0, right: true },
    Column { title: "Ребёнок", width: 33.0, right: false },
    Column { title: "Номер сертификата", width: 29.0, right: false },
    Column { title: "Программа / группа", width: 53.0, right: false },
    Column { title: "Дни", width: 17.0, right: false },
    Column { title: "Занятия", width: 16.0, right: false },
    Column { title: "Сумма", width: 25.0, right: true },
];

fn row_cells(n: usize, l: &InvoiceLine) -> [String; 7] {
    [
        n.to_string(),
        l.child.clone(),
        l.certificate_number.clone(),
        format!("{} / {}", l.program, l.group),
        days_text(l),
        lessons_text(l),
        l.amount.to_string(),
    ]
}

/// Each cell's lines, and the row's height. Right-aligned cells (numbers, amounts) stay on one
/// line: wrapping would break an amount at its no-break spaces.
fn layout_row(cells: &[String], bold: bool) -> (Vec<Vec<String>>, f32) {
    let wrapped: Vec<Vec<String>> = COLUMNS
        .iter()
        .zip(cells)
        .map(|(c, text)| match c.right {
            true => vec![text.clone()],
            false => cell_lines(text, c.width - 2.0 * CELL_PAD, bold),
        })
        .collect();
    let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    (wrapped, lines as f32 * CELL_LINE + 2.0 * CELL_PAD)
}

fn draw_row(pen: &mut Pen, wrapped: &[Vec<String>], height: f32, bold: bool) {
    let mut x = MARGIN;
    for (column, lines) in COLUMNS.iter().zip(wrapped) {
        for (i, line) in lines.iter().enumerate() {
            let baseline = pen.y - CELL_PAD - 2.6 - i as f32 * CELL_LINE;
            let left = if column.right {
                x + column.width - CELL_PAD - text_width(line, TABLE_SIZE, bold)
            } else {
                x + CELL_PAD
            };
            pen.text_at(line, TABLE_SIZE, left, baseline, bold);
        }
        x += column.width;
    }
    pen.y -= height;
}

fn table_head(pen: &mut Pen) {
    let titles: Vec<String> = COLUMNS.iter().map(|c| c.title.to_string()).collect();
    let (wrapped, height) = layout_row(&titles, true);
    pen.rule(0.8, 0.0);
    draw_row(pen, &wrapped, height, true);
    pen.rule(0.8, 0.0);
}

fn table(pen: &mut Pen, lines: &[InvoiceLine]) {
    // A header alone at the foot of a page helps nobody: keep room for it and a first row.
    pen.ensure(20.0);
    table_head(pen);
    for (i, l) in lines.iter().enumerate() {
        let (wrapped, height) = layout_row(&row_cells(i + 1, l), false);
        if pen.ensure(height) {
            table_head(pen);
        }
        draw_row(pen, &wrapped, height, false);
        pen.rule(0.3, 0.6);
    }
}

fn party_block(pen: &mut Pen, role: &str, p: &Party) {
    pen.paragraph(&format!("{role}: {}", p.name), 10.0, true);
    pen.paragraph(&inn_kpp(p), 9.0, false);
    pen.paragraph(&bank_details(p), 9.0, false);
    pen.gap(2.0);
}

fn invoice_head(pen: &mut Pen, d: &InvoiceDoc) {
    pen.paragraph(&invoice_title(d), 13.0, true);
    pen.paragraph(&format!("от {}", issued_on(d)), 10.0, false);
    pen.paragraph(&format!("Муниципалитет: {}", d.municipality), 10.0, false);
    pen.paragraph(&format!("Статус: {}", d.status), 10.0, false);
    pen.gap(3.0);
    party_block(pen, "Исполнитель (получатель средств)", &d.provider);
    party_block(pen, "Плательщик", &d.payer);
    pen.gap(2.0);
}

fn invoice_foot(pen: &mut Pen, d: &InvoiceDoc) {
    pen.gap(3.0);
    pen.paragraph(&format!("Итого к оплате: {}", d.total), 11.0, true);
    pen.paragraph(&format!("Всего строк: {}", d.lines.len()), 9.0, false);
    pen.gap(8.0);
    pen.paragraph(
        "Руководитель ____________________     Главный бухгалтер ____________________",
        10.0,
        false,
    );
}

/// «Счёт на оплату услуг дополнительного образования по сертификатам», A4, as many pages as its
/// lines need; the table's header repeats on each page.
pub fn invoice_pdf(d: &InvoiceDoc) -> Result<Vec<u8>, printpdf::Error> {
    // The metadata title stays Latin: printpdf writes it without a BOM (see pdf.rs).
    let title = format!("Invoice {}", d.number);
    let (doc, first_page, first_layer) = PdfDocument::new(&title, Mm(PAGE_W), Mm(PAGE_H), LAYER);
    let fonts = Fonts {
        regular: doc.add_external_font(std::io::Cursor::new(REGULAR))?,
        bold: doc.add_external_font(std::io::Cursor::new(BOLD))?,
    };
    {
        let mut pen = Pen {
            doc: &doc,
            fonts: &fonts,
            layer: doc.get_page(first_page).get_layer(first_layer),
            y: PAGE_H - MARGIN,
            page: 1,
            footer: format!("Счёт № {} за {}", d.number, month_title(d.month)),
        };
        pen.draw_footer();
        invoice_head(&mut pen, d);
        table(&mut pen, &d.lines);
        invoice_foot(&mut pen, d);
    }
    doc.save_to_bytes()
}

// ---------------------------------------------------------------------------------------------
// XLSX

/// Excel's own code for «1 234,56»: the file stores `,` and `.`, and Excel shows them in the
/// reader's locale, so a Russian Excel displays `# ##0,00`. A literal space in the code would
/// group only the last three digits.
const MONEY: &str = "#,##0.00";

struct Formats {
    title: Format,
    bold: Format,
    head: Format,
    text: Format,
    number: Format,
    money: Format,
    money_bold: Format,
    date: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new().set_border(FormatBorder::Thin);
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            bold: Format::new().set_bold(),
            head: cell.clone().set_bold().set_text_wrap().set_align(FormatAlign::Center),
            text: cell.clone().set_text_wrap(),
            number: cell.clone(),
            money: cell.clone().set_num_format(MONEY),
            money_bold: cell.clone().set_num_format(MONEY).set_bold(),
            date: cell.set_num_format("dd.mm.yyyy"),
        }
    }
}

/// Roubles as a spreadsheet number, so that Excel can add them up. Exact for any sum below
/// 2^53 kopecks, far above a municipal budget.
fn rubles(k: Kopecks) -> f64 {
    k.get() as f64 / 100.0
}

fn excel_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

fn set_widths(sheet: &mut Worksheet, widths: &[f64]) -> Result<(), XlsxError> {
    for (col, w) in (0u16..).zip(widths) {
        sheet.set_column_width(col, *w)?;
    }
    Ok(())
}

fn write_head(sheet: &mut Worksheet, row: u32, titles: &[&str], f: &Formats) -> Result<(), XlsxError> {
    for (col, t) in (0u16..).zip(titles) {
        sheet.write_string_with_format(row, col, *t, &f.head)?;
    }
    // The header stays on screen while scrolling and on every printed page.
    sheet.set_freeze_panes(row + 1, 0)?;
    sheet.set_repeat_rows(row, row)?;
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    Ok(())
}

const INVOICE_HEADERS: [&str; 10] = [
    "№",
    "Ребёнок",
    "Номер сертификата",
    "Программа",
    "Группа",
    "Дни",
    "Из дней",
    "Занятий посещено",
    "Занятий по плану",
    "Сумма, ₽",
];
const INVOICE_WIDTHS: [f64; 10] = [6.0, 24.0, 18.0, 36.0, 18.0, 7.0, 8.0, 11.0, 11.0, 14.0];
/// The invoice's details take the rows above; the table starts here.
const INVOICE_TABLE_ROW: u32 = 9;
const INVOICE_AMOUNT_COL: u16 = 9;

fn invoice_sheet_header(sheet: &mut Worksheet, d: &InvoiceDoc, f: &Formats) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, invoice_title(d), &f.title)?;
    let details = [
        ("Дата счёта", issued_on(d)),
        ("Статус", d.status.clone()),
        ("Муниципалитет", d.municipality.clone()),
        ("Исполнитель", format!("{}, {}", d.provider.name, inn_kpp(&d.provider))),
        ("Реквизиты исполнителя", bank_details(&d.provider)),
        ("Плательщик", format!("{}, {}", d.payer.name, inn_kpp(&d.payer))),
        ("Реквизиты плательщика", bank_details(&d.payer)),
    ];
    for (row, (label, value)) in (1u32..).zip(details) {
        sheet.write_string_with_format(row, 1, label, &f.bold)?;
        sheet.write_string(row, 2, value)?;
    }
    Ok(())
}

fn invoice_sheet_row(
    sheet: &mut Worksheet,
    row: u32,
    n: usize,
    l: &InvoiceLine,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.write_number_with_format(row, 0, n as f64, &f.number)?;
    sheet.write_string_with_format(row, 1, &l.child, &f.text)?;
    sheet.write_string_with_format(row, 2, &l.certificate_number, &f.text)?;
    sheet.write_string_with_format(row, 3, &l.program, &f.text)?;
    sheet.write_string_with_format(row, 4, &l.group, &f.text)?;
    sheet.write_number_with_format(row, 5, l.days, &f.number)?;
    sheet.write_number_with_format(row, 6, l.of_days, &f.number)?;
    // No register of lessons: empty cells, not zeros, so nobody reads them as «missed them all».
    match l.lessons {
        Some((attended, planned)) => {
            sheet.write_number_with_format(row, 7, attended, &f.number)?;
            sheet.write_number_with_format(row, 8, planned, &f.number)?;
        }
        None => {
            sheet.write_blank(row, 7, &f.number)?;
            sheet.write_blank(row, 8, &f.number)?;
        }
    }
    sheet.write_number_with_format(row, INVOICE_AMOUNT_COL, rubles(l.amount), &f.money)?;
    Ok(())
}

/// The invoice as a spreadsheet: its details on top, then one row per line and the total.
pub fn invoice_xlsx(d: &InvoiceDoc) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let f = Formats::new();
    let sheet = book.add_worksheet().set_name("Счёт")?;
    set_widths(sheet, &INVOICE_WIDTHS)?;
    invoice_sheet_header(sheet, d, &f)?;
    write_head(sheet, INVOICE_TABLE_ROW, &INVOICE_HEADERS, &f)?;
    let mut row = INVOICE_TABLE_ROW + 1;
    for (i, l) in d.lines.iter().enumerate() {
        invoice_sheet_row(sheet, row, i + 1, l, &f)?;
        row += 1;
    }
    // The invoice's own total, not a formula: it is the amount the document claims.
    sheet.write_string_with_format(row, INVOICE_AMOUNT_COL - 1, "Итого", &f.bold)?;
    sheet.write_number_with_format(row, INVOICE_AMOUNT_COL, rubles(d.total), &f.money_bold)?;
    book.save_to_buffer()
}

const ORDER_HEADERS: [&str; 10] =
    ["№", "Дата", "Получатель", "ИНН", "КПП", "Банк", "БИК", "Счёт", "Сумма, ₽", "Назначение платежа"];
const ORDER_WIDTHS: [f64; 10] = [7.0, 11.0, 34.0, 13.0, 11.0, 28.0, 11.0, 23.0, 15.0, 50.0];
const ORDER_TABLE_ROW: u32 = 2;
const ORDER_AMOUNT_COL: u16 = 8;

fn order_row(sheet: &mut Worksheet, row: u32, o: &PaymentOrder, f: &Formats) -> Result<(), XlsxError> {
    let p = &o.payee;
    sheet.write_number_with_format(row, 0, o.number, &f.number)?;
    sheet.write_datetime_with_format(row, 1, excel_date(o.date)?, &f.date)?;
    // Codes stay text: a БИК starts with 0 and an account has 20 digits, beyond Excel's precision.
    let texts = [&p.name, &p.inn, p.kpp.as_deref().unwrap_or(""), &p.bank_name, &p.bik, &p.account];
    for (col, t) in (2u16..).zip(texts) {
        sheet.write_string_with_format(row, col, t, &f.text)?;
    }
    sheet.write_number_with_format(row, ORDER_AMOUNT_COL, rubles(o.amount), &f.money)?;
    sheet.write_string_with_format(row, 9, &o.purpose, &f.text)?;
    Ok(())
}

fn sum(orders: &[PaymentOrder]) -> Kopecks {
    Kopecks::new(orders.iter().map(|o| o.amount.get()).fold(0, i64::saturating_add))
}

/// «Реестр платёжных поручений»: one row per order and their total.
pub fn payment_orders_xlsx(orders: &[PaymentOrder]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let f = Formats::new();
    let sheet = book.add_worksheet().set_name("Платёжные поручения")?;
    set_widths(sheet, &ORDER_WIDTHS)?;
    sheet.write_string_with_format(0, 0, "Реестр платёжных поручений", &f.title)?;
    write_head(sheet, ORDER_TABLE_ROW, &ORDER_HEADERS, &f)?;
    let mut row = ORDER_TABLE_ROW + 1;
    for o in orders {
        order_row(sheet, row, o, &f)?;
        row += 1;
    }
    sheet.write_string_with_format(row, ORDER_AMOUNT_COL - 1, "Итого", &f.bold)?;
    sheet.write_number_with_format(row, ORDER_AMOUNT_COL, rubles(sum(orders)), &f.money_bold)?;
    book.save_to_buffer()
}

// ---------------------------------------------------------------------------------------------
// 1C «Клиент банка»

/// «1234.56»: the exchange format wants a dot and always two decimals.
fn exchange_sum(k: Kopecks) -> String {
    let sign = if k.get() < 0 { "-" } else { "" };
    let abs = k.get().unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

fn exchange_date(d: Date) -> String {
    d.strftime("%d.%m.%Y").to_string()
}

/// A value on one line and in Windows-1251: a line break would start a new key, and a character
/// the code page lacks would be written as `&#…;`, which the bank would print as is.
fn sanitize(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            let mut buf = [0u8; 4];
            if c.is_control() {
                ' '
            } else if WINDOWS_1251.encode(c.encode_utf8(&mut buf)).2 {
                '?'
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The text of the file, line by line; CRLF, as the format was born on Windows.
struct Exchange(String);

impl Exchange {
    fn line(&mut self, line: &str) {
        self.0.push_str(line);
        self.0.push_str("\r\n");
    }

    fn field(&mut self, key: &str, value: &str) {
        self.line(&format!("{key}={}", sanitize(value)));
    }

    fn party(&mut self, side: &str, p: &Party) {
        self.field(&format!("{side}Счет"), &p.account);
        self.field(side, &p.name);
        self.field(&format!("{side}ИНН"), &p.inn);
        self.field(&format!("{side}КПП"), p.kpp.as_deref().unwrap_or(""));
        self.field(&format!("{side}Банк1"), &p.bank_name);
        self.field(&format!("{side}БИК"), &p.bik);
        self.field(&format!("{side}Корсчет"), p.correspondent_account.as_deref().unwrap_or(""));
    }

    fn order(&mut self, o: &PaymentOrder) {
        self.line("СекцияДокумент=Платежное поручение");
        self.field("Номер", &o.number.to_string());
        self.field("Дата", &exchange_date(o.date));
        self.field("Сумма", &exchange_sum(o.amount));
        self.party("Плательщик", &o.payer);
        self.party("Получатель", &o.payee);
        self.field("ВидПлатежа", "электронно");
        self.field("ВидОплаты", "01");
        self.field("Очередность", "5");
        self.field("НазначениеПлатежа", &o.purpose);
        self.line("КонецДокумента");
    }
}

/// The 1C «Клиент банка» exchange file (format 1.03, Windows-1251) with one payment order per
/// `orders`, to be imported into the payer's bank client. The file's account is the first
/// order's payer's: a file serves one account, so the caller passes one payer's orders.
pub fn client_bank_exchange(orders: &[PaymentOrder], created: jiff::Timestamp) -> Vec<u8> {
    let now = in_moscow(created);
    let first = orders.iter().map(|o| o.date).min().unwrap_or(now.date());
    let last = orders.iter().map(|o| o.date).max().unwrap_or(now.date());
    let mut x = Exchange(String::new());
    x.line("1CClientBankExchange");
    x.field("ВерсияФормата", "1.03");
    x.field("Кодировка", "Windows");
    x.field("Отправитель", "dopcert");
    x.field("Получатель", "");
    x.field("ДатаСоздания", &exchange_date(now.date()));
    x.field("ВремяСоздания", &now.strftime("%H:%M:%S").to_string());
    x.field("ДатаНачала", &exchange_date(first));
    x.field("ДатаКонца", &exchange_date(last));
    x.field("РасчСчет", orders.first().map(|o| o.payer.account.as_str()).unwrap_or(""));
    x.field("Документ", "Платежное поручение");
    for o in orders {
        x.order(o);
    }
    x.line("КонецФайла");
    WINDOWS_1251.encode(&x.0).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, DataType, Reader};
    use jiff::civil::date;

    fn party(name: &str, inn: &str) -> Party {
        Party {
            name: name.into(),
            inn: inn.into(),
            kpp: Some("550101001".into()),
            bank_name: "Отделение Омск Банка России".into(),
            bik: "045209001".into(),
            account: "03234643527010005200".into(),
            correspondent_account: Some("40102810245370000044".into()),
        }
    }

    fn line(i: i64) -> InvoiceLine {
        InvoiceLine {
            child: format!("Иванов{i} И. И."),
            certificate_number: format!("55010000{i:04}"),
            program: "Робототехника для начинающих: конструирование и программирование".into(),
            group: "Группа 2, суббота".into(),
            days: 15,
            of_days: 30,
            lessons: if i % 2 == 0 { Some((7, 8)) } else { None },
            amount: Kopecks::new(250_000 + i),
        }
    }

    fn invoice(n: i64) -> InvoiceDoc {
        let lines: Vec<InvoiceLine> = (1..=n).map(line).collect();
        let total = Kopecks::new(lines.iter().map(|l| l.amount.get()).sum());
        InvoiceDoc {
            number: "2026-11/17".into(),
            month: date(2026, 11, 1),
            issued_at: "2026-12-01T09:00:00Z".parse().unwrap(),
            provider: party("ООО «Кванториум»", "5501234567"),
            payer: party("Департамент образования Администрации города Омска", "5503079101"),
            municipality: "город Омск".into(),
            status: "Выставлен".into(),
            lines,
            total,
        }
    }

    fn order(number: u32, amount: i64) -> PaymentOrder {
        PaymentOrder {
            number,
            date: date(2026, 12, 10 + number as i8),
            amount: Kopecks::new(amount),
            payer: party("Департамент образования", "5503079101"),
            payee: Party {
                kpp: None,
                correspondent_account: None,
                ..party(&format!("ИП Петров {number}"), "550100000001")
            },
            purpose: "Оплата по счёту № 2026-11/17\r\nза ноябрь 2026 г., без НДС".into(),
        }
    }

    fn sheet(bytes: Vec<u8>) -> calamine::Range<Data> {
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let name = book.sheet_names()[0].clone();
        book.worksheet_range(&name).unwrap()
    }

    /// Excel counts days from 30 December 1899.
    fn excel_serial(d: Date) -> f64 {
        f64::from(date(1899, 12, 30).until(d).unwrap().get_days())
    }

    /// The row whose cell in `col` says «Итого», and the number beside it.
    fn total_row(range: &calamine::Range<Data>, col: usize) -> (usize, f64) {
        let (start, _) = range.start().unwrap();
        for (i, row) in range.rows().enumerate() {
            if row.get(col - 1) == Some(&Data::String("Итого".into())) {
                return (start as usize + i, row[col].as_f64().unwrap());
            }
        }
        panic!("no total row");
    }

    #[test]
    fn month_titles_are_nominative() {
        assert_eq!(month_title(date(2026, 11, 1)), "ноябрь 2026 г.");
        assert_eq!(month_title(date(2027, 1, 1)), "январь 2027 г.");
    }

    #[test]
    fn cells_cut_words_longer_than_the_column() {
        // Six digits at 8 pt take 10.8 mm.
        assert_eq!(cell_lines("550100001234 ок", 11.0, false), vec!["550100", "001234", "ок"]);
        assert_eq!(cell_lines("", 11.0, false), vec![""]);
    }

    #[test]
    fn exchange_file_is_cp1251_with_crlf_and_one_section_per_order() {
        let orders = [order(1, 123_456), order(2, 500_000)];
        let bytes = client_bank_exchange(&orders, "2026-12-10T21:30:05Z".parse().unwrap());
        let (text, _, had_errors) = WINDOWS_1251.decode(&bytes);
        assert!(!had_errors);
        assert!(text.starts_with("1CClientBankExchange\r\nВерсияФормата=1.03\r\nКодировка=Windows\r\n"));
        assert!(text.ends_with("КонецДокумента\r\nКонецФайла\r\n"));
        assert_eq!(text.matches("СекцияДокумент=Платежное поручение\r\n").count(), 2);
        assert_eq!(text.matches("КонецДокумента\r\n").count(), 2);
        assert!(text.contains("\r\nСумма=1234.56\r\n"));
        assert!(text.contains("\r\nСумма=5000.00\r\n"));
        // Moscow is three hours ahead: past midnight there.
        assert!(text.contains("\r\nДатаСоздания=11.12.2026\r\nВремяСоздания=00:30:05\r\n"));
        assert!(text.contains("\r\nДатаНачала=11.12.2026\r\nДатаКонца=12.12.2026\r\n"));
        assert!(text.contains("\r\nРасчСчет=03234643527010005200\r\n"));
        assert!(text.contains("\r\nПлательщикБИК=045209001\r\n"));
        assert!(text.contains("\r\nПолучательКПП=\r\n"));
        assert!(text
            .contains("\r\nНазначениеПлатежа=Оплата по счёту № 2026-11/17  за ноябрь 2026 г., без НДС\r\n"));
        // Every line is a key and a value, or one of the markers: no value broke a line.
        for l in text.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                l.contains('=') || ["1CClientBankExchange", "КонецДокумента", "КонецФайла"].contains(&l),
                "{l}"
            );
        }
        assert!(!text.replace("\r\n", "").contains(['\r', '\n']));
    }

    #[test]
    fn exchange_values_lose_what_the_code_page_lacks() {
        assert_eq!(sanitize("ООО «Ромашка» №1 — ₽\t😀"), "ООО «Ромашка» №1 — ? ?");
        assert_eq!(exchange_sum(Kopecks::new(7)), "0.07");
        let empty = client_bank_exchange(&[], "2026-12-10T09:00:00Z".parse().unwrap());
        let (text, _, _) = WINDOWS_1251.decode(&empty);
        assert!(text.contains("ДатаНачала=10.12.2026\r\nДатаКонца=10.12.2026\r\nРасчСчет=\r\n"));
        assert!(!text.contains("СекцияДокумент"));
    }

    #[test]
    fn invoice_spreadsheet_has_a_row_per_line_and_the_total() {
        let d = invoice(3);
        let range = sheet(invoice_xlsx(&d).unwrap());
        let at = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
        assert_eq!(at(0, 0), Data::String(invoice_title(&d)));
        assert_eq!(at(INVOICE_TABLE_ROW, 1), Data::String("Ребёнок".into()));
        for (i, l) in d.lines.iter().enumerate() {
            let r = INVOICE_TABLE_ROW + 1 + i as u32;
            assert_eq!(at(r, 1), Data::String(l.child.clone()));
            assert_eq!(at(r, 2), Data::String(l.certificate_number.clone()));
            assert_eq!(at(r, 5).as_f64(), Some(15.0));
            assert_eq!(at(r, INVOICE_AMOUNT_COL as u32).as_f64(), Some(rubles(l.amount)));
        }
        assert_eq!(at(INVOICE_TABLE_ROW + 2, 7).as_f64(), Some(7.0));
        assert_eq!(at(INVOICE_TABLE_ROW + 1, 7), Data::Empty);
        let (row, total) = total_row(&range, INVOICE_AMOUNT_COL as usize);
        assert_eq!(row, (INVOICE_TABLE_ROW + 4) as usize);
        assert_eq!(total, 7500.06);
    }

    #[test]
    fn payment_registry_lists_each_order_and_their_sum() {
        let orders = [order(1, 123_456), order(2, 500_000)];
        let range = sheet(payment_orders_xlsx(&orders).unwrap());
        let at = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
        assert_eq!(at(ORDER_TABLE_ROW, 9), Data::String("Назначение платежа".into()));
        let first = ORDER_TABLE_ROW + 1;
        assert_eq!(at(first, 0).as_f64(), Some(1.0));
        assert_eq!(at(first, 1).get_datetime().map(|d| d.as_f64()), Some(excel_serial(date(2026, 12, 11))));
        assert_eq!(at(first, 2), Data::String("ИП Петров 1".into()));
        assert_eq!(at(first, 6), Data::String("045209001".into()));
        assert_eq!(at(first, 7), Data::String("03234643527010005200".into()));
        assert_eq!(at(first, 8).as_f64(), Some(1234.56));
        let (row, total) = total_row(&range, ORDER_AMOUNT_COL as usize);
        assert_eq!(row, (ORDER_TABLE_ROW + 3) as usize);
        assert_eq!(total, 6234.56);
    }

    #[test]
    fn invoice_pdf_breaks_pages_for_many_lines() {
        let one = invoice_pdf(&invoice(2)).unwrap();
        assert!(one.starts_with(b"%PDF"));
        assert_eq!(pages(&one), 1);
        let many = invoice_pdf(&invoice(500)).unwrap();
        assert!(many.starts_with(b"%PDF"));
        assert!(pages(&many) > 1, "{} pages", pages(&many));
    }

    /// Page objects in the file: `/Type /Page` not followed by `s` (that one is the page tree).
    fn pages(pdf: &[u8]) -> usize {
        let text = String::from_utf8_lossy(pdf);
        let compact = text.replace("/Type /Page", "/Type/Page");
        compact.match_indices("/Type/Page").filter(|(i, m)| !compact[i + m.len()..].starts_with('s')).count()
    }
}
