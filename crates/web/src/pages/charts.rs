//! Charts drawn on the server as SVG: columns by month and horizontal bars by category. No
//! script and no style attribute (the CSP allows neither): geometry in attributes, colours by
//! class from the stylesheet (`.chart .s1` …). Every bar carries a `<title>` with its exact
//! figure, the chart a `<title>` and a `<desc>`, and the page puts the same figures in a table
//! right after it, so the chart is never the only way to read them. The words (the axes' units)
//! are in the page's language; the names and figures come in from the page.

use crate::text::{self, Lang};

/// A chart ready for the template: coordinates in the SVG's own units.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Unique on the page: the ids of its title and description.
    pub id: String,
    pub title: String,
    pub description: String,
    pub width: i32,
    pub height: i32,
    pub lines: Vec<Line>,
    pub bars: Vec<Bar>,
    pub texts: Vec<Text>,
    pub legend: Vec<Key>,
}

#[derive(Debug, Clone)]
pub struct Line {
    pub x1: i32,
    pub y1: i32,
    pub x2: i32,
    pub y2: i32,
    pub class: &'static str,
}

#[derive(Debug, Clone)]
pub struct Bar {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
    pub class: &'static str,
    /// What a pointer over the bar reads: the category, the series and the exact figure.
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct Text {
    pub x: i32,
    pub y: i32,
    pub text: String,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
    pub class: &'static str,
}

/// A legend entry: a swatch at (x, y) and the series' name after it.
#[derive(Debug, Clone)]
pub struct Key {
    pub x: i32,
    pub y: i32,
    pub class: &'static str,
    pub text: String,
}

/// One series of a chart: its name (in the page's language) and its colour's class.
#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub class: &'static str,
}

/// The values of one category: one per series, with the text that states each exactly.
#[derive(Debug, Clone)]
pub struct Group {
    pub label: String,
    pub values: Vec<(f64, String)>,
}

/// How an axis labels its ticks.
#[derive(Debug, Clone, Copy)]
pub enum Scale {
    /// Per cent, 0 to 100 (further only if a value is).
    Percent,
    /// Counts of children, seats, contracts.
    Count,
    /// Roubles (the values are roubles, not kopecks).
    Rubles,
}

impl Scale {
    /// Ticks from 0 to at least `max`: 0 and four or five round steps.
    fn ticks(self, max: f64) -> Vec<f64> {
        let max = match self {
            Scale::Percent => max.max(100.0),
            _ => max.max(1.0),
        };
        let step = match self {
            Scale::Percent if max <= 100.0 => 20.0,
            // Whole children, seats and roubles.
            _ => nice_step(max / 4.0).max(1.0),
        };
        let n = (max / step).ceil().max(1.0) as usize;
        (0..=n).map(|i| i as f64 * step).collect()
    }

    fn label(self, v: f64) -> String {
        match self {
            Scale::Percent => text::with("charts-percent", &[("n", &(v.round() as i64).to_string())]),
            Scale::Count => compact(v, ""),
            Scale::Rubles => compact(v, "\u{a0}₽"),
        }
    }
}

/// A round step not below `raw`: 1, 2, 2.5 or 5 times a power of ten.
fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(10.0 * magnitude)
}

/// «1,5 млн ₽», «250 тыс.», «40» («1.5m ₽», «250k», «40»): an axis' label in the page's language.
fn compact(v: f64, unit: &str) -> String {
    let lang = text::lang();
    let figure = |value: f64| {
        if (value - value.round()).abs() < 0.05 {
            format!("{}", value.round() as i64)
        } else if lang == Lang::Ru {
            format!("{value:.1}").replace('.', ",")
        } else {
            format!("{value:.1}")
        }
    };
    let words = if v >= 1e9 {
        lang.with("charts-billions", &[("n", &figure(v / 1e9))])
    } else if v >= 1e6 {
        lang.with("charts-millions", &[("n", &figure(v / 1e6))])
    } else if v >= 1e4 {
        lang.with("charts-thousands", &[("n", &figure(v / 1e3))])
    } else {
        figure(v)
    };
    format!("{words}{unit}")
}

/// Grouped columns: a group of bars (one per series) for each category along the bottom, the
/// axis on the left. For series over months.
pub fn columns(
    id: &str,
    title: &str,
    description: &str,
    series: &[Series],
    groups: &[Group],
    scale: Scale,
) -> Chart {
    let (width, height) = (720, 320);
    let (left, right, top, bottom) = (64, 8, 36, 40);
    let plot_h = height - top - bottom;
    let max = groups.iter().flat_map(|g| g.values.iter().map(|v| v.0)).fold(0.0, f64::max);
    let ticks = scale.ticks(max);
    let top_value = *ticks.last().expect("at least two ticks");
    let y_of = |v: f64| top + plot_h - ((v / top_value) * f64::from(plot_h)).round() as i32;
    let mut chart = Chart::new(id, title, description, width, height);
    for t in &ticks {
        let y = y_of(*t);
        chart.lines.push(Line { x1: left, y1: y, x2: width - right, y2: y, class: "grid" });
        chart.texts.push(Text { x: left - 6, y: y + 4, text: scale.label(*t), anchor: "end", class: "tick" });
    }
    let slot = (width - left - right) / groups.len().max(1) as i32;
    let bar_w = ((slot - 8) / series.len().max(1) as i32).max(2);
    for (i, g) in groups.iter().enumerate() {
        let x0 = left + i as i32 * slot + (slot - bar_w * series.len() as i32) / 2;
        for (k, (s, (value, text))) in series.iter().zip(&g.values).enumerate() {
            let y = y_of(value.max(0.0));
            chart.bars.push(Bar {
                x: x0 + k as i32 * bar_w,
                y,
                w: bar_w,
                h: (top + plot_h - y).max(0),
                class: s.class,
                title: format!("{}, {}: {text}", g.label, lowercase_first(&s.name)),
            });
        }
        chart.texts.push(Text {
            x: left + i as i32 * slot + slot / 2,
            y: height - bottom + 16,
            text: g.label.clone(),
            anchor: "middle",
            class: "tick",
        });
    }
    chart.lines.push(Line { x1: left, y1: top + plot_h, x2: width - right, y2: top + plot_h, class: "axis" });
    chart.legend(series, left);
    chart
}

