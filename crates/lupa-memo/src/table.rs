//! Tables: column widths from weights, wrapped (or ellipsised) cells, a bold header row repeated on
//! every page the table continues onto, light zebra rows, rows that never split.

use std::rc::Rc;

use crate::blocks::wrap_capped;
use crate::layout::{
    CONTENT_WIDTH, Chunk, FRAME_HEIGHT, HAIRLINE, HEADER_FILL, INK, Item, LEFT, MUTED, STRONG_RULE,
    TextStyle, ZEBRA_FILL,
};
use crate::text::{Overflow, Weight, baseline, line_height, width, wrap};
use crate::{Align, Table};

const SIZE: f32 = 8.5;
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;

/// Left edge and width of every column, sharing the content width by weight (a weight that is not
/// a positive number counts as 1).
fn column_spans(table: &Table) -> Vec<(f32, f32)> {
    let weights: Vec<f32> = table
        .columns
        .iter()
        .map(|c| {
            if c.weight.is_finite() && c.weight > 0.0 {
                c.weight
            } else {
                1.0
            }
        })
        .collect();
    let total: f32 = weights.iter().sum();
    let mut x = LEFT;
    weights
        .iter()
        .map(|w| {
            let span = (x, CONTENT_WIDTH * w / total);
            x += span.1;
            span
        })
        .collect()
}

/// One row (header or body) as a chunk: cells wrapped within their columns.
fn row_chunk(
    cells: &[&str],
    table: &Table,
    spans: &[(f32, f32)],
    style: TextStyle,
    room: f32,
) -> Chunk {
    let lh = line_height(SIZE);
    let mut chunk = Chunk::new(0.0);
    let mut lines_max = 1;
    for ((column, &(x, w)), cell) in table.columns.iter().zip(spans).zip(cells) {
        let inner = (w - 2.0 * PAD_X).max(1.0);
        let lines = wrap_capped(cell, style, inner, Overflow::Ellipsis, room);
        lines_max = lines_max.max(lines.len());
        for (i, line) in lines.into_iter().enumerate() {
            let line_x = match column.align {
                Align::Left => x + PAD_X,
                Align::Right => x + w - PAD_X - width(&line, style.weight, SIZE),
            };
            let y = PAD_Y + i as f32 * lh + baseline(lh, SIZE);
            chunk.text(line_x, y, line, style);
        }
    }
    chunk.height = lines_max as f32 * lh + 2.0 * PAD_Y;
    chunk
}

/// Appends the table's chunks: the header row, one chunk per row, the note's lines.
pub(crate) fn build(table: &Table, chunks: &mut Vec<Chunk>) {
    if !table.columns.is_empty() {
        let spans = column_spans(table);
        let header_style = TextStyle::new(Weight::Bold, SIZE, INK);
        let titles: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
        let mut header = row_chunk(&titles, table, &spans, header_style, FRAME_HEIGHT / 4.0);
        header.items.insert(
            0,
            Item::Rect {
                x: LEFT,
                y: 0.0,
                w: CONTENT_WIDTH,
                h: header.height,
                radius: 0.0,
                color: HEADER_FILL,
            },
        );
        header.rule(LEFT, LEFT + CONTENT_WIDTH, header.height, 0.8, STRONG_RULE);
        let header = Rc::new(header.kept_with_next(!table.rows.is_empty()));
        chunks.push(Chunk::clone(&header).spaced(8.0));

        let body_style = TextStyle::new(Weight::Regular, SIZE, INK);
        let room = FRAME_HEIGHT - header.height - 2.0 * PAD_Y;
        for (r, row) in table.rows.iter().enumerate() {
            let cells: Vec<&str> = row.iter().map(String::as_str).collect();
            let mut chunk = row_chunk(&cells, table, &spans, body_style, room);
            if r % 2 == 1 {
                let h = chunk.height;
                chunk.items.insert(
                    0,
                    Item::Rect {
                        x: LEFT,
                        y: 0.0,
                        w: CONTENT_WIDTH,
                        h,
                        radius: 0.0,
                        color: ZEBRA_FILL,
                    },
                );
            }
            chunk.rule(LEFT, LEFT + CONTENT_WIDTH, chunk.height, 0.3, HAIRLINE);
            chunk.header = Some(header.clone());
            chunks.push(chunk);
        }
    }
    if let Some(note) = &table.note {
        let style = TextStyle::new(Weight::Regular, 7.5, MUTED);
        let lh = line_height(style.size);
        let lines = wrap(
            note,
            style.weight,
            style.size,
            CONTENT_WIDTH,
            Overflow::Break,
        );
        if let (Some(last_row), false) = (chunks.last_mut(), lines.is_empty()) {
            last_row.keep_with_next = true;
        }
        for (i, line) in lines.into_iter().enumerate() {
            let mut chunk = Chunk::new(lh).spaced(if i == 0 { 4.0 } else { 0.0 });
            chunk.text(LEFT, baseline(lh, style.size), line, style);
            chunks.push(chunk);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Column;

    fn column(weight: f32, align: Align) -> Column {
        Column {
            title: "Kwota".into(),
            align,
            weight,
        }
    }

    #[test]
    fn spans_share_the_width_by_weight() {
        let table = Table {
            columns: vec![column(1.0, Align::Left), column(3.0, Align::Right)],
            ..Table::default()
        };
        let spans = column_spans(&table);
        assert!((spans[0].1 * 3.0 - spans[1].1).abs() < 0.01);
        assert!((spans[1].0 + spans[1].1 - (LEFT + CONTENT_WIDTH)).abs() < 0.01);
        let odd = Table {
            columns: vec![column(f32::NAN, Align::Left), column(-2.0, Align::Left)],
            ..Table::default()
        };
        assert!((column_spans(&odd)[0].1 - CONTENT_WIDTH / 2.0).abs() < 0.01);
    }

    #[test]
    fn rows_know_their_header_and_right_align() {
        let table = Table {
            columns: vec![column(1.0, Align::Left), column(1.0, Align::Right)],
            rows: vec![vec!["a".into(), "1 234,56".into()], vec!["b".into()]],
            note: Some("Źródło: Kontomatik".into()),
        };
        let mut chunks = Vec::new();
        build(&table, &mut chunks);
        assert_eq!(chunks.len(), 4);
        assert!(chunks[0].keep_with_next && chunks[0].header.is_none());
        assert!(chunks[1].header.is_some() && chunks[2].header.is_some());
        assert!(chunks[2].keep_with_next, "the last row stays with the note");
        let right_edge = chunks[1].items.iter().find_map(|item| match item {
            Item::Text { x, text, style, .. } if text == "1 234,56" => {
                Some(x + width(text, style.weight, style.size))
            }
            _ => None,
        });
        let expected = LEFT + CONTENT_WIDTH - PAD_X;
        assert!(right_edge.is_some_and(|r| (r - expected).abs() < 0.01));
    }
}
