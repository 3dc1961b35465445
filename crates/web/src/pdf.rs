//! PDF documents people print: the login slips and the certificate's statement. DejaVu Sans is embedded (Cyrillic
//! throughout); text is real text, so it can be searched and read aloud.

use dopcert_app::logins::Slip;
use dopcert_domain::format;
use dopcert_domain::role::Role;
use printpdf::{IndirectFontRef, Line, LineDashPattern, Mm, PdfDocument, PdfLayerReference, Point};

pub(crate) const REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
pub(crate) const BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

pub(crate) const PAGE_W: f32 = 210.0;
pub(crate) const PAGE_H: f32 = 297.0;
pub(crate) const MARGIN: f32 = 14.0;
/// Characters per line at 10 pt across the slip (DejaVu Sans is wide).
const WRAP: usize = 88;

/// Words into lines of at most `width` characters.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

pub(crate) struct Fonts {
    pub(crate) regular: IndirectFontRef,
    pub(crate) bold: IndirectFontRef,
}

/// The lines of one slip, with their size and weight, top to bottom.
fn slip_lines(s: &Slip, public_url: &str) -> Vec<(String, f32, bool)> {
    let mut lines =
        vec![("Вход в личный кабинет — сертификат дополнительного образования".to_string(), 12.0, true)];
    for l in wrap(&format!("Ученики: {}", s.pupils.join("; ")), WRAP) {
        lines.push((l, 10.0, false));
    }
    lines.push((format!("Адрес: {public_url}"), 10.0, false));
    for login in &s.logins {
        let who = match login.role {
            Role::Child => "обучающийся",
            _ => "родитель (законный представитель)",
        };
        lines.push((format!("{} — {who}", login.for_name), 10.0, false));
        lines.push((format!("Логин: {}    Одноразовый пароль: {}", login.login, login.code), 12.0, true));
    }
    lines.push((
        format!("Пароли действуют один раз, до {} включительно.", format::date_long(s.valid_until)),
        9.0,
        false,
    ));
    let steps = "Что сделать: 1) откройте адрес и введите логин и одноразовый пароль; 2) придумайте \
                 свой пароль — его будете знать только вы; 3) нажмите на своё ФИО в правом верхнем углу, \
                 откройте «Персональные настройки» и в разделе «Сертификат дополнительного образования» \
                 нажмите «Получить сертификат».";
    for l in wrap(steps, WRAP + 6) {
        lines.push((l, 9.0, false));
    }
    lines
}

/// Height of a line of `size` points, in millimetres, with its spacing.
pub(crate) fn line_height(size: f32) -> f32 {
    size * 0.5
}

fn cut_line(layer: &PdfLayerReference, y: f32) {
    layer.set_line_dash_pattern(LineDashPattern { dash_1: Some(4), gap_1: Some(3), ..Default::default() });
    layer.add_line(Line {
        points: vec![(Point::new(Mm(6.0), Mm(y)), false), (Point::new(Mm(PAGE_W - 6.0), Mm(y)), false)],
        is_closed: false,
    });
}

/// Slips to cut out, one per family, as many to an A4 page as fit, with cut lines between.
pub fn login_slips(slips: &[Slip], public_url: &str, title: &str) -> Result<Vec<u8>, printpdf::Error> {
    let (doc, first_page, first_layer) = PdfDocument::new(title, Mm(PAGE_W), Mm(PAGE_H), "slips");
    let fonts = Fonts {
        regular: doc.add_external_font(std::io::Cursor::new(REGULAR))?,
        bold: doc.add_external_font(std::io::Cursor::new(BOLD))?,
    };
    let mut layer = doc.get_page(first_page).get_layer(first_layer);
    let mut y = PAGE_H - MARGIN;
    for s in slips {
        let lines = slip_lines(s, public_url);
        let height: f32 = lines.iter().map(|(_, size, _)| line_height(*size)).sum::<f32>() + 2.0 * MARGIN;
        if y - height < 0.0 {
            let (p, l) = doc.add_page(Mm(PAGE_W), Mm(PAGE_H), "slips");
            layer = doc.get_page(p).get_layer(l);
            y = PAGE_H - MARGIN;
        }
        for (text, size, bold) in &lines {
            y -= line_height(*size);
            layer.use_text(
                text.as_str(),
                *size,
                Mm(MARGIN),
                Mm(y),
                if *bold { &fonts.bold } else { &fonts.regular },
            );
        }
        y -= MARGIN;
        cut_line(&layer, y);
        y -= MARGIN;
    }
    doc.save_to_bytes()
}

