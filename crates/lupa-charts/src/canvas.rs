//! The drawing surface every chart shares: plotters' SVG backend, the title, legend, axes, the
//! "no data" message and the hover overlay.
//!
//! Charts map data to pixels themselves through [`Plot`], so the drawn shapes, the tick labels and
//! the hover overlay use one mapping. The overlay is a `<g class="lupa-hover">` of invisible
//! rectangles appended after plotters' output: each carries `data-*` attributes for the UI's
//! tooltips and a `<title>` child, which browsers and most SVG viewers show as a native tooltip.
//! Nothing in the output depends on the time, ids or the machine, so identical inputs give
//! identical bytes.

use std::fmt::Write as _;

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBAColor};

use crate::format;
use crate::model::{ChartOptions, Locale};
use crate::theme::{FONT, LABEL_PX, Palette, TITLE_PX};
use crate::ticks::{LABEL_GAP, Tick, ValueAxis, text_width};

/// The error plotters reports; writing into a `String` cannot actually fail.
pub(crate) type DrawError = DrawingAreaErrorKind<std::io::Error>;
/// The result of a drawing step.
pub(crate) type DrawResult = Result<(), DrawError>;

/// Outer padding of every chart, in pixels.
pub(crate) const PAD: i32 = 16;
/// Height of one row of tick labels, in pixels.
const TICK_ROW: i32 = 15;

/// The rectangle data is drawn in, with the data range it shows.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Plot {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
}

impl Plot {
    /// Width in pixels.
    pub(crate) fn width(&self) -> f64 {
        f64::from(self.right - self.left)
    }

    /// Pixels per x unit.
    pub(crate) fn x_scale(&self) -> f64 {
        self.width() / (self.x1 - self.x0)
    }

    /// The pixel column of `x`.
    pub(crate) fn px(&self, x: f64) -> i32 {
        (f64::from(self.left) + (x - self.x0) * self.x_scale()).round() as i32
    }

    /// The pixel row of `y` (up is larger).
    pub(crate) fn py(&self, y: f64) -> i32 {
        let height = f64::from(self.bottom - self.top);
        (f64::from(self.bottom) - (y - self.y0) / (self.y1 - self.y0) * height).round() as i32
    }

    /// The pixel position of a data point.
    pub(crate) fn at(&self, (x, y): (f64, f64)) -> (i32, i32) {
        (self.px(x), self.py(y))
    }
}

/// What a legend entry shows before its text.
#[derive(Clone, Copy)]
pub(crate) enum Swatch {
    /// A filled square.
    Box(RGBColor),
    /// A short solid line.
    Line(RGBColor),
    /// A short dashed line.
    Dashed(RGBColor),
}

/// The drawing surface of one chart.
pub(crate) struct Canvas<'a> {
    pub area: DrawingArea<SVGBackend<'a>, Shift>,
    pub palette: &'static Palette,
    pub locale: Locale,
    pub currency: String,
    pub width: i32,
    pub height: i32,
    hover: String,
    empty: bool,
}

/// Renders one chart: background and title, then `draw`, then the overlay.
pub(crate) fn render(
    options: &ChartOptions,
    kind: &str,
    title: &str,
    draw: impl FnOnce(&mut Canvas) -> DrawResult,
) -> String {
    let (width, height) = options.size();
    let mut svg = String::new();
    let outcome = {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let mut canvas = Canvas {
            area,
            palette: options.theme.palette(),
            locale: options.locale,
            currency: options.currency.clone(),
            width: width as i32,
            height: height as i32,
            hover: String::new(),
            empty: false,
        };
        let drawn = canvas
            .area
            .fill(&canvas.palette.background)
            .and_then(|()| canvas.title(title))
            .and_then(|()| draw(&mut canvas))
            .and_then(|()| canvas.area.present());
        drawn.map(|()| (std::mem::take(&mut canvas.hover), canvas.empty))
    };
    match outcome {
        Ok((hover, empty)) => finish(svg, kind, title, &hover, empty),
        Err(_) => finish(String::new(), kind, title, "", true),
    }
}

