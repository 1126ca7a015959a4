//! Draws paginated items onto krilla pages, adds the footer (page N of M) and the metadata, and
//! serialises the PDF.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla_svg::{SurfaceExt, SvgSettings};

use crate::layout::{
    CONTENT_WIDTH, FOOTER_BASELINE, HAIRLINE, Item, LEFT, MUTED, PAGE_HEIGHT, PAGE_WIDTH, Page,
    Rgb, TextStyle,
};
use crate::text::{Weight, ellipsize, font, glyphs, width};
use crate::{Memo, MemoError};

fn color(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn fill(c: Rgb) -> Fill {
    Fill {
        paint: color(c).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn draw_text(surface: &mut Surface, x: f32, y: f32, text: &str, style: TextStyle) {
    if text.is_empty() {
        return;
    }
    surface.set_fill(Some(fill(style.color)));
    surface.set_stroke(None);
    let glyphs = glyphs(text, style.weight);
    surface.draw_glyphs(
        Point::from_xy(x, y),
        &glyphs,
        font(style.weight),
        text,
        style.size,
        false,
    );
}

/// A rectangle with corners rounded by `r` (cubic approximation of quarter circles).
fn rounded_rect(x: f32, y: f32, w: f32, h: f32, r: f32) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    let r = r.min(w / 2.0).min(h / 2.0);
    if r <= 0.0 {
        pb.push_rect(Rect::from_xywh(x, y, w, h)?);
        return pb.finish();
    }
    let k = r * 0.552_284_8;
    let (x1, y1) = (x + w, y + h);
    pb.move_to(x + r, y);
    pb.line_to(x1 - r, y);
    pb.cubic_to(x1 - r + k, y, x1, y + r - k, x1, y + r);
    pb.line_to(x1, y1 - r);
    pb.cubic_to(x1, y1 - r + k, x1 - r + k, y1, x1 - r, y1);
    pb.line_to(x + r, y1);
    pb.cubic_to(x + r - k, y1, x, y1 - r + k, x, y1 - r);
    pb.line_to(x, y + r);
    pb.cubic_to(x, y + r - k, x + r - k, y, x + r, y);
    pb.close();
    pb.finish()
}

fn draw_item(surface: &mut Surface, item: &Item) {
    match item {
        Item::Text { x, y, text, style } => draw_text(surface, *x, *y, text, *style),
        Item::Rect {
            x,
            y,
            w,
            h,
            radius,
            color,
        } => {
            if let Some(path) = rounded_rect(*x, *y, *w, *h, *radius) {
                surface.set_stroke(None);
                surface.set_fill(Some(fill(*color)));
                surface.draw_path(&path);
            }
        }
        Item::Rule {
            x1,
            x2,
            y,
            width,
            color,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x1, *y);
            pb.line_to(*x2, *y);
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: self::color(*color).into(),
                    width: *width,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
            }
        }
        Item::Chart { x, y, w, h, tree } => {
            if let Some(size) = Size::from_wh(*w, *h) {
                surface.push_transform(&Transform::from_translate(*x, *y));
                surface.draw_svg(tree, size, SvgSettings::default());
                surface.pop();
            }
        }
    }
}

/// The footer: a hairline, `footer` on the left, the page label on the right.
fn draw_footer(surface: &mut Surface, memo: &Memo, page: usize, pages: usize) {
    let style = TextStyle::new(Weight::Regular, 7.5, MUTED);
    let label = memo
        .page_label
        .replace("{page}", &page.to_string())
        .replace("{pages}", &pages.to_string());
    let label_width = width(&label, style.weight, style.size);
    let rule_y = FOOTER_BASELINE - 11.0;
    draw_item(
        surface,
        &Item::Rule {
            x1: LEFT,
            x2: LEFT + CONTENT_WIDTH,
            y: rule_y,
            width: 0.4,
            color: HAIRLINE,
        },
    );
    let room = (CONTENT_WIDTH - label_width - 12.0).max(0.0);
    let footer = ellipsize(memo.footer.trim(), style.weight, style.size, room);
    draw_text(surface, LEFT, FOOTER_BASELINE, &footer, style);
    let right = LEFT + CONTENT_WIDTH - label_width;
    draw_text(surface, right, FOOTER_BASELINE, &label, style);
}

/// Draws every page and serialises the document.
pub(crate) fn document(memo: &Memo, pages: &[Page]) -> Result<Vec<u8>, MemoError> {
    let mut document = Document::new();
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| MemoError::Pdf("invalid page size".to_owned()))?;
    for (i, items) in pages.iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for item in items {
            draw_item(&mut surface, item);
        }
        draw_footer(&mut surface, memo, i + 1, pages.len());
        surface.finish();
        page.finish();
    }
    let info = &memo.info;
    let mut metadata = Metadata::new()
        .title(memo.title.clone())
        .creator(info.creator.clone().unwrap_or_else(|| "Lupa".to_owned()));
    if let Some(subject) = &info.subject {
        metadata = metadata.description(subject.clone());
    }
    if let Some(keywords) = &info.keywords {
        metadata = metadata.keywords(vec![keywords.clone()]);
    }
    if let Some(producer) = &info.producer {
        metadata = metadata.producer(producer.clone());
    }
    if !memo.language.trim().is_empty() {
        metadata = metadata.language(memo.language.trim().to_owned());
    }
    document.set_metadata(metadata);
    document.finish().map_err(|e| MemoError::Pdf(e.to_string()))
}

#[cfg(test)]
mod tests {
    use crate::{DocumentInfo, Memo, render};

    fn contains(bytes: &[u8], needle: &str) -> bool {
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    }

    #[test]
    fn the_document_info_lands_in_the_metadata() {
        let plain = Memo {
            title: "Memo".into(),
            ..Memo::default()
        };
        let bytes = render(&plain).unwrap();
        assert!(contains(&bytes, "/Creator(Lupa)"));
        assert!(!contains(&bytes, "/Subject"));
        let with_info = Memo {
            info: DocumentInfo {
                subject: Some("Statement PL61".into()),
                keywords: Some("token=1 mac=ab".into()),
                creator: Some("Bank online".into()),
                producer: Some("Bank e-statement".into()),
            },
            ..plain
        };
        let bytes = render(&with_info).unwrap();
        for entry in [
            "/Subject(Statement PL61)",
            "/Keywords(token=1 mac=ab)",
            "/Creator(Bank online)",
            "/Producer(Bank e-statement)",
        ] {
            assert!(contains(&bytes, entry), "{entry}");
        }
        assert_eq!(bytes, render(&with_info).unwrap(), "still deterministic");
    }
}
