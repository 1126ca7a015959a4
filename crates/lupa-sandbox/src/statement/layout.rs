//! How each layout lays a [`Plan`] out as a lupa-memo document: the bank's Polish statement,
//! its history, the English version, a company's statement and an unknown layout.

use chrono::NaiveDate;
use lupa_kontomatik::model::MoneyTransaction;
use lupa_memo::{Align, Block, Column, DocumentInfo, Memo, Table};
use rust_decimal::Decimal;

use super::plan::Plan;
use super::token::{Holder, Kind, Lang, Layout, Token};

/// `1234567.8` as `1 234 567,80` (Polish) or `1,234,567.80` (English); the minus sign kept.
pub fn amount(value: Decimal, lang: Lang) -> String {
    let text = format!("{:.2}", value.round_dp(2));
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "00"));
    let (group, point) = match lang {
        Lang::Pl => (' ', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped}{point}{fraction}")
}

/// An IBAN in groups of four: `PL61 1090 1014 …`.
pub fn spaced_iban(iban: &str) -> String {
    let chars: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    let groups: Vec<String> = chars.chunks(4).map(|g| g.iter().collect()).collect();
    groups.join(" ")
}

/// The producer the bank's statement service writes.
pub fn producer(bank: &str, layout: Layout) -> String {
    match layout {
        Layout::Standard => format!("{bank} e-Wyciąg (Lupa sandbox)"),
        Layout::Unknown => format!("{bank} Raporty (Lupa sandbox)"),
    }
}