/// Adds the chart's kind, an accessible title and the hover overlay to plotters' output.
fn finish(svg: String, kind: &str, title: &str, hover: &str, empty: bool) -> String {
    let Some(open_end) = svg.find(">\n") else {
        // Unreachable with plotters' SVG backend; an empty, valid SVG is better than a panic.
        return format!(r#"<svg xmlns="http://www.w3.org/2000/svg" data-chart="{kind}"/>"#);
    };
    let close = svg.rfind("</svg>").unwrap_or(svg.len());
    let mut out = String::with_capacity(svg.len() + hover.len() + 200);
    out.push_str("<svg role=\"img\"");
    write!(out, " data-chart=\"{kind}\" data-empty=\"{empty}\"").ok();
    out.push_str(&svg["<svg".len()..open_end]);
    out.push_str(">\n<title>");
    out.push_str(&escape(title));
    out.push_str("</title>\n");
    out.push_str(&svg[open_end + 2..close]);
    if !hover.is_empty() {
        out.push_str("<g class=\"lupa-hover\">\n");
        out.push_str(hover);
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

/// Escapes text for an XML attribute or element.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

/// Shortens `text` with an ellipsis so that it fits `max_width` pixels at `px`.
pub(crate) fn fit(text: &str, max_width: f64, px: f64) -> String {
    if text_width(text, px) <= max_width {
        return text.to_owned();
    }
    let keep = ((max_width / text_width("0", px)) as usize).saturating_sub(1);
    let mut short: String = text.chars().take(keep).collect();
    short = short.trim_end().to_owned();
    short.push('…');
    short
}

/// A text style of our font.
pub(crate) fn style(px: f64, colour: RGBColor, h: HPos, v: VPos, bold: bool) -> TextStyle<'static> {
    let weight = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    TextStyle {
        // plotters writes `font-size` as size / 1.24; this gives whole pixel sizes.
        font: FontDesc::new(FontFamily::Name(FONT), px * 1.24, weight),
        color: colour.to_backend_color(),
        pos: Pos::new(h, v),
    }
}

/// A solid line style.
pub(crate) fn stroke(colour: RGBColor, width: u32) -> ShapeStyle {
    ShapeStyle {
        color: colour.to_rgba(),
        filled: false,
        stroke_width: width,
    }
}

/// A fill style with opacity.
pub(crate) fn fill(colour: RGBColor, alpha: f64) -> ShapeStyle {
    let RGBColor(r, g, b) = colour;
    ShapeStyle {
        color: RGBAColor(r, g, b, alpha),
        filled: true,
        stroke_width: 0,
    }
}

impl Canvas<'_> {
    /// Draws `text` at `(x, y)`.
    pub(crate) fn text(&self, text: &str, at: (i32, i32), style: &TextStyle) -> DrawResult {
        self.area
            .draw(&Text::new(text.to_owned(), at, style.clone()))
    }

    /// The title, top left, shortened to fit.
    fn title(&self, title: &str) -> DrawResult {
        let max_width = f64::from(self.width - 2 * PAD);
        let title = fit(title, max_width, TITLE_PX);
        let style = style(TITLE_PX, self.palette.text, HPos::Left, VPos::Top, true);
        self.text(&title, (PAD, 12), &style)
    }

    /// The first pixel row below the title.
    pub(crate) fn below_title(&self) -> i32 {
        12 + TITLE_PX as i32 + 10
    }

    /// Replaces the chart body with a centred "no data" message.
    pub(crate) fn no_data(&mut self) -> DrawResult {
        self.empty = true;
        let style = style(13.0, self.palette.muted, HPos::Center, VPos::Center, false);
        let centre = (self.width / 2, (self.below_title() + self.height) / 2);
        self.text(self.locale.words().no_data, centre, &style)
    }

    /// A money amount in the chart's currency.
    pub(crate) fn money(&self, value: rust_decimal::Decimal) -> String {
        format::money(value, &self.currency, self.locale)
    }

    /// Lays out legend entries left to right from `top`, wrapping; returns the row below them.
    pub(crate) fn legend(&self, entries: &[(Swatch, String)], top: i32) -> Result<i32, DrawError> {
        let style = style(LABEL_PX, self.palette.text, HPos::Left, VPos::Center, false);
        let row_height = 18;
        let (mut x, mut y) = (PAD, top + row_height / 2);
        let max_label = f64::from(self.width - 2 * PAD - 22);
        for (swatch, label) in entries {
            let label = fit(label, max_label, LABEL_PX);
            let width = 16 + text_width(&label, LABEL_PX).ceil() as i32;
            if x > PAD && x + width > self.width - PAD {
                x = PAD;
                y += row_height;
            }
            match *swatch {
                Swatch::Box(colour) => self.area.draw(&Rectangle::new(
                    [(x, y - 5), (x + 10, y + 5)],
                    fill(colour, 1.0),
                ))?,
                Swatch::Line(colour) => self.area.draw(&PathElement::new(
                    vec![(x - 2, y), (x + 12, y)],
                    stroke(colour, 2),
                ))?,
                Swatch::Dashed(colour) => self.area.draw(&DashedPathElement::new(
                    vec![(x - 2, y), (x + 12, y)],
                    4,
                    2,
                    stroke(colour, 2),
                ))?,
            }
            self.text(&label, (x + 16, y), &style)?;
            x += width + 14;
        }
        Ok(y + row_height / 2 + 4)
    }

    /// The plot rectangle below `top`, leaving room for the labels of `axis` on the left and for
    /// one or two rows of time ticks below.
    pub(crate) fn plot(&self, top: i32, axis: &ValueAxis, years_row: bool, x: (f64, f64)) -> Plot {
        let widest = axis
            .ticks
            .iter()
            .map(|tick| text_width(&axis.label(*tick, self.locale), LABEL_PX))
            .fold(0.0, f64::max);
        let rows = if years_row { 2 } else { 1 };
        Plot {
            left: PAD + widest.ceil() as i32 + 8,
            top: top + 20,
            right: self.width - PAD - 4,
            bottom: self.height - PAD / 2 - 6 - rows * TICK_ROW,
            x0: x.0,
            x1: x.1,
            y0: axis.lo,
            y1: axis.hi,
        }
    }

    /// Horizontal grid lines, value labels and the unit above them; the zero line stronger.
    pub(crate) fn value_axis(&self, plot: &Plot, axis: &ValueAxis, unit: &str) -> DrawResult {
        let label_style = style(
            LABEL_PX,
            self.palette.muted,
            HPos::Right,
            VPos::Center,
            false,
        );
        for &tick in &axis.ticks {
            let y = plot.py(tick);
            let colour = if tick == 0.0 {
                self.palette.zero
            } else {
                self.palette.grid
            };
            self.area.draw(&PathElement::new(
                vec![(plot.left, y), (plot.right, y)],
                stroke(colour, 1),
            ))?;
            self.text(
                &axis.label(tick, self.locale),
                (plot.left - 8, y),
                &label_style,
            )?;
        }
        let unit_style = style(
            LABEL_PX,
            self.palette.muted,
            HPos::Left,
            VPos::Bottom,
            false,
        );
        self.text(unit, (PAD, plot.top - 8), &unit_style)
    }

    /// Tick labels under the plot, and the year row; a label that would leave the image or touch
    /// the previous one is skipped (the tick choice already prevents the latter).
    pub(crate) fn time_axis(&self, plot: &Plot, ticks: &[Tick]) -> DrawResult {
        let label_style = style(LABEL_PX, self.palette.muted, HPos::Center, VPos::Top, false);
        let year_style = style(LABEL_PX, self.palette.text, HPos::Center, VPos::Top, false);
        let mut last_right = [f64::NEG_INFINITY; 2];
        for tick in ticks {
            let x = plot.px(tick.pos);
            let rows = [
                (Some(&tick.label), &label_style),
                (tick.year.as_ref(), &year_style),
            ];
            for (row, (text, style)) in rows.into_iter().enumerate() {
                let Some(text) = text else { continue };
                let half = text_width(text, LABEL_PX) / 2.0;
                let (left, right) = (f64::from(x) - half, f64::from(x) + half);
                if left < 2.0 || right > f64::from(self.width - 2) || left < last_right[row] {
                    continue;
                }
                last_right[row] = right + LABEL_GAP;
                let y = plot.bottom + 6 + row as i32 * TICK_ROW;
                self.text(text, (x, y), style)?;
            }
        }
        Ok(())
    }

    /// Adds an invisible hover target with `data-*` attributes and a tooltip.
    pub(crate) fn hover(
        &mut self,
        (x, y): (i32, i32),
        (width, height): (i32, i32),
        data: &[(&str, String)],
        tooltip: &str,
    ) {
        let out = &mut self.hover;
        write!(
            out,
            r##"<rect x="{x}" y="{y}" width="{}" height="{}""##,
            width.max(1),
            height.max(1)
        )
        .ok();
        out.push_str(r##" fill="#000000" fill-opacity="0""##);
        for (name, value) in data {
            write!(out, " data-{name}=\"{}\"", escape(value)).ok();
        }
        writeln!(out, "><title>{}</title></rect>", escape(tooltip)).ok();
    }
}
