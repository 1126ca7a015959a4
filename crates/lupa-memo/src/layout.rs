//! Page geometry and palette, the display list (items grouped in unsplittable chunks), pagination.
//!
//! Blocks are first turned into [`Chunk`]s: pieces that never split across pages (a line of a
//! paragraph, a table row, a chart), each with its items positioned relative to the chunk's top.
//! [`paginate`] then stacks the chunks onto pages, honouring keep-with-next chains (headings,
//! table headers) and repeating a table's header row at the top of every page it continues onto.
//! Knowing every page up front is what lets the footer say "page N of M".

use std::rc::Rc;

use crate::text::Weight;

/// A4 portrait, in points.
pub(crate) const PAGE_WIDTH: f32 = 595.276;
/// A4 portrait, in points.
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// 18 mm.
pub(crate) const MARGIN: f32 = 18.0 * 72.0 / 25.4;
/// Left edge of the content.
pub(crate) const LEFT: f32 = MARGIN;
/// Width of the content.
pub(crate) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Top of the content.
pub(crate) const TOP: f32 = MARGIN;
/// Baseline of the footer text.
pub(crate) const FOOTER_BASELINE: f32 = PAGE_HEIGHT - MARGIN;
/// Bottom of the content (the footer sits below).
pub(crate) const BOTTOM: f32 = FOOTER_BASELINE - 22.0;
/// Height available to content on every page.
pub(crate) const FRAME_HEIGHT: f32 = BOTTOM - TOP;

/// Body text size.
pub(crate) const BODY_SIZE: f32 = 9.5;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

/// Body text.
pub(crate) const INK: Rgb = Rgb(0x1f, 0x23, 0x28);
/// Labels, notes, the footer.
pub(crate) const MUTED: Rgb = Rgb(0x6b, 0x72, 0x80);
/// Hairlines.
pub(crate) const HAIRLINE: Rgb = Rgb(0xd8, 0xdc, 0xe1);
/// Heading rules and the table header's bottom border.
pub(crate) const STRONG_RULE: Rgb = Rgb(0x9a, 0xa3, 0xae);
/// Table header background.
pub(crate) const HEADER_FILL: Rgb = Rgb(0xec, 0xef, 0xf3);
/// Every other table row.
pub(crate) const ZEBRA_FILL: Rgb = Rgb(0xf7, 0xf8, 0xfa);

/// How a piece of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TextStyle {
    pub weight: Weight,
    pub size: f32,
    pub color: Rgb,
}

impl TextStyle {
    pub(crate) const fn new(weight: Weight, size: f32, color: Rgb) -> Self {
        Self {
            weight,
            size,
            color,
        }
    }
}

/// Something to draw; `y` coordinates are relative to the chunk's top until placed on a page.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    /// One line of text; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        text: String,
        style: TextStyle,
    },
    /// A filled rectangle, rounded if `radius` > 0.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        radius: f32,
        color: Rgb,
    },
    /// A horizontal rule from `x1` to `x2` at `y`.
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
        color: Rgb,
    },
    /// A parsed SVG drawn into the box.
    Chart {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        tree: Rc<usvg::Tree>,
    },
}

impl Item {
    fn moved_down(&self, dy: f32) -> Item {
        let mut item = self.clone();
        match &mut item {
            Item::Text { y, .. }
            | Item::Rect { y, .. }
            | Item::Rule { y, .. }
            | Item::Chart { y, .. } => *y += dy,
        }
        item
    }
}

/// A piece of content that never splits across pages.
#[derive(Debug, Clone, Default)]
pub(crate) struct Chunk {
    /// Height taken on the page.
    pub height: f32,
    /// Gap above the chunk, dropped at the top of a page.
    pub space_before: f32,
    /// Must share a page with the next chunk (headings, table headers, first lines).
    pub keep_with_next: bool,
    /// Not content: starts a new page unless the current one is empty.
    pub page_break: bool,
    /// What to draw, relative to the chunk's top.
    pub items: Vec<Item>,
    /// For a table row: the header row to repeat when the row opens a page.
    pub header: Option<Rc<Chunk>>,
}

impl Chunk {
    pub(crate) fn new(height: f32) -> Self {
        Self {
            height,
            ..Self::default()
        }
    }