/// The labels of the standard layout in one language.
struct Words {
    statement: &'static str,
    company_statement: &'static str,
    history: &'static str,
    issued: &'static str,
    page: &'static str,
    holder: &'static str,
    co_holder: &'static str,
    account: &'static str,
    iban: &'static str,
    currency: &'static str,
    period: &'static str,
    opening: &'static str,
    closing: &'static str,
    credits: &'static str,
    debits: &'static str,
    criteria: &'static str,
    all: &'static str,
    count: &'static str,
    operations: &'static str,
    none: &'static str,
    columns: [&'static str; 6],
}

const PL: Words = Words {
    statement: "Wyciąg z rachunku",
    company_statement: "Wyciąg z rachunku firmowego",
    history: "Historia rachunku",
    issued: "Dokument wygenerowany elektronicznie {day}; nie wymaga podpisu ani pieczęci.",
    page: "Strona {page} z {pages}",
    holder: "Posiadacz",
    co_holder: "Współposiadacz",
    account: "Rachunek",
    iban: "Numer rachunku (IBAN)",
    currency: "Waluta",
    period: "Okres",
    opening: "Saldo początkowe",
    closing: "Saldo końcowe",
    credits: "Suma uznań",
    debits: "Suma obciążeń",
    criteria: "Kryteria wyszukiwania",
    all: "wszystkie operacje",
    count: "Liczba operacji",
    operations: "Operacje",
    none: "Brak operacji w wybranym okresie.",
    columns: [
        "Data operacji",
        "Data księg.",
        "Opis",
        "Kontrahent",
        "Kwota",
        "Saldo po operacji",
    ],
};

const EN: Words = Words {
    statement: "Account statement",
    company_statement: "Business account statement",
    history: "Account history",
    issued: "Electronically generated document {day}; valid without a signature or stamp.",
    page: "Page {page} of {pages}",
    holder: "Account holder",
    co_holder: "Co-holder",
    account: "Account",
    iban: "Account number (IBAN)",
    currency: "Currency",
    period: "Period",
    opening: "Opening balance",
    closing: "Closing balance",
    credits: "Total credits",
    debits: "Total debits",
    criteria: "Search criteria",
    all: "all transactions",
    count: "Number of transactions",
    operations: "Transactions",
    none: "No transactions in the selected period.",
    columns: [
        "Transaction date",
        "Booking date",
        "Description",
        "Counterparty",
        "Amount",
        "Balance after",
    ],
};

/// The Polish labels (the inspector looks for them).
pub const OPENING_PL: &str = PL.opening;
/// See [`OPENING_PL`].
pub const CLOSING_PL: &str = PL.closing;
/// See [`OPENING_PL`].
pub const PERIOD_PL: &str = PL.period;

/// The period as the header prints it.
pub fn period_text(from: NaiveDate, to: NaiveDate) -> String {
    format!("{from} – {to}")
}

fn booked(tx: &MoneyTransaction) -> String {
    tx.booked_on
        .map_or_else(|| "—".to_owned(), |d| d.to_string())
}

fn described(tx: &MoneyTransaction) -> String {
    let title = tx.title.as_deref().unwrap_or("").trim();
    match tx.kind.as_deref() {
        Some(kind) if !kind.is_empty() => format!("{kind}\n{title}"),
        _ => title.to_owned(),
    }
}

fn counterparty(tx: &MoneyTransaction) -> String {
    let party = tx.party.as_deref().unwrap_or("").trim();
    match tx.party_iban.as_deref() {
        Some(iban) if !iban.is_empty() => format!("{party}\n{}", spaced_iban(iban)),
        _ => party.to_owned(),
    }
}

fn column(title: &str, align: Align, weight: f32) -> Column {
    Column {
        title: title.to_owned(),
        align,
        weight,
    }
}

/// The document for `plan` in the layout, language, holder and type `token` names; the
/// metadata carries `token` (its `mac` and `sig` may still be blank) and `producer`.
pub fn memo(plan: &Plan, token: &Token, producer: &str) -> Memo {
    let mut memo = match token.layout {
        Layout::Standard => standard(plan, token),
        Layout::Unknown => unknown(plan),
    };
    memo.info = DocumentInfo {
        subject: Some(format!(
            "{} {} {}",
            memo.title,
            plan.iban,
            period_text(plan.from, plan.to)
        )),
        keywords: Some(token.write()),
        creator: Some(format!("{} bankowość internetowa", plan.bank)),
        producer: Some(producer.to_owned()),
    };
    memo
}

fn standard(plan: &Plan, token: &Token) -> Memo {
    let lang = token.lang;
    let words = match lang {
        Lang::Pl => &PL,
        Lang::En => &EN,
    };
    let history = token.kind == Kind::History;
    let title = match (token.kind, token.holder) {
        (Kind::History, _) => words.history,
        (Kind::Statement, Holder::Corporate) => words.company_statement,
        (Kind::Statement, Holder::Individual) => words.statement,
    };
    let money = |value: Decimal| format!("{} {}", amount(value, lang), plan.currency);
    let mut facts = Vec::new();
    match token.holder {
        Holder::Corporate => {
            let address = plan.owners.iter().find_map(|o| o.address.clone());
            let company = plan.company();
            let value = address.map_or(company.clone(), |a| format!("{company}, {a}"));
            facts.push((words.holder.to_owned(), value));
        }
        Holder::Individual => {
            for owner in &plan.owners {
                let label = match owner.kind.as_deref() {
                    Some("CO_OWNER") => words.co_holder,
                    _ => words.holder,
                };
                let value = match &owner.address {
                    Some(address) => format!("{}, {address}", owner.name),
                    None => owner.name.clone(),
                };
                facts.push((label.to_owned(), value));
            }
        }
    }
    facts.push((words.account.to_owned(), plan.account_name.clone()));
    facts.push((words.iban.to_owned(), spaced_iban(&plan.iban)));
    facts.push((words.currency.to_owned(), plan.currency.clone()));
    facts.push((words.period.to_owned(), period_text(plan.from, plan.to)));
    if history {
        facts.push((words.criteria.to_owned(), words.all.to_owned()));
    } else {
        let credits: Decimal = plan
            .rows
            .iter()
            .map(|tx| tx.currency_amount)
            .filter(|a| a.is_sign_positive())
            .sum();
        let debits: Decimal = plan
            .rows
            .iter()
            .map(|tx| tx.currency_amount)
            .filter(|a| a.is_sign_negative())
            .sum();
        facts.push((words.opening.to_owned(), money(plan.opening)));
        facts.push((words.closing.to_owned(), money(plan.closing)));
        facts.push((words.credits.to_owned(), money(credits)));
        facts.push((words.debits.to_owned(), money(debits)));
    }
    facts.push((words.count.to_owned(), plan.rows.len().to_string()));

    let mut blocks = vec![Block::Facts(facts), Block::Heading(words.operations.into())];
    if plan.rows.is_empty() {
        blocks.push(Block::Paragraph(words.none.into()));
    } else {
        let c = &words.columns;
        let mut columns = vec![
            // Weights out of 10: a date column (59 pt) fits `2026-08-01`, the amount column
            // fits `-123 456,78` and the balance column `12 345 678,90` at the table's 8.5 pt.
            column(c[0], Align::Left, 1.2),
            column(c[1], Align::Left, 1.2),
            column(c[2], Align::Left, 2.6),
            column(c[3], Align::Left, 2.15),
            column(c[4], Align::Right, 1.35),
        ];
        if !history {
            columns.push(column(c[5], Align::Right, 1.5));
        }
        let rows = plan
            .rows
            .iter()
            .map(|tx| {
                let mut row = vec![
                    tx.transaction_on.to_string(),
                    booked(tx),
                    described(tx),
                    counterparty(tx),
                    amount(tx.currency_amount, lang),
                ];
                if !history {
                    row.push(
                        tx.currency_balance
                            .map_or_else(String::new, |b| amount(b, lang)),
                    );
                }
                row
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns,
            rows,
            note: None,
        }));
    }
    Memo {
        title: title.to_owned(),
        subtitle: Some(plan.bank.clone()),
        generated: words.issued.replace("{day}", &plan.issued.to_string()),
        footer: format!("{} · {}", plan.bank, spaced_iban(&plan.iban)),
        page_label: words.page.to_owned(),
        language: match lang {
            Lang::Pl => "pl".into(),
            Lang::En => "en".into(),
        },
        blocks,
        ..Memo::default()
    }
}

