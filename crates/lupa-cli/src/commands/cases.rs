//! Cases: storing a saved reply (`import-file`), listing (`cases`), one case (`show`), and what
//! changed between its last two imports (`diff`).

use std::path::Path;

use anyhow::{Context, Result, bail};
use lupa_store::CaseQuery;

use crate::cli::{CasesArgs, ImportFileArgs, ShowArgs};
use crate::context::{open_store, resolve_case};

/// `import-file FILE`.
pub fn import_file(args: &ImportFileArgs, db: Option<&Path>) -> Result<()> {
    let mut store = open_store(db)?;
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let stored = store
        .ingest_file(args.env, &bytes, args.owner_external_id.as_deref())
        .map_err(lupa_core::Error::from)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&stored)?);
        return Ok(());
    }
    for report in &stored.reports {
        println!(
            "Stored import {} in case {}: {} accounts, {} transactions ({} new, {} already known).",
            report.import_id.0,
            report.case_id.0,
            report.accounts,
            report.transactions,
            report.new_transactions,
            report.matched + report.pending_matched
        );
    }
    eprintln!("File SHA-256 {}", stored.sha256);
    Ok(())
}

/// `cases [--search TEXT]`.
pub fn cases(args: &CasesArgs, db: Option<&Path>) -> Result<()> {
    let store = open_store(db)?;
    let query = CaseQuery {
        search: args.search.clone(),
        limit: args.limit,
        ..CaseQuery::default()
    };
    let cases = store.list_cases(&query).map_err(lupa_core::Error::from)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&cases)?);
        return Ok(());
    }
    println!(
        "{:>5}  {:<11} {:<40} {:<28} {:>7}  last import",
        "case", "env", "owner id", "name", "imports"
    );
    for summary in &cases {
        let case = &summary.case;
        println!(
            "{:>5}  {:<11} {:<40} {:<28} {:>7}  {}",
            case.id.0,
            case.environment.as_str(),
            case.owner_external_id,
            case.display_name.as_deref().unwrap_or(""),
            summary.imports,
            summary
                .last_import_at
                .map_or("-".to_owned(), |at| at.format("%Y-%m-%d %H:%M").to_string()),
        );
    }
    eprintln!("{} cases", cases.len());
    Ok(())
}

/// `show CASE`.
pub fn show(args: &ShowArgs, db: Option<&Path>) -> Result<()> {
    let store = open_store(db)?;
    let case_id = resolve_case(&store, &args.case)?;
    let overview = store
        .case_overview(case_id)
        .map_err(lupa_core::Error::from)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&overview)?);
        return Ok(());
    }
    let case = &overview.case;
    println!(
        "Case {}: {} ({}; {}), keep until {}",
        case.id.0,
        case.display_name.as_deref().unwrap_or("(no name)"),
        case.owner_external_id,
        case.environment.as_str(),
        case.delete_after
    );
    println!("Owners:");
    for owner in &overview.owners {
        println!(
            "  {} ({})",
            owner.owner.name,
            owner.owner.kind.as_deref().unwrap_or("?")
        );
    }
    println!("Accounts:");
    for item in &overview.accounts {
        let account = &item.account;
        println!(
            "  {}  {:<24} {:>14} {:<3}  {:>6} tx ({} pending)  {} … {}",
            account.iban,
            account.name.as_deref().unwrap_or(""),
            account.balance.map_or(String::new(), |b| b.to_string()),
            account.currency,
            item.transactions,
            item.pending,
            item.first_on.map_or("-".into(), |d| d.to_string()),
            item.last_on.map_or("-".into(), |d| d.to_string()),
        );
    }
    for item in &overview.credit_cards {
        println!(
            "  card {}  {:>6} tx",
            item.card.number.as_deref().unwrap_or("?"),
            item.transactions
        );
    }
    println!("Imports:");
    for import in &overview.imports {
        println!(
            "  {:>5}  {}  {:<8} {:<7} {:<14} {}",
            import.id.0,
            import.started_at.format("%Y-%m-%d %H:%M"),
            import.flow.as_str(),
            import.state.as_str(),
            import.target,
            import.error_code.as_deref().unwrap_or("")
        );
    }
    println!("{} transactions in all.", overview.transactions);
    Ok(())
}

/// `diff CASE`: the case's last two saved imports.
pub fn diff(args: &ShowArgs, db: Option<&Path>) -> Result<()> {
    let store = open_store(db)?;
    let case_id = resolve_case(&store, &args.case)?;
    let overview = store
        .case_overview(case_id)
        .map_err(lupa_core::Error::from)?;
    let mut saved: Vec<_> = overview
        .imports
        .iter()
        .filter(|i| i.state == lupa_store::ImportState::Saved)
        .collect();
    saved.sort_by_key(|import| (import.started_at, import.id.0));
    let [.., earlier, later] = saved.as_slice() else {
        bail!("case {} has fewer than two saved imports", case_id.0);
    };
    let diff = store
        .diff_imports(earlier.id, later.id)
        .map_err(lupa_core::Error::from)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&diff)?);
        return Ok(());
    }
    println!("Import {} → import {}:", earlier.id.0, later.id.0);
    let line = |tx: &lupa_store::table::transactions::TransactionRow| {
        format!(
            "{}  {:>12} {}  {}",
            tx.transaction_on,
            tx.amount,
            tx.currency,
            tx.title.as_deref().unwrap_or("")
        )
    };
    println!("  new: {}", diff.new.len());
    for tx in &diff.new {
        println!("    + {}", line(tx));
    }
    println!("  vanished: {}", diff.vanished.len());
    for tx in &diff.vanished {
        println!("    - {}", line(tx));
    }
    println!("  pending → booked: {}", diff.pending_to_booked.len());
    for change in &diff.pending_to_booked {
        println!("    ✓ {}", line(&change.transaction));
    }
    println!("  changed: {}", diff.changed.len());
    for change in &diff.changed {
        println!("    ~ {}", line(&change.transaction));
    }
    Ok(())
}
