//! Turns the memo's title and blocks into chunks: headings, paragraphs, facts and badges here;
//! tables and charts in their own modules.

use crate::layout::{
    BODY_SIZE, CONTENT_WIDTH, Chunk, FRAME_HEIGHT, HAIRLINE, INK, LEFT, MUTED, Rgb, STRONG_RULE,
    TextStyle,
};
use crate::text::{Overflow, Weight, baseline, ellipsize, line_height, width, wrap};
use crate::{Badge, Block, Memo, MemoError, Tone, chart, table};

/// All chunks of `memo`, in reading order.
pub(crate) fn build(memo: &Memo) -> Result<Vec<crate::layout::Chunk>, MemoError> {
    let mut chunks = vec![title_block(memo)];
    for block in &memo.blocks {
        match block {
            Block::Heading(text) => chunks.push(heading(text)),
            Block::Subheading(text) => chunks.push(subheading(text)),
            Block::Paragraph(text) => paragraph(text, &mut chunks),
            Block::Facts(facts) => self::facts(facts, &mut chunks),
            Block::Table(t) => table::build(t, &mut chunks),
            Block::Badges(list) => badges(list, &mut chunks),
            Block::Chart { title, svg } => chunks.push(chart::build(title, svg)?),
            Block::PageBreak => chunks.push(Chunk {
                page_break: true,
                ..Chunk::default()
            }),
        }
    }
    Ok(chunks)
}

/// Lines of `text` stacked from `top`; returns the height used.
fn stack(chunk: &mut Chunk, x: f32, top: f32, lines: &[String], style: TextStyle) -> f32 {
    let lh = line_height(style.size);
    for (i, line) in lines.iter().enumerate() {
        let y = top + i as f32 * lh + baseline(lh, style.size);
        chunk.text(x, y, line.clone(), style);
    }
    lines.len() as f32 * lh
}

/// Wraps `text`, keeping at most as many lines as fit on one page (the last one then ends
/// with an ellipsis), so that a chunk never outgrows a page.
pub(crate) fn wrap_capped(
    text: &str,
    style: TextStyle,
    max_width: f32,
    overflow: Overflow,
    room: f32,
) -> Vec<String> {
    let mut lines = wrap(text, style.weight, style.size, max_width, overflow);
    let fit = ((room / line_height(style.size)).floor() as usize).max(1);
    if lines.len() > fit {
        lines.truncate(fit);
        if let Some(last) = lines.last_mut() {
            *last = ellipsize(&format!("{last}…"), style.weight, style.size, max_width);
        }
    }
    lines
}

fn title_block(memo: &Memo) -> Chunk {
    let title = TextStyle::new(Weight::Bold, 18.0, INK);
    let subtitle = TextStyle::new(Weight::Regular, 10.5, MUTED);
    let generated = TextStyle::new(Weight::Regular, 8.0, MUTED);
    let mut chunk = Chunk::new(0.0);
    let room = FRAME_HEIGHT / 3.0;
    let lines = wrap_capped(&memo.title, title, CONTENT_WIDTH, Overflow::Break, room);
    let mut y = stack(&mut chunk, LEFT, 0.0, &lines, title);
    for (text, style, gap) in [
        (memo.subtitle.as_deref().unwrap_or(""), subtitle, 2.0),
        (memo.generated.as_str(), generated, 3.0),
    ] {
        let lines = wrap_capped(text, style, CONTENT_WIDTH, Overflow::Break, room);
        if !lines.is_empty() {
            y += gap;
            y += stack(&mut chunk, LEFT, y, &lines, style);
        }
    }
    y += 6.0;
    chunk.rule(LEFT, LEFT + CONTENT_WIDTH, y, 1.2, INK);
    chunk.height = y + 4.0;
    chunk
}

fn heading(text: &str) -> Chunk {
    let style = TextStyle::new(Weight::Bold, 13.0, INK);
    let mut chunk = Chunk::new(0.0).spaced(16.0).kept_with_next(true);
    let room = FRAME_HEIGHT / 4.0;
    let lines = wrap_capped(text, style, CONTENT_WIDTH, Overflow::Break, room);
    let y = stack(&mut chunk, LEFT, 0.0, &lines, style) + 2.5;
    chunk.rule(LEFT, LEFT + CONTENT_WIDTH, y, 0.6, STRONG_RULE);
    chunk.height = y + 5.0;
    chunk
}

fn subheading(text: &str) -> Chunk {
    let style = TextStyle::new(Weight::Bold, 10.5, INK);
    let mut chunk = Chunk::new(0.0).spaced(10.0).kept_with_next(true);
    let room = FRAME_HEIGHT / 4.0;
    let lines = wrap_capped(text, style, CONTENT_WIDTH, Overflow::Break, room);
    chunk.height = stack(&mut chunk, LEFT, 0.0, &lines, style) + 2.0;
    chunk
}

