//! A case's transactions: listing with filters (`transactions`) and export (`export`).

use std::path::Path;

use anyhow::{Context, Result, bail};
use lupa_store::table::transactions::TransactionRow;
use lupa_store::{CaseId, Store, TxQuery};

use crate::cli::{ExportArgs, TransactionsArgs};
use crate::context::{open_store, resolve_case};

fn query(store: &Store, case_id: CaseId, args: &TransactionsArgs) -> Result<TxQuery> {
    let mut query = TxQuery::for_case(case_id);
    if let Some(iban) = &args.account {
        let overview = store
            .case_overview(case_id)
            .map_err(lupa_core::Error::from)?;
        let wanted: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
        let account = overview
            .accounts
            .iter()
            .find(|a| a.account.iban.eq_ignore_ascii_case(&wanted))
            .with_context(|| format!("case {} has no account {iban}", case_id.0))?;
        query.account_id = Some(account.account.id);
    }
    query.from = args.from;
    query.to = args.to;
    query.text = args.search.clone();
    query.limit = args.limit;
    query.offset = args.offset;
    Ok(query)
}

/// `transactions CASE`.
pub fn transactions(args: &TransactionsArgs, db: Option<&Path>) -> Result<()> {
    let store = open_store(db)?;
    let case_id = resolve_case(&store, &args.case)?;
    let query = query(&store, case_id, args)?;
    let rows = store.transactions(&query).map_err(lupa_core::Error::from)?;
    let total = store
        .count_transactions(&query)
        .map_err(lupa_core::Error::from)?;
    if args.json {
        // Each row with its category, the category's source and the flags (F-ANA-1).
        let input = lupa_core::case_analysis::analysis_input(&store, case_id)?;
        let options = lupa_core::analysis::AnalysisOptions::new(chrono::Utc::now().date_naive());
        let analysis = lupa_core::analysis::analyze(&input, &options);
        let by_id: std::collections::HashMap<i64, &lupa_core::analysis::Categorized> = analysis
            .transactions
            .iter()
            .map(|c| (c.transaction_id, c))
            .collect();
        let mut annotated = Vec::with_capacity(rows.len());
        for row in &rows {
            let mut value = serde_json::to_value(row)?;
            if let Some(categorized) = by_id.get(&row.id.0) {
                value["category"] = serde_json::to_value(categorized.category)?;
                value["category_source"] =
                    serde_json::Value::String(categorized.source.to_string());
                value["flags"] = serde_json::to_value(&categorized.flags)?;
            }
            annotated.push(value);
        }
        println!("{}", serde_json::to_string_pretty(&annotated)?);
        return Ok(());
    }
    for tx in &rows {
        println!(
            "{:>8}  {}  {:>12} {:<3} {:>13}  {:<40}  {}",
            tx.id.0,
            tx.transaction_on,
            tx.amount,
            tx.currency,
            tx.balance_after.map_or(String::new(), |b| b.to_string()),
            tx.title
                .as_deref()
                .unwrap_or("")
                .chars()
                .take(40)
                .collect::<String>(),
            tx.party
                .as_deref()
                .unwrap_or("")
                .chars()
                .take(40)
                .collect::<String>(),
        );
    }
    eprintln!("{} of {total} transactions", rows.len());
    Ok(())
}

const CSV_HEADER: [&str; 13] = [
    "id",
    "account_iban",
    "transaction_on",
    "booked_on",
    "amount",
    "currency",
    "balance_after",
    "title",
    "party",
    "party_iban",
    "kind",
    "status",
    "labels",
];

fn csv_record(tx: &TransactionRow, iban: &str) -> [String; 13] {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    [
        tx.id.0.to_string(),
        iban.to_owned(),
        tx.transaction_on.to_string(),
        tx.booked_on.map(|d| d.to_string()).unwrap_or_default(),
        tx.amount.to_string(),
        tx.currency.clone(),
        tx.balance_after.map(|b| b.to_string()).unwrap_or_default(),
        text(&tx.title),
        text(&tx.party),
        text(&tx.party_iban),
        text(&tx.kind),
        text(&tx.status),
        tx.labels.as_ref().map(|l| l.join("; ")).unwrap_or_default(),
    ]
}

/// `export CASE --csv FILE | --json FILE`.
pub fn export(args: &ExportArgs, db: Option<&Path>) -> Result<()> {
    if args.csv.is_none() && args.json.is_none() {
        bail!("say where to write: --csv FILE and/or --json FILE");
    }
    let store = open_store(db)?;
    let case_id = resolve_case(&store, &args.case)?;
    let overview = store
        .case_overview(case_id)
        .map_err(lupa_core::Error::from)?;
    let mut query = TxQuery::for_case(case_id);
    query.limit = u32::MAX;
    let rows = store.transactions(&query).map_err(lupa_core::Error::from)?;
    if let Some(path) = &args.csv {
        let ibans: std::collections::HashMap<_, _> = overview
            .accounts
            .iter()
            .map(|a| (a.account.id, a.account.iban.clone()))
            .collect();
        let mut writer = csv::Writer::from_path(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        writer.write_record(CSV_HEADER)?;
        for tx in &rows {
            let iban = tx
                .account_id
                .and_then(|id| ibans.get(&id))
                .map_or("", String::as_str);
            writer.write_record(csv_record(tx, iban))?;
        }
        writer.flush()?;
        eprintln!("Wrote {} transactions to {}.", rows.len(), path.display());
    }
    if let Some(path) = &args.json {
        let case = serde_json::json!({ "case": overview, "transactions": rows });
        std::fs::write(path, serde_json::to_vec_pretty(&case)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("Wrote case {} to {}.", case_id.0, path.display());
    }
    Ok(())
}