/// «Выписка из реестра сертификатов дополнительного образования»: what the registry holds
/// about one certificate at the moment `at`, with every movement of its money.
pub fn statement(
    d: &dopcert_app::certificate::Detail,
    region: &str,
    at: jiff::Timestamp,
) -> Result<Vec<u8>, printpdf::Error> {
    let s = &d.summary;
    let mut lines: Vec<(String, f32, bool)> = vec![
        ("Выписка из реестра сертификатов дополнительного образования".into(), 13.0, true),
        (region.to_string(), 10.0, false),
        (format!("Сформирована {} (московское время)", format::instant(at)), 9.0, false),
        (String::new(), 6.0, false),
        (format!("Номер сертификата: {}", s.number), 12.0, true),
        (format!("Ребёнок: {}", d.child_name), 10.0, false),
    ];
    if let Some(b) = d.child_birth {
        lines.push((format!("Дата рождения: {}", format::date_long(b)), 10.0, false));
    }
    let status = match (&s.status_reason, s.status) {
        (Some(r), st) if st != dopcert_domain::certificate::Status::Active => format!("{} ({r})", st.title()),
        (_, st) => st.title().to_string(),
    };
    lines.push((format!("Статус: {status}"), 10.0, false));
    let kind = if s.funded {
        "сертификат финансирования (с номиналом)"
    } else {
        "сертификат учёта (для бесплатных муниципальных программ)"
    };
    lines.push((format!("Вид: {kind}"), 10.0, false));
    lines.push((format!("Муниципалитет: {}", d.municipality), 10.0, false));
    let mut issued = format!("Выдан: {}, {}", format::instant(s.issued_at), d.channel.title());
    if let Some(org) = &d.issued_by_organization {
        issued.push_str(&format!(" ({org})"));
    }
    for l in wrap(&issued, WRAP) {
        lines.push((l, 10.0, false));
    }
    if let Some(p) = &d.period {
        lines.push((
            format!(
                "Период: {} год ({} — {}){}",
                p.year,
                format::date_long(p.starts_on),
                format::date_long(p.ends_on),
                d.nominal.map(|n| format!(", номинал {n}")).unwrap_or_default()
            ),
            10.0,
            false,
        ));
    }
    lines.push((
        format!(
            "Доступно: {}   Зарезервировано: {}   Потрачено: {}",
            s.balance.available, s.balance.held, s.balance.spent
        ),
        11.0,
        true,
    ));
    lines.push((String::new(), 6.0, false));
    lines.push(("Движение средств".into(), 11.0, true));
    if d.movements.is_empty() {
        lines.push(("Движений не было.".into(), 10.0, false));
    }
    for m in &d.movements {
        let what = crate::pages::reason_title(m.reason);
        let mut text = format!("{} — {what}", format::instant(m.at));
        if m.available.get() != 0 {
            text.push_str(&format!(
                "; доступно {}{}",
                if m.available.get() > 0 { "+" } else { "" },
                m.available
            ));
        }
        if m.held.get() != 0 {
            text.push_str(&format!("; резерв {}{}", if m.held.get() > 0 { "+" } else { "" }, m.held));
        }
        for l in wrap(&text, WRAP) {
            lines.push((l, 10.0, false));
        }
    }
    lines.push((String::new(), 6.0, false));
    lines.push(("История статусов".into(), 11.0, true));
    for e in &d.events {
        let mut text = format!("{} — {}", format::instant(e.at), crate::pages::event_title(e.kind));
        if let Some(r) = &e.reason {
            text.push_str(&format!(": {r}"));
        }
        for l in wrap(&text, WRAP) {
            lines.push((l, 10.0, false));
        }
    }
    lines.push((String::new(), 6.0, false));
    for l in wrap(
        "Сертификат не может быть обналичен или передан другому ребёнку. Средства сертификата оплачивают \
         только сертифицированные программы дополнительного образования.",
        WRAP + 6,
    ) {
        lines.push((l, 9.0, false));
    }
    // The document's title is metadata that printpdf writes without a BOM: viewers show Cyrillic
    // there as mojibake, so it is Latin; the page itself is Russian.
    let title = format!("Certificate statement {}", s.number);
    let (doc, first_page, first_layer) = PdfDocument::new(&title, Mm(PAGE_W), Mm(PAGE_H), "statement");
    let fonts = Fonts {
        regular: doc.add_external_font(std::io::Cursor::new(REGULAR))?,
        bold: doc.add_external_font(std::io::Cursor::new(BOLD))?,
    };
    let mut layer = doc.get_page(first_page).get_layer(first_layer);
    let mut y = PAGE_H - MARGIN;
    for (text, size, bold) in &lines {
        if y - line_height(*size) < MARGIN {
            let (p, l) = doc.add_page(Mm(PAGE_W), Mm(PAGE_H), "statement");
            layer = doc.get_page(p).get_layer(l);
            y = PAGE_H - MARGIN;
        }
        y -= line_height(*size);
        if !text.is_empty() {
            layer.use_text(
                text.as_str(),
                *size,
                Mm(MARGIN),
                Mm(y),
                if *bold { &fonts.bold } else { &fonts.regular },
            );
        }
    }
    doc.save_to_bytes()
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(wrap("раз два три четыре", 8), vec!["раз два", "три", "четыре"]);
        assert!(wrap("", 10).is_empty());
    }
}
