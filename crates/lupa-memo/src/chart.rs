//! Charts: SVG parsed with usvg against a font database holding only DejaVu Sans (every generic
//! family mapped to it), then placed as one chunk: a title over the chart at the content width,
//! scaled down to fit a page if too tall. krilla-svg draws the tree as vectors at render time.

use std::rc::Rc;
use std::sync::{Arc, LazyLock};

use usvg::fontdb;

use crate::MemoError;
use crate::blocks::wrap_capped;
use crate::layout::{BODY_SIZE, CONTENT_WIDTH, Chunk, FRAME_HEIGHT, INK, Item, LEFT, TextStyle};
use crate::text::{Overflow, Weight, baseline, line_height};

/// The family every SVG font request resolves to.
const FAMILY: &str = "DejaVu Sans";

/// DejaVu Sans regular and bold, the generic families pointing at it; built once.
static FONT_DB: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut db = fontdb::Database::new();
    for data in [dejavu::sans::regular(), dejavu::sans::bold()] {
        db.load_font_source(fontdb::Source::Binary(Arc::new(data)));
    }
    db.set_sans_serif_family(FAMILY);
    db.set_serif_family(FAMILY);
    db.set_monospace_family(FAMILY);
    db.set_cursive_family(FAMILY);
    db.set_fantasy_family(FAMILY);
    Arc::new(db)
});

/// Parses `svg` with fonts from [`FONT_DB`] only and no access to files: `<image>` elements
/// referring to paths or URLs are dropped (embedded data URLs still work).
fn parse(svg: &str) -> Result<usvg::Tree, usvg::Error> {
    let options = usvg::Options {
        font_family: FAMILY.to_owned(),
        fontdb: FONT_DB.clone(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options)
}

/// The chunk for a chart titled `title`: the title line, then the SVG at the content width (aspect
/// kept) or smaller and centred if it would not fit on one page.
pub(crate) fn build(title: &str, svg: &str) -> Result<Chunk, MemoError> {
    let tree = parse(svg).map_err(|e| MemoError::Chart {
        title: title.to_owned(),
        reason: e.to_string(),
    })?;
    let style = TextStyle::new(Weight::Bold, BODY_SIZE + 0.5, INK);
    let lh = line_height(style.size);
    let mut chunk = Chunk::new(0.0).spaced(12.0);
    let lines = wrap_capped(
        title,
        style,
        CONTENT_WIDTH,
        Overflow::Break,
        FRAME_HEIGHT / 4.0,
    );
    for (i, line) in lines.iter().enumerate() {
        chunk.text(
            LEFT,
            i as f32 * lh + baseline(lh, style.size),
            line.clone(),
            style,
        );
    }
    let top = lines.len() as f32 * lh + if lines.is_empty() { 0.0 } else { 4.0 };

    let size = tree.size();
    let (mut w, mut h) = (CONTENT_WIDTH, CONTENT_WIDTH * size.height() / size.width());
    let room = FRAME_HEIGHT - top - 2.0;
    if h > room {
        w *= room / h;
        h = room;
    }
    chunk.items.push(Item::Chart {
        x: LEFT + (CONTENT_WIDTH - w) / 2.0,
        y: top,
        w,
        h,
        tree: Rc::new(tree),
    });
    chunk.height = top + h + 2.0;
    Ok(chunk)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300">
        <rect x="0" y="0" width="600" height="300" fill="white"/>
        <text x="10" y="20" font-family="sans-serif" font-size="12">Saldo dzienne</text>
    </svg>"#;

    #[test]
    fn text_resolves_to_dejavu() {
        let tree = parse(SVG).expect("valid SVG");
        let ids: Vec<_> = tree
            .fontdb()
            .faces()
            .map(|f| f.families[0].0.clone())
            .collect();
        assert!(ids.iter().all(|f| f == FAMILY), "{ids:?}");
        assert!(tree.root().has_children());
    }

    #[test]
    fn keeps_aspect_and_fits_a_page() {
        let wide = build("Wykres", SVG).expect("valid SVG");
        let Some(Item::Chart { w, h, .. }) = wide.items.last() else {
            panic!("no chart item");
        };
        assert!((w - CONTENT_WIDTH).abs() < 0.01 && (w / h - 2.0).abs() < 0.01);

        let tall = SVG.replace(r#"height="300""#, r#"height="3000""#);
        let tall = build("Wykres", &tall).expect("valid SVG");
        assert!(tall.height <= FRAME_HEIGHT + 0.01, "{}", tall.height);
    }

    #[test]
    fn broken_svg_names_the_chart() {
        let err = build("Saldo", "<svg").expect_err("invalid SVG");
        assert!(
            matches!(&err, MemoError::Chart { title, .. } if title == "Saldo"),
            "{err}"
        );
    }
}
