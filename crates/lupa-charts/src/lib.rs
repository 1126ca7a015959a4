//! Lupa's charts: plain data in, an SVG document (`String`) out.
//!
//! The four charts of the product specification (§7) are drawn with plotters' SVG backend:
//! [`balance_chart`] (F-CHA-1), [`cashflow_chart`] (F-CHA-2), [`category_chart`] (F-CHA-3) and
//! [`income_chart`] (F-CHA-4). The same SVG is shown in the desktop UI and embedded in the PDF
//! credit memo, so it is self-contained: text is `<text>` (no fonts are needed to produce it),
//! colours come from the light or dark [`Theme`], and words, months and amounts follow the
//! [`Locale`].
//!
//! Every chart:
//! - is a complete `<svg role="img" data-chart="…" data-empty="…">` with a `<title>`;
//! - draws a "no data" / "brak danych" message for empty input instead of failing;
//! - ends with `<g class="lupa-hover">`, invisible rectangles over its bars or day columns whose
//!   `data-*` attributes (ISO dates, `YYYY-MM` months, plain decimal amounts) feed the UI's
//!   tooltips, and whose `<title>` is the localised tooltip text;
//! - is deterministic: the same input gives the same bytes.
//!
//! This crate knows nothing of the analysis, the store or the desktop shell; the analysis engine
//! computes the series and calls it.

mod balance;
mod canvas;
mod cashflow;
mod category;
mod downsample;
mod format;
mod income;
mod model;
mod slots;
mod theme;
mod ticks;

pub use balance::balance_chart;
pub use cashflow::cashflow_chart;
pub use category::{TOP_ROWS, category_chart};
/// Number, money and date formatting in the charts' locales, shared with the PDF memo.
pub use format::{
    currency_symbol, date as format_date, decimal as format_decimal, money as format_money,
    percent as format_percent,
};
pub use income::income_chart;
pub use model::{
    AccountSeries, CategoryAmount, ChartOptions, Direction, Locale, MonthFlow, MonthIncome, Theme,
};
