//! Fonts (DejaVu Sans, parsed once), text measurement with rustybuzz, greedy word wrapping.
//!
//! Text is shaped once per face and script plan with rustybuzz (the engine krilla's `draw_text`
//! uses, with the same settings: left to right, default features); the same glyphs are measured
//! for wrapping and handed to krilla's `draw_glyphs`, so drawn lines are exactly as measured.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use krilla::text::{Font, GlyphId, KrillaGlyph};
use rustybuzz::{Direction, GlyphBuffer, Script, ShapePlan, UnicodeBuffer};

/// The weight of a DejaVu Sans face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// One face: the krilla font to draw with and the rustybuzz face to measure with.
struct Face {
    font: Font,
    shaper: rustybuzz::Face<'static>,
    upem: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Self {
        // The fonts are compiled into the binary (the `dejavu` crate), not user data: failing to
        // parse them is a build defect, caught by every test.
        let font = Font::new(data.into(), 0).expect("the bundled DejaVu Sans is a valid font");
        let shaper =
            rustybuzz::Face::from_slice(data, 0).expect("the bundled DejaVu Sans is a valid font");
        let upem = f32::from(shaper.as_ref().units_per_em());
        Self { font, shaper, upem }
    }
}

struct Fonts {
    regular: Face,
    bold: Face,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| Fonts {
    regular: Face::load(dejavu::sans::regular()),
    bold: Face::load(dejavu::sans::bold()),
});

fn face(weight: Weight) -> &'static Face {
    match weight {
        Weight::Regular => &FONTS.regular,
        Weight::Bold => &FONTS.bold,
    }
}

/// The krilla font for `weight` (cheap to clone: reference counted).
pub(crate) fn font(weight: Weight) -> Font {
    face(weight).font.clone()
}

/// Line height for text of `size` points.
pub(crate) fn line_height(size: f32) -> f32 {
    size * 1.32
}

/// Offset of the baseline from the top of a line box `height` tall, centring the capitals.
pub(crate) fn baseline(height: f32, size: f32) -> f32 {
    (height + 0.73 * size) / 2.0
}

thread_local! {
    /// Shape plans by face and script: building one costs far more than shaping a line.
    static PLANS: RefCell<HashMap<(Weight, Script), ShapePlan>> = RefCell::new(HashMap::new());
}

/// Shapes `text` left to right with default features, as krilla's own `draw_text` would.
fn run(text: &str, weight: Weight) -> GlyphBuffer {
    let face = face(weight);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(Direction::LeftToRight);
    let script = buffer.script();
    PLANS.with_borrow_mut(|plans| {
        let plan = plans.entry((weight, script)).or_insert_with(|| {
            ShapePlan::new(
                &face.shaper,
                Direction::LeftToRight,
                Some(script),
                None,
                &[],
            )
        });
        rustybuzz::shape_with_plan(&face.shaper, plan, buffer)
    })
}

/// The glyphs of `text` for krilla's `draw_glyphs`: advances in ems, each glyph mapped to the
/// bytes of its cluster so that the text can be extracted from the PDF.
pub(crate) fn glyphs(text: &str, weight: Weight) -> Vec<KrillaGlyph> {
    if text.is_empty() {
        return Vec::new();
    }
    let output = run(text, weight);
    let upem = face(weight).upem;
    let infos = output.glyph_infos();
    infos
        .iter()
        .zip(output.glyph_positions())
        .enumerate()
        .map(|(i, (info, pos))| {
            let start = info.cluster as usize;
            let end = infos[i + 1..]
                .iter()
                .find(|next| next.cluster != info.cluster)
                .map_or(text.len(), |next| next.cluster as usize);
            KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                pos.x_advance as f32 / upem,
                pos.x_offset as f32 / upem,
                pos.y_offset as f32 / upem,
                pos.y_advance as f32 / upem,
                start..end,
                None,
            )
        })
        .collect()
}

/// Shapes `text` and returns, for every cluster, the byte offset where it ends and the width of
/// the text up to there (points).
fn cluster_ends(text: &str, weight: Weight, size: f32) -> Vec<(usize, f32)> {
    if text.is_empty() {
        return Vec::new();
    }
    let output = run(text, weight);
    let infos = output.glyph_infos();
    let scale = size / face(weight).upem;
    let mut ends = Vec::with_capacity(infos.len());
    let mut width = 0.0;
    for (i, (info, pos)) in infos.iter().zip(output.glyph_positions()).enumerate() {
        width += pos.x_advance as f32 * scale;
        let next = infos.get(i + 1).map_or(text.len(), |n| n.cluster as usize);
        if next != info.cluster as usize {
            ends.push((next, width));
        }
    }
    ends
}

/// The advance width of `text` set in one line (points).
pub(crate) fn width(text: &str, weight: Weight, size: f32) -> f32 {
    cluster_ends(text, weight, size)
        .last()
        .map_or(0.0, |&(_, w)| w)
}

