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
const SLIPS_PER_PAGE: usize = 3;
const SLIP_H: f32 = PAGE_H / SLIPS_PER_PAGE as f32;
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

/// Draws one slip with its top edge at `top` (mm from the bottom of the page).
fn slip(layer: &PdfLayerReference, f: &Fonts, s: &Slip, public_url: &str, top: f32) {
    let mut y = top - MARGIN;
    let text = |t: &str, size: f32, bold: bool, y: &mut f32| {
        layer.use_text(t, size, Mm(MARGIN), Mm(*y), if bold { &f.bold } else { &f.regular });
        *y -= size * 0.5;
    };
    text("Вход в личный кабинет — сертификат дополнительного образования", 12.0, true, &mut y);
    y -= 2.0;
    let who = match s.role {
        Role::Child => "обучающийся",
        _ => "родитель (законный представитель)",
    };
    for l in wrap(&format!("Для: {} — {who}", s.for_name), WRAP) {
        text(&l, 10.0, false, &mut y);
    }
    for l in wrap(&format!("Ученики: {}", s.pupils.join("; ")), WRAP) {
        text(&l, 10.0, false, &mut y);
    }
    text(&format!("Адрес: {public_url}"), 10.0, false, &mut y);
    y -= 1.0;
    text(&format!("Логин: {}", s.login), 13.0, true, &mut y);
    text(&format!("Одноразовый пароль: {}", s.code), 13.0, true, &mut y);
    text(
        &format!("Пароль действует один раз, до {} включительно.", format_date(s.valid_until)),
        9.0,
        false,
        &mut y,
    );
    y -= 1.0;
    let steps = "Что сделать: 1) откройте адрес и введите логин и одноразовый пароль; 2) придумайте \
                 свой пароль — его будете знать только вы; 3) нажмите на своё ФИО в правом верхнем углу, \
                 откройте «Персональные настройки» и в разделе «Сертификат дополнительного образования» \
                 нажмите «Получить сертификат».";
    for l in wrap(steps, WRAP + 6) {
        text(&l, 9.0, false, &mut y);
    }
}

fn cut_line(layer: &PdfLayerReference, y: f32) {
    layer.set_line_dash_pattern(LineDashPattern { dash_1: Some(4), gap_1: Some(3), ..Default::default() });
    layer.add_line(Line {
        points: vec![(Point::new(Mm(6.0), Mm(y)), false), (Point::new(Mm(PAGE_W - 6.0), Mm(y)), false)],
        is_closed: false,
    });
}

/// Slips to cut out, three to an A4 page.
pub fn login_slips(slips: &[Slip], public_url: &str, title: &str) -> Result<Vec<u8>, printpdf::Error> {
    let (doc, first_page, first_layer) = PdfDocument::new(title, Mm(PAGE_W), Mm(PAGE_H), "slips");
    let fonts = Fonts {
        regular: doc.add_external_font(std::io::Cursor::new(REGULAR))?,
        bold: doc.add_external_font(std::io::Cursor::new(BOLD))?,
    };
    for (n, chunk) in slips.chunks(SLIPS_PER_PAGE).enumerate() {
        let layer = if n == 0 {
            doc.get_page(first_page).get_layer(first_layer)
        } else {
            let (p, l) = doc.add_page(Mm(PAGE_W), Mm(PAGE_H), "slips");
            doc.get_page(p).get_layer(l)
        };
        for (i, s) in chunk.iter().enumerate() {
            let top = PAGE_H - i as f32 * SLIP_H;
            slip(&layer, &fonts, s, public_url, top);
            if i + 1 < SLIPS_PER_PAGE {
                cut_line(&layer, top - SLIP_H);
            }
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