/// One chunk per line; the first two and the last two lines stay together (no orphans, no widows).
fn paragraph(text: &str, chunks: &mut Vec<Chunk>) {
    let style = TextStyle::new(Weight::Regular, BODY_SIZE, INK);
    let lh = line_height(BODY_SIZE);
    let lines = wrap(
        text,
        style.weight,
        style.size,
        CONTENT_WIDTH,
        Overflow::Break,
    );
    let n = lines.len();
    for (i, line) in lines.into_iter().enumerate() {
        let keep = n > 1 && (i == 0 || i + 2 == n);
        let mut chunk = Chunk::new(lh)
            .spaced(if i == 0 { 6.0 } else { 0.0 })
            .kept_with_next(keep);
        chunk.text(LEFT, baseline(lh, BODY_SIZE), line, style);
        chunks.push(chunk);
    }
}

/// Label–value rows: labels muted in a column as wide as the longest label (at most 40 % of the
/// content), values regular in the rest, hairlines between rows.
fn facts(facts: &[(String, String)], chunks: &mut Vec<Chunk>) {
    const GAP: f32 = 12.0;
    const PAD: f32 = 2.5;
    let label_style = TextStyle::new(Weight::Regular, BODY_SIZE, MUTED);
    let value_style = TextStyle::new(Weight::Regular, BODY_SIZE, INK);
    let widest = facts
        .iter()
        .map(|(label, _)| width(label, label_style.weight, label_style.size))
        .fold(0.0, f32::max);
    let label_width = widest.min(CONTENT_WIDTH * 0.4);
    let value_x = LEFT + label_width + GAP;
    let value_width = CONTENT_WIDTH - label_width - GAP;
    let room = FRAME_HEIGHT / 2.0;
    for (i, (label, value)) in facts.iter().enumerate() {
        let labels = wrap_capped(label, label_style, label_width, Overflow::Break, room);
        let values = wrap_capped(value, value_style, value_width, Overflow::Break, room);
        let mut chunk = Chunk::new(0.0).spaced(if i == 0 { 6.0 } else { 0.0 });
        let a = stack(&mut chunk, LEFT, PAD, &labels, label_style);
        let b = stack(&mut chunk, value_x, PAD, &values, value_style);
        chunk.height = a.max(b).max(line_height(BODY_SIZE)) + 2.0 * PAD;
        if i + 1 < facts.len() {
            chunk.rule(LEFT, LEFT + CONTENT_WIDTH, chunk.height, 0.3, HAIRLINE);
        }
        chunks.push(chunk);
    }
}

/// Background and text colours of a badge.
fn tone_colors(tone: Tone) -> (Rgb, Rgb) {
    match tone {
        Tone::Neutral => (Rgb(0xe9, 0xec, 0xef), Rgb(0x3d, 0x45, 0x4f)),
        Tone::Good => (Rgb(0xdc, 0xf2, 0xe3), Rgb(0x1b, 0x66, 0x36)),
        Tone::Warning => (Rgb(0xfc, 0xef, 0xd2), Rgb(0x85, 0x55, 0x00)),
        Tone::Bad => (Rgb(0xfb, 0xe1, 0xe1), Rgb(0x9b, 0x1c, 0x1c)),
    }
}

/// Badges left to right, wrapping onto new rows; one chunk per row.
fn badges(list: &[Badge], chunks: &mut Vec<Chunk>) {
    const SIZE: f32 = 8.0;
    const HEIGHT: f32 = 15.0;
    const PAD: f32 = 6.0;
    const GAP: f32 = 5.0;
    let mut row = Chunk::new(HEIGHT + 4.0).spaced(8.0);
    let mut x = 0.0;
    for badge in list {
        let (fill, ink) = tone_colors(badge.tone);
        let style = TextStyle::new(Weight::Bold, SIZE, ink);
        let text = ellipsize(
            badge.text.trim(),
            style.weight,
            SIZE,
            CONTENT_WIDTH - 2.0 * PAD,
        );
        let w = width(&text, style.weight, SIZE) + 2.0 * PAD;
        if x > 0.0 && x + w > CONTENT_WIDTH {
            chunks.push(std::mem::replace(&mut row, Chunk::new(HEIGHT + 4.0)));
            x = 0.0;
        }
        row.rect(LEFT + x, 0.0, w, HEIGHT, 4.0, fill);
        row.text(LEFT + x + PAD, baseline(HEIGHT, SIZE), text, style);
        x += w + GAP;
    }
    if !row.items.is_empty() {
        chunks.push(row);
    }
}