/// The byte length of the longest prefix of `text` at most `max` wide: at least one cluster, so
/// that breaking a word always makes progress.
fn fitting_prefix(text: &str, weight: Weight, size: f32, max: f32) -> usize {
    let ends = cluster_ends(text, weight, size);
    let first = ends.first().map_or(text.len(), |&(end, _)| end);
    ends.iter()
        .take_while(|&&(_, w)| w <= max)
        .last()
        .map_or(first, |&(end, _)| end)
}

/// `text` cut to fit `max` points, ending with an ellipsis if anything was cut.
pub(crate) fn ellipsize(text: &str, weight: Weight, size: f32, max: f32) -> String {
    if width(text, weight, size) <= max {
        return text.to_owned();
    }
    let room = max - width("…", weight, size);
    let ends = cluster_ends(text, weight, size);
    let cut = ends
        .iter()
        .take_while(|&&(_, w)| w <= room)
        .last()
        .map_or(0, |&(end, _)| end);
    format!("{}…", text[..cut].trim_end())
}

/// What to do with a single word wider than the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Overflow {
    /// Break it between characters over as many lines as needed.
    Break,
    /// Cut it and end it with an ellipsis.
    Ellipsis,
}

/// Tabs become spaces, carriage returns and other control characters (but `'\n'`) go.
fn clean(line: &str) -> String {
    line.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Greedy word wrap of `text` into lines at most `max` points wide. `'\n'` forces a break; runs
/// of spaces collapse. An empty text gives no lines.
pub(crate) fn wrap(
    text: &str,
    weight: Weight,
    size: f32,
    max: f32,
    overflow: Overflow,
) -> Vec<String> {
    let mut lines = Vec::new();
    let text = text.trim_end_matches(['\n', '\r']);
    if text.is_empty() {
        return lines;
    }
    let space = width(" ", weight, size);
    for raw in text.split('\n') {
        let line = clean(raw);
        let mut current = String::new();
        let mut current_width = 0.0;
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let w = width(word, weight, size);
            if !current.is_empty() && current_width + space + w <= max {
                current.push(' ');
                current.push_str(word);
                current_width += space + w;
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            if w <= max {
                current.push_str(word);
                current_width = w;
                continue;
            }
            match overflow {
                Overflow::Ellipsis => lines.push(ellipsize(word, weight, size, max)),
                Overflow::Break => {
                    let mut rest = word;
                    loop {
                        let cut = fitting_prefix(rest, weight, size, max);
                        if cut >= rest.len() {
                            current.push_str(rest);
                            current_width = width(rest, weight, size);
                            break;
                        }
                        lines.push(rest[..cut].to_owned());
                        rest = &rest[cut..];
                    }
                }
            }
        }
        if !current.is_empty() || line.trim().is_empty() {
            lines.push(current);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let a = width("Zażółć", Weight::Regular, 10.0);
        assert!(a > 20.0 && a < 60.0, "{a}");
        assert!(width("Zażółć gęślą", Weight::Regular, 10.0) > a);
        assert!(width("Zażółć", Weight::Bold, 10.0) > a);
        assert!((width("Zażółć", Weight::Regular, 20.0) - 2.0 * a).abs() < 0.01);
        assert_eq!(width("", Weight::Regular, 10.0), 0.0);
    }

    #[test]
    fn glyphs_cover_the_text_and_match_the_width() {
        let text = "Zażółć gęślą jaźń — 1 234,56 zł";
        let glyphs = glyphs(text, Weight::Bold);
        let covered: String = glyphs
            .iter()
            .map(|g| &text[g.text_range.clone()])
            .collect::<Vec<_>>()
            .concat();
        assert_eq!(covered, text);
        let em: f32 = glyphs.iter().map(|g| g.x_advance).sum();
        assert!((em * 9.5 - width(text, Weight::Bold, 9.5)).abs() < 0.001);
    }

    #[test]
    fn wraps_greedily_within_the_width() {
        let text = "Zażółć gęślą jaźń, pchnąć w tę łódź jeża lub ośm skrzyń fig.";
        let lines = wrap(text, Weight::Regular, 10.0, 80.0, Overflow::Break);
        assert!(lines.len() > 2, "{lines:?}");
        for line in &lines {
            assert!(width(line, Weight::Regular, 10.0) <= 80.5, "{line}");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn hard_breaks_and_blank_lines_are_kept() {
        let lines = wrap("a\n\nb\n", Weight::Regular, 10.0, 100.0, Overflow::Break);
        assert_eq!(lines, ["a", "", "b"]);
        assert!(wrap("", Weight::Regular, 10.0, 100.0, Overflow::Break).is_empty());
    }

    #[test]
    fn long_words_break_or_get_an_ellipsis() {
        let word = "Konstantynopolitańczykowianeczka";
        let broken = wrap(word, Weight::Regular, 10.0, 40.0, Overflow::Break);
        assert!(broken.len() > 2, "{broken:?}");
        assert_eq!(broken.concat(), word);
        let cut = wrap(word, Weight::Regular, 10.0, 40.0, Overflow::Ellipsis);
        assert_eq!(cut.len(), 1);
        assert!(cut[0].ends_with('…'), "{cut:?}");
        assert!(width(&cut[0], Weight::Regular, 10.0) <= 40.0);
    }
}
