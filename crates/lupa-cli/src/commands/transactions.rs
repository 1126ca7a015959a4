//! A case's transactions: listing with filters (`transactions`).

use std::path::Path;

use anyhow::{Context, Result};
use lupa_store::{CaseId, Store, TxQuery};

use crate::cli::TransactionsArgs;
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
