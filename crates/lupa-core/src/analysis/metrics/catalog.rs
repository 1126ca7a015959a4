//! Every metric's name and one-line definition, for the UI, the memo and the docs.
//!
//! F-ANA-6: no local figure is a forecast of repayment; the descriptions say what is measured, and
//! the Kontomatik Score is described as Kontomatik's own opinion.

/// A metric's name and definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricInfo {
    /// The §5.2 name; `income_by_category_*` stands for one metric per category code.
    pub name: &'static str,
    /// What it measures, in English.
    pub description: &'static str,
}

const fn info(name: &'static str, description: &'static str) -> MetricInfo {
    MetricInfo { name, description }
}

static CATALOG: &[MetricInfo] = &[
    info(
        "history_days",
        "Days from the first to the last transaction, both included.",
    ),
    info(
        "full_months",
        "Complete calendar months between the first and the last transaction.",
    ),
    info(
        "accounts_count",
        "Accounts and credit cards analysed in this currency.",
    ),
    info(
        "co_owned_accounts",
        "Accounts the applicant does not own alone (a co-owner is listed).",
    ),
    info(
        "uncategorised_share",
        "Share of transaction value (own transfers aside) left as OTHER or INC_OTHER, whole history.",
    ),
    info(
        "gap_days_max",
        "Longest run of days without any transaction on one account, up to the as-of date.",
    ),
    info("income_m0", "Income in the as-of month so far (M-0)."),
    info("income_m1", "Income in the previous calendar month (M-1)."),
    info(
        "income_m2",
        "Income in the calendar month before that (M-2).",
    ),
    info("income_90d_avg", "Income in the last 90 days ÷ 3."),
    info(
        "income_by_category_*",
        "Income in the last 90 days ÷ 3 for one category (the code follows the prefix).",
    ),
    info(
        "salary_months",
        "Calendar months with at least one INC_SALARY credit, whole history.",
    ),
    info(
        "employers_count",
        "Distinct salary payers in the last 90 days.",
    ),
    info(
        "main_employer",
        "The salary payer with the largest total in the last 90 days.",
    ),
    info(
        "income_cv",
        "Standard deviation ÷ mean of monthly income over the last six full months (at least three).",
    ),
    info(
        "income_trend",
        "Least-squares slope of monthly income over the last six full months ÷ their mean (change per month).",
    ),
    info(
        "days_since_last_income",
        "Days from the last income credit to the as-of date.",
    ),
    info(
        "total_inflow_avg",
        "Credits in the last 90 days ÷ 3, without own transfers, refunds, returned payments and loan proceeds.",
    ),
    info(
        "cash_deposit_to_income",
        "Cash deposits ÷ income, last 90 days.",
    ),
    info(
        "p2p_inflow_to_income",
        "Transfers received from private persons ÷ income, last 90 days.",
    ),
    info(
        "essential_exp_avg",
        "EXP_* outflows in the last 90 days ÷ 3.",
    ),
    info(
        "discretionary_exp_avg",
        "DISC_* outflows plus the policy's shares of OUT_P2P and OUT_CASH_WITHDRAWAL, last 90 days ÷ 3.",
    ),
    info(
        "debt_service_avg",
        "DEBT_* outflows in the last 90 days ÷ 3.",
    ),
    info("dsti", "debt_service_avg ÷ income_90d_avg."),
    info(
        "dsti_with_new_loan",
        "(debt_service_avg + the proposed instalment, 0 when none) ÷ income_90d_avg.",
    ),
    info(
        "free_cash_flow_avg",
        "income_90d_avg − essential_exp_avg − debt_service_avg.",
    ),
    info(
        "net_cash_flow",
        "Credits − debits in the last 90 days, own transfers aside.",
    ),
    info(
        "loan_proceeds_90d",
        "Loan disbursements received in the last 90 days: count, sum, days since the last.",
    ),
    info(
        "days_since_last_loan_proceeds",
        "Days from the last loan disbursement to the as-of date.",
    ),
    info(
        "nonbank_lenders_count",
        "Distinct non-bank (payday) lenders paid or received from in the last 90 days.",
    ),
    info(
        "nonbank_repayment_share",
        "DEBT_NONBANK ÷ all DEBT_* outflows, last 90 days.",
    ),
    info(
        "card_repayment_trend",
        "Least-squares slope of monthly card repayments over the last six full months ÷ their mean.",
    ),
    info(
        "avg_daily_balance",
        "Mean end-of-day balance over the last 90 days (deposit accounts summed).",
    ),
    info(
        "min_balance",
        "Lowest end-of-day balance in the last 90 days (deposit accounts summed).",
    ),
    info(
        "min_balance_date",
        "The day of min_balance (the first such day).",
    ),
    info(
        "negative_balance_days",
        "Days in the last 90 on which some deposit account ended below zero.",
    ),
    info(
        "overdraft_max_depth",
        "Most negative end-of-day balance of one account in the last 90 days (0 when never negative).",
    ),
    info(
        "balance_before_payday_avg",
        "Mean end-of-day balance on the day before each salary (else pension) credit, last 90 days.",
    ),
    info(
        "end_balance",
        "End-of-day balance on the as-of date (deposit accounts summed).",
    ),
    info(
        "gambling_out_sum_90d",
        "Stakes paid to betting, casino and lottery operators in the last 90 days.",
    ),
    info(
        "gambling_to_income",
        "gambling_out_sum_90d ÷ income of the last 90 days.",
    ),
    info(
        "gambling_months",
        "Calendar months with any stake, whole history.",
    ),
    info(
        "gambling_net",
        "Gambling payouts − stakes in the last 90 days.",
    ),
    info(
        "bailiff_events",
        "Seizures by and payments to court bailiffs, whole history: count, sum, days since the last.",
    ),
    info(
        "debt_collection_events",
        "Payments to debt-collection agencies, whole history: count, sum, days since the last.",
    ),
    info(
        "returned_payments_count",
        "Returned or rejected direct debits and transfers, whole history.",
    ),
    info(
        "penalty_fees_count",
        "Fees caused by distress (refused debits, reminders, default interest), whole history.",
    ),
    info(
        "cash_withdrawal_to_income",
        "ATM and counter withdrawals ÷ income, last 90 days.",
    ),
    info(
        "large_unexplained_inflows",
        "Credits above 1.5 × the average credit of the last 90 days that are not income, loans or own transfers.",
    ),
    info(
        "salary_passthrough",
        "True when at least half of the last 90 days' salaries were at least 80 % moved on (own, P2P, savings) the same or next day.",
    ),
    info(
        "round_tripping",
        "Same-amount credit and debit pairs with one counterparty within 3 days, last 90 days.",
    ),
    info(
        "self_employed_indicator",
        "True when private ZUS/KRUS contributions or invoice receipts appear, whole history.",
    ),
    info(
        "label_coverage",
        "Share of transactions carrying at least one Kontomatik label.",
    ),
    info(
        "label_vs_local_disagreements",
        "Transactions whose Kontomatik label maps to another category than the local rules give.",
    ),
    info(
        "kontomatik_score",
        "Kontomatik's own Score, verbatim (an external opinion, 0–1, higher is better).",
    ),
    info(
        "kontomatik_percentile",
        "Kontomatik's percentile against its training population, verbatim.",
    ),
    info("kontomatik_tier", "Kontomatik's tier letter, verbatim."),
    info(
        "kontomatik_model",
        "The id of the Kontomatik model the Score comes from.",
    ),
];

/// Every metric's definition, in §5.2's order.
pub fn catalog() -> &'static [MetricInfo] {
    CATALOG
}

/// The definition of a metric by name (`income_by_category_INC_SALARY` finds the pattern entry).
pub fn describe(name: &str) -> Option<&'static MetricInfo> {
    CATALOG.iter().find(|entry| {
        entry.name == name
            || entry
                .name
                .strip_suffix('*')
                .is_some_and(|prefix| name.starts_with(prefix))
    })
}
