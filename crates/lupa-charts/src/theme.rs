//! Colours and type sizes for the light and dark themes.
//!
//! The categorical colours are the muted Tableau 10 set (blue, orange, green, purple, teal,
//! yellow), which stays distinguishable with the common colour-vision deficiencies. Inflows are
//! blue and outflows orange in every chart rather than green and red for the same reason; red is
//! kept for one meaning only, a negative balance. Text colours meet WCAG AA (≥ 4.5:1) on their
//! background: body text ≈ 15:1, secondary text ≈ 6:1 on light and ≈ 7:1 on dark.

use plotters::style::RGBColor;

use crate::model::Theme;

/// The font stack written into every `<text>`; SVG text needs no font files.
pub(crate) const FONT: &str = "Inter, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif";

/// Title size in pixels.
pub(crate) const TITLE_PX: f64 = 14.0;
/// Size of tick labels, legend entries and value labels in pixels.
pub(crate) const LABEL_PX: f64 = 11.0;

/// Every colour a chart uses.
pub(crate) struct Palette {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub zero: RGBColor,
    pub negative: RGBColor,
    /// Opacity of the negative-balance shading.
    pub negative_alpha: f64,
    pub inflow: RGBColor,
    pub inflow_light: RGBColor,
    pub outflow: RGBColor,
    pub other: RGBColor,
    pub series: [RGBColor; 6],
    /// Income sources: the categorical set without orange, which means outflows here.
    pub sources: [RGBColor; 5],
}

const LIGHT: Palette = Palette {
    background: RGBColor(0xFF, 0xFF, 0xFF),
    text: RGBColor(0x1F, 0x23, 0x28),
    muted: RGBColor(0x5F, 0x66, 0x70),
    grid: RGBColor(0xE6, 0xE8, 0xEB),
    zero: RGBColor(0x8A, 0x91, 0x9A),
    negative: RGBColor(0xD6, 0x3A, 0x3C),
    negative_alpha: 0.28,
    inflow: RGBColor(0x4E, 0x79, 0xA7),
    inflow_light: RGBColor(0xB7, 0xCB, 0xE2),
    outflow: RGBColor(0xF2, 0x8E, 0x2B),
    other: RGBColor(0xB0, 0xB5, 0xBC),
    series: [
        RGBColor(0x4E, 0x79, 0xA7),
        RGBColor(0xF2, 0x8E, 0x2B),
        RGBColor(0x59, 0xA1, 0x4F),
        RGBColor(0xB0, 0x7A, 0xA1),
        RGBColor(0x76, 0xB7, 0xB2),
        RGBColor(0xED, 0xC9, 0x48),
    ],
    sources: [
        RGBColor(0x4E, 0x79, 0xA7),
        RGBColor(0x76, 0xB7, 0xB2),
        RGBColor(0x59, 0xA1, 0x4F),
        RGBColor(0xB0, 0x7A, 0xA1),
        RGBColor(0xED, 0xC9, 0x48),
    ],
};

const DARK: Palette = Palette {
    background: RGBColor(0x1B, 0x1E, 0x24),
    text: RGBColor(0xE6, 0xE8, 0xEB),
    muted: RGBColor(0xA0, 0xA7, 0xB1),
    grid: RGBColor(0x2F, 0x34, 0x3C),
    zero: RGBColor(0x7A, 0x82, 0x8D),
    negative: RGBColor(0xFF, 0x6B, 0x6B),
    negative_alpha: 0.32,
    inflow: RGBColor(0x6C, 0x9B, 0xD2),
    inflow_light: RGBColor(0x40, 0x5C, 0x7D),
    outflow: RGBColor(0xFF, 0xA5, 0x52),
    other: RGBColor(0x6B, 0x72, 0x7C),
    series: [
        RGBColor(0x6C, 0x9B, 0xD2),
        RGBColor(0xFF, 0xA5, 0x52),
        RGBColor(0x7B, 0xC9, 0x6F),
        RGBColor(0xC9, 0x9B, 0xC0),
        RGBColor(0x8F, 0xD0, 0xCA),
        RGBColor(0xF1, 0xD8, 0x6B),
    ],
    sources: [
        RGBColor(0x6C, 0x9B, 0xD2),
        RGBColor(0x8F, 0xD0, 0xCA),
        RGBColor(0x7B, 0xC9, 0x6F),
        RGBColor(0xC9, 0x9B, 0xC0),
        RGBColor(0xF1, 0xD8, 0x6B),
    ],
};

impl Theme {
    /// The colours of this theme.
    pub(crate) fn palette(self) -> &'static Palette {
        match self {
            Theme::Light => &LIGHT,
            Theme::Dark => &DARK,
        }
    }
}

impl Palette {
    /// The colour of the `index`-th series, cycling through the six categorical colours.
    pub(crate) fn series_colour(&self, index: usize) -> RGBColor {
        self.series[index % self.series.len()]
    }
}
