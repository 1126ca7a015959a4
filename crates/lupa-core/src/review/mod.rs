//! The review screens' use-cases over one case (F-REV-2..7, F-ANA-5, F-STO-4), kept free of the
//! desktop shell so the CLI and tests reach them too.
//!
//! - [`model`]: [`CaseModel`], a case held in memory for review: its analysis input, the analysis,
//!   the analyst's notes, and the precomputed orders and folded text the table filters with.
//! - `columns`: compact per-transaction integers the filters scan.
//! - [`query`]: the transactions table: [`TxFilter`] (drill-down evidence included) → [`TxPage`].
//! - [`overview`]: the overview in F-REV-2's order, the checklist with evidence, the what-if.
//! - [`edits`]: recategorise, include/exclude, star, comment as whole before/after states, and the
//!   undo/redo history.

mod columns;
pub mod edits;
pub mod model;
pub mod overview;
pub mod query;

pub use edits::{Edit, EditHistory, EditOutcome};
pub use model::CaseModel;
pub use overview::{CheckView, CurrencyReview, MetricView, ReviewOverview, ReviewSection};
pub use query::{
    CurrencySum, Evidence, FlowDirection, ReviewRow, SortKey, TxFilter, TxFlag, TxPage,
};
