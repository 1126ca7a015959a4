//! End-to-end tests of `lupa_memo::render`: the PDF is read back with poppler-utils (pdftotext,
//! pdfinfo, pdffonts, pdfimages, pdftoppm), which must be installed.

mod sample;

use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;

use lupa_memo::{Block, MemoError, render};

/// The sample memo (120 table rows, two charts), rendered once for all tests.
static PDF: LazyLock<Vec<u8>> =
    LazyLock::new(|| render(&sample::memo(120, 2)).expect("the sample memo renders"));

/// Runs a poppler-utils tool and returns its stdout; fails (never skips) if it is missing.
fn poppler(tool: &str, args: &[&str]) -> String {
    let output = match Command::new(tool).args(args).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{tool}` was not found: install poppler-utils (apt-get install poppler-utils) \
             to run lupa-memo's tests"
        ),
        Err(e) => panic!("could not run {tool}: {e}"),
    };
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("poppler writes UTF-8")
}

/// Writes `pdf` to a temporary directory and returns the directory and the file's path.
fn write_pdf(pdf: &[u8]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("memo.pdf");
    std::fs::write(&path, pdf).expect("write PDF");
    (dir, path.to_string_lossy().into_owned())
}

/// The text of pages `first..=last` (all pages when `None`), laid out as on the page.
fn text(pdf: &[u8], pages: Option<(usize, usize)>) -> String {
    let (_dir, path) = write_pdf(pdf);
    let range = pages.map(|(f, l)| (f.to_string(), l.to_string()));
    let mut args = vec!["-layout", "-enc", "UTF-8"];
    if let Some((f, l)) = &range {
        args.extend(["-f", f, "-l", l]);
    }
    args.extend([path.as_str(), "-"]);
    poppler("pdftotext", &args)
}

fn page_count(pdf: &[u8]) -> usize {
    let (_dir, path) = write_pdf(pdf);
    let info = poppler("pdfinfo", &[&path]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo output:\n{info}"))
}

#[test]
fn text_is_extractable_with_diacritics_and_footers() {
    let all = text(&PDF, None);
    assert!(all.contains(sample::TITLE), "title missing:\n{all}");
    assert!(all.contains(sample::DIACRITICS), "diacritics missing");
    assert!(all.contains("Poufne — dane osobowe"));
    let n = page_count(&PDF);
    assert!(n >= 2, "the 120-row table spans pages, got {n}");
    for page in 1..=n {
        let label = format!("Strona {page} z {n}");
        assert_eq!(all.matches(&label).count(), 1, "{label}");
    }
}

#[test]
fn table_header_repeats_and_rows_appear_once() {
    let all = text(&PDF, None);
    for i in 0..120 {
        let id = sample::row_id(i);
        assert_eq!(all.matches(&id).count(), 1, "row {id}");
    }
    let page2 = text(&PDF, Some((2, 2)));
    assert!(
        page2.contains(sample::FIRST_COLUMN),
        "no header on page 2:\n{page2}"
    );
    assert!(
        page2.contains("Kontrahent i tytuł"),
        "no header on page 2:\n{page2}"
    );
    // Long cells are wrapped, single over-long words cut with an ellipsis.
    assert!(all.contains('…'), "expected an ellipsised cell");
    assert!(all.contains("Źródło: import Kontomatik"));
}

#[test]
fn charts_are_vectors_with_real_text_in_dejavu() {
    let all = text(&PDF, None);
    assert_eq!(all.matches(sample::CHART_TEXT).count(), 2, "chart text");
    assert!(all.contains("Dzień miesiąca"), "chart text with diacritics");
    let (_dir, path) = write_pdf(&PDF);
    let images = poppler("pdfimages", &["-list", &path]);
    assert!(
        images.lines().count() <= 2,
        "charts must not be rasterised:\n{images}"
    );
    let fonts = poppler("pdffonts", &[&path]);
    let names: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(!names.is_empty(), "{fonts}");
    assert!(
        names.iter().all(|n| n.contains("DejaVuSans")),
        "only DejaVu Sans may be used:\n{fonts}"
    );
}

#[test]
fn every_page_rasterises() {
    let n = page_count(&PDF);
    let (dir, path) = write_pdf(&PDF);
    let prefix = dir.path().join("page");
    poppler(
        "pdftoppm",
        &["-png", "-r", "60", &path, &prefix.to_string_lossy()],
    );
    let mut pngs: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read temp dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pngs.sort();
    assert_eq!(pngs.len(), n, "one PNG per page");
    if let Some(out) = std::env::var_os("LUPA_MEMO_PNG_DIR") {
        let out = Path::new(&out);
        std::fs::create_dir_all(out).expect("create LUPA_MEMO_PNG_DIR");
        for png in &pngs {
            let name = png.file_name().expect("file name").to_string_lossy();
            std::fs::copy(png, out.join(format!("memo-{name}"))).expect("copy PNG");
        }
        std::fs::write(out.join("memo.pdf"), &*PDF).expect("copy PDF");
    }
}

#[test]
fn unparsable_svg_names_the_chart() {
    let mut memo = sample::memo(3, 0);
    memo.blocks.push(Block::Chart {
        title: "Saldo zepsute".into(),
        svg: "<svg><rect".into(),
    });
    match render(&memo) {
        Err(MemoError::Chart { title, reason }) => {
            assert_eq!(title, "Saldo zepsute");
            assert!(!reason.is_empty());
        }
        other => panic!("expected MemoError::Chart, got {other:?}"),
    }
    let err = render(&memo).expect_err("broken SVG");
    assert!(err.to_string().contains("Saldo zepsute"), "{err}");
}

#[test]
fn rendering_is_deterministic() {
    let again = render(&sample::memo(120, 2)).expect("renders");
    assert!(again == *PDF, "two renders of the same memo differ");
}

#[test]
fn metadata_has_title_language_and_creator() {
    let (_dir, path) = write_pdf(&PDF);
    let info = poppler("pdfinfo", &[&path]);
    assert!(info.contains(sample::TITLE), "{info}");
    assert!(info.contains("Creator:") && info.contains("Lupa"), "{info}");
    assert!(info.contains("A4"), "{info}");
    assert!(!info.contains("CreationDate"), "no dates: {info}");
    let lang = b"/Lang(pl)";
    assert!(PDF.windows(lang.len()).any(|w| w == lang), "no /Lang(pl)");
}

#[test]
fn edge_cases_render() {
    // An empty memo, an empty table, a heading last, odd widths: all render to valid PDFs.
    let mut memo = lupa_memo::Memo::default();
    assert_eq!(page_count(&render(&memo).expect("empty memo")), 1);
    memo.blocks = vec![
        Block::Table(lupa_memo::Table::default()),
        Block::PageBreak,
        Block::PageBreak,
        Block::Paragraph(String::new()),
        Block::Badges(Vec::new()),
        Block::Facts(Vec::new()),
        Block::Paragraph("x".repeat(5000)),
        Block::Heading("Ostatni nagłówek".into()),
    ];
    let pdf = render(&memo).expect("edge cases");
    assert!(text(&pdf, None).contains("Ostatni nagłówek"));
}
