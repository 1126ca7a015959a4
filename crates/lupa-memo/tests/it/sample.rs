//! A sample credit memo in Polish (shared by the integration tests and the benchmark).

use lupa_memo::{Align, Badge, Block, Column, Memo, Table, Tone};

/// The title, with diacritics.
pub const TITLE: &str = "Notatka kredytowa — Zażółć Gęślą Jaźń";
/// Text drawn inside every chart's SVG (not in the memo's own text).
pub const CHART_TEXT: &str = "Saldo dzienne";
/// Every Polish diacritic, lower and upper case.
pub const DIACRITICS: &str = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ";
/// The table's first column title.
pub const FIRST_COLUMN: &str = "Operacja";

/// The first cell of table row `i`: unique, and no one is a substring of another.
pub fn row_id(i: usize) -> String {
    format!("OP-{i:04}")
}

/// A plotters-like SVG: background, title and axis labels as `<text font-family="sans-serif">`,
/// axes and a series as `<polyline>`, bars as `<rect>`.
pub fn chart_svg(seed: usize) -> String {
    let (w, h) = (800, 360);
    let mut svg = format!(
        r##"<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg">
<rect x="0" y="0" width="{w}" height="{h}" opacity="1" fill="#FFFFFF" stroke="none"/>
<text x="400" y="12" dy="0.76em" text-anchor="middle" font-family="sans-serif" font-size="18" opacity="1" fill="#000000">{CHART_TEXT}</text>
<polyline fill="none" opacity="1" stroke="#000000" stroke-width="1" points="70,40 70,320 780,320 "/>
"##
    );
    for k in 0..5 {
        let y = 320 - k * 60;
        svg.push_str(&format!(
            r##"<text x="62" y="{y}" dy="0.5ex" text-anchor="end" font-family="sans-serif" font-size="12" opacity="1" fill="#000000">{} zł</text>
"##,
            k * 5_000
        ));
    }
    let mut points = String::new();
    for d in 0..30 {
        let x = 80 + d * 23;
        let y = 300 - ((d * 37 + seed * 11) % 200);
        points.push_str(&format!("{x},{y} "));
        let bar = 10 + (d * 13 + seed * 7) % 60;
        svg.push_str(&format!(
            r##"<rect x="{}" y="{}" width="14" height="{bar}" opacity="0.6" fill="#E45756" stroke="none"/>
"##,
            x - 7,
            320 - bar
        ));
    }
    svg.push_str(&format!(
        r##"<polyline fill="none" opacity="1" stroke="#1F77B4" stroke-width="2" points="{points}"/>
<text x="425" y="345" text-anchor="middle" font-family="sans-serif" font-size="12" fill="#000000">Dzień miesiąca (październik)</text>
</svg>"##
    ));
    svg
}

fn table(rows: usize) -> Table {
    let column = |title: &str, align, weight| Column {
        title: title.to_owned(),
        align,
        weight,
    };
    Table {
        columns: vec![
            column(FIRST_COLUMN, Align::Left, 1.2),
            column("Data", Align::Left, 1.2),
            column("Kontrahent i tytuł", Align::Left, 4.0),
            column("Kwota", Align::Right, 1.5),
            column("Saldo po operacji", Align::Right, 1.7),
        ],
        rows: (0..rows)
            .map(|i| {
                let title = if i % 7 == 3 {
                    "Przelew przychodzący: wynagrodzenie za październik, Przedsiębiorstwo Usług Źródlanych sp. z o.o."
                } else if i % 11 == 5 {
                    "Opłata za prowadzenie rachunku z tytułu KontoNajbardziejZaawansowaneDlaPrzedsiębiorców"
                } else {
                    "Płatność kartą: Żabka Łódź"
                };
                vec![
                    row_id(i),
                    format!("2026-10-{:02}", 1 + i % 30),
                    title.to_owned(),
                    format!("{}{},{:02} zł", if i % 3 == 0 { "" } else { "−" }, 10 + i * 37 % 900, i % 100),
                    format!("{} {:03},00 zł", 12 + i % 40, i * 13 % 1000),
                ]
            })
            .collect(),
        note: Some("Źródło: import Kontomatik, rachunek główny. Kwoty w złotych.".to_owned()),
    }
}

/// A memo with `rows` table rows and `charts` charts (each after a heading and a paragraph).
pub fn memo(rows: usize, charts: usize) -> Memo {
    let paragraph = format!(
        "Wnioskodawca prowadzi jednoosobową działalność gospodarczą od 2019 roku. Wpływy na \
         rachunek są regularne, a saldo średnie w okresie analizy nie spadło poniżej progu \
         wymaganego przez politykę kredytową. Znaki kontrolne: {DIACRITICS}.\nDruga linia po \
         twardym podziale: zażółć gęślą jaźń."
    );
    let mut blocks = vec![
        Block::Badges(vec![
            Badge { text: "Decyzja: do akceptacji".into(), tone: Tone::Good },
            Badge { text: "Ocena: B+".into(), tone: Tone::Neutral },
            Badge { text: "Zajęcie komornicze".into(), tone: Tone::Bad },
            Badge { text: "Wysoka zmienność wpływów".into(), tone: Tone::Warning },
        ]),
        Block::Heading("Podsumowanie".into()),
        Block::Facts(vec![
            ("Wnioskodawca".into(), "Zażółć Gęślą Jaźń".into()),
            ("Kwota wnioskowana".into(), "150 000,00 zł".into()),
            ("Okres analizy".into(), "2026-08-01 – 2026-10-31 (92 dni)".into()),
            ("Średnie saldo".into(), "23 415,77 zł".into()),
            ("Uwagi".into(), "Brak zaległości w BIK; jedno zajęcie komornicze spłacone we wrześniu, potwierdzone pismem.".into()),
        ]),
        Block::Paragraph(paragraph.clone()),
        Block::Heading("Operacje na rachunku".into()),
        Block::Subheading("Wszystkie operacje z okresu analizy".into()),
        Block::Table(table(rows)),
    ];
    for c in 0..charts {
        blocks.push(Block::Heading(format!("Wykres {}", c + 1)));
        blocks.push(Block::Paragraph(paragraph.clone()));
        blocks.push(Block::Chart {
            title: format!("Rachunek główny, ujęcie {}", c + 1),
            svg: chart_svg(c),
        });
    }
    blocks.push(Block::PageBreak);
    blocks.push(Block::Heading("Rekomendacja".into()));
    blocks.push(Block::Paragraph(paragraph));
    Memo {
        title: TITLE.to_owned(),
        subtitle: Some("Sprawa 3 · środowisko: sandbox".to_owned()),
        generated: "Wygenerowano 2026-11-25 14:03 · Lupa 0.0.0".to_owned(),
        footer: "Poufne — dane osobowe".to_owned(),
        page_label: "Strona {page} z {pages}".to_owned(),
        language: "pl".to_owned(),
        blocks,
        ..Default::default()
    }
}
