//! Lupa's credit memo typesetter: a plain document model in, PDF bytes out (krilla, DejaVu fonts shipped in the binary).
//!
//! Build a [`Memo`] of [`Block`]s and call [`render`]. The output is an A4 portrait PDF with the
//! DejaVu Sans fonts embedded (subset), a footer on every page, tables whose header row repeats on
//! every page they continue onto, and charts drawn from SVG as vector content. Rendering is
//! deterministic: the same memo always gives the same bytes.

mod blocks;
mod chart;
mod draw;
mod layout;
mod table;
mod text;

/// A credit memo: the whole document model handed to [`render`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Memo {
    /// The document title, printed large at the top of the first page and stored in the PDF metadata.
    pub title: String,
    /// An optional line under the title (case number, environment).
    pub subtitle: Option<String>,
    /// A muted line under the title saying when and by what the memo was generated.
    pub generated: String,
    /// Text on the left of every page's footer (e.g. a confidentiality note).
    pub footer: String,
    /// Text on the right of every page's footer; `{page}` and `{pages}` are replaced with the page
    /// number and the total page count.
    pub page_label: String,
    /// BCP 47 language tag written to the PDF metadata ("pl", "en").
    pub language: String,
    /// The body of the memo, typeset in order.
    pub blocks: Vec<Block>,
    /// Optional entries of the PDF's document information (subject, keywords, creator, producer).
    pub info: DocumentInfo,
}

/// Optional PDF metadata written to the document information dictionary (and its XMP copy).
///
/// Empty fields are left out; `creator` defaults to "Lupa". Nothing here depends on the clock, so
/// rendering stays deterministic.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentInfo {
    /// `/Subject`.
    pub subject: Option<String>,
    /// `/Keywords`, written verbatim.
    pub keywords: Option<String>,
    /// `/Creator`; `None` writes "Lupa".
    pub creator: Option<String>,
    /// `/Producer`; `None` leaves krilla's default.
    pub producer: Option<String>,
}

/// One piece of the memo's body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading with a thin rule under it; never left last on a page.
    Heading(String),
    /// A smaller bold heading; never left last on a page either.
    Subheading(String),
    /// Wrapped body text; `'\n'` forces a line break.
    Paragraph(String),
    /// Label–value pairs in two columns (labels muted, values regular).
    Facts(Vec<(String, String)>),
    /// A table whose header row repeats on every page it continues onto.
    Table(Table),
    /// A wrapping row of small rounded, coloured labels.
    Badges(Vec<Badge>),
    /// An SVG chart drawn as vectors at the content width (aspect kept), with a title above it.
    Chart {
        /// Printed above the chart and used in errors about it.
        title: String,
        /// The SVG document (e.g. plotters' output).
        svg: String,
    },
    /// Starts a new page (ignored when the current page is still empty).
    PageBreak,
}

/// A table: columns, rows of cell texts, and an optional note printed under it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// The rows; a row shorter than `columns` leaves its last cells empty, extra cells are ignored.
    pub rows: Vec<Vec<String>>,
    /// A muted note under the table (source, units).
    pub note: Option<String>,
}

/// A table column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header text.
    pub title: String,
    /// How cell texts (and the header) are aligned.
    pub align: Align,
    /// Relative width: columns share the content width in proportion to their weights.
    pub weight: f32,
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Text starts at the left edge (text columns).
    #[default]
    Left,
    /// Text ends at the right edge (numeric columns).
    Right,
}

/// A small coloured label.
#[derive(Debug, Clone, PartialEq)]
pub struct Badge {
    /// The label's text.
    pub text: String,
    /// Its colour scheme.
    pub tone: Tone,
}

/// The colour scheme of a [`Badge`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    /// Grey: informational.
    #[default]
    Neutral,
    /// Green: a positive signal.
    Good,
    /// Amber: needs attention.
    Warning,
    /// Red: a negative signal.
    Bad,
}

/// Why a memo could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum MemoError {
    /// A chart's SVG could not be parsed.
    #[error("chart \"{title}\": {reason}")]
    Chart {
        /// The chart's title.
        title: String,
        /// What was wrong with its SVG.
        reason: String,
    },
    /// krilla failed to serialise the PDF.
    #[error("PDF serialisation failed: {0}")]
    Pdf(String),
}

/// Typesets `memo` into a PDF and returns its bytes.
///
/// The output depends only on `memo` (no dates, no system fonts), so the same memo always gives
/// the same bytes.
///
/// # Errors
/// [`MemoError::Chart`] if a chart's SVG does not parse, [`MemoError::Pdf`] if krilla cannot
/// serialise the document.
pub fn render(memo: &Memo) -> Result<Vec<u8>, MemoError> {
    let chunks = blocks::build(memo)?;
    let pages = layout::paginate(&chunks);
    draw::document(memo, &pages)
}
