//! The analysis of a stored case: `metrics`, `checklist`, `categorize` and `chart` (F-ANA, F-CHA).

use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::Utc;
use lupa_core::analysis::{Analysis, AnalysisInput, AnalysisOptions, MetricValue, Policy, analyze};
use lupa_core::case_analysis::analysis_input;
use lupa_core::case_charts::{ChartKind, case_chart};

use crate::cli::{AnalysisArgs, ChartArgs, OverrideArgs};
use crate::context::{open_store, resolve_case};

fn run_analysis(args: &AnalysisArgs, db: Option<&Path>) -> Result<(AnalysisInput, Analysis)> {
    let store = open_store(db)?;
    let case_id = resolve_case(&store, &args.case)?;
    let input = analysis_input(&store, case_id)?;
    let mut options = AnalysisOptions::new(args.as_of.unwrap_or_else(|| Utc::now().date_naive()));
    options.proposed_instalment = args.instalment;
    if let Some(path) = &args.policy {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        options.policy = Policy::from_toml_str(&text)
            .with_context(|| format!("{} is not a valid policy", path.display()))?;
    }
    let analysis = analyze(&input, &options);
    Ok((input, analysis))
}

/// `metrics CASE`.
pub fn metrics(args: &AnalysisArgs, db: Option<&Path>) -> Result<()> {
    let (_, analysis) = run_analysis(args, db)?;
    if args.json {
        let value = serde_json::json!({
            "asOf": analysis.as_of,
            "currencies": analysis.currencies.iter().map(|c| serde_json::json!({
                "currency": c.currency,
                "metrics": c.metrics.metrics,
                "affordability": c.affordability,
            })).collect::<Vec<_>>(),
            "kontomatik": analysis.external,
        });
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(());
    }
    for currency in &analysis.currencies {
        println!("{} (as of {}):", currency.currency, analysis.as_of);
        for metric in &currency.metrics.metrics {
            let value = metric.value.as_ref().map_or("—".to_owned(), show_value);
            println!(
                "  {:<32} {:>16}  ({} transactions)",
                metric.name,
                value,
                metric.transaction_ids.len()
            );
        }
    }
    Ok(())
}

/// A metric value for a terminal.
fn show_value(value: &MetricValue) -> String {
    match value {
        MetricValue::Amount(amount) => amount.to_string(),
        MetricValue::Ratio(ratio) => format!("{:.2} %", ratio * rust_decimal::Decimal::ONE_HUNDRED),
        MetricValue::Count(count) => count.to_string(),
        MetricValue::Days(days) => format!("{days} d"),
        MetricValue::Date(date) => date.to_string(),
        MetricValue::Flag(flag) => if *flag { "yes" } else { "no" }.to_owned(),
        MetricValue::Text(text) => text.clone(),
        MetricValue::Events(events) => serde_json::to_string(events).unwrap_or_default(),
    }
}

/// `checklist CASE`.
pub fn checklist(args: &AnalysisArgs, db: Option<&Path>) -> Result<()> {
    let (_, analysis) = run_analysis(args, db)?;
    if args.json {
        let value: Vec<_> = analysis
            .currencies
            .iter()
            .map(|c| serde_json::json!({ "currency": c.currency, "checklist": c.checklist, "affordability": c.affordability }))
            .collect();
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(());
    }
    for currency in &analysis.currencies {
        println!("{}:", currency.currency);
        for check in &currency.checklist {
            let outcome = serde_json::to_value(check.outcome)?;
            println!(
                "  {:<13} {:<28} {:<28} {}",
                outcome.as_str().unwrap_or("?"),
                check.rule_id,
                check.metric,
                check.value.as_ref().map_or("—".to_owned(), show_value)
            );
        }
    }
    Ok(())
}

/// `categorize CASE`: each transaction's category, its source and flags.
pub fn categorize(args: &AnalysisArgs, db: Option<&Path>) -> Result<()> {
    let (input, analysis) = run_analysis(args, db)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&analysis.transactions)?);
        return Ok(());
    }
    for (tx, categorized) in input.transactions.iter().zip(&analysis.transactions) {
        println!(
            "{:>8}  {}  {:>12}  {:<22} {:<30} {}",
            tx.id,
            tx.transaction_on,
            tx.amount,
            categorized.category.to_string(),
            categorized.source.to_string(),
            tx.title
                .as_deref()
                .unwrap_or("")
                .chars()
                .take(50)
                .collect::<String>()
        );
    }
    Ok(())
}

/// `chart CASE KIND --out FILE.svg`.
pub fn chart(args: &ChartArgs, db: Option<&Path>) -> Result<()> {
    let kind = match args.kind.as_str() {
        "balance" => ChartKind::Balance,
        "cashflow" => ChartKind::Cashflow,
        "categories" => ChartKind::Categories,
        "income" => ChartKind::Income,
        other => bail!("unknown chart {other:?}: balance, cashflow, categories or income"),
    };
    let analysis_args = AnalysisArgs {
        case: args.case.clone(),
        as_of: args.as_of,
        instalment: None,
        policy: None,
        json: false,
    };
    let (input, analysis) = run_analysis(&analysis_args, db)?;
    let options = lupa_charts::ChartOptions {
        locale: if args.english {
            lupa_charts::Locale::En
        } else {
            lupa_charts::Locale::Pl
        },
        currency: args.currency.clone(),
        ..lupa_charts::ChartOptions::default()
    };
    let svg = case_chart(&input, &analysis, kind, &options);
    std::fs::write(&args.out, svg)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!("Wrote {}.", args.out.display());
    Ok(())
}

/// `override TX --category CODE | --income BOOL | --clear`.
pub fn set_override(args: &OverrideArgs, db: Option<&Path>) -> Result<()> {
    let mut store = open_store(db)?;
    let id = lupa_store::TransactionId(args.transaction);
    if args.clear {
        let removed = store.clear_override(id).map_err(lupa_core::Error::from)?;
        println!(
            "{}",
            if removed {
                "Override removed."
            } else {
                "There was no override."
            }
        );
        return Ok(());
    }
    if args.category.is_none() && args.income.is_none() {
        bail!("say what to set: --category CODE and/or --income true|false, or --clear");
    }
    if let Some(code) = &args.category {
        lupa_core::case_analysis::set_category(&mut store, args.transaction, code)?;
    }
    if let Some(include) = args.income {
        lupa_core::case_analysis::set_income_inclusion(&mut store, args.transaction, include)?;
    }
    println!(
        "Transaction {} overridden; metrics use it from now on.",
        args.transaction
    );
    Ok(())
}
