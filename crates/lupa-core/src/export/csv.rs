//! A view of the transactions table as CSV (F-EXP-2): RFC 4180 (comma, double quotes, CRLF),
//! UTF-8 with a byte-order mark so spreadsheets detect the encoding, amounts with a dot and two
//! places. Columns are stable (see [`HEADER`]); redaction masks parties, IBANs and titles.

use std::collections::HashMap;
use std::io::Write;

use crate::error::{Error, Result};
use crate::review::{CaseModel, TxFilter};

use super::redact::Redactor;

/// The header row.
pub const HEADER: [&str; 20] = [
    "id",
    "transaction_on",
    "booked_on",
    "account",
    "amount",
    "currency",
    "balance_after",
    "title",
    "party",
    "party_iban",
    "kind",
    "status",
    "labels",
    "category",
    "category_source",
    "include_in_income",
    "own_transfer",
    "recurring",
    "starred",
    "comment",
];

/// UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

fn csv_error(error: impl std::fmt::Display) -> Error {
    Error::File {
        path: "CSV".to_owned(),
        message: error.to_string(),
    }
}

/// Writes the rows `filter` selects, in its order; returns how many.
pub fn write_csv(
    model: &CaseModel,
    filter: &TxFilter,
    redact: &Redactor,
    out: impl Write,
) -> Result<usize> {
    let accounts: HashMap<i64, &str> = model
        .input
        .accounts
        .iter()
        .map(|account| (account.id, account.iban.as_str()))
        .collect();
    let mut out = out;
    out.write_all(BOM).map_err(csv_error)?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(HEADER).map_err(csv_error)?;
    let page = model.page(filter, 0, u32::MAX)?;
    let flag = |value: bool| if value { "true" } else { "false" };
    for row in &page.rows {
        let account = accounts.get(&row.account_id).copied().unwrap_or_default();
        writer
            .write_record([
                row.id.to_string(),
                row.transaction_on.to_string(),
                row.booked_on.map(|d| d.to_string()).unwrap_or_default(),
                redact.iban(account),
                format!("{:.2}", row.amount),
                row.currency.clone(),
                row.balance_after
                    .map(|v| format!("{v:.2}"))
                    .unwrap_or_default(),
                redact.text_opt(row.title.clone()).unwrap_or_default(),
                redact.name_opt(row.party.clone()).unwrap_or_default(),
                redact.iban_opt(row.party_iban.clone()).unwrap_or_default(),
                row.kind.clone().unwrap_or_default(),
                row.status.clone().unwrap_or_default(),
                row.labels.join(" "),
                row.category.clone(),
                row.category_source.clone(),
                flag(row.include_in_income).to_owned(),
                flag(row.own_transfer).to_owned(),
                flag(row.recurring).to_owned(),
                flag(row.starred).to_owned(),
                redact.text_opt(row.comment.clone()).unwrap_or_default(),
            ])
            .map_err(csv_error)?;
    }
    writer.flush().map_err(csv_error)?;
    Ok(page.rows.len())
}