/// A layout no parser knows: another title, split debit/credit columns, plain numbers.
fn unknown(plan: &Plan) -> Memo {
    let plain = |value: Decimal| format!("{:.2}", value.round_dp(2));
    let facts = vec![
        ("Klient".to_owned(), plan.owner_names()),
        ("Nr rachunku".to_owned(), plan.iban.clone()),
        (
            "Od dnia".to_owned(),
            plan.from.format("%d.%m.%Y").to_string(),
        ),
        ("Do dnia".to_owned(), plan.to.format("%d.%m.%Y").to_string()),
    ];
    let rows = plan
        .rows
        .iter()
        .enumerate()
        .map(|(i, tx)| {
            let (debit, credit) = if tx.currency_amount.is_sign_negative() {
                (plain(-tx.currency_amount), String::new())
            } else {
                (String::new(), plain(tx.currency_amount))
            };
            vec![
                format!("{}.", i + 1),
                tx.transaction_on.format("%d.%m.%Y").to_string(),
                format!(
                    "{} {}",
                    tx.title.as_deref().unwrap_or(""),
                    tx.party.as_deref().unwrap_or("")
                ),
                debit,
                credit,
                tx.currency_balance.map_or_else(String::new, plain),
            ]
        })
        .collect();
    let table = Table {
        columns: vec![
            column("Lp.", Align::Right, 0.6),
            column("Data", Align::Left, 1.4),
            column("Opis operacji", Align::Left, 4.6),
            column("Obciążenia", Align::Right, 1.4),
            column("Uznania", Align::Right, 1.4),
            column("Saldo", Align::Right, 1.6),
        ],
        rows,
        note: Some(format!("Waluta: {}", plan.currency)),
    };
    Memo {
        title: "Zestawienie operacji".to_owned(),
        subtitle: None,
        generated: format!("{} · {}", plan.bank, plan.issued.format("%d.%m.%Y")),
        footer: plan.bank.clone(),
        page_label: "{page}/{pages}".to_owned(),
        language: "pl".to_owned(),
        blocks: vec![Block::Facts(facts), Block::Table(table)],
        ..Memo::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_the_local_way() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(amount(d("-1234.56"), Lang::Pl), "-1 234,56");
        assert_eq!(amount(d("1234567.8"), Lang::Pl), "1 234 567,80");
        assert_eq!(amount(d("999"), Lang::Pl), "999,00");
        assert_eq!(amount(d("-0.01"), Lang::En), "-0.01");
        assert_eq!(amount(d("12345.00"), Lang::En), "12,345.00");
        assert_eq!(
            spaced_iban("PL61109010140000071219812874"),
            "PL61 1090 1014 0000 0712 1981 2874"
        );
    }
}
