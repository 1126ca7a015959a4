//! The charts' inputs: plain data the analysis engine computes, and the rendering options.
//!
//! Money is `Decimal` here and everywhere a value is shown; it becomes `f64` only for pixel
//! coordinates.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The language of every label, month name and number in a chart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    /// Polish: `12 345,67 zł`, `sty`, `05.03.2024`.
    #[default]
    Pl,
    /// English: `PLN 12,345.67`, `Jan`, `5 Mar 2024`.
    En,
}

/// The colour scheme; both keep text contrast at WCAG AA or better.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Theme {
    /// Dark text on white: the app's light theme and the PDF memo.
    #[default]
    Light,
    /// Light text on a dark grey background.
    Dark,
}

/// How a chart is drawn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartOptions {
    /// Language of labels and number formats.
    pub locale: Locale,
    /// Width in pixels (SVG user units); values below 240 are raised to 240.
    pub width: u32,
    /// Height in pixels (SVG user units); values below 160 are raised to 160.
    pub height: u32,
    /// Light or dark colours.
    pub theme: Theme,
    /// ISO 4217 code of the amounts on the value axis, e.g. `PLN` (shown as `zł` in Polish).
    pub currency: String,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            locale: Locale::Pl,
            width: 800,
            height: 360,
            theme: Theme::Light,
            currency: "PLN".to_owned(),
        }
    }
}

/// Smallest width and height a chart is drawn at, so that the layout never runs out of room.
pub(crate) const MIN_SIZE: (u32, u32) = (240, 160);

impl ChartOptions {
    /// The size actually drawn: the requested one, raised to the minimum.
    pub(crate) fn size(&self) -> (u32, u32) {
        (self.width.max(MIN_SIZE.0), self.height.max(MIN_SIZE.1))
    }
}

/// One account's end-of-day balances for F-CHA-1.
///
/// Points need not be sorted; a balance holds from its day until the next point (a step line),
/// so days without a point keep the previous balance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSeries {
    /// The account's name as the analyst knows it, e.g. `Konto osobiste ...1234`.
    pub label: String,
    /// ISO 4217 code of these balances; used in hover details.
    pub currency: String,
    /// End-of-day balances.
    pub points: Vec<(NaiveDate, Decimal)>,
}

/// One calendar month of cash flow for F-CHA-2.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthFlow {
    /// Any day of the month (by convention the first); rows of the same month are added up.
    pub month: NaiveDate,
    /// Money in, as a magnitude.
    pub inflow: Decimal,
    /// Money out, as a magnitude (a negative value is taken by its absolute value).
    pub outflow: Decimal,
    /// The part of `inflow` counted as income.
    pub income: Decimal,
}

/// Whether a category amount is money in or out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// Inflows (credits).
    In,
    /// Outflows (debits).
    Out,
}

/// The total of one category in one direction for F-CHA-3.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryAmount {
    /// The category's display name; rows with the same label and direction are added up.
    pub label: String,
    /// The total, as a magnitude (the sign is ignored).
    pub amount: Decimal,
    /// In or out.
    pub direction: Direction,
}

/// One month's income split by source for F-CHA-4.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthIncome {
    /// Any day of the month (by convention the first); rows of the same month are added up.
    pub month: NaiveDate,
    /// `(source, amount)`: an employer, a benefit, a category.
    pub by_source: Vec<(String, Decimal)>,
}