/// Horizontal bars: a row per category with its label on the left and a bar per series, each
/// with its figure written after it. For categories with long names.
pub fn bars(
    id: &str,
    title: &str,
    description: &str,
    series: &[Series],
    groups: &[Group],
    scale: Scale,
) -> Chart {
    let (width, left, right, top) = (720, 250, 96, 36);
    let bar_h = 14;
    let row_h = bar_h * series.len().max(1) as i32 + 10;
    let height = top + row_h * groups.len().max(1) as i32 + 24;
    let plot_w = width - left - right;
    let max = groups.iter().flat_map(|g| g.values.iter().map(|v| v.0)).fold(0.0, f64::max);
    let ticks = scale.ticks(max);
    let top_value = *ticks.last().expect("at least two ticks");
    let x_of = |v: f64| left + ((v.max(0.0) / top_value) * f64::from(plot_w)).round() as i32;
    let mut chart = Chart::new(id, title, description, width, height);
    let bottom = top + row_h * groups.len().max(1) as i32;
    for t in &ticks {
        let x = x_of(*t);
        chart.lines.push(Line { x1: x, y1: top - 4, x2: x, y2: bottom, class: "grid" });
        chart.texts.push(Text { x, y: bottom + 16, text: scale.label(*t), anchor: "middle", class: "tick" });
    }
    for (i, g) in groups.iter().enumerate() {
        let y0 = top + i as i32 * row_h + 5;
        chart.texts.push(Text {
            x: left - 8,
            y: y0 + row_h / 2,
            text: shorten(&g.label, 38),
            anchor: "end",
            class: "label",
        });
        for (k, (s, (value, text))) in series.iter().zip(&g.values).enumerate() {
            let y = y0 + k as i32 * bar_h;
            let w = x_of(*value) - left;
            chart.bars.push(Bar {
                x: left,
                y,
                w: w.max(if *value > 0.0 { 1 } else { 0 }),
                h: bar_h - 2,
                class: s.class,
                title: format!("{}, {}: {text}", g.label, lowercase_first(&s.name)),
            });
            chart.texts.push(Text {
                x: left + w + 4,
                y: y + bar_h - 4,
                text: text.clone(),
                anchor: "start",
                class: "value",
            });
        }
    }
    chart.lines.push(Line { x1: left, y1: top - 4, x2: left, y2: bottom, class: "axis" });
    chart.legend(series, left);
    chart
}

impl Chart {
    fn new(id: &str, title: &str, description: &str, width: i32, height: i32) -> Chart {
        Chart {
            id: id.to_string(),
            title: title.to_string(),
            description: description.to_string(),
            width,
            height,
            lines: Vec::new(),
            bars: Vec::new(),
            texts: Vec::new(),
            legend: Vec::new(),
        }
    }

    /// The series' names along the top, each after its swatch.
    fn legend(&mut self, series: &[Series], left: i32) {
        let mut x = left;
        for s in series {
            self.legend.push(Key { x, y: 10, class: s.class, text: s.name.clone() });
            x += 24 + 8 * s.name.chars().count() as i32;
        }
    }
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A label cut to `max` characters with «…» (the bar's title and the table keep it whole).
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(0.3), 0.5);
        assert_eq!(nice_step(23.0), 25.0);
        assert_eq!(nice_step(41_000.0), 50_000.0);
        assert_eq!(Scale::Count.ticks(0.0), vec![0.0, 1.0]);
        assert_eq!(Scale::Percent.ticks(63.0), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
    }

    #[test]
    fn axes_speak_russian() {
        assert_eq!(compact(1_500_000.0, "\u{a0}₽"), "1,5 млн\u{a0}₽");
        assert_eq!(compact(250_000.0, ""), "250 тыс.");
        assert_eq!(compact(2_000_000_000.0, "\u{a0}₽"), "2 млрд\u{a0}₽");
        assert_eq!(compact(40.0, ""), "40");
    }

    #[test]
    fn bars_stay_inside_the_picture() {
        let series =
            [Series { name: "Мест".into(), class: "s1" }, Series { name: "Занято".into(), class: "s2" }];
        let groups = vec![
            Group {
                label: "Техническая".into(), values: vec![(120.0, "120".into()), (90.0, "90".into())]
            },
            Group {
                label: "Художественная".into(), values: vec![(0.0, "0".into()), (0.0, "0".into())]
            },
        ];
        for chart in [
            bars("b", "t", "d", &series, &groups, Scale::Count),
            columns("c", "t", "d", &series, &groups, Scale::Count),
        ] {
            assert_eq!(chart.bars.len(), 4);
            for b in &chart.bars {
                assert!(b.x >= 0 && b.y >= 0 && b.w >= 0 && b.h >= 0, "{b:?}");
                assert!(b.x + b.w <= chart.width && b.y + b.h <= chart.height, "{b:?}");
            }
            assert!(chart.bars[0].title.contains("Техническая, мест: 120"));
        }
    }
}