    pub(crate) fn spaced(mut self, space_before: f32) -> Self {
        self.space_before = space_before;
        self
    }

    pub(crate) fn kept_with_next(mut self, keep: bool) -> Self {
        self.keep_with_next = keep;
        self
    }

    pub(crate) fn text(&mut self, x: f32, y: f32, text: impl Into<String>, style: TextStyle) {
        self.items.push(Item::Text {
            x,
            y,
            text: text.into(),
            style,
        });
    }

    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, radius: f32, color: Rgb) {
        self.items.push(Item::Rect {
            x,
            y,
            w,
            h,
            radius,
            color,
        });
    }

    pub(crate) fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32, color: Rgb) {
        self.items.push(Item::Rule {
            x1,
            x2,
            y,
            width,
            color,
        });
    }
}

/// The items of each page, positioned absolutely (points from the top-left corner).
pub(crate) type Page = Vec<Item>;

const EPSILON: f32 = 0.01;

/// Height needed to place chunk `i` here: its own plus that of the chunks it keeps with, unless
/// that chain could not fit on any page.
fn needed_height(chunks: &[Chunk], i: usize, at_top: bool) -> f32 {
    let own = |c: &Chunk, top: bool| if top { 0.0 } else { c.space_before } + c.height;
    let alone = own(&chunks[i], at_top);
    let mut needed = alone;
    let mut j = i;
    while chunks[j].keep_with_next {
        j += 1;
        match chunks.get(j) {
            Some(next) if !next.page_break => needed += own(next, false),
            _ => break,
        }
    }
    if needed > FRAME_HEIGHT + EPSILON {
        alone
    } else {
        needed
    }
}

fn place(page: &mut Page, chunk: &Chunk, y: f32) {
    page.extend(chunk.items.iter().map(|item| item.moved_down(y)));
}

/// Stacks `chunks` onto pages. Always returns at least one (possibly empty) page.
pub(crate) fn paginate(chunks: &[Chunk]) -> Vec<Page> {
    let mut pages: Vec<Page> = vec![Vec::new()];
    let mut y = TOP;
    let mut at_top = true;
    for (i, chunk) in chunks.iter().enumerate() {
        if chunk.page_break {
            if !at_top {
                pages.push(Vec::new());
                y = TOP;
                at_top = true;
            }
            continue;
        }
        if !at_top && y + needed_height(chunks, i, false) > BOTTOM + EPSILON {
            pages.push(Vec::new());
            y = TOP;
            at_top = true;
        }
        let page = pages
            .last_mut()
            .expect("pages starts non-empty and only grows");
        if at_top {
            if let Some(header) = &chunk.header {
                place(page, header, y);
                y += header.height;
            }
        } else {
            y += chunk.space_before;
        }
        place(page, chunk, y);
        y += chunk.height;
        at_top = false;
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(height: f32) -> Chunk {
        let mut chunk = Chunk::new(height);
        chunk.rule(0.0, 1.0, 0.0, 1.0, INK);
        chunk
    }

    #[test]
    fn chunks_flow_onto_new_pages() {
        let chunks: Vec<Chunk> = (0..10).map(|_| line(FRAME_HEIGHT / 4.0)).collect();
        let pages = paginate(&chunks);
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [4, 4, 2]);
    }

    #[test]
    fn a_kept_chunk_moves_with_its_successor() {
        let mut chunks = vec![line(FRAME_HEIGHT - 30.0), line(20.0).kept_with_next(true)];
        chunks.push(line(20.0));
        let pages = paginate(&chunks);
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [1, 2]);
    }

    #[test]
    fn headers_repeat_and_page_breaks_skip_empty_pages() {
        let header = line(10.0).kept_with_next(true);
        let shared = Rc::new(header.clone());
        let mut chunks = vec![
            Chunk {
                page_break: true,
                ..Chunk::default()
            },
            header,
        ];
        for _ in 0..3 {
            let mut row = line(FRAME_HEIGHT / 3.0);
            row.header = Some(shared.clone());
            chunks.push(row);
        }
        let pages = paginate(&chunks);
        // Page 1: header and two rows; page 2: the repeated header and the last row.
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [3, 2]);
    }
}
