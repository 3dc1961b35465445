//! PDF documents people print: the login slips for now. DejaVu Sans is embedded (Cyrillic
//! throughout); text is real text, so it can be searched and read aloud.

use dopcert_app::logins::Slip;
use dopcert_domain::role::Role;
use dopcert_domain::time::format_date;
use printpdf::{IndirectFontRef, Line, LineDashPattern, Mm, PdfDocument, PdfLayerReference, Point};

const REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 14.0;
/// Characters per line at 10 pt across the slip (DejaVu Sans is wide).
const WRAP: usize = 88;

/// Words into lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
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

struct Fonts {
    regular: IndirectFontRef,
    bold: IndirectFontRef,
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
        format!("Пароли действуют один раз, до {} включительно.", format_date(s.valid_until)),
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
fn line_height(size: f32) -> f32 {
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

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(wrap("раз два три четыре", 8), vec!["раз два", "три", "четыре"]);
        assert!(wrap("", 10).is_empty());
    }
}
